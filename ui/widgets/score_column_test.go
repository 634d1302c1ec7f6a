package widgets

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func threeStudents() []ScoreRow {
	return []ScoreRow{
		{Key: "S001", Title: "Amara Okafor", Detail: "S001", Status: "not yet 2.65 (3 pieces)", StatusImportance: widget.WarningImportance},
		{Key: "S002", Title: "Ben Carter", Detail: "S002", Status: "mastered 3.4 (4 pieces)", StatusImportance: widget.SuccessImportance, Saved: "✓ 3 · Exit ticket"},
		{Key: "S003", Title: "Camila Reyes", Detail: "S003", Status: "no evidence", StatusImportance: widget.LowImportance, Message: "“7” is not a score: 1–4"},
	}
}

// numberedRows returns n rows keyed 0, 1… and titled T.0, T.1…
func numberedRows(n int) []ScoreRow {
	rows := make([]ScoreRow, n)
	for i := range rows {
		rows[i] = ScoreRow{Key: fmt.Sprint(i), Title: fmt.Sprintf("T.%d", i)}
	}
	return rows
}

// scoreColumnWindow shows a column of rows in a window the size of a
// scoring screen's column.
func scoreColumnWindow(t *testing.T, rows []ScoreRow) (*ScoreColumn, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	col := NewScoreColumn("Student")
	col.SetScoreHint("1–4")
	col.SetRows(rows)
	w := test.NewTempWindow(t, col)
	w.Resize(fyne.NewSize(900, 260))
	return col, w
}

// shownScore returns the text drawn in row i's score cell: the editor's
// on the current row, the cell's face on the others.
func shownScore(col *ScoreColumn, i int) string {
	if e := col.ScoreEntry(i); e != nil {
		return e.Text
	}
	if v := col.viewOf(i); v != nil {
		if v.scoreSlot.Objects[0] != v.score {
			return "(the slot holds something else)"
		}
		return v.score.text
	}
	return "(not shown)"
}

func press(w fyne.Window, key fyne.KeyName) {
	w.Canvas().Focused().TypedKey(&fyne.KeyEvent{Name: key})
}

func typeText(w fyne.Window, text string) {
	for _, r := range text {
		w.Canvas().Focused().TypedRune(r)
	}
}

func TestScoreColumnRendersThreeStudents(t *testing.T) {
	_, w := scoreColumnWindow(t, threeStudents())
	test.AssertRendersToMarkup(t, "score_column/three_students.xml", w.Canvas())
}

// The current row is edited in place: its score and note are entries, the
// score's showing the scale; the other rows draw their cells.
func TestScoreColumnRendersTheCurrentRow(t *testing.T) {
	col, w := scoreColumnWindow(t, threeStudents())
	col.FocusRow(1, ScoreField)
	typeText(w, "3")
	test.AssertRendersToMarkup(t, "score_column/current_row.xml", w.Canvas())
}

func TestScoreColumnEmpty(t *testing.T) {
	col, w := scoreColumnWindow(t, nil)
	col.SetEmptyText("No students in Period 9")
	test.AssertRendersToMarkup(t, "score_column/empty.xml", w.Canvas())
}

// scoreLog records what a column sent.
type scoreLog struct {
	sent   []string
	refuse map[string]string // score text → message
}

func (l *scoreLog) attach(col *ScoreColumn) {
	col.OnScore = func(row int, score, note string) bool {
		if msg, bad := l.refuse[score]; bad {
			col.SetMessage(row, msg)
			return false
		}
		l.sent = append(l.sent, fmt.Sprintf("score %d %s %q", row, score, note))
		return true
	}
	col.OnNote = func(row int, note string) bool {
		if row == 2 {
			col.SetMessage(row, "type a score first")
			return false
		}
		l.sent = append(l.sent, fmt.Sprintf("note %d %q", row, note))
		return true
	}
}

