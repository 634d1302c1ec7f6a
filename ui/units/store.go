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
	// Graph returns the continuum with its targets.
	Graph(ctx context.Context, continuumID string) (*continuum.Graph, error)
	// Students returns every student, sorted by group, then name, then ID.
	Students(ctx context.Context) ([]continuum.Student, error)
	// Evidence returns the evidence matching f.
	Evidence(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, error)
	// Overrides returns the continuum's overrides, of one student when student is not empty.
	Overrides(ctx context.Context, continuumID, student string) ([]continuum.Override, error)
	// FlexBlocks returns the continuum's blocks, by date, then slot, then ID.
	FlexBlocks(ctx context.Context, continuumID string) ([]continuum.FlexBlock, error)
	// PutFlexBlock adds or replaces a block (matched by ID).
	PutFlexBlock(ctx context.Context, b continuum.FlexBlock) error
	// DeleteFlexBlock removes a block.
	DeleteFlexBlock(ctx context.Context, continuumID, id string) error
	// VisitNotes returns a coach's notes on the continuum, by date, then entry.
	VisitNotes(ctx context.Context, continuumID string) ([]continuum.VisitNote, error)
}

// loadClass reads what ClassPositions needs for a continuum: the reads of
// continuum.LoadClass, which asks for a whole continuum.Store.
func loadClass(ctx context.Context, s Store, continuumID string) (*continuum.Graph, continuum.Class, error) {
	g, err := s.Graph(ctx, continuumID)
	if err != nil {
		return nil, continuum.Class{}, err
	}
	var class continuum.Class
	if class.Students, err = s.Students(ctx); err != nil {
		return nil, continuum.Class{}, err
	}
	if class.Evidence, err = s.Evidence(ctx, continuum.EvidenceFilter{Continuum: continuumID}); err != nil {
		return nil, continuum.Class{}, err
	}
	if class.Overrides, err = s.Overrides(ctx, continuumID, ""); err != nil {
		return nil, continuum.Class{}, err
	}
	return g, class, nil
}
