package widgets

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Choice is one thing a ChoiceList offers.
type Choice struct {
	// Key identifies the choice, e.g. a target's code.
	Key string
	// Label is what people read, e.g. "NUM.2.3 — I can add fractions".
	Label string
}

// ChoiceList picks several things from a long list: a search field that
// narrows the list as one types, the list with a check mark on each chosen
// thing, and the chosen things as removable chips. The owner can refuse a
// choice (OnChange returns false), e.g. one that would make a cycle.
//
// Keyboard: type to narrow the list; Enter chooses the first match not yet
// chosen; Down moves into the list, where the arrows move and Space
// toggles; a chip is removed with Space or Enter.
type ChoiceList struct {
	widget.BaseWidget

	// OnChange is called before a choice is added (on) or removed; returning
	// false refuses the change.
	OnChange func(key string, on bool) bool
	// Search is the field that narrows the list.
	Search *Entry

	choices  []Choice
	chosen   []string // keys, in the order they were chosen
	shown    []int    // indexes into choices matching the search
	onEscape func()
	onChosen func() // told after what is chosen changed, by a click, a key or SetChosen

	list    *choiceListView
	chips   *fyne.Container
	none    *widget.Label
	content fyne.CanvasObject
}

// NewChoiceList returns a list of choices with chosen already chosen.
// rows is how many rows of the list show without scrolling.
func NewChoiceList(choices []Choice, chosen []string, rows int) *ChoiceList {
	l := &ChoiceList{choices: choices}
	l.Search = NewEntry()
	l.Search.PlaceHolder = "Search by code or words"
	l.Search.OnChanged = func(string) { l.applyFilter() }
	l.Search.OnSubmitted = func(string) { l.chooseFirstMatch() }
	l.Search.OnKey = func(k fyne.KeyName) bool {
		if k == fyne.KeyDown && len(l.shown) > 0 {
			if c := fyne.CurrentApp().Driver().CanvasForObject(l.list); c != nil {
				c.Focus(l.list)
			}
			return true
		}
		return false
	}
	l.list = newChoiceListView(l)
	l.none = widget.NewLabel("None chosen")
	l.none.TextStyle.Italic = true
	l.chips = container.New(layout.NewRowWrapLayout())
	row := widget.NewLabel("X").MinSize().Height + theme.Padding()
	listArea := container.New(&choiceListHeight{height: row * float32(rows)}, l.list)
	l.content = container.NewBorder(l.Search, l.chips, nil, nil, listArea)
	l.SetChosen(chosen)
	l.applyFilter()
	l.ExtendBaseWidget(l)
	return l
}

// Chosen returns the keys chosen, in the order they were chosen.
func (l *ChoiceList) Chosen() []string { return slices.Clone(l.chosen) }

// SetChosen replaces what is chosen, without asking OnChange.
func (l *ChoiceList) SetChosen(keys []string) {
	l.chosen = nil
	for _, k := range keys {
		if l.index(k) >= 0 && !l.IsChosen(k) {
			l.chosen = append(l.chosen, l.choices[l.index(k)].Key)
		}
	}
	l.refreshChips()
	l.list.Refresh()
	if l.onChosen != nil {
		l.onChosen()
	}
}

// IsChosen reports whether key is chosen (keys compare case-insensitively).
func (l *ChoiceList) IsChosen(key string) bool {
	return slices.ContainsFunc(l.chosen, func(k string) bool { return strings.EqualFold(k, key) })
}

// Shown returns the keys the list shows for the current search.
func (l *ChoiceList) Shown() []string {
	out := make([]string, len(l.shown))
	for i, c := range l.shown {
		out[i] = l.choices[c].Key
	}
	return out
}

// Toggle chooses key, or removes it when chosen, if OnChange agrees. It
// reports whether the change was made.
func (l *ChoiceList) Toggle(key string) bool {
	i := l.index(key)
	if i < 0 {
		return false
	}
	key = l.choices[i].Key
	on := !l.IsChosen(key)
	if l.OnChange != nil && !l.OnChange(key, on) {
		return false
	}
	if on {
		l.chosen = append(l.chosen, key)
	} else {
		l.chosen = slices.DeleteFunc(l.chosen, func(k string) bool { return strings.EqualFold(k, key) })
	}
	l.refreshChips()
	l.list.Refresh()
	if l.onChosen != nil {
		l.onChosen()
	}
	return true
}

