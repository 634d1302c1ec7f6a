package workbook

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
)

// maxCellChars is Excel's own limit on the characters in one cell. A
// longer value cannot have come from a spreadsheet program intact.
const maxCellChars = 32767

// column describes a column a sheet may have: its accepted header
// spellings and what a value must look like.
type column struct {
	// names are the accepted header spellings; the first is the one the Encoder writes.
	names []string
	// required makes a missing column a problem.
	required bool
	// expect says what a value must look like, for messages.
	expect string
}

// normHeader folds a header for matching: lower case, without spaces,
// underscores, hyphens and dots, so "Student ID", "student_id" and
// "StudentID" all match.
func normHeader(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range strings.ToLower(strings.TrimSpace(s)) {
		switch r {
		case ' ', '_', '-', '.', '\t', '\n', '\r', '\u00a0':
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// table reads one sheet as a header row and the records below it.
type table struct {
	st          *state
	sheet       string
	cols        []column
	at          []int    // column index (from 0) of each of cols; -1 when absent
	headers     []string // header text by column index
	header      int      // header row number; 0 until seen
	byCol       []int    // column index → index into cols, or -1
	warnUnknown bool
	missing     bool // a required column is missing: the sheet is skipped
}

// row is the current record of a table: its cells by column of interest.
type row struct {
	t    *table
	num  int
	vals []*cell
	bad  bool // a problem was reported on this row
}

// readTable streams a sheet: the first non-blank row is the header, every
// later non-blank row is passed to fn. Headers in cols are located
// case-insensitively; with warnUnknown, other headers are reported as
// warnings. onHeader, when set, may add columns once the headers are known.
func (st *state) readTable(ref sheetRef, cols []column, warnUnknown bool, onHeader func(t *table), fn func(r *row)) (*table, error) {
	t := &table{st: st, sheet: ref.name, cols: cols, warnUnknown: warnUnknown}
	r := &row{t: t}
	err := st.x.readWholeSheet(ref, func(n int, cells []cell) error {
		if err := st.ctx.Err(); err != nil {
			return err
		}
		if t.header == 0 {
			if blankCells(cells) {
				return nil
			}
			t.setHeader(n, cells)
			if onHeader != nil {
				onHeader(t)
			}
			if t.missing {
				return errStop
			}
			return nil
		}
		if t.fill(r, n, cells) {
			fn(r)
		}
		return nil
	}, st.progressFor(ref))
	if err != nil {
		return t, err
	}
	if t.header == 0 && t.requiredList() != "" {
		t.missing = true
		st.problem(Problem{Sheet: ref.name, Message: fmt.Sprintf("the sheet is empty; expected a header row with %s", t.requiredList())})
	}
	return t, nil
}

// fill makes r the record of row n; it reports whether any column of
// interest has a value.
func (t *table) fill(r *row, n int, cells []cell) bool {
	r.t, r.num, r.bad = t, n, false
	if cap(r.vals) < len(t.cols) {
		r.vals = make([]*cell, len(t.cols))
	}
	r.vals = r.vals[:len(t.cols)]
	clear(r.vals)
	any := false
	for i := range cells {
		c := &cells[i]
		if c.col < len(t.byCol) && t.byCol[c.col] >= 0 {
			if strings.TrimSpace(c.text) == "" && !c.formula {
				continue
			}
			r.vals[t.byCol[c.col]] = c
			any = true
		}
	}
	return any
}

func blankCells(cells []cell) bool {
	for _, c := range cells {
		if strings.TrimSpace(c.text) != "" || c.formula {
			return false
		}
	}
	return true
}

func (t *table) requiredList() string {
	var names []string
	for _, c := range t.cols {
		if c.required {
			names = append(names, c.names[0])
		}
	}
	return strings.Join(names, ", ")
}

// setHeader locates the columns in the header row.
func (t *table) setHeader(n int, cells []cell) {
	t.header = n
	maxCol := 0
	for _, c := range cells {
		maxCol = max(maxCol, c.col+1)
	}
	t.headers = make([]string, maxCol)
	for _, c := range cells {
		t.headers[c.col] = strings.TrimSpace(c.text)
	}
	t.at = make([]int, len(t.cols))
	for i := range t.at {
		t.at[i] = -1
	}
	t.byCol = make([]int, maxCol)
	for i := range t.byCol {
		t.byCol[i] = -1
	}
	// Earlier spellings win over later ones, and each header is used once.
	for i, c := range t.cols {
		for _, name := range c.names {
			k := normHeader(name)
			for col, h := range t.headers {
				if t.byCol[col] < 0 && h != "" && normHeader(h) == k {
					t.at[i], t.byCol[col] = col, i
					break
				}
			}
			if t.at[i] >= 0 {
				break
			}
		}
	}
	for i, c := range t.cols {
		if c.required && t.at[i] < 0 {
			t.missing = true
			t.st.problem(Problem{Sheet: t.sheet, Row: n,
				Message: fmt.Sprintf("column %q is missing; expected a header row with %s (found %s)", c.names[0], t.requiredList(), t.foundList())})
		}
	}
	if t.warnUnknown {
		for col, h := range t.headers {
			if h != "" && t.byCol[col] < 0 {
				t.st.warn(Problem{Sheet: t.sheet, Row: n, Column: colName(col), Header: h, Message: "unknown column; it is ignored"})
			}
		}
	}
}

func (t *table) foundList() string {
	var hs []string
	for _, h := range t.headers {
		if h != "" {
			hs = append(hs, strconv.Quote(h))
		}
	}
	if len(hs) == 0 {
		return "no headers"
	}
	return strings.Join(hs, ", ")
}

// addColumn adds a column found after the header was read (descriptor
// columns named after scale points) and returns its index in cols.
func (t *table) addColumn(c column, col int) int {
	t.cols = append(t.cols, c)
	t.at = append(t.at, col)
	t.byCol[col] = len(t.cols) - 1
	return len(t.cols) - 1
}

// assign points column i of interest at sheet column col (from 0), which
// may lie past the header row's last header, taking col from any other
// column and i from any other sheet column.
func (t *table) assign(i, col int) {
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
}

// has reports whether column i is present in the sheet.
func (t *table) has(i int) bool { return i < len(t.at) && t.at[i] >= 0 }

// problem reports a problem on column i of the row and marks the row bad.
func (r *row) problem(i int, format string, args ...any) {
	r.bad = true
	p := Problem{Sheet: r.t.sheet, Row: r.num, Message: fmt.Sprintf(format, args...)}
	if i >= 0 && r.t.has(i) {
		p.Column = colName(r.t.at[i])
		p.Header = r.t.headers[r.t.at[i]]
	} else if i >= 0 {
		p.Header = r.t.cols[i].names[0]
	}
	r.t.st.problem(p)
}

// problemErr reports a domain error on column i.
func (r *row) problemErr(i int, err error) {
	r.problem(i, "%s", plain(err))
	r.t.st.problems[len(r.t.st.problems)-1].Err = err
}

// warn reports a warning on column i of the row.
func (r *row) warn(i int, format string, args ...any) {
	p := Problem{Sheet: r.t.sheet, Row: r.num, Message: fmt.Sprintf(format, args...)}
	if i >= 0 && r.t.has(i) {
		p.Column = colName(r.t.at[i])
		p.Header = r.t.headers[r.t.at[i]]
	}
	r.t.st.warn(p)
}

// plain returns a domain error's message without its field prefix.
func plain(err error) string {
	var e *continuum.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}

// raw returns the cell of column i after the checks every value passes: no
// formula, no error value, within Excel's length limit. ok is false when
// the cell is blank or refused (the problem is reported).
func (r *row) raw(i int) (*cell, bool) {
	c := r.vals[i]
	if c == nil {
		return nil, false
	}
	switch {
	case c.formula:
		r.problem(i, "formula in %s!%s%d; paste values instead (Paste Special > Values)", r.t.sheet, colName(c.col), r.num)
		return nil, false
	case c.kind == kindError:
		r.problem(i, "the cell shows the error %s; expected %s", c.text, r.t.cols[i].expect)
		return nil, false
	case len(c.text) > maxCellChars && utf8.RuneCountInString(c.text) > maxCellChars:
		r.problem(i, "the cell holds %d characters, more than a spreadsheet cell can (%d)", utf8.RuneCountInString(c.text), maxCellChars)
		return nil, false
	}
	return c, true
}

// str returns the trimmed text of column i ("" when blank or refused).
func (r *row) str(i int) string {
	c, ok := r.raw(i)
	if !ok {
		return ""
	}
	return strings.TrimSpace(c.text)
}

// text returns column i's text trimmed, with its line breaks kept and
// normalised to LF: for statements, descriptions and notes.
func (r *row) text(i int) string {
	return normalizeNewlines(r.str(i))
}

// present reports whether column i has a value in this row.
func (r *row) present(i int) bool { return r.vals[i] != nil }

// require reports a problem when column i is blank and returns its text.
func (r *row) require(i int, what string) (string, bool) {
	if r.vals[i] == nil {
		r.problem(i, "is empty; expected %s", what)
		return "", false
	}
	s := r.str(i)
	if s == "" {
		return "", false // refused by raw, or blank after trimming
	}
	return s, true
}

// number reads column i as a number (a number cell, or text such as "3"
// or "2,5"). ok is false when blank; a value that is not a number is reported.
func (r *row) number(i int) (float64, bool) {
	c, ok := r.raw(i)
	if !ok {
		return 0, false
	}
	s := strings.TrimSpace(c.text)
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		r.problem(i, "%q is not a number; expected %s", s, r.t.cols[i].expect)
		return 0, false
	}
	return v, true
}

// integer reads column i as a whole number of at least 0.
func (r *row) integer(i int) (int, bool) {
	v, ok := r.number(i)
	if !ok {
		return 0, false
	}
	if v != math.Trunc(v) || v < 0 || v > 1e9 {
		r.problem(i, "%s is not a whole number of 0 or more; expected %s", continuum.FormatScore(v), r.t.cols[i].expect)
		return 0, false
	}
	return int(v), true
}

// date reads column i as a day: a date cell, or text in ISO (2026-09-14)
// or US (9/14/2026) form. A number without a date format is refused,
// since nothing says it is a date.
func (r *row) date(i int) (continuum.Date, bool) {
	c, ok := r.raw(i)
	if !ok {
		return continuum.Date{}, false
	}
	s := strings.TrimSpace(c.text)
	if c.kind == kindNumber {
		v, err := strconv.ParseFloat(s, 64)
		if err == nil && c.date {
			if t, ok := r.t.st.x.serialDate(v); ok {
				return r.sane(i, continuum.DateOf(t))
			}
		}
		r.problem(i, "%s is a number, not a date; expected %s", s, r.t.cols[i].expect)
		return continuum.Date{}, false
	}
	d, err := parseDate(s)
	if err != nil {
		r.problem(i, "%q is not a date; expected %s", s, r.t.cols[i].expect)
		return continuum.Date{}, false
	}
	return r.sane(i, d)
}

// sane refuses, in column i, a day outside the years a person may give
// (continuum.CheckDate): 0001-01-01, or a serial 0 that a blank date
// cell of some spreadsheets holds, is a slip, not a day of school.
func (r *row) sane(i int, d continuum.Date) (continuum.Date, bool) {
	if err := continuum.CheckDate(d); err != nil {
		r.problem(i, "%s", plain(err))
		return continuum.Date{}, false
	}
	return d, true
}

// parseDate reads ISO and m/d/yyyy dates, and ISO date-times (keeping the
// day), of any year: row.date checks the years.
func parseDate(s string) (continuum.Date, error) {
	if len(s) > 10 && s[4] == '-' && (s[10] == 'T' || s[10] == ' ') {
		s = s[:10]
	}
	var d continuum.Date
	if strings.TrimSpace(s) == "" {
		return d, errors.New("no date")
	}
	err := d.UnmarshalText([]byte(s))
	return d, err
}

// flag reads a yes/no column: yes, y, true, 1, x, ✓ and the given extra
// yes words are yes; no, n, false, 0 and blank are no.
func (r *row) flag(i int, yes ...string) (bool, bool) {
	c, ok := r.raw(i)
	if !ok {
		return false, r.vals[i] == nil
	}
	s := strings.ToLower(strings.TrimSpace(c.text))
	switch s {
	case "yes", "y", "true", "1", "x", "✓", "✔", "oui", "sí", "si":
		return true, true
	case "no", "n", "false", "0", "":
		return false, true
	}
	for _, w := range yes {
		if s == w {
			return true, true
		}
	}
	r.problem(i, "%q is not yes or no; expected %s", c.text, r.t.cols[i].expect)
	return false, false
}

// splitCodes splits a list of codes separated by commas, semicolons or line breaks.
func splitCodes(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '\n' || r == '\r' })
	out := f[:0]
	for _, c := range f {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}
