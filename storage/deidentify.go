package storage

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"

	badger "github.com/dgraph-io/badger/v4"
)

// keyDeidentify holds the store's de-identify key: 32 random bytes.
const keyDeidentify = "meta/deidentify-key"

// deidentifyKeySize is the de-identify key's length in bytes.
const deidentifyKeySize = 32

// DeidentifyKey returns the store's de-identify key: a random secret, 64
// hexadecimal digits, created the first time it is asked for and kept in
// the store (encrypted with it when the folder is), so that de-identified
// exports of the store give each student the same pseudonym from one
// export to the next. Anyone who holds the key and a student's ID can
// compute the student's pseudonym: it never leaves the store. A backup
// carries it, and a restore keeps the current one when the backup has
// none. A store opened read-only that has none yet cannot create it and
// returns an error matching continuum.ErrReadOnly.
func (s *Store) DeidentifyKey() (string, error) {
	key, err := s.readDeidentifyKey()
	if err != nil {
		return "", fmt.Errorf("de-identify key: %w", err)
	}
	if key != nil {
		return hex.EncodeToString(key), nil
	}
	err = s.update(context.Background(), func(txn *badger.Txn, ch *change) error {
		if key, err = deidentifyKeyIn(txn); err != nil || key != nil { // another caller made it meanwhile
			return err
		}
		key = make([]byte, deidentifyKeySize)
		if _, err := rand.Read(key); err != nil {
			return err
		}
		ch.what = "the de-identify key"
		ch.set([]byte(keyDeidentify), key)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("de-identify key: %w", err)
	}
	return hex.EncodeToString(key), nil
}

// readDeidentifyKey returns the stored de-identify key, or nil.
func (s *Store) readDeidentifyKey() (key []byte, err error) {
	err = s.view(context.Background(), func(txn *badger.Txn) error {
		key, err = deidentifyKeyIn(txn)
		return err
	})
	return key, err
}

// readDeidentifyKeyLocked is readDeidentifyKey for a caller that holds
// the store's locks (a restore).
func (s *Store) readDeidentifyKeyLocked() (key []byte, err error) {
	err = s.db.View(func(txn *badger.Txn) error {
		key, err = deidentifyKeyIn(txn)
		return err
	})
	return key, err
}

// keepDeidentifyKey writes key in txn, after a restore, when the restored
// data holds no de-identify key: the pseudonyms of later exports stay
// those of the earlier ones.
func keepDeidentifyKey(txn *badger.Txn, key []byte) error {
	if key == nil {
		return nil
	}
	if had, err := deidentifyKeyIn(txn); err != nil || had != nil {
		return err
	}
	return txn.Set([]byte(keyDeidentify), key)
}

// deidentifyKeyIn reads the de-identify key in txn: nil when there is none.
func deidentifyKeyIn(txn *badger.Txn) ([]byte, error) {
	item, err := txn.Get([]byte(keyDeidentify))
	if errors.Is(err, badger.ErrKeyNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	key, err := item.ValueCopy(nil)
	if err != nil {
		return nil, err
	}
	if err := checkDeidentifyKey(key); err != nil {
		return nil, err
	}
	return key, nil
}

// checkDeidentifyKey checks a stored de-identify key's length.
func checkDeidentifyKey(key []byte) error {
	if len(key) != deidentifyKeySize {
		return fmt.Errorf("the de-identify key %s holds %d bytes; expected %d", keyDeidentify, len(key), deidentifyKeySize)
	}
	return nil
}
