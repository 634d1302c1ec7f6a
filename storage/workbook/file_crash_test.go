package workbook

import (
	"bytes"
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// envWriteCrashPath makes TestWriteFileCrashChild write a workbook there.
const envWriteCrashPath = "CONTINUUM_WRITE_CRASH_PATH"

// Given an export killed (SIGKILL) while it writes, the file it replaces
// is still the old one, whole; the temporary file the dead process left
// stays while it may be a write under way, and the next export into that
// folder removes it once it is older than an hour.
func TestWriteFileCrash(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process")
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "term.xlsx")
	if err := os.WriteFile(path, []byte("the old file"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestWriteFileCrashChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envWriteCrashPath+"="+path)
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// Kill it once its temporary file holds some of the workbook.
	var temp string
	for deadline := time.Now().Add(10 * time.Second); temp == "" && time.Now().Before(deadline); time.Sleep(5 * time.Millisecond) {
		temp = tempWith(t, dir, 1<<20)
	}
	if err := cmd.Process.Kill(); err != nil {
		t.Fatal(err)
	}
	_ = cmd.Wait()
	if temp == "" {
		t.Fatal("the child wrote no temporary file within 10 s")
	}
	if b, _ := os.ReadFile(path); string(b) != "the old file" {
		t.Fatalf("after the kill the file holds %d bytes, not the old file", len(b))
	}

	export := func() {
		t.Helper()
		if err := WriteFile(context.Background(), path, func(w io.Writer) error { _, err := w.Write([]byte("new")); return err }); err != nil {
			t.Fatal(err)
		}
	}
	export()
	if _, err := os.Stat(temp); err != nil {
		t.Fatalf("a temporary file of a minute ago was removed (it may be a write under way): %v", err)
	}
	old := time.Now().Add(-2 * time.Hour)
	if err := os.Chtimes(temp, old, old); err != nil {
		t.Fatal(err)
	}
	export()
	if _, err := os.Stat(temp); !os.IsNotExist(err) {
		t.Fatalf("the stale temporary file %s is still there after the next export: %v", temp, err)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("files left: %v", entries)
	}
	if b, _ := os.ReadFile(path); string(b) != "new" {
		t.Errorf("written %q", b)
	}
}

// tempWith returns the temporary workbook in dir once it holds at least
// size bytes, or "".
func tempWith(t *testing.T, dir string, size int64) string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".workbook-") {
			if info, err := e.Info(); err == nil && info.Size() >= size {
				return filepath.Join(dir, e.Name())
			}
		}
	}
	return ""
}

// TestWriteFileCrashChild is the child of TestWriteFileCrash: it writes a
// workbook that never ends until it is killed.
func TestWriteFileCrashChild(t *testing.T) {
	path := os.Getenv(envWriteCrashPath)
	if path == "" {
		t.Skip("run by TestWriteFileCrash")
	}
	chunk := bytes.Repeat([]byte("x"), 64<<10)
	deadline := time.Now().Add(30 * time.Second) // in case the parent is gone
	err := WriteFile(context.Background(), path, func(w io.Writer) error {
		for time.Now().Before(deadline) {
			if _, err := w.Write(chunk); err != nil {
				return err
			}
			time.Sleep(time.Millisecond)
		}
		return nil
	})
	t.Fatalf("the parent did not kill the write: %v", err)
}
