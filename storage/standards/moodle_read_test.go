package standards

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// moodleRealPath is where the shared test data keeps a Moodle export.
func moodleRealPath() string {
	return filepath.Join("..", "..", "..", "shared", "realdata", "moodle-pharmacy_competency-framework.csv")
}

// moodleRealFile returns the Moodle export kept with the shared test data,
// or skips when it is absent.
func moodleRealFile(t testing.TB) []byte {
	t.Helper()
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared")); err != nil {
		t.Skip("no shared test data next to the repository")
	}
	raw, err := os.ReadFile(moodleRealPath())
	if err != nil {
		t.Skipf("no Moodle export in the shared test data: %v", err)
	}
	return raw
}

// moodleCSV joins lines into a file.
func moodleCSV(lines ...string) []byte { return []byte(strings.Join(lines, "\n") + "\n") }

// moodleNewHeader and moodleOldHeader are the header as Moodle writes it
// now and as its test fixture (an older export) spells it.
const (
	moodleNewHeader = `"Parent ID number","ID number","Short name",Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross-referenced competency ID numbers","Exported ID (optional)","Is framework",Taxonomy`
	moodleOldHeader = `"Parent id number","Id number",Shortname,Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross referenced competency id numbers","Exported id (optional)","Is framework",Taxonomy`
	moodleFrameRow  = `,FW-1,"Sample framework","<p>A framework &amp; its scale</p>",1,"Not yet,Nearly,Competent,Beyond","[{""scaleid"":""7""},{""id"":1,""scaledefault"":1,""proficient"":0},{""id"":3,""scaledefault"":0,""proficient"":1},{""id"":4,""scaledefault"":0,""proficient"":1}]",,,,,,1,"domain,competency,behaviour"`
)

func mustReadMoodle(t testing.TB, raw []byte) *framework.Framework {
	t.Helper()
	fw, err := ReadMoodle(raw)
	if err != nil {
		t.Fatalf("ReadMoodle: %v", err)
	}
	return fw
}

func moodleItem(t testing.TB, fw *framework.Framework, key string) framework.Item {
	t.Helper()
	for _, it := range fw.Items {
		if it.Key == key {
			return it
		}
	}
	t.Fatalf("no item %q among %d items", key, len(fw.Items))
	return framework.Item{}
}

// moodleWarned reports whether a warning holds every part.
func moodleWarned(ws []framework.Warning, parts ...string) bool {
	for _, w := range ws {
		s := w.String()
		ok := true
		for _, p := range parts {
			ok = ok && strings.Contains(s, p)
		}
		if ok {
			return true
		}
	}
	return false
}

// moodleDepths counts the items of each taxonomy kind at each depth,
// walking the parents from the items.
func moodleDepths(t testing.TB, fw *framework.Framework) map[int]int {
	t.Helper()
	byKey := map[string]framework.Item{}
	for _, it := range fw.Items {
		byKey[it.Key] = it
	}
	depths := map[int]int{}
	for _, it := range fw.Items {
		if it.IsFramework {
			continue
		}
		d := 0
		for cur := it; !cur.IsFramework; d++ {
			if len(cur.Parents) != 1 {
				t.Fatalf("item %s has parents %v; expected exactly one", cur.Key, cur.Parents)
			}
			p, ok := byKey[cur.Parents[0]]
			if !ok {
				t.Fatalf("item %s names parent %q, which is no item", cur.Key, cur.Parents[0])
			}
			if d > len(fw.Items) {
				t.Fatalf("item %s sits in a loop", it.Key)
			}
			cur = p
		}
		depths[d]++
	}
	return depths
}

