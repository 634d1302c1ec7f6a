package continuum

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// fixture is a four-level continuum with one academic domain and one habits
// domain:
//
//	Number  L1: N1a N1b   L2: N2a(N1a) N2b   L3: N3a(N2a)   L4: N4a(N3a)
//	Habits  L1: H1        L2: H2(H1)
func fixture(t *testing.T) *Graph {
	t.Helper()
	c := NewContinuum("Maths", "L1", "L2", "L3", "L4")
	c.ID = "c1"
	c.Domains = []Domain{{Name: "Number", Category: Academic}, {Name: "Habits", Category: Lifelong}}
	tg := func(code, domain, level string, prereqs ...string) Target {
		return Target{Code: code, Statement: "I can " + code, Domain: domain, Level: level, Prerequisites: prereqs}
	}
	g, err := NewGraph(c, []Target{
		tg("N4a", "Number", "L4", "N3a"),
		tg("N1a", "Number", "L1"),
		tg("N1b", "Number", "L1"),
		tg("N2a", "Number", "L2", "N1a"),
		tg("N2b", "Number", "L2"),
		tg("N3a", "Number", "L3", "N2a"),
		tg("H1", "Habits", "L1"),
		tg("H2", "Habits", "L2", "H1"),
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

var day = MustParseDate

func ev(id uint64, target, date string, score float64) Evidence {
	return Evidence{ID: id, Continuum: "c1", Student: "S1", Target: target, Date: day(date), Score: score, Kind: Formative}
}

func TestGraphOrder(t *testing.T) {
	g := fixture(t)
	var codes []string
	for _, tg := range g.Targets {
		codes = append(codes, tg.Code)
	}
	want := []string{"N1a", "N1b", "N2a", "N2b", "N3a", "N4a", "H1", "H2"}
	if !slices.Equal(codes, want) {
		t.Errorf("order = %v, want %v", codes, want)
	}
	if got := g.Dependents("n2a"); !slices.Equal(got, []string{"N3a"}) {
		t.Errorf("dependents of N2a = %v", got)
	}
}

func TestGraphRefusesCycleNamingIt(t *testing.T) {
	c := NewContinuum("Cycle", "1")
	c.Domains = []Domain{{Name: "D", Category: Academic}}
	_, err := NewGraph(c, []Target{
		{Code: "A", Statement: "a", Domain: "D", Level: "1", Prerequisites: []string{"B"}},
		{Code: "B", Statement: "b", Domain: "D", Level: "1", Prerequisites: []string{"C"}},
		{Code: "C", Statement: "c", Domain: "D", Level: "1", Prerequisites: []string{"A"}},
	})
	if !errors.Is(err, ErrInvalid) || ErrorField(err) != "target.prerequisites" {
		t.Fatalf("err = %v, want an invalid target.prerequisites error", err)
	}
	if !strings.Contains(err.Error(), "A → B → C → A") {
		t.Errorf("error does not name the cycle: %v", err)
	}
}

func TestGraphWithTargetRefusesCycle(t *testing.T) {
	g := fixture(t)
	// Given N3a needs N2a which needs N1a, when N1a is made to need N3a,
	// then the change is refused and the cycle is named.
	n1a, _ := g.Target("N1a")
	n1a.Prerequisites = []string{"N3a"}
	_, err := g.WithTarget("N1a", n1a)
	if err == nil || !strings.Contains(err.Error(), "N1a → N3a → N2a → N1a") {
		t.Fatalf("err = %v, want the cycle N1a → N3a → N2a → N1a", err)
	}
	// The original graph is untouched.
	if tg, _ := g.Target("N1a"); len(tg.Prerequisites) != 0 {
		t.Error("original graph changed")
	}
}

func TestGraphErrors(t *testing.T) {
	g := fixture(t)
	tests := []struct {
		name  string
		t     Target
		kind  error
		field string
	}{
		{"unknown prerequisite", Target{Code: "X", Statement: "x", Domain: "Number", Level: "L1", Prerequisites: []string{"NOPE"}}, ErrInvalid, "target.prerequisites"},
		{"duplicate code in other case", Target{Code: "n1A", Statement: "x", Domain: "Number", Level: "L1"}, ErrConflict, "target.code"},
		{"unknown level", Target{Code: "X", Statement: "x", Domain: "Number", Level: "L9"}, ErrInvalid, "target.level"},
		{"unknown domain", Target{Code: "X", Statement: "x", Domain: "Art", Level: "L1"}, ErrInvalid, "target.domain"},
		{"no statement", Target{Code: "X", Domain: "Number", Level: "L1"}, ErrInvalid, "target.statement"},
		{"slash in code", Target{Code: "A/B", Statement: "x", Domain: "Number", Level: "L1"}, ErrInvalid, "target.code"},
		{"self prerequisite", Target{Code: "X", Statement: "x", Domain: "Number", Level: "L1", Prerequisites: []string{"x"}}, ErrInvalid, "target.prerequisites"},
		{"descriptor off scale", Target{Code: "X", Statement: "x", Domain: "Number", Level: "L1", Descriptors: []Descriptor{{7, "?"}}}, ErrInvalid, "target.descriptors"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := g.WithTarget("", tt.t)
			if !errors.Is(err, tt.kind) || ErrorField(err) != tt.field {
				t.Errorf("err = %v (field %q), want %v on %s", err, ErrorField(err), tt.kind, tt.field)
			}
		})
	}
	if _, err := g.WithoutTarget("N2a"); !errors.Is(err, ErrConflict) || !strings.Contains(err.Error(), "N3a") {
		t.Errorf("removing a prerequisite in use: %v", err)
	}
	if g2, err := g.WithoutTarget("N4a"); err != nil || len(g2.Targets) != 7 {
		t.Errorf("removing a leaf: %v", err)
	}
}

func TestStudentMastery(t *testing.T) {
	g := fixture(t)
	st := &Student{ID: "S1", Name: "Ana"}
	evidence := []Evidence{
		ev(5, "N1a", "2026-09-20", 4), // entered later but dated later: last
		ev(1, "N1a", "2026-09-10", 2),
		ev(2, "N1a", "2026-09-15", 3),
		ev(3, "N1b", "2026-09-15", 2),
		ev(4, "N1b", "2026-09-15", 3), // same day, entered after: latest
		ev(6, "ZZZ", "2026-09-15", 4), // unknown target: ignored
	}
	m := g.StudentMastery(st, evidence, nil)
	n1a := m[0]
	// decaying average of 2,3,4: D=2, 2.65, 3.5275
	if !n1a.Mastered || n1a.Count != 3 || FormatScore(n1a.Value) != "3.53" || n1a.Latest != day("2026-09-20") {
		t.Errorf("N1a = %+v", n1a)
	}
	// 2 then 3 at 65%: 2.65, below the cut
	if m[1].Mastered || FormatScore(m[1].Value) != "2.65" || m[1].Status() != NotYet {
		t.Errorf("N1b = %+v", m[1])
	}
	if m[2].Status() != NoEvidence {
		t.Errorf("N2a status = %v", m[2].Status())
	}
}

func TestEvidenceRequiredMeansNotYet(t *testing.T) {
	g := fixture(t)
	n1a, _ := g.Target("N1a")
	n1a.EvidenceRequired = 2
	g, err := g.WithTarget("N1a", n1a)
	if err != nil {
		t.Fatal(err)
	}
	st := &Student{ID: "S1"}
	m := g.StudentMastery(st, []Evidence{ev(1, "N1a", "2026-09-10", 4)}, nil)
	if m[0].Mastered || m[0].Value != 4 {
		t.Errorf("one 4 with two required: %+v, want not yet with value 4", m[0])
	}
	m = g.StudentMastery(st, []Evidence{ev(1, "N1a", "2026-09-10", 4), ev(2, "N1a", "2026-09-11", 3)}, nil)
	if !m[0].Mastered {
		t.Errorf("two demonstrations: %+v, want mastered", m[0])
	}
}

func TestOverrideOutranksCalculation(t *testing.T) {
	g := fixture(t)
	st := &Student{ID: "S1"}
	ov := []Override{
		{Continuum: "c1", Student: "S1", Target: "N1a", Mastered: false, Reason: "Guessed", Date: day("2026-09-21")},
		{Continuum: "c1", Student: "S1", Target: "N1b", Mastered: true, Reason: "Seen in project", Date: day("2026-09-21")},
	}
	m := g.StudentMastery(st, []Evidence{ev(1, "N1a", "2026-09-10", 4)}, ov)
	if m[0].Mastered || m[0].Source != FromOverride || m[0].Status() != NotYet {
		t.Errorf("N1a = %+v, want not yet by override", m[0])
	}
	if !m[1].Mastered || m[1].Source != FromOverride || m[1].Override.Reason != "Seen in project" {
		t.Errorf("N1b = %+v, want mastered by override", m[1])
	}
}

func TestPositions(t *testing.T) {
	g := fixture(t)
	mastered := func(codes ...string) []Evidence {
		var out []Evidence
		for i, c := range codes {
			out = append(out, ev(uint64(i+1), c, "2026-09-10", 3))
		}
		return out
	}
	tests := []struct {
		name      string
		student   Student
		evidence  []Evidence
		secured   string
		working   string
		readyNext []string
		gaps      []string
		mastered  int
	}{
		{
			name:      "no evidence: working at the first level, every target without prerequisites there is next",
			student:   Student{ID: "S1"},
			secured:   "",
			working:   "L1",
			readyNext: []string{"N1a", "N1b"},
		},
		{
			name:      "L1 secured, working on L2",
			student:   Student{ID: "S1"},
			evidence:  mastered("N1a", "N1b"),
			secured:   "L1",
			working:   "L2",
			readyNext: []string{"N2a", "N2b"},
			mastered:  2,
		},
		{
			name:      "a gap at L2 below mastery at L3",
			student:   Student{ID: "S1"},
			evidence:  mastered("N1a", "N1b", "N2a", "N3a"),
			secured:   "L1",
			working:   "L4",
			readyNext: []string{"N4a"},
			gaps:      []string{"N2b"},
			mastered:  4,
		},
		{
			name:      "half of L1: still working there",
			student:   Student{ID: "S1"},
			evidence:  mastered("N1b"),
			secured:   "",
			working:   "L1",
			readyNext: []string{"N1a"},
			mastered:  1,
		},
		{
			name:     "prerequisite missing: N2a waits for the gap N1a",
			student:  Student{ID: "S1"},
			evidence: mastered("N1b", "N2b"),
			secured:  "",
			working:  "L2",
			gaps:     []string{"N1a"},
			mastered: 2,
		},
		{
			name:     "everything mastered",
			student:  Student{ID: "S1"},
			evidence: mastered("N1a", "N1b", "N2a", "N2b", "N3a", "N4a"),
			secured:  "L4",
			working:  "L4",
			mastered: 6,
		},
		{
			name:      "placed at L3: L1 and L2 count by placement",
			student:   Student{ID: "S1", StartingLevels: []StartingLevel{{Continuum: "c1", Domain: "number", Level: "L3"}}},
			secured:   "L2",
			working:   "L3",
			readyNext: []string{"N3a"},
			mastered:  4,
		},
		{
			name:      "placed at L3 but evidence shows N1b not yet: a gap",
			student:   Student{ID: "S1", StartingLevels: []StartingLevel{{Continuum: "c1", Domain: "Number", Level: "L3"}}},
			evidence:  []Evidence{ev(1, "N1b", "2026-09-10", 1)},
			secured:   "",
			working:   "L3",
			readyNext: []string{"N3a"},
			gaps:      []string{"N1b"},
			mastered:  3,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := g.StudentMastery(&tt.student, tt.evidence, nil)
			p := g.Positions(&tt.student, m, day("2026-09-30"))[0]
			level := func(i int) string {
				if i < 0 {
					return ""
				}
				return g.Continuum.Levels[i]
			}
			if level(p.Secured) != tt.secured || level(p.Working) != tt.working {
				t.Errorf("secured %q working %q, want %q %q", level(p.Secured), level(p.Working), tt.secured, tt.working)
			}
			if !slices.Equal(p.ReadyNext, tt.readyNext) {
				t.Errorf("ready next %v, want %v", p.ReadyNext, tt.readyNext)
			}
			if !slices.Equal(p.Gaps, tt.gaps) {
				t.Errorf("gaps %v, want %v", p.Gaps, tt.gaps)
			}
			if p.Mastered != tt.mastered || p.Total != 6 || p.Domain != "Number" || p.Category != Academic {
				t.Errorf("mastered %d/%d in %s, want %d/6", p.Mastered, p.Total, p.Domain, tt.mastered)
			}
		})
	}
}

func TestPositionLevelCountsAndDomains(t *testing.T) {
	g := fixture(t)
	st := &Student{ID: "S1"}
	m := g.StudentMastery(st, []Evidence{ev(1, "N1a", "2026-09-10", 3), ev(2, "H1", "2026-09-10", 4)}, nil)
	ps := g.Positions(st, m, day("2026-09-30"))
	if len(ps) != 2 || ps[1].Domain != "Habits" || ps[1].Category != Lifelong {
		t.Fatalf("positions = %+v", ps)
	}
	want := []LevelCount{{"L1", 2, 1}, {"L2", 2, 0}, {"L3", 1, 0}, {"L4", 1, 0}}
	if !slices.Equal(ps[0].Levels, want) {
		t.Errorf("level counts %+v, want %+v", ps[0].Levels, want)
	}
	if ps[1].Secured != 0 || !slices.Equal(ps[1].ReadyNext, []string{"H2"}) {
		t.Errorf("habits position %+v", ps[1])
	}
}

func TestPace(t *testing.T) {
	g := fixture(t)
	c := g.Continuum
	// By Oct 1, L1 (2 Number targets); by Nov 1, L2 (4 targets).
	c.Pacing = &PacingPlan{Start: day("2026-09-01"), Checkpoints: []Checkpoint{{day("2026-10-01"), "L1"}, {day("2026-11-01"), "L2"}}}
	g, err := NewGraph(c, g.Targets)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		on       string
		mastered []string
		want     Pace
		words    string
	}{
		{"2026-08-20", nil, Pace{OnPace, 0, 0, 0}, "on pace"},
		// 15 of 30 days towards 2 targets: 1 expected
		{"2026-09-16", nil, Pace{Behind, 1, 0, -1}, "behind by 1 target"},
		{"2026-09-16", []string{"N1a"}, Pace{OnPace, 1, 1, 0}, "on pace"},
		{"2026-10-01", []string{"N1a", "N1b", "N2a", "N2b"}, Pace{Ahead, 2, 4, 2}, "ahead by 2 targets"},
		// 2 + 2*15/31 = 2.97: 3 expected
		{"2026-10-16", []string{"N1a"}, Pace{Behind, 3, 1, -2}, "behind by 2 targets"},
		{"2026-12-01", []string{"N1a", "N1b", "N2a", "N2b"}, Pace{OnPace, 4, 4, 0}, "on pace"},
	}
	for _, tt := range tests {
		st := &Student{ID: "S1"}
		var evidence []Evidence
		for i, code := range tt.mastered {
			evidence = append(evidence, ev(uint64(i+1), code, "2026-09-02", 3))
		}
		p := g.Positions(st, g.StudentMastery(st, evidence, nil), day(tt.on))[0].Pace
		if p != tt.want || p.String() != tt.words {
			t.Errorf("on %s with %v: %+v %q, want %+v %q", tt.on, tt.mastered, p, p.String(), tt.want, tt.words)
		}
	}
	// Tolerance 1: one target behind still counts as on pace.
	c.Pacing.Tolerance = 1
	g, _ = NewGraph(c, g.Targets)
	st := &Student{ID: "S1"}
	if p := g.Positions(st, g.StudentMastery(st, nil, nil), day("2026-09-16"))[0].Pace; p.Status != OnPace {
		t.Errorf("with tolerance 1: %+v", p)
	}
}

