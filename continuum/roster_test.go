package continuum

import (
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// putRoster applies a plan's change to a roster as RosterStore.PutStudents
// does: a student with a stored ID replaces them, any other is added.
func putRoster(t *testing.T, stored []Student, p *RosterPlan) []Student {
	t.Helper()
	ch, err := p.Change()
	if err != nil {
		t.Fatalf("change: %v", err)
	}
	out := slices.Clone(stored)
	for _, s := range ch {
		if err := s.Validate(); err != nil {
			t.Fatalf("the plan writes an invalid student %+v: %v", s, err)
		}
		if k := slices.IndexFunc(out, func(x Student) bool { return x.ID == s.ID }); k >= 0 {
			out[k] = s
		} else {
			out = append(out, s)
		}
	}
	return out
}

func byIDOf(roster []Student) map[string]Student {
	m := map[string]Student{}
	for _, s := range roster {
		m[s.ID] = s
	}
	return m
}

// Given an empty roster, when a class list is planned, then every student
// is added under a free short ID with their group and grade, and
// planning the same list against the result changes nothing.
func TestPlanRosterIntoEmptyRosterThenAgain(t *testing.T) {
	in := []Student{
		{Name: " Amara  Okafor ", ExternalID: "1001", Group: "Period 1", Grade: "07"},
		{Name: "Ben Li", ExternalID: "1002", Group: "Period 1", Grade: "07"},
		{ID: "K9", Name: "Cleo Park", Group: "Period 2"},
	}
	p := PlanRoster(nil, in, []string{"Period 1", "Period 2"})
	if got := p.Count(RosterAdded); got != 3 {
		t.Fatalf("added %d, want 3: %+v", got, p.Entries)
	}
	ids := []string{p.Entries[0].Student.ID, p.Entries[1].Student.ID, p.Entries[2].Student.ID}
	if !slices.Equal(ids, []string{"S001", "S002", "K9"}) {
		t.Errorf("IDs %v, want S001, S002 and the file's K9", ids)
	}
	if s := p.Entries[0].Student; s.Name != "Amara Okafor" || s.Group != "Period 1" || s.Grade != "07" || s.ExternalID != "1001" {
		t.Errorf("first student %+v", s)
	}
	roster := putRoster(t, nil, p)
	again := PlanRoster(roster, in, []string{"Period 1", "Period 2"})
	if n := again.Count(RosterUnchanged); n != 3 {
		t.Errorf("second import: %d unchanged, want 3: %+v", n, again.Entries)
	}
	if ch, _ := again.Change(); len(ch) != 0 {
		t.Errorf("second import writes %v, want nothing", ch)
	}
	for _, e := range again.Entries {
		if e.MatchedBy == "" {
			t.Errorf("%s not matched on the second import", e.Incoming.Name)
		}
	}
}

// Each rule of matching, with what it changes.
func TestPlanRosterMatching(t *testing.T) {
	stored := []Student{
		{ID: "S001", UID: "u1", Name: "Amara Okafor", ExternalID: "1001", Group: "Period 1", Grade: "07"},
		{ID: "S002", UID: "u2", Name: "Ben Li", Group: "Period 1"},
		{ID: "S003", UID: "u3", Name: "Cleo Park", ExternalID: "1003", Group: "Period 2"},
		{ID: "S004", UID: "u4", Name: "Dev Patel", ExternalID: "1004", Group: "Period 1"},
	}
	cases := []struct {
		name    string
		in      Student
		by      RosterMatchBy
		stored  string
		outcome RosterOutcome
		changes []string
	}{
		{"by short ID, renamed", Student{ID: "S001", Name: "Amara Okafor-Reyes"}, MatchedByID, "S001", RosterUpdated, []string{"name"}},
		{"by external ID, moved section, new grade", Student{Name: "Cleo Park", ExternalID: "1003", Group: "Period 3", Grade: "08"}, MatchedByExternalID, "S003", RosterUpdated, []string{"group", "grade"}},
		{"by name, capitals and spaces aside; gains an external ID", Student{Name: "  ben   LI", ExternalID: "1002"}, MatchedByName, "S002", RosterUpdated, []string{"name", "external ID"}},
		{"by name, the same in every way", Student{Name: "Ben Li", Group: "Period 1"}, MatchedByName, "S002", RosterUnchanged, nil},
		{"short ID held by someone the SIS says is another", Student{ID: "S004", Name: "Dev Patel", ExternalID: "9999"}, "", "", RosterAdded, nil},
		{"a namesake with another external ID", Student{Name: "Cleo Park", ExternalID: "2003"}, "", "", RosterAdded, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p := PlanRoster(stored, []Student{tc.in}, nil)
			e := p.Entries[0]
			if e.MatchedBy != tc.by || e.Stored.ID != tc.stored || e.Outcome != tc.outcome {
				t.Fatalf("matched %q by %q, %s; want %q by %q, %s", e.Stored.ID, e.MatchedBy, e.Outcome, tc.stored, tc.by, tc.outcome)
			}
			var fields []string
			for _, c := range e.Changes {
				fields = append(fields, c.Field)
			}
			if !slices.Equal(fields, tc.changes) {
				t.Errorf("changes %v, want %v", e.Changes, tc.changes)
			}
			if tc.stored != "" && (e.Student.ID != tc.stored || e.Student.UID != e.Stored.UID) {
				t.Errorf("the updated student is %s/%s, want the stored ID and UID", e.Student.ID, e.Student.UID)
			}
		})
	}
	// An ID held by another student here: a free one, and a note saying why.
	p := PlanRoster(stored, []Student{{ID: "S004", Name: "Dev Patel", ExternalID: "9999"}}, nil)
	if e := p.Entries[0]; e.Student.ID != "S005" || !strings.Contains(e.Note, "S004 is Dev Patel's here") {
		t.Errorf("added as %s with note %q, want S005 and a note", e.Student.ID, e.Note)
	}
}

