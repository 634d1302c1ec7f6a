package ui

import (
	"context"
	"errors"
	"image/color"
	"path/filepath"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/notes"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// ReviewWindow is a window showing a workbook for review: a banner naming
// the file and the day it is a snapshot of, over the app's screens on the
// review's read-only store, with nothing that edits.
type ReviewWindow struct {
	win    fyne.Window
	path   string
	svc    Services
	own    notes.NotesStore  // the coach's own store for visit notes; nil when launched on its own
	review *exchange.Review  // nil until the workbook is read
	ws     *screen.Workspace // nil until the workbook is read
	app    *App              // nil until the workbook is read
	banner *reviewBanner
	load   *reviewLoad
	status *widget.Label
	retry  *widget.Button
}

// LaunchReview fills win with the review of the workbook at path: it
// reads it into a temporary store (asking for its password in a dialog
// when it is protected and password is empty or wrong), then shows the
// screens on it, opening view as App.Show does ("" for the continuum).
// Closing win removes the temporary store. onReady, when not nil, is
// called once the first screen has shown its data (or the workbook could
// not be read).
func LaunchReview(win fyne.Window, svc Services, path, password, view string, onReady func()) *ReviewWindow {
	rw := &ReviewWindow{win: win, path: path, svc: svc}
	name := filepath.Base(path)
	rw.status = widget.NewLabel("Opening " + name + " for review…")
	rw.status.Wrapping = fyne.TextWrapWord
	rw.status.Alignment = fyne.TextAlignCenter
	rw.retry = widget.NewButtonWithIcon("Type the password…", theme.LoginIcon(), func() { rw.load.askPassword(false) })
	rw.retry.Hide()
	quit := widget.NewButtonWithIcon("Close", theme.CancelIcon(), win.Close)
	win.SetContent(container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 560},
		container.NewVBox(rw.status, container.NewCenter(container.NewHBox(rw.retry, quit))))))
	win.SetOnClosed(rw.onClosed)
	rw.load = &reviewLoad{win: win, path: path, open: svc.OpenReview,
		loaded: func(r *exchange.Review) { rw.show(r, view, onReady) },
		failed: func(err error) {
			rw.status.SetText(reviewSentence(err))
			screen.ShowError(win, err)
			if onReady != nil {
				onReady()
			}
		},
		cancelled: func() {
			rw.status.SetText(name + " is protected with a password: it cannot be reviewed without it.")
			rw.retry.Show()
		},
	}
	rw.load.start(password)
	return rw
}

// reviewSentence writes an error as a sentence for the window: capital
// first, full stop last.
func reviewSentence(err error) string {
	msg := []rune(screen.Friendly(err).Error())
	if len(msg) == 0 {
		return ""
	}
	msg[0] = unicode.ToUpper(msg[0])
	if !strings.HasSuffix(string(msg), ".") {
		msg = append(msg, '.')
	}
	return string(msg)
}

// Review returns the review shown, or nil before the workbook is read.
func (rw *ReviewWindow) Review() *exchange.Review { return rw.review }

// openReviewWindow shows the review r, read from the workbook at path, in
// w, a window of its own, with visit notes kept in own (nil for none).
func openReviewWindow(w fyne.Window, path string, svc Services, own notes.NotesStore, r *exchange.Review, view string, onReady func()) *ReviewWindow {
	rw := &ReviewWindow{win: w, path: path, svc: svc, own: own}
	w.SetOnClosed(rw.onClosed)
	rw.show(r, view, onReady)
	return rw
}

// show puts the review's screens in the window, on view. Closing the
// window asks first over a visit note not yet added or a changed form.
func (rw *ReviewWindow) show(r *exchange.Review, view string, onReady func()) {
	rw.review = r
	rw.ws = screen.NewWorkspace()
	rw.ws.SetReadOnly(true)
	rw.ws.SetToday(r.AsOf)
	rw.ws.SelectContinuum(r.Continuum)
	svc := rw.svc
	svc.Store = r.Store
	rw.app = newApp(rw.win, svc, rw.ws, rw.own)
	rw.app.OnReady = onReady
	rw.banner = newReviewBanner(r, rw.win)
	rw.win.SetTitle(reviewTitle(r.File, r))
	rw.win.SetContent(container.NewBorder(rw.banner, nil, nil, nil, rw.app.Content()))
	guardClose(rw.win, rw.ws, rw.win.Close)
	rw.app.Start(view)
}

