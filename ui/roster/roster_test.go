package roster

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
)

// rosterFixture is the Students screen on the demo classroom.
type rosterFixture struct {
	r   *Screen
	w   fyne.Window
	st  *storage.Store
	ws  *screen.Workspace
	ctx context.Context
}

func newRosterFixture(t *testing.T) *rosterFixture {
	t.Helper()
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	ctx := context.Background()
	ws := screen.NewWorkspace()
	ws.SelectContinuum(demoID)
	w := test.NewTempWindow(t, nil)
	r := New(st, ws, w)
	w.SetContent(r.Content())
	w.Resize(fyne.NewSize(1200, 760))
	loaded := false
	r.WhenLoaded(func() { loaded = true })
	r.Refresh()
	uitest.Eventually(t, "the roster to load", func() bool { return loaded })
	return &rosterFixture{r: r, w: w, st: st, ws: ws, ctx: ctx}
}

func (f *rosterFixture) student(t *testing.T, id string) (continuum.Student, bool) {
	t.Helper()
	st, err := f.st.Student(f.ctx, id)
	if err != nil {
		return st, false
	}
	return st, true
}

// typeInto focuses an entry, clears it and types text, as a teacher would.
func typeInto(w fyne.Window, e fyne.Focusable, text string) {
	w.Canvas().Focus(e)
	if s, ok := e.(fyne.Shortcutable); ok {
		s.TypedShortcut(&fyne.ShortcutSelectAll{})
		e.TypedKey(&fyne.KeyEvent{Name: fyne.KeyBackspace})
	}
	uitest.TypeText(w, text)
}

func TestRosterListsSearchesAndFilters(t *testing.T) {
	f := newRosterFixture(t)
	r := f.r
	if len(r.shown) != 28 || r.count.Text != "28 students" {
		t.Fatalf("shows %d (%q), want the 28 demo students", len(r.shown), r.count.Text)
	}
	r.groupFilter.SetSelected("Period 5")
	if len(r.shown) != 14 || r.count.Text != "14 of 28 students" {
		t.Errorf("Period 5 shows %d (%q)", len(r.shown), r.count.Text)
	}
	typeInto(f.w, r.search, "s004")
	if len(r.shown) != 1 || r.students[r.shown[0]].Name != "Dev Patel" {
		t.Errorf("search by ID shows %d", len(r.shown))
	}
	// Enter in the search opens the match in the form, focus on the name.
	uitest.PressKey(f.w, fyne.KeyReturn)
	if r.editing != "S004" || r.name.Text != "Dev Patel" || f.w.Canvas().Focused() != r.name {
		t.Errorf("Enter: editing %q, name %q", r.editing, r.name.Text)
	}
	// Escape clears the search; Down moves through the list.
	f.w.Canvas().Focus(r.search)
	uitest.PressKey(f.w, fyne.KeyEscape)
	r.groupFilter.SetSelected(allGroups)
	if len(r.shown) != 28 {
		t.Errorf("after Escape and All groups: %d shown", len(r.shown))
	}
	uitest.PressKey(f.w, fyne.KeyDown)
	if r.editing == "S004" || r.editing == "" {
		t.Errorf("Down did not move to the next student: %q", r.editing)
	}
}

