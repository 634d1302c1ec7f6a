package workbook

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Options tune how a workbook is read.
type Options struct {
	// Name is the file's name as messages show it (by default the base name
	// of the path given to DecodeFile, or "workbook.xlsx").
	Name string
	// Password opens a password-protected workbook.
	Password string
	// Continuum names the continuum, whatever the workbook says. Without
	// it, the name comes from the About sheet, a CASE document's title, or
	// the file name.
	Continuum string
	// Sheet names the sheet holding a standards list, which is then read
	// as one even if the workbook has a Targets sheet.
	Sheet string
	// Format says what the file is: FormatWorkbook, FormatCSV, or
	// FormatAuto (or "") to recognise it by its content, whatever its
	// name ends in.
	Format string
	// Map maps fields of a standards list (code, statement, level, domain,
	// parent, category, order) to columns, each a header text or a column
	// letter; see ParseMap. Fields it leaves out are recognised by name.
	Map map[string]string
	// Progress, when set, is called now and then with the share of the
	// workbook read so far, from 0 to 1.
	Progress func(done float64)
}

// Decoder reads a Book from an xlsx workbook (Continuum Planner's own
// format, an OpenSALT CASE spreadsheet, or a teacher's standards list) or
// from a standards list saved as CSV or other delimited text.
type Decoder struct {
	r    io.ReaderAt
	size int64
	opts Options
}

// NewDecoder returns a decoder reading size bytes from r.
func NewDecoder(r io.ReaderAt, size int64, opts Options) *Decoder {
	if opts.Name == "" {
		opts.Name = "workbook.xlsx"
	}
	return &Decoder{r: r, size: size, opts: opts}
}

// DecodeFile reads the workbook at path; see Decoder.Decode.
func DecodeFile(ctx context.Context, path string, opts Options) (*Book, error) {
	return withDecoder(path, opts, "import", func(d *Decoder) (*Book, error) { return d.Decode(ctx) })
}

// withDecoder opens the file at path and runs use on a decoder of it;
// op ("import", "preview") heads the errors of opening it. A folder is
// refused, saying so.
func withDecoder[T any](path string, opts Options, op string, use func(*Decoder) (T, error)) (T, error) {
	var zero T
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return zero, fmt.Errorf("%s %s: %w", op, opts.Name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return zero, fmt.Errorf("%s %s: %w", op, opts.Name, err)
	}
	if fi.IsDir() {
		return zero, folderError(op, opts.Name)
	}
	return use(NewDecoder(f, fi.Size(), opts))
}

// folderError says that the path given as a workbook is a folder; op
// ("import", "preview") heads it.
func folderError(op, name string) error {
	return fmt.Errorf("%s %s: %w: it is a folder, not a file; choose the workbook inside it", op, name, ErrNotWorkbook)
}

// oleMagic starts an OLE compound file: the container of an encrypted
// workbook (and of the old binary .xls format).
var oleMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}

// maxEncrypted bounds the size of an encrypted workbook, which has to be
// decrypted in memory.
const maxEncrypted = 1 << 30

// Decode reads the whole workbook. A file that cannot be read at all (not
// an xlsx file, damaged, password-protected) gives a nil Book and an error
// wrapping ErrNotWorkbook or ErrPasswordProtected. Otherwise the Book is
// returned with every problem found in Book.Problems (and in the error, a
// Problems, when there are any) and warnings in Book.Warnings: the caller
// decides whether to apply it, show a preview, or refuse.
func (d *Decoder) Decode(ctx context.Context) (*Book, error) {
	name := d.opts.Name
	x, err := d.open("import")
	if err != nil {
		return nil, err
	}
	st := newState(ctx, d.opts, x)
	st.setupProgress()
	b := &Book{About: About{File: name, Format: x.format}}
	if err := decodeLayout(st, b); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("import %s: %w", name, ctx.Err())
		}
		return nil, fmt.Errorf("import %s: %w: %v", name, ErrNotWorkbook, err)
	}
	b.Problems, b.Warnings = st.problems, st.warnings
	if d.opts.Progress != nil {
		d.opts.Progress(1)
	}
	if len(b.Problems) > 0 {
		return b, b.Problems
	}
	return b, nil
}

