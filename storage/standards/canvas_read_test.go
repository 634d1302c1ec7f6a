package standards

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// canvasRealFile returns Canvas's own test fixture
// (spec/lib/outcomes/fixtures/scoring.csv), or skips when the shared data
// is not there.
func canvasRealFile(t testing.TB) []byte {
	t.Helper()
	shared := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(shared); err != nil {
		t.Skip("no shared data beside the repository")
	}
	raw, err := os.ReadFile(filepath.Join(shared, "realdata", "canvas_outcomes-scoring.csv"))
	if err != nil {
		t.Skipf("no Canvas fixture: %v", err)
	}
	return raw
}

// canvasCSV joins lines into a file.
func canvasCSV(lines ...string) []byte { return []byte(strings.Join(lines, "\r\n") + "\r\n") }

// mustReadCanvas reads raw or fails.
func mustReadCanvas(t *testing.T, raw []byte) *framework.Framework {
	t.Helper()
	fw, err := ReadCanvas(raw)
	if err != nil {
		t.Fatalf("ReadCanvas: %v", err)
	}
	return fw
}

// canvasItem returns the item with key, or fails.
func canvasItem(t *testing.T, fw *framework.Framework, key string) framework.Item {
	t.Helper()
	for _, it := range fw.Items {
		if it.Key == key {
			return it
		}
	}
	t.Fatalf("no item %s among %d", key, len(fw.Items))
	return framework.Item{}
}

// canvasWarned reports whether a warning holds every one of parts.
func canvasWarned(ws []framework.Warning, parts ...string) bool {
	return slices.ContainsFunc(ws, func(w framework.Warning) bool {
		for _, p := range parts {
			if !strings.Contains(w.String(), p) {
				return false
			}
		}
		return true
	})
}

func keysOf(fw *framework.Framework) []string {
	var ks []string
	for _, it := range fw.Items {
		ks = append(ks, it.Key)
	}
	return ks
}

func TestReadCanvasRealFile(t *testing.T) {
	fw := mustReadCanvas(t, canvasRealFile(t))
	if got, want := keysOf(fw), []string{"a", "b", "c", "d", "e", "f", "g", "h", "i"}; !slices.Equal(got, want) {
		t.Fatalf("keys %v, want %v", got, want)
	}
	groups := 0
	for _, it := range fw.Items {
		if it.IsGroup {
			groups++
		}
		if it.Source.ID != it.Key || it.Source.Kind != it.Kind {
			t.Errorf("%s: source %+v, kind %s", it.Key, it.Source, it.Kind)
		}
	}
	if groups != 2 {
		t.Errorf("%d groups, want 2", groups)
	}
	a, b, c := canvasItem(t, fw, "a"), canvasItem(t, fw, "b"), canvasItem(t, fw, "c")
	if len(a.Parents) != 0 || !slices.Equal(b.Parents, []string{"a"}) || !slices.Equal(c.Parents, []string{"a", "b"}) {
		t.Errorf("parents: a %v, b %v, c %v", a.Parents, b.Parents, c.Parents)
	}
	if a.Short != "A" || a.Statement != "AAA" || a.Code != "display" || c.Code != "C" || c.Statement != "CCC" || c.Short != "C" {
		t.Errorf("texts: a %+v; c %+v", a, c)
	}
	want := continuum.Scale{Points: []continuum.ScalePoint{{Value: 1, Label: "No Comment"}, {Value: 2, Label: "Good"}}, Cut: 2}
	if fw.Scale == nil || !reflect.DeepEqual(*fw.Scale, want) {
		t.Errorf("scale %+v, want %+v", fw.Scale, want)
	}
	own := continuum.Scale{Points: []continuum.ScalePoint{{Value: 1, Label: "Good"}, {Value: 2, Label: "Better"}, {Value: 3, Label: "Betterest"}}, Cut: 3}
	if c.Scale == nil || !reflect.DeepEqual(*c.Scale, own) {
		t.Errorf("c's scale %+v, want %+v", c.Scale, own)
	}
	if !canvasWarned(fw.Warnings, "outcome g", "1 rating tier") || !canvasWarned(fw.Warnings, "ratings of outcome c differ") {
		t.Errorf("warnings %v", fw.Warnings)
	}
	// Every outcome's method as Canvas names it; c gives none and takes
	// Canvas's default, the most common here by order.
	methods := map[string]string{"c": "weighted-latest (w=0.65)", "d": "highest", "e": "latest", "f": "weighted-latest (w=0.4)",
		"g": "n-mastery (n=3)", "h": "mean", "i": "decaying-average (r=0.65)"}
	if fw.Method == nil || fw.Method.String() != methods["c"] {
		t.Errorf("framework method %v", fw.Method)
	}
	for key, m := range methods {
		it := canvasItem(t, fw, key)
		got := fw.Method.String()
		if it.Method != nil {
			got = it.Method.String()
		}
		if got != m {
			t.Errorf("%s: method %s, want %s", key, got, m)
		}
	}
	if fw.Origin.Format != continuum.FormatCanvas || fw.Origin.Title != "A" || fw.Name != "" {
		t.Errorf("origin %+v, name %q", fw.Origin, fw.Name)
	}
}

