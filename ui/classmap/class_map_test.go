package classmap

import (
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// classMapDay is the day the class-map tests call today.
var classMapDay = continuum.NewDate(2026, 11, 22)

// classMapFixture is the class map on the demo classroom, in a window.
type classMapFixture struct {
	st *storage.Store
	ws *screen.Workspace
	w  fyne.Window
	s  *Screen
}

func classMapSetup(t *testing.T) *classMapFixture {
	t.Helper()
	test.NewTempApp(t)
	st := storagetest.OpenDemo(t)
	ws := screen.NewWorkspace()
	ws.SetToday(classMapDay)
	ws.SelectContinuum(demoID)
	w := test.NewTempWindow(t, nil)
	s := New(st, ws, w)
	w.SetContent(s.Content())
	w.Resize(fyne.NewSize(1100, 720))
	s.Refresh()
	if s.data == nil {
		t.Fatal("the class map did not load")
	}
	return &classMapFixture{st: st, ws: ws, w: w, s: s}
}

// expected judges the class as the domain does, independently of the screen.
func (f *classMapFixture) expected(t *testing.T) (*continuum.Graph, map[string]continuum.StudentPositions) {
	t.Helper()
	g, class, err := continuum.LoadClass(context.Background(), f.st, demoID)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]continuum.StudentPositions{}
	for _, sp := range g.ClassPositions(class, classMapDay) {
		out[sp.Student.ID] = sp
	}
	return g, out
}

// rowIDs lists the IDs of the students on the map, top to bottom.
func (f *classMapFixture) rowIDs() []string {
	out := make([]string, len(f.s.rows))
	for k, i := range f.s.rows {
		out[k] = f.s.data.students[i].student.ID
	}
	return out
}

// cellOf returns the row and column of a student and a target.
func (f *classMapFixture) cellOf(t *testing.T, student, code string) (int, int) {
	t.Helper()
	row, col := f.s.rowOf(student), f.s.columnOf(code)
	if row < 0 || col < 0 {
		t.Fatalf("%s on %s is not on the map (row %d, column %d)", student, code, row, col)
	}
	return row, col
}

// choose taps a target's code at the top of the map.
func (f *classMapFixture) choose(t *testing.T, code string) {
	t.Helper()
	col := f.s.columnOf(code)
	if col < 0 {
		t.Fatalf("no column for %s", code)
	}
	f.s.heat.Select(widgets.HeatMapCellID(-1, col))
	if f.s.target != code {
		t.Fatalf("chose %q, want %s", f.s.target, code)
	}
}

// classMapDrawnFill draws a cell as the table does and returns its fill.
func classMapDrawnFill(t *testing.T, h *widgets.HeatMap, row, col int) color.Color {
	t.Helper()
	cell := h.CreateCell()
	cell.Resize(fyne.NewSize(40, 22))
	h.UpdateCell(widgets.HeatMapCellID(row, col), cell)
	for _, o := range test.LaidOutObjects(cell) {
		if r, ok := o.(*canvas.Rectangle); ok {
			return r.FillColor
		}
	}
	t.Fatal("the cell draws no rectangle")
	return nil
}

