package continuum

import (
	"context"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// ReportCard maps a continuum's learning targets to the standards of a
// district's report card, which needs one level per standard per term
// while teachers assess the finer targets. It is kept with its continuum
// (Continuum.ReportCard).
//
// A target may count towards more than one standard: districts' standards
// overlap (a problem-solving target informs "Number sense" and "Problem
// solving" alike), so it is allowed; within one standard a target is
// listed once.
type ReportCard struct {
	// Standards are the report card's standards in the order the card lists them.
	Standards []CardStandard `json:"standards"`
}

// CardStandard is one standard of a report card and how its level is
// rolled up from its targets.
type CardStandard struct {
	// Code is the standard's code in the school's information system, e.g.
	// "MA.NS"; unique in the card, case-insensitively.
	Code string `json:"code"`
	// Name is the standard as the report card prints it, e.g. "Number sense".
	Name string `json:"name,omitempty"`
	// Targets are the codes of the targets that give the standard its level.
	Targets []string `json:"targets"`
	// Rule is how the targets' levels become the standard's level.
	Rule CardRule `json:"rule"`
	// Bands are the teacher's bands of the share of targets mastered;
	// read only by RuleBands.
	Bands []CardBand `json:"bands,omitempty"`
}

// CardBand is one band of the bands rule: a share of targets mastered of
// at least MinPercent gives Level.
type CardBand struct {
	// MinPercent is the lowest share of the targets mastered, 0 to 100, that gives Level.
	MinPercent float64 `json:"min_percent"`
	// Level is a point of the continuum's scale.
	Level float64 `json:"level"`
}

// CardRule is how a report-card standard's level is rolled up from the
// levels of its targets.
type CardRule string

// The roll-up rules.
const (
	// RuleMostFrequent gives the level most of the targets have; a tie goes to the lower level.
	RuleMostFrequent CardRule = "most-frequent"
	// RuleMeanDown gives the mean of the targets' levels, rounded down to a scale point.
	RuleMeanDown CardRule = "mean"
	// RuleLowest gives the lowest of the targets' levels.
	RuleLowest CardRule = "lowest"
	// RuleBands gives the level of the band the share of targets mastered falls in.
	RuleBands CardRule = "bands"
)

// CardRules lists every rule in the order a chooser shows them.
var CardRules = []CardRule{RuleMostFrequent, RuleMeanDown, RuleLowest, RuleBands}

// Label returns the rule's name for people.
func (r CardRule) Label() string {
	switch r {
	case RuleMostFrequent:
		return "Most frequent level"
	case RuleMeanDown:
		return "Mean, rounded down"
	case RuleLowest:
		return "Lowest level"
	case RuleBands:
		return "Share of targets mastered"
	}
	return string(r)
}

// Explain says in one sentence how the rule gives a standard its level.
func (r CardRule) Explain() string {
	switch r {
	case RuleMostFrequent:
		return "The level that most of the standard's targets are at; when two levels are equally frequent, the lower one."
	case RuleMeanDown:
		return "The mean of the targets' levels, rounded down to a point of the scale (a mean of 2.75 on a 1–4 scale gives 2)."
	case RuleLowest:
		return "The lowest level among the standard's targets: the standard is only as secure as its weakest target."
	case RuleBands:
		return "The share of the standard's targets that are mastered, read against the teacher's bands (for example 90% or more gives 4); a share below every band gives the scale's lowest point."
	}
	return fmt.Sprintf("%q is not a roll-up rule.", string(r))
}

// ParseCardRule reads a rule from its code or a common way of writing it:
// "most-frequent", "most frequent", "mode"; "mean", "mean rounded down",
// "average"; "lowest", "minimum"; "bands", "share mastered", "percent mastered".
func ParseCardRule(s string) (CardRule, error) {
	k := strings.Join(strings.FieldsFunc(strings.ToLower(s), func(r rune) bool {
		return r == ' ' || r == '-' || r == '_' || r == ',' || r == '.'
	}), " ")
	switch {
	case k == "most frequent" || k == "mode" || strings.HasPrefix(k, "most frequent"):
		return RuleMostFrequent, nil
	case k == "mean" || k == "average" || strings.HasPrefix(k, "mean "):
		return RuleMeanDown, nil
	case k == "lowest" || k == "minimum" || k == "min" || strings.HasPrefix(k, "lowest "):
		return RuleLowest, nil
	case k == "bands" || k == "band" || strings.Contains(k, "mastered"):
		return RuleBands, nil
	}
	return "", Invalidf("reportcard.rule", "%q is not a roll-up rule; expected most-frequent, mean, lowest or bands", strings.TrimSpace(s))
}

// Validate checks the card on its own and against the continuum's scale:
// each standard has a code used once, targets with valid codes listed once,
// a known rule, and, for the bands rule, bands from 0 to 100% giving
// points of the scale. Whether the targets exist is CheckTargets's work.
func (rc *ReportCard) Validate(scale *Scale) error {
	seen := map[string]int{}
	for i := range rc.Standards {
		s := &rc.Standards[i]
		code := strings.TrimSpace(s.Code)
		place := fmt.Sprintf("report-card standard %d", i+1)
		if code != "" {
			place = fmt.Sprintf("report-card standard %s", code)
		}
		switch {
		case code == "":
			return Invalidf("reportcard.standard", "%s has no code; give it the code the school's information system uses, e.g. MA.NS", place)
		case !validCode(code):
			return Invalidf("reportcard.standard", "%s: the code %q cannot serve: use up to 64 printable characters without / , or ;", place, code)
		}
		if first, dup := seen[strings.ToLower(code)]; dup {
			return Invalidf("reportcard.standard", "%s appears twice (standards %d and %d); give each standard its own code", place, first, i+1)
		}
		seen[strings.ToLower(code)] = i + 1
		if err := s.validate(place, scale); err != nil {
			return err
		}
	}
	return nil
}

// validate checks one standard's targets, rule and bands.
func (s *CardStandard) validate(place string, scale *Scale) error {
	if len(s.Targets) == 0 {
		return Invalidf("reportcard.targets", "%s lists no targets; name the targets that give it its level, e.g. NO.1.1; NO.1.2", place)
	}
	listed := map[string]bool{}
	for _, t := range s.Targets {
		k := strings.ToLower(NormalizeCode(t))
		if !validCode(NormalizeCode(t)) {
			return Invalidf("reportcard.targets", "%s: %q is not a target code; use the codes of the Targets sheet", place, t)
		}
		if listed[k] {
			return Invalidf("reportcard.targets", "%s lists %s twice; list each target once", place, NormalizeCode(t))
		}
		listed[k] = true
	}
	if !slices.Contains(CardRules, s.Rule) {
		return Invalidf("reportcard.rule", "%s: %q is not a roll-up rule; expected most-frequent, mean, lowest or bands", place, string(s.Rule))
	}
	if s.Rule != RuleBands {
		if len(s.Bands) > 0 {
			return Invalidf("reportcard.bands", "%s has bands but its rule is %s; clear the bands or choose the bands rule", place, s.Rule.Label())
		}
		return nil
	}
	return validateBands(place, s.Bands, scale)
}

// validateBands checks the bands rule's bands: at least one, shares from
// 0 to 100% used once, levels on the scale.
func validateBands(place string, bands []CardBand, scale *Scale) error {
	if len(bands) == 0 {
		return Invalidf("reportcard.bands", "%s uses the bands rule but has no bands; write them like 90%%=4; 60%%=3; 30%%=2; 0%%=1", place)
	}
	seen := map[float64]bool{}
	for _, b := range bands {
		if math.IsNaN(b.MinPercent) || b.MinPercent < 0 || b.MinPercent > 100 {
			return Invalidf("reportcard.bands", "%s: the band %s%% is not a share from 0 to 100%%", place, FormatScore(b.MinPercent))
		}
		if seen[b.MinPercent] {
			return Invalidf("reportcard.bands", "%s has two bands from %s%%; keep one", place, FormatScore(b.MinPercent))
		}
		seen[b.MinPercent] = true
		if scale != nil {
			if _, ok := scale.Point(b.Level); !ok {
				return Invalidf("reportcard.bands", "%s: the band from %s%% gives %s, which is not on the scale; expected one of %s",
					place, FormatScore(b.MinPercent), FormatScore(b.Level), scale.describe())
			}
		}
	}
	return nil
}

// CheckTargets checks that every target the card names is a target of
// g's continuum, naming the standard and the unknown code.
func (rc *ReportCard) CheckTargets(g *Graph) error {
	for _, s := range rc.Standards {
		for _, t := range s.Targets {
			if _, ok := g.Lookup(t); !ok {
				return NotFoundf("reportcard.targets", "report-card standard %s names %s, which is not a target of %s; fix the code or take it out of the standard",
					s.Code, NormalizeCode(t), g.Continuum.Name)
			}
		}
	}
	return nil
}

// Standard returns the standard with the given code (capitals aside).
func (rc *ReportCard) Standard(code string) (CardStandard, bool) {
	for _, s := range rc.Standards {
		if SameCode(s.Code, code) {
			return s, true
		}
	}
	return CardStandard{}, false
}

// Title returns the standard's name, or its code when it has none.
func (s *CardStandard) Title() string {
	if strings.TrimSpace(s.Name) != "" {
		return s.Name
	}
	return s.Code
}

// Clone returns a copy of the card that shares no slices with it; nil for nil.
func (rc *ReportCard) Clone() *ReportCard {
	if rc == nil {
		return nil
	}
	out := &ReportCard{Standards: slices.Clone(rc.Standards)}
	for i := range out.Standards {
		out.Standards[i].Targets = slices.Clone(out.Standards[i].Targets)
		out.Standards[i].Bands = slices.Clone(out.Standards[i].Bands)
	}
	return out
}

// RenameTarget returns a copy of the card with every mention of the
// target old written code: the card as it is after
// ContinuumStore.RenameTarget. It reports whether anything changed.
func (rc *ReportCard) RenameTarget(old, code string) (*ReportCard, bool) {
	out := rc.Clone()
	if out == nil {
		return nil, false
	}
	changed := false
	for i := range out.Standards {
		for k, t := range out.Standards[i].Targets {
			if SameCode(t, old) && t != code {
				out.Standards[i].Targets[k] = code
				changed = true
			}
		}
	}
	return out, changed
}

// WithoutTarget returns a copy of the card with the target code taken out
// of every standard, and a standard left with no target taken out too:
// the card as it is after ContinuumStore.DeleteTarget. It reports whether
// anything changed.
func (rc *ReportCard) WithoutTarget(code string) (*ReportCard, bool) {
	out := rc.Clone()
	if out == nil {
		return nil, false
	}
	changed := false
	kept := out.Standards[:0]
	for _, s := range out.Standards {
		n := len(s.Targets)
		s.Targets = slices.DeleteFunc(s.Targets, func(t string) bool { return SameCode(t, code) })
		changed = changed || len(s.Targets) != n
		if len(s.Targets) > 0 {
			kept = append(kept, s)
		}
	}
	out.Standards = kept
	return out, changed
}

// FormatBands writes bands as a teacher types them, highest share first:
// "90%=4; 60%=3; 30%=2; 0%=1".
func FormatBands(bands []CardBand) string {
	sorted := slices.Clone(bands)
	slices.SortStableFunc(sorted, func(a, b CardBand) int { return cmpFloat(b.MinPercent, a.MinPercent) })
	parts := make([]string, len(sorted))
	for i, b := range sorted {
		parts[i] = FormatScore(b.MinPercent) + "%=" + FormatScore(b.Level)
	}
	return strings.Join(parts, "; ")
}

// ParseBands reads bands as FormatBands writes them, leniently: pairs
// separated by ";" or ",", each a share (the % sign optional, "else" for
// 0) and a level joined by "=" or ":"; a level may be a scale point's
// label ("90%=Extending") when scale is given. "" gives no bands.
func ParseBands(s string, scale *Scale) ([]CardBand, error) {
	var out []CardBand
	for part := range strings.FieldsFuncSeq(s, func(r rune) bool { return r == ';' || r == ',' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		share, level, ok := strings.Cut(part, "=")
		if !ok {
			share, level, ok = strings.Cut(part, ":")
		}
		if !ok {
			return nil, Invalidf("reportcard.bands", "%q is not a band; write a share and a level like 90%%=4", part)
		}
		share = strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(share), "≥"))
		share = strings.TrimSpace(strings.TrimPrefix(share, ">="))
		var pct float64
		if !strings.EqualFold(share, "else") {
			v, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(share, "%")), 64)
			if err != nil {
				return nil, Invalidf("reportcard.bands", "in %q, %q is not a share; write a percentage such as 90%% (or else)", part, share)
			}
			pct = v
		}
		lv, err := parseBandLevel(strings.TrimSpace(level), scale)
		if err != nil {
			return nil, Invalidf("reportcard.bands", "in %q, %s", part, bareMessage(err))
		}
		out = append(out, CardBand{MinPercent: pct, Level: lv})
	}
	return out, nil
}

