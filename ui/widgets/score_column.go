package widgets

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// ScoreCell names a cell of a ScoreColumn row that takes typing.
type ScoreCell int

// The cells of a row that take typing.
const (
	// ScoreField is the score cell.
	ScoreField ScoreCell = iota
	// NoteField is the note cell.
	NoteField
)

// ScoreRow is one row of a ScoreColumn: who or what is scored, where they
// stand now, and what became of the last thing typed on the row.
type ScoreRow struct {
	// Key identifies the row to the caller, e.g. a student ID or a target code.
	Key string
	// Title is shown in bold: the student's name, or the target's code.
	Title string
	// Detail follows the title in a quieter colour: the student's ID, or the target's statement.
	Detail string
	// Status is the current standing in a few words, e.g. "not yet · 2.65, needs 3".
	Status string
	// StatusImportance colours the status (success for mastered, warning for not yet...).
	StatusImportance widget.Importance
	// Saved says what was last saved from the row, e.g. "✓ 3 · Exit ticket".
	Saved string
	// Message is a problem with what was typed on the row; it replaces Saved while set.
	Message string
}

// ScoreColumn is a spreadsheet-like column for scoring fast from the
// keyboard: one row per student (or per target), each with a score cell
// and a note cell.
//
// In a score cell, Enter or Down sends what was typed (through OnScore)
// and moves to the next row's score; Up sends it and moves back; Tab sends
// it and moves to the row's note; Shift+Tab goes to the previous row's
// note; Escape clears the cell. In a note cell, Enter or Tab sends the
// note (with the score typed on the row, if any, through OnScore, or else
// through OnNote) and moves to the next row's score; Up and Down move
// along the notes; Shift+Tab goes back to the row's score. When a handler
// refuses what was typed, the focus stays on the row, so nothing typed is
// lost and nothing is sent twice. When the focus leaves a row another way
// (a click on another row or elsewhere, a drop-down, another window),
// what was typed on it is sent as Enter would send it, without moving on.
// Ctrl+H asks for the row's history, and Ctrl+F to find something else to
// score.
//
// Rows are built lazily (a widget.List), so a column of hundreds of rows
// stays responsive. As in a spreadsheet, one pair of editors (score and
// note) sits on the current row and moves with it; the cells of the other
// rows are drawn, not edited, which keeps each frame cheap.
type ScoreColumn struct {
	widget.BaseWidget

	// OnScore is called when a score typed on row is sent, with the note
	// typed on the row (possibly empty). It returns false to refuse it (after
	// setting the row's Message); on true the row's cells are cleared.
	OnScore func(row int, score, note string) bool
	// OnNote is called when a note is sent on a row with no score typed
	// (to add it to the evidence just saved). It returns false to refuse it.
	OnNote func(row int, note string) bool
	// OnRowFocused is called when another row becomes the current one.
	OnRowFocused func(row int)
	// OnHistory is called when the teacher asks for a row's history.
	OnHistory func(row int)
	// OnLastRow is called when Enter or Down is pressed on the last row.
	OnLastRow func(row int)
	// OnFind is called on Ctrl+F in a cell, to go and choose something else.
	OnFind func()

	rows     []ScoreRow
	typed    []typedCells
	bound    map[int]*scoreRowView // the view last given each row
	list     *widget.List
	header   *fyne.Container
	titleH   *widget.Label
	empty    *widget.Label
	emptyBox *fyne.Container
	// current is the row being worked on (-1 for none): the editors hold
	// what was typed on it, and sit on its view while it is shown.
	current int
	cell    ScoreCell
	// The editors of the current row's cells, and the view they sit on.
	scoreEd, noteEd *CellEntry
	edView          *scoreRowView
	// keep is set while the column moves the focus itself, or rebinds a
	// row's view: the focus lost then sends nothing.
	keep bool
	// loading is set while the editors are given a row's text: their
	// OnChanged must not take it for typing.
	loading bool
}

type typedCells struct{ score, note string }

// Column widths (see ColumnsLayout): title and note share what is left, 3 to 2.
var scoreColumnWidths = []float32{-3, 180, 72, -2, 160, 40}