func TestScoreColumnKeyboardFlow(t *testing.T) {
	col, w := scoreColumnWindow(t, threeStudents())
	log := &scoreLog{refuse: map[string]string{"7": "not on the scale"}}
	log.attach(col)
	col.FocusRow(0, ScoreField)
	if got := w.Canvas().Focused(); got != col.ScoreEntry(0) {
		t.Fatalf("focus %v, want row 0's score", got)
	}

	// Given a score typed in row 0, when Enter is pressed, it is sent and
	// the focus moves down.
	typeText(w, "3")
	press(w, fyne.KeyReturn)
	if w.Canvas().Focused() != col.ScoreEntry(1) {
		t.Fatal("Enter did not move to row 1")
	}
	if s, _ := col.Typed(0); s != "" || shownScore(col, 0) != "" {
		t.Errorf("row 0 still holds %q after sending", s)
	}

	// A refused score stays, with its message, and the focus stays.
	typeText(w, "7")
	press(w, fyne.KeyDown)
	if w.Canvas().Focused() != col.ScoreEntry(1) {
		t.Error("a refused score moved the focus")
	}
	if s, _ := col.Typed(1); s != "7" || col.Row(1).Message != "not on the scale" {
		t.Errorf("after refusal: typed %q, message %q", s, col.Row(1).Message)
	}
	// Typing again replaces the selected text and clears the message.
	typeText(w, "2")
	if s, _ := col.Typed(1); s != "2" || col.Row(1).Message != "" {
		t.Errorf("retyped: %q, message %q", s, col.Row(1).Message)
	}

	// Tab sends the score and goes to the row's note; Enter there sends
	// the note alone (the score went already) and moves down.
	press(w, fyne.KeyTab)
	if w.Canvas().Focused() != col.NoteEntry(1) {
		t.Fatal("Tab did not move to the note")
	}
	typeText(w, "Exit ticket")
	press(w, fyne.KeyReturn)
	if w.Canvas().Focused() != col.ScoreEntry(2) {
		t.Fatal("Enter in the note did not move to the next row")
	}

	// Up goes back without sending anything when nothing is typed.
	press(w, fyne.KeyUp)
	if w.Canvas().Focused() != col.ScoreEntry(1) {
		t.Error("Up did not go back")
	}
	// Shift+Tab from a score goes to the previous row's note.
	e := col.ScoreEntry(1)
	e.KeyDown(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	press(w, fyne.KeyTab)
	e.KeyUp(&fyne.KeyEvent{Name: desktop.KeyShiftLeft})
	if w.Canvas().Focused() != col.NoteEntry(0) {
		t.Error("Shift+Tab did not go to the previous row's note")
	}

	want := []string{`score 0 3 ""`, `score 1 2 ""`, `note 1 "Exit ticket"`}
	if fmt.Sprint(log.sent) != fmt.Sprint(want) {
		t.Errorf("sent %q, want %q", log.sent, want)
	}
}

func TestScoreColumnNoteBeforeScore(t *testing.T) {
	col, w := scoreColumnWindow(t, threeStudents())
	log := &scoreLog{}
	log.attach(col)

	// A note typed first, with no score, is refused by the owner: the
	// focus goes to the row's score and the note waits there.
	col.FocusRow(2, NoteField)
	typeText(w, "Conference")
	press(w, fyne.KeyReturn)
	if w.Canvas().Focused() != col.ScoreEntry(2) {
		t.Fatal("a refused note did not send the focus to the score")
	}
	if _, n := col.Typed(2); n != "Conference" {
		t.Errorf("the note was lost: %q", n)
	}
	// The score then goes with the note.
	typeText(w, "4")
	press(w, fyne.KeyReturn)
	want := []string{`score 2 4 "Conference"`}
	if fmt.Sprint(log.sent) != fmt.Sprint(want) {
		t.Errorf("sent %q, want %q", log.sent, want)
	}
	if s, n := col.Typed(2); s != "" || n != "" {
		t.Errorf("row 2 still holds %q %q", s, n)
	}

	// Escape clears what is typed.
	col.FocusRow(0, ScoreField)
	typeText(w, "9")
	press(w, fyne.KeyEscape)
	if s, _ := col.Typed(0); s != "" {
		t.Errorf("Escape left %q", s)
	}
}

func TestScoreColumnKeepsTypingAcrossSetRows(t *testing.T) {
	col, w := scoreColumnWindow(t, threeStudents())
	col.FocusRow(1, ScoreField)
	typeText(w, "3")
	rows := threeStudents()
	rows[1].Status = "mastered 3.5 (5 pieces)"
	col.SetRows(append([]ScoreRow{{Key: "S000", Title: "Aaron Abel"}}, rows...))
	if s, _ := col.Typed(2); s != "3" {
		t.Errorf("typed text did not follow its row: %q", s)
	}
	if r, _ := col.Current(); r != 2 {
		t.Errorf("current row %d, want 2", r)
	}
}

func TestScoreColumnScrollsToFarRows(t *testing.T) {
	col, w := scoreColumnWindow(t, numberedRows(300))
	var sent []int
	col.OnScore = func(row int, score, note string) bool { sent = append(sent, row); return true }
	col.FocusRow(0, ScoreField)
	for i := 0; i < 20; i++ {
		typeText(w, "1")
		press(w, fyne.KeyDown)
	}
	if len(sent) != 20 || sent[19] != 19 {
		t.Fatalf("sent rows %v", sent)
	}
	if w.Canvas().Focused() != col.ScoreEntry(20) {
		t.Error("the focus did not follow down a long column")
	}
	col.FocusRow(299, ScoreField)
	if e := col.ScoreEntry(299); e == nil || w.Canvas().Focused() != e {
		t.Error("could not reach the last row")
	}
	// Rows are built lazily: only about a screenful exists.
	views := map[*scoreRowView]bool{}
	for _, v := range col.bound {
		views[v] = true
	}
	if n := len(views); n > 40 {
		t.Errorf("%d row views built for 300 rows", n)
	}
}

// Going down a long column by Enter, the column scrolls when the row
// scored next is past the view's foot, and then by a third of a view,
// not a row per key: the rows to come show below the one being scored.
func TestScoreColumnScrollsAheadByAThird(t *testing.T) {
	col, w := scoreColumnWindow(t, numberedRows(300))
	col.OnScore = func(int, string, string) bool { return true }
	col.FocusRow(0, ScoreField)
	scrolls, last := 0, col.list.GetScrollOffset()
	for range 60 {
		typeText(w, "1")
		press(w, fyne.KeyReturn)
		r, _ := col.Current()
		if !col.rowShown(r) {
			t.Fatalf("row %d, the one to score, is not wholly on view", r)
		}
		if off := col.list.GetScrollOffset(); off != last {
			scrolls++
			if h, view := col.rowHeight(), col.list.Size().Height; off-last < view/3-h {
				t.Fatalf("scrolled by %v at row %d, under a third of the view (%v)", off-last, r, view)
			}
			last = off
		}
	}
	if scrolls == 0 || scrolls > 20 {
		t.Errorf("60 rows scored: the column scrolled %d times", scrolls)
	}
	// Going back up past the top brings the row two thirds down the view.
	col.FocusRow(60, ScoreField)
	for range 30 {
		press(w, fyne.KeyUp)
		if r, _ := col.Current(); !col.rowShown(r) {
			t.Fatalf("going up, row %d is not wholly on view", r)
		}
	}
}

func TestScoreColumnHistoryShortcut(t *testing.T) {
	col, w := scoreColumnWindow(t, threeStudents())
	asked := -1
	col.OnHistory = func(row int) { asked = row }
	col.FocusRow(1, ScoreField)
	w.Canvas().Focused().(fyne.Shortcutable).TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyH, Modifier: fyne.KeyModifierShortcutDefault})
	if asked != 1 {
		t.Errorf("history asked for row %d, want 1", asked)
	}
}

