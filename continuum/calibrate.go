package continuum

import (
	"cmp"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
)

// CalibrationScore is one teacher's score of one anchor work sample on a
// target, from a PLC's calibration exercise.
type CalibrationScore struct {
	// Sample names the work sample, e.g. "Essay B".
	Sample string `json:"sample"`
	// Target is the code of the target it is scored on.
	Target string `json:"target"`
	// Scorer is who scored it.
	Scorer string `json:"scorer"`
	// Score is a point of the scale.
	Score float64 `json:"score"`
	// Note is the scorer's comment.
	Note string `json:"note,omitempty"`
	// Place says where the score came from (file, sheet, row), for
	// messages; it is not stored.
	Place string `json:"-"`
}

// TargetAgreement is how closely the scorers agree on one target.
type TargetAgreement struct {
	// Target is the target's code.
	Target string
	// Samples is how many samples were scored by at least two people.
	Samples int
	// Scorers is how many different people scored them.
	Scorers int
	// Pairs is how many pairs of scores of the same sample were compared.
	Pairs int
	// Exact is the share of those pairs with the same score (0 to 1).
	Exact float64
	// Adjacent is the share of pairs within one point of the scale.
	Adjacent float64
	// Kappa is Cohen's kappa for two scorers, Fleiss' kappa for three or
	// more, over the scale points used; meaningful only when HasKappa.
	Kappa float64
	// KappaKind is "cohen" or "fleiss".
	KappaKind string
	// HasKappa is false when kappa is undefined (one sample, or every score the same).
	HasKappa bool
}

// KappaMinSamples is how many samples, each scored by two people or more,
// a kappa needs before it is worth reading: over fewer, one disagreement
// swings it from "almost perfect" to "poor", and a single sample gives 0
// whatever the scores.
const KappaMinSamples = 5

// KappaShown reports whether the kappa means something: it is defined
// and rests on at least KappaMinSamples samples.
func (a TargetAgreement) KappaShown() bool { return a.HasKappa && a.Samples >= KappaMinSamples }

// KappaWaiting says in a few words why the kappa is not shown: how many
// more samples it needs, or that it is not defined. It is "" when
// KappaShown.
func (a TargetAgreement) KappaWaiting() string {
	switch {
	case a.KappaShown():
		return ""
	case a.Samples < KappaMinSamples:
		return fmt.Sprintf("needs %d samples (%d so far)", KappaMinSamples, a.Samples)
	}
	return "not defined: every score the same"
}

// SampleSpread shows how far apart the scores of one sample are.
type SampleSpread struct {
	// Sample and Target name the sample.
	Sample, Target string
	// Scores are the scores given, by scorer.
	Scores []CalibrationScore
	// Min and Max are the lowest and highest score.
	Min, Max float64
	// Steps is how many points of the scale apart Min and Max are.
	Steps int
}

// CalibrationReport is the agreement of a PLC's scoring, per target and per sample.
type CalibrationReport struct {
	// Targets are in code order.
	Targets []TargetAgreement
	// Samples are the most disputed first (largest spread), then by target and sample.
	Samples []SampleSpread
	// Excluded names the samples scored by only one person, left out of the agreement.
	Excluded []string
}

// Calibrate measures how the scorers agree. Scores off the scale and a
// scorer who gave the same sample two different scores are refused, every
// one named; the same score met again (a workbook exported with the
// scores entered in the app, filled in by a colleague and added back)
// counts once. Samples scored by one person only are left out and listed.
func Calibrate(scale *Scale, scores []CalibrationScore) (CalibrationReport, error) {
	bySample, err := calibrationSamples(scale, scores)
	if err != nil {
		return CalibrationReport{}, err
	}
	index := func(v float64) int {
		for i, p := range scale.Points {
			if p.Value == v {
				return i
			}
		}
		return -1
	}
	var report CalibrationReport
	byTarget := map[string][][]CalibrationScore{}
	var targets []string
	for k, ss := range bySample {
		if len(ss) < 2 {
			report.Excluded = append(report.Excluded, fmt.Sprintf("%s on %s (scored only by %s)", ss[0].Sample, ss[0].Target, ss[0].Scorer))
			continue
		}
		slices.SortFunc(ss, func(a, b CalibrationScore) int { return strings.Compare(a.Scorer, b.Scorer) })
		if _, ok := byTarget[k.target]; !ok {
			targets = append(targets, k.target)
		}
		byTarget[k.target] = append(byTarget[k.target], ss)
		sp := SampleSpread{Sample: ss[0].Sample, Target: ss[0].Target, Scores: ss, Min: ss[0].Score, Max: ss[0].Score}
		for _, s := range ss {
			sp.Min, sp.Max = min(sp.Min, s.Score), max(sp.Max, s.Score)
		}
		sp.Steps = index(sp.Max) - index(sp.Min)
		report.Samples = append(report.Samples, sp)
	}
	slices.Sort(targets)
	slices.Sort(report.Excluded)
	slices.SortFunc(report.Samples, func(a, b SampleSpread) int {
		return cmp.Or(cmp.Compare(b.Steps, a.Steps), strings.Compare(a.Target, b.Target), strings.Compare(a.Sample, b.Sample))
	})
	for _, t := range targets {
		report.Targets = append(report.Targets, targetAgreement(byTarget[t], index))
	}
	return report, nil
}

// calibrationSample names a sample of a target (the target lower-cased).
type calibrationSample struct{ target, sample string }

