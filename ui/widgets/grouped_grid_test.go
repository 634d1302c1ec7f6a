package widgets

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// groupedGraph is a small continuum with a strand, a cluster inside it
// and a second strand, targets in each and one directly in its domain.
func groupedGraph(t testing.TB) *continuum.Graph {
	t.Helper()
	c := continuum.NewContinuum("Reading", "Level 1", "Level 2")
	c.Domains = []continuum.Domain{{Name: "Literature", Category: continuum.Academic}, {Name: "Perseverance", Category: continuum.Lifelong}}
	c.Groups = []continuum.Group{
		{Key: "kid", Code: "RL.KID", Name: "Key Ideas", Statement: "Read closely.", Domain: "Literature"},
		{Key: "cs", Name: "Craft", Domain: "Literature"},
		{Key: "inf", Code: "RL.KID.1", Name: "Inferences", Domain: "Literature", Parent: "kid"},
	}
	g, err := continuum.NewGraph(c, []continuum.Target{
		{Code: "RL.1", Statement: "I can infer.", Domain: "Literature", Level: "Level 1", Order: 1, Group: "inf"},
		{Code: "RL.2", Statement: "I can retell.", Domain: "Literature", Level: "Level 1", Order: 2, Group: "kid"},
		{Code: "RL.3", Statement: "I can name a genre.", Domain: "Literature", Level: "Level 1", Order: 3},
		{Code: "RL.4", Statement: "I can see how a story is built.", Domain: "Literature", Level: "Level 2", Order: 1, Group: "cs"},
		{Code: "PE.1", Statement: "I can keep going.", Domain: "Perseverance", Level: "Level 1", Order: 1},
	})
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestGroupedGridGolden(t *testing.T) {
	for _, tt := range []struct {
		name, golden string
		setup        func(g *GroupedGrid)
	}{
		{"groups", "grouped_grid/groups.xml", func(*GroupedGrid) {}},
		{"with add buttons", "grouped_grid/add.xml", func(g *GroupedGrid) { g.SetOnAdd(func(string, string, string) {}) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			g := NewGroupedGrid(nil)
			g.SetGraph(groupedGraph(t))
			w := test.NewTempWindow(t, g)
			w.Resize(fyne.NewSize(640, 520))
			tt.setup(g)
			test.AssertRendersToMarkup(t, tt.golden, w.Canvas())
		})
	}
}

// Given a grid with groups, tapping a heading names its group, tapping a
// card its target, and the add button below a cell's last card names
// that card's group.
func TestGroupedGridTaps(t *testing.T) {
	test.NewTempApp(t)
	var tapped, groups, added []string
	g := NewGroupedGrid(func(code string) { tapped = append(tapped, code) })
	g.OnGroupTapped = func(key string) { groups = append(groups, key) }
	g.SetOnAdd(func(domain, group, level string) { added = append(added, domain+"/"+group+"/"+level) })
	g.SetGraph(groupedGraph(t))
	w := test.NewTempWindow(t, g)
	w.Resize(fyne.NewSize(640, 520))

	test.Tap(g.Card("RL.1"))
	if h := g.Headings("inf"); len(h) != 1 || h[0].Group.Depth != 1 {
		t.Fatalf("headings of inf: %v", h)
	}
	test.Tap(g.Headings("inf")[0])
	test.Tap(g.Headings("KID")[0])
	if !slices.Equal(tapped, []string{"RL.1"}) || !slices.Equal(groups, []string{"inf", "kid"}) {
		t.Errorf("tapped %v, groups %v", tapped, groups)
	}
	for _, o := range test.LaidOutObjects(g.content) {
		if b, ok := o.(*widget.Button); ok {
			test.Tap(b)
		}
	}
	want := []string{"Literature/inf/Level 1", "Literature/cs/Level 2", "Perseverance//Level 1", "Perseverance//Level 2"}
	if !slices.Equal(added, want) {
		t.Errorf("add buttons name %q, want %q", added, want)
	}
}

func TestGroupTreeOrder(t *testing.T) {
	c := continuum.NewContinuum("C", "1")
	c.Domains = []continuum.Domain{{Name: "A", Category: continuum.Academic}, {Name: "B", Category: continuum.Academic}}
	c.Groups = []continuum.Group{
		{Key: "b1", Name: "B one", Domain: "B"},
		{Key: "a1", Name: "A one", Domain: "A"},
		{Key: "a1x", Name: "A one x", Domain: "A", Parent: "A1"},
		{Key: "a2", Name: "A two", Domain: "A"},
		{Key: "a1y", Code: "Y", Name: "A one y", Domain: "A", Parent: "a1"},
		{Key: "a1xz", Name: "deep", Domain: "A", Parent: "a1x"},
		{Key: "lost", Name: "parent missing", Domain: "B", Parent: "nowhere"},
	}
	tree := NewGroupTree(&c)
	var got []string
	for _, g := range tree.Groups {
		got = append(got, fmt.Sprintf("%d:%s", g.Depth, g.Key))
	}
	want := []string{"0:a1", "1:a1x", "2:a1xz", "1:a1y", "0:a2", "0:b1", "0:lost"}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
	if p := tree.Path("A1XZ"); p != "A one › A one x › deep" {
		t.Errorf("path %q", p)
	}
	if p := tree.Path("a1y"); p != "A one › Y A one y" {
		t.Errorf("path with a code %q", p)
	}
	if tree.Path("") != "" || tree.Rank("") != -1 || tree.Rank("b1") != 5 {
		t.Errorf("no group: path %q, rank %d; b1 rank %d", tree.Path(""), tree.Rank(""), tree.Rank("b1"))
	}
	if !tree.Inside("a1xz", "a1") || tree.Inside("a1", "a1xz") || tree.Inside("a2", "a1") {
		t.Error("Inside is wrong")
	}
	targets := []continuum.Target{{Code: "1", Group: "a2"}, {Code: "2"}, {Code: "3", Group: "a1x"}, {Code: "4", Group: "a1"}, {Code: "5"}}
	tree.SortTargets(targets)
	var codes []string
	for _, tg := range targets {
		codes = append(codes, tg.Code)
	}
	if !slices.Equal(codes, []string{"2", "5", "4", "3", "1"}) {
		t.Errorf("sorted %v", codes)
	}
	// A loop is shown once each rather than lost.
	c.Groups = []continuum.Group{{Key: "p", Name: "P", Domain: "A", Parent: "q"}, {Key: "q", Name: "Q", Domain: "A", Parent: "p"}}
	if tree := NewGroupTree(&c); len(tree.Groups) != 2 || len(tree.Ancestors("p")) > 2 {
		t.Errorf("a loop: %+v", tree.Groups)
	}
}

// bigGroupedGraph is a continuum of the size of a whole state framework:
// 4 domains × 13 levels × 24 targets (1,248), in 3 clusters per domain
// and level, each inside one of 2 strands per domain.
func bigGroupedGraph(tb testing.TB) *continuum.Graph {
	tb.Helper()
	levels := []string{"K", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12"}
	c := continuum.NewContinuum("State ELA", levels...)
	var targets []continuum.Target
	for d := range 4 {
		dom := fmt.Sprintf("Domain %d", d+1)
		c.Domains = append(c.Domains, continuum.Domain{Name: dom, Category: continuum.Academic})
		for s := range 2 {
			c.Groups = append(c.Groups, continuum.Group{Key: fmt.Sprintf("D%d.S%d", d, s), Name: fmt.Sprintf("Strand %d", s+1), Domain: dom})
		}
		for _, lv := range levels {
			for k := range 3 {
				key := fmt.Sprintf("D%d.%s.C%d", d, lv, k)
				c.Groups = append(c.Groups, continuum.Group{Key: key, Code: key, Name: "Cluster of related standards",
					Statement: "Students understand how the ideas of this cluster fit together and use them.", Domain: dom, Parent: fmt.Sprintf("D%d.S%d", d, k%2)})
				for n := range 8 {
					targets = append(targets, continuum.Target{Code: fmt.Sprintf("%s.%d", key, n), Statement: "I can explain a thing in my own words and use it.",
						Domain: dom, Level: lv, Order: k*8 + n + 1, Group: key})
				}
			}
		}
	}
	g, err := continuum.NewGraph(c, targets)
	if err != nil {
		tb.Fatal(err)
	}
	return g
}

// Given 1,248 targets in 164 groups, the grid with groups is built and
// laid out in a window about as fast as the flat grid of the same
// targets: the best of three runs of each, interleaved, so that a busy
// machine slows both alike.
func TestGroupedGridIsFastForAWholeFramework(t *testing.T) {
	if testing.Short() {
		t.Skip("measures time")
	}
	test.NewTempApp(t)
	graph := bigGroupedGraph(t)
	build := func(grouped bool) time.Duration {
		start := time.Now()
		var obj fyne.CanvasObject
		if grouped {
			g := NewGroupedGrid(nil)
			g.SetOnAdd(func(string, string, string) {})
			g.SetGraph(graph)
			obj = g
		} else {
			g := NewContinuumGrid(nil)
			g.SetOnAdd(func(string, string) {})
			g.SetGraph(graph)
			obj = g
		}
		w := test.NewTempWindow(t, obj)
		w.Resize(fyne.NewSize(1366, 768))
		return time.Since(start)
	}
	build(false) // the first measures every text once: a cost of the process, not of the grid
	flat, grouped := time.Hour, time.Hour
	for range 3 {
		flat = min(flat, build(false))
		grouped = min(grouped, build(true))
	}
	t.Logf("1,248 targets, best of 3: flat grid %v, grid with groups %v", flat, grouped)
	if grouped > 2*flat+100*time.Millisecond {
		t.Errorf("the grid with groups took %v for 1,248 targets, the flat grid %v", grouped, flat)
	}
}

func BenchmarkGroupedGridSetGraph1248(b *testing.B) {
	test.NewTempApp(b)
	graph := bigGroupedGraph(b)
	g := NewGroupedGrid(nil)
	g.SetOnAdd(func(string, string, string) {})
	w := test.NewTempWindow(b, g)
	w.Resize(fyne.NewSize(1366, 768))
	for b.Loop() {
		g.SetGraph(graph)
		g.Refresh()
	}
}

// BenchmarkContinuumGridSetGraph1248 is the yardstick for
// BenchmarkGroupedGridSetGraph1248: the same continuum on the flat grid.
func BenchmarkContinuumGridSetGraph1248(b *testing.B) {
	test.NewTempApp(b)
	graph := bigGroupedGraph(b)
	g := NewContinuumGrid(nil)
	g.SetOnAdd(func(string, string) {})
	w := test.NewTempWindow(b, g)
	w.Resize(fyne.NewSize(1366, 768))
	for b.Loop() {
		g.SetGraph(graph)
		g.Refresh()
	}
}
