package workbook_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/xuri/excelize/v2"
)

func preview(t *testing.T, data []byte, opts workbook.Options, rows int) *workbook.Preview {
	t.Helper()
	p, err := workbook.NewDecoder(bytes.NewReader(data), int64(len(data)), opts).Preview(context.Background(), rows)
	if err != nil {
		t.Fatalf("preview: %v", err)
	}
	return p
}

// A teacher's standards list below two title rows: the preview finds the
// header as the decoder does, recognises the columns and shows the first
// rows with dates as days.
func TestPreviewStandardsList(t *testing.T) {
	data := build(t,
		sheet{"Read me", [][]any{{"Grade 3 mathematics, from the district office"}}},
		sheet{"Grade 3", [][]any{
			{"Grade 3 standards"},
			{},
			{"Standard ID", "Notes", "Description", "Grade", "Adopted"},
			{"3.OA.1", "", "Interpret products of whole numbers", "3", time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)},
			{"3.OA.2", "revised", "Interpret quotients", "3"},
			{"3.OA.3", "", "Use multiplication and division within 100", "3"},
		}})
	p := preview(t, data, workbook.Options{}, 2)
	if p.Layout != workbook.LayoutStandards || p.List != 1 || len(p.Sheets) != 2 {
		t.Fatalf("layout %q, list %d, %d sheets", p.Layout, p.List, len(p.Sheets))
	}
	s := p.Sheets[1]
	if s.Name != "Grade 3" || s.HeaderRow != 3 {
		t.Errorf("sheet %q header row %d, want Grade 3 row 3", s.Name, s.HeaderRow)
	}
	if want := []string{"Standard ID", "Notes", "Description", "Grade", "Adopted"}; !reflect.DeepEqual(s.Headers, want) {
		t.Errorf("headers %q, want %q", s.Headers, want)
	}
	if want := map[string]int{"code": 0, "statement": 2, "level": 3}; !reflect.DeepEqual(s.Fields, want) {
		t.Errorf("fields %v, want %v", s.Fields, want)
	}
	if want := [][]string{
		{"3.OA.1", "", "Interpret products of whole numbers", "3", "2026-08-01"},
		{"3.OA.2", "revised", "Interpret quotients", "3", ""},
	}; !reflect.DeepEqual(s.Rows, want) {
		t.Errorf("rows %q, want %q", s.Rows, want)
	}
	if !reflect.DeepEqual(s.RowNumbers, []int{4, 5}) {
		t.Errorf("row numbers %v, want [4 5]", s.RowNumbers)
	}
	if first := p.Sheets[0]; first.HeaderRow != 1 || len(first.Rows) != 0 || len(first.Fields) != 0 {
		t.Errorf("the title sheet: %+v", first)
	}
	// The mapping a person makes decodes the list.
	m := map[string]string{"code": s.MapSpec(0), "statement": s.MapSpec(2), "level": s.MapSpec(3)}
	b := mustDecode(t, data, workbook.Options{Sheet: s.Name, Map: m})
	if len(b.Targets) != 3 || b.Targets[1].Code != "3.OA.2" || b.Targets[1].Level != "3" {
		t.Errorf("decoded with the mapping: %+v", b.Targets)
	}
}

// A list whose grades are on another sheet keyed by code (the Smarter
// Balanced layout): its Level column is the depth in the hierarchy, not
// the grade, and the preview says where the grades come from.
func TestPreviewGradeSheet(t *testing.T) {
	data := build(t,
		sheet{"Standards", [][]any{{"Level", "Key", "Description"}, {"1", "1", "Concepts and procedures"}, {"2", "1|NBT", "Number and operations"}}},
		sheet{"Benchmark Grades", [][]any{{"Standard Key", "Grade"}, {"1|NBT", "3"}}})
	p := preview(t, data, workbook.Options{}, 5)
	s := p.Sheets[0]
	if s.GradeSheet != "Benchmark Grades" {
		t.Errorf("grade sheet %q", s.GradeSheet)
	}
	if want := map[string]int{"code": 1, "statement": 2}; !reflect.DeepEqual(s.Fields, want) {
		t.Errorf("fields %v, want %v", s.Fields, want)
	}
	// Without a grade sheet, Level is the level.
	data = build(t, sheet{"Standards", [][]any{{"Level", "Key", "Description"}, {"3", "A", "a"}}})
	if s := preview(t, data, workbook.Options{}, 5).Sheets[0]; s.Fields["level"] != 0 || s.GradeSheet != "" {
		t.Errorf("without a grade sheet: %+v", s)
	}
}

