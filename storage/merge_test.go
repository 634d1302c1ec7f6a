package storage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/dgraph-io/badger/v4"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
)

// snapshotOf turns a demo dataset into what an import brings.
func snapshotOf(d *demo.Dataset) continuum.Snapshot {
	return continuum.Snapshot{Continuum: d.Continuum, Targets: d.Targets, Students: d.Students, Evidence: d.Evidence, Overrides: d.Overrides}
}

// storedSnapshot reads a continuum back as a snapshot.
func storedSnapshot(t testing.TB, s *Store, cid string) *continuum.Snapshot {
	t.Helper()
	c, err := s.Continuum(ctx, cid)
	must(t, err)
	snap := &continuum.Snapshot{Continuum: c}
	snap.Targets, err = s.Targets(ctx, cid)
	must(t, err)
	snap.Students, err = s.Students(ctx)
	must(t, err)
	snap.Evidence, err = s.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid})
	must(t, err)
	snap.Overrides, err = s.Overrides(ctx, cid, "")
	must(t, err)
	return snap
}

func applyPlan(t testing.TB, s *Store, mine *continuum.Snapshot, in continuum.Snapshot) (*continuum.Plan, string) {
	t.Helper()
	var roster []continuum.Student
	if mine != nil {
		roster = mine.Students
	}
	p := continuum.PlanMerge(mine, roster, in)
	mc, err := p.Change(mine)
	must(t, err)
	backup, err := s.ApplyMerge(ctx, mc, nil)
	must(t, err)
	return p, backup
}

func TestApplyMergeIntoEmptyStoreThenAgain(t *testing.T) {
	s := mustOpen(t)
	d := demo.Classroom()
	staged := stagedMerges.Load()
	_, backup := applyPlan(t, s, nil, snapshotOf(d))
	if stagedMerges.Load() != staged {
		t.Error("a merge that fits one transaction was staged")
	}
	if _, err := os.Stat(backup); err != nil {
		t.Errorf("no backup before the import: %v", err)
	}
	got := storedSnapshot(t, s, d.Continuum.ID)
	if len(got.Targets) != len(d.Targets) || len(got.Students) != len(d.Students) || len(got.Evidence) != len(d.Evidence) || len(got.Overrides) != len(d.Overrides) {
		t.Fatalf("stored %d targets, %d students, %d evidence, %d overrides", len(got.Targets), len(got.Students), len(got.Evidence), len(got.Overrides))
	}
	// The same workbook again: nothing is doubled.
	p, _ := applyPlan(t, s, got, snapshotOf(d))
	if p.Counts[continuum.SectionEvidence][continuum.Unchanged] != len(d.Evidence) {
		t.Errorf("second import counts %v", p.Counts)
	}
	if again := storedSnapshot(t, s, d.Continuum.ID); len(again.Evidence) != len(d.Evidence) {
		t.Errorf("evidence doubled: %d", len(again.Evidence))
	}
}

func TestApplyMergeLargerThanATransactionIsStaged(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 20,000 records")
	}
	s := mustOpen(t)
	d := demo.Generate("District", demo.Size{Students: 400, Targets: 300, Evidence: 20000, Seed: 3})
	progressed := 0
	staged := stagedMerges.Load()
	p := continuum.PlanMerge(nil, nil, snapshotOf(d))
	mc, err := p.Change(nil)
	must(t, err)
	if _, err := s.ApplyMerge(ctx, mc, func(done, total int) { progressed = done }); err != nil {
		t.Fatal(err)
	}
	got := storedSnapshot(t, s, mc.Continuum.ID)
	if len(got.Evidence) != 20000 || len(got.Targets) != 300 || len(got.Students) != 400 {
		t.Errorf("stored %d evidence, %d targets, %d students", len(got.Evidence), len(got.Targets), len(got.Students))
	}
	if progressed == 0 {
		t.Error("no progress reported")
	}
	if stagedMerges.Load() != staged+1 {
		t.Error("the merge did not take the staged path")
	}
	if n := countPrefix(t, s, []byte(prefixStage)); n != 0 {
		t.Errorf("%d staged records left", n)
	}
	ids := map[uint64]bool{}
	for _, e := range got.Evidence {
		if ids[e.ID] {
			t.Fatalf("evidence ID %d used twice", e.ID)
		}
		ids[e.ID] = true
	}
	assertFreshNumberedByStudent(t, s, mc)
	// Evidence recorded after the import gets a fresh ID.
	more, err := s.AddEvidence(ctx, continuum.Evidence{Continuum: mc.Continuum.ID, Student: d.Students[0].ID, Target: d.Targets[0].Code, Date: continuum.MustParseDate("2027-01-10"), Score: 3})
	must(t, err)
	if ids[more[0].ID] {
		t.Errorf("new evidence reused ID %d", more[0].ID)
	}
}

