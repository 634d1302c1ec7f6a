package standards

import (
	"cmp"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
	"github.com/continuum-planner/planner/storage/workbook"
)

// The columns of a Moodle competency framework CSV, by their header
// written without case, spaces, punctuation or "(optional)" (see
// moodleColumnName). Moodle's importer (admin/tool/lpimportcsv,
// framework_importer::list_required_headers) reads them by position in
// this order unless the person importing maps them otherwise.
const (
	moodleParent      = "parentidnumber"
	moodleID          = "idnumber"
	moodleShort       = "shortname"
	moodleDescription = "description"
	moodleFormat      = "descriptionformat"
	moodleScaleValues = "scalevalues"
	moodleScaleConfig = "scaleconfiguration"
	moodleRuleType    = "ruletype"
	moodleRuleOutcome = "ruleoutcome"
	moodleRuleConfig  = "ruleconfig"
	moodleRelated     = "crossreferencedcompetencyidnumbers"
	moodleExportID    = "exportedid"
	moodleIsFramework = "isframework"
	moodleTaxonomy    = "taxonomy"
)

// MoodleHeader is the header Moodle's exporter writes
// (admin/tool/lpimportcsv/lang/en/tool_lpimportcsv.php), in the order its
// importer reads the columns. Older exports spell some of them "Parent id
// number", "Id number", "Shortname", "Cross referenced competency id
// numbers", "Exported id (optional)"; IsMoodle accepts both.
var MoodleHeader = []string{"Parent ID number", "ID number", "Short name", "Description", "Description format",
	"Scale values", "Scale configuration", "Rule type (optional)", "Rule outcome (optional)", "Rule config (optional)",
	"Cross-referenced competency ID numbers", "Exported ID (optional)", "Is framework", "Taxonomy"}

// moodleColumns are the columns of MoodleHeader, as moodleColumnName writes them.
var moodleColumns = []string{moodleParent, moodleID, moodleShort, moodleDescription, moodleFormat,
	moodleScaleValues, moodleScaleConfig, moodleRuleType, moodleRuleOutcome, moodleRuleConfig,
	moodleRelated, moodleExportID, moodleIsFramework, moodleTaxonomy}

// moodleRequired are the columns without which the tree cannot be read.
var moodleRequired = []string{moodleParent, moodleID, moodleShort, moodleIsFramework}

// moodleIDLimit is the length Moodle's importer cuts ID numbers and short
// names to (shorten_text(…, 100) in framework_importer.php).
const moodleIDLimit = 100

// moodleColumnName writes a header cell without case, spaces, punctuation
// or "(optional)": "Cross-referenced competency ID numbers" and "Cross
// referenced competency id numbers" both become
// "crossreferencedcompetencyidnumbers".
func moodleColumnName(h string) string {
	h = strings.ReplaceAll(strings.ToLower(h), "(optional)", "")
	return strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, h)
}

// IsMoodle reports whether a header row is a Moodle competency framework's:
// it names the parent ID number, ID number, short name and "is framework"
// columns, in either of Moodle's spellings, whatever the case and spacing.
func IsMoodle(header []string) bool {
	have := map[string]bool{}
	for _, h := range header {
		have[moodleColumnName(h)] = true
	}
	for _, c := range moodleRequired {
		if !have[c] {
			return false
		}
	}
	return true
}

// moodleColumnLetter returns the spreadsheet letter of column i (from 0).
func moodleColumnLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}

// moodleReader holds ReadMoodle's work.
type moodleReader struct {
	fw      *framework.Framework
	header  []string       // the header cells as written
	col     map[string]int // column name → index
	notes   moodleNotes
	rows    []workbook.TextRow
	entries []moodleEntry
	byID    map[string]int    // ID number → entry
	frame   *workbook.TextRow // the framework row
	frameID string            // its ID number
	fwKey   string
	scale   *continuum.Scale
	terms   []string // the taxonomy, depth 1 first
}

// moodleEntry is one competency row.
type moodleEntry struct {
	num         int
	id, parent  string
	key         string
	short, text string
	scale       *continuum.Scale
	related     string
	at          int // index of the parent entry; -1 at the top
	depth       int
}

