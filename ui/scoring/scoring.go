package scoring

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Store is what the scoring screen needs from the store: the continuum's
// graph, the roster, and the evidence and overrides it records and edits.
type Store interface {
	continuum.EvidenceStore
	Graph(ctx context.Context, continuumID string) (*continuum.Graph, error)
	Students(ctx context.Context) ([]continuum.Student, error)
}

// Preference keys: what the scoring screen remembers between uses.
const (
	prefScoringKind   = "scoring.kind"
	prefScoringScorer = "scoring.scorer"
	prefScoringMode   = "scoring.mode"
)

// The two ways of scoring: one target for many students, or one student
// on many targets. The words are short so that the bar at the top fits
// the app's default window (1,100 px) with the date, kind and scorer.
const (
	modeByTarget  = "By target"
	modeByStudent = "By student"
)

const (
	allStudents = "All students"
	allDomains  = "All domains"
	allLevels   = "All levels"
)

// Screen is the screen for recording evidence fast from the keyboard:
// one target for a group of students (a column of students), or one
// student across many targets (a column of targets). Every score is stored
// as soon as Enter (or an arrow, or Tab) acknowledges it.
type Screen struct {
	screen.Base[*scoringClass]
	store Store
	prefs fyne.Preferences

	class  *scoringClass                 // nil until loaded
	saved  map[string]continuum.Evidence // student/target → evidence saved from this screen
	adding map[string]int                // student/target → scores on their way to the store
	saves  saveQueue
	own    int // >0 while announcing our own change

	byStudent bool
	target    string // chosen target's code
	student   string // chosen student's ID
	group     string // "" for all students
	domain    string // "" for all domains
	level     string // "" for all levels
	wantFocus bool   // FocusFirst asked before the data was there

	mode     *widget.RadioGroup
	date     *widgets.Entry
	dateHint *widget.Label
	kind     *widget.Select
	scorer   *widgets.Entry
	groups   *widget.Select
	domains  *widget.Select
	levels   *widget.Select
	filters  *fyne.Container
	picker   *widgets.SearchList
	heading  *widget.RichText
	subhead  *widget.Label
	column   *widgets.ScoreColumn
	rowInfo  *widgets.LineLabel
	status   *widgets.LineLabel
	// statusOf is the evidence the status line reports saved, as saved;
	// the line is cleared once that no longer holds (undone, edited).
	statusOf *continuum.Evidence
	// rowInfoDue is set while the current row's history line waits for
	// the next frame (rowInfoLater).
	rowInfoDue bool
	editor     *EvidenceEditor
	content    fyne.CanvasObject
}

// New builds the scoring screen on store.
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	s := &Screen{store: store, prefs: fyne.CurrentApp().Preferences(), saved: map[string]continuum.Evidence{}, adding: map[string]int{}}
	s.WS, s.Win = ws, win // the base is set up once the widgets are built
	s.byStudent = s.prefs.String(prefScoringMode) == modeByStudent

	top := s.buildSession()

	s.groups = widget.NewSelect([]string{allStudents}, s.onGroupChanged)
	s.groups.SetSelected(allStudents)
	s.domains = widget.NewSelect([]string{allDomains}, s.onDomainChanged)
	s.domains.SetSelected(allDomains)
	s.levels = widget.NewSelect([]string{allLevels}, s.onLevelChanged)
	s.levels.SetSelected(allLevels)

	s.picker = widgets.NewSearchList("")
	s.picker.OnSelected = s.onPicked
	s.picker.OnConfirmed = s.onPickConfirmed

	s.heading = widget.NewRichText()
	s.heading.Wrapping = fyne.TextWrapWord
	s.subhead = widgets.Quiet("")
	s.subhead.Truncation = fyne.TextTruncateEllipsis
	s.column = widgets.NewScoreColumn("Student")
	s.column.OnScore = s.onScoreEntered
	s.column.OnNote = s.onNoteEntered
	s.column.OnRowFocused = func(int) { s.rowInfoLater() }
	s.column.OnHistory = s.onHistory
	s.column.OnLastRow = s.onLastRow
	s.column.OnFind = s.focusSearch
	s.rowInfo = widgets.NewLineLabel("")
	s.status = widgets.NewLineLabel("")

	s.editor = NewEvidenceEditor(store, ws, win)
	s.editor.record = s.did
	s.editor.OnChanged = s.onStudentChanged

	side := container.NewBorder(container.NewBorder(nil, nil, widget.NewLabel("Group"), nil, s.groups), nil, nil, nil, s.picker)
	s.filters = container.NewHBox(widget.NewLabel("Domain"), s.domains, widget.NewLabel("Level"), s.levels)
	head := container.NewVBox(s.heading, container.NewBorder(nil, nil, nil, s.filters, s.subhead))
	keys := widgets.Quiet("Enter or ↓ save, go down · ↑ back · Tab note · Esc clear · Ctrl+H history · Ctrl+F find · Ctrl+Z undo")
	keys.Truncation = fyne.TextTruncateEllipsis
	foot := container.NewVBox(s.rowInfo, widget.NewSeparator(), s.status, keys)
	main := container.NewBorder(head, foot, nil, nil, s.column)

	split := container.NewHSplit(side, container.NewPadded(main))
	split.SetOffset(0.26)
	s.content = s.Init(ws, win, container.NewBorder(top, nil, nil, nil, split), screen.Loader[*scoringClass]{
		What:    "The class",
		Follows: s.follows,
		Read:    s.read,
		Show:    s.showClass,
		// Revisiting reads nothing unless something it follows changed.
		KeepShown: true,
		// A class that cannot be read keeps what it showed: the status line
		// says so and a dialog gives the reason, with no notice over it.
		Failed: func(err error) {
			s.setStatus("Could not read the class.")
			screen.ShowError(s.Win, err)
		},
	})
	s.applyMode()
	ws.TrackUnsaved(s.unsaved)
	return s
}

