package storage

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	badger "github.com/dgraph-io/badger/v4"
)

func codes(ts []continuum.Target) []string {
	out := make([]string, len(ts))
	for i, t := range ts {
		out[i] = t.Code
	}
	return out
}

func TestContinuumRoundTrip(t *testing.T) {
	dir := t.TempDir()
	s := mustOpenDir(t, dir, Options{})
	c, targets := mathContinuum()
	c.Description = "Grades K-2"
	c.Pacing = &continuum.PacingPlan{Start: continuum.MustParseDate("2026-09-01"),
		Checkpoints: []continuum.Checkpoint{{Date: continuum.MustParseDate("2027-01-15"), Level: "1"}}, Tolerance: 1}
	must(t, s.CreateContinuum(ctx, &c, targets))
	if c.ID == "" || c.CreatedAt.IsZero() || !c.UpdatedAt.Equal(c.CreatedAt) {
		t.Fatalf("CreateContinuum did not set ID and times: %+v", c)
	}
	must(t, s.Close())

	// Given a reopened store, when the continuum is read back, then it is
	// exactly what was stored.
	s = mustOpenDir(t, dir, Options{})
	got, err := s.Continuum(ctx, c.ID)
	must(t, err)
	if !reflect.DeepEqual(got, c) {
		t.Errorf("Continuum() =\n%+v\nwant\n%+v", got, c)
	}
	ts, err := s.Targets(ctx, c.ID)
	must(t, err)
	// Graph order: domain, level, order, code.
	if want := []string{"NUM.K.1", "NUM.1.1", "GEO.K.1", "GEO.2.1"}; !slices.Equal(codes(ts), want) {
		t.Errorf("Targets order = %v, want %v", codes(ts), want)
	}
	if ts[1].Prerequisites[0] != "NUM.K.1" {
		t.Errorf("prerequisite stored as %q, want the canonical code NUM.K.1", ts[1].Prerequisites[0])
	}
	if ts[3].Descriptor(3) != "Draws a cube with hidden edges." {
		t.Errorf("descriptor lost: %+v", ts[3])
	}
	g, err := s.Graph(ctx, c.ID)
	must(t, err)
	if _, ok := g.Target("num.1.1"); !ok {
		t.Error("Graph cannot find num.1.1")
	}
	for _, q := range []string{"mathematics", "  MATHEMATICS ", c.ID} {
		f, err := s.FindContinuum(ctx, q)
		if err != nil || f.ID != c.ID {
			t.Errorf("FindContinuum(%q) = %v, %v", q, f.ID, err)
		}
	}
	if _, err := s.FindContinuum(ctx, "Science"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("FindContinuum(Science) = %v, want ErrNotFound", err)
	}
	if _, err := s.Continuum(ctx, "nope"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("Continuum(nope) = %v, want ErrNotFound", err)
	}
	if _, err := s.Targets(ctx, "nope"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("Targets(nope) = %v, want ErrNotFound", err)
	}
}

func TestContinuaSortedByName(t *testing.T) {
	s := mustOpen(t)
	for _, n := range []string{"science", "Art", "mathematics", "Bio"} {
		c := continuum.NewContinuum(n, "1")
		must(t, s.CreateContinuum(ctx, &c, nil))
	}
	cs, err := s.Continua(ctx)
	must(t, err)
	var names []string
	for _, c := range cs {
		names = append(names, c.Name)
	}
	if want := []string{"Art", "Bio", "mathematics", "science"}; !slices.Equal(names, want) {
		t.Errorf("Continua names = %v, want %v", names, want)
	}
}

