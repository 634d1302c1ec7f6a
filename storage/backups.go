package storage

import (
	"bufio"
	"cmp"
	"compress/gzip"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Automatic backups (taken before an import or a restore) live in one
// folder beside the data folder, <folder>.backups, named
// <YYYYMMDD-HHMMSS>-before-<what>[-N].backup. Older versions wrote them
// beside the data folder as <folder>-before-<what>-<YYYYMMDD-HHMMSS>[-N].backup;
// those are still listed, offered and pruned. A backup the user writes to a
// file of their choosing is never listed nor pruned.
const (
	backupsSuffix = ".backups"
	stampLayout   = "20060102-150405"
)

// Defaults of the automatic backups' retention (Options.BackupsKept and
// Options.BackupDays).
const (
	DefaultBackupsKept = 10
	DefaultBackupDays  = 14
)

// ErrNoBackup means no automatic backup of the data folder was found.
var ErrNoBackup = errors.New("no automatic backup found")

// processStart is when this program started: a temporary file or check
// folder older than it belongs to a run that ended.
var processStart = time.Now()

// AutoBackup is one automatic backup of a data folder.
type AutoBackup struct {
	// Path is the backup file.
	Path string
	// Taken is when it was taken, as its name says (local time, to the second).
	Taken time.Time
	// Size is the file's size in bytes.
	Size int64
	// Before says what made it, in words: "import into Mathematics",
	// "restore of term1.backup", or, when the backup does not say, what its
	// name does: "import", "class-list import", "restore".
	Before string
	// seq orders backups taken in the same second (the -N suffix).
	seq int
}

// BackupsDir returns the folder of the automatic backups of the data
// folder dir: <dir>.backups, beside it.
func BackupsDir(dir string) string {
	dir = filepath.Clean(dir)
	return filepath.Join(filepath.Dir(dir), filepath.Base(dir)+backupsSuffix)
}

// Backups lists the automatic backups of the data folder dir, newest
// first: those in BackupsDir(dir) and those of the older naming beside dir.
// A missing backups folder is an empty list.
func Backups(dir string) ([]AutoBackup, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("list backups of %s: %w", dir, err)
	}
	var all []AutoBackup
	for _, where := range []struct {
		folder string
		parse  func(string) (AutoBackup, bool)
	}{
		{BackupsDir(abs), parseBackupName},
		{filepath.Dir(abs), func(name string) (AutoBackup, bool) { return parseOldBackupName(filepath.Base(abs), name) }},
	} {
		entries, err := os.ReadDir(where.folder)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			return nil, fmt.Errorf("list backups of %s: %w", abs, err)
		}
		for _, e := range entries {
			b, ok := where.parse(e.Name())
			if !ok || !e.Type().IsRegular() {
				continue
			}
			info, err := e.Info()
			if err != nil {
				continue // removed meanwhile
			}
			b.Path, b.Size = filepath.Join(where.folder, e.Name()), info.Size()
			if about := readAbout(b.Path); about != "" {
				b.Before = about
			}
			all = append(all, b)
		}
	}
	slices.SortFunc(all, func(a, b AutoBackup) int {
		if c := b.Taken.Compare(a.Taken); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(b.seq, a.seq), strings.Compare(a.Path, b.Path))
	})
	return all, nil
}

// LatestBackup returns the newest automatic backup of the data folder dir,
// or an error matching ErrNoBackup when there is none.
func LatestBackup(dir string) (AutoBackup, error) {
	all, err := Backups(dir)
	if err != nil {
		return AutoBackup{}, err
	}
	if len(all) == 0 {
		return AutoBackup{}, fmt.Errorf("%w for %s (automatic backups are kept in %s)", ErrNoBackup, dir, BackupsDir(dir))
	}
	return all[0], nil
}

// Backups lists the store's automatic backups, newest first (see Backups).
func (s *Store) Backups() ([]AutoBackup, error) { return Backups(s.dir) }

// readAbout returns what the backup at path says it was taken before (see
// backup), or "" when it does not say or cannot be read. Only the start of
// the file is read.
func readAbout(path string) string {
	f, err := os.Open(path)
	if err != nil {
		return ""
	}
	defer f.Close()
	br := bufio.NewReaderSize(f, 512)
	sealed, err := readBackupFirstLine(br)
	if err != nil {
		return ""
	}
	var about string
	if sealed {
		h, _, err := readSealHeader(br)
		if err != nil {
			return ""
		}
		about = h.About
	} else {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return ""
		}
		if about, err = strconv.Unquote(gz.Comment); err != nil {
			return ""
		}
	}
	if !utf8.ValidString(about) || strings.ContainsFunc(about, unicode.IsControl) {
		return ""
	}
	return about
}