// Given last month's roster, when next month's list is planned: a
// student renamed, one moved to another section, one who left, a
// newcomer, one back after leaving, and a student of another teacher's
// group; then each gets what happened to them and nobody is doubled.
func TestPlanRosterNextMonth(t *testing.T) {
	stored := []Student{
		{ID: "S001", Name: "Amara Okafor", ExternalID: "1001", Group: "Period 1"},
		{ID: "S002", Name: "Ben Li", ExternalID: "1002", Group: "Period 1"},
		{ID: "S003", Name: "Cleo Park", ExternalID: "1003", Group: "Period 2"},
		{ID: "S004", Name: "Dev Patel", ExternalID: "1004", Group: "Period 2", Inactive: true},
		{ID: "S005", Name: "Eve Ruiz", ExternalID: "1005", Group: "Art"},
		{ID: "S006", Name: "Finn Ode", ExternalID: "1006", Group: "Period 2", Inactive: true},
	}
	in := []Student{
		{Name: "Amara Okafor-Reyes", ExternalID: "1001", Group: "Period 1"}, // renamed
		{Name: "Cleo Park", ExternalID: "1003", Group: "Period 1"},          // moved
		{Name: "Dev Patel", ExternalID: "1004", Group: "Period 2"},          // back
		{Name: "Gus Tan", ExternalID: "1007", Group: "Period 2"},            // new
	}
	p := PlanRoster(stored, in, []string{"period 1", "Period 2"})
	want := []RosterOutcome{RosterUpdated, RosterUpdated, RosterReturned, RosterAdded}
	for i, e := range p.Entries {
		if e.Outcome != want[i] {
			t.Errorf("%s: %s, want %s", e.Incoming.Name, e.Outcome, want[i])
		}
	}
	if len(p.Left) != 1 || p.Left[0].ID != "S002" {
		t.Errorf("left %v, want Ben Li alone (Eve is in another group, Finn had already left)", p.Left)
	}
	after := byIDOf(putRoster(t, stored, p))
	if len(after) != 7 {
		t.Fatalf("%d students after, want 7 (6 stored + 1 newcomer)", len(after))
	}
	checks := []struct {
		id       string
		name     string
		group    string
		inactive bool
	}{
		{"S001", "Amara Okafor-Reyes", "Period 1", false},
		{"S002", "Ben Li", "Period 1", true},
		{"S003", "Cleo Park", "Period 1", false},
		{"S004", "Dev Patel", "Period 2", false},
		{"S005", "Eve Ruiz", "Art", false},
		{"S006", "Finn Ode", "Period 2", true},
		{"S007", "Gus Tan", "Period 2", false},
	}
	for _, c := range checks {
		s := after[c.id]
		if s.Name != c.name || s.Group != c.group || s.Inactive != c.inactive {
			t.Errorf("%s = %+v, want %s in %s, inactive %v", c.id, s, c.name, c.group, c.inactive)
		}
	}
	if n := p.Count(RosterLeft); n != 1 {
		t.Errorf("Count(left) = %d, want 1", n)
	}
}

