package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
)

func openStore(t *testing.T) *storage.Store {
	t.Helper()
	st, err := storage.Open(t.TempDir(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// refreshAndWait refreshes the home screen and waits for it to show the result.
func refreshAndWait(t *testing.T, h *Home) {
	t.Helper()
	done := make(chan struct{}, 1)
	h.afterLoad = func() { done <- struct{}{} }
	h.Refresh()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		t.Fatal("home screen did not load")
	}
}

func labels(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			if w.Visible() {
				b.WriteString(w.Text + "\n")
			}
		case *widget.Card:
			b.WriteString(w.Title + "\n" + w.Subtitle + "\n")
			walk(w.Content)
		case *fyne.Container:
			for _, c := range w.Objects {
				walk(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return b.String()
}

func TestHomeEmptyStoreOffersDemoAndLoadsIt(t *testing.T) {
	test.NewTempApp(t)
	st := openStore(t)
	var shown []error
	h := NewHome(st, st.Dir(), func(ctx context.Context) error { return demo.Classroom().Load(ctx, st) }, func(err error) { shown = append(shown, err) })
	w := test.NewTempWindow(t, h.Content())
	w.Resize(fyne.NewSize(900, 700))
	refreshAndWait(t, h)

	if got := labels(h.Content()); !strings.Contains(got, "This store is empty") {
		t.Fatalf("empty store shows:\n%s", got)
	}
	if !h.demo.Visible() {
		t.Fatal("the demo button is hidden on an empty store")
	}

	// When the teacher taps "Start with the demo", the demo is stored and
	// the screen says what the store now holds.
	done := make(chan struct{}, 1)
	h.afterLoad = func() { done <- struct{}{} }
	test.Tap(h.demo)
	select {
	case <-done:
	case <-time.After(20 * time.Second):
		t.Fatal("demo did not load")
	}
	got := labels(h.Content())
	for _, want := range []string{"1 continuum and 28 students", "Math Foundations", "2 groups: Period 2, Period 5", "36 targets", "Habits of success — Lifelong learning"} {
		if !strings.Contains(got, want) {
			t.Errorf("home does not say %q:\n%s", want, got)
		}
	}
	if h.demo.Visible() || len(shown) > 0 {
		t.Errorf("after loading: demo button visible %v, errors %v", h.demo.Visible(), shown)
	}
}

func TestHomeReportsReadFailure(t *testing.T) {
	test.NewTempApp(t)
	var shown []error
	h := NewHome(failingReader{}, "/nowhere", nil, func(err error) { shown = append(shown, err) })
	test.NewTempWindow(t, h.Content())
	refreshAndWait(t, h)
	if len(shown) != 1 || !strings.Contains(labels(h.Content()), "could not be read") {
		t.Errorf("errors shown %v, screen:\n%s", shown, labels(h.Content()))
	}
}

type failingReader struct{ OverviewReader }

func (failingReader) Students(context.Context) ([]continuum.Student, error) {
	return nil, errors.New("disk unplugged")
}
