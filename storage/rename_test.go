package storage

import (
	"errors"
	"slices"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// Given a target with evidence, an override, a dependant, a unit (its
// targets, an experience, a checkpoint), a flex offering's focus,
// calibration scores and a coach's note on it, when its code is renamed,
// then every one of them names the new code, the target keeps its UID,
// nothing names the old code, and the other targets' records are as they
// were.
func TestRenameTargetCarriesEverything(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(2)...))
	_, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 2), ev(c.ID, "S02", "num.k.1", "2026-09-15", 3), ev(c.ID, "S01", "GEO.K.1", "2026-09-15", 4))
	must(t, err)
	must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: "S01", Target: "NUM.K.1", Mastered: true, Reason: "Counted to 50 in class", Date: continuum.MustParseDate("2026-09-20")}))
	must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: "S02", Target: "GEO.K.1", Mastered: true, Reason: "Named shapes", Date: continuum.MustParseDate("2026-09-20")}))
	must(t, s.PutUnit(ctx, continuum.Unit{ID: "u1", Continuum: c.ID, Title: "Counting", Order: 1,
		Start: continuum.MustParseDate("2026-09-01"), End: continuum.MustParseDate("2026-09-30"), Targets: []string{"NUM.K.1", "GEO.K.1"},
		Experiences: []continuum.Experience{{Title: "Counting collections", Targets: []string{"num.k.1"}}},
		Checkpoints: []continuum.UnitCheckpoint{{Target: "NUM.K.1", Date: continuum.MustParseDate("2026-09-25"), Kind: continuum.Summative}}}))
	must(t, s.PutFlexBlock(ctx, flexBlock(c.ID)))
	must(t, s.PutCalibrationScores(ctx, c.ID, calib("Essay A", "NUM.K.1", "Ana", 3), calib("Essay A", "NUM.K.1", "Ben", 2), calib("Essay A", "GEO.K.1", "Ana", 4)))
	_, err = s.PutVisitNote(ctx, visitNote(c.ID, "2026-11-13", continuum.OnTarget, "NUM.K.1", "Students could say the target"))
	must(t, err)
	g, err := s.Graph(ctx, c.ID)
	must(t, err)
	before, _ := g.Target("NUM.K.1")

	must(t, s.RenameTarget(ctx, c.ID, "num.k.1", " NUM.K.01 "))

	g, err = s.Graph(ctx, c.ID)
	must(t, err)
	if _, ok := g.Target("NUM.K.1"); ok {
		t.Errorf("the old code is still a target")
	}
	after, ok := g.Target("NUM.K.01")
	if !ok || after.UID != before.UID || after.UID == "" || after.Statement != before.Statement {
		t.Errorf("renamed target %+v, want %+v under NUM.K.01 with its UID", after, before)
	}
	if dep, _ := g.Target("NUM.1.1"); !slices.Equal(dep.Prerequisites, []string{"NUM.K.01"}) {
		t.Errorf("NUM.1.1's prerequisites %v, want [NUM.K.01]", dep.Prerequisites)
	}
	evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Target: "NUM.K.01"})
	must(t, err)
	if len(evs) != 2 || evs[0].Target != "NUM.K.01" {
		t.Errorf("evidence on NUM.K.01: %+v, want both pieces", evs)
	}
	if old, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Target: "NUM.K.1"}); len(old) != 0 {
		t.Errorf("evidence still on NUM.K.1: %+v", old)
	}
	ovs, err := s.Overrides(ctx, c.ID, "")
	must(t, err)
	if len(ovs) != 2 || ovs[0].Target != "NUM.K.01" || ovs[1].Target != "GEO.K.1" {
		t.Errorf("overrides %+v", ovs)
	}
	must(t, s.DeleteOverride(ctx, c.ID, "S01", "num.k.01")) // found under its new key
	units, err := s.Units(ctx, c.ID)
	must(t, err)
	u := units[0]
	if !slices.Equal(u.Targets, []string{"NUM.K.01", "GEO.K.1"}) || u.Experiences[0].Targets[0] != "NUM.K.01" || u.Checkpoints[0].Target != "NUM.K.01" {
		t.Errorf("unit %+v", u)
	}
	b, err := s.FlexBlock(ctx, c.ID, "2026-11-23-win")
	must(t, err)
	if b.Offerings[0].Focus[0] != "NUM.K.01" {
		t.Errorf("flex focus %v", b.Offerings[0].Focus)
	}
	scores, err := s.CalibrationScores(ctx, c.ID)
	must(t, err)
	var codes []string
	for _, sc := range scores {
		codes = append(codes, sc.Target)
	}
	if !slices.Equal(codes, []string{"GEO.K.1", "NUM.K.01", "NUM.K.01"}) {
		t.Errorf("calibration scores on %v", codes)
	}
	if n := countPrefix(t, s, []byte("k/"+c.ID+"/num.k.1/")); n != 0 {
		t.Errorf("%d calibration keys left under the old code", n)
	}
	must(t, s.DeleteCalibrationScore(ctx, c.ID, "Essay A", "num.k.01", "Ben")) // found under its new key
	notes, err := s.VisitNotes(ctx, c.ID)
	must(t, err)
	if len(notes) != 1 || notes[0].Subject != "NUM.K.01" {
		t.Errorf("visit notes %+v", notes)
	}
	// A change of capitals only is a rename too.
	must(t, s.RenameTarget(ctx, c.ID, "NUM.K.01", "num.k.01"))
	if g, _ = s.Graph(ctx, c.ID); g != nil {
		if tg, _ := g.Target("NUM.K.01"); tg.Code != "num.k.01" || tg.UID != before.UID {
			t.Errorf("after a change of capitals: %+v", tg)
		}
	}
}

