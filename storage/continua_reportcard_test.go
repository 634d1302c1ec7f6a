package storage

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// numberSense is a report card of two standards over mathContinuum's targets.
func numberSense() *continuum.ReportCard {
	return &continuum.ReportCard{Standards: []continuum.CardStandard{
		{Code: "MA.NS", Name: "Number sense", Targets: []string{"num.k.1", "NUM.1.1"}, Rule: continuum.RuleMostFrequent},
		{Code: "MA.GE", Name: "Geometry", Targets: []string{"GEO.K.1", "GEO.2.1"}, Rule: continuum.RuleBands,
			Bands: []continuum.CardBand{{MinPercent: 75, Level: 4}, {MinPercent: 50, Level: 3}, {MinPercent: 0, Level: 1}}},
	}}
}

// Given a continuum, its report card is stored with it, read back equal
// (codes as the continuum writes them), survives a reopen, follows a
// renamed target, loses a deleted one, and is cleared by nil.
func TestReportCardRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	c := createMath(t, s)
	must(t, s.SetReportCard(ctx, c.ID, numberSense()))
	want := numberSense()
	want.Standards[0].Targets[0] = "NUM.K.1"
	got, err := s.Continuum(ctx, c.ID)
	must(t, err)
	if !reflect.DeepEqual(got.ReportCard, want) {
		t.Fatalf("stored card = %+v, want %+v", got.ReportCard, want)
	}
	must(t, s.Close())
	s = mustOpenDir(t, dir, Options{})
	if got, _ := s.Continuum(ctx, c.ID); !reflect.DeepEqual(got.ReportCard, want) {
		t.Fatalf("after reopening: %+v", got.ReportCard)
	}

	must(t, s.RenameTarget(ctx, c.ID, "GEO.K.1", "GEO.K.01"))
	got, _ = s.Continuum(ctx, c.ID)
	if ts := got.ReportCard.Standards[1].Targets; !reflect.DeepEqual(ts, []string{"GEO.K.01", "GEO.2.1"}) {
		t.Errorf("after a rename, targets = %v", ts)
	}
	must(t, s.DeleteTarget(ctx, c.ID, "GEO.2.1"))
	must(t, s.DeleteTarget(ctx, c.ID, "geo.k.01"))
	got, _ = s.Continuum(ctx, c.ID)
	if len(got.ReportCard.Standards) != 1 || got.ReportCard.Standards[0].Code != "MA.NS" {
		t.Errorf("after deleting both geometry targets, the card = %+v (MA.GE should be gone)", got.ReportCard)
	}
	must(t, s.SetReportCard(ctx, c.ID, nil))
	if got, _ := s.Continuum(ctx, c.ID); got.ReportCard != nil {
		t.Errorf("a cleared card is still there: %+v", got.ReportCard)
	}
}

// A card naming a target the continuum lacks, or a band off its scale, is
// refused with the standard and the fix named, and nothing changes.
func TestSetReportCardRefusesBadCards(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	bad := numberSense()
	bad.Standards[0].Targets = append(bad.Standards[0].Targets, "NUM.9.9")
	err := s.SetReportCard(ctx, c.ID, bad)
	if !errors.Is(err, continuum.ErrNotFound) || !strings.Contains(err.Error(), "report-card standard MA.NS names NUM.9.9, which is not a target of Mathematics") {
		t.Errorf("unknown target: %v", err)
	}
	bad = numberSense()
	bad.Standards[1].Bands[0].Level = 5
	if err := s.SetReportCard(ctx, c.ID, bad); !errors.Is(err, continuum.ErrInvalid) || !strings.Contains(err.Error(), "not on the scale") {
		t.Errorf("band off the scale: %v", err)
	}
	if got, _ := s.Continuum(ctx, c.ID); got.ReportCard != nil {
		t.Error("a refused card was stored")
	}
	if err := s.SetReportCard(ctx, "nope", numberSense()); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("unknown continuum: %v", err)
	}
	// A continuum created with a card naming a target it lacks is refused too.
	c2, targets := mathContinuum()
	c2.Name = "Other"
	c2.ReportCard = bad
	c2.ReportCard.Standards[1].Bands[0].Level = 4
	c2.ReportCard.Standards[0].Targets = []string{"NOPE"}
	if err := s.CreateContinuum(ctx, &c2, targets); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("create with an unknown target in the card: %v", err)
	}
}
