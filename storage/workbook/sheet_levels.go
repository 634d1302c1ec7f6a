package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

var levelCols = []column{
	{names: []string{"Level", "Name", "Grade"}, required: true, expect: "the name of a level, such as K or Level 1"},
}

// readLevels reads the ordered levels into c; it reports false without a
// Levels sheet.
func readLevels(st *state, c *continuum.Continuum, src *continuumSheets) (bool, error) {
	ref, ok := st.sheet(sheetLevels)
	if !ok {
		return false, nil
	}
	c.Levels = nil
	seen := map[string]int{}
	_, err := st.readTable(ref, levelCols, true, nil, func(r *row) {
		l, ok := r.require(0, levelCols[0].expect)
		if !ok {
			return
		}
		if first, dup := seen[strings.ToLower(l)]; dup {
			r.problem(0, "level %q is already on row %d; levels must differ", l, first)
			return
		}
		seen[strings.ToLower(l)] = r.num
		c.Levels = append(c.Levels, l)
	})
	src.levels = ref.name
	return true, err
}

// writeLevels writes the Levels sheet, lowest first.
func writeLevels(w *writer, c *continuum.Continuum) {
	w.sheet(sheetLevels, colNames(levelCols), []float64{16}, func(add func(...any)) {
		for _, l := range c.Levels {
			add(l)
		}
	})
}
