package widgets

import (
	"image/color"
	"math"
	"slices"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum/palette"
)

// HeatMapColumn is one column of a HeatMap: a target, whose cells are
// coloured, or a text column (e.g. a student's position on a domain).
type HeatMapColumn struct {
	// Domain heads the first band; neighbouring columns with the same
	// Domain share one band.
	Domain string
	// Level heads the second band; neighbouring columns with the same
	// Domain and Level share one band.
	Level string
	// Code is the column's own heading, e.g. a target's code.
	Code string
	// Strong writes the code in bold (a milestone).
	Strong bool
	// Text makes a column of words rather than colours.
	Text bool
	// Sample is the widest text a Text column's cells show; it sizes the column.
	Sample string
}

// HeatMapRow is one row of a HeatMap: whose row it is, with an optional
// quieter detail at the right of the name (e.g. "4 attempts").
type HeatMapRow struct {
	// Name heads the row.
	Name string
	// Detail is written after the name, in the muted colour.
	Detail string
	// Strong writes the name in bold, to pick the row out.
	Strong bool
}

// HeatMapCell is what one cell shows.
type HeatMapCell struct {
	// Fill is the cell's colour; nil leaves it empty.
	Fill color.Color
	// Outline, when set, is drawn around the cell (a teacher's override).
	Outline color.Color
	// Text is written in the cell: a value on a coloured cell, the words of a Text column.
	Text string
}

// The header rows of a HeatMap, above its data rows.
const (
	heatDomainRow = iota
	heatLevelRow
	heatCodeRow
	// HeatMapHeaderRows is how many rows of the table head it: the domain
	// band, the level band and the codes. Table row r ≥ HeatMapHeaderRows
	// is data row r − HeatMapHeaderRows; table column c ≥ 1 is column c − 1.
	HeatMapHeaderRows
)

// HeatMap is a grid of coloured cells, rows by columns, built on
// widget.Table so that only the cells on screen exist: a class of 2,000
// students by 300 targets scrolls as lightly as one of 20. Two header
// bands (domain, then level) span their columns, the codes head the
// columns, and the names head the rows; the header rows and the name
// column stay in place while the grid scrolls under them (the table's
// sticky rows and column). Text columns (a position per domain) sit
// among the coloured ones.
type HeatMap struct {
	widget.Table

	// OnCellTapped is called with the data row and column of a tapped cell.
	OnCellTapped func(row, col int)
	// OnColumnTapped is called when a column's code is tapped.
	OnColumnTapped func(col int)
	// OnRowTapped is called when a row's name is tapped.
	OnRowTapped func(row int)
	// OnRune, when set, sees the characters typed while the map has the
	// focus (e.g. a score typed into the cell that is open).
	OnRune func(r rune)

	corner  string
	cell    func(row, col int) HeatMapCell
	columns []HeatMapColumn
	rows    []HeatMapRow
	chosen  int // chosen column, -1 for none
	marked  int // marked row, -1 for none

	// Measured in measure: the bands cut into pieces, one per column.
	bands   [2][]bandPiece
	colors  heatColors
	rowH    float32
	codeW   float32
	nameW   float32
	widthOf []float32    // per column
	widths  map[int]bool // the table columns given a width of their own
	inks    map[color.Color]color.Color
}

// bandPiece is the part of a band's label that one column draws: the
// letters that end inside the column, from x (relative to the column).
type bandPiece struct {
	text  string
	x     float32
	first bool // the column starts its band
	last  bool // the column ends its band: no fill into the gap after it
}

// heatColors are the theme's colours, read once per refresh so that a
// cell update only copies them.
type heatColors struct {
	fg, muted, band, level, primary, onPrimary color.Color
}

// Sizes of a HeatMap, in Fyne units: the text inset, and the bounds of
// the code, name and text columns, measured from what they show.
const (
	heatInset    = 4
	heatMinCodeW = 30
	heatMaxCodeW = 72
	heatMinNameW = 140
	heatMaxNameW = 240
	heatMaxTextW = 180
)

// NewHeatMap returns an empty heat map; cell says what the cell of a data
// row and column shows, and corner heads the name column (e.g. "Student").
func NewHeatMap(corner string, cell func(row, col int) HeatMapCell) *HeatMap {
	h := &HeatMap{corner: corner, cell: cell, chosen: -1, marked: -1}
	h.Length = h.length
	h.CreateCell = h.createCell
	h.UpdateCell = h.updateCell
	h.OnSelected = h.onSelected
	h.StickyRowCount = HeatMapHeaderRows
	h.StickyColumnCount = 1
	h.HideSeparators = true
	h.ExtendBaseWidget(h)
	h.measure()
	return h
}

