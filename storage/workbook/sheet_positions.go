package workbook

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

var positionHeaders = []string{"Student ID", "Student", "Group", "Domain", "Category", "Secured level", "Working level",
	"Ready next", "Gaps", "Pace", "Mastered", "Targets", "Pace delta"}

// positionsSheet writes the computed Positions sheet: a row per student
// and domain.
type positionsSheet struct {
	w     *writer
	sd    *sheetData // nil when the sheet could not be made
	c     *continuum.Continuum
	n     int // the last row written
	cells []any
}

func newPositionsSheet(w *writer, c *continuum.Continuum) *positionsSheet {
	sd := w.newSheet(sheetPositions, positionHeaders, []float64{14, 24, 14, 28, 12, 12, 12, 30, 30, 18, 9, 9, 10}, 0)
	return &positionsSheet{w: w, sd: sd, c: c, n: 1, cells: make([]any, len(positionHeaders))}
}

// level returns the name of level i, or "" for none.
func (ps *positionsSheet) level(i int) string {
	if i < 0 {
		return ""
	}
	return ps.c.Levels[i]
}

// add writes a student's positions.
func (ps *positionsSheet) add(sp *continuum.StudentPositions) error {
	w := ps.w
	w.sheetName = sheetPositions
	for _, p := range sp.Positions {
		ps.n++
		var delta any
		if p.Pace.Status != continuum.NoPlan {
			delta = p.Pace.Delta
		}
		vals := []any{sp.Student.ID, sp.Student.Name, sp.Student.Group, p.Domain, string(p.Category), ps.level(p.Secured), ps.level(p.Working),
			strings.Join(p.ReadyNext, "; "), strings.Join(p.Gaps, "; "), p.Pace.String(), p.Mastered, p.Total, delta}
		for i, v := range vals {
			ps.cells[i] = w.cell(i, v)
		}
		if err := ps.sd.SetRow(ps.n, ps.cells); err != nil {
			return err
		}
	}
	return nil
}

// finish ends the sheet with its filter.
func (ps *positionsSheet) finish() {
	ps.w.finish(ps.sd, sheetPositions, len(positionHeaders), ps.n)
}
