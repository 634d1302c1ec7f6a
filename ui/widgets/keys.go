package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Fyne's dialogs do not close on Escape, and a focused widget swallows the
// key before the window sees it. The widgets here are Fyne's own with one
// addition: they report Escape (and, for the entry, any key the caller
// wants first), so a dialog can close from wherever the focus is.

// Escaper is a widget that reports the Escape key.
type Escaper interface {
	// SetOnEscape sets what Escape does while the widget has the focus.
	SetOnEscape(f func())
}

// SetOnEscape makes Escape call f from every Escaper under root: inside
// containers, scroll containers, tabs and forms.
func SetOnEscape(root fyne.CanvasObject, f func()) {
	if o, ok := root.(Escaper); ok {
		o.SetOnEscape(f)
		return
	}
	for _, c := range children(root) {
		SetOnEscape(c, f)
	}
}

// children returns what a layout object holds: a container's objects, a
// scroll's content, each tab's content, a split's two sides, a form's
// widgets; nil for anything else. Walks over a screen's inputs use it.
func children(o fyne.CanvasObject) []fyne.CanvasObject {
	switch v := o.(type) {
	case *fyne.Container:
		return v.Objects
	case *container.Scroll:
		return []fyne.CanvasObject{v.Content}
	case *container.AppTabs:
		out := make([]fyne.CanvasObject, len(v.Items))
		for i, it := range v.Items {
			out[i] = it.Content
		}
		return out
	case *container.Split:
		return []fyne.CanvasObject{v.Leading, v.Trailing}
	case *widget.Form:
		out := make([]fyne.CanvasObject, len(v.Items))
		for i, it := range v.Items {
			out[i] = it.Widget
		}
		return out
	}
	return nil
}

// Entry is a widget.Entry that reports Escape and lets its owner handle
// keys first (e.g. Down to leave a search field).
type Entry struct {
	widget.Entry

	// OnEscape is called when Escape is pressed; nil leaves the key to the entry.
	OnEscape func()
	// OnKey sees every key before the entry; returning true consumes it.
	OnKey func(key fyne.KeyName) bool
}

// NewEntry returns a single-line entry.
func NewEntry() *Entry {
	e := &Entry{}
	e.ExtendBaseWidget(e)
	return e
}

// NewMultiLineEntry returns an entry of several lines that wraps words.
func NewMultiLineEntry(rows int) *Entry {
	e := &Entry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.SetMinRowsVisible(rows)
	e.ExtendBaseWidget(e)
	return e
}

// SetOnEscape implements Escaper.
func (e *Entry) SetOnEscape(f func()) { e.OnEscape = f }

// TypedShortcut lets the entry act on the editing shortcuts it knows and
// passes the app's own (switching screens, undo on an untouched field) to
// the window, which a plain widget.Entry would swallow.
func (e *Entry) TypedShortcut(s fyne.Shortcut) { passShortcut(&e.Entry, e, s) }

// TypedKey hands Escape and the keys the owner wants to the owner.
func (e *Entry) TypedKey(k *fyne.KeyEvent) {
	if e.OnKey != nil && e.OnKey(k.Name) {
		return
	}
	if k.Name == fyne.KeyEscape && e.OnEscape != nil {
		e.OnEscape()
		return
	}
	e.Entry.TypedKey(k)
}

// Button is a widget.Button that reports Escape.
type Button struct {
	widget.Button

	// OnEscape is called when Escape is pressed.
	OnEscape func()
}

// NewButton returns a button with a label and an optional icon.
func NewButton(label string, icon fyne.Resource, tapped func()) *Button {
	b := &Button{}
	b.Text, b.Icon, b.OnTapped = label, icon, tapped
	b.ExtendBaseWidget(b)
	return b
}

// SetOnEscape implements Escaper.
func (b *Button) SetOnEscape(f func()) { b.OnEscape = f }

// TypedKey activates the button on Space or Enter and reports Escape.
func (b *Button) TypedKey(k *fyne.KeyEvent) {
	switch k.Name {
	case fyne.KeyEscape:
		if b.OnEscape != nil {
			b.OnEscape()
		}
	case fyne.KeyReturn, fyne.KeyEnter:
		if !b.Disabled() {
			b.Tapped(nil)
		}
	default:
		b.Button.TypedKey(k)
	}
}

// Check is a widget.Check that reports Escape.
type Check struct {
	widget.Check

	// OnEscape is called when Escape is pressed.
	OnEscape func()
}

// NewCheck returns a check box with a label.
func NewCheck(label string, changed func(bool)) *Check {
	c := &Check{}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// SetOnEscape implements Escaper.
func (c *Check) SetOnEscape(f func()) { c.OnEscape = f }

// TypedKey reports Escape.
func (c *Check) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && c.OnEscape != nil {
		c.OnEscape()
		return
	}
	c.Check.TypedKey(k)
}

// Select is a widget.Select that reports Escape.
type Select struct {
	widget.Select

	// OnEscape is called when Escape is pressed.
	OnEscape func()
}

// NewSelect returns a drop-down choice of options.
func NewSelect(options []string, changed func(string)) *Select {
	s := &Select{}
	s.Options, s.OnChanged = options, changed
	s.PlaceHolder = "(choose)"
	s.ExtendBaseWidget(s)
	return s
}

// SetOnEscape implements Escaper.
func (s *Select) SetOnEscape(f func()) { s.OnEscape = f }

// TypedKey reports Escape.
func (s *Select) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && s.OnEscape != nil {
		s.OnEscape()
		return
	}
	s.Select.TypedKey(k)
}
