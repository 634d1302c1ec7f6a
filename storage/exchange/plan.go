package exchange

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// Sentinel errors of Plan.Change and Plan.Apply; test for them with errors.Is.
var (
	// ErrProblems means the file has problems: it must be corrected and read again.
	ErrProblems = errors.New("the file has problems")
	// ErrNothingToImport means the store already holds everything the
	// import would write, with the choices made: nothing was written.
	ErrNothingToImport = errors.New("nothing to import: the store already holds everything in this workbook")
)

// Issue is a problem, a refused record or a warning of an import, with
// its place in the file.
type Issue struct {
	// Sheet is the sheet's name; "" when it concerns the whole file.
	Sheet string
	// Row is the row number from 1; 0 when it concerns a whole sheet or the file.
	Row int
	// Column is the column with its header, "D (Score)"; "" when it concerns a whole row.
	Column string
	// What says what is wrong.
	What string
}

// Place writes where the issue is: "Evidence, row 12, column D (Score)",
// or "the whole file".
func (i Issue) Place() string {
	var parts []string
	if i.Sheet != "" {
		parts = append(parts, i.Sheet)
	}
	if i.Row > 0 {
		parts = append(parts, fmt.Sprintf("row %d", i.Row))
	}
	if i.Column != "" {
		parts = append(parts, "column "+i.Column)
	}
	if len(parts) == 0 {
		return "the whole file"
	}
	return strings.Join(parts, ", ")
}

// String writes the issue with its place: "Evidence, row 12: …".
func (i Issue) String() string { return i.Place() + ": " + i.What }

// issueOf turns a problem of the decoder into an Issue.
func issueOf(pr workbook.Problem) Issue {
	col := pr.Column
	if col != "" && pr.Header != "" {
		col += " (" + pr.Header + ")"
	} else if col == "" && pr.Header != "" {
		col = pr.Header
	}
	if pr.Sheet == "" && pr.Where != "" {
		return Issue{Sheet: pr.Where, What: pr.Message} // a place in a file without sheets (a JSON item)
	}
	return Issue{Sheet: pr.Sheet, Row: pr.Row, Column: col, What: pr.Message}
}

// Plan is a file compared with the store: what a preview shows, the
// teacher's choices on conflicts (through Merge.Resolve, or Prefer), and
// what Apply writes.
type Plan struct {
	// File is the file read.
	File *File
	// Stored is the stored continuum the file merges into, with everything
	// recorded in it and the whole roster; nil when it makes a new continuum.
	Stored *continuum.Snapshot
	// Merge is the merge plan: counts, conflicts to choose on, refusals.
	Merge *continuum.Plan
	// Problems are the file's problems, then the records the merge
	// refuses, each with its place in the file.
	Problems []Issue
	// Warnings are what the decoder ignored or adjusted; they do not stop an import.
	Warnings []Issue

	// refused counts, per section, the refusals and the problems of its sheets.
	refused map[string]int
}

// Plan compares the file with the store: it finds the stored continuum
// the file belongs to (FindStored: by ID, then by name), reads it with the
// roster, and plans the merge. Nothing is written.
func (f *File) Plan(ctx context.Context, s Source) (*Plan, error) {
	incoming := f.Snapshot()
	stored, err := FindStored(ctx, s, f.Book.Continuum.ID, f.Book.Continuum.Name)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", f.Name(), err)
	}
	var mine *continuum.Snapshot
	var roster []continuum.Student
	if stored != nil {
		incoming.Continuum.ID = stored.ID
		if mine, err = snapshot(ctx, s, *stored); err != nil {
			return nil, fmt.Errorf("import %s: %w", f.Name(), err)
		}
		roster = mine.Students
	} else if roster, err = s.Students(ctx); err != nil {
		return nil, fmt.Errorf("import %s: %w", f.Name(), err)
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("import %s: %w", f.Name(), err)
	}
	return newPlan(f, mine, continuum.PlanMerge(mine, roster, incoming)), nil
}

