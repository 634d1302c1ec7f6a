package exchange

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/oneroster"
	"github.com/continuum-planner/planner/storage/workbook"
)

// The formats of class lists that RosterReadOptions.Format may name.
const (
	// FormatOneRoster is a 1EdTech OneRoster CSV set, a folder or a zip.
	FormatOneRoster = "oneroster"
	// FormatRoster is any roster table, CSV or xlsx, as a school's
	// information system exports a class list.
	FormatRoster = "roster"
)

// ErrNoClassChosen means a OneRoster set's classes are to be chosen
// (RosterFile.ChooseClasses) before its students can be compared with the store.
var ErrNoClassChosen = errors.New("no class of the set is chosen")

// IsOneRoster reports whether path is a OneRoster CSV set: a folder
// holding manifest.csv, or users.csv and enrollments.csv, or a zip of them.
func IsOneRoster(path string) bool { return oneroster.Is(path) }

// LooksLikeRoster reports whether the file at path is a class list: a
// CSV or xlsx table whose header names the students (a name, or first
// and family names) and their IDs, and names no targets, standards,
// dates or scores (workbook.LooksLikeRoster).
func LooksLikeRoster(path string) bool {
	if fi, err := os.Stat(path); err != nil || fi.IsDir() || oneroster.Is(path) || inOneRosterSet(path) {
		return false
	}
	return workbook.LooksLikeRoster(context.Background(), path, workbook.Options{})
}

// inOneRosterSet reports whether path is one of a OneRoster set's files
// in the set's folder: a users.csv lists teachers and guardians too, so
// the set is imported as a whole, never one of its files.
func inOneRosterSet(path string) bool {
	return strings.EqualFold(filepath.Ext(path), ".csv") && oneroster.Is(filepath.Dir(path))
}

// RosterReadOptions tune how a class list is read.
type RosterReadOptions struct {
	// Name is the file's name as messages show it (default: the path's base name).
	Name string
	// Format is FormatOneRoster or FormatRoster; "" or workbook.FormatAuto
	// recognises a OneRoster set by its files and reads anything else as
	// a roster table.
	Format string
	// Sheet names the sheet of a roster table to read.
	Sheet string
	// Password opens a password-protected workbook.
	Password string
	// Map maps a roster table's fields to its columns (workbook.ParseRosterMap).
	Map map[string]string
}

// RosterClass is a class of a OneRoster set that a teacher can choose.
type RosterClass struct {
	// SourcedID is the class's identifier in the set.
	SourcedID string
	// Name is the class's name as a group, unique in the set.
	Name string
	// Code is its class code; Period its periods; Terms its terms' titles.
	Code, Period, Terms string
	// Students is how many students are enrolled in it.
	Students int
}

// RosterFile is a class list read from disk (a OneRoster set or a roster
// table), not yet compared with any store.
type RosterFile struct {
	// Path is where it was read from.
	Path string
	// Name is its name as messages show it.
	Name string
	// Format is FormatOneRoster or FormatRoster.
	Format string
	// Kind names what was recognised, for people: "OneRoster 1.1 CSV set
	// (zip), bulk", "CSV, comma-separated, UTF-8".
	Kind string
	// Classes are a OneRoster set's classes to choose from, in the order
	// of its classes.csv; none for a roster table.
	Classes []RosterClass
	// Chosen are the sourcedIds of the chosen classes (ChooseClasses).
	Chosen []string

	set   *oneroster.Set
	table *workbook.RosterTable
}

