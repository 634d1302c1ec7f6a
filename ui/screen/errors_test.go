package screen

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// TestShowErrorClosesOnEnterAndEscape: an error dialog takes the focus,
// says the friendly message, and closes on Enter or Escape.
func TestShowErrorClosesOnEnterAndEscape(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEscape} {
		t.Run(string(key), func(t *testing.T) {
			test.NewTempApp(t)
			w := test.NewTempWindow(t, widget.NewLabel("behind"))
			w.Resize(fyne.NewSize(700, 500))
			err := fmt.Errorf("save student: %w", &continuum.Error{Kind: continuum.ErrInvalid, Message: "the name is empty"})
			ShowError(w, err)
			top := w.Canvas().Overlays().Top()
			if top == nil {
				t.Fatal("no dialog shown")
			}
			said := false
			for _, o := range test.LaidOutObjects(top) {
				if l, ok := o.(*widget.Label); ok && l.Text == "The name is empty\n\nCorrect it and try again; nothing was changed" {
					said = true
				}
			}
			if !said {
				t.Error("the dialog does not say the friendly message")
			}
			f := w.Canvas().Focused()
			if f == nil {
				t.Fatal("nothing in the error dialog has the focus")
			}
			f.TypedKey(&fyne.KeyEvent{Name: key})
			if w.Canvas().Overlays().Top() != nil {
				t.Errorf("%s left the error dialog open", key)
			}
		})
	}
}

// Given a refused student whose ID is empty, when the error is shown, then
// the dialog names the field "Student ID" as a teacher would, never the
// code "Student.id" nor the chain of operations.
func TestShowErrorNamesTheFieldAsATeacherWould(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("behind"))
	w.Resize(fyne.NewSize(700, 500))
	ShowError(w, fmt.Errorf("save student 3 of 20: %w", continuum.Invalidf("student.id", "is empty; every student needs an ID")))
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no dialog shown")
	}
	var texts []string
	for _, o := range test.LaidOutObjects(top) {
		if l, ok := o.(*widget.Label); ok {
			texts = append(texts, l.Text)
		}
	}
	want := "Student ID: is empty; every student needs an ID\n\nCorrect it and try again; nothing was changed"
	if !slices.Contains(texts, want) {
		t.Errorf("the dialog says %q, want %q", texts, want)
	}
	for _, s := range texts {
		if strings.Contains(strings.ToLower(s), "student.id") || strings.Contains(s, "save student") {
			t.Errorf("the dialog shows a code or an operation: %q", s)
		}
	}
}
