package framework

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// item is a short way to write an item under parents.
func item(key, code, statement, kind string, parents ...string) Item {
	return Item{Key: key, Code: code, Statement: statement, Kind: kind, Parents: parents,
		Source: continuum.SourceRef{ID: key, Kind: kind}}
}

// ccssLike is a small CASE-like framework: a document, two domains that
// share a name across grades, clusters, a standard with sub-parts, a
// grade grouping and a level row.
func ccssLike() *Framework {
	return &Framework{
		Name:   "Math",
		Origin: continuum.Origin{Format: continuum.FormatCASE, ID: "doc"},
		Items: []Item{
			{Key: "doc", IsFramework: true},
			withLevels(item("d1", "1.OA", "Operations and Algebraic Thinking", "Domain", "doc"), "01"),
			withLevels(item("d2", "2.OA", "Operations and Algebraic Thinking", "Domain", "doc"), "02"),
			item("c1", "1.OA.A", "Represent and solve problems", "Cluster", "d1"),
			withLevels(item("s1", "1.OA.A.1", "Use addition within 20.", "Standard", "c1"), "01"),
			withLevels(item("s2", "1.OA.A.2", "Solve word problems.", "Standard", "c1"), "01"),
			item("c2", "2.OA.A", "Represent and solve problems", "Cluster", "d2"),
			withLevels(item("s3", "2.OA.A.1", "Determine the meaning of words and phrases, using strategies.", "Standard", "c2"), "02"),
			withLevels(item("s3a", "2.OA.A.1.a", "Use context.", "Component", "s3"), "02"),
			withLevels(item("s3b", "2.OA.A.1.b", "Use affixes.", "Component", "s3"), "02"),
			item("lvl", "", "Level 3", "", "doc"),
			item("empty", "G", "A group with nothing", "Cluster", "d1"),
		},
	}
}

func withLevels(it Item, levels ...string) Item { it.Levels = levels; return it }

func TestBuildKeepsTheHierarchy(t *testing.T) {
	fw := ccssLike()
	fw.Items[len(fw.Items)-1].IsGroup = true
	res, err := Build(fw)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Continuum
	if len(c.Domains) != 1 || c.Domains[0].Name != "Operations and Algebraic Thinking" {
		t.Fatalf("domains: %+v", c.Domains)
	}
	if got := strings.Join(c.Levels, ","); got != "01,02" {
		t.Errorf("levels %s, want 01,02", got)
	}
	var codes []string
	for _, tg := range res.Targets {
		codes = append(codes, tg.Code+"@"+tg.Group)
	}
	if got, want := strings.Join(codes, " "), "1.OA.A.1@1.OA.A 1.OA.A.2@1.OA.A 2.OA.A.1.a@2.OA.A.1 2.OA.A.1.b@2.OA.A.1"; got != want {
		t.Errorf("targets:\n got %s\nwant %s", got, want)
	}
	// The two grade domains that share a name each become a group, so no identity is lost.
	keys := map[string]continuum.Group{}
	for _, g := range c.Groups {
		keys[g.Key] = g
	}
	for key, parent := range map[string]string{"1.OA": "", "2.OA": "", "1.OA.A": "1.OA", "2.OA.A": "2.OA", "2.OA.A.1": "2.OA.A"} {
		g, ok := keys[key]
		if !ok {
			t.Errorf("no group %s in %v", key, c.Groups)
			continue
		}
		if g.Parent != parent || g.Source == nil || g.Source.ID == "" {
			t.Errorf("group %s: parent %q source %+v, want parent %q and a source", key, g.Parent, g.Source, parent)
		}
	}
	if g := keys["2.OA.A.1"]; g.Name != "Determine the meaning of words and phrases, using strategies." {
		t.Errorf("a standard with sub-parts keeps its statement as its group's name: %+v", g)
	}
	if res.Counts.Skipped != 2 || res.Counts.Targets != 4 || res.Counts.Groups != 5 || res.Counts.Items != 11 {
		t.Errorf("counts %+v", res.Counts)
	}
	if !hasWarning(res, "names a level") || !hasWarning(res, "holds nothing") {
		t.Errorf("warnings: %v", res.Warnings)
	}
	if c.Origin == nil || c.Origin.ID != "doc" {
		t.Errorf("origin %+v", c.Origin)
	}
	if res.Targets[0].Source == nil || res.Targets[0].Source.ID != "s1" {
		t.Errorf("source %+v", res.Targets[0].Source)
	}
}

func hasWarning(res *Result, part string) bool {
	for _, w := range res.Warnings {
		if strings.Contains(w.Message, part) {
			return true
		}
	}
	return false
}

