package storage

import (
	"bytes"
	"cmp"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/dgraph-io/badger/v4"

	"github.com/continuum-planner/planner/continuum"
)

// Keys of a change (a merge, a rename) too large for one transaction. Its
// records are first written under stage/<op>/ where no reader looks;
// writing keyApply is the moment the change takes effect; then the records
// are moved into place.
const (
	prefixStage = "stage/"     // stage/<op>/<final key> → final value
	keyApply    = "meta/apply" // <op>: a staged change that has taken effect and is being moved into place
	// keyFresh marks a merge writing its new evidence in place: a uint64
	// (big-endian), the evidence counter before the merge. Until keyApply
	// is written, every piece of evidence numbered above it (and its index
	// entry) belongs to the unfinished merge. It sorts under prefixStage,
	// so whatever drops the stage drops it too, but under no change's own
	// stage (change IDs are hexadecimal).
	keyFresh = prefixStage + "fresh"
)

// mergeBatch is how many records a staged change writes or moves per batch.
const mergeBatch = 2000

// Progress is told how far a long operation has got: done out of total
// steps. It is an alias, so that an interface elsewhere can name
// ApplyMerge's signature without importing this package.
type Progress = func(done, total int)

// ApplyMerge writes a merge planned with continuum.PlanMerge: the
// continuum's fields (created or updated), the targets, students,
// evidence, overrides, units, flex blocks and calibration scores it adds
// or replaces, and the visit notes it adds. It first saves a backup of
// the whole store next to the data folder and returns its path.
//
// The merge is all or nothing, however large. One that fits a transaction
// is one transaction. In a larger one, the new evidence (most of a large
// import) is written in place once, under keys no record had, and the
// rest is staged where no reader looks; it takes effect in one small
// transaction, and the staged records are then moved into place. Readers
// wait until it is done, and if the program stops midway the next Open
// finishes it (or, before it took effect, removes the new evidence and
// throws the staged records away).
func (s *Store) ApplyMerge(ctx context.Context, mc continuum.MergeChange, progress Progress) (backup string, err error) {
	if progress == nil {
		progress = func(int, int) {}
	}
	if s.readOnly {
		return "", fmt.Errorf("apply merge: %w", s.readOnlyError())
	}
	if err := s.roomForChange(); err != nil {
		return "", fmt.Errorf("apply merge: %w", err)
	}
	s.mu.Lock() // readers wait: they never see half a merge
	defer s.mu.Unlock()
	if s.db == nil {
		return "", fmt.Errorf("apply merge: %w", ErrClosed)
	}
	ops, fresh, err := s.mergeOps(ctx, mc)
	if err != nil {
		return "", fmt.Errorf("apply merge of %s: %w; nothing was changed", mc.Continuum.Name, err)
	}
	backup = s.backupPath("before-import")
	if err := s.backupFileAbout(backup, "import into "+mc.Continuum.Name); err != nil {
		return "", fmt.Errorf("apply merge of %s: could not save a backup first (%w); nothing was changed", mc.Continuum.Name, err)
	}
	if err := ctx.Err(); err != nil {
		return backup, fmt.Errorf("apply merge of %s: %w; nothing was changed", mc.Continuum.Name, err)
	}
	if err := s.commitMerge(ctx, ops, fresh, progress); err != nil {
		return backup, fmt.Errorf("apply merge of %s: %w", mc.Continuum.Name, err)
	}
	return backup, nil
}

