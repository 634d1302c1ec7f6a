package main

import (
	"context"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/workbook"
)

// withStore opens the store in db for a moment, as the app would between
// two commands.
func withStore(t *testing.T, db string, do func(st *storage.Store)) {
	t.Helper()
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	do(st)
}

// Given the demo store with two visit notes and three calibration scores
// entered in the app, when continuumctl export writes a workbook, then it
// says it wrote them and the workbook's sheets hold them; when that
// workbook is imported into an empty store, the preview counts them added
// and the store holds the same notes and scores; and a colleague's
// different score under the same name is shown side by side and kept as
// stored.
func TestExportWritesVisitNotesAndCalibration(t *testing.T) {
	ctx := context.Background()
	cid := demo.Classroom().Continuum.ID
	db := demoStore(t)
	day := continuum.NewDate(2026, 11, 20)
	scores := []continuum.CalibrationScore{
		{Sample: "Essay A", Target: "NO.1.1", Scorer: "Mr Osei", Score: 2},
		{Sample: "Essay A", Target: "NO.1.1", Scorer: "Ms Rivera", Score: 3, Note: "counts on"},
		{Sample: "Essay B", Target: "NO.2.2", Scorer: "Ms Rivera", Score: 4},
	}
	var notes []continuum.VisitNote
	withStore(t, db, func(st *storage.Store) {
		for _, n := range []continuum.VisitNote{
			{Continuum: cid, Date: day, Coach: "J. Rivera", About: continuum.OnTarget, Subject: "NO.1.2", Note: "Students named the target"},
			{Continuum: cid, Date: day, Coach: "J. Rivera", About: continuum.OnClass, Subject: "Period 2", Note: "Calm start"},
		} {
			n, err := st.PutVisitNote(ctx, n)
			if err != nil {
				t.Fatal(err)
			}
			n.ID = ""
			notes = append(notes, n)
		}
		if err := st.PutCalibrationScores(ctx, cid, scores...); err != nil {
			t.Fatal(err)
		}
	})

	out := filepath.Join(t.TempDir(), "math.xlsx")
	got := mustCtl(t, db, "export", out, "--date", "2026-11-22")
	if want := "Exported Math Foundations (36 targets, 28 students, 1,042 pieces of evidence, 2 units, 1 flex block, 2 visit notes, 3 calibration scores) to " + out + "\n"; got != want {
		t.Errorf("export says\n%q, want\n%q", got, want)
	}
	b, err := workbook.DecodeFile(ctx, out, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	for i := range b.VisitNotes {
		b.VisitNotes[i].ID = ""
	}
	for i := range b.Calibration {
		b.Calibration[i].Place = ""
	}
	if !reflect.DeepEqual(b.VisitNotes, notes) || !reflect.DeepEqual(b.Calibration, scores) {
		t.Errorf("the workbook holds notes %+v and scores %+v", b.VisitNotes, b.Calibration)
	}

	fresh := t.TempDir()
	preview := mustCtl(t, fresh, "import", out)
	for section, added := range map[string]string{"Visit notes": "2", "Calibration": "3"} {
		if !hasCountRow(preview, section, added) {
			t.Errorf("the preview has no row %q counting %s added:\n%s", section, added, preview)
		}
	}
	if strings.Contains(preview, "does not store") {
		t.Errorf("the preview still says import does not store the scores:\n%s", preview)
	}
	withStore(t, fresh, func(st *storage.Store) {
		stored, err := st.CalibrationScores(ctx, cid)
		if err != nil || !reflect.DeepEqual(stored, scores) {
			t.Errorf("imported scores %+v (%v), want %+v", stored, err, scores)
		}
		gotNotes, err := st.VisitNotes(ctx, cid)
		for i := range gotNotes {
			gotNotes[i].ID = ""
		}
		if err != nil || !reflect.DeepEqual(gotNotes, notes) {
			t.Errorf("imported notes %+v (%v), want %+v", gotNotes, err, notes)
		}
		// A colleague scored Essay A differently under Ms Rivera's name.
		if err := st.PutCalibrationScores(ctx, cid, continuum.CalibrationScore{Sample: "Essay A", Target: "NO.1.1", Scorer: "Ms Rivera", Score: 1}); err != nil {
			t.Fatal(err)
		}
	})
	theirs := filepath.Join(t.TempDir(), "theirs.xlsx")
	mustCtl(t, fresh, "export", theirs, "--date", "2026-11-22")
	preview = mustCtl(t, db, "import", theirs)
	for _, want := range []string{
		"Calibration score Essay A on NO.1.1 by Ms Rivera differs in score",
		"score          mine:   3",
		"theirs: 1",
	} {
		if !strings.Contains(preview, want) {
			t.Errorf("the preview does not say %q:\n%s", want, preview)
		}
	}
	withStore(t, db, func(st *storage.Store) {
		if stored, err := st.CalibrationScores(ctx, cid); err != nil || !reflect.DeepEqual(stored, scores) {
			t.Errorf("after importing a colleague's different score, mine are %+v (%v)", stored, err)
		}
	})
}

// hasCountRow reports whether the preview's table has a row for section
// whose first count (added) is added.
func hasCountRow(preview, section, added string) bool {
	for _, line := range strings.Split(preview, "\n") {
		if rest, ok := strings.CutPrefix(line, section+" "); ok {
			if f := strings.Fields(rest); len(f) > 0 && f[0] == added {
				return true
			}
		}
	}
	return false
}
