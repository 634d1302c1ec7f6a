package palette

import (
	"image/color"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

func TestForValue(t *testing.T) {
	s := continuum.DefaultScale()
	tests := []struct {
		v    float64
		want string
	}{
		{1, "#F6C9B4"},     // lowest point: lightest amber
		{2.999, "#F2A93B"}, // just under the cut: nearly full amber
		{3, "#A8D5A2"},     // the cut: lightest green
		{4, "#2E8B57"},     // top: darkest green
		{3.5, "#6BB07D"},   // halfway up the mastered band
	}
	for _, tt := range tests {
		if got := Hex(ForValue(tt.v, &s)); got != tt.want {
			t.Errorf("ForValue(%v) = %s, want %s", tt.v, got, tt.want)
		}
	}
}

// TestForMastery colours every kind of judgement: the judgement decides
// the colour (mastered, not yet, more evidence needed, no evidence,
// placed), the value only its shade.
func TestForMastery(t *testing.T) {
	s := continuum.DefaultScale()
	latest := continuum.Method{Kind: continuum.Latest}
	one := func(score float64) []continuum.Evidence {
		return []continuum.Evidence{{ID: 1, Target: "NO.2.2", Date: continuum.NewDate(2026, 11, 2), Score: score}}
	}
	two := func(a, b float64) []continuum.Evidence {
		return append(one(a), continuum.Evidence{ID: 2, Target: "NO.2.2", Date: continuum.NewDate(2026, 11, 3), Score: b})
	}
	tests := []struct {
		name     string
		m        continuum.Mastery
		standing Standing
		want     string
	}{
		{"no evidence", continuum.Judge(latest, &s, 2, nil), StandingNoEvidence, Hex(NoEvidence)},
		{"mastered by value: a 4 after a 3, 2 needed", continuum.Judge(latest, &s, 2, two(3, 4)), StandingMastered, "#2E8B57"},
		{"mastered by value at the cut", continuum.Judge(latest, &s, 2, two(4, 3)), StandingMastered, "#A8D5A2"},
		{"meets the cut, needs more evidence: a lone 3, 2 needed", continuum.Judge(latest, &s, 2, one(3)), StandingNeedsEvidence, "#F0DC5A"},
		{"meets the cut, needs more evidence: a lone 4, 2 needed", continuum.Judge(latest, &s, 2, one(4)), StandingNeedsEvidence, "#F0DC5A"},
		{"a lone 3 where 1 is needed: mastered", continuum.Judge(latest, &s, 1, one(3)), StandingMastered, "#A8D5A2"},
		{"below the cut: a 2", continuum.Judge(latest, &s, 2, one(2)), StandingNotYet, "#F4B978"},
		{"below the cut: a 1 twice", continuum.Judge(latest, &s, 2, two(1, 1)), StandingNotYet, "#F6C9B4"},
		{"evidence but no result (n-mastery)", continuum.Judge(continuum.Method{Kind: continuum.NMastery}, &s, 2, one(3)), StandingNotYet, "#F6C9B4"},
		{"placed", continuum.Mastery{Mastered: true, Source: continuum.FromPlacement}, StandingPlaced, Hex(Placement)},
		{"override to mastered over a lone 3", continuum.Mastery{Count: 1, HasValue: true, Value: 3, Mastered: true, Source: continuum.FromOverride}, StandingMastered, "#A8D5A2"},
		{"override to mastered over a 2", continuum.Mastery{Count: 1, HasValue: true, Value: 2, Mastered: true, Source: continuum.FromOverride}, StandingMastered, "#A8D5A2"},
		{"override to mastered with no evidence", continuum.Mastery{Mastered: true, Source: continuum.FromOverride}, StandingMastered, "#A8D5A2"},
		{"override to not yet over a 4", continuum.Mastery{Count: 1, HasValue: true, Value: 4, Source: continuum.FromOverride}, StandingNotYet, "#F2A93C"},
		{"override to not yet with no evidence", continuum.Mastery{Source: continuum.FromOverride}, StandingNotYet, "#F2A93B"},
	}
	for _, tt := range tests {
		if got := StandingOf(tt.m, &s); got != tt.standing {
			t.Errorf("%s: standing %v, want %v", tt.name, got, tt.standing)
		}
		if got := Hex(ForMastery(tt.m, &s)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

// TestNeedsEvidenceStandsApart: "more evidence needed" is neither a
// mastered green nor a not-yet amber of any value on the scale.
func TestNeedsEvidenceStandsApart(t *testing.T) {
	s := continuum.DefaultScale()
	for v := s.Min(); v <= s.Max(); v += 0.05 {
		if ForValue(v, &s) == NeedsEvidence {
			t.Errorf("the value %v has the colour of 'more evidence needed'", v)
		}
	}
	for _, c := range []color.NRGBA{NoEvidence, Placement, Override} {
		if c == NeedsEvidence {
			t.Errorf("%s is also 'more evidence needed'", Hex(c))
		}
	}
}

func TestKeyFollowsTheScale(t *testing.T) {
	s := continuum.DefaultScale()
	k := Key(&s)
	if len(k) != 8 || k[2].Label != "3 Proficient (mastered)" || k[0].Label != "1 Beginning" || !k[6].Outlined {
		t.Errorf("key %+v", k)
	}
	needs := k[4]
	if needs.Label != "Not yet: meets the cut, needs more evidence" || needs.Color != NeedsEvidence || needs.Standing != StandingNeedsEvidence {
		t.Errorf("the 'more evidence needed' entry is %+v", needs)
	}
	for i, want := range []Standing{StandingNotYet, StandingNotYet, StandingMastered, StandingMastered, StandingNeedsEvidence, StandingNoEvidence, StandingMastered, StandingPlaced} {
		if k[i].Standing != want {
			t.Errorf("entry %d %q stands for %v, want %v", i, k[i].Label, k[i].Standing, want)
		}
	}
}