// Set replaces the columns and the rows, and redraws.
func (h *HeatMap) Set(cols []HeatMapColumn, rows []HeatMapRow) {
	h.columns, h.rows = cols, rows
	if h.chosen >= len(cols) {
		h.chosen = -1
	}
	if h.marked >= len(rows) {
		h.marked = -1
	}
	h.measure()
	h.Refresh()
}

// Columns returns the columns shown.
func (h *HeatMap) Columns() []HeatMapColumn { return h.columns }

// Rows returns the rows shown.
func (h *HeatMap) Rows() []HeatMapRow { return h.rows }

// Cell returns what the cell of a data row and column shows.
func (h *HeatMap) Cell(row, col int) HeatMapCell { return h.cell(row, col) }

// SetChosenColumn marks a column's code as chosen (-1: none).
func (h *HeatMap) SetChosenColumn(col int) {
	if col == h.chosen {
		return
	}
	h.chosen = col
	h.Table.Refresh()
}

// ChosenColumn returns the chosen column, or -1.
func (h *HeatMap) ChosenColumn() int { return h.chosen }

// SetMarkedRow picks a row's name out (-1: none), e.g. the student whose
// cell is open.
func (h *HeatMap) SetMarkedRow(row int) {
	if row == h.marked {
		return
	}
	h.marked = row
	h.Table.Refresh()
}

// TypedRune hands a typed character to OnRune.
func (h *HeatMap) TypedRune(r rune) {
	if h.OnRune != nil {
		h.OnRune(r)
	}
}

// HeatMapCellID returns the table's cell of a data row and column, for
// Select and ScrollTo; row -1 is the codes' row, column -1 the names'.
func HeatMapCellID(row, col int) widget.TableCellID {
	return widget.TableCellID{Row: row + HeatMapHeaderRows, Col: col + 1}
}

// Refresh reads the theme again and redraws the cells on screen.
func (h *HeatMap) Refresh() {
	h.readColors()
	h.Table.Refresh()
}

func (h *HeatMap) length() (int, int) {
	return HeatMapHeaderRows + len(h.rows), 1 + len(h.columns)
}

func (h *HeatMap) onSelected(id widget.TableCellID) {
	row, col := id.Row-HeatMapHeaderRows, id.Col-1
	switch {
	case col >= 0 && row >= 0:
		if h.OnCellTapped != nil {
			h.OnCellTapped(row, col)
		}
		return
	case col >= 0 && id.Row == heatCodeRow:
		if h.OnColumnTapped != nil {
			h.OnColumnTapped(col)
		}
	case col < 0 && row >= 0:
		if h.OnRowTapped != nil {
			h.OnRowTapped(row)
		}
	}
	// A heading is not a cell to keep selected.
	h.UnselectAll()
}

