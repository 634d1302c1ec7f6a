package notes

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
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

// notesSubjectStore is what the visit notes screen reads of the continuum
// visited: its targets, its units and the groups of its class.
type notesSubjectStore interface {
	Graph(ctx context.Context, continuumID string) (*continuum.Graph, error)
	Units(ctx context.Context, continuumID string) ([]continuum.Unit, error)
	Students(ctx context.Context) ([]continuum.Student, error)
}

// prefVisitCoach remembers the coach's name between visits.
const prefVisitCoach = "visit.coach"

// ViewNotes is the --view name of the visit notes screen.
const ViewNotes = "notes"

// notesAboutLabels name what a note can be about, parallel to continuum.VisitSubjects.
var notesAboutLabels = []string{"Continuum", "Target", "Unit", "Class or group"}

// notesNoLookFor is the look-for choice of a note that answers none.
const notesNoLookFor = "(no particular look-for)"

// notesWholeClass is the class choice of a note on the whole class.
const notesWholeClass = "The whole class"

// VisitNotes is the screen a coach writes visit notes on: for the
// continuum chosen, the day of the visit and the coach's name, a note on
// the continuum, a target, a unit or the class against a look-for from a
// list the coach edits, and the notes written so far grouped by date and
// subject, each to edit or delete (undoably). "Export notes…" writes them
// to a workbook with a Visit notes sheet to hand back to the teacher.
type VisitNotes struct {
	notes NotesStore
	store notesSubjectStore
	ws    *screen.Workspace
	win   fyne.Window

	loads
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
	notice     *widget.Label
	noticeBox  fyne.CanvasObject
	main       fyne.CanvasObject
	content    *fyne.Container

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

// NewVisitNotes builds the visit notes screen. notes keeps the notes and
// the look-for list; store shows the continuum chosen in ws (its targets,
// units and groups). In the app both are the app's store; a review of a
// colleague's workbook passes the coach's own store as notes and the
// read-only workbook store as store, so notes are written while the
// workbook stays untouched (nil notes means store keeps them). Its
// dialogs open in win. It reads nothing until it is shown (Refresh).
func NewVisitNotes(notes NotesStore, store continuum.Store, ws *screen.Workspace, win fyne.Window) *VisitNotes {
	if notes == nil {
		notes = store
	}
	s := &VisitNotes{notes: notes, store: store, ws: ws, win: win}
	s.build()
	ws.OnChange(s.onChange)
	return s
}

func (s *VisitNotes) build() {
	s.date = widgets.NewEntry()
	s.date.SetText(s.ws.Today().String())
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
		container.NewBorder(nil, nil, visit, container.NewHBox(s.lookForBtn, s.exportBtn)),
		s.summary,
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
	s.main = container.NewBorder(top, nil, nil, nil, split)

	s.notice = widget.NewLabel("")
	s.notice.Wrapping = fyne.TextWrapWord
	s.notice.Alignment = fyne.TextAlignCenter
	s.noticeBox = container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 560}, s.notice))
	s.content = container.NewStack(s.main, s.noticeBox)
	s.showNotice("Loading…")
}

// Content returns the screen's root object.
func (s *VisitNotes) Content() fyne.CanvasObject { return s.content }

// Refresh re-reads the continuum and its notes, off the UI goroutine.
func (s *VisitNotes) Refresh() { s.load() }

