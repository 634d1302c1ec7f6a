package scores

import (
	"context"
	"strings"

	"github.com/continuum-planner/planner/storage/workbook"
)

// lookRows is how many rows of each sheet Recognise reads.
const lookRows = 60

// otherBook reports whether sheets are those of a workbook that is not
// a score sheet though one of its sheets may look like one: Continuum
// Planner's own (an About sheet, or Students beside Evidence) or an
// OpenSALT CASE spreadsheet (CF Doc, CF Item).
func otherBook(sheets []workbook.Table) bool {
	has := map[string]bool{}
	for _, t := range sheets {
		has[fold(t.Name)] = true
	}
	return has["about"] || has["students"] && has["evidence"] || has["cf doc"] || has["cf item"]
}

// Recognise takes a first look at the file at path (the first rows of
// each sheet) and says whether it is a score sheet, and in which layout:
// a Learning Mastery Gradebook export by its header; a long sheet by its
// student, target and score columns; a wide sheet by a student column
// beside columns that hold mostly scores (numbers up to 10 or the words
// gradebooks write). A class list, a standards list and Continuum
// Planner's own workbook are not score sheets. A file that cannot be read
// is not one either (Read says why).
func Recognise(ctx context.Context, path string, opts Options) (Layout, bool) {
	tables, err := workbook.ReadTables(ctx, path, workbook.Options{Name: opts.Name, Password: opts.Password, Format: opts.Format, Sheet: opts.Sheet}, lookRows)
	if err != nil {
		return "", false
	}
	if otherBook(tables.Sheets) {
		return "", false
	}
	for _, t := range tables.Sheets {
		hi := findHeader(t.Rows)
		if hi < 0 {
			continue
		}
		h := newHeader(t.Rows[hi])
		switch l := layoutOf(h); {
		case l != Wide:
			return l, true
		case scoreColumns(h, t.Rows[hi+1:]):
			return Wide, true
		}
	}
	return "", false
}

// scoreColumns reports whether a wide header's target columns hold
// mostly scores in the rows below it.
func scoreColumns(h *header, rows []workbook.TableRow) bool {
	targets := map[int]bool{}
	for _, c := range h.cols {
		if c.role == roleNone {
			targets[c.col] = true
		}
	}
	if len(targets) == 0 {
		return false
	}
	like, filled := 0, 0
	for _, r := range rows {
		for _, c := range r.Cells {
			if !targets[c.Col] || strings.TrimSpace(c.Text) == "" {
				continue
			}
			filled++
			if !c.Date && ScoreLike(c.Text) {
				like++
			}
		}
	}
	return like > 0 && like*10 >= filled*7
}
