package transfer

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
)

// tabItems are the preview's tabs for the plan as it stands: the summary,
// then problems, conflicts, the students with your students' IDs and the
// warnings, each when there are some.
func (v *importPreview) tabItems() []*container.TabItem {
	p := v.p
	v.choices, v.problems, v.warnings = nil, nil, nil
	items := []*container.TabItem{container.NewTabItem("Summary", v.summary())}
	if n := len(p.Problems); n > 0 {
		v.problems = newImportIssueTable(issueLines(p.Problems, p.File.Book.Problems), "problem", "problems")
		items = append(items, container.NewTabItem(fmt.Sprintf("Problems (%s)", continuum.GroupThousands(n)), v.problems.content))
	}
	if n := len(p.Merge.Conflicts); n > 0 {
		items = append(items, container.NewTabItem(fmt.Sprintf("Defined differently (%s)", continuum.GroupThousands(n)), v.conflicts()))
	}
	if n := len(p.Merge.Renumbered); n > 0 {
		if v.sameTab == nil {
			v.sameTab = container.NewTabItem("", v.samePeople())
		}
		v.sameTab.Text = fmt.Sprintf("Same IDs (%s)", continuum.GroupThousands(n))
		items = append(items, v.sameTab)
	}
	if n := len(p.Warnings); n > 0 {
		v.warnings = newImportIssueTable(issueLines(p.Warnings, p.File.Book.Warnings), "warning", "warnings")
		items = append(items, container.NewTabItem(fmt.Sprintf("Warnings (%s)", continuum.GroupThousands(n)), v.warnings.content))
	}
	return items
}

// samePeople lists the workbook's students who have the IDs of your
// students but other names or SIS IDs, each with a check, off until the
// teacher says they are in fact that student of theirs.
func (v *importPreview) samePeople() fyne.CanvasObject {
	intro := widget.NewLabel("These students of the workbook have the IDs of your students but other names or SIS IDs, so they are added as new students with new IDs. " +
		"Tick one who is in fact your student: their evidence, overrides and flex places then go to yours, who keeps their ID, and a name that differs is shown under Defined differently.")
	intro.Wrapping = fyne.TextWrapWord
	var rows []fyne.CanvasObject
	for i, r := range v.p.Merge.Renumbered {
		check := widget.NewCheck(fmt.Sprintf("Same person as %s %s", r.From, r.Holder), func(on bool) { v.onSameChanged(i, on) })
		check.Checked = r.Same
		row := widget.NewLabel("")
		row.Wrapping = fyne.TextWrapWord
		v.sames, v.sameRows = append(v.sames, check), append(v.sameRows, row)
		rows = append(rows, container.NewBorder(nil, nil, check, nil, row))
	}
	v.updateSameRows()
	return container.NewBorder(intro, nil, nil, nil, container.NewVScroll(container.NewVBox(rows...)))
}

// updateSameRows says, beside each check, what the import does with that
// student as the plan stands.
func (v *importPreview) updateSameRows() {
	for i, r := range v.p.Merge.Renumbered {
		if i >= len(v.sameRows) {
			return
		}
		if r.Same {
			v.sameRows[i].SetText(fmt.Sprintf("%s %s in the workbook: their evidence goes to your %s %s", r.From, r.Name, r.From, r.Holder))
		} else {
			v.sameRows[i].SetText(fmt.Sprintf("%s %s in the workbook: added as a new student, %s", r.From, r.Name, r.To))
		}
	}
}

// onSameChanged takes the teacher's word on the i-th student with one of
// their students' IDs and shows the plan it makes; a word that cannot be
// (another row of the workbook is that student already) is set back and
// said why.
func (v *importPreview) onSameChanged(i int, on bool) {
	if v.syncing {
		return
	}
	if err := v.p.SamePerson(i, on); err != nil {
		v.syncing = true
		v.sames[i].SetChecked(!on)
		v.syncing = false
		v.dlg.SetError(screen.Problem(err))
		return
	}
	v.refresh()
}

// refresh shows the plan as it stands after the teacher's word on who a
// student is: counts, problems, conflicts, warnings and whether Apply can
// go ahead. The tab the teacher is on stays open.
func (v *importPreview) refresh() {
	selected := v.tabs.Selected()
	items := v.tabItems()
	v.tabs.SetItems(items)
	kind := func(it *container.TabItem) string { k, _, _ := strings.Cut(it.Text, " ("); return k }
	for _, it := range items {
		if selected != nil && kind(it) == kind(selected) {
			v.tabs.Select(it)
			break
		}
	}
	v.updateSameRows()
	v.updateApply()
}

// updateApply turns Apply off, saying why, when the workbook has problems
// or the store already holds everything it brings.
func (v *importPreview) updateApply() {
	p := v.p
	problems := ""
	if n := len(p.File.Book.Problems); n > 0 {
		problems = fmt.Sprintf("Apply is off: the %s has %s (see Problems). Correct them in the %s and import it again. Nothing has been changed.",
			v.noun(), continuum.Plural(n, "problem", "problems"), v.source())
	}
	var err error
	if p.NothingToDo() {
		err = exchange.ErrNothingToImport
	}
	gateApply(v.dlg, v.notice, problems, err, "Nothing to import: the store already holds everything in this "+v.noun()+".")
}
