package exchange_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// realdata returns the path of a file in ../shared/realdata, skipping the
// test when it is absent (a clone without it).
func realdata(t testing.TB, name string) string {
	t.Helper()
	path := filepath.Join("..", "..", "..", "shared", "realdata", name)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s not available", name)
	}
	return path
}

// importFile plans and applies the import of path into st.
func importFile(t *testing.T, st *storage.Store, path string, opts exchange.ReadOptions) (*exchange.Plan, exchange.Applied) {
	t.Helper()
	p, err := exchange.PlanImport(context.Background(), st, path, opts)
	if err != nil {
		t.Fatalf("plan %s: %v", path, err)
	}
	a, err := p.Apply(context.Background(), st, nil)
	if err != nil {
		t.Fatalf("apply %s: %v", path, err)
	}
	return p, a
}

// Every real framework file is recognised by its content, imported whole
// into the store with its hierarchy, identifiers and associations, and
// importing it again adds nothing.
func TestImportRealFrameworks(t *testing.T) {
	cases := []struct {
		file                     string
		layout                   workbook.Layout
		targets, groups, prereqs int
		links                    int // links on targets, groups and domains
		scalePoints              int
		method                   continuum.MethodKind
		originID                 bool
	}{
		{"ccss-math_case-cfpackage_opensalt.json", workbook.LayoutCASEPackage, 474, 212, 0, 0, 4, continuum.DecayingAverage, true},
		{"what-standards-could-be_case-cfpackage_opensalt.json", workbook.LayoutCASEPackage, 12, 2, 1, 22, 4, continuum.DecayingAverage, true},
		{"opensalt_sequence-number-framework_case.json", workbook.LayoutCASEPackage, 2, 0, 0, 0, 4, continuum.DecayingAverage, true},
		{"moodle-pharmacy_competency-framework.csv", workbook.LayoutMoodle, 178, 25, 0, 0, 3, continuum.DecayingAverage, true},
		{"canvas_outcomes-scoring.csv", workbook.LayoutCanvas, 7, 1, 0, 1, 2, continuum.WeightedLatest, false},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			path := realdata(t, tc.file)
			st := mustOpen(t)
			p, a := importFile(t, st, path, exchange.ReadOptions{})
			if got := p.File.Book.About.Layout; got != tc.layout {
				t.Errorf("recognised as %q, want %q", got, tc.layout)
			}
			g, err := st.Graph(context.Background(), a.Continuum.ID)
			if err != nil {
				t.Fatal(err)
			}
			c := g.Continuum
			links, prereqs := 0, 0
			for _, tg := range g.Targets {
				links += len(tg.Links)
				prereqs += len(tg.Prerequisites)
				if tg.Source == nil || tg.Source.ID == "" {
					t.Errorf("target %s has no source identifier", tg.Code)
				}
			}
			for _, gr := range c.Groups {
				links += len(gr.Links)
			}
			for _, d := range c.Domains {
				links += len(d.Links)
			}
			if len(g.Targets) != tc.targets || len(c.Groups) != tc.groups || prereqs != tc.prereqs || links != tc.links {
				t.Errorf("stored %d targets, %d groups, %d prerequisites, %d links; want %d, %d, %d, %d",
					len(g.Targets), len(c.Groups), prereqs, links, tc.targets, tc.groups, tc.prereqs, tc.links)
			}
			if strings.HasSuffix(tc.file, ".json") {
				if kept, items := keptIDs(g), p.File.Book.About.Format; !strings.Contains(items, continuum.Plural(kept, "item", "items")+":") {
					t.Errorf("%d items kept with their identifiers; the file has %s", kept, items)
				}
			}
			if len(c.Scale.Points) != tc.scalePoints || c.Method.Kind != tc.method {
				t.Errorf("scale %s, method %s; want %d points, %s", c.Scale.Range(), c.Method.Kind, tc.scalePoints, tc.method)
			}
			if c.Origin == nil || (tc.originID && c.Origin.ID == "") {
				t.Errorf("origin %+v", c.Origin)
			}
			again, err := exchange.PlanImport(context.Background(), st, path, exchange.ReadOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if _, err := again.Apply(context.Background(), st, nil); !errors.Is(err, exchange.ErrNothingToImport) {
				t.Errorf("importing the same file again: %v, want nothing to import", err)
			}
		})
	}
}

// keptIDs counts the distinct source identifiers of g's targets, groups and domains.
func keptIDs(g *continuum.Graph) int {
	ids := map[string]bool{}
	for _, tg := range g.Targets {
		ids[tg.Source.ID] = true
	}
	for _, gr := range g.Continuum.Groups {
		if gr.Source != nil {
			ids[gr.Source.ID] = true
		}
	}
	for _, d := range g.Continuum.Domains {
		if d.Source != nil {
			ids[d.Source.ID] = true
		}
	}
	return len(ids)
}

