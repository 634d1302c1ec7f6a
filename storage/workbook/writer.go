package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// styles are the cell styles of an exported workbook.
type styles struct {
	header, date, wrap int
	legendTitle, key   int
	// cells are the class map's cell styles by fill and outline, made as
	// the colours are met.
	cells map[cellStyle]int
}

// writer writes sheets, excelize's StreamWriter making each sheet and
// its header and sheetData its rows, and keeps the first error.
type writer struct {
	f   *excelize.File
	ctx context.Context
	st  styles
	err error
	// data holds each finished sheet's rows, by sheet name, for save.
	data map[string]*sheetData
	// current place, for messages
	sheetName string
	rowNum    int
	renamed   bool
}

// dateCell is a day written as a date serial with the date style.
type dateCell struct{ serial int }

func (w *writer) date(d continuum.Date) any {
	if d.IsZero() {
		return nil
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return dateCell{int(d.Time().Sub(epoch).Hours() / 24)}
}

// wrappedText is a long text shown with wrapping.
type wrappedText string

func (w *writer) wrapped(s string) any {
	if s == "" {
		return nil
	}
	return wrappedText(s)
}

func (w *writer) makeStyles() error {
	var err error
	style := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = w.f.NewStyle(s)
		return id
	}
	fill := func(hex string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}}
	}
	iso := "yyyy-mm-dd"
	w.st.header = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("D9E1F2"),
		Alignment: &excelize.Alignment{Vertical: "top"}})
	w.st.date = style(&excelize.Style{CustomNumFmt: &iso, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	w.st.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	w.st.legendTitle = style(&excelize.Style{Font: &excelize.Font{Bold: true}})
	w.st.key = style(&excelize.Style{Font: &excelize.Font{Italic: true}})
	return err
}

// sheet writes one sheet: a bold header row that stays in view, column
// widths, an autofilter over the data, and the rows fill adds.
func (w *writer) sheet(name string, headers []string, widths []float64, fill func(add func(...any))) {
	if w.err != nil {
		return
	}
	sd := w.newSheet(name, headers, widths, 0)
	if sd == nil {
		return
	}
	n := w.rows(sd, len(headers), fill)
	w.finish(sd, name, len(headers), n)
}

// sheetAside writes one sheet as sheet does, but its rows on a goroutine
// of their own while the caller goes on with the next sheets; join waits
// for the rows and ends the sheet, and must be called before the
// workbook is saved. The rows touch only their own sheetData, so
// everything done with the File — new sheets, styles, filters, Flush —
// stays on the caller's goroutine. An error in these rows is reported
// before any of the sheets after them.
func (w *writer) sheetAside(name string, headers []string, widths []float64, fill func(add func(...any))) (join func()) {
	if w.err != nil {
		return func() {}
	}
	sd := w.newSheet(name, headers, widths, 0)
	if sd == nil {
		return func() {}
	}
	// The rows' own writer: its place and error are apart from w's, and
	// it has no File (cell uses only the styles made already).
	aside := &writer{ctx: w.ctx, st: w.st, sheetName: name}
	done := make(chan int, 1)
	go func() { done <- aside.rows(sd, len(headers), fill) }()
	return func() {
		n := <-done
		if aside.err != nil {
			w.err = aside.err
		}
		w.finish(sd, name, len(headers), n)
	}
}

// rows writes the rows fill adds, below the header, and returns the
// number of the last row.
func (w *writer) rows(sd *sheetData, width int, fill func(add func(...any))) int {
	n := 1
	cells := make([]any, 0, width)
	fill(func(vals ...any) {
		if w.err != nil {
			return
		}
		n++
		if n%4096 == 0 {
			if err := w.ctx.Err(); err != nil {
				w.err = err
				return
			}
		}
		w.rowNum = n
		cells = cells[:0]
		for i, v := range vals {
			cells = append(cells, w.cell(i, v))
		}
		if w.err == nil {
			w.err = sd.SetRow(n, cells)
		}
	})
	return n
}

// newSheet starts the sheet name with its header row, column widths and
// panes frozen above row 2 and left of column xSplit; its rows go to the
// sheetData returned, nil when the sheet could not be made.
func (w *writer) newSheet(name string, headers []string, widths []float64, xSplit int) *sheetData {
	w.sheetName = name
	// The new file's only sheet becomes the first one (and stays the
	// active one); the others are added after it.
	if !w.renamed {
		w.renamed = true
		if err := w.f.SetSheetName("Sheet1", name); err != nil {
			w.err = err
			return nil
		}
	} else if _, err := w.f.NewSheet(name); err != nil {
		w.err = err
		return nil
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		w.err = err
		return nil
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			w.err = err
			return nil
		}
	}
	panes := &excelize.Panes{Freeze: true, YSplit: 1, XSplit: xSplit, TopLeftCell: cellRef(xSplit, 2), ActivePane: "bottomLeft"}
	if xSplit > 0 {
		panes.ActivePane = "bottomRight"
	}
	if err := sw.SetPanes(panes); err != nil {
		w.err = err
		return nil
	}
	hdr := make([]any, len(headers))
	for i, h := range headers {
		hdr[i] = excelize.Cell{StyleID: w.st.header, Value: h}
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		w.err = err
		return nil
	}
	sd := newSheetData()
	sd.sw = sw
	return sd
}

