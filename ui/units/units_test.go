package units

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
)

// unitsUIToday is the day the tests call today: the Monday a week before
// the demo's fractions unit starts.
var unitsUIToday = continuum.NewDate(2026, 11, 23)

// unitsUIFixture is the units screen on a real store holding the demo classroom.
type unitsUIFixture struct {
	s   *Screen
	st  *storage.Store
	ws  *screen.Workspace
	win fyne.Window
	cid string
}

func unitsUINew(t *testing.T) *unitsUIFixture {
	t.Helper()
	test.NewTempApp(t)
	st := storagetest.Open(t)
	d := demo.Classroom()
	if err := d.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SetToday(unitsUIToday)
	win := test.NewTempWindow(t, nil)
	f := &unitsUIFixture{st: st, ws: ws, win: win, cid: d.Continuum.ID}
	f.s = New(st, ws, win)
	win.SetContent(f.s.Content())
	win.Resize(fyne.NewSize(1100, 720))
	ws.SelectContinuum(f.cid)
	uitest.Eventually(t, "the units", func() bool { return f.s.data != nil && len(f.s.data.units) == 2 })
	return f
}

// unitsUIStored reads the continuum's units from the store.
func (f *unitsUIFixture) unitsUIStored(t *testing.T) []continuum.Unit {
	t.Helper()
	units, err := f.st.Units(context.Background(), f.cid)
	if err != nil {
		t.Fatal(err)
	}
	return units
}

// unitsUIClass reads the graph, the class and a unit as the domain sees them.
func (f *unitsUIFixture) unitsUIClass(t *testing.T, title string) (*continuum.Graph, continuum.Class, continuum.Unit) {
	t.Helper()
	g, class, err := continuum.LoadClass(context.Background(), f.st, f.cid)
	if err != nil {
		t.Fatal(err)
	}
	u, ok := continuum.FindUnit(f.unitsUIStored(t), title)
	if !ok {
		t.Fatalf("no unit %q in the store", title)
	}
	return g, class, u
}

// unitsUITexts collects the text of every label and hyperlink under o.
func unitsUITexts(o fyne.CanvasObject) []string {
	var out []string
	switch o := o.(type) {
	case *fyne.Container:
		for _, k := range o.Objects {
			out = append(out, unitsUITexts(k)...)
		}
	case *widget.Label:
		out = append(out, o.Text)
	case *widget.Card:
		out = append(out, unitsUITexts(o.Content)...)
	}
	return out
}

// unitsUIShareBars collects the share bars under o, in order.
func unitsUIShareBars(o fyne.CanvasObject) []*unitShareBar {
	var out []*unitShareBar
	switch o := o.(type) {
	case *fyne.Container:
		for _, k := range o.Objects {
			out = append(out, unitsUIShareBars(k)...)
		}
	case *unitShareBar:
		out = append(out, o)
	}
	return out
}

func TestUnitsCalendarShowsTheDemoTerm(t *testing.T) {
	f := unitsUINew(t)
	weeks := f.s.calendar.Weeks()
	if len(weeks) == 0 || weeks[0].Monday != continuum.NewDate(2026, 8, 31) || weeks[len(weeks)-1].Monday != continuum.NewDate(2026, 12, 14) {
		t.Fatalf("the term runs from %v to %v, want the weeks of Aug 31 to Dec 14", weeks[0].Monday, weeks[len(weeks)-1].Monday)
	}
	byWeek := map[continuum.Date][]string{}
	for _, w := range weeks {
		byWeek[w.Monday] = w.Units
	}
	for d := continuum.NewDate(2026, 8, 31); !d.After(continuum.NewDate(2026, 12, 14)); d = d.AddDays(7) {
		var want []string
		switch {
		case !d.After(continuum.NewDate(2026, 10, 5)):
			want = []string{"place-value"}
		case !d.Before(continuum.NewDate(2026, 11, 30)):
			want = []string{"fractions"}
		}
		if got := byWeek[d]; !slices.Equal(got, want) {
			t.Errorf("week of %s: units %v, want %v", d, got, want)
		}
	}
	// The seven weeks from Oct 12 to Nov 23 are the empty stretch between them.
	if !strings.Contains(f.s.summary.Text, "7 weeks with no unit") {
		t.Errorf("summary %q does not count the empty weeks", f.s.summary.Text)
	}
	// Tapping a bar opens its unit.
	test.Tap(f.s.calendar.Bar("place-value"))
	if f.s.selected != "place-value" || f.s.title.Text != "Place value and operations" {
		t.Errorf("after tapping its bar: unit %q titled %q", f.s.selected, f.s.title.Text)
	}
}