func TestCreateContinuumRefusals(t *testing.T) {
	s := mustOpen(t)
	createMath(t, s)
	t.Run("name in use, other case", func(t *testing.T) {
		c := continuum.NewContinuum(" MATHEMATICS ", "1")
		err := s.CreateContinuum(ctx, &c, nil)
		if !errors.Is(err, continuum.ErrConflict) || continuum.ErrorField(err) != "continuum.name" {
			t.Errorf("err = %v, want a name conflict", err)
		}
		if c.ID != "" {
			t.Error("a refused create changed its argument")
		}
	})
	t.Run("ID in use", func(t *testing.T) {
		cs, _ := s.Continua(ctx)
		c := continuum.NewContinuum("Other", "1")
		c.ID = cs[0].ID
		if err := s.CreateContinuum(ctx, &c, nil); !errors.Is(err, continuum.ErrConflict) {
			t.Errorf("err = %v, want ErrConflict", err)
		}
	})
	t.Run("ID with slash", func(t *testing.T) {
		c := continuum.NewContinuum("Other", "1")
		c.ID = "a/b"
		if err := s.CreateContinuum(ctx, &c, nil); !errors.Is(err, continuum.ErrInvalid) {
			t.Errorf("err = %v, want ErrInvalid", err)
		}
	})
	t.Run("invalid target", func(t *testing.T) {
		c, targets := mathContinuum()
		c.Name = "Math 2"
		targets[0].Level = "7"
		if err := s.CreateContinuum(ctx, &c, targets); !errors.Is(err, continuum.ErrInvalid) {
			t.Errorf("err = %v, want ErrInvalid", err)
		}
		if _, err := s.FindContinuum(ctx, "Math 2"); !errors.Is(err, continuum.ErrNotFound) {
			t.Errorf("a refused create stored the continuum: %v", err)
		}
	})
	cs, _ := s.Continua(ctx)
	if len(cs) != 1 {
		t.Errorf("%d continua after refusals, want 1", len(cs))
	}
}

func TestPutTargets(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)

	// Replace by code in another case, and add one.
	must(t, s.PutTargets(ctx, c.ID,
		continuum.Target{Code: "num.k.1", Statement: "I can count to 100.", Domain: "number", Level: "k", Order: 1},
		continuum.Target{Code: "NUM.2.1", Statement: "I can add within 100.", Domain: "Number", Level: "2", Order: 1, Prerequisites: []string{"NUM.1.1"}},
	))
	ts, err := s.Targets(ctx, c.ID)
	must(t, err)
	if want := []string{"num.k.1", "NUM.1.1", "NUM.2.1", "GEO.K.1", "GEO.2.1"}; !slices.Equal(codes(ts), want) {
		t.Errorf("codes = %v, want %v", codes(ts), want)
	}
	if ts[0].Statement != "I can count to 100." {
		t.Errorf("replaced target = %+v", ts[0])
	}
	must(t, s.PutTargets(ctx, c.ID)) // nothing to do

	before, _ := s.Targets(ctx, c.ID)
	refusals := map[string]struct {
		targets []continuum.Target
		kind    error
		text    string
	}{
		"cycle": {[]continuum.Target{
			{Code: "NUM.K.1", Statement: "Count", Domain: "Number", Level: "K", Prerequisites: []string{"NUM.2.1"}},
		}, continuum.ErrInvalid, "cycle"},
		"unknown prerequisite": {[]continuum.Target{
			{Code: "GEO.1.1", Statement: "Shapes", Domain: "Geometry", Level: "1", Prerequisites: []string{"GEO.9.9"}},
		}, continuum.ErrInvalid, "GEO.9.9"},
		"twice in one change": {[]continuum.Target{
			{Code: "GEO.1.1", Statement: "A", Domain: "Geometry", Level: "1"},
			{Code: "geo.1.1", Statement: "B", Domain: "Geometry", Level: "1"},
		}, continuum.ErrInvalid, "twice"},
		"unknown level": {[]continuum.Target{
			{Code: "GEO.1.1", Statement: "A", Domain: "Geometry", Level: "12"},
		}, continuum.ErrInvalid, "not a level"},
	}
	for name, tc := range refusals {
		t.Run(name, func(t *testing.T) {
			err := s.PutTargets(ctx, c.ID, tc.targets...)
			if !errors.Is(err, tc.kind) || !strings.Contains(err.Error(), tc.text) {
				t.Errorf("err = %v, want %v mentioning %q", err, tc.kind, tc.text)
			}
			after, _ := s.Targets(ctx, c.ID)
			if !reflect.DeepEqual(before, after) {
				t.Errorf("a refused PutTargets changed the targets:\n%v\n%v", codes(before), codes(after))
			}
		})
	}
	if err := s.PutTargets(ctx, "nope", ts[0]); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("PutTargets on an unknown continuum = %v, want ErrNotFound", err)
	}
}

