package workbook

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// A workbook is written into a temporary file named like tempPattern
// beside it. One older than staleTemp is what a write killed before it
// finished left (a killed process cannot remove its own): no write under
// way leaves its file untouched that long.
const (
	tempPattern = ".workbook-*.xlsx"
	staleTemp   = time.Hour
)

// FileMode is the permission of every file the program writes: its
// owner's alone.
const FileMode os.FileMode = 0o600

// WriteFile writes a workbook to path only once it is complete: write
// fills a temporary file beside path, which is synced and then renamed
// into place, so a failure or a cancelled ctx leaves no half-written
// workbook (and an existing file at path untouched). The file is readable
// and writable by its owner only (0600), whatever the umask: a workbook
// holds students' data, and it is shared by sending it, not by leaving it
// readable to every account of the computer. Temporary files that killed
// writes left in that folder, older than an hour, are removed first.
func WriteFile(ctx context.Context, path string, write func(w io.Writer) error) error {
	removeStaleTemps(filepath.Dir(path))
	tmp, err := os.CreateTemp(filepath.Dir(path), tempPattern)
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = tmp.Chmod(FileMode)
	if err == nil {
		err = write(tmp)
	}
	if serr := tmp.Sync(); err == nil {
		err = serr
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = ctx.Err()
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

// removeStaleTemps removes the temporary workbooks in dir older than
// staleTemp. It is tidying up: a file it cannot remove stays.
func removeStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	prefix, suffix, _ := strings.Cut(tempPattern, "*")
	for _, e := range entries {
		name := e.Name()
		if !e.Type().IsRegular() || !strings.HasPrefix(name, prefix) || !strings.HasSuffix(name, suffix) {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > staleTemp {
			_ = os.Remove(filepath.Join(dir, name))
		}
	}
}