// mergeOps reads what the store holds and prepares every write of a merge,
// checking it as the store's own changes are checked. The new evidence
// and its index entries, the bulk of a large import, come apart in fresh
// (see commitMerge).
func (s *Store) mergeOps(ctx context.Context, mc continuum.MergeChange) ([]op, *freshEvidence, error) {
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	c, stored, err := mergeContinuum(txn, mc)
	if err != nil {
		return nil, nil, err
	}
	g, err := mergedGraph(ctx, txn, c, stored != nil, mc.Targets)
	if err != nil {
		return nil, nil, err
	}
	ch := &change{}
	if err := ch.put(continuumKey(c.ID), c); err != nil {
		return nil, nil, err
	}
	if stored != nil && !strings.EqualFold(stored.Name, c.Name) {
		ch.del(nameKey(stored.Name))
	}
	ch.set(nameKey(c.Name), []byte(c.ID))
	storedTargets := []continuum.Target(nil)
	if stored != nil {
		if storedTargets, err = loadTargets(ctx, txn, c.ID); err != nil {
			return nil, nil, err
		}
	}
	for _, t := range canonicalTargets(g, keepTargetUIDs(storedTargets, mc.Targets)) {
		if err := ch.put(targetKey(c.ID, t.Code), t); err != nil {
			return nil, nil, err
		}
	}
	students, err := mergeStudentOps(txn, ch, &c, mc.Students)
	if err != nil {
		return nil, nil, err
	}
	fresh, err := mergeEvidenceOps(ctx, txn, ch, g, &c, mc.Evidence, students)
	if err != nil {
		return nil, nil, err
	}
	if err := mergeReplacedEvidenceOps(txn, ch, g, &c, mc.ReplacedEvidence); err != nil {
		return nil, nil, err
	}
	if err := mergeOverrideOps(ch, g, &c, mc.Overrides); err != nil {
		return nil, nil, err
	}
	if err := mergePlanOps(ctx, txn, ch, g, mc, students); err != nil {
		return nil, nil, err
	}
	if err := mergeNoteOps(ctx, txn, ch, g, mc); err != nil {
		return nil, nil, err
	}
	if err := mergeCalibrationOps(ch, g, mc); err != nil {
		return nil, nil, err
	}
	return ch.ops, fresh, nil
}

// mergeContinuum checks the merge's continuum against the store: a new
// one must not exist yet, an existing one must still be there, and its
// name must be free. It returns the continuum to write, with its
// timestamps, and the stored one (nil for a new continuum).
func mergeContinuum(txn *badger.Txn, mc continuum.MergeChange) (continuum.Continuum, *continuum.Continuum, error) {
	c := mc.Continuum
	c.Name = strings.TrimSpace(c.Name)
	if !validID(c.ID) {
		return c, nil, continuum.Invalidf("continuum.id", "%q cannot be an ID: use up to 64 printable characters without /", c.ID)
	}
	stored, err := loadContinuum(txn, c.ID)
	found := err == nil
	if err != nil && !errors.Is(err, continuum.ErrNotFound) {
		return c, nil, err
	}
	switch {
	case mc.NewContinuum && found:
		return c, nil, continuum.Conflictf("continuum.id", "a continuum with ID %s already exists", c.ID)
	case !mc.NewContinuum && !found:
		return c, nil, continuum.NotFoundf("continuum", "%s is no longer in the store", c.Name)
	}
	if err := checkNameFree(txn, c.Name, c.ID); err != nil {
		return c, nil, err
	}
	if !found {
		c.CreatedAt = now()
		c.UpdatedAt = now()
		return c, nil, nil
	}
	c.CreatedAt, c.UpdatedAt = stored.CreatedAt, now()
	return c, &stored, nil
}

// mergedGraph checks the continuum as a whole: its stored targets (when
// it is stored) overlaid with the merge's.
func mergedGraph(ctx context.Context, txn *badger.Txn, c continuum.Continuum, stored bool, incoming []continuum.Target) (*continuum.Graph, error) {
	targets := map[string]continuum.Target{}
	if stored {
		ts, err := loadTargets(ctx, txn, c.ID)
		if err != nil {
			return nil, err
		}
		for _, t := range ts {
			targets[foldCode(t.Code)] = t
		}
	}
	for _, t := range incoming {
		targets[foldCode(t.Code)] = t
	}
	all := make([]continuum.Target, 0, len(targets))
	for _, t := range targets {
		all = append(all, t)
	}
	return continuum.NewGraph(c, all)
}

// mergeStudentOps prepares the writes of a merge's students, checked as
// PutStudents checks them, and returns the IDs written, for the records
// that name a student.
func mergeStudentOps(txn *badger.Txn, ch *change, c *continuum.Continuum, students []continuum.Student) (map[string]bool, error) {
	written := map[string]bool{}
	for i, st := range students {
		st.ID = strings.TrimSpace(st.ID)
		if err := st.Validate(); err != nil {
			return nil, inRecord(err, "student", i, len(students))
		}
		for _, sl := range st.StartingLevels {
			if sl.Continuum == c.ID && (c.DomainIndex(sl.Domain) < 0 || c.LevelIndex(sl.Level) < 0) {
				return nil, inRecord(continuum.Invalidf("student.starting_levels", "student %s starts at %q on %q, which %s does not have", st.ID, sl.Level, sl.Domain, c.Name), "student", i, len(students))
			}
		}
		if err := keepStudentUID(txn, &st); err != nil {
			return nil, err
		}
		written[st.ID] = true
		if err := ch.put(studentKey(st.ID), st); err != nil {
			return nil, err
		}
	}
	return written, nil
}

