package standards

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// canvasImportedRow is a data row as Canvas's importer sees it.
type canvasImportedRow struct {
	line    int
	f       map[string]string
	ratings []string // points and descriptions, trailing blanks dropped
}

// canvasAccepts restates the checks Canvas's importer makes
// (lib/outcomes/csv_importer.rb, lib/outcomes/import.rb,
// OutcomeCalculationMethod::VALID_CALCULATION_INTS) and returns the rows
// with every rule a row breaks.
func canvasAccepts(data []byte) ([]canvasImportedRow, []string) {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, []string{"Invalid CSV File: " + err.Error()}
	}
	if len(recs) < 2 {
		return nil, []string{"File has no outcomes data"}
	}
	head := recs[0]
	end := slices.Index(head, "ratings")
	if end < 0 {
		end = len(head)
	}
	var problems []string
	for _, h := range head[min(end+1, len(head)):] {
		if strings.TrimSpace(h) != "" {
			problems = append(problems, "Invalid fields after ratings: "+h)
		}
	}
	known := append(slices.Clone(canvasRequired), canvasOptional...)
	for _, req := range canvasRequired {
		if !slices.Contains(head[:end], req) {
			problems = append(problems, "Missing required fields: "+req)
		}
	}
	for _, h := range head[:end] {
		if !slices.Contains(known, h) {
			problems = append(problems, "Invalid fields: "+h)
		}
	}
	var rows []canvasImportedRow
	groups, outcomes := map[string]bool{}, map[string]bool{}
	for i, rec := range recs[1:] {
		row := canvasImportedRow{line: i + 2, f: map[string]string{}}
		for k := 0; k < end && k < len(rec); k++ {
			row.f[head[k]] = rec[k]
		}
		if end < len(rec) {
			row.ratings = rec[end:]
		}
		for len(row.ratings) > 0 && row.ratings[len(row.ratings)-1] == "" {
			row.ratings = row.ratings[:len(row.ratings)-1]
		}
		for _, p := range canvasRowRules(row, groups, outcomes) {
			problems = append(problems, fmt.Sprintf("line %d: %s", row.line, p))
		}
		rows = append(rows, row)
	}
	return rows, problems
}

// canvasRowRules returns the rules one row breaks, and records its guid.
func canvasRowRules(row canvasImportedRow, groups, outcomes map[string]bool) []string {
	var bad []string
	f := row.f
	guid, kind := f["vendor_guid"], f["object_type"]
	if strings.TrimSpace(guid) == "" || strings.TrimSpace(f["title"]) == "" {
		bad = append(bad, "vendor_guid and title are required")
	}
	if strings.ContainsAny(guid, " \t\r\n\f\v") || len(guid) > 255 || utf8.RuneCountInString(f["title"]) > 255 {
		bad = append(bad, "vendor_guid must have no spaces; vendor_guid and title at most 255")
	}
	if ws := f["workflow_state"]; ws != "" && ws != "active" && ws != "deleted" {
		bad = append(bad, "workflow_state must be active or deleted")
	}
	prior := prior(row, groups)
	bad = append(bad, prior...)
	switch kind {
	case canvasGroup:
		if f["calculation_method"] != "" || f["calculation_int"] != "" || len(row.ratings) > 0 {
			bad = append(bad, "Invalid fields for a group")
		}
		if len(strings.Fields(f["parent_guids"])) > 1 {
			bad = append(bad, "An outcome group can only have one parent")
		}
		if groups[guid] {
			bad = append(bad, "Group has already appeared in this import")
		}
		groups[guid] = true
	case canvasOutcome:
		if outcomes[guid] {
			bad = append(bad, "Outcome has already appeared in this import")
		}
		outcomes[guid] = true
		bad = append(bad, canvasScoringRules(row)...)
	default:
		bad = append(bad, "Invalid object_type "+kind)
	}
	return bad
}

// prior checks the parents name groups of earlier rows.
func prior(row canvasImportedRow, groups map[string]bool) []string {
	for _, p := range strings.Fields(row.f["parent_guids"]) {
		if !groups[p] {
			return []string{"Parent references not found prior to this row: " + p}
		}
	}
	return nil
}

