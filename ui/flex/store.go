package flex

import (
	"context"

	"github.com/continuum-planner/planner/continuum"
)

// Store is what the flex screen reads and changes: the continuum, the
// roster, the evidence and overrides a suggestion weighs, and the blocks.
type Store interface {
	// ClassReader reads the continuum, the roster, the evidence and the
	// overrides (continuum.LoadClass).
	continuum.ClassReader
	// FlexBlocks returns the continuum's blocks, by date, then slot, then ID.
	FlexBlocks(ctx context.Context, continuumID string) ([]continuum.FlexBlock, error)
	// PutFlexBlock adds or replaces a block (matched by ID).
	PutFlexBlock(ctx context.Context, b continuum.FlexBlock) error
	// DeleteFlexBlock removes a block.
	DeleteFlexBlock(ctx context.Context, continuumID, id string) error
}