func TestApplyMergeRefusedLeavesStoreUnchanged(t *testing.T) {
	s := mustOpen(t)
	d := demo.Classroom()
	applyPlan(t, s, nil, snapshotOf(d))
	before := storedSnapshot(t, s, d.Continuum.ID)
	mc := continuum.MergeChange{Continuum: before.Continuum, Evidence: []continuum.Evidence{
		{Student: "S001", Target: "NO.1.1", Date: continuum.MustParseDate("2026-12-01"), Score: 3},
		{Student: "NOBODY", Target: "NO.1.1", Date: continuum.MustParseDate("2026-12-01"), Score: 3},
	}}
	_, err := s.ApplyMerge(ctx, mc, nil)
	if !errors.Is(err, continuum.ErrNotFound) || !strings.Contains(err.Error(), "NOBODY") || !strings.Contains(err.Error(), "nothing was changed") {
		t.Fatalf("err = %v", err)
	}
	if after := storedSnapshot(t, s, d.Continuum.ID); len(after.Evidence) != len(before.Evidence) {
		t.Errorf("evidence %d → %d after a refused merge", len(before.Evidence), len(after.Evidence))
	}
}

// TestInterruptedStagedMergeIsFinishedOnOpen stops a staged merge right
// after it took effect, before its records were moved, and reopens.
func TestInterruptedStagedMergeIsFinishedOnOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	must(t, err)
	d := demo.Classroom()
	p := continuum.PlanMerge(nil, nil, snapshotOf(d))
	mc, err := p.Change(nil)
	must(t, err)
	s.mu.Lock()
	stopBeforeMerge(t, s, mc, true)
	s.mu.Unlock()
	must(t, s.Close())

	s = mustOpenDir(t, dir, Options{})
	got := storedSnapshot(t, s, d.Continuum.ID)
	if len(got.Evidence) != len(d.Evidence) || len(got.Targets) != len(d.Targets) {
		t.Errorf("after reopening: %d evidence, %d targets", len(got.Evidence), len(got.Targets))
	}
	if n := countPrefix(t, s, []byte(prefixStage)) + countPrefix(t, s, []byte(keyApply)); n != 0 {
		t.Errorf("%d staging records left", n)
	}
	assertIndexMatches(t, s)
}

// stopBeforeMerge writes what a large merge has written when the program
// stops just before it takes effect (applied false) or just after: its
// evidence in place under the keyFresh mark, the other records staged,
// and, when applied, the apply mark. The caller holds s.mu.
func stopBeforeMerge(t *testing.T, s *Store, mc continuum.MergeChange, applied bool) {
	t.Helper()
	ops, fresh, err := s.mergeOps(ctx, mc)
	must(t, err)
	must(t, s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyFresh), uint64Bytes(fresh.base)) }))
	must(t, s.writeFresh(ctx, fresh, func(int) {}))
	must(t, s.writeStage(ctx, []byte(prefixStage+"op1/"), ops, func(int) {}))
	if applied {
		must(t, s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyApply), []byte("op1")) }))
	}
}

// TestMergeStoppedBeforeItTookEffectIsUndoneOnOpen stops a large merge
// into a store holding evidence after its new evidence was written in
// place but before it took effect: the next Open removes that evidence
// and the staged records, and keeps everything that was there.
func TestMergeStoppedBeforeItTookEffectIsUndoneOnOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	must(t, err)
	c := createMath(t, s)
	students := roster(3)
	must(t, s.PutStudents(ctx, students...))
	fillEvidence(t, s, c.ID, students, []continuum.Target{{Code: "NUM.K.1"}, {Code: "GEO.K.1"}}, 4)
	before := takeSnapshot(t, s)
	d := demo.Classroom()
	mc, err := continuum.PlanMerge(nil, nil, snapshotOf(d)).Change(nil)
	must(t, err)
	s.mu.Lock()
	stopBeforeMerge(t, s, mc, false)
	s.mu.Unlock()
	if n := countPrefix(t, s, []byte(prefixEvidence)); n != 12+len(d.Evidence) {
		t.Fatalf("%d pieces of evidence in place before the stop, want %d", n, 12+len(d.Evidence))
	}
	must(t, s.Close())

	if _, err := Open(dir, Options{ReadOnly: true}); err == nil || !strings.Contains(err.Error(), "interrupted") {
		t.Errorf("read-only Open of a store with an unfinished import = %v, want a refusal", err)
	}
	s = mustOpenDir(t, dir, Options{})
	sameSnapshot(t, "after the undone merge", takeSnapshot(t, s), before)
	if n := countPrefix(t, s, []byte(prefixStage)) + countPrefix(t, s, []byte(keyApply)); n != 0 {
		t.Errorf("%d staging records left", n)
	}
	assertIndexMatches(t, s)
	added, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-10-01", 3))
	must(t, err)
	if added[0].ID != 13 {
		t.Errorf("next evidence ID = %d, want 13 (the undone merge's numbers are free again)", added[0].ID)
	}
}

