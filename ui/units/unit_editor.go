package units

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// unitExperienceKinds are the kinds of learning experience offered; the
// teacher may type another.
var unitExperienceKinds = []string{"practice", "performance task", "project", "discussion"}

// unitEditor is the dialog that plans one unit: its title and dates, the
// targets it teaches (picked on the continuum grid, so the teacher sees
// the levels and domains it covers), its learning experiences, its
// checkpoints, and notes on supports and extensions. It checks the unit
// against the continuum (Unit.Validate) and shows a problem beside the
// field it concerns, until that field is changed.
type unitEditor struct {
	s     *Screen
	g     *continuum.Graph
	units []continuum.Unit // the continuum's units, for a free ID
	orig  *continuum.Unit  // the stored unit, nil for a new one
	base  continuum.Unit   // what the form does not show: ID, continuum, order

	targets []string // the codes chosen, in grid order

	title       *widgets.Entry
	start       *widgets.Entry
	end         *widgets.Entry
	span        *widget.Label
	titleErr    *widget.Label
	datesErr    *widget.Label
	chosen      *widget.Label
	relies      *widget.Label
	targetsErr  *widget.Label
	grid        *widgets.ContinuumGrid
	experiences []*unitExperienceRow
	expBox      *fyne.Container
	expErr      *widget.Label
	checkpoints []*unitCheckpointRow
	cpBox       *fyne.Container
	cpErr       *widget.Label
	supports    *widgets.Entry
	extensions  *widgets.Entry
	tabs        *container.AppTabs
	body        *fyne.Container // the dialog's body: the head over the tabs
	dlg         *widgets.FormDialog
}

// The editor's tabs, in order.
const (
	unitTabTargets = iota
	unitTabExperiences
	unitTabCheckpoints
	unitTabNotes
)

// newUnitEditor builds the editor for u; orig is the stored unit (nil
// for a new one, whose ID is made from its title when it is saved).
func newUnitEditor(s *Screen, g *continuum.Graph, units []continuum.Unit, orig *continuum.Unit, u continuum.Unit) *unitEditor {
	e := &unitEditor{s: s, g: g, units: units, orig: orig, base: u}

	e.title = widgets.NewEntry()
	e.title.PlaceHolder = "e.g. Fractions as numbers"
	e.title.SetText(u.Title)
	e.start = widgets.NewEntry()
	e.start.PlaceHolder = "YYYY-MM-DD"
	e.start.SetText(u.Start.String())
	e.end = widgets.NewEntry()
	e.end.PlaceHolder = "YYYY-MM-DD"
	e.end.SetText(u.End.String())
	for _, f := range []*widgets.Entry{e.title, e.start, e.end} {
		f.OnSubmitted = func(string) { e.onSave() }
	}
	e.start.OnChanged = func(string) { e.updateSpan() }
	e.end.OnChanged = func(string) { e.updateSpan() }
	e.span = widgets.Quiet("")
	e.titleErr = unitErrorLabel()
	e.datesErr = unitErrorLabel()
	e.updateSpan()
	// A field's problem goes once the field is changed: it may no longer hold.
	widgets.OnInputChanged(e.title, func() { e.hideProblem(e.titleErr) })
	widgets.OnInputChanged(widgets.InputsOf(e.start, e.end), func() { e.hideProblem(e.datesErr) })

	for _, code := range u.Targets {
		if t, ok := g.Target(code); ok {
			e.targets = append(e.targets, t.Code)
		}
	}
	e.sortTargets()
	e.chosen = widget.NewLabel("")
	e.chosen.Wrapping = fyne.TextWrapWord
	e.relies = widgets.Hint("")
	e.targetsErr = unitErrorLabel()
	e.grid = widgets.NewContinuumGrid(e.onTargetToggled)
	e.grid.SetGraph(g)
	e.grid.SetSelection(e.targets)

	e.expBox = container.NewVBox()
	e.expErr = unitErrorLabel()
	for _, x := range u.Experiences {
		e.addExperience(x)
	}
	e.cpBox = container.NewVBox()
	e.cpErr = unitErrorLabel()
	for _, cp := range u.Checkpoints {
		e.addCheckpoint(cp)
	}
	e.supports = widgets.NewMultiLineEntry(4)
	e.supports.PlaceHolder = "Supports for students who need them: materials, small groups, pre-teaching …"
	e.supports.SetText(u.Supports)
	e.extensions = widgets.NewMultiLineEntry(4)
	e.extensions.PlaceHolder = "Extensions for students ready for more …"
	e.extensions.SetText(u.Extensions)

	dates := container.NewHBox(
		container.New(&widgets.MinWidthLayout{Width: 130}, e.start), widget.NewLabel("to"),
		container.New(&widgets.MinWidthLayout{Width: 130}, e.end), e.span)
	head := container.New(layout.NewFormLayout(),
		widget.NewLabelWithStyle("Title", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), container.NewVBox(e.title, e.titleErr),
		widget.NewLabelWithStyle("Dates", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}), container.NewVBox(dates, e.datesErr),
	)

	targetsTab := container.NewBorder(container.NewVBox(e.chosen, e.relies, e.targetsErr), nil, nil, nil, e.grid)
	addExp := widgets.NewButton("Add a learning experience", theme.ContentAddIcon(), func() { e.onAddExperience() })
	expTab := container.NewBorder(
		container.NewVBox(widgets.Hint("What students do to build the unit's targets: practice, a performance task, a project, a discussion …"), e.expErr),
		container.NewHBox(addExp), nil, nil, container.NewVScroll(e.expBox))
	addCp := widgets.NewButton("Add a checkpoint", theme.ContentAddIcon(), func() { e.onAddCheckpoint() })
	cpTab := container.NewBorder(
		container.NewVBox(widgets.Hint("When evidence on a target is gathered, and how. The Progress tab shows which checkpoints are due or overdue."), e.cpErr),
		container.NewHBox(addCp), nil, nil, container.NewVScroll(e.cpBox))
	notesTab := container.NewVBox(
		widgets.Heading("Supports"), e.supports,
		widgets.Heading("Extensions"), e.extensions)
	e.tabs = container.NewAppTabs(
		container.NewTabItem("Targets", targetsTab),
		container.NewTabItem("Learning experiences", expTab),
		container.NewTabItem("Checkpoints", cpTab),
		container.NewTabItem("Supports and extensions", container.NewVScroll(notesTab)),
	)
	e.updateTargets()

	title, action := "New unit", "Add unit"
	if orig != nil {
		title, action = "Unit: "+orig.Title, "Save"
	}
	e.body = container.NewBorder(head, nil, nil, nil, e.tabs)
	e.dlg = widgets.NewFormDialog(s.Win, title, e.body, action, e.onSave)
	e.dlg.First = e.title
	return e
}

