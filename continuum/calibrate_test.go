package continuum

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestFleissKappaTextbook is the worked example of Fleiss (1971) as
// reproduced in most references: 10 subjects, 14 raters each, 5
// categories; P̄ = 0.378, P̄e = 0.213, κ = 0.210.
func TestFleissKappaTextbook(t *testing.T) {
	counts := [][5]int{
		{0, 0, 0, 0, 14}, {0, 2, 6, 4, 2}, {0, 0, 3, 5, 6}, {0, 3, 9, 2, 0}, {2, 2, 8, 1, 1},
		{7, 7, 0, 0, 0}, {3, 2, 6, 3, 0}, {2, 5, 3, 2, 2}, {6, 5, 2, 1, 0}, {0, 2, 2, 3, 7},
	}
	scale := Scale{Points: []ScalePoint{{1, "One", ""}, {2, "Two", ""}, {3, "Three", ""}, {4, "Four", ""}, {5, "Five", ""}}, Cut: 3}
	var scores []CalibrationScore
	for i, row := range counts {
		rater := 0
		for cat, n := range row {
			for range n {
				rater++
				scores = append(scores, CalibrationScore{Sample: fmt.Sprintf("S%02d", i+1), Target: "T", Scorer: fmt.Sprintf("R%02d", rater), Score: float64(cat + 1)})
			}
		}
	}
	r, err := Calibrate(&scale, scores)
	if err != nil {
		t.Fatal(err)
	}
	a := r.Targets[0]
	if a.KappaKind != "fleiss" || !a.HasKappa || math.Abs(a.Kappa-0.20993) > 0.0005 {
		t.Errorf("Fleiss kappa %s %.5f, want 0.210", a.KappaKind, a.Kappa)
	}
	if a.Samples != 10 || a.Scorers != 14 || a.Pairs != 10*91 {
		t.Errorf("samples %d scorers %d pairs %d", a.Samples, a.Scorers, a.Pairs)
	}
}

// TestCohenKappaTextbook: two readers judge 50 proposals; both say yes to
// 20, both no to 15, A yes and B no to 5, A no and B yes to 10.
// po = 0.70, pe = 0.5·0.6 + 0.5·0.4 = 0.50, κ = 0.40.
func TestCohenKappaTextbook(t *testing.T) {
	scale := DefaultScale()
	var scores []CalibrationScore
	add := func(n int, a, b float64) {
		for range n {
			s := fmt.Sprintf("P%02d", len(scores)/2+1)
			scores = append(scores, CalibrationScore{Sample: s, Target: "T", Scorer: "A", Score: a}, CalibrationScore{Sample: s, Target: "T", Scorer: "B", Score: b})
		}
	}
	yes, no := 3.0, 1.0
	add(20, yes, yes)
	add(5, yes, no)
	add(10, no, yes)
	add(15, no, no)
	r, err := Calibrate(&scale, scores)
	if err != nil {
		t.Fatal(err)
	}
	a := r.Targets[0]
	if a.KappaKind != "cohen" || math.Abs(a.Kappa-0.4) > 1e-9 || math.Abs(a.Exact-0.7) > 1e-9 {
		t.Errorf("Cohen %s κ=%.4f exact=%.2f, want κ=0.40 exact=0.70", a.KappaKind, a.Kappa, a.Exact)
	}
	// 1 and 3 are two points apart: only the agreeing pairs are adjacent.
	if math.Abs(a.Adjacent-0.7) > 1e-9 {
		t.Errorf("adjacent %.2f, want 0.70", a.Adjacent)
	}
}

func TestCalibrateAgreementAndSpread(t *testing.T) {
	scale := DefaultScale()
	s := func(sample, scorer string, score float64) CalibrationScore {
		return CalibrationScore{Sample: sample, Target: "W.1", Scorer: scorer, Score: score}
	}
	r, err := Calibrate(&scale, []CalibrationScore{
		s("Essay A", "Ana", 3), s("Essay A", "Ben", 3), s("Essay A", "Cy", 2),
		s("Essay B", "Ana", 4), s("Essay B", "Ben", 2), s("Essay B", "Cy", 3),
		s("Essay C", "Ana", 2),
	})
	if err != nil {
		t.Fatal(err)
	}
	a := r.Targets[0]
	// Pairs: A: (3,3) (3,2) (3,2); B: (4,2) (4,3) (2,3): 1 exact of 6, 5 adjacent of 6.
	if a.Pairs != 6 || math.Abs(a.Exact-1.0/6) > 1e-9 || math.Abs(a.Adjacent-5.0/6) > 1e-9 || a.Samples != 2 || a.Scorers != 3 {
		t.Errorf("agreement %+v", a)
	}
	if r.Samples[0].Sample != "Essay B" || r.Samples[0].Steps != 2 || r.Samples[1].Steps != 1 {
		t.Errorf("samples by spread %+v", r.Samples)
	}
	if len(r.Excluded) != 1 || !strings.Contains(r.Excluded[0], "Essay C on W.1 (scored only by Ana)") {
		t.Errorf("excluded %v", r.Excluded)
	}
}