func TestIsMoodle(t *testing.T) {
	for _, tc := range []struct {
		name   string
		header []string
		want   bool
	}{
		{"as Moodle writes it now", MoodleHeader, true},
		{"older spelling", strings.Split(strings.ReplaceAll(moodleOldHeader, `"`, ""), ","), true},
		{"case and spaces", []string{" parent id NUMBER ", "IDNUMBER", "short Name", "is_framework"}, true},
		{"plugin's 12 columns", []string{"Parent ID number", "ID number", "Shortname", "Description", "Description format", "Scale values", "Scale configuration", "Rule type", "Rule outcome", "Rule config", "Is framework", "Taxonomy"}, true},
		{"no framework column", []string{"Parent ID number", "ID number", "Short name", "Description"}, false},
		{"Canvas outcomes", []string{"vendor_guid", "object_type", "title", "description", "parent_guids"}, false},
		{"empty", nil, false},
	} {
		if got := IsMoodle(tc.header); got != tc.want {
			t.Errorf("%s: IsMoodle(%q) = %v, want %v", tc.name, tc.header, got, tc.want)
		}
	}
}

// TestReadMoodlePharmacy reads the Moodle export in the shared test data:
// its framework row, 3-value scale, taxonomy and 3-deep tree.
func TestReadMoodlePharmacy(t *testing.T) {
	raw := moodleRealFile(t)
	fw := mustReadMoodle(t, raw)
	if fw.Name != "Pharmacy" || fw.Origin.Format != continuum.FormatMoodle || fw.Origin.ID != "Pharmacy" || fw.Origin.Title != "Pharmacy" {
		t.Errorf("name %q, origin %+v; want Pharmacy from Moodle", fw.Name, fw.Origin)
	}
	wantTerms := []string{"domain", "competency", "behaviour", "competency", "competency", "competency"}
	if !slices.Equal(fw.Origin.Taxonomy, wantTerms) {
		t.Errorf("taxonomy %q, want %q", fw.Origin.Taxonomy, wantTerms)
	}
	if fw.Scale == nil {
		t.Fatal("no scale read")
	}
	var labels []string
	for i, p := range fw.Scale.Points {
		labels = append(labels, p.Label)
		if p.Value != float64(i+1) {
			t.Errorf("point %d has value %v", i+1, p.Value)
		}
	}
	if want := []string{"Mostly separate knowing", "Separate and connected", "Mostly connected knowing"}; !slices.Equal(labels, want) {
		t.Errorf("scale labels %q, want %q", labels, want)
	}
	if fw.Scale.Cut != 2 {
		t.Errorf("cut %v, want 2 (the one proficient value)", fw.Scale.Cut)
	}
	if !moodleWarned(fw.Warnings, "Separate and connected", "Mostly connected knowing") {
		t.Errorf("no warning that Moodle counts only value 2 proficient; warnings: %v", fw.Warnings)
	}
	if len(fw.Items) != 210 || !fw.Items[0].IsFramework || fw.Items[0].Key != "Pharmacy" {
		t.Fatalf("%d items, first %+v; want 210 with the framework first", len(fw.Items), fw.Items[0])
	}
	if got := moodleDepths(t, fw); got[1] != 6 || got[2] != 25 || got[3] != 178 || len(got) != 3 {
		t.Errorf("items per depth %v, want 6 at depth 1, 25 at 2, 178 at 3", got)
	}
	kinds := map[string]int{}
	for _, it := range fw.Items[1:] {
		kinds[it.Kind]++
		if it.Kind != it.Source.Kind || it.Source.ID != it.Key || it.Code != it.Key {
			t.Errorf("item %s: kind %q source %+v code %q", it.Key, it.Kind, it.Source, it.Code)
		}
	}
	if kinds["domain"] != 6 || kinds["competency"] != 25 || kinds["behaviour"] != 178 {
		t.Errorf("kinds %v, want 6 domain, 25 competency, 178 behaviour", kinds)
	}
	top := moodleItem(t, fw, "1")
	if top.Short != "Professional practice" || top.Statement != "Professional practice" || top.Parents[0] != "Pharmacy" || top.Kind != "domain" {
		t.Errorf("item 1: %+v", top)
	}
	leaf := moodleItem(t, fw, "1.1.5")
	if !strings.HasPrefix(leaf.Short, "Monitors the medicines") || !strings.HasSuffix(leaf.Short, "...") ||
		!strings.HasSuffix(leaf.Statement, "other healthcare professionals as appropriate") || leaf.Parents[0] != "1.1" {
		t.Errorf("item 1.1.5: %+v", leaf)
	}
	if p := moodleItem(t, fw, "1.1.1").Place; p.Row != 4 || p.Column != "B" || p.Field != "ID number" || p.Section != "" {
		t.Errorf("item 1.1.1's place %+v, want row 4 column B (ID number)", p)
	}
	if moodleWarned(fw.Warnings, "not read") || moodleWarned(fw.Warnings, "rule") {
		t.Errorf("warned of unused columns or rules the file does not have: %v", fw.Warnings)
	}
	if !moodleWarned(fw.Warnings, "taxonomy is written as JSON") {
		t.Errorf("no warning that the taxonomy is the early JSON form: %v", fw.Warnings)
	}
}

