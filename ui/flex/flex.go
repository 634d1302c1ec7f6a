package flex

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/render"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Screen is the flex-time screen. A week of blocks sits at the top;
// below it, the chosen block's planner: a column per offering listing the
// students placed in it, each with their tier and the one-line reason,
// and a column of the students with no place. Suggest proposes a place
// for everyone from their positions on the block's day; the teacher moves
// students by hand (which pins them) and Re-suggest places the others
// around them; nothing is stored until Save placements. After the block,
// the Attendance view records who came and a quick outcome. Blocks are
// created, edited, duplicated and deleted here, and every stored change
// can be undone. continuum-planner --view flex opens it.
type Screen struct {
	screen.Base[flexData]
	store Store

	cid      string
	graph    *continuum.Graph
	students []continuum.Student // the roster, by group, then name
	blocks   []continuum.FlexBlock
	monday   continuum.Date // the week shown
	weekSet  bool           // the week was chosen, by the teacher or by the first load
	blockID  string         // the block chosen, "" for none
	plan     *flexPlan      // the placements shown for the chosen block
	picked   string         // ID of the student selected in the planner, "" for none
	moveTier continuum.Tier // the tier a student moved by hand gets
	attend   bool           // the Attendance view is shown rather than the placements

	suggesting bool
	own        int // >0 while announcing a change this screen made and has already shown

	week        *widgets.WeekView
	weekLabel   *widget.Label
	prevBtn     *widget.Button
	nextBtn     *widget.Button
	thisWeekBtn *widget.Button
	newBtn      *widget.Button
	blockTitle  *widget.Label
	blockInfo   *widget.Label
	editBtn     *widget.Button
	dupBtn      *widget.Button
	delBtn      *widget.Button
	placeBtn    *widget.Button
	attendBtn   *widget.Button
	suggestBtn  *widget.Button
	resuggest   *widget.Button
	saveBtn     *widget.Button
	rostersBtn  *widget.Button
	status      *widget.Label
	pickedLabel *widget.Label
	moveBtn     *widget.Button
	tierSelect  *widget.Select
	pickBar     *fyne.Container
	plannerTop  *fyne.Container
	planner     *fyne.Container
	planSep     *widget.Separator
	columns     *fyne.Container
	colScroll   *container.Scroll
	attendBox   *fyne.Container
	attendNote  *widget.Label
	attScroll   *container.Scroll
	rows        map[string]*flexStudentRow // by student ID, in the columns shown
	whole       map[string]bool            // columns listed in full past flexRowsShown, by flexColumnKey
	attendance  map[string]flexAttendance  // by student ID, in the attendance shown
	moveMenu    *fyne.Menu                 // the Move to… menu last opened
	blockPanel  *fyne.Container
	noBlock     *widget.Label
	main        *fyne.Container
	content     fyne.CanvasObject

	// chooseFile asks where to save a file (screen.ChooseSave) and hands
	// the path to onChosen; tests replace it to skip the dialog.
	chooseFile func(c screen.FileChoice, onChosen func(path string))
	// editor is the block dialog open, for tests.
	editor *flexBlockEditor
	// confirm is the confirmation dialog open, for tests.
	confirm *widgets.FormDialog
}

// flexPlan is the placement of every student in one block, as shown: the
// stored assignments, or a proposal with the teacher's moves.
type flexPlan struct {
	block    string                          // the block's ID
	placed   map[string]continuum.Assignment // by student ID; Offering is never ""
	unplaced map[string]string               // by student ID: why the student has no place
	dirty    bool                            // differs from what is stored
}

// flexData is what one load reads.
type flexData struct {
	cid      string
	graph    *continuum.Graph
	students []continuum.Student
	blocks   []continuum.FlexBlock
}

// New builds the flex planner on store, following the continuum chosen
// in ws, with its dialogs in win. It reads nothing until it is shown
// (Refresh).
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	p := &Screen{store: store, moveTier: continuum.TierRequired, rows: map[string]*flexStudentRow{}, whole: map[string]bool{}}
	p.chooseFile = func(c screen.FileChoice, onChosen func(string)) { screen.ChooseSave(p.Win, c, onChosen) }
	p.build(ws, win)
	return p
}

