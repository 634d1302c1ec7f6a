package report

import (
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	cr "github.com/continuum-planner/planner/continuum/report"
)

// englishLabels and spanishLabels are a report's fixed words as a catalog
// would give them.
var (
	englishLabels = cr.Labels{CanNow: "I can now…", WorkingOn: "I'm working on…", Revisit: "Let's revisit…",
		LooksLike: "What it looks like", Growth: "Growth this term", Recent: "Recent work", Comment: "Teacher's comment",
		Pace: "Pace", Nothing: "Nothing yet", GrowthAxis: "targets mastered", Page: "Page %d of %d"}
	spanishLabels = cr.Labels{CanNow: "Ya puedo…", WorkingOn: "Estoy trabajando en…", Revisit: "Repasemos…",
		LooksLike: "Cómo se ve", Growth: "Crecimiento este trimestre", Recent: "Trabajo reciente", Comment: "Comentario del docente",
		Pace: "Ritmo", Nothing: "Nada todavía", GrowthAxis: "metas logradas", Page: "Página %d de %d"}
)

// growth is a term of growth points ending at n mastered.
func growth(n int, months ...string) []cr.GrowthPoint {
	var pts []cr.GrowthPoint
	for i, m := range months {
		pts = append(pts, cr.GrowthPoint{Date: continuum.NewDate(2026, time.September+time.Month(i), 1), Label: m, Mastered: n * (i + 1) / len(months)})
	}
	return pts
}

// sampleReport is a report of a usual length for name, in English.
func sampleReport(name string) cr.Report {
	return cr.Report{
		Lang: "en", Title: "Progress report", Student: name, StudentID: "S003", Grade: "7", Group: "Period 2",
		Continuum: "Math Foundations", AsOf: "December 2, 2026", Date: continuum.NewDate(2026, time.December, 2),
		Intro:  "This report shows what you can do now, what you are working on next, and how you have grown this term.",
		Labels: englishLabels,
		Sections: []cr.Section{
			{Category: continuum.Academic, Heading: "Academics", Domains: []cr.DomainReport{
				{Name: "Number sense", Summary: "5 of 9 targets mastered", Pace: "on pace", Mastered: 5, Total: 9,
					CanNow: []cr.Line{{Code: "NO.1.1", Text: "I can count to 120 starting at any number."},
						{Code: "NO.1.2", Text: "I can compare two two-digit numbers using >, = and <."}},
					WorkingOn: []cr.Line{{Code: "NO.2.1", Text: "I can add within 100 using place value.",
						LooksLike: "Adds two-digit numbers by tens and ones and explains each step with a drawing."}},
					Revisit: []cr.Line{{Code: "NO.1.3", Text: "I can skip-count by 5s and 10s."}},
					Growth:  growth(5, "Sep", "Oct", "Nov", "Dec")},
				{Name: "Geometry", Summary: "1 of 4 targets mastered", Pace: "1 target behind", Mastered: 1, Total: 4,
					CanNow:    []cr.Line{{Code: "G.1", Text: "I can name circles, triangles and squares."}},
					WorkingOn: []cr.Line{{Code: "G.2", Text: "I can split a shape into equal parts."}},
					Growth:    growth(1, "Sep", "Oct", "Nov", "Dec")},
			}},
			{Category: continuum.Lifelong, Heading: "Habits of success", Domains: []cr.DomainReport{
				{Name: "Perseverance", Summary: "2 of 3 targets mastered", Mastered: 2, Total: 3,
					CanNow: []cr.Line{{Code: "H.1", Text: "I keep trying when a problem is hard."}},
					Growth: growth(2, "Sep", "Oct", "Nov", "Dec")},
			}},
		},
		Recent: []cr.EvidenceLine{
			{Date: "Nov 28", Target: "I can add within 100 using place value.", Level: "Developing", Note: "Used base-ten blocks well; check regrouping."},
			{Date: "Nov 20", Target: "I can count to 120 starting at any number.", Level: "Proficient"},
		},
		Comment: "Zoë worked hard this term and helps others at her table.",
	}
}

