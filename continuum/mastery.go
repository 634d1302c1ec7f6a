package continuum

import (
	"cmp"
	"slices"
)

// Source says what decided a mastery judgement.
type Source int

// The sources of a judgement, from weakest to strongest.
const (
	// FromEvidence means the mastery method over the evidence decided (or there is none).
	FromEvidence Source = iota
	// FromPlacement means the target lies below the student's starting level and has no evidence.
	FromPlacement
	// FromOverride means a teacher's override decided, whatever the evidence says.
	FromOverride
)

// Status is the state of one student on one target, as a teacher reads it.
type Status int

// The statuses, in the order a legend shows them.
const (
	// NoEvidence means nothing has been recorded yet.
	NoEvidence Status = iota
	// NotYet means evidence exists but mastery is not shown (below the cut, or too few demonstrations).
	NotYet
	// Mastered means the target counts as mastered.
	Mastered
)

// String returns the status in words.
func (s Status) String() string {
	switch s {
	case NotYet:
		return "not yet"
	case Mastered:
		return "mastered"
	}
	return "no evidence"
}

// Mastery is the judgement on one student's mastery of one target.
type Mastery struct {
	// Target is the target's code.
	Target string
	// Count is how many pieces of evidence there are.
	Count int
	// Value is the method's value; meaningful only when HasValue.
	Value float64
	// HasValue is false when there is no evidence or the method gives no result.
	HasValue bool
	// Mastered is the judgement, after demonstrations required and any override.
	Mastered bool
	// Source says what decided it.
	Source Source
	// Override is the teacher's override, when there is one.
	Override *Override
	// Latest is the date of the most recent evidence.
	Latest Date
}

// Status returns the teacher-facing status of the judgement.
func (m Mastery) Status() Status {
	switch {
	case m.Mastered:
		return Mastered
	case m.Count == 0 && m.Source != FromOverride:
		return NoEvidence
	}
	return NotYet
}

// NeedsMoreEvidence reports whether the evidence alone meets the mastery
// cut on scale but the target's demonstrations required are not there
// yet: "not yet, more evidence needed". It is false when an override or
// a placement decided, since then the evidence did not.
func (m Mastery) NeedsMoreEvidence(scale *Scale) bool {
	return m.Source == FromEvidence && !m.Mastered && m.HasValue && scale.Mastered(m.Value)
}

// Stuck reports whether a student is stuck on the target: evidence is
// recorded and the target is not mastered, and not merely for want of
// evidence. A student whose evidence meets the cut on scale but who has
// fewer demonstrations than required (NeedsMoreEvidence) is not stuck:
// they need another chance to show it.
func (m Mastery) Stuck(scale *Scale) bool {
	return m.Count > 0 && !m.Mastered && !m.NeedsMoreEvidence(scale)
}

// SortEvidence orders evidence as every method reads it: by date, then by
// order of entry (ID).
func SortEvidence(ev []Evidence) {
	slices.SortStableFunc(ev, func(a, b Evidence) int {
		return cmp.Or(a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
	})
}

// Judge applies a method to one target's evidence (any order) and the
// target's demonstrations required. It does not consider overrides.
func Judge(method Method, scale *Scale, required int, ev []Evidence) Mastery {
	sorted := slices.Clone(ev)
	SortEvidence(sorted)
	scores := make([]float64, len(sorted))
	for i, e := range sorted {
		scores[i] = e.Score
	}
	m := Mastery{Count: len(sorted)}
	if len(sorted) > 0 {
		m.Target = sorted[0].Target
		m.Latest = sorted[len(sorted)-1].Date
	}
	m.Value, m.HasValue = method.Value(scores, scale)
	m.Mastered = m.HasValue && len(scores) >= max(required, 1) && scale.Mastered(m.Value)
	return m
}

// MethodResult is one method's judgement, for showing every method side by side.
type MethodResult struct {
	// Method is the method with its parameters.
	Method Method
	// Value is the method's value; meaningful only when HasValue.
	Value float64
	// HasValue is false when the method gives no result.
	HasValue bool
	// Mastered is whether the value meets the cut with enough demonstrations.
	Mastered bool
	// InUse marks the method that the target actually uses.
	InUse bool
}

// CompareMethods judges one target's evidence with every method, the
// method in use keeping its own parameters.
func (g *Graph) CompareMethods(code string, ev []Evidence) ([]MethodResult, error) {
	i, ok := g.Lookup(code)
	if !ok {
		return nil, NotFoundf("target.code", "%s is not a target of %s", code, g.Continuum.Name)
	}
	inUse := g.methodFor(i)
	out := make([]MethodResult, 0, len(MethodKinds))
	for _, k := range MethodKinds {
		m := Method{Kind: k}
		if k == inUse.Kind {
			m = inUse
		}
		j := Judge(m, &g.Continuum.Scale, g.Targets[i].Required(), ev)
		out = append(out, MethodResult{Method: m, Value: j.Value, HasValue: j.HasValue, Mastered: j.Mastered, InUse: k == inUse.Kind})
	}
	return out, nil
}

// StudentMastery judges every target of the graph for one student, from the
// student's evidence and overrides in this continuum (in any order; evidence
// for unknown targets is ignored). The result is indexed like g.Targets.
// An override outranks the calculation; a target below the student's
// starting level with no evidence counts as mastered by placement.
func (g *Graph) StudentMastery(st *Student, evidence []Evidence, overrides []Override) []Mastery {
	out := make([]Mastery, len(g.Targets))
	type entry struct {
		target int
		ev     *Evidence
	}
	entries := make([]entry, 0, len(evidence))
	for k := range evidence {
		if i, ok := g.Lookup(evidence[k].Target); ok {
			entries = append(entries, entry{i, &evidence[k]})
		}
	}
	slices.SortFunc(entries, func(a, b entry) int {
		return cmp.Or(cmp.Compare(a.target, b.target), a.ev.Date.Compare(b.ev.Date), cmp.Compare(a.ev.ID, b.ev.ID))
	})
	scores := make([]float64, 0, 16)
	scale := &g.Continuum.Scale
	for lo := 0; lo < len(entries); {
		i := entries[lo].target
		hi := lo
		scores = scores[:0]
		for hi < len(entries) && entries[hi].target == i {
			scores = append(scores, entries[hi].ev.Score)
			hi++
		}
		m := &out[i]
		m.Count = len(scores)
		m.Latest = entries[hi-1].ev.Date
		m.Value, m.HasValue = g.methodFor(i).Value(scores, scale)
		m.Mastered = m.HasValue && m.Count >= g.Targets[i].Required() && scale.Mastered(m.Value)
		lo = hi
	}
	for i := range out {
		out[i].Target = g.Targets[i].Code
	}
	if st != nil && len(st.StartingLevels) > 0 {
		for d, dom := range g.Continuum.Domains {
			start := g.Continuum.LevelIndex(st.StartingLevel(g.Continuum.ID, dom.Name))
			for l := 0; l < start; l++ {
				for _, i := range g.cells[d][l] {
					if out[i].Count == 0 {
						out[i].Mastered = true
						out[i].Source = FromPlacement
					}
				}
			}
		}
	}
	for k := range overrides {
		o := &overrides[k]
		if i, ok := g.Lookup(o.Target); ok {
			out[i].Mastered = o.Mastered
			out[i].Source = FromOverride
			out[i].Override = o
		}
	}
	return out
}
