package classmap

import (
	"cmp"
	"context"
	"fmt"
	"image/color"
	"runtime"
	"slices"
	"strings"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// What the class map's filters offer.
const (
	classMapAllGroups  = "All students"
	classMapAllDomains = "All domains"
	classMapAllLevels  = "All levels"
)

// The class map's "show" filter.
const (
	classMapShowEveryone = "Show everyone"
	classMapShowGap      = "Show those with a gap"
	classMapShowBehind   = "Show those behind pace"
	classMapShowNotYet   = "Show not yet on the target"
	classMapShowStuck    = "Show stuck on the target"
	classMapShowReady    = "Show ready for extension"
)

// classMapShows lists the "show" filter's options in menu order.
var classMapShows = []string{classMapShowEveryone, classMapShowGap, classMapShowBehind, classMapShowNotYet, classMapShowStuck, classMapShowReady}

// The class map's orders ("the target" is the chosen one); one more per
// domain: "Sort by level in <domain>", the working level, lowest first.
const (
	classMapSortByName     = "Sort by name"
	classMapSortByGroup    = "Sort by group"
	classMapSortByMastery  = "Sort by mastery on the target"
	classMapSortByAttempts = "Sort by attempts on the target"
	classMapSortByLevelIn  = "Sort by level in "
)

// Store is what the class map reads and writes: the continuum, the
// roster, the class's evidence and overrides, and a score entered on the
// map (with its undo).
type Store interface {
	// Graph returns a continuum with its targets.
	Graph(ctx context.Context, continuumID string) (*continuum.Graph, error)
	// Students returns every student.
	Students(ctx context.Context) ([]continuum.Student, error)
	// Evidence returns the evidence matching f.
	Evidence(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, error)
	// Overrides returns a continuum's overrides.
	Overrides(ctx context.Context, continuumID, student string) ([]continuum.Override, error)
	// AddEvidence records a score entered on the map.
	AddEvidence(ctx context.Context, ev ...continuum.Evidence) ([]continuum.Evidence, error)
	// DeleteEvidence takes a score back (undo).
	DeleteEvidence(ctx context.Context, id uint64) (continuum.Evidence, error)
}

// Screen is the class map: the whole class on the chosen continuum, as a
// heat map of students (rows) by targets (columns, grouped by domain and
// level) coloured by each student's mastery, with a position column per
// domain. The teacher filters and sorts the rows, asks in one click who
// is stuck on a target or ready for extension, and taps a cell to see the
// student's evidence on the target and score it.
type Screen struct {
	screen.Base[*classMapData]
	store Store

	data     *classMapData // nil until loaded, or when no continuum is chosen
	columns  []classMapColumn
	rows     []int  // indices into data.students, in the order shown
	target   string // code of the chosen target, "" for none
	group    string // "" for all
	domain   int    // -1 for all
	level    int    // -1 for all
	show     string
	order    string
	open     classMapSubject // the cell whose detail is shown
	updating bool            // the selects are being set from code: ignore their changes
	own      int             // >0 while announcing our own change

	groups   *widgets.Select
	domains  *widgets.Select
	levels   *widgets.Select
	shows    *widgets.Select
	sorts    *widgets.Select
	filters  *fyne.Container
	stuckBtn *widgets.Button
	readyBtn *widgets.Button
	chosen   *widget.Label
	answer   *widget.Label
	clearBtn *widgets.Button
	heat     *widgets.HeatMap
	legend   *widgets.HeatMapLegend
	detail   *classMapDetail
	split    *container.Split
	body     *fyne.Container
	content  fyne.CanvasObject
	reports  *groupReports // a group's progress reports (report_dialog.go)
}

// classMapData is one load: the continuum, the day, and every student's
// evidence, judgements, positions and cell colours.
type classMapData struct {
	graph    *continuum.Graph
	on       continuum.Date
	students []classMapStudent
	groups   []string // the roster's groups, sorted
}

// classMapStudent is one row's data. Its cells' colours are worked out
// once per load (and again when the teacher scores one of its cells), so
// that drawing a cell only looks them up. The student's evidence is not
// kept (a district's is 56 MB): the detail of a cell reads it again.
type classMapStudent struct {
	student   continuum.Student
	overrides []continuum.Override
	cells     []classMapCell // indexed like graph.Targets
	positions []continuum.Position
	fills     []color.NRGBA // indexed like graph.Targets
}

// classMapCell is what the map sorts, filters and draws by of one
// judgement. A district map holds 600,000 of them: the whole judgement
// (continuum.Mastery, five times the size) is worked out again for the
// one cell whose detail is open.
type classMapCell struct {
	value    float64 // the method's value; meaningful only when hasValue
	count    int32   // pieces of evidence
	hasValue bool
	mastered bool
	stuck    bool // Mastery.Stuck
	override bool // decided by the teacher's override
}

// classMapCells keeps of a student's judgements what the map needs,
// reusing into when it fits.
func classMapCells(g *continuum.Graph, mastery []continuum.Mastery, into []classMapCell) []classMapCell {
	into = slices.Grow(into[:0], len(mastery))[:len(mastery)]
	scale := &g.Continuum.Scale
	for i := range mastery {
		m := &mastery[i]
		into[i] = classMapCell{value: m.Value, count: int32(m.Count), hasValue: m.HasValue, mastered: m.Mastered,
			stuck: m.Stuck(scale), override: m.Source == continuum.FromOverride}
	}
	return into
}

// classMapColumn is a column of the map: a target (an index into
// graph.Targets) or, with target -1, a domain's position.
type classMapColumn struct {
	target int
	domain int
}

// classMapSubject is the cell whose detail is open: a student and a
// target, or a student's position on a domain (target "").
type classMapSubject struct {
	student string
	target  string
	domain  int
}

// New builds the class map. It reads nothing until it is shown
// (Refresh).
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	s := &Screen{store: store, domain: -1, level: -1, show: classMapShowEveryone, order: classMapSortByName}
	body := s.build(ws.ReadOnly())
	s.content = container.NewPadded(s.Init(ws, win, body, screen.Loader[*classMapData]{
		What:    "The class map",
		Follows: s.follows,
		Read:    s.startLoad,
		Show:    s.showData,
		Failed:  s.onLoadFailed,
		// Revisiting the map reads nothing unless something it follows changed.
		KeepShown: true,
	}))
	s.SetView(s.content)
	s.ShowNotice("Loading…")
	return s
}

