package flex

import (
	"cmp"
	"image/color"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/widgets"
)

// flexMinColumnWidth is the narrowest an offering's column gets: a
// student's name and the start of the reason still read. Below it the
// columns scroll sideways.
const flexMinColumnWidth = 140

// flexColumnsLayout sets the planner's columns side by side, sharing the
// width there is, each at least flexMinColumnWidth (and its content's
// minimum width). The scroll around them gives them the width of its
// view, or their minimum when that is wider, and scrolls.
type flexColumnsLayout struct{}

// widths returns each object's width when they share width: equal
// shares, except that a column whose minimum is wider keeps its minimum
// and the others share what it leaves.
func (flexColumnsLayout) widths(objects []fyne.CanvasObject, width float32) []float32 {
	out := make([]float32, len(objects))
	mins := make([]float32, len(objects))
	n := 0
	for i, o := range objects {
		if o.Visible() {
			mins[i] = max(flexMinColumnWidth, o.MinSize().Width)
			n++
		}
	}
	if n == 0 {
		return out
	}
	spare := width - float32(n-1)*theme.Padding()
	fixed := make([]bool, len(objects))
	for {
		free, left := 0, spare
		for i, o := range objects {
			switch {
			case !o.Visible():
			case fixed[i]:
				left -= mins[i]
			default:
				free++
			}
		}
		share := float32(0)
		if free > 0 {
			share = left / float32(free)
		}
		grew := false
		for i, o := range objects {
			if o.Visible() && !fixed[i] && mins[i] > share {
				fixed[i], grew = true, true
			}
		}
		if grew {
			continue
		}
		for i, o := range objects {
			switch {
			case !o.Visible():
			case fixed[i]:
				out[i] = mins[i]
			default:
				out[i] = share
			}
		}
		return out
	}
}

func (l flexColumnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for _, o := range objects {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		w += max(flexMinColumnWidth, m.Width)
		h = max(h, m.Height)
		n++
	}
	if n > 1 {
		w += float32(n-1) * theme.Padding()
	}
	return fyne.NewSize(w, h)
}

func (l flexColumnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	x := float32(0)
	for i, w := range l.widths(objects, size.Width) {
		if !objects[i].Visible() {
			continue
		}
		objects[i].Move(fyne.NewPos(x, 0))
		objects[i].Resize(fyne.NewSize(w, size.Height))
		x += w + theme.Padding()
	}
}

// flexHeadLayout stacks a column's title over the lines about it, every
// column's heading as tall as the tallest, so that their rows line up.
type flexHeadLayout struct{ p *Screen }

func (l *flexHeadLayout) natural(objects []fyne.CanvasObject) fyne.Size {
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width), a.Height+b.Height-theme.InnerPadding())
}

func (l *flexHeadLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := l.natural(objects)
	for _, c := range l.p.columns.Objects {
		if panel, ok := c.(*flexPanel); ok {
			s.Height = max(s.Height, l.natural(panel.head.Objects).Height)
		}
	}
	return s
}

func (l *flexHeadLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	a := objects[0].MinSize()
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(size.Width, a.Height))
	// The caption's own top padding overlaps the title's bottom padding.
	objects[1].Move(fyne.NewPos(0, a.Height-theme.InnerPadding()))
	objects[1].Resize(fyne.NewSize(size.Width, objects[1].MinSize().Height))
}

// flexPanel is a column of the planner on a rounded background in the
// theme's header colour (read again when the theme changes).
type flexPanel struct {
	widget.BaseWidget
	head *fyne.Container // the heading, laid out by flexHeadLayout
	body *fyne.Container
}

func newFlexPanel(head, body *fyne.Container) *flexPanel {
	f := &flexPanel{head: head, body: body}
	f.ExtendBaseWidget(f)
	return f
}

func (f *flexPanel) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameHeaderBackground))
	bg.CornerRadius = theme.InputRadiusSize()
	return &flexPanelRenderer{bg: bg, padded: container.NewPadded(f.body)}
}

