package storage

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"syscall"
)

// ErrDiskFull means the disk holding the data folder (or a backup) has no
// room for a change; nothing was changed. Its text is one sentence for
// people that names the folder and, when known, how much space to free.
//
// Badger writes its write buffers and value log through memory-mapped
// files that it only truncates (sparse), never preallocates, and it copies
// each new table into a mapping too: on a full disk such a write is not an
// error but a SIGBUS that kills the process. So the store checks the free
// space before it could come to that. A read-write Open with less free
// space than reserve(Options) opens the folder read-only instead, so that
// reading keeps working, and every change then fails with ErrDiskFull; a
// change on an open store is refused the same way when the free space has
// fallen below the reserve; a backup file is refused when the disk cannot
// hold the data. A store open for writing keeps room for its final flush
// set aside (see ballastName), so closing on a disk that filled meanwhile
// does not crash. Errors Badger or the file system return for a full disk
// (ENOSPC) are ErrDiskFull too.
var ErrDiskFull = errors.New("the disk is full")

// diskFullError is the sentence for a full disk at dir; need, when above
// zero, is how many bytes must be freed.
type diskFullError struct {
	dir  string
	need int64
}

func (e *diskFullError) Error() string {
	free := "Free some space"
	if e.need > 0 {
		free = fmt.Sprintf("Free some space (%d MB are needed)", megabytes(e.need))
	}
	return "The disk is full: " + e.dir + " has no room for this change; nothing was changed. " + free + " and try again."
}

func (e *diskFullError) Is(target error) bool { return target == ErrDiskFull }

// megabytes rounds n bytes up to whole megabytes (10^6 bytes), at least 1.
func megabytes(n int64) int64 { return max((n+999_999)/1_000_000, 1) }

// diskFull returns the full-disk sentence for dir when err is, or wraps, a
// full-disk error from the operating system, and err unchanged otherwise.
func diskFull(dir string, err error) error {
	if err == nil || errors.Is(err, ErrDiskFull) || !errors.Is(err, syscall.ENOSPC) {
		return err
	}
	return &diskFullError{dir: dir}
}

// freeSpace reports the bytes an unprivileged writer may still use on the
// file system holding path, and whether the platform can tell (Linux
// only; elsewhere the checks are skipped). A variable, so tests can
// pretend a disk is full.
var freeSpace = statfsFree

// reserve is the free space Badger may write through memory mappings
// without being able to report a full disk: every write buffer's log
// (MemTableSize each), one more for the table a flush writes (Close
// flushes the current buffer), and a value log file.
func reserve(o Options) int64 {
	return o.MemTableSize*int64(max(o.NumMemtables, 1)+1) + o.ValueLogFileSize
}

// roomFor returns a full-disk error for dir when the file system holding
// path has less than need bytes free, and nil when it has room or the
// platform cannot tell.
func roomFor(dir, path string, need int64) error {
	free, ok := freeSpace(existingParent(path))
	if !ok || free >= need {
		return nil
	}
	return &diskFullError{dir: dir, need: need - free}
}

// existingParent returns path or its nearest folder that exists, for
// asking about the file system that will hold a file not created yet.
func existingParent(path string) string {
	for {
		if _, err := os.Stat(path); err == nil {
			return path
		}
		parent := filepath.Dir(path)
		if parent == path || strings.TrimSpace(parent) == "" {
			return path
		}
		path = parent
	}
}

// readOnlyError is the error for a change asked of a read-only store: the
// full-disk sentence when Open fell back to reading only for want of
// space, errReadOnly otherwise.
func (s *Store) readOnlyError() error {
	if s.full != nil {
		return s.full
	}
	return errReadOnly
}

// roomForChange refuses a change when the disk has fallen below the space
// Badger needs to take it without crashing.
func (s *Store) roomForChange() error {
	return roomFor(s.dir, s.dir, reserve(s.opts))
}

// dataSize is the bytes of the table and value log files in the data
// folder, an upper bound for a backup of it, which is compressed. Badger's
// own count (DB.Size) stays 0 with its metrics off.
func (s *Store) dataSize() int64 {
	entries, err := os.ReadDir(s.dir)
	if err != nil {
		return 0
	}
	var n int64
	for _, e := range entries {
		ext := filepath.Ext(e.Name())
		if ext != ".sst" && ext != ".vlog" {
			continue
		}
		if info, err := e.Info(); err == nil {
			n += info.Size()
		}
	}
	return n
}

