package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/settings"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Protector is what the welcome screen needs to protect the data folder
// with a passphrase (settings.Vault is one).
type Protector interface {
	// Encrypted reports whether the data folder is encrypted.
	Encrypted() bool
	// Encrypt encrypts the data folder under passphrase and returns its
	// recovery key, to be shown once.
	Encrypt(ctx context.Context, passphrase string) (recoveryKey string, err error)
}

// FirstRun is the welcome screen of an empty store: start with the demo
// classroom, or start empty; and, first, protect the data folder with a
// passphrase if the teacher wants to.
type FirstRun struct {
	onDemo  func(ctx context.Context) error
	onReady func()
	fail    func(error)

	demo    *widget.Button
	empty   *widget.Button
	review  *widget.Button // hidden until SetOnReview
	status  *widget.Label
	content fyne.CanvasObject
	// onReview opens a colleague's workbook for review.
	onReview func()

	// The offer to protect the data with a passphrase (SetProtect).
	win        fyne.Window
	protector  Protector
	protect    *widget.Check
	passphrase *widget.Entry
	again      *widget.Entry
	protectBtn *widget.Button
	problem    *widget.Label
	protectBox *fyne.Container // the passphrase's fields, shown while protect is checked
	protected  *widget.Label
	offer      *fyne.Container // all of it; hidden without a Protector
}

// NewFirstRun builds the welcome screen. loadDemo stores the demo
// classroom; ready is called once the teacher has chosen and the store is
// ready for the main screens.
func NewFirstRun(loadDemo func(ctx context.Context) error, ready func(), fail func(error)) *FirstRun {
	f := &FirstRun{onDemo: loadDemo, onReady: ready, fail: fail}
	heading := widget.NewLabelWithStyle("Welcome to Continuum Planner", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameHeadingText
	intro := widget.NewLabel("Build your learning continuum, record evidence as students show it, " +
		"and see where each student sits: what is secured, what is next, and the gaps below.\n\n" +
		"The demo classroom has a four-level mathematics continuum, 28 students and a term of evidence to explore. " +
		"Or start empty and build your own.")
	intro.Wrapping = fyne.TextWrapWord
	intro.Alignment = fyne.TextAlignCenter
	f.demo = widget.NewButtonWithIcon("Start with the demo", theme.MediaPlayIcon(), f.onDemoTapped)
	f.demo.Importance = widget.HighImportance
	f.empty = widget.NewButtonWithIcon("Start empty", theme.ContentAddIcon(), f.onEmptyTapped)
	f.review = widget.NewButtonWithIcon("Open a workbook for review…", theme.VisibilityIcon(), f.onReviewTapped)
	f.review.Importance = widget.LowImportance
	f.review.Hide()
	f.status = widget.NewLabel("")
	f.status.Alignment = fyne.TextAlignCenter
	f.status.Wrapping = fyne.TextWrapWord
	f.buildProtect()
	f.content = container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 560},
		container.NewVBox(heading, intro, f.offer, container.NewCenter(container.NewHBox(f.demo, f.empty)),
			container.NewCenter(f.review), f.status)))
	return f
}