// build makes the widgets and returns the body: the filters and
// questions over the map and the cell's panel. readOnly (a review) leaves
// the score entry out of the panel.
func (s *Screen) build(readOnly bool) fyne.CanvasObject {
	s.groups = widgets.NewSelect([]string{classMapAllGroups}, s.onGroupChosen)
	s.domains = widgets.NewSelect([]string{classMapAllDomains}, s.onDomainChosen)
	s.levels = widgets.NewSelect([]string{classMapAllLevels}, s.onLevelChosen)
	s.shows = widgets.NewSelect(classMapShows, s.onShowChosen)
	s.sorts = widgets.NewSelect([]string{classMapSortByName, classMapSortByGroup, classMapSortByMastery, classMapSortByAttempts}, s.onSortChosen)
	s.updating = true
	s.groups.SetSelected(classMapAllGroups)
	s.domains.SetSelected(classMapAllDomains)
	s.levels.SetSelected(classMapAllLevels)
	s.shows.SetSelected(classMapShowEveryone)
	s.sorts.SetSelected(classMapSortByName)
	s.updating = false

	s.stuckBtn = widgets.NewButton("Who is stuck?", theme.WarningIcon(), s.onAskStuck)
	s.readyBtn = widgets.NewButton("Who is ready for extension?", theme.MediaFastForwardIcon(), s.onAskReady)
	s.chosen = widget.NewLabel("")
	s.chosen.Truncation = fyne.TextTruncateEllipsis
	s.answer = widget.NewLabel("")
	s.answer.Wrapping = fyne.TextWrapWord
	s.clearBtn = widgets.NewButton("Clear filters", theme.ContentClearIcon(), s.onShowEveryone)
	s.clearBtn.Hide()

	s.heat = widgets.NewHeatMap("Student", s.cell)
	s.heat.OnCellTapped = s.onCellTapped
	s.heat.OnColumnTapped = s.onColumnTapped
	s.heat.OnRowTapped = s.onRowTapped
	s.heat.OnRune = s.onRuneTyped
	scale := continuum.DefaultScale()
	s.legend = widgets.NewHeatMapLegend(palette.Key(&scale))
	s.detail = newClassMapDetail(s.onDetailClosed, s.onScoreEntered)
	s.detail.readOnly = readOnly // a review shows the evidence without the score entry
	widgets.SetOnEscape(s.detail.content, s.onEscape)

	s.filters = container.NewHBox(classMapSized(s.groups, 140), classMapSized(s.domains, 210),
		classMapSized(s.levels, 120), classMapSized(s.shows, 250), s.clearBtn)
	questions := container.NewBorder(nil, nil,
		container.NewHBox(classMapSized(s.sorts, 270), s.stuckBtn, s.readyBtn), nil, s.chosen)
	top := container.NewVBox(container.NewBorder(nil, nil, nil, s.newReportsButton(), s.filters), questions, s.answer)
	mapArea := container.NewBorder(nil, s.legend, nil, nil, s.heat) // the legend runs on to more rows
	s.split = container.NewHSplit(mapArea, s.detail.content)
	s.split.Offset = 0.64
	s.detail.content.Hide()
	s.body = container.NewBorder(top, nil, nil, nil, s.split)
	return s.body
}

// classMapSized gives o a minimum width, so that a select shows its
// longest option rather than its placeholder's width.
func classMapSized(o fyne.CanvasObject, width float32) fyne.CanvasObject {
	return container.New(&classMapWidth{width: width}, o)
}

// classMapWidth lays out one object at least width wide.
type classMapWidth struct{ width float32 }

func (l *classMapWidth) MinSize(objects []fyne.CanvasObject) fyne.Size {
	m := objects[0].MinSize()
	return fyne.NewSize(max(m.Width, l.width), m.Height)
}

func (l *classMapWidth) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(size)
}

// Content returns the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// FocusFirst puts the focus on the map, where the arrow keys move from
// cell to cell and Space opens one.
func (s *Screen) FocusFirst() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.heat); c != nil && s.body.Visible() {
		c.Focus(s.heat)
	}
}

// follows reports whether a change touches the map. Its own scores are
// already on the map.
func (s *Screen) follows(c screen.Change) bool {
	switch c.Kind {
	case screen.EvidenceChanged:
		return s.own == 0 && (c.Continuum == "" || c.Continuum == s.WS.Continuum())
	case screen.TargetsChanged, screen.ContinuaChanged, screen.SelectionChanged, screen.RosterChanged:
		return true
	}
	return false
}

// startLoad takes the continuum and the day a load is for, and returns
// the reading of the class.
func (s *Screen) startLoad() func(ctx context.Context) (*classMapData, error) {
	id, on := s.WS.Continuum(), s.WS.Today()
	return func(ctx context.Context) (*classMapData, error) {
		return readClassMap(ctx, s.store, id, on)
	}
}

