package standards

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// caseRoundTrip writes a built continuum as CASE, checks the package,
// reads it back and builds it again.
func caseRoundTrip(t *testing.T, res *framework.Result) ([]byte, *framework.Result) {
	t.Helper()
	out := mustWriteCASE(t, res.Continuum, res.Targets)
	caseStrictCheck(t, out)
	return out, mustBuild(t, mustReadCASE(t, out))
}

// caseSameResult checks that a continuum built again from its own CASE
// export is the one exported: the same counts, levels, domains, groups,
// targets, prerequisites and links, with the same source identifiers
// and association identifiers wherever the first had them.
func caseSameResult(t *testing.T, name string, a, b *framework.Result) {
	t.Helper()
	ca, cb := a.Counts, b.Counts
	ca.Items, cb.Items, ca.Skipped, cb.Skipped = 0, 0, 0, 0
	if ca != cb {
		t.Errorf("%s: counts %+v, then %+v", name, a.Counts, b.Counts)
	}
	x, y := a.Continuum, b.Continuum
	if x.Name != y.Name || !slices.Equal(x.Levels, y.Levels) || x.Origin.ID != y.Origin.ID {
		t.Errorf("%s: name %q levels %v origin %s, then %q %v %s", name, x.Name, x.Levels, x.Origin.ID, y.Name, y.Levels, y.Origin.ID)
	}
	if len(x.Domains) != len(y.Domains) || len(x.Groups) != len(y.Groups) || len(a.Targets) != len(b.Targets) {
		t.Fatalf("%s: %d domains, %d groups, %d targets, then %d, %d, %d", name,
			len(x.Domains), len(x.Groups), len(a.Targets), len(y.Domains), len(y.Groups), len(b.Targets))
	}
	for i, d := range x.Domains {
		e := y.Domains[i]
		if d.Name != e.Name || d.Code != e.Code || d.Description != e.Description || !caseSameSource(d.Source, e.Source) {
			t.Errorf("%s: domain %d %+v %+v, then %+v %+v", name, i, d, d.Source, e, e.Source)
		}
	}
	// A domain several items name (CCSS's per grade) is one item in the
	// export, its groups together: compare domain by domain.
	xg, yg, at, bt := caseByDomain(x, x.Groups), caseByDomain(y, y.Groups), caseByDomain(x, a.Targets), caseByDomain(y, b.Targets)
	for i, g := range xg {
		h := yg[i]
		if g.Key != h.Key || g.Code != h.Code || g.Name != h.Name || g.Statement != h.Statement || g.Domain != h.Domain ||
			g.Parent != h.Parent || g.Level != h.Level || !caseSameSource(g.Source, h.Source) {
			t.Errorf("%s: group %d %+v %+v, then %+v %+v", name, i, g, g.Source, h, h.Source)
		}
	}
	for i, s := range at {
		u := bt[i]
		if s.Code != u.Code || s.Statement != u.Statement || s.Domain != u.Domain || s.Level != u.Level || s.Group != u.Group || s.Order != u.Order ||
			!slices.Equal(s.Prerequisites, u.Prerequisites) || !caseSameSource(s.Source, u.Source) {
			t.Errorf("%s: target %d %+v %+v, then %+v %+v", name, i, s, s.Source, u, u.Source)
		}
	}
	caseSameLinks(t, caseLinksOf(x.Groups, a.Targets), caseLinksOf(y.Groups, b.Targets))
	caseSameLinks(t, caseDomainLinks(x.Domains), caseDomainLinks(y.Domains))
	if ia, ib := caseLinkIDs(x, a.Targets), caseLinkIDs(y, b.Targets); !caseSubMap(ia, ib) {
		t.Errorf("%s: association identifiers of links %v, then %v", name, ia, ib)
	}
}

// caseByDomain returns records (groups or targets) ordered by their
// domain's place in c, keeping their order inside a domain.
func caseByDomain[T continuum.Group | continuum.Target](c continuum.Continuum, records []T) []T {
	out := slices.Clone(records)
	domainOf := func(r T) int {
		switch r := any(r).(type) {
		case continuum.Group:
			return c.DomainIndex(r.Domain)
		case continuum.Target:
			return c.DomainIndex(r.Domain)
		}
		return -1
	}
	slices.SortStableFunc(out, func(p, q T) int { return domainOf(p) - domainOf(q) })
	return out
}

// caseDomainLinks lists the domains' links as caseLinksOf does.
func caseDomainLinks(domains []continuum.Domain) []string {
	var groups []continuum.Group
	for _, d := range domains {
		groups = append(groups, continuum.Group{Key: d.Name, Links: d.Links})
	}
	return caseLinksOf(groups, nil)
}

// caseSameSource reports whether b keeps a's identifiers: the record's,
// its placing association's and its prerequisites' associations'.
func caseSameSource(a, b *continuum.SourceRef) bool {
	if a == nil {
		return true
	}
	if b == nil {
		return a.ID == "" && a.Association == "" && len(a.Precedes) == 0
	}
	return (a.ID == "" || a.ID == b.ID) && (a.Association == "" || a.Association == b.Association) && caseSubMap(a.Precedes, b.Precedes)
}

