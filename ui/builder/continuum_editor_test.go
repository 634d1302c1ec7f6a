package builder

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// builder is the continuum builder on a real store in a test window.
type builder struct {
	t      *testing.T
	st     *storage.Store
	ws     *screen.Workspace
	w      fyne.Window
	s      *Screen
	events chan string
}

func newBuilder(t *testing.T, st *storage.Store, ws *screen.Workspace) *builder {
	t.Helper()
	test.NewTempApp(t)
	if st == nil {
		st = storagetest.Open(t)
	}
	if ws == nil {
		ws = screen.NewWorkspace()
	}
	w := test.NewTempWindow(t, nil)
	b := &builder{t: t, st: st, ws: ws, w: w, events: make(chan string, 100)}
	b.s = New(st, ws, w)
	b.s.testHook = func(e string) { b.events <- e }
	w.SetContent(b.s.Content())
	w.Resize(fyne.NewSize(1366, 768))
	b.s.Refresh()
	b.wait(hookLoaded)
	return b
}

// wait waits for the screen to report event, failing on an error it
// shows instead.
func (b *builder) wait(event string) {
	b.t.Helper()
	timeout := time.After(5 * time.Second)
	for {
		select {
		case e := <-b.events:
			if e == event {
				return
			}
			if e == hookError {
				b.t.Fatalf("waiting for %s, the screen showed an error: %s", event, b.shownError())
			}
		case <-timeout:
			b.t.Fatalf("timed out waiting for %s", event)
		}
	}
}

// shownError returns the text of the dialog on top, or of the builder
// dialog's message line.
func (b *builder) shownError() string {
	var texts []string
	if b.s.dialog != nil && b.s.dialog.Error() != "" {
		texts = append(texts, b.s.dialog.Error())
	}
	if top := b.w.Canvas().Overlays().Top(); top != nil {
		texts = append(texts, overlayText(top))
	}
	return strings.Join(texts, " | ")
}

// overlayText collects the texts shown in an overlay.
func overlayText(o fyne.CanvasObject) string {
	var parts []string
	for _, x := range test.LaidOutObjects(o) {
		if t, ok := x.(*canvas.Text); ok && t.Text != "" {
			parts = append(parts, t.Text)
		}
	}
	return strings.Join(parts, " ")
}

// createThroughDialog builds a continuum in the "New continuum" dialog as
// a teacher would: name, levels typed by hand, one domain.
func (b *builder) createThroughDialog(name, levels, domain string) {
	b.t.Helper()
	test.Tap(b.s.newBtn)
	f := b.s.newForm
	if f == nil || !b.s.dialog.IsOpen() {
		b.t.Fatal("New continuum opened no dialog")
	}
	test.Type(f.name, name)
	test.Type(f.subject, "Literacy")
	f.levels.SetText("")
	test.Type(f.levels, levels)
	if f.preset.Selected != customLevels {
		b.t.Errorf("typing levels left the preset at %q, want %q", f.preset.Selected, customLevels)
	}
	test.Type(f.domains.rows[0].w.name, domain)
	test.Tap(b.s.dialog.ConfirmButton())
	b.wait(hookLoaded)
	if b.s.dialog.IsOpen() {
		b.t.Fatalf("the dialog stayed open: %s", b.shownError())
	}
}

// graph reads the continuum being worked on from the store.
func (b *builder) graph() *continuum.Graph {
	b.t.Helper()
	g, err := b.st.Graph(context.Background(), b.ws.Continuum())
	if err != nil {
		b.t.Fatal(err)
	}
	return g
}

func (b *builder) undo() {
	b.t.Helper()
	if _, err := b.ws.Undo(context.Background()); err != nil {
		b.t.Fatal(err)
	}
	b.wait(hookLoaded)
}