// readClassMap reads a continuum's class and works out every student's
// judgements, positions and cell colours. It touches no widget.
func readClassMap(ctx context.Context, store Store, id string, on continuum.Date) (*classMapData, error) {
	if id == "" {
		return nil, nil
	}
	g, class, err := continuum.LoadClass(ctx, store, id)
	if err != nil {
		return nil, fmt.Errorf("read the class on continuum %s: %w", id, err)
	}
	// Students who have left the class are kept on the roster, off the map.
	class.Students = slices.DeleteFunc(class.Students, func(st continuum.Student) bool { return st.Inactive })
	evidence := continuum.GroupEvidence(class.Evidence) // parts of class.Evidence, not copies
	overrides := map[string][]continuum.Override{}
	for _, o := range class.Overrides {
		overrides[o.Student] = append(overrides[o.Student], o)
	}
	d := &classMapData{graph: g, on: on, students: make([]classMapStudent, len(class.Students))}
	groups := map[string]bool{}
	for i, sp := range class.Students {
		st := &d.students[i]
		st.student, st.overrides = sp, overrides[sp.ID]
		if sp.Group != "" {
			groups[sp.Group] = true
		}
	}
	d.judgeAll(evidence)
	for gr := range groups {
		d.groups = append(d.groups, gr)
	}
	slices.Sort(d.groups)
	return d, nil
}

// classMapFills colours a student's judgements (palette.ForMastery, as
// the class-map picture and the workbook do), reusing into when it fits.
func classMapFills(g *continuum.Graph, mastery []continuum.Mastery, into []color.NRGBA) []color.NRGBA {
	into = slices.Grow(into[:0], len(mastery))[:len(mastery)]
	for i, m := range mastery {
		into[i] = palette.ForMastery(m, &g.Continuum.Scale)
	}
	return into
}

// judgeAll works out every student's cells, positions and colours, the
// students shared among the cores. Each student's whole judgements are
// let go of once their cells are kept.
func (d *classMapData) judgeAll(evidence map[string][]continuum.Evidence) {
	next := make(chan int, len(d.students))
	for i := range d.students {
		next <- i
	}
	close(next)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), max(len(d.students)/64, 1)) {
		wg.Go(func() {
			for i := range next {
				d.rejudge(i, evidence[d.students[i].student.ID])
			}
		})
	}
	wg.Wait()
}

// rejudge works out one student's cells, positions and colours from
// their evidence ev (after it changed, or on a load).
func (d *classMapData) rejudge(i int, ev []continuum.Evidence) {
	st := &d.students[i]
	mastery := d.graph.StudentMastery(&st.student, ev, st.overrides)
	st.positions = d.graph.Positions(&st.student, mastery, d.on)
	st.cells = classMapCells(d.graph, mastery, st.cells)
	st.fills = classMapFills(d.graph, mastery, st.fills)
}

// studentIndex returns the position of the student with id, or -1.
func (d *classMapData) studentIndex(id string) int {
	for i := range d.students {
		if d.students[i].student.ID == id {
			return i
		}
	}
	return -1
}

// showData shows a load: the map, or why there is none.
func (s *Screen) showData(d *classMapData) {
	s.data = d
	switch {
	case d == nil:
		s.ShowNotice("No continuum is chosen.\nChoose one at the top, or build one on the Continuum screen.")
		return
	case len(d.students) == 0:
		s.ShowNotice("There are no students on the roster yet.\nAdd them on the Students screen.")
		return
	case len(d.graph.Targets) == 0:
		s.ShowNotice(fmt.Sprintf("%s has no targets yet.\nAdd them on the Continuum screen.", d.graph.Continuum.Name))
		return
	}
	s.HideNotice()
	s.setOptions(d)
	s.legend.SetKeys(palette.Key(&d.graph.Continuum.Scale))
	if _, ok := d.graph.Target(s.target); !ok {
		s.target = ""
	}
	s.applyView()
	if s.open.student != "" && d.studentIndex(s.open.student) >= 0 {
		s.showDetail()
	} else {
		s.onDetailClosed()
	}
}

// onLoadFailed says why there is no map: the standard notices, with the
// map shown before let go of.
func (s *Screen) onLoadFailed(err error) {
	s.data = nil
	s.ShowFailure(err)
}

// setOptions fills the selects for a load, keeping what was chosen where
// it still exists.
func (s *Screen) setOptions(d *classMapData) {
	s.updating = true
	defer func() { s.updating = false }()
	c := &d.graph.Continuum

	groups := append([]string{classMapAllGroups}, d.groups...)
	if !slices.Contains(d.groups, s.group) {
		s.group = ""
	}
	s.groups.SetOptions(groups)
	s.groups.SetSelected(cmp.Or(s.group, classMapAllGroups))

	domains := []string{classMapAllDomains}
	for _, dom := range c.Domains {
		domains = append(domains, dom.Name)
	}
	if s.domain >= len(c.Domains) {
		s.domain = -1
	}
	s.domains.SetOptions(domains)
	s.domains.SetSelectedIndex(s.domain + 1)

	levels := append([]string{classMapAllLevels}, c.Levels...)
	if s.level >= len(c.Levels) {
		s.level = -1
	}
	s.levels.SetOptions(levels)
	s.levels.SetSelectedIndex(s.level + 1)

	sorts := []string{classMapSortByName, classMapSortByGroup, classMapSortByMastery, classMapSortByAttempts}
	for _, dom := range c.Domains {
		sorts = append(sorts, classMapSortByLevelIn+dom.Name)
	}
	if !slices.Contains(sorts, s.order) {
		s.order = classMapSortByName
	}
	s.sorts.SetOptions(sorts)
	s.sorts.SetSelected(s.order)
}

// applyView works out the columns and rows for the filters, the order and
// the chosen target, and shows them.
func (s *Screen) applyView() {
	d := s.data
	if d == nil {
		return
	}
	s.columns = s.visibleColumns(d)
	s.rows = s.visibleRows(d)
	g := d.graph
	cols := make([]widgets.HeatMapColumn, len(s.columns))
	sample := classMapPositionSample(&g.Continuum)
	for i, c := range s.columns {
		dom := g.Continuum.Domains[c.domain].Name
		if c.target < 0 {
			cols[i] = widgets.HeatMapColumn{Domain: dom, Level: "Position", Code: "secured → working", Text: true, Sample: sample}
			continue
		}
		t := &g.Targets[c.target]
		cols[i] = widgets.HeatMapColumn{Domain: dom, Level: t.Level, Code: t.Code, Strong: t.Milestone}
	}
	s.heat.SetChosenColumn(-1)
	s.heat.SetMarkedRow(-1)
	s.heat.Set(cols, s.rowHeads(d))
	s.heat.SetChosenColumn(s.columnOf(s.target))
	s.heat.SetMarkedRow(s.rowOf(s.open.student))
	s.showChosen()
	s.answer.SetText(s.answerText(d))
	if s.show == classMapShowEveryone && s.group == "" && s.domain < 0 && s.level < 0 {
		s.clearBtn.Hide()
	} else {
		s.clearBtn.Show()
	}
	s.filters.Refresh() // the clear button came or went: lay the row out again
}