// canvasScoringRules checks an outcome's ratings, mastery points and method.
func canvasScoringRules(row canvasImportedRow) []string {
	var bad []string
	var prior *float64
	for i := 0; i < len(row.ratings); i += 2 {
		v, err := strconv.ParseFloat(strings.TrimSpace(row.ratings[i]), 64)
		if err != nil {
			bad = append(bad, "Invalid points for rating tier "+row.ratings[i])
			continue
		}
		if prior != nil && *prior < v {
			bad = append(bad, "Points for tier must be less than points for prior tier")
		}
		prior = &v
	}
	if mp := row.f["mastery_points"]; mp != "" {
		if _, err := strconv.ParseFloat(mp, 64); err != nil {
			bad = append(bad, "Invalid value for mastery points")
		}
	}
	method, n := row.f["calculation_method"], row.f["calculation_int"]
	if method == "" {
		method = canvasDecaying
	}
	p, takes := canvasParams[method]
	switch {
	case !slices.Contains([]string{canvasDecaying, canvasWeighted, canvasStandardDecaying, canvasNMastery, canvasLatest, canvasHighest, canvasAverage}, method):
		bad = append(bad, "calculation_method must be one of the following")
	case !takes && n != "":
		bad = append(bad, "A calculation value is not used with this calculation method")
	case takes && n != "":
		v, err := strconv.Atoi(n)
		if err != nil || v < p.min || v > p.max {
			bad = append(bad, "not a valid value for this calculation method")
		}
	}
	return bad
}

// canvasHandMade is a continuum built by hand: two domains, nested groups
// listed child first, and targets with sources, identities, links,
// descriptors and methods of their own.
func canvasHandMade() (continuum.Continuum, []continuum.Target) {
	c := continuum.NewContinuum("Maths 5", "4", "5")
	c.ID = "c1"
	c.Domains = []continuum.Domain{
		{Name: "Number", Category: continuum.Academic, Code: "N", Source: &continuum.SourceRef{ID: "dom-n", Kind: "group"}},
		{Name: "Shape and space", Category: continuum.Academic, Description: "Shapes, angles & turns"},
	}
	c.Groups = []continuum.Group{
		{Key: "N.A.1", Name: "Adding", Domain: "Number", Parent: "N.A"},
		{Key: "N.A", Code: "N.A", Name: "Fractions", Domain: "Number", Source: &continuum.SourceRef{ID: "grp-a"}},
		{Key: "S.X", Name: "Angles", Statement: "Angles & turns\nmeasured in degrees", Domain: "Shape and space"},
	}
	targets := []continuum.Target{
		{Code: "N1", Statement: "Add <b>fractions</b> & \"mixed\" numbers,\nthen simplify", Domain: "Number", Level: "5", Group: "N.A.1",
			Source: &continuum.SourceRef{ID: "out-1"}, Descriptors: []continuum.Descriptor{{Value: 4, Text: "Adds any fractions"}},
			Links: []continuum.Link{{Kind: framework.IsChildOf, Code: "S.X"}, {Kind: "isRelatedTo", Code: "N.A"},
				{Kind: framework.IsChildOf, ID: "elsewhere"}, {Kind: framework.IsChildOf, ID: "dom-n"}}},
		{Code: "N2", Statement: "Compare fractions", Domain: "Number", Level: "4", UID: "uid-2",
			Method: &continuum.Method{Kind: continuum.NMastery, Times: 3}},
		{Code: "S1", Statement: "Measure angles", Domain: "Shape and space", Level: "4", Group: "S.X"},
		{Code: "S2", Statement: "Draw angles", Domain: "Shape and space", Level: "4", Group: "S.X", Source: &continuum.SourceRef{ID: "out-1"},
			Method: &continuum.Method{Kind: continuum.Latest}},
		{Code: "S3", Statement: "Name angles", Domain: "Shape and space", Level: "5", Source: &continuum.SourceRef{ID: "has space"},
			Method: &continuum.Method{Kind: continuum.WeightedLatest, LatestWeight: 0.4}},
	}
	return c, targets
}

// canvasRowsByGUID indexes rows by kind and vendor_guid.
func canvasRowsByGUID(rows []canvasImportedRow) map[string]canvasImportedRow {
	m := map[string]canvasImportedRow{}
	for _, r := range rows {
		m[r.f["object_type"]+" "+r.f["vendor_guid"]] = r
	}
	return m
}

