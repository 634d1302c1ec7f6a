package reportcard

import (
	"context"
	"encoding/csv"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
)

// cardDay is the day the tests call today: late in the demo term.
var cardDay = continuum.NewDate(2026, 11, 22)

// demoCard maps the demo's targets to four standards, one per rule.
var demoCard = continuum.ReportCard{Standards: []continuum.CardStandard{
	{Code: "MA.NS", Name: "Number sense", Rule: continuum.RuleMostFrequent, Targets: []string{"NO.1.1", "NO.1.2", "NO.1.3", "NO.2.1", "NO.2.2", "NO.2.3"}},
	{Code: "MA.AT", Name: "Algebraic thinking", Rule: continuum.RuleMeanDown, Targets: []string{"AT.1.1", "AT.1.2", "AT.2.1", "AT.2.2"}},
	{Code: "MA.PS", Name: "Problem solving", Rule: continuum.RuleLowest, Targets: []string{"PS.1.1", "PS.1.2", "PS.2.1", "PS.2.2"}},
	{Code: "HS.WH", Name: "Work habits", Rule: continuum.RuleBands, Targets: []string{"HS.1.1", "HS.1.2", "HS.2.1", "HS.2.2"},
		Bands: []continuum.CardBand{{MinPercent: 90, Level: 4}, {MinPercent: 60, Level: 3}, {MinPercent: 30, Level: 2}, {MinPercent: 0, Level: 1}}},
}}

// cardFixture is the report card on the demo classroom, in a window.
type cardFixture struct {
	st  *storage.Store
	ws  *screen.Workspace
	w   fyne.Window
	s   *Screen
	cid string
}

// cardSetup opens the demo with card as its report card (none for nil)
// and shows the screen; readOnly makes it a review.
func cardSetup(t *testing.T, card *continuum.ReportCard, readOnly bool) *cardFixture {
	t.Helper()
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	cid := demo.Classroom().Continuum.ID
	if err := st.SetReportCard(context.Background(), cid, card); err != nil {
		t.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SetToday(cardDay)
	ws.SetReadOnly(readOnly)
	ws.SelectContinuum(cid)
	w := test.NewTempWindow(t, nil)
	var s *Screen
	if readOnly {
		s = New(continuum.ReadOnlyStore{Store: st}, ws, w)
	} else {
		s = New(st, ws, w)
	}
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1200, 760))
	s.Refresh()
	if s.data == nil {
		t.Fatal("the report card did not load")
	}
	return &cardFixture{st: st, ws: ws, w: w, s: s, cid: cid}
}

// Given the demo with a report card, then the table shows, for every
// active student and standard, the label the roll-up gives as the SIS
// export has it, and choosing a cell says which targets gave it.
func TestRollUpTableShowsTheDemoLevels(t *testing.T) {
	f := cardSetup(t, &demoCard, false)
	ru, err := exchange.ReportCardLevels(context.Background(), f.st, f.cid, "", cardDay)
	if err != nil {
		t.Fatal(err)
	}
	rows, cols := f.s.tableSize()
	n := len(demoCard.Standards)
	if rows-1 != ru.Students || cols-1 != n {
		t.Fatalf("the table is %d × %d, want %d students × %d standards", rows-1, cols-1, ru.Students, n)
	}
	for i, want := range ru.Levels {
		r, c := i/n+1, i%n+1
		if got := f.s.cellText(r, 0); got != want.Student.Name {
			t.Fatalf("row %d is %q, want %q", r, got, want.Student.Name)
		}
		label := want.Label
		if !want.HasLevel {
			label = "—"
		}
		if got := f.s.cellText(r, c); got != label {
			t.Errorf("%s on %s shows %q, want %q", want.Student.Name, want.Standard.Code, got, label)
		}
	}
	labels := map[string]bool{}
	for r := 1; r < rows; r++ {
		labels[f.s.cellText(r, 3)] = true
	}
	if len(labels) < 2 {
		t.Errorf("every student has the same level on MA.PS (%v); the demo's class is spread out", labels)
	}
	if got := f.s.cellText(0, 1); got != "MA.NS Number sense" {
		t.Errorf("the first standard's heading is %q", got)
	}

	f.s.table.Select(widget.TableCellID{Row: 1, Col: 3})
	want := ru.Levels[2]
	why := f.s.why.Text
	for _, part := range []string{want.Student.Name, "MA.PS Problem solving", "PS.1.1", "PS.2.2", "lowest level"} {
		if !strings.Contains(why, part) {
			t.Errorf("the reason shown, %q, lacks %q", why, part)
		}
	}
	if f.s.chosen != 2 || !strings.Contains(f.s.ruleWhy.Text, continuum.RuleLowest.Explain()) {
		t.Errorf("choosing a cell of MA.PS chose standard %d, explained as %q", f.s.chosen, f.s.ruleWhy.Text)
	}
}

