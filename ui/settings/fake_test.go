package settings

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"
)

// fakeVault is a data folder in memory: its passphrase, its backups, and
// what was asked of it.
type fakeVault struct {
	passphrase string // "" when not encrypted
	backups    []Backup
	last, days int

	locked   map[string]string // the passphrase of backups encrypted under another key
	removed  []string          // backups removed
	restored []string          // paths restored, in order
	reopened int               // times the store was closed and reopened
}

func (v *fakeVault) Folder() string  { return "/home/teacher/store" }
func (v *fakeVault) Encrypted() bool { return v.passphrase != "" }

func (v *fakeVault) Encrypt(_ context.Context, p string) (string, error) {
	if len([]rune(p)) < 8 {
		return "", fmt.Errorf("the new passphrase has %d characters; choose one of at least 8", len([]rune(p)))
	}
	v.passphrase = p
	v.reopened++
	return "ABCD-EFGH-IJKL-MNOP-QRST-UVWX-YZ23-4567", nil
}

func (v *fakeVault) Decrypt(_ context.Context, p string) error {
	if p != v.passphrase {
		return fmt.Errorf("decrypt: %w", ErrWrongPassphrase)
	}
	v.passphrase = ""
	v.reopened++
	return nil
}

func (v *fakeVault) ChangePassphrase(_ context.Context, old, p string) error {
	if old != v.passphrase {
		return fmt.Errorf("change: %w", ErrWrongPassphrase)
	}
	v.passphrase = p
	return nil
}

func (v *fakeVault) Backups(context.Context) ([]Backup, error) { return v.backups, nil }

func (v *fakeVault) Restore(_ context.Context, path, passphrase string) (string, error) {
	if lock, ok := v.locked[path]; ok && passphrase != lock {
		if passphrase == "" {
			return "", fmt.Errorf("restore: %w", ErrBackupLocked)
		}
		return "", fmt.Errorf("restore: %w", ErrWrongPassphrase)
	}
	for _, b := range v.backups {
		if b.Path == path {
			v.restored = append(v.restored, path)
			v.reopened++
			safety := Backup{Path: "/home/teacher/store.backups/20261202-100000-before-restore.backup",
				Taken: time.Date(2026, 12, 2, 10, 0, 0, 0, time.Local), Size: 4096, Before: "restore"}
			v.backups = append([]Backup{safety}, v.backups...)
			return safety.Path, nil
		}
	}
	return "", errors.New("no such backup")
}

func (v *fakeVault) RemoveBackups(_ context.Context, paths []string) error {
	v.removed = append(v.removed, paths...)
	v.backups = slices.DeleteFunc(v.backups, func(b Backup) bool { return slices.Contains(paths, b.Path) })
	return nil
}

func (v *fakeVault) Retention() (int, int) { return v.last, v.days }

func (v *fakeVault) SetRetention(last, days int) error {
	v.last, v.days = last, days
	v.reopened++
	return nil
}

// twoBackups are a folder's automatic backups, newest first.
func twoBackups() []Backup {
	return []Backup{
		{Path: "/home/teacher/store.backups/20261201-153000-before-import.backup", Taken: time.Date(2026, 12, 1, 15, 30, 0, 0, time.Local),
			Size: 2_400_000, Before: "import into Math Foundations"},
		{Path: "/home/teacher/store.backups/20261125-080000-before-import.backup", Taken: time.Date(2026, 11, 25, 8, 0, 0, 0, time.Local),
			Size: 812_000, Before: "class-list import"},
	}
}
