package transfer

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
)

// Every format the exporter writes is offered, each once.
func TestExportOffersEveryFormat(t *testing.T) {
	var names []string
	for _, f := range exportFormats {
		names = append(names, f.name)
	}
	if !slices.Equal(names, exchange.ExportFormats) {
		t.Errorf("the dialog offers %v; the exporter writes %v", names, exchange.ExportFormats)
	}
}

// Given the demo, when the teacher chooses each format in the export
// dialog, then the name offered ends in that format's extension, the
// file written there is read back by the importer with as many targets
// as the store holds, and the message names what was written.
func TestExportEachFormatThroughTheDialog(t *testing.T) {
	for _, f := range exportFormats {
		t.Run(f.name, func(t *testing.T) {
			test.NewTempApp(t)
			st := wbioDemoStore(t)
			w, io, _ := wbioSetup(t, st)
			io.Export()
			if io.exportPick == nil || io.formats == nil {
				t.Fatalf("no export dialog; shown %q", wbioTexts(w))
			}
			io.formats.SetSelected(f.label)
			if got := io.groups.Disabled(); got != f.standardsOnly() {
				t.Errorf("the choice of students is disabled: %v", got)
			}
			if !wbioShows(w, f.about) {
				t.Errorf("the dialog does not say what the file holds: %q", wbioTexts(w))
			}
			test.Tap(io.exportPick.ConfirmButton())
			if io.saveDialog == nil || !strings.HasSuffix(io.saveChoice.Name, f.ext) || io.saveChoice.Ext != f.ext {
				t.Fatalf("the save dialog offers %q (%s), want a name ending in %s", io.saveChoice.Name, io.saveChoice.Ext, f.ext)
			}
			if f.tag != "" && !strings.Contains(io.saveChoice.Name, f.tag) {
				t.Errorf("the name offered %q does not say %s", io.saveChoice.Name, f.tag)
			}
			// The teacher names the file without its extension.
			path := filepath.Join(t.TempDir(), "for the district")
			wc, err := storage.Writer(storage.NewFileURI(path))
			if err != nil {
				t.Fatal(err)
			}
			var written string
			if p, ok := screen.SavePath(w, io.saveChoice.Ext, wc, nil); ok {
				written = p
				io.exportTo(io.chosenFormat(), wbioDemoID, "", p)
			}
			if written != path+f.ext {
				t.Fatalf("written to %q, want %q", written, path+f.ext)
			}
			back, err := exchange.Read(context.Background(), written, exchange.ReadOptions{})
			if err != nil {
				t.Fatalf("the file cannot be read back: %v; shown %q", err, wbioTexts(w))
			}
			targets, _, _ := wbioCounts(t, st, wbioDemoID)
			if len(back.Book.Targets) != targets {
				t.Errorf("read back %d targets, the store holds %d", len(back.Book.Targets), targets)
			}
			if f.standardsOnly() && len(back.Book.Students) != 0 {
				t.Errorf("a standards-only file carries %d students", len(back.Book.Students))
			}
			if !wbioShows(w, f.title) || !wbioShows(w, written) || !wbioShows(w, "36 targets") {
				t.Errorf("the message: %q", wbioTexts(w))
			}
			if f.standardsOnly() && !wbioShows(w, "was exported as "+f.what+" to") {
				t.Errorf("the message does not name %s: %q", f.what, wbioTexts(w))
			}
		})
	}
}

// The export dialog opens on the kind of file exported last.
func TestExportRemembersTheFormat(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	w, io, _ := wbioSetup(t, st)
	io.Export()
	if io.formats.Selected != exportFormats[0].label {
		t.Fatalf("first export offers %q", io.formats.Selected)
	}
	io.formats.SetSelected(exportFormats[2].label)
	test.Tap(io.exportPick.ConfirmButton())
	wbioCloseOverlays(w)
	io.Export()
	if io.formats.Selected != exportFormats[2].label {
		t.Errorf("the next export offers %q, want %q", io.formats.Selected, exportFormats[2].label)
	}
}

// A group is the workbook's choice: with a standards-only format the
// name offered carries the format, not the group chosen before.
func TestExportStandardsIgnoresTheGroup(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	_, io, _ := wbioSetup(t, st)
	io.Export()
	io.groups.SetSelected("Period 2 (14 students)")
	io.formats.SetSelected(exportFormats[3].label)
	test.Tap(io.exportPick.ConfirmButton())
	if got := io.saveChoice.Name; got != "Math Foundations Canvas 2027-01-15.csv" {
		t.Errorf("name offered %q", got)
	}
	io.Export()
	io.groups.SetSelected("Period 2 (14 students)")
	io.formats.SetSelected(exportFormats[0].label)
	test.Tap(io.exportPick.ConfirmButton())
	if got := io.saveChoice.Name; got != "Math Foundations Period 2 2027-01-15.xlsx" {
		t.Errorf("name offered %q", got)
	}
}