func TestReadMoodleHeaderSpellings(t *testing.T) {
	for _, header := range []string{moodleNewHeader, moodleOldHeader, strings.ToUpper(moodleNewHeader)} {
		raw := moodleCSV(header, moodleFrameRow,
			`,D1,"Number sense",,1,,,,0,null,,1,,`,
			`D1,T1,"Counts to 100",,1,,,,0,null,,2,,`)
		fw := mustReadMoodle(t, raw)
		if len(fw.Items) != 3 || moodleItem(t, fw, "T1").Parents[0] != "D1" || moodleItem(t, fw, "D1").Parents[0] != "FW-1" {
			t.Errorf("header %.40q…: items %+v", header, fw.Items)
		}
		if fw.Description != "A framework & its scale" {
			t.Errorf("description %q", fw.Description)
		}
		if fw.Scale == nil || fw.Scale.Cut != 3 || len(fw.Scale.Points) != 4 {
			t.Errorf("scale %+v, want 4 values with the cut at 3", fw.Scale)
		}
		if moodleWarned(fw.Warnings, "Moodle counts") {
			t.Errorf("warned of a proficiency gap in a contiguous top range: %v", fw.Warnings)
		}
		if !slices.Equal(fw.Origin.Taxonomy, []string{"domain", "competency", "behaviour"}) {
			t.Errorf("taxonomy %q", fw.Origin.Taxonomy)
		}
		if k := moodleItem(t, fw, "T1").Kind; k != "competency" {
			t.Errorf("T1 at depth 2 has kind %q, want competency", k)
		}
		if !moodleWarned(fw.Warnings, "not read", "column L, Moodle's database ids") {
			t.Errorf("the exported IDs were not reported unused: %v", fw.Warnings)
		}
	}
}

// TestReadMoodleEncodings reads the same framework saved with semicolons,
// as UTF-16 with a byte order mark, and with Windows line ends.
func TestReadMoodleEncodings(t *testing.T) {
	lines := []string{
		`"Parent ID number";"ID number";"Short name";Description;"Description format";"Scale values";"Scale configuration";"Is framework";Taxonomy`,
		`;FW;"Économie";;1;"Non,Oui";"[{""scaleid"":""1""},{""id"":1,""scaledefault"":1},{""id"":2,""proficient"":1}]";1;domain`,
		`;É1;"Élève, citoyen";"<p>Décrit l&#39;élève&nbsp;: «&nbsp;oui&nbsp;»</p>";1;;;;`,
	}
	semicolon := []byte(strings.Join(lines, "\r\n"))
	units := utf16.Encode([]rune(strings.Join(lines, "\r\n")))
	le := []byte{0xFF, 0xFE}
	for _, u := range units {
		le = append(le, byte(u), byte(u>>8))
	}
	for name, raw := range map[string][]byte{"semicolons": semicolon, "UTF-16": le} {
		fw := mustReadMoodle(t, raw)
		it := moodleItem(t, fw, "É1")
		if fw.Name != "Économie" || it.Short != "Élève, citoyen" || it.Statement != "Décrit l'élève : « oui »" {
			t.Errorf("%s: name %q, item %+v", name, fw.Name, it)
		}
		if fw.Scale == nil || fw.Scale.Points[0].Label != "Non" || fw.Scale.Cut != 2 {
			t.Errorf("%s: scale %+v", name, fw.Scale)
		}
	}
}

