package storage

import (
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// Evidence returns the evidence matching f, ordered by student ID, then
// date, then ID (order of entry). An unknown continuum is continuum.ErrNotFound.
func (s *Store) Evidence(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, error) {
	if ev, ok := s.takeAhead(ctx, f); ok {
		return ev, nil
	}
	ev, _, err := s.evidence(ctx, f)
	return ev, err
}

// evidence is Evidence read from the store, with the timestamp of the
// store's state it was read in.
func (s *Store) evidence(ctx context.Context, f continuum.EvidenceFilter) (out []continuum.Evidence, readTS uint64, err error) {
	err = s.view(ctx, func(txn *badger.Txn) error {
		readTS = txn.ReadTs()
		if f.Continuum == "" {
			return continuum.Invalidf("evidence.continuum", "is empty; say which continuum's evidence to read")
		}
		if _, err := loadContinuum(txn, f.Continuum); err != nil {
			return err
		}
		var err error
		out, err = readEvidence(ctx, txn, evidencePrefix(f.Continuum, strings.TrimSpace(f.Student)), foldCode(f.Target))
		return err
	})
	if err != nil {
		return nil, 0, fmt.Errorf("read evidence: %w", err)
	}
	// Keys already group by student; sort by date and ID within.
	slices.SortStableFunc(out, func(a, b continuum.Evidence) int {
		return cmp.Or(strings.Compare(a.Student, b.Student), a.Date.Compare(b.Date), cmp.Compare(a.ID, b.ID))
	})
	return out, readTS, nil
}

// evidenceChunk is how many pieces of evidence readEvidence gathers in
// one slice before starting the next.
const evidenceChunk = 4096

// rawEvidence is records copied out of the store to be decoded on
// another goroutine: record i's key ends at ends[2i] and its value at
// ends[2i+1], in data.
type rawEvidence struct {
	data []byte
	ends []int
}

// readEvidence decodes the evidence under prefix, on the target whose
// folded code is target (any when empty). A district's continuum holds
// hundreds of thousands, so the reading is made lean: this goroutine
// walks the store and copies the records out a chunk at a time, and a
// second one decodes them, so that the walk and the decoding use two
// cores; the chunks are copied once into a slice of the exact size,
// rather than into one slice regrown and copied many times. Damage met
// in the walk stays on the caller's goroutine, where view turns a panic
// into ErrDamaged; decoding never panics (FuzzDecodeEvidence).
func readEvidence(ctx context.Context, txn *badger.Txn, prefix []byte, target string) ([]continuum.Evidence, error) {
	// Values are read in place, not prefetched: Badger starts a goroutine
	// per prefetched item, and evidence values live in the tables.
	opt := badger.DefaultIteratorOptions
	opt.PrefetchValues = false
	opt.Prefix = prefix
	it := txn.NewIterator(opt)
	defer it.Close()
	full := make(chan *rawEvidence, 2)
	free := make(chan *rawEvidence, 3)
	for range cap(free) {
		free <- &rawEvidence{}
	}
	var chunks [][]continuum.Evidence
	total := 0
	var decodeErr error
	done := make(chan struct{})
	go func() {
		defer close(done)
		for b := range full {
			if decodeErr == nil {
				chunk, err := decodeRawEvidence(b, target)
				chunks, total, decodeErr = append(chunks, chunk), total+len(chunk), err
			}
			b.data, b.ends = b.data[:0], b.ends[:0]
			free <- b
		}
	}()
	b := <-free
	n := 0
	var walkErr error
	for it.Seek(prefix); it.ValidForPrefix(prefix); it.Next() {
		if n++; n%scanEvery == 0 {
			if walkErr = ctx.Err(); walkErr != nil {
				break
			}
		}
		item := it.Item()
		b.data = append(b.data, item.Key()...)
		b.ends = append(b.ends, len(b.data))
		if walkErr = item.Value(func(v []byte) error { b.data = append(b.data, v...); return nil }); walkErr != nil {
			walkErr = fmt.Errorf("read %s: %w", printKey(item.Key()), walkErr)
			break
		}
		b.ends = append(b.ends, len(b.data))
		if len(b.ends) == 2*evidenceChunk {
			full <- b
			b = <-free
		}
	}
	if len(b.ends) > 0 && walkErr == nil {
		full <- b
	}
	close(full)
	<-done
	if err := cmp.Or(walkErr, decodeErr, ctx.Err()); err != nil {
		return nil, err
	}
	if len(chunks) == 1 {
		return chunks[0], nil
	}
	out := make([]continuum.Evidence, 0, total)
	for _, c := range chunks {
		out = append(out, c...)
	}
	return out, nil
}

// decodeRawEvidence decodes a chunk of records, keeping those on the
// target whose folded code is target (any when empty).
func decodeRawEvidence(b *rawEvidence, target string) ([]continuum.Evidence, error) {
	chunk := make([]continuum.Evidence, 0, len(b.ends)/2)
	from := 0
	for i := 0; i < len(b.ends); i += 2 {
		key, value := b.data[from:b.ends[i]], b.data[b.ends[i]:b.ends[i+1]]
		from = b.ends[i+1]
		chunk = chunk[:len(chunk)+1]
		e := &chunk[len(chunk)-1]
		*e = continuum.Evidence{} // a slot given back by the target filter; JSON keeps absent fields
		if err := decode(value, e); err != nil {
			return chunk[:len(chunk)-1], fmt.Errorf("read %s: %w", printKey(key), err)
		}
		if target != "" && foldCode(e.Target) != target {
			chunk = chunk[:len(chunk)-1]
		}
	}
	return chunk, nil
}

// evidenceChecker checks new or changed evidence against what is stored,
// caching the continua, students and targets it has read.
type evidenceChecker struct {
	txn      *badger.Txn
	conts    map[string]*continuum.Continuum
	students map[string]bool
	targets  map[string]string // cid/lower(code) → canonical code, "" when missing
}

func newEvidenceChecker(txn *badger.Txn) *evidenceChecker {
	return &evidenceChecker{txn: txn, conts: map[string]*continuum.Continuum{}, students: map[string]bool{}, targets: map[string]string{}}
}

// check validates e and returns it ready to store: trimmed IDs, the
// target's canonical code and the kind's canonical spelling.
func (k *evidenceChecker) check(e continuum.Evidence) (continuum.Evidence, error) {
	e.Continuum = strings.TrimSpace(e.Continuum)
	e.Student = strings.TrimSpace(e.Student)
	e.Target = continuum.NormalizeCode(e.Target)
	if e.Continuum == "" {
		return e, continuum.Invalidf("evidence.continuum", "is empty; expected the continuum's ID")
	}
	c, err := k.continuum(e.Continuum)
	if err != nil {
		return e, err
	}
	if err := e.Validate(c); err != nil {
		return e, err
	}
	if e.Kind, err = continuum.ParseEvidenceKind(string(e.Kind)); err != nil {
		return e, err
	}
	if ok, err := k.student(e.Student); err != nil || !ok {
		return e, cmp.Or(err, error(continuum.NotFoundf("evidence.student", "student %s is not on the roster; add the student first", e.Student)))
	}
	code, err := k.target(e.Continuum, e.Target)
	if err != nil {
		return e, err
	}
	if code == "" {
		return e, continuum.NotFoundf("evidence.target", "%s is not a target of %s", e.Target, c.Name)
	}
	e.Target = code
	return e, nil
}

func (k *evidenceChecker) continuum(cid string) (*continuum.Continuum, error) {
	if c, ok := k.conts[cid]; ok {
		return c, nil
	}
	c, err := loadContinuum(k.txn, cid)
	if err != nil {
		return nil, err
	}
	k.conts[cid] = &c
	return &c, nil
}

func (k *evidenceChecker) student(sid string) (bool, error) {
	if ok, seen := k.students[sid]; seen {
		return ok, nil
	}
	ok, err := exists(k.txn, studentKey(sid))
	if err == nil {
		k.students[sid] = ok
	}
	return ok, err
}

func (k *evidenceChecker) target(cid, code string) (string, error) {
	key := cid + "/" + foldCode(code)
	if c, seen := k.targets[key]; seen {
		return c, nil
	}
	var t continuum.Target
	err := get(k.txn, targetKey(cid, code), &t)
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		t.Code = ""
	case err != nil:
		return "", err
	}
	k.targets[key] = t.Code
	return t.Code, nil
}