func TestUnitsShowUnitOpensIt(t *testing.T) {
	f := unitsUINew(t)
	f.s.ShowUnit("place-value")
	if f.s.title.Text != "Place value and operations" {
		t.Fatalf("ShowUnit by ID shows %q", f.s.title.Text)
	}
	f.s.ShowUnit("fractions AS numbers")
	if f.s.selected != "fractions" || f.s.title.Text != "Fractions as numbers" || !f.s.detail.Visible() {
		t.Errorf("ShowUnit by title: unit %q, title %q, detail shown %v", f.s.selected, f.s.title.Text, f.s.detail.Visible())
	}
	if f.s.list.Length() != 2 || f.s.calendar.Bar("fractions") == nil {
		t.Error("the list or the calendar lost the units")
	}
	if f.s.tabs.SelectedIndex() != 0 {
		t.Errorf("a unit still to come opens on tab %d, want its readiness", f.s.tabs.SelectedIndex())
	}
	f.s.ShowUnit("Geometry")
	if f.s.detail.Visible() || !strings.Contains(f.s.Notice(), "no unit called “Geometry”") {
		t.Errorf("an unknown unit: notice %q", f.s.Notice())
	}
}

func TestUnitsReadinessMatchesTheDomain(t *testing.T) {
	f := unitsUINew(t)
	f.s.ShowUnit("Fractions as numbers")
	g, class, u := f.unitsUIClass(t, "Fractions as numbers")
	want := g.UnitReadiness(u, g.ClassPositions(class, unitsUIToday)) // today is before the start
	got := f.s.data.readiness
	if len(got) != len(want) {
		t.Fatalf("%d students judged, want %d", len(got), len(want))
	}
	counts := map[continuum.ReadinessStatus]int{}
	for i := range want {
		if got[i].Student.ID != want[i].Student.ID || got[i].Status != want[i].Status || !slices.Equal(got[i].Missing, want[i].Missing) {
			t.Errorf("student %d: %+v, want %+v", i, got[i], want[i])
		}
		counts[want[i].Status]++
	}
	if counts[continuum.NeedsSupport] == 0 || counts[continuum.Ready] == 0 {
		t.Fatalf("the demo should have students ready and students needing support: %v", counts)
	}
	texts := unitsUITexts(f.s.readiness)
	all := strings.Join(texts, "\n")
	for _, h := range []string{
		"Needs support (" + strconv.Itoa(counts[continuum.NeedsSupport]) + ")",
		"No evidence yet (" + strconv.Itoa(counts[continuum.NoReadinessEvidence]) + ")",
		"Ready (" + strconv.Itoa(counts[continuum.Ready]) + ")",
	} {
		if !slices.Contains(texts, h) {
			t.Errorf("no heading %q in the readiness", h)
		}
	}
	for _, r := range want {
		switch r.Status {
		case continuum.NeedsSupport:
			i := slices.Index(texts, unitStudentName(r.Student))
			if i < 0 || i+1 >= len(texts) || !strings.Contains(texts[i+1], r.Missing[0]) {
				t.Errorf("%s is not listed as needing %v", r.Student.Name, r.Missing)
			}
		default:
			if !strings.Contains(all, r.Student.Name) {
				t.Errorf("%s (%s) is not listed", r.Student.Name, r.Status)
			}
		}
	}
}

