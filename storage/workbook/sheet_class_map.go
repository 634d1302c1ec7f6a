package workbook

import (
	"fmt"
	"image/color"
	"strings"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/xuri/excelize/v2"
)

// classMapSheet writes the computed Class map sheet: a row per student, a
// column per target, each cell coloured as the app's class map, and a
// legend below.
type classMapSheet struct {
	w     *writer
	sd    *sheetData // nil when the sheet could not be made
	scale *continuum.Scale
	cols  int
	n     int // the last row written
	cells []any
}

func newClassMapSheet(w *writer, g *continuum.Graph) *classMapSheet {
	headers := []string{"Student ID", "Name"}
	widths := []float64{12, 24}
	for _, t := range g.Targets {
		headers = append(headers, t.Code)
		widths = append(widths, float64(min(max(utf8.RuneCountInString(t.Code)+3, 6), 16)))
	}
	sd := w.newSheet(sheetClassMap, headers, widths, 2)
	return &classMapSheet{w: w, sd: sd, scale: &g.Continuum.Scale, cols: len(headers), n: 1, cells: make([]any, len(headers))}
}

// add writes a student's row.
func (cm *classMapSheet) add(sp *continuum.StudentPositions) error {
	cm.n++
	cm.cells[0], cm.cells[1] = sp.Student.ID, sp.Student.Name
	for i, m := range sp.Mastery {
		var v any
		if t := mapText(m, cm.scale); t != "" {
			v = t
		}
		look := cellStyle{fill: palette.ForMastery(m, cm.scale), outlined: m.Source == continuum.FromOverride}
		cm.cells[i+2] = excelize.Cell{StyleID: cm.w.cellStyle(look), Value: v}
	}
	return cm.sd.SetRow(cm.n, cm.cells)
}

// finish writes the legend, below the class map and outside its filter,
// and ends the sheet.
func (cm *classMapSheet) finish() {
	w := cm.w
	n := cm.n + 2
	if err := cm.sd.SetRow(n, []any{excelize.Cell{StyleID: w.st.legendTitle, Value: "Legend"}}); err != nil {
		w.err = err
		return
	}
	for _, key := range legend(cm.scale) {
		n++
		var v any
		if key.text != "" {
			v = key.text
		}
		look := cellStyle{fill: key.Color, outlined: key.Outlined}
		if err := cm.sd.SetRow(n, []any{nil, excelize.Cell{StyleID: w.st.key, Value: key.Label}, excelize.Cell{StyleID: w.cellStyle(look), Value: v}}); err != nil {
			w.err = err
			return
		}
	}
	n++
	if err := cm.sd.SetRow(n, []any{nil, excelize.Cell{StyleID: w.st.key, Value: mapTextKey}}); err != nil {
		w.err = err
		return
	}
	w.finish(cm.sd, sheetClassMap, cm.cols, cm.n)
}

// mapTextKey explains the text of the class map's cells, below the legend.
const mapTextKey = "Cell text: M mastered, NY not yet, NY+ not yet: meets the cut, needs more evidence, * by a teacher's override (outlined), P placed above it by a starting level; blank: no evidence"

// mapText is the text of a class map cell, so that the sheet reads in
// black and white too and can be filtered. It says what the cell's
// colour says (palette.StandingOf).
func mapText(m continuum.Mastery, scale *continuum.Scale) string {
	star := ""
	if m.Source == continuum.FromOverride {
		star = "*"
	}
	switch palette.StandingOf(m, scale) {
	case palette.StandingPlaced:
		return "P"
	case palette.StandingMastered:
		return "M" + star
	case palette.StandingNeedsEvidence:
		return "NY+"
	case palette.StandingNotYet:
		return "NY" + star
	}
	return ""
}

// legendKey is one line of the class map's legend: palette.Key's entry
// with the text its cells carry.
type legendKey struct {
	palette.Legend
	text string
}

// legend returns the class map's legend on scale: the app's and the
// picture's (palette.Key), with each entry's cell text.
func legend(scale *continuum.Scale) []legendKey {
	keys := palette.Key(scale)
	out := make([]legendKey, len(keys))
	for i, k := range keys {
		out[i].Legend = k
		switch {
		case k.Outlined:
			out[i].text = "M*"
		case k.Standing == palette.StandingMastered:
			out[i].text = "M"
		case k.Standing == palette.StandingNeedsEvidence:
			out[i].text = "NY+"
		case k.Standing == palette.StandingNotYet:
			out[i].text = "NY"
		case k.Standing == palette.StandingPlaced:
			out[i].text = "P"
		}
	}
	return out
}

// cellStyle is a class map cell's look: its fill (package palette) and
// whether it carries the override outline.
type cellStyle struct {
	fill     color.NRGBA
	outlined bool
}

// cellStyle returns the style of a class map cell of the given look,
// making it the first time: the fill, white hairlines between cells (or
// the override's outline), and text dark or light to read on the fill.
func (w *writer) cellStyle(look cellStyle) int {
	if id, ok := w.st.cells[look]; ok {
		return id
	}
	if w.st.cells == nil {
		w.st.cells = map[cellStyle]int{}
	}
	hex := func(c color.NRGBA) string { return strings.TrimPrefix(palette.Hex(c), "#") }
	border := []excelize.Border{{Type: "left", Color: "FFFFFF", Style: 1}, {Type: "bottom", Color: "FFFFFF", Style: 1}}
	if look.outlined {
		border = nil
		for _, side := range []string{"left", "right", "top", "bottom"} {
			border = append(border, excelize.Border{Type: side, Color: hex(palette.Override), Style: 2})
		}
	}
	ink := "222222"
	if luma := 0.299*float64(look.fill.R) + 0.587*float64(look.fill.G) + 0.114*float64(look.fill.B); luma < 140 {
		ink = "FFFFFF"
	}
	id, err := w.f.NewStyle(&excelize.Style{
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex(look.fill)}},
		Font:      &excelize.Font{Color: ink},
		Alignment: &excelize.Alignment{Horizontal: "center"},
		Border:    border,
	})
	if err != nil && w.err == nil {
		w.err = fmt.Errorf("class map style: %w", err)
	}
	w.st.cells[look] = id
	return id
}