// visibleColumns lists the columns for the domain and level filters: per
// domain its position, then its targets in grid order.
func (s *Screen) visibleColumns(d *classMapData) []classMapColumn {
	g := d.graph
	var out []classMapColumn
	for dom := range g.Continuum.Domains {
		if s.domain >= 0 && dom != s.domain {
			continue
		}
		out = append(out, classMapColumn{target: -1, domain: dom})
		for l := range g.Continuum.Levels {
			if s.level >= 0 && l != s.level {
				continue
			}
			for _, t := range g.Cell(dom, l) {
				i, _ := g.Lookup(t.Code)
				out = append(out, classMapColumn{target: i, domain: dom})
			}
		}
	}
	return out
}

// chosenIndex returns the chosen target's index in the graph, or -1.
func (s *Screen) chosenIndex() int {
	if s.data == nil || s.target == "" {
		return -1
	}
	i, ok := s.data.graph.Lookup(s.target)
	if !ok {
		return -1
	}
	return i
}

// visibleRows lists the students the filters keep, in the chosen order.
func (s *Screen) visibleRows(d *classMapData) []int {
	t := s.chosenIndex()
	rows := make([]int, 0, len(d.students))
	for i := range d.students {
		st := &d.students[i]
		if s.group != "" && st.student.Group != s.group {
			continue
		}
		if !s.keeps(st, t) {
			continue
		}
		rows = append(rows, i)
	}
	byName := func(a, b *classMapStudent) int {
		return cmp.Or(strings.Compare(strings.ToLower(a.student.Name), strings.ToLower(b.student.Name)),
			strings.Compare(a.student.ID, b.student.ID))
	}
	order := func(a, b *classMapStudent) int { return byName(a, b) }
	switch {
	case s.order == classMapSortByGroup:
		order = func(a, b *classMapStudent) int {
			return cmp.Or(strings.Compare(a.student.Group, b.student.Group), byName(a, b))
		}
	case s.order == classMapSortByMastery && t >= 0:
		// Lowest first: those who need help most come to the top.
		cut := d.graph.Continuum.Scale.Cut
		order = func(a, b *classMapStudent) int {
			return cmp.Or(cmp.Compare(a.cells[t].rank(cut), b.cells[t].rank(cut)), byName(a, b))
		}
	case s.order == classMapSortByAttempts && t >= 0:
		order = func(a, b *classMapStudent) int {
			return cmp.Or(cmp.Compare(b.cells[t].count, a.cells[t].count), byName(a, b))
		}
	case strings.HasPrefix(s.order, classMapSortByLevelIn):
		if dom := d.graph.Continuum.DomainIndex(strings.TrimPrefix(s.order, classMapSortByLevelIn)); dom >= 0 {
			order = func(a, b *classMapStudent) int {
				pa, pb := &a.positions[dom], &b.positions[dom]
				return cmp.Or(cmp.Compare(pa.Working, pb.Working), cmp.Compare(pa.Secured, pb.Secured),
					cmp.Compare(pa.Mastered, pb.Mastered), byName(a, b))
			}
		}
	}
	slices.SortStableFunc(rows, func(a, b int) int { return order(&d.students[a], &d.students[b]) })
	return rows
}

// rank orders judgements from the weakest: no evidence, then by value,
// every mastered one above every one not yet (a judgement mastered
// without a value, by override or placement, counts as the cut).
func (m classMapCell) rank(cut float64) float64 {
	v := -1.0
	switch {
	case m.hasValue:
		v = m.value
	case m.mastered:
		v = cut
	}
	if m.mastered {
		v += 1000
	}
	return v
}

// keeps reports whether the "show" filter keeps a student, t being the
// chosen target (-1 for none: the target filters keep everyone).
func (s *Screen) keeps(st *classMapStudent, t int) bool {
	switch s.show {
	case classMapShowGap:
		for d, p := range st.positions {
			if (s.domain < 0 || d == s.domain) && len(p.Gaps) > 0 {
				return true
			}
		}
		return false
	case classMapShowBehind:
		for d, p := range st.positions {
			if (s.domain < 0 || d == s.domain) && p.Pace.Status == continuum.Behind {
				return true
			}
		}
		return false
	case classMapShowNotYet:
		return t < 0 || !st.cells[t].mastered
	case classMapShowStuck:
		return t < 0 || st.cells[t].stuck
	case classMapShowReady:
		return t < 0 || st.cells[t].mastered
	}
	return true
}

// levelMastered reports whether a student has mastered every target of
// the domain and level of target t.
func (d *classMapData) levelMastered(st *classMapStudent, t int) bool {
	g := d.graph
	target := &g.Targets[t]
	dom, lvl := g.Continuum.DomainIndex(target.Domain), g.Continuum.LevelIndex(target.Level)
	for _, other := range g.Cell(dom, lvl) {
		if i, _ := g.Lookup(other.Code); !st.cells[i].mastered {
			return false
		}
	}
	return true
}