// TestAbandonedStageIsDroppedOnOpen leaves staged records of a merge that
// never took effect: the next Open throws them away and nothing applies.
func TestAbandonedStageIsDroppedOnOpen(t *testing.T) {
	dir := t.TempDir()
	s, err := Open(dir, Options{})
	must(t, err)
	must(t, s.db.Update(func(txn *badger.Txn) error {
		return txn.Set([]byte(prefixStage+"op2/"+prefixStudent+"GHOST"), []byte("x"))
	}))
	must(t, s.Close())
	s = mustOpenDir(t, dir, Options{})
	if n := countPrefix(t, s, []byte(prefixStage)); n != 0 {
		t.Errorf("%d staged records left", n)
	}
	if _, err := s.Student(ctx, "GHOST"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("abandoned record applied: %v", err)
	}
}

// snapshotWithPlans is snapshotOf with the dataset's units and flex blocks.
func snapshotWithPlans(d *demo.Dataset) continuum.Snapshot {
	s := snapshotOf(d)
	s.Units, s.Flex = d.Units, d.Flex
	return s
}

// storedPlans reads a continuum's units and flex blocks into snap.
func storedPlans(t testing.TB, s *Store, snap *continuum.Snapshot) *continuum.Snapshot {
	t.Helper()
	var err error
	snap.Units, err = s.Units(ctx, snap.Continuum.ID)
	must(t, err)
	snap.Flex, err = s.FlexBlocks(ctx, snap.Continuum.ID)
	must(t, err)
	return snap
}

// Given the demo with its units and flex block, when merged into an empty
// store and then again, then the units and block are stored once, with
// canonical codes, and the second merge finds them unchanged.
func TestApplyMergeUnitsAndFlex(t *testing.T) {
	s := mustOpen(t)
	d := demo.Classroom()
	in := snapshotWithPlans(d)
	in.Units[0].Targets[0] = strings.ToLower(in.Units[0].Targets[0]) // codes in other capitals are the same target
	applyPlan(t, s, nil, in)
	got := storedPlans(t, s, storedSnapshot(t, s, d.Continuum.ID))
	if len(got.Units) != len(d.Units) || len(got.Flex) != len(d.Flex) {
		t.Fatalf("stored %d units and %d blocks, want %d and %d", len(got.Units), len(got.Flex), len(d.Units), len(d.Flex))
	}
	for _, u := range got.Units {
		for _, code := range u.Targets {
			if code != strings.ToUpper(code) {
				t.Errorf("unit %s stores code %q, not the continuum's", u.Title, code)
			}
		}
	}
	p, _ := applyPlan(t, s, got, snapshotWithPlans(demo.Classroom()))
	if p.Counts[continuum.SectionUnits][continuum.Unchanged] != len(d.Units) || p.Counts[continuum.SectionFlex][continuum.Unchanged] != len(d.Flex) {
		t.Errorf("second merge counts %v", p.Counts)
	}
}

