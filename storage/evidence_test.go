package storage

import (
	"context"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

func TestStudents(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	c := createMath(t, s)
	in := []continuum.Student{
		{ID: "S03", Name: "zoe", Group: "period 2"},
		{ID: "S01", Name: "Ada", Group: "Period 2", ExternalID: "X-1",
			StartingLevels: []continuum.StartingLevel{{Continuum: c.ID, Domain: "number", Level: "1"}}},
		{ID: "S02", Name: "Ada", Group: "Period 2"},
		{ID: " S04 ", Name: "Bob", Group: ""},
		{ID: "S05", Name: "Cy", Group: "Period 1"},
	}
	must(t, s.PutStudents(ctx, in...))
	must(t, s.Close())
	s = mustOpenDir(t, dir, Options{})

	got, err := s.Students(ctx)
	must(t, err)
	var ids []string
	for _, st := range got {
		ids = append(ids, st.ID)
	}
	// By group, then name, case-insensitively, then ID.
	if want := []string{"S04", "S05", "S01", "S02", "S03"}; !slices.Equal(ids, want) {
		t.Errorf("order = %v, want %v", ids, want)
	}
	ada, err := s.Student(ctx, "S01")
	must(t, err)
	want := in[1]
	want.StartingLevels = []continuum.StartingLevel{{Continuum: c.ID, Domain: "Number", Level: "1"}}
	if len(ada.UID) != 36 {
		t.Errorf("Student(S01).UID = %q, want one minted when the student was first saved", ada.UID)
	}
	want.UID = ada.UID // minted once, whatever it is
	if !reflect.DeepEqual(ada, want) {
		t.Errorf("Student(S01) = %+v, want %+v", ada, want)
	}
	// Replace by ID: the identity stays.
	must(t, s.PutStudents(ctx, continuum.Student{ID: "S01", Name: "Ada Lovelace", Group: "Period 2"}))
	if again, _ := s.Student(ctx, "S01"); again.Name != "Ada Lovelace" || again.ExternalID != "" || again.UID != ada.UID {
		t.Errorf("replaced student = %+v, want UID %s kept", again, ada.UID)
	}
	if _, err := s.Student(ctx, "S99"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("Student(S99) = %v, want ErrNotFound", err)
	}
}

func TestPutStudentsRefusals(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	cases := map[string]struct {
		students []continuum.Student
		kind     error
		text     string
	}{
		"no name":        {[]continuum.Student{{ID: "S01"}}, continuum.ErrInvalid, "no name"},
		"slash in ID":    {[]continuum.Student{{ID: "S/1", Name: "A"}}, continuum.ErrInvalid, "cannot be an ID"},
		"twice":          {[]continuum.Student{{ID: "S01", Name: "A"}, {ID: "S01", Name: "B"}}, continuum.ErrInvalid, "student 3 of 3: student S01 appears twice"},
		"unknown domain": {[]continuum.Student{{ID: "S01", Name: "A", StartingLevels: []continuum.StartingLevel{{Continuum: c.ID, Domain: "Art", Level: "1"}}}}, continuum.ErrInvalid, "not a domain"},
		"unknown level":  {[]continuum.Student{{ID: "S01", Name: "A", StartingLevels: []continuum.StartingLevel{{Continuum: c.ID, Domain: "Number", Level: "9"}}}}, continuum.ErrInvalid, "not a level"},
		"unknown continuum": {[]continuum.Student{{ID: "S01", Name: "A", StartingLevels: []continuum.StartingLevel{{Continuum: "nope", Domain: "Number", Level: "1"}}}},
			continuum.ErrNotFound, "no continuum"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			// A valid student first: nothing of the change may be stored.
			err := s.PutStudents(ctx, append([]continuum.Student{{ID: "OK", Name: "Fine"}}, tc.students...)...)
			if !errors.Is(err, tc.kind) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("err = %v, want %v mentioning %q", err, tc.kind, tc.text)
			}
		})
	}
	if st, _ := s.Students(ctx); len(st) != 0 {
		t.Errorf("refused changes stored %d students", len(st))
	}
}