func (p *Screen) build(ws *screen.Workspace, win fyne.Window) {
	p.week = widgets.NewWeekView(p.onBlockChosen)
	p.weekLabel = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.prevBtn = widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { p.onWeek(-7) })
	p.nextBtn = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { p.onWeek(7) })
	p.thisWeekBtn = widget.NewButton("This week", p.onThisWeek)
	p.newBtn = widget.NewButtonWithIcon("New block…", theme.ContentAddIcon(), p.onNewBlock)
	weekBar := container.NewBorder(nil, nil,
		container.NewHBox(p.prevBtn, p.nextBtn, p.weekLabel), container.NewHBox(p.thisWeekBtn, p.newBtn))

	p.blockTitle = widget.NewLabel("")
	p.blockTitle.TextStyle.Bold = true
	p.blockTitle.SizeName = theme.SizeNameSubHeadingText
	p.blockInfo = widget.NewLabel("")
	p.blockInfo.Truncation = fyne.TextTruncateEllipsis
	p.editBtn = widget.NewButtonWithIcon("Edit…", theme.DocumentCreateIcon(), p.onEditBlock)
	p.dupBtn = widget.NewButtonWithIcon("Duplicate…", theme.ContentCopyIcon(), p.onDuplicateBlock)
	p.delBtn = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), p.onDeleteBlock)
	blockHead := container.NewBorder(nil, nil, p.blockTitle, container.NewHBox(p.editBtn, p.dupBtn, p.delBtn), p.blockInfo)

	p.placeBtn = widget.NewButtonWithIcon("Placements", theme.ListIcon(), func() { p.onShowAttendance(false) })
	p.attendBtn = widget.NewButtonWithIcon("Attendance", theme.ConfirmIcon(), func() { p.onShowAttendance(true) })
	p.planSep = widget.NewSeparator()
	p.suggestBtn = widget.NewButtonWithIcon("Suggest", theme.ViewRefreshIcon(), p.onSuggest)
	p.resuggest = widget.NewButtonWithIcon("Re-suggest", theme.ViewRefreshIcon(), p.onResuggest)
	p.saveBtn = widget.NewButtonWithIcon("Save placements", theme.DocumentSaveIcon(), p.onSavePlacements)
	p.rostersBtn = widget.NewButtonWithIcon("Save rosters…", theme.DownloadIcon(), p.onSaveRosters)
	p.status = widget.NewLabel("")
	p.status.TextStyle.Bold = true
	p.status.Truncation = fyne.TextTruncateEllipsis
	tools := container.NewBorder(nil, nil,
		container.NewHBox(p.placeBtn, p.attendBtn, p.planSep, p.suggestBtn, p.resuggest, p.saveBtn),
		p.rostersBtn)

	p.pickedLabel = widget.NewLabel("")
	// The selected student's whole reason: the rows cut theirs short.
	p.pickedLabel.Wrapping = fyne.TextWrapWord
	p.moveBtn = widget.NewButtonWithIcon("Move to…", theme.MenuDropDownIcon(), p.onMoveMenu)
	p.moveBtn.IconPlacement = widget.ButtonIconTrailingText
	p.tierSelect = widget.NewSelect(flexTierLabels(), p.onTierChosen)
	p.tierSelect.SetSelected(flexTierLabel(continuum.TierRequired))
	p.pickBar = container.NewBorder(nil, nil, nil,
		container.NewHBox(widget.NewLabel("as"), p.tierSelect, p.moveBtn), p.pickedLabel)

	p.columns = container.New(&flexColumnsLayout{})
	p.colScroll = container.NewScroll(p.columns)
	p.attendNote = widget.NewLabel("")
	p.attendNote.Wrapping = fyne.TextWrapWord
	p.attendBox = container.NewVBox()
	p.attScroll = container.NewVScroll(container.NewVBox(p.attendNote, p.attendBox))
	p.attScroll.Hide()

	p.noBlock = widget.NewLabel("")
	p.noBlock.Wrapping = fyne.TextWrapWord
	p.noBlock.Alignment = fyne.TextAlignCenter
	p.plannerTop = container.NewVBox(blockHead, tools, p.status, p.pickBar)
	p.planner = container.NewBorder(p.plannerTop, nil, nil, nil, container.NewStack(p.colScroll, p.attScroll))
	p.blockPanel = container.NewStack(p.planner, container.NewVBox(widget.NewLabel(""), p.noBlock))

	p.main = container.NewBorder(container.NewVBox(weekBar, p.week, widget.NewSeparator()), nil, nil, nil, p.blockPanel)
	p.content = container.NewPadded(p.Init(ws, win, p.main, screen.Loader[flexData]{
		What:    "The flex blocks",
		Follows: p.follows,
		Read:    p.read,
		Show:    p.show,
		// Revisiting reads nothing unless something it follows changed.
		KeepShown: true,
	}))
	p.SetView(p.content)
	p.ShowNotice("Loading…")
	if p.WS.ReadOnly() {
		// A review: blocks, placements and attendance can be read, not changed.
		for _, o := range p.editing() {
			o.Hide()
		}
		p.pickBar.Hide()
	}
	p.onShowAttendance(false)
}

// editing returns the controls that change blocks and placements, which a
// review hides.
func (p *Screen) editing() []fyne.CanvasObject {
	return []fyne.CanvasObject{p.newBtn, p.editBtn, p.dupBtn, p.delBtn, p.planSep, p.suggestBtn, p.resuggest, p.saveBtn}
}

// Content returns the screen's root object.
func (p *Screen) Content() fyne.CanvasObject { return p.content }

