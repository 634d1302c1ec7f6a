package storage

import (
	"bufio"
	"compress/gzip"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// A backup file is the line "CONTINUUM-PLANNER-BACKUP <format>\n" followed,
// in format 1, by Badger's backup stream (DB.Backup) compressed with gzip.
const (
	backupMagic  = "CONTINUUM-PLANNER-BACKUP"
	backupFormat = 1
)

// BackupExt is the file extension of backups, safety backups included.
const BackupExt = ".backup"

// A restore stages the backup's stream in the data folder before touching
// the data: restoreStaging while it is written and checked, then renamed to
// restorePending, the point after which the restore is carried through
// (by the next Open if need be). The staged file starts with the line
// "CONTINUUM-PLANNER-RESTORE <evidence-id-floor>\n".
const (
	restoreStaging = "restore-staging.tmp"
	restorePending = "restore-pending"
	stagingMagic   = "CONTINUUM-PLANNER-RESTORE"
)

// Backup writes a backup of everything in the store to w. Changes made
// meanwhile are not in it: it is one consistent snapshot.
func (s *Store) Backup(w io.Writer) error {
	if err := s.begin(context.Background(), false); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	defer s.end(false)
	if err := s.backup(w, ""); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	return nil
}

// BackupFile writes a backup to path, replacing it only once the backup
// is complete and on disk.
func (s *Store) BackupFile(path string) error {
	if err := s.begin(context.Background(), false); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	defer s.end(false)
	if err := s.backupFile(path); err != nil {
		return fmt.Errorf("backup to %s: %w", path, err)
	}
	return nil
}

// backup writes a backup to w. about, when given, says in words what the
// backup was taken before ("import into Mathematics"); it is kept in the
// gzip header's comment, which readers of format 1 skip, quoted in ASCII
// since gzip keeps Latin-1 only.
//
// A backup of an encrypted store is encrypted (see writeSealedBackup).
func (s *Store) backup(w io.Writer, about string) error {
	if s.opts.key != nil {
		return s.writeSealedBackup(w, about)
	}
	if _, err := fmt.Fprintf(w, "%s %d\n", backupMagic, backupFormat); err != nil {
		return err
	}
	return s.writeGzipBackup(w, about)
}

// writeGzipBackup writes Badger's backup stream compressed with gzip, with
// about quoted in the gzip header's comment.
func (s *Store) writeGzipBackup(w io.Writer, about string) error {
	gz, err := gzip.NewWriterLevel(w, gzip.BestSpeed)
	if err != nil {
		return err
	}
	gz.Comment = gzipComment(about)
	if _, err := s.db.Backup(gz, 0); err != nil {
		return err
	}
	return gz.Close()
}

// backupFile writes a backup to path through a temporary file, 0600
// whatever the umask. An automatic backup (see backupPath) goes into the
// backups folder, and the old ones the retention does not keep are then
// removed.
func (s *Store) backupFile(path string) error { return s.backupFileAbout(path, "") }

// backupFileAbout is backupFile, saying what the backup was taken before
// (see backup).
func (s *Store) backupFileAbout(path, about string) (err error) {
	auto := s.isAutoBackup(path)
	if auto && filepath.Dir(path) == BackupsDir(s.dir) {
		if err := s.makeBackupsDir(); err != nil {
			return err
		}
	}
	if err := s.roomForBackup(path); err != nil {
		return err
	}
	if !auto {
		removeStaleBackupTemps(filepath.Dir(path))
	}
	tmp := path + ".tmp"
	f, err := os.OpenFile(tmp, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return diskFull(filepath.Dir(path), err)
	}
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
			err = diskFull(filepath.Dir(path), err)
		}
	}()
	if err := f.Chmod(0o600); err != nil { // a leftover temporary file keeps its mode
		return err
	}
	bw := bufio.NewWriterSize(f, 256<<10)
	if err := s.backup(bw, about); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if err := syncDir(filepath.Dir(path)); err != nil {
		return err
	}
	if auto {
		if err := s.pruneBackups(time.Now()); err != nil { // the backup itself is safe
			s.log.Warn("could not prune old automatic backups", "err", err)
		}
	}
	return nil
}

// Restore replaces all the data with a backup's. It first checks the
// backup whole, by loading it into a temporary database next to the data
// folder; a file that is not a backup, is damaged, or comes from a newer
// version is refused and nothing changes. It then saves the current data
// as an automatic backup in the backups folder (BackupsDir), named
// <YYYYMMDD-HHMMSS>-before-restore.backup, and returns that path.
// Only then is the data replaced. Evidence IDs keep increasing past any
// ID used before the restore.
//
// Restore waits for operations under way and holds off others until it is
// done. If it is cut short once the data is being replaced (a crash, a
// full disk), the next Open finishes it.
//
// A backup of an encrypted data folder restores into that folder (it needs
// the folder's key); elsewhere, use RestoreWithPassphrase.
func (s *Store) Restore(r io.Reader) (safetyBackup string, err error) {
	return s.restore(r, true, "")
}

