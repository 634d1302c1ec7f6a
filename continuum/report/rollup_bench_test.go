package report

import (
	"fmt"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
)

// BenchmarkRollUpDistrict rolls a district up: 2,000 students, 300
// targets, 200,000 pieces of evidence, a report card of 30 standards of
// 10 targets each, every rule in turn. Goal: under 1 s on 2 cores, so a
// whole school's CSV for the SIS is a moment's work.
func BenchmarkRollUpDistrict(b *testing.B) {
	d := demo.Generate("District", demo.Size{Students: 2000, Targets: 300, Evidence: 200_000})
	g, err := d.Graph()
	if err != nil {
		b.Fatal(err)
	}
	var card continuum.ReportCard
	for i := 0; i+10 <= len(g.Targets); i += 10 {
		s := continuum.CardStandard{Code: fmt.Sprintf("S%02d", i/10), Rule: continuum.CardRules[(i/10)%len(continuum.CardRules)]}
		if s.Rule == continuum.RuleBands {
			s.Bands = []continuum.CardBand{{MinPercent: 90, Level: 4}, {MinPercent: 60, Level: 3}, {MinPercent: 30, Level: 2}, {MinPercent: 0, Level: 1}}
		}
		for _, t := range g.Targets[i : i+10] {
			s.Targets = append(s.Targets, t.Code)
		}
		card.Standards = append(card.Standards, s)
	}
	class := d.Class()
	on := continuum.NewDate(2027, 6, 30)
	b.ResetTimer()
	for b.Loop() {
		if got := RollUp(g, card, class, on); len(got) != 2000*30 {
			b.Fatalf("%d levels", len(got))
		}
	}
}
