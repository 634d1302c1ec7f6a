package continuum

import (
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"
)

// Unit is a stretch of weeks in which a set of the continuum's targets is
// taught, with the learning experiences that build them and the
// checkpoints where evidence is gathered.
type Unit struct {
	// ID identifies the unit in its continuum; it never changes.
	ID string `json:"id"`
	// Continuum is the ID of the continuum the unit teaches.
	Continuum string `json:"continuum"`
	// Title is the unit's name, e.g. "Fractions as numbers"; unique in the continuum, case-insensitively.
	Title string `json:"title"`
	// Order places the unit among the continuum's units (ties by start date).
	Order int `json:"order"`
	// Start is the first day of the unit.
	Start Date `json:"start"`
	// End is the last day: the unit's targets are expected by then.
	End Date `json:"end"`
	// Targets are the codes of the targets the unit teaches.
	Targets []string `json:"targets"`
	// Experiences are the learning experiences of the unit.
	Experiences []Experience `json:"experiences,omitempty"`
	// Checkpoints are the planned moments of assessment.
	Checkpoints []UnitCheckpoint `json:"checkpoints,omitempty"`
	// Supports is the teacher's note on supports for students who need them.
	Supports string `json:"supports,omitempty"`
	// Extensions is the teacher's note on extensions for students ready for more.
	Extensions string `json:"extensions,omitempty"`
}

// Experience is one learning experience of a unit.
type Experience struct {
	// Title names it, e.g. "Fraction strips".
	Title string `json:"title"`
	// Kind is e.g. practice, performance task, project, discussion.
	Kind string `json:"kind,omitempty"`
	// Targets are the codes of the targets it builds.
	Targets []string `json:"targets,omitempty"`
	// Link is an optional resource address.
	Link string `json:"link,omitempty"`
	// Notes are the teacher's notes.
	Notes string `json:"notes,omitempty"`
}

// UnitCheckpoint is a planned assessment of one target on a day.
type UnitCheckpoint struct {
	// Target is the code of the target assessed.
	Target string `json:"target"`
	// Date is the day of the assessment.
	Date Date `json:"date"`
	// Kind is how it is assessed.
	Kind EvidenceKind `json:"kind"`
}

// Validate checks the unit against g: an ID, a title, an end not before
// the start, at least one target, and every code naming a target of the
// continuum (the unit's own, for experiences and checkpoints).
func (u *Unit) Validate(g *Graph) error {
	if !validCode(strings.TrimSpace(u.ID)) {
		return Invalidf("unit.id", "%q cannot be a unit ID", u.ID)
	}
	title := strings.TrimSpace(u.Title)
	if title == "" {
		return Invalidf("unit.title", "the unit has no title")
	}
	if u.Start.IsZero() || u.End.IsZero() {
		return Invalidf("unit.dates", "unit %q needs a start and an end date", title)
	}
	if u.End.Before(u.Start) {
		return Invalidf("unit.dates", "unit %q ends (%s) before it starts (%s)", title, u.End, u.Start)
	}
	if len(u.Targets) == 0 {
		return Invalidf("unit.targets", "unit %q teaches no target; pick at least one on the continuum", title)
	}
	own := map[string]bool{}
	for _, code := range u.Targets {
		i, ok := g.Lookup(code)
		if !ok {
			return Invalidf("unit.targets", "unit %q: %s is not a target of %s", title, code, g.Continuum.Name)
		}
		if own[g.Targets[i].Code] {
			return Invalidf("unit.targets", "unit %q lists %s twice", title, g.Targets[i].Code)
		}
		own[g.Targets[i].Code] = true
	}
	inUnit := func(code string) bool {
		i, ok := g.Lookup(code)
		return ok && own[g.Targets[i].Code]
	}
	for _, e := range u.Experiences {
		if strings.TrimSpace(e.Title) == "" {
			return Invalidf("unit.experiences", "unit %q has a learning experience with no title", title)
		}
		for _, code := range e.Targets {
			if !inUnit(code) {
				return Invalidf("unit.experiences", "unit %q: experience %q builds %s, which the unit does not teach", title, e.Title, code)
			}
		}
	}
	for _, cp := range u.Checkpoints {
		if !inUnit(cp.Target) {
			return Invalidf("unit.checkpoints", "unit %q: a checkpoint assesses %s, which the unit does not teach", title, cp.Target)
		}
		if cp.Date.IsZero() {
			return Invalidf("unit.checkpoints", "unit %q: the checkpoint on %s has no date", title, cp.Target)
		}
		if _, err := ParseEvidenceKind(string(cp.Kind)); err != nil {
			return Invalidf("unit.checkpoints", "unit %q: checkpoint on %s: %q is not a kind of evidence", title, cp.Target, cp.Kind)
		}
	}
	return nil
}

