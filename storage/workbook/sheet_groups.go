package workbook

import (
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// The columns of the Groups sheet, by index into groupCols.
const (
	gcKey = iota
	gcCode
	gcName
	gcStatement
	gcDomain
	gcParent
	gcLevel
	gcSourceID // the first of the source columns (sourceColumns)
	gcLinks    = gcSourceID + sourceColumnCount
)

var groupCols = slices.Concat([]column{
	gcKey:       {names: []string{"Key", "Group key", "Group"}, required: true, expect: "the group's key, unique in the continuum, without /"},
	gcCode:      {names: []string{"Code", "Group code"}, expect: "the group's code in its source, such as 3.OA.A"},
	gcName:      {names: []string{"Name", "Title"}, expect: "the group's short title"},
	gcStatement: {names: []string{"Statement", "Description"}, expect: "what the group says of its own"},
	gcDomain:    {names: []string{"Domain", "Strand"}, expect: "a domain of the continuum"},
	gcParent:    {names: []string{"Parent", "Parent key", "Sits in"}, expect: "the key of the group this one sits in, or blank at the top of its domain"},
	gcLevel:     {names: []string{"Level", "Grade"}, expect: "a level of the continuum, or blank"},
}, sourceColumns("group", "Cluster"), []column{
	{names: []string{"Links", "Associations"}, expect: linkExample},
})

// groupRow is a group as read, with its row.
type groupRow struct {
	g   continuum.Group
	row int
	bad bool
}

// groupsReader reads the Groups sheet. Its groups are settled once the
// targets have given the levels and domains; without a Groups sheet, the
// groups are those the Targets sheet's Group column names.
type groupsReader struct {
	st    *state
	c     *continuum.Continuum
	src   *continuumSheets
	known sheetsGiven
	table *table
	rows  []groupRow
	byKey map[string]int // lower-cased key → index in rows
}

// read reads the rows of the Groups sheet, when there is one.
func (gr *groupsReader) read() error {
	gr.byKey = map[string]int{}
	gr.src.refusedGroups = map[string]int{}
	ref, ok := gr.st.sheet(sheetGroups)
	if !ok {
		return nil
	}
	gr.src.groups = ref.name
	t, err := gr.st.readTable(ref, groupCols, true, nil, gr.row)
	gr.table = t
	return err
}

func (gr *groupsReader) row(r *row) {
	key, ok := r.require(gcKey, groupCols[gcKey].expect)
	if !ok {
		return
	}
	g := continuum.Group{Key: key, Code: r.str(gcCode), Name: r.text(gcName), Statement: r.text(gcStatement),
		Domain: r.str(gcDomain), Parent: r.str(gcParent), Level: r.str(gcLevel),
		Source: readSource(r, gcSourceID), Links: readLinks(r, gcLinks)}
	k := strings.ToLower(key)
	if first, dup := gr.byKey[k]; dup {
		r.problem(gcKey, "group key %s is already used on row %d; keys must be unique (capitals do not count)", key, gr.rows[first].row)
		return
	}
	if first, dup := gr.src.refusedGroups[k]; dup {
		r.problem(gcKey, "group key %s is already used on row %d; keys must be unique (capitals do not count)", key, first)
		return
	}
	if strings.Contains(key, "/") {
		r.problem(gcKey, "group key %q holds /; expected %s", key, groupCols[gcKey].expect)
	}
	if g.Name == "" && g.Statement == "" {
		r.problem(gcName, "Name and Statement are both empty; expected the group's name")
	}
	if r.bad {
		gr.src.refusedGroups[k] = r.num
		return
	}
	gr.byKey[k] = len(gr.rows)
	gr.rows = append(gr.rows, groupRow{g: g, row: r.num})
}

// problem reports a problem on column i of a group's row and refuses the group.
func (gr *groupsReader) problem(gi *groupRow, i int, format string, args ...any) {
	p := Problem{Sheet: gr.src.groups, Row: gi.row, Message: fmt.Sprintf(format, args...)}
	if t := gr.table; t != nil && t.has(i) {
		p.Column, p.Header = colName(t.at[i]), t.headers[t.at[i]]
	} else {
		p.Header = groupCols[i].names[0]
	}
	gr.st.problem(p)
	gi.bad = true
	gr.src.refusedGroups[strings.ToLower(gi.g.Key)] = gi.row
}

// settle checks the groups read against the continuum (domains, levels,
// parents, loops) and gives the continuum those that pass; without a
// Groups sheet, it makes the groups the targets name.
func (gr *groupsReader) settle(targets []targetRow) {
	if gr.src.groups == "" {
		gr.fromTargets(targets)
		return
	}
	gr.settleDomains()
	for i := range gr.rows {
		gi := &gr.rows[i]
		if gi.g.Level != "" && !gi.bad && gr.c.LevelIndex(gi.g.Level) < 0 {
			gr.problem(gi, gcLevel, "%q is not a level of the continuum; expected one of %s, or blank", gi.g.Level, strings.Join(gr.c.Levels, ", "))
		}
	}
	gr.checkParents()
	gr.c.Groups = nil
	for _, gi := range gr.rows {
		if !gi.bad {
			gr.c.Groups = append(gr.c.Groups, gi.g)
		}
	}
}

// fromTargets makes a group of each key the Targets sheet's Group column
// names, in the domain of the first target in it.
func (gr *groupsReader) fromTargets(targets []targetRow) {
	for _, row := range targets {
		if g := row.t.Group; g != "" && gr.c.GroupIndex(g) < 0 {
			gr.c.Groups = append(gr.c.Groups, continuum.Group{Key: g, Name: g, Domain: row.t.Domain})
		}
	}
}

// parentOf returns the row of a group's parent, or nil.
func (gr *groupsReader) parentOf(gi *groupRow) *groupRow {
	if gi.g.Parent == "" {
		return nil
	}
	if j, ok := gr.byKey[strings.ToLower(gi.g.Parent)]; ok {
		return &gr.rows[j]
	}
	return nil
}

// settleDomains gives a group without a domain its parent's, else the
// continuum's only domain, and checks that each domain exists; without a
// Domains sheet, a domain only groups name is added.
func (gr *groupsReader) settleDomains() {
	for range gr.rows { // enough passes for the deepest chain of parents
		changed := false
		for i := range gr.rows {
			gi := &gr.rows[i]
			if p := gr.parentOf(gi); gi.g.Domain == "" && p != nil && p.g.Domain != "" && p != gi {
				gi.g.Domain, changed = p.g.Domain, true
			}
		}
		if !changed {
			break
		}
	}
	c := gr.c
	for i := range gr.rows {
		gi := &gr.rows[i]
		switch {
		case gi.bad:
		case gi.g.Domain == "" && len(c.Domains) == 1:
			gi.g.Domain = c.Domains[0].Name
		case gi.g.Domain == "":
			gr.problem(gi, gcDomain, "is empty; expected one of the domains (%s), or a parent group that has one", domainNames(c))
		case c.DomainIndex(gi.g.Domain) >= 0:
			gi.g.Domain = c.Domains[c.DomainIndex(gi.g.Domain)].Name
		case !gr.known.domains:
			c.Domains = append(c.Domains, continuum.Domain{Name: gi.g.Domain, Category: continuum.Academic})
		default:
			gr.problem(gi, gcDomain, "%q is not a domain of the Domains sheet; expected one of %s", gi.g.Domain, domainNames(c))
		}
	}
}

// checkParents refuses a group whose parent is not a group of the sheet,
// is in another domain, or was refused, and groups that sit inside each
// other, until every group left sits in one that is kept.
func (gr *groupsReader) checkParents() {
	for i := range gr.rows {
		gi := &gr.rows[i]
		if gi.bad || gi.g.Parent == "" {
			continue
		}
		p := gr.parentOf(gi)
		switch {
		case p == nil && gr.src.refusedGroups[strings.ToLower(gi.g.Parent)] == 0:
			gr.problem(gi, gcParent, "%q is not a group key of this sheet; expected %s", gi.g.Parent, groupCols[gcParent].expect)
		case p != nil && p != gi && !p.bad && !strings.EqualFold(p.g.Domain, gi.g.Domain):
			gr.problem(gi, gcParent, "group %s is in domain %q, but its parent %s (row %d) is in %q; a group sits in a group of its own domain",
				gi.g.Key, gi.g.Domain, p.g.Key, p.row, p.g.Domain)
		}
	}
	gr.refuseLoops()
	for changed := true; changed; {
		changed = false
		for i := range gr.rows {
			gi := &gr.rows[i]
			if gi.bad || gi.g.Parent == "" {
				continue
			}
			if row, refused := gr.src.refusedGroups[strings.ToLower(gi.g.Parent)]; refused {
				gr.problem(gi, gcParent, "group %s sits in %s, which could not be read (row %d); fix that row first", gi.g.Key, gi.g.Parent, row)
				changed = true
			}
		}
	}
}

// refuseLoops reports each set of groups that sit inside each other once,
// on the row of its first group, naming the loop, and refuses them all.
func (gr *groupsReader) refuseLoops() {
	for i := range gr.rows {
		if gr.rows[i].bad {
			continue
		}
		var path []int
		for j := i; j >= 0 && !gr.rows[j].bad; {
			if k := slices.Index(path, j); k >= 0 {
				gr.reportLoop(path[k:])
				break
			}
			path = append(path, j)
			p := gr.parentOf(&gr.rows[j])
			if p == nil {
				break
			}
			j = gr.byKey[strings.ToLower(p.g.Key)]
		}
	}
}

// reportLoop reports a loop of groups (indexes into rows, each the
// parent's child) on the row of the first of them and refuses them all.
func (gr *groupsReader) reportLoop(loop []int) {
	first := slices.Min(loop)
	at := slices.Index(loop, first)
	names := make([]string, 0, len(loop)+1)
	for k := range loop {
		names = append(names, gr.rows[loop[(at+k)%len(loop)]].g.Key)
	}
	names = append(names, names[0])
	msg := fmt.Sprintf("groups sit inside each other: %s; give one of them another parent, or none", strings.Join(names, " → "))
	if len(loop) == 1 {
		msg = fmt.Sprintf("group %s sits inside itself; give it another parent, or none", names[0])
	}
	head := &gr.rows[first]
	gr.problem(head, gcParent, "%s", msg)
	for _, j := range loop {
		gr.rows[j].bad = true
		gr.src.refusedGroups[strings.ToLower(gr.rows[j].g.Key)] = gr.rows[j].row
	}
}

// warnLinks warns of links whose code names neither a target nor a group
// of the workbook: they are kept as written.
func (gr *groupsReader) warnLinks(b *Book, tr *targetsReader, rf *refs) {
	known := func(code string) bool {
		_, ok := rf.target(code)
		return ok || b.Continuum.GroupIndex(code) >= 0
	}
	warn := func(sheet string, row int, col, header string, l continuum.Link) {
		gr.st.warn(Problem{Sheet: sheet, Row: row, Column: col, Header: header, Message: fmt.Sprintf(
			"the link %s → %s names neither a target code nor a group key of this workbook; it is kept as written", l.Kind, l.Code)})
	}
	for i, t := range b.Targets {
		for _, l := range t.Links {
			if l.Code != "" && !known(l.Code) {
				col, h := tr.colOf(tcLinks)
				warn(b.Places.Targets[i].Sheet, b.Places.Targets[i].Row, col, h, l)
			}
		}
	}
	for _, gi := range gr.rows {
		if gi.bad {
			continue
		}
		for _, l := range gi.g.Links {
			if l.Code != "" && !known(l.Code) {
				col, h := "", groupCols[gcLinks].names[0]
				if gr.table != nil && gr.table.has(gcLinks) {
					col, h = colName(gr.table.at[gcLinks]), gr.table.headers[gr.table.at[gcLinks]]
				}
				warn(gr.src.groups, gi.row, col, h, l)
			}
		}
	}
}

// readLinks reads column i as a Links cell, reporting what it cannot read.
func readLinks(r *row, i int) []continuum.Link {
	s := r.text(i)
	if s == "" {
		return nil
	}
	links, err := parseLinks(s)
	if err != nil {
		r.problem(i, "%v; expected %s", err, linkExample)
		return nil
	}
	return links
}

// writeGroups writes the Groups sheet in the continuum's order.
func writeGroups(w *writer, c *continuum.Continuum) {
	widths := append([]float64{16, 14, 40, 50, 28, 16, 10}, append(sourceWidths(), 60)...)
	w.sheet(sheetGroups, colNames(groupCols), widths, func(add func(...any)) {
		for i := range c.Groups {
			g := &c.Groups[i]
			row := []any{g.Key, g.Code, w.wrapped(g.Name), w.wrapped(g.Statement), g.Domain, g.Parent, g.Level}
			row = append(row, sourceCells(w, g.Source)...)
			add(append(row, w.wrapped(formatLinks(g.Links)))...)
		}
	})
}
