package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// MinWidthLayout stacks its objects, Width wide at least (a search field
// that does not shrink to its placeholder, say).
type MinWidthLayout struct {
	// Width is the least width.
	Width float32
}

// MinSize is the largest object's, widened to Width.
func (l *MinWidthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := stackedMin(objects)
	return fyne.NewSize(max(s.Width, l.Width), s.Height)
}

// Layout gives every object the whole size.
func (l *MinWidthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) { stack(objects, size) }

// MaxWidthLayout stacks its objects, no wider than Width (a column of
// text that should not run the width of a wide window).
type MaxWidthLayout struct {
	// Width is the greatest width.
	Width float32
}

// MinSize is the largest object's height, Width wide.
func (l *MaxWidthLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := stackedMin(objects)
	return fyne.NewSize(min(max(s.Width, l.Width), l.Width), s.Height)
}

// Layout gives every object the whole size.
func (l *MaxWidthLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) { stack(objects, size) }

// LabelledLayout lays out a label of fixed width and, beside it, an
// object that takes the rest of the width.
type LabelledLayout struct {
	// Width is the label's width.
	Width float32
}

// Layout places the label, then the object beside it.
func (l *LabelledLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	if len(objects) < 2 {
		return
	}
	pad := theme.Padding()
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(l.Width, objects[0].MinSize().Height))
	objects[1].Move(fyne.NewPos(l.Width+pad, 0))
	objects[1].Resize(fyne.NewSize(max(size.Width-l.Width-pad, 0), size.Height))
}

// MinSize is the label's width and the object's, side by side.
func (l *LabelledLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	if len(objects) < 2 {
		return fyne.Size{}
	}
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(l.Width+theme.Padding()+b.Width, max(a.Height, b.Height))
}

func stackedMin(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return s
}

func stack(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
