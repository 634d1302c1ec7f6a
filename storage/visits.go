package storage

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/continuum-planner/planner/continuum"
)

// Keys of a coach's visit notes and look-for list (KEYS.md).
const (
	prefixVisitNote = "v/"             // v/<cid>/<id> → VisitNote
	keyLookFors     = "meta/look-fors" // the coach's look-for list, []string
)

func visitPrefix(cid string) []byte { return []byte(prefixVisitNote + cid + "/") }

func visitKey(cid, id string) []byte { return []byte(prefixVisitNote + cid + "/" + id) }

// noteClock hands out the times new note IDs are made of, strictly
// increasing within the process, so that IDs sort in order of entry.
var noteClock struct {
	sync.Mutex
	last int64
}

// newNoteID returns an ID for a new visit note: the time of entry in
// nanoseconds, as 16 hex digits, so that notes of one day sort in the
// order they were written.
func newNoteID() string {
	noteClock.Lock()
	defer noteClock.Unlock()
	n := time.Now().UnixNano()
	if n <= noteClock.last {
		n = noteClock.last + 1
	}
	noteClock.last = n
	return fmt.Sprintf("%016x", n)
}

// freeNoteID returns a new note ID not yet used in the continuum.
func freeNoteID(txn *badger.Txn, cid string) (string, error) {
	for {
		id := newNoteID()
		ok, err := exists(txn, visitKey(cid, id))
		if err != nil || !ok {
			return id, err
		}
	}
}

// VisitNotes returns the notes on the continuum, by date, then entry. The
// continuum need not be in the store: a coach keeps notes on the continua
// of the workbooks they review.
func (s *Store) VisitNotes(ctx context.Context, continuumID string) ([]continuum.VisitNote, error) {
	var out []continuum.VisitNote
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		out, err = loadVisitNotes(ctx, txn, continuumID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read visit notes: %w", err)
	}
	return out, nil
}

func loadVisitNotes(ctx context.Context, txn *badger.Txn, cid string) ([]continuum.VisitNote, error) {
	var out []continuum.VisitNote
	if !validID(cid) {
		return nil, nil
	}
	err := scanValues(ctx, txn, visitPrefix(cid), func(_ []byte, n *continuum.VisitNote) error {
		out = append(out, *n)
		return nil
	})
	sortVisitNotes(out)
	return out, err
}

// sortVisitNotes orders notes by date, then entry (their IDs).
func sortVisitNotes(notes []continuum.VisitNote) {
	slices.SortStableFunc(notes, func(a, b continuum.VisitNote) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.ID, b.ID))
	})
}

// PutVisitNote adds a note, assigning its ID when empty, or replaces the
// note with its ID. The note is checked on its own fields; when the store
// holds its continuum, the target or unit it names must exist there, and
// a target's code is written as the continuum writes it. A continuum the
// store does not hold is no reason to refuse the note (see
// continuum.VisitStore).
func (s *Store) PutVisitNote(ctx context.Context, n continuum.VisitNote) (continuum.VisitNote, error) {
	n = trimNote(n)
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		if err := checkNote(ctx, txn, &n, nil); err != nil {
			return err
		}
		if n.ID == "" {
			id, err := freeNoteID(txn, n.Continuum)
			if err != nil {
				return err
			}
			n.ID = id
		} else if !validID(n.ID) {
			return continuum.Invalidf("visit.id", "%q cannot be the ID of a note: use up to 64 printable characters without /", n.ID)
		}
		return ch.put(visitKey(n.Continuum, n.ID), n)
	})
	if err != nil {
		return continuum.VisitNote{}, fmt.Errorf("save visit note: %w", err)
	}
	return n, nil
}

// trimNote trims the note's names and text.
func trimNote(n continuum.VisitNote) continuum.VisitNote {
	n.ID, n.Continuum = strings.TrimSpace(n.ID), strings.TrimSpace(n.Continuum)
	n.Coach, n.Subject = strings.TrimSpace(n.Coach), strings.TrimSpace(n.Subject)
	n.LookFor, n.Note = strings.TrimSpace(n.LookFor), strings.TrimSpace(n.Note)
	if n.About == continuum.OnTarget {
		n.Subject = continuum.NormalizeCode(n.Subject)
	}
	return n
}

// checkNote checks a note before it is stored. When the store holds its
// continuum (or g is given: the continuum as a merge leaves it), the
// target or unit it names must be one of the continuum's; units are then
// looked up among the stored ones and extra.
func checkNote(ctx context.Context, txn *badger.Txn, n *continuum.VisitNote, extra []continuum.Unit) error {
	if !validID(n.Continuum) {
		return continuum.Invalidf("visit.continuum", "%q cannot be a continuum's ID: use up to 64 printable characters without /", n.Continuum)
	}
	if err := n.Validate(); err != nil {
		return err
	}
	if n.About != continuum.OnTarget && n.About != continuum.OnUnit {
		return nil
	}
	g, err := loadGraph(ctx, txn, n.Continuum)
	if errors.Is(err, continuum.ErrNotFound) {
		return nil // a continuum this store does not hold: a coach's note on a reviewed workbook
	}
	if err != nil {
		return err
	}
	return noteSubjectIn(ctx, txn, g, n, extra)
}

