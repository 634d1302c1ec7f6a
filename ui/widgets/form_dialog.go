package widgets

import (
	"slices"
	"strconv"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FormDialog is a modal dialog around a form: a body, a line
// for what went wrong, and Cancel and confirm buttons (plus any on the
// left, such as Delete). It stays open until the work succeeds, so a
// refused change can be corrected; Escape closes it from any field.
type FormDialog struct {
	win       fyne.Window
	title     string
	body      fyne.CanvasObject
	content   *fyne.Container
	dlg       *dialog.CustomDialog
	message   *widget.Label
	confirm   *Button
	cancel    *Button
	onConfirm func()
	// First is focused when the dialog is shown.
	First fyne.Focusable

	open     bool              // shown and not yet closed
	overlay  fyne.CanvasObject // the dialog's layer on the window, while open
	prevKey  func(*fyne.KeyEvent)
	onClosed func()   // told once the dialog has closed, however
	shown    []string // the fields as they were when the dialog was shown
}

// NewFormDialog builds a dialog around body. confirm names the action
// ("Create", "Save"); onConfirm runs when it is chosen (or Enter is
// pressed in a field wired to submit). left holds extra buttons.
func NewFormDialog(win fyne.Window, title string, body fyne.CanvasObject, confirm string, onConfirm func(), left ...fyne.CanvasObject) *FormDialog {
	d := &FormDialog{win: win, title: title, body: body, onConfirm: onConfirm}
	d.message = widget.NewLabel("")
	d.message.Wrapping = fyne.TextWrapWord
	d.message.Importance = widget.DangerImportance
	d.message.Hide()
	d.cancel = NewButton("Cancel", theme.CancelIcon(), d.Hide)
	d.confirm = NewButton(confirm, theme.ConfirmIcon(), d.Submit)
	d.confirm.Importance = widget.HighImportance
	buttons := container.NewBorder(nil, nil, container.NewHBox(left...), container.NewHBox(d.cancel, d.confirm))
	d.content = container.NewBorder(nil, container.NewVBox(d.message, buttons), nil, nil, body)
	SetOnEscape(d.content, d.Hide)
	d.dlg = dialog.NewCustomWithoutButtons(title, d.content, win)
	d.dlg.SetOnClosed(d.closed)
	return d
}

// Show opens the dialog at least size big and focuses the first field.
func (d *FormDialog) Show(size fyne.Size) {
	c := d.win.Canvas()
	d.prevKey = c.OnTypedKey()
	// With nothing focused, keys go to the window: Escape closes this
	// dialog when it is the one on top (not, say, an error shown over it).
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape && d.open && c.Overlays().Top() == d.overlay {
			d.Hide()
			return
		}
		if d.prevKey != nil {
			d.prevKey(ev)
		}
	})
	d.open = true
	d.shown = fieldState(d.body, nil)
	openForms.add(d)
	if !size.IsZero() {
		d.dlg.Resize(size.Max(d.dlg.MinSize()))
	}
	d.dlg.Show()
	d.overlay = c.Overlays().Top()
	if d.First != nil {
		c.Focus(d.First)
	}
}

// Hide closes the dialog without doing anything more.
func (d *FormDialog) Hide() {
	if d.open {
		d.dlg.Hide()
	}
}

func (d *FormDialog) closed() {
	if !d.open {
		return
	}
	d.open = false
	d.overlay = nil
	openForms.remove(d)
	d.win.Canvas().SetOnTypedKey(d.prevKey)
	if d.onClosed != nil {
		d.onClosed()
	}
}

// SetOnClosed sets what is done once the dialog has closed, whether by
// its buttons, Escape or Hide.
func (d *FormDialog) SetOnClosed(f func()) { d.onClosed = f }

// Submit runs the confirm action, as Enter in a field wired to it does,
// unless the dialog is closed or the action is already running.
func (d *FormDialog) Submit() {
	if d.open && !d.confirm.Disabled() && d.onConfirm != nil {
		d.onConfirm()
	}
}

// SetError shows what went wrong under the body ("" hides it).
func (d *FormDialog) SetError(msg string) {
	d.message.SetText(msg)
	if msg == "" {
		d.message.Hide()
	} else {
		d.message.Show()
	}
	d.content.Refresh()
}

// SetBusy disables the confirm button while the work runs.
func (d *FormDialog) SetBusy(busy bool) {
	if busy {
		d.confirm.Disable()
	} else {
		d.confirm.Enable()
	}
}

// ConfirmButton returns the button that confirms the dialog.
func (d *FormDialog) ConfirmButton() *Button { return d.confirm }

// CancelButton returns the dialog's Cancel button.
func (d *FormDialog) CancelButton() *Button { return d.cancel }

// Error returns what the dialog says went wrong, or "" when it says nothing.
func (d *FormDialog) Error() string {
	if !d.message.Visible() {
		return ""
	}
	return d.message.Text
}

