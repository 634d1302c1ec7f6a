package widgets

import (
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
)

// tinyHeatMap is three students on two domains: a position column and
// three targets over two levels in Fluency, a position and one target in
// Perseverance.
func tinyHeatMap() *HeatMap {
	cols := []HeatMapColumn{
		{Domain: "Fluency", Level: "Position", Code: "secured → working", Text: true, Sample: "Level 1 → Level 2"},
		{Domain: "Fluency", Level: "Level 1", Code: "FL.1"},
		{Domain: "Fluency", Level: "Level 1", Code: "FL.2", Strong: true},
		{Domain: "Fluency", Level: "Level 2", Code: "FL.3"},
		{Domain: "Perseverance", Level: "Position", Code: "secured → working", Text: true, Sample: "Level 1 → Level 2"},
		{Domain: "Perseverance", Level: "Level 1", Code: "PE.1"},
	}
	scale := continuum.DefaultScale()
	fills := [][]HeatMapCell{
		{{Text: "Level 1 → Level 2"}, {Fill: palette.ForValue(3.5, &scale), Text: "3.5"}, {Fill: palette.ForValue(3, &scale), Text: "3"}, {Fill: palette.NoEvidence},
			{Text: "— → Level 1"}, {Fill: palette.ForValue(2, &scale), Text: "2"}},
		{{Text: "— → Level 1"}, {Fill: palette.ForValue(1, &scale), Text: "1"}, {Fill: palette.NoEvidence}, {Fill: palette.NoEvidence},
			{Text: "Level 1 → Level 1"}, {Fill: palette.ForValue(3, &scale), Outline: palette.Override, Text: "3"}},
		{{Text: "Level 2 → Level 2"}, {Fill: palette.Placement}, {Fill: palette.Placement}, {Fill: palette.ForValue(4, &scale), Text: "4"},
			{Text: "— → Level 1"}, {Fill: palette.NoEvidence}},
	}
	h := NewHeatMap("Student", func(row, col int) HeatMapCell { return fills[row][col] })
	h.Set(cols, []HeatMapRow{{Name: "Ana Lopez"}, {Name: "Ben Okafor", Detail: "3 attempts", Strong: true}, {Name: "Chloé Martin"}})
	return h
}

func TestHeatMapGolden(t *testing.T) {
	tests := []struct {
		name   string
		golden string
		setup  func(h *HeatMap)
	}{
		{"three students", "heat_map/three_students.xml", func(*HeatMap) {}},
		{"a chosen column and a marked row", "heat_map/chosen.xml", func(h *HeatMap) {
			h.SetChosenColumn(2)
			h.SetMarkedRow(0)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			h := tinyHeatMap()
			w := test.NewTempWindow(t, h)
			w.Resize(fyne.NewSize(720, 200))
			tt.setup(h)
			test.AssertRendersToMarkup(t, tt.golden, w.Canvas())
		})
	}
}

func TestHeatMapShape(t *testing.T) {
	test.NewTempApp(t)
	h := tinyHeatMap()
	rows, cols := h.Length()
	if rows != HeatMapHeaderRows+3 || cols != 1+6 {
		t.Errorf("table of %d×%d, want %d×7", rows, cols, HeatMapHeaderRows+3)
	}
	if h.StickyRowCount != HeatMapHeaderRows || h.StickyColumnCount != 1 {
		t.Errorf("sticky rows %d, columns %d: the headers and names must stay put", h.StickyRowCount, h.StickyColumnCount)
	}
	if id := HeatMapCellID(0, 1); id.Row != HeatMapHeaderRows || id.Col != 2 {
		t.Errorf("HeatMapCellID(0, 1) = %+v", id)
	}
}

// TestHeatMapTaps: a tap on a code chooses its column, on a name its row,
// on a data cell the cell; only the data cell stays selected.
func TestHeatMapTaps(t *testing.T) {
	test.NewTempApp(t)
	h := tinyHeatMap()
	w := test.NewTempWindow(t, h)
	w.Resize(fyne.NewSize(720, 200))
	var got []string
	h.OnColumnTapped = func(col int) { got = append(got, "column "+h.Columns()[col].Code) }
	h.OnRowTapped = func(row int) { got = append(got, "row "+h.Rows()[row].Name) }
	h.OnCellTapped = func(row, col int) { got = append(got, "cell "+h.Rows()[row].Name+" "+h.Columns()[col].Code) }
	h.Select(HeatMapCellID(-1, 3)) // the code row
	h.Select(HeatMapCellID(1, -1)) // a name
	h.Select(HeatMapCellID(2, 3))
	want := []string{"column FL.3", "row Ben Okafor", "cell Chloé Martin FL.3"}
	if len(got) != len(want) {
		t.Fatalf("got %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("tap %d: %q, want %q", i, got[i], want[i])
		}
	}
}

