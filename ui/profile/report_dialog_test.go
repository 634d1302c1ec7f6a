package profile

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/internal/uitest"
)

// Given a student's profile, when the teacher fills the progress report's
// options, then the request names the student, the language, the day,
// the paper, the format and the comment, and the file offered carries
// the student's ID and not their name; the report written is the PDF
// of that student with the comment in it.
func TestProgressReportDialogFillsTheRequestAndWritesThePDF(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	st, err := f.st.Student(t.Context(), "S003")
	if err != nil {
		t.Fatal(err)
	}
	r := f.p.reports
	if !r.button.Visible() {
		t.Fatal("the Progress report… button is hidden on a store that makes reports")
	}
	test.Tap(r.button)
	if r.form == nil || !r.form.IsOpen() {
		t.Fatal("Progress report… opened no dialog")
	}
	if got := r.opts.Language.Options; !strings.Contains(strings.Join(got, ","), "Español") || !strings.Contains(strings.Join(got, ","), "English") {
		t.Errorf("the languages offered are %q, want each named in itself (English, Español)", got)
	}
	if got := r.opts.AsOf.Text; got != profileToday.String() {
		t.Errorf("the day offered is %q, want today %s", got, profileToday)
	}
	r.opts.Language.SetSelected("Español")
	r.opts.AsOf.SetText("2026-11-15")
	r.opts.Paper.SetSelected("A4")
	r.opts.Comment.SetText("Zoë worked hard on fractions this month.")
	r.form.Submit()
	want := exchange.ReportRequest{Continuum: f.cid, Student: "S003", AsOf: continuum.NewDate(2026, 11, 15),
		Lang: "es", Paper: "a4", Format: "pdf", Comments: map[string]string{"S003": "Zoë worked hard on fractions this month."}}
	if got := r.req; got.Continuum != want.Continuum || got.Student != want.Student || got.AsOf != want.AsOf ||
		got.Lang != want.Lang || got.Paper != want.Paper || got.Format != want.Format || got.Comments["S003"] != want.Comments["S003"] {
		t.Errorf("the request is %+v, want %+v", got, want)
	}
	if r.save == nil || r.choice.Ext != ".pdf" || !strings.Contains(r.choice.Name, "S003") || strings.Contains(r.choice.Name, st.Name) {
		t.Fatalf("the save dialog offers %q (%s), want a .pdf named by the ID, not %q", r.choice.Name, r.choice.Ext, st.Name)
	}
	uitest.CloseDialogs(f.win)

	path := filepath.Join(t.TempDir(), r.choice.Name)
	var got exchange.ReportsWritten
	var failed error
	r.finished = func(w exchange.ReportsWritten, err error) { got, failed = w, err }
	r.write(r.req, path)
	if failed != nil {
		t.Fatalf("writing the report failed: %v", failed)
	}
	data, err := os.ReadFile(path)
	if err != nil || !bytes.HasPrefix(data, []byte("%PDF")) {
		t.Fatalf("no PDF at %s (%v)", path, err)
	}
	if got.Lang != "es" || got.Paper != "a4" || len(got.Students) != 1 || got.Students[0].ID != "S003" {
		t.Errorf("written %+v, want S003's report in Spanish on A4", got)
	}
	if !uitest.DialogShows(f.win, path) {
		t.Errorf("the result does not say where the file is: %q", uitest.DialogTexts(f.win))
	}
	if _, err := exec.LookPath("pdftotext"); err == nil {
		out, err := exec.Command("pdftotext", "-layout", path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{st.Name, "Comentario del docente", "fractions this month"} {
			if !strings.Contains(string(out), want) {
				t.Errorf("the PDF's text lacks %q", want)
			}
		}
	}
}

// Given the options, when the day is not a date, then the dialog stays
// open and says how to write it, and no file is asked for.
func TestProgressReportDialogRefusesABadDay(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	r := f.p.reports
	test.Tap(r.button)
	r.opts.AsOf.SetText("next Tuesday")
	r.form.Submit()
	if !r.form.IsOpen() || r.save != nil {
		t.Fatal("a day that is not a date went on to the file dialog")
	}
	if msg := r.form.Error(); !strings.Contains(msg, "next Tuesday") || !strings.Contains(msg, "write it like") {
		t.Errorf("the dialog says %q, want the day named and how to write it", msg)
	}
}

// Given a report that cannot be written, when it fails, then the teacher
// reads one sentence saying why and no file is left behind.
func TestProgressReportFailureIsOneSentence(t *testing.T) {
	f := newProfileFixture(t)
	f.settle(t, func() { f.p.ShowStudent("S003") })
	r := f.p.reports
	path := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(path, nil, 0o600); err != nil { // as the save dialog leaves it
		t.Fatal(err)
	}
	var failed error
	r.finished = func(_ exchange.ReportsWritten, err error) { failed = err }
	r.write(exchange.ReportRequest{Continuum: f.cid, Student: "S999"}, path)
	if failed == nil {
		t.Fatal("a report on a student not on the roster was written")
	}
	if _, err := os.Stat(path); !os.IsNotExist(err) {
		t.Errorf("the empty file the save dialog made is still there (%v)", err)
	}
	texts := strings.Join(uitest.DialogTexts(f.win), "\n")
	if !strings.Contains(texts, "S999") || strings.Contains(texts, ": not found") || strings.Contains(texts, "progress report:") {
		t.Errorf("the message is %q, want one sentence naming S999", texts)
	}
}