func TestUnitsMakesAFlexBlockForSupport(t *testing.T) {
	f := unitsUINew(t)
	f.s.ShowUnit("Fractions as numbers")
	g, class, u := f.unitsUIClass(t, "Fractions as numbers")
	var support []string
	for _, r := range g.UnitReadiness(u, g.ClassPositions(class, unitsUIToday)) {
		if r.Status == continuum.NeedsSupport {
			support = append(support, r.Student.ID)
		}
	}
	test.Tap(f.s.supportBtn)
	ctx := context.Background()
	b, err := f.st.FlexBlock(ctx, f.cid, "2026-11-27-before-fractions")
	if err != nil {
		t.Fatalf("no block on the Friday before the unit: %v", err)
	}
	if err := b.Validate(g); err != nil {
		t.Errorf("the block is not valid: %v", err)
	}
	if b.Slot != "WIN time" || b.Date != continuum.NewDate(2026, 11, 27) {
		t.Errorf("block on %s in %q", b.Date, b.Slot)
	}
	var placed []string
	for _, a := range b.Assignments {
		placed = append(placed, a.Student)
	}
	slices.Sort(placed)
	slices.Sort(support)
	if !slices.Equal(placed, support) {
		t.Errorf("placed %v, want the students who need support %v", placed, support)
	}
	if !f.s.flexNote.Visible() || !strings.Contains(f.s.flexNote.Text, "Flex tab") {
		t.Errorf("the screen does not say where the block is: %q", f.s.flexNote.Text)
	}
	// A second block before the same unit gets its own ID; undo removes it.
	test.Tap(f.s.supportBtn)
	if _, err := f.st.FlexBlock(ctx, f.cid, "2026-11-27-before-fractions-2"); err != nil {
		t.Errorf("second block: %v", err)
	}
	if _, err := f.ws.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.FlexBlock(ctx, f.cid, "2026-11-27-before-fractions-2"); err == nil {
		t.Error("undo left the second block")
	}
}

func TestUnitsCreatesAUnitPickedOnTheGrid(t *testing.T) {
	f := unitsUINew(t)
	test.Tap(f.s.newBtn)
	e := f.s.editor
	if e == nil || !e.dlg.IsOpen() {
		t.Fatal("New unit did not open the editor")
	}
	test.Type(e.title, "Decimals")
	e.start.SetText("2027-01-04")
	e.end.SetText("2027-01-22")
	test.Tap(e.grid.Card("NO.3.3"))
	test.Tap(e.grid.Card("NO.3.1"))
	test.Tap(e.grid.Card("AT.3.1"))
	test.Tap(e.grid.Card("AT.3.1")) // a second tap leaves it out again
	if !e.grid.Card("NO.3.1").Visible() || !strings.Contains(e.chosen.Text, "NO.3.1, NO.3.3") {
		t.Errorf("the editor says %q", e.chosen.Text)
	}
	test.Tap(e.dlg.ConfirmButton())
	if e.dlg.IsOpen() {
		t.Fatalf("the editor stayed open: %q %q", e.dlg.Error(), e.targetsErr.Text)
	}
	u, ok := continuum.FindUnit(f.unitsUIStored(t), "Decimals")
	if !ok {
		t.Fatal("the new unit is not in the store")
	}
	if !slices.Equal(u.Targets, []string{"NO.3.1", "NO.3.3"}) || u.ID != "decimals" || u.Order != 3 ||
		u.Start != continuum.NewDate(2027, 1, 4) || u.End != continuum.NewDate(2027, 1, 22) {
		t.Errorf("stored %+v", u)
	}
	if f.s.selected != "decimals" || f.s.calendar.Bar("decimals") == nil {
		t.Errorf("the screen shows %q after saving", f.s.selected)
	}
	if _, err := f.ws.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, ok := continuum.FindUnit(f.unitsUIStored(t), "Decimals"); ok {
		t.Error("undo left the new unit")
	}

	// A title another unit has is refused beside the title.
	test.Tap(f.s.newBtn)
	e = f.s.editor
	test.Type(e.title, "fractions as numbers")
	test.Tap(e.grid.Card("NO.3.1"))
	test.Tap(e.dlg.ConfirmButton())
	if !e.dlg.IsOpen() || !e.titleErr.Visible() || !strings.Contains(e.titleErr.Text, "already has a unit called") {
		t.Errorf("a second unit of the same title: %q", e.titleErr.Text)
	}
	if n := len(f.unitsUIStored(t)); n != 2 {
		t.Errorf("%d units stored", n)
	}
}

