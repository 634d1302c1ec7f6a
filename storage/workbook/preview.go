package workbook

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// MapFields are the fields of a standards list that Options.Map can map to
// a column, in the order a mapping form asks for them.
var MapFields = slices.Clone(mapFields)

// Preview is a first look at a workbook, cheap even for a large one: the
// layout Decode will read it as, and the header and first rows of each
// sheet, so that a person can map a standards list's columns before it is
// read in full.
type Preview struct {
	// Layout is the kind of spreadsheet Decode will read, given the same options.
	Layout Layout
	// Format names the kind of file recognised, as About.Format does.
	Format string
	// Sheets are the workbook's sheets in workbook order.
	Sheets []SheetPreview
	// List is the index in Sheets of the sheet read as a standards list: the
	// Sheet option's, else the first whose header names a code and a
	// statement; -1 when there is none (or the layout is not a standards list).
	List int
}

// SheetPreview is the header row and the first rows below it of one sheet.
type SheetPreview struct {
	// Name is the sheet's name as written in the workbook.
	Name string
	// HeaderRow is the row number of the header (from 1): the first row
	// naming a code and a statement among the first 20, else the first
	// non-blank row; 0 for a blank sheet.
	HeaderRow int
	// Headers are the header texts by column index from 0 (see ColumnName);
	// a column without a header has "".
	Headers []string
	// Rows are the first non-blank rows below the header, each a slice of
	// cell texts by column index (dates as YYYY-MM-DD), as long as Headers
	// or longer.
	Rows [][]string
	// RowNumbers are the row numbers of Rows.
	RowNumbers []int
	// Fields maps each field of MapFields the headers name (or the Map
	// option maps) to its column index, as Decode would read them.
	Fields map[string]int
	// GradeSheet names another sheet that gives grades keyed by code
	// (Smarter Balanced's "Benchmark Grades"): Decode takes from it the
	// grades of the rows whose grade cell is blank, or of every row when the
	// list has no grade column; a column headed Level is then not the level.
	GradeSheet string

	levelHeader bool // the level is the column headed Level, not a grade column
	gradeKeyed  bool // the first row has a key and a grade column, and rows follow
}

// ColumnName returns the spreadsheet letter of column index i from 0: A, B … Z, AA.
func ColumnName(i int) string { return colName(i) }

// MapSpec returns what Options.Map should hold to name column col of this
// sheet: its header text when that header is the first to read so, else its
// letter.
func (s SheetPreview) MapSpec(col int) string {
	if col >= 0 && col < len(s.Headers) && strings.TrimSpace(s.Headers[col]) != "" {
		k := normHeader(s.Headers[col])
		first := slices.IndexFunc(s.Headers, func(h string) bool { return normHeader(h) == k })
		if first == col {
			return strings.TrimSpace(s.Headers[col])
		}
	}
	return colName(col)
}

// previewScan is how many non-blank rows are read from each sheet when
// looking for the header row, as the Decoder looks among the first 20.
const previewScan = 20

// PreviewFile takes a first look at the workbook at path; see Decoder.Preview.
func PreviewFile(ctx context.Context, path string, opts Options, rows int) (*Preview, error) {
	return withDecoder(path, opts, "preview", func(d *Decoder) (*Preview, error) { return d.Preview(ctx, rows) })
}

