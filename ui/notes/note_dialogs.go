package notes

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// notesEditor is the dialog that edits one note: its day, coach, subject,
// look-for and text.
type notesEditor struct {
	s     *Screen
	orig  continuum.VisitNote
	date  *widgets.Entry
	coach *widgets.Entry
	form  *notesForm
	dlg   *widgets.FormDialog
}

func newNotesEditor(s *Screen, n continuum.VisitNote) *notesEditor {
	e := &notesEditor{s: s, orig: n}
	e.date = widgets.NewEntry()
	e.date.SetText(n.Date.String())
	e.coach = widgets.NewEntry()
	e.coach.SetText(n.Coach)
	e.form = newNotesForm()
	e.form.about.Horizontal = false // the dialog's half is too narrow for the choices side by side
	d := s.data
	e.form.setChoices(d.graph, d.units, d.groups, d.lookFors)
	e.form.set(n)
	when := container.NewGridWithColumns(2,
		container.NewVBox(widgets.Heading("Day of the visit"), e.date),
		container.NewVBox(widgets.Heading("Coach"), e.coach))
	e.form.frame = container.NewVScroll(e.form.aboutPart)
	body := container.NewGridWithColumns(2, e.form.frame, container.NewVScroll(container.NewVBox(when, e.form.textPart)))
	e.dlg = widgets.NewFormDialog(s.Win, "Note on "+notesSubjectName(n), body, "Save", e.onSave)
	e.dlg.First = e.form.text
	subject := widgets.InputsOf(e.form.about, e.form.targets, e.form.unit, e.form.group)
	e.dlg.Fields = map[string]fyne.CanvasObject{
		"visit.date": e.date, "visit.subject": subject, "visit.subject_kind": subject,
		"visit.note": e.form.text,
	}
	return e
}

// problemInput returns the inputs a problem that the form found with n
// is about: the note's text once its subject is chosen (the form checks
// the subject first), else what chooses the subject.
func (e *notesEditor) problemInput(n continuum.VisitNote) fyne.CanvasObject {
	if n.About == continuum.OnClass || n.Subject != "" {
		return e.dlg.Fields["visit.note"]
	}
	return e.dlg.Fields["visit.subject"]
}

// Show opens the editor.
func (e *notesEditor) Show() { e.dlg.Show(fyne.NewSize(860, 560)) }

// onSave replaces the note; Undo puts the old one back.
func (e *notesEditor) onSave() {
	day, err := continuum.ParseDate(strings.TrimSpace(e.date.Text))
	if err != nil || day.IsZero() {
		e.dlg.SetFieldError(e.date, fmt.Sprintf("%q is not a date: write the day of the visit as YYYY-MM-DD.", e.date.Text))
		return
	}
	n, err := e.form.note()
	if err != nil {
		e.dlg.SetFieldError(e.problemInput(n), err.Error())
		return
	}
	n.ID, n.Continuum, n.Date, n.Coach = e.orig.ID, e.orig.Continuum, day, strings.TrimSpace(e.coach.Text)
	e.dlg.SetError("")
	e.dlg.SetBusy(true)
	old := e.orig
	screen.Run(func(ctx context.Context) (continuum.VisitNote, error) {
		return e.s.notes.PutVisitNote(ctx, n)
	}, func(stored continuum.VisitNote) {
		e.dlg.SetBusy(false)
		e.dlg.Hide()
		label := "changes to a note on " + notesSubjectName(stored)
		e.s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if _, err := e.s.notes.PutVisitNote(ctx, old); err != nil {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.VisitNotesChanged, Continuum: old.Continuum},
		})
	}, func(err error) {
		e.dlg.SetBusy(false)
		e.dlg.SetFieldError(e.dlg.Fields[continuum.ErrorField(err)], "The note was not saved: "+screen.Problem(err))
	})
}

// lookForEditor is the dialog that edits the coach's look-for list: add,
// rename, remove and reorder.
type lookForEditor struct {
	s      *Screen
	before []string
	rows   *fyne.Container
	items  []*widgets.Entry
	addBtn *widgets.Button
	dlg    *widgets.FormDialog
}

func (s *Screen) onEditLookFors() {
	if s.data == nil {
		return
	}
	s.lookFors = newLookForEditor(s, s.data.lookFors)
	s.lookFors.Show()
}

