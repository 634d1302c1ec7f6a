package transfer

import (
	"cmp"
	"context"
	"fmt"
	"image/color"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// mappingField is a field of a standards list as the mapping form asks for it.
type mappingField struct {
	key      string // as in workbook.MapFields
	label    string
	hint     string
	required bool
}

// mappingFields are the fields of a standards list, in workbook.MapFields' order.
var mappingFields = []mappingField{
	{"code", "Code", "unique, such as 3.OA.1", true},
	{"statement", "Statement", "the standard's text", true},
	{"level", "Level", "a grade or level", false},
	{"domain", "Domain", "a strand, cluster or topic", false},
	{"parent", "Parent", "the code of the row it sits under", false},
	{"category", "Category", "academic, transferable or lifelong", false},
	{"order", "Order", "its place among its neighbours", false},
}

// noColumn is the choice of no column for a field.
const noColumn = "(none)"

// mappingKind is the kind of list a column mapping is for: its fields,
// which of them are needed, and the words the dialog speaks of it in.
type mappingKind struct {
	// list names the list: "standards list", "class list".
	list string
	// fields are the fields the form asks for, in its order.
	fields []mappingField
	// split is how many fields go in the form's left column.
	split int
	// intro says what the list is read as and what is needed, after the file's name.
	intro string
	// confirm names the dialog's action.
	confirm string
	// lacking says what must still be chosen before the list can be read,
	// given the column chosen for each field (-1 for none); "" when nothing.
	lacking func(chosen func(field string) int) string
	// countHint says what to choose to see a count.
	countHint string
}

// standardsMapping maps a teacher's standards list: one standard a row,
// the code and the statement needed.
var standardsMapping = &mappingKind{
	list:   "standards list",
	fields: mappingFields,
	split:  4,
	intro:  " is read as a standards list: one standard a row. Say which column holds each field; the first rows of the sheet are below. Code and statement are needed, the rest is optional.",
	lacking: func(chosen func(string) int) string {
		for _, f := range mappingFields {
			if f.required && chosen(f.key) < 0 {
				return "Choose the column that holds the " + strings.ToLower(f.label) + "."
			}
		}
		return ""
	},
	confirm:   "Read the list",
	countHint: "Choose a column for the code and one for the statement to see how many targets the list gives.",
}

// columnMapping is the dialog in which a teacher says which column of a
// standards list holds the code, the statement, the level and the rest,
// with the first rows of the sheet shown under the choices. The choices
// start from the columns recognised by their headers.
type columnMapping struct {
	first  *workbook.Preview
	setup  mappingSetup
	kind   *mappingKind
	onDone func(sheet string, m map[string]string, remember bool)

	cur     int   // index into first.Sheets of the sheet shown
	offered []int // indexes into first.Sheets that can be chosen
	filling bool  // the choices are being set from code

	dlg      *widgets.FormDialog
	sheet    *widgets.Select
	fields   map[string]*widgets.Select
	notes    *widget.Label
	table    *widget.Table
	saved    *widget.Label   // says that a saved mapping is in use
	savedBox *fyne.Container // the saved mapping's note with its icon; hidden when none is used
	count    *widget.Label   // what the list gives with the choices as they stand
	remember *widgets.Check  // remember the mapping for files with these headers
	live     liveCount
}

// mappingSetup is what the mapping offers beside the choices: a count of
// what the list gives with them, and the mapping saved for its headers.
type mappingSetup struct {
	// count reads the list with a mapping and counts what it gives; nil
	// shows no count.
	count func(ctx context.Context, sheet string, m map[string]string) (mappingCount, error)
	// saved is the mapping saved for the list's headers, the choices start
	// from; nil when there is none.
	saved *savedMapping
	// kind is the kind of list mapped; nil for a standards list.
	kind *mappingKind
}

// newColumnMapping builds the dialog for the workbook named file; onDone
// gets the chosen sheet, the mapping in workbook.Options.Map's terms and
// whether to remember it for files with these headers.
func newColumnMapping(win fyne.Window, file string, first *workbook.Preview, setup mappingSetup,
	onDone func(sheet string, m map[string]string, remember bool)) *columnMapping {
	c := &columnMapping{first: first, setup: setup, kind: cmp.Or(setup.kind, standardsMapping), onDone: onDone, fields: map[string]*widgets.Select{}}
	c.live.delay = countDelay
	for i, s := range first.Sheets {
		if s.HeaderRow > 0 {
			c.offered = append(c.offered, i)
		}
	}
	c.cur = first.List
	if setup.saved != nil {
		if i := slices.IndexFunc(first.Sheets, func(s workbook.SheetPreview) bool { return s.Name == setup.saved.Sheet }); i >= 0 {
			c.cur = i
		}
	}
	if c.cur < 0 && len(c.offered) > 0 {
		c.cur = c.offered[0]
	}

	intro := widget.NewLabel(file + c.kind.intro)
	intro.Wrapping = fyne.TextWrapWord
	if first.List < 0 {
		intro.SetText(intro.Text + " No sheet has headers Continuum Planner recognises, so choose the columns here.")
	}
	c.saved = widget.NewLabel("")
	c.saved.Wrapping = fyne.TextWrapWord
	c.savedBox = container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.InfoIcon())), nil, c.saved)
	c.savedBox.Hide()
	if setup.saved != nil {
		c.saved.SetText("Using the mapping you saved on " + savedOn(*setup.saved) + " for files with these headers. Change any column below; untick “Remember” to forget it.")
		c.savedBox.Show()
	}
	c.count = widget.NewLabel("")
	c.count.Wrapping = fyne.TextWrapWord
	if setup.count == nil {
		c.count.Hide()
	}
	c.remember = widgets.NewCheck("Remember this mapping for files with these headers", nil)
	c.remember.Checked = setup.saved != nil

	c.table = widget.NewTable(c.tableSize, c.newCell, c.updateCell)
	c.table.ShowHeaderRow = true
	c.table.ShowHeaderColumn = true
	c.table.CreateHeader = c.newHeader
	c.table.UpdateHeader = c.updateHeader
	space := canvas.NewRectangle(color.Transparent)
	space.SetMinSize(fyne.NewSize(0, 170))
	tableTitle := widget.NewLabelWithStyle("The first rows", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})

	choices := c.form(first)
	top := container.NewVBox(intro, c.savedBox, choices, c.notes, c.count, tableTitle)
	body := container.NewBorder(top, nil, nil, nil, container.NewStack(space, c.table))
	c.dlg = widgets.NewFormDialog(win, "Map the columns of "+file, body, c.kind.confirm, c.onConfirm, c.remember)
	c.dlg.First = c.fields[c.kind.fields[0].key]
	c.dlg.SetOnClosed(c.live.stop)
	if c.cur >= 0 {
		c.filling = true
		c.sheet.SetSelected(first.Sheets[c.cur].Name)
		c.filling = false
		c.fillChoices()
	}
	return c
}

