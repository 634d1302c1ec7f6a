package storage

import (
	"context"
	"fmt"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

// SetReportCard replaces the report card kept with a continuum (nil or a
// card without standards clears it), after checking it against the
// continuum's scale and targets: a standard naming a target the continuum
// lacks is continuum.ErrNotFound, naming the standard and the code.
// Target codes are stored as the continuum writes them.
func (s *Store) SetReportCard(ctx context.Context, continuumID string, card *continuum.ReportCard) error {
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		g, err := loadGraph(ctx, txn, continuumID)
		if err != nil {
			return err
		}
		c := g.Continuum
		c.ReportCard = nil
		if card != nil && len(card.Standards) > 0 {
			c.ReportCard = card.Clone()
			if err := c.ReportCard.Validate(&c.Scale); err != nil {
				return err
			}
			if err := c.ReportCard.CheckTargets(g); err != nil {
				return err
			}
			for i := range c.ReportCard.Standards {
				st := &c.ReportCard.Standards[i]
				st.Code = continuum.NormalizeCode(st.Code)
				for k, code := range st.Targets {
					t, _ := g.Target(code)
					st.Targets[k] = t.Code
				}
			}
		}
		c.UpdatedAt = now()
		ch.what = fmt.Sprintf("the report card of %q", c.Name)
		return ch.put(continuumKey(continuumID), c)
	})
	if err != nil {
		return fmt.Errorf("set report card: %w", err)
	}
	return nil
}

// reportCard renames the target in the continuum's report card.
func (r *targetRename) reportCard() error {
	c, err := loadContinuum(r.txn, r.cid)
	if err != nil {
		return err
	}
	card, changed := c.ReportCard.RenameTarget(r.old, r.code)
	if !changed {
		return nil
	}
	c.ReportCard = card
	return r.ch.put(continuumKey(r.cid), c)
}

// reportCardRemoval takes a removed target out of the continuum's report
// card (a standard left with no target goes too).
func reportCardRemoval(ch *change, cid string, c continuum.Continuum, code string) error {
	card, changed := c.ReportCard.WithoutTarget(code)
	if !changed {
		return nil
	}
	if len(card.Standards) == 0 {
		card = nil
	}
	c.ReportCard = card
	return ch.put(continuumKey(cid), c)
}