// FocusFirst puts the focus on the chosen block of the week, or on New block….
func (p *Screen) FocusFirst() {
	c := fyne.CurrentApp().Driver().CanvasForObject(p.week)
	if c == nil {
		return
	}
	if t := p.week.Tile(p.blockID); t != nil {
		c.Focus(t)
		return
	}
	if !p.WS.ReadOnly() {
		c.Focus(p.newBtn)
	}
}

// follows reports whether a change touches what the screen shows: its
// continuum, its blocks (unless this screen made the change and has shown
// it already), the targets, the roster. Another continuum chosen, or this
// one changed, also lets the next load choose the week again.
func (p *Screen) follows(c screen.Change) bool {
	switch c.Kind {
	case screen.SelectionChanged, screen.ContinuaChanged:
		if c.Kind == screen.SelectionChanged || c.Continuum == "" || c.Continuum == p.cid {
			p.weekSet = false
		}
		return true
	case screen.FlexChanged:
		return p.own == 0 && (c.Continuum == "" || c.Continuum == p.cid)
	case screen.TargetsChanged:
		return c.Continuum == "" || c.Continuum == p.cid
	case screen.RosterChanged:
		return true
	}
	return false
}

// did records a change this screen made and has already shown.
func (p *Screen) did(step screen.UndoStep) {
	p.own++
	defer func() { p.own-- }()
	p.WS.Did(step)
}

// read takes the continuum chosen and returns the work that reads it, the
// roster and the blocks off the UI goroutine.
func (p *Screen) read() func(ctx context.Context) (flexData, error) {
	cid := p.WS.Continuum()
	store := p.store
	return func(ctx context.Context) (flexData, error) {
		d := flexData{cid: cid}
		if cid == "" {
			return d, nil
		}
		var err error
		if d.graph, err = store.Graph(ctx, cid); err != nil {
			return d, fmt.Errorf("read continuum %s: %w", cid, err)
		}
		if d.students, err = store.Students(ctx); err != nil {
			return d, fmt.Errorf("read the roster: %w", err)
		}
		// Students who have left the class are placed nowhere.
		d.students = slices.DeleteFunc(d.students, func(st continuum.Student) bool { return st.Inactive })
		if d.blocks, err = store.FlexBlocks(ctx, cid); err != nil {
			return d, fmt.Errorf("read the flex blocks of %s: %w", d.graph.Continuum.Name, err)
		}
		return d, nil
	}
}

// show shows what a load read: the week, and the block chosen in it.
func (p *Screen) show(d flexData) {
	if d.cid != p.cid {
		p.plan, p.blockID, p.picked, p.weekSet = nil, "", "", false
	}
	p.cid, p.graph, p.students, p.blocks = d.cid, d.graph, d.students, d.blocks
	if d.cid == "" || d.graph == nil {
		p.ShowNotice("No continuum is chosen.\nChoose one at the top, or build one on the Continuum screen.")
		return
	}
	if !p.weekSet {
		p.monday = widgets.MondayOf(p.startDay())
		p.weekSet = true
	}
	if _, ok := p.block(p.blockID); !ok || !p.inWeek(p.blockID) {
		p.blockID = p.firstOfWeek()
	}
	p.HideNotice()
	p.syncPlan()
	p.showAll()
}

// startDay is the day whose week opens first: today when this week has a
// block, else the day of the next block, else of the last one.
func (p *Screen) startDay() continuum.Date {
	today := p.WS.Today()
	monday := widgets.MondayOf(today)
	var next, last continuum.Date
	for _, b := range p.blocks {
		if !b.Date.Before(monday) && b.Date.Before(monday.AddDays(7)) {
			return today
		}
		if b.Date.After(today) && (next.IsZero() || b.Date.Before(next)) {
			next = b.Date
		}
		if b.Date.Before(today) && (last.IsZero() || b.Date.After(last)) {
			last = b.Date
		}
	}
	switch {
	case !next.IsZero():
		return next
	case !last.IsZero():
		return last
	}
	return today
}

// block returns the stored block with id.
func (p *Screen) block(id string) (continuum.FlexBlock, bool) {
	for _, b := range p.blocks {
		if id != "" && b.ID == id {
			return b, true
		}
	}
	return continuum.FlexBlock{}, false
}

// current returns the chosen block.
func (p *Screen) current() (continuum.FlexBlock, bool) { return p.block(p.blockID) }

func (p *Screen) inWeek(id string) bool {
	b, ok := p.block(id)
	return ok && !b.Date.Before(p.monday) && b.Date.Before(p.monday.AddDays(7))
}

// firstOfWeek returns the ID of the first block of the week shown, or "".
func (p *Screen) firstOfWeek() string {
	for _, b := range p.blocks {
		if p.inWeek(b.ID) {
			return b.ID
		}
	}
	return ""
}

