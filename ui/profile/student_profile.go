package profile

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Store is what the student profile reads: the roster, the continuum,
// and a student's evidence, overrides and flex blocks.
type Store interface {
	// Students returns every student.
	Students(ctx context.Context) ([]continuum.Student, error)
	// Graph returns a continuum with its targets.
	Graph(ctx context.Context, continuumID string) (*continuum.Graph, error)
	// Evidence returns the evidence matching f.
	Evidence(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, error)
	// Overrides returns a continuum's overrides of one student.
	Overrides(ctx context.Context, continuumID, student string) ([]continuum.Override, error)
	// FlexBlocks returns a continuum's flex blocks.
	FlexBlocks(ctx context.Context, continuumID string) ([]continuum.FlexBlock, error)
}

// Screen is the student profile: one student on the chosen continuum. On
// each domain it shows the secured and working levels, what is ready
// next, the gaps, the pace and the counts per level, with academics and
// habits apart; the continuum coloured by the student's mastery; and, for
// one target, the evidence behind the judgement and every mastery method
// side by side.
type Screen struct {
	screen.Base[profileLoad]
	store Store

	graph      *continuum.Graph // held while its continuum is unchanged
	graphStale bool             // the held graph's continuum changed since it was read
	graphEpoch int              // counts changes to continua, so that a load in flight cannot keep a stale graph
	mapGraph   *continuum.Graph // the graph the map's cards were built from
	wanted     string           // ID of the student asked for, "" for none
	shown      *studentData     // the student on screen, nil when none
	target     string           // code of the target whose evidence is open, "" for none
	loaded     func()           // test hook, called whenever the loads under way have been shown

	picker      *widgets.SearchList
	name        *widget.Label
	about       *widget.Label
	summary     *widget.Label
	header      *fyne.Container
	body        *fyne.Container // the header over the views and the target panel
	positions   *fyne.Container
	posScroll   *container.Scroll
	codeButtons []*widget.Button // the ready-next and gap buttons on view
	grid        *widgets.ContinuumGrid
	legend      *widgets.MarkLegend // the key of the map's colours, palette.Key's as on the class map
	mapView     fyne.CanvasObject
	posBtn      *widget.Button
	mapBtn      *widget.Button
	detail      *targetDetail
	split       *container.Split
	content     fyne.CanvasObject
	reports     *reportDialog // the progress report's flow (report_dialog.go)
}

// studentData is one student's judgements and positions on a continuum.
type studentData struct {
	graph     *continuum.Graph // the continuum the judgements were made on
	student   continuum.Student
	evidence  []continuum.Evidence // in date order
	overrides []continuum.Override
	mastery   []continuum.Mastery // indexed like graph.Targets
	positions []continuum.Position
	on        continuum.Date
	supports  []continuum.Support // the flex supports the student had
	hasFlex   bool                // the continuum has flex blocks
}

// profileLoad is what one load reads from the store.
type profileLoad struct {
	continuumID string
	epoch       int
	wanted      string
	students    []continuum.Student
	graph       *continuum.Graph
	student     *studentData // nil when no student is asked for or found
	missing     bool         // the student asked for is not on the roster
}

// New builds the student profile. It reads nothing until it is shown
// (Refresh) or asked for a student (ShowStudent).
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	s := &Screen{store: store}
	body := s.build()
	main := s.Init(ws, win, body, screen.Loader[profileLoad]{
		What:    "The profile",
		Follows: s.follows,
		Read:    s.startLoad,
		Show:    s.show,
		Failed:  s.onLoadFailed,
		Settled: func() {
			if s.loaded != nil {
				s.loaded()
			}
		},
	})
	outer := container.NewHSplit(s.picker, container.NewPadded(main))
	outer.Offset = 0.24
	s.content = outer
	s.SetView(outer)
	s.showNotice("Loading…")
	return s
}