// TestScoreColumnSendsWhatWasTypedWhenTheFocusLeaves: a score typed
// without Enter is sent, once, when the focus goes elsewhere (a click on
// another field, a drop-down); a refused one stays typed and pending.
func TestScoreColumnSendsWhatWasTypedWhenTheFocusLeaves(t *testing.T) {
	col, w := scoreColumnWindow(t, threeStudents())
	log := &scoreLog{refuse: map[string]string{"7": "not on the scale"}}
	log.attach(col)

	// Given a score typed in row 0 and no Enter, when the focus leaves
	// the column, the score is sent and the cell is emptied.
	col.FocusRow(0, ScoreField)
	typeText(w, "3")
	w.Canvas().Unfocus()
	if want := []string{`score 0 3 ""`}; fmt.Sprint(log.sent) != fmt.Sprint(want) {
		t.Fatalf("sent %q, want %q", log.sent, want)
	}
	if s, _ := col.Typed(0); s != "" || len(col.Pending()) != 0 {
		t.Errorf("row 0 still holds %q; pending %v", s, col.Pending())
	}

	// Tab to the row's note sends the score once, not again as the
	// score cell loses the focus; a note typed, then a click away, goes
	// with nothing more.
	col.FocusRow(1, ScoreField)
	typeText(w, "2")
	press(w, fyne.KeyTab)
	typeText(w, "Exit ticket")
	w.Canvas().Unfocus()
	want := []string{`score 0 3 ""`, `score 1 2 ""`, `note 1 "Exit ticket"`}
	if fmt.Sprint(log.sent) != fmt.Sprint(want) {
		t.Errorf("sent %q, want %q", log.sent, want)
	}

	// A refused score is kept with its message, and the column reports it
	// pending.
	col.FocusRow(0, ScoreField)
	typeText(w, "7")
	w.Canvas().Unfocus()
	if s, _ := col.Typed(0); s != "7" || col.Row(0).Message != "not on the scale" {
		t.Errorf("refused score: typed %q, message %q", s, col.Row(0).Message)
	}
	if p := col.Pending(); fmt.Sprint(p) != "[0]" {
		t.Errorf("pending %v, want [0]", p)
	}
}