// Near-misses are flagged, not merged; the teacher's word merges them.
func TestPlanRosterNearMisses(t *testing.T) {
	stored := []Student{
		{ID: "S001", Name: "Ana Lopez", Group: "P1"},
		{ID: "S002", Name: "Okafor Amara", Group: "P1"},
		{ID: "S003", Name: "Jonathan Smith", Group: "P1"},
		{ID: "S004", Name: "Zoë Brandt", ExternalID: "77", Group: "P1"},
	}
	in := []Student{
		{Name: "Ana López", ExternalID: "1", Group: "P1"},
		{Name: "Amara Okafor", ExternalID: "2", Group: "P1"},
		{Name: "Jonathon Smith", ExternalID: "3", Group: "P1"},
		{Name: "Zoe Brandt", ExternalID: "4", Group: "P1"}, // the SIS says she is someone else
		{Name: "Totally New", ExternalID: "5", Group: "P1"},
	}
	p := PlanRoster(stored, in, []string{"P1"})
	if n := p.Count(RosterAdded); n != 5 {
		t.Fatalf("added %d, want 5: near-misses are not merged", n)
	}
	want := map[string]string{"Ana López": "accents", "Amara Okafor": "swapped", "Jonathon Smith": "one letter"}
	if len(p.NearMisses) != len(want) {
		t.Fatalf("near-misses %+v, want %d", p.NearMisses, len(want))
	}
	for _, nm := range p.NearMisses {
		name := p.Entries[nm.Entry].Incoming.Name
		if !strings.Contains(nm.Why, want[name]) || nm.Same {
			t.Errorf("%s ~ %s: %q (same %v), want a reason with %q", name, nm.Stored.Name, nm.Why, nm.Same, want[name])
		}
	}
	if len(p.Left) != 4 {
		t.Errorf("left %d, want the 4 unmatched stored students", len(p.Left))
	}
	// The teacher says Ana López is Ana Lopez.
	if err := p.SamePerson(0, true); err != nil {
		t.Fatal(err)
	}
	e := p.Entries[0]
	if e.MatchedBy != MatchedByTeacher || e.Student.ID != "S001" || e.Student.Name != "Ana López" || e.Outcome != RosterUpdated {
		t.Errorf("after the word: %+v", e)
	}
	if !p.NearMisses[0].Same || p.Count(RosterAdded) != 4 || len(p.Left) != 3 {
		t.Errorf("after the word: near-misses %+v, added %d, left %d", p.NearMisses, p.Count(RosterAdded), len(p.Left))
	}
	// Undone: added again.
	if err := p.SamePerson(0, false); err != nil || p.Entries[0].Outcome != RosterAdded {
		t.Errorf("undo: %v, %+v", err, p.Entries[0])
	}
	if err := p.SamePerson(7, true); !errors.Is(err, ErrInvalid) {
		t.Errorf("out of range: %v", err)
	}
}