// ReadRoster reads the class list at path: a OneRoster set (a folder or
// a zip) or a roster table (CSV or xlsx). An error means it cannot be
// read at all; what is wrong inside it is in the plan's Problems.
func ReadRoster(ctx context.Context, path string, opts RosterReadOptions) (*RosterFile, error) {
	name := cmp.Or(opts.Name, filepath.Base(path))
	f := &RosterFile{Path: path, Name: name}
	format := strings.ToLower(strings.TrimSpace(opts.Format))
	switch format {
	case "", workbook.FormatAuto:
		format = FormatRoster
		if oneroster.Is(path) {
			format = FormatOneRoster
		}
	case FormatOneRoster, FormatRoster:
	default:
		return nil, fmt.Errorf("import %s: the format %q is not a class list's; expected %s or %s", name, opts.Format, FormatOneRoster, FormatRoster)
	}
	f.Format = format
	if format == FormatOneRoster {
		set, err := oneroster.Open(ctx, path)
		if err != nil {
			return nil, fmt.Errorf("import %s: %w", name, err)
		}
		f.set, f.Kind = set, set.Describe()
		counts := set.Students()
		for _, c := range set.ActiveClasses() {
			f.Classes = append(f.Classes, RosterClass{SourcedID: c.SourcedID, Name: c.Name, Code: c.ClassCode, Period: c.Periods,
				Terms: set.Terms(c), Students: counts[c.SourcedID]})
		}
		return f, nil
	}
	if fi, err := os.Stat(path); err == nil && fi.IsDir() {
		return nil, fmt.Errorf("import %s: %w: it is a folder that holds no OneRoster set (no manifest.csv, nor users.csv with enrollments.csv); choose the class list inside it",
			name, workbook.ErrNotWorkbook)
	}
	if inOneRosterSet(path) {
		return nil, fmt.Errorf("import %s: %w: it is a file of the OneRoster set in %s; import that folder, whose classes you can choose, instead",
			name, workbook.ErrUnsupported, filepath.Dir(path))
	}
	t, err := workbook.ReadRosterFile(ctx, path, workbook.Options{Name: name, Password: opts.Password, Sheet: opts.Sheet, Map: opts.Map})
	if err != nil {
		return nil, err // the reader's errors name the operation and the file
	}
	f.table, f.Kind = t, t.Format
	return f, nil
}

// Set is the OneRoster set read; nil for a roster table.
func (f *RosterFile) Set() *oneroster.Set { return f.set }

// Table is the roster table read; nil for a OneRoster set.
func (f *RosterFile) Table() *workbook.RosterTable { return f.table }

// ChooseClasses chooses the OneRoster classes the selectors name, each
// by its sourcedId, class code, name or title (oneroster.Set.FindClasses).
// A title several classes share, or a selector that names none, fails
// listing the classes, and the choice is left as it was.
func (f *RosterFile) ChooseClasses(selectors []string) error {
	if f.set == nil {
		return fmt.Errorf("import %s: a class list has no classes to choose; it is imported whole", f.Name)
	}
	ids, err := f.set.FindClasses(selectors)
	if err != nil {
		return fmt.Errorf("import %s: %w", f.Name, err)
	}
	if len(ids) == 0 {
		return fmt.Errorf("import %s: %w: name at least one", f.Name, ErrNoClassChosen)
	}
	f.Chosen = ids
	return nil
}

// ChooseAll chooses every class of a OneRoster set.
func (f *RosterFile) ChooseAll() {
	f.Chosen = nil
	for _, c := range f.Classes {
		f.Chosen = append(f.Chosen, c.SourcedID)
	}
}

// RosterSource is what planning a roster import reads of a store.
type RosterSource interface {
	// Students returns the whole roster.
	Students(ctx context.Context) ([]continuum.Student, error)
}

// RosterStore is what applying a roster import needs of a store: the
// roster in one change, after an automatic backup of the whole store.
type RosterStore interface {
	RosterSource
	// PutStudents adds or replaces students in one change.
	PutStudents(ctx context.Context, students ...continuum.Student) error
	// AutoBackup saves an automatic backup of the whole store, named for
	// why it was taken, and returns its path.
	AutoBackup(why, about string) (string, error)
}

