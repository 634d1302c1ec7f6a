package continuum

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

func cardFor(standards ...CardStandard) *ReportCard { return &ReportCard{Standards: standards} }

func TestReportCardValidate(t *testing.T) {
	scale := DefaultScale()
	bands := []CardBand{{90, 4}, {60, 3}, {0, 1}}
	cases := []struct {
		name string
		card *ReportCard
		want string // "" when valid
	}{
		{"valid", cardFor(CardStandard{Code: "MA.NS", Targets: []string{"A1", "A2"}, Rule: RuleMeanDown},
			CardStandard{Code: "MA.PS", Targets: []string{"A2"}, Rule: RuleBands, Bands: bands}), ""},
		{"a target in two standards is allowed", cardFor(CardStandard{Code: "X", Targets: []string{"A1"}, Rule: RuleLowest},
			CardStandard{Code: "Y", Targets: []string{"a1"}, Rule: RuleLowest}), ""},
		{"no code", cardFor(CardStandard{Targets: []string{"A1"}, Rule: RuleLowest}), "report-card standard 1 has no code"},
		{"code twice", cardFor(CardStandard{Code: "X", Targets: []string{"A1"}, Rule: RuleLowest},
			CardStandard{Code: "x", Targets: []string{"A2"}, Rule: RuleLowest}), "report-card standard x appears twice (standards 1 and 2)"},
		{"no targets", cardFor(CardStandard{Code: "X", Rule: RuleLowest}), "report-card standard X lists no targets"},
		{"a target twice", cardFor(CardStandard{Code: "X", Targets: []string{"A1", "a1 "}, Rule: RuleLowest}), "lists a1 twice"},
		{"a bad target code", cardFor(CardStandard{Code: "X", Targets: []string{"A/1"}, Rule: RuleLowest}), `"A/1" is not a target code`},
		{"unknown rule", cardFor(CardStandard{Code: "X", Targets: []string{"A1"}, Rule: "median"}), `"median" is not a roll-up rule`},
		{"bands without the bands rule", cardFor(CardStandard{Code: "X", Targets: []string{"A1"}, Rule: RuleLowest, Bands: bands}), "has bands but its rule is Lowest level"},
		{"bands rule without bands", cardFor(CardStandard{Code: "X", Targets: []string{"A1"}, Rule: RuleBands}), "uses the bands rule but has no bands"},
		{"a band off the scale", cardFor(CardStandard{Code: "X", Targets: []string{"A1"}, Rule: RuleBands, Bands: []CardBand{{50, 2.5}}}), "gives 2.5, which is not on the scale"},
		{"a band over 100%", cardFor(CardStandard{Code: "X", Targets: []string{"A1"}, Rule: RuleBands, Bands: []CardBand{{120, 4}}}), "120% is not a share from 0 to 100%"},
		{"two bands from one share", cardFor(CardStandard{Code: "X", Targets: []string{"A1"}, Rule: RuleBands, Bands: []CardBand{{50, 4}, {50, 3}}}), "two bands from 50%"},
	}
	for _, tc := range cases {
		err := tc.card.Validate(&scale)
		switch {
		case tc.want == "" && err != nil:
			t.Errorf("%s: %v", tc.name, err)
		case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want) || !errors.Is(err, ErrInvalid)):
			t.Errorf("%s: got %v, want an invalid error with %q", tc.name, err, tc.want)
		}
	}
	// The continuum checks its card against its own scale.
	c := NewContinuum("Math", "1")
	c.ReportCard = cardFor(CardStandard{Code: "X", Targets: []string{"A1"}, Rule: RuleBands, Bands: []CardBand{{50, 5}}})
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "not on the scale") {
		t.Errorf("continuum with a band off its scale: %v", err)
	}
}

