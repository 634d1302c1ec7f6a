package profile

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// profileToday is the day the tests call today: late in the demo term.
var profileToday = continuum.NewDate(2026, 11, 22)

// profileFixture is the student profile on a real store holding the demo classroom.
type profileFixture struct {
	p   *Screen
	st  *storage.Store
	ws  *screen.Workspace
	win fyne.Window
	cid string
}

func newProfileFixture(t *testing.T) *profileFixture {
	t.Helper()
	test.NewTempApp(t)
	st, err := storage.Open(t.TempDir(), storage.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	d := demo.Classroom()
	if err := d.Load(context.Background(), st); err != nil {
		t.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SetToday(profileToday)
	win := test.NewTempWindow(t, nil)
	f := &profileFixture{st: st, ws: ws, win: win, cid: d.Continuum.ID}
	f.p = New(st, ws, win)
	win.SetContent(f.p.Content())
	win.Resize(fyne.NewSize(1100, 720))
	f.settle(t, func() { ws.SelectContinuum(f.cid) })
	return f
}

// settle runs action and waits until the screen has shown the loads it
// started (at once when loads run inline, as in these tests).
func (f *profileFixture) settle(t *testing.T, action func()) {
	t.Helper()
	done := make(chan struct{}, 1)
	f.p.loaded = func() {
		select {
		case done <- struct{}{}:
		default:
		}
	}
	action()
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("the profile did not finish loading")
	}
	f.p.loaded = nil
}

// expected computes, from the store, what the screen should show for a student.
func (f *profileFixture) expected(t *testing.T, id string) (*continuum.Graph, []continuum.Mastery, []continuum.Position) {
	t.Helper()
	ctx := context.Background()
	g, err := f.st.Graph(ctx, f.cid)
	if err != nil {
		t.Fatal(err)
	}
	student, err := f.st.Student(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	ev, err := f.st.Evidence(ctx, continuum.EvidenceFilter{Continuum: f.cid, Student: id})
	if err != nil {
		t.Fatal(err)
	}
	ov, err := f.st.Overrides(ctx, f.cid, id)
	if err != nil {
		t.Fatal(err)
	}
	m := g.StudentMastery(&student, ev, ov)
	return g, m, g.Positions(&student, m, profileToday)
}

// evidenceOn returns a student's evidence on one target, in date order.
func (f *profileFixture) evidenceOn(t *testing.T, id, code string) []continuum.Evidence {
	t.Helper()
	ev, err := f.st.Evidence(context.Background(), continuum.EvidenceFilter{Continuum: f.cid, Student: id, Target: code})
	if err != nil {
		t.Fatal(err)
	}
	continuum.SortEvidence(ev)
	return ev
}

// containsText reports whether some text in o contains want.
func containsText(o fyne.CanvasObject, want string) bool {
	return slices.ContainsFunc(uitest.Texts(o), func(s string) bool { return strings.Contains(s, want) })
}

// domainCardTexts returns the texts of the position card of a domain.
func domainCardTexts(t *testing.T, p *Screen, domain string) []string {
	t.Helper()
	for _, o := range p.positions.Objects {
		c, ok := o.(*fyne.Container)
		if !ok {
			continue
		}
		for _, card := range c.Objects {
			if texts := uitest.Texts(card); len(texts) > 0 && texts[0] == domain {
				return texts
			}
		}
	}
	t.Fatalf("no position card for %s", domain)
	return nil
}

// between returns the texts after the first from and before the first to.
func between(texts []string, from, to string) []string {
	i := slices.Index(texts, from)
	if i < 0 {
		return nil
	}
	rest := texts[i+1:]
	if j := slices.Index(rest, to); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// checkPositions compares every domain's card with the positions computed here.
func checkPositions(t *testing.T, p *Screen, g *continuum.Graph, positions []continuum.Position) {
	t.Helper()
	levels := g.Continuum.Levels
	for _, pos := range positions {
		texts := domainCardTexts(t, p, pos.Domain)
		all := strings.Join(texts, "\n")
		secured := "Nothing secured yet"
		if pos.Secured >= 0 {
			secured = "Secured " + levels[pos.Secured]
		}
		for _, want := range []string{secured, fmt.Sprintf("%d of %d mastered", pos.Mastered, pos.Total), pos.Pace.String()} {
			if !strings.Contains(all, want) {
				t.Errorf("%s: card does not say %q:\n%s", pos.Domain, want, all)
			}
		}
		if !pos.Complete() && !strings.Contains(all, "working at "+levels[pos.Working]) {
			t.Errorf("%s: card does not say working at %s:\n%s", pos.Domain, levels[pos.Working], all)
		}
		ready := between(texts, "Ready next", "Gaps")
		if len(pos.ReadyNext) > 0 && !slices.Equal(ready, pos.ReadyNext) {
			t.Errorf("%s: ready next shows %v, want %v", pos.Domain, ready, pos.ReadyNext)
		}
		gaps := between(texts, "Gaps", "")
		if len(pos.Gaps) > 0 && !slices.Equal(gaps, pos.Gaps) {
			t.Errorf("%s: gaps show %v, want %v", pos.Domain, gaps, pos.Gaps)
		} else if len(pos.Gaps) == 0 && !slices.Equal(gaps, []string{"none"}) {
			t.Errorf("%s: gaps show %v, want none", pos.Domain, gaps)
		}
	}
}

// cardFill returns the colour a target card is filled with on screen.
func cardFill(t *testing.T, p *Screen, code string) any {
	t.Helper()
	card := p.grid.Card(code)
	if card == nil {
		t.Fatalf("no card for %s", code)
	}
	return test.WidgetRenderer(card).Objects()[0].(*canvas.Rectangle).FillColor
}

func TestStudentProfileShowsEachDomainsPosition(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })

	if f.p.name.Text != "Camila Reyes" || !f.p.body.Visible() || f.p.Notice() != "" {
		t.Fatalf("showing %q (body %v, notice %q)", f.p.name.Text, f.p.body.Visible(), f.p.Notice())
	}
	if f.p.picker.Selected() != "S003" {
		t.Errorf("the roster list has %q chosen, want S003", f.p.picker.Selected())
	}
	g, m, positions := f.expected(t, "S003")
	checkPositions(t, f.p, g, positions)

	// Academics, transferable skills and habits each sit under their own heading, in that order.
	var headings []string
	for _, o := range f.p.positions.Objects {
		if l, ok := o.(*widget.Label); ok {
			headings = append(headings, l.Text)
		}
	}
	want := []string{continuum.Academic.Label(), continuum.Transferable.Label(), continuum.Lifelong.Label()}
	if !slices.Equal(headings, want) {
		t.Errorf("headings %v, want %v", headings, want)
	}

	// The map is coloured by the student's mastery as the class map colours
	// it (palette.ForMastery, tinted), with the method's value on each card.
	for i, mm := range m {
		code := g.Targets[i].Code
		if got, want := cardFill(t, f.p, code), widgets.CardTint(palette.ForMastery(mm, &g.Continuum.Scale)); got != want {
			t.Errorf("%s: card filled %v, want %v (%s)", code, got, want, mm.Status())
		}
		if mm.HasValue && mm.Source == continuum.FromEvidence && !containsText(f.p.grid.Card(code), continuum.FormatScore(mm.Value)) {
			t.Errorf("%s: card does not show the value %s", code, continuum.FormatScore(mm.Value))
		}
	}
	if !containsText(f.p.header, "14 of 36 targets mastered") && !containsText(f.p.header, "of 36 targets mastered, as of Nov 22, 2026") {
		t.Errorf("summary: %q", f.p.summary.Text)
	}
}

func TestStudentProfileFollowsNewEvidence(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	g, before, positions := f.expected(t, "S003")
	number := positions[0]
	if number.Secured != 0 || number.Levels[1].Mastered == number.Levels[1].Targets {
		t.Fatalf("the demo changed: S003 on %s is %+v", number.Domain, number)
	}
	// Given Level 2 of Number and operations not yet secured,
	var added []continuum.Evidence
	var level2 []string
	for _, tg := range g.Cell(0, 1) {
		level2 = append(level2, tg.Code)
		for _, day := range []int{1, 2} {
			added = append(added, continuum.Evidence{Continuum: f.cid, Student: "S003", Target: tg.Code,
				Date: profileToday.AddDays(-day), Score: 4, Kind: continuum.Summative, Scorer: "MR"})
		}
	}
	i, _ := g.Lookup(level2[0])
	if before[i].Mastered {
		t.Fatalf("%s is already mastered", level2[0])
	}
	// when the teacher records mastery on each of its targets elsewhere,
	if _, err := f.st.AddEvidence(context.Background(), added...); err != nil {
		t.Fatal(err)
	}
	graph := f.p.graph
	f.settle(t, func() { f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: f.cid}) })

	// then the profile shows Level 2 secured and the cards mastered,
	g, after, positions := f.expected(t, "S003")
	if positions[0].Secured != 1 {
		t.Fatalf("expected Level 2 secured after the new evidence, computed %+v", positions[0])
	}
	checkPositions(t, f.p, g, positions)
	if texts := domainCardTexts(t, f.p, number.Domain); !slices.Contains(strings.Split(strings.Join(texts, " · "), " · "), "Secured Level 2") {
		t.Errorf("card says %v", texts)
	}
	for _, code := range level2 {
		k, _ := g.Lookup(code)
		if palette.StandingOf(after[k], &g.Continuum.Scale) != palette.StandingMastered {
			t.Fatalf("%s is judged %+v after two 4s", code, after[k])
		}
		if got, want := cardFill(t, f.p, code), widgets.CardTint(palette.ForMastery(after[k], &g.Continuum.Scale)); got != want {
			t.Errorf("%s: card filled %v after mastery, want %v", code, got, want)
		}
	}
	if !containsText(f.p.grid.Card(level2[0]), continuum.FormatScore(after[i].Value)) {
		t.Errorf("%s: card does not show the new value %s", level2[0], continuum.FormatScore(after[i].Value))
	}
	// and, the continuum itself being unchanged, it kept the graph it held.
	if f.p.graph != graph {
		t.Error("the graph was read again though only evidence changed")
	}
	f.settle(t, func() { f.ws.Changed(screen.Change{Kind: screen.TargetsChanged, Continuum: f.cid}) })
	if f.p.graph == graph {
		t.Error("the graph was kept though the targets changed")
	}
}

