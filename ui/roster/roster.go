package roster

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strconv"
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

// Store is what the roster needs from the store: the students (with
// StudentFootprint, to say what a removal takes with it), the continua
// (for starting levels), and the evidence of students who have left (to
// count it).
type Store interface {
	continuum.RosterStore
	Continua(ctx context.Context) ([]continuum.Continuum, error)
	Continuum(ctx context.Context, id string) (continuum.Continuum, error)
	Evidence(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, error)
}

const (
	allGroups = "All groups"
	noLevel   = "(none)"
)

// Screen is the Students screen: the class list with search and a group
// filter on the left, and the chosen student's details on the right (name,
// ID, group, ID in the school's system, and starting levels on the
// continuum being worked on). Adding and editing are undoable; removing
// is for good, after a confirmation that says what goes.
type Screen struct {
	screen.Base[rosterData]
	store Store

	students []continuum.Student
	shown    []int                // indexes into students in the class, after search and group
	left     []int                // indexes into students who have left, after search and group
	evidence map[string]int       // pieces of evidence of each student who has left, by ID
	cont     *continuum.Continuum // the continuum being worked on, or nil
	editing  string               // ID of the student in the form; "" for a new one
	dirty    bool                 // the form has changes not saved
	filling  bool                 // the form is being filled from code

	search      *widgets.CellEntry
	groupFilter *widget.Select
	count       *widget.Label
	list        *widget.List
	importBtn   *widgets.Button
	leftSection *leftSection

	// importClassList opens Import class list…; nil hides the action.
	importClassList func()
	// onOpenProfile opens a student's profile; nil hides the way there.
	onOpenProfile func(id string)

	formTitle  *widget.Label
	name       *widgets.Entry
	id         *widgets.Entry
	group      *widget.SelectEntry
	external   *widgets.Entry
	idHint     *widget.Label
	levelsHead *widget.Label
	levelsNote *widget.Label
	levels     *fyne.Container
	levelPicks []*widget.Select
	saveBtn    *widgets.Button
	newBtn     *widgets.Button
	removeBtn  *widgets.Button
	status     *widget.Label
	problem    *widget.Label // why the last save was refused, under the fields
	problemOf  string        // the field code the problem names: a change to it clears the line
	fields     *widget.Form  // the fields that edit a student
	facts      *widget.Form  // in a review, the student's details to read instead
	factLabels []*widget.Label
	content    fyne.CanvasObject
}

// rosterColumns are the widths of the class list: name, ID, group,
// external ID, starting levels (see widgets.ColumnsLayout). The name
// takes the larger share of what is left: it is what a teacher reads
// first, and most students have no starting levels.
var rosterColumns = []float32{-3, 76, 96, 100, -2}

// New builds the Students screen on store.
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	r := &Screen{store: store}
	split := container.NewHSplit(r.buildClassList(), container.NewPadded(r.buildForm()))
	split.SetOffset(0.6)
	r.content = r.Init(ws, win, container.NewPadded(split), screen.Loader[rosterData]{
		What:    "The roster",
		Follows: screen.FollowsContinuum(ws), // the roster, the continua and the choice
		Read:    r.read,
		Show:    r.show,
		// Revisiting reads nothing unless something it follows changed.
		KeepShown: true,
		// A roster that cannot be read keeps what it showed: the reason
		// comes in a dialog, with no notice over the class list.
		Failed: func(err error) { screen.ShowError(r.Win, err) },
	})
	if ws.ReadOnly() {
		// A review: the class can be read, not changed; its details show
		// as text rather than as fields.
		r.saveBtn.Hide()
		r.newBtn.Hide()
		r.removeBtn.Hide()
		r.fields.Hide()
		r.facts.Show()
	}
	r.fillForm(nil)
	r.groupFilter.OnChanged = func(string) { r.applyFilter() }
	return r
}

