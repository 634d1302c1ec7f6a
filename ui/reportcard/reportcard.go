package reportcard

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/report"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// allStudents is the group choice that shows every active student.
const allStudents = "All students"

// Store is what the report card reads: the continuum with its report
// card, the roster, and the continuum's evidence and overrides. A store
// that also keeps report cards (continuum.ReportCardStore) lets the
// teacher edit the standards.
type Store interface {
	continuum.ClassReader
}

// Screen is the report card of the chosen continuum. On the left, its
// standards, each with the rule that rolls its targets up, explained in
// one sentence, and the editor of a standard; on the right, each active
// student's level on each standard, with the reason for the level chosen
// in the table, and the export of the levels for the school's system.
type Screen struct {
	screen.Base[*cardData]
	store   Store
	cards   continuum.ReportCardStore // nil when the standards cannot be edited
	editing bool                      // the editing buttons are offered

	data   *cardData      // nil until loaded, or when no continuum is chosen
	group  string         // the group shown, "" for every student
	day    continuum.Date // the day the levels are as of; zero for today
	rows   []int          // indices into data.students, in the order shown
	chosen int            // the standard chosen in the list, -1 for none
	row    int            // the row whose cell's reasons are shown, -1 for none
	col    int            // the standard of that cell
	loaded func()         // test hook, called whenever the loads under way have been shown

	list      *widget.List
	ruleName  *widget.Label
	ruleWhy   *widget.Label
	targets   *widget.Label
	empty     *widget.Label
	addBtn    *widgets.Button
	editBtn   *widgets.Button
	deleteBtn *widgets.Button
	groups    *widgets.Select
	asOf      *widgets.Entry
	exportBtn *widgets.Button
	table     *widget.Table
	why       *widget.Label
	content   fyne.CanvasObject

	editor     *standardEditor // the editor last opened
	saveChoice screen.FileChoice
	saveDialog *dialog.FileDialog
	exported   func(path string, err error) // test hook, told how an export ended
}

// cardData is one load: the continuum with its card, the day, the active
// students and their levels.
type cardData struct {
	graph    *continuum.Graph
	on       continuum.Date
	students []continuum.Student  // the active students, in roster order
	levels   [][]report.CardLevel // by student, then by standard in the card's order
	groups   []string             // the roster's groups, sorted
}

// standards returns the card's standards; none without a card.
func (d *cardData) standards() []continuum.CardStandard {
	if d == nil || d.graph == nil || d.graph.Continuum.ReportCard == nil {
		return nil
	}
	return d.graph.Continuum.ReportCard.Standards
}

// New builds the report-card screen. It reads nothing until it is shown
// (Refresh). The standards can be edited when store keeps report cards
// and ws is not read-only.
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	s := &Screen{store: store, chosen: -1, row: -1}
	s.cards, _ = store.(continuum.ReportCardStore)
	s.editing = s.cards != nil && !ws.ReadOnly()
	body := s.build()
	s.content = container.NewPadded(s.Init(ws, win, body, screen.Loader[*cardData]{
		What:    "The report card",
		Follows: screen.FollowsContinuum(ws, screen.TargetsChanged, screen.EvidenceChanged),
		Read:    s.startLoad,
		Show:    s.show,
		Settled: func() {
			if s.loaded != nil {
				s.loaded()
			}
		},
	}))
	s.SetView(s.content)
	s.ShowNotice("Loading…")
	return s
}

