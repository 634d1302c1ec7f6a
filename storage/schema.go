package storage

import (
	"bytes"
	"context"
	"fmt"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// schemaVersion is the key layout this version writes. Each change of
// layout adds a migration from the version before.
//
//	1  the first layout: no evidence index
//	2  adds x/e/<eid> → <cid>/<sid>, so evidence is found by ID alone
//	3  gives every student, target and piece of evidence a UID, its
//	   identity when it travels to another store
//	4  stores evidence in the compact format (formatCompact), not JSON
//	5  lets an entry of the evidence index cover a run of pieces
//	   (x/e/<first eid> → <cid>/<sid>/<n>), so that an import writes one
//	   entry per student, not one per piece; the entries of layout 4 are
//	   runs of one, so upgrading rewrites nothing, and a version that
//	   reads only single entries refuses the folder by its layout number
const schemaVersion = 5

// migration upgrades the layout from version from to from+1. run must be
// safe to repeat: a crash before the version is bumped runs it again.
type migration struct {
	from uint32
	name string
	run  func(ctx context.Context, s *Store) error
}

var migrations = []migration{
	{from: 1, name: "index evidence by ID", run: migrateIndexEvidence},
	{from: 2, name: "give students, targets and evidence their identities", run: migrateMintUIDs},
	{from: 3, name: "store evidence in the compact format", run: migrateCompactEvidence},
	{from: 4, name: "index evidence by runs", run: func(context.Context, *Store) error { return nil }},
}

// prepareSchema stamps a new store with the current version, upgrades an
// older one step by step, and refuses a newer one.
func (s *Store) prepareSchema() error {
	var version uint64
	var found, empty bool
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		if version, found, err = readUint(txn, keySchema); err != nil || found {
			return err
		}
		keys, err := firstKeys(txn, 1)
		empty = len(keys) == 0
		return err
	})
	if err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	switch {
	case !found && !empty:
		return fmt.Errorf("%w: it holds data without a schema version", ErrNotStore)
	case !found && s.readOnly:
		return nil // an empty store reads as empty
	case !found:
		err := s.db.Update(func(txn *badger.Txn) error {
			if err := txn.Set([]byte(keySchema), uint32Bytes(schemaVersion)); err != nil {
				return err
			}
			return txn.Set([]byte(keyEvidenceCounter), uint64Bytes(0))
		})
		if err != nil {
			return fmt.Errorf("create store: %w", err)
		}
		return nil
	case version > schemaVersion:
		return fmt.Errorf("this data folder was %w (data layout %d; this version reads up to %d). Update Continuum Planner to open it",
			ErrNewerVersion, version, schemaVersion)
	case version == schemaVersion:
		return nil
	case version == 0:
		return fmt.Errorf("%w: schema version 0 is not a version", ErrNotStore)
	case s.readOnly:
		return fmt.Errorf("this data folder was made by an older version of Continuum Planner (data layout %d) and needs upgrading; open it once without read-only", version)
	}
	return s.migrate(context.Background(), uint32(version))
}

// migrate runs every migration from version up to schemaVersion, bumping
// the stored version after each.
func (s *Store) migrate(ctx context.Context, version uint32) error {
	for version < schemaVersion {
		var m *migration
		for i := range migrations {
			if migrations[i].from == version {
				m = &migrations[i]
			}
		}
		if m == nil {
			return fmt.Errorf("no upgrade from data layout %d", version)
		}
		s.log.Info("upgrading data layout", "from", version, "to", version+1, "step", m.name)
		if err := m.run(ctx, s); err != nil {
			return fmt.Errorf("upgrade data layout %d to %d (%s): %w", version, version+1, m.name, err)
		}
		version++
		err := s.db.Update(func(txn *badger.Txn) error {
			return txn.Set([]byte(keySchema), uint32Bytes(version))
		})
		if err != nil {
			return fmt.Errorf("upgrade data layout to %d: %w", version, err)
		}
	}
	return nil
}

