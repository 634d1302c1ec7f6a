package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// rawBadger opens dir with plain Badger, as another program would.
func rawBadger(t *testing.T, dir string) *badger.DB {
	t.Helper()
	db, err := badger.Open(badger.DefaultOptions(dir).WithLogger(nil))
	must(t, err)
	return db
}

// writeRaw stores key/value pairs in one transaction; a value that is not
// []byte is encoded as every version before data layout 4 encoded
// records: the JSON format, evidence included.
func writeRaw(t *testing.T, db *badger.DB, kv map[string]any) {
	t.Helper()
	must(t, db.Update(func(txn *badger.Txn) error {
		for k, v := range kv {
			b, ok := v.([]byte)
			if !ok {
				b = jsonValue(t, v)
			}
			if err := txn.Set([]byte(k), b); err != nil {
				return err
			}
		}
		return nil
	}))
}

// jsonValue is v as a record value in the JSON format.
func jsonValue(t testing.TB, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	must(t, err)
	return append([]byte{formatJSON}, b...)
}

// TestMigrate1To2 writes the schema-1 layout by hand (no x/e index) and
// checks that Open upgrades it so evidence is found by ID.
func TestMigrate1To2(t *testing.T) {
	dir := t.TempDir()
	db := rawBadger(t, dir)
	c, targets := mathContinuum()
	c.ID = "c1"
	st := continuum.Student{ID: "S01", Name: "Ada"}
	kv := map[string]any{
		keySchema:                                []byte{0, 0, 0, 1},
		keyEvidenceCounter:                       uint64Bytes(2), // behind the IDs in use, as a careless writer could leave it
		"c/c1":                                   c,
		"cn/mathematics":                         []byte("c1"),
		"s/S01":                                  st,
		string(targetKey("c1", targets[0].Code)): targets[0],
		string(targetKey("c1", targets[2].Code)): targets[2],
	}
	for id, code := range map[uint64]string{1: "NUM.K.1", 2: "GEO.K.1", 7: "NUM.K.1"} {
		e := ev("c1", "S01", code, "2026-09-14", 2)
		e.ID = id
		e.RecordedAt = time.Date(2026, 9, 14, 15, 0, 0, 0, time.UTC)
		kv[string(evidenceKey("c1", "S01", id))] = e
	}
	writeRaw(t, db, kv)
	must(t, db.Close())

	s := mustOpenDir(t, dir, Options{})
	var version uint64
	must(t, s.db.View(func(txn *badger.Txn) (err error) {
		version, _, err = readUint(txn, keySchema)
		return err
	}))
	if version != schemaVersion {
		t.Fatalf("schema after Open = %d, want %d (upgraded step by step)", version, schemaVersion)
	}
	assertIndexMatches(t, s)

	e := ev("", "", "GEO.K.1", "2026-09-15", 4)
	e.ID = 1
	must(t, s.UpdateEvidence(ctx, e))
	removed, err := s.DeleteEvidence(ctx, 2)
	must(t, err)
	if removed.Target != "GEO.K.1" {
		t.Errorf("removed %+v", removed)
	}
	evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: "c1"})
	must(t, err)
	// Ordered by date: #7 (09-14) before the rescored #1 (now 09-15).
	if len(evs) != 2 || evs[0].ID != 7 || evs[1].ID != 1 || evs[1].Score != 4 {
		t.Errorf("evidence after upgrade = %+v", evs)
	}
	// New IDs continue after the highest in use, not after the stale counter.
	added, err := s.AddEvidence(ctx, ev("c1", "S01", "NUM.K.1", "2026-09-16", 3))
	must(t, err)
	if added[0].ID != 8 {
		t.Errorf("new ID = %d, want 8", added[0].ID)
	}
}