func TestRosterAddsAStudentWithAGroupAndAStartingLevel(t *testing.T) {
	f := newRosterFixture(t)
	r := f.r
	test.Tap(&r.newBtn.Button)
	if f.w.Canvas().Focused() != r.name || r.id.Text != "S029" {
		t.Fatalf("New student: focus %v, suggested ID %q (want S029)", f.w.Canvas().Focused(), r.id.Text)
	}
	uitest.TypeText(f.w, "Noor Haddad")
	typeInto(f.w, r.group, "Period 7") // a new group, typed
	typeInto(f.w, r.external, "SIS-50001")
	if len(r.levelPicks) != 4 {
		t.Fatalf("%d starting-level choices, want one per domain (4)", len(r.levelPicks))
	}
	if got := r.levelPicks[1].Options; got[0] != noLevel || got[1] != "Level 1" || len(got) != 5 {
		t.Errorf("level options %v", got)
	}
	r.levelPicks[1].SetSelected("Level 3") // Algebraic thinking
	f.w.Canvas().Focus(r.external)
	uitest.PressKey(f.w, fyne.KeyReturn) // Enter in a field saves

	st, ok := f.student(t, "S029")
	if !ok {
		t.Fatal("the new student was not stored")
	}
	if st.Name != "Noor Haddad" || st.Group != "Period 7" || st.ExternalID != "SIS-50001" {
		t.Errorf("stored %+v", st)
	}
	if got := st.StartingLevel(demoID, "Algebraic thinking"); got != "Level 3" || len(st.StartingLevels) != 1 {
		t.Errorf("starting levels %+v", st.StartingLevels)
	}
	// The form is ready for the next student, with the next ID and the same group.
	if r.editing != "" || r.id.Text != "S030" || r.group.Text != "Period 7" || f.w.Canvas().Focused() != r.name {
		t.Errorf("after adding: editing %q, ID %q, group %q", r.editing, r.id.Text, r.group.Text)
	}
	if !slicesContains(r.groupFilter.Options, "Period 7") {
		t.Errorf("the new group is not offered: %v", r.groupFilter.Options)
	}
	if label, _ := f.ws.CanUndo(); label != "adding Noor Haddad" {
		t.Errorf("undo label %q", label)
	}
	if _, err := f.ws.Undo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if _, ok := f.student(t, "S029"); ok {
		t.Error("undo did not remove the added student")
	}
}

func TestRosterRefusesADuplicateIDAndAMissingName(t *testing.T) {
	f := newRosterFixture(t)
	r := f.r
	r.onNew()
	typeInto(f.w, r.name, "Someone Else")
	typeInto(f.w, r.id, "S001")
	r.onSave()
	if st, _ := f.student(t, "S001"); st.Name != "Amara Okafor" {
		t.Fatalf("a duplicate ID replaced S001: %+v", st)
	}
	// The problem is said under the fields, naming the field as the
	// teacher knows it, with the focus in it: no message to close first.
	if !r.problem.Visible() || r.problem.Text != "Student ID: S001 is already Amara Okafor's ID; choose another" {
		t.Errorf("problem line %q (shown %v), want it about the duplicate ID", r.problem.Text, r.problem.Visible())
	}
	if top := f.w.Canvas().Overlays().Top(); top != nil {
		t.Errorf("a dialog over the form: %q", uitest.DialogTexts(f.w))
	}
	if f.w.Canvas().Focused() != r.id {
		t.Error("the focus did not go to the ID field named by the error")
	}

	typeInto(f.w, r.id, "S099")
	if r.problem.Visible() {
		t.Errorf("the ID was changed, the problem line still says %q", r.problem.Text)
	}
	typeInto(f.w, r.name, "   ")
	r.onSave()
	if _, ok := f.student(t, "S099"); ok {
		t.Error("a student without a name was stored")
	}
	if !r.problem.Visible() || !strings.HasPrefix(r.problem.Text, "Name: ") || !strings.Contains(r.problem.Text, "has no name") {
		t.Errorf("problem line %q, want it about the missing name", r.problem.Text)
	}
	if f.w.Canvas().Focused() != r.name {
		t.Error("the focus did not go to the name field")
	}
	// Given the name problem, a change to another field leaves it; typing
	// a name clears it, and the save then goes through.
	typeInto(f.w, r.external, "SIS-1")
	if !r.problem.Visible() {
		t.Error("a change to another field cleared the name's problem")
	}
	typeInto(f.w, r.name, "Noor Haddad")
	if r.problem.Visible() {
		t.Errorf("a name was typed, the problem line still says %q", r.problem.Text)
	}
	r.onSave()
	if st, ok := f.student(t, "S099"); !ok || st.Name != "Noor Haddad" {
		t.Errorf("after the correction: %+v, stored %v", st, ok)
	}
}