// unsaved lists what is typed in the column and not stored: a score
// refused, or typed in the cell that has the focus as the window closes.
func (s *Screen) unsaved() []screen.Unsaved {
	var out []screen.Unsaved
	for _, row := range s.column.Pending() {
		score, note := s.column.Typed(row)
		st, t, ok := s.subjects(row)
		if !ok {
			continue
		}
		what := fmt.Sprintf("the score “%s” typed for %s on %s", strings.TrimSpace(score), st.Name, t.Code)
		if strings.TrimSpace(score) == "" {
			what = fmt.Sprintf("the note “%s” typed for %s on %s", strings.TrimSpace(note), st.Name, t.Code)
		}
		out = append(out, screen.Unsaved{What: what})
	}
	return out
}

// backToColumn gives the keyboard back to the column after a choice in a
// drop-down, so the next score typed reaches the row being scored.
func (s *Screen) backToColumn() {
	if s.class == nil || s.column.Len() == 0 || s.chosen() == "" {
		return
	}
	row, cell := s.column.Current()
	s.column.FocusRow(max(row, 0), cell)
}

// buildSession builds the bar at the top: the way of scoring, and the
// date, kind and scorer every score is recorded with.
func (s *Screen) buildSession() fyne.CanvasObject {
	s.mode = widget.NewRadioGroup([]string{modeByTarget, modeByStudent}, nil)
	s.mode.Horizontal = true
	s.mode.Required = true
	s.mode.SetSelected(map[bool]string{false: modeByTarget, true: modeByStudent}[s.byStudent])
	s.mode.OnChanged = s.onModeChanged

	s.date = widgets.NewEntry()
	s.date.SetText(s.WS.Today().String())
	s.date.OnChanged = s.onDateChanged
	s.dateHint = widget.NewLabel("")
	s.onDateChanged(s.date.Text)
	s.kind = widget.NewSelect(continuum.EvidenceKindLabels(), s.onKindChanged)
	kind, err := continuum.ParseEvidenceKind(s.prefs.StringWithFallback(prefScoringKind, string(continuum.Formative)))
	if err != nil {
		kind = continuum.Formative
	}
	s.kind.SetSelected(kind.Label())
	s.scorer = widgets.NewEntry()
	s.scorer.SetPlaceHolder("initials")
	s.scorer.SetText(s.prefs.String(prefScoringScorer))
	s.scorer.OnChanged = func(text string) { s.prefs.SetString(prefScoringScorer, strings.TrimSpace(text)) }
	// Enter in the date or the scorer goes back to scoring.
	s.date.OnSubmitted = func(string) { s.applyFocus() }
	s.scorer.OnSubmitted = func(string) { s.applyFocus() }

	session := container.NewHBox(
		widget.NewLabel("Date"), container.NewGridWrap(fyne.NewSize(118, s.date.MinSize().Height), s.date), s.dateHint,
		widget.NewLabel("Kind"), s.kind,
		widget.NewLabel("Scorer"), container.NewGridWrap(fyne.NewSize(90, s.scorer.MinSize().Height), s.scorer))
	return container.NewVBox(container.NewPadded(container.NewBorder(nil, nil, s.mode, session)), widget.NewSeparator())
}

// Content returns the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// FocusFirst puts the focus where scoring goes on: the current row of the
// column, or the search field when nothing is chosen yet.
func (s *Screen) FocusFirst() {
	s.wantFocus = true
	if s.class != nil {
		s.applyFocus()
	}
}

func (s *Screen) applyFocus() {
	s.wantFocus = false
	if s.column.Len() > 0 && s.chosen() != "" {
		row, _ := s.column.Current()
		s.column.FocusRow(max(row, 0), widgets.ScoreField)
		return
	}
	s.focusSearch()
}

// read captures the continuum being worked on and returns the work that
// reads its class (nil when no continuum is chosen).
func (s *Screen) read() func(ctx context.Context) (*scoringClass, error) {
	cid := s.WS.Continuum()
	watch := s.watched()
	return func(ctx context.Context) (*scoringClass, error) {
		if cid == "" {
			return nil, nil
		}
		return loadScoringClass(ctx, s.store, cid, watch)
	}
}

// watched returns the IDs of the evidence the rows and the status line
// say was saved from this screen, whose notes and scores a load checks.
func (s *Screen) watched() map[uint64]bool {
	ids := make(map[uint64]bool, len(s.saved)+1)
	for _, e := range s.saved {
		ids[e.ID] = true
	}
	if s.statusOf != nil {
		ids[s.statusOf.ID] = true
	}
	return ids
}

// follows reports whether a change touches the class being scored. The
// screen's own changes are already shown: they do not reload it.
func (s *Screen) follows(c screen.Change) bool {
	if s.own > 0 {
		return false
	}
	switch c.Kind {
	case screen.SelectionChanged, screen.ContinuaChanged, screen.TargetsChanged, screen.RosterChanged, screen.EvidenceChanged:
		return true
	}
	return false
}

// did records one of the screen's own changes without reloading for it.
func (s *Screen) did(step screen.UndoStep) {
	s.WS.Record(step)
	s.announce(step.Change)
}