// Given a group chosen, then only its students are in the table.
func TestRollUpTableFollowsTheGroup(t *testing.T) {
	f := cardSetup(t, &demoCard, false)
	f.s.groups.SetSelected("Period 2")
	rows, _ := f.s.tableSize()
	for r := 1; r < rows; r++ {
		st := f.s.data.students[f.s.rows[r-1]]
		if st.Group != "Period 2" {
			t.Errorf("row %d is %s of %s", r, st.Name, st.Group)
		}
	}
	if rows < 3 || rows-1 == len(f.s.data.students) {
		t.Errorf("Period 2 shows %d of %d students", rows-1, len(f.s.data.students))
	}
}

// Given no report card, when the teacher adds a standard with the bands
// rule, picking its targets, then it is saved in the store, the table
// gains its column, and Undo takes it away again.
func TestAddingAStandardSavesItAndUndoes(t *testing.T) {
	f := cardSetup(t, nil, false)
	if f.s.empty.Hidden || !strings.Contains(f.s.empty.Text, "no report card yet") {
		t.Errorf("with no card the screen says %q", f.s.empty.Text)
	}
	test.Tap(f.s.addBtn)
	e := f.s.editor
	if e == nil || !e.dlg.IsOpen() {
		t.Fatal("Add standard… opened no editor")
	}
	if e.bandBox.Visible() {
		t.Error("the bands show for the most-frequent rule")
	}
	test.Type(e.code, "MA.FR")
	test.Type(e.name, "Fractions")
	e.rule.SetSelected(continuum.RuleBands.Label())
	if !e.bandBox.Visible() || e.ruleWhy.Text != continuum.RuleBands.Explain() {
		t.Errorf("choosing the bands rule shows the bands %v and explains %q", e.bandBox.Visible(), e.ruleWhy.Text)
	}
	test.Type(e.targets.Search, "fraction")
	shown := e.targets.Shown()
	if !slices.Contains(shown, "NO.2.2") || slices.Contains(shown, "AT.1.1") {
		t.Errorf("the filter on %q shows %v", "fraction", shown)
	}
	e.targets.Toggle("NO.2.2")
	e.targets.Toggle("NO.2.3")
	e.bands.SetText("weird")
	e.dlg.Submit()
	if !e.dlg.IsOpen() || !strings.Contains(e.dlg.Error(), "weird") {
		t.Fatalf("bands that do not read were accepted (%q)", e.dlg.Error())
	}
	e.bands.SetText("75%=4; 50%=3; 0%=1")
	e.dlg.Submit()
	if e.dlg.IsOpen() {
		t.Fatalf("the editor stayed open: %q", e.dlg.Error())
	}
	c, err := f.st.Continuum(context.Background(), f.cid)
	if err != nil {
		t.Fatal(err)
	}
	if c.ReportCard == nil || len(c.ReportCard.Standards) != 1 {
		t.Fatalf("the store's card is %+v", c.ReportCard)
	}
	got := c.ReportCard.Standards[0]
	if got.Code != "MA.FR" || got.Name != "Fractions" || got.Rule != continuum.RuleBands ||
		!slices.Equal(got.Targets, []string{"NO.2.2", "NO.2.3"}) || continuum.FormatBands(got.Bands) != "75%=4; 50%=3; 0%=1" {
		t.Errorf("stored %+v", got)
	}
	if _, cols := f.s.tableSize(); cols != 2 || f.s.cellText(0, 1) != "MA.FR Fractions" {
		t.Errorf("the table did not gain the standard: %d columns, heading %q", cols, f.s.cellText(0, 1))
	}
	label, ok := f.ws.CanUndo()
	if !ok || label != "new standard MA.FR" {
		t.Fatalf("the undo offered is %q, %v", label, ok)
	}
	if _, err := f.ws.Undo(context.Background()); err != nil {
		t.Fatal(err)
	}
	if c, _ := f.st.Continuum(context.Background(), f.cid); c.ReportCard != nil {
		t.Errorf("after Undo the card is %+v", c.ReportCard)
	}
	if _, cols := f.s.tableSize(); cols != 1 {
		t.Errorf("after Undo the table has %d columns", cols)
	}
}

// Given a card, when the teacher edits a standard's rule and deletes
// another, then each change is stored.
func TestEditingAndDeletingStandardsSave(t *testing.T) {
	f := cardSetup(t, &demoCard, false)
	f.s.list.Select(1)
	test.Tap(f.s.editBtn)
	e := f.s.editor
	if e.code.Text != "MA.AT" || !slices.Equal(e.targets.Chosen(), demoCard.Standards[1].Targets) {
		t.Fatalf("the editor opened on %q with %v", e.code.Text, e.targets.Chosen())
	}
	e.rule.SetSelected(continuum.RuleLowest.Label())
	e.targets.Toggle("AT.2.2")
	e.dlg.Submit()
	c, _ := f.st.Continuum(context.Background(), f.cid)
	if got := c.ReportCard.Standards[1]; got.Rule != continuum.RuleLowest || slices.Contains(got.Targets, "AT.2.2") || len(got.Targets) != 3 {
		t.Errorf("stored %+v", got)
	}

	f.s.list.Select(0)
	test.Tap(f.s.deleteBtn)
	uitest.TapOverlayButton(t, f.w, "Delete")
	c, _ = f.st.Continuum(context.Background(), f.cid)
	if len(c.ReportCard.Standards) != 3 || c.ReportCard.Standards[0].Code != "MA.AT" {
		t.Errorf("after deleting MA.NS the card is %s", c.ReportCard.Summary())
	}
}

