package continuum

import "testing"

// notesFixture is the merge fixture with a unit and two stored notes.
func notesFixture() Snapshot {
	s := mergeFixture()
	s.Units = []Unit{{ID: "u1", Continuum: "sci", Title: "States of matter", Order: 1,
		Start: MustParseDate("2026-09-01"), End: MustParseDate("2026-09-30"), Targets: []string{"M.1", "M.2"}}}
	s.VisitNotes = []VisitNote{
		{ID: "a", Continuum: "sci", Date: MustParseDate("2026-09-15"), Coach: "J. Rivera", About: OnTarget, Subject: "M.1", LookFor: "Targets are clear", Note: "Posted"},
		{ID: "b", Continuum: "sci", Date: MustParseDate("2026-09-15"), Coach: "J. Rivera", About: OnClass, Note: "Calm start"},
	}
	return s
}

// Given stored notes, when a coach's workbook brings them again with
// other capitals and spacing, one note on a unit under another case, one
// differing in a word, and notes naming what the continuum lacks, then
// the same notes are unchanged, the others added with the continuum's
// spelling, nothing conflicts, and the unknown ones are refused.
func TestMergeVisitNotes(t *testing.T) {
	mine := notesFixture()
	in := notesFixture()
	in.Continuum.ID = "their-id"
	for i := range in.VisitNotes {
		in.VisitNotes[i].ID = ""
	}
	in.VisitNotes[0].Subject = " m.1 "
	in.VisitNotes[1].Note = "Calm start "
	in.VisitNotes = append(in.VisitNotes,
		VisitNote{Date: MustParseDate("2026-09-15"), Coach: "J. Rivera", About: OnClass, Note: "Calm start, quick"},
		VisitNote{Date: MustParseDate("2026-09-16"), About: OnUnit, Subject: "states OF matter", Note: "On pace"},
		VisitNote{Date: MustParseDate("2026-09-16"), About: OnTarget, Subject: "X.9", Note: "Nowhere"},
		VisitNote{Date: MustParseDate("2026-09-16"), About: OnUnit, Subject: "Poetry", Note: "Nowhere"},
		VisitNote{Date: MustParseDate("2026-09-16"), About: OnClass},
	)
	p := PlanMerge(&mine, mine.Students, in)
	got := p.Counts[SectionVisitNotes]
	if got[Unchanged] != 2 || got[Added] != 2 || got[Refused] != 3 || got[Conflicting] != 0 {
		t.Fatalf("visit note counts %v; refusals %+v", got, p.Refusals)
	}
	ch, err := p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.VisitNotes) != 2 || ch.VisitNotes[1].Subject != "States of matter" || ch.VisitNotes[1].Continuum != "sci" || ch.VisitNotes[0].ID != "" {
		t.Errorf("notes to add %+v", ch.VisitNotes)
	}
}

// Given a new continuum, notes on its targets and units are added with it.
func TestMergeVisitNotesIntoNewContinuum(t *testing.T) {
	in := notesFixture()
	in.VisitNotes = append(in.VisitNotes, VisitNote{Date: MustParseDate("2026-09-16"), About: OnUnit, Subject: "States of matter", Note: "On pace"})
	p := PlanMerge(nil, nil, in)
	if p.Counts[SectionVisitNotes][Added] != 3 {
		t.Errorf("counts %v refusals %+v", p.Counts, p.Refusals)
	}
}

// Given a unit the teacher and the coach's workbook title differently,
// a note on the workbook's unit names the stored unit, and follows it to
// its new title when the teacher takes theirs.
func TestMergeVisitNoteFollowsARenamedUnit(t *testing.T) {
	mine := notesFixture()
	in := notesFixture()
	in.Units[0].Title = "Matter changes"
	in.VisitNotes = []VisitNote{{Date: MustParseDate("2026-09-16"), About: OnUnit, Subject: "Matter changes", Note: "On pace"}}
	p := PlanMerge(&mine, mine.Students, in)
	if len(p.Conflicts) != 1 || p.Counts[SectionVisitNotes][Added] != 1 {
		t.Fatalf("conflicts %+v counts %v", p.Conflicts, p.Counts)
	}
	ch, _ := p.Change(&mine)
	if ch.VisitNotes[0].Subject != "States of matter" {
		t.Errorf("keeping mine: the note names %q", ch.VisitNotes[0].Subject)
	}
	p.Resolve(0, TakeTheirs)
	ch, _ = p.Change(&mine)
	if ch.VisitNotes[0].Subject != "Matter changes" {
		t.Errorf("taking theirs: the note names %q", ch.VisitNotes[0].Subject)
	}
}
