package continuum

import "testing"

// TestNeedsMoreEvidence: only a judgement that the evidence alone decided,
// whose value meets the cut but with fewer demonstrations than required,
// needs more evidence.
func TestNeedsMoreEvidence(t *testing.T) {
	scale := DefaultScale()
	latest := Method{Kind: Latest}
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
		{"a 3 where 2 pieces are needed", Judge(latest, &scale, 2, ev(3)), true},
		{"a 4 where 3 pieces are needed, 2 given", Judge(latest, &scale, 3, ev(2, 4)), true},
		{"a 3 twice where 2 are needed: mastered", Judge(latest, &scale, 2, ev(3, 3)), false},
		{"a 2 where 2 are needed: below the cut", Judge(latest, &scale, 2, ev(2)), false},
		{"no evidence", Judge(latest, &scale, 2, nil), false},
		{"no result yet (2 at the cut needed, 1 given)", Judge(Method{Kind: NMastery, Times: 2}, &scale, 2, ev(3)), false},
		{"overridden to not yet over a lone 3", Mastery{Count: 1, HasValue: true, Value: 3, Source: FromOverride}, false},
		{"placed", Mastery{Mastered: true, Source: FromPlacement}, false},
	}
	for _, tt := range tests {
		if got := tt.m.NeedsMoreEvidence(&scale); got != tt.want {
			t.Errorf("%s: %+v needs more evidence = %v, want %v", tt.name, tt.m, got, tt.want)
		}
	}
}
