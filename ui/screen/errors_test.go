package screen

import (
	"fmt"
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
