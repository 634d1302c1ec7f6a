package workbook_test

import (
	"bytes"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/xuri/excelize/v2"
)

var targetsHeader = []any{"Code", "Domain", "Level", "Statement", "Prerequisites"}

// Given a workbook with only a Targets sheet written loosely, when it is
// decoded, then everything reads with the defaults.
func TestDecodeLenient(t *testing.T) {
	tests := []struct {
		name  string
		book  []sheet
		opts  workbook.Options
		check func(t *testing.T, b *workbook.Book)
	}{
		{
			name: "headers in any case with spaces, blank rows, trimmed values",
			book: []sheet{{"  targets ", [][]any{
				nil,
				{"  CODE ", "domain", " level", "STATEMENT", "prerequisites ", "Shoe size"},
				{" N.1 ", " Number ", "K", "  I can count.  "},
				nil,
				{"", "", "", ""},
				{"N.2", "Number", "1", "I can add.", "n.1"},
			}}},
			check: func(t *testing.T, b *workbook.Book) {
				if len(b.Targets) != 2 || b.Targets[0].Code != "N.1" || b.Targets[0].Statement != "I can count." || b.Targets[1].Prerequisites[0] != "n.1" {
					t.Errorf("targets %+v", b.Targets)
				}
				if !slices.Equal(b.Continuum.Levels, []string{"K", "1"}) || b.Continuum.Domains[0].Name != "Number" {
					t.Errorf("continuum %+v", b.Continuum)
				}
				if b.Continuum.Name != "test" {
					t.Errorf("name %q, want the file name", b.Continuum.Name)
				}
				if b.Continuum.Scale.Cut != 3 || b.Continuum.Method.Kind != continuum.DecayingAverage {
					t.Errorf("defaults not applied: %+v", b.Continuum)
				}
				if len(b.Warnings) != 1 || b.Warnings[0].Header != "Shoe size" || b.Warnings[0].Column != "F" {
					t.Errorf("warnings %v, want one on the unknown column", b.Warnings)
				}
			},
		},
		{
			name: "continuum name from the option, levels in grade order, orders by row",
			opts: workbook.Options{Continuum: "Grade band"},
			book: []sheet{{"Targets", [][]any{
				{"Code", "Level", "Statement", "Domain"},
				{"B.2", "Grade 2", "I can b2.", "B"},
				{"A.K", "KG", "I can ak.", "A"},
				{"A.1a", "Grade 1", "I can a1a.", "A"},
				{"A.1b", "Grade 1", "I can a1b.", "A"},
			}}},
			check: func(t *testing.T, b *workbook.Book) {
				if b.Continuum.Name != "Grade band" {
					t.Errorf("name %q", b.Continuum.Name)
				}
				if !slices.Equal(b.Continuum.Levels, []string{"KG", "Grade 1", "Grade 2"}) {
					t.Errorf("levels %v", b.Continuum.Levels)
				}
				if b.Targets[3].Order != 2 || b.Targets[2].Order != 1 {
					t.Errorf("orders %+v", b.Targets)
				}
			},
		},
		{
			name: "numbers stored as text and as numbers, dates as cells and as text, line breaks kept",
			book: []sheet{
				{"Targets", [][]any{targetsHeader, {"T1", "D", 1, "I can\r\nwrite two lines."}, {"T2", "D", "2", "I can do 2."}}},
				{"Students", [][]any{{"Student ID", "Name"}, {1001, "Zoë Ñúñez"}, {"S2", "李 明"}}},
				{"Evidence", [][]any{
					{"Student ID", "Target", "Date", "Score", "Kind", "Note"},
					{"1001", "t1", time.Date(2026, 9, 14, 0, 0, 0, 0, time.UTC), 3, "Performance task", "line one\nline two"},
					{1001, "T1", "2026-09-15", "2.0", "summative"},
					{"S2", "T2", "9/16/2026", " 4 ", ""},
					{"S2", "T2", "2026-09-17T10:00:00", "proficient", "self assessment"},
				}},
			},
			check: func(t *testing.T, b *workbook.Book) {
				if b.Targets[0].Statement != "I can\nwrite two lines." {
					t.Errorf("statement %q", b.Targets[0].Statement)
				}
				if b.Students[0].ID != "1001" || b.Students[1].Name != "李 明" {
					t.Errorf("students %+v", b.Students)
				}
				want := []struct {
					student, target, date string
					score                 float64
					kind                  continuum.EvidenceKind
				}{
					{"1001", "T1", "2026-09-14", 3, continuum.PerformanceTask},
					{"1001", "T1", "2026-09-15", 2, continuum.Summative},
					{"S2", "T2", "2026-09-16", 4, continuum.Formative},
					{"S2", "T2", "2026-09-17", 3, continuum.SelfAssessment},
				}
				if len(b.Evidence) != len(want) {
					t.Fatalf("evidence %+v", b.Evidence)
				}
				for i, w := range want {
					e := b.Evidence[i]
					if e.Student != w.student || e.Target != w.target || e.Date.String() != w.date || e.Score != w.score || e.Kind != w.kind || e.ID != uint64(i+1) {
						t.Errorf("evidence %d = %+v, want %+v", i, e, w)
					}
				}
				if b.Evidence[0].Note != "line one\nline two" {
					t.Errorf("note %q", b.Evidence[0].Note)
				}
			},
		},
		{
			name: "a standards list with common headers and a parent column",
			book: []sheet{{"My standards", [][]any{
				{"Standard", "Description", "Grade", "Parent"},
				{"NBT", "Number and operations in base ten", "", ""},
				{"NBT.A", "Understand place value.", "2", "NBT"},
				{"NBT.A.1", "Understand that the three digits of a three-digit number represent amounts of hundreds, tens, and ones.", "2", "NBT.A"},
				{"NBT.A.2", "Count within 1000; skip-count by 5s, 10s, and 100s.", "02", "NBT.A"},
				{"OA.1", "Use addition and subtraction within 100.", "1", ""},
			}}},
			check: func(t *testing.T, b *workbook.Book) {
				if b.About.Layout != workbook.LayoutStandards {
					t.Errorf("layout %q", b.About.Layout)
				}
				var codes []string
				for _, tg := range b.Targets {
					codes = append(codes, tg.Code+"@"+tg.Level+"@"+tg.Domain)
				}
				want := []string{"NBT.A.1@2@Number and operations in base ten", "NBT.A.2@2@Number and operations in base ten", "OA.1@1@General"}
				if !slices.Equal(codes, want) {
					t.Errorf("targets %q, want %q", codes, want)
				}
				if !slices.Equal(b.Continuum.Levels, []string{"1", "2"}) {
					t.Errorf("levels %v", b.Continuum.Levels)
				}
			},
		},
		{
			name: "an explicit map by letter and header, below a title row",
			opts: workbook.Options{Sheet: "list", Map: map[string]string{"code": "B", "statement": "What students learn", "level": "c", "domain": "Area"}},
			book: []sheet{{"List", [][]any{
				{"Our school's maths targets"},
				{"#", "Ref", "Yr", "What students learn", "Area"},
				{1, "M1", "Year 1", "I can count to 20.", "Counting"},
				{2, "M2", "Year 2", "I can count to 100.", "Counting"},
			}}},
			check: func(t *testing.T, b *workbook.Book) {
				if len(b.Targets) != 2 || b.Targets[1].Code != "M2" || b.Targets[1].Level != "Year 2" || b.Targets[1].Domain != "Counting" {
					t.Errorf("targets %+v", b.Targets)
				}
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := decode(build(t, tt.book...), tt.opts)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			tt.check(t, b)
		})
	}
}

