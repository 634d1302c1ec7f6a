package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/continuum-planner/planner/continuum"
)

func TestPositionBarGolden(t *testing.T) {
	levels := []continuum.LevelCount{
		{Level: "Level 1", Targets: 3, Mastered: 3},
		{Level: "Level 2", Targets: 3, Mastered: 1},
		{Level: "Level 3", Targets: 0},
		{Level: "Level 4", Targets: 2},
	}
	tests := []struct {
		name             string
		golden           string
		secured, working int
	}{
		{"secured level 1, working at level 2", "position_bar/working.xml", 0, 1},
		{"nothing secured", "position_bar/nothing_secured.xml", -1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			b := NewPositionBar(levels, tt.secured, tt.working)
			w := test.NewTempWindow(t, b)
			w.Resize(b.MinSize().AddWidthHeight(40, 40))
			test.AssertRendersToMarkup(t, tt.golden, w.Canvas())
		})
	}
}

func TestPositionBarCountsAndSkipsEmptyLevels(t *testing.T) {
	test.NewTempApp(t)
	b := NewPositionBar([]continuum.LevelCount{{Level: "K", Targets: 2, Mastered: 1}, {Level: "1"}, {Level: "2", Targets: 4}}, -1, 0)
	test.NewTempWindow(t, b)
	var texts []string
	filled, empty := 0, 0
	for _, o := range test.WidgetRenderer(b).Objects() {
		switch o := o.(type) {
		case *canvas.Text:
			if o.Text != "" {
				texts = append(texts, o.Text)
			}
		case *canvas.Rectangle:
			if o.StrokeWidth == 0 {
				filled++
			} else {
				empty++
			}
		}
	}
	want := []string{"K", "1/2", "working", "2", "0/4"}
	if len(texts) != len(want) {
		t.Fatalf("texts %v, want %v", texts, want)
	}
	for i := range want {
		if texts[i] != want[i] {
			t.Errorf("texts %v, want %v", texts, want)
			break
		}
	}
	if filled != 1 || empty != 5 {
		t.Errorf("%d filled and %d empty squares, want 1 and 5", filled, empty)
	}
	b.Set([]continuum.LevelCount{{Level: "K", Targets: 2, Mastered: 2}}, 0, 0)
	if got := len(test.WidgetRenderer(b).Objects()); got != 5 {
		t.Errorf("after Set: %d objects, want 5 (name, 2 squares, count, tag)", got)
	}
	if b.MinSize().Height >= fyne.MeasureText("K", theme.TextSize(), fyne.TextStyle{}).Height*2 {
		t.Errorf("one level is %v tall", b.MinSize())
	}
}
