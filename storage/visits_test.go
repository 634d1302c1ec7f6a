package storage

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
)

// visitNote is a note on c of the given kind, written on day.
func visitNote(cid, day string, about continuum.VisitSubject, subject, text string) continuum.VisitNote {
	return continuum.VisitNote{Continuum: cid, Date: continuum.MustParseDate(day), Coach: "J. Rivera",
		About: about, Subject: subject, LookFor: continuum.DefaultLookFors[0], Note: text}
}

// Given a stored continuum, when a coach writes notes on it, a target and
// a unit, then they come back by date, then entry, with IDs assigned and
// codes as the continuum writes them; a note is replaced by its ID and
// deleted; a note on a target or unit the continuum lacks is refused.
func TestVisitNotesRoundTrip(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutUnit(ctx, continuum.Unit{ID: "u1", Continuum: c.ID, Title: "Counting", Order: 1,
		Start: continuum.MustParseDate("2026-09-01"), End: continuum.MustParseDate("2026-09-30"), Targets: []string{"NUM.K.1"}}))

	later, err := s.PutVisitNote(ctx, visitNote(c.ID, "2026-11-20", continuum.OnContinuum, "", "Clear wall display"))
	must(t, err)
	first, err := s.PutVisitNote(ctx, visitNote(c.ID, "2026-11-13", continuum.OnTarget, " num.k.1 ", "  Students could say the target  "))
	must(t, err)
	second, err := s.PutVisitNote(ctx, visitNote(c.ID, "2026-11-13", continuum.OnUnit, "counting", "On pace"))
	must(t, err)
	if first.ID == "" || first.ID == second.ID || first.Subject != "NUM.K.1" || first.Note != "Students could say the target" || second.Subject != "Counting" {
		t.Fatalf("stored %+v and %+v", first, second)
	}
	notes, err := s.VisitNotes(ctx, c.ID)
	must(t, err)
	if len(notes) != 3 || notes[0].ID != first.ID || notes[1].ID != second.ID || notes[2].ID != later.ID {
		t.Fatalf("notes not by date, then entry: %+v", notes)
	}

	first.Note = "Most students could say the target"
	if _, err := s.PutVisitNote(ctx, first); err != nil {
		t.Fatal(err)
	}
	notes, _ = s.VisitNotes(ctx, c.ID)
	if len(notes) != 3 || notes[0].Note != first.Note {
		t.Errorf("after replacing: %+v", notes)
	}

	for name, n := range map[string]continuum.VisitNote{
		"unknown target": visitNote(c.ID, "2026-11-13", continuum.OnTarget, "ART.1", "x"),
		"unknown unit":   visitNote(c.ID, "2026-11-13", continuum.OnUnit, "Poetry", "x"),
		"empty":          visitNote(c.ID, "2026-11-13", continuum.OnClass, "", " "),
		"no date":        {Continuum: c.ID, About: continuum.OnClass, Note: "x"},
		"bad ID":         {ID: "a/b", Continuum: c.ID, Date: continuum.MustParseDate("2026-11-13"), About: continuum.OnClass, Note: "x"},
	} {
		if _, err := s.PutVisitNote(ctx, n); err == nil {
			t.Errorf("%s: stored", name)
		}
	}

	must(t, s.DeleteVisitNote(ctx, c.ID, second.ID))
	if err := s.DeleteVisitNote(ctx, c.ID, second.ID); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("deleting twice: %v", err)
	}
	notes, _ = s.VisitNotes(ctx, c.ID)
	if len(notes) != 2 {
		t.Errorf("after delete: %+v", notes)
	}

	must(t, s.DeleteContinuum(ctx, c.ID))
	if n := countPrefix(t, s, visitPrefix(c.ID)); n != 0 {
		t.Errorf("%d visit notes left after deleting the continuum", n)
	}
}

// Given a coach's own store that does not hold the continuum reviewed,
// when notes are written on it, then they are kept (checked on their own
// fields only) and read back by the continuum's ID.
func TestVisitNotesForAContinuumNotHeld(t *testing.T) {
	s := mustOpen(t)
	n, err := s.PutVisitNote(ctx, visitNote("reviewed-elsewhere", "2026-11-20", continuum.OnTarget, "NO.1.2", "Descriptors posted"))
	must(t, err)
	notes, err := s.VisitNotes(ctx, "reviewed-elsewhere")
	must(t, err)
	if len(notes) != 1 || notes[0] != n {
		t.Errorf("notes %+v, want %+v", notes, n)
	}
	if notes, err := s.VisitNotes(ctx, "never-visited"); err != nil || len(notes) != 0 {
		t.Errorf("a continuum with no notes: %v %v", notes, err)
	}
}

