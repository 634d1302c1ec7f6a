package workbook

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// The formats Options.Format may name.
const (
	// FormatAuto recognises the file by its content (the default).
	FormatAuto = "auto"
	// FormatWorkbook reads the file as an xlsx workbook (encrypted or not).
	FormatWorkbook = "workbook"
	// FormatCSV reads the file as delimited text: CSV, TSV, semicolon-separated.
	FormatCSV = "csv"
)

// Formats are the names Options.Format accepts.
var Formats = []string{FormatAuto, FormatWorkbook, FormatCSV}

// Names of the formats recognised, as a person reads them (About.Format).
const (
	formatXLSX      = "Excel workbook (.xlsx)"
	formatEncrypted = "Excel workbook (.xlsx), password-protected"
)

// ErrUnsupported means the file is of a kind recognised but not (yet)
// imported, such as a CASE package in JSON.
var ErrUnsupported = errors.New("this kind of file cannot be imported yet")

// errBinary means a file is neither a workbook nor text.
var errBinary = errors.New("it holds binary data, not text")

// maxText bounds the size of a delimited text file, which is read into
// memory whole.
const maxText = 256 << 20

// fileKind is what the first bytes of a file say it is.
type fileKind int

const (
	kindZip  fileKind = iota // an xlsx package (or another zip file)
	kindOLE                  // an OLE compound file: an encrypted workbook or an old .xls
	kindText                 // anything else: text, to be decoded and checked
)

// sniff tells a file's kind from its first bytes.
func sniff(head []byte) fileKind {
	switch {
	case bytes.HasPrefix(head, []byte("PK\x03\x04")), bytes.HasPrefix(head, []byte("PK\x05\x06")):
		return kindZip
	case bytes.HasPrefix(head, oleMagic):
		return kindOLE
	}
	return kindText
}

// textTable is a delimited text file read as one sheet of rows.
type textTable struct {
	// format names what was recognised: "CSV, semicolon-separated, Windows-1252".
	format string
	// rows are the records with at least one non-empty field, numbered as a
	// spreadsheet program opening the file numbers its rows (blank lines
	// count; a quoted line break does not start a row).
	rows []rawRow
}

// readTextTable decodes raw (its encoding from a byte order mark, else
// UTF-8, else Windows-1252), finds its delimiter in the header line and
// reads its records. A file that is not text at all, or is JSON, XML or
// HTML, gives an error saying what it is instead.
func readTextTable(raw []byte) (*textTable, error) {
	text, enc, err := decodeText(raw)
	if err != nil {
		return nil, err
	}
	if err := notATable(text); err != nil {
		return nil, err
	}
	delim := sniffDelimiter(text)
	t := &textTable{format: fmt.Sprintf("CSV, %s-separated, %s", delimiterName(delim), enc)}
	t.rows, err = parseDelimited(text, delim)
	if err != nil {
		return nil, err
	}
	return t, nil
}

// decodeText turns raw bytes into text and names their encoding.
func decodeText(raw []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(raw, []byte{0xEF, 0xBB, 0xBF}):
		raw = raw[3:]
		if !utf8.Valid(raw) {
			return "", "", errors.New("the file starts as UTF-8 text but holds bytes that are not UTF-8; save it again as CSV UTF-8")
		}
		return string(raw), "UTF-8 with BOM", nil
	case bytes.HasPrefix(raw, []byte{0xFF, 0xFE}):
		return decodeUTF16(raw[2:], false), "UTF-16 LE", nil
	case bytes.HasPrefix(raw, []byte{0xFE, 0xFF}):
		return decodeUTF16(raw[2:], true), "UTF-16 BE", nil
	case utf8.Valid(raw):
		return string(raw), "UTF-8", nil
	}
	return decodeWindows1252(raw), "Windows-1252", nil
}

// decodeUTF16 decodes UTF-16 text; a last odd byte (a file cut short) is
// dropped and unpaired surrogates become U+FFFD.
func decodeUTF16(raw []byte, bigEndian bool) string {
	units := make([]uint16, len(raw)/2)
	for i := range units {
		lo, hi := raw[2*i], raw[2*i+1]
		if bigEndian {
			lo, hi = hi, lo
		}
		units[i] = uint16(lo) | uint16(hi)<<8
	}
	return string(utf16.Decode(units))
}

// cp1252 maps the bytes 0x80–0x9F of Windows-1252 to their characters;
// the five bytes it leaves undefined keep their C1 code points, as the
// WHATWG encoding standard says. Every other byte is the Latin-1
// character of the same number.
var cp1252 = [32]rune{
	'€', 0x81, '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', 0x8D, 'Ž', 0x8F,
	0x90, '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', 0x9D, 'ž', 'Ÿ',
}

