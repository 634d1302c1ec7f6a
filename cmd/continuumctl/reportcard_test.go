package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Given the demo store, a teacher sets a report card from a CSV, reads the
// table with levels, labels and why, writes the CSV for the SIS to a file,
// prints the mapping back and clears it.
func TestReportCardCommand(t *testing.T) {
	dir := demoStore(t)
	mapping := filepath.Join(t.TempDir(), "mapping.csv")
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(mapping, []byte("standard,name,rule,targets,bands\n"+
		"MA.NS,Number sense,most frequent,NO.1.1;NO.1.2;NO.1.3;NO.2.1;NO.2.2;NO.2.3,\n"+
		"MA.PS,Problem solving,bands,PS.1.1;PS.1.2;PS.2.1;PS.2.2,90%=4;60%=3;30%=2;0%=1\n"), 0o600))
	out := mustCtl(t, dir, "reportcard", "--set", mapping)
	if !strings.Contains(out, "Set the report card of Math Foundations: 2 standards over 10 targets") {
		t.Errorf("--set says %q", out)
	}

	out = mustCtl(t, dir, "reportcard", "--group", "Period 2", "--as-of", "2026-11-20")
	for _, want := range []string{
		"Report card of Math Foundations, Period 2 (14 students), as of",
		"MA.NS Number sense: Most frequent level. The level that most of the standard's targets are at",
		"MA.PS Problem solving: Share of targets mastered (90%=4; 60%=3; 30%=2; 0%=1).",
		"STUDENT_ID", "WHY", "NO.1.1 ", ": most frequent level ", "mastered (",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}

	csvFile := filepath.Join(t.TempDir(), "sis.csv")
	mustCtl(t, dir, "reportcard", "--group", "period 5", "--as-of", "2026-11-20", "--format", "csv", "--out", csvFile)
	data, err := os.ReadFile(csvFile)
	must(err)
	rows := readCSV(t, string(data))
	if len(rows) != 1+14*2 || strings.Join(rows[0], ",") != "student_id,external_id,student,standard,level,label" {
		t.Fatalf("csv has %d rows, header %v", len(rows), rows[0])
	}
	for _, r := range rows[1:] {
		if !strings.HasPrefix(r[1], "SIS-") || (r[3] != "MA.NS" && r[3] != "MA.PS") || (r[4] == "") != (r[5] == "") {
			t.Errorf("row %v", r)
		}
	}
	if fi, _ := os.Stat(csvFile); fi.Mode().Perm() != 0o600 {
		t.Errorf("the CSV names students but is %v", fi.Mode().Perm())
	}
	if code, _, errOut := ctl(t, dir, "reportcard", "--format", "csv", "--out", csvFile); code != 1 || !strings.Contains(errOut, "exists; choose another name, or add --force") {
		t.Errorf("an existing --out: exit %d, %s", code, errOut)
	}

	if out := mustCtl(t, dir, "reportcard", "--mapping"); !strings.Contains(out, "MA.PS,Problem solving,bands,PS.1.1; PS.1.2; PS.2.1; PS.2.2,90%=4; 60%=3; 30%=2; 0%=1") {
		t.Errorf("--mapping prints\n%s", out)
	}
	mustCtl(t, dir, "reportcard", "--clear")
	if code, _, errOut := ctl(t, dir, "reportcard"); code != 1 || !strings.Contains(errOut, "Math Foundations has no report card yet") {
		t.Errorf("without a card: exit %d, %s", code, errOut)
	}

	must(os.WriteFile(mapping, []byte("standard,rule,targets\nMA.X,lowest,NO.1.1;NO.9.9\n"), 0o600))
	if code, _, errOut := ctl(t, dir, "reportcard", "--set", mapping); code != 1 || !strings.Contains(errOut, "report-card standard MA.X names NO.9.9, which is not a target of Math Foundations") {
		t.Errorf("a mapping naming an unknown target: exit %d, %s", code, errOut)
	}
	if code, _, errOut := ctl(t, dir, "reportcard", "--set", mapping, "--clear"); code != 2 || !strings.Contains(errOut, "usage: continuumctl reportcard") {
		t.Errorf("--set with --clear: exit %d, %s", code, errOut)
	}
}
