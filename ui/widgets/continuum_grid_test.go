package widgets

import (
	"fmt"
	"maps"
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

func smallGraph(t *testing.T) *continuum.Graph {
	t.Helper()
	c := continuum.NewContinuum("Reading", "Level 1", "Level 2")
	c.Domains = []continuum.Domain{{Name: "Fluency", Category: continuum.Academic}, {Name: "Perseverance", Category: continuum.Lifelong}}
	g, err := continuum.NewGraph(c, []continuum.Target{
		{Code: "FL.1", Statement: "I can read a grade-level passage aloud accurately.", Domain: "Fluency", Level: "Level 1", Order: 1},
		{Code: "FL.2", Statement: "I can read with expression that shows meaning.", Domain: "Fluency", Level: "Level 2", Order: 1, Milestone: true, Prerequisites: []string{"FL.1"}},
		{Code: "PE.1", Statement: "I can keep going when a text is hard.", Domain: "Perseverance", Level: "Level 1", Order: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestContinuumGridGolden(t *testing.T) {
	tests := []struct {
		name   string
		golden string
		setup  func(g *ContinuumGrid)
	}{
		{"plain", "continuum_grid/plain.xml", func(*ContinuumGrid) {}},
		{"a student's marks", "continuum_grid/marked.xml", func(g *ContinuumGrid) {
			g.SetMarks(map[string]Mark{
				"FL.1": {Status: continuum.Mastered, Value: "3.48"},
				"FL.2": {Status: continuum.NotYet, Value: "2.1"},
				"PE.1": {Status: continuum.Mastered, Override: true},
			})
		}},
		{"filtered and selected", "continuum_grid/filtered.xml", func(g *ContinuumGrid) {
			g.SetFilter("expression")
			g.SetSelected("FL.2")
		}},
		{"several chosen", "continuum_grid/chosen.xml", func(g *ContinuumGrid) {
			g.SetSelection([]string{"FL.1", "PE.1"})
		}},
		{"with add buttons", "continuum_grid/add.xml", func(g *ContinuumGrid) {
			g.SetOnAdd(func(string, string) {})
		}},
		{"a selected target's neighbours", "continuum_grid/neighbours.xml", func(g *ContinuumGrid) {
			g.SetGraph(chainGraph(t))
			g.SetSelected("FL.2")
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			g := NewContinuumGrid(nil)
			g.SetGraph(smallGraph(t))
			w := test.NewTempWindow(t, g)
			w.Resize(fyne.NewSize(640, 420))
			tt.setup(g)
			test.AssertRendersToMarkup(t, tt.golden, w.Canvas())
		})
	}
}

func TestContinuumGridTapsAndKeys(t *testing.T) {
	test.NewTempApp(t)
	var tapped []string
	g := NewContinuumGrid(func(code string) { tapped = append(tapped, code) })
	g.SetGraph(smallGraph(t))
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(640, 420))

	test.Tap(g.Card("fl.2"))
	card := g.Card("PE.1")
	w.Canvas().Focus(card)
	card.TypedRune(' ')
	card.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if want := []string{"FL.2", "PE.1", "PE.1"}; !slices.Equal(tapped, want) {
		t.Errorf("tapped %v, want %v", tapped, want)
	}
	if !card.focused {
		t.Error("focused card does not know it")
	}
}

func TestContinuumGridFilter(t *testing.T) {
	test.NewTempApp(t)
	g := NewContinuumGrid(nil)
	g.SetGraph(smallGraph(t))
	if got := g.SetFilter("read"); !slices.Equal(got, []string{"FL.1", "FL.2"}) {
		t.Errorf("filter read = %v", got)
	}
	if got := g.SetFilter("pe.1"); !slices.Equal(got, []string{"PE.1"}) {
		t.Errorf("filter by code = %v", got)
	}
	if !g.Card("FL.1").dimmed || g.Card("PE.1").dimmed {
		t.Error("dimming does not follow the filter")
	}
	if got := g.SetFilter(""); got != nil || g.Card("FL.1").dimmed {
		t.Errorf("empty filter: %v, FL.1 dimmed %v", got, g.Card("FL.1").dimmed)
	}
}

func TestContinuumGridMarksDefaultToNoEvidence(t *testing.T) {
	test.NewTempApp(t)
	g := NewContinuumGrid(nil)
	g.SetGraph(smallGraph(t))
	g.SetMarks(map[string]Mark{"FL.1": {Status: continuum.Mastered}})
	if m := g.Card("FL.2").mark; m == nil || m.Status != continuum.NoEvidence {
		t.Errorf("unmarked target: %+v", m)
	}
	g.SetMarks(nil)
	if g.Card("FL.1").mark != nil {
		t.Error("marks not removed")
	}
}

func TestContinuumGridAddButtonsNameTheirCell(t *testing.T) {
	test.NewTempApp(t)
	g := NewContinuumGrid(nil)
	g.SetGraph(smallGraph(t))
	test.NewTempWindow(t, g).Resize(fyne.NewSize(800, 600)) // cells are built as they come on view
	var cells []string
	g.SetOnAdd(func(domain, level string) { cells = append(cells, domain+"/"+level) })
	for _, o := range test.LaidOutObjects(g.content) {
		if b, ok := o.(*widget.Button); ok {
			test.Tap(b)
		}
	}
	want := []string{"Fluency/Level 1", "Fluency/Level 2", "Perseverance/Level 1", "Perseverance/Level 2"}
	if !slices.Equal(cells, want) {
		t.Errorf("add buttons called %v, want %v", cells, want)
	}
	if g.Card("FL.2") == nil {
		t.Error("the cards went with the add buttons")
	}
	g.SetOnAdd(nil)
	for _, o := range test.LaidOutObjects(g.content) {
		if _, ok := o.(*widget.Button); ok {
			t.Fatal("SetOnAdd(nil) left an add button")
		}
	}
}

func TestContinuumGridSelectsSeveral(t *testing.T) {
	test.NewTempApp(t)
	g := NewContinuumGrid(nil)
	g.SetGraph(smallGraph(t))
	g.SetSelection([]string{"fl.1", "PE.1"})
	if !g.Card("FL.1").chosen || !g.Card("PE.1").chosen || g.Card("FL.2").chosen || g.Card("FL.1").selected {
		t.Error("SetSelection does not choose exactly its cards")
	}
	g.SetSelected("FL.2")
	g.SetGraph(smallGraph(t)) // rebuilt cards keep both kinds of selection
	if !g.Card("FL.1").chosen || !g.Card("FL.2").selected || g.Card("FL.2").chosen {
		t.Error("a rebuild lost the selection")
	}
	g.SetSelected("")
	g.SetSelection(nil)
	for _, code := range []string{"FL.1", "FL.2", "PE.1"} {
		if g.Card(code).selected || g.Card(code).chosen {
			t.Errorf("%s still selected", code)
		}
	}
}

// chainGraph has FL.1 → FL.2 → FL.3 (each needs the one before) and an
// unrelated PE.1.
func chainGraph(t *testing.T) *continuum.Graph {
	t.Helper()
	c := continuum.NewContinuum("Reading", "Level 1", "Level 2", "Level 3")
	c.Domains = []continuum.Domain{{Name: "Fluency", Category: continuum.Academic}, {Name: "Perseverance", Category: continuum.Lifelong}}
	g, err := continuum.NewGraph(c, []continuum.Target{
		{Code: "FL.1", Statement: "I can read a grade-level passage aloud accurately.", Domain: "Fluency", Level: "Level 1", Order: 1},
		{Code: "FL.2", Statement: "I can read with expression that shows meaning.", Domain: "Fluency", Level: "Level 2", Order: 1, Prerequisites: []string{"FL.1"}},
		{Code: "FL.3", Statement: "I can change my pace to suit the text.", Domain: "Fluency", Level: "Level 3", Order: 1, Milestone: true, Prerequisites: []string{"FL.2", "PE.1"}},
		{Code: "PE.1", Statement: "I can keep going when a text is hard.", Domain: "Perseverance", Level: "Level 1", Order: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestContinuumGridMarksPrerequisitesAndDependents(t *testing.T) {
	test.NewTempApp(t)
	g := NewContinuumGrid(nil)
	g.SetGraph(chainGraph(t))
	relations := func() map[string]Relation {
		out := map[string]Relation{}
		for _, code := range []string{"FL.1", "FL.2", "FL.3", "PE.1"} {
			out[code] = g.Card(code).Relation()
		}
		return out
	}
	tests := []struct {
		selected string
		want     map[string]Relation
	}{
		{"fl.2", map[string]Relation{"FL.1": PrerequisiteOfSelected, "FL.2": Unrelated, "FL.3": DependsOnSelected, "PE.1": Unrelated}},
		{"FL.3", map[string]Relation{"FL.1": Unrelated, "FL.2": PrerequisiteOfSelected, "FL.3": Unrelated, "PE.1": PrerequisiteOfSelected}},
		{"PE.1", map[string]Relation{"FL.1": Unrelated, "FL.2": Unrelated, "FL.3": DependsOnSelected, "PE.1": Unrelated}},
		{"", map[string]Relation{"FL.1": Unrelated, "FL.2": Unrelated, "FL.3": Unrelated, "PE.1": Unrelated}},
	}
	for _, tt := range tests {
		g.SetSelected(tt.selected)
		if got := relations(); !maps.Equal(got, tt.want) {
			t.Errorf("selected %q: relations %v, want %v", tt.selected, got, tt.want)
		}
	}
	// A rebuild (the continuum saved again) keeps the marks.
	g.SetSelected("FL.2")
	g.SetGraph(chainGraph(t))
	if g.Card("FL.1").Relation() != PrerequisiteOfSelected || g.Card("FL.3").Relation() != DependsOnSelected {
		t.Error("a rebuild lost the marks of the selected card's neighbours")
	}
}

func TestContinuumGridEscClearsTheSelection(t *testing.T) {
	test.NewTempApp(t)
	g := NewContinuumGrid(nil)
	g.SetGraph(chainGraph(t))
	cleared := 0
	g.OnCleared = func() { cleared++; g.SetSelected("") }
	g.SetSelected("FL.2")
	g.Card("FL.2").TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if cleared != 1 || g.Card("FL.1").Relation() != Unrelated || g.Card("FL.2").selected {
		t.Errorf("Esc: cleared %d times, FL.1 %v, FL.2 selected %v", cleared, g.Card("FL.1").Relation(), g.Card("FL.2").selected)
	}
}

// levelHeads returns the level names' labels of the grid's header.
func levelHeads(g *ContinuumGrid) []fyne.CanvasObject { return g.header.Objects[1:] }

// cellsOfRow returns the cells of a domain's row (d from 0), after its name.
func cellsOfRow(g *ContinuumGrid, d int) []fyne.CanvasObject {
	cols := 1 + g.columns.levels
	return g.content.Objects[d*cols+1 : (d+1)*cols]
}

func TestContinuumGridColumnsShareTheWidthAndLineUpWithTheHeader(t *testing.T) {
	for _, width := range []float32{760, 1000, 1900} {
		test.NewTempApp(t)
		g := NewContinuumGrid(nil)
		g.SetGraph(chainGraph(t))
		w := test.NewTempWindow(t, g)
		w.Resize(fyne.NewSize(width, 500))
		heads, cells := levelHeads(g), cellsOfRow(g, 1)
		if len(heads) != 3 || len(cells) != 3 {
			t.Fatalf("width %v: %d heads, %d cells", width, len(heads), len(cells))
		}
		last := cells[2]
		right := last.Position().X + last.Size().Width
		if right > g.Size().Width || right < g.Size().Width-2*theme.Padding()-3 {
			t.Errorf("width %v: the last column ends at %v of %v: the levels do not share the width", width, right, g.Size().Width)
		}
		for i := range heads {
			if heads[i].Position().X != cells[i].Position().X || heads[i].Size().Width != cells[i].Size().Width {
				t.Errorf("width %v: level %d head at %v wide %v, cells at %v wide %v", width, i+1,
					heads[i].Position().X, heads[i].Size().Width, cells[i].Position().X, cells[i].Size().Width)
			}
		}
	}
}

func TestContinuumGridHeaderStaysInViewAndFollowsSideways(t *testing.T) {
	test.NewTempApp(t)
	c := continuum.NewContinuum("Many", "L1", "L2", "L3", "L4", "L5", "L6", "L7", "L8")
	c.Domains = []continuum.Domain{{Name: "D", Category: continuum.Academic}}
	var targets []continuum.Target
	for i, l := range c.Levels {
		for k := 1; k <= 8; k++ {
			targets = append(targets, continuum.Target{Code: fmt.Sprintf("D.%d.%d", i+1, k), Statement: "I can do a thing that takes a few words to say.", Domain: "D", Level: l, Order: k})
		}
	}
	graph, err := continuum.NewGraph(c, targets)
	if err != nil {
		t.Fatal(err)
	}
	g := NewContinuumGrid(nil)
	g.SetGraph(graph)
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(800, 300))

	if got := levelHeads(g)[0].Size().Width; got != minLevelColumnWidth {
		t.Errorf("eight levels in 800 px: columns %v wide, want the least width %v", got, float32(minLevelColumnWidth))
	}
	// Scrolled as a wheel or touchpad does: down and to the right.
	g.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(-300, -120)})
	if g.scroll.Offset != fyne.NewPos(300, 120) {
		t.Fatalf("the cells did not scroll: %v", g.scroll.Offset)
	}
	if g.heading.Position().Y != 0 || g.heading.Offset.Y != 0 {
		t.Errorf("the header scrolled away: at %v, offset %v", g.heading.Position(), g.heading.Offset)
	}
	if g.heading.Offset.X != g.scroll.Offset.X {
		t.Errorf("header offset %v, cells offset %v: the names left their columns", g.heading.Offset.X, g.scroll.Offset.X)
	}
	g.heading.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(200, 0)})
	if g.scroll.Offset != fyne.NewPos(100, 120) {
		t.Errorf("scrolling the header moved the cells to %v", g.scroll.Offset)
	}
}
