package workbook

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"path"
	"strconv"
	"strings"
	"time"
)

// cellKind is what a cell holds once its XML type is resolved.
type cellKind uint8

const (
	kindString cellKind = iota
	kindNumber
	kindBool
	kindError
)

// cell is one non-empty cell of a row.
type cell struct {
	col     int // from 0
	kind    cellKind
	text    string // the string, the number as written, TRUE/FALSE, or the error code
	date    bool   // a number in a date format (or an ISO date cell)
	formula bool   // the cell holds a formula
}

// sheetRef names a worksheet and where its XML lives in the package.
type sheetRef struct {
	name string
	part string
}

// xlsxFile is an open xlsx package, read straight from its zip container:
// the workbook's sheet list, shared strings and the styles that are dates.
// A delimited text file is opened as a package of one sheet whose rows
// are held in memory (isText), so that it is read as the same sheet
// saved as xlsx would be.
type xlsxFile struct {
	zr       *zip.Reader
	parts    map[string]*zip.File // lower-cased part name → file
	sheets   []sheetRef
	strings  []string
	dateXF   []bool // cell style index → its number format is a date
	date1904 bool

	format string   // what the file was recognised as, for About.Format
	isText bool     // a delimited text file: its one sheet's rows are text
	text   []rawRow // the rows of a text file's one sheet
}

// maxPart bounds how much one part may inflate to, so that a small hostile
// file cannot make the reader decompress without end.
const maxPart = 4 << 30

var errNoWorkbook = errors.New("the package has no workbook part")