// TestScoreColumnEditsTheCurrentRowOnly: one pair of editors sits on the
// current row and goes with it; the other rows draw their cells, with
// what was typed on them and not sent.
func TestScoreColumnEditsTheCurrentRowOnly(t *testing.T) {
	col, w := scoreColumnWindow(t, threeStudents())
	log := &scoreLog{refuse: map[string]string{"7": "not on the scale"}}
	log.attach(col)
	holders := func() []int {
		var rows []int
		for i := range col.Len() {
			if v := col.viewOf(i); v != nil && v.scoreSlot.Objects[0] == col.scoreEd {
				rows = append(rows, i)
			}
		}
		return rows
	}
	if h := holders(); len(h) != 0 {
		t.Fatalf("editors on rows %v before any row is worked on", h)
	}
	col.FocusRow(0, ScoreField)
	if h := holders(); fmt.Sprint(h) != "[0]" {
		t.Fatalf("editors on rows %v, want [0]", h)
	}
	// A refused score stays on its row, drawn there once the editors go.
	typeText(w, "7")
	press(w, fyne.KeyReturn)
	col.FocusRow(1, ScoreField)
	if h := holders(); fmt.Sprint(h) != "[1]" {
		t.Fatalf("editors on rows %v, want [1]", h)
	}
	if got := shownScore(col, 0); got != "7" {
		t.Errorf("row 0 draws %q, want the refused 7", got)
	}
	if got := col.ScoreEntry(1).Text; got != "" {
		t.Errorf("the editor brought %q to row 1", got)
	}
	// Going back, the editor takes the row's text, selected so that
	// typing replaces it.
	press(w, fyne.KeyUp)
	if e := col.ScoreEntry(0); e == nil || e.Text != "7" || e.SelectedText() != "7" {
		t.Fatalf("back on row 0 the editor holds %v", e)
	}
	typeText(w, "2")
	press(w, fyne.KeyReturn)
	if want := []string{`score 0 2 ""`}; fmt.Sprint(log.sent) != fmt.Sprint(want) {
		t.Errorf("sent %q, want %q", log.sent, want)
	}
	if w.Canvas().Focused() != col.ScoreEntry(1) {
		t.Error("the focus did not go on to row 1")
	}
}

