package continuum

import (
	"slices"
	"strings"
	"testing"
)

// mergePlansFixture is mergeFixture with a unit and a flex block.
func mergePlansFixture() Snapshot {
	s := mergeFixture()
	s.Units = []Unit{{
		ID: "matter", Continuum: "sci", Title: "States of matter", Order: 1,
		Start: MustParseDate("2026-09-07"), End: MustParseDate("2026-10-02"),
		Targets:     []string{"M.1", "M.2"},
		Experiences: []Experience{{Title: "Ice lab", Kind: "practice", Targets: []string{"M.2"}}},
		Checkpoints: []UnitCheckpoint{{Target: "M.2", Date: MustParseDate("2026-09-30"), Kind: Summative}},
	}}
	yes := true
	s.Flex = []FlexBlock{{
		ID: "wk2", Continuum: "sci", Date: MustParseDate("2026-09-14"), Slot: "Flex", Minutes: 30,
		Offerings: []Offering{
			{ID: "sort", Title: "Sorting again", Kind: Reteach, Capacity: 4, Focus: []string{"M.1"}},
			{ID: "open", Title: "Open study", Kind: OpenStudy, Capacity: 10},
		},
		Assignments: []Assignment{{Student: "S1", Offering: "sort", Tier: TierRequired, Reason: "Gap", Attended: &yes}},
	}}
	return s
}

// Given a store without the continuum, when a snapshot with a unit and a
// block is merged, then both are added, with the continuum's ID.
func TestMergePlansIntoEmptyStore(t *testing.T) {
	in := mergePlansFixture()
	p := PlanMerge(nil, nil, in)
	if p.Counts[SectionUnits][Added] != 1 || p.Counts[SectionFlex][Added] != 1 {
		t.Fatalf("counts %v", p.Counts)
	}
	ch, err := p.Change(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Units) != 1 || len(ch.Flex) != 1 || ch.Units[0].Continuum != ch.Continuum.ID || ch.Flex[0].Continuum != ch.Continuum.ID {
		t.Errorf("change units %+v flex %+v", ch.Units, ch.Flex)
	}
}

// Given the same unit and block stored, when merged again (codes in other
// capitals, the block's ID in other capitals), then nothing changes.
func TestMergePlansUnchanged(t *testing.T) {
	mine := mergePlansFixture()
	in := mergePlansFixture()
	in.Units[0].Targets = []string{"m.1", "M.2"}
	in.Flex[0].ID = "WK2"
	in.Flex[0].Offerings[0].Focus = []string{"m.1"}
	p := PlanMerge(&mine, mine.Students, in)
	if p.Counts[SectionUnits][Unchanged] != 1 || p.Counts[SectionFlex][Unchanged] != 1 || len(p.Conflicts) != 0 {
		t.Fatalf("counts %v conflicts %+v", p.Counts, p.Conflicts)
	}
	ch, err := p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Units)+len(ch.Flex) != 0 {
		t.Errorf("an unchanged merge writes %d units and %d blocks", len(ch.Units), len(ch.Flex))
	}
}

// Given a unit and a block defined differently, when merged, then each is
// a conflict naming the fields; keeping mine writes nothing, taking theirs
// writes theirs under the stored ID.
func TestMergePlansConflicts(t *testing.T) {
	mine := mergePlansFixture()
	in := mergePlansFixture()
	in.Units[0].ID = "their-matter" // matched by title
	in.Units[0].End = MustParseDate("2026-10-09")
	in.Units[0].Supports = "Word wall"
	in.Flex[0].Offerings[0].Capacity = 6
	in.Flex[0].Assignments[0].Outcome = "Got it"
	p := PlanMerge(&mine, mine.Students, in)
	if p.Counts[SectionUnits][Conflicting] != 1 || p.Counts[SectionFlex][Conflicting] != 1 || len(p.Conflicts) != 2 {
		t.Fatalf("counts %v conflicts %+v", p.Counts, p.Conflicts)
	}
	for _, c := range p.Conflicts {
		var want []string
		switch c.Section {
		case SectionUnits:
			want = []string{"dates", "supports"}
			if c.Theirs.(Unit).ID != "matter" {
				t.Errorf("theirs keeps ID %q, want the stored one", c.Theirs.(Unit).ID)
			}
		case SectionFlex:
			want = []string{"offerings", "assignments"}
		}
		if !slices.Equal(c.Fields, want) {
			t.Errorf("%s %s differs in %v, want %v", c.Section, c.Key, c.Fields, want)
		}
	}
	ch, err := p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Units)+len(ch.Flex) != 0 {
		t.Error("keeping mine writes something")
	}
	for i := range p.Conflicts {
		p.Resolve(i, TakeTheirs)
	}
	ch, err = p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Units) != 1 || ch.Units[0].ID != "matter" || ch.Units[0].Supports != "Word wall" || len(ch.Flex) != 1 || ch.Flex[0].Offerings[0].Capacity != 6 {
		t.Errorf("taking theirs writes %+v and %+v", ch.Units, ch.Flex)
	}
}

