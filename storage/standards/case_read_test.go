package standards

import (
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

func TestReadCASECCSSMath(t *testing.T) {
	fw := mustReadCASE(t, caseRealFile(t, caseCCSSMath))
	if len(fw.Items) != 704 || !fw.Items[0].IsFramework {
		t.Fatalf("want the document and 703 items, got %d items (first framework: %v)", len(fw.Items), fw.Items[0].IsFramework)
	}
	if got := caseKinds(fw.Associations); len(fw.Associations) != 703 || got[framework.IsChildOf] != 703 {
		t.Fatalf("want 703 isChildOf associations, got %d: %v", len(fw.Associations), got)
	}
	keys := map[string]bool{}
	types := map[string]int{}
	levels := map[string]int{}
	for _, it := range fw.Items[1:] {
		keys[it.Key] = true
		types[it.Kind]++
		if len(it.Levels) != 1 {
			t.Fatalf("%s: levels %v, want one", it.Key, it.Levels)
		}
		levels[it.Levels[0]]++
		if it.Source.ID != it.Key || it.Source.Kind != it.Kind || !strings.HasPrefix(it.Source.URI, "https://salt-dev.edplancms.com/uri/") {
			t.Fatalf("%s: source %+v", it.Key, it.Source)
		}
	}
	keys[fw.Items[0].Key] = true
	want := map[string]int{"Standard": 393, "Cluster": 147, "Component": 124, "Domain": 33, "": 6}
	for k, n := range want {
		if types[k] != n {
			t.Errorf("%d items of type %q, want %d (all: %v)", types[k], k, n, types)
		}
	}
	if levels["KG"] != 48 || levels["09"] != 273 || levels["01"] != 35 {
		t.Errorf("levels %v", levels)
	}
	for _, a := range fw.Associations {
		if !keys[a.From] || !keys[a.To] {
			t.Fatalf("%s: %s → %s does not resolve", a.Place, a.From, a.To)
		}
	}
	it := caseItemByKey(t, fw, "http://purl.org/ASN/resources/S1143417")
	if it.Code != "CCSS.Math.Content.K.CC.A.1" || it.Statement != "Count to 100 by ones and by tens." ||
		it.Kind != "Standard" || !it.HasOrder || it.Order != 1 || it.Levels[0] != "KG" || it.Place.Section != "CFItems" || !it.Place.JSON {
		t.Errorf("sample item: %+v", it)
	}
	o := fw.Origin
	if fw.Name != "Common Core State Standards for Mathematics" || fw.Subject != "Math" || o.Format != continuum.FormatCASE ||
		o.ID != "http://purl.org/ASN/resources/D10003FB" || o.Creator != "National Governors Association Center for Best Practices" ||
		o.URI != "https://salt-dev.edplancms.com/uri/http://purl.org/ASN/resources/D10003FB" ||
		o.OfficialURL != "http://www.corestandards.org/assets/CCSSI_Math%20Standards.pdf" || o.LastChange != "2016-09-28T21:43:01" {
		t.Errorf("framework %q subject %q origin %+v", fw.Name, fw.Subject, o)
	}
	if !strings.HasPrefix(fw.Description, "These Standards define what students should understand") {
		t.Errorf("description from the document's notes: %.60q", fw.Description)
	}
	// Each field passed over is named once, with how many records have it.
	if len(fw.Warnings) != 2 || !caseWarned(fw.Warnings, `field "notes"`, "155 items") ||
		!caseWarned(fw.Warnings, `field "CFAssociationGroupingURI"`, "703 associations") {
		t.Errorf("warnings: %v", fw.Warnings)
	}
}

func TestReadCASEWhatStandardsCouldBe(t *testing.T) {
	fw := mustReadCASE(t, caseRealFile(t, caseWhatCouldBe))
	if len(fw.Items) != 17 || len(fw.Associations) != 39 {
		t.Fatalf("%d items and %d associations, want 16 items (and the document) and 39", len(fw.Items)-1, len(fw.Associations))
	}
	got := caseKinds(fw.Associations)
	want := map[string]int{"exactMatchOf": 16, "isChildOf": 16, "precedes": 3, "exemplar": 2, "isRelatedTo": 2}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%d %s, want %d", got[k], k, n)
		}
	}
	keys := map[string]bool{}
	for _, it := range fw.Items {
		keys[it.Key] = true
	}
	outside := map[string]int{}
	for _, a := range fw.Associations {
		if !keys[a.From] {
			t.Errorf("%s: origin %s not in the file", a.Place, a.From)
		}
		if !keys[a.To] {
			outside[a.Kind]++
			if a.ToURI == "" || a.ToTitle != "" { // OpenSALT titles every end "Destination": says nothing
				t.Errorf("%s: outside end %q %q", a.Place, a.ToURI, a.ToTitle)
			}
		}
	}
	if n := outside["exactMatchOf"] + outside["exemplar"] + outside["isRelatedTo"] + outside["precedes"]; n != 21 ||
		outside["exactMatchOf"] != 16 || outside["precedes"] != 1 || outside[framework.IsChildOf] != 0 {
		t.Errorf("associations pointing outside: %v, want 21 (16 exactMatchOf, 2 exemplar, 2 isRelatedTo, 1 precedes)", outside)
	}
	if fw.Origin.AdoptionStatus != "Draft" || fw.Origin.Creator != "Brandon Dorman" || fw.Name != "What Standards Could Be" {
		t.Errorf("origin %+v", fw.Origin)
	}
	it := caseItemByKey(t, fw, "edfce0e7-dbbf-40d5-af1a-baccabef85e9")
	if it.Code != "CCSS.Math.Content.6.RP.A" || it.Kind != "Cluster" || strings.Join(it.Levels, ",") != "06" {
		t.Errorf("cluster: %+v", it)
	}
}

