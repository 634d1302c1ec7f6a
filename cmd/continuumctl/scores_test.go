package main

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/storage"
)

// importScores runs an import of the score sheet at path on the store in
// dir, with the score flags set by set, and returns the exit status and
// what was written.
func importScores(t *testing.T, dir, path string, dryRun bool, set func()) (int, string, string) {
	t.Helper()
	scoresFlags = struct {
		words, date, kind, scorer, match, leaveOut string
		addStudents                                bool
	}{}
	defer func() {
		scoresFlags = struct {
			words, date, kind, scorer, match, leaveOut string
			addStudents                                bool
		}{}
	}()
	if set != nil {
		set()
	}
	st, err := storage.Open(dir, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out, errOut bytes.Buffer
	o := &options{}
	o.book.dryRun = dryRun
	err = runImportScores(context.Background(), &env{store: st, opts: o, stdout: &out, stderr: &errOut}, path)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	return exitStatus("import", err, &errOut), out.String(), errOut.String()
}

// Given the demo class and a gradebook of letters, when it is imported
// with --dry-run, then the preview shows how each student and letter is
// read and the --words flag that reproduces it, and nothing is stored;
// imported for real it stores the scores, and a second time it says
// there is nothing to import.
func TestImportScoresCommand(t *testing.T) {
	db := demoStore(t)
	path := writeText(t, "gradebook.csv", "Student ID,Student,Target,Date,Score,Kind\n"+
		"S001,Amara Okafor,NO.1.1,2027-01-11,M,Quiz\n"+
		"S002,Ben Carter,NO.1.1,2027-01-11,J,Quiz\n"+
		"S003,Camila Reyes,NO.1.2,2027-01-12,A,Unit test\n"+
		"S004,Dev Patel,NO.1.2,2027-01-12,NC,Unit test\n")
	code, out, errOut := importScores(t, db, path, true, nil)
	for _, want := range []string{
		`Import of scores from gradebook.csv (CSV, comma-separated, UTF-8; score list, one row per score) into the stored continuum "Math Foundations"`,
		"Students: 4 students in the file; matched 4 by student ID",
		"Targets: 2 targets in the file; 2 matched by code",
		"M → 3 Proficient (guessed: mastery), 1 score",
		`To read the next file the same way, or to correct a guess: --words "NC=1,J=2,M=3,A=4"`,
		"Evidence: 4 added, 0 already in the store, 0 refused",
		"Dry run: nothing was changed.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the preview does not say %q:\n%s", want, out)
		}
	}
	if code != 0 {
		t.Fatalf("dry run: exit %d: %s", code, errOut)
	}
	code, out, errOut = importScores(t, db, path, false, func() { scoresFlags.words = "A=3"; scoresFlags.scorer = "MR" })
	if code != 0 || !strings.Contains(out, "Imported into Math Foundations: Evidence: 4 added.") {
		t.Fatalf("import: exit %d: %s\n%s", code, errOut, out)
	}
	listed := mustCtl(t, db, "list", "evidence", "--student", "S003", "--format", "csv")
	if !strings.Contains(listed, "2027-01-12") || !strings.Contains(listed, "NO.1.2") {
		t.Errorf("S003's evidence:\n%s", listed)
	}
	code, out, _ = importScores(t, db, path, false, func() { scoresFlags.words = "A=3"; scoresFlags.scorer = "MR" })
	if code != 0 || !strings.Contains(out, "Nothing to import: the store already holds every score in this file.") {
		t.Errorf("the second import: exit %d\n%s", code, out)
	}
}

// Given a score sheet with a student nobody is and a score off the
// scale, when it is imported, then the preview names each with its
// place, nothing is stored, and the exit status is 1; flags that cannot
// be read are usage errors (exit 2).
func TestImportScoresCommandRefuses(t *testing.T) {
	db := demoStore(t)
	path := writeText(t, "bad.csv", "Date: 2027-01-11\nStudent,NO.1.1,NO.1.2\nZed Quinn,3,2\nAmara Okafor,5,3\n")
	code, out, errOut := importScores(t, db, path, true, nil)
	for _, want := range []string{
		"bad, row 3, column A (Student): Zed Quinn (2 scores): not on your roster",
		"bad, row 4, column B (NO.1.1): 5 is off the scale",
		"Evidence: 1 added, 0 already in the store, 3 refused",
		"Nothing was changed: the import refuses this file until its problems are corrected.",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("the preview does not say %q:\n%s", want, out)
		}
	}
	if code != 1 || !strings.Contains(errOut, "the file has problems (2 problems)") {
		t.Errorf("exit %d, %q", code, errOut)
	}
	if code, _, _ := importScores(t, db, path, false, nil); code != 1 {
		t.Errorf("import of a refused file: exit %d", code)
	}
	for flag, set := range map[string]func(){
		"--kind":  func() { scoresFlags.kind = "vibes" },
		"--words": func() { scoresFlags.words = "M" },
		"--date":  func() { scoresFlags.date = "someday" },
		"--match": func() { scoresFlags.match = "Zed Quinn" },
	} {
		if code, _, errOut := importScores(t, db, path, true, set); code != 2 || !strings.Contains(errOut, flag+":") {
			t.Errorf("%s: exit %d, %q", flag, code, errOut)
		}
	}
}
