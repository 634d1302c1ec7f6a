package builder

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
)

// addTarget adds a target through "Add target" as a teacher would, ticking
// prerequisites by typing words of them in the search and pressing Enter.
func (b *builder) addTarget(code, statement string, prereqSearches ...string) *targetEditor {
	b.t.Helper()
	test.Tap(b.s.addBtn)
	e := b.s.editor
	if e == nil || !e.dlg.IsOpen() || e.orig != nil {
		b.t.Fatal("Add target opened no editor for a new target")
	}
	test.Type(e.code, code)
	test.Type(e.statement, statement)
	for _, q := range prereqSearches {
		e.prereqs.Search.SetText("")
		test.Type(e.prereqs.Search, q)
		e.prereqs.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	}
	return e
}

func (b *builder) save(e *targetEditor) {
	b.t.Helper()
	test.Tap(e.dlg.ConfirmButton())
	b.wait(hookLoaded)
	if e.dlg.IsOpen() {
		b.t.Fatalf("the editor stayed open: %s", e.dlg.Error())
	}
}

func (b *builder) stored(code string) (continuum.Target, bool) {
	b.t.Helper()
	return b.graph().Target(code)
}

// readingContinuum builds, through the UI, a continuum with two targets
// in one cell, the second needing the first.
func readingContinuum(t *testing.T) *builder {
	t.Helper()
	b := newBuilder(t, nil, nil)
	b.createThroughDialog("Reading", "Early, Middle, Late", "Fluency")

	e := b.addTarget("FL.1", "I can read a passage aloud accurately.")
	if e.domain.Selected != "Fluency" || e.level.Selected != "Early" || e.place.Text != "1 of 1" {
		t.Errorf("new target placed in %s/%s, %s", e.domain.Selected, e.level.Selected, e.place.Text)
	}
	b.save(e)
	if b.s.selected != "FL.1" {
		t.Errorf("the new target is not selected: %q", b.s.selected)
	}

	e = b.addTarget("FL.2", "I can read with expression that shows meaning.", "passage aloud")
	if got := e.prereqs.Chosen(); !slices.Equal(got, []string{"FL.1"}) {
		t.Fatalf("prerequisites chosen %v", got)
	}
	if e.level.Selected != "Early" || e.place.Text != "2 of 2" {
		t.Errorf("second target starts in the selected card's cell: %s, %s", e.level.Selected, e.place.Text)
	}
	test.Tap(e.milestone)
	e.descriptors[2].SetText("Reads with expression that matches the meaning.")
	b.save(e)
	return b
}

func TestTargetEditorBuildsTargetsAndRefusesACycle(t *testing.T) {
	b := readingContinuum(t)
	fl2, ok := b.stored("FL.2")
	if !ok || !slices.Equal(fl2.Prerequisites, []string{"FL.1"}) || !fl2.Milestone || fl2.Order != 2 ||
		fl2.Descriptor(3) != "Reads with expression that matches the meaning." {
		t.Fatalf("stored FL.2 %+v", fl2)
	}
	if b.s.grid.Card("FL.2") == nil {
		t.Fatal("the grid does not show FL.2")
	}

	// Edit FL.1 to need FL.2: refused on the spot, the cycle named.
	test.Tap(b.s.grid.Card("FL.1"))
	e := b.s.editor
	if e == nil || e.orig == nil || e.orig.Code != "FL.1" || e.code.Disabled() || e.code.Text != "FL.1" {
		t.Fatal("tapping FL.1 did not open it with its code, ready to correct")
	}
	test.Type(e.prereqs.Search, "expression")
	if !slices.Equal(e.prereqs.Shown(), []string{"FL.2"}) {
		t.Fatalf("searching shows %v", e.prereqs.Shown())
	}
	e.prereqs.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(e.prereqs.Chosen()) != 0 {
		t.Errorf("the cycle was let in: %v", e.prereqs.Chosen())
	}
	if !e.prereqNote.Visible() || !strings.Contains(e.prereqNote.Text, "FL.1 → FL.2 → FL.1") ||
		!strings.Contains(e.prereqNote.Text, "cycle") {
		t.Errorf("cycle note %q (visible %v)", e.prereqNote.Text, e.prereqNote.Visible())
	}
	if fl1, _ := b.stored("FL.1"); len(fl1.Prerequisites) != 0 {
		t.Errorf("stored FL.1 needs %v", fl1.Prerequisites)
	}
	// The list's keyboard path refuses it too: Down into the list, Space.
	e.prereqs.Search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	focused := b.w.Canvas().Focused()
	if focused == nil || focused == fyne.Focusable(e.prereqs.Search) {
		t.Fatal("Down did not move the focus into the list")
	}
	focused.TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if len(e.prereqs.Chosen()) != 0 {
		t.Errorf("Space in the list let the cycle in: %v", e.prereqs.Chosen())
	}
	e.dlg.Hide()
}