// Given a stored demo, when a colleague's version changes a unit's end
// date and adds a block with an assignment, then taking theirs replaces
// the unit and adds the block, and a unit whose title another stored unit
// has, or a block placing a student not on the roster, is refused whole.
func TestApplyMergeUnitsAndFlexConflictsAndRefusals(t *testing.T) {
	s := mustOpen(t)
	d := demo.Classroom()
	applyPlan(t, s, nil, snapshotWithPlans(d))
	mine := storedPlans(t, s, storedSnapshot(t, s, d.Continuum.ID))

	in := snapshotWithPlans(demo.Classroom())
	in.Units[1].End = continuum.MustParseDate("2026-12-23")
	in.Flex = append(in.Flex, continuum.FlexBlock{ID: "2026-11-30-win", Date: continuum.MustParseDate("2026-11-30"), Slot: "WIN time", Minutes: 40,
		Offerings:   []continuum.Offering{{ID: "open", Title: "Open study", Kind: continuum.OpenStudy, Capacity: 30}},
		Assignments: []continuum.Assignment{{Student: "S002", Offering: "open", Tier: continuum.TierOpen, Reason: "Caught up"}}})
	p := continuum.PlanMerge(mine, mine.Students, in)
	if len(p.Conflicts) != 1 || p.Conflicts[0].Section != continuum.SectionUnits || p.Counts[continuum.SectionFlex][continuum.Added] != 1 {
		t.Fatalf("counts %v conflicts %+v", p.Counts, p.Conflicts)
	}
	p.Resolve(0, continuum.TakeTheirs)
	mc, err := p.Change(mine)
	must(t, err)
	if _, err := s.ApplyMerge(ctx, mc, nil); err != nil {
		t.Fatal(err)
	}
	got := storedPlans(t, s, storedSnapshot(t, s, d.Continuum.ID))
	if u, _ := continuum.FindUnit(got.Units, "fractions"); u.End != continuum.MustParseDate("2026-12-23") {
		t.Errorf("unit end %s after taking theirs", u.End)
	}
	if len(got.Flex) != 2 || len(got.Flex[1].Assignments) != 1 {
		t.Errorf("blocks %+v", got.Flex)
	}

	// Refused whole by the store, nothing written.
	before := storedPlans(t, s, storedSnapshot(t, s, d.Continuum.ID))
	clash := continuum.MergeChange{Continuum: before.Continuum, Units: []continuum.Unit{{ID: "new-unit", Title: "Fractions as numbers",
		Start: continuum.MustParseDate("2027-01-04"), End: continuum.MustParseDate("2027-01-29"), Targets: []string{"NO.2.1"}}}}
	if _, err := s.ApplyMerge(ctx, clash, nil); !errors.Is(err, continuum.ErrConflict) || !strings.Contains(err.Error(), "already has a unit called") {
		t.Errorf("title clash: %v", err)
	}
	ghost := continuum.MergeChange{Continuum: before.Continuum, Flex: []continuum.FlexBlock{{ID: "ghost", Date: continuum.MustParseDate("2026-12-07"), Slot: "WIN",
		Offerings:   []continuum.Offering{{ID: "open", Title: "Open study", Kind: continuum.OpenStudy, Capacity: 30}},
		Assignments: []continuum.Assignment{{Student: "NOBODY", Offering: "open"}}}}}
	if _, err := s.ApplyMerge(ctx, ghost, nil); !errors.Is(err, continuum.ErrNotFound) || !strings.Contains(err.Error(), "NOBODY") {
		t.Errorf("unknown student: %v", err)
	}
	after := storedPlans(t, s, storedSnapshot(t, s, d.Continuum.ID))
	if len(after.Units) != len(before.Units) || len(after.Flex) != len(before.Flex) {
		t.Errorf("a refused merge changed the plans: %d→%d units, %d→%d blocks", len(before.Units), len(after.Units), len(before.Flex), len(after.Flex))
	}
}

// assertFreshNumberedByStudent checks how a large merge numbered its new
// evidence: in the order of the evidence keys (students in key order,
// each student's pieces in the merge's order), so that the records and
// their index entries were both written in increasing key order.
func assertFreshNumberedByStudent(t *testing.T, s *Store, mc continuum.MergeChange) {
	t.Helper()
	var keys [][]byte
	var stored []continuum.Evidence
	must(t, s.db.View(func(txn *badger.Txn) error {
		prefix := []byte("e/" + mc.Continuum.ID + "/")
		it := txn.NewIterator(badger.IteratorOptions{Prefix: prefix})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			var e continuum.Evidence
			if err := decodeItem(it.Item(), &e); err != nil {
				return err
			}
			keys = append(keys, it.Item().KeyCopy(nil))
			stored = append(stored, e)
		}
		return nil
	}))
	if len(keys) != len(mc.Evidence) {
		t.Fatalf("%d evidence records, want %d", len(keys), len(mc.Evidence))
	}
	byStudent := map[string][]continuum.Evidence{}
	for _, e := range mc.Evidence {
		byStudent[e.Student] = append(byStudent[e.Student], e)
	}
	var last uint64
	for i, k := range keys {
		id := binary.BigEndian.Uint64(k[len(k)-8:])
		if id <= last {
			t.Fatalf("evidence %d comes after %d in key order: not numbered by student", id, last)
		}
		last = id
		e := stored[i]
		want := byStudent[e.Student][0]
		byStudent[e.Student] = byStudent[e.Student][1:]
		if e.Target != want.Target || e.Date != want.Date || e.Score != want.Score || e.UID != want.UID && want.UID != "" {
			t.Fatalf("evidence %d of %s is %s %s %v, want the merge's next for them: %s %s %v", id, e.Student, e.Target, e.Date, e.Score, want.Target, want.Date, want.Score)
		}
	}
}

