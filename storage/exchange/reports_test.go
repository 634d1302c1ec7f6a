package exchange_test

import (
	"context"
	"errors"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/assets"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/continuum/report"
	"github.com/continuum-planner/planner/storage/exchange"
)

// reportDay is the day the demo's reports describe: the end of its term's
// evidence.
var reportDay = continuum.NewDate(2026, 12, 2)

// pdfText extracts a PDF's text with pdftotext (Debian poppler-utils),
// white space squashed; skipped when the tool is missing outside CI.
func pdfText(t *testing.T, path string, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("pdftotext is missing; install poppler-utils")
		}
		t.Skip("pdftotext is missing (Debian: apt-get install poppler-utils)")
	}
	out, err := exec.Command(bin, append(args, path, "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext %s: %v\n%s", path, err, out)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

// expected builds the demo student's report the way WriteReports must, to
// know what the PDF should say.
func expected(t *testing.T, id, lang string) report.Report {
	t.Helper()
	d := demo.Classroom()
	g, err := d.Graph()
	if err != nil {
		t.Fatal(err)
	}
	words, err := assets.ReportWords(lang)
	if err != nil {
		t.Fatal(err)
	}
	cat, err := report.LoadCatalog(words)
	if err != nil {
		t.Fatal(err)
	}
	var s continuum.Student
	for _, st := range d.Students {
		if st.ID == id {
			s = st
		}
	}
	r, err := report.Build(report.Input{Graph: g, Student: s, Evidence: d.Evidence, Overrides: d.Overrides, AsOf: reportDay, Catalog: cat})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// afterIn returns the text after the first want found at or after at,
// failing when it is not there.
func after(t *testing.T, text string, at int, want string) int {
	t.Helper()
	i := strings.Index(text[at:], want)
	if i < 0 {
		t.Fatalf("%q not found after position %d of:\n%s", want, at, text)
	}
	return at + i + len(want)
}

// Given the demo, when S003's report is written as a PDF, then every
// statement is found under the right heading of the right domain, in
// both languages, and the file is its owner's alone.
func TestWriteReportsStudentPDF(t *testing.T) {
	st := demoStore(t)
	for _, lang := range []string{"en", "es"} {
		t.Run(lang, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "r.pdf")
			var calls [][2]int
			got, err := exchange.WriteReports(context.Background(), st, exchange.ReportRequest{
				Continuum: "Math Foundations", Student: "S003", AsOf: reportDay, Lang: lang, Paper: "a4",
				Comments: map[string]string{"S003": "A strong term: keep explaining your thinking."}}, path,
				func(done, total int) { calls = append(calls, [2]int{done, total}) })
			if err != nil {
				t.Fatal(err)
			}
			if got.Pages < 1 || got.Pages > 2 || len(got.Students) != 1 || got.Students[0].ID != "S003" || got.Paper != "a4" {
				t.Errorf("wrote %+v", got)
			}
			if len(calls) != 2 || calls[1] != [2]int{1, 1} {
				t.Errorf("progress calls %v, want 0/1 then 1/1", calls)
			}
			if fi, err := os.Stat(path); err != nil || fi.Mode().Perm() != 0o600 {
				t.Errorf("file mode %v, %v; want 0600", fi.Mode(), err)
			}
			want := expected(t, "S003", lang)
			text := pdfText(t, path)
			at := after(t, text, 0, want.Title)
			at = after(t, text, at, want.Student)
			if len(want.Sections) == 0 {
				t.Fatal("the demo student has nothing to report")
			}
			for _, s := range want.Sections {
				at = after(t, text, at, s.Heading)
				for _, d := range s.Domains {
					at = after(t, text, at, d.Name)
					for _, list := range []struct {
						head  string
						lines []report.Line
					}{{want.Labels.CanNow, d.CanNow}, {want.Labels.WorkingOn, d.WorkingOn}, {want.Labels.Revisit, d.Revisit}} {
						at = after(t, text, at, list.head)
						if len(list.lines) == 0 {
							at = after(t, text, at, want.Labels.Nothing)
						}
						for _, l := range list.lines {
							at = after(t, text, at, strings.Join(strings.Fields(l.Text), " "))
						}
					}
				}
			}
			at = after(t, text, at, want.Labels.Comment)
			after(t, text, at, "A strong term: keep explaining your thinking.")
		})
	}
}

