package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyForm is a small dialog body made of the Escape-aware widgets.
func keyForm() (*Entry, *Entry, *Select, *Check, *Button, fyne.CanvasObject) {
	code := NewEntry()
	code.SetText("FL.1")
	statement := NewMultiLineEntry(2)
	statement.SetText("I can read a passage aloud.")
	level := NewSelect([]string{"Early", "Middle"}, nil)
	level.SetSelected("Early")
	milestone := NewCheck("Milestone", nil)
	save := NewButton("Save", theme.ConfirmIcon(), nil)
	form := widget.NewForm(widget.NewFormItem("Code", code), widget.NewFormItem("Statement", statement))
	body := container.NewVBox(form, container.NewScroll(container.NewHBox(level, milestone)), save)
	return code, statement, level, milestone, save, body
}

func TestKeyWidgetsLookLikeFynes(t *testing.T) {
	test.NewTempApp(t)
	_, _, _, _, _, body := keyForm()
	w := test.NewTempWindow(t, body)
	w.Resize(fyne.NewSize(400, 260))
	test.AssertRendersToMarkup(t, "keys/form.xml", w.Canvas())
}

func TestSetOnEscapeReachesEveryWidget(t *testing.T) {
	test.NewTempApp(t)
	code, statement, level, milestone, save, body := keyForm()
	escaped := 0
	SetOnEscape(body, func() { escaped++ })
	esc := &fyne.KeyEvent{Name: fyne.KeyEscape}
	for _, f := range []fyne.Focusable{code, statement, level, milestone, save} {
		f.TypedKey(esc)
	}
	if escaped != 5 {
		t.Errorf("Escape reached the owner %d times, want 5", escaped)
	}
	// Other keys still do what Fyne's widgets do.
	statement.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if statement.Text != "\nI can read a passage aloud." {
		t.Errorf("Enter in a multi-line entry: %q", statement.Text)
	}
}

func TestEntryOnKeyAndButtonEnter(t *testing.T) {
	test.NewTempApp(t)
	e := NewEntry()
	var seen []fyne.KeyName
	e.OnKey = func(k fyne.KeyName) bool { seen = append(seen, k); return k == fyne.KeyDown }
	e.SetText("ab")
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDelete})
	if len(seen) != 2 || e.Text != "b" {
		t.Errorf("seen %v, text %q", seen, e.Text)
	}
	tapped := 0
	b := NewButton("Go", nil, func() { tapped++ })
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	b.Disable()
	b.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if tapped != 2 {
		t.Errorf("tapped %d times, want 2", tapped)
	}
}