// Show opens the editor, nearly as large as the window, for the grid.
func (e *unitEditor) Show() {
	size := e.s.Win.Canvas().Size()
	e.dlg.Show(fyne.NewSize(max(size.Width-60, 900), max(size.Height-60, 600)))
}

// hideProblem hides the problem line l, once what it is about changed.
func (e *unitEditor) hideProblem(l *widget.Label) {
	if !l.Visible() {
		return
	}
	l.SetText("")
	l.Hide()
	if e.body != nil {
		e.body.Refresh()
	}
}

// unitErrorLabel is a hidden line for the problem with one field.
func unitErrorLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Wrapping = fyne.TextWrapWord
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// updateSpan says how long the dates typed make the unit.
func (e *unitEditor) updateSpan() {
	start, err1 := continuum.ParseDate(e.start.Text)
	end, err2 := continuum.ParseDate(e.end.Text)
	switch {
	case err1 != nil || err2 != nil:
		e.span.SetText("")
	case end.Before(start):
		e.span.SetText("ends before it starts")
	default:
		u := continuum.Unit{Start: start, End: end}
		e.span.SetText(fmt.Sprintf("%s: %s to %s", continuum.Plural(unitWeeks(u), "week", "weeks"),
			start.Short(), end.WithWeekday()))
	}
}

// sortTargets puts the chosen codes in grid order.
func (e *unitEditor) sortTargets() {
	slices.SortFunc(e.targets, func(a, b string) int {
		i, _ := e.g.Lookup(a)
		k, _ := e.g.Lookup(b)
		return i - k
	})
}

// onTargetToggled adds the tapped card's target to the unit, or takes it out.
func (e *unitEditor) onTargetToggled(code string) {
	t, ok := e.g.Target(code)
	if !ok {
		return
	}
	if i := slices.IndexFunc(e.targets, func(c string) bool { return continuum.SameCode(c, t.Code) }); i >= 0 {
		e.targets = slices.Delete(e.targets, i, i+1)
	} else {
		e.targets = append(e.targets, t.Code)
		e.sortTargets()
	}
	e.grid.SetSelection(e.targets)
	e.updateTargets()
	e.hideProblem(e.targetsErr)
}

