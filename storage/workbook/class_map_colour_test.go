package workbook_test

import (
	"bytes"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/xuri/excelize/v2"
)

// Given the demo with Camila Reyes (S003) scored a 3 on NO.2.2, which
// needs 2 pieces of evidence, when it is exported, then her Class map
// cell has the colour and the text of "not yet: meets the cut, needs
// more evidence", not the mastered green of a 3, and the legend names it.
func TestClassMapSheetNeedsMoreEvidence(t *testing.T) {
	d := demo.Classroom()
	d.Evidence = append(d.Evidence, continuum.Evidence{ID: 1 << 20, Continuum: d.Continuum.ID, Student: "S003", Target: "NO.2.2",
		Date: continuum.NewDate(2026, 12, 1), Score: 3, Kind: continuum.Formative})
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	k, _ := g.Lookup("NO.2.2")
	if g.Targets[k].Required() != 2 {
		t.Fatalf("NO.2.2 needs %d pieces of evidence; this test wants 2", g.Targets[k].Required())
	}
	row := slices.IndexFunc(d.Students, func(s continuum.Student) bool { return s.ID == "S003" })
	if row < 0 || d.Students[row].Name != "Camila Reyes" {
		t.Fatal("no Camila Reyes in the demo")
	}
	class := g.ClassPositions(d.Class(), positionsDay)
	m := class[row].Mastery[k]
	if m.Mastered || !m.HasValue || m.Value != 3 || m.Count != 1 {
		t.Fatalf("Camila on NO.2.2 is judged %+v; want a lone 3, not yet mastered", m)
	}

	f, err := excelize.OpenReader(bytes.NewReader(encode(t, bookOf(d), workbook.EncodeOptions{})))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	ref, _ := excelize.CoordinatesToCellName(k+3, row+2)
	if id, _ := f.GetCellValue("Class map", fmt.Sprintf("A%d", row+2)); id != "S003" {
		t.Fatalf("Class map row of %s is %q", ref, id)
	}
	hex := func(c color.NRGBA) string { return strings.TrimPrefix(palette.Hex(c), "#") }
	s, _ := f.GetCellStyle("Class map", ref)
	style, _ := f.GetStyle(s)
	fill := strings.ToUpper(style.Fill.Color[0])
	if fill != hex(palette.NeedsEvidence) {
		t.Errorf("Class map!%s is filled %s, want %s (needs more evidence)", ref, fill, hex(palette.NeedsEvidence))
	}
	if fill == hex(palette.ForValue(3, &d.Continuum.Scale)) {
		t.Errorf("Class map!%s has the mastered colour of a 3", ref)
	}
	if v, _ := f.GetCellValue("Class map", ref); v != "NY+" {
		t.Errorf("Class map!%s reads %q, want NY+", ref, v)
	}

	// The legend has the entry, in that colour, with that text.
	rows, _ := f.GetRows("Class map")
	found := false
	for i, r := range rows {
		if len(r) >= 3 && r[1] == palette.NeedsEvidenceLabel {
			found = true
			ks, _ := f.GetCellStyle("Class map", fmt.Sprintf("C%d", i+1))
			kst, _ := f.GetStyle(ks)
			if got := strings.ToUpper(kst.Fill.Color[0]); got != hex(palette.NeedsEvidence) || r[2] != "NY+" {
				t.Errorf("legend row %d: %q filled %s", i+1, r, got)
			}
		}
	}
	if !found {
		t.Errorf("no legend entry %q", palette.NeedsEvidenceLabel)
	}
}