// PlanImport reads the file at path and compares it with the store: Read,
// then File.Plan.
func PlanImport(ctx context.Context, s Source, path string, opts ReadOptions) (*Plan, error) {
	f, err := Read(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	return f.Plan(ctx, s)
}

func newPlan(f *File, mine *continuum.Snapshot, merge *continuum.Plan) *Plan {
	p := &Plan{File: f, Stored: mine, Merge: merge}
	p.review()
	return p
}

// review lists the file's problems, the records the merge refuses and the
// warnings, each with its place in the file.
func (p *Plan) review() {
	book, merge := p.File.Book, p.Merge
	p.Problems, p.Warnings, p.refused = nil, nil, map[string]int{}
	for _, pr := range book.Problems {
		p.Problems = append(p.Problems, issueOf(pr))
		p.refused[sectionOfSheet(pr.Sheet, book.About.Layout)]++
	}
	var places placeQueue
	if len(merge.Refusals) > 0 { // indexing every record's place costs a district's import dearly
		places = refusalPlaces(book)
	}
	for _, r := range merge.Refusals {
		is := Issue{Sheet: r.Section, What: r.Key + ": " + r.Reason}
		if pl, ok := places.take(r.Section, r.Key); ok {
			is.Sheet, is.Row = pl.Sheet, pl.Row
		}
		p.Problems = append(p.Problems, is)
		p.refused[r.Section]++
	}
	for _, pr := range book.Warnings {
		p.Warnings = append(p.Warnings, issueOf(pr))
	}
	p.Warnings = append(p.Warnings, renumberedIssues(book, merge.Renumbered)...)
	for _, n := range merge.Notes {
		p.Warnings = append(p.Warnings, Issue{What: n})
	}
	for _, r := range merge.Renames {
		p.Warnings = append(p.Warnings, Issue{Sheet: continuum.SectionTargets,
			What: fmt.Sprintf("%s is %s in this version of the framework (same source identifier): it is renamed, with its evidence", r.Old, r.New)})
	}
}

// SamePerson records the teacher's word on Merge.Renumbered[i], a student
// of the file whose short ID a different stored student holds: same says
// they are that stored student after all, !same (the default) adds them
// under a free ID (continuum.Plan.SamePerson). Counts, conflicts,
// problems, warnings and Written follow the word.
func (p *Plan) SamePerson(i int, same bool) error {
	if err := p.Merge.SamePerson(i, same); err != nil {
		return fmt.Errorf("import %s: %w", p.File.Name(), err)
	}
	p.review()
	return nil
}

// SameStudents says that the file's students with these short IDs are the
// stored students with the same IDs (the command line's --same): each
// must be one of Merge.Renumbered. Nothing changes when one cannot be.
func (p *Plan) SameStudents(ids []string) error {
	var idx []int
	for _, id := range ids {
		id = strings.TrimSpace(id)
		i := slices.IndexFunc(p.Merge.Renumbered, func(r continuum.Renumbered) bool { return strings.EqualFold(r.From, id) })
		if i < 0 {
			return fmt.Errorf("import %s: %w", p.File.Name(), continuum.Invalidf("student",
				"%s is not a student of the file whose ID another of your students has; only those can be said to be the same person (%s)", id, p.renumberedIDs()))
		}
		idx = append(idx, i)
	}
	before := *p.Merge // each word plans anew, leaving the plan before it untouched
	for _, i := range idx {
		if err := p.SamePerson(i, true); err != nil {
			*p.Merge = before
			p.review()
			return err
		}
	}
	return nil
}

// renumberedIDs lists the short IDs Merge.Renumbered holds, or says there are none.
func (p *Plan) renumberedIDs() string {
	if len(p.Merge.Renumbered) == 0 {
		return "this file has none"
	}
	ids := make([]string, len(p.Merge.Renumbered))
	for i, r := range p.Merge.Renumbered {
		ids[i] = r.From
	}
	return "this file's are " + strings.Join(ids, ", ")
}

// renumberedIssues says, on each student's row, that a student of the file
// whose ID another student holds in the store is added under a new ID.
func renumberedIssues(b *workbook.Book, rs []continuum.Renumbered) []Issue {
	if len(rs) == 0 {
		return nil
	}
	rows := make(map[string]workbook.Place, len(b.Students))
	for i, s := range b.Students {
		if i < len(b.Places.Students) {
			rows[strings.TrimSpace(s.ID)] = b.Places.Students[i]
		}
	}
	out := make([]Issue, len(rs))
	for i, r := range rs {
		pl := rows[r.From]
		out[i] = Issue{Sheet: cmp.Or(pl.Sheet, continuum.SectionStudents), Row: pl.Row, What: r.String()}
	}
	return out
}

// Count is how many records of a section have an outcome; Refused counts
// the file's problems on that section's sheets too.
func (p *Plan) Count(section string, o continuum.Outcome) int {
	if o == continuum.Refused {
		return p.refused[section]
	}
	return p.Merge.Counts[section][o]
}

// Prefer makes the same choice on every conflict: the command line's
// --prefer, the preview's "Keep all mine" and "Take all theirs".
func (p *Plan) Prefer(c continuum.Choice) {
	for i := range p.Merge.Conflicts {
		p.Merge.Resolve(i, c)
	}
}

// NothingToDo reports that the store already holds everything the file
// brings, conflicts aside.
func (p *Plan) NothingToDo() bool {
	if p.Merge.NewContinuum || len(p.Merge.Conflicts) > 0 {
		return false
	}
	for _, s := range continuum.Sections {
		if p.Count(s, continuum.Added)+p.Count(s, continuum.Changed) > 0 {
			return false
		}
	}
	return true
}

// Written says, section by section, what applying the plan with the
// choices made writes: "Targets: 36 added, 1 replaced".
func (p *Plan) Written() []string {
	taken := p.taken()
	var out []string
	for _, s := range continuum.Sections {
		var parts []string
		if s == continuum.SectionContinuum {
			if p.Merge.NewContinuum {
				continue
			}
			switch {
			case p.Count(s, continuum.Changed) == 0:
			case p.Merge.CardOnly:
				parts = append(parts, "report card added")
			default:
				parts = append(parts, "new levels or domains")
			}
			parts = append(parts, p.takenContinuum()...)
		} else {
			if n := p.Count(s, continuum.Added); n > 0 {
				parts = append(parts, continuum.GroupThousands(n)+" added")
			}
			if n := p.Count(s, continuum.Changed); n > 0 {
				parts = append(parts, continuum.GroupThousands(n)+" changed")
			}
			if n := taken[s]; n > 0 {
				parts = append(parts, continuum.GroupThousands(n)+" replaced")
			}
		}
		if len(parts) > 0 {
			out = append(out, s+": "+strings.Join(parts, ", "))
		}
	}
	return out
}

// taken counts, per section, the conflicts resolved with TakeTheirs.
func (p *Plan) taken() map[string]int {
	taken := map[string]int{}
	for _, c := range p.Merge.Conflicts {
		if c.Choice == continuum.TakeTheirs {
			taken[c.Section]++
		}
	}
	return taken
}

// takenContinuum says what the continuum's conflicts taken from the file
// replace: its report card, its scale or method.
func (p *Plan) takenContinuum() []string {
	var card, other bool
	for _, c := range p.Merge.Conflicts {
		if c.Section == continuum.SectionContinuum && c.Choice == continuum.TakeTheirs {
			card = card || c.IsReportCard()
			other = other || !c.IsReportCard()
		}
	}
	var parts []string
	if other {
		parts = append(parts, "scale or method replaced")
	}
	if card {
		parts = append(parts, "report card replaced")
	}
	return parts
}

// Change returns what applying the plan with the choices made writes,
// checked as a whole. It fails wrapping ErrProblems when the file has
// problems, ErrNothingToImport when the store already holds it all, or
// the domain's error when the merged continuum breaks a rule (a
// prerequisite cycle formed by the merge).
func (p *Plan) Change() (continuum.MergeChange, error) {
	if n := len(p.File.Book.Problems); n > 0 {
		return continuum.MergeChange{}, fmt.Errorf("import %s: %w (%s); correct them and import again; nothing was changed",
			p.File.Name(), ErrProblems, continuum.Plural(n, "problem", "problems"))
	}
	ch, err := p.Merge.Change(p.Stored)
	if err != nil {
		return continuum.MergeChange{}, fmt.Errorf("import %s: %w; nothing was changed", p.File.Name(), err)
	}
	if p.empty(ch) {
		return continuum.MergeChange{}, fmt.Errorf("import %s: %w", p.File.Name(), ErrNothingToImport)
	}
	return ch, nil
}

// empty reports that ch writes nothing the store does not hold.
func (p *Plan) empty(ch continuum.MergeChange) bool {
	records := len(ch.Targets) + len(ch.Students) + len(ch.Evidence) + len(ch.ReplacedEvidence) + len(ch.Overrides) + len(ch.Units) + len(ch.Flex) + len(ch.VisitNotes) + len(ch.Calibration)
	return !ch.NewContinuum && records == 0 && len(ch.Renames) == 0 && p.Count(continuum.SectionContinuum, continuum.Changed) == 0 &&
		p.taken()[continuum.SectionContinuum] == 0
}

// Applied says what an import wrote.
type Applied struct {
	// Continuum is the continuum as written (its ID and name).
	Continuum continuum.Continuum
	// NewContinuum is true when the import created the continuum.
	NewContinuum bool
	// Backup is the path of the backup of the whole store saved first.
	Backup string
	// Written says, section by section, what was written (Plan.Written).
	Written []string
	// Sections are the sections (continuum.Sections) the import wrote
	// records in, in that order, so that the screens showing them reload.
	Sections []string
}

// Apply writes the plan with the choices made into the store, all or
// nothing, after the store has saved a backup of itself. It fails as
// Change does, writing nothing; a cancelled ctx stops it until the
// change takes effect (the error then wraps context.Canceled).
func (p *Plan) Apply(ctx context.Context, s continuum.MergeStore, progress func(done, total int)) (Applied, error) {
	ch, err := p.Change()
	if err != nil {
		return Applied{}, err
	}
	// What is said afterwards is worked out first, so that the file read
	// (a district's workbook) is not held while the store writes.
	name, written := p.File.Name(), p.Written()
	if r, ok := s.(interface{ RoomToChange() error }); ok { // a full disk is said before anything starts
		if err := r.RoomToChange(); err != nil {
			return Applied{}, fmt.Errorf("import %s: %w", name, err)
		}
	}
	undo, err := rename(ctx, s, ch)
	if err != nil {
		return Applied{}, fmt.Errorf("import %s: %w", name, err)
	}
	backup, err := s.ApplyMerge(ctx, ch, progress)
	if err != nil {
		return Applied{}, fmt.Errorf("import %s: %w", name, errors.Join(err, undo()))
	}
	a := Applied{Continuum: ch.Continuum, NewContinuum: ch.NewContinuum, Backup: backup, Written: written}
	wrote := map[string]int{
		continuum.SectionTargets: len(ch.Targets), continuum.SectionStudents: len(ch.Students),
		continuum.SectionEvidence: len(ch.Evidence) + len(ch.ReplacedEvidence), continuum.SectionOverrides: len(ch.Overrides),
		continuum.SectionUnits: len(ch.Units), continuum.SectionFlex: len(ch.Flex), continuum.SectionVisitNotes: len(ch.VisitNotes),
		continuum.SectionCalibration: len(ch.Calibration),
	}
	for _, sec := range continuum.Sections {
		if sec == continuum.SectionContinuum || wrote[sec] > 0 {
			a.Sections = append(a.Sections, sec) // the continuum's record is always written
		}
	}
	return a, nil
}

// renamer renames a stored target, everything that names it following.
type renamer interface {
	RenameTarget(ctx context.Context, continuumID, old, code string) error
}

// rename gives the stored targets the codes the source renamed them to
// (ch.Renames), each in one change of the store, before the merge writes
// the rest. It returns how to rename them back, should the merge fail,
// so that a refused import leaves the store as it was.
func rename(ctx context.Context, s continuum.MergeStore, ch continuum.MergeChange) (undo func() error, err error) {
	var done []continuum.Rename
	undo = func() error {
		var errs []error
		for i := len(done) - 1; i >= 0; i-- {
			r := done[i]
			if err := s.(renamer).RenameTarget(context.WithoutCancel(ctx), ch.Continuum.ID, r.New, r.Old); err != nil {
				errs = append(errs, fmt.Errorf("rename %s back to %s: %w", r.New, r.Old, err))
			}
		}
		return errors.Join(errs...)
	}
	if len(ch.Renames) == 0 || ch.NewContinuum {
		return undo, nil
	}
	rn, ok := s.(renamer)
	if !ok {
		return nil, fmt.Errorf("the source renamed %d targets, and this store cannot rename targets", len(ch.Renames))
	}
	for _, r := range ch.Renames {
		if err := rn.RenameTarget(ctx, ch.Continuum.ID, r.Old, r.New); err != nil {
			return nil, errors.Join(fmt.Errorf("rename target %s to %s: %w", r.Old, r.New, err), undo())
		}
		done = append(done, r)
	}
	return undo, nil
}

// sectionOfSheet says which section a sheet's problems belong to: a
// standards list or CASE sheet is the targets; the continuum's own sheets
// (About, Scale, Levels …) and the file as a whole are the continuum.
func sectionOfSheet(sheet string, layout workbook.Layout) string {
	key := strings.Join(strings.Fields(sheet), " ")
	switch lower := strings.ToLower(key); {
	case lower == "starting levels":
		return continuum.SectionStudents
	case strings.HasPrefix(lower, "unit "):
		return continuum.SectionUnits // Unit experiences, Unit checkpoints
	case strings.HasPrefix(lower, "flex "):
		return continuum.SectionFlex // Flex assignments
	}
	for _, s := range continuum.Sections {
		if strings.EqualFold(key, s) {
			return s
		}
	}
	if layout != workbook.LayoutPlanner && sheet != "" {
		return continuum.SectionTargets
	}
	return continuum.SectionContinuum
}

// placeQueue finds the rows refused records came from: each key's places
// in file order, taken one at a time so repeated keys get their own rows.
type placeQueue map[string][]workbook.Place

func (q placeQueue) take(section, key string) (workbook.Place, bool) {
	k := section + "\x00" + key
	if len(q[k]) == 0 {
		return workbook.Place{}, false
	}
	pl := q[k][0]
	q[k] = q[k][1:]
	return pl, true
}

// refusalPlaces indexes the Book's records by the keys continuum.PlanMerge
// gives its refusals.
func refusalPlaces(b *workbook.Book) placeQueue {
	q := placeQueue{}
	add := func(section, key string, places []workbook.Place, i int) {
		if i < len(places) {
			k := section + "\x00" + key
			q[k] = append(q[k], places[i])
		}
	}
	for i, t := range b.Targets {
		add(continuum.SectionTargets, t.Code, b.Places.Targets, i)
	}
	for i, s := range b.Students {
		add(continuum.SectionStudents, strings.TrimSpace(s.ID), b.Places.Students, i)
	}
	for i, e := range b.Evidence {
		add(continuum.SectionEvidence, e.Student+" "+e.Target+" "+e.Date.String(), b.Places.Evidence, i)
	}
	for i, o := range b.Overrides {
		add(continuum.SectionOverrides, o.Student+"/"+o.Target, b.Places.Overrides, i)
	}
	for i, s := range b.Calibration {
		add(continuum.SectionCalibration, s.Key(), b.Places.Calibration, i)
	}
	return q
}