func TestUpdateContinuum(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	other := continuum.NewContinuum("Science", "1")
	must(t, s.CreateContinuum(ctx, &other, nil))
	st := continuum.Student{ID: "S01", Name: "Ada", StartingLevels: []continuum.StartingLevel{
		{Continuum: c.ID, Domain: "number", Level: "1"},
		{Continuum: c.ID, Domain: "Geometry", Level: "k"},
	}}
	must(t, s.PutStudents(ctx, st))

	t.Run("rename continuum", func(t *testing.T) {
		got, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Name: ptr("Maths"), Description: ptr("New")})
		must(t, err)
		if got.Name != "Maths" || got.Description != "New" || !got.UpdatedAt.After(c.CreatedAt) {
			t.Errorf("updated = %+v", got)
		}
		if f, err := s.FindContinuum(ctx, "maths"); err != nil || f.ID != c.ID {
			t.Errorf("FindContinuum(maths) = %v, %v", f.ID, err)
		}
		if _, err := s.FindContinuum(ctx, "Mathematics"); !errors.Is(err, continuum.ErrNotFound) {
			t.Errorf("old name still found: %v", err)
		}
		// The old name is free again.
		n := continuum.NewContinuum("Mathematics", "1")
		must(t, s.CreateContinuum(ctx, &n, nil))
		must(t, s.DeleteContinuum(ctx, n.ID))
	})
	t.Run("rename to a name in use", func(t *testing.T) {
		_, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Name: ptr("SCIENCE")})
		if !errors.Is(err, continuum.ErrConflict) {
			t.Errorf("err = %v, want ErrConflict", err)
		}
		if got, _ := s.Continuum(ctx, c.ID); got.Name != "Maths" {
			t.Errorf("name = %q after a refused rename", got.Name)
		}
	})
	t.Run("rename a level and a domain", func(t *testing.T) {
		got, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{
			RenameLevels:  map[string]string{"k": "Kindergarten"},
			RenameDomains: map[string]string{"NUMBER": "Number sense"},
		})
		must(t, err)
		if !slices.Equal(got.Levels, []string{"Kindergarten", "1", "2"}) || got.Domains[0].Name != "Number sense" {
			t.Errorf("levels %v, domains %v", got.Levels, got.Domains)
		}
		ts, err := s.Targets(ctx, c.ID)
		must(t, err)
		for _, tg := range ts {
			if tg.Code == "NUM.K.1" && (tg.Level != "Kindergarten" || tg.Domain != "Number sense") {
				t.Errorf("NUM.K.1 not carried along: %+v", tg)
			}
			if tg.Code == "GEO.K.1" && (tg.Level != "Kindergarten" || tg.Domain != "Geometry") {
				t.Errorf("GEO.K.1 not carried along: %+v", tg)
			}
		}
		stGot, _ := s.Student(ctx, "S01")
		want := []continuum.StartingLevel{
			{Continuum: c.ID, Domain: "Number sense", Level: "1"},
			{Continuum: c.ID, Domain: "Geometry", Level: "Kindergarten"},
		}
		if !reflect.DeepEqual(stGot.StartingLevels, want) {
			t.Errorf("starting levels = %+v, want %+v", stGot.StartingLevels, want)
		}
	})
	t.Run("replace levels with a rename", func(t *testing.T) {
		_, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{
			Levels:       &[]string{"K", "1", "2", "3"},
			RenameLevels: map[string]string{"Kindergarten": "K"},
		})
		must(t, err)
		g, _ := s.Graph(ctx, c.ID)
		if tg, _ := g.Target("GEO.K.1"); tg.Level != "K" {
			t.Errorf("GEO.K.1 level = %q", tg.Level)
		}
	})
	t.Run("remove a level in use", func(t *testing.T) {
		before, _ := s.Continuum(ctx, c.ID)
		_, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Levels: &[]string{"K", "1", "3"}})
		if !errors.Is(err, continuum.ErrConflict) || !strings.Contains(err.Error(), `level "2"`) || !strings.Contains(err.Error(), "GEO.2.1") {
			t.Errorf("err = %v, want a conflict naming level 2 and GEO.2.1", err)
		}
		after, _ := s.Continuum(ctx, c.ID)
		if !reflect.DeepEqual(before, after) {
			t.Error("a refused update changed the continuum")
		}
		// An unused level can go.
		_, err = s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Levels: &[]string{"K", "1", "2"}})
		must(t, err)
	})
	t.Run("remove a domain in use", func(t *testing.T) {
		_, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Domains: &[]continuum.Domain{{Name: "Geometry", Category: continuum.Academic}}})
		if !errors.Is(err, continuum.ErrConflict) || !strings.Contains(err.Error(), "Number sense") {
			t.Errorf("err = %v, want a conflict naming the domain", err)
		}
	})
	t.Run("rename an unknown level", func(t *testing.T) {
		_, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{RenameLevels: map[string]string{"Z": "Y"}})
		if !errors.Is(err, continuum.ErrNotFound) {
			t.Errorf("err = %v, want ErrNotFound", err)
		}
	})
	t.Run("scale dropping a point in use", func(t *testing.T) {
		_, err := s.AddEvidence(ctx, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 4))
		must(t, err)
		three := continuum.Scale{Points: []continuum.ScalePoint{{Value: 1, Label: "Not yet"}, {Value: 2, Label: "Almost"}, {Value: 3, Label: "Yes"}}, Cut: 3}
		_, err = s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Scale: &three})
		if !errors.Is(err, continuum.ErrConflict) || !strings.Contains(err.Error(), "1 piece of evidence") {
			t.Errorf("err = %v, want a conflict about 1 piece of evidence", err)
		}
		// Relabelling keeps the points: allowed.
		relabel := continuum.DefaultScale()
		relabel.Points[3].Label = "Exceeding"
		got, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Scale: &relabel})
		must(t, err)
		if got.Scale.Points[3].Label != "Exceeding" {
			t.Errorf("scale = %+v", got.Scale)
		}
	})
	t.Run("invalid method", func(t *testing.T) {
		_, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Method: &continuum.Method{Kind: "median"}})
		if !errors.Is(err, continuum.ErrInvalid) {
			t.Errorf("err = %v, want ErrInvalid", err)
		}
	})
	if _, err := s.UpdateContinuum(ctx, "nope", continuum.ContinuumUpdate{}); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("update of an unknown continuum = %v, want ErrNotFound", err)
	}
}

