package workbook

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

// FormatVersion is the version of the workbook format this package writes
// and reads (docs/workbook.md).
const FormatVersion = 1

// Layout says which kind of spreadsheet a Book was read from.
type Layout string

// The layouts the Decoder recognises.
const (
	// LayoutPlanner is a workbook in Continuum Planner's own format (or just its Targets sheet).
	LayoutPlanner Layout = "continuum planner"
	// LayoutCASE is an OpenSALT CASE spreadsheet (CF Doc, CF Item, CF Association).
	LayoutCASE Layout = "case spreadsheet"
	// LayoutStandards is a teacher's own standards list on one sheet.
	LayoutStandards Layout = "standards list"
	// LayoutCASEPackage is a CASE package in JSON (1EdTech CASE 1.0 or 1.1, or OpenSALT's older shape).
	LayoutCASEPackage Layout = "case package"
	// LayoutMoodle is a Moodle competency framework (CSV).
	LayoutMoodle Layout = "moodle framework"
	// LayoutCanvas is a Canvas outcomes import file (CSV).
	LayoutCanvas Layout = "canvas outcomes"
)

// About describes a workbook: where it came from and which format it follows.
type About struct {
	// File is the name of the file the Book was read from, for messages.
	File string
	// Layout is the kind of spreadsheet the Book was read from.
	Layout Layout
	// Format names the kind of file recognised, as a person reads it:
	// "Excel workbook (.xlsx)", "CSV, semicolon-separated, Windows-1252".
	Format string
	// FormatVersion is the format version the workbook declares; 0 when it has no About sheet.
	FormatVersion int
	// AppVersion is the version of the program that wrote the workbook, when it says.
	AppVersion string
	// ExportedAt is when the workbook was written, when it says.
	ExportedAt time.Time
	// PositionsOn is the day the computed sheets (Positions, Class map) were calculated for.
	PositionsOn continuum.Date
	// Continuum is the continuum's name as the About sheet gives it; empty
	// when it gives none (Book.Continuum.Name may then come from an option
	// or the file name).
	Continuum string
}

// Place is where a record came from in the workbook.
type Place struct {
	// Sheet is the sheet's name as written in the workbook.
	Sheet string
	// Row is the row number, from 1 as spreadsheet programs show it.
	Row int
}

// Places gives the place of every record of a decoded Book, parallel to
// its slices, so that a preview or a merge can point at the row a record
// came from. They are empty for a Book built in memory.
type Places struct {
	// Targets is parallel to Book.Targets.
	Targets []Place
	// Students is parallel to Book.Students.
	Students []Place
	// Evidence is parallel to Book.Evidence.
	Evidence []Place
	// Overrides is parallel to Book.Overrides.
	Overrides []Place
	// Units is parallel to Book.Units: each unit's row on the Units sheet.
	Units []Place
	// Flex is parallel to Book.Flex: each block's first row on the Flex sheet.
	Flex []Place
	// VisitNotes is parallel to Book.VisitNotes.
	VisitNotes []Place
	// Calibration is parallel to Book.Calibration.
	Calibration []Place
}

// Book is a continuum with everything recorded against it, as a workbook
// holds it: what import produces and export consumes. It is pure data;
// the Decoder checks it, but merging it into a store is the caller's work.
type Book struct {
	// About says where the Book came from.
	About About
	// Continuum is the continuum's own fields: name, subject, description,
	// ordered levels and domains, scale, method and pacing plan. Its ID is
	// the one the workbook carries (empty when it carries none); CreatedAt
	// and UpdatedAt are not carried by workbooks.
	Continuum continuum.Continuum
	// Targets are the continuum's targets in the order of the workbook.
	Targets []continuum.Target
	// Students are the roster, in workbook order. Their StartingLevels
	// refer to this continuum by Continuum.ID.
	Students []continuum.Student
	// Evidence is in order of entry (the row order of the Evidence sheet).
	// IDs number the entries from 1 in that order; RecordedAt is not
	// carried by workbooks. Continuum is Continuum.ID.
	Evidence []continuum.Evidence
	// Overrides are the teacher's overrides; Continuum is Continuum.ID.
	Overrides []continuum.Override
	// Units are the continuum's units, in workbook order; Continuum is Continuum.ID.
	Units []continuum.Unit
	// Flex are the continuum's flex blocks with their offerings and
	// assignments, in workbook order; Continuum is Continuum.ID.
	Flex []continuum.FlexBlock
	// VisitNotes are a coach's notes from visits; Continuum is Continuum.ID.
	VisitNotes []continuum.VisitNote
	// Calibration are the scores of a PLC's calibration exercise, in row
	// order. When decoded, each Place reads "FILE sheet "Calibration" row N",
	// so that continuum.Calibrate names where a refused score came from.
	// Scores are read as numbers or scale labels but not checked against
	// the scale: continuum.Calibrate does that, naming every one off it.
	Calibration []continuum.CalibrationScore
	// Places says where each record came from, when the Book was decoded.
	Places Places
	// Problems are what the Decoder refused: rows that could not be read or
	// break a rule of the model. A Book with problems must not be applied
	// as it is.
	Problems Problems
	// Warnings are what the Decoder ignored or guessed: unknown sheets and
	// columns, adjusted codes. They do not stop an import.
	Warnings Problems
}

