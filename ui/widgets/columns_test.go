package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

func TestColumnsLayout(t *testing.T) {
	test.NewTempApp(t)
	pad := theme.Padding()
	box := func(w float32) fyne.CanvasObject {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(w, 10))
		return r
	}
	tests := []struct {
		name   string
		widths []float32
		mins   []float32
		width  float32
		want   []float32 // widths given
	}{
		{"fixed only", []float32{50, 70}, []float32{1, 1}, 500, []float32{50, 70}},
		{"one flexible takes the rest", []float32{100, 0, 60}, []float32{1, 1, 1}, 400, []float32{100, 400 - 160 - 2*pad, 60}},
		{"flexible share by weight", []float32{-3, 40, -1}, []float32{1, 1, 1}, 440 + 2*pad, []float32{300, 40, 100}},
		{"missing widths are flexible", []float32{80}, []float32{1, 1}, 280 + pad, []float32{80, 200}},
		{"never below the minimum", []float32{0, 0}, []float32{150, 1}, 200 + pad, []float32{150, 100}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			objs := make([]fyne.CanvasObject, len(tt.mins))
			for i, m := range tt.mins {
				objs[i] = box(m)
			}
			l := NewColumnsLayout(tt.widths...)
			l.Layout(objs, fyne.NewSize(tt.width, 30))
			x := float32(0)
			for i, o := range objs {
				if o.Size().Width != tt.want[i] || o.Position().X != x || o.Size().Height != 30 {
					t.Errorf("column %d at %v size %v, want x %v width %v", i, o.Position(), o.Size(), x, tt.want[i])
				}
				x += o.Size().Width + pad
			}
		})
	}
	// MinSize: fixed widths plus the flexible columns' minimums, with gaps.
	l := NewColumnsLayout(100, 0)
	if got := l.MinSize([]fyne.CanvasObject{box(5), box(30)}); got.Width != 130+pad || got.Height != 10 {
		t.Errorf("MinSize %v", got)
	}
}
