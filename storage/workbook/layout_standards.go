package workbook

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
)

// Fields of a standards list that Options.Map can map to a column.
var mapFields = []string{"code", "statement", "level", "domain", "parent", "category", "order"}

// ParseMap reads the --map syntax: field=COLUMN pairs separated by commas,
// where field is code, statement, level, domain, parent, category or
// order, and COLUMN is a header text or a column letter:
// "code=B,statement=Standard text,level=Grade".
func ParseMap(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		field, col, ok := strings.Cut(part, "=")
		field = strings.ToLower(strings.TrimSpace(field))
		col = strings.TrimSpace(col)
		if !ok || col == "" {
			return nil, fmt.Errorf("parse map: %q: expected field=COLUMN, such as code=A or statement=Description", strings.TrimSpace(part))
		}
		if !slices.Contains(mapFields, field) {
			return nil, fmt.Errorf("parse map: %q is not a field; expected one of %s", field, strings.Join(mapFields, ", "))
		}
		if _, dup := out[field]; dup {
			return nil, fmt.Errorf("parse map: %s is mapped twice", field)
		}
		out[field] = col
	}
	return out, nil
}

// The columns of a standards list, by index into listCols.
const (
	lcCode = iota
	lcStatement
	lcGrade // an explicit grade column
	lcLevel // "Level": a grade unless a grade sheet says otherwise
	lcDomain
	lcParent
	lcCategory
	lcOrder
	lcShort
	lcSource // the item's identifier in the system the list came from
)

// listCols are the recognised headers of a standards list, best first.
var listCols = []column{
	lcCode:      {names: []string{"Code", "humanCodingScheme", "Standard code", "Standard ID", "Standard", "ID", "Key", "Identifier", "Number"}, expect: "the standard's code"},
	lcStatement: {names: []string{"Statement", "fullStatement", "Description", "Standard text", "Target", "Learning target", "Text", "Name"}, expect: "the standard's text"},
	lcGrade:     {names: []string{"Grade", "Grades", "Grade level", "educationLevel", "educationalLevel"}, expect: "a grade such as K, 1 or 01"},
	lcLevel:     {names: []string{"Level"}, expect: "a level or grade"},
	lcDomain:    {names: []string{"Domain", "Strand", "Cluster", "Category name", "Topic", "Unit"}, expect: "a domain or strand"},
	lcParent:    {names: []string{"Parent", "Parent code", "Parent ID", "Is child of"}, expect: "the code of the parent row"},
	lcCategory:  {names: []string{"Category"}, expect: "academic, transferable or lifelong"},
	lcOrder:     {names: []string{"Order", "Sequence", "sequenceNumber", "#"}, expect: "a whole number"},
	lcShort:     {names: []string{"ShortName", "Short name", "abbreviatedStatement", "Title"}, expect: "a short name"},
	lcSource:    {names: []string{"Identifier", "Source ID", "GUID", "UUID", "vendor_guid"}, expect: "the item's identifier in its source"},
}

var mapFieldCol = map[string]int{"code": lcCode, "statement": lcStatement, "level": lcGrade, "domain": lcDomain,
	"parent": lcParent, "category": lcCategory, "order": lcOrder, "source": lcSource}

// standardsList is the sheet read as a standards list: its rows, kept in
// memory, and its header.
type standardsList struct {
	ref    sheetRef
	rows   []rawRow
	t      *table
	header int // index in rows of the header row
}

// decodeStandards reads a teacher's standards list: the sheet named in the
// options, or the first sheet whose header row names a code and a statement.
func decodeStandards(st *state, b *Book) error {
	b.About.Layout = LayoutStandards
	l, err := findList(st)
	if err != nil || l == nil {
		return err
	}
	for _, s := range st.x.sheets {
		if s != l.ref {
			st.warn(Problem{Sheet: s.name, Message: "only the standards list on sheet " + l.ref.name + " is read; this sheet is ignored unless it holds grades"})
		}
	}
	// Grades kept on a separate sheet, keyed by code (the Smarter Balanced layout).
	grades, gradeSheet, err := readGradeSheet(st, l.ref)
	if err != nil {
		return err
	}
	_, hasPublication := st.sheet(sheetPublication)
	st.warnings = slices.DeleteFunc(st.warnings, func(p Problem) bool {
		return p.Row == 0 && ((grades != nil && p.Sheet == gradeSheet) || (hasPublication && normHeader(p.Sheet) == "publication"))
	})
	nodes := l.nodes(grades)
	if l.t.has(lcParent) {
		parentsOrDomains(nodes)
	} else {
		pathParents(nodes)
	}
	name := ""
	if ref, ok := st.sheet(sheetPublication); ok {
		name = readPublication(st, ref, &b.Continuum)
	}
	subject := b.Continuum.Subject
	b.Continuum = continuum.NewContinuum(st.continuumName(name))
	b.Continuum.Subject = subject
	build(st, b, nodes, hierarchyOrder{}, nil)
	return nil
}

