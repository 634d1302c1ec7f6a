package demo

import "github.com/continuum-planner/planner/continuum"

// demoReportCard maps the demo's 36 targets to the five standards of a
// district's report card, each standard with a different roll-up rule,
// so that every rule shows on first run.
func demoReportCard() *continuum.ReportCard {
	return &continuum.ReportCard{Standards: []continuum.CardStandard{
		{Code: "MA.NS", Name: "Number sense and operations", Rule: continuum.RuleMostFrequent,
			Targets: []string{"NO.1.1", "NO.1.2", "NO.1.3", "NO.2.1"}},
		{Code: "MA.FR", Name: "Fractions, decimals and ratios", Rule: continuum.RuleMeanDown,
			Targets: []string{"NO.2.2", "NO.2.3", "NO.3.1", "NO.3.2", "NO.3.3", "NO.4.1", "NO.4.2", "NO.4.3"}},
		{Code: "MA.AL", Name: "Algebraic thinking", Rule: continuum.RuleLowest,
			Targets: []string{"AT.1.1", "AT.1.2", "AT.2.1", "AT.2.2", "AT.3.1", "AT.3.2", "AT.4.1", "AT.4.2"}},
		{Code: "MA.PS", Name: "Problem solving and reasoning", Rule: continuum.RuleBands,
			Targets: []string{"PS.1.1", "PS.1.2", "PS.2.1", "PS.2.2", "PS.3.1", "PS.3.2", "PS.4.1", "PS.4.2"},
			Bands:   []continuum.CardBand{{MinPercent: 90, Level: 4}, {MinPercent: 60, Level: 3}, {MinPercent: 30, Level: 2}, {MinPercent: 0, Level: 1}}},
		{Code: "WH", Name: "Work habits", Rule: continuum.RuleMostFrequent,
			Targets: []string{"HS.1.1", "HS.1.2", "HS.2.1", "HS.2.2", "HS.3.1", "HS.3.2", "HS.4.1", "HS.4.2"}},
	}}
}
