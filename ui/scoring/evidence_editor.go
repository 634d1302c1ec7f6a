package scoring

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// EvidenceEditor is the history of one student on one target, in a
// dialog: every piece of evidence (date, score, kind, scorer, note) with
// Edit and Delete, the judgement it adds up to, and the teacher's override
// (record, change or remove it). Every change is undoable.
type EvidenceEditor struct {
	store continuum.EvidenceStore
	ws    *screen.Workspace
	win   fyne.Window

	// OnChanged, when set, is called after the student's evidence or
	// override on the target changed, with the student's ID.
	OnChanged func(student string)
	// record announces a change with its undo step (ws.Did unless the
	// owning screen wants to know its own changes).
	record func(screen.UndoStep)

	graph   *continuum.Graph
	student continuum.Student
	target  continuum.Target

	evidence []continuum.Evidence
	override *continuum.Override

	dlg       dialog.Dialog
	now       *widget.Label
	rows      *fyne.Container
	overLine  *widget.Label
	overBtn   *widgets.Button
	removeBtn *widgets.Button
	closeBtn  *widgets.Button
	loaded    func() // test hook: a load has been shown
}

// NewEvidenceEditor returns an editor that works on store and records its
// changes in ws.
func NewEvidenceEditor(store continuum.EvidenceStore, ws *screen.Workspace, win fyne.Window) *EvidenceEditor {
	return &EvidenceEditor{store: store, ws: ws, win: win, record: ws.Did}
}

// Show opens the history of student st on the target with code, in g.
func (e *EvidenceEditor) Show(g *continuum.Graph, st continuum.Student, code string) {
	t, ok := g.Target(code)
	if !ok {
		screen.ShowError(e.win, continuum.NotFoundf("target.code", "%s is not a target of %s", code, g.Continuum.Name))
		return
	}
	e.graph, e.student, e.target = g, st, t
	e.evidence, e.override = nil, nil

	heading := widget.NewRichText(
		&widget.TextSegment{Text: st.Name, Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: "  " + st.ID + "  on  ", Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePlaceHolder}},
		&widget.TextSegment{Text: t.Code, Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
	)
	statement := widget.NewLabel(t.Statement)
	statement.Wrapping = fyne.TextWrapWord
	e.now = widget.NewLabel("")
	e.rows = container.NewVBox()
	e.overLine = widget.NewLabel("")
	e.overLine.Wrapping = fyne.TextWrapWord
	e.overBtn = widgets.NewButton("Override…", theme.DocumentCreateIcon(), e.onOverride)
	e.removeBtn = widgets.NewButton("Remove override", theme.ContentClearIcon(), e.onRemoveOverride)
	e.closeBtn = widgets.NewButton("Close", theme.CancelIcon(), func() { e.dlg.Hide() })
	e.closeBtn.Importance = widget.HighImportance

	header := container.New(widgets.NewColumnsLayout(evidenceColumns...),
		widgets.Heading("Date"), widgets.Heading("Score"), widgets.Heading("Kind"), widgets.Heading("Scorer"), widgets.Heading("Note"), widget.NewLabel(""))
	table := container.NewBorder(container.NewVBox(header, widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(e.rows))
	override := container.NewBorder(nil, nil, nil, container.NewHBox(e.overBtn, e.removeBtn), e.overLine)
	content := container.NewBorder(
		container.NewVBox(heading, statement, e.now, widget.NewSeparator()),
		container.NewVBox(widget.NewSeparator(), override, widget.NewSeparator(),
			container.NewHBox(layout.NewSpacer(), e.closeBtn)),
		nil, nil, table)
	e.dlg = dialog.NewCustomWithoutButtons("History", content, e.win)
	widgets.SetOnEscape(content, e.dlg.Hide)
	e.dlg.Resize(fyne.NewSize(820, 520))
	e.dlg.Show()
	e.focus(e.closeBtn)
	e.reload()
}

// Hide closes the dialog.
func (e *EvidenceEditor) Hide() {
	if e.dlg != nil {
		e.dlg.Hide()
	}
}

// evidenceColumns are the widths of the history table: date, score, kind,
// scorer, note (flexible) and the row's buttons.
var evidenceColumns = []float32{100, 130, 130, 70, 0, 96}

func (e *EvidenceEditor) focus(f fyne.Focusable) {
	if c := e.win.Canvas(); c != nil {
		c.Focus(f)
	}
}

type studentTargetRecords struct {
	evidence []continuum.Evidence
	override *continuum.Override
}

// reload reads the student's evidence and override on the target.
func (e *EvidenceEditor) reload() {
	cid, sid, code := e.graph.Continuum.ID, e.student.ID, e.target.Code
	screen.Run(func(ctx context.Context) (studentTargetRecords, error) {
		var r studentTargetRecords
		var err error
		if r.evidence, err = e.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid, Student: sid, Target: code}); err != nil {
			return r, fmt.Errorf("read the history of %s on %s: %w", sid, code, err)
		}
		all, err := e.store.Overrides(ctx, cid, sid)
		if err != nil {
			return r, fmt.Errorf("read the overrides of %s: %w", sid, err)
		}
		for i := range all {
			if continuum.SameCode(all[i].Target, code) {
				r.override = &all[i]
			}
		}
		return r, nil
	}, func(r studentTargetRecords) {
		e.evidence, e.override = r.evidence, r.override
		e.show()
		if e.loaded != nil {
			e.loaded()
		}
	}, func(err error) { screen.ShowError(e.win, err) })
}

