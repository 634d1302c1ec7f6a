package exchange

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"

	"github.com/continuum-planner/planner/assets"
	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/report"
	reportfile "github.com/continuum-planner/planner/storage/report"
	"github.com/continuum-planner/planner/storage/workbook"
)

// Report formats a ReportRequest may ask for.
const (
	// ReportPDF is a PDF: one student's report, or a group's reports
	// behind a cover page for the teacher.
	ReportPDF = "pdf"
	// ReportPNG is a picture of the first page of one student's report.
	ReportPNG = "png"
)

// ReportRequest says which progress reports to write.
type ReportRequest struct {
	// Continuum is the continuum's ID or name.
	Continuum string
	// Student is one student's ID; or else
	Student string
	// Group names a group: every active student of it, in name order,
	// behind a cover page for the teacher.
	Group string
	// AsOf is the day the reports describe (default today).
	AsOf continuum.Date
	// Lang is the language of the reports' words (default "en"; one of
	// assets.ReportLanguages).
	Lang string
	// Paper is "letter" (the default) or "a4".
	Paper string
	// Comments are the teacher's comments for these reports, by student ID.
	Comments map[string]string
	// Format is ReportPDF (the default) or ReportPNG.
	Format string
}

// ReportsWritten says what WriteReports wrote.
type ReportsWritten struct {
	// Path is the file written.
	Path string
	// Format is ReportPDF or ReportPNG.
	Format string
	// Continuum is the continuum's name.
	Continuum string
	// Students are the students reported on, in page order.
	Students []continuum.Student
	// Pages is how many pages the PDF has (the cover included), or, for a
	// PNG, how many pages the student's report has (the PNG is the first).
	Pages int
	// Lang and Paper are the language and paper used.
	Lang, Paper string
}

// WriteReports builds the progress reports req asks for and writes them
// to path: one student's report, or a group's behind a cover page, as a
// PDF, or the first page of one student's report as a PNG. The file is
// written whole or not at all (a failure or a cancelled ctx leaves none,
// and an existing file untouched), readable by its owner only. progress,
// when not nil, is told after each student's report is drawn.
func WriteReports(ctx context.Context, st continuum.Store, req ReportRequest, path string, progress func(done, total int)) (ReportsWritten, error) {
	job, err := planReports(ctx, st, req)
	if err != nil {
		return ReportsWritten{}, fmt.Errorf("progress report: %w", err)
	}
	out := ReportsWritten{Path: path, Format: job.format, Continuum: job.graph.Continuum.Name,
		Students: job.students, Lang: job.lang, Paper: job.paper.Name}
	err = workbook.WriteFile(ctx, path, func(w io.Writer) error {
		var err error
		out.Pages, err = job.draw(ctx, w, progress)
		return err
	})
	if err != nil {
		return ReportsWritten{}, fmt.Errorf("progress report: %w", err)
	}
	return out, nil
}

// DefaultReportFile is a file name for the reports req asks for, made of
// IDs and the day, never of a student's name (a file name is seen where
// its contents are not): "progress-report-S003-2026-12-02.pdf",
// "progress-reports-period-2-2026-12-02.pdf".
func DefaultReportFile(req ReportRequest) string {
	day := req.AsOf
	if day.IsZero() {
		day = continuum.Today()
	}
	ext := cmp.Or(strings.ToLower(req.Format), ReportPDF)
	if req.Student != "" {
		return fmt.Sprintf("progress-report-%s-%s.%s", slug(req.Student), day, ext)
	}
	return fmt.Sprintf("progress-reports-%s-%s.%s", slug(strings.ToLower(req.Group)), day, ext)
}

// slug keeps the letters and digits of s, with hyphens between, so that
// an ID or a group's name makes a safe file name.
func slug(s string) string {
	f := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	return cmp.Or(strings.Join(f, "-"), "all")
}

