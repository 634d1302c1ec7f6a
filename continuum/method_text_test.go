package continuum

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
)

// formatV1 is the workbook's method writer as first released, frozen:
// workbooks in teachers' hands hold its text, so FormatMethod must write
// exactly the same bytes.
func formatV1(m Method) string {
	var ps []string
	if m.DecayRate != 0 {
		ps = append(ps, "r="+strconv.FormatFloat(m.DecayRate, 'f', -1, 64))
	}
	if m.LatestWeight != 0 {
		ps = append(ps, "w="+strconv.FormatFloat(m.LatestWeight, 'f', -1, 64))
	}
	if m.Recent != 0 {
		ps = append(ps, "N="+strconv.Itoa(m.Recent))
	}
	if m.Times != 0 {
		ps = append(ps, "n="+strconv.Itoa(m.Times))
	}
	if len(ps) == 0 {
		return string(m.Kind)
	}
	return string(m.Kind) + " (" + strings.Join(ps, ", ") + ")"
}

func TestFormatMethod(t *testing.T) {
	tests := []struct {
		m    Method
		want string
	}{
		{Method{Kind: DecayingAverage}, "decaying-average"},
		{Method{Kind: DecayingAverage, DecayRate: 0.7}, "decaying-average (r=0.7)"},
		{Method{Kind: DecayingAverage, DecayRate: 0.07}, "decaying-average (r=0.07)"},
		{Method{Kind: WeightedLatest, LatestWeight: 0.5}, "weighted-latest (w=0.5)"},
		{Method{Kind: RecentMean, Recent: 4}, "recent-mean (N=4)"},
		{Method{Kind: NMastery, Times: 3}, "n-mastery (n=3)"},
		{Method{Kind: Latest}, "latest"},
		{Method{Kind: PowerLaw}, "power-law"},
		// A parameter the kind does not use is still written, so nothing is lost.
		{Method{Kind: Latest, DecayRate: 0.7, Times: 2}, "latest (r=0.7, n=2)"},
		{Method{Kind: Mode, DecayRate: 0.5, LatestWeight: 0.25, Recent: 4, Times: 1}, "mode (r=0.5, w=0.25, N=4, n=1)"},
	}
	for _, tt := range tests {
		if got := FormatMethod(tt.m); got != tt.want {
			t.Errorf("FormatMethod(%+v) = %q, want %q", tt.m, got, tt.want)
		}
	}
}

func TestFormatMethodIsTheWorkbookFormat(t *testing.T) {
	weights := []float64{0, 0.65, 0.7, 0.07, 1, 0.6667, 1.0 / 3, 1e-7, -0.1, 1.5}
	counts := []int{0, 1, 2, 3, 12, -1}
	for _, k := range append(MethodKinds, "", "average-ish") {
		for _, w := range weights {
			for _, n := range counts {
				for _, m := range []Method{{Kind: k, DecayRate: w, Recent: n}, {Kind: k, LatestWeight: w, Times: n}} {
					if got, want := FormatMethod(m), formatV1(m); got != want {
						t.Errorf("FormatMethod(%+v) = %q, the workbook holds %q", m, got, want)
					}
				}
			}
		}
	}
}

