package storage

import (
	"bytes"
	"context"
	"fmt"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// RenameTarget changes a target's code from old to code in one change, and
// everything that names it follows: the prerequisites of other targets,
// evidence, overrides, units (targets, experiences, checkpoints), flex
// offerings' focus, calibration scores, visit notes on it and the
// continuum's report card. The target
// keeps its UID, so a workbook with the old code still finds it. A code
// another target has is refused (continuum.ErrConflict); a change of
// capitals only is allowed.
//
// The rename is all or nothing, however much evidence the target has: one
// too large for a transaction is staged and takes effect at once, as a
// large merge does (see ApplyMerge). Readers wait until it is done.
func (s *Store) RenameTarget(ctx context.Context, continuumID, old, code string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("rename target: %w", err)
	}
	if s.readOnly {
		return fmt.Errorf("rename target: %w", s.readOnlyError())
	}
	if err := s.roomForChange(); err != nil {
		return fmt.Errorf("rename target: %w", err)
	}
	s.mu.Lock() // readers wait: they never see half a rename
	defer s.mu.Unlock()
	if s.db == nil {
		return fmt.Errorf("rename target: %w", ErrClosed)
	}
	ops, err := s.renameOps(ctx, continuumID, old, code)
	if err != nil {
		return fmt.Errorf("rename target: %w", err)
	}
	if len(ops) == 0 {
		return nil
	}
	if err := ctx.Err(); err != nil { // the last moment the rename can still be abandoned
		return fmt.Errorf("rename target: %w", err)
	}
	if err := s.commitOps(ctx, ops, nil); err != nil {
		return fmt.Errorf("rename target %s to %s: %w", continuum.NormalizeCode(old), continuum.NormalizeCode(code), err)
	}
	return nil
}

// renameOps reads the store and prepares every write of a rename; none
// when the code is unchanged. The caller holds s.mu exclusively.
func (s *Store) renameOps(ctx context.Context, continuumID, old, code string) ([]op, error) {
	code = continuum.NormalizeCode(code)
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	g, err := loadGraph(ctx, txn, continuumID)
	if err != nil {
		return nil, err
	}
	t, ok := g.Target(old)
	if !ok {
		return nil, continuum.NotFoundf("target.code", "%s is not a target of %s", continuum.NormalizeCode(old), g.Continuum.Name)
	}
	if t.Code == code {
		return nil, nil
	}
	if other, taken := g.Target(code); taken && other.Code != t.Code {
		return nil, continuum.Conflictf("target.code", "%s already has a target %s; choose another code", g.Continuum.Name, other.Code)
	}
	renamed := t
	renamed.Code = code
	if err := renamed.Validate(&g.Continuum); err != nil {
		return nil, err
	}
	ch := &change{}
	r := &targetRename{ctx: ctx, txn: txn, ch: ch, cid: continuumID, old: t.Code, code: code}
	ch.del(targetKey(continuumID, t.Code))
	if err := ch.put(targetKey(continuumID, code), renamed); err != nil {
		return nil, err
	}
	for _, step := range []func() error{r.prerequisites, r.evidence, r.overrides, r.units, r.flex, r.calibration, r.notes, r.reportCard} {
		if err := step(); err != nil {
			return nil, err
		}
	}
	return ch.ops, nil
}

// targetRename prepares the writes of a rename, record type by record type.
type targetRename struct {
	ctx       context.Context
	txn       *badger.Txn
	ch        *change
	cid       string
	old, code string
}

// swap returns code for a code naming the renamed target, and whether it did.
func (r *targetRename) swap(c string) (string, bool) {
	if continuum.SameCode(c, r.old) {
		return r.code, true
	}
	return c, false
}

// swapAll renames the codes in cs that name the target, in place.
func (r *targetRename) swapAll(cs []string) bool {
	changed := false
	for i, c := range cs {
		var ok bool
		if cs[i], ok = r.swap(c); ok {
			changed = true
		}
	}
	return changed
}

func (r *targetRename) prerequisites() error {
	return scanValues(r.ctx, r.txn, targetPrefix(r.cid), func(key []byte, t *continuum.Target) error {
		if continuum.SameCode(t.Code, r.old) || !r.swapAll(t.Prerequisites) {
			return nil
		}
		return r.ch.put(bytes.Clone(key), t)
	})
}

func (r *targetRename) evidence() error {
	return scanValues(r.ctx, r.txn, evidencePrefix(r.cid, ""), func(key []byte, e *continuum.Evidence) error {
		var ok bool
		if e.Target, ok = r.swap(e.Target); !ok {
			return nil
		}
		return r.ch.put(bytes.Clone(key), e)
	})
}

func (r *targetRename) overrides() error {
	return scanValues(r.ctx, r.txn, overridePrefix(r.cid, ""), func(key []byte, o *continuum.Override) error {
		var ok bool
		if o.Target, ok = r.swap(o.Target); !ok {
			return nil
		}
		r.ch.del(bytes.Clone(key))
		return r.ch.put(overrideKey(r.cid, o.Student, o.Target), o)
	})
}

func (r *targetRename) units() error {
	return scanValues(r.ctx, r.txn, unitPrefix(r.cid), func(key []byte, u *continuum.Unit) error {
		changed := r.swapAll(u.Targets)
		for i := range u.Experiences {
			changed = r.swapAll(u.Experiences[i].Targets) || changed
		}
		for i := range u.Checkpoints {
			var ok bool
			u.Checkpoints[i].Target, ok = r.swap(u.Checkpoints[i].Target)
			changed = changed || ok
		}
		if !changed {
			return nil
		}
		return r.ch.put(bytes.Clone(key), u)
	})
}

func (r *targetRename) flex() error {
	return scanValues(r.ctx, r.txn, flexPrefix(r.cid), func(key []byte, b *continuum.FlexBlock) error {
		changed := false
		for i := range b.Offerings {
			changed = r.swapAll(b.Offerings[i].Focus) || changed
		}
		if !changed {
			return nil
		}
		return r.ch.put(bytes.Clone(key), b)
	})
}

func (r *targetRename) calibration() error {
	prefix := append(calibrationPrefix(r.cid), foldCode(r.old)+"/"...)
	return scanValues(r.ctx, r.txn, prefix, func(key []byte, c *continuum.CalibrationScore) error {
		c.Target = r.code
		r.ch.del(bytes.Clone(key))
		return r.ch.put(calibrationKey(r.cid, c.Target, c.Sample, c.Scorer), c)
	})
}

func (r *targetRename) notes() error {
	return scanValues(r.ctx, r.txn, visitPrefix(r.cid), func(key []byte, n *continuum.VisitNote) error {
		if n.About != continuum.OnTarget {
			return nil
		}
		var ok bool
		if n.Subject, ok = r.swap(n.Subject); !ok {
			return nil
		}
		return r.ch.put(bytes.Clone(key), n)
	})
}
