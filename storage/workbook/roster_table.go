package workbook

import (
	"context"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"unicode"

	"github.com/continuum-planner/planner/continuum"
)

// RosterFields are the fields of a class list that a roster mapping
// (ParseRosterMap, in Options.Map) can point at a column, in the order a
// mapping form asks for them.
var RosterFields = []string{"name", "first", "middle", "family", "id", "external", "group", "grade"}

// rosterFieldAliases are other words a mapping may use for a field.
var rosterFieldAliases = map[string]string{"given": "first", "firstname": "first", "last": "family", "lastname": "family",
	"surname": "family", "familyname": "family", "studentid": "id", "sis": "external", "sisid": "external",
	"externalid": "external", "class": "group", "section": "group"}

// ParseRosterMap reads a class list's mapping: field=COLUMN pairs
// separated by commas, where field is one of RosterFields (or given,
// last, surname, sis, class, section) and COLUMN a header text or a
// column letter: "first=Vorname,family=Nachname,id=B".
func ParseRosterMap(s string) (map[string]string, error) {
	out := map[string]string{}
	for _, part := range strings.Split(s, ",") {
		if strings.TrimSpace(part) == "" {
			continue
		}
		field, col, ok := strings.Cut(part, "=")
		field = normHeader(field)
		if alias, ok := rosterFieldAliases[field]; ok {
			field = alias
		}
		col = strings.TrimSpace(col)
		if !ok || col == "" {
			return nil, fmt.Errorf("parse roster map: %q: expected field=COLUMN, such as name=A or family=Last name", strings.TrimSpace(part))
		}
		if !slices.Contains(RosterFields, field) {
			return nil, fmt.Errorf("parse roster map: %q is not a field of a class list; expected one of %s", field, strings.Join(RosterFields, ", "))
		}
		if _, dup := out[field]; dup {
			return nil, fmt.Errorf("parse roster map: %s is mapped twice", field)
		}
		out[field] = col
	}
	return out, nil
}

// The columns of a class list, by index into rosterCols (and RosterFields).
const (
	rcName = iota
	rcFirst
	rcMiddle
	rcFamily
	rcID
	rcExternal
	rcGroup
	rcGrade
)

// rosterCols are the recognised headers of a class list, best first, as
// schools' information systems export them.
var rosterCols = []column{
	rcName:     {names: []string{"Name", "Student name", "Full name", "Student", "Learner", "Pupil", "Display name"}, expect: "the student's name"},
	rcFirst:    {names: []string{"First name", "First", "Given name", "givenName", "Forename", "Preferred first name"}, expect: "the student's first name"},
	rcMiddle:   {names: []string{"Middle name", "Middle", "middleName", "Middle initial"}, expect: "the student's middle name"},
	rcFamily:   {names: []string{"Last name", "Last", "Family name", "familyName", "Surname"}, expect: "the student's family name"},
	rcID:       {names: []string{"Student ID", "ID"}, expect: "a student ID such as S014"},
	rcExternal: {names: []string{"External ID", "SIS ID", "Student number", "Student no", "Student #", "Identifier", "Local ID", "State ID", "sourcedId"}, expect: "the ID in the school's information system"},
	rcGroup:    {names: []string{"Group", "Class", "Section", "Period", "Homeroom", "Class name", "Course section"}, expect: "the class or group"},
	rcGrade:    {names: []string{"Grade", "Grade level", "Grades", "Year group", "Year"}, expect: "the grade, such as 07"},
}

// RosterTable is a class list read from a spreadsheet or a CSV file, as a
// school's information system exports one: a row per student with a
// name (or first and family names), an ID, an external ID, a group and
// a grade.
type RosterTable struct {
	// File is the file's name.
	File string
	// Format names the kind of file: "CSV, comma-separated, UTF-8".
	Format string
	// Sheet is the sheet read (a CSV file's one sheet is named after it).
	Sheet string
	// HeaderRow is the header's row number; 0 when none was found.
	HeaderRow int
	// Headers are the header texts by column index.
	Headers []string
	// Fields maps each field of RosterFields read to its column index.
	Fields map[string]int
	// Students are the rows read as students, in the file's order; rows
	// with problems are left out.
	Students []continuum.Student
	// Places are where each of Students comes from.
	Places []Place
	// Problems stop an import; Warnings do not.
	Problems, Warnings Problems
}

