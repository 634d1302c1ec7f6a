package workbook_test

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/xuri/excelize/v2"
)

func readRoster(t *testing.T, name, text string, opts workbook.Options) *workbook.RosterTable {
	t.Helper()
	opts.Name = name
	rt, err := workbook.NewDecoder(strings.NewReader(text), int64(len(text)), opts).ReadRoster(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rt
}

func studentLines(rt *workbook.RosterTable) []string {
	var out []string
	for i, s := range rt.Students {
		out = append(out, fmt.Sprintf("%s|%s|%s|%s|%s@%s:%02d", s.ID, s.Name, s.ExternalID, s.Group, s.Grade, rt.Places[i].Sheet, rt.Places[i].Row))
	}
	return out
}

// Given a class list as a school's system exports it (title lines
// first, first and family names, a student number, a period, a grade,
// columns nobody reads), when it is read, then each row is a student
// named first name first, in "Period 2", with the student number as the
// external ID, and the ignored columns are named in one warning.
func TestReadRosterTable(t *testing.T) {
	text := "Class list,,,,,,\nMs. Rivera — Fall 2026,,,,,,\n,,,,,,\n" +
		"Student Number,Last Name,First Name,Middle Name,Grade,Period,Email\n" +
		"100234,López,Ana,María,07,2,ana@example.org\n" +
		"100235,Li,Ben,,07,2,\n" +
		",,,,,,\n" +
		"100236,Okafor,Amara,,08,3,\n"
	rt := readRoster(t, "rivera.csv", text, workbook.Options{})
	if len(rt.Problems) > 0 {
		t.Fatalf("problems: %v", rt.Problems)
	}
	want := []string{"|Ana María López|100234|Period 2|07@rivera:05", "|Ben Li|100235|Period 2|07@rivera:06", "|Amara Okafor|100236|Period 3|08@rivera:08"}
	if got := studentLines(rt); !slices.Equal(got, want) {
		t.Errorf("students\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if rt.HeaderRow != 4 || rt.Column("family") != "B (Last Name)" || rt.Column("id") != "" || rt.Column("group") != "F (Period)" {
		t.Errorf("header row %d, family %q, id %q, group %q", rt.HeaderRow, rt.Column("family"), rt.Column("id"), rt.Column("group"))
	}
	if g := rt.Groups(); !slices.Equal(g, []string{"Period 2", "Period 3"}) {
		t.Errorf("groups %v", g)
	}
	if len(rt.Warnings) != 1 || !strings.Contains(rt.Warnings[0].Error(), "G (Email)") {
		t.Errorf("warnings %v", rt.Warnings)
	}
}

// Rows that cannot be taken are problems with their row and column;
// the others are read.
func TestReadRosterTableProblems(t *testing.T) {
	text := "Student ID,Name,SIS ID,Class\n" +
		"S001,Ana López,1001,Math 7\n" +
		"S002,Ben Li,1002,Math 7\n" +
		"S001,Cleo Park,1003,Math 7\n" +
		"S004,,1004,Math 7\n" +
		"a/b,Dev Patel,1005,Math 7\n" +
		"S006,Eve Ruiz,1002,Math 7\n"
	rt := readRoster(t, "class.csv", text, workbook.Options{})
	want := []string{
		`row 4 column A (Student ID): student ID S001 is already on row 2`,
		`row 5 column B (Name): is empty; expected the student's name`,
		`row 6 column A (Student ID): "a/b" cannot be an ID`,
		`row 7 column C (SIS ID): external ID 1002 is already on row 3`,
	}
	if len(rt.Problems) != len(want) {
		t.Fatalf("problems:\n%v", rt.Problems)
	}
	for i, w := range want {
		if !strings.Contains(rt.Problems[i].Error(), w) {
			t.Errorf("problem %d = %q, want %q", i, rt.Problems[i].Error(), w)
		}
	}
	if len(rt.Students) != 2 {
		t.Errorf("%d students read, want the 2 good rows", len(rt.Students))
	}
}

// A mapping points fields at columns the headers do not name; a mapping
// naming no column, or a file with no class list, is a problem that
// says what the headers are.
func TestReadRosterTableMapping(t *testing.T) {
	text := "Vorname;Nachname;Schülernummer;Klasse;Jahrgang\nJonas;Müller;S-77;7b;7\nLea;Schmidt;S-78;7b;7\n"
	m, err := workbook.ParseRosterMap("first=Vorname, last=Nachname, sis=Schülernummer, class=D, grade=Jahrgang")
	if err != nil {
		t.Fatal(err)
	}
	rt := readRoster(t, "klasse.csv", text, workbook.Options{Map: m})
	if got := studentLines(rt); !slices.Equal(got, []string{"|Jonas Müller|S-77|7b|7@klasse:02", "|Lea Schmidt|S-78|7b|7@klasse:03"}) || len(rt.Problems) > 0 {
		t.Errorf("mapped: %v, problems %v", got, rt.Problems)
	}
	unmapped := readRoster(t, "klasse.csv", text, workbook.Options{})
	if len(unmapped.Problems) != 1 || !strings.Contains(unmapped.Problems[0].Message, `the headers in row 1 are "Vorname", "Nachname"`) ||
		!strings.Contains(unmapped.Problems[0].Message, "for instance name=A,id=B") {
		t.Errorf("unmapped: %v", unmapped.Problems)
	}
	bad := readRoster(t, "klasse.csv", text, workbook.Options{Map: map[string]string{"name": "Nom"}})
	if len(bad.Problems) != 1 || !strings.Contains(bad.Problems[0].Message, "the mapping name=Nom names no column") {
		t.Errorf("bad map: %v", bad.Problems)
	}
	for _, s := range []string{"colour=A", "name", "name=A,name=B"} {
		if _, err := workbook.ParseRosterMap(s); err == nil {
			t.Errorf("ParseRosterMap(%q) took it", s)
		}
	}
	empty := readRoster(t, "empty.csv", "\n\n", workbook.Options{})
	if len(empty.Problems) != 1 || !strings.Contains(empty.Problems[0].Message, "the file is empty") {
		t.Errorf("empty: %v", empty.Problems)
	}
}

// writeXLSX writes sheets (name → rows) as an xlsx file with excelize.
func writeXLSX(t *testing.T, path string, sheets [][2]any) {
	t.Helper()
	f := excelize.NewFile()
	for i, s := range sheets {
		name := s[0].(string)
		if i == 0 {
			f.SetSheetName("Sheet1", name)
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s[1].([][]any) {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// An xlsx class list on its second sheet, student numbers as numbers:
// found by its header, or read on the sheet named.
func TestReadRosterTableXLSX(t *testing.T) {
	path := filepath.Join(t.TempDir(), "roster.xlsx")
	writeXLSX(t, path, [][2]any{
		{"Notes", [][]any{{"Exported from the SIS"}}},
		{"Period 4", [][]any{{"ID", "Student", "Student #", "Grade level"}, {"S001", "Ana López", 100234, 7}, {"S002", "Ben Li", 100235, 7}}},
	})
	rt, err := workbook.ReadRosterFile(context.Background(), path, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got := studentLines(rt); !slices.Equal(got, []string{"S001|Ana López|100234||7@Period 4:02", "S002|Ben Li|100235||7@Period 4:03"}) || len(rt.Problems) > 0 {
		t.Errorf("students %v, problems %v", got, rt.Problems)
	}
	named, err := workbook.ReadRosterFile(context.Background(), path, workbook.Options{Sheet: "Notes"})
	if err != nil || len(named.Problems) != 1 || named.Problems[0].Sheet != "Notes" {
		t.Errorf("the Notes sheet: %v, %v", err, named.Problems)
	}
	if _, err := workbook.ReadRosterFile(context.Background(), filepath.Dir(path), workbook.Options{}); !errors.Is(err, workbook.ErrNotWorkbook) {
		t.Errorf("a folder: %v", err)
	}
}

// Given a class list typed into LibreOffice Calc (a CSV it opens and
// saves as xlsx, every column kept as text), when it is read, then it
// gives the students the CSV gives.
func TestReadRosterTableLibreOffice(t *testing.T) {
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	dir := t.TempDir()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll([][]string{{"Student ID", "First name", "Last name", "External ID", "Section", "Grade"},
		{"S001", "Ana", "López", "00123", "Algebra I (period 2)", "07"}, {"S002", "Zoë", "Brandt", "00124", "Algebra I (period 2)", "07"}})
	src := filepath.Join(dir, "roster.csv")
	if err := os.WriteFile(src, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	storagetest.Soffice(t, dir, "--infilter=CSV:44,34,UTF8,1,1/2/2/2/3/2/4/2/5/2/6/2", "--convert-to", "xlsx", "--outdir", dir, src)
	fromCSV := readRoster(t, "roster.csv", b.String(), workbook.Options{})
	fromCalc, err := workbook.ReadRosterFile(context.Background(), filepath.Join(dir, "roster.xlsx"), workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(fromCalc.Problems) > 0 || len(fromCalc.Students) != 2 || !reflect.DeepEqual(fromCalc.Students, fromCSV.Students) {
		t.Errorf("from Calc %+v (%v), want %+v", fromCalc.Students, fromCalc.Problems, fromCSV.Students)
	}
}

// LooksLikeRoster tells class lists from score sheets, standards lists
// and this program's own workbooks.
func TestLooksLikeRoster(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, text string
		want       bool
	}{
		{"class list", "Student ID,Name,Group\nS001,Ana,P1\n", true},
		{"first and last names with a SIS number", "Last Name,First Name,Student Number,Email,Date of Birth\nLi,Ben,1,b@x,2013-01-01\n", true},
		{"names without IDs", "Name,Group\nAna,P1\n", false},
		{"wide scores", "Student ID,Name,NO.1.1,NO.1.2,NO.2.1\nS001,Ana,3,2,4\n", false},
		{"one target's scores", "Student ID,Name,NO.1.1\nS001,Ana,3\n", false},
		{"one standard's scores", "Name,Student Number,6.RP.A.1\nAna,1,3\n", false},
		{"class list with numbered contacts", "Student ID,Name,Phone1,Guardian 2,Grade\nS001,Ana,555,Bo,7\n", true},
		{"class list with a dotted email header", "Student ID,Name,E.mail\nS001,Ana,a@x\n", true},
		{"long scores", "Student ID,Name,Target,Date,Score\nS001,Ana,NO.1.1,2026-09-14,3\n", false},
		{"standards list", "Code,Statement,Grade\nNO.1.1,Count to 100,K\n", false},
	}
	for _, tc := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(tc.name, " ", "-")+".csv")
		if err := os.WriteFile(path, []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		if got := workbook.LooksLikeRoster(context.Background(), path, workbook.Options{}); got != tc.want {
			t.Errorf("%s: %v, want %v", tc.name, got, tc.want)
		}
	}
	own := filepath.Join(dir, "own.xlsx")
	writeXLSX(t, own, [][2]any{{"Targets", [][]any{{"Code", "Statement"}}}, {"Students", [][]any{{"Student ID", "Name"}, {"S001", "Ana"}}}})
	if workbook.LooksLikeRoster(context.Background(), own, workbook.Options{}) {
		t.Error("the program's own workbook looks like a class list")
	}
}

// FuzzReadRoster reads any text as a class list: it reads or reports
// problems, never panics, and every student it gives has a name and a place.
func FuzzReadRoster(f *testing.F) {
	f.Add("Student ID,Name,SIS ID,Class\nS001,Ana,1,A\nS001,Ben,1,A\n", "")
	f.Add("Vorname;Nachname\nJonas;Müller\n", "first=Vorname,family=B")
	f.Add("Period,First,Last,Grade\n2,Ana,\"Lo\"\"pez\",07\n,,\n", "")
	f.Fuzz(func(t *testing.T, text, mapping string) {
		m, err := workbook.ParseRosterMap(mapping)
		if err != nil {
			m = nil
		}
		rt, err := workbook.NewDecoder(strings.NewReader(text), int64(len(text)), workbook.Options{Name: "f.csv", Map: m}).ReadRoster(context.Background())
		if err != nil {
			return
		}
		if len(rt.Students) != len(rt.Places) {
			t.Fatalf("%d students, %d places", len(rt.Students), len(rt.Places))
		}
		for _, s := range rt.Students {
			if strings.TrimSpace(s.Name) == "" {
				t.Fatalf("a student without a name: %+v", s)
			}
		}
	})
}