func TestUnitsEditorRefusesAnEndBeforeTheStart(t *testing.T) {
	f := unitsUINew(t)
	f.s.ShowUnit("Fractions as numbers")
	before := f.unitsUIStored(t)
	test.Tap(f.s.editBtn)
	e := f.s.editor
	e.end.SetText("2026-11-20")
	test.Tap(e.dlg.ConfirmButton())
	if !e.dlg.IsOpen() {
		t.Fatal("the editor closed on a unit that ends before it starts")
	}
	if !e.datesErr.Visible() || !strings.HasPrefix(e.datesErr.Text, "Dates: ") || !strings.Contains(e.datesErr.Text, "before it starts") {
		t.Errorf("dates problem %q (shown %v)", e.datesErr.Text, e.datesErr.Visible())
	}
	if e.titleErr.Visible() || e.targetsErr.Visible() || e.dlg.Error() != "" {
		t.Error("the problem is shown elsewhere than beside the dates")
	}
	if f.win.Canvas().Focused() != e.end {
		t.Error("the end date is not focused for correcting")
	}
	if after := f.unitsUIStored(t); !unitsSame(after[1], before[1]) {
		t.Error("the refused unit was stored")
	}
	// The problem stays while other fields change, and goes once the
	// dates do.
	test.Type(e.title, " again")
	test.Type(e.supports, "Fraction strips for everyone.")
	if !e.datesErr.Visible() {
		t.Error("typing in other fields hid the problem with the dates")
	}
	test.Type(e.end, "1")
	if e.datesErr.Visible() || e.datesErr.Text != "" {
		t.Errorf("the end date was changed and the line still says %q", e.datesErr.Text)
	}
	// A date that is not one is named the same way.
	e.end.SetText("next Friday")
	test.Tap(e.dlg.ConfirmButton())
	if !strings.Contains(e.datesErr.Text, "next Friday") {
		t.Errorf("unreadable date: %q", e.datesErr.Text)
	}
}

func TestUnitsEditorKeepsExperiencesToTheUnitsTargets(t *testing.T) {
	f := unitsUINew(t)
	f.s.ShowUnit("Fractions as numbers")
	test.Tap(f.s.editBtn)
	e := f.s.editor
	if len(e.experiences) != 3 || len(e.checkpoints) != 2 {
		t.Fatalf("%d experiences, %d checkpoints", len(e.experiences), len(e.checkpoints))
	}
	test.Tap(e.grid.Card("NO.2.3")) // leave NO.2.3 out: the strips no longer build it
	strips := e.experiences[0]
	if slices.Contains(strips.targets.Options, "NO.2.3") || slices.Contains(strips.targets.Selected, "NO.2.3") {
		t.Errorf("experience still offers or builds NO.2.3: %v / %v", strips.targets.Options, strips.targets.Selected)
	}
	test.Tap(e.dlg.ConfirmButton()) // the summative checkpoint on NO.2.3 is refused, in its tab
	if !e.cpErr.Visible() || !strings.Contains(e.cpErr.Text, "NO.2.3") || e.tabs.SelectedIndex() != unitTabCheckpoints {
		t.Errorf("checkpoint problem %q, tab %d", e.cpErr.Text, e.tabs.SelectedIndex())
	}
	test.Type(e.experiences[0].notes, " Pairs.")
	if !e.cpErr.Visible() {
		t.Error("typing in an experience hid the problem with a checkpoint")
	}
	test.Tap(e.checkpoints[1].remove)
	if e.cpErr.Visible() {
		t.Errorf("the checkpoint was removed and the line still says %q", e.cpErr.Text)
	}
	e.onAddExperience()
	x := e.experiences[len(e.experiences)-1]
	test.Type(x.title, "Fraction war")
	x.targets.SetSelected([]string{"NO.2.2"})
	test.Tap(e.dlg.ConfirmButton())
	if e.dlg.IsOpen() {
		t.Fatalf("not saved: %q %q", e.cpErr.Text, e.expErr.Text)
	}
	_, _, u := f.unitsUIClass(t, "Fractions as numbers")
	if len(u.Checkpoints) != 1 || len(u.Experiences) != 4 || u.Experiences[3].Title != "Fraction war" || slices.Contains(u.Targets, "NO.2.3") {
		t.Errorf("stored %+v", u)
	}
}

