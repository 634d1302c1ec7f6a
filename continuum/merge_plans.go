package continuum

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
)

// Sections of a merge preview for the plans a workbook carries.
const (
	SectionUnits = "Units"
	SectionFlex  = "Flex"
)

// planUnits merges the incoming units: matched by ID, else by title
// (case-insensitively); one defined differently is a conflict. known maps
// lower-cased target codes, stored or incoming, to their canonical form.
func (p *Plan) planUnits(mine *Snapshot, incoming []Unit, known map[string]string) {
	var stored []Unit
	if mine != nil {
		stored = mine.Units
	}
	byID, byTitle := map[string]Unit{}, map[string]Unit{}
	for _, u := range stored {
		byID[strings.ToLower(strings.TrimSpace(u.ID))] = u
		byTitle[strings.ToLower(strings.TrimSpace(u.Title))] = u
	}
	for _, u := range incoming {
		u = cloneUnit(u)
		u.ID, u.Title, u.Continuum = strings.TrimSpace(u.ID), strings.TrimSpace(u.Title), p.Continuum.ID
		key := cmp.Or(u.Title, u.ID)
		if reason := canonicalUnit(&u, known, p.Continuum.Name); reason != "" {
			p.refuse(SectionUnits, key, reason)
			continue
		}
		old, ok := byID[strings.ToLower(u.ID)]
		if !ok {
			old, ok = byTitle[strings.ToLower(u.Title)]
			if ok {
				u.ID = old.ID // the same unit, saved under another ID by a colleague's store
			}
		} else if other, clash := byTitle[strings.ToLower(u.Title)]; clash && !strings.EqualFold(other.ID, u.ID) {
			p.refuse(SectionUnits, key, fmt.Sprintf("%s already has another unit called %q", p.Continuum.Name, u.Title))
			continue
		}
		switch {
		case !ok:
			p.units = append(p.units, u)
			p.count(SectionUnits, Added)
		case len(unitDiff(old, u)) == 0:
			p.count(SectionUnits, Unchanged)
		default:
			p.Conflicts = append(p.Conflicts, Conflict{Section: SectionUnits, Key: old.Title, Fields: unitDiff(old, u), Mine: old, Theirs: u})
			p.count(SectionUnits, Conflicting)
		}
	}
}

// planFlex merges the incoming flex blocks, matched by ID; one defined
// differently is a conflict. Assigned students are matched as the roster
// was (by ID, else external ID).
func (p *Plan) planFlex(mine *Snapshot, incoming []FlexBlock, known map[string]string) {
	stored := map[string]FlexBlock{}
	if mine != nil {
		for _, b := range mine.Flex {
			stored[strings.ToLower(strings.TrimSpace(b.ID))] = b
		}
	}
	for _, b := range incoming {
		b = cloneBlock(b)
		b.ID, b.Continuum = strings.TrimSpace(b.ID), p.Continuum.ID
		if reason := p.canonicalBlock(&b, known); reason != "" {
			p.refuse(SectionFlex, b.ID, reason)
			continue
		}
		if err := b.Validate(nil); err != nil {
			p.refuse(SectionFlex, b.ID, ErrorMessage(err))
			continue
		}
		old, ok := stored[strings.ToLower(b.ID)]
		switch {
		case !ok:
			p.flex = append(p.flex, b)
			p.count(SectionFlex, Added)
		case len(flexDiff(old, b)) == 0:
			p.count(SectionFlex, Unchanged)
		default:
			b.ID = old.ID
			p.Conflicts = append(p.Conflicts, Conflict{Section: SectionFlex, Key: old.ID, Fields: flexDiff(old, b), Mine: old, Theirs: b})
			p.count(SectionFlex, Conflicting)
		}
	}
}

// checkPlans checks the units and blocks of a merge against the merged
// continuum as a whole.
func checkPlans(g *Graph, ch *MergeChange) error {
	for _, u := range ch.Units {
		if err := u.Validate(g); err != nil {
			return err
		}
	}
	for _, b := range ch.Flex {
		if err := b.Validate(g); err != nil {
			return err
		}
	}
	return nil
}

// canonicalUnit writes the unit's target codes as the continuum has them;
// it returns why the unit cannot be merged, or "".
func canonicalUnit(u *Unit, known map[string]string, name string) string {
	canon := func(code string) (string, bool) {
		c, ok := known[strings.ToLower(NormalizeCode(code))]
		return c, ok
	}
	for i, code := range u.Targets {
		c, ok := canon(code)
		if !ok {
			return fmt.Sprintf("target %s is not a target of %s", code, name)
		}
		u.Targets[i] = c
	}
	for i := range u.Experiences {
		for k, code := range u.Experiences[i].Targets {
			c, ok := canon(code)
			if !ok {
				return fmt.Sprintf("experience %q builds %s, which is not a target of %s", u.Experiences[i].Title, code, name)
			}
			u.Experiences[i].Targets[k] = c
		}
	}
	for i, cp := range u.Checkpoints {
		c, ok := canon(cp.Target)
		if !ok {
			return fmt.Sprintf("a checkpoint assesses %s, which is not a target of %s", cp.Target, name)
		}
		u.Checkpoints[i].Target = c
	}
	return ""
}

