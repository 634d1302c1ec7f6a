package exchange

import (
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/report"
)

// ReportCardHeader is the header of the report-card CSV a school's
// information system imports: one row per student and standard.
var ReportCardHeader = []string{"student_id", "external_id", "student", "standard", "level", "label"}

// CardRollUp is a class's report-card levels as of a day.
type CardRollUp struct {
	// Continuum is the continuum rolled up, with its report card.
	Continuum continuum.Continuum
	// Group is the group rolled up, as the roster writes it; "" for the whole class.
	Group string
	// On is the day the levels are judged as of.
	On continuum.Date
	// Students is how many students are rolled up.
	Students int
	// Levels are the students in roster order, each with the card's standards in order.
	Levels []report.CardLevel
}

// ReportCardLevels rolls the continuum's evidence up into its report
// card's levels for the active students of group (all of them when group
// is ""), as of day on (today when zero). A continuum without a report
// card, or a group no active student is in, is continuum.ErrNotFound
// saying what to do.
func ReportCardLevels(ctx context.Context, st continuum.ClassReader, continuumID, group string, on continuum.Date) (CardRollUp, error) {
	g, class, err := continuum.LoadClass(ctx, st, continuumID)
	if err != nil {
		return CardRollUp{}, fmt.Errorf("report card: %w", err)
	}
	c := g.Continuum
	if c.ReportCard == nil || len(c.ReportCard.Standards) == 0 {
		return CardRollUp{}, fmt.Errorf("report card of %s: %w", c.Name, continuum.NotFoundf("reportcard.standard",
			"%s has no report card yet; map its targets to the report card's standards first (continuumctl reportcard --set FILE.csv)", c.Name))
	}
	if on.IsZero() {
		on = continuum.Today()
	}
	out := CardRollUp{Continuum: c, On: on}
	class.Students, out.Group, err = activeInGroup(class.Students, group)
	if err != nil {
		return CardRollUp{}, fmt.Errorf("report card of %s: %w", c.Name, err)
	}
	out.Students = len(class.Students)
	out.Levels = report.RollUp(g, *c.ReportCard, class, on)
	return out, nil
}

// activeInGroup keeps the active students of group (capitals aside), all
// active ones for "", and returns the group as the roster writes it.
func activeInGroup(students []continuum.Student, group string) ([]continuum.Student, string, error) {
	group = strings.TrimSpace(group)
	var kept []continuum.Student
	groups := map[string]bool{}
	for _, s := range students {
		if s.Inactive {
			continue
		}
		if s.Group != "" {
			groups[s.Group] = true
		}
		if group == "" || strings.EqualFold(strings.TrimSpace(s.Group), group) {
			kept = append(kept, s)
		}
	}
	if group == "" {
		return kept, "", nil
	}
	if len(kept) == 0 {
		names := make([]string, 0, len(groups))
		for n := range groups {
			names = append(names, n)
		}
		slices.Sort(names)
		return nil, "", continuum.NotFoundf("student", "no student is in group %q; the groups are %s", group, strings.Join(names, ", "))
	}
	return kept, kept[0].Group, nil
}

// WriteReportCardCSV writes levels as the CSV a school's information
// system imports (ReportCardHeader): the standard's code, the level as a
// number and its label on the scale; both are empty for a standard none
// of whose targets has evidence yet, so that nothing is made up.
func WriteReportCardCSV(w io.Writer, levels []report.CardLevel) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(ReportCardHeader); err != nil {
		return fmt.Errorf("write report card csv: %w", err)
	}
	for _, l := range levels {
		level := ""
		if l.HasLevel {
			level = continuum.FormatScore(l.Level)
		}
		if err := cw.Write([]string{l.Student.ID, l.Student.ExternalID, l.Student.Name, l.Standard.Code, level, l.Label}); err != nil {
			return fmt.Errorf("write report card csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write report card csv: %w", err)
	}
	return nil
}

// The columns of a report-card mapping CSV (docs/interop.md), by index into mappingColumns.
const (
	mcStandard = iota
	mcName
	mcRule
	mcTargets
	mcBands
)

// mappingColumns are the names each column of a mapping CSV may have, lower case.
var mappingColumns = [][]string{
	mcStandard: {"standard", "code", "standard code"},
	mcName:     {"name", "standard name", "title"},
	mcRule:     {"rule", "roll-up rule", "rollup rule"},
	mcTargets:  {"targets", "target", "target codes"},
	mcBands:    {"bands"},
}