// ReadMoodle reads a Moodle competency framework CSV, as Moodle's "Export
// competency framework" writes it and its "Import competency framework"
// reads it (admin/tool/lpimportcsv): the row with "Is framework" set names
// the framework, its scale (Scale values, Scale configuration) and its
// taxonomy; every other row is a competency under the competency its
// Parent ID number names, or at the top when that is empty. Descriptions
// are read as their Description format says (HTML by default).
// Cross-referenced competencies become "isRelatedTo" associations.
// Competency rules, which a continuum does not keep, are named in a
// warning, as are columns it does not use. A file without the needed
// columns or without a framework row gives a *Problem.
func ReadMoodle(raw []byte) (*framework.Framework, error) {
	_, rows, err := workbook.ReadDelimited(raw)
	if err != nil {
		return nil, fmt.Errorf("read Moodle competency framework: %w", err)
	}
	if len(rows) == 0 {
		return nil, &Problem{Message: "the file is empty; expected a Moodle competency framework CSV starting with the header " + strings.Join(MoodleHeader, ", ")}
	}
	r := &moodleReader{fw: &framework.Framework{}, byID: map[string]int{}, rows: rows[1:]}
	if err := r.readHeader(rows[0]); err != nil {
		return nil, err
	}
	for _, row := range r.rows {
		r.readRow(row)
	}
	if r.frame == nil {
		return nil, &Problem{Message: fmt.Sprintf("no row is the framework: expected one row with %q set to 1 (Moodle writes it first), giving the framework's ID number, short name, scale and taxonomy; Moodle's importer refuses a file without it",
			r.headerOf(moodleIsFramework))}
	}
	r.readFramework()
	r.resolveParents()
	r.makeItems()
	r.relate()
	r.noteRules()
	r.noteUnused()
	r.fw.Warnings = append(r.fw.Warnings, r.notes.flush()...)
	return r.fw, nil
}

// readHeader finds the columns; a missing required one is a Problem.
func (r *moodleReader) readHeader(row workbook.TextRow) error {
	r.header = row.Fields
	r.col = map[string]int{}
	for i, h := range row.Fields {
		name := moodleColumnName(h)
		if name == "" {
			continue
		}
		if _, dup := r.col[name]; dup {
			r.notes.add("", framework.Place{Row: row.Num, Column: moodleColumnLetter(i), Field: strings.TrimSpace(h)},
				"this column repeats an earlier one; the first is read")
			continue
		}
		r.col[name] = i
	}
	for k, c := range moodleRequired {
		if _, ok := r.col[c]; ok {
			continue
		}
		want := []string{"Parent ID number", "ID number", "Short name", "Is framework"}[k]
		return &Problem{Place: framework.Place{Row: row.Num}, Message: fmt.Sprintf(
			"the header has %s but no %q column; a Moodle competency framework CSV needs the columns %s (as Moodle's Export competency framework writes them)",
			moodleFound(row.Fields), want, strings.Join(MoodleHeader, ", "))}
	}
	return nil
}

// moodleFound lists the header cells found, for a message.
func moodleFound(fields []string) string {
	var found []string
	for _, f := range fields {
		if f = strings.TrimSpace(f); f != "" {
			found = append(found, fmt.Sprintf("%q", f))
		}
	}
	if len(found) == 0 {
		return "no column names"
	}
	return strings.Join(found, ", ")
}

// get returns a row's trimmed field in column name; "" when absent.
func (r *moodleReader) get(row workbook.TextRow, name string) string {
	i, ok := r.col[name]
	if !ok || i >= len(row.Fields) {
		return ""
	}
	return strings.TrimSpace(row.Fields[i])
}

// headerOf returns column name's header as written, or its usual spelling.
func (r *moodleReader) headerOf(name string) string {
	if i, ok := r.col[name]; ok {
		return strings.TrimSpace(r.header[i])
	}
	for k, c := range moodleColumns {
		if c == name {
			return MoodleHeader[k]
		}
	}
	return name
}

// place returns the place of column name in row num.
func (r *moodleReader) place(num int, name string) framework.Place {
	p := framework.Place{Row: num, Field: r.headerOf(name)}
	if i, ok := r.col[name]; ok {
		p.Column = moodleColumnLetter(i)
	}
	return p
}

// moodleTrue reads "Is framework" as Moodle's importer does (PHP truth:
// anything but "" and "0"), except that "false" and "no" are false too.
func moodleTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "0", "false", "no":
		return false
	}
	return true
}

