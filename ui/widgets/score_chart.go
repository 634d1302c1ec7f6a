package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// ScorePoint is one piece of evidence on a chart: the day it was gathered
// and its score.
type ScorePoint struct {
	// Date is the day the evidence was gathered.
	Date continuum.Date
	// Score is the score, a point of the scale.
	Score float64
}

// ChartValue is the mastery method's current value, drawn across a
// ScoreChart as a dashed line.
type ChartValue struct {
	// Value is the method's value.
	Value float64
	// Label is written at the end of the line, e.g. "now 2.41"; when empty
	// the value itself is written.
	Label string
}

// Stroke colours of the chart's value line: the status colours at full
// strength, so that a thin line still reads.
var (
	masteredStroke = color.NRGBA{R: 0x2e, G: 0xa0, B: 0x43, A: 0xff}
	notYetStroke   = color.NRGBA{R: 0xe6, G: 0xa0, B: 0x1e, A: 0xff}
)

// ScoreChart draws one student's scores on one target over time: the
// scale up the side with its points labelled, the mastery cut as a line,
// each score as a labelled point joined to the next, the first and last
// dates (and a few between when there is room) along the bottom, and,
// when given, the mastery method's current value as a dashed line. With
// no scores it says "No evidence yet".
type ScoreChart struct {
	widget.BaseWidget

	scale  continuum.Scale
	scores []ScorePoint
	value  *ChartValue
}

// NewScoreChart returns a chart of scores (oldest first) on scale, with
// the method's value when value is not nil.
func NewScoreChart(scale continuum.Scale, scores []ScorePoint, value *ChartValue) *ScoreChart {
	c := &ScoreChart{}
	c.ExtendBaseWidget(c)
	c.scale, c.scores, c.value = scale, scores, value
	return c
}

// Set replaces what the chart shows: the scale, the scores (oldest first)
// and the method's value (nil: none).
func (c *ScoreChart) Set(scale continuum.Scale, scores []ScorePoint, value *ChartValue) {
	c.scale, c.scores, c.value = scale, scores, value
	c.Refresh()
}

// MinSize is small enough for a side panel and large enough to read four
// scale points.
func (c *ScoreChart) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(240, 170)
}

// CreateRenderer returns the chart's renderer.
func (c *ScoreChart) CreateRenderer() fyne.WidgetRenderer {
	return &scoreChartRenderer{chart: c}
}

// chartGeometry maps scale values and dates onto the plot area.
type chartGeometry struct {
	left, top, right, bottom float32 // the plot area; bottom is the scale's lowest point
	min, max                 float64 // the scale's range
	first, last              continuum.Date
	inset                    float32 // keeps the first and last points off the edges
}

// y returns the vertical position of scale value v.
func (g chartGeometry) y(v float64) float32 {
	if g.max <= g.min {
		return g.bottom
	}
	return g.bottom - float32((v-g.min)/(g.max-g.min))*(g.bottom-g.top)
}

// x returns the horizontal position of day d: time runs left to right, a
// single day sits in the middle.
func (g chartGeometry) x(d continuum.Date) float32 {
	span := g.last.DaysSince(g.first)
	if span <= 0 {
		return (g.left + g.right) / 2
	}
	frac := float32(d.DaysSince(g.first)) / float32(span)
	return g.left + g.inset + frac*(g.right-g.left-2*g.inset)
}

// pointXs places the scores along the time axis. Scores of the same day
// are spread a little apart so that each stays visible.
func (g chartGeometry) pointXs(scores []ScorePoint, step float32) []float32 {
	xs := make([]float32, len(scores))
	for lo := 0; lo < len(scores); {
		hi := lo
		for hi < len(scores) && scores[hi].Date == scores[lo].Date {
			hi++
		}
		x0 := g.x(scores[lo].Date)
		n := hi - lo
		for k := lo; k < hi; k++ {
			x := x0 + (float32(k-lo)-float32(n-1)/2)*step
			xs[k] = min(max(x, g.left+2), g.right-2)
		}
		lo = hi
	}
	return xs
}

type scoreChartRenderer struct {
	chart   *ScoreChart
	objects []fyne.CanvasObject
	size    fyne.Size
}