func TestReadCASESequenceNumbersOrderChildren(t *testing.T) {
	fw := mustReadCASE(t, caseRealFile(t, caseSequence))
	for _, a := range fw.Associations {
		if !a.HasOrder {
			t.Errorf("%s: no order from sequenceNumber", a.Place)
		}
	}
	res := mustBuild(t, fw)
	if len(res.Targets) != 2 || res.Targets[0].Code != "SNT.2" || res.Targets[1].Code != "SNT.1" {
		t.Fatalf("targets not in sequence-number order: %+v", res.Targets)
	}
}

func TestReadCASEKeepsUTF8(t *testing.T) {
	fw := mustReadCASE(t, caseRealFile(t, caseUTF8))
	if fw.Name != "UTF8 𝑑 Test" || len(fw.Items) != 2 || fw.Items[1].Statement != "Item 𝑑 1" {
		t.Fatalf("name %q items %+v", fw.Name, fw.Items)
	}
	if len(fw.Warnings) != 0 {
		t.Errorf("a clean CASE 1.0 file gives warnings: %v", fw.Warnings)
	}
}

// caseMini is a small package in the draft's shape, to vary in tests.
const caseMini = `{"CFDocument": {"identifier": "doc-1", "title": "Mini", "uri": "http://x.org/doc-1"},
"CFItems": [
 {"identifier": "a", "fullStatement": "Add.", "humanCodingScheme": "M.1", "educationalLevel": "09,10, 11", "listEnumeration": "2."},
 {"identifier": "b", "fullStatement": "Subtract.", "humanCodingScheme": "M.2", "educationLevel": ["KG", "01"], "listEnumeration": "a."}
],
"CFAssociations": [
 {"identifier": "x1", "associationType": "isChildOf", "originNodeIdentifier": "a", "destinationNodeURI": {"title": "Mini", "identifier": "doc-1", "uri": "http://x.org/doc-1"}},
 {"associationType": "Is Child Of", "originNodeURI": "b", "destinationNodeIdentifier": "doc-1", "sequenceNumber": "1"}
]}`

