package workbook

import (
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"
)

// utf16Bytes encodes s as UTF-16 with a byte order mark.
func utf16Bytes(s string, bigEndian bool) []byte {
	out := []byte{0xFF, 0xFE}
	if bigEndian {
		out = []byte{0xFE, 0xFF}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if bigEndian {
			out = append(out, byte(u>>8), byte(u))
		} else {
			out = append(out, byte(u), byte(u>>8))
		}
	}
	return out
}

// rowTexts flattens rows as "num:A=text|B=text" for comparing.
func rowTexts(rows []rawRow) []string {
	var out []string
	for _, r := range rows {
		var cells []string
		for _, c := range r.cells {
			cells = append(cells, colName(c.col)+"="+c.text)
		}
		out = append(out, strings.Join(append([]string{fmt.Sprintf("%02d", r.num)}, cells...), "|"))
	}
	return out
}

// Given delimited text in each encoding and with each delimiter, when it
// is read, then the format is named and the rows come out with their
// spreadsheet row numbers, quoted line breaks and doubled quotes kept.
func TestReadTextTable(t *testing.T) {
	const list = "Code,Statement,Grade\r\nA.1,\"Count to \"\"ten\"\"\r\nwith objects\",K\r\n\r\nA.2,Add,1\r\n"
	// "Café – “quoted” naïve €5" as Windows-1252 (Python's cp1252 codec).
	cp, _ := hex.DecodeString("436166e92096209371756f74656494206e61ef7665208035")
	tests := []struct {
		name   string
		raw    []byte
		format string
		want   []string
	}{
		{"UTF-8 comma", []byte(list), "CSV, comma-separated, UTF-8",
			[]string{"01|A=Code|B=Statement|C=Grade", "02|A=A.1|B=Count to \"ten\"\nwith objects|C=K", "04|A=A.2|B=Add|C=1"}},
		{"UTF-8 with BOM, semicolon", []byte("\xEF\xBB\xBFCode;Statement\nA.1;Zähle, bis zehn\n"), "CSV, semicolon-separated, UTF-8 with BOM",
			[]string{"01|A=Code|B=Statement", "02|A=A.1|B=Zähle, bis zehn"}},
		{"UTF-16 LE tab", utf16Bytes("Code\tStatement\nA.1\tÉcrire, lire\n", false), "CSV, tab-separated, UTF-16 LE",
			[]string{"01|A=Code|B=Statement", "02|A=A.1|B=Écrire, lire"}},
		{"UTF-16 BE semicolon", utf16Bytes("Code;Statement\nA.1;𝑥 + 1\n", true), "CSV, semicolon-separated, UTF-16 BE",
			[]string{"01|A=Code|B=Statement", "02|A=A.1|B=𝑥 + 1"}},
		{"Windows-1252", append([]byte("Code;Statement\nA.1;"), cp...), "CSV, semicolon-separated, Windows-1252",
			[]string{"01|A=Code|B=Statement", "02|A=A.1|B=Café – “quoted” naïve €5"}},
		{"a comma inside quotes is no delimiter", []byte("\"Code, short\";Statement\nA;b\n"), "CSV, semicolon-separated, UTF-8",
			[]string{"01|A=Code, short|B=Statement", "02|A=A|B=b"}},
		{"ragged rows and empty cells", []byte("Code,Statement,Grade\nA.1,One\nA.2,,3,extra\n,,\n"), "CSV, comma-separated, UTF-8",
			[]string{"01|A=Code|B=Statement|C=Grade", "02|A=A.1|B=One", "03|A=A.2|C=3|D=extra"}},
		{"one column, no line break at the end", []byte("Code\nA.1"), "CSV, comma-separated, UTF-8",
			[]string{"01|A=Code", "02|A=A.1"}},
		{"a quote left open runs to the end", []byte("Code,Statement\nA.1,\"open\nB.2,x\n"), "CSV, comma-separated, UTF-8",
			[]string{"01|A=Code|B=Statement", "02|A=A.1|B=open\nB.2,x\n"}},
		{"empty", nil, "CSV, comma-separated, UTF-8", nil},
		{"only blank lines", []byte("\n\r\n  \n"), "CSV, comma-separated, UTF-8", []string{"03|A=  "}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tab, err := readTextTable(tt.raw)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			if tab.format != tt.format {
				t.Errorf("format %q, want %q", tab.format, tt.format)
			}
			if got := rowTexts(tab.rows); !slices.Equal(got, tt.want) {
				t.Errorf("rows\n%q\nwant\n%q", got, tt.want)
			}
		})
	}
}

// Given every byte Windows-1252 defines from 0x80 to 0x9F (the bytes
// where it differs from Latin-1), the decoding is the one Python's cp1252
// codec gives; Latin-1 bytes map to themselves.
func TestWindows1252Table(t *testing.T) {
	raw, _ := hex.DecodeString("8082838485868788898a8b8c8e9192939495969798999a9b9c9e9f")
	if got, want := decodeWindows1252(raw), "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ"; got != want {
		t.Errorf("0x80–0x9F: %q, want %q", got, want)
	}
	if got := decodeWindows1252([]byte{0x41, 0xA0, 0xE9, 0xFF}); got != "A\u00a0éÿ" {
		t.Errorf("Latin-1 bytes: %q", got)
	}
}

// Given text that is no table, when it is read, then it says what it is
// instead.
func TestReadTextTableRefuses(t *testing.T) {
	tests := []struct {
		name string
		raw  []byte
		want error
		text string
	}{
		{"CASE JSON", []byte("  {\"CFDocument\": {}}"), ErrUnsupported, "a JSON file, such as a CASE package"},
		{"JSON in UTF-16", utf16Bytes("[1,2]", false), ErrUnsupported, "JSON"},
		{"HTML", []byte("<html><table></table></html>"), ErrUnsupported, "XML or HTML"},
		{"binary", []byte{'P', 'K', 0, 1, 2, 3}, errBinary, "binary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := readTextTable(tt.raw)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("err = %v, want %v saying %q", err, tt.want, tt.text)
			}
		})
	}
}

func TestSniffDelimiter(t *testing.T) {
	tests := []struct {
		text string
		want rune
	}{
		{"a,b,c\n1;2", ','},
		{"a;b;c\n1,2,3,4,5", ';'},
		{"a\tb\n", '\t'},
		{"\"x;y\",\"z;w\"\n", ','},
		{"\n\na;b\n", ';'},
		{"a;b,c\n", ';'},
		{"single\n", ','},
		{"", ','},
	}
	for _, tt := range tests {
		if got := sniffDelimiter(tt.text); got != tt.want {
			t.Errorf("sniffDelimiter(%q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

// FuzzReadTextTable: any bytes are read without a panic; rows come out
// in increasing row order, each with cells in increasing columns.
func FuzzReadTextTable(f *testing.F) {
	f.Add([]byte("Code;Statement\nA;\"b\nc\"\n\n"))
	f.Add(utf16Bytes("a\tb\n", true))
	f.Add([]byte{0xFF, 0xFE, 0x41})
	f.Add([]byte("\xEF\xBB\xBF\"open"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		tab, err := readTextTable(raw)
		if err != nil {
			return
		}
		last := 0
		for _, r := range tab.rows {
			if r.num <= last {
				t.Fatalf("row %d after row %d", r.num, last)
			}
			last = r.num
			col := -1
			for _, c := range r.cells {
				if c.col <= col || c.text == "" {
					t.Fatalf("row %d: cells %+v", r.num, r.cells)
				}
				col = c.col
			}
		}
	})
}
