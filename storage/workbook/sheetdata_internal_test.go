package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"hash/crc32"
	"io"
	"math"
	"math/rand/v2"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Given two byte strings, when their CRCs are combined, then the result is
// the CRC of the two one after the other, whatever their lengths.
func TestCRC32Combine(t *testing.T) {
	rnd := rand.New(rand.NewPCG(1, 2))
	for _, n := range [][2]int{{0, 0}, {5, 0}, {0, 5}, {1, 1}, {3, 17}, {1000, 1}, {7, 65536}, {100, 1 << 20}} {
		a, b := make([]byte, n[0]), make([]byte, n[1])
		for i := range a {
			a[i] = byte(rnd.Uint32())
		}
		for i := range b {
			b[i] = byte(rnd.Uint32())
		}
		got := crc32Combine(crc32.ChecksumIEEE(a), crc32.ChecksumIEEE(b), int64(len(b)))
		if want := crc32.ChecksumIEEE(append(a, b...)); got != want {
			t.Errorf("lengths %v: combined %08x, want %08x", n, got, want)
		}
	}
}

// cellValues are the values of every kind a sheet's rows are given, with
// text that needs escaping.
var cellValues = []any{
	"plain", "", " leading", "trailing\t", "\nline", "a\r\nb", `<b>&"quoted" 'it'</b>`, "tab\tinside",
	"Zoë Ñúñez", "数学", "emoji 🎓", "bad \xff byte", "control \x01\x1f char", "_x0041_", "a_x12ab_b", "_x005F_x0041_",
	"under_score", "_x12G4_", 0, 7, -42, int64(1) << 40, uint8(3), uint64(math.MaxUint64), int32(-5),
	0.5, 2.25, -1e-7, 1e21, float32(0.1), math.NaN(), math.Inf(1), true, false, nil,
	excelize.Cell{StyleID: 3, Value: "styled"}, excelize.Cell{StyleID: 4, Value: nil}, excelize.Cell{StyleID: 5, Value: 12},
	excelize.Cell{Value: 1.5}, &excelize.Cell{StyleID: 2, Value: true}, fmt.Stringer(nil), struct{ A int }{7},
}

// Given values of every kind, when sheetData writes them as a row, then
// the row's XML is the one excelize's StreamWriter writes for them.
func TestSheetDataWritesCellsAsExcelize(t *testing.T) {
	for i, v := range cellValues {
		want := excelizeRow(t, []any{"first", v, "last"})
		d := newSheetData()
		if err := d.SetRow(2, []any{"first", v, "last"}); err != nil {
			t.Fatalf("value %d (%#v): %v", i, v, err)
		}
		if got := string(d.buf); got != want {
			t.Errorf("value %d (%#v):\n got %s\nwant %s", i, v, got, want)
		}
	}
}

// excelizeRow returns the XML of row 2 as excelize's StreamWriter writes it.
func excelizeRow(t *testing.T, values []any) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for range 5 { // styles 1 to 5, for the cells that name them
		if _, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Size: float64(9 + rand.IntN(9))}}); err != nil {
			t.Fatal(err)
		}
	}
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	if err := sw.SetRow("A2", values); err != nil {
		t.Fatal(err)
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	part := readPart(t, buf.Bytes(), "xl/worksheets/sheet1.xml")
	row := regexp.MustCompile(`(?s)<row r="2">.*</row>`).FindString(part)
	if row == "" {
		t.Fatalf("no row 2 in %s", part)
	}
	return row
}

// readPart returns a part of an xlsx package, read through archive/zip,
// which checks its size and CRC.
func readPart(t *testing.T, pkg []byte, name string) string {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		t.Fatal(err)
	}
	rc, err := zr.Open(name)
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return string(b)
}

// Given text that holds "_xHHHH_" one after another, when it is written,
// then each "_" that starts one is escaped, so that a reader gives the
// text back as it was (excelize's own escaping misses the second).
func TestSheetDataEscapesEveryOOXMLEscape(t *testing.T) {
	tests := map[string]string{
		"_x0041_x0042_":  "_x005F_x0041_x005F_x0042_",
		"_x0041__x0042_": "_x005F_x0041__x005F_x0042_",
		"a_x00e9_":       "a_x005F_x00e9_",
		"_x004_":         "_x004_",
	}
	for in, want := range tests {
		if got := string(appendCellText(nil, in)); got != want {
			t.Errorf("%q written %q, want %q", in, got, want)
		}
		if got := unescapeOOXML(want); got != in {
			t.Errorf("%q read back as %q", want, got)
		}
	}
}

