package report

import (
	"image/color"
	"strings"
	"unicode"
)

// op is one drawing operation on a page, in points from the page's top
// left corner. Both back-ends draw the same operations, so the PNG is the
// PDF's page.
type op struct {
	kind opKind
	// x, y: a text's baseline start, or a rectangle's top left corner.
	x, y float64
	// w, h: a rectangle's size.
	w, h float64
	// text, face and size: a run of text in one face.
	text string
	face face
	size float64
	// fill is the text's or the rectangle's colour.
	fill color.Color
}

type opKind int

const (
	opText opKind = iota
	opRect
)

// page is one page's operations.
type page struct{ ops []op }

// row is a strip of a page that is never split: a wrapped line of text, a
// heading, a domain's header with its growth picture. Pagination moves
// whole rows, so no line is ever cut.
type row struct {
	height float64
	ops    []op // relative to the row's top left corner
	// keep holds the row on the same page as the next one (a heading
	// above its first line).
	keep bool
	// newPage starts the row on a new page.
	newPage bool
}

// Colours of the printed report: dark text, a muted grey for secondary
// text, and the app's teal for headings and bars.
var (
	ink      = color.RGBA{0x1f, 0x29, 0x33, 0xff}
	muted    = color.RGBA{0x5b, 0x67, 0x70, 0xff}
	teal     = color.RGBA{0x0f, 0x76, 0x6e, 0xff}
	tealPale = color.RGBA{0xe6, 0xf2, 0xf1, 0xff}
	rule     = color.RGBA{0xc8, 0xd0, 0xd4, 0xff}
	white    = color.RGBA{0xff, 0xff, 0xff, 0xff}
)

// writer lays text out for one report: the fonts, the scale every size is
// multiplied by (smaller to fit a long report on two pages) and the width
// of the text column.
type writer struct {
	fs    *fontSet
	scale float64
	width float64
}

// style is how a stretch of text looks.
type style struct {
	size  float64 // before scaling
	bold  bool
	color color.Color
}

// textOps draws s with its baseline at (x, y), one op per face.
func (w *writer) textOps(s string, st style, x, y float64) ([]op, float64) {
	size := st.size * w.scale
	var ops []op
	for _, r := range w.fs.runs(s, st.bold, size) {
		ops = append(ops, op{kind: opText, x: x, y: y, text: r.text, face: r.face, size: size, fill: st.color})
		x += r.width
	}
	return ops, x
}

// lineHeight is the height of one line of text in st.
func (w *writer) lineHeight(st style) float64 { return st.size * w.scale * 1.32 }

// paragraph wraps s to width (after indent) and returns one row per line.
func (w *writer) paragraph(s string, st style, indent float64) []row {
	lh := w.lineHeight(st)
	var rows []row
	for _, line := range w.wrap(s, st, w.width-indent) {
		ops, _ := w.textOps(line, st, indent, lh*0.78)
		rows = append(rows, row{height: lh, ops: ops})
	}
	return rows
}

// wrap breaks s into lines no wider than width, at spaces, or between any
// two runes of a word wider than a line (Chinese and Japanese have no
// spaces). Line breaks in s are kept.
func (w *writer) wrap(s string, st style, width float64) []string {
	size := st.size * w.scale
	var lines []string
	for _, para := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		line, lineW := "", 0.0
		space := w.fs.width(" ", st.bold, size)
		for _, word := range strings.FieldsFunc(para, unicode.IsSpace) {
			for _, piece := range w.splitWord(word, st.bold, size, width) {
				pw := w.fs.width(piece, st.bold, size)
				switch {
				case line == "":
					line, lineW = piece, pw
				case lineW+space+pw <= width:
					line, lineW = line+" "+piece, lineW+space+pw
				default:
					lines = append(lines, line)
					line, lineW = piece, pw
				}
			}
		}
		if line != "" {
			lines = append(lines, line)
		}
	}
	return lines
}

// splitWord cuts a word wider than width into pieces that fit.
func (w *writer) splitWord(word string, bold bool, size, width float64) []string {
	if w.fs.width(word, bold, size) <= width {
		return []string{word}
	}
	var pieces []string
	start, pw := 0, 0.0
	for i, r := range word {
		a := w.fs.glyphFor(r, bold).advance * size
		if pw+a > width && i > start {
			pieces = append(pieces, word[start:i])
			start, pw = i, 0
		}
		pw += a
	}
	return append(pieces, word[start:])
}

// shift moves ops by (dx, dy).
func shift(ops []op, dx, dy float64) []op {
	out := make([]op, len(ops))
	for i, o := range ops {
		o.x += dx
		o.y += dy
		out[i] = o
	}
	return out
}

// paginate places rows on pages of the given text area, starting a page
// when the next row, with the rows it keeps with, does not fit; a run of
// kept rows taller than a page breaks where it must, between rows.
func paginate(rows []row, left, top, bottom float64) []page {
	// chain[i] is the height of row i and the rows it keeps with.
	chain := make([]float64, len(rows)+1)
	for i := len(rows) - 1; i >= 0; i-- {
		chain[i] = rows[i].height
		if rows[i].keep {
			chain[i] += chain[i+1]
		}
	}
	pages := []page{{}}
	y := top
	for i, r := range rows {
		need := chain[i]
		if need > bottom-top {
			need = r.height
		}
		if (y+need > bottom || r.newPage) && y > top {
			pages = append(pages, page{})
			y = top
		}
		p := &pages[len(pages)-1]
		p.ops = append(p.ops, shift(r.ops, left, y)...)
		y += r.height
	}
	return pages
}