// rowHeads names the rows, with what the question asked says of each:
// the attempts of a student who is stuck, a whole level mastered.
func (s *Screen) rowHeads(d *classMapData) []widgets.HeatMapRow {
	t := s.chosenIndex()
	out := make([]widgets.HeatMapRow, len(s.rows))
	for k, i := range s.rows {
		st := &d.students[i]
		r := widgets.HeatMapRow{Name: st.student.Name}
		switch {
		case t >= 0 && (s.show == classMapShowStuck || s.order == classMapSortByAttempts):
			if n := int(st.cells[t].count); n > 0 {
				r.Detail = continuum.Plural(n, "attempt", "attempts")
				r.Strong = s.show == classMapShowStuck && n >= 3
			}
		case t >= 0 && s.show == classMapShowReady && d.levelMastered(st, t):
			r.Detail, r.Strong = "whole level", true
		case s.order == classMapSortByGroup:
			r.Detail = st.student.Group
		}
		out[k] = r
	}
	return out
}

// answerText says how many students are shown, and why.
func (s *Screen) answerText(d *classMapData) string {
	total := 0
	for i := range d.students {
		if s.group == "" || d.students[i].student.Group == s.group {
			total++
		}
	}
	in := ""
	if s.group != "" {
		in = " in " + s.group
	}
	shown := len(s.rows)
	of := fmt.Sprintf("%d of %s%s", shown, continuum.Plural(total, "student", "students"), in)
	t := s.chosenIndex()
	needsTarget := s.show == classMapShowNotYet || s.show == classMapShowStuck || s.show == classMapShowReady
	switch {
	case needsTarget && t < 0:
		return "Choose a target first: tap its code at the top of the map, or a cell in its column."
	case s.show == classMapShowGap:
		return of + " have a gap: a target not mastered below the highest level they have reached."
	case s.show == classMapShowBehind:
		return of + " are behind the pacing plan in at least one domain shown."
	case s.show == classMapShowNotYet:
		return fmt.Sprintf("%s have not yet mastered %s.", of, s.target)
	case s.show == classMapShowStuck && shown == 0:
		return fmt.Sprintf("Nobody%s is stuck on %s: everyone with evidence on it has mastered it or only needs more evidence.", in, s.target)
	case s.show == classMapShowStuck:
		return fmt.Sprintf("%s are stuck on %s: evidence recorded, not yet mastered (anyone who meets the cut and only needs more evidence is not counted). Most attempts first; 3 or more in bold.", of, s.target)
	case s.show == classMapShowReady && shown == 0:
		return fmt.Sprintf("Nobody%s has mastered %s yet.", in, s.target)
	case s.show == classMapShowReady:
		whole := 0
		for _, i := range s.rows {
			if d.levelMastered(&d.students[i], t) {
				whole++
			}
		}
		tg := &d.graph.Targets[t]
		return fmt.Sprintf("%s have mastered %s and are ready for extension; %d of them have mastered all of %s in %s (in bold).",
			of, s.target, whole, tg.Level, tg.Domain)
	}
	see := "see and score"
	if s.WS.ReadOnly() {
		see = "see"
	}
	return fmt.Sprintf("%s · %s · as of %s. Tap a cell to %s its evidence.",
		continuum.Plural(shown, "student", "students")+in, continuum.Plural(len(d.graph.Targets), "target", "targets"), d.on.Long(), see)
}

// classMapPositionSample is the widest text a position cell shows.
func classMapPositionSample(c *continuum.Continuum) string {
	longest := ""
	for _, l := range c.Levels {
		if len([]rune(l)) > len([]rune(longest)) {
			longest = l
		}
	}
	return widest(longest+" → "+longest, "working at "+longest)
}

func widest(a, b string) string {
	if len([]rune(b)) > len([]rune(a)) {
		return b
	}
	return a
}

// cell says what the map shows at a row and column: the precomputed
// colour of a judgement, its value, and the override's outline; or a
// position.
func (s *Screen) cell(row, col int) widgets.HeatMapCell {
	d := s.data
	if d == nil || row >= len(s.rows) || col >= len(s.columns) {
		return widgets.HeatMapCell{}
	}
	st := &d.students[s.rows[row]]
	c := s.columns[col]
	if c.target < 0 {
		return widgets.HeatMapCell{Text: st.positions[c.domain].Short(d.graph.Continuum.Levels)} // "Level 1 → Level 2", "working at Level 1"
	}
	m := &st.cells[c.target]
	out := widgets.HeatMapCell{Fill: st.fills[c.target]}
	if m.hasValue {
		out.Text = continuum.FormatScore(m.value)
	}
	if m.override {
		out.Outline = palette.Override
	}
	return out
}

// columnOf returns the column of the target with code, or -1.
func (s *Screen) columnOf(code string) int {
	if s.data == nil || code == "" {
		return -1
	}
	i, ok := s.data.graph.Lookup(code)
	if !ok {
		return -1
	}
	return slices.IndexFunc(s.columns, func(c classMapColumn) bool { return c.target == i })
}

// rowOf returns the row of the student with id, or -1.
func (s *Screen) rowOf(id string) int {
	if s.data == nil || id == "" {
		return -1
	}
	return slices.IndexFunc(s.rows, func(i int) bool { return s.data.students[i].student.ID == id })
}

// showChosen names the chosen target and puts it on the question buttons.
func (s *Screen) showChosen() {
	t := s.chosenIndex()
	if t < 0 {
		s.chosen.SetText("Tap a code to choose a target.")
		s.stuckBtn.Disable()
		s.readyBtn.Disable()
		return
	}
	tg := &s.data.graph.Targets[t]
	s.chosen.SetText(tg.Code + " · " + tg.Statement)
	s.stuckBtn.Enable()
	s.readyBtn.Enable()
}

// chooseTarget makes code the chosen target (the question buttons and
// target filters work on it).
func (s *Screen) chooseTarget(code string) {
	if code == s.target {
		return
	}
	s.target = code
	if !s.targetShapesRows() {
		// Nothing shown depends on the target: mark it without reordering.
		s.heat.SetChosenColumn(s.columnOf(code))
		s.showChosen()
		return
	}
	s.applyView()
}