func classMapSameColor(a, b color.Color) bool {
	if a == nil || b == nil {
		return a == b
	}
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

func TestClassMapShowsEveryStudentAndTarget(t *testing.T) {
	f := classMapSetup(t)
	rows, cols := f.s.heat.Length()
	// 28 students under the three header rows; the names, then per domain
	// a position column and its targets (36 in all, over 4 domains).
	if rows != widgets.HeatMapHeaderRows+28 || cols != 1+4+36 {
		t.Errorf("table of %d×%d, want %d×41", rows, cols, widgets.HeatMapHeaderRows+28)
	}
	if f.s.heat.StickyRowCount != widgets.HeatMapHeaderRows || f.s.heat.StickyColumnCount != 1 {
		t.Errorf("sticky rows %d, columns %d: the headers and the names must stay while the map scrolls",
			f.s.heat.StickyRowCount, f.s.heat.StickyColumnCount)
	}
	heads := f.s.heat.Columns()
	if heads[0].Domain != "Number and operations" || !heads[0].Text || heads[1].Code != "NO.1.1" || heads[1].Level != "Level 1" {
		t.Errorf("first columns %+v %+v", heads[0], heads[1])
	}
	if got := f.s.heat.Rows()[0].Name; got != f.s.data.students[f.s.rows[0]].student.Name {
		t.Errorf("first row %q", got)
	}
	if !strings.Contains(f.s.answer.Text, "28 students") || !strings.Contains(f.s.answer.Text, "36 targets") {
		t.Errorf("summary %q", f.s.answer.Text)
	}
}

// TestClassMapCellColoursArePalettes: every cell is coloured as
// palette.ForMastery colours the student's judgement (the class-map
// picture and the workbook use the same), overrides outlined.
func TestClassMapCellColoursArePalettes(t *testing.T) {
	f := classMapSetup(t)
	g, want := f.expected(t)
	scale := &g.Continuum.Scale
	outlined := 0
	for row, i := range f.s.rows {
		sp := want[f.s.data.students[i].student.ID]
		for col, c := range f.s.columns {
			if c.target < 0 {
				continue
			}
			k, _ := g.Lookup(f.s.data.graph.Targets[c.target].Code)
			m := sp.Mastery[k]
			cell := f.s.heat.Cell(row, col)
			if !classMapSameColor(cell.Fill, palette.ForMastery(m, scale)) {
				t.Fatalf("%s on %s: fill %v, want %v", sp.Student.ID, m.Target, cell.Fill, palette.ForMastery(m, scale))
			}
			if (cell.Outline != nil) != (m.Source == continuum.FromOverride) {
				t.Errorf("%s on %s: outline %v, source %v", sp.Student.ID, m.Target, cell.Outline, m.Source)
			}
			if cell.Outline != nil {
				outlined++
			}
		}
	}
	if outlined != 2 {
		t.Errorf("%d overrides outlined, want the demo's 2", outlined)
	}
	// And the cell drawn shows that fill.
	row, col := f.cellOf(t, "S003", "NO.1.2")
	m := want["S003"].Mastery[f.s.columns[col].target]
	if got := classMapDrawnFill(t, f.s.heat, row, col); !classMapSameColor(got, palette.ForMastery(m, scale)) {
		t.Errorf("drawn fill %v, want %v", got, palette.ForMastery(m, scale))
	}
}

func TestClassMapPositionColumn(t *testing.T) {
	f := classMapSetup(t)
	g, want := f.expected(t)
	for _, id := range []string{"S001", "S005", "S014"} {
		p := want[id].Positions[0]
		levels := g.Continuum.Levels
		text := "working at " + levels[p.Working] // nothing secured yet: no dash and arrow
		if p.Secured >= 0 {
			text = levels[p.Secured] + " → " + levels[p.Working]
		}
		if p.Complete() {
			text = "all mastered"
		}
		row := f.s.rowOf(id)
		if got := f.s.heat.Cell(row, 0).Text; got != text {
			t.Errorf("%s's position in %s: %q, want %q", id, p.Domain, got, text)
		}
	}
	if c := f.s.heat.Columns()[0]; c.Code != "secured → working" || c.Level != "Position" {
		t.Errorf("position column heads %+v", c)
	}
	// A student with no level secured reads "working at …", never "—".
	seen := false
	for id, sp := range want {
		for d, p := range sp.Positions {
			if p.Secured >= 0 || p.Total == 0 || d != 0 {
				continue
			}
			if got := f.s.heat.Cell(f.s.rowOf(id), 0).Text; got != "working at "+g.Continuum.Levels[p.Working] || strings.Contains(got, "—") {
				t.Errorf("%s with nothing secured in %s: %q", id, p.Domain, got)
			}
			if seen {
				continue
			}
			seen = true
			// Tapping the cell opens the positions, said in words.
			f.s.onCellTapped(f.s.rowOf(id), 0)
			line := fmt.Sprintf("working at %s · %d of %d mastered", g.Continuum.Levels[p.Working], p.Mastered, p.Total)
			if texts := uitest.Texts(f.s.detail.content); !slices.ContainsFunc(texts, func(s string) bool { return strings.HasPrefix(s, line+"\n") || s == line }) {
				t.Errorf("%s's positions say %q, want the line %q", id, texts, line)
			}
		}
	}
	if !seen {
		t.Error("no student of the demo has nothing secured in the first domain; the check above ran on nobody")
	}
}

func TestClassMapFilterByGroup(t *testing.T) {
	f := classMapSetup(t)
	f.s.groups.SetSelected("Period 2")
	if n := len(f.s.heat.Rows()); n != 14 {
		t.Fatalf("%d rows for Period 2, want 14", n)
	}
	for _, i := range f.s.rows {
		if g := f.s.data.students[i].student.Group; g != "Period 2" {
			t.Errorf("a student of %q is shown", g)
		}
	}
	if !strings.Contains(f.s.answer.Text, "14 students in Period 2") {
		t.Errorf("answer %q", f.s.answer.Text)
	}
	test.Tap(f.s.clearBtn)
	if n := len(f.s.heat.Rows()); n != 28 || f.s.groups.Selected != classMapAllGroups {
		t.Errorf("after Show everyone: %d rows, group %q", n, f.s.groups.Selected)
	}
}

func TestClassMapFilterByDomainAndLevel(t *testing.T) {
	f := classMapSetup(t)
	f.s.domains.SetSelected("Habits of success")
	g := f.s.data.graph
	habits := 0
	for _, tg := range g.Targets {
		if tg.Domain == "Habits of success" {
			habits++
		}
	}
	if _, cols := f.s.heat.Length(); cols != 1+1+habits {
		t.Errorf("%d columns for one domain, want names, its position and its %d targets", cols, habits)
	}
	f.s.levels.SetSelected("Level 1")
	for _, c := range f.s.heat.Columns()[1:] {
		if c.Level != "Level 1" || c.Domain != "Habits of success" {
			t.Errorf("column %+v kept", c)
		}
	}
}

// TestClassMapWhoIsStuck: one click lists exactly the students stuck on
// NO.1.3 (evidence, not mastered, not merely short of evidence), most
// attempts first.
func TestClassMapWhoIsStuck(t *testing.T) {
	f := classMapSetup(t)
	g, want := f.expected(t)
	k, _ := g.Lookup("NO.1.3")
	var stuck []string
	for id, sp := range want {
		if m := sp.Mastery[k]; m.Stuck(&g.Continuum.Scale) {
			stuck = append(stuck, id)
		}
	}
	if len(stuck) == 0 {
		t.Fatal("the demo has nobody stuck on NO.1.3: pick another target for this test")
	}
	if !f.s.stuckBtn.Disabled() {
		t.Error("the question can be asked before a target is chosen")
	}
	f.choose(t, "NO.1.3")
	if f.s.stuckBtn.Disabled() || !strings.HasPrefix(f.s.chosen.Text, "NO.1.3 · I can explain multiplication") {
		t.Errorf("stuck button disabled=%v, chosen %q", f.s.stuckBtn.Disabled(), f.s.chosen.Text)
	}
	test.Tap(f.s.stuckBtn)
	got := f.rowIDs()
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(stuck))) {
		t.Fatalf("stuck on NO.1.3: %v, want %v", got, stuck)
	}
	for r := 1; r < len(got); r++ {
		if want[got[r-1]].Mastery[k].Count < want[got[r]].Mastery[k].Count {
			t.Errorf("row %d has fewer attempts than row %d", r-1, r)
		}
	}
	if first := f.s.heat.Rows()[0]; !strings.Contains(first.Detail, "attempt") {
		t.Errorf("the first row does not say how many attempts: %+v", first)
	}
	if !strings.HasPrefix(f.s.answer.Text, fmt.Sprintf("%d of 28 students are stuck on NO.1.3", len(stuck))) {
		t.Errorf("answer %q for %d stuck", f.s.answer.Text, len(stuck))
	}
	if f.s.shows.Selected != classMapShowStuck || f.s.sorts.Selected != classMapSortByAttempts {
		t.Errorf("filters now %q, %q", f.s.shows.Selected, f.s.sorts.Selected)
	}
}

