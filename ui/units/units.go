package units

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// unitSupportSlot names the flex block made for the students who need
// support before a unit.
const unitSupportSlot = "WIN time"

// Screen is the unit-planning screen of the chosen continuum: the term's
// units on a week-by-week calendar, the list of units (reorder,
// duplicate, delete), and for the unit chosen its readiness (who has the
// prerequisites, who needs support on what, with a flex block made in one
// step), its progress (how much of the class has mastered each target,
// which checkpoints are due or overdue) and its plan, edited in the unit
// editor.
type Screen struct {
	screen.Base[*unitsData]
	store Store

	loaded func() // test hook, called whenever the loads under way have been shown

	data     *unitsData // what the last load read, nil before the first
	selected string     // ID of the unit shown, "" for none
	wanted   string     // title or ID asked for by ShowUnit, until a load looks for it
	tabFor   string     // ID of the unit the detail tab was last chosen for

	summary    *widget.Label
	newBtn     *widget.Button
	calendar   *widgets.TermCalendar
	list       *widget.List
	editBtn    *widget.Button
	upBtn      *widget.Button
	downBtn    *widget.Button
	dupBtn     *widget.Button
	delBtn     *widget.Button
	title      *widget.Label
	when       *widget.Label
	tabs       *container.AppTabs
	readiness  *fyne.Container
	progress   *fyne.Container
	plan       *fyne.Container
	supportBtn *widget.Button
	flexNote   *widget.Label
	detail     *fyne.Container // the unit's title, dates and tabs; a notice replaces it when no unit is shown
	main       fyne.CanvasObject
	content    *fyne.Container

	editor  *unitEditor         // the last editor opened
	confirm *widgets.FormDialog // the last confirmation opened
	notes   *screen.CoachNotes  // a coach's visit notes on the unit shown
}

// unitsData is what one load reads and works out.
type unitsData struct {
	continuumID string
	graph       *continuum.Graph // nil when no continuum is chosen or it is gone
	units       []continuum.Unit // in calendar order
	class       continuum.Class
	today       continuum.Date
	missing     string // the title or ID ShowUnit asked for, when no unit has it

	unit        *continuum.Unit // the unit shown, nil for none
	readyOn     continuum.Date  // the day readiness is judged on
	readiness   []continuum.Readiness
	progress    []continuum.TargetProgress
	checkpoints []continuum.CheckpointStatus
}

// unitsRequest is what a load is asked for.
type unitsRequest struct {
	continuumID string
	selected    string
	wanted      string
	today       continuum.Date
}

// New builds the units screen on store, following the continuum
// chosen in ws, with its dialogs in win. It reads nothing until it is
// shown (Refresh) or asked for a unit (ShowUnit).
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	s := &Screen{store: store}
	s.build(ws, win)
	return s
}