// onClosed removes the review's temporary store with the window.
func (rw *ReviewWindow) onClosed() {
	if rw.review != nil {
		rw.review.Close()
	}
}

// reviewBanner is the band across the top of a review: the file, the day
// it is a snapshot of and where that day comes from, that nothing can be
// changed, and what could not be read.
type reviewBanner struct {
	widget.BaseWidget
	title    *widget.Label
	note     *widget.Label
	problems *widget.Button // nil when everything was read
	content  fyne.CanvasObject
}

func newReviewBanner(r *exchange.Review, win fyne.Window) *reviewBanner {
	b := &reviewBanner{}
	b.title = widget.NewLabelWithStyle("Review of "+r.File+" — as of "+r.AsOf.Long()+" (read-only)",
		fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.title.Truncation = fyne.TextTruncateEllipsis
	b.note = widget.NewLabel(r.AsOfSource.Explain(r.AsOf) + " Nothing can be changed here, and your own data is not opened.")
	b.note.Wrapping = fyne.TextWrapWord
	text := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), b.title, b.note)
	var right fyne.CanvasObject
	if len(r.Problems) > 0 {
		problems := r.Problems
		b.problems = widget.NewButtonWithIcon(reviewPlural(problems)+"…", theme.WarningIcon(), func() {
			msg := widget.NewLabel(r.File + " has rows that could not be read; the review leaves them out.\n\n" + reviewJoin(problems, 20))
			msg.Wrapping = fyne.TextWrapWord
			d := dialog.NewCustom("What could not be read", "Close", container.NewVScroll(msg), win)
			d.Resize(fyne.NewSize(640, 420))
			d.Show()
		})
		right = container.NewCenter(b.problems)
	}
	icon := container.NewCenter(widget.NewIcon(theme.VisibilityIcon()))
	b.content = container.NewBorder(nil, nil, icon, right, text)
	b.ExtendBaseWidget(b)
	return b
}

// Text returns the banner's two lines.
func (b *reviewBanner) Text() string { return b.title.Text + "\n" + b.note.Text }

// CreateRenderer draws the banner on a band of the theme's primary colour.
func (b *reviewBanner) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Transparent)
	line := canvas.NewRectangle(color.Transparent)
	r := &reviewBannerRenderer{b: b, bg: bg, line: line, padded: container.NewPadded(b.content)}
	r.Refresh()
	return r
}

type reviewBannerRenderer struct {
	b        *reviewBanner
	bg, line *canvas.Rectangle
	padded   *fyne.Container
}

func (r *reviewBannerRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.line.Move(fyne.NewPos(0, size.Height-2))
	r.line.Resize(fyne.NewSize(size.Width, 2))
	r.padded.Resize(size)
}

func (r *reviewBannerRenderer) MinSize() fyne.Size { return r.padded.MinSize() }

func (r *reviewBannerRenderer) Refresh() {
	th := r.b.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	primary := th.Color(theme.ColorNamePrimary, v)
	red, green, blue, _ := primary.RGBA()
	r.bg.FillColor = color.NRGBA{R: uint8(red >> 8), G: uint8(green >> 8), B: uint8(blue >> 8), A: 0x30}
	r.line.FillColor = primary
	r.bg.Refresh()
	r.line.Refresh()
	r.padded.Refresh()
}

func (r *reviewBannerRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.line, r.padded}
}

func (r *reviewBannerRenderer) Destroy() {}

// reviewLoad reads a workbook for review off the UI goroutine, asking in
// win for its password when it is protected.
type reviewLoad struct {
	win  fyne.Window
	path string
	// open reads the workbook into a temporary store (Services.OpenReview).
	open func(ctx context.Context, path, password string) (*exchange.Review, error)
	// busy, when set, is told when reading starts and ends.
	busy func(on bool)
	// loaded receives the review read.
	loaded func(*exchange.Review)
	// failed receives why the workbook could not be read, in plain words.
	failed func(error)
	// cancelled is called when the password dialog is closed without one.
	cancelled func()

	password  *widgets.FormDialog // the password dialog last opened, for the tests
	passEntry *widget.Entry
}

