package continuum

import (
	"reflect"
	"strings"
	"testing"
)

func sciCard(rule CardRule, targets ...string) *ReportCard {
	return &ReportCard{Standards: []CardStandard{{Code: "SC.MT", Name: "Matter", Targets: targets, Rule: rule}}}
}

func TestMergeReportCard(t *testing.T) {
	t.Run("a new continuum takes the card with codes as its targets have them", func(t *testing.T) {
		in := mergeFixture()
		in.Continuum.ReportCard = sciCard(RuleLowest, "m.1", "M.2")
		p := PlanMerge(nil, nil, in)
		ch, err := p.Change(nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := ch.Continuum.ReportCard; got == nil || !reflect.DeepEqual(got.Standards[0].Targets, []string{"M.1", "M.2"}) {
			t.Errorf("card %+v", got)
		}
	})
	t.Run("a store without a card takes the file's, as a change", func(t *testing.T) {
		mine, in := mergeFixture(), mergeFixture()
		in.Continuum.ReportCard = sciCard(RuleMeanDown, "M.1")
		p := PlanMerge(&mine, mine.Students, in)
		if p.Counts[SectionContinuum][Changed] != 1 || p.Counts[SectionContinuum][Unchanged] != 0 {
			t.Errorf("counts %v", p.Counts[SectionContinuum])
		}
		ch, err := p.Change(&mine)
		if err != nil || ch.Continuum.ReportCard == nil || ch.Continuum.ReportCard.Standards[0].Rule != RuleMeanDown {
			t.Errorf("change %+v, %v", ch.Continuum.ReportCard, err)
		}
	})
	t.Run("a file without a card keeps the stored one; the same card changes nothing", func(t *testing.T) {
		mine := mergeFixture()
		mine.Continuum.ReportCard = sciCard(RuleLowest, "M.1", "M.2")
		in := mergeFixture()
		p := PlanMerge(&mine, mine.Students, in)
		ch, _ := p.Change(&mine)
		if ch.Continuum.ReportCard == nil || p.Counts[SectionContinuum][Unchanged] != 1 {
			t.Errorf("stored card lost: %+v %v", ch.Continuum.ReportCard, p.Counts)
		}
		in.Continuum.ReportCard = sciCard(RuleLowest, "M.2", "m.1")
		p = PlanMerge(&mine, mine.Students, in)
		if len(p.Conflicts) != 0 || p.Counts[SectionContinuum][Unchanged] != 1 {
			t.Errorf("same card: conflicts %v, counts %v", p.Conflicts, p.Counts)
		}
	})
	t.Run("a different card is a conflict: kept unless the teacher takes theirs", func(t *testing.T) {
		mine := mergeFixture()
		mine.Continuum.ReportCard = sciCard(RuleLowest, "M.1", "M.2")
		in := mergeFixture()
		in.Continuum.ReportCard = sciCard(RuleMostFrequent, "M.1", "M.2")
		in.Continuum.Scale.Cut = 2 // the scale differs too: two conflicts, each taken on its own
		p := PlanMerge(&mine, mine.Students, in)
		if len(p.Conflicts) != 2 {
			t.Fatalf("conflicts %+v", p.Conflicts)
		}
		card := p.Conflicts[1]
		if card.Fields[0] != fieldReportCard || !strings.Contains(FieldValue(card.Theirs, fieldReportCard), "SC.MT Matter (Most frequent level): M.1, M.2") {
			t.Errorf("conflict %+v: %s", card, FieldValue(card.Theirs, fieldReportCard))
		}
		ch, _ := p.Change(&mine)
		if ch.Continuum.ReportCard.Standards[0].Rule != RuleLowest {
			t.Error("the stored card was replaced without the teacher's word")
		}
		p.Resolve(1, TakeTheirs)
		ch, err := p.Change(&mine)
		if err != nil || ch.Continuum.ReportCard.Standards[0].Rule != RuleMostFrequent || ch.Continuum.Scale.Cut != 3 {
			t.Errorf("taking their card: %+v, cut %v, %v (the scale should stay mine)", ch.Continuum.ReportCard, ch.Continuum.Scale.Cut, err)
		}
	})
	t.Run("a card naming a target neither has is refused", func(t *testing.T) {
		mine, in := mergeFixture(), mergeFixture()
		in.Continuum.ReportCard = sciCard(RuleLowest, "M.1", "M.9")
		p := PlanMerge(&mine, mine.Students, in)
		if _, err := p.Change(&mine); err == nil || !strings.Contains(err.Error(), "names M.9, which is not a target of Science") {
			t.Errorf("unknown target: %v", err)
		}
		in.Continuum.ReportCard = sciCard(RuleBands, "M.1")
		p = PlanMerge(&mine, mine.Students, in)
		if len(p.Refusals) != 1 || !strings.Contains(p.Refusals[0].Reason, "report card cannot be kept") {
			t.Errorf("invalid card: %+v", p.Refusals)
		}
	})
}