// AddEvidence records new evidence in one change, checking that each
// continuum, student and target exists and each score is on the scale.
// It assigns every record a new ID (any ID given is ignored) and a UID
// unless one is given, sets RecordedAt to now unless it is given, and
// returns the records as stored.
// Either all are stored or none.
func (s *Store) AddEvidence(ctx context.Context, ev ...continuum.Evidence) ([]continuum.Evidence, error) {
	if len(ev) == 0 {
		return nil, nil
	}
	out := make([]continuum.Evidence, len(ev))
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		last, _, err := readUint(txn, keyEvidenceCounter)
		if err != nil {
			return err
		}
		check := newEvidenceChecker(txn)
		at := now()
		for i, e := range ev {
			e, err := check.check(e)
			if err != nil {
				return inRecord(err, "evidence", i, len(ev))
			}
			last++
			e.ID = last
			if e.UID == "" {
				e.UID = continuum.NewUID()
			}
			if e.RecordedAt.IsZero() {
				e.RecordedAt = at
			}
			if err := ch.put(evidenceKey(e.Continuum, e.Student, e.ID), e); err != nil {
				return err
			}
			ch.set(evidenceIndexKey(e.ID), evidenceIndexValue(e.Continuum, e.Student, 1))
			out[i] = e
		}
		ch.set([]byte(keyEvidenceCounter), uint64Bytes(last))
		ch.what = fmt.Sprintf("recording %s of evidence", plural(len(ev), "piece"))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("add evidence: %w", err)
	}
	return out, nil
}