// RestoreWithPassphrase is Restore for an encrypted backup taken from
// another data folder, or from this one before it was encrypted anew:
// passphrase is the passphrase or recovery key that folder had when the
// backup was taken. A wrong one is an error matching ErrWrongPassphrase,
// and nothing changes. The data restored is kept as this store keeps its
// own: encrypted under its key if it is encrypted, in the clear if not.
func (s *Store) RestoreWithPassphrase(r io.Reader, passphrase string) (safetyBackup string, err error) {
	return s.restore(r, true, passphrase)
}

// restore is Restore; without safety it saves no copy of the current data
// first (the caller has kept it otherwise) and returns "". passphrase,
// when given, opens an encrypted backup the store's key does not.
func (s *Store) restore(r io.Reader, safety bool, passphrase string) (safetyBackup string, err error) {
	if s.readOnly {
		return "", fmt.Errorf("restore: %w", s.readOnlyError())
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return "", fmt.Errorf("restore: %w", ErrClosed)
	}
	if err := s.roomForRestore(); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	var floor uint64
	if err := s.db.View(func(txn *badger.Txn) (err error) {
		floor, _, err = readUint(txn, keyEvidenceCounter)
		return err
	}); err != nil {
		return "", fmt.Errorf("restore: %w", err)
	}
	staged := filepath.Join(s.dir, restoreStaging)
	sum, err := s.stageRestore(r, staged, floor, passphrase)
	if err != nil {
		os.Remove(staged)
		if errors.Is(diskFull(s.dir, err), ErrDiskFull) {
			return "", fmt.Errorf("restore: %w", diskFull(s.dir, err))
		}
		return "", fmt.Errorf("restore: %w; nothing was changed", err)
	}
	if safety {
		safetyBackup = s.backupPath("before-restore")
		if err := s.backupFileAbout(safetyBackup, restoreAbout(r)); err != nil {
			os.Remove(staged)
			return "", fmt.Errorf("restore: could not save the current data first (%w); nothing was changed", err)
		}
	}
	pending := filepath.Join(s.dir, restorePending)
	if err := os.Rename(staged, pending); err != nil {
		os.Remove(staged)
		return safetyBackup, fmt.Errorf("restore: %w; nothing was changed", err)
	}
	if err := syncDir(s.dir); err != nil {
		return safetyBackup, fmt.Errorf("restore: %w", err)
	}
	if err := s.applyRestore(pending); err != nil {
		return safetyBackup, fmt.Errorf("restore: %w; the restore will be tried again the next time the data folder is opened%s", err, savedIn(safetyBackup))
	}
	s.log.Info("restored a backup", "continua", sum.continua, "students", sum.students, "evidence", sum.evidence, "safety_backup", safetyBackup)
	return safetyBackup, nil
}

