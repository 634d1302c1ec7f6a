package classmap

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Given the demo, when Camila Reyes (S003) is scored a 3 on NO.2.2, which
// needs 2 pieces of evidence, then her cell takes the colour of "not
// yet: meets the cut, needs more evidence", not the mastered green that
// the legend gives a 3, and the legend names that colour.
func TestClassMapA3ShortOfEvidenceIsNotMastered(t *testing.T) {
	f := classMapSetup(t)
	if k, _ := f.s.data.graph.Lookup("NO.2.2"); f.s.data.graph.Targets[k].Required() != 2 {
		t.Fatalf("NO.2.2 needs %d pieces of evidence; this test wants 2", f.s.data.graph.Targets[k].Required())
	}
	row, col := f.cellOf(t, "S003", "NO.2.2")
	if fill := f.s.heat.Cell(row, col).Fill; !classMapSameColor(fill, palette.NoEvidence) {
		t.Fatalf("Camila on NO.2.2 starts as %v, want no evidence", fill)
	}
	f.s.heat.Select(widgets.HeatMapCellID(row, col))
	f.w.Canvas().Focus(f.s.detail.score)
	uitest.TypeText(f.w, "3")
	uitest.PressKey(f.w, fyne.KeyReturn)

	ev, err := f.st.Evidence(context.Background(), continuum.EvidenceFilter{Continuum: demoID, Student: "S003", Target: "NO.2.2"})
	if err != nil || len(ev) != 1 || ev[0].Score != 3 {
		t.Fatalf("stored %+v, %v", ev, err)
	}
	if !strings.HasPrefix(f.s.detail.judgement.Text, "Not yet") {
		t.Errorf("the judgement reads %q, want not yet", f.s.detail.judgement.Text)
	}
	row, col = f.cellOf(t, "S003", "NO.2.2")
	cell := f.s.heat.Cell(row, col)
	scale := &f.s.data.graph.Continuum.Scale
	if !classMapSameColor(cell.Fill, palette.NeedsEvidence) || cell.Text != "3" {
		t.Errorf("after a lone 3: %+v, want the 'needs more evidence' colour %v", cell, palette.NeedsEvidence)
	}
	if classMapSameColor(cell.Fill, palette.ForValue(3, scale)) {
		t.Errorf("the cell has the colour the legend calls %q", "3 Proficient (mastered)")
	}
	if got := classMapDrawnFill(t, f.s.heat, row, col); !classMapSameColor(got, palette.NeedsEvidence) {
		t.Errorf("drawn fill %v, want %v", got, palette.NeedsEvidence)
	}

	// The legend shows the colour with its words.
	swatch, label := false, false
	for _, o := range test.LaidOutObjects(f.s.legend) {
		switch o := o.(type) {
		case *canvas.Rectangle:
			swatch = swatch || classMapSameColor(o.FillColor, palette.NeedsEvidence)
		case *canvas.Text:
			label = label || o.Text == "Not yet: meets the cut, needs more evidence"
		}
	}
	if !swatch || !label {
		t.Errorf("legend: swatch %v, label %v", swatch, label)
	}

	// A second piece of evidence at the cut masters it: green.
	f.w.Canvas().Focus(f.s.detail.score)
	uitest.TypeText(f.w, "3")
	uitest.PressKey(f.w, fyne.KeyReturn)
	row, col = f.cellOf(t, "S003", "NO.2.2")
	if fill := f.s.heat.Cell(row, col).Fill; !classMapSameColor(fill, palette.ForValue(3, scale)) {
		t.Errorf("after a second 3 the cell is %v, want mastered %v", fill, palette.ForValue(3, scale))
	}
}
