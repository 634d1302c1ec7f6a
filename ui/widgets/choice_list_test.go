package widgets

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func readingChoices() []Choice {
	return []Choice{
		{Key: "FL.1", Label: "FL.1 — I can read a grade-level passage aloud accurately."},
		{Key: "FL.2", Label: "FL.2 — I can read with expression that shows meaning."},
		{Key: "PE.1", Label: "PE.1 — I can keep going when a text is hard."},
	}
}

func TestChoiceListGolden(t *testing.T) {
	for _, tt := range []struct {
		name, golden string
		setup        func(l *ChoiceList)
	}{
		{"one chosen", "choice_list/chosen.xml", func(*ChoiceList) {}},
		{"narrowed by a search", "choice_list/search.xml", func(l *ChoiceList) { test.Type(l.Search, "read") }},
		{"nothing chosen", "choice_list/none.xml", func(l *ChoiceList) { l.SetChosen(nil) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			l := NewChoiceList(readingChoices(), []string{"fl.1"}, 4)
			w := test.NewTempWindow(t, l)
			w.Resize(fyne.NewSize(420, 320))
			tt.setup(l)
			test.AssertRendersToMarkup(t, tt.golden, w.Canvas())
		})
	}
}

func TestChoiceListChoosesWithTheKeyboardAndCanRefuse(t *testing.T) {
	test.NewTempApp(t)
	l := NewChoiceList(readingChoices(), nil, 4)
	w := test.NewTempWindow(t, l)
	w.Resize(fyne.NewSize(420, 320))
	var asked []string
	l.OnChange = func(key string, on bool) bool {
		asked = append(asked, key)
		return key != "PE.1" // PE.1 is refused
	}

	// Typing narrows the list; Enter chooses the first match not chosen.
	test.Type(l.Search, "read")
	if got := l.Shown(); !slices.Equal(got, []string{"FL.1", "FL.2"}) {
		t.Fatalf("shown %v", got)
	}
	enter := &fyne.KeyEvent{Name: fyne.KeyReturn}
	l.Search.TypedKey(enter)
	l.Search.TypedKey(enter)
	if got := l.Chosen(); !slices.Equal(got, []string{"FL.1", "FL.2"}) {
		t.Errorf("chosen %v", got)
	}

	// Down enters the list; Space toggles the row with the focus.
	l.Search.SetText("")
	l.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if w.Canvas().Focused() != fyne.Focusable(l.list) {
		t.Fatalf("focus on %T after Down", w.Canvas().Focused())
	}
	l.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if got := l.Chosen(); !slices.Equal(got, []string{"FL.2"}) {
		t.Errorf("Space on FL.1 (chosen) should remove it: %v", got)
	}

	// A refused choice stays out.
	if l.Toggle("pe.1") || l.IsChosen("PE.1") {
		t.Error("PE.1 was let in")
	}
	if !slices.Equal(asked, []string{"FL.1", "FL.2", "FL.1", "PE.1"}) {
		t.Errorf("OnChange asked about %v", asked)
	}

	// A chip removes its choice; Escape reaches the owner from every part.
	escaped := 0
	l.SetOnEscape(func() { escaped++ })
	chip := l.chips.Objects[0].(*Button)
	test.Tap(chip)
	if len(l.Chosen()) != 0 {
		t.Errorf("the chip did not remove its choice: %v", l.Chosen())
	}
	l.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	l.list.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if escaped != 2 {
		t.Errorf("Escape reached the owner %d times, want 2", escaped)
	}
}
