package standards

import (
	"bytes"
	"encoding/csv"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// moodleHandMade is a small continuum built by hand: two domains, nested
// groups, targets in groups and directly in a domain, related targets,
// statements with markup characters, spaces, a line break and more than
// 100 characters.
func moodleHandMade() (continuum.Continuum, []continuum.Target) {
	c := continuum.NewContinuum("Grade 4 math & reasoning", "4", "5")
	c.ID = "c0ffee"
	c.Description = "Our school's <continuum>\nfor grade 4"
	c.Domains = []continuum.Domain{
		{Name: "Number sense", Category: continuum.Academic, Code: "NS", Description: "Whole numbers and fractions"},
		{Name: "Habits of mind", Category: continuum.Lifelong},
		{Name: "Empty domain", Category: continuum.Academic},
	}
	c.Groups = []continuum.Group{
		{Key: "NS.F", Code: "NS.F", Name: "Fractions", Statement: "Understand fractions as numbers", Domain: "Number sense"},
		{Key: "NS.F.eq", Code: "NS.F.eq", Name: "Equivalence", Domain: "Number sense", Parent: "NS.F"},
		{Key: "HM.P", Name: "Perseverance", Domain: "Habits of mind"},
		{Key: "NS.empty", Name: "Nothing yet", Domain: "Number sense"},
	}
	long := "I can explain why two fractions are equivalent by drawing area models, number lines and sets, and by reasoning about the size of the parts"
	targets := []continuum.Target{
		{Code: "NS.1", Statement: "I can count to 1,000 & back", Domain: "Number sense", Level: "4", Order: 1, EvidenceRequired: 1},
		{Code: "NS.F.1", Statement: `I can say "a/b" is a < 1 when a < b`, Domain: "Number sense", Level: "4", Order: 2, EvidenceRequired: 1, Group: "NS.F",
			Links: []continuum.Link{{Kind: "isRelatedTo", Code: "NS.F.eq.1"}}},
		{Code: "NS.F.eq.1", Statement: long, Domain: "Number sense", Level: "4", Order: 3, EvidenceRequired: 1, Group: "NS.F.eq"},
		{Code: "NS.F.eq.2", Statement: "Line one\nLine  two with a back\\slash", Domain: "Number sense", Level: "5", Order: 1, EvidenceRequired: 1, Group: "NS.F.eq",
			Source: &continuum.SourceRef{ID: "moodle-eq-2"}},
		{Code: "HM.1", Statement: "I keep trying when work is hard", Domain: "Habits of mind", Level: "4", Order: 1, EvidenceRequired: 1, Group: "HM.P",
			Links: []continuum.Link{{Kind: "isRelatedTo", Code: "NS.1"}, {Kind: "exactMatchOf", Code: "NS.F.1"}}},
	}
	return c, targets
}

// moodleRecords writes c and reads the file back as CSV records.
func moodleRecords(t testing.TB, c continuum.Continuum, targets []continuum.Target) ([]byte, [][]string) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteMoodle(&buf, c, targets); err != nil {
		t.Fatalf("WriteMoodle: %v", err)
	}
	r := csv.NewReader(bytes.NewReader(buf.Bytes()))
	r.FieldsPerRecord = len(MoodleHeader)
	recs, err := r.ReadAll()
	if err != nil {
		t.Fatalf("the file is not CSV of %d columns: %v\n%s", len(MoodleHeader), err, buf.String())
	}
	return buf.Bytes(), recs
}

