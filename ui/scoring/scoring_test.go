package scoring

import (
	"context"
	"strings"
	"testing"
	"unsafe"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

const demoID = "demo-math-foundations"

// scoringDay is the day the scoring tests call today.
var scoringDay = continuum.NewDate(2026, 11, 20)

// scoringFixture is the scoring screen on the demo classroom.
type scoringFixture struct {
	s   *Screen
	w   fyne.Window
	st  *storage.Store
	ws  *screen.Workspace
	ctx context.Context
}

func newScoringFixture(t *testing.T) *scoringFixture {
	t.Helper()
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	ctx := context.Background()
	ws := screen.NewWorkspace()
	ws.SetToday(scoringDay)
	ws.SelectContinuum(demoID)
	w := test.NewTempWindow(t, nil)
	s := New(st, ws, w)
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1200, 760))
	loaded := false
	s.WhenLoaded(func() { loaded = true })
	s.Refresh()
	uitest.Eventually(t, "the class to load", func() bool { return loaded })
	return &scoringFixture{s: s, w: w, st: st, ws: ws, ctx: ctx}
}

// press sends a key to the focused widget, as the window does (Tab
// included, for a widget that takes it).
func (f *scoringFixture) press(key fyne.KeyName) { uitest.PressKey(f.w, key) }

// chooseTarget finds a target by typing in the search field and pressing Enter.
func (f *scoringFixture) chooseTarget(t *testing.T, query, code string) {
	t.Helper()
	f.w.Canvas().Focus(f.s.picker.SearchField())
	f.s.picker.SetQuery("")
	uitest.TypeText(f.w, query)
	f.press(fyne.KeyReturn)
	if f.s.target != code {
		t.Fatalf("typing %q then Enter chose %q, want %s", query, f.s.target, code)
	}
}

func (f *scoringFixture) evidence(t *testing.T, student, code string) []continuum.Evidence {
	t.Helper()
	ev, err := f.st.Evidence(f.ctx, continuum.EvidenceFilter{Continuum: demoID, Student: student, Target: code})
	if err != nil {
		t.Fatal(err)
	}
	return ev
}

