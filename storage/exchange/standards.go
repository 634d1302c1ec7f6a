package exchange

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
	"github.com/continuum-planner/planner/storage/standards"
	"github.com/continuum-planner/planner/storage/workbook"
)

// The formats of other systems' framework files that ReadOptions.Format
// and ExportRequest.Format may name, beside workbook.Formats.
const (
	// FormatCASE is a CASE package in JSON.
	FormatCASE = "case"
	// FormatMoodle is a Moodle competency framework CSV.
	FormatMoodle = "moodle"
	// FormatCanvas is a Canvas outcomes CSV.
	FormatCanvas = "canvas"
)

// ImportFormats are the names an import's format may be: those
// ReadOptions.Format accepts, then rosters (ReadRoster) and score sheets
// (PlanScores).
var ImportFormats = append(append([]string{}, workbook.Formats...), FormatCASE, FormatMoodle, FormatCanvas,
	FormatOneRoster, FormatRoster, FormatScores)

// ExportFormats are the names ExportRequest.Format accepts.
var ExportFormats = []string{workbook.FormatWorkbook, FormatCASE, FormatMoodle, FormatCanvas}

// ErrNotThisFormat means a file is not of the format the options name.
var ErrNotThisFormat = errors.New("the file is not of the format asked for")

// maxFramework bounds the size of a framework file, which is read whole.
const maxFramework = 256 << 20

// frameworkKind says which framework format the content of raw is, or ""
// when it is none of them (a workbook or a table, for the workbook decoder).
func frameworkKind(raw []byte) string {
	head := bytes.TrimLeft(bytes.TrimPrefix(raw, []byte{0xEF, 0xBB, 0xBF}), " \t\r\n")
	if bytes.HasPrefix(head, []byte("{")) || bytes.HasPrefix(head, []byte("[")) {
		return FormatCASE
	}
	if bytes.HasPrefix(raw, []byte("PK")) || bytes.HasPrefix(raw, []byte{0xD0, 0xCF}) {
		return ""
	}
	_, rows, err := workbook.ReadDelimited(raw)
	if err != nil || len(rows) == 0 {
		return ""
	}
	switch header := rows[0].Fields; {
	case standards.IsMoodle(header):
		return FormatMoodle
	case standards.IsCanvas(header):
		return FormatCanvas
	}
	return ""
}

// readFramework reads the file at path as another system's framework when
// opts.Format names one, or (auto) when its content is one. ok is false
// when the file is for the workbook decoder.
func readFramework(ctx context.Context, path string, opts ReadOptions) (book *workbook.Book, ok bool, err error) {
	format := strings.ToLower(strings.TrimSpace(opts.Format))
	switch format {
	case "", workbook.FormatAuto, FormatCASE, FormatMoodle, FormatCanvas:
	default:
		return nil, false, nil
	}
	name := opts.workbookOptions(path).Name
	raw, err := readWhole(path)
	if err != nil {
		return nil, false, fmt.Errorf("import %s: %w", name, err)
	}
	kind := frameworkKind(raw)
	switch {
	case format == "" || format == workbook.FormatAuto:
		if kind == "" {
			return nil, false, nil
		}
	case kind != format:
		return nil, false, fmt.Errorf("import %s: %w: it is not a %s file; try --format auto", name, ErrNotThisFormat, formatName(format))
	default:
		kind = format
	}
	if err := ctx.Err(); err != nil {
		return nil, false, fmt.Errorf("import %s: %w", name, err)
	}
	fw, err := decodeFramework(kind, raw)
	if err != nil {
		return nil, false, fmt.Errorf("import %s: %w", name, err)
	}
	fw.LevelsAt, fw.DomainsAt = opts.LevelsAt, opts.DomainsAt
	if opts.Continuum != "" {
		fw.Name = opts.Continuum
	} else if strings.TrimSpace(fw.Name) == "" && strings.TrimSpace(fw.Origin.Title) == "" {
		fw.Name = strings.TrimSuffix(name, filepath.Ext(name))
	}
	res, err := framework.Build(fw)
	if err != nil {
		return nil, false, fmt.Errorf("import %s: %w", name, err)
	}
	if opts.Progress != nil {
		opts.Progress(1)
	}
	return bookOf(res, name, kind), true, nil
}

