package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

func sideTabsItems(n int) []*container.TabItem {
	names := []string{"Continuum", "Students", "Scoring", "Student profile", "Class map", "Flex time", "Units", "Visit notes", "Calibration"}
	var items []*container.TabItem
	for i := range n {
		items = append(items, container.NewTabItemWithIcon(names[i], theme.GridIcon(), widget.NewLabel(names[i]+" screen")))
	}
	return items
}

// Given the app's nine screens, when one is chosen, then its content alone
// is shown, its row is marked, and OnSelected hears of it once.
func TestSideTabsShowOneScreenAndMarkIt(t *testing.T) {
	test.NewTempApp(t)
	items := sideTabsItems(9)
	tabs := NewSideTabs(items...)
	var heard []string
	tabs.OnSelected = func(it *container.TabItem) { heard = append(heard, it.Text) }
	w := test.NewTempWindow(t, tabs)
	w.Resize(fyne.NewSize(1000, 700))
	if tabs.SelectedIndex() != 0 || !items[0].Content.Visible() || items[1].Content.Visible() {
		t.Fatalf("at first: selected %d", tabs.SelectedIndex())
	}
	test.Tap(tabs.buttons[7])
	if tabs.SelectedIndex() != 7 || tabs.Selected().Text != "Visit notes" {
		t.Fatalf("after tapping Visit notes: %d", tabs.SelectedIndex())
	}
	for i, it := range items {
		if it.Content.Visible() != (i == 7) {
			t.Errorf("screen %d shown: %v", i, it.Content.Visible())
		}
		if want := widget.LowImportance; i != 7 && tabs.buttons[i].Importance != want {
			t.Errorf("row %d is marked", i)
		}
	}
	if tabs.buttons[7].Importance != widget.HighImportance {
		t.Error("the open screen's row is not marked")
	}
	tabs.SelectIndex(7)
	if len(heard) != 1 || heard[0] != "Visit notes" {
		t.Errorf("OnSelected heard %v", heard)
	}
}

// Nine screens fit, each one click away, in a window 768 pixels high
// (about 700 for the content under the title and the app's top bar).
func TestSideTabsFitNineScreensIn700Pixels(t *testing.T) {
	test.NewTempApp(t)
	tabs := NewSideTabs(sideTabsItems(9)...)
	w := test.NewTempWindow(t, tabs)
	w.Resize(fyne.NewSize(1000, 640))
	last := tabs.buttons[8]
	bottom := fyne.CurrentApp().Driver().AbsolutePositionForObject(last).Y + last.Size().Height
	if bottom > 640 || !last.Visible() || last.Size().Height == 0 {
		t.Errorf("the ninth screen's row ends at %.0f px, below the 640 px the content has", bottom)
	}
}
