package storage

import (
	"bytes"
	"errors"
	"regexp"
	"sync"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// Given a store, its de-identify key is made once and then the same: after
// reopening, to concurrent callers, after a backup is restored (into it or
// a new store), and after a restore of a backup that holds none.
func TestDeidentifyKeyIsKeptPerStore(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	var old bytes.Buffer
	must(t, s.Backup(&old)) // taken before the store had a key

	keys := make([]string, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Go(func() {
			k, err := s.DeidentifyKey()
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		})
	}
	wg.Wait()
	key := keys[0]
	if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(key) {
		t.Fatalf("key %q is not 64 hexadecimal digits", key)
	}
	for _, k := range keys {
		if k != key {
			t.Fatalf("concurrent callers got different keys: %q", keys)
		}
	}
	if other, err := mustOpen(t).DeidentifyKey(); err != nil || other == key {
		t.Errorf("another store's key = %q, %v; want a different one", other, err)
	}

	must(t, s.Close())
	ro := mustOpenDir(t, dir, Options{ReadOnly: true})
	if k, err := ro.DeidentifyKey(); err != nil || k != key {
		t.Errorf("read-only after reopening: %q, %v; want %q", k, err, key)
	}
	must(t, ro.Close())
	s = mustOpenDir(t, dir, Options{})

	var withKey bytes.Buffer
	must(t, s.Backup(&withKey))
	_, err := s.Restore(&old)
	must(t, err)
	if k, err := s.DeidentifyKey(); err != nil || k != key {
		t.Errorf("after restoring a backup without a key: %q, %v; want the store's %q", k, err, key)
	}
	fresh := mustOpen(t)
	_, err = fresh.Restore(&withKey)
	must(t, err)
	if k, err := fresh.DeidentifyKey(); err != nil || k != key {
		t.Errorf("a new store restored from the backup: %q, %v; want the backup's %q", k, err, key)
	}
}

// A read-only store that has no key yet cannot make one.
func TestDeidentifyKeyReadOnly(t *testing.T) {
	dir := t.TempDir()
	must(t, mustOpenDir(t, dir, Options{}).Close())
	ro := mustOpenDir(t, dir, Options{ReadOnly: true})
	if _, err := ro.DeidentifyKey(); !errors.Is(err, continuum.ErrReadOnly) {
		t.Errorf("DeidentifyKey on a read-only store without a key = %v; want ErrReadOnly", err)
	}
}

// A key of the wrong length is refused by a restore, naming the record.
func TestRestoreRefusesDamagedDeidentifyKey(t *testing.T) {
	s := mustOpen(t)
	bad := rawBackup(t, map[string]any{keySchema: []byte{0, 0, 0, schemaVersion}, keyDeidentify: []byte("short")})
	if _, err := s.Restore(bytes.NewReader(bad)); err == nil || !regexp.MustCompile(`deidentify-key.*5 bytes`).MatchString(err.Error()) {
		t.Errorf("restore of a 5-byte key = %v; want it refused, naming the record", err)
	}
}