// Route says which import a file takes, given the format asked for
// (ReadOptions.Format's names, or "" / auto): FormatOneRoster or
// FormatRoster (ReadRoster), FormatScores (PlanScores), or "" for a
// workbook, a standards list or another system's framework (Read). The
// app and the command line route by it alike.
func Route(path, format string) string {
	switch format = strings.ToLower(strings.TrimSpace(format)); format {
	case FormatOneRoster, FormatRoster, FormatScores:
		return format
	case "", workbook.FormatAuto:
		switch {
		case IsOneRoster(path):
			return FormatOneRoster
		case LooksLikeRoster(path):
			return FormatRoster
		case LooksLikeScores(path):
			return FormatScores
		}
	}
	return ""
}

// lookFramework says which framework format the file at path is, given
// the format asked for; "" when it is for the workbook decoder (or cannot
// be read: Read says why).
func lookFramework(path, format string) string {
	switch format = strings.ToLower(strings.TrimSpace(format)); format {
	case FormatCASE, FormatMoodle, FormatCanvas:
		return format
	case "", workbook.FormatAuto:
		raw, err := readWhole(path)
		if err != nil {
			return ""
		}
		return frameworkKind(raw)
	}
	return ""
}

// layoutOf is the Book layout of a framework format.
func layoutOf(kind string) workbook.Layout {
	return map[string]workbook.Layout{FormatCASE: workbook.LayoutCASEPackage, FormatMoodle: workbook.LayoutMoodle,
		FormatCanvas: workbook.LayoutCanvas}[kind]
}

// readWhole reads a framework file into memory, refusing a folder and a
// file too large to be one.
func readWhole(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%w: it is a folder, not a file; choose the file inside it", workbook.ErrNotWorkbook)
	}
	if fi.Size() > maxFramework {
		return nil, fmt.Errorf("it is %d MB; a standards file of more than %d MB is not read", fi.Size()>>20, maxFramework>>20)
	}
	return io.ReadAll(f)
}

// decodeFramework reads raw as a framework of kind.
func decodeFramework(kind string, raw []byte) (*framework.Framework, error) {
	switch kind {
	case FormatMoodle:
		return standards.ReadMoodle(raw)
	case FormatCanvas:
		return standards.ReadCanvas(raw)
	}
	return standards.ReadCASE(raw)
}

// formatName names a framework format for people.
func formatName(kind string) string {
	switch kind {
	case FormatCASE:
		return "CASE package (JSON)"
	case FormatMoodle:
		return "Moodle competency framework (CSV)"
	case FormatCanvas:
		return "Canvas outcomes (CSV)"
	}
	return kind
}

// bookOf makes the Book an import previews and plans from what Build made.
func bookOf(res *framework.Result, name, kind string) *workbook.Book {
	b := workbook.New(res.Continuum, res.Targets, continuum.Class{})
	b.About = workbook.About{File: name, Layout: layoutOf(kind), Format: formatName(kind) + "; " + res.Counts.Summary(),
		Continuum: res.Continuum.Name}
	for _, pl := range res.Places {
		b.Places.Targets = append(b.Places.Targets, workbook.Place{Sheet: pl.Section, Row: pl.Row})
	}
	for _, w := range res.Warnings {
		b.Warnings = append(b.Warnings, problemAt(name, w.Place, w.Message))
	}
	return b
}

// problemAt is a workbook problem at a framework file's place.
func problemAt(file string, pl framework.Place, message string) workbook.Problem {
	if pl.JSON {
		return workbook.Problem{File: file, Where: pl.String(), Message: message}
	}
	return workbook.Problem{File: file, Sheet: pl.Section, Row: pl.Row, Column: pl.Column, Header: pl.Field, Message: message}
}

// writeFramework writes continuum c with its targets in another system's
// format.
func writeFramework(w io.Writer, format string, c continuum.Continuum, targets []continuum.Target) error {
	switch format {
	case FormatCASE:
		return standards.WriteCASE(w, c, targets)
	case FormatMoodle:
		return standards.WriteMoodle(w, c, targets)
	case FormatCanvas:
		return standards.WriteCanvas(w, c, targets)
	}
	return fmt.Errorf("%q is not a format to export to; expected one of %s", format, strings.Join(ExportFormats, ", "))
}