// reportJob is a checked request with everything loaded.
type reportJob struct {
	graph     *continuum.Graph
	students  []continuum.Student
	group     string // the group's name as stored, for a group's PDF
	evidence  map[string][]continuum.Evidence
	overrides map[string][]continuum.Override
	catalog   report.Catalog
	lang      string
	paper     reportfile.Paper
	format    string
	asOf      continuum.Date
	comments  map[string]string
}

// planReports checks req and loads the continuum, the students, their
// evidence and the words.
func planReports(ctx context.Context, st continuum.Store, req ReportRequest) (*reportJob, error) {
	job := &reportJob{format: cmp.Or(strings.ToLower(strings.TrimSpace(req.Format)), ReportPDF),
		lang: cmp.Or(strings.ToLower(strings.TrimSpace(req.Lang)), "en"), asOf: req.AsOf, comments: req.Comments}
	if job.asOf.IsZero() {
		job.asOf = continuum.Today()
	}
	var err error
	if err = job.checkFormat(req); err != nil {
		return nil, err
	}
	if job.paper, err = reportfile.ParsePaper(req.Paper); err != nil {
		return nil, fmt.Errorf("%w: %w", err, continuum.ErrInvalid)
	}
	words, err := assets.ReportWords(job.lang)
	if err != nil {
		return nil, fmt.Errorf("language %q: no report words in it; choose one of %s: %w", job.lang, strings.Join(assets.ReportLanguages(), ", "), continuum.ErrInvalid)
	}
	if job.catalog, err = report.LoadCatalog(words); err != nil {
		return nil, fmt.Errorf("language %q: %w", job.lang, err)
	}
	if strings.TrimSpace(req.Continuum) == "" {
		return nil, fmt.Errorf("no continuum given; name the continuum to report on: %w", continuum.ErrInvalid)
	}
	c, err := st.FindContinuum(ctx, req.Continuum)
	if err != nil {
		return nil, fmt.Errorf("continuum %q: %w", req.Continuum, err)
	}
	if job.graph, err = st.Graph(ctx, c.ID); err != nil {
		return nil, fmt.Errorf("continuum %s: %w", c.Name, err)
	}
	all, err := st.Students(ctx)
	if err != nil {
		return nil, fmt.Errorf("students: %w", err)
	}
	if job.students, job.group, err = pickStudents(all, req); err != nil {
		return nil, err
	}
	return job, job.load(ctx, st, c.ID)
}

// checkFormat refuses a format other than PDF and PNG, a request for no
// one or for both a student and a group, and a group's PNG.
func (job *reportJob) checkFormat(req ReportRequest) error {
	student, group := strings.TrimSpace(req.Student), strings.TrimSpace(req.Group)
	switch {
	case job.format != ReportPDF && job.format != ReportPNG:
		return fmt.Errorf("format %q: unknown; use pdf or png: %w", req.Format, continuum.ErrInvalid)
	case student == "" && group == "":
		return fmt.Errorf("no student or group given; name a student's ID or a group: %w", continuum.ErrInvalid)
	case student != "" && group != "":
		return fmt.Errorf("both student %s and group %q given; name one: %w", student, group, continuum.ErrInvalid)
	case group != "" && job.format == ReportPNG:
		return fmt.Errorf("a PNG is one page of one student's report; write a group's reports as a PDF: %w", continuum.ErrInvalid)
	}
	return nil
}