// SortUnits orders units as a calendar reads them: by Order, then start, then title.
func SortUnits(units []Unit) {
	slices.SortStableFunc(units, func(a, b Unit) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), a.Start.Compare(b.Start), strings.Compare(strings.ToLower(a.Title), strings.ToLower(b.Title)))
	})
}

// FindUnit returns the unit whose ID or title (case-insensitively) is nameOrID.
func FindUnit(units []Unit, nameOrID string) (Unit, bool) {
	k := strings.TrimSpace(nameOrID)
	for _, u := range units {
		if u.ID == k || strings.EqualFold(strings.TrimSpace(u.Title), k) {
			return u, true
		}
	}
	return Unit{}, false
}

// ReadinessStatus says whether a student is ready for a unit.
type ReadinessStatus string

// The readiness statuses.
const (
	// Ready means every prerequisite of the unit's targets is mastered.
	Ready ReadinessStatus = "ready"
	// NeedsSupport means some prerequisites are not mastered yet.
	NeedsSupport ReadinessStatus = "support"
	// NoReadinessEvidence means nothing is known about the prerequisites: no evidence on any of them.
	NoReadinessEvidence ReadinessStatus = "no-evidence"
)

// Readiness is one student's readiness for a unit.
type Readiness struct {
	// Student is the student.
	Student Student
	// Status is ready, support or no-evidence.
	Status ReadinessStatus
	// Missing are the codes of the prerequisites not mastered, in grid order.
	Missing []string
}

// Prerequisites returns the targets a unit relies on: every prerequisite,
// direct or further down the chain, of the unit's targets that the unit
// does not teach itself, in grid order.
func (g *Graph) Prerequisites(u Unit) []int {
	inUnit := map[int]bool{}
	var stack []int
	for _, code := range u.Targets {
		if i, ok := g.Lookup(code); ok {
			inUnit[i] = true
			stack = append(stack, i)
		}
	}
	seen := map[int]bool{}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, p := range g.prereqs[i] {
			if !seen[p] {
				seen[p] = true
				stack = append(stack, p)
			}
		}
	}
	var out []int
	for i := range g.Targets {
		if seen[i] && !inUnit[i] {
			out = append(out, i)
		}
	}
	return out
}

// UnitReadiness judges, for each student, whether the prerequisites of the
// unit (Prerequisites) are mastered: ready when all are (a unit with none
// is ready for everyone), no-evidence when none is mastered and none has
// evidence, support otherwise, naming what is missing. Overrides and
// placement count, as everywhere.
func (g *Graph) UnitReadiness(u Unit, class []StudentPositions) []Readiness {
	pre := g.Prerequisites(u)
	out := make([]Readiness, len(class))
	for k, sp := range class {
		r := Readiness{Student: sp.Student, Status: Ready}
		known := false
		for _, i := range pre {
			m := sp.Mastery[i]
			if m.Mastered {
				known = true
				continue
			}
			if m.Count > 0 || m.Source == FromOverride {
				known = true
			}
			r.Missing = append(r.Missing, g.Targets[i].Code)
		}
		switch {
		case len(r.Missing) == 0:
		case !known:
			r.Status = NoReadinessEvidence
		default:
			r.Status = NeedsSupport
		}
		out[k] = r
	}
	return out
}

// SupportBlock turns the students who need support before a unit into a
// flex block: one reteach offering per missing prerequisite, holding the
// students who miss it (each student goes where their earliest missing
// prerequisite is taught), at priority tier, with the reason named.
func (g *Graph) SupportBlock(u Unit, readiness []Readiness, id string, date Date, slot string) FlexBlock {
	b := FlexBlock{ID: id, Continuum: u.Continuum, Date: date, Slot: slot, Minutes: 40}
	offering := map[string]int{}
	for _, r := range readiness {
		if r.Status != NeedsSupport || len(r.Missing) == 0 {
			continue
		}
		code := r.Missing[0]
		k, ok := offering[code]
		if !ok {
			t, _ := g.Target(code)
			k = len(b.Offerings)
			offering[code] = k
			b.Offerings = append(b.Offerings, Offering{
				ID: "before-" + strings.ToLower(code), Title: "Before " + u.Title + ": " + t.Code, Kind: Reteach, Focus: []string{t.Code},
			})
		}
		b.Offerings[k].Capacity++
		b.Assignments = append(b.Assignments, Assignment{
			Student: r.Student.ID, Offering: b.Offerings[k].ID, Tier: TierPriority,
			Reason: fmt.Sprintf("Needs %s before %s", strings.Join(r.Missing, ", "), u.Title),
		})
	}
	return b
}

// TargetProgress is how the class stands on one target of a unit.
type TargetProgress struct {
	// Target is the target's code.
	Target string
	// Mastered is how many students have mastered it.
	Mastered int
	// Students is how many students there are.
	Students int
	// NoEvidence are the students with nothing recorded on it.
	NoEvidence []Student
}

// Share returns the fraction of the class that has mastered the target.
func (p TargetProgress) Share() float64 {
	if p.Students == 0 {
		return 0
	}
	return float64(p.Mastered) / float64(p.Students)
}

