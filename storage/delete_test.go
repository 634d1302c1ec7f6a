package storage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// ana is the student the removal tests remove: her ID and name occur in no
// other record of the store they build unless the record is about her.
var ana = continuum.Student{ID: "ANA-0042", Name: "Ana Lopez", Group: "Period 2", ExternalID: "NYC-778812"}

// storeAboutAna builds a store with two continua and everything that can
// be about Ana: starting levels, evidence in both continua, overrides,
// places in two flex blocks, calibration scores of a sample of her work
// and one whose note names her, and visit notes naming her, one of them
// on another teacher's workbook. Ben has the same kinds of records, none
// about her. It returns the two continua.
func storeAboutAna(t testing.TB, s *Store, anaEvidence int) (continuum.Continuum, continuum.Continuum) {
	t.Helper()
	c := createMath(t, s)
	c2, targets := mathContinuum()
	c2.Name = "Mathematics (summer)"
	must(t, s.CreateContinuum(ctx, &c2, targets))
	a := ana
	a.StartingLevels = []continuum.StartingLevel{{Continuum: c.ID, Domain: "Number", Level: "1"}}
	must(t, s.PutStudents(ctx, a, continuum.Student{ID: "S02", Name: "Ben Ortiz", Group: "Period 2"}))
	var batch []continuum.Evidence
	for i := range anaEvidence {
		batch = append(batch, ev(c.ID, ana.ID, []string{"NUM.K.1", "GEO.K.1"}[i%2], "2026-09-14", float64(1+i%4)))
		if len(batch) == 250 || i == anaEvidence-1 {
			_, err := s.AddEvidence(ctx, batch...)
			must(t, err)
			batch = batch[:0]
		}
	}
	_, err := s.AddEvidence(ctx, ev(c2.ID, ana.ID, "NUM.K.1", "2026-07-01", 2), ev(c.ID, "S02", "NUM.K.1", "2026-09-14", 3))
	must(t, err)
	for _, o := range []continuum.Override{
		{Continuum: c.ID, Student: ana.ID, Target: "NUM.K.1", Mastered: true, Reason: "Counted to 50", Date: continuum.MustParseDate("2026-09-20")},
		{Continuum: c2.ID, Student: ana.ID, Target: "GEO.K.1", Mastered: true, Reason: "Named shapes", Date: continuum.MustParseDate("2026-07-02")},
		{Continuum: c.ID, Student: "S02", Target: "NUM.K.1", Mastered: true, Reason: "Seen", Date: continuum.MustParseDate("2026-09-20")},
	} {
		must(t, s.PutOverride(ctx, o))
	}
	for i, cid := range []string{c.ID, c2.ID} {
		b := flexBlock(cid)
		b.Assignments = []continuum.Assignment{
			{Student: ana.ID, Offering: "count", Tier: continuum.TierPriority, Reason: "Gap on NUM.K.1"},
			{Student: "S02", Offering: "open", Tier: continuum.TierOpen, Reason: "Open study"},
		}
		if i == 1 {
			b.Assignments = b.Assignments[:1]
		}
		must(t, s.PutFlexBlock(ctx, b))
	}
	must(t, s.PutCalibrationScores(ctx, c.ID,
		calib("Ana Lopez, essay", "NUM.K.1", "J. Rivera", 3), calib("ana  lopez, essay", "NUM.K.1", "M. Chen", 2),
		continuum.CalibrationScore{Sample: "Essay B", Target: "GEO.K.1", Scorer: "J. Rivera", Score: 2, Note: "Reads like ANA-0042's"},
		calib("Essay C", "NUM.K.1", "J. Rivera", 4)))
	for _, n := range []continuum.VisitNote{
		visitNote(c.ID, "2026-11-13", continuum.OnTarget, "NUM.K.1", "Ana Lopez could not say the target"),
		visitNote(c.ID, "2026-11-13", continuum.OnClass, "Period 2", "Groups worked well"),
		visitNote("a-colleagues-workbook", "2026-11-14", continuum.OnContinuum, "", "Ask about ana lopez next time"),
	} {
		_, err := s.PutVisitNote(ctx, n)
		must(t, err)
	}
	return c, c2
}

// recordsNaming lists every record of the store whose key or value holds
// one of words (case-insensitively), read from Badger directly.
func recordsNaming(t testing.TB, s *Store, words ...string) []string {
	t.Helper()
	var found []string
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			item := it.Item()
			v, err := item.ValueCopy(nil)
			if err != nil {
				return err
			}
			rec := bytes.ToLower(append(item.KeyCopy(nil), v...))
			for _, w := range words {
				if bytes.Contains(rec, []byte(strings.ToLower(w))) {
					found = append(found, printKey(item.Key())+" = "+string(v))
					break
				}
			}
		}
		return nil
	})
	must(t, err)
	return found
}