// caseV1 is a small CASE package; version 2 renames one code and changes
// one statement.
func caseV1(code2, statement1 string) string {
	return `{"CFDocument":{"identifier":"doc-1","uri":"https://example.org/doc-1","title":"Ratios","creator":"State","lastChangeDateTime":"2026-01-01T00:00:00+00:00"},
"CFItems":[
 {"identifier":"d","uri":"https://example.org/d","fullStatement":"Ratios and proportions","humanCodingScheme":"RP","CFItemType":"Domain","lastChangeDateTime":"2026-01-01T00:00:00+00:00"},
 {"identifier":"s1","uri":"https://example.org/s1","fullStatement":"` + statement1 + `","humanCodingScheme":"RP.1","CFItemType":"Standard","educationLevel":["06"],"lastChangeDateTime":"2026-01-01T00:00:00+00:00"},
 {"identifier":"s2","uri":"https://example.org/s2","fullStatement":"Understand unit rates.","humanCodingScheme":"` + code2 + `","CFItemType":"Standard","educationLevel":["06"],"lastChangeDateTime":"2026-01-01T00:00:00+00:00"}],
"CFAssociations":[
 {"identifier":"a1","uri":"https://example.org/a1","associationType":"isChildOf","originNodeURI":{"identifier":"d","uri":"https://example.org/d","title":"RP"},"destinationNodeURI":{"identifier":"doc-1","uri":"https://example.org/doc-1","title":"Ratios"},"lastChangeDateTime":"2026-01-01T00:00:00+00:00"},
 {"identifier":"a2","uri":"https://example.org/a2","associationType":"isChildOf","originNodeURI":{"identifier":"s1","uri":"https://example.org/s1","title":"RP.1"},"destinationNodeURI":{"identifier":"d","uri":"https://example.org/d","title":"RP"},"lastChangeDateTime":"2026-01-01T00:00:00+00:00"},
 {"identifier":"a3","uri":"https://example.org/a3","associationType":"isChildOf","originNodeURI":{"identifier":"s2","uri":"https://example.org/s2","title":"RP.2"},"destinationNodeURI":{"identifier":"d","uri":"https://example.org/d","title":"RP"},"lastChangeDateTime":"2026-01-01T00:00:00+00:00"},
 {"identifier":"a4","uri":"https://example.org/a4","associationType":"precedes","originNodeURI":{"identifier":"s1","uri":"https://example.org/s1","title":"RP.1"},"destinationNodeURI":{"identifier":"s2","uri":"https://example.org/s2","title":"RP.2"},"lastChangeDateTime":"2026-01-01T00:00:00+00:00"}]}`
}

