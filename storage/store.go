// Package storage keeps Continuum Planner's data in one Badger database in a
// folder on the teacher's computer. Store implements continuum.Store.
//
// # Where the data lives
//
// DefaultDir gives the folder the program uses unless told otherwise: the
// value of the CONTINUUM_PLANNER_DB environment variable when it is set, and
// otherwise continuum-planner/store inside the user's configuration folder
// (os.UserConfigDir: ~/.config on Linux, ~/Library/Application Support on
// macOS, %AppData% on Windows). The folder is created, readable only by its
// owner, on first use.
//
// # Guarantees
//
// Every change is one Badger transaction written with SyncWrites on, so a
// method that returns nil has made its change durable, and a failure or a
// crash leaves nothing half-written. A merge (ApplyMerge) or a target
// rename too large for one transaction is staged where no reader looks and
// takes effect in one small transaction; any other change too large for one
// is refused as a whole (ErrTooLarge). Deleting a continuum first removes
// the continuum in one small transaction and leaves a tombstone, then
// purges its records in batches. Open finishes a staged change or a purge
// that was cut short.
//
// Only one Store may have a folder open at a time: a second Open, from this
// process or another, fails with ErrAlreadyOpen.
//
// Damage is detected, never served. Open verifies every table file the
// folder lists (each block's checksum and the index) before Badger opens
// it, and Badger then verifies every block and value-log value it reads. A
// damaged folder is an error matching ErrDamaged whose text is one sentence
// naming the folder and the way out (restore the newest automatic backup);
// a panic inside Badger while reading is turned into that error too. A
// block damaged after Open is met by Badger as missing (it does not report
// the failed checksum), never as changed data; Check finds it.
//
// The key layout is documented in KEYS.md. Values are JSON behind a
// one-byte format version (see encode). The layout carries a schema version
// and Open upgrades older layouts step by step; a folder written by a newer
// version of the program is refused (ErrNewerVersion).
//
// # Encryption
//
// A folder can be encrypted at rest with Badger's own encryption (AES) under
// a random data key, kept in the folder's keyring sealed under Argon2id of
// a passphrase and of a recovery key (see Encrypt, Decrypt,
// ChangePassphrase). Options.Passphrase opens such a folder; a wrong one is
// ErrWrongPassphrase and changes nothing. Every backup file of an encrypted
// store, and the copy of a backup a restore stages in the folder, is
// encrypted too (see backupcrypt.go).
//
// # File modes
//
// On Unix, Open adds 077 to the process's umask, so that every file the
// program creates from then on (Badger's, backups, exports) is readable by
// its owner only, and it makes the data folder, the backups folder and the
// files in them 0700 and 0600 if an older version or another umask left
// them open to others.
//
// # Backups
//
// Backup writes a backup file; Restore replaces the data with a backup's,
// after checking it and after saving the current data as an automatic
// backup. Automatic backups (before an import or a restore) live in one
// folder beside the data folder, BackupsDir; the last BackupsKept plus the
// newest of each of the last BackupDays days are kept. Backups lists them,
// RestoreLatest restores the newest, even into a folder that cannot be
// opened, and Open removes what a backup or restore cut short left behind.
package storage

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/options"
)

// EnvDir names the environment variable that, when set, gives the data
// folder DefaultDir returns.
const EnvDir = "CONTINUUM_PLANNER_DB"

// errReadOnly is a change asked of a store opened read-only: the domain's
// ErrReadOnly, with the reason.
var errReadOnly = fmt.Errorf("the data folder was opened read-only: %w", continuum.ErrReadOnly)

// Errors that callers may test for with errors.Is.
var (
	// ErrAlreadyOpen means another Store, in this process or another, has the folder open.
	ErrAlreadyOpen = errors.New("data folder already open")
	// ErrClosed means the store has been closed.
	ErrClosed = errors.New("the data folder has been closed")
	// ErrNewerVersion means the data was written by a newer version of Continuum Planner.
	ErrNewerVersion = errors.New("made by a newer version of Continuum Planner")
	// ErrNotStore means the folder holds something other than Continuum Planner data.
	ErrNotStore = errors.New("not a Continuum Planner data folder")
	// ErrTooLarge means one change holds more records than a transaction can; nothing was saved.
	// Such errors also match continuum.ErrInvalid.
	ErrTooLarge = errors.New("change too large to apply at once")
	// ErrNotBackup means a file given to Restore is not a Continuum Planner backup.
	ErrNotBackup = errors.New("not a Continuum Planner backup")
)

