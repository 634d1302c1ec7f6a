package main

import (
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// columnOf finds the column letter of a header on a sheet's first row.
func columnOf(t *testing.T, f *excelize.File, sheet, header string) string {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil || len(rows) == 0 {
		t.Fatalf("sheet %s: %v", sheet, err)
	}
	for i, h := range rows[0] {
		if strings.EqualFold(strings.TrimSpace(h), header) {
			name, err := excelize.ColumnNumberToName(i + 1)
			if err != nil {
				t.Fatal(err)
			}
			return name
		}
	}
	t.Fatalf("sheet %s has no column %q: %v", sheet, header, rows[0])
	return ""
}

// Given the demo store and a colleague's copy of its workbook with other
// names and no identities (her class numbered from S001 too), where her
// S001 is in fact the store's S001 under a shorter name, when import runs
// with --same S001, then the preview counts S001 as the stored student
// (a conflict on the name, kept) and only the others as new, and the
// import adds 27 students, not 28; an ID that is no such student is a
// usage error, and import --help documents the flag.
func TestImportSameStudent(t *testing.T) {
	db := demoStore(t)
	path := filepath.Join(t.TempDir(), "hers.xlsx")
	mustCtl(t, db, "export", path)
	editWorkbook(t, path, func(f *excelize.File) {
		rows, err := f.GetRows("Students")
		if err != nil {
			t.Fatal(err)
		}
		id, name := columnOf(t, f, "Students", "Student ID"), columnOf(t, f, "Students", "Name")
		uid, sis := columnOf(t, f, "Students", "UID"), columnOf(t, f, "Students", "External ID")
		for r := 2; r <= len(rows); r++ {
			cell := func(col string) string { return col + strconv.Itoa(r) }
			old, _ := f.GetCellValue("Students", cell(name))
			if sid, _ := f.GetCellValue("Students", cell(id)); sid == "S001" {
				setCell(t, f, "Students", cell(name), strings.Fields(old)[0])
			} else {
				setCell(t, f, "Students", cell(name), "Colleague's "+old)
			}
			setCell(t, f, "Students", cell(uid), "")
			setCell(t, f, "Students", cell(sis), "")
		}
		evUID := columnOf(t, f, "Evidence", "UID")
		evRows, err := f.GetRows("Evidence")
		if err != nil {
			t.Fatal(err)
		}
		for r := 2; r <= len(evRows); r++ {
			setCell(t, f, "Evidence", evUID+strconv.Itoa(r), "")
		}
	})

	out := mustCtl(t, db, "import", path, "--dry-run")
	if !strings.Contains(out, "28 students of the file are added as new") || !strings.Contains(out, "If one is your student, say so: --same S0") {
		t.Errorf("the preview does not say how to keep a student as yours:\n%s", out)
	}
	code, _, errOut := ctl(t, db, "import", path, "--same", "S001,S999", "--dry-run")
	if code != 2 || !strings.Contains(errOut, "--same: S999 is not a student of the file whose ID another of your students has") {
		t.Errorf("--same S999: exit %d, %q; want exit 2 naming S999", code, errOut)
	}
	out = mustCtl(t, db, "import", path, "--same", "S001", "--dry-run")
	for _, want := range []string{"S001 Amara is Amara Okafor, who has ID S001 here, as you said", "Student S001 differs in name",
		"27 students of the file are added as new"} {
		if !strings.Contains(out, want) {
			t.Errorf("dry run with --same S001 does not say %q:\n%s", want, out)
		}
	}
	before := len(readCSV(t, mustCtl(t, db, "list", "students", "--format", "csv")))
	mustCtl(t, db, "import", path, "--same", " s001 ")
	students := readCSV(t, mustCtl(t, db, "list", "students", "--format", "csv"))
	if len(students) != before+27 {
		t.Errorf("%d rows of students after the import, want %d (27 of hers added)", len(students), before+27)
	}
	for _, row := range students {
		if len(row) > 1 && row[0] == "S001" && !strings.Contains(strings.Join(row, ","), "Amara Okafor") {
			t.Errorf("S001 is now %v, want Amara Okafor kept", row)
		}
	}
	if help := mustCtl(t, db, "import", "--help"); !strings.Contains(help, "-same") {
		t.Errorf("import --help does not document --same:\n%s", help)
	}
}