// build makes the widgets and returns the body: the standards on the
// left, the students' levels on the right.
func (s *Screen) build() fyne.CanvasObject {
	s.list = widget.NewList(s.standardCount, s.newStandardRow, s.updateStandardRow)
	s.list.OnSelected = s.onStandardChosen
	s.ruleName = widget.NewLabel("")
	s.ruleName.TextStyle.Bold = true
	s.ruleName.Wrapping = fyne.TextWrapWord
	s.ruleWhy = widgets.Wrapped("")
	s.targets = widgets.Wrapped("")
	s.empty = widgets.Wrapped("")
	s.addBtn = widgets.NewButton("Add standard…", theme.ContentAddIcon(), s.onAdd)
	s.editBtn = widgets.NewButton("Edit…", theme.DocumentCreateIcon(), s.onEdit)
	s.deleteBtn = widgets.NewButton("Delete…", theme.DeleteIcon(), s.onDelete)
	buttons := container.NewHBox(s.addBtn, s.editBtn, s.deleteBtn)
	if !s.editing {
		for _, b := range buttons.Objects {
			b.Hide()
		}
		buttons.Hide()
	}
	details := container.NewVBox(widget.NewSeparator(), s.ruleName, s.ruleWhy, s.targets, buttons)
	left := container.NewBorder(container.NewVBox(widgets.Section("Report-card standards"), s.empty), details, nil, nil, s.list)

	s.groups = widgets.NewSelect([]string{allStudents}, s.onGroupChosen)
	s.groups.SetSelected(allStudents)
	s.asOf = widgets.NewEntry()
	s.asOf.PlaceHolder = "today"
	s.asOf.OnChanged = s.onDayTyped
	s.asOf.OnSubmitted = s.onDaySubmitted
	s.exportBtn = widgets.NewButton("Export for the SIS…", theme.UploadIcon(), s.onExport)
	s.table = widget.NewTable(s.tableSize, s.newCell, s.updateCell)
	s.table.StickyRowCount, s.table.StickyColumnCount = 1, 1
	s.table.OnSelected = s.onCellChosen
	s.why = widgets.Wrapped("Choose a level in the table to see which targets gave it.")
	top := container.NewBorder(nil, nil, container.NewHBox(container.New(&widgets.MinWidthLayout{Width: 170}, s.groups),
		widget.NewLabel("as of"), container.New(&widgets.MinWidthLayout{Width: 130}, s.asOf)), s.exportBtn)
	// The reasons get room for four lines, and scroll past them.
	whyArea := container.NewVScroll(s.why)
	whyArea.SetMinSize(fyne.NewSize(0, 4*fyne.MeasureText("X", theme.TextSize(), fyne.TextStyle{}).Height+2*theme.InnerPadding()))
	right := container.NewBorder(top, container.NewVBox(widget.NewSeparator(), whyArea), nil, nil, s.table)

	split := container.NewHSplit(left, right)
	split.Offset = 0.3
	return split
}

// Content returns the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// FocusFirst puts the focus on the table of levels.
func (s *Screen) FocusFirst() {
	if c := fyne.CurrentApp().Driver().CanvasForObject(s.table); c != nil {
		c.Focus(s.table)
	}
}

// startLoad takes the continuum and the day, and returns the read.
func (s *Screen) startLoad() func(ctx context.Context) (*cardData, error) {
	cid, on := s.WS.Continuum(), s.day
	if on.IsZero() {
		on = s.WS.Today()
	}
	return func(ctx context.Context) (*cardData, error) {
		if cid == "" {
			return nil, nil
		}
		return s.read(ctx, cid, on)
	}
}

// read reads the class and rolls its evidence up into the card's
// levels; it runs off the UI goroutine and touches no widget.
func (s *Screen) read(ctx context.Context, cid string, on continuum.Date) (*cardData, error) {
	g, class, err := continuum.LoadClass(ctx, s.store, cid)
	if err != nil {
		return nil, fmt.Errorf("read the report card of %s: %w", cid, err)
	}
	d := &cardData{graph: g, on: on}
	seen := map[string]bool{}
	for _, st := range class.Students {
		if st.Inactive {
			continue
		}
		d.students = append(d.students, st)
		if st.Group != "" && !seen[st.Group] {
			seen[st.Group] = true
			d.groups = append(d.groups, st.Group)
		}
	}
	slices.Sort(d.groups)
	class.Students = d.students
	if card := g.Continuum.ReportCard; card != nil && len(card.Standards) > 0 {
		flat := report.RollUp(g, *card, class, on)
		n := len(card.Standards)
		for i := range d.students {
			d.levels = append(d.levels, flat[i*n:(i+1)*n])
		}
	}
	return d, nil
}

// show shows a load, or why there is nothing to show.
func (s *Screen) show(d *cardData) {
	s.data = d
	switch {
	case d == nil:
		s.ShowNotice("No continuum is chosen.\nChoose one at the top, or build one on the Continuum screen.")
		return
	case len(d.graph.Targets) == 0:
		s.ShowNotice(fmt.Sprintf("%s has no targets yet.\nAdd them on the Continuum screen, then map them to the report card's standards here.", d.graph.Continuum.Name))
		return
	}
	s.HideNotice()
	std := d.standards()
	if len(std) == 0 {
		hint := "This continuum has no report card yet: a report card maps the targets to the district's standards, each rolled up by a rule."
		if s.editing {
			hint += " Add standard… maps the first one."
		}
		s.empty.SetText(hint)
		s.empty.Show()
	} else {
		s.empty.Hide()
	}
	widgets.SetEnabled(s.exportBtn, len(std) > 0 && len(d.students) > 0)
	options := append([]string{allStudents}, d.groups...)
	if !slices.Contains(d.groups, s.group) {
		s.group = ""
	}
	s.groups.SetOptions(options)
	s.groups.Selected = allStudents
	if s.group != "" {
		s.groups.Selected = s.group
	}
	s.groups.Refresh()
	if s.chosen >= len(std) || (s.chosen < 0 && len(std) > 0) {
		s.chosen = min(len(std)-1, max(s.chosen, 0)) // the first, or the last after a deletion
	}
	s.list.Refresh()
	if s.chosen >= 0 {
		s.list.Select(s.chosen)
	} else {
		s.list.UnselectAll()
	}
	s.showChosen()
	s.filterRows()
}