// parseBackupName reads <YYYYMMDD-HHMMSS>-before-<what>[-N].backup.
func parseBackupName(name string) (AutoBackup, bool) {
	rest, ok := strings.CutSuffix(name, BackupExt)
	if !ok || len(rest) < len(stampLayout)+1 || rest[len(stampLayout)] != '-' {
		return AutoBackup{}, false
	}
	taken, err := time.ParseInLocation(stampLayout, rest[:len(stampLayout)], time.Local)
	if err != nil {
		return AutoBackup{}, false
	}
	what, seq := cutSeq(rest[len(stampLayout)+1:])
	return backupOf(taken, what, seq)
}

// parseOldBackupName reads <base>-before-<what>-<YYYYMMDD-HHMMSS>[-N].backup,
// the naming of older versions, beside the data folder base.
func parseOldBackupName(base, name string) (AutoBackup, bool) {
	rest, ok := strings.CutSuffix(name, BackupExt)
	if !ok {
		return AutoBackup{}, false
	}
	if rest, ok = strings.CutPrefix(rest, base+"-"); !ok {
		return AutoBackup{}, false
	}
	rest, seq := cutSeq(rest)
	if len(rest) < len(stampLayout)+1 || rest[len(rest)-len(stampLayout)-1] != '-' {
		return AutoBackup{}, false
	}
	taken, err := time.ParseInLocation(stampLayout, rest[len(rest)-len(stampLayout):], time.Local)
	if err != nil {
		return AutoBackup{}, false
	}
	return backupOf(taken, rest[:len(rest)-len(stampLayout)-1], seq)
}

// cutSeq splits "before-import-2" into "before-import" and 2. Only a
// number after the name's last dash that follows the stamp or the reason
// counts, and "-1" never appears (the first backup has no suffix).
func cutSeq(s string) (string, int) {
	i := strings.LastIndexByte(s, '-')
	if i < 0 {
		return s, 1
	}
	n, err := strconv.Atoi(s[i+1:])
	if err != nil || n < 2 || len(s[i+1:]) > 4 {
		return s, 1
	}
	return s[:i], n
}

// backupOf names what made a backup from its reason, "before-<what>".
func backupOf(taken time.Time, why string, seq int) (AutoBackup, bool) {
	what, ok := strings.CutPrefix(why, "before-")
	if !ok || what == "" || strings.Trim(what, "abcdefghijklmnopqrstuvwxyz-") != "" {
		return AutoBackup{}, false
	}
	switch what {
	case "roster-import":
		what = "class-list import"
	default:
		what = strings.ReplaceAll(what, "-", " ")
	}
	return AutoBackup{Taken: taken, Before: what, seq: seq}, true
}

// backupPath returns a new file name in the backups folder, for a backup
// taken before an operation (e.g. "before-import"); backupFile creates the
// folder.
//
// Backups taken in the same second are numbered -2, -3… past the highest
// number already there, so the order of their names stays the order they
// were taken in even after older ones were pruned.
func (s *Store) backupPath(why string) string {
	stem := time.Now().Format(stampLayout) + "-" + why
	base := filepath.Join(BackupsDir(s.dir), stem)
	seq := 0
	entries, _ := os.ReadDir(BackupsDir(s.dir)) // none yet: a missing folder
	for _, e := range entries {
		if b, ok := parseBackupName(strings.TrimSuffix(e.Name(), ".tmp")); ok && strings.HasPrefix(e.Name(), stem) {
			seq = max(seq, b.seq)
		}
	}
	path := base + BackupExt
	for i := seq + 1; ; i++ {
		if i > 1 {
			path = fmt.Sprintf("%s-%d%s", base, i, BackupExt)
		}
		if _, err := os.Lstat(path); errors.Is(err, os.ErrNotExist) {
			return path
		}
	}
}

// AutoBackup saves an automatic backup of the whole store in the backups
// folder before an operation the store does not run itself (a class-list
// import writes students, which the store does not back up before):
// why names the file ("before-roster-import"), about says what it was
// taken before, for the listing. Older automatic backups are pruned as
// after any other. It returns the backup's path.
func (s *Store) AutoBackup(why, about string) (string, error) {
	path := s.backupPath(why)
	if err := s.backupFileAbout(path, about); err != nil {
		return "", err
	}
	return path, nil
}