func TestTargetEditorReordersWithinItsCell(t *testing.T) {
	b := readingContinuum(t)
	test.Tap(b.s.grid.Card("FL.2"))
	e := b.s.editor
	if e.place.Text != "2 of 2" || e.later.Disabled() == false {
		t.Fatalf("FL.2 place %q, later enabled %v", e.place.Text, !e.later.Disabled())
	}
	test.Tap(e.earlier)
	if e.place.Text != "1 of 2" {
		t.Fatalf("after Earlier: %q", e.place.Text)
	}
	b.save(e)
	fl1, _ := b.stored("FL.1")
	fl2, _ := b.stored("FL.2")
	if fl2.Order != 1 || fl1.Order != 2 {
		t.Fatalf("orders FL.1 %d, FL.2 %d", fl1.Order, fl2.Order)
	}
	if cell := b.graph().Cell(0, 0); cell[0].Code != "FL.2" {
		t.Errorf("cell order %v", cell)
	}
	b.undo()
	fl1, _ = b.stored("FL.1")
	fl2, _ = b.stored("FL.2")
	if fl1.Order != 1 || fl2.Order != 2 {
		t.Errorf("after undo: orders FL.1 %d, FL.2 %d", fl1.Order, fl2.Order)
	}

	// Moving to another level puts it last there.
	test.Tap(b.s.grid.Card("FL.1"))
	e = b.s.editor
	e.level.SetSelected("Middle")
	if e.place.Text != "1 of 1" {
		t.Errorf("in an empty cell: %q", e.place.Text)
	}
	b.save(e)
	if fl1, _ := b.stored("FL.1"); fl1.Level != "Middle" || fl1.Order != 1 {
		t.Errorf("moved FL.1: %s order %d", fl1.Level, fl1.Order)
	}
}

func TestTargetEditorShowsWhatIsWrongAndKeepsTheForm(t *testing.T) {
	b := readingContinuum(t)
	e := b.addTarget("FL.1", "Same code again.")
	test.Tap(e.dlg.ConfirmButton())
	if !e.dlg.IsOpen() || !strings.Contains(e.dlg.Error(), "Code:") || !strings.Contains(e.dlg.Error(), "FL.1") {
		t.Errorf("duplicate code: open %v, message %q", e.dlg.IsOpen(), e.dlg.Error())
	}
	e.code.SetText("FL.3")
	e.required.SetText("none")
	test.Tap(e.dlg.ConfirmButton())
	if !strings.Contains(e.dlg.Error(), "Evidence required:") {
		t.Errorf("bad count: %q", e.dlg.Error())
	}
	if _, ok := b.stored("FL.3"); ok {
		t.Error("FL.3 was stored")
	}
}

