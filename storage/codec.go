package storage

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	badger "github.com/dgraph-io/badger/v4"
)

// valueFormat is the first byte of every record value: how the rest is
// encoded. Format 1 is JSON of the domain types (their json tags).
const valueFormat byte = 1

// encode returns v as a stored value: the format byte, then JSON.
func encode(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1+len(b))
	out[0] = valueFormat
	copy(out[1:], b)
	return out, nil
}

// decode reads a stored value written by encode into v.
func decode(b []byte, v any) error {
	if len(b) == 0 {
		return errors.New("the stored value is empty")
	}
	if b[0] != valueFormat {
		return fmt.Errorf("the stored value is in format %d, which this version of Continuum Planner does not know (it reads format %d); the data may come from a newer version", b[0], valueFormat)
	}
	return json.Unmarshal(b[1:], v)
}

// decodeItem decodes an item's value inside Badger's callback, which saves
// a copy: JSON decoding copies what it keeps.
func decodeItem(item *badger.Item, v any) error {
	err := item.Value(func(b []byte) error { return decode(b, v) })
	if err != nil {
		return fmt.Errorf("read %s: %w", printKey(item.Key()), err)
	}
	return nil
}

// tombstone marks a continuum whose records are being purged.
type tombstone struct {
	// Name is the continuum's name, for messages.
	Name string `json:"name"`
	// DeletedAt is when the deletion was asked for.
	DeletedAt time.Time `json:"deleted_at"`
}