func (s *Screen) build(ws *screen.Workspace, win fyne.Window) {
	s.summary = widget.NewLabel("")
	s.summary.Truncation = fyne.TextTruncateEllipsis
	s.newBtn = widget.NewButtonWithIcon("New unit", theme.ContentAddIcon(), s.onNewUnit)
	s.newBtn.Importance = widget.HighImportance
	s.calendar = widgets.NewTermCalendar(s.onUnitTapped)

	s.list = widget.NewList(s.unitCount, s.createRow, s.updateRow)
	s.list.OnSelected = s.onListSelected
	s.upBtn = widget.NewButtonWithIcon("Earlier", theme.MoveUpIcon(), func() { s.onMove(-1) })
	s.downBtn = widget.NewButtonWithIcon("Later", theme.MoveDownIcon(), func() { s.onMove(1) })
	s.dupBtn = widget.NewButtonWithIcon("Duplicate", theme.ContentCopyIcon(), s.onDuplicate)
	s.delBtn = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), s.onDelete)
	listActions := container.NewGridWithColumns(2, s.upBtn, s.downBtn, s.dupBtn, s.delBtn)
	left := container.NewBorder(widgets.Heading("Units in order"), listActions, nil, nil, s.list)

	s.title = widget.NewLabel("")
	s.title.SizeName = theme.SizeNameSubHeadingText
	s.title.TextStyle.Bold = true
	s.title.Truncation = fyne.TextTruncateEllipsis
	s.when = widget.NewLabel("")
	s.when.Wrapping = fyne.TextWrapWord
	s.editBtn = widget.NewButtonWithIcon("Edit plan…", theme.DocumentCreateIcon(), s.onEdit)

	s.supportBtn = widget.NewButtonWithIcon("Make a flex block for support", theme.ContentAddIcon(), s.onMakeSupportBlock)
	s.flexNote = widget.NewLabel("")
	s.flexNote.Wrapping = fyne.TextWrapWord
	s.flexNote.Importance = widget.SuccessImportance
	s.flexNote.Hide()
	s.readiness = container.NewVBox()
	s.progress = container.NewVBox()
	s.plan = container.NewVBox()
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Readiness", theme.AccountIcon(), container.NewVScroll(s.readiness)),
		container.NewTabItemWithIcon("Progress", theme.InfoIcon(), container.NewVScroll(s.progress)),
		container.NewTabItemWithIcon("Plan", theme.DocumentIcon(), container.NewVScroll(s.plan)),
	)
	s.notes = screen.NewCoachNotes()
	head := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewVBox(s.editBtn), s.title),
		s.when,
		s.notes.Content(),
	)
	s.detail = container.NewBorder(head, nil, nil, nil, s.tabs)

	right := s.Init(ws, win, s.detail, screen.Loader[*unitsData]{
		What:    "The units",
		Follows: s.follows,
		Read:    s.read,
		Show:    s.show,
		Failed:  s.onLoadFailed,
		// Revisiting reads nothing unless something it follows changed.
		KeepShown: true,
		Settled: func() {
			if s.loaded != nil {
				s.loaded()
			}
		},
	})

	split := container.NewHSplit(left, container.NewPadded(right))
	split.Offset = 0.26
	top := container.NewVBox(
		// Padded as the other screens' top rows are: New unit stands off
		// the window's edge, in line with the toolbar above it.
		container.NewPadded(container.NewBorder(nil, nil, nil, s.newBtn, s.summary)),
		container.NewHScroll(s.calendar),
		widget.NewSeparator(),
	)
	s.main = container.NewBorder(top, nil, nil, nil, split)
	s.content = container.NewStack(s.main)
	s.SetView(s.content)
	if s.WS.ReadOnly() {
		// A review: the units can be read, not planned.
		for _, b := range []*widget.Button{s.newBtn, s.editBtn, s.upBtn, s.downBtn, s.dupBtn, s.delBtn, s.supportBtn} {
			b.Hide()
		}
		listActions.Hide()
	}
	s.ShowNotice("Loading…")
	s.updateActions()
}

// Content returns the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// Refresh shows the screen again. What it shows is read again only when
// a change it follows was announced since; the coach's notes on the unit
// shown, which a change of visit notes does not reload, are read again
// each time (a few lines).
func (s *Screen) Refresh() {
	if d := s.data; s.Current() && d != nil && d.unit != nil && d.graph != nil {
		s.notes.Show(s.store, d.continuumID, continuum.OnUnit, d.unit.Title)
	}
	s.Base.Refresh()
}

