package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

var startingCols = []column{
	{names: []string{"Student ID", "ID", "Student"}, required: true, expect: "a student ID from the Students sheet"},
	{names: []string{"Domain"}, required: true, expect: "a domain of the continuum"},
	{names: []string{"Level", "Starting level"}, required: true, expect: "a level of the continuum"},
}

// readStartingLevels reads the students' starting levels into the roster.
func readStartingLevels(st *state, rf *refs) error {
	ref, ok := st.sheet(sheetStarting)
	if !ok {
		return nil
	}
	b := rf.b
	c := &b.Continuum
	_, err := st.readTable(ref, startingCols, true, nil, func(r *row) {
		id, ok1 := r.require(0, startingCols[0].expect)
		dom, ok2 := r.require(1, startingCols[1].expect)
		lvl, ok3 := r.require(2, startingCols[2].expect)
		if !ok1 || !ok2 || !ok3 {
			return
		}
		si, known := rf.students[id]
		if !known {
			r.problem(0, "student %s is not on the Students sheet; expected %s", id, startingCols[0].expect)
			return
		}
		di := c.DomainIndex(dom)
		if di < 0 {
			r.problem(1, "%q is not a domain of %s; expected one of %s", dom, c.Name, domainNames(c))
			return
		}
		li := c.LevelIndex(lvl)
		if li < 0 {
			r.problem(2, "%q is not a level of %s; expected one of %s", lvl, c.Name, strings.Join(c.Levels, ", "))
			return
		}
		s := &b.Students[si]
		if s.StartingLevel(c.ID, c.Domains[di].Name) != "" {
			r.problem(1, "student %s already has a starting level on %s", id, c.Domains[di].Name)
			return
		}
		s.StartingLevels = append(s.StartingLevels, continuum.StartingLevel{Continuum: c.ID, Domain: c.Domains[di].Name, Level: c.Levels[li]})
	})
	return err
}

// writeStartingLevels writes the students' starting levels in continuum c.
func writeStartingLevels(w *writer, c *continuum.Continuum, students []continuum.Student) {
	w.sheet(sheetStarting, colNames(startingCols), []float64{14, 32, 14}, func(add func(...any)) {
		for _, s := range students {
			for _, sl := range s.StartingLevels {
				if c.ID == "" || sl.Continuum == c.ID {
					add(s.ID, sl.Domain, sl.Level)
				}
			}
		}
	})
}
