package standards

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// Canvas's calculation methods, as an outcome's calculation_method holds
// them (OutcomeCalculationMethod::CALCULATION_METHODS), and how Canvas
// computes each (app/models/rollup_score.rb):
//
//   - decaying_average: "latest_weighted + older_avg_weighted", the latest
//     score at calculation_int percent against the mean of the earlier
//     ones: our weighted most recent (continuum.WeightedLatest), w =
//     calculation_int/100, 1 to 99, default 65. Canvas's screens call it
//     "Weighted Average".
//   - weighted_average: the name newer Canvas gives that same method.
//   - standard_decaying_average: "decay_avg * remaining_weight + score *
//     decay_rate" over the scores in turn, each new score counting
//     calculation_int percent: our decaying average
//     (continuum.DecayingAverage), r = calculation_int/100, 50 to 99,
//     default 65. Canvas computes it so only where its "Outcomes New
//     Decaying Average Calculation" feature is on, and treats it as
//     decaying_average elsewhere.
//   - n_mastery: the mean of the scores at or above mastery_points, once
//     there are calculation_int of them: continuum.NMastery, n =
//     calculation_int, 1 to 10, default 5.
//   - latest, highest, average: continuum.Latest, Highest and Mean.
const (
	canvasDecaying         = "decaying_average"
	canvasWeighted         = "weighted_average"
	canvasStandardDecaying = "standard_decaying_average"
	canvasNMastery         = "n_mastery"
	canvasLatest           = "latest"
	canvasHighest          = "highest"
	canvasAverage          = "average"
)

// canvasParam is the calculation_int a Canvas method takes: its range
// and its default (OutcomeCalculationMethod::VALID_CALCULATION_INTS,
// LearningOutcome#default_calculation_int).
type canvasParam struct {
	min, max, def int
}

// canvasParams lists the methods that take a calculation_int.
var canvasParams = map[string]canvasParam{
	canvasDecaying:         {1, 99, 65},
	canvasWeighted:         {1, 99, 65},
	canvasStandardDecaying: {50, 99, 65},
	canvasNMastery:         {1, 10, 5},
}

// canvasMethod reads calculation_method and calculation_int into a
// method, with what could not be read as it was written. A blank method
// is Canvas's default for a new outcome, decaying_average, and a blank
// calculation_int its default for the method. A method Canvas does not
// know gives nil; an int out of Canvas's range is kept when the method can
// use it, else the default is taken.
func canvasMethod(name, intText string) (*continuum.Method, []string) {
	var problems []string
	key := strings.ToLower(strings.TrimSpace(name))
	if key == "" {
		key = canvasDecaying
	}
	var m continuum.Method
	switch key {
	case canvasDecaying, canvasWeighted:
		m.Kind = continuum.WeightedLatest
	case canvasStandardDecaying:
		m.Kind = continuum.DecayingAverage
	case canvasNMastery:
		m.Kind = continuum.NMastery
	case canvasLatest:
		m.Kind = continuum.Latest
	case canvasHighest:
		m.Kind = continuum.Highest
	case canvasAverage:
		m.Kind = continuum.Mean
	default:
		return nil, []string{fmt.Sprintf("calculation_method %q is not one Canvas knows (decaying_average, weighted_average, standard_decaying_average, n_mastery, latest, highest, average); the outcome takes the continuum's method", name)}
	}
	p, takes := canvasParams[key]
	intText = strings.TrimSpace(intText)
	if !takes {
		if intText != "" {
			problems = append(problems, fmt.Sprintf("%s takes no calculation_int; %q is left out", key, intText))
		}
		return &m, problems
	}
	n := p.def
	if intText != "" {
		v, ok := canvasInt(intText)
		switch {
		case !ok:
			problems = append(problems, fmt.Sprintf("calculation_int %q is not a whole number; %s takes its default, %d", intText, key, p.def))
		case v < 1 || (key != canvasNMastery && v > 100):
			problems = append(problems, fmt.Sprintf("calculation_int %d is out of range for %s (Canvas takes %d to %d); the default, %d, is taken", v, key, p.min, p.max, p.def))
		default:
			if v < p.min || v > p.max {
				problems = append(problems, fmt.Sprintf("calculation_int %d is outside the %d to %d Canvas takes for %s; it is kept", v, p.min, p.max, key))
			}
			n = v
		}
	}
	switch m.Kind {
	case continuum.WeightedLatest:
		m.LatestWeight = canvasFraction(n)
	case continuum.DecayingAverage:
		m.DecayRate = canvasFraction(n)
	case continuum.NMastery:
		m.Times = n
	}
	return &m, problems
}

