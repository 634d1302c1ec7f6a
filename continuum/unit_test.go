package continuum

import (
	"slices"
	"testing"
)

func unitClass(t *testing.T, g *Graph, students map[string][]Evidence, overrides []Override) []StudentPositions {
	t.Helper()
	var class Class
	for _, id := range []string{"S1", "S2", "S3", "S4", "S5"} {
		if ev, ok := students[id]; ok {
			class.Students = append(class.Students, Student{ID: id, Name: "Student " + id})
			class.Evidence = append(class.Evidence, ev...)
		}
	}
	class.Overrides = overrides
	return g.ClassPositions(class, NewDate(2026, 10, 1))
}

func scored(student string, pairs ...any) []Evidence {
	var out []Evidence
	for k := 0; k < len(pairs); k += 2 {
		out = append(out, Evidence{ID: uint64(k + 1), Continuum: "c1", Student: student, Target: pairs[k].(string), Date: NewDate(2026, 9, 1+k), Score: float64(pairs[k+1].(int))})
	}
	return out
}

func TestUnitReadiness(t *testing.T) {
	g := fixture(t)
	level3 := Unit{ID: "u3", Title: "Number, level 3", Start: NewDate(2026, 10, 5), End: NewDate(2026, 10, 30), Targets: []string{"N3a"}}
	if err := level3.Validate(g); err != nil {
		t.Fatal(err)
	}
	// N3a needs N2a, which needs N1a: a chain two deep.
	class := unitClass(t, g, map[string][]Evidence{
		"S1": scored("S1", "N1a", 3, "N2a", 3),
		"S2": scored("S2", "N1a", 1, "N2a", 4),
		"S3": nil,
		"S4": scored("S4", "N1b", 3),
		"S5": scored("S5", "N1a", 3),
	}, []Override{
		{Continuum: "c1", Student: "S4", Target: "N1a", Mastered: true, Reason: "Placement test", Date: NewDate(2026, 9, 20)},
		{Continuum: "c1", Student: "S4", Target: "N2a", Mastered: true, Reason: "Placement test", Date: NewDate(2026, 9, 20)},
		{Continuum: "c1", Student: "S5", Target: "N2a", Mastered: false, Reason: "Copied the answers", Date: NewDate(2026, 9, 20)},
	})
	got := g.UnitReadiness(level3, class)
	want := []struct {
		status  ReadinessStatus
		missing []string
	}{
		{Ready, nil},                                  // S1: both mastered
		{NeedsSupport, []string{"N1a"}},               // S2: the deeper prerequisite is missing
		{NoReadinessEvidence, []string{"N1a", "N2a"}}, // S3: nothing known
		{Ready, nil},                                  // S4: overrides count
		{NeedsSupport, []string{"N2a"}},               // S5: an override says not yet
	}
	for k, w := range want {
		if got[k].Status != w.status || !slices.Equal(got[k].Missing, w.missing) {
			t.Errorf("%s: %s %v, want %s %v", got[k].Student.ID, got[k].Status, got[k].Missing, w.status, w.missing)
		}
	}

	// A unit whose target has no prerequisites is ready for everyone.
	free := Unit{ID: "u1", Title: "Starting out", Start: NewDate(2026, 9, 1), End: NewDate(2026, 9, 20), Targets: []string{"N1b"}}
	for _, r := range g.UnitReadiness(free, class) {
		if r.Status != Ready {
			t.Errorf("%s: %s for a unit with no prerequisites", r.Student.ID, r.Status)
		}
	}
	// A unit that teaches N2a itself relies only on N1a.
	both := Unit{ID: "u2", Title: "Two levels", Start: NewDate(2026, 9, 1), End: NewDate(2026, 9, 20), Targets: []string{"N2a", "N3a"}}
	var pre []string
	for _, i := range g.Prerequisites(both) {
		pre = append(pre, g.Targets[i].Code)
	}
	if !slices.Equal(pre, []string{"N1a"}) {
		t.Errorf("prerequisites of a unit teaching N2a and N3a: %v", pre)
	}

	b := g.SupportBlock(level3, got, "before-u3", NewDate(2026, 10, 2), "Flex")
	if err := b.Validate(g); err != nil {
		t.Fatal(err)
	}
	if len(b.Offerings) != 2 || b.Offerings[0].Focus[0] != "N1a" || b.Offerings[0].Capacity != 1 || len(b.Assignments) != 2 {
		t.Fatalf("support block %+v", b)
	}
	if a := b.Assignments[0]; a.Student != "S2" || a.Tier != TierPriority || a.Reason != "Needs N1a before Number, level 3" {
		t.Errorf("assignment %+v", a)
	}
}