// mergeEvidenceOps checks a merge's evidence, numbered after the store's
// last, each on a target of the merged continuum and a student on the
// roster (students, or stored; found ones are added to it). The evidence
// itself is written from the fresh evidence it returns, record by record
// (freshEvidence.each), so that a district's 200,000 pieces are never all
// held encoded at once; the new count goes to ch.
func mergeEvidenceOps(ctx context.Context, txn *badger.Txn, ch *change, g *continuum.Graph, c *continuum.Continuum, evidence []continuum.Evidence, students map[string]bool) (*freshEvidence, error) {
	last, _, err := readUint(txn, keyEvidenceCounter)
	if err != nil {
		return nil, err
	}
	fresh := &freshEvidence{base: last, graph: g, evidence: evidence, at: now()}
	for i, e := range evidence {
		if i%scanEvery == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
		}
		t, ok := g.Target(e.Target)
		if !ok {
			return nil, inRecord(continuum.NotFoundf("evidence.target", "%s is not a target of %s", e.Target, c.Name), "evidence", i, len(evidence))
		}
		if !students[e.Student] {
			ok, err := exists(txn, studentKey(e.Student))
			if err != nil {
				return nil, err
			}
			if !ok {
				return nil, inRecord(continuum.NotFoundf("evidence.student", "student %s is not on the roster", e.Student), "evidence", i, len(evidence))
			}
			students[e.Student] = true
		}
		e.Continuum, e.Target = c.ID, t.Code
		if err := e.Validate(c); err != nil {
			return nil, inRecord(err, "evidence", i, len(evidence))
		}
		fresh.size += 2*(len(c.ID)+len(e.Student)+24) + 48 + len(e.UID) + len(c.ID) + len(e.Student) + len(t.Code) + len(e.Kind) + len(e.Scorer) + len(e.Note)
	}
	ch.set([]byte(keyEvidenceCounter), uint64Bytes(last+uint64(len(evidence))))
	return fresh, nil
}

// mergeReplacedEvidenceOps prepares the writes of the stored evidence a
// merge replaces (a colleague's correction): each stays where it is, with
// its continuum, student, ID, UID and time of entry.
func mergeReplacedEvidenceOps(txn *badger.Txn, ch *change, g *continuum.Graph, c *continuum.Continuum, replaced []continuum.Evidence) error {
	for i, e := range replaced {
		var old continuum.Evidence
		err := get(txn, evidenceKey(c.ID, e.Student, e.ID), &old)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return inRecord(continuum.NotFoundf("evidence.id", "evidence %d of student %s in %s is no longer in the store", e.ID, e.Student, c.Name), "evidence", i, len(replaced))
		}
		if err != nil {
			return err
		}
		t, ok := g.Target(e.Target)
		if !ok {
			return inRecord(continuum.NotFoundf("evidence.target", "%s is not a target of %s", e.Target, c.Name), "evidence", i, len(replaced))
		}
		e.Continuum, e.Target, e.UID, e.RecordedAt = c.ID, t.Code, old.UID, old.RecordedAt
		if err := e.Validate(c); err != nil {
			return inRecord(err, "evidence", i, len(replaced))
		}
		if err := ch.put(evidenceKey(c.ID, e.Student, e.ID), e); err != nil {
			return err
		}
	}
	return nil
}

// mergeOverrideOps prepares the writes of a merge's overrides, each on a
// target of the merged continuum.
func mergeOverrideOps(ch *change, g *continuum.Graph, c *continuum.Continuum, overrides []continuum.Override) error {
	for i, o := range overrides {
		t, ok := g.Target(o.Target)
		if !ok {
			return inRecord(continuum.NotFoundf("override.target", "%s is not a target of %s", o.Target, c.Name), "override", i, len(overrides))
		}
		o.Continuum, o.Target = c.ID, t.Code
		if err := o.Validate(); err != nil {
			return inRecord(err, "override", i, len(overrides))
		}
		if err := ch.put(overrideKey(c.ID, o.Student, o.Target), o); err != nil {
			return err
		}
	}
	return nil
}

