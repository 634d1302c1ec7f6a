package workbook_test

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/xuri/excelize/v2"
)

// exportTime and positionsDay make exports reproducible.
var (
	exportTime   = time.Date(2027, 1, 15, 9, 30, 0, 0, time.UTC)
	positionsDay = continuum.NewDate(2027, 1, 15)
)

// bookOf returns the Book of a demo dataset, with its units and flex blocks.
func bookOf(d *demo.Dataset) *workbook.Book {
	b := workbook.New(d.Continuum, d.Targets, d.Class())
	b.Units, b.Flex = d.Units, d.Flex
	return b
}

// encode writes b to bytes.
func encode(t testing.TB, b *workbook.Book, opts workbook.EncodeOptions) []byte {
	t.Helper()
	if opts.Now.IsZero() {
		opts.Now = exportTime
	}
	if opts.On.IsZero() {
		opts.On = positionsDay
	}
	var buf bytes.Buffer
	if err := workbook.NewEncoder(&buf, opts).Encode(context.Background(), b); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.Bytes()
}

// decode reads a workbook from bytes.
func decode(data []byte, opts workbook.Options) (*workbook.Book, error) {
	if opts.Name == "" {
		opts.Name = "test.xlsx"
	}
	return workbook.NewDecoder(bytes.NewReader(data), int64(len(data)), opts).Decode(context.Background())
}

// mustDecode decodes and fails the test on any problem.
func mustDecode(t testing.TB, data []byte, opts workbook.Options) *workbook.Book {
	t.Helper()
	b, err := decode(data, opts)
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	return b
}

// sheet is a worksheet to build in a test: a name and rows of values.
type sheet struct {
	name string
	rows [][]any
}

// build writes a workbook with excelize, the way a spreadsheet program
// would save one, and returns its bytes.
func build(t testing.TB, sheets ...sheet) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, vals := range s.rows {
			for c, v := range vals {
				ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
				switch v := v.(type) {
				case nil:
				case formula:
					if err := f.SetCellFormula(s.name, ref, string(v)); err != nil {
						t.Fatal(err)
					}
				case time.Time:
					if err := f.SetCellValue(s.name, ref, v); err != nil {
						t.Fatal(err)
					}
					style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
					_ = f.SetCellStyle(s.name, ref, ref, style)
				default:
					if err := f.SetCellValue(s.name, ref, v); err != nil {
						t.Fatal(err)
					}
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// hugeCell stands in a built workbook for a text longer than excelize
// writes (it cuts at Excel's limit); patchZip puts the long text in.
const hugeCell = "HUGE-CELL-PLACEHOLDER"

// patchZip replaces old with new in one part of an xlsx package.
func patchZip(t testing.TB, data []byte, part, old, new string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if f.Name == part {
			body = bytes.ReplaceAll(body, []byte(old), []byte(new))
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// formula is a cell value written as a formula.
type formula string

// sheetValues reads every sheet of a workbook with excelize, as text.
func sheetValues(t testing.TB, data []byte) map[string][][]string {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][][]string{}
	for _, name := range f.GetSheetList() {
		rows, err := f.GetRows(name)
		if err != nil {
			t.Fatal(err)
		}
		out[name] = rows
	}
	return out
}

// repoRoot is the module's root directory.
func repoRoot(t testing.TB) string {
	t.Helper()
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

// realdata returns the path of a file of the shared real standards data,
// skipping the test when the folder is not there.
func realdata(t testing.TB, name string) string {
	t.Helper()
	dir := filepath.Join(repoRoot(t), "..", "shared", "realdata")
	p := filepath.Join(dir, name)
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real data not available: %v", err)
	}
	return p
}

// normalised returns a copy of b for comparing data: places, the file
// name, IDs and recording times of evidence (which workbooks do not
// carry) and descriptor order (the Targets sheet has one column per scale
// point, in scale order) are set aside.
func normalised(b *workbook.Book) workbook.Book {
	n := *b
	n.Places = workbook.Places{}
	n.About = workbook.About{}
	n.Problems, n.Warnings = nil, nil
	n.Continuum.CreatedAt, n.Continuum.UpdatedAt = time.Time{}, time.Time{}
	n.Targets = slices.Clone(b.Targets)
	for i := range n.Targets {
		tg := &n.Targets[i]
		tg.Descriptors = slices.Clone(tg.Descriptors)
		slices.SortFunc(tg.Descriptors, func(a, c continuum.Descriptor) int {
			switch {
			case a.Value < c.Value:
				return -1
			case a.Value > c.Value:
				return 1
			}
			return 0
		})
		if len(tg.Descriptors) == 0 {
			tg.Descriptors = nil
		}
		if len(tg.Prerequisites) == 0 {
			tg.Prerequisites = nil
		}
	}
	n.Students = slices.Clone(b.Students)
	for i := range n.Students {
		if len(n.Students[i].StartingLevels) == 0 {
			n.Students[i].StartingLevels = nil
		}
	}
	n.Evidence = slices.Clone(b.Evidence)
	for i := range n.Evidence {
		n.Evidence[i].ID, n.Evidence[i].RecordedAt = 0, time.Time{}
	}
	n.Calibration = slices.Clone(b.Calibration)
	for i := range n.Calibration {
		n.Calibration[i].Place = ""
	}
	n.Units = slices.Clone(b.Units)
	for i := range n.Units {
		u := &n.Units[i]
		u.Experiences = slices.Clone(u.Experiences)
		for k := range u.Experiences {
			u.Experiences[k].Targets = nilIfEmpty(u.Experiences[k].Targets)
		}
		u.Experiences, u.Checkpoints = nilIfEmpty(u.Experiences), nilIfEmpty(u.Checkpoints)
	}
	n.Flex = slices.Clone(b.Flex)
	for i := range n.Flex {
		fb := &n.Flex[i]
		fb.Offerings = slices.Clone(fb.Offerings)
		for k := range fb.Offerings {
			fb.Offerings[k].Focus = nilIfEmpty(fb.Offerings[k].Focus)
		}
		fb.Offerings, fb.Assignments = nilIfEmpty(fb.Offerings), nilIfEmpty(fb.Assignments)
	}
	if len(n.Units) == 0 {
		n.Units = nil
	}
	if len(n.Flex) == 0 {
		n.Flex = nil
	}
	if len(n.VisitNotes) == 0 {
		n.VisitNotes = nil
	}
	if len(n.Calibration) == 0 {
		n.Calibration = nil
	}
	return n
}

func nilIfEmpty[T any](s []T) []T {
	if len(s) == 0 {
		return nil
	}
	return s
}

// problemTexts lists the problems' messages with their places.
func problemTexts(ps workbook.Problems) string {
	var b strings.Builder
	for _, p := range ps {
		fmt.Fprintln(&b, p.Error())
	}
	return b.String()
}
