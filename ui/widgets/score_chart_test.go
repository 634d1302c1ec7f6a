package widgets

import (
	"math"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
)

func TestScoreChartGolden(t *testing.T) {
	d := continuum.MustParseDate
	tests := []struct {
		name   string
		golden string
		scores []ScorePoint
		value  *ChartValue
	}{
		{"four scores rising", "score_chart/four_scores.xml", []ScorePoint{
			{d("2026-09-01"), 1}, {d("2026-09-15"), 2}, {d("2026-09-29"), 3}, {d("2026-10-20"), 4},
		}, &ChartValue{Value: 3.48, Label: "now 3.48"}},
		{"a single score", "score_chart/single_score.xml", []ScorePoint{{d("2026-09-14"), 2}}, &ChartValue{Value: 2}},
		{"no scores", "score_chart/no_scores.xml", nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			c := NewScoreChart(continuum.DefaultScale(), tt.scores, tt.value)
			w := test.NewTempWindow(t, c)
			w.Resize(fyne.NewSize(480, 260))
			test.AssertRendersToMarkup(t, tt.golden, w.Canvas())
		})
	}
}

func TestChartGeometry(t *testing.T) {
	// Given a 1–4 scale drawn between y=10 and y=310,
	g := chartGeometry{left: 40, top: 10, right: 340, bottom: 310, min: 1, max: 4,
		first: continuum.NewDate(2026, 9, 1), last: continuum.NewDate(2026, 9, 11), inset: 10}
	// the cut at 3 sits two thirds of the way up, and the ends of the scale on the edges.
	for _, tt := range []struct {
		v    float64
		want float32
	}{{3, 110}, {1, 310}, {4, 10}, {2.5, 160}} {
		if got := g.y(tt.v); math.Abs(float64(got-tt.want)) > 1e-3 {
			t.Errorf("y(%g) = %g, want %g", tt.v, got, tt.want)
		}
	}
	// Time runs left to right inside the inset: day 5 of 10 is halfway.
	if got := g.x(continuum.NewDate(2026, 9, 6)); got != 190 {
		t.Errorf("x(halfway) = %g, want 190", got)
	}
	if got := g.x(g.first); got != 50 {
		t.Errorf("x(first) = %g, want 50", got)
	}
	// Two scores on one day are spread either side of it.
	xs := g.pointXs([]ScorePoint{{g.first, 1}, {g.last, 2}, {g.last, 3}}, 12)
	if xs[0] != 50 || xs[1] != 324 || xs[2] != 336 {
		t.Errorf("pointXs = %v, want [50 324 336]", xs)
	}
	// A single day sits in the middle.
	one := g
	one.last = one.first
	if got := one.x(one.first); got != 190 {
		t.Errorf("x(single day) = %g, want 190", got)
	}
}

func TestScoreChartSet(t *testing.T) {
	test.NewTempApp(t)
	c := NewScoreChart(continuum.DefaultScale(), nil, nil)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(400, 240))
	if !rendersText(c, "No evidence yet") {
		t.Fatal("empty chart does not say so")
	}
	c.Set(continuum.DefaultScale(), []ScorePoint{{continuum.NewDate(2026, 9, 1), 3}}, &ChartValue{Value: 3, Label: "now 3"})
	if rendersText(c, "No evidence yet") || !rendersText(c, "now 3") || !rendersText(c, "mastery cut 3") {
		t.Error("chart did not redraw for its new data")
	}
}

// rendersText reports whether a widget draws text anywhere in its tree.
func rendersText(o fyne.CanvasObject, text string) bool {
	for _, obj := range test.LaidOutObjects(o) {
		if t, ok := obj.(*canvas.Text); ok && t.Text == text {
			return true
		}
	}
	return false
}