// mergePlanOps prepares the writes of a merge's units and flex blocks,
// checked as PutUnit and PutFlexBlock check them: against the merged
// continuum, with unit titles unique and assigned students on the roster.
func mergePlanOps(ctx context.Context, txn *badger.Txn, ch *change, g *continuum.Graph, mc continuum.MergeChange, students map[string]bool) error {
	c := &g.Continuum
	canon := func(codes []string) []string {
		out := make([]string, len(codes))
		for i, code := range codes {
			t, _ := g.Target(code)
			out[i] = t.Code
		}
		return out
	}
	titles := map[string]string{} // lower title → unit ID, stored units overlaid with the merge's
	if len(mc.Units) > 0 && !mc.NewContinuum {
		stored, err := loadUnits(ctx, txn, c.ID)
		if err != nil {
			return err
		}
		for _, u := range stored {
			titles[strings.ToLower(u.Title)] = u.ID
		}
	}
	for i, u := range mc.Units {
		u.ID, u.Title, u.Continuum = strings.TrimSpace(u.ID), strings.TrimSpace(u.Title), c.ID
		if err := u.Validate(g); err != nil {
			return inRecord(err, "unit", i, len(mc.Units))
		}
		if id, ok := titles[strings.ToLower(u.Title)]; ok && !strings.EqualFold(id, u.ID) {
			return inRecord(continuum.Conflictf("unit.title", "%s already has a unit called %q", c.Name, u.Title), "unit", i, len(mc.Units))
		}
		titles[strings.ToLower(u.Title)] = u.ID
		u.Experiences, u.Checkpoints = slices.Clone(u.Experiences), slices.Clone(u.Checkpoints)
		u.Targets = canon(u.Targets)
		for k := range u.Experiences {
			u.Experiences[k].Targets = canon(u.Experiences[k].Targets)
		}
		for k := range u.Checkpoints {
			u.Checkpoints[k].Target = canon([]string{u.Checkpoints[k].Target})[0]
		}
		if err := ch.put(unitKey(c.ID, u.ID), u); err != nil {
			return err
		}
	}
	for i, b := range mc.Flex {
		b.ID, b.Continuum = strings.TrimSpace(b.ID), c.ID
		if err := b.Validate(g); err != nil {
			return inRecord(err, "flex block", i, len(mc.Flex))
		}
		b.Offerings = slices.Clone(b.Offerings)
		for k := range b.Offerings {
			b.Offerings[k].Focus = canon(b.Offerings[k].Focus)
		}
		for _, a := range b.Assignments {
			if !students[a.Student] {
				ok, err := exists(txn, studentKey(a.Student))
				if err != nil {
					return err
				}
				if !ok {
					return inRecord(continuum.NotFoundf("assignment.student", "block %s: student %s is not on the roster", b.ID, a.Student), "flex block", i, len(mc.Flex))
				}
				students[a.Student] = true
			}
		}
		if err := ch.put(flexKey(c.ID, b.ID), b); err != nil {
			return err
		}
	}
	return nil
}

// commitOps writes ops in one transaction when they fit, and staged
// otherwise. The caller holds s.mu exclusively.
func (s *Store) commitOps(ctx context.Context, ops []op, progress Progress) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	size := 0
	for _, o := range ops {
		size += len(o.key) + len(o.value) + 32
	}
	if int64(size) < s.opts.MemTableSize*15/100*8/10 {
		txn := s.db.NewTransaction(true)
		defer txn.Discard()
		for _, o := range ops {
			var err error
			if o.delete {
				err = txn.Delete(o.key)
			} else {
				err = txn.Set(o.key, o.value)
			}
			if err != nil {
				if errors.Is(err, badger.ErrTxnTooBig) {
					return s.commitStaged(ctx, ops, progress)
				}
				return err
			}
		}
		if err := txn.Commit(); err != nil {
			return err
		}
		progress(len(ops), len(ops))
		return nil
	}
	return s.commitStaged(ctx, ops, progress)
}

