package settings

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Settings is the Settings dialog: whether the data folder is encrypted
// (encrypt it, change the passphrase, decrypt it) and its automatic
// backups (restore one, how many are kept).
type Settings struct {
	win   fyne.Window
	vault Vault

	state      *widget.Label
	encryptBtn *widget.Button
	changeBtn  *widget.Button
	decryptBtn *widget.Button
	backups    *fyne.Container // one row per backup
	noBackups  *widget.Label
	keepLast   *widget.Select
	keepDays   *widget.Select
	content    fyne.CanvasObject
	dlg        *dialog.CustomDialog

	// form is the passphrase form open over the dialog, if any (for tests).
	form *passphraseForm
}

// keepLastChoices and keepDayChoices are the retention the dialog offers.
var (
	keepLastChoices = []string{"3", "5", "10", "20", "50"}
	keepDayChoices  = []string{"0", "7", "14", "30", "60"}
)

// New builds the Settings for vault's data folder, shown over win.
func New(win fyne.Window, vault Vault) *Settings {
	s := &Settings{win: win, vault: vault}
	s.state = widgets.Wrapped("")
	s.encryptBtn = widget.NewButtonWithIcon("Encrypt with a passphrase…", theme.AccountIcon(), s.onEncrypt)
	s.encryptBtn.Importance = widget.HighImportance
	s.changeBtn = widget.NewButtonWithIcon("Change the passphrase…", theme.DocumentCreateIcon(), s.onChangePassphrase)
	s.decryptBtn = widget.NewButtonWithIcon("Decrypt…", theme.VisibilityIcon(), s.onDecrypt)
	encryption := container.NewVBox(widgets.Section("Encryption"), s.state,
		container.NewHBox(s.encryptBtn, s.changeBtn, s.decryptBtn))

	s.backups = container.NewVBox()
	s.noBackups = widgets.Hint("No automatic backup yet: one is taken before every import and every restore.")
	s.keepLast = widget.NewSelect(keepLastChoices, nil)
	s.keepDays = widget.NewSelect(keepDayChoices, nil)
	apply := widget.NewButton("Keep these", s.onRetention)
	keep := container.NewHBox(widget.NewLabel("Keep the newest"), s.keepLast, widget.NewLabel("backups, and one a day for"),
		s.keepDays, widget.NewLabel("days"), apply)
	list := container.NewVScroll(container.NewVBox(s.noBackups, s.backups))
	list.SetMinSize(fyne.NewSize(0, 200))
	backups := container.NewBorder(container.NewVBox(widgets.Section("Automatic backups"),
		widgets.Hint("Taken before every import and every restore, in "+vault.Folder()+".backups.")),
		keep, nil, nil, list)
	s.content = container.NewBorder(container.NewVBox(encryption, widget.NewSeparator()), nil, nil, nil, backups)
	s.Refresh()
	return s
}

// Show opens the Settings dialog for vault's data folder over win.
func Show(win fyne.Window, vault Vault) *Settings {
	s := New(win, vault)
	close := widgets.NewButton("Close", theme.CancelIcon(), func() { s.dlg.Hide() })
	body := container.NewBorder(nil, container.NewHBox(layout.NewSpacer(), close), nil, nil, s.content)
	widgets.SetOnEscape(body, func() { s.dlg.Hide() })
	s.dlg = dialog.NewCustomWithoutButtons("Settings", body, win)
	s.dlg.Resize(fyne.NewSize(760, 560))
	s.dlg.Show()
	win.Canvas().Focus(close)
	return s
}

// Content returns the dialog's body.
func (s *Settings) Content() fyne.CanvasObject { return s.content }

// Refresh shows the folder's encryption and backups as they are now.
func (s *Settings) Refresh() {
	if s.vault.Encrypted() {
		s.state.SetText("The data folder is encrypted: Continuum Planner asks for the passphrase each time it starts, " +
			"and its files, and the automatic backups taken while it is encrypted, cannot be read without it.")
		s.encryptBtn.Hide()
		s.changeBtn.Show()
		s.decryptBtn.Show()
	} else {
		s.state.SetText("The data folder is not encrypted: anyone who can read this computer's files can read the students' data. " +
			"Encrypt it with a passphrase to protect it.")
		s.encryptBtn.Show()
		s.changeBtn.Hide()
		s.decryptBtn.Hide()
	}
	last, days := s.vault.Retention()
	s.keepLast.SetSelected(strconv.Itoa(last))
	s.keepDays.SetSelected(strconv.Itoa(days))
	screen.Run(s.vault.Backups, s.showBackups, func(err error) {
		s.backups.RemoveAll()
		s.noBackups.SetText("The automatic backups could not be listed: " + continuum.ErrorMessage(err))
		s.noBackups.Show()
	})
}