func TestRosterEditsAStudent(t *testing.T) {
	f := newRosterFixture(t)
	r := f.r
	r.list.Select(r.shownIndex("S005")) // Ella Nguyen, placed at Level 2 in number
	if r.editing != "S005" || !r.id.Disabled() {
		t.Fatalf("editing %q, ID disabled %v", r.editing, r.id.Disabled())
	}
	if r.levelPicks[0].Selected != "Level 2" || r.levelPicks[1].Selected != noLevel {
		t.Errorf("starting levels shown %q %q", r.levelPicks[0].Selected, r.levelPicks[1].Selected)
	}
	typeInto(f.w, r.name, "Ella Nguyen-Park")
	r.group.SetText("Period 5")
	r.levelPicks[0].SetSelected(noLevel)
	r.levelPicks[3].SetSelected("Level 1")
	test.Tap(&r.saveBtn.Button)
	st, _ := f.student(t, "S005")
	if st.Name != "Ella Nguyen-Park" || st.Group != "Period 5" {
		t.Errorf("stored %+v", st)
	}
	if st.StartingLevel(demoID, "Number and operations") != "" || st.StartingLevel(demoID, "Habits of success") != "Level 1" {
		t.Errorf("starting levels %+v", st.StartingLevels)
	}
	if r.status.Text != "Saved Ella Nguyen-Park." {
		t.Errorf("status %q", r.status.Text)
	}
	if label, _ := f.ws.CanUndo(); label != "changes to Ella Nguyen" {
		t.Errorf("undo label %q", label)
	}
	if _, err := f.ws.Undo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if st, _ := f.student(t, "S005"); st.Name != "Ella Nguyen" || st.StartingLevel(demoID, "Number and operations") != "Level 2" {
		t.Errorf("undo left %+v", st)
	}
	if r.name.Text != "Ella Nguyen" {
		t.Errorf("the form did not follow the undo: %q", r.name.Text)
	}
}

// Given Gabriel Silva with evidence, an override, a flex place, a
// calibration score of his work and a visit note naming him, when the
// teacher removes him, then the confirmation counts each of them and says
// that only a backup brings them back; Cancel keeps him, Remove takes him
// with all of it, and the removal is not on the undo history.
func TestRosterRemovalSaysWhatGoesAndIsForGood(t *testing.T) {
	f := newRosterFixture(t)
	r := f.r
	ev, _ := f.st.Evidence(f.ctx, continuum.EvidenceFilter{Continuum: demoID, Student: "S007"})
	aboutGabriel(t, f)
	r.list.Select(r.shownIndex("S007"))
	test.Tap(&r.removeBtn.Button)
	top := f.w.Canvas().Overlays().Top()
	want := fmt.Sprintf("Removes Gabriel Silva (S007) with %d pieces of evidence, 1 override, 1 flex place, 1 calibration score and 1 visit note about them.", len(ev))
	if top == nil || !dialogSays(top, want) || !dialogSays(top, "This cannot be undone except from a backup.") {
		t.Fatalf("the confirmation does not say %q and that it is for good:\n%s", want, test.RenderObjectToMarkup(top))
	}
	if f.w.Canvas().Focused() != uitest.OverlayButton(t, f.w, "Cancel").(fyne.Focusable) {
		t.Error("the focus is not on Cancel, the safe choice")
	}
	// Cancel keeps the student.
	uitest.TapOverlayButton(t, f.w, "Cancel")
	if _, ok := f.student(t, "S007"); !ok {
		t.Fatal("Cancel removed the student")
	}
	undoBefore, _ := f.ws.CanUndo()
	test.Tap(&r.removeBtn.Button)
	uitest.TapOverlayButton(t, f.w, "Remove")
	if _, ok := f.student(t, "S007"); ok {
		t.Fatal("the student is still there")
	}
	if left, _ := f.st.Evidence(f.ctx, continuum.EvidenceFilter{Continuum: demoID, Student: "S007"}); len(left) != 0 {
		t.Errorf("%d pieces of evidence left", len(left))
	}
	blocks, _ := f.st.FlexBlocks(f.ctx, demoID)
	scores, _ := f.st.CalibrationScores(f.ctx, demoID)
	notes, _ := f.st.VisitNotes(f.ctx, demoID)
	for _, b := range blocks {
		for _, a := range b.Assignments {
			if a.Student == "S007" {
				t.Errorf("block %s still places him", b.ID)
			}
		}
	}
	for _, sc := range scores {
		if strings.Contains(sc.Sample, "Gabriel Silva") {
			t.Errorf("calibration score %+v is left", sc)
		}
	}
	for _, n := range notes {
		if strings.Contains(n.Note, "Gabriel Silva") {
			t.Errorf("visit note %+v is left", n)
		}
	}
	if r.shownIndex("S007") >= 0 || r.editing != "" {
		t.Error("the list or the form still shows the removed student")
	}
	if !strings.Contains(r.status.Text, "Removed Gabriel Silva (S007)") {
		t.Errorf("status %q", r.status.Text)
	}
	if label, _ := f.ws.CanUndo(); label != undoBefore {
		t.Errorf("the removal is on the undo history as %q", label)
	}
}