func TestBuilderEmptyStoreOffersNewContinuum(t *testing.T) {
	b := newBuilder(t, nil, nil)
	if !b.s.empty.Visible() || b.s.main.Visible() {
		t.Fatal("an empty store does not show the empty state")
	}
	if !b.s.emptyNew.Visible() || !strings.Contains(b.s.emptyText.Text, "Start one here") {
		t.Errorf("empty state: %q, button visible %v", b.s.emptyText.Text, b.s.emptyNew.Visible())
	}
	b.s.FocusFirst()
	if b.w.Canvas().Focused() != b.s.emptyNew {
		t.Errorf("focus on %T, want the New continuum button", b.w.Canvas().Focused())
	}
}

func TestBuilderCreatesAContinuumThroughTheDialog(t *testing.T) {
	b := newBuilder(t, nil, nil)
	announced := 0
	b.ws.OnChange(func(c screen.Change) {
		if c.Kind == screen.ContinuaChanged {
			announced++
		}
	})
	b.createThroughDialog("Reading", "Early, Middle, Late", "Fluency")

	all, err := b.st.Continua(context.Background())
	if err != nil || len(all) != 1 {
		t.Fatalf("store: %v, %v", all, err)
	}
	c := all[0]
	if c.Name != "Reading" || c.Subject != "Literacy" || !slices.Equal(c.Levels, []string{"Early", "Middle", "Late"}) ||
		len(c.Domains) != 1 || c.Domains[0].Name != "Fluency" || c.Domains[0].Category != continuum.Academic {
		t.Errorf("stored %+v", c)
	}
	if b.ws.Continuum() != c.ID || b.s.graph == nil || b.s.graph.Continuum.ID != c.ID {
		t.Error("the new continuum is not the one worked on")
	}
	if announced != 1 {
		t.Errorf("ContinuaChanged announced %d times, want 1", announced)
	}
	if !b.s.main.Visible() || !strings.Contains(b.s.summary.Text, "3 levels, Early to Late") {
		t.Errorf("summary %q", b.s.summary.Text)
	}
}

func TestBuilderNewContinuumRefusalKeepsTheDialog(t *testing.T) {
	b := newBuilder(t, nil, nil)
	test.Tap(b.s.newBtn)
	test.Tap(b.s.dialog.ConfirmButton()) // no name
	if !b.s.dialog.IsOpen() || !strings.Contains(b.s.dialog.Error(), "Name: is empty") {
		t.Fatalf("open %v, message %q", b.s.dialog.IsOpen(), b.s.dialog.Error())
	}
	// The line stays while other fields change and goes once a name is typed.
	test.Type(b.s.newForm.subject, "Literacy")
	test.Type(b.s.newForm.domains.rows[0].w.name, "Fluency")
	if !strings.Contains(b.s.dialog.Error(), "Name: is empty") {
		t.Errorf("typing elsewhere changed the line to %q", b.s.dialog.Error())
	}
	test.Type(b.s.newForm.name, "Reading")
	if got := b.s.dialog.Error(); got != "" {
		t.Errorf("a name was typed and the line still says %q", got)
	}
	b.s.newForm.name.SetText("")
	// Escape from a field closes the dialog, nothing stored.
	b.s.newForm.name.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.s.dialog.IsOpen() {
		t.Error("Escape did not close the dialog")
	}
	if all, _ := b.st.Continua(context.Background()); len(all) != 0 {
		t.Errorf("stored %v", all)
	}
}