// filterRows keeps the students of the group shown and lays the table out.
func (s *Screen) filterRows() {
	s.rows = s.rows[:0]
	s.sizeTable() // while the table has no rows: each size set redraws it
	if s.data != nil {
		for i, st := range s.data.students {
			if s.group == "" || st.Group == s.group {
				s.rows = append(s.rows, i)
			}
		}
	}
	if s.row >= len(s.rows) {
		s.row = -1
	}
	s.table.UnselectAll()
	s.table.Refresh()
	s.showWhy()
}

// sizeTable sets the columns' widths and the headings' height.
func (s *Screen) sizeTable() {
	s.table.SetColumnWidth(0, 180)
	lines := 1
	for i, st := range s.data.standards() {
		s.table.SetColumnWidth(i+1, columnWidth)
		lines = max(lines, headingLines(standardTitle(st)))
	}
	// The standards' headings take as many lines as the longest needs (up
	// to three), so that their names show.
	one := widget.NewLabel("X").MinSize().Height
	text := fyne.MeasureText("X", theme.TextSize(), fyne.TextStyle{Bold: true}).Height
	s.table.SetRowHeight(0, one+float32(lines-1)*text)
}

// columnWidth is the width of a standard's column.
const columnWidth = 140

// headingLines is how many lines a standard's heading wraps to in its
// column, at most three (the rest is cut).
func headingLines(title string) int {
	room := columnWidth - 2*theme.InnerPadding()
	lines, width := 1, float32(0)
	space := fyne.MeasureText(" ", theme.TextSize(), fyne.TextStyle{Bold: true}).Width
	for _, w := range strings.Fields(title) {
		ww := fyne.MeasureText(w, theme.TextSize(), fyne.TextStyle{Bold: true}).Width
		switch {
		case width == 0:
			width = ww
		case width+space+ww <= room:
			width += space + ww
		default:
			lines, width = lines+1, ww
		}
	}
	return min(lines, 3)
}

// onDayTyped rolls the levels up as of the day typed, once it is a date;
// an empty field means today.
func (s *Screen) onDayTyped(text string) {
	var day continuum.Date
	if strings.TrimSpace(text) != "" {
		d, err := continuum.ParseDate(text)
		if err != nil {
			return // not a date yet: Enter says why
		}
		day = d
	}
	if day != s.day {
		s.day = day
		s.Load()
	}
}

// onDaySubmitted says in one sentence why the day typed is not a date.
func (s *Screen) onDaySubmitted(text string) {
	if strings.TrimSpace(text) == "" {
		return
	}
	if _, err := continuum.ParseDate(text); err != nil {
		screen.ShowInfo(s.Win, "As of", fmt.Sprintf("“%s” is not a date; write the day like %s, or leave it empty for today.", strings.TrimSpace(text), s.WS.Today()))
	}
}

// onGroupChosen shows the students of another group.
func (s *Screen) onGroupChosen(g string) {
	if g == allStudents {
		g = ""
	}
	if g == s.group {
		return
	}
	s.group, s.row = g, -1
	s.filterRows()
}

// standardCount is the list's length.
func (s *Screen) standardCount() int { return len(s.data.standards()) }

// newStandardRow makes a row of the list: the standard over its rule.
func (s *Screen) newStandardRow() fyne.CanvasObject {
	title := widget.NewLabel("")
	title.TextStyle.Bold = true
	title.Truncation = fyne.TextTruncateEllipsis
	rule := widgets.Quiet("")
	rule.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, rule)
}

// updateStandardRow shows standard i in a row of the list.
func (s *Screen) updateStandardRow(i widget.ListItemID, o fyne.CanvasObject) {
	std := s.data.standards()
	if i < 0 || i >= len(std) {
		return
	}
	box := o.(*fyne.Container)
	box.Objects[0].(*widget.Label).SetText(standardTitle(std[i]))
	box.Objects[1].(*widget.Label).SetText(fmt.Sprintf("%s · %s", ruleText(std[i]), continuum.Plural(len(std[i].Targets), "target", "targets")))
}

