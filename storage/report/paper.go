// Package report draws progress reports (continuum/report's Report and
// Cover) on paper: one layout, in points, made of text runs and
// rectangles, drawn by two back-ends, PDF (WritePDF, PDF) and PNG
// (WritePNG), so that a PNG is exactly a page of the PDF.
//
// A student's report takes one page, or two when it is long: the layout
// shrinks its type a little at a time until it fits, and never cuts a line
// across pages. Every word comes from the Report as it is; the layout adds
// only punctuation, bullets and page numbers (with Labels.Page). Text is
// drawn with the fonts bundled in assets (DejaVu Sans, and Droid Sans
// Fallback rune by rune for Chinese, Japanese and Korean), so every name
// prints the same on every machine.
package report

import (
	"fmt"
	"strings"
)

// Paper is a page size in points (1/72 inch), portrait.
type Paper struct {
	// Name is the paper's name as a flag takes it ("letter", "a4").
	Name string
	// Width and Height are the page's size in points.
	Width, Height float64
}

// The paper sizes reports are printed on.
var (
	// Letter is US Letter, 8.5 × 11 inches.
	Letter = Paper{Name: "letter", Width: 612, Height: 792}
	// A4 is ISO A4, 210 × 297 mm.
	A4 = Paper{Name: "a4", Width: 595.28, Height: 841.89}
)

// Papers lists the paper sizes by name.
var Papers = []Paper{Letter, A4}

// ParsePaper reads a paper's name ("letter", "a4", any case); empty is
// Letter.
func ParsePaper(name string) (Paper, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return Letter, nil
	}
	for _, p := range Papers {
		if strings.EqualFold(name, p.Name) {
			return p, nil
		}
	}
	return Paper{}, fmt.Errorf("paper %q: unknown; use letter or a4", name)
}

// valid says whether the paper is big enough for the layout's margins.
func (p Paper) valid() error {
	if p.Width < 300 || p.Height < 400 || p.Width > 2000 || p.Height > 3000 {
		return fmt.Errorf("paper %q: %.0f × %.0f points is not a page size a report can be printed on; use letter or a4", p.Name, p.Width, p.Height)
	}
	return nil
}

// margin is the page's margin on every side, in points.
const margin = 48

// footerGap is the room kept above the bottom margin for the footer.
const footerGap = 22
