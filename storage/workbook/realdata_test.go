package workbook_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// The OpenSALT CASE spreadsheet of Common Core ELA (realdata README §3):
// CF Item has 1189 items, educationLevel strings KG and 01 … 12, and every
// Is Child Of association resolves. Leaves become targets, the top
// ancestors that are not grade groupings become domains.
func TestRealCASESpreadsheet(t *testing.T) {
	path := realdata(t, "ccss-ela_case-spreadsheet_opensalt.xlsx")
	b, err := workbook.DecodeFile(context.Background(), path, workbook.Options{})
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if b.About.Layout != workbook.LayoutCASE {
		t.Errorf("layout %q, want the CASE spreadsheet", b.About.Layout)
	}
	c := b.Continuum
	if c.Name != "Common Core State Standards for ELA" {
		t.Errorf("name %q, want the CF Doc title", c.Name)
	}
	wantLevels := []string{"KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}
	if !slices.Equal(c.Levels, wantLevels) {
		t.Errorf("levels %v, want %v", c.Levels, wantLevels)
	}
	// 1189 items, of which 398 have children: 791 leaves.
	if len(b.Targets) != 791 {
		t.Errorf("%d targets, want the 791 leaves of the 1189 items", len(b.Targets))
	}
	var names []string
	for _, d := range c.Domains {
		names = append(names, d.Name)
		if strings.HasPrefix(d.Name, "Grade") || d.Name == "Kindergarten" {
			t.Errorf("domain %q is a grade grouping, not a strand", d.Name)
		}
	}
	for _, want := range []string{"College and Career Anchor Standards", "Reading Standards for Literature",
		"Reading Standards for Informational Text", "Reading Standards: Foundational Skills", "Writing Standards",
		"Speaking and Listening Standards", "Language Standards"} {
		if !slices.Contains(names, want) {
			t.Errorf("domains %q lack %q", names, want)
		}
	}
	byCode := map[string]continuum.Target{}
	for _, tg := range b.Targets {
		if strings.TrimSpace(tg.Statement) == "" {
			t.Errorf("target %s has no statement", tg.Code)
		}
		byCode[tg.Code] = tg
	}
	// The README's sample row, L.1.4 (grade 01), is a Standard with
	// components: the components are the targets.
	if _, ok := byCode["L.1.4"]; ok {
		t.Errorf("L.1.4 has components and should not be a target itself")
	}
	for _, code := range []string{"L.1.4a", "L.1.4b", "L.1.4c"} {
		if tg, ok := byCode[code]; !ok || tg.Level != "01" || tg.Domain != "Language Standards" {
			t.Errorf("%s = %+v (found %v)", code, tg, ok)
		}
	}
	if tg := byCode["RL.K.1"]; tg.Level != "KG" || tg.Domain != "Reading Standards for Literature" ||
		!strings.HasPrefix(tg.Statement, "With prompting and support, ask and answer questions about key details") {
		t.Errorf("RL.K.1 = %+v", tg)
	}
	// "09,10" sits at its lowest grade; the one duplicate code is made unique.
	if tg := byCode["RL.9-10.1"]; tg.Level != "09" {
		t.Errorf("RL.9-10.1 at level %q, want 09", tg.Level)
	}
	if _, ok := byCode["CCRA.L.6 (2)"]; !ok {
		t.Errorf("the second CCRA.L.6 was not made unique")
	}
	// The hierarchy survives: L.1.4 is a group that keeps its own
	// statement, inside its cluster, and every one of the 1189 items is
	// kept as a domain, group or target with its identifier, except the 11
	// Grade Level items, which become the levels.
	groups := map[string]continuum.Group{}
	for _, g := range c.Groups {
		groups[g.Key] = g
	}
	l14 := groups["L.1.4"]
	if !strings.HasPrefix(l14.Statement, "Determine or clarify the meaning of unknown and multiple-meaning words") ||
		l14.Source == nil || l14.Source.ID != "7fbbd2fa-885d-11e7-a99d-449ef607a326" || l14.Parent == "" {
		t.Errorf("L.1.4 = %+v", l14)
	}
	if byCode["L.1.4a"].Group != "L.1.4" {
		t.Errorf("L.1.4a sits in %q, want L.1.4", byCode["L.1.4a"].Group)
	}
	ids := map[string]bool{}
	for _, tg := range b.Targets {
		ids[tg.Source.ID] = true
	}
	for _, g := range c.Groups {
		ids[g.Source.ID] = true
	}
	for _, d := range c.Domains {
		if d.Source != nil {
			ids[d.Source.ID] = true
		}
	}
	if len(ids) != 1189-11 {
		t.Errorf("%d items kept with their identifiers, want 1178 (1189 less the 11 grade levels)", len(ids))
	}
	if c.Origin == nil || c.Origin.OfficialURL == "" || c.Origin.ID == "" {
		t.Errorf("the CF Doc's identity is kept: %+v", c.Origin)
	}
	if len(b.Problems) > 0 {
		t.Errorf("problems: %v", b.Problems)
	}
	if _, err := b.Graph(); err != nil {
		t.Errorf("not a usable continuum: %v", err)
	}
}

// The Smarter Balanced math workbook (realdata README §4): Standards has
// 2678 rows keyed by pipe paths such as 1|A-APR|F|a/s|A-APR.1, grades on
// the Benchmark Grades sheet.
func TestRealSmarterBalanced(t *testing.T) {
	path := realdata(t, "sbac-math_claims-targets-ccss_smarterapp.xlsx")
	b, err := workbook.DecodeFile(context.Background(), path, workbook.Options{})
	if err != nil {
		t.Fatalf("decode: %v", err)
	}
	if b.About.Layout != workbook.LayoutStandards {
		t.Errorf("layout %q", b.About.Layout)
	}
	c := b.Continuum
	if c.Name != "Common Core Math Standards" || c.Subject != "Mathematics" {
		t.Errorf("name %q subject %q, want the Publication sheet's", c.Name, c.Subject)
	}
	wantLevels := []string{"KG", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11"}
	if !slices.Equal(c.Levels, wantLevels) {
		t.Errorf("levels %v, want %v", c.Levels, wantLevels)
	}
	var names []string
	for _, d := range c.Domains {
		names = append(names, d.Name)
	}
	wantDomains := []string{"Concepts and Procedures", "Problem Solving", "Communicating Reasoning", "Modeling and Data Analysis"}
	if !slices.Equal(names, wantDomains) {
		t.Errorf("domains %q, want the four claims %q", names, wantDomains)
	}
	byCode := map[string]continuum.Target{}
	for _, tg := range b.Targets {
		byCode[tg.Code] = tg
		if strings.TrimSpace(tg.Statement) == "" || strings.EqualFold(tg.Statement, "Not Applicable") {
			t.Errorf("target %s has no real statement: %q", tg.Code, tg.Statement)
		}
	}
	// Claim 1's 1060 - 3·(placeholders) leaves: every level-5 row of claim 1 is a target.
	tg, ok := byCode["1|A-APR|F|a-s|A-APR.1"]
	if !ok || tg.Domain != "Concepts and Procedures" || tg.Level != "9" ||
		!strings.HasPrefix(tg.Statement, "Understand that polynomials form a system analogous to the integers") {
		t.Errorf("1|A-APR|F|a/s|A-APR.1 = %+v (found %v)", tg, ok)
	}
	// Claims 2-4 pad their leaves with "Not Applicable": the target above is used, at its lowest grade.
	if tg, ok := byCode["2|CC|A"]; !ok || tg.Domain != "Problem Solving" || tg.Level != "KG" {
		t.Errorf("2|CC|A = %+v (found %v)", tg, ok)
	}
	if len(b.Problems) > 0 {
		t.Errorf("problems: %v", b.Problems)
	}
	if _, err := b.Graph(); err != nil {
		t.Errorf("not a usable continuum: %v", err)
	}
	t.Logf("%d targets, %d warnings: %v", len(b.Targets), len(b.Warnings), b.Warnings)
}
