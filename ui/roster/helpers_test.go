package roster

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/ui/widgets"
)

const demoID = "demo-math-foundations"

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
