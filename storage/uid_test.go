package storage

import (
	"errors"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// TestUIDsMintedOnceAndKept checks that targets and evidence get an
// identity when first stored, keep it when they are saved again without
// one, and keep one they come with (an import's).
func TestUIDsMintedOnceAndKept(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(1)...))
	uidOf := func(code string) string {
		g, err := s.Graph(ctx, c.ID)
		must(t, err)
		tg, _ := g.Target(code)
		return tg.UID
	}
	first := uidOf("NUM.K.1")
	if len(first) != 36 || first == uidOf("GEO.K.1") {
		t.Fatalf("target UIDs %q and %q, want two different minted ones", first, uidOf("GEO.K.1"))
	}
	_, targets := mathContinuum()
	targets[0].Statement = "I can count to 30."
	must(t, s.PutTargets(ctx, c.ID, targets[0]))
	if got := uidOf("NUM.K.1"); got != first {
		t.Errorf("UID after the target was saved again = %q, want %q kept", got, first)
	}
	// Another target may not take an identity in use.
	targets[2].UID = first
	if err := s.PutTargets(ctx, c.ID, targets[2]); !errors.Is(err, continuum.ErrConflict) {
		t.Errorf("PutTargets with another target's UID = %v, want ErrConflict", err)
	}

	given := ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 2)
	given.UID = "from-a-colleague"
	added, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3), given)
	must(t, err)
	if len(added[0].UID) != 36 || added[1].UID != "from-a-colleague" {
		t.Errorf("evidence UIDs = %q, %q; want a minted one and the one given", added[0].UID, added[1].UID)
	}
	fix := added[0]
	fix.UID, fix.Note = "", "corrected"
	must(t, s.UpdateEvidence(ctx, fix))
	evs, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	if evs[0].ID != added[0].ID || evs[0].UID != added[0].UID || evs[0].Note != "corrected" {
		t.Errorf("evidence after update = %+v, want UID %s kept", evs[0], added[0].UID)
	}
}
