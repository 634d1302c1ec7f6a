package storage

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	badger "github.com/dgraph-io/badger/v4"
)

// countPrefix counts the keys under prefix.
func countPrefix(t *testing.T, s *Store, prefix []byte) int {
	t.Helper()
	n := 0
	must(t, s.db.View(func(txn *badger.Txn) error {
		return scan(ctx, txn, prefix, false, func(*badger.Item) error { n++; return nil })
	}))
	return n
}

func TestDeleteContinuumPurgesEverything(t *testing.T) {
	s := mustOpen(t)
	c, targets := realisticContinuum()
	must(t, s.CreateContinuum(ctx, &c, targets))
	keep := createMath(t, s)
	students := roster(28)
	students[0].StartingLevels = []continuum.StartingLevel{{Continuum: c.ID, Domain: "Number", Level: "2"}, {Continuum: keep.ID, Domain: "Number", Level: "1"}}
	students[1].StartingLevels = []continuum.StartingLevel{{Continuum: c.ID, Domain: "Fractions", Level: "3"}}
	must(t, s.PutStudents(ctx, students...))
	// More students placed in the continuum than one purge batch rewrites.
	var placed []continuum.Student
	for i := range 250 {
		placed = append(placed, continuum.Student{ID: fmt.Sprintf("P%03d", i), Name: "Placed",
			StartingLevels: []continuum.StartingLevel{{Continuum: c.ID, Domain: "Geometry", Level: "4"}}})
	}
	must(t, s.PutStudents(ctx, placed...))
	fillEvidence(t, s, c.ID, students, targets, 200) // 5,600 pieces
	fillEvidence(t, s, keep.ID, students[:2], []continuum.Target{{Code: "NUM.K.1"}}, 3)
	must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: "S03", Target: targets[0].Code, Mastered: true, Reason: "r", Date: continuum.MustParseDate("2026-10-01")}))
	if n := countPrefix(t, s, evidencePrefix(c.ID, "")); n != 5600 {
		t.Fatalf("fixture has %d pieces of evidence", n)
	}

	must(t, s.DeleteContinuum(ctx, c.ID))

	if _, err := s.Continuum(ctx, c.ID); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("Continuum after delete = %v", err)
	}
	if _, err := s.FindContinuum(ctx, c.Name); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("name still found: %v", err)
	}
	for _, p := range [][]byte{evidencePrefix(c.ID, ""), targetPrefix(c.ID), overridePrefix(c.ID, ""), tombstoneKey(c.ID)} {
		if n := countPrefix(t, s, p); n != 0 {
			t.Errorf("%d records left under %q", n, p)
		}
	}
	if n := countPrefix(t, s, []byte(prefixEvidenceByID)); n != 6 {
		t.Errorf("%d evidence index entries left, want the 6 of the other continuum", n)
	}
	assertIndexMatches(t, s)
	st, _ := s.Student(ctx, "S01")
	if len(st.StartingLevels) != 1 || st.StartingLevels[0].Continuum != keep.ID {
		t.Errorf("S01 starting levels = %+v", st.StartingLevels)
	}
	all, _ := s.Students(ctx)
	for _, st := range all {
		if st.ID != "S01" && st.StartingLevels != nil {
			t.Errorf("%s starting levels = %+v", st.ID, st.StartingLevels)
		}
	}
	if err := s.DeleteContinuum(ctx, c.ID); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("second delete = %v, want ErrNotFound", err)
	}
	// The name is free again.
	again := continuum.NewContinuum(c.Name, "1")
	must(t, s.CreateContinuum(ctx, &again, nil))
}

// TestLeftoverTombstonePurgedOnOpen simulates a crash after the deletion
// of a continuum was recorded but before its records were purged.
func TestLeftoverTombstonePurgedOnOpen(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	c := createMath(t, s)
	keep := continuum.NewContinuum("Science", "1")
	must(t, s.CreateContinuum(ctx, &keep, nil))
	students := roster(3)
	students[0].StartingLevels = []continuum.StartingLevel{{Continuum: c.ID, Domain: "Number", Level: "1"}}
	must(t, s.PutStudents(ctx, students...))
	fillEvidence(t, s, c.ID, students, []continuum.Target{{Code: "NUM.K.1"}, {Code: "GEO.K.1"}}, 40)
	must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: "S02", Target: "GEO.K.1", Reason: "r", Date: continuum.MustParseDate("2026-10-01")}))

	// What DeleteContinuum's first transaction writes, and nothing more.
	must(t, s.db.Update(func(txn *badger.Txn) error {
		b, _ := encode(tombstone{Name: c.Name, DeletedAt: time.Now()})
		return errors.Join(txn.Delete(continuumKey(c.ID)), txn.Delete(nameKey(c.Name)), txn.Set(tombstoneKey(c.ID), b))
	}))
	if n := countPrefix(t, s, evidencePrefix(c.ID, "")); n != 120 {
		t.Fatalf("%d pieces of evidence before reopening", n)
	}
	// Readers already cannot reach the deleted continuum.
	if _, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID}); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("Evidence of a tombstoned continuum = %v, want ErrNotFound", err)
	}
	if cs, _ := s.Continua(ctx); len(cs) != 1 {
		t.Errorf("Continua lists %d", len(cs))
	}
	must(t, s.Close())

	s = mustOpenDir(t, dir, Options{})
	for _, p := range [][]byte{evidencePrefix(c.ID, ""), targetPrefix(c.ID), overridePrefix(c.ID, ""), tombstoneKey(c.ID), []byte(prefixEvidenceByID)} {
		if n := countPrefix(t, s, p); n != 0 {
			t.Errorf("%d records left under %q after reopening", n, p)
		}
	}
	if st, _ := s.Student(ctx, "S01"); st.StartingLevels != nil {
		t.Errorf("starting levels left: %+v", st.StartingLevels)
	}
	if cs, _ := s.Continua(ctx); len(cs) != 1 || cs[0].ID != keep.ID {
		t.Errorf("Continua = %+v", cs)
	}
}

// TestPurgeCutsRunsAtEachBatch: a continuum imported whole has one index
// run per student, longer than a purge batch; a purge stopped after its
// first batch leaves the pieces still there covered by their runs, cut
// at the batch's end, and the finished purge leaves no run behind.
func TestPurgeCutsRunsAtEachBatch(t *testing.T) {
	s := mustOpenDir(t, t.TempDir(), Options{MemTableSize: 1 << 20}) // a small transaction: the import is staged
	d := demo.Generate("Purged", demo.Size{Students: 2, Targets: 12, Evidence: 3 * purgeBatch, Seed: 9})
	mc, err := continuum.PlanMerge(nil, nil, snapshotOf(d)).Change(nil)
	must(t, err)
	if _, err := s.ApplyMerge(ctx, mc, nil); err != nil {
		t.Fatal(err)
	}
	if n := countPrefix(t, s, []byte(prefixEvidenceByID)); n != 2 {
		t.Fatalf("%d index entries after the import, want 2 runs", n)
	}
	cid := mc.Continuum.ID
	n, err := s.purgeKeys(ctx, evidencePrefix(cid, ""), unindexPurged) // the first batch, then a stop
	must(t, err)
	if n != purgeBatch {
		t.Fatalf("the first batch removed %d pieces, want %d", n, purgeBatch)
	}
	assertIndexMatches(t, s)
	must(t, s.purge(ctx, cid))
	if n := countPrefix(t, s, []byte(prefixEvidenceByID)) + countPrefix(t, s, evidencePrefix(cid, "")); n != 0 {
		t.Errorf("%d evidence records or index entries left after the purge", n)
	}
}