func TestPreviewMapSpec(t *testing.T) {
	s := workbook.SheetPreview{Headers: []string{"Code", "", "code ", "Text"}}
	for col, want := range []string{"Code", "B", "C", "Text"} {
		if got := s.MapSpec(col); got != want {
			t.Errorf("MapSpec(%d) = %q, want %q", col, got, want)
		}
	}
	if got := workbook.ColumnName(27); got != "AB" {
		t.Errorf("ColumnName(27) = %q", got)
	}
}

func TestPreviewLayouts(t *testing.T) {
	planner := encode(t, bookOf(demo.Classroom()), workbook.EncodeOptions{})
	p := preview(t, planner, workbook.Options{}, 3)
	if p.Layout != workbook.LayoutPlanner || p.List != -1 {
		t.Errorf("an exported workbook: layout %q list %d", p.Layout, p.List)
	}
	if p.Sheets[0].Name != "About" || len(p.Sheets[0].Rows) != 3 {
		t.Errorf("first sheet %q with %d rows", p.Sheets[0].Name, len(p.Sheets[0].Rows))
	}
	// Naming a sheet reads it as a standards list, as Decode does.
	p = preview(t, planner, workbook.Options{Sheet: "targets"}, 3)
	if p.Layout != workbook.LayoutStandards || p.List < 0 || p.Sheets[p.List].Name != "Targets" {
		t.Errorf("with Sheet: layout %q list %d", p.Layout, p.List)
	}
	caseSheets := build(t, sheet{"CF Doc", [][]any{{"title"}, {"x"}}}, sheet{"CF Item", [][]any{{"identifier"}, {"1"}}})
	if p := preview(t, caseSheets, workbook.Options{}, 3); p.Layout != workbook.LayoutCASE {
		t.Errorf("a CASE spreadsheet: layout %q", p.Layout)
	}
}

func TestPreviewUnreadable(t *testing.T) {
	f := excelize.NewFile()
	if err := f.SetCellValue("Sheet1", "A1", "Code"); err != nil {
		t.Fatal(err)
	}
	var enc bytes.Buffer
	if err := f.Write(&enc, excelize.Options{Password: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "locked.xlsx")
	if err := os.WriteFile(path, enc.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	if _, err := workbook.PreviewFile(ctx, path, workbook.Options{}, 5); !errors.Is(err, workbook.ErrPasswordProtected) {
		t.Errorf("without the password: %v", err)
	}
	if _, err := workbook.PreviewFile(ctx, path, workbook.Options{Password: "nope"}, 5); !errors.Is(err, workbook.ErrPasswordProtected) {
		t.Errorf("with a wrong password: %v", err)
	}
	p, err := workbook.PreviewFile(ctx, path, workbook.Options{Password: "s3cret"}, 5)
	if err != nil || len(p.Sheets) != 1 || p.Sheets[0].Headers[0] != "Code" {
		t.Errorf("with the password: %+v, %v", p, err)
	}
	if _, err := previewErr([]byte("\x00\x01 not a workbook")); !errors.Is(err, workbook.ErrNotWorkbook) {
		t.Errorf("a binary file: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	data := build(t, sheet{"List", [][]any{{"Code", "Statement"}, {"A", "a"}}})
	if _, err := workbook.NewDecoder(bytes.NewReader(data), int64(len(data)), workbook.Options{}).Preview(cancelled, 5); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func previewErr(data []byte) (*workbook.Preview, error) {
	return workbook.NewDecoder(bytes.NewReader(data), int64(len(data)), workbook.Options{}).Preview(context.Background(), 5)
}
