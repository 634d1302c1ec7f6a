package workbook

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"image/color"
	"io"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/palette"
	"github.com/xuri/excelize/v2"
)

// EncodeOptions tune what an Encoder writes.
type EncodeOptions struct {
	// Group, when set, keeps only the students of that group (matched
	// case-insensitively) with their evidence, overrides and positions.
	Group string
	// On is the day the Positions and Class map sheets are calculated for (default today).
	On continuum.Date
	// Now is the export time written in About (default the current time).
	// Everything else in the file depends only on the Book and the options.
	Now time.Time
	// AppVersion is the program's version, written in About.
	AppVersion string
}

// Encoder writes a Book as an xlsx workbook of format version 1.
type Encoder struct {
	w    io.Writer
	opts EncodeOptions
}

// NewEncoder returns an encoder writing to w.
func NewEncoder(w io.Writer, opts EncodeOptions) *Encoder {
	return &Encoder{w: w, opts: opts}
}

// styles are the cell styles of an exported workbook.
type styles struct {
	header, date, wrap int
	legendTitle, key   int
	// cells are the class map's cell styles by fill and outline, made as
	// the colours are met.
	cells map[cellStyle]int
}

// cellStyle is a class map cell's look: its fill (package palette) and
// whether it carries the override outline.
type cellStyle struct {
	fill     color.NRGBA
	outlined bool
}

