package continuum

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// mergeFixture is a stored continuum with two targets, two students, three
// pieces of evidence and an override.
func mergeFixture() Snapshot {
	c := NewContinuum("Science", "1", "2")
	c.ID = "sci"
	c.Domains = []Domain{{Name: "Matter", Category: Academic}}
	return Snapshot{
		Continuum: c,
		Targets: []Target{
			{Code: "M.1", Statement: "I can sort materials by property.", Domain: "Matter", Level: "1", Order: 1},
			{Code: "M.2", Statement: "I can explain a change of state.", Domain: "Matter", Level: "2", Order: 1, Prerequisites: []string{"M.1"}},
		},
		Students: []Student{
			{ID: "S1", Name: "Ana", Group: "P2", ExternalID: "X-100"},
			{ID: "S2", Name: "Ben", Group: "P2"},
		},
		Evidence: []Evidence{
			{ID: 1, Continuum: "sci", Student: "S1", Target: "M.1", Date: MustParseDate("2026-09-10"), Score: 3, Kind: Formative, Scorer: "MR"},
			{ID: 2, Continuum: "sci", Student: "S1", Target: "M.2", Date: MustParseDate("2026-09-12"), Score: 2, Kind: Formative, Scorer: "MR"},
			{ID: 3, Continuum: "sci", Student: "S2", Target: "M.1", Date: MustParseDate("2026-09-10"), Score: 4, Kind: Summative, Scorer: "MR"},
		},
		Overrides: []Override{{Continuum: "sci", Student: "S2", Target: "M.2", Mastered: true, Reason: "Lab report", Date: MustParseDate("2026-09-20")}},
	}
}

func TestMergeIntoEmptyStoreAddsEverything(t *testing.T) {
	in := mergeFixture()
	p := PlanMerge(nil, nil, in)
	want := map[string]map[Outcome]int{
		SectionContinuum: {Added: 1}, SectionTargets: {Added: 2}, SectionStudents: {Added: 2},
		SectionEvidence: {Added: 3}, SectionOverrides: {Added: 1},
	}
	if !equalCounts(p.Counts, want) {
		t.Errorf("counts %v, want %v", p.Counts, want)
	}
	ch, err := p.Change(nil)
	if err != nil {
		t.Fatal(err)
	}
	if !ch.NewContinuum || len(ch.Targets) != 2 || len(ch.Students) != 2 || len(ch.Evidence) != 3 || len(ch.Overrides) != 1 {
		t.Errorf("change %+v", ch)
	}
}

func TestMergeSameDataChangesNothing(t *testing.T) {
	mine := mergeFixture()
	in := mergeFixture()
	in.Continuum.ID = "their-id" // a colleague's store gave it another ID
	p := PlanMerge(&mine, mine.Students, in)
	want := map[string]map[Outcome]int{
		SectionContinuum: {Unchanged: 1}, SectionTargets: {Unchanged: 2}, SectionStudents: {Unchanged: 2},
		SectionEvidence: {Unchanged: 3}, SectionOverrides: {Unchanged: 1},
	}
	if !equalCounts(p.Counts, want) || len(p.Conflicts) != 0 {
		t.Errorf("counts %v conflicts %v, want %v", p.Counts, p.Conflicts, want)
	}
	ch, err := p.Change(&mine)
	if err != nil || len(ch.Evidence)+len(ch.Targets)+len(ch.Students)+len(ch.Overrides) != 0 {
		t.Errorf("change %+v, %v", ch, err)
	}
}