// parseBandLevel reads a band's level: a number, or a label of scale.
func parseBandLevel(s string, scale *Scale) (float64, error) {
	if scale != nil {
		return scale.ParseScore(s)
	}
	v, err := strconv.ParseFloat(strings.Replace(s, ",", ".", 1), 64)
	if err != nil {
		return 0, Invalidf("reportcard.bands", "%q is not a level; expected a point of the scale such as 3", s)
	}
	return v, nil
}

// cmpFloat compares two numbers for sorting.
func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// ReportCardStore keeps a continuum's report card. SetReportCard replaces
// the card (nil clears it) after checking it against the continuum's scale
// and targets.
type ReportCardStore interface {
	SetReportCard(ctx context.Context, continuumID string, card *ReportCard) error
}

// PointAtOrBelow returns the highest point of the scale at or below v
// (within 1e-9, so that 2.9999999999 from a mean is 3), or the lowest
// point when v is below them all.
func (s *Scale) PointAtOrBelow(v float64) ScalePoint {
	if len(s.Points) == 0 {
		return ScalePoint{}
	}
	p := s.Points[0]
	for _, q := range s.Points[1:] {
		if q.Value <= v+1e-9 {
			p = q
		}
	}
	return p
}

// PointBelow returns the highest point of the scale below v, or the
// lowest point when there is none.
func (s *Scale) PointBelow(v float64) ScalePoint {
	if len(s.Points) == 0 {
		return ScalePoint{}
	}
	p := s.Points[0]
	for _, q := range s.Points[1:] {
		if q.Value < v-1e-9 {
			p = q
		}
	}
	return p
}