// PlanRosterImport reads the class list at path and compares it with the
// store: ReadRoster, ChooseClasses (every class when selectors is empty),
// then RosterFile.Plan.
func PlanRosterImport(ctx context.Context, s RosterSource, path string, opts RosterReadOptions, selectors []string) (*RosterImport, error) {
	f, err := ReadRoster(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	if f.Format == FormatOneRoster {
		if len(selectors) == 0 {
			f.ChooseAll()
		} else if err := f.ChooseClasses(selectors); err != nil {
			return nil, err
		}
	}
	return f.Plan(ctx, s)
}

// Plan compares the class list with the store's roster
// (continuum.PlanRoster): the chosen classes of a OneRoster set, with
// each class as its students' group, or the roster table's rows. The
// groups the file lists whole are the ones whose stored students it no
// longer lists have left; a OneRoster delta lists no group whole. Nothing
// is written.
func (f *RosterFile) Plan(ctx context.Context, s RosterSource) (*RosterImport, error) {
	if f.set != nil && len(f.Chosen) == 0 {
		return nil, fmt.Errorf("import %s: %w: choose the classes to import", f.Name, ErrNoClassChosen)
	}
	stored, err := s.Students(ctx)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", f.Name, err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("import %s: %w", f.Name, err)
	}
	p := &RosterImport{File: f}
	var incoming []continuum.Student
	var groups []string
	if f.set != nil {
		incoming, groups = p.fromSet(stored)
	} else {
		incoming, groups = f.table.Students, f.table.Groups()
		for _, pl := range f.table.Places {
			p.places = append(p.places, Issue{Sheet: pl.Sheet, Row: pl.Row})
		}
	}
	p.Plan = continuum.PlanRoster(stored, incoming, groups)
	p.review()
	return p, nil
}

// fromSet takes the chosen classes' students of a OneRoster set, with
// their places, and the groups the set lists whole. A delta's updates
// are kept for the stored students they are (by external ID), their
// blanks filled from the store; those for nobody stored are counted.
func (p *RosterImport) fromSet(stored []continuum.Student) ([]continuum.Student, []string) {
	ro := p.File.set.Roster(p.File.Chosen)
	p.rosterWarnings = ro.Warnings
	incoming := ro.Students
	for _, pl := range ro.Places {
		p.places = append(p.places, Issue{Sheet: pl.File, Row: pl.Row})
	}
	byExt := make(map[string]continuum.Student, len(stored))
	for _, s := range stored {
		if s.ExternalID != "" {
			byExt[s.ExternalID] = s
		}
	}
	for i, u := range ro.Updates {
		old, ok := byExt[u.ExternalID]
		if !ok {
			p.ignored++
			continue
		}
		u.Name = cmp.Or(u.Name, old.Name)
		incoming = append(incoming, u)
		p.places = append(p.places, Issue{Sheet: ro.UpdatePlaces[i].File, Row: ro.UpdatePlaces[i].Row})
	}
	return incoming, ro.Groups
}

// RosterImport is a class list compared with the store: what a preview
// shows, the teacher's word on near-misses, and what Apply writes.
type RosterImport struct {
	// File is the class list read.
	File *RosterFile
	// Plan is the comparison: each student of the file matched, added or
	// refused, who has left, the near-misses (continuum.PlanRoster).
	Plan *continuum.RosterPlan
	// Problems are the file's problems, then the students the plan
	// refuses, each with its place: while there are any, nothing is written.
	Problems []Issue
	// Warnings are what was read with a guess or left out.
	Warnings []Issue

	places         []Issue // the place of each student planned, by index
	rosterWarnings []oneroster.Problem
	ignored        int // delta updates for students the store does not hold
}

// Place is where the student planned at index i comes from: the file (a
// OneRoster file, or a table's sheet) and the row.
func (p *RosterImport) Place(i int) Issue {
	if i >= 0 && i < len(p.places) {
		return p.places[i]
	}
	return Issue{}
}

