package classmap

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
)

// Given NO.2.2, which needs 2 pieces of evidence, Camila Reyes (S003)
// scored a lone 3 and S004 a lone 1: "Who is stuck?" lists S004, who is
// below the cut, and not Camila, who only needs another chance to show it.
func TestClassMapNeedingMoreEvidenceIsNotStuck(t *testing.T) {
	f := classMapSetup(t)
	k, _ := f.s.data.graph.Lookup("NO.2.2")
	if f.s.data.graph.Targets[k].Required() != 2 {
		t.Fatalf("NO.2.2 needs %d pieces of evidence; this test wants 2", f.s.data.graph.Targets[k].Required())
	}
	ctx := context.Background()
	for id, score := range map[string]float64{"S003": 3, "S004": 1} {
		if ev, err := f.st.Evidence(ctx, continuum.EvidenceFilter{Continuum: demoID, Student: id, Target: "NO.2.2"}); err != nil || len(ev) > 0 {
			t.Fatalf("%s starts with evidence on NO.2.2: %v, %v", id, ev, err)
		}
		if _, err := f.st.AddEvidence(ctx, continuum.Evidence{Continuum: demoID, Student: id, Target: "NO.2.2",
			Date: classMapDay, Score: score, Kind: continuum.Observation}); err != nil {
			t.Fatal(err)
		}
	}
	f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: demoID})

	f.choose(t, "NO.2.2")
	test.Tap(f.s.stuckBtn)
	got := f.rowIDs()
	if slices.Contains(got, "S003") {
		t.Errorf("Camila, a lone 3 short of evidence, is listed as stuck: %v", got)
	}
	if !slices.Contains(got, "S004") {
		t.Errorf("S004, a lone 1, is not listed as stuck: %v", got)
	}
	scale := &f.s.data.graph.Continuum.Scale
	_, judged := f.expected(t)
	for _, i := range f.s.rows {
		if m := judged[f.s.data.students[i].student.ID].Mastery[k]; m.NeedsMoreEvidence(scale) || !m.Stuck(scale) {
			t.Errorf("%s listed as stuck with %+v", f.s.data.students[i].student.ID, m)
		}
	}
	if !strings.Contains(f.s.answer.Text, "only needs more evidence is not counted") {
		t.Errorf("the answer does not say who is left out: %q", f.s.answer.Text)
	}
}