// measure sizes the rows and columns for the text they show and cuts the
// bands' labels into the pieces each column draws.
func (h *HeatMap) measure() {
	h.readColors()
	caption := theme.CaptionTextSize()
	pad := theme.Padding()
	h.rowH = fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height + 2
	h.codeW = heatMinCodeW
	for _, c := range h.columns {
		if !c.Text {
			h.codeW = max(h.codeW, fyne.MeasureText(c.Code, caption, fyne.TextStyle{Bold: c.Strong}).Width+2*heatInset)
		}
	}
	h.codeW = min(h.codeW, heatMaxCodeW)
	h.widthOf = h.widthOf[:0]
	for _, c := range h.columns {
		w := h.codeW
		if c.Text {
			w = fyne.MeasureText(c.Sample, caption, fyne.TextStyle{}).Width + 2*heatInset
			w = max(w, fyne.MeasureText(c.Code, caption, fyne.TextStyle{}).Width+2*heatInset)
			w = min(max(w, h.codeW), heatMaxTextW)
		}
		h.widthOf = append(h.widthOf, w)
	}
	h.nameW = max(heatMinNameW, fyne.MeasureText(h.corner, theme.TextSize(), fyne.TextStyle{Bold: true}).Width+2*heatInset)
	for _, r := range heatLongestRows(h.rows, 16) {
		w := fyne.MeasureText(r.Name, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*heatInset
		if r.Detail != "" {
			w += fyne.MeasureText(r.Detail, caption, fyne.TextStyle{}).Width + 2*heatInset
		}
		h.nameW = max(h.nameW, w)
	}
	h.nameW = min(h.nameW, heatMaxNameW)

	x := make([]float32, len(h.columns)+1) // each column's left edge, and the end
	for i, w := range h.widthOf {
		x[i+1] = x[i] + w + pad
	}
	h.bands[0] = heatCutBand(h.columns, x, func(c HeatMapColumn) string { return c.Domain },
		func(a, b HeatMapColumn) bool { return a.Domain == b.Domain }, fyne.TextStyle{Bold: true}, caption, pad)
	h.bands[1] = heatCutBand(h.columns, x, func(c HeatMapColumn) string { return c.Level },
		func(a, b HeatMapColumn) bool { return a.Domain == b.Domain && a.Level == b.Level }, fyne.TextStyle{}, caption, pad)
	h.applyWidths()
}

// applyWidths gives the table the widths of the name and text columns.
// The coloured columns take the width of the template cell, so that a
// map of 300 targets does not set (and redraw for) 300 widths; a column
// given a width before that is now coloured is set back.
func (h *HeatMap) applyWidths() {
	if h.widths == nil {
		h.widths = map[int]bool{}
	}
	set := func(id int, w float32) {
		h.widths[id] = true
		h.SetColumnWidth(id, w)
	}
	set(0, h.nameW)
	for i, c := range h.columns {
		if c.Text {
			set(i+1, h.widthOf[i])
		}
	}
	for id := range h.widths {
		if id > 0 && (id > len(h.columns) || !h.columns[id-1].Text) {
			h.SetColumnWidth(id, h.codeW)
		}
	}
}

// heatLongestRows returns up to n rows with the most letters: the ones that
// decide the width of the name column, without measuring every name.
func heatLongestRows(rows []HeatMapRow, n int) []HeatMapRow {
	if len(rows) <= n {
		return rows
	}
	size := func(r HeatMapRow) int { return utf8.RuneCountInString(r.Name) + utf8.RuneCountInString(r.Detail) }
	out := slices.Clone(rows)
	slices.SortFunc(out, func(a, b HeatMapRow) int { return size(b) - size(a) })
	return out[:n]
}

// heatCutBand groups neighbouring columns that share a label and gives each
// column the piece of the label it draws. A cell draws the letters that
// end inside it, starting where they fall, so the label reads across the
// band; cells are drawn left to right, and a letter reaching back over
// the previous cell is drawn after that cell's fill. A label longer than
// its band is shortened to its last word ("Level 3" → "3") or cut with "…".
func heatCutBand(cols []HeatMapColumn, x []float32, label func(HeatMapColumn) string, same func(a, b HeatMapColumn) bool,
	style fyne.TextStyle, size, pad float32) []bandPiece {
	pieces := make([]bandPiece, len(cols))
	widths := map[rune]float32{}
	runeW := func(r rune) float32 {
		w, ok := widths[r]
		if !ok {
			w = fyne.MeasureText(string(r), size, style).Width
			widths[r] = w
		}
		return w
	}
	for lo := 0; lo < len(cols); {
		hi := lo + 1
		for hi < len(cols) && same(cols[lo], cols[hi]) {
			hi++
		}
		pieces[lo].first = true
		pieces[hi-1].last = true
		room := x[hi] - pad - x[lo] - 2*heatInset
		text := heatFitLabel(label(cols[lo]), room, size, style)
		pos := x[lo] + heatInset
		j := lo
		var b strings.Builder
		flush := func() {
			if b.Len() > 0 {
				pieces[j].text = b.String()
				b.Reset()
			}
		}
		for _, r := range text {
			w := runeW(r)
			end := pos + w - 0.5
			for j < hi-1 && end >= x[j+1] {
				flush()
				j++
			}
			if b.Len() == 0 {
				pieces[j].x = pos - x[j]
			}
			b.WriteRune(r)
			pos += w
		}
		flush()
		lo = hi
	}
	return pieces
}

// heatFitLabel shortens s to fit width: first to its last word, then with "…".
func heatFitLabel(s string, width, size float32, style fyne.TextStyle) string {
	fits := func(t string) bool { return fyne.MeasureText(t, size, style).Width <= width }
	if fits(s) {
		return s
	}
	if i := strings.LastIndexByte(strings.TrimSpace(s), ' '); i > 0 && fits(s[i+1:]) {
		return s[i+1:]
	}
	r := []rune(s)
	for len(r) > 0 {
		r = r[:len(r)-1]
		if t := string(r) + "…"; fits(t) {
			return t
		}
	}
	return ""
}

func (h *HeatMap) readColors() {
	th := h.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	h.colors = heatColors{
		fg:        th.Color(theme.ColorNameForeground, v),
		muted:     th.Color(theme.ColorNamePlaceHolder, v),
		band:      th.Color(theme.ColorNameHeaderBackground, v),
		level:     th.Color(theme.ColorNameInputBackground, v),
		primary:   th.Color(theme.ColorNamePrimary, v),
		onPrimary: th.Color(theme.ColorNameForegroundOnPrimary, v),
	}
}

func (h *HeatMap) createCell() fyne.CanvasObject {
	c := &heatCell{
		bg:      canvas.NewRectangle(color.Transparent),
		outline: canvas.NewRectangle(color.Transparent),
		text:    canvas.NewText("", color.Black),
		detail:  canvas.NewText("", color.Black),
		min:     fyne.NewSize(h.codeW, h.rowH),
	}
	c.outline.StrokeWidth = 2
	c.ExtendBaseWidget(c)
	return c
}

// updateCell sets a recycled cell for its place: a band, a code, a name
// or a data cell. It only copies values measured beforehand, so that a
// scroll over thousands of cells stays light.
func (h *HeatMap) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	c := o.(*heatCell)
	row, col := id.Row-HeatMapHeaderRows, id.Col-1
	caption := theme.CaptionTextSize()
	k := heatLook{textSize: caption, textColor: h.colors.fg, bg: color.Transparent}
	switch {
	case id.Row < HeatMapHeaderRows && col < 0:
		if id.Row == heatCodeRow {
			k.text, k.textSize, k.bold = h.corner, theme.TextSize(), true
		}
	case id.Row == heatDomainRow || id.Row == heatLevelRow:
		p := h.bands[id.Row][col]
		k.text, k.textX, k.placed, k.bold = p.text, p.x, true, id.Row == heatDomainRow
		k.bg = h.colors.band
		if id.Row == heatLevelRow {
			k.bg = h.colors.level
		}
		if !p.last {
			// Into the gap, and a unit over the next cell (drawn after
			// this one) so that no seam shows where positions round.
			k.extend = theme.Padding() + 1
		}
	case id.Row == heatCodeRow:
		hc := h.columns[col]
		k.text, k.bold, k.align = hc.Code, hc.Strong, fyne.TextAlignCenter
		if hc.Text {
			k.align = fyne.TextAlignLeading
			k.textColor = h.colors.muted
		}
		if col == h.chosen {
			k.bg, k.textColor, k.bold = h.colors.primary, h.colors.onPrimary, true
		}
	case col < 0:
		r := h.rows[row]
		k.text, k.detail, k.textSize, k.bold = r.Name, r.Detail, theme.TextSize(), r.Strong
		if row == h.marked {
			k.textColor, k.bold = h.colors.primary, true
		}
	default:
		d := h.cell(row, col)
		k.text = d.Text
		if h.columns[col].Text {
			k.align = fyne.TextAlignLeading
		} else {
			k.align = fyne.TextAlignCenter
			if d.Fill != nil {
				k.bg = d.Fill
				k.textColor = h.inkOn(d.Fill)
			}
			k.outline = d.Outline
		}
	}
	k.muted = h.colors.muted
	c.set(k)
}