func (s *Screen) onColumnTapped(col int) {
	if col < 0 || col >= len(s.columns) || s.columns[col].target < 0 {
		return
	}
	s.chooseTarget(s.data.graph.Targets[s.columns[col].target].Code)
}

func (s *Screen) onRowTapped(row int) {
	if row < 0 || row >= len(s.rows) {
		return
	}
	// The name opens the student's first position, where every domain is summed up.
	st := &s.data.students[s.rows[row]]
	dom := max(s.domain, 0)
	s.open = classMapSubject{student: st.student.ID, domain: dom}
	s.heat.SetMarkedRow(row)
	s.showDetail()
}

func (s *Screen) onCellTapped(row, col int) {
	if s.data == nil || row >= len(s.rows) || col >= len(s.columns) {
		return
	}
	st := &s.data.students[s.rows[row]]
	c := s.columns[col]
	s.open = classMapSubject{student: st.student.ID, domain: c.domain}
	if c.target >= 0 {
		s.open.target = s.data.graph.Targets[c.target].Code
	}
	s.heat.SetMarkedRow(row)
	s.showDetail()
	if c.target >= 0 && !s.targetShapesRows() {
		// The tapped column becomes the chosen target, unless the rows
		// shown depend on the chosen one: they must not change under the tap.
		s.chooseTarget(s.open.target)
	}
}

// targetShapesRows reports whether the rows shown depend on the chosen
// target (a target filter or order).
func (s *Screen) targetShapesRows() bool {
	switch {
	case s.show == classMapShowNotYet, s.show == classMapShowStuck, s.show == classMapShowReady:
		return true
	case s.order == classMapSortByMastery, s.order == classMapSortByAttempts:
		return true
	}
	return false
}

// showDetail fills the side panel for the open cell.
func (s *Screen) showDetail() { s.showDetailWith(nil, "") }

// showDetailWith fills the side panel for the open cell. A target's
// panel lists the student's evidence: ev when given (just read), else
// read from the store first (off the UI goroutine); message, when not
// "", then goes under its score entry.
func (s *Screen) showDetailWith(ev []continuum.Evidence, message string) {
	d := s.data
	i := d.studentIndex(s.open.student)
	if i < 0 {
		s.onDetailClosed()
		return
	}
	st := &d.students[i]
	t, ok := d.graph.Target(s.open.target)
	switch {
	case !ok:
		s.detail.showPositions(d, st, s.open.domain)
	case ev == nil:
		open, cid, id := s.open, d.graph.Continuum.ID, st.student.ID
		screen.Run(func(ctx context.Context) ([]continuum.Evidence, error) {
			ev, err := s.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid, Student: id})
			return append([]continuum.Evidence{}, ev...), err // not nil: read
		}, func(ev []continuum.Evidence) {
			if s.data == d && s.open == open { // nothing else opened meanwhile
				s.showDetailWith(ev, message)
			}
		}, func(err error) {
			s.detail.setMessage("The evidence could not be read: " + screen.Problem(err) + ".")
			screen.ShowError(s.Win, err)
		})
		return
	default:
		s.detail.showTarget(d, st, t, ev)
		if message != "" {
			s.detail.setMessage(message)
		}
	}
	if !s.detail.content.Visible() {
		s.detail.content.Show()
		s.split.Refresh()
	}
}

// onEscape closes the panel from wherever the focus is in it, and gives
// the focus back to the map.
func (s *Screen) onEscape() {
	s.onDetailClosed()
	s.FocusFirst()
}

func (s *Screen) onDetailClosed() {
	s.open = classMapSubject{}
	s.heat.SetMarkedRow(-1)
	s.heat.UnselectAll()
	if s.detail.content.Visible() {
		s.detail.content.Hide()
		s.split.Refresh()
	}
}

// onRuneTyped starts a score for the open cell from the map: with the
// focus on the map, the arrows move, Space opens a cell, and typing a
// score there and pressing Enter saves it.
func (s *Screen) onRuneTyped(r rune) {
	if s.open.target == "" || !s.detail.form.Visible() || strings.ContainsRune(" \t", r) {
		return
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.heat); c != nil {
		s.detail.score.SetText("")
		c.Focus(s.detail.score)
		s.detail.score.TypedRune(r)
	}
}

// onScoreEntered records a score for the open student on the open target,
// today, and shows it at once.
func (s *Screen) onScoreEntered(text string, kind continuum.EvidenceKind) {
	d := s.data
	if d == nil {
		return
	}
	i := d.studentIndex(s.open.student)
	t, ok := d.graph.Target(s.open.target)
	if i < 0 || !ok {
		return
	}
	st := d.students[i].student
	scale := &d.graph.Continuum.Scale
	score, err := scale.ParseScore(text)
	if err != nil {
		s.detail.setMessage(fmt.Sprintf("“%s” is not a score: type %s.", strings.TrimSpace(text), scale.Range()))
		return
	}
	e := continuum.Evidence{Continuum: d.graph.Continuum.ID, Student: st.ID, Target: t.Code, Date: s.WS.Today(), Score: score, Kind: kind}
	s.detail.setBusy(true)
	screen.Run(func(ctx context.Context) (classMapSaved, error) {
		saved, err := s.store.AddEvidence(ctx, e)
		if err != nil {
			return classMapSaved{}, fmt.Errorf("record %s's score on %s: %w", st.Name, t.Code, err)
		}
		// The student's evidence, to judge them again; when it cannot be
		// read, the map reads the class again instead.
		ev, err := s.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: e.Continuum, Student: e.Student})
		if err != nil {
			ev = nil
		} else {
			ev = append([]continuum.Evidence{}, ev...)
		}
		return classMapSaved{e: saved[0], ev: ev}, nil
	}, func(r classMapSaved) {
		s.detail.setBusy(false)
		s.onScoreSaved(r.e, st.Name, r.ev)
		if c := fyne.CurrentApp().Driver().CanvasForObject(s.heat); c != nil && c.Focused() == s.detail.score {
			c.Focus(s.heat) // back to the map, to move on to the next cell
		}
	}, func(err error) {
		s.detail.setBusy(false)
		s.detail.setMessage("Nothing saved: " + screen.Problem(err) + ".")
		screen.ShowError(s.Win, err)
	})
}