// decodeWindows1252 decodes Windows-1252 text, the encoding Excel on
// Windows writes "CSV (Comma delimited)" files in.
func decodeWindows1252(raw []byte) string {
	var b strings.Builder
	b.Grow(len(raw) + len(raw)/8)
	for _, c := range raw {
		switch {
		case c < 0x80:
			b.WriteByte(c)
		case c < 0xA0:
			b.WriteRune(cp1252[c-0x80])
		default:
			b.WriteRune(rune(c))
		}
	}
	return b.String()
}

// notATable refuses text that is no table: binary bytes, JSON (a CASE
// package), XML or HTML.
func notATable(text string) error {
	controls := 0
	for _, r := range text {
		if r == 0 {
			return errBinary
		}
		if r < ' ' && r != '\t' && r != '\n' && r != '\r' || r == 0x7F {
			controls++
		}
	}
	if controls > 0 && controls*100 > len(text) {
		return errBinary
	}
	trimmed := strings.TrimLeft(text, " \t\r\n\ufeff")
	switch {
	case strings.HasPrefix(trimmed, "{"), strings.HasPrefix(trimmed, "["):
		return fmt.Errorf("%w: it is a JSON file, such as a CASE package, and importing CASE packages is not yet supported; import the framework as a CASE spreadsheet (.xlsx) or a CSV list instead", ErrUnsupported)
	case strings.HasPrefix(trimmed, "<"):
		return fmt.Errorf("%w: it is an XML or HTML file, not a workbook or a CSV list; open it in your spreadsheet program and save it as Excel Workbook (.xlsx) or CSV", ErrUnsupported)
	}
	return nil
}

// The delimiters a header line is tried with, in order of preference
// when they are equally frequent: a tab or a semicolon seldom appears in
// a header by chance, a comma often does.
var delimiters = []rune{'\t', ';', ','}

// sniffDelimiter picks the delimiter found most often in the header line
// (the first line that is not blank), outside quotes; a comma when none is.
func sniffDelimiter(text string) rune {
	counts := map[rune]int{}
	quoted, started := false, false
	for _, r := range text {
		if r == '"' {
			quoted = !quoted
			started = true
			continue
		}
		if quoted {
			continue
		}
		if r == '\n' || r == '\r' {
			if started {
				break
			}
			continue
		}
		if r != ' ' {
			started = true
		}
		counts[r]++
	}
	best, most := ',', 0
	for _, d := range delimiters {
		if counts[d] > most {
			best, most = d, counts[d]
		}
	}
	return best
}

func delimiterName(d rune) string {
	switch d {
	case '\t':
		return "tab"
	case ';':
		return "semicolon"
	}
	return "comma"
}

// parseDelimited reads the records of text. Each becomes a row of its
// non-empty fields, numbered as a spreadsheet program numbers rows:
// blank lines count as rows, a line break inside quotes does not.
func parseDelimited(text string, delim rune) ([]rawRow, error) {
	r := csv.NewReader(strings.NewReader(text))
	r.Comma = delim
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	var rows []rawRow
	row, linesRead, offset := 0, 0, int64(0)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return rows, nil
		}
		if err != nil {
			return nil, fmt.Errorf("row %d: %w", row+1, err)
		}
		line, _ := r.FieldPos(0)
		row += line - linesRead // blank lines before this record, then this record
		end := r.InputOffset()
		linesRead += strings.Count(text[offset:end], "\n")
		if !strings.HasSuffix(text[:end], "\n") {
			linesRead++ // the last line has no line break
		}
		offset = end
		var cells []cell
		for i, f := range rec {
			if f != "" {
				cells = append(cells, cell{col: i, kind: kindString, text: f})
			}
		}
		if len(cells) > 0 {
			rows = append(rows, rawRow{num: row, cells: cells})
		}
	}
}

// sheetNameOf is the name a spreadsheet program gives the one sheet of a
// text file it opens: the file's name without its extension.
func sheetNameOf(file string) string {
	base := filepath.Base(file)
	if name := strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base))); name != "" && name != "." {
		return name
	}
	return "Sheet1"
}

// TextRow is one record of a delimited text file: its row number as a
// spreadsheet program shows it, and its fields (empty ones included, so
// that Fields[i] is column i).
type TextRow struct {
	Num    int
	Fields []string
}

// ReadDelimited decodes raw as ReadFile would a CSV or TSV file (encoding
// from a byte order mark, else UTF-8, else Windows-1252; delimiter from
// the header line) and returns its non-blank records with the format
// recognised, e.g. "CSV, comma-separated, UTF-8". Readers of other
// systems' CSV files (Moodle, Canvas) use it so that every CSV is read
// alike.
func ReadDelimited(raw []byte) (format string, rows []TextRow, err error) {
	t, err := readTextTable(raw)
	if err != nil {
		return "", nil, err
	}
	rows = make([]TextRow, len(t.rows))
	for i, r := range t.rows {
		width := 0
		if n := len(r.cells); n > 0 {
			width = r.cells[n-1].col + 1
		}
		fields := make([]string, width)
		for _, c := range r.cells {
			fields[c.col] = c.text
		}
		rows[i] = TextRow{Num: r.num, Fields: fields}
	}
	return t.format, rows, nil
}