// Given a new store, the look-fors are the default list; once edited they
// are kept in order, trimmed, and a blank or repeated one is refused.
func TestLookFors(t *testing.T) {
	s := mustOpen(t)
	got, err := s.LookFors(ctx)
	must(t, err)
	if !slices.Equal(got, continuum.DefaultLookFors) {
		t.Errorf("new store look-fors %q", got)
	}
	got[0] = "changed by the caller"
	if again, _ := s.LookFors(ctx); again[0] != continuum.DefaultLookFors[0] {
		t.Error("the default list was changed through a read")
	}
	must(t, s.PutLookFors(ctx, []string{"  Students  talk about evidence ", "Targets are posted"}))
	got, _ = s.LookFors(ctx)
	if !slices.Equal(got, []string{"Students talk about evidence", "Targets are posted"}) {
		t.Errorf("edited look-fors %q", got)
	}
	if err := s.PutLookFors(ctx, []string{"A", " "}); !errors.Is(err, continuum.ErrInvalid) {
		t.Errorf("blank look-for: %v", err)
	}
	if err := s.PutLookFors(ctx, []string{"Pacing", "pacing"}); !errors.Is(err, continuum.ErrConflict) {
		t.Errorf("repeated look-for: %v", err)
	}
	must(t, s.PutLookFors(ctx, nil))
	if got, _ := s.LookFors(ctx); got == nil || len(got) != 0 {
		t.Errorf("emptied look-fors %q", got)
	}
}

// Given notes and an edited look-for list, a backup restores them.
func TestVisitNotesInBackups(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	n, err := s.PutVisitNote(ctx, visitNote(c.ID, "2026-11-20", continuum.OnTarget, "GEO.K.1", "Shapes wall"))
	must(t, err)
	must(t, s.PutLookFors(ctx, []string{"Shapes on the wall"}))
	var backup bytes.Buffer
	must(t, s.Backup(&backup))
	must(t, s.DeleteVisitNote(ctx, c.ID, n.ID))
	must(t, s.PutLookFors(ctx, []string{"Something else"}))
	if _, err := s.Restore(bytes.NewReader(backup.Bytes())); err != nil {
		t.Fatal(err)
	}
	notes, _ := s.VisitNotes(ctx, c.ID)
	lookFors, _ := s.LookFors(ctx)
	if len(notes) != 1 || notes[0] != n || !slices.Equal(lookFors, []string{"Shapes on the wall"}) {
		t.Errorf("after restore: notes %+v, look-fors %q", notes, lookFors)
	}
}

// Given a stored demo, when a coach's notes workbook is merged, then its
// notes are added with IDs and canonical subjects; merged again, they are
// unchanged; a note on a unit the merge adds is accepted, and one on a
// target the continuum lacks never reaches the store.
func TestApplyMergeVisitNotes(t *testing.T) {
	s := mustOpen(t)
	d := demo.Classroom()
	applyPlan(t, s, nil, snapshotWithPlans(d))
	mine := storedPlans(t, s, storedSnapshot(t, s, d.Continuum.ID))
	cid := d.Continuum.ID
	code := mine.Targets[0].Code

	in := continuum.Snapshot{Continuum: d.Continuum, Targets: d.Targets, Units: d.Units}
	in.VisitNotes = []continuum.VisitNote{
		visitNote("", "2026-11-20", continuum.OnTarget, strings.ToLower(code), "Students named the target"),
		visitNote("", "2026-11-20", continuum.OnUnit, strings.ToUpper(d.Units[0].Title), "On pace"),
		visitNote("", "2026-11-20", continuum.OnClass, "Period 2", "Flex groups match"),
	}
	p, _ := applyPlan(t, s, mine, in)
	if p.Counts[continuum.SectionVisitNotes][continuum.Added] != 3 {
		t.Fatalf("counts %v refusals %+v", p.Counts, p.Refusals)
	}
	notes, err := s.VisitNotes(ctx, cid)
	must(t, err)
	if len(notes) != 3 || notes[0].Subject != code || notes[1].Subject != d.Units[0].Title || notes[0].ID == "" || notes[0].Continuum != cid {
		t.Fatalf("stored notes %+v", notes)
	}

	mine.VisitNotes = notes
	p = continuum.PlanMerge(mine, mine.Students, in)
	if p.Counts[continuum.SectionVisitNotes][continuum.Unchanged] != 3 || p.Counts[continuum.SectionVisitNotes][continuum.Added] != 0 {
		t.Errorf("second merge counts %v", p.Counts)
	}

	// A change that names a target the continuum lacks is refused whole.
	mc := continuum.MergeChange{Continuum: mine.Continuum, VisitNotes: []continuum.VisitNote{visitNote(cid, "2026-11-21", continuum.OnTarget, "ART.9", "x")}}
	if _, err := s.ApplyMerge(ctx, mc, nil); err == nil {
		t.Error("a note on an unknown target was merged")
	}
	if again, _ := s.VisitNotes(ctx, cid); len(again) != 3 {
		t.Errorf("a refused merge changed the notes: %+v", again)
	}
}
