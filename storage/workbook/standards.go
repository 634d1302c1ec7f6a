package workbook

import (
	"cmp"
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
}

var mapFieldCol = map[string]int{"code": lcCode, "statement": lcStatement, "level": lcGrade, "domain": lcDomain,
	"parent": lcParent, "category": lcCategory, "order": lcOrder}

// node is one row of a standards list or one CASE item: a target if it is
// a leaf of the hierarchy, a grouping otherwise.
type node struct {
	key       string // what other rows refer to it by
	code      string
	statement string
	short     string
	grades    []string // level names, lowest first as written
	domain    string   // an explicit domain
	category  string
	order     int
	hasOrder  bool
	itemType  string
	parentKey string
	row       int
	sheet     string

	parent      int
	children    []int
	placeholder bool
}

// rawRow is a row kept in memory: standards lists are small.
type rawRow struct {
	num   int
	cells []cell
}

func (st *state) loadRows(ref sheetRef) ([]rawRow, error) {
	var rows []rawRow
	err := st.x.readSheet(ref, func(n int, cells []cell) error {
		if err := st.ctx.Err(); err != nil {
			return err
		}
		if !blankCells(cells) {
			rows = append(rows, rawRow{num: n, cells: slices.Clone(cells)})
		}
		return nil
	}, st.progressFor(ref))
	return rows, err
}

// listHeader finds the header row of a standards list among the first
// rows of a sheet: the first with a code and a statement column (or the
// mapped ones). It returns the table and the index of the header in rows.
func (st *state) listHeader(ref sheetRef, rows []rawRow, report bool) (*table, int) {
	for i, r := range rows {
		if i >= 20 {
			break
		}
		t := &table{st: st, sheet: ref.name, cols: slices.Clone(listCols)}
		quiet := *st
		quiet.problems, quiet.warnings = nil, nil
		t.st = &quiet
		t.setHeader(r.num, r.cells)
		t.st = st
		if st.applyMap(t, false) && t.has(lcCode) && t.has(lcStatement) {
			return t, i
		}
	}
	if report && len(rows) > 0 {
		// Say what is wrong with the first row, the likeliest header.
		t := &table{st: st, sheet: ref.name, cols: slices.Clone(listCols)}
		quiet := *st
		t.st = &quiet
		t.setHeader(rows[0].num, rows[0].cells)
		t.st = st
		st.applyMap(t, true)
	}
	return nil, -1
}

// applyMap points the mapped fields at their columns. It reports false
// when a mapped column is not in this header row.
func (st *state) applyMap(t *table, report bool) bool {
	ok := true
	for field, spec := range st.opts.Map {
		i, known := mapFieldCol[field]
		if !known {
			if report {
				st.problem(Problem{Sheet: t.sheet, Message: fmt.Sprintf("%q is not a field to map; expected one of %s", field, strings.Join(mapFields, ", "))})
			}
			ok = false
			continue
		}
		col := -1
		for c, h := range t.headers {
			if h != "" && normHeader(h) == normHeader(spec) {
				col = c
				break
			}
		}
		if col < 0 && len(spec) <= 3 {
			if c, isLetters := colIndex([]byte(spec)); isLetters && len(colName(c)) == len(spec) {
				col = c
			}
		}
		if col < 0 {
			if report {
				st.problem(Problem{Sheet: t.sheet, Row: t.header, Message: fmt.Sprintf("the %s column %q is not in the header row; expected a header text or a column letter (found %s)", field, spec, t.foundList())})
			}
			ok = false
			continue
		}
		for len(t.byCol) <= col {
			t.byCol = append(t.byCol, -1)
			t.headers = append(t.headers, "")
		}
		if t.at[i] >= 0 {
			t.byCol[t.at[i]] = -1
		}
		if j := t.byCol[col]; j >= 0 {
			t.at[j] = -1
		}
		t.at[i], t.byCol[col] = col, i
		if field == "level" && t.at[lcLevel] >= 0 {
			t.byCol[t.at[lcLevel]], t.at[lcLevel] = -1, -1
		}
	}
	return ok
}