func TestParseMethod(t *testing.T) {
	tests := []struct {
		in   string
		want Method
	}{
		{"decaying-average", Method{Kind: DecayingAverage}},
		{"decaying-average (r=0.7)", Method{Kind: DecayingAverage, DecayRate: 0.7}},
		{"Decaying average (r = 65%)", Method{Kind: DecayingAverage, DecayRate: 0.65}},
		// The parameter in words, as Summary writes it (and a teacher may copy it).
		{"Decaying average (each new score counts 65%)", Method{Kind: DecayingAverage, DecayRate: 0.65}},
		{"decaying average (Each new score counts 0.7)", Method{Kind: DecayingAverage, DecayRate: 0.7}},
		{"Weighted most recent (the most recent counts 80%)", Method{Kind: WeightedLatest, LatestWeight: 0.8}},
		{"Mean of most recent (the last 4 scores)", Method{Kind: RecentMean, Recent: 4}},
		{"Mastered n times (3 times at mastery)", Method{Kind: NMastery, Times: 3}},
		{"decaying average (r=65)", Method{Kind: DecayingAverage, DecayRate: 0.65}},
		{"DECAYING-AVERAGE (rate=0,65)", Method{Kind: DecayingAverage, DecayRate: 0.65}},
		{"decaying-average (Decay rate = 0.8)", Method{Kind: DecayingAverage, DecayRate: 0.8}},
		// A bare number above 1 is a percentage: r=2 is 2%.
		{"decaying-average (r=2)", Method{Kind: DecayingAverage, DecayRate: 0.02}},
		{"decaying-average (r=1)", Method{Kind: DecayingAverage, DecayRate: 1}},
		{"weighted-latest (w=0.5)", Method{Kind: WeightedLatest, LatestWeight: 0.5}},
		{"Weighted most recent (weight = 50%)", Method{Kind: WeightedLatest, LatestWeight: 0.5}},
		{"recent-mean (N=4)", Method{Kind: RecentMean, Recent: 4}},
		{"recent_mean (recent=4.0)", Method{Kind: RecentMean, Recent: 4}},
		{"Mastered n times (n=3)", Method{Kind: NMastery, Times: 3}},
		{"n-mastery (times = 3,)", Method{Kind: NMastery, Times: 3}},
		{"latest (r=0.7, n=2)", Method{Kind: Latest, DecayRate: 0.7, Times: 2}},
		{"  highest  ", Method{Kind: Highest}},
		{"mode ()", Method{Kind: Mode}},
	}
	for _, tt := range tests {
		got, err := ParseMethod(tt.in)
		if err != nil || got != tt.want {
			t.Errorf("ParseMethod(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestParseMethodRefuses(t *testing.T) {
	tests := []struct {
		in, field, says string
	}{
		{"average-ish", "method", "not a mastery method"},
		{"", "method", "not a mastery method"},
		{"decaying-average (r=0.7", "method", "closing bracket"},
		{"decaying-average (r=0.7) more", "method", "closing bracket"},
		{"decaying-average (x=1)", "method", "x is not a parameter"},
		{"decaying-average (r)", "method", "such as r=0.65"},
		{"decaying-average (r=0.5, w)", "method", "such as r=0.65"},
		{"decaying-average (r=150)", "method.decay_rate", "at most 100%"},
		{"decaying-average (r=0)", "method.decay_rate", "above 0%"},
		{"decaying-average (r=-0.1)", "method.decay_rate", "above 0%"},
		{"decaying-average (r=abc)", "method.decay_rate", "not a weight"},
		{"decaying-average (r=1e-1)", "method.decay_rate", "not a weight"},
		{"decaying-average (r=NaN)", "method.decay_rate", "not a weight"},
		{"decaying-average (r=0.5, rate=0.6)", "method.decay_rate", "given twice"},
		{"weighted-latest (w=2%%)", "method.latest_weight", "not a weight"},
		{"n-mastery (n=0)", "method.times", "whole number of at least 1"},
		{"n-mastery (n=2.5)", "method.times", "how many scores at mastery are needed"},
		{"recent-mean (N=-1)", "method.recent", "how many recent scores to average"},
		{"recent-mean (N=1e9)", "method.recent", "whole number"},
		{"decaying-average (each new score counts lots)", "method.decay_rate", "not a weight"},
		{"recent-mean (the last 0 scores)", "method.recent", "whole number of at least 1"},
		{"decaying-average (each new score counts)", "method", "such as r=0.65"},
	}
	for _, tt := range tests {
		_, err := ParseMethod(tt.in)
		if ErrorField(err) != tt.field || !strings.Contains(ErrorMessage(err), tt.says) {
			t.Errorf("ParseMethod(%q) err = %v; want field %q saying %q", tt.in, err, tt.field, tt.says)
		}
	}
}

func TestWithParamReadsWhatPeopleType(t *testing.T) {
	tests := []struct {
		kind MethodKind
		text string
		want Method
	}{
		{DecayingAverage, "65%", Method{Kind: DecayingAverage, DecayRate: 0.65}},
		{DecayingAverage, "65", Method{Kind: DecayingAverage, DecayRate: 0.65}},
		{DecayingAverage, "0.65", Method{Kind: DecayingAverage, DecayRate: 0.65}},
		{DecayingAverage, " 65 % ", Method{Kind: DecayingAverage, DecayRate: 0.65}},
		{DecayingAverage, "0,65", Method{Kind: DecayingAverage, DecayRate: 0.65}},
		{DecayingAverage, "7%", Method{Kind: DecayingAverage, DecayRate: 0.07}},
		{DecayingAverage, "66.67%", Method{Kind: DecayingAverage, DecayRate: 0.6667}},
		{DecayingAverage, "100%", Method{Kind: DecayingAverage, DecayRate: 1}},
		{DecayingAverage, "100", Method{Kind: DecayingAverage, DecayRate: 1}},
		{DecayingAverage, "1", Method{Kind: DecayingAverage, DecayRate: 1}},
		{DecayingAverage, "0.5%", Method{Kind: DecayingAverage, DecayRate: 0.005}},
		{WeightedLatest, "80%", Method{Kind: WeightedLatest, LatestWeight: 0.8}},
		{RecentMean, "4", Method{Kind: RecentMean, Recent: 4}},
		{RecentMean, " 1 ", Method{Kind: RecentMean, Recent: 1}},
		{NMastery, "3.0", Method{Kind: NMastery, Times: 3}},
		// A method without a parameter has nothing to read.
		{Highest, "65%", Method{Kind: Highest}},
	}
	for _, tt := range tests {
		got, err := Method{Kind: tt.kind}.WithParam(tt.text)
		if err != nil || got != tt.want {
			t.Errorf("%s WithParam(%q) = %+v, %v; want %+v", tt.kind, tt.text, got, err, tt.want)
		}
	}
}

func TestWithParamRefuses(t *testing.T) {
	tests := []struct {
		kind        MethodKind
		text, field string
		says        string
	}{
		{DecayingAverage, "", "method.decay_rate", `"" is not a weight; write it as a percentage such as 65%`},
		{DecayingAverage, "lots", "method.decay_rate", "not a weight"},
		{DecayingAverage, "0", "method.decay_rate", "expected a weight above 0% and at most 100%"},
		{DecayingAverage, "0%", "method.decay_rate", "above 0%"},
		{DecayingAverage, "101", "method.decay_rate", "at most 100%"},
		{DecayingAverage, "-5", "method.decay_rate", "above 0%"},
		{DecayingAverage, "65%%", "method.decay_rate", "not a weight"},
		{DecayingAverage, "Inf", "method.decay_rate", "not a weight"},
		{WeightedLatest, "1.5%x", "method.latest_weight", "not a weight"},
		{RecentMean, "", "method.recent", `"" is not a whole number of at least 1; give how many recent scores to average, such as 3`},
		{RecentMean, "three", "method.recent", "whole number"},
		{RecentMean, "0", "method.recent", "at least 1"},
		{NMastery, "2.5", "method.times", "give how many scores at mastery are needed, such as 2"},
		{NMastery, "-2", "method.times", "at least 1"},
	}
	for _, tt := range tests {
		m, err := Method{Kind: tt.kind}.WithParam(tt.text)
		if ErrorField(err) != tt.field || !strings.Contains(ErrorMessage(err), tt.says) {
			t.Errorf("%s WithParam(%q) err = %v; want field %q saying %q", tt.kind, tt.text, err, tt.field, tt.says)
		}
		if m != (Method{Kind: tt.kind}) {
			t.Errorf("%s WithParam(%q) changed the method to %+v", tt.kind, tt.text, m)
		}
	}
}

func TestMethodTextForPeople(t *testing.T) {
	tests := []struct {
		m                         Method
		param, summary, canonical string
	}{
		{Method{Kind: DecayingAverage}, "65%", "Decaying average (each new score counts 65%)", "decaying-average (r=0.65)"},
		{Method{Kind: DecayingAverage, DecayRate: 0.8}, "80%", "Decaying average (each new score counts 80%)", "decaying-average (r=0.8)"},
		{Method{Kind: DecayingAverage, DecayRate: 0.07}, "7%", "Decaying average (each new score counts 7%)", "decaying-average (r=0.07)"},
		{Method{Kind: DecayingAverage, DecayRate: 0.6667}, "66.67%", "Decaying average (each new score counts 66.67%)", "decaying-average (r=0.6667)"},
		{Method{Kind: DecayingAverage, DecayRate: 0.005}, "0.5%", "Decaying average (each new score counts 0.5%)", "decaying-average (r=0.005)"},
		{Method{Kind: DecayingAverage, DecayRate: 1}, "100%", "Decaying average (each new score counts 100%)", "decaying-average (r=1)"},
		{Method{Kind: WeightedLatest}, "65%", "Weighted most recent (the most recent counts 65%)", "weighted-latest (w=0.65)"},
		{Method{Kind: RecentMean}, "3", "Mean of most recent (the last 3 scores)", "recent-mean (N=3)"},
		{Method{Kind: NMastery}, "2", "Mastered n times (2 times at mastery)", "n-mastery (n=2)"},
		{Method{Kind: NMastery, Times: 4}, "4", "Mastered n times (4 times at mastery)", "n-mastery (n=4)"},
		{Method{Kind: Highest}, "", "Highest", "highest"},
		// A stray parameter is not the method's own: people do not see it.
		{Method{Kind: Latest, DecayRate: 0.7}, "", "Most recent", "latest"},
		{Method{Kind: PowerLaw}, "", "Power law", "power-law"},
	}
	for _, tt := range tests {
		if got := tt.m.ParamText(); got != tt.param {
			t.Errorf("%+v ParamText = %q, want %q", tt.m, got, tt.param)
		}
		if got := tt.m.Summary(); got != tt.summary {
			t.Errorf("%+v Summary = %q, want %q", tt.m, got, tt.summary)
		}
		if got := tt.m.String(); got != tt.canonical {
			t.Errorf("%+v String = %q, want %q", tt.m, got, tt.canonical)
		}
	}
}

func TestMethodParam(t *testing.T) {
	for _, k := range MethodKinds {
		p, ok := k.Param()
		if want := k == DecayingAverage || k == WeightedLatest || k == RecentMean || k == NMastery; ok != want {
			t.Errorf("%s Param ok = %v, want %v", k, ok, want)
		}
		if !ok {
			continue
		}
		if p.Symbol == "" || !strings.HasSuffix(p.Name, "("+p.Symbol+")") || !strings.HasPrefix(p.Hint, "e.g. ") {
			t.Errorf("%s Param = %+v", k, p)
		}
		// The field the form names is the field Validate names.
		_, err := Method{Kind: k}.WithParam("-1")
		if ErrorField(err) != p.Field {
			t.Errorf("%s: WithParam error field %q, Param field %q", k, ErrorField(err), p.Field)
		}
	}
	if got := (Method{Kind: RecentMean, Recent: -1}).Validate(); ErrorField(got) != "method.recent" {
		t.Errorf("Validate field %q", ErrorField(got))
	}
}

func TestParamTextReadsBackExactly(t *testing.T) {
	// Given any weight a method may hold, the form shows it as a
	// percentage; saving the form unchanged must keep the same number.
	rng := rand.New(rand.NewPCG(1, 2))
	weights := []float64{0.65, 0.07, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 1e-7, 0.123456789, 1}
	for range 2000 {
		weights = append(weights, 1-rng.Float64()) // in (0, 1]
	}
	for i := 1; i <= 1000; i++ {
		weights = append(weights, float64(i)/1000)
	}
	for _, w := range weights {
		for _, m := range []Method{{Kind: DecayingAverage, DecayRate: w}, {Kind: WeightedLatest, LatestWeight: w}} {
			text := m.ParamText()
			got, err := Method{Kind: m.Kind}.WithParam(text)
			if err != nil || got != m {
				t.Fatalf("%+v shows %q, which reads back as %+v, %v", m, text, got, err)
			}
		}
	}
}

func TestMethodTextRoundTrips(t *testing.T) {
	var methods []Method
	for _, k := range MethodKinds {
		methods = append(methods, Method{Kind: k})
	}
	methods = append(methods,
		Method{Kind: DecayingAverage, DecayRate: 0.7}, Method{Kind: DecayingAverage, DecayRate: 0.6667},
		Method{Kind: WeightedLatest, LatestWeight: 0.5}, Method{Kind: RecentMean, Recent: 4},
		Method{Kind: NMastery, Times: 3}, Method{Kind: Latest, DecayRate: 0.7, Times: 2})
	for _, m := range methods {
		if got, err := ParseMethod(FormatMethod(m)); err != nil || got != m {
			t.Errorf("FormatMethod %q read back as %+v, %v", FormatMethod(m), got, err)
		}
		// String and Summary write the parameter in use: reading either
		// back gives a method that computes the same.
		for _, text := range []string{m.String(), m.Summary()} {
			if got, err := ParseMethod(text); err != nil || got.String() != m.String() {
				t.Errorf("%q read back as %+v, %v", text, got, err)
			}
		}
	}
}

func TestExplainShares(t *testing.T) {
	tests := []struct {
		m    Method
		want string
	}{
		{Method{Kind: DecayingAverage}, "Each new score counts 65% and everything before it counts 35%"},
		{Method{Kind: DecayingAverage, DecayRate: 0.6667}, "Each new score counts 66.7% and everything before it counts 33.3%"},
		{Method{Kind: WeightedLatest, LatestWeight: 0.8}, "Your most recent score counts 80% and the average of your earlier scores counts 20%."},
		{Method{Kind: RecentMean, Recent: 4}, "We average your 4 most recent scores"},
	}
	for _, tt := range tests {
		if got := tt.m.Explain(); !strings.HasPrefix(got, tt.want) {
			t.Errorf("%+v Explain = %q, want it to start %q", tt.m, got, tt.want)
		}
	}
}

func FuzzParseMethod(f *testing.F) {
	for _, s := range []string{"decaying-average (r=0.7)", "Decaying average (r = 65%)", "Decaying average (each new score counts 65%)", "n-mastery (n=3)",
		"latest (r=0.7, n=2)", "recent-mean (N=0,5)", "mode ()", "weighted-latest (w=2%%)"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := ParseMethod(s)
		if err != nil {
			return
		}
		// What ParseMethod accepts, the canonical text keeps exactly.
		if got, err := ParseMethod(FormatMethod(m)); err != nil || got != m {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, m, FormatMethod(m), got, err)
		}
		if got, err := ParseMethod(m.Summary()); err != nil || got.String() != m.String() {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, m, m.Summary(), got, err)
		}
	})
}

// TestMethodTextAsTheWorkbookHoldsIt: the Scale and Targets sheets hold
// a method as FormatMethod writes it and read it back, and also read it
// as a teacher types it there.
func TestMethodTextAsTheWorkbookHoldsIt(t *testing.T) {
	for _, m := range []Method{
		{Kind: DecayingAverage}, {Kind: DecayingAverage, DecayRate: 0.7},
		{Kind: NMastery, Times: 3}, {Kind: RecentMean, Recent: 4}, {Kind: WeightedLatest, LatestWeight: 0.5},
	} {
		got, err := ParseMethod(FormatMethod(m))
		if err != nil || got != m {
			t.Errorf("%s read back as %+v, %v", FormatMethod(m), got, err)
		}
	}
	if m, err := ParseMethod("Mastered n times (n=3)"); err != nil || m.Kind != NMastery || m.Times != 3 {
		t.Errorf("label form: %+v %v", m, err)
	}
	if m, err := ParseMethod("decaying-average (r=65%)"); err != nil || m.DecayRate != 0.65 {
		t.Errorf("percentage: %+v %v", m, err)
	}
	if _, err := ParseMethod("decaying-average (r=150)"); err == nil {
		t.Errorf("r=150 accepted")
	}
}
