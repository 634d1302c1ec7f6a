package transfer

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// importIssue is a problem, a refusal or a warning of an import, with
// its place in the workbook.
type importIssue struct {
	sheet  string
	row    int    // 0 when it concerns a whole sheet or the file
	column string // "D (Score)"; "" when it concerns a whole row
	what   string
}

// place writes where the issue is: "Evidence, row 12, column D (Score)".
func (i importIssue) place() string {
	parts := []string{}
	if i.sheet != "" {
		parts = append(parts, i.sheet)
	}
	if i.row > 0 {
		parts = append(parts, fmt.Sprintf("row %d", i.row))
	}
	if i.column != "" {
		parts = append(parts, "column "+i.column)
	}
	if len(parts) == 0 {
		return "the whole file"
	}
	return strings.Join(parts, ", ")
}

// importPlan is a decoded workbook compared with the store: what the
// preview shows and Apply writes.
type importPlan struct {
	book *workbook.Book
	mine *continuum.Snapshot // the stored continuum, nil for a new one
	plan *continuum.Plan
	// problems are the workbook's problems, then the records the merge refuses.
	problems []importIssue
	warnings []importIssue
	// refused counts, per section, the refusals and the problems of its sheets.
	refused map[string]int
}

func newImportPlan(book *workbook.Book, mine *continuum.Snapshot, plan *continuum.Plan) *importPlan {
	p := &importPlan{book: book, mine: mine, plan: plan, refused: map[string]int{}}
	issue := func(pr workbook.Problem) importIssue {
		col := pr.Column
		if col != "" && pr.Header != "" {
			col += " (" + pr.Header + ")"
		} else if col == "" && pr.Header != "" {
			col = pr.Header
		}
		return importIssue{sheet: pr.Sheet, row: pr.Row, column: col, what: pr.Message}
	}
	for _, pr := range book.Problems {
		p.problems = append(p.problems, issue(pr))
		p.refused[sectionOfSheet(pr.Sheet, book.About.Layout)]++
	}
	places := refusalPlaces(book)
	for _, r := range plan.Refusals {
		is := importIssue{sheet: r.Section, what: r.Key + ": " + r.Reason}
		if pl, ok := places.take(r.Section, r.Key); ok {
			is.sheet, is.row = pl.Sheet, pl.Row
		}
		p.problems = append(p.problems, is)
		p.refused[r.Section]++
	}
	for _, pr := range book.Warnings {
		p.warnings = append(p.warnings, issue(pr))
	}
	return p
}

// count is how many records of a section have an outcome; refused counts
// the workbook's problems on that section's sheets too.
func (p *importPlan) count(section string, o continuum.Outcome) int {
	if o == continuum.Refused {
		return p.refused[section]
	}
	return p.plan.Counts[section][o]
}

// nothingToDo reports that the store already holds everything the
// workbook brings (conflicts aside).
func (p *importPlan) nothingToDo() bool {
	if p.plan.NewContinuum || len(p.plan.Conflicts) > 0 {
		return false
	}
	for _, s := range continuum.Sections {
		if p.count(s, continuum.Added)+p.count(s, continuum.Changed) > 0 {
			return false
		}
	}
	return true
}

// written says, section by section, what applying the plan with the
// teacher's choices writes: "Targets: 36 added, 1 replaced".
func (p *importPlan) written() []string {
	taken := map[string]int{}
	for _, c := range p.plan.Conflicts {
		if c.Choice == continuum.TakeTheirs {
			taken[c.Section]++
		}
	}
	var out []string
	for _, s := range continuum.Sections {
		var parts []string
		if s == continuum.SectionContinuum {
			if p.plan.NewContinuum {
				continue
			}
			if p.count(s, continuum.Changed) > 0 {
				parts = append(parts, "new levels or domains")
			}
			if taken[s] > 0 {
				parts = append(parts, "scale or method replaced")
			}
		} else {
			if n := p.count(s, continuum.Added); n > 0 {
				parts = append(parts, screen.GroupThousands(n)+" added")
			}
			if n := p.count(s, continuum.Changed); n > 0 {
				parts = append(parts, screen.GroupThousands(n)+" changed")
			}
			if n := taken[s]; n > 0 {
				parts = append(parts, screen.GroupThousands(n)+" replaced")
			}
		}
		if len(parts) > 0 {
			out = append(out, s+": "+strings.Join(parts, ", "))
		}
	}
	return out
}