func TestBuilderRenameDuplicateDelete(t *testing.T) {
	st := storagetest.OpenDemo(t)
	ws := screen.NewWorkspace()
	ws.SelectContinuum("demo-math-foundations")
	b := newBuilder(t, st, ws)
	if b.s.graph == nil || len(b.s.graph.Targets) != 36 {
		t.Fatalf("demo not shown: %v", b.s.graph)
	}

	// Rename.
	test.Tap(b.s.renameBtn)
	name := b.s.dialog.First.(*widgets.Entry)
	name.SetText("")
	test.Type(name, "Number Sense")
	test.Tap(b.s.dialog.ConfirmButton())
	b.wait(hookLoaded)
	if c, _ := st.Continuum(context.Background(), "demo-math-foundations"); c.Name != "Number Sense" {
		t.Fatalf("renamed to %q", c.Name)
	}
	b.undo()
	if c, _ := st.Continuum(context.Background(), "demo-math-foundations"); c.Name != demo.Name {
		t.Fatalf("undo left the name %q", c.Name)
	}

	// Duplicate: header and targets, not evidence.
	test.Tap(b.s.duplicateBtn)
	if got := b.s.dialog.First.(*widgets.Entry).Text; got != demo.Name+" (copy)" {
		t.Errorf("copy named %q", got)
	}
	test.Tap(b.s.dialog.ConfirmButton())
	b.wait(hookLoaded)
	copyID := ws.Continuum()
	if copyID == "demo-math-foundations" {
		t.Fatal("the copy is not the one worked on")
	}
	g := b.graph()
	ev, _ := st.Evidence(context.Background(), continuum.EvidenceFilter{Continuum: copyID})
	if g.Continuum.Name != demo.Name+" (copy)" || len(g.Targets) != 36 || len(ev) != 0 {
		t.Errorf("copy %q: %d targets, %d evidence", g.Continuum.Name, len(g.Targets), len(ev))
	}

	// Delete the original: the confirmation counts what goes.
	ws.SelectContinuum("demo-math-foundations")
	b.wait(hookLoaded)
	test.Tap(b.s.deleteBtn)
	b.wait(hookConfirm)
	text := b.s.confirmText
	if !strings.Contains(text, "36 targets") || !strings.Contains(text, "1,042 pieces of evidence") {
		t.Errorf("confirmation %q", text)
	}
	test.Tap(b.s.confirm.ConfirmButton())
	b.wait(hookLoaded)
	if _, err := st.Continuum(context.Background(), "demo-math-foundations"); err == nil {
		t.Error("the continuum is still stored")
	}
	if ws.Continuum() != copyID {
		t.Errorf("after the delete the workspace shows %q, want the copy", ws.Continuum())
	}
}

func TestBuilderFindsTargetsByWords(t *testing.T) {
	st := storagetest.OpenDemo(t)
	ws := screen.NewWorkspace()
	ws.SelectContinuum("demo-math-foundations")
	b := newBuilder(t, st, ws)
	g := b.graph()

	// Ctrl+F puts the focus in the search.
	b.w.Canvas().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault})
	if b.w.Canvas().Focused() != b.s.search {
		t.Fatalf("Ctrl+F focused %T", b.w.Canvas().Focused())
	}

	// Several matches: the others are dimmed, and Enter walks through them.
	test.Type(b.s.search, "fractions")
	want := []string{"NO.2.3", "NO.3.1", "NO.4.1"}
	if !slices.Equal(b.s.matches, want) || b.s.matchLabel.Text != "3 matches" {
		t.Fatalf("matches %v, label %q", b.s.matches, b.s.matchLabel.Text)
	}
	for _, o := range g.Targets {
		if cardDimmed(b, o.Code) == slices.Contains(want, o.Code) {
			t.Errorf("%s dimmed %v", o.Code, cardDimmed(b, o.Code))
		}
	}
	enter := &fyne.KeyEvent{Name: fyne.KeyReturn}
	b.s.search.TypedKey(enter)
	b.s.search.TypedKey(enter)
	if b.s.selected != "NO.3.1" || b.s.matchLabel.Text != "2 of 3 matches" {
		t.Errorf("after two Enters: selected %q, label %q", b.s.selected, b.s.matchLabel.Text)
	}

	// One match, by words in any order: Enter selects it, Enter again opens it.
	b.s.search.SetText("")
	test.Type(b.s.search, "line fraction number")
	if !slices.Equal(b.s.matches, []string{"NO.2.2"}) || b.s.matchLabel.Text != "1 match" {
		t.Fatalf("matches %v, label %q", b.s.matches, b.s.matchLabel.Text)
	}
	b.s.search.TypedKey(enter)
	if b.s.selected != "NO.2.2" || b.s.editor != nil {
		t.Fatalf("Enter: selected %q, editor open %v", b.s.selected, b.s.editor != nil)
	}
	b.s.search.TypedKey(enter)
	if b.s.editor == nil || !b.s.editor.dlg.IsOpen() || b.s.editor.orig.Code != "NO.2.2" {
		t.Fatal("Enter on the selected match did not open it")
	}
	// Escape closes the editor; Escape in the search clears it.
	b.s.editor.statement.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.s.editor.dlg.IsOpen() {
		t.Error("Escape left the target editor open")
	}
	b.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.s.search.Text != "" || cardDimmed(b, "NO.1.1") || b.s.matchLabel.Text != "" {
		t.Errorf("Escape in the search: text %q, label %q", b.s.search.Text, b.s.matchLabel.Text)
	}
}