// TestHeatCutBand: a label spanning three columns is shared out so that each
// column draws the letters ending inside it, and the pieces join up.
func TestHeatCutBand(t *testing.T) {
	test.NewTempApp(t)
	cols := []HeatMapColumn{{Level: "Level 1"}, {Level: "Level 1"}, {Level: "Level 1"}, {Level: "Level 2"}}
	x := []float32{0, 24, 48, 72, 96} // columns of 20 with a gap of 4
	pieces := heatCutBand(cols, x, func(c HeatMapColumn) string { return c.Level },
		func(a, b HeatMapColumn) bool { return a.Level == b.Level }, fyne.TextStyle{}, 12, 4)
	joined := ""
	for _, p := range pieces[:3] {
		joined += p.text
	}
	if joined != "Level 1" {
		t.Errorf("pieces %+v join to %q, want the whole label", pieces[:3], joined)
	}
	if !pieces[0].first || pieces[1].first || !pieces[2].last || pieces[0].last {
		t.Errorf("band ends wrong: %+v", pieces)
	}
	if pieces[0].x != heatInset {
		t.Errorf("the label starts at %g, want the inset %d", pieces[0].x, heatInset)
	}
	// The one-column band of Level 2 has room only for the level's last word.
	if pieces[3].text != "2" || !pieces[3].first || !pieces[3].last {
		t.Errorf("short band: %+v, want \"2\"", pieces[3])
	}
}

func TestHeatInkOn(t *testing.T) {
	if heatInkOn(color.NRGBA{R: 0x2e, G: 0x8b, B: 0x57, A: 0xff}) != color.White {
		t.Error("dark green needs white ink")
	}
	if heatInkOn(palette.NoEvidence) == color.White {
		t.Error("light grey needs dark ink")
	}
}

func TestHeatMapLegendGolden(t *testing.T) {
	test.NewTempApp(t)
	scale := continuum.DefaultScale()
	l := NewHeatMapLegend(palette.Key(&scale))
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(1200, 40))
	test.AssertRendersToMarkup(t, "heat_map/legend.xml", w.Canvas())
}

func TestHeatMapLegendRunsOnInRows(t *testing.T) {
	test.NewTempApp(t)
	scale := continuum.DefaultScale()
	l := NewHeatMapLegend(palette.Key(&scale))
	w := test.NewTempWindow(t, container.NewBorder(nil, l, nil, nil, nil))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(2400, 200))
	oneRow := l.MinSize().Height
	w.Resize(fyne.NewSize(480, 200))
	// The desktop driver lays a parent out again, on its next frame, when
	// a child's minimum size has changed; the test driver does not.
	w.Content().Refresh()
	if l.Size().Width != 480 || l.MinSize().Height < 2*oneRow {
		t.Fatalf("at 480 px: legend %v, min %v; one row is %v high", l.Size(), l.MinSize(), oneRow)
	}
	var texts []*canvas.Text
	for _, o := range test.LaidOutObjects(l) {
		if t, ok := o.(*canvas.Text); ok && t.Text != "" {
			texts = append(texts, t)
		}
	}
	if len(texts) != len(palette.Key(&scale)) {
		t.Fatalf("%d entries shown, want %d", len(texts), len(palette.Key(&scale)))
	}
	for _, tx := range texts {
		if right := tx.Position().X + tx.MinSize().Width; right > 480 {
			t.Errorf("%q ends at %v, past the legend's 480 px", tx.Text, right)
		}
		if bottom := tx.Position().Y + tx.Size().Height; bottom > l.Size().Height {
			t.Errorf("%q ends at %v below the legend's height %v", tx.Text, bottom, l.Size().Height)
		}
	}
}

func TestHeatMapLegendNarrowGolden(t *testing.T) {
	test.NewTempApp(t)
	scale := continuum.DefaultScale()
	l := NewHeatMapLegend(palette.Key(&scale))
	w := test.NewTempWindow(t, container.NewBorder(nil, l, nil, nil, nil))
	w.Resize(fyne.NewSize(520, 120))
	w.Content().Refresh() // as the desktop driver does when a minimum size changes
	test.AssertRendersToMarkup(t, "heat_map/legend_narrow.xml", w.Canvas())
}
