package notes

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
)

// notesUIToday is the day of the visit in these tests.
var notesUIToday = continuum.NewDate(2026, 11, 20)

// notesUIFixture is the visit notes screen on the demo classroom.
type notesUIFixture struct {
	v     *Screen
	notes *storage.Store // where the notes go
	st    continuum.Store
	ws    *screen.Workspace
	win   fyne.Window
	cid   string
}

// notesUIDemo opens a real store holding the demo classroom.
func notesUIDemo(t *testing.T) *storage.Store {
	t.Helper()
	st := storagetest.OpenDemo(t)
	return st
}

// notesUINew builds the screen on the demo, with notes kept in the same
// store (notes nil) or apart from it.
func notesUINew(t *testing.T, notes *storage.Store, st continuum.Store) *notesUIFixture {
	t.Helper()
	ws := screen.NewWorkspace()
	ws.SetToday(notesUIToday)
	win := test.NewTempWindow(t, nil)
	f := &notesUIFixture{notes: notes, st: st, ws: ws, win: win, cid: demo.Classroom().Continuum.ID}
	f.v = New(st, notes, ws, win)
	win.SetContent(f.v.Content())
	win.Resize(fyne.NewSize(1100, 720))
	ws.SelectContinuum(f.cid)
	f.v.Refresh()
	uitest.Eventually(t, "the continuum's targets", func() bool { return f.v.data != nil && f.v.data.graph != nil })
	return f
}

// notesUIWrite writes a note through the form as a coach would.
func (f *notesUIFixture) notesUIWrite(t *testing.T, about string, pick func(*notesForm), lookFor, text string) {
	t.Helper()
	form := f.v.form
	form.about.SetSelected(about)
	if pick != nil {
		pick(form)
	}
	if lookFor != "" {
		form.lookFor.SetSelected(lookFor)
	}
	test.Type(form.text, text)
	test.Tap(f.v.addBtn)
	if f.v.formError.Visible() {
		t.Fatalf("the note was refused: %s", f.v.formError.Text)
	}
}

