package workbook

import (
	"github.com/continuum-planner/planner/continuum"
)

var unitCheckpointCols = []column{
	{names: []string{"Unit", "Unit title", "Unit ID"}, required: true, expect: "a unit of the Units sheet, by title or ID"},
	{names: []string{"Target", "Code"}, required: true, expect: "a target the unit teaches"},
	{names: []string{"Date", "Day"}, required: true, expect: "the day of the assessment, such as 2026-12-04"},
	{names: []string{"Kind", "Type"}, expect: "formative, summative, performance-task, observation or self-assessment"},
}

// readUnitCheckpoints reads the units' planned assessments into their
// units; a row with a problem marks its unit bad.
func readUnitCheckpoints(p *plans) error {
	ref, ok := p.st.sheet(sheetUnitCheckpoints)
	if !ok {
		return nil
	}
	_, err := p.st.readTable(ref, unitCheckpointCols, true, nil, func(r *row) {
		u := p.unitOf(r, unitCheckpointCols[0].expect)
		code, ok := r.require(1, unitCheckpointCols[1].expect)
		if u == nil || !ok {
			if u != nil {
				u.bad = true
			}
			return
		}
		cp := continuum.UnitCheckpoint{Kind: continuum.Formative}
		cp.Target, _ = p.inUnit(r, 1, &u.v, code)
		if !r.present(2) {
			r.problem(2, "is empty; expected %s", unitCheckpointCols[2].expect)
		} else {
			cp.Date, _ = r.date(2)
		}
		if k := r.str(3); k != "" {
			kind, err := continuum.ParseEvidenceKind(k)
			if err != nil {
				r.problemErr(3, err)
			}
			cp.Kind = kind
		}
		if r.bad {
			u.bad = true
			return
		}
		u.v.Checkpoints = append(u.v.Checkpoints, cp)
	})
	return err
}

// writeUnitCheckpoints writes each unit's planned assessments.
func writeUnitCheckpoints(w *writer, units []continuum.Unit) {
	w.sheet(sheetUnitCheckpoints, colNames(unitCheckpointCols), []float64{30, 14, 12, 18}, func(add func(...any)) {
		for _, u := range units {
			for _, cp := range u.Checkpoints {
				add(u.Title, cp.Target, w.date(cp.Date), string(cp.Kind))
			}
		}
	})
}