// decodeStandards reads a teacher's standards list: the sheet named in the
// options, or the first sheet whose header row names a code and a statement.
func (st *state) decodeStandards() error {
	b := st.book
	b.About.Layout = LayoutStandards
	var ref sheetRef
	var rows []rawRow
	var t *table
	hi := -1
	if st.opts.Sheet != "" {
		var ok bool
		if ref, ok = st.sheet(st.opts.Sheet); !ok {
			st.problem(Problem{Sheet: st.opts.Sheet, Message: fmt.Sprintf("there is no sheet %q; expected one of %s", st.opts.Sheet, st.sheetList())})
			return nil
		}
		var err error
		if rows, err = st.loadRows(ref); err != nil {
			return err
		}
		if t, hi = st.listHeader(ref, rows, true); t == nil {
			if len(st.problems) == 0 {
				st.problem(Problem{Sheet: ref.name, Row: firstRow(rows), Message: "no header row names a code and a statement column; expected headers such as Code and Statement, or map them (code=A,statement=B)"})
			}
			return nil
		}
	} else {
		for _, s := range st.x.sheets {
			rs, err := st.loadRows(s)
			if err != nil {
				return err
			}
			if tt, i := st.listHeader(s, rs, false); tt != nil {
				ref, rows, t, hi = s, rs, tt, i
				break
			}
		}
		if t == nil {
			st.problem(Problem{Message: fmt.Sprintf("no sheet named Targets, and no sheet with a header row naming a code and a statement (such as Code and Statement); the sheets are %s", st.sheetList())})
			return nil
		}
	}
	for _, s := range st.x.sheets {
		if s != ref {
			st.warn(Problem{Sheet: s.name, Message: "only the standards list on sheet " + ref.name + " is read; this sheet is ignored unless it holds grades"})
		}
	}
	// Grades kept on a separate sheet, keyed by code (the Smarter Balanced layout).
	grades, gradeSheet, err := st.gradeSheet(ref)
	if err != nil {
		return err
	}
	_, hasPublication := st.sheet("Publication")
	st.warnings = slices.DeleteFunc(st.warnings, func(p Problem) bool {
		return p.Row == 0 && ((grades != nil && p.Sheet == gradeSheet) || (hasPublication && normHeader(p.Sheet) == "publication"))
	})
	levelCol := lcGrade
	if !t.has(lcGrade) && grades == nil && t.has(lcLevel) {
		levelCol = lcLevel
	}
	var nodes []node
	r := &row{t: t}
	for _, rr := range rows[hi+1:] {
		if !t.fill(r, rr.num, rr.cells) {
			continue
		}
		n := node{row: rr.num, sheet: ref.name, parent: -1}
		n.key = r.str(lcCode)
		n.code = n.key
		n.statement = r.text(lcStatement)
		n.short = r.str(lcShort)
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
			if n.statement == "" {
				continue
			}
			r.problem(lcCode, "is empty; expected a code for %q", short(n.statement))
			continue
		}
		nodes = append(nodes, n)
	}
	// A Parent column holding codes of other rows is a hierarchy; one
	// holding anything else names domains.
	if t.has(lcParent) {
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
	} else {
		// Keys written as paths ("1|A-APR|F") hold the hierarchy themselves.
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
	name := ""
	if ref, ok := st.sheet("Publication"); ok {
		name = st.publicationName(ref)
	}
	subject := b.Continuum.Subject
	b.Continuum = continuum.NewContinuum(st.continuumName(name))
	b.Continuum.Subject = subject
	st.build(nodes, t.has(lcOrder), false, nil)
	return nil
}

func firstRow(rows []rawRow) int {
	if len(rows) == 0 {
		return 0
	}
	return rows[0].num
}

func (st *state) sheetList() string {
	names := make([]string, len(st.x.sheets))
	for i, s := range st.x.sheets {
		names[i] = fmt.Sprintf("%q", s.name)
	}
	if len(names) == 0 {
		return "(none)"
	}
	return strings.Join(names, ", ")
}

// publicationName reads a Smarter Balanced style "Publication" sheet's description.
func (st *state) publicationName(ref sheetRef) string {
	cols := []column{{names: []string{"PublicationDescription", "Title", "Name"}}, {names: []string{"Subject"}}}
	name := ""
	_, _ = st.readTable(ref, cols, false, nil, func(r *row) {
		if name == "" {
			name = r.str(0)
			st.book.Continuum.Subject = r.str(1)
		}
	})
	return name
}

