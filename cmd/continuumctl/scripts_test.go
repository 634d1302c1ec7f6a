package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// editWorkbook opens the workbook at path, lets edit change it, and saves it.
func editWorkbook(t *testing.T, path string, edit func(f *excelize.File)) {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	edit(f)
	if err := f.Save(); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
}

// setCell sets one cell of a workbook being edited.
func setCell(t *testing.T, f *excelize.File, sheet, cell string, value any) {
	t.Helper()
	if err := f.SetCellValue(sheet, cell, value); err != nil {
		t.Fatal(err)
	}
}

// Given workbooks an import would take, would find nothing new in, or
// would refuse, when import --dry-run checks each, then it exits 0, 0
// and 1 (the real import's verdict) and changes nothing.
func TestImportDryRunExitStatus(t *testing.T) {
	db := demoStore(t)
	dir := t.TempDir()
	same := filepath.Join(dir, "same.xlsx")
	mustCtl(t, db, "export", same)
	broken := filepath.Join(dir, "broken.xlsx")
	mustCtl(t, db, "export", broken)
	editWorkbook(t, broken, func(f *excelize.File) { setCell(t, f, "Evidence", "D2", "lots") })
	evidence := len(readCSV(t, mustCtl(t, db, "list", "evidence", "--format", "csv")))
	empty := t.TempDir()

	tests := []struct {
		name, db, file string
		code           int
		out, errOut    string
	}{
		{"new to the store", empty, same, 0, "Dry run: nothing was changed.\n", ""},
		{"already held", db, same, 0, "Dry run: nothing was changed. Importing it would change nothing either: the store already holds everything in this workbook.\n", ""},
		{"with a problem", db, broken, 1, "Dry run: nothing was changed. The import would refuse this file.\n",
			"continuumctl import broken.xlsx: the workbook has problems (1 problem); correct them and import again; nothing was changed\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := ctl(t, tt.db, "import", tt.file, "--dry-run")
			if code != tt.code || !strings.HasSuffix(out, tt.out) || errOut != tt.errOut {
				t.Errorf("exit %d, stderr %q, output ends:\n%s\nwant exit %d, stderr %q, output ending %q", code, errOut, tail(out), tt.code, tt.errOut, tt.out)
			}
		})
	}
	if !strings.Contains(mustCtl(t, db, "import", broken, "--dry-run", "--help"), "exit 1 if the import would refuse the file") {
		t.Error("import --help does not document the dry run's exit status")
	}
	if code, _, errOut := ctl(t, db, "import", broken); code != 1 || !strings.Contains(errOut, "the workbook has problems (1 problem)") {
		t.Errorf("the real import of the broken file: exit %d, %q", code, errOut)
	}
	if after := len(readCSV(t, mustCtl(t, db, "list", "evidence", "--format", "csv"))); after != evidence {
		t.Errorf("a dry run or a refused import changed the evidence: %d rows, then %d", evidence, after)
	}
	if rows := readCSV(t, mustCtl(t, empty, "list", "continua", "--format", "csv")); len(rows) != 1 {
		t.Errorf("the dry run wrote into the empty store: %v", rows)
	}
}

// tail is the last lines of a command's output, for messages.
func tail(out string) string {
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	return strings.Join(lines[max(0, len(lines)-3):], "\n")
}
