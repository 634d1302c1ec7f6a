package storage

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
	"github.com/dgraph-io/badger/v4/fb"
	"github.com/dgraph-io/badger/v4/options"
	"github.com/dgraph-io/badger/v4/pb"
	"github.com/dgraph-io/badger/v4/table"
	"github.com/dgraph-io/badger/v4/y"
	"github.com/dgraph-io/ristretto/v2"
	"github.com/dgraph-io/ristretto/v2/z"
	"google.golang.org/protobuf/proto"
)

// ErrDamaged means the data folder's files are damaged: a table or value
// fails its checksum, cannot be read, or holds a record that cannot be
// decoded. Nothing is served from a damaged folder; errors matching it read
// as one sentence that names the folder and the way out.
var ErrDamaged = errors.New("data folder damaged")

// damagedError is the sentence shown for a damaged data folder.
type damagedError struct {
	dir string
	// detail says what was found, e.g. "table 000003.sst fails its checksum".
	detail string
}

func (e *damagedError) Error() string {
	return fmt.Sprintf("The data folder %s is damaged (%s); nothing was changed. Restore the newest automatic backup: continuumctl restore --latest (or Settings → Restore in the app).", e.dir, e.detail)
}

func (e *damagedError) Is(target error) bool { return target == ErrDamaged }

// damaged returns the ErrDamaged sentence for dir, with what was found.
func damaged(dir, detail string) error {
	return &damagedError{dir: dir, detail: detail}
}

// damageMarks are the words of Badger's errors about damaged files. Badger
// flattens the errors it wraps into text (y.Wrap), so they carry no
// sentinel that errors.Is could find.
var damageMarks = []string{
	"checksum mismatch",
	"CHECKSUM_MISMATCH",
	"checksum validation failed",
	"invalid checksum length",
	"failed to read index",
	"failed to initialize table",
	"value corrupted",
	"Data corrupted",
	"might be corrupted",
	"does not exist for table",
}

// isDamage reports whether err is Badger's report of a damaged file.
func isDamage(err error) bool {
	if err == nil || errors.Is(err, ErrDamaged) {
		return false
	}
	msg := err.Error()
	for _, m := range damageMarks {
		if strings.Contains(msg, m) {
			return true
		}
	}
	return false
}

// asDamage turns Badger's report of a damaged file into the ErrDamaged
// sentence for dir; any other error is returned as it is.
func asDamage(dir string, err error) error {
	if !isDamage(err) {
		return err
	}
	return damaged(dir, "a file fails its checksum or cannot be read")
}

// catchDamage, deferred at the store's boundary (Open and every
// transaction), turns a panic raised inside Badger, which reading a damaged
// table can cause, and Badger's reports of damaged files into the ErrDamaged
// sentence. A panic that did not come from Badger is a fault of this
// program and is passed on.
func catchDamage(dir string, errp *error) {
	r := recover()
	if r == nil {
		*errp = asDamage(dir, *errp)
		return
	}
	if !bytes.Contains(debug.Stack(), []byte("github.com/dgraph-io/")) {
		panic(r)
	}
	*errp = damaged(dir, "a file cannot be read")
}

// checkTables verifies every table file the folder's MANIFEST lists, before
// Badger opens them: each table's footer and index and, unless the table is
// encrypted, each block's checksum. Badger opens tables in goroutines of
// its own, where a damaged one panics or ends the process (log.Fatal) out
// of reach of any recover, and it skips (with only a log line) a table that
// fails its checksum; so damage is found here first, in the caller's
// goroutine. An encrypted table's blocks cannot be read without Badger's key
// registry and are left to Badger's own check at open (OnTableRead). A
// MANIFEST that cannot be read is left for Badger to report.
func checkTables(dir string, o badger.Options) (n int, err error) {
	n, name, err := checkListedTables(dir, o)
	if errors.Is(err, errTableMissing) {
		// Another program holding the folder may have merged tables (and
		// deleted the old ones) since the MANIFEST was read: read it again.
		// Tables never change once listed, so other damage is damage.
		n, name, err = checkListedTables(dir, o)
	}
	if err != nil {
		return n, damaged(dir, fmt.Sprintf("table %s %s", name, err))
	}
	return n, nil
}

