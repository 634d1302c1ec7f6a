// Package scores reads the score sheets teachers already keep, xlsx or
// CSV, in the three shapes they come in:
//
//   - wide: students down, targets (codes or statements) across, one
//     score per cell, dated once for the sheet ("Date: 2026-09-14" above
//     the table), per column (a row of dates under or over the header),
//     per row (a Date column), per target (a Date column right of it) or
//     per cell ("3 (2026-09-14)");
//   - long: one row per score, with the student, the target, the date and
//     the score, and optionally the kind, the scorer and a note;
//   - Canvas's Learning Mastery Gradebook export ("Student name",
//     "Student ID", "Student SIS ID", then "<outcome path> result" and
//     "<outcome path> mastery points" for each outcome), recognised by its
//     header.
//
// The reader gives the file's students, targets and scores as written,
// each with its place; it knows no store. Matching them with a roster
// and a continuum, and reading a score against a scale, is the import's
// work (package exchange). Blank cells, and cells saying there is no
// evidence ("—", "n/a", "excused"), are no score at all, never a zero.
package scores

import (
	"fmt"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// Layout is the shape of a score sheet.
type Layout string

// The layouts Read recognises.
const (
	// Wide has students down and targets across, one score per cell.
	Wide Layout = "wide"
	// Long has one row per score.
	Long Layout = "long"
	// CanvasMastery is Canvas's Learning Mastery Gradebook export (CSV).
	CanvasMastery Layout = "canvas mastery"
)

// Label names the layout for people.
func (l Layout) Label() string {
	switch l {
	case Wide:
		return "score sheet, students down and targets across"
	case Long:
		return "score list, one row per score"
	case CanvasMastery:
		return "Canvas Learning Mastery Gradebook export"
	}
	return string(l)
}

// Place is where something is in the file.
type Place struct {
	// Sheet is the sheet's name (a CSV file's is the file's name without
	// its extension); "" for the whole file.
	Sheet string
	// Row is the row number from 1; 0 for a whole sheet.
	Row int
	// Column is the column's letter, e.g. "D"; "" for a whole row.
	Column string
	// Header is the column's header text, when it has one.
	Header string
}

// String writes the place: "Period 2, row 12, column D (NO.1.1)".
func (p Place) String() string {
	var parts []string
	if p.Sheet != "" {
		parts = append(parts, p.Sheet)
	}
	if p.Row > 0 {
		parts = append(parts, fmt.Sprintf("row %d", p.Row))
	}
	switch {
	case p.Column != "" && p.Header != "":
		parts = append(parts, fmt.Sprintf("column %s (%s)", p.Column, p.Header))
	case p.Column != "":
		parts = append(parts, "column "+p.Column)
	}
	if len(parts) == 0 {
		return "the whole file"
	}
	return strings.Join(parts, ", ")
}

// Problem is something the reader refused or ignored, with its place.
type Problem struct {
	// Place is where it is.
	Place Place
	// Message says what is wrong, what was expected and what to do.
	Message string
}

// String writes the problem with its place.
func (p Problem) String() string { return p.Place.String() + ": " + p.Message }

// Student is a student as the file names them.
type Student struct {
	// ID is what a Student ID column gives ("" when none).
	ID string
	// ExternalID is what an SIS ID or External ID column gives ("" when none).
	ExternalID string
	// Name is the student's name as written ("Ana López", "López, Ana"),
	// first and family names joined when the file keeps them apart.
	Name string
}

// String names the student for people: "Ana López (S014)".
func (s Student) String() string {
	var ids []string
	for _, id := range []string{s.ID, s.ExternalID} {
		if id != "" {
			ids = append(ids, id)
		}
	}
	switch {
	case s.Name == "":
		return strings.Join(ids, ", ")
	case len(ids) == 0:
		return s.Name
	}
	return s.Name + " (" + strings.Join(ids, ", ") + ")"
}

// key is what makes two rows the same student within a file.
func (s Student) key() string {
	switch {
	case s.ID != "":
		return "i\x00" + strings.ToLower(s.ID)
	case s.ExternalID != "":
		return "e\x00" + strings.ToLower(s.ExternalID)
	}
	return "n\x00" + strings.ToLower(strings.Join(strings.Fields(s.Name), " "))
}

// Target is a target as the file names it.
type Target struct {
	// Text is the code or statement as written: a wide sheet's column
	// header, a long sheet's target cell, a Canvas outcome's title.
	Text string
	// Path is a Canvas outcome's place in its groups as the export's
	// header writes it ("Number > Fractions > NO.2.2"); "" otherwise.
	Path string
	// Mastery is a Canvas outcome's mastery points as the export gives
	// them; "" otherwise.
	Mastery string
	// Place is where it first appears.
	Place Place
}

// Score is one score of the file.
type Score struct {
	// Student is the index of the student in File.Students.
	Student int
	// Target is the index of the target in File.Targets.
	Target int
	// Date is the day the file gives the score; zero when it gives none
	// (the import then dates it as the teacher says, or refuses it).
	Date continuum.Date
	// Text is the score as written, its date in brackets taken off: "3",
	// "2.5", "M", "Proficient", "3+".
	Text string
	// Kind is the kind of evidence the file gives; "" when it gives none.
	Kind continuum.EvidenceKind
	// Scorer is who scored it, when the file says.
	Scorer string
	// Note is the file's note on the score (its task and comment).
	Note string
	// Place is the score's cell.
	Place Place
}

// Sheet says how one sheet was read.
type Sheet struct {
	// Name is the sheet's name.
	Name string
	// Layout is the shape it was read as.
	Layout Layout
	// HeaderRow is the row of its header.
	HeaderRow int
	// Date is the date given once for the sheet ("Date: 2026-09-14"
	// above the table); zero when none.
	Date continuum.Date
	// Scores counts the scores read from it.
	Scores int
}

// File is a score sheet read: its students, targets and scores as
// written, each with its place, and what was refused or ignored.
type File struct {
	// Name is the file's name as messages show it.
	Name string
	// Format names the kind of file: "Excel workbook (.xlsx)", "CSV,
	// comma-separated, UTF-8".
	Format string
	// Sheets are the sheets read as score sheets.
	Sheets []Sheet
	// Students are the file's students, each once, in order of first appearance.
	Students []Student
	// StudentPlaces are where each student first appears (their name or ID cell).
	StudentPlaces []Place
	// Targets are the file's targets, each once, in order of first appearance.
	Targets []Target
	// Scores are the scores in file order.
	Scores []Score
	// NoEvidence counts the cells that say there is no evidence ("—",
	// "n/a", "excused"): left out, never read as a zero.
	NoEvidence int
	// Problems are what was refused: cells and rows that cannot be read.
	Problems []Problem
	// Warnings are what was ignored or guessed: columns left out, kinds guessed.
	Warnings []Problem
}

// Layout is the layout of the file's first score sheet ("" when it has none).
func (f *File) Layout() Layout {
	if len(f.Sheets) == 0 {
		return ""
	}
	return f.Sheets[0].Layout
}

// files is the reading state of a File: its students and targets by key.
type files struct {
	*File
	students map[string]int
	targets  map[string]int
	kinds    map[string]continuum.EvidenceKind // kinds of evidence read, by their text
	warned   map[string]bool                   // kind words warned about, folded
	asIs     map[Student]int                   // students by their fields as written
	texts    map[string]int                    // targets by their text as written
}

func newFiles(name, format string) *files {
	return &files{File: &File{Name: name, Format: format}, students: map[string]int{}, targets: map[string]int{},
		kinds: map[string]continuum.EvidenceKind{}, warned: map[string]bool{}, asIs: map[Student]int{}, texts: map[string]int{}}
}

// student returns the index of s, adding it at place pl when new.
func (f *files) student(s Student, pl Place) int {
	if i, ok := f.asIs[s]; ok {
		return i
	}
	i := f.studentByKey(s, pl)
	f.asIs[s] = i
	return i
}

// studentByKey returns the index of the student s is, adding it when new.
func (f *files) studentByKey(s Student, pl Place) int {
	k := s.key()
	if i, ok := f.students[k]; ok {
		if f.Students[i].Name == "" && s.Name != "" {
			f.Students[i].Name = s.Name
		}
		return i
	}
	f.students[k] = len(f.Students)
	f.Students = append(f.Students, s)
	f.StudentPlaces = append(f.StudentPlaces, pl)
	return len(f.Students) - 1
}

// target returns the index of t, adding it when new: targets are the same
// when their text is, capitals and spacing aside.
func (f *files) target(t Target) int {
	if i, ok := f.texts[t.Text]; ok {
		if f.Targets[i].Mastery == "" {
			f.Targets[i].Mastery = t.Mastery
		}
		return i
	}
	i := f.targetByKey(t)
	f.texts[t.Text] = i
	return i
}

// targetByKey returns the index of the target t is, adding it when new.
func (f *files) targetByKey(t Target) int {
	k := strings.ToLower(strings.Join(strings.Fields(t.Text), " "))
	if i, ok := f.targets[k]; ok {
		if f.Targets[i].Mastery == "" {
			f.Targets[i].Mastery = t.Mastery
		}
		return i
	}
	f.targets[k] = len(f.Targets)
	f.Targets = append(f.Targets, t)
	return len(f.Targets) - 1
}

func (f *files) problem(pl Place, format string, args ...any) {
	f.Problems = append(f.Problems, Problem{Place: pl, Message: fmt.Sprintf(format, args...)})
}

func (f *files) warn(pl Place, format string, args ...any) {
	f.Warnings = append(f.Warnings, Problem{Place: pl, Message: fmt.Sprintf(format, args...)})
}
