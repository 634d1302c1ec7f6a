package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// shellServices wires the app to st as cmd/continuum-planner does:
// reviews read their workbook into a temporary Badger store.
func shellServices(st *storage.Store) Services {
	return Services{
		Store:    st,
		LoadDemo: func(ctx context.Context) error { return demo.Classroom().Load(ctx, st) },
		OpenReview: func(ctx context.Context, path, password string) (*exchange.Review, error) {
			return exchange.OpenReview(ctx, path, password, func(dir string) (exchange.TempStore, error) {
				return storage.Open(dir, storage.Options{})
			})
		},
	}
}

func TestLaunchEmptyStoreWelcomesThenOpensTheDemo(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 720))
	Launch(w, shellServices(st), "", nil)

	var demoButton *widget.Button
	uitest.Eventually(t, "the welcome screen", func() bool {
		demoButton = findButton(w, "Start with the demo")
		return demoButton != nil
	})
	if findButton(w, "Start empty") == nil {
		t.Error("the welcome screen does not offer to start empty")
	}
	test.Tap(demoButton)
	uitest.Eventually(t, "the main screens", func() bool { _, ok := w.Content().(*fyne.Container); return ok && findTabs(w) != nil })
	tabs := findTabs(w)
	uitest.Eventually(t, "the continuum to be chosen", func() bool { return tabs != nil })
	if tabs.SelectedIndex() != 0 {
		t.Errorf("opened on tab %d, want the continuum builder", tabs.SelectedIndex())
	}
	all, err := st.Continua(context.Background())
	if err != nil || len(all) != 1 || all[0].Name != demo.Name {
		t.Fatalf("store after the demo: %v, %v", all, err)
	}
}

func TestLaunchOpensTheNamedView(t *testing.T) {
	for _, tt := range []struct {
		view string
		tab  int
	}{{"", 0}, {"continua", 0}, {"students", 1}, {"evidence", 2}, {"student:S003", 3}, {"class-map", 4}, {"flex", 5}, {"units", 6}, {"unit:Fractions as numbers", 6}, {"notes", 7}, {"calibration", 8}, {"report-card", 9}} {
		t.Run(tt.view, func(t *testing.T) {
			test.NewTempApp(t)
			st := storagetest.OpenDemo(t)
			w := test.NewTempWindow(t, nil)
			w.Resize(fyne.NewSize(1100, 720))
			Launch(w, shellServices(st), tt.view, nil)
			uitest.Eventually(t, "the main screens", func() bool { return findTabs(w) != nil })
			uitest.Eventually(t, "tab "+tt.view, func() bool { return findTabs(w).SelectedIndex() == tt.tab })
		})
	}
}

func TestShowRefusesUnknownView(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	w := test.NewTempWindow(t, nil)
	a := NewApp(w, shellServices(st), screen.NewWorkspace())
	w.SetContent(a.Content())
	if err := a.Show("gradebook"); err == nil || !strings.Contains(err.Error(), "class-map, flex, units, notes, calibration, report-card, student:<id> or unit:<name>") {
		t.Errorf("Show(gradebook) = %v", err)
	}
}

// The Undo button names the change it would undo, and as its label grows
// the other buttons of the bar stay where the teacher's pointer expects them.
func TestShellUndoButtonFollowsTheHistory(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	w := test.NewTempWindow(t, nil)
	ws := screen.NewWorkspace()
	a := NewApp(w, shellServices(st), ws)
	w.SetContent(a.Content())
	w.Resize(fyne.NewSize(firstWidth, firstHeight))
	d := fyne.CurrentApp().Driver()
	where := func() []fyne.Position {
		var at []fyne.Position
		for _, b := range []*widget.Button{a.reviewBtn, a.importBtn, a.exportBtn, a.settingsBtn} {
			at = append(at, d.AbsolutePositionForObject(b))
		}
		return at
	}
	before := where()
	undone := make(chan struct{}, 1)
	ws.Did(screen.UndoStep{Label: "score 3 for Student 00017", Undo: func(context.Context) error { undone <- struct{}{}; return nil }, Change: screen.Change{Kind: screen.EvidenceChanged}})
	if a.undoBtn.Disabled() || a.undoBtn.Text != "Undo score 3 for Student 00017" {
		t.Fatalf("undo button %q disabled=%v", a.undoBtn.Text, a.undoBtn.Disabled())
	}
	w.Content().Refresh() // lay the window out again, as the next frame does
	if after := where(); fmt.Sprint(after) != fmt.Sprint(before) {
		t.Errorf("the buttons moved from %v to %v", before, after)
	}
	test.Tap(a.undoBtn)
	select {
	case <-undone:
	default:
		t.Fatal("undo did not run")
	}
	if !a.undoBtn.Disabled() || a.undoBtn.Text != "Undo" {
		t.Errorf("after undo: button %q disabled=%v", a.undoBtn.Text, a.undoBtn.Disabled())
	}
}