// migrateIndexEvidence (1 → 2) writes x/e/<eid> for every piece of
// evidence, and makes sure the evidence counter is past every ID in use.
// Writing the index again is harmless, so the step can be repeated.
func migrateIndexEvidence(ctx context.Context, s *Store) error {
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	var maxID uint64
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(ctx, txn, []byte(prefixEvidence), false, func(item *badger.Item) error {
			cid, sid, id, ok := parseEvidenceKey(item.Key())
			if !ok {
				return fmt.Errorf("unexpected evidence key %s", printKey(item.Key()))
			}
			maxID = max(maxID, id)
			return wb.Set(evidenceIndexKey(id), evidenceIndexValue(cid, sid, 1))
		})
	})
	if err != nil {
		return err
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	return s.db.Update(func(txn *badger.Txn) error {
		n, _, err := readUint(txn, keyEvidenceCounter)
		if err != nil || n >= maxID {
			return err
		}
		return txn.Set([]byte(keyEvidenceCounter), uint64Bytes(maxID))
	})
}

// migrateMintUIDs (2 → 3) gives every student, target and piece of
// evidence without a UID a new one (continuum.NewUID). Records that have
// one keep it, so the step can be repeated after a crash.
func migrateMintUIDs(ctx context.Context, s *Store) error {
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	err := s.db.View(func(txn *badger.Txn) error {
		if err := mintUIDs(ctx, txn, wb, prefixStudent, func(st *continuum.Student) *string { return &st.UID }); err != nil {
			return err
		}
		if err := mintUIDs(ctx, txn, wb, prefixTarget, func(t *continuum.Target) *string { return &t.UID }); err != nil {
			return err
		}
		return mintUIDs(ctx, txn, wb, prefixEvidence, func(e *continuum.Evidence) *string { return &e.UID })
	})
	if err != nil {
		return err
	}
	return wb.Flush()
}

// mintUIDs writes, through wb, every record under prefix whose UID (as
// uid finds it) is empty, with a new one.
func mintUIDs[T any](ctx context.Context, txn *badger.Txn, wb *badger.WriteBatch, prefix string, uid func(*T) *string) error {
	return scanValues(ctx, txn, []byte(prefix), func(key []byte, v *T) error {
		if *uid(v) != "" {
			return nil
		}
		*uid(v) = continuum.NewUID()
		b, err := encode(v)
		if err != nil {
			return fmt.Errorf("record %s: %w", printKey(key), err)
		}
		return wb.Set(bytes.Clone(key), b)
	})
}

// compactChunk is how many pieces of evidence migrateCompactEvidence
// rewrites before it makes them durable and says so to compactHook.
const compactChunk = 2000

// compactHook, when set (by tests), is told after each durable chunk how
// many pieces of evidence have been rewritten so far.
var compactHook func(done int)

// migrateCompactEvidence (3 → 4) rewrites every piece of evidence stored
// as JSON in the compact format, chunk by chunk, each chunk synced. Both
// formats read the same, so a store left half rewritten by a crash reads
// as before, and the step, run again, rewrites only what is still JSON.
func migrateCompactEvidence(ctx context.Context, s *Store) error {
	wb := s.db.NewWriteBatch()
	defer func() { wb.Cancel() }()
	done := 0
	flush := func() error {
		if err := wb.Flush(); err != nil {
			return err
		}
		if err := s.db.Sync(); err != nil {
			return err
		}
		if compactHook != nil {
			compactHook(done)
		}
		wb = s.db.NewWriteBatch()
		return nil
	}
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(ctx, txn, []byte(prefixEvidence), true, func(item *badger.Item) error {
			var e continuum.Evidence
			isJSON := false
			err := item.Value(func(b []byte) error {
				if isJSON = len(b) > 0 && b[0] == formatJSON; !isJSON {
					return nil
				}
				return decode(b, &e)
			})
			if err != nil {
				return fmt.Errorf("read %s: %w", printKey(item.Key()), err)
			}
			if !isJSON {
				return nil
			}
			if err := wb.Set(item.KeyCopy(nil), encodeEvidence(&e)); err != nil {
				return err
			}
			if done++; done%compactChunk == 0 {
				return flush()
			}
			return nil
		})
	})
	if err != nil {
		return err
	}
	return flush()
}

// firstKeys returns copies of up to n keys from the start of the database.
func firstKeys(txn *badger.Txn, n int) ([][]byte, error) {
	opt := badger.DefaultIteratorOptions
	opt.PrefetchValues = false
	it := txn.NewIterator(opt)
	defer it.Close()
	var keys [][]byte
	for it.Rewind(); it.Valid() && len(keys) < n; it.Next() {
		keys = append(keys, bytes.Clone(it.Item().Key()))
	}
	return keys, nil
}