// pickStudents finds the student of req by ID (exactly, else ignoring
// case), or the active students of its group in name order; an unknown
// one is named with those that exist.
func pickStudents(all []continuum.Student, req ReportRequest) ([]continuum.Student, string, error) {
	if id := strings.TrimSpace(req.Student); id != "" {
		for _, exact := range []bool{true, false} {
			for _, s := range all {
				if s.ID == id || (!exact && strings.EqualFold(s.ID, id)) {
					return []continuum.Student{s}, "", nil
				}
			}
		}
		ids := make([]string, len(all))
		for i, s := range all {
			ids[i] = s.ID
		}
		slices.Sort(ids)
		return nil, "", fmt.Errorf("student %q: no student has this ID; the store has %s: %w", id, listSome(ids), continuum.ErrNotFound)
	}
	group := strings.TrimSpace(req.Group)
	var kept []continuum.Student
	var groups []string
	for _, s := range all {
		if s.Group != "" && !slices.Contains(groups, s.Group) {
			groups = append(groups, s.Group)
		}
		if !s.Inactive && strings.EqualFold(strings.TrimSpace(s.Group), group) {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		slices.Sort(groups)
		return nil, "", fmt.Errorf("group %q: no active student is in it; the groups are %s: %w", group, listSome(groups), continuum.ErrNotFound)
	}
	slices.SortStableFunc(kept, func(a, b continuum.Student) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name)), cmp.Compare(a.ID, b.ID))
	})
	return kept, kept[0].Group, nil
}

// listSome lists up to a dozen names, saying how many more there are.
func listSome(names []string) string {
	const most = 12
	switch {
	case len(names) == 0:
		return "none"
	case len(names) <= most:
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:most], ", "), len(names)-most)
}

// load reads the continuum's evidence and overrides once, by student.
func (job *reportJob) load(ctx context.Context, st continuum.Store, continuumID string) error {
	want := map[string]bool{}
	for _, s := range job.students {
		want[s.ID] = true
	}
	ev, err := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: continuumID})
	if err != nil {
		return fmt.Errorf("evidence of %s: %w", job.graph.Continuum.Name, err)
	}
	job.evidence = map[string][]continuum.Evidence{}
	for _, e := range ev {
		if want[e.Student] {
			job.evidence[e.Student] = append(job.evidence[e.Student], e)
		}
	}
	ov, err := st.Overrides(ctx, continuumID, "")
	if err != nil {
		return fmt.Errorf("overrides of %s: %w", job.graph.Continuum.Name, err)
	}
	job.overrides = map[string][]continuum.Override{}
	for _, o := range ov {
		if want[o.Student] {
			job.overrides[o.Student] = append(job.overrides[o.Student], o)
		}
	}
	return nil
}

// build makes one student's report.
func (job *reportJob) build(s continuum.Student) (report.Report, error) {
	r, err := report.Build(report.Input{Graph: job.graph, Student: s, Evidence: job.evidence[s.ID],
		Overrides: job.overrides[s.ID], AsOf: job.asOf, Catalog: job.catalog, Comment: job.comments[s.ID]})
	if err != nil {
		return report.Report{}, fmt.Errorf("student %s: %w", s.ID, err)
	}
	return r, nil
}

// draw builds and draws the reports into w and returns the pages drawn.
func (job *reportJob) draw(ctx context.Context, w io.Writer, progress func(done, total int)) (int, error) {
	tell := func(done int) {
		if progress != nil {
			progress(done, len(job.students))
		}
	}
	tell(0)
	if job.format == ReportPNG {
		r, err := job.build(job.students[0])
		if err != nil {
			return 0, err
		}
		pages, err := reportfile.PageCount(r, job.paper)
		if err == nil {
			err = reportfile.WritePNG(w, r, job.paper, 1)
		}
		tell(1)
		return pages, err
	}
	doc, err := reportfile.NewPDF(job.paper)
	if err != nil {
		return 0, err
	}
	if job.group != "" {
		cover := report.BuildCover(job.catalog, job.group, job.graph.Continuum.Name, job.asOf, job.students)
		if err := doc.AddCover(cover, job.catalog.Labels().Page); err != nil {
			return 0, err
		}
	}
	for i, s := range job.students {
		if err := ctx.Err(); err != nil {
			return 0, err
		}
		r, err := job.build(s)
		if err != nil {
			return 0, err
		}
		if err := doc.AddReport(r); err != nil {
			return 0, fmt.Errorf("student %s: %w", s.ID, err)
		}
		tell(i + 1)
	}
	return doc.Pages(), doc.Write(w)
}