// form builds the choices: the sheet, then a column for each field, in
// two columns of the form.
func (c *columnMapping) form(first *workbook.Preview) fyne.CanvasObject {
	names := make([]string, len(c.offered))
	for i, si := range c.offered {
		names[i] = first.Sheets[si].Name
	}
	c.sheet = widgets.NewSelect(names, func(string) { c.onSheetChosen() })
	var left, right []*widget.FormItem
	right = append(right, widget.NewFormItem("Sheet", c.sheet))
	for i, f := range c.kind.fields {
		sel := widgets.NewSelect(nil, func(string) { c.onFieldChosen() })
		c.fields[f.key] = sel
		label := f.label
		if f.required {
			label += " *"
		}
		item := widget.NewFormItem(label, sel)
		item.HintText = f.hint
		if i < c.kind.split {
			left = append(left, item)
		} else {
			right = append(right, item)
		}
	}
	right[0].HintText = "the sheet that holds the list"
	c.notes = widget.NewLabel("")
	c.notes.Wrapping = fyne.TextWrapWord
	c.notes.Importance = widget.MediumImportance
	c.notes.Hide()
	return container.NewGridWithColumns(2, widget.NewForm(left...), widget.NewForm(right...))
}

// Show opens the dialog.
func (c *columnMapping) Show() { c.dlg.Show(fyne.NewSize(960, 640)) }

func (c *columnMapping) current() *workbook.SheetPreview {
	if c.cur < 0 || c.cur >= len(c.first.Sheets) {
		return &workbook.SheetPreview{}
	}
	return &c.first.Sheets[c.cur]
}

// width is how many columns the sheet shows: its headers or its widest row.
func (c *columnMapping) width() int {
	s := c.current()
	n := len(s.Headers)
	for _, r := range s.Rows {
		n = max(n, len(r))
	}
	return n
}