// canonicalBlock writes the block's focus codes as the continuum has them
// and its students' IDs as the store has them; it returns why the block
// cannot be merged, or "".
func (p *Plan) canonicalBlock(b *FlexBlock, known map[string]string) string {
	for i, o := range b.Offerings {
		for k, code := range o.Focus {
			c, ok := known[strings.ToLower(NormalizeCode(code))]
			if !ok {
				return fmt.Sprintf("offering %s focuses on %s, which is not a target of %s", o.ID, code, p.Continuum.Name)
			}
			b.Offerings[i].Focus[k] = c
		}
	}
	for i, a := range b.Assignments {
		sid, ok := p.studentIDs[strings.TrimSpace(a.Student)]
		if !ok {
			return fmt.Sprintf("student %s is neither in the store nor in the workbook", a.Student)
		}
		b.Assignments[i].Student = sid
	}
	return ""
}

func cloneUnit(u Unit) Unit {
	u.Targets = slices.Clone(u.Targets)
	u.Experiences = slices.Clone(u.Experiences)
	for i := range u.Experiences {
		u.Experiences[i].Targets = slices.Clone(u.Experiences[i].Targets)
	}
	u.Checkpoints = slices.Clone(u.Checkpoints)
	return u
}

func cloneBlock(b FlexBlock) FlexBlock {
	b.Offerings = slices.Clone(b.Offerings)
	for i := range b.Offerings {
		b.Offerings[i].Focus = slices.Clone(b.Offerings[i].Focus)
	}
	b.Assignments = slices.Clone(b.Assignments)
	return b
}

// unitDiff names the fields in which two versions of a unit differ.
func unitDiff(a, b Unit) []string {
	var f []string
	add := func(name string, differ bool) {
		if differ {
			f = append(f, name)
		}
	}
	add("title", strings.TrimSpace(a.Title) != strings.TrimSpace(b.Title))
	add("order", a.Order != b.Order)
	add("dates", a.Start != b.Start || a.End != b.End)
	add("targets", !sameCodes(a.Targets, b.Targets))
	add("experiences", !slices.EqualFunc(a.Experiences, b.Experiences, func(x, y Experience) bool {
		return strings.TrimSpace(x.Title) == strings.TrimSpace(y.Title) && strings.TrimSpace(x.Kind) == strings.TrimSpace(y.Kind) &&
			sameCodes(x.Targets, y.Targets) && strings.TrimSpace(x.Link) == strings.TrimSpace(y.Link) && strings.TrimSpace(x.Notes) == strings.TrimSpace(y.Notes)
	}))
	add("checkpoints", !slices.EqualFunc(a.Checkpoints, b.Checkpoints, func(x, y UnitCheckpoint) bool {
		return SameCode(x.Target, y.Target) && x.Date == y.Date && x.Kind == y.Kind
	}))
	add("supports", strings.TrimSpace(a.Supports) != strings.TrimSpace(b.Supports))
	add("extensions", strings.TrimSpace(a.Extensions) != strings.TrimSpace(b.Extensions))
	return f
}

// flexDiff names the fields in which two versions of a flex block differ;
// assignments are compared as a set, by student.
func flexDiff(a, b FlexBlock) []string {
	var f []string
	add := func(name string, differ bool) {
		if differ {
			f = append(f, name)
		}
	}
	add("date", a.Date != b.Date)
	add("slot", strings.TrimSpace(a.Slot) != strings.TrimSpace(b.Slot))
	add("minutes", a.Minutes != b.Minutes)
	add("offerings", !slices.EqualFunc(a.Offerings, b.Offerings, func(x, y Offering) bool {
		return strings.EqualFold(strings.TrimSpace(x.ID), strings.TrimSpace(y.ID)) && strings.TrimSpace(x.Title) == strings.TrimSpace(y.Title) &&
			x.Kind == y.Kind && strings.TrimSpace(x.Teacher) == strings.TrimSpace(y.Teacher) && strings.TrimSpace(x.Room) == strings.TrimSpace(y.Room) &&
			x.Capacity == y.Capacity && sameCodes(x.Focus, y.Focus)
	}))
	placed := func(as []Assignment) map[string]string {
		m := make(map[string]string, len(as))
		for _, x := range as {
			attended := "-"
			if x.Attended != nil {
				attended = fmt.Sprint(*x.Attended)
			}
			m[x.Student] = fmt.Sprintf("%s|%d|%t|%s|%s|%s", strings.ToLower(strings.TrimSpace(x.Offering)), x.Tier, x.Pinned,
				strings.TrimSpace(x.Reason), attended, strings.TrimSpace(x.Outcome))
		}
		return m
	}
	pa, pb := placed(a.Assignments), placed(b.Assignments)
	same := len(pa) == len(pb)
	for k, v := range pa {
		if pb[k] != v {
			same = false
			break
		}
	}
	add("assignments", !same)
	return f
}