func TestCalibrateRefusesBadScores(t *testing.T) {
	scale := DefaultScale()
	_, err := Calibrate(&scale, []CalibrationScore{
		{Sample: "A", Target: "W.1", Scorer: "Ana", Score: 3, Place: "ana.xlsx Calibration row 2"},
		{Sample: "A", Target: "w.1", Scorer: "Ana", Score: 2, Place: "ana.xlsx Calibration row 3"},
		{Sample: "B", Target: "W.1", Scorer: "Ben", Score: 7, Place: "ben.xlsx Calibration row 2"},
	})
	if !errors.Is(err, ErrInvalid) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"ana.xlsx Calibration row 3: Ana scored sample A on w.1 twice (first at ana.xlsx Calibration row 2)", "ben.xlsx Calibration row 2: Ben scored B on W.1 as 7, which is not on the scale"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error lacks %q:\n%v", want, err)
		}
	}
}

func TestKappaUndefinedWhenEveryoneAgreesOnOnePoint(t *testing.T) {
	scale := DefaultScale()
	r, err := Calibrate(&scale, []CalibrationScore{
		{Sample: "A", Target: "T", Scorer: "x", Score: 3}, {Sample: "A", Target: "T", Scorer: "y", Score: 3},
	})
	if err != nil {
		t.Fatal(err)
	}
	if r.Targets[0].HasKappa || r.Targets[0].Exact != 1 {
		t.Errorf("%+v", r.Targets[0])
	}
}

func TestKappaShownOnlyOnEnoughSamples(t *testing.T) {
	for _, tt := range []struct {
		a       TargetAgreement
		shown   bool
		waiting string
	}{
		{TargetAgreement{Samples: 1, HasKappa: true}, false, "needs 5 samples (1 so far)"},
		{TargetAgreement{Samples: 4, HasKappa: true, Kappa: 0.9}, false, "needs 5 samples (4 so far)"},
		{TargetAgreement{Samples: 5, HasKappa: true, Kappa: 0.4}, true, ""},
		{TargetAgreement{Samples: 8, HasKappa: false}, false, "not defined: every score the same"},
	} {
		if got := tt.a.KappaShown(); got != tt.shown {
			t.Errorf("%+v: KappaShown = %v, want %v", tt.a, got, tt.shown)
		}
		if got := tt.a.KappaWaiting(); got != tt.waiting {
			t.Errorf("%+v: KappaWaiting = %q, want %q", tt.a, got, tt.waiting)
		}
	}
}

// Given the scores Ana entered in the app, exported, and the workbook a
// colleague filled in from that export (Ana's scores with hers), when
// they are calibrated together, then Ana's scores count once, not as
// scored twice.
func TestCalibrateCountsTheSameScoreMetAgainOnce(t *testing.T) {
	scale := DefaultScale()
	r, err := Calibrate(&scale, []CalibrationScore{
		{Sample: "A", Target: "W.1", Scorer: "Ana", Score: 3, Place: calibrationHereForTest},
		{Sample: "A", Target: "W.1", Scorer: "Ana", Score: 3, Place: "ben.xlsx Calibration row 2"},
		{Sample: "A", Target: "w.1", Scorer: "ben", Score: 2, Place: "ben.xlsx Calibration row 3"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Samples) != 1 || len(r.Samples[0].Scores) != 2 || r.Targets[0].Pairs != 1 || r.Targets[0].Adjacent != 1 || r.Targets[0].Exact != 0 {
		t.Errorf("samples %+v, agreement %+v", r.Samples, r.Targets)
	}
}

// calibrationHereForTest is where a score entered in the app comes from.
const calibrationHereForTest = "the scores entered in the app"