func TestReportCardCheckTargets(t *testing.T) {
	c := NewContinuum("Math", "1")
	c.Domains = []Domain{{Name: "N", Category: Academic}}
	g, err := NewGraph(c, []Target{{Code: "A1", Statement: "I can", Domain: "N", Level: "1", Order: 1}})
	if err != nil {
		t.Fatal(err)
	}
	ok := cardFor(CardStandard{Code: "X", Targets: []string{"a1"}, Rule: RuleLowest})
	if err := ok.CheckTargets(g); err != nil {
		t.Errorf("known target (other capitals): %v", err)
	}
	bad := cardFor(CardStandard{Code: "X", Targets: []string{"A1", "B7"}, Rule: RuleLowest})
	err = bad.CheckTargets(g)
	if err == nil || !errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "report-card standard X names B7, which is not a target of Math") {
		t.Errorf("unknown target: %v", err)
	}
}

func TestCardRuleWords(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range CardRules {
		e := r.Explain()
		if seen[e] || !strings.HasSuffix(e, ".") || strings.Count(e, ". ") > 0 {
			t.Errorf("%s: explanation %q should be one sentence of its own", r, e)
		}
		seen[e] = true
		for _, text := range []string{string(r), r.Label(), strings.ToUpper(r.Label())} {
			if got, err := ParseCardRule(text); err != nil || got != r {
				t.Errorf("ParseCardRule(%q) = %q, %v; want %q", text, got, err, r)
			}
		}
	}
	for text, want := range map[string]CardRule{"mode": RuleMostFrequent, "mean rounded down": RuleMeanDown, "Average": RuleMeanDown,
		"minimum": RuleLowest, "percent mastered": RuleBands, "most_frequent": RuleMostFrequent} {
		if got, err := ParseCardRule(text); err != nil || got != want {
			t.Errorf("ParseCardRule(%q) = %q, %v; want %q", text, got, err, want)
		}
	}
	if _, err := ParseCardRule("median"); err == nil || !strings.Contains(err.Error(), "expected most-frequent, mean, lowest or bands") {
		t.Errorf("unknown rule: %v", err)
	}
}

func TestBandsText(t *testing.T) {
	scale := DefaultScale()
	bands := []CardBand{{0, 1}, {90, 4}, {30, 2}, {60, 3}}
	text := FormatBands(bands)
	if text != "90%=4; 60%=3; 30%=2; 0%=1" {
		t.Fatalf("FormatBands = %q", text)
	}
	back, err := ParseBands(text, &scale)
	if err != nil || !reflect.DeepEqual(back, []CardBand{{90, 4}, {60, 3}, {30, 2}, {0, 1}}) {
		t.Fatalf("ParseBands(%q) = %v, %v", text, back, err)
	}
	loose, err := ParseBands(" ≥90% : Extending, 60=3 ; else=Beginning", &scale)
	if err != nil || !reflect.DeepEqual(loose, []CardBand{{90, 4}, {60, 3}, {0, 1}}) {
		t.Errorf("lenient bands = %v, %v", loose, err)
	}
	for _, bad := range []string{"90%", "lots=4", "90%=7"} {
		if _, err := ParseBands(bad, &scale); err == nil || !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseBands(%q): %v, want invalid", bad, err)
		}
	}
	if got, err := ParseBands("", &scale); err != nil || got != nil {
		t.Errorf("empty bands: %v, %v", got, err)
	}
}

func TestReportCardFollowsTargets(t *testing.T) {
	card := cardFor(CardStandard{Code: "X", Targets: []string{"A1", "A2"}, Rule: RuleLowest},
		CardStandard{Code: "Y", Targets: []string{"a1"}, Rule: RuleLowest})
	renamed, changed := card.RenameTarget("A1", "NO.1.1")
	if !changed || !reflect.DeepEqual(renamed.Standards[0].Targets, []string{"NO.1.1", "A2"}) || renamed.Standards[1].Targets[0] != "NO.1.1" {
		t.Errorf("rename: %+v, %v", renamed, changed)
	}
	if card.Standards[0].Targets[0] != "A1" {
		t.Error("rename changed the original card")
	}
	if _, changed := card.RenameTarget("B9", "B10"); changed {
		t.Error("rename of a target the card does not name changed it")
	}
	without, changed := card.WithoutTarget("a1")
	if !changed || len(without.Standards) != 1 || !reflect.DeepEqual(without.Standards[0].Targets, []string{"A2"}) {
		t.Errorf("without A1: %+v, %v (a standard left with no target goes)", without, changed)
	}
	if len(card.Standards) != 2 {
		t.Error("WithoutTarget changed the original card")
	}
	var none *ReportCard
	if r, ch := none.RenameTarget("A", "B"); r != nil || ch {
		t.Error("a nil card renamed into something")
	}
}