func TestScoringOneTargetManyStudents(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	s.kind.SetSelected("Observation")
	s.scorer.SetText("MR")
	s.groups.SetSelected("Period 2")
	f.chooseTarget(t, "add subtract", "NO.1.2")

	if n := s.column.Len(); n != 14 {
		t.Fatalf("Period 2 shows %d students, want 14", n)
	}
	first, second := s.column.Row(0), s.column.Row(1)
	if f.w.Canvas().Focused() != s.column.ScoreEntry(0) {
		t.Fatal("Enter in the search did not put the focus on the first student's score")
	}
	before := f.evidence(t, first.Key, "NO.1.2")

	// Given the first student's score cell, when the teacher types 3 and
	// presses Enter, the score is stored at once and the focus moves down.
	uitest.TypeText(f.w, "3")
	f.press(fyne.KeyReturn)
	if f.w.Canvas().Focused() != s.column.ScoreEntry(1) {
		t.Fatal("the focus did not move to the next student")
	}
	after := f.evidence(t, first.Key, "NO.1.2")
	if len(after) != len(before)+1 {
		t.Fatalf("%d pieces of evidence after scoring, want %d", len(after), len(before)+1)
	}
	got := after[len(after)-1]
	if got.Score != 3 || got.Date != scoringDay || got.Kind != continuum.Observation || got.Scorer != "MR" || got.Note != "" {
		t.Errorf("stored %+v", got)
	}
	// The row shows the new standing, computed from the class in memory.
	st, _ := f.st.Student(f.ctx, first.Key)
	g, _ := f.st.Graph(f.ctx, demoID)
	ov, _ := f.st.Overrides(f.ctx, demoID, first.Key)
	all, _ := f.st.Evidence(f.ctx, continuum.EvidenceFilter{Continuum: demoID, Student: first.Key})
	i, _ := g.Lookup("NO.1.2")
	want, _ := masteryStatus(g.StudentMastery(&st, all, ov)[i], &g.Targets[i], &g.Continuum.Scale)
	if row := s.column.Row(0); row.Status != want || row.Saved != "✓ 3" {
		t.Errorf("row after scoring: status %q saved %q; want status %q", row.Status, row.Saved, want)
	}
	if !strings.Contains(first.Status, "pieces") && first.Status == s.column.Row(0).Status {
		t.Errorf("status did not change: %q", first.Status)
	}
	if msg := s.status.Text; msg != "Saved 3 for "+st.Name+" on NO.1.2" {
		t.Errorf("status line %q", msg)
	}
	if label, ok := f.ws.CanUndo(); !ok || label != "score 3 for "+st.Name {
		t.Errorf("undo label %q", label)
	}

	// A score off the scale is refused on its row: nothing stored, the
	// focus stays, the message says what is wrong.
	n2 := len(f.evidence(t, second.Key, "NO.1.2"))
	uitest.TypeText(f.w, "7")
	f.press(fyne.KeyReturn)
	if f.w.Canvas().Focused() != s.column.ScoreEntry(1) {
		t.Error("a bad score moved the focus")
	}
	if msg := s.column.Row(1).Message; !strings.Contains(msg, "“7” is not a score") {
		t.Errorf("row message %q", msg)
	}
	if !strings.Contains(s.status.Text, "not on the scale") {
		t.Errorf("status line %q", s.status.Text)
	}
	if n := len(f.evidence(t, second.Key, "NO.1.2")); n != n2 {
		t.Errorf("a bad score was stored: %d pieces, was %d", n, n2)
	}

	// A label works as well as a value; Up goes back.
	uitest.TypeText(f.w, "proficient")
	f.press(fyne.KeyUp)
	if f.w.Canvas().Focused() != s.column.ScoreEntry(0) {
		t.Error("Up did not go back to the first student")
	}
	if ev := f.evidence(t, second.Key, "NO.1.2"); len(ev) != n2+1 || ev[len(ev)-1].Score != 3 {
		t.Errorf("\"proficient\" was not stored as 3: %v", ev)
	}

	// Undo removes the last score and the row shows the standing again.
	if _, err := f.ws.Undo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if n := len(f.evidence(t, second.Key, "NO.1.2")); n != n2 {
		t.Errorf("undo left %d pieces, want %d", n, n2)
	}
	if row := s.column.Row(1); row.Saved != "" || row.Status != second.Status {
		t.Errorf("after undo: saved %q status %q, want status %q", row.Saved, row.Status, second.Status)
	}
}

func TestScoringNotesBeforeAndAfterTheScore(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	f.chooseTarget(t, "NO.2.2", "NO.2.2")
	a, b := s.column.Row(0).Key, s.column.Row(1).Key

	// A score, then Tab to the note, then the note with Enter: the stored
	// evidence gets the note.
	uitest.TypeText(f.w, "2")
	f.press(fyne.KeyTab)
	if f.w.Canvas().Focused() != s.column.NoteEntry(0) {
		t.Fatal("Tab did not go to the note")
	}
	ev := f.evidence(t, a, "NO.2.2")
	if len(ev) == 0 || ev[len(ev)-1].Score != 2 || ev[len(ev)-1].Note != "" {
		t.Fatalf("Tab did not store the score: %v", ev)
	}
	uitest.TypeText(f.w, "Exit ticket")
	f.press(fyne.KeyReturn)
	if f.w.Canvas().Focused() != s.column.ScoreEntry(1) {
		t.Fatal("Enter in the note did not move to the next student")
	}
	ev2 := f.evidence(t, a, "NO.2.2")
	if len(ev2) != len(ev) || ev2[len(ev2)-1].Note != "Exit ticket" {
		t.Errorf("the note did not reach the stored evidence: %v", ev2)
	}
	if s.column.Row(0).Saved != "✓ 2 · Exit ticket" {
		t.Errorf("row 0 saved %q", s.column.Row(0).Saved)
	}

	// A note typed first waits for its score, which then carries it.
	f.press(fyne.KeyTab)
	uitest.TypeText(f.w, "Conference")
	f.press(fyne.KeyReturn)
	if f.w.Canvas().Focused() != s.column.ScoreEntry(1) || s.column.Row(1).Message != "Type a score first" {
		t.Fatalf("a lone note: focus %v, message %q", f.w.Canvas().Focused(), s.column.Row(1).Message)
	}
	uitest.TypeText(f.w, "4")
	f.press(fyne.KeyReturn)
	evB := f.evidence(t, b, "NO.2.2")
	if last := evB[len(evB)-1]; last.Score != 4 || last.Note != "Conference" {
		t.Errorf("score with an earlier note stored as %+v", last)
	}
}