// show fills the dialog from what was read.
func (e *EvidenceEditor) show() {
	var overrides []continuum.Override
	if e.override != nil {
		overrides = []continuum.Override{*e.override}
	}
	i, _ := e.graph.Lookup(e.target.Code)
	m := e.graph.StudentMastery(&e.student, e.evidence, overrides)[i]
	text, imp := masteryStatus(m, &e.target, &e.graph.Continuum.Scale)
	e.now.Importance = imp
	e.now.SetText("Now: " + text + " · " + e.methodNote())

	e.rows.RemoveAll()
	if len(e.evidence) == 0 {
		none := widgets.Quiet("No evidence yet on this target.")
		e.rows.Add(none)
	}
	for _, ev := range e.evidence {
		e.rows.Add(e.evidenceRow(ev))
	}
	if o := e.override; o != nil {
		by := ""
		if o.By != "" {
			by = " by " + o.By
		}
		e.overLine.SetText(fmt.Sprintf("Override: %s, on %s%s. %s", overrideWord(o.Mastered), o.Date.Long(), by, o.Reason))
		e.overBtn.SetText("Change override…")
		e.removeBtn.Show()
	} else {
		e.overLine.SetText("No override: the evidence decides.")
		e.overBtn.SetText("Override…")
		e.removeBtn.Hide()
	}
}

func (e *EvidenceEditor) methodNote() string {
	m := e.graph.Continuum.Method
	if e.target.Method != nil {
		m = *e.target.Method
	}
	note := fmt.Sprintf("%s, mastered at %s", strings.ToLower(m.Kind.Label()), continuum.FormatScore(e.graph.Continuum.Scale.Cut))
	if r := e.target.Required(); r > 1 {
		note += fmt.Sprintf(" with at least %d pieces", r)
	}
	return note
}

func overrideWord(mastered bool) string {
	if mastered {
		return "mastered"
	}
	return "not yet"
}

func (e *EvidenceEditor) evidenceRow(ev continuum.Evidence) fyne.CanvasObject {
	score := continuum.FormatScore(ev.Score)
	if p, ok := e.graph.Continuum.Scale.Point(ev.Score); ok {
		score += " " + p.Label
	}
	note := widget.NewLabel(ev.Note)
	note.Truncation = fyne.TextTruncateEllipsis
	edit := widgets.NewButton("", theme.DocumentCreateIcon(), func() { e.onEdit(ev) })
	del := widgets.NewButton("", theme.DeleteIcon(), func() { e.onDelete(ev) })
	edit.Importance, del.Importance = widget.LowImportance, widget.LowImportance
	row := container.New(widgets.NewColumnsLayout(evidenceColumns...),
		widget.NewLabel(ev.Date.String()), widget.NewLabel(score), widget.NewLabel(ev.Kind.Label()),
		widget.NewLabel(ev.Scorer), note, container.NewHBox(edit, del))
	widgets.SetOnEscape(row, e.dlg.Hide)
	return row
}

