package flex

import (
	"context"
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
)

// flexUIToday is the day the tests call today: the Friday before the
// demo's flex block, in a week that has no block.
var flexUIToday = continuum.NewDate(2026, 11, 20)

// flexUIBlock is the demo's flex block: Monday, November 23, 2026.
const flexUIBlock = "2026-11-23-win"

// flexUIFixture is the flex planner on a real store holding the demo.
type flexUIFixture struct {
	p   *Screen
	st  *storage.Store
	ws  *screen.Workspace
	win fyne.Window
	cid string
}

func flexUISetup(t *testing.T) *flexUIFixture {
	t.Helper()
	test.NewTempApp(t)
	st := storagetest.Open(t)
	d := demo.Classroom()
	if err := d.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SetToday(flexUIToday)
	win := test.NewTempWindow(t, nil)
	f := &flexUIFixture{st: st, ws: ws, win: win, cid: d.Continuum.ID}
	f.p = New(st, ws, win)
	win.SetContent(f.p.Content())
	win.Resize(fyne.NewSize(1100, 720))
	ws.SelectContinuum(f.cid)
	uitest.Eventually(t, "the week", func() bool { return f.p.blockID != "" })
	return f
}

// stored reads the demo block from the store.
func (f *flexUIFixture) stored(t *testing.T) continuum.FlexBlock {
	t.Helper()
	b, err := f.st.FlexBlock(context.Background(), f.cid, flexUIBlock)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// suggest taps Suggest and waits for the proposal.
func (f *flexUIFixture) suggest(t *testing.T) {
	t.Helper()
	test.Tap(f.p.suggestBtn)
	uitest.Eventually(t, "the suggestion", func() bool { return !f.p.suggesting && f.p.plan != nil && f.p.plan.dirty })
}

// flexUIPlacedIn returns the students the plan places in offering, by ID.
func flexUIPlacedIn(p *Screen, offering string) []string {
	var ids []string
	for id, a := range p.plan.placed {
		if a.Offering == offering {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	return ids
}

// flexUIUndo undoes the last change as the app's Undo button does.
func flexUIUndo(t *testing.T, ws *screen.Workspace) {
	t.Helper()
	if _, err := ws.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
}

func TestFlexWeekShowsTheDemoBlockOnMonday(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	monday := continuum.NewDate(2026, 11, 23)
	// This week (of 16 November) has no block: the planner opens on the
	// week of the next one.
	if got := p.week.Monday(); got != monday {
		t.Fatalf("week of %s, want %s", got, monday)
	}
	if got := p.week.BlocksOn(monday); !slices.Equal(got, []string{flexUIBlock}) {
		t.Errorf("Monday 23 Nov shows %v", got)
	}
	if p.weekLabel.Text != "Week of November 23, 2026" || p.week.Selected() != flexUIBlock {
		t.Errorf("label %q, selected %q", p.weekLabel.Text, p.week.Selected())
	}
	texts := strings.Join(uitest.Texts(p.week), "|")
	for _, want := range []string{"Mon, Nov 23|WIN time|40 min · 6 offerings|0 placed · 46 seats", "Tue, Nov 24|No block"} {
		if !strings.Contains(texts, want) {
			t.Errorf("week view %q lacks %q", texts, want)
		}
	}
	if p.blockTitle.Text != "WIN time" || !strings.HasPrefix(p.blockInfo.Text, "Monday, November 23, 2026 · 40 min") {
		t.Errorf("block heading %q %q", p.blockTitle.Text, p.blockInfo.Text)
	}
	p.FocusFirst()
	if f.win.Canvas().Focused() != p.week.Tile(flexUIBlock) {
		t.Errorf("FocusFirst focused %v, want the block's tile", f.win.Canvas().Focused())
	}
	// Every offering has its column, then the unplaced.
	if n := len(p.columns.Objects); n != 7 {
		t.Errorf("%d columns, want 6 offerings and Unplaced", n)
	}

	test.Tap(p.nextBtn)
	if p.blockID != "" || !p.noBlock.Visible() || !strings.HasPrefix(p.noBlock.Text, "No flex block this week") {
		t.Errorf("next week: block %q, notice %q", p.blockID, p.noBlock.Text)
	}
	test.Tap(p.thisWeekBtn)
	if p.week.Monday() != continuum.NewDate(2026, 11, 16) {
		t.Errorf("This week shows the week of %s", p.week.Monday())
	}
	test.Tap(p.nextBtn)
	if p.blockID != flexUIBlock || p.noBlock.Visible() {
		t.Errorf("back on the demo week: block %q", p.blockID)
	}
}

func TestFlexSuggestPlacesEveryoneWithReasonsWithinCapacity(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	if p.saveBtn.Disabled() == false || p.resuggest.Disabled() == false {
		t.Error("Save placements or Re-suggest is on before anything changed")
	}
	f.suggest(t)
	b := f.stored(t)
	if len(p.plan.placed) != 28 || len(p.plan.unplaced) != 0 {
		t.Fatalf("placed %d, unplaced %d", len(p.plan.placed), len(p.plan.unplaced))
	}
	for _, o := range b.Offerings {
		if n := len(flexUIPlacedIn(p, o.ID)); n > o.Capacity {
			t.Errorf("%s has %d students for %d places", o.Title, n, o.Capacity)
		}
	}
	for id, a := range p.plan.placed {
		r := p.rows[id]
		if a.Reason == "" || r == nil || r.m.a.Reason != a.Reason {
			t.Errorf("%s: reason %q, row %v", id, a.Reason, r)
		}
	}
	if !strings.HasPrefix(p.status.Text, "Proposal, not saved · 28 of 28 students placed") || p.saveBtn.Disabled() {
		t.Errorf("status %q, save disabled %v", p.status.Text, p.saveBtn.Disabled())
	}
	// Nothing is stored until Save placements.
	if n := len(b.Assignments); n != 0 {
		t.Errorf("the suggestion stored %d assignments", n)
	}
	// The week's tile counts the proposal.
	if texts := strings.Join(uitest.Texts(p.week), "|"); !strings.Contains(texts, "28 placed · 46 seats") {
		t.Errorf("week view %q", texts)
	}
	// Tiers show highest first within a column.
	byCol := map[int][]*flexStudentRow{}
	for _, r := range p.rows {
		byCol[r.col] = append(byCol[r.col], r)
	}
	for col, rows := range byCol {
		slices.SortFunc(rows, func(a, b *flexStudentRow) int { return a.row - b.row })
		for i := 1; i < len(rows); i++ {
			if rows[i].m.a.Offering != "" && rows[i].m.a.Tier > rows[i-1].m.a.Tier {
				t.Errorf("column %d: %s (%s) below %s (%s)", col, rows[i].m.student.Name, rows[i].m.a.Tier, rows[i-1].m.student.Name, rows[i-1].m.a.Tier)
			}
		}
	}
}

func TestFlexMovedStudentIsPinnedAndResuggestKeepsThem(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	f.suggest(t)
	// A student outside the (full) first offering moves there with the
	// number key 1 from their row.
	var mover string
	for _, id := range flexUIPlacedIn(p, "open-study") {
		mover = id
	}
	if mover == "" {
		for id, a := range p.plan.placed {
			if a.Offering != "place-value" {
				mover = id
				break
			}
		}
	}
	row := p.rows[mover]
	f.win.Canvas().Focus(row)
	row.TypedRune('1')
	a := p.plan.placed[mover]
	want := continuum.Assignment{Student: mover, Offering: "place-value", Tier: continuum.TierRequired, Pinned: true, Reason: "Placed by the teacher"}
	if a.Student != want.Student || a.Offering != want.Offering || a.Tier != want.Tier || !a.Pinned || a.Reason != want.Reason {
		t.Fatalf("moved: %+v", a)
	}
	if f.win.Canvas().Focused() != p.rows[mover] || p.picked != mover {
		t.Error("the moved student lost the focus or the selection")
	}
	if !strings.Contains(p.status.Text, "1 pinned") || !strings.Contains(p.status.Text, "over capacity (7 / 6)") {
		t.Errorf("status %q", p.status.Text)
	}
	if p.resuggest.Disabled() {
		t.Fatal("Re-suggest is off with a pinned student")
	}

	// Move to… with another tier, from the menu.
	var second string
	for _, id := range flexUIPlacedIn(p, "fractions") {
		second = id
	}
	test.Tap(p.rows[second])
	p.tierSelect.SetSelected(flexTierLabel(continuum.TierPriority))
	test.Tap(p.moveBtn)
	if p.moveMenu == nil || len(p.moveMenu.Items) < 6 || !strings.HasPrefix(p.moveMenu.Items[3].Label, "4  Equation puzzles") {
		t.Fatalf("Move to… menu %v", p.moveMenu)
	}
	p.moveMenu.Items[3].Action()
	if a := p.plan.placed[second]; a.Offering != "equations" || a.Tier != continuum.TierPriority || !a.Pinned {
		t.Errorf("moved from the menu: %+v", a)
	}

	test.Tap(p.resuggest)
	uitest.Eventually(t, "the new suggestion", func() bool { return !p.suggesting })
	if a := p.plan.placed[mover]; a.Offering != "place-value" || !a.Pinned || a.Reason != "Placed by the teacher" {
		t.Errorf("after Re-suggest the pinned student is %+v", a)
	}
	if a := p.plan.placed[second]; a.Offering != "equations" || !a.Pinned {
		t.Errorf("after Re-suggest the second pinned student is %+v", a)
	}
	// The others were placed around them: the first offering is back within capacity.
	if n := len(flexUIPlacedIn(p, "place-value")); n != 6 {
		t.Errorf("place-value holds %d after Re-suggest, want 6", n)
	}
	if len(p.plan.placed)+len(p.plan.unplaced) != 28 {
		t.Errorf("placed %d + unplaced %d", len(p.plan.placed), len(p.plan.unplaced))
	}
	for id, why := range p.plan.unplaced {
		if why == "" || p.rows[id] == nil {
			t.Errorf("unplaced %s without a reason or a row", id)
		}
	}
}

func TestFlexSavePlacementsStoresTheAssignments(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	f.suggest(t)
	var mover string
	for _, id := range flexUIPlacedIn(p, "open-study") {
		mover = id
	}
	p.rows[mover].TypedRune('3')
	test.Tap(p.saveBtn)
	b := f.stored(t)
	if len(b.Assignments) != 28 {
		t.Fatalf("stored %d assignments", len(b.Assignments))
	}
	for _, a := range b.Assignments {
		want := p.plan.placed[a.Student]
		if a.Offering != want.Offering || a.Tier != want.Tier || a.Reason != want.Reason || a.Pinned != want.Pinned {
			t.Errorf("stored %+v, shown %+v", a, want)
		}
		if a.Student == mover && (a.Offering != "fractions" || !a.Pinned || a.Tier != continuum.TierRequired) {
			t.Errorf("the moved student is stored as %+v", a)
		}
	}
	if p.plan.dirty || !p.saveBtn.Disabled() || !strings.HasPrefix(p.status.Text, "Saved · 28 of 28 students placed") {
		t.Errorf("after saving: dirty %v, status %q", p.plan.dirty, p.status.Text)
	}
	if label, ok := f.ws.CanUndo(); !ok || label != "placements in WIN time on Nov 23, 2026" {
		t.Errorf("undo label %q", label)
	}
	flexUIUndo(t, f.ws)
	if n := len(f.stored(t).Assignments); n != 0 {
		t.Errorf("after undo the block keeps %d assignments", n)
	}
	if len(p.plan.placed) != 0 || !strings.HasPrefix(p.status.Text, "Nobody placed yet") {
		t.Errorf("after undo the planner shows %d placed, status %q", len(p.plan.placed), p.status.Text)
	}
}

func TestFlexAttendanceAndOutcomeAreStored(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	f.suggest(t)
	test.Tap(p.saveBtn)
	test.Tap(p.attendBtn)
	if !p.attScroll.Visible() || p.colScroll.Visible() {
		t.Fatal("the Attendance view is not shown")
	}
	if len(p.attendance) != 28 {
		t.Fatalf("%d students in the attendance", len(p.attendance))
	}
	id := flexUIPlacedIn(p, "place-value")[0]
	other := flexUIPlacedIn(p, "place-value")[1]
	row := p.attendance[id]
	row.came.SetSelected(flexCame)
	p.attendance[other].came.SetSelected(flexAbsent)
	f.win.Canvas().Focus(row.outcome)
	test.Type(row.outcome, "Place value to 1,000 with blocks")
	row.outcome.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	stored := map[string]continuum.Assignment{}
	for _, a := range f.stored(t).Assignments {
		stored[a.Student] = a
	}
	if a := stored[id]; a.Attended == nil || !*a.Attended || a.Outcome != "Place value to 1,000 with blocks" {
		t.Errorf("stored %+v", a)
	}
	if a := stored[other]; a.Attended == nil || *a.Attended {
		t.Errorf("the absent student is stored as %+v", a)
	}
	// The entry keeps its place: what is stored is not drawn anew.
	if f.win.Canvas().Focused() != row.outcome {
		t.Error("recording the outcome moved the focus")
	}
	// Leaving the field with the same text stores nothing more.
	label, _ := f.ws.CanUndo()
	f.win.Canvas().Unfocus()
	if again, _ := f.ws.CanUndo(); again != label || !strings.HasPrefix(label, "outcome for ") {
		t.Errorf("undo history %q then %q", label, again)
	}
	flexUIUndo(t, f.ws)
	for _, a := range f.stored(t).Assignments {
		if a.Student == id && (a.Outcome != "" || a.Attended == nil) {
			t.Errorf("after undo %+v", a)
		}
	}
	if p.attendance[id].outcome.Text != "" {
		t.Errorf("after undo the entry shows %q", p.attendance[id].outcome.Text)
	}
}

func TestFlexNewBlockRefusesAnUnknownFocusTarget(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	test.Tap(p.newBtn)
	e := p.editor
	if e == nil {
		t.Fatal("New block… opened no editor")
	}
	e.date.SetText("2026-11-30")
	e.slot.SetText("Flex 1")
	e.minutes.SetText("30")
	test.Tap(e.addBtn)
	e.title.SetText("Fractions again")
	e.kind.SetSelected(continuum.Reteach.Label())
	e.teacher.SetText("Ms Rivera")
	e.room.SetText("204")
	e.capacity.SetText("6")
	if !e.focus.Toggle("NO.2.2") {
		t.Fatal("NO.2.2 cannot be chosen")
	}
	// A code that is no target of the continuum (say, one deleted since):
	// it shows as chosen and the save is refused with the field named.
	e.drafts[0].Focus = append(e.focus.Chosen(), "ZZ.9.9")
	e.showDraft(0)
	if !e.focus.IsChosen("ZZ.9.9") {
		t.Fatal("the unknown code is not shown")
	}
	test.Tap(e.dlg.ConfirmButton())
	msg := e.dlg.Error() // "" while no problem is shown
	if msg == "" || !strings.HasPrefix(msg, "Focus targets: ") || !strings.Contains(msg, "ZZ.9.9") {
		t.Fatalf("refusal %q", msg)
	}
	if all, _ := f.st.FlexBlocks(context.Background(), f.cid); len(all) != 1 {
		t.Errorf("%d blocks stored after a refusal", len(all))
	}
	// Removing it clears the line, and lets the block through.
	e.focus.Toggle("ZZ.9.9")
	if got := e.dlg.Error(); got != "" {
		t.Errorf("the unknown code was removed and the line still says %q", got)
	}
	test.Tap(e.dlg.ConfirmButton())
	all, err := f.st.FlexBlocks(context.Background(), f.cid)
	if err != nil || len(all) != 2 {
		t.Fatalf("blocks %v, %v", all, err)
	}
	b := all[1]
	if b.ID != "2026-11-30-flex-1" || b.Slot != "Flex 1" || b.Minutes != 30 || len(b.Offerings) != 1 {
		t.Errorf("stored %+v", b)
	}
	if o := b.Offerings[0]; o.ID != "fractions-again" || o.Kind != continuum.Reteach || o.Capacity != 6 || !slices.Equal(o.Focus, []string{"NO.2.2"}) || o.Teacher != "Ms Rivera" {
		t.Errorf("offering %+v", o)
	}
	// The planner shows it, in its week.
	if p.blockID != b.ID || !slices.Equal(p.week.BlocksOn(continuum.NewDate(2026, 11, 30)), []string{b.ID}) {
		t.Errorf("showing block %q in the week of %s", p.blockID, p.week.Monday())
	}
	flexUIUndo(t, f.ws)
	if all, _ := f.st.FlexBlocks(context.Background(), f.cid); len(all) != 1 {
		t.Errorf("undo left %d blocks", len(all))
	}
}

// TestFlexBlockEditorProblemStaysUntilItsFieldIsCorrected: a problem with
// one offering's title stays while the teacher looks at another offering
// or types elsewhere, and goes once that title is typed; "needs an
// offering" goes once one is added.
func TestFlexBlockEditorProblemStaysUntilItsFieldIsCorrected(t *testing.T) {
	f := flexUISetup(t)
	test.Tap(f.p.newBtn)
	e := f.p.editor
	e.slot.SetText("Flex 2")
	test.Tap(e.dlg.ConfirmButton())
	if got := e.dlg.Error(); !strings.Contains(got, "at least one offering") {
		t.Fatalf("no offering: line %q", got)
	}
	test.Tap(e.addBtn)
	if got := e.dlg.Error(); got != "" {
		t.Errorf("an offering was added and the line still says %q", got)
	}
	test.Type(e.title, "Equal groups")
	test.Tap(e.addBtn) // the second offering is left without a title
	e.list.Select(0)
	test.Tap(e.dlg.ConfirmButton())
	if got := e.dlg.Error(); !strings.HasPrefix(got, "Title: ") || e.current != 1 {
		t.Fatalf("untitled offering: line %q, offering %d shown", got, e.current)
	}
	e.list.Select(0)
	test.Type(e.teacher, "Ms Rivera")
	e.list.Select(1)
	test.Type(e.room, "12")
	if got := e.dlg.Error(); !strings.HasPrefix(got, "Title: ") {
		t.Errorf("looking at the other offering and typing elsewhere changed the line to %q", got)
	}
	test.Type(e.title, "Arrays")
	if got := e.dlg.Error(); got != "" {
		t.Errorf("a title was typed and the line still says %q", got)
	}
	test.Tap(e.dlg.ConfirmButton())
	if e.dlg.IsOpen() {
		t.Fatalf("the corrected block was not saved: %q", e.dlg.Error())
	}
}

func TestFlexEditDuplicateAndDeleteABlock(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	ctx := context.Background()

	// Edit: a new length and one offering fewer.
	test.Tap(p.editBtn)
	e := p.editor
	e.minutes.SetText("45")
	e.list.Select(4) // Sticking with hard problems
	test.Tap(e.delBtn)
	test.Tap(e.dlg.ConfirmButton())
	b := f.stored(t)
	if b.Minutes != 45 || len(b.Offerings) != 5 || slices.ContainsFunc(b.Offerings, func(o continuum.Offering) bool { return o.ID == "stick-with-it" }) {
		t.Fatalf("edited: %d min, offerings %v", b.Minutes, b.Offerings)
	}
	flexUIUndo(t, f.ws)
	if b := f.stored(t); b.Minutes != 40 || len(b.Offerings) != 6 {
		t.Errorf("undo of the edit: %d min, %d offerings", b.Minutes, len(b.Offerings))
	}

	// Duplicate to the next Monday.
	test.Tap(p.dupBtn)
	test.Tap(p.confirm.ConfirmButton())
	copyOf, err := f.st.FlexBlock(ctx, f.cid, "2026-11-30-win-time")
	if err != nil {
		t.Fatal(err)
	}
	if len(copyOf.Offerings) != 6 || len(copyOf.Assignments) != 0 || copyOf.Date != continuum.NewDate(2026, 11, 30) {
		t.Errorf("copy %+v", copyOf)
	}
	if p.blockID != copyOf.ID || p.week.Monday() != copyOf.Date {
		t.Errorf("after duplicating: block %q, week %s", p.blockID, p.week.Monday())
	}

	// Delete the copy, then bring it back.
	test.Tap(p.delBtn)
	test.Tap(p.confirm.ConfirmButton())
	if _, err := f.st.FlexBlock(ctx, f.cid, copyOf.ID); err == nil {
		t.Fatal("the block was not deleted")
	}
	if p.blockID != "" || !p.noBlock.Visible() {
		t.Errorf("after deleting: block %q", p.blockID)
	}
	flexUIUndo(t, f.ws)
	if _, err := f.st.FlexBlock(ctx, f.cid, copyOf.ID); err != nil {
		t.Errorf("undo of the deletion: %v", err)
	}
	if p.blockID != copyOf.ID {
		t.Errorf("after undo the planner shows %q", p.blockID)
	}
}

func TestFlexSaveRostersWritesAPicture(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	f.suggest(t)
	dir := t.TempDir()
	var asked string
	p.chooseFile = func(c screen.FileChoice, onChosen func(path string)) {
		asked = c.Name
		onChosen(filepath.Join(dir, c.Name))
	}
	test.Tap(p.rostersBtn)
	if asked != "rosters-2026-11-23-win.png" {
		t.Errorf("asked to save %q", asked)
	}
	file, err := os.Open(filepath.Join(dir, asked))
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	img, err := png.Decode(file)
	if err != nil {
		t.Fatalf("not a PNG: %v", err)
	}
	if b := img.Bounds(); b.Dx() < 6*200 || b.Dy() < 300 {
		t.Errorf("picture of %v for six offerings", b)
	}
	if !strings.HasPrefix(p.status.Text, "Rosters saved to ") {
		t.Errorf("status %q", p.status.Text)
	}
}

func TestFlexChangesFromElsewhereReload(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	b := f.stored(t)
	b.Minutes = 50
	if err := f.st.PutFlexBlock(context.Background(), b); err != nil {
		t.Fatal(err)
	}
	f.ws.Changed(screen.Change{Kind: screen.FlexChanged, Continuum: f.cid})
	if !strings.Contains(p.blockInfo.Text, "50 min") {
		t.Errorf("after a change elsewhere: %q", p.blockInfo.Text)
	}
	// An unsaved proposal survives a reload.
	f.suggest(t)
	f.ws.Changed(screen.Change{Kind: screen.RosterChanged})
	if p.plan == nil || !p.plan.dirty || len(p.plan.placed) != 28 {
		t.Error("a reload dropped the proposal")
	}
}

func TestFlexNoContinuumSaysSo(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	w := test.NewTempWindow(t, nil)
	p := New(st, screen.NewWorkspace(), w)
	w.SetContent(p.Content())
	p.Refresh()
	if notice := p.Notice(); !strings.HasPrefix(notice, "No continuum is chosen") { // "" while hidden
		t.Errorf("notice %q", notice)
	}
}

func TestFlexKeyboardGoesFromStudentToStudent(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	f.suggest(t)
	c := f.win.Canvas()
	first := p.rows[flexUIPlacedIn(p, "place-value")[0]]
	// The rows of the first column, top to bottom.
	var col []*flexStudentRow
	for _, r := range p.rows {
		if r.col == first.col {
			col = append(col, r)
		}
	}
	slices.SortFunc(col, func(a, b *flexStudentRow) int { return a.row - b.row })
	c.Focus(col[0])
	col[0].TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if c.Focused() != col[1] {
		t.Fatalf("Down focused %v, want the second student of the column", c.Focused())
	}
	col[1].TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	next, ok := c.Focused().(*flexStudentRow)
	if !ok || next.col != first.col+1 || next.row != 1 {
		t.Fatalf("Right focused %v", c.Focused())
	}
	next.TypedRune(' ')
	if p.picked != next.m.student.ID || !strings.HasPrefix(p.pickedLabel.Text, next.m.student.Name+" — ") {
		t.Errorf("Space selected %q, label %q", p.picked, p.pickedLabel.Text)
	}
	next.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if p.picked != "" {
		t.Errorf("Escape kept %q selected", p.picked)
	}
	next.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if p.picked != next.m.student.ID || p.moveMenu == nil || c.Overlays().Top() == nil {
		t.Error("Enter did not open Move to… for the student")
	}
}

func TestFlexSelectedStudentShowsTheWholeReason(t *testing.T) {
	f := flexUISetup(t)
	p := f.p
	f.suggest(t)
	f.win.Resize(fyne.NewSize(700, 720)) // narrow: the rows cut their reasons short
	var cut *flexStudentRow              // the row with the longest reason, cut short
	for _, r := range p.rows {
		rr := test.WidgetRenderer(r).(*flexRowRenderer)
		if strings.HasSuffix(rr.reason.Text, "…") && (cut == nil || len(r.m.a.Reason) > len(cut.m.a.Reason)) {
			cut = r
		}
	}
	if cut == nil {
		t.Fatal("no row cuts its reason at 700 px; the test needs one")
	}
	test.Tap(cut)
	reason := cut.m.a.Reason
	if w := fyne.MeasureText(p.pickedLabel.Text, theme.TextSize(), fyne.TextStyle{}).Width; w <= p.pickedLabel.Size().Width {
		t.Fatalf("the line (%v px) fits on one line of %v px; the test needs a longer one", w, p.pickedLabel.Size().Width)
	}
	if !strings.HasSuffix(p.pickedLabel.Text, reason) {
		t.Fatalf("selected %s: the line says %q, not the reason %q", cut.m.student.Name, p.pickedLabel.Text, reason)
	}
	// Every word of the line is drawn, on as many lines as it takes.
	var drawn []string
	for _, o := range test.LaidOutObjects(p.pickedLabel) {
		if tx, ok := o.(*canvas.Text); ok {
			drawn = append(drawn, tx.Text)
		}
	}
	if got := strings.Join(strings.Fields(strings.Join(drawn, " ")), " "); got != strings.Join(strings.Fields(p.pickedLabel.Text), " ") {
		t.Errorf("drawn %q, want the whole line %q", got, p.pickedLabel.Text)
	}
}

// Given two students who have left the class, the suggestion places the
// 26 others, and the placement lists (the offerings and Unplaced) leave
// the two out.
func TestFlexLeavesOutWhoLeft(t *testing.T) {
	f := flexUISetup(t)
	ctx := context.Background()
	for _, id := range []string{"S003", "S010"} {
		st, err := f.st.Student(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		st.Inactive = true
		if err := f.st.PutStudents(ctx, st); err != nil {
			t.Fatal(err)
		}
	}
	f.ws.Changed(screen.Change{Kind: screen.RosterChanged})
	uitest.Eventually(t, "the roster to reload", func() bool { return len(f.p.students) == 26 })
	if _, ok := f.p.rows["S003"]; ok {
		t.Error("S003, who has left, is in a placement list")
	}
	f.suggest(t)
	if _, ok := f.p.plan.placed["S003"]; ok || len(f.p.plan.placed)+len(f.p.plan.unplaced) != 26 {
		t.Errorf("placed %d, unplaced %d, S003 placed %v", len(f.p.plan.placed), len(f.p.plan.unplaced), ok)
	}
	if !strings.HasPrefix(f.p.status.Text, "Proposal, not saved · 26 of 26 students placed") {
		t.Errorf("status %q", f.p.status.Text)
	}
}

// Given a block where 400 students have no place, the Unplaced column
// lists the first 100 and a "Show all 400" button; pressing it lists
// every one.
func TestFlexLongColumnListsTheFirstRowsUntilAskedForAll(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	d := demo.Generate("Big", demo.Size{Students: 400, Targets: 20, Evidence: 400, FlexOfferings: 2})
	if err := d.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SetToday(continuum.NewDate(2027, 5, 3))
	win := test.NewTempWindow(t, nil)
	p := New(st, ws, win)
	win.SetContent(p.Content())
	win.Resize(fyne.NewSize(1100, 720))
	ws.SelectContinuum(d.Continuum.ID)
	uitest.Eventually(t, "the block", func() bool { return p.blockID == "gen-flex-1" })
	if len(p.rows) != flexRowsShown {
		t.Fatalf("%d rows listed, want the first %d", len(p.rows), flexRowsShown)
	}
	var all *widget.Button
	for _, o := range test.LaidOutObjects(p.columns) {
		if b, ok := o.(*widget.Button); ok && b.Text == "Show all 400" {
			all = b
		}
	}
	if all == nil {
		t.Fatal("no Show all 400 button under the column")
	}
	test.Tap(all)
	if len(p.rows) != 400 {
		t.Errorf("%d rows listed after Show all, want 400", len(p.rows))
	}
}
