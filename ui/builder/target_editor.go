package builder

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// targetEditor is the dialog that adds or edits one target: its code and
// "I can" statement, where it sits (domain, group, level, place in its
// cell), whether it is a milestone, how much evidence it needs, what each
// scale point looks like, and the targets to master first. A prerequisite
// that would close a cycle is refused as it is ticked, with the cycle
// named. A target imported from another system shows where it comes from.
type targetEditor struct {
	s    *Screen
	g    *continuum.Graph
	orig *continuum.Target // nil for a new target
	cid  string
	tree *widgets.GroupTree

	code        *widgets.Entry
	statement   *widgets.Entry
	domain      *widgets.Select
	level       *widgets.Select
	group       *widgets.Select
	groupKeys   []string // the keys of group's options; "" for none
	source      *widgets.SourceDetails
	milestone   *widgets.Check
	required    *widgets.Entry
	descriptors []*widgets.Entry // one per scale point, in scale order
	prereqs     *widgets.ChoiceList
	prereqNote  *widget.Label
	place       *widget.Label
	earlier     *widgets.Button
	later       *widgets.Button
	deleteBtn   *widgets.Button
	right       *fyne.Container
	dlg         *widgets.FormDialog

	position int // the target's place among the other targets of its cell, from 0
}

// newTargetEditor builds the editor for t in g (nil: a new target in
// domain at level, in group).
func newTargetEditor(s *Screen, g *continuum.Graph, t *continuum.Target, domain, group, level string) *targetEditor {
	e := &targetEditor{s: s, g: g, orig: t, cid: g.Continuum.ID, tree: widgets.NewGroupTree(&g.Continuum)}
	e.buildFields()
	e.buildPrerequisites()
	e.fill(domain, group, level)
	body := container.NewGridWithColumns(2, e.leftColumn(), e.rightColumn())

	title, action := "New target", "Add target"
	var extra []fyne.CanvasObject
	if t != nil {
		title, action = "Target "+t.Code, "Save"
		e.deleteBtn = widgets.NewButton("Delete target…", theme.DeleteIcon(), e.onDelete)
		e.deleteBtn.Importance = widget.DangerImportance
		extra = append(extra, e.deleteBtn)
	}
	e.dlg = widgets.NewFormDialog(s.Win, title, body, action, e.onSave, extra...)
	e.dlg.First = e.code
	descriptors := make([]fyne.CanvasObject, len(e.descriptors))
	for i, d := range e.descriptors {
		descriptors[i] = d
	}
	e.dlg.Fields = map[string]fyne.CanvasObject{
		"target.code": e.code, "target.statement": e.statement,
		"target.domain": e.domain, "target.level": e.level, "target.group": e.group,
		"target.evidence_required": e.required, "target.prerequisites": e.prereqs,
		"target.descriptors": widgets.InputsOf(descriptors...),
	}
	if t != nil {
		e.dlg.First = e.statement
	}
	return e
}

// buildFields builds the inputs of the target's own fields.
func (e *targetEditor) buildFields() {
	c := &e.g.Continuum
	e.code = widgets.NewEntry()
	e.code.PlaceHolder = "e.g. NUM.2.3"
	e.code.OnSubmitted = func(string) { e.onSave() }
	e.statement = widgets.NewMultiLineEntry(2)
	e.statement.PlaceHolder = "I can …"
	domains := make([]string, len(c.Domains))
	for i, d := range c.Domains {
		domains[i] = d.Name
	}
	e.domain = widgets.NewSelect(domains, nil)
	e.level = widgets.NewSelect(c.Levels, nil)
	e.group = widgets.NewSelect(nil, nil)
	e.source = widgets.NewSourceDetails()
	e.milestone = widgets.NewCheck("Milestone: a key point that gates progress", nil)
	e.required = widgets.NewEntry()
	e.required.OnSubmitted = func(string) { e.onSave() }
	e.place = widget.NewLabel("")
	e.earlier = widgets.NewButton("Earlier", theme.MoveUpIcon(), func() { e.onMove(-1) })
	e.later = widgets.NewButton("Later", theme.MoveDownIcon(), func() { e.onMove(1) })
	for _, p := range c.Scale.Points {
		d := widgets.NewMultiLineEntry(2)
		d.PlaceHolder = "What " + strings.ToLower(p.Label) + " looks like on this target"
		if e.orig != nil {
			d.SetText(e.orig.Descriptor(p.Value))
		}
		e.descriptors = append(e.descriptors, d)
	}
}