// finish ends the sheet name, its filter over the header and the rows
// up to lastRow, and keeps its rows for save.
func (w *writer) finish(sd *sheetData, name string, cols, lastRow int) {
	if w.err != nil {
		return
	}
	if err := sd.end(); err != nil {
		w.err = err
		return
	}
	if err := w.f.AutoFilter(name, "A1:"+cellRef(cols-1, max(lastRow, 1)), nil); err != nil {
		w.err = err
		return
	}
	if err := sd.sw.Flush(); err != nil {
		w.err = err
		return
	}
	if w.data == nil {
		w.data = map[string]*sheetData{}
	}
	w.data[name] = sd
}

// cell converts a value to what the StreamWriter writes, refusing text a
// cell cannot hold.
func (w *writer) cell(col int, v any) any {
	switch v := v.(type) {
	case dateCell:
		return excelize.Cell{StyleID: w.st.date, Value: v.serial}
	case wrappedText:
		w.checkLen(col, string(v))
		return excelize.Cell{StyleID: w.st.wrap, Value: string(v)}
	case string:
		w.checkLen(col, v)
		if v == "" {
			return nil
		}
		return v
	}
	return v
}

func (w *writer) checkLen(col int, s string) {
	if len(s) > maxCellChars && utf8.RuneCountInString(s) > maxCellChars && w.err == nil {
		w.err = fmt.Errorf("sheet %q row %d column %s: the text has %d characters, more than a spreadsheet cell can hold (%d)",
			w.sheetName, w.rowNum, colName(col), utf8.RuneCountInString(s), maxCellChars)
	}
}

func cellRef(col, row int) string { return colName(col) + fmt.Sprint(row) }

// colNames returns the header each column is written with.
func colNames(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.names[0]
	}
	return out
}

// save writes the finished workbook to out, its parts in a fixed order
// and each sheet's rows in its part.
func (w *writer) save(out io.Writer) error {
	var buf bytes.Buffer
	w.f.SetZipWriter(fastZip)
	if _, err := w.f.WriteTo(&buf); err != nil {
		return err
	}
	return sortedZip(out, buf.Bytes(), w.data)
}

// fastZip is the zip writer the workbook's parts are compressed with:
// deflate at its fastest level. At the default level, compressing a
// district's sheets took a third of the whole export (0.7 s of 2.1 s);
// the fastest level takes about a quarter of that for a somewhat larger
// file, which every reader opens alike.
func fastZip(out io.Writer) excelize.ZipWriter {
	zw := zip.NewWriter(out)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) {
		return flate.NewWriter(w, flate.BestSpeed)
	})
	return zw
}

// sortedZip copies an xlsx package to w with its parts in a fixed order
// ([Content_Types].xml first, then by name), and the rows of data, by
// sheet name, into their sheets' parts. excelize writes streamed sheets
// in map order; sorting makes an export depend only on its data. The
// parts are copied compressed as they are, so this costs little.
func sortedZip(w io.Writer, pkg []byte, data map[string]*sheetData) error {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return err
	}
	rowsOf := map[string]*sheetData{} // by part
	if len(data) > 0 {
		parts, err := sheetParts(zr)
		if err != nil {
			return err
		}
		for name, d := range data {
			p, ok := parts[name]
			if !ok {
				return fmt.Errorf("the workbook has no part for sheet %q", name)
			}
			rowsOf[p] = d
		}
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		ac, bc := a.Name == "[Content_Types].xml", b.Name == "[Content_Types].xml"
		switch {
		case ac && !bc:
			return -1
		case bc && !ac:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		if d, ok := rowsOf[f.Name]; ok {
			err = copySpliced(zw, f, d)
		} else {
			err = zw.Copy(f)
		}
		if err != nil {
			return err
		}
	}
	return zw.Close()
}
