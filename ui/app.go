package ui

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/assets"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/builder"
	"github.com/continuum-planner/planner/ui/calibration"
	"github.com/continuum-planner/planner/ui/classmap"
	"github.com/continuum-planner/planner/ui/flex"
	"github.com/continuum-planner/planner/ui/notes"
	"github.com/continuum-planner/planner/ui/profile"
	"github.com/continuum-planner/planner/ui/reportcard"
	"github.com/continuum-planner/planner/ui/roster"
	"github.com/continuum-planner/planner/ui/scoring"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/settings"
	"github.com/continuum-planner/planner/ui/transfer"
	"github.com/continuum-planner/planner/ui/units"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Services are what the app needs from outside the interface. cmd/ wires
// them: the store, the demo classroom, and the temporary stores of reviews.
type Services struct {
	// Store is the teacher's store.
	Store continuum.Store
	// LoadDemo stores the demo classroom (the welcome screen's first choice).
	LoadDemo func(ctx context.Context) error
	// OpenReview reads a workbook (with its password, when it has one)
	// into a temporary store of its own, for a read-only review.
	OpenReview func(ctx context.Context, path, password string) (*exchange.Review, error)
	// Vault, when set, is the data folder itself, for Settings (its
	// encryption and its automatic backups) and the welcome screen's
	// offer to protect it with a passphrase.
	Vault settings.Vault
}

// Screen is one view of the app: a controller that owns its widgets.
type Screen interface {
	// Content returns the screen's root object.
	Content() fyne.CanvasObject
	// Refresh re-reads what the screen shows from the store, off the UI goroutine.
	Refresh()
}

// loadWatcher is a screen that can say when the load it has started has
// been shown.
type loadWatcher interface {
	WhenLoaded(f func())
}

// focuser is a screen that can put the keyboard focus where work starts.
type focuser interface {
	FocusFirst()
}

// Views the app can open directly (continuum-planner --view NAME).
const (
	ViewContinua    = "continua"
	ViewStudents    = "students"
	ViewEvidence    = "evidence"
	ViewStudent     = "student" // written student:<id>
	ViewClassMap    = "class-map"
	ViewFlex        = "flex"
	ViewUnits       = "units"
	ViewUnit        = "unit" // written unit:<title or ID>
	ViewNotes       = "notes"
	ViewCalibration = "calibration"
	ViewReportCard  = "report-card"
)

// The names that open the views whose first read is their continuum's
// whole class (readsClassFirst).
var (
	scoringNames    = []string{ViewEvidence, "scoring"}
	classMapNames   = []string{ViewClassMap, "classmap"}
	reportCardNames = []string{ViewReportCard, "reportcard"}
)

// view is one tab of the shell and the names that open it. Its screen is
// made when the view is first shown: a window opens on one view, and
// building all ten first (a district's roster and flex block among them)
// held its first frame back by half a second on a slow machine.
type view struct {
	names []string // --view names; the first is the one to document
	label string
	icon  fyne.Resource
	// build makes the screen.
	build func() Screen
	// open, when set, shows the item named after the colon (student:S003).
	open func(s Screen, arg string)
	// screen is nil until the view is first shown; page is the tab's
	// content, which holds it from then on.
	screen Screen
	page   *fyne.Container
}

// App is the main window's shell: the continuum chooser, the undo action
// and the screens, one tab each.
type App struct {
	win   fyne.Window
	store continuum.Store
	ws    *screen.Workspace
	io    *transfer.Screen
	views []view

	chooser   *widget.Select
	ids       []string // continuum IDs in chooser order
	undoBtn   *widget.Button
	importBtn *widget.Button
	exportBtn *widget.Button
	reviewBtn *widget.Button
	reviewer  *reviewOpener
	tabs      *widgets.SideTabs
	root      *fyne.Container

	// settingsBtn opens Settings; hidden without a Vault and in a review.
	settingsBtn *widget.Button

	// OnReady, when set, is called once the first view has shown its data.
	OnReady func()
}

// NewApp builds the shell for svc's store, inside win. When ws is
// read-only (a review), the shell has no Scoring tab, no import, export
// or undo, and every screen hides its editing controls.
func NewApp(win fyne.Window, svc Services, ws *screen.Workspace) *App {
	return newApp(win, svc, ws, nil)
}

