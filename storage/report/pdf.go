package report

import (
	"fmt"
	"image/color"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	cr "github.com/continuum-planner/planner/continuum/report"
)

// The PDF library is github.com/go-pdf/fpdf v0.9.0 (MIT), the maintained
// fork of jung-kurt/gofpdf. Its drawing package needs only the standard
// library; it embeds TrueType fonts as subsets of the glyphs used (a
// group's PDF carries a few hundred glyphs of the 4 MB CJK font, not all
// of it), compresses pages, and draws text at a given point, which is all
// this layout asks of it: the layout measures and places every run
// itself, with the same fonts the PNG back-end draws with, so the PDF
// library's own measuring, wrapping and page breaking go unused.
//
// Looked at and not chosen:
//   - github.com/signintech/gopdf (v0.33.0 on the module proxy) also
//     embeds TrueType subsets, but places text through a cursor
//     (SetX/SetY, then Cell or Text); it would have served as well, and
//     offered nothing this layout needs that fpdf lacks, while fpdf's
//     lineage (gofpdf) is the more widely used and documented.
//   - github.com/johnfercher/maroto, a grid layout on top of fpdf, lays
//     out rows and columns itself, so it could not draw the same page as
//     the PNG.
//   - github.com/pdfcpu/pdfcpu processes existing PDFs (merge, split,
//     validate); it is not meant for drawing new pages.
//
// Font names inside the PDF, one per bundled face.
var pdfFontNames = [faceCount]struct{ family, style string }{
	regular: {"dejavu", ""},
	bold:    {"dejavu", "B"},
	cjk:     {"droid", ""},
	hangul:  {"nanum", ""},
}

// PDF is a PDF of progress reports being drawn: a cover page for the
// teacher, if any, then each student's report on pages of its own. Add
// the pages, then Write the document once.
type PDF struct {
	doc    *fpdf.Fpdf
	fs     *fontSet
	paper  Paper
	pages  int
	fonts  [faceCount]bool // the faces registered with the document
	closed bool
	titled bool      // the document's title is set
	day    time.Time // the document's date: the first report's day

}

// NewPDF starts a PDF on paper.
func NewPDF(paper Paper) (p *PDF, err error) {
	defer recoverDrawing("pdf", &err)
	fs, err := loadFonts()
	if err != nil {
		return nil, err
	}
	if err := paper.valid(); err != nil {
		return nil, fmt.Errorf("draw report pdf: %w", err)
	}
	doc := fpdf.NewCustom(&fpdf.InitType{UnitStr: "pt", Size: fpdf.SizeType{Wd: paper.Width, Ht: paper.Height}})
	doc.SetAutoPageBreak(false, 0)
	doc.SetMargins(0, 0, 0)
	doc.SetCompression(true)
	doc.SetCreator("Continuum Planner", true)
	return &PDF{doc: doc, fs: fs, paper: paper}, nil
}

// AddCover draws the teacher's cover page (or pages, for a long list of
// students). pageWords is "Page %d of %d" in the reports' language.
func (p *PDF) AddCover(c cr.Cover, pageWords string) (err error) {
	defer recoverDrawing("pdf", &err)
	if !p.titled {
		p.doc.SetTitle(strings.ToValidUTF8(c.Title, "\ufffd"), true)
		p.titled = true
	}
	return p.draw(layoutCover(p.fs, c, p.paper, pageWords))
}

// AddReport draws a student's report on one page, or two when it is long.
func (p *PDF) AddReport(r cr.Report) (err error) {
	defer recoverDrawing("pdf", &err)
	if !p.titled {
		p.doc.SetTitle(strings.ToValidUTF8(r.Title+": "+r.Student, "\ufffd"), true)
		p.titled = true
	}
	if p.day.IsZero() && !r.Date.IsZero() {
		// The report's own day, so that the same reports make the same file.
		p.day = r.Date.Time()
	}
	if err := p.draw(layoutReport(p.fs, r, p.paper)); err != nil {
		return fmt.Errorf("draw the report of %s: %w", r.Student, err)
	}
	return nil
}

// Pages is how many pages the document has so far.
func (p *PDF) Pages() int { return p.pages }

// Write writes the finished document to w. A PDF is written once.
func (p *PDF) Write(w io.Writer) (err error) {
	defer recoverDrawing("pdf", &err)
	if p.closed {
		return fmt.Errorf("write report pdf: already written")
	}
	p.closed = true
	if p.pages == 0 {
		return fmt.Errorf("write report pdf: no page to write; add a report first")
	}
	day := p.day
	if day.IsZero() {
		day = time.Now()
	}
	p.doc.SetCreationDate(day)
	p.doc.SetModificationDate(day)
	if p.doc.Err() {
		return fmt.Errorf("write report pdf: %w", p.doc.Error())
	}
	if err := p.doc.Output(w); err != nil {
		return fmt.Errorf("write report pdf: %w", err)
	}
	return nil
}

// draw adds the pages to the document.
func (p *PDF) draw(pages []page) error {
	if p.closed {
		return fmt.Errorf("the PDF is already written")
	}
	for _, pg := range pages {
		p.doc.AddPage()
		p.pages++
		for _, o := range pg.ops {
			p.drawOp(o)
		}
		if p.doc.Err() {
			return fmt.Errorf("draw page %d: %w", p.pages, p.doc.Error())
		}
	}
	return nil
}

// drawOp draws one operation.
func (p *PDF) drawOp(o op) {
	switch o.kind {
	case opRect:
		if o.w <= 0 || o.h <= 0 {
			return
		}
		r, g, b := rgb(o.fill)
		p.doc.SetFillColor(r, g, b)
		p.doc.Rect(o.x, o.y, o.w, o.h, "F")
	case opText:
		p.useFont(o.face)
		name := pdfFontNames[o.face]
		p.doc.SetFont(name.family, name.style, o.size)
		r, g, b := rgb(o.fill)
		p.doc.SetTextColor(r, g, b)
		p.doc.Text(o.x, o.y, o.text)
	}
}

// useFont registers a bundled face with the document the first time it
// is drawn with, so a PDF without Chinese or Korean carries no CJK font.
func (p *PDF) useFont(f face) {
	if p.fonts[f] {
		return
	}
	p.fonts[f] = true
	data := fontFiles()[f]
	name := pdfFontNames[f]
	p.doc.AddUTF8FontFromBytes(name.family, name.style, data)
}

// rgb is a colour as fpdf takes it.
func rgb(c color.Color) (int, int, int) {
	if c == nil {
		return 0, 0, 0
	}
	r, g, b, _ := c.RGBA()
	return int(r >> 8), int(g >> 8), int(b >> 8)
}

// WritePDF writes one PDF of the students' reports, in order, each
// starting on a new page, after the teacher's cover when cover is not nil.
func WritePDF(w io.Writer, reports []cr.Report, cover *cr.Cover, paper Paper) error {
	doc, err := NewPDF(paper)
	if err != nil {
		return err
	}
	if cover != nil {
		words := ""
		if len(reports) > 0 {
			words = reports[0].Labels.Page
		}
		if err := doc.AddCover(*cover, words); err != nil {
			return err
		}
	}
	for _, r := range reports {
		if err := doc.AddReport(r); err != nil {
			return err
		}
	}
	return doc.Write(w)
}