// Chart proportions, in units of the theme's padding where it matters.
const (
	chartPointRadius = 4.5
	chartDash        = 6
	chartGap         = 4
	chartSameDayStep = 12
	// chartWideAxis is the width from which the axis names each scale point.
	chartWideAxis = 420
)

func (r *scoreChartRenderer) Layout(size fyne.Size) {
	r.size = size
	r.build()
}

func (r *scoreChartRenderer) MinSize() fyne.Size { return r.chart.MinSize() }

func (r *scoreChartRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.chart)
}

func (r *scoreChartRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *scoreChartRenderer) Destroy() {}

// build draws the chart anew for its data and size.
func (r *scoreChartRenderer) build() {
	c := r.chart
	r.objects = r.objects[:0]
	if len(c.scale.Points) < 2 || r.size.Width <= 0 || r.size.Height <= 0 {
		return
	}
	scale := c.scale
	pad := theme.Padding()
	capSize := theme.CaptionTextSize()
	capH := fyne.MeasureText("0", capSize, fyne.TextStyle{}).Height
	fg := theme.Color(theme.ColorNameForeground)
	muted := theme.Color(theme.ColorNamePlaceHolder)

	// Margins: the axis labels on the left, the line labels on the right,
	// point labels above the top and dates below the bottom.
	axisText := make([]string, len(scale.Points))
	var axisW float32
	for i, p := range scale.Points {
		axisText[i] = continuum.FormatScore(p.Value)
		if r.size.Width >= chartWideAxis {
			axisText[i] += " " + p.Label
		}
		axisW = max(axisW, fyne.MeasureText(axisText[i], capSize, fyne.TextStyle{}).Width)
	}
	cutText := "mastery cut " + continuum.FormatScore(scale.Cut)
	rightW := fyne.MeasureText(cutText, capSize, fyne.TextStyle{Bold: true}).Width
	valueText := ""
	if v := c.value; v != nil {
		valueText = v.Label
		if valueText == "" {
			valueText = continuum.FormatScore(v.Value)
		}
		rightW = max(rightW, fyne.MeasureText(valueText, capSize, fyne.TextStyle{Bold: true}).Width)
	}
	g := chartGeometry{
		left:   axisW + 2*pad,
		top:    capH + 2*pad,
		right:  r.size.Width - rightW - 2*pad,
		bottom: r.size.Height - capH - 2*pad,
		min:    scale.Min(),
		max:    scale.Max(),
		inset:  chartPointRadius + chartSameDayStep,
	}
	if len(c.scores) > 0 {
		g.first, g.last = c.scores[0].Date, c.scores[len(c.scores)-1].Date
	}

	// Grid lines and the scale's labels.
	for i, p := range scale.Points {
		y := g.y(p.Value)
		if i > 0 && p.Value != scale.Cut { // the lowest point is the axis; the cut has its own line
			r.add(hline(g.left, g.right, y, theme.Color(theme.ColorNameSeparator), 1))
		}
		t := r.text(axisText[i], capSize, fg, fyne.TextStyle{})
		t.Move(fyne.NewPos(g.left-pad-t.Size().Width, y-t.Size().Height/2))
	}
	r.add(hline(g.left, g.right, g.bottom, muted, 1))
	r.add(&canvas.Line{Position1: fyne.NewPos(g.left, g.top), Position2: fyne.NewPos(g.left, g.bottom), StrokeColor: muted, StrokeWidth: 1})

	// The mastery cut and the method's value, labelled at the right.
	yCut := g.y(scale.Cut)
	r.add(hline(g.left, g.right, yCut, fg, 1.5))
	cutLabel := r.text(cutText, capSize, fg, fyne.TextStyle{Bold: true})
	cutY := yCut
	if v := c.value; v != nil {
		stroke := color.Color(notYetStroke)
		if scale.Mastered(v.Value) {
			stroke = masteredStroke
		}
		yVal := g.y(v.Value)
		for x := g.left; x < g.right; x += chartDash + chartGap {
			r.add(hline(x, min(x+chartDash, g.right), yVal, stroke, 2))
		}
		valLabel := r.text(valueText, capSize, stroke, fyne.TextStyle{Bold: true})
		valY := yVal
		if d := yVal - yCut; d < capH && d > -capH { // keep the two labels apart
			mid := (yVal + yCut) / 2
			if v.Value <= scale.Cut {
				valY, cutY = mid+capH/2, mid-capH/2
			} else {
				valY, cutY = mid-capH/2, mid+capH/2
			}
		}
		valLabel.Move(fyne.NewPos(g.right+pad, valY-valLabel.Size().Height/2))
	}
	cutLabel.Move(fyne.NewPos(g.right+pad, cutY-cutLabel.Size().Height/2))

	if len(c.scores) == 0 {
		t := r.text("No evidence yet", theme.TextSize(), muted, fyne.TextStyle{Italic: true})
		t.Move(fyne.NewPos((g.left+g.right-t.Size().Width)/2, (g.top+g.bottom-t.Size().Height)/2))
		return
	}

	// The scores: lines first so the points sit on top, then the labels.
	primary := theme.Color(theme.ColorNamePrimary)
	xs := g.pointXs(c.scores, chartSameDayStep)
	for i := 1; i < len(c.scores); i++ {
		r.add(&canvas.Line{
			Position1:   fyne.NewPos(xs[i-1], g.y(c.scores[i-1].Score)),
			Position2:   fyne.NewPos(xs[i], g.y(c.scores[i].Score)),
			StrokeColor: primary, StrokeWidth: 2,
		})
	}
	for i, s := range c.scores {
		y := g.y(s.Score)
		r.add(&canvas.Circle{
			Position1: fyne.NewPos(xs[i]-chartPointRadius, y-chartPointRadius),
			Position2: fyne.NewPos(xs[i]+chartPointRadius, y+chartPointRadius),
			FillColor: primary, StrokeColor: theme.Color(theme.ColorNameBackground), StrokeWidth: 1,
		})
	}
	for i, s := range c.scores {
		t := r.text(continuum.FormatScore(s.Score), capSize, fg, fyne.TextStyle{Bold: true})
		t.Move(fyne.NewPos(xs[i]-t.Size().Width/2, g.y(s.Score)-chartPointRadius-1-t.Size().Height))
	}
	r.dateLabels(g, capSize, fg)
}