// Laptop defaults for Options. A transaction can hold about 15% of the
// memtable: with 8 MiB that is about 1.2 MB, measured as room for about
// 3,700 pieces of evidence (with a short note) or 2,000 targets (with four
// descriptors each) in one change.
const (
	DefaultMemTableSize     = 8 << 20
	DefaultNumMemtables     = 2
	DefaultValueLogFileSize = 16 << 20
)

// baseTableSize is the size of Badger's level-1 tables, small for small data.
const baseTableSize = 2 << 20

// Options tune a Store. The zero value is the laptop configuration.
type Options struct {
	// ReadOnly opens the folder for reading only; every change fails with ErrReadOnly.
	ReadOnly bool
	// Logger receives the store's messages and Badger's; nil keeps both silent.
	Logger *slog.Logger
	// MemTableSize is the size in bytes of Badger's in-memory write buffer
	// (default 8 MiB, at least 1 MiB). It also caps one change at about 15% of it.
	MemTableSize int64
	// NumMemtables is how many write buffers may be held while older ones are flushed (default 2).
	NumMemtables int
	// BlockCacheSize is the bytes of table blocks cached in memory (default 0:
	// the operating system's page cache serves reads; compression stays off).
	BlockCacheSize int64
	// IndexCacheSize is the bytes of table indexes cached (default 0: indexes stay loaded with their tables).
	IndexCacheSize int64
	// ValueLogFileSize is the size of each value log file (default 16 MiB, at least 1 MiB).
	ValueLogFileSize int64
	// BackupsKept is how many of the newest automatic backups are kept
	// (default DefaultBackupsKept, at least 1).
	BackupsKept int
	// BackupDays is for how many days, today included, the newest automatic
	// backup of each day is kept besides (default DefaultBackupDays; negative: none).
	BackupDays int
	// Passphrase opens an encrypted data folder (its passphrase or its
	// recovery key); it must be empty for a folder that is not encrypted.
	// See Encrypt.
	Passphrase string

	// key is the data key unlocked from Passphrase (nil: not encrypted).
	key []byte
}

// Store keeps continua, targets, students, evidence and overrides in a
// Badger database. It implements continuum.Store and is safe for concurrent
// use; changes are applied one at a time.
type Store struct {
	dir      string
	readOnly bool
	log      *slog.Logger
	opts     Options

	// mu is held shared by every operation and exclusively by Close and
	// Restore, which must not overlap anything else.
	mu sync.RWMutex
	// wmu serialises changes, so a change's checks and its write see the same data.
	wmu sync.Mutex
	db  *badger.DB // nil once closed
	// full, when set, is the full-disk error every change returns: Open
	// found too little free space and opened the folder read-only.
	full error
	// ahead is the evidence being read ahead (ReadAhead), until taken.
	ahead atomic.Pointer[aheadRead]
}

var _ continuum.Store = (*Store)(nil)

