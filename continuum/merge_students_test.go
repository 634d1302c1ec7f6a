package continuum

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
)

// TestMatchStudents checks who an incoming student is, rule by rule.
func TestMatchStudents(t *testing.T) {
	roster := []Student{
		{ID: "S001", UID: "u-amara", Name: "Amara Okafor", ExternalID: "SIS-1"},
		{ID: "S002", UID: "u-ben", Name: "Ben Li"},
		{ID: "S003", UID: "u-cleo", Name: "Cleo Park", ExternalID: "SIS-3"},
	}
	cases := []struct {
		name string
		in   Student
		want string // the stored ID matched, "" for none
	}{
		{"same UID, everything else different", Student{ID: "S077", UID: "u-ben", Name: "Benjamin Li"}, "S002"},
		{"same external ID, no UID", Student{ID: "S9", Name: "A. Okafor", ExternalID: "SIS-1"}, "S001"},
		{"unknown UID, same external ID", Student{ID: "S9", UID: "u-other", Name: "A. Okafor", ExternalID: "SIS-1"}, "S001"},
		{"same short ID and name, no identity", Student{ID: "S002", Name: " ben  LI "}, "S002"},
		{"same short ID and name, a UID minted by another store", Student{ID: "S002", UID: "u-theirs", Name: "Ben Li"}, "S002"},
		{"same short ID, another name", Student{ID: "S001", Name: "Zoë Ñúñez"}, ""},
		{"same short ID, another name, a UID", Student{ID: "S001", UID: "u-zoe", Name: "Zoë Ñúñez"}, ""},
		{"same short ID and name, another SIS ID", Student{ID: "S003", Name: "Cleo Park", ExternalID: "SIS-99"}, ""},
		{"nothing in common", Student{ID: "S100", Name: "Dev Patel"}, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m, _ := matchStudents(roster, []Student{tc.in}, nil)
			got, ok := m[0]
			if ok != (tc.want != "") || got.ID != tc.want {
				t.Errorf("matched %q (%v), want %q", got.ID, ok, tc.want)
			}
		})
	}
	// A stored student is one person: two incoming claims, the UID's wins.
	got, _ := matchStudents(roster, []Student{{ID: "S002", Name: "Ben Li"}, {ID: "S050", UID: "u-ben", Name: "Ben Li"}}, nil)
	if _, ok := got[0]; ok || got[1].ID != "S002" {
		t.Errorf("two claims on S002 = %v, want only the UID's", got)
	}
}

func TestFreeStudentID(t *testing.T) {
	used := map[string]bool{"S001": true, "S002": true, "S028": true, "S030": true, "T7": true, "kid": true, "kid-2": true}
	for _, tc := range []struct{ id, want string }{
		{"S001", "S031"}, {"S002", "S032"}, {"T7", "T8"}, {"kid", "kid-3"},
	} {
		if got := freeStudentID(tc.id, used); got != tc.want {
			t.Errorf("freeStudentID(%s) = %s, want %s", tc.id, got, tc.want)
		}
	}
}