// putBlock replaces (or adds) a stored block in the screen's copy, in
// the store's order.
func (p *Screen) putBlock(b continuum.FlexBlock) {
	p.blocks = slices.DeleteFunc(p.blocks, func(o continuum.FlexBlock) bool { return o.ID == b.ID })
	p.blocks = append(p.blocks, b)
	slices.SortFunc(p.blocks, func(a, b continuum.FlexBlock) int {
		return cmp.Or(a.Date.Compare(b.Date), strings.Compare(a.Slot, b.Slot), strings.Compare(a.ID, b.ID))
	})
}

// syncPlan makes the plan that of the chosen block: the stored
// placements, unless the teacher has an unsaved proposal for it, which is
// kept (without what no longer exists).
func (p *Screen) syncPlan() {
	b, ok := p.current()
	if !ok {
		p.plan, p.picked = nil, ""
		return
	}
	if p.plan != nil && p.plan.block == b.ID && p.plan.dirty {
		for id, a := range p.plan.placed {
			if _, ok := b.Offering(a.Offering); !ok || !p.onRoster(id) {
				delete(p.plan.placed, id)
			}
		}
		return
	}
	pl := &flexPlan{block: b.ID, placed: map[string]continuum.Assignment{}, unplaced: map[string]string{}}
	for _, a := range b.Assignments {
		if _, ok := b.Offering(a.Offering); ok && p.onRoster(a.Student) {
			pl.placed[a.Student] = a
		}
	}
	if p.plan == nil || p.plan.block != b.ID {
		p.picked = ""
	}
	p.plan = pl
}

func (p *Screen) onRoster(id string) bool {
	return slices.ContainsFunc(p.students, func(s continuum.Student) bool { return s.ID == id })
}

// student returns the student with id.
func (p *Screen) student(id string) (continuum.Student, bool) {
	for _, s := range p.students {
		if s.ID == id {
			return s, true
		}
	}
	return continuum.Student{}, false
}

// showAll shows the week and the chosen block.
func (p *Screen) showAll() {
	p.showWeek()
	p.showBlock()
}

func (p *Screen) showWeek() {
	p.weekLabel.SetText("Week of " + p.monday.LongMonth())
	wb := make([]widgets.WeekBlock, len(p.blocks))
	for i, b := range p.blocks {
		w := widgets.WeekBlock{ID: b.ID, Date: b.Date, Slot: b.Slot, Minutes: b.Minutes, Offerings: len(b.Offerings)}
		for _, o := range b.Offerings {
			w.Capacity += o.Capacity
		}
		if p.plan != nil && p.plan.block == b.ID {
			w.Placed = len(p.plan.placed)
		} else {
			w.Placed = len(b.Assignments)
		}
		wb[i] = w
	}
	p.week.SetToday(p.WS.Today())
	p.week.SetWeek(p.monday, wb)
	p.week.SetSelected(p.blockID)
	// A week with blocks is taller than one without: place the planner
	// under it again.
	if p.main.Layout != nil {
		p.main.Layout.Layout(p.main.Objects, p.main.Size())
	}
}

// showBlock shows the chosen block's planner, or says there is none.
func (p *Screen) showBlock() {
	b, ok := p.current()
	if !ok {
		text := "No flex block this week.\nUse New block… to plan one, or move to another week."
		switch {
		case p.WS.ReadOnly() && len(p.blocks) == 0:
			text = p.graph.Continuum.Name + " has no flex blocks."
		case p.WS.ReadOnly():
			text = "No flex block this week.\nMove to another week to see one."
		case len(p.blocks) == 0:
			text = fmt.Sprintf("%s has no flex blocks yet.\nUse New block… to plan the first one.", p.graph.Continuum.Name)
		}
		p.noBlock.SetText(text)
		p.noBlock.Show()
		p.planner.Hide()
		for _, btn := range []*widget.Button{p.editBtn, p.dupBtn, p.delBtn} {
			btn.Disable()
		}
		return
	}
	p.noBlock.Hide()
	p.planner.Show()
	for _, btn := range []*widget.Button{p.editBtn, p.dupBtn, p.delBtn} {
		btn.Enable()
	}
	p.blockTitle.SetText(b.Slot)
	p.blockInfo.SetText(fmt.Sprintf("%s · %d min · %s", b.Date.Full(), b.Minutes,
		continuum.Plural(len(b.Offerings), "offering", "offerings")))
	if p.attend {
		p.showAttendance(b)
	} else {
		p.showPlacements(b)
	}
	p.updateTools()
}

