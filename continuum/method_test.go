package continuum

import (
	"math"
	"testing"
)

func TestMethodValue(t *testing.T) {
	scale := DefaultScale()
	tests := []struct {
		name   string
		method Method
		scores []float64
		want   float64
		ok     bool
	}{
		{"latest", Method{Kind: Latest}, []float64{1, 2, 3, 4}, 4, true},
		{"latest after a dip", Method{Kind: Latest}, []float64{4, 2}, 2, true},
		{"highest", Method{Kind: Highest}, []float64{3, 4, 2}, 4, true},
		{"mean", Method{Kind: Mean}, []float64{1, 2, 3, 4}, 2.5, true},
		{"mean of 3,2,2,4,2", Method{Kind: Mean}, []float64{3, 2, 2, 4, 2}, 2.6, true},
		// D1=1, D2=.35*1+.65*2=1.65, D3=.35*1.65+.65*3=2.5275, D4=.35*2.5275+.65*4=3.484625
		{"decaying average 1,2,3,4 at 65%", Method{Kind: DecayingAverage}, []float64{1, 2, 3, 4}, 3.484625, true},
		// D1=4, D2=.5*4+.5*2=3
		{"decaying average at 50%", Method{Kind: DecayingAverage, DecayRate: 0.5}, []float64{4, 2}, 3, true},
		{"decaying average one score", Method{Kind: DecayingAverage}, []float64{2}, 2, true},
		// .65*4 + .35*mean(1,2,3) = 2.6 + .7
		{"weighted latest", Method{Kind: WeightedLatest}, []float64{1, 2, 3, 4}, 3.3, true},
		// .8*2 + .2*4
		{"weighted latest w=0.8", Method{Kind: WeightedLatest, LatestWeight: 0.8}, []float64{4, 2}, 2.4, true},
		{"weighted latest one score", Method{Kind: WeightedLatest}, []float64{3}, 3, true},
		{"recent mean of 3", Method{Kind: RecentMean}, []float64{1, 2, 3, 4}, 3, true},
		{"recent mean of 2", Method{Kind: RecentMean, Recent: 2}, []float64{1, 2, 3, 4}, 3.5, true},
		{"recent mean with fewer scores than N", Method{Kind: RecentMean}, []float64{2, 4}, 3, true},
		{"mode", Method{Kind: Mode}, []float64{3, 2, 2, 4, 2}, 2, true},
		{"mode tie goes higher", Method{Kind: Mode}, []float64{1, 2, 3, 4}, 4, true},
		{"mode tie of two pairs", Method{Kind: Mode}, []float64{3, 2, 3, 2}, 3, true},
		// scores at or above the cut 3: 3 and 4, two of them (n=2): mean 3.5
		{"n-mastery", Method{Kind: NMastery}, []float64{1, 2, 3, 4}, 3.5, true},
		{"n-mastery too few at cut", Method{Kind: NMastery}, []float64{3, 1, 2}, 0, false},
		{"n-mastery n=3", Method{Kind: NMastery, Times: 3}, []float64{3, 4, 3, 1}, 10.0 / 3, true},
		// log s = a + b log k over k=1..4 with s=k: a=0, b=1, fitted at 4 is 4
		{"power law on a perfect curve", Method{Kind: PowerLaw}, []float64{1, 2, 3, 4}, 4, true},
		// a=0.708339, b=0.454149: exp(a + b ln 4) = 3.811122
		{"power law 2,3,3,4", Method{Kind: PowerLaw}, []float64{2, 3, 3, 4}, 3.8111215, true},
		// a=1.422291, b=-0.607682: exp(a + b ln 3) = 2.126940
		{"power law falling", Method{Kind: PowerLaw}, []float64{4, 3, 2}, 2.1269400, true},
		{"power law one score", Method{Kind: PowerLaw}, []float64{3}, 3, true},
		{"power law flat", Method{Kind: PowerLaw}, []float64{3, 3, 3}, 3, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := tt.method.Value(tt.scores, &scale)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok && math.Abs(got-tt.want) > 1e-6 {
				t.Errorf("value = %.7f, want %.7f", got, tt.want)
			}
		})
	}
}

func TestMethodNoScores(t *testing.T) {
	scale := DefaultScale()
	for _, k := range MethodKinds {
		if _, ok := (Method{Kind: k}).Value(nil, &scale); ok {
			t.Errorf("%s gave a value with no scores", k)
		}
	}
}