func TestReadCASEDraftAndBareShapes(t *testing.T) {
	check := func(name string, raw string) *framework.Framework {
		t.Helper()
		fw, err := ReadCASE([]byte(raw))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if len(fw.Items) != 3 || fw.Items[0].Key != "doc-1" || !fw.Items[0].IsFramework || fw.Name != "Mini" {
			t.Fatalf("%s: items %+v", name, fw.Items)
		}
		a, b := fw.Items[1], fw.Items[2]
		if strings.Join(a.Levels, "|") != "09|10|11" || !a.HasOrder || a.Order != 2 {
			t.Errorf("%s: a levels %v order %d %v", name, a.Levels, a.Order, a.HasOrder)
		}
		if strings.Join(b.Levels, "|") != "KG|01" || b.HasOrder {
			t.Errorf("%s: b levels %v; a letter listEnumeration is no order (%d %v)", name, b.Levels, b.Order, b.HasOrder)
		}
		if len(fw.Associations) != 2 || fw.Associations[0].From != "a" || fw.Associations[0].To != "doc-1" ||
			fw.Associations[1].From != "b" || fw.Associations[1].Kind != framework.IsChildOf || fw.Associations[1].Order != 1 {
			t.Errorf("%s: associations %+v", name, fw.Associations)
		}
		res := mustBuild(t, fw)
		if len(res.Targets) != 2 || res.Targets[0].Code != "M.2" {
			t.Errorf("%s: targets %+v", name, res.Targets)
		}
		return fw
	}
	check("draft", caseMini)
	check("BOM", "\xef\xbb\xbf"+caseMini)
	check("wrapped", `{"CFPackage": `+caseMini+`}`)
	// The document's fields at the top, beside its items: no package around them.
	bare := strings.Replace(caseMini, `{"CFDocument": {"identifier": "doc-1", "title": "Mini", "uri": "http://x.org/doc-1"},`,
		`{"identifier": "doc-1", "title": "Mini", "uri": "http://x.org/doc-1", "creator": "Me",`, 1)
	fw := check("bare", bare)
	if fw.Origin.Creator != "Me" || len(fw.Warnings) != 0 {
		t.Errorf("bare document: origin %+v warnings %v", fw.Origin, fw.Warnings)
	}
}

func TestReadCASEOneOneFields(t *testing.T) {
	raw := `{"CFDocument": {"identifier": "0b2d8f5e-4c0e-4b39-9a53-4a1e6a0b7d11", "uri": "https://case.example.org/d",
  "title": "Science", "creator": "State", "caseVersion": "1.1", "frameworkType": "Academic",
  "subject": ["Science", "Biology"], "licenseURI": {"title": "CC BY 4.0", "identifier": "1b2d8f5e-4c0e-4b39-9a53-4a1e6a0b7d11", "uri": "https://creativecommons.org/licenses/by/4.0/"},
  "CFPackageURI": "https://case.example.org/p", "language": "en", "version": "2.0", "publisher": "Dept", "lastChangeDateTime": "2024-01-02T03:04:05+00:00"},
 "CFItems": [
  {"identifier": "i1", "uri": "urn:uuid:i1", "fullStatement": "Cells.", "CFItemTypeURI": {"title": "Standard", "identifier": "t1", "uri": "https://case.example.org/t1"},
   "subject": ["Biology"], "notes": "n", "conceptKeywords": ["cell"], "statusStartDate": "2020-01-01", "extensions": {"vendor": 1}},
  {"identifier": "i2", "fullStatement": "Genes.", "CFItemTypeURI": {"identifier": "t2"}, "notes": "", "lastChangeDateTime": "x"},
  {"identifier": "i3", "fullStatement": "Cells again.", "subject": ["Biology"], "mystery": true, "Mystery2": {"a": 1}}
 ],
 "CFAssociations": [
  {"identifier": "s1", "associationType": "isTranslationOf", "originNodeURI": {"title": "i1", "identifier": "i1", "uri": "https://case.example.org/i1"},
   "destinationNodeURI": {"title": "Zellen", "identifier": "ext-9", "uri": "https://de.example.org/ext-9"}, "notes": "why"},
  {"identifier": "s2", "associationType": "precedes", "originNodeURI": {"title": "x", "identifier": "", "uri": "https://case.example.org/i1-uri"},
   "destinationNodeURI": {"title": "i2", "identifier": "I2", "uri": "u"}}
 ],
 "CFDefinitions": {"CFItemTypes": [{"identifier": "t2", "title": "Element"}]},
 "CFRubrics": [{"identifier": "r"}], "extensions": {"x": 1}, "junk": 1}`
	fw := mustReadCASE(t, []byte(raw))
	if fw.Subject != "Science, Biology" || fw.Origin.License != "CC BY 4.0" || fw.Origin.Language != "en" ||
		fw.Origin.Version != "2.0" || fw.Origin.Publisher != "Dept" || fw.Origin.URI != "https://case.example.org/d" {
		t.Errorf("document: subject %q origin %+v", fw.Subject, fw.Origin)
	}
	i1, i2 := caseItemByKey(t, fw, "i1"), caseItemByKey(t, fw, "i2")
	if i1.Kind != "Standard" || i2.Kind != "Element" || i1.Source.URI != "urn:uuid:i1" {
		t.Errorf("kinds from CFItemTypeURI and CFDefinitions: %q %q; uri %q", i1.Kind, i2.Kind, i1.Source.URI)
	}
	if len(fw.Associations) != 2 || fw.Associations[0].Kind != "isTranslationOf" || fw.Associations[0].ToTitle != "Zellen" {
		t.Fatalf("associations %+v", fw.Associations)
	}
	// An end named only by a URI no item has is kept by its URI; an
	// identifier in another case finds its item.
	if a := fw.Associations[1]; a.From != "https://case.example.org/i1-uri" || a.To != "i2" || a.Kind != "precedes" {
		t.Errorf("association by URI: %+v", a)
	}
	for _, w := range []string{`package, field "CFRubrics": not kept`, `package, field "junk": not a CASE field`,
		`CFDocument, field "frameworkType": not kept`, `CFItems item 1, field "subject": not kept`, "(2 items have it)",
		`field "notes": not kept`, `CFItems item 1, field "conceptKeywords"`, `CFItems item 1, field "extensions": not kept`,
		`CFItems item 3, field "mystery": not a CASE field`, `CFItems item 3, field "Mystery2"`, `CFAssociations item 1, field "notes"`} {
		if !caseWarned(fw.Warnings, w) {
			t.Errorf("no warning %q in %v", w, fw.Warnings)
		}
	}
	for _, quiet := range []string{"caseVersion", "lastChangeDateTime", "CFPackageURI", `"uri"`} {
		if caseWarned(fw.Warnings, quiet) {
			t.Errorf("warned of %s: %v", quiet, fw.Warnings)
		}
	}
	notes := 0
	for _, w := range fw.Warnings {
		if w.Place.Section == "CFItems" && w.Place.Field == "notes" {
			notes++
		}
	}
	if notes != 1 {
		t.Errorf("the items' notes named %d times, want once (an empty one does not count): %v", notes, fw.Warnings)
	}
}