// inkOn returns heatInkOn(fill), remembered: a map has few colours.
func (h *HeatMap) inkOn(fill color.Color) color.Color {
	ink, ok := h.inks[fill]
	if !ok {
		if h.inks == nil {
			h.inks = map[color.Color]color.Color{}
		}
		ink = heatInkOn(fill)
		h.inks[fill] = ink
	}
	return ink
}

// heatInkOn returns dark or light ink for text on fill, whichever contrasts
// more (by the relative luminance of WCAG 2).
func heatInkOn(fill color.Color) color.Color {
	lin := func(c uint32) float64 {
		v := float64(c) / 0xffff
		if v <= 0.04045 {
			return v / 12.92
		}
		return math.Pow((v+0.055)/1.055, 2.4)
	}
	r, g, b, _ := fill.RGBA()
	lum := 0.2126*lin(r) + 0.7152*lin(g) + 0.0722*lin(b)
	const darkLum = 0.015 // of heatInk
	if (1.05)/(lum+0.05) > (lum+0.05)/(darkLum+0.05) {
		return color.White
	}
	return heatInk
}

// heatInk is the dark text on light cells, the same in both themes since
// the cells' colours are.
var heatInk = color.NRGBA{R: 0x1d, G: 0x21, B: 0x26, A: 0xff}

