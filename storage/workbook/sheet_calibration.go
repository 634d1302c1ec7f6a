package workbook

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

var calibrationCols = []column{
	{names: []string{"Sample", "Work sample", "Anchor"}, required: true, expect: "the name of the work sample, such as Essay B"},
	{names: []string{"Target", "Code", "Target code"}, required: true, expect: "a target code from the Targets sheet"},
	{names: []string{"Scorer", "By", "Teacher"}, required: true, expect: "who scored the sample"},
	{names: []string{"Score"}, required: true, expect: "a point of the scale"},
	{names: []string{"Note", "Notes", "Comment"}, expect: "the scorer's comment"},
}

// readCalibration reads the scores of a PLC's calibration exercise. A
// number off the scale is kept: continuum.Calibrate names it with the others.
func readCalibration(p *plans) error {
	ref, ok := p.st.sheet(sheetCalibration)
	if !ok {
		return nil
	}
	b := p.b
	_, err := p.st.readTable(ref, calibrationCols, true, nil, func(r *row) {
		s := continuum.CalibrationScore{Note: r.text(4), Place: fmt.Sprintf("%s sheet %q row %d", p.st.file, ref.name, r.num)}
		s.Sample, _ = r.require(0, calibrationCols[0].expect)
		if code, ok := r.require(1, calibrationCols[1].expect); ok {
			t, known := p.target(code)
			if !known {
				r.problem(1, "target %s is not on the Targets sheet; expected %s", code, calibrationCols[1].expect)
			}
			s.Target = t
		}
		s.Scorer, _ = r.require(2, calibrationCols[2].expect)
		if !r.present(3) {
			r.problem(3, "is empty; expected %s", calibrationCols[3].expect)
		} else if c, okc := r.raw(3); okc {
			s.Score = calibrationScore(r, &b.Continuum.Scale, c)
		}
		if r.bad {
			return
		}
		b.Calibration = append(b.Calibration, s)
		b.Places.Calibration = append(b.Places.Calibration, Place{Sheet: ref.name, Row: r.num})
	})
	return err
}

// calibrationScore reads a score on the scale, or any number.
func calibrationScore(r *row, sc *continuum.Scale, c *cell) float64 {
	v, err := scoreOf(sc, c)
	if err == nil {
		return v
	}
	f, perr := strconv.ParseFloat(strings.Replace(strings.TrimSpace(c.text), ",", ".", 1), 64)
	if perr != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		r.problemErr(3, err)
	}
	return f
}

// writeCalibration writes the calibration scores in row order.
func writeCalibration(w *writer, scores []continuum.CalibrationScore) {
	w.sheet(sheetCalibration, colNames(calibrationCols), []float64{20, 14, 16, 7, 50}, func(add func(...any)) {
		for _, s := range scores {
			add(s.Sample, s.Target, s.Scorer, s.Score, w.wrapped(s.Note))
		}
	})
}