// TestClassMapWhoIsReady: the students who mastered the chosen target,
// those with its whole level picked out.
func TestClassMapWhoIsReady(t *testing.T) {
	f := classMapSetup(t)
	g, want := f.expected(t)
	k, _ := g.Lookup("NO.1.1")
	var ready []string
	whole := 0
	for id, sp := range want {
		if !sp.Mastery[k].Mastered {
			continue
		}
		ready = append(ready, id)
		all := true
		for _, tg := range g.Cell(0, 0) {
			i, _ := g.Lookup(tg.Code)
			all = all && sp.Mastery[i].Mastered
		}
		if all {
			whole++
		}
	}
	f.choose(t, "NO.1.1")
	test.Tap(f.s.readyBtn)
	got := f.rowIDs()
	if !slices.Equal(slices.Sorted(slices.Values(got)), slices.Sorted(slices.Values(ready))) {
		t.Fatalf("ready on NO.1.1: %v, want %v", got, ready)
	}
	strong := 0
	for _, r := range f.s.heat.Rows() {
		if r.Strong {
			strong++
		}
	}
	if strong != whole || !strings.Contains(f.s.answer.Text, "all of Level 1 in Number and operations") {
		t.Errorf("%d rows picked out, want %d; answer %q", strong, whole, f.s.answer.Text)
	}
}