// makeBackupsDir creates the backups folder, readable only by its owner
// whatever the umask (an older folder is made so too).
func (s *Store) makeBackupsDir() error {
	folder := BackupsDir(s.dir)
	if err := os.MkdirAll(folder, 0o700); err != nil {
		return err
	}
	return os.Chmod(folder, 0o700)
}

// isAutoBackup says whether path names one of the store's automatic
// backups, in the backups folder or of the older naming beside the folder.
func (s *Store) isAutoBackup(path string) bool {
	abs, err := filepath.Abs(path)
	if err != nil {
		return false
	}
	folder, name := filepath.Dir(abs), filepath.Base(abs)
	if folder == BackupsDir(s.dir) {
		_, ok := parseBackupName(name)
		return ok
	}
	_, ok := parseOldBackupName(filepath.Base(s.dir), name)
	return ok && folder == filepath.Dir(s.dir)
}

// retention returns how many recent backups are kept and for how many
// days one a day is kept.
func (o Options) retention() (last, days int) {
	last, days = o.BackupsKept, o.BackupDays
	if last == 0 {
		last = DefaultBackupsKept
	}
	if days == 0 {
		days = DefaultBackupDays
	}
	return max(last, 1), max(days, 0)
}

// keptBackups chooses, among backups sorted newest first, those kept: the
// last ones, plus the newest of each of the last days calendar days
// (today included) as of now. It returns the others.
func keptBackups(all []AutoBackup, last, days int, now time.Time) (kept, dropped []AutoBackup) {
	y, m, d := now.In(time.Local).Date()
	first := time.Date(y, m, d-days+1, 0, 0, 0, 0, time.Local) // the oldest day kept
	seen := map[string]bool{}
	for i, b := range all {
		day := b.Taken.In(time.Local).Format("20060102")
		switch {
		case i < last:
		case days > 0 && !b.Taken.Before(first) && !seen[day]:
		default:
			dropped = append(dropped, b)
			continue
		}
		seen[day] = true
		kept = append(kept, b)
	}
	return kept, dropped
}

// pruneBackups removes the automatic backups the retention does not keep.
func (s *Store) pruneBackups(now time.Time) error {
	all, err := Backups(s.dir)
	if err != nil {
		return err
	}
	last, days := s.opts.retention()
	_, dropped := keptBackups(all, last, days, now)
	for _, b := range dropped {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			return fmt.Errorf("prune old backups: %w", err)
		}
		s.log.Info("removed an old automatic backup", "path", b.Path)
	}
	return nil
}

// removeLeftovers removes what a program killed during a backup or a
// restore left: *.backup.tmp files in the backups folder and beside the
// data folder, and the hidden .<folder>-restore-check-* folders beside it.
// Only what is older than this program's start goes: the store is open,
// so no other program is writing them.
func (s *Store) removeLeftovers() {
	parent, base := filepath.Dir(s.dir), filepath.Base(s.dir)
	stale := func(e os.DirEntry) bool {
		info, err := e.Info()
		return err == nil && info.ModTime().Before(processStart)
	}
	if entries, err := os.ReadDir(BackupsDir(s.dir)); err == nil {
		for _, e := range entries {
			if strings.HasSuffix(e.Name(), BackupExt+".tmp") && e.Type().IsRegular() && stale(e) {
				s.removeLeftover(filepath.Join(BackupsDir(s.dir), e.Name()))
			}
		}
	}
	entries, err := os.ReadDir(parent)
	if err != nil {
		return
	}
	for _, e := range entries {
		name := e.Name()
		switch {
		case strings.HasPrefix(name, "."+base+"-restore-check-") && e.IsDir() && stale(e):
		case strings.HasPrefix(name, base+"-before-") && strings.HasSuffix(name, BackupExt+".tmp") && e.Type().IsRegular() && stale(e):
		default:
			continue
		}
		s.removeLeftover(filepath.Join(parent, name))
	}
}

func (s *Store) removeLeftover(path string) {
	if err := os.RemoveAll(path); err != nil {
		s.log.Warn("could not remove a leftover of an interrupted backup or restore", "path", path, "err", err)
		return
	}
	s.log.Info("removed a leftover of an interrupted backup or restore", "path", path)
}

// RestoredLatest says what RestoreLatest did.
type RestoredLatest struct {
	// Backup is the automatic backup restored.
	Backup AutoBackup
	// SafetyBackup is the backup of the data it replaced, when the store
	// could be opened ("" otherwise, or when the folder was gone).
	SafetyBackup string
	// Damaged is where the data folder that could not be opened was moved,
	// kept as it was ("" when it could be opened).
	Damaged string
}