// Two students of the file cannot both be said to be one stored student.
func TestPlanRosterSamePersonTwice(t *testing.T) {
	stored := []Student{{ID: "S001", Name: "Ana Lopez"}}
	p := PlanRoster(stored, []Student{{Name: "Ana López"}, {Name: "Ana Lópes"}}, nil)
	if len(p.NearMisses) != 2 {
		t.Fatalf("near-misses %+v, want both", p.NearMisses)
	}
	if err := p.SamePerson(0, true); err != nil {
		t.Fatal(err)
	}
	// The second no longer resembles a free student; its near-miss is gone.
	if len(p.NearMisses) != 1 || !p.NearMisses[0].Same {
		t.Fatalf("near-misses %+v", p.NearMisses)
	}
	q := PlanRoster(stored, []Student{{Name: "Ana López"}, {Name: "Ana Lópes"}}, nil)
	q.same[1] = "S001" // a word given on an earlier plan
	if err := q.SamePerson(0, true); err == nil || !strings.Contains(err.Error(), "you said") {
		t.Errorf("second claim: %v", err)
	}
}

// Refusals: no name, an ID that cannot be one, an ID or external ID
// twice; nothing can be stored while there are any.
func TestPlanRosterRefusals(t *testing.T) {
	in := []Student{
		{ID: "S1", Name: "Ana"},
		{ID: "S1", Name: "Ben"},
		{Name: "  "},
		{ID: "a/b", Name: "Cleo"},
		{Name: "Dev", ExternalID: "9"},
		{Name: "Eve", ExternalID: "9"},
	}
	p := PlanRoster(nil, in, nil)
	got := map[int]RosterRefusal{}
	for _, r := range p.Refusals {
		got[r.Index] = r
	}
	want := map[int]struct {
		field string
		other int
	}{1: {"student.id", 0}, 2: {"student.name", -1}, 3: {"student.id", -1}, 5: {"student.external_id", 4}}
	if len(got) != len(want) {
		t.Fatalf("refusals %+v", p.Refusals)
	}
	for i, w := range want {
		if got[i].Field != w.field || got[i].Other != w.other || p.Entries[i].Outcome != RosterRefused {
			t.Errorf("row %d: %+v, want %+v", i, got[i], w)
		}
	}
	if _, err := p.Change(); !errors.Is(err, ErrInvalid) {
		t.Errorf("change with refusals: %v", err)
	}
}

// A OneRoster delta's deletion marks the stored student inactive, and is
// skipped for a student the store does not hold.
func TestPlanRosterDeletions(t *testing.T) {
	stored := []Student{{ID: "S001", Name: "Ana", ExternalID: "1", Group: "P1"}}
	p := PlanRoster(stored, []Student{{Name: "Ana", ExternalID: "1", Inactive: true}, {Name: "Zed", ExternalID: "2", Inactive: true}}, nil)
	if p.Entries[0].Outcome != RosterLeft || !p.Entries[0].Student.Inactive || p.Entries[1].Outcome != RosterSkipped {
		t.Errorf("entries %+v", p.Entries)
	}
	after := putRoster(t, stored, p)
	if len(after) != 1 || !after[0].Inactive || after[0].Group != "P1" {
		t.Errorf("after: %+v", after)
	}
	again := PlanRoster(after, []Student{{Name: "Ana", ExternalID: "1", Inactive: true}}, nil)
	if ch, _ := again.Change(); len(ch) != 0 {
		t.Errorf("a second deletion writes %v", ch)
	}
}

// Namesakes in two classes keep their classes on a re-import.
func TestPlanRosterNamesakes(t *testing.T) {
	stored := []Student{{ID: "S001", Name: "Maria Garcia", Group: "A"}, {ID: "S002", Name: "Maria Garcia", Group: "B"}}
	in := []Student{{Name: "Maria Garcia", Group: "B"}, {Name: "Maria Garcia", Group: "A"}}
	p := PlanRoster(stored, in, []string{"A", "B"})
	if p.Entries[0].Stored.ID != "S002" || p.Entries[1].Stored.ID != "S001" || p.Count(RosterUnchanged) != 2 {
		t.Errorf("entries %+v", p.Entries)
	}
}

