package classmap

import (
	"testing"

	"fyne.io/fyne/v2"

	"github.com/continuum-planner/planner/storage"
)

// demoID is the ID of the demo classroom's continuum.
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