// openXLSX reads the package structure, shared strings and styles.
func openXLSX(r io.ReaderAt, size int64) (*xlsxFile, error) {
	zr, err := zip.NewReader(r, size)
	if err != nil {
		return nil, err
	}
	x := &xlsxFile{zr: zr, parts: make(map[string]*zip.File, len(zr.File))}
	for _, f := range zr.File {
		x.parts[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	wbPart := "xl/workbook.xml"
	if rels, err := x.rels("_rels/.rels", ""); err == nil {
		for _, r := range rels {
			if strings.HasSuffix(r.typ, "/officeDocument") {
				wbPart = r.target
			}
		}
	}
	if x.parts[strings.ToLower(wbPart)] == nil {
		return nil, errNoWorkbook
	}
	rels, err := x.rels(relsPath(wbPart), path.Dir(wbPart))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", relsPath(wbPart), err)
	}
	byID := map[string]rel{}
	var sharedPart, stylesPart string
	for _, r := range rels {
		byID[r.id] = r
		switch {
		case strings.HasSuffix(r.typ, "/sharedStrings"):
			sharedPart = r.target
		case strings.HasSuffix(r.typ, "/styles"):
			stylesPart = r.target
		}
	}
	if err := x.readWorkbook(wbPart, byID); err != nil {
		return nil, fmt.Errorf("read %s: %w", wbPart, err)
	}
	if sharedPart != "" {
		if err := x.readSharedStrings(sharedPart); err != nil {
			return nil, fmt.Errorf("read %s: %w", sharedPart, err)
		}
	}
	if stylesPart != "" {
		if err := x.readStyles(stylesPart); err != nil {
			return nil, fmt.Errorf("read %s: %w", stylesPart, err)
		}
	}
	return x, nil
}

func relsPath(part string) string {
	return path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
}

type rel struct{ id, typ, target string }

// open opens a part of the package for reading, bounded by maxPart.
func (x *xlsxFile) open(part string) (io.ReadCloser, int64, error) {
	f := x.parts[strings.ToLower(strings.TrimPrefix(part, "/"))]
	if f == nil {
		return nil, 0, fmt.Errorf("part %s is missing", part)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, 0, err
	}
	return struct {
		io.Reader
		io.Closer
	}{io.LimitReader(rc, maxPart), rc}, int64(f.UncompressedSize64), nil
}

// partSize returns the inflated size of part as the zip says it, 0 when
// unknown (a missing part, a text file). The zip's word is not trusted
// past what deflate can inflate its compressed bytes to (1,032 to 1).
func (x *xlsxFile) partSize(part string) int64 {
	if f := x.parts[strings.ToLower(strings.TrimPrefix(part, "/"))]; f != nil {
		return int64(min(f.UncompressedSize64, f.CompressedSize64*1032, maxPart))
	}
	return 0
}

// rels reads a relationships part; relative targets are resolved against base.
func (x *xlsxFile) rels(part, base string) ([]rel, error) {
	rc, _, err := x.open(part)
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	s := newScanner(rc)
	var out []rel
	for {
		if err := s.next(); err != nil {
			return nil, err
		}
		if s.kind == tokEOF {
			return out, nil
		}
		if (s.kind == tokStart || s.kind == tokSelfClose) && s.is("Relationship") {
			if string(attr(s.attrs, "TargetMode")) == "External" {
				continue
			}
			t := decodeAttr(attr(s.attrs, "Target"))
			if strings.HasPrefix(t, "/") {
				t = strings.TrimPrefix(t, "/")
			} else {
				t = path.Join(base, t)
			}
			out = append(out, rel{id: decodeAttr(attr(s.attrs, "Id")), typ: string(attr(s.attrs, "Type")), target: t})
		}
	}
}

func (x *xlsxFile) readWorkbook(part string, byID map[string]rel) error {
	rc, _, err := x.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	s := newScanner(rc)
	for {
		if err := s.next(); err != nil {
			return err
		}
		if s.kind == tokEOF {
			return nil
		}
		if s.kind != tokStart && s.kind != tokSelfClose {
			continue
		}
		switch {
		case s.is("workbookPr"):
			v := string(attr(s.attrs, "date1904"))
			x.date1904 = v == "1" || v == "true"
		case s.is("sheet"):
			r, ok := byID[decodeAttr(attr(s.attrs, "id"))]
			if !ok || !strings.HasSuffix(r.typ, "/worksheet") {
				continue // a chart sheet or a dangling reference: nothing to read
			}
			x.sheets = append(x.sheets, sheetRef{name: decodeAttr(attr(s.attrs, "name")), part: r.target})
		}
	}
}

func (x *xlsxFile) readSharedStrings(part string) error {
	rc, _, err := x.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	s := newScanner(rc)
	var buf []byte
	inT, inPhonetic, inSI := false, 0, false
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return nil
		case tokStart:
			switch {
			case s.is("si"):
				inSI, buf = true, buf[:0]
			case s.is("t"):
				inT = inSI
			case s.is("rPh"):
				inPhonetic++
			case s.is("sst"):
				// The count is only a hint for the first allocation; a
				// damaged file may claim anything.
				if n, err := strconv.Atoi(string(attr(s.attrs, "uniqueCount"))); err == nil && n > 0 && n < 1<<20 {
					x.strings = make([]string, 0, n)
				}
			}
		case tokSelfClose:
			if s.is("si") {
				x.strings = append(x.strings, "")
			}
		case tokEnd:
			switch {
			case s.is("si"):
				x.strings = append(x.strings, string(buf))
				inSI = false
			case s.is("t"):
				inT = false
			case s.is("rPh"):
				inPhonetic--
			}
		case tokText:
			if inT && inPhonetic == 0 {
				if s.cdata {
					buf = append(buf, s.text...)
				} else {
					buf = appendText(buf, s.text, true)
				}
			}
		}
	}
}

// Built-in number formats that show dates (ECMA-376 part 1, 18.8.30, and
// the East Asian ones Excel maps to dates).
func builtinDate(id int) bool {
	return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58) || (id >= 71 && id <= 81)
}

// isDateFormat reports whether a custom number format code shows a date or
// time: it has a y, m, d, h or s outside quoted text, escapes and brackets
// (colours and locales), and is not plain "General".
func isDateFormat(code string) bool {
	if strings.EqualFold(code, "general") || code == "@" {
		return false
	}
	// Only the first section (positive numbers) matters.
	inQuote, inBracket := false, false
	for i := 0; i < len(code); i++ {
		c := code[i]
		switch {
		case inQuote:
			inQuote = c != '"'
		case inBracket:
			inBracket = c != ']'
		case c == '"':
			inQuote = true
		case c == '[':
			inBracket = true
		case c == '\\' || c == '_' || c == '*':
			i++
		case c == ';':
			return false
		default:
			switch c | 0x20 {
			case 'y', 'm', 'd', 'h', 's':
				return true
			}
		}
	}
	return false
}