// buildPrerequisites builds the list of the other targets to tick as
// prerequisites, and the note that says why one was refused.
func (e *targetEditor) buildPrerequisites() {
	var choices []widgets.Choice
	for _, o := range e.g.Targets {
		if e.orig != nil && continuum.SameCode(o.Code, e.orig.Code) {
			continue
		}
		choices = append(choices, widgets.Choice{Key: o.Code, Label: o.Code + " — " + o.Statement})
	}
	var chosen []string
	if e.orig != nil {
		chosen = e.orig.Prerequisites
	}
	e.prereqs = widgets.NewChoiceList(choices, chosen, 6)
	e.prereqs.OnChange = e.onPrerequisiteChange
	e.prereqNote = widget.NewLabel("")
	e.prereqNote.Wrapping = fyne.TextWrapWord
	e.prereqNote.Importance = widget.DangerImportance
	e.prereqNote.Hide()
}

// fill fills the fields from the stored target, or for a new one in
// domain at level in group, then wires the selects, so filling moves
// nothing.
func (e *targetEditor) fill(domain, group, level string) {
	c, t := &e.g.Continuum, e.orig
	// Names match case-insensitively, as the model compares them.
	if i := c.DomainIndex(domain); i >= 0 {
		e.domain.SetSelectedIndex(i)
	}
	e.fillGroups(group)
	if i := c.LevelIndex(level); i >= 0 {
		e.level.SetSelectedIndex(i)
	}
	e.required.SetText(strconv.Itoa(commonRequirement(e.g)))
	if t != nil {
		e.code.SetText(t.Code)
		e.statement.SetText(t.Statement)
		e.milestone.SetChecked(t.Milestone)
		e.required.SetText(strconv.Itoa(t.Required()))
	}
	e.position = len(e.siblings())
	if t != nil {
		if i := e.origPosition(); i >= 0 {
			e.position = i
		}
	}
	e.domain.OnChanged = func(string) {
		e.fillGroups("")
		e.onCellChanged()
	}
	e.level.OnChanged = func(string) { e.onCellChanged() }
	e.group.OnChanged = func(string) { e.onCellChanged() }
	e.updatePlace()
}

// fillGroups offers the groups of the chosen domain, in the grid's order
// and indented by depth, and chooses key's ("" or unknown: none).
func (e *targetEditor) fillGroups(key string) {
	labels := []string{"(none: directly in the domain)"}
	e.groupKeys = []string{""}
	for _, grp := range e.tree.InDomain(e.domain.Selected) {
		labels = append(labels, uniqueLabel(labels, strings.Repeat("\u2003", grp.Depth)+grp.Title(), grp.Key))
		e.groupKeys = append(e.groupKeys, grp.Key)
	}
	on := e.group.OnChanged
	e.group.OnChanged = nil // filling is no change of the teacher's
	e.group.SetOptions(labels)
	e.group.SetSelectedIndex(max(slices.IndexFunc(e.groupKeys, func(k string) bool { return strings.EqualFold(k, key) }), 0))
	e.group.OnChanged = on
	widgets.SetEnabled(e.group, len(labels) > 1)
}

// chosenGroup returns the key of the group chosen, "" for none.
func (e *targetEditor) chosenGroup() string {
	if i := e.group.SelectedIndex(); i > 0 && i < len(e.groupKeys) {
		return e.groupKeys[i]
	}
	return ""
}

