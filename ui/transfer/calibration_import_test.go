package transfer

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
)

// Given my store where I scored Essay A a 3, when I import a colleague's
// workbook in which "I" scored it a 1 and she scored it a 2, then the
// preview shows the two scores of mine side by side under "Calibration
// score …", keeping mine is the default; taking theirs stores the 1, her
// score arrives under her name, and the Calibration screen hears of it.
func TestWorkbookImportCalibrationConflict(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	mine := wbioDemoStore(t)
	mr := continuum.CalibrationScore{Sample: "Essay A", Target: "NO.1.1", Scorer: "Ms Rivera", Score: 3}
	if err := mine.PutCalibrationScores(ctx, wbioDemoID, mr); err != nil {
		t.Fatal(err)
	}
	theirs := wbioDemoStore(t)
	colleague := []continuum.CalibrationScore{
		{Sample: "Essay A", Target: "NO.1.1", Scorer: "Ms Diaz", Score: 2},
		{Sample: "Essay A", Target: "NO.1.1", Scorer: "Ms Rivera", Score: 1, Note: "no model"},
	}
	if err := theirs.PutCalibrationScores(ctx, wbioDemoID, colleague...); err != nil {
		t.Fatal(err)
	}
	path := wbioExportDemo(t, theirs)

	w, io, ws := wbioSetup(t, mine)
	var heard []screen.ChangeKind
	ws.OnChange(func(c screen.Change) { heard = append(heard, c.Kind) })
	io.importFrom(path)
	p := io.preview
	if p == nil || p.p.Count(continuum.SectionCalibration, continuum.Added) != 1 || p.p.Count(continuum.SectionCalibration, continuum.Conflicting) != 1 {
		t.Fatalf("preview counts %v", p.p.Merge.Counts[continuum.SectionCalibration])
	}
	i := slices.IndexFunc(p.p.Merge.Conflicts, func(c continuum.Conflict) bool { return c.Section == continuum.SectionCalibration })
	p.tabs.SelectIndex(1)
	for _, s := range []string{"Calibration score Essay A on NO.1.1 by Ms Rivera", "Score", "Note", "no model", keepMine, takeTheirs} {
		if !wbioShows(w, s) {
			t.Errorf("the conflict does not show %q: %q", s, wbioTexts(w))
		}
	}
	if p.choices[i].Selected != keepMine {
		t.Errorf("default choice %q", p.choices[i].Selected)
	}
	p.choices[i].SetSelected(takeTheirs)
	test.Tap(p.dlg.ConfirmButton())
	got, err := mine.CalibrationScores(ctx, wbioDemoID)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got, colleague) {
		t.Errorf("after taking theirs the store holds %+v, want %+v", got, colleague)
	}
	if !slices.Contains(heard, screen.CalibrationChanged) {
		t.Errorf("the screens heard %v, not that the calibration scores changed", heard)
	}
}

// Given a coach's note and two calibration scores in the store, when the
// teacher exports the continuum, then the dialog names them with the
// rest, and the workbook holds them.
func TestWorkbookExportNamesNotesAndScores(t *testing.T) {
	test.NewTempApp(t)
	ctx := context.Background()
	st := wbioDemoStore(t)
	if _, err := st.PutVisitNote(ctx, continuum.VisitNote{Continuum: wbioDemoID, Date: continuum.NewDate(2027, 1, 10), Coach: "J. Rivera",
		About: continuum.OnTarget, Subject: "NO.1.2", Note: "Students named the target"}); err != nil {
		t.Fatal(err)
	}
	if err := st.PutCalibrationScores(ctx, wbioDemoID,
		continuum.CalibrationScore{Sample: "Essay A", Target: "NO.1.1", Scorer: "Ms Rivera", Score: 3},
		continuum.CalibrationScore{Sample: "Essay A", Target: "NO.1.1", Scorer: "Mr Osei", Score: 2}); err != nil {
		t.Fatal(err)
	}
	w, io, _ := wbioSetup(t, st)
	path := filepath.Join(t.TempDir(), "term 1.xlsx")
	io.exportTo(exportFormats[0], wbioDemoID, "", path)
	if want := "36 targets, 28 students, 1,042 pieces of evidence, 1 visit note and 2 calibration scores."; !wbioShows(w, want) {
		t.Errorf("the export does not say %q: %q", want, wbioTexts(w))
	}
	book, err := workbook.DecodeFile(ctx, path, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(book.VisitNotes) != 1 || len(book.Calibration) != 2 {
		t.Errorf("the workbook holds %d notes and %d scores", len(book.VisitNotes), len(book.Calibration))
	}
}
