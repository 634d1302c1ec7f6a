package standards

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
	"github.com/continuum-planner/planner/storage/workbook"
)

// MoodleTaxonomyTerms are the taxonomy terms Moodle accepts for a depth of
// a competency framework (core_competency\competency_framework's
// TAXONOMY_* constants, competency/classes/competency_framework.php);
// its importer refuses a framework naming any other.
var MoodleTaxonomyTerms = []string{"behaviour", "competency", "concept", "domain", "indicator", "level",
	"outcome", "practice", "proficiency", "skill", "value"}

// moodleDefaultTerm is the term Moodle gives a depth its taxonomy leaves empty or does not reach.
const moodleDefaultTerm = "competency"

// readTaxonomy reads the framework row's taxonomy, one term per depth
// from the top: a comma-separated list, as Moodle writes it now
// ("domain,competency,behaviour"), or the JSON object early versions of
// the import tool wrote ({"1":"domain","2":"competency"}). Empty terms are
// "competency", as Moodle reads them.
func (r *moodleReader) readTaxonomy(row workbook.TextRow) []string {
	raw := r.get(row, moodleTaxonomy)
	place := r.place(row.Num, moodleTaxonomy)
	var terms []string
	switch {
	case raw == "":
		return nil
	case strings.HasPrefix(raw, "{") || strings.HasPrefix(raw, "["):
		var err error
		if terms, err = moodleJSONTerms(raw); err != nil {
			r.notes.add("", place, fmt.Sprintf("the taxonomy %q is neither a list of terms separated by commas nor JSON Moodle wrote (%v); each depth is called competency", raw, err))
			return nil
		}
		r.notes.add("", place, "the taxonomy is written as JSON, as early versions of Moodle's import tool wrote it; Moodle's importer now expects the terms separated by commas (domain,competency,…)")
	default:
		terms = strings.Split(raw, ",")
	}
	var unknown []string
	for i, t := range terms {
		t = strings.ToLower(strings.TrimSpace(t))
		if t == "" {
			t = moodleDefaultTerm
		}
		if !slices.Contains(MoodleTaxonomyTerms, t) && !slices.Contains(unknown, t) {
			unknown = append(unknown, t)
		}
		terms[i] = t
	}
	if len(unknown) > 0 {
		r.notes.add("", place, fmt.Sprintf("the taxonomy names %s, which Moodle does not know; it accepts %s, and its importer refuses other terms",
			strings.Join(unknown, ", "), strings.Join(MoodleTaxonomyTerms, ", ")))
	}
	return terms
}

// moodleJSONTerms reads a taxonomy written as a JSON object of depth →
// term, or a JSON array of terms.
func moodleJSONTerms(raw string) ([]string, error) {
	if strings.HasPrefix(raw, "[") {
		var list []string
		err := json.Unmarshal([]byte(raw), &list)
		return list, err
	}
	var byDepth map[string]string
	if err := json.Unmarshal([]byte(raw), &byDepth); err != nil {
		return nil, err
	}
	var terms []string
	for k, v := range byDepth {
		d, err := strconv.Atoi(strings.TrimSpace(k))
		if err != nil || d < 1 || d > 1000 {
			return nil, fmt.Errorf("%q is not a depth", k)
		}
		for len(terms) < d {
			terms = append(terms, "")
		}
		terms[d-1] = v
	}
	return terms, nil
}

// readScale reads a row's scale: its values, separated by commas (Moodle
// trims each, grade_scale::load_items), are the points 1, 2 … n; its
// configuration's proficient flags give the cut, the lowest proficient
// point. A proficiency Moodle gives that a cut cannot (proficient points
// that are not the top of the scale) is named in a warning. A scale that
// cannot be read gives nil and a warning.
func (r *moodleReader) readScale(row workbook.TextRow, values string) *continuum.Scale {
	place := r.place(row.Num, moodleScaleValues)
	labels := strings.Split(values, ",")
	if len(labels) < 2 {
		r.notes.add("scale", place, fmt.Sprintf("the scale %q has one value; a scale needs two at least, so it is not used", values))
		return nil
	}
	s := &continuum.Scale{}
	for i, l := range labels {
		l = strings.TrimSpace(l)
		if l == "" {
			l = strconv.Itoa(i + 1)
			r.notes.add("scale", place, fmt.Sprintf("scale value %d is empty; it is called %s", i+1, l))
		}
		s.Points = append(s.Points, continuum.ScalePoint{Value: float64(i + 1), Label: l})
	}
	cfgPlace := r.place(row.Num, moodleScaleConfig)
	cfg, err := moodleReadScaleConfig(r.get(row, moodleScaleConfig), len(labels))
	if err != nil {
		r.notes.add("scale", cfgPlace, err.Error())
	}
	for _, p := range cfg.problems {
		r.notes.add("scale", cfgPlace, p)
	}
	s.Cut = r.cutOf(s, cfg, cfgPlace)
	if err := s.Validate(); err != nil {
		r.notes.add("scale", place, fmt.Sprintf("the scale %q cannot be used (%s)", values, continuum.ErrorMessage(err)))
		return nil
	}
	return s
}

