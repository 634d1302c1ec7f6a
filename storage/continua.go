package storage

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// Continua returns every continuum, sorted by name (case-insensitively).
func (s *Store) Continua(ctx context.Context) ([]continuum.Continuum, error) {
	var out []continuum.Continuum
	err := s.view(ctx, func(txn *badger.Txn) error {
		return scanValues(ctx, txn, []byte(prefixContinuum), func(_ []byte, c *continuum.Continuum) error {
			out = append(out, *c)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("list continua: %w", err)
	}
	slices.SortFunc(out, func(a, b continuum.Continuum) int {
		return cmp.Or(strings.Compare(foldName(a.Name), foldName(b.Name)), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// Continuum returns the continuum with the given ID.
func (s *Store) Continuum(ctx context.Context, id string) (continuum.Continuum, error) {
	var c continuum.Continuum
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		c, err = loadContinuum(txn, id)
		return err
	})
	if err != nil {
		return continuum.Continuum{}, fmt.Errorf("read continuum: %w", err)
	}
	return c, nil
}

// FindContinuum returns the continuum whose name matches nameOrID
// (case-insensitively), or else whose ID is nameOrID.
func (s *Store) FindContinuum(ctx context.Context, nameOrID string) (continuum.Continuum, error) {
	var c continuum.Continuum
	err := s.view(ctx, func(txn *badger.Txn) error {
		cid, found, err := nameOwner(txn, nameOrID)
		if err != nil {
			return err
		}
		if !found {
			cid = strings.TrimSpace(nameOrID)
		}
		c, err = loadContinuum(txn, cid)
		if errors.Is(err, continuum.ErrNotFound) {
			return continuum.NotFoundf("continuum", "there is no continuum named %q", nameOrID)
		}
		return err
	})
	if err != nil {
		return continuum.Continuum{}, fmt.Errorf("find continuum: %w", err)
	}
	return c, nil
}

// nameOwner returns the ID of the continuum called name, if any.
func nameOwner(txn *badger.Txn, name string) (string, bool, error) {
	if foldName(name) == "" {
		return "", false, nil
	}
	item, err := txn.Get(nameKey(name))
	switch {
	case errors.Is(err, badger.ErrKeyNotFound):
		return "", false, nil
	case err != nil:
		return "", false, err
	}
	v, err := item.ValueCopy(nil)
	return string(v), err == nil, err
}

// CreateContinuum stores a new continuum with its targets in one change,
// after checking them as a whole. It assigns c.ID when empty and sets
// c.CreatedAt and c.UpdatedAt; c is changed only on success. A name or ID
// already in use is continuum.ErrConflict.
func (s *Store) CreateContinuum(ctx context.Context, c *continuum.Continuum, targets []continuum.Target) error {
	nc := *c
	nc.ID = strings.TrimSpace(nc.ID)
	if nc.ID == "" {
		nc.ID = continuum.NewID()
	}
	nc.Name = strings.TrimSpace(nc.Name)
	nc.CreatedAt = now()
	nc.UpdatedAt = nc.CreatedAt
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		if !validID(nc.ID) {
			return continuum.Invalidf("continuum.id", "%q cannot be an ID: use up to 64 printable characters without /", nc.ID)
		}
		g, err := continuum.NewGraph(nc, targets)
		if err != nil {
			return err
		}
		if nc.ReportCard != nil {
			if err := nc.ReportCard.CheckTargets(g); err != nil {
				return err
			}
		}
		if ok, err := exists(txn, continuumKey(nc.ID)); err != nil || ok {
			return cmp.Or(err, error(continuum.Conflictf("continuum.id", "a continuum with ID %s already exists", nc.ID)))
		}
		if ok, err := exists(txn, tombstoneKey(nc.ID)); err != nil || ok {
			return cmp.Or(err, error(continuum.Conflictf("continuum.id", "the continuum with ID %s is still being deleted; try again in a moment", nc.ID)))
		}
		if err := checkNameFree(txn, nc.Name, ""); err != nil {
			return err
		}
		ch.what = fmt.Sprintf("continuum %q with %s targets", nc.Name, thousands(len(targets)))
		if err := ch.put(continuumKey(nc.ID), nc); err != nil {
			return err
		}
		ch.set(nameKey(nc.Name), []byte(nc.ID))
		for _, t := range canonicalTargets(g, keepTargetUIDs(nil, g.Targets)) {
			if err := ch.put(targetKey(nc.ID, t.Code), t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("create continuum: %w", err)
	}
	*c = nc
	return nil
}

// keepTargetUIDs returns given with each target's UID kept: one given
// without a UID takes the stored target's with its code, or a new one.
func keepTargetUIDs(stored, given []continuum.Target) []continuum.Target {
	uids := make(map[string]string, len(stored))
	for _, t := range stored {
		uids[foldCode(t.Code)] = t.UID
	}
	out := slices.Clone(given)
	for i := range out {
		if out[i].UID == "" {
			out[i].UID = cmp.Or(uids[foldCode(out[i].Code)], continuum.NewUID())
		}
	}
	return out
}

// checkTargetUIDs refuses two targets of a continuum with one identity.
func checkTargetUIDs(targets []continuum.Target) error {
	seen := make(map[string]string, len(targets))
	for _, t := range targets {
		if t.UID == "" {
			continue
		}
		if other, dup := seen[t.UID]; dup {
			return continuum.Conflictf("target.uid", "targets %s and %s have the same identity %s; give one of them none and it gets its own", other, t.Code, t.UID)
		}
		seen[t.UID] = t.Code
	}
	return nil
}

// checkNameFree refuses name when a continuum other than self holds it.
func checkNameFree(txn *badger.Txn, name, self string) error {
	owner, found, err := nameOwner(txn, name)
	if err != nil || !found || owner == self {
		return err
	}
	return continuum.Conflictf("continuum.name", "a continuum named %q already exists; choose another name", name)
}

// canonicalTargets returns ts with codes trimmed and prerequisites written
// as the codes of the targets they name in g.
func canonicalTargets(g *continuum.Graph, ts []continuum.Target) []continuum.Target {
	out := make([]continuum.Target, len(ts))
	for i, t := range ts {
		t.Code = continuum.NormalizeCode(t.Code)
		if len(t.Prerequisites) > 0 {
			prereqs := make([]string, len(t.Prerequisites))
			for k, p := range t.Prerequisites {
				if pt, ok := g.Target(p); ok {
					prereqs[k] = pt.Code
				} else {
					prereqs[k] = continuum.NormalizeCode(p)
				}
			}
			t.Prerequisites = prereqs
		}
		out[i] = t
	}
	return out
}

// UpdateContinuum changes the continuum's own fields in one change.
//
// RenameLevels and RenameDomains map old names to new ones (old names
// matched case-insensitively). They are applied to the targets, to the
// students' starting levels in this continuum, to the pacing plan's
// checkpoints (unless Pacing replaces it), and to the continuum's own
// level and domain lists unless Levels or Domains replace those lists.
// Removing a level or domain that targets still use is refused with
// continuum.ErrConflict, and so is a scale change that would leave stored
// evidence with scores off the scale. Renaming the continuum to a name in
// use is continuum.ErrConflict.
func (s *Store) UpdateContinuum(ctx context.Context, id string, upd continuum.ContinuumUpdate) (continuum.Continuum, error) {
	var out continuum.Continuum
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		old, err := loadContinuum(txn, id)
		if err != nil {
			return err
		}
		levels, err := renameMap("level", upd.RenameLevels, old.Levels)
		if err != nil {
			return err
		}
		domainNames := make([]string, len(old.Domains))
		for i, d := range old.Domains {
			domainNames[i] = d.Name
		}
		domains, err := renameMap("domain", upd.RenameDomains, domainNames)
		if err != nil {
			return err
		}
		c := applyUpdate(old, upd, levels, domains)
		if err := c.Validate(); err != nil {
			return err
		}

		targets, err := loadTargets(ctx, txn, id)
		if err != nil {
			return err
		}
		var changed []continuum.Target
		for i := range targets {
			t := &targets[i]
			l, d := levels.apply(t.Level), domains.apply(t.Domain)
			if l != t.Level || d != t.Domain {
				t.Level, t.Domain = l, d
				changed = append(changed, *t)
			}
		}
		if err := checkStillUsed(&c, targets); err != nil {
			return err
		}
		if _, err := continuum.NewGraph(c, targets); err != nil {
			return err
		}
		if !sameScalePoints(old.Scale, c.Scale) {
			if err := checkScoresOnScale(ctx, txn, &c); err != nil {
				return err
			}
		}
		if foldName(c.Name) != foldName(old.Name) {
			if err := checkNameFree(txn, c.Name, id); err != nil {
				return err
			}
			ch.del(nameKey(old.Name))
			ch.set(nameKey(c.Name), []byte(id))
		}
		c.UpdatedAt = now()
		if err := ch.put(continuumKey(id), c); err != nil {
			return err
		}
		for _, t := range changed {
			if err := ch.put(targetKey(id, t.Code), t); err != nil {
				return err
			}
		}
		students := 0
		if len(levels) > 0 || len(domains) > 0 {
			err := scanValues(ctx, txn, []byte(prefixStudent), func(_ []byte, st *continuum.Student) error {
				moved := false
				for i := range st.StartingLevels {
					sl := &st.StartingLevels[i]
					if sl.Continuum != id {
						continue
					}
					l, d := levels.apply(sl.Level), domains.apply(sl.Domain)
					if l != sl.Level || d != sl.Domain {
						sl.Level, sl.Domain, moved = l, d, true
					}
				}
				if !moved {
					return nil
				}
				students++
				return ch.put(studentKey(st.ID), st)
			})
			if err != nil {
				return err
			}
		}
		ch.what = fmt.Sprintf("changing continuum %q (%s targets and %s students to rewrite)", c.Name, thousands(len(changed)), thousands(students))
		out = c
		return nil
	})
	if err != nil {
		return continuum.Continuum{}, fmt.Errorf("update continuum: %w", err)
	}
	return out, nil
}

// renames maps a lower-cased old name to its new name.
type renames map[string]string

func (r renames) apply(name string) string {
	if n, ok := r[strings.ToLower(strings.TrimSpace(name))]; ok {
		return n
	}
	return name
}

// renameMap checks a rename map against the names in use and folds it.
func renameMap(what string, m map[string]string, names []string) (renames, error) {
	r := make(renames, len(m))
	for from, to := range m {
		to = strings.TrimSpace(to)
		if to == "" {
			return nil, continuum.Invalidf("continuum."+what+"s", "the new name for %s %q is empty", what, from)
		}
		if !slices.ContainsFunc(names, func(n string) bool { return strings.EqualFold(strings.TrimSpace(n), strings.TrimSpace(from)) }) {
			return nil, continuum.NotFoundf("continuum."+what+"s", "cannot rename %s %q: there is no such %s", what, from, what)
		}
		r[strings.ToLower(strings.TrimSpace(from))] = to
	}
	return r, nil
}

// applyUpdate returns c with upd applied (the targets are handled apart).
func applyUpdate(c continuum.Continuum, upd continuum.ContinuumUpdate, levels, domains renames) continuum.Continuum {
	if upd.Name != nil {
		c.Name = strings.TrimSpace(*upd.Name)
	}
	if upd.Subject != nil {
		c.Subject = *upd.Subject
	}
	if upd.Description != nil {
		c.Description = *upd.Description
	}
	if upd.Levels != nil {
		c.Levels = slices.Clone(*upd.Levels)
	} else {
		c.Levels = slices.Clone(c.Levels)
		for i, l := range c.Levels {
			c.Levels[i] = levels.apply(l)
		}
	}
	if upd.Domains != nil {
		c.Domains = slices.Clone(*upd.Domains)
	} else {
		c.Domains = slices.Clone(c.Domains)
		for i := range c.Domains {
			c.Domains[i].Name = domains.apply(c.Domains[i].Name)
		}
	}
	if upd.Groups != nil {
		c.Groups = slices.Clone(*upd.Groups)
	} else if len(levels) > 0 || len(domains) > 0 {
		c.Groups = slices.Clone(c.Groups)
		for i := range c.Groups {
			c.Groups[i].Domain = domains.apply(c.Groups[i].Domain)
			if c.Groups[i].Level != "" {
				c.Groups[i].Level = levels.apply(c.Groups[i].Level)
			}
		}
	}
	if upd.Scale != nil {
		c.Scale = *upd.Scale
	}
	if upd.Method != nil {
		c.Method = *upd.Method
	}
	switch {
	case upd.ClearPacing:
		c.Pacing = nil
	case upd.Pacing != nil:
		p := *upd.Pacing
		c.Pacing = &p
	case c.Pacing != nil && len(levels) > 0:
		p := *c.Pacing
		p.Checkpoints = slices.Clone(p.Checkpoints)
		for i := range p.Checkpoints {
			p.Checkpoints[i].Level = levels.apply(p.Checkpoints[i].Level)
		}
		c.Pacing = &p
	}
	return c
}

// checkStillUsed refuses a continuum whose targets sit on a level, domain
// or group it no longer has, naming the targets.
func checkStillUsed(c *continuum.Continuum, targets []continuum.Target) error {
	lost := map[string][]string{}
	var order []string
	for _, t := range targets {
		var key string
		switch {
		case c.LevelIndex(t.Level) < 0:
			key = "level " + fmt.Sprintf("%q", t.Level)
		case c.DomainIndex(t.Domain) < 0:
			key = "domain " + fmt.Sprintf("%q", t.Domain)
		case t.Group != "" && c.GroupIndex(t.Group) < 0:
			key = "group " + fmt.Sprintf("%q", t.Group)
		default:
			continue
		}
		if _, seen := lost[key]; !seen {
			order = append(order, key)
		}
		lost[key] = append(lost[key], t.Code)
	}
	if len(order) == 0 {
		return nil
	}
	codes := lost[order[0]]
	list := strings.Join(codes[:min(len(codes), 5)], ", ")
	if len(codes) > 5 {
		list += fmt.Sprintf(" and %d more", len(codes)-5)
	}
	field := "continuum.levels"
	switch {
	case strings.HasPrefix(order[0], "domain"):
		field = "continuum.domains"
	case strings.HasPrefix(order[0], "group"):
		field = "continuum.groups"
	}
	return continuum.Conflictf(field, "%s is still used by %s (%s); move or delete those targets first, or rename it instead",
		order[0], plural(len(codes), "target"), list)
}

func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

func sameScalePoints(a, b continuum.Scale) bool {
	return slices.EqualFunc(a.Points, b.Points, func(x, y continuum.ScalePoint) bool { return x.Value == y.Value })
}

// checkScoresOnScale refuses a scale that drops a point evidence uses.
func checkScoresOnScale(ctx context.Context, txn *badger.Txn, c *continuum.Continuum) error {
	var off int
	var example continuum.Evidence
	err := scanValues(ctx, txn, evidencePrefix(c.ID, ""), func(_ []byte, e *continuum.Evidence) error {
		if _, ok := c.Scale.Point(e.Score); !ok {
			if off == 0 {
				example = *e
			}
			off++
		}
		return nil
	})
	if err != nil || off == 0 {
		return err
	}
	return continuum.Conflictf("scale.points", "%s of evidence would be off the new scale (for example %s for student %s on %s); keep that point or change those scores first",
		plural(off, "piece"), continuum.FormatScore(example.Score), example.Student, example.Target)
}

// DeleteContinuum removes the continuum with its targets, evidence and
// overrides, and the starting levels that name it. The continuum
// disappears in one small change; its records are then purged in batches,
// and a purge cut short is finished by the next Open.
func (s *Store) DeleteContinuum(ctx context.Context, id string) error {
	if err := s.begin(ctx, true); err != nil {
		return fmt.Errorf("delete continuum: %w", err)
	}
	err := s.updateLocked(ctx, func(txn *badger.Txn, ch *change) error {
		c, err := loadContinuum(txn, id)
		if err != nil {
			return err
		}
		ch.del(continuumKey(id))
		ch.del(nameKey(c.Name))
		return ch.put(tombstoneKey(id), tombstone{Name: c.Name, DeletedAt: now()})
	})
	s.wmu.Unlock()
	defer s.mu.RUnlock()
	if err != nil {
		return fmt.Errorf("delete continuum: %w", err)
	}
	// The continuum is gone for every reader; what is left is tidying up.
	// The purge runs to the end even if ctx is cancelled now; one cut short
	// by a crash or a failed write is finished by the next Open, so its
	// failure does not undo or fail the deletion.
	if err := s.purge(context.WithoutCancel(ctx), id); err != nil {
		s.log.Warn("purge of deleted continuum interrupted; it will finish the next time the data folder is opened",
			"continuum", id, "error", err)
	}
	return nil
}

// Targets returns the continuum's targets in graph order (domain, level, order, code).
func (s *Store) Targets(ctx context.Context, continuumID string) ([]continuum.Target, error) {
	g, err := s.graph(ctx, continuumID)
	if err != nil {
		return nil, fmt.Errorf("read targets: %w", err)
	}
	return g.Targets, nil
}

// Graph returns the continuum with its targets, checked and indexed.
func (s *Store) Graph(ctx context.Context, continuumID string) (*continuum.Graph, error) {
	g, err := s.graph(ctx, continuumID)
	if err != nil {
		return nil, fmt.Errorf("read continuum graph: %w", err)
	}
	return g, nil
}

func (s *Store) graph(ctx context.Context, cid string) (*continuum.Graph, error) {
	var g *continuum.Graph
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		g, err = loadGraph(ctx, txn, cid)
		return err
	})
	return g, err
}

// PutTargets adds or replaces targets (matched by code, case-insensitively)
// in one change, after checking the resulting continuum as a whole: a
// prerequisite cycle or an unknown prerequisite is refused and nothing is
// stored.
func (s *Store) PutTargets(ctx context.Context, continuumID string, targets ...continuum.Target) error {
	if len(targets) == 0 {
		return nil
	}
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		c, err := loadContinuum(txn, continuumID)
		if err != nil {
			return err
		}
		stored, err := loadTargets(ctx, txn, continuumID)
		if err != nil {
			return err
		}
		at := make(map[string]int, len(stored)+len(targets))
		for i, t := range stored {
			at[foldCode(t.Code)] = i
		}
		given := make(map[string]bool, len(targets))
		targets = keepTargetUIDs(stored, targets)
		merged := slices.Clone(stored)
		for _, t := range targets {
			k := foldCode(t.Code)
			if given[k] && k != "" {
				return continuum.Invalidf("target.code", "target %s appears twice in this change", continuum.NormalizeCode(t.Code))
			}
			given[k] = true
			if i, ok := at[k]; ok {
				merged[i] = t
			} else {
				at[k] = len(merged)
				merged = append(merged, t)
			}
		}
		g, err := continuum.NewGraph(c, merged)
		if err != nil {
			return err
		}
		if err := checkTargetUIDs(merged); err != nil {
			return err
		}
		ch.what = fmt.Sprintf("saving %s targets", thousands(len(targets)))
		for _, t := range canonicalTargets(g, targets) {
			if err := ch.put(targetKey(continuumID, t.Code), t); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("save targets: %w", err)
	}
	return nil
}

// DeleteTarget removes a target with its evidence, overrides and
// calibration scores in one change, and takes it out of the continuum's
// report card. It is refused (continuum.ErrConflict)
// while other targets list it as a prerequisite. A removal too large for
// one transaction (a target with thousands of pieces of evidence) is staged
// and takes effect at once, as a large merge does (see ApplyMerge).
func (s *Store) DeleteTarget(ctx context.Context, continuumID, code string) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("delete target: %w", err)
	}
	if s.readOnly {
		return fmt.Errorf("delete target: %w", s.readOnlyError())
	}
	if err := s.roomForChange(); err != nil {
		return fmt.Errorf("delete target: %w", err)
	}
	s.mu.Lock() // readers wait: they never see half a removal
	defer s.mu.Unlock()
	if s.db == nil {
		return fmt.Errorf("delete target: %w", ErrClosed)
	}
	txn := s.db.NewTransaction(false)
	defer txn.Discard()
	ch := &change{}
	if err := targetRemoval(ctx, txn, ch, continuumID, code); err != nil {
		return fmt.Errorf("delete target: %w", err)
	}
	if err := ctx.Err(); err != nil { // the last moment the removal can still be abandoned
		return fmt.Errorf("delete target: %w", err)
	}
	if err := s.commitOps(ctx, ch.ops, nil); err != nil {
		return fmt.Errorf("delete target %s: %w", continuum.NormalizeCode(code), err)
	}
	return nil
}