// NewScoreColumn returns an empty column whose first header is titleHeader
// (e.g. "Student" or "Target").
func NewScoreColumn(titleHeader string) *ScoreColumn {
	s := &ScoreColumn{current: -1, bound: map[int]*scoreRowView{}}
	s.ExtendBaseWidget(s)
	s.titleH = boldLabel(titleHeader)
	s.header = container.New(NewColumnsLayout(scoreColumnWidths...),
		s.titleH, boldLabel("Now"), boldLabel("Score"), boldLabel("Note"), boldLabel("Saved"), widget.NewLabel(""))
	s.empty = Quiet("")
	s.empty.Hide()
	s.emptyBox = container.NewVBox(s.empty)
	s.newEditors()
	s.list = widget.NewList(func() int { return len(s.rows) }, s.createRow, s.updateRow)
	s.list.HideSeparators = true
	s.list.OnSelected = func(id widget.ListItemID) {
		// A click beside the cells: work on that row. The column marks
		// the current row itself, so the list keeps no selection.
		s.list.UnselectAll()
		s.FocusRow(id, ScoreField)
	}
	return s
}

// newEditors makes the score and note editors that sit on the current row.
func (s *ScoreColumn) newEditors() {
	s.scoreEd, s.noteEd = NewCellEntry(), NewCellEntry()
	s.scoreEd.OnChanged = func(text string) {
		if !s.loading && s.current >= 0 {
			s.typed[s.current].score = text
			s.clearMessage(s.current)
		}
	}
	s.noteEd.OnChanged = func(text string) {
		if !s.loading && s.current >= 0 {
			s.typed[s.current].note = text
		}
	}
	s.scoreEd.OnNav = s.onScoreNav
	s.noteEd.OnNav = s.onNoteNav
	s.scoreEd.OnFocus = func() { s.cell = ScoreField }
	s.noteEd.OnFocus = func() { s.cell = NoteField }
	s.scoreEd.OnFocusLost = s.onCellLeft
	s.noteEd.OnFocusLost = s.onCellLeft
	s.scoreEd.OnShortcut = s.onShortcut
	s.noteEd.OnShortcut = s.onShortcut
}

func boldLabel(text string) *widget.Label {
	return widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
}

// CreateRenderer lays out the header above the rows.
func (s *ScoreColumn) CreateRenderer() fyne.WidgetRenderer {
	top := container.NewVBox(container.NewPadded(s.header), widget.NewSeparator())
	return widget.NewSimpleRenderer(container.NewBorder(top, nil, nil, nil, container.NewStack(s.list, s.emptyBox)))
}

// SetTitleHeader changes the first column's header.
func (s *ScoreColumn) SetTitleHeader(text string) { s.titleH.SetText(text) }

// SetEmptyText sets what the column says when it has no rows.
func (s *ScoreColumn) SetEmptyText(text string) {
	s.empty.SetText(text)
	s.showEmpty()
}

// EmptyText returns what the column says when it has no rows.
func (s *ScoreColumn) EmptyText() string { return s.empty.Text }

// SetScoreHint sets the placeholder of the score cells, e.g. "1–4".
func (s *ScoreColumn) SetScoreHint(hint string) { s.scoreEd.SetPlaceHolder(hint) }