func TestScoringRemembersKindAndScorer(t *testing.T) {
	f := newScoringFixture(t)
	f.s.kind.SetSelected("Summative")
	f.s.scorer.SetText("JD")
	again := New(f.st, f.ws, f.w)
	if again.kind.Selected != "Summative" || again.scorer.Text != "JD" {
		t.Errorf("a new screen starts with kind %q, scorer %q", again.kind.Selected, again.scorer.Text)
	}
}

func TestScoringDateEntry(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	if s.date.Text != "2026-11-20" {
		t.Errorf("date starts at %q, want today", s.date.Text)
	}
	f.chooseTarget(t, "NO.1.1", "NO.1.1")
	key := s.column.Row(0).Key
	s.date.SetText("11/2/2026")
	f.w.Canvas().Focus(s.column.ScoreEntry(0))
	uitest.TypeText(f.w, "2")
	f.press(fyne.KeyDown)
	ev := f.evidence(t, key, "NO.1.1")
	if ev[len(ev)-1].Date != continuum.NewDate(2026, 11, 2) {
		t.Errorf("stored on %s, want 2026-11-02", ev[len(ev)-1].Date)
	}
	// A date that is not one stops the score on its row.
	s.date.SetText("next Tuesday")
	if s.dateHint.Text != "not a date" {
		t.Errorf("date hint %q", s.dateHint.Text)
	}
	n := len(f.evidence(t, s.column.Row(1).Key, "NO.1.1"))
	uitest.TypeText(f.w, "2")
	f.press(fyne.KeyDown)
	if got := len(f.evidence(t, s.column.Row(1).Key, "NO.1.1")); got != n || s.column.Row(1).Message != "Fix the date above first" {
		t.Errorf("with a bad date: %d pieces (was %d), message %q", got, n, s.column.Row(1).Message)
	}
}

func TestScoringOneStudentManyTargets(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	s.mode.SetSelected(modeByStudent)
	f.w.Canvas().Focus(s.picker.SearchField())
	uitest.TypeText(f.w, "camila")
	f.press(fyne.KeyReturn)
	if s.student != "S003" {
		t.Fatalf("chose student %q, want S003 (Camila Reyes)", s.student)
	}
	if n := s.column.Len(); n != 36 {
		t.Errorf("all domains and levels show %d targets, want 36", n)
	}
	s.domains.SetSelected("Habits of success")
	s.levels.SetSelected("Level 2")
	if n := s.column.Len(); n != 2 || s.column.Row(0).Key != "HS.2.1" {
		t.Fatalf("habits at level 2: %d rows, first %q", n, s.column.Row(0).Key)
	}
	f.w.Canvas().Focus(s.column.ScoreEntry(0))
	uitest.TypeText(f.w, "4")
	f.press(fyne.KeyReturn)
	if f.w.Canvas().Focused() != s.column.ScoreEntry(1) {
		t.Error("the focus did not move to the next target")
	}
	ev := f.evidence(t, "S003", "HS.2.1")
	if len(ev) == 0 || ev[len(ev)-1].Score != 4 || ev[len(ev)-1].Date != scoringDay {
		t.Errorf("HS.2.1 evidence %v", ev)
	}
	if !strings.Contains(s.status.Text, "Saved 4 for Camila Reyes on HS.2.1") {
		t.Errorf("status %q", s.status.Text)
	}
	// Habits need three pieces: one 4 is "not yet", and says so.
	if st := s.column.Row(0).Status; !strings.Contains(st, "of 3 pieces") && !strings.HasPrefix(st, "mastered") {
		t.Errorf("status %q", st)
	}
}