// buildClassList builds the left side: the search, the group filter, the
// count and the list of students.
func (r *Screen) buildClassList() fyne.CanvasObject {
	r.search = widgets.NewCellEntry()
	r.search.SetPlaceHolder("Find a student: name or ID")
	r.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	r.search.OnChanged = func(string) { r.applyFilter() }
	r.search.OnNav = r.onSearchNav
	r.groupFilter = widget.NewSelect([]string{allGroups}, nil)
	r.groupFilter.SetSelected(allGroups)
	r.count = widgets.Quiet("")
	r.list = widget.NewList(func() int { return len(r.shown) }, r.createRow, r.updateRow)
	r.list.OnSelected = r.onStudentSelected
	r.importBtn = widgets.NewButton("Import class list…", theme.DownloadIcon(), r.onImport)
	r.importBtn.Hide()
	r.leftSection = newLeftSection(r)

	header := container.New(widgets.NewColumnsLayout(rosterColumns...),
		widgets.Heading("Name"), widgets.Heading("ID"), widgets.Heading("Group"), widgets.Heading("School ID"), widgets.Heading("Starts at"))
	filters := container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel("Group"), r.groupFilter), r.search)
	return container.NewBorder(
		container.NewVBox(filters, container.NewBorder(nil, nil, nil, r.importBtn, r.count), container.NewPadded(header), widget.NewSeparator()),
		r.leftSection.content, nil, nil, r.list)
}

// SetImportClassList offers Import class list… on the class list, which
// calls f (the shell's import of a class list); a review offers nothing.
func (r *Screen) SetImportClassList(f func()) {
	r.importClassList = f
	if f != nil && !r.WS.ReadOnly() {
		r.importBtn.Show()
	} else {
		r.importBtn.Hide()
	}
}

// SetOpenProfile offers, beside each student who has left the class, a
// way to their profile, which f opens.
func (r *Screen) SetOpenProfile(f func(id string)) {
	r.onOpenProfile = f
	r.leftSection.refresh()
}

func (r *Screen) onImport() {
	if r.importClassList != nil && !r.WS.ReadOnly() {
		r.importClassList()
	}
}

