package workbook

import (
	"bytes"
	"fmt"
	"hash/crc32"
	"math"
	"reflect"
	"strconv"
	"time"
	"unicode/utf16"
	"unicode/utf8"

	"github.com/klauspost/compress/flate"
	"github.com/xuri/excelize/v2"
)

// sheetData holds a sheet's rows below its header, written as the
// SpreadsheetML of its <sheetData> element, and compressed as they come.
// The rest of the sheet (columns, panes, the header row, the filter) is
// excelize's: save splices these rows into excelize's part for the sheet.
//
// excelize's StreamWriter was most of a district's export: it makes each
// cell's reference, a struct, an escaped copy of its text and a regular
// expression match, and looks its column's style up among every column
// given a width. Here a row is appended to one buffer.
//
// The cells are written as excelize writes them: a reference on each, a
// style when it has one, numbers as <v>, booleans as t="b", and text
// inline (t="inlineStr"), escaped, with xml:space="preserve" when it
// starts or ends with a space, tab or line break, and every "_" that
// starts an "_xHHHH_" written "_x005F_" so that readers keep it as typed.
type sheetData struct {
	sw     *excelize.StreamWriter // the sheet's own part, header and layout
	last   int                    // the number of the last row written
	buf    []byte                 // rows not yet compressed
	z      *flate.Writer          // made with the first rows compressed
	packed bytes.Buffer           // the rows compressed, ending with a sync flush
	crc    uint32                 // of the rows
	size   int64                  // of the rows, uncompressed
	refs   []string               // column names by index, as met
}

// sheetDataChunk is how many bytes of rows are gathered before they are
// compressed.
const sheetDataChunk = 256 << 10

// newSheetData returns an empty sheetData whose first row may be row 2.
func newSheetData() *sheetData {
	return &sheetData{last: 1, buf: make([]byte, 0, sheetDataChunk+4096)}
}

// SetRow writes row n, its cells from column A; a nil value leaves its
// cell out. Rows must come in increasing order.
func (d *sheetData) SetRow(n int, values []any) error {
	if n <= d.last {
		return fmt.Errorf("row %d written after row %d", n, d.last)
	}
	mark := len(d.buf)
	d.buf = append(d.buf, `<row r="`...)
	d.buf = strconv.AppendInt(d.buf, int64(n), 10)
	d.buf = append(d.buf, `">`...)
	for i, v := range values {
		var err error
		if d.buf, err = d.appendCell(d.buf, i, n, v); err != nil {
			d.buf = d.buf[:mark]
			return fmt.Errorf("row %d column %s: %w", n, colName(i), err)
		}
	}
	d.buf = append(d.buf, `</row>`...)
	d.last = n
	if len(d.buf) >= sheetDataChunk {
		return d.compress()
	}
	return nil
}

// ref returns the name of column i.
func (d *sheetData) ref(i int) string {
	for len(d.refs) <= i {
		d.refs = append(d.refs, colName(len(d.refs)))
	}
	return d.refs[i]
}

// appendCell appends the cell of column col, row row, holding v.
func (d *sheetData) appendCell(b []byte, col, row int, v any) ([]byte, error) {
	switch c := v.(type) {
	case nil:
		return b, nil
	case *excelize.Cell:
		if c == nil {
			return b, nil
		}
		v = *c
	}
	style := 0
	if c, ok := v.(excelize.Cell); ok {
		if c.Formula != "" {
			return b, fmt.Errorf("a formula cannot be written here")
		}
		style, v = c.StyleID, c.Value
	}
	b = append(b, `<c r="`...)
	b = append(b, d.ref(col)...)
	b = strconv.AppendInt(b, int64(row), 10)
	b = append(b, '"')
	if style != 0 {
		b = append(b, ` s="`...)
		b = strconv.AppendInt(b, int64(style), 10)
		b = append(b, '"')
	}
	switch v := v.(type) {
	case nil:
		return append(b, `></c>`...), nil
	case string:
		return appendTextCell(b, v), nil
	case []byte:
		return appendTextCell(b, string(v)), nil
	case bool:
		if v {
			return append(b, ` t="b"><v>1</v></c>`...), nil
		}
		return append(b, ` t="b"><v>0</v></c>`...), nil
	case int, int8, int16, int32, int64:
		return appendNumberCell(b, strconv.AppendInt, reflect.ValueOf(v).Int()), nil
	case uint, uint8, uint16, uint32, uint64:
		return appendNumberCell(b, strconv.AppendUint, reflect.ValueOf(v).Uint()), nil
	case float32:
		return appendFloatCell(b, float64(v), 32), nil
	case float64:
		return appendFloatCell(b, v, 64), nil
	case time.Time, time.Duration, []excelize.RichTextRun:
		return b, fmt.Errorf("a %T cannot be written here", v)
	default:
		return appendTextCell(b, fmt.Sprint(v)), nil
	}
}