// dateLabels writes the dates under the points: always the first, the last
// when it is another day, and those between that fit without crowding.
func (r *scoreChartRenderer) dateLabels(g chartGeometry, size float32, fg color.Color) {
	scores := r.chart.scores
	layout := "Jan 2"
	if g.first.Year() != g.last.Year() {
		layout = "Jan 2, 2006"
	}
	type label struct {
		text string
		x, w float32
	}
	var labels []label
	gap := 2 * theme.Padding()
	for i, s := range scores {
		if i > 0 && s.Date == scores[i-1].Date {
			continue
		}
		x := g.x(s.Date)
		text := s.Date.Time().Format(layout)
		w := fyne.MeasureText(text, size, fyne.TextStyle{}).Width
		l := label{text, min(max(x-w/2, 0), r.size.Width-w), w}
		switch {
		case len(labels) == 0:
			labels = append(labels, l)
		case l.x >= labels[len(labels)-1].x+labels[len(labels)-1].w+gap:
			labels = append(labels, l)
		case s.Date == g.last && len(labels) > 1:
			// The last day matters more than the one before it.
			labels[len(labels)-1] = l
		}
	}
	y := g.bottom + theme.Padding()
	for _, l := range labels {
		t := r.text(l.text, size, fg, fyne.TextStyle{})
		t.Move(fyne.NewPos(l.x, y))
	}
}

// text adds a text object sized to its content.
func (r *scoreChartRenderer) text(s string, size float32, c color.Color, style fyne.TextStyle) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.TextStyle = style
	t.Resize(fyne.MeasureText(s, size, style))
	r.add(t)
	return t
}

func (r *scoreChartRenderer) add(o fyne.CanvasObject) { r.objects = append(r.objects, o) }

// hline returns a horizontal line from x1 to x2 at y.
func hline(x1, x2, y float32, c color.Color, width float32) *canvas.Line {
	return &canvas.Line{Position1: fyne.NewPos(x1, y), Position2: fyne.NewPos(x2, y), StrokeColor: c, StrokeWidth: width}
}