// buildForm builds the right side: the student's fields (or, in a review,
// their details as text), the starting levels, and the buttons.
func (r *Screen) buildForm() fyne.CanvasObject {
	r.formTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.formTitle.SizeName = theme.SizeNameSubHeadingText
	r.name = widgets.NewEntry()
	r.name.SetPlaceHolder("First and last name")
	r.id = widgets.NewEntry()
	r.idHint = widgets.Quiet("")
	r.idHint.Wrapping = fyne.TextWrapWord
	r.group = widget.NewSelectEntry(nil)
	r.group.SetPlaceHolder("Class, section or period")
	r.external = widgets.NewEntry()
	r.external.SetPlaceHolder("Optional: the school's student number")
	for field, e := range map[string]*widget.Entry{"student.name": &r.name.Entry, "student.id": &r.id.Entry, "student.group": &r.group.Entry, "student.external_id": &r.external.Entry} {
		e.OnChanged = func(string) { r.onFieldChanged(field) }
		e.OnSubmitted = func(string) { r.onSave() }
	}
	r.problem = widget.NewLabel("")
	r.problem.Wrapping = fyne.TextWrapWord
	r.problem.Importance = widget.DangerImportance
	r.problem.Hide()
	r.levelsHead = widget.NewLabelWithStyle("Starting levels", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	r.levelsNote = widgets.Hint("")
	r.levels = container.New(layout.NewFormLayout())

	r.saveBtn = widgets.NewButton("Save", theme.DocumentSaveIcon(), r.onSave)
	r.saveBtn.Importance = widget.HighImportance
	r.newBtn = widgets.NewButton("New student", theme.ContentAddIcon(), r.onNew)
	r.removeBtn = widgets.NewButton("Remove…", theme.DeleteIcon(), r.onRemove)
	r.removeBtn.Importance = widget.DangerImportance
	r.status = widget.NewLabel("")
	r.status.Wrapping = fyne.TextWrapWord

	r.fields = widget.NewForm(
		widget.NewFormItem("Name", r.name),
		widget.NewFormItem("ID", r.id),
		widget.NewFormItem("Group", r.group),
		widget.NewFormItem("School ID", r.external),
	)
	r.facts = widget.NewForm()
	for _, name := range []string{"Name", "ID", "Group", "School ID"} {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		r.factLabels = append(r.factLabels, l)
		r.facts.Append(name, l)
	}
	r.facts.Hide()
	return container.NewBorder(
		container.NewVBox(r.formTitle, r.fields, r.facts, r.problem, r.idHint, widget.NewSeparator(), r.levelsHead, r.levelsNote),
		container.NewVBox(widget.NewSeparator(), container.NewHBox(r.saveBtn, r.newBtn, layout.NewSpacer(), r.removeBtn), r.status),
		nil, nil, container.NewVScroll(r.levels))
}

// Content returns the screen's root object.
func (r *Screen) Content() fyne.CanvasObject { return r.content }

// FocusFirst puts the focus in the search field.
func (r *Screen) FocusFirst() {
	if c := r.Win.Canvas(); c != nil {
		c.Focus(r.search)
	}
}

// rosterData is what a load reads: the roster and the continuum being
// worked on (nil when none is chosen).
type rosterData struct {
	students []continuum.Student
	cont     *continuum.Continuum
	evidence map[string]int // pieces of evidence of each student who has left
}

// read captures the continuum being worked on and returns the work that
// reads the roster and that continuum.
func (r *Screen) read() func(ctx context.Context) (rosterData, error) {
	cid := r.WS.Continuum()
	return func(ctx context.Context) (rosterData, error) {
		var d rosterData
		var err error
		if d.students, err = r.store.Students(ctx); err != nil {
			return d, fmt.Errorf("read the roster: %w", err)
		}
		if d.evidence, err = r.countEvidenceOfLeft(ctx, d.students); err != nil {
			return d, fmt.Errorf("read the roster: %w", err)
		}
		if cid != "" {
			c, err := r.store.Continuum(ctx, cid)
			if err != nil {
				return d, fmt.Errorf("read the roster: %w", err)
			}
			d.cont = &c
		}
		return d, nil
	}
}

func (r *Screen) show(d rosterData) {
	r.students, r.cont, r.evidence = d.students, d.cont, d.evidence
	groups := r.groupNames()
	r.groupFilter.SetOptions(append([]string{allGroups}, groups...))
	if !slices.Contains(r.groupFilter.Options, r.groupFilter.Selected) {
		r.groupFilter.SetSelected(allGroups)
	}
	r.group.SetOptions(groups)
	r.applyFilter()
	if st := r.find(r.editing); st != nil {
		if !r.dirty {
			r.fillForm(st)
		} else {
			r.fillLevels(st) // the continuum may have changed under the form
		}
	} else if r.editing != "" || !r.dirty {
		r.fillForm(nil) // removed meanwhile, or a fresh form: suggest the next ID
	} else {
		r.fillLevels(nil)
	}
}

func (r *Screen) groupNames() []string {
	var out []string
	for _, st := range r.students {
		if g := strings.TrimSpace(st.Group); g != "" && !slices.Contains(out, g) {
			out = append(out, g)
		}
	}
	slices.SortFunc(out, func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
	return out
}

func (r *Screen) find(id string) *continuum.Student {
	if id == "" {
		return nil
	}
	for i := range r.students {
		if r.students[i].ID == id {
			return &r.students[i]
		}
	}
	return nil
}

// applyFilter keeps the students matching the search and the group.
func (r *Screen) applyFilter() {
	q := r.search.Text
	group := r.groupFilter.Selected
	r.shown, r.left = r.shown[:0], r.left[:0]
	inClass := 0
	for i, st := range r.students {
		if !st.Inactive {
			inClass++
		}
		if group != allGroups && group != "" && st.Group != group {
			continue
		}
		if !widgets.MatchesWords(st.Name+" "+st.ID+" "+st.ExternalID, q) {
			continue
		}
		if st.Inactive {
			r.left = append(r.left, i)
		} else {
			r.shown = append(r.shown, i)
		}
	}
	switch {
	case len(r.students) == 0 && r.WS.ReadOnly():
		r.count.SetText("No students.")
	case len(r.students) == 0:
		r.count.SetText("No students yet: fill in the form on the right to add the first, or import a class list.")
	case len(r.shown) == inClass:
		r.count.SetText(continuum.Plural(inClass, "student", "students"))
	default:
		r.count.SetText(fmt.Sprintf("%d of %s", len(r.shown), continuum.Plural(inClass, "student", "students")))
	}
	r.leftSection.refresh()
	r.list.UnselectAll()
	r.list.Refresh()
	if i := r.shownIndex(r.editing); i >= 0 {
		r.list.Select(i)
	}
}

func (r *Screen) shownIndex(id string) int {
	if id == "" {
		return -1
	}
	for i, k := range r.shown {
		if r.students[k].ID == id {
			return i
		}
	}
	return -1
}

func (r *Screen) createRow() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, len(rosterColumns))
	for i := range cells {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		cells[i] = l
	}
	cells[0].(*widget.Label).TextStyle.Bold = true
	return container.New(widgets.NewColumnsLayout(rosterColumns...), cells...)
}

func (r *Screen) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id < 0 || id >= len(r.shown) {
		return
	}
	st := &r.students[r.shown[id]]
	cells := o.(*fyne.Container).Objects
	for i, text := range []string{st.Name, st.ID, st.Group, st.ExternalID, r.placement(st)} {
		if l := cells[i].(*widget.Label); l.Text != text {
			l.SetText(text)
		}
	}
}

