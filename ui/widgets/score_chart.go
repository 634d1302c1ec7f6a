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

// build draws the chart anew for its data and size: the grid and the
// scale, the mastery cut and the method's value, then the scores (or a
// word that there are none).
func (r *scoreChartRenderer) build() {
	c := r.chart
	r.objects = r.objects[:0]
	if len(c.scale.Points) < 2 || r.size.Width <= 0 || r.size.Height <= 0 {
		return
	}
	st := newChartStyle()
	texts := r.measureTexts(st.capSize)
	g := r.geometry(texts, st)
	r.drawGrid(g, texts.axis, st)
	r.drawCutAndValue(g, texts, st)
	if len(c.scores) == 0 {
		t := r.text("No evidence yet", theme.TextSize(), st.muted, fyne.TextStyle{Italic: true})
		t.Move(fyne.NewPos((g.left+g.right-t.Size().Width)/2, (g.top+g.bottom-t.Size().Height)/2))
		return
	}
	r.drawScores(g, st)
	r.dateLabels(g, st.capSize, st.fg)
}

// chartStyle is the theme's sizes and colours a chart is drawn with.
type chartStyle struct {
	pad     float32     // the theme's padding
	capSize float32     // the size of the chart's captions
	capH    float32     // the height of a line of captions
	fg      color.Color // labels and the mastery cut
	muted   color.Color // the axes and the word that there is no evidence
}

// newChartStyle reads the chart's sizes and colours from the theme.
func newChartStyle() chartStyle {
	capSize := theme.CaptionTextSize()
	return chartStyle{
		pad:     theme.Padding(),
		capSize: capSize,
		capH:    fyne.MeasureText("0", capSize, fyne.TextStyle{}).Height,
		fg:      theme.Color(theme.ColorNameForeground),
		muted:   theme.Color(theme.ColorNamePlaceHolder),
	}
}

// chartTexts are the labels that set the chart's margins, with the widths
// they take.
type chartTexts struct {
	axis   []string // one per scale point, low to high
	axisW  float32  // the widest axis label
	cut    string   // the mastery cut's label
	value  string   // the method's value's label, or ""
	rightW float32  // the widest label right of the plot
}

// measureTexts writes the axis labels (with the points' names when the chart
// is wide enough) and the labels of the cut and the value.
func (r *scoreChartRenderer) measureTexts(capSize float32) chartTexts {
	c := r.chart
	var t chartTexts
	t.axis = make([]string, len(c.scale.Points))
	for i, p := range c.scale.Points {
		t.axis[i] = continuum.FormatScore(p.Value)
		if r.size.Width >= chartWideAxis {
			t.axis[i] += " " + p.Label
		}
		t.axisW = max(t.axisW, fyne.MeasureText(t.axis[i], capSize, fyne.TextStyle{}).Width)
	}
	t.cut = "mastery cut " + continuum.FormatScore(c.scale.Cut)
	t.rightW = fyne.MeasureText(t.cut, capSize, fyne.TextStyle{Bold: true}).Width
	if v := c.value; v != nil {
		t.value = v.Label
		if t.value == "" {
			t.value = continuum.FormatScore(v.Value)
		}
		t.rightW = max(t.rightW, fyne.MeasureText(t.value, capSize, fyne.TextStyle{Bold: true}).Width)
	}
	return t
}

// geometry places the plot area inside margins for the axis labels on the
// left, the line labels on the right, point labels above the top and
// dates below the bottom.
func (r *scoreChartRenderer) geometry(texts chartTexts, st chartStyle) chartGeometry {
	c := r.chart
	g := chartGeometry{
		left:   texts.axisW + 2*st.pad,
		top:    st.capH + 2*st.pad,
		right:  r.size.Width - texts.rightW - 2*st.pad,
		bottom: r.size.Height - st.capH - 2*st.pad,
		min:    c.scale.Min(),
		max:    c.scale.Max(),
		inset:  chartPointRadius + chartSameDayStep,
	}
	if len(c.scores) > 0 {
		g.first, g.last = c.scores[0].Date, c.scores[len(c.scores)-1].Date
	}
	return g
}

