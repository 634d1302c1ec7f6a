package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// FirstRun is the welcome screen of an empty store: start with the demo
// classroom, or start empty.
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
	f.content = container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 560},
		container.NewVBox(heading, intro, container.NewCenter(container.NewHBox(f.demo, f.empty)),
			container.NewCenter(f.review), f.status)))
	return f
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