// announce tells the other screens of one of this screen's own changes,
// which this screen does not reload for.
func (s *Screen) announce(c screen.Change) {
	s.own++
	defer func() { s.own-- }()
	s.WS.Changed(c)
}

// showClass shows a loaded class (nil: no continuum chosen).
func (s *Screen) showClass(c *scoringClass) {
	s.class = c
	if c == nil {
		s.picker.SetItems(nil)
		s.column.SetRows(nil)
		s.column.SetEmptyText("Choose a continuum at the top to score against it.")
		s.setHeading("", "")
		return
	}
	s.forgetStale(c, "")
	groups := []string{allStudents}
	for _, st := range c.students {
		if st.Group != "" && !slices.Contains(groups, st.Group) {
			groups = append(groups, st.Group)
		}
	}
	s.groups.SetOptions(groups)
	if !slices.Contains(groups, s.groupOption()) {
		s.group = ""
	}
	s.groups.SetSelected(s.groupOption())
	s.domains.SetOptions(append([]string{allDomains}, domainNames(&c.graph.Continuum)...))
	if c.graph.Continuum.DomainIndex(s.domain) < 0 {
		s.domain = ""
	}
	s.domains.SetSelected(cmp.Or(s.domain, allDomains))
	s.levels.SetOptions(append([]string{allLevels}, c.graph.Continuum.Levels...))
	if c.graph.Continuum.LevelIndex(s.level) < 0 {
		s.level = ""
	}
	s.levels.SetSelected(cmp.Or(s.level, allLevels))
	if _, ok := c.graph.Target(s.target); !ok {
		s.target = ""
	}
	if c.studentIndex(s.student) < 0 {
		s.student = ""
	}
	s.column.SetScoreHint(c.graph.Continuum.Scale.Range())
	s.fillPicker()
	s.fillColumn()
	if s.wantFocus {
		s.applyFocus()
	}
}

func domainNames(c *continuum.Continuum) []string {
	out := make([]string, len(c.Domains))
	for i, d := range c.Domains {
		out[i] = d.Name
	}
	return out
}

func (s *Screen) groupOption() string { return cmp.Or(s.group, allStudents) }

// chosen returns the chosen target (by target) or student (by student).
func (s *Screen) chosen() string {
	if s.byStudent {
		return s.student
	}
	return s.target
}

func (s *Screen) onModeChanged(mode string) {
	by := mode == modeByStudent
	if by == s.byStudent {
		return
	}
	s.byStudent = by
	s.prefs.SetString(prefScoringMode, mode)
	s.applyMode()
	if s.class != nil {
		s.fillPicker()
		s.fillColumn()
	}
	s.focusSearch() // the next thing to do is to choose
}

// focusSearch puts the focus in the search field of the list on the left.
func (s *Screen) focusSearch() {
	if c := s.Win.Canvas(); c != nil {
		c.Focus(s.picker.SearchField())
	}
}

func (s *Screen) applyMode() {
	if s.byStudent {
		s.picker.SearchField().SetPlaceHolder("Find a student: name or ID")
		s.column.SetTitleHeader("Target")
		s.filters.Show()
	} else {
		s.picker.SearchField().SetPlaceHolder("Find a target: code or words")
		s.column.SetTitleHeader("Student")
		s.filters.Hide()
	}
}

func (s *Screen) onDateChanged(text string) {
	d, err := continuum.ParseDate(text)
	if err != nil {
		s.dateHint.Importance = widget.DangerImportance
		s.dateHint.SetText("not a date")
		return
	}
	s.dateHint.Importance = widget.LowImportance
	s.dateHint.SetText(d.Short())
}

func (s *Screen) onKindChanged(label string) {
	s.prefs.SetString(prefScoringKind, string(continuum.EvidenceKindOfLabel(label)))
	s.backToColumn()
}

func (s *Screen) onGroupChanged(option string) {
	group := option
	if option == allStudents {
		group = ""
	}
	if group == s.group {
		return
	}
	s.group = group
	if s.class == nil {
		return
	}
	if s.byStudent {
		s.fillPicker()
	}
	s.fillColumn()
	s.backToColumn()
}

func (s *Screen) onDomainChanged(option string) {
	if option == allDomains {
		option = ""
	}
	if option != s.domain {
		s.domain = option
		s.fillColumn()
		s.backToColumn()
	}
}

func (s *Screen) onLevelChanged(option string) {
	if option == allLevels {
		option = ""
	}
	if option != s.level {
		s.level = option
		s.fillColumn()
		s.backToColumn()
	}
}

// groupStudents returns the students of the chosen group, in roster order.
func (s *Screen) groupStudents() []*continuum.Student {
	var out []*continuum.Student
	for i := range s.class.students {
		if st := &s.class.students[i]; s.group == "" || st.Group == s.group {
			out = append(out, st)
		}
	}
	return out
}

// shownTargets returns the targets of the chosen domain and level, in continuum order.
func (s *Screen) shownTargets() []*continuum.Target {
	g := s.class.graph
	var out []*continuum.Target
	for i := range g.Targets {
		t := &g.Targets[i]
		if (s.domain == "" || strings.EqualFold(t.Domain, s.domain)) && (s.level == "" || strings.EqualFold(t.Level, s.level)) {
			out = append(out, t)
		}
	}
	return out
}

