package standards

import (
	"fmt"
	"reflect"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// moodleNotesLimit bounds how many warnings of one kind are given one by one.
const moodleNotesLimit = 10

// moodleNotes gathers a reader's warnings, counting the repeats of a kind
// past moodleNotesLimit into one last warning.
type moodleNotes struct {
	list   []framework.Warning
	counts map[string]int
	order  []string
}

// add records a warning of kind ("" for one never capped).
func (n *moodleNotes) add(kind string, place framework.Place, message string) {
	if kind != "" {
		if n.counts == nil {
			n.counts = map[string]int{}
		}
		if n.counts[kind] == 0 {
			n.order = append(n.order, kind)
		}
		n.counts[kind]++
		if n.counts[kind] > moodleNotesLimit {
			return
		}
	}
	n.list = append(n.list, framework.Warning{Place: place, Message: message})
}

// flush returns the warnings, with one for each kind's uncounted repeats.
func (n *moodleNotes) flush() []framework.Warning {
	out := n.list
	for _, k := range n.order {
		if extra := n.counts[k] - moodleNotesLimit; extra > 0 {
			out = append(out, framework.Warning{Message: fmt.Sprintf("%d more rows like the above (%s)", extra, k)})
		}
	}
	return out
}

// resolveParents gives every entry its parent, a key and a depth. A parent
// ID number that names no row, or names the framework, puts the entry at
// the top, as does a loop of parents; Moodle's importer would leave such
// competencies out, so each gets a warning.
func (r *moodleReader) resolveParents() {
	keys := map[string]bool{r.fwKey: true}
	for id := range r.byID {
		keys[id] = true
	}
	for i := range r.entries {
		e := &r.entries[i]
		e.key = e.id
		if e.key == "" {
			e.key = moodleUnique(fmt.Sprintf("row-%d", e.num), keys)
		}
		if e.parent == "" {
			continue
		}
		at, ok := r.byID[e.parent]
		switch {
		case ok:
			e.at = at
		case e.parent == r.frameID:
			r.notes.add("parent is framework", r.place(e.num, moodleParent), fmt.Sprintf(
				"the parent ID number %s is the framework's; Moodle's importer expects it empty for a competency at the top and would leave this one out; it is placed at the top", e.parent))
		default:
			r.notes.add("missing parent", r.place(e.num, moodleParent), fmt.Sprintf(
				"the parent ID number %s names no competency in the file; Moodle's importer would leave this competency out, with those under it; it is placed at the top", e.parent))
		}
	}
	r.breakLoops()
	for i := range r.entries {
		r.depthOf(i)
	}
}

// moodleUnique returns key, or key with a number, not yet in taken, and takes it.
func moodleUnique(key string, taken map[string]bool) string {
	k := key
	for n := 2; taken[k]; n++ {
		k = fmt.Sprintf("%s-%d", key, n)
	}
	taken[k] = true
	return k
}

// breakLoops puts at the top the first entry, in row order, of each loop
// of parents.
func (r *moodleReader) breakLoops() {
	state := make([]byte, len(r.entries)) // 0 unseen, 1 on this walk, 2 done
	for i := range r.entries {
		var walk []int
		j := i
		for j >= 0 && state[j] == 0 {
			state[j] = 1
			walk = append(walk, j)
			j = r.entries[j].at
		}
		if j >= 0 && state[j] == 1 { // the walk came back on itself: a loop through j
			first := j
			for k := r.entries[j].at; k != j; k = r.entries[k].at {
				if r.entries[k].num < r.entries[first].num {
					first = k
				}
			}
			e := &r.entries[first]
			r.notes.add("loop", r.place(e.num, moodleParent), fmt.Sprintf(
				"competency %s sits, through its parents, under itself; Moodle's importer would leave the loop out; %s is placed at the top", e.key, e.key))
			e.at = -1
		}
		for _, k := range walk {
			state[k] = 2
		}
	}
}

// depthOf returns entry i's depth: 1 at the top.
func (r *moodleReader) depthOf(i int) int {
	e := &r.entries[i]
	if e.depth == 0 {
		e.depth = 1
		if e.at >= 0 {
			e.depth = r.depthOf(e.at) + 1
		}
	}
	return e.depth
}

// termAt returns the taxonomy term of depth d, "competency" past the
// taxonomy's end, as Moodle's competency_framework::get_taxonomy does.
func (r *moodleReader) termAt(d int) string {
	if d >= 1 && d <= len(r.terms) && r.terms[d-1] != "" {
		return r.terms[d-1]
	}
	return moodleDefaultTerm
}

// makeItems adds an item for each competency, in row order.
func (r *moodleReader) makeItems() {
	for _, e := range r.entries {
		kind := r.termAt(e.depth)
		parent := r.fwKey
		if e.at >= 0 {
			parent = r.entries[e.at].key
		}
		it := framework.Item{Key: e.key, Source: continuum.SourceRef{ID: e.id, Kind: kind}, Code: e.id,
			Short: e.short, Statement: e.text, Kind: kind, Parents: []string{parent}, Place: r.place(e.num, moodleID)}
		if it.Statement == "" {
			it.Statement = e.short
		}
		if e.scale != nil && (r.scale == nil || !reflect.DeepEqual(*e.scale, *r.scale)) {
			it.Scale = e.scale
		}
		r.fw.Items = append(r.fw.Items, it)
	}
}

// relate turns the cross-referenced competencies into "isRelatedTo"
// associations. Moodle keeps one relation per pair and lists it on both
// rows, so a pair gives one association. An ID number that names no row
// is kept as a link outside the file, with a warning: Moodle's importer
// ignores it.
func (r *moodleReader) relate() {
	seen := map[[2]string]bool{}
	for _, e := range r.entries {
		if e.related == "" || e.id == "" {
			continue
		}
		for _, raw := range strings.Split(e.related, ",") {
			id := strings.TrimSpace(strings.ReplaceAll(raw, "%2C", ","))
			if id == "" || id == e.id {
				continue
			}
			pair := [2]string{min(e.id, id), max(e.id, id)}
			if seen[pair] {
				continue
			}
			seen[pair] = true
			a := framework.Association{Kind: "isRelatedTo", From: e.key, To: id, Place: r.place(e.num, moodleRelated)}
			if _, ok := r.byID[id]; !ok {
				a.ToTitle = id
				r.notes.add("related outside", a.Place, fmt.Sprintf(
					"the cross-referenced ID number %s names no competency in the file; Moodle's importer ignores it; it is kept as a link to something outside", id))
			}
			r.fw.Associations = append(r.fw.Associations, a)
		}
	}
}

// noteRules names, in one warning, the rows with a competency rule: a
// continuum judges every target by its own evidence, so rules are not kept.
func (r *moodleReader) noteRules() {
	var rows []string
	for _, row := range r.rows {
		if r.frame != nil && row.Num == r.frame.Num {
			continue
		}
		kind, outcome, config := r.get(row, moodleRuleType), r.get(row, moodleRuleOutcome), r.get(row, moodleRuleConfig)
		if kind != "" || (outcome != "" && outcome != "0") || (config != "" && !strings.EqualFold(config, "null")) {
			rows = append(rows, fmt.Sprint(row.Num))
		}
	}
	if len(rows) == 0 {
		return
	}
	r.notes.add("", framework.Place{Field: r.headerOf(moodleRuleType)}, fmt.Sprintf(
		"%s give a competency rule (%s); a continuum judges each target on its own evidence, so the rules are not kept",
		moodleRows(rows), strings.Join([]string{r.headerOf(moodleRuleType), r.headerOf(moodleRuleOutcome), r.headerOf(moodleRuleConfig)}, ", ")))
}

// moodleRows names rows for a message: "row 3", "rows 3, 7 and 9",
// "rows 1, 2 … 10 and 4 more".
func moodleRows(rows []string) string {
	switch n := len(rows); {
	case n == 1:
		return "row " + rows[0]
	case n > 10:
		return fmt.Sprintf("rows %s and %d more", strings.Join(rows[:10], ", "), n-10)
	default:
		return "rows " + strings.Join(rows[:n-1], ", ") + " and " + rows[n-1]
	}
}

// moodleUsed are the columns the reader keeps (the rule columns have their own warning).
var moodleUsed = map[string]bool{moodleParent: true, moodleID: true, moodleShort: true, moodleDescription: true,
	moodleFormat: true, moodleScaleValues: true, moodleScaleConfig: true, moodleRelated: true,
	moodleIsFramework: true, moodleTaxonomy: true, moodleRuleType: true, moodleRuleOutcome: true, moodleRuleConfig: true}

// noteUnused names, in one warning, the columns with values that are not read.
func (r *moodleReader) noteUnused() {
	var unused []string
	for i := 0; i < r.width(); i++ {
		name := ""
		if i < len(r.header) {
			name = moodleColumnName(r.header[i])
		}
		if moodleUsed[name] && r.col[name] == i {
			continue
		}
		if !r.hasValues(i) {
			continue
		}
		h := ""
		if i < len(r.header) {
			h = strings.TrimSpace(r.header[i])
		}
		switch {
		case h == "":
			unused = append(unused, "column "+moodleColumnLetter(i)+" (no header)")
		case name == moodleExportID:
			unused = append(unused, fmt.Sprintf("%q (column %s, Moodle's database ids)", h, moodleColumnLetter(i)))
		default:
			unused = append(unused, fmt.Sprintf("%q (column %s)", h, moodleColumnLetter(i)))
		}
	}
	if len(unused) > 0 {
		r.notes.add("", framework.Place{}, "these columns are not read: "+strings.Join(unused, ", "))
	}
}

// width returns the number of columns of the widest row.
func (r *moodleReader) width() int {
	w := len(r.header)
	for _, row := range r.rows {
		w = max(w, len(row.Fields))
	}
	return w
}

// hasValues reports whether any data row has a value in column i.
func (r *moodleReader) hasValues(i int) bool {
	for _, row := range r.rows {
		if i < len(row.Fields) && strings.TrimSpace(row.Fields[i]) != "" {
			return true
		}
	}
	return false
}