// FocusFirst puts the focus where work starts: the bar of the unit shown
// on the calendar, or New unit when there is none. It waits for a load
// under way.
func (s *Screen) FocusFirst() {
	if s.Loading() {
		s.WhenLoaded(s.FocusFirst)
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(s.content)
	if c == nil {
		return
	}
	switch b := s.calendar.Bar(s.selected); {
	case b != nil:
		c.Focus(b)
	case !s.newBtn.Disabled() && s.newBtn.Visible():
		c.Focus(s.newBtn)
	default:
		c.Unfocus() // nothing to work on here until a continuum is chosen
	}
}

// ShowUnit opens the unit whose title (case-insensitively) or ID is
// nameOrID. A unit the continuum does not have is said so on the screen.
func (s *Screen) ShowUnit(nameOrID string) {
	s.wanted = strings.TrimSpace(nameOrID)
	s.Load()
}

// follows reports whether a change touches what the screen shows: the
// units, targets or evidence of the continuum chosen, the continua, the
// choice, the roster.
func (s *Screen) follows(c screen.Change) bool {
	switch c.Kind {
	case screen.UnitsChanged, screen.TargetsChanged, screen.EvidenceChanged:
		if c.Continuum != "" && c.Continuum != s.WS.Continuum() {
			return false
		}
	case screen.ContinuaChanged, screen.SelectionChanged, screen.RosterChanged:
	default:
		return false
	}
	return true
}

// read takes what a load is asked for, on the UI goroutine, and returns
// the work that reads the continuum, its units and its class and works
// out the readiness and progress of the unit to show.
func (s *Screen) read() func(ctx context.Context) (*unitsData, error) {
	req := unitsRequest{continuumID: s.WS.Continuum(), selected: s.selected, wanted: s.wanted, today: s.WS.Today()}
	s.wanted = ""
	store := s.store
	return func(ctx context.Context) (*unitsData, error) { return readUnits(ctx, store, req) }
}

// readUnits does the reading and the working out of a load; it touches no widget.
func readUnits(ctx context.Context, store Store, req unitsRequest) (*unitsData, error) {
	d := &unitsData{continuumID: req.continuumID, today: req.today}
	if req.continuumID == "" {
		return d, nil
	}
	g, err := store.Graph(ctx, req.continuumID)
	if errors.Is(err, continuum.ErrNotFound) {
		return d, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read continuum %s: %w", req.continuumID, err)
	}
	d.graph = g
	if d.units, err = store.Units(ctx, req.continuumID); err != nil {
		return nil, fmt.Errorf("read the units of %s: %w", g.Continuum.Name, err)
	}
	var u continuum.Unit
	var ok bool
	if req.wanted != "" {
		if u, ok = continuum.FindUnit(d.units, req.wanted); !ok {
			d.missing = req.wanted
		}
	}
	if !ok && req.selected != "" {
		u, ok = unitByID(d.units, req.selected)
	}
	if !ok && d.missing == "" {
		u, ok = unitNow(d.units, req.today)
	}
	if !ok {
		return d, nil
	}
	d.unit = &u
	d.readyOn = u.Start
	if req.today.Before(d.readyOn) {
		d.readyOn = req.today
	}
	// Only a unit shown needs the class, for its readiness and progress;
	// of it the screen keeps the students it lists, not the evidence (a
	// district's is 56 MB).
	class, err := readUnitClass(ctx, store, req.continuumID)
	if err != nil {
		return nil, fmt.Errorf("read the class of %s: %w", g.Continuum.Name, err)
	}
	d.class = continuum.Class{Students: class.Students}
	now := g.ClassPositions(class, req.today)
	before := now
	if d.readyOn != req.today {
		before = g.ClassPositions(class, d.readyOn)
	}
	d.readiness = g.UnitReadiness(u, before)
	d.progress = g.UnitProgress(u, now)
	d.checkpoints = g.CheckpointStates(u, class.Students, class.Evidence, req.today)
	return d, nil
}

// readUnitClass reads the class of continuum cid: the students still in
// it, their evidence and overrides.
func readUnitClass(ctx context.Context, store continuum.ClassReader, cid string) (continuum.Class, error) {
	var class continuum.Class
	var err error
	if class.Students, err = store.Students(ctx); err != nil {
		return class, err
	}
	// Students who have left the class are not counted ready or not.
	class.Students = slices.DeleteFunc(class.Students, func(st continuum.Student) bool { return st.Inactive })
	if class.Evidence, err = store.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid}); err != nil {
		return class, err
	}
	if class.Overrides, err = store.Overrides(ctx, cid, ""); err != nil {
		return class, err
	}
	return class, nil
}

// unitByID finds the unit with id.
func unitByID(units []continuum.Unit, id string) (continuum.Unit, bool) {
	for _, u := range units {
		if strings.EqualFold(u.ID, id) {
			return u, true
		}
	}
	return continuum.Unit{}, false
}

