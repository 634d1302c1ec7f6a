package report

import (
	"strconv"

	cr "github.com/continuum-planner/planner/continuum/report"
)

// Sizes of the growth picture, in points before scaling.
const (
	chartWidth  = 180
	chartHeight = 58
)

// domainRows are a domain's header (name, summary, pace, growth picture)
// and its three lists.
func (w *writer) domainRows(d cr.DomainReport, l cr.Labels) []row {
	rows := []row{w.domainHeader(d, l)}
	rows = append(rows, w.listRows(l.CanNow, d.CanNow, l)...)
	rows = append(rows, w.listRows(l.WorkingOn, d.WorkingOn, l)...)
	rows = append(rows, w.listRows(l.Revisit, d.Revisit, l)...)
	return append(rows, spacer(4))
}

// domainHeader is the domain's name, summary and pace on the left and its
// growth picture on the right, as one row.
func (w *writer) domainHeader(d cr.DomainReport, l cr.Labels) row {
	chartW, chartH := chartWidth*w.scale, chartHeight*w.scale
	textW := w.width
	if len(d.Growth) > 0 {
		textW = w.width - chartW - 14
	}
	var ops []op
	y := 0.0
	add := func(s string, st style) {
		lh := w.lineHeight(st)
		for _, line := range w.wrap(s, st, textW) {
			text, _ := w.textOps(line, st, 0, y+lh*0.78)
			ops = append(ops, text...)
			y += lh
		}
	}
	add(d.Name, domainStyle)
	if d.Summary != "" {
		add(d.Summary, bodyStyle)
	}
	if d.Pace != "" {
		add(labelled(l.Pace, d.Pace), bodyStyle)
	}
	h := y
	if len(d.Growth) > 0 {
		ops = append(ops, w.growthOps(d, l, w.width-chartW, 0, chartW, chartH)...)
		h = max(h, chartH)
	}
	return row{height: h + 4, ops: ops, keep: true}
}

// growthOps draws the domain's growth picture in the box (x, y, cw, ch):
// a bar per point of the term, as high as the targets mastered by then,
// against the domain's number of targets.
func (w *writer) growthOps(d cr.DomainReport, l cr.Labels, x, y, cw, ch float64) []op {
	title := style{size: 7.5, bold: true, color: ink}
	small := style{size: 6.5, color: muted}
	heading := l.Growth
	if lines := w.wrap(heading, title, cw); len(lines) > 0 {
		heading = lines[0] // the picture's own heading is one line
	}
	ops, tx := w.textOps(heading, title, x, y+w.lineHeight(title)*0.78)
	if l.GrowthAxis != "" {
		if capW := w.fs.width(l.GrowthAxis, false, small.size*w.scale); tx+6+capW <= x+cw {
			text, _ := w.textOps(l.GrowthAxis, small, tx+6, y+w.lineHeight(title)*0.78)
			ops = append(ops, text...)
		}
	}
	top := y + w.lineHeight(title) + 3
	bottom := y + ch - w.lineHeight(small) - 1
	most := max(d.Total, 1)
	for _, p := range d.Growth {
		most = max(most, p.Mastered)
	}
	maxLabel := strconv.Itoa(most)
	axisW := w.fs.width(maxLabel, false, small.size*w.scale) + 3
	left := x + axisW
	plotW, plotH := x+cw-left, bottom-top
	ops = append(ops, op{kind: opRect, x: left, y: top, w: plotW, h: plotH, fill: tealPale})
	text, _ := w.textOps(maxLabel, small, x, top+w.lineHeight(small)*0.6)
	ops = append(ops, text...)
	text, _ = w.textOps("0", small, left-3-w.fs.width("0", false, small.size*w.scale), bottom)
	ops = append(ops, text...)
	slot := plotW / float64(len(d.Growth))
	labelEnd := left - 1e9
	for i, p := range d.Growth {
		bh := plotH * float64(max(p.Mastered, 0)) / float64(most)
		bx := left + slot*float64(i) + slot*0.15
		ops = append(ops, op{kind: opRect, x: bx, y: bottom - bh, w: slot * 0.7, h: bh, fill: teal})
		lw := w.fs.width(p.Label, false, small.size*w.scale)
		lx := bx + slot*0.35 - lw/2
		if p.Label != "" && lx >= labelEnd+2 && lx+lw <= x+cw+2 {
			text, _ := w.textOps(p.Label, small, lx, y+ch-1)
			ops = append(ops, text...)
			labelEnd = lx + lw
		}
	}
	if n := len(d.Growth); n > 0 {
		last := d.Growth[n-1]
		v := strconv.Itoa(last.Mastered)
		vs := style{size: 6.5, bold: true, color: ink}
		vw := w.fs.width(v, true, vs.size*w.scale)
		bh := plotH * float64(max(last.Mastered, 0)) / float64(most)
		vy := max(bottom-bh-1.5, top+w.lineHeight(vs)*0.7)
		text, _ := w.textOps(v, vs, left+slot*(float64(n)-0.5)-vw/2, vy)
		ops = append(ops, text...)
	}
	return append(ops, op{kind: opRect, x: left, y: bottom, w: plotW, h: 0.6, fill: muted})
}

// twoColumns is how many lines a list without descriptors needs before
// it is set in two columns, to keep a long list of short statements from
// taking a page of its own.
const twoColumns = 6