func TestTargetEditorDeletesWithConfirmationAndUndoRestores(t *testing.T) {
	b := readingContinuum(t)
	ctx := context.Background()
	cid := b.ws.Continuum()
	if err := b.st.PutStudents(ctx, continuum.Student{ID: "S1", Name: "Ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.st.AddEvidence(ctx,
		continuum.Evidence{Continuum: cid, Student: "S1", Target: "FL.2", Date: continuum.NewDate(2026, 9, 1), Score: 2, Kind: continuum.Formative},
		continuum.Evidence{Continuum: cid, Student: "S1", Target: "FL.2", Date: continuum.NewDate(2026, 9, 8), Score: 3, Kind: continuum.Summative},
	); err != nil {
		t.Fatal(err)
	}

	// FL.1 is needed by FL.2: refused, and the editor says why.
	test.Tap(b.s.grid.Card("FL.1"))
	test.Tap(b.s.editor.deleteBtn)
	if msg := b.s.editor.dlg.Error(); !strings.Contains(msg, "FL.1 is a prerequisite of FL.2") {
		t.Errorf("refusal %q", msg)
	}
	b.s.editor.dlg.Hide()

	// FL.2 goes, with its evidence, after a confirmation that counts it.
	test.Tap(b.s.grid.Card("FL.2"))
	test.Tap(b.s.editor.deleteBtn)
	b.wait(hookConfirm)
	text := b.s.confirmText
	if !strings.Contains(text, "FL.2") || !strings.Contains(text, "2 pieces of evidence") {
		t.Errorf("confirmation %q", text)
	}
	// Escape on the confirmation keeps the target.
	b.s.confirm.CancelButton().TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.s.confirm.IsOpen() {
		t.Fatal("Escape left the confirmation open")
	}
	if _, ok := b.stored("FL.2"); !ok {
		t.Fatal("FL.2 went without confirmation")
	}
	test.Tap(b.s.editor.deleteBtn)
	b.wait(hookConfirm)
	test.Tap(b.s.confirm.ConfirmButton())
	b.wait(hookLoaded)
	if _, ok := b.stored("FL.2"); ok || b.s.grid.Card("FL.2") != nil {
		t.Fatal("FL.2 is still there")
	}
	if ev, _ := b.st.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid}); len(ev) != 0 {
		t.Errorf("%d pieces of evidence left", len(ev))
	}
	if label, _ := b.ws.CanUndo(); label != "deletion of target FL.2" {
		t.Errorf("undo label %q", label)
	}

	b.undo()
	fl2, ok := b.stored("FL.2")
	if !ok || !slices.Equal(fl2.Prerequisites, []string{"FL.1"}) || b.s.grid.Card("FL.2") == nil {
		t.Fatalf("undo did not bring FL.2 back: %+v", fl2)
	}
	ev, _ := b.st.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid, Target: "FL.2"})
	if len(ev) != 2 || ev[0].Score != 2 || ev[1].Score != 3 {
		t.Errorf("evidence after undo: %+v", ev)
	}
}

func TestTargetEditorUndoOfANewTargetDeletesIt(t *testing.T) {
	b := readingContinuum(t)
	b.undo() // the new FL.2
	if _, ok := b.stored("FL.2"); ok {
		t.Error("undo left FL.2")
	}
	if _, ok := b.stored("FL.1"); !ok {
		t.Error("undo took FL.1 too")
	}
}

