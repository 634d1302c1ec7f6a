package widgets

import (
	"fmt"
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// PositionBar shows how far a student has come on one domain, level by
// level: a row per level that has targets, with one square per target
// (filled when mastered), the count ("2/3"), and the words "secured" and
// "working" against the levels they apply to. Levels without targets in
// the domain are left out, as positions leave them out.
type PositionBar struct {
	widget.BaseWidget

	levels  []continuum.LevelCount
	secured int
	working int
}

// NewPositionBar returns a bar for a domain's level counts, with the
// indexes of the secured and working levels (-1: none).
func NewPositionBar(levels []continuum.LevelCount, secured, working int) *PositionBar {
	b := &PositionBar{levels: levels, secured: secured, working: working}
	b.ExtendBaseWidget(b)
	return b
}

// Set replaces the counts and the secured and working levels.
func (b *PositionBar) Set(levels []continuum.LevelCount, secured, working int) {
	b.levels, b.secured, b.working = levels, secured, working
	b.Refresh()
}

// CreateRenderer returns the bar's renderer.
func (b *PositionBar) CreateRenderer() fyne.WidgetRenderer {
	r := &positionBarRenderer{bar: b}
	r.build()
	return r
}

type positionBarRenderer struct {
	bar     *PositionBar
	rows    []positionRow
	objects []fyne.CanvasObject
	nameW   float32 // width of the level-name column
	countW  float32 // width of the count column
	cells   int     // most targets at one level
}

type positionRow struct {
	name, count, tag *canvas.Text
	cells            []*canvas.Rectangle
}

// cellSize is the side of one target's square, from the text size.
func cellSize() float32 { return float32(int(theme.TextSize() * 0.8)) }

const positionCellGap = 2

// build makes the rows' objects for the bar's counts.
func (r *positionBarRenderer) build() {
	b := r.bar
	r.rows = r.rows[:0]
	r.objects = r.objects[:0]
	r.nameW, r.countW, r.cells = 0, 0, 0
	fg := theme.Color(theme.ColorNameForeground)
	size := theme.TextSize()
	for l, lc := range b.levels {
		if lc.Targets == 0 {
			continue
		}
		row := positionRow{
			name:  canvas.NewText(lc.Level, fg),
			count: canvas.NewText(fmt.Sprintf("%d/%d", lc.Mastered, lc.Targets), fg),
			tag:   canvas.NewText("", fg),
		}
		row.name.TextSize, row.count.TextSize, row.tag.TextSize = size, size, size
		switch {
		case l == b.working:
			row.tag.Text = "working"
			row.tag.Color = theme.Color(theme.ColorNamePrimary)
			row.tag.TextStyle.Bold = true
			row.name.TextStyle.Bold = true
		case l <= b.secured:
			row.tag.Text = "secured"
			row.tag.Color = theme.Color(theme.ColorNamePlaceHolder)
		}
		r.objects = append(r.objects, row.name)
		for i := range lc.Targets {
			cell := canvas.NewRectangle(color.Transparent)
			cell.CornerRadius = 2
			if i < lc.Mastered {
				cell.FillColor = masteredStroke
			} else {
				cell.StrokeColor = theme.Color(theme.ColorNamePlaceHolder)
				cell.StrokeWidth = 1
			}
			row.cells = append(row.cells, cell)
			r.objects = append(r.objects, cell)
		}
		r.objects = append(r.objects, row.count, row.tag)
		r.nameW = max(r.nameW, fyne.MeasureText(lc.Level, size, fyne.TextStyle{Bold: true}).Width)
		r.countW = max(r.countW, row.count.MinSize().Width)
		r.cells = max(r.cells, lc.Targets)
		r.rows = append(r.rows, row)
	}
}

func (r *positionBarRenderer) rowHeight() float32 {
	return fyne.MeasureText("Level", theme.TextSize(), fyne.TextStyle{}).Height
}

func (r *positionBarRenderer) Layout(fyne.Size) {
	pad := theme.Padding()
	h := r.rowHeight()
	cell := cellSize()
	cellsX := r.nameW + 2*pad
	countX := cellsX + float32(r.cells)*(cell+positionCellGap) + pad
	tagX := countX + r.countW + 2*pad
	for i, row := range r.rows {
		y := float32(i) * (h + pad)
		row.name.Move(fyne.NewPos(0, y))
		row.name.Resize(row.name.MinSize())
		for k, c := range row.cells {
			c.Move(fyne.NewPos(cellsX+float32(k)*(cell+positionCellGap), y+(h-cell)/2))
			c.Resize(fyne.NewSize(cell, cell))
		}
		row.count.Move(fyne.NewPos(countX, y))
		row.count.Resize(row.count.MinSize())
		row.tag.Move(fyne.NewPos(tagX, y))
		row.tag.Resize(row.tag.MinSize())
	}
}

func (r *positionBarRenderer) MinSize() fyne.Size {
	if len(r.rows) == 0 {
		return fyne.Size{}
	}
	pad := theme.Padding()
	h := r.rowHeight()
	tagW := fyne.MeasureText("working", theme.TextSize(), fyne.TextStyle{Bold: true}).Width
	w := r.nameW + 2*pad + float32(r.cells)*(cellSize()+positionCellGap) + pad + r.countW + 2*pad + tagW
	return fyne.NewSize(w, float32(len(r.rows))*(h+pad)-pad)
}

func (r *positionBarRenderer) Refresh() {
	r.build()
	r.Layout(r.bar.Size())
	canvas.Refresh(r.bar)
}

func (r *positionBarRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *positionBarRenderer) Destroy() {}
