package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ProgressDialog is a modal dialog over long work: a sentence saying how
// far it has got, a bar, and Cancel (Escape too). Its methods are for the
// UI goroutine; work off it hands its progress over with fyne.Do.
type ProgressDialog struct {
	// AfterSet, when set, is called after each Set (a test presses Cancel from it).
	AfterSet func()

	dlg    *dialog.CustomDialog
	label  *widget.Label
	bar    *widget.ProgressBar
	cancel *Button
	open   bool
}

// ShowProgress opens a progress dialog over win saying text. Cancel
// disables itself, says "Stopping…" and calls onCancel, which stops the
// work; the work's end closes the dialog (Hide).
func ShowProgress(win fyne.Window, title, text string, onCancel func()) *ProgressDialog {
	p := &ProgressDialog{}
	p.label = widget.NewLabel(text)
	p.label.Wrapping = fyne.TextWrapWord
	p.bar = widget.NewProgressBar()
	p.cancel = NewButton("Cancel", theme.CancelIcon(), func() {
		if p.cancel.Disabled() {
			return
		}
		p.cancel.Disable()
		p.label.SetText("Stopping…")
		if onCancel != nil {
			onCancel()
		}
	})
	content := container.NewVBox(p.label, p.bar, container.NewHBox(layout.NewSpacer(), p.cancel))
	SetOnEscape(content, p.cancel.OnTapped)
	p.dlg = dialog.NewCustomWithoutButtons(title, content, win)
	p.dlg.Resize(fyne.NewSize(440, p.dlg.MinSize().Height))
	p.open = true
	p.dlg.Show()
	win.Canvas().Focus(p.cancel)
	return p
}

// Set shows the share done, from 0 to 1, and text (unless Cancel was
// pressed, which keeps "Stopping…").
func (p *ProgressDialog) Set(value float64, text string) {
	if p.open {
		p.bar.SetValue(value)
		if !p.cancel.Disabled() && text != "" {
			p.label.SetText(text)
		}
	}
	if p.AfterSet != nil {
		p.AfterSet()
	}
}

// Cancel presses Cancel.
func (p *ProgressDialog) Cancel() { p.cancel.OnTapped() }

// Cancelled reports whether Cancel was pressed.
func (p *ProgressDialog) Cancelled() bool { return p.cancel.Disabled() }

// Text returns the sentence shown.
func (p *ProgressDialog) Text() string { return p.label.Text }

// Value returns the share shown as done, from 0 to 1.
func (p *ProgressDialog) Value() float64 { return p.bar.Value }

// IsOpen reports whether the dialog is shown.
func (p *ProgressDialog) IsOpen() bool { return p.open }

// Hide closes the dialog.
func (p *ProgressDialog) Hide() {
	if p.open {
		p.open = false
		p.dlg.Hide()
	}
}