// updateTools enables what can be done and says where the plan stands.
func (p *Screen) updateTools() {
	b, ok := p.current()
	enable := func(btn *widget.Button, on bool) {
		if on {
			btn.Enable()
		} else {
			btn.Disable()
		}
	}
	pinned := 0
	if p.plan != nil {
		for _, a := range p.plan.placed {
			if a.Fixed() {
				pinned++
			}
		}
	}
	enable(p.suggestBtn, ok && !p.suggesting && len(b.Offerings) > 0)
	enable(p.resuggest, ok && !p.suggesting && pinned > 0)
	enable(p.saveBtn, ok && p.plan != nil && p.plan.dirty)
	enable(p.rostersBtn, ok && len(b.Offerings) > 0)
	if !ok || p.plan == nil {
		p.status.SetText("")
		return
	}
	n := len(p.students)
	placed := len(p.plan.placed)
	var parts []string
	switch {
	case p.suggesting:
		parts = append(parts, "Suggesting…")
	case p.plan.dirty:
		parts = append(parts, "Proposal, not saved")
	case placed > 0:
		parts = append(parts, "Saved")
	case p.WS.ReadOnly():
		parts = append(parts, "Nobody placed yet")
	default:
		parts = append(parts, "Nobody placed yet: Suggest proposes a place for every student")
	}
	if placed > 0 || p.plan.dirty {
		parts = append(parts, fmt.Sprintf("%d of %s placed", placed, continuum.Plural(n, "student", "students")))
		if pinned > 0 {
			parts = append(parts, fmt.Sprintf("%d pinned", pinned))
		}
	}
	for _, o := range b.Offerings {
		if c := p.count(o.ID); c > o.Capacity {
			parts = append(parts, fmt.Sprintf("%s is over capacity (%d / %d)", o.Title, c, o.Capacity))
		}
	}
	p.status.SetText(strings.Join(parts, " · "))
}

// count returns how many students the plan places in offering id.
func (p *Screen) count(id string) int {
	n := 0
	if p.plan == nil {
		return 0
	}
	for _, a := range p.plan.placed {
		if strings.EqualFold(a.Offering, id) {
			n++
		}
	}
	return n
}

// showPlacements lays out a column per offering and one of the students
// with no place.
func (p *Screen) showPlacements(b continuum.FlexBlock) {
	focused := p.focusedStudent()
	clear(p.rows)
	cols := make([]fyne.CanvasObject, 0, len(b.Offerings)+1)
	for i, o := range b.Offerings {
		var members []flexMember
		for id, a := range p.plan.placed {
			if strings.EqualFold(a.Offering, o.ID) {
				if st, ok := p.student(id); ok {
					members = append(members, flexMember{student: st, a: a})
				}
			}
		}
		slices.SortFunc(members, func(x, y flexMember) int {
			return cmp.Or(cmp.Compare(y.a.Tier, x.a.Tier), flexByName(x.student, y.student))
		})
		cols = append(cols, p.offeringColumn(i, o, members))
	}
	var rest []flexMember
	for _, st := range p.students {
		if _, ok := p.plan.placed[st.ID]; ok {
			continue
		}
		why, ok := p.plan.unplaced[st.ID]
		if !ok {
			why = "Not placed yet"
		}
		rest = append(rest, flexMember{student: st, a: continuum.Assignment{Student: st.ID, Reason: why}})
	}
	slices.SortFunc(rest, func(x, y flexMember) int { return flexByName(x.student, y.student) })
	cols = append(cols, p.unplacedColumn(len(b.Offerings), rest))
	p.columns.Objects = cols
	p.columns.Refresh()
	p.colScroll.Refresh()
	if _, ok := p.rows[p.picked]; !ok {
		p.picked = ""
	}
	p.showPicked()
	if r, ok := p.rows[focused]; ok {
		p.focus(r)
	}
}

// flexMember is one student in a column.
type flexMember struct {
	student continuum.Student
	a       continuum.Assignment
}

func flexByName(a, b continuum.Student) int {
	return cmp.Or(strings.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), strings.Compare(a.ID, b.ID))
}

// offeringColumn is the column of offering o, the i-th of the block.
func (p *Screen) offeringColumn(i int, o continuum.Offering, members []flexMember) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(o.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	key := widget.NewLabelWithStyle(fmt.Sprint(i+1), fyne.TextAlignCenter, fyne.TextStyle{Monospace: true})
	count := widget.NewLabelWithStyle(fmt.Sprintf("%d / %d", len(members), o.Capacity), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	if len(members) > o.Capacity {
		count.Importance = widget.DangerImportance
	}
	about := []string{o.Kind.Label()}
	var where []string
	if o.Teacher != "" {
		where = append(where, o.Teacher)
	}
	if o.Room != "" {
		where = append(where, flexRoom(o.Room))
	}
	if len(where) > 0 {
		about = append(about, strings.Join(where, " · "))
	}
	if len(o.Focus) > 0 {
		about = append(about, "Focus "+strings.Join(o.Focus, ", "))
	}
	// The key and the seats taken sit above the title, which then has the
	// column's whole width to wrap in, word by word.
	head := container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), container.NewBorder(nil, nil, key, count), title)
	return p.column(head, flexCaption(strings.Join(about, "\n")), members, i)
}

