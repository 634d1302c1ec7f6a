package storage

import (
	"os"
	"path/filepath"
	"runtime"
)

// ownerOnly makes the data folder dir, its backups folder and the files
// in both readable and writable by their owner only: folders 0700, files
// 0600. Files written by older versions, or under another umask, were
// often 0644. What cannot be changed is logged and left.
func (s *Store) ownerOnly() {
	if runtime.GOOS == "windows" {
		return // modes are not how Windows keeps files private
	}
	for _, folder := range []string{s.dir, BackupsDir(s.dir)} {
		s.ownerOnlyFolder(folder)
	}
	// Backups of the older naming, beside the data folder: found by name
	// alone, without opening them (this runs at every open).
	parent, base := filepath.Dir(s.dir), filepath.Base(s.dir)
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		if _, ok := parseOldBackupName(base, e.Name()); ok && e.Type().IsRegular() {
			s.ownerOnlyPath(filepath.Join(parent, e.Name()), 0o600)
		}
	}
}

// ownerOnlyFolder sets folder to 0700 and the files and folders in it,
// one level down, to 0600 and 0700. A folder that is not there is left.
func (s *Store) ownerOnlyFolder(folder string) {
	entries, err := os.ReadDir(folder)
	if err != nil {
		return
	}
	s.ownerOnlyPath(folder, 0o700)
	for _, e := range entries {
		switch {
		case e.Type().IsRegular():
			s.ownerOnlyPath(filepath.Join(folder, e.Name()), 0o600)
		case e.IsDir():
			s.ownerOnlyPath(filepath.Join(folder, e.Name()), 0o700)
		}
	}
}

// ownerOnlyPath sets path's mode to mode when it lets anyone but the owner in.
func (s *Store) ownerOnlyPath(path string, mode os.FileMode) {
	info, err := os.Lstat(path)
	if err != nil || info.Mode()&os.ModeSymlink != 0 || info.Mode().Perm()&0o077 == 0 {
		return
	}
	if err := os.Chmod(path, mode); err != nil {
		s.log.Warn("could not make a file readable by its owner only", "path", path, "err", err)
	}
}
