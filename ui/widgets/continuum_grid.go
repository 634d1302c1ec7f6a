package widgets

import (
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
// by that student's mastery. It scrolls both ways when the continuum is
// larger than the space it has.
type ContinuumGrid struct {
	widget.BaseWidget

	// OnTapped is called with a target's code when its card is activated.
	OnTapped func(code string)

	graph    *continuum.Graph
	onAdd    func(domain, level string)
	marks    map[string]Mark
	selected string
	chosen   []string // codes chosen together (SetSelection)
	filter   string

	cards   map[string]*TargetCard
	content *fyne.Container
	scroll  *container.Scroll
}

// Column widths of the grid.
const (
	domainColumnWidth = 190
	levelColumnWidth  = 190
)

// NewContinuumGrid returns an empty grid; show a continuum with SetGraph.
func NewContinuumGrid(onTapped func(code string)) *ContinuumGrid {
	g := &ContinuumGrid{OnTapped: onTapped, cards: map[string]*TargetCard{}}
	g.content = container.New(&gridLayout{})
	g.scroll = container.NewScroll(g.content)
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

// SetSelected outlines the card of code ("" selects none).
func (g *ContinuumGrid) SetSelected(code string) {
	g.selected = code
	for k, c := range g.cards {
		c.SetSelected(continuum.SameCode(k, code))
	}
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
		g.cards[t.Code].SetDimmed(!ok)
		if ok && g.filter != "" {
			matches = append(matches, t.Code)
		}
	}
	return matches
}

// Card returns the card of code, for focusing it or scrolling to it.
func (g *ContinuumGrid) Card(code string) *TargetCard {
	if g.graph == nil {
		return nil
	}
	if t, ok := g.graph.Target(code); ok {
		return g.cards[t.Code]
	}
	return nil
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
// per domain with its targets' cards in the cells.
func (g *ContinuumGrid) rebuild() {
	g.cards = map[string]*TargetCard{}
	var objects []fyne.CanvasObject
	cols := 1
	if g.graph != nil {
		c := g.graph.Continuum
		cols = 1 + len(c.Levels)
		objects = append(objects, widget.NewLabel(""))
		for _, l := range c.Levels {
			objects = append(objects, widget.NewLabelWithStyle(l, fyne.TextAlignCenter, fyne.TextStyle{Bold: true}))
		}
		for d, dom := range c.Domains {
			name := widget.NewLabelWithStyle(dom.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Wrapping = fyne.TextWrapWord
			cat := canvas.NewText(dom.Category.Label(), theme.Color(theme.ColorNamePlaceHolder))
			cat.TextSize = theme.CaptionTextSize()
			objects = append(objects, container.NewVBox(name, container.NewPadded(cat)))
			for l := range c.Levels {
				cell := container.NewVBox()
				for _, t := range g.graph.Cell(d, l) {
					card := NewTargetCard(t, g.onCardTapped)
					card.SetMark(g.markFor(t.Code))
					card.SetSelected(continuum.SameCode(t.Code, g.selected))
					card.SetChosen(g.isChosen(t.Code))
					g.cards[t.Code] = card
					cell.Add(card)
				}
				if g.onAdd != nil {
					cell.Add(g.addButton(dom.Name, c.Levels[l]))
				}
				objects = append(objects, cell)
			}
		}
	}
	g.content.Layout = &gridLayout{cols: cols}
	g.content.Objects = objects
	g.content.Refresh()
	if g.filter != "" {
		g.SetFilter(g.filter)
	}
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

// CreateRenderer returns the scrolling grid.
func (g *ContinuumGrid) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(g.scroll)
}

// gridLayout places objects row by row in cols columns: the first column
// domainColumnWidth wide, the others levelColumnWidth wide, each row as
// tall as its tallest cell.
type gridLayout struct{ cols int }

func (l *gridLayout) width(col int) float32 {
	if col == 0 {
		return domainColumnWidth
	}
	return levelColumnWidth
}

func (l *gridLayout) rowHeights(objects []fyne.CanvasObject) []float32 {
	if l.cols == 0 {
		return nil
	}
	rows := (len(objects) + l.cols - 1) / l.cols
	h := make([]float32, rows)
	for i, o := range objects {
		h[i/l.cols] = max(h[i/l.cols], o.MinSize().Height)
	}
	return h
}

func (l *gridLayout) Layout(objects []fyne.CanvasObject, _ fyne.Size) {
	pad := theme.Padding()
	heights := l.rowHeights(objects)
	y := float32(0)
	for r, h := range heights {
		x := float32(0)
		for c := 0; c < l.cols; c++ {
			i := r*l.cols + c
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
	for c := 0; c < l.cols; c++ {
		w += l.width(c) + pad
	}
	for _, rh := range l.rowHeights(objects) {
		h += rh + pad
	}
	return fyne.NewSize(w, h)
}
