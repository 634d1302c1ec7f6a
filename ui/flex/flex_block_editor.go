package flex

import (
	"context"
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

// flexBlockEditor is the dialog that creates or edits a flex block: its
// date, slot and length, and its offerings, each with a title, a kind, a
// teacher, a room, a capacity and the targets it focuses on. The block is
// checked against the continuum as a whole when it is saved; a refusal
// names the field and opens the offering concerned.
type flexBlockEditor struct {
	p    *Screen
	g    *continuum.Graph
	orig *continuum.FlexBlock // nil for a new block

	drafts     []continuum.Offering // the offerings as edited so far
	capacities []string             // the capacity typed for each draft
	current    int                  // the draft in the form, -1 for none

	date     *widgets.Entry
	slot     *widgets.Entry
	minutes  *widgets.Entry
	list     *widget.List
	addBtn   *widgets.Button
	delBtn   *widgets.Button
	upBtn    *widgets.Button
	downBtn  *widgets.Button
	title    *widgets.Entry
	kind     *widgets.Select
	teacher  *widgets.Entry
	room     *widgets.Entry
	capacity *widgets.Entry
	focus    *widgets.ChoiceList
	focusBox *fyne.Container
	form     fyne.CanvasObject
	none     *widget.Label
	dlg      *widgets.FormDialog

	saidNoOffering bool // the problem line says the block needs an offering
}

// newFlexBlockEditor builds the editor for b (nil: a new block on day).
func newFlexBlockEditor(p *Screen, g *continuum.Graph, b *continuum.FlexBlock, day continuum.Date) *flexBlockEditor {
	e := &flexBlockEditor{p: p, g: g, orig: b, current: -1}
	e.buildBlockFields(b, day)
	e.buildOfferingFields()
	title, action := "New flex block", "Create block"
	if b != nil {
		title, action = "Flex block "+flexBlockName(*b), "Save"
	}
	e.dlg = widgets.NewFormDialog(p.Win, title, e.layout(), action, e.onSave)
	e.dlg.First = e.date
	e.dlg.Fields = map[string]fyne.CanvasObject{
		"flex.date": e.date, "flex.slot": e.slot, "flex.minutes": e.minutes,
		"offering.title": e.title, "offering.id": e.title, "offering.kind": e.kind,
		"offering.capacity": e.capacity, "offering.focus": e.focusBox,
	}
	if b != nil {
		e.dlg.First = e.slot
	}
	if len(e.drafts) > 0 {
		e.list.Select(0)
	} else {
		e.showDraft(-1)
	}
	return e
}

// buildBlockFields makes the block's own fields (date, slot, length) and
// the list of its offerings, filled from b, or for a new block on day.
func (e *flexBlockEditor) buildBlockFields(b *continuum.FlexBlock, day continuum.Date) {
	e.date = widgets.NewEntry()
	e.date.PlaceHolder = "YYYY-MM-DD"
	e.slot = widgets.NewEntry()
	e.slot.PlaceHolder = "e.g. WIN time, Flex 1"
	e.minutes = widgets.NewEntry()
	e.minutes.PlaceHolder = "40"
	for _, f := range []*widgets.Entry{e.date, e.slot, e.minutes} {
		f.OnSubmitted = func(string) { e.onSave() }
	}
	if b != nil {
		e.date.SetText(b.Date.String())
		e.slot.SetText(b.Slot)
		e.minutes.SetText(strconv.Itoa(b.Minutes))
		for _, o := range b.Offerings {
			o.Focus = slices.Clone(o.Focus)
			e.drafts = append(e.drafts, o)
			e.capacities = append(e.capacities, strconv.Itoa(o.Capacity))
		}
	} else {
		e.date.SetText(day.String())
		e.minutes.SetText("40")
	}

	e.list = widget.NewList(func() int { return len(e.drafts) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i < len(e.drafts) {
				o.(*widget.Label).SetText(e.offeringLine(i))
			}
		})
	e.list.OnSelected = e.onOfferingChosen
	e.addBtn = widgets.NewButton("Add offering", theme.ContentAddIcon(), e.onAddOffering)
	e.delBtn = widgets.NewButton("Remove", theme.ContentRemoveIcon(), e.onRemoveOffering)
	e.upBtn = widgets.NewButton("", theme.MoveUpIcon(), func() { e.onMoveOffering(-1) })
	e.downBtn = widgets.NewButton("", theme.MoveDownIcon(), func() { e.onMoveOffering(1) })
}

// buildOfferingFields makes the form of the offering chosen in the list.
func (e *flexBlockEditor) buildOfferingFields() {
	e.title = widgets.NewEntry()
	e.title.PlaceHolder = "e.g. Fractions on the number line"
	e.title.OnChanged = func(string) { e.commit(); e.list.Refresh() }
	e.title.OnSubmitted = func(string) { e.onSave() }
	kinds := make([]string, len(continuum.OfferingKinds))
	for i, k := range continuum.OfferingKinds {
		kinds[i] = k.Label()
	}
	e.kind = widgets.NewSelect(kinds, func(string) { e.commit(); e.list.Refresh() })
	e.teacher = widgets.NewEntry()
	e.room = widgets.NewEntry()
	e.capacity = widgets.NewEntry()
	e.capacity.PlaceHolder = "8"
	for _, f := range []*widgets.Entry{e.teacher, e.room, e.capacity} {
		f.OnChanged = func(string) { e.commit() }
		f.OnSubmitted = func(string) { e.onSave() }
	}
	e.focusBox = container.NewStack()
	form := widget.NewForm(
		widget.NewFormItem("Title", e.title),
		widget.NewFormItem("Kind", e.kind),
		widget.NewFormItem("Teacher", e.teacher),
		widget.NewFormItem("Room", e.room),
		widget.NewFormItem("Capacity", container.NewBorder(nil, nil, container.New(&widgets.MinWidthLayout{Width: 80}, e.capacity), nil,
			widgets.Truncated(widgets.Quiet("students at most")))),
	)
	e.form = container.NewBorder(
		container.NewVBox(form, widgets.Heading("Focus targets"),
			widgets.Hint("What the offering works on. Type to narrow the list: Enter ticks the first match; Down, then Space, ticks any. Open study needs none.")),
		nil, nil, nil, e.focusBox)
	e.none = widgets.Hint("Add an offering: each is one group of the block, with its own teacher, room and focus.")
}

// layout places the block's fields and offerings on the left, the form
// of the offering chosen on the right.
func (e *flexBlockEditor) layout() fyne.CanvasObject {
	blockForm := widget.NewForm(
		widget.NewFormItem("Date", e.date),
		widget.NewFormItem("Slot", e.slot),
		widget.NewFormItem("Length", container.NewBorder(nil, nil, container.New(&widgets.MinWidthLayout{Width: 80}, e.minutes), nil, widgets.Quiet("minutes"))),
	)
	left := container.NewBorder(
		container.NewVBox(blockForm, widgets.Heading("Offerings")),
		container.NewHBox(e.addBtn, e.delBtn, e.upBtn, e.downBtn),
		nil, nil, e.list)
	return container.NewGridWithColumns(2, left, container.NewStack(e.form, container.NewVBox(e.none)))
}

// Show opens the editor.
func (e *flexBlockEditor) Show() {
	e.p.editor = e
	e.dlg.Show(fyne.NewSize(1000, 660))
}

// offeringLine is an offering as the list shows it: "2. Equal groups — Reteach".
func (e *flexBlockEditor) offeringLine(i int) string {
	o := e.drafts[i]
	title := strings.TrimSpace(o.Title)
	if title == "" {
		title = "(untitled)"
	}
	return fmt.Sprintf("%d. %s — %s", i+1, title, o.Kind.Label())
}

// commit copies the form into the draft it shows.
func (e *flexBlockEditor) commit() {
	if e.current < 0 || e.current >= len(e.drafts) {
		return
	}
	o := &e.drafts[e.current]
	o.Title = e.title.Text
	for _, k := range continuum.OfferingKinds {
		if k.Label() == e.kind.Selected {
			o.Kind = k
		}
	}
	o.Teacher = strings.TrimSpace(e.teacher.Text)
	o.Room = strings.TrimSpace(e.room.Text)
	if e.focus != nil {
		o.Focus = e.focus.Chosen()
	}
	e.capacities[e.current] = e.capacity.Text
}

// showDraft fills the form with draft i (-1: no offering). A problem
// shown about a field of an offering stays while the others are shown:
// it still holds.
func (e *flexBlockEditor) showDraft(i int) {
	if e.dlg == nil {
		e.fillDraft(i)
		return
	}
	e.dlg.Fill(func() { e.fillDraft(i) })
}

// fillDraft fills the form with draft i (-1: no offering).
func (e *flexBlockEditor) fillDraft(i int) {
	e.current = -1 // filling the form must not write into a draft
	if i < 0 || i >= len(e.drafts) {
		e.form.Hide()
		e.none.Show()
		e.focus = nil
		e.updateButtons()
		return
	}
	o := e.drafts[i]
	e.title.SetText(o.Title)
	e.kind.SetSelected(o.Kind.Label())
	e.teacher.SetText(o.Teacher)
	e.room.SetText(o.Room)
	e.capacity.SetText(e.capacities[i])
	e.focus = widgets.NewChoiceList(e.focusChoices(o.Focus), o.Focus, 6)
	widgets.SetOnEscape(e.focus, e.dlg.Hide)
	e.focusBox.Objects = []fyne.CanvasObject{e.focus}
	e.focusBox.Refresh()
	e.none.Hide()
	e.form.Show()
	e.current = i
	e.updateButtons()
}

// focusChoices are the continuum's targets, and any code of chosen that
// is not (a target deleted since), so that it shows and can be removed.
func (e *flexBlockEditor) focusChoices(chosen []string) []widgets.Choice {
	var out []widgets.Choice
	for _, code := range chosen {
		if _, ok := e.g.Lookup(code); !ok {
			out = append(out, widgets.Choice{Key: code, Label: code + " — not a target of " + e.g.Continuum.Name})
		}
	}
	for _, t := range e.g.Targets {
		out = append(out, widgets.Choice{Key: t.Code, Label: t.Code + " — " + t.Statement})
	}
	return out
}

func (e *flexBlockEditor) updateButtons() {
	widgets.SetEnabled(e.delBtn, e.current >= 0)
	widgets.SetEnabled(e.upBtn, e.current > 0)
	widgets.SetEnabled(e.downBtn, e.current >= 0 && e.current < len(e.drafts)-1)
}

func (e *flexBlockEditor) onOfferingChosen(i widget.ListItemID) {
	if i == e.current {
		return
	}
	e.commit()
	e.showDraft(i)
}

func (e *flexBlockEditor) onAddOffering() {
	if e.saidNoOffering {
		e.saidNoOffering = false
		e.dlg.SetError("")
	}
	e.commit()
	e.drafts = append(e.drafts, continuum.Offering{Kind: continuum.Practice})
	e.capacities = append(e.capacities, "8")
	e.list.Refresh()
	e.list.Select(len(e.drafts) - 1)
	if c := e.p.Win.Canvas(); c != nil {
		c.Focus(e.title)
	}
}

func (e *flexBlockEditor) onRemoveOffering() {
	i := e.current
	if i < 0 {
		return
	}
	e.drafts = slices.Delete(e.drafts, i, i+1)
	e.capacities = slices.Delete(e.capacities, i, i+1)
	e.list.UnselectAll()
	e.list.Refresh()
	if len(e.drafts) == 0 {
		e.showDraft(-1)
		return
	}
	e.list.Select(min(i, len(e.drafts)-1))
}

func (e *flexBlockEditor) onMoveOffering(delta int) {
	i, j := e.current, e.current+delta
	if i < 0 || j < 0 || j >= len(e.drafts) {
		return
	}
	e.commit()
	e.drafts[i], e.drafts[j] = e.drafts[j], e.drafts[i]
	e.capacities[i], e.capacities[j] = e.capacities[j], e.capacities[i]
	e.current = j
	e.list.Refresh()
	e.list.Select(j)
	e.updateButtons()
}

// block returns the block the dialog describes, without checking it
// against the continuum; the index of the offering a problem is with, or -1.
func (e *flexBlockEditor) block() (continuum.FlexBlock, int, error) {
	e.commit()
	var b continuum.FlexBlock
	if e.orig != nil {
		b = *e.orig
	} else {
		b.Continuum = e.g.Continuum.ID
	}
	date, err := continuum.ParseDate(e.date.Text)
	if err != nil {
		return b, -1, continuum.Invalidf("flex.date", "%s", screen.Problem(err))
	}
	b.Date = date
	b.Slot = strings.TrimSpace(e.slot.Text)
	text := strings.TrimSpace(e.minutes.Text)
	if b.Minutes, err = strconv.Atoi(text); err != nil || b.Minutes < 1 {
		return b, -1, continuum.Invalidf("flex.minutes", "%q is not a whole number of minutes", e.minutes.Text)
	}
	if e.orig == nil {
		b.ID = flexNewBlockID(b.Date, b.Slot, e.p.blocks)
	}
	b.Offerings = make([]continuum.Offering, len(e.drafts))
	for i, o := range e.drafts {
		o.Title = strings.TrimSpace(o.Title)
		c := strings.TrimSpace(e.capacities[i])
		if o.Capacity, err = strconv.Atoi(c); err != nil || o.Capacity < 1 {
			return b, i, continuum.Invalidf("offering.capacity", "%q is not a whole number of students of at least 1", c)
		}
		b.Offerings[i] = o
	}
	for i := range b.Offerings {
		if b.Offerings[i].ID == "" {
			b.Offerings[i].ID = flexNewOfferingID(b.Offerings[i].Title, b.Offerings)
		}
	}
	// Placements in an offering that was removed go with it, as do those
	// of students no longer on the roster.
	b.Assignments = slices.DeleteFunc(slices.Clone(b.Assignments), func(a continuum.Assignment) bool {
		_, ok := b.Offering(a.Offering)
		return !ok || !e.p.onRoster(a.Student)
	})
	// Find the offering a problem is with: check them one more at a time.
	for i := range b.Offerings {
		probe := b
		probe.Offerings, probe.Assignments = b.Offerings[:i+1], nil
		if err := probe.Validate(e.g); err != nil && strings.HasPrefix(continuum.ErrorField(err), "offering.") {
			return b, i, err
		}
	}
	return b, -1, b.Validate(e.g)
}

// onSave checks the block against the continuum, then stores it.
func (e *flexBlockEditor) onSave() {
	b, at, err := e.block()
	e.saidNoOffering = err == nil && len(b.Offerings) == 0
	if e.saidNoOffering {
		err = continuum.Invalidf("offering.title", "a block needs at least one offering; add one")
	}
	if err != nil {
		if at >= 0 && at != e.current {
			e.list.Select(at)
		}
		if e.saidNoOffering {
			e.dlg.SetError(continuum.ErrorMessage(err)) // until an offering is added
		} else {
			e.dlg.SetProblem(err)
		}
		return
	}
	e.dlg.SetError("")
	e.dlg.SetBusy(true)
	var old continuum.FlexBlock
	label := "new flex block " + flexBlockName(b)
	if e.orig != nil {
		old = *e.orig
		label = "changes to " + flexBlockName(old)
	}
	p := e.p
	screen.Run(func(ctx context.Context) (struct{}, error) {
		// Checked against the store too (the roster may have changed), so
		// that the dialog can stay open on a refusal.
		return struct{}{}, p.store.PutFlexBlock(ctx, b)
	}, func(struct{}) {
		e.dlg.SetBusy(false)
		e.dlg.Hide()
		p.afterBlockStored(b, old, label)
	}, func(err error) {
		e.dlg.SetBusy(false)
		e.dlg.SetProblem(err)
	})
}

// afterBlockStored shows a block just stored (in place of old, or new
// when old has no ID), in its week, and records the change.
func (p *Screen) afterBlockStored(b, old continuum.FlexBlock, label string) {
	p.putBlock(b)
	p.blockID = b.ID
	p.monday = widgets.MondayOf(b.Date)
	p.weekSet = true
	p.syncPlan()
	p.showAll()
	cid := b.Continuum
	p.did(screen.UndoStep{
		Label: label,
		Undo: func(ctx context.Context) error {
			var err error
			if old.ID == "" {
				err = p.store.DeleteFlexBlock(ctx, cid, b.ID)
			} else {
				if old.ID != b.ID {
					_ = p.store.DeleteFlexBlock(ctx, cid, b.ID)
				}
				err = p.store.PutFlexBlock(ctx, old)
			}
			if err != nil {
				return fmt.Errorf("undo %s: %w", label, err)
			}
			return nil
		},
		Change: screen.Change{Kind: screen.FlexChanged, Continuum: cid},
	})
}

// flexSlug turns a name into a code: lower case, letters and digits, with
// dashes between words, at most 40 characters.
func flexSlug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		default:
			dash = true
		}
		if b.Len() >= 40 {
			break
		}
	}
	return b.String()
}

