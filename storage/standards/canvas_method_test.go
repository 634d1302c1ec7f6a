package standards

import (
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// The reference computations below restate Canvas's rollups
// (app/models/rollup_score.rb) step by step, scores oldest first, so the
// mapping is checked against what Canvas computes, not against itself.

// canvasRefWeighted is Canvas's decaying_average: the latest score
// weighted n%, the mean of the earlier ones (100-n)%.
func canvasRefWeighted(scores []float64, n int) float64 {
	latest := scores[len(scores)-1]
	older := scores[:len(scores)-1]
	if len(older) == 0 {
		return latest
	}
	sum := 0.0
	for _, s := range older {
		sum += s
	}
	return latest*(0.01*float64(n)) + sum/float64(len(older))*(0.01*float64(100-n))
}

// canvasRefStandard is Canvas's standard_decaying_average: over each
// consecutive pair, avg = avg*(100-n)% + next*n%.
func canvasRefStandard(scores []float64, n int) float64 {
	if len(scores) == 1 {
		return scores[0]
	}
	var avg float64
	for i := 0; i+1 < len(scores); i++ {
		if i == 0 {
			avg = scores[0]*(0.01*float64(100-n)) + scores[1]*(0.01*float64(n))
		} else {
			avg = avg*(0.01*float64(100-n)) + scores[i+1]*(0.01*float64(n))
		}
	}
	return avg
}

// canvasRefNMastery is Canvas's n_mastery: the mean of the scores at or
// above mastery, once there are n of them.
func canvasRefNMastery(scores []float64, n int, mastery float64) (float64, bool) {
	var at []float64
	for _, s := range scores {
		if s >= mastery {
			at = append(at, s)
		}
	}
	if len(at) < n {
		return 0, false
	}
	sum := 0.0
	for _, s := range at {
		sum += s
	}
	return sum / float64(len(at)), true
}

func TestCanvasMethodMatchesCanvasComputation(t *testing.T) {
	scale := continuum.Scale{Points: []continuum.ScalePoint{{Value: 0, Label: "a"}, {Value: 1, Label: "b"}, {Value: 2, Label: "c"}, {Value: 3, Label: "d"}, {Value: 4, Label: "e"}, {Value: 5, Label: "f"}}, Cut: 3}
	// Canvas's own spec: the legacy decaying average of 1..5 at 65 is
	// 5*0.65 + mean(1..4)*0.35 = 4.125; the standard one is 4.47 rounded.
	m, _ := canvasMethod("decaying_average", "65")
	if v, _ := m.Value([]float64{1, 2, 3, 4, 5}, &scale); math.Abs(v-4.125) > 1e-9 {
		t.Errorf("decaying_average 65 of 1..5 = %v, Canvas says 4.125", v)
	}
	m, _ = canvasMethod("standard_decaying_average", "65")
	if v, _ := m.Value([]float64{1, 2, 3, 4, 5}, &scale); math.Round(v*100)/100 != 4.47 {
		t.Errorf("standard_decaying_average 65 of 1..5 = %v, Canvas says 4.47", v)
	}
	rng := rand.New(rand.NewPCG(7, 11))
	for range 500 {
		scores := make([]float64, 1+rng.IntN(8))
		for i := range scores {
			scores[i] = float64(rng.IntN(6))
		}
		n := 1 + rng.IntN(99)
		m, _ := canvasMethod("decaying_average", strconv.Itoa(n))
		if v, _ := m.Value(scores, &scale); math.Abs(v-canvasRefWeighted(scores, n)) > 1e-9 {
			t.Fatalf("decaying_average %d of %v: %v, Canvas %v", n, scores, v, canvasRefWeighted(scores, n))
		}
		n = 50 + rng.IntN(50)
		m, _ = canvasMethod("standard_decaying_average", strconv.Itoa(n))
		if v, _ := m.Value(scores, &scale); math.Abs(v-canvasRefStandard(scores, n)) > 1e-9 {
			t.Fatalf("standard_decaying_average %d of %v: %v, Canvas %v", n, scores, v, canvasRefStandard(scores, n))
		}
		n = 1 + rng.IntN(10)
		m, _ = canvasMethod("n_mastery", strconv.Itoa(n))
		v, ok := m.Value(scores, &scale)
		want, wantOK := canvasRefNMastery(scores, n, scale.Cut)
		if ok != wantOK || (ok && math.Abs(v-want) > 1e-9) {
			t.Fatalf("n_mastery %d of %v: %v %v, Canvas %v %v", n, scores, v, ok, want, wantOK)
		}
	}
}

func TestCanvasMethodBothWays(t *testing.T) {
	// Every method and parameter Canvas takes maps to a method of ours and
	// back to itself; weighted_average is written by its older name.
	type pair struct{ name, n string }
	var all []pair
	for _, name := range []string{canvasLatest, canvasHighest, canvasAverage} {
		all = append(all, pair{name, ""})
	}
	for name, p := range canvasParams {
		for n := p.min; n <= p.max; n++ {
			all = append(all, pair{name, strconv.Itoa(n)})
		}
	}
	for _, in := range all {
		m, problems := canvasMethod(in.name, in.n)
		if m == nil || len(problems) > 0 {
			t.Fatalf("%s %s: %v %v", in.name, in.n, m, problems)
		}
		if err := m.Validate(); err != nil {
			t.Fatalf("%s %s: %v", in.name, in.n, err)
		}
		name, n, err := canvasMethodOf(*m)
		want := in.name
		if want == canvasWeighted {
			want = canvasDecaying
		}
		if err != nil || name != want || n != in.n {
			t.Errorf("%s %s → %s → %s %s %v", in.name, in.n, m, name, n, err)
		}
	}
}

func TestCanvasMethodOfRefuses(t *testing.T) {
	for _, tc := range []struct {
		m    continuum.Method
		want string
	}{
		{continuum.Method{Kind: continuum.RecentMean}, "no calculation method like Mean of most recent"},
		{continuum.Method{Kind: continuum.Mode}, "no calculation method like Mode"},
		{continuum.Method{Kind: continuum.PowerLaw}, "no calculation method like Power law"},
		{continuum.Method{Kind: continuum.DecayingAverage, DecayRate: 0.3}, "from 50% to 99%, not 30%"},
		{continuum.Method{Kind: continuum.DecayingAverage, DecayRate: 1}, "not 100%"},
		{continuum.Method{Kind: continuum.WeightedLatest, LatestWeight: 0.655}, "whole percentage from 1% to 99%, not 65.5%"},
		{continuum.Method{Kind: continuum.NMastery, Times: 11}, "at most 10 times, not 11"},
	} {
		if _, _, err := canvasMethodOf(tc.m); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: %v, want %q", tc.m, err, tc.want)
		}
	}
	for _, tc := range []struct {
		m       continuum.Method
		name, n string
	}{
		{continuum.Method{}, "", ""},
		{continuum.Method{Kind: continuum.DecayingAverage}, canvasStandardDecaying, "65"},
		{continuum.Method{Kind: continuum.WeightedLatest, LatestWeight: 0.07}, canvasDecaying, "7"},
		{continuum.Method{Kind: continuum.NMastery}, canvasNMastery, "2"},
	} {
		if name, n, err := canvasMethodOf(tc.m); err != nil || name != tc.name || n != tc.n {
			t.Errorf("%s: %s %s %v, want %s %s", tc.m, name, n, err, tc.name, tc.n)
		}
	}
}