// placement summarises a student's starting levels on the continuum being
// worked on: "Number and operations: Level 2".
func (r *Screen) placement(st *continuum.Student) string {
	if r.cont == nil {
		return ""
	}
	var parts []string
	for _, d := range r.cont.Domains {
		if l := st.StartingLevel(r.cont.ID, d.Name); l != "" {
			parts = append(parts, d.Name+": "+l)
		}
	}
	return strings.Join(parts, "; ")
}

func (r *Screen) onSearchNav(k widgets.NavKey) bool {
	switch k {
	case widgets.NavDown, widgets.NavUp:
		if len(r.shown) == 0 {
			return true
		}
		i := r.shownIndex(r.editing)
		switch {
		case i < 0:
			i = 0
		case k == widgets.NavDown:
			i = min(i+1, len(r.shown)-1)
		default:
			i = max(i-1, 0)
		}
		r.list.Select(i)
		return true
	case widgets.NavEnter:
		if r.shownIndex(r.editing) < 0 && len(r.shown) > 0 {
			r.list.Select(0)
		}
		if r.editing != "" {
			r.Win.Canvas().Focus(r.name)
		}
		return true
	case widgets.NavEscape:
		r.search.SetText("")
		return true
	}
	return false
}

func (r *Screen) onStudentSelected(i widget.ListItemID) {
	if i < 0 || i >= len(r.shown) {
		return
	}
	st := &r.students[r.shown[i]]
	if st.ID == r.editing && !r.dirty {
		return
	}
	r.fillForm(st)
	r.status.SetText("")
}

// onFieldChanged notes an edit of field; a problem line about that field
// no longer holds and goes.
func (r *Screen) onFieldChanged(field string) {
	r.markDirty()
	if !r.filling && field == r.problemOf {
		r.setProblem("", "")
	}
}

// setProblem shows why a save was refused under the fields, naming field
// (a code such as "student.name"); "" clears it.
func (r *Screen) setProblem(field, text string) {
	r.problemOf = field
	r.problem.SetText(text)
	if text == "" {
		r.problem.Hide()
	} else {
		r.problem.Show()
	}
}

func (r *Screen) markDirty() {
	if !r.filling {
		r.dirty = true
	}
}

// fillForm shows st in the form, or an empty form for a new student.
func (r *Screen) fillForm(st *continuum.Student) {
	r.setProblem("", "")
	r.filling = true
	defer func() { r.filling = false }()
	if st == nil {
		r.editing = ""
		r.formTitle.SetText("New student")
		r.name.SetText("")
		r.id.SetText(r.suggestID())
		r.id.Enable()
		r.idHint.SetText("A short ID that stays with the student, e.g. S014. It links their evidence.")
		group := r.groupFilter.Selected
		if group == allGroups {
			group = r.group.Text // adding a class: keep the group typed last
		}
		r.group.SetText(group)
		r.external.SetText("")
		r.removeBtn.Disable()
		r.saveBtn.SetText("Add student")
	} else {
		r.editing = st.ID
		r.formTitle.SetText(st.Name)
		r.name.SetText(st.Name)
		r.id.SetText(st.ID)
		r.id.Disable()
		r.idHint.SetText("The ID cannot change: it links the student's evidence.")
		r.group.SetText(st.Group)
		r.external.SetText(st.ExternalID)
		r.removeBtn.Enable()
		r.saveBtn.SetText("Save")
	}
	r.fillLevels(st)
	r.dirty = false
	if r.WS.ReadOnly() {
		r.readOnlyForm(st)
	}
}

// readOnlyForm shows st's details in a review as text, the fields that
// edit them disabled as well as hidden, and no new student offered.
func (r *Screen) readOnlyForm(st *continuum.Student) {
	for _, e := range []interface{ Disable() }{r.name, r.id, r.group, r.external} {
		e.Disable()
	}
	values := []string{"", "", "", ""}
	if st == nil {
		r.formTitle.SetText("No student chosen")
		r.idHint.SetText("Choose a student in the list to see their details.")
	} else {
		values = []string{st.Name, st.ID, cmp.Or(st.Group, "—"), cmp.Or(st.ExternalID, "—")}
		r.idHint.SetText("")
	}
	for i, l := range r.factLabels {
		l.SetText(values[i])
	}
}