func TestStudentProfileIgnoresOtherContinuaAndWaitsWhileHidden(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	loads := 0
	f.p.loaded = func() { loads++ }
	f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: "another"})
	if loads != 0 {
		t.Errorf("evidence of another continuum reloaded the profile %d times", loads)
	}

	// Given the screen is not on view, a change waits until it is shown again.
	f.p.Content().Hide()
	if _, err := f.st.AddEvidence(context.Background(), continuum.Evidence{Continuum: f.cid, Student: "S003", Target: "NO.2.1",
		Date: profileToday, Score: 4, Kind: continuum.Summative}); err != nil {
		t.Fatal(err)
	}
	f.ws.Changed(screen.Change{Kind: screen.EvidenceChanged, Continuum: f.cid})
	if loads != 0 {
		t.Errorf("a hidden profile reloaded %d times", loads)
	}
	f.p.Content().Show()
	f.p.loaded = nil
	f.settle(t, func() { f.p.Refresh() })
	g, _, positions := f.expected(t, "S003")
	checkPositions(t, f.p, g, positions)
}

func TestStudentProfileTargetShowsItsEvidence(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	g, m, _ := f.expected(t, "S003")
	// The target on which Camila has the most evidence.
	code, ev := "", []continuum.Evidence(nil)
	for _, tg := range g.Targets {
		if e := f.evidenceOn(t, "S003", tg.Code); len(e) > len(ev) {
			code, ev = tg.Code, e
		}
	}
	if len(ev) < 2 {
		t.Fatalf("the demo has too little evidence for S003: %d on %s", len(ev), code)
	}

	test.Tap(f.p.mapBtn)
	if !f.p.mapView.Visible() || f.p.posScroll.Visible() {
		t.Fatal("the continuum map is not on view")
	}
	if f.p.detail.content.Visible() {
		t.Fatal("a target's evidence shows before any was chosen")
	}
	test.Tap(f.p.grid.Card(code))
	if !f.p.detail.content.Visible() || f.p.detail.code.Text != code && !strings.HasPrefix(f.p.detail.code.Text, code+" ") {
		t.Fatalf("tapping %s shows %q", code, f.p.detail.code.Text)
	}

	// The chart has a point per piece of evidence, labelled by its score, the cut and the value.
	var points int
	var labels []string
	for _, o := range test.WidgetRenderer(f.p.detail.chart).Objects() {
		switch o := o.(type) {
		case *canvas.Circle:
			points++
		case *canvas.Text:
			labels = append(labels, o.Text)
		}
	}
	if points != len(ev) {
		t.Errorf("the chart has %d points, want %d", points, len(ev))
	}
	i, _ := g.Lookup(code)
	for _, want := range []string{"mastery cut 3", "now " + continuum.FormatScore(m[i].Value), ev[0].Date.Time().Format("Jan 2")} {
		if !slices.Contains(labels, want) {
			t.Errorf("the chart does not say %q: %v", want, labels)
		}
	}
	for _, e := range ev {
		if !slices.Contains(labels, continuum.FormatScore(e.Score)) {
			t.Errorf("the chart does not label the score %s", continuum.FormatScore(e.Score))
		}
	}

	// The list has every piece of evidence, oldest first, with its score and kind.
	rows := f.p.detail.evidence.Objects
	if len(rows) != len(ev) {
		t.Fatalf("%d rows of evidence, want %d", len(rows), len(ev))
	}
	for k, e := range ev {
		text := strings.Join(uitest.Texts(rows[k]), " ")
		p, _ := g.Continuum.Scale.Point(e.Score)
		for _, want := range []string{e.Date.Long(), continuum.FormatScore(e.Score) + " " + p.Label, strings.ReplaceAll(string(e.Kind), "-", " ")} {
			if !strings.Contains(text, want) {
				t.Errorf("row %d %q does not say %q", k, text, want)
			}
		}
	}
	if f.p.grid.Card(code) == nil || !containsText(f.p.detail.content, "Evidence, oldest first ("+fmt.Sprint(len(ev))+")") {
		t.Error("the evidence heading does not count the evidence")
	}

	// Choosing another student keeps the same target open, for that student.
	f.settle(t, func() { f.p.ShowStudent("S004") })
	if !f.p.detail.content.Visible() || !strings.HasPrefix(f.p.detail.code.Text, code) {
		t.Errorf("after another student the panel shows %q", f.p.detail.code.Text)
	}
	if got, want := len(f.p.detail.evidence.Objects), max(len(f.evidenceOn(t, "S004", code)), 1); got != want {
		t.Errorf("S004 on %s: %d rows, want %d", code, got, want)
	}

	// The close button puts the panel away.
	test.Tap(f.p.detail.close)
	if f.p.detail.content.Visible() {
		t.Error("the panel stayed open after closing")
	}
}