func TestScalePointAtOrBelow(t *testing.T) {
	s := DefaultScale()
	for v, want := range map[float64]float64{0.5: 1, 1: 1, 2.99: 2, 2.9999999999: 3, 3.48: 3, 4: 4, 9: 4} {
		if got := s.PointAtOrBelow(v).Value; got != want {
			t.Errorf("PointAtOrBelow(%v) = %v, want %v", v, got, want)
		}
	}
	for v, want := range map[float64]float64{3: 2, 2.5: 2, 1: 1, 4.5: 4} {
		if got := s.PointBelow(v).Value; got != want {
			t.Errorf("PointBelow(%v) = %v, want %v", v, got, want)
		}
	}
}

func TestReportCardAddRow(t *testing.T) {
	scale := DefaultScale()
	var card ReportCard
	rows := []CardRow{
		{Standard: "MA.NS", Name: "Number", Rule: "mode", Targets: "A1; A2"},
		{},
		{Standard: "ma.ns", Targets: "A3,\nA4"},
		{Standard: "MA.PS", Rule: "bands", Targets: "B1", Bands: "50%=3; else=1"},
	}
	for i, r := range rows {
		if err := card.AddRow(r, &scale); err != nil {
			t.Fatalf("row %d: %v", i, err)
		}
	}
	want := []CardStandard{
		{Code: "MA.NS", Name: "Number", Targets: []string{"A1", "A2", "A3", "A4"}, Rule: RuleMostFrequent},
		{Code: "MA.PS", Targets: []string{"B1"}, Rule: RuleBands, Bands: []CardBand{{50, 3}, {0, 1}}},
	}
	if !reflect.DeepEqual(card.Standards, want) {
		t.Fatalf("card %+v\nwant %+v", card.Standards, want)
	}
	for _, tc := range []struct {
		row   CardRow
		field string
		msg   string
	}{
		{CardRow{Targets: "A1"}, "reportcard.standard", "is empty; expected the standard's code"},
		{CardRow{Standard: "X", Targets: "A1"}, "reportcard.rule", "is empty for standard X"},
		{CardRow{Standard: "MA.NS", Name: "Numbers"}, "reportcard.standard", `standard MA.NS is named "Number" above and "Numbers" here`},
		{CardRow{Standard: "MA.NS", Rule: "lowest"}, "reportcard.rule", "has the rule most-frequent above and lowest here"},
		{CardRow{Standard: "MA.PS", Bands: "60%=3"}, "reportcard.bands", "has other bands above"},
		{CardRow{Standard: "Y", Rule: "bands", Bands: "lots"}, "reportcard.bands", `"lots" is not a band`},
	} {
		err := card.AddRow(tc.row, &scale)
		if ErrorField(err) != tc.field || !strings.Contains(ErrorMessage(err), tc.msg) {
			t.Errorf("%+v: got %v (field %q), want %s: %s", tc.row, err, ErrorField(err), tc.field, tc.msg)
		}
	}
}

func FuzzParseBands(f *testing.F) {
	for _, s := range []string{"90%=4; 60%=3; 30%=2; 0%=1", "else=Beginning", "≥90% : Extending, 60=3", "=;=", "1e400%=4", "NaN=3"} {
		f.Add(s)
	}
	scale := DefaultScale()
	f.Fuzz(func(t *testing.T, s string) {
		bands, err := ParseBands(s, &scale)
		if err != nil {
			return
		}
		back, err := ParseBands(FormatBands(bands), &scale)
		if err != nil || len(back) != len(bands) {
			t.Fatalf("%q: bands %v written %q read back %v, %v", s, bands, FormatBands(bands), back, err)
		}
		card := ReportCard{Standards: []CardStandard{{Code: "X", Targets: []string{"A"}, Rule: RuleBands, Bands: bands}}}
		_ = card.Validate(&scale) // must not panic
	})
}
