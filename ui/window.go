package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
)

// Preference keys for the remembered window size.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// NewMainWindow returns the main window sized as it was last closed.
func NewMainWindow(a fyne.App, subtitle string) fyne.Window {
	title := screen.Title
	if subtitle != "" {
		title += " — " + subtitle
	}
	w := a.NewWindow(title)
	p := a.Preferences()
	w.Resize(fyne.NewSize(
		float32(p.FloatWithFallback(prefWidth, 1100)),
		float32(p.FloatWithFallback(prefHeight, 720)),
	))
	w.SetCloseIntercept(func() {
		size := w.Canvas().Size()
		p.SetFloat(prefWidth, float64(size.Width))
		p.SetFloat(prefHeight, float64(size.Height))
		w.Close()
	})
	return w
}

// StartupError is the screen shown when the store cannot be opened, for
// example because another window already has it open.
type StartupError struct {
	content fyne.CanvasObject
}

// NewStartupError builds the screen for err; onQuit closes the app.
func NewStartupError(err error, onQuit func()) *StartupError {
	msg := widget.NewLabel(continuum.ErrorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabelWithStyle("Continuum Planner cannot open its data", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	hint := widget.NewLabel("Close the other window, or start with --db to open another data folder, then try again.")
	hint.Wrapping = fyne.TextWrapWord
	quit := widget.NewButton("Quit", onQuit)
	return &StartupError{content: container.NewPadded(container.NewVBox(heading, msg, hint, container.NewHBox(quit)))}
}

// Content returns the screen's root object.
func (s *StartupError) Content() fyne.CanvasObject { return s.content }
