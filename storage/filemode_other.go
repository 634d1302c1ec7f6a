//go:build !unix

package storage

// ownerOnlyUmask does nothing where there is no umask (Windows): there the
// user's profile folder's access list keeps the data folder private.
func ownerOnlyUmask() {}