func (s *Screen) fillPicker() {
	var items []widgets.SearchItem
	if s.byStudent {
		for _, st := range s.groupStudents() {
			detail := st.ID
			if st.Group != "" {
				detail += " · " + st.Group
			}
			items = append(items, widgets.SearchItem{Key: st.ID, Title: st.Name, Detail: detail})
		}
	} else {
		for _, t := range s.class.graph.Targets {
			items = append(items, widgets.SearchItem{Key: t.Code, Title: t.Code, Detail: t.Statement})
		}
	}
	s.picker.SetItems(items)
	s.picker.Select(s.chosen())
}

func (s *Screen) onPicked(key string) {
	if s.byStudent {
		s.student = key
	} else {
		s.target = key
	}
	s.fillColumn()
}

func (s *Screen) onPickConfirmed(key string) {
	if key != s.chosen() {
		s.onPicked(key)
	}
	s.column.FocusRow(0, widgets.ScoreField)
}

// fillColumn builds the column's rows from the class held in memory.
func (s *Screen) fillColumn() {
	if s.class == nil {
		return
	}
	g := s.class.graph
	var rows []widgets.ScoreRow
	switch {
	case len(g.Targets) == 0:
		s.column.SetEmptyText("This continuum has no targets yet: add them in the Continuum tab.")
		s.setHeading("", "")
	case len(s.class.students) == 0:
		s.column.SetEmptyText("There are no students yet: add them in the Students tab.")
		s.setHeading("", "")
	case s.byStudent && s.student == "":
		s.column.SetEmptyText("Choose a student on the left: type a name or ID, then Enter.")
		s.setHeading("", "")
	case !s.byStudent && s.target == "":
		s.column.SetEmptyText("Choose a target on the left: type its code or words from it, then Enter.")
		s.setHeading("", "")
	case s.byStudent:
		st := &s.class.students[s.class.studentIndex(s.student)]
		targets := s.shownTargets()
		for _, t := range targets {
			rows = append(rows, s.row(st, t))
		}
		s.column.SetEmptyText("No targets at this domain and level.")
		where := continuum.Plural(len(targets), "target", "targets")
		if s.domain != "" || s.level != "" {
			where += " in " + strings.TrimPrefix(strings.Join([]string{s.domain, s.level}, " · "), " · ")
		}
		s.setHeading(st.Name, st.ID+prefixed(" · ", st.Group))
		s.subhead.SetText(where)
	default:
		t, _ := g.Target(s.target)
		students := s.groupStudents()
		for _, st := range students {
			rows = append(rows, s.row(st, &t))
		}
		s.column.SetEmptyText("No students in " + s.groupOption() + ".")
		s.setHeading(t.Code, t.Statement)
		s.subhead.SetText(fmt.Sprintf("%s · %s · %s · %s", t.Domain, t.Level, s.groupOption(), continuum.Plural(len(students), "student", "students")))
	}
	s.column.SetRows(rows)
	if i, _ := s.column.Current(); i >= 0 {
		s.onRowFocused(i) // what the row holds may have changed (an undo)
	} else if s.column.Len() == 0 {
		s.rowInfo.SetText("")
	}
}

func prefixed(prefix, s string) string {
	if s == "" {
		return ""
	}
	return prefix + s
}

func (s *Screen) setHeading(title, detail string) {
	if title == "" {
		s.heading.Segments = nil
		s.heading.Refresh()
		s.subhead.SetText("")
		return
	}
	s.heading.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Text: title, Style: widget.RichTextStyle{Inline: true, SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: "   " + detail, Style: widget.RichTextStyle{Inline: true, SizeName: theme.SizeNameSubHeadingText}},
	}
	s.heading.Refresh()
}

// row is the column row of a student on a target.
func (s *Screen) row(st *continuum.Student, t *continuum.Target) widgets.ScoreRow {
	m := s.class.masteryOf(st.ID, t.Code)
	status, imp := masteryStatus(m, t, &s.class.graph.Continuum.Scale)
	r := widgets.ScoreRow{Status: status, StatusImportance: imp}
	if s.byStudent {
		r.Key, r.Title, r.Detail = t.Code, t.Code, t.Statement
	} else {
		r.Key, r.Title, r.Detail = st.ID, st.Name, st.ID
	}
	if e, ok := s.saved[pairKey(st.ID, t.Code)]; ok {
		r.Saved = savedText(e)
	}
	return r
}

func pairKey(student, target string) string { return student + "\x00" + strings.ToLower(target) }

func savedText(e continuum.Evidence) string {
	text := "✓ " + continuum.FormatScore(e.Score)
	if e.Note != "" {
		text += " · " + e.Note
	}
	return text
}

// masteryStatus says where a student stands on a target in words short
// enough for the column, with the importance that colours it: "not yet ·
// 1.65, needs 3" (the method's result and the mastery cut), "not yet · 1
// of 2 pieces" (the cut met, the evidence required not), "mastered · 3.4".
func masteryStatus(m continuum.Mastery, t *continuum.Target, scale *continuum.Scale) (string, widget.Importance) {
	imp := widget.WarningImportance
	if m.Mastered {
		imp = widget.SuccessImportance
	}
	switch {
	case m.Source == continuum.FromOverride:
		return m.Status().String() + " (override)", imp
	case m.Source == continuum.FromPlacement:
		return "mastered (placement)", imp
	case m.Count == 0:
		return "no evidence", widget.LowImportance
	case !m.HasValue:
		return fmt.Sprintf("%s · %s", m.Status(), continuum.Plural(m.Count, "piece", "pieces")), imp
	case m.Mastered:
		return "mastered · " + continuum.FormatScore(m.Value), imp
	case m.NeedsMoreEvidence(scale) && m.Count < t.Required():
		return fmt.Sprintf("not yet · %d of %d pieces", m.Count, t.Required()), imp
	case scale.Mastered(m.Value): // the cut met, by a method that asks for more
		return "not yet · " + continuum.Plural(m.Count, "piece", "pieces"), imp
	}
	return fmt.Sprintf("not yet · %s, needs %s", continuum.FormatScore(m.Value), continuum.FormatScore(scale.Cut)), imp
}

