package workbook

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
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
// readable to every account of the computer.
func WriteFile(ctx context.Context, path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".workbook-*.xlsx")
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
