package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func demoTargetItems() []SearchItem {
	return []SearchItem{
		{Key: "NO.1.1", Title: "NO.1.1", Detail: "read, write and compare whole numbers to 1,000"},
		{Key: "NO.1.2", Title: "NO.1.2", Detail: "add and subtract within 1,000"},
		{Key: "AT.1.2", Title: "AT.1.2", Detail: "find the unknown number in an equation"},
		{Key: "HS.1.2", Title: "HS.1.2", Detail: "keep working on a task when it gets hard"},
	}
}

func searchListWindow(t *testing.T) (*SearchList, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	s := NewSearchList("Find a target")
	s.SetItems(demoTargetItems())
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(320, 240))
	return s, w
}

func keys(items []SearchItem) []string {
	out := make([]string, len(items))
	for i, it := range items {
		out[i] = it.Key
	}
	return out
}

func TestSearchListRenders(t *testing.T) {
	s, w := searchListWindow(t)
	s.Select("NO.1.2")
	test.AssertRendersToMarkup(t, "search_list/chosen.xml", w.Canvas())
	s.SetQuery("zebra")
	test.AssertRendersToMarkup(t, "search_list/nothing_matches.xml", w.Canvas())
}

func TestSearchListFiltersByCodeOrWords(t *testing.T) {
	s, _ := searchListWindow(t)
	for _, tt := range []struct {
		query string
		want  []string
	}{
		{"", []string{"NO.1.1", "NO.1.2", "AT.1.2", "HS.1.2"}},
		{"1.2", []string{"NO.1.2", "AT.1.2", "HS.1.2"}},
		{"no.1", []string{"NO.1.1", "NO.1.2"}},
		{"subtract 1,000", []string{"NO.1.2"}},
		{"  WORKING   hard ", []string{"HS.1.2"}},
		{"fractions", []string{}},
	} {
		s.SetQuery(tt.query)
		if got := keys(s.Shown()); len(got) != len(tt.want) || (len(got) > 0 && got[0] != tt.want[0]) {
			t.Errorf("query %q shows %v, want %v", tt.query, got, tt.want)
		}
	}
}

func TestSearchListKeyboard(t *testing.T) {
	s, w := searchListWindow(t)
	var chosen, confirmed []string
	s.OnSelected = func(k string) { chosen = append(chosen, k) }
	s.OnConfirmed = func(k string) { confirmed = append(confirmed, k) }
	w.Canvas().Focus(s.SearchField())

	// Typing narrows; Enter confirms the first match.
	test.Type(s.SearchField(), "1.2")
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if s.Selected() != "NO.1.2" || len(confirmed) != 1 || confirmed[0] != "NO.1.2" {
		t.Fatalf("selected %q, confirmed %v", s.Selected(), confirmed)
	}
	// Down and Up move the choice among the items shown.
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if s.Selected() != "HS.1.2" {
		t.Errorf("after three Downs: %q, want the last match HS.1.2", s.Selected())
	}
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyUp})
	if s.Selected() != "AT.1.2" {
		t.Errorf("after Up: %q", s.Selected())
	}
	want := []string{"NO.1.2", "AT.1.2", "HS.1.2", "AT.1.2"}
	if len(chosen) != len(want) {
		t.Errorf("OnSelected saw %v, want %v", chosen, want)
	}
	// Escape clears the search and keeps the choice.
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if s.Query() != "" || len(s.Shown()) != 4 || s.Selected() != "AT.1.2" {
		t.Errorf("after Escape: query %q, %d shown, selected %q", s.Query(), len(s.Shown()), s.Selected())
	}
	// Items replaced: the choice stays when its key does.
	s.SetItems(demoTargetItems()[2:])
	if s.Selected() != "AT.1.2" {
		t.Errorf("choice lost on new items: %q", s.Selected())
	}
	s.SetItems(demoTargetItems()[:2])
	if s.Selected() != "" {
		t.Errorf("choice kept after its item went: %q", s.Selected())
	}
}
