package scores

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"

	"github.com/continuum-planner/planner/storage/workbook"
)

// Canvas's Learning Mastery Gradebook export (Api::V1::OutcomeResults
// #outcome_results_rollups_csv, served by OutcomeResultsController#rollups
// as CSV) has the columns "Student name", "Student ID" (Canvas's user
// ID), "Student SIS ID" (in newer versions; "N/A" for a student without
// one), then for each outcome "<path> result" (the student's rollup
// score, blank when none) and "<path> mastery points", where path is the
// outcome's groups below the course's root group and the outcome's title,
// joined by " > ". It gives no dates.
const (
	canvasResult  = " result"
	canvasMastery = " mastery points"
	canvasNoSIS   = "N/A"
)

// isCanvasHeader reports whether a header is the Learning Mastery
// Gradebook export's: "Student name", "Student ID", then result columns.
func isCanvasHeader(h *header) bool {
	if len(h.cols) < 3 || fold(h.cols[0].header) != "student name" || fold(h.cols[1].header) != "student id" {
		return false
	}
	for _, c := range h.cols[2:] {
		if strings.HasSuffix(strings.ToLower(c.header), canvasResult) {
			return true
		}
	}
	return false
}

// canvasColumn is an outcome's result column and its mastery points column.
type canvasColumn struct {
	column
	target  int
	mastery int // -1 when none
}

// readCanvas reads a Learning Mastery Gradebook export: a score per
// student and outcome, the outcome's title its target.
func (f *files) readCanvas(t workbook.Table, hi int, h *header) {
	var outcomes []canvasColumn
	sis := -1
	for i, c := range h.cols {
		lower := strings.ToLower(c.header)
		switch {
		case i < 2:
		case fold(c.header) == "student sis id":
			sis = c.col
		case strings.HasSuffix(lower, canvasResult):
			path := strings.TrimSpace(c.header[:len(c.header)-len(canvasResult)])
			title := path
			if k := strings.LastIndex(path, " > "); k >= 0 {
				title = strings.TrimSpace(path[k+len(" > "):])
			}
			oc := canvasColumn{column: c, mastery: -1}
			if i+1 < len(h.cols) && strings.EqualFold(h.cols[i+1].header, path+canvasMastery) {
				oc.mastery = h.cols[i+1].col
			}
			oc.target = f.target(Target{Text: title, Path: path, Place: c.place(t.Name, h.row)})
			outcomes = append(outcomes, oc)
		}
	}
	var buf line
	for _, r := range t.Rows[hi+1:] {
		ln, _ := spread(buf, h.width(), r)
		buf = ln
		s := Student{Name: strings.Join(strings.Fields(ln.text(h.cols[0].col)), " ")}
		if id := strings.TrimSpace(ln.text(sis)); id != canvasNoSIS {
			s.ExternalID = id
		}
		if s.Name == "" && s.ExternalID == "" {
			continue
		}
		si := -1
		for _, oc := range outcomes {
			if m := strings.TrimSpace(ln.text(oc.mastery)); m != "" && f.Targets[oc.target].Mastery == "" {
				f.Targets[oc.target].Mastery = m
			}
			c := ln.cell(oc.col)
			if strings.TrimSpace(c.Text) == "" {
				continue
			}
			pl := oc.place(t.Name, r.Num)
			var day continuum.Date
			text, ok := f.scoreText(c, pl, &day)
			if !ok {
				continue
			}
			if si < 0 {
				si = f.student(s, h.cols[0].place(t.Name, r.Num))
			}
			f.Scores = append(f.Scores, Score{Student: si, Target: oc.target, Date: day, Text: text, Place: pl})
		}
	}
}
