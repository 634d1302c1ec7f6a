package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/continuum-planner/planner/continuum"
)

// Units returns the continuum's units in calendar order.
func (s *Store) Units(ctx context.Context, continuumID string) ([]continuum.Unit, error) {
	var out []continuum.Unit
	err := s.view(ctx, func(txn *badger.Txn) (err error) {
		if _, err := loadContinuum(txn, continuumID); err != nil {
			return err
		}
		out, err = loadUnits(ctx, txn, continuumID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("read units: %w", err)
	}
	return out, nil
}

func loadUnits(ctx context.Context, txn *badger.Txn, cid string) ([]continuum.Unit, error) {
	var out []continuum.Unit
	err := scanValues(ctx, txn, unitPrefix(cid), func(_ []byte, u *continuum.Unit) error {
		out = append(out, *u)
		return nil
	})
	continuum.SortUnits(out)
	return out, err
}

// PutUnit adds or replaces a unit, after checking it against its
// continuum; a title another unit of the continuum has is refused.
func (s *Store) PutUnit(ctx context.Context, u continuum.Unit) error {
	u.ID = strings.TrimSpace(u.ID)
	u.Title = strings.TrimSpace(u.Title)
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		g, err := loadGraph(ctx, txn, u.Continuum)
		if err != nil {
			return err
		}
		if err := u.Validate(g); err != nil {
			return err
		}
		others, err := loadUnits(ctx, txn, u.Continuum)
		if err != nil {
			return err
		}
		for _, o := range others {
			if !strings.EqualFold(o.ID, u.ID) && strings.EqualFold(o.Title, u.Title) {
				return continuum.Conflictf("unit.title", "%s already has a unit called %q; choose another title", g.Continuum.Name, u.Title)
			}
		}
		canon := func(codes []string) []string {
			out := make([]string, len(codes))
			for i, c := range codes {
				t, _ := g.Target(c)
				out[i] = t.Code
			}
			return out
		}
		u.Targets = canon(u.Targets)
		for i := range u.Experiences {
			u.Experiences[i].Targets = canon(u.Experiences[i].Targets)
		}
		for i := range u.Checkpoints {
			u.Checkpoints[i].Target = canon([]string{u.Checkpoints[i].Target})[0]
		}
		return ch.put(unitKey(u.Continuum, u.ID), u)
	})
	if err != nil {
		return fmt.Errorf("save unit: %w", err)
	}
	return nil
}

// DeleteUnit removes a unit.
func (s *Store) DeleteUnit(ctx context.Context, continuumID, id string) error {
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		key := unitKey(continuumID, id)
		ok, err := exists(txn, key)
		if err != nil {
			return err
		}
		if !ok {
			return continuum.NotFoundf("unit.id", "there is no unit %s", strings.TrimSpace(id))
		}
		ch.del(key)
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete unit: %w", err)
	}
	return nil
}
