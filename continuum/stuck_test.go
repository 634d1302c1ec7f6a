package continuum

import "testing"

// TestStuck: a student is stuck when evidence is recorded and the target
// is not mastered, unless the evidence meets the cut and only more
// demonstrations are missing. The default scale's cut is 3.
func TestStuck(t *testing.T) {
	scale := DefaultScale()
	latest := Method{Kind: Latest}
	mean := Method{Kind: Mean}
	ev := func(scores ...float64) []Evidence {
		out := make([]Evidence, len(scores))
		for i, s := range scores {
			out[i] = Evidence{ID: uint64(i + 1), Target: "NO.2.2", Date: NewDate(2026, 11, 1+i), Score: s}
		}
		return out
	}
	tests := []struct {
		name string
		m    Mastery
		want bool
	}{
		{"a lone 2 where 2 pieces are needed: below the cut", Judge(latest, &scale, 2, ev(2)), true},
		{"a lone 3 where 2 pieces are needed: needs more evidence", Judge(latest, &scale, 2, ev(3)), false},
		{"2 then 4 where 3 pieces are needed: needs more evidence", Judge(latest, &scale, 3, ev(2, 4)), false},
		{"1, 2, 2 (mean 1.67) where 1 piece is needed", Judge(mean, &scale, 1, ev(1, 2, 2)), true},
		{"2, 4 (mean 3) where 1 piece is needed: mastered", Judge(mean, &scale, 1, ev(2, 4)), false},
		{"no evidence", Judge(latest, &scale, 2, nil), false},
		{"overridden to not yet over a lone 3", Mastery{Count: 1, HasValue: true, Value: 3, Source: FromOverride}, true},
		{"overridden to mastered over a 1", Mastery{Count: 1, HasValue: true, Value: 1, Mastered: true, Source: FromOverride}, false},
		{"placed, no evidence", Mastery{Mastered: true, Source: FromPlacement}, false},
	}
	for _, tt := range tests {
		if got := tt.m.Stuck(&scale); got != tt.want {
			t.Errorf("%s: %+v stuck = %v, want %v", tt.name, tt.m, got, tt.want)
		}
	}
}