func TestWriteMoodleHandMade(t *testing.T) {
	c, targets := moodleHandMade()
	raw, recs := moodleRecords(t, c, targets)
	wantHeader := `"Parent ID number","ID number","Short name",Description,"Description format","Scale values","Scale configuration","Rule type (optional)","Rule outcome (optional)","Rule config (optional)","Cross-referenced competency ID numbers","Exported ID (optional)","Is framework",Taxonomy` + "\n"
	if !bytes.HasPrefix(raw, []byte(wantHeader)) {
		t.Errorf("header line %q, want Moodle's exporter's %q", raw[:bytes.IndexByte(raw, '\n')+1], wantHeader)
	}
	fw := recs[1]
	want := []string{"", "continuum-c0ffee", "Grade 4 math & reasoning", "Our school's &lt;continuum&gt;<br>for grade 4", "1",
		"Beginning,Developing,Proficient,Extending",
		`[{"scaleid":"1"},{"id":1,"scaledefault":1,"proficient":0},{"id":3,"scaledefault":0,"proficient":1},{"id":4,"scaledefault":0,"proficient":1}]`,
		"", "", "", "", "", "1", "domain,competency,competency,competency"}
	if !slices.Equal(fw, want) {
		t.Errorf("framework row\n%q\nwant\n%q", fw, want)
	}
	type row struct{ parent, id, short, desc, related string }
	var got []row
	for _, r := range recs[2:] {
		got = append(got, row{r[0], r[1], r[2], r[3], r[10]})
		if r[4] != "1" || r[8] != "0" || r[9] != "null" || r[12] != "" || r[5] != "" {
			t.Errorf("row %q: format, rule or scale columns not as Moodle's exporter writes them", r)
		}
	}
	wantRows := []row{
		{"", "NS", "Number sense", "Whole numbers and fractions", ""},
		{"NS", "NS.1", "I can count to 1,000 & back", "I can count to 1,000 &amp; back", "HM.1"},
		{"NS", "NS.F", "Fractions", "Understand fractions as numbers", ""},
		{"NS.F", "NS.F.1", `I can say "a/b" is a &lt; 1 when a &lt; b`, `I can say "a/b" is a &lt; 1 when a &lt; b`, "NS.F.eq.1"},
		{"NS.F", "NS.F.eq", "Equivalence", "", ""},
		{"NS.F.eq", "NS.F.eq.1", "I can explain why two fractions are equivalent by drawing area models, number lines and sets, and...",
			"I can explain why two fractions are equivalent by drawing area models, number lines and sets, and by reasoning about the size of the parts", "NS.F.1"},
		{"NS.F.eq", "moodle-eq-2", "Line one Line two with a back&#92;slash", "Line one<br>Line &nbsp;two with a back&#92;slash", ""},
		{"", "habits-of-mind", "Habits of mind", "", ""},
		{"habits-of-mind", "HM.P", "Perseverance", "", ""},
		{"HM.P", "HM.1", "I keep trying when work is hard", "I keep trying when work is hard", "NS.1"},
	}
	if !slices.Equal(got, wantRows) {
		t.Errorf("competency rows:\n%q\nwant\n%q", got, wantRows)
	}
	if bytes.Contains(raw, []byte("Empty domain")) || bytes.Contains(raw, []byte("Nothing yet")) {
		t.Error("a domain or group holding no target was written")
	}
}

// TestWriteMoodleReadBack reads the written file with ReadMoodle: the tree,
// statements, ID numbers, scale and cross-references come back.
func TestWriteMoodleReadBack(t *testing.T) {
	c, targets := moodleHandMade()
	raw, _ := moodleRecords(t, c, targets)
	fw := mustReadMoodle(t, raw)
	if len(fw.Warnings) > 0 {
		t.Errorf("warnings reading a written file: %v", fw.Warnings)
	}
	if fw.Name != c.Name || fw.Description != c.Description || fw.Origin.ID != "continuum-c0ffee" {
		t.Errorf("name %q description %q origin %+v", fw.Name, fw.Description, fw.Origin)
	}
	if fw.Scale == nil || fw.Scale.Cut != 3 || len(fw.Scale.Points) != 4 || fw.Scale.Points[3].Label != "Extending" {
		t.Errorf("scale %+v", fw.Scale)
	}
	for _, tg := range targets {
		id := tg.Code
		if tg.Source != nil {
			id = tg.Source.ID
		}
		it := moodleItem(t, fw, id)
		if it.Statement != tg.Statement {
			t.Errorf("%s: statement %q, want %q", id, it.Statement, tg.Statement)
		}
	}
	if got := moodleItem(t, fw, "NS.F.eq").Parents; !slices.Equal(got, []string{"NS.F"}) {
		t.Errorf("NS.F.eq under %v", got)
	}
	if k := moodleItem(t, fw, "moodle-eq-2").Kind; k != "competency" {
		t.Errorf("kind at depth 4: %q", k)
	}
	var pairs []string
	for _, a := range fw.Associations {
		pairs = append(pairs, a.Kind+" "+a.From+" "+a.To)
	}
	if want := []string{"isRelatedTo NS.1 HM.1", "isRelatedTo NS.F.1 NS.F.eq.1"}; !slices.Equal(pairs, want) {
		t.Errorf("associations %q, want %q", pairs, want)
	}
}

func TestWriteMoodleFromMoodle(t *testing.T) {
	c, targets := moodleHandMade()
	c.Origin = &continuum.Origin{Format: continuum.FormatMoodle, ID: "G4-MATH", Taxonomy: []string{"domain", "skill", "Behaviour", "levelled", "value"}}
	c.Domains[0].Source = &continuum.SourceRef{ID: "moodle-ns"}
	_, recs := moodleRecords(t, c, targets)
	if recs[1][1] != "G4-MATH" || recs[1][13] != "domain,skill,behaviour,competency,value" {
		t.Errorf("framework row %q: want Moodle's ID number and taxonomy (an unknown term as competency)", recs[1])
	}
	if recs[2][1] != "moodle-ns" || recs[3][0] != "moodle-ns" {
		t.Errorf("the domain's source ID number is not used: %q %q", recs[2], recs[3])
	}
}