func TestEvidenceRoundTripAndOrder(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(3)...))
	in := []continuum.Evidence{
		ev(c.ID, "S02", "NUM.K.1", "2026-09-20", 3),
		ev(c.ID, "S01", "num.k.1", "2026-09-20", 2), // code in another case
		ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 1),
		ev(c.ID, "S01", "GEO.K.1", "2026-09-20", 4),
		ev(c.ID, "S03", "GEO.2.1", "2026-09-01", 3),
	}
	in[1].Kind = "Performance task"
	in[1].Note = "Counting bears"
	in[1].Scorer = "MJ"
	added, err := s.AddEvidence(ctx, in...)
	must(t, err)
	for i, e := range added {
		if e.ID != uint64(i+1) || e.RecordedAt.IsZero() {
			t.Errorf("added[%d] ID %d RecordedAt %v", i, e.ID, e.RecordedAt)
		}
	}
	if added[1].Target != "NUM.K.1" || added[1].Kind != continuum.PerformanceTask {
		t.Errorf("not canonical: target %q kind %q", added[1].Target, added[1].Kind)
	}

	all, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	must(t, err)
	var order []uint64
	for _, e := range all {
		order = append(order, e.ID)
	}
	// S01: 09-14 (#3), 09-20 (#2, #4); S02: #1; S03: #5.
	if want := []uint64{3, 2, 4, 1, 5}; !slices.Equal(order, want) {
		t.Errorf("order = %v, want %v", order, want)
	}
	if !reflect.DeepEqual(all[1], added[1]) {
		t.Errorf("stored %+v\nadded  %+v", all[1], added[1])
	}

	byStudent, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: "S01"})
	byTarget, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Target: "num.k.1"})
	both, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: "S01", Target: "GEO.K.1"})
	if len(byStudent) != 3 || len(byTarget) != 3 || len(both) != 1 || both[0].ID != 4 {
		t.Errorf("filters: student %d, target %d, both %v", len(byStudent), len(byTarget), both)
	}
	if _, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: "nope"}); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("Evidence of an unknown continuum = %v, want ErrNotFound", err)
	}
	if _, err := s.Evidence(ctx, continuum.EvidenceFilter{}); !errors.Is(err, continuum.ErrInvalid) {
		t.Errorf("Evidence without a continuum = %v, want ErrInvalid", err)
	}
}

func TestAddEvidenceRefusals(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(1)...))
	good := ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3)
	noDate := good
	noDate.Date = continuum.Date{}
	cases := map[string]struct {
		bad   continuum.Evidence
		kind  error
		field string
		text  string
	}{
		"unknown student":   {ev(c.ID, "S77", "NUM.K.1", "2026-09-14", 3), continuum.ErrNotFound, "evidence.student", "S77"},
		"unknown target":    {ev(c.ID, "S01", "NUM.9.9", "2026-09-14", 3), continuum.ErrNotFound, "evidence.target", "NUM.9.9"},
		"unknown continuum": {ev("nope", "S01", "NUM.K.1", "2026-09-14", 3), continuum.ErrNotFound, "continuum", "nope"},
		"off the scale":     {ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 7), continuum.ErrInvalid, "evidence.score", "7"},
		"no date":           {noDate, continuum.ErrInvalid, "evidence.date", "missing"},
		"no continuum":      {ev("", "S01", "NUM.K.1", "2026-09-14", 3), continuum.ErrInvalid, "evidence.continuum", "empty"},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := s.AddEvidence(ctx, good, tc.bad)
			if !errors.Is(err, tc.kind) || continuum.ErrorField(err) != tc.field || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("err = %v (field %q), want %v on %s mentioning %q", err, continuum.ErrorField(err), tc.kind, tc.field, tc.text)
			}
			if !strings.HasPrefix(err.Error(), "add evidence: ") || !strings.Contains(continuum.ErrorMessage(err), "evidence 2 of 2") {
				t.Errorf("err = %q, want it to name the operation and the record", err)
			}
		})
	}
	if evs, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID}); len(evs) != 0 {
		t.Errorf("refused changes stored %d pieces of evidence", len(evs))
	}
	if got, err := s.AddEvidence(ctx); got != nil || err != nil {
		t.Errorf("AddEvidence() = %v, %v", got, err)
	}
}