// heatLook is everything a cell shows.
type heatLook struct {
	bg, outline, textColor, muted color.Color
	extend                        float32 // the fill reaches this far into the gap after the cell
	text, detail                  string
	textX                         float32 // where a band piece starts, when placed
	placed                        bool    // the text starts at textX rather than by align
	textSize                      float32
	bold                          bool
	align                         fyne.TextAlign
}

// heatCell is one recycled cell of a HeatMap: a fill, an outline and a
// line of text (with a muted detail on a name).
type heatCell struct {
	widget.BaseWidget

	bg, outline  *canvas.Rectangle
	text, detail *canvas.Text
	look         heatLook
	min          fyne.Size
}

func (c *heatCell) set(k heatLook) {
	c.look = k
	c.bg.FillColor = k.bg
	if k.outline != nil {
		c.outline.StrokeColor = k.outline
		c.outline.Show()
	} else {
		c.outline.Hide()
	}
	c.text.Text, c.text.Color, c.text.TextSize = k.text, k.textColor, k.textSize
	c.text.TextStyle = fyne.TextStyle{Bold: k.bold}
	c.detail.Text, c.detail.Color, c.detail.TextSize = k.detail, k.muted, theme.CaptionTextSize()
	c.layout(c.Size())
	c.bg.Refresh()
	c.outline.Refresh()
	c.text.Refresh()
	c.detail.Refresh()
}

func (c *heatCell) layout(size fyne.Size) {
	k := &c.look
	c.bg.Move(fyne.NewPos(0, 0))
	c.bg.Resize(fyne.NewSize(size.Width+k.extend, size.Height))
	c.outline.Move(fyne.NewPos(1, 1))
	c.outline.Resize(fyne.NewSize(size.Width-2, size.Height-2))
	ts := fyne.MeasureText(c.text.Text, c.text.TextSize, c.text.TextStyle)
	x := float32(heatInset)
	switch {
	case k.placed:
		x = k.textX
	case k.align == fyne.TextAlignCenter:
		x = (size.Width - ts.Width) / 2
	}
	c.text.Move(fyne.NewPos(x, (size.Height-ts.Height)/2))
	c.text.Resize(ts)
	if c.detail.Text == "" {
		c.detail.Hide()
		return
	}
	c.detail.Show()
	ds := fyne.MeasureText(c.detail.Text, c.detail.TextSize, fyne.TextStyle{})
	c.detail.Move(fyne.NewPos(size.Width-ds.Width-heatInset, (size.Height-ds.Height)/2))
	c.detail.Resize(ds)
}

// MinSize is the size of a coloured cell; the table sizes the others.
func (c *heatCell) MinSize() fyne.Size { return c.min }

// Resize lays the cell out at its new size.
func (c *heatCell) Resize(size fyne.Size) {
	if size == c.Size() {
		return
	}
	c.BaseWidget.Resize(size)
	c.layout(size)
}

// CreateRenderer returns the cell's renderer.
func (c *heatCell) CreateRenderer() fyne.WidgetRenderer {
	return &heatCellRenderer{cell: c, objects: []fyne.CanvasObject{c.bg, c.outline, c.text, c.detail}}
}

type heatCellRenderer struct {
	cell    *heatCell
	objects []fyne.CanvasObject
}

func (r *heatCellRenderer) Layout(size fyne.Size)        { r.cell.layout(size) }
func (r *heatCellRenderer) MinSize() fyne.Size           { return r.cell.min }
func (r *heatCellRenderer) Refresh()                     { r.cell.set(r.cell.look) }
func (r *heatCellRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *heatCellRenderer) Destroy()                     {}

// HeatMapLegend is the key of a HeatMap's colours: a swatch for each
// entry (outlined where the map outlines) and what it means, running on
// to more rows where one is not wide enough.
type HeatMapLegend struct {
	widget.BaseWidget

	keys []palette.Legend
}

