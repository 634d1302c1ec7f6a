package continuum_test

import (
	"fmt"
	"sync"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
)

var (
	bigOnce sync.Once
	big     *demo.Dataset
	bigG    *continuum.Graph
)

// bigClass is 2,000 students × 300 targets × 200,000 evidence records.
func bigClass(b *testing.B) (*demo.Dataset, *continuum.Graph) {
	bigOnce.Do(func() {
		big = demo.Generate("Benchmark", demo.Size{Students: 2000, Targets: 300, Evidence: 200000, Levels: 12, Domains: 5})
		var err error
		if bigG, err = big.Graph(); err != nil {
			panic(err)
		}
	})
	return big, bigG
}

// BenchmarkClassPositions recomputes every student's mastery of every
// target and position on every domain: goal ≤ 1 s.
func BenchmarkClassPositions(b *testing.B) {
	d, g := bigClass(b)
	class := d.Class()
	on := continuum.NewDate(2027, 6, 1)
	b.ResetTimer()
	for b.Loop() {
		if got := g.ClassPositions(class, on); len(got) != 2000 {
			b.Fatal(len(got))
		}
	}
}

// BenchmarkStudentAfterNewScore is one new score → that student's
// judgements and positions recomputed: goal ≤ 5 ms.
func BenchmarkStudentAfterNewScore(b *testing.B) {
	d, g := bigClass(b)
	st := d.Students[17]
	var mine []continuum.Evidence
	for _, e := range d.Evidence {
		if e.Student == st.ID {
			mine = append(mine, e)
		}
	}
	on := continuum.NewDate(2027, 6, 1)
	b.ReportMetric(float64(len(mine)), "evidence/student")
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		e := mine[0]
		e.ID = uint64(1_000_000 + i)
		e.Score = 3
		withNew := append(mine[:len(mine):len(mine)], e)
		m := g.StudentMastery(&st, withNew, nil)
		if ps := g.Positions(&st, m, on); len(ps) != 5 {
			b.Fatal(len(ps))
		}
	}
}

// BenchmarkNewGraph checks and indexes a 300-target continuum, as every
// target edit does to refuse cycles.
func BenchmarkNewGraph(b *testing.B) {
	d, _ := bigClass(b)
	for b.Loop() {
		if _, err := continuum.NewGraph(d.Continuum, d.Targets); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSuggest2000x20 suggests a flex block for 2,000 students across
// 20 offerings from their positions (computed beforehand): goal ≤ 100 ms.
func BenchmarkSuggest2000x20(b *testing.B) {
	d, g := bigClass(b)
	class := g.ClassPositions(d.Class(), continuum.NewDate(2027, 6, 1))
	blk := continuum.FlexBlock{ID: "bench", Date: continuum.NewDate(2027, 6, 1), Slot: "Flex", Minutes: 40}
	kinds := []continuum.OfferingKind{continuum.Reteach, continuum.Practice, continuum.Practice, continuum.Extension, continuum.HabitsSupport}
	for i := range 19 {
		t1, t2 := g.Targets[(i*37)%len(g.Targets)], g.Targets[(i*37+5)%len(g.Targets)]
		blk.Offerings = append(blk.Offerings, continuum.Offering{
			ID: fmt.Sprintf("o%02d", i), Title: "Offering " + fmt.Sprint(i), Kind: kinds[i%len(kinds)],
			Capacity: 90, Focus: []string{t1.Code, t2.Code},
		})
	}
	blk.Offerings = append(blk.Offerings, continuum.Offering{ID: "open", Title: "Open study", Kind: continuum.OpenStudy, Capacity: 2000})
	if err := blk.Validate(g); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	var s continuum.Suggestion
	for b.Loop() {
		s = g.Suggest(blk, class)
	}
	b.ReportMetric(float64(len(s.Placements)-len(s.Unplaced)), "placed")
}
