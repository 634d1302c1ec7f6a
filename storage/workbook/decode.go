package workbook

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
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
	// Map maps fields of a standards list (code, statement, level, domain,
	// parent, category, order) to columns, each a header text or a column
	// letter; see ParseMap. Fields it leaves out are recognised by name.
	Map map[string]string
	// Progress, when set, is called now and then with the share of the
	// workbook read so far, from 0 to 1.
	Progress func(done float64)
}

// Decoder reads a Book from an xlsx workbook: Continuum Planner's own
// format, an OpenSALT CASE spreadsheet, or a teacher's standards list.
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
	if opts.Name == "" {
		opts.Name = filepath.Base(path)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", opts.Name, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", opts.Name, err)
	}
	return NewDecoder(f, fi.Size(), opts).Decode(ctx)
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
	st := &state{ctx: ctx, opts: d.opts, file: name, x: x, book: &Book{}}
	st.book.About.File = name
	st.setupProgress()
	if err := st.decode(); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("import %s: %w", name, ctx.Err())
		}
		return nil, fmt.Errorf("import %s: %w: %v", name, ErrNotWorkbook, err)
	}
	b := st.book
	b.Problems, b.Warnings = st.problems, st.warnings
	if d.opts.Progress != nil {
		d.opts.Progress(1)
	}
	if len(b.Problems) > 0 {
		return b, b.Problems
	}
	return b, nil
}

