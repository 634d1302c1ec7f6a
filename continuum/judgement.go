package continuum

import (
	"fmt"
	"strings"
)

// MethodFor returns the mastery method target t is judged by: its own,
// or the continuum's.
func (g *Graph) MethodFor(t Target) Method {
	if t.Method != nil {
		return *t.Method
	}
	return g.Continuum.Method
}

// ExplainJudgement says in a sentence or two what a student's judgement
// on target t is and what decided it: the override, the placement, or
// the method's result against the mastery cut and the evidence required.
func (g *Graph) ExplainJudgement(s Student, t Target, m Mastery) string {
	scale := &g.Continuum.Scale
	method := g.MethodFor(t).Summary()
	cut := FormatScore(scale.Cut)
	switch m.Source {
	case FromOverride:
		verdict := "Not yet"
		if m.Mastered {
			verdict = "Mastered"
		}
		calc := "there is no evidence yet"
		if m.HasValue {
			calc = fmt.Sprintf("the evidence alone gives %s by %s", FormatScore(m.Value), lowerFirst(method))
		} else if m.Count > 0 {
			calc = fmt.Sprintf("%s gives no result from the evidence yet", lowerFirst(method))
		}
		return fmt.Sprintf("%s, by the teacher's override (%s).", verdict, calc)
	case FromPlacement:
		return fmt.Sprintf("Mastered by placement: %s started at %s in %s, and there is no evidence on this target.",
			s.Name, s.StartingLevel(g.Continuum.ID, t.Domain), t.Domain)
	}
	switch {
	case m.Count == 0:
		return "No evidence yet."
	case !m.HasValue:
		return fmt.Sprintf("Not yet: %s gives no result from %s.", method, Plural(m.Count, "piece of evidence", "pieces of evidence"))
	case m.Mastered:
		return fmt.Sprintf("Mastered: %s gives %s from %s, at or above the mastery cut %s.",
			method, FormatScore(m.Value), Plural(m.Count, "piece of evidence", "pieces of evidence"), cut)
	case m.NeedsMoreEvidence(scale):
		return fmt.Sprintf("Not yet: %s gives %s, which meets the cut, but the target needs %s and there %s.",
			method, FormatScore(m.Value), Plural(t.Required(), "piece of evidence", "pieces of evidence"), isAre(m.Count))
	}
	return fmt.Sprintf("Not yet: %s gives %s from %s, below the mastery cut %s.",
		method, FormatScore(m.Value), Plural(m.Count, "piece of evidence", "pieces of evidence"), cut)
}

// Explain writes the override with its reason, date and author.
func (o *Override) Explain() string {
	verdict := "not yet"
	if o.Mastered {
		verdict = "mastered"
	}
	by := ""
	if o.By != "" {
		by = " by " + o.By
	}
	return fmt.Sprintf("Override: %s, on %s%s. Reason: %s", verdict, o.Date.Long(), by, o.Reason)
}

// lowerFirst puts a method's name in the middle of a sentence.
func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// isAre writes "is 1" or "are 2".
func isAre(n int) string {
	if n == 1 {
		return "is 1"
	}
	return fmt.Sprintf("are %d", n)
}