// Given a store where every kind of record can be about Ana, when she is
// removed, then no key or value names her ID, her name or her ID in the
// school's system, and what is Ben's stays.
func TestDeleteStudentLeavesNothingAboutThem(t *testing.T) {
	s := mustOpen(t)
	c, c2 := storeAboutAna(t, s, 40)
	if len(recordsNaming(t, s, ana.ID, ana.Name)) < 10 {
		t.Fatal("the store was not filled about Ana")
	}
	fp, err := s.StudentFootprint(ctx, " "+ana.ID+" ")
	must(t, err)
	want := continuum.Footprint{Evidence: 41, Overrides: 2, FlexPlaces: 2, CalibrationScores: 3, VisitNotes: 2}
	if fp != want {
		t.Errorf("footprint %+v, want %+v", fp, want)
	}
	if fp.Total() != 41+2+2+3+2 {
		t.Errorf("footprint total %d", fp.Total())
	}

	must(t, s.DeleteStudent(ctx, ana.ID))

	if left := recordsNaming(t, s, ana.ID, ana.Name, ana.ExternalID); len(left) > 0 {
		t.Errorf("%d records still name Ana:\n%s", len(left), strings.Join(left, "\n"))
	}
	if _, err := s.Student(ctx, ana.ID); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("student after removal: %v", err)
	}
	if _, err := s.StudentFootprint(ctx, ana.ID); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("footprint after removal: %v", err)
	}
	// Ben's records are untouched.
	benEv, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: "S02"})
	must(t, err)
	benOv, err := s.Overrides(ctx, c.ID, "S02")
	must(t, err)
	b1, err := s.FlexBlock(ctx, c.ID, "2026-11-23-win")
	must(t, err)
	b2, err := s.FlexBlock(ctx, c2.ID, "2026-11-23-win")
	must(t, err)
	scores, err := s.CalibrationScores(ctx, c.ID)
	must(t, err)
	notes, err := s.VisitNotes(ctx, c.ID)
	must(t, err)
	if len(benEv) != 1 || len(benOv) != 1 || len(b1.Assignments) != 1 || b1.Assignments[0].Student != "S02" ||
		len(b2.Assignments) != 0 || len(b2.Offerings) != 2 || len(scores) != 1 || scores[0].Sample != "Essay C" ||
		len(notes) != 1 || notes[0].Note != "Groups worked well" {
		t.Errorf("after removal: Ben's evidence %d, overrides %d, blocks %+v / %+v, scores %+v, notes %+v",
			len(benEv), len(benOv), b1.Assignments, b2.Assignments, scores, notes)
	}
	fp, err = s.StudentFootprint(ctx, "S02")
	must(t, err)
	if want := (continuum.Footprint{Evidence: 1, Overrides: 1, FlexPlaces: 1}); fp != want {
		t.Errorf("Ben's footprint %+v, want %+v", fp, want)
	}
}

// Given Ana with 6,000 pieces of evidence, more than one transaction of a
// small memtable holds, when she is removed, then the removal is staged,
// takes effect whole, and nothing about her is left, also after reopening.
func TestDeleteStudentWithMoreEvidenceThanATransactionHolds(t *testing.T) {
	if testing.Short() {
		t.Skip("records 6,000 pieces of evidence")
	}
	dir := t.TempDir()
	s := mustOpenDir(t, dir, smallMemTable)
	storeAboutAna(t, s, 6000)
	staged := stagedMerges.Load()
	must(t, s.DeleteStudent(ctx, ana.ID))
	if stagedMerges.Load() != staged+1 {
		t.Error("the removal was not staged")
	}
	if left := recordsNaming(t, s, ana.ID, ana.Name); len(left) > 0 {
		t.Errorf("%d records still name Ana, the first %s", len(left), left[0])
	}
	must(t, s.Close())
	s = mustOpenDir(t, dir, smallMemTable)
	if left := recordsNaming(t, s, ana.ID, ana.Name, prefixStage); len(left) > 0 {
		t.Errorf("after reopening, %d records name Ana or a stage, the first %s", len(left), left[0])
	}
}

// Given Ana's records written to the data folder's table files (the store
// closed and opened again), when she is removed, then no file of the
// folder holds her name or her ID any more, while the store is open and
// after it is closed, and Ben's name is still there.
func TestDeleteStudentClearsTheFiles(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	storeAboutAna(t, s, 300)
	must(t, s.Close())
	s = mustOpenDir(t, dir, Options{})
	if got := filesNaming(t, dir, ana.Name); len(got) == 0 {
		t.Fatal("Ana's name is in no file before her removal")
	}
	must(t, s.DeleteStudent(ctx, ana.ID))
	if got := filesNaming(t, dir, ana.Name, ana.ID, ana.ExternalID); len(got) > 0 {
		t.Errorf("after the removal, files hold Ana's name or ID: %v", got)
	}
	must(t, s.Close())
	if got := filesNaming(t, dir, ana.Name, ana.ID, ana.ExternalID); len(got) > 0 {
		t.Errorf("after closing, files hold Ana's name or ID: %v", got)
	}
	if got := filesNaming(t, dir, "Ben Ortiz"); len(got) == 0 {
		t.Error("Ben's name went from the files too")
	}
}