func TestUpdateContinuumRenamesPacingLevels(t *testing.T) {
	s := mustOpen(t)
	c, targets := mathContinuum()
	c.Pacing = &continuum.PacingPlan{Start: continuum.MustParseDate("2026-09-01"),
		Checkpoints: []continuum.Checkpoint{{Date: continuum.MustParseDate("2027-01-15"), Level: "1"}}}
	must(t, s.CreateContinuum(ctx, &c, targets))
	got, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{RenameLevels: map[string]string{"1": "Grade 1"}})
	must(t, err)
	if got.Pacing.Checkpoints[0].Level != "Grade 1" {
		t.Errorf("checkpoint level = %q", got.Pacing.Checkpoints[0].Level)
	}
	got, err = s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{ClearPacing: true})
	must(t, err)
	if got.Pacing != nil {
		t.Error("pacing not cleared")
	}
}

func TestDeleteTargetCascades(t *testing.T) {
	s := mustOpen(t)
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(2)...))
	added, err := s.AddEvidence(ctx,
		ev(c.ID, "S01", "GEO.K.1", "2026-09-14", 3),
		ev(c.ID, "S02", "geo.k.1", "2026-09-15", 2),
		ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3),
	)
	must(t, err)
	for _, sid := range []string{"S01", "S02"} {
		must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: sid, Target: "GEO.K.1", Mastered: true, Reason: "Seen in class", Date: continuum.MustParseDate("2026-09-20")}))
	}
	must(t, s.PutOverride(ctx, continuum.Override{Continuum: c.ID, Student: "S01", Target: "NUM.K.1", Mastered: true, Reason: "Seen", Date: continuum.MustParseDate("2026-09-20")}))

	// A prerequisite of another target cannot go.
	err = s.DeleteTarget(ctx, c.ID, "num.k.1")
	if !errors.Is(err, continuum.ErrConflict) || !strings.Contains(err.Error(), "NUM.1.1") {
		t.Errorf("deleting a prerequisite = %v, want a conflict naming NUM.1.1", err)
	}
	if err := s.DeleteTarget(ctx, c.ID, "NOPE"); !errors.Is(err, continuum.ErrNotFound) {
		t.Errorf("deleting an unknown target = %v, want ErrNotFound", err)
	}

	must(t, s.DeleteTarget(ctx, c.ID, "geo.K.1"))
	ts, _ := s.Targets(ctx, c.ID)
	if slices.Contains(codes(ts), "GEO.K.1") {
		t.Error("target still there")
	}
	evs, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
	if len(evs) != 1 || evs[0].Target != "NUM.K.1" {
		t.Errorf("evidence left = %+v, want only NUM.K.1's", evs)
	}
	ovs, _ := s.Overrides(ctx, c.ID, "")
	if len(ovs) != 1 || ovs[0].Target != "NUM.K.1" {
		t.Errorf("overrides left = %+v", ovs)
	}
	for _, e := range added[:2] {
		if _, err := s.DeleteEvidence(ctx, e.ID); !errors.Is(err, continuum.ErrNotFound) {
			t.Errorf("index entry of evidence %d survived: %v", e.ID, err)
		}
	}
	assertIndexMatches(t, s)
}

