package profile

import (
	"context"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/internal/uitest"
)

// profileFlexBlock is the demo's flex block: Monday, November 23, 2026.
const profileFlexBlock = "2026-11-23-win"

// Given a student placed in the demo block's place-value reteach, who came
// (with the teacher's outcome) and was scored on NO.1.1 the day after,
// when the profile shows them, then its flex supports name the block and
// the offering, how it went, and how NO.1.1 moved since.
func TestFlexSupportHistoryInTheProfile(t *testing.T) {
	f := newProfileFixture(t)
	ctx := context.Background()
	b, err := f.st.FlexBlock(ctx, f.cid, profileFlexBlock)
	if err != nil {
		t.Fatal(err)
	}
	// A student with evidence on NO.1.1 before the block, as a reteach
	// of it would be for.
	ev, err := f.st.Evidence(ctx, continuum.EvidenceFilter{Continuum: f.cid, Target: "NO.1.1"})
	if err != nil {
		t.Fatal(err)
	}
	id := ""
	for _, e := range ev {
		if e.Date.Before(b.Date) {
			id = e.Student
			break
		}
	}
	if id == "" {
		t.Fatal("no student has evidence on NO.1.1 before the block")
	}
	yes := true
	b.Assignments = []continuum.Assignment{{Student: id, Offering: "place-value", Reason: "needs NO.1.1",
		Attended: &yes, Outcome: "Got it with base-ten blocks"}}
	if err := f.st.PutFlexBlock(ctx, b); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.AddEvidence(ctx, continuum.Evidence{Continuum: f.cid, Student: id, Target: "NO.1.1",
		Date: continuum.NewDate(2026, 11, 24), Score: 4, Kind: continuum.Formative}); err != nil {
		t.Fatal(err)
	}
	// What the profile should say, from the evidence as stored.
	g, err := f.st.Graph(ctx, f.cid)
	if err != nil {
		t.Fatal(err)
	}
	ev, _ = f.st.Evidence(ctx, continuum.EvidenceFilter{Continuum: f.cid, Student: id, Target: "NO.1.1"})
	var before, all []continuum.Evidence
	for _, e := range ev {
		all = append(all, e)
		if e.Date.Before(b.Date) {
			before = append(before, e)
		}
	}
	tg, _ := g.Target("NO.1.1")
	then := continuum.Judge(g.Continuum.Method, &g.Continuum.Scale, tg.Required(), before)
	now := continuum.Judge(g.Continuum.Method, &g.Continuum.Scale, tg.Required(), all)

	f.ws.SetToday(continuum.NewDate(2026, 11, 25))
	f.settle(t, func() { f.p.ShowStudent(id) })
	if f.p.shown == nil || f.p.shown.student.ID != id {
		t.Fatalf("the profile shows %v, want %s", f.p.shown, id)
	}
	texts := strings.Join(uitest.Texts(f.p.positions), "\n")
	if !strings.Contains(texts, "Flex supports\nMon, Nov 23, 2026 · WIN time — Place value, once more\n") {
		t.Fatalf("no support in the profile:\n%s", texts)
	}
	if !strings.Contains(texts, "Reteach (recuperation) · ") || !strings.Contains(texts, " · came · “Got it with base-ten blocks”") {
		t.Errorf("how it went is missing:\n%s", texts)
	}
	if !then.HasValue || !now.HasValue {
		t.Fatalf("the student has no value on NO.1.1 before %v or now %v", then, now)
	}
	want := "NO.1.1: " + continuum.FormatScore(then.Value) + " " + then.Status().String() + " → " +
		continuum.FormatScore(now.Value) + " " + now.Status().String() + " (+" + continuum.FormatScore(now.Value-then.Value) + ", 1 new piece of evidence)"
	if !strings.Contains(texts, want) {
		t.Errorf("profile lacks %q:\n%s", want, texts)
	}
}

func TestSupportFocusLine(t *testing.T) {
	m := func(v float64, count int, mastered bool) continuum.Mastery {
		return continuum.Mastery{Value: v, HasValue: count > 0, Count: count, Mastered: mastered}
	}
	for _, tt := range []struct {
		name    string
		f       continuum.FocusChange
		planned bool
		want    string
	}{
		{"it worked", continuum.FocusChange{Target: "NO.1.1", Before: m(1.65, 2, false), Now: m(3.484625, 4, true)}, false,
			"NO.1.1: 1.65 not yet → 3.48 mastered (+1.83, 2 new pieces of evidence)"},
		{"it went down", continuum.FocusChange{Target: "NO.1.1", Before: m(3, 1, true), Now: m(2.35, 2, false)}, false,
			"NO.1.1: 3 mastered → 2.35 not yet (-0.65, 1 new piece of evidence)"},
		{"nothing before", continuum.FocusChange{Target: "HS.1.2", Before: m(0, 0, false), Now: m(3, 1, true)}, false,
			"HS.1.2: no evidence → 3 mastered (1 new piece of evidence)"},
		{"nothing since", continuum.FocusChange{Target: "AT.1.2", Before: m(2, 1, false), Now: m(2, 1, false)}, false,
			"AT.1.2: 2 not yet → 2 not yet (no evidence since)"},
		{"planned", continuum.FocusChange{Target: "AT.1.2", Before: m(2, 1, false), Now: m(2, 1, false)}, true,
			"AT.1.2: 2 not yet now"},
	} {
		if got := supportFocusLine(tt.f, tt.planned); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
