package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
)

// ctl runs continuumctl on the store in dir and returns its exit status and output.
func ctl(t *testing.T, dir string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), append([]string{"--db", dir}, args...), &out, &errOut)
	return code, out.String(), errOut.String()
}

func mustCtl(t *testing.T, dir string, args ...string) string {
	t.Helper()
	code, out, errOut := ctl(t, dir, args...)
	if code != 0 {
		t.Fatalf("continuumctl %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

func readCSV(t *testing.T, text string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("output is not CSV: %v\n%s", err, text)
	}
	return rows
}

func demoStore(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if out := mustCtl(t, dir, "demo"); !strings.Contains(out, `Loaded "Math Foundations"`) {
		t.Fatalf("demo says %q", out)
	}
	return dir
}

func TestHelpAndUsage(t *testing.T) {
	dir := t.TempDir()
	code, out, _ := ctl(t, dir, "--help")
	if code != 0 || !strings.Contains(out, "positions") || !strings.Contains(out, "backup FILE") {
		t.Errorf("--help: exit %d\n%s", code, out)
	}
	for _, cmd := range commands() {
		code, out, _ := ctl(t, dir, cmd.name, "--help")
		if code != 0 || !strings.Contains(out, "Usage: continuumctl [--db DIR] "+cmd.name) {
			t.Errorf("%s --help: exit %d\n%s", cmd.name, code, out)
		}
	}
	if code, _, errOut := ctl(t, dir, "dance"); code != 2 || !strings.Contains(errOut, `unknown command "dance"`) {
		t.Errorf("unknown command: exit %d, %q", code, errOut)
	}
	if code, _, errOut := ctl(t, dir, "list", "continua", "--format", "xml"); code != 2 || !strings.Contains(errOut, "expected table or csv") {
		t.Errorf("bad format: exit %d, %q", code, errOut)
	}
	if code, _, errOut := ctl(t, dir, "list", "teachers"); code != 2 || !strings.Contains(errOut, "expected continua, targets, students or evidence") {
		t.Errorf("bad list: exit %d, %q", code, errOut)
	}
}

func TestDemoTwiceNeedsReplace(t *testing.T) {
	dir := demoStore(t)
	code, _, errOut := ctl(t, dir, "demo")
	if code != 1 || !strings.Contains(errOut, "--replace") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("second demo: exit %d, %q", code, errOut)
	}
	mustCtl(t, dir, "demo", "--replace")
	rows := readCSV(t, mustCtl(t, dir, "list", "evidence", "--format", "csv"))
	if got, want := len(rows)-1, len(demo.Classroom().Evidence); got != want {
		t.Errorf("after --replace: %d evidence rows, want %d (not doubled)", got, want)
	}
}

func TestListCSV(t *testing.T) {
	dir := demoStore(t)
	d := demo.Classroom()
	tests := []struct {
		what   string
		header []string
		rows   int
	}{
		{"continua", []string{"name"}, 1},
		{"targets", []string{"code", "continuum", "domain", "category", "level", "order", "statement", "milestone", "prerequisites"}, len(d.Targets)},
		{"students", []string{"id", "name", "group", "external_id"}, len(d.Students)},
		{"evidence", []string{"student_id", "target", "date", "score", "kind", "scorer", "note"}, len(d.Evidence)},
	}
	for _, tt := range tests {
		t.Run(tt.what, func(t *testing.T) {
			rows := readCSV(t, mustCtl(t, dir, "list", tt.what, "--format", "csv", "--continuum", "math foundations"))
			if !slices.Equal(rows[0][:len(tt.header)], tt.header) {
				t.Errorf("header %v, want it to start with %v", rows[0], tt.header)
			}
			if len(rows)-1 != tt.rows {
				t.Errorf("%d rows, want %d", len(rows)-1, tt.rows)
			}
		})
	}
	rows := readCSV(t, mustCtl(t, dir, "list", "targets", "--format", "csv"))
	var no22 []string
	for _, r := range rows {
		if r[0] == "NO.2.2" {
			no22 = r
		}
	}
	if !slices.Equal(no22[:9], []string{"NO.2.2", "Math Foundations", "Number and operations", "academic", "Level 2", "2", "I can understand a fraction as a number on the number line.", "no", "NO.1.1"}) {
		t.Errorf("NO.2.2 row = %v", no22)
	}
	rows = readCSV(t, mustCtl(t, dir, "list", "students", "--format", "csv", "--group", "period 5"))
	if len(rows)-1 != 14 || rows[1][2] != "Period 5" {
		t.Errorf("period 5: %v", rows)
	}
	rows = readCSV(t, mustCtl(t, dir, "list", "evidence", "--format", "csv", "--student", "S003", "--target", "NO.1.1"))
	for _, r := range rows[1:] {
		if r[0] != "S003" || r[1] != "NO.1.1" {
			t.Errorf("filtered evidence row %v", r)
		}
	}
	if table := mustCtl(t, dir, "list", "targets"); !strings.HasPrefix(table, "CODE  ") || !strings.Contains(table, "NO.4.3") {
		t.Errorf("table output:\n%s", table)
	}
}

// TestPositionsMatchTheDomain checks the positions the CLI prints, read
// back from the store, against the same calculation on the demo data in
// memory.
func TestPositionsMatchTheDomain(t *testing.T) {
	dir := demoStore(t)
	rows := readCSV(t, mustCtl(t, dir, "positions", "--format", "csv", "--date", "2026-11-20"))
	want := []string{"student_id", "student", "domain", "secured_level", "working_level", "ready_next", "gaps", "pace"}
	if !slices.Equal(rows[0][:len(want)], want) {
		t.Fatalf("header %v", rows[0])
	}
	d := demo.Classroom()
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	g = g.WithUnits(d.Units) // the demo's units set the pace
	if len(rows)-1 != len(d.Students)*len(d.Continuum.Domains) {
		t.Fatalf("%d position rows", len(rows)-1)
	}
	level := func(i int) string {
		if i < 0 {
			return ""
		}
		return d.Continuum.Levels[i]
	}
	byKey := map[string][]string{}
	for _, r := range rows[1:] {
		byKey[r[0]+"|"+r[2]] = r
	}
	paces := map[string]int{}
	for _, sp := range g.ClassPositions(d.Class(), continuum.NewDate(2026, 11, 20)) {
		for _, p := range sp.Positions {
			r := byKey[sp.Student.ID+"|"+p.Domain]
			got := []string{r[3], r[4], r[5], r[6], r[7]}
			exp := []string{level(p.Secured), level(p.Working), strings.Join(p.ReadyNext, ";"), strings.Join(p.Gaps, ";"), p.Pace.String()}
			if !slices.Equal(got, exp) {
				t.Errorf("%s %s: %v, want %v", sp.Student.ID, p.Domain, got, exp)
			}
			paces[string(p.Pace.Status)]++
		}
	}
	if len(paces) < 2 {
		t.Errorf("every position has the same pace: %v", paces)
	}
	rows = readCSV(t, mustCtl(t, dir, "positions", "--format", "csv", "--group", "Period 2"))
	if len(rows)-1 != 14*4 {
		t.Errorf("period 2 positions: %d rows", len(rows)-1)
	}
}

func TestMastery(t *testing.T) {
	dir := demoStore(t)
	out := mustCtl(t, dir, "mastery", "--student", "S001", "--target", "NO.1.1")
	for _, want := range []string{"Amara Okafor (S001) on NO.1.1", "decaying-average (r=0.65)", "power-law", "n-mastery (n=2)", "Each new score counts 65%"} {
		if !strings.Contains(out, want) {
			t.Errorf("mastery output lacks %q:\n%s", want, out)
		}
	}
	if lines := strings.Count(out, "\n"); lines < 9+4 {
		t.Errorf("mastery output too short:\n%s", out)
	}
	out = mustCtl(t, dir, "mastery", "--student", "S007", "--target", "HS.1.1")
	if !strings.Contains(out, "Override on 2026-11-13 by MR: mastered") {
		t.Errorf("override not shown:\n%s", out)
	}
	code, _, errOut := ctl(t, dir, "mastery", "--student", "S999", "--target", "NO.1.1")
	if code != 1 || !strings.Contains(errOut, "S999") || strings.Count(errOut, "\n") != 1 {
		t.Errorf("unknown student: exit %d %q", code, errOut)
	}
	if code, _, _ := ctl(t, dir, "mastery", "--student", "S001"); code != 2 {
		t.Errorf("missing --target: exit %d", code)
	}
}

func TestBackupAndRestore(t *testing.T) {
	dir := demoStore(t)
	file := filepath.Join(t.TempDir(), "term1.backup")
	mustCtl(t, dir, "backup", file)
	mustCtl(t, dir, "gen", "--continuum", "Extra", "--students", "5", "--targets", "10")
	if rows := readCSV(t, mustCtl(t, dir, "list", "continua", "--format", "csv")); len(rows) != 3 {
		t.Fatalf("before restore: %v", rows)
	}
	mustCtl(t, dir, "restore", file)
	rows := readCSV(t, mustCtl(t, dir, "list", "continua", "--format", "csv"))
	if len(rows) != 2 || rows[1][0] != "Math Foundations" {
		t.Errorf("after restore: %v", rows)
	}
	if code, _, errOut := ctl(t, dir, "backup", file); code != 1 || !strings.Contains(errOut, "exists") {
		t.Errorf("backup over an existing file: exit %d %q", code, errOut)
	}
	notBackup := filepath.Join(t.TempDir(), "notes.txt")
	os.WriteFile(notBackup, []byte("hello"), 0o600)
	if code, _, errOut := ctl(t, dir, "restore", notBackup); code != 1 || strings.Count(errOut, "\n") != 1 {
		t.Errorf("restore from a non-backup: exit %d %q", code, errOut)
	}
	if rows := readCSV(t, mustCtl(t, dir, "list", "students", "--format", "csv")); len(rows)-1 != 28 {
		t.Errorf("failed restore changed the roster: %d students", len(rows)-1)
	}
}

func TestStoreAlreadyOpen(t *testing.T) {
	dir := t.TempDir()
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	code, _, errOut := ctl(t, dir, "list", "continua")
	if code != 1 || !strings.Contains(errOut, "already open") || !strings.Contains(errOut, dir) || strings.Contains(errOut, "Badger") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

func TestNoContinuumYet(t *testing.T) {
	code, _, errOut := ctl(t, t.TempDir(), "positions")
	if code != 1 || !strings.Contains(errOut, "no continuum yet") {
		t.Errorf("exit %d, %q", code, errOut)
	}
}

func TestBuildsWithoutCgo(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "continuumctl")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("CGO_ENABLED=0 go build: %v\n%s", err, out)
	}
	dir := t.TempDir()
	out, err := exec.Command(bin, "--db", dir, "info").CombinedOutput()
	if err != nil || !strings.Contains(string(out), "Continua: 0") {
		t.Errorf("built binary: %v\n%s", err, out)
	}
	err = exec.Command(bin, "--db", dir, "list", "nothing").Run()
	if ee, ok := err.(*exec.ExitError); !ok || ee.ExitCode() != 2 {
		t.Errorf("usage error exit: %v", err)
	}
}
