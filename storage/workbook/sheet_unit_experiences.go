package workbook

import (
	"github.com/continuum-planner/planner/continuum"
)

var experienceCols = []column{
	{names: []string{"Unit", "Unit title", "Unit ID"}, required: true, expect: "a unit of the Units sheet, by title or ID"},
	{names: []string{"Experience", "Title"}, required: true, expect: "the experience's title, such as Fraction strips"},
	{names: []string{"Kind", "Type"}, expect: "e.g. practice, performance task, project, discussion"},
	{names: []string{"Targets", "Builds"}, expect: "codes of the unit's targets it builds, separated by commas or semicolons"},
	{names: []string{"Link", "Resource", "URL"}, expect: "a resource address"},
	{names: []string{"Notes", "Note"}, expect: "the teacher's notes"},
}

// readUnitExperiences reads the learning experiences into their units; a
// row with a problem marks its unit bad.
func readUnitExperiences(p *plans) error {
	ref, ok := p.st.sheet(sheetUnitExperiences)
	if !ok {
		return nil
	}
	_, err := p.st.readTable(ref, experienceCols, true, nil, func(r *row) {
		u := p.unitOf(r, experienceCols[0].expect)
		title, ok := r.require(1, experienceCols[1].expect)
		if u == nil || !ok {
			if u != nil {
				u.bad = true
			}
			return
		}
		e := continuum.Experience{Title: title, Kind: r.str(2), Link: r.str(4), Notes: r.text(5)}
		for _, code := range splitCodes(r.str(3)) {
			if t, ok := p.inUnit(r, 3, &u.v, code); ok {
				e.Targets = append(e.Targets, t)
			}
		}
		if r.bad {
			u.bad = true
			return
		}
		u.v.Experiences = append(u.v.Experiences, e)
	})
	return err
}

// writeUnitExperiences writes each unit's learning experiences.
func writeUnitExperiences(w *writer, units []continuum.Unit) {
	w.sheet(sheetUnitExperiences, colNames(experienceCols), []float64{30, 30, 18, 24, 30, 40}, func(add func(...any)) {
		for _, u := range units {
			for _, e := range u.Experiences {
				add(u.Title, e.Title, e.Kind, joinCodes(e.Targets), e.Link, w.wrapped(e.Notes))
			}
		}
	})
}