type flexPanelRenderer struct {
	bg     *canvas.Rectangle
	padded *fyne.Container
}

func (r *flexPanelRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.padded.Resize(size)
}

func (r *flexPanelRenderer) MinSize() fyne.Size { return r.padded.MinSize() }

func (r *flexPanelRenderer) Refresh() {
	r.bg.FillColor = theme.Color(theme.ColorNameHeaderBackground)
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.bg.Refresh()
	r.padded.Refresh()
}

func (r *flexPanelRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.padded} }

func (r *flexPanelRenderer) Destroy() {}

// flexTierColor is the fill of a tier's badge: the firmer, the stronger.
func flexTierColor(t continuum.Tier) color.Color {
	switch t {
	case continuum.TierRequired:
		return color.NRGBA{R: 0x6a, G: 0x5a, B: 0xd8, A: 0x90}
	case continuum.TierPriority:
		return widgets.NotYetColor
	case continuum.TierSuggested:
		return color.NRGBA{R: 0x2f, G: 0x8f, B: 0xc0, A: 0x60}
	}
	return widgets.NoEvidenceColor
}

// flexStudentRow is one student in a column of the planner: the name, the
// tier (and whether the teacher pinned the placement) and the reason. It
// is selected with a tap or Space; digits move the student to that
// offering, Enter opens Move to…, the arrows go from student to student.
type flexStudentRow struct {
	widget.BaseWidget
	p        *Screen
	m        flexMember
	col, row int
	selected bool
	focused  bool
	hovered  bool
}

func newFlexStudentRow(p *Screen, m flexMember, col, row int) *flexStudentRow {
	r := &flexStudentRow{p: p, m: m, col: col, row: row}
	r.ExtendBaseWidget(r)
	return r
}

func (r *flexStudentRow) setSelected(on bool) {
	if r.selected != on {
		r.selected = on
		r.Refresh()
	}
}

// Tapped selects the student.
func (r *flexStudentRow) Tapped(*fyne.PointEvent) {
	r.p.onPick(r.m.student.ID)
	r.p.focus(r)
}

// FocusGained draws the focus ring.
func (r *flexStudentRow) FocusGained() { r.focused = true; r.Refresh() }

// FocusLost removes the focus ring.
func (r *flexStudentRow) FocusLost() { r.focused = false; r.Refresh() }

// TypedRune selects on Space and moves the student on a digit.
func (r *flexStudentRow) TypedRune(c rune) {
	switch {
	case c == ' ':
		r.p.onPick(r.m.student.ID)
	case c >= '1' && c <= '9':
		r.p.onMove(r.m.student.ID, int(c-'1'))
	}
}

// TypedKey opens Move to… on Enter and moves the focus with the arrows.
func (r *flexStudentRow) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if r.p.picked != r.m.student.ID {
			r.p.onPick(r.m.student.ID)
		}
		r.p.onMoveMenu()
	case fyne.KeyEscape:
		if r.p.picked == r.m.student.ID {
			r.p.onPick(r.m.student.ID)
		}
	case fyne.KeyUp:
		r.p.focusNear(r, 0, -1)
	case fyne.KeyDown:
		r.p.focusNear(r, 0, 1)
	case fyne.KeyLeft:
		r.p.focusNear(r, -1, 0)
	case fyne.KeyRight:
		r.p.focusNear(r, 1, 0)
	}
}

// focusNear focuses the row dc columns and dr rows from r, the nearest
// row when the other column is shorter; columns with nobody are skipped.
func (p *Screen) focusNear(r *flexStudentRow, dc, dr int) {
	byCol := map[int][]*flexStudentRow{}
	last := 0
	for _, o := range p.rows {
		byCol[o.col] = append(byCol[o.col], o)
		last = max(last, o.col)
	}
	for _, rows := range byCol {
		slices.SortFunc(rows, func(a, b *flexStudentRow) int { return cmp.Compare(a.row, b.row) })
	}
	if dr != 0 {
		rows := byCol[r.col]
		if i := r.row + dr; i >= 0 && i < len(rows) {
			p.focus(rows[i])
		}
		return
	}
	for c := r.col + dc; c >= 0 && c <= last; c += dc {
		if rows := byCol[c]; len(rows) > 0 {
			p.focus(rows[min(r.row, len(rows)-1)])
			return
		}
	}
}

