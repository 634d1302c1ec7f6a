package widgets

import (
	"math"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// SearchItem is one choice in a SearchList.
type SearchItem struct {
	// Key identifies the item to the caller, e.g. a target code or a student ID.
	Key string
	// Title is shown in bold, e.g. "NO.1.2" or "Ana Okafor".
	Title string
	// Detail follows the title in a quieter colour, e.g. the target's statement.
	Detail string
}

// SearchList is a search field above a list of choices. Typing keeps the
// items whose title or detail contain every word typed; Up and Down in the
// field move the choice through the items shown, and Enter confirms it (or
// the first item shown when nothing shown is chosen), so the keyboard
// never has to leave the field.
type SearchList struct {
	widget.BaseWidget

	// OnSelected is called when the teacher chooses another item (by
	// clicking it, or with Up and Down in the field).
	OnSelected func(key string)
	// OnConfirmed is called when the teacher presses Enter in the field.
	OnConfirmed func(key string)

	search   *CellEntry
	list     *widget.List
	none     *widget.Label
	noneBox  *fyne.Container
	items    []SearchItem
	folded   []string // lower-cased title and detail, for matching
	shown    []int    // indexes into items, in order
	selected string
	quiet    bool // selecting from code: OnSelected stays silent
}

// NewSearchList returns an empty search list whose field shows placeholder.
func NewSearchList(placeholder string) *SearchList {
	s := &SearchList{}
	s.ExtendBaseWidget(s)
	s.search = NewCellEntry()
	s.search.SetPlaceHolder(placeholder)
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = func(string) { s.applyFilter() }
	s.search.OnNav = s.onNav
	s.none = Quiet("Nothing matches")
	s.none.Hide()
	s.noneBox = container.NewVBox(s.none)
	s.list = widget.NewList(
		func() int { return len(s.shown) },
		func() fyne.CanvasObject {
			t := widget.NewRichText(titleSegment(""), detailSegment(""))
			t.Truncation = fyne.TextTruncateEllipsis
			return t
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			if id < 0 || id >= len(s.shown) {
				return
			}
			it := s.items[s.shown[id]]
			t := o.(*widget.RichText)
			t.Segments[0].(*widget.TextSegment).Text = it.Title
			t.Segments[1].(*widget.TextSegment).Text = spaced(it.Detail)
			t.Refresh()
		})
	s.list.OnSelected = func(id widget.ListItemID) {
		if id < 0 || id >= len(s.shown) {
			return
		}
		key := s.items[s.shown[id]].Key
		changed := key != s.selected
		s.selected = key
		if changed && !s.quiet && s.OnSelected != nil {
			s.OnSelected(key)
		}
	}
	return s
}

func titleSegment(text string) *widget.TextSegment {
	return &widget.TextSegment{Text: text, Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}}
}

func detailSegment(text string) *widget.TextSegment {
	return &widget.TextSegment{Text: text, Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}}
}

// spaced puts the gap between a title and its detail.
func spaced(detail string) string {
	if detail == "" {
		return ""
	}
	return "  " + detail
}

// CreateRenderer lays out the field above the list.
func (s *SearchList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewBorder(s.search, nil, nil, nil, container.NewStack(s.list, s.noneBox)))
}

// MinSize is at least wide enough for the field's placeholder to show
// whole: a field cuts its placeholder short without an ellipsis, so the
// hint on what can be searched must fit.
func (s *SearchList) MinSize() fyne.Size {
	return s.BaseWidget.MinSize().Max(fyne.NewSize(PlaceholderWidth(&s.search.Entry), 0))
}

// PlaceholderWidth is the width a one-line entry needs to show its
// placeholder whole, its action item (a search icon, say) beside it.
func PlaceholderWidth(e *widget.Entry) float32 {
	if e.PlaceHolder == "" {
		return 0
	}
	w := fyne.MeasureText(e.PlaceHolder, theme.TextSize(), e.TextStyle).Width +
		2*theme.InnerPadding() + 2*theme.InputBorderSize()
	if e.ActionItem != nil {
		w += e.ActionItem.MinSize().Width + theme.Padding()
	}
	return float32(math.Ceil(float64(w)))
}

// SetItems replaces the choices, keeping the query and, when it is still
// there, the chosen item.
func (s *SearchList) SetItems(items []SearchItem) {
	s.items = items
	s.folded = make([]string, len(items))
	for i, it := range items {
		s.folded[i] = strings.ToLower(it.Title + " " + it.Detail)
	}
	keep := false
	for _, it := range items {
		if it.Key == s.selected {
			keep = true
			break
		}
	}
	if !keep {
		s.selected = ""
	}
	s.applyFilter()
}

// Items returns the choices.
func (s *SearchList) Items() []SearchItem { return s.items }

// Shown returns the choices that match the query, in order.
func (s *SearchList) Shown() []SearchItem {
	out := make([]SearchItem, len(s.shown))
	for i, k := range s.shown {
		out[i] = s.items[k]
	}
	return out
}

// Selected returns the key of the chosen item, or "".
func (s *SearchList) Selected() string { return s.selected }

// Select chooses the item with key (or nothing, for ""), without calling OnSelected.
func (s *SearchList) Select(key string) {
	s.selected = key
	s.showSelection()
}

// SetQuery types text into the search field.
func (s *SearchList) SetQuery(text string) { s.search.SetText(text) }

// Query returns the text in the search field.
func (s *SearchList) Query() string { return s.search.Text }

// SearchField returns the search field, to give it the focus.
func (s *SearchList) SearchField() *CellEntry { return s.search }

// MatchesWords reports whether every word of query occurs in text (both
// compared in lower case): "no 1.2", "add within" or "okafor".
func MatchesWords(text, query string) bool {
	text = strings.ToLower(text)
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

func (s *SearchList) applyFilter() {
	q := s.search.Text
	s.shown = s.shown[:0]
	for i := range s.items {
		if MatchesWords(s.folded[i], q) {
			s.shown = append(s.shown, i)
		}
	}
	if len(s.shown) == 0 && len(s.items) > 0 {
		s.none.Show()
	} else {
		s.none.Hide()
	}
	s.noneBox.Refresh() // lay the label out again now that it shows or hides
	s.list.Refresh()
	s.showSelection()
}

// showSelection highlights the chosen item if it is shown.
func (s *SearchList) showSelection() {
	s.quiet = true
	defer func() { s.quiet = false }()
	if i := s.shownIndex(s.selected); i >= 0 {
		s.list.Select(i)
		s.list.ScrollTo(i)
		return
	}
	s.list.UnselectAll()
}

func (s *SearchList) shownIndex(key string) int {
	if key == "" {
		return -1
	}
	for i, k := range s.shown {
		if s.items[k].Key == key {
			return i
		}
	}
	return -1
}

func (s *SearchList) onNav(k NavKey) bool {
	switch k {
	case NavDown, NavUp:
		if len(s.shown) == 0 {
			return true
		}
		i := s.shownIndex(s.selected)
		switch {
		case i < 0:
			i = 0
		case k == NavDown:
			i = min(i+1, len(s.shown)-1)
		default:
			i = max(i-1, 0)
		}
		s.list.Select(i) // calls OnSelected through the list
		return true
	case NavEnter:
		if s.shownIndex(s.selected) < 0 {
			if len(s.shown) == 0 {
				return true
			}
			s.list.Select(0)
		}
		if s.OnConfirmed != nil && s.selected != "" {
			s.OnConfirmed(s.selected)
		}
		return true
	case NavEscape:
		s.search.SetText("")
		return true
	}
	return false
}