// columnTitle writes a column as "B · Description".
func (c *columnMapping) columnTitle(col int) string {
	s := c.current()
	name := workbook.ColumnName(col)
	if col < len(s.Headers) && strings.TrimSpace(s.Headers[col]) != "" {
		name += " · " + strings.TrimSpace(s.Headers[col])
	}
	return name
}

func (c *columnMapping) onSheetChosen() {
	if c.filling {
		return
	}
	i := c.sheet.SelectedIndex()
	if i < 0 || i >= len(c.offered) {
		return
	}
	c.cur = c.offered[i]
	c.fillChoices()
}

// fillChoices offers the sheet's columns for every field, each starting
// at the column recognised by its header.
func (c *columnMapping) fillChoices() {
	c.filling = true
	options := []string{noColumn}
	for col := range c.width() {
		options = append(options, c.columnTitle(col))
	}
	c.sizeTable()
	s := c.current()
	for _, f := range c.kind.fields {
		sel := c.fields[f.key]
		sel.SetOptions(options)
		col, ok := s.Fields[f.key]
		if saved := c.setup.saved; saved != nil && saved.Sheet == s.Name {
			if spec, in := saved.Map[f.key]; in {
				col, ok = columnOf(*s, spec), true
			}
		}
		if ok && col >= 0 && col+1 < len(options) {
			sel.SetSelectedIndex(col + 1)
		} else {
			sel.SetSelectedIndex(0)
		}
	}
	c.filling = false
	c.onFieldChosen()
}

// sizeTable gives each column the width its text needs, within limits,
// and each row the height of one line.
func (c *columnMapping) sizeTable() {
	pad := 6 * theme.Padding()
	measure := func(s string, bold bool) float32 {
		return fyne.MeasureText(s, theme.TextSize(), fyne.TextStyle{Bold: bold}).Width + pad
	}
	s := c.current()
	for col := range c.width() {
		w := measure(c.columnTitle(col), true)
		for _, r := range s.Rows {
			if col < len(r) {
				w = max(w, measure(strings.ReplaceAll(r[col], "\n", " "), false))
			}
		}
		c.table.SetColumnWidth(col, min(max(w, 110), 380))
	}
	line := widget.NewLabel("Ag").MinSize().Height
	for row := range s.Rows {
		c.table.SetRowHeight(row, line)
	}
}

// chosen returns the column chosen for a field, or -1.
func (c *columnMapping) chosen(field string) int {
	if sel := c.fields[field]; sel != nil {
		return sel.SelectedIndex() - 1
	}
	return -1
}

// Choose sets the column of a field (-1 for none), as a teacher would.
func (c *columnMapping) Choose(field string, col int) {
	if sel := c.fields[field]; sel != nil {
		sel.SetSelectedIndex(col + 1)
	}
}

// onFieldChosen checks the choices: the code and the statement are
// needed, one column holds one field, and a field left out whose column
// is recognised by its header will still be read.
func (c *columnMapping) onFieldChosen() {
	if c.filling {
		return
	}
	c.table.Refresh()
	problem := c.kind.lacking(c.chosen)
	used := map[int]string{}
	for _, f := range c.kind.fields {
		if col := c.chosen(f.key); col >= 0 {
			if other, ok := used[col]; ok && problem == "" {
				problem = fmt.Sprintf("%s and %s are both in column %s: choose one column for each.", other, f.label, workbook.ColumnName(col))
			}
			used[col] = f.label
		}
	}
	var notes []string
	s := c.current()
	if s.GradeSheet != "" && c.chosen("level") < 0 {
		notes = append(notes, "Level: the grades come from the sheet “"+s.GradeSheet+"”, matched by code.")
	}
	for _, f := range c.kind.fields {
		if col, ok := s.Fields[f.key]; ok && c.chosen(f.key) < 0 && !f.required {
			notes = append(notes, fmt.Sprintf("%s is left out, but the column “%s” will still be read as the %s by its header; rename that column in the spreadsheet to leave it out.",
				f.label, strings.TrimSpace(s.Headers[col]), strings.ToLower(f.label)))
		}
	}
	c.notes.SetText(strings.Join(notes, "\n"))
	if len(notes) > 0 {
		c.notes.Show()
	} else {
		c.notes.Hide()
	}
	c.dlg.SetError(problem)
	if problem != "" {
		c.dlg.ConfirmButton().Disable()
	} else {
		c.dlg.ConfirmButton().Enable()
	}
	c.recount(problem == "")
}

