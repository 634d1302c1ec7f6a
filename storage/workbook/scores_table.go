package workbook

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// TableCell is one non-empty cell of a sheet read by ReadTables.
type TableCell struct {
	// Col is the column from 0 (A is 0).
	Col int
	// Text is the value as a person reads it: the string, the number as
	// written, TRUE or FALSE, the error code, or the day of a date cell as
	// YYYY-MM-DD.
	Text string
	// Number marks a numeric cell (not a date).
	Number bool
	// Date marks a date cell: Text holds its day.
	Date bool
	// Formula marks a cell whose value a formula computes; Text is the
	// value last computed and saved.
	Formula bool
	// Error marks a cell showing an error (#N/A, #DIV/0! …).
	Error bool
}

// TableRow is one row of a sheet with at least one non-empty cell.
type TableRow struct {
	// Num is the row's number as a spreadsheet program shows it, from 1.
	Num int
	// Cells are the row's non-empty cells in column order.
	Cells []TableCell
}

// Table is one sheet of a file as rows of cells, with no meaning given to
// any of them: what readers of other shapes of spreadsheet (score sheets,
// class lists) start from.
type Table struct {
	// Name is the sheet's name; a CSV file's one sheet is named after the
	// file, as a spreadsheet program names it.
	Name string
	// Rows are the sheet's non-blank rows in order.
	Rows []TableRow
}

// Tables is a file read by ReadTables.
type Tables struct {
	// Format names the kind of file recognised: "Excel workbook (.xlsx)",
	// "CSV, comma-separated, UTF-8".
	Format string
	// Sheets are the sheets read, in the workbook's order.
	Sheets []Table
}

// ReadTables reads the sheets of the xlsx workbook (encrypted or not) or
// the delimited text file at path as rows of cells, recognising the file
// by its content as DecodeFile does. Only opts.Name, opts.Password,
// opts.Format and opts.Sheet (read that sheet only) are used. maxRows,
// when above 0, stops each sheet after that many non-blank rows: a first
// look at a large file. Errors wrap ErrNotWorkbook, ErrPasswordProtected,
// ErrUnsupported, os.ErrNotExist or the context's error.
func ReadTables(ctx context.Context, path string, opts Options, maxRows int) (*Tables, error) {
	return withDecoder(path, opts, "import", func(d *Decoder) (*Tables, error) { return d.readTables(ctx, maxRows) })
}

// readTables reads every sheet (or the one opts.Sheet names) as rows of cells.
func (d *Decoder) readTables(ctx context.Context, maxRows int) (*Tables, error) {
	opts := d.opts
	x, err := d.open("import")
	if err != nil {
		return nil, err
	}
	out := &Tables{Format: x.format}
	found := false
	for _, ref := range x.sheets {
		if opts.Sheet != "" && !strings.EqualFold(strings.TrimSpace(ref.name), strings.TrimSpace(opts.Sheet)) {
			continue
		}
		found = true
		t, err := x.table(ctx, ref, maxRows)
		if err != nil {
			if ctx.Err() != nil {
				return nil, fmt.Errorf("import %s: %w", opts.Name, ctx.Err())
			}
			return nil, fmt.Errorf("import %s: %w: sheet %q: %v", opts.Name, ErrNotWorkbook, ref.name, err)
		}
		out.Sheets = append(out.Sheets, t)
	}
	if !found && opts.Sheet != "" {
		names := make([]string, len(x.sheets))
		for i, s := range x.sheets {
			names[i] = strconv.Quote(s.name)
		}
		return nil, fmt.Errorf("import %s: it has no sheet %q; its sheets are %s", opts.Name, opts.Sheet, strings.Join(names, ", "))
	}
	return out, nil
}

// table reads one sheet's rows, the cells' values resolved.
func (x *xlsxFile) table(ctx context.Context, ref sheetRef, maxRows int) (Table, error) {
	t := Table{Name: ref.name}
	if x.isText {
		t.Rows = make([]TableRow, 0, len(x.text))
	}
	n := 0
	err := x.readSheet(ref, func(num int, cells []cell) error {
		if n++; n%4096 == 0 && ctx.Err() != nil {
			return ctx.Err()
		}
		row := TableRow{Num: num, Cells: make([]TableCell, 0, len(cells))}
		for _, c := range cells {
			row.Cells = append(row.Cells, x.tableCell(c))
		}
		t.Rows = append(t.Rows, row)
		if maxRows > 0 && len(t.Rows) >= maxRows {
			return errStop
		}
		return nil
	}, nil)
	return t, err
}

// tableCell gives a cell's value as a person reads it.
func (x *xlsxFile) tableCell(c cell) TableCell {
	tc := TableCell{Col: c.col, Text: c.text, Formula: c.formula, Error: c.kind == kindError}
	if c.kind != kindNumber {
		tc.Date = c.date // an ISO date cell
		return tc
	}
	tc.Number = true
	if c.date {
		if v, err := strconv.ParseFloat(strings.TrimSpace(c.text), 64); err == nil {
			if t, ok := x.serialDate(v); ok {
				tc.Text, tc.Number, tc.Date = continuum.DateOf(t).String(), false, true
			}
		}
	}
	return tc
}