// NewHeatMapLegend returns a legend of keys (see palette.Key).
func NewHeatMapLegend(keys []palette.Legend) *HeatMapLegend {
	l := &HeatMapLegend{keys: keys}
	l.ExtendBaseWidget(l)
	return l
}

// SetKeys replaces the entries.
func (l *HeatMapLegend) SetKeys(keys []palette.Legend) {
	l.keys = keys
	l.Refresh()
}

// CreateRenderer returns the legend's renderer.
func (l *HeatMapLegend) CreateRenderer() fyne.WidgetRenderer {
	r := &heatLegendRenderer{legend: l}
	r.Refresh()
	return r
}

type heatLegendRenderer struct {
	legend  *HeatMapLegend
	swatch  []*canvas.Rectangle
	label   []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *heatLegendRenderer) swatchSize() fyne.Size {
	h := fyne.MeasureText("Mg", theme.CaptionTextSize(), fyne.TextStyle{}).Height
	return fyne.NewSize(h*1.4, h)
}

// entryWidth is the width of entry i: its swatch and its words.
func (r *heatLegendRenderer) entryWidth(i int) float32 {
	return r.swatchSize().Width + theme.Padding() + r.label[i].MinSize().Width
}

// rowHeight is the height of one row of entries.
func (r *heatLegendRenderer) rowHeight() float32 {
	h := r.swatchSize().Height
	for _, l := range r.label {
		h = max(h, l.MinSize().Height)
	}
	return h
}

// flow returns the row of each entry when they run on, left to right,
// in rows width wide (at width 0, all in one row), and how many rows.
func (r *heatLegendRenderer) flow(width float32) (row []int, rows int) {
	gap := 4 * theme.Padding()
	row = make([]int, len(r.label))
	x := float32(0)
	for i := range r.label {
		w := r.entryWidth(i)
		if x > 0 && width > 0 && x+w > width {
			rows++
			x = 0
		}
		row[i] = rows
		x += w + gap
	}
	if len(r.label) > 0 {
		rows++
	}
	return row, rows
}

// Layout runs the entries on in rows as wide as the legend, so that
// every entry shows whole however narrow the window.
func (r *heatLegendRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	sw := r.swatchSize()
	rh := r.rowHeight()
	row, rows := r.flow(size.Width)
	top := max((size.Height-float32(rows)*(rh+pad)+pad)/2, 0) // centred in the height given
	x := float32(0)
	for i, s := range r.swatch {
		if i > 0 && row[i] != row[i-1] {
			x = 0
		}
		y := top + float32(row[i])*(rh+pad)
		s.Move(fyne.NewPos(x, y+(rh-sw.Height)/2))
		s.Resize(sw)
		x += sw.Width + pad
		ls := r.label[i].MinSize()
		r.label[i].Move(fyne.NewPos(x, y+(rh-ls.Height)/2))
		r.label[i].Resize(ls)
		x += ls.Width + 4*pad
	}
}

// MinSize is as wide as the widest entry and as tall as the rows the
// entries take at the legend's width.
func (r *heatLegendRenderer) MinSize() fyne.Size {
	var w float32
	for i := range r.label {
		w = max(w, r.entryWidth(i))
	}
	_, rows := r.flow(r.legend.Size().Width)
	rows = max(rows, 1)
	return fyne.NewSize(w, float32(rows)*r.rowHeight()+float32(rows-1)*theme.Padding())
}

func (r *heatLegendRenderer) Refresh() {
	keys := r.legend.keys
	for len(r.swatch) < len(keys) {
		s := canvas.NewRectangle(color.Transparent)
		t := canvas.NewText("", color.Black)
		r.swatch = append(r.swatch, s)
		r.label = append(r.label, t)
	}
	r.swatch, r.label = r.swatch[:len(keys)], r.label[:len(keys)]
	r.objects = r.objects[:0]
	fg := theme.Color(theme.ColorNameForeground)
	for i, k := range keys {
		s := r.swatch[i]
		s.FillColor = k.Color
		s.StrokeWidth = 0
		if k.Outlined {
			s.StrokeColor, s.StrokeWidth = palette.Override, 2
		}
		t := r.label[i]
		t.Text, t.Color, t.TextSize = k.Label, fg, theme.CaptionTextSize()
		r.objects = append(r.objects, s, t)
	}
	r.Layout(r.legend.Size())
	canvas.Refresh(r.legend)
}

func (r *heatLegendRenderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *heatLegendRenderer) Destroy() {}
