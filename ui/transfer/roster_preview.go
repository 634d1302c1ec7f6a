package transfer

import (
	"cmp"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// rosterPreview is the dialog that shows what importing a class list
// would do to the roster: the counts, the students whose details change
// and how, those added, those who have left, the students of the file
// who resemble one of the teacher's (each with her word on whether they
// are the same person), and every problem and warning with its place.
// Apply writes it (exchange.RosterImport.Apply).
type rosterPreview struct {
	win     fyne.Window
	p       *exchange.RosterImport
	onApply func(*exchange.RosterImport)

	dlg    *widgets.FormDialog
	tabs   *container.AppTabs
	notice *widget.Label
	// near are the choices on the near-misses, by index into Plan.NearMisses.
	near    []*widget.RadioGroup
	syncing bool // a choice is being set back, not by the teacher
}

// The choices on a near-miss.
const (
	samePerson = "Same person"
	newStudent = "New student"
)

// newRosterPreview builds the preview of p; note, when not "", says which
// saved mapping read the list; back, when not nil, goes back a step.
func newRosterPreview(win fyne.Window, p *exchange.RosterImport, note string, back *widgets.Button, onApply func(*exchange.RosterImport)) *rosterPreview {
	v := &rosterPreview{win: win, p: p, onApply: onApply}
	heading := widget.NewLabelWithStyle("Import a class list into the roster", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	source := widgets.Wrapped(rosterSummary(p.File))
	head := container.NewVBox(heading, source)
	if note != "" {
		head.Add(infoNote(note))
	}
	v.tabs = container.NewAppTabs(v.tabItems()...)
	v.notice = widgets.Wrapped("")
	v.notice.Hide()
	var left []fyne.CanvasObject
	if back != nil {
		left = append(left, back)
	}
	v.dlg = widgets.NewFormDialog(win, "Import "+p.File.Name, container.NewBorder(head, v.notice, nil, nil, v.tabs), "Apply", v.onApplyTapped, left...)
	v.dlg.ConfirmButton().SetIcon(theme.DownloadIcon())
	v.updateApply()
	return v
}

// Show opens the preview.
func (v *rosterPreview) Show() { v.dlg.Show(fyne.NewSize(960, 660)) }

// tabItems are the preview's tabs for the plan as it stands: the summary,
// then each list that has something in it.
func (v *rosterPreview) tabItems() []*container.TabItem {
	p := v.p
	items := []*container.TabItem{container.NewTabItem("Summary", v.summary())}
	tab := func(title string, n int, content func() fyne.CanvasObject) {
		if n > 0 {
			items = append(items, container.NewTabItem(fmt.Sprintf("%s (%s)", title, continuum.GroupThousands(n)), content()))
		}
	}
	tab("Problems", len(p.Problems), func() fyne.CanvasObject {
		return newImportIssueTable(issueLines(p.Problems, nil), "problem", "problems").content
	})
	tab("Resembling", len(p.Plan.NearMisses), v.nearMisses)
	changed, added := v.changedRows(), v.addedRows()
	tab("Changes", len(changed), func() fyne.CanvasObject {
		return newLineTable([]string{"Student", "Where", "Found by", "What changes"}, []float32{220, 150, 110, 400}, changed).content
	})
	tab("Added", len(added), func() fyne.CanvasObject {
		return newLineTable([]string{"ID", "Name", "Group", "Grade", "External ID", "Where"}, []float32{90, 230, 190, 70, 130, 160}, added).content
	})
	left := v.leftRows()
	tab("Leaving", len(left), func() fyne.CanvasObject {
		intro := widgets.Wrapped("These students are no longer on the class list of their group. They are kept, with their evidence, as having left the class: " +
			"out of the class map, the flex groupings and the lists, under Left the class on the Students screen, from where they can be brought back.")
		return container.NewBorder(intro, nil, nil, nil,
			newLineTable([]string{"ID", "Name", "Group", "Why"}, []float32{90, 240, 200, 350}, left).content)
	})
	tab("Warnings", len(p.Warnings), func() fyne.CanvasObject {
		return newImportIssueTable(issueLines(p.Warnings, nil), "warning", "warnings").content
	})
	return items
}

// rosterOutcomeWords say what each outcome means, for the summary.
var rosterOutcomeWords = map[continuum.RosterOutcome]string{
	continuum.RosterAdded:     "new on the roster",
	continuum.RosterUpdated:   "on the roster, with a new name, group, grade or external ID",
	continuum.RosterReturned:  "had left the class and are back",
	continuum.RosterLeft:      "have left: kept, with their evidence, as having left the class",
	continuum.RosterUnchanged: "on the roster as they are",
	continuum.RosterSkipped:   "said to have left, but not on the roster: nothing to do",
	continuum.RosterRefused:   "cannot be imported (see Problems)",
}

// summary counts the students by what happens to them and says what
// the teacher should look at.
func (v *rosterPreview) summary() fyne.CanvasObject {
	p := v.p
	form := widget.NewForm()
	for _, o := range continuum.RosterOutcomes {
		n := p.Plan.Count(o)
		if n == 0 && o != continuum.RosterAdded && o != continuum.RosterUnchanged {
			continue
		}
		count := widget.NewLabelWithStyle(continuum.GroupThousands(n), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		switch {
		case n == 0:
			count.Importance = widget.LowImportance
		case o == continuum.RosterRefused:
			count.Importance = widget.DangerImportance
		case o == continuum.RosterLeft:
			count.Importance = widget.WarningImportance
		}
		what := widget.NewLabel(rosterOutcomeWords[o])
		what.Wrapping = fyne.TextWrapWord
		form.Append(outcomeTitle(continuum.Outcome(o)), container.NewBorder(nil, nil, container.NewGridWrap(fyne.NewSize(70, count.MinSize().Height), count), nil, what))
	}
	var notes []fyne.CanvasObject
	note := func(text string, imp widget.Importance) {
		l := widgets.Wrapped(text)
		l.Importance = imp
		notes = append(notes, l)
	}
	if n := len(p.Problems); n > 0 {
		note(fmt.Sprintf("The class list has %s: each is listed with its place under Problems. Nothing is written until they are corrected.",
			continuum.Plural(n, "problem", "problems")), widget.DangerImportance)
	}
	if n := v.undecided(); n > 0 {
		note(fmt.Sprintf("%s of the class list %s like one of your students but %s not found as them: each is added as a new student, and your student may be taken as having left, unless you say under Resembling that it is the same person.",
			continuum.Plural(n, "student", "students"), pluralWord(n, "looks", "look"), pluralWord(n, "was", "were")), widget.WarningImportance)
	}
	if len(p.Plan.Groups) > 0 {
		note("The class list is the whole list of "+listSome(p.Plan.Groups, 6)+": your students of these groups whom it does not list have left.", widget.MediumImportance)
	}
	if n := len(p.Warnings); n > 0 {
		note(fmt.Sprintf("%s: what was read with a guess or left out (see Warnings). Warnings do not stop the import.", continuum.Plural(n, "warning", "warnings")), widget.MediumImportance)
	}
	return container.NewVScroll(container.NewVBox(form, widget.NewSeparator(), container.NewVBox(notes...)))
}

// undecided counts the near-misses the teacher has not said are the same person.
func (v *rosterPreview) undecided() int {
	seen := map[int]bool{}
	for _, nm := range v.p.Plan.NearMisses {
		if !nm.Same {
			seen[nm.Entry] = true
		}
	}
	return len(seen)
}

// pluralWord is one when n is 1, else many.
func pluralWord(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// place writes where the student planned at index i comes from:
// "users.csv, row 12", "Period 5, row 3" (a workbook's sheet), "row 3"
// (a text file's one table).
func (v *rosterPreview) place(i int) string {
	is := v.p.Place(i)
	if t := v.p.File.Table(); t != nil && !strings.HasPrefix(t.Format, "Excel") {
		is.Sheet = ""
	}
	if is.Sheet == "" && is.Row == 0 {
		return ""
	}
	return is.Place()
}

// changedRows are the students of the roster whose details change: who,
// from where, how they were found, and what changes (those who leave are
// under Leaving).
func (v *rosterPreview) changedRows() [][]string {
	var rows [][]string
	for _, e := range v.p.Plan.Entries {
		switch e.Outcome {
		case continuum.RosterUpdated, continuum.RosterReturned:
			var cs []string
			for _, c := range e.Changes {
				cs = append(cs, changeWords(c))
			}
			rows = append(rows, []string{e.Stored.ID + " " + e.Stored.Name, v.place(e.Index), string(e.MatchedBy), strings.Join(cs, "; ")})
		}
	}
	return rows
}

// changeWords writes a change as a teacher reads it: "group: Period 1 → Period 2".
func changeWords(c continuum.RosterChange) string {
	return fmt.Sprintf("%s: %s → %s", c.Field, cmp.Or(c.From, "(none)"), cmp.Or(c.To, "(none)"))
}

// addedRows are the students added, as the roster will hold them.
func (v *rosterPreview) addedRows() [][]string {
	var rows [][]string
	for _, e := range v.p.Plan.Entries {
		if e.Outcome == continuum.RosterAdded {
			s := e.Student
			rows = append(rows, []string{s.ID, s.Name, s.Group, s.Grade, s.ExternalID, v.place(e.Index)})
		}
	}
	return rows
}

// leftRows are the students who have left: those of the groups the file
// lists whole whom it does not list, then those the file says have left.
func (v *rosterPreview) leftRows() [][]string {
	var rows [][]string
	for _, s := range v.p.Plan.Left {
		rows = append(rows, []string{s.ID, s.Name, s.Group, "not on the class list of " + s.Group})
	}
	for _, e := range v.p.Plan.Entries {
		if e.Outcome == continuum.RosterLeft {
			rows = append(rows, []string{e.Stored.ID, e.Stored.Name, e.Stored.Group, "the file says they have left (" + v.place(e.Index) + ")"})
		}
	}
	return rows
}

// nearMisses lists the students of the file who resemble one of the
// teacher's, each with why and the choice of same person or new student.
func (v *rosterPreview) nearMisses() fyne.CanvasObject {
	intro := widgets.Wrapped("These students of the class list were not found among yours by ID, external ID or name, but their names resemble one of your students'. " +
		"Each is added as a new student unless you say it is the same person: then your student takes the list's name, group and grade, and keeps their evidence.")
	v.near = nil
	var rows []fyne.CanvasObject
	for i, nm := range v.p.Plan.NearMisses {
		e := v.p.Plan.Entries[nm.Entry]
		in := e.Incoming
		who := widget.NewLabelWithStyle(in.Name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		var facts []string
		for _, f := range []string{v.place(e.Index), idFact("external ID", in.ExternalID), idFact("ID", in.ID), in.Group} {
			if f != "" {
				facts = append(facts, f)
			}
		}
		what := widgets.Wrapped(fmt.Sprintf("%s. Resembles your %s %s%s: %s.", strings.Join(facts, ", "), nm.Stored.ID, nm.Stored.Name, inGroup(nm.Stored.Group), nm.Why))
		choice := widget.NewRadioGroup([]string{samePerson, newStudent}, nil)
		choice.Horizontal = true
		choice.Required = true
		if nm.Same {
			choice.SetSelected(samePerson)
		} else {
			choice.SetSelected(newStudent)
		}
		choice.OnChanged = func(s string) { v.onNearChosen(i, s == samePerson) }
		v.near = append(v.near, choice)
		if i > 0 {
			rows = append(rows, widget.NewSeparator())
		}
		rows = append(rows, container.NewBorder(nil, nil, nil, choice, who), what)
	}
	return container.NewBorder(intro, nil, nil, nil, container.NewVScroll(container.NewVBox(rows...)))
}

func idFact(what, id string) string {
	if id == "" {
		return ""
	}
	return what + " " + id
}

func inGroup(g string) string {
	if g == "" {
		return ""
	}
	return " (" + g + ")"
}

// onNearChosen takes the teacher's word on the i-th near-miss and shows
// the plan it makes; a word that cannot be (another student of the list
// is that student already) is set back, saying why.
func (v *rosterPreview) onNearChosen(i int, same bool) {
	if v.syncing {
		return
	}
	if err := v.p.SamePerson(i, same); err != nil {
		v.syncing = true
		if same {
			v.near[i].SetSelected(newStudent)
		} else {
			v.near[i].SetSelected(samePerson)
		}
		v.syncing = false
		v.dlg.SetError(screen.Problem(err))
		return
	}
	v.dlg.SetError("")
	v.refresh()
}

// refresh shows the plan as it stands after the teacher's word; the tab
// the teacher is on stays open.
func (v *rosterPreview) refresh() {
	selected := v.tabs.Selected()
	kind := func(it *container.TabItem) string { k, _, _ := strings.Cut(it.Text, " ("); return k }
	items := v.tabItems()
	v.tabs.SetItems(items)
	for _, it := range items {
		if selected != nil && kind(it) == kind(selected) {
			v.tabs.Select(it)
			break
		}
	}
	v.updateApply()
}

// updateApply turns Apply off, saying why, while the list has problems or
// the roster already is the class list.
func (v *rosterPreview) updateApply() {
	_, err := v.p.Change()
	problems := ""
	if n := len(v.p.Problems); n > 0 {
		problems = fmt.Sprintf("Apply is off: the class list has %s (see Problems). Correct them in the file, or in the system that wrote it, and import it again. Nothing has been changed.",
			continuum.Plural(n, "problem", "problems"))
	}
	gateApply(v.dlg, v.notice, problems, err, "Nothing to import: the roster already is this class list.")
}

func (v *rosterPreview) onApplyTapped() {
	if _, err := v.p.Change(); err != nil {
		v.updateApply()
		return
	}
	v.dlg.Hide()
	v.onApply(v.p)
}