// removeStaleBackupTemps removes, from a folder a backup is written to
// by hand, the temporary files of backups killed halfway ("….backup.tmp")
// older than an hour: the store cannot find them at Open, as it does its
// own, and a newer one may belong to a backup still being written.
func removeStaleBackupTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), BackupExt+".tmp") || !e.Type().IsRegular() {
			continue
		}
		if info, err := e.Info(); err == nil && time.Since(info.ModTime()) > time.Hour {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

// gzipComment quotes about in ASCII, cut to fit the 511 bytes a gzip
// reader takes (a longer comment would make the backup unreadable).
func gzipComment(about string) string {
	r := []rune(about)
	for len(r) > 0 {
		if q := strconv.QuoteToASCII(string(r)); len(q) <= 400 {
			return q
		}
		r = r[:len(r)*3/4]
	}
	return ""
}

// restoreAbout says what a restore's safety backup is taken before:
// "restore of term1.backup" when r is a file, else "restore".
func restoreAbout(r io.Reader) string {
	if f, ok := r.(*os.File); ok {
		return "restore of " + filepath.Base(f.Name())
	}
	return "restore"
}

// savedIn tells where the data was saved before a restore, if it was.
func savedIn(safetyBackup string) string {
	if safetyBackup == "" {
		return ""
	}
	return "; the data as it was before is saved in " + safetyBackup
}

// readBackupHeader checks the first line of a backup.
func readBackupHeader(br *bufio.Reader) error {
	line, err := br.Peek(len(backupMagic) + 1)
	if err != nil || string(line[:len(backupMagic)]) != backupMagic || line[len(backupMagic)] != ' ' {
		return fmt.Errorf("%w: expected a file that starts with %q, as the backups Continuum Planner writes do", ErrNotBackup, backupMagic)
	}
	text, err := br.ReadString('\n')
	if err != nil || len(text) > 64 {
		return fmt.Errorf("%w: its first line is damaged", ErrNotBackup)
	}
	format, err := strconv.Atoi(strings.TrimSpace(text[len(backupMagic):]))
	switch {
	case err != nil:
		return fmt.Errorf("%w: its first line is damaged", ErrNotBackup)
	case format > backupFormat:
		return fmt.Errorf("the backup was %w (backup format %d; this version reads format %d)", ErrNewerVersion, format, backupFormat)
	case format != backupFormat:
		return fmt.Errorf("%w: backup format %d is unknown", ErrNotBackup, format)
	}
	return nil
}

// restoreSummary counts what a backup holds.
type restoreSummary struct {
	schema                       uint64
	continua, students, evidence int
}

// stageRestore checks the backup read from r (encrypted backups are opened
// as openBackup says, with passphrase) and writes its stream to path,
// headed by the evidence ID floor; an encrypted store seals it (see
// newStagedWriter). Nothing in the store changes.
func (s *Store) stageRestore(r io.Reader, path string, floor uint64, passphrase string) (sum restoreSummary, err error) {
	br := bufio.NewReaderSize(r, 64<<10)
	payload, err := s.openBackup(br, passphrase)
	if err != nil {
		return sum, err
	}
	gz, err := gzip.NewReader(payload)
	if err != nil {
		return sum, fmt.Errorf("the backup is damaged: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err != nil {
		return sum, err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 256<<10)
	staged, err := s.newStagedWriter(bw, floor)
	if err != nil {
		return sum, err
	}

	check, err := os.MkdirTemp(filepath.Dir(s.dir), "."+filepath.Base(s.dir)+"-restore-check-")
	if err != nil {
		return sum, err
	}
	defer os.RemoveAll(check)
	bopts, err := badgerOptions(check, s.opts)
	if err != nil {
		return sum, err
	}
	db, err := badger.Open(bopts.WithSyncWrites(false).WithLogger(nil).WithReadOnly(false))
	if err != nil {
		return sum, fmt.Errorf("open a database to check the backup: %w", err)
	}
	defer db.Close()
	tee := io.TeeReader(&frameGuard{r: gz}, staged)
	if err := db.Load(tee, 16); err != nil {
		return sum, fmt.Errorf("the backup is damaged or incomplete: %w", err)
	}
	if _, err := io.Copy(io.Discard, tee); err != nil { // reach the gzip checksum
		return sum, fmt.Errorf("the backup is damaged or incomplete: %w", err)
	}
	if sum, err = checkRestored(db); err != nil {
		return sum, err
	}
	if err := staged.Close(); err != nil {
		return sum, err
	}
	if err := bw.Flush(); err != nil {
		return sum, err
	}
	if err := f.Sync(); err != nil {
		return sum, err
	}
	return sum, f.Close()
}

// checkRestored reads every record of a database loaded from a backup:
// its layout must be one this version reads and every value must decode.
func checkRestored(db *badger.DB) (sum restoreSummary, err error) {
	var found bool
	err = db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.DefaultIteratorOptions)
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			if err := checkRecord(it.Item(), &sum, &found); err != nil {
				return fmt.Errorf("the backup is damaged: %s: %w", printKey(it.Item().Key()), err)
			}
		}
		return nil
	})
	switch {
	case err != nil:
		return sum, err
	case !found:
		return sum, fmt.Errorf("%w: it holds no Continuum Planner data", ErrNotBackup)
	case sum.schema > schemaVersion:
		return sum, fmt.Errorf("the backup was %w (data layout %d; this version reads up to %d)", ErrNewerVersion, sum.schema, schemaVersion)
	case sum.schema == 0:
		return sum, fmt.Errorf("the backup is damaged: data layout 0")
	}
	return sum, nil
}

