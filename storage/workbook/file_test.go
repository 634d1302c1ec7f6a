package workbook

import (
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestWriteFileIsAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "term.xlsx")
	if err := os.WriteFile(path, []byte("the old file"), 0o644); err != nil {
		t.Fatal(err)
	}
	// A failure halfway leaves the old file as it was and no temporary file.
	err := WriteFile(context.Background(), path, func(w io.Writer) error {
		w.Write([]byte("half"))
		return errors.New("disk full")
	})
	if err == nil {
		t.Fatal("the failure was not reported")
	}
	if b, _ := os.ReadFile(path); string(b) != "the old file" {
		t.Errorf("the old file became %q", b)
	}
	// A cancelled export leaves it too.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := WriteFile(ctx, path, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if err := WriteFile(context.Background(), path, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("written %q", b)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v, want 0600", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
}

// Given the usual umask (022) and one that takes nothing away (000), when a
// workbook is written, then only its owner may read it.
func TestWriteFileIsOwnersOnlyWhateverTheUmask(t *testing.T) {
	for _, mask := range []int{0o022, 0o000, 0o077} {
		old := syscall.Umask(mask)
		path := filepath.Join(t.TempDir(), "term.xlsx")
		err := WriteFile(context.Background(), path, func(w io.Writer) error { _, err := w.Write([]byte("x")); return err })
		syscall.Umask(old)
		if err != nil {
			t.Fatal(err)
		}
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != 0o600 {
			t.Errorf("umask %03o: mode %v, want 0600", mask, got)
		}
	}
}