// aboutGabriel gives demo student S007 a flex place, a calibration score
// of a sample of his work and a visit note naming him; he already has
// evidence and one override.
func aboutGabriel(t *testing.T, f *rosterFixture) {
	t.Helper()
	ov, _ := f.st.Overrides(f.ctx, demoID, "S007")
	if len(ov) != 1 {
		t.Fatalf("demo S007 has %d overrides, want 1", len(ov))
	}
	g, err := f.st.Graph(f.ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	code := g.Targets[0].Code
	blk := continuum.FlexBlock{ID: "removal-test", Continuum: demoID, Date: continuum.MustParseDate("2026-11-23"), Slot: "WIN", Minutes: 30,
		Offerings:   []continuum.Offering{{ID: "open", Title: "Open study", Kind: continuum.OpenStudy, Capacity: 30}},
		Assignments: []continuum.Assignment{{Student: "S007", Offering: "open", Reason: "Open study"}}}
	for _, err := range []error{
		f.st.PutFlexBlock(f.ctx, blk),
		f.st.PutCalibrationScores(f.ctx, demoID, continuum.CalibrationScore{Sample: "Gabriel Silva's essay", Target: code, Scorer: "J. Rivera", Score: g.Continuum.Scale.Points[0].Value}),
	} {
		if err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.st.PutVisitNote(f.ctx, continuum.VisitNote{Continuum: demoID, Date: continuum.MustParseDate("2026-11-24"),
		About: continuum.OnClass, Note: "Gabriel Silva was stuck on fractions"}); err != nil {
		t.Fatal(err)
	}
	fp, err := f.st.StudentFootprint(f.ctx, "S007")
	if err != nil || fp.FlexPlaces != 1 || fp.CalibrationScores != 1 || fp.VisitNotes != 1 {
		t.Fatalf("S007's footprint %+v, %v; other demo records name him", fp, err)
	}
}

func TestRosterWithoutAContinuum(t *testing.T) {
	f := newRosterFixture(t)
	f.ws.SelectContinuum("")
	if len(f.r.levelPicks) != 0 || !strings.Contains(f.r.levelsNote.Text, "Choose a continuum") {
		t.Errorf("with no continuum: %d choices, note %q", len(f.r.levelPicks), f.r.levelsNote.Text)
	}
	f.r.FocusFirst()
	if f.w.Canvas().Focused() != f.r.search {
		t.Error("FocusFirst did not focus the search")
	}
}

func slicesContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// dialogSays reports whether a dialog shows text somewhere in its labels.
func dialogSays(o fyne.CanvasObject, text string) bool {
	return strings.Contains(test.RenderObjectToMarkup(o), text)
}

func TestRosterSuggestsTheNextFreeID(t *testing.T) {
	f := newRosterFixture(t)
	if f.r.editing != "" || f.r.id.Text != "S029" {
		t.Errorf("the first form suggests %q, want S029 after S028", f.r.id.Text)
	}
	f.r.students = []continuum.Student{{ID: "P-07"}, {ID: "P-10"}, {ID: "x"}}
	if got := f.r.suggestID(); got != "P-11" {
		t.Errorf("after P-07 and P-10: %q", got)
	}
	f.r.students = nil
	if got := f.r.suggestID(); got != "S001" {
		t.Errorf("empty roster: %q", got)
	}
}
