package continuum

import "testing"

// TestExplainJudgement reads every kind of judgement back as the teacher
// sees it, with sentences written out by hand.
func TestExplainJudgement(t *testing.T) {
	g := fixture(t) // decaying average at 65%, mastery cut 3
	n1a, _ := g.Target("N1a")
	needsTwo := n1a
	needsTwo.EvidenceRequired = 2
	ownMethod := n1a
	ownMethod.Method = &Method{Kind: NMastery, Times: 3}
	ana := Student{ID: "S1", Name: "Ana", StartingLevels: []StartingLevel{{Continuum: "c1", Domain: "Number", Level: "L3"}}}
	override := &Override{Continuum: "c1", Student: "S1", Target: "N1a", Mastered: true, Reason: "Showed it in the project", Date: day("2026-11-20")}

	tests := []struct {
		name   string
		target Target
		m      Mastery
		want   string
	}{{
		name:   "given an override on evidence, it names the override and what the evidence alone gives",
		target: n1a,
		m:      Mastery{Target: "N1a", Count: 3, Value: 2.35, HasValue: true, Mastered: true, Source: FromOverride, Override: override},
		want:   "Mastered, by the teacher's override (the evidence alone gives 2.35 by decaying average (each new score counts 65%)).",
	}, {
		name:   "given a not-yet override without evidence",
		target: n1a,
		m:      Mastery{Target: "N1a", Source: FromOverride, Override: &Override{Mastered: false}},
		want:   "Not yet, by the teacher's override (there is no evidence yet).",
	}, {
		name:   "given an override on evidence the method makes nothing of",
		target: ownMethod,
		m:      Mastery{Target: "N1a", Count: 2, Mastered: true, Source: FromOverride, Override: override},
		want:   "Mastered, by the teacher's override (mastered n times (3 times at mastery) gives no result from the evidence yet).",
	}, {
		name:   "given a placement, it names the starting level",
		target: n1a,
		m:      Mastery{Target: "N1a", Mastered: true, Source: FromPlacement},
		want:   "Mastered by placement: Ana started at L3 in Number, and there is no evidence on this target.",
	}, {
		name:   "given no evidence",
		target: n1a,
		m:      Mastery{Target: "N1a"},
		want:   "No evidence yet.",
	}, {
		name:   "given evidence without a result, by the target's own method",
		target: ownMethod,
		m:      Mastery{Target: "N1a", Count: 2},
		want:   "Not yet: Mastered n times (3 times at mastery) gives no result from 2 pieces of evidence.",
	}, {
		name:   "given a value at or above the cut",
		target: n1a,
		m:      Mastery{Target: "N1a", Count: 4, Value: 3.48, HasValue: true, Mastered: true},
		want:   "Mastered: Decaying average (each new score counts 65%) gives 3.48 from 4 pieces of evidence, at or above the mastery cut 3.",
	}, {
		name:   "given a value that meets the cut but too few pieces of evidence",
		target: needsTwo,
		m:      Mastery{Target: "N1a", Count: 1, Value: 3.5, HasValue: true},
		want:   "Not yet: Decaying average (each new score counts 65%) gives 3.5, which meets the cut, but the target needs 2 pieces of evidence and there is 1.",
	}, {
		name:   "given a value below the cut",
		target: n1a,
		m:      Mastery{Target: "N1a", Count: 1, Value: 2.35, HasValue: true},
		want:   "Not yet: Decaying average (each new score counts 65%) gives 2.35 from 1 piece of evidence, below the mastery cut 3.",
	}, {
		name:   "given a thousand pieces of evidence, the count has its thousands separated",
		target: n1a,
		m:      Mastery{Target: "N1a", Count: 1042, Value: 2, HasValue: true},
		want:   "Not yet: Decaying average (each new score counts 65%) gives 2 from 1,042 pieces of evidence, below the mastery cut 3.",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := g.ExplainJudgement(ana, tt.target, tt.m); got != tt.want {
				t.Errorf("ExplainJudgement =\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

func TestOverrideExplain(t *testing.T) {
	tests := []struct {
		o    Override
		want string
	}{
		{Override{Mastered: true, Reason: "Showed it in the project", Date: day("2026-11-20"), By: "MR"},
			"Override: mastered, on Nov 20, 2026 by MR. Reason: Showed it in the project"},
		{Override{Mastered: false, Reason: "Copied the answers", Date: day("2026-11-21")},
			"Override: not yet, on Nov 21, 2026. Reason: Copied the answers"},
	}
	for _, tt := range tests {
		if got := tt.o.Explain(); got != tt.want {
			t.Errorf("Explain = %q, want %q", got, tt.want)
		}
	}
}

func TestMethodFor(t *testing.T) {
	g := fixture(t)
	n1a, _ := g.Target("N1a")
	if got := g.MethodFor(n1a); got != g.Continuum.Method {
		t.Errorf("a target without its own method is judged by %v, want the continuum's %v", got, g.Continuum.Method)
	}
	own := Method{Kind: Highest}
	n1a.Method = &own
	if got := g.MethodFor(n1a); got != own {
		t.Errorf("a target with its own method is judged by %v, want %v", got, own)
	}
}
