package storage

import (
	"errors"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

func TestUnitsRoundTripAndRefusals(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	u := continuum.Unit{ID: "u1", Continuum: c.ID, Title: "Counting and adding", Order: 2,
		Start: continuum.MustParseDate("2026-09-01"), End: continuum.MustParseDate("2026-09-30"),
		Targets:     []string{"num.k.1", "NUM.1.1"},
		Checkpoints: []continuum.UnitCheckpoint{{Target: "num.1.1", Date: continuum.MustParseDate("2026-09-25"), Kind: continuum.Summative}}}
	must(t, s.PutUnit(ctx, u))
	first := continuum.Unit{ID: "u0", Continuum: c.ID, Title: "Shapes", Order: 1,
		Start: continuum.MustParseDate("2026-10-01"), End: continuum.MustParseDate("2026-10-20"), Targets: []string{"GEO.K.1"}}
	must(t, s.PutUnit(ctx, first))
	units, err := s.Units(ctx, c.ID)
	must(t, err)
	if len(units) != 2 || units[0].ID != "u0" || units[1].Targets[0] != "NUM.K.1" || units[1].Checkpoints[0].Target != "NUM.1.1" {
		t.Fatalf("units %+v", units)
	}
	dup := first
	dup.ID = "u9"
	dup.Title = "shapes"
	if err := s.PutUnit(ctx, dup); !errors.Is(err, continuum.ErrConflict) {
		t.Errorf("duplicate title: %v", err)
	}
	bad := first
	bad.Targets = []string{"ART.1"}
	if err := s.PutUnit(ctx, bad); continuum.ErrorField(err) != "unit.targets" {
		t.Errorf("unknown target: %v", err)
	}
	must(t, s.DeleteUnit(ctx, c.ID, "U0"))
	if units, _ := s.Units(ctx, c.ID); len(units) != 1 {
		t.Errorf("after delete: %+v", units)
	}
	must(t, s.DeleteContinuum(ctx, c.ID))
	if n := countPrefix(t, s, unitPrefix(c.ID)); n != 0 {
		t.Errorf("%d units left after deleting the continuum", n)
	}
}