// review lists the problems and warnings with their places.
func (p *RosterImport) review() {
	p.Problems, p.Warnings = nil, nil
	f := p.File
	if f.set != nil {
		for _, pr := range f.set.Problems {
			p.Problems = append(p.Problems, onerosterIssue(pr))
		}
		for _, pr := range append(f.set.Warnings, p.rosterWarnings...) {
			p.Warnings = append(p.Warnings, onerosterIssue(pr))
		}
	} else {
		for _, pr := range f.table.Problems {
			p.Problems = append(p.Problems, issueOf(pr))
		}
		for _, pr := range f.table.Warnings {
			p.Warnings = append(p.Warnings, issueOf(pr))
		}
	}
	for _, r := range p.Plan.Refusals {
		is := p.Place(r.Index)
		is.Column, is.What = p.column(r.Field), r.Reason
		if r.Other >= 0 {
			is.What += fmt.Sprintf(" (row %d)", p.Place(r.Other).Row)
		}
		p.Problems = append(p.Problems, is)
	}
	for _, e := range p.Plan.Entries {
		if e.Note != "" && e.Outcome != continuum.RosterRefused {
			is := p.Place(e.Index)
			is.What = e.Incoming.Name + ": " + e.Note
			p.Warnings = append(p.Warnings, is)
		}
	}
	if p.ignored > 0 {
		p.Warnings = append(p.Warnings, Issue{What: fmt.Sprintf("%s in this delta %s not on your roster; nothing is done for them",
			continuum.Plural(p.ignored, "student", "students"), map[bool]string{true: "is", false: "are"}[p.ignored == 1])})
	}
}

// column names the column of the file that holds a student's field, for
// the place of a refusal: "B (Student ID)", "L (identifier)".
func (p *RosterImport) column(field string) string {
	if p.File.set != nil {
		s := p.File.set
		switch field {
		case "student.name":
			return s.Column("users.csv", "givenName")
		default:
			return cmp.Or(s.Column("users.csv", "identifier"), s.Column("users.csv", "sourcedId"))
		}
	}
	t := p.File.table
	switch field {
	case "student.id":
		return t.Column("id")
	case "student.external_id":
		return t.Column("external")
	}
	return cmp.Or(t.Column("name"), t.Column("first"))
}

// onerosterIssue turns a problem of a OneRoster set into an Issue.
func onerosterIssue(pr oneroster.Problem) Issue {
	col := pr.Column
	if col != "" && pr.Header != "" {
		col += " (" + pr.Header + ")"
	}
	return Issue{Sheet: pr.File, Row: pr.Row, Column: col, What: pr.Message}
}

// SamePerson records the teacher's word on Plan.NearMisses[i]: same says
// the student of the file is that stored student (continuum.RosterPlan.SamePerson).
func (p *RosterImport) SamePerson(i int, same bool) error {
	if err := p.Plan.SamePerson(i, same); err != nil {
		return fmt.Errorf("import %s: %w", p.File.Name, err)
	}
	p.review()
	return nil
}

// SameStudents says that the near-misses of the file's students named
// by selectors (each an external ID, a student ID or a name, any
// capitals) are the stored students they resemble: the command line's
// --same. Each must name exactly one near-miss; nothing changes when one
// does not.
func (p *RosterImport) SameStudents(selectors []string) error {
	var picks []int
	for _, sel := range selectors {
		sel = strings.TrimSpace(sel)
		if sel == "" {
			continue
		}
		var hits []int
		for i, nm := range p.Plan.NearMisses {
			in := p.Plan.Entries[nm.Entry].Incoming
			if in.ExternalID == sel || in.ID == sel || strings.EqualFold(strings.Join(strings.Fields(in.Name), " "), strings.Join(strings.Fields(sel), " ")) {
				hits = append(hits, i)
			}
		}
		if len(hits) != 1 {
			return fmt.Errorf("import %s: %w", p.File.Name, continuum.Invalidf("student",
				"%q names %d of the students flagged as resembling one of yours; name one by its external ID (%s)", sel, len(hits), p.nearMissList()))
		}
		picks = append(picks, hits[0])
	}
	targets := make([]continuum.RosterNearMiss, len(picks))
	for n, i := range picks {
		targets[n] = p.Plan.NearMisses[i]
	}
	defer p.review()
	for n, target := range targets {
		err := p.Plan.SamePerson(indexOfNearMiss(p.Plan.NearMisses, target), true)
		if err == nil {
			continue
		}
		for _, done := range targets[:n] { // the words already given are taken back
			_ = p.Plan.SamePerson(indexOfNearMiss(p.Plan.NearMisses, done), false)
		}
		return fmt.Errorf("import %s: %w", p.File.Name, err)
	}
	return nil
}

