package storage

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// Students returns every student, sorted by group, then name
// (case-insensitively), then ID.
func (s *Store) Students(ctx context.Context) ([]continuum.Student, error) {
	var out []continuum.Student
	err := s.view(ctx, func(txn *badger.Txn) error {
		return scanValues(ctx, txn, []byte(prefixStudent), func(_ []byte, st *continuum.Student) error {
			out = append(out, *st)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list students: %w", err)
	}
	slices.SortFunc(out, func(a, b continuum.Student) int {
		return cmp.Or(
			strings.Compare(strings.ToLower(a.Group), strings.ToLower(b.Group)),
			strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)),
			strings.Compare(a.ID, b.ID),
		)
	})
	return out, nil
}

// Student returns the student with the given ID.
func (s *Store) Student(ctx context.Context, id string) (continuum.Student, error) {
	var st continuum.Student
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		st, err = loadStudent(txn, strings.TrimSpace(id))
		return err
	})
	if err != nil {
		return continuum.Student{}, fmt.Errorf("read student: %w", err)
	}
	return st, nil
}

// PutStudents adds or replaces students (matched by ID) in one change.
// A student given without a UID keeps the stored one, or gets a new one
// (continuum.NewUID) when they are new.
// Each student is checked, and so is each starting level: its continuum
// must exist and its domain and level must be that continuum's (their
// spelling is taken from the continuum).
func (s *Store) PutStudents(ctx context.Context, students ...continuum.Student) error {
	if len(students) == 0 {
		return nil
	}
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		seen := make(map[string]bool, len(students))
		conts := map[string]*continuum.Continuum{}
		for i, st := range students {
			st.ID = strings.TrimSpace(st.ID)
			if err := st.Validate(); err != nil {
				return inRecord(err, "student", i, len(students))
			}
			if seen[st.ID] {
				return inRecord(continuum.Invalidf("student.id", "student %s appears twice in this change", st.ID), "student", i, len(students))
			}
			seen[st.ID] = true
			if err := checkStartingLevels(txn, &st, conts); err != nil {
				return inRecord(err, "student", i, len(students))
			}
			if err := keepStudentUID(txn, &st); err != nil {
				return err
			}
			if err := ch.put(studentKey(st.ID), st); err != nil {
				return err
			}
		}
		ch.what = fmt.Sprintf("saving %s", plural(len(students), "student"))
		return nil
	})
	if err != nil {
		return fmt.Errorf("save students: %w", err)
	}
	return nil
}

// keepStudentUID gives st the UID of the stored student with its ID when
// it has none, or a new one when there is no such student.
func keepStudentUID(txn *badger.Txn, st *continuum.Student) error {
	if st.UID != "" {
		return nil
	}
	old, err := loadStudent(txn, st.ID)
	switch {
	case err == nil && old.UID != "":
		st.UID = old.UID
	case err == nil || errors.Is(err, continuum.ErrNotFound):
		st.UID = continuum.NewUID()
	default:
		return err
	}
	return nil
}

// checkStartingLevels checks st's starting levels against their continua
// and writes their domains and levels as the continua spell them.
func checkStartingLevels(txn *badger.Txn, st *continuum.Student, conts map[string]*continuum.Continuum) error {
	if len(st.StartingLevels) == 0 {
		return nil
	}
	st.StartingLevels = slices.Clone(st.StartingLevels)
	placed := map[string]bool{}
	for i := range st.StartingLevels {
		sl := &st.StartingLevels[i]
		c, ok := conts[sl.Continuum]
		if !ok {
			cc, err := loadContinuum(txn, sl.Continuum)
			if err != nil {
				return err
			}
			c = &cc
			conts[sl.Continuum] = c
		}
		d := c.DomainIndex(sl.Domain)
		if d < 0 {
			return continuum.Invalidf("student.starting_levels", "student %s: %q is not a domain of %s", st.ID, sl.Domain, c.Name)
		}
		l := c.LevelIndex(sl.Level)
		if l < 0 {
			return continuum.Invalidf("student.starting_levels", "student %s: %q is not a level of %s; expected one of %s",
				st.ID, sl.Level, c.Name, strings.Join(c.Levels, ", "))
		}
		sl.Domain, sl.Level = c.Domains[d].Name, c.Levels[l]
		k := sl.Continuum + "/" + strings.ToLower(sl.Domain)
		if placed[k] {
			return continuum.Invalidf("student.starting_levels", "student %s has two starting levels on %s in %s", st.ID, sl.Domain, c.Name)
		}
		placed[k] = true
	}
	return nil
}