// unitNow is the unit a teacher most likely wants on day: the one under
// way, else the next to start, else the last.
func unitNow(units []continuum.Unit, day continuum.Date) (continuum.Unit, bool) {
	if len(units) == 0 {
		return continuum.Unit{}, false
	}
	var next *continuum.Unit
	for i, u := range units {
		if !day.Before(u.Start) && !day.After(u.End) {
			return u, true
		}
		if u.Start.After(day) && (next == nil || u.Start.Before(next.Start)) {
			next = &units[i]
		}
	}
	if next != nil {
		return *next, true
	}
	return units[len(units)-1], true
}

// show shows what a load read and worked out.
func (s *Screen) show(d *unitsData) {
	s.data = d
	s.selected = ""
	if d.unit != nil {
		s.selected = d.unit.ID
	}
	s.showUnits(d)
	switch {
	case d.graph == nil:
		s.ShowNotice("No continuum is chosen.\nChoose one at the top, or build one on the Continuum screen.")
	case d.missing != "":
		s.ShowNotice(fmt.Sprintf("%s has no unit called “%s”.\nChoose a unit on the left or on the calendar.", d.graph.Continuum.Name, d.missing))
	case len(d.units) == 0 && s.WS.ReadOnly():
		s.ShowNotice(d.graph.Continuum.Name + " has no units.")
	case len(d.units) == 0:
		s.ShowNotice(fmt.Sprintf("%s has no units yet.\nA unit is a stretch of weeks that teaches a set of targets: start one with New unit.", d.graph.Continuum.Name))
	case d.unit == nil:
		s.ShowNotice("Choose a unit on the left or on the calendar.")
	default:
		s.showUnit(d)
	}
	s.updateActions()
}

// onLoadFailed says the units could not be read, whatever the reason.
func (s *Screen) onLoadFailed(err error) {
	s.ShowNotice("The units could not be read: " + continuum.ErrorMessage(err))
	screen.ShowError(s.Win, err)
}

// showUnits fills the summary, the calendar and the list.
func (s *Screen) showUnits(d *unitsData) {
	s.summary.SetText(unitsSummary(d))
	var cal []widgets.TermUnit
	if d.graph != nil {
		for _, u := range d.units {
			cal = append(cal, unitOnCalendar(d.graph, u))
		}
	}
	s.calendar.SetUnits(cal)
	s.calendar.SetToday(d.today)
	s.calendar.SetSelected(s.selected)
	s.list.Refresh()
	if i := slices.IndexFunc(d.units, func(u continuum.Unit) bool { return u.ID == s.selected }); i >= 0 {
		s.list.Select(i)
	} else {
		s.list.UnselectAll()
	}
}

// unitOnCalendar is how the calendar draws u: the milestone targets it
// teaches on the day they are assessed (or the unit's last day), and its
// other checkpoints.
func unitOnCalendar(g *continuum.Graph, u continuum.Unit) widgets.TermUnit {
	tu := widgets.TermUnit{ID: u.ID, Title: u.Title, Start: u.Start, End: u.End}
	onMilestone := map[int]bool{}
	for _, code := range u.Targets {
		t, ok := g.Target(code)
		if !ok || !t.Milestone {
			continue
		}
		day := u.End
		for k, cp := range u.Checkpoints {
			if continuum.SameCode(cp.Target, t.Code) && !onMilestone[k] {
				day, onMilestone[k] = cp.Date, true
				break
			}
		}
		tu.Milestones = append(tu.Milestones, widgets.TermMark{Date: day, Label: t.Code})
	}
	for k, cp := range u.Checkpoints {
		if !onMilestone[k] {
			tu.Checkpoints = append(tu.Checkpoints, widgets.TermMark{Date: cp.Date, Label: cp.Target})
		}
	}
	return tu
}

// unitsSummary is the line over the calendar: how many units, over which
// weeks, and how many weeks have none.
func unitsSummary(d *unitsData) string {
	if d.graph == nil {
		return ""
	}
	if len(d.units) == 0 {
		return "No units planned for " + d.graph.Continuum.Name + " yet."
	}
	first, last := d.units[0].Start, d.units[0].End
	for _, u := range d.units {
		if u.Start.Before(first) {
			first = u.Start
		}
		if u.End.After(last) {
			last = u.End
		}
	}
	text := fmt.Sprintf("%s · %s to %s", continuum.Plural(len(d.units), "unit", "units"), first.Long(), last.Long())
	empty, overlap := unitsWeekCounts(d.units)
	if empty > 0 {
		text += " · " + continuum.Plural(empty, "week", "weeks") + " with no unit"
	}
	if overlap > 0 {
		text += " · " + continuum.Plural(overlap, "week", "weeks") + " where units overlap"
	}
	return text
}

