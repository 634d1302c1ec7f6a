package report

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// TargetLevel is one target's level for one student, as a report card
// reads it: the scale point at or below the judged value, or, when a
// teacher's override decided, a point on the side of the mastery cut the
// override says.
type TargetLevel struct {
	// Code is the target's code as the continuum has it.
	Code string
	// HasLevel is false when the target gives no level: no evidence, no
	// result from the method yet, or no such target in the continuum.
	HasLevel bool
	// Level is a point of the scale; meaningful only when HasLevel.
	Level float64
	// Label is the level's label on the scale, e.g. "Proficient".
	Label string
	// Mastered is the judgement on the target (override and placement included).
	Mastered bool
	// Note says what gave the level ("override", "placement") or why there
	// is none ("no evidence", "no result yet", "not a target of …"); "" when
	// the evidence gave it.
	Note string
}

// CardLevel is one student's level on one report-card standard, and why.
type CardLevel struct {
	// Student is the student.
	Student continuum.Student
	// Standard is the report card's standard.
	Standard continuum.CardStandard
	// HasLevel is false when none of the standard's targets gives a level.
	HasLevel bool
	// Level is a point of the scale; meaningful only when HasLevel.
	Level float64
	// Label is the level's label on the scale, e.g. "Proficient"; "" without a level.
	Label string
	// Targets are the standard's targets with their levels, in the card's order.
	Targets []TargetLevel
	// Why says which targets gave the level and how the rule read them:
	// "NO.1.1 Proficient, NO.1.2 Developing, NO.2.3 no evidence: most
	// frequent level Proficient".
	Why string
}

// RollUp gives every student of class a level on every standard of card,
// as of day on: evidence and overrides dated after on are not counted.
// The result lists the students in class order, each with the standards
// in the card's order. A target the continuum does not have, or without
// evidence, is left out of the rule and named so in Why.
func RollUp(g *continuum.Graph, card continuum.ReportCard, class continuum.Class, on continuum.Date) []CardLevel {
	evBy := map[string][]continuum.Evidence{}
	for _, e := range class.Evidence {
		if on.IsZero() || !e.Date.After(on) {
			evBy[e.Student] = append(evBy[e.Student], e)
		}
	}
	ovBy := map[string][]continuum.Override{}
	for _, o := range class.Overrides {
		if on.IsZero() || !o.Date.After(on) {
			ovBy[o.Student] = append(ovBy[o.Student], o)
		}
	}
	out := make([]CardLevel, 0, len(class.Students)*len(card.Standards))
	for i := range class.Students {
		st := &class.Students[i]
		mastery := g.StudentMastery(st, evBy[st.ID], ovBy[st.ID])
		out = append(out, RollUpStudent(g, card, *st, mastery)...)
	}
	return out
}

// RollUpStudent gives one student a level on every standard of card from
// the student's judgements (Graph.StudentMastery, indexed like g.Targets).
func RollUpStudent(g *continuum.Graph, card continuum.ReportCard, st continuum.Student, mastery []continuum.Mastery) []CardLevel {
	scale := &g.Continuum.Scale
	out := make([]CardLevel, 0, len(card.Standards))
	for _, s := range card.Standards {
		cl := CardLevel{Student: st, Standard: s, Targets: make([]TargetLevel, 0, len(s.Targets))}
		for _, code := range s.Targets {
			i, ok := g.Lookup(code)
			if !ok || i >= len(mastery) {
				cl.Targets = append(cl.Targets, TargetLevel{Code: continuum.NormalizeCode(code),
					Note: "not a target of " + g.Continuum.Name})
				continue
			}
			tl := LevelOf(scale, mastery[i])
			tl.Code = g.Targets[i].Code
			cl.Targets = append(cl.Targets, tl)
		}
		var how string
		cl.Level, cl.HasLevel, how = Roll(scale, s, cl.Targets)
		if cl.HasLevel {
			p, _ := scale.Point(cl.Level)
			cl.Label = p.Label
		}
		cl.Why = whyText(cl.Targets, s.Rule, how)
		out = append(out, cl)
	}
	return out
}

// LevelOf reads one judgement as a level on scale. Evidence gives the
// point at or below the method's value. An override gives that point too
// when it is on the override's side of the mastery cut, else the point
// just over the cut (mastered) or just under it (not yet). A placement
// without evidence gives the first point at the cut. No evidence, or no
// result from the method yet, gives no level.
func LevelOf(scale *continuum.Scale, m continuum.Mastery) TargetLevel {
	tl := TargetLevel{Code: m.Target, Mastered: m.Mastered}
	var v float64
	switch {
	case len(scale.Points) == 0:
		tl.Note = "no scale"
		return tl
	case m.Source == continuum.FromOverride:
		tl.Note = "override"
		switch {
		case m.Mastered && m.HasValue && scale.Mastered(scale.PointAtOrBelow(m.Value).Value):
			v = scale.PointAtOrBelow(m.Value).Value
		case m.Mastered:
			v = cutPoint(scale).Value
		case m.HasValue:
			v = math.Min(scale.PointAtOrBelow(m.Value).Value, scale.PointBelow(scale.Cut).Value)
		default:
			v = scale.PointBelow(scale.Cut).Value
		}
	case m.Source == continuum.FromPlacement:
		tl.Note = "placement"
		v = cutPoint(scale).Value
	case m.Count == 0:
		tl.Note = "no evidence"
		return tl
	case !m.HasValue:
		tl.Note = "no result yet"
		return tl
	default:
		v = scale.PointAtOrBelow(m.Value).Value
	}
	p := scale.PointAtOrBelow(v)
	tl.HasLevel, tl.Level, tl.Label = true, p.Value, p.Label
	return tl
}