// cardDimmed reports whether a card is drawn faded.
func cardDimmed(b *builder, code string) bool {
	card := b.s.grid.Card(code)
	bg := test.WidgetRenderer(card).Objects()[0].(*canvas.Rectangle)
	return bg.FillColor == theme.Color(theme.ColorNameDisabledButton)
}

func TestBuilderSettingsRenameALevelAndTargetsFollow(t *testing.T) {
	b := readingContinuum(t)
	test.Tap(b.s.settingsBtn)
	cs := b.s.settings
	if cs == nil || !cs.dlg.IsOpen() {
		t.Fatal("Settings opened no dialog")
	}
	first := cs.levels.rows[0].w
	first.SetText("")
	test.Type(first, "Emerging")
	test.Tap(cs.dlg.ConfirmButton())
	b.wait(hookLoaded)
	g := b.graph()
	if !slices.Equal(g.Continuum.Levels, []string{"Emerging", "Middle", "Late"}) {
		t.Fatalf("levels %v", g.Continuum.Levels)
	}
	for _, code := range []string{"FL.1", "FL.2"} {
		if tg, _ := g.Target(code); tg.Level != "Emerging" {
			t.Errorf("%s stayed on %q", code, tg.Level)
		}
	}
	b.undo()
	if tg, _ := b.stored("FL.1"); tg.Level != "Early" {
		t.Errorf("undo left FL.1 on %q", tg.Level)
	}
}

func TestBuilderSettingsRefusesRemovingALevelInUse(t *testing.T) {
	b := readingContinuum(t)
	test.Tap(b.s.settingsBtn)
	cs := b.s.settings
	test.Tap(cs.levels.rows[0].remove)
	if len(cs.levels.rows) != 2 {
		t.Fatalf("%d rows after remove", len(cs.levels.rows))
	}
	test.Tap(cs.dlg.ConfirmButton())
	if !cs.dlg.IsOpen() || cs.tabs.SelectedIndex() != tabLevels {
		t.Errorf("open %v, tab %d", cs.dlg.IsOpen(), cs.tabs.SelectedIndex())
	}
	if msg := cs.dlg.Error(); !strings.Contains(msg, "Levels:") || !strings.Contains(msg, `level "Early" is still used by 2 targets`) {
		t.Errorf("message %q", msg)
	}
	if top := overlayText(b.w.Canvas().Overlays().Top()); !strings.Contains(top, "still used") {
		t.Errorf("no error dialog on top: %q", top)
	}
	if g := b.graph(); len(g.Continuum.Levels) != 3 {
		t.Errorf("levels after the refusal %v", g.Continuum.Levels)
	}
}

