package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// NavKey is a key that moves between cells rather than editing text.
type NavKey int

// The keys a CellEntry hands to its OnNav handler.
const (
	// NavEnter is Return or Enter.
	NavEnter NavKey = iota
	// NavDown is the down arrow.
	NavDown
	// NavUp is the up arrow.
	NavUp
	// NavTab is Tab.
	NavTab
	// NavBackTab is Shift+Tab.
	NavBackTab
	// NavEscape is Escape.
	NavEscape
)

// String names the key as a teacher reads it.
func (k NavKey) String() string {
	switch k {
	case NavEnter:
		return "Enter"
	case NavDown:
		return "Down"
	case NavUp:
		return "Up"
	case NavTab:
		return "Tab"
	case NavBackTab:
		return "Shift+Tab"
	case NavEscape:
		return "Escape"
	}
	return "?"
}

// CellEntry is a one-line entry for keyboard-first work across rows of
// cells, as in a spreadsheet. Enter, Up, Down, Tab, Shift+Tab and Escape go
// to OnNav before the entry sees them; gaining the focus selects the text
// so that typing replaces it. When the entry is empty, Undo goes to the
// window (so Ctrl+Z undoes the last change saved rather than bringing back
// text just sent), and so does any shortcut the entry does not know.
type CellEntry struct {
	widget.Entry

	// OnNav, when set, sees the navigation keys first; returning true consumes the key.
	OnNav func(key NavKey) bool
	// OnFocus, when set, is called after the entry gains the focus.
	OnFocus func()
	// OnFocusLost, when set, is called after the entry loses the focus.
	OnFocusLost func()
	// OnShortcut, when set, sees shortcuts first; returning true consumes the shortcut.
	OnShortcut func(s fyne.Shortcut) bool

	shift bool // Shift is held, as far as this entry has seen
}

// NewCellEntry returns an empty cell entry.
func NewCellEntry() *CellEntry {
	e := &CellEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab reports true so that Tab and Shift+Tab reach OnNav instead of
// moving the focus in tree order.
func (e *CellEntry) AcceptsTab() bool { return e.OnNav != nil }

// TypedKey hands navigation keys to OnNav, and the rest to the entry.
func (e *CellEntry) TypedKey(ev *fyne.KeyEvent) {
	if e.OnNav != nil && !e.Disabled() {
		if k, ok := e.navKey(ev.Name); ok && e.OnNav(k) {
			return
		}
	}
	if ev.Name == fyne.KeyTab {
		// Never type a tab character into a cell: move on as Tab does elsewhere.
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			if e.shiftHeld() {
				c.FocusPrevious()
			} else {
				c.FocusNext()
			}
		}
		return
	}
	e.Entry.TypedKey(ev)
}

func (e *CellEntry) navKey(name fyne.KeyName) (NavKey, bool) {
	switch name {
	case fyne.KeyReturn, fyne.KeyEnter:
		return NavEnter, true
	case fyne.KeyDown:
		return NavDown, true
	case fyne.KeyUp:
		return NavUp, true
	case fyne.KeyEscape:
		return NavEscape, true
	case fyne.KeyTab:
		if e.shiftHeld() {
			return NavBackTab, true
		}
		return NavTab, true
	}
	return 0, false
}

func (e *CellEntry) shiftHeld() bool {
	if d, ok := fyne.CurrentApp().Driver().(desktop.Driver); ok && d.CurrentKeyModifiers()&fyne.KeyModifierShift != 0 {
		return true
	}
	return e.shift
}

// KeyDown notes Shift so that Shift+Tab can be told from Tab.
func (e *CellEntry) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = true
	}
	e.Entry.KeyDown(ev)
}

// KeyUp notes the release of Shift.
func (e *CellEntry) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyShiftLeft || ev.Name == desktop.KeyShiftRight {
		e.shift = false
	}
	e.Entry.KeyUp(ev)
}

// FocusGained selects the text, so that typing replaces it, and calls OnFocus.
func (e *CellEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.Text != "" {
		e.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
	if e.OnFocus != nil {
		e.OnFocus()
	}
}

// FocusLost forgets Shift (its release may go to another widget) and
// calls OnFocusLost.
func (e *CellEntry) FocusLost() {
	e.shift = false
	e.Entry.FocusLost()
	if e.OnFocusLost != nil {
		e.OnFocusLost()
	}
}

// TypedShortcut offers s to OnShortcut, then to the entry for the editing
// shortcuts it knows, and otherwise to the window.
func (e *CellEntry) TypedShortcut(s fyne.Shortcut) {
	if e.OnShortcut != nil && e.OnShortcut(s) {
		return
	}
	passShortcut(&e.Entry, e, s)
}

// passShortcut gives s to entry when it is an editing shortcut the entry
// acts on (undo only while it holds text), and otherwise to the window of
// self, where the app's own shortcuts are registered.
func passShortcut(entry *widget.Entry, self fyne.CanvasObject, s fyne.Shortcut) {
	switch sc := s.(type) {
	case *fyne.ShortcutUndo, *fyne.ShortcutRedo:
		if entry.Text != "" {
			entry.TypedShortcut(s)
			return
		}
		key := fyne.KeyZ
		if _, redo := s.(*fyne.ShortcutRedo); redo {
			key = fyne.KeyY
		}
		toWindow(self, &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault})
	case *desktop.CustomShortcut:
		entry.TypedShortcut(s)
		if !entryKnows(sc) {
			toWindow(self, s)
		}
	default:
		entry.TypedShortcut(s)
	}
}

// entryKnows reports whether the entry itself acts on a custom shortcut:
// moving or selecting by word with the arrows, Home and End.
func entryKnows(s *desktop.CustomShortcut) bool {
	switch s.KeyName {
	case fyne.KeyLeft, fyne.KeyRight, fyne.KeyHome, fyne.KeyEnd, fyne.KeyBackspace, fyne.KeyDelete:
		return true
	}
	return false
}

// toWindow passes a shortcut to the canvas of o, where the app's own
// shortcuts (switching screens, undo) are registered.
func toWindow(o fyne.CanvasObject, s fyne.Shortcut) {
	c := fyne.CurrentApp().Driver().CanvasForObject(o)
	if sc, ok := c.(fyne.Shortcutable); ok {
		sc.TypedShortcut(s)
	}
}