// filesNaming lists the files of dir that hold one of words, as bytes.
func filesNaming(t *testing.T, dir string, words ...string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	must(t, err)
	var found []string
	for _, e := range entries {
		if !e.Type().IsRegular() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		must(t, err)
		for _, w := range words {
			if bytes.Contains(b, []byte(w)) {
				found = append(found, e.Name()+": "+w)
			}
		}
	}
	return found
}

func TestDeleteStudentRefusals(t *testing.T) {
	s := mustOpen(t)
	storeAboutAna(t, s, 2)
	if err := s.DeleteStudent(ctx, "NOBODY"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("removing no one: %v", err)
	}
	if _, err := s.StudentFootprint(ctx, "NOBODY"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("counting no one: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if err := s.DeleteStudent(cancelled, ana.ID); err == nil {
		t.Error("a cancelled removal went ahead")
	}
	must(t, s.Close())
	if err := s.DeleteStudent(ctx, ana.ID); !errors.Is(err, ErrClosed) {
		t.Errorf("removing from a closed store: %v", err)
	}
}

// Given calibration scores on two targets, when one target is removed,
// then its scores go and the other target's stay.
func TestDeleteTargetRemovesItsCalibrationScores(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutCalibrationScores(ctx, c.ID,
		calib("Essay A", "GEO.2.1", "J. Rivera", 3), calib("Essay A", "GEO.2.1", "M. Chen", 2), calib("Essay A", "GEO.K.1", "M. Chen", 2)))
	must(t, s.DeleteTarget(ctx, c.ID, "geo.2.1"))
	scores, err := s.CalibrationScores(ctx, c.ID)
	must(t, err)
	if len(scores) != 1 || scores[0].Target != "GEO.K.1" {
		t.Errorf("scores after removing GEO.2.1: %+v", scores)
	}
	if left := recordsNaming(t, s, "geo.2.1"); len(left) > 0 {
		t.Errorf("records still name GEO.2.1: %v", left)
	}
}

// Given a target with more evidence than one transaction holds, when it is
// removed, then the removal is staged and takes it whole, with its
// evidence, override and calibration scores.
func TestDeleteTargetWithMoreEvidenceThanATransactionHolds(t *testing.T) {
	s := mustOpenDir(t, t.TempDir(), smallMemTable)
	cid, _ := storeWithLargeTarget(t, s)
	// The unit, the flex offering and the note name NUM.K.1 too; they go
	// first, since only what DeleteTarget promises is checked below.
	must(t, s.DeleteUnit(ctx, cid, "u1"))
	must(t, s.DeleteFlexBlock(ctx, cid, "2026-11-23-win"))
	notes, err := s.VisitNotes(ctx, cid)
	must(t, err)
	for _, n := range notes {
		must(t, s.DeleteVisitNote(ctx, cid, n.ID))
	}
	must(t, s.PutTargets(ctx, cid, continuum.Target{Code: "NUM.1.1", Statement: "I can add within 20.", Domain: "Number", Level: "1", Order: 1}))
	staged := stagedMerges.Load()
	must(t, s.DeleteTarget(ctx, cid, "NUM.K.1"))
	if stagedMerges.Load() != staged+1 {
		t.Error("the removal was not staged")
	}
	if left := recordsNaming(t, s, "num.k.1"); len(left) > 0 {
		t.Errorf("%d records still name NUM.K.1, the first %s", len(left), left[0])
	}
	rest, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid})
	must(t, err)
	if len(rest) != 2 {
		t.Errorf("%d pieces of evidence left, want the 2 on GEO.K.1", len(rest))
	}
}

// BenchmarkDeleteStudent removes a student with 3,000 pieces of evidence
// (one transaction) and with 20,000 (staged), with everything else about
// them; the store is built again, untimed, before each removal.
func BenchmarkDeleteStudent(b *testing.B) {
	for _, n := range []int{3000, 20000} {
		b.Run(fmt.Sprintf("evidence=%d", n), func(b *testing.B) {
			for range b.N {
				b.StopTimer()
				s := mustOpen(b)
				storeAboutAna(b, s, n)
				b.StartTimer()
				must(b, s.DeleteStudent(ctx, ana.ID))
				b.StopTimer()
				must(b, s.Close())
			}
		})
	}
}

// BenchmarkDeleteStudentFromLargeStore removes one student at a time from
// a district-sized class: 2,000 students with 50 pieces of evidence each
// on a continuum of 300 targets (100,000 pieces in all), the store closed
// and opened again so that they are in the table files. Most of the time
// is clearing the removed records from the files (eraseDeleted).
func BenchmarkDeleteStudentFromLargeStore(b *testing.B) {
	dir := b.TempDir()
	s := mustOpenDir(b, dir, Options{})
	c, targets := realisticContinuum()
	must(b, s.CreateContinuum(ctx, &c, targets))
	students := roster(2000)
	must(b, s.PutStudents(ctx, students...))
	fillEvidence(b, s, c.ID, students, targets, 50)
	must(b, s.Close())
	s = mustOpenDir(b, dir, Options{})
	b.ResetTimer()
	for i := range b.N {
		must(b, s.DeleteStudent(ctx, students[i%len(students)].ID))
	}
}