// Encode checks the Book as a whole (continuum.NewGraph) and writes every
// sheet. It fails, writing nothing, when the Book is invalid, a value is
// longer than a cell can hold, or ctx is cancelled.
func (e *Encoder) Encode(ctx context.Context, b *Book) error {
	name := b.Continuum.Name
	g, err := b.Graph()
	if err == nil {
		err = checkPlans(g, b)
	}
	if err != nil {
		return fmt.Errorf("export %s: %w", name, err)
	}
	on := e.opts.On
	if on.IsZero() {
		on = continuum.Today()
	}
	now := e.opts.Now
	if now.IsZero() {
		now = time.Now()
	}
	// The roster, evidence and overrides to write.
	students := b.Students
	evidence := b.Evidence
	overrides := b.Overrides
	var keep map[string]bool
	if e.opts.Group != "" {
		keep = map[string]bool{}
		students = nil
		for _, s := range b.Students {
			if strings.EqualFold(strings.TrimSpace(s.Group), strings.TrimSpace(e.opts.Group)) {
				students = append(students, s)
				keep[s.ID] = true
			}
		}
		if len(students) == 0 {
			return fmt.Errorf("export %s: no student is in group %q", name, e.opts.Group)
		}
		evidence = nil
		for _, ev := range b.Evidence {
			if keep[ev.Student] {
				evidence = append(evidence, ev)
			}
		}
		overrides = nil
		for _, o := range b.Overrides {
			if keep[o.Student] {
				overrides = append(overrides, o)
			}
		}
	}
	f := excelize.NewFile()
	defer f.Close()
	w := &writer{f: f, ctx: ctx}
	if err := w.makeStyles(); err != nil {
		return fmt.Errorf("export %s: styles: %w", name, err)
	}
	c := &b.Continuum
	plan := c.Pacing

	// About: one setting a row.
	about := [][]any{
		{fFormat, FormatVersion},
		{fApp, e.opts.AppVersion},
		{fExported, now.UTC().Format(time.RFC3339)},
		{fContinuum, c.Name},
		{fContinuumID, c.ID},
		{fSubject, c.Subject},
		{fDescription, c.Description},
		{fPacingStart, nil},
		{fTolerance, nil},
		{fPositionsOn, w.date(on)},
	}
	if plan != nil {
		about[7][1] = w.date(plan.Start)
		about[8][1] = plan.Tolerance
	}
	w.sheet(sheetAbout, []string{"Field", "Value"}, []float64{20, 60}, func(add func(...any)) {
		for _, r := range about {
			add(r...)
		}
	})
	w.sheet(sheetScale, colNames(scaleCols), []float64{8, 16, 60, 12, 28}, func(add func(...any)) {
		for i, p := range c.Scale.Points {
			if i == 0 {
				add(p.Value, p.Label, w.wrapped(p.Meaning), c.Scale.Cut, FormatMethod(c.Method))
			} else {
				add(p.Value, p.Label, w.wrapped(p.Meaning))
			}
		}
	})
	w.sheet(sheetLevels, colNames(levelCols), []float64{16}, func(add func(...any)) {
		for _, l := range c.Levels {
			add(l)
		}
	})
	w.sheet(sheetDomains, colNames(domainCols), []float64{32, 14, 60}, func(add func(...any)) {
		for _, d := range c.Domains {
			add(d.Name, string(d.Category), w.wrapped(d.Description))
		}
	})
	w.sheet(sheetPacing, colNames(pacingCols), []float64{14, 16}, func(add func(...any)) {
		if plan != nil {
			for _, cp := range plan.Checkpoints {
				add(w.date(cp.Date), cp.Level)
			}
		}
	})
	// Targets, with one descriptor column per scale point.
	headers := colNames(targetCols)
	widths := []float64{14, 28, 12, 10, 7, 60, 10, 24, 10, 22}
	for _, p := range c.Scale.Points {
		headers = append(headers, continuum.FormatScore(p.Value)+" "+p.Label)
		widths = append(widths, 40)
	}
	w.sheet(sheetTargets, headers, widths, func(add func(...any)) {
		for _, t := range b.Targets {
			cat := ""
			if i := c.DomainIndex(t.Domain); i >= 0 {
				cat = string(c.Domains[i].Category)
			}
			method := ""
			if t.Method != nil {
				method = FormatMethod(*t.Method)
			}
			var required any
			if t.EvidenceRequired != 0 {
				required = t.EvidenceRequired
			}
			row := []any{t.Code, t.Domain, cat, t.Level, t.Order, w.wrapped(t.Statement), yesNo(t.Milestone),
				strings.Join(t.Prerequisites, ", "), required, method}
			for _, p := range c.Scale.Points {
				row = append(row, w.wrapped(t.Descriptor(p.Value)))
			}
			add(row...)
		}
	})
	w.sheet(sheetStudents, colNames(studentCols), []float64{14, 28, 16, 16}, func(add func(...any)) {
		for _, s := range students {
			add(s.ID, s.Name, s.Group, s.ExternalID)
		}
	})
	w.sheet(sheetStarting, colNames(startingCols), []float64{14, 32, 14}, func(add func(...any)) {
		for _, s := range students {
			for _, sl := range s.StartingLevels {
				if c.ID == "" || sl.Continuum == c.ID {
					add(s.ID, sl.Domain, sl.Level)
				}
			}
		}
	})
	w.sheet(sheetEvidence, colNames(evidenceCols), []float64{14, 14, 12, 7, 16, 10, 50}, func(add func(...any)) {
		for i := range evidence {
			ev := &evidence[i]
			add(ev.Student, ev.Target, w.date(ev.Date), ev.Score, string(ev.Kind), ev.Scorer, w.wrapped(ev.Note))
		}
	})
	w.sheet(sheetOverrides, colNames(overrideCols), []float64{14, 14, 10, 50, 12, 10}, func(add func(...any)) {
		for _, o := range overrides {
			add(o.Student, o.Target, masteredText(o.Mastered), w.wrapped(o.Reason), w.date(o.Date), o.By)
		}
	})
	w.writePlans(b, keep)
	// Computed sheets, written side by side a batch of students at a
	// time so that the judgements of a whole district are never all in memory.
	w.computed(g, students, evidence, overrides, on)
	if w.err != nil {
		return fmt.Errorf("export %s: %w", name, w.err)
	}
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return fmt.Errorf("export %s: write: %w", name, err)
	}
	if err := sortedZip(e.w, buf.Bytes()); err != nil {
		return fmt.Errorf("export %s: write: %w", name, err)
	}
	return nil
}

