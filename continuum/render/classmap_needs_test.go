package render

import (
	"image"
	"slices"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/continuum/palette"
)

// Given Camila Reyes (S003) with a lone 3 on NO.2.2, which needs 2 pieces
// of evidence, when the class map is drawn, then her cell has the colour
// of "not yet: meets the cut, needs more evidence", not the mastered
// green of a 3, and the legend shows that colour.
func TestClassMapNeedsMoreEvidenceHasItsOwnColour(t *testing.T) {
	d := demo.Classroom()
	d.Evidence = append(d.Evidence, continuum.Evidence{ID: 1 << 20, Continuum: d.Continuum.ID, Student: "S003", Target: "NO.2.2",
		Date: continuum.NewDate(2026, 11, 19), Score: 3, Kind: continuum.Formative})
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	class := g.ClassPositions(d.Class(), continuum.NewDate(2026, 11, 20))
	row := slices.IndexFunc(class, func(sp continuum.StudentPositions) bool { return sp.Student.ID == "S003" })
	col, _ := g.Lookup("NO.2.2")
	if row < 0 || class[row].Mastery[col].Mastered || class[row].Mastery[col].Value != 3 {
		t.Fatalf("Camila on NO.2.2: row %d, %+v; want a lone 3, not yet", row, class[row].Mastery[col])
	}
	img, err := ClassMapImage(g, class, "Math Foundations")
	if err != nil {
		t.Fatal(err)
	}
	p := CellOrigin(g, row, col).Add(image.Pt(cellW/2, cellH/2))
	got := img.NRGBAAt(p.X, p.Y)
	if got != palette.NeedsEvidence {
		t.Errorf("Camila's NO.2.2 cell is %v, want %v (needs more evidence)", got, palette.NeedsEvidence)
	}
	if got == palette.ForValue(3, &g.Continuum.Scale) {
		t.Error("Camila's NO.2.2 cell has the mastered colour of a 3")
	}
	// The legend, below the grid, has a swatch of that colour.
	legendTop := CellOrigin(g, len(class), 0).Y
	found := false
	for y := legendTop; y < img.Bounds().Dy() && !found; y++ {
		for x := 0; x < img.Bounds().Dx(); x++ {
			if img.NRGBAAt(x, y) == palette.NeedsEvidence {
				found = true
				break
			}
		}
	}
	if !found {
		t.Error("the legend has no swatch for 'needs more evidence'")
	}
}
