package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// shownText is what a line label draws.
func shownText(t *testing.T, l *LineLabel) *canvas.Text {
	t.Helper()
	return test.WidgetRenderer(l).Objects()[0].(*canvas.Text)
}

// Given a line label, when its text fits, then the whole text is shown;
// when it does not, then it is cut at the room and ends in "…"; when the
// room grows again, then the whole text comes back.
func TestLineLabelFitsItsTextToTheRoom(t *testing.T) {
	test.NewTempApp(t)
	text := "Saved 3 for Student 00001 on A.1.10"
	l := NewLineLabel(text)
	l.Resize(fyne.NewSize(600, l.MinSize().Height))
	if got := shownText(t, l).Text; got != text {
		t.Fatalf("wide: shows %q, want the whole text", got)
	}
	l.Resize(fyne.NewSize(120, l.MinSize().Height))
	got := shownText(t, l).Text
	if !strings.HasSuffix(got, "…") || !strings.HasPrefix(text, strings.TrimSuffix(got, "…")) {
		t.Fatalf("narrow: shows %q, want the start of the text and …", got)
	}
	room := 120 - 2*theme.InnerPadding()
	if w := fyne.MeasureText(got, theme.TextSize(), fyne.TextStyle{}).Width; w > room {
		t.Fatalf("narrow: %q is %.0f wide, the room %.0f", got, w, room)
	}
	if l.Text != text {
		t.Fatalf("the label's text became %q", l.Text)
	}
	l.Resize(fyne.NewSize(600, l.MinSize().Height))
	if got := shownText(t, l).Text; got != text {
		t.Fatalf("wide again: shows %q", got)
	}
}

// Given a line label, when its text or importance changes, then it shows
// the new text in the colour a Label gives that importance, with a Label's
// height and inset.
func TestLineLabelShowsTextAndImportanceAsALabel(t *testing.T) {
	test.NewTempApp(t)
	l := NewLineLabel("")
	l.Resize(fyne.NewSize(400, l.MinSize().Height))
	l.SetText("mastered · 3")
	l.Importance = widget.SuccessImportance
	l.Refresh()
	shown := shownText(t, l)
	if shown.Text != "mastered · 3" || shown.Color != theme.Color(theme.ColorNameSuccess) {
		t.Fatalf("shows %q in %v, want the text in the success colour", shown.Text, shown.Color)
	}
	label := widget.NewLabel("mastered · 3")
	label.Truncation = fyne.TextTruncateEllipsis
	if got, want := l.MinSize().Height, label.MinSize().Height; got != want {
		t.Fatalf("height %v, a Label's is %v", got, want)
	}
	if p := shown.Position(); p.X != theme.InnerPadding() || p.Y != theme.InnerPadding() {
		t.Fatalf("text at %v, want a Label's inset", p)
	}
	l.Importance = widget.LowImportance
	l.Refresh()
	if shownText(t, l).Color != theme.Color(theme.ColorNameDisabled) {
		t.Fatal("low importance is not drawn in the disabled colour, as a Label draws it")
	}
}
