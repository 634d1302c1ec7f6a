package continuum

import (
	"reflect"
	"strings"
)

// fieldReportCard names the report card in a conflict of the Continuum section.
const fieldReportCard = "report card"

// planReportCard merges the incoming report card, its target codes first
// written as the merged continuum has them (known, from planTargets). A
// card the store lacks is taken (a change); one equal to the stored card
// changes nothing; a different one is a conflict the teacher decides, the
// stored card kept until then. A file without a card leaves the stored one.
func (p *Plan) planReportCard(mine *Snapshot, in *ReportCard, known map[string]string) {
	if in == nil {
		return
	}
	card := in.Clone()
	for i := range card.Standards {
		card.Standards[i].Targets = canonicalCodes(card.Standards[i].Targets, known)
	}
	if err := card.Validate(&p.Continuum.Scale); err != nil {
		p.refuse(SectionContinuum, p.Continuum.Name, "the file's report card cannot be kept: "+ErrorMessage(err))
		if p.NewContinuum {
			p.Continuum.ReportCard = nil
		}
		return
	}
	if p.NewContinuum || mine == nil {
		p.Continuum.ReportCard = card
		return
	}
	stored := mine.Continuum.ReportCard
	switch {
	case stored == nil:
		p.Continuum.ReportCard = card
		p.CardOnly = p.recount(SectionContinuum, Unchanged, Changed)
	case sameReportCard(stored, card):
	default:
		theirs := p.Continuum
		theirs.ReportCard = card
		p.Conflicts = append(p.Conflicts, Conflict{Section: SectionContinuum, Key: p.Continuum.Name + " report card",
			Fields: []string{fieldReportCard}, Mine: p.Continuum, Theirs: theirs})
		p.recount(SectionContinuum, Unchanged, Conflicting)
	}
}

// recount moves the continuum's count from one outcome to another, when it
// has the first (a continuum otherwise unchanged whose card changes), and
// reports whether it did; a count already past it (changed, conflicting)
// stays.
func (p *Plan) recount(section string, from, to Outcome) bool {
	if p.Counts[section][from] > 0 {
		p.Counts[section][from]--
		p.count(section, to)
		return true
	}
	return false
}

// IsReportCard reports whether the conflict is over a continuum's report card.
func (c Conflict) IsReportCard() bool {
	return c.Section == SectionContinuum && len(c.Fields) == 1 && c.Fields[0] == fieldReportCard
}

// sameReportCard compares two cards, target codes and standard codes
// capitals aside.
func sameReportCard(a, b *ReportCard) bool {
	if len(a.Standards) != len(b.Standards) {
		return false
	}
	for i := range a.Standards {
		x, y := a.Standards[i], b.Standards[i]
		if !SameCode(x.Code, y.Code) || strings.TrimSpace(x.Name) != strings.TrimSpace(y.Name) || x.Rule != y.Rule ||
			!sameCodes(x.Targets, y.Targets) || !reflect.DeepEqual(x.Bands, y.Bands) {
			return false
		}
	}
	return true
}

// takeContinuumFields gives c the fields of theirs that a conflict names.
func takeContinuumFields(c *Continuum, theirs Continuum, fields []string) {
	for _, f := range fields {
		switch f {
		case "scale":
			c.Scale = theirs.Scale
		case "method":
			c.Method = theirs.Method
		case fieldReportCard:
			c.ReportCard = theirs.ReportCard.Clone()
		}
	}
}