// Given a standard whose code another has, then the editor says so and
// nothing is stored.
func TestEditorRefusesADuplicateCode(t *testing.T) {
	f := cardSetup(t, &demoCard, false)
	test.Tap(f.s.addBtn)
	e := f.s.editor
	test.Type(e.code, "ma.ns")
	e.targets.Toggle("NO.3.1")
	e.dlg.Submit()
	if !e.dlg.IsOpen() || !strings.Contains(e.dlg.Error(), "twice") {
		t.Errorf("a second MA.NS was not refused: %q", e.dlg.Error())
	}
	if c, _ := f.st.Continuum(context.Background(), f.cid); len(c.ReportCard.Standards) != 4 {
		t.Errorf("the store has %d standards", len(c.ReportCard.Standards))
	}
}

// Given a review, then nothing on the screen edits the card, and the
// table still shows the levels.
func TestReviewHidesEditing(t *testing.T) {
	f := cardSetup(t, &demoCard, true)
	uitest.NoEditing(t, f.w, "the report card")
	uitest.Hidden(t, "the report card's editing", f.s.addBtn, f.s.editBtn, f.s.deleteBtn)
	if _, cols := f.s.tableSize(); cols != len(demoCard.Standards)+1 {
		t.Errorf("the review's table has %d columns", cols)
	}
}

// Given the card, when the levels are exported for the SIS, then the CSV
// has the SIS's header and a row per student of the group and standard,
// as the command line writes it.
func TestExportForTheSISWritesTheCSV(t *testing.T) {
	f := cardSetup(t, &demoCard, false)
	f.s.groups.SetSelected("Period 5")
	test.Tap(f.s.exportBtn)
	if f.s.saveDialog == nil || f.s.saveChoice.Ext != ".csv" || !strings.Contains(f.s.saveChoice.Name, "Period 5") {
		t.Fatalf("the save dialog offers %q", f.s.saveChoice.Name)
	}
	uitest.CloseDialogs(f.w)
	path := filepath.Join(t.TempDir(), f.s.saveChoice.Name)
	var failed error
	f.s.exported = func(_ string, err error) { failed = err }
	f.s.exportTo(f.cid, "Period 5", cardDay, path)
	if failed != nil {
		t.Fatal(failed)
	}
	file, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer file.Close()
	recs, err := csv.NewReader(file).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(recs[0], exchange.ReportCardHeader) {
		t.Errorf("the header is %v", recs[0])
	}
	rows, _ := f.s.tableSize()
	if len(recs)-1 != (rows-1)*len(demoCard.Standards) {
		t.Errorf("the CSV has %d rows, want %d students × %d standards", len(recs)-1, rows-1, len(demoCard.Standards))
	}
	if !uitest.DialogShows(f.w, path) {
		t.Errorf("the result does not name the file: %q", uitest.DialogTexts(f.w))
	}
}

// Given a day typed in "as of", then the levels are those of that day,
// as the SIS export judges them, and a day that is not a date is refused
// in one sentence.
func TestRollUpAsOfADay(t *testing.T) {
	f := cardSetup(t, &demoCard, false)
	early := continuum.NewDate(2026, 9, 20)
	test.Type(f.s.asOf, early.String())
	if f.s.data.on != early {
		t.Fatalf("the levels are as of %s, want %s", f.s.data.on, early)
	}
	ru, err := exchange.ReportCardLevels(context.Background(), f.st, f.cid, "", early)
	if err != nil {
		t.Fatal(err)
	}
	now, err := exchange.ReportCardLevels(context.Background(), f.st, f.cid, "", cardDay)
	if err != nil {
		t.Fatal(err)
	}
	n, differ := len(demoCard.Standards), 0
	for i, want := range ru.Levels {
		label := want.Label
		if !want.HasLevel {
			label = "—"
		}
		if got := f.s.cellText(i/n+1, i%n+1); got != label {
			t.Errorf("%s on %s as of %s shows %q, want %q", want.Student.Name, want.Standard.Code, early, got, label)
		}
		if want.Label != now.Levels[i].Label {
			differ++
		}
	}
	if differ == 0 {
		t.Error("the levels in September are those of November; the day made no difference")
	}
	f.s.asOf.SetText("")
	if f.s.data.on != cardDay {
		t.Errorf("an empty day shows %s, want today %s", f.s.data.on, cardDay)
	}
	f.s.asOf.SetText("someday")
	f.s.onDaySubmitted("someday")
	if f.s.data.on != cardDay || !uitest.DialogShows(f.w, "is not a date") {
		t.Errorf("a day of %q gave levels as of %s and dialogs %q", "someday", f.s.data.on, uitest.DialogTexts(f.w))
	}
}
