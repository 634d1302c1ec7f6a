package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
)

func TestMarkLegendGolden(t *testing.T) {
	test.NewTempApp(t)
	scale := continuum.DefaultScale()
	l := NewMarkLegend()
	l.SetKeys(palette.Key(&scale))
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(1500, 60))
	test.AssertRendersToMarkup(t, "mark_legend/all.xml", w.Canvas())
}

// TestMarkLegendIsTheClassMapKey: the profile's legend names every entry
// of the class map's key, "needs more evidence" included, in the cards'
// tints of the same colours.
func TestMarkLegendIsTheClassMapKey(t *testing.T) {
	test.NewTempApp(t)
	scale := continuum.DefaultScale()
	keys := palette.Key(&scale)
	l := NewMarkLegend()
	l.SetKeys(keys)
	r := test.WidgetRenderer(l).(*markLegendRenderer)
	if len(r.entries) != len(keys) {
		t.Fatalf("%d entries, want %d", len(r.entries), len(keys))
	}
	for i, k := range keys {
		e := r.entries[i]
		if e.label.Text != k.Label || e.swatch.FillColor != CardTint(k.Color) {
			t.Errorf("entry %d: %q in %v, want %q in %v", i, e.label.Text, e.swatch.FillColor, k.Label, CardTint(k.Color))
		}
	}
	if r.entries[4].label.Text != palette.NeedsEvidenceLabel || r.entries[6].tag.Text != "override" || r.entries[7].tag.Text != "placed" {
		t.Errorf("entries %q / %q / %q", r.entries[4].label.Text, r.entries[6].tag.Text, r.entries[7].tag.Text)
	}
	l.SetKeys(nil)
	if s := l.MinSize(); s.Width != 0 {
		t.Errorf("an empty legend is %v wide", s)
	}
}
