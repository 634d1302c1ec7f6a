package report

import (
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

// The hand-worked continuum: Number (academic) with N1, N2 at L1 and N3,
// N4, N5 at L2; Habits (lifelong) with H1, H2 at L1; Reasoning
// (transferable) with no targets. Scores are judged by the latest one, so
// a 3 or 4 masters a target at once. The plan expects L1 secured by
// October 1 and L2 by December 31, one target either way on pace.
func handGraph(t testing.TB) *continuum.Graph {
	t.Helper()
	c := continuum.NewContinuum("Fractions", "L1", "L2")
	c.ID = "c1"
	c.Method = continuum.Method{Kind: continuum.Latest}
	c.Domains = []continuum.Domain{
		{Name: "Number", Category: continuum.Academic},
		{Name: "Reasoning", Category: continuum.Transferable},
		{Name: "Habits", Category: continuum.Lifelong},
	}
	c.Pacing = &continuum.PacingPlan{
		Start: continuum.NewDate(2026, 9, 1),
		Checkpoints: []continuum.Checkpoint{
			{Date: continuum.NewDate(2026, 10, 1), Level: "L1"},
			{Date: continuum.NewDate(2026, 12, 31), Level: "L2"},
		},
		Tolerance: 1,
	}
	tg := func(code, domain, level string, order int, prereqs ...string) continuum.Target {
		return continuum.Target{Code: code, Statement: "I can do " + code + ".", Domain: domain, Level: level, Order: order, Prerequisites: prereqs,
			Descriptors: []continuum.Descriptor{{Value: 2, Text: code + " with help."}, {Value: 3, Text: code + " on my own."}}}
	}
	g, err := continuum.NewGraph(c, []continuum.Target{
		tg("N1", "Number", "L1", 1), tg("N2", "Number", "L1", 2, "N1"),
		tg("N3", "Number", "L2", 1, "N2"), tg("N4", "Number", "L2", 2), tg("N5", "Number", "L2", 3, "N1"),
		tg("H1", "Habits", "L1", 1), tg("H2", "Habits", "L1", 2),
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// ev is one piece of evidence of student S1.
func ev(id uint64, target string, month, day int, score float64, note string) continuum.Evidence {
	return continuum.Evidence{ID: id, Continuum: "c1", Student: "S1", Target: target, Date: continuum.NewDate(2026, time.Month(month), day), Score: score, Kind: continuum.Formative, Note: note}
}

// handInput is S1's report as of December 1, 2026: N1 mastered on
// September 10, N2 tried on September 20 (a 2), N4 mastered on October 5
// (a 4), H1 shown on October 10; N2 shown again on December 10, after the
// report's day; a piece of another student's work, and one of S1's in
// another continuum.
func handInput(t testing.TB, lang string) Input {
	other := ev(9, "N3", 10, 1, 4, "")
	other.Student = "S2"
	elsewhere := ev(10, "N3", 10, 2, 4, "Another continuum")
	elsewhere.Continuum = "c2"
	return Input{
		Graph:   handGraph(t),
		Student: continuum.Student{ID: "S1", Name: "Zoë Ñúñez", Group: "Period 2", Grade: "07"},
		Evidence: []continuum.Evidence{
			ev(4, "N4", 10, 5, 4, "Ratio table, unprompted"),
			ev(1, "N1", 9, 10, 3, "Exit ticket"),
			ev(2, "N2", 9, 20, 2, ""),
			ev(5, "H1", 10, 10, 3, "  Brought her planner every day  "),
			ev(6, "N2", 12, 10, 3, "After the report"),
			other, elsewhere,
		},
		AsOf:    continuum.NewDate(2026, 12, 1),
		Catalog: catalog(t, lang),
		Comment: "  Zoë works hard.  ",
	}
}

// codes are the codes of lines.
func codes(lines []Line) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		out[i] = l.Code
	}
	return out
}

// Each heading holds the targets worked out by hand.
func TestBuildHandWorked(t *testing.T) {
	r, err := Build(handInput(t, "en"))
	if err != nil {
		t.Fatal(err)
	}
	if r.Empty != "" || r.Title != "Progress report" || r.Student != "Zoë Ñúñez" || r.StudentID != "S1" || r.Group != "Period 2" || r.Grade != "07" ||
		r.Continuum != "Fractions" || r.AsOf != "December 1, 2026" || r.Comment != "Zoë works hard." || r.Lang != "en" {
		t.Fatalf("header: %+v", r)
	}
	if !strings.Contains(r.Intro, "Zoë Ñúñez") || !strings.Contains(r.Intro, "December 1, 2026") {
		t.Errorf("intro: %q", r.Intro)
	}
	// Reasoning has no targets, so there is no transferable section.
	if len(r.Sections) != 2 || r.Sections[0].Heading != "Academics" || r.Sections[1].Heading != "Habits of success" ||
		r.Sections[0].Category != continuum.Academic || r.Sections[1].Category != continuum.Lifelong {
		t.Fatalf("sections: %+v", r.Sections)
	}
	num, hab := r.Sections[0].Domains[0], r.Sections[1].Domains[0]
	// N2 is below the highest level reached (N4 at L2) and not mastered: a gap.
	// N5 needs only N1: ready. N3 needs N2: not yet ready.
	if got := codes(num.CanNow); !slices.Equal(got, []string{"N1", "N4"}) {
		t.Errorf("Number can now: %v", got)
	}
	if got := codes(num.WorkingOn); !slices.Equal(got, []string{"N5"}) || num.WorkingOn[0].LooksLike != "N5 on my own." || num.WorkingOn[0].Text != "I can do N5." {
		t.Errorf("Number working on: %+v", num.WorkingOn)
	}
	if got := codes(num.Revisit); !slices.Equal(got, []string{"N2"}) || num.Revisit[0].LooksLike != "" {
		t.Errorf("Number revisit: %+v", num.Revisit)
	}
	// Expected by December 1: 2 + (5-2)·61/91 = 4.01, so 4; 2 mastered is
	// 2 behind, beyond the tolerance of 1.
	if num.Summary != "2 of 5 targets mastered" || num.Pace != "2 targets behind" || num.Mastered != 2 || num.Total != 5 || num.Name != "Number" {
		t.Errorf("Number: %q, %q", num.Summary, num.Pace)
	}
	// Habits: 2 expected, 1 mastered: within the tolerance.
	if codes(hab.CanNow)[0] != "H1" || !slices.Equal(codes(hab.WorkingOn), []string{"H2"}) || len(hab.Revisit) != 0 || hab.Pace != "on pace" || hab.Summary != "1 of 2 targets mastered" {
		t.Errorf("Habits: %+v", hab)
	}
	// Newest first, the December 10 work and S2's left out.
	want := []EvidenceLine{
		{"October 10, 2026", "I can do H1.", "Proficient", "Brought her planner every day"},
		{"October 5, 2026", "I can do N4.", "Extending", "Ratio table, unprompted"},
		{"September 20, 2026", "I can do N2.", "Developing", ""},
		{"September 10, 2026", "I can do N1.", "Proficient", "Exit ticket"},
	}
	if !slices.Equal(r.Recent, want) {
		t.Errorf("recent:\n%+v\nwant\n%+v", r.Recent, want)
	}
}

// Growth counts mastered targets at the term's start, each month's end
// (November 30 is within a week of December 1 and left out) and the day.
func TestBuildGrowth(t *testing.T) {
	r, err := Build(handInput(t, "es"))
	if err != nil {
		t.Fatal(err)
	}
	type point struct {
		label    string
		mastered int
	}
	got := func(gs []GrowthPoint) []point {
		out := make([]point, len(gs))
		for i, g := range gs {
			out[i] = point{g.Label, g.Mastered}
		}
		return out
	}
	num, hab := r.Sections[0].Domains[0].Growth, r.Sections[1].Domains[0].Growth
	if want := []point{{"1 sept.", 0}, {"30 sept.", 1}, {"31 oct.", 2}, {"1 dic.", 2}}; !slices.Equal(got(num), want) {
		t.Errorf("Number growth %v, want %v", got(num), want)
	}
	if want := []point{{"1 sept.", 0}, {"30 sept.", 0}, {"31 oct.", 1}, {"1 dic.", 1}}; !slices.Equal(got(hab), want) {
		t.Errorf("Habits growth %v, want %v", got(hab), want)
	}
	if num[0].Date != continuum.NewDate(2026, 9, 1) || num[3].Date != continuum.NewDate(2026, 12, 1) {
		t.Errorf("growth days: %v … %v", num[0].Date, num[3].Date)
	}
}

// Without a plan the term starts at the first evidence, and the first
// point is what came before it: nothing.
func TestGrowthWithoutPlan(t *testing.T) {
	in := handInput(t, "en")
	c := in.Graph.Continuum
	c.Pacing = nil
	g, err := continuum.NewGraph(c, in.Graph.Targets)
	if err != nil {
		t.Fatal(err)
	}
	in.Graph = g
	r, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	num := r.Sections[0].Domains[0]
	if num.Pace != "" {
		t.Errorf("no plan, no pace: %q", num.Pace)
	}
	first, last := num.Growth[0], num.Growth[len(num.Growth)-1]
	if first.Date != continuum.NewDate(2026, 9, 10) || first.Mastered != 0 || first.Label != "Sep 10" || last.Mastered != 2 {
		t.Errorf("growth: %+v", num.Growth)
	}
	if days := growthDays(continuum.NewDate(2026, 12, 1), continuum.NewDate(2026, 12, 1)); len(days) != 2 {
		t.Errorf("a term of one day still has two points: %v", days)
	}
}

// Evidence and overrides after the report's day are left out; on a later
// day they count.
func TestAsOfCut(t *testing.T) {
	in := handInput(t, "en")
	in.Overrides = []continuum.Override{
		{Continuum: "c1", Student: "S1", Target: "N5", Mastered: true, Reason: "Seen in a project", Date: continuum.NewDate(2026, 12, 5)},
		{Continuum: "c1", Student: "S2", Target: "H2", Mastered: true, Reason: "Not S1", Date: continuum.NewDate(2026, 11, 1)},
		{Continuum: "c2", Student: "S1", Target: "H2", Mastered: true, Reason: "Another continuum", Date: continuum.NewDate(2026, 11, 1)},
	}
	r, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if got := codes(r.Sections[0].Domains[0].CanNow); !slices.Equal(got, []string{"N1", "N4"}) {
		t.Errorf("as of December 1: %v", got)
	}
	in.AsOf = continuum.NewDate(2026, 12, 15)
	if r, err = Build(in); err != nil {
		t.Fatal(err)
	}
	num, hab := r.Sections[0].Domains[0], r.Sections[1].Domains[0]
	if got := codes(num.CanNow); !slices.Equal(got, []string{"N1", "N2", "N4", "N5"}) {
		t.Errorf("as of December 15, can now: %v", got)
	}
	if got := codes(num.WorkingOn); !slices.Equal(got, []string{"N3"}) || len(num.Revisit) != 0 {
		t.Errorf("as of December 15, working on %v, revisit %v", got, codes(num.Revisit))
	}
	if got := codes(hab.CanNow); !slices.Equal(got, []string{"H1"}) {
		t.Errorf("another student's or continuum's override counted: %v", got)
	}
	if r.Recent[0].Note != "After the report" || r.AsOf != "December 15, 2026" {
		t.Errorf("recent: %+v", r.Recent[0])
	}
	if g := num.Growth; g[len(g)-2].Mastered != 2 || g[len(g)-1].Mastered != 4 {
		t.Errorf("growth: %+v", g)
	}
}

// How many recent pieces of work: four by default, as asked, or none.
func TestRecentCount(t *testing.T) {
	in := handInput(t, "en")
	for _, tc := range []struct{ ask, want int }{{0, 4}, {2, 2}, {10, 4}, {-1, 0}} {
		in.Recent = tc.ask
		r, err := Build(in)
		if err != nil {
			t.Fatal(err)
		}
		if len(r.Recent) != tc.want {
			t.Errorf("Recent %d: %d lines, want %d", tc.ask, len(r.Recent), tc.want)
		}
	}
}

// A continuum without targets and a student without work give a report
// that says so; an inactive student still gets one.
func TestEmptyReports(t *testing.T) {
	in := handInput(t, "es")
	in.Evidence = nil
	r, err := Build(in)
	if err != nil {
		t.Fatal(err)
	}
	if r.Empty == "" || !strings.Contains(r.Empty, "Zoë Ñúñez") || !strings.HasPrefix(r.Empty, "Aún no se ha registrado") || len(r.Sections) != 0 || len(r.Recent) != 0 {
		t.Errorf("no evidence: %+v", r)
	}
	c := continuum.NewContinuum("Nothing yet", "L1")
	g, err := continuum.NewGraph(c, nil)
	if err != nil {
		t.Fatal(err)
	}
	in = handInput(t, "en")
	in.Graph = g
	if r, err = Build(in); err != nil {
		t.Fatal(err)
	}
	if r.Empty != "There is nothing to report yet: Nothing yet has no learning targets." || len(r.Sections) != 0 || r.Title == "" || r.Labels.CanNow == "" {
		t.Errorf("no targets: %+v", r)
	}
	in = handInput(t, "en")
	in.Student.Inactive = true
	if r, err = Build(in); err != nil || r.Empty != "" || len(r.Sections) != 2 {
		t.Errorf("inactive student: %v %+v", err, r)
	}
}

// An input without a continuum, a day or words is refused, saying what is missing.
func TestBuildRefusesIncompleteInput(t *testing.T) {
	for _, tc := range []struct {
		name string
		edit func(*Input)
		want string
	}{
		{"no graph", func(in *Input) { in.Graph = nil }, "no continuum"},
		{"no day", func(in *Input) { in.AsOf = continuum.Date{} }, "no as-of date"},
		{"no words", func(in *Input) { in.Catalog = Catalog{} }, "LoadCatalog"},
	} {
		in := handInput(t, "en")
		tc.edit(&in)
		_, err := Build(in)
		if err == nil || !errors.Is(err, continuum.ErrInvalid) || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "build progress report") {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
}

// A level is the scale's own label: a score between points takes the
// point below, one under the scale the lowest.
func TestLevelLabel(t *testing.T) {
	s := continuum.DefaultScale()
	for _, tc := range []struct {
		score float64
		want  string
	}{{3, "Proficient"}, {2.5, "Developing"}, {4, "Extending"}, {0, "Beginning"}, {9, "Extending"}} {
		if got := levelLabel(&s, tc.score); got != tc.want {
			t.Errorf("%v: %q, want %q", tc.score, got, tc.want)
		}
	}
}

// The cover names the group, the continuum, the day and the students.
func TestBuildCover(t *testing.T) {
	students := []continuum.Student{{ID: "S1", Name: "Zoë Ñúñez"}, {ID: "S2", Name: "王小明"}}
	c := BuildCover(catalog(t, "es"), "Period 2", "Math Foundations", continuum.NewDate(2026, 12, 2), students)
	if c.Title != "Informes de progreso: Period 2" || !slices.Equal(c.Students, []string{"Zoë Ñúñez", "王小明"}) {
		t.Errorf("cover: %+v", c)
	}
	want := []string{"Continuo de aprendizaje: Math Foundations", "Fecha del informe: 2 de diciembre de 2026", "2 estudiantes"}
	if len(c.Lines) != 4 || !slices.Equal(c.Lines[:3], want) || c.Lines[3] == "" {
		t.Errorf("cover lines: %q", c.Lines)
	}
	c = BuildCover(catalog(t, "en"), " ", "", continuum.Date{}, students[:1])
	if c.Title != "Progress reports" || !slices.Equal(c.Lines[:1], []string{"1 student"}) {
		t.Errorf("cover of everyone: %+v", c)
	}
}
