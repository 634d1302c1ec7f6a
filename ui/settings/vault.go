// Package settings is the app's care of the data folder itself: the
// passphrase asked at start for an encrypted folder, the damaged-folder
// screen that restores the newest backup, and the Settings dialog
// (encryption on or off, the passphrase, the automatic backups and how
// many are kept). It reaches the folder through Vault, which cmd/ wires
// to the store.
package settings

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

// ErrWrongPassphrase is what the functions handed to this package return
// when the passphrase or recovery key given does not open the data folder.
var ErrWrongPassphrase = errors.New("wrong passphrase")

// ErrBackupLocked is what Vault.Restore returns for a backup encrypted
// under another key than the data folder's (taken before the folder was
// decrypted, or encrypted anew) when no passphrase, or the folder's, was
// given: it opens with the passphrase the folder had when it was taken.
var ErrBackupLocked = errors.New("the backup needs the passphrase it was taken with")

// Backup is one automatic backup of the data folder.
type Backup struct {
	// Path is the backup file.
	Path string
	// Taken is when it was taken.
	Taken time.Time
	// Size is the file's size in bytes.
	Size int64
	// Before says what made it: "import into Mathematics", "restore".
	Before string
}

// Vault is what the Settings dialog needs of the data folder. A change
// that closes and reopens the store (encrypting, decrypting, restoring a
// backup, keeping a different number of backups) rebuilds the window's
// screens on it before it returns; the dialog stays open over them.
type Vault interface {
	// Folder is the data folder's path, for messages.
	Folder() string
	// Encrypted reports whether the data folder is encrypted.
	Encrypted() bool
	// Encrypt encrypts the data folder under passphrase and returns its
	// recovery key, to be shown once.
	Encrypt(ctx context.Context, passphrase string) (recoveryKey string, err error)
	// Decrypt turns the encrypted data folder back into a plain one, given
	// its passphrase or recovery key.
	Decrypt(ctx context.Context, passphrase string) error
	// ChangePassphrase replaces the passphrase; old may be the recovery key.
	ChangePassphrase(ctx context.Context, old, passphrase string) error
	// Backups lists the automatic backups, newest first.
	Backups(ctx context.Context) ([]Backup, error)
	// Restore replaces the data with the backup at path, after a safety
	// backup of the data it replaces, whose path it returns. passphrase
	// is "" but for a backup that returned ErrBackupLocked.
	Restore(ctx context.Context, path, passphrase string) (safetyBackup string, err error)
	// RemoveBackups removes the automatic backups at paths.
	RemoveBackups(ctx context.Context, paths []string) error
	// Retention says how many of the newest backups are kept, and for how
	// many days the newest of each day is kept besides.
	Retention() (last, days int)
	// SetRetention changes Retention; it applies from the next backup on.
	SetRetention(last, days int) error
}

// Recovery is what the damaged-folder screen needs: the newest automatic
// backup, and restoring it into the folder.
type Recovery interface {
	// Folder is the data folder's path, for messages.
	Folder() string
	// LatestBackup returns the newest automatic backup; ok is false when
	// there is none.
	LatestBackup() (b Backup, ok bool, err error)
	// RestoreLatest restores the newest automatic backup into the folder
	// and opens the store on it. It returns where the damaged folder was
	// kept ("" when it was not moved).
	RestoreLatest(ctx context.Context) (damagedKept string, err error)
}

// describe is one backup in words: when, why and how big.
func describe(b Backup) string {
	why := b.Before
	if why == "" {
		why = "an automatic backup"
	} else {
		why = "before " + why
	}
	return fmt.Sprintf("%s — %s — %s", takenAt(b), why, continuum.ByteSize(b.Size))
}

// takenAt says the day and time b was taken: "Tue, Dec 1, 2026 at 15:30".
func takenAt(b Backup) string {
	return continuum.DateOf(b.Taken).WithWeekday() + " at " + b.Taken.Format("15:04")
}

// taken says when b was taken and before what, inside a sentence.
func taken(b Backup) string {
	when := takenAt(b)
	if b.Before == "" {
		return when
	}
	return when + " (before " + b.Before + ")"
}
