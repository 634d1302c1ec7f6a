package widgets

import (
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// WeekBlock is one flex block as the week view shows it.
type WeekBlock struct {
	// ID identifies the block.
	ID string
	// Date is the day of the block.
	Date continuum.Date
	// Slot names the block in the day, e.g. "WIN time".
	Slot string
	// Minutes is the block's length.
	Minutes int
	// Offerings is how many offerings the block has.
	Offerings int
	// Placed is how many students are placed.
	Placed int
	// Capacity is how many places the offerings have together.
	Capacity int
}

// MondayOf returns the Monday of the week d falls in.
func MondayOf(d continuum.Date) continuum.Date {
	wd := int(d.Time().Weekday()) // Sunday is 0
	return d.AddDays(-((wd + 6) % 7))
}

// WeekView shows one week of flex blocks: the days across, Monday to
// Friday (and the weekend days that have a block), each day's blocks as
// tiles with their slot, length, offerings and how many students are
// placed against the places there are. A tile is chosen with a tap, or
// with Space or Enter when it has the focus; the arrow keys move the focus
// from tile to tile.
type WeekView struct {
	widget.BaseWidget

	// OnSelected is called with the block's ID when a tile is chosen.
	OnSelected func(id string)

	monday   continuum.Date
	today    continuum.Date
	blocks   []WeekBlock // this week's, by date then slot
	selected string
	tiles    []*weekTile // in the order of blocks
	content  *fyne.Container
}

// NewWeekView returns an empty week view; SetWeek fills it.
func NewWeekView(onSelected func(id string)) *WeekView {
	v := &WeekView{OnSelected: onSelected, content: container.NewStack()}
	v.ExtendBaseWidget(v)
	return v
}

// SetWeek shows the week that starts on the Monday of monday, with those
// of blocks that fall in it.
func (v *WeekView) SetWeek(monday continuum.Date, blocks []WeekBlock) {
	v.monday = MondayOf(monday)
	end := v.monday.AddDays(7)
	v.blocks = v.blocks[:0]
	for _, b := range blocks {
		if !b.Date.Before(v.monday) && b.Date.Before(end) {
			v.blocks = append(v.blocks, b)
		}
	}
	slices.SortStableFunc(v.blocks, func(a, b WeekBlock) int {
		if c := a.Date.Compare(b.Date); c != 0 {
			return c
		}
		return strings.Compare(a.Slot, b.Slot)
	})
	v.rebuild()
}

// Monday returns the first day of the week shown.
func (v *WeekView) Monday() continuum.Date { return v.monday }

// SetToday marks day as today in the heading of its column.
func (v *WeekView) SetToday(day continuum.Date) {
	v.today = day
	v.rebuild()
}

// SetSelected draws the tile of id as the chosen one ("" for none).
func (v *WeekView) SetSelected(id string) {
	v.selected = id
	for _, t := range v.tiles {
		t.setSelected(t.block.ID == id)
	}
}

// Selected returns the ID of the chosen block, or "".
func (v *WeekView) Selected() string { return v.selected }

// Days returns the days shown, in order.
func (v *WeekView) Days() []continuum.Date {
	days := make([]continuum.Date, 0, 7)
	for i := range 7 {
		d := v.monday.AddDays(i)
		if i < 5 || slices.ContainsFunc(v.blocks, func(b WeekBlock) bool { return b.Date == d }) {
			days = append(days, d)
		}
	}
	return days
}

// BlocksOn returns the IDs of the blocks shown on day, in order.
func (v *WeekView) BlocksOn(day continuum.Date) []string {
	var ids []string
	for _, b := range v.blocks {
		if b.Date == day {
			ids = append(ids, b.ID)
		}
	}
	return ids
}

// Tile returns the tile of block id, to focus it; nil when it is not shown.
func (v *WeekView) Tile(id string) fyne.Focusable {
	for _, t := range v.tiles {
		if t.block.ID == id {
			return t
		}
	}
	return nil
}

// CreateRenderer returns the columns of days.
func (v *WeekView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(v.content)
}

// DayHeading writes a day as the week view heads its column: "Mon, Nov 23".
func DayHeading(d continuum.Date) string { return d.Short() }

func (v *WeekView) rebuild() {
	if v.monday.IsZero() {
		return
	}
	v.tiles = v.tiles[:0]
	days := v.Days()
	cols := make([]fyne.CanvasObject, len(days))
	for i, d := range days {
		head := widget.NewLabelWithStyle(DayHeading(d), fyne.TextAlignLeading, fyne.TextStyle{Bold: d == v.today})
		if d == v.today {
			head.SetText(DayHeading(d) + " · today")
			head.Importance = widget.HighImportance
		}
		col := container.NewVBox(head)
		for _, b := range v.blocks {
			if b.Date != d {
				continue
			}
			t := newWeekTile(v, b)
			t.selected = b.ID == v.selected
			v.tiles = append(v.tiles, t)
			col.Add(t)
		}
		if len(col.Objects) == 1 {
			none := widget.NewLabel("No block")
			none.TextStyle.Italic = true
			none.SizeName = theme.SizeNameCaptionText
			col.Add(none)
		}
		cols[i] = col
	}
	v.content.Objects = []fyne.CanvasObject{container.NewGridWithColumns(len(days), cols...)}
	v.content.Refresh()
}

// moveFocus focuses the tile delta places from t, in date order.
func (v *WeekView) moveFocus(t *weekTile, delta int) {
	i := slices.Index(v.tiles, t)
	if i < 0 {
		return
	}
	j := i + delta
	if j < 0 || j >= len(v.tiles) {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(v); c != nil {
		c.Focus(v.tiles[j])
	}
}

func (v *WeekView) choose(id string) {
	v.SetSelected(id)
	if v.OnSelected != nil {
		v.OnSelected(id)
	}
}

// weekTile is one block on the week view.
type weekTile struct {
	widget.BaseWidget
	view     *WeekView
	block    WeekBlock
	selected bool
	focused  bool
	hovered  bool
}

func newWeekTile(v *WeekView, b WeekBlock) *weekTile {
	t := &weekTile{view: v, block: b}
	t.ExtendBaseWidget(t)
	return t
}

func (t *weekTile) setSelected(on bool) {
	if t.selected != on {
		t.selected = on
		t.Refresh()
	}
}

// Tapped chooses the block.
func (t *weekTile) Tapped(*fyne.PointEvent) { t.view.choose(t.block.ID) }

// FocusGained draws the focus ring.
func (t *weekTile) FocusGained() { t.focused = true; t.Refresh() }

// FocusLost removes the focus ring.
func (t *weekTile) FocusLost() { t.focused = false; t.Refresh() }

// TypedRune chooses the block on Space.
func (t *weekTile) TypedRune(r rune) {
	if r == ' ' {
		t.Tapped(nil)
	}
}

// TypedKey chooses the block on Enter and moves the focus with the arrows.
func (t *weekTile) TypedKey(e *fyne.KeyEvent) {
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		t.Tapped(nil)
	case fyne.KeyLeft, fyne.KeyUp:
		t.view.moveFocus(t, -1)
	case fyne.KeyRight, fyne.KeyDown:
		t.view.moveFocus(t, 1)
	}
}

// MouseIn highlights the tile under the pointer.
func (t *weekTile) MouseIn(*desktop.MouseEvent) { t.hovered = true; t.Refresh() }

// MouseMoved does nothing; it completes desktop.Hoverable.
func (t *weekTile) MouseMoved(*desktop.MouseEvent) {}

// MouseOut removes the pointer highlight.
func (t *weekTile) MouseOut() { t.hovered = false; t.Refresh() }

// Cursor shows a pointing hand over the tile.
func (t *weekTile) Cursor() desktop.Cursor { return desktop.PointerCursor }

func (t *weekTile) CreateRenderer() fyne.WidgetRenderer {
	r := &weekTileRenderer{tile: t}
	r.bg = canvas.NewRectangle(color.Transparent)
	r.bg.CornerRadius = theme.InputRadiusSize()
	r.slot = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.slot.TextStyle = fyne.TextStyle{Bold: true}
	r.length = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.placed = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	r.Refresh()
	return r
}

type weekTileRenderer struct {
	tile                 *weekTile
	bg                   *canvas.Rectangle
	slot, length, placed *canvas.Text
}

func (r *weekTileRenderer) lines() []*canvas.Text { return []*canvas.Text{r.slot, r.length, r.placed} }

func (r *weekTileRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	p := theme.InnerPadding()
	y := p / 2
	for _, l := range r.lines() {
		h := l.MinSize().Height
		l.Move(fyne.NewPos(p, y))
		l.Resize(fyne.NewSize(size.Width-2*p, h))
		y += h
	}
}

func (r *weekTileRenderer) MinSize() fyne.Size {
	p := theme.InnerPadding()
	var w, h float32
	for _, l := range r.lines() {
		m := l.MinSize()
		w = max(w, m.Width)
		h += m.Height
	}
	return fyne.NewSize(w+2*p, h+p)
}

func (r *weekTileRenderer) Refresh() {
	t := r.tile
	b := t.block
	fg := theme.Color(theme.ColorNameForeground)
	r.slot.Text = b.Slot
	r.slot.TextSize = theme.TextSize()
	r.length.Text = fmt.Sprintf("%d min · %s", b.Minutes, continuum.Plural(b.Offerings, "offering", "offerings"))
	// Students placed and seats are said apart: 28 students may fill 28 of 46 seats.
	r.placed.Text = fmt.Sprintf("%d placed · %s", b.Placed, continuum.Plural(b.Capacity, "seat", "seats"))
	for _, l := range []*canvas.Text{r.length, r.placed} {
		l.TextSize = theme.CaptionTextSize()
	}
	for _, l := range r.lines() {
		l.Color = fg
		l.Refresh()
	}
	r.bg.FillColor = theme.Color(theme.ColorNameInputBackground)
	MarkTile(r.bg, t.focused, t.selected, t.hovered)
}

func (r *weekTileRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.slot, r.length, r.placed}
}

func (r *weekTileRenderer) Destroy() {}

// MarkTile draws a tile's or a row's state on its background: the
// selection's fill when selected, and an outline for focus (strongest),
// selection, or the pointer over it. Tiles and rows that can be focused,
// chosen and hovered all read the same way.
func MarkTile(bg *canvas.Rectangle, focused, selected, hovered bool) {
	bg.StrokeWidth = 0
	if selected {
		bg.FillColor = theme.Color(theme.ColorNameSelection)
	}
	switch {
	case focused:
		bg.StrokeColor, bg.StrokeWidth = theme.Color(theme.ColorNameFocus), 2
	case selected:
		bg.StrokeColor, bg.StrokeWidth = theme.Color(theme.ColorNamePrimary), 2
	case hovered:
		bg.StrokeColor, bg.StrokeWidth = theme.Color(theme.ColorNamePrimary), 1
	}
	bg.Refresh()
}
