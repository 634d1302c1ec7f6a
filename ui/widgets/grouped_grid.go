package widgets

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// GroupedGrid is the continuum grid with the hierarchy between domains
// and targets: in each cell, the targets that sit directly in their
// domain come first, then the others under their group headings (a
// cluster's heading indented under its strand's), each heading with the
// group's code, name and statement. Everything else (selection, search,
// marks, scrolling) is the ContinuumGrid it shows, which it embeds.
type GroupedGrid struct {
	widget.BaseWidget
	*ContinuumGrid

	// OnGroupTapped, when set, is called with a group's key when its
	// heading is tapped.
	OnGroupTapped func(key string)

	tree     *GroupTree
	onAdd    func(domain, group, level string)
	headings map[string][]*GroupHeading // lower-cased key → its headings, one per cell it shows in
}

// NewGroupedGrid returns an empty grid; show a continuum with SetGraph.
func NewGroupedGrid(onTapped func(code string)) *GroupedGrid {
	g := &GroupedGrid{ContinuumGrid: NewContinuumGrid(onTapped)}
	g.ContinuumGrid.startCells = func() {
		g.headings = map[string][]*GroupHeading{}
		if g.graph != nil {
			g.tree = NewGroupTree(&g.graph.Continuum)
		}
	}
	g.ContinuumGrid.cellOf = func(d, l int) fyne.CanvasObject { return g.cell(d, l) }
	g.ExtendBaseWidget(g)
	return g
}

// SetGraph shows the continuum graph (nil: nothing), its targets under
// their groups.
func (g *GroupedGrid) SetGraph(graph *continuum.Graph) { g.ContinuumGrid.SetGraph(graph) }

// SetOnAdd puts an add button at the foot of every cell; f is called with
// the cell's domain and level, and the group of the last target shown
// above the button ("" when there is none or it sits in no group). nil
// removes the buttons.
func (g *GroupedGrid) SetOnAdd(f func(domain, group, level string)) {
	g.onAdd = f
	g.ContinuumGrid.rebuild()
}

// Tree returns the groups of the continuum shown, in display order.
func (g *GroupedGrid) Tree() *GroupTree {
	if g.tree == nil {
		return NewGroupTree(&continuum.Continuum{})
	}
	return g.tree
}

// Headings returns the headings of the group with key, one for each cell
// it shows in, in grid order (every cell is built for it).
func (g *GroupedGrid) Headings(key string) []*GroupHeading {
	if g.graph != nil {
		g.buildThrough(len(g.graph.Continuum.Domains))
	}
	return g.headings[fold(key)]
}

// CreateRenderer shows the grid it embeds.
func (g *GroupedGrid) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(g.ContinuumGrid)
}

// cell returns the cards of a domain at a level, under their group
// headings: a heading for each group entered, its parents' too when the
// cell has not shown them yet. A group's heading and targets are
// indented by its depth, with a bar down their left.
func (g *GroupedGrid) cell(d, l int) *fyne.Container {
	cg := g.ContinuumGrid
	c := &cg.graph.Continuum
	targets := cg.graph.Cell(d, l)
	g.tree.SortTargets(targets)
	objs := make([]fyne.CanvasObject, 0, len(targets)+2) // one layout at the end, not one per card
	lay := &groupCellLayout{}
	var shown []TreeGroup // the headings above the card being added, outermost first
	var open []groupBar   // the bars of the groups in shown
	last := ""
	for _, t := range targets {
		if anc := g.tree.Ancestors(t.Group); !sameGroups(anc, shown) {
			common := 0
			for common < len(anc) && common < len(shown) && strings.EqualFold(anc[common].Key, shown[common].Key) {
				common++
			}
			lay.bars = append(lay.bars, open[common:]...)
			open = open[:common]
			for _, grp := range anc[common:] {
				h := NewGroupHeading(grp, g.onHeadingTapped)
				g.headings[fold(grp.Key)] = append(g.headings[fold(grp.Key)], h)
				open = append(open, groupBar{first: len(objs), last: len(objs), depth: grp.Depth})
				lay.indent = append(lay.indent, grp.Depth+1)
				objs = append(objs, h)
			}
			shown = anc
		}
		for i := range open {
			open[i].last = len(objs)
		}
		lay.indent = append(lay.indent, len(shown))
		objs = append(objs, cg.newCard(t, d))
		last = t.Group
	}
	if g.onAdd != nil {
		domain, level, group := c.Domains[d].Name, c.Levels[l], last
		b := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() {
			if g.onAdd != nil {
				g.onAdd(domain, group, level)
			}
		})
		b.Importance = widget.LowImportance
		lay.indent = append(lay.indent, 0)
		objs = append(objs, container.NewHBox(layout.NewSpacer(), b))
	}
	lay.bars = append(lay.bars, open...)
	lay.items = len(objs)
	barColor := theme.Color(theme.ColorNameInputBorder)
	for range lay.bars {
		objs = append(objs, canvas.NewRectangle(barColor))
	}
	return container.New(lay, objs...)
}