func TestBuilderSettingsExplainTheMethodLive(t *testing.T) {
	b := readingContinuum(t)
	test.Tap(b.s.settingsBtn)
	cs := b.s.settings
	before := cs.explain.Text
	if !strings.Contains(before, "65%") || cs.param.Text != "65%" || !cs.paramRow.Visible() {
		t.Fatalf("decaying average: %q, r %q", before, cs.param.Text)
	}
	cs.param.SetText("")
	test.Type(cs.param, "80%")
	if !strings.Contains(cs.explain.Text, "counts 80%") {
		t.Errorf("after r = 80%%: %q", cs.explain.Text)
	}
	cs.method.SetSelected(continuum.Highest.Label())
	if cs.paramRow.Visible() || !strings.Contains(cs.explain.Text, "best score") {
		t.Errorf("highest: %q, parameter shown %v", cs.explain.Text, cs.paramRow.Visible())
	}
	cs.method.SetSelected(continuum.RecentMean.Label())
	cs.param.SetText("")
	test.Type(cs.param, "4")
	if !strings.Contains(cs.explain.Text, "4 most recent") || cs.paramLabel.Text != "How many recent scores (N)" {
		t.Errorf("recent mean: %q (%s)", cs.explain.Text, cs.paramLabel.Text)
	}
	cs.param.SetText("")
	test.Type(cs.param, "0")
	if !strings.Contains(cs.explain.Text, "at least 1") {
		t.Errorf("N = 0: %q", cs.explain.Text)
	}
	cs.param.SetText("4")
	test.Tap(cs.dlg.ConfirmButton())
	b.wait(hookLoaded)
	if m := b.graph().Continuum.Method; m.Kind != continuum.RecentMean || m.Recent != 4 {
		t.Errorf("stored method %+v", m)
	}
	if !strings.Contains(b.s.summary.Text, "Mean of most recent (the last 4 scores)") {
		t.Errorf("summary %q", b.s.summary.Text)
	}
}

func TestBuilderSettingsDomainsAndScale(t *testing.T) {
	b := readingContinuum(t)
	test.Tap(b.s.settingsBtn)
	cs := b.s.settings
	// Rename Fluency, add a habit domain and move it first.
	name := cs.domains.rows[0].w.name
	name.SetText("Reading fluency")
	test.Tap(cs.domains.addBtn)
	row := cs.domains.rows[1]
	test.Type(row.w.name, "Perseverance")
	row.w.category.SetSelected(continuum.Lifelong.Label())
	test.Tap(row.up)
	// A half point on the scale, and a cut at it.
	test.Tap(cs.scale.addBtn)
	p := cs.scale.rows[4].w
	test.Type(p.value, "4.5")
	test.Type(p.label, "Expert")
	test.Tap(cs.dlg.ConfirmButton())
	b.wait(hookLoaded)
	c := b.graph().Continuum
	if len(c.Domains) != 2 || c.Domains[0].Name != "Perseverance" || c.Domains[0].Category != continuum.Lifelong || c.Domains[1].Name != "Reading fluency" {
		t.Errorf("domains %+v", c.Domains)
	}
	if tg, _ := b.stored("FL.1"); tg.Domain != "Reading fluency" {
		t.Errorf("FL.1 in %q", tg.Domain)
	}
	if len(c.Scale.Points) != 5 || c.Scale.Points[4].Label != "Expert" {
		t.Errorf("scale %+v", c.Scale)
	}

	// Points out of order are refused, naming the scale.
	test.Tap(b.s.settingsBtn)
	cs = b.s.settings
	test.Tap(cs.scale.rows[0].down)
	test.Tap(cs.dlg.ConfirmButton())
	if !strings.Contains(cs.dlg.Error(), "Scale:") || cs.tabs.SelectedIndex() != tabScale {
		t.Errorf("message %q, tab %d", cs.dlg.Error(), cs.tabs.SelectedIndex())
	}
	// The line holds while other tabs change, and goes once the points do,
	// by a row moved as by a value typed.
	test.Type(cs.description, " For grades 1 to 3.")
	test.Tap(cs.domains.addBtn)
	if !strings.Contains(cs.dlg.Error(), "Scale:") {
		t.Errorf("changes on other tabs made the line %q", cs.dlg.Error())
	}
	test.Tap(cs.scale.rows[1].down)
	if got := cs.dlg.Error(); got != "" {
		t.Errorf("the points were moved and the line still says %q", got)
	}
	test.Tap(cs.dlg.ConfirmButton())
	if !strings.Contains(cs.dlg.Error(), "Scale:") {
		t.Fatalf("points still out of order: line %q", cs.dlg.Error())
	}
	test.Type(cs.scale.rows[0].w.value, "0")
	if got := cs.dlg.Error(); got != "" {
		t.Errorf("a point's value was typed and the line still says %q", got)
	}
}