// gradeSheet finds another sheet of code → grade rows (such as Smarter
// Balanced's "Benchmark Grades") and reads it: lower-cased code → grades.
func (st *state) gradeSheet(list sheetRef) (map[string][]string, string, error) {
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
		keyCol, gradeCol := -1, -1
		for _, c := range rows[0].cells {
			h := normHeader(c.text)
			switch {
			case keyCol < 0 && (strings.HasSuffix(h, "key") || h == "code" || h == "humancodingscheme" || h == "standard" || h == "standardcode"):
				keyCol = c.col
			case gradeCol < 0 && (h == "grade" || h == "grades" || h == "gradelevel" || h == "educationlevel" || h == "educationallevel"):
				gradeCol = c.col
			}
		}
		if keyCol < 0 || gradeCol < 0 {
			continue
		}
		out := map[string][]string{}
		for _, r := range rows[1:] {
			var key, grade string
			for _, c := range r.cells {
				switch c.col {
				case keyCol:
					key = strings.TrimSpace(c.text)
				case gradeCol:
					grade = strings.TrimSpace(c.text)
				}
			}
			if key != "" && grade != "" {
				k := strings.ToLower(key)
				for _, g := range splitGrades(grade) {
					if !slices.ContainsFunc(out[k], func(x string) bool { return strings.EqualFold(x, g) }) {
						out[k] = append(out[k], g)
					}
				}
			}
		}
		return out, s.name, nil
	}
	return nil, "", nil
}

