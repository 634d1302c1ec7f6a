package settings

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/ui/widgets"
)

// ShowRecoveryKey shows the recovery key of a newly encrypted data folder,
// the one time it is shown, with a Copy button; onClosed, when not nil, is
// called once the teacher has closed it.
func ShowRecoveryKey(win fyne.Window, key string, onClosed func()) {
	intro := widgets.Wrapped("This is the only time this key is shown. If the passphrase is ever forgotten, " +
		"the recovery key is the only way to open the students' data: write it down now and keep it " +
		"somewhere safe, away from this computer.")
	shown := widget.NewLabelWithStyle(key, fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	shown.SizeName = theme.SizeNameSubHeadingText
	shown.Selectable = true
	copied := widget.NewLabel("")
	var d *dialog.CustomDialog
	copyBtn := widgets.NewButton("Copy", theme.ContentCopyIcon(), func() {
		fyne.CurrentApp().Clipboard().SetContent(key)
		copied.SetText("Copied. Paste it where you keep such things, then clear the clipboard.")
	})
	done := widgets.NewButton("I have written it down", theme.ConfirmIcon(), func() { d.Hide() })
	done.Importance = widget.HighImportance
	content := container.NewBorder(nil, container.NewHBox(copyBtn, layout.NewSpacer(), done), nil, nil,
		container.NewVBox(intro, shown, copied))
	d = dialog.NewCustomWithoutButtons("Write down your recovery key", content, win)
	d.SetIcon(theme.WarningIcon())
	if onClosed != nil {
		d.SetOnClosed(onClosed)
	}
	d.Resize(fyne.NewSize(560, 0))
	d.Show()
	win.Canvas().Focus(done)
}