// sortedZip copies an xlsx package to w with its parts in a fixed order
// ([Content_Types].xml first, then by name). excelize writes streamed
// sheets in map order; sorting makes an export depend only on its data.
// The parts are copied compressed as they are, so this costs little.
func sortedZip(w io.Writer, pkg []byte) error {
	zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg)))
	if err != nil {
		return err
	}
	files := slices.Clone(zr.File)
	slices.SortFunc(files, func(a, b *zip.File) int {
		ac, bc := a.Name == "[Content_Types].xml", b.Name == "[Content_Types].xml"
		switch {
		case ac && !bc:
			return -1
		case bc && !ac:
			return 1
		}
		return strings.Compare(a.Name, b.Name)
	})
	zw := zip.NewWriter(w)
	for _, f := range files {
		if err := zw.Copy(f); err != nil {
			return err
		}
	}
	return zw.Close()
}

var positionHeaders = []string{"Student ID", "Student", "Group", "Domain", "Category", "Secured level", "Working level",
	"Ready next", "Gaps", "Pace", "Mastered", "Targets", "Pace delta"}

func colNames(cols []column) []string {
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.names[0]
	}
	return out
}

// writer writes sheets with excelize's StreamWriter and keeps the first error.
type writer struct {
	f   *excelize.File
	ctx context.Context
	st  styles
	err error
	// current place, for messages
	sheetName string
	rowNum    int
	renamed   bool
}

// dateCell is a day written as a date serial with the date style.
type dateCell struct{ serial int }

func (w *writer) date(d continuum.Date) any {
	if d.IsZero() {
		return nil
	}
	epoch := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	return dateCell{int(d.Time().Sub(epoch).Hours() / 24)}
}

// wrappedText is a long text shown with wrapping.
type wrappedText string

func (w *writer) wrapped(s string) any {
	if s == "" {
		return nil
	}
	return wrappedText(s)
}

func (w *writer) makeStyles() error {
	var err error
	style := func(s *excelize.Style) int {
		if err != nil {
			return 0
		}
		var id int
		id, err = w.f.NewStyle(s)
		return id
	}
	fill := func(hex string) excelize.Fill {
		return excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{hex}}
	}
	iso := "yyyy-mm-dd"
	w.st.header = style(&excelize.Style{Font: &excelize.Font{Bold: true}, Fill: fill("D9E1F2"),
		Alignment: &excelize.Alignment{Vertical: "top"}})
	w.st.date = style(&excelize.Style{CustomNumFmt: &iso, Alignment: &excelize.Alignment{Horizontal: "left", Vertical: "top"}})
	w.st.wrap = style(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	w.st.legendTitle = style(&excelize.Style{Font: &excelize.Font{Bold: true}})
	w.st.key = style(&excelize.Style{Font: &excelize.Font{Italic: true}})
	return err
}

// sheet writes one sheet: a bold header row that stays in view, column
// widths, an autofilter over the data, and the rows fill adds.
func (w *writer) sheet(name string, headers []string, widths []float64, fill func(add func(...any))) {
	if w.err != nil {
		return
	}
	sw := w.newSheet(name, headers, widths, 0)
	if sw == nil {
		return
	}
	n := 1
	cells := make([]any, 0, len(headers))
	fill(func(vals ...any) {
		if w.err != nil {
			return
		}
		n++
		if n%4096 == 0 {
			if err := w.ctx.Err(); err != nil {
				w.err = err
				return
			}
		}
		w.rowNum = n
		cells = cells[:0]
		for i, v := range vals {
			cells = append(cells, w.cell(i, v))
		}
		if w.err == nil {
			w.err = sw.SetRow(cellRef(0, n), cells)
		}
	})
	w.finish(sw, name, len(headers), n)
}

