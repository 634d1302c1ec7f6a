package workbook

import (
	"context"
	"fmt"
	"io"
	"math"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/xuri/excelize/v2"
)

// ReportOptions describe a calibration report for its About sheet.
type ReportOptions struct {
	// Continuum is the name of the continuum the samples were scored on.
	Continuum string
	// Files are the workbooks whose Calibration sheets were merged.
	Files []string
	// Now is when the report was written (default the current time).
	Now time.Time
	// AppVersion is the program's version.
	AppVersion string
}

// calibrationHeaders are the columns of the per-target table of the
// Calibration report sheet; continuumctl calibrate prints the same
// figures as target, samples, scorers, pairs, exact_pct, adjacent_pct,
// kappa and kappa_kind.
var calibrationHeaders = []string{"Target", "Samples", "Scorers", "Pairs", "Exact agreement %", "Adjacent agreement %", "Kappa", "Kappa kind"}

// sampleHeaders are the columns of the per-sample table, below the first.
var sampleHeaders = []string{"Sample", "Target", "Scores", "Lowest", "Highest", "Spread (scale steps)"}

// EncodeCalibrationReport writes the agreement of a PLC's scoring
// (continuum.Calibrate) as a workbook: a Calibration report sheet with one
// row per target (samples, scorers, pairs compared, exact and adjacent
// agreement in percent, kappa and its kind), then one row per sample with
// its scores and spread, the most disputed first and shaded by spread, then
// the samples left out because one person scored them; and an About sheet.
func EncodeCalibrationReport(ctx context.Context, out io.Writer, r continuum.CalibrationReport, opts ReportOptions) error {
	now := opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	f := excelize.NewFile()
	defer f.Close()
	w := &writer{f: f, ctx: ctx}
	if err := w.makeStyles(); err != nil {
		return fmt.Errorf("write calibration report: styles: %w", err)
	}
	spread, err := spreadStyles(f)
	if err != nil {
		return fmt.Errorf("write calibration report: styles: %w", err)
	}
	writeCalibrationReport(w, r, spread)
	w.sheet(sheetAbout, []string{"Field", "Value"}, []float64{20, 60}, func(add func(...any)) {
		add("Report", "Calibration: how closely the scorers agree")
		add(fContinuum, opts.Continuum)
		add("Workbooks", strings.Join(opts.Files, ", "))
		add(fApp, opts.AppVersion)
		add("Written at", now.UTC().Format(time.RFC3339))
	})
	if w.err != nil {
		return fmt.Errorf("write calibration report: %w", w.err)
	}
	if err := w.save(out); err != nil {
		return fmt.Errorf("write calibration report: %w", err)
	}
	return nil
}

// spreadStyles are the fills of a sample's spread: none, one step, more.
func spreadStyles(f *excelize.File) ([]int, error) {
	spread := make([]int, 3)
	for i, fill := range []string{"D9EAD3", "FCE8B2", "F4C7C3"} {
		id, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{fill}}, Alignment: &excelize.Alignment{Horizontal: "center"}})
		if err != nil {
			return nil, err
		}
		spread[i] = id
	}
	return spread, nil
}

// writeCalibrationReport writes the Calibration report sheet: the table
// of targets, then below it the table of samples and the samples left out.
func writeCalibrationReport(w *writer, r continuum.CalibrationReport, spread []int) {
	sd := w.newSheet(sheetCalibrationReport, calibrationHeaders, []float64{16, 22, 12, 10, 18, 20, 10, 12}, 0)
	if sd == nil {
		return
	}
	n := 1
	add := func(vals ...any) {
		if w.err != nil {
			return
		}
		n++
		cells := make([]any, len(vals))
		for i, v := range vals {
			cells[i] = w.cell(i, v)
		}
		w.err = sd.SetRow(n, cells)
	}
	for _, t := range r.Targets {
		var kappa any
		if t.HasKappa {
			kappa = round(t.Kappa, 3)
		}
		add(t.Target, t.Samples, t.Scorers, t.Pairs, round(100*t.Exact, 1), round(100*t.Adjacent, 1), kappa, t.KappaKind)
	}
	last := n
	n++
	hdr := make([]any, len(sampleHeaders))
	for i, h := range sampleHeaders {
		hdr[i] = excelize.Cell{StyleID: w.st.header, Value: h}
	}
	add(hdr...)
	for _, s := range r.Samples {
		scores := make([]string, len(s.Scores))
		for i, sc := range s.Scores {
			scores[i] = sc.Scorer + " " + continuum.FormatScore(sc.Score)
		}
		add(s.Sample, s.Target, strings.Join(scores, ", "), s.Min, s.Max, excelize.Cell{StyleID: spread[min(s.Steps, 2)], Value: s.Steps})
	}
	if len(r.Excluded) > 0 {
		n++
		add(excelize.Cell{StyleID: w.st.legendTitle, Value: "Left out: scored by one person only"})
		for _, e := range r.Excluded {
			add(e)
		}
	}
	w.finish(sd, sheetCalibrationReport, len(calibrationHeaders), last)
}

// round rounds v to the given number of decimals.
func round(v float64, decimals int) float64 {
	p := math.Pow(10, float64(decimals))
	return math.Round(v*p) / p
}