// TestMigrate2To3 writes the schema-2 layout by hand (records without
// UIDs, one student that has one) and checks that Open gives every
// student, target and piece of evidence its own identity, keeps the one
// already given, and that the step can be run again without changing them.
func TestMigrate2To3(t *testing.T) {
	dir := t.TempDir()
	db := rawBadger(t, dir)
	c, targets := mathContinuum()
	c.ID = "c1"
	kv := map[string]any{
		keySchema:                                []byte{0, 0, 0, 2},
		keyEvidenceCounter:                       uint64Bytes(2),
		"c/c1":                                   c,
		"cn/mathematics":                         []byte("c1"),
		"s/S01":                                  continuum.Student{ID: "S01", Name: "Ada"},
		"s/S02":                                  continuum.Student{ID: "S02", Name: "Ben", UID: "kept-uid"},
		string(targetKey("c1", targets[0].Code)): targets[0],
		string(targetKey("c1", targets[2].Code)): targets[2],
	}
	for id, code := range map[uint64]string{1: "NUM.K.1", 2: "GEO.K.1"} {
		e := ev("c1", "S01", code, "2026-09-14", 2)
		e.ID = id
		kv[string(evidenceKey("c1", "S01", id))] = e
		kv[string(evidenceIndexKey(id))] = evidenceIndexValue("c1", "S01", 1)
	}
	writeRaw(t, db, kv)
	must(t, db.Close())

	s := mustOpenDir(t, dir, Options{})
	uids := func() map[string]string {
		out := map[string]string{}
		students, err := s.Students(ctx)
		must(t, err)
		for _, st := range students {
			out["student "+st.ID] = st.UID
		}
		ts, err := s.Targets(ctx, "c1")
		must(t, err)
		for _, tg := range ts {
			out["target "+tg.Code] = tg.UID
		}
		evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: "c1"})
		must(t, err)
		for _, e := range evs {
			out[fmt.Sprintf("evidence %d", e.ID)] = e.UID
		}
		return out
	}
	got := uids()
	if len(got) != 6 {
		t.Fatalf("records after upgrade = %v, want 2 students, 2 targets, 2 pieces of evidence", got)
	}
	if got["student S02"] != "kept-uid" {
		t.Errorf("S02's UID = %q, want the one it had", got["student S02"])
	}
	seen := map[string]string{}
	for rec, uid := range got {
		if uid == "" {
			t.Errorf("%s has no UID after the upgrade", rec)
		}
		if other, dup := seen[uid]; dup {
			t.Errorf("%s and %s share UID %s", rec, other, uid)
		}
		seen[uid] = rec
	}
	// Repeating the step (as after a crash before the version was bumped)
	// changes nothing.
	must(t, migrateMintUIDs(ctx, s))
	if again := uids(); !maps.Equal(again, got) {
		t.Errorf("UIDs after the step ran again = %v, want %v", again, got)
	}
}

func TestReadOnlyRefusesOldSchema(t *testing.T) {
	dir := t.TempDir()
	db := rawBadger(t, dir)
	writeRaw(t, db, map[string]any{keySchema: []byte{0, 0, 0, 1}})
	must(t, db.Close())
	_, err := Open(dir, Options{ReadOnly: true})
	if err == nil || !strings.Contains(err.Error(), "older version") {
		t.Errorf("read-only Open of schema 1 = %v, want a request to open it read-write", err)
	}
}

func TestNewerSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	db := rawBadger(t, dir)
	writeRaw(t, db, map[string]any{keySchema: uint32Bytes(schemaVersion + 1)})
	must(t, db.Close())
	for _, ro := range []bool{false, true} {
		_, err := Open(dir, Options{ReadOnly: ro})
		if !errors.Is(err, ErrNewerVersion) || !strings.Contains(err.Error(), "made by a newer version of Continuum Planner") {
			t.Errorf("Open (read-only %v) of schema %d = %v, want ErrNewerVersion", ro, schemaVersion+1, err)
		}
	}
	// Nothing was written: the schema is still the newer one.
	db = rawBadger(t, dir)
	defer db.Close()
	must(t, db.View(func(txn *badger.Txn) error {
		v, _, err := readUint(txn, keySchema)
		if v != schemaVersion+1 {
			t.Errorf("schema = %d after a refused Open", v)
		}
		return err
	}))
}