// freshEvidence is the new evidence of a merge, checked: records under
// keys no one has written yet (IDs past the counter base), so that a
// merge that does not take effect is undone by removing every piece
// numbered above base, with no copy kept of anything.
type freshEvidence struct {
	base     uint64               // the evidence counter before the merge; the pieces are numbered from base+1
	graph    *continuum.Graph     // the merged continuum, for each target's code as stored
	evidence []continuum.Evidence // as the merge gives them, checked by mergeEvidenceOps
	at       time.Time            // the time of entry of pieces that have none
	size     int                  // about how many bytes the writes take, keys included
	order    []int32              // by numbering, once worked out
	runs     []int32              // by numbering, once worked out
}

// records returns how many records each makes: one per piece of
// evidence, and an index entry per student.
func (f *freshEvidence) records() int {
	_, runs := f.numbering()
	return len(f.evidence) + len(runs)
}

// numbering returns the order in which the pieces are numbered and
// written, worked out once: grouped by student in key order, each
// student's in the merge's order; and how many pieces each student has,
// in that order. Numbered so, the records (e/<cid>/<sid>/<eid>) are
// written in increasing key order, and so are their index entries
// (x/e/<eid>), one per student: Badger's memtable then inserts each next
// to the last, not at a random place among 200,000, and its tables hold
// disjoint ranges of keys that compaction need not merge.
func (f *freshEvidence) numbering() (order, runs []int32) {
	if f.order != nil || len(f.evidence) == 0 {
		return f.order, f.runs
	}
	first := map[string]int32{} // student → their first piece, then the chain through next
	next := make([]int32, len(f.evidence))
	last := map[string]int32{}
	students := []string{}
	for i := range f.evidence {
		sid := f.evidence[i].Student
		next[i] = -1
		if l, ok := last[sid]; ok {
			next[l] = int32(i)
		} else {
			first[sid] = int32(i)
			students = append(students, sid)
		}
		last[sid] = int32(i)
	}
	slices.SortFunc(students, compareKeyParts)
	f.order = make([]int32, 0, len(f.evidence))
	f.runs = make([]int32, 0, len(students))
	for _, sid := range students {
		n := len(f.order)
		for i := first[sid]; i >= 0; i = next[i] {
			f.order = append(f.order, i)
		}
		f.runs = append(f.runs, int32(len(f.order)-n))
	}
	return f.order, f.runs
}

// compareKeyParts orders IDs as the keys that hold them as a part,
// "<id>/", sort: "a-b" before "a", since '-' sorts before '/'.
func compareKeyParts(a, b string) int {
	n := min(len(a), len(b))
	if c := strings.Compare(a[:n], b[:n]); c != 0 {
		return c
	}
	switch {
	case len(a) == len(b):
		return 0
	case len(a) < len(b):
		return cmp.Compare('/', b[n])
	default:
		return cmp.Compare(a[n], '/')
	}
}

// each calls fn with every write, in order, counting them from 0: for each
// student, the index entry of the run of their pieces, then the record of
// each piece (so that, should a crash cut the writing short, no record is
// kept without the entry undoFresh finds it by). The pieces are numbered
// and written in the order of numbering. fn may keep key and value.
func (f *freshEvidence) each(fn func(i int, key, value []byte) error) error {
	cid := f.graph.Continuum.ID
	var sl slab
	order, runs := f.numbering()
	w, run, left := 0, 0, 0
	for n, i := range order {
		e := f.evidence[i]
		t, _ := f.graph.Target(e.Target)
		e.Continuum, e.Target, e.ID = cid, t.Code, f.base+uint64(n)+1
		if e.UID == "" {
			e.UID = continuum.NewUID()
		}
		if e.RecordedAt.IsZero() {
			e.RecordedAt = f.at
		}
		// The byte slices are cut from one shared slab: Badger keeps them
		// until its batch is written, and 800,000 small allocations were a
		// tenth of the writing goroutine's work.
		if left == 0 {
			left = int(runs[run])
			run++
			ik := binary.BigEndian.AppendUint64(append(sl.take(len(prefixEvidenceByID)+8), prefixEvidenceByID...), e.ID)
			iv := append(append(append(sl.take(len(cid)+1+len(e.Student)), cid...), '/'), e.Student...)
			if left > 1 {
				iv = strconv.AppendUint(append(iv, '/'), uint64(left), 10)
			}
			if err := fn(w, ik, iv); err != nil {
				return err
			}
			w++
		}
		left--
		rk := append(sl.take(len(prefixEvidence)+len(cid)+len(e.Student)+10), prefixEvidence...)
		rk = append(append(append(append(rk, cid...), '/'), e.Student...), '/')
		rk = binary.BigEndian.AppendUint64(rk, e.ID)
		if err := fn(w, rk, appendEvidence(sl.take(evidenceSize(&e)), &e)); err != nil {
			return err
		}
		w++
	}
	return nil
}