// unplacedColumn is the column of the students with no place.
func (p *Screen) unplacedColumn(col int, members []flexMember) fyne.CanvasObject {
	title := widget.NewLabelWithStyle("Unplaced", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	count := widget.NewLabelWithStyle(fmt.Sprint(len(members)), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	return p.column(container.NewBorder(nil, nil, nil, count, title), flexCaption("Students with no place, and why"), members, col)
}

// column stacks a heading (a title line over lines about the offering)
// over the rows of members, on a quiet background.
func (p *Screen) column(title fyne.CanvasObject, about *widget.Label, members []flexMember, col int) fyne.CanvasObject {
	head := container.New(&flexHeadLayout{p: p}, title, about)
	shown, key := members, p.flexColumnKey(col)
	if len(members) > flexRowsShown+flexRowsShown/2 && !p.whole[key] {
		shown = members[:flexRowsShown]
	}
	// The rows go in at once: adding them one by one lays the column out
	// after each, which for a district's 2,000 unplaced students took
	// seconds (every row measured again at every add).
	objs := make([]fyne.CanvasObject, 0, len(shown)+1)
	for k, m := range shown {
		r := newFlexStudentRow(p, m, col, k)
		p.rows[m.student.ID] = r
		objs = append(objs, r)
	}
	if len(members) == 0 {
		none := flexCaption("Nobody")
		none.TextStyle.Italic = true
		objs = append(objs, none)
	}
	if len(shown) < len(members) {
		objs = append(objs, widget.NewButton(fmt.Sprintf("Show all %d", len(members)), func() {
			p.whole[key] = true
			p.showBlock()
		}))
	}
	rows := container.NewVBox(objs...)
	body := container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, rows)
	return newFlexPanel(head, body)
}

// flexRowsShown is how many students a long column lists before its
// "Show all" button: a district's block puts 2,000 students in one
// column, and a row each (built, measured, drawn) took seconds and over
// 100 MB. A column only a half longer is listed whole.
const flexRowsShown = 100

// flexColumnKey names column col of the block shown, for p.whole.
func (p *Screen) flexColumnKey(col int) string { return p.blockID + "/" + strconv.Itoa(col) }

// flexCaption is small text, each line cut short with "…" when too long.
func flexCaption(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.SizeName = theme.SizeNameCaptionText
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// flexRoom writes a room as people say it: "Room 204", but "Library".
func flexRoom(room string) string {
	if r := room[0]; r >= '0' && r <= '9' {
		return "Room " + room
	}
	return room
}

// focusedStudent returns the ID of the student whose row has the focus, or "".
func (p *Screen) focusedStudent() string {
	c := fyne.CurrentApp().Driver().CanvasForObject(p.columns)
	if c == nil {
		return ""
	}
	if r, ok := c.Focused().(*flexStudentRow); ok {
		return r.m.student.ID
	}
	return ""
}

func (p *Screen) focus(o fyne.Focusable) {
	if c := fyne.CurrentApp().Driver().CanvasForObject(p.columns); c != nil {
		c.Focus(o)
	}
}

// onPick selects a student (again: deselects).
func (p *Screen) onPick(id string) {
	if p.picked == id {
		id = ""
	}
	p.picked = id
	p.showPicked()
}

// showPicked marks the selected row and says who is selected.
func (p *Screen) showPicked() {
	for id, r := range p.rows {
		r.setSelected(id == p.picked)
	}
	b, _ := p.current()
	n := min(len(b.Offerings), 9)
	if p.picked == "" {
		p.pickedLabel.SetText(fmt.Sprintf("Select a student to move them by hand: keys 1–%d or Move to…", n))
		p.moveBtn.Disable()
		return
	}
	st, _ := p.student(p.picked)
	where := "no place"
	a, placed := p.plan.placed[p.picked]
	if placed {
		if o, ok := b.Offering(a.Offering); ok {
			where = o.Title + " (" + a.Tier.String() + ")"
		}
	}
	p.pickedLabel.SetText(fmt.Sprintf("%s — %s: %s", st.Name, where, p.reasonOf(p.picked)))
	p.moveBtn.Enable()
}

func (p *Screen) reasonOf(id string) string {
	if a, ok := p.plan.placed[id]; ok {
		return a.Reason
	}
	if why, ok := p.plan.unplaced[id]; ok {
		return why
	}
	return "Not placed yet"
}

func (p *Screen) onTierChosen(label string) {
	for _, t := range flexTiers {
		if flexTierLabel(t) == label {
			p.moveTier = t
		}
	}
}

// onMoveMenu opens the Move to… menu for the selected student.
func (p *Screen) onMoveMenu() {
	b, ok := p.current()
	if !ok || p.picked == "" || p.WS.ReadOnly() {
		return
	}
	id := p.picked
	var items []*fyne.MenuItem
	for i, o := range b.Offerings {
		label := fmt.Sprintf("%s  (%d / %d)", o.Title, p.count(o.ID), o.Capacity)
		if i < 9 {
			label = fmt.Sprintf("%d  %s", i+1, label)
		}
		items = append(items, fyne.NewMenuItem(label, func() { p.onMove(id, i) }))
	}
	if _, placed := p.plan.placed[id]; placed {
		items = append(items, fyne.NewMenuItemSeparator(),
			fyne.NewMenuItem("Take out (Re-suggest places them by need)", func() { p.onTakeOut(id) }))
	}
	p.moveMenu = fyne.NewMenu("", items...)
	widget.ShowPopUpMenuAtRelativePosition(p.moveMenu, p.Win.Canvas(), fyne.NewPos(0, p.moveBtn.Size().Height), p.moveBtn)
}

// onMove places a student in the offering at index by hand: the
// placement is pinned, at the tier chosen, and the teacher's own.
func (p *Screen) onMove(id string, index int) {
	b, ok := p.current()
	if !ok || p.plan == nil || index < 0 || index >= len(b.Offerings) || p.WS.ReadOnly() {
		return
	}
	o := b.Offerings[index]
	a := continuum.Assignment{Student: id, Offering: o.ID, Tier: p.moveTier, Pinned: true, Reason: "Placed by the teacher"}
	if old, ok := p.plan.placed[id]; ok && strings.EqualFold(old.Offering, o.ID) {
		a.Attended, a.Outcome = old.Attended, old.Outcome
	}
	p.plan.placed[id] = a
	delete(p.plan.unplaced, id)
	p.plan.dirty = true
	p.picked = id
	p.showWeek()
	p.showBlock()
	if r, ok := p.rows[id]; ok {
		p.focus(r)
	}
}

// onTakeOut removes a student's placement from the plan.
func (p *Screen) onTakeOut(id string) {
	if p.plan == nil || p.WS.ReadOnly() {
		return
	}
	delete(p.plan.placed, id)
	p.plan.unplaced[id] = "Taken out by the teacher: Re-suggest places them by need"
	p.plan.dirty = true
	p.showWeek()
	p.showBlock()
}

// onSuggest proposes a place for every student, keeping only the
// placements stored as pinned or required.
func (p *Screen) onSuggest() {
	b, ok := p.current()
	if !ok {
		return
	}
	p.suggest(b)
}

// onResuggest places everyone again around the placements pinned in the
// plan shown, saved or not.
func (p *Screen) onResuggest() {
	b, ok := p.current()
	if !ok || p.plan == nil {
		return
	}
	b.Assignments = nil
	for _, a := range p.plan.placed {
		if a.Fixed() {
			b.Assignments = append(b.Assignments, a)
		}
	}
	slices.SortFunc(b.Assignments, func(x, y continuum.Assignment) int { return strings.Compare(x.Student, y.Student) })
	p.suggest(b)
}

// suggest runs the suggestion for b on the class's positions as of its
// day, off the UI goroutine, and shows it as a proposal.
func (p *Screen) suggest(b continuum.FlexBlock) {
	p.suggesting = true
	p.updateTools()
	stored, _ := p.current()
	screen.Run(func(ctx context.Context) (continuum.Suggestion, error) {
		g, class, err := continuum.LoadClass(ctx, p.store, b.Continuum)
		if err != nil {
			return continuum.Suggestion{}, fmt.Errorf("suggest placements for %s: %w", b.Slot, err)
		}
		class.Students = slices.DeleteFunc(class.Students, func(st continuum.Student) bool { return st.Inactive })
		return g.Suggest(b, g.ClassPositions(class, b.Date)), nil
	}, func(s continuum.Suggestion) {
		p.suggesting = false
		if p.blockID != b.ID {
			p.updateTools()
			return
		}
		pl := &flexPlan{block: b.ID, placed: map[string]continuum.Assignment{}, unplaced: map[string]string{}, dirty: true}
		for _, pc := range s.Placements {
			a := pc.Assignment
			if a.Offering == "" {
				pl.unplaced[pc.Student.ID] = a.Reason
				continue
			}
			for _, old := range stored.Assignments {
				if old.Student == a.Student && strings.EqualFold(old.Offering, a.Offering) {
					a.Attended, a.Outcome = old.Attended, old.Outcome
				}
			}
			pl.placed[pc.Student.ID] = a
		}
		p.plan = pl
		p.showWeek()
		p.showBlock()
	}, func(err error) {
		p.suggesting = false
		p.updateTools()
		screen.ShowError(p.Win, err)
	})
}

// onSavePlacements stores the plan as the block's assignments.
func (p *Screen) onSavePlacements() {
	old, ok := p.current()
	if !ok || p.plan == nil {
		return
	}
	b := old
	b.Assignments = nil
	for _, st := range p.students {
		if a, ok := p.plan.placed[st.ID]; ok {
			b.Assignments = append(b.Assignments, a)
		}
	}
	p.storeBlock(b, old, "placements in "+flexBlockName(b), func() {
		if p.plan != nil && p.plan.block == b.ID {
			p.plan.dirty = false
		}
		p.syncPlan()
		p.showAll()
	})
}

// storeBlock stores b in place of old (b is new when old has no ID) off
// the UI goroutine. Once it is stored, the screen's copy is updated,
// shown runs, and the change is recorded so that it can be undone.
func (p *Screen) storeBlock(b, old continuum.FlexBlock, label string, shown func()) {
	cid := b.Continuum
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, p.store.PutFlexBlock(ctx, b)
	}, func(struct{}) {
		p.putBlock(b)
		shown()
		p.did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				var err error
				if old.ID == "" {
					err = p.store.DeleteFlexBlock(ctx, cid, b.ID)
				} else {
					err = p.store.PutFlexBlock(ctx, old)
				}
				if err != nil {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.FlexChanged, Continuum: cid},
		})
	}, func(err error) {
		screen.ShowError(p.Win, fmt.Errorf("save %s: %w", label, err))
	})
}

