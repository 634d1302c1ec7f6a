package profile

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
)

// Given a target imported with its identity and an inbound link, the
// profile's panel on it says where it comes from, the link worded from
// the target ("replaces …"); a target made here says nothing of a source.
func TestStudentProfileTargetShowsWhereItComesFrom(t *testing.T) {
	f := newProfileFixture(t)
	g, _, _ := f.expected(t, "S003")
	target, plain := g.Targets[0], g.Targets[1]
	target.Source = &continuum.SourceRef{Kind: "Standard", ID: "urn:guid:no-1"}
	target.Links = []continuum.Link{{Kind: "replacedBy", Inbound: true, Title: "NO.1.1 (2019)"}}
	if err := f.st.PutTargets(context.Background(), f.cid, target); err != nil {
		t.Fatal(err)
	}
	f.settle(t, func() { f.ws.Changed(screen.Change{Kind: screen.TargetsChanged, Continuum: f.cid}) })
	f.settle(t, func() { f.p.ShowStudent("S003") })
	test.Tap(f.p.mapBtn)
	test.Tap(f.p.grid.Card(target.Code))
	lines := strings.Join(f.p.detail.source.Lines(), "\n")
	if lines != "Kind in source: Standard\nIdentifier: urn:guid:no-1\nLinks: replaces NO.1.1 (2019)" || !f.p.detail.source.Visible() {
		t.Errorf("the panel of %s says\n%s", target.Code, lines)
	}
	test.Tap(f.p.grid.Card(plain.Code))
	if f.p.detail.source.Visible() {
		t.Errorf("a target made here shows source details %q", f.p.detail.source.Lines())
	}
}