func TestReadCanvasRealFileBuilds(t *testing.T) {
	fw := mustReadCanvas(t, canvasRealFile(t))
	fw.Name = "scoring"
	res, err := framework.Build(fw)
	if err != nil {
		t.Fatal(err)
	}
	c := res.Continuum
	if res.Counts.Domains != 1 || res.Counts.Groups != 1 || res.Counts.Targets != 7 || res.Counts.Links != 1 {
		t.Fatalf("counts %+v", res.Counts)
	}
	if c.Domains[0].Name != "A" || c.Domains[0].Source == nil || c.Domains[0].Source.ID != "a" || c.Groups[0].Source.ID != "b" {
		t.Errorf("domain %+v, group %+v", c.Domains[0], c.Groups[0])
	}
	for _, tg := range res.Targets {
		if tg.Source == nil || strings.ToUpper(tg.Source.ID) != tg.Code {
			t.Errorf("target %s has source %+v", tg.Code, tg.Source)
		}
		if tg.Code == "C" && (len(tg.Links) != 1 || tg.Links[0].Kind != framework.IsChildOf || tg.Links[0].Code != c.Groups[0].Key) {
			t.Errorf("C's links %+v", tg.Links)
		}
	}
}

func TestIsCanvas(t *testing.T) {
	for _, tc := range []struct {
		header []string
		want   bool
	}{
		{[]string{"canvas_id", "vendor_guid", "object_type", "title"}, true},
		{[]string{" Vendor GUID ", "Object Type", "Title"}, true},
		{[]string{"\uFEFFvendor_guid", "object_type"}, true},
		{[]string{"vendor_guid", "title"}, false},
		{[]string{"Parent ID number", "ID number", "Shortname"}, false},
		{nil, false},
	} {
		if got := IsCanvas(tc.header); got != tc.want {
			t.Errorf("IsCanvas(%q) = %v", tc.header, got)
		}
	}
}

func TestReadCanvasNotCanvas(t *testing.T) {
	_, err := ReadCanvas(canvasCSV("vendor_guid,title,description", "a,A,x"))
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("error %v is no *Problem", err)
	}
	for _, part := range []string{"vendor_guid, title, description", "lacks object_type", "row 1"} {
		if !strings.Contains(err.Error(), part) {
			t.Errorf("%q lacks %q", err, part)
		}
	}
	if _, err := ReadCanvas(nil); !errors.As(err, &p) {
		t.Errorf("empty file: %v", err)
	}
	if _, err := ReadCanvas([]byte(`{"CFDocument": {}}`)); err == nil || !strings.Contains(err.Error(), "read Canvas outcomes") {
		t.Errorf("JSON file: %v", err)
	}
}