func TestClassMapSortByWorkingLevel(t *testing.T) {
	f := classMapSetup(t)
	_, want := f.expected(t)
	f.s.sorts.SetSelected(classMapSortByLevelIn + "Algebraic thinking")
	ids := f.rowIDs()
	for r := 1; r < len(ids); r++ {
		if want[ids[r-1]].Positions[1].Working > want[ids[r]].Positions[1].Working {
			t.Fatalf("row %d works at a higher level than row %d", r-1, r)
		}
	}
}

// TestClassMapScoreACell: a tap on a cell opens the student's evidence on
// the target; a score typed there is stored, the cell takes its new
// colour at once, and Undo takes it back.
func TestClassMapScoreACell(t *testing.T) {
	f := classMapSetup(t)
	ctx := context.Background()
	// A student with no evidence on a target, so the score decides alone.
	student, code := "", ""
	_, judged := f.expected(t)
	for _, i := range f.s.rows {
		st := &f.s.data.students[i]
		for k, m := range judged[st.student.ID].Mastery {
			if m.Count == 0 && m.Source == continuum.FromEvidence {
				student, code = st.student.ID, f.s.data.graph.Targets[k].Code
				break
			}
		}
		if student != "" {
			break
		}
	}
	row, col := f.cellOf(t, student, code)
	if fill := f.s.heat.Cell(row, col).Fill; !classMapSameColor(fill, palette.NoEvidence) {
		t.Fatalf("%s on %s starts as %v, want no evidence", student, code, fill)
	}
	f.s.heat.Select(widgets.HeatMapCellID(row, col))
	if !f.s.detail.content.Visible() || !f.s.detail.form.Visible() {
		t.Fatal("the cell's detail did not open")
	}
	if !strings.Contains(f.s.detail.title.Text, code) || !strings.Contains(f.s.detail.judgement.Text, "No evidence yet") {
		t.Errorf("detail %q / %q", f.s.detail.title.Text, f.s.detail.judgement.Text)
	}
	if f.s.target != code {
		t.Errorf("the tapped cell's target %q is not chosen", f.s.target)
	}
	f.w.Canvas().Focus(f.s.detail.score)
	uitest.TypeText(f.w, "4")
	uitest.PressKey(f.w, fyne.KeyReturn)

	ev, err := f.st.Evidence(ctx, continuum.EvidenceFilter{Continuum: demoID, Student: student, Target: code})
	if err != nil || len(ev) != 1 || ev[0].Score != 4 || ev[0].Date.Compare(classMapDay) != 0 {
		t.Fatalf("stored %+v, %v", ev, err)
	}
	row, col = f.cellOf(t, student, code)
	cell := f.s.heat.Cell(row, col)
	scale := &f.s.data.graph.Continuum.Scale
	// Every demo target needs 2 pieces of evidence: a lone 4 is "not yet,
	// more evidence needed", never the mastered green of a 4.
	if k, _ := f.s.data.graph.Lookup(code); f.s.data.graph.Targets[k].Required() < 2 {
		t.Fatalf("%s needs %d piece of evidence; this test wants more", code, f.s.data.graph.Targets[k].Required())
	}
	if !classMapSameColor(cell.Fill, palette.NeedsEvidence) || cell.Text != "4" {
		t.Errorf("after scoring 4: %+v, want %v (needs more evidence), not %v", cell, palette.NeedsEvidence, palette.ForValue(4, scale))
	}
	if got := classMapDrawnFill(t, f.s.heat, row, col); !classMapSameColor(got, palette.NeedsEvidence) {
		t.Errorf("drawn fill %v", got)
	}
	if !strings.Contains(f.s.detail.evTitle.Text, "(1)") || !strings.Contains(f.s.detail.message.Text, "Saved 4") {
		t.Errorf("detail after the score: %q, %q", f.s.detail.evTitle.Text, f.s.detail.message.Text)
	}
	label, ok := f.ws.CanUndo()
	if !ok || !strings.Contains(label, "score 4 for") || !strings.Contains(label, code) {
		t.Fatalf("undo offers %q, %v", label, ok)
	}
	if _, err := f.ws.Undo(ctx); err != nil {
		t.Fatal(err)
	}
	row, col = f.cellOf(t, student, code)
	if fill := f.s.heat.Cell(row, col).Fill; !classMapSameColor(fill, palette.NoEvidence) {
		t.Errorf("after undo the cell is %v, want no evidence again", fill)
	}
}

