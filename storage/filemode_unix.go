//go:build unix

package storage

import "syscall"

// ownerOnlyUmask makes every file and folder the process creates from now
// on readable and writable by its owner only (umask 077 added to the
// current one). Badger creates its table, value-log and manifest files
// with mode 0666 and its folders with 0700 less the umask, so under the
// usual umask 022 they would be readable by everyone on the computer; only
// the umask governs the files it creates later, as it runs. The umask is
// the process's: exports and reports written afterwards are owner-only too.
func ownerOnlyUmask() {
	old := syscall.Umask(0o077)
	syscall.Umask(old | 0o077)
}