// TestMergeRenumbersAnotherClassWithTheSameIDs is a colleague's class
// numbered from S1 like the store's: her students are added under free
// IDs and her evidence and overrides go with them, never to the store's
// students with her IDs.
func TestMergeRenumbersAnotherClassWithTheSameIDs(t *testing.T) {
	mine := mergeFixture() // S1 Ana, S2 Ben
	for i := range mine.Students {
		mine.Students[i].UID = "mine-" + mine.Students[i].ID
	}
	in := mergeFixture()
	in.Students = []Student{{ID: "S1", UID: "hers-1", Name: "Zoë Ñúñez"}, {ID: "S2", UID: "hers-2", Name: "Yusuf Ali"}, {ID: "S3", UID: "hers-3", Name: "Xia Wu"}}
	in.Evidence = []Evidence{
		{Student: "S1", Target: "M.1", Date: MustParseDate("2026-09-10"), Score: 3, Kind: Formative, Scorer: "MR"}, // same as the store's S1 row but hers
		{Student: "S3", Target: "M.2", Date: MustParseDate("2026-09-11"), Score: 2, Kind: Formative},
	}
	in.Overrides = []Override{{Student: "S2", Target: "M.1", Mastered: true, Reason: "Portfolio", Date: MustParseDate("2026-09-20")}}
	p := PlanMerge(&mine, mine.Students, in)
	if got := p.Counts[SectionStudents]; !maps.Equal(got, map[Outcome]int{Added: 3}) || len(p.Conflicts) != 0 {
		t.Fatalf("students %v, conflicts %+v; want 3 added and no conflict", got, p.Conflicts)
	}
	wantRenumbered := []Renumbered{{From: "S1", To: "S4", Name: "Zoë Ñúñez", Holder: "Ana"}, {From: "S2", To: "S5", Name: "Yusuf Ali", Holder: "Ben"}}
	if len(p.Renumbered) != 2 || p.Renumbered[0] != wantRenumbered[0] || p.Renumbered[1] != wantRenumbered[1] {
		t.Errorf("renumbered %+v, want %+v", p.Renumbered, wantRenumbered)
	}
	ch, err := p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	for _, s := range ch.Students {
		ids[s.Name] = s.ID + " " + s.UID
	}
	if want := map[string]string{"Zoë Ñúñez": "S4 hers-1", "Yusuf Ali": "S5 hers-2", "Xia Wu": "S3 hers-3"}; !maps.Equal(ids, want) {
		t.Errorf("students written %v, want %v", ids, want)
	}
	if len(ch.Evidence) != 2 || ch.Evidence[0].Student != "S4" || ch.Evidence[1].Student != "S3" {
		t.Errorf("evidence written %+v, want hers on S4 and S3", ch.Evidence)
	}
	if len(ch.Overrides) != 1 || ch.Overrides[0].Student != "S5" {
		t.Errorf("overrides written %+v, want Yusuf's on S5", ch.Overrides)
	}
	if got := p.Renumbered[0].String(); got != "S1 Zoë Ñúñez is not Ana, who has ID S1 here: added as a new student with ID S4, with their evidence" {
		t.Errorf("preview line %q", got)
	}
}

// samePersonFixture is the store's class (S1 Ana, S2 Ben, with UIDs) and
// a colleague's workbook numbered from S1 too: her S1 is "Ana María", who
// may be the store's Ana under a fuller name, her S2 is Yusuf Ali. Her
// first row of evidence is the very row the store holds for Ana.
func samePersonFixture() (mine, in Snapshot) {
	mine = mergeFixture()
	for i := range mine.Students {
		mine.Students[i].UID = "mine-" + mine.Students[i].ID
	}
	in = mergeFixture()
	in.Students = []Student{{ID: "S1", UID: "hers-1", Name: "Ana María", Group: "P2"}, {ID: "S2", UID: "hers-2", Name: "Yusuf Ali", Group: "P2"}}
	in.Evidence = []Evidence{
		{Student: "S1", Target: "M.1", Date: MustParseDate("2026-09-10"), Score: 3, Kind: Formative, Scorer: "MR"},
		{Student: "S1", Target: "M.2", Date: MustParseDate("2026-09-15"), Score: 3, Kind: Formative, Scorer: "JT"},
		{Student: "S2", Target: "M.1", Date: MustParseDate("2026-09-11"), Score: 2, Kind: Formative, Scorer: "JT"},
	}
	in.Overrides = []Override{{Student: "S1", Target: "M.1", Mastered: true, Reason: "Portfolio", Date: MustParseDate("2026-09-20")}}
	return mine, in
}