// New returns a Book of continuum c with its targets and the part of class
// that belongs to it: every student with only their starting levels in c,
// and the evidence and overrides recorded in c (all of them when c has no
// ID). Units, flex blocks, visit notes and calibration scores are set on
// the Book by the caller.
func New(c continuum.Continuum, targets []continuum.Target, class continuum.Class) *Book {
	b := &Book{Continuum: c, Targets: targets}
	for _, st := range class.Students {
		var sl []continuum.StartingLevel
		for _, l := range st.StartingLevels {
			if c.ID == "" || l.Continuum == c.ID {
				sl = append(sl, l)
			}
		}
		st.StartingLevels = sl
		b.Students = append(b.Students, st)
	}
	b.Evidence = ofContinuum(class.Evidence, c.ID, func(e *continuum.Evidence) string { return e.Continuum })
	b.Overrides = ofContinuum(class.Overrides, c.ID, func(o *continuum.Override) string { return o.Continuum })
	return b
}

// ofContinuum returns a copy of the records of all that are recorded in
// continuum id (all of them when id is empty), counted first so that a
// district's evidence is copied once rather than regrown.
func ofContinuum[T any](all []T, id string, continuumOf func(*T) string) []T {
	in := func(r *T) bool { return id == "" || continuumOf(r) == id }
	n := 0
	for i := range all {
		if in(&all[i]) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	kept := make([]T, 0, n)
	for i := range all {
		if in(&all[i]) {
			kept = append(kept, all[i])
		}
	}
	return kept
}

// Graph returns the Book's continuum and targets checked as a whole.
func (b *Book) Graph() (*continuum.Graph, error) {
	return continuum.NewGraph(b.Continuum, b.Targets)
}

// Class returns the Book's roster, evidence and overrides for ClassPositions.
func (b *Book) Class() continuum.Class {
	return continuum.Class{Students: b.Students, Evidence: b.Evidence, Overrides: b.Overrides}
}

// Problem is one thing wrong (or one warning) in a workbook, with its place.
type Problem struct {
	// File is the workbook's file name.
	File string
	// Sheet is the sheet's name; empty when the problem concerns the whole file.
	Sheet string
	// Row is the row number from 1; 0 when the problem concerns the whole sheet.
	Row int
	// Column is the column's letter, e.g. "D"; empty when the problem concerns a whole row.
	Column string
	// Header is the column's header text, when there is one.
	Header string
	// Where is the place written out, for a file that has no sheets (a
	// JSON item and field); used when Sheet is empty.
	Where string
	// Message says what is wrong and what was expected, in plain words.
	Message string
	// Err is the underlying error, e.g. a *continuum.Error; may be nil.
	Err error
}

// Place returns where the problem is, as "sheet "Targets" row 7 column D (Level)".
func (p Problem) Place() string {
	if p.Sheet == "" && p.Where != "" {
		return p.Where
	}
	var b strings.Builder
	if p.Sheet != "" {
		fmt.Fprintf(&b, "sheet %q", p.Sheet)
	}
	if p.Row > 0 {
		fmt.Fprintf(&b, " row %d", p.Row)
	}
	if p.Column != "" {
		fmt.Fprintf(&b, " column %s", p.Column)
		if p.Header != "" {
			fmt.Fprintf(&b, " (%s)", p.Header)
		}
	}
	return strings.TrimSpace(b.String())
}

// Error implements the error interface: "import FILE: PLACE: MESSAGE".
func (p Problem) Error() string {
	place := p.Place()
	switch {
	case place == "":
		return fmt.Sprintf("import %s: %s", p.File, p.Message)
	default:
		return fmt.Sprintf("import %s: %s: %s", p.File, place, p.Message)
	}
}

// Unwrap returns the underlying error, so errors.Is(p, continuum.ErrInvalid) works.
func (p Problem) Unwrap() error { return p.Err }

// Problems is a list of problems; as an error it reports them all.
type Problems []Problem

// Error lists the problems, one a line; more than 20 are summarised.
func (ps Problems) Error() string {
	const most = 20
	lines := make([]string, 0, min(len(ps), most)+1)
	for i, p := range ps {
		if i == most {
			lines = append(lines, fmt.Sprintf("... and %d more problems", len(ps)-most))
			break
		}
		lines = append(lines, p.Error())
	}
	return strings.Join(lines, "\n")
}

// Unwrap returns the problems as errors, for errors.Is and errors.As.
func (ps Problems) Unwrap() []error {
	out := make([]error, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

// Sheet returns the problems of one sheet (matched case-insensitively).
func (ps Problems) Sheet(name string) Problems {
	var out Problems
	for _, p := range ps {
		if strings.EqualFold(p.Sheet, name) {
			out = append(out, p)
		}
	}
	return out
}

// Sentinel errors of whole-file failures; test for them with errors.Is.
var (
	// ErrNotWorkbook means the file is not an xlsx workbook, or is damaged or cut short.
	ErrNotWorkbook = errors.New("not an xlsx workbook")
	// ErrPasswordProtected means the workbook is encrypted and no password (or a wrong one) was given.
	ErrPasswordProtected = errors.New("the workbook is password-protected")
)