func TestStudentProfileGapAndReadyCodesOpenTheirTarget(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	_, _, positions := f.expected(t, "S003")
	code := positions[0].ReadyNext[0]
	b := firstButton(f.p.positions)
	if b == nil || b.Text != code {
		t.Fatalf("first code button %v, want %s", b, code)
	}
	test.Tap(b)
	if !f.p.detail.content.Visible() || !strings.HasPrefix(f.p.detail.code.Text, code) {
		t.Errorf("tapping %s opened %q", code, f.p.detail.code.Text)
	}
}

func TestStudentProfileShowsOverrideWithItsReason(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S007") })
	f.p.onTargetChosen("HS.1.1")
	if !f.p.detail.overrideRow.Visible() || !strings.Contains(f.p.detail.override.Text, "Consistently prepared all term") {
		t.Errorf("override: %q (visible %v)", f.p.detail.override.Text, f.p.detail.overrideRow.Visible())
	}
	if !strings.HasPrefix(f.p.detail.judgement.Text, "Mastered, by the teacher's override") {
		t.Errorf("judgement: %q", f.p.detail.judgement.Text)
	}
	f.p.onTargetChosen("HS.1.2")
	if f.p.detail.overrideRow.Visible() {
		t.Error("an override shows on a target that has none")
	}
}

