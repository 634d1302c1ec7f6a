package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// cellFace draws a cell that is not being edited: a plain box of the
// fields' colour, and the text typed in it where an entry shows its text.
// A click on it asks for the cell to be edited.
//
// A column of rows shows one editor, on the row being worked on, and a
// face in every other cell. A face is two canvas objects where an entry
// is about ten, and its box has square corners and no border: Mesa's
// software renderer, which draws the window on many school laptops and
// in virtual machines, shades rounded, bordered boxes pixel by pixel, and
// every one is painted again at each frame (twenty such boxes cost about
// 2 ms a frame, a sixth of it, on the district's scoring view).
type cellFace struct {
	widget.BaseWidget

	text  string
	onTap func()
}

func newCellFace(onTap func()) *cellFace {
	f := &cellFace{onTap: onTap}
	f.ExtendBaseWidget(f)
	return f
}

// set shows text.
func (f *cellFace) set(text string) {
	if f.text == text {
		return
	}
	f.text = text
	f.Refresh()
}

// Tapped asks for the cell to be edited.
func (f *cellFace) Tapped(*fyne.PointEvent) {
	if f.onTap != nil {
		f.onTap()
	}
}

// Cursor is the text cursor, as over an entry.
func (f *cellFace) Cursor() desktop.Cursor { return desktop.TextCursor }

func (f *cellFace) CreateRenderer() fyne.WidgetRenderer {
	r := &cellFaceRenderer{face: f, box: canvas.NewRectangle(nil), text: canvas.NewText("", nil)}
	r.Refresh()
	return r
}

type cellFaceRenderer struct {
	face *cellFace
	box  *canvas.Rectangle
	text *canvas.Text
}

func (r *cellFaceRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.box, r.text}
}

func (r *cellFaceRenderer) Destroy() {}

// MinSize is an entry's: a line of text with the entry's padding.
func (r *cellFaceRenderer) MinSize() fyne.Size {
	pad := theme.InnerPadding()
	return fyne.MeasureText("M", theme.TextSize(), fyne.TextStyle{}).AddWidthHeight(3*pad, 2*pad)
}

// Layout draws the box where an entry draws its background, and puts the
// text where an entry puts its text, fitted to the room.
func (r *cellFaceRenderer) Layout(size fyne.Size) {
	border := theme.InputBorderSize()
	r.box.Move(fyne.NewSquareOffsetPos(border))
	r.box.Resize(size.Subtract(fyne.NewSquareSize(2 * border)))
	placeLine(r.text, r.face.text, size)
}

// Refresh takes the theme's colours and sizes and the face's text.
func (r *cellFaceRenderer) Refresh() {
	r.box.FillColor = theme.Color(theme.ColorNameInputBackground)
	r.text.TextSize = theme.TextSize()
	r.text.Color = theme.Color(theme.ColorNameForeground)
	r.Layout(r.face.Size())
	r.box.Refresh()
	r.text.Refresh()
}
