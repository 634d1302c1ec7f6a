package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum/palette"
)

// MarkLegend explains the colours and words of the target cards when a
// student's marks are shown, in one row: the class map's key (palette.Key)
// in the cards' tints, a teacher's override outlined and marked
// "override", mastery by placement marked "placed", as the cards are.
type MarkLegend struct {
	widget.BaseWidget

	keys []palette.Legend
}

// NewMarkLegend returns an empty legend; SetKeys fills it.
func NewMarkLegend() *MarkLegend {
	l := &MarkLegend{}
	l.ExtendBaseWidget(l)
	return l
}

// SetKeys replaces the entries (see palette.Key).
func (l *MarkLegend) SetKeys(keys []palette.Legend) {
	l.keys = keys
	l.Refresh()
}

// legendEntry is one swatch and its words.
type legendEntry struct {
	swatch *canvas.Rectangle
	tag    *canvas.Text // the word the card shows, over the swatch
	label  *canvas.Text
}

// CreateRenderer returns the legend's renderer.
func (l *MarkLegend) CreateRenderer() fyne.WidgetRenderer {
	r := &markLegendRenderer{legend: l}
	r.Refresh()
	return r
}

type markLegendRenderer struct {
	legend  *MarkLegend
	entries []legendEntry
	objects []fyne.CanvasObject
}

// swatchHeight is the height of a swatch: a line of text.
func swatchHeight() float32 {
	return fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
}

// swatchSize is the size of one swatch: wide enough for its word.
func (r *markLegendRenderer) swatchSize(e legendEntry) fyne.Size {
	h := swatchHeight()
	w := h * 1.5
	if e.tag.Text != "" {
		w = max(w, e.tag.MinSize().Width+2*theme.Padding())
	}
	return fyne.NewSize(w, h)
}

// entryWidth is the width of a swatch and its label.
func (r *markLegendRenderer) entryWidth(e legendEntry) float32 {
	return r.swatchSize(e).Width + theme.Padding() + e.label.MinSize().Width
}

func (r *markLegendRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	h := swatchHeight()
	x, y := float32(0), (size.Height-h)/2
	for _, e := range r.entries {
		w := r.entryWidth(e)
		sw := r.swatchSize(e)
		e.swatch.Move(fyne.NewPos(x, y))
		e.swatch.Resize(sw)
		ts := e.tag.MinSize()
		e.tag.Move(fyne.NewPos(x+(sw.Width-ts.Width)/2, y+(sw.Height-ts.Height)/2))
		e.tag.Resize(ts)
		e.label.Move(fyne.NewPos(x+sw.Width+pad, y))
		e.label.Resize(fyne.NewSize(e.label.MinSize().Width, h))
		x += w + 4*pad
	}
}

// MinSize is one row of every entry.
func (r *markLegendRenderer) MinSize() fyne.Size {
	var w float32
	for i, e := range r.entries {
		if i > 0 {
			w += 4 * theme.Padding()
		}
		w += r.entryWidth(e)
	}
	return fyne.NewSize(w, swatchHeight())
}

func (r *markLegendRenderer) Refresh() {
	keys := r.legend.keys
	for len(r.entries) < len(keys) {
		e := legendEntry{
			swatch: canvas.NewRectangle(color.Transparent),
			tag:    canvas.NewText("", color.Black),
			label:  canvas.NewText("", color.Black),
		}
		e.swatch.CornerRadius = theme.InputRadiusSize()
		r.entries = append(r.entries, e)
	}
	r.entries = r.entries[:len(keys)]
	r.objects = r.objects[:0]
	fg := theme.Color(theme.ColorNameForeground)
	for i, k := range keys {
		e := r.entries[i]
		e.swatch.FillColor = CardTint(k.Color)
		e.swatch.StrokeWidth = 0
		e.tag.Text = ""
		switch {
		case k.Outlined: // an override is outlined and named, as on the cards
			e.swatch.StrokeColor, e.swatch.StrokeWidth = fg, 1
			e.tag.Text = "override"
		case k.Standing == palette.StandingPlaced:
			e.tag.Text = "placed"
		}
		e.tag.Color, e.tag.TextSize = fg, theme.CaptionTextSize()
		e.label.Text, e.label.Color, e.label.TextSize = k.Label, fg, theme.TextSize()
		r.objects = append(r.objects, e.swatch, e.tag, e.label)
	}
	r.Layout(r.legend.Size())
	canvas.Refresh(r.legend)
}

func (r *markLegendRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *markLegendRenderer) Destroy() {}