// buildProtect makes the offer to protect the data with a passphrase,
// hidden until SetProtect.
func (f *FirstRun) buildProtect() {
	f.protect = widget.NewCheck("Protect this computer's student data with a passphrase", f.onProtectChecked)
	f.passphrase, f.again = widget.NewPasswordEntry(), widget.NewPasswordEntry()
	f.passphrase.SetPlaceHolder("Passphrase: at least 8 characters; a short sentence is best")
	f.again.SetPlaceHolder("The same passphrase once more")
	f.again.OnSubmitted = func(string) { f.onProtectTapped() }
	f.protectBtn = widget.NewButtonWithIcon("Protect with this passphrase", theme.AccountIcon(), f.onProtectTapped)
	f.problem = widgets.Wrapped("")
	f.problem.Importance = widget.DangerImportance
	f.problem.Hide()
	f.protectBox = container.NewVBox(
		widgets.Hint("With a passphrase the data folder is encrypted, and Continuum Planner asks for it each time it starts. "+
			"A recovery key is shown once afterwards: write it down, it is the only way in if the passphrase is forgotten."),
		f.passphrase, f.again, f.problem, container.NewHBox(f.protectBtn))
	f.protectBox.Hide()
	f.protected = widget.NewLabelWithStyle("This computer's student data is protected by a passphrase.", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	f.protected.Hide()
	f.offer = container.NewVBox(f.protect, f.protectBox, f.protected)
	f.offer.Hide()
}

// SetProtect offers to protect the data folder with a passphrase through
// p (nil: no offer); the recovery key is shown over win.
func (f *FirstRun) SetProtect(win fyne.Window, p Protector) {
	f.win, f.protector = win, p
	switch {
	case p == nil:
		f.offer.Hide()
	case p.Encrypted():
		f.offer.Show()
		f.showProtected()
	default:
		f.offer.Show()
	}
}

// showProtected says the data is protected, in place of the offer.
func (f *FirstRun) showProtected() {
	f.protect.Hide()
	f.protectBox.Hide()
	f.protected.Show()
	f.setStartEnabled(true)
	f.status.SetText("")
}

func (f *FirstRun) onProtectChecked(on bool) {
	if on {
		f.protectBox.Show()
		f.setStartEnabled(false)
		// The focus stays on the tick (Tab goes on to the passphrase): moved
		// from inside the tick's own tap, Space still reached the tick.
		f.status.SetText("Protect the data first, or clear the check to start without a passphrase.")
		return
	}
	f.protectBox.Hide()
	f.problem.Hide()
	f.setStartEnabled(true)
	f.status.SetText("")
}

func (f *FirstRun) setStartEnabled(on bool) {
	for _, b := range []*widget.Button{f.demo, f.empty} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
}

func (f *FirstRun) onProtectTapped() {
	p := f.passphrase.Text
	switch {
	case p == "":
		f.sayProblem("Type a passphrase, then the same once more.")
		return
	case f.again.Text != p:
		f.sayProblem("The two passphrases differ; type the same one twice.")
		return
	}
	f.problem.Hide()
	f.protectBtn.Disable()
	f.protect.Disable()
	f.status.SetText("Encrypting the data folder…")
	screen.Run(func(ctx context.Context) (string, error) { return f.protector.Encrypt(ctx, p) },
		func(key string) {
			f.passphrase.SetText("")
			f.again.SetText("")
			f.showProtected()
			settings.ShowRecoveryKey(f.win, key, nil)
		},
		func(err error) {
			f.protectBtn.Enable()
			f.protect.Enable()
			f.status.SetText("Protect the data first, or clear the check to start without a passphrase.")
			f.sayProblem(continuum.ErrorMessage(err))
		})
}

// sayProblem shows what is wrong with the passphrase typed.
func (f *FirstRun) sayProblem(msg string) {
	f.problem.SetText(msg)
	f.problem.Show()
}

// SetOnReview offers to open a colleague's workbook read-only, without
// storing anything: review opens it.
func (f *FirstRun) SetOnReview(review func()) {
	f.onReview = review
	if review != nil {
		f.review.Show()
	} else {
		f.review.Hide()
	}
}

func (f *FirstRun) onReviewTapped() {
	if f.onReview != nil {
		f.onReview()
	}
}

// Content returns the screen's root object.
func (f *FirstRun) Content() fyne.CanvasObject { return f.content }

// FocusFirst puts the focus on "Start with the demo".
func (f *FirstRun) FocusFirst() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(f.demo); c != nil {
		c.Focus(f.demo)
	}
}

func (f *FirstRun) onDemoTapped() {
	f.demo.Disable()
	f.empty.Disable()
	f.status.SetText("Loading the demo classroom…")
	screen.Run(func(ctx context.Context) (struct{}, error) { return struct{}{}, f.onDemo(ctx) },
		func(struct{}) { f.onReady() },
		func(err error) {
			f.demo.Enable()
			f.empty.Enable()
			f.status.SetText("")
			f.fail(err)
		})
}

func (f *FirstRun) onEmptyTapped() { f.onReady() }