// TestSlabTake: a slice cut from the slab never grows over the next one,
// even when more is appended to it than it asked room for.
func TestSlabTake(t *testing.T) {
	var s slab
	a := append(s.take(4), "abcd"...)
	b := append(s.take(3), "xyz"...)
	a = append(a, "EFGH"...) // past its room: copied elsewhere
	if string(a) != "abcdEFGH" || string(b) != "xyz" {
		t.Fatalf("a = %q, b = %q; want abcdEFGH and xyz", a, b)
	}
	big := s.take(100 << 10) // larger than a block
	if cap(big) != 100<<10 || len(big) != 0 {
		t.Fatalf("take(100 KB) gave len %d cap %d", len(big), cap(big))
	}
}

// TestImportIndexesEvidenceByRuns: a large import writes one index entry
// per student, covering their pieces, and every change afterwards keeps
// the runs covering exactly the pieces stored: a piece is found inside a
// run, and removing one at the start, in the middle or at the end of a
// run, a target's pieces across many runs, or a student, splits or drops
// the runs as it must.
func TestImportIndexesEvidenceByRuns(t *testing.T) {
	s := mustOpenDir(t, t.TempDir(), Options{MemTableSize: 1 << 20}) // a small transaction: the import is staged
	d := demo.Generate("Runs", demo.Size{Students: 30, Targets: 12, Evidence: 3000, Seed: 5})
	staged := stagedMerges.Load()
	mc, err := continuum.PlanMerge(nil, nil, snapshotOf(d)).Change(nil)
	must(t, err)
	if _, err := s.ApplyMerge(ctx, mc, nil); err != nil {
		t.Fatal(err)
	}
	if stagedMerges.Load() != staged+1 {
		t.Fatal("the import did not take the staged path")
	}
	cid := mc.Continuum.ID
	pieces := map[string][]continuum.Evidence{}
	stored, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid})
	must(t, err)
	for _, e := range stored {
		pieces[e.Student] = append(pieces[e.Student], e)
	}
	if n := countPrefix(t, s, []byte(prefixEvidenceByID)); n != len(pieces) {
		t.Errorf("%d index entries after the import, want one per student (%d)", n, len(pieces))
	}
	assertIndexMatches(t, s)

	// Pieces are found inside their run, by ID alone.
	ids := func(sid string) []uint64 {
		var out []uint64
		for _, e := range pieces[sid] {
			out = append(out, e.ID)
		}
		slices.Sort(out)
		return out
	}
	first := ids(d.Students[0].ID)
	if len(first) < 5 {
		t.Fatalf("student %s has %d pieces; the test needs 5", d.Students[0].ID, len(first))
	}
	middle := first[len(first)/2]
	e := pieces[d.Students[0].ID][0]
	for _, p := range pieces[d.Students[0].ID] {
		if p.ID == middle {
			e = p
		}
	}
	e.Note = "seen again"
	must(t, s.UpdateEvidence(ctx, e))
	got, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid, Student: e.Student})
	must(t, err)
	if i := slices.IndexFunc(got, func(g continuum.Evidence) bool { return g.ID == middle }); i < 0 || got[i].Note != "seen again" {
		t.Errorf("update of evidence %d inside a run did not land", middle)
	}

	// Removing at the middle, the start and the end of a run.
	for _, id := range []uint64{middle, first[0], first[len(first)-1], first[1]} {
		removed, err := s.DeleteEvidence(ctx, id)
		if err != nil || removed.ID != id {
			t.Fatalf("DeleteEvidence(%d) = %d, %v", id, removed.ID, err)
		}
		if _, err := s.DeleteEvidence(ctx, id); !errors.Is(err, continuum.ErrNotFound) {
			t.Errorf("evidence %d deleted twice: %v", id, err)
		}
		assertIndexMatches(t, s)
	}
	for _, id := range first[2 : len(first)-1] {
		if id == middle {
			continue
		}
		if _, err := s.DeleteEvidence(ctx, id); err != nil {
			t.Fatalf("DeleteEvidence(%d) of the rest of the run: %v", id, err)
		}
	}
	assertIndexMatches(t, s)
	if n := countPrefix(t, s, []byte(prefixEvidenceByID)); n != len(pieces)-1 {
		t.Errorf("%d index entries once a student's pieces are all deleted one by one, want %d", n, len(pieces)-1)
	}

	// A target's pieces, in every student's run; then a student.
	leaf := d.Targets[len(d.Targets)-1].Code // a target no other needs first
	for _, tg := range d.Targets {
		if !slices.ContainsFunc(d.Targets, func(o continuum.Target) bool {
			return slices.ContainsFunc(o.Prerequisites, func(p string) bool { return continuum.SameCode(p, tg.Code) })
		}) {
			leaf = tg.Code
		}
	}
	must(t, s.DeleteTarget(ctx, cid, leaf))
	assertIndexMatches(t, s)
	must(t, s.DeleteStudent(ctx, d.Students[1].ID))
	assertIndexMatches(t, s)
	for _, e := range pieces[d.Students[2].ID] {
		if continuum.SameCode(e.Target, leaf) {
			continue
		}
		if _, err := s.DeleteEvidence(ctx, e.ID); err != nil {
			t.Fatalf("DeleteEvidence(%d) after the target went: %v", e.ID, err)
		}
		break
	}
	assertIndexMatches(t, s)
}

