package classmap

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/widgets"
)

// periodFive returns the active students of Period 5 in the demo.
func periodFive(t *testing.T, f *classMapFixture) []continuum.Student {
	t.Helper()
	all, err := f.st.Students(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var out []continuum.Student
	for _, s := range all {
		if s.Group == "Period 5" && !s.Inactive {
			out = append(out, s)
		}
	}
	if len(out) < 3 {
		t.Fatalf("the demo has %d students in Period 5", len(out))
	}
	return out
}

// Given the map filtered to Period 5, when the teacher asks for the
// group's reports, then the dialog offers that group and the request
// names it with the language, day and paper chosen, and the file offered
// names the group and the day, never a student.
func TestGroupReportsDialogFillsTheRequest(t *testing.T) {
	f := classMapSetup(t)
	f.s.groups.SetSelected("Period 5")
	r := f.s.reports
	test.Tap(r.button)
	if r.form == nil || !r.form.IsOpen() {
		t.Fatal("Reports for this group… opened no dialog")
	}
	if r.group.Selected != "Period 5" {
		t.Errorf("the dialog offers the group %q, want Period 5, the one on the map", r.group.Selected)
	}
	if r.opts.Comment != nil || r.opts.Format != nil {
		t.Error("the group's dialog asks for a comment or a format; a group's reports are one PDF without comments")
	}
	r.opts.Language.SetSelected("Español")
	r.opts.AsOf.SetText("2026-11-20")
	r.opts.Paper.SetSelected("A4")
	r.form.Submit()
	got := r.req
	if got.Continuum != demoID || got.Group != "Period 5" || got.Student != "" || got.Lang != "es" ||
		got.AsOf != continuum.NewDate(2026, 11, 20) || got.Paper != "a4" || got.Format != exchange.ReportPDF {
		t.Errorf("the request is %+v", got)
	}
	if r.save == nil || r.choice.Name != "progress-reports-period-5-2026-11-20.pdf" {
		t.Errorf("the save dialog offers %q", r.choice.Name)
	}
	for _, s := range periodFive(t, f) {
		if strings.Contains(r.choice.Name, s.Name) {
			t.Errorf("the name offered carries %q", s.Name)
		}
	}
}

// Given a group's reports being written, when the teacher presses Cancel
// after two students, then the writing stops, no file is left (not even
// the empty one the save dialog made) and the teacher is told so.
func TestGroupReportsCancelLeavesNoFile(t *testing.T) {
	f := classMapSetup(t)
	students := periodFive(t, f)
	r := f.s.reports
	path := filepath.Join(t.TempDir(), "reports.pdf")
	if err := os.WriteFile(path, nil, 0o600); err != nil { // as the save dialog leaves it
		t.Fatal(err)
	}
	var texts []string
	r.afterProgress = func(p *widgets.ProgressDialog) {
		texts = append(texts, p.Text())
		if strings.HasPrefix(p.Text(), "2 of ") {
			p.Cancel()
		}
	}
	var failed error
	r.finished = func(_ exchange.ReportsWritten, err error) { failed = err }
	r.write(exchange.ReportRequest{Continuum: demoID, Group: "Period 5"}, path)
	if failed == nil {
		t.Fatal("the reports were written in full despite Cancel")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("a file is left at %s after Cancel (%v)", path, err)
	}
	if want := "1 of " + continuum.Plural(len(students), "student", "students") + " written"; !strings.Contains(strings.Join(texts, "|"), want) {
		t.Errorf("the progress said %q, want %q among them", texts, want)
	}
	if r.progress.IsOpen() || !uitest.DialogShows(f.w, "no file was written") {
		t.Errorf("after Cancel the dialogs show %q", uitest.DialogTexts(f.w))
	}
}

// Given a group, when its reports are written to the end, then the PDF
// has a cover and a report per student, the progress reached every
// student, and the result names the file.
func TestGroupReportsWriteOnePDFWithACover(t *testing.T) {
	f := classMapSetup(t)
	students := periodFive(t, f)
	r := f.s.reports
	path := filepath.Join(t.TempDir(), "reports.pdf")
	var last float64
	r.afterProgress = func(p *widgets.ProgressDialog) { last = p.Value() }
	var got exchange.ReportsWritten
	var failed error
	r.finished = func(w exchange.ReportsWritten, err error) { got, failed = w, err }
	r.write(exchange.ReportRequest{Continuum: demoID, Group: "Period 5", AsOf: classMapDay}, path)
	if failed != nil {
		t.Fatal(failed)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("no PDF at %s (%v)", path, err)
	}
	if len(got.Students) != len(students) || got.Pages < len(students)+1 {
		t.Errorf("written %d students on %d pages, want %d students and a cover", len(got.Students), got.Pages, len(students))
	}
	if last != 1 {
		t.Errorf("the progress bar ended at %v, want 1", last)
	}
	if !uitest.DialogShows(f.w, path) {
		t.Errorf("the result does not name the file: %q", uitest.DialogTexts(f.w))
	}
}