// locateEvidence finds the continuum and student of the evidence with id.
func locateEvidence(txn *badger.Txn, id uint64) (cid, sid string, err error) {
	r, ok, err := findEvidenceRun(txn, id)
	if err != nil {
		return "", "", err
	}
	if !ok {
		return "", "", continuum.NotFoundf("evidence.id", "there is no evidence with ID %d (it may have been deleted)", id)
	}
	if ok, err := exists(txn, continuumKey(r.cid)); err != nil || !ok {
		return "", "", cmp.Or(err, error(continuum.NotFoundf("evidence.id", "there is no evidence with ID %d (its continuum has been deleted)", id)))
	}
	return r.cid, r.sid, nil
}

// evidenceRun is an entry of the evidence index: the pieces numbered
// first to first+n-1, all of student sid in continuum cid. The runs
// partition the IDs of the evidence stored: every piece is in exactly one
// run, and every ID of a run is a piece, so a run's first ID is always a
// piece's. Evidence recorded one piece at a time makes runs of one; an
// import makes a run of each student's new evidence.
type evidenceRun struct {
	cid, sid string
	first, n uint64
}

func (r evidenceRun) covers(id uint64) bool { return id >= r.first && id-r.first < r.n }

// findEvidenceRun returns the index entry whose run holds id: the entry at
// id, or else the nearest before it. ok is false when no run holds id.
func findEvidenceRun(txn *badger.Txn, id uint64) (r evidenceRun, ok bool, err error) {
	item, err := txn.Get(evidenceIndexKey(id))
	if err != nil && !errors.Is(err, badger.ErrKeyNotFound) {
		return r, false, err
	}
	if errors.Is(err, badger.ErrKeyNotFound) {
		prefix := []byte(prefixEvidenceByID)
		it := txn.NewIterator(badger.IteratorOptions{Reverse: true, Prefix: prefix})
		defer it.Close()
		if it.Seek(evidenceIndexKey(id)); !it.ValidForPrefix(prefix) {
			return r, false, nil
		}
		item = it.Item()
	}
	key := item.Key()
	if len(key) != len(prefixEvidenceByID)+8 {
		return r, false, fmt.Errorf("evidence index key %s is not <prefix><8-byte ID>", printKey(key))
	}
	v, err := item.ValueCopy(nil)
	if err != nil {
		return r, false, err
	}
	r.first = binary.BigEndian.Uint64(key[len(prefixEvidenceByID):])
	r.cid, r.sid, r.n, ok = parseEvidenceIndexValue(v)
	if !ok {
		return r, false, fmt.Errorf("evidence index %d holds %q; expected <continuum>/<student>[/<count>]", r.first, v)
	}
	return r, r.covers(id), nil
}

