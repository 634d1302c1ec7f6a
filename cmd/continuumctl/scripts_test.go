package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/storage/workbook"
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
			"continuumctl import broken.xlsx: the file has problems (1 problem); correct them and import again; nothing was changed\n"},
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
	if code, _, errOut := ctl(t, db, "import", broken); code != 1 || !strings.Contains(errOut, "the file has problems (1 problem)") {
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

// Given the demo store, when export --group "Period 2" writes a workbook,
// then it reports the group's 14 students and their 520 pieces of
// evidence (not the store's 28 and 1,042), and the workbook holds them.
func TestExportGroupReportsWhatItWrote(t *testing.T) {
	db := demoStore(t)
	out := filepath.Join(t.TempDir(), "p2.xlsx")
	got := mustCtl(t, db, "export", out, "--group", "Period 2", "--date", "2026-11-22")
	want := "Exported Math Foundations (36 targets, 14 students, 520 pieces of evidence, 2 units, 1 flex block) to " + out + "\n"
	if got != want {
		t.Errorf("export says\n%q, want\n%q", got, want)
	}
	b, err := workbook.DecodeFile(context.Background(), out, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Students) != 14 || len(b.Evidence) != 520 {
		t.Errorf("the workbook holds %d students and %d pieces of evidence", len(b.Students), len(b.Evidence))
	}
}

// Given a store of one of everything, when commands report counts, then
// every count of one is singular.
func TestCountsOfOneAreSingular(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	got := mustCtl(t, db, "gen", "--continuum", "One", "--students", "1", "--targets", "1", "--evidence", "1", "--levels", "1", "--domains", "1", "--flex-offerings", "1")
	if want := "Generated \"One\": 1 target, 1 student, 1 evidence record, a flex block of 1 offering\n"; got != want {
		t.Errorf("gen says %q, want %q", got, want)
	}
	if got := mustCtl(t, db, "info"); !strings.Contains(got, "  One: 1 level, 1 domain, 1 target, 1 piece of evidence, method ") {
		t.Errorf("info says\n%s", got)
	}
	out := filepath.Join(dir, "one.xlsx")
	if got, want := mustCtl(t, db, "export", out), "Exported One (1 target, 1 student, 1 piece of evidence, 0 units, 1 flex block) to "+out+"\n"; got != want {
		t.Errorf("export says %q, want %q", got, want)
	}
	review := mustCtl(t, db, "review", out)
	for _, want := range []string{"Students     1 in 1 group: ", "(2027-05-03, Flex, 1 offering, 0 placed)", "Calibration  0 scores of 0 samples"} {
		if !strings.Contains(review, want) {
			t.Errorf("review does not say %q:\n%s", want, review)
		}
	}
	png := filepath.Join(dir, "one.png")
	if got, want := mustCtl(t, db, "classmap", "--png", png), "Wrote the class map of One (1 student, 1 target) to "+png+"\n"; got != want {
		t.Errorf("classmap says %q, want %q", got, want)
	}
	broken := filepath.Join(dir, "broken.xlsx")
	mustCtl(t, db, "export", broken)
	editWorkbook(t, broken, func(f *excelize.File) { setCell(t, f, "Evidence", "D2", "lots") })
	if _, _, errOut := ctl(t, db, "import", broken); !strings.Contains(errOut, "(1 problem)") {
		t.Errorf("import of a workbook with one problem says %q", errOut)
	}
}

// Given commands that fail, when each prints its error, then the line
// names the command's operation once and says what is wrong in plain
// words (no store operation or field name repeated).
func TestErrorLinesSayTheOperationOnce(t *testing.T) {
	db := demoStore(t)
	dir := t.TempDir()
	junk := filepath.Join(dir, "junk.backup")
	if err := os.WriteFile(junk, []byte("hello"), 0o600); err != nil {
		t.Fatal(err)
	}
	folder := filepath.Join(dir, "folder.xlsx")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.xlsx")
	tests := []struct {
		args []string
		line string
	}{
		{[]string{"restore", junk}, "continuumctl restore from " + junk + ": not a Continuum Planner backup: expected a file that starts with \"CONTINUUM-PLANNER-BACKUP\", as the backups Continuum Planner writes do; nothing was changed"},
		{[]string{"restore", missing}, "continuumctl restore: " + missing + ": there is no such file; check the name and folder"},
		{[]string{"demo"}, "continuumctl demo: the store already has a continuum named \"Math Foundations\"; run with --replace to load it again"},
		{[]string{"mastery", "--student", "S999", "--target", "NO.1.1"}, "continuumctl mastery: student S999 is not on the roster"},
		{[]string{"positions", "--continuum", "Nope"}, "continuumctl positions: there is no continuum named \"Nope\""},
		{[]string{"list", "evidence", "--continuum", "Nope"}, "continuumctl list evidence: there is no continuum named \"Nope\""},
		{[]string{"flex", "suggest", "--block", "nope"}, "continuumctl flex suggest: there is no flex block nope"},
		{[]string{"export", filepath.Join(dir, "x.xlsx"), "--group", "nope"}, "continuumctl export: no student is in group \"nope\""},
		{[]string{"gen", filepath.Join(dir, "nowhere", "a.xlsx")}, "continuumctl gen: " + filepath.Join(dir, "nowhere", "a.xlsx") + ": there is no folder " + filepath.Join(dir, "nowhere") + "; create it first, or choose another place"},
		{[]string{"import", missing}, "continuumctl import: " + missing + ": there is no such file; check the name and folder"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args[:1], " "), func(t *testing.T) {
			code, _, errOut := ctl(t, db, tt.args...)
			if code != 1 || errOut != tt.line+"\n" {
				t.Errorf("continuumctl %s: exit %d\n%q\nwant\n%q", strings.Join(tt.args, " "), code, errOut, tt.line+"\n")
			}
		})
	}
}

