package report

import (
	"fmt"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// rollGraph is a continuum of five targets A1…A5 judged by the mean of
// their scores, on scale (the default 1–4 scale when nil).
func rollGraph(t *testing.T, scale *continuum.Scale) *continuum.Graph {
	t.Helper()
	c := continuum.NewContinuum("Math", "1")
	c.ID = "m"
	c.Domains = []continuum.Domain{{Name: "Number", Category: continuum.Academic}}
	c.Method = continuum.Method{Kind: continuum.Mean}
	if scale != nil {
		c.Scale = *scale
	}
	var ts []continuum.Target
	for i := 1; i <= 5; i++ {
		ts = append(ts, continuum.Target{Code: fmt.Sprintf("A%d", i), Statement: "I can", Domain: "Number", Level: "1", Order: i, EvidenceRequired: 1})
	}
	g, err := continuum.NewGraph(c, ts)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// scores gives student S1 evidence on each target: the target's code,
// then its scores, all on 2026-10-01 unless a date is in the list.
func scores(byTarget map[string][]float64) []continuum.Evidence {
	var ev []continuum.Evidence
	id := uint64(1)
	for code, ss := range byTarget {
		for _, s := range ss {
			ev = append(ev, continuum.Evidence{ID: id, Continuum: "m", Student: "S1", Target: code, Date: continuum.MustParseDate("2026-10-01"), Score: s})
			id++
		}
	}
	return ev
}

func std(rule continuum.CardRule, targets ...string) continuum.CardStandard {
	return continuum.CardStandard{Code: "MA.NS", Name: "Number sense", Targets: targets, Rule: rule}
}

var bands = []continuum.CardBand{{MinPercent: 90, Level: 4}, {MinPercent: 60, Level: 3}, {MinPercent: 30, Level: 2}, {MinPercent: 0, Level: 1}}

func TestRollUpRules(t *testing.T) {
	on := continuum.MustParseDate("2026-12-01")
	halfScale := continuum.Scale{Cut: 3, Points: []continuum.ScalePoint{
		{Value: 1, Label: "Beginning"}, {Value: 1.5, Label: "Beginning+"}, {Value: 2, Label: "Developing"}, {Value: 2.5, Label: "Developing+"},
		{Value: 3, Label: "Proficient"}, {Value: 3.5, Label: "Proficient+"}, {Value: 4, Label: "Extending"}}}
	threeScale := continuum.Scale{Cut: 2, Points: []continuum.ScalePoint{
		{Value: 1, Label: "Beginning"}, {Value: 2, Label: "Meeting"}, {Value: 3, Label: "Exceeding"}}}
	bandsStd := std(continuum.RuleBands, "A1", "A2", "A3", "A4", "A5")
	bandsStd.Bands = bands
	noZeroBand := std(continuum.RuleBands, "A1", "A2")
	noZeroBand.Bands = bands[:3]
	cases := []struct {
		name     string
		scale    *continuum.Scale
		standard continuum.CardStandard
		ev       map[string][]float64
		want     float64 // 0: no level
		label    string
		why      string
	}{
		{"most frequent", nil, std(continuum.RuleMostFrequent, "A1", "A2", "A3"),
			map[string][]float64{"A1": {3}, "A2": {3}, "A3": {2}}, 3, "Proficient",
			"A1 Proficient, A2 Proficient, A3 Developing: most frequent level Proficient"},
		{"most frequent, a tie goes to the lower level; no evidence is left out", nil, std(continuum.RuleMostFrequent, "A1", "A2", "A3", "A4", "A5"),
			map[string][]float64{"A1": {3}, "A2": {2}, "A3": {2, 4}, "A5": {2}}, 2, "Developing",
			"A1 Proficient, A2 Developing, A3 Proficient, A4 no evidence, A5 Developing: most frequent level Developing"},
		{"mean rounded down: 3, 2 is 2.5, gives 2", nil, std(continuum.RuleMeanDown, "A1", "A2"),
			map[string][]float64{"A1": {3}, "A2": {2}}, 2, "Developing",
			"A1 Proficient, A2 Developing: mean 2.5, rounded down: Developing"},
		{"mean: a target's own half point (2, 3 → 2.5) counts as 2", nil, std(continuum.RuleMeanDown, "A1", "A2"),
			map[string][]float64{"A1": {2, 3}, "A2": {3}}, 2, "Developing",
			"A1 Developing, A2 Proficient: mean 2.5, rounded down: Developing"},
		{"mean on a scale with half points keeps 2.5", &halfScale, std(continuum.RuleMeanDown, "A1", "A2"),
			map[string][]float64{"A1": {3}, "A2": {2}}, 2.5, "Developing+",
			"A1 Proficient, A2 Developing: mean 2.5, rounded down: Developing+"},
		{"mean of 4, 4, 3 is 3.66, gives 3", nil, std(continuum.RuleMeanDown, "A1", "A2", "A3"),
			map[string][]float64{"A1": {4}, "A2": {4}, "A3": {3}}, 3, "Proficient",
			"A1 Extending, A2 Extending, A3 Proficient: mean 3.66, rounded down: Proficient"},
		{"lowest", nil, std(continuum.RuleLowest, "A1", "A2", "A3"),
			map[string][]float64{"A1": {4}, "A2": {3}, "A3": {1, 2}}, 1, "Beginning",
			"A1 Extending, A2 Proficient, A3 Beginning: lowest level Beginning"},
		{"bands: 3 of 5 mastered is 60%, the 60% band", nil, bandsStd,
			map[string][]float64{"A1": {3}, "A2": {4}, "A3": {3}, "A4": {2}, "A5": {1}}, 3, "Proficient",
			"A1 Proficient, mastered, A2 Extending, mastered, A3 Proficient, mastered, A4 Developing, not yet, A5 Beginning, not yet: 3 of 5 mastered (60%), in the band from 60%: Proficient"},
		{"bands: targets without evidence are not counted (2 of 2 is 100%)", nil, bandsStd,
			map[string][]float64{"A1": {3}, "A2": {4}}, 4, "Extending",
			"A1 Proficient, mastered, A2 Extending, mastered, A3 no evidence, A4 no evidence, A5 no evidence: 2 of 2 mastered (100%), in the band from 90%: Extending"},
		{"bands: below every band gives the lowest point", nil, noZeroBand,
			map[string][]float64{"A1": {2}, "A2": {1}}, 1, "Beginning",
			"A1 Developing, not yet, A2 Beginning, not yet: 0 of 2 mastered (0%), below every band: Beginning"},
		{"no evidence at all", nil, std(continuum.RuleMostFrequent, "A1", "A2"),
			nil, 0, "",
			"A1 no evidence, A2 no evidence: none of its targets has a level yet"},
		{"a code the continuum lacks is named and left out", nil, std(continuum.RuleLowest, "A1", "ZZ.9"),
			map[string][]float64{"A1": {3}}, 3, "Proficient",
			"A1 Proficient, ZZ.9 not a target of Math: lowest level Proficient"},
		{"a 3-point scale, most frequent", &threeScale, std(continuum.RuleMostFrequent, "A1", "A2", "A3"),
			map[string][]float64{"A1": {3}, "A2": {2}, "A3": {3}}, 3, "Exceeding",
			"A1 Exceeding, A2 Meeting, A3 Exceeding: most frequent level Exceeding"},
		{"a 3-point scale, mean 1.66 gives 1", &threeScale, std(continuum.RuleMeanDown, "A1", "A2", "A3"),
			map[string][]float64{"A1": {1}, "A2": {2}, "A3": {2}}, 1, "Beginning",
			"A1 Beginning, A2 Meeting, A3 Meeting: mean 1.66, rounded down: Beginning"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			g := rollGraph(t, tc.scale)
			class := continuum.Class{Students: []continuum.Student{{ID: "S1", Name: "Ana"}}, Evidence: scores(tc.ev)}
			got := RollUp(g, continuum.ReportCard{Standards: []continuum.CardStandard{tc.standard}}, class, on)
			if len(got) != 1 {
				t.Fatalf("got %d levels, want 1", len(got))
			}
			cl := got[0]
			if cl.HasLevel != (tc.want != 0) || cl.Level != tc.want || cl.Label != tc.label {
				t.Errorf("level = %v %v %q, want %v %q", cl.HasLevel, cl.Level, cl.Label, tc.want, tc.label)
			}
			if cl.Why != tc.why {
				t.Errorf("why =\n%s\nwant\n%s", cl.Why, tc.why)
			}
		})
	}
}

func TestRollUpOverridesAndDates(t *testing.T) {
	g := rollGraph(t, nil)
	on := continuum.MustParseDate("2026-12-01")
	ev := scores(map[string][]float64{"A1": {2}, "A2": {4}, "A3": {3}})
	// Evidence after the day asked for does not count.
	ev = append(ev, continuum.Evidence{ID: 99, Continuum: "m", Student: "S1", Target: "A3", Date: continuum.MustParseDate("2026-12-15"), Score: 1})
	ovs := []continuum.Override{
		{Continuum: "m", Student: "S1", Target: "A1", Mastered: true, Reason: "showed it in the project", Date: continuum.MustParseDate("2026-11-01")},
		{Continuum: "m", Student: "S1", Target: "A2", Mastered: false, Reason: "copied", Date: continuum.MustParseDate("2026-11-01")},
		{Continuum: "m", Student: "S1", Target: "A4", Mastered: true, Reason: "interview", Date: continuum.MustParseDate("2026-11-02")},
		// An override after the day asked for does not count yet.
		{Continuum: "m", Student: "S1", Target: "A3", Mastered: false, Reason: "later", Date: continuum.MustParseDate("2026-12-10")},
	}
	card := continuum.ReportCard{Standards: []continuum.CardStandard{std(continuum.RuleLowest, "A1", "A2", "A3", "A4", "A5")}}
	class := continuum.Class{Students: []continuum.Student{{ID: "S1", Name: "Ana"}}, Evidence: ev, Overrides: ovs}
	got := RollUp(g, card, class, on)
	want := "A1 Proficient (override), A2 Developing (override), A3 Proficient, A4 Proficient (override), A5 no evidence: lowest level Developing"
	if len(got) != 1 || got[0].Why != want || got[0].Level != 2 {
		t.Fatalf("got %+v\nwant %s", got, want)
	}
	// Given the whole term, the later score and override count.
	got = RollUp(g, card, class, continuum.MustParseDate("2026-12-31"))
	want = "A1 Proficient (override), A2 Developing (override), A3 Developing (override), A4 Proficient (override), A5 no evidence: lowest level Developing"
	if got[0].Why != want {
		t.Fatalf("why = %s\nwant %s", got[0].Why, want)
	}
}

func TestLevelOf(t *testing.T) {
	s := continuum.DefaultScale()
	cases := []struct {
		name string
		m    continuum.Mastery
		want float64 // 0: no level
		note string
	}{
		{"evidence 3.48 gives 3", continuum.Mastery{Count: 2, Value: 3.48, HasValue: true, Mastered: true}, 3, ""},
		{"evidence 2.99 gives 2", continuum.Mastery{Count: 2, Value: 2.99, HasValue: true}, 2, ""},
		{"a floating mean just under 3 gives 3", continuum.Mastery{Count: 3, Value: 2.9999999999, HasValue: true, Mastered: true}, 3, ""},
		{"override mastered over evidence 4 keeps 4", continuum.Mastery{Count: 1, Value: 4, HasValue: true, Mastered: true, Source: continuum.FromOverride}, 4, "override"},
		{"override mastered over evidence 1.5 gives the cut 3", continuum.Mastery{Count: 1, Value: 1.5, HasValue: true, Mastered: true, Source: continuum.FromOverride}, 3, "override"},
		{"override not yet with no evidence gives 2", continuum.Mastery{Source: continuum.FromOverride}, 2, "override"},
		{"override not yet over evidence 1 keeps 1", continuum.Mastery{Count: 1, Value: 1, HasValue: true, Source: continuum.FromOverride}, 1, "override"},
		{"placement gives the cut", continuum.Mastery{Mastered: true, Source: continuum.FromPlacement}, 3, "placement"},
		{"evidence without a result yet", continuum.Mastery{Count: 1}, 0, "no result yet"},
		{"no evidence", continuum.Mastery{}, 0, "no evidence"},
	}
	for _, tc := range cases {
		got := LevelOf(&s, tc.m)
		if got.HasLevel != (tc.want != 0) || got.Level != tc.want || got.Note != tc.note {
			t.Errorf("%s: got %+v, want level %v note %q", tc.name, got, tc.want, tc.note)
		}
	}
}

func TestRollUpOrder(t *testing.T) {
	g := rollGraph(t, nil)
	card := continuum.ReportCard{Standards: []continuum.CardStandard{
		{Code: "B", Targets: []string{"A1"}, Rule: continuum.RuleLowest},
		{Code: "A", Targets: []string{"a1"}, Rule: continuum.RuleMostFrequent},
	}}
	class := continuum.Class{Students: []continuum.Student{{ID: "S2", Name: "Bo"}, {ID: "S1", Name: "Ana"}}, Evidence: scores(map[string][]float64{"A1": {4}})}
	got := RollUp(g, card, class, continuum.Date{})
	var order []string
	for _, cl := range got {
		order = append(order, cl.Student.ID+"/"+cl.Standard.Code+"/"+cl.Label)
	}
	want := "[S2/B/ S2/A/ S1/B/Extending S1/A/Extending]"
	if fmt.Sprint(order) != want {
		t.Errorf("order = %v, want %s", order, want)
	}
	if got[3].Targets[0].Code != "A1" {
		t.Errorf("a code written in other capitals should read as the continuum has it, got %q", got[3].Targets[0].Code)
	}
}