// TestBuilderSettingsRowsCountAsUnsavedWork: a level renamed in Settings
// is work a close would lose, as a name typed is.
func TestBuilderSettingsRowsCountAsUnsavedWork(t *testing.T) {
	b := readingContinuum(t)
	test.Tap(b.s.settingsBtn)
	cs := b.s.settings
	if cs.dlg.Changed() {
		t.Fatal("untouched settings count as changed")
	}
	test.Type(cs.levels.rows[0].w, "Very ")
	if !cs.dlg.Changed() {
		t.Error("a level renamed does not count as a change")
	}
}

func TestBuilderEscapeClosesADialogWithNothingFocused(t *testing.T) {
	b := newBuilder(t, nil, nil)
	typed := 0
	b.w.Canvas().SetOnTypedKey(func(*fyne.KeyEvent) { typed++ })
	test.Tap(b.s.newBtn)
	b.w.Canvas().Unfocus()
	// An error shown over the dialog is not this dialog: Escape leaves it.
	screen.ShowError(b.w, errors.New("something else"))
	b.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if !b.s.dialog.IsOpen() {
		t.Fatal("Escape closed the dialog under an error message")
	}
	b.w.Canvas().Overlays().Top().Hide()
	b.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.s.dialog.IsOpen() {
		t.Fatal("Escape did not close the dialog")
	}
	// The window's own key handler heard the Escape the dialog left, and
	// is back in place for other keys.
	b.w.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyA})
	if typed != 2 {
		t.Errorf("the window's handler heard %d keys, want 2", typed)
	}
}

func TestBuilderRowsGolden(t *testing.T) {
	test.NewTempApp(t)
	rows := newLevelRows([]string{"K", "1", "2"})
	w := test.NewTempWindow(t, rows.builderRows)
	w.Resize(fyne.NewSize(480, 220))
	test.AssertRendersToMarkup(t, "builder_rows/levels.xml", w.Canvas())

	test.Tap(rows.rows[2].up)
	test.Tap(rows.rows[0].remove)
	rows.rows[0].w.SetText("Grade 2")
	names, renames := rows.levels()
	if !slices.Equal(names, []string{"Grade 2", "1"}) || len(renames) != 1 || renames["2"] != "Grade 2" {
		t.Errorf("levels %v, renames %v", names, renames)
	}
	if !rows.rows[0].up.Disabled() || !rows.rows[1].down.Disabled() || rows.rows[0].down.Disabled() {
		t.Error("the move buttons at the ends are not disabled")
	}
}

func TestBuilderSettingsUnchangedSavesNothing(t *testing.T) {
	b := readingContinuum(t)
	before, _ := b.ws.CanUndo()
	test.Tap(b.s.settingsBtn)
	test.Tap(b.s.settings.dlg.ConfirmButton())
	if b.s.settings.dlg.IsOpen() {
		t.Fatal("Save with nothing changed left the dialog open")
	}
	if after, _ := b.ws.CanUndo(); after != before {
		t.Errorf("an unchanged save was recorded for undo: %q", after)
	}
}

