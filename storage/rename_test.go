package storage

import (
	"errors"
	"fmt"
	"slices"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
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

// smallMemTable is the smallest memtable a store accepts: a transaction
// then holds about 157 KB, so a rename of a target with 2,000 pieces of
// evidence cannot be one.
var smallMemTable = Options{MemTableSize: 1 << 20}

// largeEvidence is how much evidence the large renames carry on NUM.K.1.
const largeEvidence = 2000

// storeWithLargeTarget fills the store in dir with the math continuum and
// everything that can name NUM.K.1: 2,000 pieces of evidence over two
// students (and two on GEO.K.1), an override, a unit (its targets, an
// experience, a checkpoint), a flex offering's focus, two calibration
// scores and a coach's note. It returns the continuum's ID and NUM.K.1's UID.
func storeWithLargeTarget(t *testing.T, s *Store) (cid, uid string) {
	t.Helper()
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(2)...))
	for b := range largeEvidence / 250 {
		var batch []continuum.Evidence
		for i := range 250 {
			batch = append(batch, ev(c.ID, fmt.Sprintf("S%02d", 1+i%2), "num.k.1", "2026-09-14", float64(1+(b+i)%4)))
		}
		_, err := s.AddEvidence(ctx, batch...)
		must(t, err)
	}
	_, err := s.AddEvidence(ctx, ev(c.ID, "S01", "GEO.K.1", "2026-09-15", 4), ev(c.ID, "S02", "GEO.K.1", "2026-09-15", 3))
	must(t, err)
	must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: "S01", Target: "NUM.K.1", Mastered: true, Reason: "Counted to 50 in class", Date: continuum.MustParseDate("2026-09-20")}))
	must(t, s.PutUnit(ctx, continuum.Unit{ID: "u1", Continuum: c.ID, Title: "Counting", Order: 1,
		Start: continuum.MustParseDate("2026-09-01"), End: continuum.MustParseDate("2026-09-30"), Targets: []string{"NUM.K.1", "GEO.K.1"},
		Experiences: []continuum.Experience{{Title: "Counting collections", Targets: []string{"num.k.1"}}},
		Checkpoints: []continuum.UnitCheckpoint{{Target: "NUM.K.1", Date: continuum.MustParseDate("2026-09-25"), Kind: continuum.Summative}}}))
	must(t, s.PutFlexBlock(ctx, flexBlock(c.ID)))
	must(t, s.PutCalibrationScores(ctx, c.ID, calib("Essay A", "NUM.K.1", "Ana", 3), calib("Essay A", "NUM.K.1", "Ben", 2)))
	_, err = s.PutVisitNote(ctx, visitNote(c.ID, "2026-11-13", continuum.OnTarget, "NUM.K.1", "Students could say the target"))
	must(t, err)
	g, err := s.Graph(ctx, c.ID)
	must(t, err)
	tg, _ := g.Target("NUM.K.1")
	return c.ID, tg.UID
}

// assertCodeEverywhere checks that the target with uid (made by
// storeWithLargeTarget) has code as written, that every record that named
// it names code, that nothing is doubled or lost, and that no staged
// record is left.
func assertCodeEverywhere(t *testing.T, s *Store, cid, uid, code string) {
	t.Helper()
	ts, err := s.Targets(ctx, cid)
	must(t, err)
	var codes []string
	for _, tg := range ts {
		codes = append(codes, tg.Code)
		if tg.UID == uid && tg.Code != code {
			t.Errorf("the target is %s, want %s", tg.Code, code)
		}
		if tg.Code == "NUM.1.1" && !slices.Equal(tg.Prerequisites, []string{code}) {
			t.Errorf("NUM.1.1 needs %v, want [%s]", tg.Prerequisites, code)
		}
	}
	slices.Sort(codes)
	want := []string{"GEO.2.1", "GEO.K.1", "NUM.1.1", code}
	slices.Sort(want)
	if !slices.Equal(codes, want) {
		t.Errorf("targets %v, want %v", codes, want)
	}
	evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid})
	must(t, err)
	on := map[string]int{}
	for _, e := range evs {
		on[e.Target]++
	}
	if len(on) != 2 || on[code] != largeEvidence || on["GEO.K.1"] != 2 {
		t.Errorf("evidence per target %v, want %d on %s and 2 on GEO.K.1", on, largeEvidence, code)
	}
	ovs, err := s.Overrides(ctx, cid, "")
	must(t, err)
	if len(ovs) != 1 || ovs[0].Target != code || countPrefix(t, s, overridePrefix(cid, "")) != 1 {
		t.Errorf("overrides %+v, want one on %s", ovs, code)
	}
	units, err := s.Units(ctx, cid)
	must(t, err)
	if len(units) != 1 || !slices.Equal(units[0].Targets, []string{code, "GEO.K.1"}) || units[0].Experiences[0].Targets[0] != code || units[0].Checkpoints[0].Target != code {
		t.Errorf("units %+v, want them on %s", units, code)
	}
	b, err := s.FlexBlock(ctx, cid, "2026-11-23-win")
	must(t, err)
	if b.Offerings[0].Focus[0] != code {
		t.Errorf("flex focus %v, want [%s]", b.Offerings[0].Focus, code)
	}
	scores, err := s.CalibrationScores(ctx, cid)
	must(t, err)
	if len(scores) != 2 || scores[0].Target != code || scores[1].Target != code || countPrefix(t, s, calibrationPrefix(cid)) != 2 {
		t.Errorf("calibration scores %+v, want two on %s", scores, code)
	}
	if n := countPrefix(t, s, append(calibrationPrefix(cid), foldCode(code)+"/"...)); n != 2 {
		t.Errorf("%d calibration keys under %s, want 2", n, code)
	}
	notes, err := s.VisitNotes(ctx, cid)
	must(t, err)
	if len(notes) != 1 || notes[0].Subject != code {
		t.Errorf("visit notes %+v, want one on %s", notes, code)
	}
	if n := countPrefix(t, s, []byte(prefixStage)) + countPrefix(t, s, []byte(keyApply)); n != 0 {
		t.Errorf("%d staging records left", n)
	}
}