// Given FL.1 with evidence, needed by FL.2, when the teacher corrects its
// code in the editor, then the target, its evidence and FL.2's
// prerequisite all say FL.01; a code another target has is refused in the
// form; and undo brings FL.1 back with everything that names it.
func TestTargetEditorRenamesACodeAndUndoRestoresIt(t *testing.T) {
	b := readingContinuum(t)
	ctx := context.Background()
	cid := b.ws.Continuum()
	if err := b.st.PutStudents(ctx, continuum.Student{ID: "S1", Name: "Ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := b.st.AddEvidence(ctx, continuum.Evidence{Continuum: cid, Student: "S1", Target: "FL.1", Date: continuum.NewDate(2026, 9, 1), Score: 3, Kind: continuum.Formative}); err != nil {
		t.Fatal(err)
	}
	before, _ := b.stored("FL.1")
	evidenceOn := func(code string) int {
		t.Helper()
		evs, err := b.st.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid, Target: code})
		if err != nil {
			t.Fatal(err)
		}
		return len(evs)
	}

	test.Tap(b.s.grid.Card("FL.1"))
	e := b.s.editor
	e.code.SetText("")
	test.Type(e.code, "FL.2")
	test.Tap(e.dlg.ConfirmButton())
	if !e.dlg.IsOpen() || !strings.Contains(e.dlg.Error(), "FL.2") {
		t.Fatalf("renaming onto FL.2: open %v, message %q", e.dlg.IsOpen(), e.dlg.Error())
	}
	e.code.SetText("")
	test.Type(e.code, "FL.01")
	b.save(e)

	fl01, ok := b.stored("FL.01")
	if _, old := b.stored("FL.1"); !ok || old || fl01.UID != before.UID {
		t.Fatalf("after the rename: FL.01 %+v (stored %v), FL.1 still there %v", fl01, ok, old)
	}
	if fl2, _ := b.stored("FL.2"); !slices.Equal(fl2.Prerequisites, []string{"FL.01"}) {
		t.Errorf("FL.2 needs %v, want FL.01", fl2.Prerequisites)
	}
	if evidenceOn("FL.01") != 1 || evidenceOn("FL.1") != 0 {
		t.Errorf("evidence on FL.01 %d, on FL.1 %d; want it moved", evidenceOn("FL.01"), evidenceOn("FL.1"))
	}
	if b.s.grid.Card("FL.01") == nil {
		t.Error("the grid does not show FL.01")
	}

	b.undo()
	if _, ok := b.stored("FL.1"); !ok || evidenceOn("FL.1") != 1 {
		t.Errorf("after undo: FL.1 stored %v with %d pieces of evidence", ok, evidenceOn("FL.1"))
	}
	if fl2, _ := b.stored("FL.2"); !slices.Equal(fl2.Prerequisites, []string{"FL.1"}) {
		t.Errorf("after undo FL.2 needs %v", fl2.Prerequisites)
	}
}

// TestTargetEditorProblemGoesOnceItsFieldIsCorrected: a problem about the
// code stays while the teacher types elsewhere and goes as soon as the
// code is typed; the same for the evidence required.
func TestTargetEditorProblemGoesOnceItsFieldIsCorrected(t *testing.T) {
	b := readingContinuum(t)
	test.Tap(b.s.addBtn)
	e := b.s.editor
	test.Tap(e.dlg.ConfirmButton()) // no code, no statement
	if got := e.dlg.Error(); !strings.HasPrefix(got, "Code:") {
		t.Fatalf("empty code: line %q, want it to start with Code:", got)
	}
	test.Type(e.statement, "I can retell a story in order.")
	e.level.SetSelected("Middle")
	test.Tap(e.milestone)
	if got := e.dlg.Error(); !strings.HasPrefix(got, "Code:") {
		t.Errorf("after typing in other fields the line says %q, want the code's problem", got)
	}
	test.Type(e.code, "FL.3")
	if got := e.dlg.Error(); got != "" {
		t.Errorf("after typing a code the line still says %q", got)
	}

	e.required.SetText("")
	test.Type(e.required, "none")
	test.Tap(e.dlg.ConfirmButton())
	if got := e.dlg.Error(); !strings.HasPrefix(got, "Evidence required:") {
		t.Fatalf("bad count: line %q", got)
	}
	test.Type(e.code, ".1")
	if e.dlg.Error() == "" {
		t.Error("typing in the code cleared the problem about the evidence required")
	}
	e.required.SetText("2")
	if got := e.dlg.Error(); got != "" {
		t.Errorf("after correcting the count the line still says %q", got)
	}
	b.save(e)
	if tg, ok := b.stored("FL.3.1"); !ok || tg.EvidenceRequired != 2 {
		t.Errorf("stored %+v, %v", tg, ok)
	}
}
