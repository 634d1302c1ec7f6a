package widgets

import (
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// ContinuumGrid shows a continuum at a glance: levels as columns, domains
// as rows, targets as cards in their cells, milestones marked and each
// domain's category named. Given a student's marks it colours every card
// by that student's mastery. The level columns share the width it is
// given (never narrower than minLevelColumnWidth: past that it scrolls
// sideways), and the row of level names stays above the cells, in line
// with them, while the domains scroll. The selected card's prerequisites
// and the targets that build on it are marked.
type ContinuumGrid struct {
	widget.BaseWidget

	// OnTapped is called with a target's code when its card is activated.
	OnTapped func(code string)
	// OnCleared, when set, is called when Esc is pressed on a card: the
	// screen clears its selection (SetSelected("")).
	OnCleared func()

	graph *continuum.Graph
	onAdd func(domain, level string)
	// startCells and cellOf, when set, change how rebuild lays the cells
	// out (GroupedGrid: under group headings): startCells is called once
	// before the cells, cellOf for each, with the domain's and the level's
	// indexes.
	startCells func()
	cellOf     func(d, l int) fyne.CanvasObject
	marks      map[string]Mark
	selected   string
	chosen     []string // codes chosen together (SetSelection)
	filter     string

	cards map[string]*TargetCard // the cards built, by code
	// built is how many domains, from the first, have their cells built;
	// the cells of the others are placeholders of about their height
	// until they come near the view (fill). A district's continuum has
	// hundreds of targets, and a card off the view costs as much to
	// build, lay out and draw as one on it.
	built   int
	columns *gridColumns // the widths the header and the cells share
	header  *fyne.Container
	heading *container.Scroll // the header, scrolled sideways with the cells
	content *fyne.Container
	scroll  *container.Scroll
}

// Column widths of the grid: the domain column is fixed, the level
// columns share what is left, each at least minLevelColumnWidth.
const (
	domainColumnWidth   = 170
	minLevelColumnWidth = 170
)

// NewContinuumGrid returns an empty grid; show a continuum with SetGraph.
func NewContinuumGrid(onTapped func(code string)) *ContinuumGrid {
	g := &ContinuumGrid{OnTapped: onTapped, cards: map[string]*TargetCard{}}
	g.columns = &gridColumns{domain: domainColumnWidth, level: minLevelColumnWidth}
	g.header = container.New(&gridLayout{columns: g.columns})
	g.heading = container.NewHScroll(g.header)
	g.content = container.New(&gridLayout{columns: g.columns})
	g.scroll = container.NewScroll(g.content)
	// The header follows the cells sideways, and the cells the header.
	g.scroll.OnScrolled = func(p fyne.Position) {
		if g.heading.Offset.X != p.X {
			g.heading.ScrollToOffset(fyne.NewPos(p.X, 0))
		}
		g.fill()
	}
	g.heading.OnScrolled = func(p fyne.Position) {
		if g.scroll.Offset.X != p.X {
			g.scroll.ScrollToOffset(fyne.NewPos(p.X, g.scroll.Offset.Y))
		}
	}
	g.ExtendBaseWidget(g)
	return g
}

// SetGraph shows the continuum g (nil: nothing).
func (g *ContinuumGrid) SetGraph(graph *continuum.Graph) {
	g.graph = graph
	g.rebuild()
}

// SetOnAdd puts an add button at the foot of every cell, which calls f
// with the cell's domain and level; nil removes the buttons.
func (g *ContinuumGrid) SetOnAdd(f func(domain, level string)) {
	g.onAdd = f
	g.rebuild()
}

// SetMarks colours the cards by one student's standing; nil removes the colours.
func (g *ContinuumGrid) SetMarks(marks map[string]Mark) {
	g.marks = marks
	for code, c := range g.cards {
		c.SetMark(g.markFor(code))
	}
}

// SetSelected outlines the card of code and marks its prerequisites and
// the targets that build on it ("" selects none and clears the marks).
func (g *ContinuumGrid) SetSelected(code string) {
	g.selected = code
	for k, c := range g.cards {
		c.SetSelected(continuum.SameCode(k, code))
		c.SetRelation(g.relationTo(k))
	}
}

// relationTo returns how the target of code stands to the selected one.
func (g *ContinuumGrid) relationTo(code string) Relation {
	if g.graph == nil || g.selected == "" {
		return Unrelated
	}
	sel, ok := g.graph.Target(g.selected)
	if !ok {
		return Unrelated
	}
	same := func(c string) bool { return continuum.SameCode(c, code) }
	switch {
	case slices.ContainsFunc(sel.Prerequisites, same):
		return PrerequisiteOfSelected
	case slices.ContainsFunc(g.graph.Dependents(sel.Code), same):
		return DependsOnSelected
	}
	return Unrelated
}

// SetSelection marks the cards of every code in codes as chosen (tinted
// and outlined), for picking several targets at once, e.g. a unit's;
// nil chooses none. It is apart from SetSelected's single card.
func (g *ContinuumGrid) SetSelection(codes []string) {
	g.chosen = codes
	for k, c := range g.cards {
		c.SetChosen(g.isChosen(k))
	}
}

// isChosen reports whether code is among the codes of SetSelection.
func (g *ContinuumGrid) isChosen(code string) bool {
	return slices.ContainsFunc(g.chosen, func(c string) bool { return continuum.SameCode(c, code) })
}

// SetFilter dims the cards that do not match text (by code or words of the
// statement) and returns the codes that match, in grid order. An empty
// text shows every card.
func (g *ContinuumGrid) SetFilter(text string) []string {
	g.filter = strings.TrimSpace(text)
	var matches []string
	if g.graph == nil {
		return nil
	}
	for _, t := range g.graph.Targets {
		ok := Matches(t, g.filter)
		if c := g.cards[t.Code]; c != nil { // the others are dimmed as they are built
			c.SetDimmed(!ok)
		}
		if ok && g.filter != "" {
			matches = append(matches, t.Code)
		}
	}
	return matches
}

// Card returns the card of code, for focusing it or scrolling to it,
// building the cells down to its domain when they are not built yet.
func (g *ContinuumGrid) Card(code string) *TargetCard {
	if g.graph == nil {
		return nil
	}
	t, ok := g.graph.Target(code)
	if !ok {
		return nil
	}
	if d := g.graph.Continuum.DomainIndex(t.Domain); d >= 0 {
		g.buildThrough(d + 1)
	}
	return g.cards[t.Code]
}

// ScrollTo scrolls the grid so that the card of code is in view.
func (g *ContinuumGrid) ScrollTo(code string) {
	c := g.Card(code)
	if c == nil {
		return
	}
	pos := g.positionInContent(c)
	view := g.scroll.Size()
	off := g.scroll.Offset
	if pos.X < off.X || pos.X+c.Size().Width > off.X+view.Width {
		off.X = max(pos.X-domainColumnWidth, 0)
	}
	if pos.Y < off.Y || pos.Y+c.Size().Height > off.Y+view.Height {
		off.Y = max(pos.Y-theme.Padding()*4, 0)
	}
	g.scroll.ScrollToOffset(off)
}

// positionInContent returns where a card sits inside the scrolled content:
// its cell's position plus its place inside the cell.
func (g *ContinuumGrid) positionInContent(card *TargetCard) fyne.Position {
	for _, o := range g.content.Objects {
		if cell, ok := o.(*fyne.Container); ok {
			for _, k := range cell.Objects {
				if k == card {
					return cell.Position().Add(card.Position())
				}
			}
		}
	}
	return card.Position()
}

// Matches reports whether t matches a search: every word of text appears
// in the code or the statement, case-insensitively.
func Matches(t continuum.Target, text string) bool {
	hay := strings.ToLower(t.Code + " " + t.Statement)
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

func (g *ContinuumGrid) markFor(code string) *Mark {
	if g.marks == nil {
		return nil
	}
	m, ok := g.marks[code]
	if !ok {
		m = Mark{Status: continuum.NoEvidence}
	}
	return &m
}

// rebuild lays the grid out anew: a header row of levels, then one row
// per domain, its name and its cells; the cells of the domains on view
// are built (fill), the others wait as placeholders.
func (g *ContinuumGrid) rebuild() {
	g.cards = map[string]*TargetCard{}
	g.built = 0
	if g.startCells != nil {
		g.startCells()
	}
	var objects []fyne.CanvasObject
	heads := []fyne.CanvasObject{widget.NewLabel("")}
	g.columns.levels = 0
	if g.graph != nil {
		c := g.graph.Continuum
		g.columns.levels = len(c.Levels)
		for _, l := range c.Levels {
			head := widget.NewLabelWithStyle(l, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
			head.Truncation = fyne.TextTruncateEllipsis
			heads = append(heads, head)
		}
		for d, dom := range c.Domains {
			name := widget.NewLabelWithStyle(dom.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Wrapping = fyne.TextWrapWord
			cat := Hint(dom.Category.Label())
			cat.SizeName = theme.SizeNameCaptionText
			objects = append(objects, container.NewVBox(name, cat))
			for l := range c.Levels {
				objects = append(objects, g.placeholder(d, l))
			}
		}
	}
	g.columns.fit(g.columns.width)
	g.header.Objects = heads
	g.header.Refresh()
	g.content.Objects = objects
	g.content.Refresh()
	g.fill()
}

// Room, in points, that an unbuilt cell is thought to need per card (a
// card with a three-line statement), and how far below the view cells
// are built ahead of the scrolling, in views.
const (
	cardHeightGuess = 76
	buildAhead      = 0.5
)

// placeholder stands for the cell of domain d at level l until it is
// built: empty, about as tall as its cards will be.
func (g *ContinuumGrid) placeholder(d, l int) fyne.CanvasObject {
	n := len(g.graph.Cell(d, l))
	h := float32(n) * (cardHeightGuess + theme.Padding())
	if g.onAdd != nil || g.cellOf != nil {
		h += theme.IconInlineSize() + 2*theme.InnerPadding() // the add button, or a group heading
	}
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(0, h))
	return r
}

// fill builds the cells of the domains that have come into view, and of
// those half a view below them, domain after domain from the first: the
// rows above the view are always built, so building more never moves
// what is on view. Before the grid has a size, nothing is built: its
// first layout, before the first frame, builds what it shows.
func (g *ContinuumGrid) fill() {
	view := g.scroll.Size().Height
	if g.graph == nil || view <= 0 {
		return
	}
	bottom := g.scroll.Offset.Y + view*(1+buildAhead)
	cols := 1 + len(g.graph.Continuum.Levels)
	for g.built < len(g.graph.Continuum.Domains) {
		if g.content.Objects[g.built*cols].Position().Y > bottom {
			return
		}
		g.buildThrough(g.built + 1)
	}
}

// buildThrough builds the cells of the first n domains that are not
// built yet, and lays the grid out again.
func (g *ContinuumGrid) buildThrough(n int) {
	if g.graph == nil || g.built >= n {
		return
	}
	c := &g.graph.Continuum
	cols := 1 + len(c.Levels)
	for ; g.built < min(n, len(c.Domains)); g.built++ {
		d := g.built
		for l := range c.Levels {
			var cell fyne.CanvasObject
			if g.cellOf != nil {
				cell = g.cellOf(d, l)
			} else {
				cell = g.flatCell(d, l)
			}
			g.content.Objects[d*cols+1+l] = cell
		}
	}
	// Lay the rows out again and let the scroll know the new height,
	// without refreshing every card built before (Container.Refresh would).
	g.content.Layout.Layout(g.content.Objects, g.content.Size())
	g.scroll.Refresh()
	canvas.Refresh(g.content)
}

// flatCell returns the cards of domain d at level l, in graph order,
// with the add button at the foot when there is one.
func (g *ContinuumGrid) flatCell(d, l int) fyne.CanvasObject {
	c := &g.graph.Continuum
	cell := container.NewVBox()
	for _, t := range g.graph.Cell(d, l) {
		cell.Add(g.newCard(t, d))
	}
	if g.onAdd != nil {
		cell.Add(g.addButton(c.Domains[d].Name, c.Levels[l]))
	}
	return cell
}

// newCard makes the card of target t as the grid shows it (mark,
// selection, choice, relation to the selected target) and indexes it.
// A card of domain d, focused, has the next domain's cells built, so
// that Tab goes on from card to card past the ones built.
func (g *ContinuumGrid) newCard(t continuum.Target, d int) *TargetCard {
	card := NewTargetCard(t, g.onCardTapped)
	card.SetMark(g.markFor(t.Code))
	card.SetSelected(continuum.SameCode(t.Code, g.selected))
	card.SetChosen(g.isChosen(t.Code))
	card.SetRelation(g.relationTo(t.Code))
	card.SetDimmed(g.filter != "" && !Matches(t, g.filter))
	card.onEscape = g.onCardEscape
	card.onFocus = func() { g.buildThrough(d + 2) }
	g.cards[t.Code] = card
	return card
}

// addButton returns the quiet button that adds a target to a cell.
func (g *ContinuumGrid) addButton(domain, level string) fyne.CanvasObject {
	b := widget.NewButtonWithIcon("", theme.ContentAddIcon(), func() {
		if g.onAdd != nil {
			g.onAdd(domain, level)
		}
	})
	b.Importance = widget.LowImportance
	return container.NewHBox(layout.NewSpacer(), b)
}

func (g *ContinuumGrid) onCardTapped(code string) {
	if g.OnTapped != nil {
		g.OnTapped(code)
	}
}

func (g *ContinuumGrid) onCardEscape() {
	if g.OnCleared != nil {
		g.OnCleared()
	}
}

// CreateRenderer returns the header above the scrolling cells.
func (g *ContinuumGrid) CreateRenderer() fyne.WidgetRenderer {
	return &continuumGridRenderer{grid: g}
}

type continuumGridRenderer struct{ grid *ContinuumGrid }

// Layout shares the width among the level columns, then places the
// header, as tall as its tallest name, above the cells.
func (r *continuumGridRenderer) Layout(size fyne.Size) {
	g := r.grid
	if g.columns.fit(size.Width) {
		// Same sizes, other widths: lay the cells out again.
		g.header.Refresh()
		g.content.Refresh()
	}
	h := g.header.MinSize().Height
	g.heading.Resize(fyne.NewSize(size.Width, h))
	g.scroll.Move(fyne.NewPos(0, h))
	g.scroll.Resize(fyne.NewSize(size.Width, max(size.Height-h, 0)))
	g.fill() // a taller view may show domains not built yet
}

func (r *continuumGridRenderer) MinSize() fyne.Size {
	g := r.grid
	s := g.scroll.MinSize()
	return fyne.NewSize(s.Width, s.Height+g.header.MinSize().Height)
}

func (r *continuumGridRenderer) Refresh() {
	r.grid.heading.Refresh()
	r.grid.scroll.Refresh()
}

func (r *continuumGridRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.grid.heading, r.grid.scroll}
}

func (r *continuumGridRenderer) Destroy() {}

// gridColumns are the widths of the grid's columns, shared by the header
// and the cells so that they line up.
type gridColumns struct {
	levels        int     // the number of level columns
	width         float32 // the width shared
	domain, level float32 // the domain column's width, each level column's
}

// fit shares width among the level columns, none narrower than
// minLevelColumnWidth, and reports whether their width changed.
func (c *gridColumns) fit(width float32) bool {
	old := c.level
	c.width = width
	c.level = minLevelColumnWidth
	if c.levels > 0 {
		pad := theme.Padding()
		share := (width - c.domain - pad*float32(c.levels+1)) / float32(c.levels)
		c.level = max(minLevelColumnWidth, float32(int(share)))
	}
	return c.level != old
}

// gridLayout places objects row by row in the columns' widths (the
// domain column, then one per level), each row as tall as its tallest
// cell at those widths.
type gridLayout struct{ columns *gridColumns }

func (l *gridLayout) cols() int { return 1 + l.columns.levels }

func (l *gridLayout) width(col int) float32 {
	if col == 0 {
		return l.columns.domain
	}
	return l.columns.level
}

// rowHeights measures each cell at its column's width: wrapped statements
// are as tall as that width makes them.
func (l *gridLayout) rowHeights(objects []fyne.CanvasObject) []float32 {
	cols := l.cols()
	rows := (len(objects) + cols - 1) / cols
	h := make([]float32, rows)
	for i, o := range objects {
		if w := l.width(i % cols); o.Size().Width != w {
			o.Resize(fyne.NewSize(w, o.Size().Height))
		}
		h[i/cols] = max(h[i/cols], o.MinSize().Height)
	}
	return h
}

func (l *gridLayout) Layout(objects []fyne.CanvasObject, _ fyne.Size) {
	pad := theme.Padding()
	cols := l.cols()
	heights := l.rowHeights(objects)
	y := float32(0)
	for r, h := range heights {
		x := float32(0)
		for c := 0; c < cols; c++ {
			i := r*cols + c
			if i >= len(objects) {
				break
			}
			objects[i].Move(fyne.NewPos(x, y))
			objects[i].Resize(fyne.NewSize(l.width(c), h))
			x += l.width(c) + pad
		}
		y += h + pad
	}
}

func (l *gridLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	var w, h float32
	for c := 0; c < l.cols(); c++ {
		w += l.width(c) + pad
	}
	for _, rh := range l.rowHeights(objects) {
		h += rh + pad
	}
	return fyne.NewSize(w, h)
}