// leftColumn lays out the target's fields and its descriptors.
func (e *targetEditor) leftColumn() fyne.CanvasObject {
	codeItem := widget.NewFormItem("Code", e.code)
	if e.orig != nil {
		codeItem.HintText = "Evidence, units, flex groups and notes follow a new code."
	}
	form := widget.NewForm(
		codeItem,
		widget.NewFormItem("Statement", e.statement),
		widget.NewFormItem("Domain", e.domain),
		widget.NewFormItem("Group", e.group),
		widget.NewFormItem("Level", e.level),
		widget.NewFormItem("", e.milestone),
		widget.NewFormItem("Evidence required", container.NewBorder(nil, nil, container.New(&widgets.MinWidthLayout{Width: 80}, e.required), nil,
			widgets.Truncated(widgets.Quiet("demonstrations before mastery counts")))),
		widget.NewFormItem("Place in its cell", container.NewHBox(e.place, e.earlier, e.later)),
	)
	descriptors := widget.NewForm()
	for i, p := range e.g.Continuum.Scale.Points {
		descriptors.Append(continuum.FormatScore(p.Value)+" · "+p.Label, e.descriptors[i])
	}
	left := container.NewVBox(form)
	if e.orig != nil && (!e.orig.Source.IsZero() || len(e.orig.Links) > 0) {
		e.source.SetTarget(e.g, *e.orig)
		left.Add(widgets.Heading("Where it comes from"))
		left.Add(e.source)
	}
	left.Add(widgets.Heading("What each point of the scale looks like"))
	left.Add(descriptors)
	return container.NewVScroll(left)
}

// rightColumn lays out a coach's notes on the target, when there are
// any, and its prerequisites.
func (e *targetEditor) rightColumn() fyne.CanvasObject {
	notes := screen.NewCoachNotes()
	if e.orig != nil {
		notes.Show(e.s.store, e.cid, continuum.OnTarget, e.orig.Code)
	}
	e.right = container.NewBorder(
		container.NewVBox(notes.Content(), widgets.Heading("Prerequisites"), widgets.Hint("Targets to master first. Type to narrow the list: Enter ticks the first match; Down, then Space, ticks any.")),
		e.prereqNote, nil, nil, e.prereqs)
	return e.right
}

// Show opens the editor.
func (e *targetEditor) Show() {
	e.s.dialog = e.dlg
	e.dlg.Show(fyne.NewSize(1000, 640))
}

// commonRequirement returns the evidence most targets of g require (1
// when g has none), as the default for a new target.
func commonRequirement(g *continuum.Graph) int {
	counts := map[int]int{}
	best, bestN := 1, 0
	for _, t := range g.Targets {
		r := t.Required()
		counts[r]++
		if counts[r] > bestN || (counts[r] == bestN && r < best) {
			best, bestN = r, counts[r]
		}
	}
	return best
}

// cell returns the domain and level chosen.
func (e *targetEditor) cell() (string, string) { return e.domain.Selected, e.level.Selected }

// cellTargets returns the targets of the chosen cell as the grid shows
// them (by group, each in order), the stored target left out.
func (e *targetEditor) cellTargets() []continuum.Target {
	c := &e.g.Continuum
	domain, level := e.cell()
	d, l := c.DomainIndex(domain), c.LevelIndex(level)
	if d < 0 || l < 0 {
		return nil
	}
	cell := slices.DeleteFunc(e.g.Cell(d, l), func(t continuum.Target) bool {
		return e.orig != nil && continuum.SameCode(t.Code, e.orig.Code)
	})
	e.tree.SortTargets(cell)
	return cell
}

// siblings returns the other targets of the chosen cell and group, in order.
func (e *targetEditor) siblings() []continuum.Target {
	group := e.chosenGroup()
	return slices.DeleteFunc(e.cellTargets(), func(t continuum.Target) bool { return !strings.EqualFold(t.Group, group) })
}

// origPosition returns the stored target's place among its siblings, or
// -1 when the chosen cell or group is not its own.
func (e *targetEditor) origPosition() int {
	domain, level := e.cell()
	if e.orig == nil || !strings.EqualFold(domain, e.orig.Domain) || !strings.EqualFold(level, e.orig.Level) ||
		!strings.EqualFold(e.chosenGroup(), e.orig.Group) {
		return -1
	}
	group := e.chosenGroup()
	var pos int
	for _, t := range e.g.Cell(e.g.Continuum.DomainIndex(domain), e.g.Continuum.LevelIndex(level)) {
		if continuum.SameCode(t.Code, e.orig.Code) {
			return pos
		}
		if strings.EqualFold(t.Group, group) {
			pos++
		}
	}
	return -1
}

