package continuum

import (
	"maps"
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
			got, ok := matchStudents(roster, []Student{tc.in})[0]
			if ok != (tc.want != "") || got.ID != tc.want {
				t.Errorf("matched %q (%v), want %q", got.ID, ok, tc.want)
			}
		})
	}
	// A stored student is one person: two incoming claims, the UID's wins.
	got := matchStudents(roster, []Student{{ID: "S002", Name: "Ben Li"}, {ID: "S050", UID: "u-ben", Name: "Ben Li"}})
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
