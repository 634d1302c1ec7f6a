package transfer

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Store is what export and import need of the store: the continuum with
// everything recorded in it and the roster, read through exchange, and
// the merge an import applies.
type Store interface {
	exchange.Source
	continuum.MergeStore
	// Continua lists the stored continua, for the scores' continuum.
	Continua(ctx context.Context) ([]continuum.Continuum, error)
}

// Screen exports the continuum being worked on (as a workbook, or its
// standards in another system's format) and imports workbooks, lists and
// frameworks (a colleague's export, a teacher's standards list, an
// OpenSALT CASE spreadsheet, a CASE package, a Moodle framework, Canvas
// outcomes) through a preview, by way of package
// exchange, as the command line does. Long work runs off the UI goroutine
// with a progress bar and Cancel; nothing is written to the store before
// the teacher presses Apply in the preview.
type Screen struct {
	store Store
	// rosters writes class lists: the store, when it can save a backup of
	// itself first (exchange.RosterStore); nil when it cannot.
	rosters exchange.RosterStore
	ws      *screen.Workspace
	win     fyne.Window

	// The dialogs last opened, for the tests to drive.
	saveDialog *dialog.FileDialog
	saveChoice screen.FileChoice
	openDialog *dialog.FileDialog
	exportPick *widgets.FormDialog
	formats    *widget.RadioGroup
	groups     *widgets.Select
	password   *widgets.FormDialog
	passEntry  *widget.Entry
	progress   *workbookProgress
	mapping    *columnMapping
	preview    *importPreview

	rosterSource  *widgets.FormDialog
	folderDialog  *dialog.FileDialog
	classes       *rosterClasses
	rosterPreview *rosterPreview
	scoresPreview *scoresPreview

	// afterProgress, when set, is called on the UI goroutine after each
	// progress update (the tests press Cancel from it).
	afterProgress func()
}

// New returns the workbook export and import of the app. store is read
// for export and for the preview, and takes in what is imported; ws says
// which continuum to export and hears of what an import changed.
// Class lists are taken in only by a store that can save a backup of
// itself first (exchange.RosterStore), as the app's store can.
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	s := &Screen{store: store, ws: ws, win: win}
	s.rosters, _ = store.(exchange.RosterStore)
	return s
}

// couldNot says what failed in words a teacher reads. Errors of package
// exchange name their operation ("export Math to /x.xlsx: …"); others get
// op and what in front.
func couldNot(op, what string, err error) string {
	msg := continuum.ErrorMessage(err)
	if strings.HasPrefix(msg, op+" ") || strings.HasPrefix(msg, op+":") {
		return "could not " + msg
	}
	return "could not " + op + " " + what + ": " + msg
}

// workbookProgress is a modal progress dialog with Cancel. Set and SetText
// may be called from any goroutine.
type workbookProgress struct {
	dlg      *dialog.CustomDialog
	label    *widget.Label
	bar      *widget.ProgressBar
	infinite *widget.ProgressBarInfinite
	cancel   *widgets.Button
	after    func()
	open     bool
}

// showProgress opens a progress dialog; Cancel calls stop. An infinite
// bar is for work whose length is not known.
func (s *Screen) showProgress(title, text string, infinite bool, stop func()) *workbookProgress {
	p := &workbookProgress{after: s.afterProgress}
	p.label = widget.NewLabel(text)
	p.label.Wrapping = fyne.TextWrapWord
	var bar fyne.CanvasObject
	if infinite {
		p.infinite = widget.NewProgressBarInfinite()
		bar = p.infinite
	} else {
		p.bar = widget.NewProgressBar()
		bar = p.bar
	}
	p.cancel = widgets.NewButton("Cancel", theme.CancelIcon(), func() {
		p.cancel.Disable()
		p.label.SetText("Stopping…")
		stop()
	})
	content := container.NewVBox(p.label, bar, container.NewHBox(layout.NewSpacer(), p.cancel))
	widgets.SetOnEscape(content, p.cancel.OnTapped)
	p.dlg = dialog.NewCustomWithoutButtons(title, content, s.win)
	p.dlg.Resize(fyne.NewSize(440, p.dlg.MinSize().Height))
	p.open = true
	p.dlg.Show()
	s.win.Canvas().Focus(p.cancel)
	s.progress = p
	return p
}

// onUI runs f on the UI goroutine (at once in the tests).
func onUI(f func()) {
	if screen.Inline() {
		f()
		return
	}
	fyne.Do(f)
}

// Set shows how far the work has got, from 0 to 1.
func (p *workbookProgress) Set(v float64) {
	onUI(func() {
		if p.bar != nil && p.open {
			p.bar.SetValue(v)
		}
		if p.after != nil {
			p.after()
		}
	})
}

// SetText says what the work is doing.
func (p *workbookProgress) SetText(s string) {
	onUI(func() {
		if p.open && !p.cancel.Disabled() {
			p.label.SetText(s)
		}
	})
}

// Hide closes the dialog.
func (p *workbookProgress) Hide() {
	if !p.open {
		return
	}
	p.open = false
	if p.infinite != nil {
		p.infinite.Stop()
	}
	p.dlg.Hide()
}
