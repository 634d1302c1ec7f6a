package continuum

import (
	"fmt"
	"math"
	"slices"
)

// PacingPlan says where students are expected to be by when: from Start,
// each checkpoint names the level that should be secured by its date.
// Between checkpoints the expectation grows steadily, target by target.
type PacingPlan struct {
	// Start is the first day of the plan (the start of the term).
	Start Date `json:"start"`
	// Checkpoints are the expected secured levels by date, in date order.
	Checkpoints []Checkpoint `json:"checkpoints"`
	// Tolerance is how many targets ahead or behind still count as on pace.
	Tolerance int `json:"tolerance"`
}

// Checkpoint is one date of a pacing plan.
type Checkpoint struct {
	// Date is the day by which the level should be secured.
	Date Date `json:"date"`
	// Level is the level expected to be secured by then.
	Level string `json:"level"`
}

func (p *PacingPlan) validate(c *Continuum) error {
	if p.Start.IsZero() {
		return Invalidf("pacing.start", "is missing; expected the first day of the plan")
	}
	if len(p.Checkpoints) == 0 {
		return Invalidf("pacing.checkpoints", "a pacing plan needs at least one checkpoint (a date and the level expected by then)")
	}
	if p.Tolerance < 0 {
		return Invalidf("pacing.tolerance", "%d is negative; expected how many targets ahead or behind still count as on pace", p.Tolerance)
	}
	prev := p.Start
	for i, cp := range p.Checkpoints {
		if !cp.Date.After(prev) {
			return Invalidf("pacing.checkpoints", "checkpoint %d (%s) must come after %s", i+1, cp.Date, prev)
		}
		if c.LevelIndex(cp.Level) < 0 {
			return Invalidf("pacing.checkpoints", "checkpoint %d: %q is not a level of %s", i+1, cp.Level, c.Name)
		}
		prev = cp.Date
	}
	return nil
}

// PaceStatus says how a student's progress compares with the plan.
type PaceStatus string

// The pace statuses.
const (
	// NoPlan means the continuum has no pacing plan.
	NoPlan PaceStatus = ""
	// Ahead means more targets mastered than the plan expects.
	Ahead PaceStatus = "ahead"
	// OnPace means within the plan's tolerance.
	OnPace PaceStatus = "on pace"
	// Behind means fewer targets mastered than the plan expects.
	Behind PaceStatus = "behind"
)

// Pace compares the targets a student has mastered in a domain with the
// number the plan expects by a date.
type Pace struct {
	// Status is ahead, on pace or behind (or NoPlan).
	Status PaceStatus
	// Expected is how many of the domain's targets the plan expects mastered by the date.
	Expected int
	// Mastered is how many the student has mastered.
	Mastered int
	// Delta is Mastered - Expected: positive ahead, negative behind.
	Delta int
}

// String says the pace in words: "ahead by 2 targets", "on pace", "behind by 1 target".
func (p Pace) String() string {
	plural := func(n int) string {
		if n == 1 {
			return "1 target"
		}
		return fmt.Sprintf("%d targets", n)
	}
	switch p.Status {
	case Ahead:
		return "ahead by " + plural(p.Delta)
	case Behind:
		return "behind by " + plural(-p.Delta)
	case OnPace:
		return "on pace"
	}
	return ""
}

// expected returns how many targets the plan expects mastered by day on,
// given the cumulative counts of a domain's targets per level (cum[l] =
// targets at levels 0..l) and the count the student starts with.
func (p *PacingPlan) expected(c *Continuum, cum []int, base int, on Date) int {
	prevDate, prevCount := p.Start, float64(base)
	if on.Before(p.Start) {
		return base
	}
	for _, cp := range p.Checkpoints {
		target := float64(max(cum[c.LevelIndex(cp.Level)], base))
		if !on.After(cp.Date) {
			span := float64(cp.Date.DaysSince(prevDate))
			done := float64(on.DaysSince(prevDate))
			return int(math.Round(prevCount + (target-prevCount)*done/span))
		}
		prevDate, prevCount = cp.Date, target
	}
	return int(prevCount)
}

// judgePace compares mastered with the expected number of targets.
func judgePace(expected, mastered, tolerance int) Pace {
	p := Pace{Expected: expected, Mastered: mastered, Delta: mastered - expected}
	switch {
	case p.Delta > tolerance:
		p.Status = Ahead
	case -p.Delta > tolerance:
		p.Status = Behind
	default:
		p.Status = OnPace
	}
	return p
}

// SortCheckpoints puts a plan's checkpoints in date order.
func (p *PacingPlan) SortCheckpoints() {
	slices.SortFunc(p.Checkpoints, func(a, b Checkpoint) int { return a.Date.Compare(b.Date) })
}