// sectionOfSheet says which section of the preview a sheet's problems
// belong to: a standards list or CASE sheet is the targets; the
// continuum's own sheets (About, Scale, Levels …) and the file as a whole
// are the continuum.
func sectionOfSheet(sheet string, layout workbook.Layout) string {
	key := strings.Join(strings.Fields(sheet), " ")
	switch lower := strings.ToLower(key); {
	case lower == "starting levels":
		return continuum.SectionStudents
	case strings.HasPrefix(lower, "unit "):
		return continuum.SectionUnits // Unit experiences, Unit checkpoints
	case strings.HasPrefix(lower, "flex "):
		return continuum.SectionFlex // Flex assignments
	}
	for _, s := range continuum.Sections {
		if strings.EqualFold(key, s) {
			return s
		}
	}
	if layout != workbook.LayoutPlanner && sheet != "" {
		return continuum.SectionTargets
	}
	return continuum.SectionContinuum
}

// placeQueue finds the rows refused records came from: each key's places
// in workbook order, taken one at a time so repeated keys get their own rows.
type placeQueue map[string][]workbook.Place

func (q placeQueue) take(section, key string) (workbook.Place, bool) {
	k := section + "\x00" + key
	if len(q[k]) == 0 {
		return workbook.Place{}, false
	}
	pl := q[k][0]
	q[k] = q[k][1:]
	return pl, true
}

// refusalPlaces indexes the Book's records by the keys continuum.PlanMerge
// gives its refusals.
func refusalPlaces(b *workbook.Book) placeQueue {
	q := placeQueue{}
	add := func(section, key string, places []workbook.Place, i int) {
		if i < len(places) {
			k := section + "\x00" + key
			q[k] = append(q[k], places[i])
		}
	}
	for i, t := range b.Targets {
		add(continuum.SectionTargets, t.Code, b.Places.Targets, i)
	}
	for i, s := range b.Students {
		add(continuum.SectionStudents, strings.TrimSpace(s.ID), b.Places.Students, i)
	}
	for i, e := range b.Evidence {
		add(continuum.SectionEvidence, e.Student+" "+e.Target+" "+e.Date.String(), b.Places.Evidence, i)
	}
	for i, o := range b.Overrides {
		add(continuum.SectionOverrides, o.Student+"/"+o.Target, b.Places.Overrides, i)
	}
	return q
}

// importPreview is the dialog that shows what an import would do, per
// sheet, with every problem, the warnings and each conflict side by side
// for the teacher to choose; Apply writes it.
type importPreview struct {
	win     fyne.Window
	p       *importPlan
	onApply func(*importPlan, continuum.MergeChange)
	onBack  func() // back to the column mapping; nil when there was none

	dlg       *widgets.FormDialog
	heading   *widget.Label
	tabs      *container.AppTabs
	problems  *importIssueTable
	warnings  *importIssueTable
	choices   []*widget.RadioGroup
	allMine   *widgets.Button
	allTheirs *widgets.Button
	back      *widgets.Button
}

// The choices on a conflict, as the teacher reads them.
const (
	keepMine   = "Keep mine"
	takeTheirs = "Take theirs"
)