// subjects returns the student and target of column row i.
func (s *Screen) subjects(i int) (*continuum.Student, *continuum.Target, bool) {
	if s.class == nil || i < 0 || i >= s.column.Len() {
		return nil, nil, false
	}
	key := s.column.Row(i).Key
	g := s.class.graph
	if s.byStudent {
		si := s.class.studentIndex(s.student)
		ti, ok := g.Lookup(key)
		if si < 0 || !ok {
			return nil, nil, false
		}
		return &s.class.students[si], &g.Targets[ti], true
	}
	si := s.class.studentIndex(key)
	ti, ok := g.Lookup(s.target)
	if si < 0 || !ok {
		return nil, nil, false
	}
	return &s.class.students[si], &g.Targets[ti], true
}

// rowOf returns the column row showing student on target, or -1.
func (s *Screen) rowOf(student, target string) int {
	if s.byStudent {
		if s.student != student {
			return -1
		}
		return s.column.RowIndex(target)
	}
	if !continuum.SameCode(s.target, target) {
		return -1
	}
	return s.column.RowIndex(student)
}

// refreshRow shows student's current standing on target, if on screen.
func (s *Screen) refreshRow(student, target string) {
	i := s.rowOf(student, target)
	if i < 0 {
		return
	}
	st, t, ok := s.subjects(i)
	if !ok {
		return
	}
	r := s.row(st, t)
	r.Message = s.column.Row(i).Message
	s.column.SetRow(i, r)
}

func (s *Screen) onScoreEntered(i int, text, note string) bool {
	st, t, ok := s.subjects(i)
	if !ok {
		return false
	}
	scale := &s.class.graph.Continuum.Scale
	score, err := scale.ParseScore(text)
	if err != nil {
		s.column.SetMessage(i, fmt.Sprintf("“%s” is not a score: %s", text, scale.Range()))
		s.setStatus(fmt.Sprintf("Nothing saved for %s: %s.", st.Name, screen.Problem(err)))
		return false
	}
	date, err := continuum.ParseDate(s.date.Text)
	if err != nil {
		s.column.SetMessage(i, "Fix the date above first")
		s.setStatus("Nothing saved: " + screen.Problem(err) + ".")
		return false
	}
	e := continuum.Evidence{
		Continuum: s.class.graph.Continuum.ID, Student: st.ID, Target: t.Code, Date: date,
		Score: score, Kind: continuum.EvidenceKindOfLabel(s.kind.Selected), Scorer: strings.TrimSpace(s.scorer.Text), Note: note,
	}
	s.column.SetMessage(i, "")
	name, code, pair := st.Name, t.Code, pairKey(st.ID, t.Code)
	s.adding[pair]++
	s.saves.add(func(done func()) {
		// A save is one synced write and a read of one student: usually
		// done within a few milliseconds, and then shown as saved in the
		// frame that follows the key.
		screen.RunWithin(saveWait, func(ctx context.Context) (savedScore, error) {
			saved, err := s.store.AddEvidence(ctx, e)
			if err != nil {
				return savedScore{}, fmt.Errorf("record %s's score on %s: %w", name, code, err)
			}
			// The student is judged again on their evidence read back
			// with the score: the class does not keep it.
			r, err := loadStudentRecords(ctx, s.store, e.Continuum, e.Student)
			return savedScore{evidence: saved[0], records: r, reread: err == nil}, nil
		}, func(saved savedScore) {
			s.adding[pair]--
			s.onScoreSaved(saved, name)
			done()
		}, func(err error) {
			s.adding[pair]--
			s.onSaveFailed(e.Student, e.Target, text, note, err)
			done()
		})
	})
	return true
}

// saveWait is how long the window waits for a score to be saved before
// it goes on and shows the save when it is done: under a frame.
const saveWait = 12 * time.Millisecond

// savedScore is a score as stored, with its student's records read back
// after it (reread false when they could not be).
type savedScore struct {
	evidence continuum.Evidence
	records  studentRecords
	reread   bool
}

func (s *Screen) onScoreSaved(saved savedScore, name string) {
	e := saved.evidence
	if c := s.class; c != nil && c.graph.Continuum.ID == e.Continuum {
		c.watch(e)
		if saved.reread {
			c.setStudent(e.Student, saved.records)
		} else {
			c.addPiece(e)
			s.Load() // the student is judged again with the class
		}
	}
	s.saved[pairKey(e.Student, e.Target)] = e
	s.WS.SetStudent(e.Student) // the profile opens on the student just scored
	s.refreshRow(e.Student, e.Target)
	screen.ReportShown("saved")
	s.statusOf = &e
	score := continuum.FormatScore(e.Score)
	store := s.store
	step := screen.UndoStep{
		Label: fmt.Sprintf("score %s for %s", score, name),
		Undo: func(ctx context.Context) error {
			_, err := store.DeleteEvidence(ctx, e.ID)
			return err
		},
		Change: screen.Change{Kind: screen.EvidenceChanged, Continuum: e.Continuum},
	}
	s.WS.Record(step) // Ctrl+Z reverses the score from now on
	// The row shows the score saved in the frame that follows the key; the
	// status line, the current row's history line and the Undo button
	// follow in the frame after, so that the first is as quick as it can be.
	screen.AfterFrame(func() {
		if s.statusOf == &e { // nothing said since
			s.status.SetText(fmt.Sprintf("Saved %s for %s on %s", score, name, e.Target))
		}
		s.sayRowInfo() // the scored row's history has the score
		s.announce(step.Change)
		screen.ReportShown("settled")
	})
}

