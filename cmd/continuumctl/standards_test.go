package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// realdata returns the path of a file in ../shared/realdata, skipping the
// test when it is absent (a clone without it).
func realdata(t *testing.T, name string) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "realdata", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not available", name)
	}
	return path
}

// summary is the preview's first line's count: "703 items: 17 domains, …".
var summary = regexp.MustCompile(`\d[\d,]* items?: [^)]*`)

// Each foreign framework goes in, out in its own format and back into an
// empty store with the same counts: what the teacher runs, end to end.
func TestFrameworkRoundTripsThroughTheCommandLine(t *testing.T) {
	for _, tc := range []struct{ file, format, ext string }{
		{"ccss-math_case-cfpackage_opensalt.json", "case", ".json"},
		{"what-standards-could-be_case-cfpackage_opensalt.json", "case", ".json"},
		{"moodle-pharmacy_competency-framework.csv", "moodle", ".csv"},
		{"canvas_outcomes-scoring.csv", "canvas", ".csv"},
	} {
		t.Run(tc.file, func(t *testing.T) {
			src := realdata(t, tc.file)
			first := t.TempDir()
			code, out, errOut := ctl(t, first, "import", src)
			if code != 0 {
				t.Fatalf("import: %d\n%s%s", code, out, errOut)
			}
			before := summary.FindString(out)
			exported := filepath.Join(t.TempDir(), "out"+tc.ext)
			if code, out, errOut = ctl(t, first, "export", exported, "--format", tc.format); code != 0 {
				t.Fatalf("export: %d\n%s%s", code, out, errOut)
			}
			if code, out, errOut = ctl(t, t.TempDir(), "import", "--dry-run", exported); code != 0 {
				t.Fatalf("import of the export: %d\n%s%s", code, out, errOut)
			}
			if after := summary.FindString(out); before == "" || after != before {
				t.Errorf("after the round trip %q, before %q", after, before)
			}
		})
	}
}

// A CASE export is valid against the CASE 1.0 package schema, checked by
// a JSON-schema library nobody here wrote.
func TestCASEExportIsValid(t *testing.T) {
	schema := filepath.Join("..", "..", "..", "shared", "specs", "case-v1p0-cfpackage-schema.json")
	if _, err := os.Stat(schema); err != nil {
		t.Skip("the CASE schema is not available")
	}
	if err := exec.Command("python3", "-c", "import jsonschema").Run(); err != nil {
		t.Skip("python3-jsonschema is not installed")
	}
	db := t.TempDir()
	if code, out, errOut := ctl(t, db, "import", realdata(t, "what-standards-could-be_case-cfpackage_opensalt.json")); code != 0 {
		t.Fatalf("import: %d\n%s%s", code, out, errOut)
	}
	exported := filepath.Join(t.TempDir(), "standards.json")
	if code, out, errOut := ctl(t, db, "export", exported); code != 0 {
		t.Fatalf("export: %d\n%s%s", code, out, errOut)
	}
	check := `import json, sys, jsonschema
schema = json.load(open(sys.argv[1])); doc = json.load(open(sys.argv[2]))
jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker()).validate(doc)
print("valid", len(doc["CFItems"]), len(doc["CFAssociations"]))`
	out, err := exec.Command("python3", "-c", check, schema, exported).CombinedOutput()
	if err != nil {
		t.Fatalf("schema check: %v\n%s", err, out)
	}
	if got := strings.TrimSpace(string(out)); got != "valid 16 39" {
		t.Errorf("schema check said %q, want all 16 items and 39 associations, valid", got)
	}
}

// An export's file name must fit its format; a .csv needs the format said.
func TestExportFormatNeedsAFittingName(t *testing.T) {
	db := t.TempDir()
	if code, _, errOut := ctl(t, db, "export", filepath.Join(t.TempDir(), "x.csv")); code != 2 || !strings.Contains(errOut, "--format") {
		t.Errorf("a .csv without --format: %d %s", code, errOut)
	}
	if code, _, errOut := ctl(t, db, "export", filepath.Join(t.TempDir(), "x.xlsx"), "--format", "case"); code != 2 || !strings.Contains(errOut, ".json") {
		t.Errorf("case to .xlsx: %d %s", code, errOut)
	}
}

// A OneRoster set is recognised without --format, and is not mistaken
// for a standards list; a standards list is not taken for a roster.
func TestImportRecognisesRostersByContent(t *testing.T) {
	set := filepath.Join("..", "..", "..", "shared", "realdata", "oneroster_lepo-ja")
	if _, err := os.Stat(set); err != nil {
		t.Skip("the OneRoster set is not available")
	}
	db := t.TempDir()
	code, out, errOut := ctl(t, db, "import", "--dry-run", "--class", "C403", set)
	if code != 0 || !strings.Contains(out, "OneRoster") {
		t.Errorf("a OneRoster set without --format: %d\n%s%s", code, out, errOut)
	}
	list := filepath.Join(t.TempDir(), "list.csv")
	if err := os.WriteFile(list, []byte("Code,Statement,Grade\nA.1,Add within 10,1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := ctl(t, db, "import", "--dry-run", list); code != 0 || !strings.Contains(out, "standards list") {
		t.Errorf("a standards list: %d\n%s%s", code, out, errOut)
	}
}

// A score sheet is recognised without --format, its words read as scale
// points, and importing it twice adds nothing the second time.
func TestImportRecognisesScoreSheets(t *testing.T) {
	db := t.TempDir()
	if code, out, errOut := ctl(t, db, "demo"); code != 0 {
		t.Fatalf("demo: %d\n%s%s", code, out, errOut)
	}
	sheet := filepath.Join(t.TempDir(), "scores.csv")
	data := "Student,NO.1.1,NO.1.2\nAmara Okafor,Proficient,2\nAiden Murphy,—,Beginning\n"
	if err := os.WriteFile(sheet, []byte(data), 0o600); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := ctl(t, db, "import", "--date", "2026-11-02", sheet)
	if code != 0 || !strings.Contains(out, "--words") {
		t.Fatalf("a score sheet without --format: %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = ctl(t, db, "import", "--date", "2026-11-02", sheet)
	if code != 0 || !strings.Contains(out, "Nothing to import") {
		t.Errorf("the same sheet again: %d\n%s%s", code, out, errOut)
	}
}