// cutPoint returns the lowest point of the scale that meets the mastery cut.
func cutPoint(scale *continuum.Scale) continuum.ScalePoint {
	for _, p := range scale.Points {
		if scale.Mastered(p.Value) {
			return p
		}
	}
	return scale.Points[len(scale.Points)-1]
}

// Roll applies a standard's rule to its targets' levels, leaving out the
// targets without one. It returns the level, whether there is one, and
// the rule's reading in words ("most frequent level Proficient").
func Roll(scale *continuum.Scale, s continuum.CardStandard, targets []TargetLevel) (float64, bool, string) {
	var levels []float64
	mastered := 0
	for _, t := range targets {
		if t.HasLevel {
			levels = append(levels, t.Level)
			if t.Mastered {
				mastered++
			}
		}
	}
	if len(levels) == 0 || len(scale.Points) == 0 {
		return 0, false, "none of its targets has a level yet"
	}
	label := func(v float64) string { return scale.PointAtOrBelow(v).Label }
	switch s.Rule {
	case continuum.RuleMeanDown:
		var sum float64
		for _, l := range levels {
			sum += l
		}
		mean := sum / float64(len(levels))
		v := scale.PointAtOrBelow(mean).Value
		return v, true, fmt.Sprintf("mean %s, rounded down: %s", continuum.FormatScore(math.Floor(mean*100)/100), label(v))
	case continuum.RuleLowest:
		v := slices.Min(levels)
		return v, true, "lowest level " + label(v)
	case continuum.RuleBands:
		return bandLevel(scale, s.Bands, mastered, len(levels))
	}
	v := mostFrequent(levels)
	return v, true, "most frequent level " + label(v)
}

// mostFrequent returns the level given most often; of levels given
// equally often, the lowest.
func mostFrequent(levels []float64) float64 {
	sorted := slices.Clone(levels)
	slices.Sort(sorted)
	best, bestN := sorted[0], 0
	for lo := 0; lo < len(sorted); {
		hi := lo
		for hi < len(sorted) && sorted[hi] == sorted[lo] {
			hi++
		}
		if hi-lo > bestN { // strictly more: a tie keeps the lower level met first
			best, bestN = sorted[lo], hi-lo
		}
		lo = hi
	}
	return best
}

// bandLevel reads the share of targets mastered against the bands: the
// band with the highest share at or below it gives the level, else the
// scale's lowest point.
func bandLevel(scale *continuum.Scale, bands []continuum.CardBand, mastered, n int) (float64, bool, string) {
	share := 100 * float64(mastered) / float64(n)
	sorted := slices.Clone(bands)
	slices.SortStableFunc(sorted, func(a, b continuum.CardBand) int {
		switch {
		case a.MinPercent > b.MinPercent:
			return -1
		case a.MinPercent < b.MinPercent:
			return 1
		}
		return 0
	})
	head := fmt.Sprintf("%d of %d mastered (%d%%)", mastered, n, int(math.Floor(share+1e-9)))
	for _, b := range sorted {
		if share >= b.MinPercent-1e-9 {
			p := scale.PointAtOrBelow(b.Level)
			return p.Value, true, fmt.Sprintf("%s, in the band from %s%%: %s", head, continuum.FormatScore(b.MinPercent), p.Label)
		}
	}
	p := scale.Points[0]
	return p.Value, true, fmt.Sprintf("%s, below every band: %s", head, p.Label)
}

// whyText writes the targets with their levels, then the rule's reading.
func whyText(targets []TargetLevel, rule continuum.CardRule, how string) string {
	parts := make([]string, len(targets))
	for i, t := range targets {
		var b strings.Builder
		b.WriteString(t.Code)
		switch {
		case !t.HasLevel:
			b.WriteString(" " + t.Note)
		case rule == continuum.RuleBands && t.Mastered:
			b.WriteString(" " + t.Label + ", mastered")
		case rule == continuum.RuleBands:
			b.WriteString(" " + t.Label + ", not yet")
		default:
			b.WriteString(" " + t.Label)
		}
		if t.HasLevel && t.Note != "" {
			b.WriteString(" (" + t.Note + ")")
		}
		parts[i] = b.String()
	}
	return strings.Join(parts, ", ") + ": " + how
}