func TestDataWithoutSchemaRefused(t *testing.T) {
	dir := t.TempDir()
	db := rawBadger(t, dir)
	writeRaw(t, db, map[string]any{"something": []byte("else")})
	must(t, db.Close())
	if _, err := Open(dir, Options{}); !errors.Is(err, ErrNotStore) {
		t.Errorf("Open of foreign Badger data = %v, want ErrNotStore", err)
	}
}

func TestEveryOldSchemaHasAMigration(t *testing.T) {
	for v := uint32(1); v < schemaVersion; v++ {
		found := false
		for _, m := range migrations {
			found = found || m.from == v
		}
		if !found {
			t.Errorf("no migration from schema %d", v)
		}
	}
}

// schema3Store writes a data layout 3 store by hand in dir: one
// continuum, n students and perStudent pieces of evidence each, every
// record in the JSON format. It returns the evidence as it was written.
func schema3Store(t *testing.T, dir string, n, perStudent int) []continuum.Evidence {
	t.Helper()
	db := rawBadger(t, dir)
	c, targets := mathContinuum()
	c.ID = "c1"
	kv := map[string]any{keySchema: []byte{0, 0, 0, 3}, "c/c1": c, "cn/mathematics": []byte("c1")}
	for _, tg := range targets {
		tg.UID = continuum.NewUID()
		kv[string(targetKey("c1", tg.Code))] = tg
	}
	var evs []continuum.Evidence
	for i := range n {
		sid := fmt.Sprintf("S%04d", i+1)
		kv["s/"+sid] = continuum.Student{ID: sid, Name: "Student " + sid, UID: continuum.NewUID()}
		for k := range perStudent {
			e := ev("c1", sid, targets[(i+k)%len(targets)].Code, "2026-09-14", float64(1+k%4))
			e.ID, e.UID = uint64(len(evs)+1), continuum.NewUID()
			e.Date = e.Date.AddDays(k)
			e.Note = fmt.Sprintf("note %d", e.ID)
			e.RecordedAt = time.Date(2026, 9, 14, 15, 0, 0, int(e.ID), time.UTC)
			kv[string(evidenceKey("c1", sid, e.ID))] = e
			kv[string(evidenceIndexKey(e.ID))] = evidenceIndexValue("c1", sid, 1)
			evs = append(evs, e)
		}
	}
	kv[keyEvidenceCounter] = uint64Bytes(uint64(len(evs)))
	wb := db.NewWriteBatch()
	for k, v := range kv {
		b, ok := v.([]byte)
		if !ok {
			b = jsonValue(t, v)
		}
		must(t, wb.Set([]byte(k), b))
	}
	must(t, wb.Flush())
	must(t, db.Close())
	return evs
}

// evidenceFormats counts the stored evidence values by their format byte.
func evidenceFormats(t *testing.T, db *badger.DB) map[byte]int {
	t.Helper()
	formats := map[byte]int{}
	must(t, db.View(func(txn *badger.Txn) error {
		return scan(ctx, txn, []byte(prefixEvidence), true, func(item *badger.Item) error {
			return item.Value(func(b []byte) error { formats[b[0]]++; return nil })
		})
	}))
	return formats
}

// assertEvidenceIs checks that s reads exactly want, in its order.
func assertEvidenceIs(t *testing.T, s *Store, want []continuum.Evidence) {
	t.Helper()
	got, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: "c1"})
	must(t, err)
	if len(got) != len(want) {
		t.Fatalf("read %d pieces of evidence, want %d", len(got), len(want))
	}
	for i := range want {
		var w continuum.Evidence
		must(t, decode(jsonValue(t, want[i]), &w)) // as the old store read it
		if d := sameEvidence(got[i], w); d != "" {
			t.Fatalf("evidence %d: %s", want[i].ID, d)
		}
	}
}