// fillLevels shows a choice of level per domain of the continuum being
// worked on, set to st's starting levels.
func (r *Screen) fillLevels(st *continuum.Student) {
	r.levels.RemoveAll()
	r.levelPicks = nil
	if r.cont == nil {
		r.levelsHead.SetText("Starting levels")
		r.levelsNote.SetText("Choose a continuum at the top to set where this student starts on it.")
		return
	}
	r.levelsHead.SetText("Starting levels in " + r.cont.Name)
	r.levelsNote.SetText("Targets below a starting level count as mastered until evidence on them says otherwise.")
	options := append([]string{noLevel}, r.cont.Levels...)
	for _, d := range r.cont.Domains {
		current := ""
		if st != nil {
			current = st.StartingLevel(r.cont.ID, d.Name)
		}
		if r.WS.ReadOnly() { // a review: the level as text, no choice
			if st == nil {
				continue
			}
			r.levels.Add(widget.NewLabel(d.Name))
			r.levels.Add(widget.NewLabelWithStyle(cmp.Or(current, noLevel), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
			continue
		}
		pick := widget.NewSelect(options, func(string) { r.onFieldChanged("student.starting_levels") })
		was := r.filling
		r.filling = true
		if i := r.cont.LevelIndex(current); i >= 0 {
			pick.SetSelected(r.cont.Levels[i])
		} else {
			pick.SetSelected(noLevel)
		}
		r.filling = was
		r.levels.Add(widget.NewLabel(d.Name))
		r.levels.Add(pick)
		r.levelPicks = append(r.levelPicks, pick)
	}
	if len(r.cont.Domains) == 0 {
		r.levelsNote.SetText(r.cont.Name + " has no domains yet.")
	}
	r.levels.Refresh()
}

var idPattern = regexp.MustCompile(`^(.*?)(\d+)$`)

// suggestID proposes the next ID in the roster's own pattern: after S028, S029.
func (r *Screen) suggestID() string {
	prefix, width, best := "S", 3, 0
	counts := map[string]int{}
	for _, st := range r.students {
		if m := idPattern.FindStringSubmatch(st.ID); m != nil {
			counts[m[1]]++
		}
	}
	most := 0
	for p, n := range counts {
		if n > most || (n == most && p < prefix) {
			prefix, most = p, n
		}
	}
	for _, st := range r.students {
		if m := idPattern.FindStringSubmatch(st.ID); m != nil && m[1] == prefix {
			n, err := strconv.Atoi(m[2])
			if err == nil && n > best {
				best, width = n, len(m[2])
			}
		}
	}
	for n := best + 1; ; n++ {
		id := fmt.Sprintf("%s%0*d", prefix, width, n)
		if r.find(id) == nil {
			return id
		}
	}
}

// formStudent is the student as the form describes it; what the form
// does not show of a stored student (their identity, grade, whether they
// have left) is kept.
func (r *Screen) formStudent() continuum.Student {
	var st continuum.Student
	old := r.find(r.editing)
	if old != nil {
		st = *old
		st.StartingLevels = nil
	}
	st.ID = strings.TrimSpace(r.id.Text)
	st.Name = strings.TrimSpace(r.name.Text)
	st.Group = strings.TrimSpace(r.group.Text)
	st.ExternalID = strings.TrimSpace(r.external.Text)
	var cid string
	if r.cont != nil {
		cid = r.cont.ID
	}
	if old != nil {
		for _, sl := range old.StartingLevels {
			if sl.Continuum != cid {
				st.StartingLevels = append(st.StartingLevels, sl) // other continua are not on this form
			}
		}
	}
	if r.cont != nil {
		for i, pick := range r.levelPicks {
			if pick.Selected != "" && pick.Selected != noLevel {
				st.StartingLevels = append(st.StartingLevels, continuum.StartingLevel{Continuum: cid, Domain: r.cont.Domains[i].Name, Level: pick.Selected})
			}
		}
	}
	return st
}

func (r *Screen) onNew() {
	if r.WS.ReadOnly() {
		return
	}
	r.fillForm(nil)
	r.list.UnselectAll()
	r.status.SetText("")
	r.Win.Canvas().Focus(r.name)
}

func (r *Screen) onSave() {
	st := r.formStudent()
	old := r.find(r.editing)
	adding := old == nil
	var before continuum.Student
	if !adding {
		before = *old
	}
	screen.Run(func(ctx context.Context) (struct{}, error) {
		if adding {
			if other, err := r.store.Student(ctx, st.ID); err == nil {
				return struct{}{}, continuum.Conflictf("student.id", "%s is already %s's ID; choose another", other.ID, other.Name)
			}
		}
		if err := r.store.PutStudents(ctx, st); err != nil {
			return struct{}{}, fmt.Errorf("save student %s: %w", st.ID, err)
		}
		return struct{}{}, nil
	}, func(struct{}) {
		store := r.store
		if adding {
			if r.find(st.ID) == nil {
				r.students = append(r.students, st) // until the reload, for the next ID
			}
			r.fillForm(nil)
			r.WS.Did(screen.UndoStep{Label: "adding " + st.Name,
				Undo:   func(ctx context.Context) error { return store.DeleteStudent(ctx, st.ID) },
				Change: screen.Change{Kind: screen.RosterChanged}})
			r.status.SetText(fmt.Sprintf("Added %s (%s). Type the next student's name, or choose a student on the left.", st.Name, st.ID))
			r.Win.Canvas().Focus(r.name)
			return
		}
		if cur := r.find(st.ID); cur != nil {
			*cur = st
		}
		r.dirty = false
		r.WS.Did(screen.UndoStep{Label: "changes to " + before.Name,
			Undo:   func(ctx context.Context) error { return store.PutStudents(ctx, before) },
			Change: screen.Change{Kind: screen.RosterChanged}})
		r.setProblem("", "")
		r.status.SetText("Saved " + st.Name + ".")
	}, func(err error) { r.refused(err) })
}

// refused says why a save was refused: a problem with a field of the form
// on the line under the fields, with the focus in the field to correct
// (the line goes once it is changed); anything else in a message.
func (r *Screen) refused(err error) {
	field := continuum.ErrorField(err)
	if r.focusField(field) && (errors.Is(err, continuum.ErrInvalid) || errors.Is(err, continuum.ErrConflict)) {
		r.setProblem(field, continuum.ErrorMessage(err))
		return
	}
	r.setProblem("", "")
	screen.ShowError(r.Win, err)
}

// focusField puts the focus on the form field an error names, and
// reports whether there is one.
func (r *Screen) focusField(field string) bool {
	var f fyne.Focusable
	switch field {
	case "student.name":
		f = r.name
	case "student.id":
		if !r.id.Disabled() {
			f = r.id
		}
	case "student.starting_levels":
		if len(r.levelPicks) > 0 {
			f = r.levelPicks[0]
		}
	}
	if f == nil {
		return false
	}
	r.Win.Canvas().Focus(f)
	return true
}

// onRemove asks before removing the chosen student, saying what goes
// with them (the store's count, continuum.Footprint) and that only a
// backup brings it back.
func (r *Screen) onRemove() {
	old := r.find(r.editing)
	if old == nil || r.WS.ReadOnly() {
		return
	}
	st := *old
	screen.Run(func(ctx context.Context) (continuum.Footprint, error) {
		fp, err := r.store.StudentFootprint(ctx, st.ID)
		if err != nil {
			return fp, fmt.Errorf("read what removing %s takes: %w", st.Name, err)
		}
		return fp, nil
	}, func(fp continuum.Footprint) {
		widgets.ShowConfirmation(r.Win, "Remove student", removalMessage(st, fp), "Remove", func() { r.remove(st) })
	}, func(err error) { screen.ShowError(r.Win, err) })
}

// removalMessage is the confirmation of a removal: who goes, with what,
// and that it is for good.
func removalMessage(st continuum.Student, fp continuum.Footprint) string {
	who := fmt.Sprintf("%s (%s)", st.Name, st.ID)
	what := "Removes " + who + ". Nothing else is kept about them."
	if p := fp.Phrase(); p != "" {
		what = "Removes " + who + " with " + p + "."
	}
	return what + "\n\nThis cannot be undone except from a backup."
}

// remove removes the student and everything kept about them. It is not
// on the undo history: a removal is for good.
func (r *Screen) remove(st continuum.Student) {
	screen.Run(func(ctx context.Context) (struct{}, error) {
		if err := r.store.DeleteStudent(ctx, st.ID); err != nil {
			return struct{}{}, fmt.Errorf("remove student %s: %w", st.ID, err)
		}
		return struct{}{}, nil
	}, func(struct{}) {
		r.WS.Changed(screen.Change{Kind: screen.RosterChanged})
		r.status.SetText(fmt.Sprintf("Removed %s (%s) and everything kept about them.", st.Name, st.ID))
		if r.editing == st.ID {
			r.fillForm(nil)
		}
		r.Win.Canvas().Focus(r.search)
	}, func(err error) { screen.ShowError(r.Win, err) })
}