func (w *writer) newSheet(name string, headers []string, widths []float64, xSplit int) *excelize.StreamWriter {
	w.sheetName = name
	// The new file's only sheet becomes the first one (and stays the
	// active one); the others are added after it.
	if !w.renamed {
		w.renamed = true
		if err := w.f.SetSheetName("Sheet1", name); err != nil {
			w.err = err
			return nil
		}
	} else if _, err := w.f.NewSheet(name); err != nil {
		w.err = err
		return nil
	}
	sw, err := w.f.NewStreamWriter(name)
	if err != nil {
		w.err = err
		return nil
	}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			w.err = err
			return nil
		}
	}
	panes := &excelize.Panes{Freeze: true, YSplit: 1, XSplit: xSplit, TopLeftCell: cellRef(xSplit, 2), ActivePane: "bottomLeft"}
	if xSplit > 0 {
		panes.ActivePane = "bottomRight"
	}
	if err := sw.SetPanes(panes); err != nil {
		w.err = err
		return nil
	}
	hdr := make([]any, len(headers))
	for i, h := range headers {
		hdr[i] = excelize.Cell{StyleID: w.st.header, Value: h}
	}
	if err := sw.SetRow("A1", hdr); err != nil {
		w.err = err
		return nil
	}
	return sw
}

func (w *writer) finish(sw *excelize.StreamWriter, name string, cols, lastRow int) {
	if w.err != nil {
		return
	}
	if err := w.f.AutoFilter(name, "A1:"+cellRef(cols-1, max(lastRow, 1)), nil); err != nil {
		w.err = err
		return
	}
	w.err = sw.Flush()
}

// cell converts a value to what the StreamWriter writes, refusing text a
// cell cannot hold.
func (w *writer) cell(col int, v any) any {
	switch v := v.(type) {
	case dateCell:
		return excelize.Cell{StyleID: w.st.date, Value: v.serial}
	case wrappedText:
		w.checkLen(col, string(v))
		return excelize.Cell{StyleID: w.st.wrap, Value: string(v)}
	case string:
		w.checkLen(col, v)
		if v == "" {
			return nil
		}
		return v
	}
	return v
}

func (w *writer) checkLen(col int, s string) {
	if len(s) > maxCellChars && utf8.RuneCountInString(s) > maxCellChars && w.err == nil {
		w.err = fmt.Errorf("sheet %q row %d column %s: the text has %d characters, more than a spreadsheet cell can hold (%d)",
			w.sheetName, w.rowNum, colName(col), utf8.RuneCountInString(s), maxCellChars)
	}
}

func cellRef(col, row int) string { return colName(col) + fmt.Sprint(row) }

// studentBatch is how many students' judgements are computed at a time.
const studentBatch = 256