// listRows are a list's heading and its bulleted lines (with what each
// looks like, for targets being worked on), or, beside the heading, the
// report's "Nothing yet".
func (w *writer) listRows(heading string, lines []cr.Line, l cr.Labels) []row {
	head := w.paragraph(heading, headStyle, 0)
	for i := range head {
		head[i].keep = true
	}
	if len(lines) == 0 && len(head) > 0 {
		last := &head[len(head)-1]
		x := w.fs.width(w.lastLine(heading, headStyle), true, headStyle.size*w.scale) + 8
		text, _ := w.textOps(l.Nothing, style{size: bodyStyle.size, color: muted}, x, w.lineHeight(headStyle)*0.78)
		last.ops = append(last.ops, text...)
		last.keep = false
		return append([]row{keptSpacer(2)}, head...)
	}
	rows := append([]row{keptSpacer(2)}, head...)
	described := false
	for _, line := range lines {
		described = described || line.LooksLike != ""
	}
	if len(lines) >= twoColumns && !described {
		return append(rows, w.twoColumnRows(lines)...)
	}
	for _, line := range lines {
		para := w.bulletRows(line.Text, 18, w.width)
		if line.LooksLike != "" {
			for i := range para {
				para[i].keep = true
			}
			para = append(para, w.paragraph(labelled(l.LooksLike, line.LooksLike), looksStyle, 28)...)
			para = append(para, spacer(2))
		}
		rows = append(rows, para...)
	}
	return rows
}

// keptSpacer is room that stays with the row after it, so that a domain's
// header never ends a page alone.
func keptSpacer(h float64) row { return row{height: h, keep: true} }

// lastLine is the last line s wraps to in st across the column.
func (w *writer) lastLine(s string, st style) string {
	lines := w.wrap(s, st, w.width)
	if len(lines) == 0 {
		return ""
	}
	return lines[len(lines)-1]
}

// bulletRows are a statement wrapped from indent to right, with a bullet
// before its first line.
func (w *writer) bulletRows(text string, indent, right float64) []row {
	lh := w.lineHeight(bodyStyle)
	var rows []row
	for i, line := range w.wrap(text, bodyStyle, right-indent) {
		ops, _ := w.textOps(line, bodyStyle, indent, lh*0.78)
		if i == 0 {
			bullet, _ := w.textOps("•", style{size: bodyStyle.size, bold: true, color: teal}, indent-11, lh*0.78)
			ops = append(ops, bullet...)
		}
		rows = append(rows, row{height: lh, ops: ops, keep: true})
	}
	if len(rows) > 0 {
		rows[len(rows)-1].keep = false // a statement's lines stay on one page
	}
	return rows
}

// twoColumnRows sets a list in two columns, left to right then down, each
// pair of statements side by side line for line.
func (w *writer) twoColumnRows(lines []cr.Line) []row {
	half := (w.width - 18) / 2
	var rows []row
	for i := 0; i < len(lines); i += 2 {
		left := w.bulletRows(lines[i].Text, 18, 18+half-10)
		var right []row
		if i+1 < len(lines) {
			right = w.bulletRows(lines[i+1].Text, 18+half+8, w.width)
		}
		for j := 0; j < max(len(left), len(right)); j++ {
			r := row{height: w.lineHeight(bodyStyle), keep: j < max(len(left), len(right))-1}
			if j < len(left) {
				r.ops = append(r.ops, left[j].ops...)
			}
			if j < len(right) {
				r.ops = append(r.ops, right[j].ops...)
			}
			rows = append(rows, r)
		}
	}
	return rows
}

// evidenceRows are a recent piece of evidence: its day and level, the
// target, and the teacher's note.
func (w *writer) evidenceRows(e cr.EvidenceLine) []row {
	first := e.Date
	if e.Level != "" {
		if first != "" {
			first += "  ·  "
		}
		first += e.Level
	}
	rows := w.paragraph(first, style{size: 9.5, bold: true, color: ink}, 0)
	for i := range rows {
		rows[i].keep = true
	}
	rows = append(rows, w.paragraph(e.Target, bodyStyle, 12)...)
	if e.Note != "" {
		rows = append(rows, w.paragraph(e.Note, style{size: 9.5, color: muted}, 12)...)
	}
	return append(rows, spacer(4))
}

// commentRows are the teacher's comment in a box, one row per line so
// that a long comment may run onto the next page; an empty comment
// leaves an empty box to write in by hand.
func (w *writer) commentRows(heading, comment string) []row {
	rows := []row{w.sectionRow(heading)}
	st := bodyStyle
	lh := w.lineHeight(st)
	lines := w.wrap(comment, st, w.width-16)
	n := max(len(lines), int(56*w.scale/lh)+1)
	for i := 0; i < n; i++ {
		h := lh
		pad := 0.0
		if i == 0 {
			h, pad = h+6, 6
		}
		if i == n-1 {
			h += 6
		}
		ops := []op{
			{kind: opRect, x: 0, y: 0, w: w.width, h: h, fill: white},
			{kind: opRect, x: 0, y: 0, w: 0.75, h: h, fill: rule},
			{kind: opRect, x: w.width - 0.75, y: 0, w: 0.75, h: h, fill: rule},
		}
		if i == 0 {
			ops = append(ops, op{kind: opRect, x: 0, y: 0, w: w.width, h: 0.75, fill: rule})
		}
		if i == n-1 {
			ops = append(ops, op{kind: opRect, x: 0, y: h - 0.75, w: w.width, h: 0.75, fill: rule})
		}
		if i < len(lines) {
			text, _ := w.textOps(lines[i], st, 8, pad+lh*0.78)
			ops = append(ops, text...)
		}
		rows = append(rows, row{height: h, ops: ops})
	}
	return rows
}