// scalePointLabels lists the scale's points as "3 Proficient".
func scalePointLabels(s *continuum.Scale) []string {
	out := make([]string, len(s.Points))
	for i, p := range s.Points {
		out[i] = continuum.FormatScore(p.Value) + " " + p.Label
	}
	return out
}

// dateValidator accepts what continuum.ParseDate reads.
func dateValidator(s string) error {
	if _, err := continuum.ParseDate(s); err != nil {
		return errors.New("expected a date such as 2026-09-14 or 9/14/2026")
	}
	return nil
}

func (e *EvidenceEditor) subject() string {
	return fmt.Sprintf("%s's score on %s", e.student.Name, e.target.Code)
}

func (e *EvidenceEditor) changed() {
	e.reload()
	if e.OnChanged != nil {
		e.OnChanged(e.student.ID)
	}
}

func (e *EvidenceEditor) onEdit(old continuum.Evidence) {
	scale := &e.graph.Continuum.Scale
	date := widgets.NewEntry()
	date.SetText(old.Date.String())
	date.Validator = dateValidator
	points := scalePointLabels(scale)
	score := widgets.NewSelect(points, nil)
	for i, p := range scale.Points {
		if p.Value == old.Score {
			score.SetSelectedIndex(i)
		}
	}
	kind := widgets.NewSelect(continuum.EvidenceKindLabels(), nil)
	kind.SetSelected(old.Kind.Label())
	scorer := widgets.NewEntry()
	scorer.SetText(old.Scorer)
	note := widgets.NewEntry()
	note.SetText(old.Note)
	items := []*widget.FormItem{
		widget.NewFormItem("Date", date), widget.NewFormItem("Score", score), widget.NewFormItem("Kind", kind),
		widget.NewFormItem("Scorer", scorer), widget.NewFormItem("Note", note),
	}
	d := dialog.NewForm("Edit evidence", "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		upd := old
		upd.Date, _ = continuum.ParseDate(date.Text)
		if i := score.SelectedIndex(); i >= 0 {
			upd.Score = scale.Points[i].Value
		}
		upd.Kind = continuum.EvidenceKindOfLabel(kind.Selected)
		upd.Scorer = strings.TrimSpace(scorer.Text)
		upd.Note = strings.TrimSpace(note.Text)
		e.saveEdit(old, upd)
	}, e.win)
	for _, en := range []*widgets.Entry{date, scorer, note} {
		en.OnSubmitted = func(string) { d.Submit() }
	}
	for _, it := range items {
		widgets.SetOnEscape(it.Widget, d.Hide)
	}
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
	e.focus(score)
}

func (e *EvidenceEditor) saveEdit(old, upd continuum.Evidence) {
	label := "edit of " + e.subject()
	screen.Run(func(ctx context.Context) (struct{}, error) {
		if err := e.store.UpdateEvidence(ctx, upd); err != nil {
			return struct{}{}, fmt.Errorf("edit evidence %d: %w", upd.ID, err)
		}
		return struct{}{}, nil
	}, func(struct{}) {
		e.record(screen.UndoStep{Label: label, Undo: func(ctx context.Context) error {
			return e.store.UpdateEvidence(ctx, old)
		}, Change: screen.Change{Kind: screen.EvidenceChanged, Continuum: old.Continuum}})
		e.changed()
	}, func(err error) { screen.ShowError(e.win, err) })
}

func (e *EvidenceEditor) onDelete(ev continuum.Evidence) {
	msg := fmt.Sprintf("Delete %s's %s on %s, from %s?\n\nYou can undo this.",
		e.student.Name, continuum.FormatScore(ev.Score), e.target.Code, ev.Date)
	widgets.ShowConfirmation(e.win, "Delete evidence", msg, "Delete", func() {
		label := "deletion of " + e.subject()
		screen.Run(func(ctx context.Context) (continuum.Evidence, error) {
			gone, err := e.store.DeleteEvidence(ctx, ev.ID)
			if err != nil {
				return gone, fmt.Errorf("delete evidence %d: %w", ev.ID, err)
			}
			return gone, nil
		}, func(gone continuum.Evidence) {
			e.record(screen.UndoStep{Label: label, Undo: func(ctx context.Context) error {
				// The store gives restored evidence a new ID; its date and
				// time of recording are kept.
				_, err := e.store.AddEvidence(ctx, gone)
				return err
			}, Change: screen.Change{Kind: screen.EvidenceChanged, Continuum: gone.Continuum}})
			e.changed()
		}, func(err error) { screen.ShowError(e.win, err) })
	})
}