func (s *Screen) units() []continuum.Unit {
	if s.data == nil {
		return nil
	}
	return s.data.units
}

func (s *Screen) unitCount() int { return len(s.units()) }

func (s *Screen) createRow() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	about := widget.NewLabel("")
	about.SizeName = theme.SizeNameCaptionText
	about.Truncation = fyne.TextTruncateEllipsis
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), title, about)
}

func (s *Screen) updateRow(i widget.ListItemID, o fyne.CanvasObject) {
	units := s.units()
	if i < 0 || i >= len(units) {
		return
	}
	u := units[i]
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(fmt.Sprintf("%d. %s", i+1, u.Title))
	box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s", unitDates(u), continuum.Plural(len(u.Targets), "target", "targets")))
}

// unitDates writes a unit's span briefly: "Nov 30 – Dec 18, 2026".
func unitDates(u continuum.Unit) string {
	if u.Start.Year() == u.End.Year() {
		return u.Start.MonthDay() + " – " + u.End.Long()
	}
	return u.Start.Long() + " – " + u.End.Long()
}

// unitMonday returns the Monday of d's week.
func unitMonday(d continuum.Date) continuum.Date {
	return d.AddDays(-((int(d.Time().Weekday()) + 6) % 7))
}

// unitWeeks counts the school weeks a unit spans.
func unitWeeks(u continuum.Unit) int {
	return unitMonday(u.End).DaysSince(unitMonday(u.Start))/7 + 1
}

// unitsWeekCounts counts, from the first unit's week to the last unit's,
// the weeks with no unit and the weeks two or more units share (a week
// counts for a unit when the unit has a school day in it).
func unitsWeekCounts(units []continuum.Unit) (empty, overlap int) {
	if len(units) == 0 {
		return 0, 0
	}
	first, last := unitMonday(units[0].Start), unitMonday(units[0].End)
	for _, u := range units {
		if m := unitMonday(u.Start); m.Before(first) {
			first = m
		}
		if m := unitMonday(u.End); m.After(last) {
			last = m
		}
	}
	for mon := first; !mon.After(last); mon = mon.AddDays(7) {
		n := 0
		for _, u := range units {
			if !u.Start.After(mon.AddDays(4)) && !u.End.Before(mon) {
				n++
			}
		}
		switch {
		case n == 0:
			empty++
		case n > 1:
			overlap++
		}
	}
	return empty, overlap
}

func (s *Screen) onListSelected(i widget.ListItemID) {
	units := s.units()
	if i >= 0 && i < len(units) {
		s.onUnitChosen(units[i].ID)
	}
}

// onUnitTapped opens the unit whose bar was tapped on the calendar.
func (s *Screen) onUnitTapped(id string) { s.onUnitChosen(id) }

func (s *Screen) onUnitChosen(id string) {
	if id == s.selected && s.data != nil && s.data.unit != nil {
		return
	}
	s.selected = id
	s.flexNote.Hide()
	s.Load()
}

// updateActions enables what applies to the unit shown.
func (s *Screen) updateActions() {
	units := s.units()
	i := slices.IndexFunc(units, func(u continuum.Unit) bool { return u.ID == s.selected })
	has := s.data != nil && s.data.graph != nil
	unitsEnable(s.newBtn, has && len(s.data.graph.Targets) > 0)
	unitsEnable(s.editBtn, i >= 0)
	unitsEnable(s.dupBtn, i >= 0)
	unitsEnable(s.delBtn, i >= 0)
	unitsEnable(s.upBtn, i > 0)
	unitsEnable(s.downBtn, i >= 0 && i < len(units)-1)
}

