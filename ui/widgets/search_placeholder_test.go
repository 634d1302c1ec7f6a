package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Given a search list squeezed to its minimum width, its placeholder is
// shown whole, left of the search icon: a field cuts a placeholder short
// with no ellipsis, so the hint must fit.
func TestSearchListShowsItsPlaceholderWhole(t *testing.T) {
	test.NewTempApp(t)
	for _, hint := range []string{
		"Find by name, ID or group",
		"Find a student (name, ID or group)",
		"Find a target by code or words",
		"Find a target (code or words)",
		"Find a target: code or words", // set later, as Scoring does
	} {
		s := NewSearchList(hint)
		if strings.Contains(hint, ":") {
			s = NewSearchList("")
			s.SearchField().SetPlaceHolder(hint)
		}
		// A split gives its side no less than its minimum, and no more.
		narrow := container.NewHBox(s)
		w := test.NewTempWindow(t, narrow)
		w.Resize(fyne.NewSize(s.MinSize().Width+20, 400))
		d := fyne.CurrentApp().Driver()
		var text *canvas.Text
		var icon *widget.Icon
		for _, o := range test.LaidOutObjects(w.Content()) {
			switch o := o.(type) {
			case *canvas.Text:
				if o.Text == hint {
					text = o
				}
			case *widget.Icon:
				icon = o
			}
		}
		if text == nil || icon == nil {
			t.Fatalf("%q: placeholder %v, icon %v", hint, text, icon)
		}
		right := d.AbsolutePositionForObject(text).X + text.MinSize().Width
		if limit := d.AbsolutePositionForObject(icon).X; right > limit {
			t.Errorf("%q ends at x=%.1f, under the search icon at x=%.1f (list %.0f wide)", hint, right, limit, s.Size().Width)
		}
	}
}
