package workbook

import (
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

var aboutFieldNames = []string{fFormat, fApp, fExported, fContinuum, fContinuumID, fSubject, fDescription, fPacingStart, fTolerance, fPositionsOn}

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
		return false
	}
	return true
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
	w.sheet(sheetAbout, []string{"Field", "Value"}, []float64{20, 60}, func(add func(...any)) {
		for _, r := range about {
			add(r...)
		}
	})
}