func TestFoldAndEdits(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Ana López", "ana lopez"}, {"  ZOË   Brandt ", "zoe brandt"}, {"Łukasz Żółć", "lukasz zolc"},
		{"Lopez, Ana", "lopez ana"}, {"Ana Lo\u0301pez", "ana lopez"}, {"Straße", "strasse"}, {"名01 姓01", "名01 姓01"},
	} {
		if got := foldName(tc.in); got != tc.want {
			t.Errorf("foldName(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, tc := range []struct {
		a, b string
		want bool
	}{
		{"jonathan", "jonathon", true}, {"ana", "anna", true}, {"anna", "ana", true}, {"maria", "mraia", true},
		{"maria", "maria", false}, {"maria", "mario s", false}, {"ab", "ba", true}, {"abc", "cba", false}, {"", "a", true},
	} {
		if got := oneEditApart([]rune(tc.a), []rune(tc.b)); got != tc.want {
			t.Errorf("oneEditApart(%q, %q) = %v, want %v", tc.a, tc.b, got, tc.want)
		}
	}
}

// Property: for random rosters and random next lists, applying the plan
// and planning the same list again changes nothing, and no student of
// the list is stored twice.
func TestPlanRosterIdempotentProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	first := []string{"Ana", "Ben", "Cleo", "Dev", "Eve", "Finn", "Gus", "Hana", "Ivo", "Jin"}
	family := []string{"Lopez", "López", "Li", "Park", "Patel", "Ruiz", "Tan", "Okafor"}
	person := func(k int) Student {
		s := Student{Name: first[k%len(first)] + " " + family[(k/len(first))%len(family)], Group: fmt.Sprintf("P%d", r.IntN(3))}
		if r.IntN(3) > 0 {
			s.ExternalID = fmt.Sprint(1000 + k)
		}
		return s
	}
	for round := range 200 {
		var stored []Student
		for k := range r.IntN(12) {
			s := person(r.IntN(60))
			s.ID = fmt.Sprintf("S%03d", k+1)
			if slices.ContainsFunc(stored, func(x Student) bool { return x.ExternalID != "" && x.ExternalID == s.ExternalID }) {
				s.ExternalID = ""
			}
			stored = append(stored, s)
		}
		var in []Student
		seen := map[int]bool{}
		for range r.IntN(15) {
			k := r.IntN(60)
			if !seen[k] {
				seen[k] = true
				in = append(in, person(k))
			}
		}
		groups := []string{"P0", "P1", "P2"}
		p := PlanRoster(stored, in, groups)
		if len(p.Refusals) > 0 {
			continue
		}
		after := putRoster(t, stored, p)
		if len(after) != len(stored)+p.Count(RosterAdded) {
			t.Fatalf("round %d: %d after, want %d stored + %d added", round, len(after), len(stored), p.Count(RosterAdded))
		}
		again := PlanRoster(after, in, groups)
		if ch, err := again.Change(); err != nil || len(ch) != 0 {
			t.Fatalf("round %d: the second plan writes %+v (%v)\nstored %+v\nin %+v", round, ch, err, after, in)
		}
	}
}

// New students get distinct free IDs, whether the file gives none, one
// another student holds, or a free one.
func TestPlanRosterFreeIDs(t *testing.T) {
	stored := []Student{{ID: "S001", Name: "Ana", ExternalID: "1"}, {ID: "S002", Name: "Ben", ExternalID: "2"}, {ID: "S003", Name: "Cleo", ExternalID: "3"}}
	in := []Student{{Name: "Dev"}, {ID: "S002", Name: "Eve", ExternalID: "5"}, {Name: "Finn"}, {ID: "S005", Name: "Gus"}, {Name: "Hana"}, {ID: "S001", Name: "Ivo", ExternalID: "9"}, {Name: "Jin"}}
	p := PlanRoster(stored, in, nil)
	seen := map[string]bool{"S001": true, "S002": true, "S003": true}
	var got []string
	for _, e := range p.Entries {
		if e.Outcome != RosterAdded || seen[e.Student.ID] {
			t.Fatalf("%s: %s as %s", e.Incoming.Name, e.Outcome, e.Student.ID)
		}
		seen[e.Student.ID] = true
		got = append(got, e.Student.ID)
	}
	if want := []string{"S006", "S007", "S008", "S005", "S009", "S010", "S011"}; !slices.Equal(got, want) {
		t.Errorf("IDs %v, want %v", got, want)
	}
}
