package main

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/workbook"
)

// notesWorkbook writes a coach's notes workbook on the demo continuum:
// its targets and units, two notes, and no class.
func notesWorkbook(t *testing.T) string {
	t.Helper()
	d := demo.Classroom()
	day := continuum.NewDate(2026, 11, 20)
	book := &workbook.Book{Continuum: d.Continuum, Targets: d.Targets, Units: d.Units, VisitNotes: []continuum.VisitNote{
		{Continuum: d.Continuum.ID, Date: day, Coach: "J. Rivera", About: continuum.OnTarget, Subject: "NO.1.2", LookFor: continuum.DefaultLookFors[0], Note: "Students named the target"},
		{Continuum: d.Continuum.ID, Date: day, Coach: "J. Rivera", About: continuum.OnUnit, Subject: d.Units[1].Title, Note: "On pace"},
	}}
	path := filepath.Join(t.TempDir(), "notes.xlsx")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := workbook.NewEncoder(f, workbook.EncodeOptions{On: day}).Encode(context.Background(), book); err != nil {
		t.Fatal(err)
	}
	return path
}

// Given the demo store, when a coach's notes workbook is imported, then
// the preview counts the notes as added and the store keeps them; a
// second import finds nothing to do.
func TestImportVisitNotes(t *testing.T) {
	db := demoStore(t)
	path := notesWorkbook(t)
	out := mustCtl(t, db, "import", path)
	if !slices.ContainsFunc(strings.Split(out, "\n"), func(line string) bool {
		f := strings.Fields(line)
		return len(f) > 3 && f[0] == "Visit" && f[1] == "notes" && f[2] == "2"
	}) {
		t.Errorf("the preview does not count 2 notes added:\n%s", out)
	}
	if again := mustCtl(t, db, "import", path); !strings.Contains(again, "Nothing to import") {
		t.Errorf("second import says:\n%s", again)
	}
	st, err := storage.Open(db, storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	notes, err := st.VisitNotes(context.Background(), demo.Classroom().Continuum.ID)
	if err != nil || len(notes) != 2 || notes[0].Coach != "J. Rivera" {
		t.Errorf("stored notes %+v (%v)", notes, err)
	}
}
