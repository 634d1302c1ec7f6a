package storage

import (
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

// reopenedEvidenceStore fills a store with 20,000 pieces of evidence (28
// students, 20 of them with 1,000 each), closes it so everything lands in
// table files, and opens it again: reads then go through the tables and
// their checksums, not the in-memory write buffer.
func reopenedEvidenceStore(b *testing.B) (*Store, string) {
	b.Helper()
	dir := b.TempDir()
	s, err := Open(dir, Options{})
	must(b, err)
	c, targets := realisticContinuum()
	must(b, s.CreateContinuum(ctx, &c, targets))
	students := roster(28)
	must(b, s.PutStudents(ctx, students...))
	fillEvidence(b, s, c.ID, students[:20], targets, 1000)
	must(b, s.Close())
	return mustOpenDir(b, dir, Options{}), c.ID
}

// BenchmarkEvidenceLoadFromTables is BenchmarkEvidenceLoad with the
// evidence read from table files, where every block read is verified.
func BenchmarkEvidenceLoadFromTables(b *testing.B) {
	s, cid := reopenedEvidenceStore(b)
	b.ResetTimer()
	var n int
	for range b.N {
		evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid})
		if err != nil {
			b.Fatal(err)
		}
		n = len(evs)
	}
	if n != 20000 {
		b.Fatalf("loaded %d pieces of evidence, want 20,000", n)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkOpenChecked opens a folder of 20,000 pieces of evidence: the
// table check Open runs first (every block's checksum) plus Badger's open.
// Goal: under 100 ms.
func BenchmarkOpenChecked(b *testing.B) {
	s, _ := reopenedEvidenceStore(b)
	dir := s.Dir()
	must(b, s.Close())
	b.ResetTimer()
	for range b.N {
		s, err := Open(dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		must(b, s.Close())
	}
	if per := b.Elapsed() / time.Duration(b.N); per > 100*time.Millisecond {
		b.Errorf("Open took %v, want under 100 ms", per)
	}
}

// BenchmarkTableCheck is the table check alone on that folder.
func BenchmarkTableCheck(b *testing.B) {
	s, _ := reopenedEvidenceStore(b)
	dir := s.Dir()
	must(b, s.Close())
	bopts, err := badgerOptions(dir, Options{}.withDefaults())
	must(b, err)
	b.ResetTimer()
	for range b.N {
		n, err := checkTables(dir, bopts)
		if err != nil || n == 0 {
			b.Fatalf("checkTables: %d tables, %v", n, err)
		}
	}
	if per := b.Elapsed() / time.Duration(b.N); per > 100*time.Millisecond {
		b.Errorf("the table check took %v, want under 100 ms", per)
	}
}

// BenchmarkCheck is continuumctl check's work on that folder: every table
// verified and every record decoded.
func BenchmarkCheck(b *testing.B) {
	s, _ := reopenedEvidenceStore(b)
	b.ResetTimer()
	var rep CheckReport
	for range b.N {
		var err error
		if rep, err = s.Check(ctx); err != nil {
			b.Fatal(err)
		}
	}
	if rep.Records["evidence"] != 20000 {
		b.Fatalf("checked %d pieces of evidence, want 20,000", rep.Records["evidence"])
	}
	b.ReportMetric(float64(rep.Total()), "records/op")
}
