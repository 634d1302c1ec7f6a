package builder

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// shellStore opens a real store in a temporary folder, closed when the
// test ends.
func shellStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(t.TempDir(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// demoID is the ID of the demo classroom's continuum.
const demoID = "demo-math-foundations"

// reviewStore opens a real store holding the demo classroom and hands it
// out as a review does: every change refused with continuum.ErrReadOnly.
func reviewStore(t *testing.T) continuum.ReadOnlyStore {
	t.Helper()
	st := shellStore(t)
	if err := demo.Classroom().Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	return continuum.ReadOnlyStore{Store: st}
}

// reviewDay is the day the reviews of these tests are a snapshot of.
var reviewDay = continuum.NewDate(2026, 11, 20)

// reviewWorkspace is a review's workspace: read-only from the start, on
// the demo's continuum, judged as of reviewDay.
func reviewWorkspace() *screen.Workspace {
	ws := screen.NewWorkspace()
	ws.SetReadOnly(true)
	ws.SetToday(reviewDay)
	ws.SelectContinuum(demoID)
	return ws
}

// reviewWindow is a window the size of a review's, closed with the test.
func reviewWindow(t *testing.T) fyne.Window {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 720))
	return w
}

// reviewHidden fails for each of objects that is shown.
func reviewHidden(t *testing.T, what string, objects ...fyne.CanvasObject) {
	t.Helper()
	for i, o := range objects {
		if o.Visible() {
			t.Errorf("%s: control %d is shown", what, i)
		}
	}
}

// reviewShown lists the objects under o that are shown: hidden ones and
// what they hold are left out.
func reviewShown(o fyne.CanvasObject) []fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range c.CreateRenderer().Objects() {
			out = append(out, reviewShown(child)...)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			out = append(out, reviewShown(child)...)
		}
	}
	return out
}

// reviewEditLabels are the labels of the buttons that change something,
// on any screen of the app.
var reviewEditLabels = []string{"New continuum", "Rename…", "Duplicate…", "Delete…", "Settings…", "Add target",
	"Save", "Add student", "New student", "Remove…", "Score it today", "New block…", "Edit…", "Suggest", "Re-suggest",
	"Save placements", "Move to…", "New unit", "Edit plan…", "Earlier", "Later", "Duplicate", "Make a flex block for support",
	"Import…", "Export…", "Undo", "Open for review…"}

// reviewNoEditing fails when the window shows a button that changes something.
func reviewNoEditing(t *testing.T, w fyne.Window, screen string) {
	t.Helper()
	for _, o := range reviewShown(w.Content()) {
		var text string
		switch b := o.(type) {
		case *widget.Button:
			text = b.Text
		case *widgets.Button:
			text = b.Text
		case *widget.Label:
			text = b.Text
		}
		if strings.HasPrefix(text, "Undo ") {
			text = "Undo"
		}
		if slices.Contains(reviewEditLabels, text) {
			t.Errorf("%s shows %q", screen, text)
		}
	}
}

// reviewTexts lists the texts of the window's dialogs.
func reviewTexts(w fyne.Window) []string {
	var out []string
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			switch v := o.(type) {
			case *widget.Label:
				out = append(out, v.Text)
			case *widget.Button:
				out = append(out, v.Text)
			}
		}
	}
	return out
}

// reviewShows reports whether a dialog shows part (a dialog may capitalise it).
func reviewShows(w fyne.Window, part string) bool {
	return slices.ContainsFunc(reviewTexts(w), func(s string) bool { return strings.Contains(strings.ToLower(s), strings.ToLower(part)) })
}

// reviewCloseDialogs closes the window's dialogs.
func reviewCloseDialogs(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}
