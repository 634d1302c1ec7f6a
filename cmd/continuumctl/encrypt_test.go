package main

import (
	"bytes"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/term"
)

// holdsBytes returns a file under dir whose bytes contain s, or "".
func holdsBytes(t *testing.T, dir, s string) string {
	t.Helper()
	var found string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || found != "" {
			return err
		}
		b, err := os.ReadFile(path)
		if err == nil && bytes.Contains(b, []byte(s)) {
			found = path
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return found
}

// TestEncryptCommands encrypts the demo store, uses it, changes its
// passphrase and decrypts it, every passphrase from the environment.
func TestEncryptCommands(t *testing.T) {
	dir := demoStore(t)
	const name = "Amara Okafor"
	if holdsBytes(t, dir, name) == "" {
		t.Fatal("the plain store does not hold the name: the search below would prove nothing")
	}
	t.Setenv(passphraseEnv, "first passphrase")
	out := mustCtl(t, dir, "encrypt")
	rk := regexp.MustCompile(`Recovery key: ([A-Z2-7]{4}(-[A-Z2-7]{4}){7})`).FindStringSubmatch(out)
	if rk == nil {
		t.Fatalf("encrypt printed no recovery key:\n%s", out)
	}
	if f := holdsBytes(t, filepath.Dir(dir), name); f != "" {
		t.Errorf("%s holds %q in plain text after encrypt", f, name)
	}
	if out := mustCtl(t, dir, "list", "students"); !strings.Contains(out, name) {
		t.Errorf("list students with the passphrase:\n%s", out)
	}

	t.Setenv(passphraseEnv, "not the passphrase")
	code, _, errOut := ctl(t, dir, "list", "students")
	if code != 1 || !strings.Contains(errOut, "The passphrase does not open "+dir+"; nothing was changed. Try again, or use your recovery key.") {
		t.Errorf("wrong passphrase: exit %d: %s", code, errOut)
	}
	if !term.IsTerminal(int(os.Stdin.Fd())) {
		os.Unsetenv(passphraseEnv)
		code, _, errOut = ctl(t, dir, "info")
		if code != 1 || !strings.Contains(errOut, "is encrypted: no passphrase: set "+passphraseEnv) {
			t.Errorf("no passphrase and no terminal: exit %d: %s", code, errOut)
		}
	}

	t.Setenv(passphraseEnv, rk[1]) // the recovery key resets the passphrase
	t.Setenv(newPassphraseEnv, "second passphrase")
	mustCtl(t, dir, "passphrase")
	t.Setenv(passphraseEnv, "first passphrase")
	if code, _, _ := ctl(t, dir, "info"); code != 1 {
		t.Errorf("the old passphrase still opens the store: exit %d", code)
	}
	t.Setenv(passphraseEnv, "second passphrase")
	mustCtl(t, dir, "decrypt")
	os.Unsetenv(passphraseEnv)
	if out := mustCtl(t, dir, "list", "students"); !strings.Contains(out, name) || strings.Count(out, "\n") < 28 {
		t.Errorf("list students after decrypt:\n%s", out)
	}
	if code, _, errOut := ctl(t, dir, "decrypt"); code != 1 {
		t.Errorf("decrypt of a plain store: exit %d: %s", code, errOut)
	}
}

// An encrypted backup taken from another folder restores with the
// passphrase that folder had (CONTINUUM_PLANNER_BACKUP_PASSPHRASE); without
// it, the restore says what to set and changes nothing.
func TestRestoreAnotherFoldersEncryptedBackup(t *testing.T) {
	src := demoStore(t)
	t.Setenv(passphraseEnv, "the source passphrase")
	mustCtl(t, src, "encrypt")
	backup := filepath.Join(t.TempDir(), "term.backup")
	mustCtl(t, src, "backup", backup)
	os.Unsetenv(passphraseEnv)

	dst := filepath.Join(t.TempDir(), "other")
	mustCtl(t, dst, "list", "students")
	code, _, errOut := ctl(t, dst, "restore", backup)
	if code != 1 || !strings.Contains(errOut, backupPassphraseEnv) || !strings.Contains(errOut, "nothing was changed") {
		t.Fatalf("restore without the backup's passphrase: exit %d: %s", code, errOut)
	}
	if out := mustCtl(t, dst, "list", "students"); strings.Contains(out, "Amara Okafor") {
		t.Fatalf("a refused restore changed the store:\n%s", out)
	}
	t.Setenv(backupPassphraseEnv, "the source passphrase")
	mustCtl(t, dst, "restore", backup)
	if out := mustCtl(t, dst, "list", "students"); !strings.Contains(out, "Amara Okafor") {
		t.Errorf("after the restore with the backup's passphrase:\n%s", out)
	}
}
