package widgets

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
)

var reportLangs = []ReportLanguage{{Code: "en", Name: "English"}, {Code: "es", Name: "Español"}}

// Given the options as they open, then they say the language asked for,
// today, Letter and PDF; and what is chosen is what Choice reads.
func TestReportOptionsReadWhatIsChosen(t *testing.T) {
	test.NewTempApp(t)
	today := continuum.NewDate(2026, 12, 2)
	o := NewReportOptions(reportLangs, "es", today, true, true)
	ch, err := o.Choice()
	if err != nil {
		t.Fatal(err)
	}
	if want := (ReportChoice{Lang: "es", AsOf: today, Paper: "letter", Format: "pdf"}); ch != want {
		t.Errorf("as opened the choice is %+v, want %+v", ch, want)
	}
	o.Language.SetSelected("English")
	o.AsOf.SetText("11/15/2026")
	o.Paper.SetSelected("A4")
	o.Format.SetSelected(reportFormatPNG)
	o.Comment.SetText("  Well done.  ")
	ch, err = o.Choice()
	if err != nil {
		t.Fatal(err)
	}
	if want := (ReportChoice{Lang: "en", AsOf: continuum.NewDate(2026, 11, 15), Paper: "a4", Format: "png", Comment: "Well done."}); ch != want {
		t.Errorf("the choice is %+v, want %+v", ch, want)
	}
	o.SetPaper("LETTER")
	if o.Paper.Selected != "Letter" {
		t.Errorf("SetPaper(LETTER) chose %q", o.Paper.Selected)
	}
}

// Given options without a format or a comment, then the form has neither
// and the choice is a PDF; an unknown language falls back to the first.
func TestReportOptionsWithoutFormatOrComment(t *testing.T) {
	test.NewTempApp(t)
	o := NewReportOptions(reportLangs, "fr", continuum.NewDate(2026, 12, 2), false, false)
	if o.Format != nil || o.Comment != nil || len(o.Form().Items) != 3 {
		t.Fatalf("the form has %d items, a format %v and a comment %v", len(o.Form().Items), o.Format != nil, o.Comment != nil)
	}
	ch, err := o.Choice()
	if err != nil || ch.Lang != "en" || ch.Format != "pdf" {
		t.Errorf("the choice is %+v, %v", ch, err)
	}
}

// Given a day that is not a date, or no language at all, then Choice
// names the field and what to write.
func TestReportOptionsRefuseWhatCannotServe(t *testing.T) {
	test.NewTempApp(t)
	o := NewReportOptions(reportLangs, "en", continuum.NewDate(2026, 12, 2), false, true)
	o.AsOf.SetText("soon")
	_, err := o.Choice()
	if !errors.Is(err, continuum.ErrInvalid) || continuum.ErrorField(err) != "report.as_of" {
		t.Fatalf("a day of %q gave %v", "soon", err)
	}
	if o.Fields()[continuum.ErrorField(err)] != fyne.CanvasObject(o.AsOf) {
		t.Error("the day's problem is not tied to the day's field")
	}
	none := NewReportOptions(nil, "en", continuum.NewDate(2026, 12, 2), false, false)
	if _, err := none.Choice(); continuum.ErrorField(err) != "report.language" {
		t.Errorf("no language gave %v", err)
	}
}

// Given a progress dialog, when the work reports progress and Cancel is
// pressed (by the button or Escape), then the bar and sentence follow,
// the work is told to stop once, and the sentence says it is stopping.
func TestProgressDialogCancelsOnce(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(600, 400))
	stops := 0
	p := ShowProgress(w, "Reports", "Starting…", func() { stops++ })
	if !p.IsOpen() || w.Canvas().Overlays().Top() == nil {
		t.Fatal("the dialog is not shown")
	}
	sets := 0
	p.AfterSet = func() { sets++ }
	p.Set(0.25, "1 of 4 students written")
	if p.Value() != 0.25 || p.Text() != "1 of 4 students written" || sets != 1 {
		t.Errorf("after Set the dialog shows %v, %q (%d calls after)", p.Value(), p.Text(), sets)
	}
	test.Tap(p.cancel)
	p.Cancel()
	if stops != 1 || !p.Cancelled() || p.Text() != "Stopping…" {
		t.Errorf("Cancel stopped the work %d times; cancelled %v; says %q", stops, p.Cancelled(), p.Text())
	}
	p.Set(0.5, "2 of 4 students written")
	if p.Text() != "Stopping…" || p.Value() != 0.5 {
		t.Errorf("after Cancel the dialog says %q at %v", p.Text(), p.Value())
	}
	p.Hide()
	if p.IsOpen() || w.Canvas().Overlays().Top() != nil {
		t.Error("Hide left the dialog shown")
	}

	q := ShowProgress(w, "Reports", "Starting…", func() { stops++ })
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if stops != 2 || !q.Cancelled() {
		t.Errorf("Escape did not cancel (stops %d)", stops)
	}
}