// noteSubjectIn checks that the target or unit a note names is in g (or,
// for a unit, stored or among extra), writing a target's code as g does
// and a unit's title as stored.
func noteSubjectIn(ctx context.Context, txn *badger.Txn, g *continuum.Graph, n *continuum.VisitNote, extra []continuum.Unit) error {
	switch n.About {
	case continuum.OnTarget:
		t, ok := g.Target(n.Subject)
		if !ok {
			return continuum.NotFoundf("visit.subject", "%s is not a target of %s", n.Subject, g.Continuum.Name)
		}
		n.Subject = t.Code
	case continuum.OnUnit:
		units, err := loadUnits(ctx, txn, g.Continuum.ID)
		if err != nil {
			return err
		}
		u, ok := continuum.FindUnit(append(units, extra...), n.Subject)
		if !ok {
			return continuum.NotFoundf("visit.subject", "%s has no unit called %q", g.Continuum.Name, n.Subject)
		}
		n.Subject = u.Title
	}
	return nil
}

// DeleteVisitNote removes a note.
func (s *Store) DeleteVisitNote(ctx context.Context, continuumID, id string) error {
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		id := strings.TrimSpace(id)
		if !validID(continuumID) || !validID(id) {
			return continuum.NotFoundf("visit.id", "there is no visit note %s", id)
		}
		key := visitKey(continuumID, id)
		ok, err := exists(txn, key)
		if err != nil {
			return err
		}
		if !ok {
			return continuum.NotFoundf("visit.id", "there is no visit note %s", id)
		}
		ch.del(key)
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete visit note: %w", err)
	}
	return nil
}

// LookFors returns the coach's look-for list: continuum.DefaultLookFors
// until it is edited.
func (s *Store) LookFors(ctx context.Context) ([]string, error) {
	out := slices.Clone(continuum.DefaultLookFors)
	err := s.view(ctx, func(txn *badger.Txn) error {
		var stored []string
		err := get(txn, []byte(keyLookFors), &stored)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err == nil {
			out = stored
		}
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read look-fors: %w", err)
	}
	if out == nil {
		out = []string{}
	}
	return out, nil
}

// PutLookFors replaces the coach's look-for list, in the order given. Each
// is trimmed; a blank one, or one given twice (case-insensitively), is
// refused. An empty list is kept as empty.
func (s *Store) PutLookFors(ctx context.Context, lookFors []string) error {
	list := make([]string, 0, len(lookFors))
	seen := map[string]bool{}
	for i, l := range lookFors {
		l = strings.Join(strings.Fields(l), " ")
		if l == "" {
			return fmt.Errorf("save look-fors: %w", continuum.Invalidf("look_for", "look-for %d is blank; write what to look for, or remove it", i+1))
		}
		k := strings.ToLower(l)
		if seen[k] {
			return fmt.Errorf("save look-fors: %w", continuum.Conflictf("look_for", "%q is on the list twice", l))
		}
		seen[k] = true
		list = append(list, l)
	}
	err := s.update(ctx, func(_ *badger.Txn, ch *change) error {
		return ch.put([]byte(keyLookFors), list)
	})
	if err != nil {
		return fmt.Errorf("save look-fors: %w", err)
	}
	return nil
}

// mergeNoteOps prepares the writes of a merge's visit notes, checked as
// PutVisitNote checks them against the merged continuum g; each gets a new
// ID (a merge adds notes, never replaces them).
func mergeNoteOps(ctx context.Context, txn *badger.Txn, ch *change, g *continuum.Graph, mc continuum.MergeChange) error {
	for i, n := range mc.VisitNotes {
		n.Continuum, n.ID = g.Continuum.ID, ""
		n = trimNote(n)
		if err := n.Validate(); err != nil {
			return inRecord(err, "visit note", i, len(mc.VisitNotes))
		}
		if n.About == continuum.OnTarget || n.About == continuum.OnUnit {
			if err := noteSubjectIn(ctx, txn, g, &n, mc.Units); err != nil {
				return inRecord(err, "visit note", i, len(mc.VisitNotes))
			}
		}
		id, err := freeNoteID(txn, n.Continuum)
		if err != nil {
			return err
		}
		n.ID = id
		if err := ch.put(visitKey(n.Continuum, n.ID), n); err != nil {
			return err
		}
	}
	return nil
}

// visitNotesRemoval prepares in ch the deletion of every visit note, of
// every continuum (the coach's notes on others' workbooks too), whose
// subject or text names st, and counts them.
func visitNotesRemoval(ctx context.Context, txn *badger.Txn, ch *change, st *continuum.Student) (int, error) {
	n := 0
	err := scanValues(ctx, txn, []byte(prefixVisitNote), func(key []byte, v *continuum.VisitNote) error {
		if st.NamedIn(v.Subject) || st.NamedIn(v.Note) || st.NamedIn(v.LookFor) {
			n++
			ch.del(bytes.Clone(key))
		}
		return nil
	})
	return n, err
}