// open checks whether the file is an encrypted workbook, decrypts it with
// the password given, and opens the xlsx package; op ("import",
// "preview") heads its errors.
func (d *Decoder) open(op string) (*xlsxFile, error) {
	name := d.opts.Name
	var head [8]byte
	n, _ := d.r.ReadAt(head[:], 0)
	r, size := d.r, d.size
	if n == 8 && bytes.Equal(head[:], oleMagic) {
		if d.opts.Password == "" {
			return nil, fmt.Errorf("%s %s: %w; give its password to open it", op, name, ErrPasswordProtected)
		}
		if size > maxEncrypted {
			return nil, fmt.Errorf("%s %s: the encrypted workbook is larger than 1 GB", op, name)
		}
		raw := make([]byte, size)
		if _, err := d.r.ReadAt(raw, 0); err != nil && err != io.EOF {
			return nil, fmt.Errorf("%s %s: %w", op, name, err)
		}
		plainZip, err := decrypt(raw, d.opts.Password)
		if err != nil {
			return nil, fmt.Errorf("%s %s: %w: the password is wrong, or the file is not an encrypted xlsx workbook (%v)", op, name, ErrPasswordProtected, err)
		}
		r, size = bytes.NewReader(plainZip), int64(len(plainZip))
	}
	x, err := openXLSX(r, size)
	if err != nil && r != d.r {
		return nil, fmt.Errorf("%s %s: %w: the password is wrong", op, name, ErrPasswordProtected)
	}
	if err != nil {
		return nil, fmt.Errorf("%s %s: %w: the file is damaged, cut short or of another kind (%v); expected a workbook saved as Excel Workbook (.xlsx)", op, name, ErrNotWorkbook, err)
	}
	return x, nil
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

// state is one decoding in progress.
type state struct {
	ctx      context.Context
	opts     Options
	file     string
	x        *xlsxFile
	book     *Book
	problems Problems
	warnings Problems

	progressTotal int64
	progressDone  int64

	pace         *pacingParts
	scaleSheet   string
	levelSheet   string
	domainSheet  string
	targetSheet  string
	targetTable  *table
	badContinuum bool

	roster     map[string]int // student ID → index in book.Students
	haveRoster bool           // the workbook has a Students sheet
}

func (st *state) problem(p Problem) {
	p.File = st.file
	st.problems = append(st.problems, p)
}

func (st *state) warn(p Problem) {
	p.File = st.file
	st.warnings = append(st.warnings, p)
}

func (st *state) setupProgress() {
	if st.opts.Progress == nil {
		return
	}
	for _, s := range st.x.sheets {
		if f := st.x.parts[strings.ToLower(s.part)]; f != nil {
			st.progressTotal += int64(f.UncompressedSize64)
		}
	}
}

func (st *state) progressFor(ref sheetRef) func(done, total int64) {
	if st.opts.Progress == nil || st.progressTotal <= 0 {
		return nil
	}
	base := st.progressDone
	if f := st.x.parts[strings.ToLower(ref.part)]; f != nil {
		st.progressDone += int64(f.UncompressedSize64)
	}
	return func(done, _ int64) {
		st.opts.Progress(min(float64(base+done)/float64(st.progressTotal), 1))
	}
}

// sheet returns the sheet named name (case-insensitively, ignoring surrounding spaces).
func (st *state) sheet(name string) (sheetRef, bool) {
	k := normHeader(name)
	for _, s := range st.x.sheets {
		if normHeader(s.name) == k {
			return s, true
		}
	}
	return sheetRef{}, false
}

// decode picks the layout and reads it.
func (st *state) decode() error {
	if st.opts.Sheet != "" || len(st.opts.Map) > 0 {
		return st.decodeStandards()
	}
	if _, ok := st.sheet("Targets"); ok {
		return st.decodePlanner()
	}
	if _, ok := st.sheet("CF Item"); ok {
		return st.decodeCASE()
	}
	return st.decodeStandards()
}

// continuumName picks the continuum's name: the option, what the workbook
// says, or the file name without its extension.
func (st *state) continuumName(fromBook string) string {
	switch {
	case strings.TrimSpace(st.opts.Continuum) != "":
		return strings.TrimSpace(st.opts.Continuum)
	case strings.TrimSpace(fromBook) != "":
		return strings.TrimSpace(fromBook)
	}
	base := filepath.Base(st.file)
	return strings.TrimSpace(strings.TrimSuffix(base, filepath.Ext(base)))
}

// The sheets of format version 1 (docs/workbook.md).
const (
	sheetAbout     = "About"
	sheetScale     = "Scale"
	sheetLevels    = "Levels"
	sheetDomains   = "Domains"
	sheetPacing    = "Pacing"
	sheetTargets   = "Targets"
	sheetStudents  = "Students"
	sheetStarting  = "Starting levels"
	sheetEvidence  = "Evidence"
	sheetOverrides = "Overrides"
	sheetPositions = "Positions"
	sheetClassMap  = "Class map"
)

var knownSheets = []string{sheetAbout, sheetScale, sheetLevels, sheetDomains, sheetPacing, sheetTargets,
	sheetStudents, sheetStarting, sheetEvidence, sheetOverrides, sheetUnits, sheetUnitExperiences, sheetUnitCheckpoints,
	sheetFlex, sheetFlexAssignments, sheetVisitNotes, sheetCalibration, sheetPositions, sheetClassMap, sheetCalibrationReport}

// Columns of each sheet; the first spelling is the one written.
var (
	aboutCols = []column{
		{names: []string{"Field", "Name", "Key"}, required: true, expect: "the name of a setting, such as Continuum"},
		{names: []string{"Value"}, expect: "the setting's value"},
	}
	scaleCols = []column{
		{names: []string{"Value", "Score", "Point"}, required: true, expect: "the score of the scale point, such as 3 or 2.5"},
		{names: []string{"Label", "Name"}, required: true, expect: "the name of the scale point, such as Proficient"},
		{names: []string{"Meaning", "Description"}, expect: "what the point means, in a sentence"},
		{names: []string{"Mastery cut", "Cut", "Mastery"}, expect: "the lowest value that counts as mastered, such as 3"},
		{names: []string{"Method", "Mastery method"}, expect: "a mastery method such as decaying-average (r=0.65), latest or n-mastery (n=2)"},
	}
	levelCols = []column{
		{names: []string{"Level", "Name", "Grade"}, required: true, expect: "the name of a level, such as K or Level 1"},
	}
	domainCols = []column{
		{names: []string{"Domain", "Name", "Strand"}, required: true, expect: "the name of a domain"},
		{names: []string{"Category"}, expect: "academic, transferable or lifelong"},
		{names: []string{"Description"}, expect: "what the domain covers"},
	}
	pacingCols = []column{
		{names: []string{"Date", "By"}, required: true, expect: "a date such as 2026-12-18 or 12/18/2026"},
		{names: []string{"Level", "Level secured"}, required: true, expect: "the level expected to be secured by then"},
	}
	studentCols = []column{
		{names: []string{"Student ID", "ID", "Student"}, required: true, expect: "a student ID such as S014"},
		{names: []string{"Name", "Student name"}, required: true, expect: "the student's name"},
		{names: []string{"Group", "Class", "Section", "Period"}, expect: "a class or group"},
		{names: []string{"External ID", "SIS ID"}, expect: "the ID in the school's information system"},
	}
	startingCols = []column{
		{names: []string{"Student ID", "ID", "Student"}, required: true, expect: "a student ID from the Students sheet"},
		{names: []string{"Domain"}, required: true, expect: "a domain of the continuum"},
		{names: []string{"Level", "Starting level"}, required: true, expect: "a level of the continuum"},
	}
	evidenceCols = []column{
		{names: []string{"Student ID", "Student", "ID"}, required: true, expect: "a student ID from the Students sheet"},
		{names: []string{"Target", "Code", "Target code"}, required: true, expect: "a target code from the Targets sheet"},
		{names: []string{"Date", "Day"}, required: true, expect: "a date such as 2026-09-14 or 9/14/2026"},
		{names: []string{"Score"}, required: true, expect: "a point of the scale"},
		{names: []string{"Kind", "Type"}, expect: "formative, summative, performance-task, observation or self-assessment"},
		{names: []string{"Scorer", "By"}, expect: "who scored it"},
		{names: []string{"Note", "Notes", "Comment"}, expect: "a note"},
	}
	overrideCols = []column{
		{names: []string{"Student ID", "Student", "ID"}, required: true, expect: "a student ID from the Students sheet"},
		{names: []string{"Target", "Code", "Target code"}, required: true, expect: "a target code from the Targets sheet"},
		{names: []string{"Mastered", "Judgement", "Judgment"}, required: true, expect: "mastered (yes) or not yet (no)"},
		{names: []string{"Reason"}, required: true, expect: "why, in a sentence a colleague or family can read"},
		{names: []string{"Date"}, required: true, expect: "a date such as 2026-09-14 or 9/14/2026"},
		{names: []string{"By"}, expect: "who made the judgement"},
	}
)

// The columns of the Targets sheet, by index into targetCols.
const (
	tcCode = iota
	tcDomain
	tcCategory
	tcLevel
	tcOrder
	tcStatement
	tcMilestone
	tcPrereqs
	tcRequired
	tcMethod
)

var targetCols = []column{
	tcCode:      {names: []string{"Code", "Target code", "ID"}, required: true, expect: "a code such as NUM.2.3 (up to 64 characters, no / , or ;)"},
	tcDomain:    {names: []string{"Domain", "Strand"}, expect: "the name of a domain"},
	tcCategory:  {names: []string{"Category"}, expect: "academic, transferable or lifelong"},
	tcLevel:     {names: []string{"Level", "Grade"}, expect: "a level of the continuum"},
	tcOrder:     {names: []string{"Order"}, expect: "the target's place among its domain and level, from 1"},
	tcStatement: {names: []string{"Statement", "Target", "I can", "Description"}, required: true, expect: "an \"I can\" statement"},
	tcMilestone: {names: []string{"Milestone"}, expect: "yes or no"},
	tcPrereqs:   {names: []string{"Prerequisites", "Prerequisite", "Requires"}, expect: "target codes separated by commas or semicolons"},
	tcRequired:  {names: []string{"Evidence required", "Demonstrations required", "Required"}, expect: "how many demonstrations are needed, such as 2"},
	tcMethod:    {names: []string{"Method", "Mastery method"}, expect: "a mastery method, or blank for the continuum's"},
}

// decodePlanner reads Continuum Planner's own format.
func (st *state) decodePlanner() error {
	b := st.book
	b.About.Layout = LayoutPlanner
	c := &b.Continuum
	*c = continuum.NewContinuum("")
	for _, s := range st.x.sheets {
		if !slices.ContainsFunc(knownSheets, func(k string) bool { return normHeader(k) == normHeader(s.name) }) {
			st.warn(Problem{Sheet: s.name, Message: "unknown sheet; it is ignored"})
		}
	}
	aboutName := ""
	if err := st.readAbout(&aboutName); err != nil {
		return err
	}
	c.Name = st.continuumName(aboutName)
	if err := st.readScale(); err != nil {
		return err
	}
	levelsFromSheet, err := st.readLevels()
	if err != nil {
		return err
	}
	domainsFromSheet, err := st.readDomains()
	if err != nil {
		return err
	}
	if err := st.readPacing(); err != nil {
		return err
	}
	targets, err := st.readTargets(levelsFromSheet, domainsFromSheet)
	if err != nil {
		return err
	}
	st.checkContinuum()
	st.checkTargets(targets)
	if err := st.readStudents(); err != nil {
		return err
	}
	return st.readPlans()
}

// aboutFields are the settings the About sheet holds.
const (
	fFormat      = "Format version"
	fApp         = "App version"
	fExported    = "Exported at"
	fContinuum   = "Continuum"
	fContinuumID = "Continuum ID"
	fSubject     = "Subject"
	fDescription = "Description"
	fPacingStart = "Pacing start"
	fTolerance   = "Pacing tolerance"
	fPositionsOn = "Positions as of"
)

var aboutFieldNames = []string{fFormat, fApp, fExported, fContinuum, fContinuumID, fSubject, fDescription, fPacingStart, fTolerance, fPositionsOn}

// pacing collects the pacing plan's parts from About and Pacing.
type pacingParts struct {
	start       continuum.Date
	tolerance   int
	checkpoints []continuum.Checkpoint
	row         int
}

func (st *state) readAbout(name *string) error {
	ref, ok := st.sheet(sheetAbout)
	if !ok {
		return nil
	}
	b := st.book
	c := &b.Continuum
	_, err := st.readTable(ref, aboutCols, true, nil, func(r *row) {
		key, ok := r.require(0, "the name of a setting")
		if !ok {
			return
		}
		field := ""
		for _, f := range aboutFieldNames {
			if normHeader(f) == normHeader(key) {
				field = f
			}
		}
		switch field {
		case fFormat:
			v, ok := r.integer(1)
			if ok {
				b.About.FormatVersion = v
				if v > FormatVersion {
					r.warn(1, "the workbook is format version %d, newer than this program reads (%d); parts of it may be ignored", v, FormatVersion)
				}
			}
		case fApp:
			b.About.AppVersion = r.str(1)
		case fExported:
			if s := r.str(1); s != "" {
				t, err := time.Parse(time.RFC3339, s)
				if err != nil {
					r.warn(1, "%q is not a time such as 2026-09-14T15:04:05Z; it is ignored", s)
				}
				b.About.ExportedAt = t
			}
		case fContinuum:
			*name = r.str(1)
			b.About.Continuum = *name
		case fContinuumID:
			c.ID = r.str(1)
		case fSubject:
			c.Subject = r.text(1)
		case fDescription:
			c.Description = r.text(1)
		case fPacingStart:
			if r.present(1) {
				st.pacing().start, _ = r.date(1)
				st.pacing().row = r.num
			}
		case fTolerance:
			if r.present(1) {
				st.pacing().tolerance, _ = r.integer(1)
			}
		case fPositionsOn:
			if r.present(1) {
				b.About.PositionsOn, _ = r.date(1)
			}
		default:
			r.warn(0, "unknown setting %q; it is ignored", key)
		}
	})
	return err
}

// pacingPlan is built up while reading About and Pacing.
func (st *state) pacing() *pacingParts {
	if st.pace == nil {
		st.pace = &pacingParts{}
	}
	return st.pace
}

// readScale reads the scale points, the mastery cut and the method.
func (st *state) readScale() error {
	ref, ok := st.sheet(sheetScale)
	if !ok {
		return nil
	}
	c := &st.book.Continuum
	var points []continuum.ScalePoint
	var cut *float64
	var method *continuum.Method
	_, err := st.readTable(ref, scaleCols, true, nil, func(r *row) {
		v, okV := r.number(0)
		if !r.present(0) {
			r.problem(0, "is empty; expected %s", scaleCols[0].expect)
		}
		label, okL := r.require(1, scaleCols[1].expect)
		if okV && okL {
			points = append(points, continuum.ScalePoint{Value: v, Label: label, Meaning: r.text(2)})
		}
		if cv, ok := r.number(3); ok {
			if cut != nil && *cut != cv {
				r.problem(3, "the mastery cut is already %s on an earlier row; give it once", continuum.FormatScore(*cut))
			}
			cut = &cv
		}
		if s := r.str(4); s != "" {
			m, err := ParseMethod(s)
			if err != nil {
				r.problemErr(4, err)
			} else if method != nil && *method != m {
				r.problem(4, "the method is already %s on an earlier row; give it once", FormatMethod(*method))
			} else {
				method = &m
			}
		}
	})
	if err != nil {
		return err
	}
	if len(points) > 0 {
		c.Scale.Points = points
		if cut == nil {
			st.problem(Problem{Sheet: ref.name, Message: "no mastery cut is given; expected the lowest value that counts as mastered in the Mastery cut column"})
			st.badContinuum = true
		}
	}
	if cut != nil {
		c.Scale.Cut = *cut
	}
	if method != nil {
		c.Method = *method
	}
	st.scaleSheet = ref.name
	return nil
}

// readLevels reads the ordered levels; ok is false without a Levels sheet.
func (st *state) readLevels() (bool, error) {
	ref, ok := st.sheet(sheetLevels)
	if !ok {
		return false, nil
	}
	c := &st.book.Continuum
	c.Levels = nil
	seen := map[string]int{}
	_, err := st.readTable(ref, levelCols, true, nil, func(r *row) {
		l, ok := r.require(0, levelCols[0].expect)
		if !ok {
			return
		}
		if first, dup := seen[strings.ToLower(l)]; dup {
			r.problem(0, "level %q is already on row %d; levels must differ", l, first)
			return
		}
		seen[strings.ToLower(l)] = r.num
		c.Levels = append(c.Levels, l)
	})
	st.levelSheet = ref.name
	return true, err
}

// readDomains reads the ordered domains; ok is false without a Domains sheet.
func (st *state) readDomains() (bool, error) {
	ref, ok := st.sheet(sheetDomains)
	if !ok {
		return false, nil
	}
	c := &st.book.Continuum
	c.Domains = nil
	seen := map[string]int{}
	_, err := st.readTable(ref, domainCols, true, nil, func(r *row) {
		name, ok := r.require(0, domainCols[0].expect)
		if !ok {
			return
		}
		cat, err := continuum.ParseCategory(r.str(1))
		if err != nil {
			r.problemErr(1, err)
			return
		}
		if first, dup := seen[strings.ToLower(name)]; dup {
			r.problem(0, "domain %q is already on row %d; domains must differ", name, first)
			return
		}
		seen[strings.ToLower(name)] = r.num
		c.Domains = append(c.Domains, continuum.Domain{Name: name, Category: cat, Description: r.text(2)})
	})
	st.domainSheet = ref.name
	return true, err
}

func (st *state) readPacing() error {
	ref, ok := st.sheet(sheetPacing)
	if ok {
		_, err := st.readTable(ref, pacingCols, true, nil, func(r *row) {
			d, okD := r.date(0)
			if !r.present(0) {
				r.problem(0, "is empty; expected %s", pacingCols[0].expect)
			}
			l, okL := r.require(1, pacingCols[1].expect)
			if okD && okL {
				p := st.pacing()
				p.checkpoints = append(p.checkpoints, continuum.Checkpoint{Date: d, Level: l})
			}
		})
		if err != nil {
			return err
		}
	}
	if p := st.pace; p != nil && (!p.start.IsZero() || len(p.checkpoints) > 0) {
		st.book.Continuum.Pacing = &continuum.PacingPlan{Start: p.start, Checkpoints: p.checkpoints, Tolerance: p.tolerance}
	}
	return nil
}

// targetRow is a target as read, before levels and domains are settled.
type targetRow struct {
	t        continuum.Target
	row      int
	category string
	catCol   string
}

// readTargets reads the Targets sheet. Without a Levels (Domains) sheet,
// the levels (domains) are those the targets name.
func (st *state) readTargets(levelsKnown, domainsKnown bool) ([]targetRow, error) {
	ref, _ := st.sheet(sheetTargets)
	c := &st.book.Continuum
	cols := slices.Clone(targetCols)
	var descCols []int // index into cols of each scale point's descriptor column, parallel to Scale.Points
	var rows []targetRow
	t, err := st.readTable(ref, cols, true, func(t *table) {
		descCols = st.findDescriptorColumns(t)
	}, func(r *row) {
		tr := targetRow{row: r.num}
		tg := &tr.t
		var ok bool
		if tg.Code, ok = r.require(tcCode, targetCols[tcCode].expect); !ok {
			return
		}
		tg.Statement, _ = r.require(tcStatement, targetCols[tcStatement].expect)
		tg.Statement = normalizeNewlines(tg.Statement)
		tg.Domain = r.str(tcDomain)
		tg.Level = r.str(tcLevel)
		tr.category = r.str(tcCategory)
		if r.t.has(tcCategory) {
			tr.catCol = colName(r.t.at[tcCategory])
		}
		if r.present(tcOrder) {
			tg.Order, _ = r.integer(tcOrder)
		}
		tg.Milestone, _ = r.flag(tcMilestone, "milestone")
		tg.Prerequisites = splitCodes(r.str(tcPrereqs))
		if r.present(tcRequired) {
			tg.EvidenceRequired, _ = r.integer(tcRequired)
		}
		if s := r.str(tcMethod); s != "" {
			m, err := ParseMethod(s)
			if err != nil {
				r.problemErr(tcMethod, err)
			} else {
				tg.Method = &m
			}
		}
		for k, ci := range descCols {
			if ci >= 0 {
				if s := r.text(ci); s != "" {
					tg.Descriptors = append(tg.Descriptors, continuum.Descriptor{Value: c.Scale.Points[k].Value, Text: s})
				}
			}
		}
		if !r.bad {
			rows = append(rows, tr)
		}
	})
	if err != nil {
		return nil, err
	}
	st.targetSheet = ref.name
	st.targetTable = t
	// Levels and domains the targets name, when no sheet gives them.
	if !levelsKnown {
		var names []string
		for i := range rows {
			if rows[i].t.Level == "" {
				rows[i].t.Level = defaultLevel
			}
			names = append(names, rows[i].t.Level)
		}
		c.Levels = orderLevels(names, func(i int) string { return rows[i].t.Domain })
		if len(c.Levels) == 0 {
			c.Levels = []string{defaultLevel}
		}
	}
	if !domainsKnown {
		c.Domains = nil
	}
	for i := range rows {
		tr := &rows[i]
		if tr.t.Domain == "" {
			if domainsKnown && len(c.Domains) == 1 {
				tr.t.Domain = c.Domains[0].Name
			} else if domainsKnown {
				st.problem(Problem{Sheet: ref.name, Row: tr.row, Header: "Domain", Message: "is empty; expected one of the domains of the Domains sheet"})
				continue
			} else {
				tr.t.Domain = defaultDomain
			}
		}
		var cat continuum.Category
		if tr.category != "" {
			var err error
			if cat, err = continuum.ParseCategory(tr.category); err != nil {
				st.problem(Problem{Sheet: ref.name, Row: tr.row, Column: tr.catCol, Header: "Category", Message: plain(err), Err: err})
				continue
			}
		}
		di := c.DomainIndex(tr.t.Domain)
		switch {
		case di < 0 && !domainsKnown:
			if cat == "" {
				cat = continuum.Academic
			}
			c.Domains = append(c.Domains, continuum.Domain{Name: tr.t.Domain, Category: cat})
		case di >= 0 && cat != "" && c.Domains[di].Category != cat:
			where := "an earlier row of Targets"
			if domainsKnown {
				where = "the Domains sheet"
			}
			st.problem(Problem{Sheet: ref.name, Row: tr.row, Column: tr.catCol, Header: "Category",
				Message: fmt.Sprintf("%s here, but %s says domain %q is %s; a domain has one category", cat, where, c.Domains[di].Name, c.Domains[di].Category)})
		}
	}
	// Orders left blank follow the order of the rows within domain and level.
	next := map[[2]int]int{}
	for i := range rows {
		k := [2]int{c.DomainIndex(rows[i].t.Domain), c.LevelIndex(rows[i].t.Level)}
		if rows[i].t.Order > 0 {
			next[k] = max(next[k], rows[i].t.Order)
		}
	}
	for i := range rows {
		if rows[i].t.Order == 0 && !t.has(tcOrder) {
			k := [2]int{c.DomainIndex(rows[i].t.Domain), c.LevelIndex(rows[i].t.Level)}
			next[k]++
			rows[i].t.Order = next[k]
		}
	}
	return rows, nil
}

// defaultLevel and defaultDomain are used when a list names no level or domain.
const (
	defaultLevel  = "Level 1"
	defaultDomain = "General"
)

// findDescriptorColumns finds, for each scale point, a header naming it:
// "3 Proficient", "3", "Proficient", "Descriptor 3" or "3 - Proficient".
func (st *state) findDescriptorColumns(t *table) []int {
	pts := st.book.Continuum.Scale.Points
	out := make([]int, len(pts))
	for k, p := range pts {
		out[k] = -1
		v := continuum.FormatScore(p.Value)
		want := []string{v + " " + p.Label, v + p.Label, v, p.Label, "descriptor " + v, "descriptor" + v}
		for col, h := range t.headers {
			if h == "" || t.byCol[col] >= 0 {
				continue
			}
			nh := normHeader(strings.NewReplacer(":", "", "–", "").Replace(h))
			for _, w := range want {
				if nh == normHeader(w) {
					out[k] = t.addColumn(column{names: []string{h}, expect: "what a performance at " + v + " looks like"}, col)
					break
				}
			}
			if out[k] >= 0 {
				break
			}
		}
	}
	// Columns that were reported unknown before the scale matched them are not unknown.
	if t.warnUnknown {
		kept := st.warnings[:0]
		for _, w := range st.warnings {
			if w.Sheet == t.sheet && w.Row == t.header && w.Column != "" {
				if col, ok := colIndex([]byte(w.Column)); ok && t.byCol[col] >= 0 {
					continue
				}
			}
			kept = append(kept, w)
		}
		st.warnings = kept
	}
	return out
}

// checkContinuum validates the continuum's own fields, pointing at the sheet that sets them.
func (st *state) checkContinuum() {
	c := &st.book.Continuum
	err := c.Validate()
	if err == nil || st.badContinuum {
		return
	}
	field := continuum.ErrorField(err)
	sheet := sheetAbout
	switch {
	case strings.HasPrefix(field, "scale"), strings.HasPrefix(field, "method"):
		sheet = cmpOr(st.scaleSheet, sheetScale)
	case field == "continuum.levels":
		sheet = cmpOr(st.levelSheet, st.targetSheet)
	case field == "continuum.domains" || field == "domain.category":
		sheet = cmpOr(st.domainSheet, st.targetSheet)
	case strings.HasPrefix(field, "pacing"):
		sheet = sheetPacing
	}
	st.problem(Problem{Sheet: sheet, Message: plain(err), Err: err})
	st.badContinuum = true
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// checkTargets validates each target, then the targets as a whole: codes
// unique, prerequisites known, no cycle. Valid targets go into the Book.
func (st *state) checkTargets(rows []targetRow) {
	b := st.book
	c := &b.Continuum
	ref := st.targetSheet
	colOf := func(i int) (string, string) {
		t := st.targetTable
		if t != nil && t.has(i) {
			return colName(t.at[i]), t.headers[t.at[i]]
		}
		return "", targetCols[i].names[0]
	}
	fieldCol := map[string]int{"target.code": tcCode, "target.statement": tcStatement, "target.domain": tcDomain,
		"target.level": tcLevel, "target.order": tcOrder, "target.evidence_required": tcRequired,
		"target.prerequisites": tcPrereqs, "method.kind": tcMethod, "method.decay_rate": tcMethod,
		"method.latest_weight": tcMethod, "method.recent": tcMethod, "method.times": tcMethod}
	seen := map[string]int{}
	var kept []targetRow
	for _, tr := range rows {
		if !st.badContinuum {
			if err := tr.t.Validate(c); err != nil {
				i, ok := fieldCol[continuum.ErrorField(err)]
				p := Problem{Sheet: ref, Row: tr.row, Message: plain(err), Err: err}
				if ok {
					p.Column, p.Header = colOf(i)
				}
				st.problem(p)
				continue
			}
		}
		k := strings.ToLower(continuum.NormalizeCode(tr.t.Code))
		if first, dup := seen[k]; dup {
			col, h := colOf(tcCode)
			st.problem(Problem{Sheet: ref, Row: tr.row, Column: col, Header: h,
				Message: fmt.Sprintf("code %s is already used on row %d; codes must be unique (capitals do not count)", tr.t.Code, first),
				Err:     continuum.ErrConflict})
			continue
		}
		seen[k] = tr.row
		tr.t.Code = continuum.NormalizeCode(tr.t.Code)
		kept = append(kept, tr)
	}
	rowOf := map[string]int{}
	for _, tr := range kept {
		rowOf[strings.ToLower(tr.t.Code)] = tr.row
	}
	final := kept[:0]
	for _, tr := range kept {
		ok := true
		for _, p := range tr.t.Prerequisites {
			if _, known := seen[strings.ToLower(p)]; !known {
				col, h := colOf(tcPrereqs)
				st.problem(Problem{Sheet: ref, Row: tr.row, Column: col, Header: h,
					Message: fmt.Sprintf("prerequisite %s is not a target code of this workbook; expected codes from the Code column", p)})
				ok = false
			}
		}
		if ok {
			final = append(final, tr)
		}
	}
	for _, tr := range final {
		b.Targets = append(b.Targets, tr.t)
		b.Places.Targets = append(b.Places.Targets, Place{Sheet: ref, Row: tr.row})
	}
	if st.badContinuum || len(st.problems.Sheet(ref)) > 0 {
		return
	}
	if _, err := continuum.NewGraph(*c, b.Targets); err != nil {
		p := Problem{Sheet: ref, Message: plain(err), Err: err}
		if continuum.ErrorField(err) == "target.prerequisites" {
			msg := plain(err)
			if i := strings.Index(msg, "cycle: "); i >= 0 {
				first, _, _ := strings.Cut(msg[i+len("cycle: "):], " ")
				p.Row = rowOf[strings.ToLower(first)]
				p.Column, p.Header = colOf(tcPrereqs)
			}
		}
		st.problem(p)
	}
}

// readStudents reads Students, Starting levels, Evidence and Overrides.
func (st *state) readStudents() error {
	b := st.book
	c := &b.Continuum
	students := map[string]int{} // ID → index in b.Students
	haveRoster := false
	if ref, ok := st.sheet(sheetStudents); ok {
		haveRoster = true
		rows := map[string]int{}
		_, err := st.readTable(ref, studentCols, true, nil, func(r *row) {
			s := continuum.Student{ExternalID: r.str(3), Group: r.str(2)}
			var ok bool
			if s.ID, ok = r.require(0, studentCols[0].expect); !ok {
				return
			}
			if s.Name, ok = r.require(1, studentCols[1].expect); !ok {
				return
			}
			if err := s.Validate(); err != nil {
				r.problemErr(0, err)
				return
			}
			if first, dup := rows[s.ID]; dup {
				r.problem(0, "student %s is already on row %d; student IDs must be unique", s.ID, first)
				return
			}
			rows[s.ID] = r.num
			students[s.ID] = len(b.Students)
			b.Students = append(b.Students, s)
			b.Places.Students = append(b.Places.Students, Place{Sheet: ref.name, Row: r.num})
		})
		if err != nil {
			return err
		}
	}
	if ref, ok := st.sheet(sheetStarting); ok {
		_, err := st.readTable(ref, startingCols, true, nil, func(r *row) {
			id, ok1 := r.require(0, startingCols[0].expect)
			dom, ok2 := r.require(1, startingCols[1].expect)
			lvl, ok3 := r.require(2, startingCols[2].expect)
			if !ok1 || !ok2 || !ok3 {
				return
			}
			si, known := students[id]
			if !known {
				r.problem(0, "student %s is not on the Students sheet; expected %s", id, startingCols[0].expect)
				return
			}
			di := c.DomainIndex(dom)
			if di < 0 {
				r.problem(1, "%q is not a domain of %s; expected one of %s", dom, c.Name, domainNames(c))
				return
			}
			li := c.LevelIndex(lvl)
			if li < 0 {
				r.problem(2, "%q is not a level of %s; expected one of %s", lvl, c.Name, strings.Join(c.Levels, ", "))
				return
			}
			s := &b.Students[si]
			if s.StartingLevel(c.ID, c.Domains[di].Name) != "" {
				r.problem(1, "student %s already has a starting level on %s", id, c.Domains[di].Name)
				return
			}
			s.StartingLevels = append(s.StartingLevels, continuum.StartingLevel{Continuum: c.ID, Domain: c.Domains[di].Name, Level: c.Levels[li]})
		})
		if err != nil {
			return err
		}
	}
	codes := make(map[string]string, len(b.Targets)*2)
	for _, t := range b.Targets {
		codes[t.Code] = t.Code
		codes[strings.ToLower(t.Code)] = t.Code
	}
	target := func(s string) (string, bool) {
		if t, ok := codes[s]; ok {
			return t, true
		}
		t, ok := codes[strings.ToLower(s)]
		return t, ok
	}
	student := func(r *row, s string) (string, bool) {
		if !haveRoster {
			return s, true
		}
		if i, ok := students[s]; ok {
			return b.Students[i].ID, true
		}
		r.problem(0, "student %s is not on the Students sheet; expected %s", s, studentCols[0].expect)
		return "", false
	}
	if ref, ok := st.sheet(sheetEvidence); ok {
		if !haveRoster {
			st.warn(Problem{Sheet: ref.name, Message: "there is no Students sheet, so the student IDs are not checked here; they must match students already in the program"})
		}
		kinds := map[string]continuum.EvidenceKind{}
		intern := map[string]string{}
		str := func(s string) string {
			if v, ok := intern[s]; ok {
				return v
			}
			intern[s] = s
			return s
		}
		_, err := st.readTable(ref, evidenceCols, true, nil, func(r *row) {
			e := continuum.Evidence{Continuum: c.ID}
			sid, ok1 := r.require(0, evidenceCols[0].expect)
			code, ok2 := r.require(1, evidenceCols[1].expect)
			var ok bool
			if ok1 {
				e.Student, ok1 = student(r, sid)
			}
			if ok2 {
				if e.Target, ok = target(code); !ok {
					r.problem(1, "target %s is not on the Targets sheet; expected %s", code, evidenceCols[1].expect)
				}
			}
			if !r.present(2) {
				r.problem(2, "is empty; expected %s", evidenceCols[2].expect)
			} else {
				e.Date, _ = r.date(2)
			}
			if !r.present(3) {
				r.problem(3, "is empty; expected %s", evidenceCols[3].expect)
			} else if c, ok := r.raw(3); ok {
				v, err := st.score(c)
				if err != nil {
					r.problemErr(3, err)
				}
				e.Score = v
			}
			if k := r.str(4); k != "" {
				kind, ok := kinds[k]
				if !ok {
					var err error
					if kind, err = continuum.ParseEvidenceKind(k); err != nil {
						r.problemErr(4, err)
					}
					kinds[k] = kind
				}
				e.Kind = kind
			} else {
				e.Kind = continuum.Formative
			}
			e.Scorer = str(r.str(5))
			e.Note = r.text(6)
			if r.bad || !ok1 || !ok2 {
				return
			}
			e.Student = str(e.Student)
			b.Evidence = append(b.Evidence, e)
			b.Places.Evidence = append(b.Places.Evidence, Place{Sheet: ref.name, Row: r.num})
		})
		if err != nil {
			return err
		}
		for i := range b.Evidence {
			b.Evidence[i].ID = uint64(i + 1)
		}
	}
	if ref, ok := st.sheet(sheetOverrides); ok {
		seen := map[[2]string]int{}
		_, err := st.readTable(ref, overrideCols, true, nil, func(r *row) {
			o := continuum.Override{Continuum: c.ID}
			sid, ok1 := r.require(0, overrideCols[0].expect)
			code, ok2 := r.require(1, overrideCols[1].expect)
			var ok bool
			if ok1 {
				o.Student, ok1 = student(r, sid)
			}
			if ok2 {
				if o.Target, ok = target(code); !ok {
					r.problem(1, "target %s is not on the Targets sheet; expected %s", code, overrideCols[1].expect)
				}
			}
			if !r.present(2) {
				r.problem(2, "is empty; expected %s", overrideCols[2].expect)
			} else {
				switch strings.ToLower(strings.Join(strings.Fields(r.str(2)), " ")) {
				case "not yet", "not mastered", "nm", "ny":
					o.Mastered = false
				default:
					o.Mastered, _ = r.flag(2, "mastered", "m")
				}
			}
			o.Reason, _ = r.require(3, overrideCols[3].expect)
			o.Reason = normalizeNewlines(o.Reason)
			if !r.present(4) {
				r.problem(4, "is empty; expected %s", overrideCols[4].expect)
			} else {
				o.Date, _ = r.date(4)
			}
			o.By = r.str(5)
			if r.bad || !ok1 || !ok2 {
				return
			}
			k := [2]string{o.Student, strings.ToLower(o.Target)}
			if first, dup := seen[k]; dup {
				r.problem(1, "student %s already has an override on %s on row %d; keep one", o.Student, o.Target, first)
				return
			}
			seen[k] = r.num
			b.Overrides = append(b.Overrides, o)
			b.Places.Overrides = append(b.Places.Overrides, Place{Sheet: ref.name, Row: r.num})
		})
		if err != nil {
			return err
		}
	}
	st.roster, st.haveRoster = students, haveRoster
	return nil
}

// score reads a score cell against the scale.
func (st *state) score(c *cell) (float64, error) {
	sc := &st.book.Continuum.Scale
	if c.kind == kindNumber {
		if v, err := strconv.ParseFloat(c.text, 64); err == nil {
			if _, ok := sc.Point(v); ok {
				return v, nil
			}
		}
	}
	return sc.ParseScore(c.text)
}

func domainNames(c *continuum.Continuum) string {
	names := make([]string, len(c.Domains))
	for i, d := range c.Domains {
		names[i] = d.Name
	}
	return strings.Join(names, ", ")
}
