//go:build !linux

package storage

// statfsFree cannot tell the free space on this platform: the free-space
// checks are skipped and a full disk is met as the error it causes.
func statfsFree(string) (int64, bool) { return 0, false }