// Sizes of the groups' indentation in a cell.
const (
	groupIndent = 10 // each depth of nesting moves a group's bar right by this
	groupBarW   = 3  // a bar's width; its heading and targets start groupIndent right of its left edge
)

// groupBar is the bar down the left of one group's heading and targets in
// a cell: the first and last of the cell's items it spans, and its depth.
type groupBar struct{ first, last, depth int }

// groupCellLayout stacks a cell's items (headings, cards, the add button)
// as a VBox does, each moved right by its indent in depths, and draws
// each group's bar beside its items. objects[:items] are the items, the
// rest the bars, in the order of bars.
type groupCellLayout struct {
	indent []int // per item: how many depths it is moved right
	items  int
	bars   []groupBar
}

func (l *groupCellLayout) x(i int) float32 {
	if i >= len(l.indent) {
		return 0
	}
	return float32(l.indent[i] * groupIndent)
}

// gap returns the room above item i: a little more above a heading that
// follows a card, so that each group reads as a block.
func (l *groupCellLayout) gap(objects []fyne.CanvasObject, i int) float32 {
	if i == 0 {
		return 0
	}
	if _, ok := objects[i].(*GroupHeading); ok {
		if _, after := objects[i-1].(*GroupHeading); !after {
			return theme.Padding() * 3
		}
	}
	return theme.Padding()
}

// Layout places the items one below the other, each as wide as the cell
// less its indent, then the bars beside the items they span.
func (l *groupCellLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	n := min(l.items, len(objects))
	tops := make([]float32, n)
	bottoms := make([]float32, n)
	y := float32(0)
	for i := range n {
		o := objects[i]
		if !o.Visible() {
			tops[i], bottoms[i] = y, y
			continue
		}
		y += l.gap(objects, i)
		x := l.x(i)
		w := max(size.Width-x, 0)
		if o.Size().Width != w {
			o.Resize(fyne.NewSize(w, o.Size().Height)) // its height follows its width when it wraps
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(x, y))
		o.Resize(fyne.NewSize(w, h))
		tops[i], bottoms[i] = y, y+h
		y += h
	}
	for k, b := range l.bars {
		if n+k >= len(objects) || b.first >= n || b.last >= n {
			continue
		}
		bar := objects[n+k]
		bar.Move(fyne.NewPos(float32(b.depth*groupIndent), tops[b.first]))
		bar.Resize(fyne.NewSize(groupBarW, bottoms[b.last]-tops[b.first]))
	}
}

// MinSize is the items' heights with their gaps, as wide as the widest
// item with its indent.
func (l *groupCellLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for i := range min(l.items, len(objects)) {
		o := objects[i]
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w = max(w, m.Width+l.x(i))
		h += m.Height + l.gap(objects, i)
	}
	return fyne.NewSize(w, h)
}