// onSaveFailed puts what was typed back on its row with the reason.
func (s *Screen) onSaveFailed(student, target, score, note string, err error) {
	if i := s.rowOf(student, target); i >= 0 {
		if ts, tn := s.column.Typed(i); ts == "" && tn == "" {
			s.column.SetTyped(i, score, note)
		}
		s.column.SetMessage(i, "Not saved")
	}
	s.setStatus("Not saved: " + screen.Problem(err))
	var ce *continuum.Error
	if !errors.As(err, &ce) {
		screen.ShowError(s.Win, err) // not a problem with what was typed: say it loudly
	}
}

func (s *Screen) onNoteEntered(i int, note string) bool {
	st, t, ok := s.subjects(i)
	if !ok {
		return false
	}
	pair := pairKey(st.ID, t.Code)
	if _, ok := s.saved[pair]; !ok && s.adding[pair] == 0 {
		s.column.SetMessage(i, "Type a score first")
		s.setStatus(fmt.Sprintf("The note waits for a score: type %s's score, then Enter.", st.Name))
		return false
	}
	// The score may still be on its way to the store: the note follows it
	// in the queue and goes to whatever evidence it became.
	name, student, code := st.Name, st.ID, t.Code
	s.saves.add(func(done func()) {
		old, ok := s.saved[pair]
		if !ok {
			s.onSaveFailed(student, code, "", note, fmt.Errorf("add a note to %s's score on %s: the score was not saved", name, code))
			done()
			return
		}
		upd := old
		upd.Note = note
		if old.Note != "" {
			upd.Note = old.Note + "; " + note
		}
		screen.Run(func(ctx context.Context) (struct{}, error) {
			if err := s.store.UpdateEvidence(ctx, upd); err != nil {
				return struct{}{}, fmt.Errorf("add the note to %s's score on %s: %w", name, code, err)
			}
			return struct{}{}, nil
		}, func(struct{}) {
			s.onNoteSaved(old, upd, name)
			done()
		}, func(err error) {
			s.onSaveFailed(student, code, "", note, err)
			done()
		})
	})
	return true
}

func (s *Screen) onNoteSaved(old, upd continuum.Evidence, name string) {
	if s.class != nil && s.class.graph.Continuum.ID == upd.Continuum {
		s.class.replaceNote(upd)
	}
	s.saved[pairKey(upd.Student, upd.Target)] = upd
	s.refreshRow(upd.Student, upd.Target)
	s.status.SetText(fmt.Sprintf("Added the note to %s's %s on %s", name, continuum.FormatScore(upd.Score), upd.Target))
	s.statusOf = &upd
	store := s.store
	s.did(screen.UndoStep{
		Label:  "note for " + name,
		Undo:   func(ctx context.Context) error { return store.UpdateEvidence(ctx, old) },
		Change: screen.Change{Kind: screen.EvidenceChanged, Continuum: upd.Continuum},
	})
}

// saveQueue runs the screen's saves one after another, in the order they
// were typed: so the store numbers same-day evidence in that order, a
// note reaches the score typed before it, and Undo takes back the last
// thing typed.
type saveQueue struct {
	jobs []func(done func())
}

// add queues job; job calls done (on the UI goroutine) when it has finished.
func (q *saveQueue) add(job func(done func())) {
	q.jobs = append(q.jobs, job)
	if len(q.jobs) == 1 {
		job(q.next)
	}
}

func (q *saveQueue) next() {
	q.jobs = q.jobs[1:]
	if len(q.jobs) > 0 {
		q.jobs[0](q.next)
	}
}

// forgetStale drops from what the rows say was saved (all students', or
// one's) what the class no longer holds as it was saved: undone, deleted or
// edited since. A status line about such a save is cleared.
func (s *Screen) forgetStale(c *scoringClass, student string) {
	for key, e := range s.saved {
		if student != "" && e.Student != student {
			continue
		}
		if now, ok, known := c.find(e.ID); !known {
			continue // saved while the class was read: it cannot say
		} else if !ok {
			delete(s.saved, key) // undone or deleted since
		} else {
			s.saved[key] = now // a note undone or edited in the history
		}
	}
	if e := s.statusOf; e != nil && (student == "" || e.Student == student) {
		if now, ok, known := c.find(e.ID); known && (!ok || now.Score != e.Score || now.Note != e.Note) {
			s.setStatus("")
		}
	}
}

// setStatus writes a status line that reports no save.
func (s *Screen) setStatus(text string) {
	s.status.SetText(text)
	s.statusOf = nil
}

// rowInfoLater says the current row's history line in the frame after
// this one: moving to a row by a score's Enter shows the score saved first.
func (s *Screen) rowInfoLater() {
	if s.rowInfoDue {
		return
	}
	s.rowInfoDue = true
	screen.AfterFrame(func() {
		if s.rowInfoDue { // not said since
			s.sayRowInfo()
		}
	})
}