func TestStudentProfileComparesEveryMethod(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	g, _, _ := f.expected(t, "S003")
	const code = "NO.1.1"
	ev := f.evidenceOn(t, "S003", code)
	f.p.onTargetChosen(code)
	if f.p.detail.methods.Visible() {
		t.Fatal("the comparison shows before it is asked for")
	}
	test.Tap(f.p.detail.compare)
	if !f.p.detail.methods.Visible() {
		t.Fatal("the comparison does not show")
	}
	want, err := g.CompareMethods(code, ev)
	if err != nil {
		t.Fatal(err)
	}
	rows := f.p.detail.methods.Objects[1:] // after the introduction
	if len(rows) != len(continuum.MethodKinds) || len(want) != 9 {
		t.Fatalf("%d methods compared, want all %d", len(rows), len(continuum.MethodKinds))
	}
	inUse := 0
	for k, r := range want {
		text := strings.Join(uitest.Texts(rows[k]), "\n")
		value := "no result"
		if r.HasValue {
			value = continuum.FormatScore(r.Value)
		}
		verdict := map[bool]string{true: "mastered", false: "not yet"}[r.Mastered]
		for _, s := range []string{r.Method.Kind.Label(), value + " · " + verdict, r.Method.Explain()} {
			if !strings.Contains(text, s) {
				t.Errorf("row %d %q does not say %q", k, text, s)
			}
		}
		if strings.Contains(text, "in use") {
			inUse++
			if !r.InUse || !strings.Contains(text, "Decaying average (each new score counts 65%)") {
				t.Errorf("row %q is marked in use", text)
			}
		}
	}
	if inUse != 1 {
		t.Errorf("%d methods marked in use, want 1", inUse)
	}
	test.Tap(f.p.detail.compare)
	if f.p.detail.methods.Visible() {
		t.Error("the comparison stays after hiding it")
	}
}