// MouseIn highlights the row under the pointer.
func (r *flexStudentRow) MouseIn(*desktop.MouseEvent) { r.hovered = true; r.Refresh() }

// MouseMoved does nothing; it completes desktop.Hoverable.
func (r *flexStudentRow) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the pointer highlight.
func (r *flexStudentRow) MouseOut() { r.hovered = false; r.Refresh() }

func (r *flexStudentRow) CreateRenderer() fyne.WidgetRenderer {
	rr := &flexRowRenderer{row: r}
	rr.bg = canvas.NewRectangle(color.Transparent)
	rr.bg.CornerRadius = theme.InputRadiusSize()
	rr.name = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	rr.name.TextStyle = fyne.TextStyle{Bold: true}
	rr.badgeBg = canvas.NewRectangle(color.Transparent)
	rr.badgeBg.CornerRadius = theme.InputRadiusSize()
	rr.badge = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	rr.reason = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	rr.Refresh()
	return rr
}

type flexRowRenderer struct {
	row                  *flexStudentRow
	bg, badgeBg          *canvas.Rectangle
	name, badge, reason  *canvas.Text
	nameText, reasonText string
}

func (r *flexRowRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	p := theme.InnerPadding() / 2
	inner := size.Width - 2*p
	bw := float32(0)
	if r.badge.Text != "" {
		bs := r.badge.MinSize()
		bw = bs.Width + 2*p
		r.badgeBg.Resize(fyne.NewSize(bw, bs.Height+2))
		r.badgeBg.Move(fyne.NewPos(size.Width-p-bw, p+2))
		r.badge.Move(fyne.NewPos(size.Width-p-bw+p, p+3))
		r.badge.Resize(bs)
	}
	r.name.Text = widgets.FitText(r.nameText, r.name.TextSize, r.name.TextStyle, inner-bw-p)
	r.name.Move(fyne.NewPos(p, p))
	r.name.Resize(r.name.MinSize())
	r.reason.Text = widgets.FitText(r.reasonText, r.reason.TextSize, r.reason.TextStyle, inner)
	r.reason.Move(fyne.NewPos(p, p+r.name.MinSize().Height))
	r.reason.Resize(fyne.NewSize(inner, r.reason.MinSize().Height))
	r.name.Refresh()
	r.reason.Refresh()
}

func (r *flexRowRenderer) MinSize() fyne.Size {
	p := theme.InnerPadding() / 2
	h := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{Bold: true}).Height +
		fyne.MeasureText("Mg", theme.CaptionTextSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(120, h+2*p)
}

func (r *flexRowRenderer) Refresh() {
	row := r.row
	a := row.m.a
	fg := theme.Color(theme.ColorNameForeground)
	r.nameText = row.m.student.Name
	r.name.Color, r.name.TextSize = fg, theme.TextSize()
	r.reasonText = a.Reason
	r.reason.Color, r.reason.TextSize = fg, theme.CaptionTextSize()
	r.badge.Color, r.badge.TextSize = fg, theme.CaptionTextSize()
	r.badge.Text = ""
	r.badgeBg.FillColor = color.Transparent
	if a.Offering != "" {
		r.badge.Text = a.Tier.String()
		if a.Pinned {
			r.badge.Text += " · pinned"
		}
		r.badgeBg.FillColor = flexTierColor(a.Tier)
	}
	r.bg.FillColor = color.Transparent
	widgets.MarkTile(r.bg, row.focused, row.selected, row.hovered)
	r.badgeBg.Refresh()
	r.badge.Refresh()
	r.Layout(row.Size())
}

func (r *flexRowRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.name, r.badgeBg, r.badge, r.reason}
}

func (r *flexRowRenderer) Destroy() {}