// TestSamePerson: a student of the workbook whose short ID another stored
// student holds is added as new unless the teacher says they are that
// student; the plan (counts, conflicts, what Change writes) follows the
// word given, and the word can be taken back before applying.
func TestSamePerson(t *testing.T) {
	type step struct {
		i    int
		same bool
	}
	cases := []struct {
		name       string
		steps      []step
		counts     map[string]map[Outcome]int
		renumbered []Renumbered
		conflicts  []string // "section key fields"
		students   []string // written: "ID UID name"
		evidence   []string // written: the students the new evidence goes to
		overrides  []string
	}{
		{
			name: "by default both are new students",
			counts: map[string]map[Outcome]int{SectionContinuum: {Unchanged: 1}, SectionTargets: {Unchanged: 2},
				SectionStudents: {Added: 2}, SectionEvidence: {Added: 3}, SectionOverrides: {Added: 1}},
			renumbered: []Renumbered{{From: "S1", To: "S3", Name: "Ana María", Holder: "Ana"}, {From: "S2", To: "S4", Name: "Yusuf Ali", Holder: "Ben"}},
			students:   []string{"S3 hers-1 Ana María", "S4 hers-2 Yusuf Ali"},
			evidence:   []string{"S3", "S3", "S4"},
			overrides:  []string{"S3"},
		},
		{
			name:  "Ana María is Ana: her evidence goes to S1, her name is a conflict, only Yusuf is added",
			steps: []step{{0, true}},
			counts: map[string]map[Outcome]int{SectionContinuum: {Unchanged: 1}, SectionTargets: {Unchanged: 2},
				SectionStudents: {Conflicting: 1, Added: 1}, SectionEvidence: {Unchanged: 1, Added: 2}, SectionOverrides: {Added: 1}},
			renumbered: []Renumbered{{From: "S1", Name: "Ana María", Holder: "Ana", Same: true}, {From: "S2", To: "S3", Name: "Yusuf Ali", Holder: "Ben"}},
			conflicts:  []string{"Students S1 [name]"},
			students:   []string{"S3 hers-2 Yusuf Ali"},
			evidence:   []string{"S1", "S3"},
			overrides:  []string{"S1"},
		},
		{
			name:  "both are the store's students: nobody is added",
			steps: []step{{1, true}, {0, true}},
			counts: map[string]map[Outcome]int{SectionContinuum: {Unchanged: 1}, SectionTargets: {Unchanged: 2},
				SectionStudents: {Conflicting: 2}, SectionEvidence: {Unchanged: 1, Added: 2}, SectionOverrides: {Added: 1}},
			renumbered: []Renumbered{{From: "S1", Name: "Ana María", Holder: "Ana", Same: true}, {From: "S2", Name: "Yusuf Ali", Holder: "Ben", Same: true}},
			conflicts:  []string{"Students S1 [name]", "Students S2 [name]"},
			evidence:   []string{"S1", "S2"},
			overrides:  []string{"S1"},
		},
		{
			name:  "said, then taken back: new students again",
			steps: []step{{0, true}, {0, false}},
			counts: map[string]map[Outcome]int{SectionContinuum: {Unchanged: 1}, SectionTargets: {Unchanged: 2},
				SectionStudents: {Added: 2}, SectionEvidence: {Added: 3}, SectionOverrides: {Added: 1}},
			renumbered: []Renumbered{{From: "S1", To: "S3", Name: "Ana María", Holder: "Ana"}, {From: "S2", To: "S4", Name: "Yusuf Ali", Holder: "Ben"}},
			students:   []string{"S3 hers-1 Ana María", "S4 hers-2 Yusuf Ali"},
			evidence:   []string{"S3", "S3", "S4"},
			overrides:  []string{"S3"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			mine, in := samePersonFixture()
			p := PlanMerge(&mine, mine.Students, in)
			for _, s := range tc.steps {
				if err := p.SamePerson(s.i, s.same); err != nil {
					t.Fatal(err)
				}
			}
			if !equalCounts(p.Counts, tc.counts) {
				t.Errorf("counts %v, want %v", p.Counts, tc.counts)
			}
			if !slices.Equal(p.Renumbered, tc.renumbered) {
				t.Errorf("renumbered %+v, want %+v", p.Renumbered, tc.renumbered)
			}
			var conflicts []string
			for _, c := range p.Conflicts {
				conflicts = append(conflicts, fmt.Sprintf("%s %s %v", c.Section, c.Key, c.Fields))
			}
			if !slices.Equal(conflicts, tc.conflicts) {
				t.Errorf("conflicts %q, want %q", conflicts, tc.conflicts)
			}
			ch, err := p.Change(&mine)
			if err != nil {
				t.Fatal(err)
			}
			var students, evidence, overrides []string
			for _, s := range ch.Students {
				students = append(students, s.ID+" "+s.UID+" "+s.Name)
			}
			for _, e := range ch.Evidence {
				evidence = append(evidence, e.Student)
			}
			for _, o := range ch.Overrides {
				overrides = append(overrides, o.Student)
			}
			if !slices.Equal(students, tc.students) || !slices.Equal(evidence, tc.evidence) || !slices.Equal(overrides, tc.overrides) {
				t.Errorf("written students %q evidence %q overrides %q, want %q %q %q", students, evidence, overrides, tc.students, tc.evidence, tc.overrides)
			}
		})
	}
}