// RestoreLatest replaces the data in the folder dir with its newest
// automatic backup. When the folder opens, this is Restore, with its safety
// backup. When it holds Badger data that cannot be opened (damage), the
// folder is moved aside whole, as <dir>-damaged-<YYYYMMDD-HHMMSS>, and the
// backup is restored into a new folder at dir. A folder another program
// holds, one written by a newer version, one that is not a data folder, or
// one opts.Passphrase does not open is left alone and its error returned.
// A folder that is gone is made anew and restored into.
//
// With opts.Passphrase, the new folder is encrypted under the same key as
// the one it replaces (see newFolderKeyring), so the encrypted backups
// restore into it and the passphrase and recovery key still open it.
func RestoreLatest(dir string, opts Options) (RestoredLatest, error) {
	latest, err := LatestBackup(dir)
	if err != nil {
		return RestoredLatest{}, fmt.Errorf("restore the latest backup: %w", err)
	}
	done := RestoredLatest{Backup: latest}
	// A folder that is gone has nothing to save: its empty replacement's
	// backup would only become the newest and hide the one restored.
	_, statErr := os.Stat(dir)
	missing := errors.Is(statErr, os.ErrNotExist)
	if missing {
		if err := needsPassphrase(dir, latest.Path, opts); err != nil {
			return done, err
		}
	}
	s, openErr := Open(dir, opts)
	if openErr != nil {
		if errors.Is(openErr, ErrAlreadyOpen) || errors.Is(openErr, ErrNewerVersion) || errors.Is(openErr, ErrNotStore) ||
			errors.Is(openErr, os.ErrPermission) || (errors.Is(openErr, ErrNotEncrypted) && !missing) || opts.ReadOnly {
			return done, fmt.Errorf("restore the latest backup: %w", openErr)
		}
		if err := needsPassphrase(dir, latest.Path, opts); err != nil {
			return done, err
		}
		kr, key, err := newFolderKeyring(dir, latest.Path, opts.Passphrase)
		if err != nil {
			return done, fmt.Errorf("restore the latest backup: %w", err)
		}
		if !missing {
			if done.Damaged, err = moveDamaged(dir); err != nil {
				return done, fmt.Errorf("restore the latest backup: %w; could not move the data folder aside (%w), nothing was changed", openErr, err)
			}
		}
		if s, err = openNewFolder(dir, kr, key, opts); err != nil {
			if done.Damaged != "" {
				err = fmt.Errorf("%w; the damaged data folder is kept as %s", err, done.Damaged)
			}
			return done, fmt.Errorf("restore the latest backup: %w", err)
		}
	}
	done.SafetyBackup, err = s.restoreFile(latest.Path, done.Damaged == "" && !missing, opts.Passphrase)
	if cerr := s.Close(); err == nil {
		err = cerr
	}
	if err != nil && done.Damaged != "" {
		err = fmt.Errorf("%w; the damaged data folder is kept as %s", err, done.Damaged)
	}
	if err != nil {
		rest, _ := strings.CutPrefix(err.Error(), "restore: ")
		return done, &headedError{msg: "restore the latest backup " + latest.Path + ": " + rest, err: err}
	}
	return done, nil
}

// needsPassphrase refuses, before RestoreLatest moves or creates
// anything, to replace a folder that is encrypted (it holds a keyring,
// even a damaged one), or to restore an encrypted backup into a new folder,
// without a passphrase: the new folder could not be encrypted, nor the
// backup read.
func needsPassphrase(dir, backup string, opts Options) error {
	if opts.Passphrase != "" {
		return nil
	}
	if _, err := os.Lstat(filepath.Join(dir, KeyringFile)); err == nil {
		return fmt.Errorf("restore the latest backup: %w", &passphraseNeededError{dir: dir})
	}
	if isSealedBackup(backup) {
		return fmt.Errorf("restore the latest backup %s: %w; nothing was changed", backup, &backupKeyError{})
	}
	return nil
}

// headedError is an error whose message names the operation once.
type headedError struct {
	msg string
	err error
}

func (e *headedError) Error() string { return e.msg }
func (e *headedError) Unwrap() error { return e.err }

// restoreFile restores the backup file at path (see restore).
func (s *Store) restoreFile(path string, safety bool, passphrase string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	return s.restore(f, safety, passphrase)
}

// moveDamaged renames the data folder dir to a new <dir>-damaged-<time>.
func moveDamaged(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	base := abs + "-damaged-" + time.Now().Format(stampLayout)
	to := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(to); errors.Is(err, os.ErrNotExist) {
			break
		}
		to = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(abs, to); err != nil {
		return "", err
	}
	return to, syncDir(filepath.Dir(abs))
}