// showBackups lists all, newest first, each with its Restore button.
func (s *Settings) showBackups(all []Backup) {
	s.backups.RemoveAll()
	s.noBackups.SetText("No automatic backup yet: one is taken before every import and every restore.")
	if len(all) == 0 {
		s.noBackups.Show()
	} else {
		s.noBackups.Hide()
	}
	for _, b := range all {
		restore := widget.NewButtonWithIcon("Restore this backup…", theme.HistoryIcon(), func() { s.onRestore(b) })
		what := widget.NewLabel(describe(b))
		what.Truncation = fyne.TextTruncateEllipsis
		s.backups.Add(container.NewBorder(nil, nil, nil, restore, what))
	}
	s.backups.Refresh()
}

func (s *Settings) onRestore(b Backup) {
	msg := fmt.Sprintf("The data in %s will be replaced by the backup taken %s.\n\n"+
		"A safety backup of the data as it is now is taken first, so this can be undone by restoring that one. "+
		"Every screen reloads afterwards.", s.vault.Folder(), taken(b))
	c := widgets.ShowConfirmation(s.win, "Restore this backup?", msg, "Restore", func() { s.restore(b) })
	c.ConfirmButton().Icon = theme.HistoryIcon()
	c.ConfirmButton().Refresh()
}

// restore restores b with a progress dialog, then says where the safety
// backup went; a backup locked under another passphrase asks for it.
func (s *Settings) restore(b Backup) {
	prog := showWorking(s.win, "Restore", "Taking a safety backup, then restoring the backup taken "+takenAt(b)+"…")
	screen.Run(func(ctx context.Context) (string, error) { return s.vault.Restore(ctx, b.Path, "") },
		func(safety string) {
			prog.Hide()
			s.onRestored(safety)
		},
		func(err error) {
			prog.Hide()
			if errors.Is(err, ErrBackupLocked) {
				s.restoreLocked(b)
				return
			}
			s.Refresh()
			screen.ShowError(s.win, fmt.Errorf("the backup could not be restored; nothing was changed: %s", continuum.ErrorMessage(err)))
		})
}

// restoreLocked asks for the passphrase b was taken with, then restores it.
func (s *Settings) restoreLocked(b Backup) {
	f := newPassphraseForm(s.win, "This backup needs its passphrase",
		"The backup taken "+taken(b)+" was encrypted with another passphrase than the data folder has now "+
			"(it was taken before the folder was decrypted, or encrypted anew). "+
			"Type the passphrase, or the recovery key, the folder had then. A safety backup of the data as it is now is taken first.",
		"Restore", true, false)
	f.current.SetPlaceHolder("the passphrase or recovery key of then")
	s.form = f
	f.show("Taking a safety backup, then restoring…",
		func(ctx context.Context, current, _ string) (string, error) {
			return s.vault.Restore(ctx, b.Path, current)
		},
		s.onRestored)
}

// onRestored says the backup is restored and where the safety backup is.
func (s *Settings) onRestored(safety string) {
	s.Refresh()
	msg := "The data is as it was when the backup was taken, and every screen has reloaded."
	if safety != "" {
		msg += "\n\nThe data as it was just before is kept in the safety backup\n" + safety
	}
	screen.ShowInfo(s.win, "Backup restored", msg)
}

func (s *Settings) onRetention() {
	last, err1 := strconv.Atoi(s.keepLast.Selected)
	days, err2 := strconv.Atoi(s.keepDays.Selected)
	if err1 != nil || err2 != nil {
		return
	}
	screen.Run(func(context.Context) (struct{}, error) { return struct{}{}, s.vault.SetRetention(last, days) },
		func(struct{}) {
			s.Refresh()
			screen.ShowInfo(s.win, "Backups kept", fmt.Sprintf("From the next backup on, the newest %d are kept, and the newest of each day for %d days.", last, days))
		},
		func(err error) { screen.ShowError(s.win, err) })
}

// showWorking shows a dialog with text and a moving bar, for work that
// cannot be stopped half-way.
func showWorking(win fyne.Window, title, text string) *dialog.CustomDialog {
	label := widgets.Wrapped(text)
	d := dialog.NewCustomWithoutButtons(title, container.NewVBox(label, widget.NewProgressBarInfinite()), win)
	d.Resize(fyne.NewSize(460, 0))
	d.Show()
	return d
}