// newApp is NewApp with the store a coach's visit notes go to: the shown
// store when nil, or, in a review opened from the app, the coach's own.
func newApp(win fyne.Window, svc Services, ws *screen.Workspace, own notes.NotesStore) *App {
	store := svc.Store
	a := &App{win: win, store: store, ws: ws}
	a.io = transfer.New(store, ws, win)
	a.views = a.buildViews(store, own)
	items := make([]*container.TabItem, len(a.views))
	for i := range a.views {
		v := &a.views[i]
		v.page = container.NewStack()
		items[i] = container.NewTabItemWithIcon(v.label, v.icon, v.page)
	}
	a.chooser = widget.NewSelect(nil, a.onContinuumChosen)
	a.chooser.PlaceHolder = "(no continuum yet)"
	a.undoBtn = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), a.onUndo)
	a.undoBtn.Disable()
	a.tabs = widgets.NewSideTabs(items...)
	a.tabs.OnSelected = func(*container.TabItem) { a.onTabSelected() }
	a.importBtn = widget.NewButtonWithIcon("Import…", theme.DownloadIcon(), a.io.Import)
	a.exportBtn = widget.NewButtonWithIcon("Export…", theme.UploadIcon(), a.io.Export)
	a.reviewer = newReviewOpener(win, svc)
	a.reviewer.own = store
	a.reviewBtn = widget.NewButtonWithIcon("Open for review…", theme.VisibilityIcon(), a.reviewer.Choose)
	a.settingsBtn = widget.NewButtonWithIcon("Settings…", theme.SettingsIcon(), func() { settings.Show(win, svc.Vault) })
	if svc.Vault == nil {
		a.settingsBtn.Hide()
	}
	// Undo comes first: its label names the change it would undo, and as
	// it grows and shrinks only its own left edge moves, not the buttons
	// beside it.
	actions := container.NewHBox(a.undoBtn, a.reviewBtn, a.importBtn, a.exportBtn, a.settingsBtn)
	if ws.ReadOnly() { // the review's banner says why
		for _, b := range []*widget.Button{a.undoBtn, a.reviewBtn, a.importBtn, a.exportBtn, a.settingsBtn} {
			b.Hide()
		}
	}
	bar := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabelWithStyle("Continuum", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), a.chooser),
		actions)
	a.root = container.NewBorder(container.NewVBox(container.NewPadded(bar), widget.NewSeparator()), nil, nil, nil, a.tabs)
	ws.OnChange(a.onChange)
	a.addShortcuts()
	return a
}

// buildViews lists the views, one tab each, in the order of Ctrl+1 ….
// A review has no Scoring tab, and visit notes only where the coach's own
// store is at hand.
func (a *App) buildViews(store continuum.Store, own notes.NotesStore) []view {
	ws, win := a.ws, a.win
	readOnly := ws.ReadOnly()
	views := []view{
		{names: []string{ViewContinua, "continuum"}, label: "Continuum", icon: theme.GridIcon(),
			build: func() Screen { return builder.New(store, ws, win) }},
		{names: []string{ViewStudents, "roster"}, label: "Students", icon: theme.NewThemedResource(assets.StudentsIcon),
			build: func() Screen {
				students := roster.New(store, ws, win)
				students.SetImportClassList(a.io.ImportClassList)
				students.SetOpenProfile(func(id string) { _ = a.Show(ViewStudent + ":" + id) })
				return students
			}},
	}
	if !readOnly { // a review records no evidence
		views = append(views, view{names: scoringNames, label: "Scoring", icon: theme.DocumentCreateIcon(),
			build: func() Screen { return scoring.New(store, ws, win) }})
	}
	views = append(views,
		view{names: []string{ViewStudent, "profile"}, label: "Student profile", icon: theme.NewThemedResource(assets.ProfileIcon),
			build: func() Screen { return profile.New(store, ws, win) },
			open:  func(s Screen, id string) { s.(*profile.Screen).ShowStudent(id) }},
		view{names: classMapNames, label: "Class map", icon: theme.NewThemedResource(assets.ClassMapIcon),
			build: func() Screen { return classmap.New(store, ws, win) }},
		view{names: []string{ViewFlex}, label: "Flex time", icon: theme.NewThemedResource(assets.FlexIcon),
			build: func() Screen { return flex.New(store, ws, win) }},
		view{names: []string{ViewUnits, ViewUnit}, label: "Units", icon: theme.CalendarIcon(),
			build: func() Screen { return units.New(store, ws, win) },
			open:  func(s Screen, unit string) { s.(*units.Screen).ShowUnit(unit) }},
	)
	if !readOnly || own != nil {
		views = append(views, view{names: []string{ViewNotes, "visit-notes"}, label: "Visit notes", icon: theme.DocumentIcon(),
			build: func() Screen { return notes.New(store, own, ws, win) }})
	}
	return append(views,
		view{names: []string{ViewCalibration}, label: "Calibration", icon: theme.NewThemedResource(assets.CalibrationIcon),
			build: func() Screen { return calibration.New(store, ws, win) }},
		view{names: reportCardNames, label: "Report card", icon: theme.FileTextIcon(),
			build: func() Screen { return reportcard.New(store, ws, win) }})
}

