package standards

import (
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
	"github.com/continuum-planner/planner/storage/workbook"
)

// Canvas LMS keeps outcomes and outcome groups in one CSV file, one row
// each (Canvas's doc/api/outcomes_csv.md; read by
// lib/outcomes/csv_importer.rb and lib/outcomes/import.rb, written by the
// account report gems/plugins/account_reports/lib/account_reports/outcome_export.rb).
// The columns are named by the header and may come in any order; the
// column headed "ratings" and every column after it hold the outcome's
// rating tiers as pairs of points and description, highest points first.

// The columns Canvas's importer requires.
var canvasRequired = []string{"vendor_guid", "object_type", "title"}

// The other columns Canvas's importer knows.
var canvasOptional = []string{"canvas_id", "course_id", "description", "friendly_description", "display_name",
	"parent_guids", "calculation_method", "calculation_int", "mastery_points", "workflow_state"}

// The object types of a row.
const (
	canvasGroup   = "group"
	canvasOutcome = "outcome"
)

// IsCanvas reports whether a header row is that of a Canvas outcomes CSV:
// it names the vendor_guid and object_type columns, which no other
// format uses together.
func IsCanvas(header []string) bool {
	seen := map[string]bool{}
	for _, h := range header {
		seen[canvasHeaderName(h)] = true
	}
	return seen["vendor_guid"] && seen["object_type"]
}

// canvasHeaderName is a header cell as Canvas names its columns: trimmed
// (of a byte order mark too), lower case, spaces as underscores ("Vendor
// GUID" → "vendor_guid").
func canvasHeaderName(h string) string {
	return strings.Join(strings.Fields(strings.ToLower(strings.TrimPrefix(h, "\uFEFF"))), "_")
}

// canvasHeader is what the header row says.
type canvasHeader struct {
	num     int            // the header's row number
	col     map[string]int // known column → its index
	ratings int            // index of the first rating cell: the "ratings" column, else the header's width
	hasRate bool           // the header has a "ratings" column
}