// errTableMissing is a table the MANIFEST lists and the folder lacks.
var errTableMissing = errors.New("is missing")

// checkListedTables checks the tables the MANIFEST lists and returns how
// many it checked, and the name of the first table that fails with why.
func checkListedTables(dir string, o badger.Options) (n int, name string, err error) {
	f, err := os.Open(filepath.Join(dir, "MANIFEST"))
	if err != nil {
		return 0, "", nil // a new folder, or one Badger will explain
	}
	m, _, err := badger.ReplayManifestFile(f, o.ExternalMagicVersion, o)
	_ = f.Close()
	if err != nil {
		return 0, "", nil
	}
	ids := make([]uint64, 0, len(m.Tables))
	for id := range m.Tables {
		ids = append(ids, id)
	}
	slices.Sort(ids)
	keys, err := openTableKeys(dir, o, m)
	if err != nil {
		return 0, badger.KeyRegistryFileName, err
	}
	defer keys.close()
	for _, id := range ids {
		tm := m.Tables[id]
		path := table.NewFilename(id, dir)
		if err := keys.checkTable(path, tm.KeyID, tm.Compression); err != nil {
			return n, filepath.Base(path), err
		}
		n++
	}
	return n, "", nil
}

// tableKeys decrypts the tables of an encrypted folder for checking: the
// folder's key registry, opened read-only, and a small index cache, which
// Badger needs to read an encrypted table's index.
type tableKeys struct {
	registry *badger.KeyRegistry
	indexes  *ristretto.Cache[uint64, *fb.TableIndex]
}

// openTableKeys opens dir's key registry when a table the MANIFEST m lists
// is encrypted and o has the data key; otherwise the encrypted tables'
// blocks are left to Badger's own check (a missing key is Badger's error).
func openTableKeys(dir string, o badger.Options, m badger.Manifest) (tableKeys, error) {
	encrypted := false
	for _, tm := range m.Tables {
		encrypted = encrypted || tm.KeyID != 0
	}
	if !encrypted || len(o.EncryptionKey) == 0 {
		return tableKeys{}, nil
	}
	kr, err := badger.OpenKeyRegistry(badger.KeyRegistryOptions{Dir: dir, ReadOnly: true,
		EncryptionKey: o.EncryptionKey, EncryptionKeyRotationDuration: o.EncryptionKeyRotationDuration})
	if err != nil {
		if errors.Is(err, badger.ErrEncryptionKeyMismatch) {
			return tableKeys{}, nil // a wrong key: Open says so in its own words
		}
		return tableKeys{}, errors.New("cannot be read")
	}
	cache, err := ristretto.NewCache(&ristretto.Config[uint64, *fb.TableIndex]{NumCounters: 1000, MaxCost: 4 << 20, BufferItems: 64})
	if err != nil {
		return tableKeys{}, fmt.Errorf("check tables: %w", err)
	}
	return tableKeys{registry: kr, indexes: cache}, nil
}

// close stops the index cache's goroutines.
func (k tableKeys) close() {
	if k.indexes != nil {
		k.indexes.Close()
	}
}

// checkTable checks one table: its footer and index, and every block when
// the table is plain or its key is known.
func (k tableKeys) checkTable(path string, keyID uint64, compression options.CompressionType) error {
	if keyID == 0 {
		return checkTable(path, nil, true, compression, nil)
	}
	if k.registry == nil {
		return checkTable(path, nil, false, compression, nil)
	}
	dk, err := k.registry.DataKey(keyID)
	if err != nil {
		return errors.New("has no key in the folder's key registry")
	}
	return checkTable(path, dk, true, compression, k.indexes)
}

