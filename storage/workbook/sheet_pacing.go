package workbook

import (
	"github.com/continuum-planner/planner/continuum"
)

var pacingCols = []column{
	{names: []string{"Date", "By"}, required: true, expect: "a date such as 2026-12-18 or 12/18/2026"},
	{names: []string{"Level", "Level secured"}, required: true, expect: "the level expected to be secured by then"},
}

// readPacing reads the Pacing sheet's checkpoints into p, then gives c a
// pacing plan when About or Pacing set one.
func readPacing(st *state, c *continuum.Continuum, p *pacingParts) error {
	if ref, ok := st.sheet(sheetPacing); ok {
		_, err := st.readTable(ref, pacingCols, true, nil, func(r *row) {
			d, okD := r.date(0)
			if !r.present(0) {
				r.problem(0, "is empty; expected %s", pacingCols[0].expect)
			}
			l, okL := r.require(1, pacingCols[1].expect)
			if okD && okL {
				p.checkpoints = append(p.checkpoints, continuum.Checkpoint{Date: d, Level: l})
			}
		})
		if err != nil {
			return err
		}
	}
	if !p.start.IsZero() || len(p.checkpoints) > 0 {
		c.Pacing = &continuum.PacingPlan{Start: p.start, Checkpoints: p.checkpoints, Tolerance: p.tolerance}
	}
	return nil
}

// writePacing writes the pacing plan's checkpoints (none without a plan).
func writePacing(w *writer, c *continuum.Continuum) {
	w.sheet(sheetPacing, colNames(pacingCols), []float64{14, 16}, func(add func(...any)) {
		if plan := c.Pacing; plan != nil {
			for _, cp := range plan.Checkpoints {
				add(w.date(cp.Date), cp.Level)
			}
		}
	})
}