// Given a workbook with the day 0001-01-01 and a --date of that day, when
// they are imported or given, then both are refused, the workbook's with
// its sheet, row and column.
func TestDatesOutOfRangeAreRefused(t *testing.T) {
	db := demoStore(t)
	path := filepath.Join(t.TempDir(), "old.xlsx")
	mustCtl(t, db, "export", path)
	editWorkbook(t, path, func(f *excelize.File) { setCell(t, f, "Evidence", "C2", "0001-01-01") })
	code, out, errOut := ctl(t, db, "import", path, "--dry-run")
	if code != 1 || !strings.Contains(out, "Evidence, row 2, column C (Date): 0001-01-01 is outside the years 1900 to 2199; check the year") {
		t.Errorf("import: exit %d, %q\n%s", code, errOut, out)
	}
	code, _, errOut = ctl(t, db, "positions", "--date", "0001-01-01")
	if code != 2 || errOut != "continuumctl positions: --date: 0001-01-01 is outside the years 1900 to 2199; check the year\n" {
		t.Errorf("positions --date 0001-01-01: exit %d, %q", code, errOut)
	}
}

// Given a folder where a file is expected, when each command is given it,
// then the line says it is a folder.
func TestFolderGivenAsFile(t *testing.T) {
	db := demoStore(t)
	folder := filepath.Join(t.TempDir(), "term.xlsx")
	if err := os.Mkdir(folder, 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		line string
	}{
		{[]string{"import", folder}, "continuumctl import: " + folder + " is a folder, not a file; give the workbook inside it"},
		{[]string{"review", folder}, "continuumctl review: " + folder + " is a folder, not a file; give the workbook inside it"},
		{[]string{"calibrate", folder}, "continuumctl calibrate: " + folder + " is a folder, not a file; give a workbook inside it"},
		{[]string{"restore", folder}, "continuumctl restore: " + folder + " is a folder, not a file; give the backup file inside it"},
		{[]string{"export", folder, "--force"}, "continuumctl export: " + folder + " is a folder; give a file's name, such as " + filepath.Join(folder, "class.xlsx")},
		{[]string{"gen", folder, "--force"}, "continuumctl gen: " + folder + " is a folder; give a file's name, such as " + filepath.Join(folder, "workbook.xlsx")},
		{[]string{"backup", folder, "--force"}, "continuumctl backup: " + folder + " is a folder; give a file's name, such as " + filepath.Join(folder, "term1.backup")},
		{[]string{"classmap", "--png", folder}, "continuumctl classmap: " + folder + " is a folder; give a file's name, such as " + filepath.Join(folder, "classmap.png")},
	}
	for _, tt := range tests {
		t.Run(tt.args[0], func(t *testing.T) {
			if code, _, errOut := ctl(t, db, tt.args...); code != 1 || errOut != tt.line+"\n" {
				t.Errorf("exit %d\n%q\nwant\n%q", code, errOut, tt.line+"\n")
			}
		})
	}
	if fi, err := os.Stat(folder); err != nil || !fi.IsDir() {
		t.Errorf("the folder is gone: %v", err)
	}
}

