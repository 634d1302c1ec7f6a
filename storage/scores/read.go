package scores

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// ErrNoScores means no sheet of the file holds a score table: no header
// row names the students.
var ErrNoScores = errors.New("no sheet holds a score table")

// Options tune how a score sheet is read.
type Options struct {
	// Name is the file's name as messages show it (default: the path's base name).
	Name string
	// Password opens a password-protected workbook.
	Password string
	// Sheet names the one sheet to read (default: every sheet holding a score table).
	Sheet string
	// Format says what the file is: workbook.FormatWorkbook, FormatCSV,
	// or FormatAuto (or "") to recognise it by its content.
	Format string
}

// Read reads the score sheet at path, every sheet of a workbook that
// holds a score table (or opts.Sheet alone). Cells and rows it cannot
// read are in File.Problems with their places; an error is returned only
// when the file cannot be read at all (it wraps ErrNoScores,
// workbook.ErrNotWorkbook, workbook.ErrPasswordProtected, os.ErrNotExist
// or the context's error).
func Read(ctx context.Context, path string, opts Options) (*File, error) {
	name := opts.Name
	if name == "" {
		name = filepath.Base(path)
	}
	tables, err := workbook.ReadTables(ctx, path, workbook.Options{Name: name, Password: opts.Password, Format: opts.Format, Sheet: opts.Sheet}, 0)
	if err != nil {
		return nil, err
	}
	f := newFiles(name, tables.Format)
	var left []string
	for _, t := range tables.Sheets {
		if err := ctx.Err(); err != nil {
			return nil, fmt.Errorf("import %s: %w", name, err)
		}
		if !f.readSheet(t) {
			left = append(left, fmt.Sprintf("%q", t.Name))
		}
	}
	if len(f.Sheets) == 0 {
		return nil, fmt.Errorf("import %s: %w: expected a header row naming the students (Student, Name, First name, Student ID …) within the first %d rows, with targets across or Target and Score columns beside it",
			name, ErrNoScores, maxHeaderRow)
	}
	if len(left) > 0 {
		f.warn(Place{}, "%s hold no score table (no header row naming the students) and are left out", plural(len(left), "sheet", "sheets", strings.Join(left, ", ")))
	}
	return f.File, nil
}

// plural writes "sheet "A"" or "sheets "A", "B"".
func plural(n int, one, many, list string) string {
	if n == 1 {
		return one + " " + list
	}
	return many + " " + list
}

// readSheet reads one sheet as the layout its header says; false when
// it holds no score table.
func (f *files) readSheet(t workbook.Table) bool {
	hi := findHeader(t.Rows)
	if hi < 0 {
		return false
	}
	f.Scores = slices.Grow(f.Scores, len(t.Rows)-hi-1) // a long sheet's rows, or a wide sheet's first column of scores
	h := newHeader(t.Rows[hi])
	sh := Sheet{Name: t.Name, HeaderRow: h.row, Layout: layoutOf(h)}
	before := len(f.Scores)
	var dateRow int
	switch sh.Layout {
	case CanvasMastery:
		f.readCanvas(t, hi, h)
	case Long:
		sh.Date = f.sheetDate(t.Name, t.Rows[:hi], 0)
		f.readLong(t, hi, h, sh.Date)
	default:
		w := f.newWide(t, hi, h)
		if w.dateRow != nil {
			dateRow = w.dateRow.Num
		}
		sh.Date = f.sheetDate(t.Name, t.Rows[:hi], dateRow)
		w.sheetDate = sh.Date
		w.read()
	}
	sh.Scores = len(f.Scores) - before
	if sh.Scores == 0 {
		f.warn(Place{Sheet: t.Name}, "the sheet's table (header in row %d) holds no scores", h.row)
	}
	f.Sheets = append(f.Sheets, sh)
	return true
}

// layoutOf says which layout a header row is.
func layoutOf(h *header) Layout {
	if isCanvasHeader(h) {
		return CanvasMastery
	}
	if h.has(roleTarget) && h.has(roleScore) {
		return Long
	}
	return Wide
}

// dateLabels are the labels of a date written once for a sheet, folded.
var dateLabels = map[string]bool{"date": true, "dates": true, "date assessed": true, "assessed": true, "assessed on": true,
	"assessment date": true, "day": true, "date given": true, "given": true, "scored on": true}

// sheetDate finds the date given once for the sheet in the rows above
// its header: a cell "Date: 2026-09-14", or a cell "Date" with the day in
// the next cell. skip is a row already read as the columns' dates.
func (f *files) sheetDate(sheet string, rows []workbook.TableRow, skip int) continuum.Date {
	for _, r := range rows {
		if r.Num == skip {
			continue
		}
		for i, c := range r.Cells {
			label, value, ok := strings.Cut(c.Text, ":")
			var day workbook.TableCell
			switch {
			case ok && dateLabels[fold(label)] && strings.TrimSpace(value) != "":
				day = workbook.TableCell{Col: c.Col, Text: strings.TrimSpace(value)}
			case dateLabels[fold(c.Text)] && i+1 < len(r.Cells):
				day = r.Cells[i+1]
			default:
				continue
			}
			pl := Place{Sheet: sheet, Row: r.Num, Column: workbook.ColumnName(day.Col)}
			d, ok := cellDate(day)
			if !ok {
				f.problem(pl, "%q is not a date; the sheet's date is written as 2026-09-14 or 9/14/2026", day.Text)
				return continuum.Date{}
			}
			return d
		}
	}
	return continuum.Date{}
}