// onCellChanged puts the target back in its place when it returns to its
// own cell, else last in the new one.
func (e *targetEditor) onCellChanged() {
	e.position = len(e.siblings())
	if i := e.origPosition(); i >= 0 {
		e.position = i
	}
	e.updatePlace()
}

func (e *targetEditor) onMove(delta int) {
	e.position = min(max(e.position+delta, 0), len(e.siblings()))
	e.updatePlace()
}

func (e *targetEditor) updatePlace() {
	n := len(e.siblings()) + 1
	text := fmt.Sprintf("%d of %d", e.position+1, n)
	if e.chosenGroup() != "" {
		text += " in its group"
	}
	e.place.SetText(text)
	if e.orig != nil && len(e.source.Lines()) > 0 {
		t := *e.orig
		t.Group = e.chosenGroup()
		e.source.SetTarget(e.g, t)
	}
	widgets.SetEnabled(e.earlier, e.position > 0)
	widgets.SetEnabled(e.later, e.position < n-1)
}

// probe returns a target to check a list of prerequisites with: the
// stored target, or a stand-in for a new one (no target needs a new
// target yet, so it cannot close a cycle).
func (e *targetEditor) probe(prereqs []string) continuum.Target {
	var t continuum.Target
	if e.orig != nil {
		t = *e.orig
	} else {
		t = continuum.Target{Code: strings.TrimSpace(e.code.Text), Statement: "new target",
			Domain: e.g.Continuum.Domains[0].Name, Level: e.g.Continuum.Levels[0]}
		if t.Code == "" {
			t.Code = "(new target)"
		}
	}
	t.Prerequisites = prereqs
	return t
}

func (e *targetEditor) replacing() string {
	if e.orig == nil {
		return ""
	}
	return e.orig.Code
}

// onPrerequisiteChange checks a prerequisite as it is ticked: one that
// would close a cycle is refused, and the cycle is named.
func (e *targetEditor) onPrerequisiteChange(code string, on bool) bool {
	if e.prereqNote.Visible() {
		e.prereqNote.Hide()
		e.right.Refresh()
	}
	if !on {
		return true
	}
	probe := e.probe(append(e.prereqs.Chosen(), code))
	_, err := e.g.WithTarget(e.replacing(), probe)
	if err == nil || continuum.ErrorField(err) != "target.prerequisites" {
		return true
	}
	msg, _, _ := strings.Cut(screen.Problem(err), "; remove one of these links")
	e.prereqNote.SetText(fmt.Sprintf("%s cannot be a prerequisite here: %s. It was not added.", code, msg))
	e.prereqNote.Show()
	e.right.Refresh()
	return false
}

// target returns the target the form describes, with the targets of its
// cell whose order changes to make room for it.
func (e *targetEditor) target() (continuum.Target, []continuum.Target, error) {
	var t continuum.Target
	if e.orig != nil {
		t = *e.orig
		t.Descriptors = slices.Clone(t.Descriptors)
	}
	t.Code = strings.TrimSpace(e.code.Text)
	t.Statement = strings.TrimSpace(e.statement.Text)
	t.Domain, t.Level = e.cell()
	t.Group = e.chosenGroup()
	t.Milestone = e.milestone.Checked
	t.Prerequisites = e.prereqs.Chosen()
	text := strings.TrimSpace(e.required.Text)
	n, err := strconv.Atoi(text)
	if text == "" {
		n, err = 1, nil
	}
	if err != nil || n < 1 {
		return t, nil, continuum.Invalidf("target.evidence_required", "%q is not a whole number of at least 1; say how many demonstrations mastery needs", e.required.Text)
	}
	t.EvidenceRequired = n
	for i, p := range e.g.Continuum.Scale.Points {
		t.SetDescriptor(p.Value, strings.TrimSpace(e.descriptors[i].Text))
	}
	cell := e.cellTargets()
	if e.renames(t) { // what the other targets need follows the new code
		cell = continuum.RenameCode(cell, e.orig.Code, t.Code)
	}
	// The target goes at its place among its group's targets; the whole
	// cell is numbered in the order the grid shows it.
	rank, before, sibs := e.tree.Rank(t.Group), 0, 0
	for _, o := range cell {
		switch r := e.tree.Rank(o.Group); {
		case r < rank:
			before++
		case r == rank:
			sibs++
		}
	}
	pos := before + min(e.position, sibs)
	var moved []continuum.Target
	for i, o := range slices.Insert(cell, pos, t) {
		switch {
		case i == pos:
			t.Order = i + 1
		case o.Order != i+1:
			o.Order = i + 1
			moved = append(moved, o)
		}
	}
	return t, moved, nil
}

