package widgets

import (
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
	onClosed func() // told once the dialog has closed, however
}

// NewFormDialog builds a dialog around body. confirm names the action
// ("Create", "Save"); onConfirm runs when it is chosen (or Enter is
// pressed in a field wired to submit). left holds extra buttons.
func NewFormDialog(win fyne.Window, title string, body fyne.CanvasObject, confirm string, onConfirm func(), left ...fyne.CanvasObject) *FormDialog {
	d := &FormDialog{win: win, onConfirm: onConfirm}
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