func TestReadCanvasSeveralParents(t *testing.T) {
	fw := mustReadCanvas(t, canvasCSV(
		"vendor_guid,object_type,title,parent_guids",
		"g1,group,One,",
		"g2,group,Two,",
		"g3,group,Three,g1 g2",
		"o1,outcome,O1,g2 g1 g2",
		"o2,outcome,O2,g3",
	))
	if p := canvasItem(t, fw, "o1").Parents; !slices.Equal(p, []string{"g2", "g1"}) {
		t.Errorf("o1's parents %v: the first is where it sits, repeats go", p)
	}
	if p := canvasItem(t, fw, "g3").Parents; !slices.Equal(p, []string{"g1", "g2"}) || !canvasWarned(fw.Warnings, "group g3 has 2 parents") {
		t.Errorf("g3's parents %v, warnings %v", p, fw.Warnings)
	}
	if fw.Origin.Title != "" {
		t.Errorf("two groups at the top, yet title %q", fw.Origin.Title)
	}
	res, err := framework.Build(fw)
	if err != nil {
		t.Fatal(err)
	}
	for _, tg := range res.Targets {
		if tg.Code == "O1" && (len(tg.Links) != 1 || tg.Links[0].Kind != framework.IsChildOf || tg.Links[0].Code != "One") {
			t.Errorf("O1 links %+v: its second parent, the domain One, is kept", tg.Links)
		}
	}
}

func TestReadCanvasParentsLeftOut(t *testing.T) {
	fw := mustReadCanvas(t, canvasCSV(
		"vendor_guid,object_type,title,parent_guids,workflow_state",
		"g1,group,One,,active",
		"gone,group,Gone,g1,deleted",
		"o1,outcome,O1,nowhere g1,",
		"o2,outcome,O2,gone,active",
		"o3,outcome,O3,o1,active",
		"o4,outcome,O4,g1,deleted",
		"g1,group,Again,,",
		"g2,group,Empty,g1,",
	))
	if got := keysOf(fw); !slices.Equal(got, []string{"g1", "o1", "o2", "o3", "g2"}) {
		t.Fatalf("keys %v: deleted rows and the repeated guid are left out", got)
	}
	if p := canvasItem(t, fw, "o1").Parents; !slices.Equal(p, []string{"g1"}) {
		t.Errorf("o1's parents %v", p)
	}
	for _, key := range []string{"o2", "o3"} {
		if p := canvasItem(t, fw, key).Parents; len(p) != 0 {
			t.Errorf("%s's parents %v", key, p)
		}
	}
	for _, parts := range [][]string{
		{"row 4", "group nowhere, which is nowhere in the file"},
		{"row 5", "group gone, which is marked deleted"},
		{"row 6", "names outcome o1 as its parent"},
		{"row 7", "outcome o4 is marked deleted"},
		{"row 8", "group g1 already appeared in row 2"},
	} {
		if !canvasWarned(fw.Warnings, parts...) {
			t.Errorf("no warning with %q among %v", parts, fw.Warnings)
		}
	}
	if !canvasItem(t, fw, "g2").IsGroup {
		t.Error("a group without children is still a group")
	}
	res, err := framework.Build(fw)
	if err != nil {
		t.Fatal(err)
	}
	if res.Counts.Targets != 3 || !canvasWarned(res.Warnings, "Empty holds nothing") {
		t.Errorf("counts %+v, warnings %v", res.Counts, res.Warnings)
	}
}