func TestScoringHistoryEditDeleteAndOverride(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	f.chooseTarget(t, "NO.1.1", "NO.1.1")
	key := s.column.Row(0).Key
	uitest.TypeText(f.w, "1")
	f.press(fyne.KeyReturn)
	ev := f.evidence(t, key, "NO.1.1")
	mine := ev[len(ev)-1]

	// Ctrl+H on a row opens its history.
	f.w.Canvas().Focus(s.column.ScoreEntry(0))
	shown := false
	s.editor.loaded = func() { shown = true }
	s.onHistory(0)
	if !shown || len(s.editor.evidence) != len(ev) {
		t.Fatalf("history shows %d pieces, want %d", len(s.editor.evidence), len(ev))
	}

	// Edit the score just recorded.
	upd := mine
	upd.Score = 2
	s.editor.saveEdit(mine, upd)
	if got := f.evidence(t, key, "NO.1.1"); got[len(got)-1].Score != 2 {
		t.Errorf("edit not stored: %v", got[len(got)-1])
	}
	// Delete it, confirming in the dialog.
	s.editor.onDelete(upd)
	uitest.TapOverlayButton(t, f.w, "Delete")
	if got := f.evidence(t, key, "NO.1.1"); len(got) != len(ev)-1 {
		t.Errorf("after delete: %d pieces, want %d", len(got), len(ev)-1)
	}
	if label, _ := f.ws.CanUndo(); !strings.HasPrefix(label, "deletion of ") {
		t.Errorf("undo label %q", label)
	}
	if _, err := f.ws.Undo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if got := f.evidence(t, key, "NO.1.1"); len(got) != len(ev) || got[len(got)-1].Score != 2 {
		t.Errorf("undo of the delete: %v", got)
	}

	// Override: mastered, with a reason; the row says so; then remove it.
	s.editor.saveOverride(continuum.Override{Continuum: demoID, Student: key, Target: "NO.1.1", Mastered: true,
		Reason: "Explained place value to the class", Date: scoringDay, By: "MR"})
	if ov, _ := f.st.Overrides(f.ctx, demoID, key); len(ov) != 1 || !ov[0].Mastered {
		t.Fatalf("override not stored: %v", ov)
	}
	if st := s.column.Row(0).Status; st != "mastered (override)" {
		t.Errorf("row status with an override %q", st)
	}
	if !strings.HasPrefix(s.editor.overLine.Text, "Override: mastered, on Nov 20, 2026 by MR.") {
		t.Errorf("override line %q", s.editor.overLine.Text)
	}
	s.editor.onRemoveOverride()
	if ov, _ := f.st.Overrides(f.ctx, demoID, key); len(ov) != 0 {
		t.Errorf("override not removed: %v", ov)
	}
	if _, err := f.ws.Undo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if ov, _ := f.st.Overrides(f.ctx, demoID, key); len(ov) != 1 {
		t.Errorf("undo did not bring the override back: %v", ov)
	}
	s.editor.Hide()
}

func TestScoringOverrideFormNeedsAReason(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	f.chooseTarget(t, "PS.1.1", "PS.1.1")
	key := s.column.Row(0).Key
	s.onHistory(0)
	uitest.TapOverlayButton(t, f.w, "Override…")
	save := uitest.OverlayButton(t, f.w, "Save").(fyne.Disableable)
	if !save.Disabled() {
		t.Error("an override without a reason can be saved")
	}
	uitest.TypeText(f.w, "Seen in the science fair")
	if save.Disabled() {
		t.Fatal("a reason did not enable Save")
	}
	uitest.TapOverlayButton(t, f.w, "Save")
	ov, _ := f.st.Overrides(f.ctx, demoID, key)
	if len(ov) != 1 || ov[0].Reason != "Seen in the science fair" || ov[0].Date != scoringDay || !ov[0].Mastered {
		t.Errorf("override stored as %v", ov)
	}
}

