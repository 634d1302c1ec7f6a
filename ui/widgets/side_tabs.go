package widgets

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// SideTabs is the app's navigation: a column of screens down the left,
// each an icon beside its name, the open one filled in the primary colour,
// and beside it the open screen's content. Unlike Fyne's leading AppTabs,
// which stack icon over name and push what does not fit into an overflow
// menu, a row here is one line high, so nine screens fit a window 768
// pixels high and every screen stays one click away. Its API follows
// AppTabs': Items, Select…, Selected…, OnSelected.
type SideTabs struct {
	widget.BaseWidget
	// Items are the screens, in order.
	Items []*container.TabItem
	// OnSelected is called when another screen is opened.
	OnSelected func(*container.TabItem)

	selected int
	buttons  []*widget.Button
	pages    *fyne.Container
	content  fyne.CanvasObject
}

// NewSideTabs makes the navigation over items, the first one open.
func NewSideTabs(items ...*container.TabItem) *SideTabs {
	t := &SideTabs{Items: items, selected: -1}
	nav := container.NewVBox()
	t.pages = container.NewStack()
	for i, it := range items {
		b := widget.NewButtonWithIcon(it.Text, it.Icon, func() { t.SelectIndex(i) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		t.buttons = append(t.buttons, b)
		nav.Add(b)
		it.Content.Hide()
		t.pages.Add(it.Content)
	}
	t.content = container.NewBorder(nil, nil, container.NewHBox(nav, widget.NewSeparator()), nil, t.pages)
	t.ExtendBaseWidget(t)
	if len(items) > 0 {
		// The first screen is open, but nothing is drawn yet: refreshing
		// here laid out every page before the window showed one (0.13 s
		// of the app's start on a district's store), and the screen
		// asked for at launch is often another.
		t.selected = 0
		items[0].Content.Show()
		t.buttons[0].Importance = widget.HighImportance
	}
	return t
}

// SelectIndex opens the screen at i and tells OnSelected, unless it is
// already open or there is none at i.
func (t *SideTabs) SelectIndex(i int) {
	if i < 0 || i >= len(t.Items) || i == t.selected {
		return
	}
	t.show(i)
	if t.OnSelected != nil {
		t.OnSelected(t.Items[i])
	}
}

// SelectedIndex returns the position of the open screen.
func (t *SideTabs) SelectedIndex() int { return t.selected }

// Selected returns the open screen's item.
func (t *SideTabs) Selected() *container.TabItem {
	if t.selected < 0 {
		return nil
	}
	return t.Items[t.selected]
}

// show opens the screen at i: its content shown, the others hidden, its
// row marked.
func (t *SideTabs) show(i int) {
	if t.selected >= 0 {
		t.Items[t.selected].Content.Hide()
		t.buttons[t.selected].Importance = widget.LowImportance
		t.buttons[t.selected].Refresh()
	}
	t.selected = i
	t.Items[i].Content.Show()
	t.buttons[i].Importance = widget.HighImportance
	t.buttons[i].Refresh()
	t.pages.Refresh()
}

// CreateRenderer draws the column and the open screen.
func (t *SideTabs) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.content)
}