func TestReadCanvasRatings(t *testing.T) {
	fw := mustReadCanvas(t, canvasCSV(
		"vendor_guid,object_type,title,mastery_points,ratings",
		"o1,outcome,O1,3,4,Exceeds,3,Meets,2,Near,1,Starting",
		"o2,outcome,O2,3,4,Exceeds,3,Meets,2,Near,1,Starting",
		"o3,outcome,O3,3,4,Above,3,Meets,2,Near,1,Starting",
		"o4,outcome,O4,,3,Exceeds,2,Meets,1,Near",
		"o5,outcome,O5,0,1,Low,2,High,,",
		"o6,outcome,O6,2,x,Bad",
		"o7,outcome,O7,9,2,A,2,B,1,C",
		"o8,outcome,O8,2,2,Only",
		"g1,group,G1,2,3,Meets",
	))
	want := continuum.Scale{Points: []continuum.ScalePoint{{Value: 1, Label: "Starting"}, {Value: 2, Label: "Near"}, {Value: 3, Label: "Meets"}, {Value: 4, Label: "Exceeds"}}, Cut: 3}
	if fw.Scale == nil || !reflect.DeepEqual(*fw.Scale, want) {
		t.Fatalf("scale %+v, want the most common %+v", fw.Scale, want)
	}
	if it := canvasItem(t, fw, "o3"); it.Scale != nil || !reflect.DeepEqual(it.Descriptors, []continuum.Descriptor{{Value: 4, Text: "Above"}}) {
		t.Errorf("o3 differs in one description only: scale %v, descriptors %v", it.Scale, it.Descriptors)
	}
	if it := canvasItem(t, fw, "o4"); it.Scale == nil || it.Scale.Cut != 3 || len(it.Scale.Points) != 3 {
		t.Errorf("o4 keeps its three tiers, mastery at the highest: %+v", it.Scale)
	}
	if it := canvasItem(t, fw, "o5"); it.Scale == nil || it.Scale.Cut != 2 || it.Scale.Points[0].Label != "Low" {
		t.Errorf("o5: %+v", it.Scale)
	}
	if it := canvasItem(t, fw, "o7"); it.Scale == nil || len(it.Scale.Points) != 2 || it.Scale.Points[1].Label != "A" || it.Scale.Cut != 2 {
		t.Errorf("o7: %+v", it.Scale)
	}
	for _, key := range []string{"o6", "o8"} {
		if it := canvasItem(t, fw, key); it.Scale != nil {
			t.Errorf("%s has scale %+v", key, it.Scale)
		}
	}
	for _, parts := range [][]string{
		{"ratings of outcomes o4, o5 and o7 differ"},
		{"o5", "from the highest points down"},
		{"o5", "mastery_points 0 is at or below the lowest tier"},
		{"row 7 column E", "o6", `rating tier 1 "x" is not a number`},
		{"o7", "repeats 2 points"},
		{"o7", "mastery_points 9 is above the highest tier"},
		{"o8", "1 rating tier"},
		{"group g1 fills mastery_points, ratings"},
	} {
		if !canvasWarned(fw.Warnings, parts...) {
			t.Errorf("no warning with %q among %v", parts, fw.Warnings)
		}
	}
}

func TestReadCanvasNoRatings(t *testing.T) {
	// An account with mastery scales exports no scoring columns at all.
	fw := mustReadCanvas(t, canvasCSV("vendor_guid,object_type,title,description", "o1,outcome,O1,one"))
	if fw.Scale != nil || fw.Method != nil || !canvasWarned(fw.Warnings, "no ratings", "default scale") {
		t.Errorf("scale %v, method %v, warnings %v", fw.Scale, fw.Method, fw.Warnings)
	}
	// A ratings column left blank: Canvas gives a new outcome its default ratings.
	fw = mustReadCanvas(t, canvasCSV("vendor_guid,object_type,title,mastery_points,ratings", "o1,outcome,O1,,", "o2,outcome,O2,5,"))
	want := continuum.Scale{Points: []continuum.ScalePoint{{Value: 0, Label: "Does Not Meet Expectations"}, {Value: 3, Label: "Meets Expectations"}, {Value: 5, Label: "Exceeds Expectations"}}, Cut: 3}
	if fw.Scale == nil || !reflect.DeepEqual(*fw.Scale, want) {
		t.Errorf("scale %+v, want Canvas's default %+v", fw.Scale, want)
	}
	if it := canvasItem(t, fw, "o2"); it.Scale == nil || it.Scale.Cut != 5 {
		t.Errorf("o2 keeps its mastery points: %+v", it.Scale)
	}
	if !canvasWarned(fw.Warnings, "no ratings for outcomes o1 and o2") {
		t.Errorf("warnings %v", fw.Warnings)
	}
}