func TestChooserSelectsTheContinuum(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	ctx := context.Background()
	g := demo.Generate("Algebra II", demo.Size{Students: 3, Targets: 10, Seed: 7})
	g.Continuum.ID = ""
	if err := g.Load(ctx, st); err != nil {
		t.Fatal(err)
	}
	w := test.NewTempWindow(t, nil)
	ws := screen.NewWorkspace()
	a := NewApp(w, shellServices(st), ws)
	w.SetContent(a.Content())
	a.Start("")
	uitest.Eventually(t, "the chooser", func() bool { return len(a.chooser.Options) == 2 })
	if a.chooser.Options[0] != "Algebra II" || a.chooser.Selected != "Algebra II" {
		t.Errorf("options %v, selected %q", a.chooser.Options, a.chooser.Selected)
	}
	a.chooser.SetSelected(demo.Name)
	if ws.Continuum() != "demo-math-foundations" {
		t.Errorf("workspace continuum %q", ws.Continuum())
	}
}

func findButton(w fyne.Window, text string) *widget.Button {
	if w.Content() == nil {
		return nil
	}
	for _, o := range test.LaidOutObjects(w.Content()) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			return b
		}
	}
	return nil
}

func findTabs(w fyne.Window) *widgets.SideTabs {
	for _, o := range test.LaidOutObjects(w.Content()) {
		if t, ok := o.(*widgets.SideTabs); ok {
			return t
		}
	}
	return nil
}

// TestShortcutsReachTheWindowFromAField: with the focus in a text field,
// Ctrl+3 still switches to the scoring screen, Ctrl+0 to the tenth (the
// report card), and Ctrl+Z on an untouched field still undoes the last
// change.
func TestShortcutsReachTheWindowFromAField(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 720))
	ws := screen.NewWorkspace()
	a := NewApp(w, shellServices(st), ws)
	w.SetContent(a.Content())
	a.Start(ViewStudents)
	uitest.Eventually(t, "the students tab", func() bool { return a.tabs.SelectedIndex() == 1 })
	name := rosterNameEntry(t, a)
	w.Canvas().Focus(name)
	ctrl := func(k fyne.KeyName) fyne.Shortcut {
		return &desktop.CustomShortcut{KeyName: k, Modifier: fyne.KeyModifierShortcutDefault}
	}
	undone := false
	ws.Did(screen.UndoStep{Label: "a test change", Undo: func(context.Context) error { undone = true; return nil }})
	name.TypedShortcut(&fyne.ShortcutUndo{})
	if !undone {
		t.Error("Ctrl+Z in an empty field did not undo the last change")
	}
	name.TypedShortcut(ctrl(fyne.Key3))
	if a.tabs.SelectedIndex() != 2 {
		t.Errorf("Ctrl+3 from a field: tab %d, want the scoring screen", a.tabs.SelectedIndex())
	}
	name.TypedShortcut(ctrl(fyne.Key0))
	if got := a.tabs.SelectedIndex(); got != 9 || a.tabs.Selected().Text != "Report card" {
		t.Errorf("Ctrl+0 from a field: tab %d, want the tenth, the report card", got)
	}
}

// rosterNameEntry finds the roster's name field in the tab shown by the
// placeholder the roster gives it.
func rosterNameEntry(t *testing.T, a *App) *widgets.Entry {
	t.Helper()
	for _, o := range test.LaidOutObjects(a.tabs.Selected().Content) {
		if e, ok := o.(*widgets.Entry); ok && e.PlaceHolder == "First and last name" {
			return e
		}
	}
	t.Fatal("the students tab has no name field")
	return nil
}