// screenOf returns view i's screen, made and put in its tab the first
// time it is asked for.
func (a *App) screenOf(i int) Screen {
	v := &a.views[i]
	if v.screen == nil {
		v.screen = v.build()
		v.page.Objects = []fyne.CanvasObject{v.screen.Content()}
		v.page.Refresh()
	}
	return v.screen
}

// aheadReader is a store that can start reading a continuum's evidence
// before it is asked for (storage.Store).
type aheadReader interface {
	ReadAhead(cid string) (drop func())
}

// readsClassFirst reports whether view opens on a screen whose first read
// is its continuum's whole evidence: Scoring, the class map and the
// report card.
func readsClassFirst(view string) bool {
	base, _, _ := strings.Cut(view, ":")
	name := strings.ToLower(strings.TrimSpace(base))
	return slices.Contains(scoringNames, name) || slices.Contains(classMapNames, name) || slices.Contains(reportCardNames, name)
}

// Content returns the shell's root object.
func (a *App) Content() fyne.CanvasObject { return a.root }

// Start reads the continua, chooses the first (or the remembered) one and
// opens view ("" for the continuum builder).
func (a *App) Start(view string) {
	screen.Run(func(ctx context.Context) ([]continuum.Continuum, error) { return a.store.Continua(ctx) },
		func(all []continuum.Continuum) {
			a.setContinua(all)
			if a.OnReady != nil {
				ready := a.OnReady
				a.OnReady = nil
				if w, ok := a.currentScreen(view).(loadWatcher); ok {
					w.WhenLoaded(ready)
				} else {
					defer ready()
				}
			}
			if err := a.Show(view); err != nil {
				screen.ShowError(a.win, err)
			}
		},
		func(err error) { screen.ShowError(a.win, err) })
}

// Show opens a view by name: continua, students, evidence, student:<id>,
// class-map, flex, units, unit:<name>, notes, calibration or report-card.
func (a *App) Show(name string) error {
	i, arg, ok := a.find(name)
	if !ok {
		return fmt.Errorf("there is no view %q; expected %s", name, a.viewNames())
	}
	was := a.tabs.SelectedIndex()
	a.tabs.SelectIndex(i) // shows the screen (onTabSelected) when another was open
	if arg != "" && a.views[i].open != nil {
		a.views[i].open(a.screenOf(i), arg) // reads what it opens
		return nil
	}
	if was == i {
		// Shown again. When SelectIndex has just shown it, showing it a
		// second time started a second read while the first was under
		// way, and the first was thrown away: a district's Scoring read
		// its class twice before its first frame.
		a.onTabSelected()
	}
	return nil
}

// ViewName names the view on show as Show and --view take it: its tab's
// first name ("evidence" for Scoring, "class-map"...).
func (a *App) ViewName() string {
	i := a.tabs.SelectedIndex()
	if i < 0 || i >= len(a.views) {
		return ""
	}
	return a.views[i].names[0]
}

// find returns the tab a view name opens and the part after its colon.
func (a *App) find(name string) (int, string, bool) {
	base, arg, _ := strings.Cut(name, ":")
	base = strings.ToLower(strings.TrimSpace(base))
	if base == "" {
		return 0, "", true
	}
	for i, v := range a.views {
		if slices.Contains(v.names, base) {
			return i, strings.TrimSpace(arg), true
		}
	}
	return 0, "", false
}

// viewNames lists the documented view names for messages.
func (a *App) viewNames() string {
	var names []string
	for _, v := range a.views {
		names = append(names, v.names[0])
	}
	return strings.Join(names, ", ") + ", student:<id> or unit:<name>"
}

// currentScreen returns the screen a view name opens, or nil.
func (a *App) currentScreen(name string) Screen {
	if i, _, ok := a.find(name); ok {
		return a.screenOf(i)
	}
	return nil
}

func (a *App) onTabSelected() {
	i := a.tabs.SelectedIndex()
	if i < 0 || i >= len(a.views) {
		return
	}
	s := a.screenOf(i)
	s.Refresh()
	if f, ok := s.(focuser); ok {
		f.FocusFirst()
	}
}