// open recognises the file by its content and opens it: an xlsx package
// (decrypted first when it is encrypted, with the password given) or
// delimited text read as a workbook of one sheet; op ("import",
// "preview") heads its errors. The Format option, when it names one,
// must match what the content is.
func (d *Decoder) open(op string) (*xlsxFile, error) {
	name := d.opts.Name
	var head [8]byte
	n, _ := d.r.ReadAt(head[:], 0)
	kind := sniff(head[:n])
	switch strings.ToLower(strings.TrimSpace(d.opts.Format)) {
	case "", FormatAuto:
	case FormatWorkbook:
		if kind == kindText {
			return nil, fmt.Errorf("%s %s: %w: it is a text file (such as CSV), not an Excel workbook; read it with --format csv, or leave the format to be recognised (--format auto)", op, name, ErrNotWorkbook)
		}
	case FormatCSV:
		if kind != kindText {
			return nil, fmt.Errorf("%s %s: it is an Excel workbook, not a CSV text file; read it with --format workbook, or leave the format to be recognised (--format auto)", op, name)
		}
	default:
		return nil, fmt.Errorf("%s %s: the format %q is not one this program reads; expected %s", op, name, d.opts.Format, strings.Join(Formats, ", "))
	}
	switch kind {
	case kindOLE:
		return d.openEncrypted(op)
	case kindText:
		return d.openText(op)
	}
	x, err := openXLSX(d.r, d.size)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w: the file is damaged, cut short or of another kind (%v); expected a workbook saved as Excel Workbook (.xlsx)", op, name, ErrNotWorkbook, err)
	}
	x.format = formatXLSX
	return x, nil
}

// openEncrypted decrypts an encrypted workbook with the password given
// and opens the xlsx package inside.
func (d *Decoder) openEncrypted(op string) (*xlsxFile, error) {
	name := d.opts.Name
	if d.opts.Password == "" {
		return nil, fmt.Errorf("%s %s: %w; give its password to open it", op, name, ErrPasswordProtected)
	}
	if d.size > maxEncrypted {
		return nil, fmt.Errorf("%s %s: the encrypted workbook is larger than 1 GB", op, name)
	}
	raw := make([]byte, d.size)
	if _, err := d.r.ReadAt(raw, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s %s: %w", op, name, err)
	}
	plainZip, err := decrypt(raw, d.opts.Password)
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w: the password is wrong, or the file is not an encrypted xlsx workbook (%v)", op, name, ErrPasswordProtected, err)
	}
	x, err := openXLSX(bytes.NewReader(plainZip), int64(len(plainZip)))
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w: the password is wrong", op, name, ErrPasswordProtected)
	}
	x.format = formatEncrypted
	return x, nil
}

// openText reads a delimited text file whole (see readTextTable) as a
// workbook of one sheet, named after the file as a spreadsheet program
// names it. Text that is no table fails wrapping ErrUnsupported (JSON,
// XML) or ErrNotWorkbook (binary data).
func (d *Decoder) openText(op string) (*xlsxFile, error) {
	name := d.opts.Name
	if d.size == 0 {
		return nil, fmt.Errorf("%s %s: %w: the file is empty; expected an Excel workbook (.xlsx) or a CSV list", op, name, ErrNotWorkbook)
	}
	if d.size > maxText {
		return nil, fmt.Errorf("%s %s: the text file is larger than %d MB; split it into smaller files", op, name, maxText>>20)
	}
	raw := make([]byte, d.size)
	if _, err := d.r.ReadAt(raw, 0); err != nil && err != io.EOF {
		return nil, fmt.Errorf("%s %s: %w", op, name, err)
	}
	t, err := readTextTable(raw)
	switch {
	case errors.Is(err, ErrUnsupported):
		return nil, fmt.Errorf("%s %s: %w", op, name, err)
	case errors.Is(err, errBinary):
		return nil, fmt.Errorf("%s %s: %w: the file is damaged or of another kind (%v); expected an Excel workbook (.xlsx) or a CSV list", op, name, ErrNotWorkbook, err)
	case err != nil:
		return nil, fmt.Errorf("%s %s: %w", op, name, err)
	}
	return &xlsxFile{sheets: []sheetRef{{name: sheetNameOf(name)}}, text: t.rows, isText: true, format: t.format}, nil
}

// decrypt opens an encrypted workbook with excelize's implementation of
// the agile and standard encryption schemes.
func decrypt(raw []byte, password string) (out []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("cannot decrypt: %v", r)
		}
	}()
	return excelize.Decrypt(raw, &excelize.Options{Password: password})
}

// decodeLayout picks the layout and reads it.
func decodeLayout(st *state, b *Book) error {
	if st.x.isText || st.opts.Sheet != "" || len(st.opts.Map) > 0 {
		return decodeStandards(st, b)
	}
	if _, ok := st.sheet(sheetTargets); ok {
		return decodePlanner(st, b)
	}
	if _, ok := st.sheet(sheetCFItem); ok {
		return decodeCASE(st, b)
	}
	return decodeStandards(st, b)
}