func TestBuildAssociations(t *testing.T) {
	fw := &Framework{Name: "Ratios", Items: []Item{
		{Key: "doc", IsFramework: true},
		item("d", "RP", "Ratios", "Domain"),
		item("a", "RP.1", "Understand ratios.", "Standard"),
		item("b", "RP.2", "Understand unit rates.", "Standard"),
		item("c", "RP.3", "Use ratio reasoning.", "Standard"),
	}, Associations: []Association{
		{ID: "x1", Kind: "Is Child Of", From: "d", To: "doc"},
		{ID: "x2", Kind: "isChildOf", From: "a", To: "d", Order: 3, HasOrder: true},
		{ID: "x3", Kind: "isChildOf", From: "b", To: "d", Order: 2, HasOrder: true},
		{ID: "x4", Kind: "isChildOf", From: "c", To: "d", Order: 1, HasOrder: true},
		{ID: "x5", Kind: "isChildOf", From: "c", To: "a"}, // a second parent
		{ID: "p1", Kind: "precedes", From: "a", To: "b"},
		{ID: "p2", Kind: "precedes", From: "b", To: "c"},
		{ID: "p3", Kind: "precedes", From: "c", To: "a"}, // closes a cycle
		{ID: "p4", Kind: "precedes", From: "a", To: "ext", ToTitle: "7.RP.1"},
		{ID: "m1", Kind: "exactMatchOf", From: "b", To: "urn:other", ToURI: "https://example.org/b", ToTitle: "6.RP.A.2"},
		{ID: "r1", Kind: "isRelatedTo", From: "outside", FromTitle: "Other", To: "c"},
		{ID: "z1", Kind: "isRelatedTo", From: "nowhere", To: "nothing"},
	}}
	res, err := Build(fw)
	if err != nil {
		t.Fatal(err)
	}
	byCode := map[string]continuum.Target{}
	var order []string
	for _, tg := range res.Targets {
		byCode[tg.Code] = tg
		order = append(order, tg.Code)
	}
	if got := strings.Join(order, " "); got != "RP.3 RP.2 RP.1" {
		t.Errorf("order by sequence number: %s", got)
	}
	if p := byCode["RP.2"].Prerequisites; len(p) != 1 || p[0] != "RP.1" {
		t.Errorf("RP.2 prerequisites %v", p)
	}
	if byCode["RP.2"].Source.Precedes["a"] != "p1" {
		t.Errorf("the precedes association's identifier is kept: %+v", byCode["RP.2"].Source)
	}
	if p := byCode["RP.1"].Prerequisites; len(p) != 0 {
		t.Errorf("the cycle-closing precedes must not be a prerequisite: %v", p)
	}
	if !hasLink(byCode["RP.1"], continuum.Link{Kind: "precedes", Code: "RP.3", Inbound: true, AssociationID: "p3"}) || !hasWarning(res, "close a cycle") {
		t.Errorf("cycle kept as a link with a warning: %+v %v", byCode["RP.1"].Links, res.Warnings)
	}
	if !hasLink(byCode["RP.1"], continuum.Link{Kind: "precedes", ID: "ext", Title: "7.RP.1", AssociationID: "p4"}) {
		t.Errorf("external precedes: %+v", byCode["RP.1"].Links)
	}
	if !hasLink(byCode["RP.2"], continuum.Link{Kind: "exactMatchOf", ID: "urn:other", URI: "https://example.org/b", Title: "6.RP.A.2", AssociationID: "m1"}) {
		t.Errorf("exactMatchOf: %+v", byCode["RP.2"].Links)
	}
	if !hasLink(byCode["RP.3"], continuum.Link{Kind: "isRelatedTo", ID: "outside", Title: "Other", Inbound: true, AssociationID: "r1"}) {
		t.Errorf("inbound: %+v", byCode["RP.3"].Links)
	}
	if !hasLink(byCode["RP.3"], continuum.Link{Kind: "isChildOf", Code: "RP.1", AssociationID: "x5"}) || !hasWarning(res, "has 2 parents") {
		t.Errorf("second parent: %+v %v", byCode["RP.3"].Links, res.Warnings)
	}
	if byCode["RP.3"].Source.Association != "x4" {
		t.Errorf("placing association kept: %+v", byCode["RP.3"].Source)
	}
	if !hasWarning(res, "neither of which") {
		t.Errorf("an association with no end here is named: %v", res.Warnings)
	}
	if c := res.Counts; c.Prerequisites != 2 || c.Links != 2 || c.External != 3 {
		t.Errorf("counts %+v", c)
	}
}

func hasLink(t continuum.Target, want continuum.Link) bool {
	for _, l := range t.Links {
		if l == want {
			return true
		}
	}
	return false
}