// appendNumberCell ends a cell holding the integer v.
func appendNumberCell[T int64 | uint64](b []byte, format func([]byte, T, int) []byte, v T) []byte {
	b = append(b, `><v>`...)
	b = format(b, v, 10)
	return append(b, `</v></c>`...)
}

// appendFloatCell ends a cell holding v, written in full, or as text when
// it is not a number a cell can hold.
func appendFloatCell(b []byte, v float64, bits int) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return appendTextCell(b, fmt.Sprint(v))
	}
	b = append(b, `><v>`...)
	b = strconv.AppendFloat(b, v, 'f', -1, bits)
	return append(b, `</v></c>`...)
}

// appendTextCell ends a cell holding the text s, inline.
func appendTextCell(b []byte, s string) []byte {
	s = fitCell(s)
	b = append(b, ` t="inlineStr"><is><t`...)
	if s != "" {
		switch first, last := s[0], s[len(s)-1]; {
		case isXMLSpace(first), isXMLSpace(last):
			b = append(b, ` xml:space="preserve"`...)
		}
	}
	b = append(b, '>')
	b = appendCellText(b, s)
	return append(b, `</t></is></c>`...)
}

func isXMLSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// fitCell cuts s to the 32,767 UTF-16 units a cell holds. The writer
// refuses longer text before it gets here; this only keeps text of that
// many characters, some outside the Basic Multilingual Plane, in bounds.
func fitCell(s string) string {
	if len(s) <= maxCellChars {
		return s
	}
	units := 0
	for i, r := range s {
		n := 1
		if utf16.IsSurrogate(r) || r >= 0x10000 {
			n = 2
		}
		if units+n > maxCellChars {
			return s[:i]
		}
		units += n
	}
	return s
}

// appendCellText appends s escaped for XML: the five markup characters
// and tab and carriage return as references, a character XML cannot hold
// as U+FFFD, and the "_" of each "_xHHHH_" as "_x005F_".
func appendCellText(b []byte, s string) []byte {
	plain := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < 0x20 || c >= utf8.RuneSelf || c == '&' || c == '<' || c == '>' || c == '"' || c == '\'' || c == '_' {
			plain = false
			break
		}
	}
	if plain {
		return append(b, s...)
	}
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case int(r) < len(cellEscapes) && cellEscapes[r] != "":
			b = append(b, cellEscapes[r]...)
		case r == '_' && isOOXMLEscape(s[i:]):
			b = append(b, "_x005F_"...)
		case r == utf8.RuneError && n == 1, !isXMLChar(r):
			b = utf8.AppendRune(b, '\uFFFD')
		default:
			b = append(b, s[i:i+n]...)
		}
		i += n
	}
	return b
}

// cellEscapes are the characters written as references in a cell's
// text, as encoding/xml writes them (a line break is written as itself).
var cellEscapes = [...]string{'&': "&amp;", '<': "&lt;", '>': "&gt;", '"': "&#34;", '\'': "&#39;", '\t': "&#x9;", '\r': "&#xD;"}

// isOOXMLEscape reports whether s starts with "_xHHHH_", which a reader
// would take for the character HHHH.
func isOOXMLEscape(s string) bool {
	if len(s) < 7 || s[0] != '_' || s[1] != 'x' || s[6] != '_' {
		return false
	}
	for _, c := range []byte(s[2:6]) {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}

// isXMLChar reports whether XML 1.0 can hold r.
func isXMLChar(r rune) bool {
	return r == 0x09 || r == 0x0A || r == 0x0D ||
		r >= 0x20 && r <= 0xD7FF || r >= 0xE000 && r <= 0xFFFD || r >= 0x10000 && r <= 0x10FFFF
}

// compress moves the gathered rows into the compressed stream.
func (d *sheetData) compress() error {
	if len(d.buf) == 0 {
		return nil
	}
	if d.z == nil {
		z, err := flate.NewWriter(&d.packed, flate.BestSpeed)
		if err != nil {
			return err
		}
		d.z = z
	}
	d.crc = crc32.Update(d.crc, crc32.IEEETable, d.buf)
	d.size += int64(len(d.buf))
	_, err := d.z.Write(d.buf)
	d.buf = d.buf[:0]
	return err
}

// end compresses the last rows and ends the stream with a sync flush, not
// a final block, so that more can follow it.
func (d *sheetData) end() error {
	if err := d.compress(); err != nil {
		return err
	}
	if d.z == nil {
		return nil
	}
	return d.z.Flush()
}
