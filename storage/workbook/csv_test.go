package workbook_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/storage/workbook"
)

// standardsRows is a teacher's standards list: a hierarchy by Parent,
// grades, domains, and a statement with a line break and quotes.
var standardsRows = [][]string{
	{"Code", "Statement", "Grade", "Domain", "Parent"},
	{"NBT", "Number and operations", "", "Number", ""},
	{"NBT.1", "Count to 120, starting at any number", "1", "Number", "NBT"},
	{"NBT.2", "Understand \"ten\" as a bundle\nof ten ones", "1", "Number", "NBT"},
	{"OA.1", "Add and subtract within 20", "1;2", "Operations", ""},
	{"OA.2", "Solve word problems", "2", "Operations", ""},
}

// csvOf writes rows as delimited text the way spreadsheet programs do:
// fields with the delimiter, quotes or line breaks in quotes.
func csvOf(rows [][]string, delim string) string {
	var b strings.Builder
	for _, r := range rows {
		for i, f := range r {
			if i > 0 {
				b.WriteString(delim)
			}
			if strings.ContainsAny(f, delim+"\"\n,;") {
				f = `"` + strings.ReplaceAll(f, `"`, `""`) + `"`
			}
			b.WriteString(f)
		}
		b.WriteString("\r\n")
	}
	return b.String()
}

func sheetOf(name string, rows [][]string) sheet {
	s := sheet{name: name}
	for _, r := range rows {
		vals := make([]any, len(r))
		for i, v := range r {
			if v != "" {
				vals[i] = v
			}
		}
		s.rows = append(s.rows, vals)
	}
	return s
}