func TestBuildEmptyAndLoops(t *testing.T) {
	if _, err := Build(&Framework{Items: []Item{{Key: "doc", IsFramework: true}}}); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	res, err := Build(&Framework{Items: []Item{
		item("a", "A", "Alpha", "", "b"), item("b", "B", "Beta", "", "a"), item("c", "C", "Gamma", "", "a"),
		item("d", "", "", "", "zz"), {Key: "a", Statement: "dup"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	if !hasWarning(res, "its own ancestor") || !hasWarning(res, "already listed") || !hasWarning(res, "not in the file") {
		t.Errorf("warnings %v", res.Warnings)
	}
	if len(res.Targets) != 1 || res.Targets[0].Code != "C" {
		t.Errorf("targets %+v", res.Targets)
	}
}

// bigFramework is a framework of n standards in domains of clusters.
func bigFramework(n int) *Framework {
	fw := &Framework{Name: "Big", Items: []Item{{Key: "doc", IsFramework: true}}}
	for d := 0; d < 10; d++ {
		fw.Items = append(fw.Items, item(fmt.Sprintf("d%d", d), fmt.Sprintf("D%d", d), fmt.Sprintf("Domain %d", d), "Domain", "doc"))
	}
	for i := 0; len(fw.Items) < n; i++ {
		c := fmt.Sprintf("c%d", i)
		fw.Items = append(fw.Items, item(c, fmt.Sprintf("D%d.C%d", i%10, i), fmt.Sprintf("Cluster %d", i), "Cluster", fmt.Sprintf("d%d", i%10)))
		for k := 0; k < 9; k++ {
			s := fmt.Sprintf("s%d.%d", i, k)
			fw.Items = append(fw.Items, withLevels(item(s, fmt.Sprintf("D%d.C%d.%d", i%10, i, k), "Standard "+s, "Standard", c), fmt.Sprint(k%13)))
			if k > 0 {
				fw.Associations = append(fw.Associations, Association{Kind: Precedes, From: fmt.Sprintf("s%d.%d", i, k-1), To: s})
			}
		}
	}
	return fw
}

func TestBuildLargeFramework(t *testing.T) {
	res, err := Build(bigFramework(20000))
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts.Items != 20000 || res.Counts.Domains != 10 || res.Counts.Groups != 1999 || res.Counts.Targets != 17991 || res.Counts.Prerequisites != 15992 {
		t.Errorf("counts %+v", res.Counts)
	}
}

// BenchmarkBuild20000 measures Build alone on a framework of 20,000 items.
func BenchmarkBuild20000(b *testing.B) {
	fw := bigFramework(20000)
	for b.Loop() {
		if _, err := Build(fw); err != nil {
			b.Fatal(err)
		}
	}
}

// Levels and domains can come from a depth of the tree, as a teacher maps
// a Moodle taxonomy level or a Canvas group.
func TestBuildLevelsAndDomainsAtDepth(t *testing.T) {
	fw := &Framework{Name: "Skills", Items: []Item{
		item("sub", "", "Communication", ""),
		item("b", "", "Beginning", "", "sub"), item("a", "", "Advanced", "", "sub"),
		item("b1", "C.B.1", "Listen.", "", "b"), item("a1", "C.A.1", "Debate.", "", "a"),
	}}
	fw.LevelsAt = 2
	res, err := Build(fw)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(res.Continuum.Levels, ","); got != "Beginning,Advanced" {
		t.Errorf("levels %s", got)
	}
	if res.Targets[1].Level != "Advanced" || res.Continuum.Domains[0].Name != "Communication" {
		t.Errorf("targets %+v domains %+v", res.Targets, res.Continuum.Domains)
	}
	fw.LevelsAt, fw.DomainsAt = 0, 2
	if res, err = Build(fw); err != nil {
		t.Fatal(err)
	}
	if len(res.Continuum.Domains) != 2 || res.Continuum.Domains[0].Name != "Beginning" {
		t.Errorf("domains at depth 2: %+v", res.Continuum.Domains)
	}
}

// A grouping whose only member names it as a second parent is kept, so
// the member's link to it resolves and an export writes the membership.
func TestBuildKeepsGroupOfSecondParents(t *testing.T) {
	fw := &Framework{Name: "Outcomes", Items: []Item{
		{Key: "a", Short: "A", IsGroup: true}, {Key: "b", Short: "B", IsGroup: true, Parents: []string{"a"}},
		{Key: "c", Code: "C", Statement: "Do c.", Parents: []string{"a", "b"}},
	}}
	res, err := Build(fw)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Continuum.Groups) != 1 || res.Continuum.Groups[0].Name != "B" {
		t.Fatalf("groups %+v", res.Continuum.Groups)
	}
	if l := res.Targets[0].Links; len(l) != 1 || l[0].Code != res.Continuum.Groups[0].Key {
		t.Errorf("the second parent resolves to the kept group: %+v", l)
	}
}
