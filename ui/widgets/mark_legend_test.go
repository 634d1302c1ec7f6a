package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestMarkLegendGolden(t *testing.T) {
	test.NewTempApp(t)
	l := NewMarkLegend()
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(720, 60))
	test.AssertRendersToMarkup(t, "mark_legend/all.xml", w.Canvas())
}