// targetRemoval prepares in ch every write that removes a target with its
// evidence, overrides and calibration scores, and takes it out of the
// continuum's report card.
func targetRemoval(ctx context.Context, txn *badger.Txn, ch *change, continuumID, code string) error {
	g, err := loadGraph(ctx, txn, continuumID)
	if err != nil {
		return err
	}
	if _, err := g.WithoutTarget(code); err != nil {
		return err
	}
	t, _ := g.Target(code)
	ch.del(targetKey(continuumID, t.Code))
	if err := reportCardRemoval(ch, continuumID, g.Continuum, t.Code); err != nil {
		return err
	}
	evidence := 0
	cuts := newRunCuts(txn)
	err = scanValues(ctx, txn, evidencePrefix(continuumID, ""), func(key []byte, e *continuum.Evidence) error {
		if continuum.SameCode(e.Target, t.Code) {
			evidence++
			ch.del(bytes.Clone(key))
			return cuts.remove(e.ID)
		}
		return nil
	})
	if err != nil {
		return err
	}
	cuts.write(ch)
	err = scan(ctx, txn, overridePrefix(continuumID, ""), false, func(item *badger.Item) error {
		key := item.Key()
		if i := bytes.LastIndexByte(key, '/'); i >= 0 && string(key[i+1:]) == foldCode(t.Code) {
			ch.del(item.KeyCopy(nil))
		}
		return nil
	})
	if err != nil {
		return err
	}
	keys, err := scanKeys(ctx, txn, append(calibrationPrefix(continuumID), foldCode(t.Code)+"/"...))
	for _, k := range keys {
		ch.del(k)
	}
	ch.what = fmt.Sprintf("deleting target %s with its %s of evidence", t.Code, plural(evidence, "piece"))
	return err
}