// onSave checks the target against the whole continuum, then stores it
// (with any targets whose place moved) in one change.
func (e *targetEditor) onSave() {
	t, moved, err := e.target()
	if err == nil {
		err = e.check(t)
	}
	if err != nil {
		e.dlg.SetProblem(err)
		return
	}
	e.dlg.SetError("")
	e.dlg.SetBusy(true)
	var before []continuum.Target // the stored versions of what changes
	if e.orig != nil {
		before = append(before, *e.orig)
	}
	for _, m := range moved {
		if o, ok := e.g.Target(m.Code); ok {
			before = append(before, o)
		}
	}
	cid, isNew, oldCode := e.cid, e.orig == nil, ""
	if e.renames(t) {
		oldCode = e.orig.Code
	}
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, e.store(ctx, oldCode, t, moved)
	}, func(struct{}) {
		e.dlg.SetBusy(false)
		e.dlg.Hide()
		label := "changes to target " + t.Code
		switch {
		case isNew:
			label = "new target " + t.Code
		case oldCode != "":
			label = "renaming target " + oldCode + " to " + t.Code
		}
		e.s.selectNext = t.Code
		e.s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if isNew {
					if err := e.s.store.DeleteTarget(ctx, cid, t.Code); err != nil && !errors.Is(err, continuum.ErrNotFound) {
						return fmt.Errorf("undo %s: %w", label, err)
					}
				}
				if oldCode != "" { // the old code back first, with everything that names it
					if err := e.s.store.RenameTarget(ctx, cid, t.Code, oldCode); err != nil {
						return fmt.Errorf("undo %s: %w", label, err)
					}
				}
				if err := e.s.store.PutTargets(ctx, cid, before...); err != nil && !errors.Is(err, continuum.ErrNotFound) {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.TargetsChanged, Continuum: cid},
		})
	}, func(err error) {
		e.dlg.SetBusy(false)
		e.dlg.SetProblem(err)
		e.s.hook(hookError)
	})
}

// renames reports whether t, the form's target, gives a stored target a new code.
func (e *targetEditor) renames(t continuum.Target) bool {
	return e.orig != nil && t.Code != e.orig.Code
}

// check checks t against the whole continuum, as it would be with t's
// new code when the form renames it: a code another target has is refused.
func (e *targetEditor) check(t continuum.Target) error {
	g, replacing := e.g, e.replacing()
	if e.renames(t) {
		replacing = t.Code
		if other, ok := g.Target(t.Code); ok && !continuum.SameCode(other.Code, e.orig.Code) {
			return continuum.Conflictf("target.code", "%s already has a target %s; choose another code", g.Continuum.Name, other.Code)
		}
		var err error
		if g, err = continuum.NewGraph(g.Continuum, continuum.RenameCode(g.Targets, e.orig.Code, t.Code)); err != nil {
			return err
		}
	}
	_, err := g.WithTarget(replacing, t)
	return err
}

// store saves t with the targets whose place moved; when oldCode is set,
// it first renames the stored target (everything that names it follows),
// and puts the old code back if the save then fails.
func (e *targetEditor) store(ctx context.Context, oldCode string, t continuum.Target, moved []continuum.Target) error {
	if oldCode != "" {
		if err := e.s.store.RenameTarget(ctx, e.cid, oldCode, t.Code); err != nil {
			return err
		}
	}
	err := e.s.store.PutTargets(ctx, e.cid, append([]continuum.Target{t}, moved...)...)
	if err != nil && oldCode != "" {
		if back := e.s.store.RenameTarget(ctx, e.cid, t.Code, oldCode); back != nil {
			return fmt.Errorf("%w (and the code could not be put back to %s: %v)", err, oldCode, back)
		}
	}
	return err
}

