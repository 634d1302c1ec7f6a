package report

import (
	"fmt"
	"regexp"
	"strings"

	cr "github.com/continuum-planner/planner/continuum/report"
)

// Text styles of a report, before scaling.
var (
	titleStyle   = style{size: 20, bold: true, color: teal}
	nameStyle    = style{size: 15, bold: true, color: ink}
	metaStyle    = style{size: 9.5, color: muted}
	bodyStyle    = style{size: 10, color: ink}
	introStyle   = style{size: 9.5, color: muted}
	sectionStyle = style{size: 12.5, bold: true, color: white}
	domainStyle  = style{size: 11.5, bold: true, color: ink}
	headStyle    = style{size: 10, bold: true, color: teal}
	looksStyle   = style{size: 8.5, color: muted}
	footerStyle  = style{size: 8, color: muted}
)

// onePageScales are the type sizes tried, largest first, to fit a report
// on one page; twoPageScales those tried next to fit it on two. A report
// longer than that at the smallest takes more pages rather than losing a
// line, and no line is ever cut across pages.
var (
	onePageScales = []float64{1, 0.94, 0.88}
	twoPageScales = []float64{1, 0.92, 0.85, 0.78, 0.72}
)

// layoutReport lays a student's report out on pages of paper, footers
// included.
func layoutReport(fs *fontSet, r cr.Report, paper Paper) []page {
	var pages []page
	var w *writer
	try := func(scales []float64, most int) bool {
		for _, s := range scales {
			w = &writer{fs: fs, scale: s, width: paper.Width - 2*margin}
			pages = paginate(w.reportRows(r), margin, margin, paper.Height-margin-footerGap)
			if len(pages) <= most {
				return true
			}
		}
		return false
	}
	if !try(onePageScales, 1) {
		try(twoPageScales, 2)
	}
	left := r.Student
	if r.AsOf != "" {
		left += "  ·  " + r.AsOf
	}
	w.footers(pages, paper, left, r.Labels.Page)
	return pages
}

// footers writes "Page n of m" (in the report's words) at the foot of
// every page, right, and what the pages are about, left.
func (w *writer) footers(pages []page, paper Paper, left, pageWords string) {
	y := paper.Height - margin
	for i := range pages {
		p := &pages[i]
		p.ops = append(p.ops, op{kind: opRect, x: margin, y: y - 11, w: paper.Width - 2*margin, h: 0.5, fill: rule})
		n := pageNumber(pageWords, i+1, len(pages))
		nw := w.fs.width(n, false, footerStyle.size*w.scale)
		if nw > (paper.Width-2*margin)/2 {
			n = pageNumber("", i+1, len(pages))
			nw = w.fs.width(n, false, footerStyle.size*w.scale)
		}
		ops, _ := w.textOps(n, footerStyle, paper.Width-margin-nw, y)
		p.ops = append(p.ops, ops...)
		// What the pages are about takes the room the page number leaves,
		// cut at a word when it is longer.
		if lines := w.wrap(left, footerStyle, paper.Width-2*margin-nw-16); len(lines) > 0 {
			text := lines[0]
			if len(lines) > 1 {
				text += "…"
			}
			ops, _ = w.textOps(text, footerStyle, margin, y)
			p.ops = append(p.ops, ops...)
		}
	}
}

// pageVerb is a number in Labels.Page: %d, or %[1]d and %[2]d when the
// language puts the page count first.
var pageVerb = regexp.MustCompile(`%(\[[12]\])?d`)

// pageNumber writes "Page n of m" with the report's words, or "n / m"
// when they are missing or are not a format of the two numbers alone.
func pageNumber(words string, n, m int) string {
	rest := pageVerb.ReplaceAllString(strings.ReplaceAll(words, "%%", ""), "")
	if len(pageVerb.FindAllString(words, -1)) == 2 && !strings.Contains(rest, "%") {
		return fmt.Sprintf(words, n, m)
	}
	return fmt.Sprintf("%d / %d", n, m)
}