func (s *ScoreColumn) showEmpty() {
	if len(s.rows) == 0 && s.empty.Text != "" {
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	s.emptyBox.Refresh() // lay the label out again now that it shows or hides
}

// SetRows replaces the rows. What was typed on a row and not yet sent
// stays with the row of the same key; so does the current row.
func (s *ScoreColumn) SetRows(rows []ScoreRow) {
	old := make(map[string]typedCells, len(s.rows))
	for i, r := range s.rows {
		if t := s.typed[i]; t != (typedCells{}) {
			old[r.Key] = t
		}
	}
	currentKey := ""
	if s.current >= 0 && s.current < len(s.rows) {
		currentKey = s.rows[s.current].Key
	}
	s.rows = rows
	s.typed = make([]typedCells, len(rows))
	s.current = -1
	for i, r := range rows {
		s.typed[i] = old[r.Key]
		if r.Key == currentKey && currentKey != "" {
			s.current = i
		}
	}
	if s.current < 0 {
		s.dropEditorFocus() // the row is gone, and with it what was typed on it
	}
	s.loadEditors()
	s.list.Refresh()
	s.showEmpty()
}

// Len returns the number of rows.
func (s *ScoreColumn) Len() int { return len(s.rows) }

// Row returns row i.
func (s *ScoreColumn) Row(i int) ScoreRow { return s.rows[i] }

// RowIndex returns the index of the row with key, or -1.
func (s *ScoreColumn) RowIndex(key string) int {
	for i, r := range s.rows {
		if r.Key == key {
			return i
		}
	}
	return -1
}

// SetRow replaces row i (its key included) and shows it.
func (s *ScoreColumn) SetRow(i int, row ScoreRow) {
	if i < 0 || i >= len(s.rows) {
		return
	}
	s.rows[i] = row
	s.refreshRow(i)
}

// SetMessage sets row i's message ("" clears it).
func (s *ScoreColumn) SetMessage(i int, msg string) {
	if i < 0 || i >= len(s.rows) {
		return
	}
	s.rows[i].Message = msg
	s.refreshRow(i)
}

// Typed returns the score and note typed on row i and not yet sent.
func (s *ScoreColumn) Typed(i int) (score, note string) {
	if i < 0 || i >= len(s.typed) {
		return "", ""
	}
	return s.typed[i].score, s.typed[i].note
}

// SetTyped puts text back into row i's cells, e.g. when sending it failed.
func (s *ScoreColumn) SetTyped(i int, score, note string) {
	if i < 0 || i >= len(s.typed) {
		return
	}
	s.typed[i] = typedCells{score, note}
	if i == s.current {
		s.loadEditors()
	}
	s.refreshRow(i)
}

// Current returns the current row and the cell last edited on it (row -1
// if none).
func (s *ScoreColumn) Current() (int, ScoreCell) { return s.current, s.cell }

// FocusRow scrolls to row i and puts the focus in its cell. When the
// focus was in another row's cell, what was typed there is sent first, as
// when the focus leaves the column.
func (s *ScoreColumn) FocusRow(i int, cell ScoreCell) {
	if i < 0 || i >= len(s.rows) {
		return
	}
	// Ask for the column's canvas: a row just built has not been drawn yet,
	// and the driver only knows the canvas of what it has drawn.
	c := fyne.CurrentApp().Driver().CanvasForObject(s)
	editing := c != nil && s.editorFocused(c)
	if editing && i != s.current && !s.keep && s.current >= 0 {
		s.sendNote(s.current) // a click on another row: what was typed goes
	}
	keep := s.keep
	s.keep = true // the editors may leave the tree while the list scrolls
	defer func() { s.keep = keep }()
	moved := i != s.current
	s.scrollTo(i)
	s.moveTo(i)
	if s.viewOf(i) == nil || c == nil {
		s.dropEditorFocus() // not laid out: nowhere to type
		return
	}
	ed := s.editor(cell)
	if c.Focused() != fyne.Focusable(ed) {
		c.Focus(ed) // its FocusGained selects the text
		return
	}
	// The editor stays focused and comes to another row, as a
	// spreadsheet's cell cursor moves: select what is there, so that
	// typing replaces it.
	s.cell = cell
	if moved && ed.Text != "" {
		ed.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
	}
}

func (s *ScoreColumn) editor(cell ScoreCell) *CellEntry {
	if cell == NoteField {
		return s.noteEd
	}
	return s.scoreEd
}

// editorFocused reports whether one of the editors has c's focus.
func (s *ScoreColumn) editorFocused(c fyne.Canvas) bool {
	f := c.Focused()
	return f != nil && (f == fyne.Focusable(s.scoreEd) || f == fyne.Focusable(s.noteEd))
}

// dropEditorFocus takes the focus from the editors, sending nothing: what
// was typed stays with its row.
func (s *ScoreColumn) dropEditorFocus() {
	c := fyne.CurrentApp().Driver().CanvasForObject(s)
	if c == nil || !s.editorFocused(c) {
		return
	}
	keep := s.keep
	s.keep = true
	c.Unfocus()
	s.keep = keep
}

// moveTo makes row i the current one: the editors take what was typed on
// it and go to its view.
func (s *ScoreColumn) moveTo(i int) {
	if i == s.current {
		s.refreshRow(i)
		return
	}
	old := s.current
	s.current = i
	s.loadEditors()
	s.refreshRow(old)
	s.refreshRow(i)
	if s.OnRowFocused != nil {
		s.OnRowFocused(i)
	}
}

// loadEditors gives the editors what was typed on the current row.
func (s *ScoreColumn) loadEditors() {
	var t typedCells
	if s.current >= 0 && s.current < len(s.typed) {
		t = s.typed[s.current]
	}
	s.loading = true
	defer func() { s.loading = false }()
	if s.scoreEd.Text != t.score {
		s.scoreEd.SetText(t.score)
	}
	if s.noteEd.Text != t.note {
		s.noteEd.SetText(t.note)
	}
}

// scrollTo brings row i into view when it is not wholly in it. Going
// down past the view's foot puts the row a third of the way down the
// view, so that the rows to come show below it; going up past its top
// puts it two thirds down. The column so scrolls once in several rows,
// not at every key. (List.ScrollTo would also refresh every row shown.)
func (s *ScoreColumn) scrollTo(i int) {
	if v := s.viewOf(i); v != nil && s.rowShown(i) {
		return
	}
	h := s.rowHeight()
	if h <= 0 {
		s.list.ScrollTo(i)
		return
	}
	top, view, off := float32(i)*h, s.list.Size().Height, s.list.GetScrollOffset()
	switch {
	case top < off:
		s.list.ScrollToOffset(max(top-view*2/3+h, 0))
	case top+h > off+view:
		s.list.ScrollToOffset(max(top-view/3, top+h-view))
	}
	if s.viewOf(i) == nil {
		s.list.ScrollTo(i) // not laid out yet: let the list work it out
	}
}

// rowHeight is the height of a row with the gap below it, once a row exists.
func (s *ScoreColumn) rowHeight() float32 {
	for _, v := range s.bound {
		return v.MinSize().Height + theme.Padding()
	}
	return 0
}

// rowShown reports whether row i lies wholly inside the list's view.
func (s *ScoreColumn) rowShown(i int) bool {
	h := s.rowHeight()
	if h <= 0 {
		return false
	}
	top, off := float32(i)*h, s.list.GetScrollOffset()
	return top >= off && top+h-theme.Padding() <= off+s.list.Size().Height
}

// ScoreEntry returns the score editor when it sits on row i, or nil: the
// row is not the current one, or is scrolled out of view.
func (s *ScoreColumn) ScoreEntry(i int) *CellEntry {
	if v := s.viewOf(i); v != nil && v == s.edView {
		return s.scoreEd
	}
	return nil
}

// NoteEntry returns the note editor when it sits on row i, or nil.
func (s *ScoreColumn) NoteEntry(i int) *CellEntry {
	if v := s.viewOf(i); v != nil && v == s.edView {
		return s.noteEd
	}
	return nil
}

func (s *ScoreColumn) viewOf(i int) *scoreRowView {
	if v := s.bound[i]; v != nil && v.id == i {
		return v
	}
	return nil
}

// refreshRow shows row i again if it is on screen.
func (s *ScoreColumn) refreshRow(i int) {
	if v := s.viewOf(i); v != nil {
		s.bind(v, i)
	}
}

// scoreRowView is the widgets of one shown row; the list reuses it for
// other rows as the column scrolls. Its score and note slots hold the
// cells' faces, or the editors while the row is the current one.
type scoreRowView struct {
	widget.BaseWidget

	id        int // row shown, -1 while being rebound
	mark      *canvas.Rectangle
	title     *widget.RichText
	status    *LineLabel
	score     *cellFace
	note      *cellFace
	scoreSlot *fyne.Container
	noteSlot  *fyne.Container
	saved     *LineLabel
	history   *widget.Button
	cells     *fyne.Container
}

// CreateRenderer draws the current-row mark behind the cells.
func (v *scoreRowView) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(v.mark, v.cells))
}