// indexOfNearMiss finds a near-miss again after a re-plan (same entry and stored student).
func indexOfNearMiss(list []continuum.RosterNearMiss, nm continuum.RosterNearMiss) int {
	for i, x := range list {
		if x.Entry == nm.Entry && x.Stored.ID == nm.Stored.ID {
			return i
		}
	}
	return -1
}

// nearMissList lists the students flagged as near-misses, for a message.
func (p *RosterImport) nearMissList() string {
	var parts []string
	for _, nm := range p.Plan.NearMisses {
		in := p.Plan.Entries[nm.Entry].Incoming
		parts = append(parts, fmt.Sprintf("%s %s", cmp.Or(in.ExternalID, in.ID), in.Name))
	}
	if len(parts) == 0 {
		return "this file has none"
	}
	return "they are " + strings.Join(parts, ", ")
}

// Change returns the students applying the import writes. It fails
// wrapping ErrProblems while the file has problems or refused students,
// and ErrNothingToImport when the store already holds the class list as
// it is.
func (p *RosterImport) Change() ([]continuum.Student, error) {
	if n := len(p.Problems); n > 0 {
		return nil, fmt.Errorf("import %s: %w (%s); correct them and import again; nothing was changed",
			p.File.Name, ErrProblems, continuum.Plural(n, "problem", "problems"))
	}
	ch, err := p.Plan.Change()
	if err != nil {
		return nil, fmt.Errorf("import %s: %w; nothing was changed", p.File.Name, err)
	}
	if len(ch) == 0 {
		return nil, fmt.Errorf("import %s: %w", p.File.Name, ErrNothingToImport)
	}
	return ch, nil
}

// Written says what applying the import writes: "Students: 3 added, 2
// updated, 1 back in class, 4 marked as having left"; nil when nothing.
func (p *RosterImport) Written() []string {
	var parts []string
	for _, o := range []struct {
		outcome continuum.RosterOutcome
		words   string
	}{{continuum.RosterAdded, "added"}, {continuum.RosterUpdated, "updated"}, {continuum.RosterReturned, "back in class"}, {continuum.RosterLeft, "marked as having left"}} {
		if n := p.Plan.Count(o.outcome); n > 0 {
			parts = append(parts, continuum.GroupThousands(n)+" "+o.words)
		}
	}
	if len(parts) == 0 {
		return nil
	}
	return []string{continuum.SectionStudents + ": " + strings.Join(parts, ", ")}
}

// RosterApplied says what a roster import wrote.
type RosterApplied struct {
	// Backup is the path of the backup of the whole store saved first.
	Backup string
	// Written says what was written (RosterImport.Written).
	Written []string
	// Students is how many students were written.
	Students int
}

// Apply writes the import into the store in one change (PutStudents),
// after saving an automatic backup of the whole store (among the
// store's other automatic backups, named …-before-roster-import). It fails as
// Change does, writing nothing; a cancelled ctx stops it before the
// change (the error then wraps context.Canceled).
func (p *RosterImport) Apply(ctx context.Context, s RosterStore) (RosterApplied, error) {
	ch, err := p.Change()
	if err != nil {
		return RosterApplied{}, err
	}
	name := p.File.Name
	backup, err := s.AutoBackup("before-roster-import", "class-list import of "+name)
	if err != nil {
		return RosterApplied{}, fmt.Errorf("import %s: could not save a backup first (%w); nothing was changed", name, err)
	}
	if err := ctx.Err(); err != nil {
		return RosterApplied{Backup: backup}, fmt.Errorf("import %s: %w; nothing was changed", name, err)
	}
	if err := s.PutStudents(ctx, ch...); err != nil {
		return RosterApplied{Backup: backup}, fmt.Errorf("import %s: %w; nothing was changed", name, err)
	}
	return RosterApplied{Backup: backup, Written: p.Written(), Students: len(ch)}, nil
}
