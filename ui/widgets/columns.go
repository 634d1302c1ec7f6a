package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// ColumnsLayout places objects side by side in columns of fixed widths, so
// that a header and the rows under it line up. A width of 0 or less makes a
// flexible column: flexible columns share the space the fixed ones leave,
// in proportion to their weight (-w for a width of w < 0, 1 for 0), and
// never get less than their object's minimum width.
type ColumnsLayout struct {
	// Widths are the column widths, one per object; missing widths are flexible.
	Widths []float32
}

// NewColumnsLayout returns a layout with the given column widths (0 or
// less for flexible; see ColumnsLayout).
func NewColumnsLayout(widths ...float32) *ColumnsLayout {
	return &ColumnsLayout{Widths: widths}
}

func (l *ColumnsLayout) width(i int) float32 {
	if i < len(l.Widths) {
		return l.Widths[i]
	}
	return 0
}

// weight is a flexible column's share of the space left.
func (l *ColumnsLayout) weight(i int) float32 {
	if w := l.width(i); w < 0 {
		return -w
	}
	return 1
}

func (l *ColumnsLayout) padding() float32 { return theme.Padding() }

// MinSize is the fixed widths plus the flexible columns' minimum widths,
// with padding between columns, and the tallest object's height.
func (l *ColumnsLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	n := 0
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		min := o.MinSize()
		if fw := l.width(i); fw > 0 {
			w += fw
		} else {
			w += min.Width
		}
		h = max(h, min.Height)
		n++
	}
	if n > 1 {
		w += float32(n-1) * l.padding()
	}
	return fyne.NewSize(w, h)
}

// Layout gives each visible object its column, full height.
func (l *ColumnsLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	pad := l.padding()
	var fixed, weights float32
	n := 0
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		n++
		if fw := l.width(i); fw > 0 {
			fixed += fw
		} else {
			weights += l.weight(i)
		}
	}
	if n == 0 {
		return
	}
	spare := size.Width - fixed - float32(n-1)*pad
	share := float32(0)
	if weights > 0 {
		share = spare / weights
	}
	x := float32(0)
	for i, o := range objects {
		if !o.Visible() {
			continue
		}
		w := l.width(i)
		if w <= 0 {
			w = max(share*l.weight(i), o.MinSize().Width)
		}
		o.Move(fyne.NewPos(x, 0))
		o.Resize(fyne.NewSize(w, size.Height))
		x += w + pad
	}
}
