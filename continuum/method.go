package continuum

import "math"

// MethodKind names a way of turning a student's scores on one target into a
// single value that is compared with the mastery cut.
type MethodKind string

// The mastery methods. Scores are always taken in order of evidence date,
// then order of entry.
const (
	// Latest takes the most recent score.
	Latest MethodKind = "latest"
	// Highest takes the best score ever shown.
	Highest MethodKind = "highest"
	// Mean takes the plain average of every score.
	Mean MethodKind = "mean"
	// DecayingAverage weighs each new score by r and everything before by 1-r.
	DecayingAverage MethodKind = "decaying-average"
	// WeightedLatest gives the latest score weight w and the mean of the earlier ones 1-w.
	WeightedLatest MethodKind = "weighted-latest"
	// RecentMean averages the most recent N scores.
	RecentMean MethodKind = "recent-mean"
	// Mode takes the most frequent score, ties going to the higher.
	Mode MethodKind = "mode"
	// NMastery needs n scores at or above the cut and then averages those.
	NMastery MethodKind = "n-mastery"
	// PowerLaw fits a learning curve to the scores and reads it at the latest attempt.
	PowerLaw MethodKind = "power-law"
)

// MethodKinds lists every method in the order a menu shows them.
var MethodKinds = []MethodKind{DecayingAverage, Latest, Highest, Mean, WeightedLatest, RecentMean, Mode, NMastery, PowerLaw}

// Defaults of the methods' parameters.
const (
	DefaultDecayRate    = 0.65
	DefaultLatestWeight = 0.65
	DefaultRecent       = 3
	DefaultTimes        = 2
)

// Method is a mastery method with its parameters. A zero parameter means
// the default, so Method{Kind: DecayingAverage} decays at 65%.
type Method struct {
	// Kind is the method.
	Kind MethodKind `json:"kind"`
	// DecayRate is r of the decaying average, in (0,1]: the weight of each new score (default 0.65).
	DecayRate float64 `json:"decay_rate,omitempty"`
	// LatestWeight is w of the weighted latest, in [0,1]: the weight of the latest score (default 0.65).
	LatestWeight float64 `json:"latest_weight,omitempty"`
	// Recent is N of the recent mean: how many of the latest scores are averaged (default 3).
	Recent int `json:"recent,omitempty"`
	// Times is n of n-mastery: how many scores at or above the cut are needed (default 2).
	Times int `json:"times,omitempty"`
}

// DefaultMethod returns the decaying average at 65%, the method most
// competency-based gradebooks start from.
func DefaultMethod() Method { return Method{Kind: DecayingAverage} }

func (m Method) rate() float64 {
	if m.DecayRate == 0 {
		return DefaultDecayRate
	}
	return m.DecayRate
}

func (m Method) weight() float64 {
	if m.LatestWeight == 0 {
		return DefaultLatestWeight
	}
	return m.LatestWeight
}

func (m Method) recent() int {
	if m.Recent == 0 {
		return DefaultRecent
	}
	return m.Recent
}

func (m Method) times() int {
	if m.Times == 0 {
		return DefaultTimes
	}
	return m.Times
}

// Validate checks the method is known and its parameters are in range.
func (m Method) Validate() error {
	if _, err := ParseMethodKind(string(m.Kind)); err != nil || m.Kind == "" {
		return Invalidf("method.kind", "%q is not a mastery method; expected one of %s", string(m.Kind), methodList())
	}
	switch {
	case m.DecayRate < 0 || m.DecayRate > 1:
		return Invalidf("method.decay_rate", "%g is out of range; expected a weight above 0 and at most 1, such as 0.65", m.DecayRate)
	case m.LatestWeight < 0 || m.LatestWeight > 1:
		return Invalidf("method.latest_weight", "%g is out of range; expected a weight from 0 to 1, such as 0.65", m.LatestWeight)
	case m.Recent < 0:
		return Invalidf("method.recent", "%d is negative; expected how many recent scores to average, such as 3", m.Recent)
	case m.Times < 0:
		return Invalidf("method.times", "%d is negative; expected how many scores at mastery are needed, such as 2", m.Times)
	}
	return nil
}

// Value computes the method over scores, given oldest first. ok is false
// when the method has no result: no scores at all, or (n-mastery) fewer
// than n scores at or above the cut.
func (m Method) Value(scores []float64, scale *Scale) (value float64, ok bool) {
	n := len(scores)
	if n == 0 {
		return 0, false
	}
	switch m.Kind {
	case Latest:
		return scores[n-1], true
	case Highest:
		h := scores[0]
		for _, s := range scores[1:] {
			h = math.Max(h, s)
		}
		return h, true
	case Mean:
		return mean(scores), true
	case DecayingAverage:
		r := m.rate()
		d := scores[0]
		for _, s := range scores[1:] {
			d = (1-r)*d + r*s
		}
		return d, true
	case WeightedLatest:
		if n == 1 {
			return scores[0], true
		}
		w := m.weight()
		return w*scores[n-1] + (1-w)*mean(scores[:n-1]), true
	case RecentMean:
		k := min(m.recent(), n)
		return mean(scores[n-k:]), true
	case Mode:
		return modeHigh(scores), true
	case NMastery:
		var at []float64
		for _, s := range scores {
			if scale.Mastered(s) {
				at = append(at, s)
			}
		}
		if len(at) < m.times() {
			return 0, false
		}
		return mean(at), true
	case PowerLaw:
		return powerLaw(scores, scale), true
	}
	return 0, false
}

func mean(xs []float64) float64 {
	var sum float64
	for _, x := range xs {
		sum += x
	}
	return sum / float64(len(xs))
}

// modeHigh returns the most frequent value; among equally frequent values the highest.
func modeHigh(xs []float64) float64 {
	counts := make(map[float64]int, len(xs))
	best, bestN := xs[0], 0
	for _, x := range xs {
		counts[x]++
	}
	for x, c := range counts {
		if c > bestN || (c == bestN && x > best) {
			best, bestN = x, c
		}
	}
	return best
}

// powerLaw fits log(score) = a + b·log(attempt) by least squares over
// attempts 1..n and returns the fitted score at attempt n, kept within the
// scale. Scales that start below 1 are shifted so every score is at least 1
// before taking logarithms, and shifted back after.
func powerLaw(scores []float64, scale *Scale) float64 {
	n := len(scores)
	if n == 1 {
		return scores[0]
	}
	shift := 0.0
	if scale != nil && len(scale.Points) > 0 && scale.Min() < 1 {
		shift = 1 - scale.Min()
	}
	var sx, sy, sxx, sxy float64
	for i, s := range scores {
		x := math.Log(float64(i + 1))
		y := math.Log(math.Max(s+shift, 1e-9))
		sx += x
		sy += y
		sxx += x * x
		sxy += x * y
	}
	fn := float64(n)
	b := (fn*sxy - sx*sy) / (fn*sxx - sx*sx)
	a := (sy - b*sx) / fn
	v := math.Exp(a+b*math.Log(fn)) - shift
	if scale != nil && len(scale.Points) > 0 {
		v = math.Min(math.Max(v, scale.Min()), scale.Max())
	}
	return v
}