// TestMigrate3To4 opens a data layout 3 store, whose evidence is JSON,
// and checks that every piece is rewritten in the compact format and
// reads the same; running the step again changes nothing.
func TestMigrate3To4(t *testing.T) {
	dir := t.TempDir()
	want := schema3Store(t, dir, 30, 150) // 4,500: more than two chunks
	s := mustOpenDir(t, dir, Options{})
	if f := evidenceFormats(t, s.db); f[formatJSON] != 0 || f[formatCompact] != len(want) {
		t.Fatalf("evidence formats after Open = %v, want all %d compact", f, len(want))
	}
	assertEvidenceIs(t, s, want)
	must(t, migrateCompactEvidence(ctx, s))
	assertEvidenceIs(t, s, want)
	// New evidence is written compact too, and the store checks clean.
	added, err := s.AddEvidence(ctx, ev("c1", "S0001", "NUM.K.1", "2026-10-01", 3))
	must(t, err)
	if added[0].ID != uint64(len(want))+1 {
		t.Errorf("new ID = %d, want %d", added[0].ID, len(want)+1)
	}
	if f := evidenceFormats(t, s.db); f[formatCompact] != len(want)+1 {
		t.Errorf("evidence formats = %v", f)
	}
	rep, err := s.Check(ctx)
	must(t, err)
	if rep.Records["evidence"] != len(want)+1 {
		t.Errorf("check counted %d pieces of evidence", rep.Records["evidence"])
	}
}

const envCompactKillDir = "CONTINUUM_COMPACT_KILL_DIR"

// TestMigrate3To4Killed kills (SIGKILL) a process in the middle of the
// migration, after its first chunk is durable: the store it leaves is
// still layout 3, half rewritten, and reads the old evidence; the next
// Open finishes the rewrite and reads the same evidence.
func TestMigrate3To4Killed(t *testing.T) {
	if testing.Short() {
		t.Skip("kills a child process")
	}
	dir := t.TempDir()
	want := schema3Store(t, dir, 30, 150)
	cmd := exec.Command(os.Args[0], "-test.run=^TestMigrate3To4KilledChild$", "-test.count=1")
	cmd.Env = append(os.Environ(), envCompactKillDir+"="+dir)
	out, _ := cmd.CombinedOutput()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		t.Fatalf("the child was not killed mid-migration: %v\n%s", cmd.ProcessState, out)
	}
	db := rawBadger(t, dir)
	var version uint64
	must(t, db.View(func(txn *badger.Txn) (err error) {
		version, _, err = readUint(txn, keySchema)
		return err
	}))
	f := evidenceFormats(t, db)
	// Half rewritten, every record still reads as the old one did.
	byID := map[uint64]continuum.Evidence{}
	must(t, db.View(func(txn *badger.Txn) error {
		return scanValues(ctx, txn, evidencePrefix("c1", ""), func(_ []byte, e *continuum.Evidence) error {
			byID[e.ID] = *e
			return nil
		})
	}))
	must(t, db.Close())
	if version != 3 || f[formatCompact] < compactChunk || f[formatJSON] == 0 || f[formatCompact]+f[formatJSON] != len(want) {
		t.Fatalf("after the kill: layout %d, evidence formats %v; want layout 3, half rewritten", version, f)
	}
	for _, w := range want {
		var old continuum.Evidence
		must(t, decode(jsonValue(t, w), &old))
		if d := sameEvidence(byID[w.ID], old); d != "" {
			t.Fatalf("evidence %d after the kill: %s", w.ID, d)
		}
	}
	s := mustOpenDir(t, dir, Options{})
	if f := evidenceFormats(t, s.db); f[formatJSON] != 0 || f[formatCompact] != len(want) {
		t.Fatalf("evidence formats after the next Open = %v, want all %d compact", f, len(want))
	}
	assertEvidenceIs(t, s, want)
}

// TestMigrate3To4KilledChild is the child of TestMigrate3To4Killed: it
// opens the store and kills itself once the first chunk is durable.
func TestMigrate3To4KilledChild(t *testing.T) {
	dir := os.Getenv(envCompactKillDir)
	if dir == "" {
		t.Skip("run by TestMigrate3To4Killed")
	}
	compactHook = func(int) { _ = syscall.Kill(os.Getpid(), syscall.SIGKILL) }
	s, err := Open(dir, Options{})
	if err == nil {
		s.Close()
	}
	t.Fatalf("Open finished the migration (%v); it should have been killed", err)
}