// TestScoreColumnClickOnAnotherRow: a click on a cell of another row sends
// what was typed on the current row, once, and edits the cell clicked.
func TestScoreColumnClickOnAnotherRow(t *testing.T) {
	col, w := scoreColumnWindow(t, threeStudents())
	log := &scoreLog{}
	log.attach(col)
	col.FocusRow(0, ScoreField)
	typeText(w, "3")
	v := col.viewOf(2)
	if v == nil {
		t.Fatal("row 2 is not shown")
	}
	test.Tap(v.note)
	if want := []string{`score 0 3 ""`}; fmt.Sprint(log.sent) != fmt.Sprint(want) {
		t.Errorf("sent %q, want %q", log.sent, want)
	}
	if r, cell := col.Current(); r != 2 || cell != NoteField {
		t.Errorf("current %d %v, want row 2's note", r, cell)
	}
	if w.Canvas().Focused() != col.NoteEntry(2) {
		t.Error("the note clicked does not have the focus")
	}
	typeText(w, "Retell")
	if _, n := col.Typed(2); n != "Retell" {
		t.Errorf("row 2's note holds %q", n)
	}
}

// TestScoreColumnScrolledAwayKeepsTyping: scrolling the current row out of
// view (the wheel) sends nothing, and what was typed on the row is there
// when it comes back.
func TestScoreColumnScrolledAwayKeepsTyping(t *testing.T) {
	col, w := scoreColumnWindow(t, numberedRows(100))
	sent := 0
	col.OnScore = func(int, string, string) bool { sent++; return true }
	col.FocusRow(0, ScoreField)
	typeText(w, "4")
	col.list.ScrollToOffset(40 * col.rowHeight())
	if sent != 0 {
		t.Errorf("%d scores sent by a scroll", sent)
	}
	if col.rowShown(0) {
		t.Fatal("row 0 did not scroll away")
	}
	col.list.ScrollToOffset(0)
	if got := shownScore(col, 0); got != "4" {
		t.Errorf("row 0 shows %q after coming back", got)
	}
	if s, _ := col.Typed(0); s != "4" {
		t.Errorf("row 0 holds %q", s)
	}
}

// TestCellFaceLooksLikeAnEntry: a cell drawn is an entry's height and puts
// its text where an entry does, so nothing moves as the editor comes.
func TestCellFaceLooksLikeAnEntry(t *testing.T) {
	test.NewTempApp(t)
	face := newCellFace(nil)
	face.set("3")
	entry := NewCellEntry()
	entry.SetText("3")
	if f, e := face.MinSize().Height, entry.MinSize().Height; f != e {
		t.Errorf("face %v high, entry %v", f, e)
	}
	w := test.NewTempWindow(t, container.NewGridWithColumns(2, face, entry))
	w.Resize(fyne.NewSize(300, 60))
	fp, ep := textPos(face, "3"), textPos(entry, "3")
	if fp == nil || ep == nil {
		t.Fatalf("text not found: face %v, entry %v", fp, ep)
	}
	if off := ep.Subtract(entry.Position()); *fp != off.Add(face.Position()) {
		t.Errorf("face text at %v, entry text at %v (both from their cell)", fp.Subtract(face.Position()), off)
	}
}

// textPos finds the canvas text showing text under o, and returns its
// position in the window.
func textPos(o fyne.CanvasObject, text string) *fyne.Position {
	var found *fyne.Position
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		at = at.Add(o.Position())
		switch x := o.(type) {
		case *canvas.Text:
			if x.Text == text && found == nil {
				found = &at
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c, at)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c, at)
			}
		}
	}
	walk(o, fyne.Position{})
	return found
}
