package ui

import (
	"context"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/widgets"
)

// reviewForClose opens the fixture's workbook for review from the app, on
// its Visit notes screen, in a window whose close can be asked for and
// really closes.
func reviewForClose(t *testing.T, f *reviewFixture) *closeWindow {
	t.Helper()
	own := storagetest.OpenDemo(t)
	svc := shellServices(own)
	t.Cleanup(exchange.CloseReviews)
	r, err := svc.OpenReview(context.Background(), f.book, "")
	if err != nil {
		t.Fatal(err)
	}
	w := &closeWindow{Window: test.NewWindow(nil), real: true}
	w.Resize(fyne.NewSize(1100, 720))
	ready := make(chan struct{})
	openReviewWindow(w, f.book, svc, own, r, ViewNotes, func() { close(ready) })
	uitest.Eventually(t, "the visit notes", func() bool {
		select {
		case <-ready:
			return true
		default:
			return false
		}
	})
	if w.intercept == nil {
		t.Fatal("the review window closes without a question")
	}
	return w
}

// noteText is the new note's text on the visit notes screen shown in w.
func noteText(t *testing.T, w fyne.Window) *widgets.Entry {
	t.Helper()
	for _, o := range test.LaidOutObjects(w.Content()) {
		if e, ok := o.(*widgets.Entry); ok && e.MultiLine && e.Visible() {
			return e
		}
	}
	t.Fatal("no note text on the visit notes screen")
	return nil
}

// Given a review opened from the app with nothing typed, closing closes
// the window and removes the review's temporary store.
func TestReviewCloseWithNothingTypedCloses(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	w := reviewForClose(t, f)
	if len(reviewLeftovers(t, f)) == 0 {
		t.Fatal("the review has no temporary store")
	}
	w.intercept()
	if !w.closed || len(uitest.DialogTexts(w)) > 0 {
		t.Fatalf("closed %v; dialogs say %q", w.closed, uitest.DialogTexts(w))
	}
	if left := reviewLeftovers(t, f); len(left) > 0 {
		t.Errorf("temporary folders left after the close: %v", left)
	}
}

// Given a visit note half typed in a review, closing asks and keeps the
// window, the note and the review's store; Keep editing goes back to the
// note; Close without saving closes and removes the store.
func TestReviewCloseAsksOverATypedNote(t *testing.T) {
	test.NewTempApp(t)
	f := reviewSetup(t, "")
	w := reviewForClose(t, f)
	text := noteText(t, w)
	w.Canvas().Focus(text)
	uitest.TypeText(w, "Counting on from the larger number")

	w.intercept()
	if w.closed || !uitest.DialogShows(w, "not saved") || !uitest.DialogShows(w, "visit note “Counting on from the larger number”") {
		t.Fatalf("closed %v; dialogs say %q", w.closed, uitest.DialogTexts(w))
	}
	if len(reviewLeftovers(t, f)) == 0 {
		t.Fatal("asking removed the review's temporary store")
	}
	uitest.PressKey(w, fyne.KeyReturn) // the focus is on Keep editing
	if w.closed || uitest.DialogShows(w, "not saved") || text.Text != "Counting on from the larger number" {
		t.Fatalf("Keep editing: closed %v, note %q; dialogs say %q", w.closed, text.Text, uitest.DialogTexts(w))
	}

	w.intercept()
	uitest.TapOverlayButton(t, w, "Close without saving")
	if !w.closed {
		t.Fatal("Close without saving left the review open")
	}
	if left := reviewLeftovers(t, f); len(left) > 0 {
		t.Errorf("temporary folders left after the close: %v", left)
	}
}