// classMapSaved is a stored score with the student's evidence read back
// (nil when it could not be).
type classMapSaved struct {
	e  continuum.Evidence
	ev []continuum.Evidence
}

// onScoreSaved puts a stored score on the map and in the panel, and
// offers to undo it. ev is the student's evidence read back with it; nil
// reads the class again.
func (s *Screen) onScoreSaved(e continuum.Evidence, name string, ev []continuum.Evidence) {
	score := continuum.FormatScore(e.Score)
	if d := s.data; d != nil && d.graph.Continuum.ID == e.Continuum {
		if i := d.studentIndex(e.Student); i >= 0 && ev == nil {
			s.Load()
		} else if i >= 0 {
			d.rejudge(i, ev)
			// The rows stay where they are; their cells and names say what changed.
			s.heat.Set(s.heat.Columns(), s.rowHeads(d))
			if s.open.student == e.Student && continuum.SameCode(s.open.target, e.Target) {
				s.showDetailWith(ev, fmt.Sprintf("Saved %s for %s on %s.", score, name, e.Target))
			}
		}
	}
	store := s.store
	s.own++
	defer func() { s.own-- }()
	s.WS.Did(screen.UndoStep{
		Label: fmt.Sprintf("score %s for %s on %s", score, name, e.Target),
		Undo: func(ctx context.Context) error {
			_, err := store.DeleteEvidence(ctx, e.ID)
			return err
		},
		Change: screen.Change{Kind: screen.EvidenceChanged, Continuum: e.Continuum},
	})
}

func (s *Screen) onGroupChosen(v string) {
	if s.updating {
		return
	}
	s.group = ""
	if v != classMapAllGroups {
		s.group = v
	}
	s.applyView()
}

func (s *Screen) onDomainChosen(string) {
	if s.updating {
		return
	}
	s.domain = s.domains.SelectedIndex() - 1
	s.applyView()
}

func (s *Screen) onLevelChosen(string) {
	if s.updating {
		return
	}
	s.level = s.levels.SelectedIndex() - 1
	s.applyView()
}

func (s *Screen) onShowChosen(v string) {
	if s.updating {
		return
	}
	s.show = v
	s.applyView()
}

func (s *Screen) onSortChosen(v string) {
	if s.updating {
		return
	}
	s.order = v
	s.applyView()
}

// setShow sets the "show" filter and the order from code, as the
// question buttons do.
func (s *Screen) setShow(show, order string) {
	s.updating = true
	s.show, s.order = show, order
	s.shows.SetSelected(show)
	s.sorts.SetSelected(order)
	s.updating = false
	s.applyView()
}

// onAskStuck shows who is stuck on the chosen target (Mastery.Stuck),
// most attempts first.
func (s *Screen) onAskStuck() { s.setShow(classMapShowStuck, classMapSortByAttempts) }

// onAskReady shows who has mastered the chosen target, those who have
// mastered its whole level picked out.
func (s *Screen) onAskReady() {
	order := s.order
	if order == classMapSortByAttempts || order == classMapSortByMastery {
		order = classMapSortByName
	}
	s.setShow(classMapShowReady, order)
}

// onShowEveryone clears the filters.
func (s *Screen) onShowEveryone() {
	s.updating = true
	s.group, s.domain, s.level, s.show = "", -1, -1, classMapShowEveryone
	s.groups.SetSelected(classMapAllGroups)
	s.domains.SetSelected(classMapAllDomains)
	s.levels.SetSelected(classMapAllLevels)
	s.shows.SetSelected(classMapShowEveryone)
	s.updating = false
	s.applyView()
}

// classMapDetail is the side panel of one cell: a student's evidence on a
// target, the judgement it adds up to, and a score entry; or, for a
// position cell or a name, the student's position on each domain.
type classMapDetail struct {
	title     *widget.Label
	close     *widget.Button
	statement *widget.Label
	source    *widgets.SourceDetails // the target's groups, identity in its source and links
	judgement *widget.Label
	override  *widget.Label
	form      *fyne.Container
	score     *widgets.Entry
	kind      *widgets.Select
	save      *widgets.Button
	message   *widget.Label
	chart     *widgets.ScoreChart
	evTitle   *widget.Label
	evidence  *fyne.Container
	positions *fyne.Container
	scroll    *container.Scroll
	content   fyne.CanvasObject

	onScore func(text string, kind continuum.EvidenceKind)
	// readOnly keeps the score entry hidden (a review).
	readOnly bool
}

func newClassMapDetail(onClose func(), onScore func(string, continuum.EvidenceKind)) *classMapDetail {
	d := &classMapDetail{onScore: onScore}
	d.title = widget.NewLabel("")
	d.title.TextStyle.Bold = true
	d.title.Wrapping = fyne.TextWrapWord
	d.close = widget.NewButtonWithIcon("", theme.CancelIcon(), onClose)
	d.statement = widget.NewLabel("")
	d.statement.Wrapping = fyne.TextWrapWord
	d.source = widgets.NewSourceDetails()
	d.source.Hide()
	d.judgement = widget.NewLabel("")
	d.judgement.Wrapping = fyne.TextWrapWord
	d.judgement.TextStyle.Bold = true
	d.override = widget.NewLabel("")
	d.override.Wrapping = fyne.TextWrapWord

	d.score = widgets.NewEntry()
	d.score.OnSubmitted = func(string) { d.onSave() }
	d.kind = widgets.NewSelect(continuum.EvidenceKindLabels(), nil)
	d.kind.SetSelected(continuum.Formative.Label())
	d.save = widgets.NewButton("Save", theme.ConfirmIcon(), d.onSave)
	d.save.Importance = widget.HighImportance
	d.message = widgets.Hint("")
	d.form = container.NewVBox(
		widget.NewLabelWithStyle("Score it today", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, d.save, container.NewGridWithColumns(2, d.score, d.kind)),
		d.message,
	)

	d.chart = widgets.NewScoreChart(continuum.DefaultScale(), nil, nil)
	d.evTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.evidence = container.NewVBox()
	d.positions = container.NewVBox()
	body := container.NewVBox(
		container.NewBorder(nil, nil, nil, container.NewVBox(d.close), d.title),
		d.statement,
		d.source,
		d.judgement,
		d.override,
		d.form,
		d.chart,
		d.evTitle,
		d.evidence,
		d.positions,
	)
	d.scroll = container.NewVScroll(container.NewPadded(body))
	d.content = d.scroll
	return d
}