// Column names the column a field was read from, for places: "B (Last
// name)"; "" when no column holds the field.
func (rt *RosterTable) Column(field string) string {
	col, ok := rt.Fields[field]
	if !ok {
		return ""
	}
	if col < len(rt.Headers) && rt.Headers[col] != "" {
		return colName(col) + " (" + rt.Headers[col] + ")"
	}
	return colName(col)
}

// Groups are the groups the table lists, each once, in the file's order:
// the classes it is the whole list of. None when it has no group column.
func (rt *RosterTable) Groups() []string {
	var out []string
	for _, s := range rt.Students {
		if s.Group != "" && !slices.ContainsFunc(out, func(g string) bool { return strings.EqualFold(g, s.Group) }) {
			out = append(out, s.Group)
		}
	}
	return out
}

// ReadRosterFile reads the class list at path; see Decoder.ReadRoster.
func ReadRosterFile(ctx context.Context, path string, opts Options) (*RosterTable, error) {
	return withDecoder(path, opts, "import", func(d *Decoder) (*RosterTable, error) { return d.ReadRoster(ctx) })
}

// ReadRoster reads a class list: on the sheet the options name, else on
// the first sheet whose header row (among its first 20 rows) names the
// students: a name, or first and family names. Options.Map, read by
// ParseRosterMap, points fields at columns the headers do not name.
// A file that cannot be read at all fails as Decode does; a file with no
// class list in it, or rows that cannot be taken (no name, an ID that
// cannot be one, an ID or external ID twice), has Problems naming the
// sheet, row and column.
func (d *Decoder) ReadRoster(ctx context.Context) (*RosterTable, error) {
	x, err := d.open("import")
	if err != nil {
		return nil, err
	}
	st := newState(ctx, d.opts, x)
	rt := &RosterTable{File: d.opts.Name, Format: x.format, Fields: map[string]int{}}
	l, err := findRosterList(st)
	if err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("import %s: %w", d.opts.Name, ctx.Err())
		}
		return nil, fmt.Errorf("import %s: %w: %v", d.opts.Name, ErrNotWorkbook, err)
	}
	if l != nil {
		rt.read(st, l)
	}
	rt.Problems, rt.Warnings = st.problems, st.warnings
	return rt, nil
}

// findRosterList finds the class list: on the sheet the options name, or
// on the first sheet with a header naming the students. It returns nil,
// with the problem reported, when there is none.
func findRosterList(st *state) (*standardsList, error) {
	refs := st.x.sheets
	if st.opts.Sheet != "" {
		ref, ok := st.sheet(st.opts.Sheet)
		if !ok {
			st.problem(Problem{Sheet: st.opts.Sheet, Message: fmt.Sprintf("there is no sheet %q; expected one of %s", st.opts.Sheet, st.sheetList())})
			return nil, nil
		}
		refs = []sheetRef{ref}
	}
	var first *sheetRows
	for _, ref := range refs {
		rows, err := st.loadRows(ref)
		if err != nil {
			return nil, err
		}
		if t, hi := rosterHeader(st, ref, rows, false); t != nil {
			return &standardsList{ref: ref, rows: rows, t: t, header: hi}, nil
		}
		if first == nil && len(rows) > 0 {
			first = &sheetRows{ref: ref, rows: rows}
		}
	}
	explainNoRoster(st, first)
	return nil, nil
}

// rosterHeader finds a class list's header among the first rows of a
// sheet: the first naming a name, or first and family names, after the
// mapping (and, when strict, an ID or external ID too). It returns the
// table and the index of the header in rows; nil when there is none.
func rosterHeader(st *state, ref sheetRef, rows []rawRow, strict bool) (*table, int) {
	for i, r := range rows {
		if i >= previewScan {
			break
		}
		t := &table{st: st.quiet(), sheet: ref.name, cols: slices.Clone(rosterCols)}
		t.setHeader(r.num, r.cells)
		t.st = st
		if !applyRosterMap(t, st.opts.Map) {
			continue
		}
		named := t.has(rcName) || (t.has(rcFirst) && t.has(rcFamily))
		if named && (!strict || t.has(rcID) || t.has(rcExternal)) {
			return t, i
		}
	}
	return nil, -1
}

// applyRosterMap points the mapped fields at their columns; false when a
// mapped column is not in this header row.
func applyRosterMap(t *table, m map[string]string) bool {
	for _, field := range slices.Sorted(maps.Keys(m)) {
		i := slices.Index(RosterFields, field)
		col := rosterColumn(t, m[field])
		if i < 0 || col < 0 {
			return false
		}
		t.assign(i, col)
	}
	return true
}