// ReadReportCardCSV reads a report-card mapping: a header row naming the
// columns standard, name, rule, targets and bands (any order, capitals
// aside; name and bands optional), then a row per standard, or several
// rows for one standard whose targets add up. Targets are separated by
// ";" or ","; the rule is one of continuum.CardRules as ParseCardRule
// reads it; bands are written as ParseBands reads them, against scale.
// A problem is reported with its file, row and column and what to write.
func ReadReportCardCSV(r io.Reader, file string, scale *continuum.Scale) (*continuum.ReportCard, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, fmt.Errorf("read report card %s: the file is empty; expected a header row: standard,name,rule,targets,bands", file)
	}
	if err != nil {
		return nil, fmt.Errorf("read report card %s: %w", file, err)
	}
	at, err := mappingHeader(head)
	if err != nil {
		return nil, fmt.Errorf("read report card %s: %w", file, err)
	}
	mr := mappingReader{at: at, scale: scale}
	for n := 2; ; n++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("read report card %s: %w", file, err)
		}
		if err := mr.row(rec); err != nil {
			return nil, fmt.Errorf("read report card %s row %d, %w", file, n, err)
		}
	}
	if len(mr.card.Standards) == 0 {
		return nil, fmt.Errorf("read report card %s: no standard is listed; add a row per standard under the header", file)
	}
	if err := mr.card.Validate(scale); err != nil {
		return nil, fmt.Errorf("read report card %s: %w", file, err)
	}
	return &mr.card, nil
}

// mappingHeader finds the columns of a mapping CSV's header row.
func mappingHeader(head []string) ([]int, error) {
	at := []int{-1, -1, -1, -1, -1}
	for col, h := range head {
		h = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		for i, names := range mappingColumns {
			if at[i] < 0 && slices.Contains(names, h) {
				at[i] = col
			}
		}
	}
	for _, i := range []int{mcStandard, mcRule, mcTargets} {
		if at[i] < 0 {
			return nil, fmt.Errorf("the header has no %s column; expected the columns standard,name,rule,targets (and bands for the bands rule), found %s",
				mappingColumns[i][0], strings.Join(head, ","))
		}
	}
	return at, nil
}

// mappingReader gathers the standards of a mapping CSV, row by row.
type mappingReader struct {
	at    []int
	scale *continuum.Scale
	card  continuum.ReportCard
}

// cell returns column i of rec, trimmed; "" when the row is short or the column absent.
func (mr *mappingReader) cell(rec []string, i int) string {
	if c := mr.at[i]; c >= 0 && c < len(rec) {
		return strings.TrimSpace(rec[c])
	}
	return ""
}

// row reads one row into the card; its error starts with the column.
func (mr *mappingReader) row(rec []string) error {
	row := continuum.CardRow{Standard: mr.cell(rec, mcStandard), Name: mr.cell(rec, mcName), Rule: mr.cell(rec, mcRule),
		Targets: mr.cell(rec, mcTargets), Bands: mr.cell(rec, mcBands)}
	if err := mr.card.AddRow(row, mr.scale); err != nil {
		col := mappingColumns[mcStandard][0]
		switch continuum.ErrorField(err) {
		case "reportcard.rule":
			col = mappingColumns[mcRule][0]
		case "reportcard.targets":
			col = mappingColumns[mcTargets][0]
		case "reportcard.bands":
			col = mappingColumns[mcBands][0]
		}
		return fmt.Errorf("column %s: %s", col, bare(err))
	}
	return nil
}

// WriteReportCardMapping writes card as ReadReportCardCSV reads it, a row
// per standard, so that a teacher can start from the stored mapping.
func WriteReportCardMapping(w io.Writer, card *continuum.ReportCard) error {
	cw := csv.NewWriter(w)
	rows := [][]string{{"standard", "name", "rule", "targets", "bands"}}
	if card != nil {
		for _, s := range card.Standards {
			rows = append(rows, []string{s.Code, s.Name, string(s.Rule), strings.Join(s.Targets, "; "), continuum.FormatBands(s.Bands)})
		}
	}
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("write report card mapping: %w", err)
	}
	return nil
}

// bare returns the message of a domain error without its field, which
// the caller names as a column.
func bare(err error) string {
	var e *continuum.Error
	if errors.As(err, &e) {
		return e.Message
	}
	return err.Error()
}