// canvasInt reads a whole number, "40" or "40.0".
func canvasInt(s string) (int, bool) {
	v, ok := canvasNumber(s)
	if !ok || v != math.Trunc(v) || math.Abs(v) > 1e9 {
		return 0, false
	}
	return int(v), true
}

// canvasFraction turns a percentage into a weight exactly: 65 → 0.65.
func canvasFraction(pct int) float64 {
	v, _ := strconv.ParseFloat(strconv.Itoa(pct)+"e-2", 64)
	return v
}

// canvasMethodOf returns the calculation_method and calculation_int that
// make Canvas compute as m does; an error when Canvas has no such method
// or cannot take its parameter. A method without a kind gives blanks,
// which leave the choice to Canvas.
func canvasMethodOf(m continuum.Method) (name, n string, err error) {
	switch m.Kind {
	case "":
		return "", "", nil
	case continuum.Latest:
		return canvasLatest, "", nil
	case continuum.Highest:
		return canvasHighest, "", nil
	case continuum.Mean:
		return canvasAverage, "", nil
	case continuum.WeightedLatest:
		name = canvasDecaying
		n, err = canvasPercent(name, m.LatestWeight, continuum.DefaultLatestWeight)
	case continuum.DecayingAverage:
		name = canvasStandardDecaying
		n, err = canvasPercent(name, m.DecayRate, continuum.DefaultDecayRate)
	case continuum.NMastery:
		name, n = canvasNMastery, strconv.Itoa(cmpOr(m.Times, continuum.DefaultTimes))
		if p := canvasParams[name]; m.Times > p.max || m.Times < 0 {
			err = fmt.Errorf("mastery in Canvas counts at most %d times, not %d", p.max, m.Times)
		}
	default:
		err = fmt.Errorf("there is no calculation method like %s in Canvas; choose decaying average, weighted most recent, mastered n times, most recent, highest or mean", m.Summary())
	}
	if err != nil {
		return "", "", err
	}
	return name, n, nil
}

// canvasPercent writes a weight as the whole percentage Canvas's method
// takes, or says why it cannot.
func canvasPercent(method string, w, def float64) (string, error) {
	if w == 0 {
		w = def
	}
	p := canvasParams[method]
	pct := math.Round(w * 100)
	if math.Abs(w*100-pct) > 1e-6 || pct < float64(p.min) || pct > float64(p.max) {
		return "", fmt.Errorf("the %s of Canvas takes a whole percentage from %d%% to %d%%, not %s%%", method, p.min, p.max, continuum.FormatScore(w*100))
	}
	return strconv.Itoa(int(pct)), nil
}

func cmpOr(v, def int) int {
	if v == 0 {
		return def
	}
	return v
}

// canvasMethodKey identifies a method by what it computes.
func canvasMethodKey(m *continuum.Method) string { return m.String() }

// settleMethod makes the most common of the outcomes' methods the
// framework's; the outcomes with another keep theirs.
func (r *canvasReader) settleMethod() {
	if len(r.noMethod) > 0 {
		r.warn(framework.Place{}, "the file gives no calculation_method for %s; such outcomes take Canvas's default, decaying_average at 65%% (the latest score counts 65%% against the mean of the earlier ones)",
			canvasNames("outcome", "outcomes", r.noMethod))
	}
	counts := map[string]int{}
	var order []*continuum.Method
	for _, e := range r.entries {
		if e.method == nil {
			continue
		}
		k := canvasMethodKey(e.method)
		if counts[k] == 0 {
			order = append(order, e.method)
		}
		counts[k]++
	}
	if len(order) == 0 {
		return
	}
	best := order[0]
	for _, m := range order[1:] {
		if counts[canvasMethodKey(m)] > counts[canvasMethodKey(best)] {
			best = m
		}
	}
	fm := *best
	r.fw.Method = &fm
	for _, e := range r.entries {
		if e.method != nil && canvasMethodKey(e.method) != canvasMethodKey(best) {
			m := *e.method
			r.fw.Items[e.item].Method = &m
		}
	}
	if len(order) > 1 {
		r.warn(framework.Place{}, "the outcomes use %d calculation methods; the continuum takes the most common, %s, and the other outcomes keep their own",
			len(order), best.Summary())
	}
}