// removedWithTarget is what deleting a target takes with it, kept to undo it.
type removedWithTarget struct {
	evidence  []continuum.Evidence
	overrides []continuum.Override
}

// readRemoved reads the evidence and overrides recorded on code.
func (e *targetEditor) readRemoved(ctx context.Context, code string) (removedWithTarget, error) {
	var r removedWithTarget
	var err error
	if r.evidence, err = e.s.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: e.cid, Target: code}); err != nil {
		return r, err
	}
	all, err := e.s.store.Overrides(ctx, e.cid, "")
	for _, o := range all {
		if continuum.SameCode(o.Target, code) {
			r.overrides = append(r.overrides, o)
		}
	}
	return r, err
}

// onDelete checks no target needs this one, says what goes with it, and
// deletes it when the teacher confirms.
func (e *targetEditor) onDelete() {
	t := *e.orig
	if _, err := e.g.WithoutTarget(t.Code); err != nil {
		e.dlg.SetError("Cannot delete: " + screen.Problem(err))
		return
	}
	screen.Run(func(ctx context.Context) (removedWithTarget, error) {
		return e.readRemoved(ctx, t.Code)
	}, func(r removedWithTarget) {
		goes := "It has no evidence yet."
		if n := len(r.evidence); n > 0 {
			goes = fmt.Sprintf("Its %s goes with it", continuum.Plural(n, "piece of evidence", "pieces of evidence"))
			if len(r.overrides) > 0 {
				goes += fmt.Sprintf(", and %s", continuum.Plural(len(r.overrides), "override", "overrides"))
			}
			goes += "."
		}
		msg := fmt.Sprintf("Delete %s “%s”? %s Undo brings it back.", t.Code, t.Statement, goes)
		e.s.confirmDanger("Delete target?", msg, "Delete target", func() { e.delete(t) })
	}, func(err error) {
		e.dlg.SetError(screen.Problem(fmt.Errorf("count the evidence on %s: %w", t.Code, err)))
		e.s.hook(hookError)
	})
}

func (e *targetEditor) delete(t continuum.Target) {
	cid := e.cid
	screen.Run(func(ctx context.Context) (removedWithTarget, error) {
		r, err := e.readRemoved(ctx, t.Code)
		if err != nil {
			return r, err
		}
		return r, e.s.store.DeleteTarget(ctx, cid, t.Code)
	}, func(r removedWithTarget) {
		e.dlg.Hide()
		label := "deletion of target " + t.Code
		e.s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if err := e.s.restoreTarget(ctx, cid, t, r); err != nil {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.TargetsChanged, Continuum: cid},
		})
	}, func(err error) {
		e.dlg.SetError(continuum.ErrorMessage(err))
		e.s.hook(hookError)
	})
}

// restoreTarget puts back a deleted target with its evidence and overrides.
func (s *Screen) restoreTarget(ctx context.Context, cid string, t continuum.Target, r removedWithTarget) error {
	if err := s.store.PutTargets(ctx, cid, t); err != nil {
		if errors.Is(err, continuum.ErrNotFound) {
			return nil // the continuum itself is gone
		}
		return err
	}
	const chunk = 1000 // well inside one store transaction
	for lo := 0; lo < len(r.evidence); lo += chunk {
		batch := slices.Clone(r.evidence[lo:min(lo+chunk, len(r.evidence))])
		for i := range batch {
			batch[i].ID = 0
		}
		if _, err := s.store.AddEvidence(ctx, batch...); err != nil {
			return fmt.Errorf("restore the evidence on %s: %w", t.Code, err)
		}
	}
	for _, o := range r.overrides {
		if err := s.store.PutOverride(ctx, o); err != nil {
			return fmt.Errorf("restore the overrides on %s: %w", t.Code, err)
		}
	}
	return nil
}
