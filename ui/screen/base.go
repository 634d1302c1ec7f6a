package screen

import (
	"context"
	"errors"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// Loader describes a screen's load for Base: which changes it follows,
// how it reads the store, and how it shows what it read.
type Loader[T any] struct {
	// What names what the screen shows, for the sentence shown when it
	// cannot be read: "The class map" could not be read: …
	What string
	// Follows reports whether an announced change touches what the screen
	// shows. Nil follows every change.
	Follows func(Change) bool
	// Read is called on the UI goroutine when a load starts: it takes what
	// the load needs from the screen (the continuum, the day, the student
	// chosen) and returns the work that reads the store off the UI goroutine.
	Read func() func(ctx context.Context) (T, error)
	// Show shows a load's result on the UI goroutine. It is not called for
	// a load that something changed during: the load after it shows that.
	Show func(T)
	// Failed, when set, replaces the standard handling of a failed load
	// (ShowFailure: a notice with the reason, and an error dialog unless
	// the continuum is gone); it may call ShowFailure itself.
	Failed func(error)
	// Settled, when set, is called once the loads under way have been
	// shown (or have failed) and no other is waiting.
	Settled func()
	// KeepShown makes Refresh (the screen shown again) reuse what the last
	// load showed when nothing the screen follows has been announced since
	// and the day is the same: revisiting a screen does not read the store
	// again. Leave it off for a screen whose load depends on something no
	// change announces.
	KeepShown bool
}

// returnMemoryAfter is how long after showing a load its memory is handed back.
const returnMemoryAfter = 300 * time.Millisecond

// Base is the load lifecycle every screen embeds. It reloads when a
// change the screen follows is announced, at once when the screen is on
// view and otherwise when it is next shown (Refresh). A load asked for
// while one is under way becomes one more load after it, so whatever
// changed meanwhile is shown, and a stale result is never shown. Reads
// run off the UI goroutine (Run). Where there is nothing to show, a
// notice replaces the screen's body. Its methods are for the UI goroutine.
type Base[T any] struct {
	// WS is the workspace the screens share.
	WS *Workspace
	// Win is the window the screen is in, for dialogs.
	Win fyne.Window

	loader   Loader[T]
	view     fyne.CanvasObject // the screen's root, to know whether it is on view
	body     fyne.CanvasObject // hidden while a notice is shown
	notice   *widget.Label
	frame    *fyne.Container
	loading  bool     // a load is under way
	again    bool     // something changed during the load: load again after it
	watchers []func() // called once, when the loads under way have been shown
	shown    bool     // the last load was shown and nothing followed has changed since
	changes  int      // changes followed so far
	readFor  int      // changes followed when the last load started
	checking bool     // a look at whether to load for a change is due
	day      continuum.Date
	reads    int // loads started, for tests and measurements
}

// Init sets the base up: the screen's body is what the notices replace.
// It returns the object to place where the body goes. ws hears of the
// changes the loader follows from then on.
func (b *Base[T]) Init(ws *Workspace, win fyne.Window, body fyne.CanvasObject, l Loader[T]) fyne.CanvasObject {
	b.WS, b.Win, b.loader, b.body = ws, win, l, body
	b.notice = widget.NewLabel("")
	b.notice.Wrapping = fyne.TextWrapWord
	b.notice.Alignment = fyne.TextAlignCenter
	b.notice.Hide()
	b.frame = container.NewStack(body, container.NewVBox(widget.NewLabel(""), b.notice))
	b.view = b.frame
	ws.OnChange(b.onChange)
	return b.frame
}

// SetView names the screen's root, when it is more than the body, so
// that changes reload at once only while it is on view.
func (b *Base[T]) SetView(root fyne.CanvasObject) { b.view = root }

// Refresh reloads the screen; the app calls it when the screen is shown.
// With KeepShown, what is shown stays when it is still current.
func (b *Base[T]) Refresh() {
	if b.loader.KeepShown && b.Current() {
		// Drawing the screen again makes garbage too (a district class
		// map's cells, the builder's cards), which the runtime would
		// otherwise hold until its heap doubles.
		returnMemorySoon()
		b.settle()
		return
	}
	b.Load()
}

// Current reports whether what the screen shows is still what a load
// would read: a load was shown, no change the screen follows has been
// announced since, and the day has not moved on.
func (b *Base[T]) Current() bool {
	return b.shown && !b.loading && b.WS != nil && b.WS.Today() == b.day
}

// Reads returns how many loads have been started, to check that a
// revisit reads nothing.
func (b *Base[T]) Reads() int { return b.reads }

// Load reads the store off the UI goroutine and shows the result. A load
// asked for while one is under way runs after it.
func (b *Base[T]) Load() {
	b.shown = false
	if b.loading {
		b.again = true
		return
	}
	b.readFor = b.changes
	b.loading = true
	b.reads++
	b.day = b.WS.Today()
	Run(b.loader.Read(), b.onLoaded, b.onFailed)
}

// Loading reports whether a load is under way.
func (b *Base[T]) Loading() bool { return b.loading }

// WhenLoaded calls f once the screen has shown the loads under way (or
// the next one, when none is).
func (b *Base[T]) WhenLoaded(f func()) { b.watchers = append(b.watchers, f) }

// OnView reports whether the screen is on view: visible, in a window.
func (b *Base[T]) OnView() bool {
	if b.view == nil || !b.view.Visible() {
		return false
	}
	a := fyne.CurrentApp()
	return a != nil && a.Driver().CanvasForObject(b.view) != nil
}

// ShowNotice replaces the body with a sentence saying why there is
// nothing to show.
func (b *Base[T]) ShowNotice(text string) {
	b.notice.SetText(text)
	b.notice.Show()
	b.body.Hide()
}

// HideNotice shows the body again.
func (b *Base[T]) HideNotice() {
	b.notice.Hide()
	b.body.Show()
}

// Notice returns the sentence shown instead of the body, or "" when the
// body is shown.
func (b *Base[T]) Notice() string {
	if b.notice == nil || !b.notice.Visible() {
		return ""
	}
	return b.notice.Text
}

func (b *Base[T]) onChange(c Change) {
	if b.loader.Follows != nil && !b.loader.Follows(c) {
		return
	}
	b.shown = false // read again when next shown, if not now
	b.changes++
	if Inline() {
		if b.OnView() {
			b.Load()
		}
		return
	}
	// Whether the screen is on view is looked at once the UI callback that
	// announced the change is over: the app may be switching tabs in it
	// (at start it chooses the continuum, then the tab asked for), and a
	// screen it leaves should not read what it will not show. A load
	// started since (the screen shown) already reads the change.
	if !b.checking {
		b.checking = true
		fyne.Do(func() {
			b.checking = false
			if b.OnView() && b.readFor < b.changes {
				b.Load()
			}
		})
	}
}

func (b *Base[T]) onLoaded(v T) {
	b.loading = false
	defer b.settle()
	if b.again {
		return // something changed meanwhile: the next load shows it
	}
	b.loader.Show(v)
	b.shown = b.readFor == b.changes // no change came during the load
	// The memory the load used and let go of goes back to the system: a
	// district class read allocates several times what a screen keeps, and
	// the runtime otherwise holds on to it for minutes.
	returnMemorySoon()
}

// returnMemory is the pending hand-back of memory, if any.
var returnMemory struct {
	sync.Mutex
	timer *time.Timer
}

// returnMemorySoon hands the memory the program let go of back to the
// system returnMemoryAfter from now, a moment later so as not to hold up
// drawing the frame that shows a screen; screens shown one after another
// share one hand-back (each is a full collection). Not under Inline.
func returnMemorySoon() {
	if Inline() {
		return
	}
	returnMemory.Lock()
	defer returnMemory.Unlock()
	if returnMemory.timer != nil && returnMemory.timer.Stop() {
		returnMemory.timer.Reset(returnMemoryAfter)
		return
	}
	returnMemory.timer = time.AfterFunc(returnMemoryAfter, debug.FreeOSMemory)
}

func (b *Base[T]) onFailed(err error) {
	b.loading = false
	defer b.settle()
	if b.again {
		return
	}
	if b.loader.Failed != nil {
		b.loader.Failed(err)
		return
	}
	b.ShowFailure(err)
}

// ShowFailure is the standard handling of a failed load, for a Loader's
// Failed that does more: a notice with the reason, and an error dialog
// unless the continuum is gone.
func (b *Base[T]) ShowFailure(err error) {
	if errors.Is(err, continuum.ErrNotFound) {
		b.ShowNotice("This continuum is no longer in the store.\nChoose another one at the top.")
		return
	}
	b.ShowNotice(b.loader.What + " could not be read: " + continuum.ErrorMessage(err))
	ShowError(b.Win, err)
}

// settle starts the load asked for meanwhile; once none is left, it tells
// those waiting.
func (b *Base[T]) settle() {
	if b.again {
		b.again = false
		b.Load()
		return
	}
	watchers := b.watchers
	b.watchers = nil
	for _, f := range watchers {
		f()
	}
	if b.loader.Settled != nil {
		b.loader.Settled()
	}
}

// FollowsContinuum is a Loader's Follows for a screen that shows the
// continuum being worked on: it follows the kinds of change given, of
// that continuum (or of none in particular), and every change of the
// continua, the choice and the roster.
func FollowsContinuum(ws *Workspace, kinds ...ChangeKind) func(Change) bool {
	return func(c Change) bool {
		switch c.Kind {
		case ContinuaChanged, SelectionChanged, RosterChanged:
			return true
		}
		for _, k := range kinds {
			if c.Kind == k {
				return c.Continuum == "" || c.Continuum == ws.Continuum()
			}
		}
		return false
	}
}
