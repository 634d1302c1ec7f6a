package classmap

import (
	"fmt"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/reports"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// groupReports is the flow of a group's progress reports: the options,
// the file, the progress (n of N students, with Cancel), the result. It
// keeps the dialogs last opened for the tests; the language and paper last
// chosen are kept in the app's preferences (reports.Remember).
type groupReports struct {
	s      *Screen
	button *widgets.Button

	form     *widgets.FormDialog
	opts     *widgets.ReportOptions
	group    *widgets.Select
	req      exchange.ReportRequest // the request the options make
	choice   screen.FileChoice      // the file the save dialog offers
	save     *dialog.FileDialog
	progress *widgets.ProgressDialog
	// afterProgress, when set, is given the progress dialog after each update.
	afterProgress func(*widgets.ProgressDialog)
	// finished, when set, is told what the writing came to (for the tests).
	finished func(exchange.ReportsWritten, error)
}

// everyoneGroup is the group choice of a roster without groups.
const everyoneGroup = "Every student"

// newReportsButton returns the "Reports for this group…" button; it is
// hidden when the store cannot make reports.
func (s *Screen) newReportsButton() fyne.CanvasObject {
	s.reports = &groupReports{s: s}
	s.reports.button = widgets.NewButton("Reports for this group…", nil, s.reports.onOpen)
	if _, ok := s.store.(continuum.Store); !ok {
		s.reports.button.Hide()
	}
	return s.reports.button
}

// onOpen asks for the reports' options: the group (the one the map
// shows, else the first), the language, the day and the paper.
func (r *groupReports) onOpen() {
	d := r.s.data
	if d == nil || d.graph == nil {
		screen.ShowInfo(r.s.Win, "Reports for a group", "Choose a continuum first: the reports are about the continuum shown.")
		return
	}
	c := d.graph.Continuum
	groups := slices.Clone(d.groups)
	if len(groups) == 0 {
		groups = []string{everyoneGroup}
	}
	r.group = widgets.NewSelect(groups, nil)
	if slices.Contains(groups, r.s.group) {
		r.group.SetSelected(r.s.group)
	} else {
		r.group.SetSelectedIndex(0)
	}
	lang, paper := reports.Remembered()
	r.opts = widgets.NewReportOptions(reports.Languages(), lang, r.s.WS.Today(), false, false)
	r.opts.SetPaper(paper)
	about := widgets.Hint(fmt.Sprintf("One PDF with a page or two for each student on %s, in name order, behind a cover page for you.", c.Name))
	body := widget.NewForm(widget.NewFormItem("", about), widget.NewFormItem("Group", r.group))
	body.Items = append(body.Items, r.opts.Form().Items...)
	r.form = widgets.NewFormDialog(r.s.Win, "Reports for a group", body, "Save as…", func() { r.onOptions(c) })
	r.form.Fields = r.opts.Fields()
	r.form.First = r.group
	r.form.Show(fyne.NewSize(560, 0))
}

// onOptions reads the options into a request and asks where to save the
// PDF, offering a name made of the group and the day.
func (r *groupReports) onOptions(c continuum.Continuum) {
	ch, err := r.opts.Choice()
	if err != nil {
		r.form.SetProblem(err)
		return
	}
	group := r.group.Selected
	if group == everyoneGroup {
		group = ""
	}
	reports.Remember(ch.Lang, ch.Paper)
	r.req = exchange.ReportRequest{Continuum: c.ID, Group: group, AsOf: ch.AsOf, Lang: ch.Lang,
		Paper: ch.Paper, Format: exchange.ReportPDF}
	r.form.Hide()
	r.choice = screen.FileChoice{Title: "Save the progress reports of " + r.group.Selected, Confirm: "Save",
		Ext: ".pdf", Name: exchange.DefaultReportFile(r.req)}
	req := r.req
	r.save = screen.ChooseSave(r.s.Win, r.choice, func(path string) { r.write(req, path) })
}

// write writes the group's PDF to path behind a progress dialog counting
// the students; Cancel stops it and leaves no file. Then it says where the
// PDF is, or in one sentence why it is not.
func (r *groupReports) write(req exchange.ReportRequest, path string) {
	store, ok := r.s.store.(continuum.Store)
	if !ok {
		return
	}
	w := &reports.Writer{Win: r.s.Win, Title: "Reports for " + cmpGroup(req.Group), Starting: "Starting…",
		Progress: func(done, total int) string {
			return fmt.Sprintf("%d of %s written", done, continuum.Plural(total, "student", "students"))
		},
		Saved: "Reports saved", NotSaved: "Reports not saved",
		Says: func(got exchange.ReportsWritten) string {
			return fmt.Sprintf("Saved the progress reports of %s (%s, %s with the cover) in %s.", cmpGroup(req.Group),
				continuum.Plural(len(got.Students), "student", "students"), continuum.Plural(got.Pages, "page", "pages"), got.Path)
		},
		AfterProgress: r.afterProgress, Finished: r.finished}
	w.Write(store, req, path)
	r.progress = w.Shown
}

// cmpGroup names a group for a title: its name, or every student.
func cmpGroup(group string) string {
	if group == "" {
		return "every student"
	}
	return group
}