// hold puts score and note in the view's slots (the editors, or its own
// faces). What comes is only placed: it keeps what it has drawn (a
// refresh would draw its text again), and the row is redrawn.
func (v *scoreRowView) hold(score, note fyne.CanvasObject) {
	if moved := place(v.scoreSlot, score); place(v.noteSlot, note) || moved {
		v.mark.Refresh() // a rectangle: the cheapest way to have the row drawn again
	}
}

// place puts o in slot, the size of it, and reports whether o was not there.
func place(slot *fyne.Container, o fyne.CanvasObject) bool {
	if slot.Objects[0] == o {
		return false
	}
	slot.Objects[0] = o
	o.Resize(slot.Size())
	o.Move(fyne.Position{})
	return true
}

func (s *ScoreColumn) createRow() fyne.CanvasObject {
	v := &scoreRowView{id: -1}
	v.ExtendBaseWidget(v)
	v.mark = canvas.NewRectangle(color.Transparent) // square: see cellFace
	v.title = widget.NewRichText(titleSegment(""), detailSegment(""))
	v.title.Truncation = fyne.TextTruncateEllipsis
	v.status = NewLineLabel("")
	v.score = newCellFace(func() { s.tapped(v, ScoreField) })
	v.note = newCellFace(func() { s.tapped(v, NoteField) })
	v.scoreSlot = container.NewStack(v.score)
	v.noteSlot = container.NewStack(v.note)
	v.saved = NewLineLabel("")
	v.history = widget.NewButtonWithIcon("", theme.HistoryIcon(), func() {
		if v.id >= 0 && s.OnHistory != nil {
			s.OnHistory(v.id)
		}
	})
	v.history.Importance = widget.LowImportance
	v.cells = container.New(NewColumnsLayout(scoreColumnWidths...), v.title, v.status, v.scoreSlot, v.noteSlot, v.saved, v.history)
	return v
}