func TestMergeConflictingTargetIsShownAndKeptUnlessChosen(t *testing.T) {
	mine := mergeFixture()
	in := mergeFixture()
	in.Targets[1].Statement = "I can explain melting and freezing."
	in.Targets[1].Milestone = true
	p := PlanMerge(&mine, mine.Students, in)
	if len(p.Conflicts) != 1 {
		t.Fatalf("conflicts %+v", p.Conflicts)
	}
	c := p.Conflicts[0]
	if c.Section != SectionTargets || c.Key != "M.2" || !slices.Equal(c.Fields, []string{"statement", "milestone"}) {
		t.Errorf("conflict %+v", c)
	}
	if c.Mine.(Target).Statement != "I can explain a change of state." || c.Theirs.(Target).Statement != "I can explain melting and freezing." {
		t.Error("conflict does not hold both versions")
	}
	ch, _ := p.Change(&mine)
	if len(ch.Targets) != 0 {
		t.Errorf("kept mine but the change writes %+v", ch.Targets)
	}
	p.Resolve(0, TakeTheirs)
	ch, err := p.Change(&mine)
	if err != nil || len(ch.Targets) != 1 || !ch.Targets[0].Milestone {
		t.Errorf("took theirs: %+v, %v", ch.Targets, err)
	}
}

func TestMergeMatchesStudentsByExternalID(t *testing.T) {
	mine := mergeFixture()
	in := mergeFixture()
	in.Students = []Student{{ID: "2026-0001", Name: "Ana", Group: "P2", ExternalID: "X-100"}}
	in.Evidence = []Evidence{{Student: "2026-0001", Target: "m.1", Date: MustParseDate("2026-10-01"), Score: 4, Kind: Formative, Scorer: "JL"}}
	in.Overrides = nil
	p := PlanMerge(&mine, mine.Students, in)
	ch, err := p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	if p.Counts[SectionStudents][Unchanged] != 1 || len(ch.Evidence) != 1 || ch.Evidence[0].Student != "S1" || ch.Evidence[0].Target != "M.1" || ch.Evidence[0].Continuum != "sci" {
		t.Errorf("counts %v evidence %+v", p.Counts, ch.Evidence)
	}
}

func TestMergeRefusesWhatCannotBeStored(t *testing.T) {
	mine := mergeFixture()
	in := mergeFixture()
	in.Evidence = append(in.Evidence,
		Evidence{Student: "S9", Target: "M.1", Date: MustParseDate("2026-10-01"), Score: 3},
		Evidence{Student: "S1", Target: "M.9", Date: MustParseDate("2026-10-01"), Score: 3},
		Evidence{Student: "S1", Target: "M.1", Date: MustParseDate("2026-10-02"), Score: 7},
	)
	p := PlanMerge(&mine, mine.Students, in)
	if p.Counts[SectionEvidence][Refused] != 3 || len(p.Refusals) != 3 {
		t.Fatalf("refusals %+v", p.Refusals)
	}
	for i, want := range []string{"student S9", "M.9 is not a target", "7 is not on the scale"} {
		if !strings.Contains(p.Refusals[i].Reason, want) {
			t.Errorf("refusal %d = %q, want it to mention %q", i, p.Refusals[i].Reason, want)
		}
	}
}

func TestMergeThatWouldMakeACycleIsRefused(t *testing.T) {
	mine := mergeFixture()
	in := mergeFixture()
	in.Targets[0].Prerequisites = []string{"M.2"} // M.2 already needs M.1
	p := PlanMerge(&mine, mine.Students, in)
	p.Resolve(0, TakeTheirs)
	_, err := p.Change(&mine)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "cycle") {
		t.Errorf("err = %v, want the cycle refused", err)
	}
}

func TestMergeAppendsNewLevelsAndDomains(t *testing.T) {
	mine := mergeFixture()
	in := mergeFixture()
	in.Continuum.Levels = append(in.Continuum.Levels, "3")
	in.Continuum.Domains = append(in.Continuum.Domains, Domain{Name: "Energy", Category: Academic})
	in.Targets = append(in.Targets, Target{Code: "E.3", Statement: "I can trace energy.", Domain: "Energy", Level: "3", Order: 1})
	p := PlanMerge(&mine, mine.Students, in)
	if p.Counts[SectionContinuum][Changed] != 1 || p.Counts[SectionTargets][Added] != 1 {
		t.Fatalf("counts %v refusals %v", p.Counts, p.Refusals)
	}
	ch, err := p.Change(&mine)
	if err != nil || !slices.Equal(ch.Continuum.Levels, []string{"1", "2", "3"}) || len(ch.Continuum.Domains) != 2 {
		t.Errorf("continuum %+v, %v", ch.Continuum, err)
	}
}

