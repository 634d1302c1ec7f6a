package storage

import (
	"errors"
	"fmt"
	"maps"
	"strings"
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
// []byte is encoded.
func writeRaw(t *testing.T, db *badger.DB, kv map[string]any) {
	t.Helper()
	must(t, db.Update(func(txn *badger.Txn) error {
		for k, v := range kv {
			b, ok := v.([]byte)
			if !ok {
				var err error
				if b, err = encode(v); err != nil {
					return err
				}
			}
			if err := txn.Set([]byte(k), b); err != nil {
				return err
			}
		}
		return nil
	}))
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
		kv[string(evidenceIndexKey(id))] = evidenceIndexValue("c1", "S01")
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
