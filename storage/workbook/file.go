package workbook

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// WriteFile writes a workbook to path only once it is complete: write
// fills a temporary file beside path, which is synced and then renamed
// into place, so a failure or a cancelled ctx leaves no half-written
// workbook (and an existing file at path untouched). The file is readable
// by others (0644): a workbook is for sharing.
func WriteFile(ctx context.Context, path string, write func(w io.Writer) error) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".workbook-*.xlsx")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	err = tmp.Chmod(0o644)
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