func (x *xlsxFile) readStyles(part string) error {
	rc, _, err := x.open(part)
	if err != nil {
		return err
	}
	defer rc.Close()
	s := newScanner(rc)
	custom := map[int]bool{}
	inXfs := false
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			return nil
		case tokStart, tokSelfClose:
			switch {
			case s.is("numFmt"):
				id, err := strconv.Atoi(string(attr(s.attrs, "numFmtId")))
				if err == nil {
					custom[id] = isDateFormat(decodeAttr(attr(s.attrs, "formatCode")))
				}
			case s.is("cellXfs"):
				inXfs = s.kind == tokStart
			case s.is("xf") && inXfs:
				id, _ := strconv.Atoi(string(attr(s.attrs, "numFmtId")))
				d, ok := custom[id]
				if !ok {
					d = builtinDate(id)
				}
				x.dateXF = append(x.dateXF, d)
			}
		case tokEnd:
			if s.is("cellXfs") {
				inXfs = false
			}
		}
	}
}

// colIndex reads the column of a cell reference such as "AB12" (from 0);
// ok is false when ref has no letters.
func colIndex(ref []byte) (int, bool) {
	n, i := 0, 0
	for ; i < len(ref) && i < 4; i++ {
		c := ref[i] | 0x20
		if c < 'a' || c > 'z' {
			break
		}
		n = n*26 + int(c-'a'+1)
	}
	if i == 0 || n > 16384 {
		return 0, false
	}
	return n - 1, true
}

// colName returns the letters of column i (from 0): 0 → A, 27 → AB.
func colName(i int) string {
	var b [4]byte
	k := len(b)
	for i++; i > 0; i = (i - 1) / 26 {
		k--
		b[k] = byte('A' + (i-1)%26)
	}
	return string(b[k:])
}

// rowHandler receives the non-empty cells of each row in order; the slice
// is reused after the call returns.
type rowHandler func(row int, cells []cell) error

// errStop ends a sheet read early without an error.
var errStop = errors.New("stop")

// readSheet streams the rows of the sheet part to fn. progress, when not
// nil, is told the inflated bytes read so far and the total. A large
// sheet is inflated ahead of the parser (readAhead).
func (x *xlsxFile) readSheet(ref sheetRef, fn rowHandler, progress func(done, total int64)) error {
	return x.streamSheet(ref, false, fn, progress)
}

// readWholeSheet is readSheet for a caller that reads the sheet to its
// end (unless it fails): a large sheet is read on three goroutines, one
// inflating (readAhead), one parsing the XML into rows (readSheetAhead),
// and the caller's running fn. One that stops after its first rows uses
// readSheet: parsing ahead would read rows it never looks at.
func (x *xlsxFile) readWholeSheet(ref sheetRef, fn rowHandler, progress func(done, total int64)) error {
	return x.streamSheet(ref, true, fn, progress)
}

func (x *xlsxFile) streamSheet(ref sheetRef, whole bool, fn rowHandler, progress func(done, total int64)) error {
	if x.isText {
		return x.readTextSheet(fn, progress)
	}
	rc, total, err := x.open(ref.part)
	if err != nil {
		return err
	}
	if total >= readAheadMin {
		rc = readAhead(rc)
		if whole {
			return x.readSheetAhead(rc, total, fn, progress)
		}
	}
	defer rc.Close()
	return x.parseSheet(rc, total, fn, progress)
}

// parseSheet parses a worksheet's XML from r, passing each row to fn.
func (x *xlsxFile) parseSheet(r io.Reader, total int64, fn rowHandler, progress func(done, total int64)) error {
	s := newScanner(r)
	p := &sheetParser{x: x, fn: fn, progress: progress, total: total}
	for {
		if err := s.next(); err != nil {
			return err
		}
		switch s.kind {
		case tokEOF:
			if p.inRow {
				return errXMLSyntax
			}
			return nil
		case tokStart, tokSelfClose:
			p.start(s)
		case tokEnd:
			if err := p.end(s); err != nil {
				if err == errStop {
					return nil
				}
				return err
			}
		case tokText:
			if p.inCell && (p.inV || (p.inIS && p.inT && p.phon == 0)) {
				if s.cdata {
					p.val = append(p.val, s.text...)
				} else {
					p.val = appendText(p.val, s.text, p.inIS || string(p.typ) == "str")
				}
			}
		}
	}
}