func TestReadMoodleDescriptions(t *testing.T) {
	raw := moodleCSV(moodleNewHeader, moodleFrameRow,
		`,A,"Short &amp; sweet","<p>First line<br>second&nbsp; line</p><p>Next &lt;para&gt; &quot;quoted&quot;</p>",1,,,,,,,,,`,
		`,B,"B name","line one
line two",0,,,,,,,,,`,
		`,C,"C name","  <b>not bold</b> & plain  ",2,,,,,,,,,`,
		`,D,"D <i>name</i>",,1,,,,,,,,,`)
	fw := mustReadMoodle(t, raw)
	for key, want := range map[string][2]string{
		"A": {"Short & sweet", "First line\nsecond  line\n\nNext <para> \"quoted\""},
		"B": {"B name", "line one\nline two"},
		"C": {"C name", "<b>not bold</b> & plain"},
		"D": {"D name", "D name"},
	} {
		it := moodleItem(t, fw, key)
		if it.Short != want[0] || it.Statement != want[1] {
			t.Errorf("%s: short %q statement %q, want %q and %q", key, it.Short, it.Statement, want[0], want[1])
		}
	}
}

// TestReadMoodleBrokenTree: a parent that names no row, a duplicate ID
// number, a loop and a row without an ID number keep their rows, with
// warnings that say what Moodle's importer would do.
func TestReadMoodleBrokenTree(t *testing.T) {
	raw := moodleCSV(moodleNewHeader, moodleFrameRow,
		`,D1,"Domain one",,1,,,,,,,,,`,
		`NOPE,T1,"Orphan",,1,,,,,,,,,`,
		`D1,T2,"First T2",,1,,,,,,,,,`,
		`D1,T2,"Second T2",,1,,,,,,,,,`,
		`L2,L1,"Loop one",,1,,,,,,,,,`,
		`L1,L2,"Loop two",,1,,,,,,,,,`,
		`D1,,"No ID",,1,,,,,,,,,`,
		`FW-1,T3,"Under the framework",,1,,,,,,,,,`)
	fw := mustReadMoodle(t, raw)
	if p := moodleItem(t, fw, "T1").Parents; !slices.Equal(p, []string{"FW-1"}) {
		t.Errorf("orphan's parents %v, want the framework", p)
	}
	if !moodleWarned(fw.Warnings, "row 4", "NOPE", "placed at the top") {
		t.Errorf("no warning for the missing parent: %v", fw.Warnings)
	}
	var t2 []framework.Item
	for _, it := range fw.Items {
		if it.Key == "T2" {
			t2 = append(t2, it)
		}
	}
	if len(t2) != 1 || t2[0].Short != "Second T2" || t2[0].Place.Row != 6 {
		t.Errorf("T2 items %+v, want the second row only (Moodle keeps the last)", t2)
	}
	if !moodleWarned(fw.Warnings, "row 6", "T2", "row 5") {
		t.Errorf("no warning for the duplicate: %v", fw.Warnings)
	}
	l1, l2 := moodleItem(t, fw, "L1"), moodleItem(t, fw, "L2")
	if l1.Parents[0] != "FW-1" || l2.Parents[0] != "L1" {
		t.Errorf("loop: L1 under %v, L2 under %v; want L1 (the first row) at the top", l1.Parents, l2.Parents)
	}
	if !moodleWarned(fw.Warnings, "row 7", "under itself") {
		t.Errorf("no warning for the loop: %v", fw.Warnings)
	}
	noID := moodleItem(t, fw, "row-9")
	if noID.Code != "" || noID.Parents[0] != "D1" || !moodleWarned(fw.Warnings, "row 9", "no ID number") {
		t.Errorf("row without ID: %+v; warnings %v", noID, fw.Warnings)
	}
	if moodleItem(t, fw, "T3").Parents[0] != "FW-1" || !moodleWarned(fw.Warnings, "row 10", "framework's") {
		t.Errorf("a competency whose parent is the framework's ID number: %+v", moodleItem(t, fw, "T3"))
	}
	moodleDepths(t, fw) // every parent resolves, no loop
}