// unescapeOOXML decodes _xHHHH_ escapes from left to right, as a
// spreadsheet reads them.
func unescapeOOXML(s string) string {
	return regexp.MustCompile(`_x[0-9A-Fa-f]{4}_`).ReplaceAllStringFunc(s, func(m string) string {
		var r rune
		fmt.Sscanf(m[2:6], "%x", &r)
		return string(r)
	})
}

// Given a sheet of more rows than are compressed at once, when the
// workbook is saved, then its part reads whole, with a CRC that checks,
// and excelize reads every row back with its header.
func TestSheetDataSplicedIntoItsPart(t *testing.T) {
	f := excelize.NewFile()
	defer f.Close()
	w := &writer{f: f, ctx: context.Background()}
	if err := w.makeStyles(); err != nil {
		t.Fatal(err)
	}
	const rows = 20000
	w.sheet("First", []string{"Name", "N"}, []float64{20, 8}, func(add func(...any)) {
		add("only", 1)
	})
	join := w.sheetAside("Long", []string{"ID", "Text", "Number"}, []float64{10, 40, 8}, func(add func(...any)) {
		for i := range rows {
			add(fmt.Sprintf("s-%05d", i), strings.Repeat("word & more ", 1+i%7), i)
		}
	})
	w.sheet("Empty", []string{"Nothing"}, nil, func(func(...any)) {})
	join()
	if w.err != nil {
		t.Fatal(w.err)
	}
	if d := w.data["Long"]; d.size < 4*sheetDataChunk {
		t.Fatalf("the long sheet is %d bytes: too short to be compressed in several chunks", d.size)
	}
	var out bytes.Buffer
	if err := w.save(&out); err != nil {
		t.Fatal(err)
	}
	if part := readPart(t, out.Bytes(), "xl/worksheets/sheet2.xml"); !strings.HasSuffix(part, "</worksheet>") {
		t.Errorf("the long sheet's part ends %q", part[max(0, len(part)-80):])
	}
	got, err := excelize.OpenReader(bytes.NewReader(out.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer got.Close()
	long, err := got.GetRows("Long")
	if err != nil {
		t.Fatal(err)
	}
	if len(long) != rows+1 || long[0][1] != "Text" {
		t.Fatalf("the long sheet reads %d rows, first %v", len(long), long[0])
	}
	for i, r := range long[1:] {
		if want := []string{fmt.Sprintf("s-%05d", i), strings.Repeat("word & more ", 1+i%7), fmt.Sprint(i)}; strings.Join(r, "|") != strings.Join(want, "|") {
			t.Fatalf("row %d reads %q, want %q", i+2, r, want)
		}
	}
	for sheet, want := range map[string]int{"First": 2, "Empty": 1} {
		if r, err := got.GetRows(sheet); err != nil || len(r) != want {
			t.Errorf("sheet %s reads %d rows (%v), want %d", sheet, len(r), err, want)
		}
	}
}

// Given rows out of order, or a value that cannot be written, when they
// are written, then the writing is refused naming the row and column,
// and what was written before stays whole.
func TestSheetDataRefuses(t *testing.T) {
	d := newSheetData()
	if err := d.SetRow(2, []any{"a"}); err != nil {
		t.Fatal(err)
	}
	before := string(d.buf)
	if err := d.SetRow(2, []any{"b"}); err == nil || !strings.Contains(err.Error(), "row 2") {
		t.Errorf("row 2 again: %v", err)
	}
	err := d.SetRow(3, []any{"b", excelize.Cell{Formula: "=1+1"}})
	if err == nil || !strings.Contains(err.Error(), "row 3 column B") {
		t.Errorf("a formula: %v", err)
	}
	if string(d.buf) != before {
		t.Errorf("after the refusals the rows are %q, want %q", d.buf, before)
	}
}
