// Package uitest drives the app's screens in tests as a person would, on
// Fyne's test driver: typing and pressing keys, waiting for work, reading
// what the window and its dialogs show, and checking that a read-only
// review offers nothing that edits.
package uitest

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// DemoID is the ID of the demo classroom's continuum.
var DemoID = demo.Classroom().Continuum.ID

// ReviewDay is the day the tests' reviews are a snapshot of.
var ReviewDay = continuum.NewDate(2026, 11, 20)

// Eventually waits up to five seconds for cond. Loads run inline in tests
// (screen.SetInline), so most conditions hold at once; the wait covers
// work a screen starts on purpose in the background.
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// PressKey sends a key to the focused widget, as the window does (Tab
// included, for a widget that takes it).
func PressKey(w fyne.Window, key fyne.KeyName) {
	focused := w.Canvas().Focused()
	if focused == nil {
		panic("no focus for " + string(key))
	}
	if key == fyne.KeyTab {
		if tb, ok := focused.(fyne.Tabbable); !ok || !tb.AcceptsTab() {
			w.Canvas().FocusNext()
			return
		}
	}
	focused.TypedKey(&fyne.KeyEvent{Name: key})
}

// PressShortcut presses Ctrl (Cmd on macOS) with key as the desktop window
// delivers it: Ctrl+Z, Y and A become Fyne's Undo, Redo and Select all,
// any other key a desktop.CustomShortcut; a focused widget that takes
// shortcuts gets it, and otherwise the window's canvas.
func PressShortcut(w fyne.Window, key fyne.KeyName) {
	var s fyne.Shortcut = &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault}
	switch key {
	case fyne.KeyZ:
		s = &fyne.ShortcutUndo{}
	case fyne.KeyY:
		s = &fyne.ShortcutRedo{}
	case fyne.KeyA:
		s = &fyne.ShortcutSelectAll{}
	}
	if f, ok := w.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
		return
	}
	w.Canvas().(fyne.Shortcutable).TypedShortcut(s)
}

// TypeText types into the focused widget.
func TypeText(w fyne.Window, text string) {
	focused := w.Canvas().Focused()
	for _, r := range text {
		focused.TypedRune(r)
	}
}

// Window is a test window of the app's usual size, closed with the test.
func Window(t testing.TB) fyne.Window {
	t.Helper()
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1100, 720))
	return w
}

// ReviewWorkspace is a review's workspace: read-only from the start, on
// the demo's continuum, judged as of ReviewDay.
func ReviewWorkspace() *screen.Workspace {
	ws := screen.NewWorkspace()
	ws.SetReadOnly(true)
	ws.SetToday(ReviewDay)
	ws.SelectContinuum(DemoID)
	return ws
}

// Hidden fails for each of objects that is shown.
func Hidden(t testing.TB, what string, objects ...fyne.CanvasObject) {
	t.Helper()
	for i, o := range objects {
		if o.Visible() {
			t.Errorf("%s: control %d is shown", what, i)
		}
	}
}

// Shown lists the objects under o that are shown: hidden ones and what
// they hold are left out.
func Shown(o fyne.CanvasObject) []fyne.CanvasObject {
	if o == nil || !o.Visible() {
		return nil
	}
	out := []fyne.CanvasObject{o}
	switch c := o.(type) {
	case fyne.Widget:
		for _, child := range c.CreateRenderer().Objects() {
			out = append(out, Shown(child)...)
		}
	case *fyne.Container:
		for _, child := range c.Objects {
			out = append(out, Shown(child)...)
		}
	}
	return out
}

// EditLabels are the labels of the buttons that change something, on any
// screen of the app.
var EditLabels = []string{"New continuum", "Rename…", "Duplicate…", "Delete…", "Settings…", "Add target",
	"Save", "Add student", "New student", "Remove…", "Score it today", "New block…", "Edit…", "Suggest", "Re-suggest",
	"Save placements", "Move to…", "New unit", "Edit plan…", "Earlier", "Later", "Duplicate", "Make a flex block for support",
	"Import…", "Export…", "Undo", "Open for review…", "Groups…", "New group…", "Delete group…"}

// NoEditing fails when the window shows a button that changes something.
func NoEditing(t testing.TB, w fyne.Window, screen string) {
	t.Helper()
	for _, o := range Shown(w.Content()) {
		var text string
		switch b := o.(type) {
		case *widget.Button:
			text = b.Text
		case *widgets.Button:
			text = b.Text
		case *widget.Label:
			text = b.Text
		}
		if strings.HasPrefix(text, "Undo ") {
			text = "Undo"
		}
		if slices.Contains(EditLabels, text) {
			t.Errorf("%s shows %q", screen, text)
		}
	}
}

// DialogTexts lists the texts of the window's dialogs.
func DialogTexts(w fyne.Window) []string {
	var out []string
	for _, ov := range w.Canvas().Overlays().List() {
		for _, o := range test.LaidOutObjects(ov) {
			switch v := o.(type) {
			case *widget.Label:
				out = append(out, v.Text)
			case *widget.Button:
				out = append(out, v.Text)
			}
		}
	}
	return out
}

// DialogShows reports whether a dialog shows part (a dialog may capitalise it).
func DialogShows(w fyne.Window, part string) bool {
	return slices.ContainsFunc(DialogTexts(w), func(s string) bool {
		return strings.Contains(strings.ToLower(s), strings.ToLower(part))
	})
}

// CloseDialogs closes every dialog over the window.
func CloseDialogs(w fyne.Window) {
	for w.Canvas().Overlays().Top() != nil {
		w.Canvas().Overlays().Remove(w.Canvas().Overlays().Top())
	}
}

// Texts lists the text a person sees in o, in tree order: labels,
// buttons and rich text whole, and the canvas texts of other widgets.
func Texts(o fyne.CanvasObject) []string {
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o := o.(type) {
		case *widget.Label:
			add(o.Text)
		case *widget.Button:
			add(o.Text)
		case *widget.RichText:
			add(o.String())
		case *canvas.Text:
			add(o.Text)
		case *fyne.Container:
			for _, k := range o.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(o).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return out
}

// OverlayButton finds a button by its text in the top dialog.
func OverlayButton(t testing.TB, w fyne.Window, text string) fyne.Tappable {
	t.Helper()
	top := w.Canvas().Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to find %q in", text)
	}
	for _, o := range test.LaidOutObjects(top) {
		switch b := o.(type) {
		case *widget.Button:
			if b.Text == text {
				return b
			}
		case *widgets.Button:
			if b.Text == text {
				return b
			}
		}
	}
	t.Fatalf("no button %q in the dialog", text)
	return nil
}

// TapOverlayButton taps the button of the top dialog with text.
func TapOverlayButton(t testing.TB, w fyne.Window, text string) {
	t.Helper()
	test.Tap(OverlayButton(t, w, text))
}