// notesUIPickTarget finds a target in the search list and presses Enter.
func notesUIPickTarget(query string) func(*notesForm) {
	return func(form *notesForm) {
		form.targets.SetQuery(query)
		form.targets.SearchField().TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
}

// notesUIStored reads the notes on the demo continuum from a store.
func notesUIStored(t *testing.T, st continuum.VisitStore, cid string) []continuum.VisitNote {
	t.Helper()
	notes, err := st.VisitNotes(context.Background(), cid)
	if err != nil {
		t.Fatal(err)
	}
	return notes
}

// notesUITexts collects the text of every label under o.
func notesUITexts(o fyne.CanvasObject) []string {
	var out []string
	switch o := o.(type) {
	case *fyne.Container:
		for _, k := range o.Objects {
			out = append(out, notesUITexts(k)...)
		}
	case *container.Scroll:
		out = append(out, notesUITexts(o.Content)...)
	case *container.Split:
		out = append(out, notesUITexts(o.Leading)...)
		out = append(out, notesUITexts(o.Trailing)...)
	case *container.AppTabs:
		for _, it := range o.Items {
			out = append(out, notesUITexts(it.Content)...)
		}
	case *widget.Label:
		out = append(out, o.Text)
	}
	return out
}

// notesUIShows reports whether some label under o contains text.
func notesUIShows(o fyne.CanvasObject, text string) bool {
	return slices.ContainsFunc(notesUITexts(o), func(s string) bool { return strings.Contains(s, text) })
}

// notesUIUndo undoes the last change.
func notesUIUndo(t *testing.T, ws *screen.Workspace) {
	t.Helper()
	if _, err := ws.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// notesUIWriteThree writes a note on a target, a unit and a group.
func (f *notesUIFixture) notesUIWriteThree(t *testing.T) {
	t.Helper()
	test.Type(f.v.coach, "J. Rivera")
	f.notesUIWrite(t, "Target", notesUIPickTarget("NO.1.2"), continuum.DefaultLookFors[0], "Students could say what NO.1.2 asks of them.")
	f.notesUIWrite(t, "Unit", func(form *notesForm) { form.unit.SetSelected("Fractions as numbers") }, continuum.DefaultLookFors[3], "On pace; the number line work is strong.")
	f.notesUIWrite(t, "Class or group", func(form *notesForm) { form.group.SetSelected("Period 2") }, continuum.DefaultLookFors[2], "Flex groups match the gaps.")
}

// Given the demo, when a coach writes notes on a target, a unit and a
// group, then they are stored for the day of the visit with the coach's
// name (remembered), listed by subject, and can be edited and deleted,
// each undoably; a note with no target chosen or no text is refused.
func TestVisitNotesWriteEditDelete(t *testing.T) {
	test.NewTempApp(t)
	st := notesUIDemo(t)
	f := notesUINew(t, st, st)
	f.notesUIWriteThree(t)

	notes := notesUIStored(t, st, f.cid)
	if len(notes) != 3 {
		t.Fatalf("stored %+v", notes)
	}
	on := notes[0]
	if on.About != continuum.OnTarget || on.Subject != "NO.1.2" || on.Coach != "J. Rivera" || on.Date != notesUIToday || on.LookFor != continuum.DefaultLookFors[0] {
		t.Errorf("note on the target %+v", on)
	}
	if notes[1].About != continuum.OnUnit || notes[1].Subject != "Fractions as numbers" || notes[2].Subject != "Period 2" {
		t.Errorf("notes on the unit and group %+v", notes[1:])
	}
	if got := fyne.CurrentApp().Preferences().String(prefVisitCoach); got != "J. Rivera" {
		t.Errorf("coach remembered as %q", got)
	}
	if f.v.form.text.Text != "" {
		t.Error("the note's text stayed in the form after it was added")
	}
	for _, want := range []string{"Friday, November 20, 2026 · 3 notes", "Target NO.1.2 · ", "Unit · Fractions as numbers", "Group · Period 2", "Flex groups match the gaps."} {
		if !notesUIShows(f.v.list, want) {
			t.Errorf("the list does not show %q: %q", want, notesUITexts(f.v.list))
		}
	}
	if !strings.Contains(f.v.summary.Text, "3 notes from 1 visit") {
		t.Errorf("summary %q", f.v.summary.Text)
	}

	// Refused: a note on a target with none chosen, and an empty note.
	f.v.form.about.SetSelected("Target")
	f.v.form.targets.Select("")
	test.Type(f.v.form.text, "Lost")
	test.Tap(f.v.addBtn)
	if !f.v.formError.Visible() || !strings.Contains(f.v.formError.Text, "choose the target") {
		t.Errorf("no target chosen: %q", f.v.formError.Text)
	}
	f.v.form.about.SetSelected("Continuum")
	f.v.form.text.SetText("  ")
	test.Tap(f.v.addBtn)
	if !strings.Contains(f.v.formError.Text, "write the note first") {
		t.Errorf("empty note: %q", f.v.formError.Text)
	}
	if n := len(notesUIStored(t, st, f.cid)); n != 3 {
		t.Errorf("a refused note was stored: %d notes", n)
	}

	// Edit: the editor opens on the note; saving replaces it; Undo restores it.
	f.v.onEdit(on)
	e := f.v.editor
	if e.form.kind() != continuum.OnTarget || e.form.targets.Selected() != "NO.1.2" || e.form.text.Text != on.Note {
		t.Fatalf("editor opened on %v %q %q", e.form.kind(), e.form.targets.Selected(), e.form.text.Text)
	}
	// A problem stays while other fields change, and goes once its own does.
	e.form.text.SetText("")
	test.Tap(e.dlg.ConfirmButton())
	if got := e.dlg.Error(); !strings.Contains(got, "write the note first") {
		t.Fatalf("empty note in the editor: line %q", got)
	}
	e.form.lookFor.SetSelected(notesNoLookFor)
	test.Type(e.coach, "Ms Chen")
	if got := e.dlg.Error(); !strings.Contains(got, "write the note first") {
		t.Errorf("other fields changed and the line became %q", got)
	}
	test.Type(e.form.text, "Most students could say what NO.1.2 asks.")
	if got := e.dlg.Error(); got != "" {
		t.Errorf("the note was written and the line still says %q", got)
	}
	e.coach.SetText(on.Coach)
	e.date.SetText("30/11")
	test.Tap(e.dlg.ConfirmButton())
	if got := e.dlg.Error(); !strings.Contains(got, "is not a date") {
		t.Fatalf("a bad date: line %q", got)
	}
	test.Type(e.form.text, " ")
	if e.dlg.Error() == "" {
		t.Error("typing in the note cleared the problem with the date")
	}
	e.date.SetText(on.Date.String())
	if got := e.dlg.Error(); got != "" {
		t.Errorf("the date was corrected and the line still says %q", got)
	}
	e.form.text.SetText("Most students could say what NO.1.2 asks.")
	test.Tap(e.dlg.ConfirmButton())
	if e.dlg.IsOpen() {
		t.Fatalf("the editor stayed open: %s", e.dlg.Error())
	}
	edited := notesUIStored(t, st, f.cid)[0]
	if edited.ID != on.ID || edited.Note != "Most students could say what NO.1.2 asks." || edited.LookFor != "" {
		t.Errorf("edited note %+v", edited)
	}
	notesUIUndo(t, f.ws)
	if back := notesUIStored(t, st, f.cid)[0]; back != on {
		t.Errorf("after undoing the edit: %+v, want %+v", back, on)
	}

	// Delete, then Undo puts the note back with its ID.
	f.v.onDelete(on)
	if n := len(notesUIStored(t, st, f.cid)); n != 2 || notesUIShows(f.v.list, on.Note) {
		t.Errorf("after delete: %d notes stored", n)
	}
	notesUIUndo(t, f.ws)
	if back := notesUIStored(t, st, f.cid); len(back) != 3 || back[0] != on {
		t.Errorf("after undoing the delete: %+v", back)
	}
	// And undoing the note on the group removes it.
	notesUIUndo(t, f.ws) // the edit's undo and the delete's are done: this undoes the note on the group
	if n := len(notesUIStored(t, st, f.cid)); n != 2 {
		t.Errorf("undoing a new note left %d notes", n)
	}
}

// Given the look-for editor, when the coach renames one, moves another
// up, removes one and adds one, then the list is stored in that order and
// offered in the form; Undo brings the old list back.
func TestVisitNotesEditLookFors(t *testing.T) {
	test.NewTempApp(t)
	st := notesUIDemo(t)
	f := notesUINew(t, st, st)
	test.Tap(f.v.lookForBtn)
	e := f.v.lookFors
	if e == nil || !e.dlg.IsOpen() || len(e.items) != len(continuum.DefaultLookFors) {
		t.Fatal("Look-fors… opened no editor on the default list")
	}
	e.items[0].SetText("Students can say the target in their own words")
	e.onMove(2, -1)
	e.onRemove(3)
	test.Tap(e.addBtn)
	test.Type(e.items[len(e.items)-1], "Feedback names the next step")
	test.Tap(e.dlg.ConfirmButton())
	if e.dlg.IsOpen() {
		t.Fatalf("the editor stayed open: %s", e.dlg.Error())
	}
	want := []string{"Students can say the target in their own words", continuum.DefaultLookFors[2], continuum.DefaultLookFors[1], "Feedback names the next step"}
	got, err := st.LookFors(context.Background())
	if err != nil || !slices.Equal(got, want) {
		t.Fatalf("stored look-fors %q (%v), want %q", got, err, want)
	}
	if opts := f.v.form.lookFor.Options; !slices.Equal(opts[1:], want) {
		t.Errorf("the form offers %q", opts)
	}

	// A repeated look-for is refused and nothing changes.
	test.Tap(f.v.lookForBtn)
	e = f.v.lookFors
	e.items[1].SetText(strings.ToUpper(want[0]))
	test.Tap(e.dlg.ConfirmButton())
	if !e.dlg.IsOpen() || !strings.Contains(e.dlg.Error(), "twice") {
		t.Errorf("a repeated look-for: open %v, %q", e.dlg.IsOpen(), e.dlg.Error())
	}
	// The line goes once the list is edited: here, the repeat removed.
	e.onRemove(1)
	if got := e.dlg.Error(); got != "" {
		t.Errorf("the repeat was removed and the line still says %q", got)
	}
	e.dlg.Hide()

	notesUIUndo(t, f.ws)
	if got, _ := st.LookFors(context.Background()); !slices.Equal(got, continuum.DefaultLookFors) {
		t.Errorf("after undo: %q", got)
	}
}

// Given notes on a target, a unit and a group, when the coach exports
// them and a teacher with the demo imports the workbook (through the
// import's plan and ApplyMerge), then the teacher's store holds the notes,
// the coach's notes beside a target (in the target editor) show the note
// on that target and those beside a unit (on the units screen) the note on
// that unit; importing again adds nothing.
func TestVisitNotesExportThenImportShowsThemToTheTeacher(t *testing.T) {
	test.NewTempApp(t)
	coach := notesUIDemo(t)
	f := notesUINew(t, coach, coach)
	f.notesUIWriteThree(t)
	path := filepath.Join(t.TempDir(), "visit notes.xlsx")
	f.v.exportTo(path)

	// The workbook holds the continuum, its targets and units, the notes, and no class.
	ctx := context.Background()
	book, err := workbook.DecodeFile(ctx, path, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(book.Problems) > 0 {
		t.Fatalf("the notes workbook has problems: %v", book.Problems)
	}
	if len(book.VisitNotes) != 3 || len(book.Students) != 0 || len(book.Evidence) != 0 || book.Continuum.ID != f.cid || len(book.Units) != 2 {
		t.Fatalf("workbook holds %d notes, %d students, %d evidence, %d units, continuum %q",
			len(book.VisitNotes), len(book.Students), len(book.Evidence), len(book.Units), book.Continuum.ID)
	}

	// The teacher's store: the demo, without notes.
	teacher := notesUIDemo(t)
	mine, plan := notesUIPlanImport(t, teacher, book)
	counts := plan.Counts
	if counts[continuum.SectionVisitNotes][continuum.Added] != 3 || counts[continuum.SectionTargets][continuum.Unchanged] == 0 || len(plan.Conflicts) != 0 {
		t.Fatalf("import plan counts %v, conflicts %+v", counts, plan.Conflicts)
	}
	change, err := plan.Change(mine)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := teacher.ApplyMerge(ctx, change, nil); err != nil {
		t.Fatal(err)
	}
	stored := notesUIStored(t, teacher, f.cid)
	if len(stored) != 3 || stored[0].Subject != "NO.1.2" || stored[0].Coach != "J. Rivera" {
		t.Fatalf("the teacher's store holds %+v", stored)
	}
	_, again := notesUIPlanImport(t, teacher, book)
	if c := again.Counts[continuum.SectionVisitNotes]; c[continuum.Unchanged] != 3 || c[continuum.Added] != 0 {
		t.Errorf("importing again: %v", c)
	}

	// The coach's notes the target editor shows: the note on NO.1.2, none on NO.1.1.
	twin := test.NewTempWindow(t, nil)
	onTarget := screen.NewCoachNotes()
	twin.SetContent(onTarget.Content())
	onTarget.Show(teacher, f.cid, continuum.OnTarget, "NO.1.2")
	if !notesUIShows(onTarget.Content(), "Coach's notes") ||
		!notesUIShows(onTarget.Content(), "Students could say what NO.1.2 asks of them.") ||
		!notesUIShows(onTarget.Content(), "J. Rivera") {
		t.Errorf("the target editor does not show the coach's note: %q", notesUITexts(onTarget.Content()))
	}
	onTarget.Show(teacher, f.cid, continuum.OnTarget, "NO.1.1")
	if notesUIShows(onTarget.Content(), "Coach's notes") {
		t.Error("the target editor shows notes on a target that has none")
	}

	// The coach's notes the units screen shows under the fractions unit's title.
	onUnit := screen.NewCoachNotes()
	twin.SetContent(onUnit.Content())
	onUnit.Show(teacher, f.cid, continuum.OnUnit, "Fractions as numbers")
	if !notesUIShows(onUnit.Content(), "Coach's notes") || !notesUIShows(onUnit.Content(), "On pace; the number line work is strong.") {
		t.Errorf("the unit does not show the coach's note: %q", notesUITexts(onUnit.Content()))
	}
	onUnit.Show(teacher, f.cid, continuum.OnUnit, "Place value and operations")
	if notesUIShows(onUnit.Content(), "Coach's notes") {
		t.Error("the unit shows notes on another unit")
	}
}

// notesUIPlanImport plans the import of book into st as the app's import
// does: against the stored continuum of the same ID, with everything
// recorded in it, and the whole roster.
func notesUIPlanImport(t *testing.T, st *storage.Store, book *workbook.Book) (*continuum.Snapshot, *continuum.Plan) {
	t.Helper()
	ctx := context.Background()
	incoming := continuum.Snapshot{Continuum: book.Continuum, Targets: book.Targets, Students: book.Students,
		Evidence: book.Evidence, Overrides: book.Overrides, Units: book.Units, Flex: book.Flex, VisitNotes: book.VisitNotes}
	roster, err := st.Students(ctx)
	if err != nil {
		t.Fatal(err)
	}
	g, err := st.Graph(ctx, book.Continuum.ID)
	if err != nil {
		t.Fatal(err)
	}
	mine := &continuum.Snapshot{Continuum: g.Continuum, Targets: g.Targets, Students: roster}
	if mine.Evidence, err = st.Evidence(ctx, continuum.EvidenceFilter{Continuum: g.Continuum.ID}); err != nil {
		t.Fatal(err)
	}
	if mine.Overrides, err = st.Overrides(ctx, g.Continuum.ID, ""); err != nil {
		t.Fatal(err)
	}
	if mine.Units, err = st.Units(ctx, g.Continuum.ID); err != nil {
		t.Fatal(err)
	}
	if mine.Flex, err = st.FlexBlocks(ctx, g.Continuum.ID); err != nil {
		t.Fatal(err)
	}
	if mine.VisitNotes, err = st.VisitNotes(ctx, g.Continuum.ID); err != nil {
		t.Fatal(err)
	}
	return mine, continuum.PlanMerge(mine, roster, incoming)
}

// Given a review, where the workbook is shown read-only and the coach's
// own store (which does not hold the continuum) keeps the notes, when the
// coach writes and exports a note, then it lands in the coach's store,
// the reviewed store is untouched, and the export carries it.
func TestVisitNotesInAReviewGoToTheCoachsStore(t *testing.T) {
	test.NewTempApp(t)
	reviewed := notesUIDemo(t)
	own := storagetest.Open(t)
	f := notesUINew(t, own, continuum.ReadOnlyStore{Store: reviewed})
	test.Type(f.v.coach, "J. Rivera")
	f.notesUIWrite(t, "Target", notesUIPickTarget("place value"), "", "Anchor chart on place value is up.")
	f.notesUIWrite(t, "Continuum", nil, continuum.DefaultLookFors[0], "Clear levels on the wall.")
	if got := notesUIStored(t, own, f.cid); len(got) != 2 || got[0].Subject == "" {
		t.Fatalf("the coach's store holds %+v", got)
	}
	if got := notesUIStored(t, reviewed, f.cid); len(got) != 0 {
		t.Errorf("the reviewed store got notes: %+v", got)
	}
	path := filepath.Join(t.TempDir(), "notes.xlsx")
	f.v.exportTo(path)
	book, err := workbook.DecodeFile(context.Background(), path, workbook.Options{})
	if err != nil || len(book.Problems) > 0 || len(book.VisitNotes) != 2 {
		t.Fatalf("exported %v, problems %v, err %v", book.VisitNotes, book.Problems, err)
	}
}

// Given no continuum chosen, the screen says so and offers nothing to add.
func TestVisitNotesWithoutAContinuum(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	ws := screen.NewWorkspace()
	win := test.NewTempWindow(t, nil)
	v := New(st, st, ws, win)
	win.SetContent(v.Content())
	v.Refresh()
	if v.main.Visible() || !strings.Contains(v.Notice(), "No continuum is chosen") || !v.addBtn.Disabled() {
		t.Errorf("notice %q, add enabled %v", v.Notice(), !v.addBtn.Disabled())
	}
}
