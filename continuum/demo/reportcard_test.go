package demo

import (
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/report"
)

// The demo's report card names every target of the continuum exactly once,
// uses every roll-up rule, and on the term's last day gives most students
// a level on every standard but fractions, which only the students ahead
// have reached: the others show "no level yet".
func TestClassroomReportCard(t *testing.T) {
	d := Classroom()
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	card := d.Continuum.ReportCard
	if card == nil {
		t.Fatal("the demo has no report card")
	}
	if err := card.CheckTargets(g); err != nil {
		t.Fatal(err)
	}
	named := map[string]int{}
	rules := map[continuum.CardRule]bool{}
	for _, s := range card.Standards {
		rules[s.Rule] = true
		for _, code := range s.Targets {
			named[code]++
		}
	}
	for _, tg := range g.Targets {
		if named[tg.Code] != 1 {
			t.Errorf("target %s is in %d standards, want 1", tg.Code, named[tg.Code])
		}
	}
	if len(rules) != len(continuum.CardRules) {
		t.Errorf("rules used %v, want all of %v", rules, continuum.CardRules)
	}
	on := termStart.AddDays(7 * termWeeks)
	levels := report.RollUp(g, *card, d.Class(), on)
	if len(levels) != len(d.Students)*len(card.Standards) {
		t.Fatalf("%d levels", len(levels))
	}
	with := map[string]int{}
	for _, l := range levels {
		if l.HasLevel {
			with[l.Standard.Code]++
		}
	}
	for _, s := range card.Standards {
		switch {
		case s.Code == "MA.FR" && (with[s.Code] == 0 || with[s.Code] == len(d.Students)):
			t.Errorf("standard MA.FR: %d of %d students have a level; the demo should show both a level and none yet", with[s.Code], len(d.Students))
		case s.Code != "MA.FR" && with[s.Code] < len(d.Students)/2:
			t.Errorf("standard %s: only %d of %d students have a level", s.Code, with[s.Code], len(d.Students))
		}
	}
}
