package storage

import (
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
)

// BenchmarkAddEvidence records one piece of evidence per operation, as a
// teacher entering a score does; each is synced to disk before it returns.
func BenchmarkAddEvidence(b *testing.B) { benchAddEvidence(b, mustOpen(b)) }

// benchAddEvidence is BenchmarkAddEvidence on the store s (plain or encrypted).
func benchAddEvidence(b *testing.B, s *Store) {
	c := createMath(b, s)
	must(b, s.PutStudents(ctx, roster(28)...))
	e := ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3)
	b.ResetTimer()
	for i := range b.N {
		e.Student = roster(28)[i%28].ID
		if _, err := s.AddEvidence(ctx, e); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkEvidenceLoad reads all the evidence of a continuum holding
// 20,000 pieces (28 students × about 714), as the class map does on opening.
func BenchmarkEvidenceLoad(b *testing.B) { benchEvidenceLoad(b, mustOpen(b)) }

// benchEvidenceLoad is BenchmarkEvidenceLoad on the store s.
func benchEvidenceLoad(b *testing.B, s *Store) {
	c, targets := realisticContinuum()
	must(b, s.CreateContinuum(ctx, &c, targets))
	students := roster(28)
	must(b, s.PutStudents(ctx, students...))
	fillEvidence(b, s, c.ID, students[:20], targets, 1000)
	b.ResetTimer()
	var n int
	for range b.N {
		evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
		if err != nil {
			b.Fatal(err)
		}
		n = len(evs)
	}
	if n != 20000 {
		b.Fatalf("loaded %d pieces of evidence, want 20,000", n)
	}
	b.ReportMetric(float64(n), "records/op")
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "records/s")
}

// BenchmarkStudentPosition is the work after a teacher enters a score: the
// score is recorded, that student's evidence and overrides are read back,
// and their mastery and positions are recalculated on a continuum of 300
// targets, with about 200 pieces of evidence per student.
func BenchmarkStudentPosition(b *testing.B) { benchStudentPosition(b, mustOpen(b)) }

// benchStudentPosition is BenchmarkStudentPosition on the store s.
func benchStudentPosition(b *testing.B, s *Store) {
	c, targets := realisticContinuum()
	must(b, s.CreateContinuum(ctx, &c, targets))
	students := roster(28)
	for i := range students {
		students[i].StartingLevels = []continuum.StartingLevel{{Continuum: c.ID, Domain: "Number", Level: "2"}}
	}
	must(b, s.PutStudents(ctx, students...))
	fillEvidence(b, s, c.ID, students, targets, 200)
	must(b, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: "S01", Target: targets[0].Code, Mastered: true, Reason: "Placement test", Date: continuum.MustParseDate("2026-09-05")}))
	g, err := s.Graph(ctx, c.ID) // the screen holds the graph while it is open
	must(b, err)
	st := students[0]
	on := continuum.MustParseDate("2027-01-15")
	score := ev(c.ID, st.ID, targets[57].Code, "2027-01-15", 3)
	b.ResetTimer()
	for range b.N {
		if _, err := s.AddEvidence(ctx, score); err != nil {
			b.Fatal(err)
		}
		evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: st.ID})
		if err != nil {
			b.Fatal(err)
		}
		ovs, err := s.Overrides(ctx, c.ID, st.ID)
		if err != nil {
			b.Fatal(err)
		}
		m := g.StudentMastery(&st, evs, ovs)
		if pos := g.Positions(&st, m, on); len(pos) != len(c.Domains) {
			b.Fatalf("%d positions", len(pos))
		}
	}
}

// BenchmarkEvidenceLoadDistrict reads every piece of evidence of a
// district's continuum: 2,000 students × 300 targets × 200,000 pieces, as
// the class map and the flex planner do on opening. Goal: under 300 ms.
func BenchmarkEvidenceLoadDistrict(b *testing.B) {
	s := mustOpen(b)
	d := demo.Generate("District", demo.Size{Students: 2000, Targets: 300, Evidence: 200000})
	d.Continuum.ID = ""
	must(b, d.Load(ctx, s))
	cs, err := s.Continua(ctx)
	must(b, err)
	b.ResetTimer()
	var n int
	for range b.N {
		evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: cs[0].ID})
		if err != nil {
			b.Fatal(err)
		}
		n = len(evs)
	}
	if n != 200000 {
		b.Fatalf("loaded %d pieces of evidence, want 200,000", n)
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
}