func TestScoringFollowsTheContinuumAndOtherChanges(t *testing.T) {
	f := newScoringFixture(t)
	f.chooseTarget(t, "NO.1.2", "NO.1.2")
	// A score recorded elsewhere (another screen) shows here after the change is announced.
	key := f.s.column.Row(0).Key
	if _, err := f.st.AddEvidence(f.ctx, continuum.Evidence{Continuum: demoID, Student: key, Target: "NO.1.2", Date: scoringDay, Score: 4, Kind: continuum.Summative}); err != nil {
		t.Fatal(err)
	}
	before := f.s.column.Row(0).Status
	f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: demoID})
	if after := f.s.column.Row(0).Status; after == before {
		t.Errorf("status did not follow a change made elsewhere: %q", after)
	}
	// No continuum chosen: the column says what to do.
	f.ws.SelectContinuum("")
	if f.s.column.Len() != 0 || !strings.Contains(f.s.column.EmptyText(), "Choose a continuum") {
		t.Errorf("with no continuum: %d rows, %q", f.s.column.Len(), f.s.column.EmptyText())
	}
}

func TestScoringFocusFirst(t *testing.T) {
	f := newScoringFixture(t)
	f.s.FocusFirst()
	if f.w.Canvas().Focused() != f.s.picker.SearchField() {
		t.Error("with nothing chosen, the focus should start in the search field")
	}
	f.chooseTarget(t, "NO.1.2", "NO.1.2")
	f.w.Canvas().Unfocus()
	f.s.FocusFirst()
	if f.w.Canvas().Focused() != f.s.column.ScoreEntry(0) {
		t.Error("with a target chosen, the focus should start on the first score")
	}
}

func TestSaveQueueRunsSavesInTypedOrder(t *testing.T) {
	var q saveQueue
	var started []string
	var finish []func()
	job := func(name string) func(done func()) {
		return func(done func()) {
			started = append(started, name)
			finish = append(finish, done)
		}
	}
	q.add(job("3 for Ana"))
	q.add(job("4 for Ben"))
	q.add(job("note for Ben"))
	if len(started) != 1 {
		t.Fatalf("started %v before the first save finished", started)
	}
	finish[0]()
	if len(started) != 2 || started[1] != "4 for Ben" {
		t.Fatalf("after the first: %v", started)
	}
	finish[1]()
	finish[2]()
	if len(started) != 3 || started[2] != "note for Ben" || len(q.jobs) != 0 {
		t.Errorf("started %v, %d left", started, len(q.jobs))
	}
	// A job that finishes at once (as under test) lets the next run at once.
	q.add(func(done func()) { started = append(started, "now"); done() })
	q.add(func(done func()) { started = append(started, "then"); done() })
	if len(started) != 5 || len(q.jobs) != 0 {
		t.Errorf("inline jobs: %v, %d left", started, len(q.jobs))
	}
}

// TestScoringSavesATypedScoreWhenTheFocusLeaves: a score typed without
// Enter is stored once the focus moves elsewhere (here the date field);
// the student becomes the workspace's, for the profile to open on.
func TestScoringSavesATypedScoreWhenTheFocusLeaves(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	f.chooseTarget(t, "NO.2.2", "NO.2.2")
	a := s.column.Row(0).Key
	before := len(f.evidence(t, a, "NO.2.2"))
	uitest.TypeText(f.w, "3")
	if got := s.unsaved(); len(got) != 1 || !strings.Contains(got[0].What, "“3”") {
		t.Errorf("typed, not sent: unsaved %v", got)
	}
	f.w.Canvas().Focus(s.date)
	ev := f.evidence(t, a, "NO.2.2")
	if len(ev) != before+1 || ev[len(ev)-1].Score != 3 {
		t.Fatalf("the typed score was not stored when the focus left: %d pieces, was %d", len(ev), before)
	}
	if got := s.unsaved(); len(got) != 0 {
		t.Errorf("after the save: unsaved %v", got)
	}
	if f.ws.Student() != a {
		t.Errorf("workspace student %q, want %s", f.ws.Student(), a)
	}
}

