package storage

import (
	"errors"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

func flexBlock(cid string) continuum.FlexBlock {
	return continuum.FlexBlock{
		ID: "2026-11-23-win", Continuum: cid, Date: continuum.MustParseDate("2026-11-23"), Slot: "WIN time", Minutes: 40,
		Offerings: []continuum.Offering{
			{ID: "count", Title: "Counting again", Kind: continuum.Reteach, Capacity: 6, Focus: []string{"num.k.1"}},
			{ID: "open", Title: "Open study", Kind: continuum.OpenStudy, Capacity: 30},
		},
	}
}

func TestFlexBlocksRoundTrip(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S1", Name: "Ana"}))
	b := flexBlock(c.ID)
	b.Assignments = []continuum.Assignment{{Student: "S1", Offering: "count", Tier: continuum.TierPriority, Reason: "Gap on a milestone: NUM.K.1"}}
	must(t, s.PutFlexBlock(ctx, b))
	later := flexBlock(c.ID)
	later.ID, later.Date = "2026-11-24-win", continuum.MustParseDate("2026-11-24")
	must(t, s.PutFlexBlock(ctx, later))

	got, err := s.FlexBlock(ctx, c.ID, "2026-11-23-WIN")
	must(t, err)
	if got.Offerings[0].Focus[0] != "NUM.K.1" || got.Assignments[0].Reason != "Gap on a milestone: NUM.K.1" {
		t.Errorf("stored block %+v", got)
	}
	all, err := s.FlexBlocks(ctx, c.ID)
	must(t, err)
	if len(all) != 2 || all[0].ID != "2026-11-23-win" {
		t.Errorf("blocks %v", all)
	}
	must(t, s.DeleteFlexBlock(ctx, c.ID, b.ID))
	if _, err := s.FlexBlock(ctx, c.ID, b.ID); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("after delete: %v", err)
	}
}

func TestPutFlexBlockRefusals(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	unknownFocus := flexBlock(c.ID)
	unknownFocus.Offerings[0].Focus = []string{"ART.1"}
	if err := s.PutFlexBlock(ctx, unknownFocus); continuum.ErrorField(err) != "offering.focus" {
		t.Errorf("unknown focus: %v", err)
	}
	ghost := flexBlock(c.ID)
	ghost.Assignments = []continuum.Assignment{{Student: "NOBODY", Offering: "open"}}
	if err := s.PutFlexBlock(ctx, ghost); !errors.Is(err, continuum.ErrNotFound) || continuum.ErrorField(err) != "assignment.student" {
		t.Errorf("unknown student: %v", err)
	}
	if all, _ := s.FlexBlocks(ctx, c.ID); len(all) != 0 {
		t.Errorf("refused blocks stored: %v", all)
	}
}

func TestDeleteContinuumPurgesFlexBlocks(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutFlexBlock(ctx, flexBlock(c.ID)))
	must(t, s.DeleteContinuum(ctx, c.ID))
	if n := countPrefix(t, s, flexPrefix(c.ID)); n != 0 {
		t.Errorf("%d flex blocks left", n)
	}
}
