package palette

import (
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

func TestForMastery(t *testing.T) {
	s := continuum.DefaultScale()
	tests := []struct {
		name string
		m    continuum.Mastery
		want string
	}{
		{"no evidence", continuum.Mastery{}, Hex(NoEvidence)},
		{"placed", continuum.Mastery{Mastered: true, Source: continuum.FromPlacement}, Hex(Placement)},
		{"value 4", continuum.Mastery{Count: 2, HasValue: true, Value: 4, Mastered: true}, "#2E8B57"},
		{"override to not yet over a 4", continuum.Mastery{Count: 1, HasValue: true, Value: 4, Source: continuum.FromOverride}, "#F2A93C"},
		{"override to mastered with no evidence", continuum.Mastery{Mastered: true, Source: continuum.FromOverride}, "#A8D5A2"},
		{"evidence but no result (n-mastery)", continuum.Mastery{Count: 1}, "#F6C9B4"},
	}
	for _, tt := range tests {
		if got := Hex(ForMastery(tt.m, &s)); got != tt.want {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}

func TestKeyFollowsTheScale(t *testing.T) {
	s := continuum.DefaultScale()
	k := Key(&s)
	if len(k) != 7 || k[2].Label != "3 Proficient (mastered)" || k[0].Label != "1 Beginning" || !k[5].Outlined {
		t.Errorf("key %+v", k)
	}
}