// build makes the widgets and returns the body: the header over the
// positions or the map, and the target panel.
func (s *Screen) build() fyne.CanvasObject {
	s.picker = widgets.NewSearchList("Find by name, ID or group")
	s.picker.OnSelected = s.onStudentSelected
	s.picker.OnConfirmed = s.onStudentConfirmed

	s.name = widget.NewLabel("")
	s.name.SizeName = theme.SizeNameHeadingText
	s.name.TextStyle.Bold = true
	s.about = widget.NewLabel("")
	s.summary = widget.NewLabel("")
	s.summary.Wrapping = fyne.TextWrapWord
	s.posBtn = widget.NewButtonWithIcon("Positions", theme.ListIcon(), s.onShowPositions)
	s.mapBtn = widget.NewButtonWithIcon("Continuum map", theme.GridIcon(), s.onShowMap)
	views := container.NewHBox(s.posBtn, s.mapBtn)
	s.header = container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewVBox(views), container.NewHBox(s.name, s.about)),
		container.NewBorder(nil, nil, nil, s.newReportButton(), s.summary),
		widget.NewSeparator(),
	)

	s.positions = container.NewVBox()
	s.posScroll = container.NewVScroll(s.positions)
	s.grid = widgets.NewContinuumGrid(s.onTargetChosen)
	s.legend = widgets.NewMarkLegend()
	s.mapView = container.NewBorder(container.NewHScroll(s.legend), nil, nil, nil, s.grid)
	s.detail = newTargetDetail(s.onDetailClosed)
	s.split = container.NewHSplit(container.NewStack(s.posScroll, s.mapView), s.detail.content)
	s.split.Offset = 0.5
	s.detail.content.Hide()
	s.onShowPositions()

	s.body = container.NewBorder(s.header, nil, nil, nil, s.split)
	return s.body
}

// Content returns the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// FocusFirst puts the focus in the student search field.
func (s *Screen) FocusFirst() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.picker); c != nil {
		c.Focus(s.picker.SearchField())
	}
}

// ShowStudent opens the profile of the student with id. An ID that is not
// on the roster is said so on the screen.
func (s *Screen) ShowStudent(id string) {
	s.wanted = strings.TrimSpace(id)
	s.WS.SetStudent(s.wanted)
	s.picker.Select(s.wanted)
	s.Load()
}

// follows reports whether a change touches the profile. A change to the
// continuum shown also lets go of the graph held, so the next load reads
// it again.
func (s *Screen) follows(c screen.Change) bool {
	switch c.Kind {
	case screen.EvidenceChanged:
		return c.Continuum == "" || c.Continuum == s.WS.Continuum()
	case screen.TargetsChanged, screen.ContinuaChanged, screen.SelectionChanged:
		if c.Kind == screen.SelectionChanged || c.Continuum == "" || s.graph == nil || c.Continuum == s.graph.Continuum.ID {
			s.graphStale = true
			s.graphEpoch++
		}
		return true
	case screen.RosterChanged, screen.FlexChanged:
		return true
	}
	return false
}

// startLoad takes what a load needs from the screen: the continuum, the
// student asked for, the graph held when it is still good, and the day.
func (s *Screen) startLoad() func(ctx context.Context) (profileLoad, error) {
	if id := s.WS.Student(); id != "" {
		s.wanted = id // the student last worked on, here or on another screen
	}
	req := profileLoad{continuumID: s.WS.Continuum(), epoch: s.graphEpoch, wanted: s.wanted}
	held := s.graph
	if held == nil || s.graphStale || held.Continuum.ID != req.continuumID {
		held = nil
	}
	on := s.WS.Today()
	return func(ctx context.Context) (profileLoad, error) {
		return s.read(ctx, req, held, on)
	}
}