func TestUnitsReorderDuplicateAndDeleteWithUndo(t *testing.T) {
	f := unitsUINew(t)
	ctx := context.Background()
	original := f.unitsUIStored(t)
	titles := func() []string {
		var out []string
		for _, u := range f.unitsUIStored(t) {
			out = append(out, u.Title)
		}
		return out
	}

	f.s.ShowUnit("Fractions as numbers")
	if !f.s.downBtn.Disabled() || f.s.upBtn.Disabled() {
		t.Error("the last unit can move earlier, not later")
	}
	test.Tap(f.s.upBtn)
	if got := titles(); !slices.Equal(got, []string{"Fractions as numbers", "Place value and operations"}) {
		t.Errorf("after moving earlier: %v", got)
	}
	if f.s.selected != "fractions" || f.s.list.Length() != 2 {
		t.Errorf("the moved unit is no longer shown: %q", f.s.selected)
	}
	if _, err := f.ws.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := f.unitsUIStored(t); !unitsSame(got[0], original[0]) || !unitsSame(got[1], original[1]) {
		t.Errorf("undo did not restore the order: %v", titles())
	}

	test.Tap(f.s.dupBtn)
	units := f.unitsUIStored(t)
	if len(units) != 3 || units[2].Title != "Fractions as numbers (copy)" || units[2].ID != "fractions-copy" ||
		!slices.Equal(units[2].Targets, original[1].Targets) || len(units[2].Checkpoints) != 2 {
		t.Fatalf("after duplicating: %+v", units)
	}
	if f.s.selected != "fractions-copy" {
		t.Errorf("the copy is not shown: %q", f.s.selected)
	}
	if _, err := f.ws.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if len(f.unitsUIStored(t)) != 2 {
		t.Error("undo left the copy")
	}

	f.s.ShowUnit("Place value and operations")
	test.Tap(f.s.delBtn)
	if f.s.confirm == nil || !f.s.confirm.IsOpen() || len(f.unitsUIStored(t)) != 2 {
		t.Fatal("delete did not ask first")
	}
	test.Tap(f.s.confirm.ConfirmButton())
	if got := titles(); !slices.Equal(got, []string{"Fractions as numbers"}) {
		t.Errorf("after deleting: %v", got)
	}
	if f.s.selected != "fractions" || f.s.calendar.Bar("place-value") != nil {
		t.Errorf("after deleting the screen shows %q", f.s.selected)
	}
	if _, err := f.ws.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	if got := f.unitsUIStored(t); len(got) != 2 || !unitsSame(got[0], original[0]) {
		t.Errorf("undo did not bring the unit back: %v", titles())
	}
}