func TestClassMapRefusesAScoreOffTheScale(t *testing.T) {
	f := classMapSetup(t)
	row, col := f.cellOf(t, "S001", "NO.1.1")
	before, _ := f.st.Evidence(context.Background(), continuum.EvidenceFilter{Continuum: demoID})
	f.s.heat.Select(widgets.HeatMapCellID(row, col))
	f.s.detail.score.SetText("7")
	test.Tap(f.s.detail.save)
	after, _ := f.st.Evidence(context.Background(), continuum.EvidenceFilter{Continuum: demoID})
	if len(after) != len(before) || !strings.Contains(f.s.detail.message.Text, "not a score") {
		t.Errorf("stored %d → %d; message %q", len(before), len(after), f.s.detail.message.Text)
	}
}

// TestClassMapFollowsOtherScreens: evidence recorded elsewhere reloads
// the map.
func TestClassMapFollowsOtherScreens(t *testing.T) {
	f := classMapSetup(t)
	row, col := f.cellOf(t, "S002", "HS.4.1")
	before := f.s.heat.Cell(row, col)
	if _, err := f.st.AddEvidence(context.Background(), continuum.Evidence{Continuum: demoID, Student: "S002", Target: "HS.4.1",
		Date: classMapDay, Score: 1, Kind: continuum.Observation}); err != nil {
		t.Fatal(err)
	}
	f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: demoID})
	row, col = f.cellOf(t, "S002", "HS.4.1")
	if after := f.s.heat.Cell(row, col); classMapSameColor(after.Fill, before.Fill) && after.Text == before.Text {
		t.Errorf("the cell did not change: %+v", after)
	}
}

func TestClassMapWithoutAContinuum(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	w := test.NewTempWindow(t, nil)
	s := New(st, screen.NewWorkspace(), w)
	w.SetContent(s.Content())
	loaded := false
	s.WhenLoaded(func() { loaded = true })
	s.Refresh()
	if !loaded || s.body.Visible() || !strings.Contains(s.Notice(), "No continuum is chosen") {
		t.Errorf("loaded=%v, notice %q", loaded, s.Notice())
	}
}

