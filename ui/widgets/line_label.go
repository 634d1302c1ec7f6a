package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// LineLabel is one line of text that ends in "…" when it is wider than
// the room it is given, drawn as a widget.Label with TextTruncateEllipsis
// is. It is for lines said again at every key, as a status line: the text
// is fitted with measures that are remembered per string, where a
// truncating Label shapes the whole text afresh at every refresh.
type LineLabel struct {
	widget.BaseWidget

	// Text is the whole line; what is shown may be cut to the room.
	Text string
	// Importance colours the text as it colours a Label's.
	Importance widget.Importance
	// TextStyle is the text's style (bold, italic...).
	TextStyle fyne.TextStyle
}

// NewLineLabel returns a line label showing text.
func NewLineLabel(text string) *LineLabel {
	l := &LineLabel{Text: text}
	l.ExtendBaseWidget(l)
	return l
}

// SetText shows text.
func (l *LineLabel) SetText(text string) {
	if text == l.Text {
		return
	}
	l.Text = text
	l.Refresh()
}

// CreateRenderer draws the text inset as a Label's.
func (l *LineLabel) CreateRenderer() fyne.WidgetRenderer {
	r := &lineLabelRenderer{label: l, text: canvas.NewText("", nil)}
	r.Refresh()
	return r
}

type lineLabelRenderer struct {
	label *LineLabel
	text  *canvas.Text
}

func (r *lineLabelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.text} }

func (r *lineLabelRenderer) Destroy() {}

// MinSize is a line's height, and the width of "…", with a Label's padding.
func (r *lineLabelRenderer) MinSize() fyne.Size {
	pad := 2 * theme.InnerPadding()
	return fyne.MeasureText("…", r.text.TextSize, r.text.TextStyle).AddWidthHeight(pad, pad)
}

// Layout fits the text to the width given.
func (r *lineLabelRenderer) Layout(size fyne.Size) { placeLine(r.text, r.label.Text, size) }

// placeLine shows in text as much of full as fits a box of size, inset
// by the inner padding as a Label's text is. The text's box is as wide as
// the room and a line high, whatever the text: so a new text does not
// resize it (a resize while the window is laid out would draw the window
// twice).
func placeLine(text *canvas.Text, full string, size fyne.Size) {
	pad := theme.InnerPadding()
	shown := FitText(full, text.TextSize, text.TextStyle, size.Width-2*pad)
	if shown != text.Text {
		text.Text = shown
		text.Refresh()
	}
	text.Move(fyne.NewPos(pad, pad))
	text.Resize(fyne.NewSize(size.Width-2*pad, fyne.MeasureText("…", text.TextSize, text.TextStyle).Height))
}

// Refresh takes the label's text, colour and style, and fits the text again.
func (r *lineLabelRenderer) Refresh() {
	r.text.TextSize = theme.TextSize()
	r.text.TextStyle = r.label.TextStyle
	r.text.Color = theme.Color(importanceColor(r.label.Importance))
	r.Layout(r.label.Size())
	r.text.Refresh()
}

// importanceColor is the colour a Label gives importance.
func importanceColor(imp widget.Importance) fyne.ThemeColorName {
	switch imp {
	case widget.LowImportance:
		return theme.ColorNameDisabled
	case widget.HighImportance:
		return theme.ColorNamePrimary
	case widget.DangerImportance:
		return theme.ColorNameError
	case widget.WarningImportance:
		return theme.ColorNameWarning
	case widget.SuccessImportance:
		return theme.ColorNameSuccess
	}
	return theme.ColorNameForeground
}
