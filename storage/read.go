package storage

import (
	"context"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// get decodes the value under key into v. A missing key is
// badger.ErrKeyNotFound; callers turn it into a continuum.ErrNotFound that
// names what is missing.
func get(txn *badger.Txn, key []byte, v any) error {
	item, err := txn.Get(key)
	if err != nil {
		return err
	}
	return decodeItem(item, v)
}

// exists reports whether key holds a value.
func exists(txn *badger.Txn, key []byte) (bool, error) {
	_, err := txn.Get(key)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		return false, nil
	case err != nil:
		return false, err
	}
	return true, nil
}

// errStop, returned by a scan callback, ends the scan without error.
var errStop = errors.New("stop scanning")

// scanEvery is how often a scan checks whether its context is cancelled.
const scanEvery = 256

// scan calls fn for every item whose key starts with prefix, in key order.
// withValues prefetches values; a keys-only scan leaves them on disk. The
// item is valid only during the call; use KeyCopy to keep its key. fn
// returns errStop to end the scan early.
func scan(ctx context.Context, txn *badger.Txn, prefix []byte, withValues bool, fn func(item *badger.Item) error) error {
	opt := badger.DefaultIteratorOptions
	opt.PrefetchValues = withValues
	opt.Prefix = prefix
	it := txn.NewIterator(opt)
	defer it.Close()
	n := 0
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if n++; n%scanEvery == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
		}
		if err := fn(it.Item()); err != nil {
			if err == errStop {
				return nil
			}
			return err
		}
	}
	return ctx.Err()
}

// scanValues decodes every record under prefix into a T and passes it to fn.
func scanValues[T any](ctx context.Context, txn *badger.Txn, prefix []byte, fn func(key []byte, v *T) error) error {
	return scan(ctx, txn, prefix, true, func(item *badger.Item) error {
		var v T
		if err := decodeItem(item, &v); err != nil {
			return err
		}
		return fn(item.Key(), &v)
	})
}

// scanKeys collects copies of the keys under prefix.
func scanKeys(ctx context.Context, txn *badger.Txn, prefix []byte) ([][]byte, error) {
	var keys [][]byte
	err := scan(ctx, txn, prefix, false, func(item *badger.Item) error {
		keys = append(keys, item.KeyCopy(nil))
		return nil
	})
	return keys, err
}

// loadContinuum reads a continuum's header.
func loadContinuum(txn *badger.Txn, cid string) (continuum.Continuum, error) {
	var c continuum.Continuum
	err := get(txn, continuumKey(cid), &c)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return c, continuum.NotFoundf("continuum", "there is no continuum with ID %q (it may have been deleted)", cid)
	}
	return c, err
}

// loadTargets reads a continuum's targets in key order.
func loadTargets(ctx context.Context, txn *badger.Txn, cid string) ([]continuum.Target, error) {
	var out []continuum.Target
	err := scanValues(ctx, txn, targetPrefix(cid), func(_ []byte, t *continuum.Target) error {
		out = append(out, *t)
		return nil
	})
	return out, err
}

// loadGraph reads a continuum with its targets and checks them as a whole.
// When the continuum has units, the graph judges pace against them.
func loadGraph(ctx context.Context, txn *badger.Txn, cid string) (*continuum.Graph, error) {
	c, err := loadContinuum(txn, cid)
	if err != nil {
		return nil, err
	}
	targets, err := loadTargets(ctx, txn, cid)
	if err != nil {
		return nil, err
	}
	g, err := continuum.NewGraph(c, targets)
	if err != nil {
		return nil, fmt.Errorf("the stored continuum %q does not check out: %w", c.Name, err)
	}
	units, err := loadUnits(ctx, txn, cid)
	if err != nil {
		return nil, err
	}
	return g.WithUnits(units), nil
}

// loadStudent reads a student.
func loadStudent(txn *badger.Txn, sid string) (continuum.Student, error) {
	var st continuum.Student
	err := get(txn, studentKey(sid), &st)
	if errors.Is(err, badger.ErrKeyNotFound) {
		return st, continuum.NotFoundf("student", "student %s is not on the roster", sid)
	}
	return st, err
}

// readUint reads a big-endian counter; a missing key reads as 0.
func readUint(txn *badger.Txn, key string) (uint64, bool, error) {
	item, err := txn.Get([]byte(key))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return 0, false, nil
	}
	if err != nil {
		return 0, false, err
	}
	var n uint64
	err = item.Value(func(b []byte) error {
		switch len(b) {
		case 4:
			n = uint64(binary.BigEndian.Uint32(b))
		case 8:
			n = binary.BigEndian.Uint64(b)
		default:
			return fmt.Errorf("%s holds %d bytes; expected a 4- or 8-byte number", key, len(b))
		}
		return nil
	})
	return n, true, err
}