// tapped edits the cell of v's row that was clicked.
func (s *ScoreColumn) tapped(v *scoreRowView, cell ScoreCell) {
	if v.id >= 0 {
		s.FocusRow(v.id, cell)
	}
}

func (s *ScoreColumn) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	v, ok := o.(*scoreRowView)
	if !ok || id < 0 || id >= len(s.rows) {
		return
	}
	if v.id != id && v.id >= 0 {
		if v == s.edView && !s.keep {
			// The current row scrolls out of view: typing would go to a
			// row no longer shown. What was typed stays with its row,
			// unsent: the list is being laid out, no time to store anything.
			s.dropEditorFocus()
		}
		if s.bound[v.id] == v {
			delete(s.bound, v.id)
		}
	}
	s.bound[id] = v
	s.bind(v, id)
}

// bind shows row id in v.
func (s *ScoreColumn) bind(v *scoreRowView, id int) {
	v.id = -1
	r := &s.rows[id]
	title, detail := v.title.Segments[0].(*widget.TextSegment), v.title.Segments[1].(*widget.TextSegment)
	if title.Text != r.Title || detail.Text != spaced(r.Detail) {
		title.Text, detail.Text = r.Title, spaced(r.Detail)
		v.title.Refresh()
	}
	if v.status.Text != r.Status || v.status.Importance != r.StatusImportance {
		v.status.Importance = r.StatusImportance
		v.status.Text = r.Status
		v.status.Refresh()
	}
	v.score.set(s.typed[id].score)
	v.note.set(s.typed[id].note)
	if id == s.current {
		if s.edView != nil && s.edView != v {
			s.edView.hold(s.edView.score, s.edView.note)
		}
		v.hold(s.scoreEd, s.noteEd)
		s.edView = v
	} else if s.edView == v {
		v.hold(v.score, v.note)
		s.edView = nil
	}
	s.showSaved(v, r)
	var mark color.Color = color.Transparent
	if id == s.current {
		mark = theme.Color(theme.ColorNameSelection)
	}
	if v.mark.FillColor != mark {
		v.mark.FillColor = mark
		v.mark.Refresh()
	}
	v.id = id
}

// clearMessage takes away row's message once something new is typed on it.
func (s *ScoreColumn) clearMessage(row int) {
	if r := &s.rows[row]; r.Message != "" {
		r.Message = ""
		if v := s.viewOf(row); v != nil {
			s.showSaved(v, r)
		}
	}
}

func (s *ScoreColumn) showSaved(v *scoreRowView, r *ScoreRow) {
	text, imp := r.Saved, widget.SuccessImportance
	if r.Message != "" {
		text, imp = r.Message, widget.DangerImportance
	}
	if v.saved.Text != text || v.saved.Importance != imp {
		v.saved.Importance = imp
		v.saved.Text = text
		v.saved.Refresh()
	}
}

// onCellLeft sends what was typed on the current row when the focus leaves
// the editors other than by the column's own keys, which send it themselves.
func (s *ScoreColumn) onCellLeft() {
	row := s.current
	if row < 0 || s.keep || row >= len(s.typed) {
		return
	}
	s.sendNote(row) // the score typed on the row, with the note; or the note alone
}

// focusWithin moves the focus from one cell of row to another, sending
// nothing on the way: the keys that do it have dealt with what was typed.
func (s *ScoreColumn) focusWithin(row int, cell ScoreCell) {
	s.keep = true
	defer func() { s.keep = false }()
	s.FocusRow(row, cell)
}