// TestShortcutsReachTheWindowFromATargetCard: with a target card of the
// Continuum screen focused, Ctrl+Z (which the window delivers as Fyne's
// Undo) undoes the last change and Ctrl+2 switches screens.
func TestShortcutsReachTheWindowFromATargetCard(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	w := uitest.Window(t)
	ws := screen.NewWorkspace()
	a := NewApp(w, shellServices(st), ws)
	w.SetContent(a.Content())
	a.Start(ViewContinua)
	var card *widgets.TargetCard
	uitest.Eventually(t, "a target card", func() bool {
		for _, o := range test.LaidOutObjects(a.tabs.Selected().Content) {
			if c, ok := o.(*widgets.TargetCard); ok && c.Visible() {
				card = c
				return true
			}
		}
		return false
	})
	w.Canvas().Focus(card)
	if w.Canvas().Focused() != card {
		t.Fatal("the card did not take the focus")
	}
	undone := 0
	ws.Did(screen.UndoStep{Label: "a test change", Undo: func(context.Context) error { undone++; return nil }})
	uitest.PressShortcut(w, fyne.KeyZ)
	if undone != 1 {
		t.Errorf("Ctrl+Z on a focused card undid %d changes, want 1", undone)
	}
	uitest.PressShortcut(w, fyne.Key2)
	if a.tabs.SelectedIndex() != 1 {
		t.Errorf("Ctrl+2 on a focused card: tab %d, want the students", a.tabs.SelectedIndex())
	}
}

// closeWindow is a window whose close intercept a test can call, as the
// window's close button does.
type closeWindow struct {
	fyne.Window
	intercept func()
	closed    bool
	real      bool // Close closes the window too, and its on-closed work runs
}

func (w *closeWindow) SetCloseIntercept(f func()) { w.intercept = f; w.Window.SetCloseIntercept(f) }

// Close notes the close; unless real is set, the test closes the window
// when it ends.
func (w *closeWindow) Close() {
	w.closed = true
	if w.real {
		w.Window.Close()
	}
}

// launchForClose launches the app on view over the demo in a window whose
// close can be asked for.
func launchForClose(t *testing.T, view string) (*closeWindow, *widgets.SideTabs) {
	t.Helper()
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	w := &closeWindow{Window: uitest.Window(t)}
	ready := make(chan struct{})
	Launch(w, shellServices(st), view, func() { close(ready) })
	awaitClosed(t, "the first screen's data", ready)
	if w.intercept == nil {
		t.Fatal("the main window closes without a question")
	}
	return w, findTabs(w)
}

func TestCloseWithNothingPendingCloses(t *testing.T) {
	w, _ := launchForClose(t, ViewContinua)
	w.intercept()
	if !w.closed {
		t.Error("with nothing typed, closing did not close the window")
	}
}

// TestCloseAsksOverAHalfFilledForm: a New target dialog with a code typed
// keeps the window open until the teacher answers; Keep editing keeps the
// dialog and what was typed, Close without saving closes.
func TestCloseAsksOverAHalfFilledForm(t *testing.T) {
	w, tabs := launchForClose(t, ViewContinua)
	var add *widget.Button
	for _, o := range test.LaidOutObjects(tabs.Selected().Content) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Add target" {
			add = b
		}
	}
	if add == nil {
		t.Fatal("no Add target button")
	}
	test.Tap(add)
	if !uitest.DialogShows(w, "New target") {
		t.Fatal("Add target opened no New target dialog")
	}
	code := w.Canvas().Focused()
	uitest.TypeText(w, "NO.9.9")

	w.intercept()
	if w.closed || !uitest.DialogShows(w, "not saved") || !uitest.DialogShows(w, "“New target” form") {
		t.Fatalf("closed %v; dialogs say %q", w.closed, uitest.DialogTexts(w))
	}
	w.intercept() // a second click on the close button while asking
	if w.closed {
		t.Fatal("a second close request closed the window")
	}
	uitest.PressKey(w, fyne.KeyReturn) // the focus is on Keep editing
	if w.closed || uitest.DialogShows(w, "not saved") || !uitest.DialogShows(w, "New target") {
		t.Fatalf("Keep editing: closed %v; dialogs say %q", w.closed, uitest.DialogTexts(w))
	}
	if e, ok := code.(*widgets.Entry); !ok || e.Text != "NO.9.9" {
		t.Fatalf("the code typed was lost: %v", code)
	}

	w.intercept()
	uitest.TapOverlayButton(t, w, "Close without saving")
	if !w.closed {
		t.Error("Close without saving left the window open")
	}
}