// caseSubMap reports whether b holds every entry of a.
func caseSubMap(a, b map[string]string) bool {
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// caseLinkIDs maps each link with an association identifier to it.
func caseLinkIDs(c continuum.Continuum, targets []continuum.Target) map[string]string {
	out := map[string]string{}
	add := func(self string, ls []continuum.Link) {
		for _, l := range ls {
			if l.AssociationID != "" {
				out[self+" "+l.Kind+" "+caseOr(l.Code, l.ID)+" "+l.AssociationID] = l.AssociationID
			}
		}
	}
	for _, d := range c.Domains {
		add(d.Name, d.Links)
	}
	for _, g := range c.Groups {
		add(g.Key, g.Links)
	}
	for _, t := range targets {
		add(t.Code, t.Links)
	}
	return out
}

// caseIdentifiers lists a package's item and association identifiers.
func caseIdentifiers(t *testing.T, raw []byte) []string {
	t.Helper()
	var p casePackageOut
	if err := json.Unmarshal(raw, &p); err != nil {
		t.Fatal(err)
	}
	out := []string{p.CFDocument.Identifier}
	for _, it := range p.CFItems {
		out = append(out, it.Identifier)
	}
	for _, a := range p.CFAssociations {
		out = append(out, a.Identifier)
	}
	slices.Sort(out)
	return out
}

// TestCASERealRoundTrip: each real CASE file, built, exported, read and
// built again, gives the same continuum; the export is valid against the
// CASE 1.0 schema, and exporting again keeps every identifier.
func TestCASERealRoundTrip(t *testing.T) {
	var exports [][]byte
	for _, name := range []string{caseCCSSMath, caseWhatCouldBe, caseSequence, caseUTF8} {
		fw := mustReadCASE(t, caseRealFile(t, name))
		first := mustBuild(t, fw)
		// Every item without children is a target.
		parents := map[string]bool{}
		for _, a := range fw.Associations {
			if a.Kind == framework.IsChildOf {
				parents[a.To] = true
			}
		}
		leaves := 0
		for _, it := range fw.Items {
			if !parents[it.Key] {
				leaves++
			}
		}
		if len(first.Targets) != leaves {
			t.Errorf("%s: %d targets from %d items without children", name, len(first.Targets), leaves)
		}
		if c := first.Counts; name == caseWhatCouldBe && (c.External != 21 || c.Prerequisites+c.Links != 2) {
			t.Errorf("%s: want the 21 associations to items outside as links, the 2 precedes inside as prerequisites or links: %+v", name, c)
		}
		out, second := caseRoundTrip(t, first)
		caseSameResult(t, name, first, second)
		again, third := caseRoundTrip(t, second)
		caseSameResult(t, name+" again", second, third)
		if !slices.Equal(caseIdentifiers(t, out), caseIdentifiers(t, again)) {
			t.Errorf("%s: a second export changes identifiers", name)
		}
		if last, _ := caseRoundTrip(t, third); !bytes.Equal(again, last) {
			t.Errorf("%s: exports of the same continuum differ", name)
		}
		exports = append(exports, out, again)
	}
	caseSchemaCheck(t, exports...)
}

// caseRandomID returns an identifier as a source might write it: a UUID,
// an ASN URI, or a code of its own.
func caseRandomID(rng *rand.Rand, n int) string {
	switch rng.IntN(3) {
	case 0:
		b := make([]byte, 16)
		for i := range b {
			b[i] = byte(rng.UintN(256))
		}
		return fmt.Sprintf("%x-%x-4%x-a%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])[:36]
	case 1:
		return fmt.Sprintf("http://asn.example.org/resources/S%07X", rng.UintN(1<<28))
	}
	return fmt.Sprintf("item %d/%d", n, rng.IntN(1000))
}

// caseRandomFramework makes a random CASE-like framework: a document, a
// few top items (some with the same name, as CCSS repeats a domain per
// grade), a random tree below them, second parents, precedes between
// random items (cycles included), and associations to items outside.
func caseRandomFramework(rng *rand.Rand) *framework.Framework {
	doc := caseRandomID(rng, -1)
	fw := &framework.Framework{Name: fmt.Sprintf("Random %d", rng.IntN(1000)),
		Origin: continuum.Origin{Format: continuum.FormatCASE, ID: doc, Title: "Random"}}
	fw.Items = append(fw.Items, framework.Item{Key: doc, IsFramework: true, Source: continuum.SourceRef{ID: doc}})
	names := []string{"Number", "Algebra", "Geometry", "Data", "Number"}
	kinds := []string{"Standard", "Cluster", "Component", "Domain", ""}
	grades := []string{"KG", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10", "11", "12"}
	assocID := func() string {
		if rng.IntN(3) == 0 {
			return ""
		}
		return caseRandomID(rng, rng.IntN(1000))
	}
	n, tops := 4+rng.IntN(40), 1+rng.IntN(4)
	var keys []string
	for i := range n {
		key := caseRandomID(rng, i)
		it := framework.Item{Key: key, Kind: kinds[rng.IntN(len(kinds))], Statement: fmt.Sprintf("Statement %d about things.", i),
			Levels: []string{grades[rng.IntN(len(grades))]}}
		if rng.IntN(6) > 0 {
			it.Code = fmt.Sprintf("R.%d", i)
		}
		parent := doc
		if i < tops {
			it.Statement = names[rng.IntN(len(names))]
		} else {
			parent = keys[rng.IntN(len(keys))]
		}
		it.Source = continuum.SourceRef{ID: key, Kind: it.Kind}
		a := framework.Association{ID: assocID(), Kind: framework.IsChildOf, From: key, To: parent}
		if rng.IntN(2) == 0 {
			a.Order, a.HasOrder = rng.IntN(10), true
		}
		fw.Items = append(fw.Items, it)
		fw.Associations = append(fw.Associations, a)
		keys = append(keys, key)
	}
	pick := func() string { return keys[rng.IntN(len(keys))] }
	for range n / 8 {
		fw.Associations = append(fw.Associations, framework.Association{ID: assocID(), Kind: framework.IsChildOf, From: pick(), To: pick()})
	}
	for range n / 3 {
		fw.Associations = append(fw.Associations, framework.Association{ID: assocID(), Kind: framework.Precedes, From: pick(), To: pick()})
	}
	outside := []string{"exactMatchOf", "isRelatedTo", "exemplar", "replacedBy", "isPeerOf", "isTranslationOf", "precedes"}
	for k := range n / 4 {
		a := framework.Association{ID: assocID(), Kind: outside[rng.IntN(len(outside))], From: pick(),
			To: fmt.Sprintf("http://elsewhere.example.org/%d", k), ToTitle: fmt.Sprintf("Elsewhere %d", k)}
		if rng.IntN(2) == 0 {
			a.From, a.To, a.FromURI, a.FromTitle, a.ToTitle = "ext-"+fmt.Sprint(k), a.From, "https://x.example.org/e?k="+fmt.Sprint(k), "", ""
		}
		fw.Associations = append(fw.Associations, a)
	}
	return fw
}

// TestCASERoundTripProperty: random frameworks, built, exported, read
// and built again, give the same continuum, and every export is valid.
func TestCASERoundTripProperty(t *testing.T) {
	var exports [][]byte
	kinds := map[string]int{}
	for seed := range uint64(80) {
		rng := rand.New(rand.NewPCG(seed, 7))
		fw := caseRandomFramework(rng)
		first, err := framework.Build(fw)
		if err != nil {
			t.Fatalf("seed %d: %v", seed, err)
		}
		out, second := caseRoundTrip(t, first)
		caseSameResult(t, fmt.Sprintf("seed %d", seed), first, second)
		for _, a := range mustReadCASE(t, out).Associations {
			kinds[a.Kind]++
		}
		if seed%4 == 0 {
			exports = append(exports, out)
		}
	}
	// The frameworks did hold what the property is about.
	for _, k := range []string{"isChildOf", "precedes", "exactMatchOf", "isTranslationOf"} {
		if kinds[k] == 0 {
			t.Errorf("no %s association in any export: %v", k, slices.Sorted(maps.Keys(kinds)))
		}
	}
	caseSchemaCheck(t, exports...)
}

// TestCASERoundTripKeepsSecondParents: an item under two parents keeps
// the second as a link, and so again after an export.
func TestCASERoundTripKeepsSecondParents(t *testing.T) {
	fw := mustReadCASE(t, []byte(strings.ReplaceAll(`{"CFDocument": {"identifier": "d", "title": "T"},
 "CFItems": [{"identifier": "A", "fullStatement": "Area A"}, {"identifier": "B", "fullStatement": "Area B"},
  {"identifier": "x", "fullStatement": "X.", "humanCodingScheme": "X"}, {"identifier": "y", "fullStatement": "Y.", "humanCodingScheme": "Y"}],
 "CFAssociations": [{"associationType": "isChildOf", "originNodeURI": {"identifier": "A"}, "destinationNodeURI": {"identifier": "d"}},
  {"associationType": "isChildOf", "originNodeURI": {"identifier": "B"}, "destinationNodeURI": {"identifier": "d"}},
  {"identifier": "c1", "associationType": "isChildOf", "originNodeURI": {"identifier": "x"}, "destinationNodeURI": {"identifier": "A"}},
  {"identifier": "c2", "associationType": "isChildOf", "originNodeURI": {"identifier": "y"}, "destinationNodeURI": {"identifier": "A"}},
  {"identifier": "c3", "associationType": "isChildOf", "originNodeURI": {"identifier": "x"}, "destinationNodeURI": {"identifier": "y"}}]}`, "\n", "")))
	first := mustBuild(t, fw)
	if got := caseLinksOf(first.Continuum.Groups, first.Targets); len(got) != 1 || got[0] != "X isChildOf Y" {
		t.Fatalf("links %v", got)
	}
	_, second := caseRoundTrip(t, first)
	caseSameResult(t, "second parents", first, second)
	if second.Targets[0].Links[0].AssociationID != "c3" {
		t.Errorf("link %+v", second.Targets[0].Links)
	}
}
