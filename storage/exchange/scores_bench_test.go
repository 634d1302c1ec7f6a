package exchange_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
)

// scoresCSV writes a long score sheet of n scores for the dataset's
// students on its targets, as a gradebook exports one: Student ID,
// Student, Target, Date, Score, Kind, Scorer.
func scoresCSV(tb testing.TB, d *demo.Dataset, n int) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("Student ID,Student,Target,Date,Score,Kind,Scorer\n")
	start := continuum.NewDate(2026, 8, 31)
	kinds := []string{"Quiz", "Unit test", "Project", "Observation"}
	for i := range n {
		s := d.Students[i%len(d.Students)]
		t := d.Targets[(i/len(d.Students)*7+i)%len(d.Targets)]
		fmt.Fprintf(&b, "%s,%s,%s,%s,%d,%s,MR\n", s.ID, s.Name, t.Code, start.AddDays(i*280/n), 1+i%4, kinds[i%len(kinds)])
	}
	path := filepath.Join(tb.TempDir(), "scores.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// BenchmarkImportScores100k is the whole import of a long score sheet of
// 100,000 scores for 2,000 students on a 300-target continuum (CSV)
// into a store holding the continuum and the roster: read the file,
// match students and targets, read the scores, plan the merge, back up,
// write and sync (goal < 3 s with the roster's import of the 2,000
// students). The store is opened and loaded before the clock starts,
// as the app holds it open.
func BenchmarkImportScores100k(b *testing.B) {
	ctx := context.Background()
	d := demo.Generate("District math", demo.Size{Students: 2000, Targets: 300, Evidence: 1})
	d.Evidence = nil
	path := scoresCSV(b, d, 100_000)
	for b.Loop() {
		b.StopTimer()
		st, err := storage.Open(filepath.Join(b.TempDir(), "data"), storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if err := d.Load(ctx, st); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		p, err := exchange.PlanScores(ctx, st, path, exchange.ScoresOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Problems) > 0 {
			b.Fatalf("problems: %v", p.Problems[:min(5, len(p.Problems))])
		}
		a, err := p.Apply(ctx, st, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		if got := a.Written; len(got) != 1 || got[0] != "Evidence: 100,000 added" {
			b.Fatalf("written %q", got)
		}
		st.Close()
		b.StartTimer()
	}
}

// BenchmarkPlanScores100k is the part of BenchmarkImportScores100k
// before anything is written: read the 100,000-score CSV, match students
// and targets, read the scores against the scale, and plan the merge
// against a store holding the continuum and the 2,000 students.
func BenchmarkPlanScores100k(b *testing.B) {
	ctx := context.Background()
	d := demo.Generate("District math", demo.Size{Students: 2000, Targets: 300, Evidence: 1})
	d.Evidence = nil
	path := scoresCSV(b, d, 100_000)
	st, err := storage.Open(filepath.Join(b.TempDir(), "data"), storage.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	if err := d.Load(ctx, st); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		p, err := exchange.PlanScores(ctx, st, path, exchange.ScoresOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if n := p.Count(continuum.SectionEvidence, continuum.Added); n != 100_000 {
			b.Fatalf("%d added", n)
		}
	}
}

// BenchmarkStartOfTerm is a teacher's start of term with last term's
// scores: into a store holding only the continuum (300 targets), import
// the class list of 2,000 students (CSV: ID, name, school ID, class),
// then the 100,000 scores on them (long CSV), each the whole use case:
// read, match, plan, back up, write, sync (goal < 3 s for both).
func BenchmarkStartOfTerm(b *testing.B) {
	ctx := context.Background()
	d := demo.Generate("District math", demo.Size{Students: 2000, Targets: 300, Evidence: 1})
	var list strings.Builder
	list.WriteString("Student ID,Student name,School ID,Class\n")
	for _, s := range d.Students {
		fmt.Fprintf(&list, "%s,%s,%s,%s\n", s.ID, s.Name, s.ExternalID, s.Group)
	}
	roster := filepath.Join(b.TempDir(), "class-list.csv")
	if err := os.WriteFile(roster, []byte(list.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	scores := scoresCSV(b, d, 100_000)
	for b.Loop() {
		b.StopTimer()
		st, err := storage.Open(filepath.Join(b.TempDir(), "data"), storage.Options{})
		if err != nil {
			b.Fatal(err)
		}
		c := d.Continuum
		if err := st.CreateContinuum(ctx, &c, d.Targets); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		r, err := exchange.PlanRosterImport(ctx, st, roster, exchange.RosterReadOptions{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if a, err := r.Apply(ctx, st); err != nil || a.Students != 2000 {
			b.Fatal(a, err)
		}
		p, err := exchange.PlanScores(ctx, st, scores, exchange.ScoresOptions{})
		if err != nil {
			b.Fatal(err)
		}
		if len(p.Problems) > 0 {
			b.Fatalf("problems: %v", p.Problems[:min(5, len(p.Problems))])
		}
		if _, err := p.Apply(ctx, st, nil); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
}