func (d *classMapDetail) onSave() {
	if d.onScore != nil && !d.save.Disabled() {
		d.onScore(d.score.Text, continuum.EvidenceKindOfLabel(d.kind.Selected))
	}
}

// setMessage says what became of a score; an empty message takes no room.
func (d *classMapDetail) setMessage(text string) {
	d.message.SetText(text)
	if text == "" {
		d.message.Hide()
	} else {
		d.message.Show()
	}
}

func (d *classMapDetail) setBusy(busy bool) {
	if busy {
		d.save.Disable()
	} else {
		d.save.Enable()
	}
}

// showTarget shows st's evidence on target t (all: every piece of st's
// evidence on the continuum), with the score entry.
func (d *classMapDetail) showTarget(data *classMapData, st *classMapStudent, t continuum.Target, all []continuum.Evidence) {
	g := data.graph
	scale := &g.Continuum.Scale
	i, _ := g.Lookup(t.Code)
	m := g.StudentMastery(&st.student, all, st.overrides)[i]
	code := t.Code
	if t.Milestone {
		code += " ◆ milestone"
	}
	d.title.SetText(st.student.Name + " · " + code)
	d.statement.SetText(t.Statement + " (" + t.Domain + ", " + t.Level + ")")
	d.statement.Show()
	if d.source.SetTarget(g, t) {
		d.source.Show()
	} else {
		d.source.Hide()
	}
	d.judgement.SetText(g.ExplainJudgement(st.student, t, m))
	d.judgement.Show()
	if m.Override != nil {
		d.override.SetText(m.Override.Explain())
		d.override.Show()
	} else {
		d.override.Hide()
	}
	d.score.SetPlaceHolder(scale.Range())
	d.score.SetText("")
	d.setMessage("")
	if d.readOnly {
		d.form.Hide()
	} else {
		d.form.Show()
	}

	var ev []continuum.Evidence
	for _, e := range all {
		if continuum.SameCode(e.Target, t.Code) {
			ev = append(ev, e)
		}
	}
	points := make([]widgets.ScorePoint, len(ev))
	for k, e := range ev {
		points[k] = widgets.ScorePoint{Date: e.Date, Score: e.Score}
	}
	var value *widgets.ChartValue
	if m.HasValue {
		value = &widgets.ChartValue{Value: m.Value, Label: "now " + continuum.FormatScore(m.Value)}
	}
	d.chart.Set(g.Continuum.Scale, points, value)
	d.chart.Show()
	d.evTitle.Show()
	if len(ev) == 0 {
		d.evTitle.SetText("Evidence")
		none := widgets.Quiet("Nothing recorded on this target yet.")
		d.evidence.Objects = []fyne.CanvasObject{none}
	} else {
		d.evTitle.SetText(fmt.Sprintf("Evidence, newest first (%d)", len(ev)))
		rows := make([]fyne.CanvasObject, 0, len(ev))
		for k := len(ev) - 1; k >= 0; k-- {
			rows = append(rows, widgets.EvidenceRow(scale, ev[k]))
		}
		d.evidence.Objects = rows
	}
	d.evidence.Show()
	d.evidence.Refresh()
	d.positions.Hide()
	d.scroll.Refresh()
}

// showPositions shows st's position on every domain, the domain dom first.
func (d *classMapDetail) showPositions(data *classMapData, st *classMapStudent, dom int) {
	c := &data.graph.Continuum
	d.title.SetText(st.student.Name)
	about := []string{st.student.ID}
	if st.student.Group != "" {
		about = append(about, st.student.Group)
	}
	d.statement.SetText(strings.Join(about, " · ") + " · as of " + data.on.Long())
	d.source.Hide()
	d.judgement.Hide()
	d.override.Hide()
	d.form.Hide()
	d.chart.Hide()
	d.evTitle.Hide()
	d.evidence.Hide()
	order := []int{dom}
	for k := range st.positions {
		if k != dom {
			order = append(order, k)
		}
	}
	var objects []fyne.CanvasObject
	for _, k := range order {
		if k < 0 || k >= len(st.positions) {
			continue
		}
		p := &st.positions[k]
		head := widget.NewLabelWithStyle(p.Domain, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		lines := []string{fmt.Sprintf("%s · %d of %d mastered", p.Words(c.Levels), p.Mastered, p.Total)}
		if p.Pace.Status != continuum.NoPlan {
			lines = append(lines, "Pace: "+p.Pace.String())
		}
		if len(p.ReadyNext) > 0 {
			lines = append(lines, "Ready next: "+strings.Join(p.ReadyNext, ", "))
		}
		if len(p.Gaps) > 0 {
			lines = append(lines, "Gaps: "+strings.Join(p.Gaps, ", "))
		}
		body := widget.NewLabel(strings.Join(lines, "\n"))
		body.Wrapping = fyne.TextWrapWord
		objects = append(objects, head, body)
	}
	d.positions.Objects = objects
	d.positions.Show()
	d.positions.Refresh()
	d.scroll.Refresh()
}
