package profile

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/reports"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// reportDialog is the progress report's flow for the student shown: the
// options, the file, the progress, the result. It keeps the dialogs last
// opened for the tests; the language and paper last chosen are kept in the
// app's preferences (reports.Remember).
type reportDialog struct {
	s      *Screen
	button *widget.Button

	form     *widgets.FormDialog
	opts     *widgets.ReportOptions
	req      exchange.ReportRequest // the request the options make
	choice   screen.FileChoice      // the file the save dialog offers
	save     *dialog.FileDialog
	progress *widgets.ProgressDialog
	// afterProgress, when set, is given the progress dialog after each update.
	afterProgress func(*widgets.ProgressDialog)
	// finished, when set, is told what the writing came to (for the tests).
	finished func(exchange.ReportsWritten, error)
}

// newReportButton returns the "Progress report…" button of the header;
// it is hidden when the store cannot make reports.
func (s *Screen) newReportButton() *widget.Button {
	s.reports = &reportDialog{s: s}
	s.reports.button = widget.NewButtonWithIcon("Progress report…", theme.DocumentPrintIcon(), s.reports.onOpen)
	if _, ok := s.store.(continuum.Store); !ok {
		s.reports.button.Hide()
	}
	return s.reports.button
}

// onOpen asks for the report's options for the student shown.
func (r *reportDialog) onOpen() {
	d := r.s.shown
	if d == nil || d.graph == nil {
		screen.ShowInfo(r.s.Win, "Progress report", "Choose a student first: the report is about the student shown.")
		return
	}
	st, c := d.student, d.graph.Continuum
	lang, paper := reports.Remembered()
	r.opts = widgets.NewReportOptions(reports.Languages(), lang, r.s.WS.Today(), true, true)
	r.opts.SetPaper(paper)
	about := widgets.Hint(fmt.Sprintf("The progress report of %s on %s: what they can do, what they are working on, and their growth.", st.Name, c.Name))
	body := widget.NewForm(widget.NewFormItem("", about))
	body.Items = append(body.Items, r.opts.Form().Items...)
	r.form = widgets.NewFormDialog(r.s.Win, "Progress report", body, "Save as…", func() { r.onOptions(st, c) })
	r.form.Fields = r.opts.Fields()
	r.form.First = r.opts.Language
	r.form.Show(fyne.NewSize(560, 0))
}

// onOptions reads the options into a request and asks where to save it,
// offering a name made of the student's ID and the day, never the name.
func (r *reportDialog) onOptions(st continuum.Student, c continuum.Continuum) {
	ch, err := r.opts.Choice()
	if err != nil {
		r.form.SetProblem(err)
		return
	}
	reports.Remember(ch.Lang, ch.Paper)
	r.req = exchange.ReportRequest{Continuum: c.ID, Student: st.ID, AsOf: ch.AsOf, Lang: ch.Lang,
		Paper: ch.Paper, Format: ch.Format}
	if ch.Comment != "" {
		r.req.Comments = map[string]string{st.ID: ch.Comment}
	}
	r.form.Hide()
	r.choice = screen.FileChoice{Title: "Save the progress report of " + st.Name, Confirm: "Save",
		Ext: "." + ch.Format, Name: exchange.DefaultReportFile(r.req)}
	req := r.req
	r.save = screen.ChooseSave(r.s.Win, r.choice, func(path string) { r.write(req, path) })
}

// write writes the report to path behind a progress dialog, then says
// where it is, or in one sentence why it is not.
func (r *reportDialog) write(req exchange.ReportRequest, path string) {
	store, ok := r.s.store.(continuum.Store)
	if !ok {
		return
	}
	w := &reports.Writer{Win: r.s.Win, Title: "Progress report", Starting: "Writing the report…",
		Progress: func(int, int) string { return "Writing the report…" },
		Saved:    "Progress report saved", Says: reportSaved, NotSaved: "Progress report not saved",
		AfterProgress: r.afterProgress, Finished: r.finished}
	w.Write(store, req, path)
	r.progress = w.Shown
}

// reportSaved says what was saved and where.
func reportSaved(got exchange.ReportsWritten) string {
	who := "the student"
	if len(got.Students) == 1 {
		who = got.Students[0].Name
	}
	if got.Format == exchange.ReportPNG {
		return fmt.Sprintf("Saved the first page of the progress report of %s as a picture in %s.", who, got.Path)
	}
	return fmt.Sprintf("Saved the progress report of %s (%s) in %s.", who, continuum.Plural(got.Pages, "page", "pages"), got.Path)
}