func TestWriteCanvasHandMade(t *testing.T) {
	c, targets := canvasHandMade()
	var b bytes.Buffer
	if err := WriteCanvas(&b, c, targets); err != nil {
		t.Fatal(err)
	}
	rows, problems := canvasAccepts(b.Bytes())
	if len(problems) > 0 {
		t.Fatalf("Canvas would refuse:\n%s\n%s", strings.Join(problems, "\n"), b.String())
	}
	var order []string
	for _, r := range rows {
		order = append(order, r.f["vendor_guid"])
	}
	want := []string{"dom-n", "cp-c1-domain-Shape_and_space", "grp-a", "cp-c1-group-S.X", "cp-c1-group-N.A.1",
		"out-1", "uid-2", "cp-c1-S1", "cp-c1-S2", "cp-c1-S3"}
	if !slices.Equal(order, want) {
		t.Fatalf("rows %v, want %v", order, want)
	}
	by := canvasRowsByGUID(rows)
	for guid, parents := range map[string]string{
		"group dom-n": "", "group grp-a": "dom-n", "group cp-c1-group-N.A.1": "grp-a",
		"group cp-c1-group-S.X": "cp-c1-domain-Shape_and_space",
		"outcome out-1":         "cp-c1-group-N.A.1 cp-c1-group-S.X dom-n", "outcome uid-2": "dom-n",
		"outcome cp-c1-S1": "cp-c1-group-S.X", "outcome cp-c1-S3": "cp-c1-domain-Shape_and_space",
	} {
		if got := by[guid].f["parent_guids"]; got != parents {
			t.Errorf("%s: parents %q, want %q", guid, got, parents)
		}
	}
	n1 := by["outcome out-1"]
	if n1.f["title"] != "N1" || n1.f["description"] != `Add &lt;b&gt;fractions&lt;/b&gt; &amp; "mixed" numbers,<br>then simplify` {
		t.Errorf("N1: %v", n1.f)
	}
	if got := strings.Join(n1.ratings, "|"); got != "4|Adds any fractions|3|Proficient|2|Developing|1|Beginning" || n1.f["mastery_points"] != "3" {
		t.Errorf("N1 ratings %q, mastery %q", got, n1.f["mastery_points"])
	}
	for guid, m := range map[string]string{"outcome out-1": "standard_decaying_average 65", "outcome uid-2": "n_mastery 3",
		"outcome cp-c1-S2": "latest ", "outcome cp-c1-S3": "decaying_average 40"} {
		if got := by[guid].f["calculation_method"] + " " + by[guid].f["calculation_int"]; got != m {
			t.Errorf("%s: method %q, want %q", guid, got, m)
		}
	}
	if g := by["group grp-a"]; g.f["title"] != "Fractions" || g.f["display_name"] != "N.A" || len(g.ratings) != 0 {
		t.Errorf("grp-a: %+v", g)
	}
	if g := by["group cp-c1-group-S.X"]; g.f["description"] != "Angles &amp; turns<br>measured in degrees" {
		t.Errorf("S.X: %+v", g.f)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte(strings.Join(canvasWriteHeader, ",")+",,,,,,,\r\n")) {
		t.Errorf("header line %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
}

func TestWriteCanvasReadsBack(t *testing.T) {
	c, targets := canvasHandMade()
	var b bytes.Buffer
	if err := WriteCanvas(&b, c, targets); err != nil {
		t.Fatal(err)
	}
	fw := mustReadCanvas(t, b.Bytes())
	if len(fw.Warnings) != 1 || !canvasWarned(fw.Warnings, "4 calculation methods", "the most common, Decaying average") {
		t.Errorf("warnings on our own file: %v", fw.Warnings)
	}
	fw.Name = c.Name
	res, err := framework.Build(fw)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.EqualFunc(res.Continuum.Scale.Points, c.Scale.Points, func(a, b continuum.ScalePoint) bool { return a.Value == b.Value && a.Label == b.Label }) ||
		res.Continuum.Scale.Cut != c.Scale.Cut {
		t.Errorf("scale %+v", res.Continuum.Scale)
	}
	if len(res.Targets) != len(targets) {
		t.Fatalf("%d targets, want %d", len(res.Targets), len(targets))
	}
	byCode := map[string]continuum.Target{}
	for _, tg := range res.Targets {
		byCode[tg.Code] = tg
	}
	for _, want := range targets {
		got, ok := byCode[want.Code]
		if !ok {
			t.Errorf("%s is missing", want.Code)
			continue
		}
		if got.Statement != want.Statement || got.Domain != want.Domain {
			t.Errorf("%s: %q in %s", want.Code, got.Statement, got.Domain)
		}
		method := res.Continuum.Method
		if got.Method != nil {
			method = *got.Method
		}
		wantMethod := c.Method
		if want.Method != nil {
			wantMethod = *want.Method
		}
		if method.String() != wantMethod.String() {
			t.Errorf("%s: method %s, want %s", want.Code, method, wantMethod)
		}
		if !slices.Equal(got.Descriptors, want.Descriptors) {
			t.Errorf("%s: descriptors %v", want.Code, got.Descriptors)
		}
	}
	if d := res.Continuum.Domains; len(d) != 2 || d[0].Source == nil || d[0].Source.ID != "dom-n" || d[0].Code != "N" || d[1].Description != "Shapes, angles & turns" {
		t.Errorf("domains %+v", d)
	}
}

func TestWriteCanvasRefusesMethodsCanvasLacks(t *testing.T) {
	c, targets := canvasHandMade()
	targets[2].Method = &continuum.Method{Kind: continuum.RecentMean, Recent: 3}
	var b bytes.Buffer
	err := WriteCanvas(&b, c, targets)
	if err == nil || !strings.Contains(err.Error(), "target S1") || !strings.Contains(err.Error(), "Mean of most recent") || b.Len() != 0 {
		t.Errorf("error %v, %d bytes written", err, b.Len())
	}
	c, targets = canvasHandMade()
	c.Method = continuum.Method{Kind: continuum.DecayingAverage, DecayRate: 0.4}
	if err := WriteCanvas(&b, c, targets); err == nil || !strings.Contains(err.Error(), "the continuum's method") || !strings.Contains(err.Error(), "not 40%") {
		t.Errorf("error %v", err)
	}
}

func TestWriteCanvasIDs(t *testing.T) {
	c := continuum.NewContinuum("Long", "1")
	long := strings.Repeat("k", 300)
	c.Domains = []continuum.Domain{{Name: "D", Category: continuum.Academic}}
	c.Groups = []continuum.Group{{Key: long, Name: "G", Domain: "D"}, {Key: long + "x", Name: "H", Domain: "D"}}
	targets := []continuum.Target{{Code: "T", Statement: "s", Domain: "D", Level: "1", Group: long}}
	c.Scale = continuum.Scale{}
	var b bytes.Buffer
	if err := WriteCanvas(&b, c, targets); err != nil {
		t.Fatal(err)
	}
	rows, problems := canvasAccepts(b.Bytes())
	if len(problems) > 0 {
		t.Fatalf("Canvas would refuse: %v", problems)
	}
	if rows[1].f["vendor_guid"] == rows[2].f["vendor_guid"] || len(rows[1].f["vendor_guid"]) > 255 || !strings.HasPrefix(rows[1].f["vendor_guid"], "cp-group-kkk") {
		t.Errorf("guids %q, %q", rows[1].f["vendor_guid"], rows[2].f["vendor_guid"])
	}
	if rows[3].f["parent_guids"] != rows[1].f["vendor_guid"] || len(rows[3].ratings) != 0 || rows[3].f["mastery_points"] != "" {
		t.Errorf("target row %+v", rows[3])
	}
}

func TestWriteCanvasGroupLoop(t *testing.T) {
	c := continuum.NewContinuum("Loop", "1")
	c.Domains = []continuum.Domain{{Name: "D", Category: continuum.Academic}}
	c.Groups = []continuum.Group{{Key: "a", Name: "A", Domain: "D", Parent: "b"}, {Key: "b", Name: "B", Domain: "D", Parent: "a"}}
	if err := WriteCanvas(&bytes.Buffer{}, c, nil); err == nil || !strings.Contains(err.Error(), "inside itself") {
		t.Errorf("error %v", err)
	}
}

func TestWriteCanvasNothing(t *testing.T) {
	var b bytes.Buffer
	err := WriteCanvas(&b, continuum.NewContinuum("Empty", "1"), nil)
	if err == nil || !strings.Contains(err.Error(), "Empty") || !strings.Contains(err.Error(), "no domains, groups or targets") || b.Len() != 0 {
		t.Errorf("error %v, %d bytes", err, b.Len())
	}
}