// recount starts counting what the list gives with the choices as they
// stand, once they settle; choices that cannot be read are not counted.
func (c *columnMapping) recount(valid bool) {
	if c.setup.count == nil {
		return
	}
	if !valid {
		c.live.stop()
		c.count.Importance = widget.LowImportance
		c.count.SetText(c.kind.countHint)
		return
	}
	c.count.Importance = widget.LowImportance
	c.count.SetText("Counting what the list gives with these columns…")
	sheet, m := c.Mapping()
	c.live.start(func(ctx context.Context) (mappingCount, error) {
		return c.setup.count(ctx, sheet, m)
	}, c.showCount, func(err error) {
		c.count.Importance = widget.DangerImportance
		c.count.SetText("With these columns the list cannot be read: " + screen.Problem(err))
	})
}

// showCount says what the list gives with the choices as they stand.
func (c *columnMapping) showCount(n mappingCount) {
	switch {
	case n.problems > 0 || n.targets == 0:
		c.count.Importance = widget.WarningImportance
	default:
		c.count.Importance = widget.MediumImportance
	}
	c.count.SetText("With these columns: " + n.String() + ".")
}

// Mapping returns the chosen sheet and the mapping for workbook.Options:
// the fields whose column differs from the one recognised by its header,
// so that what is recognised is read exactly as without a mapping.
func (c *columnMapping) Mapping() (string, map[string]string) {
	s := c.current()
	m := map[string]string{}
	for _, f := range c.kind.fields {
		col := c.chosen(f.key)
		if known, ok := s.Fields[f.key]; col >= 0 && (!ok || known != col) {
			m[f.key] = s.MapSpec(col)
		}
	}
	return s.Name, m
}

func (c *columnMapping) onConfirm() {
	if c.dlg.ConfirmButton().Disabled() {
		return
	}
	sheet, m := c.Mapping()
	c.dlg.Hide()
	c.onDone(sheet, m, c.remember.Checked)
}

// fieldsOf names the fields mapped to a column: "code", "level, domain".
func (c *columnMapping) fieldsOf(col int) string {
	var names []string
	for _, f := range c.kind.fields {
		if c.chosen(f.key) == col {
			names = append(names, strings.ToLower(f.label))
		}
	}
	return strings.Join(names, ", ")
}

func (c *columnMapping) tableSize() (int, int) { return len(c.current().Rows), c.width() }

func (c *columnMapping) newCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

func (c *columnMapping) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	rows := c.current().Rows
	text := ""
	if id.Row < len(rows) && id.Col < len(rows[id.Row]) {
		text = strings.ReplaceAll(rows[id.Row][id.Col], "\n", " ")
	}
	l.TextStyle.Bold = false
	l.SetText(text)
}

// newHeader is a column's title over the field it is mapped to, or a row number.
func (c *columnMapping) newHeader() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	field := widget.NewLabel("")
	field.Importance = widget.HighImportance
	field.Truncation = fyne.TextTruncateEllipsis
	return container.New(&columnHeaderLayout{}, title, field)
}

func (c *columnMapping) updateHeader(id widget.TableCellID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	title, field := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
	switch {
	case id.Row < 0 && id.Col >= 0:
		title.SetText(c.columnTitle(id.Col))
		if f := c.fieldsOf(id.Col); f != "" {
			field.SetText("→ " + f)
		} else {
			field.SetText("")
		}
		title.Alignment = fyne.TextAlignLeading
	case id.Col < 0 && id.Row >= 0:
		nums := c.current().RowNumbers
		text := ""
		if id.Row < len(nums) {
			text = fmt.Sprint(nums[id.Row])
		}
		title.SetText(text)
		title.Alignment = fyne.TextAlignTrailing
		field.SetText("")
	default:
		title.SetText("")
		field.SetText("")
	}
}

// columnHeaderLayout stacks a header's title over the field it is mapped
// to, the two lines closer than two labels would be.
type columnHeaderLayout struct{}

func (l *columnHeaderLayout) MinSize(objects []fyne.CanvasObject) fyne.Size {
	a, b := objects[0].MinSize(), objects[1].MinSize()
	return fyne.NewSize(max(a.Width, b.Width, 40), a.Height+b.Height-2*theme.Padding())
}

func (l *columnHeaderLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	a := objects[0].MinSize()
	objects[0].Move(fyne.NewPos(0, 0))
	objects[0].Resize(fyne.NewSize(size.Width, a.Height))
	objects[1].Move(fyne.NewPos(0, a.Height-2*theme.Padding()))
	objects[1].Resize(fyne.NewSize(size.Width, objects[1].MinSize().Height))
}
