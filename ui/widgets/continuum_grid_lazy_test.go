package widgets

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
)

// tallGraph is a continuum of domains domains, three levels, two targets
// in every cell: far taller than a window.
func tallGraph(t *testing.T, domains int) *continuum.Graph {
	t.Helper()
	c := continuum.NewContinuum("Tall", "Level 1", "Level 2", "Level 3")
	var targets []continuum.Target
	for d := range domains {
		name := fmt.Sprintf("Domain %02d", d+1)
		c.Domains = append(c.Domains, continuum.Domain{Name: name, Category: continuum.Academic})
		for l, level := range c.Levels {
			for k := range 2 {
				targets = append(targets, continuum.Target{
					Code:      fmt.Sprintf("D%02d.%d.%d", d+1, l+1, k+1),
					Statement: "I can do what this level of the domain asks, and say how I did it.",
					Domain:    name, Level: level, Order: k + 1,
				})
			}
		}
	}
	g, err := continuum.NewGraph(c, targets)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// shownGrid is a grid of graph in a window of 800×500.
func shownGrid(t *testing.T, graph *continuum.Graph) *ContinuumGrid {
	t.Helper()
	test.NewTempApp(t)
	g := NewContinuumGrid(nil)
	g.SetGraph(graph)
	test.NewTempWindow(t, g).Resize(fyne.NewSize(800, 500))
	return g
}

// The grid builds the cards of the domains on view and half a view below
// them, not the whole continuum; scrolling down builds the rest, domain
// by domain, without moving what was already on view.
func TestContinuumGridBuildsCardsAsTheyComeOnView(t *testing.T) {
	graph := tallGraph(t, 20)
	g := shownGrid(t, graph)
	if n := len(g.cards); n == 0 || n >= len(graph.Targets) {
		t.Fatalf("shown at 800×500: %d of %d cards built, want the first domains' only", n, len(graph.Targets))
	}
	view := g.scroll.Size().Height
	for code, c := range g.cards {
		if top := g.positionInContent(c).Y; top > view*(1+buildAhead)+c.Size().Height*4 {
			t.Errorf("card %s built at %v, far below the view (%v high)", code, top, view)
		}
	}
	first := g.Card("D01.1.1")
	before := g.positionInContent(first)
	for g.built < len(graph.Continuum.Domains) {
		was := g.built
		g.scroll.ScrollToOffset(fyne.NewPos(0, g.scroll.Offset.Y+view))
		if g.built == was && g.scroll.Offset.Y+view >= g.content.Size().Height {
			t.Fatalf("scrolled to the end with %d of %d domains built", g.built, len(graph.Continuum.Domains))
		}
	}
	if n := len(g.cards); n != len(graph.Targets) {
		t.Errorf("scrolled to the end: %d of %d cards built", n, len(graph.Targets))
	}
	if after := g.positionInContent(first); after != before {
		t.Errorf("the first card moved from %v to %v as the others were built", before, after)
	}
}

// Asking for a card far below the view builds its domain (and those
// above it), and scrolling to it puts it on view.
func TestContinuumGridBuildsACardAskedFor(t *testing.T) {
	graph := tallGraph(t, 20)
	g := shownGrid(t, graph)
	if _, built := g.cards["D18.2.1"]; built {
		t.Fatal("a card of domain 18 was built before it was asked for")
	}
	c := g.Card("D18.2.1")
	if c == nil {
		t.Fatal("no card for D18.2.1")
	}
	if g.built != 18 {
		t.Errorf("asking for a card of domain 18 built %d domains, want 18", g.built)
	}
	g.ScrollTo("D18.2.1")
	top := g.positionInContent(c).Y - g.scroll.Offset.Y
	if top < 0 || top+c.Size().Height > g.scroll.Size().Height {
		t.Errorf("scrolled to D18.2.1: it is at %v in a view %v high", top, g.scroll.Size().Height)
	}
}

// A card built after a search is dimmed as the search says, and keeps
// the marks, the selection and the choice made before it was built.
func TestContinuumGridCardsBuiltLaterFollowWhatWasSet(t *testing.T) {
	graph := tallGraph(t, 20)
	g := shownGrid(t, graph)
	g.SetMarks(map[string]Mark{"D19.1.1": {Status: continuum.Mastered}})
	g.SetSelected("D19.1.2")
	g.SetSelection([]string{"D19.2.1"})
	matches := g.SetFilter("D19.1")
	if len(matches) != 2 {
		t.Fatalf("search D19.1: %v, want the two targets of domain 19 at level 1", matches)
	}
	if m := g.Card("D19.1.1").mark; m == nil || m.Status != continuum.Mastered {
		t.Errorf("D19.1.1 built after its mark was set: mark %+v", m)
	}
	if c := g.Card("D19.1.2"); !c.selected || c.dimmed {
		t.Errorf("D19.1.2 built after it was selected and found: selected %v, dimmed %v", c.selected, c.dimmed)
	}
	if c := g.Card("D19.2.1"); !c.chosen || !c.dimmed {
		t.Errorf("D19.2.1 built after it was chosen, not found: chosen %v, dimmed %v", c.chosen, c.dimmed)
	}
}

// Tab goes from card to card past those built: a focused card has the
// next domain built.
func TestContinuumGridFocusBuildsTheNextDomain(t *testing.T) {
	graph := tallGraph(t, 20)
	g := shownGrid(t, graph)
	last := fmt.Sprintf("D%02d.3.2", g.built)
	next := fmt.Sprintf("D%02d.1.1", g.built+1)
	if _, built := g.cards[next]; built {
		t.Fatalf("%s built before the focus reached the domain above it", next)
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(g)
	c.Focus(g.cards[last])
	if _, built := g.cards[next]; !built {
		t.Fatalf("the focus on %s did not build %s", last, next)
	}
	c.FocusNext()
	if f, ok := c.Focused().(*TargetCard); !ok || f.Target.Code != next {
		t.Errorf("Tab from %s went to %v, want %s", last, c.Focused(), next)
	}
}