// splitGrades splits "09,10" or "K-2"-free lists such as "KG, 01" into grades.
func splitGrades(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '\n' })
	var out []string
	for _, g := range f {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
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

// decodeCASE reads an OpenSALT CASE spreadsheet: CF Doc, CF Item and CF Association.
func (st *state) decodeCASE() error {
	b := st.book
	b.About.Layout = LayoutCASE
	title := ""
	if ref, ok := st.sheet("CF Doc"); ok {
		cols := []column{{names: []string{"title"}}, {names: []string{"subject"}}, {names: []string{"description"}}}
		if _, err := st.readTable(ref, cols, false, nil, func(r *row) {
			if title == "" {
				title, b.Continuum.Subject, b.Continuum.Description = r.str(0), r.str(1), r.text(2)
			}
		}); err != nil {
			return err
		}
	}
	subject, desc := b.Continuum.Subject, b.Continuum.Description
	b.Continuum = continuum.NewContinuum(st.continuumName(title))
	b.Continuum.Subject, b.Continuum.Description = subject, desc
	itemRef, _ := st.sheet("CF Item")
	cols := []column{
		{names: []string{"identifier"}, required: true, expect: "the item's identifier"},
		{names: []string{"fullStatement"}, required: true, expect: "the item's statement"},
		{names: []string{"humanCodingScheme"}, expect: "the item's code"},
		{names: []string{"abbreviatedStatement"}, expect: "a short statement"},
		{names: []string{"educationLevel", "educationalLevel"}, expect: "grades such as 01 or KG,01"},
		{names: []string{"CFItemType"}, expect: "an item type"},
		{names: []string{"sequenceNumber"}, expect: "a whole number"},
	}
	var nodes []node
	index := map[string]int{}
	if _, err := st.readTable(itemRef, cols, false, nil, func(r *row) {
		n := node{row: r.num, sheet: itemRef.name, parent: -1}
		var ok bool
		if n.key, ok = r.require(0, cols[0].expect); !ok {
			return
		}
		n.statement = r.text(1)
		n.code = r.str(2)
		n.short = r.str(3)
		n.grades = splitGrades(r.str(4))
		n.itemType = r.str(5)
		if r.present(6) {
			if v, ok := r.integer(6); ok {
				n.order, n.hasOrder = v, true
			}
		}
		if _, dup := index[n.key]; dup {
			r.problem(0, "item %s is already listed; identifiers must be unique", n.key)
			return
		}
		index[n.key] = len(nodes)
		nodes = append(nodes, n)
	}); err != nil {
		return err
	}
	var precedes [][2]string
	if ref, ok := st.sheet("CF Association"); ok {
		acols := []column{
			{names: []string{"originNodeIdentifier"}, expect: "an item identifier"},
			{names: []string{"associationType"}, required: true, expect: "an association type such as Is Child Of"},
			{names: []string{"destinationNodeIdentifier"}, expect: "an item identifier"},
			{names: []string{"originNodeUri"}, expect: "an item URI"},
			{names: []string{"destinationNodeUri"}, expect: "an item URI"},
		}
		if _, err := st.readTable(ref, acols, false, nil, func(r *row) {
			origin, dest := r.str(0), r.str(2)
			if origin == "" {
				origin = strings.TrimPrefix(r.str(3), "local:")
			}
			if dest == "" {
				dest = strings.TrimPrefix(r.str(4), "local:")
			}
			switch normHeader(r.str(1)) {
			case "ischildof":
				if i, ok := index[origin]; ok {
					if nodes[i].parentKey != "" && nodes[i].parentKey != dest {
						r.warn(0, "item %s already has a parent; this second one is ignored", origin)
						return
					}
					nodes[i].parentKey = dest
				}
			case "precedes":
				precedes = append(precedes, [2]string{origin, dest})
			}
		}); err != nil {
			return err
		}
	}
	st.build(nodes, false, true, precedes)
	return nil
}

// build turns a hierarchy of nodes into the Book's continuum and targets:
// leaves are targets; the top-most ancestor that is not a grade grouping
// names the domain; the lowest grade a leaf (or, failing that, a
// placeholder below it or an ancestor) lists is its level.
func (st *state) build(nodes []node, explicitOrder, sortByCode bool, precedes [][2]string) {
	b := st.book
	c := &b.Continuum
	index := make(map[string]int, len(nodes))
	for i, n := range nodes {
		if _, dup := index[n.key]; !dup {
			index[n.key] = i
		}
	}
	folded := make(map[string]int, len(nodes))
	for i, n := range nodes {
		k := strings.ToLower(n.key)
		if _, dup := folded[k]; !dup {
			folded[k] = i
		}
	}
	for i := range nodes {
		n := &nodes[i]
		if n.parentKey == "" {
			continue
		}
		p, ok := index[n.parentKey]
		if !ok {
			p, ok = folded[strings.ToLower(n.parentKey)]
		}
		if !ok || p == i {
			continue // a parent outside the list (the CASE document itself)
		}
		n.parent = p
	}
	// Break any loop in the parent links so every walk up ends.
	for i := range nodes {
		seen := map[int]bool{i: true}
		for p := nodes[i].parent; p >= 0; p = nodes[p].parent {
			if seen[p] {
				st.warn(Problem{Sheet: nodes[i].sheet, Row: nodes[i].row, Message: fmt.Sprintf("%s is its own ancestor; its parent link is ignored", nodes[i].key)})
				nodes[i].parent = -1
				break
			}
			seen[p] = true
		}
	}
	for i := range nodes {
		nodes[i].placeholder = isPlaceholder(&nodes[i])
		if p := nodes[i].parent; p >= 0 {
			nodes[p].children = append(nodes[p].children, i)
		}
	}
	var roots []int
	for i := range nodes {
		if nodes[i].parent < 0 {
			roots = append(roots, i)
		}
	}
	less := func(a, b int) int {
		na, nb := &nodes[a], &nodes[b]
		if explicitOrder || (na.hasOrder && nb.hasOrder) {
			if r := cmp.Compare(na.order, nb.order); r != 0 && na.hasOrder && nb.hasOrder {
				return r
			}
		}
		if sortByCode && na.code != "" && nb.code != "" {
			if r := naturalCompare(na.code, nb.code); r != 0 {
				return r
			}
		}
		return cmp.Compare(na.row, nb.row)
	}
	slices.SortStableFunc(roots, less)
	for i := range nodes {
		slices.SortStableFunc(nodes[i].children, less)
	}
	// Leaves in tree order. A placeholder is transparent: its children
	// count as its parent's.
	var effective func(i int) []int
	effective = func(i int) []int {
		var out []int
		for _, k := range nodes[i].children {
			if nodes[k].placeholder {
				out = append(out, effective(k)...)
			} else {
				out = append(out, k)
			}
		}
		return out
	}
	var leaves []int
	var walk func(i int)
	walk = func(i int) {
		kids := effective(i)
		if !nodes[i].placeholder && len(kids) == 0 {
			leaves = append(leaves, i)
			return
		}
		for _, k := range kids {
			walk(k)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	// Levels: every grade any target lists, in grade order.
	gradesOf := func(i int) []string {
		if g := nodes[i].grades; len(g) > 0 {
			return g
		}
		var below []string
		var collect func(k int)
		collect = func(k int) {
			for _, ch := range nodes[k].children {
				if nodes[ch].placeholder {
					below = append(below, nodes[ch].grades...)
					collect(ch)
				}
			}
		}
		collect(i)
		if len(below) > 0 {
			return below
		}
		for p := nodes[i].parent; p >= 0; p = nodes[p].parent {
			if g := nodes[p].grades; len(g) > 0 {
				return g
			}
		}
		return nil
	}
	var allGrades []string
	leafGrades := make([][]string, len(leaves))
	for k, i := range leaves {
		leafGrades[k] = gradesOf(i)
		allGrades = append(allGrades, leafGrades[k]...)
	}
	domainOf := make([]string, len(leaves))
	domainDesc := map[string]string{}
	for k, i := range leaves {
		domainOf[k] = st.domainFor(nodes, i, domainDesc)
	}
	levels := orderLevels(allGrades, func(int) string { return "" })
	// Grades of the same rank spelled differently ("1" and "01") are one level.
	canon := map[string]string{}
	var merged []string
	byRank := map[float64]string{}
	for _, l := range levels {
		if r, ok := gradeRank(l); ok {
			if first, seen := byRank[r]; seen {
				canon[strings.ToLower(l)] = first
				continue
			}
			byRank[r] = l
		}
		canon[strings.ToLower(l)] = l
		merged = append(merged, l)
	}
	c.Levels = merged
	if len(c.Levels) == 0 {
		c.Levels = []string{defaultLevel}
	}
	levelIndex := func(g string) int { return c.LevelIndex(canon[strings.ToLower(g)]) }
	taken := map[string]bool{}
	renamed, dups := 0, 0
	var renamedEx, dupEx string
	cells := map[[2]int]int{}
	leafCode := map[int]string{}
	for k, i := range leaves {
		n := &nodes[i]
		code := n.code
		if code == "" {
			code = n.key
		}
		cc := cleanCode(code)
		if cc != code && renamedEx == "" {
			renamedEx = fmt.Sprintf("%s became %s", code, cc)
		}
		if cc != code {
			renamed++
		}
		uc := uniqueCode(cc, taken)
		if uc != cc {
			dups++
			if dupEx == "" {
				dupEx = fmt.Sprintf("row %d: %s became %s", n.row, cc, uc)
			}
		}
		leafCode[i] = uc
		level := defaultLevel
		if g := leafGrades[k]; len(g) > 0 {
			best := -1
			for _, x := range g {
				if li := levelIndex(x); li >= 0 && (best < 0 || li < best) {
					best = li
				}
			}
			if best >= 0 {
				level = c.Levels[best]
			}
		}
		cat := continuum.Academic
		if n.category != "" {
			var err error
			if cat, err = continuum.ParseCategory(n.category); err != nil {
				st.problem(Problem{Sheet: n.sheet, Row: n.row, Header: "Category", Message: plain(err), Err: err})
				continue
			}
		}
		dom := domainOf[k]
		di := c.DomainIndex(dom)
		if di < 0 {
			c.Domains = append(c.Domains, continuum.Domain{Name: dom, Category: cat, Description: domainDesc[dom]})
			di = len(c.Domains) - 1
		}
		statement := n.statement
		if statement == "" {
			statement = n.short
		}
		if statement == "" {
			st.problem(Problem{Sheet: n.sheet, Row: n.row, Header: "Statement", Message: fmt.Sprintf("target %s has no statement; expected the standard's text", uc)})
			continue
		}
		key := [2]int{di, c.LevelIndex(level)}
		cells[key]++
		b.Targets = append(b.Targets, continuum.Target{Code: uc, Statement: statement, Domain: c.Domains[di].Name,
			Level: level, Order: cells[key], EvidenceRequired: 1})
		b.Places.Targets = append(b.Places.Targets, Place{Sheet: n.sheet, Row: n.row})
	}
	if renamed > 0 {
		st.warn(Problem{Sheet: nodes[leaves[0]].sheet, Message: fmt.Sprintf("%d codes held characters a code cannot (/ , ; or line breaks), or were longer than 64 characters, and were adjusted (e.g. %s)", renamed, renamedEx)})
	}
	if dups > 0 {
		st.warn(Problem{Sheet: nodes[leaves[0]].sheet, Message: fmt.Sprintf("%d codes appeared more than once and were made unique with a number (%s)", dups, dupEx)})
	}
	// "A precedes B" associations make A a prerequisite of B.
	pos := map[string]int{}
	for k, t := range b.Targets {
		pos[t.Code] = k
	}
	for _, p := range precedes {
		a, okA := index[p[0]]
		z, okZ := index[p[1]]
		if !okA || !okZ {
			continue
		}
		ca, cz := leafCode[a], leafCode[z]
		if k, ok := pos[cz]; ok && ca != "" && ca != cz {
			b.Targets[k].Prerequisites = append(b.Targets[k].Prerequisites, ca)
		}
	}
	if len(b.Targets) == 0 && len(st.problems) == 0 {
		st.problem(Problem{Message: "the list holds no standards; expected rows with a code and a statement"})
		return
	}
	st.checkBuilt()
}

// checkBuilt validates what build made; a cycle among "precedes" links
// is reported, as in a Targets sheet.
func (st *state) checkBuilt() {
	b := st.book
	if err := b.Continuum.Validate(); err != nil {
		st.problem(Problem{Message: plain(err), Err: err})
		return
	}
	for k, t := range b.Targets {
		if err := t.Validate(&b.Continuum); err != nil {
			pl := b.Places.Targets[k]
			st.problem(Problem{Sheet: pl.Sheet, Row: pl.Row, Message: plain(err), Err: err})
		}
	}
	if len(st.problems) == 0 {
		if _, err := continuum.NewGraph(b.Continuum, b.Targets); err != nil {
			st.problem(Problem{Sheet: b.Places.Targets[0].Sheet, Message: plain(err), Err: err})
		}
	}
}

// domainFor names the domain of leaf i: its own Domain column, else its
// top-most ancestor that is not a grade grouping (ancestors called
// "Grade 3" or typed Grade Level group by grade, not by subject).
func (st *state) domainFor(nodes []node, i int, desc map[string]string) string {
	if d := strings.TrimSpace(nodes[i].domain); d != "" {
		return d
	}
	var chain []int // i's ancestors, top first
	for p := nodes[i].parent; p >= 0; p = nodes[p].parent {
		chain = append([]int{p}, chain...)
	}
	for _, a := range chain {
		if nodes[a].domain != "" {
			return nodes[a].domain
		}
		if !isGradeGroup(&nodes[a]) {
			name, full := domainName(&nodes[a])
			if full != "" && full != name {
				if _, ok := desc[name]; !ok {
					desc[name] = full
				}
			}
			return name
		}
	}
	return defaultDomain
}

// domainName picks a domain's name from a grouping row: its short name,
// its statement when short enough, else its code.
func domainName(n *node) (name, description string) {
	st := strings.TrimSpace(strings.ReplaceAll(n.statement, "\n", " "))
	switch {
	case n.short != "":
		return n.short, st
	case st != "" && utf8.RuneCountInString(st) <= 100:
		return st, ""
	case n.code != "":
		return n.code, st
	case st != "":
		return string([]rune(st)[:99]) + "…", st
	}
	return n.key, ""
}

// isGradeGroup reports whether a grouping only gathers a grade's standards.
func isGradeGroup(n *node) bool {
	t := normHeader(n.itemType)
	if t == "gradelevel" || t == "grade" || t == "gradeband" {
		return true
	}
	s := strings.ToLower(strings.TrimSpace(n.statement))
	if utf8.RuneCountInString(s) > 24 {
		return false
	}
	return s == "kindergarten" || s == "pre-kindergarten" || strings.HasPrefix(s, "grade ") || strings.HasPrefix(s, "grades ") || strings.HasPrefix(s, "high school")
}

// isPlaceholder reports a row that stands for nothing ("NA", "Not
// Applicable"): Smarter Balanced pads its hierarchy with them.
func isPlaceholder(n *node) bool {
	s := strings.ToLower(strings.TrimSpace(n.statement))
	return s == "not applicable" || s == "n/a" || s == "na"
}

// naturalCompare compares strings with runs of digits compared as numbers: RL.K.2 < RL.K.10.
func naturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if r := cmp.Compare(len(na), len(nb)); r != 0 {
				return r
			}
			if r := strings.Compare(na, nb); r != 0 {
				return r
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitsPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