func TestBuilderKeyboardOpensTheFocusedCard(t *testing.T) {
	st := storagetest.OpenDemo(t)
	ws := screen.NewWorkspace()
	ws.SelectContinuum("demo-math-foundations")
	b := newBuilder(t, st, ws)

	// FocusFirst puts the focus on the first card; Enter opens it.
	b.s.FocusFirst()
	card := b.s.grid.Card("NO.1.1")
	if b.w.Canvas().Focused() != fyne.Focusable(card) {
		t.Fatalf("focus on %T, want the first card", b.w.Canvas().Focused())
	}
	card.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if b.s.editor == nil || !b.s.editor.dlg.IsOpen() || b.s.editor.orig.Code != "NO.1.1" {
		t.Fatal("Enter on a focused card did not open it")
	}
	b.s.editor.dlg.Hide()

	// Down from the search goes to the selected match's card.
	test.Type(b.s.search, "decimals")
	b.s.search.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown})
	if b.w.Canvas().Focused() != fyne.Focusable(b.s.grid.Card("NO.3.3")) || b.s.selected != "NO.3.3" {
		t.Errorf("Down from the search: focus %T, selected %q", b.w.Canvas().Focused(), b.s.selected)
	}
	// Space on it opens it; an add button in a cell opens a new target there.
	b.s.grid.Card("NO.3.3").TypedRune(' ')
	if b.s.editor.orig == nil || b.s.editor.orig.Code != "NO.3.3" {
		t.Fatal("Space on the card did not open it")
	}
	b.s.editor.dlg.Hide()
	b.s.onAddInCell("Algebraic thinking", "", "Level 3")
	if e := b.s.editor; e.orig != nil || e.domain.Selected != "Algebraic thinking" || e.level.Selected != "Level 3" || e.place.Text != "3 of 3" {
		t.Errorf("add in a cell: %s / %s, %s", e.domain.Selected, e.level.Selected, e.place.Text)
	}
}

// cardTexts returns the words drawn on a card.
func cardTexts(b *builder, code string) []string {
	var out []string
	for _, o := range test.WidgetRenderer(b.s.grid.Card(code)).Objects() {
		if t, ok := o.(*canvas.Text); ok && t.Text != "" {
			out = append(out, t.Text)
		}
	}
	return out
}

func TestBuilderSelectingATargetMarksWhatComesBeforeAndAfter(t *testing.T) {
	st := storagetest.OpenDemo(t)
	ws := screen.NewWorkspace()
	ws.SelectContinuum("demo-math-foundations")
	b := newBuilder(t, st, ws)
	g := b.graph()

	// Given the demo, every card with prerequisites says how many.
	if got := cardTexts(b, "NO.2.3"); !slices.Contains(got, "← 1") {
		t.Errorf("NO.2.3 (one prerequisite) shows %q", got)
	}
	if got := cardTexts(b, "NO.3.2"); !slices.Contains(got, "← 2") {
		t.Errorf("NO.3.2 (two prerequisites) shows %q", got)
	}
	if got := cardTexts(b, "NO.1.1"); slices.ContainsFunc(got, func(s string) bool { return strings.HasPrefix(s, "←") }) {
		t.Errorf("NO.1.1 (no prerequisites) shows %q", got)
	}

	// When NO.2.2 is tapped (its editor opens; Esc closes it),
	test.Tap(b.s.grid.Card("NO.2.2"))
	if b.s.editor == nil || !b.s.editor.dlg.IsOpen() {
		t.Fatal("tapping NO.2.2 did not open it")
	}
	b.s.editor.statement.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})

	// then its prerequisite and the targets that build on it are marked,
	// each in its own words, and the rest are not.
	dependents := g.Dependents("NO.2.2")
	if !slices.Contains(dependents, "NO.2.3") {
		t.Fatalf("the demo changed: NO.2.2's dependents are %v", dependents)
	}
	for _, tg := range g.Targets {
		want := widgets.Unrelated
		switch {
		case tg.Code == "NO.1.1":
			want = widgets.PrerequisiteOfSelected
		case slices.Contains(dependents, tg.Code):
			want = widgets.DependsOnSelected
		}
		if got := b.s.grid.Card(tg.Code).Relation(); got != want {
			t.Errorf("%s: relation %v, want %v", tg.Code, got, want)
		}
	}
	if got := cardTexts(b, "NO.1.1"); !slices.Contains(got, "needed first") {
		t.Errorf("NO.1.1 shows %q, not that it is needed first", got)
	}
	if got := cardTexts(b, "NO.2.3"); !slices.Contains(got, "builds on it") {
		t.Errorf("NO.2.3 shows %q, not that it builds on NO.2.2", got)
	}
	stroke := func(code string) (any, float32) {
		bg := test.WidgetRenderer(b.s.grid.Card(code)).Objects()[0].(*canvas.Rectangle)
		return bg.StrokeColor, bg.StrokeWidth
	}
	pc, pw := stroke("NO.1.1")
	dc, dw := stroke("NO.2.3")
	if pw == 0 || dw == 0 || pc == dc {
		t.Errorf("outlines: prerequisite %v/%v, dependent %v/%v: not two visible, different outlines", pc, pw, dc, dw)
	}
	if _, w := stroke("NO.1.2"); w != 0 {
		t.Errorf("an unrelated card is outlined (%v)", w)
	}

	// Esc on the selected card clears the selection and the marks.
	card := b.s.grid.Card("NO.2.2")
	b.w.Canvas().Focus(card)
	card.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape})
	if b.s.selected != "" || b.s.grid.Card("NO.1.1").Relation() != widgets.Unrelated || b.s.grid.Card("NO.2.3").Relation() != widgets.Unrelated {
		t.Errorf("Esc: selected %q, NO.1.1 %v, NO.2.3 %v", b.s.selected, b.s.grid.Card("NO.1.1").Relation(), b.s.grid.Card("NO.2.3").Relation())
	}
}