// flexNewBlockID makes an ID for a new block from its day and slot,
// unique among blocks: "2026-11-30-win-time".
func flexNewBlockID(day continuum.Date, slot string, blocks []continuum.FlexBlock) string {
	base := day.String()
	if s := flexSlug(slot); s != "" {
		base += "-" + s
	}
	return flexUnique(base, func(id string) bool {
		return slices.ContainsFunc(blocks, func(b continuum.FlexBlock) bool { return strings.EqualFold(b.ID, id) })
	})
}

// flexNewOfferingID makes an ID for a new offering from its title,
// unique among offerings.
func flexNewOfferingID(title string, offerings []continuum.Offering) string {
	base := flexSlug(title)
	if base == "" {
		base = "offering"
	}
	return flexUnique(base, func(id string) bool {
		return slices.ContainsFunc(offerings, func(o continuum.Offering) bool { return strings.EqualFold(o.ID, id) })
	})
}

// flexUnique returns base, or base-2, base-3 … the first that is not taken.
func flexUnique(base string, taken func(string) bool) string {
	id := base
	for n := 2; taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// onNewBlock opens the editor for a new block on the first school day of
// the week shown from today on.
func (p *Screen) onNewBlock() {
	if p.graph == nil {
		return
	}
	day := p.monday
	if today := p.WS.Today(); !today.Before(p.monday) && today.Before(p.monday.AddDays(5)) {
		day = today
	}
	newFlexBlockEditor(p, p.graph, nil, day).Show()
}

// onEditBlock opens the editor on the chosen block.
func (p *Screen) onEditBlock() {
	b, ok := p.current()
	if !ok || p.graph == nil {
		return
	}
	newFlexBlockEditor(p, p.graph, &b, b.Date).Show()
}

// onDuplicateBlock copies the chosen block's offerings, without anyone
// placed, to another day (a week later unless the teacher says otherwise).
func (p *Screen) onDuplicateBlock() {
	orig, ok := p.current()
	if !ok || p.graph == nil {
		return
	}
	date := widgets.NewEntry()
	date.SetText(orig.Date.AddDays(7).String())
	slot := widgets.NewEntry()
	slot.SetText(orig.Slot)
	hint := widgets.Hint(fmt.Sprintf("The %s are copied; nobody is placed yet.", continuum.Plural(len(orig.Offerings), "offering", "offerings")))
	form := widget.NewForm(widget.NewFormItem("Date", date), widget.NewFormItem("Slot", slot))
	var d *widgets.FormDialog
	save := func() {
		day, err := continuum.ParseDate(date.Text)
		if err != nil {
			d.SetFieldError(date, "Date: "+screen.Problem(err))
			return
		}
		b := orig
		b.Date, b.Slot = day, strings.TrimSpace(slot.Text)
		b.ID = flexNewBlockID(b.Date, b.Slot, p.blocks)
		b.Assignments = nil
		b.Offerings = slices.Clone(orig.Offerings)
		for i := range b.Offerings {
			b.Offerings[i].Focus = slices.Clone(b.Offerings[i].Focus)
		}
		if err := b.Validate(p.graph); err != nil {
			d.SetProblem(err)
			return
		}
		d.SetBusy(true)
		screen.Run(func(ctx context.Context) (struct{}, error) {
			return struct{}{}, p.store.PutFlexBlock(ctx, b)
		}, func(struct{}) {
			d.SetBusy(false)
			d.Hide()
			p.afterBlockStored(b, continuum.FlexBlock{}, "copy of "+flexBlockName(orig)+" to "+b.Date.Long())
		}, func(err error) {
			d.SetBusy(false)
			d.SetProblem(err)
		})
	}
	date.OnSubmitted = func(string) { save() }
	slot.OnSubmitted = func(string) { save() }
	d = widgets.NewFormDialog(p.Win, "Duplicate "+flexBlockName(orig), container.NewVBox(form, hint), "Duplicate", save)
	d.First = date
	d.Fields = map[string]fyne.CanvasObject{"flex.date": date, "flex.slot": slot}
	p.confirm = d
	d.Show(fyne.NewSize(460, 0))
}

// onDeleteBlock deletes the chosen block once the teacher confirms.
func (p *Screen) onDeleteBlock() {
	orig, ok := p.current()
	if !ok {
		return
	}
	goes := "Nobody is placed in it yet."
	if n := len(orig.Assignments); n > 0 {
		goes = fmt.Sprintf("Its %s and their attendance go with it.", continuum.Plural(n, "placement", "placements"))
	}
	text := widget.NewLabel(fmt.Sprintf("Delete %s? %s Undo brings it back.", flexBlockName(orig), goes))
	text.Wrapping = fyne.TextWrapWord
	var d *widgets.FormDialog
	d = widgets.NewFormDialog(p.Win, "Delete flex block?", text, "Delete block", func() {
		d.Hide()
		p.deleteBlock(orig)
	})
	d.ConfirmButton().Importance = widget.DangerImportance
	d.ConfirmButton().Icon = theme.DeleteIcon()
	d.First = d.CancelButton()
	p.confirm = d
	d.Show(fyne.NewSize(480, 0))
}

func (p *Screen) deleteBlock(orig continuum.FlexBlock) {
	cid := orig.Continuum
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, p.store.DeleteFlexBlock(ctx, cid, orig.ID)
	}, func(struct{}) {
		p.blocks = slices.DeleteFunc(p.blocks, func(b continuum.FlexBlock) bool { return b.ID == orig.ID })
		if p.blockID == orig.ID {
			p.blockID = p.firstOfWeek()
		}
		p.syncPlan()
		p.showAll()
		label := "deletion of " + flexBlockName(orig)
		p.did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if err := p.store.PutFlexBlock(ctx, orig); err != nil {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.FlexChanged, Continuum: cid},
		})
	}, func(err error) {
		screen.ShowError(p.Win, fmt.Errorf("delete %s: %w", flexBlockName(orig), err))
	})
}