// Summary writes the card in a line per standard, for showing two
// versions side by side: "MA.NS Number sense (Mean, rounded down): NO.1.1,
// NO.1.2"; "—" for no card.
func (rc *ReportCard) Summary() string {
	if rc == nil || len(rc.Standards) == 0 {
		return "—"
	}
	lines := make([]string, len(rc.Standards))
	for i, s := range rc.Standards {
		rule := s.Rule.Label()
		if s.Rule == RuleBands {
			rule += " " + FormatBands(s.Bands)
		}
		name := s.Code
		if strings.TrimSpace(s.Name) != "" {
			name += " " + s.Name
		}
		lines[i] = fmt.Sprintf("%s (%s): %s", name, rule, strings.Join(s.Targets, ", "))
	}
	return strings.Join(lines, "\n")
}

// CardRow is one row of a report-card mapping as teachers write it in a
// spreadsheet or a CSV: a standard with its name, rule, targets (codes
// separated by ";" or ",") and bands, each as text.
type CardRow struct {
	// Standard is the standard's code.
	Standard string
	// Name is the standard's name; may be blank on a row that adds targets.
	Name string
	// Rule is the roll-up rule as ParseCardRule reads it; may be blank on a row that adds targets.
	Rule string
	// Targets are the target codes, separated by ";", "," or line breaks.
	Targets string
	// Bands are the bands as ParseBands reads them.
	Bands string
}