// DefaultDir returns the data folder to use when none is given: $CONTINUUM_PLANNER_DB
// when set, else continuum-planner/store in the user's configuration folder.
// It creates the folder (mode 0700) when it does not exist yet.
func DefaultDir() (string, error) {
	dir := os.Getenv(EnvDir)
	if dir == "" {
		cfg, err := os.UserConfigDir()
		if err != nil {
			return "", fmt.Errorf("default data folder: %w (set %s to choose one)", err, EnvDir)
		}
		dir = filepath.Join(cfg, "continuum-planner", "store")
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("default data folder: %w", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("default data folder: %w", err)
	}
	return dir, nil
}

// Open opens the data folder dir, creating it (mode 0700) and an empty
// store when it does not exist. It upgrades an older layout, finishes an
// interrupted restore and purges continua whose deletion was interrupted.
// A folder another Store holds open fails with an error matching
// ErrAlreadyOpen whose text is a sentence for people.
func Open(dir string, opts Options) (*Store, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("open data folder %s: %w", dir, err)
	}
	opts = opts.withDefaults()
	ownerOnlyUmask()
	s := &Store{dir: abs, readOnly: opts.ReadOnly, log: opts.Logger, opts: opts}
	if s.log == nil {
		s.log = slog.New(slog.DiscardHandler)
	}
	if s.opts.key, err = unlock(abs, opts.Passphrase); err != nil {
		return nil, err
	}
	opts.key = s.opts.key
	if err := checkFolder(abs, opts.ReadOnly); err != nil {
		return nil, fmt.Errorf("open data folder %s: %w", abs, diskFull(abs, err))
	}
	if !opts.ReadOnly {
		s.ownerOnly()
	}
	if err := s.readOnlyWhenFull(); err != nil {
		return nil, fmt.Errorf("open data folder %s: %w", abs, err)
	}
	opts = s.opts
	bopts, err := badgerOptions(abs, opts)
	if err != nil {
		return nil, fmt.Errorf("open data folder %s: %w", abs, err)
	}
	watch := &damageWatch{}
	bopts = bopts.WithLogger(badgerLogger{l: s.log, watch: watch})
	encrypted := len(bopts.EncryptionKey) > 0
	if _, err := checkTables(abs, bopts); err != nil {
		return nil, err
	}
	if !encrypted {
		// Every table was verified whole just now; blocks are verified
		// again as they are read.
		bopts = bopts.WithChecksumVerificationMode(options.OnBlockRead)
	}
	db, err := openBadger(abs, bopts)
	if err != nil {
		if isLockError(err) {
			return nil, &alreadyOpenError{dir: abs}
		}
		if errors.Is(err, ErrDamaged) {
			return nil, err
		}
		return nil, fmt.Errorf("open data folder %s: %w", abs, diskFull(abs, err))
	}
	if watch.seen() {
		_ = db.Close()
		return nil, damaged(abs, "a table fails its checksum")
	}
	s.db = db
	if !s.readOnly {
		s.holdBallast()
	}
	if err := s.prepare(); err != nil {
		if !s.readOnly {
			s.releaseBallast()
		}
		_ = db.Close()
		if errors.Is(err, ErrDamaged) {
			return nil, err
		}
		return nil, fmt.Errorf("open data folder %s: %w", abs, err)
	}
	return s, nil
}

// prepare brings a freshly opened database to a usable state.
func (s *Store) prepare() (err error) {
	defer catchDamage(s.dir, &err)
	if err := s.resumeRestore(); err != nil {
		return err
	}
	if err := s.prepareSchema(); err != nil {
		return err
	}
	if err := s.resumeMerge(); err != nil {
		return err
	}
	if s.readOnly {
		return nil
	}
	return s.resumePurges(context.Background())
}

// Dir returns the absolute path of the data folder.
func (s *Store) Dir() string { return s.dir }