// rowBatch is rows parsed ahead of the handler: row i is numbered nums[i]
// and holds cells[ends[i-1]:ends[i]].
type rowBatch struct {
	nums, ends []int
	cells      []cell
	read       int64 // inflated bytes read when the batch was sent
	last       bool  // the parsing ended after these rows, with err
	err        error
}

// aheadRows is how many rows the parser hands over at a time.
const aheadRows = 512

// readSheetAhead parses rc on its own goroutine, a batch of rows ahead of
// fn, which runs on the caller's, so that parsing the XML and reading its
// rows use two cores instead of one after the other. Rows, errors and
// progress reach fn and progress in the order of the sheet, as
// parseSheet gives them. It closes rc once the parser has stopped.
func (x *xlsxFile) readSheetAhead(rc io.ReadCloser, total int64, fn rowHandler, progress func(done, total int64)) error {
	full := make(chan *rowBatch, 2)
	free := make(chan *rowBatch, 3) // the batches: one parsed into, two waiting (full's room)
	stop := make(chan struct{})
	for range cap(free) {
		free <- &rowBatch{}
	}
	go func() {
		defer close(full)
		b := <-free
		// send hands b over and takes the next free batch; false when the
		// reader has stopped.
		send := func() bool {
			select {
			case full <- b:
			case <-stop:
				return false
			}
			select {
			case b = <-free:
				return true
			case <-stop:
				return false
			}
		}
		err := x.parseSheet(rc, total, func(n int, cells []cell) error {
			b.nums = append(b.nums, n)
			b.cells = append(b.cells, cells...)
			b.ends = append(b.ends, len(b.cells))
			if len(b.nums) >= aheadRows && !send() {
				return errStop
			}
			return nil
		}, func(done, _ int64) { b.read = done })
		b.last, b.err = true, err
		select {
		case full <- b:
		case <-stop:
		}
	}()
	defer func() {
		close(stop)
		for range full { // until the parser has stopped reading rc
		}
		rc.Close()
	}()
	var reported int64
	for b := range full {
		from := 0
		for i, n := range b.nums {
			if err := fn(n, b.cells[from:b.ends[i]]); err != nil {
				if err == errStop {
					return nil
				}
				return err
			}
			from = b.ends[i]
		}
		if progress != nil && b.read > reported {
			reported = b.read
			progress(b.read, total)
		}
		if b.last {
			return b.err
		}
		b.nums, b.ends, b.cells, b.read = b.nums[:0], b.ends[:0], b.cells[:0], 0
		free <- b
	}
	return nil
}

// readTextSheet passes the rows of a text file's one sheet to fn, as
// readSheet does those of a worksheet.
func (x *xlsxFile) readTextSheet(fn rowHandler, progress func(done, total int64)) error {
	total := int64(len(x.text))
	for i, r := range x.text {
		if err := fn(r.num, r.cells); err != nil {
			if err == errStop {
				return nil
			}
			return err
		}
		if progress != nil && i%1024 == 0 {
			progress(int64(i), total)
		}
	}
	return nil
}

// sheetParser is where the reading of a worksheet's XML stands: the row
// and cell being read and the cells of the row so far.
type sheetParser struct {
	x        *xlsxFile
	fn       rowHandler
	progress func(done, total int64)
	total    int64
	lastProg int64

	cells    []cell
	row      int
	col      int
	inRow    bool
	cur      cell
	inCell   bool
	typ      []byte
	style    int
	inV, inT bool
	inIS     bool
	phon     int
	hasVal   bool
	val      []byte
}

// start handles a start (or self-closing) tag.
func (p *sheetParser) start(s *xmlScanner) {
	switch {
	case s.is("row"):
		n, err := strconv.Atoi(string(attr(s.attrs, "r")))
		if err != nil || n <= p.row || n > 1<<20 {
			n = p.row + 1
		}
		p.row, p.col = n, 0
		p.inRow = s.kind == tokStart
		if p.progress != nil && s.read-p.lastProg > 4<<20 {
			p.lastProg = s.read
			p.progress(s.read, p.total)
		}
	case s.is("c") && p.inRow:
		p.startCell(s)
	case s.is("v") && p.inCell:
		p.inV = s.kind == tokStart
		p.hasVal = true
	case s.is("is") && p.inCell:
		p.inIS = s.kind == tokStart
		p.hasVal = true
	case s.is("t") && p.inIS:
		p.inT = s.kind == tokStart
	case s.is("rPh") && p.inIS:
		if s.kind == tokStart {
			p.phon++
		}
	case s.is("f") && p.inCell:
		p.cur.formula = true
	}
}

