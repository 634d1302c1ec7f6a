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
	colW := w.width / coverColumns
	st := style{size: 10, color: ink}
	num := style{size: 10, color: muted}
	lh := w.lineHeight(st)
	for i := 0; i < len(c.Students); i += coverColumns {
		var ops []op
		for j := i; j < min(i+coverColumns, len(c.Students)); j++ {
			x := colW * float64(j-i)
			n := strconv.Itoa(j+1) + "."
			text, _ := w.textOps(n, num, x, lh*0.78)
			ops = append(ops, text...)
			name := c.Students[j]
			if lines := w.wrap(name, st, colW-30); len(lines) > 0 {
				name = lines[0] // a name too long for its column is cut at a word, not overprinted
			}
			text, _ = w.textOps(name, st, x+24, lh*0.78)
			ops = append(ops, text...)
		}
		rows = append(rows, row{height: lh + 1, ops: ops})
	}
	pages := paginate(rows, margin, margin, paper.Height-margin-footerGap)
	w.footers(pages, paper, c.Title, pageWords)
	return pages
}
