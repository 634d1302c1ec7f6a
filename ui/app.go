package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

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
	whenLoaded(f func())
}

// focuser is a screen that can put the keyboard focus where work starts.
type focuser interface {
	FocusFirst()
}

// Views the app can open directly (continuum-planner --view NAME).
const (
	ViewContinua = "continua"
	ViewStudents = "students"
	ViewEvidence = "evidence"
	ViewStudent  = "student" // written student:<id>
)

// App is the main window's shell: the continuum chooser, the undo action
// and the screens, one tab each.
type App struct {
	win   fyne.Window
	store continuum.Store
	dir   string
	ws    *Workspace

	continua *ContinuumEditor
	roster   *Roster
	scoring  *Scoring
	profile  *StudentProfile

	chooser *widget.Select
	ids     []string // continuum IDs in chooser order
	undoBtn *widget.Button
	tabs    *container.AppTabs
	screens []Screen
	root    *fyne.Container

	// OnReady, when set, is called once the first view has shown its data.
	OnReady func()
}

// NewApp builds the shell for the store in dir, inside win.
func NewApp(win fyne.Window, store continuum.Store, dir string, ws *Workspace) *App {
	a := &App{win: win, store: store, dir: dir, ws: ws}
	a.continua = NewContinuumEditor(store, ws, win)
	a.roster = NewRoster(store, ws, win)
	a.scoring = NewScoring(store, ws, win)
	a.profile = NewStudentProfile(store, ws, win)
	a.screens = []Screen{a.continua, a.roster, a.scoring, a.profile}

	a.chooser = widget.NewSelect(nil, a.onContinuumChosen)
	a.chooser.PlaceHolder = "(no continuum yet)"
	a.undoBtn = widget.NewButtonWithIcon("Undo", theme.ContentUndoIcon(), a.onUndo)
	a.undoBtn.Disable()
	a.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Continuum", theme.GridIcon(), a.continua.Content()),
		container.NewTabItemWithIcon("Students", theme.AccountIcon(), a.roster.Content()),
		container.NewTabItemWithIcon("Scoring", theme.DocumentCreateIcon(), a.scoring.Content()),
		container.NewTabItemWithIcon("Student profile", theme.InfoIcon(), a.profile.Content()),
	)
	a.tabs.SetTabLocation(container.TabLocationLeading)
	a.tabs.OnSelected = func(*container.TabItem) { a.onTabSelected() }
	bar := container.NewBorder(nil, nil,
		container.NewHBox(widget.NewLabelWithStyle("Continuum", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), a.chooser),
		a.undoBtn)
	a.root = container.NewBorder(container.NewVBox(container.NewPadded(bar), widget.NewSeparator()), nil, nil, nil, a.tabs)
	ws.OnChange(a.onChange)
	a.addShortcuts()
	return a
}

// Content returns the shell's root object.
func (a *App) Content() fyne.CanvasObject { return a.root }

// Start reads the continua, chooses the first (or the remembered) one and
// opens view ("" for the continuum builder).
func (a *App) Start(view string) {
	background(func(ctx context.Context) ([]continuum.Continuum, error) { return a.store.Continua(ctx) },
		func(all []continuum.Continuum) {
			a.setContinua(all)
			if a.OnReady != nil {
				ready := a.OnReady
				a.OnReady = nil
				if w, ok := a.currentScreen(view).(loadWatcher); ok {
					w.whenLoaded(ready)
				} else {
					defer ready()
				}
			}
			if err := a.Show(view); err != nil {
				ShowError(a.win, err)
			}
		},
		func(err error) { ShowError(a.win, err) })
}

// Show opens a view by name: continua, students, evidence, or student:<id>.
func (a *App) Show(view string) error {
	name, arg, _ := strings.Cut(view, ":")
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", ViewContinua:
		a.tabs.SelectIndex(0)
	case ViewStudents:
		a.tabs.SelectIndex(1)
	case ViewEvidence, "scoring":
		a.tabs.SelectIndex(2)
	case ViewStudent:
		a.tabs.SelectIndex(3)
		if arg != "" {
			a.profile.ShowStudent(arg)
		}
	default:
		return fmt.Errorf("there is no view %q; expected continua, students, evidence or student:<id>", view)
	}
	a.onTabSelected()
	return nil
}

// currentScreen returns the screen view opens, or nil for an unknown view.
func (a *App) currentScreen(view string) Screen {
	name, _, _ := strings.Cut(view, ":")
	switch strings.ToLower(strings.TrimSpace(name)) {
	case "", ViewContinua:
		return a.continua
	case ViewStudents:
		return a.roster
	case ViewEvidence, "scoring":
		return a.scoring
	case ViewStudent:
		return a.profile
	}
	return nil
}

func (a *App) onTabSelected() {
	i := a.tabs.SelectedIndex()
	if i < 0 || i >= len(a.screens) {
		return
	}
	a.screens[i].Refresh()
	if f, ok := a.screens[i].(focuser); ok {
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

func (a *App) onChange(c Change) {
	if label, ok := a.ws.CanUndo(); ok {
		a.undoBtn.SetText("Undo " + label)
		a.undoBtn.Enable()
	} else {
		a.undoBtn.SetText("Undo")
		a.undoBtn.Disable()
	}
	if c.Kind == ContinuaChanged {
		background(func(ctx context.Context) ([]continuum.Continuum, error) { return a.store.Continua(ctx) },
			a.setContinua, func(err error) { ShowError(a.win, err) })
	}
}

// onUndo reverses the last change. It runs on the UI goroutine: an undo is
// one small synced write (well under a millisecond), and the screens must
// hear of the change on the UI goroutine.
func (a *App) onUndo() {
	label, err := a.ws.Undo(context.Background())
	switch {
	case errors.Is(err, ErrNothingToUndo):
	case err != nil:
		ShowError(a.win, fmt.Errorf("could not undo %s: %w", label, err))
	}
}

// addShortcuts binds Ctrl+1 … Ctrl+4 to the screens and Ctrl+Z to undo.
func (a *App) addShortcuts() {
	c := a.win.Canvas()
	for i, key := range []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4} {
		c.AddShortcut(&desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
			a.tabs.SelectIndex(i)
		})
	}
	c.AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault}, func(fyne.Shortcut) {
		a.onUndo()
	})
}

// Launch fills win: the welcome screen when the store is empty, otherwise
// the main screens on view. loadDemo stores the demo classroom.
// onReady, when not nil, is called once the first screen has shown its data.
func Launch(win fyne.Window, store continuum.Store, dir, view string, loadDemo func(ctx context.Context) error, onReady func()) {
	ws := NewWorkspace()
	showMain := func() {
		a := NewApp(win, store, dir, ws)
		a.OnReady = onReady
		win.SetContent(a.Content())
		a.Start(view)
	}
	background(func(ctx context.Context) (bool, error) {
		all, err := store.Continua(ctx)
		if err != nil || len(all) > 0 {
			return false, err
		}
		students, err := store.Students(ctx)
		return len(students) == 0, err
	}, func(empty bool) {
		if !empty {
			showMain()
			return
		}
		f := NewFirstRun(loadDemo, showMain, func(err error) { ShowError(win, err) })
		win.SetContent(f.Content())
		f.FocusFirst()
		if onReady != nil {
			onReady()
		}
	}, func(err error) {
		win.SetContent(NewStartupError(err, fyne.CurrentApp().Quit).Content())
		ShowError(win, err)
	})
}