// slab hands out byte slices cut from shared 64 KB blocks, each empty
// with room for n bytes and no more: appending past n copies elsewhere,
// never over the next slice. A block is freed once no slice of it is kept.
type slab struct{ block []byte }

// take returns an empty slice with a capacity of n bytes.
func (s *slab) take(n int) []byte {
	if cap(s.block)-len(s.block) < n {
		s.block = make([]byte, 0, max(64<<10, n))
	}
	at := len(s.block)
	s.block = s.block[:at+n]
	return s.block[at : at : at+n]
}

// commitMerge writes a merge's ops and fresh evidence in one transaction
// when they fit. A larger merge writes its fresh evidence in place once
// (marked by keyFresh; readers wait on s.mu), stages the other ops, and
// takes effect in one small transaction, as commitStaged does. Should
// it stop before that, the fresh evidence is removed (now, or by the next
// Open after a crash); after, the staged ops are moved into place (now,
// or by the next Open). The caller holds s.mu exclusively.
func (s *Store) commitMerge(ctx context.Context, ops []op, fresh *freshEvidence, progress Progress) error {
	if progress == nil {
		progress = func(int, int) {}
	}
	if s.fitsOneTransaction(ops, fresh.size) {
		all := make([]op, 0, fresh.records()+len(ops))
		_ = fresh.each(func(_ int, key, value []byte) error {
			all = append(all, op{key: key, value: value})
			return nil
		})
		return s.commitOps(ctx, append(all, ops...), progress)
	}
	stagedMerges.Add(1)
	written := fresh.records()
	total := written + 2*len(ops)
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyFresh), uint64Bytes(fresh.base)) }); err != nil {
		return err
	}
	id := continuum.NewID()
	stage := []byte(prefixStage + id + "/")
	err := s.writeFresh(ctx, fresh, func(done int) { progress(done, total) })
	if err == nil {
		err = s.writeStage(ctx, stage, ops, func(done int) { progress(written+done, total) })
	}
	if err == nil {
		// The change takes effect here: from now on it is finished, not undone.
		err = s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyApply), []byte(id)) })
	}
	if err != nil {
		s.dropStage(stage)
		if uerr := s.undoFresh(fresh.base); uerr != nil {
			s.log.Warn("could not remove the evidence of an abandoned import; the next opening of the data folder will", "error", uerr)
		}
		return err
	}
	if err := s.moveStage(id, func(done int) { progress(written+len(ops)+done, total) }); err != nil {
		return fmt.Errorf("%w; the change has taken effect and will be finished the next time the data folder is opened", err)
	}
	progress(total, total)
	return nil
}

// fitsOneTransaction reports whether writing ops and extra bytes more
// fits one Badger transaction, with room to spare.
func (s *Store) fitsOneTransaction(ops []op, extra int) bool {
	size := extra
	for _, o := range ops {
		size += len(o.key) + len(o.value) + 32
	}
	return int64(size) < s.opts.MemTableSize*15/100*8/10
}

// writeFresh writes a merge's fresh evidence in place, in order, durably.
func (s *Store) writeFresh(ctx context.Context, fresh *freshEvidence, written func(done int)) error {
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	err := fresh.each(func(i int, key, value []byte) error {
		if i%mergeBatch == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			written(i)
		}
		return wb.Set(key, value)
	})
	if err != nil {
		return err
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	return s.db.Sync()
}

