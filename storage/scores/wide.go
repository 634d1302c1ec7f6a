package scores

import (
	"fmt"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// wideColumn is a target column of a wide sheet.
type wideColumn struct {
	column
	target  int            // index in File.Targets
	dateCol int            // the column of this target's dates, -1 when none
	date    continuum.Date // the column's date from a date row
}

// wide is the reading of a wide sheet: students down, targets across.
type wide struct {
	f         *files
	t         workbook.Table
	h         *header
	body      []workbook.TableRow
	targets   []wideColumn
	rowDate   int // the column of each row's date, -1 when none
	rowScorer int // the column of each row's scorer, -1 when none
	rowKind   int // the column of each row's kind, -1 when none
	dateCols  map[int]bool
	dateRow   *workbook.TableRow
	sheetDate continuum.Date
}

// newWide sorts the header's columns (students, targets, dates, the rest)
// and finds the row of the columns' dates, under or over the header.
func (f *files) newWide(t workbook.Table, hi int, h *header) *wide {
	w := &wide{f: f, t: t, h: h, body: t.Rows[hi+1:], rowDate: -1, rowScorer: -1, rowKind: -1, dateCols: map[int]bool{}}
	var left []string
	for _, c := range h.cols {
		switch {
		case c.role.isStudent():
		case c.role == roleNone && w.dateOfPrevious(c):
		case c.role == roleNone:
			target := f.target(Target{Text: c.header, Place: c.place(t.Name, h.row)})
			w.targets = append(w.targets, wideColumn{column: c, target: target, dateCol: -1})
		case c.role == roleDate && w.dateOfPrevious(c):
		case c.role == roleDate && w.rowDate < 0:
			w.rowDate = c.col
		case c.role == roleScorer && w.rowScorer < 0:
			w.rowScorer = c.col
		case c.role == roleKind && w.rowKind < 0:
			w.rowKind = c.col
		default:
			left = append(left, fmt.Sprintf("%s (%s)", workbook.ColumnName(c.col), c.header))
		}
	}
	if len(left) > 0 {
		f.warn(Place{Sheet: t.Name, Row: h.row}, "%s left out: not targets but a student's other details, totals or comments", plural(len(left), "column", "columns", strings.Join(left, ", ")))
	}
	if len(w.body) > 0 && w.body[0].Num == h.row+1 && w.isDateRow(w.body[0]) {
		w.dateRow, w.body = &w.body[0], w.body[1:]
	} else if hi > 0 && t.Rows[hi-1].Num == h.row-1 && w.isDateRow(t.Rows[hi-1]) {
		w.dateRow = &t.Rows[hi-1]
	}
	if w.dateRow != nil {
		w.readDateRow()
	}
	return w
}

// dateOfPrevious makes c the date column of the target column just left
// of it when c's header says so: "Date", "NO.1.1 date", "Date NO.1.1".
func (w *wide) dateOfPrevious(c column) bool {
	n := len(w.targets)
	if n == 0 || w.targets[n-1].col != c.col-1 || w.targets[n-1].dateCol >= 0 {
		return false
	}
	prev := fold(w.targets[n-1].header)
	head := fold(c.header)
	if head != "date" && head != prev+" date" && head != "date "+prev && head != "date of "+prev {
		return false
	}
	w.targets[n-1].dateCol = c.col
	w.dateCols[c.col] = true
	return true
}

// isDateRow reports whether r gives the target columns' dates: it names
// no student (or says "Date"), and most of its target cells are dates.
func (w *wide) isDateRow(r workbook.TableRow) bool {
	ln, _ := spread(nil, w.h.width(), r)
	for _, c := range w.h.cols {
		if v := strings.TrimSpace(ln.text(c.col)); c.role.isStudent() && v != "" && !dateLabels[fold(v)] {
			return false
		}
	}
	dates, filled := 0, 0
	for _, tc := range w.targets {
		c := ln.cell(tc.col)
		if strings.TrimSpace(c.Text) == "" {
			continue
		}
		filled++
		if _, ok := cellDate(c); ok {
			dates++
		}
	}
	return dates > 0 && dates*2 > filled
}

// readDateRow takes each target column's date from the date row.
func (w *wide) readDateRow() {
	ln, _ := spread(nil, w.h.width(), *w.dateRow)
	for i, tc := range w.targets {
		c := ln.cell(tc.col)
		if strings.TrimSpace(c.Text) == "" {
			continue
		}
		d, ok := cellDate(c)
		if !ok {
			w.f.problem(tc.place(w.t.Name, w.dateRow.Num), "%q is not a date; row %d gives each column's date, as 2026-09-14 or 9/14/2026", c.Text, w.dateRow.Num)
			continue
		}
		w.targets[i].date = d
	}
}

// footers are what a row's name cell says under a class's rows.
var footers = map[string]bool{"average": true, "class average": true, "mean": true, "median": true, "total": true, "totals": true, "count": true, "class": true}

// read reads the sheet's rows: each names a student and holds their scores.
func (w *wide) read() {
	var buf line
	named, beyond := false, false
	for _, r := range w.body {
		ln, out := spread(buf, w.h.width(), r)
		buf = ln
		beyond = beyond || out
		s, ok := w.h.studentOf(ln)
		switch {
		case ok && footers[fold(s.Name)] && s.ID == "" && s.ExternalID == "":
			w.f.warn(Place{Sheet: w.t.Name, Row: r.Num}, "row %d (%s) is read as a summary of the class, not a student, and is left out", r.Num, s.Name)
			continue
		case !ok && !named:
			w.f.warn(Place{Sheet: w.t.Name, Row: r.Num}, "row %d names no student and is read as part of the header", r.Num)
			continue
		case !ok:
			if w.hasScores(ln) {
				w.f.problem(Place{Sheet: w.t.Name, Row: r.Num}, "the row holds scores but names no student; expected a name or ID in %s", w.studentColumns())
			}
			continue
		}
		named = true
		w.readRow(r.Num, ln, w.f.student(s, w.h.studentPlace(w.t.Name, r.Num, ln)))
	}
	if beyond {
		w.f.warn(Place{Sheet: w.t.Name}, "cells right of the last header (column %s) have no header and are left out", workbook.ColumnName(w.h.width()-1))
	}
}

// studentColumns lists the columns that name a student: "column A (Name)".
func (w *wide) studentColumns() string {
	var cols []string
	for _, c := range w.h.cols {
		if c.role.isStudent() {
			cols = append(cols, fmt.Sprintf("%s (%s)", workbook.ColumnName(c.col), c.header))
		}
	}
	return plural(len(cols), "column", "columns", strings.Join(cols, " or "))
}

// hasScores reports whether a row has anything in its target columns.
func (w *wide) hasScores(ln line) bool {
	for _, tc := range w.targets {
		if strings.TrimSpace(ln.text(tc.col)) != "" {
			return true
		}
	}
	return false
}

// readRow reads one student's scores, dating each as closely as the
// sheet does: the cell's own date, its target's date column, its
// column's date, the row's date, the sheet's.
func (w *wide) readRow(num int, ln line, student int) {
	rowDate, ok := w.dayAt(num, ln, w.rowDate, w.sheetDate)
	if !ok {
		return
	}
	scorer := strings.TrimSpace(ln.text(w.rowScorer))
	kind := w.f.kind(ln, w.rowKind, w.h, w.t.Name, num)
	for _, tc := range w.targets {
		c := ln.cell(tc.col)
		if strings.TrimSpace(c.Text) == "" {
			continue
		}
		pl := tc.place(w.t.Name, num)
		day := rowDate
		if !tc.date.IsZero() {
			day = tc.date
		}
		if day, ok = w.dayAt(num, ln, tc.dateCol, day); !ok {
			continue
		}
		text, ok := w.f.scoreText(c, pl, &day)
		if !ok {
			continue
		}
		w.f.Scores = append(w.f.Scores, Score{Student: student, Target: tc.target, Date: day, Text: text, Kind: kind, Scorer: scorer, Place: pl})
	}
}

// dayAt reads the date in column col of the row, or gives otherwise when
// the column is none or the cell blank; ok is false when the cell is not
// a date (a problem).
func (w *wide) dayAt(num int, ln line, col int, otherwise continuum.Date) (continuum.Date, bool) {
	if col < 0 {
		return otherwise, true
	}
	return w.f.dateCell(ln.cell(col), w.h.cols[w.h.at[col]].place(w.t.Name, num), otherwise)
}