func TestEvidenceIDsIncreaseAcrossReopen(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(1)...))
	var last uint64
	for round := range 3 {
		for range 3 {
			added, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3), ev(c.ID, "S01", "GEO.K.1", "2026-09-14", 2))
			must(t, err)
			for _, e := range added {
				if e.ID <= last {
					t.Fatalf("round %d: ID %d after %d", round, e.ID, last)
				}
				last = e.ID
			}
		}
		// Deleting the newest evidence does not free its ID.
		_, err := s.DeleteEvidence(ctx, last)
		must(t, err)
		must(t, s.Close())
		s = mustOpenDir(t, dir, Options{})
	}
	added, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3))
	must(t, err)
	if added[0].ID != last+1 {
		t.Errorf("ID after reopen = %d, want %d", added[0].ID, last+1)
	}
}

func TestUpdateAndDeleteEvidence(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(2)...))
	added, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 2), ev(c.ID, "S02", "NUM.K.1", "2026-09-14", 2))
	must(t, err)

	e := added[0]
	e.Continuum, e.Student = "", "" // may be left out
	e.Score, e.Note, e.Target = 4, "Rescored", "geo.k.1"
	e.RecordedAt = continuum.Date{}.Time()
	must(t, s.UpdateEvidence(ctx, e))
	got, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: "S01"})
	if len(got) != 1 || got[0].Score != 4 || got[0].Target != "GEO.K.1" || got[0].Note != "Rescored" || !got[0].RecordedAt.Equal(added[0].RecordedAt) {
		t.Errorf("updated = %+v", got)
	}
	moved := added[0]
	moved.Student = "S02"
	if err := s.UpdateEvidence(ctx, moved); !errors.Is(err, continuum.ErrInvalid) {
		t.Errorf("moving evidence to another student = %v, want ErrInvalid", err)
	}
	offScale := added[0]
	offScale.Score = 9
	if err := s.UpdateEvidence(ctx, offScale); !errors.Is(err, continuum.ErrInvalid) {
		t.Errorf("update off the scale = %v, want ErrInvalid", err)
	}
	if err := s.UpdateEvidence(ctx, continuum.Evidence{ID: 999}); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("update of unknown evidence = %v, want ErrNotFound", err)
	}

	removed, err := s.DeleteEvidence(ctx, added[1].ID)
	must(t, err)
	if removed.ID != added[1].ID || removed.Student != "S02" {
		t.Errorf("removed = %+v", removed)
	}
	if _, err := s.DeleteEvidence(ctx, added[1].ID); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("second delete = %v, want ErrNotFound", err)
	}
	assertIndexMatches(t, s)
}

func TestOverrides(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(2)...))
	o := continuum.Override{Continuum: c.ID, Student: "S02", Target: "num.k.1", Mastered: true,
		Reason: "Counted to 100 in the science project", Date: continuum.MustParseDate("2026-10-01"), By: "MJ"}
	must(t, s.PutOverride(ctx, o))
	must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: "S01", Target: "GEO.K.1", Reason: "Not yet", Date: continuum.MustParseDate("2026-10-01")}))
	o.Reason = "Counted to 100 twice"
	must(t, s.PutOverride(ctx, o)) // replaces

	all, err := s.Overrides(ctx, c.ID, "")
	must(t, err)
	if len(all) != 2 || all[0].Student != "S01" || all[1].Target != "NUM.K.1" || all[1].Reason != "Counted to 100 twice" {
		t.Errorf("overrides = %+v", all)
	}
	one, _ := s.Overrides(ctx, c.ID, "S02")
	if len(one) != 1 || one[0].Student != "S02" {
		t.Errorf("S02's overrides = %+v", one)
	}
	refusals := map[string]continuum.Override{
		"no reason":       {Continuum: c.ID, Student: "S01", Target: "NUM.K.1", Date: o.Date},
		"unknown target":  {Continuum: c.ID, Student: "S01", Target: "X.1", Reason: "r", Date: o.Date},
		"unknown student": {Continuum: c.ID, Student: "S9", Target: "NUM.K.1", Reason: "r", Date: o.Date},
	}
	for name, bad := range refusals {
		if err := s.PutOverride(ctx, bad); err == nil {
			t.Errorf("%s: PutOverride succeeded", name)
		}
	}
	must(t, s.DeleteOverride(ctx, c.ID, "S02", "NUM.K.1"))
	if err := s.DeleteOverride(ctx, c.ID, "S02", "NUM.K.1"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("second DeleteOverride = %v, want ErrNotFound", err)
	}
	if _, err := s.Overrides(ctx, "nope", ""); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("Overrides of an unknown continuum = %v, want ErrNotFound", err)
	}
}

