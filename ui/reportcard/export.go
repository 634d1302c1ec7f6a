package reportcard

import (
	"context"
	"fmt"
	"io"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
)

// onExport asks where to write the levels of the students shown as the
// CSV the school's information system imports.
func (s *Screen) onExport() {
	d := s.data
	if d == nil || len(d.standards()) == 0 {
		screen.ShowInfo(s.Win, "Export for the SIS", "This continuum has no report card yet: add a standard first.")
		return
	}
	c := d.graph.Continuum
	s.saveChoice = screen.FileChoice{Title: "Export the report card of " + c.Name + " for the SIS", Confirm: "Export",
		Ext: ".csv", Name: screen.FileName(c.Name+" report card", s.group, d.on, ".csv")}
	cid, group, on := c.ID, s.group, d.on
	s.saveDialog = screen.ChooseSave(s.Win, s.saveChoice, func(path string) { s.exportTo(cid, group, on, path) })
}

// exportTo rolls the group up as of on, through the use case the command
// line runs too, and writes the CSV to path whole or not at all.
func (s *Screen) exportTo(cid, group string, on continuum.Date, path string) {
	screen.Run(func(ctx context.Context) (exchange.CardRollUp, error) {
		ru, err := exchange.ReportCardLevels(ctx, s.store, cid, group, on)
		if err != nil {
			return ru, err
		}
		err = workbook.WriteFile(ctx, path, func(w io.Writer) error { return exchange.WriteReportCardCSV(w, ru.Levels) })
		if err != nil {
			return ru, fmt.Errorf("export the report card to %s: %w", path, err)
		}
		return ru, nil
	}, func(ru exchange.CardRollUp) {
		screen.RememberFolder(path)
		screen.ShowInfo(s.Win, "Report card exported", fmt.Sprintf("Wrote the levels of %s on %s, as of %s, in %s.",
			continuum.Plural(ru.Students, "student", "students"),
			continuum.Plural(len(ru.Continuum.ReportCard.Standards), "standard", "standards"), ru.On.Long(), path))
		s.exportDone(path, nil)
	}, func(err error) {
		screen.RemoveIfEmpty(path) // the save dialog made it
		screen.ShowError(s.Win, err)
		s.exportDone(path, err)
	})
}

// exportDone tells the tests how an export ended.
func (s *Screen) exportDone(path string, err error) {
	if s.exported != nil {
		s.exported(path, err)
	}
}