func TestDecayingAverageRoundsTo348(t *testing.T) {
	scale := DefaultScale()
	v, _ := DefaultMethod().Value([]float64{1, 2, 3, 4}, &scale)
	if FormatScore(v) != "3.48" {
		t.Errorf("FormatScore = %s, want 3.48", FormatScore(v))
	}
}

func TestPowerLawOnScaleFromZero(t *testing.T) {
	// Given a 0-4 scale, zero scores must not break the logarithm: the
	// scores are shifted by 1 before the fit and back after.
	scale := Scale{Points: []ScalePoint{{0, "Not shown", ""}, {1, "B", ""}, {2, "D", ""}, {3, "P", ""}, {4, "E", ""}}, Cut: 3}
	got, ok := Method{Kind: PowerLaw}.Value([]float64{0, 1, 2, 3}, &scale)
	if !ok || math.Abs(got-3) > 1e-9 {
		t.Errorf("power law on 0,1,2,3 = %v %v, want 3", got, ok)
	}
}

func TestMethodExplainEveryKind(t *testing.T) {
	for _, k := range MethodKinds {
		m := Method{Kind: k}
		if m.Explain() == "" {
			t.Errorf("%s has no explanation", k)
		}
		if k.Label() == string(k) {
			t.Errorf("%s has no label", k)
		}
		got, err := ParseMethodKind(k.Label())
		if err != nil || got != k {
			t.Errorf("ParseMethodKind(%q) = %v, %v", k.Label(), got, err)
		}
	}
	if got := (Method{Kind: DecayingAverage, DecayRate: 0.8}).Explain(); got != "Each new score counts 80% and everything before it counts 20%, so recent work matters most but past work still counts." {
		t.Errorf("explanation = %q", got)
	}
}

func TestMethodValidate(t *testing.T) {
	tests := []struct {
		m     Method
		field string
	}{
		{Method{Kind: "average-ish"}, "method.kind"},
		{Method{}, "method.kind"},
		{Method{Kind: DecayingAverage, DecayRate: 1.5}, "method.decay_rate"},
		{Method{Kind: WeightedLatest, LatestWeight: -0.1}, "method.latest_weight"},
		{Method{Kind: RecentMean, Recent: -1}, "method.recent"},
		{Method{Kind: NMastery, Times: -2}, "method.times"},
		{Method{Kind: NMastery, Times: 3}, ""},
	}
	for _, tt := range tests {
		err := tt.m.Validate()
		if got := ErrorField(err); got != tt.field {
			t.Errorf("%+v: field %q (%v), want %q", tt.m, got, err, tt.field)
		}
	}
}

func TestScaleParseScore(t *testing.T) {
	s := DefaultScale()
	for in, want := range map[string]float64{"3": 3, " 4 ": 4, "proficient": 3, "Beginning": 1, "2,0": 2} {
		got, err := s.ParseScore(in)
		if err != nil || got != want {
			t.Errorf("ParseScore(%q) = %v, %v; want %v", in, got, err, want)
		}
	}
	for _, in := range []string{"5", "2.5", "", "great"} {
		if _, err := s.ParseScore(in); ErrorField(err) != "evidence.score" {
			t.Errorf("ParseScore(%q) err = %v, want an evidence.score error", in, err)
		}
	}
}

func TestScaleValidate(t *testing.T) {
	bad := []struct {
		s     Scale
		field string
	}{
		{Scale{Points: []ScalePoint{{1, "One", ""}}, Cut: 1}, "scale.points"},
		{Scale{Points: []ScalePoint{{2, "Two", ""}, {1, "One", ""}}, Cut: 2}, "scale.points"},
		{Scale{Points: []ScalePoint{{1, "", ""}, {2, "Two", ""}}, Cut: 2}, "scale.points"},
		{Scale{Points: []ScalePoint{{1, "One", ""}, {2, "Two", ""}}, Cut: 3}, "scale.cut"},
		{Scale{Points: []ScalePoint{{1, "One", ""}, {2, "Two", ""}}, Cut: 1}, "scale.cut"},
	}
	for _, tt := range bad {
		if got := ErrorField(tt.s.Validate()); got != tt.field {
			t.Errorf("%+v: field %q, want %q", tt.s, got, tt.field)
		}
	}
	s := DefaultScale()
	if err := s.Validate(); err != nil {
		t.Errorf("default scale: %v", err)
	}
}
