package storage

import (
	"context"
	"fmt"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// purgeBatch is how many records one purge transaction removes: small
// enough for the smallest memtable (1 MiB holds about 1,600 deletions of
// 60-byte keys), large enough that 200,000 records take a few seconds.
const purgeBatch = 500

// purgeStudentBatch is how many students one purge transaction rewrites;
// a student record is larger than a deletion.
const purgeStudentBatch = 100

// resumePurges finishes the purge of every continuum left with a tombstone.
func (s *Store) resumePurges(ctx context.Context) error {
	var ids []string
	err := s.db.View(func(txn *badger.Txn) error {
		return scan(ctx, txn, []byte(prefixTombstone), false, func(item *badger.Item) error {
			ids = append(ids, string(item.Key()[len(prefixTombstone):]))
			return nil
		})
	})
	if err != nil {
		return fmt.Errorf("find deleted continua: %w", err)
	}
	for _, id := range ids {
		s.log.Info("finishing the deletion of a continuum", "continuum", id)
		if err := s.purge(ctx, id); err != nil {
			return fmt.Errorf("finish deleting continuum %s: %w", id, err)
		}
	}
	return nil
}

// purge removes the records of a continuum whose header is gone, a batch
// per transaction, then its tombstone. Each batch removes evidence
// together with its place in the index (the runs it cuts rewritten as
// the stretches left), so a crash between batches leaves nothing
// dangling, and running purge again carries on where it stopped.
// Writers are held off only during each batch.
func (s *Store) purge(ctx context.Context, cid string) error {
	steps := []struct {
		prefix []byte
		also   func(txn *badger.Txn, ch *change, keys [][]byte) error // what else goes with a batch of keys
	}{
		{evidencePrefix(cid, ""), unindexPurged},
		{overridePrefix(cid, ""), nil},
		{flexPrefix(cid), nil},
		{unitPrefix(cid), nil},
		{visitPrefix(cid), nil},
		{calibrationPrefix(cid), nil},
		{targetPrefix(cid), nil},
	}
	for _, step := range steps {
		for {
			n, err := s.purgeKeys(ctx, step.prefix, step.also)
			if err != nil {
				return err
			}
			if n == 0 {
				break
			}
		}
	}
	if err := s.purgeStartingLevels(ctx, cid); err != nil {
		return err
	}
	s.wmu.Lock()
	defer s.wmu.Unlock()
	return s.db.Update(func(txn *badger.Txn) error { return txn.Delete(tombstoneKey(cid)) })
}

// purgeKeys deletes up to purgeBatch keys under prefix and returns how many.
func (s *Store) purgeKeys(ctx context.Context, prefix []byte, also func(txn *badger.Txn, ch *change, keys [][]byte) error) (int, error) {
	s.wmu.Lock()
	defer s.wmu.Unlock()
	n := 0
	err := s.updateLocked(ctx, func(txn *badger.Txn, ch *change) error {
		var keys [][]byte
		err := scan(ctx, txn, prefix, false, func(item *badger.Item) error {
			if len(keys) == purgeBatch {
				return errStop
			}
			keys = append(keys, item.KeyCopy(nil))
			return nil
		})
		if err != nil {
			return err
		}
		n = len(keys)
		for _, k := range keys {
			ch.del(k)
		}
		if also == nil || n == 0 {
			return nil
		}
		// After the scan: a read-write transaction holds one iterator at a time.
		return also(txn, ch, keys)
	})
	return n, err
}

// unindexPurged takes purged pieces of evidence out of the index.
func unindexPurged(txn *badger.Txn, ch *change, keys [][]byte) error {
	cuts := newRunCuts(txn)
	cuts.lenient = true
	for _, k := range keys {
		_, _, id, ok := parseEvidenceKey(k)
		if !ok {
			continue
		}
		if err := cuts.remove(id); err != nil {
			return err
		}
	}
	cuts.write(ch)
	return nil
}

// purgeStartingLevels removes the continuum's starting levels from every student.
func (s *Store) purgeStartingLevels(ctx context.Context, cid string) error {
	for {
		n := 0
		s.wmu.Lock()
		err := s.updateLocked(ctx, func(txn *badger.Txn, ch *change) error {
			return scanValues(ctx, txn, []byte(prefixStudent), func(_ []byte, st *continuum.Student) error {
				kept := st.StartingLevels[:0]
				for _, sl := range st.StartingLevels {
					if sl.Continuum != cid {
						kept = append(kept, sl)
					}
				}
				if len(kept) == len(st.StartingLevels) {
					return nil
				}
				if n == purgeStudentBatch {
					return errStop
				}
				n++
				st.StartingLevels = kept
				if len(kept) == 0 {
					st.StartingLevels = nil
				}
				return ch.put(studentKey(st.ID), st)
			})
		})
		s.wmu.Unlock()
		if err != nil || n < purgeStudentBatch {
			return err
		}
	}
}
