package widgets

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"github.com/continuum-planner/planner/continuum"
)

// AgreementBar is how closely a PLC's scorers agree on one target, as an
// AgreementChart draws it.
type AgreementBar struct {
	// Target is the target's code.
	Target string
	// Samples is how many samples two or more people scored.
	Samples int
	// Scorers is how many people scored them.
	Scorers int
	// Exact is the share of pairs of scores of a sample that are the same (0 to 1).
	Exact float64
	// Adjacent is the share of pairs within one point of the scale (0 to 1).
	Adjacent float64
	// Kappa is the agreement beyond chance; meaningful only when HasKappa.
	Kappa float64
	// HasKappa is false when the kappa is not shown: undefined, or resting
	// on too few samples to mean something.
	HasKappa bool
	// KappaKind names the kappa: "cohen" or "fleiss".
	KappaKind string
	// KappaWaiting says why the kappa is not shown, e.g. "needs 5 samples
	// (1 so far)"; "" for "not defined".
	KappaWaiting string
}

// KappaStrength puts a kappa into words, after Landis and Koch (1977):
// poor below 0, then slight, fair, moderate, substantial and almost
// perfect agreement at each fifth of the way to 1.
func KappaStrength(k float64) string {
	switch {
	case k < 0:
		return "poor"
	case k <= 0.20:
		return "slight"
	case k <= 0.40:
		return "fair"
	case k <= 0.60:
		return "moderate"
	case k <= 0.80:
		return "substantial"
	}
	return "almost perfect"
}

// AgreementChart draws the agreement of a calibration per target: one row
// a target with its code and how many samples and scorers it had, a bar
// of the share of pairs that gave the same score above a paler bar of the
// share within one point, each with its percentage, and the kappa written
// at the end with its strength in words. A legend and a 0–100% scale
// frame the rows. Tapping a row chooses its target.
type AgreementChart struct {
	widget.BaseWidget

	// OnSelected is called with the target of the row tapped, or "" when
	// the chosen row is tapped again.
	OnSelected func(target string)

	bars     []AgreementBar
	selected string
}

// NewAgreementChart returns a chart of bars, in the order given.
func NewAgreementChart(bars []AgreementBar) *AgreementChart {
	c := &AgreementChart{bars: bars}
	c.ExtendBaseWidget(c)
	return c
}

// SetBars replaces the targets drawn; a chosen target no longer there is dropped.
func (c *AgreementChart) SetBars(bars []AgreementBar) {
	c.bars = bars
	if c.rowOf(c.selected) < 0 {
		c.selected = ""
	}
	c.Refresh()
}

// Bars returns the targets drawn.
func (c *AgreementChart) Bars() []AgreementBar { return c.bars }

// Selected returns the chosen target, or "".
func (c *AgreementChart) Selected() string { return c.selected }

// Select chooses the row of target ("" for none) without calling OnSelected.
func (c *AgreementChart) Select(target string) {
	if c.rowOf(target) < 0 {
		target = ""
	}
	c.selected = target
	c.Refresh()
}

func (c *AgreementChart) rowOf(target string) int {
	if target == "" {
		return -1
	}
	for i, b := range c.bars {
		if strings.EqualFold(b.Target, target) {
			return i
		}
	}
	return -1
}

// Tapped chooses the row under the pointer, or none when it is chosen already.
func (c *AgreementChart) Tapped(ev *fyne.PointEvent) {
	m := agreementMetricsNow()
	y := ev.Position.Y - m.top
	if y < 0 || len(c.bars) == 0 {
		return
	}
	i := int(y / m.row)
	if i >= len(c.bars) {
		return
	}
	target := c.bars[i].Target
	if strings.EqualFold(target, c.selected) {
		target = ""
	}
	c.selected = target
	c.Refresh()
	if c.OnSelected != nil {
		c.OnSelected(target)
	}
}

// MinSize fits every row at a width where the bars still read.
func (c *AgreementChart) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	m := agreementMetricsNow()
	rows := max(len(c.bars), 1)
	return fyne.NewSize(420, m.top+float32(rows)*m.row+m.bottom)
}

// CreateRenderer returns the chart's renderer.
func (c *AgreementChart) CreateRenderer() fyne.WidgetRenderer {
	return &agreementRenderer{chart: c}
}

// agreementMetrics are the chart's proportions for the current theme.
type agreementMetrics struct {
	pad, text, caption   float32 // padding and text sizes
	textH, captionH      float32 // line heights
	top, row, bottom     float32 // legend band, one target's row, scale band
	barH, barGap, swatch float32
}