// undoFresh removes the evidence of a merge that did not take effect:
// every piece numbered above base, found through the index entry of its
// run, and the entry; then the keyFresh mark. Removing is idempotent, so an
// interrupted undoing is resumed.
func (s *Store) undoFresh(base uint64) error {
	from := evidenceIndexKey(base + 1)
	for {
		var keys [][]byte
		err := s.db.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte(prefixEvidenceByID)})
			defer it.Close()
			for it.Seek(from); it.ValidForPrefix([]byte(prefixEvidenceByID)) && len(keys) < 2*mergeBatch; it.Next() {
				k := it.Item().KeyCopy(nil)
				v, err := it.Item().ValueCopy(nil)
				if err != nil {
					return err
				}
				cid, sid, n, ok := parseEvidenceIndexValue(v)
				if !ok || len(k) != len(prefixEvidenceByID)+8 {
					return fmt.Errorf("evidence index entry %s holds %q", printKey(k), v)
				}
				first := binary.BigEndian.Uint64(k[len(prefixEvidenceByID):])
				for id := first; id-first < n; id++ {
					keys = append(keys, evidenceKey(cid, sid, id))
				}
				keys = append(keys, k)
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			break
		}
		from = append(bytes.Clone(keys[len(keys)-1]), 0) // past the removed ones, not through them again
		wb := s.db.NewWriteBatch()
		for _, k := range keys { // the records of a run before its index entry
			if err := wb.Delete(k); err != nil {
				wb.Cancel()
				return err
			}
		}
		if err := wb.Flush(); err != nil {
			return err
		}
	}
	if err := s.db.Sync(); err != nil {
		return err
	}
	return s.db.Update(func(txn *badger.Txn) error { return txn.Delete([]byte(keyFresh)) })
}

// stagedMerges counts changes that took the staged path (tests read it).
var stagedMerges atomic.Int64

// stageDelete is the user-meta byte of a staged record that deletes its
// final key instead of setting it; its value is empty.
const stageDelete byte = 1

// commitStaged writes ops under a staging prefix, makes them take effect
// with one small transaction, and moves them into place.
func (s *Store) commitStaged(ctx context.Context, ops []op, progress Progress) error {
	stagedMerges.Add(1)
	id := continuum.NewID()
	stage := []byte(prefixStage + id + "/")
	if err := s.writeStage(ctx, stage, ops, func(done int) { progress(done, 2*len(ops)) }); err != nil {
		s.dropStage(stage)
		return err
	}
	// The change takes effect here: from now on it is finished, not undone.
	if err := s.db.Update(func(txn *badger.Txn) error { return txn.Set([]byte(keyApply), []byte(id)) }); err != nil {
		s.dropStage(stage)
		return err
	}
	if err := s.moveStage(id, func(done int) { progress(len(ops)+done, 2*len(ops)) }); err != nil {
		return fmt.Errorf("%w; the change has taken effect and will be finished the next time the data folder is opened", err)
	}
	progress(2*len(ops), 2*len(ops))
	return nil
}