// read reads the roster, the continuum (unless held) and the student's
// evidence and overrides; it runs off the UI goroutine and touches no
// widget.
func (s *Screen) read(ctx context.Context, r profileLoad, graph *continuum.Graph, on continuum.Date) (profileLoad, error) {
	var err error
	if r.students, err = s.store.Students(ctx); err != nil {
		return r, fmt.Errorf("read the roster: %w", err)
	}
	if r.continuumID != "" && graph == nil {
		if graph, err = s.store.Graph(ctx, r.continuumID); err != nil {
			return r, fmt.Errorf("read continuum %s: %w", r.continuumID, err)
		}
	}
	r.graph = graph
	if r.wanted == "" {
		return r, nil
	}
	st, ok := findStudent(r.students, r.wanted)
	if !ok {
		r.missing = true
		return r, nil
	}
	r.wanted = st.ID
	d := &studentData{graph: graph, student: st, on: on}
	if graph != nil {
		cid := graph.Continuum.ID
		if d.evidence, err = s.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid, Student: st.ID}); err != nil {
			return r, fmt.Errorf("read the evidence of %s: %w", st.Name, err)
		}
		if d.overrides, err = s.store.Overrides(ctx, cid, st.ID); err != nil {
			return r, fmt.Errorf("read the overrides of %s: %w", st.Name, err)
		}
		continuum.SortEvidence(d.evidence)
		d.mastery = graph.StudentMastery(&st, d.evidence, d.overrides)
		d.positions = graph.Positions(&st, d.mastery, on)
		blocks, err := s.store.FlexBlocks(ctx, cid)
		if err != nil {
			return r, fmt.Errorf("read the flex blocks of %s: %w", graph.Continuum.Name, err)
		}
		d.supports, d.hasFlex = continuum.SupportHistory(graph, st, blocks, d.evidence, d.overrides), len(blocks) > 0
	}
	r.student = d
	return r, nil
}

// findStudent finds id on the roster: exactly, or else the one student
// whose ID differs only in case.
func findStudent(students []continuum.Student, id string) (continuum.Student, bool) {
	var folded []continuum.Student
	for _, st := range students {
		if st.ID == id {
			return st, true
		}
		if strings.EqualFold(st.ID, id) {
			folded = append(folded, st)
		}
	}
	if len(folded) == 1 {
		return folded[0], true
	}
	return continuum.Student{}, false
}

// show shows a load: the roster in the list, the map of the continuum,
// and the student asked for, or why there is none.
func (s *Screen) show(r profileLoad) {
	items := make([]widgets.SearchItem, 0, len(r.students))
	for _, st := range r.students {
		// Students who have left the class are out of the list; the one
		// asked for (from the roster's Left the class) is shown.
		if st.Inactive && (r.student == nil || r.student.student.ID != st.ID) {
			continue
		}
		items = append(items, widgets.SearchItem{Key: st.ID, Title: st.Name, Detail: studentDetail(st)})
	}
	s.picker.SetItems(items)
	if r.epoch == s.graphEpoch {
		s.graph, s.graphStale = r.graph, false
	}
	if r.graph != s.mapGraph {
		s.mapGraph = r.graph
		s.grid.SetGraph(r.graph)
		// The cards know their height only once they have their width:
		// lay the grid out a second time.
		s.grid.Refresh()
	}
	if !sameStudent(r.wanted, s.wanted) {
		return // the teacher has moved on: the next load shows what they asked for
	}
	s.wanted = r.wanted
	if r.missing {
		s.picker.Select("")
	} else {
		s.picker.Select(r.wanted)
	}
	switch {
	case r.missing:
		s.showNotice(fmt.Sprintf("There is no student with ID “%s” on the roster.\nChoose a student from the list.", r.wanted))
	case len(r.students) == 0:
		s.showNotice("There are no students on the roster yet.\nAdd them on the Students screen.")
	case r.graph == nil:
		s.showNotice("No continuum is chosen.\nChoose one at the top, or build one on the Continuum screen.")
	case r.student == nil:
		s.showNotice(fmt.Sprintf("Choose a student from the list to see where they are on %s.", r.graph.Continuum.Name))
	case len(r.graph.Targets) == 0:
		s.showNotice(fmt.Sprintf("%s has no targets yet.\nAdd them on the Continuum screen.", r.graph.Continuum.Name))
	default:
		s.showStudent(r.graph, r.student)
	}
}

// sameStudent reports whether a load for loaded answers a request for wanted.
func sameStudent(loaded, wanted string) bool {
	return loaded == wanted || strings.EqualFold(loaded, wanted)
}

