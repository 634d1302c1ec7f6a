package settings

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

func (s *Settings) onEncrypt() {
	f := newPassphraseForm(s.win, "Encrypt the data folder",
		"Encrypting rewrites the data folder "+s.vault.Folder()+" so that it, and every automatic backup from now on, "+
			"opens only with a passphrase. Continuum Planner asks for it each time it starts. "+
			"Automatic backups taken before stay as they were: remove them from "+s.vault.Folder()+".backups if they must not be kept readable. "+
			"A recovery key is shown once afterwards: write it down, it is the only way in if the passphrase is forgotten.",
		"Encrypt", false, true)
	s.form = f
	var before []Backup // taken before the folder was encrypted
	f.show("Encrypting the data folder… Continuum Planner reopens it when this is done.",
		func(ctx context.Context, _, fresh string) (string, error) {
			var err error
			if before, err = s.vault.Backups(ctx); err != nil {
				return "", err
			}
			return s.vault.Encrypt(ctx, fresh)
		},
		func(key string) {
			s.Refresh()
			ShowRecoveryKey(s.win, key, func() { s.offerRemoval(before) })
		})
}

// offerRemoval offers to remove the automatic backups taken before the
// folder was encrypted, which its passphrase does not protect.
func (s *Settings) offerRemoval(before []Backup) {
	if len(before) == 0 {
		return
	}
	paths := make([]string, len(before))
	for i, b := range before {
		paths[i] = b.Path
	}
	title, them, they, hold := "Remove the backups taken before?", "them", "they", "hold"
	if len(before) == 1 {
		title, them, they, hold = "Remove the backup taken before?", "it", "it", "holds"
	}
	msg := continuum.Plural(len(before), "automatic backup was", "automatic backups were") +
		" taken before the data folder was encrypted. The new passphrase does not protect " + them + ": " +
		they + " " + hold + " the students' data as it was then, readable by anyone who can read this computer's files. " +
		"Remove " + them + ", or keep " + them + " to be able to restore " + them + " (" + they + " can be removed later from " +
		s.vault.Folder() + ".backups)."
	c := widgets.ShowConfirmation(s.win, title, msg, "Remove "+them, func() {
		screen.Run(func(ctx context.Context) (struct{}, error) { return struct{}{}, s.vault.RemoveBackups(ctx, paths) },
			func(struct{}) { s.Refresh() },
			func(err error) {
				s.Refresh()
				screen.ShowError(s.win, fmt.Errorf("the backups taken before could not all be removed: %s", continuum.ErrorMessage(err)))
			})
	})
	c.CancelButton().SetText("Keep " + them)
}

func (s *Settings) onChangePassphrase() {
	f := newPassphraseForm(s.win, "Change the passphrase",
		"The data is not rewritten: only the passphrase that opens it changes. The recovery key you wrote down stays valid.",
		"Change", true, true)
	s.form = f
	f.show("Changing the passphrase…",
		func(ctx context.Context, current, fresh string) (string, error) {
			return "", s.vault.ChangePassphrase(ctx, current, fresh)
		},
		func(string) {
			s.Refresh()
			screen.ShowInfo(s.win, "Passphrase changed", "From now on the data folder opens with the new passphrase (or the recovery key).")
		})
}

func (s *Settings) onDecrypt() {
	f := newPassphraseForm(s.win, "Decrypt the data folder",
		"Decrypting rewrites the data folder "+s.vault.Folder()+" without encryption: anyone who can read this computer's files "+
			"will then be able to read the students' data, and Continuum Planner will no longer ask for a passphrase. "+
			"Backups taken before stay encrypted.",
		"Decrypt", true, false)
	f.dlg.ConfirmButton().Importance = widget.DangerImportance
	s.form = f
	f.show("Decrypting the data folder… Continuum Planner reopens it when this is done.",
		func(ctx context.Context, current, _ string) (string, error) { return "", s.vault.Decrypt(ctx, current) },
		func(string) {
			s.Refresh()
			screen.ShowInfo(s.win, "Data folder decrypted", "The data folder is no longer encrypted. You can encrypt it again from Settings at any time.")
		})
}
