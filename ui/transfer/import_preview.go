package transfer

import (
	"errors"
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// importPreview is the dialog that shows what an import would do, per
// sheet, with every problem, the warnings and each conflict side by side
// for the teacher to choose; Apply writes it.
type importPreview struct {
	win     fyne.Window
	p       *exchange.Plan
	onApply func(*exchange.Plan)
	onBack  func() // back to the column mapping; nil when there was none
	// mappingNote says which saved mapping read the list; "" when none did.
	mappingNote string

	dlg       *widgets.FormDialog
	heading   *widget.Label
	tabs      *container.AppTabs
	problems  *importIssueTable
	warnings  *importIssueTable
	choices   []*widget.RadioGroup
	allMine   *widgets.Button
	allTheirs *widgets.Button
	back      *widgets.Button
	// sameTab lists the workbook's students who have your students' IDs,
	// each with a check saying they are your student after all.
	sameTab  *container.TabItem
	sames    []*widget.Check
	sameRows []*widget.Label
	syncing  bool // a check is being set back, not by the teacher
	// notice says, in the place of an error and without its alarm, that
	// there is nothing to import.
	notice *widget.Label
}

// The choices on a conflict, as the teacher reads them.
const (
	keepMine   = "Keep mine"
	takeTheirs = "Take theirs"
)

// newImportPreview builds the preview of p; onApply writes the change.
// onBack, when not nil, goes back to the column mapping the workbook was
// read with; mappingNote, when not "", says that a saved mapping was used.
func newImportPreview(win fyne.Window, p *exchange.Plan, onApply func(*exchange.Plan), onBack func(), mappingNote string) *importPreview {
	v := &importPreview{win: win, p: p, onApply: onApply, onBack: onBack, mappingNote: mappingNote}
	v.heading = widget.NewLabelWithStyle(v.headingText(), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.heading.Wrapping = fyne.TextWrapWord
	source := widget.NewLabel(v.sourceText())
	source.Wrapping = fyne.TextWrapWord
	head := container.NewVBox(v.heading, source)
	if mappingNote != "" {
		head.Add(infoNote(mappingNote))
	}

	v.tabs = container.NewAppTabs(v.tabItems()...)
	v.notice = widget.NewLabel("")
	v.notice.Wrapping = fyne.TextWrapWord
	v.notice.Hide()
	body := container.NewBorder(head, v.notice, nil, nil, v.tabs)
	var left []fyne.CanvasObject
	if onBack != nil {
		v.back = widgets.NewButton("Change the columns", theme.NavigateBackIcon(), func() {
			v.dlg.Hide()
			v.onBack()
		})
		left = append(left, v.back)
	}
	v.dlg = widgets.NewFormDialog(win, "Import "+p.File.Name(), body, "Apply", v.onApplyTapped, left...)
	v.dlg.ConfirmButton().SetIcon(theme.DownloadIcon())
	v.updateApply()
	return v
}

// Show opens the preview.
func (v *importPreview) Show() { v.dlg.Show(fyne.NewSize(960, 660)) }

func (v *importPreview) headingText() string {
	name := v.p.Merge.Continuum.Name
	if v.p.Merge.NewContinuum {
		return "Import as a new continuum, “" + name + "”"
	}
	return "Import into the stored continuum “" + name + "”"
}

// frameworkArticles are the layouts of other systems' framework files,
// each with the article its format's name takes ("a CASE package (JSON)").
var frameworkArticles = map[workbook.Layout]string{
	workbook.LayoutCASEPackage: "a ",
	workbook.LayoutMoodle:      "a ",
	workbook.LayoutCanvas:      "",
}

// noun is what the preview calls the file: a workbook, or (another
// system's framework) a file.
func (v *importPreview) noun() string {
	if _, ok := frameworkArticles[v.p.File.Book.About.Layout]; ok {
		return "file"
	}
	return "workbook"
}

// source is where the file's problems are corrected.
func (v *importPreview) source() string {
	if v.noun() == "file" {
		return "system that wrote the file"
	}
	return "spreadsheet"
}

// sourceText says what the file is, as recognised: the kind of workbook
// or list, or the framework format with what it holds.
func (v *importPreview) sourceText() string {
	a := v.p.File.Book.About
	if article, ok := frameworkArticles[a.Layout]; ok && a.Format != "" {
		return a.File + ", " + article + a.Format + ". Nothing is written until you press Apply; the store is backed up first."
	}
	kind := map[workbook.Layout]string{
		workbook.LayoutPlanner:   "a Continuum Planner workbook",
		workbook.LayoutCASE:      "an OpenSALT CASE spreadsheet",
		workbook.LayoutStandards: "a standards list",
	}[a.Layout]
	s := a.File
	if kind != "" {
		s += ", " + kind
	}
	if strings.HasPrefix(a.Format, "CSV") { // a workbook goes without saying
		s += " (" + a.Format + ")"
	}
	if !a.ExportedAt.IsZero() {
		s += ", exported " + continuum.DateOf(a.ExportedAt.Local()).LongMonth()
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
		if v.standardsOnly() && s != continuum.SectionContinuum && s != continuum.SectionTargets && v.sectionEmpty(s) {
			continue // a list or framework brings no class: its empty rows say nothing
		}
		cells := []fyne.CanvasObject{widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
		for _, o := range continuum.Outcomes {
			n := v.p.Count(s, o)
			l := widget.NewLabelWithStyle(continuum.GroupThousands(n), fyne.TextAlignTrailing, fyne.TextStyle{})
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
	if n := len(p.File.Book.Problems); n > 0 {
		note(fmt.Sprintf("The %s has %s: each is listed with its place under Problems.",
			v.noun(), continuum.Plural(n, "problem", "problems")), widget.DangerImportance)
	}
	if n := len(p.Merge.Refusals); n > 0 {
		note(fmt.Sprintf("%s cannot be stored and will be left out (see Problems).", continuum.Plural(n, "record", "records")), widget.WarningImportance)
	}
	if n := len(p.Merge.Conflicts); n > 0 {
		note(fmt.Sprintf("%s defined differently in the store and in the "+v.noun()+". Yours are kept unless you choose theirs under Defined differently.",
			pluralVerb(n, "record is", "records are")), widget.WarningImportance)
	}
	others, same := 0, 0
	for _, r := range p.Merge.Renumbered {
		if r.Same {
			same++
		} else {
			others++
		}
	}
	switch {
	case others == 1:
		note("1 student of the workbook has the ID of one of your students but is someone else: they are added as a new student with a new ID, with their evidence (see Same IDs, to say they are your student after all).", widget.WarningImportance)
	case others > 1:
		note(fmt.Sprintf("%s students of the workbook have the IDs of your students but are other people: they are added as new students with new IDs, with their evidence (see Same IDs, to say one is your student after all).",
			continuum.GroupThousands(others)), widget.WarningImportance)
	}
	if same > 0 {
		note(pluralVerb(same, "student of the workbook with one of your students' IDs is", "students of the workbook with your students' IDs are")+
			" your own, as you said under Same IDs: their evidence goes to your students.", widget.MediumImportance)
	}
	if n := len(p.Warnings); n > 0 {
		note(fmt.Sprintf("%s: what was ignored or adjusted (see Warnings). Warnings do not stop the import.", continuum.Plural(n, "warning", "warnings")), widget.MediumImportance)
	}
	if c := p.Merge.Continuum; p.Merge.NewContinuum {
		domains := make([]string, len(c.Domains))
		for i, d := range c.Domains {
			domains[i] = d.Name
		}
		note(fmt.Sprintf("The new continuum has %s (%s) and %s (%s).",
			continuum.Plural(len(c.Levels), "level", "levels"), listSome(c.Levels, 12),
			continuum.Plural(len(domains), "domain", "domains"), listSome(domains, 8)), widget.MediumImportance)
	}
	if p.NothingToDo() && len(p.File.Book.Problems) == 0 {
		note("Everything in this "+v.noun()+" is already in the store: there is nothing to import.", widget.MediumImportance)
	}
	return container.NewVScroll(container.NewVBox(container.NewPadded(table), container.NewVBox(notes...)))
}

// standardsOnly reports whether the file brings standards alone: a
// standards list, a CASE spreadsheet or another system's framework.
func (v *importPreview) standardsOnly() bool {
	return v.p.File.Book.About.Layout != workbook.LayoutPlanner
}

// sectionEmpty reports whether the plan counts nothing in section s.
func (v *importPreview) sectionEmpty(s string) bool {
	for _, o := range continuum.Outcomes {
		if v.p.Count(s, o) != 0 {
			return false
		}
	}
	return true
}

// infoNote is a line of information with its icon, such as the saved
// mapping a list was read with.
func infoNote(text string) fyne.CanvasObject {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.InfoIcon())), nil, l)
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
	return continuum.GroupThousands(n) + " " + many
}

func outcomeTitle(o continuum.Outcome) string {
	s := string(o)
	return strings.ToUpper(s[:1]) + s[1:]
}

// conflicts shows each conflict side by side with its choice.
func (v *importPreview) conflicts() fyne.CanvasObject {
	intro := widget.NewLabel("These records are defined differently in the store (mine) and in the " + v.noun() + " (theirs). Nothing is overwritten unless you take theirs.")
	intro.Wrapping = fyne.TextWrapWord
	v.allMine = widgets.NewButton("Keep all mine", nil, func() { v.chooseAll(keepMine) })
	v.allTheirs = widgets.NewButton("Take all theirs", nil, func() { v.chooseAll(takeTheirs) })
	top := container.NewBorder(nil, nil, nil, container.NewHBox(v.allMine, v.allTheirs), intro)
	var cards []fyne.CanvasObject
	for i, c := range v.p.Merge.Conflicts {
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
			v.p.Merge.Resolve(i, continuum.TakeTheirs)
		} else {
			v.p.Merge.Resolve(i, continuum.KeepMine)
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
		colHead(""), colHead("Mine (in the store)"), colHead("Theirs (in the "+v.noun()+")"))}
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
	case continuum.SectionCalibration:
		return "Calibration score " + c.Key
	}
	return strings.TrimSuffix(c.Section, "s") + " " + c.Key
}

func fieldTitle(f string) string {
	if f == "" {
		return f
	}
	return strings.ToUpper(f[:1]) + f[1:]
}

// onApplyTapped checks the plan with the teacher's choices as a whole
// (a merge may form a prerequisite cycle), then hands it to be applied.
func (v *importPreview) onApplyTapped() {
	_, err := v.p.Change()
	switch {
	case errors.Is(err, exchange.ErrNothingToImport):
		v.dlg.Hide()
		showNothingToImport(v.win, v.p.File.Name())
		return
	case err != nil:
		msg := screen.Problem(err)
		if !strings.Contains(strings.ToLower(msg), "nothing was changed") {
			msg += ". Nothing has been changed."
		}
		v.dlg.SetError(msg)
		return
	}
	v.dlg.Hide()
	v.onApply(v.p)
}