func (e *EvidenceEditor) onOverride() {
	judgement := widget.NewRadioGroup([]string{"Mastered", "Not yet"}, nil)
	judgement.Horizontal = true
	judgement.Required = true
	judgement.SetSelected("Mastered")
	reason := widgets.NewMultiLineEntry(3)
	reason.SetPlaceHolder("Why, for a colleague or a family to read")
	reason.Validator = func(s string) error {
		if strings.TrimSpace(s) == "" {
			return errors.New("give a reason")
		}
		return nil
	}
	date := widgets.NewEntry()
	date.SetText(e.ws.Today().String())
	date.Validator = dateValidator
	by := widgets.NewEntry()
	by.SetText(fyne.CurrentApp().Preferences().String(prefScoringScorer))
	if o := e.override; o != nil {
		judgement.SetSelected(map[bool]string{true: "Mastered", false: "Not yet"}[o.Mastered])
		reason.SetText(o.Reason)
		date.SetText(o.Date.String())
		by.SetText(o.By)
	}
	items := []*widget.FormItem{
		widget.NewFormItem("Judgement", judgement), widget.NewFormItem("Reason", reason),
		widget.NewFormItem("Date", date), widget.NewFormItem("By", by),
	}
	items[1].HintText = "An override outranks the evidence until it is removed."
	d := dialog.NewForm(fmt.Sprintf("Override for %s on %s", e.student.Name, e.target.Code), "Save", "Cancel", items, func(ok bool) {
		if !ok {
			return
		}
		day, _ := continuum.ParseDate(date.Text)
		o := continuum.Override{
			Continuum: e.graph.Continuum.ID, Student: e.student.ID, Target: e.target.Code,
			Mastered: judgement.Selected == "Mastered", Reason: strings.TrimSpace(reason.Text),
			Date: day, By: strings.TrimSpace(by.Text),
		}
		e.saveOverride(o)
	}, e.win)
	for _, en := range []*widgets.Entry{date, by} {
		en.OnSubmitted = func(string) { d.Submit() }
	}
	for _, it := range items {
		widgets.SetOnEscape(it.Widget, d.Hide)
	}
	d.Resize(fyne.NewSize(520, 0))
	d.Show()
	e.focus(reason)
}

func (e *EvidenceEditor) saveOverride(o continuum.Override) {
	prev := e.override
	label := fmt.Sprintf("override for %s on %s", e.student.Name, e.target.Code)
	screen.Run(func(ctx context.Context) (struct{}, error) {
		if err := e.store.PutOverride(ctx, o); err != nil {
			return struct{}{}, fmt.Errorf("record the override for %s on %s: %w", o.Student, o.Target, err)
		}
		return struct{}{}, nil
	}, func(struct{}) {
		e.record(screen.UndoStep{Label: label, Undo: func(ctx context.Context) error {
			if prev != nil {
				return e.store.PutOverride(ctx, *prev)
			}
			return e.store.DeleteOverride(ctx, o.Continuum, o.Student, o.Target)
		}, Change: screen.Change{Kind: screen.EvidenceChanged, Continuum: o.Continuum}})
		e.changed()
	}, func(err error) { screen.ShowError(e.win, err) })
}

func (e *EvidenceEditor) onRemoveOverride() {
	prev := e.override
	if prev == nil {
		return
	}
	label := fmt.Sprintf("removal of %s's override on %s", e.student.Name, e.target.Code)
	screen.Run(func(ctx context.Context) (struct{}, error) {
		if err := e.store.DeleteOverride(ctx, prev.Continuum, prev.Student, prev.Target); err != nil {
			return struct{}{}, fmt.Errorf("remove the override for %s on %s: %w", prev.Student, prev.Target, err)
		}
		return struct{}{}, nil
	}, func(struct{}) {
		old := *prev
		e.record(screen.UndoStep{Label: label, Undo: func(ctx context.Context) error {
			return e.store.PutOverride(ctx, old)
		}, Change: screen.Change{Kind: screen.EvidenceChanged, Continuum: old.Continuum}})
		e.changed()
		e.focus(e.overBtn)
	}, func(err error) { screen.ShowError(e.win, err) })
}
