package widgets

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// TestFormDialogReportsChangedFields: an open dialog counts as unsaved work
// once a field differs from what it was shown with, and no longer once
// it is closed.
func TestFormDialogReportsChangedFields(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("behind"))
	w.Resize(fyne.NewSize(700, 500))
	code, statement, level, milestone, _, body := keyForm()
	prereqs := NewChoiceList([]Choice{{Key: "A", Label: "A"}, {Key: "B", Label: "B"}}, nil, 3)
	d := NewFormDialog(w, "New target", container.NewVBox(body, prereqs), "Add target", func() {})
	if got := UnsavedForms(w); len(got) != 0 {
		t.Fatalf("before it is shown: %v", got)
	}
	d.Show(fyne.Size{})
	if got := UnsavedForms(w); len(got) != 0 {
		t.Fatalf("shown untouched: %v", got)
	}
	for _, change := range []struct {
		what       string
		do, revert func()
	}{
		{"code", func() { code.SetText("FL.2") }, func() { code.SetText("FL.1") }},
		{"statement", func() { statement.SetText("") }, func() { statement.SetText("I can read a passage aloud.") }},
		{"level", func() { level.SetSelected("Middle") }, func() { level.SetSelected("Early") }},
		{"milestone", func() { milestone.SetChecked(true) }, func() { milestone.SetChecked(false) }},
		{"prerequisites", func() { prereqs.SetChosen([]string{"B"}) }, func() { prereqs.SetChosen(nil) }},
	} {
		change.do()
		if got := UnsavedForms(w); fmt.Sprint(got) != "[New target]" {
			t.Errorf("%s changed: unsaved %v, want [New target]", change.what, got)
		}
		change.revert()
		if got := UnsavedForms(w); len(got) != 0 {
			t.Errorf("%s put back: unsaved %v", change.what, got)
		}
	}
	code.SetText("FL.9")
	d.Hide()
	if got := UnsavedForms(w); len(got) != 0 {
		t.Errorf("after the dialog closed: %v", got)
	}
}

// TestShowMessageClosesFromTheKeyboard: a message dialog closes on Enter
// and on Escape, with the focus where it starts.
func TestShowMessageClosesFromTheKeyboard(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape} {
		t.Run(string(key), func(t *testing.T) {
			test.NewTempApp(t)
			w := test.NewTempWindow(t, widget.NewLabel("behind"))
			w.Resize(fyne.NewSize(600, 400))
			ShowMessage(w, "Error", "The date is not a date.", theme.ErrorIcon())
			if w.Canvas().Overlays().Top() == nil {
				t.Fatal("no dialog shown")
			}
			f := w.Canvas().Focused()
			if f == nil {
				t.Fatal("nothing has the focus in the dialog")
			}
			f.TypedKey(&fyne.KeyEvent{Name: key})
			if w.Canvas().Overlays().Top() != nil {
				t.Errorf("%s left the dialog open", key)
			}
		})
	}
}