func newLookForEditor(s *Screen, lookFors []string) *lookForEditor {
	e := &lookForEditor{s: s, before: slices.Clone(lookFors)}
	e.rows = container.NewVBox()
	for _, l := range lookFors {
		e.items = append(e.items, e.newItem(l))
	}
	e.addBtn = widgets.NewButton("Add look-for", theme.ContentAddIcon(), e.onAdd)
	e.layout()
	intro := widgets.Hint("What you look for on a visit, in the order you look. Notes already written keep the words they were written with.")
	body := container.NewBorder(intro, container.NewHBox(e.addBtn), nil, nil, container.NewVScroll(e.rows))
	e.dlg = widgets.NewFormDialog(s.Win, "Look-fors", body, "Save", e.onSave)
	if len(e.items) > 0 {
		e.dlg.First = e.items[0]
	} else {
		e.dlg.First = e.addBtn
	}
	return e
}

// Show opens the editor.
func (e *lookForEditor) Show() { e.dlg.Show(fyne.NewSize(640, 460)) }

func (e *lookForEditor) newItem(text string) *widgets.Entry {
	it := widgets.NewEntry()
	it.SetText(text)
	it.PlaceHolder = "e.g. Students can say what they are working on"
	it.OnSubmitted = func(string) { e.dlg.Submit() }
	return it
}

// layout rebuilds the rows: each look-for with Earlier, Later and Remove.
func (e *lookForEditor) layout() {
	e.rows.Objects = nil
	for i, it := range e.items {
		up := widgets.NewButton("", theme.MoveUpIcon(), func() { e.onMove(i, -1) })
		down := widgets.NewButton("", theme.MoveDownIcon(), func() { e.onMove(i, 1) })
		remove := widgets.NewButton("", theme.DeleteIcon(), func() { e.onRemove(i) })
		if i == 0 {
			up.Disable()
		}
		if i == len(e.items)-1 {
			down.Disable()
		}
		e.rows.Add(container.NewBorder(nil, nil, nil, container.NewHBox(up, down, remove), it))
	}
	if len(e.items) == 0 {
		e.rows.Add(widgets.Quiet("No look-fors: add the first."))
	}
	if e.dlg != nil {
		widgets.SetOnEscape(e.rows, e.dlg.Hide)
		e.dlg.InputsChanged()
	}
	e.rows.Refresh()
}

func (e *lookForEditor) onAdd() {
	it := e.newItem("")
	e.items = append(e.items, it)
	e.layout()
	if c := e.s.Win.Canvas(); c != nil {
		c.Focus(it)
	}
}

func (e *lookForEditor) onMove(i, delta int) {
	j := i + delta
	if j < 0 || j >= len(e.items) {
		return
	}
	e.items[i], e.items[j] = e.items[j], e.items[i]
	e.layout()
}

func (e *lookForEditor) onRemove(i int) {
	e.items = slices.Delete(e.items, i, i+1)
	e.layout()
}

// list returns the look-fors as edited, leaving out blank rows.
func (e *lookForEditor) list() []string {
	var out []string
	for _, it := range e.items {
		if t := strings.TrimSpace(it.Text); t != "" {
			out = append(out, t)
		}
	}
	return out
}

// onSave stores the list; Undo puts the old one back.
func (e *lookForEditor) onSave() {
	list, before := e.list(), e.before
	e.dlg.SetBusy(true)
	cid := e.s.WS.Continuum()
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, e.s.notes.PutLookFors(ctx, list)
	}, func(struct{}) {
		e.dlg.SetBusy(false)
		e.dlg.Hide()
		e.s.WS.Did(screen.UndoStep{
			Label: "changes to the look-fors",
			Undo: func(ctx context.Context) error {
				if err := e.s.notes.PutLookFors(ctx, before); err != nil {
					return fmt.Errorf("undo changes to the look-fors: %w", err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.VisitNotesChanged, Continuum: cid},
		})
	}, func(err error) {
		e.dlg.SetBusy(false)
		if continuum.ErrorField(err) == "look_for" {
			e.dlg.SetFieldError(e.rows, screen.Problem(err)) // goes once the list is edited
			return
		}
		e.dlg.SetError(screen.Problem(err))
	})
}