// updateTargets tells the rest of the form which targets the unit teaches.
func (e *unitEditor) updateTargets() {
	if len(e.targets) == 0 {
		e.chosen.SetText("Tap the cards of the targets this unit teaches; tap a card again to leave it out.")
	} else {
		e.chosen.SetText(fmt.Sprintf("This unit teaches %s: %s. Tap a card to add or leave out its target.",
			continuum.Plural(len(e.targets), "target", "targets"), strings.Join(e.targets, ", ")))
	}
	pre := e.g.Prerequisites(continuum.Unit{Targets: e.targets})
	if len(pre) == 0 {
		e.relies.SetText("")
		e.relies.Hide()
	} else {
		codes := make([]string, len(pre))
		for i, p := range pre {
			codes[i] = e.g.Targets[p].Code
		}
		e.relies.SetText(fmt.Sprintf("It relies on %s taught before it: %s. Readiness checks them.", continuum.Plural(len(codes), "prerequisite", "prerequisites"), strings.Join(codes, ", ")))
		e.relies.Show()
	}
	for _, r := range e.experiences {
		r.setTargets(e.targets)
	}
	for _, r := range e.checkpoints {
		r.setTargets(e.targets)
	}
	e.tabs.Items[unitTabTargets].Text = fmt.Sprintf("Targets (%d)", len(e.targets))
	e.tabs.Items[unitTabExperiences].Text = fmt.Sprintf("Learning experiences (%d)", len(e.experiences))
	e.tabs.Items[unitTabCheckpoints].Text = fmt.Sprintf("Checkpoints (%d)", len(e.checkpoints))
	e.tabs.Refresh()
}

// unitExperienceRow is the form of one learning experience.
type unitExperienceRow struct {
	title   *widgets.Entry
	kind    *widget.SelectEntry
	targets *widget.CheckGroup
	link    *widgets.Entry
	notes   *widgets.Entry
	remove  *widgets.Button
	content fyne.CanvasObject
}

func (e *unitEditor) addExperience(x continuum.Experience) *unitExperienceRow {
	r := &unitExperienceRow{}
	r.title = widgets.NewEntry()
	r.title.PlaceHolder = "Title, e.g. Fraction strips"
	r.title.SetText(x.Title)
	r.kind = widget.NewSelectEntry(unitExperienceKinds)
	r.kind.PlaceHolder = "kind"
	r.kind.SetText(x.Kind)
	r.targets = widget.NewCheckGroup(nil, nil)
	r.targets.Horizontal = true
	r.setTargets(e.targets)
	r.targets.SetSelected(x.Targets)
	r.link = widgets.NewEntry()
	r.link.PlaceHolder = "Resource link (optional)"
	r.link.SetText(x.Link)
	r.notes = widgets.NewEntry()
	r.notes.PlaceHolder = "Notes"
	r.notes.SetText(x.Notes)
	r.remove = widgets.NewButton("Remove", theme.DeleteIcon(), func() { e.removeExperience(r) })
	r.remove.Importance = widget.LowImportance
	r.content = widget.NewCard("", "", container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewHBox(container.New(&widgets.MinWidthLayout{Width: 190}, r.kind), r.remove), r.title),
		container.NewBorder(nil, nil, widget.NewLabel("Builds"), nil, r.targets),
		container.NewGridWithColumns(2, r.link, r.notes),
	))
	widgets.OnInputChanged(widgets.InputsOf(r.title, r.kind, r.targets, r.link, r.notes), func() { e.hideProblem(e.expErr) })
	e.experiences = append(e.experiences, r)
	e.expBox.Add(r.content)
	if e.dlg != nil {
		widgets.SetOnEscape(r.content, e.dlg.Hide)
	}
	return r
}

// setTargets offers the unit's targets, and drops any the unit no longer teaches.
func (r *unitExperienceRow) setTargets(codes []string) {
	r.targets.Options = slices.Clone(codes)
	kept := slices.DeleteFunc(slices.Clone(r.targets.Selected), func(c string) bool {
		return !slices.ContainsFunc(codes, func(k string) bool { return continuum.SameCode(k, c) })
	})
	r.targets.Selected = kept
	r.targets.Refresh()
}

func (e *unitEditor) onAddExperience() {
	r := e.addExperience(continuum.Experience{Kind: unitExperienceKinds[0]})
	e.updateTargets()
	e.s.Win.Canvas().Focus(r.title)
}