func unitsEnable(b *widget.Button, on bool) {
	if on {
		b.Enable()
	} else {
		b.Disable()
	}
}

// showUnit fills the detail with the unit's readiness, progress and plan.
func (s *Screen) showUnit(d *unitsData) {
	u := *d.unit
	s.HideNotice()
	s.title.SetText(u.Title)
	s.when.SetText(unitWhen(u, d.today))
	s.readiness.Objects = s.readinessView(d)
	s.readiness.Refresh()
	s.progress.Objects = unitProgressView(d)
	s.progress.Refresh()
	s.plan.Objects = unitPlanView(d.graph, u)
	s.plan.Refresh()
	s.notes.Show(s.store, d.continuumID, continuum.OnUnit, u.Title)
	if s.tabFor != u.ID {
		// A unit still to come opens on its readiness, one under way or
		// past on its progress; the teacher's own choice then stays.
		s.tabFor = u.ID
		if d.today.Before(u.Start) {
			s.tabs.SelectIndex(0)
		} else {
			s.tabs.SelectIndex(1)
		}
	}
	s.detail.Refresh()
}

// unitWhen says when the unit runs and where today stands: "Nov 30 –
// Dec 18, 2026 · 3 weeks · 5 targets · starts in 1 week".
func unitWhen(u continuum.Unit, today continuum.Date) string {
	parts := []string{unitDates(u), continuum.Plural(unitWeeks(u), "week", "weeks"), continuum.Plural(len(u.Targets), "target", "targets")}
	switch {
	case today.Before(u.Start):
		days := u.Start.DaysSince(today)
		if days < 7 {
			parts = append(parts, "starts in "+continuum.Plural(days, "day", "days"))
		} else {
			parts = append(parts, "starts in "+continuum.Plural(days/7, "week", "weeks"))
		}
	case today.After(u.End):
		parts = append(parts, "finished")
	default:
		parts = append(parts, fmt.Sprintf("under way: week %d of %d", unitMonday(today).DaysSince(unitMonday(u.Start))/7+1, unitWeeks(u)))
	}
	return strings.Join(parts, " · ")
}

// onNewUnit opens the editor on a new unit, starting the Monday after the
// last unit ends (or the next Monday) and lasting three weeks.
func (s *Screen) onNewUnit() {
	d := s.data
	if d == nil || d.graph == nil || s.WS.ReadOnly() {
		return
	}
	start := d.today
	order := 1
	for _, u := range d.units {
		if u.End.After(start) {
			start = u.End
		}
		order = max(order, u.Order+1)
	}
	start = start.AddDays(1)
	for start.Time().Weekday() != 1 {
		start = start.AddDays(1)
	}
	u := continuum.Unit{Continuum: d.continuumID, Order: order, Start: start, End: start.AddDays(18)}
	s.editor = newUnitEditor(s, d.graph, d.units, nil, u)
	s.editor.Show()
}

// onEdit opens the editor on the unit shown.
func (s *Screen) onEdit() {
	d := s.data
	if d == nil || d.graph == nil || d.unit == nil || s.WS.ReadOnly() {
		return
	}
	u := unitClone(*d.unit)
	s.editor = newUnitEditor(s, d.graph, d.units, d.unit, u)
	s.editor.Show()
}

// unitClone copies u so that changing the copy leaves u alone.
func unitClone(u continuum.Unit) continuum.Unit {
	u.Targets = slices.Clone(u.Targets)
	u.Experiences = slices.Clone(u.Experiences)
	for i := range u.Experiences {
		u.Experiences[i].Targets = slices.Clone(u.Experiences[i].Targets)
	}
	u.Checkpoints = slices.Clone(u.Checkpoints)
	return u
}

// onMove moves the unit shown one place earlier (-1) or later (+1) in the
// order of units.
func (s *Screen) onMove(delta int) {
	units := s.units()
	i := slices.IndexFunc(units, func(u continuum.Unit) bool { return u.ID == s.selected })
	j := i + delta
	if i < 0 || j < 0 || j >= len(units) {
		return
	}
	after := make([]continuum.Unit, len(units))
	copy(after, units)
	after[i], after[j] = after[j], after[i]
	unitsRenumber(after)
	word := "earlier"
	if delta > 0 {
		word = "later"
	}
	s.commit(fmt.Sprintf("moving “%s” %s", units[i].Title, word), units, after, units[i].ID)
}

