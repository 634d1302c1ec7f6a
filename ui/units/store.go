package units

import (
	"context"

	"github.com/continuum-planner/planner/continuum"
)

// Store is what the units screen reads and changes: the continuum and
// its class (roster, evidence, overrides) to judge readiness and
// progress, the units, the flex blocks it makes for support, and a
// coach's visit notes.
type Store interface {
	continuum.UnitStore
	// ClassReader reads the continuum, the roster, the evidence and the
	// overrides (continuum.LoadClass).
	continuum.ClassReader
	// FlexBlocks returns the continuum's blocks, by date, then slot, then ID.
	FlexBlocks(ctx context.Context, continuumID string) ([]continuum.FlexBlock, error)
	// PutFlexBlock adds or replaces a block (matched by ID).
	PutFlexBlock(ctx context.Context, b continuum.FlexBlock) error
	// DeleteFlexBlock removes a block.
	DeleteFlexBlock(ctx context.Context, continuumID, id string) error
	// VisitNotes returns a coach's notes on the continuum, by date, then entry.
	VisitNotes(ctx context.Context, continuumID string) ([]continuum.VisitNote, error)
}
