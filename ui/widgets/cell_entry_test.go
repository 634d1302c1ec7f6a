package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
)

func TestCellEntryHandsNavigationKeysToItsOwner(t *testing.T) {
	test.NewTempApp(t)
	e := NewCellEntry()
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	var got []NavKey
	e.OnNav = func(k NavKey) bool { got = append(got, k); return k != NavEscape }
	for _, k := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeyDown, fyne.KeyUp, fyne.KeyTab, fyne.KeyEscape} {
		e.TypedKey(&fyne.KeyEvent{Name: k})
	}
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftRight})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftRight})
	want := []NavKey{NavEnter, NavEnter, NavDown, NavUp, NavTab, NavEscape, NavBackTab}
	if len(got) != len(want) {
		t.Fatalf("keys %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("key %d: %v, want %v", i, got[i], want[i])
		}
	}
	if !e.AcceptsTab() {
		t.Error("a cell with a handler must take Tab")
	}
	// Other keys still edit.
	test.Type(e, "ab")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	if e.Text != "a" {
		t.Errorf("text %q", e.Text)
	}
}

func TestCellEntrySelectsItsTextOnFocus(t *testing.T) {
	test.NewTempApp(t)
	e, other := NewCellEntry(), NewCellEntry()
	w := test.NewTempWindow(t, containerOf(e, other))
	e.SetText("3")
	w.Canvas().Focus(other)
	w.Canvas().Focus(e)
	if e.SelectedText() != "3" {
		t.Errorf("selected %q on focus, want the whole text", e.SelectedText())
	}
	e.TypedRune('4')
	if e.Text != "4" {
		t.Errorf("typing over the selection gave %q", e.Text)
	}
}

func TestCellEntryTabWithoutAHandlerMovesOn(t *testing.T) {
	test.NewTempApp(t)
	e, other := NewCellEntry(), NewCellEntry()
	w := test.NewTempWindow(t, containerOf(e, other))
	w.Canvas().Focus(e)
	e.OnNav = func(k NavKey) bool { return false }
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if w.Canvas().Focused() != other || e.Text != "" {
		t.Errorf("Tab: focus %v, text %q", w.Canvas().Focused(), e.Text)
	}
}

func TestCellEntryKeepsEditingShortcuts(t *testing.T) {
	test.NewTempApp(t)
	e := NewCellEntry()
	w := test.NewTempWindow(t, e)
	w.Canvas().Focus(e)
	var seen []string
	e.OnShortcut = func(s fyne.Shortcut) bool { seen = append(seen, s.ShortcutName()); return false }
	test.Type(e, "12")
	e.TypedShortcut(&fyne.ShortcutUndo{}) // text to undo: the entry undoes it
	if e.Text == "12" {
		t.Error("undo with text in the cell did not undo the typing")
	}
	if len(seen) != 1 {
		t.Errorf("OnShortcut saw %v", seen)
	}
}

func containerOf(objs ...fyne.CanvasObject) fyne.CanvasObject {
	return &fyne.Container{Layout: NewColumnsLayout(), Objects: objs}
}