// Given units and blocks that name unknown targets or students, or a block
// placing a student twice, when merged, then each is refused with the
// reason, and the rest still merges (a unit under another ID with a stored
// title is that unit, here changed).
func TestMergePlansRefusals(t *testing.T) {
	mine := mergePlansFixture()
	in := mergePlansFixture()
	in.Units = append(in.Units,
		Unit{ID: "ghost", Title: "Ghost", Start: MustParseDate("2026-10-05"), End: MustParseDate("2026-10-30"), Targets: []string{"Z.9"}},
		Unit{ID: "matter2", Title: "Gases", Start: MustParseDate("2026-10-05"), End: MustParseDate("2026-10-30"), Targets: []string{"M.2"}},
	)
	in.Units[2].ID = "x"
	in.Units[2].Title = "states of matter" // another ID, the stored title: the same unit, changed
	in.Flex = append(in.Flex,
		FlexBlock{ID: "wk3", Date: MustParseDate("2026-09-21"), Slot: "Flex", Offerings: []Offering{{ID: "a", Title: "A", Kind: Practice, Capacity: 2}},
			Assignments: []Assignment{{Student: "S9", Offering: "a"}}},
		FlexBlock{ID: "wk4", Date: MustParseDate("2026-09-28"), Slot: "Flex", Offerings: []Offering{{ID: "a", Title: "A", Kind: Practice, Capacity: 2, Focus: []string{"Q.1"}}}},
		FlexBlock{ID: "wk5", Date: MustParseDate("2026-10-05"), Slot: "Flex", Offerings: []Offering{{ID: "a", Title: "A", Kind: Practice, Capacity: 2}},
			Assignments: []Assignment{{Student: "S1", Offering: "a"}, {Student: "S1", Offering: "a"}}},
	)
	p := PlanMerge(&mine, mine.Students, in)
	reasons := map[string]string{}
	for _, r := range p.Refusals {
		reasons[r.Section+" "+r.Key] = r.Reason
	}
	for key, want := range map[string]string{
		"Units Ghost": "Z.9 is not a target of Science",
		"Flex wk3":    "student S9 is neither in the store nor in the workbook",
		"Flex wk4":    "focuses on Q.1, which is not a target of Science",
		"Flex wk5":    "student S1 is placed twice",
	} {
		if !strings.Contains(reasons[key], want) {
			t.Errorf("%s refused for %q, want %q (refusals %v)", key, reasons[key], want, p.Refusals)
		}
	}
	if p.Counts[SectionUnits][Unchanged] != 1 || p.Counts[SectionUnits][Conflicting] != 1 || p.Counts[SectionFlex][Unchanged] != 1 {
		t.Errorf("counts %v", p.Counts)
	}
}

// Given a unit whose experience builds a target the unit does not teach,
// when the plan's change is made, then it is refused naming the unit.
func TestMergePlansCheckedAsAWhole(t *testing.T) {
	in := mergePlansFixture()
	in.Units[0].Targets = []string{"M.1"}
	p := PlanMerge(nil, nil, in)
	if _, err := p.Change(nil); err == nil || !strings.Contains(err.Error(), "does not teach") {
		t.Errorf("Change = %v, want the unit refused", err)
	}
}
