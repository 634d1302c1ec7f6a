package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Hint is a quiet sentence that wraps to the width it is given.
func Hint(text string) *widget.Label {
	l := Quiet(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Quiet is a label on one line, set in italics to read as a hint. (Fyne's
// low importance draws text in the disabled colour, too faint to read
// comfortably in the dark theme.)
func Quiet(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.TextStyle.Italic = true
	return l
}

// Heading is the bold title of a part of a dialog or a panel.
func Heading(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// Section is a bold heading, a size up, over a part of a tab.
func Section(text string) *widget.Label {
	l := Heading(text)
	l.SizeName = theme.SizeNameSubHeadingText
	return l
}

// Wrapped is a label that wraps to the width it is given.
func Wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// Truncated makes a label give up its end rather than widen a dialog.
func Truncated(l *widget.Label) *widget.Label {
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// SetEnabled enables or disables w.
func SetEnabled(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}