// TestClassMapScoreFromTheKeyboard: with a cell open and the focus on the
// map, typing a score goes to the score entry, Enter saves it and gives
// the focus back to the map.
func TestClassMapScoreFromTheKeyboard(t *testing.T) {
	f := classMapSetup(t)
	row, col := f.cellOf(t, "S004", "PS.2.2")
	f.s.heat.Select(widgets.HeatMapCellID(row, col))
	f.s.FocusFirst()
	if f.w.Canvas().Focused() != f.s.heat {
		t.Fatal("FocusFirst did not focus the map")
	}
	before, _ := f.st.Evidence(context.Background(), continuum.EvidenceFilter{Continuum: demoID, Student: "S004", Target: "PS.2.2"})
	uitest.TypeText(f.w, "3")
	if f.w.Canvas().Focused() != f.s.detail.score || f.s.detail.score.Text != "3" {
		t.Fatalf("typing on the map: focus %T, entry %q", f.w.Canvas().Focused(), f.s.detail.score.Text)
	}
	uitest.PressKey(f.w, fyne.KeyReturn)
	after, _ := f.st.Evidence(context.Background(), continuum.EvidenceFilter{Continuum: demoID, Student: "S004", Target: "PS.2.2"})
	if len(after) != len(before)+1 || f.w.Canvas().Focused() != f.s.heat {
		t.Errorf("evidence %d → %d, focus %T", len(before), len(after), f.w.Canvas().Focused())
	}
}

// TestClassMapSortByMastery: the weakest on the chosen target first, every
// student who has mastered it below every one who has not.
func TestClassMapSortByMastery(t *testing.T) {
	f := classMapSetup(t)
	f.choose(t, "NO.1.2")
	f.s.sorts.SetSelected(classMapSortByMastery)
	g, want := f.expected(t)
	k, _ := g.Lookup("NO.1.2")
	ids := f.rowIDs()
	seenMastered := false
	for r, id := range ids {
		m := want[id].Mastery[k]
		if seenMastered && !m.Mastered {
			t.Fatalf("row %d (%s) has not mastered NO.1.2 but comes after one who has", r, id)
		}
		seenMastered = seenMastered || m.Mastered
		if r > 0 {
			p := want[ids[r-1]].Mastery[k]
			if p.Mastered == m.Mastered && p.HasValue && m.HasValue && p.Value > m.Value {
				t.Errorf("row %d (%.2f) before row %d (%.2f)", r-1, p.Value, r, m.Value)
			}
		}
	}
	// A tap on a cell elsewhere opens it without reordering the rows.
	row, col := f.cellOf(t, ids[3], "AT.1.1")
	f.s.heat.Select(widgets.HeatMapCellID(row, col))
	if f.s.target != "NO.1.2" || !slices.Equal(f.rowIDs(), ids) {
		t.Errorf("after a tap on AT.1.1: target %q, rows reordered %v", f.s.target, !slices.Equal(f.rowIDs(), ids))
	}
	if !strings.Contains(f.s.detail.title.Text, "AT.1.1") {
		t.Errorf("detail %q", f.s.detail.title.Text)
	}
}

// Given a student who has left the class (a class list imported no longer
// lists them), the map leaves them out and counts the others.
func TestClassMapLeavesOutWhoLeft(t *testing.T) {
	f := classMapSetup(t)
	st, err := f.st.Student(context.Background(), "S003")
	if err != nil {
		t.Fatal(err)
	}
	st.Inactive = true
	if err := f.st.PutStudents(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	f.ws.Changed(screen.Change{Kind: screen.RosterChanged}) // as the roster screen announces it
	f.s.Refresh()
	if ids := f.rowIDs(); len(ids) != 27 || slices.Contains(ids, "S003") {
		t.Errorf("the map shows %d students: %v", len(ids), ids)
	}
	if !strings.Contains(f.s.answer.Text, "27 students") {
		t.Errorf("summary %q", f.s.answer.Text)
	}
}

// Given the map shown once, when its tab is shown again with nothing
// changed, then it reads nothing; a score recorded on another screen
// makes the next visit read the class again.
func TestClassMapRevisitReadsOnlyAfterAChange(t *testing.T) {
	f := classMapSetup(t)
	reads := f.s.Reads()
	f.s.Refresh()
	f.s.Refresh()
	if f.s.Reads() != reads {
		t.Errorf("%d reads for two revisits with nothing changed", f.s.Reads()-reads)
	}
	f.s.content.Hide() // another tab is on view
	f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: demoID})
	if f.s.Reads() != reads {
		t.Error("a change read the map while it was off view")
	}
	f.s.content.Show()
	f.s.Refresh()
	if f.s.Reads() != reads+1 {
		t.Errorf("%d reads on the visit after a change, want 1", f.s.Reads()-reads)
	}
}