func TestReadCASEEndsByURIAndCase(t *testing.T) {
	raw := `{"CFDocument": {"identifier": "D", "uri": "https://x.org/D", "title": "T"},
 "CFItems": [{"identifier": "E144C2E6-C0EA-11E7-95F7-5D664F4D8844", "uri": "https://x.org/i", "fullStatement": "One.", "cfItemType": "Standard", "humanCodingScheme": 12}],
 "CFAssociations": [{"associationType": "isChildOf", "originNodeURI": {"uri": "https://x.org/i"}, "destinationNodeURI": {"uri": "https://x.org/D"}},
  {"associationType": "exactMatchOf", "originNodeURI": {"identifier": "e144c2e6-c0ea-11e7-95f7-5d664f4d8844"}, "destinationNodeURI": {"identifier": "other", "title": "other"}}]}`
	fw := mustReadCASE(t, []byte(raw))
	key := "E144C2E6-C0EA-11E7-95F7-5D664F4D8844"
	if it := caseItemByKey(t, fw, key); it.Kind != "Standard" || it.Code != "12" {
		t.Errorf("field names match whatever their case, numbers read as text: %+v", it)
	}
	a, b := fw.Associations[0], fw.Associations[1]
	if a.From != key || a.To != "D" || b.From != key || b.To != "other" || b.ToTitle != "" {
		t.Errorf("ends by URI and by identifier in another case: %+v %+v", a, b)
	}
}

func TestReadCASEProblems(t *testing.T) {
	cases := []struct {
		name, raw string
		want      []string
	}{
		{"empty", " \n", []string{"the file is empty", "CFDocument"}},
		{"syntax", "{\n  \"CFDocument\": {\n    \"title\": \"x\",\n  }\n}", []string{"not valid JSON: line 4, column 3", "fix it there"}},
		{"truncated", "{\"CFDocument\": {\"title\": \"é\"", []string{"not valid JSON: line 1, column 29", "unexpected end"}},
		{"bad after BOM", "\xef\xbb\xbf[1, 2,]", []string{"not valid JSON: line 1, column 7"}},
		{"list", `[{"identifier": 1}, {}]`, []string{"a JSON list of 2 values, not a CASE package", "CFDocument and its CFItems"}},
		{"string", `"CASE"`, []string{"a single JSON string"}},
		{"other JSON", `{"name": "x", "competencies": [], "framework": {}}`, []string{`fields "competencies", "framework", "name"`, "not a CASE package"}},
		{"empty object", `{}`, []string{"an empty JSON object"}},
		{"document list", `{"CFDocuments": [{"identifier": "d"}]}`, []string{"list of CASE documents", "export the CFPackage of one"}},
		{"one item", `{"identifier": "i", "fullStatement": "x"}`, []string{"a single CASE item"}},
		{"document only", `{"CFDocument": {"identifier": "d", "title": "t"}}`, []string{"no CFItems", "export the whole CFPackage"}},
		{"no items", `{"CFDocument": {"identifier": "d"}, "CFItems": []}`, []string{"CFItems", "holds no items"}},
		{"items not a list", `{"CFDocument": {"identifier": "d"}, "CFItems": {"a": 1}}`, []string{"CFItems: expected a list of items"}},
		{"document not an object", `{"CFDocument": "d", "CFItems": []}`, []string{"CFDocument: expected the document as a JSON object"}},
		{"no identifiers", `{"CFDocument": {"identifier": "d"}, "CFItems": [{"fullStatement": "x"}, 3]}`, []string{"none of the items can be read", "identifier"}},
	}
	for _, c := range cases {
		fw, err := ReadCASE([]byte(c.raw))
		if err == nil {
			t.Errorf("%s: no error, got %+v", c.name, fw)
			continue
		}
		caseProblem(t, err)
		for _, w := range c.want {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("%s: %q does not say %q", c.name, err, w)
			}
		}
	}
}