// A newer version of the same framework updates the targets it made by
// their source identifiers: a renamed code follows (with the evidence on
// it), a changed statement is shown as a change to choose on.
func TestNewerFrameworkUpdatesBySource(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	v1 := filepath.Join(dir, "ratios-v1.json")
	v2 := filepath.Join(dir, "ratios-v2.json")
	if err := os.WriteFile(v1, []byte(caseV1("RP.2", "Understand ratios.")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(v2, []byte(caseV1("RP.A.2", "Understand the concept of a ratio.")), 0o600); err != nil {
		t.Fatal(err)
	}
	st := mustOpen(t)
	_, a := importFile(t, st, v1, exchange.ReadOptions{})
	if err := st.PutStudents(ctx, continuum.Student{ID: "S1", Name: "Ana"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddEvidence(ctx, continuum.Evidence{Continuum: a.Continuum.ID, Student: "S1", Target: "RP.2", Score: 3,
		Date: continuum.NewDate(2026, 9, 1), Kind: continuum.Formative}); err != nil {
		t.Fatal(err)
	}
	p, err := exchange.PlanImport(ctx, st, v2, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Merge.Renames) != 1 || p.Merge.Renames[0] != (continuum.Rename{Old: "RP.2", New: "RP.A.2"}) {
		t.Errorf("renames %+v", p.Merge.Renames)
	}
	var changed []string
	for _, c := range p.Merge.Conflicts {
		changed = append(changed, c.Key+":"+strings.Join(c.Fields, ","))
	}
	if strings.Join(changed, " ") != "RP.1:statement" {
		t.Errorf("changes shown %v, want the statement of RP.1", changed)
	}
	p.Prefer(continuum.TakeTheirs)
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	g, err := st.Graph(ctx, a.Continuum.ID)
	if err != nil {
		t.Fatal(err)
	}
	if i, ok := g.Lookup("RP.A.2"); !ok || g.Targets[i].Source.ID != "s2" || len(g.Targets) != 2 {
		t.Errorf("targets after the update: %+v", g.Targets)
	}
	if i, _ := g.Lookup("RP.1"); g.Targets[i].Statement != "Understand the concept of a ratio." {
		t.Errorf("statement not taken: %q", g.Targets[i].Statement)
	}
	ev, err := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: a.Continuum.ID})
	if err != nil || len(ev) != 1 || ev[0].Target != "RP.A.2" {
		t.Errorf("evidence follows the rename: %+v %v", ev, err)
	}
}

// A file whose format is named wrongly says what it is not; a JSON file
// that is not CASE is never called damaged.
func TestFrameworkFormatMismatch(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "list.csv")
	if err := os.WriteFile(path, []byte("Code,Statement\nA.1,Add\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err := exchange.Read(context.Background(), path, exchange.ReadOptions{Format: exchange.FormatMoodle})
	if !errors.Is(err, exchange.ErrNotThisFormat) || !strings.Contains(err.Error(), "Moodle") {
		t.Errorf("moodle format on a plain list: %v", err)
	}
	other := filepath.Join(dir, "other.json")
	if err := os.WriteFile(other, []byte(`{"name":"not a framework"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	_, err = exchange.Read(context.Background(), other, exchange.ReadOptions{})
	if err == nil || strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "other.json") {
		t.Errorf("a JSON file that is not CASE: %v", err)
	}
}

// A newer version that only renames a code is not "nothing to import".
func TestRenameAloneIsAnImport(t *testing.T) {
	dir := t.TempDir()
	v1, v2 := filepath.Join(dir, "v1.json"), filepath.Join(dir, "v2.json")
	if err := os.WriteFile(v1, []byte(caseV1("RP.2", "Understand ratios.")), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(v2, []byte(caseV1("RP.A.2", "Understand ratios.")), 0o600); err != nil {
		t.Fatal(err)
	}
	st := mustOpen(t)
	_, a := importFile(t, st, v1, exchange.ReadOptions{})
	importFile(t, st, v2, exchange.ReadOptions{})
	g, err := st.Graph(context.Background(), a.Continuum.ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := g.Lookup("RP.A.2"); !ok {
		t.Errorf("not renamed: %+v", g.Targets)
	}
}

// caseOfSize writes a CASE package of n items: 10 domains of clusters of
// 9 standards, each standard preceded by the one before it.
func caseOfSize(n int) []byte {
	var items, assocs []string
	item := func(id, code, text, kind string) {
		items = append(items, fmt.Sprintf(`{"identifier":%q,"uri":"https://example.org/%s","fullStatement":%q,"humanCodingScheme":%q,"CFItemType":%q,"educationLevel":["%02d"],"lastChangeDateTime":"2026-01-01T00:00:00+00:00"}`,
			id, id, text, code, kind, len(items)%13))
	}
	assoc := func(kind, from, to string) {
		assocs = append(assocs, fmt.Sprintf(`{"identifier":"a%d","uri":"https://example.org/a%d","associationType":%q,"originNodeURI":{"identifier":%q,"uri":"https://example.org/%s","title":""},"destinationNodeURI":{"identifier":%q,"uri":"https://example.org/%s","title":""},"lastChangeDateTime":"2026-01-01T00:00:00+00:00"}`,
			len(assocs), len(assocs), kind, from, from, to, to))
	}
	for d := 0; d < 10; d++ {
		item(fmt.Sprintf("d%d", d), fmt.Sprintf("D%d", d), fmt.Sprintf("Domain %d", d), "Domain")
		assoc("isChildOf", fmt.Sprintf("d%d", d), "doc")
	}
	for c := 0; len(items) < n; c++ {
		cl := fmt.Sprintf("c%d", c)
		item(cl, fmt.Sprintf("D%d.C%d", c%10, c), fmt.Sprintf("Cluster %d", c), "Cluster")
		assoc("isChildOf", cl, fmt.Sprintf("d%d", c%10))
		for k := 0; k < 9 && len(items) < n; k++ {
			s := fmt.Sprintf("s%d-%d", c, k)
			item(s, fmt.Sprintf("D%d.C%d.%d", c%10, c, k), "Standard "+s, "Standard")
			assoc("isChildOf", s, cl)
			if k > 0 {
				assoc("precedes", fmt.Sprintf("s%d-%d", c, k-1), s)
			}
		}
	}
	return []byte(`{"CFDocument":{"identifier":"doc","uri":"https://example.org/doc","title":"Big framework","creator":"Test","lastChangeDateTime":"2026-01-01T00:00:00+00:00"},"CFItems":[` +
		strings.Join(items, ",") + `],"CFAssociations":[` + strings.Join(assocs, ",") + `]}`)
}

// A framework of 20,000 items imports whole into a store (the merge is
// larger than one transaction, so it is staged) and again adds nothing.
func TestImportLargeCASEFramework(t *testing.T) {
	if testing.Short() {
		t.Skip("imports 20,000 items")
	}
	path := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(path, caseOfSize(20000), 0o600); err != nil {
		t.Fatal(err)
	}
	st := mustOpen(t)
	_, a := importFile(t, st, path, exchange.ReadOptions{})
	g, err := st.Graph(context.Background(), a.Continuum.ID)
	if err != nil {
		t.Fatal(err)
	}
	prereqs := 0
	for _, tg := range g.Targets {
		prereqs += len(tg.Prerequisites)
	}
	if len(g.Targets) != 17991 || len(g.Continuum.Groups) != 1999 || len(g.Continuum.Domains) != 10 || prereqs != 15992 {
		t.Errorf("stored %d targets, %d groups, %d domains, %d prerequisites", len(g.Targets), len(g.Continuum.Groups), len(g.Continuum.Domains), prereqs)
	}
	again, err := exchange.PlanImport(context.Background(), st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := again.Apply(context.Background(), st, nil); !errors.Is(err, exchange.ErrNothingToImport) {
		t.Errorf("again: %v", err)
	}
}