// assertIndexMatches checks that the runs of x/e cover exactly the pieces
// of evidence, each once, each pointing at its piece.
func assertIndexMatches(t *testing.T, s *Store) {
	t.Helper()
	must(t, s.db.View(func(txn *badger.Txn) error {
		evidence := map[uint64]string{}
		err := scan(ctx, txn, []byte(prefixEvidence), false, func(item *badger.Item) error {
			cid, sid, id, ok := parseEvidenceKey(item.Key())
			if !ok {
				t.Errorf("bad evidence key %q", item.Key())
			}
			evidence[id] = cid + "/" + sid
			return nil
		})
		if err != nil {
			return err
		}
		index := map[uint64]string{}
		err = scan(ctx, txn, []byte(prefixEvidenceByID), true, func(item *badger.Item) error {
			v, _ := item.ValueCopy(nil)
			cid, sid, n, ok := parseEvidenceIndexValue(v)
			if !ok {
				t.Errorf("bad evidence index value %q", v)
			}
			for id := decodeID(item.Key()); n > 0; id, n = id+1, n-1 {
				if was, dup := index[id]; dup {
					t.Errorf("evidence %d is in two runs (%s and %s/%s)", id, was, cid, sid)
				}
				index[id] = cid + "/" + sid
			}
			return nil
		})
		if !reflect.DeepEqual(evidence, index) {
			t.Errorf("evidence index out of step:\nevidence %v\nindex    %v", evidence, index)
		}
		return err
	}))
}

func decodeID(key []byte) uint64 {
	var id uint64
	for _, b := range key[len(key)-8:] {
		id = id<<8 | uint64(b)
	}
	return id
}

func TestTooLargeChangeIsRefusedWhole(t *testing.T) {
	s := mustOpenDir(t, t.TempDir(), Options{MemTableSize: 1 << 20}) // about 157 KB per change
	c := createMath(t, s)
	must(t, s.PutStudents(ctx, roster(1)...))
	var many []continuum.Evidence
	for range 3000 {
		many = append(many, ev(c.ID, "S01", "NUM.K.1", "2026-09-14", 3))
	}
	_, err := s.AddEvidence(ctx, many...)
	if !errors.Is(err, ErrTooLarge) || !errors.Is(err, continuum.ErrInvalid) {
		t.Fatalf("AddEvidence of 3,000 with a 1 MiB memtable = %v, want ErrTooLarge", err)
	}
	for _, want := range []string{"3,000 pieces of evidence", "6,001 records", "nothing was saved"} {
		if !strings.Contains(continuum.ErrorMessage(err), want) {
			t.Errorf("message %q does not say %q", continuum.ErrorMessage(err), want)
		}
	}
	if evs, _ := s.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID}); len(evs) != 0 {
		t.Errorf("%d pieces of evidence stored by a refused change", len(evs))
	}
	// The counter did not move either.
	added, err := s.AddEvidence(ctx, many[0])
	must(t, err)
	if added[0].ID != 1 {
		t.Errorf("first ID after a refused change = %d, want 1", added[0].ID)
	}
}

// TestDefaultChangeCapacity checks the laptop memtable holds the changes a
// teacher makes at once: 400 targets with descriptors, or 2,000 pieces of
// evidence.
func TestDefaultChangeCapacity(t *testing.T) {
	s := mustOpen(t)
	c, targets := realisticContinuum()
	must(t, s.CreateContinuum(ctx, &c, nil))
	extra := slices.Clone(targets)
	for i := range 100 {
		tg := targets[i]
		tg.Code += "b"
		tg.Prerequisites = nil
		extra = append(extra, tg)
	}
	must(t, s.PutTargets(ctx, c.ID, extra...))
	must(t, s.PutStudents(ctx, roster(28)...))
	var many []continuum.Evidence
	for i := range 2000 {
		e := ev(c.ID, roster(28)[i%28].ID, targets[i%300].Code, "2026-10-01", float64(1+i%4))
		e.Note = "Quiz on the week's work, second attempt after reteaching"
		e.Scorer = "MJ"
		many = append(many, e)
	}
	_, err := s.AddEvidence(ctx, many...)
	must(t, err)
}