// Given two workbooks generated under different names, when both are
// imported into one store, then the store holds two continua, each with
// its own targets, rather than the second merged into the first.
func TestGeneratedWorkbooksDoNotCollide(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "db")
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	mustCtl(t, db, "gen", a, "--continuum", "A", "--students", "3", "--targets", "4", "--evidence", "6")
	mustCtl(t, db, "gen", b, "--continuum", "B", "--students", "3", "--targets", "5", "--evidence", "6")
	if got := mustCtl(t, db, "import", a); !strings.Contains(got, `into a new continuum "A"`) {
		t.Errorf("import a:\n%s", got)
	}
	if got := mustCtl(t, db, "import", b); !strings.Contains(got, `into a new continuum "B"`) {
		t.Errorf("import b:\n%s", got)
	}
	rows := readCSV(t, mustCtl(t, db, "list", "continua", "--format", "csv"))
	if len(rows) != 3 || rows[1][0] != "A" || rows[1][4] != "4" || rows[2][0] != "B" || rows[2][4] != "5" || rows[1][7] == rows[2][7] {
		t.Errorf("continua after both imports: %v", rows)
	}
}

// Given a workbook whose Evidence sheet was renamed, when it is reviewed
// or its import previewed, then the warning names the sheets it has.
func TestMisnamedEvidenceSheetWarns(t *testing.T) {
	db := demoStore(t)
	path := filepath.Join(t.TempDir(), "term.xlsx")
	mustCtl(t, db, "export", path)
	editWorkbook(t, path, func(f *excelize.File) {
		if err := f.SetSheetName("Evidence", "Evidence (Period 2)"); err != nil {
			t.Fatal(err)
		}
	})
	const want = `the workbook has 28 students but no sheet named Evidence, so no scores are read; its sheets are "About", `
	review := mustCtl(t, db, "review", path)
	if !strings.Contains(review, `  warning: sheet "Students": `+want) || !strings.Contains(review, `"Evidence (Period 2)"`) ||
		!strings.Contains(review, `  warning: sheet "Evidence (Period 2)": unknown sheet; it is ignored; to have it read as the Evidence sheet, name it Evidence`) {
		t.Errorf("review:\n%s", review)
	}
	preview := mustCtl(t, db, "import", path, "--dry-run")
	if !strings.Contains(preview, "  Students: "+want) {
		t.Errorf("import preview:\n%s", preview)
	}
}

// Given a command called wrongly, when it says so, then its name is said
// once and the exit status is 2.
func TestUsageLinesSayTheCommandOnce(t *testing.T) {
	db := t.TempDir()
	if code, _, errOut := ctl(t, db, "info", "extra"); code != 2 || errOut != "continuumctl info takes no arguments\n" {
		t.Errorf("info extra: exit %d, %q", code, errOut)
	}
	if code, _, errOut := ctl(t, db, "positions", "--date", "tomorrow"); code != 2 || errOut != "continuumctl positions: --date: \"tomorrow\" is not a date; expected YYYY-MM-DD or M/D/YYYY\n" {
		t.Errorf("positions --date tomorrow: exit %d, %q", code, errOut)
	}
}