// reportRows is the whole report as rows, top to bottom.
func (w *writer) reportRows(r cr.Report) []row {
	rows := w.headerRows(r)
	if r.Empty != "" {
		rows = append(rows, w.paragraph(r.Empty, bodyStyle, 0)...)
		rows = append(rows, spacer(10))
	}
	for _, s := range r.Sections {
		rows = append(rows, w.sectionRow(s.Heading))
		for i, d := range s.Domains {
			if i > 0 {
				rows = append(rows, w.ruleRow())
			}
			rows = append(rows, w.domainRows(d, r.Labels)...)
		}
		rows = append(rows, spacer(6))
	}
	if len(r.Recent) > 0 {
		rows = append(rows, w.sectionRow(r.Labels.Recent))
		for _, e := range r.Recent {
			rows = append(rows, w.evidenceRows(e)...)
		}
		rows = append(rows, spacer(6))
	}
	return append(rows, w.commentRows(r.Labels.Comment, r.Comment)...)
}

// headerRows are the title, the student's name, where they are and the
// introduction.
func (w *writer) headerRows(r cr.Report) []row {
	var rows []row
	// The day sits at the right of the title's first line; a title too
	// long for the room left wraps below.
	asOfW := 0.0
	if r.AsOf != "" {
		asOfW = w.fs.width(r.AsOf, false, metaStyle.size*w.scale) + 12
	}
	lh := w.lineHeight(titleStyle)
	lines := w.wrap(r.Title, titleStyle, max(w.width-asOfW, w.width/2))
	if len(lines) == 0 {
		lines = []string{""}
	}
	for i, line := range lines {
		ops, _ := w.textOps(line, titleStyle, 0, lh*0.78)
		if i == 0 && r.AsOf != "" {
			if days := w.wrap(r.AsOf, metaStyle, w.width/2); len(days) > 0 {
				date, _ := w.textOps(days[0], metaStyle, w.width-w.fs.width(days[0], false, metaStyle.size*w.scale), lh*0.78)
				ops = append(ops, date...)
			}
		}
		rows = append(rows, row{height: lh, ops: ops})
	}
	rows = append(rows, w.paragraph(r.Student, nameStyle, 0)...)
	var meta []string
	for _, s := range []string{r.StudentID, r.Grade, r.Group, r.Continuum} {
		if s = strings.TrimSpace(s); s != "" {
			meta = append(meta, s)
		}
	}
	rows = append(rows, w.paragraph(strings.Join(meta, "  ·  "), metaStyle, 0)...)
	rows = append(rows, spacer(4), w.ruleRow())
	if r.Intro != "" {
		rows = append(rows, w.paragraph(r.Intro, introStyle, 0)...)
		rows = append(rows, spacer(6))
	}
	return rows
}

// spacer is empty room between blocks.
func spacer(h float64) row { return row{height: h} }

// ruleRow is a thin line across the column, with room around it.
func (w *writer) ruleRow() row {
	return row{height: 9, ops: []op{{kind: opRect, x: 0, y: 4, w: w.width, h: 0.5, fill: rule}}}
}

// sectionRow is a category's heading on a teal band, as tall as its
// lines.
func (w *writer) sectionRow(heading string) row {
	lh := w.lineHeight(sectionStyle)
	lines := w.wrap(heading, sectionStyle, w.width-12)
	h := lh*float64(max(len(lines), 1)) + 6
	ops := []op{{kind: opRect, x: 0, y: 0, w: w.width, h: h - 2, fill: teal}}
	for i, line := range lines {
		text, _ := w.textOps(line, sectionStyle, 6, 2+lh*float64(i)+lh*0.75)
		ops = append(ops, text...)
	}
	return row{height: h + 4, ops: ops, keep: true}
}

// labelled joins a label and its text with a colon, unless the label
// already ends in punctuation.
func labelled(label, text string) string {
	label = strings.TrimSpace(label)
	if label == "" {
		return text
	}
	if strings.HasSuffix(label, ":") || strings.HasSuffix(label, "…") {
		return label + " " + text
	}
	return label + ": " + text
}