// computed writes the Positions and Class map sheets.
func (w *writer) computed(g *continuum.Graph, students []continuum.Student, evidence []continuum.Evidence, overrides []continuum.Override, on continuum.Date) {
	if w.err != nil {
		return
	}
	c := &g.Continuum
	level := func(i int) string {
		if i < 0 {
			return ""
		}
		return c.Levels[i]
	}
	pw := w.newSheet(sheetPositions, positionHeaders, []float64{14, 24, 14, 28, 12, 12, 12, 30, 30, 18, 9, 9, 10}, 0)
	headers := []string{"Student ID", "Name"}
	widths := []float64{12, 24}
	for _, t := range g.Targets {
		headers = append(headers, t.Code)
		widths = append(widths, float64(min(max(utf8.RuneCountInString(t.Code)+3, 6), 16)))
	}
	cw := w.newSheet(sheetClassMap, headers, widths, 2)
	if pw == nil || cw == nil {
		return
	}
	evBy := make(map[string][]int32, len(students))
	for i := range evidence {
		evBy[evidence[i].Student] = append(evBy[evidence[i].Student], int32(i))
	}
	ovBy := map[string][]int32{}
	for i := range overrides {
		ovBy[overrides[i].Student] = append(ovBy[overrides[i].Student], int32(i))
	}
	cells := make([]any, len(headers))
	prow := make([]any, len(positionHeaders))
	pn, cn := 1, 1
	var class continuum.Class
	for lo := 0; lo < len(students) && w.err == nil; lo += studentBatch {
		if err := w.ctx.Err(); err != nil {
			w.err = err
			return
		}
		class.Students = students[lo:min(lo+studentBatch, len(students))]
		class.Evidence, class.Overrides = class.Evidence[:0], class.Overrides[:0]
		for _, st := range class.Students {
			for _, i := range evBy[st.ID] {
				class.Evidence = append(class.Evidence, evidence[i])
			}
			for _, i := range ovBy[st.ID] {
				class.Overrides = append(class.Overrides, overrides[i])
			}
		}
		for _, sp := range g.ClassPositions(class, on) {
			w.sheetName = sheetPositions
			for _, p := range sp.Positions {
				pn++
				var delta any
				if p.Pace.Status != continuum.NoPlan {
					delta = p.Pace.Delta
				}
				vals := []any{sp.Student.ID, sp.Student.Name, sp.Student.Group, p.Domain, string(p.Category), level(p.Secured), level(p.Working),
					strings.Join(p.ReadyNext, "; "), strings.Join(p.Gaps, "; "), p.Pace.String(), p.Mastered, p.Total, delta}
				for i, v := range vals {
					prow[i] = w.cell(i, v)
				}
				if err := pw.SetRow(cellRef(0, pn), prow); err != nil {
					w.err = err
					return
				}
			}
			cn++
			cells[0], cells[1] = sp.Student.ID, sp.Student.Name
			for i, m := range sp.Mastery {
				var v any
				if t := mapText(m); t != "" {
					v = t
				}
				look := cellStyle{fill: palette.ForMastery(m, &c.Scale), outlined: m.Source == continuum.FromOverride}
				cells[i+2] = excelize.Cell{StyleID: w.cellStyle(look), Value: v}
			}
			if err := cw.SetRow(cellRef(0, cn), cells); err != nil {
				w.err = err
				return
			}
		}
	}
	w.finish(pw, sheetPositions, len(positionHeaders), pn)
	if w.err != nil {
		return
	}
	// The legend, below the class map and outside its filter.
	n := cn + 2
	if err := cw.SetRow(cellRef(0, n), []any{excelize.Cell{StyleID: w.st.legendTitle, Value: "Legend"}}); err != nil {
		w.err = err
		return
	}
	for _, key := range legend(&c.Scale) {
		n++
		var v any
		if key.text != "" {
			v = key.text
		}
		look := cellStyle{fill: key.Color, outlined: key.Outlined}
		if err := cw.SetRow(cellRef(0, n), []any{nil, excelize.Cell{StyleID: w.st.key, Value: key.Label}, excelize.Cell{StyleID: w.cellStyle(look), Value: v}}); err != nil {
			w.err = err
			return
		}
	}
	n++
	if err := cw.SetRow(cellRef(0, n), []any{nil, excelize.Cell{StyleID: w.st.key, Value: mapTextKey}}); err != nil {
		w.err = err
		return
	}
	w.finish(cw, sheetClassMap, len(headers), cn)
}

// mapTextKey explains the text of the class map's cells, below the legend.
const mapTextKey = "Cell text: M mastered, NY not yet, * by a teacher's override (outlined), P placed above it by a starting level; blank: no evidence"

// mapText is the text of a class map cell, so that the sheet reads in
// black and white too and can be filtered.
func mapText(m continuum.Mastery) string {
	switch {
	case m.Source == continuum.FromOverride && m.Mastered:
		return "M*"
	case m.Source == continuum.FromOverride:
		return "NY*"
	case m.Source == continuum.FromPlacement:
		return "P"
	case m.Mastered:
		return "M"
	case m.Count > 0:
		return "NY"
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
		case i < len(scale.Points) && scale.Mastered(scale.Points[i].Value):
			out[i].text = "M"
		case i < len(scale.Points):
			out[i].text = "NY"
		case k.Outlined:
			out[i].text = "M*"
		case k.Color == palette.Placement:
			out[i].text = "P"
		}
	}
	return out
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