func TestMergeDifferentScaleIsAConflict(t *testing.T) {
	mine := mergeFixture()
	in := mergeFixture()
	in.Continuum.Method = Method{Kind: Latest}
	p := PlanMerge(&mine, mine.Students, in)
	if len(p.Conflicts) != 1 || p.Conflicts[0].Section != SectionContinuum || !slices.Equal(p.Conflicts[0].Fields, []string{"method"}) {
		t.Fatalf("conflicts %+v", p.Conflicts)
	}
	ch, _ := p.Change(&mine)
	if ch.Continuum.Method.Kind != DecayingAverage {
		t.Error("the stored method was overwritten without a choice")
	}
}

func equalCounts(got, want map[string]map[Outcome]int) bool {
	for s, m := range want {
		for o, n := range m {
			if got[s][o] != n {
				return false
			}
		}
	}
	for s, m := range got {
		for o, n := range m {
			if want[s][o] != n {
				return false
			}
		}
	}
	return true
}

func TestMergeKeepsTwoIdenticalDemonstrationsOfOneWorkbook(t *testing.T) {
	in := mergeFixture()
	in.Evidence = append(in.Evidence, in.Evidence[0]) // two quick checks, same day, same score
	p := PlanMerge(nil, nil, in)
	if p.Counts[SectionEvidence][Added] != 4 {
		t.Fatalf("into an empty store: %v", p.Counts[SectionEvidence])
	}
	mine := mergeFixture()
	mine.Evidence = append(mine.Evidence, mine.Evidence[0])
	p = PlanMerge(&mine, mine.Students, in)
	if p.Counts[SectionEvidence][Unchanged] != 4 || p.Counts[SectionEvidence][Added] != 0 {
		t.Errorf("merged again: %v", p.Counts[SectionEvidence])
	}
}

// A framework's groups and domain identities come in without touching
// the stored snapshot; a file from another framework leaves the origin
// with a note; groups that would not fit are refused.
func TestMergeFrameworkStructure(t *testing.T) {
	mine := mergeFixture()
	mine.Continuum.Origin = &Origin{Format: FormatCASE, ID: "doc-a", Title: "State science"}
	in := mergeFixture()
	in.Continuum.Origin = &Origin{Format: FormatCASE, ID: "doc-b", Title: "Other science"}
	in.Continuum.Domains[0].Source = &SourceRef{ID: "dom-1"}
	in.Continuum.Domains[0].Links = []Link{{Kind: "exactMatchOf", ID: "x"}}
	in.Continuum.Groups = []Group{{Key: "M.A", Name: "Materials", Domain: "Matter"}}
	p := PlanMerge(&mine, mine.Students, in)
	if mine.Continuum.Domains[0].Source != nil {
		t.Errorf("the stored snapshot was changed: %+v", mine.Continuum.Domains[0])
	}
	d := p.Continuum.Domains[0]
	if d.Source == nil || d.Source.ID != "dom-1" || len(d.Links) != 1 || len(p.Continuum.Groups) != 1 {
		t.Errorf("merged continuum: %+v", p.Continuum)
	}
	if p.Continuum.Origin.ID != "doc-a" || len(p.Notes) != 1 || !strings.Contains(p.Notes[0], "Other science") {
		t.Errorf("origin %+v, notes %v", p.Continuum.Origin, p.Notes)
	}
	bad := mergeFixture()
	bad.Continuum.Groups = []Group{{Key: "M.B", Name: "Loose", Domain: "Matter", Parent: "nowhere"}}
	p = PlanMerge(&mine, mine.Students, bad)
	if len(p.Refusals) != 1 || p.Refusals[0].Section != SectionContinuum || len(p.Continuum.Groups) != 0 {
		t.Errorf("groups that do not fit: refusals %+v, groups %+v", p.Refusals, p.Continuum.Groups)
	}
}