// onLoadFailed says why there is no profile: the standard notices, with
// the student shown let go of.
func (s *Screen) onLoadFailed(err error) {
	s.shown = nil
	s.grid.SetMarks(nil)
	s.ShowFailure(err)
}

// studentDetail is the quieter part of a roster row: "S003 · Period 2",
// "S003 · Period 2 · left the class".
func studentDetail(st continuum.Student) string {
	d := st.ID
	if st.Group != "" {
		d += " · " + st.Group
	}
	if st.Inactive {
		d += " · left the class"
	}
	return d
}

// showNotice replaces the profile with a sentence saying why there is none.
func (s *Screen) showNotice(text string) {
	s.shown = nil
	s.ShowNotice(text)
	s.grid.SetMarks(nil)
}

// showStudent fills the screen with one student's standing on g.
func (s *Screen) showStudent(g *continuum.Graph, d *studentData) {
	s.shown = d
	s.HideNotice()
	st := d.student
	s.name.SetText(st.Name)
	about := []string{st.ID}
	if st.Group != "" {
		about = append(about, st.Group)
	}
	if st.ExternalID != "" {
		about = append(about, "school ID "+st.ExternalID)
	}
	s.about.SetText(strings.Join(about, " · "))
	s.summary.SetText(profileSummary(g, d))
	s.header.Refresh() // the name's width changed: lay the header out again
	focused := s.focusedCode()
	s.codeButtons = s.codeButtons[:0]
	s.positions.Objects = s.positionSections(g, d)
	if d.hasFlex {
		s.positions.Objects = append(s.positions.Objects, supportHistorySection(d.supports, d.on))
	}
	s.positions.Refresh()
	s.posScroll.Refresh() // the positions' height changed: size the scrolled content again
	s.refocusCode(focused)

	marks := make(map[string]widgets.Mark, len(d.mastery))
	for _, m := range d.mastery {
		marks[m.Target] = widgets.MarkOf(m, &g.Continuum.Scale)
	}
	s.grid.SetMarks(marks)
	s.legend.SetKeys(palette.Key(&g.Continuum.Scale))

	if _, ok := g.Target(s.target); s.target != "" && ok {
		s.openTarget(s.target)
	} else {
		s.onDetailClosed()
	}
}

// profileSummary is the sentence under the name: how much is mastered,
// as of when, and where the student started.
func profileSummary(g *continuum.Graph, d *studentData) string {
	mastered := 0
	for _, m := range d.mastery {
		if m.Mastered {
			mastered++
		}
	}
	text := fmt.Sprintf("%s: %d of %s mastered, as of %s.", g.Continuum.Name, mastered,
		continuum.Plural(len(g.Targets), "target", "targets"), d.on.Long())
	for _, sl := range d.student.StartingLevels {
		if sl.Continuum == g.Continuum.ID {
			text += fmt.Sprintf(" Started at %s in %s.", sl.Level, sl.Domain)
		}
	}
	return text
}