// TestSamePersonTakesTheirNameKeepsTheStoredIdentity: taking the
// workbook's side of the name conflict renames the stored student, who
// keeps their ID, UID and SIS ID (the workbook has none).
func TestSamePersonTakesTheirNameKeepsTheStoredIdentity(t *testing.T) {
	mine, in := samePersonFixture()
	p := PlanMerge(&mine, mine.Students, in)
	if err := p.SamePerson(0, true); err != nil {
		t.Fatal(err)
	}
	p.Resolve(0, TakeTheirs)
	ch, err := p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	var ana *Student
	for i, s := range ch.Students {
		if s.ID == "S1" {
			ana = &ch.Students[i]
		}
	}
	if ana == nil || ana.Name != "Ana María" || ana.UID != "mine-S1" || ana.ExternalID != "X-100" {
		t.Errorf("S1 written as %+v, want Ana María with UID mine-S1 and SIS ID X-100", ana)
	}
	if got := p.Renumbered[0].String(); got != "S1 Ana María is Ana, who has ID S1 here, as you said: their evidence, overrides and flex places go to S1" {
		t.Errorf("preview line %q", got)
	}
}

// TestSamePersonKeepsChoicesAndRefusesWhatCannotBe: the choices made on
// other conflicts survive the word; a student the workbook already gives
// (by UID) to that stored student cannot be them too; a word out of range
// is refused. A refused word leaves the plan as it was.
func TestSamePersonKeepsChoicesAndRefusesWhatCannotBe(t *testing.T) {
	mine, in := samePersonFixture()
	in.Targets[0].Statement = "I can sort materials by two properties."
	p := PlanMerge(&mine, mine.Students, in)
	if len(p.Conflicts) != 1 || p.Conflicts[0].Section != SectionTargets {
		t.Fatalf("conflicts %+v, want the target's", p.Conflicts)
	}
	p.Resolve(0, TakeTheirs)
	if err := p.SamePerson(0, true); err != nil {
		t.Fatal(err)
	}
	if len(p.Conflicts) != 2 || p.Conflicts[0].Choice != TakeTheirs || p.Conflicts[1].Choice != KeepMine {
		t.Errorf("conflicts after the word %+v, want the target's still taken and Ana's kept", p.Conflicts)
	}

	mine, in = samePersonFixture()
	in.Students = append(in.Students, Student{ID: "S9", UID: "mine-S1", Name: "Ana"}) // the workbook's S9 is Ana by her UID
	p = PlanMerge(&mine, mine.Students, in)
	before := p.Counts[SectionStudents][Added]
	err := p.SamePerson(0, true)
	if !errors.Is(err, ErrInvalid) || !strings.Contains(err.Error(), "S1 Ana María cannot be Ana: another student of the workbook already is Ana") {
		t.Errorf("err %v, want that another row already is Ana", err)
	}
	if p.Renumbered[0].Same || p.Counts[SectionStudents][Added] != before {
		t.Errorf("a refused word changed the plan: %+v %v", p.Renumbered, p.Counts)
	}
	if err := p.SamePerson(2, true); !errors.Is(err, ErrInvalid) {
		t.Errorf("SamePerson(2) = %v, want ErrInvalid", err)
	}
}