// readRow reads one data row: the framework or a competency.
func (r *moodleReader) readRow(row workbook.TextRow) {
	if moodleTrue(r.get(row, moodleIsFramework)) {
		if r.frame != nil {
			r.notes.add("", r.place(row.Num, moodleIsFramework), fmt.Sprintf(
				"a second framework row (the first is row %d); Moodle's importer keeps the last, so this one is read", r.frame.Num))
		}
		r.frame = &row
		return
	}
	e := moodleEntry{num: row.Num, id: r.get(row, moodleID), parent: r.get(row, moodleParent), related: r.get(row, moodleRelated), at: -1}
	e.short = moodleLine(HTMLToText(r.get(row, moodleShort)))
	e.text = moodleDescriptionText(r.get(row, moodleDescription), r.get(row, moodleFormat))
	if e.short == "" {
		r.notes.add("no short name", r.place(row.Num, moodleShort), "this competency has no short name; Moodle's importer leaves such a competency out, with those under it")
	}
	if n := utf8.RuneCountInString(e.id); n > moodleIDLimit {
		r.notes.add("long id", r.place(row.Num, moodleID), fmt.Sprintf("the ID number is %d characters long; Moodle's importer cuts ID numbers to %d, which loses the competencies under it", n, moodleIDLimit))
	}
	if values := r.get(row, moodleScaleValues); values != "" {
		e.scale = r.readScale(row, values)
	}
	if e.id == "" {
		r.notes.add("no id", r.place(row.Num, moodleID), "this competency has no ID number; Moodle's importer leaves it out, with those under it; it is kept here and given a code")
		r.entries = append(r.entries, e)
		return
	}
	if at, dup := r.byID[e.id]; dup {
		r.notes.add("duplicate id", r.place(row.Num, moodleID), fmt.Sprintf(
			"ID number %s is also on row %d; Moodle's importer keeps only the last row with an ID number, so row %d is left out",
			e.id, r.entries[at].num, r.entries[at].num))
		r.entries[at] = e
		return
	}
	r.byID[e.id] = len(r.entries)
	r.entries = append(r.entries, e)
}

// moodleLine makes a text one line.
func moodleLine(s string) string {
	return strings.TrimSpace(strings.ReplaceAll(s, "\n", " "))
}

// moodleDescriptionText reads a description as its Description format
// says: 1 HTML; 0 (Moodle auto-format, also what an empty format is read
// as) HTML whose line breaks are breaks; 2 plain text and 4 Markdown as
// written.
func moodleDescriptionText(s, format string) string {
	switch strings.TrimSpace(format) {
	case "2", "4":
		return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n"))
	case "", "0":
		s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\n", "<br>")
	}
	return HTMLToText(s)
}

// readFramework reads the framework row: name, description, origin,
// scale and taxonomy, and adds the framework's own item.
func (r *moodleReader) readFramework() {
	row := *r.frame
	r.frameID = r.get(row, moodleID)
	name := moodleLine(HTMLToText(r.get(row, moodleShort)))
	r.fw.Name = name
	r.fw.Description = moodleDescriptionText(r.get(row, moodleDescription), r.get(row, moodleFormat))
	r.terms = r.readTaxonomy(row)
	r.fw.Origin = continuum.Origin{Format: continuum.FormatMoodle, ID: r.frameID, Title: name, Taxonomy: r.terms}
	if values := r.get(row, moodleScaleValues); values != "" {
		r.scale = r.readScale(row, values)
	} else {
		r.notes.add("", r.place(row.Num, moodleScaleValues), "the framework gives no scale values; Moodle's importer needs them; the default scale is used")
	}
	r.fw.Scale = r.scale
	r.fwKey = cmp.Or(r.frameID, "framework")
	for k := 2; ; k++ {
		if _, taken := r.byID[r.fwKey]; !taken {
			break
		}
		r.fwKey = fmt.Sprintf("%s (framework %d)", cmp.Or(r.frameID, "framework"), k)
	}
	r.fw.Items = append(r.fw.Items, framework.Item{Key: r.fwKey, Source: continuum.SourceRef{ID: r.frameID},
		Code: r.frameID, Short: name, Statement: cmp.Or(r.fw.Description, name), IsFramework: true, IsGroup: true,
		Place: r.place(row.Num, moodleID)})
}
