//go:build unix

package storage

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// ownerOnlyModes fails for every file under root that is not 0600 and
// every folder that is not 0700, root included.
func ownerOnlyModes(t *testing.T, root string) {
	t.Helper()
	n := 0
	must(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		want := fs.FileMode(0o600)
		if d.IsDir() {
			want = 0o700
		}
		if info.Mode().Perm() != want {
			t.Errorf("%s is %v; want %v", path, info.Mode().Perm(), want)
		}
		n++
		return nil
	}))
	if n < 3 {
		t.Errorf("only %d entries under %s: the check proves little", n, root)
	}
}

// Given the usual umask 022, every file of a data folder (plain or
// encrypted) and of its backups folder is 0600 and every folder 0700,
// after writes, automatic backups, a backup to a file and a restore; and
// files an older version left 0644 are made 0600 at the next Open.
func TestStoreFilesAreOwnerOnlyWhateverTheUmask(t *testing.T) {
	old := syscall.Umask(0o022)
	t.Cleanup(func() { syscall.Umask(old) })
	for _, encrypted := range []bool{false, true} {
		syscall.Umask(0o022)
		dir := plainFolder(t)
		opts := Options{}
		if encrypted {
			_, err := Encrypt(dir, testPassphrase)
			must(t, err)
			opts.Passphrase = testPassphrase
		}
		s := mustOpenDir(t, dir, opts)
		_, err := s.AutoBackup("before-import", "")
		must(t, err)
		hand := filepath.Join(filepath.Dir(dir), "hand.backup")
		must(t, s.BackupFile(hand))
		var b bytes.Buffer
		must(t, s.Backup(&b))
		_, err = s.Restore(&b)
		must(t, err)
		must(t, s.Close())
		ownerOnlyModes(t, dir)
		ownerOnlyModes(t, BackupsDir(dir))
		if info, err := os.Stat(hand); err != nil {
			t.Error(err)
		} else if info.Mode().Perm() != 0o600 {
			t.Errorf("the backup to a file is %v; want 0600", info.Mode().Perm())
		}

		// Files left open to others by an older version.
		syscall.Umask(0o022)
		for _, root := range []string{dir, BackupsDir(dir)} {
			must(t, filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
				if err != nil {
					return err
				}
				if d.IsDir() {
					return os.Chmod(path, 0o755)
				}
				return os.Chmod(path, 0o644)
			}))
		}
		// A backup of the older naming, beside the data folder.
		beside := filepath.Join(filepath.Dir(dir), filepath.Base(dir)+"-before-import-20261101-120000"+BackupExt)
		must(t, os.WriteFile(beside, []byte("an old backup"), 0o644))
		s = mustOpenDir(t, dir, opts)
		must(t, s.Close())
		ownerOnlyModes(t, dir)
		ownerOnlyModes(t, BackupsDir(dir))
		if info, err := os.Stat(beside); err != nil {
			t.Error(err)
		} else if info.Mode().Perm() != 0o600 {
			t.Errorf("the backup of the older naming beside the folder is %v; want 0600", info.Mode().Perm())
		}
	}
}