func TestReadCanvasMethods(t *testing.T) {
	fw := mustReadCanvas(t, canvasCSV(
		"vendor_guid,object_type,title,calculation_method,calculation_int",
		"o0,outcome,O0,highest,",
		"o1,outcome,O1,decaying_average,40",
		"o2,outcome,O2,weighted_average,",
		"o3,outcome,O3,standard_decaying_average,70",
		"o4,outcome,O4,n_mastery,",
		"o5,outcome,O5,latest,",
		"o6,outcome,O6,highest,3",
		"o7,outcome,O7,average,",
		"o8,outcome,O8,,",
		"o9,outcome,O9,median,",
		"o10,outcome,O10,decaying_average,abc",
		"o11,outcome,O11,standard_decaying_average,30",
		"o12,outcome,O12,n_mastery,0",
	))
	want := map[string]string{
		"o0": "highest", "o1": "weighted-latest (w=0.4)", "o2": "weighted-latest (w=0.65)", "o3": "decaying-average (r=0.7)",
		"o4": "n-mastery (n=5)", "o5": "latest", "o6": "highest", "o7": "mean", "o8": "weighted-latest (w=0.65)",
		"o9": "weighted-latest (w=0.65)", "o10": "weighted-latest (w=0.65)", "o11": "decaying-average (r=0.3)", "o12": "n-mastery (n=5)",
	}
	if fw.Method == nil || fw.Method.String() != "weighted-latest (w=0.65)" {
		t.Fatalf("framework method %v, want the most common, weighted-latest (w=0.65)", fw.Method)
	}
	for key, m := range want {
		it := canvasItem(t, fw, key)
		got := fw.Method.String()
		if it.Method != nil {
			got = it.Method.String()
			if got == fw.Method.String() {
				t.Errorf("%s repeats the framework's method", key)
			}
		}
		if got != m {
			t.Errorf("%s: %s, want %s", key, got, m)
		}
	}
	for _, parts := range [][]string{
		{"outcome o6", "highest takes no calculation_int"},
		{"calculation_method for outcome o8", "decaying_average at 65%"},
		{"outcome o9", `"median" is not one Canvas knows`},
		{"outcome o10", `"abc" is not a whole number`},
		{"outcome o11", "outside the 50 to 99"},
		{"outcome o12", "calculation_int 0 is out of range"},
		{"8 calculation methods"},
	} {
		if !canvasWarned(fw.Warnings, parts...) {
			t.Errorf("no warning with %q among %v", parts, fw.Warnings)
		}
	}
}

func TestReadCanvasColumnsAndKeys(t *testing.T) {
	raw := canvasCSV(
		"canvas_id,vendor_guid,object_type,title,display_name,Colour,description,parent_guids,ratings,,Extra",
		`,g1,group,One,G-1,red,"<p>Group <b>one</b>&amp; more</p><p>Second&nbsp;line</p>",,`,
		"12,,outcome,Shared,LS-1,,x,g1,2,Good,1,Fair",
		",,outcome,Shared,LS-2,,y,g1,2,Good,1,Fair",
		",g1,outcome,A very long title that is much too long to serve as the code of a target at all,,,,g1",
		",sp ace,outcome,T,T,,,g1,2,Good,1,Fair",
		",o6,widget,W,,,,g1",
	)
	fw := mustReadCanvas(t, raw)
	if got := keysOf(fw); !slices.Equal(got, []string{"g1", "canvas_outcome:12", "row-4", "outcome:g1", "sp ace"}) {
		t.Fatalf("keys %v", got)
	}
	g1 := canvasItem(t, fw, "g1")
	if g1.Statement != "Group one& more\n\nSecond line" || g1.Code != "G-1" {
		t.Errorf("g1: statement %q, code %q", g1.Statement, g1.Code)
	}
	if it := canvasItem(t, fw, "canvas_outcome:12"); it.Code != "LS-1" || it.Source.ID != "canvas_outcome:12" {
		t.Errorf("a title two outcomes share is no code; the display name is: %+v", it)
	}
	if it := canvasItem(t, fw, "outcome:g1"); it.Code != "" || it.Source.ID != "g1" || it.Short == "" {
		t.Errorf("outcome with a group's guid: %+v", it)
	}
	for _, parts := range [][]string{
		{"row 1", "columns Colour are not Canvas outcome columns"},
		{"row 1", "columns Extra come after ratings"},
		{"row 4 column B (vendor_guid)", "neither a vendor_guid nor a canvas_id", "row-4"},
		{"outcome g1 has the vendor_guid of a group", "outcome:g1"},
		{"row 6", `"sp ace" holds spaces`},
		{"row 7 column C (object_type)", `"widget" is neither group nor outcome`},
		{"neither the title nor the display name of outcome outcome:g1"},
	} {
		if !canvasWarned(fw.Warnings, parts...) {
			t.Errorf("no warning with %q among %v", parts, fw.Warnings)
		}
	}
}