func TestUnitValidate(t *testing.T) {
	g := fixture(t)
	good := Unit{ID: "u", Title: "Fractions", Start: NewDate(2026, 10, 1), End: NewDate(2026, 10, 30), Targets: []string{"N2a", "N2b"},
		Experiences: []Experience{{Title: "Strips", Kind: "practice", Targets: []string{"N2a"}}},
		Checkpoints: []UnitCheckpoint{{Target: "N2a", Date: NewDate(2026, 10, 20), Kind: Summative}}}
	if err := good.Validate(g); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		edit  func(u *Unit)
		field string
	}{
		{"no title", func(u *Unit) { u.Title = "" }, "unit.title"},
		{"ends before it starts", func(u *Unit) { u.End = NewDate(2026, 9, 1) }, "unit.dates"},
		{"no targets", func(u *Unit) { u.Targets = nil }, "unit.targets"},
		{"unknown target", func(u *Unit) { u.Targets = []string{"ZZ"} }, "unit.targets"},
		{"experience outside the unit", func(u *Unit) { u.Experiences[0].Targets = []string{"N3a"} }, "unit.experiences"},
		{"checkpoint outside the unit", func(u *Unit) { u.Checkpoints[0].Target = "H1" }, "unit.checkpoints"},
	}
	for _, tt := range tests {
		u := good
		u.Experiences = slices.Clone(good.Experiences)
		u.Experiences[0].Targets = slices.Clone(good.Experiences[0].Targets)
		u.Checkpoints = slices.Clone(good.Checkpoints)
		tt.edit(&u)
		if got := ErrorField(u.Validate(g)); got != tt.field {
			t.Errorf("%s: field %q, want %q", tt.name, got, tt.field)
		}
	}
}