// sayRowInfo says the current row's history line now.
func (s *Screen) sayRowInfo() {
	s.rowInfoDue = false
	if i, _ := s.column.Current(); i >= 0 {
		s.onRowFocused(i)
	}
}

// onRowFocused says what the row's history holds, without a dialog.
func (s *Screen) onRowFocused(i int) {
	st, t, ok := s.subjects(i)
	if !ok {
		s.rowInfo.SetText("")
		return
	}
	who := st.Name + " on " + t.Code
	if s.byStudent {
		who = t.Code + " " + strings.TrimSuffix(t.Statement, ".") + ". " + st.Name
	}
	ev := s.class.piecesOn(st.ID, t.Code)
	if len(ev) == 0 {
		s.rowInfo.SetText(who + ": no evidence yet.")
		return
	}
	scores := make([]string, 0, 6)
	from := max(0, len(ev)-6)
	for _, e := range ev[from:] {
		scores = append(scores, continuum.FormatScore(e.score))
	}
	more := ""
	if from > 0 {
		more = "… "
	}
	s.rowInfo.SetText(fmt.Sprintf("%s: %s%s, the last on %s. Ctrl+H for the history.",
		who, more, strings.Join(scores, ", "), ev[len(ev)-1].date().Long()))
}

func (s *Screen) onLastRow(int) {
	if s.byStudent {
		s.setStatus("That was the last target shown. Choose another student on the left to go on.")
	} else {
		s.setStatus("That was the last student. Choose another target on the left to go on.")
	}
}

func (s *Screen) onHistory(i int) {
	st, t, ok := s.subjects(i)
	if !ok {
		return
	}
	s.editor.Show(s.class.graph, *st, t.Code)
}

// onStudentChanged rereads one student's evidence and overrides after the
// history was edited, and shows their rows again.
func (s *Screen) onStudentChanged(student string) {
	if s.class == nil {
		return
	}
	c := s.class
	cid := c.graph.Continuum.ID
	screen.Run(func(ctx context.Context) (studentRecords, error) {
		return loadStudentRecords(ctx, s.store, cid, student)
	}, func(r studentRecords) {
		if s.class != c {
			return
		}
		c.setStudent(student, r)
		s.forgetStale(c, student)
		s.fillColumn()
	}, func(err error) { screen.ShowError(s.Win, err) })
}

// scoringClass is a continuum's class held in memory while scoring: the
// graph, the roster, each student's overrides and mastery, and of their
// evidence only what the row info line says (scoringPiece). A district
// class's evidence (56 MB as read) is not kept: a score saved reads its
// student's evidence back to judge them again.
type scoringClass struct {
	graph     *continuum.Graph
	students  []continuum.Student
	index     map[string]int
	pieces    map[string][]scoringPiece // by student, in no particular order
	overrides map[string][]continuum.Override
	mastery   map[string][]scoringJudgement // indexed like graph.Targets
	// watched holds the IDs of the evidence saved from the screen, whose
	// notes and scores are checked after a load (forgetStale), and kept
	// the pieces among them that the class holds, as read.
	watched map[uint64]bool
	kept    map[uint64]continuum.Evidence
}

// scoringJudgement is what the column shows of one judgement, in 16
// bytes: a district class holds 600,000 of them.
type scoringJudgement struct {
	value float64
	count int32
	flags uint8 // judgedHasValue, judgedMastered, and the source shifted by judgedSourceShift
}

// The bits of scoringJudgement.flags.
const (
	judgedHasValue    = 1 << 0
	judgedMastered    = 1 << 1
	judgedSourceShift = 2
)

// judgement returns what the column keeps of m.
func judgement(m *continuum.Mastery) scoringJudgement {
	j := scoringJudgement{value: m.Value, count: int32(m.Count), flags: uint8(m.Source) << judgedSourceShift}
	if m.HasValue {
		j.flags |= judgedHasValue
	}
	if m.Mastered {
		j.flags |= judgedMastered
	}
	return j
}

// scoringPiece is what the row info line says of a piece of evidence:
// 24 bytes, where a continuum.Evidence read from the store is about 280.
type scoringPiece struct {
	id     uint64
	score  float64
	day    int32 // days since 1970-01-01
	target int32 // index in graph.Targets, -1 for a code it lacks
}

// date returns the day the piece was gathered on.
func (p scoringPiece) date() continuum.Date { return continuum.NewDate(1970, 1, 1+int(p.day)) }

type studentRecords struct {
	evidence  []continuum.Evidence
	overrides []continuum.Override
}

// loadScoringClass reads the class of continuum cid and judges it; of the
// evidence it keeps the pieces and, whole, those whose IDs are in watch.
func loadScoringClass(ctx context.Context, st Store, cid string, watch map[uint64]bool) (*scoringClass, error) {
	g, err := st.Graph(ctx, cid)
	if err != nil {
		return nil, fmt.Errorf("load the class: %w", err)
	}
	c := &scoringClass{graph: g, index: map[string]int{}, pieces: map[string][]scoringPiece{},
		overrides: map[string][]continuum.Override{}, mastery: map[string][]scoringJudgement{},
		watched: watch, kept: map[uint64]continuum.Evidence{}}
	if c.watched == nil {
		c.watched = map[uint64]bool{}
	}
	if c.students, err = st.Students(ctx); err != nil {
		return nil, fmt.Errorf("load the class: %w", err)
	}
	// Students who have left the class are not scored.
	c.students = slices.DeleteFunc(c.students, func(st continuum.Student) bool { return st.Inactive })
	ev, err := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid})
	if err != nil {
		return nil, fmt.Errorf("load the class: %w", err)
	}
	evidence := continuum.GroupEvidence(ev) // parts of ev, not copies
	ov, err := st.Overrides(ctx, cid, "")
	if err != nil {
		return nil, fmt.Errorf("load the class: %w", err)
	}
	for _, o := range ov {
		c.overrides[o.Student] = append(c.overrides[o.Student], o)
	}
	for i := range c.students {
		id := c.students[i].ID
		c.index[id] = i
		c.judge(id, evidence[id])
		c.keep(id, evidence[id])
	}
	return c, nil
}