// TestScoringDropDownGivesTheKeysBackToTheColumn: after choosing a kind
// from its drop-down, a score typed goes to the row being scored.
func TestScoringDropDownGivesTheKeysBackToTheColumn(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	f.chooseTarget(t, "NO.2.2", "NO.2.2")
	f.press(fyne.KeyDown) // to the second student
	b := s.column.Row(1).Key
	f.w.Canvas().Focus(s.kind) // a click on the drop-down focuses it
	test.Tap(s.kind)           // and opens its menu
	// Choosing from the menu closes it, then sets the choice.
	uitest.CloseDialogs(f.w)
	s.kind.SetSelected("Summative")
	if f.w.Canvas().Focused() != s.column.ScoreEntry(1) {
		t.Fatalf("after the choice the focus is on %v, want the second student's score", f.w.Canvas().Focused())
	}
	uitest.TypeText(f.w, "4")
	f.press(fyne.KeyReturn)
	ev := f.evidence(t, b, "NO.2.2")
	if last := ev[len(ev)-1]; last.Score != 4 || last.Kind != continuum.EvidenceKindOfLabel("Summative") {
		t.Errorf("stored %+v", last)
	}
}

// TestScoringStatusLinesThatNoLongerHoldAreCleared: the row info stops
// saying "no evidence yet" once a score is saved on the row, and the
// "Saved 3 …" line goes once that score is undone.
func TestScoringStatusLinesThatNoLongerHoldAreCleared(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	f.chooseTarget(t, "NO.2.2", "NO.2.2")
	row := f.rowWithoutEvidence(t, "NO.2.2")
	s.column.FocusRow(row, widgets.ScoreField)
	name := s.column.Row(row).Title
	if want := name + " on NO.2.2: no evidence yet."; s.rowInfo.Text != want {
		t.Fatalf("row info %q, want %q", s.rowInfo.Text, want)
	}

	// Given a score typed on the row, when the focus leaves for the date
	// (the row stays the current one), the row info says the new score.
	uitest.TypeText(f.w, "3")
	f.w.Canvas().Focus(s.date)
	if len(f.evidence(t, s.column.Row(row).Key, "NO.2.2")) != 1 {
		t.Fatal("the score was not saved")
	}
	if strings.Contains(s.rowInfo.Text, "no evidence yet") || !strings.HasPrefix(s.rowInfo.Text, name+" on NO.2.2: 3, the last on ") {
		t.Errorf("after the save the row info says %q", s.rowInfo.Text)
	}
	if want := "Saved 3 for " + name + " on NO.2.2"; s.status.Text != want {
		t.Errorf("status line %q, want %q", s.status.Text, want)
	}

	// When the score is undone, the status line no longer says it was
	// saved, and the row info says again there is no evidence.
	if _, err := f.ws.Undo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if s.status.Text != "" {
		t.Errorf("after undo the status line says %q", s.status.Text)
	}
	if want := name + " on NO.2.2: no evidence yet."; s.rowInfo.Text != want {
		t.Errorf("after undo the row info says %q, want %q", s.rowInfo.Text, want)
	}
	if r := s.column.Row(row); r.Saved != "" {
		t.Errorf("after undo the row says %q was saved", r.Saved)
	}
}

// TestScoringUndoneNoteLeavesTheRowAndStatus: a note added to a saved
// score and then undone leaves neither the row nor the status line
// saying it.
func TestScoringUndoneNoteLeavesTheRowAndStatus(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	f.chooseTarget(t, "NO.2.2", "NO.2.2")
	uitest.TypeText(f.w, "2")
	f.press(fyne.KeyTab)
	uitest.TypeText(f.w, "counted on")
	f.press(fyne.KeyReturn)
	if r := s.column.Row(0); r.Saved != "✓ 2 · counted on" {
		t.Fatalf("row 0 says %q saved", r.Saved)
	}
	// The note went with the score: a second note is added on its own.
	f.press(fyne.KeyUp)
	f.press(fyne.KeyTab)
	uitest.TypeText(f.w, "in twos")
	f.press(fyne.KeyReturn)
	if r := s.column.Row(0); r.Saved != "✓ 2 · counted on; in twos" || !strings.HasPrefix(s.status.Text, "Added the note") {
		t.Fatalf("after the note: row %q, status %q", r.Saved, s.status.Text)
	}
	if _, err := f.ws.Undo(f.ctx); err != nil {
		t.Fatal(err)
	}
	if r := s.column.Row(0); r.Saved != "✓ 2 · counted on" {
		t.Errorf("after undoing the note the row says %q", r.Saved)
	}
	if s.status.Text != "" {
		t.Errorf("after undoing the note the status line says %q", s.status.Text)
	}
}