func TestClassPositionsMatchesOneByOne(t *testing.T) {
	g := fixture(t)
	var class Class
	for i := range 200 {
		id := "S" + strings.Repeat("x", i%3) + string(rune('A'+i%26)) + string(rune('a'+i/26))
		class.Students = append(class.Students, Student{ID: id, Name: id})
		for k, tg := range g.Targets {
			if (i+k)%3 != 0 {
				class.Evidence = append(class.Evidence, Evidence{ID: uint64(len(class.Evidence) + 1), Continuum: "c1", Student: id, Target: tg.Code, Date: day("2026-09-10"), Score: float64(1 + (i+k)%4)})
			}
		}
	}
	got := g.ClassPositions(class, day("2026-10-01"))
	for i, sp := range got {
		st := class.Students[i]
		var mine []Evidence
		for _, e := range class.Evidence {
			if e.Student == st.ID {
				mine = append(mine, e)
			}
		}
		want := g.Positions(&st, g.StudentMastery(&st, mine, nil), day("2026-10-01"))
		if sp.Student.ID != st.ID || len(sp.Positions) != len(want) || sp.Positions[0].Mastered != want[0].Mastered || !slices.Equal(sp.Positions[0].Gaps, want[0].Gaps) {
			t.Fatalf("student %s: %+v, want %+v", st.ID, sp.Positions, want)
		}
	}
}