// cutOf returns the cut of scale s from its configuration: the lowest
// proficient point, or, when none is, the middle one.
func (r *moodleReader) cutOf(s *continuum.Scale, cfg moodleScaleFlags, place framework.Place) float64 {
	n := len(s.Points)
	low := 0
	for id := 1; id <= n; id++ {
		if cfg.proficient[id] {
			low = id
			break
		}
	}
	switch {
	case low == 0:
		low = n/2 + 1
		r.notes.add("scale", place, fmt.Sprintf("no scale value is proficient; Moodle's importer needs one; from %s up counts as mastered", s.Points[low-1].Label))
	case low == 1:
		low = 2
		r.notes.add("scale", place, fmt.Sprintf("the lowest scale value, %s, is proficient; a cut needs a value below it, so from %s up counts as mastered",
			s.Points[0].Label, s.Points[1].Label))
	}
	var not []string
	for id := low + 1; id <= n; id++ {
		if !cfg.proficient[id] {
			not = append(not, fmt.Sprintf("%q (%d)", s.Points[id-1].Label, id))
		}
	}
	if len(not) > 0 {
		r.notes.add("scale", place, fmt.Sprintf("Moodle counts %q (%d) as proficient but not %s above it; a continuum's cut counts every value from %q up as mastered",
			s.Points[low-1].Label, low, strings.Join(not, ", "), s.Points[low-1].Label))
	}
	if !cfg.hasDefault && cfg.read {
		r.notes.add("scale", place, "no scale value is the default; Moodle's importer needs one (the default is not kept here)")
	}
	return s.Points[low-1].Value
}

// moodleScaleFlags is what a scale configuration says.
type moodleScaleFlags struct {
	read       bool         // the configuration was read
	proficient map[int]bool // scale value id (from 1) → proficient
	hasDefault bool
	problems   []string
}

// moodleReadScaleConfig reads a scale configuration: a JSON array whose
// first entry names the scale ({"scaleid":"2"}) and whose others flag
// scale values by id, from 1 ({"id":2,"scaledefault":1,"proficient":1}),
// as Moodle's tool_lp/scaleconfig writes it. Flags are read as PHP reads
// them: 1, "1", true are set; 0, "0", "", false and a missing flag are not.
func moodleReadScaleConfig(raw string, n int) (moodleScaleFlags, error) {
	cfg := moodleScaleFlags{proficient: map[int]bool{}}
	if strings.TrimSpace(raw) == "" {
		return cfg, fmt.Errorf("the scale has no configuration; Moodle's importer needs one naming the default and proficient values")
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	dec.UseNumber()
	var list []map[string]any
	if err := dec.Decode(&list); err != nil {
		return cfg, fmt.Errorf("the scale configuration is not the JSON Moodle writes, e.g. [{\"scaleid\":\"1\"},{\"id\":2,\"scaledefault\":1,\"proficient\":1}] (%v)", err)
	}
	cfg.read = true
	if len(list) > 0 {
		if _, ok := list[0]["scaleid"]; !ok {
			cfg.problems = append(cfg.problems, "the scale configuration's first entry has no scaleid; Moodle takes the first entry for the scale's and skips it")
		}
		list = list[1:]
	}
	for _, e := range list {
		id, ok := moodleInt(e["id"])
		if !ok || id < 1 || id > n {
			cfg.problems = append(cfg.problems, fmt.Sprintf("the scale configuration names value %v, which the scale of %d values does not have; it is skipped", e["id"], n))
			continue
		}
		if moodleFlag(e["proficient"]) {
			cfg.proficient[id] = true
		}
		if moodleFlag(e["scaledefault"]) {
			cfg.hasDefault = true
		}
	}
	return cfg, nil
}

// moodleInt reads a JSON number or numeric string as an int.
func moodleInt(v any) (int, bool) {
	var s string
	switch x := v.(type) {
	case json.Number:
		s = x.String()
	case string:
		s = strings.TrimSpace(x)
	default:
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != float64(int(f)) {
		return 0, false
	}
	return int(f), true
}

// moodleFlag reads a flag as PHP's truth does.
func moodleFlag(v any) bool {
	switch x := v.(type) {
	case bool:
		return x
	case json.Number:
		f, err := x.Float64()
		return err == nil && f != 0
	case string:
		return x != "" && x != "0"
	}
	return false
}