// TestMasteryStatusInPlainWords: the row's standing says the method's
// result against the mastery cut, or the pieces still needed, in words
// short enough for the column.
func TestMasteryStatusInPlainWords(t *testing.T) {
	scale := &continuum.Scale{Points: []continuum.ScalePoint{{Value: 1, Label: "Beginning"}, {Value: 2, Label: "Developing"}, {Value: 3, Label: "Proficient"}, {Value: 4, Label: "Extending"}}, Cut: 3}
	one := &continuum.Target{Code: "A.1", EvidenceRequired: 1}
	two := &continuum.Target{Code: "A.2", EvidenceRequired: 2}
	tests := []struct {
		name string
		m    continuum.Mastery
		t    *continuum.Target
		want string
		imp  widget.Importance
	}{
		{"no evidence", continuum.Mastery{}, one, "no evidence", widget.LowImportance},
		{"below the cut", continuum.Mastery{Count: 3, Value: 1.65, HasValue: true}, one, "not yet · 1.65, needs 3", widget.WarningImportance},
		{"cut met, one piece of two", continuum.Mastery{Count: 1, Value: 3, HasValue: true}, two, "not yet · 1 of 2 pieces", widget.WarningImportance},
		{"mastered", continuum.Mastery{Count: 4, Value: 3.4, HasValue: true, Mastered: true}, one, "mastered · 3.4", widget.SuccessImportance},
		{"no result yet", continuum.Mastery{Count: 2}, one, "not yet · 2 pieces", widget.WarningImportance},
		{"override", continuum.Mastery{Count: 1, Value: 2, HasValue: true, Mastered: true, Source: continuum.FromOverride}, one, "mastered (override)", widget.SuccessImportance},
		{"placement", continuum.Mastery{Mastered: true, Source: continuum.FromPlacement}, one, "mastered (placement)", widget.SuccessImportance},
	}
	test.NewTempApp(t)
	for _, tt := range tests {
		got, imp := masteryStatus(tt.m, tt.t, scale)
		if got != tt.want || imp != tt.imp {
			t.Errorf("%s: %q (%v), want %q (%v)", tt.name, got, imp, tt.want, tt.imp)
		}
		// The column gives the status 180 points less the label's padding.
		if w := fyne.MeasureText(got, theme.TextSize(), fyne.TextStyle{}).Width; w > 180-2*theme.InnerPadding() {
			t.Errorf("%s: %q is %.0f wide, more than the column shows", tt.name, got, w)
		}
	}
}

// Given a student who has left the class, the scoring screen lists the
// others only: on a target, Period 2 has 13 rows, and one student is not
// among those to choose.
func TestScoringLeavesOutWhoLeft(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	st, err := f.st.Student(f.ctx, "S003")
	if err != nil {
		t.Fatal(err)
	}
	st.Inactive = true
	if err := f.st.PutStudents(f.ctx, st); err != nil {
		t.Fatal(err)
	}
	f.ws.Changed(screen.Change{Kind: screen.RosterChanged})
	uitest.Eventually(t, "the class to reload", func() bool { return s.class != nil && len(s.class.students) == 27 })
	s.groups.SetSelected("Period 2")
	f.chooseTarget(t, "add subtract", "NO.1.2")
	if n := s.column.Len(); n != 13 {
		t.Errorf("Period 2 shows %d students, want 13", n)
	}
	for i := 0; i < s.column.Len(); i++ {
		if s.column.Row(i).Key == "S003" {
			t.Error("S003, who has left, has a row")
		}
	}
	s.mode.SetSelected(modeByStudent)
	if n := len(s.picker.Items()); n != 13 {
		t.Errorf("%d students of Period 2 to choose, want 13", n)
	}
	for _, it := range s.picker.Items() {
		if it.Key == "S003" {
			t.Error("S003, who has left, can be chosen")
		}
	}
}

