package roster

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

const demoID = "demo-math-foundations"

// shellStore opens a real store in a temporary folder.
func shellStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(t.TempDir(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// eventually waits up to five seconds for cond. Loads run inline in tests
// (see TestMain), so most conditions hold at once; the wait covers work a
// screen starts on purpose in the background.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		ok := cond()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// pressKey sends a key to the focused widget, as the window does (Tab
// included, for a widget that takes it).
func pressKey(w fyne.Window, key fyne.KeyName) {
	focused := w.Canvas().Focused()
	if focused == nil {
		panic("no focus for " + string(key))
	}
	if key == fyne.KeyTab {
		if tb, ok := focused.(fyne.Tabbable); !ok || !tb.AcceptsTab() {
			w.Canvas().FocusNext()
			return
		}
	}
	focused.TypedKey(&fyne.KeyEvent{Name: key})
}

// typeText types into the focused widget.
func typeText(w fyne.Window, text string) {
	focused := w.Canvas().Focused()
	for _, r := range text {
		focused.TypedRune(r)
	}
}

// overlayButton finds a button by its text in the top dialog.
func overlayButton(t *testing.T, w fyne.Window, text string) fyne.CanvasObject {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to find %q in", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		switch b := o.(type) {
		case *widget.Button:
			if b.Text == text {
				return b
			}
		case *widgets.Button:
			if b.Text == text {
				return b
			}
		}
	}
	t.Fatalf("no button %q in the dialog", text)
	return nil
}

func tapOverlayButton(t *testing.T, w fyne.Window, text string) {
	t.Helper()
	test.Tap(overlayButton(t, w, text).(fyne.Tappable))
}

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
