package widgets

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// TestFormDialogReportsChangedFields: an open dialog counts as unsaved work
// once a field differs from what it was shown with, and no longer once
// it is closed.
func TestFormDialogReportsChangedFields(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("behind"))
	w.Resize(fyne.NewSize(700, 500))
	code, statement, level, milestone, _, body := keyForm()
	prereqs := NewChoiceList([]Choice{{Key: "A", Label: "A"}, {Key: "B", Label: "B"}}, nil, 3)
	d := NewFormDialog(w, "New target", container.NewVBox(body, prereqs), "Add target", func() {})
	if got := UnsavedForms(w); len(got) != 0 {
		t.Fatalf("before it is shown: %v", got)
	}
	d.Show(fyne.Size{})
	if got := UnsavedForms(w); len(got) != 0 {
		t.Fatalf("shown untouched: %v", got)
	}
	for _, change := range []struct {
		what       string
		do, revert func()
	}{
		{"code", func() { code.SetText("FL.2") }, func() { code.SetText("FL.1") }},
		{"statement", func() { statement.SetText("") }, func() { statement.SetText("I can read a passage aloud.") }},
		{"level", func() { level.SetSelected("Middle") }, func() { level.SetSelected("Early") }},
		{"milestone", func() { milestone.SetChecked(true) }, func() { milestone.SetChecked(false) }},
		{"prerequisites", func() { prereqs.SetChosen([]string{"B"}) }, func() { prereqs.SetChosen(nil) }},
	} {
		change.do()
		if got := UnsavedForms(w); fmt.Sprint(got) != "[New target]" {
			t.Errorf("%s changed: unsaved %v, want [New target]", change.what, got)
		}
		change.revert()
		if got := UnsavedForms(w); len(got) != 0 {
			t.Errorf("%s put back: unsaved %v", change.what, got)
		}
	}
	code.SetText("FL.9")
	d.Hide()
	if got := UnsavedForms(w); len(got) != 0 {
		t.Errorf("after the dialog closed: %v", got)
	}
}

// TestFormDialogProblemGoesWhenItsInputChanges: a problem shown about one
// input goes as soon as that input is changed (typed in, chosen, ticked),
// not when another input is; a problem about the whole dialog stays
// until the next save says otherwise.
func TestFormDialogProblemGoesWhenItsInputChanges(t *testing.T) {
	test.NewTempApp(t)
	w := test.NewTempWindow(t, widget.NewLabel("behind"))
	w.Resize(fyne.NewSize(700, 500))
	code, statement, level, milestone, _, body := keyForm()
	prereqs := NewChoiceList([]Choice{{Key: "A", Label: "A"}, {Key: "B", Label: "B"}}, nil, 3)
	typedCode := "" // the caller's own handler keeps running
	code.OnChanged = func(s string) { typedCode = s }
	d := NewFormDialog(w, "New target", container.NewVBox(body, prereqs), "Add target", func() {})
	d.Fields = map[string]fyne.CanvasObject{"target.code": code, "target.level": level,
		"target.milestone": milestone, "target.prerequisites": prereqs}
	d.Show(fyne.Size{})

	for _, c := range []struct {
		field        string
		other, input func()
	}{
		{"target.code", func() { test.Type(statement, " Slowly.") }, func() { test.Type(code, "2") }},
		{"target.level", func() { test.Type(code, "X") }, func() { level.SetSelected("Middle") }},
		{"target.milestone", func() { level.SetSelected("Early") }, func() { test.Tap(milestone) }},
		{"target.prerequisites", func() { test.Tap(milestone) }, func() { prereqs.Toggle("B") }},
	} {
		d.SetProblem(continuum.Invalidf(c.field, "is wrong"))
		want := continuum.ErrorMessage(continuum.Invalidf(c.field, "is wrong"))
		if d.Error() != want || d.ProblemField() != d.Fields[c.field] {
			t.Fatalf("%s: line %q about %v, want %q about its input", c.field, d.Error(), d.ProblemField(), want)
		}
		c.other()
		if d.Error() != want {
			t.Errorf("%s: another input changed and the line became %q", c.field, d.Error())
		}
		c.input()
		if d.Error() != "" {
			t.Errorf("%s: its input changed and the line still says %q", c.field, d.Error())
		}
	}
	if typedCode != code.Text || typedCode == "FL.1" {
		t.Errorf("the code's own handler saw %q, the code is %q", typedCode, code.Text)
	}

	// The same input named again is watched once, and still cleared.
	d.SetFieldError(code, "Code: is taken")
	d.SetFieldError(code, "Code: is taken")
	test.Type(code, "Y")
	if d.Error() != "" {
		t.Errorf("named twice, then typed in: line %q", d.Error())
	}

	// A problem the dialog cannot pin on one input stays.
	d.SetProblem(fmt.Errorf("save: %w", continuum.ErrConflict))
	test.Type(code, "Z")
	test.Tap(milestone)
	if d.Error() == "" || d.ProblemField() != nil {
		t.Errorf("a problem with no input went when inputs changed (about %v)", d.ProblemField())
	}
	d.SetProblem(nil)
	if d.Error() != "" {
		t.Errorf("SetProblem(nil) left %q", d.Error())
	}
}

// TestShowMessageClosesFromTheKeyboard: a message dialog closes on Enter
// and on Escape, with the focus where it starts.
func TestShowMessageClosesFromTheKeyboard(t *testing.T) {
	for _, key := range []fyne.KeyName{fyne.KeyReturn, fyne.KeyEnter, fyne.KeyEscape} {
		t.Run(string(key), func(t *testing.T) {
			test.NewTempApp(t)
			w := test.NewTempWindow(t, widget.NewLabel("behind"))
			w.Resize(fyne.NewSize(600, 400))
			ShowMessage(w, "Error", "The date is not a date.", theme.ErrorIcon())
			if w.Canvas().Overlays().Top() == nil {
				t.Fatal("no dialog shown")
			}
			f := w.Canvas().Focused()
			if f == nil {
				t.Fatal("nothing has the focus in the dialog")
			}
			f.TypedKey(&fyne.KeyEvent{Name: key})
			if w.Canvas().Overlays().Top() != nil {
				t.Errorf("%s left the dialog open", key)
			}
		})
	}
}
