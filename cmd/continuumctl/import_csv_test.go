package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeText writes a file of text in a temporary folder.
func writeText(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// Given a standards list saved as semicolon-separated CSV in
// Windows-1252, when it is imported, then the preview names the format
// and the continuum is stored with its targets; --format workbook on it
// says what the file is instead, and --format csv on a workbook likewise.
func TestImportCSVFormat(t *testing.T) {
	db := t.TempDir()
	// "Écrire" in Windows-1252 starts with byte 0xC9.
	list := writeText(t, "Français.csv", "Code;Statement;Grade\r\nFR.1;\xC9crire une phrase;1\r\nFR.2;\"Lire \"\"un\"\" texte\r\nà voix haute\";2\r\n")
	code, _, errOut := ctl(t, db, "import", list, "--format", "workbook")
	if code != 1 || !strings.Contains(errOut, "it is a text file (such as CSV), not an Excel workbook; read it with --format csv") {
		t.Errorf("--format workbook on a CSV: exit %d, %q", code, errOut)
	}
	out := mustCtl(t, db, "import", list)
	if !strings.Contains(out, "Import of Français.csv (standards list; CSV, semicolon-separated, Windows-1252) into a new continuum \"Français\"") {
		t.Errorf("preview:\n%s", out)
	}
	targets := mustCtl(t, db, "list", "targets", "--format", "csv")
	if !strings.Contains(targets, "FR.1") || !strings.Contains(targets, "Écrire une phrase") || !strings.Contains(targets, "FR.2") {
		t.Errorf("stored targets:\n%s", targets)
	}
	book := filepath.Join(t.TempDir(), "fr.xlsx")
	mustCtl(t, db, "export", book)
	if code, _, errOut := ctl(t, db, "import", book, "--format", "csv"); code != 1 || !strings.Contains(errOut, "it is an Excel workbook, not a CSV text file; read it with --format workbook") {
		t.Errorf("--format csv on a workbook: exit %d, %q", code, errOut)
	}
	if code, _, errOut := ctl(t, db, "import", book, "--format", "pdf"); code != 2 || !strings.Contains(errOut, `--format "pdf": expected auto, workbook, csv`) {
		t.Errorf("--format pdf: exit %d, %q", code, errOut)
	}
	if out := mustCtl(t, db, "import", book, "--format", "workbook", "--dry-run"); !strings.Contains(out, "(continuum planner; Excel workbook (.xlsx))") {
		t.Errorf("--format workbook on a workbook:\n%s", out)
	}
}

// Given a CSV whose headers name no code or statement, when it is
// imported, then the refusal lists the headers found, the fields missing
// and a --map to try, and that --map imports it; a --map naming a column
// that is not there says so.
func TestImportCSVSuggestsMap(t *testing.T) {
	db := t.TempDir()
	list := writeText(t, "list.csv", "Std #,Words,Grade\nA.1,Count objects to ten,K\nA.2,Compare two groups,K\n")
	code, out, errOut := ctl(t, db, "import", list, "--dry-run")
	want := `The headers in row 1 are "Std #", "Words", "Grade"; missing: code, statement; say which columns hold them, for instance --map "code=Std #,statement=Words"`
	if code != 1 || !strings.Contains(out, want) || !strings.Contains(errOut, "the file has problems (1 problem)") {
		t.Errorf("exit %d, stderr %q, output:\n%s\nwant it to say %q", code, errOut, out, want)
	}
	code, out, _ = ctl(t, db, "import", list, "--map", "code=Std #,statement=Nope", "--dry-run")
	if code != 1 || !strings.Contains(out, `--map statement=Nope: there is no column "Nope" (give a header text or a column letter); the headers in row 1 are "Std #", "Words", "Grade"`) {
		t.Errorf("a column not there: exit %d\n%s", code, out)
	}
	mustCtl(t, db, "import", list, "--map", "code=Std #,statement=Words")
	if targets := mustCtl(t, db, "list", "targets", "--format", "csv"); !strings.Contains(targets, "Compare two groups") {
		t.Errorf("stored targets:\n%s", targets)
	}
}
