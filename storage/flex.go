package storage

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/dgraph-io/badger/v4"

	"github.com/continuum-planner/planner/continuum"
)

// FlexBlocks returns the continuum's flex blocks, by date, then slot, then ID.
func (s *Store) FlexBlocks(ctx context.Context, continuumID string) ([]continuum.FlexBlock, error) {
	var out []continuum.FlexBlock
	err := s.view(ctx, func(txn *badger.Txn) error {
		if _, err := loadContinuum(txn, continuumID); err != nil {
			return err
		}
		return scanValues(ctx, txn, flexPrefix(continuumID), func(_ []byte, b *continuum.FlexBlock) error {
			out = append(out, *b)
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("read flex blocks: %w", err)
	}
	slices.SortFunc(out, func(a, b continuum.FlexBlock) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Slot, b.Slot), strings.Compare(a.ID, b.ID))
	})
	return out, nil
}

// FlexBlock returns one flex block.
func (s *Store) FlexBlock(ctx context.Context, continuumID, id string) (continuum.FlexBlock, error) {
	var b continuum.FlexBlock
	err := s.view(ctx, func(txn *badger.Txn) error {
		err := get(txn, flexKey(continuumID, id), &b)
		if errors.Is(err, badger.ErrKeyNotFound) {
			return continuum.NotFoundf("flex.id", "there is no flex block %s", strings.TrimSpace(id))
		}
		return err
	})
	if err != nil {
		return continuum.FlexBlock{}, fmt.Errorf("read flex block: %w", err)
	}
	return b, nil
}

// PutFlexBlock adds or replaces a flex block, after checking it against
// its continuum and checking that every assigned student is on the roster.
func (s *Store) PutFlexBlock(ctx context.Context, b continuum.FlexBlock) error {
	b.ID = strings.TrimSpace(b.ID)
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		g, err := loadGraph(ctx, txn, b.Continuum)
		if err != nil {
			return err
		}
		if err := b.Validate(g); err != nil {
			return err
		}
		for i, o := range b.Offerings {
			focus := make([]string, len(o.Focus))
			for k, f := range o.Focus {
				t, _ := g.Target(f)
				focus[k] = t.Code
			}
			b.Offerings[i].Focus = focus
		}
		for _, a := range b.Assignments {
			ok, err := exists(txn, studentKey(a.Student))
			if err != nil {
				return err
			}
			if !ok {
				return continuum.NotFoundf("assignment.student", "block %s: student %s is not on the roster", b.ID, a.Student)
			}
		}
		return ch.put(flexKey(b.Continuum, b.ID), b)
	})
	if err != nil {
		return fmt.Errorf("save flex block: %w", err)
	}
	return nil
}

// DeleteFlexBlock removes a flex block.
func (s *Store) DeleteFlexBlock(ctx context.Context, continuumID, id string) error {
	err := s.update(ctx, func(txn *badger.Txn, ch *change) error {
		key := flexKey(continuumID, id)
		ok, err := exists(txn, key)
		if err != nil {
			return err
		}
		if !ok {
			return continuum.NotFoundf("flex.id", "there is no flex block %s", strings.TrimSpace(id))
		}
		ch.del(key)
		return nil
	})
	if err != nil {
		return fmt.Errorf("delete flex block: %w", err)
	}
	return nil
}

// flexPlacesRemoval prepares in ch the writes that take student id out of
// every flex block of every continuum, and counts the places they held.
func flexPlacesRemoval(ctx context.Context, txn *badger.Txn, ch *change, id string) (int, error) {
	places := 0
	err := scanValues(ctx, txn, []byte(prefixFlex), func(key []byte, b *continuum.FlexBlock) error {
		n := len(b.Assignments)
		b.Assignments = slices.DeleteFunc(b.Assignments, func(a continuum.Assignment) bool { return a.Student == id })
		if len(b.Assignments) == n {
			return nil
		}
		places += n - len(b.Assignments)
		return ch.put(bytes.Clone(key), b)
	})
	return places, err
}