func TestUnitsProgressMatchesTheDomain(t *testing.T) {
	f := unitsUINew(t)
	f.s.ShowUnit("Place value and operations")
	if f.s.tabs.SelectedIndex() != 1 {
		t.Errorf("a finished unit opens on tab %d, want its progress", f.s.tabs.SelectedIndex())
	}
	g, class, u := f.unitsUIClass(t, "Place value and operations")
	want := g.UnitProgress(u, g.ClassPositions(class, unitsUIToday))
	bars := unitsUIShareBars(f.s.progress)
	if len(bars) != len(want) || len(want) != len(u.Targets) {
		t.Fatalf("%d bars, %d targets", len(bars), len(want))
	}
	texts := strings.Join(unitsUITexts(f.s.progress), "\n")
	for i, p := range want {
		if bars[i].share != p.Share() || bars[i].text != strconv.Itoa(p.Mastered)+" of "+strconv.Itoa(p.Students)+" mastered" {
			t.Errorf("%s: bar %v %q, want %v", p.Target, bars[i].share, bars[i].text, p.Share())
		}
		if !strings.Contains(texts, p.Target) {
			t.Errorf("%s is not named", p.Target)
		}
		for _, st := range p.NoEvidence {
			if !strings.Contains(texts, st.Name) {
				t.Errorf("%s has no evidence on %s and is not named", st.Name, p.Target)
			}
		}
	}
	states := g.CheckpointStates(u, class.Students, class.Evidence, unitsUIToday)
	if len(states) != len(f.s.data.checkpoints) {
		t.Fatalf("%d checkpoints shown, want %d", len(f.s.data.checkpoints), len(states))
	}
	for i, s := range states {
		if f.s.data.checkpoints[i].State != s.State || !strings.Contains(texts, s.Checkpoint.Target) {
			t.Errorf("checkpoint %d: %v, want %v", i, f.s.data.checkpoints[i].State, s.State)
		}
	}
}

func TestUnitsFollowTheChosenContinuum(t *testing.T) {
	f := unitsUINew(t)
	f.ws.SelectContinuum("")
	if f.s.detail.Visible() || !strings.Contains(f.s.Notice(), "No continuum is chosen") || !f.s.newBtn.Disabled() {
		t.Errorf("with no continuum: notice %q", f.s.Notice())
	}
	f.ws.SelectContinuum(f.cid)
	if !f.s.detail.Visible() || f.s.selected != "fractions" {
		t.Errorf("back on the demo: unit %q", f.s.selected)
	}
}

func TestUnitsWeekCountsAndIDs(t *testing.T) {
	d := continuum.MustParseDate
	units := []continuum.Unit{
		{Start: d("2026-09-07"), End: d("2026-10-02")},
		{Start: d("2026-09-28"), End: d("2026-10-16")}, // shares the week of Sep 28
		{Start: d("2026-11-02"), End: d("2026-11-13")}, // after two empty weeks
	}
	if empty, overlap := unitsWeekCounts(units); empty != 2 || overlap != 1 {
		t.Errorf("empty %d, overlap %d; want 2 and 1", empty, overlap)
	}
	for title, want := range map[string]string{
		"Fractions as numbers": "fractions-as-numbers", "  Área & perímetro!": "área-perímetro", "?!": "unit",
	} {
		if got := unitSlug(title); got != want {
			t.Errorf("unitSlug(%q) = %q, want %q", title, got, want)
		}
	}
	taken := func(id string) bool { return id == "a" || id == "a-2" }
	if got := unitFreeID("a", taken); got != "a-3" {
		t.Errorf("unitFreeID = %q", got)
	}
	if got := unitWeekdayBefore(d("2026-11-30")); got != d("2026-11-27") {
		t.Errorf("the school day before Monday Nov 30 is %s", got)
	}
}