func TestStudentProfileUnknownStudent(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S999") })
	if f.p.Notice() == "" || !strings.Contains(f.p.Notice(), "no student with ID “S999”") {
		t.Errorf("notice %q (visible %v)", f.p.Notice(), f.p.Notice() != "")
	}
	if f.p.body.Visible() || f.p.picker.Selected() != "" {
		t.Errorf("a profile shows for an unknown student (body %v, chosen %q)", f.p.body.Visible(), f.p.picker.Selected())
	}
	// Choosing a student from the list then works as usual.
	f.settle(t, func() { f.p.onStudentSelected("S001") })
	if f.p.Notice() != "" || f.p.name.Text != "Amara Okafor" {
		t.Errorf("after choosing S001: notice %v, name %q", f.p.Notice() != "", f.p.name.Text)
	}
}

func TestStudentProfileFollowsTheRoster(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	if err := f.st.PutStudents(context.Background(), continuum.Student{ID: "S100", Name: "Zed Newcomer", Group: "Period 5"}); err != nil {
		t.Fatal(err)
	}
	f.settle(t, func() { f.ws.Changed(screen.Change{Kind: screen.RosterChanged}) })
	if !slices.ContainsFunc(f.p.picker.Items(), func(it widgets.SearchItem) bool { return it.Key == "S100" }) {
		t.Error("the new student is not in the list")
	}
	if err := f.st.DeleteStudent(context.Background(), "S003"); err != nil {
		t.Fatal(err)
	}
	f.settle(t, func() { f.ws.Changed(screen.Change{Kind: screen.RosterChanged}) })
	if f.p.Notice() == "" || !strings.Contains(f.p.Notice(), "S003") {
		t.Errorf("after S003 left the roster: notice %q", f.p.Notice())
	}
}