// TestReadMoodleFrameworkIDShared: a competency may have the framework's
// ID number (Moodle keeps them in different tables); the framework's item
// then takes another key, and "Parent ID number" names the competency.
func TestReadMoodleFrameworkIDShared(t *testing.T) {
	fw := mustReadMoodle(t, moodleCSV(moodleNewHeader, moodleFrameRow,
		`,FW-1,"Same as the framework",,1,,,,,,,,,`,
		`FW-1,T1,"Under it",,1,,,,,,,,,`))
	if fw.Items[0].Key == "FW-1" || fw.Origin.ID != "FW-1" || fw.Items[0].Source.ID != "FW-1" {
		t.Errorf("framework item %+v, origin %+v", fw.Items[0], fw.Origin)
	}
	if p := moodleItem(t, fw, "FW-1").Parents[0]; p != fw.Items[0].Key {
		t.Errorf("the competency FW-1 sits under %q", p)
	}
	if p := moodleItem(t, fw, "T1").Parents[0]; p != "FW-1" {
		t.Errorf("T1 sits under %q, want the competency FW-1", p)
	}
	if len(fw.Warnings) > 0 {
		t.Errorf("warnings: %v", fw.Warnings)
	}
}

func TestReadMoodleProblems(t *testing.T) {
	for _, tc := range []struct {
		name  string
		raw   []byte
		parts []string
	}{
		{"missing column", moodleCSV(`"Parent ID number","ID number",Description,"Is framework"`, `,FW,x,1`),
			[]string{`"Parent ID number"`, `"Is framework"`, `no "Short name" column`, "row 1"}},
		{"no framework row", moodleCSV(moodleNewHeader, `,D1,"Domain",,1,,,,,,,,,`),
			[]string{"no row is the framework", `"Is framework"`}},
		{"empty", nil, []string{"empty"}},
	} {
		_, err := ReadMoodle(tc.raw)
		var p *Problem
		if !errors.As(err, &p) {
			t.Errorf("%s: error %v, want a *Problem", tc.name, err)
			continue
		}
		for _, part := range tc.parts {
			if !strings.Contains(err.Error(), part) {
				t.Errorf("%s: %q does not say %q", tc.name, err, part)
			}
		}
	}
	if _, err := ReadMoodle([]byte("\x00\x01\x02 binary")); err == nil || !strings.Contains(err.Error(), "read Moodle") {
		t.Errorf("binary file: %v", err)
	}
}

func TestReadMoodleRulesRelatedUnused(t *testing.T) {
	raw := moodleCSV(moodleNewHeader+",Notes",
		moodleFrameRow+",",
		`,D1,"Domain",,1,,,"core_competency\competency_rule_all",2,null,"T1,T%2C2",11,,,hello`,
		`D1,T1,"One",,1,,,,0,null,"D1,GONE",12,,,`,
		`D1,"T,2","Two",,1,"No,Yes","[{""scaleid"":""3""},{""id"":2,""scaledefault"":1,""proficient"":1}]",,0,"{""base"":{""points"":2}}",D1,13,,,`)
	fw := mustReadMoodle(t, raw)
	if !moodleWarned(fw.Warnings, "rows 3 and 5", "competency rule", "not kept") {
		t.Errorf("no single warning naming the rule rows: %v", fw.Warnings)
	}
	if !moodleWarned(fw.Warnings, "not read", `"Exported ID (optional)" (column L, Moodle's database ids)`, `"Notes" (column O)`) {
		t.Errorf("no warning naming the unused columns: %v", fw.Warnings)
	}
	type pair struct{ from, to string }
	var got []pair
	for _, a := range fw.Associations {
		if a.Kind != "isRelatedTo" {
			t.Errorf("association kind %q", a.Kind)
		}
		got = append(got, pair{a.From, a.To})
	}
	want := []pair{{"D1", "T1"}, {"D1", "T,2"}, {"T1", "GONE"}}
	if !slices.Equal(got, want) {
		t.Errorf("associations %v, want %v (one per pair, %%2C read as a comma)", got, want)
	}
	if !moodleWarned(fw.Warnings, "GONE", "names no competency") {
		t.Errorf("no warning for the cross reference outside the file: %v", fw.Warnings)
	}
	own := moodleItem(t, fw, "T,2").Scale
	if own == nil || len(own.Points) != 2 || own.Cut != 2 || own.Points[1].Label != "Yes" {
		t.Errorf("T,2's own scale %+v", own)
	}
	if moodleItem(t, fw, "T1").Scale != nil {
		t.Error("T1 has a scale of its own though it gives none")
	}
}