// readOnlyWhenFull turns a read-write Open into a read-only one when the
// disk has less free space than Badger needs to write (see ErrDiskFull),
// so the data can still be read; every change then returns the full-disk
// error. A folder with no data yet cannot be opened read-only: that is the
// full-disk error itself.
func (s *Store) readOnlyWhenFull() error {
	if s.readOnly {
		return nil
	}
	need := reserve(s.opts) + max(ballastSize(s.opts)-ballastHeld(s.dir), 0)
	err := roomFor(s.dir, s.dir, need)
	if err == nil {
		return nil
	}
	if _, serr := os.Stat(filepath.Join(s.dir, "MANIFEST")); serr != nil {
		return err
	}
	s.log.Warn("the disk is full: the data folder is opened read-only", "dir", s.dir)
	s.full = err
	s.readOnly = true
	s.opts.ReadOnly = true
	return nil
}

// roomForBackup refuses a backup to path when its disk cannot hold the
// store's data (an upper bound: the backup is compressed).
// An automatic backup is followed by a change to the store (an import, a
// restore), so when it goes beside the data it also needs Badger's reserve.
func (s *Store) roomForBackup(path string) error {
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		dir = filepath.Dir(path)
	}
	need := s.dataSize()
	if s.isAutoBackup(path) && !s.readOnly {
		need += reserve(s.opts)
	}
	return roomFor(dir, path, need)
}

// RoomToChange returns an error matching ErrDiskFull, the sentence for
// people, when the disk lacks the free space a change needs or the store
// was opened read-only for want of it; nil when a change can go ahead as
// far as space goes. An import asks it before it starts.
func (s *Store) RoomToChange() error {
	if s.full != nil {
		return s.full
	}
	if s.readOnly {
		return nil
	}
	return s.roomForChange()
}

// roomForRestore refuses a restore that the disk cannot see through
// without crashing: the database that checks the backup and the store
// itself each need Badger's reserve, and the copy of the current data
// saved first needs the data's size. The backup's own size is not known
// before it is read; a disk that fills while it is staged is met as an
// error (ENOSPC) and nothing is changed.
func (s *Store) roomForRestore() error {
	return roomFor(s.dir, s.dir, 2*reserve(s.opts)+s.dataSize())
}

// ballastName is a file of reserved space inside the data folder while a
// store is open for writing. Badger flushes its write buffers into new
// tables when it closes, through memory mappings: on a disk that filled
// up meanwhile (another program, a download) that is a SIGBUS, not an
// error. Close removes the ballast first, so the flush has room.
const ballastName = ".disk-reserve"

// ballastSize is room for the tables Close flushes (each buffer at most
// MemTableSize) and the manifest's and discard file's small writes.
func ballastSize(o Options) int64 {
	return o.MemTableSize*int64(max(o.NumMemtables, 1)) + 1<<20
}

// holdBallast sets the ballast's space aside (fallocate, not a sparse
// file), reusing one a crash left. A disk that cannot give it is logged:
// changes are still checked against the free space before they are made.
func (s *Store) holdBallast() {
	path := filepath.Join(s.dir, ballastName)
	if err := allocate(path, ballastSize(s.opts)); err != nil {
		os.Remove(path)
		s.log.Warn("could not set disk space aside for closing", "dir", s.dir, "err", err)
	}
}

// releaseBallast gives the ballast's space back, just before Badger's
// final flush.
func (s *Store) releaseBallast() {
	if err := os.Remove(filepath.Join(s.dir, ballastName)); err != nil && !errors.Is(err, os.ErrNotExist) {
		s.log.Warn("could not remove the disk space set aside", "dir", s.dir, "err", err)
	}
}

// ballastHeld is the size of a ballast already in the folder (a crash's
// leftover, or 0), space this store may count as its own.
func ballastHeld(dir string) int64 {
	info, err := os.Stat(filepath.Join(dir, ballastName))
	if err != nil {
		return 0
	}
	return info.Size()
}