// Preview reads the sheet list and, from each sheet, the header row and
// up to rows rows below it, without reading the rest. A file that cannot
// be read at all fails as Decode does (ErrNotWorkbook, ErrPasswordProtected).
func (d *Decoder) Preview(ctx context.Context, rows int) (*Preview, error) {
	name := d.opts.Name
	x, err := d.open("preview")
	if err != nil {
		return nil, err
	}
	st := newState(ctx, d.opts, x)
	p := &Preview{List: -1, Format: x.format}
	switch {
	case x.isText || d.opts.Sheet != "" || len(d.opts.Map) > 0:
		p.Layout = LayoutStandards
	case hasSheet(st, sheetTargets):
		p.Layout = LayoutPlanner
	case hasSheet(st, sheetCFItem):
		p.Layout = LayoutCASE
	default:
		p.Layout = LayoutStandards
	}
	for _, ref := range x.sheets {
		sp, list, err := previewSheet(st, ref, max(rows, 0))
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("preview %s: %w", name, ctx.Err())
			}
			return nil, fmt.Errorf("preview %s: %w: sheet %q: %v", name, ErrNotWorkbook, ref.name, err)
		}
		if p.Layout == LayoutStandards && p.List < 0 {
			if d.opts.Sheet != "" {
				if normHeader(ref.name) == normHeader(d.opts.Sheet) {
					p.List = len(p.Sheets)
				}
			} else if list {
				p.List = len(p.Sheets)
			}
		}
		p.Sheets = append(p.Sheets, sp)
	}
	// A list without a grade column takes its grades from another sheet
	// keyed by code, as Decode does.
	for i := range p.Sheets {
		sp := &p.Sheets[i]
		for j, other := range p.Sheets {
			if j != i && other.gradeKeyed {
				sp.GradeSheet = other.Name
				break
			}
		}
		if sp.GradeSheet != "" && sp.levelHeader {
			delete(sp.Fields, "level")
		}
	}
	return p, nil
}

func hasSheet(st *state, name string) bool {
	_, ok := st.sheet(name)
	return ok
}

// previewSheet reads the first rows of one sheet and finds its header as
// a standards list's is found. It reports whether that header names a
// code and a statement.
func previewSheet(st *state, ref sheetRef, n int) (SheetPreview, bool, error) {
	var rows []rawRow
	err := st.x.readSheet(ref, func(num int, cells []cell) error {
		if err := st.ctx.Err(); err != nil {
			return err
		}
		if blankCells(cells) {
			return nil
		}
		rows = append(rows, rawRow{num: num, cells: slices.Clone(cells)})
		if len(rows) >= previewScan+n {
			return errStop
		}
		return nil
	}, nil)
	sp := SheetPreview{Name: ref.name, Fields: map[string]int{}}
	if err != nil || len(rows) == 0 {
		return sp, false, err
	}
	quiet := st.quiet()
	t, hi := listHeader(quiet, ref, rows)
	list := t != nil
	if t == nil {
		// No header names a code and a statement: show the first row as
		// the header, with whatever it does name.
		t, hi = &table{st: quiet, sheet: ref.name, cols: slices.Clone(listCols)}, 0
		t.setHeader(rows[0].num, rows[0].cells)
		applyMap(quiet, t)
	}
	sp.HeaderRow = rows[hi].num
	sp.Headers = slices.Clone(t.headers)
	for field, lc := range mapFieldCol {
		if t.has(lc) {
			sp.Fields[field] = t.at[lc]
		}
	}
	if _, ok := sp.Fields["level"]; !ok && t.has(lcLevel) {
		sp.Fields["level"] = t.at[lcLevel]
		sp.levelHeader = true
	}
	sp.gradeKeyed = len(rows) >= 2 && gradeKeyed(rows[0].cells)
	for _, r := range rows[hi+1:] {
		if len(sp.Rows) >= n {
			break
		}
		width := len(sp.Headers)
		for _, c := range r.cells {
			width = max(width, c.col+1)
		}
		vals := make([]string, width)
		for _, c := range r.cells {
			vals[c.col] = previewText(st.x, c)
		}
		sp.Rows = append(sp.Rows, vals)
		sp.RowNumbers = append(sp.RowNumbers, r.num)
	}
	return sp, list, nil
}

// gradeKeyed reports whether a sheet's first row has the key and grade
// columns of a grade sheet (see readGradeSheet).
func gradeKeyed(cells []cell) bool {
	keyCol, gradeCol := gradeColumns(cells)
	return keyCol >= 0 && gradeCol >= 0
}

// previewText is a cell as a person reads it: dates as YYYY-MM-DD.
func previewText(x *xlsxFile, c cell) string {
	if c.date && c.kind == kindNumber {
		if v, err := strconv.ParseFloat(c.text, 64); err == nil {
			if d, ok := x.serialDate(v); ok {
				return d.Format("2006-01-02")
			}
		}
	}
	return c.text
}