// AddRow adds a mapping row to the card: a new standard, or more targets
// for one listed above (its name, rule and bands may then be blank, or
// must agree). A blank row adds nothing. The error's field
// (reportcard.standard, .rule, .targets or .bands) says which column is at
// fault, and its message what to write there. The card as a whole is
// checked by Validate once every row is added.
func (rc *ReportCard) AddRow(row CardRow, scale *Scale) error {
	code, name := strings.TrimSpace(row.Standard), strings.TrimSpace(row.Name)
	ruleText := strings.TrimSpace(row.Rule)
	targets := SplitCardTargets(row.Targets)
	if code == "" && name == "" && ruleText == "" && len(targets) == 0 && strings.TrimSpace(row.Bands) == "" {
		return nil
	}
	if code == "" {
		return Invalidf("reportcard.standard", "is empty; expected the standard's code in the school's system, e.g. MA.NS")
	}
	var rule CardRule
	if ruleText != "" {
		var err error
		if rule, err = ParseCardRule(ruleText); err != nil {
			return err
		}
	}
	bands, err := ParseBands(row.Bands, scale)
	if err != nil {
		return err
	}
	i := slices.IndexFunc(rc.Standards, func(s CardStandard) bool { return SameCode(s.Code, code) })
	if i < 0 {
		if rule == "" {
			return Invalidf("reportcard.rule", "is empty for standard %s; expected most-frequent, mean, lowest or bands", code)
		}
		rc.Standards = append(rc.Standards, CardStandard{Code: code, Name: name, Targets: targets, Rule: rule, Bands: bands})
		return nil
	}
	s := &rc.Standards[i]
	switch {
	case name != "" && s.Name != "" && name != s.Name:
		return Invalidf("reportcard.standard", "standard %s is named %q above and %q here; write one name, or leave this one blank", code, s.Name, name)
	case rule != "" && rule != s.Rule:
		return Invalidf("reportcard.rule", "standard %s has the rule %s above and %s here; write one rule, or leave this one blank", code, s.Rule, rule)
	case len(bands) > 0 && len(s.Bands) > 0 && FormatBands(bands) != FormatBands(s.Bands):
		return Invalidf("reportcard.bands", "standard %s has other bands above; write them once", code)
	}
	if s.Name == "" {
		s.Name = name
	}
	if len(s.Bands) == 0 {
		s.Bands = bands
	}
	s.Targets = append(s.Targets, targets...)
	return nil
}

// SplitCardTargets splits a cell of target codes on ";", "," and line breaks.
func SplitCardTargets(s string) []string {
	var out []string
	for _, c := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == ',' || r == '\n' || r == '\r' }) {
		if c = strings.TrimSpace(c); c != "" {
			out = append(out, c)
		}
	}
	return out
}