// A rename onto a code another target has, to an invalid code, or of a
// target that does not exist is refused, and nothing is changed.
func TestRenameTargetRefusals(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(1)...))
	_, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 2))
	must(t, err)
	cases := []struct {
		old, code string
		want      error
	}{
		{"NUM.K.1", "geo.k.1", continuum.ErrConflict},
		{"NUM.K.1", "NUM/K/1", continuum.ErrInvalid},
		{"NUM.K.1", "  ", continuum.ErrInvalid},
		{"NOPE", "NUM.K.9", continuum.ErrNotFound},
	}
	for _, tc := range cases {
		if err := s.RenameTarget(ctx, c.ID, tc.old, tc.code); !errors.Is(err, tc.want) {
			t.Errorf("RenameTarget(%s, %q) = %v, want %v", tc.old, tc.code, err, tc.want)
		}
	}
	evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	ts, err := s.Targets(ctx, c.ID)
	must(t, err)
	if len(evs) != 1 || evs[0].Target != "NUM.K.1" || len(ts) != 4 {
		t.Errorf("after refusals: evidence %+v, %d targets", evs, len(ts))
	}
}

// A rename too large for one change is refused whole: the target, its
// evidence and its dependants all keep the old code.
func TestRenameTargetTooLargeChangesNothing(t *testing.T) {
	s := mustOpenDir(t, t.TempDir(), Options{MemTableSize: 1 << 20}) // about 157 KB per change
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(1)...))
	for range 8 {
		var batch []continuum.Evidence
		for range 250 {
			batch = append(batch, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3))
		}
		_, err := s.AddEvidence(ctx, batch...)
		must(t, err)
	}
	err := s.RenameTarget(ctx, c.ID, "NUM.K.1", "NUM.K.01")
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("rename with 2,000 pieces of evidence and a 1 MiB memtable = %v, want ErrTooLarge", err)
	}
	g, err := s.Graph(ctx, c.ID)
	must(t, err)
	if _, ok := g.Target("NUM.K.1"); !ok {
		t.Error("NUM.K.1 is gone after a refused rename")
	}
	if dep, _ := g.Target("NUM.1.1"); !slices.Equal(dep.Prerequisites, []string{"NUM.K.1"}) {
		t.Errorf("NUM.1.1 needs %v after a refused rename", dep.Prerequisites)
	}
	evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Target: "NUM.K.1"})
	must(t, err)
	if len(evs) != 2000 {
		t.Errorf("%d pieces of evidence on NUM.K.1 after a refused rename, want 2,000", len(evs))
	}
}
