package continuum

import (
	"cmp"
	"slices"
	"strings"
)

// Support is one flex support a student was placed in, with how the
// student stood on each focus target before the block and stands now:
// the teacher's answer to "did the support work?".
type Support struct {
	// Block is the block's ID.
	Block string
	// Date is the day of the block.
	Date Date
	// Slot names the block in the day, e.g. "WIN time".
	Slot string
	// Offering is the offering the student was placed in.
	Offering Offering
	// Tier is how firmly the student was placed.
	Tier Tier
	// Reason is the one-line reason for the placement.
	Reason string
	// Attended records whether the student came (nil: not recorded).
	Attended *bool
	// Outcome is the teacher's quick note after the block.
	Outcome string
	// Focus has one entry per focus target of the offering that is a
	// target of the continuum, in the offering's order.
	Focus []FocusChange
}

// FocusChange is a student's mastery of one focus target before a block
// and now.
type FocusChange struct {
	// Target is the target's code.
	Target string
	// Before is the judgement on the evidence and overrides dated before the block's day.
	Before Mastery
	// Now is the judgement on all the evidence and overrides.
	Now Mastery
}

// Gain returns how far the mastery value moved since the block, when
// there is a value both before and now.
func (f FocusChange) Gain() (float64, bool) {
	if !f.Before.HasValue || !f.Now.HasValue {
		return 0, false
	}
	return f.Now.Value - f.Before.Value, true
}

// NewEvidence returns how many pieces of evidence on the target were
// recorded on or after the block's day.
func (f FocusChange) NewEvidence() int { return f.Now.Count - f.Before.Count }

// SupportHistory lists the flex supports student was placed in among
// blocks of g's continuum, oldest first (by date, then slot, then block
// ID), with the mastery on each focus target judged on the student's
// evidence and overrides dated before the block's day, and on all of them.
// Evidence recorded on the day of the block counts as after it: the
// support may be where it was gathered. evidence and overrides are the
// student's in this continuum, in any order; others are ignored.
func SupportHistory(g *Graph, student Student, blocks []FlexBlock, evidence []Evidence, overrides []Override) []Support {
	var mine []Evidence
	for _, e := range evidence {
		if e.Student == student.ID {
			mine = append(mine, e)
		}
	}
	var myOverrides []Override
	for _, o := range overrides {
		if o.Student == student.ID {
			myOverrides = append(myOverrides, o)
		}
	}
	var now []Mastery // judged once, when a support needs it
	before := map[Date][]Mastery{}
	var out []Support
	for _, b := range blocks {
		if b.Continuum != "" && b.Continuum != g.Continuum.ID {
			continue
		}
		for _, a := range b.Assignments {
			if a.Student != student.ID {
				continue
			}
			off, ok := b.Offering(a.Offering)
			if !ok {
				continue
			}
			if now == nil {
				now = g.StudentMastery(&student, mine, myOverrides)
			}
			then, ok := before[b.Date]
			if !ok {
				then = g.StudentMastery(&student, evidenceBefore(mine, b.Date), overridesBefore(myOverrides, b.Date))
				before[b.Date] = then
			}
			s := Support{Block: b.ID, Date: b.Date, Slot: b.Slot, Offering: off, Tier: a.Tier,
				Reason: a.Reason, Attended: a.Attended, Outcome: a.Outcome}
			for _, code := range off.Focus {
				if i, ok := g.Lookup(code); ok {
					s.Focus = append(s.Focus, FocusChange{Target: g.Targets[i].Code, Before: then[i], Now: now[i]})
				}
			}
			out = append(out, s)
		}
	}
	slices.SortStableFunc(out, func(a, b Support) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Slot, b.Slot), strings.Compare(a.Block, b.Block))
	})
	return out
}

// evidenceBefore keeps the evidence dated before day.
func evidenceBefore(ev []Evidence, day Date) []Evidence {
	var out []Evidence
	for _, e := range ev {
		if e.Date.Before(day) {
			out = append(out, e)
		}
	}
	return out
}

// overridesBefore keeps the overrides dated before day.
func overridesBefore(ov []Override, day Date) []Override {
	var out []Override
	for _, o := range ov {
		if o.Date.Before(day) {
			out = append(out, o)
		}
	}
	return out
}