// Given a bad workbook, when it is decoded, then every problem is listed
// with the sheet, the row and the column, and says what was expected.
func TestDecodeProblems(t *testing.T) {
	students := sheet{"Students", [][]any{{"Student ID", "Name"}, {"S1", "Ann"}}}
	goodTargets := sheet{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "I can one."}, {"T2", "D", "1", "I can two."}}}
	huge := strings.Repeat("é", 32768)
	tests := []struct {
		name string
		book []sheet
		want []string // substrings, one problem each, in order
	}{
		{"missing column", []sheet{{"Targets", [][]any{{"Code", "Domain"}, {"T1", "D"}}}},
			[]string{`sheet "Targets" row 1: column "Statement" is missing; expected a header row with Code, Statement (found "Code", "Domain")`}},
		{"duplicate code", []sheet{{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "One"}, {"t1", "D", "1", "Again"}}}},
			[]string{`sheet "Targets" row 3 column A (Code): code t1 is already used on row 2`}},
		{"prerequisite cycle", []sheet{{"Targets", [][]any{targetsHeader, {"A", "D", "1", "a", "B"}, {"B", "D", "1", "b", "C"}, {"C", "D", "1", "c", "A"}}}},
			[]string{`sheet "Targets" row 2 column E (Prerequisites): prerequisites form a cycle: A → B → C → A`}},
		{"unknown prerequisite and bad code", []sheet{{"Targets", [][]any{targetsHeader, {"A/1", "D", "1", "a"}, {"B", "D", "1", "b", "ZZ"}}}},
			[]string{`row 2 column A (Code): "A/1" cannot be a code`, `row 3 column E (Prerequisites): prerequisite ZZ is not a target code`}},
		{"formula and huge cell", []sheet{{"Targets", [][]any{targetsHeader, {"T1", "D", "1", formula(`"I can "&"add"`)}, {"T2", "D", "1", hugeCell}}}},
			[]string{`row 2 column D (Statement): formula in Targets!D2; paste values instead`, `row 3 column D (Statement): the cell holds 32768 characters, more than a spreadsheet cell can (32767)`}},
		{"evidence: unknown student and target, off the scale, bad date", []sheet{goodTargets, students, {"Evidence", [][]any{
			{"Student ID", "Target", "Date", "Score"},
			{"S9", "T1", "2026-09-14", 3},
			{"S1", "T9", "2026-09-14", 3},
			{"S1", "T1", "2026-09-14", 5},
			{"S1", "T1", "14.09.2026", 3},
			{"S1", "T1", 46000, "great"},
		}}},
			[]string{
				`sheet "Evidence" row 2 column A (Student ID): student S9 is not on the Students sheet`,
				`sheet "Evidence" row 3 column B (Target): target T9 is not on the Targets sheet`,
				`sheet "Evidence" row 4 column D (Score): "5" is not on the scale; expected one of 1 Beginning, 2 Developing, 3 Proficient, 4 Extending`,
				`sheet "Evidence" row 5 column C (Date): "14.09.2026" is not a date; expected a date such as 2026-09-14 or 9/14/2026`,
				`sheet "Evidence" row 6 column C (Date): 46000 is a number, not a date`,
				`sheet "Evidence" row 6 column D (Score): "great" is not on the scale`,
			}},
		{"scale without a cut, override without a reason", []sheet{
			{"Scale", [][]any{{"Value", "Label"}, {1, "Low"}, {2, "High"}}},
			goodTargets, students,
			{"Overrides", [][]any{{"Student ID", "Target", "Mastered", "Reason", "Date"}, {"S1", "T1", "maybe", "", "2026-01-01"}}},
		}, []string{
			`sheet "Scale": no mastery cut is given`,
			`sheet "Overrides" row 2 column C (Mastered): "maybe" is not yes or no`,
			`sheet "Overrides" row 2 column D (Reason): is empty; expected why`,
		}},
		{"nothing to read", []sheet{{"Notes", [][]any{{"hello"}}}},
			[]string{`no sheet named Targets, and no sheet with a header row naming a code and a statement`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := patchZip(t, build(t, tt.book...), "xl/sharedStrings.xml", hugeCell, huge)
			b, err := decode(data, workbook.Options{Name: "bad.xlsx"})
			var ps workbook.Problems
			if !errors.As(err, &ps) || b == nil {
				t.Fatalf("err = %v, want the problems with the book", err)
			}
			if len(ps) != len(tt.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(ps), len(tt.want), problemTexts(ps))
			}
			for i, w := range tt.want {
				if !strings.Contains(ps[i].Error(), w) || !strings.HasPrefix(ps[i].Error(), "import bad.xlsx: ") {
					t.Errorf("problem %d = %q\nwant it to contain %q", i, ps[i].Error(), w)
				}
			}
		})
	}
}