// calibrationSamples checks the scores and groups them by sample: a score
// off the scale, or a second different score of one scorer for a sample,
// is a problem; the same score met again (a workbook that carries my own
// scores back) counts once.
func calibrationSamples(scale *Scale, scores []CalibrationScore) (map[calibrationSample][]CalibrationScore, error) {
	var problems []error
	bySample := map[calibrationSample][]CalibrationScore{}
	type first struct {
		place string
		score float64
	}
	seen := map[string]first{}
	for _, s := range scores {
		s.Target = NormalizeCode(s.Target)
		s.Sample, s.Scorer = strings.TrimSpace(s.Sample), strings.TrimSpace(s.Scorer)
		where := s.Place
		if where != "" {
			where += ": "
		}
		if _, ok := scale.Point(s.Score); !ok {
			problems = append(problems, Invalidf("calibration.score", "%s%s scored %s on %s as %s, which is not on the scale (%s)", where, s.Scorer, s.Sample, s.Target, FormatScore(s.Score), scale.describe()))
			continue
		}
		id := strings.ToLower(s.Target + "\x00" + s.Sample + "\x00" + s.Scorer)
		if f, dup := seen[id]; dup {
			if f.score != s.Score {
				problems = append(problems, Invalidf("calibration.scorer", "%s%s scored sample %s on %s twice (first at %s); keep one score", where, s.Scorer, s.Sample, s.Target, f.place))
			}
			continue
		}
		seen[id] = first{cmp.Or(s.Place, "an earlier row"), s.Score}
		k := calibrationSample{strings.ToLower(s.Target), s.Sample}
		bySample[k] = append(bySample[k], s)
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("calibrate: %w", errors.Join(problems...))
	}
	return bySample, nil
}

// targetAgreement works out how closely the scorers of one target's
// samples agree; index gives a score's place on the scale.
func targetAgreement(samples [][]CalibrationScore, index func(float64) int) TargetAgreement {
	slices.SortFunc(samples, func(a, b []CalibrationScore) int { return strings.Compare(a[0].Sample, b[0].Sample) })
	a := TargetAgreement{Target: samples[0][0].Target, Samples: len(samples)}
	scorers := map[string]bool{}
	exact, adjacent := 0, 0
	for _, ss := range samples {
		for i := range ss {
			scorers[ss[i].Scorer] = true
			for j := i + 1; j < len(ss); j++ {
				a.Pairs++
				d := index(ss[i].Score) - index(ss[j].Score)
				if d == 0 {
					exact++
				}
				if d >= -1 && d <= 1 {
					adjacent++
				}
			}
		}
	}
	a.Scorers = len(scorers)
	if a.Pairs > 0 {
		a.Exact = float64(exact) / float64(a.Pairs)
		a.Adjacent = float64(adjacent) / float64(a.Pairs)
	}
	if a.Scorers == 2 {
		a.KappaKind = "cohen"
		a.Kappa, a.HasKappa = cohenKappa(samples)
	} else {
		a.KappaKind = "fleiss"
		a.Kappa, a.HasKappa = fleissKappa(samples)
	}
	return a
}

// cohenKappa is Cohen's kappa for two scorers over the samples both scored:
// (po − pe) / (1 − pe), with pe from each scorer's own distribution of scores.
func cohenKappa(samples [][]CalibrationScore) (float64, bool) {
	var first, second string
	for _, ss := range samples {
		for _, s := range ss {
			switch {
			case first == "" || s.Scorer == first:
				first = s.Scorer
			case second == "" || s.Scorer == second:
				second = s.Scorer
			}
		}
	}
	n := 0
	agree := 0
	pa, pb := map[float64]float64{}, map[float64]float64{}
	for _, ss := range samples {
		var a, b *CalibrationScore
		for i := range ss {
			switch ss[i].Scorer {
			case first:
				a = &ss[i]
			case second:
				b = &ss[i]
			}
		}
		if a == nil || b == nil {
			continue
		}
		n++
		if a.Score == b.Score {
			agree++
		}
		pa[a.Score]++
		pb[b.Score]++
	}
	if n == 0 {
		return 0, false
	}
	po := float64(agree) / float64(n)
	pe := 0.0
	for v, c := range pa {
		pe += (c / float64(n)) * (pb[v] / float64(n))
	}
	if pe >= 1 {
		return 0, false
	}
	return (po - pe) / (1 - pe), true
}

// fleissKappa is Fleiss' kappa, in its form that allows a different
// number of scorers per sample: P_i = (Σ_j n_ij² − n_i) / (n_i (n_i − 1)),
// P̄ the mean of P_i, p_j = Σ_i n_ij / Σ_i n_i, P̄e = Σ_j p_j², and
// κ = (P̄ − P̄e) / (1 − P̄e).
func fleissKappa(samples [][]CalibrationScore) (float64, bool) {
	var sumP float64
	total := 0.0
	pj := map[float64]float64{}
	for _, ss := range samples {
		counts := map[float64]float64{}
		for _, s := range ss {
			counts[s.Score]++
			pj[s.Score]++
		}
		ni := float64(len(ss))
		total += ni
		sq := 0.0
		for _, c := range counts {
			sq += c * c
		}
		sumP += (sq - ni) / (ni * (ni - 1))
	}
	pbar := sumP / float64(len(samples))
	pe := 0.0
	for _, c := range pj {
		p := c / total
		pe += p * p
	}
	if pe >= 1 || math.IsNaN(pbar) {
		return 0, false
	}
	return (pbar - pe) / (1 - pe), true
}