// TestEvidenceIndexValue: a run of one is written as layout 4 wrote every
// entry, longer runs carry their count, and damaged values are refused.
func TestEvidenceIndexValue(t *testing.T) {
	for _, n := range []uint64{1, 2, 150} {
		v := evidenceIndexValue("c1", "S-01", n)
		cid, sid, got, ok := parseEvidenceIndexValue(v)
		if !ok || cid != "c1" || sid != "S-01" || got != n {
			t.Errorf("parse(%q) = %q %q %d %v", v, cid, sid, got, ok)
		}
	}
	if v := string(evidenceIndexValue("c1", "S01", 1)); v != "c1/S01" {
		t.Errorf("a run of one is %q, want c1/S01", v)
	}
	for _, bad := range []string{"", "c1", "/S01", "c1/", "c1/S01/0", "c1/S01/x", "c1/S01/-2", "c1/S01/2/3"} {
		if _, _, _, ok := parseEvidenceIndexValue([]byte(bad)); ok {
			t.Errorf("parse(%q) accepted", bad)
		}
	}
}

// TestCompareKeyParts: IDs sort as the keys holding them do.
func TestCompareKeyParts(t *testing.T) {
	ids := []string{"a", "a-b", "a0", "ab", "b", "a.c", "A", "a b", ""} // IDs hold no '/'
	for _, a := range ids {
		for _, b := range ids {
			want := strings.Compare(a+"/", b+"/")
			if got := compareKeyParts(a, b); got != want {
				t.Errorf("compareKeyParts(%q, %q) = %d, want %d", a, b, got, want)
			}
		}
	}
}

// TestRemoveStage: a stage goes whole, record by record or as a prefix
// by its size, and nothing beside it goes with it.
func TestRemoveStage(t *testing.T) {
	for _, n := range []int{10, dropStageBelow} {
		s := mustOpen(t)
		stage := []byte(prefixStage + "0a1b/")
		wb := s.db.NewWriteBatch()
		for i := range n {
			must(t, wb.Set(binary.BigEndian.AppendUint64(bytes.Clone(stage), uint64(i)), []byte("v")))
		}
		must(t, wb.Set([]byte(prefixStage+"0a1c/x"), []byte("another change's")))
		must(t, wb.Flush())
		must(t, s.removeStage(stage, n))
		if left := countPrefix(t, s, stage); left != 0 {
			t.Errorf("stage of %d: %d records left", n, left)
		}
		if left := countPrefix(t, s, []byte(prefixStage+"0a1c/")); left != 1 {
			t.Errorf("stage of %d: the other stage has %d records, want 1", n, left)
		}
	}
}