func TestStudentProfileKeyboard(t *testing.T) {
	f := newProfileFixture(t)
	field := f.p.picker.SearchField()
	f.win.Canvas().Focus(field)
	test.Type(field, "reyes")
	if shown := f.p.picker.Shown(); len(shown) != 1 || shown[0].Key != "S003" {
		t.Fatalf("searching reyes shows %v", shown)
	}
	// Down chooses the first student shown and opens the profile.
	f.settle(t, func() { field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyDown}) })
	if f.p.name.Text != "Camila Reyes" {
		t.Fatalf("Down opened %q", f.p.name.Text)
	}
	// Enter takes the focus into the profile, to the first target ready next.
	_, _, positions := f.expected(t, "S003")
	field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	b, ok := f.win.Canvas().Focused().(*widget.Button)
	if !ok || b.Text != positions[0].ReadyNext[0] {
		t.Fatalf("focus after Enter: %#v", f.win.Canvas().Focused())
	}
	// On the map, a focused card opens with Enter.
	test.Tap(f.p.mapBtn)
	card := f.p.grid.Card("NO.1.2")
	f.win.Canvas().Focus(card)
	card.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !f.p.detail.content.Visible() || !strings.HasPrefix(f.p.detail.code.Text, "NO.1.2") {
		t.Errorf("Enter on NO.1.2 opened %q", f.p.detail.code.Text)
	}
	// Enter on another student's name opens them, then focuses the map's first card.
	f.win.Canvas().Focus(field)
	field.SetText("okafor")
	f.settle(t, func() { field.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn}) })
	if f.p.name.Text != "Amara Okafor" {
		t.Fatalf("Enter on okafor opened %q", f.p.name.Text)
	}
	if got := f.win.Canvas().Focused(); got != f.p.grid.Card(f.p.mapGraph.Targets[0].Code) {
		t.Errorf("focus after opening from the search field: %#v", got)
	}
}

func TestStudentProfileTellsTheShellWhenLoaded(t *testing.T) {
	f := newProfileFixture(t)
	called := 0
	f.p.WhenLoaded(func() { called++ })
	f.settle(t, func() { f.p.ShowStudent("S003") })
	f.settle(t, func() { f.p.Refresh() })
	if called != 1 {
		t.Errorf("the shell was told %d times, want once", called)
	}
}

func TestStudentProfileWithoutAContinuum(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.ws.SelectContinuum("") })
	f.settle(t, func() { f.p.ShowStudent("S003") })
	if f.p.Notice() == "" || !strings.Contains(f.p.Notice(), "No continuum is chosen") {
		t.Errorf("notice %q", f.p.Notice())
	}
}

// TestStudentProfileOpensOnTheStudentLastWorkedOn: a student scored on
// another screen (the workspace's student) is the one the profile shows
// when it comes into view, and a student chosen here becomes it.
func TestStudentProfileOpensOnTheStudentLastWorkedOn(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	f.ws.SetStudent("S005") // as the scoring screen does once a score is saved
	f.settle(t, f.p.Refresh)
	if f.p.shown == nil || f.p.shown.student.ID != "S005" || f.p.picker.Selected() != "S005" {
		t.Fatalf("after scoring S005 the profile shows %v (chosen %q)", f.p.shown, f.p.picker.Selected())
	}
	f.settle(t, func() { f.p.onStudentSelected("S001") })
	if f.ws.Student() != "S001" {
		t.Errorf("the workspace's student is %q after choosing S001 here", f.ws.Student())
	}
}

// Given two students who have left the class, the profile's list leaves
// them out; the profile of one still opens when asked for (from the
// roster's Left the class), listed with a word that they have left.
func TestStudentProfileOfWhoLeft(t *testing.T) {
	f := newProfileFixture(t)
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
	f.settle(t, func() { f.ws.Changed(screen.Change{Kind: screen.RosterChanged}) })
	keys := func() []string {
		var out []string
		for _, it := range f.p.picker.Items() {
			out = append(out, it.Key)
		}
		return out
	}
	if got := keys(); len(got) != 26 || slices.Contains(got, "S003") {
		t.Errorf("the list holds %d students: %v", len(got), got)
	}
	f.settle(t, func() { f.p.ShowStudent("S003") })
	if f.p.name.Text != "Camila Reyes" || !f.p.body.Visible() {
		t.Fatalf("showing %q (body %v, notice %q)", f.p.name.Text, f.p.body.Visible(), f.p.Notice())
	}
	got := keys()
	if len(got) != 27 || !slices.Contains(got, "S003") || slices.Contains(got, "S010") || f.p.picker.Selected() != "S003" {
		t.Errorf("the list holds %v, chosen %q", got, f.p.picker.Selected())
	}
	for _, it := range f.p.picker.Items() {
		if it.Key == "S003" && !strings.HasSuffix(it.Detail, "left the class") {
			t.Errorf("S003 is listed as %q", it.Detail)
		}
	}
}
