package workbook

import (
	"fmt"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

var aboutCols = []column{
	{names: []string{"Field", "Name", "Key"}, required: true, expect: "the name of a setting, such as Continuum"},
	{names: []string{"Value"}, expect: "the setting's value"},
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

var aboutFieldNames = append([]string{fFormat, fApp, fExported, fContinuum, fContinuumID, fSubject, fDescription, fPacingStart, fTolerance, fPositionsOn},
	originFieldNames()...)

// fTaxonomy is the setting of the origin's taxonomy, a list.
const fTaxonomy = "Source taxonomy"

// originFields are the settings that give the continuum's origin, the
// framework it was imported from, in the order they are written.
var originFields = []struct {
	name  string
	field func(*continuum.Origin) *string
}{
	{"Source format", func(o *continuum.Origin) *string { return &o.Format }},
	{"Source ID", func(o *continuum.Origin) *string { return &o.ID }},
	{"Source URI", func(o *continuum.Origin) *string { return &o.URI }},
	{"Source title", func(o *continuum.Origin) *string { return &o.Title }},
	{"Source version", func(o *continuum.Origin) *string { return &o.Version }},
	{"Source official URL", func(o *continuum.Origin) *string { return &o.OfficialURL }},
	{"Source creator", func(o *continuum.Origin) *string { return &o.Creator }},
	{"Source publisher", func(o *continuum.Origin) *string { return &o.Publisher }},
	{"Source adoption status", func(o *continuum.Origin) *string { return &o.AdoptionStatus }},
	{"Source language", func(o *continuum.Origin) *string { return &o.Language }},
	{"Source last change", func(o *continuum.Origin) *string { return &o.LastChange }},
	{"Source license", func(o *continuum.Origin) *string { return &o.License }},
}

func originFieldNames() []string {
	names := make([]string, 0, len(originFields)+1)
	for _, f := range originFields {
		names = append(names, f.name)
	}
	return append(names, fTaxonomy)
}

// pacingParts collects the pacing plan's parts from About and Pacing.
type pacingParts struct {
	start       continuum.Date
	tolerance   int
	checkpoints []continuum.Checkpoint
}

// aboutSheet is what the About sheet gives besides the Book's About and
// the continuum's own fields.
type aboutSheet struct {
	name   string // the continuum's name, when it gives one
	pacing *pacingParts
}

// readAbout reads the About sheet's settings into b.
func readAbout(st *state, b *Book) (*aboutSheet, error) {
	out := &aboutSheet{pacing: &pacingParts{}}
	ref, ok := st.sheet(sheetAbout)
	if !ok {
		return out, nil
	}
	_, err := st.readTable(ref, aboutCols, true, nil, func(r *row) {
		key, ok := r.require(0, "the name of a setting")
		if !ok {
			return
		}
		if !out.setting(r, b, aboutField(key)) {
			r.warn(0, "unknown setting %q; it is ignored", key)
		}
	})
	return out, err
}

// aboutField returns the setting key names, or "".
func aboutField(key string) string {
	field := ""
	for _, f := range aboutFieldNames {
		if normHeader(f) == normHeader(key) {
			field = f
		}
	}
	return field
}

// setting reads the value of one setting; it reports false for an unknown one.
func (a *aboutSheet) setting(r *row, b *Book, field string) bool {
	c := &b.Continuum
	switch field {
	case fFormat:
		readFormatVersion(r, b)
	case fApp:
		b.About.AppVersion = r.str(1)
	case fExported:
		readExportedAt(r, b)
	case fContinuum:
		a.name = r.str(1)
		b.About.Continuum = a.name
	case fContinuumID:
		c.ID = r.str(1)
	case fSubject:
		c.Subject = r.text(1)
	case fDescription:
		c.Description = r.text(1)
	case fPacingStart:
		if r.present(1) {
			a.pacing.start, _ = r.date(1)
		}
	case fTolerance:
		if r.present(1) {
			a.pacing.tolerance, _ = r.integer(1)
		}
	case fPositionsOn:
		if r.present(1) {
			b.About.PositionsOn, _ = r.date(1)
		}
	default:
		return readOrigin(r, c, field)
	}
	return true
}

// readOrigin reads one setting of the continuum's origin; it reports
// false for a field that is not one. Any of them gives the continuum an
// origin.
func readOrigin(r *row, c *continuum.Continuum, field string) bool {
	if field == "" {
		return false
	}
	if field == fTaxonomy {
		if c.Origin == nil {
			c.Origin = &continuum.Origin{}
		}
		terms, err := parseTaxonomy(r.str(1))
		if err != nil {
			r.problem(1, "%v; expected the names of the hierarchy's depths, outermost first, such as Domain > Cluster > Standard", err)
		}
		c.Origin.Taxonomy = terms
		return true
	}
	for _, f := range originFields {
		if f.name == field {
			if c.Origin == nil {
				c.Origin = &continuum.Origin{}
			}
			*f.field(c.Origin) = r.str(1)
			return true
		}
	}
	return false
}

// originRows are the About rows of an origin: every field, so that the
// block can be filled in; none without an origin.
func originRows(o *continuum.Origin) [][]any {
	if o == nil {
		return nil
	}
	var rows [][]any
	for _, f := range originFields {
		rows = append(rows, []any{f.name, *f.field(o)})
	}
	return append(rows, []any{fTaxonomy, formatTaxonomy(o.Taxonomy)})
}

// formatTaxonomy writes the names of a hierarchy's depths as
// "Domain > Cluster > Standard", quoting a name that holds > or a quote,
// or spaces at its ends (with its quotes doubled).
func formatTaxonomy(terms []string) string {
	out := make([]string, len(terms))
	for i, t := range terms {
		out[i] = quoteIf(t, !plainText(t) || strings.Contains(t, ">"))
	}
	return strings.Join(out, " > ")
}

// parseTaxonomy reads what formatTaxonomy writes (a line break separates
// names as > does); nil for blank.
func parseTaxonomy(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	p := &linkParser{s: s}
	var out []string
	for {
		p.skipSeparators()
		var term string
		if !p.done() && p.peek() == '"' {
			var err error
			if term, err = p.quoted(); err != nil {
				return nil, err
			}
			p.skipSeparators()
			if !p.done() && p.peek() != '>' && p.peek() != '\n' {
				return nil, fmt.Errorf("unexpected %s after the quoted name %q; separate names with >", snippet(p.s[p.i:]), term)
			}
		} else {
			j := strings.IndexAny(p.s[p.i:], ">\n")
			if j < 0 {
				j = len(p.s) - p.i
			}
			term = strings.TrimSpace(p.s[p.i : p.i+j])
			p.i += j
		}
		out = append(out, term)
		if p.done() {
			return out, nil
		}
		p.i++ // > or a line break
	}
}

func readFormatVersion(r *row, b *Book) {
	v, ok := r.integer(1)
	if !ok {
		return
	}
	b.About.FormatVersion = v
	if v > FormatVersion {
		r.warn(1, "the workbook is format version %d, newer than this program reads (%d); parts of it may be ignored", v, FormatVersion)
	}
}

func readExportedAt(r *row, b *Book) {
	s := r.str(1)
	if s == "" {
		return
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		r.warn(1, "%q is not a time such as 2026-09-14T15:04:05Z; it is ignored", s)
	}
	b.About.ExportedAt = t
}

// writeAbout writes the About sheet: one setting a row.
func writeAbout(w *writer, c *continuum.Continuum, appVersion string, now time.Time, on continuum.Date) {
	about := [][]any{
		{fFormat, FormatVersion},
		{fApp, appVersion},
		{fExported, now.UTC().Format(time.RFC3339)},
		{fContinuum, c.Name},
		{fContinuumID, c.ID},
		{fSubject, c.Subject},
		{fDescription, c.Description},
		{fPacingStart, nil},
		{fTolerance, nil},
		{fPositionsOn, w.date(on)},
	}
	if plan := c.Pacing; plan != nil {
		about[7][1] = w.date(plan.Start)
		about[8][1] = plan.Tolerance
	}
	about = append(about, originRows(c.Origin)...)
	w.sheet(sheetAbout, []string{"Field", "Value"}, []float64{20, 60}, func(add func(...any)) {
		for _, r := range about {
			add(r...)
		}
	})
}