func TestDeleteStudentCascades(t *testing.T) {
	s := mustOpen(t)
	math := createMath(t, s)
	sci := continuum.NewContinuum("Science", "1")
	sci.Domains = []continuum.Domain{{Name: "Life", Category: continuum.Academic}}
	must(t, s.CreateContinuum(ctx, &sci, []continuum.Target{{Code: "L.1", Statement: "I can name living things.", Domain: "Life", Level: "1"}}))
	must(t, s.PutStudents(ctx, roster(2)...))
	_, err := s.AddEvidence(ctx,
		ev(math.ID, "S01", "NUM.K.1", "2026-09-14", 3),
		ev(sci.ID, "S01", "L.1", "2026-09-14", 3),
		ev(math.ID, "S02", "NUM.K.1", "2026-09-14", 3),
	)
	must(t, err)
	must(t, s.PutOverride(ctx, continuum.Override{Continuum: sci.ID, Student: "S01", Target: "L.1", Mastered: true, Reason: "r", Date: continuum.MustParseDate("2026-09-20")}))

	must(t, s.DeleteStudent(ctx, "S01"))
	if _, err := s.Student(ctx, "S01"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("student still there: %v", err)
	}
	for _, cid := range []string{math.ID, sci.ID} {
		evs, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid, Student: "S01"})
		ovs, _ := s.Overrides(ctx, cid, "S01")
		if len(evs)+len(ovs) != 0 {
			t.Errorf("continuum %s keeps S01's evidence %v and overrides %v", cid, evs, ovs)
		}
	}
	if evs, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: math.ID}); len(evs) != 1 || evs[0].Student != "S02" {
		t.Errorf("other students' evidence touched: %+v", evs)
	}
	assertIndexMatches(t, s)
	if err := s.DeleteStudent(ctx, "S01"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("second DeleteStudent = %v, want ErrNotFound", err)
	}
}

// TestEvidenceOfAContinuumReadAhead: a continuum's whole evidence, read
// a chunk ahead of its decoding, is what reading it student by student
// gives, with and without a target; a damaged record is named, and a
// cancelled read stops.
func TestEvidenceOfAContinuumReadAhead(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	students := roster(30)
	must(t, s.PutStudents(ctx, students...))
	targets := []continuum.Target{{Code: "NUM.K.1"}, {Code: "GEO.K.1"}}
	fillEvidence(t, s, c.ID, students, targets, 300) // 9,000 pieces: more than two chunks
	for _, target := range []string{"", "geo.k.1"} {
		all, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Target: target})
		must(t, err)
		var each []continuum.Evidence
		for _, st := range students {
			one, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: st.ID, Target: target})
			must(t, err)
			each = append(each, one...)
		}
		slices.SortStableFunc(each, func(a, b continuum.Evidence) int { return strings.Compare(a.Student, b.Student) })
		if len(all) == 0 || !reflect.DeepEqual(all, each) {
			t.Errorf("target %q: the continuum's evidence read whole (%d pieces) differs from it read student by student (%d)", target, len(all), len(each))
		}
	}

	damaged := evidenceKey(c.ID, students[17].ID, 5000)
	must(t, s.db.Update(func(txn *badger.Txn) error { return txn.Set(damaged, []byte{formatCompact, 0xff}) }))
	_, err := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	if err == nil || !strings.Contains(err.Error(), printKey(damaged)) {
		t.Errorf("a damaged record read whole: %v, want an error naming %s", err, printKey(damaged))
	}
	must(t, s.db.Update(func(txn *badger.Txn) error { return txn.Delete(damaged) }))

	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := s.Evidence(cancelled, continuum.EvidenceFilter{Continuum: c.ID}); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled read = %v, want context.Canceled", err)
	}
}