// At 1280×700, the smallest window a teacher used, every screen's row in
// the navigation is inside the window: Visit notes and Calibration too,
// with no overflow menu to find them in.
func TestEveryScreenIsOneClickAwayAt700PixelsHigh(t *testing.T) {
	a := demoShell(t, fyne.NewSize(1280, 700))
	w := a.win
	a.Start("")
	d := fyne.CurrentApp().Driver()
	for _, name := range []string{"Continuum", "Students", "Scoring", "Student profile", "Class map", "Flex time", "Units", "Visit notes", "Calibration"} {
		b := findButton(w, name)
		if b == nil {
			t.Errorf("no %s in the navigation", name)
			continue
		}
		if bottom := d.AbsolutePositionForObject(b).Y + b.Size().Height; !b.Visible() || bottom > 700 {
			t.Errorf("%s ends at %.0f px, outside the 700 px window", name, bottom)
		}
	}
	test.Tap(findButton(w, "Calibration"))
	if a.tabs.Selected().Text != "Calibration" {
		t.Errorf("tapping Calibration opened %s", a.tabs.Selected().Text)
	}
}

// TestStartOnAViewReadsItOnce: the app started on a view reads that
// view's data once before its first frame, not a second time after
// throwing the first read away. In the app, where reads run off the UI
// goroutine, showing a screen twice started its second read while the
// first was under way, and Scoring on a district's store read its class
// twice; here reads run inline, so the screens that read at every
// showing (Notes, Calibration, Report card) show the second read.
func TestStartOnAViewReadsItOnce(t *testing.T) {
	for _, view := range []string{"evidence", "class-map", "flex", "students", "units", "notes", "calibration", "report-card"} {
		t.Run(view, func(t *testing.T) {
			a := demoShell(t, fyne.NewSize(1100, 720))
			loaded := make(chan struct{}, 1)
			a.OnReady = func() { loaded <- struct{}{} }
			a.Start(view)
			uitest.Eventually(t, view+" loaded", func() bool {
				select {
				case <-loaded:
					return true
				default:
					return false
				}
			})
			s, ok := a.currentScreen(view).(interface{ Reads() int })
			if !ok {
				t.Fatalf("the %s screen does not count its reads", view)
			}
			if n := s.Reads(); n != 1 {
				t.Errorf("the %s screen read its data %d times before its first frame, want once", view, n)
			}
		})
	}
}

// demoShell is the app's main screens on the demo store, in a test window
// of the given size, not started.
func demoShell(t *testing.T, size fyne.Size) *App {
	t.Helper()
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(size)
	a := NewApp(w, shellServices(st), screen.NewWorkspace())
	w.SetContent(a.Content())
	return a
}

// awaitClosed waits for ch to be closed, failing t after a while.
func awaitClosed(t *testing.T, what string, ch <-chan struct{}) {
	t.Helper()
	uitest.Eventually(t, what, func() bool {
		select {
		case <-ch:
			return true
		default:
			return false
		}
	})
}

// Given the app on the demo classroom, every screen, once it shows its
// data, fits the window the app first opens with: no screen's minimum
// width is more, so Fyne never widens the window when it is shown (the
// scoring bar once widened it to 1,199 px).
func TestEveryScreenFitsTheFirstWindow(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(firstWidth, firstHeight))
	ws := screen.NewWorkspace()
	a := NewApp(w, shellServices(st), ws)
	w.SetContent(a.Content())
	a.Start(ViewContinua)
	for i := range a.views {
		a.tabs.SelectIndex(i)
		name := a.tabs.Selected().Text
		uitest.Eventually(t, name+" shown", func() bool { return a.tabs.SelectedIndex() == i })
		if got := a.Content().MinSize().Width; got > firstWidth {
			t.Errorf("%s needs %.0f px, more than the first window's %d", name, got, firstWidth)
		}
	}
}