// FocusFirst puts the focus in the note's text, where a note starts. It
// waits for a load under way.
func (s *VisitNotes) FocusFirst() {
	if s.loading {
		s.whenLoaded(s.FocusFirst)
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

// visible reports whether the screen is on show.
func (s *VisitNotes) visible() bool {
	return s.content.Visible() && fyne.CurrentApp().Driver().CanvasForObject(s.content) != nil
}

// onChange reloads what a change touches when the screen is on view;
// otherwise the app calls Refresh when it is next shown.
func (s *VisitNotes) onChange(c screen.Change) {
	switch c.Kind {
	case screen.VisitNotesChanged, screen.TargetsChanged, UnitsChanged:
		if c.Continuum != "" && c.Continuum != s.ws.Continuum() {
			return
		}
	case screen.ContinuaChanged, screen.SelectionChanged, RosterChanged:
	default:
		return
	}
	if s.visible() {
		s.load()
	}
}

// load reads the continuum, its units, its groups, its notes and the
// look-fors off the UI goroutine and shows them. A load asked for while
// one is under way runs after it.
func (s *VisitNotes) load() {
	if !s.begin() {
		return
	}
	cid := s.ws.Continuum()
	screen.Run(func(ctx context.Context) (*notesData, error) { return s.read(ctx, cid) }, s.onLoaded, s.onLoadFailed)
}

// read does the reading of load; it touches no widget.
func (s *VisitNotes) read(ctx context.Context, cid string) (*notesData, error) {
	d := &notesData{continuumID: cid}
	var err error
	if d.lookFors, err = s.notes.LookFors(ctx); err != nil {
		return nil, err
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

func (s *VisitNotes) onLoaded(d *notesData) {
	s.loading = false
	defer s.afterLoad()
	if s.again {
		return // something changed meanwhile: the next load shows it
	}
	s.data = d
	if d.graph == nil {
		s.summary.SetText("")
		s.showNotice("No continuum is chosen.\nChoose one at the top, or build one on the Continuum screen, to write visit notes on it.")
		s.updateActions()
		return
	}
	s.noticeBox.Hide()
	s.main.Show()
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

func (s *VisitNotes) onLoadFailed(err error) {
	s.loading = false
	defer s.afterLoad()
	if s.again {
		return
	}
	s.showNotice("The visit notes could not be read: " + continuum.ErrorMessage(err))
	screen.ShowError(s.win, err)
}

// afterLoad starts the load asked for meanwhile; once none is left, it
// tells those waiting.
func (s *VisitNotes) afterLoad() {
	s.settle(s.load)
}

// showNotice replaces the screen with a sentence saying why there is nothing to show.
func (s *VisitNotes) showNotice(text string) {
	s.notice.SetText(text)
	s.main.Hide()
	s.noticeBox.Show()
}

// updateActions enables what applies to the continuum shown.
func (s *VisitNotes) updateActions() {
	has := s.data != nil && s.data.graph != nil
	unitsEnable(s.addBtn, has)
	unitsEnable(s.exportBtn, has && len(s.data.notes) > 0)
	unitsEnable(s.lookForBtn, s.data != nil)
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
	return text + screen.Plural(len(d.notes), "note", "notes") + " from " + screen.Plural(len(days), "visit", "visits")
}

// onCoachChanged remembers the coach's name for the next visit.
func (s *VisitNotes) onCoachChanged(name string) {
	if a := fyne.CurrentApp(); a != nil {
		a.Preferences().SetString(prefVisitCoach, strings.TrimSpace(name))
	}
}

// visitDate reads the day of the visit.
func (s *VisitNotes) visitDate() (continuum.Date, error) {
	d, err := continuum.ParseDate(strings.TrimSpace(s.date.Text))
	if err != nil || d.IsZero() {
		return continuum.Date{}, fmt.Errorf("%q is not a date: write the day of the visit as YYYY-MM-DD, such as %s", s.date.Text, s.ws.Today())
	}
	return d, nil
}

// setFormError shows what is wrong with the new note ("" hides it).
func (s *VisitNotes) setFormError(msg string) {
	s.formError.SetText(msg)
	if msg == "" {
		s.formError.Hide()
	} else {
		s.formError.Show()
	}
}

// onAdd stores the note the form describes, for the visit's day and coach.
func (s *VisitNotes) onAdd() {
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
		s.ws.Did(screen.UndoStep{
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
func (s *VisitNotes) onEdit(n continuum.VisitNote) {
	if s.data == nil || s.data.graph == nil {
		return
	}
	s.editor = newNotesEditor(s, n)
	s.editor.Show()
}

// onDelete removes a note; Undo puts it back.
func (s *VisitNotes) onDelete(n continuum.VisitNote) {
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.notes.DeleteVisitNote(ctx, n.Continuum, n.ID)
	}, func(struct{}) {
		label := "deletion of a note on " + notesSubjectName(n)
		s.ws.Did(screen.UndoStep{
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
		screen.ShowError(s.win, fmt.Errorf("delete the note on %s: %w", notesSubjectName(n), err))
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

// notesForm is the part of a form that says what a note is about, which
// look-for it answers and what it says: the new-note panel and the note
// editor each have one.
type notesForm struct {
	about        *widget.RadioGroup
	targets      *widgets.SearchList
	unit         *widgets.Select
	group        *widgets.Select
	lookFor      *widgets.Select
	text         *widgets.Entry
	subjectLabel *widget.Label
	subject      *fyne.Container // the picker for the kind of subject chosen
	subjectRow   *fyne.Container
	aboutPart    *fyne.Container // what the note is about
	textPart     *fyne.Container // its look-for and text
	// frame holds the parts; it is laid out again when the subject's
	// picker changes size. The form's owner sets it.
	frame fyne.CanvasObject

	graph  *continuum.Graph
	units  []continuum.Unit
	groups []string
}

func newNotesForm() *notesForm {
	f := &notesForm{}
	f.about = widget.NewRadioGroup(notesAboutLabels, func(string) { f.showSubject() })
	f.about.Horizontal = true
	f.about.Required = true
	f.targets = widgets.NewSearchList("Find a target by code or words")
	f.unit = widgets.NewSelect(nil, nil)
	f.unit.PlaceHolder = "(choose a unit)"
	f.group = widgets.NewSelect([]string{notesWholeClass}, nil)
	f.group.SetSelectedIndex(0)
	f.lookFor = widgets.NewSelect(nil, nil)
	f.lookFor.PlaceHolder = notesNoLookFor
	f.text = widgets.NewMultiLineEntry(5)
	f.text.PlaceHolder = "What you saw, what went well, what to try next"
	f.subjectLabel = widgets.Heading("")
	f.subject = container.NewStack()
	f.subjectRow = container.NewVBox(f.subjectLabel, f.subject)
	f.aboutPart = container.NewVBox(widgets.Heading("About"), f.about, f.subjectRow)
	f.textPart = container.NewVBox(widgets.Heading("Look-for"), f.lookFor, widgets.Heading("Note"), f.text)
	f.about.SetSelected(notesAboutLabels[0])
	return f
}

// kind returns what the note is about.
func (f *notesForm) kind() continuum.VisitSubject {
	if i := slices.Index(notesAboutLabels, f.about.Selected); i >= 0 {
		return continuum.VisitSubjects[i]
	}
	return continuum.OnContinuum
}

// showSubject shows the picker for the kind of subject chosen.
func (f *notesForm) showSubject() {
	var picker fyne.CanvasObject
	switch f.kind() {
	case continuum.OnTarget:
		f.subjectLabel.SetText("Target")
		picker = container.New(&notesMinHeight{height: 170}, f.targets)
	case continuum.OnUnit:
		f.subjectLabel.SetText("Unit")
		picker = f.unit
	case continuum.OnClass:
		f.subjectLabel.SetText("Class or group")
		picker = f.group
	}
	if picker == nil {
		f.subjectRow.Hide()
		f.relayout()
		return
	}
	f.subject.Objects = []fyne.CanvasObject{picker}
	f.subject.Refresh()
	f.subjectRow.Show()
	f.relayout()
}

// relayout lays the form out again after its subject's picker changed.
func (f *notesForm) relayout() {
	f.aboutPart.Refresh()
	if f.frame != nil {
		f.frame.Refresh()
	}
}

// setChoices fills the pickers from the continuum, keeping what is chosen
// where it is still there.
func (f *notesForm) setChoices(g *continuum.Graph, units []continuum.Unit, groups []string, lookFors []string) {
	f.graph, f.units, f.groups = g, units, groups
	items := make([]widgets.SearchItem, len(g.Targets))
	for i, t := range g.Targets {
		items[i] = widgets.SearchItem{Key: t.Code, Title: t.Code, Detail: t.Statement}
	}
	f.targets.SetItems(items)

	unit := f.unit.Selected
	titles := make([]string, len(units))
	for i, u := range units {
		titles[i] = u.Title
	}
	f.unit.SetOptions(titles)
	f.unit.ClearSelected()
	if slices.Contains(titles, unit) {
		f.unit.SetSelected(unit)
	}

	group := f.group.Selected
	f.group.SetOptions(append([]string{notesWholeClass}, groups...))
	if slices.Contains(f.group.Options, group) {
		f.group.SetSelected(group)
	} else {
		f.group.SetSelectedIndex(0)
	}
	f.setLookFors(lookFors, f.lookForChosen())
}

// setLookFors offers the look-fors, with chosen kept (and offered even
// when the list no longer has it: a note keeps the words it was written with).
func (f *notesForm) setLookFors(lookFors []string, chosen string) {
	options := append([]string{notesNoLookFor}, lookFors...)
	if chosen != "" && !slices.Contains(options, chosen) {
		options = append(options, chosen)
	}
	f.lookFor.SetOptions(options)
	f.lookFor.ClearSelected()
	if chosen != "" {
		f.lookFor.SetSelected(chosen)
	}
}

// lookForChosen returns the look-for chosen, or "".
func (f *notesForm) lookForChosen() string {
	if f.lookFor.Selected == notesNoLookFor {
		return ""
	}
	return f.lookFor.Selected
}

// clear empties the form for another continuum.
func (f *notesForm) clear() {
	f.about.SetSelected(notesAboutLabels[0])
	f.targets.SetQuery("")
	f.targets.Select("")
	f.unit.ClearSelected()
	f.group.SetSelectedIndex(0)
	f.text.SetText("")
}

// set fills the form with a note.
func (f *notesForm) set(n continuum.VisitNote) {
	if i := slices.Index(continuum.VisitSubjects, n.About); i >= 0 {
		f.about.SetSelected(notesAboutLabels[i])
	}
	switch n.About {
	case continuum.OnTarget:
		f.targets.Select(n.Subject)
	case continuum.OnUnit:
		if !slices.Contains(f.unit.Options, n.Subject) {
			f.unit.SetOptions(append(slices.Clone(f.unit.Options), n.Subject))
		}
		f.unit.SetSelected(n.Subject)
	case continuum.OnClass:
		if n.Subject == "" {
			f.group.SetSelectedIndex(0)
		} else {
			if !slices.Contains(f.group.Options, n.Subject) {
				f.group.SetOptions(append(slices.Clone(f.group.Options), n.Subject))
			}
			f.group.SetSelected(n.Subject)
		}
	}
	f.setLookFors(f.lookFor.Options[1:], n.LookFor)
	f.text.SetText(n.Note)
}

// note returns the note the form describes (without continuum, date or
// coach), or what is missing.
func (f *notesForm) note() (continuum.VisitNote, error) {
	n := continuum.VisitNote{About: f.kind()}
	switch n.About {
	case continuum.OnTarget:
		n.Subject = f.targets.Selected()
		if n.Subject == "" {
			return n, errors.New("choose the target the note is about: type part of its code or words, then pick it from the list")
		}
	case continuum.OnUnit:
		n.Subject = f.unit.Selected
		if n.Subject == "" {
			return n, errors.New("choose the unit the note is about")
		}
	case continuum.OnClass:
		if f.group.Selected != notesWholeClass {
			n.Subject = f.group.Selected
		}
	}
	n.LookFor = f.lookForChosen()
	n.Note = strings.TrimSpace(f.text.Text)
	if n.Note == "" {
		return n, errors.New("write the note first: what you saw, or what to try next")
	}
	return n, nil
}

// notesMinHeight gives its content at least a height (a search list
// shows a few rows of its list).
type notesMinHeight struct{ height float32 }

func (l *notesMinHeight) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(s.Width, max(s.Height, l.height))
}

func (l *notesMinHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// notesEditor is the dialog that edits one note: its day, coach, subject,
// look-for and text.
type notesEditor struct {
	s     *VisitNotes
	orig  continuum.VisitNote
	date  *widgets.Entry
	coach *widgets.Entry
	form  *notesForm
	dlg   *widgets.FormDialog
}

func newNotesEditor(s *VisitNotes, n continuum.VisitNote) *notesEditor {
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
	e.dlg = widgets.NewFormDialog(s.win, "Note on "+notesSubjectName(n), body, "Save", e.onSave)
	e.dlg.first = e.form.text
	return e
}

// Show opens the editor.
func (e *notesEditor) Show() { e.dlg.Show(fyne.NewSize(860, 560)) }

// onSave replaces the note; Undo puts the old one back.
func (e *notesEditor) onSave() {
	day, err := continuum.ParseDate(strings.TrimSpace(e.date.Text))
	if err != nil || day.IsZero() {
		e.dlg.SetError(fmt.Sprintf("%q is not a date: write the day of the visit as YYYY-MM-DD.", e.date.Text))
		return
	}
	n, err := e.form.note()
	if err != nil {
		e.dlg.SetError(err.Error())
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
		e.s.ws.Did(screen.UndoStep{
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
		e.dlg.SetError("The note was not saved: " + screen.Problem(err))
	})
}

// lookForEditor is the dialog that edits the coach's look-for list: add,
// rename, remove and reorder.
type lookForEditor struct {
	s      *VisitNotes
	before []string
	rows   *fyne.Container
	items  []*widgets.Entry
	addBtn *widgets.Button
	dlg    *widgets.FormDialog
}

func (s *VisitNotes) onEditLookFors() {
	if s.data == nil {
		return
	}
	s.lookFors = newLookForEditor(s, s.data.lookFors)
	s.lookFors.Show()
}

func newLookForEditor(s *VisitNotes, lookFors []string) *lookForEditor {
	e := &lookForEditor{s: s, before: slices.Clone(lookFors)}
	e.rows = container.NewVBox()
	for _, l := range lookFors {
		e.items = append(e.items, e.newItem(l))
	}
	e.addBtn = widgets.NewButton("Add look-for", theme.ContentAddIcon(), e.onAdd)
	e.layout()
	intro := widgets.Hint("What you look for on a visit, in the order you look. Notes already written keep the words they were written with.")
	body := container.NewBorder(intro, container.NewHBox(e.addBtn), nil, nil, container.NewVScroll(e.rows))
	e.dlg = widgets.NewFormDialog(s.win, "Look-fors", body, "Save", e.onSave)
	if len(e.items) > 0 {
		e.dlg.first = e.items[0]
	} else {
		e.dlg.first = e.addBtn
	}
	return e
}

// Show opens the editor.
func (e *lookForEditor) Show() { e.dlg.Show(fyne.NewSize(640, 460)) }

func (e *lookForEditor) newItem(text string) *widgets.Entry {
	it := widgets.NewEntry()
	it.SetText(text)
	it.PlaceHolder = "e.g. Students can say what they are working on"
	it.OnSubmitted = func(string) { e.dlg.submit() }
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
	}
	e.rows.Refresh()
}

func (e *lookForEditor) onAdd() {
	it := e.newItem("")
	e.items = append(e.items, it)
	e.layout()
	if c := e.s.win.Canvas(); c != nil {
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
	cid := e.s.ws.Continuum()
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, e.s.notes.PutLookFors(ctx, list)
	}, func(struct{}) {
		e.dlg.SetBusy(false)
		e.dlg.Hide()
		e.s.ws.Did(screen.UndoStep{
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
		e.dlg.SetError(screen.Problem(err))
	})
}

// notesGroup is the notes of one visit day on one subject.
type notesGroup struct {
	about   continuum.VisitSubject
	subject string
	rank    int
	notes   []continuum.VisitNote
}

// notesListView lists the notes by visit day, latest first, and within a
// day by subject: the continuum, its targets in graph order, its units in
// calendar order, then the class and its groups.
func notesListView(d *notesData, onEdit, onDelete func(continuum.VisitNote)) []fyne.CanvasObject {
	if len(d.notes) == 0 {
		return []fyne.CanvasObject{widgets.Hint("No notes yet. Write the first on the left: choose what it is about and the look-for it answers.")}
	}
	var days []continuum.Date
	byDay := map[continuum.Date][]*notesGroup{}
	for _, n := range d.notes {
		groups := byDay[n.Date]
		if groups == nil {
			days = append(days, n.Date)
		}
		i := slices.IndexFunc(groups, func(g *notesGroup) bool {
			return g.about == n.About && strings.EqualFold(g.subject, n.Subject)
		})
		if i < 0 {
			groups = append(groups, &notesGroup{about: n.About, subject: n.Subject, rank: notesRank(d, n)})
			i = len(groups) - 1
		}
		groups[i].notes = append(groups[i].notes, n)
		byDay[n.Date] = groups
	}
	slices.SortFunc(days, func(a, b continuum.Date) int { return b.Compare(a) })
	var out []fyne.CanvasObject
	for k, day := range days {
		groups := byDay[day]
		slices.SortStableFunc(groups, func(a, b *notesGroup) int {
			return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(strings.ToLower(a.subject), strings.ToLower(b.subject)))
		})
		count := 0
		for _, g := range groups {
			count += len(g.notes)
		}
		if k > 0 {
			out = append(out, widget.NewSeparator())
		}
		out = append(out, widgets.Section(day.Time().Format("Monday, January 2, 2006")+" · "+screen.Plural(count, "note", "notes")))
		for i, g := range groups {
			if i > 0 {
				out = append(out, widgets.NotesGap())
			}
			head := widget.NewLabelWithStyle(notesGroupTitle(d.graph, g), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			head.Truncation = fyne.TextTruncateEllipsis
			out = append(out, head)
			for _, n := range g.notes {
				out = append(out, notesRow(n, onEdit, onDelete))
			}
		}
	}
	return out
}

// notesRank orders the subjects of a day.
func notesRank(d *notesData, n continuum.VisitNote) int {
	const block = 1 << 20
	switch n.About {
	case continuum.OnTarget:
		i := slices.IndexFunc(d.graph.Targets, func(t continuum.Target) bool { return continuum.SameCode(t.Code, n.Subject) })
		if i < 0 {
			i = block - 1
		}
		return block + i
	case continuum.OnUnit:
		i := slices.IndexFunc(d.units, func(u continuum.Unit) bool { return strings.EqualFold(u.Title, n.Subject) })
		if i < 0 {
			i = block - 1
		}
		return 2*block + i
	case continuum.OnClass:
		if n.Subject == "" {
			return 3 * block
		}
		return 3*block + 1
	}
	return 0
}

// notesGroupTitle names a subject: "Target NO.1.2 · I can …", "Unit
// Fractions as numbers", "Period 2", "The whole class", "The continuum".
func notesGroupTitle(g *continuum.Graph, n *notesGroup) string {
	switch n.about {
	case continuum.OnTarget:
		if t, ok := g.Target(n.subject); ok {
			return "Target " + t.Code + " · " + t.Statement
		}
		return "Target " + n.subject + " (no longer in the continuum)"
	case continuum.OnUnit:
		return "Unit · " + n.subject
	case continuum.OnClass:
		if n.subject == "" {
			return notesWholeClass
		}
		return "Group · " + n.subject
	}
	return "The continuum as a whole"
}

// notesRow shows one note with its look-for and coach, and Edit and Delete.
func notesRow(n continuum.VisitNote, onEdit, onDelete func(continuum.VisitNote)) fyne.CanvasObject {
	edit := widgets.NewButton("", theme.DocumentCreateIcon(), func() { onEdit(n) })
	edit.Importance = widget.LowImportance
	del := widgets.NewButton("", theme.DeleteIcon(), func() { onDelete(n) })
	del.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), widgets.NoteView(widgets.NoteByline(n), n.Note))
}

// notesExported says what an export of notes wrote.
type notesExported struct {
	name       string
	notes, off int // notes written; notes left out for naming what is gone
}

// onExport asks where to save the continuum's notes as a workbook.
func (s *VisitNotes) onExport() {
	if s.data == nil || s.data.graph == nil {
		return
	}
	name := s.data.graph.Continuum.Name
	d := dialog.NewFileSave(s.onSaveChosen, s.win)
	d.SetTitleText("Export the visit notes on " + name)
	d.SetConfirmText("Export")
	d.SetFilter(storage.NewExtensionFileFilter([]string{".xlsx"}))
	d.SetFileName(screen.FileName(name+" visit notes", "", s.ws.Today(), ".xlsx"))
	var io WorkbookIO // the folder is the one workbooks were last exported to or imported from
	if loc := io.lastFolder(); loc != nil {
		d.SetLocation(loc)
	}
	d.Resize(fyne.NewSize(900, 600))
	s.saveDialog = d
	d.Show()
}

// onSaveChosen receives the file save dialog's answer.
func (s *VisitNotes) onSaveChosen(wc fyne.URIWriteCloser, err error) {
	if err != nil {
		screen.ShowError(s.win, fmt.Errorf("the workbook cannot be saved there: %w", err))
		return
	}
	if wc == nil {
		return // the coach cancelled
	}
	path := wc.URI().Path()
	wc.Close()
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		screen.RemoveIfEmpty(path)
		path += ".xlsx"
	}
	s.exportTo(path)
}

// exportTo writes the notes on the continuum chosen to a workbook at path.
func (s *VisitNotes) exportTo(path string) {
	cid := s.ws.Continuum()
	screen.Run(func(ctx context.Context) (notesExported, error) {
		return s.writeNotes(ctx, cid, path)
	}, func(e notesExported) {
		var io WorkbookIO
		io.rememberFolder(path)
		msg := fmt.Sprintf("%s on %s %s exported to\n%s\n\nThe teacher imports the workbook to see them beside the targets and units they concern.",
			screen.Plural(e.notes, "visit note", "visit notes"), e.name, notesWas(e.notes), path)
		if e.off > 0 {
			msg += fmt.Sprintf("\n\n%s on targets or units no longer in %s %s left out.", screen.Plural(e.off, "note", "notes"), e.name, notesWas(e.off))
		}
		dialog.ShowInformation("Visit notes exported", msg, s.win)
	}, func(err error) {
		screen.RemoveIfEmpty(path)
		screen.ShowError(s.win, fmt.Errorf("could not export the visit notes to %s: %s", path, continuum.ErrorMessage(err)))
	})
}

func notesWas(n int) string {
	if n == 1 {
		return "was"
	}
	return "were"
}

// writeNotes encodes the continuum with its targets, units and notes (no
// students, no evidence) to path, through a temporary file renamed at the
// end so that a failed export leaves no partial file.
func (s *VisitNotes) writeNotes(ctx context.Context, cid, path string) (notesExported, error) {
	g, err := s.store.Graph(ctx, cid)
	if err != nil {
		return notesExported{}, err
	}
	units, err := s.store.Units(ctx, cid)
	if err != nil {
		return notesExported{}, err
	}
	all, err := s.notes.VisitNotes(ctx, cid)
	if err != nil {
		return notesExported{}, err
	}
	e := notesExported{name: g.Continuum.Name}
	book := &workbook.Book{Continuum: g.Continuum, Targets: g.Targets, Units: units}
	for _, n := range all {
		_, isTarget := g.Target(n.Subject)
		_, isUnit := continuum.FindUnit(units, n.Subject)
		if (n.About == continuum.OnTarget && !isTarget) || (n.About == continuum.OnUnit && !isUnit) {
			e.off++
			continue
		}
		n.Continuum = g.Continuum.ID
		book.VisitNotes = append(book.VisitNotes, n)
	}
	e.notes = len(book.VisitNotes)
	err = workbook.WriteFile(ctx, path, func(out io.Writer) error {
		return workbook.NewEncoder(out, workbook.EncodeOptions{On: s.ws.Today(), AppVersion: screen.AppVersion()}).Encode(ctx, book)
	})
	if err != nil {
		return notesExported{}, err
	}
	return e, nil
}