// onStandardChosen shows the rule and targets of the standard chosen.
func (s *Screen) onStandardChosen(i widget.ListItemID) {
	s.chosen = i
	s.showChosen()
}

// showChosen shows the chosen standard's rule, explained, and targets.
func (s *Screen) showChosen() {
	std := s.data.standards()
	on := s.chosen >= 0 && s.chosen < len(std)
	widgets.SetEnabled(s.editBtn, on)
	widgets.SetEnabled(s.deleteBtn, on)
	if !on {
		s.ruleName.SetText("")
		s.ruleWhy.SetText("")
		s.targets.SetText("")
		if len(std) > 0 {
			s.ruleWhy.SetText("Choose a standard to see how its level is rolled up.")
		}
		return
	}
	st := std[s.chosen]
	s.ruleName.SetText(standardTitle(st) + ": " + ruleText(st))
	s.ruleWhy.SetText(st.Rule.Explain())
	s.targets.SetText("Targets: " + strings.Join(st.Targets, ", "))
}

// standardTitle is "MA.NS Number sense", or the code alone.
func standardTitle(st continuum.CardStandard) string {
	if strings.TrimSpace(st.Name) == "" {
		return st.Code
	}
	return st.Code + " " + st.Name
}

// ruleText is the rule's name, with the bands for the bands rule.
func ruleText(st continuum.CardStandard) string {
	if st.Rule == continuum.RuleBands {
		return st.Rule.Label() + " (" + continuum.FormatBands(st.Bands) + ")"
	}
	return st.Rule.Label()
}

// tableSize is the table's size: a header row, a row per student shown;
// a names column, a column per standard.
func (s *Screen) tableSize() (int, int) {
	return len(s.rows) + 1, len(s.data.standards()) + 1
}

// newCell makes a cell of the table.
func (s *Screen) newCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// updateCell shows a header, a student's name or a level.
func (s *Screen) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.TextStyle.Bold = id.Row == 0 || id.Col == 0
	if id.Row == 0 && id.Col > 0 {
		l.Wrapping, l.Truncation = fyne.TextWrapWord, fyne.TextTruncateOff
	} else {
		l.Wrapping, l.Truncation = fyne.TextWrapOff, fyne.TextTruncateEllipsis
	}
	l.SetText(s.cellText(id.Row, id.Col))
}

// cellText is what cell (row, col) of the table says.
func (s *Screen) cellText(row, col int) string {
	std := s.data.standards()
	switch {
	case row == 0 && col == 0:
		return "Student"
	case row == 0 && col-1 < len(std):
		return standardTitle(std[col-1])
	case row-1 >= len(s.rows):
		return ""
	case col == 0:
		return s.data.students[s.rows[row-1]].Name
	}
	l, ok := s.level(row-1, col-1)
	switch {
	case !ok:
		return ""
	case !l.HasLevel:
		return "—"
	}
	return l.Label
}

// level returns the level of the student on row r (of those shown) on
// standard c.
func (s *Screen) level(r, c int) (report.CardLevel, bool) {
	if s.data == nil || r < 0 || r >= len(s.rows) {
		return report.CardLevel{}, false
	}
	levels := s.data.levels
	i := s.rows[r]
	if i >= len(levels) || c < 0 || c >= len(levels[i]) {
		return report.CardLevel{}, false
	}
	return levels[i][c], true
}

// onCellChosen shows why a level is what it is; a standard's heading
// chooses the standard.
func (s *Screen) onCellChosen(id widget.TableCellID) {
	switch {
	case id.Row == 0 && id.Col > 0:
		s.list.Select(id.Col - 1)
		s.row = -1
	case id.Row > 0 && id.Col > 0:
		s.row, s.col = id.Row-1, id.Col-1
		if s.chosen != s.col {
			s.list.Select(s.col)
		}
	default:
		s.row = -1
	}
	s.showWhy()
}

// showWhy says which targets gave the chosen cell's level, and how.
func (s *Screen) showWhy() {
	l, ok := s.level(s.row, s.col)
	if !ok {
		s.why.SetText("Choose a level in the table to see which targets gave it.")
		return
	}
	level := "no level yet"
	if l.HasLevel {
		level = l.Label
	}
	s.why.SetText(fmt.Sprintf("%s on %s: %s.\nWhy: %s.", l.Student.Name, standardTitle(l.Standard), level, l.Why))
}