// drawGrid draws the grid lines, the scale's labels and the two axes.
func (r *scoreChartRenderer) drawGrid(g chartGeometry, axisText []string, st chartStyle) {
	scale := r.chart.scale
	for i, p := range scale.Points {
		y := g.y(p.Value)
		if i > 0 && p.Value != scale.Cut { // the lowest point is the axis; the cut has its own line
			r.add(hline(g.left, g.right, y, theme.Color(theme.ColorNameSeparator), 1))
		}
		t := r.text(axisText[i], st.capSize, st.fg, fyne.TextStyle{})
		t.Move(fyne.NewPos(g.left-st.pad-t.Size().Width, y-t.Size().Height/2))
	}
	r.add(hline(g.left, g.right, g.bottom, st.muted, 1))
	r.add(&canvas.Line{Position1: fyne.NewPos(g.left, g.top), Position2: fyne.NewPos(g.left, g.bottom), StrokeColor: st.muted, StrokeWidth: 1})
}

// drawCutAndValue draws the mastery cut and the method's value (dashed, in
// the colour of its status), labelled at the right and kept apart.
func (r *scoreChartRenderer) drawCutAndValue(g chartGeometry, texts chartTexts, st chartStyle) {
	scale := r.chart.scale
	yCut := g.y(scale.Cut)
	r.add(hline(g.left, g.right, yCut, st.fg, 1.5))
	cutLabel := r.text(texts.cut, st.capSize, st.fg, fyne.TextStyle{Bold: true})
	cutY := yCut
	if v := r.chart.value; v != nil {
		stroke := color.Color(notYetStroke)
		if scale.Mastered(v.Value) {
			stroke = masteredStroke
		}
		yVal := g.y(v.Value)
		for x := g.left; x < g.right; x += chartDash + chartGap {
			r.add(hline(x, min(x+chartDash, g.right), yVal, stroke, 2))
		}
		valLabel := r.text(texts.value, st.capSize, stroke, fyne.TextStyle{Bold: true})
		valY := yVal
		if d := yVal - yCut; d < st.capH && d > -st.capH { // keep the two labels apart
			mid := (yVal + yCut) / 2
			if v.Value <= scale.Cut {
				valY, cutY = mid+st.capH/2, mid-st.capH/2
			} else {
				valY, cutY = mid-st.capH/2, mid+st.capH/2
			}
		}
		valLabel.Move(fyne.NewPos(g.right+st.pad, valY-valLabel.Size().Height/2))
	}
	cutLabel.Move(fyne.NewPos(g.right+st.pad, cutY-cutLabel.Size().Height/2))
}

// drawScores draws the scores: lines first so the points sit on top, then
// the labels.
func (r *scoreChartRenderer) drawScores(g chartGeometry, st chartStyle) {
	scores := r.chart.scores
	primary := theme.Color(theme.ColorNamePrimary)
	xs := g.pointXs(scores, chartSameDayStep)
	for i := 1; i < len(scores); i++ {
		r.add(&canvas.Line{
			Position1:   fyne.NewPos(xs[i-1], g.y(scores[i-1].Score)),
			Position2:   fyne.NewPos(xs[i], g.y(scores[i].Score)),
			StrokeColor: primary, StrokeWidth: 2,
		})
	}
	for i, s := range scores {
		y := g.y(s.Score)
		r.add(&canvas.Circle{
			Position1: fyne.NewPos(xs[i]-chartPointRadius, y-chartPointRadius),
			Position2: fyne.NewPos(xs[i]+chartPointRadius, y+chartPointRadius),
			FillColor: primary, StrokeColor: theme.Color(theme.ColorNameBackground), StrokeWidth: 1,
		})
	}
	for i, s := range scores {
		t := r.text(continuum.FormatScore(s.Score), st.capSize, st.fg, fyne.TextStyle{Bold: true})
		t.Move(fyne.NewPos(xs[i]-t.Size().Width/2, g.y(s.Score)-chartPointRadius-1-t.Size().Height))
	}
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