// writeFile writes data to name in a temporary folder.
func writeFile(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Given the same standards list saved as xlsx and as CSV (each
// delimiter, UTF-8 and UTF-16), when both are imported, then they give
// the same continuum and the same targets, and the CSV's About names what
// was recognised.
func TestCSVListImportsLikeXLSX(t *testing.T) {
	ctx := context.Background()
	want, err := workbook.DecodeFile(ctx, writeFile(t, "standards.xlsx", build(t, sheetOf("standards", standardsRows))), workbook.Options{})
	if err != nil {
		t.Fatalf("xlsx: %v", err)
	}
	if len(want.Targets) != 4 {
		t.Fatalf("xlsx gives %d targets, want the 4 leaves", len(want.Targets))
	}
	tests := []struct {
		name, format string
		data         []byte
	}{
		{"comma", "CSV, comma-separated, UTF-8", []byte(csvOf(standardsRows, ","))},
		{"semicolon with BOM", "CSV, semicolon-separated, UTF-8 with BOM", []byte("\xEF\xBB\xBF" + csvOf(standardsRows, ";"))},
		{"tab in UTF-16", "CSV, tab-separated, UTF-16 LE", utf16LE(csvOf(standardsRows, "\t"))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := workbook.DecodeFile(ctx, writeFile(t, "standards.csv", tt.data), workbook.Options{})
			if err != nil {
				t.Fatalf("csv: %v", err)
			}
			if got.About.Format != tt.format || got.About.Layout != workbook.LayoutStandards {
				t.Errorf("about %+v, want a standards list read as %q", got.About, tt.format)
			}
			if !reflect.DeepEqual(got.Targets, want.Targets) {
				t.Errorf("targets\n%+v\nwant (as from xlsx)\n%+v", got.Targets, want.Targets)
			}
			gc, wc := got.Continuum, want.Continuum
			gc.ID, wc.ID = "", ""
			if !reflect.DeepEqual(gc, wc) {
				t.Errorf("continuum\n%+v\nwant\n%+v", gc, wc)
			}
			if !reflect.DeepEqual(got.Places.Targets, want.Places.Targets) {
				t.Errorf("places %v, want %v", got.Places.Targets, want.Places.Targets)
			}
		})
	}
	if want.About.Format != "Excel workbook (.xlsx)" {
		t.Errorf("xlsx format %q", want.About.Format)
	}
}

func utf16LE(s string) []byte {
	out := []byte{0xFF, 0xFE}
	for _, r := range s { // the test's text is in the Basic Multilingual Plane
		out = append(out, byte(r), byte(r>>8))
	}
	return out
}

// Given a list whose headers name neither a code nor a statement, saved
// as CSV and as xlsx, when it is imported, then both say which headers
// they found, which fields are missing and the --map that would read it;
// and that --map does.
func TestUnplacedListSuggestsMap(t *testing.T) {
	ctx := context.Background()
	rows := [][]string{
		{"Std #", "Words", "Grade"},
		{"A.1", "Count objects to ten", "K"},
		{"A.2", "Compare two groups of objects", "K"},
	}
	files := map[string]string{
		"list.csv":  writeFile(t, "list.csv", []byte(csvOf(rows, ";"))),
		"list.xlsx": writeFile(t, "list.xlsx", build(t, sheetOf("List", rows))),
	}
	wantIn := map[string]string{"list.csv": `The headers in row 1 are`, "list.xlsx": `the sheets are "List". The headers in sheet "List" row 1 are`}
	for name, path := range files {
		b, err := workbook.DecodeFile(ctx, path, workbook.Options{})
		if err == nil || b == nil || len(b.Problems) != 1 {
			t.Fatalf("%s: %v, want one problem", name, err)
		}
		msg := b.Problems[0].Error()
		for _, w := range []string{wantIn[name], `"Std #", "Words", "Grade"; missing: code, statement`, `say which columns hold them, for instance --map "code=Std #,statement=Words"`} {
			if !strings.Contains(msg, w) {
				t.Errorf("%s: %q\nwant it to say %q", name, msg, w)
			}
		}
		m, err := workbook.ParseMap("code=Std #,statement=Words")
		if err != nil {
			t.Fatal(err)
		}
		b, err = workbook.DecodeFile(ctx, path, workbook.Options{Map: m})
		if err != nil || len(b.Targets) != 2 || b.Targets[1].Level != "K" {
			t.Errorf("%s with the map suggested: %v, %+v", name, err, b)
		}
		b, _ = workbook.DecodeFile(ctx, path, workbook.Options{Map: map[string]string{"code": "Std #", "statement": "Nope"}})
		if b == nil || len(b.Problems) != 1 || !strings.Contains(b.Problems[0].Error(), `--map statement=Nope: there is no column "Nope"`) ||
			!strings.Contains(b.Problems[0].Error(), `"Std #", "Words", "Grade"`) {
			t.Errorf("%s with a column not there: %v", name, b.Problems)
		}
	}
}

// Given an empty CSV or one of headers only, the problem says so and
// what is expected.
func TestCSVWithoutRows(t *testing.T) {
	ctx := context.Background()
	if _, err := workbook.DecodeFile(ctx, writeFile(t, "empty.csv", nil), workbook.Options{}); !errors.Is(err, workbook.ErrNotWorkbook) || !strings.Contains(err.Error(), "the file is empty") {
		t.Errorf("empty: %v", err)
	}
	b, _ := workbook.DecodeFile(ctx, writeFile(t, "blank.csv", []byte("\n;;\n")), workbook.Options{})
	if b == nil || len(b.Problems) != 1 || !strings.Contains(b.Problems[0].Error(), "the file is empty; expected a header row naming a code and a statement") {
		t.Errorf("blank: %+v", b)
	}
	b, err := workbook.DecodeFile(ctx, writeFile(t, "head.csv", []byte("Code,Statement\n")), workbook.Options{})
	if b == nil || len(b.Targets) != 0 || !strings.Contains(fmt.Sprint(err), "import head.csv: the list holds no standards; expected rows with a code and a statement") {
		t.Errorf("headers only: %v", err)
	}
}

// Given a forced format that does not match the content, the error says
// what the file is and how to read it; a JSON file is "not yet
// supported", never damaged.
func TestFormatOption(t *testing.T) {
	ctx := context.Background()
	csvPath := writeFile(t, "list.csv", []byte(csvOf(standardsRows, ",")))
	xlsxPath := writeFile(t, "list.xlsx", build(t, sheetOf("List", standardsRows)))
	if _, err := workbook.DecodeFile(ctx, csvPath, workbook.Options{Format: workbook.FormatWorkbook}); !errors.Is(err, workbook.ErrNotWorkbook) || !strings.Contains(err.Error(), "it is a text file (such as CSV), not an Excel workbook; read it with --format csv") {
		t.Errorf("csv as workbook: %v", err)
	}
	if _, err := workbook.DecodeFile(ctx, xlsxPath, workbook.Options{Format: workbook.FormatCSV}); err == nil || !strings.Contains(err.Error(), "it is an Excel workbook, not a CSV text file; read it with --format workbook") {
		t.Errorf("xlsx as csv: %v", err)
	}
	if _, err := workbook.DecodeFile(ctx, xlsxPath, workbook.Options{Format: "pdf"}); err == nil || !strings.Contains(err.Error(), `the format "pdf" is not one this program reads; expected auto, workbook, csv`) {
		t.Errorf("unknown format: %v", err)
	}
	for _, f := range []string{"", workbook.FormatAuto, workbook.FormatCSV} {
		if b, err := workbook.DecodeFile(ctx, csvPath, workbook.Options{Format: f}); err != nil || len(b.Targets) != 4 {
			t.Errorf("csv read as %q: %v", f, err)
		}
	}
	// A CSV named .xlsx is still read by its content.
	if b, err := workbook.DecodeFile(ctx, writeFile(t, "misnamed.xlsx", []byte(csvOf(standardsRows, ","))), workbook.Options{}); err != nil || len(b.Targets) != 4 {
		t.Errorf("csv named .xlsx: %v", err)
	}
	_, err := workbook.DecodeFile(ctx, writeFile(t, "framework.json", []byte(`{"CFDocument":{"title":"Math"}}`)), workbook.Options{})
	if !errors.Is(err, workbook.ErrUnsupported) || errors.Is(err, workbook.ErrNotWorkbook) || !strings.Contains(err.Error(), "import framework.json: this kind of file cannot be imported yet: it is a JSON file, such as a CASE package") {
		t.Errorf("json: %v", err)
	}
}

// Given a CSV, its preview names the format and shows its one sheet,
// named after the file, with its header and rows.
func TestPreviewCSV(t *testing.T) {
	data := []byte(csvOf(standardsRows, ";"))
	p, err := workbook.NewDecoder(bytes.NewReader(data), int64(len(data)), workbook.Options{Name: "Math K-2.csv"}).Preview(context.Background(), 3)
	if err != nil {
		t.Fatal(err)
	}
	if p.Format != "CSV, semicolon-separated, UTF-8" || p.Layout != workbook.LayoutStandards || p.List != 0 || len(p.Sheets) != 1 {
		t.Fatalf("preview %+v", p)
	}
	s := p.Sheets[0]
	if s.Name != "Math K-2" || s.HeaderRow != 1 || len(s.Rows) != 3 || s.Rows[2][1] != "Understand \"ten\" as a bundle\nof ten ones" || s.RowNumbers[2] != 4 {
		t.Errorf("sheet %+v", s)
	}
	if s.Fields["code"] != 0 || s.Fields["statement"] != 1 || s.Fields["parent"] != 4 {
		t.Errorf("fields %v", s.Fields)
	}
}

// The CSV files in ../shared/realdata (a Moodle competency framework and
// Canvas outcomes) are read as tables: their headers and rows come out
// whole. What they mean is not read yet.
func TestRealCSVReadAsTables(t *testing.T) {
	// The row counts are those of Python's csv module on the same files.
	tests := []struct {
		file    string
		headers []string
		rows    int
	}{
		{"moodle-pharmacy_competency-framework.csv", []string{"Parent ID number", "ID number", "Shortname", "Description"}, 210},
		{"canvas_outcomes-scoring.csv", []string{"canvas_id", "vendor_guid", "object_type", "title", "description"}, 9},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			path := realdata(t, tt.file)
			p, err := workbook.PreviewFile(context.Background(), path, workbook.Options{}, 1000)
			if err != nil {
				t.Fatalf("preview: %v", err)
			}
			if !strings.HasPrefix(p.Format, "CSV, comma-separated") || len(p.Sheets) != 1 {
				t.Fatalf("format %q, %d sheets", p.Format, len(p.Sheets))
			}
			s := p.Sheets[0]
			if !reflect.DeepEqual(s.Headers[:len(tt.headers)], tt.headers) || len(s.Rows) != tt.rows {
				t.Errorf("headers %q, %d rows, want %d", s.Headers, len(s.Rows), tt.rows)
			}
			for i, r := range s.Rows {
				if r[1] == "" { // every record has its ID number or vendor_guid
					t.Errorf("row %d has no ID: %q", s.RowNumbers[i], r)
				}
			}
			b, err := workbook.DecodeFile(context.Background(), path, workbook.Options{})
			if b == nil {
				t.Fatalf("decode: %v", err)
			}
			if len(b.Problems) > 0 && !strings.Contains(b.Problems[0].Error(), "--map") {
				t.Errorf("problems %v, want at most a suggested --map", b.Problems)
			}
		})
	}
}