func TestWriteMoodleRefuses(t *testing.T) {
	for _, tc := range []struct {
		name  string
		edit  func(c *continuum.Continuum, ts []continuum.Target)
		parts []string
	}{
		{"long code", func(c *continuum.Continuum, ts []continuum.Target) {
			ts[0].Source = &continuum.SourceRef{ID: strings.Repeat("x", 101)}
		}, []string{"target NS.1", "101 characters", "Moodle keeps 100", "change the target's code"}},
		{"same ID number", func(c *continuum.Continuum, ts []continuum.Target) {
			ts[1].Source = &continuum.SourceRef{ID: "ns.1"}
		}, []string{`"ns.1" is already target NS.1's`, "whatever the case"}},
		{"markup in a code", func(c *continuum.Continuum, ts []continuum.Target) { ts[0].Code = "NS<1>" }, []string{`"NS<1>"`, `strips what follows a "<"`}},
		{"same number", func(c *continuum.Continuum, ts []continuum.Target) {
			c.Groups[0].Source = &continuum.SourceRef{ID: "1.1"}
			ts[0].Code = "1.10"
		}, []string{`"1.1" (group NS.F) and "1.10" (target 1.10) are the same number`, `such as "C1.10"`}},
		{"comma in a scale label", func(c *continuum.Continuum, ts []continuum.Target) { c.Scale.Points[1].Label = "Almost, not yet" }, []string{"scale point 2", "commas"}},
		{"unknown domain", func(c *continuum.Continuum, ts []continuum.Target) { ts[0].Domain = "Geometry" }, []string{`target NS.1 is in domain "Geometry"`}},
		{"unknown group", func(c *continuum.Continuum, ts []continuum.Target) { ts[0].Group = "nope" }, []string{`target NS.1 sits in group "nope"`}},
		{"group loop", func(c *continuum.Continuum, ts []continuum.Target) { c.Groups[0].Parent = "NS.F.eq" }, []string{"sits inside itself"}},
	} {
		c, targets := moodleHandMade()
		tc.edit(&c, targets)
		err := WriteMoodle(&bytes.Buffer{}, c, targets)
		if err == nil {
			t.Errorf("%s: no error", tc.name)
			continue
		}
		for _, p := range append(tc.parts, "write Moodle competency framework Grade 4 math") {
			if !strings.Contains(err.Error(), p) {
				t.Errorf("%s: %q does not say %q", tc.name, err, p)
			}
		}
	}
}

// TestWriteMoodleNumbersThatDiffer: numeric ID numbers that differ as
// numbers, or that no competency sits under, are written.
func TestWriteMoodleNumbersThatDiffer(t *testing.T) {
	c, targets := moodleHandMade()
	c.Groups[0].Source = &continuum.SourceRef{ID: "1.1"}
	c.Groups[1].Source = &continuum.SourceRef{ID: "1.11"}
	targets[0].Code = "1.2"
	targets[1].Code = "2.5"
	targets[2].Code = "2.50" // the same number as 2.5, but nothing sits under either
	targets[3].Source = nil
	targets[3].Code = "01.1.1"
	if err := WriteMoodle(&bytes.Buffer{}, c, targets); err != nil {
		t.Errorf("WriteMoodle: %v", err)
	}
}

func TestMoodlePHPNumber(t *testing.T) {
	for s, want := range map[string]float64{"1": 1, "1.10": 1.1, "01": 1, "+2.": 2, ".5": 0.5, "1e3": 1000, " 7": 7, "7 ": 7} {
		if v, ok := moodlePHPNumber(s); !ok || v != want {
			t.Errorf("%q: %v %v, want %v", s, v, ok, want)
		}
	}
	for _, s := range []string{"", "1.1.1", "1e", "abc", "0x1A", "1,5", "-", ".", "1e+", "inf", "NaN", "1_000"} {
		if _, ok := moodlePHPNumber(s); ok {
			t.Errorf("%q read as a number", s)
		}
	}
}

func TestMoodleShortText(t *testing.T) {
	for in, want := range map[string]string{
		"Fractions":                "Fractions",
		"R&D  and\nmore":           "R&amp;D and more",
		"a & b <c> d\\e":           "a & b &lt;c> d&#92;e",
		strings.Repeat("ab ", 40):  strings.TrimSpace(strings.Repeat("ab ", 32)) + "...",
		strings.Repeat("abc ", 30): strings.TrimSpace(strings.Repeat("abc ", 24)) + "...",
		strings.Repeat("x", 120):   strings.Repeat("x", 97) + "...",
	} {
		got := moodleShortText(in)
		if got != want {
			t.Errorf("moodleShortText(%q) = %q, want %q", in, got, want)
		}
		if n := len([]rune(got)); n > moodleIDLimit {
			t.Errorf("%q is %d characters", got, n)
		}
	}
}
