package workbook

import (
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// The columns of the Targets sheet, by index into targetCols.
const (
	tcCode = iota
	tcDomain
	tcCategory
	tcLevel
	tcOrder
	tcStatement
	tcMilestone
	tcPrereqs
	tcRequired
	tcMethod
	tcUID
	tcGroup
	tcSourceID // the first of the source columns (sourceColumns)
	tcLinks    = tcSourceID + sourceColumnCount
)

var targetCols = slices.Concat([]column{
	tcCode:      {names: []string{"Code", "Target code", "ID"}, required: true, expect: "a code such as NUM.2.3 (up to 64 characters, no / , or ;)"},
	tcDomain:    {names: []string{"Domain", "Strand"}, expect: "the name of a domain"},
	tcCategory:  {names: []string{"Category"}, expect: "academic, transferable or lifelong"},
	tcLevel:     {names: []string{"Level", "Grade"}, expect: "a level of the continuum"},
	tcOrder:     {names: []string{"Order"}, expect: "the target's place among its domain and level, from 1"},
	tcStatement: {names: []string{"Statement", "Target", "I can", "Description"}, required: true, expect: "an \"I can\" statement"},
	tcMilestone: {names: []string{"Milestone"}, expect: "yes or no"},
	tcPrereqs:   {names: []string{"Prerequisites", "Prerequisite", "Requires"}, expect: "target codes separated by commas or semicolons"},
	tcRequired:  {names: []string{"Evidence required", "Demonstrations required", "Required"}, expect: "how many demonstrations are needed, such as 2"},
	tcMethod:    {names: []string{"Method", "Mastery method"}, expect: "a mastery method, or blank for the continuum's"},
	tcUID:       {names: []string{"UID", "Target UID"}, expect: "the target's identity as the program wrote it; leave blank for a new target"},
	tcGroup:     {names: []string{"Group", "Group key"}, expect: "the key of a group of the Groups sheet, or blank"},
}, sourceColumns("target", "Standard"), []column{
	{names: []string{"Links", "Associations"}, expect: linkExample},
})

// defaultLevel and defaultDomain are used when a list names no level or domain.
const (
	defaultLevel  = "Level 1"
	defaultDomain = "General"
)

// targetRow is a target as read, before levels and domains are settled.
type targetRow struct {
	t        continuum.Target
	row      int
	category string
	catCol   string
}

// targetsReader reads the Targets sheet. Without a Levels (Domains)
// sheet, the levels (domains) are those the targets name.
type targetsReader struct {
	st    *state
	c     *continuum.Continuum
	src   *continuumSheets
	known sheetsGiven
	table *table
	desc  []int // index into the table's columns of each scale point's descriptor column, parallel to Scale.Points
	rows  []targetRow
}

// read reads the rows, then settles the levels, domains and orders they leave open.
func (tr *targetsReader) read() error {
	ref, _ := tr.st.sheet(sheetTargets)
	t, err := tr.st.readTable(ref, slices.Clone(targetCols), true, func(t *table) {
		tr.desc = findDescriptorColumns(tr.st, t, tr.c.Scale.Points)
	}, tr.row)
	if err != nil {
		return err
	}
	tr.src.targets = ref.name
	tr.table = t
	if !tr.known.levels {
		tr.levelsFromRows()
	}
	if !tr.known.domains {
		tr.c.Domains = nil
	}
	for i := range tr.rows {
		tr.settleDomain(&tr.rows[i])
	}
	tr.settleOrders()
	return nil
}

func (tr *targetsReader) row(r *row) {
	row := targetRow{row: r.num}
	tg := &row.t
	var ok bool
	if tg.Code, ok = r.require(tcCode, targetCols[tcCode].expect); !ok {
		return
	}
	tg.Statement, _ = r.require(tcStatement, targetCols[tcStatement].expect)
	tg.Statement = normalizeNewlines(tg.Statement)
	tg.UID = r.str(tcUID)
	tg.Domain = r.str(tcDomain)
	tg.Level = r.str(tcLevel)
	row.category = r.str(tcCategory)
	if r.t.has(tcCategory) {
		row.catCol = colName(r.t.at[tcCategory])
	}
	if r.present(tcOrder) {
		tg.Order, _ = r.integer(tcOrder)
	}
	tg.Milestone, _ = r.flag(tcMilestone, "milestone")
	tg.Group = r.str(tcGroup)
	if strings.Contains(tg.Group, "/") {
		r.problem(tcGroup, "group key %q holds /; expected %s", tg.Group, targetCols[tcGroup].expect)
	}
	tg.Source = readSource(r, tcSourceID)
	tg.Links = readLinks(r, tcLinks)
	tg.Prerequisites = splitCodes(r.str(tcPrereqs))
	if r.present(tcRequired) {
		tg.EvidenceRequired, _ = r.integer(tcRequired)
	}
	if s := r.str(tcMethod); s != "" {
		m, err := continuum.ParseMethod(s)
		if err != nil {
			r.problemErr(tcMethod, err)
		} else {
			tg.Method = &m
		}
	}
	for k, ci := range tr.desc {
		if ci >= 0 {
			if s := r.text(ci); s != "" {
				tg.Descriptors = append(tg.Descriptors, continuum.Descriptor{Value: tr.c.Scale.Points[k].Value, Text: s})
			}
		}
	}
	if !r.bad {
		tr.rows = append(tr.rows, row)
	}
}

// levelsFromRows makes the levels those the targets name, when no sheet gives them.
func (tr *targetsReader) levelsFromRows() {
	rows := tr.rows
	var names []string
	for i := range rows {
		if rows[i].t.Level == "" {
			rows[i].t.Level = defaultLevel
		}
		names = append(names, rows[i].t.Level)
	}
	tr.c.Levels = orderLevels(names, func(i int) string { return rows[i].t.Domain })
	if len(tr.c.Levels) == 0 {
		tr.c.Levels = []string{defaultLevel}
	}
}

// settleDomain gives a row its domain, adding the domain when no sheet
// gives them, and checks the row's category against its domain's.
func (tr *targetsReader) settleDomain(row *targetRow) {
	c, known, sheet := tr.c, tr.known.domains, tr.src.targets
	if row.t.Domain == "" {
		switch {
		case known && len(c.Domains) == 1:
			row.t.Domain = c.Domains[0].Name
		case known:
			tr.st.problem(Problem{Sheet: sheet, Row: row.row, Header: "Domain", Message: "is empty; expected one of the domains of the Domains sheet"})
			return
		default:
			row.t.Domain = defaultDomain
		}
	}
	var cat continuum.Category
	if row.category != "" {
		var err error
		if cat, err = continuum.ParseCategory(row.category); err != nil {
			tr.st.problem(Problem{Sheet: sheet, Row: row.row, Column: row.catCol, Header: "Category", Message: plain(err), Err: err})
			return
		}
	}
	di := c.DomainIndex(row.t.Domain)
	switch {
	case di < 0 && !known:
		if cat == "" {
			cat = continuum.Academic
		}
		c.Domains = append(c.Domains, continuum.Domain{Name: row.t.Domain, Category: cat})
	case di >= 0 && cat != "" && c.Domains[di].Category != cat:
		where := "an earlier row of Targets"
		if known {
			where = "the Domains sheet"
		}
		tr.st.problem(Problem{Sheet: sheet, Row: row.row, Column: row.catCol, Header: "Category",
			Message: fmt.Sprintf("%s here, but %s says domain %q is %s; a domain has one category", cat, where, c.Domains[di].Name, c.Domains[di].Category)})
	}
}

// settleOrders numbers the targets whose order was left blank (with no
// Order column at all) in row order within their domain and level.
func (tr *targetsReader) settleOrders() {
	c, rows := tr.c, tr.rows
	next := map[[2]int]int{}
	for i := range rows {
		k := [2]int{c.DomainIndex(rows[i].t.Domain), c.LevelIndex(rows[i].t.Level)}
		if rows[i].t.Order > 0 {
			next[k] = max(next[k], rows[i].t.Order)
		}
	}
	for i := range rows {
		if rows[i].t.Order == 0 && !tr.table.has(tcOrder) {
			k := [2]int{c.DomainIndex(rows[i].t.Domain), c.LevelIndex(rows[i].t.Level)}
			next[k]++
			rows[i].t.Order = next[k]
		}
	}
}

// findDescriptorColumns finds, for each scale point, a header naming it:
// "3 Proficient", "3", "Proficient", "Descriptor 3" or "3 - Proficient".
func findDescriptorColumns(st *state, t *table, pts []continuum.ScalePoint) []int {
	out := make([]int, len(pts))
	for k, p := range pts {
		out[k] = descriptorColumn(t, p)
	}
	// Columns that were reported unknown before the scale matched them are not unknown.
	if t.warnUnknown {
		kept := st.warnings[:0]
		for _, w := range st.warnings {
			if w.Sheet == t.sheet && w.Row == t.header && w.Column != "" {
				if col, ok := colIndex([]byte(w.Column)); ok && t.byCol[col] >= 0 {
					continue
				}
			}
			kept = append(kept, w)
		}
		st.warnings = kept
	}
	return out
}

// descriptorColumn adds to t the first free column whose header names
// scale point p and returns its index in t's columns, or -1.
func descriptorColumn(t *table, p continuum.ScalePoint) int {
	v := continuum.FormatScore(p.Value)
	want := []string{v + " " + p.Label, v + p.Label, v, p.Label, "descriptor " + v, "descriptor" + v}
	for col, h := range t.headers {
		if h == "" || t.byCol[col] >= 0 {
			continue
		}
		nh := normHeader(strings.NewReplacer(":", "", "–", "").Replace(h))
		for _, w := range want {
			if nh == normHeader(w) {
				return t.addColumn(column{names: []string{h}, expect: "what a performance at " + v + " looks like"}, col)
			}
		}
	}
	return -1
}

// check validates each target, then the targets as a whole: codes
// unique, prerequisites known, no cycle. Valid targets go into b.
func (tr *targetsReader) check(b *Book) {
	kept, seen := tr.validRows()
	final := kept[:0]
	for _, row := range kept {
		if tr.prerequisitesKnown(row, seen) {
			final = append(final, row)
		}
	}
	sheet := tr.src.targets
	for _, row := range final {
		b.Targets = append(b.Targets, row.t)
		b.Places.Targets = append(b.Places.Targets, Place{Sheet: sheet, Row: row.row})
	}
	if tr.src.invalid || len(tr.st.problems.Sheet(sheet)) > 0 {
		return
	}
	if _, err := continuum.NewGraph(*tr.c, b.Targets); err != nil {
		tr.graphProblem(err, seen)
	}
}

// targetFieldCol is the Targets column of each field of a target's errors.
var targetFieldCol = map[string]int{"target.code": tcCode, "target.statement": tcStatement, "target.domain": tcDomain,
	"target.level": tcLevel, "target.order": tcOrder, "target.evidence_required": tcRequired,
	"target.prerequisites": tcPrereqs, "target.group": tcGroup, "method.kind": tcMethod, "method.decay_rate": tcMethod,
	"method.latest_weight": tcMethod, "method.recent": tcMethod, "method.times": tcMethod}

// colOf returns the letter and header of column i, or just its usual header.
func (tr *targetsReader) colOf(i int) (string, string) {
	t := tr.table
	if t != nil && t.has(i) {
		return colName(t.at[i]), t.headers[t.at[i]]
	}
	return "", targetCols[i].names[0]
}

// validRows keeps the rows whose target is valid (when the continuum is)
// and whose code is not taken, normalising the codes; seen maps each
// lower-cased code to its row.
func (tr *targetsReader) validRows() (kept []targetRow, seen map[string]int) {
	sheet := tr.src.targets
	seen = map[string]int{}
	for _, row := range tr.rows {
		if refused, ok := tr.src.refusedGroups[strings.ToLower(row.t.Group)]; ok && row.t.Group != "" {
			col, h := tr.colOf(tcGroup)
			tr.st.problem(Problem{Sheet: sheet, Row: row.row, Column: col, Header: h,
				Message: fmt.Sprintf("group %s could not be read (sheet %q row %d); fix that row first", row.t.Group, tr.src.groups, refused)})
			continue
		}
		if !tr.src.invalid {
			if err := row.t.Validate(tr.c); err != nil {
				p := Problem{Sheet: sheet, Row: row.row, Message: plain(err), Err: err}
				if i, ok := targetFieldCol[continuum.ErrorField(err)]; ok {
					p.Column, p.Header = tr.colOf(i)
				}
				tr.st.problem(p)
				continue
			}
		}
		k := strings.ToLower(continuum.NormalizeCode(row.t.Code))
		if first, dup := seen[k]; dup {
			col, h := tr.colOf(tcCode)
			tr.st.problem(Problem{Sheet: sheet, Row: row.row, Column: col, Header: h,
				Message: fmt.Sprintf("code %s is already used on row %d; codes must be unique (capitals do not count)", row.t.Code, first),
				Err:     continuum.ErrConflict})
			continue
		}
		seen[k] = row.row
		row.t.Code = continuum.NormalizeCode(row.t.Code)
		kept = append(kept, row)
	}
	return kept, seen
}

// prerequisitesKnown reports whether every prerequisite of the row is a
// code of the workbook, reporting those that are not.
func (tr *targetsReader) prerequisitesKnown(row targetRow, seen map[string]int) bool {
	ok := true
	for _, p := range row.t.Prerequisites {
		if _, known := seen[strings.ToLower(p)]; !known {
			col, h := tr.colOf(tcPrereqs)
			tr.st.problem(Problem{Sheet: tr.src.targets, Row: row.row, Column: col, Header: h,
				Message: fmt.Sprintf("prerequisite %s is not a target code of this workbook; expected codes from the Code column", p)})
			ok = false
		}
	}
	return ok
}

// graphProblem reports why the targets do not make a graph; a cycle is
// pointed at the row of its first target (rowOf maps lower-cased codes to rows).
func (tr *targetsReader) graphProblem(err error, rowOf map[string]int) {
	p := Problem{Sheet: tr.src.targets, Message: plain(err), Err: err}
	if continuum.ErrorField(err) == "target.prerequisites" {
		msg := plain(err)
		if i := strings.Index(msg, "cycle: "); i >= 0 {
			first, _, _ := strings.Cut(msg[i+len("cycle: "):], " ")
			p.Row = rowOf[strings.ToLower(first)]
			p.Column, p.Header = tr.colOf(tcPrereqs)
		}
	}
	tr.st.problem(p)
}

// writeTargets writes the Targets sheet, with one descriptor column per scale point.
func writeTargets(w *writer, c *continuum.Continuum, targets []continuum.Target) {
	headers := colNames(targetCols)
	widths := slices.Concat([]float64{14, 28, 12, 10, 7, 60, 10, 24, 10, 22, 38, 16}, sourceWidths(), []float64{60})
	for _, p := range c.Scale.Points {
		headers = append(headers, continuum.FormatScore(p.Value)+" "+p.Label)
		widths = append(widths, 40)
	}
	w.sheet(sheetTargets, headers, widths, func(add func(...any)) {
		for i := range targets {
			add(targetCells(w, c, &targets[i])...)
		}
	})
}

// targetCells are the cells of a target's row on the Targets sheet.
func targetCells(w *writer, c *continuum.Continuum, t *continuum.Target) []any {
	cat := ""
	if i := c.DomainIndex(t.Domain); i >= 0 {
		cat = string(c.Domains[i].Category)
	}
	method := ""
	if t.Method != nil {
		method = continuum.FormatMethod(*t.Method)
	}
	var required any
	if t.EvidenceRequired != 0 {
		required = t.EvidenceRequired
	}
	row := []any{t.Code, t.Domain, cat, t.Level, t.Order, w.wrapped(t.Statement), yesNo(t.Milestone),
		strings.Join(t.Prerequisites, ", "), required, method, t.UID, t.Group}
	row = append(row, sourceCells(w, t.Source)...)
	row = append(row, w.wrapped(formatLinks(t.Links)))
	for _, p := range c.Scale.Points {
		row = append(row, w.wrapped(t.Descriptor(p.Value)))
	}
	return row
}