// SetOnEscape implements Escaper for the search, the list and the chips.
func (l *ChoiceList) SetOnEscape(f func()) {
	l.onEscape = f
	l.Search.OnEscape = f
	SetOnEscape(l.chips, f)
}

// CreateRenderer returns the search, list and chips.
func (l *ChoiceList) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(l.content)
}

func (l *ChoiceList) index(key string) int {
	return slices.IndexFunc(l.choices, func(c Choice) bool { return strings.EqualFold(c.Key, key) })
}

func (l *ChoiceList) applyFilter() {
	text := l.Search.Text
	l.shown = l.shown[:0]
	for i, c := range l.choices {
		if choiceMatches(c.Label, text) {
			l.shown = append(l.shown, i)
		}
	}
	l.list.UnselectAll()
	l.list.Refresh()
	if len(l.shown) > 0 {
		l.list.ScrollToTop()
	}
}

// chooseFirstMatch chooses the first shown choice not yet chosen.
func (l *ChoiceList) chooseFirstMatch() {
	for _, i := range l.shown {
		if k := l.choices[i].Key; !l.IsChosen(k) {
			l.Toggle(k)
			return
		}
	}
}

func (l *ChoiceList) refreshChips() {
	objects := make([]fyne.CanvasObject, 0, len(l.chosen))
	for _, k := range l.chosen {
		chip := NewButton(k, theme.CancelIcon(), func() { l.Toggle(k) })
		chip.IconPlacement = widget.ButtonIconTrailingText
		chip.Importance = widget.MediumImportance
		chip.OnEscape = l.onEscape
		objects = append(objects, chip)
	}
	if len(objects) == 0 {
		objects = append(objects, l.none)
	}
	l.chips.Objects = objects
	l.chips.Refresh()
}

// choiceMatches reports whether every word of text appears in s, case-insensitively.
func choiceMatches(s, text string) bool {
	hay := strings.ToLower(s)
	for _, w := range strings.Fields(strings.ToLower(text)) {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// choiceListView is the list part: a row per shown choice with a check
// mark. Selecting a row (tap, or Space on the focused row) toggles it.
type choiceListView struct {
	widget.List
	owner *ChoiceList
}

func newChoiceListView(owner *ChoiceList) *choiceListView {
	v := &choiceListView{owner: owner}
	v.Length = func() int { return len(owner.shown) }
	v.CreateItem = func() fyne.CanvasObject {
		label := widget.NewLabel("")
		label.Truncation = fyne.TextTruncateEllipsis
		return container.NewBorder(nil, nil, widget.NewIcon(theme.CheckButtonIcon()), nil, label)
	}
	v.UpdateItem = func(id widget.ListItemID, o fyne.CanvasObject) {
		if id >= len(owner.shown) {
			return
		}
		c := owner.choices[owner.shown[id]]
		row := o.(*fyne.Container)
		row.Objects[0].(*widget.Label).SetText(c.Label)
		icon := theme.CheckButtonIcon()
		if owner.IsChosen(c.Key) {
			icon = theme.CheckButtonCheckedIcon()
		}
		row.Objects[1].(*widget.Icon).SetResource(icon)
	}
	v.OnSelected = func(id widget.ListItemID) {
		v.Unselect(id)
		if id < len(owner.shown) {
			owner.Toggle(owner.choices[owner.shown[id]].Key)
		}
	}
	v.ExtendBaseWidget(v)
	return v
}

// TypedKey reports Escape.
func (v *choiceListView) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && v.owner.onEscape != nil {
		v.owner.onEscape()
		return
	}
	v.List.TypedKey(k)
}

// choiceListHeight makes its only object at least height tall.
type choiceListHeight struct{ height float32 }

func (m *choiceListHeight) MinSize(objects []fyne.CanvasObject) fyne.Size {
	s := objects[0].MinSize()
	return fyne.NewSize(s.Width, max(s.Height, m.height))
}

func (m *choiceListHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
}