// TestBuilderRevisitReadsOnlyAfterAChange: shown again, the builder reads
// nothing unless a change it follows was announced since: a target
// renamed elsewhere is read, evidence recorded is not.
func TestBuilderRevisitReadsOnlyAfterAChange(t *testing.T) {
	st := storagetest.OpenDemo(t)
	ws := screen.NewWorkspace()
	ws.SelectContinuum("demo-math-foundations")
	b := newBuilder(t, st, ws)
	reads := b.s.Reads()
	b.s.Refresh()
	b.wait(hookLoaded)
	if got := b.s.Reads(); got != reads {
		t.Errorf("shown again with nothing changed: %d loads, want %d", got, reads)
	}
	ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: "demo-math-foundations"})
	b.s.Refresh()
	b.wait(hookLoaded)
	if got := b.s.Reads(); got != reads {
		t.Errorf("shown again after evidence was recorded: %d loads, want %d", got, reads)
	}
	ws.Changed(screen.Change{Kind: screen.TargetsChanged, Continuum: "demo-math-foundations"})
	b.s.Refresh()
	b.wait(hookLoaded)
	if got := b.s.Reads(); got <= reads {
		t.Errorf("shown again after the targets changed: %d loads, want more than %d", got, reads)
	}
}

// Given the builder as wide as the app's default window leaves it (1,100
// px less the screen tabs), its search field shows its placeholder
// whole, left of the search icon, and stays inside the window.
func TestBuilderSearchShowsItsPlaceholderWhole(t *testing.T) {
	st := storagetest.OpenDemo(t)
	ws := screen.NewWorkspace()
	ws.SelectContinuum("demo-math-foundations")
	b := newBuilder(t, st, ws)
	b.w.Resize(fyne.NewSize(946, 720))
	d := fyne.CurrentApp().Driver()
	var hint *canvas.Text
	var icon *widget.Icon
	for _, o := range test.LaidOutObjects(b.s.search) {
		switch o := o.(type) {
		case *canvas.Text:
			if o.Text == b.s.search.PlaceHolder && o.Visible() {
				hint = o
			}
		case *widget.Icon:
			icon = o
		}
	}
	if hint == nil || icon == nil {
		t.Fatalf("placeholder %v, icon %v", hint, icon)
	}
	if right, limit := d.AbsolutePositionForObject(hint).X+hint.MinSize().Width, d.AbsolutePositionForObject(icon).X; right > limit {
		t.Errorf("the placeholder %q ends at x=%.1f, under the search icon at x=%.1f", hint.Text, right, limit)
	}
	if right, width := d.AbsolutePositionForObject(b.s.search).X+b.s.search.Size().Width, b.w.Canvas().Size().Width; right > width {
		t.Errorf("the search field ends at x=%.1f, past the window's %.1f", right, width)
	}
}