// A standards list's columns that no field is read from are named in a
// warning with their place and how to read one.
func TestIgnoredColumnsAreNamed(t *testing.T) {
	rows := [][]string{{"Code", "Statement", "Teacher notes"}, {"A.1", "Add within 10", "easy"}}
	path := writeFile(t, "list.csv", []byte(csvOf(rows, ",")))
	b, err := workbook.DecodeFile(context.Background(), path, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, w := range b.Warnings {
		if w.Column == "C" && w.Header == "Teacher notes" && w.Row == 1 && strings.Contains(w.Message, "ignored") && strings.Contains(w.Message, "map the column") {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning names the ignored column C (Teacher notes): %v", b.Warnings)
	}
}

// An OpenSALT item list (identifier, fullStatement, humanCodingScheme,
// isChildOf by code) keeps each item's identifier as its source identity.
func TestOpenSALTItemListKeepsIdentifiers(t *testing.T) {
	rows := [][]string{
		{"identifier", "fullStatement", "humanCodingScheme", "isChildOf", "sequenceNumber", "educationLevel"},
		{"7fbb-1", "Ratios", "6.RP", "", "1", "06"},
		{"7fbb-2", "Understand ratios.", "6.RP.1", "6.RP", "1", "06"},
		{"7fbb-3", "Unit rates.", "6.RP.2", "6.RP", "2", "06"},
	}
	b, err := workbook.DecodeFile(context.Background(), writeFile(t, "items.csv", []byte(csvOf(rows, ","))), workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Targets) != 2 || b.Targets[0].Source == nil || b.Targets[0].Source.ID != "7fbb-2" || b.Targets[1].Source.ID != "7fbb-3" {
		t.Errorf("targets %+v", b.Targets)
	}
	if d := b.Continuum.Domains; len(d) != 1 || d[0].Source == nil || d[0].Source.ID != "7fbb-1" {
		t.Errorf("domains %+v", d)
	}
	if len(b.Warnings) != 0 {
		t.Errorf("warnings %v", b.Warnings)
	}
}