func (a *App) setContinua(all []continuum.Continuum) {
	names := make([]string, len(all))
	a.ids = make([]string, len(all))
	for i, c := range all {
		names[i], a.ids[i] = c.Name, c.ID
	}
	a.chooser.SetOptions(names)
	current := a.ws.Continuum()
	for i, id := range a.ids {
		if id == current {
			a.chooser.SetSelectedIndex(i)
			return
		}
	}
	if len(all) > 0 {
		a.chooser.SetSelectedIndex(0)
	} else {
		a.chooser.ClearSelected()
		a.ws.SelectContinuum("")
	}
}

func (a *App) onContinuumChosen(string) {
	if i := a.chooser.SelectedIndex(); i >= 0 && i < len(a.ids) {
		a.ws.SelectContinuum(a.ids[i])
	}
}

func (a *App) onChange(c screen.Change) {
	if label, ok := a.ws.CanUndo(); ok {
		a.undoBtn.SetText("Undo " + label)
		a.undoBtn.Enable()
	} else {
		a.undoBtn.SetText("Undo")
		a.undoBtn.Disable()
	}
	if c.Kind == screen.ContinuaChanged {
		screen.Run(func(ctx context.Context) ([]continuum.Continuum, error) { return a.store.Continua(ctx) },
			a.setContinua, func(err error) { screen.ShowError(a.win, err) })
	}
}

// onUndo reverses the last change. It runs on the UI goroutine: an undo is
// one small synced write (well under a millisecond), and the screens must
// hear of the change on the UI goroutine.
func (a *App) onUndo() {
	if a.ws.ReadOnly() {
		return
	}
	label, err := a.ws.Undo(context.Background())
	switch {
	case errors.Is(err, screen.ErrNothingToUndo):
	case err != nil:
		screen.ShowError(a.win, fmt.Errorf("could not undo %s: %w", label, err))
	}
}

// addShortcuts binds Ctrl+1 … Ctrl+9 and Ctrl+0 (the tenth, as on a
// keyboard's row of digits) to the screens in order, Ctrl+Z to undo, and
// Ctrl+I and Ctrl+E to importing and exporting a workbook; a review has
// only the screens'. The window turns Ctrl+Z into Fyne's Undo shortcut
// before it reaches the canvas (from a focused target card, say, or with
// nothing focused), and a field hands it on as Ctrl+Z: undo answers both.
func (a *App) addShortcuts() {
	c := a.win.Canvas()
	keys := []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9, fyne.Key0}
	for i, key := range keys[:min(len(keys), len(a.views))] {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			a.tabs.SelectIndex(i)
		})
	}
	if a.ws.ReadOnly() {
		return
	}
	undo := func(fyne.Shortcut) { a.onUndo() }
	c.AddShortcut(&fyne.ShortcutUndo{}, undo)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}, undo)
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		a.io.Import()
	})
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyE, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		a.io.Export()
	})
}

// Launch fills win: the welcome screen when the store is empty, otherwise
// the main screens on view. onReady, when not nil, is called once the
// first screen has shown its data. It returns what names the view on show
// (see App.ViewName; "" before the main screens), to open the same view
// when the screens are built again on a store reopened.
func Launch(win fyne.Window, svc Services, view string, onReady func()) (shown func() string) {
	ws := screen.NewWorkspace()
	guardClose(win, ws, func() { closeMainWindow(win) })
	drop := func() {}
	var main *App
	showMain := func() {
		a := NewApp(win, svc, ws)
		main = a
		a.OnReady = func() {
			drop() // the first view has read what it needed
			if onReady != nil {
				onReady()
			}
		}
		win.SetContent(screen.WithProbe(a.Content()))
		a.Start(view)
	}
	screen.Run(func(ctx context.Context) (bool, error) {
		all, err := svc.Store.Continua(ctx)
		if err != nil || len(all) > 0 {
			if ra, ok := svc.Store.(aheadReader); ok && err == nil && readsClassFirst(view) {
				// The window opens on the first continuum (Start); its
				// class is read while the window is being built.
				drop = ra.ReadAhead(all[0].ID)
			}
			return false, err
		}
		students, err := svc.Store.Students(ctx)
		return len(students) == 0, err
	}, func(empty bool) {
		if !empty {
			showMain()
			return
		}
		f := NewFirstRun(svc.LoadDemo, showMain, func(err error) { screen.ShowError(win, err) })
		f.SetOnReview(newReviewOpener(win, svc).Choose)
		f.SetProtect(win, svc.Vault)
		win.SetContent(screen.WithProbe(f.Content()))
		f.FocusFirst()
		if onReady != nil {
			onReady()
		}
	}, func(err error) {
		win.SetContent(NewStartupError(err, "Nothing was changed. Quit, then open Continuum Planner again.", fyne.CurrentApp().Quit).Content())
	})
	return func() string {
		if main == nil {
			return ""
		}
		return main.ViewName()
	}
}
