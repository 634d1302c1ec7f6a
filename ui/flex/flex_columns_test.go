package flex

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The planner's columns share the width they are given, each at least
// flexMinColumnWidth or its content's minimum; the padding is 4.
func TestFlexColumnsShareTheWidth(t *testing.T) {
	test.NewTempApp(t)
	if theme.Padding() != 4 {
		t.Fatalf("padding %v; the widths below assume 4", theme.Padding())
	}
	tests := []struct {
		name  string
		mins  []float32 // each column's content minimum width
		width float32
		want  []float32
	}{
		{"6 columns in 920: (920 - 5×4) / 6 = 150 each", []float32{0, 0, 0, 0, 0, 0}, 920, []float32{150, 150, 150, 150, 150, 150}},
		{"narrower than 140 each: 140 each, wider than given", []float32{0, 0, 0, 0, 0, 0}, 600, []float32{140, 140, 140, 140, 140, 140}},
		{"a column whose content needs 300 keeps it; the others share 604 - 300 - 8", []float32{0, 300, 0}, 604, []float32{148, 300, 148}},
		{"one column takes it all", []float32{0}, 500, []float32{500}},
	}
	for _, tt := range tests {
		objects := make([]fyne.CanvasObject, len(tt.mins))
		for i, m := range tt.mins {
			r := canvas.NewRectangle(nil)
			r.SetMinSize(fyne.NewSize(m, 10))
			objects[i] = r
		}
		l := flexColumnsLayout{}
		size := l.MinSize(objects).Max(fyne.NewSize(tt.width, 100)) // as the scroll sizes its content
		l.Layout(objects, size)
		x := float32(0)
		for i, o := range objects {
			if o.Size().Width != tt.want[i] || o.Position().X != x {
				t.Errorf("%s: column %d at %v, %v wide; want at %v, %v wide", tt.name, i, o.Position().X, o.Size().Width, x, tt.want[i])
			}
			x += tt.want[i] + 4
		}
		if end := x - 4; end != size.Width {
			t.Errorf("%s: the columns end at %v, in %v", tt.name, end, size.Width)
		}
	}
}
