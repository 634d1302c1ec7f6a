package transfer

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/storage/workbook"
)

// shared is the folder of public standards files beside the repository,
// or "" when it is absent.
func shared(t *testing.T, parts ...string) string {
	t.Helper()
	path := filepath.Join(append([]string{"..", "..", "..", "shared"}, parts...)...)
	if _, err := os.Stat(path); err != nil {
		t.Skipf("%s is absent: %v", path, err)
	}
	return path
}

// smallCASE writes a CASE 1.0 package: a document, a domain with two
// standards, the second of which precedes a third under a cluster, and
// extra associations that point outside the package (one warning each).
func smallCASE(t *testing.T, outside int) string {
	t.Helper()
	doc := "c0ffee00-0000-4000-8000-000000000000"
	id := func(n int) string { return fmt.Sprintf("c0ffee00-0000-4000-8000-%012d", n) }
	item := func(n int, code, typ, statement string) map[string]any {
		return map[string]any{"identifier": id(n), "uri": "https://example.org/" + id(n), "CFDocumentURI": map[string]any{"identifier": doc, "uri": "https://example.org/" + doc, "title": "Fractions"},
			"fullStatement": statement, "humanCodingScheme": code, "CFItemType": typ, "educationLevel": []string{"04"}, "lastChangeDateTime": "2026-01-05T10:00:00+00:00"}
	}
	link := func(n int) map[string]any {
		return map[string]any{"identifier": id(n), "uri": "https://example.org/" + id(n), "title": fmt.Sprintf("Standard %d", n)}
	}
	assoc := func(n int, typ string, from, to map[string]any) map[string]any {
		return map[string]any{"identifier": id(n), "uri": "https://example.org/" + id(n), "associationType": typ,
			"originNodeURI": from, "destinationNodeURI": to, "lastChangeDateTime": "2026-01-05T10:00:00+00:00"}
	}
	docLink := map[string]any{"identifier": doc, "uri": "https://example.org/" + doc, "title": "Fractions"}
	items := []any{
		item(1, "4.NF", "Domain", "Number and Operations—Fractions"),
		item(2, "4.NF.A", "Cluster", "Extend understanding of fraction equivalence and ordering."),
		item(3, "4.NF.A.1", "Standard", "Explain why a fraction a/b is equivalent to a fraction (n × a)/(n × b)."),
		item(4, "4.NF.A.2", "Standard", "Compare two fractions with different numerators and different denominators."),
		item(5, "4.NF.B.3", "Standard", "Understand a fraction a/b with a > 1 as a sum of fractions 1/b."),
	}
	assocs := []any{
		assoc(101, "isChildOf", link(1), docLink),
		assoc(102, "isChildOf", link(2), link(1)),
		assoc(103, "isChildOf", link(3), link(2)),
		assoc(104, "isChildOf", link(4), link(2)),
		assoc(105, "isChildOf", link(5), link(1)),
		assoc(106, "precedes", link(3), link(4)),
	}
	for i := range outside {
		assocs = append(assocs, assoc(200+i, "exactMatchOf", link(900+i), link(950+i)))
	}
	pkg := map[string]any{
		"CFDocument": map[string]any{"identifier": doc, "uri": "https://example.org/" + doc, "title": "Fractions", "creator": "A district",
			"lastChangeDateTime": "2026-01-05T10:00:00+00:00", "CFPackageURI": docLink},
		"CFItems": items, "CFAssociations": assocs,
	}
	raw, err := json.MarshalIndent(pkg, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "fractions.json")
	if err := os.WriteFile(path, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// Given a CASE package in JSON, when the teacher picks it in the Import…
// dialog, then it goes straight to the preview (no column mapping), which
// names the format and what it holds, lists the warnings grouped by kind,
// and Apply stores the targets.
func TestImportCASEPackageGoesToThePreview(t *testing.T) {
	test.NewTempApp(t)
	st := storagetest.Open(t)
	path := smallCASE(t, 30)
	w, io, _ := wbioSetup(t, st)
	io.Import()
	rc, err := storage.Reader(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	answerOpen(w, rc, nil, io.importFrom)
	p := io.preview
	if io.mapping != nil || p == nil {
		t.Fatalf("mapping %v, preview %v; shown %q", io.mapping != nil, p != nil, wbioTexts(w))
	}
	if p.p.File.Book.About.Layout != workbook.LayoutCASEPackage {
		t.Errorf("read as %s", p.p.File.Book.About.Layout)
	}
	if !wbioShows(w, "fractions.json, a CASE package (JSON); 5 items: 1 domain, 1 group, 3 targets, 1 prerequisite") {
		t.Errorf("the preview does not name the format; shown %q", wbioTexts(w))
	}
	if got := p.p.Count(continuum.SectionTargets, continuum.Added); got != 3 {
		t.Errorf("%d targets added, want 3", got)
	}
	if p.warnings == nil || len(p.warnings.all) < 2 {
		t.Fatalf("warnings %+v", p.warnings)
	}
	if !wbioShowsTab(p, fmt.Sprintf("Warnings (%d)", len(p.warnings.all))) {
		t.Errorf("no warnings tab with the count")
	}
	// The associations to outside items are one kind, the commonest, each
	// at its JSON place; the kinds can be shown one at a time.
	k := p.warnings.kinds[0]
	if k.n < 10 || !strings.Contains(k.kind, "exactMatchOf association joins Standard … and Standard …") {
		t.Errorf("commonest kind %d × %q", k.n, k.kind)
	}
	p.tabs.SelectIndex(len(p.tabs.Items) - 1)
	if !wbioShows(w, fmt.Sprintf("%d warnings of %d kinds. Show:", len(p.warnings.all), len(p.warnings.kinds))) {
		t.Errorf("the warnings do not say their count; shown %q", wbioTexts(w))
	}
	p.warnings.show.SetSelectedIndex(1)
	if len(p.warnings.lines) != k.n || p.warnings.cell(0, 0) != "CFAssociations item 7" {
		t.Errorf("one kind shows %d lines, the first at %q", len(p.warnings.lines), p.warnings.cell(0, 0))
	}
	p.warnings.show.SetSelectedIndex(0)
	if len(p.warnings.lines) != len(p.warnings.all) {
		t.Errorf("all shows %d of %d", len(p.warnings.lines), len(p.warnings.all))
	}
	test.Tap(p.dlg.ConfirmButton())
	all, err := st.Continua(context.Background())
	if err != nil || len(all) != 1 {
		t.Fatalf("continua %v, %v", all, err)
	}
	ts, _ := st.Targets(context.Background(), all[0].ID)
	if len(ts) != 3 {
		t.Errorf("stored %d targets", len(ts))
	}
}

// wbioShowsTab reports whether the preview has a tab named name.
func wbioShowsTab(p *importPreview, name string) bool {
	for _, it := range p.tabs.Items {
		if it.Text == name {
			return true
		}
	}
	return false
}

// The CCSS Mathematics package OpenSALT published goes to the preview as
// a CASE package with its counts.
func TestImportRealCASEPackage(t *testing.T) {
	path := shared(t, "realdata", "ccss-math_case-cfpackage_opensalt.json")
	test.NewTempApp(t)
	st := storagetest.Open(t)
	w, io, _ := wbioSetup(t, st)
	io.importFrom(path)
	p := io.preview
	if io.mapping != nil || p == nil {
		t.Fatalf("mapping %v, preview %v; shown %q", io.mapping != nil, p != nil, wbioTexts(w))
	}
	if !wbioShows(w, "ccss-math_case-cfpackage_opensalt.json, a CASE package (JSON); 703 items") {
		t.Errorf("the preview does not name the format; shown %q", wbioTexts(w))
	}
	added := p.p.Count(continuum.SectionTargets, continuum.Added)
	if added != len(p.p.File.Book.Targets) || added < 400 {
		t.Errorf("%d targets added of %d read", added, len(p.p.File.Book.Targets))
	}
	t.Logf("%s; %d targets added, %d warnings", p.p.File.Book.About.Format, added, len(p.p.Warnings))
}

// Moodle and Canvas files go straight to the preview, named as such.
func TestImportRealMoodleAndCanvas(t *testing.T) {
	for file, want := range map[string]string{
		"moodle-pharmacy_competency-framework.csv": "a Moodle competency framework (CSV); ",
		"canvas_outcomes-scoring.csv":              "Canvas outcomes (CSV); ",
	} {
		t.Run(file, func(t *testing.T) {
			path := shared(t, "realdata", file)
			test.NewTempApp(t)
			st := storagetest.Open(t)
			w, io, _ := wbioSetup(t, st)
			io.importFrom(path)
			if io.mapping != nil || io.preview == nil || !wbioShows(w, file+", "+want) {
				t.Errorf("mapping %v, preview %v; shown %q", io.mapping != nil, io.preview != nil, wbioTexts(w))
			}
		})
	}
}

func TestIssueKindLeavesOutParticulars(t *testing.T) {
	for _, c := range []struct{ a, b string }{
		{"row 7: code 3.OA.1 is used twice", "row 9: code 4.NF.2 is used twice"},
		{`this exactMatchOf association joins ab12 and cd34, neither of which became a target`, `this exactMatchOf association joins ef56 and 78gh, neither of which became a target`},
		{`the level “Grade 3” is not one of the continuum's`, `the level “K” is not one of the continuum's`},
	} {
		if issueKind(c.a) != issueKind(c.b) {
			t.Errorf("%q and %q are of two kinds: %q, %q", c.a, c.b, issueKind(c.a), issueKind(c.b))
		}
	}
	if issueKind("the statement is empty") == issueKind("the code is empty") {
		t.Error("two messages made one kind")
	}
}