func TestCompareMethods(t *testing.T) {
	g := fixture(t)
	res, err := g.CompareMethods("N1a", []Evidence{ev(1, "N1a", "2026-09-01", 1), ev(2, "N1a", "2026-09-02", 2), ev(3, "N1a", "2026-09-03", 3), ev(4, "N1a", "2026-09-04", 4)})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != len(MethodKinds) || !res[0].InUse || res[0].Method.Kind != DecayingAverage || FormatScore(res[0].Value) != "3.48" || !res[0].Mastered {
		t.Errorf("first result %+v", res[0])
	}
	for _, r := range res {
		if r.Method.Kind == Mean && (r.Value != 2.5 || r.Mastered) {
			t.Errorf("mean %+v", r)
		}
	}
	if _, err := g.CompareMethods("nope", nil); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown target: %v", err)
	}
}

// TestPositionInWords: a position reads as a teacher says it, with no
// dash and arrow when nothing is secured yet.
func TestPositionInWords(t *testing.T) {
	levels := []string{"Level 1", "Level 2", "Level 3"}
	tests := []struct {
		p           Position
		words, show string
	}{
		{Position{Secured: -1, Working: 0, Total: 6}, "working at Level 1", "working at Level 1"},
		{Position{Secured: 0, Working: 1, Mastered: 2, Total: 6}, "Level 1 secured, working at Level 2", "Level 1 → Level 2"},
		{Position{Secured: 1, Working: 2, Mastered: 4, Total: 6}, "Level 2 secured, working at Level 3", "Level 2 → Level 3"},
		{Position{Secured: 2, Working: 2, Mastered: 6, Total: 6}, "all mastered", "all mastered"},
		{Position{Secured: -1, Working: 0}, "no targets", "no targets"},
	}
	for _, tt := range tests {
		if got := tt.p.Words(levels); got != tt.words {
			t.Errorf("%+v Words = %q, want %q", tt.p, got, tt.words)
		}
		if got := tt.p.Short(levels); got != tt.show {
			t.Errorf("%+v Short = %q, want %q", tt.p, got, tt.show)
		}
	}
}