// startCell starts a cell: its column (the next one unless it says), type and style.
func (p *sheetParser) startCell(s *xmlScanner) {
	c := p.col
	r, t, st := cellAttrs(s.attrs)
	if r != nil {
		if i, ok := colIndex(r); ok {
			c = i
		}
	}
	p.col = c + 1
	if s.kind == tokSelfClose {
		return
	}
	p.inCell, p.hasVal, p.val = true, false, p.val[:0]
	p.cur = cell{col: c}
	p.typ = append(p.typ[:0], t...)
	p.style = 0
	if st != nil {
		p.style, _ = strconv.Atoi(string(st))
	}
}

// end handles an end tag: a row's end passes its cells to the handler.
func (p *sheetParser) end(s *xmlScanner) error {
	switch {
	case s.is("row"):
		p.inRow = false
		if len(p.cells) == 0 {
			return nil
		}
		err := p.fn(p.row, p.cells)
		p.cells = p.cells[:0]
		return err
	case s.is("c") && p.inCell:
		return p.endCell()
	case s.is("v"):
		p.inV = false
	case s.is("is"):
		p.inIS = false
	case s.is("t"):
		p.inT = false
	case s.is("rPh"):
		p.phon--
	}
	return nil
}

// endCell resolves the cell's value and keeps it unless it is empty.
func (p *sheetParser) endCell() error {
	p.inCell = false
	if !p.hasVal && !p.cur.formula {
		return nil
	}
	if err := p.x.resolve(&p.cur, p.typ, p.style, p.val); err != nil {
		return fmt.Errorf("cell %s%d: %w", colName(p.cur.col), p.row, err)
	}
	if p.cur.text == "" && !p.cur.formula {
		return nil
	}
	p.cells = append(p.cells, p.cur)
	return nil
}

var errBadSharedString = errors.New("refers to a shared string that does not exist")

// resolve turns a cell's raw value into its kind and text.
func (x *xlsxFile) resolve(c *cell, typ []byte, style int, val []byte) error {
	switch string(typ) {
	case "s":
		i, err := strconv.Atoi(strings.TrimSpace(string(val)))
		if err != nil || i < 0 || i >= len(x.strings) {
			if c.formula {
				return nil
			}
			return errBadSharedString
		}
		c.kind, c.text = kindString, x.strings[i]
	case "inlineStr", "str":
		c.kind, c.text = kindString, string(val)
	case "b":
		c.kind = kindBool
		switch strings.TrimSpace(string(val)) {
		case "1", "true":
			c.text = "TRUE"
		case "0", "false":
			c.text = "FALSE"
		}
	case "e":
		c.kind, c.text = kindError, string(val)
	case "d":
		// An ISO 8601 date cell (strict OOXML); keep the day.
		c.kind, c.date = kindString, true
		c.text = string(val)
		if len(c.text) >= 10 {
			c.text = c.text[:10]
		}
	default:
		c.kind = kindNumber
		c.text = string(bytes.TrimSpace(val))
		if style > 0 && style < len(x.dateXF) && x.dateXF[style] {
			c.date = true
		}
	}
	return nil
}

// serialDate converts a spreadsheet date serial to a calendar day.
func (x *xlsxFile) serialDate(v float64) (time.Time, bool) {
	if math.IsNaN(v) || v < 0 || v > 2958465 { // 9999-12-31
		return time.Time{}, false
	}
	days := int(math.Floor(v))
	if x.date1904 {
		return time.Date(1904, 1, 1+days, 0, 0, 0, 0, time.UTC), true
	}
	if days < 61 {
		// Excel counts a 29 February 1900 that never was; before it the
		// serials are one day off from the usual epoch.
		return time.Date(1899, 12, 31+days, 0, 0, 0, 0, time.UTC), true
	}
	return time.Date(1899, 12, 30+days, 0, 0, 0, 0, time.UTC), true
}