func TestReadMoodleScaleConfigurations(t *testing.T) {
	for _, tc := range []struct {
		name, values, config string
		cut                  float64
		warn                 string
	}{
		{"strings and booleans", "a,b,c", `[{"scaleid":"1"},{"id":"1","scaledefault":true},{"id":"2","proficient":"1"},{"id":"3","proficient":true}]`, 2, ""},
		{"gap", "a,b,c,d", `[{"scaleid":1},{"id":1,"scaledefault":1,"proficient":0},{"id":2,"scaledefault":0,"proficient":1},{"id":4,"scaledefault":0,"proficient":1}]`, 2, `not "c" (3)`},
		{"none proficient", "a,b,c,d", `[{"scaleid":1},{"id":1,"scaledefault":1,"proficient":0}]`, 3, "no scale value is proficient"},
		{"lowest proficient", "a,b", `[{"scaleid":1},{"id":1,"scaledefault":1,"proficient":1},{"id":2,"proficient":1}]`, 2, "lowest scale value"},
		{"not JSON", "a,b,c", `proficient=2`, 2, "not the JSON Moodle writes"},
		{"no default", "a,b,c", `[{"scaleid":1},{"id":3,"proficient":1}]`, 3, "no scale value is the default"},
		{"out of range", "a,b", `[{"scaleid":1},{"id":5,"proficient":1},{"id":2,"scaledefault":1,"proficient":1}]`, 2, "value 5"},
	} {
		row := `,FW,"F",,1,"` + tc.values + `","` + strings.ReplaceAll(tc.config, `"`, `""`) + `",,,,,,1,`
		fw := mustReadMoodle(t, moodleCSV(moodleNewHeader, row, `,T,"t",,1,,,,,,,,,`))
		if fw.Scale == nil || fw.Scale.Cut != tc.cut {
			t.Errorf("%s: scale %+v, want cut %v", tc.name, fw.Scale, tc.cut)
		}
		if tc.warn != "" && !moodleWarned(fw.Warnings, tc.warn) {
			t.Errorf("%s: no warning saying %q: %v", tc.name, tc.warn, fw.Warnings)
		}
		if tc.warn == "" && len(fw.Warnings) > 0 {
			t.Errorf("%s: warnings %v", tc.name, fw.Warnings)
		}
	}
	fw := mustReadMoodle(t, moodleCSV(moodleNewHeader, `,FW,"F",,1,"only one","[]",,,,,,1,`, `,T,"t",,1,,,,,,,,,`))
	if fw.Scale != nil || !moodleWarned(fw.Warnings, "one value") {
		t.Errorf("one-value scale: %+v, %v", fw.Scale, fw.Warnings)
	}
}

// TestReadMoodleBuild builds the real file: the domains, groups and
// targets of its three depths.
func TestReadMoodleBuild(t *testing.T) {
	fw := mustReadMoodle(t, moodleRealFile(t))
	res, err := framework.Build(fw)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	c := res.Counts
	if c.Domains != 6 || c.Groups != 25 || c.Targets != 178 || c.Items != 209 {
		t.Errorf("counts %+v, want 209 items: 6 domains, 25 groups, 178 targets", c)
	}
	if d := res.Continuum.Domains[0]; d.Name != "Professional practice" || d.Source == nil || d.Source.ID != "1" || d.Source.Kind != "domain" {
		t.Errorf("first domain %+v", d)
	}
	if res.Continuum.Origin == nil || res.Continuum.Origin.ID != "Pharmacy" || res.Continuum.Scale.Cut != 2 {
		t.Errorf("origin %+v scale %+v", res.Continuum.Origin, res.Continuum.Scale)
	}
}