// checkTable opens one table file read-only and verifies its footer and
// index, then, when blocks is set, every block.
func checkTable(path string, dk *pb.DataKey, blocks bool, compression options.CompressionType,
	indexes *ristretto.Cache[uint64, *fb.TableIndex]) (err error) {
	mf, err := z.OpenMmapFile(path, os.O_RDONLY, 0)
	if errors.Is(err, os.ErrNotExist) {
		return errTableMissing
	}
	if errors.Is(err, z.NewFile) {
		// An empty file: mapped with nothing in it.
		if mf != nil {
			_ = mf.Close(-1)
		}
		return errors.New("is empty")
	}
	if err != nil {
		return fmt.Errorf("cannot be opened: %w", err)
	}
	defer func() { _ = mf.Close(-1) }()
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("cannot be read")
		}
	}()
	if err := checkFooter(mf.Data); err != nil || !blocks {
		return err
	}
	// NoVerification: OpenTable only reads the index; VerifyChecksum below
	// then reads and checks every block. OpenTable closes the file only on
	// errors that cannot happen here (its name was parsed, its Stat works).
	t, err := table.OpenTable(mf, table.Options{ReadOnly: true, ChkMode: options.NoVerification, Compression: compression,
		BlockSize: 4 << 10, DataKey: dk, IndexCache: indexes})
	if err != nil {
		return errors.New("has a damaged index")
	}
	if err := t.VerifyChecksum(); err != nil {
		return errors.New("fails its checksum")
	}
	return nil
}

// checkFooter checks a table's footer and verifies its index's checksum,
// as Badger reads them (table.initIndex), but with every length checked
// first: Badger ends the process (log.Fatal) when a length points outside
// the file, as it does in a truncated table.
func checkFooter(data []byte) error {
	n := len(data)
	if n < 8 {
		return errors.New("is too short")
	}
	chkLen := int(binary.BigEndian.Uint32(data[n-4:]))
	if chkLen > n-8 {
		return errors.New("has a damaged footer")
	}
	pos := n - 4 - chkLen
	var chk pb.Checksum
	if err := proto.Unmarshal(data[pos:n-4], &chk); err != nil {
		return errors.New("has a damaged footer")
	}
	indexLen := int(binary.BigEndian.Uint32(data[pos-4 : pos]))
	if indexLen > pos-4 {
		return errors.New("has a damaged footer")
	}
	if err := y.VerifyChecksum(data[pos-4-indexLen:pos-4], &chk); err != nil {
		return errors.New("has a damaged index")
	}
	return nil
}

// damageWatch notes Badger's log lines about damaged files. Badger logs a
// table that fails its checksum at open, and opens without it; Open then
// refuses the folder rather than serve it with records missing.
type damageWatch struct {
	mu   sync.Mutex
	line string
}