func checkRecord(item *badger.Item, sum *restoreSummary, found *bool) error {
	key := string(item.Key())
	switch {
	case key == keySchema:
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if len(v) != 4 {
			return fmt.Errorf("%d bytes; expected 4", len(v))
		}
		sum.schema, *found = uint64(binary.BigEndian.Uint32(v)), true
		return nil
	case key == keyEvidenceCounter:
		if item.ValueSize() != 8 {
			return fmt.Errorf("%d bytes; expected 8", item.ValueSize())
		}
		return nil
	case strings.HasPrefix(key, prefixContinuum):
		sum.continua++
		return decodeItem(item, new(continuum.Continuum))
	case strings.HasPrefix(key, prefixName):
		return nil
	case strings.HasPrefix(key, prefixTarget):
		return decodeItem(item, new(continuum.Target))
	case strings.HasPrefix(key, prefixStudent):
		sum.students++
		return decodeItem(item, new(continuum.Student))
	case strings.HasPrefix(key, prefixEvidence):
		if _, _, _, ok := parseEvidenceKey(item.Key()); !ok {
			return errors.New("not an evidence key")
		}
		sum.evidence++
		return decodeItem(item, new(continuum.Evidence))
	case strings.HasPrefix(key, prefixEvidenceByID):
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		if _, _, _, ok := parseEvidenceIndexValue(v); !ok {
			return errors.New("not an evidence index entry")
		}
		return nil
	case strings.HasPrefix(key, prefixOverride):
		return decodeItem(item, new(continuum.Override))
	case strings.HasPrefix(key, prefixTombstone):
		return decodeItem(item, new(tombstone))
	case strings.HasPrefix(key, prefixFlex):
		return decodeItem(item, new(continuum.FlexBlock))
	case strings.HasPrefix(key, prefixUnit):
		return decodeItem(item, new(continuum.Unit))
	case strings.HasPrefix(key, prefixVisitNote):
		return decodeItem(item, new(continuum.VisitNote))
	case key == keyLookFors:
		return decodeItem(item, new([]string))
	case key == keyDeidentify:
		v, err := item.ValueCopy(nil)
		if err != nil {
			return err
		}
		return checkDeidentifyKey(v)
	case strings.HasPrefix(key, prefixCalibration):
		return decodeItem(item, new(continuum.CalibrationScore))
	}
	return errors.New("not a record Continuum Planner writes")
}

// applyRestore replaces the data with the stream staged at path, then
// removes path. It is safe to repeat: it starts by dropping everything.
// A sealed one is read whole and checked before anything is dropped.
func (s *Store) applyRestore(path string) error {
	if err := s.checkStaged(path); err != nil {
		return err
	}
	f, floor, payload, err := s.openStaged(path)
	if err != nil {
		return err
	}
	defer f.Close()
	deid, _ := s.readDeidentifyKeyLocked() // kept if the backup has none
	if err := s.db.DropAll(); err != nil {
		return fmt.Errorf("clear the data: %w", err)
	}
	if err := s.db.Load(payload, 16); err != nil {
		return fmt.Errorf("load the backup: %w", err)
	}
	var version uint64
	err = s.db.Update(func(txn *badger.Txn) error {
		n, _, err := readUint(txn, keyEvidenceCounter)
		if err != nil {
			return err
		}
		if version, _, err = readUint(txn, keySchema); err != nil {
			return err
		}
		if err := keepDeidentifyKey(txn, deid); err != nil {
			return err
		}
		if n >= floor {
			return nil
		}
		return txn.Set([]byte(keyEvidenceCounter), uint64Bytes(floor))
	})
	if err != nil {
		return err
	}
	if err := s.db.Sync(); err != nil {
		return err
	}
	if version < schemaVersion {
		if err := s.migrate(context.Background(), uint32(version)); err != nil {
			return err
		}
	}
	if err := s.resumePurges(context.Background()); err != nil {
		return err
	}
	f.Close()
	if err := os.Remove(path); err != nil {
		return err
	}
	return syncDir(s.dir)
}

// resumeRestore, at Open, drops a restore that was still being staged
// (the data was not touched yet) and finishes one that was under way.
func (s *Store) resumeRestore() error {
	if !s.readOnly {
		if err := os.Remove(filepath.Join(s.dir, restoreStaging)); err != nil && !errors.Is(err, os.ErrNotExist) {
			return err
		}
		s.removeLeftovers()
	}
	pending := filepath.Join(s.dir, restorePending)
	if _, err := os.Stat(pending); errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if s.readOnly {
		return errors.New("a restore of a backup was interrupted; open the data folder without read-only to finish it")
	}
	s.log.Warn("finishing a restore that was interrupted", "dir", s.dir)
	if err := s.applyRestore(pending); err != nil {
		return fmt.Errorf("finish an interrupted restore: %w", err)
	}
	return nil
}

// syncDir makes a rename or removal in dir durable. Windows cannot sync a
// directory and does not need to.
func syncDir(dir string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}
