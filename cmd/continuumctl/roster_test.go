package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/oneroster/onerostertest"
)

// importRoster runs runImportRoster on the store in dir with the import
// flags set, and returns the exit status continuumctl would give, with
// its output.
func importRoster(t *testing.T, dir, path, format string, set func(o *workbookOptions)) (int, string, string) {
	t.Helper()
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	opts := &options{}
	if set != nil {
		set(&opts.book)
	}
	var out, errOut bytes.Buffer
	e := &env{store: st, opts: opts, stdout: &out, stderr: &errOut}
	code := exitStatus("import", runImportRoster(context.Background(), e, path, format), &errOut)
	return code, out.String(), errOut.String()
}

func storedStudents(t *testing.T, dir string) []continuum.Student {
	t.Helper()
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	all, err := st.Students(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return all
}

// noTerminal makes standard input a script's for the test.
func noTerminal(t *testing.T, terminal bool) {
	old := stdinIsTerminal
	stdinIsTerminal = func() bool { return terminal }
	t.Cleanup(func() { stdinIsTerminal = old })
}

func lepo(t *testing.T) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "realdata", "oneroster_lepo-ja")
	if _, err := os.Stat(path); err != nil {
		t.Skip("the real OneRoster set is not here")
	}
	return path
}

// Given the real OneRoster set and two classes named with --class, when
// it is imported, then the preview names the classes and the counts, the
// seven students are stored, and a second import finds nothing to do.
func TestImportRosterChosenClasses(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := importRoster(t, dir, lepo(t), "oneroster", func(o *workbookOptions) { o.classes = "c401, 情報システム特論" })
	if code != 0 {
		t.Fatalf("exit %d: %s\n%s", code, errOut, out)
	}
	for _, want := range []string{"(OneRoster 1.1 CSV set, bulk)", "Classes: 2 of 5: 情報処理入門 (period 1-2, C401); 情報システム特論",
		"Added (7):", "S001 名03 姓03, 情報処理入門 (period 1-2, C401)", "Imported the class list: Students: 7 added.", "-before-roster-import"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if n := len(storedStudents(t, dir)); n != 7 {
		t.Errorf("%d stored, want 7", n)
	}
	code, out, _ = importRoster(t, dir, lepo(t), "", func(o *workbookOptions) { o.classes = "C401,cl0003" })
	if code != 0 || !strings.Contains(out, "Nothing to import: the roster already is this class list.") {
		t.Errorf("again: exit %d\n%s", code, out)
	}
}

// Without --class: at a terminal the classes are listed and --class is
// asked for (exit 2, nothing stored); with no terminal every class is
// taken and the preview says so.
func TestImportRosterWithoutClass(t *testing.T) {
	dir := t.TempDir()
	noTerminal(t, true)
	code, out, errOut := importRoster(t, dir, lepo(t), "", nil)
	if code != 2 || !strings.Contains(out, "C404") || !strings.Contains(out, "2020年度 後期") || !strings.Contains(errOut, "choose the classes to import with --class") {
		t.Errorf("at a terminal: exit %d\n%s\n%s", code, out, errOut)
	}
	if n := len(storedStudents(t, dir)); n != 0 {
		t.Errorf("%d stored without a choice", n)
	}
	noTerminal(t, false)
	code, out, _ = importRoster(t, dir, lepo(t), "", nil)
	if code != 0 || !strings.Contains(out, "no terminal to ask at: every class of the set is imported (5)") || len(storedStudents(t, dir)) != 18 {
		t.Errorf("no terminal: exit %d\n%s", code, out)
	}
	code, _, errOut = importRoster(t, dir, lepo(t), "", func(o *workbookOptions) { o.classes = "情報処理入門" })
	if code != 2 || !strings.Contains(errOut, "--class: 4 classes are") {
		t.Errorf("a shared title: exit %d: %s", code, errOut)
	}
}

// --dry-run exits 1 when the import would refuse the file, 0 when it
// would go ahead; it stores nothing either way.
func TestImportRosterDryRun(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(t.TempDir(), "period2.csv")
	os.WriteFile(good, []byte("Nachname,Vorname,Nummer,Kurs\nLópez,Ana,5001,Math 7\nLi,Ben,5002,Math 7\n"), 0o644)
	bad := filepath.Join(t.TempDir(), "dupes.csv")
	os.WriteFile(bad, []byte("Student ID,Name\nS001,Ana\nS001,Ben\n"), 0o644)
	mapping := func(o *workbookOptions) {
		o.dryRun, o.mapping = true, "family=Nachname,first=Vorname,external=Nummer,group=Kurs"
	}
	code, out, errOut := importRoster(t, dir, good, "roster", mapping)
	if code != 0 || !strings.Contains(out, "S002 Ben Li, Math 7") || !strings.Contains(out, "Dry run: nothing was changed.") {
		t.Errorf("dry run of a good list: exit %d\n%s%s", code, out, errOut)
	}
	code, out, errOut = importRoster(t, dir, bad, "", func(o *workbookOptions) { o.dryRun = true })
	if code != 1 || !strings.Contains(out, "dupes, row 3, column A (Student ID): student ID S001 is already on row 2") ||
		!strings.Contains(out, "Dry run: Nothing was changed") || !strings.Contains(errOut, "the file has problems") {
		t.Errorf("dry run of a bad list: exit %d\n%s%s", code, out, errOut)
	}
	if n := len(storedStudents(t, dir)); n != 0 {
		t.Errorf("%d stored by dry runs", n)
	}
	code, _, errOut = importRoster(t, dir, good, "roster", func(o *workbookOptions) { o.classes = "C1" })
	if code != 2 || !strings.Contains(errOut, "--class chooses classes of a OneRoster set") {
		t.Errorf("--class on a list: exit %d: %s", code, errOut)
	}
	code, _, errOut = importRoster(t, dir, good, "roster", func(o *workbookOptions) { o.mapping = "colour=A" })
	if code != 2 || !strings.Contains(errOut, "--map:") {
		t.Errorf("a bad --map: exit %d: %s", code, errOut)
	}
}

// Next month: the preview lists what changes for whom and who left;
// --same merges a near-miss.
func TestImportRosterNextMonth(t *testing.T) {
	g := onerostertest.Generate(onerostertest.Options{Students: 200, Classes: 8})
	next, ch := g.NextMonth(2)
	base := t.TempDir()
	sep, _ := g.WriteZip(filepath.Join(base, "sep.zip"), "")
	oct, _ := next.WriteZip(filepath.Join(base, "oct.zip"), "")
	dir := t.TempDir()
	noTerminal(t, false)
	if code, out, errOut := importRoster(t, dir, sep, "", nil); code != 0 {
		t.Fatalf("september: exit %d: %s%s", code, out, errOut)
	}
	code, out, errOut := importRoster(t, dir, oct, "", nil)
	if code != 0 {
		t.Fatalf("october: exit %d: %s%s", code, out, errOut)
	}
	renamed := next.Students[ch.Renamed[0]]
	for _, want := range []string{"Changed (4):", "(matched by external ID): name:", renamed.Family, "No longer on the class list: kept as having left, with their evidence (2):",
		"Added (2):", "Newcomer Number 1", "Students: 2 added, 4 updated, 2 marked as having left"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if n := len(storedStudents(t, dir)); n != 202 {
		t.Errorf("%d stored, want 202", n)
	}
	// A hand-typed student resembling one of the list.
	hand := filepath.Join(base, "hand.csv")
	os.WriteFile(hand, []byte("Name,Group\nNewcomer Numbr 1,Extra\n"), 0o644)
	code, out, _ = importRoster(t, dir, hand, "roster", func(o *workbookOptions) { o.dryRun = true })
	if code != 0 || !strings.Contains(out, `Resembling one of your students (if one is, say so: --same "Newcomer Numbr 1")`) || !strings.Contains(out, "one letter apart") {
		t.Errorf("near-miss: exit %d\n%s", code, out)
	}
	code, out, _ = importRoster(t, dir, hand, "roster", func(o *workbookOptions) { o.same = "newcomer numbr 1" })
	if code != 0 || !strings.Contains(out, "the same person, as you said") || len(storedStudents(t, dir)) != 202 {
		t.Errorf("--same: exit %d\n%s", code, out)
	}
}