func (e *unitEditor) removeExperience(r *unitExperienceRow) {
	e.experiences = slices.DeleteFunc(e.experiences, func(x *unitExperienceRow) bool { return x == r })
	e.expBox.Remove(r.content)
	e.updateTargets()
	e.hideProblem(e.expErr)
}

// unitCheckpointRow is the form of one checkpoint.
type unitCheckpointRow struct {
	target  *widgets.Select
	date    *widgets.Entry
	kind    *widgets.Select
	remove  *widgets.Button
	content fyne.CanvasObject
}

func (e *unitEditor) addCheckpoint(cp continuum.UnitCheckpoint) *unitCheckpointRow {
	r := &unitCheckpointRow{}
	r.target = widgets.NewSelect(nil, nil)
	r.setTargets(e.targets)
	r.target.Selected = cp.Target
	if t, ok := e.g.Target(cp.Target); ok {
		r.target.Selected = t.Code
	}
	r.date = widgets.NewEntry()
	r.date.PlaceHolder = "YYYY-MM-DD"
	r.date.SetText(cp.Date.String())
	r.kind = widgets.NewSelect(continuum.EvidenceKindLabels(), nil)
	kind := cp.Kind
	if kind == "" {
		kind = continuum.Formative
	}
	r.kind.SetSelected(kind.Label())
	r.remove = widgets.NewButton("Remove", theme.DeleteIcon(), func() { e.removeCheckpoint(r) })
	r.remove.Importance = widget.LowImportance
	r.content = container.NewHBox(
		container.New(&widgets.MinWidthLayout{Width: 140}, r.target),
		container.New(&widgets.MinWidthLayout{Width: 130}, r.date),
		container.New(&widgets.MinWidthLayout{Width: 170}, r.kind),
		r.remove)
	widgets.OnInputChanged(r.content, func() { e.hideProblem(e.cpErr) })
	e.checkpoints = append(e.checkpoints, r)
	e.cpBox.Add(r.content)
	if e.dlg != nil {
		widgets.SetOnEscape(r.content, e.dlg.Hide)
	}
	return r
}

// setTargets offers the unit's targets; a checkpoint keeps a target the
// unit no longer teaches, so that saving names the problem.
func (r *unitCheckpointRow) setTargets(codes []string) {
	r.target.Options = slices.Clone(codes)
	r.target.Refresh()
}

func (e *unitEditor) onAddCheckpoint() {
	cp := continuum.UnitCheckpoint{Kind: continuum.Formative}
	if start, err := continuum.ParseDate(e.end.Text); err == nil {
		cp.Date = start
	}
	if len(e.targets) > 0 {
		cp.Target = e.targets[0]
	}
	r := e.addCheckpoint(cp)
	e.updateTargets()
	e.s.Win.Canvas().Focus(r.target)
}

func (e *unitEditor) removeCheckpoint(r *unitCheckpointRow) {
	e.checkpoints = slices.DeleteFunc(e.checkpoints, func(x *unitCheckpointRow) bool { return x == r })
	e.cpBox.Remove(r.content)
	e.updateTargets()
	e.hideProblem(e.cpErr)
}

// unit returns the unit the form describes, or the problem with a field
// that cannot be read (a date that is not one).
func (e *unitEditor) unit() (continuum.Unit, error) {
	u := e.base
	u.Title = strings.TrimSpace(e.title.Text)
	var err error
	if u.Start, err = unitDateField("start", e.start.Text); err != nil {
		return u, err
	}
	if u.End, err = unitDateField("end", e.end.Text); err != nil {
		return u, err
	}
	u.Targets = slices.Clone(e.targets)
	u.Experiences = nil
	for _, r := range e.experiences {
		x := continuum.Experience{
			Title: strings.TrimSpace(r.title.Text), Kind: strings.TrimSpace(r.kind.Text),
			Targets: slices.Clone(r.targets.Selected),
			Link:    strings.TrimSpace(r.link.Text), Notes: strings.TrimSpace(r.notes.Text),
		}
		if x.Title == "" && len(x.Targets) == 0 && x.Link == "" && x.Notes == "" {
			continue // an experience added and left blank is no experience
		}
		u.Experiences = append(u.Experiences, x)
	}
	u.Checkpoints = nil
	for _, r := range e.checkpoints {
		text := strings.TrimSpace(r.date.Text)
		if r.target.Selected == "" && text == "" {
			continue
		}
		d, err := continuum.ParseDate(text)
		if err != nil && text != "" {
			return u, continuum.Invalidf("unit.checkpoints", "the checkpoint on %s: %q is not a date; write it as YYYY-MM-DD", r.target.Selected, text)
		}
		u.Checkpoints = append(u.Checkpoints, continuum.UnitCheckpoint{Target: r.target.Selected, Date: d, Kind: continuum.EvidenceKindOfLabel(r.kind.Selected)})
	}
	u.Supports = strings.TrimSpace(e.supports.Text)
	u.Extensions = strings.TrimSpace(e.extensions.Text)
	if e.orig == nil {
		u.ID = unitFreeID(unitSlug(u.Title), func(id string) bool { _, ok := unitByID(e.units, id); return ok })
	}
	return u, nil
}