func TestPaceFromUnits(t *testing.T) {
	g := fixture(t).WithUnits([]Unit{
		{ID: "a", Title: "Level 1", Start: NewDate(2026, 9, 1), End: NewDate(2026, 9, 30), Targets: []string{"N1a", "N1b"}},
		{ID: "b", Title: "Level 2", Start: NewDate(2026, 10, 1), End: NewDate(2026, 10, 31), Targets: []string{"N2a", "N2b"}},
	})
	tests := []struct {
		on       Date
		mastered []string
		want     Pace
	}{
		{NewDate(2026, 8, 20), nil, Pace{OnPace, 0, 0, 0}},
		// half of unit a: 2 × 15/30 = 1 expected
		{NewDate(2026, 9, 15), nil, Pace{OnPace, 1, 0, -1}},
		// unit a over, unit b just begun: 2 + 2 × 1/31 = 2.06 → 2
		{NewDate(2026, 10, 1), []string{"N1a"}, Pace{OnPace, 2, 1, -1}},
		// both over: 4 expected
		{NewDate(2026, 11, 5), []string{"N1a", "N1b"}, Pace{Behind, 4, 2, -2}},
		{NewDate(2026, 11, 5), []string{"N1a", "N1b", "N2a", "N2b", "N3a", "N4a"}, Pace{Ahead, 4, 6, 2}},
	}
	for _, tt := range tests {
		st := &Student{ID: "S1"}
		var ev []Evidence
		for i, c := range tt.mastered {
			ev = append(ev, Evidence{ID: uint64(i + 1), Continuum: "c1", Student: "S1", Target: c, Date: NewDate(2026, 9, 2), Score: 3})
		}
		got := g.Positions(st, g.StudentMastery(st, ev, nil), tt.on)[0].Pace
		if got != tt.want {
			t.Errorf("on %s with %v: %+v, want %+v", tt.on, tt.mastered, got, tt.want)
		}
	}
	// Habits, which no unit teaches, have no pace without a pacing plan,
	// and keep the plan's pace with one.
	st := &Student{ID: "S1"}
	if p := g.Positions(st, g.StudentMastery(st, nil, nil), NewDate(2026, 11, 5))[1].Pace; p.Status != NoPlan {
		t.Errorf("habits pace without a plan %+v", p)
	}
	c := g.Continuum
	c.Pacing = &PacingPlan{Start: NewDate(2026, 9, 1), Checkpoints: []Checkpoint{{NewDate(2026, 10, 1), "L2"}}}
	planned, err := NewGraph(c, g.Targets)
	if err != nil {
		t.Fatal(err)
	}
	planned = planned.WithUnits([]Unit{{ID: "a", Title: "Level 1", Start: NewDate(2026, 9, 1), End: NewDate(2026, 9, 30), Targets: []string{"N1a", "N1b"}}})
	ps := planned.Positions(st, planned.StudentMastery(st, nil, nil), NewDate(2026, 11, 5))
	if ps[1].Pace.Expected != 2 || ps[0].Pace.Expected != 2 {
		t.Errorf("number by units %+v, habits by the plan %+v", ps[0].Pace, ps[1].Pace)
	}
}

func TestUnitProgressAndCheckpoints(t *testing.T) {
	g := fixture(t)
	u := Unit{ID: "u", Title: "Fractions", Start: NewDate(2026, 10, 1), End: NewDate(2026, 10, 30), Targets: []string{"N2a", "N2b"},
		Checkpoints: []UnitCheckpoint{
			{Target: "N2a", Date: NewDate(2026, 10, 10), Kind: Formative},
			{Target: "N2b", Date: NewDate(2026, 10, 12), Kind: Formative},
			{Target: "N2a", Date: NewDate(2026, 10, 20), Kind: Summative},
			{Target: "N2b", Date: NewDate(2026, 10, 29), Kind: Summative},
		}}
	students := []Student{{ID: "S1", Name: "Ana"}, {ID: "S2", Name: "Ben"}}
	evidence := []Evidence{
		{ID: 1, Student: "S1", Target: "N2a", Date: NewDate(2026, 10, 9), Score: 3},
		{ID: 2, Student: "S2", Target: "N2a", Date: NewDate(2026, 10, 9), Score: 2},
		{ID: 3, Student: "S1", Target: "N2b", Date: NewDate(2026, 9, 9), Score: 4}, // before the unit
	}
	class := g.ClassPositions(Class{Students: students, Evidence: evidence}, NewDate(2026, 10, 15))
	progress := g.UnitProgress(u, class)
	if progress[0].Target != "N2a" || progress[0].Mastered != 1 || progress[0].Share() != 0.5 || len(progress[0].NoEvidence) != 0 {
		t.Errorf("N2a progress %+v", progress[0])
	}
	if progress[1].Mastered != 1 || len(progress[1].NoEvidence) != 1 || progress[1].NoEvidence[0].ID != "S2" {
		t.Errorf("N2b progress %+v", progress[1])
	}
	states := g.CheckpointStates(u, students, evidence, NewDate(2026, 10, 15))
	want := []CheckpointState{Done, Overdue, Due, Upcoming}
	for k, s := range states {
		if s.State != want[k] {
			t.Errorf("checkpoint %d (%s %s): %s, want %s", k, s.Checkpoint.Target, s.Checkpoint.Date, s.State, want[k])
		}
	}
	if !slices.Equal(states[1].Missing, []string{"S1", "S2"}) {
		t.Errorf("missing on N2b since the unit started: %v", states[1].Missing)
	}
}