// sameGroups reports whether two paths name the same groups.
func sameGroups(a, b []TreeGroup) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !strings.EqualFold(a[i].Key, b[i].Key) {
			return false
		}
	}
	return true
}

func (g *GroupedGrid) onHeadingTapped(key string) {
	if g.OnGroupTapped != nil {
		g.OnGroupTapped(key)
	}
}

// GroupHeading is a group's heading in a cell of the grid: its code and
// name, and below them its statement when it says more than its name.
// It can be tapped.
type GroupHeading struct {
	widget.BaseWidget

	// Group is the group shown.
	Group TreeGroup

	text     *widget.RichText
	onTapped func(key string)
}

// statementLimit is how much of a group's statement a heading shows; the
// whole statement is in the group's details.
const statementLimit = 160

// NewGroupHeading returns the heading of g; onTapped (may be nil) is
// called with its key.
func NewGroupHeading(g TreeGroup, onTapped func(key string)) *GroupHeading {
	h := &GroupHeading{Group: g, onTapped: onTapped}
	h.text = widget.NewRichText(GroupSegments(g.Group, statementLimit)...)
	h.text.Wrapping = fyne.TextWrapWord
	h.ExtendBaseWidget(h)
	return h
}

// GroupSegments returns a group's code (small and quiet), name (bold)
// and statement (small italics, cut to limit runes; 0: whole) as rich
// text, each on a line of its own.
func GroupSegments(g continuum.Group, limit int) []widget.RichTextSegment {
	code, name, statement := groupWords(g, limit)
	var segs []widget.RichTextSegment
	if code != "" { // on a line of its own: a long code beside a name wraps the name letter by letter
		segs = append(segs, &widget.TextSegment{Text: code, Style: widget.RichTextStyle{
			ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText}})
	}
	if name != "" {
		segs = append(segs, &widget.TextSegment{Text: name, Style: widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}}})
	}
	if statement != "" {
		segs = append(segs, &widget.TextSegment{Text: statement, Style: widget.RichTextStyle{
			ColorName: theme.ColorNameForeground, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Italic: true}}})
	}
	return segs
}

// groupWords returns what a heading says of g: its code unless it is its
// name, its name (its statement when it has none), and its statement
// when it says more than the name, cut to limit runes (0: whole).
func groupWords(g continuum.Group, limit int) (code, name, statement string) {
	name = strings.TrimSpace(g.Name)
	code = strings.TrimSpace(g.Code)
	statement = strings.TrimSpace(g.Statement)
	if name == "" { // a group known by its statement alone
		name, statement = statement, ""
	}
	if strings.EqualFold(code, name) {
		code = ""
	}
	if strings.EqualFold(statement, name) {
		statement = ""
	}
	if r := []rune(statement); limit > 0 && len(r) > limit {
		statement = strings.TrimSpace(string(r[:limit])) + "…"
	}
	return code, name, statement
}

// Tapped calls the heading's handler with its group's key.
func (h *GroupHeading) Tapped(*fyne.PointEvent) {
	if h.onTapped != nil {
		h.onTapped(h.Group.Key)
	}
}

// Cursor shows a pointer when the heading can be tapped.
func (h *GroupHeading) Cursor() desktop.Cursor {
	if h.onTapped != nil {
		return desktop.PointerCursor
	}
	return desktop.DefaultCursor
}

// Text returns the heading's words, as read: its code, name and
// statement, a line each.
func (h *GroupHeading) Text() string {
	code, name, statement := groupWords(h.Group.Group, statementLimit)
	var lines []string
	for _, l := range []string{code, name, statement} {
		if l != "" {
			lines = append(lines, l)
		}
	}
	return strings.Join(lines, "\n")
}

// CreateRenderer shows the text; the cell indents it by the group's depth.
func (h *GroupHeading) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(h.text)
}