// unitsRenumber sets every unit's Order to its place in units, from 1.
func unitsRenumber(units []continuum.Unit) {
	for k := range units {
		units[k].Order = k + 1
	}
}

// onDuplicate copies the unit shown, with a new ID and "(copy)" in its
// title, and places the copy right after it.
func (s *Screen) onDuplicate() {
	units := s.units()
	i := slices.IndexFunc(units, func(u continuum.Unit) bool { return u.ID == s.selected })
	if i < 0 {
		return
	}
	cp := unitClone(units[i])
	cp.ID = unitFreeID(units[i].ID+"-copy", func(id string) bool { _, ok := unitByID(units, id); return ok })
	cp.Title = units[i].Title + " (copy)"
	for n := 2; slices.ContainsFunc(units, func(u continuum.Unit) bool { return strings.EqualFold(u.Title, cp.Title) }); n++ {
		cp.Title = fmt.Sprintf("%s (copy %d)", units[i].Title, n)
	}
	after := slices.Insert(slices.Clone(units), i+1, cp)
	unitsRenumber(after)
	s.commit("duplicate of “"+units[i].Title+"”", units, after, cp.ID)
}

// onDelete asks, then deletes the unit shown.
func (s *Screen) onDelete() {
	units := s.units()
	i := slices.IndexFunc(units, func(u continuum.Unit) bool { return u.ID == s.selected })
	if i < 0 || s.WS.ReadOnly() {
		return
	}
	u := units[i]
	msg := fmt.Sprintf("Delete the unit “%s” (%s)? Its plan goes with it: %s, %s and %s. The evidence recorded during it stays. Undo brings the unit back.",
		u.Title, unitDates(u), continuum.Plural(len(u.Targets), "target", "targets"),
		continuum.Plural(len(u.Experiences), "learning experience", "learning experiences"), continuum.Plural(len(u.Checkpoints), "checkpoint", "checkpoints"))
	s.confirmDanger("Delete unit?", msg, "Delete unit", func() {
		after := slices.Delete(slices.Clone(units), i, i+1)
		next := ""
		if len(after) > 0 {
			next = after[min(i, len(after)-1)].ID
		}
		s.commit("deletion of unit “"+u.Title+"”", units, after, next)
	})
}

// confirmDanger asks before a change that removes something; Escape or
// Cancel keeps it.
func (s *Screen) confirmDanger(title, message, action string, onConfirm func()) {
	d := widgets.ShowConfirmation(s.Win, title, message, action, onConfirm)
	s.confirm = d
}

// commit stores the continuum's units as after in place of before, as one
// change the teacher can undo, and shows the unit with ID show.
func (s *Screen) commit(label string, before, after []continuum.Unit, show string) {
	cid := s.data.continuumID
	store := s.store
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, unitsApply(ctx, store, cid, before, after)
	}, func(struct{}) {
		s.selected = show
		s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if err := unitsApply(ctx, store, cid, after, before); err != nil {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.UnitsChanged, Continuum: cid},
		})
	}, func(err error) {
		screen.ShowError(s.Win, fmt.Errorf("%s: %w", label, err))
		s.Load()
	})
}

// unitsApply changes the stored units from before to after: it deletes
// the units after lacks, then puts those that are new or changed.
func unitsApply(ctx context.Context, store continuum.UnitStore, cid string, before, after []continuum.Unit) error {
	for _, b := range before {
		if _, ok := unitByID(after, b.ID); !ok {
			if err := store.DeleteUnit(ctx, cid, b.ID); err != nil && !errors.Is(err, continuum.ErrNotFound) {
				return err
			}
		}
	}
	for _, a := range after {
		if b, ok := unitByID(before, a.ID); ok && unitsSame(a, b) {
			continue
		}
		if err := store.PutUnit(ctx, a); err != nil {
			return err
		}
	}
	return nil
}

// unitsSame reports whether two units are stored alike.
func unitsSame(a, b continuum.Unit) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}