// Close waits for operations under way, then closes the database. Closing
// twice is harmless.
func (s *Store) Close() error {
	if a := s.ahead.Swap(nil); a != nil {
		a.cancel() // a read ahead is not waited for
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.db == nil {
		return nil
	}
	if !s.readOnly {
		s.releaseBallast()
	}
	err := s.db.Close()
	s.db = nil
	if err != nil {
		return fmt.Errorf("close data folder %s: %w", s.dir, err)
	}
	return nil
}

func (o Options) withDefaults() Options {
	if o.MemTableSize == 0 {
		o.MemTableSize = DefaultMemTableSize
	}
	if o.NumMemtables == 0 {
		o.NumMemtables = DefaultNumMemtables
	}
	if o.ValueLogFileSize == 0 {
		o.ValueLogFileSize = DefaultValueLogFileSize
	}
	return o
}

// badgerOptions turns Options into Badger's, sized for a laptop rather than
// a server (Badger's defaults peak near 200 MB).
func badgerOptions(dir string, o Options) (badger.Options, error) {
	if o.MemTableSize < 1<<20 {
		return badger.Options{}, fmt.Errorf("memtable size %d is too small; expected at least 1 MiB", o.MemTableSize)
	}
	if o.ValueLogFileSize < 1<<20 || o.ValueLogFileSize >= 1<<30 {
		return badger.Options{}, fmt.Errorf("value log file size %d is out of range; expected 1 MiB to 1 GiB", o.ValueLogFileSize)
	}
	maxBatch := o.MemTableSize * 15 / 100
	// Values above the threshold go to the value log; it must stay below
	// the largest batch or Badger refuses to open.
	threshold := min(int64(64<<10), maxBatch/2)
	b := badger.DefaultOptions(dir).
		WithLogger(nil).
		WithReadOnly(o.ReadOnly).
		WithSyncWrites(true).
		WithMetricsEnabled(false).
		WithNumGoroutines(2).
		WithNumCompactors(2).
		WithMemTableSize(o.MemTableSize).
		WithNumMemtables(max(o.NumMemtables, 1)).
		// A district's import (200,000 pieces of evidence, about 25 MB)
		// makes 5 to 7 level-0 tables. Compacting them from the 4th on
		// kept the import's last seconds busy, and closing the store then
		// waited for that compaction (up to 0.3 s); from the 8th on, an
		// import of that size leaves them for later. Stalling writes
		// earlier than at 16 tables cost a large import 10%.
		WithNumLevelZeroTables(8).
		WithNumLevelZeroTablesStall(16).
		WithBaseTableSize(baseTableSize).
		WithValueLogFileSize(o.ValueLogFileSize).
		WithValueThreshold(threshold).
		// BlockCacheSize 0 is only allowed with compression off; records are
		// small JSON, so compression would save little anyway.
		WithCompression(options.None).
		WithBlockCacheSize(o.BlockCacheSize).
		WithIndexCacheSize(o.IndexCacheSize).
		// Damage is detected, never served: every table is verified when
		// opened and every block when read, every value-log value too.
		WithChecksumVerificationMode(options.OnTableAndBlockRead).
		WithVerifyValueChecksum(true)
	if len(o.key) > 0 {
		// Badger requires a block cache and an index cache with
		// encryption (it panics without the former).
		b = b.WithEncryptionKey(o.key).
			WithBlockCacheSize(max(o.BlockCacheSize, 8<<20)).
			WithIndexCacheSize(max(o.IndexCacheSize, 8<<20))
	}
	if o.Logger != nil {
		b = b.WithLogger(badgerLogger{l: o.Logger})
	}
	return b, nil
}

// checkFolder refuses to let Badger write into a folder that holds other
// files (a mistyped path such as the home folder), and a read-only open of
// a folder that holds no data.
func checkFolder(dir string, readOnly bool) error {
	entries, err := os.ReadDir(dir)
	switch {
	case errors.Is(err, os.ErrNotExist):
		if readOnly {
			return fmt.Errorf("%w: the folder does not exist", ErrNotStore)
		}
		return os.MkdirAll(dir, 0o700)
	case err != nil:
		return err
	}
	entries = slices.DeleteFunc(entries, func(e os.DirEntry) bool { return strings.HasPrefix(e.Name(), ".") }) // .DS_Store and the like
	if len(entries) == 0 {
		if readOnly {
			return fmt.Errorf("%w: the folder is empty", ErrNotStore)
		}
		return nil
	}
	if _, err := os.Stat(filepath.Join(dir, "MANIFEST")); err != nil {
		return fmt.Errorf("%w: the folder holds other files; choose an empty folder or an existing data folder", ErrNotStore)
	}
	return nil
}

// openBadger opens the database. A process killed just after Badger
// created a memtable or value log file leaves that file empty, and
// Badger's Open then fails with "Create a new file" (dgraph-io/badger#2207)
// after setting the file up under its own lock; opening again succeeds.
// A panic inside Badger's Open (a damaged manifest or table) and Badger's
// reports of damaged files are the ErrDamaged sentence for dir.
func openBadger(dir string, o badger.Options) (db *badger.DB, err error) {
	defer catchDamage(dir, &err)
	db, err = badger.Open(o)
	for i := 0; i < 2 && err != nil && !o.ReadOnly && strings.Contains(err.Error(), "Create a new file"); i++ {
		db, err = badger.Open(o)
	}
	return db, err
}

// isLockError recognises Badger's directory-lock failure, which carries no
// sentinel: "Cannot acquire directory lock on ... Another process is using
// this Badger database." (and on Windows "Cannot create lock file ...").
func isLockError(err error) bool {
	return strings.Contains(err.Error(), "Another process is using this Badger database")
}

// alreadyOpenError is the sentence shown when the folder is held by another Store.
type alreadyOpenError struct{ dir string }

func (e *alreadyOpenError) Error() string {
	return "This data folder is already open in another Continuum Planner window: " + e.dir
}

func (e *alreadyOpenError) Is(target error) bool { return target == ErrAlreadyOpen }

// badgerLogger passes Badger's messages to slog. Badger's informational
// messages are internal detail, so they are logged at debug level. Its
// errors and warnings are also shown to watch, when set, which notes those
// about damaged files.
type badgerLogger struct {
	l     *slog.Logger
	watch *damageWatch
}

func (b badgerLogger) Errorf(f string, a ...any) {
	m := msg(f, a)
	b.watch.note(m)
	b.l.Error(m, "source", "badger")
}
func (b badgerLogger) Warningf(f string, a ...any) {
	m := msg(f, a)
	b.watch.note(m)
	b.l.Warn(m, "source", "badger")
}
func (b badgerLogger) Infof(f string, a ...any)  { b.l.Debug(msg(f, a), "source", "badger") }
func (b badgerLogger) Debugf(f string, a ...any) { b.l.Debug(msg(f, a), "source", "badger") }

func msg(f string, a []any) string { return strings.TrimSpace(fmt.Sprintf(f, a...)) }

// begin starts an operation: it checks ctx, read-only mode and that the
// store is open, and takes the locks; end releases them.
func (s *Store) begin(ctx context.Context, write bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if write && s.readOnly {
		return s.readOnlyError()
	}
	if write {
		if err := s.roomForChange(); err != nil {
			return err
		}
	}
	s.mu.RLock()
	if s.db == nil {
		s.mu.RUnlock()
		return ErrClosed
	}
	if write {
		s.wmu.Lock()
	}
	return nil
}

func (s *Store) end(write bool) {
	if write {
		s.wmu.Unlock()
	}
	s.mu.RUnlock()
}

// view runs fn in a read-only transaction: one consistent snapshot. A
// damaged file met on the way is an ErrDamaged error, never a panic.
func (s *Store) view(ctx context.Context, fn func(txn *badger.Txn) error) (err error) {
	if err := s.begin(ctx, false); err != nil {
		return err
	}
	defer s.end(false)
	defer catchDamage(s.dir, &err)
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	return fn(txn)
}

// update runs fn, which reads through txn, checks, and records the writes
// it wants in ch; then the writes are applied and committed in the same
// transaction. Nothing is written when fn fails.
func (s *Store) update(ctx context.Context, fn func(txn *badger.Txn, ch *change) error) error {
	if err := s.begin(ctx, true); err != nil {
		return err
	}
	defer s.end(true)
	return s.updateLocked(ctx, fn)
}

// updateLocked is update for a caller that already holds the locks. A
// damaged file met while reading is an ErrDamaged error, never a panic.
func (s *Store) updateLocked(ctx context.Context, fn func(txn *badger.Txn, ch *change) error) (err error) {
	defer catchDamage(s.dir, &err)
	txn := s.db.NewTransaction(true)
	defer txn.Discard()
	ch := &change{}
	if err := fn(txn, ch); err != nil {
		return err
	}
	if len(ch.ops) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil { // the last moment a change can still be abandoned
		return err
	}
	for _, o := range ch.ops {
		var err error
		if o.delete {
			err = txn.Delete(o.key)
		} else {
			err = txn.Set(o.key, o.value)
		}
		if err != nil {
			return diskFull(s.dir, ch.writeError(err))
		}
	}
	if err := txn.Commit(); err != nil {
		return diskFull(s.dir, ch.writeError(err))
	}
	return nil
}

// change is the list of writes one operation applies in one transaction.
type change struct {
	ops []op
	// what describes the change for people, e.g. "2,500 pieces of evidence".
	what string
}

type op struct {
	key, value []byte
	delete     bool
}

func (c *change) set(key, value []byte) { c.ops = append(c.ops, op{key: key, value: value}) }

func (c *change) del(key []byte) { c.ops = append(c.ops, op{key: key, delete: true}) }

// put records v, encoded, under key.
func (c *change) put(key []byte, v any) error {
	b, err := encode(v)
	if err != nil {
		return fmt.Errorf("encode %s: %w", printKey(key), err)
	}
	c.set(key, b)
	return nil
}

// writeError explains a failure to write the change.
func (c *change) writeError(err error) error {
	switch {
	case errors.Is(err, badger.ErrTxnTooBig):
		what := c.what
		if what == "" {
			what = "this change"
		}
		return &tooLargeError{continuum.Invalidf("", "%s cannot be saved at once: it means writing %s records, more than one change can hold; nothing was saved. Split it into smaller parts",
			what, thousands(len(c.ops)))}
	case errors.Is(err, badger.ErrConflict):
		return continuum.Conflictf("", "the data changed while this change was being saved; nothing was saved, try again")
	}
	return err
}

// tooLargeError is a continuum.ErrInvalid error that also matches ErrTooLarge.
type tooLargeError struct{ err *continuum.Error }

func (e *tooLargeError) Error() string        { return e.err.Error() }
func (e *tooLargeError) Unwrap() error        { return e.err }
func (e *tooLargeError) Is(target error) bool { return target == ErrTooLarge }

// thousands writes n with comma separators: 12,500.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// now returns the current time in UTC without the monotonic reading, so a
// value compares equal to itself after a round trip through storage.
func now() time.Time { return time.Now().UTC().Round(0) }