// Pending returns the rows with something typed and not yet sent (a score
// refused, or typed in the cell that has the focus), in row order.
func (s *ScoreColumn) Pending() []int {
	var out []int
	for i, t := range s.typed {
		if strings.TrimSpace(t.score) != "" || strings.TrimSpace(t.note) != "" {
			out = append(out, i)
		}
	}
	return out
}

func (s *ScoreColumn) onShortcut(sc fyne.Shortcut) bool {
	cs, ok := sc.(fyne.KeyboardShortcut)
	if !ok || cs.Mod() != fyne.KeyModifierShortcutDefault {
		return false
	}
	switch cs.Key() {
	case fyne.KeyH:
		if s.current >= 0 && s.OnHistory != nil {
			s.OnHistory(s.current)
		}
		return true
	case fyne.KeyF:
		if s.OnFind != nil {
			s.OnFind()
		}
		return true
	}
	return false
}

// sendScore offers what was typed on row to OnScore; true when there was
// nothing to send or it was taken. The cells are cleared before OnScore
// runs, so that a handler that finds a problem later (or at once) can put
// the text back with SetTyped.
func (s *ScoreColumn) sendScore(row int) bool {
	t := s.typed[row]
	score := strings.TrimSpace(t.score)
	if score == "" {
		return true
	}
	s.setTyped(row, typedCells{})
	if s.OnScore != nil && s.OnScore(row, score, strings.TrimSpace(t.note)) {
		s.refreshRow(row)
		return true
	}
	if row < len(s.typed) && s.typed[row] == (typedCells{}) {
		s.setTyped(row, t)
	}
	s.refreshRow(row)
	return false
}

// sendNote offers the note typed on row: with the score typed on the row
// through OnScore, or alone through OnNote.
func (s *ScoreColumn) sendNote(row int) bool {
	t := s.typed[row]
	if strings.TrimSpace(t.score) != "" {
		return s.sendScore(row)
	}
	note := strings.TrimSpace(t.note)
	if note == "" {
		return true
	}
	s.setTyped(row, typedCells{score: t.score})
	if s.OnNote != nil && s.OnNote(row, note) {
		s.refreshRow(row)
		return true
	}
	if row < len(s.typed) && s.typed[row].note == "" {
		s.setTyped(row, typedCells{score: s.typed[row].score, note: t.note})
	}
	s.refreshRow(row)
	return false
}

// setTyped records what is typed on row, and gives it to the editors when
// the row is the current one; the caller shows the row again.
func (s *ScoreColumn) setTyped(row int, t typedCells) {
	s.typed[row] = t
	if row == s.current {
		s.loadEditors()
	}
}

// next moves to row+1, or tells OnLastRow there is none.
func (s *ScoreColumn) next(row int, cell ScoreCell) {
	if row+1 < len(s.rows) {
		s.FocusRow(row+1, cell)
		return
	}
	if s.OnLastRow != nil {
		s.OnLastRow(row)
	}
}

func (s *ScoreColumn) onScoreNav(k NavKey) bool {
	row := s.current
	if row < 0 {
		return false
	}
	if k == NavEscape {
		s.SetTyped(row, "", s.typed[row].note)
		s.SetMessage(row, "")
		return true
	}
	if !s.sendScore(row) {
		s.focusWithin(row, ScoreField)
		s.scoreEd.Entry.TypedShortcut(&fyne.ShortcutSelectAll{})
		return true
	}
	switch k {
	case NavEnter, NavDown:
		s.next(row, ScoreField)
	case NavUp:
		s.FocusRow(row-1, ScoreField)
	case NavTab:
		s.focusWithin(row, NoteField)
	case NavBackTab:
		s.FocusRow(row-1, NoteField)
	}
	return true
}

func (s *ScoreColumn) onNoteNav(k NavKey) bool {
	row := s.current
	if row < 0 {
		return false
	}
	switch k {
	case NavEscape:
		s.SetTyped(row, s.typed[row].score, "")
		return true
	case NavBackTab:
		s.focusWithin(row, ScoreField)
		return true
	}
	if !s.sendNote(row) {
		s.focusWithin(row, ScoreField)
		return true
	}
	switch k {
	case NavEnter, NavTab:
		s.next(row, ScoreField)
	case NavDown:
		s.next(row, NoteField)
	case NavUp:
		s.FocusRow(row-1, NoteField)
	}
	return true
}