// positionSections lays out the domains by category, each category under
// its heading, so that academics and habits are never read together.
func (s *Screen) positionSections(g *continuum.Graph, d *studentData) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, cat := range continuum.Categories {
		var cards []fyne.CanvasObject
		for _, p := range d.positions {
			if p.Category == cat {
				cards = append(cards, s.domainCard(g, p))
			}
		}
		if len(cards) == 0 {
			continue
		}
		heading := widget.NewLabelWithStyle(cat.Label(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		heading.SizeName = theme.SizeNameSubHeadingText
		out = append(out, heading, container.New(&columnsWhenWide{minWidth: 330}, cards...))
	}
	return out
}

// domainCard shows one domain's position.
func (s *Screen) domainCard(g *continuum.Graph, p continuum.Position) fyne.CanvasObject {
	levels := g.Continuum.Levels
	title := widget.NewLabelWithStyle(p.Domain, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Wrapping = fyne.TextWrapWord
	pace := paceBadge(p.Pace)

	var where []string
	if p.Secured >= 0 {
		where = append(where, "Secured "+levels[p.Secured])
	} else {
		where = append(where, "Nothing secured yet")
	}
	switch {
	case p.Total == 0:
		where = []string{"No targets yet"}
	case p.Complete():
		where = append(where, "every target mastered")
	case p.Working >= 0:
		where = append(where, "working at "+levels[p.Working])
	}
	where = append(where, fmt.Sprintf("%d of %d mastered", p.Mastered, p.Total))
	place := widget.NewLabel(strings.Join(where, " · "))
	place.Wrapping = fyne.TextWrapWord

	body := container.NewVBox(
		container.NewBorder(nil, nil, nil, pace, title),
		place,
		container.NewPadded(widgets.NewPositionBar(p.Levels, p.Secured, p.Working)),
		s.codeRow("Ready next", p.ReadyNext, readyNextNone(p)),
		s.codeRow("Gaps", p.Gaps, "none"),
	)
	return widget.NewCard("", "", body)
}

// paceBadge shows the pace on a patch of the status colours: green when
// ahead, amber when behind, grey when on pace; nothing without a plan.
func paceBadge(p continuum.Pace) fyne.CanvasObject {
	if p.Status == continuum.NoPlan {
		return widget.NewLabel("")
	}
	fill := widgets.NoEvidenceColor
	switch p.Status {
	case continuum.Ahead:
		fill = widgets.MasteredColor
	case continuum.Behind:
		fill = widgets.NotYetColor
	}
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = theme.InputRadiusSize()
	text := widget.NewLabelWithStyle(p.String(), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	return container.NewVBox(container.NewStack(bg, text))
}

// readyNextNone says why nothing is ready next.
func readyNextNone(p continuum.Position) string {
	if p.Complete() {
		return "nothing: every target is mastered"
	}
	return "nothing until prerequisites are mastered"
}

// codeRow lists target codes as buttons that open the target's evidence,
// after a label; none says what to write when there are no codes.
func (s *Screen) codeRow(label string, codes []string, none string) fyne.CanvasObject {
	head := widget.NewLabelWithStyle(label, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	width := fyne.MeasureText("Ready next", theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
	if len(codes) == 0 {
		empty := widget.NewLabelWithStyle(none, fyne.TextAlignLeading, fyne.TextStyle{Italic: true})
		empty.Wrapping = fyne.TextWrapWord
		return container.New(&widgets.LabelledLayout{Width: width}, head, empty)
	}
	buttons := make([]fyne.CanvasObject, len(codes))
	var cell fyne.Size
	for i, code := range codes {
		b := widget.NewButton(code, func() { s.onTargetChosen(code) })
		buttons[i] = b
		s.codeButtons = append(s.codeButtons, b)
		cell = cell.Max(b.MinSize())
	}
	return container.New(&widgets.LabelledLayout{Width: width}, head, container.NewGridWrap(cell, buttons...))
}

// focusedCode returns the code of the focused ready-next or gap button, or "".
func (s *Screen) focusedCode() string {
	c := fyne.CurrentApp().Driver().CanvasForObject(s.picker)
	if c == nil {
		return ""
	}
	for _, b := range s.codeButtons {
		if c.Focused() == b {
			return b.Text
		}
	}
	return ""
}

// refocusCode gives the focus back to the button of code after the
// positions were drawn anew, so that a reload does not lose the teacher's place.
func (s *Screen) refocusCode(code string) {
	if code == "" {
		return
	}
	c := fyne.CurrentApp().Driver().CanvasForObject(s.picker)
	for _, b := range s.codeButtons {
		if b.Text == code && c != nil {
			c.Focus(b)
			return
		}
	}
}

func (s *Screen) onStudentSelected(id string) {
	s.wanted = id
	s.WS.SetStudent(id)
	s.Load()
}

// onStudentConfirmed (Enter in the search field) moves the focus into the
// profile, once it shows the student: to the first target ready next, or
// the first card of the map.
func (s *Screen) onStudentConfirmed(id string) {
	if s.shown != nil && s.shown.student.ID == id && !s.Loading() {
		s.focusProfile()
		return
	}
	s.wanted = id
	s.WS.SetStudent(id)
	s.WhenLoaded(s.focusProfile)
	s.Load()
}

func (s *Screen) focusProfile() {
	c := fyne.CurrentApp().Driver().CanvasForObject(s.picker)
	if c == nil || s.shown == nil {
		return
	}
	if s.mapView.Visible() {
		if g := s.mapGraph; g != nil && len(g.Targets) > 0 {
			c.Focus(s.grid.Card(g.Targets[0].Code))
		}
		return
	}
	if b := firstButton(s.positions); b != nil {
		c.Focus(b)
	}
}

// firstButton finds the first button in a tree of containers and cards.
func firstButton(o fyne.CanvasObject) *widget.Button {
	switch o := o.(type) {
	case *widget.Button:
		return o
	case *fyne.Container:
		for _, k := range o.Objects {
			if b := firstButton(k); b != nil {
				return b
			}
		}
	case *widget.Card:
		return firstButton(o.Content)
	}
	return nil
}

func (s *Screen) onShowPositions() {
	s.mapView.Hide()
	s.posScroll.Show()
	s.posBtn.Importance = widget.HighImportance
	s.mapBtn.Importance = widget.MediumImportance
	s.posBtn.Refresh()
	s.mapBtn.Refresh()
}

func (s *Screen) onShowMap() {
	s.posScroll.Hide()
	s.mapView.Show()
	s.mapBtn.Importance = widget.HighImportance
	s.posBtn.Importance = widget.MediumImportance
	s.posBtn.Refresh()
	s.mapBtn.Refresh()
	if s.target != "" {
		s.grid.ScrollTo(s.target)
	}
}

// onTargetChosen opens a target's evidence for the student shown.
func (s *Screen) onTargetChosen(code string) {
	if s.shown == nil {
		return
	}
	s.openTarget(code)
}

func (s *Screen) openTarget(code string) {
	g := s.shown.graph
	t, ok := g.Target(code)
	if !ok {
		return
	}
	s.target = t.Code
	s.grid.SetSelected(t.Code)
	s.detail.show(g, s.shown, t)
	if !s.detail.content.Visible() {
		s.detail.content.Show()
		s.split.Refresh()
	}
}

func (s *Screen) onDetailClosed() {
	s.target = ""
	s.grid.SetSelected("")
	if s.detail.content.Visible() {
		s.detail.content.Hide()
		s.split.Refresh()
	}
}

// columnsWhenWide lays its objects out in as many equal columns as fit
// at minWidth each (at least one), row by row, each row as tall as its
// tallest object.
type columnsWhenWide struct {
	minWidth float32
	width    float32 // the width of the last layout, for MinSize
}

func (l *columnsWhenWide) cols(width float32, n int) int {
	pad := theme.Padding()
	c := int((width + pad) / (l.minWidth + pad))
	return max(1, min(c, n))
}

func (l *columnsWhenWide) rows(objects []fyne.CanvasObject, cols int) []float32 {
	var h []float32
	for i, o := range objects {
		if i%cols == 0 {
			h = append(h, 0)
		}
		h[len(h)-1] = max(h[len(h)-1], o.MinSize().Height)
	}
	return h
}

func (l *columnsWhenWide) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	pad := theme.Padding()
	cols := l.cols(size.Width, max(len(objects), 2))
	w := (size.Width - float32(cols-1)*pad) / float32(cols)
	y := float32(0)
	for r, h := range l.rows(objects, cols) {
		for c := 0; c < cols; c++ {
			i := r*cols + c
			if i >= len(objects) {
				break
			}
			objects[i].Move(fyne.NewPos(float32(c)*(w+pad), y))
			objects[i].Resize(fyne.NewSize(w, h))
		}
		y += h + pad
	}
}

func (l *columnsWhenWide) MinSize(objects []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	cols := 1
	if l.width > 0 {
		cols = l.cols(l.width, max(len(objects), 2))
	}
	var w, h float32
	for _, o := range objects {
		w = max(w, o.MinSize().Width)
	}
	for _, rh := range l.rows(objects, cols) {
		h += rh + pad
	}
	return fyne.NewSize(w, max(h-pad, 0))
}
