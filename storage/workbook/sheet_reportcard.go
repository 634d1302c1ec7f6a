package workbook

import (
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/report"
)

// The columns of the Report card sheet, by index into reportCardCols.
const (
	cardStandard = iota
	cardName
	cardRule
	cardTargets
	cardBands
	cardExplained
)

var reportCardCols = []column{
	cardStandard:  {names: []string{"Standard", "Standard code", "Code"}, required: true, expect: "the standard's code in the school's information system, such as MA.NS"},
	cardName:      {names: []string{"Name", "Standard name"}, expect: "the standard as the report card prints it"},
	cardRule:      {names: []string{"Rule", "Roll-up rule"}, expect: "most-frequent, mean, lowest or bands"},
	cardTargets:   {names: []string{"Targets", "Target codes"}, required: true, expect: "target codes of the Targets sheet separated by semicolons, such as NO.1.1; NO.1.2"},
	cardBands:     {names: []string{"Bands"}, expect: "for the bands rule, shares mastered and levels such as 90%=4; 60%=3; 30%=2; 0%=1"},
	cardExplained: {names: []string{"How the rule works", "Explained"}, expect: "anything: it is written for people and not read"},
}

// The columns of the Report card levels sheet: what the export's students
// get on each standard, for reading; it is not read back.
var reportCardLevelCols = []string{"Student ID", "External ID", "Student", "Standard", "Level", "Label", "Why"}

// readReportCard reads the Report card sheet, when there is one, into the
// continuum's report card: a row per standard, or several rows whose
// targets add up. A row that names a target the workbook lacks, or breaks
// a rule of the card, is a problem on that row and its standard is left
// out. It runs once the targets are read (rf knows their codes).
func readReportCard(st *state, b *Book, rf *refs) error {
	ref, ok := st.sheet(sheetReportCard)
	if !ok {
		return nil
	}
	var card continuum.ReportCard
	firstRow := map[string]int{} // lower-cased standard code → its first row
	refused := map[string]bool{}
	scale := &b.Continuum.Scale
	_, err := st.readTable(ref, reportCardCols, true, nil, func(r *row) {
		row := continuum.CardRow{Standard: r.str(cardStandard), Name: r.text(cardName), Rule: r.str(cardRule), Targets: r.str(cardTargets), Bands: r.str(cardBands)}
		if r.bad {
			refused[strings.ToLower(row.Standard)] = true
			return
		}
		if err := card.AddRow(row, scale); err != nil {
			r.problemErr(reportCardColumn(err), err)
			refused[strings.ToLower(row.Standard)] = true
			return
		}
		k := strings.ToLower(row.Standard)
		if _, seen := firstRow[k]; !seen {
			firstRow[k] = r.num
		}
		for _, code := range continuum.SplitCardTargets(row.Targets) {
			if _, ok := rf.target(code); !ok {
				r.problem(cardTargets, "%s is not a target code of the Targets sheet; fix the code or take it out of standard %s", code, row.Standard)
				refused[k] = true
			}
		}
	})
	if err != nil {
		return err
	}
	kept := card.Standards[:0]
	for _, s := range card.Standards {
		k := strings.ToLower(s.Code)
		if refused[k] {
			continue
		}
		for i, code := range s.Targets {
			s.Targets[i], _ = rf.target(code)
		}
		one := continuum.ReportCard{Standards: []continuum.CardStandard{s}}
		if err := one.Validate(scale); err != nil {
			st.problem(Problem{Sheet: ref.name, Row: firstRow[k], Message: plain(err), Err: err})
			continue
		}
		kept = append(kept, s)
	}
	if len(kept) > 0 {
		card.Standards = kept
		b.Continuum.ReportCard = &card
	}
	return nil
}

// reportCardColumn returns the column a report-card error is about.
func reportCardColumn(err error) int {
	switch continuum.ErrorField(err) {
	case "reportcard.rule":
		return cardRule
	case "reportcard.targets":
		return cardTargets
	case "reportcard.bands":
		return cardBands
	}
	return cardStandard
}

// writeReportCard writes the Report card sheet: a row per standard of the
// continuum's report card (none without one), with its rule explained.
func writeReportCard(w *writer, c *continuum.Continuum) {
	w.sheet(sheetReportCard, colNames(reportCardCols), []float64{14, 30, 16, 50, 30, 70}, func(add func(...any)) {
		if c.ReportCard == nil {
			return
		}
		for _, s := range c.ReportCard.Standards {
			add(s.Code, w.wrapped(s.Name), string(s.Rule), w.wrapped(strings.Join(s.Targets, "; ")),
				continuum.FormatBands(s.Bands), w.wrapped(s.Rule.Explain()))
		}
	})
}

// writeReportCardLevels writes the Report card levels sheet: each
// exported student's level on each standard as of on, with why. The
// sheet has only its header when the continuum has no report card.
func writeReportCardLevels(w *writer, g *continuum.Graph, r roster, on continuum.Date) {
	w.sheet(sheetReportCardLevels, reportCardLevelCols, []float64{12, 14, 24, 14, 8, 14, 100}, func(add func(...any)) {
		card := g.Continuum.ReportCard
		if card == nil || len(card.Standards) == 0 {
			return
		}
		students := slices.DeleteFunc(slices.Clone(r.students), func(s continuum.Student) bool { return s.Inactive })
		class := continuum.Class{Students: students, Evidence: r.evidence, Overrides: r.overrides}
		for _, l := range report.RollUp(g, *card, class, on) {
			var level any = ""
			if l.HasLevel {
				level = l.Level
			}
			add(l.Student.ID, l.Student.ExternalID, l.Student.Name, l.Standard.Code, level, l.Label, w.wrapped(l.Why))
		}
	})
}
