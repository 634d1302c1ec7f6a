//go:build !linux

package storage

// statfsFree cannot tell the free space on this platform: the free-space
// checks are skipped and a full disk is met as the error it causes.
func statfsFree(string) (int64, bool) { return 0, false }

// allocate sets no space aside on this platform, where free space cannot
// be measured either.
func allocate(string, int64) error { return nil }
