package roster

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/storage"
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
