package widgets

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
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
