package classmap

import (
	"context"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Given a target imported with a group, its identity and a link, a cell
// of it opens a panel that says where the target sits and comes from; a
// target made here says nothing of a source.
func TestClassMapTargetShowsWhereItComesFrom(t *testing.T) {
	f := classMapSetup(t)
	ctx := context.Background()
	g := f.s.data.graph
	target, plain := g.Targets[0], g.Targets[1]
	groups := []continuum.Group{{Key: "c1", Code: "NO.A", Name: "Whole numbers", Domain: target.Domain}}
	if _, err := f.st.UpdateContinuum(ctx, demoID, continuum.ContinuumUpdate{Groups: &groups}); err != nil {
		t.Fatal(err)
	}
	target.Group = "c1"
	target.Source = &continuum.SourceRef{Kind: "Standard", ID: "urn:guid:no-1", URI: "https://case.example.org/uri/no-1"}
	target.Links = []continuum.Link{{Kind: "exactMatchOf", Title: "CCSS.MATH.K.CC.1", URI: "urn:case:k-cc-1"}}
	if err := f.st.PutTargets(ctx, demoID, target); err != nil {
		t.Fatal(err)
	}
	f.ws.Changed(screen.Change{Kind: screen.TargetsChanged, Continuum: demoID}) // as the builder announces it
	f.s.Refresh()

	f.s.heat.Select(widgets.HeatMapCellID(f.s.rowOf(f.s.data.students[f.s.rows[0]].student.ID), f.s.columnOf(target.Code)))
	lines := strings.Join(f.s.detail.source.Lines(), "\n")
	for _, want := range []string{"Group: NO.A Whole numbers", "Kind in source: Standard", "Identifier: urn:guid:no-1",
		"Address: https://case.example.org/uri/no-1", "Links: exact match of CCSS.MATH.K.CC.1 (urn:case:k-cc-1)"} {
		if !strings.Contains(lines, want) {
			t.Errorf("the panel of %s does not say %q:\n%s", target.Code, want, lines)
		}
	}
	if !f.s.detail.source.Visible() {
		t.Error("the source details are hidden")
	}
	f.s.heat.Select(widgets.HeatMapCellID(f.s.rowOf(f.s.data.students[f.s.rows[0]].student.ID), f.s.columnOf(plain.Code)))
	if f.s.detail.source.Visible() {
		t.Errorf("a target made here shows source details %q", f.s.detail.source.Lines())
	}
}