func loadStudentRecords(ctx context.Context, st Store, cid, student string) (studentRecords, error) {
	var r studentRecords
	var err error
	if r.evidence, err = st.Evidence(ctx, continuum.EvidenceFilter{Continuum: cid, Student: student}); err != nil {
		return r, fmt.Errorf("reread %s's evidence: %w", student, err)
	}
	if r.overrides, err = st.Overrides(ctx, cid, student); err != nil {
		return r, fmt.Errorf("reread %s's overrides: %w", student, err)
	}
	return r, nil
}

func (c *scoringClass) studentIndex(id string) int {
	if i, ok := c.index[id]; ok && id != "" {
		return i
	}
	return -1
}

// judge judges one student's every target again on ev, their evidence
// (a few milliseconds).
func (c *scoringClass) judge(student string, ev []continuum.Evidence) {
	i := c.studentIndex(student)
	if i < 0 {
		return
	}
	all := c.graph.StudentMastery(&c.students[i], ev, c.overrides[student])
	kept := slices.Grow(c.mastery[student][:0], len(all))[:len(all)]
	for k := range all {
		kept[k] = judgement(&all[k])
	}
	c.mastery[student] = kept
}

// keep puts in place of what the class held of a student's evidence the
// pieces of ev, and the watched evidence among it whole.
func (c *scoringClass) keep(student string, ev []continuum.Evidence) {
	for id, e := range c.kept {
		if e.Student == student {
			delete(c.kept, id)
		}
	}
	pieces := make([]scoringPiece, 0, len(ev))
	for _, e := range ev {
		pieces = append(pieces, c.piece(e))
		if c.watched[e.ID] {
			c.kept[e.ID] = e
		}
	}
	c.pieces[student] = pieces
}

// piece returns what the class keeps of e.
func (c *scoringClass) piece(e continuum.Evidence) scoringPiece {
	t, ok := c.graph.Lookup(e.Target)
	if !ok {
		t = -1
	}
	return scoringPiece{id: e.ID, score: e.Score, day: int32(e.Date.Time().Unix() / 86400), target: int32(t)}
}

// masteryOf returns a student's judgement on a target as the column
// shows it: without the override itself or the latest date, which the
// class does not keep.
func (c *scoringClass) masteryOf(student, code string) continuum.Mastery {
	i, ok := c.graph.Lookup(code)
	m := c.mastery[student]
	if !ok || i >= len(m) {
		return continuum.Mastery{Target: code}
	}
	j := &m[i]
	return continuum.Mastery{Target: code, Count: int(j.count), Value: j.value, HasValue: j.flags&judgedHasValue != 0,
		Mastered: j.flags&judgedMastered != 0, Source: continuum.Source(j.flags >> judgedSourceShift)}
}

// piecesOn returns what the class keeps of a student's evidence on a
// target, oldest first (as continuum.SortEvidence orders evidence).
func (c *scoringClass) piecesOn(student, code string) []scoringPiece {
	t, ok := c.graph.Lookup(code)
	if !ok {
		return nil
	}
	var out []scoringPiece
	for _, p := range c.pieces[student] {
		if p.target == int32(t) {
			out = append(out, p)
		}
	}
	slices.SortStableFunc(out, func(a, b scoringPiece) int {
		return cmp.Or(cmp.Compare(a.day, b.day), cmp.Compare(a.id, b.id))
	})
	return out
}

// find returns the watched evidence with id as the class holds it now;
// known is false when the class does not watch id, and cannot say.
func (c *scoringClass) find(id uint64) (e continuum.Evidence, ok, known bool) {
	if !c.watched[id] {
		return continuum.Evidence{}, false, false
	}
	e, ok = c.kept[id]
	return e, ok, true
}

// watch makes e, just saved from the screen, watched and kept whole.
func (c *scoringClass) watch(e continuum.Evidence) {
	c.watched[e.ID] = true
	c.kept[e.ID] = e
}

// addPiece adds e to what the class keeps of its student's evidence,
// unless it is there already; their judgement is not worked out again.
func (c *scoringClass) addPiece(e continuum.Evidence) {
	if !slices.ContainsFunc(c.pieces[e.Student], func(p scoringPiece) bool { return p.id == e.ID }) {
		c.pieces[e.Student] = append(c.pieces[e.Student], c.piece(e))
	}
}

// replaceNote takes e, whose note alone changed, in place of the evidence
// with its ID; a note changes no judgement and no piece.
func (c *scoringClass) replaceNote(e continuum.Evidence) {
	if c.watched[e.ID] {
		c.kept[e.ID] = e
	}
}

// setStudent takes a student's records as read again and judges them.
func (c *scoringClass) setStudent(student string, r studentRecords) {
	c.overrides[student] = r.overrides
	c.judge(student, r.evidence)
	c.keep(student, r.evidence)
}