// flexBlockName names a block for people: "WIN time on Nov 23, 2026".
func flexBlockName(b continuum.FlexBlock) string {
	return b.Slot + " on " + b.Date.Long()
}

// onShowAttendance switches between the placements and the attendance.
func (p *Screen) onShowAttendance(on bool) {
	p.attend = on
	p.placeBtn.Importance, p.attendBtn.Importance = widget.HighImportance, widget.MediumImportance
	planning := []fyne.CanvasObject{p.colScroll, p.pickBar, p.planSep, p.suggestBtn, p.resuggest, p.saveBtn}
	if p.WS.ReadOnly() {
		planning = planning[:1] // the rest stays hidden in a review
	}
	if on {
		p.placeBtn.Importance, p.attendBtn.Importance = widget.MediumImportance, widget.HighImportance
		for _, o := range planning {
			o.Hide()
		}
		p.attScroll.Show()
	} else {
		p.attScroll.Hide()
		for _, o := range planning {
			o.Show()
		}
	}
	p.placeBtn.Refresh()
	p.attendBtn.Refresh()
	p.planner.Refresh()
	if p.graph != nil {
		p.showBlock()
	}
}

// onWeek moves the week shown by days and chooses its first block.
func (p *Screen) onWeek(days int) {
	p.showWeekOf(p.monday.AddDays(days))
}