// IsOpen reports whether the dialog is shown.
func (d *FormDialog) IsOpen() bool { return d.open }

// Title returns the dialog's title.
func (d *FormDialog) Title() string { return d.title }

// Changed reports whether the dialog is open with a field that differs
// from what it held when the dialog was shown: work a close would lose.
func (d *FormDialog) Changed() bool {
	return d.open && !slices.Equal(d.shown, fieldState(d.body, nil))
}

// UnsavedForms returns the titles of the form dialogs open over win whose
// fields were changed, for the window to ask about before it closes.
func UnsavedForms(win fyne.Window) []string {
	var out []string
	for _, d := range openForms.over(win) {
		if d.Changed() {
			out = append(out, d.title)
		}
	}
	return out
}

// formRegistry lists the form dialogs open over each window.
type formRegistry struct {
	mu   sync.Mutex
	open map[fyne.Window][]*FormDialog
}

var openForms = &formRegistry{open: map[fyne.Window][]*FormDialog{}}

func (r *formRegistry) add(d *FormDialog) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if !slices.Contains(r.open[d.win], d) {
		r.open[d.win] = append(r.open[d.win], d)
	}
}

func (r *formRegistry) remove(d *FormDialog) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.open[d.win] = slices.DeleteFunc(r.open[d.win], func(o *FormDialog) bool { return o == d })
	if len(r.open[d.win]) == 0 {
		delete(r.open, d.win)
	}
}

func (r *formRegistry) over(win fyne.Window) []*FormDialog {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.open[win])
}

// fieldState appends what each field under o holds, in tree order: the
// text of entries, the choice of selects and radio groups, the state of
// check boxes and the targets ticked in a choice list.
func fieldState(o fyne.CanvasObject, out []string) []string {
	switch v := o.(type) {
	case *Entry:
		return append(out, v.Text)
	case *CellEntry:
		return append(out, v.Text)
	case *widget.Entry:
		return append(out, v.Text)
	case *widget.SelectEntry:
		return append(out, v.Text)
	case *Select:
		return append(out, v.Selected)
	case *widget.Select:
		return append(out, v.Selected)
	case *widget.RadioGroup:
		return append(out, v.Selected)
	case *Check:
		return append(out, strconv.FormatBool(v.Checked))
	case *widget.Check:
		return append(out, strconv.FormatBool(v.Checked))
	case *ChoiceList:
		return append(out, strings.Join(v.Chosen(), "\x00"))
	case *fyne.Container:
		for _, c := range v.Objects {
			out = fieldState(c, out)
		}
	case *container.Scroll:
		return fieldState(v.Content, out)
	case *container.AppTabs:
		for _, it := range v.Items {
			out = fieldState(it.Content, out)
		}
	case *container.Split:
		return fieldState(v.Trailing, fieldState(v.Leading, out))
	case *widget.Form:
		for _, it := range v.Items {
			out = fieldState(it.Widget, out)
		}
	}
	return out
}

// ShowConfirmation asks before a change that removes something. The focus
// starts on Cancel, so a stray key press removes nothing; Escape cancels.
func ShowConfirmation(win fyne.Window, title, message, action string, onConfirm func()) {
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	cancel := NewButton("Cancel", theme.CancelIcon(), func() { d.Hide() })
	confirm := NewButton(action, theme.DeleteIcon(), func() {
		d.Hide()
		onConfirm()
	})
	confirm.Importance = widget.DangerImportance
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), cancel, confirm), nil, nil, text)
	d = dialog.NewCustomWithoutButtons(title, content, win)
	SetOnEscape(content, d.Hide)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	win.Canvas().Focus(cancel)
}

// ShowMessage shows a message with an OK button, as Fyne's information and
// error dialogs do, but one the keyboard can close: the focus starts on OK,
// so Enter, Space or Escape closes it. icon may be nil.
func ShowMessage(win fyne.Window, title, message string, icon fyne.Resource) {
	text := widget.NewLabel(message)
	text.Wrapping = fyne.TextWrapWord
	var d *dialog.CustomDialog
	ok := NewButton("OK", nil, func() { d.Hide() })
	ok.Importance = widget.HighImportance
	ok.OnEscape = func() { d.Hide() }
	content := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), ok), nil, nil, text)
	d = dialog.NewCustomWithoutButtons(title, content, win)
	if icon != nil {
		d.SetIcon(icon)
	}
	// As wide as the longest line (a file's path, say), so that nothing is
	// broken mid-word, within reason: from 420 to 760 px.
	longest := widget.NewLabel(message).MinSize().Width + 10*theme.Padding() // the dialog's own margins
	d.Resize(fyne.NewSize(min(max(longest, 420), 760), 0))
	d.Show()
	win.Canvas().Focus(ok)
}