// longReport is a report with many targets, long statements and a long
// comment: it must fit two pages.
func longReport() cr.Report {
	r := sampleReport("Nguyễn Thị Hằng")
	var domains []cr.DomainReport
	for d := 0; d < 4; d++ {
		dr := cr.DomainReport{Name: fmt.Sprintf("Domain %d with a fairly long name about number and operations", d+1),
			Summary: "14 of 30 targets mastered", Pace: "2 targets ahead", Mastered: 14, Total: 30,
			Growth: growth(14, "Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun")}
		for i := 0; i < 14; i++ {
			dr.CanNow = append(dr.CanNow, cr.Line{Code: fmt.Sprintf("D%d.%d", d, i), Text: fmt.Sprintf("I can do step %d.%d of a task whose statement is long enough that it wraps across the width of the page more than once, as teachers sometimes write them when a target has several parts.", d+1, i+1)})
		}
		for i := 0; i < 3; i++ {
			dr.WorkingOn = append(dr.WorkingOn, cr.Line{Code: fmt.Sprintf("W%d.%d", d, i), Text: fmt.Sprintf("I am working on goal %d.%d.", d+1, i+1),
				LooksLike: "Explains the reasoning in writing, with a labelled diagram, and checks the answer another way."})
		}
		domains = append(domains, dr)
	}
	r.Sections = []cr.Section{{Category: continuum.Academic, Heading: "Academics", Domains: domains}}
	r.Comment = strings.Repeat("A long comment from the teacher that goes on. ", 30)
	return r
}

// emptyReport is a report of a student with no evidence yet.
func emptyReport(name string) cr.Report {
	r := sampleReport(name)
	r.Sections, r.Recent, r.Comment = nil, nil, ""
	r.Empty = "There is no evidence for this student yet, so there is nothing to report."
	return r
}

// spanishReport is the sample in Spanish (statements as the teacher wrote them).
func spanishReport() cr.Report {
	r := sampleReport("王小明")
	r.Lang, r.Title, r.AsOf, r.Labels = "es", "Informe de progreso", "2 de diciembre de 2026", spanishLabels
	r.Intro = "Este informe muestra lo que ya puedes hacer, en qué trabajas ahora y cómo has crecido este trimestre."
	r.Sections[0].Heading, r.Sections[1].Heading = "Académico", "Hábitos de éxito"
	r.Sections[0].Domains[0].Summary, r.Sections[0].Domains[0].Pace = "5 de 9 metas logradas", "al ritmo"
	return r
}

// pdftotext runs pdftotext on a PDF and returns its text; the test is
// skipped when the tool is missing outside CI.
func pdftotext(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	bin := needTool(t, "pdftotext")
	dir := t.TempDir()
	in := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(args, in, "-")...).CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

// needTool finds a poppler tool, or skips (fails in CI, where it is installed).
func needTool(t *testing.T, name string) string {
	t.Helper()
	bin, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing; install poppler-utils", name)
		}
		t.Skipf("%s is missing (Debian: apt-get install poppler-utils)", name)
	}
	return bin
}

// color_ is a pixel as an RGBA colour.
func color_(c color.Color) color.RGBA {
	r, g, b, a := c.RGBA()
	return color.RGBA{uint8(r >> 8), uint8(g >> 8), uint8(b >> 8), uint8(a >> 8)}
}

// outside says why a text op of a page lies outside paper's text area
// (left, right, top or bottom), or "" when it is inside.
func outside(fs *fontSet, o op, paper Paper) string {
	if o.kind != opText {
		return ""
	}
	w := 0.0
	for _, r := range o.text {
		w += fs.advanceOf(o.face, r) * o.size
	}
	switch {
	case o.x < margin-0.01:
		return "left of the margin"
	case o.x+w > paper.Width-margin+0.5:
		return fmt.Sprintf("past the right margin by %.1f points", o.x+w-(paper.Width-margin))
	case o.y < margin:
		return "above the margin"
	case o.y > paper.Height-margin+0.01:
		return "below the margin"
	}
	return ""
}