func TestReadCASESkipsWhatItCannotUse(t *testing.T) {
	raw := `{"CFDocument": {"identifier": "d", "title": "T", "notes": "n", "description": "D"},
 "CFItems": [{"fullStatement": "no id"}, "text", {"identifier": "a", "fullStatement": {"en": "x"}}, {"identifier": "a", "fullStatement": "again"},
  {"identifier": "d", "fullStatement": "the document's"}, {"identifier": "b", "fullStatement": "B."}],
 "CFAssociations": [{"originNodeURI": {"identifier": "a"}, "destinationNodeURI": {"identifier": "d"}}, 7,
  {"associationType": "isChildOf", "originNodeURI": {"identifier": "b"}},
  {"associationType": "isChildOf", "originNodeURI": {"identifier": "b"}, "destinationNodeURI": {"identifier": "d"}}]}`
	fw := mustReadCASE(t, []byte(raw))
	if len(fw.Items) != 3 || fw.Items[1].Key != "a" || fw.Items[1].Statement != "" || fw.Items[2].Key != "b" {
		t.Fatalf("items %+v", fw.Items)
	}
	if fw.Description != "D" || len(fw.Associations) != 1 {
		t.Errorf("description %q associations %+v", fw.Description, fw.Associations)
	}
	for _, w := range []string{`CFItems item 1, field "identifier": the item has no identifier`, "CFItems item 2: is not a JSON object",
		`CFItems item 3, field "fullStatement": expected text`, `CFItems item 4, field "identifier": identifier "a" is already taken`,
		`CFItems item 5, field "identifier"`, `CFAssociations item 1, field "associationType"`, "CFAssociations item 2: is not a JSON object",
		`CFAssociations item 3, field "destinationNodeURI"`, `CFDocument, field "notes": not kept: the description is kept instead`} {
		if !caseWarned(fw.Warnings, w) {
			t.Errorf("no warning %q in %v", w, fw.Warnings)
		}
	}
}

func TestJSONHelpers(t *testing.T) {
	for raw, want := range map[string]int{`3`: 3, `"3."`: 3, `"12)"`: 12, `" 7 "`: 7, `4.0`: 4} {
		if n, ok := jsonInt([]byte(raw)); !ok || n != want {
			t.Errorf("jsonInt(%s) = %d %v, want %d", raw, n, ok, want)
		}
	}
	for _, raw := range []string{`"a."`, `"1.2"`, `3.5`, `"1e3"`, `null`, `[1]`, `"."`, `1e12`} {
		if n, ok := jsonInt([]byte(raw)); ok {
			t.Errorf("jsonInt(%s) = %d, want no number", raw, n)
		}
	}
	if l, ok := jsonLink([]byte(`"https://x.org/a"`)); !ok || l.URI != "https://x.org/a" || l.Identifier != "" {
		t.Errorf("a link written as a URI: %+v", l)
	}
	if l, ok := jsonLink([]byte(`"5a411e1a-7137-11e6-92a8-0242ac130002"`)); !ok || l.Identifier == "" || l.URI != "" {
		t.Errorf("a link written as an identifier: %+v", l)
	}
	if !emptyJSON([]byte(" [ ] ")) || !emptyJSON([]byte("null")) || !emptyJSON([]byte(`" "`)) || emptyJSON([]byte(`"x"`)) || emptyJSON([]byte("0")) {
		t.Error("emptyJSON")
	}
}