// Given files that are not workbooks, when they are decoded, then the
// error names the file and says why, and no Book is returned.
func TestDecodeUnreadable(t *testing.T) {
	good := build(t, sheet{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "I can."}}})
	f := excelize.NewFile()
	_ = f.SetCellValue("Sheet1", "A1", "Code")
	var enc bytes.Buffer
	if err := f.Write(&enc, excelize.Options{Password: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		data []byte
		want error
		text string
	}{
		// A text file is read as CSV now (csv_test.go); binary data is refused.
		{"binary file", []byte("\x7fELF\x02\x01\x01\x00\x00\x00\x00"), workbook.ErrNotWorkbook, "import x.xlsx: not an xlsx workbook: the file is damaged or of another kind"},
		{"truncated", good[:len(good)/2], workbook.ErrNotWorkbook, "expected a workbook saved as Excel Workbook (.xlsx)"},
		{"empty", nil, workbook.ErrNotWorkbook, "not an xlsx workbook"},
		{"password-protected", enc.Bytes(), workbook.ErrPasswordProtected, "import x.xlsx: the workbook is password-protected; give its password to open it"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, err := decode(tt.data, workbook.Options{Name: "x.xlsx"})
			if !errors.Is(err, tt.want) || b != nil || !strings.Contains(err.Error(), tt.text) {
				t.Fatalf("got %v (book %v), want %v containing %q", err, b != nil, tt.want, tt.text)
			}
		})
	}
}