func (p *Screen) onThisWeek() { p.showWeekOf(p.WS.Today()) }

func (p *Screen) showWeekOf(day continuum.Date) {
	p.monday = widgets.MondayOf(day)
	p.weekSet = true
	if !p.inWeek(p.blockID) {
		p.blockID = p.firstOfWeek()
	}
	p.syncPlan()
	p.showAll()
}

// onBlockChosen shows the planner of a block of the week.
func (p *Screen) onBlockChosen(id string) {
	if id == p.blockID {
		return
	}
	p.blockID = id
	p.syncPlan()
	p.showAll()
}

// onSaveRosters writes the rosters of the placements shown as a PNG.
func (p *Screen) onSaveRosters() {
	b, ok := p.current()
	if !ok {
		return
	}
	b.Assignments = nil
	if p.plan != nil {
		for _, st := range p.students {
			if a, ok := p.plan.placed[st.ID]; ok {
				b.Assignments = append(b.Assignments, a)
			}
		}
	}
	students := slices.Clone(p.students)
	title := fmt.Sprintf("%s — %s, %s (%d min)", p.graph.Continuum.Name, b.Slot, b.Date.Full(), b.Minutes)
	if p.plan != nil && p.plan.dirty {
		title += " — proposal, not saved"
	}
	choice := screen.FileChoice{Title: "Save the rosters of " + flexBlockName(b), Confirm: "Save", Ext: ".png",
		Name: "rosters-" + flexSlug(b.ID) + ".png"}
	p.chooseFile(choice, func(path string) {
		screen.Run(func(context.Context) (string, error) {
			if err := saveRosters(path, b, students, title); err != nil {
				return "", fmt.Errorf("save the rosters of %s to %s: %w", flexBlockName(b), path, err)
			}
			return path, nil
		}, func(path string) {
			screen.RememberFolder(path)
			p.status.SetText("Rosters saved to " + path)
		}, func(err error) { screen.ShowError(p.Win, err) })
	})
}

// saveRosters draws the rosters of b as a picture in the file at path. A
// file left empty by a failure is removed.
func saveRosters(path string, b continuum.FlexBlock, students []continuum.Student, title string) error {
	// Readable by its owner only, whatever the umask, as every file the
	// program writes (the save dialog may have made it already, 0644).
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err == nil {
		err = f.Chmod(0o600)
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		return err
	}
	err = render.Rosters(f, b, students, title)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		screen.RemoveIfEmpty(path)
	}
	return err
}

// The tiers in the order a menu shows them, highest first.
var flexTiers = []continuum.Tier{continuum.TierRequired, continuum.TierPriority, continuum.TierSuggested, continuum.TierOpen}

// flexTierLabel names a tier for the Move as menu.
func flexTierLabel(t continuum.Tier) string { return t.String() }

func flexTierLabels() []string {
	out := make([]string, len(flexTiers))
	for i, t := range flexTiers {
		out[i] = flexTierLabel(t)
	}
	return out
}