// rosterColumn finds the column a mapping names: a header text, else the
// letter of a column the header row reaches (so that a short header such
// as "Nom" is not taken for column NOM); -1 when there is none.
func rosterColumn(t *table, spec string) int {
	if col := mappedColumn(t, spec); col >= 0 && col < len(t.headers) {
		return col
	}
	return -1
}

// explainNoRoster says why no class list was found, with the headers of
// the first non-blank row (first) and how to map them.
func explainNoRoster(st *state, first *sheetRows) {
	if first == nil {
		st.problem(Problem{Message: "the file is empty; expected a header row naming the students (Name, or First name and Last name), then a row for each student"})
		return
	}
	head := first.rows[0]
	t := &table{st: st.quiet(), sheet: first.ref.name, cols: slices.Clone(rosterCols)}
	t.setHeader(head.num, head.cells)
	msg := fmt.Sprintf("no header row among the first %d names the students: expected Name, or First name and Last name, with Student ID or External ID; the headers in row %d are %s",
		previewScan, head.num, t.foundList())
	var bad []string
	for _, field := range slices.Sorted(maps.Keys(st.opts.Map)) {
		if rosterColumn(t, st.opts.Map[field]) < 0 {
			bad = append(bad, fmt.Sprintf("the mapping %s=%s names no column of that row", field, st.opts.Map[field]))
		}
	}
	if len(bad) > 0 {
		msg += "; " + strings.Join(bad, "; ")
	} else {
		msg += "; map the columns that hold them to fields (" + strings.Join(RosterFields, ", ") + "), for instance name=A,id=B"
	}
	st.problem(Problem{Sheet: sheetOf(st, *first), Row: head.num, Message: msg})
}

// read reads the rows of the class list below its header.
func (rt *RosterTable) read(st *state, l *standardsList) {
	t := l.t
	rt.Sheet, rt.HeaderRow, rt.Headers = l.ref.name, l.rows[l.header].num, slices.Clone(t.headers)
	for i, f := range RosterFields {
		if t.has(i) {
			rt.Fields[f] = t.at[i]
		}
	}
	var ignored []string
	for col, h := range t.headers {
		if h != "" && t.byCol[col] < 0 {
			ignored = append(ignored, fmt.Sprintf("%s (%s)", colName(col), h))
		}
	}
	if len(ignored) > 0 {
		st.warn(Problem{Sheet: l.ref.name, Row: rt.HeaderRow, Message: "no field is read from " + strings.Join(ignored, ", ") +
			"; to read one, map the column to a field (" + strings.Join(RosterFields, ", ") + ")"})
	}
	ids, exts := map[string]int{}, map[string]int{}
	r := &row{t: t}
	for _, rr := range l.rows[l.header+1:] {
		if st.ctx.Err() != nil {
			return
		}
		if !t.fill(r, rr.num, rr.cells) {
			continue
		}
		s, ok := rosterStudent(r)
		if !ok || !unique(r, rcID, "student ID", s.ID, ids) || !unique(r, rcExternal, "external ID", s.ExternalID, exts) {
			continue
		}
		rt.Students = append(rt.Students, s)
		rt.Places = append(rt.Places, Place{Sheet: l.ref.name, Row: rr.num})
	}
	if len(rt.Students) == 0 && len(st.problems) == 0 {
		st.problem(Problem{Sheet: sheetOf(st, sheetRows{ref: l.ref}), Row: rt.HeaderRow, Message: "no student is listed below the header row; expected a row for each student"})
	}
}

// rosterStudent reads a row as a student; ok is false when the row has a
// problem (reported).
func rosterStudent(r *row) (continuum.Student, bool) {
	s := continuum.Student{ID: r.str(rcID), ExternalID: r.str(rcExternal), Group: r.str(rcGroup), Grade: r.str(rcGrade)}
	s.Name = strings.Join(strings.Fields(r.str(rcName)), " ")
	if s.Name == "" {
		s.Name = strings.Join(strings.Fields(r.str(rcFirst)+" "+r.str(rcMiddle)+" "+r.str(rcFamily)), " ")
	}
	if s.Group != "" && strings.EqualFold(r.t.headers[r.t.at[rcGroup]], "Period") && strings.IndexFunc(s.Group, func(c rune) bool { return !unicode.IsDigit(c) }) < 0 {
		s.Group = "Period " + s.Group // a bare period number names a class as a teacher says it
	}
	if r.bad {
		return s, false
	}
	if s.Name == "" {
		col := rcName
		if !r.t.has(rcName) {
			col = rcFirst
		}
		r.problem(col, "is empty; expected the student's name (or first and family names)")
		return s, false
	}
	if s.ID != "" {
		check := continuum.Student{ID: s.ID, Name: s.Name}
		if err := check.Validate(); err != nil {
			r.problemErr(rcID, err)
			return s, false
		}
	}
	return s, true
}

