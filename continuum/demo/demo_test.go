package demo

import (
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

func TestClassroomIsRealistic(t *testing.T) {
	d := Classroom()
	g, err := d.Graph()
	if err != nil {
		t.Fatalf("demo continuum does not check: %v", err)
	}
	if len(d.Continuum.Domains) < 3 || len(d.Continuum.Levels) < 4 || len(g.Targets) < 30 {
		t.Errorf("demo has %d domains, %d levels, %d targets", len(d.Continuum.Domains), len(d.Continuum.Levels), len(g.Targets))
	}
	lifelong, withPrereqs, withDescriptors := 0, 0, 0
	for _, dom := range d.Continuum.Domains {
		if dom.Category == continuum.Lifelong {
			lifelong++
		}
	}
	for _, tg := range g.Targets {
		if len(tg.Prerequisites) > 0 {
			withPrereqs++
		}
		if len(tg.Descriptors) == len(d.Continuum.Scale.Points) {
			withDescriptors++
		}
	}
	if lifelong == 0 || withPrereqs < 20 || withDescriptors != len(g.Targets) {
		t.Errorf("lifelong domains %d, targets with prerequisites %d, with descriptors %d", lifelong, withPrereqs, withDescriptors)
	}
	groups := map[string]int{}
	for _, s := range d.Students {
		if err := s.Validate(); err != nil {
			t.Error(err)
		}
		groups[s.Group]++
	}
	if len(d.Students) != 28 || len(groups) != 2 {
		t.Errorf("%d students in %d groups", len(d.Students), len(groups))
	}
	if len(d.Evidence) < 600 {
		t.Errorf("only %d evidence records", len(d.Evidence))
	}
	first, last := d.Evidence[0].Date, d.Evidence[0].Date
	for _, e := range d.Evidence {
		if err := e.Validate(&d.Continuum); err != nil {
			t.Fatal(err)
		}
		if _, ok := g.Lookup(e.Target); !ok {
			t.Fatalf("evidence on unknown target %s", e.Target)
		}
		if e.Date.Before(first) {
			first = e.Date
		}
		if e.Date.After(last) {
			last = e.Date
		}
	}
	if last.DaysSince(first) < 60 {
		t.Errorf("evidence spans %s to %s: not a term", first, last)
	}
	if d.Continuum.Pacing == nil {
		t.Error("no pacing plan")
	}
	// The class is spread out: some students have secured Level 1 in
	// number, and not everyone is at the same working level.
	working := map[int]int{}
	secured := 0
	for _, sp := range g.ClassPositions(d.Class(), continuum.NewDate(2026, 11, 20)) {
		working[sp.Positions[0].Working]++
		if sp.Positions[0].Secured >= 0 {
			secured++
		}
	}
	if len(working) < 2 || secured == 0 || secured == len(d.Students) {
		t.Errorf("working levels %v, %d students secured a level", working, secured)
	}
}

func TestClassroomIsDeterministic(t *testing.T) {
	a, b := Classroom(), Classroom()
	if len(a.Evidence) != len(b.Evidence) || a.Evidence[len(a.Evidence)-1] != b.Evidence[len(b.Evidence)-1] {
		t.Error("two demo datasets differ")
	}
}

func TestGenerate(t *testing.T) {
	d := Generate("Big", Size{Students: 50, Targets: 120, Evidence: 3000, Levels: 12, Domains: 5})
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Targets) != 120 || len(d.Students) != 50 || len(d.Evidence) != 3000 {
		t.Errorf("generated %d targets, %d students, %d evidence", len(g.Targets), len(d.Students), len(d.Evidence))
	}
	levelsUsed := map[string]bool{}
	for _, tg := range g.Targets {
		levelsUsed[tg.Level] = true
	}
	if len(levelsUsed) != 12 {
		t.Errorf("targets on %d of 12 levels", len(levelsUsed))
	}
	for _, e := range d.Evidence {
		if err := e.Validate(&d.Continuum); err != nil {
			t.Fatal(err)
		}
	}
}

func TestClassroomFlexBlockPlacesEveryone(t *testing.T) {
	d := Classroom()
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Flex) != 1 || len(d.Flex[0].Offerings) < 4 {
		t.Fatalf("flex blocks %+v", d.Flex)
	}
	b := d.Flex[0]
	if err := b.Validate(g); err != nil {
		t.Fatal(err)
	}
	s := g.Suggest(b, g.ClassPositions(d.Class(), b.Date))
	used := map[string]int{}
	for _, p := range s.Placements {
		used[p.Assignment.Offering]++
	}
	if len(s.Unplaced) != 0 || len(used) < 4 {
		t.Errorf("unplaced %d, offerings used %v", len(s.Unplaced), used)
	}
}

func TestClassroomUnits(t *testing.T) {
	d := Classroom()
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Units) != 2 {
		t.Fatalf("%d units", len(d.Units))
	}
	class := g.ClassPositions(d.Class(), continuum.NewDate(2026, 11, 23))
	statuses := map[continuum.ReadinessStatus]int{}
	for _, u := range d.Units {
		if err := u.Validate(g); err != nil {
			t.Fatal(err)
		}
		for _, r := range g.UnitReadiness(u, class) {
			statuses[r.Status]++
		}
	}
	// The class is mixed: someone is ready for fractions, someone needs support.
	if statuses[continuum.Ready] == 0 || statuses[continuum.NeedsSupport] == 0 {
		t.Errorf("readiness across the demo units: %v", statuses)
	}
}
