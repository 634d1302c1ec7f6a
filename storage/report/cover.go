package report

import (
	"strconv"

	cr "github.com/continuum-planner/planner/continuum/report"
)

// coverColumns is how many columns the cover lists the students in.
const coverColumns = 3

// layoutCover lays the teacher's cover out: its title, its sentences and
// the students in page order, numbered, in columns. pageWords is "Page %d
// of %d" in the reports' language.
func layoutCover(fs *fontSet, c cr.Cover, paper Paper, pageWords string) []page {
	w := &writer{fs: fs, scale: 1, width: paper.Width - 2*margin}
	rows := w.paragraph(c.Title, titleStyle, 0)
	rows = append(rows, spacer(4), w.ruleRow())
	for _, line := range c.Lines {
		rows = append(rows, w.paragraph(line, style{size: 11, color: ink}, 0)...)
		rows = append(rows, spacer(3))
	}
	rows = append(rows, spacer(8))
	used := 0.0
	for _, r := range rows {
		used += r.height
	}
	lh := w.lineHeight(style{size: 10}) + 1
	perColumn := max(int((paper.Height-margin-footerGap-margin-used)/lh), 1)
	for first := 0; first < len(c.Students); {
		n := min(perColumn*coverColumns, len(c.Students)-first)
		block := w.coverNames(c.Students[first:first+n], first, lh)
		if first > 0 {
			block[0].newPage = true
		}
		rows = append(rows, block...)
		first += n
		perColumn = max(int((paper.Height-margin-footerGap-margin)/lh), 1)
	}
	pages := paginate(rows, margin, margin, paper.Height-margin-footerGap)
	w.footers(pages, paper, c.Title, pageWords)
	return pages
}

// coverNames lists names numbered from first+1 in columns, down each
// column then across, so that they read in page order; lh is a row's
// height.
func (w *writer) coverNames(names []string, first int, lh float64) []row {
	colW := w.width / coverColumns
	st := style{size: 10, color: ink}
	num := style{size: 10, color: muted}
	perColumn := (len(names) + coverColumns - 1) / coverColumns
	rows := make([]row, perColumn)
	for i, name := range names {
		r := &rows[i%perColumn]
		r.height = lh
		x := colW * float64(i/perColumn)
		text, _ := w.textOps(strconv.Itoa(first+i+1)+".", num, x, lh*0.78)
		r.ops = append(r.ops, text...)
		fit := st
		if nw := w.fs.width(name, false, st.size*w.scale); nw > colW-30 {
			// A long name is set smaller to fit its column, down to 6 points,
			// and only then cut at a word rather than overprinted.
			fit.size = max(st.size*(colW-30)/nw, 6)
			if lines := w.wrap(name, fit, colW-30); len(lines) > 0 {
				name = lines[0]
			}
		}
		text, _ = w.textOps(name, fit, x+24, lh*0.78)
		r.ops = append(r.ops, text...)
	}
	return rows
}
