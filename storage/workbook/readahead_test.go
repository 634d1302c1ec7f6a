package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

func TestReadAheadGivesEveryByteInOrder(t *testing.T) {
	for _, n := range []int{0, 1, readAheadChunk - 1, readAheadChunk, readAheadChunk + 1, 5*readAheadChunk + 17} {
		want := make([]byte, n)
		for i := range want {
			want[i] = byte(i*7 + i/readAheadChunk)
		}
		src := &closeCounter{Reader: iotest.HalfReader(bytes.NewReader(want))}
		r := readAhead(src)
		if err := iotest.TestReader(r, want); err != nil {
			t.Errorf("%d bytes: %v", n, err)
		}
		if err := r.Close(); err != nil || src.closed != 1 {
			t.Errorf("%d bytes: Close = %v, source closed %d times", n, err, src.closed)
		}
	}
}

func TestReadAheadPassesOnTheSourcesError(t *testing.T) {
	boom := errors.New("damaged zip entry")
	src := &closeCounter{Reader: io.MultiReader(strings.NewReader(strings.Repeat("x", readAheadChunk+10)), iotest.ErrReader(boom))}
	r := readAhead(src)
	b, err := io.ReadAll(r)
	if !errors.Is(err, boom) || len(b) != readAheadChunk+10 {
		t.Errorf("ReadAll = %d bytes, %v; want every byte before the error, then the error", len(b), err)
	}
	if err := r.Close(); err != nil {
		t.Error(err)
	}
}

func TestReadAheadClosedMidwayStops(t *testing.T) {
	src := &closeCounter{Reader: bytes.NewReader(make([]byte, 20*readAheadChunk))}
	r := readAhead(src)
	buf := make([]byte, 100)
	if _, err := r.Read(buf); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil { // returns although the reader is not drained
		t.Error(err)
	}
	if src.closed != 1 {
		t.Errorf("source closed %d times", src.closed)
	}
	if _, err := r.Read(buf); err == nil {
		t.Error("Read after Close succeeded")
	}
}

// sheetXML is a worksheet of n rows of three cells (a number, an inline
// string, a number again), then tail before the end of sheetData.
func sheetXML(n int, tail string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0"?><worksheet><sheetData>`)
	for i := 1; i <= n; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d"><v>%d</v></c><c r="B%d" t="inlineStr"><is><t>row %d</t></is></c><c r="D%d"><v>%d.5</v></c></row>`, i, i, i, i, i, i, i)
	}
	b.WriteString(tail)
	b.WriteString(`</sheetData></worksheet>`)
	return b.String()
}

type sheetRow struct {
	num   int
	cells []cell
}

// readBoth reads xml with parseSheet and with readSheetAhead, with the
// same handler, and returns what each passed on, its error and its
// progress reports.
func readBoth(t *testing.T, xml string, fn func(n int) error) (rows [2][]sheetRow, errs [2]error, progress [2][]int64) {
	t.Helper()
	x := &xlsxFile{}
	for k := range 2 {
		handler := func(n int, cells []cell) error {
			rows[k] = append(rows[k], sheetRow{n, slices.Clone(cells)})
			return fn(n)
		}
		prog := func(done, _ int64) { progress[k] = append(progress[k], done) }
		if k == 0 {
			errs[k] = x.parseSheet(strings.NewReader(xml), int64(len(xml)), handler, prog)
			continue
		}
		src := &closeCounter{Reader: strings.NewReader(xml)}
		errs[k] = x.readSheetAhead(readAhead(src), int64(len(xml)), handler, prog)
		if src.closed != 1 {
			t.Errorf("the sheet was closed %d times, want once", src.closed)
		}
	}
	return rows, errs, progress
}

// TestReadSheetAheadPassesWhatParsingAlonePasses: reading a large sheet a
// batch of rows ahead gives the handler the same rows, cells, errors and
// progress, in the same order, as parsing it on one goroutine; a handler
// that stops or fails stops the reading there.
func TestReadSheetAheadPassesWhatParsingAlonePasses(t *testing.T) {
	boom := errors.New("the handler failed")
	big := sheetXML(60000, "") // about 8 MB of XML: progress is reported every 4 MB
	cases := []struct {
		name    string
		xml     string
		fn      func(n int) error
		wantErr error
		rows    int
	}{
		{"whole", big, func(int) error { return nil }, nil, 60000},
		{"stopped", big, func(n int) error {
			if n == 1234 {
				return errStop
			}
			return nil
		}, nil, 1234},
		{"failed", big, func(n int) error {
			if n == aheadRows*3+1 {
				return boom
			}
			return nil
		}, boom, aheadRows*3 + 1},
		{"damaged", sheetXML(2000, `<row r="2001"><c r="A2001"><v>1</v></c>`), func(int) error { return nil }, errXMLSyntax, 2000},
		{"few rows", sheetXML(3, ""), func(int) error { return nil }, nil, 3},
	}
	for _, c := range cases {
		rows, errs, progress := readBoth(t, c.xml, c.fn)
		for k, name := range []string{"parsed alone", "read ahead"} {
			if !errors.Is(errs[k], c.wantErr) && errs[k] != c.wantErr {
				t.Errorf("%s, %s: error %v, want %v", c.name, name, errs[k], c.wantErr)
			}
			if len(rows[k]) != c.rows {
				t.Errorf("%s, %s: %d rows passed on, want %d", c.name, name, len(rows[k]), c.rows)
			}
		}
		if !reflect.DeepEqual(rows[0], rows[1]) {
			t.Errorf("%s: the rows read ahead differ from the rows parsed alone", c.name)
		}
		if c.name == "whole" && !sameProgress(progress[0], progress[1]) {
			t.Errorf("%s: progress read ahead %v, parsed alone %v", c.name, progress[1], progress[0])
		}
	}
}

// sameProgress reports whether two readings reported progress as often,
// at about the same places (the scanner's reads fall a little apart).
func sameProgress(a, b []int64) bool {
	if len(a) == 0 || len(a) != len(b) {
		return false
	}
	for i := range a {
		if d := a[i] - b[i]; d < -64<<10 || d > 64<<10 {
			return false
		}
	}
	return true
}