func agreementMetricsNow() agreementMetrics {
	m := agreementMetrics{pad: theme.Padding(), text: theme.TextSize(), caption: theme.CaptionTextSize()}
	m.textH = fyne.MeasureText("Mg", m.text, fyne.TextStyle{}).Height
	m.captionH = fyne.MeasureText("Mg", m.caption, fyne.TextStyle{}).Height
	m.top = m.textH + 3*m.pad
	m.row = m.textH + m.captionH + 3*m.pad
	m.bottom = m.captionH + m.pad
	m.barH = (m.textH + m.captionH - 2*m.pad) / 2
	m.barGap = 2 * m.pad
	m.swatch = m.captionH
	return m
}

type agreementRenderer struct {
	chart   *AgreementChart
	objects []fyne.CanvasObject
	size    fyne.Size
}

func (r *agreementRenderer) Layout(size fyne.Size) {
	r.size = size
	r.build()
}

func (r *agreementRenderer) MinSize() fyne.Size { return r.chart.MinSize() }

func (r *agreementRenderer) Refresh() {
	r.build()
	canvas.Refresh(r.chart)
}

func (r *agreementRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *agreementRenderer) Destroy() {}

// exactColor and adjacentColor are the two bars: the theme's primary
// colour, full for the same score and pale for within one point.
func agreementColors() (exact, adjacent color.Color) {
	p := color.NRGBAModel.Convert(theme.Color(theme.ColorNamePrimary)).(color.NRGBA)
	pale := p
	pale.A = 0x66
	return p, pale
}

// build draws the chart anew for its bars and size: the legend, then
// (when there are bars) the scale and one row per target.
func (r *agreementRenderer) build() {
	r.objects = r.objects[:0]
	if r.size.Width <= 0 || r.size.Height <= 0 {
		return
	}
	c := r.chart
	m := agreementMetricsNow()
	ink := agreementInkNow()
	r.drawLegend(m, ink)
	if len(c.bars) == 0 {
		t := r.text("No target has a sample scored by two people yet", m.text, ink.muted, fyne.TextStyle{Italic: true})
		t.Move(fyne.NewPos(0, m.top+(m.row-t.Size().Height)/2))
		return
	}
	cols := r.columns(m)
	r.drawScale(m, cols, ink)
	for i, b := range c.bars {
		r.drawRow(m, cols, ink, m.top+float32(i)*m.row, b)
	}
}

// agreementInk is the chart's colours for the current theme.
type agreementInk struct {
	fg, muted       color.Color // text, and the captions and scale
	exact, adjacent color.Color // the two bars
}

// agreementInkNow reads the chart's colours from the theme.
func agreementInkNow() agreementInk {
	exact, adjacent := agreementColors()
	return agreementInk{
		fg:       theme.Color(theme.ColorNameForeground),
		muted:    theme.Color(theme.ColorNamePlaceHolder),
		exact:    exact,
		adjacent: adjacent,
	}
}

// agreementColumns place the rows' parts: the codes left of the bars'
// track, the percentages and kappas right of it.
type agreementColumns struct {
	left, right, track float32 // the bars' track: where 0% and 100% are, and its width
	bottom             float32 // the foot of the last row
	kappaW             float32 // the widest kappa or its words
}

// drawLegend draws a swatch of each bar with what it means.
func (r *agreementRenderer) drawLegend(m agreementMetrics, ink agreementInk) {
	x := float32(0)
	for _, e := range []struct {
		fill color.Color
		text string
	}{{ink.exact, "Same score"}, {ink.adjacent, "Within one point of the scale"}} {
		sw := canvas.NewRectangle(e.fill)
		sw.CornerRadius = 2
		sw.Move(fyne.NewPos(x, (m.textH-m.swatch)/2))
		sw.Resize(fyne.NewSize(m.swatch*1.5, m.swatch))
		r.add(sw)
		t := r.text(e.text, m.text, ink.fg, fyne.TextStyle{})
		t.Move(fyne.NewPos(x+m.swatch*1.5+m.pad, 0))
		x += m.swatch*1.5 + m.pad + t.Size().Width + 4*m.pad
	}
}

// columns measures the codes and the kappas to leave the bars the room
// between them (at least 60).
func (r *agreementRenderer) columns(m agreementMetrics) agreementColumns {
	bars := r.chart.bars
	var codeW, kappaW float32
	for _, b := range bars {
		codeW = max(codeW, fyne.MeasureText(b.Target, m.text, fyne.TextStyle{Bold: true}).Width,
			fyne.MeasureText(agreementCounts(b), m.caption, fyne.TextStyle{}).Width)
		k, words := agreementKappa(b)
		kappaW = max(kappaW, fyne.MeasureText(k, m.text, fyne.TextStyle{Bold: true}).Width,
			fyne.MeasureText(words, m.caption, fyne.TextStyle{}).Width)
	}
	pctW := fyne.MeasureText("100%", m.caption, fyne.TextStyle{Bold: true}).Width
	cols := agreementColumns{left: codeW + 3*m.pad, kappaW: kappaW}
	cols.right = r.size.Width - kappaW - 3*m.pad - pctW - m.pad
	if cols.right-cols.left < 60 {
		cols.right = cols.left + 60
	}
	cols.track = cols.right - cols.left
	cols.bottom = m.top + float32(len(bars))*m.row
	return cols
}