// Given a password-protected workbook, when the right password is given,
// then it reads like any other; a wrong one says so.
func TestDecodePassword(t *testing.T) {
	f := excelize.NewFile()
	for r, vals := range [][]any{targetsHeader, {"T1", "D", "1", "I can."}} {
		_ = f.SetSheetRow("Sheet1", "A"+string(rune('1'+r)), &vals)
	}
	_ = f.SetSheetName("Sheet1", "Targets")
	var enc bytes.Buffer
	if err := f.Write(&enc, excelize.Options{Password: "s3cret"}); err != nil {
		t.Fatal(err)
	}
	b, err := decode(enc.Bytes(), workbook.Options{Password: "s3cret"})
	if err != nil || len(b.Targets) != 1 {
		t.Fatalf("decode with the password: %v", err)
	}
	if _, err := decode(enc.Bytes(), workbook.Options{Password: "wrong"}); !errors.Is(err, workbook.ErrPasswordProtected) || !strings.Contains(err.Error(), "the password is wrong") {
		t.Fatalf("wrong password: %v", err)
	}
}

func TestParseMap(t *testing.T) {
	m, err := workbook.ParseMap("code=B, statement = Standard text ,level=Grade")
	if err != nil || m["code"] != "B" || m["statement"] != "Standard text" || m["level"] != "Grade" {
		t.Fatalf("ParseMap = %v, %v", m, err)
	}
	for _, bad := range []string{"code", "colour=B", "code=A,code=B", "code="} {
		if _, err := workbook.ParseMap(bad); err == nil {
			t.Errorf("ParseMap(%q) accepted", bad)
		}
	}
}
