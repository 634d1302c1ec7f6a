package workbook_test

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// Given a calibration with a target two people scored (Cohen's textbook
// example: κ = 0.40) and a sample scored by one person, when the report is
// written, then its sheet holds the per-target figures, the samples by
// spread and the sample left out.
func TestEncodeCalibrationReport(t *testing.T) {
	scale := continuum.DefaultScale()
	var scores []continuum.CalibrationScore
	add := func(n int, a, b float64) {
		for range n {
			s := fmt.Sprintf("P%02d", len(scores)/2+1)
			scores = append(scores, continuum.CalibrationScore{Sample: s, Target: "T1", Scorer: "A", Score: a}, continuum.CalibrationScore{Sample: s, Target: "T1", Scorer: "B", Score: b})
		}
	}
	add(20, 3, 3)
	add(5, 3, 1)
	add(10, 1, 3)
	add(15, 1, 1)
	scores = append(scores, continuum.CalibrationScore{Sample: "Lonely", Target: "T2", Scorer: "A", Score: 2})
	r, err := continuum.Calibrate(&scale, scores)
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := workbook.EncodeCalibrationReport(context.Background(), &buf, r, workbook.ReportOptions{Continuum: "Science", Files: []string{"a.xlsx", "b.xlsx"}, Now: exportTime}); err != nil {
		t.Fatal(err)
	}
	sheets := sheetValues(t, buf.Bytes())
	rows := sheets["Calibration report"]
	if rows == nil || sheets["About"] == nil {
		t.Fatalf("sheets %v", sheets)
	}
	want := [][]string{
		{"Target", "Samples", "Scorers", "Pairs", "Exact agreement %", "Adjacent agreement %", "Kappa", "Kappa kind"},
		{"T1", "50", "2", "50", "70", "70", "0.4", "cohen"},
		nil,
		{"Sample", "Target", "Scores", "Lowest", "Highest", "Spread (scale steps)"},
		{"P21", "T1", "A 3, B 1", "1", "3", "2"},
	}
	for i, w := range want {
		if !slices.Equal(rows[i], w) {
			t.Errorf("row %d = %q, want %q", i+1, rows[i], w)
		}
	}
	n := len(rows)
	if rows[n-2][0] != "Left out: scored by one person only" || rows[n-1][0] != "Lonely on T2 (scored only by A)" {
		t.Errorf("last rows %q", rows[n-2:])
	}
	if got := len(rows) - 4 - 3; got != 50 {
		t.Errorf("%d sample rows, want 50", got)
	}
}
