package transfer

import (
	"fmt"
	"slices"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/widgets"
)

// rosterClassColumns are the widths of the class list's columns: the
// check, the class code, the class (its name as a group), the term and
// the students enrolled.
var rosterClassColumns = []float32{36, 110, -3, -2, 80}

// rosterClasses is the dialog in which a teacher chooses her classes of a
// OneRoster set (a district's set holds every teacher's): each class with
// its code, its name as a group, its terms and how many students it has,
// a check beside each, and a search that narrows the list.
type rosterClasses struct {
	file   *exchange.RosterFile
	chosen map[string]bool // by sourcedId
	shown  []int           // indexes into file.Classes matching the search
	onDone func()

	dlg    *widgets.FormDialog
	search *widgets.Entry
	list   *widget.List
	count  *widget.Label
}

// newRosterClasses builds the dialog for f's classes, starting from the
// classes chosen before; onDone goes on once f's classes are chosen.
func newRosterClasses(win fyne.Window, f *exchange.RosterFile, onDone func()) *rosterClasses {
	c := &rosterClasses{file: f, chosen: map[string]bool{}, onDone: onDone}
	for _, id := range f.Chosen {
		c.chosen[id] = true
	}
	intro := widgets.Wrapped(fmt.Sprintf("%s is a %s; it has %d classes. Tick yours: their students come in with the class as their group.",
		f.Name, f.Kind, len(f.Classes)))
	c.search = widgets.NewEntry()
	c.search.SetPlaceHolder("Find a class: code, name or term")
	c.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	c.search.OnChanged = func(string) { c.applySearch() }
	all := widgets.NewButton("Tick all shown", nil, func() { c.setShown(true) })
	none := widgets.NewButton("Untick all", nil, func() { c.setAll(false) })
	c.count = widget.NewLabel("")
	header := container.New(widgets.NewColumnsLayout(rosterClassColumns...), widget.NewLabel(""),
		widgets.Heading("Code"), widgets.Heading("Class"), widgets.Heading("Term"), widgets.Heading("Students"))
	c.list = widget.NewList(func() int { return len(c.shown) }, c.newRow, c.updateRow)
	c.list.OnSelected = func(id widget.ListItemID) {
		c.list.Unselect(id)
		if id >= 0 && id < len(c.shown) {
			c.toggle(c.file.Classes[c.shown[id]].SourcedID)
		}
	}
	top := container.NewVBox(intro, container.NewBorder(nil, nil, nil, container.NewHBox(all, none), c.search), header, widget.NewSeparator())
	body := container.NewBorder(top, c.count, nil, nil, c.list)
	c.dlg = widgets.NewFormDialog(win, "Choose the classes of "+f.Name, body, "Continue", c.onConfirm)
	c.dlg.ConfirmButton().SetIcon(theme.NavigateNextIcon())
	c.dlg.First = c.search
	c.applySearch()
	return c
}

// Show opens the dialog.
func (c *rosterClasses) Show() { c.dlg.Show(fyne.NewSize(900, 600)) }

func (c *rosterClasses) newRow() fyne.CanvasObject {
	check := widgets.NewCheck("", nil)
	labels := []fyne.CanvasObject{check}
	for i := 1; i < len(rosterClassColumns); i++ {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		if i == len(rosterClassColumns)-1 {
			l.Alignment = fyne.TextAlignTrailing
		}
		labels = append(labels, l)
	}
	return container.New(widgets.NewColumnsLayout(rosterClassColumns...), labels...)
}

func (c *rosterClasses) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(c.shown) {
		return
	}
	cl := c.file.Classes[c.shown[id]]
	cells := o.(*fyne.Container).Objects
	check := cells[0].(*widgets.Check)
	check.OnChanged = nil
	check.SetChecked(c.chosen[cl.SourcedID])
	check.OnChanged = func(on bool) { c.set(cl.SourcedID, on) }
	for i, text := range []string{cl.Code, cl.Name, cl.Terms, strconv.Itoa(cl.Students)} {
		cells[i+1].(*widget.Label).SetText(text)
	}
}

// applySearch keeps the classes whose code, name, period or terms hold
// every word searched for.
func (c *rosterClasses) applySearch() {
	c.shown = c.shown[:0]
	for i, cl := range c.file.Classes {
		if widgets.MatchesWords(cl.Code+" "+cl.Name+" "+cl.Period+" "+cl.Terms+" "+cl.SourcedID, c.search.Text) {
			c.shown = append(c.shown, i)
		}
	}
	c.list.Refresh()
	c.updateCount()
}

// toggle ticks or unticks the class with sourcedId id.
func (c *rosterClasses) toggle(id string) { c.set(id, !c.chosen[id]) }

// set ticks (on) or unticks the class with sourcedId id.
func (c *rosterClasses) set(id string, on bool) {
	if on {
		c.chosen[id] = true
	} else {
		delete(c.chosen, id)
	}
	c.list.Refresh()
	c.updateCount()
}

// setShown ticks or unticks every class the search shows.
func (c *rosterClasses) setShown(on bool) {
	for _, i := range c.shown {
		if id := c.file.Classes[i].SourcedID; on {
			c.chosen[id] = true
		} else {
			delete(c.chosen, id)
		}
	}
	c.list.Refresh()
	c.updateCount()
}

// setAll ticks or unticks every class.
func (c *rosterClasses) setAll(on bool) {
	for _, cl := range c.file.Classes {
		if on {
			c.chosen[cl.SourcedID] = true
		} else {
			delete(c.chosen, cl.SourcedID)
		}
	}
	c.list.Refresh()
	c.updateCount()
}

// ids returns the sourcedIds of the classes ticked, in the set's order.
func (c *rosterClasses) ids() []string {
	var out []string
	for _, cl := range c.file.Classes {
		if c.chosen[cl.SourcedID] {
			out = append(out, cl.SourcedID)
		}
	}
	return out
}

// updateCount says how many classes and students are ticked, and lets
// the teacher go on once one is.
func (c *rosterClasses) updateCount() {
	ids := c.ids()
	students := 0
	for _, cl := range c.file.Classes {
		if slices.Contains(ids, cl.SourcedID) {
			students += cl.Students
		}
	}
	shown := ""
	if len(c.shown) < len(c.file.Classes) {
		shown = fmt.Sprintf(" %d of the %d classes shown.", len(c.shown), len(c.file.Classes))
	}
	if len(ids) == 0 {
		c.count.SetText("No class ticked yet." + shown)
		c.dlg.ConfirmButton().Disable()
		return
	}
	c.count.SetText(fmt.Sprintf("%s ticked, with %s.%s", continuum.Plural(len(ids), "class", "classes"),
		continuum.Plural(students, "student", "students"), shown))
	c.dlg.ConfirmButton().Enable()
}

func (c *rosterClasses) onConfirm() {
	ids := c.ids()
	if len(ids) == 0 {
		return
	}
	if err := c.file.ChooseClasses(ids); err != nil {
		c.dlg.SetError(err.Error())
		return
	}
	c.dlg.Hide()
	c.onDone()
}