// newImportPreview builds the preview of p; onApply writes the change.
// onBack, when not nil, goes back to the column mapping the workbook was
// read with.
func newImportPreview(win fyne.Window, p *importPlan, onApply func(*importPlan, continuum.MergeChange), onBack func()) *importPreview {
	v := &importPreview{win: win, p: p, onApply: onApply, onBack: onBack}
	v.heading = widget.NewLabelWithStyle(v.headingText(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.heading.Wrapping = fyne.TextWrapWord
	source := widget.NewLabel(v.sourceText())
	source.Wrapping = fyne.TextWrapWord

	v.tabs = container.NewAppTabs(container.NewTabItem("Summary", v.summary()))
	if n := len(p.problems); n > 0 {
		v.problems = newImportIssueTable(p.problems)
		v.tabs.Append(container.NewTabItem(fmt.Sprintf("Problems (%s)", screen.GroupThousands(n)), v.problems.content))
	}
	if n := len(p.plan.Conflicts); n > 0 {
		v.tabs.Append(container.NewTabItem(fmt.Sprintf("Defined differently (%s)", screen.GroupThousands(n)), v.conflicts()))
	}
	if n := len(p.warnings); n > 0 {
		v.warnings = newImportIssueTable(p.warnings)
		v.tabs.Append(container.NewTabItem(fmt.Sprintf("Warnings (%s)", screen.GroupThousands(n)), v.warnings.content))
	}
	body := container.NewBorder(container.NewVBox(v.heading, source), nil, nil, nil, v.tabs)
	var left []fyne.CanvasObject
	if onBack != nil {
		v.back = widgets.NewButton("Change the columns", theme.NavigateBackIcon(), func() {
			v.dlg.Hide()
			v.onBack()
		})
		left = append(left, v.back)
	}
	v.dlg = widgets.NewFormDialog(win, "Import "+p.book.About.File, body, "Apply", v.onApplyTapped, left...)
	v.dlg.confirm.SetIcon(theme.DownloadIcon())
	switch {
	case len(p.book.Problems) > 0:
		v.dlg.confirm.Disable()
		v.dlg.SetError(fmt.Sprintf("Apply is off: the workbook has %s (see Problems). Correct them in the spreadsheet and import it again. Nothing has been changed.",
			screen.Plural(len(p.book.Problems), "problem", "problems")))
	case p.nothingToDo():
		v.dlg.confirm.Disable()
		v.dlg.message.Importance = widget.MediumImportance
		v.dlg.SetError("Nothing to import: the store already holds everything in this workbook.")
	}
	return v
}

// Show opens the preview.
func (v *importPreview) Show() { v.dlg.Show(fyne.NewSize(960, 660)) }

func (v *importPreview) headingText() string {
	name := v.p.plan.Continuum.Name
	if v.p.plan.NewContinuum {
		return "Import as a new continuum, “" + name + "”"
	}
	return "Import into the stored continuum “" + name + "”"
}

func (v *importPreview) sourceText() string {
	a := v.p.book.About
	kind := map[workbook.Layout]string{
		workbook.LayoutPlanner:   "a Continuum Planner workbook",
		workbook.LayoutCASE:      "an OpenSALT CASE spreadsheet",
		workbook.LayoutStandards: "a standards list",
	}[a.Layout]
	s := a.File
	if kind != "" {
		s += ", " + kind
	}
	if !a.ExportedAt.IsZero() {
		s += ", exported " + a.ExportedAt.Local().Format("2 January 2006")
	}
	return s + ". Nothing is written until you press Apply; the store is backed up first."
}

// summary is the counts per sheet and what they mean.
func (v *importPreview) summary() fyne.CanvasObject {
	widths := []float32{130, 100, 100, 100, 110, 100}
	header := []fyne.CanvasObject{widget.NewLabel("")}
	for _, o := range continuum.Outcomes {
		l := widget.NewLabelWithStyle(outcomeTitle(o), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		header = append(header, l)
	}
	rows := []fyne.CanvasObject{container.New(widgets.NewColumnsLayout(widths...), header...), widget.NewSeparator()}
	for _, s := range continuum.Sections {
		cells := []fyne.CanvasObject{widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
		for _, o := range continuum.Outcomes {
			n := v.p.count(s, o)
			l := widget.NewLabelWithStyle(screen.GroupThousands(n), fyne.TextAlignTrailing, fyne.TextStyle{})
			switch {
			case n == 0:
				l.Importance = widget.LowImportance
			case o == continuum.Conflicting:
				l.Importance = widget.WarningImportance
			case o == continuum.Refused:
				l.Importance = widget.DangerImportance
			}
			cells = append(cells, l)
		}
		rows = append(rows, container.New(widgets.NewColumnsLayout(widths...), cells...))
	}
	table := container.NewVBox(rows...)

	var notes []fyne.CanvasObject
	note := func(text string, imp widget.Importance) {
		l := widget.NewLabel(text)
		l.Wrapping = fyne.TextWrapWord
		l.Importance = imp
		notes = append(notes, l)
	}
	p := v.p
	if n := len(p.book.Problems); n > 0 {
		note(fmt.Sprintf("The workbook has %s: each is listed with its sheet, row and column under Problems.",
			screen.Plural(n, "problem", "problems")), widget.DangerImportance)
	}
	if n := len(p.plan.Refusals); n > 0 {
		note(fmt.Sprintf("%s cannot be stored and will be left out (see Problems).", screen.Plural(n, "record", "records")), widget.WarningImportance)
	}
	if n := len(p.plan.Conflicts); n > 0 {
		note(fmt.Sprintf("%s defined differently in the store and in the workbook. Yours are kept unless you choose theirs under Defined differently.",
			pluralVerb(n, "record is", "records are")), widget.WarningImportance)
	}
	if n := len(p.warnings); n > 0 {
		note(fmt.Sprintf("%s: what was ignored or adjusted (see Warnings). Warnings do not stop the import.", screen.Plural(n, "warning", "warnings")), widget.MediumImportance)
	}
	if c := p.plan.Continuum; p.plan.NewContinuum {
		domains := make([]string, len(c.Domains))
		for i, d := range c.Domains {
			domains[i] = d.Name
		}
		note(fmt.Sprintf("The new continuum has %s (%s) and %s (%s).",
			screen.Plural(len(c.Levels), "level", "levels"), listSome(c.Levels, 12),
			screen.Plural(len(domains), "domain", "domains"), listSome(domains, 8)), widget.MediumImportance)
	}
	if p.nothingToDo() && len(p.book.Problems) == 0 {
		note("Everything in this workbook is already in the store: there is nothing to import.", widget.MediumImportance)
	}
	return container.NewVScroll(container.NewVBox(container.NewPadded(table), container.NewVBox(notes...)))
}

// listSome writes up to n names, then how many more there are.
func listSome(names []string, n int) string {
	if len(names) <= n+2 {
		return strings.Join(names, ", ")
	}
	return strings.Join(names[:n], ", ") + fmt.Sprintf(" and %d more", len(names)-n)
}

// pluralVerb writes "1 record is" or "3 records are".
func pluralVerb(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return screen.GroupThousands(n) + " " + many
}

func outcomeTitle(o continuum.Outcome) string {
	s := string(o)
	return strings.ToUpper(s[:1]) + s[1:]
}

// conflicts shows each conflict side by side with its choice.
func (v *importPreview) conflicts() fyne.CanvasObject {
	intro := widget.NewLabel("These records are defined differently in the store (mine) and in the workbook (theirs). Nothing is overwritten unless you take theirs.")
	intro.Wrapping = fyne.TextWrapWord
	v.allMine = widgets.NewButton("Keep all mine", nil, func() { v.chooseAll(keepMine) })
	v.allTheirs = widgets.NewButton("Take all theirs", nil, func() { v.chooseAll(takeTheirs) })
	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.allMine, v.allTheirs), intro)
	var cards []fyne.CanvasObject
	for i, c := range v.p.plan.Conflicts {
		if i > 0 {
			cards = append(cards, widget.NewSeparator())
		}
		cards = append(cards, v.conflictCard(i, c))
	}
	return container.NewBorder(top, nil, nil, nil, container.NewVScroll(container.NewVBox(cards...)))
}

func (v *importPreview) conflictCard(i int, c continuum.Conflict) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(conflictTitle(c), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	choice := widget.NewRadioGroup([]string{keepMine, takeTheirs}, func(s string) {
		if s == takeTheirs {
			v.p.plan.Resolve(i, continuum.TakeTheirs)
		} else {
			v.p.plan.Resolve(i, continuum.KeepMine)
		}
	})
	choice.Horizontal = true
	choice.Required = true
	if c.Choice == continuum.TakeTheirs {
		choice.SetSelected(takeTheirs)
	} else {
		choice.SetSelected(keepMine)
	}
	v.choices = append(v.choices, choice)

	widths := []float32{140, -1, -1}
	colHead := func(s string) *widget.Label {
		return widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	rows := []fyne.CanvasObject{container.New(widgets.NewColumnsLayout(widths...),
		colHead(""), colHead("Mine (in the store)"), colHead("Theirs (in the workbook)"))}
	for _, f := range c.Fields {
		name := widget.NewLabel(fieldTitle(f))
		mine := widget.NewLabel(continuum.FieldValue(c.Mine, f))
		mine.Wrapping = fyne.TextWrapWord
		theirs := widget.NewLabel(continuum.FieldValue(c.Theirs, f))
		theirs.Wrapping = fyne.TextWrapWord
		rows = append(rows, container.New(widgets.NewColumnsLayout(widths...), name, mine, theirs))
	}
	// A faint band behind the header line sets each conflict apart.
	band := canvas.NewRectangle(color.Transparent)
	band.FillColor = theme.Color(theme.ColorNameHover)
	band.CornerRadius = theme.InputRadiusSize()
	head := container.NewStack(band, container.NewBorder(nil, nil, title, choice))
	return container.NewVBox(head, container.NewVBox(rows...))
}

// chooseAll sets every conflict to one choice.
func (v *importPreview) chooseAll(choice string) {
	for _, r := range v.choices {
		r.SetSelected(choice)
	}
}

// conflictTitle names a conflicting record: "Target NO.1.2".
func conflictTitle(c continuum.Conflict) string {
	switch c.Section {
	case continuum.SectionContinuum:
		return "Continuum " + c.Key
	case continuum.SectionOverrides:
		return "Override " + strings.Replace(c.Key, "/", " on ", 1)
	}
	return strings.TrimSuffix(c.Section, "s") + " " + c.Key
}

func fieldTitle(f string) string {
	if f == "" {
		return f
	}
	return strings.ToUpper(f[:1]) + f[1:]
}

// onApplyTapped turns the plan and the choices into the change to write.
func (v *importPreview) onApplyTapped() {
	change, err := v.p.plan.Change(v.p.mine)
	if err != nil {
		v.dlg.message.Importance = widget.DangerImportance
		v.dlg.SetError(screen.Problem(err) + ". Nothing has been changed.")
		return
	}
	v.dlg.Hide()
	if v.emptyChange(change) {
		dialog.ShowInformation("Nothing to import",
			"The store already holds everything you chose to import from "+v.p.book.About.File+". Nothing was changed.", v.win)
		return
	}
	v.onApply(v.p, change)
}

// emptyChange reports that the import, with the teacher's choices,
// writes nothing the store does not hold.
func (v *importPreview) emptyChange(ch continuum.MergeChange) bool {
	return !ch.NewContinuum && len(v.p.written()) == 0
}

// importIssueTable lists problems or warnings as a table of sheet, row,
// column and what is wrong; the chosen line is shown whole below it.
type importIssueTable struct {
	issues  []importIssue
	table   *widget.Table
	detail  *widget.Label
	content fyne.CanvasObject
}

var importIssueHeaders = []string{"Sheet", "Row", "Column", "What is wrong"}

func newImportIssueTable(issues []importIssue) *importIssueTable {
	t := &importIssueTable{issues: issues}
	t.table = widget.NewTable(
		func() (int, int) { return len(t.issues), len(importIssueHeaders) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(t.cell(id.Row, id.Col)) })
	t.table.ShowHeaderRow = true
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		if id.Col >= 0 && id.Col < len(importIssueHeaders) {
			o.(*widget.Label).SetText(importIssueHeaders[id.Col])
		}
	}
	for i, w := range []float32{130, 70, 170, 540} {
		t.table.SetColumnWidth(i, w)
	}
	t.detail = widget.NewLabel("Choose a line to read it whole.")
	t.detail.Wrapping = fyne.TextWrapWord
	t.detail.Importance = widget.LowImportance
	t.table.OnSelected = func(id widget.TableCellID) { t.show(id.Row) }
	t.content = container.NewBorder(nil, container.NewVBox(widget.NewSeparator(), t.detail), nil, nil, t.table)
	if len(issues) > 0 {
		t.show(0)
	}
	return t
}

func (t *importIssueTable) cell(row, col int) string {
	if row < 0 || row >= len(t.issues) {
		return ""
	}
	is := t.issues[row]
	switch col {
	case 0:
		if is.sheet == "" {
			return "(file)"
		}
		return is.sheet
	case 1:
		if is.row == 0 {
			return "—"
		}
		return fmt.Sprint(is.row)
	case 2:
		if is.column == "" {
			return "—"
		}
		return is.column
	}
	return strings.ReplaceAll(is.what, "\n", " ")
}

func (t *importIssueTable) show(row int) {
	if row < 0 || row >= len(t.issues) {
		return
	}
	is := t.issues[row]
	t.detail.Importance = widget.MediumImportance
	t.detail.SetText(is.place() + ": " + is.what)
}
