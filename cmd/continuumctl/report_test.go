package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// reportText extracts a PDF's text with pdftotext, white space squashed,
// or skips when poppler-utils is missing outside CI.
func reportText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing; install poppler-utils")
		}
		t.Skip("pdftotext is missing (Debian: apt-get install poppler-utils)")
	}
	out, err := exec.Command(bin, path, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// A teacher writes S003's report in Spanish with a comment, and a picture
// of its first page; then Period 2's reports in one PDF.
func TestReportCommand(t *testing.T) {
	db := demoStore(t)
	dir := t.TempDir()
	pdf, png := filepath.Join(dir, "s3.pdf"), filepath.Join(dir, "s3.png")
	out := mustCtl(t, db, "report", "--student", "S003", "--pdf", pdf, "--png", png, "--lang", "es", "--as-of", "2026-12-02",
		"--paper", "a4", "--comment", "Sigue explicando tu razonamiento.")
	if !strings.Contains(out, "Camila Reyes's progress report (S003") || !strings.Contains(out, pdf) || !strings.Contains(out, png) {
		t.Errorf("output:\n%s", out)
	}
	if fi, err := os.Stat(png); err != nil || fi.Size() < 10000 || fi.Mode().Perm() != 0o600 {
		t.Errorf("png: %v, %v", fi, err)
	}
	text := reportText(t, pdf)
	for _, want := range []string{"Informe de progreso", "Camila Reyes", "2 de diciembre de 2026", "Ya puedo…",
		"I can read, write and compare whole numbers to 1,000 using place value.", "Sigue explicando tu razonamiento.", "Página 1 de"} {
		if !strings.Contains(text, want) {
			t.Errorf("the Spanish report lacks %q:\n%s", want, text)
		}
	}

	group := filepath.Join(dir, "p2.pdf")
	out = mustCtl(t, db, "report", "--group", "Period 2", "--pdf", group, "--as-of", "2026-12-02")
	if !strings.Contains(out, "progress reports of Period 2 (Math Foundations, 14 students") {
		t.Errorf("output:\n%s", out)
	}
	text = reportText(t, group)
	if !strings.HasPrefix(text, "Progress reports: Period 2") || strings.Count(text, "Progress report ") < 14 {
		t.Errorf("the group's PDF does not start with its cover or lacks reports:\n%.400s", text)
	}
}

// Mistakes are named with what exists, exit 2 for a wrong call and 1 for
// a student or group the store does not have, and leave no file.
func TestReportCommandMistakes(t *testing.T) {
	db := demoStore(t)
	dir := t.TempDir()
	pdf := filepath.Join(dir, "r.pdf")
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"--student", "S999", "--pdf", pdf}, 1, `student "S999": no student has this ID; the store has S001, S002`},
		{[]string{"--group", "Period 9", "--pdf", pdf}, 1, "the groups are Period 2, Period 5"},
		{[]string{"--student", "S001", "--pdf", pdf, "--lang", "fr"}, 2, `language "fr": no report words in it; choose one of en, es`},
		{[]string{"--student", "S001", "--pdf", pdf, "--paper", "legal"}, 2, "use letter or a4"},
		{[]string{"--student", "S001", "--pdf", pdf, "--as-of", "2026-13-01"}, 2, "--as-of:"},
		{[]string{"--student", "S001"}, 2, "--pdf progress-report-S001-"},
		{[]string{"--pdf", pdf}, 2, "--student ID | --group NAME"},
		{[]string{"--student", "S001", "--group", "Period 2", "--pdf", pdf}, 2, "not both"},
		{[]string{"--group", "Period 2", "--png", pdf}, 2, "one PDF"},
		{[]string{"--student", "S001", "--pdf", dir}, 1, "is a folder"},
	} {
		code, _, errOut := ctl(t, db, append([]string{"report"}, c.args...)...)
		if code != c.code || !strings.Contains(errOut, c.says) || strings.Count(errOut, "\n") != 1 {
			t.Errorf("report %v: exit %d, %q; want exit %d saying %q on one line", c.args, code, errOut, c.code, c.says)
		}
		if _, err := os.Stat(pdf); err == nil {
			t.Fatalf("report %v left %s", c.args, pdf)
		}
	}
	if err := os.WriteFile(pdf, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, errOut := ctl(t, db, "report", "--student", "S001", "--pdf", pdf); code != 1 || !strings.Contains(errOut, "--force") {
		t.Errorf("an existing file: exit %d, %s", code, errOut)
	}
	mustCtl(t, db, "report", "--student", "S001", "--pdf", pdf, "--force")
	if b, _ := os.ReadFile(pdf); !strings.HasPrefix(string(b), "%PDF-") {
		t.Errorf("--force did not replace the file: %.20q", b)
	}
}
