package storage

import (
	"reflect"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// aheadStore returns a store with a realistic class's evidence.
func aheadStore(t *testing.T) (*Store, continuum.Continuum, []continuum.Target) {
	t.Helper()
	s := mustOpen(t)
	c, targets := realisticContinuum()
	must(t, s.CreateContinuum(ctx, &c, targets))
	students := roster(40)
	must(t, s.PutStudents(ctx, students...))
	fillEvidence(t, s, c.ID, students, targets, 25)
	return s, c, targets
}

// Given a continuum's evidence read ahead, when its whole evidence is
// asked for, then the read ahead is handed out, the same as a fresh read,
// and only once.
func TestReadAheadIsHandedOutOnce(t *testing.T) {
	s, c, _ := aheadStore(t)
	want, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	drop := s.ReadAhead(c.ID)
	defer drop()
	a := s.ahead.Load()
	got, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	if len(got) != 1000 || !reflect.DeepEqual(got, want) {
		t.Fatalf("read ahead: %d pieces, equal to a fresh read: %v", len(got), reflect.DeepEqual(got, want))
	}
	if &got[0] != &a.ev[0] {
		t.Error("the evidence was read again, not taken from the read ahead")
	}
	if s.ahead.Load() != nil {
		t.Error("the read ahead is kept after it was handed out")
	}
	again, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	if &again[0] == &a.ev[0] {
		t.Error("the read ahead was handed out twice")
	}
}

// Given a continuum's evidence read ahead, when a piece is recorded before
// the evidence is asked for, then the evidence is read again and holds it.
func TestReadAheadIsNotHandedOutAfterAWrite(t *testing.T) {
	s, c, targets := aheadStore(t)
	drop := s.ReadAhead(c.ID)
	defer drop()
	<-s.ahead.Load().done
	added, err := s.AddEvidence(ctx, ev(c.ID, "S01", targets[0].Code, "2026-10-01", 4))
	must(t, err)
	got, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	if len(got) != 1001 {
		t.Fatalf("after a piece was recorded the class has %d pieces, want 1001", len(got))
	}
	found := false
	for _, e := range got {
		found = found || e.ID == added[0].ID
	}
	if !found {
		t.Error("the piece recorded after the read ahead is missing")
	}
}

// Given a continuum's evidence read ahead, when a narrower read or another
// continuum's comes first, then it is answered as always, and the read
// ahead is still there for the whole continuum; once dropped, it is gone.
func TestReadAheadOnlyForTheWholeContinuum(t *testing.T) {
	s, c, _ := aheadStore(t)
	drop := s.ReadAhead(c.ID)
	a := s.ahead.Load()
	one, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: "S01"})
	must(t, err)
	if len(one) != 25 {
		t.Errorf("one student's evidence: %d pieces, want 25", len(one))
	}
	if _, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: "nope"}); err == nil {
		t.Error("an unknown continuum's evidence was read without an error")
	}
	if s.ahead.Load() != a {
		t.Fatal("a narrower read took the read ahead")
	}
	drop()
	if s.ahead.Load() != nil {
		t.Error("drop left the read ahead")
	}
	got, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	if len(got) != 1000 {
		t.Errorf("after drop: %d pieces, want 1000", len(got))
	}
}

// Given evidence being read ahead, when the store is closed, then Close
// returns and the read ends.
func TestReadAheadStopsAtClose(t *testing.T) {
	s, c, _ := aheadStore(t)
	s.ReadAhead(c.ID)
	a := s.ahead.Load()
	must(t, s.Close())
	<-a.done
	if s.ahead.Load() != nil {
		t.Error("the read ahead is kept after Close")
	}
}
