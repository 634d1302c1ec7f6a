package workbook

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
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
	roster, ok := rosterOf(b, e.opts.Group)
	if !ok {
		return fmt.Errorf("export %s: no student is in group %q", name, e.opts.Group)
	}
	f := excelize.NewFile()
	defer f.Close()
	w := &writer{f: f, ctx: ctx}
	if err := w.makeStyles(); err != nil {
		return fmt.Errorf("export %s: styles: %w", name, err)
	}
	c := &b.Continuum
	writeAbout(w, c, e.opts.AppVersion, now, on)
	writeScale(w, c)
	writeLevels(w, c)
	writeDomains(w, c)
	writeGroups(w, c)
	writePacing(w, c)
	writeTargets(w, c, b.Targets)
	writeReportCard(w, c)
	writeStudents(w, roster.students)
	writeStartingLevels(w, c, roster.students)
	// The evidence, the longest sheet, is written beside the sheets after
	// it (the class's positions are computed for two of them).
	evidenceWritten := writeEvidence(w, roster.evidence)
	writeOverrides(w, roster.overrides)
	writePlans(w, b, roster.keep)
	writeComputed(w, g, roster, on)
	writeReportCardLevels(w, g, roster, on)
	evidenceWritten()
	if w.err != nil {
		return fmt.Errorf("export %s: %w", name, w.err)
	}
	if err := w.save(e.w); err != nil {
		return fmt.Errorf("export %s: write: %w", name, err)
	}
	return nil
}

// roster is the part of a Book's class an export writes.
type roster struct {
	students  []continuum.Student
	evidence  []continuum.Evidence
	overrides []continuum.Override
	// keep holds the IDs of the students written; nil when all are.
	keep map[string]bool
}

// rosterOf returns the whole class of b, or only the students of group
// (capitals aside) with their evidence and overrides; ok is false when
// no student is in the group.
func rosterOf(b *Book, group string) (roster, bool) {
	if group == "" {
		return roster{students: b.Students, evidence: b.Evidence, overrides: b.Overrides}, true
	}
	r := roster{keep: map[string]bool{}}
	for _, s := range b.Students {
		if strings.EqualFold(strings.TrimSpace(s.Group), strings.TrimSpace(group)) {
			r.students = append(r.students, s)
			r.keep[s.ID] = true
		}
	}
	if len(r.students) == 0 {
		return r, false
	}
	for _, ev := range b.Evidence {
		if r.keep[ev.Student] {
			r.evidence = append(r.evidence, ev)
		}
	}
	for _, o := range b.Overrides {
		if r.keep[o.Student] {
			r.overrides = append(r.overrides, o)
		}
	}
	return r, true
}
