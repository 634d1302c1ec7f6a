package calibration

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/continuum-planner/planner/storage/exchange"
)

// Given Ana's and Ben's scores entered in the app, when the continuum is
// exported (the workbook carries their scores), a colleague adds her own
// score of the same sample to its Calibration sheet, and the workbook is
// added back here, then Ana's and Ben's scores, met again, count once:
// nothing is refused and the sample has three scorers.
func TestCalibrationExportedWorkbookFilledInByAColleague(t *testing.T) {
	f := calibUISetup(t)
	f.calibUIEnter("Essay A", "NO.1.2", "Ana", "3")
	f.calibUIEnter("Essay A", "NO.1.2", "Ben", "2")
	if got := f.calibUIStored(t); len(got) != 2 {
		t.Fatalf("stored %+v", got)
	}
	path := filepath.Join(t.TempDir(), "Math Foundations.xlsx")
	if _, err := exchange.Export(context.Background(), f.st, exchange.ExportRequest{Continuum: calibUIDemo}, path); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	row := []any{"Essay A", "NO.1.2", "Cy", 3}
	if err := x.SetSheetRow("Calibration", "A4", &row); err != nil {
		t.Fatal(err)
	}
	if err := x.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	x.Close()

	f.c.addWorkbook(path, "")
	if len(f.c.problems) != 0 || f.c.report == nil {
		t.Fatalf("problems %q, report %+v", f.c.problems, f.c.report)
	}
	if len(f.c.report.Samples) != 1 || len(f.c.report.Samples[0].Scores) != 3 || f.c.report.Targets[0].Scorers != 3 {
		t.Errorf("samples %+v, agreement %+v", f.c.report.Samples, f.c.report.Targets)
	}
}