// UnitProgress reports, for each target of the unit, how much of the class
// has mastered it and who has no evidence yet.
func (g *Graph) UnitProgress(u Unit, class []StudentPositions) []TargetProgress {
	var out []TargetProgress
	for _, code := range u.Targets {
		i, ok := g.Lookup(code)
		if !ok {
			continue
		}
		p := TargetProgress{Target: g.Targets[i].Code, Students: len(class)}
		for _, sp := range class {
			m := sp.Mastery[i]
			if m.Mastered {
				p.Mastered++
			}
			if m.Status() == NoEvidence {
				p.NoEvidence = append(p.NoEvidence, sp.Student)
			}
		}
		out = append(out, p)
	}
	return out
}

// CheckpointState says where a checkpoint stands on a day.
type CheckpointState string

// The checkpoint states.
const (
	// Upcoming checkpoints are more than a week away.
	Upcoming CheckpointState = "upcoming"
	// Due checkpoints fall within the coming week (today included).
	Due CheckpointState = "due"
	// Overdue checkpoints have passed and some students have no evidence on the target since the unit started.
	Overdue CheckpointState = "overdue"
	// Done checkpoints have passed and every student has evidence since the unit started.
	Done CheckpointState = "done"
)

// CheckpointStatus is one checkpoint's state, with the students still missing evidence.
type CheckpointStatus struct {
	// Checkpoint is the checkpoint.
	Checkpoint UnitCheckpoint
	// State is upcoming, due, overdue or done.
	State CheckpointState
	// Missing are the students with no evidence on the target dated within the unit so far.
	Missing []string
}

// CheckpointStates reports where each of the unit's checkpoints stands on
// day on, given the class's evidence in the continuum.
func (g *Graph) CheckpointStates(u Unit, students []Student, evidence []Evidence, on Date) []CheckpointStatus {
	has := map[string]bool{} // student + "/" + target code seen since the unit started
	for _, e := range evidence {
		if e.Date.Before(u.Start) {
			continue
		}
		if i, ok := g.Lookup(e.Target); ok {
			has[e.Student+"/"+g.Targets[i].Code] = true
		}
	}
	var out []CheckpointStatus
	for _, cp := range u.Checkpoints {
		s := CheckpointStatus{Checkpoint: cp}
		code := cp.Target
		if i, ok := g.Lookup(code); ok {
			code = g.Targets[i].Code
		}
		for _, st := range students {
			if !has[st.ID+"/"+code] {
				s.Missing = append(s.Missing, st.ID)
			}
		}
		switch {
		case cp.Date.After(on.AddDays(7)):
			s.State = Upcoming
		case !cp.Date.Before(on):
			s.State = Due
		case len(s.Missing) > 0:
			s.State = Overdue
		default:
			s.State = Done
		}
		out = append(out, s)
	}
	return out
}

// unitPlan is the pacing a continuum's units give: each unit's targets
// are expected, at a steady rate, between its start and its end.
type unitPlan struct {
	units     []Unit
	tolerance int
	covers    map[int]bool // domains with a target in some unit
}

// WithUnits returns a graph whose pace is judged against the unit calendar
// rather than the continuum's pacing plan: by its end date, a unit's
// targets are expected mastered. A domain no unit teaches keeps the
// pacing plan (or has no pace). With no units the graph is returned as is.
func (g *Graph) WithUnits(units []Unit) *Graph {
	if len(units) == 0 {
		return g
	}
	ng := *g
	tol := 1
	if g.Continuum.Pacing != nil {
		tol = g.Continuum.Pacing.Tolerance
	}
	plan := &unitPlan{units: slices.Clone(units), tolerance: tol, covers: map[int]bool{}}
	for _, u := range units {
		for _, code := range u.Targets {
			if i, ok := g.Lookup(code); ok {
				plan.covers[g.domainOf[i]] = true
			}
		}
	}
	ng.units = plan
	return &ng
}

// expectedFromUnits returns how many of domain d's targets the units
// expect mastered by day on: a unit's target counts in full from the
// unit's end, and in proportion to the days gone between its start and
// end before that (the largest share, for a target taught in two units).
// The base targets below the student's starting level count too.
func (g *Graph) expectedFromUnits(d, base, startLevel int, on Date) int {
	share := map[int]float64{}
	for _, u := range g.units.units {
		var f float64
		switch {
		case on.Before(u.Start):
			continue
		case !on.Before(u.End):
			f = 1
		default:
			f = float64(on.DaysSince(u.Start)+1) / float64(u.End.DaysSince(u.Start)+1)
		}
		for _, code := range u.Targets {
			if i, ok := g.Lookup(code); ok && g.domainOf[i] == d && g.levelOf[i] >= startLevel {
				share[i] = max(share[i], f)
			}
		}
	}
	exp := float64(base)
	for _, f := range share {
		exp += f
	}
	return int(math.Round(exp))
}