// unique reports a problem on column i when value is already on an
// earlier row (seen maps values to rows); "" is never a duplicate.
func unique(r *row, i int, what, value string, seen map[string]int) bool {
	if value == "" {
		return true
	}
	if first, dup := seen[value]; dup {
		r.problem(i, "%s %s is already on row %d; each student's %s must be their own", what, value, first, what)
		return false
	}
	seen[value] = r.num
	return true
}

// LooksLikeRoster reports whether the file at path is a class list: a
// sheet whose header (among its first 20 rows) names the students (a
// name, or first and family names) and their IDs (a student ID or an
// external ID), and names no targets, standards, dates or scores (such a
// sheet is a score sheet or a standards list). A workbook of this
// program's own or a CASE spreadsheet is not one.
func LooksLikeRoster(ctx context.Context, path string, opts Options) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || fi.IsDir() {
		return false
	}
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	x, err := NewDecoder(f, fi.Size(), opts).open("look at")
	if err != nil {
		return false
	}
	st := newState(ctx, opts, x)
	if hasSheet(st, sheetTargets) || hasSheet(st, sheetCFItem) {
		return false
	}
	for _, ref := range x.sheets {
		rows, err := headRows(st, ref)
		if err != nil {
			return false
		}
		if t, _ := rosterHeader(st.quiet(), ref, rows, true); t != nil && !scoreHeaders(t.headers) {
			return true
		}
	}
	return false
}

// headRows reads the first non-blank rows of a sheet, as many as a
// header is looked for among.
func headRows(st *state, ref sheetRef) ([]rawRow, error) {
	var rows []rawRow
	err := st.x.readSheet(ref, func(n int, cells []cell) error {
		if !blankCells(cells) {
			rows = append(rows, rawRow{num: n, cells: slices.Clone(cells)})
		}
		if len(rows) >= previewScan {
			return errStop
		}
		return nil
	}, nil)
	return rows, err
}

// scoreWords are headers that belong to score sheets and standards
// lists, not to class lists.
var scoreWords = []string{"score", "scores", "target", "targetcode", "standard", "standardcode", "statement", "code", "evidence",
	"date", "mastery", "outcome", "assessment", "assignment", "points", "result", "mark", "proficiency"}

// scoreHeaders reports whether a header row names scores: a score word,
// a header written as a target code is ("RL.7.1", "NO.1.1", "6.RP.A.1":
// one alone makes a sheet of one target's scores), or two headers that
// look like codes without dots or statements (six words or more), or
// dates. A class list's numbered columns ("Phone1", "Guardian 2") are
// not codes.
func scoreHeaders(headers []string) bool {
	codes := 0
	for _, h := range headers {
		k := normHeader(h)
		if slices.Contains(scoreWords, k) || dottedCode(strings.TrimSpace(h)) {
			return true
		}
		hasDigit := strings.ContainsFunc(h, unicode.IsDigit)
		if (hasDigit && !strings.ContainsAny(strings.TrimSpace(h), " ")) || len(strings.Fields(h)) >= 6 {
			codes++
		}
	}
	return codes >= 2
}

// dottedCode reports whether h is written as a target code: parts of
// letters and digits joined by dots, at least one of them a number, and
// no part longer than a word ("RL.7.1", "NO.1.10", "CCSS.Math.Content.6.RP.A.1").
func dottedCode(h string) bool {
	parts := strings.Split(h, ".")
	if len(parts) < 2 {
		return false
	}
	digits := false
	for _, p := range parts {
		if p == "" || len(p) > 12 {
			return false
		}
		for _, r := range p {
			switch {
			case unicode.IsDigit(r):
				digits = true
			case !unicode.IsLetter(r) && r != '-':
				return false
			}
		}
	}
	return digits
}