// Given a target with more evidence than one transaction holds, when its
// code is renamed, then the rename is staged and everything follows; and
// renaming it back (an undo) brings every record back.
func TestRenameTargetLargerThanATransaction(t *testing.T) {
	s := mustOpenDir(t, t.TempDir(), smallMemTable)
	cid, uid := storeWithLargeTarget(t, s)
	assertCodeEverywhere(t, s, cid, uid, "NUM.K.1")

	staged := stagedMerges.Load()
	must(t, s.RenameTarget(ctx, cid, "NUM.K.1", "NUM.K.01"))
	if stagedMerges.Load() != staged+1 {
		t.Error("the rename did not take the staged path; the test no longer proves a rename larger than a transaction")
	}
	assertCodeEverywhere(t, s, cid, uid, "NUM.K.01")

	must(t, s.RenameTarget(ctx, cid, "num.k.01", "NUM.K.1"))
	assertCodeEverywhere(t, s, cid, uid, "NUM.K.1")
	// A change of capitals only writes a key onto itself: the staged
	// deletion of the old key must not win over the new record.
	must(t, s.RenameTarget(ctx, cid, "NUM.K.1", "num.k.1"))
	assertCodeEverywhere(t, s, cid, uid, "num.k.1")
	if stagedMerges.Load() != staged+3 {
		t.Errorf("%d of 3 renames were staged", stagedMerges.Load()-staged)
	}
}

// stageRename prepares a rename and writes its staged records, as a
// rename cut short would leave them; with apply, it also marks it as
// having taken effect.
func stageRename(t *testing.T, s *Store, cid, old, code, op string, apply bool) {
	t.Helper()
	s.mu.Lock()
	defer s.mu.Unlock()
	ops, err := s.renameOps(ctx, cid, old, code)
	must(t, err)
	must(t, s.writeStage(ctx, []byte(prefixStage+op+"/"), ops, func(int) {}))
	if apply {
		must(t, s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyApply), []byte(op)) }))
	}
}

// Given a large rename that took effect and was cut short after its first
// batch of records was moved into place, when the store is opened again,
// then the rename is finished: the old target key is deleted and every
// record names the new code.
func TestInterruptedStagedRenameIsFinishedOnOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, smallMemTable)
	must(t, err)
	cid, uid := storeWithLargeTarget(t, s)
	stageRename(t, s, cid, "NUM.K.1", "NUM.K.01", "op1", true)
	// Move the first batch only, as a crash midway through the move would.
	stage := []byte(prefixStage + "op1/")
	var keys, vals [][]byte
	var metas []byte
	must(t, s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: stage})
		defer it.Close()
		for it.Seek(stage); it.ValidForPrefix(stage) && len(keys) < 500; it.Next() {
			v, err := it.Item().ValueCopy(nil)
			if err != nil {
				return err
			}
			keys, vals, metas = append(keys, it.Item().KeyCopy(nil)), append(vals, v), append(metas, it.Item().UserMeta())
		}
		return nil
	}))
	must(t, s.moveBatch(stage, keys, vals, metas))
	must(t, s.Close())

	s = mustOpenDir(t, dir, smallMemTable)
	assertCodeEverywhere(t, s, cid, uid, "NUM.K.01")
}

// Given a large rename staged but cut short before it took effect, when
// the store is opened again, then its staged records are thrown away and
// every record still names the old code.
func TestAbandonedStagedRenameIsDroppedOnOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, smallMemTable)
	must(t, err)
	cid, uid := storeWithLargeTarget(t, s)
	stageRename(t, s, cid, "NUM.K.1", "NUM.K.01", "op2", false)
	if countPrefix(t, s, []byte(prefixStage)) == 0 {
		t.Fatal("nothing was staged")
	}
	must(t, s.Close())

	s = mustOpenDir(t, dir, smallMemTable)
	assertCodeEverywhere(t, s, cid, uid, "NUM.K.1")
}
