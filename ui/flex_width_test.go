package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
)

// Given the demo's flex block with 5 offerings, in the app's window 1100
// pixels wide, every offering's column and the Unplaced one are wholly in
// view: the columns share the width instead of running off to the right,
// and each title wraps between its words.
func TestFlexFiveOfferingsFitAt1100Pixels(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	ctx := context.Background()
	b, err := st.FlexBlock(ctx, demoID, "2026-11-23-win")
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Offerings) < 5 {
		t.Fatalf("the demo block has %d offerings; this test wants 5", len(b.Offerings))
	}
	b.Offerings = b.Offerings[:5]
	if err := st.PutFlexBlock(ctx, b); err != nil {
		t.Fatal(err)
	}
	w := uitest.Window(t)
	ready := make(chan struct{})
	Launch(w, shellServices(st), ViewFlex, func() { close(ready) })
	uitest.Eventually(t, "the flex screen", func() bool {
		select {
		case <-ready:
			return true
		default:
			return false
		}
	})
	if w.Canvas().Size().Width != 1100 {
		t.Fatalf("window %v, want 1100 wide", w.Canvas().Size())
	}
	titles := []string{"Unplaced"}
	for _, o := range b.Offerings {
		titles = append(titles, o.Title)
	}
	uitest.Eventually(t, "the columns", func() bool { return findLabel(w, titles[len(titles)-1]) != nil })
	d := fyne.CurrentApp().Driver()
	for _, title := range titles {
		l := findLabel(w, title)
		if l == nil {
			t.Errorf("no column %q", title)
			continue
		}
		right := d.AbsolutePositionForObject(l).X + l.Size().Width
		if right > w.Canvas().Size().Width {
			t.Errorf("column %q ends at x=%.0f, past the window's 1100", title, right)
		}
		// The title wraps between words, never inside one.
		for _, word := range strings.Fields(title) {
			need := fyne.MeasureText(word, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
			if l.Size().Width < need {
				t.Errorf("column %q: its title is %.0f wide, and %q needs %.0f", title, l.Size().Width, word, need)
			}
		}
	}
}

// findLabel returns the label showing text in w, or nil.
func findLabel(w fyne.Window, text string) *widget.Label {
	for _, o := range test.LaidOutObjects(w.Content()) {
		if l, ok := o.(*widget.Label); ok && l.Text == text && l.Visible() {
			return l
		}
	}
	return nil
}
