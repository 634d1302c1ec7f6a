package workbook_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/xuri/excelize/v2"
)

// withDateCell sets a cell of a built workbook to a number shown as a date
// (a spreadsheet's date serial), as a blank date cell of some programs holds 0.
func withDateCell(t *testing.T, data []byte, sheetName, ref string, serial float64) []byte {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.SetCellValue(sheetName, ref, serial); err != nil {
		t.Fatal(err)
	}
	style, err := f.NewStyle(&excelize.Style{NumFmt: 14})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellStyle(sheetName, ref, ref, style); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// Given dates outside the years 1900 to 2199 (typed, or a date cell
// holding 0), when the workbook is decoded, then each is refused with its
// sheet, row and column like any other bad date, and the days at the
// edges are taken.
func TestDecodeRefusesDatesOutOfRange(t *testing.T) {
	targets := sheet{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "I can one."}}}
	students := sheet{"Students", [][]any{{"Student ID", "Name"}, {"S1", "Ann"}}}
	evidence := sheet{"Evidence", [][]any{
		{"Student ID", "Target", "Date", "Score"},
		{"S1", "T1", "0001-01-01", 3},
		{"S1", "T1", "2250-03-01", 3},
		{"S1", "T1", "1/1/1850", 3},
		{"S1", "T1", nil, 3}, // a date cell holding 0, set below
		{"S1", "T1", "1900-01-01", 3},
		{"S1", "T1", time.Date(2199, 12, 31, 0, 0, 0, 0, time.UTC), 3},
	}}
	units := sheet{"Units", [][]any{{"Title", "ID", "Order", "Start", "End", "Targets"}, {"Fractions", "u1", 1, "0001-01-01", "2026-10-01", "T1"}}}
	data := withDateCell(t, build(t, targets, students, evidence, units), "Evidence", "C5", 0)
	b, err := decode(data, workbook.Options{Name: "dates.xlsx"})
	var ps workbook.Problems
	if !errors.As(err, &ps) || b == nil {
		t.Fatalf("err = %v, want the problems with the book", err)
	}
	want := []string{
		`import dates.xlsx: sheet "Evidence" row 2 column C (Date): 0001-01-01 is outside the years 1900 to 2199; check the year`,
		`import dates.xlsx: sheet "Evidence" row 3 column C (Date): 2250-03-01 is outside the years 1900 to 2199; check the year`,
		`import dates.xlsx: sheet "Evidence" row 4 column C (Date): 1850-01-01 is outside the years 1900 to 2199; check the year`,
		`import dates.xlsx: sheet "Evidence" row 5 column C (Date): 1899-12-31 is outside the years 1900 to 2199; check the year`,
		`import dates.xlsx: sheet "Units" row 2 column D (Start): 0001-01-01 is outside the years 1900 to 2199; check the year`,
	}
	if got := problemTexts(ps); got != lines(want) {
		t.Errorf("problems:\n%s\nwant:\n%s", got, lines(want))
	}
	if len(b.Evidence) != 2 || b.Evidence[0].Date.String() != "1900-01-01" || b.Evidence[1].Date.String() != "2199-12-31" {
		t.Errorf("the days at the edges: %d pieces of evidence, %+v", len(b.Evidence), b.Evidence)
	}
}

// Given a folder where a workbook is expected, when it is decoded or
// previewed, then the error says it is a folder, in plain words.
func TestDecodeFolder(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "term.xlsx")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	_, err := workbook.DecodeFile(context.Background(), dir, workbook.Options{})
	if want := "import term.xlsx: not an xlsx workbook: it is a folder, not a file; choose the workbook inside it"; err == nil || err.Error() != want || !errors.Is(err, workbook.ErrNotWorkbook) {
		t.Errorf("decode a folder: %v\nwant %s", err, want)
	}
	_, err = workbook.PreviewFile(context.Background(), dir, workbook.Options{}, 5)
	if want := "preview term.xlsx: not an xlsx workbook: it is a folder, not a file; choose the workbook inside it"; err == nil || err.Error() != want {
		t.Errorf("preview a folder: %v\nwant %s", err, want)
	}
}

// Given workbooks whose sheets are named loosely, when they are decoded,
// then the warnings say which sheet was read, which was ignored, and
// that students without an Evidence sheet bring no scores.
func TestDecodeWarnsOfSheetNames(t *testing.T) {
	targets := sheet{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "I can one."}}}
	roster := [][]any{{"Student ID", "Name"}, {"S1", "Ann"}, {"S2", "Ben"}}
	scores := [][]any{{"Student ID", "Target", "Date", "Score"}, {"S1", "T1", "2026-09-14", 3}}
	tests := []struct {
		name     string
		sheets   []sheet
		students int
		want     []string
	}{
		{"two sheets named Students", []sheet{targets, {"Students", roster}, {"STUDENTS_", roster[:2]}, {"Evidence", scores}}, 2, []string{
			`sheet "STUDENTS_": its name matches Students, as the name of the sheet "Students" before it does; "Students" was read and this sheet is ignored`,
		}},
		{"an old copy of the roster", []sheet{targets, {"Students", roster}, {"students (old)", roster[:2]}, {"Evidence", scores}}, 2, []string{
			`sheet "students (old)": unknown sheet; it is ignored (the Students sheet read is "Students")`,
		}},
		{"evidence misnamed", []sheet{targets, {"Students", roster}, {"Evidence 2026", scores}}, 2, []string{
			`sheet "Evidence 2026": unknown sheet; it is ignored; to have it read as the Evidence sheet, name it Evidence`,
			`sheet "Students": the workbook has 2 students but no sheet named Evidence, so no scores are read; its sheets are "Targets", "Students", "Evidence 2026". If one of them holds the scores, name it Evidence`,
		}},
		{"evidence missing", []sheet{targets, {"Students", roster[:2]}, {"Scores", scores}}, 1, []string{
			`sheet "Scores": unknown sheet; it is ignored`,
			`sheet "Students": the workbook has 1 student but no sheet named Evidence, so no scores are read; its sheets are "Targets", "Students", "Scores". If one of them holds the scores, name it Evidence`,
		}},
		{"students and evidence", []sheet{targets, {"Students", roster}, {"Evidence", scores}}, 2, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := mustDecode(t, build(t, tt.sheets...), workbook.Options{Name: "class.xlsx"})
			if len(b.Students) != tt.students {
				t.Errorf("%d students read, want %d", len(b.Students), tt.students)
			}
			var want []string
			for _, w := range tt.want {
				want = append(want, "import class.xlsx: "+w)
			}
			if got := problemTexts(b.Warnings); got != lines(want) {
				t.Errorf("warnings:\n%s\nwant:\n%s", got, lines(want))
			}
		})
	}
}

// lines writes each line followed by a newline, as problemTexts does.
func lines(ls []string) string {
	if len(ls) == 0 {
		return ""
	}
	return strings.Join(ls, "\n") + "\n"
}
