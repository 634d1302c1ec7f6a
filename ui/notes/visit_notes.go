package notes

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// NotesStore is where the visit notes screen keeps a coach's notes and
// look-for list. In the app it is the app's own store; when a coach
// reviews a colleague's workbook read-only, it is the coach's own store,
// apart from the store the workbook is shown from.
type NotesStore interface {
	continuum.VisitStore
}

// Store is what the visit notes screen reads of the continuum visited:
// its targets, its units and the groups of its class. It keeps the notes
// too when no other store is given for them (New).
type Store interface {
	Graph(ctx context.Context, continuumID string) (*continuum.Graph, error)
	Units(ctx context.Context, continuumID string) ([]continuum.Unit, error)
	Students(ctx context.Context) ([]continuum.Student, error)
	NotesStore
}

// prefVisitCoach remembers the coach's name between visits.
const prefVisitCoach = "visit.coach"

// notesAboutLabels name what a note can be about, parallel to continuum.VisitSubjects.
var notesAboutLabels = []string{"Continuum", "Target", "Unit", "Class or group"}

// notesNoLookFor is the look-for choice of a note that answers none.
const notesNoLookFor = "(no particular look-for)"

// notesWholeClass is the class choice of a note on the whole class.
const notesWholeClass = "The whole class"

// Screen is the screen a coach writes visit notes on: for the continuum
// chosen, the day of the visit and the coach's name, a note on the
// continuum, a target, a unit or the class against a look-for from a
// list the coach edits, and the notes written so far grouped by date and
// subject, each to edit or delete (undoably). "Export notes…" writes them
// to a workbook with a Visit notes sheet to hand back to the teacher.
type Screen struct {
	screen.Base[*notesData]

	notes NotesStore
	store Store

	data     *notesData // what the last load read, nil before the first
	shownFor string     // the continuum the form's choices were last filled for

	date       *widgets.Entry
	coach      *widgets.Entry
	lookForBtn *widget.Button
	exportBtn  *widget.Button
	summary    *widget.Label
	form       *notesForm
	addBtn     *widget.Button
	formError  *widget.Label
	list       *fyne.Container // the notes, grouped by date and subject
	listScroll *container.Scroll
	main       fyne.CanvasObject // the body, which a notice replaces
	content    fyne.CanvasObject

	// The dialogs last opened, for the tests to drive.
	editor     *notesEditor
	lookFors   *lookForEditor
	saveDialog *dialog.FileDialog
}

// notesData is what one load reads.
type notesData struct {
	continuumID string
	graph       *continuum.Graph // nil when no continuum is chosen or it is gone
	units       []continuum.Unit // in calendar order
	groups      []string         // the class's groups, sorted
	notes       []continuum.VisitNote
	lookFors    []string
}

// New builds the visit notes screen. store shows the continuum chosen in
// ws (its targets, units and groups); notes keeps the notes and the
// look-for list. In the app both are the app's store; a review of a
// colleague's workbook passes the read-only workbook store as store and
// the coach's own store as notes, so notes are written while the
// workbook stays untouched (nil notes means store keeps them). Its
// dialogs open in win. It reads nothing until it is shown (Refresh).
func New(store Store, notes NotesStore, ws *screen.Workspace, win fyne.Window) *Screen {
	if notes == nil {
		notes = store
	}
	s := &Screen{notes: notes, store: store}
	s.WS, s.Win = ws, win // the base is set up once the widgets are built
	s.main = s.build()
	follows := screen.FollowsContinuum(ws, screen.VisitNotesChanged, screen.TargetsChanged, screen.UnitsChanged)
	s.content = s.Init(ws, win, s.main, screen.Loader[*notesData]{
		What: "The visit notes",
		// A screen the app did not place in its window (a review
		// without the coach's own store) has no one to show a load to.
		Follows: func(c screen.Change) bool {
			return follows(c) && fyne.CurrentApp().Driver().CanvasForObject(s.content) != nil
		},
		Read: s.read,
		Show: s.show,
	})
	s.ShowNotice("Loading…")
	ws.TrackUnsaved(s.unsaved)
	return s
}

// unsaved lists the new note typed and not added, for the window to ask
// about before it closes.
func (s *Screen) unsaved() []screen.Unsaved {
	text := strings.TrimSpace(s.form.text.Text)
	if text == "" {
		return nil
	}
	return []screen.Unsaved{{What: "the visit note “" + widgets.ShortenWords(text, 40) + "”, not added yet"}}
}