func TestUnitsFocusFirstGoesToTheUnitShown(t *testing.T) {
	f := unitsUINew(t)
	f.s.FocusFirst()
	if got := f.win.Canvas().Focused(); got != f.s.calendar.Bar("fractions") {
		t.Errorf("focused %T, want the bar of the unit shown", got)
	}
	ctx := context.Background()
	for _, id := range []string{"place-value", "fractions"} {
		if err := f.st.DeleteUnit(ctx, f.cid, id); err != nil {
			t.Fatal(err)
		}
	}
	f.ws.Changed(screen.Change{Kind: screen.UnitsChanged, Continuum: f.cid})
	f.s.FocusFirst()
	if got := f.win.Canvas().Focused(); got != f.s.newBtn {
		t.Errorf("with no unit focused %T, want New unit", got)
	}
	if !strings.Contains(f.s.Notice(), "has no units yet") {
		t.Errorf("notice %q", f.s.Notice())
	}
	f.ws.SelectContinuum("")
	f.s.FocusFirst()
	if got := f.win.Canvas().Focused(); got != nil {
		t.Errorf("with no continuum focused %T", got)
	}
}

// Given a student who has left the class, the unit's readiness judges
// the 27 others and does not name them.
func TestUnitsReadinessLeavesOutWhoLeft(t *testing.T) {
	f := unitsUINew(t)
	ctx := context.Background()
	st, err := f.st.Student(ctx, "S003")
	if err != nil {
		t.Fatal(err)
	}
	st.Inactive = true
	if err := f.st.PutStudents(ctx, st); err != nil {
		t.Fatal(err)
	}
	f.ws.Changed(screen.Change{Kind: screen.RosterChanged})
	f.s.ShowUnit("Fractions as numbers")
	uitest.Eventually(t, "the readiness without S003", func() bool { return f.s.data != nil && len(f.s.data.readiness) == 27 })
	for _, r := range f.s.data.readiness {
		if r.Student.ID == "S003" {
			t.Error("S003, who has left, is judged")
		}
	}
	if all := strings.Join(unitsUITexts(f.s.readiness), "\n"); strings.Contains(all, st.Name) {
		t.Errorf("the readiness names %s", st.Name)
	}
}

// TestUnitsRevisitReadsOnlyWhatChanged: the screen keeps the students it
// lists, not the class's evidence; shown again, it reads nothing unless a
// change it follows was announced, and the coach's notes on the unit are
// read again each time.
func TestUnitsRevisitReadsOnlyWhatChanged(t *testing.T) {
	f := unitsUINew(t)
	uitest.Eventually(t, "the loads to settle", func() bool { return !f.s.Loading() })
	d := f.s.data
	if d.unit == nil || len(d.class.Students) == 0 {
		t.Fatalf("unit %v, %d students listed", d.unit, len(d.class.Students))
	}
	if len(d.class.Evidence) != 0 || len(d.class.Overrides) != 0 {
		t.Errorf("the screen keeps %d pieces of evidence and %d overrides, want none", len(d.class.Evidence), len(d.class.Overrides))
	}
	reads := f.s.Reads()
	f.s.Refresh()
	if got := f.s.Reads(); got != reads {
		t.Errorf("shown again with nothing changed: %d loads, want %d", got, reads)
	}

	// Given a coach's note on the unit shown, added since (a change the
	// screen does not reload for), shown again it lists the note.
	note := continuum.VisitNote{Continuum: f.cid, Date: unitsUIToday, Coach: "RB", About: continuum.OnUnit, Subject: d.unit.Title, Note: "Fraction strips at every table"}
	if _, err := f.st.PutVisitNote(context.Background(), note); err != nil {
		t.Fatal(err)
	}
	f.ws.Changed(screen.Change{Kind: screen.VisitNotesChanged, Continuum: f.cid})
	f.s.Refresh()
	uitest.Eventually(t, "the note on the unit", func() bool {
		box, ok := f.s.notes.Content().(*fyne.Container)
		return ok && len(box.Objects) > 0
	})
	if got := f.s.Reads(); got != reads {
		t.Errorf("after a visit note: %d loads, want %d", got, reads)
	}

	// When evidence is recorded, the screen reads again once shown.
	f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: f.cid})
	f.s.Refresh()
	uitest.Eventually(t, "a load after the change", func() bool { return f.s.Reads() > reads && !f.s.Loading() })
}