// writeStage writes ops under stage, durably, where no reader looks. When
// ops write one key more than once, the last write is the one staged, as
// in a transaction. A deletion is staged as an empty record marked
// stageDelete.
func (s *Store) writeStage(ctx context.Context, stage []byte, ops []op, staged func(done int)) error {
	last := make(map[string]int, len(ops))
	for i, o := range ops {
		last[string(o.key)] = i
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for i, o := range ops {
		if i%mergeBatch == 0 {
			if err := ctx.Err(); err != nil {
				return err
			}
			staged(i)
		}
		if last[string(o.key)] != i {
			continue
		}
		e := badger.NewEntry(append(bytes.Clone(stage), o.key...), o.value)
		if o.delete {
			e = badger.NewEntry(e.Key, nil).WithMeta(stageDelete)
		}
		if err := wb.SetEntry(e); err != nil {
			return err
		}
	}
	if err := wb.Flush(); err != nil {
		return err
	}
	return s.db.Sync()
}

// moveStage moves the records staged under op into place (setting or
// deleting each final key), then clears the apply marker. Moving is
// idempotent, so an interrupted move is resumed.
func (s *Store) moveStage(id string, moved func(done int)) error {
	stage := []byte(prefixStage + id + "/")
	done := 0
	// Each batch starts just after the last key moved: the moved records
	// are deleted from the stage, and seeking from its start again would
	// walk past every one of them, batch after batch.
	from := stage
	for {
		var keys, vals [][]byte
		var metas []byte
		err := s.db.View(func(txn *badger.Txn) error {
			it := txn.NewIterator(badger.IteratorOptions{PrefetchValues: true, PrefetchSize: 256, Prefix: stage})
			defer it.Close()
			for it.Seek(from); it.ValidForPrefix(stage) && len(keys) < mergeBatch; it.Next() {
				v, err := it.Item().ValueCopy(nil)
				if err != nil {
					return err
				}
				keys = append(keys, it.Item().KeyCopy(nil))
				vals = append(vals, v)
				metas = append(metas, it.Item().UserMeta())
			}
			return nil
		})
		if err != nil {
			return err
		}
		if len(keys) == 0 {
			break
		}
		if err := s.moveBatch(stage, keys, vals, metas); err != nil {
			return err
		}
		from = append(append([]byte(nil), keys[len(keys)-1]...), 0)
		done += len(keys)
		if moved != nil {
			moved(done)
		}
	}
	if err := s.db.Sync(); err != nil {
		return err
	}
	// A large stage goes in one drop, not record by record: a tombstone a
	// record would double what a large change writes. A small one (the
	// roster and targets of an import, whose evidence is not staged) goes
	// record by record: dropping a prefix writes the memtable out and
	// rewrites the tables that hold the prefix, 0.4 s after a district's
	// import against 10 ms for its 4,600 staged records. Should either be
	// cut short, the next Open moves what is left again (moving is
	// idempotent) and removes it then.
	if err := s.removeStage(stage, done); err != nil {
		return err
	}
	return s.db.Update(func(txn *badger.Txn) error {
		if err := txn.Delete([]byte(keyFresh)); err != nil {
			return err
		}
		return txn.Delete([]byte(keyApply))
	})
}

// moveBatch puts one batch of staged records in place; the stage is
// dropped whole once every batch is.
func (s *Store) moveBatch(stage []byte, keys, vals [][]byte, metas []byte) error {
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for i, k := range keys {
		var err error
		if metas[i] == stageDelete {
			err = wb.Delete(k[len(stage):])
		} else {
			err = wb.Set(k[len(stage):], vals[i])
		}
		if err != nil {
			return err
		}
	}
	return wb.Flush()
}

// dropStage removes staged records of a merge that never took effect.
// dropStageBelow is the size of a stage, in records, from which it is
// dropped as a prefix rather than deleted record by record.
const dropStageBelow = 20000

// removeStage removes the n records staged under stage: record by record
// when they are fewer than dropStageBelow, else as a prefix.
func (s *Store) removeStage(stage []byte, n int) error {
	if n >= dropStageBelow {
		return s.db.DropPrefix(stage)
	}
	var keys [][]byte
	err := s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: stage})
		defer it.Close()
		for it.Rewind(); it.Valid(); it.Next() {
			keys = append(keys, it.Item().KeyCopy(nil))
		}
		return nil
	})
	if err != nil {
		return err
	}
	wb := s.db.NewWriteBatch()
	defer wb.Cancel()
	for _, k := range keys {
		if err := wb.Delete(k); err != nil {
			return err
		}
	}
	return wb.Flush()
}

func (s *Store) dropStage(stage []byte) {
	if err := s.db.DropPrefix(stage); err != nil {
		s.log.Warn("could not remove the staged records of an abandoned change", "error", err)
	}
}

// resumeMerge finishes a staged change (a merge or a rename) that took
// effect before the program stopped, and throws away the records of one
// that had not: its staged records, and the evidence it wrote in place.
func (s *Store) resumeMerge() error {
	var pending string
	var fresh uint64
	var freshFound bool
	err := s.db.View(func(txn *badger.Txn) error {
		var err error
		if fresh, freshFound, err = readUint(txn, keyFresh); err != nil {
			return err
		}
		item, err := txn.Get([]byte(keyApply))
		if errors.Is(err, badger.ErrKeyNotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		v, err := item.ValueCopy(nil)
		pending = string(v)
		return err
	})
	if err != nil {
		return fmt.Errorf("check for an unfinished import or rename: %w", err)
	}
	if s.readOnly {
		if pending != "" || freshFound {
			return errors.New("an import or a renamed target in this data folder was interrupted; open it normally once to finish it")
		}
		return nil
	}
	switch {
	case pending != "":
		if err := s.moveStage(pending, nil); err != nil {
			return fmt.Errorf("finish an interrupted import or rename: %w", err)
		}
		s.log.Info("finished an interrupted import or rename")
	case freshFound:
		if err := s.undoFresh(fresh); err != nil {
			return fmt.Errorf("remove an import that was interrupted before it took effect: %w", err)
		}
		s.log.Info("removed an import that was interrupted before it took effect")
	}
	if err := s.db.DropPrefix([]byte(prefixStage)); err != nil {
		return fmt.Errorf("remove an abandoned import or rename: %w", err)
	}
	return nil
}