// build makes the screen's body: the visit's day and coach at the top,
// the new note on the left, the notes written on the right.
func (s *Screen) build() fyne.CanvasObject {
	s.date = widgets.NewEntry()
	s.date.SetText(s.WS.Today().String())
	s.date.PlaceHolder = "YYYY-MM-DD"
	s.coach = widgets.NewEntry()
	s.coach.PlaceHolder = "Your name"
	if a := fyne.CurrentApp(); a != nil {
		s.coach.SetText(a.Preferences().String(prefVisitCoach))
	}
	s.coach.OnChanged = s.onCoachChanged
	s.lookForBtn = widget.NewButtonWithIcon("Look-fors…", theme.ListIcon(), s.onEditLookFors)
	s.exportBtn = widget.NewButtonWithIcon("Export notes…", theme.UploadIcon(), s.onExport)
	s.summary = widget.NewLabel("")
	s.summary.Truncation = fyne.TextTruncateEllipsis

	visit := container.NewHBox(
		widget.NewLabelWithStyle("Visit on", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.New(&widgets.MinWidthLayout{Width: 130}, s.date),
		widget.NewLabelWithStyle("Coach", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.New(&widgets.MinWidthLayout{Width: 220}, s.coach),
	)
	top := container.NewVBox(
		// Padded as the other screens' top rows are, in line with the toolbar.
		container.NewPadded(container.NewVBox(
			container.NewBorder(nil, nil, visit, container.NewHBox(s.lookForBtn, s.exportBtn)),
			s.summary,
		)),
		widget.NewSeparator(),
	)

	s.form = newNotesForm()
	s.form.text.OnSubmitted = func(string) { s.onAdd() }
	s.addBtn = widget.NewButtonWithIcon("Add note", theme.ContentAddIcon(), s.onAdd)
	s.addBtn.Importance = widget.HighImportance
	s.formError = widget.NewLabel("")
	s.formError.Wrapping = fyne.TextWrapWord
	s.formError.Importance = widget.DangerImportance
	s.formError.Hide()
	s.form.frame = container.NewVScroll(container.NewVBox(s.form.aboutPart, s.form.textPart))
	left := container.NewBorder(widgets.Heading("New note"),
		container.NewVBox(s.formError, container.NewBorder(nil, nil, nil, s.addBtn)), nil, nil,
		s.form.frame)

	s.list = container.NewVBox()
	s.listScroll = container.NewVScroll(s.list)
	right := container.NewBorder(widgets.Heading("Notes on this continuum"), nil, nil, nil, s.listScroll)

	split := container.NewHSplit(container.NewPadded(left), container.NewPadded(right))
	split.Offset = 0.4
	return container.NewBorder(top, nil, nil, nil, split)
}

// Content returns the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// FocusFirst puts the focus in the note's text, where a note starts. It
// waits for a load under way.
func (s *Screen) FocusFirst() {
	if s.Loading() {
		s.WhenLoaded(s.FocusFirst)
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(s.content)
	if c == nil {
		return
	}
	if s.data == nil || s.data.graph == nil {
		c.Unfocus()
		return
	}
	c.Focus(s.form.text)
}

// read takes the continuum chosen, on the UI goroutine, and returns the
// work that reads it, its units, its groups, its notes and the look-fors.
func (s *Screen) read() func(ctx context.Context) (*notesData, error) {
	cid := s.WS.Continuum()
	return func(ctx context.Context) (*notesData, error) { return s.readData(ctx, cid) }
}

// readData does the reading of a load; it touches no widget.
func (s *Screen) readData(ctx context.Context, cid string) (*notesData, error) {
	d := &notesData{continuumID: cid}
	var err error
	if d.lookFors, err = s.notes.LookFors(ctx); err != nil {
		return nil, fmt.Errorf("read the look-fors: %w", err)
	}
	if cid == "" {
		return d, nil
	}
	g, err := s.store.Graph(ctx, cid)
	if errors.Is(err, continuum.ErrNotFound) {
		return d, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read continuum %s: %w", cid, err)
	}
	d.graph = g
	if d.units, err = s.store.Units(ctx, cid); err != nil {
		return nil, fmt.Errorf("read the units of %s: %w", g.Continuum.Name, err)
	}
	students, err := s.store.Students(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the class of %s: %w", g.Continuum.Name, err)
	}
	for _, st := range students {
		if grp := strings.TrimSpace(st.Group); grp != "" && !slices.Contains(d.groups, grp) {
			d.groups = append(d.groups, grp)
		}
	}
	slices.Sort(d.groups)
	if d.notes, err = s.notes.VisitNotes(ctx, cid); err != nil {
		return nil, fmt.Errorf("read the visit notes on %s: %w", g.Continuum.Name, err)
	}
	return d, nil
}

// show shows what a load read.
func (s *Screen) show(d *notesData) {
	s.data = d
	if d.graph == nil {
		s.summary.SetText("")
		s.ShowNotice("No continuum is chosen.\nChoose one at the top, or build one on the Continuum screen, to write visit notes on it.")
		s.updateActions()
		return
	}
	s.HideNotice()
	if s.shownFor != d.continuumID {
		s.form.clear()
	}
	s.shownFor = d.continuumID
	s.form.setChoices(d.graph, d.units, d.groups, d.lookFors)
	s.summary.SetText(notesSummary(d))
	s.list.Objects = notesListView(d, s.onEdit, s.onDelete)
	s.list.Refresh()
	s.updateActions()
}

// updateActions enables what applies to the continuum shown.
func (s *Screen) updateActions() {
	has := s.data != nil && s.data.graph != nil
	widgets.SetEnabled(s.addBtn, has)
	widgets.SetEnabled(s.exportBtn, has && len(s.data.notes) > 0)
	widgets.SetEnabled(s.lookForBtn, s.data != nil)
}

// notesSummary is the line under the visit: the continuum, how many notes
// from how many visits.
func notesSummary(d *notesData) string {
	days := map[continuum.Date]bool{}
	for _, n := range d.notes {
		days[n.Date] = true
	}
	text := d.graph.Continuum.Name + " · "
	if len(d.notes) == 0 {
		return text + "no visit notes yet"
	}
	return text + continuum.Plural(len(d.notes), "note", "notes") + " from " + continuum.Plural(len(days), "visit", "visits")
}

// onCoachChanged remembers the coach's name for the next visit.
func (s *Screen) onCoachChanged(name string) {
	if a := fyne.CurrentApp(); a != nil {
		a.Preferences().SetString(prefVisitCoach, strings.TrimSpace(name))
	}
}

// visitDate reads the day of the visit.
func (s *Screen) visitDate() (continuum.Date, error) {
	d, err := continuum.ParseDate(strings.TrimSpace(s.date.Text))
	if err != nil || d.IsZero() {
		return continuum.Date{}, fmt.Errorf("%q is not a date: write the day of the visit as YYYY-MM-DD, such as %s", s.date.Text, s.WS.Today())
	}
	return d, nil
}

// setFormError shows what is wrong with the new note ("" hides it).
func (s *Screen) setFormError(msg string) {
	s.formError.SetText(msg)
	if msg == "" {
		s.formError.Hide()
	} else {
		s.formError.Show()
	}
}

// onAdd stores the note the form describes, for the visit's day and coach.
func (s *Screen) onAdd() {
	if s.data == nil || s.data.graph == nil {
		return
	}
	day, err := s.visitDate()
	if err != nil {
		s.setFormError(err.Error())
		return
	}
	n, err := s.form.note()
	if err != nil {
		s.setFormError(err.Error())
		return
	}
	n.Continuum, n.Date, n.Coach = s.data.continuumID, day, strings.TrimSpace(s.coach.Text)
	s.setFormError("")
	s.addBtn.Disable()
	screen.Run(func(ctx context.Context) (continuum.VisitNote, error) {
		return s.notes.PutVisitNote(ctx, n)
	}, func(stored continuum.VisitNote) {
		s.addBtn.Enable()
		s.form.text.SetText("")
		label := "note on " + notesSubjectName(stored)
		s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if err := s.notes.DeleteVisitNote(ctx, stored.Continuum, stored.ID); err != nil {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.VisitNotesChanged, Continuum: stored.Continuum},
		})
	}, func(err error) {
		s.addBtn.Enable()
		s.setFormError("The note was not saved: " + screen.Problem(err))
	})
}

// onEdit opens a note in the editor.
func (s *Screen) onEdit(n continuum.VisitNote) {
	if s.data == nil || s.data.graph == nil {
		return
	}
	s.editor = newNotesEditor(s, n)
	s.editor.Show()
}

// onDelete removes a note; Undo puts it back.
func (s *Screen) onDelete(n continuum.VisitNote) {
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.notes.DeleteVisitNote(ctx, n.Continuum, n.ID)
	}, func(struct{}) {
		label := "deletion of a note on " + notesSubjectName(n)
		s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if _, err := s.notes.PutVisitNote(ctx, n); err != nil {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.VisitNotesChanged, Continuum: n.Continuum},
		})
	}, func(err error) {
		screen.ShowError(s.Win, fmt.Errorf("delete the note on %s: %w", notesSubjectName(n), err))
	})
}

// notesSubjectName names what a note is about, for undo labels and messages.
func notesSubjectName(n continuum.VisitNote) string {
	switch n.About {
	case continuum.OnTarget:
		return "target " + n.Subject
	case continuum.OnUnit:
		return "unit " + n.Subject
	case continuum.OnClass:
		if n.Subject != "" {
			return n.Subject
		}
		return "the class"
	}
	return "the continuum"
}