// A group's PDF has the cover, then every active student of the group in
// name order, and names no one from another group.
func TestWriteReportsGroupPDF(t *testing.T) {
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), exchange.DefaultReportFile(exchange.ReportRequest{Group: "Period 2", AsOf: reportDay}))
	got, err := exchange.WriteReports(context.Background(), st, exchange.ReportRequest{
		Continuum: "demo-math-foundations", Group: "period 2", AsOf: reportDay}, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if filepath.Base(path) != "progress-reports-period-2-2026-12-02.pdf" {
		t.Errorf("default name %s", filepath.Base(path))
	}
	students, err := st.Students(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	var want, others []string
	for _, s := range students {
		if s.Group == "Period 2" && !s.Inactive {
			want = append(want, s.Name)
		} else {
			others = append(others, s.Name)
		}
	}
	if len(got.Students) != len(want) || got.Pages <= len(want) {
		t.Fatalf("wrote %d students on %d pages, want %d students and a cover", len(got.Students), got.Pages, len(want))
	}
	for i := 1; i < len(got.Students); i++ {
		if strings.ToLower(got.Students[i-1].Name) > strings.ToLower(got.Students[i].Name) {
			t.Errorf("%s before %s: not in name order", got.Students[i-1].Name, got.Students[i].Name)
		}
	}
	text := pdfText(t, path)
	at := after(t, text, 0, "Period 2")
	for _, s := range got.Students { // the cover's list
		at = after(t, text, at, s.Name)
	}
	for _, s := range got.Students { // then each report, in the same order
		at = after(t, text, at, s.Name)
	}
	for _, name := range others {
		if strings.Contains(text, name) {
			t.Errorf("%s, of another group, is in Period 2's reports", name)
		}
	}
}

// A PNG is the first page of one student's report; mistakes are refused
// with what exists, and nothing is written.
func TestWriteReportsPNGAndMistakes(t *testing.T) {
	st := demoStore(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "s.png")
	got, err := exchange.WriteReports(context.Background(), st, exchange.ReportRequest{Continuum: "Math Foundations", Student: "s005", AsOf: reportDay, Format: "png"}, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if img, err := png.Decode(f); err != nil || img.Bounds().Dx() < 1000 || got.Students[0].ID != "S005" {
		t.Errorf("png: %v, %v, %+v", img.Bounds(), err, got.Students)
	}
	for _, c := range []struct {
		req  exchange.ReportRequest
		says []string
		is   error
	}{
		{exchange.ReportRequest{Continuum: "Math Foundations", Student: "S999"}, []string{`student "S999"`, "S001, S002"}, continuum.ErrNotFound},
		{exchange.ReportRequest{Continuum: "Math Foundations", Group: "Period 9"}, []string{`group "Period 9"`, "Period 2, Period 5"}, continuum.ErrNotFound},
		{exchange.ReportRequest{Continuum: "Math Foundations", Student: "S001", Lang: "xx"}, []string{`"xx"`, "en, es"}, continuum.ErrInvalid},
		{exchange.ReportRequest{Continuum: "Math Foundations", Student: "S001", Paper: "legal"}, []string{"letter or a4"}, continuum.ErrInvalid},
		{exchange.ReportRequest{Continuum: "Math Foundations", Group: "Period 2", Format: "png"}, []string{"as a PDF"}, continuum.ErrInvalid},
		{exchange.ReportRequest{Continuum: "Math Foundations", Student: "S001", Format: "docx"}, []string{`"docx"`, "pdf or png"}, continuum.ErrInvalid},
		{exchange.ReportRequest{Continuum: "Math Foundations"}, []string{"no student or group"}, continuum.ErrInvalid},
		{exchange.ReportRequest{Continuum: "Nope", Student: "S001"}, []string{`"Nope"`}, continuum.ErrNotFound},
	} {
		out := filepath.Join(dir, "bad.pdf")
		_, err := exchange.WriteReports(context.Background(), st, c.req, out, nil)
		if err == nil || !errors.Is(err, c.is) {
			t.Errorf("%+v: err = %v, want %v", c.req, err, c.is)
			continue
		}
		for _, s := range c.says {
			if !strings.Contains(err.Error(), s) {
				t.Errorf("%+v: %q does not say %q", c.req, err, s)
			}
		}
		if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%+v: a file was left: %v", c.req, err)
		}
	}
}

// Cancelling half-way leaves no file, and an older file untouched.
func TestWriteReportsCancelled(t *testing.T) {
	st := demoStore(t)
	path := filepath.Join(t.TempDir(), "group.pdf")
	if err := os.WriteFile(path, []byte("before"), 0o600); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	_, err := exchange.WriteReports(ctx, st, exchange.ReportRequest{Continuum: "Math Foundations", Group: "Period 5", AsOf: reportDay}, path,
		func(done, total int) {
			if done == total/2 {
				cancel()
			}
		})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want cancelled", err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "before" {
		t.Errorf("the older file became %q, %v", b, err)
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("left beside it: %v", entries)
	}
}

// File names carry IDs and the day, never a student's name.
func TestDefaultReportFile(t *testing.T) {
	for _, c := range []struct {
		req  exchange.ReportRequest
		want string
	}{
		{exchange.ReportRequest{Student: "S003", AsOf: reportDay}, "progress-report-S003-2026-12-02.pdf"},
		{exchange.ReportRequest{Student: "S003", AsOf: reportDay, Format: "PNG"}, "progress-report-S003-2026-12-02.png"},
		{exchange.ReportRequest{Student: "../S 3", AsOf: reportDay}, "progress-report-S-3-2026-12-02.pdf"},
		{exchange.ReportRequest{Group: "Period 2 / Room 14", AsOf: reportDay}, "progress-reports-period-2-room-14-2026-12-02.pdf"},
	} {
		if got := exchange.DefaultReportFile(c.req); got != c.want {
			t.Errorf("DefaultReportFile(%+v) = %q, want %q", c.req, got, c.want)
		}
	}
}
