package profile

import (
	"context"
	"testing"

	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Given Camila Reyes's profile, when she is scored a lone 3 on NO.2.2
// (which needs 2 pieces of evidence), then her card there takes the
// class map's "not yet: meets the cut, needs more evidence" colour, not
// the mastered green of a 3, and the map's legend names it.
func TestStudentProfileA3ShortOfEvidenceIsNotMastered(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	if _, err := f.st.AddEvidence(context.Background(), continuum.Evidence{Continuum: f.cid, Student: "S003", Target: "NO.2.2",
		Date: profileToday, Score: 3, Kind: continuum.Formative, Scorer: "MR"}); err != nil {
		t.Fatal(err)
	}
	f.settle(t, func() { f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: f.cid}) })

	g, m, _ := f.expected(t, "S003")
	k, _ := g.Lookup("NO.2.2")
	if m[k].Mastered || m[k].Count != 1 || g.Targets[k].Required() != 2 {
		t.Fatalf("Camila on NO.2.2 is judged %+v (needs %d); want a lone 3, not yet", m[k], g.Targets[k].Required())
	}
	scale := &g.Continuum.Scale
	got := cardFill(t, f.p, "NO.2.2")
	if got != widgets.CardTint(palette.NeedsEvidence) {
		t.Errorf("NO.2.2 card filled %v, want %v (needs more evidence)", got, widgets.CardTint(palette.NeedsEvidence))
	}
	if got == widgets.CardTint(palette.ForValue(3, scale)) {
		t.Error("NO.2.2 card has the mastered colour of a 3")
	}
	if !containsText(f.p.grid.Card("NO.2.2"), "3") {
		t.Error("NO.2.2 card does not show the 3")
	}

	swatch, label := false, false
	for _, o := range test.LaidOutObjects(f.p.legend) {
		switch o := o.(type) {
		case *canvas.Rectangle:
			swatch = swatch || o.FillColor == widgets.CardTint(palette.NeedsEvidence)
		case *canvas.Text:
			label = label || o.Text == palette.NeedsEvidenceLabel
		}
	}
	if !swatch || !label {
		t.Errorf("the map's legend: swatch %v, label %v", swatch, label)
	}
}