// drawScale draws faint lines at each quarter, labelled at 0, 50 and 100%.
func (r *agreementRenderer) drawScale(m agreementMetrics, cols agreementColumns, ink agreementInk) {
	for q := 0; q <= 4; q++ {
		lx := cols.left + cols.track*float32(q)/4
		line := &canvas.Line{Position1: fyne.NewPos(lx, m.top), Position2: fyne.NewPos(lx, cols.bottom),
			StrokeColor: theme.Color(theme.ColorNameSeparator), StrokeWidth: 1}
		r.add(line)
		if q%2 == 0 {
			t := r.text(fmt.Sprintf("%d%%", q*25), m.caption, ink.muted, fyne.TextStyle{})
			t.Move(fyne.NewPos(min(max(lx-t.Size().Width/2, cols.left), cols.right-t.Size().Width), cols.bottom+m.pad/2))
		}
	}
}

// drawRow draws one target's row at y: its code and counts, its two bars
// with their percentages, and its kappa in words, on the selection colour
// when it is the target chosen.
func (r *agreementRenderer) drawRow(m agreementMetrics, cols agreementColumns, ink agreementInk, y float32, b AgreementBar) {
	if strings.EqualFold(b.Target, r.chart.selected) {
		bg := canvas.NewRectangle(theme.Color(theme.ColorNameSelection))
		bg.CornerRadius = theme.SelectionRadiusSize()
		bg.Move(fyne.NewPos(0, y))
		bg.Resize(fyne.NewSize(r.size.Width, m.row-m.pad))
		r.add(bg)
	}
	top := y + m.pad
	code := r.text(b.Target, m.text, ink.fg, fyne.TextStyle{Bold: true})
	code.Move(fyne.NewPos(m.pad, top))
	counts := r.text(agreementCounts(b), m.caption, ink.muted, fyne.TextStyle{})
	counts.Move(fyne.NewPos(m.pad, top+m.textH))

	barTop := top + (m.textH+m.captionH-2*m.barH-m.pad)/2
	for k, bar := range []struct {
		share float64
		fill  color.Color
	}{{b.Exact, ink.exact}, {b.Adjacent, ink.adjacent}} {
		by := barTop + float32(k)*(m.barH+m.pad)
		share := float32(min(max(bar.share, 0), 1))
		if w := cols.track * share; w > 0 {
			rect := canvas.NewRectangle(bar.fill)
			rect.CornerRadius = 2
			rect.Move(fyne.NewPos(cols.left, by))
			rect.Resize(fyne.NewSize(max(w, 2), m.barH))
			r.add(rect)
		}
		pct := r.text(percent(bar.share), m.caption, ink.fg, fyne.TextStyle{Bold: k == 0})
		pct.Move(fyne.NewPos(cols.left+cols.track*share+m.pad, by+(m.barH-pct.Size().Height)/2))
	}

	k, words := agreementKappa(b)
	kx := r.size.Width - cols.kappaW - m.pad
	kt := r.text(k, m.text, ink.fg, fyne.TextStyle{Bold: true})
	kt.Move(fyne.NewPos(kx, top))
	wt := r.text(words, m.caption, ink.muted, fyne.TextStyle{})
	wt.Move(fyne.NewPos(kx, top+m.textH))
}

// agreementCounts is the line under a target's code: "3 samples · 2 scorers".
func agreementCounts(b AgreementBar) string {
	return continuum.Plural(b.Samples, "sample", "samples") + " · " + continuum.Plural(b.Scorers, "scorer", "scorers")
}

// agreementKappa is the kappa written at the end of a row, and the words under it.
func agreementKappa(b AgreementBar) (string, string) {
	kind := "Fleiss"
	if b.KappaKind == "cohen" {
		kind = "Cohen"
	}
	if !b.HasKappa {
		return "κ —", cmp.Or(b.KappaWaiting, "not defined")
	}
	return fmt.Sprintf("κ %.2f", b.Kappa), KappaStrength(b.Kappa) + " · " + kind
}

// percent writes a share as a whole percentage: 0.667 is "67%".
func percent(share float64) string {
	return fmt.Sprintf("%d%%", int(math.Round(100*share)))
}

// text adds a text object sized to its content.
func (r *agreementRenderer) text(s string, size float32, c color.Color, style fyne.TextStyle) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.TextStyle = style
	t.Resize(fyne.MeasureText(s, size, style))
	r.add(t)
	return t
}

func (r *agreementRenderer) add(o fyne.CanvasObject) { r.objects = append(r.objects, o) }