// TestScoringRowInfoFromWhatTheClassKeeps: the class keeps no piece of
// evidence whole, only a score, a day and a target for each, and the row
// info line says the last six scores in the order of their days (same-day
// pieces in the order they were recorded) and the last day, as the store
// has them.
func TestScoringRowInfoFromWhatTheClassKeeps(t *testing.T) {
	f := newScoringFixture(t)
	s := f.s
	f.chooseTarget(t, "NO.2.2", "NO.2.2")
	row := f.rowWithoutEvidence(t, "NO.2.2")
	key, name := s.column.Row(row).Key, s.column.Row(row).Title
	// Given seven pieces recorded out of the order of their days.
	days := []int{9, 3, 5, 1, 9, 7, 2}
	scores := []float64{4, 2, 3, 1, 2, 3, 1}
	for i, d := range days {
		e := continuum.Evidence{Continuum: demoID, Student: key, Target: "NO.2.2", Date: continuum.NewDate(2026, 11, d), Score: scores[i], Kind: continuum.Formative}
		if _, err := f.st.AddEvidence(f.ctx, e); err != nil {
			t.Fatal(err)
		}
	}
	// When a change of evidence is announced, the class is read again.
	reads := s.Reads()
	f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: demoID})
	uitest.Eventually(t, "the class to be read again", func() bool { return s.Reads() > reads && !s.Loading() })
	if len(s.class.kept) != 0 {
		t.Errorf("the class keeps %d pieces of evidence whole, want none (nothing was saved here)", len(s.class.kept))
	}
	if got, want := len(s.class.piecesOn(key, "no.2.2")), len(days); got != want {
		t.Errorf("the class keeps %d pieces of %s on NO.2.2, want %d", got, key, want)
	}
	// Then the row info says the last six by day: 1 (day 1) is left out.
	s.column.FocusRow(row, widgets.ScoreField)
	want := name + " on NO.2.2: … 1, 2, 3, 3, 4, 2, the last on Nov 9, 2026. Ctrl+H for the history."
	if s.rowInfo.Text != want {
		t.Errorf("row info\n%q, want\n%q", s.rowInfo.Text, want)
	}
}

// TestJudgementKeepsWhatTheColumnShows: a judgement kept in 16 bytes gives
// back the count, value, source and the two flags it was made from.
func TestJudgementKeepsWhatTheColumnShows(t *testing.T) {
	if size := unsafe.Sizeof(scoringJudgement{}); size != 16 {
		t.Errorf("a judgement takes %d bytes, want 16", size)
	}
	c := &scoringClass{graph: demoGraph(t), mastery: map[string][]scoringJudgement{}}
	i, _ := c.graph.Lookup("NO.1.1")
	c.mastery["S1"] = make([]scoringJudgement, len(c.graph.Targets))
	for _, src := range []continuum.Source{continuum.FromEvidence, continuum.FromPlacement, continuum.FromOverride} {
		for _, has := range []bool{false, true} {
			for _, mastered := range []bool{false, true} {
				m := continuum.Mastery{Target: "NO.1.1", Count: 7, Value: 3.48, HasValue: has, Mastered: mastered, Source: src}
				c.mastery["S1"][i] = judgement(&m)
				if got := c.masteryOf("S1", "NO.1.1"); got != m {
					t.Errorf("kept %+v, got back %+v", m, got)
				}
			}
		}
	}
}

// demoGraph reads the demo continuum's graph.
func demoGraph(t *testing.T) *continuum.Graph {
	t.Helper()
	g, err := storagetest.OpenDemo(t).Graph(context.Background(), demoID)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

// rowWithoutEvidence returns the first row of the column whose student
// has no evidence on the target code.
func (f *scoringFixture) rowWithoutEvidence(t *testing.T, code string) int {
	t.Helper()
	for i := range f.s.column.Len() {
		if len(f.evidence(t, f.s.column.Row(i).Key, code)) == 0 {
			return i
		}
	}
	t.Fatalf("the demo has no student without evidence on %s", code)
	return -1
}