func (w *damageWatch) note(line string) {
	if w == nil || !isDamage(errors.New(line)) {
		return
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.line == "" {
		w.line = line
	}
}

func (w *damageWatch) seen() bool {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.line != ""
}

// CheckReport is what Check found in a sound data folder.
type CheckReport struct {
	// Tables is how many table files had every block's checksum verified.
	Tables int
	// Records counts the records decoded, by kind ("students", "evidence" ...).
	Records map[string]int
}

// Total is the number of records decoded.
func (r CheckReport) Total() int {
	n := 0
	for _, c := range r.Records {
		n += c
	}
	return n
}

// Kinds returns the kinds of record found, sorted.
func (r CheckReport) Kinds() []string {
	kinds := make([]string, 0, len(r.Records))
	for k := range r.Records {
		kinds = append(kinds, k)
	}
	sort.Strings(kinds)
	return kinds
}

// Check verifies every table of the store (each block's checksum) and
// decodes every record. A damaged folder is an error matching ErrDamaged
// that names the first damage found.
func (s *Store) Check(ctx context.Context) (rep CheckReport, err error) {
	if err := s.begin(ctx, false); err != nil {
		return rep, fmt.Errorf("check data folder: %w", err)
	}
	defer s.end(false)
	defer catchDamage(s.dir, &err)
	rep.Records = map[string]int{}
	rep.Tables = len(s.db.Tables())
	if err := s.db.VerifyChecksum(); err != nil {
		return rep, damaged(s.dir, "a table fails its checksum")
	}
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	err = scan(ctx, txn, nil, true, func(item *badger.Item) error {
		kind, dec := recordDecoder(item.Key())
		if err := item.Value(dec); err != nil {
			if isDamage(err) {
				return err
			}
			return damaged(s.dir, fmt.Sprintf("record %s cannot be read: %v", printKey(item.Key()), err))
		}
		rep.Records[kind]++
		return nil
	})
	return rep, err
}

// recordDecoder returns the kind of record key holds and a function that
// decodes its value, after the layout in KEYS.md.
func recordDecoder(key []byte) (string, func([]byte) error) {
	k := string(key)
	as := func(v any) func([]byte) error { return func(b []byte) error { return decode(b, v) } }
	fixed := func(n int) func([]byte) error {
		return func(b []byte) error {
			if len(b) != n {
				return fmt.Errorf("holds %d bytes; expected %d", len(b), n)
			}
			return nil
		}
	}
	switch {
	case k == keySchema:
		return "settings", fixed(4)
	case k == keyEvidenceCounter:
		return "settings", fixed(8)
	case k == keyLookFors:
		return "settings", as(&[]string{})
	case k == keyApply:
		return "settings", func([]byte) error { return nil }
	case strings.HasPrefix(k, prefixContinuum):
		return "continua", as(&continuum.Continuum{})
	case strings.HasPrefix(k, prefixName):
		return "continuum names", rawID
	case strings.HasPrefix(k, prefixTarget):
		return "targets", as(&continuum.Target{})
	case strings.HasPrefix(k, prefixStudent):
		return "students", as(&continuum.Student{})
	case strings.HasPrefix(k, prefixEvidence):
		if _, _, _, ok := parseEvidenceKey(key); !ok {
			return "evidence", func([]byte) error { return errors.New("its key is not an evidence key") }
		}
		return "evidence", as(&continuum.Evidence{})
	case strings.HasPrefix(k, prefixEvidenceByID):
		return "evidence index", func(b []byte) error {
			if _, _, _, ok := parseEvidenceIndexValue(b); !ok {
				return fmt.Errorf("holds %q; expected <continuum>/<student>[/<count>]", b)
			}
			return nil
		}
	case strings.HasPrefix(k, prefixOverride):
		return "overrides", as(&continuum.Override{})
	case strings.HasPrefix(k, prefixTombstone):
		return "deletions under way", as(&tombstone{})
	case strings.HasPrefix(k, prefixFlex):
		return "flex blocks", as(&continuum.FlexBlock{})
	case strings.HasPrefix(k, prefixUnit):
		return "units", as(&continuum.Unit{})
	case strings.HasPrefix(k, prefixCalibration):
		return "calibration scores", as(&continuum.CalibrationScore{})
	case strings.HasPrefix(k, prefixVisitNote):
		return "visit notes", as(&continuum.VisitNote{})
	case strings.HasPrefix(k, prefixStage):
		// A staged change's values are whatever the final keys hold; Open
		// finishes or drops the change, so they are only counted here.
		return "staged", func([]byte) error { return nil }
	}
	return "other", func([]byte) error { return nil }
}

// rawID checks a raw ID value (the name index's continuum ID).
func rawID(b []byte) error {
	if !validID(string(b)) {
		return fmt.Errorf("holds %q; expected a continuum ID", b)
	}
	return nil
}