// readCanvasHeader reads the header row: the known columns, the ratings
// column, and warnings for the columns Canvas would refuse. A header
// without the required columns is a *Problem.
func readCanvasHeader(row workbook.TextRow, fw *framework.Framework) (*canvasHeader, error) {
	h := &canvasHeader{num: row.Num, col: map[string]int{}, ratings: len(row.Fields)}
	known := append(slices.Clone(canvasRequired), canvasOptional...)
	var found, unknown, after []string
	for i, cell := range row.Fields {
		name := canvasHeaderName(cell)
		switch {
		case name == "":
		case h.hasRate:
			after = append(after, strings.TrimSpace(cell))
		case name == "ratings":
			h.hasRate, h.ratings = true, i
		case !slices.Contains(known, name):
			unknown = append(unknown, strings.TrimSpace(cell))
		case h.has(name):
			fw.Warnings = append(fw.Warnings, framework.Warning{Place: h.place(i, cell),
				Message: fmt.Sprintf("column %s appears twice; the first one is read", name)})
		default:
			h.col[name] = i
		}
		if name != "" {
			found = append(found, strings.TrimSpace(cell))
		}
	}
	var missing []string
	for _, name := range canvasRequired {
		if !h.has(name) {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		return nil, &Problem{Place: framework.Place{Row: row.Num}, Message: fmt.Sprintf(
			"this is not a Canvas outcomes file: its header has %s but lacks %s, which Canvas requires; "+
				"export the outcomes from Canvas (Outcomes, Export) or add the missing columns",
			canvasList(found), strings.Join(missing, ", "))}
	}
	if len(unknown) > 0 {
		fw.Warnings = append(fw.Warnings, framework.Warning{Place: framework.Place{Row: row.Num}, Message: fmt.Sprintf(
			"columns %s are not Canvas outcome columns; they are left out (Canvas itself refuses a file with them)", strings.Join(unknown, ", "))})
	}
	if len(after) > 0 {
		fw.Warnings = append(fw.Warnings, framework.Warning{Place: framework.Place{Row: row.Num}, Message: fmt.Sprintf(
			"columns %s come after ratings, where only rating tiers belong; their cells are read as rating tiers", strings.Join(after, ", "))})
	}
	return h, nil
}

func (h *canvasHeader) has(name string) bool { _, ok := h.col[name]; return ok }

// place is the place of column i in the header row.
func (h *canvasHeader) place(i int, field string) framework.Place {
	return framework.Place{Row: h.num, Column: canvasColumnName(i), Field: strings.TrimSpace(field)}
}

// canvasList writes header names for a message, or "no column names".
func canvasList(names []string) string {
	if len(names) == 0 {
		return "no column names"
	}
	return strings.Join(names, ", ")
}

// canvasColumnName returns the spreadsheet letters of column i from 0: A … Z, AA.
func canvasColumnName(i int) string {
	if i < 0 {
		return ""
	}
	var b []byte
	for i++; i > 0; i = (i - 1) / 26 {
		b = append(b, byte('A'+(i-1)%26))
	}
	slices.Reverse(b)
	return string(b)
}

// canvasRow is one data row with its header.
type canvasRow struct {
	h      *canvasHeader
	num    int
	fields []string
}

// get returns the trimmed cell of a known column, "" when absent.
func (r canvasRow) get(name string) string {
	i, ok := r.h.col[name]
	if !ok || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// place returns the place of a known column in the row; the row alone
// when the column is absent.
func (r canvasRow) place(name string) framework.Place {
	p := framework.Place{Row: r.num}
	if i, ok := r.h.col[name]; ok {
		p.Column, p.Field = canvasColumnName(i), name
	}
	return p
}

// ratingCells returns the row's rating cells, trailing blanks dropped as
// Canvas drops them.
func (r canvasRow) ratingCells() []string {
	if r.h.ratings >= len(r.fields) {
		return nil
	}
	cells := r.fields[r.h.ratings:]
	for len(cells) > 0 && strings.TrimSpace(cells[len(cells)-1]) == "" {
		cells = cells[:len(cells)-1]
	}
	return cells
}

// canvasEntry is what the reader keeps of an item beside the item itself.
type canvasEntry struct {
	item    int    // index in Framework.Items
	kind    string // canvasGroup or canvasOutcome
	title   string
	display string
	// parents are the parent guids as written, before they are checked.
	parents []string
	// scale is the outcome's scale read from its rating tiers, nil when
	// they cannot make one.
	scale *continuum.Scale
	// method is the outcome's calculation method; nil when the file has no
	// calculation columns.
	method *continuum.Method
}

// canvasReader reads the rows of one file.
type canvasReader struct {
	fw      *framework.Framework
	h       *canvasHeader
	entries []canvasEntry
	keys    map[string]int // "kind key" → entry, to find duplicates
	deleted map[string]bool
	// anyRatings says some row gives rating tiers; noMethod lists the
	// outcomes without a calculation method, noRatings those without
	// ratings, in a file that has the columns.
	anyRatings          bool
	noMethod, noRatings []string
}

// ReadCanvas reads a Canvas LMS outcomes CSV (as Canvas exports it, or as
// its importer accepts it) into a framework: groups become grouping items,
// outcomes items that become targets, each keyed by its vendor_guid and
// keeping it as its source identity. An outcome's parent_guids may name
// several groups: the first is where it sits, the others are kept (see
// balanceParents for when another comes first). Rows marked deleted are
// left out. The ratings and mastery_points give the scale (the most common
// one, when outcomes differ), calculation_method and calculation_int the
// method (see canvasMethod). Descriptions, which Canvas keeps as HTML, are
// read as plain text (HTMLToText). Whatever Canvas itself would refuse or
// that cannot be kept is said in Framework.Warnings. A file that is not a
// Canvas outcomes file gives a *Problem. The framework's name is left for
// the caller to give (from the file's name).
func ReadCanvas(raw []byte) (*framework.Framework, error) {
	_, rows, err := workbook.ReadDelimited(raw)
	if err != nil {
		return nil, fmt.Errorf("read Canvas outcomes: %w", err)
	}
	if len(rows) == 0 {
		return nil, &Problem{Message: "the file is empty; expected a Canvas outcomes CSV: a header row (vendor_guid, object_type, title …) and a row per outcome or group"}
	}
	fw := &framework.Framework{Origin: continuum.Origin{Format: continuum.FormatCanvas}}
	h, err := readCanvasHeader(rows[0], fw)
	if err != nil {
		return nil, err
	}
	r := &canvasReader{fw: fw, h: h, keys: map[string]int{}, deleted: map[string]bool{}}
	for _, row := range rows[1:] {
		r.readRow(canvasRow{h: h, num: row.Num, fields: row.Fields})
	}
	r.separateKeys()
	r.resolveParents()
	r.balanceParents()
	r.assignCodes()
	r.settleScale()
	r.settleMethod()
	r.setTitle()
	return fw, nil
}

// warn adds a warning at place.
func (r *canvasReader) warn(place framework.Place, format string, args ...any) {
	r.fw.Warnings = append(r.fw.Warnings, framework.Warning{Place: place, Message: fmt.Sprintf(format, args...)})
}

// readRow reads one data row into an item, or leaves it out with a warning.
func (r *canvasReader) readRow(row canvasRow) {
	kind := strings.ToLower(row.get("object_type"))
	switch kind {
	case canvasGroup, canvasOutcome:
	case "":
		r.warn(row.place("object_type"), "object_type is empty; expected group or outcome, so the row is left out")
		return
	default:
		r.warn(row.place("object_type"), "object_type %q is neither group nor outcome; the row is left out", row.get("object_type"))
		return
	}
	key, guid := r.keyOf(row, kind)
	if r.skipState(row, kind, key) {
		return
	}
	if at, dup := r.keys[kind+" "+key]; dup {
		r.warn(row.place("vendor_guid"), "%s %s already appeared in row %d; Canvas refuses it twice, so this row is left out",
			kind, key, r.fw.Items[r.entries[at].item].Place.Row)
		return
	}
	title := row.get("title")
	if title == "" {
		title = row.get("display_name")
		if title == "" {
			title = canvasFirstLine(HTMLToText(row.get("description")))
		}
		if title == "" {
			r.warn(row.place("title"), "%s %s has no title, display name or description; the row is left out", kind, key)
			return
		}
		r.warn(row.place("title"), "%s %s has no title, which Canvas requires; it is named %q", kind, key, title)
	}
	it := framework.Item{Key: key, Source: continuum.SourceRef{ID: guid, Kind: kind}, Kind: kind, Short: title,
		Statement: HTMLToText(row.get("description")), IsGroup: kind == canvasGroup, Place: framework.Place{Row: row.num}}
	e := canvasEntry{item: len(r.fw.Items), kind: kind, title: title, display: row.get("display_name")}
	e.parents = canvasUnique(strings.Fields(row.get("parent_guids")))
	if kind == canvasGroup {
		it.Code = canvasCodeOf(e.display)
		r.checkGroupFields(row, key)
	} else {
		if it.Statement == "" {
			it.Statement = HTMLToText(row.get("friendly_description"))
		}
		r.readScoring(row, key, &e)
	}
	r.keys[kind+" "+key] = len(r.entries)
	r.entries = append(r.entries, e)
	r.fw.Items = append(r.fw.Items, it)
}

// keyOf returns the row's key and its vendor_guid as Canvas would export
// it: the vendor_guid; without one, Canvas's own name for the record
// from canvas_id ("canvas_outcome:12"); without either, a key from the row
// number, with a warning.
func (r *canvasReader) keyOf(row canvasRow, kind string) (key, guid string) {
	guid = row.get("vendor_guid")
	if guid != "" {
		if strings.ContainsFunc(guid, canvasSpace) {
			r.warn(row.place("vendor_guid"), "vendor_guid %q holds spaces, which Canvas refuses; nothing can name it as a parent", guid)
		}
		return guid, guid
	}
	if id := row.get("canvas_id"); id != "" {
		prefix := "canvas_outcome:"
		if kind == canvasGroup {
			prefix = "canvas_outcome_group:"
		}
		return prefix + id, prefix + id
	}
	key = fmt.Sprintf("row-%d", row.num)
	r.warn(row.place("vendor_guid"), "this %s has neither a vendor_guid nor a canvas_id; it is called %s here, and nothing can name it as a parent", kind, key)
	return key, ""
}

// skipState reads workflow_state: a deleted row is left out (true); a
// state Canvas does not know is read as active, with a warning.
func (r *canvasReader) skipState(row canvasRow, kind, key string) bool {
	switch st := strings.ToLower(row.get("workflow_state")); st {
	case "", "active":
	case "deleted":
		r.warn(row.place("workflow_state"), "%s %s is marked deleted; it is left out", kind, key)
		if kind == canvasGroup {
			r.deleted[key] = true
		}
		return true
	default:
		r.warn(row.place("workflow_state"), "workflow_state %q is neither active nor deleted; %s %s is read as active", row.get("workflow_state"), kind, key)
	}
	return false
}

// checkGroupFields warns of the outcome-only fields a group row fills,
// which Canvas refuses on a group.
func (r *canvasReader) checkGroupFields(row canvasRow, key string) {
	var filled []string
	for _, name := range []string{"calculation_method", "calculation_int", "mastery_points"} {
		if row.get(name) != "" {
			filled = append(filled, name)
		}
	}
	if len(row.ratingCells()) > 0 {
		filled = append(filled, "ratings")
	}
	if len(filled) > 0 {
		r.warn(framework.Place{Row: row.num}, "group %s fills %s, which only outcomes have; they are left out", key, strings.Join(filled, ", "))
	}
}

// readScoring reads an outcome's ratings, mastery points and method.
func (r *canvasReader) readScoring(row canvasRow, key string, e *canvasEntry) {
	cells := row.ratingCells()
	if len(cells) > 0 {
		r.anyRatings = true
		e.scale = r.readRatings(row, key, cells)
	} else if r.h.hasRate {
		r.noRatings = append(r.noRatings, key)
		e.scale = canvasDefaultScale(row.get("mastery_points"))
	}
	if !r.h.has("calculation_method") && !r.h.has("calculation_int") {
		return
	}
	name, n := row.get("calculation_method"), row.get("calculation_int")
	if name == "" {
		r.noMethod = append(r.noMethod, key)
	}
	m, problems := canvasMethod(name, n)
	for _, p := range problems {
		r.warn(row.place("calculation_method"), "outcome %s: %s", key, p)
	}
	e.method = m
}

// canvasUnique returns xs without repeats, in order.
func canvasUnique(xs []string) []string {
	var out []string
	for _, x := range xs {
		if !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	return out
}

// canvasSpace reports a rune Canvas counts as a space in a vendor_guid.
func canvasSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v'
}

// separateKeys gives an outcome whose vendor_guid is also a group's a key
// of its own: Canvas keeps groups and outcomes apart, so both may use it,
// but parents name groups only, so the group keeps the plain key.
func (r *canvasReader) separateKeys() {
	for _, e := range r.entries {
		if e.kind != canvasOutcome {
			continue
		}
		it := &r.fw.Items[e.item]
		if _, clash := r.keys[canvasGroup+" "+it.Key]; clash {
			old := it.Key
			it.Key = "outcome:" + old
			r.warn(it.Place, "outcome %s has the vendor_guid of a group; it is called %s here, and keeps %s as its Canvas identity", old, it.Key, old)
		}
	}
}

// resolveParents keeps the parents that are groups of the file; a parent
// that is an outcome, a deleted group or nowhere is left out with a
// warning, and the row then sits higher (at the top when none is left).
func (r *canvasReader) resolveParents() {
	for _, e := range r.entries {
		it := &r.fw.Items[e.item]
		var kept []string
		for _, p := range e.parents {
			_, isGroup := r.keys[canvasGroup+" "+p]
			_, isOutcome := r.keys[canvasOutcome+" "+p]
			switch {
			case isGroup && p == it.Key && e.kind == canvasGroup:
				r.warn(it.Place, "group %s names itself as its parent; that parent is left out", it.Key)
			case isGroup:
				kept = append(kept, p)
			case r.deleted[p]:
				r.warn(it.Place, "%s %s sits in group %s, which is marked deleted; it is placed without that parent", e.kind, it.Key, p)
			case isOutcome:
				r.warn(it.Place, "%s %s names outcome %s as its parent, but Canvas places things only in groups; that parent is left out", e.kind, it.Key, p)
			default:
				r.warn(it.Place, "%s %s sits in group %s, which is nowhere in the file; it is placed without that parent", e.kind, it.Key, p)
			}
		}
		if e.kind == canvasGroup && len(kept) > 1 {
			r.warn(it.Place, "group %s has %d parents, and Canvas gives a group one; it sits in %s and keeps the others as links", it.Key, len(kept), kept[0])
		}
		it.Parents = kept
	}
}

// balanceParents lets a group that would otherwise hold nothing be where
// one of its outcomes sits. Canvas ranks none of an outcome's groups above
// the others (its export lists them by the groups' ids), but the first
// parent is where an outcome sits here, and a group that no outcome sits
// in is left out when built; so an outcome that lists such a group after
// another moves it first, when the group it leaves still holds something.
func (r *canvasReader) balanceParents() {
	h := r.newHolding()
	for _, g := range r.entries {
		key := r.fw.Items[g.item].Key
		if g.kind != canvasGroup || h.holds[key] {
			continue
		}
		for _, i := range h.listedBy[key] {
			it := &r.fw.Items[r.entries[i].item]
			at := slices.Index(it.Parents, key)
			if at < 1 || !h.canLeave(it.Parents[0], key) {
				continue
			}
			h.prim[it.Parents[0]]--
			it.Parents = append([]string{key}, slices.Delete(it.Parents, at, at+1)...)
			h.add(key)
			break
		}
	}
}

// canvasHolding says which groups hold an outcome, where they are or below.
type canvasHolding struct {
	up       map[string]string // group → the group it sits in
	prim     map[string]int    // group → outcomes that sit in it
	kids     map[string]int    // group → groups in it that hold something
	holds    map[string]bool
	listedBy map[string][]int // group → entries of the outcomes that list it after their first parent
	limit    int              // the longest walk up, against loops
}

// newHolding counts where the outcomes sit.
func (r *canvasReader) newHolding() *canvasHolding {
	h := &canvasHolding{up: map[string]string{}, prim: map[string]int{}, kids: map[string]int{}, holds: map[string]bool{},
		listedBy: map[string][]int{}, limit: len(r.entries)}
	for _, e := range r.entries {
		if it := &r.fw.Items[e.item]; e.kind == canvasGroup && len(it.Parents) > 0 {
			h.up[it.Key] = it.Parents[0]
		}
	}
	for i, e := range r.entries {
		it := &r.fw.Items[e.item]
		if e.kind != canvasOutcome || len(it.Parents) == 0 {
			continue
		}
		for _, p := range it.Parents[1:] {
			h.listedBy[p] = append(h.listedBy[p], i)
		}
		h.prim[it.Parents[0]]++
		h.add(it.Parents[0])
	}
	return h
}

// add marks g as holding, and the groups above it.
func (h *canvasHolding) add(g string) {
	for steps := 0; g != "" && steps <= h.limit; steps++ {
		if h.holds[g] {
			return
		}
		h.holds[g] = true
		g = h.up[g]
		if g != "" {
			h.kids[g]++
		}
	}
}

// canLeave reports whether an outcome may leave group from for group to:
// from still holds something afterwards, another outcome or a group in
// it that holds, or to itself, when to sits below from.
func (h *canvasHolding) canLeave(from, to string) bool {
	if h.prim[from] > 1 || h.kids[from] > 0 {
		return true
	}
	for g, steps := h.up[to], 0; g != "" && steps <= h.limit; g, steps = h.up[g], steps+1 {
		if g == from {
			return true
		}
	}
	return false
}

// setTitle names the origin after the one group at the top, when the file
// has exactly one and nothing else sits at the top.
func (r *canvasReader) setTitle() {
	title := ""
	for _, e := range r.entries {
		if len(r.fw.Items[e.item].Parents) > 0 {
			continue
		}
		if e.kind != canvasGroup || title != "" {
			return
		}
		title = e.title
	}
	r.fw.Origin.Title = title
}
