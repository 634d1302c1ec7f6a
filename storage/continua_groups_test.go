package storage

import (
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// Given a continuum whose targets sit in groups, UpdateContinuum replaces
// the groups, carries them along when their domain is renamed, and
// refuses to drop a group that a target still sits in.
func TestUpdateContinuumGroups(t *testing.T) {
	s := mustOpen(t)
	c, targets := mathContinuum()
	c.Groups = []continuum.Group{
		{Key: "counting", Name: "Counting", Domain: "Number"},
		{Key: "adding", Name: "Adding", Domain: "Number", Parent: "counting"},
	}
	targets[0].Group = "counting"
	targets[1].Group = "adding"
	must(t, s.CreateContinuum(ctx, &c, targets))

	t.Run("add and rename a group", func(t *testing.T) {
		groups := []continuum.Group{
			{Key: "counting", Name: "Counting and cardinality", Statement: "Know number names.", Domain: "Number"},
			{Key: "adding", Name: "Adding", Domain: "Number", Parent: "counting"},
			{Key: "shapes", Name: "Shapes", Domain: "Geometry"},
		}
		got, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Groups: &groups})
		must(t, err)
		if !reflect.DeepEqual(got.Groups, groups) {
			t.Errorf("groups = %+v, want %+v", got.Groups, groups)
		}
		stored, _ := s.Continuum(ctx, c.ID)
		if !reflect.DeepEqual(stored.Groups, groups) {
			t.Errorf("stored groups = %+v", stored.Groups)
		}
	})
	t.Run("a group in use cannot go", func(t *testing.T) {
		before, _ := s.Continuum(ctx, c.ID)
		groups := []continuum.Group{{Key: "counting", Name: "Counting", Domain: "Number"}}
		_, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Groups: &groups})
		if !errors.Is(err, continuum.ErrConflict) || continuum.ErrorField(err) != "continuum.groups" ||
			!strings.Contains(err.Error(), `group "adding"`) || !strings.Contains(err.Error(), "NUM.1.1") {
			t.Errorf("err = %v, want a conflict naming group adding and NUM.1.1", err)
		}
		if after, _ := s.Continuum(ctx, c.ID); !reflect.DeepEqual(before, after) {
			t.Error("a refused update changed the continuum")
		}
	})
	t.Run("an empty group can go", func(t *testing.T) {
		groups := []continuum.Group{
			{Key: "counting", Name: "Counting", Domain: "Number"},
			{Key: "adding", Name: "Adding", Domain: "Number", Parent: "counting"},
		}
		got, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Groups: &groups})
		must(t, err)
		if len(got.Groups) != 2 {
			t.Errorf("groups = %+v", got.Groups)
		}
	})
	t.Run("a group naming no domain is refused", func(t *testing.T) {
		groups := []continuum.Group{{Key: "x", Name: "X", Domain: "Algebra"}}
		_, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Groups: &groups})
		if !errors.Is(err, continuum.ErrInvalid) {
			t.Errorf("err = %v, want ErrInvalid", err)
		}
	})
	t.Run("renaming a domain carries its groups", func(t *testing.T) {
		got, err := s.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{RenameDomains: map[string]string{"number": "Number sense"}})
		must(t, err)
		for _, g := range got.Groups {
			if g.Domain != "Number sense" {
				t.Errorf("group %s stays in %q", g.Key, g.Domain)
			}
		}
		ts, _ := s.Targets(ctx, c.ID)
		for _, tg := range ts {
			if tg.Code == "NUM.1.1" && (tg.Domain != "Number sense" || tg.Group != "adding") {
				t.Errorf("NUM.1.1 = %+v", tg)
			}
		}
	})
}
