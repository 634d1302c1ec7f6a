package transfer

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// exportPasswordEntry finds the password field of the open export dialog.
func exportPasswordEntry(t *testing.T, w fyne.Window) *widget.Entry {
	t.Helper()
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			if e, ok := o.(*widget.Entry); ok && e.PlaceHolder == "no password" {
				return e
			}
		}
	}
	t.Fatalf("the export dialog has no password field; shown %q", wbioTexts(w))
	return nil
}

// Given the demo's 28 students, when the teacher opens Export…, then a
// generated password is suggested and shown; the standards formats turn
// it off; a password Excel cannot take is refused in the dialog; and the
// workbook written with the password opens only with it, under a name
// that carries no student's name.
func TestExportSuggestsAPasswordForStudents(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	w, io, _ := wbioSetup(t, st)
	io.Export()
	if io.exportPick == nil {
		t.Fatalf("no export dialog; shown %q", wbioTexts(w))
	}
	pw := exportPasswordEntry(t, w)
	if !regexp.MustCompile(`^[2-9a-km-np-z]{5}(-[2-9a-km-np-z]{5}){3}$`).MatchString(pw.Text) {
		t.Errorf("suggested %q, want four groups of five characters", pw.Text)
	}
	if pw.Password {
		t.Error("the suggested password is hidden; it must be shown to be written down")
	}
	first := pw.Text
	test.Tap(exportSuggestButton(t, w))
	if pw.Text == first || pw.Text == "" {
		t.Errorf("Suggest gave %q after %q", pw.Text, first)
	}
	io.formats.SetSelected(exportFormats[1].label)
	if !pw.Disabled() {
		t.Error("the password is offered for a standards-only export")
	}
	io.formats.SetSelected(exportFormats[0].label)
	pw.SetText(strings.Repeat("x", 256))
	test.Tap(io.exportPick.ConfirmButton())
	if io.saveDialog != nil || !wbioShows(w, "at most 255") {
		t.Fatalf("a 256-character password went on; shown %q", wbioTexts(w))
	}
	pw.SetText("Sunny Meadow 42")
	test.Tap(io.exportPick.ConfirmButton())
	if io.saveDialog == nil {
		t.Fatalf("no save dialog; shown %q", wbioTexts(w))
	}
	students, err := st.Students(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range students {
		if strings.Contains(io.saveChoice.Name, s.Name) {
			t.Errorf("the name offered %q carries the student name %q", io.saveChoice.Name, s.Name)
		}
	}
	wbioCloseOverlays(w)
	path := filepath.Join(t.TempDir(), io.saveChoice.Name)
	io.exportAs(io.chosenFormat(), wbioDemoID, exportChoice{password: pw.Text}, path)
	if !wbioShows(w, "encrypted") {
		t.Errorf("the message does not say the workbook is encrypted: %q", wbioTexts(w))
	}
	if _, err := workbook.DecodeFile(context.Background(), path, workbook.Options{}); !errors.Is(err, workbook.ErrPasswordProtected) {
		t.Fatalf("opened without the password: %v", err)
	}
	if b, err := workbook.DecodeFile(context.Background(), path, workbook.Options{Password: "Sunny Meadow 42"}); err != nil || len(b.Students) != len(students) {
		t.Fatalf("with the password: %v", err)
	}
	if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
}

// exportSuggestButton finds the Suggest button of the open export dialog.
func exportSuggestButton(t *testing.T, w fyne.Window) *widget.Button {
	t.Helper()
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			if b, ok := o.(*widget.Button); ok && b.Text == "Suggest" {
				return b
			}
		}
	}
	t.Fatal("the export dialog has no Suggest button")
	return nil
}

// An export without a password says, once written, that the students'
// data is readable by anyone who gets the file; one with says it is not.
func TestExportedMessageSaysWhetherProtected(t *testing.T) {
	e := exchange.Exported{Name: "Math", Targets: 3, Students: 2, Evidence: 5}
	if msg := exportedMessage(exportFormats[0], e, "/x.xlsx", false); !strings.Contains(msg, "not protected") {
		t.Errorf("plain: %q", msg)
	}
	if msg := exportedMessage(exportFormats[0], e, "/x.xlsx", true); !strings.Contains(msg, "encrypted") || strings.Contains(msg, "not protected") {
		t.Errorf("protected: %q", msg)
	}
	e.Students = 0
	if msg := exportedMessage(exportFormats[0], e, "/x.xlsx", false); strings.Contains(msg, "protected") {
		t.Errorf("no students: %q", msg)
	}
}

// Given the demo, when the teacher ticks De-identify in Export…, then the
// name offered says so, and the workbook written has pseudonyms for names.
func TestExportDeidentifiedThroughTheDialog(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	w, io, _ := wbioSetup(t, st)
	io.Export()
	var deid *widget.Check
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, "Pseudonyms") {
				deid = c
			}
		}
	}
	if deid == nil {
		t.Fatalf("no De-identify choice; shown %q", wbioTexts(w))
	}
	io.formats.SetSelected(exportFormats[1].label)
	if !deid.Disabled() {
		t.Error("De-identify is offered for a standards-only export")
	}
	io.formats.SetSelected(exportFormats[0].label)
	deid.SetChecked(true)
	exportPasswordEntry(t, w).SetText("")
	test.Tap(io.exportPick.ConfirmButton())
	if io.saveDialog == nil || !strings.Contains(io.saveChoice.Name, "de-identified") {
		t.Fatalf("the name offered is %q", io.saveChoice.Name)
	}
	wbioCloseOverlays(w)
	path := filepath.Join(t.TempDir(), io.saveChoice.Name)
	io.exportAs(io.chosenFormat(), wbioDemoID, exportChoice{deidentify: true}, path)
	if !wbioShows(w, "pseudonyms") {
		t.Errorf("the message does not say the workbook is de-identified: %q", wbioTexts(w))
	}
	b, err := workbook.DecodeFile(context.Background(), path, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Students) != 28 || !strings.HasPrefix(b.Students[0].Name, "P-") {
		t.Errorf("%d students, the first named %q", len(b.Students), b.Students[0].Name)
	}
}