// findList finds the standards list: on the sheet the options name, or on
// the first sheet with a header naming a code and a statement. It returns
// nil, with the problem reported, when there is none.
func findList(st *state) (*standardsList, error) {
	if st.opts.Sheet != "" {
		return listOnSheet(st, st.opts.Sheet)
	}
	var seen []sheetRows
	for _, s := range st.x.sheets {
		rows, err := st.loadRows(s)
		if err != nil {
			return nil, err
		}
		if t, hi := listHeader(st, s, rows); t != nil {
			return &standardsList{ref: s, rows: rows, t: t, header: hi}, nil
		}
		seen = append(seen, sheetRows{ref: s, rows: rows})
	}
	explainNoList(st, seen, true)
	return nil, nil
}

// listOnSheet reads the standards list on the sheet named name.
func listOnSheet(st *state, name string) (*standardsList, error) {
	ref, ok := st.sheet(name)
	if !ok {
		st.problem(Problem{Sheet: name, Message: fmt.Sprintf("there is no sheet %q; expected one of %s", name, st.sheetList())})
		return nil, nil
	}
	rows, err := st.loadRows(ref)
	if err != nil {
		return nil, err
	}
	t, hi := listHeader(st, ref, rows)
	if t == nil {
		explainNoList(st, []sheetRows{{ref: ref, rows: rows}}, false)
		return nil, nil
	}
	return &standardsList{ref: ref, rows: rows, t: t, header: hi}, nil
}

// nodes reads the rows below the header; grades, when not nil, gives the
// grades of the rows whose grade cell is blank.
func (l *standardsList) nodes(grades map[string][]string) []node {
	t := l.t
	levelCol := lcGrade
	if !t.has(lcGrade) && grades == nil && t.has(lcLevel) {
		levelCol = lcLevel
	}
	var nodes []node
	r := &row{t: t}
	for _, rr := range l.rows[l.header+1:] {
		if !t.fill(r, rr.num, rr.cells) {
			continue
		}
		n := node{row: rr.num, sheet: l.ref.name}
		n.key = r.str(lcCode)
		n.code = n.key
		n.statement = r.text(lcStatement)
		n.short = r.str(lcShort)
		n.sourceID = r.str(lcSource)
		n.domain = r.str(lcDomain)
		n.category = r.str(lcCategory)
		n.parentKey = r.str(lcParent)
		if r.present(lcOrder) {
			if v, ok := r.number(lcOrder); ok {
				n.order, n.hasOrder = int(v), true
			}
		}
		if lv := r.str(levelCol); lv != "" {
			n.grades = splitGrades(lv)
		} else if grades != nil {
			n.grades = grades[strings.ToLower(n.key)]
		}
		if r.bad {
			continue
		}
		if n.key == "" {
			if n.statement != "" {
				r.problem(lcCode, "is empty; expected a code for %q", short(n.statement))
			}
			continue
		}
		nodes = append(nodes, n)
	}
	return nodes
}

// parentsOrDomains reads a Parent column: holding codes of other rows, it
// is a hierarchy; holding anything else, it names domains.
func parentsOrDomains(nodes []node) {
	keys := map[string]bool{}
	for _, n := range nodes {
		keys[strings.ToLower(n.key)] = true
	}
	refs, hits := 0, 0
	for _, n := range nodes {
		if n.parentKey != "" {
			refs++
			if keys[strings.ToLower(n.parentKey)] {
				hits++
			}
		}
	}
	if refs > 0 && hits*2 < refs {
		for i := range nodes {
			if nodes[i].domain == "" {
				nodes[i].domain = nodes[i].parentKey
			}
			nodes[i].parentKey = ""
		}
	}
}

// pathParents links the rows whose keys are written as paths ("1|A-APR|F"),
// which hold the hierarchy themselves.
func pathParents(nodes []node) {
	keys := map[string]bool{}
	for _, n := range nodes {
		keys[n.key] = true
	}
	for i := range nodes {
		k := nodes[i].key
		for j := strings.LastIndexAny(k, "|>\\"); j > 0; j = strings.LastIndexAny(k, "|>\\") {
			k = k[:j]
			if keys[k] {
				nodes[i].parentKey = k
				break
			}
		}
	}
}