// start reads the workbook with password ("" for none).
func (l *reviewLoad) start(password string) {
	name := filepath.Base(l.path)
	if l.busy != nil {
		l.busy(true)
	}
	screen.Run(func(ctx context.Context) (*exchange.Review, error) {
		return l.open(ctx, l.path, password)
	}, func(r *exchange.Review) {
		if l.busy != nil {
			l.busy(false)
		}
		l.loaded(r)
	}, func(err error) {
		if l.busy != nil {
			l.busy(false)
		}
		if errors.Is(err, workbook.ErrPasswordProtected) {
			l.askPassword(password != "")
			return
		}
		l.failed(reviewError(name, err))
	})
}

// askPassword asks for the workbook's password and reads it again; after
// a wrong one it says so.
func (l *reviewLoad) askPassword(wrong bool) {
	name := filepath.Base(l.path)
	l.passEntry = widget.NewPasswordEntry()
	l.passEntry.SetPlaceHolder("Password")
	intro := widget.NewLabel(name + " is protected with a password. Type it to open the workbook for review.")
	intro.Wrapping = fyne.TextWrapWord
	var d *widgets.FormDialog
	given := false
	open := func() {
		if l.passEntry.Text == "" {
			d.SetFieldError(l.passEntry, "Type the workbook's password.")
			return
		}
		given = true
		d.Hide()
		l.start(l.passEntry.Text)
	}
	l.passEntry.OnSubmitted = func(string) { open() }
	d = widgets.NewFormDialog(l.win, "Password-protected workbook", container.NewVBox(intro, l.passEntry), "Open", open)
	d.First = l.passEntry
	d.SetOnClosed(func() {
		if !given && l.cancelled != nil {
			l.cancelled()
		}
	})
	if wrong {
		d.SetFieldError(l.passEntry, "That password does not open "+name+". Check it and try again.")
	}
	l.password = d
	d.Show(fyne.NewSize(460, 0))
}

// reviewOpener is the "Open for review…" action: it asks for a workbook,
// reads it (asking for its password in win), and shows it in a new
// window of its own, leaving win as it is.
type reviewOpener struct {
	win fyne.Window
	svc Services
	// own is the coach's own store, where notes written during a review go.
	own notes.NotesStore

	// The dialogs and the window last opened, for the tests.
	fileDialog *dialog.FileDialog
	load       *reviewLoad
	progress   *dialog.CustomDialog
	opened     *ReviewWindow
}

func newReviewOpener(win fyne.Window, svc Services) *reviewOpener {
	return &reviewOpener{win: win, svc: svc}
}

// Choose asks for the workbook to review.
func (o *reviewOpener) Choose() {
	o.fileDialog = screen.ChooseOpen(o.win, screen.FileChoice{
		Title: "Open a workbook for review (read-only)", Confirm: "Open for review", Ext: ".xlsx",
	}, func(path string) { o.Open(path, "") })
}

// Open reads the workbook at path and opens it in a new window.
func (o *reviewOpener) Open(path, password string) {
	name := filepath.Base(path)
	o.load = &reviewLoad{win: o.win, path: path, open: o.svc.OpenReview,
		busy: func(on bool) {
			if !on {
				if o.progress != nil {
					o.progress.Hide()
					o.progress = nil
				}
				return
			}
			bar := widget.NewProgressBarInfinite()
			o.progress = dialog.NewCustomWithoutButtons("Open for review",
				container.NewVBox(widget.NewLabel("Reading "+name+"…"), bar), o.win)
			o.progress.Resize(fyne.NewSize(440, o.progress.MinSize().Height))
			o.progress.SetOnClosed(bar.Stop)
			o.progress.Show()
		},
		loaded: func(r *exchange.Review) {
			w := NewReviewWindow(fyne.CurrentApp(), path)
			o.opened = openReviewWindow(w, path, o.svc, o.own, r, "", nil)
			w.Show()
		},
		failed: func(err error) { screen.ShowError(o.win, err) },
	}
	o.load.start(password)
}