// runCuts gathers pieces of evidence being removed while others of their
// runs stay, and then rewrites those runs' index entries.
type runCuts struct {
	txn  *badger.Txn
	last evidenceRun            // the run found last: pieces come in key order, a run's together
	runs map[uint64]evidenceRun // by first ID, the runs cut
	cut  map[uint64][]uint64    // by a run's first ID, the IDs removed from it
	// lenient passes over a piece no run holds, rather than failing:
	// purging a deleted continuum must not stop at a damaged index.
	lenient bool
}

func newRunCuts(txn *badger.Txn) *runCuts {
	return &runCuts{txn: txn, runs: map[uint64]evidenceRun{}, cut: map[uint64][]uint64{}}
}

// remove notes that the piece id is removed.
func (c *runCuts) remove(id uint64) error {
	if !c.last.covers(id) {
		r, ok, err := findEvidenceRun(c.txn, id)
		switch {
		case err != nil:
			return err
		case !ok && c.lenient:
			return nil
		case !ok:
			return fmt.Errorf("no evidence index entry holds evidence %d", id)
		}
		c.last, c.runs[r.first] = r, r
	}
	c.cut[c.last.first] = append(c.cut[c.last.first], id)
	return nil
}

// write prepares in ch each cut run's entry replaced by entries for the
// stretches of it that stay.
func (c *runCuts) write(ch *change) {
	for _, first := range slices.Sorted(maps.Keys(c.runs)) {
		r, ids := c.runs[first], c.cut[first]
		slices.Sort(ids)
		ch.del(evidenceIndexKey(r.first))
		next := r.first
		for _, id := range append(ids, r.first+r.n) {
			if id > next {
				ch.set(evidenceIndexKey(next), evidenceIndexValue(r.cid, r.sid, id-next))
			}
			next = id + 1
		}
	}
}

// UpdateEvidence replaces the evidence with e.ID. It stays with its
// continuum and student: e.Continuum and e.Student may be left empty, and
// other values are refused. A zero RecordedAt and an empty UID keep the
// stored ones.
func (s *Store) UpdateEvidence(ctx context.Context, e continuum.Evidence) error {
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		cid, sid, err := locateEvidence(txn, e.ID)
		if err != nil {
			return err
		}
		var old continuum.Evidence
		if err := get(txn, evidenceKey(cid, sid, e.ID), &old); err != nil {
			if errors.Is(err, badger.ErrKeyNotFound) {
				return fmt.Errorf("evidence %d is indexed under %s/%s but missing there", e.ID, cid, sid)
			}
			return err
		}
		if c := strings.TrimSpace(e.Continuum); c != "" && c != cid {
			return continuum.Invalidf("evidence.continuum", "evidence %d belongs to another continuum; it cannot move (delete it and record it again)", e.ID)
		}
		if st := strings.TrimSpace(e.Student); st != "" && st != sid {
			return continuum.Invalidf("evidence.student", "evidence %d belongs to student %s; it cannot move to %s (delete it and record it again)", e.ID, sid, st)
		}
		e.Continuum, e.Student = cid, sid
		if e.RecordedAt.IsZero() {
			e.RecordedAt = old.RecordedAt
		}
		if e.UID == "" {
			e.UID = old.UID
		}
		e, err = newEvidenceChecker(txn).check(e)
		if err != nil {
			return err
		}
		return ch.put(evidenceKey(cid, sid, e.ID), e)
	})
	if err != nil {
		return fmt.Errorf("update evidence: %w", err)
	}
	return nil
}