func TestReadCanvasSemicolonsAndDecimalCommas(t *testing.T) {
	// Canvas exports with the account's locale: a semicolon between
	// fields when numbers take a decimal comma.
	fw := mustReadCanvas(t, []byte("\uFEFFvendor_guid;object_type;title;mastery_points;ratings\n"+
		"o1;outcome;O1;2,5;3;Gut;2,5;Fast;1;Noch nicht\n"))
	want := continuum.Scale{Points: []continuum.ScalePoint{{Value: 1, Label: "Noch nicht"}, {Value: 2.5, Label: "Fast"}, {Value: 3, Label: "Gut"}}, Cut: 2.5}
	if fw.Scale == nil || !reflect.DeepEqual(*fw.Scale, want) {
		t.Errorf("scale %+v, want %+v", fw.Scale, want)
	}
}

func TestCanvasNumber(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		ok   bool
	}{
		{"3", 3, true}, {" 2.5 ", 2.5, true}, {"2,5", 2.5, true}, {"1,000.5", 1000.5, true}, {"1.000,5", 1000.5, true},
		{"-1", -1, true}, {"1e3", 0, false}, {"NaN", 0, false}, {"Inf", 0, false}, {"", 0, false}, {"1,000,000", 0, false}, {"abc", 0, false},
	} {
		got, ok := canvasNumber(tc.in)
		if ok != tc.ok || got != tc.want {
			t.Errorf("canvasNumber(%q) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestReadCanvasGroupsOnlyReachedThroughSecondParents(t *testing.T) {
	// Canvas ranks none of an outcome's groups first; a group that holds
	// an outcome only as a further parent becomes where that outcome sits,
	// when the group it leaves still holds something.
	fw := mustReadCanvas(t, canvasCSV(
		"vendor_guid,object_type,title,parent_guids",
		"g1,group,One,",
		"g2,group,Two,g1",
		"g3,group,Three,g1",
		"g4,group,Four,",
		"g5,group,Five,",
		"o1,outcome,O1,g1 g2",
		"o2,outcome,O2,g1",
		"o3,outcome,O3,g1 g3",
		"o4,outcome,O4,g4 g5",
	))
	for key, want := range map[string][]string{"o1": {"g2", "g1"}, "o2": {"g1"}, "o3": {"g3", "g1"}, "o4": {"g4", "g5"}} {
		if got := canvasItem(t, fw, key).Parents; !slices.Equal(got, want) {
			t.Errorf("%s sits in %v, want %v", key, got, want)
		}
	}
	res, err := framework.Build(fw)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, g := range res.Continuum.Groups {
		names = append(names, g.Name)
	}
	for _, d := range res.Continuum.Domains {
		names = append(names, d.Name)
	}
	slices.Sort(names)
	if !slices.Equal(names, []string{"Five", "Four", "One", "Three", "Two"}) {
		t.Errorf("groups and domains %v: Five, which O4 names only as a further parent, is kept too", names)
	}
}