// unitDateField reads a date of the unit; an empty field is left for
// Validate to name.
func unitDateField(which, text string) (continuum.Date, error) {
	if strings.TrimSpace(text) == "" {
		return continuum.Date{}, nil
	}
	d, err := continuum.ParseDate(text)
	if err != nil {
		return d, continuum.Invalidf("unit.dates", "the %s date %q is not a date; write it as YYYY-MM-DD", which, strings.TrimSpace(text))
	}
	return d, nil
}

// unitSlug makes an ID from a title: "Fractions as numbers" becomes
// "fractions-as-numbers"; a title with no letters or digits gives "unit".
func unitSlug(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	if b.Len() == 0 {
		return "unit"
	}
	return b.String()
}

// clearProblems hides every field's problem.
func (e *unitEditor) clearProblems() {
	for _, l := range []*widget.Label{e.titleErr, e.datesErr, e.targetsErr, e.expErr, e.cpErr} {
		l.SetText("")
		l.Hide()
	}
	e.dlg.SetError("")
}

// showProblem puts err beside the field it names, opens the tab that
// holds the field, and focuses it; a problem with no field goes under the form.
func (e *unitEditor) showProblem(err error) {
	e.clearProblems()
	var label *widget.Label
	var focus fyne.Focusable
	tab := -1
	name := ""
	switch continuum.ErrorField(err) {
	case "unit.title", "unit.id":
		label, focus, name = e.titleErr, e.title, "Title"
	case "unit.dates":
		label, focus, name = e.datesErr, e.end, "Dates"
		if _, perr := continuum.ParseDate(e.start.Text); perr != nil {
			focus = e.start
		}
	case "unit.targets":
		label, tab, name = e.targetsErr, unitTabTargets, "Targets"
	case "unit.experiences":
		label, tab, name = e.expErr, unitTabExperiences, "Learning experiences"
	case "unit.checkpoints":
		label, tab, name = e.cpErr, unitTabCheckpoints, "Checkpoints"
	}
	if label == nil {
		e.dlg.SetError(screen.Problem(err))
		return
	}
	label.SetText(name + ": " + screen.Problem(err))
	label.Show()
	if tab >= 0 {
		e.tabs.SelectIndex(tab)
	}
	if focus != nil {
		e.s.Win.Canvas().Focus(focus)
	}
	e.body.Refresh()
}

// onSave checks the unit against the continuum, then stores it as one
// change the teacher can undo.
func (e *unitEditor) onSave() {
	u, err := e.unit()
	if err == nil {
		err = u.Validate(e.g)
	}
	if err != nil {
		e.showProblem(err)
		return
	}
	e.clearProblems()
	e.dlg.SetBusy(true)
	s, store, cid := e.s, e.s.store, u.Continuum
	var before *continuum.Unit
	if e.orig != nil {
		b := unitClone(*e.orig)
		before = &b
	}
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, store.PutUnit(ctx, u)
	}, func(struct{}) {
		e.dlg.SetBusy(false)
		e.dlg.Hide()
		label := "new unit “" + u.Title + "”"
		if before != nil {
			label = "changes to unit “" + before.Title + "”"
		}
		s.selected = u.ID
		s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				var err error
				if before == nil {
					err = store.DeleteUnit(ctx, cid, u.ID)
				} else {
					err = store.PutUnit(ctx, *before)
				}
				if err != nil && !(before == nil && errors.Is(err, continuum.ErrNotFound)) {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.UnitsChanged, Continuum: cid},
		})
	}, func(err error) {
		e.dlg.SetBusy(false)
		e.showProblem(err)
	})
}