// DeleteStudent removes a student and everything the store keeps about
// them, in one change: their record (with their starting levels), their
// evidence (and its index) and overrides in every continuum, their places
// in every flex block, and the calibration scores and visit notes that
// name them (continuum.Student.NamedIn), of every continuum. A removal too
// large for one transaction (a student with thousands of pieces of
// evidence) is staged and takes effect at once, as a large merge does (see
// ApplyMerge); readers wait until it is done. Then the deleted records are
// cleared from the data folder's files too (see eraseDeleted).
func (s *Store) DeleteStudent(ctx context.Context, id string) error {
	id = strings.TrimSpace(id)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("delete student: %w", err)
	}
	if s.readOnly {
		return fmt.Errorf("delete student: %w", s.readOnlyError())
	}
	if err := s.roomForChange(); err != nil {
		return fmt.Errorf("delete student: %w", err)
	}
	s.mu.Lock() // readers wait: they never see half a removal
	defer s.mu.Unlock()
	if s.db == nil {
		return fmt.Errorf("delete student: %w", ErrClosed)
	}
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	ch := &change{}
	if _, err := studentRemoval(ctx, txn, ch, id); err != nil {
		return fmt.Errorf("delete student: %w", err)
	}
	// An open snapshot would keep the deleted records in the files.
	txn.Discard()
	if err := ctx.Err(); err != nil { // the last moment the removal can still be abandoned
		return fmt.Errorf("delete student: %w", err)
	}
	if err := s.commitOps(ctx, ch.ops, nil); err != nil {
		return fmt.Errorf("delete student %s: %w", id, err)
	}
	if err := s.eraseDeleted(); err != nil {
		// The student is removed for every reader; only their old bytes
		// wait for Badger's own compactions.
		s.log.Warn("a removed student's records could not be cleared from the table files yet", "student", id, "error", err)
	}
	return nil
}

// keyFlush is written and dropped at once by eraseDeleted; it holds nothing.
const keyFlush = "meta/flush"

// eraseDeleted clears deleted records from the files of the data folder.
// Badger keeps a deleted record's bytes, and the marker that deletes it,
// in its table files until a compaction reaches them, which in a small
// store may be never: a removed student's name could be read there. This
// writes the write buffer out as a table (DropPrefix does, given a key to
// drop, written here for the purpose) and then compacts every table into
// one level (Flatten), which leaves deleted records and their markers
// out. The caller holds s.mu exclusively, so no snapshot keeps them.
// A value larger than the value threshold (64 KiB: an evidence note the
// length of a book) lives in the value log instead, which this leaves to
// Badger's garbage collection.
func (s *Store) eraseDeleted() error {
	err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyFlush), []byte{1}) })
	if err == nil {
		err = s.db.DropPrefix([]byte(keyFlush))
	}
	if err == nil {
		err = s.db.Flatten(1)
	}
	if err != nil {
		return fmt.Errorf("clear deleted records from the table files: %w", err)
	}
	return nil
}

// StudentFootprint counts what DeleteStudent would remove along with the
// student, as DeleteStudent finds it.
func (s *Store) StudentFootprint(ctx context.Context, id string) (continuum.Footprint, error) {
	var fp continuum.Footprint
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		fp, err = studentRemoval(ctx, txn, &change{}, strings.TrimSpace(id))
		return err
	})
	if err != nil {
		return continuum.Footprint{}, fmt.Errorf("count what removing student %s takes: %w", strings.TrimSpace(id), err)
	}
	return fp, nil
}

// studentRemoval prepares in ch every write that removes student id and
// what is kept about them, and counts it.
func studentRemoval(ctx context.Context, txn *badger.Txn, ch *change, id string) (continuum.Footprint, error) {
	var fp continuum.Footprint
	st, err := loadStudent(txn, id)
	if err != nil {
		return fp, err
	}
	ch.del(studentKey(id))
	cids, err := continuumIDs(ctx, txn)
	if err != nil {
		return fp, err
	}
	for _, cid := range cids {
		err := scan(ctx, txn, evidencePrefix(cid, id), false, func(item *badger.Item) error {
			_, _, eid, ok := parseEvidenceKey(item.Key())
			if !ok {
				return fmt.Errorf("unexpected evidence key %s", printKey(item.Key()))
			}
			fp.Evidence++
			ch.del(item.KeyCopy(nil))
			ch.del(evidenceIndexKey(eid))
			return nil
		})
		if err != nil {
			return fp, err
		}
		keys, err := scanKeys(ctx, txn, overridePrefix(cid, id))
		if err != nil {
			return fp, err
		}
		fp.Overrides += len(keys)
		for _, k := range keys {
			ch.del(k)
		}
	}
	if fp.FlexPlaces, err = flexPlacesRemoval(ctx, txn, ch, id); err != nil {
		return fp, err
	}
	if fp.CalibrationScores, err = calibrationRemoval(ctx, txn, ch, &st); err != nil {
		return fp, err
	}
	if fp.VisitNotes, err = visitNotesRemoval(ctx, txn, ch, &st); err != nil {
		return fp, err
	}
	ch.what = fmt.Sprintf("deleting student %s with %s of evidence", id, plural(fp.Evidence, "piece"))
	return fp, nil
}

// continuumIDs lists the IDs of the stored continua, and of those being
// purged, whose records may still exist.
func continuumIDs(ctx context.Context, txn *badger.Txn) ([]string, error) {
	var ids []string
	for _, prefix := range []string{prefixContinuum, prefixTombstone} {
		err := scan(ctx, txn, []byte(prefix), false, func(item *badger.Item) error {
			ids = append(ids, string(item.Key()[len(prefix):]))
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return ids, nil
}

// inRecord names the record of a many-record change that err concerns:
// "student 3 of 20: ...". The message stays a *continuum.Error, so
// continuum.ErrorMessage shows it whole.
func inRecord(err error, noun string, i, n int) error {
	if n <= 1 {
		return err
	}
	var e *continuum.Error
	if errors.As(err, &e) {
		return &continuum.Error{Kind: e.Kind, Field: e.Field, Message: fmt.Sprintf("%s %d of %d: %s", noun, i+1, n, e.Message)}
	}
	return fmt.Errorf("%s %d of %d: %w", noun, i+1, n, err)
}
