package transfer

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/storage/workbook"
)

// keylessStore is a store without a de-identify key of its own.
type keylessStore struct{ Store }

// deidentifiedNames exports the demo de-identified through io, twice, and
// returns the students' names in each workbook.
func deidentifiedNames(t *testing.T, w fyne.Window, io *Screen) (first, second []string) {
	t.Helper()
	dir := t.TempDir()
	var out [2][]string
	for i, name := range []string{"first.xlsx", "second.xlsx"} {
		path := filepath.Join(dir, name)
		io.exportAs(exportFormats[0], wbioDemoID, exportChoice{deidentify: true}, path)
		b, err := workbook.DecodeFile(context.Background(), path, workbook.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range b.Students {
			out[i] = append(out[i], s.Name)
		}
		if len(out[i]) != 28 {
			t.Fatalf("%s has %d students", name, len(out[i]))
		}
	}
	return out[0], out[1]
}

// Given the app's store, two de-identified exports give every student the
// same pseudonym (the store's own key), and the message says so; a store
// without a key of its own gives pseudonyms of one export only.
func TestDeidentifiedExportsKeepThePseudonyms(t *testing.T) {
	test.NewTempApp(t)
	st := wbioDemoStore(t)
	w, io, ws := wbioSetup(t, st)
	first, second := deidentifiedNames(t, w, io)
	if !slices.Equal(first, second) {
		t.Errorf("the pseudonyms changed between two exports:\n%v\n%v", first, second)
	}
	if !wbioShows(w, "the same in every de-identified export from this data folder") {
		t.Errorf("the message: %q", wbioTexts(w))
	}
	wbioCloseOverlays(w)

	w2 := test.NewTempWindow(t, widget.NewLabel(""))
	first, second = deidentifiedNames(t, w2, New(keylessStore{st}, ws, w2))
	if slices.Equal(first, second) {
		t.Error("without a key of the store's, two exports gave the same pseudonyms")
	}
	if !wbioShows(w2, "pseudonyms of this export only") {
		t.Errorf("the message: %q", wbioTexts(w2))
	}
}