// listHeader finds the header row of a standards list among the first
// rows of a sheet: the first with a code and a statement column (or the
// mapped ones). It returns the table and the index of the header in rows;
// nil when there is none (explainNoList says why).
func listHeader(st *state, ref sheetRef, rows []rawRow) (*table, int) {
	for i, r := range rows {
		if i >= previewScan {
			break
		}
		t := &table{st: st.quiet(), sheet: ref.name, cols: slices.Clone(listCols)}
		t.setHeader(r.num, r.cells)
		t.st = st
		if applyMap(st, t) && t.has(lcCode) && t.has(lcStatement) {
			warnIgnored(st, t, r.num)
			return t, i
		}
	}
	return nil, -1
}

// warnIgnored names the columns of a standards list's header row that no
// field is read from, and how to read one.
func warnIgnored(st *state, t *table, row int) {
	for col, h := range t.headers {
		if h != "" && t.byCol[col] < 0 {
			st.warn(Problem{Sheet: t.sheet, Row: row, Column: colName(col), Header: h,
				Message: "no field is read from this column, so it is ignored; to read it, map the column to a field (the code, statement, level, domain, parent, category or order)"})
		}
	}
}

// applyMap points the mapped fields at their columns. It reports false
// when a mapped field is unknown or its column is not in this header row
// (unmatchedMap says which).
func applyMap(st *state, t *table) bool {
	ok := true
	for field, spec := range st.opts.Map {
		i, known := mapFieldCol[field]
		col := mappedColumn(t, spec)
		if !known || col < 0 {
			ok = false
			continue
		}
		t.assign(i, col)
		if field == "level" && t.at[lcLevel] >= 0 {
			t.byCol[t.at[lcLevel]], t.at[lcLevel] = -1, -1
		}
	}
	return ok
}

// mappedColumn finds the column spec names: a header text, else a column
// letter; -1 when there is none.
func mappedColumn(t *table, spec string) int {
	for c, h := range t.headers {
		if h != "" && normHeader(h) == normHeader(spec) {
			return c
		}
	}
	if len(spec) <= 3 {
		if c, isLetters := colIndex([]byte(spec)); isLetters && len(colName(c)) == len(spec) {
			return c
		}
	}
	return -1
}

// sheetPublication is the sheet of a Smarter Balanced list that names it.
const sheetPublication = "Publication"

// readPublication reads a Smarter Balanced style "Publication" sheet's
// description, setting c's subject.
func readPublication(st *state, ref sheetRef, c *continuum.Continuum) string {
	cols := []column{{names: []string{"PublicationDescription", "Title", "Name"}}, {names: []string{"Subject"}}}
	name := ""
	_, _ = st.readTable(ref, cols, false, nil, func(r *row) {
		if name == "" {
			name = r.str(0)
			c.Subject = r.str(1)
		}
	})
	return name
}

// gradeColumns finds the key and grade columns of a grade sheet's first
// row (see readGradeSheet); -1 when absent.
func gradeColumns(cells []cell) (keyCol, gradeCol int) {
	keyCol, gradeCol = -1, -1
	for _, c := range cells {
		h := normHeader(c.text)
		switch {
		case keyCol < 0 && (strings.HasSuffix(h, "key") || h == "code" || h == "humancodingscheme" || h == "standard" || h == "standardcode"):
			keyCol = c.col
		case gradeCol < 0 && (h == "grade" || h == "grades" || h == "gradelevel" || h == "educationlevel" || h == "educationallevel"):
			gradeCol = c.col
		}
	}
	return keyCol, gradeCol
}

// readGradeSheet finds another sheet of code → grade rows (such as Smarter
// Balanced's "Benchmark Grades") and reads it: lower-cased code → grades.
func readGradeSheet(st *state, list sheetRef) (map[string][]string, string, error) {
	for _, s := range st.x.sheets {
		if s == list {
			continue
		}
		rows, err := st.loadRows(s)
		if err != nil {
			return nil, "", err
		}
		if len(rows) < 2 {
			continue
		}
		keyCol, gradeCol := gradeColumns(rows[0].cells)
		if keyCol < 0 || gradeCol < 0 {
			continue
		}
		return gradesByKey(rows[1:], keyCol, gradeCol), s.name, nil
	}
	return nil, "", nil
}

// gradesByKey reads the rows of a grade sheet: lower-cased key → grades.
func gradesByKey(rows []rawRow, keyCol, gradeCol int) map[string][]string {
	out := map[string][]string{}
	for _, r := range rows {
		var key, grade string
		for _, c := range r.cells {
			switch c.col {
			case keyCol:
				key = strings.TrimSpace(c.text)
			case gradeCol:
				grade = strings.TrimSpace(c.text)
			}
		}
		if key == "" || grade == "" {
			continue
		}
		k := strings.ToLower(key)
		for _, g := range splitGrades(grade) {
			if !slices.ContainsFunc(out[k], func(x string) bool { return strings.EqualFold(x, g) }) {
				out[k] = append(out[k], g)
			}
		}
	}
	return out
}

func short(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}
