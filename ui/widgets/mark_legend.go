package widgets

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// MarkLegend explains the colours and words of the target cards when a
// student's marks are shown: mastered, not yet, no evidence, a teacher's
// override (outlined, marked "override") and mastery by placement
// (marked "placed"), in one row.
type MarkLegend struct {
	widget.BaseWidget
}

// NewMarkLegend returns the legend.
func NewMarkLegend() *MarkLegend {
	l := &MarkLegend{}
	l.ExtendBaseWidget(l)
	return l
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
	for _, e := range []struct{ label, tag string }{
		{"Mastered", ""}, {"Not yet", ""}, {"No evidence", ""},
		{"Teacher override", "override"}, {"Starting level", "placed"},
	} {
		entry := legendEntry{
			swatch: canvas.NewRectangle(color.Transparent),
			tag:    canvas.NewText(e.tag, color.Black),
			label:  canvas.NewText(e.label, color.Black),
		}
		entry.swatch.CornerRadius = theme.InputRadiusSize()
		r.entries = append(r.entries, entry)
		r.objects = append(r.objects, entry.swatch, entry.tag, entry.label)
	}
	r.Refresh()
	return r
}

type markLegendRenderer struct {
	legend  *MarkLegend
	entries []legendEntry
	objects []fyne.CanvasObject
}

// swatchSize is the size of one swatch: wide enough for its word.
func (r *markLegendRenderer) swatchSize(e legendEntry) fyne.Size {
	h := fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height
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
	x, y := float32(0), (size.Height-r.MinSize().Height)/2
	h := r.swatchSize(r.entries[0]).Height
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
	return fyne.NewSize(w, r.swatchSize(r.entries[0]).Height)
}

func (r *markLegendRenderer) Refresh() {
	fg := theme.Color(theme.ColorNameForeground)
	fills := []color.Color{MasteredColor, NotYetColor, NoEvidenceColor, NoEvidenceColor, MasteredColor}
	for i, e := range r.entries {
		e.swatch.FillColor = fills[i]
		e.swatch.StrokeWidth = 0
		if i == 3 { // an override is outlined, as on the cards
			e.swatch.StrokeColor = fg
			e.swatch.StrokeWidth = 1
		}
		e.tag.Color = fg
		e.tag.TextSize = theme.CaptionTextSize()
		e.label.Color = fg
		e.label.TextSize = theme.TextSize()
	}
	canvas.Refresh(r.legend)
}

func (r *markLegendRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *markLegendRenderer) Destroy() {}
