package continuum

import (
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// flexClass builds the fixture continuum (N1a a milestone) and a class:
//
//	Gina  has a gap on the milestone N1a (mastered N1b and N2b above it)
//	Dev   is developing on N2a (2 then 3: 2.65), L1 secured
//	Max   has mastered L1 and L2
//	Nell  has no evidence at all
func flexClass(t *testing.T) (*Graph, []StudentPositions) {
	t.Helper()
	g := fixture(t)
	n1a, _ := g.Target("N1a")
	n1a.Milestone = true
	g, err := g.WithTarget("N1a", n1a)
	if err != nil {
		t.Fatal(err)
	}
	ev := func(student, code string, scores ...float64) []Evidence {
		var out []Evidence
		for i, s := range scores {
			out = append(out, Evidence{ID: uint64(i + 1), Continuum: "c1", Student: student, Target: code, Date: NewDate(2026, 9, 1+i), Score: s})
		}
		return out
	}
	var class Class
	add := func(id, name string, evidence ...[]Evidence) {
		class.Students = append(class.Students, Student{ID: id, Name: name})
		for _, e := range evidence {
			class.Evidence = append(class.Evidence, e...)
		}
	}
	add("S1", "Gina", ev("S1", "N1b", 3), ev("S1", "N2b", 3))
	add("S2", "Dev", ev("S2", "N1a", 3), ev("S2", "N1b", 3), ev("S2", "N2a", 2, 3))
	add("S3", "Max", ev("S3", "N1a", 4), ev("S3", "N1b", 3), ev("S3", "N2a", 3), ev("S3", "N2b", 3))
	add("S4", "Nell")
	return g, g.ClassPositions(class, NewDate(2026, 10, 1))
}

func block(offerings ...Offering) FlexBlock {
	return FlexBlock{ID: "b1", Continuum: "c1", Date: NewDate(2026, 10, 1), Slot: "Flex 1", Minutes: 30, Offerings: offerings}
}

var (
	reteachN1a = Offering{ID: "reteach", Title: "Place value again", Kind: Reteach, Capacity: 5, Focus: []string{"N1a"}}
	practiceN2 = Offering{ID: "practice", Title: "Fraction practice", Kind: Practice, Capacity: 5, Focus: []string{"N2a"}}
	extendN2a  = Offering{ID: "extend", Title: "Fraction puzzles", Kind: Extension, Capacity: 5, Focus: []string{"N2a"}}
	openStudy  = Offering{ID: "open", Title: "Open study", Kind: OpenStudy, Capacity: 30}
)

func placements(s Suggestion) map[string]string {
	m := map[string]string{}
	for _, p := range s.Placements {
		m[p.Student.Name] = p.Assignment.Offering
	}
	return m
}

func TestSuggestPlacesByNeed(t *testing.T) {
	g, class := flexClass(t)
	s := g.Suggest(block(reteachN1a, practiceN2, extendN2a, openStudy), class)
	// Nell has no evidence: N2a is not ready for her (N1a first), and
	// reteaching is for gaps, so she goes to open study.
	want := map[string]string{"Gina": "reteach", "Dev": "practice", "Max": "extend", "Nell": "open"}
	if got := placements(s); !equalMaps(got, want) {
		t.Fatalf("placements %v, want %v", got, want)
	}
	reasons := map[string]string{}
	tiers := map[string]Tier{}
	for _, p := range s.Placements {
		reasons[p.Student.Name], tiers[p.Student.Name] = p.Assignment.Reason, p.Assignment.Tier
	}
	for name, want := range map[string]string{
		"Gina": "Gap on a milestone: N1a",
		"Dev":  "Ready next, developing (2.65): N2a",
		"Max":  "Mastered the focus (N2a): ready to extend",
		"Nell": "Open study: no gap or next step among this block's offerings",
	} {
		if reasons[name] != want {
			t.Errorf("%s: reason %q, want %q", name, reasons[name], want)
		}
	}
	if tiers["Gina"] != TierPriority || tiers["Dev"] != TierSuggested {
		t.Errorf("tiers %v", tiers)
	}
	if len(s.Unplaced) != 0 {
		t.Errorf("unplaced %+v", s.Unplaced)
	}
}

func TestSuggestStudentWithNoEvidenceStartsFirstLessons(t *testing.T) {
	g, class := flexClass(t)
	practiceN1a := Offering{ID: "practice", Title: "Place value practice", Kind: Practice, Capacity: 5, Focus: []string{"N1a"}}
	for _, p := range g.Suggest(block(practiceN1a, openStudy), class).Placements {
		if p.Student.Name == "Nell" && (p.Assignment.Offering != "practice" || p.Assignment.Reason != "Ready for first lessons: N1a" || p.Assignment.Tier != TierSuggested) {
			t.Errorf("Nell: %+v", p.Assignment)
		}
	}
}

func TestSuggestCapacityAndTiers(t *testing.T) {
	g, class := flexClass(t)
	// One seat in practice on N1a: Gina's gap (priority) beats Nell's first
	// lesson (suggested); Nell goes to open study.
	practiceN1a := Offering{ID: "practice", Title: "Place value practice", Kind: Practice, Capacity: 1, Focus: []string{"N1a"}}
	s := g.Suggest(block(practiceN1a, openStudy), class)
	got := placements(s)
	if got["Gina"] != "practice" || got["Nell"] != "open" || got["Max"] != "open" {
		t.Errorf("placements %v", got)
	}
	// Without open study, the students who do not fit are unplaced, and
	// Nell's reason names the full offering.
	s = g.Suggest(block(practiceN1a), class)
	var unplaced []string
	for _, p := range s.Unplaced {
		unplaced = append(unplaced, p.Student.Name+": "+p.Assignment.Reason)
	}
	slices.Sort(unplaced)
	want := []string{
		"Dev: No offering of this block matches a gap or next step, and there is no open study",
		"Max: No offering of this block matches a gap or next step, and there is no open study",
		"Nell: Every offering that fits is full: Place value practice (1/1)",
	}
	if !slices.Equal(unplaced, want) {
		t.Errorf("unplaced\n%s\nwant\n%s", strings.Join(unplaced, "\n"), strings.Join(want, "\n"))
	}
}

func TestSuggestKeepsPinsAndRequired(t *testing.T) {
	g, class := flexClass(t)
	b := block(reteachN1a, practiceN2, extendN2a, openStudy)
	b.Offerings[2].Capacity = 1
	b.Assignments = []Assignment{
		{Student: "S1", Offering: "extend", Tier: TierSuggested, Pinned: true, Reason: "Moved by the teacher"},
		{Student: "S4", Offering: "open", Tier: TierRequired, Reason: "Finishing a project"},
		{Student: "S2", Offering: "reteach", Tier: TierSuggested, Reason: "an old suggestion, not fixed"},
	}
	s := g.Suggest(b, class)
	got := placements(s)
	// Gina keeps her pinned seat, the only one in extension, so Max (who
	// would extend) goes to open study; Nell stays where she is required;
	// Dev's unfixed old placement is suggested again.
	want := map[string]string{"Gina": "extend", "Nell": "open", "Dev": "practice", "Max": "open"}
	if !equalMaps(got, want) {
		t.Errorf("placements %v, want %v", got, want)
	}
	for _, p := range s.Placements {
		if p.Student.Name == "Gina" && (!p.Assignment.Pinned || p.Assignment.Reason != "Moved by the teacher") {
			t.Errorf("pinned assignment changed: %+v", p.Assignment)
		}
	}
}

func TestSuggestTiesAreDeterministic(t *testing.T) {
	g, class := flexClass(t)
	// Two students with the same need for one seat: alphabetical by name.
	twin := class[0]
	twin.Student = Student{ID: "S9", Name: "Adam"}
	class = append(class, twin)
	b := block(Offering{ID: "reteach", Title: "Place value again", Kind: Reteach, Capacity: 1, Focus: []string{"N1a"}}, openStudy)
	first := g.Suggest(b, class)
	if got := placements(first); got["Adam"] != "reteach" || got["Gina"] != "open" {
		t.Fatalf("tie placements %v", got)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		shuffled := slices.Clone(class)
		rng.Shuffle(len(shuffled), func(i, j int) { shuffled[i], shuffled[j] = shuffled[j], shuffled[i] })
		if got := placements(g.Suggest(b, shuffled)); !equalMaps(got, placements(first)) {
			t.Fatalf("order of the class changed the result: %v vs %v", got, placements(first))
		}
	}
}

func TestSuggestEmptyClassAndNobodyFits(t *testing.T) {
	g, class := flexClass(t)
	if s := g.Suggest(block(reteachN1a, openStudy), nil); len(s.Placements) != 0 || len(s.Unplaced) != 0 {
		t.Errorf("empty class: %+v", s)
	}
	// Only an extension on H2, which nobody has mastered: nobody fits.
	s := g.Suggest(block(Offering{ID: "x", Title: "Mentoring", Kind: Extension, Capacity: 10, Focus: []string{"H2"}}), class)
	if len(s.Unplaced) != len(class) {
		t.Errorf("unplaced %d of %d", len(s.Unplaced), len(class))
	}
}

func TestFlexBlockValidate(t *testing.T) {
	g := fixture(t)
	good := block(reteachN1a, openStudy)
	if err := good.Validate(g); err != nil {
		t.Fatalf("valid block: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(b *FlexBlock)
		field string
	}{
		{"no date", func(b *FlexBlock) { b.Date = Date{} }, "flex.date"},
		{"no slot", func(b *FlexBlock) { b.Slot = " " }, "flex.slot"},
		{"slash in id", func(b *FlexBlock) { b.ID = "a/b" }, "flex.id"},
		{"duplicate offering", func(b *FlexBlock) { b.Offerings[1].ID = "Reteach" }, "offering.id"},
		{"no capacity", func(b *FlexBlock) { b.Offerings[0].Capacity = 0 }, "offering.capacity"},
		{"bad kind", func(b *FlexBlock) { b.Offerings[0].Kind = "detention" }, "offering.kind"},
		{"unknown focus", func(b *FlexBlock) { b.Offerings[0].Focus = []string{"ZZ"} }, "offering.focus"},
		{"unknown offering", func(b *FlexBlock) { b.Assignments = []Assignment{{Student: "S1", Offering: "nope"}} }, "assignment.offering"},
		{"placed twice", func(b *FlexBlock) {
			b.Assignments = []Assignment{{Student: "S1", Offering: "open"}, {Student: "S1", Offering: "reteach"}}
		}, "assignment.student"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := good
			b.Offerings = slices.Clone(good.Offerings)
			tt.edit(&b)
			if got := ErrorField(b.Validate(g)); got != tt.field {
				t.Errorf("field %q, want %q", got, tt.field)
			}
		})
	}
}

func equalMaps(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
