package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Preference keys for the remembered window size.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
)

// The main window's size at first start. Every screen fits in it: its
// minimum width is no more (TestEveryScreenFitsTheFirstWindow), so that
// Fyne never widens the window when a screen is shown.
const (
	firstWidth  = 1100
	firstHeight = 720
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
		float32(p.FloatWithFallback(prefWidth, firstWidth)),
		float32(p.FloatWithFallback(prefHeight, firstHeight)),
	))
	w.SetCloseIntercept(func() { closeMainWindow(w) })
	return w
}

// closeMainWindow remembers w's size for the next start and closes it.
func closeMainWindow(w fyne.Window) {
	if a := fyne.CurrentApp(); a != nil {
		size := w.Canvas().Size()
		a.Preferences().SetFloat(prefWidth, float64(size.Width))
		a.Preferences().SetFloat(prefHeight, float64(size.Height))
	}
	w.Close()
}

// closeGuard asks before a window closes over work typed and not stored:
// a score still in its cell, a visit note not added, a form dialog with
// changed fields.
type closeGuard struct {
	win    fyne.Window
	ws     *screen.Workspace
	close  func() // closes the window for good
	asking bool   // the question is on screen
}

// guardClose makes closing win ask first when ws or an open form dialog
// holds unsaved work; close closes it for good (the main window remembers
// its size, a review removes its temporary store).
func guardClose(win fyne.Window, ws *screen.Workspace, close func()) {
	g := &closeGuard{win: win, ws: ws, close: close}
	win.SetCloseIntercept(g.onCloseRequested)
}

// unsaved lists the work a close would lose, in the teacher's words.
func (g *closeGuard) unsaved() []string {
	var out []string
	for _, u := range g.ws.Unsaved() {
		out = append(out, u.What)
	}
	for _, title := range widgets.UnsavedForms(g.win) {
		out = append(out, "the “"+title+"” form, still open")
	}
	return out
}

// onCloseRequested closes the window, or asks first when work would be lost.
func (g *closeGuard) onCloseRequested() {
	if g.asking {
		return
	}
	work := g.unsaved()
	if len(work) == 0 {
		g.close()
		return
	}
	g.asking = true
	msg := "This work is not saved yet:\n\n• " + strings.Join(work, "\n• ") +
		"\n\nKeep editing to finish and save it, or close and lose it."
	text := widget.NewLabel(msg)
	text.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	keep := widgets.NewButton("Keep editing", theme.NavigateBackIcon(), func() { d.Hide() })
	keep.Importance = widget.HighImportance
	discard := widgets.NewButton("Close without saving", theme.CancelIcon(), func() {
		d.Hide()
		g.close()
	})
	discard.Importance = widget.DangerImportance
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), discard, keep), nil, nil, text)
	d = dialog.NewCustomWithoutButtons("Close with unsaved work?", content, g.win)
	d.SetOnClosed(func() { g.asking = false })
	widgets.SetOnEscape(content, d.Hide)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
	g.win.Canvas().Focus(keep) // Enter or Escape keeps the work
}

// StartupError is the screen shown when the store cannot be opened, for
// example because another window already has it open.
type StartupError struct {
	content fyne.CanvasObject
}

// NewStartupError builds the screen for err, said once and in a
// teacher's words: what happened, then hint, what to do about it (the
// caller knows which: another window has the data open, say). onQuit
// closes the app.
func NewStartupError(err error, hint string, onQuit func()) *StartupError {
	msg := widget.NewLabel(continuum.ErrorMessage(err))
	msg.Wrapping = fyne.TextWrapWord
	heading := widget.NewLabelWithStyle("Continuum Planner cannot open your data", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	quit := widget.NewButton("Quit", onQuit)
	return &StartupError{content: container.NewPadded(container.NewVBox(heading, msg, widgets.Wrapped(hint), container.NewHBox(quit)))}
}

// Content returns the screen's root object.
func (s *StartupError) Content() fyne.CanvasObject { return s.content }