// DeleteEvidence removes the evidence with the given ID and returns what was removed.
func (s *Store) DeleteEvidence(ctx context.Context, id uint64) (continuum.Evidence, error) {
	var e continuum.Evidence
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		cid, sid, err := locateEvidence(txn, id)
		if err != nil {
			return err
		}
		key := evidenceKey(cid, sid, id)
		if err := get(txn, key, &e); err != nil {
			if errors.Is(err, badger.ErrKeyNotFound) {
				return fmt.Errorf("evidence %d is indexed under %s/%s but missing there", id, cid, sid)
			}
			return err
		}
		ch.del(key)
		cuts := newRunCuts(txn)
		if err := cuts.remove(id); err != nil {
			return err
		}
		cuts.write(ch)
		return nil
	})
	if err != nil {
		return continuum.Evidence{}, fmt.Errorf("delete evidence: %w", err)
	}
	return e, nil
}

// Overrides returns the continuum's overrides, of one student when student
// is not empty, ordered by student ID then target code.
func (s *Store) Overrides(ctx context.Context, continuumID, student string) ([]continuum.Override, error) {
	var out []continuum.Override
	err := s.view(ctx, func(txn *badger.Txn) error {
		if _, err := loadContinuum(txn, continuumID); err != nil {
			return err
		}
		return scanValues(ctx, txn, overridePrefix(continuumID, strings.TrimSpace(student)), func(_ []byte, o *continuum.Override) error {
			out = append(out, *o)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read overrides: %w", err)
	}
	return out, nil
}

// PutOverride records or replaces the override of a student on a target,
// checking that the continuum, student and target exist.
func (s *Store) PutOverride(ctx context.Context, o continuum.Override) error {
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		o.Continuum = strings.TrimSpace(o.Continuum)
		o.Student = strings.TrimSpace(o.Student)
		if err := o.Validate(); err != nil {
			return err
		}
		check := newEvidenceChecker(txn)
		c, err := check.continuum(o.Continuum)
		if err != nil {
			return err
		}
		if ok, err := check.student(o.Student); err != nil || !ok {
			return cmp.Or(err, error(continuum.NotFoundf("override.student", "student %s is not on the roster", o.Student)))
		}
		code, err := check.target(o.Continuum, o.Target)
		if err != nil {
			return err
		}
		if code == "" {
			return continuum.NotFoundf("override.target", "%s is not a target of %s", continuum.NormalizeCode(o.Target), c.Name)
		}
		o.Target = code
		return ch.put(overrideKey(o.Continuum, o.Student, o.Target), o)
	})
	if err != nil {
		return fmt.Errorf("save override: %w", err)
	}
	return nil
}

// DeleteOverride removes the override of a student on a target.
func (s *Store) DeleteOverride(ctx context.Context, continuumID, student, target string) error {
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		key := overrideKey(continuumID, strings.TrimSpace(student), target)
		ok, err := exists(txn, key)
		if err != nil {
			return err
		}
		if !ok {
			return continuum.NotFoundf("override", "student %s has no override on %s", student, continuum.NormalizeCode(target))
		}
		ch.del(key)
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete override: %w", err)
	}
	return nil
}
