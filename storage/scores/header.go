package scores

import (
	"strings"

	"github.com/continuum-planner/planner/storage/workbook"
)

// role is what a column of a score sheet holds.
type role uint8

const (
	roleNone     role = iota // a wide sheet's target column
	roleID                   // the student's ID
	roleExternal             // the student's SIS or external ID
	roleName                 // the student's name
	roleFirst                // the student's first name
	roleLast                 // the student's family name
	roleTarget               // a long sheet's target
	roleDate                 // the date
	roleScore                // a long sheet's score
	roleKind                 // the kind of evidence
	roleScorer               // who scored
	roleNote                 // a note or comment
	roleTask                 // the task or assessment the score came from
	roleIgnore               // a column that is not scores (group, email, average …)
)

// roleNames maps header texts, folded by fold, to their roles. Spellings
// are those of gradebooks, SIS exports and teachers' own sheets.
var roleNames = map[string]role{}

func init() {
	add := func(r role, names ...string) {
		for _, n := range names {
			roleNames[fold(n)] = r
		}
	}
	add(roleID, "student id", "id", "student number", "student no", "student #", "student code", "local id", "pupil id", "learner id", "user id", "username")
	add(roleExternal, "external id", "sis id", "student sis id", "sis user id", "sis", "state id", "ssid", "sourcedid", "sourced id", "upn", "student sis")
	add(roleName, "name", "student", "student name", "students", "full name", "student full name", "learner", "pupil", "display name", "sortable name")
	add(roleFirst, "first name", "first", "given name", "given names", "forename", "preferred name", "preferred first name", "givenname")
	add(roleLast, "last name", "last", "family name", "surname", "lastname", "familyname")
	add(roleTarget, "target", "target code", "code", "learning target", "standard", "standard code", "outcome", "skill", "competency", "objective", "learning goal", "target statement", "statement")
	add(roleDate, "date", "dates", "date assessed", "assessed", "assessed on", "assessment date", "day", "scored on", "date scored", "when")
	add(roleScore, "score", "level", "mark", "rating", "result", "proficiency", "proficiency level", "performance level", "mastery level", "points")
	add(roleKind, "kind", "type", "evidence kind", "evidence type", "assessment type", "kind of evidence")
	add(roleScorer, "scorer", "teacher", "assessor", "scored by", "marker", "grader", "graded by", "by")
	add(roleNote, "note", "notes", "comment", "comments", "feedback", "remarks")
	add(roleTask, "task", "assessment", "assignment", "activity", "evidence")
	add(roleIgnore, "group", "class", "section", "period", "homeroom", "grade", "grades", "grade level", "year", "email", "e-mail", "email address",
		"average", "mean", "total", "overall", "final", "final grade", "current grade", "current score", "final score", "percent", "%", "#", "no", "row",
		"gender", "sex", "birthdate", "date of birth", "dob", "status")
}

// fold reads a header for matching: lower case, spacing, underscores,
// colons and a trailing asterisk aside, so "Student_ID:", "student id" and
// "Student ID *" are one.
func fold(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.TrimRight(s, " :*")
	s = foldSpaces.Replace(s)
	return strings.Join(strings.Fields(s), " ")
}

// foldSpaces reads underscores, hyphens and no-break spaces in headers as spaces.
var foldSpaces = strings.NewReplacer("_", " ", "-", " ", "\u00a0", " ")

// roleOf is the role a header names; roleNone for anything else.
func roleOf(header string) role { return roleNames[fold(header)] }

// isStudent reports whether r is one of the student's columns.
func (r role) isStudent() bool { return r >= roleID && r <= roleLast }

// column is a column of a score sheet's header.
type column struct {
	col    int
	header string
	role   role
}

// place is where a cell of this column in row is.
func (c column) place(sheet string, row int) Place {
	return Place{Sheet: sheet, Row: row, Column: workbook.ColumnName(c.col), Header: c.header}
}

// header is a score sheet's header row.
type header struct {
	row  int
	cols []column
	at   map[int]int // column → index in cols
}

func newHeader(r workbook.TableRow) *header {
	h := &header{row: r.Num, at: map[int]int{}}
	for _, c := range r.Cells {
		text := strings.TrimSpace(c.Text)
		if text == "" || c.Error {
			continue
		}
		h.at[c.Col] = len(h.cols)
		h.cols = append(h.cols, column{col: c.Col, header: text, role: roleOf(text)})
	}
	return h
}

// has reports whether the header has a column of role r.
func (h *header) has(r role) bool {
	for _, c := range h.cols {
		if c.role == r {
			return true
		}
	}
	return false
}

// names reports whether the header names a student in some way.
func (h *header) names() bool {
	for _, c := range h.cols {
		if c.role.isStudent() {
			return true
		}
	}
	return false
}

// maxHeaderRow bounds how far down a sheet its header row is looked for:
// a title, a teacher's name and a date may sit above it.
const maxHeaderRow = 30

// findHeader returns the index in rows of the first row naming a student
// column beside at least one other column; -1 when there is none.
func findHeader(rows []workbook.TableRow) int {
	for i, r := range rows {
		if r.Num > maxHeaderRow {
			break
		}
		h := newHeader(r)
		if h.names() && len(h.cols) >= 2 {
			return i
		}
	}
	return -1
}

// studentOf reads the student a row names through the header's student
// columns; ok is false when it names none.
func (h *header) studentOf(ln line) (s Student, ok bool) {
	var first, last string
	for _, c := range h.cols {
		if !c.role.isStudent() {
			continue
		}
		v := strings.TrimSpace(ln.text(c.col))
		if v == "" {
			continue
		}
		switch c.role {
		case roleID:
			if s.ID == "" {
				s.ID = v
			}
		case roleExternal:
			if s.ExternalID == "" {
				s.ExternalID = v
			}
		case roleName:
			if s.Name == "" {
				s.Name = v
			}
		case roleFirst:
			first = v
		case roleLast:
			last = v
		}
	}
	if s.Name == "" {
		s.Name = strings.TrimSpace(first + " " + last)
	}
	s.Name = strings.Join(strings.Fields(s.Name), " ")
	return s, s.ID != "" || s.ExternalID != "" || s.Name != ""
}

// studentPlace is where a row names its student: its first student cell.
func (h *header) studentPlace(sheet string, row int, ln line) Place {
	for _, c := range h.cols {
		if c.role.isStudent() && strings.TrimSpace(ln.text(c.col)) != "" {
			return c.place(sheet, row)
		}
	}
	return Place{Sheet: sheet, Row: row}
}

// width is one more than the header's last column.
func (h *header) width() int {
	if len(h.cols) == 0 {
		return 0
	}
	return h.cols[len(h.cols)-1].col + 1
}

// line is a row's cells spread by column, up to the header's width; an
// empty cell has no text.
type line []workbook.TableCell

// spread lays r's cells out by column into buf, reused from row to row,
// and reports whether r has cells right of the header.
func spread(buf line, width int, r workbook.TableRow) (line, bool) {
	if cap(buf) < width {
		buf = make(line, width)
	}
	buf = buf[:width]
	clear(buf)
	beyond := false
	for _, c := range r.Cells {
		if c.Col >= width {
			beyond = true
			continue
		}
		buf[c.Col] = c
	}
	return buf, beyond
}

func (ln line) text(col int) string {
	if col < 0 || col >= len(ln) {
		return ""
	}
	return ln[col].Text
}

func (ln line) cell(col int) workbook.TableCell {
	if col < 0 || col >= len(ln) {
		return workbook.TableCell{}
	}
	return ln[col]
}
