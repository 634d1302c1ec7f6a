package workbook_test

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// groupedBook is a continuum imported from a framework: two domains with
// nested groups, targets in groups with their source identities and links
// of every kind, and the framework's origin.
func groupedBook() *workbook.Book {
	c := continuum.NewContinuum("Ratios and geometry", "5", "6", "7")
	c.ID = "c-grouped"
	c.Domains = []continuum.Domain{{Name: "Ratios", Category: continuum.Academic, Code: "RP", Description: "Ratios\nand rates",
		Source: &continuum.SourceRef{ID: "d-rp", URI: "urn:d-rp", Kind: "Domain", Association: "as-d"},
		Links:  []continuum.Link{{Kind: "isRelatedTo", ID: "d-g", Title: "G", Inbound: true, AssociationID: "as-dd"}}},
		{Name: "Geometry", Category: continuum.Academic}}
	c.Origin = &continuum.Origin{Format: continuum.FormatCASE, ID: "c6f4d7a2-0b0e-11e7-ba3f-0242ac110003",
		URI: "https://case.example.org/uri/c6f4d7a2", Title: "Mathematics — «Grade 6»", Version: "2.1",
		OfficialURL: "https://example.org/standards?x=1&y=2", Creator: "State board", Publisher: "Dept. of Education",
		AdoptionStatus: "Adopted", Language: "en", LastChange: "2021-06-01T12:00:00+00:00", License: "CC BY 4.0",
		Taxonomy: []string{"Domain", "Cluster > part", "Standard", ` "spaced" `}}
	src := func(id, kind string) *continuum.SourceRef {
		return &continuum.SourceRef{ID: id, URI: "https://case.example.org/uri/" + id, Kind: kind}
	}
	c.Groups = []continuum.Group{
		{Key: "6.RP", Code: "6.RP", Name: "Ratios and proportional relationships", Domain: "Ratios", Source: src("g-rp", "Domain")},
		{Key: "6.RP.A", Code: "6.RP.A", Name: "Understand ratio concepts", Statement: "Understand ratio concepts\nand use ratio reasoning.",
			Domain: "Ratios", Parent: "6.RP", Level: "6", Source: &continuum.SourceRef{ID: "g-rpa", Kind: "Cluster", Association: "as-child-rpa"},
			Links: []continuum.Link{{Kind: "isRelatedTo", Code: "7.G.A", AssociationID: "as-9"}}},
		{Key: "6.RP.A.3", Code: "6.RP.A.3", Name: "Use ratio reasoning (a; b)", Domain: "Ratios", Parent: "6.RP.A"},
		{Key: "7.G", Name: "Geometry", Domain: "Geometry"},
		{Key: "7.G.A", Name: "Draw and construct", Domain: "Geometry", Parent: "7.G", Source: &continuum.SourceRef{Kind: "Cluster"}},
	}
	targets := []continuum.Target{
		{Code: "6.RP.A.1", UID: continuum.NewUID(), Statement: "I can describe a ratio.", Domain: "Ratios", Level: "6", Order: 1, EvidenceRequired: 1,
			Group: "6.RP.A", Source: src("t-1", "Standard"), Links: []continuum.Link{
				{Kind: "exactMatchOf", ID: "CCSS.6.RP.A.1", URI: "urn:ccss:6.RP.A.1", Title: "Understand the concept of a ratio", AssociationID: "as-1"},
				{Kind: "isRelatedTo", Code: "6.RP.A.2", Inbound: true, AssociationID: "as-2"},
				{Kind: "isChildOf", Code: "7.G.A", ID: "g-7ga", Title: "Draw (and) construct; \"figures\""},
			}},
		{Code: "6.RP.A.2", Statement: "I can find a unit rate.", Domain: "Ratios", Level: "6", Order: 2, EvidenceRequired: 1,
			Group: "6.RP.A", Prerequisites: []string{"6.RP.A.1"},
			Source: &continuum.SourceRef{ID: "t-2", Association: "as-child-2", Precedes: map[string]string{"t-1": "as-pre-1", "urn:x (y)": "", "b;c": `q"r)`}},
			Links:  []continuum.Link{{Kind: "replacedBy", URI: "https://example.org/a(b)", Inbound: false}, {Kind: "isRelatedTo", Code: "6.RP.A.1"}}},
		{Code: "6.RP.A.3a", Statement: "I can make tables of ratios.", Domain: "Ratios", Level: "6", Order: 3, EvidenceRequired: 1, Group: "6.RP.A.3"},
		{Code: "5.R.1", Statement: "I can compare two amounts.", Domain: "Ratios", Level: "5", Order: 1, EvidenceRequired: 1},
		{Code: "7.G.A.1", Statement: "I can draw to scale.", Domain: "Geometry", Level: "7", Order: 1, EvidenceRequired: 2, Group: "7.G.A",
			Source: src("t-7ga1", "Standard"), Links: []continuum.Link{{Kind: "exemplar", Title: "  spaced title  ", Inbound: true}, {Kind: "precedes"}}},
		{Code: "7.G.B.1", Statement: "I can name angles.", Domain: "Geometry", Level: "7", Order: 2, EvidenceRequired: 1, Group: "7.G"},
	}
	return workbook.New(c, targets, continuum.Class{})
}

// Given a continuum with nested groups across two domains, targets with
// sources and links (inside, outside, inbound, with association IDs) and
// an origin, when it is exported and imported, then the groups, origin,
// and each target's group, source and links come back exactly, and a
// second export writes the same sheets.
func TestGroupsRoundTrip(t *testing.T) {
	b0 := groupedBook()
	x1 := encode(t, b0, workbook.EncodeOptions{})
	b1 := mustDecode(t, x1, workbook.Options{})
	if len(b1.Warnings) > 0 {
		t.Errorf("warnings:\n%s", problemTexts(b1.Warnings))
	}
	if !reflect.DeepEqual(b1.Continuum.Groups, b0.Continuum.Groups) {
		t.Errorf("groups:\n got %+v\nwant %+v", b1.Continuum.Groups, b0.Continuum.Groups)
	}
	if !reflect.DeepEqual(b1.Continuum.Origin, b0.Continuum.Origin) {
		t.Errorf("origin:\n got %+v\nwant %+v", b1.Continuum.Origin, b0.Continuum.Origin)
	}
	if len(b1.Targets) != len(b0.Targets) {
		t.Fatalf("%d targets, want %d", len(b1.Targets), len(b0.Targets))
	}
	for i, want := range b0.Targets {
		got := b1.Targets[i]
		if got.Group != want.Group || !reflect.DeepEqual(got.Source, want.Source) || !reflect.DeepEqual(got.Links, want.Links) {
			t.Errorf("target %s: group %q source %+v links %+v\nwant group %q source %+v links %+v",
				want.Code, got.Group, got.Source, got.Links, want.Group, want.Source, want.Links)
		}
	}
	if want, got := normalised(b0), normalised(b1); !reflect.DeepEqual(want, got) {
		diffBooks(t, want, got)
	}
	x2 := encode(t, b1, workbook.EncodeOptions{})
	v1, v2 := sheetValues(t, x1), sheetValues(t, x2)
	if !reflect.DeepEqual(v1, v2) {
		t.Error("a second export writes other sheets")
	}
	links := v1["Targets"][1][slices.Index(v1["Targets"][0], "Links")]
	want := "exactMatchOf → (title: Understand the concept of a ratio; id: CCSS.6.RP.A.1; uri: urn:ccss:6.RP.A.1; association: as-1)\n" +
		"isRelatedTo ← 6.RP.A.2 (association: as-2)\n" +
		`isChildOf → 7.G.A (title: "Draw (and) construct; ""figures"""; id: g-7ga)`
	if links != want {
		t.Errorf("Targets!Links of 6.RP.A.1 =\n%s\nwant\n%s", links, want)
	}
	if got, want := v1["Targets"][2][slices.Index(v1["Targets"][0], "Source precedes")], "\"b;c\" (association: \"q\"\"r)\")\nt-1 (association: as-pre-1)\n\"urn:x (y)\""; got != want {
		t.Errorf("Targets!Source precedes of 6.RP.A.2 =\n%s\nwant\n%s", got, want)
	}
	if got := v1["Groups"][0]; !slices.Equal(got, []string{"Key", "Code", "Name", "Statement", "Domain", "Parent", "Level",
		"Source ID", "Source URI", "Source kind", "Source association", "Source precedes", "Links"}) {
		t.Errorf("Groups header %q", got)
	}
}

// Given a continuum without groups or origin, when it is exported, then
// the Groups sheet is there with only its header, About has no Source
// rows, and the import has no groups and no origin.
func TestNoGroupsRoundTrip(t *testing.T) {
	b0 := groupedBook()
	b0.Continuum.Groups, b0.Continuum.Origin = nil, nil
	for i := range b0.Targets {
		b0.Targets[i].Group, b0.Targets[i].Source, b0.Targets[i].Links = "", nil, nil
	}
	x := encode(t, b0, workbook.EncodeOptions{})
	v := sheetValues(t, x)
	if len(v["Groups"]) != 1 {
		t.Errorf("Groups sheet %q, want only its header", v["Groups"])
	}
	for _, r := range v["About"] {
		if strings.HasPrefix(r[0], "Source") {
			t.Errorf("About row %q without an origin", r)
		}
	}
	b1 := mustDecode(t, x, workbook.Options{})
	if b1.Continuum.Groups != nil || b1.Continuum.Origin != nil {
		t.Errorf("groups %+v origin %+v, want none", b1.Continuum.Groups, b1.Continuum.Origin)
	}
	if want, got := normalised(b0), normalised(b1); !reflect.DeepEqual(want, got) {
		diffBooks(t, want, got)
	}
}

// Given a workbook written before groups (no Groups sheet, no new
// columns) and one whose Targets sheet names groups without a Groups
// sheet, when each is decoded, then the first has no groups, and the
// second has a group of each key named, in its first target's domain.
func TestGroupsOlderAndLooserWorkbooks(t *testing.T) {
	old := mustDecode(t, build(t, sheet{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "I can one."}}}), workbook.Options{})
	if old.Continuum.Groups != nil || old.Targets[0].Group != "" || old.Targets[0].Source != nil || old.Targets[0].Links != nil {
		t.Errorf("an old workbook reads groups %+v, target %+v", old.Continuum.Groups, old.Targets[0])
	}
	loose := mustDecode(t, build(t, sheet{"Targets", [][]any{
		{"Code", "Domain", "Level", "Statement", "Group", "Source ID", "Links"},
		{"T1", "Number", "1", "I can count.", "Counting", "n-1", "isRelatedTo → T2"},
		{"T2", "Number", "1", "I can add.", "Adding", "", "exactMatchOf -> (id: x-2); isRelatedTo <- T1"},
		{"T3", "Number", "2", "I can add more.", "adding"},
	}}), workbook.Options{})
	wantGroups := []continuum.Group{{Key: "Counting", Name: "Counting", Domain: "Number"}, {Key: "Adding", Name: "Adding", Domain: "Number"}}
	if !reflect.DeepEqual(loose.Continuum.Groups, wantGroups) {
		t.Errorf("groups %+v, want %+v", loose.Continuum.Groups, wantGroups)
	}
	wantLinks := []continuum.Link{{Kind: "exactMatchOf", ID: "x-2"}, {Kind: "isRelatedTo", Code: "T1", Inbound: true}}
	if !reflect.DeepEqual(loose.Targets[1].Links, wantLinks) || loose.Targets[0].Source.ID != "n-1" || loose.Targets[1].Source != nil {
		t.Errorf("targets %+v", loose.Targets)
	}
}

// groupsHeader is the header of a Groups sheet built in a test.
var groupsHeader = []any{"Key", "Name", "Domain", "Parent", "Level", "Links"}

// Given a Groups sheet or a Links cell that cannot be read, when the
// workbook is decoded, then every problem is named with its sheet, row
// and column and says what was expected.
func TestGroupsProblems(t *testing.T) {
	domains := sheet{"Domains", [][]any{{"Domain"}, {"Number"}, {"Shape"}}}
	levels := sheet{"Levels", [][]any{{"Level"}, {"1"}, {"2"}}}
	targets := func(rows ...[]any) sheet {
		return sheet{"Targets", append([][]any{{"Code", "Domain", "Level", "Statement", "Group", "Links"}}, rows...)}
	}
	okTarget := []any{"T1", "Number", "1", "I can count."}
	tests := []struct {
		name   string
		groups [][]any
		target sheet
		want   []string // one problem each, in order
	}{
		{"unknown domain, unknown level, no name", [][]any{{"A", "A", "Nowhere"}, {"B", "B", "Number", "", "9"}, {"C", "", "Number"}}, targets(okTarget), []string{
			`sheet "Groups" row 4 column B (Name): Name and Statement are both empty; expected the group's name`,
			`sheet "Groups" row 2 column C (Domain): "Nowhere" is not a domain of the Domains sheet; expected one of Number, Shape`,
			`sheet "Groups" row 3 column E (Level): "9" is not a level of the continuum; expected one of 1, 2, or blank`,
		}},
		{"duplicate key, slash", [][]any{{"A", "A", "Number"}, {"a", "Again", "Number"}, {"B/1", "B", "Number"}}, targets(okTarget), []string{
			`sheet "Groups" row 3 column A (Key): group key a is already used on row 2; keys must be unique (capitals do not count)`,
			`sheet "Groups" row 4 column A (Key): group key "B/1" holds /`,
		}},
		{"unknown parent, parent in another domain", [][]any{{"A", "A", "Number", "Z"}, {"S", "S", "Shape"}, {"B", "B", "Number", "S"}}, targets(okTarget), []string{
			`sheet "Groups" row 2 column D (Parent): "Z" is not a group key of this sheet`,
			`sheet "Groups" row 4 column D (Parent): group B is in domain "Number", but its parent S (row 3) is in "Shape"`,
		}},
		{"a loop of parents, a group in it, a target in that", [][]any{{"Top", "Top", "Number"}, {"A", "A", "Number", "C"}, {"B", "B", "Number", "A"}, {"C", "C", "Number", "B"},
			{"D", "D", "Number", "B"}, {"E", "E", "Number", "E"}}, targets([]any{"T1", "Number", "1", "I can count.", "D"}), []string{
			`sheet "Groups" row 3 column D (Parent): groups sit inside each other: A → C → B → A; give one of them another parent, or none`,
			`sheet "Groups" row 7 column D (Parent): group E sits inside itself`,
			`sheet "Groups" row 6 column D (Parent): group D sits in B, which could not be read (row 4); fix that row first`,
			`sheet "Targets" row 2 column E (Group): group D could not be read (sheet "Groups" row 6); fix that row first`,
		}},
		{"target in an unknown group or another domain's", [][]any{{"S", "S", "Shape"}}, targets(
			[]any{"T1", "Number", "1", "I can count.", "Nope"}, []any{"T2", "Number", "1", "I can add.", "S"}, []any{"T3", "Number", "1", "I can.", "A/B"}), []string{
			`sheet "Targets" row 4 column E (Group): group key "A/B" holds /`,
			`sheet "Targets" row 2 column E (Group): target T1: "Nope" is not a group of`,
			`sheet "Targets" row 3 column E (Group): target T2 is in domain "Number" but its group S is in "Shape"`,
		}},
		{"bad links cells", [][]any{{"A", "A", "Number", "", "", `isRelatedTo → T1 (colour: red)`}}, targets(
			[]any{"T1", "Number", "1", "I can count.", "", "exactMatchOf 6.RP.A.1"},
			[]any{"T2", "Number", "1", "I can add.", "", `isRelatedTo → T1 (title: "open`},
			[]any{"T3", "Number", "1", "I can add more.", "", "isRelatedTo → T1\nexactMatchOf → (id: a; id: b)"},
			[]any{"T4", "Number", "1", "I can add more.", "", "isRelatedTo → T1 (id: a"},
			[]any{"T5", "Number", "1", "I can add more.", "", `isRelatedTo → "T1" T2`},
			[]any{"T6", "Number", "1", "I can add more.", "", `→ T1`},
		), []string{
			`sheet "Groups" row 2 column F (Links): link 1 ("isRelatedTo → T1 (colour: red)"): "colour" is not a detail of a link; expected title, id, uri or association; expected one link a line`,
			`sheet "Targets" row 2 column F (Links): link 1 ("exactMatchOf 6.RP.A.1"): expected an arrow after the kind "exactMatchOf"`,
			`sheet "Targets" row 3 column F (Links): link 1 ("isRelatedTo → T1 (title: \"open"): a quote is not closed`,
			`sheet "Targets" row 4 column F (Links): link 2 ("exactMatchOf → (id: a; id: b)"): the detail id is given twice`,
			`sheet "Targets" row 5 column F (Links): link 1 ("isRelatedTo → T1 (id: a"): the details' bracket is not closed`,
			`sheet "Targets" row 6 column F (Links): link 1 ("isRelatedTo → \"T1\" T2"): unexpected "T2" after the link`,
			`sheet "Targets" row 7 column F (Links): link 1 ("→ T1"): expected the link's kind first`,
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			groups := sheet{"Groups", append([][]any{groupsHeader}, tt.groups...)}
			b, err := decode(build(t, levels, domains, groups, tt.target), workbook.Options{Name: "bad.xlsx"})
			var ps workbook.Problems
			if !errors.As(err, &ps) || b == nil {
				t.Fatalf("err = %v, want the problems with the book", err)
			}
			if len(ps) != len(tt.want) {
				t.Fatalf("%d problems, want %d:\n%s", len(ps), len(tt.want), problemTexts(ps))
			}
			for i, w := range tt.want {
				if !strings.Contains(ps[i].Error(), w) || !strings.HasPrefix(ps[i].Error(), "import bad.xlsx: ") {
					t.Errorf("problem %d = %q\nwant it to contain %q", i, ps[i].Error(), w)
				}
			}
			for _, g := range b.Continuum.Groups {
				for _, p := range ps {
					if p.Sheet == "Groups" && strings.Contains(p.Message, "group "+g.Key+" ") && strings.Contains(p.Message, "sits") {
						t.Errorf("group %s is kept though refused: %s", g.Key, p.Message)
					}
				}
			}
		})
	}
}

// Given groups whose domain is left blank, and a link to a code the
// workbook does not have, when decoded, then a group takes its parent's
// domain (else the only one), and the link is kept with a warning.
func TestGroupsLeniency(t *testing.T) {
	b := mustDecode(t, build(t,
		sheet{"Domains", [][]any{{"Domain"}, {"Number"}}},
		sheet{"Groups", [][]any{{"Key", "Name", "Parent", "Links"}, {"B", "B", "A"}, {"A", "A", "", "isRelatedTo → ZZ"}}},
		sheet{"Targets", [][]any{{"Code", "Statement", "Group"}, {"T1", "I can count.", "B"}}},
	), workbook.Options{Name: "lenient.xlsx"})
	want := []continuum.Group{{Key: "B", Name: "B", Domain: "Number", Parent: "A"},
		{Key: "A", Name: "A", Domain: "Number", Links: []continuum.Link{{Kind: "isRelatedTo", Code: "ZZ"}}}}
	if !reflect.DeepEqual(b.Continuum.Groups, want) {
		t.Errorf("groups %+v, want %+v", b.Continuum.Groups, want)
	}
	if len(b.Warnings) != 1 || !strings.Contains(b.Warnings[0].Error(), `sheet "Groups" row 3 column D (Links): the link isRelatedTo → ZZ names neither a target code nor a group key of this workbook; it is kept as written`) {
		t.Errorf("warnings:\n%s", problemTexts(b.Warnings))
	}
}

// Given a workbook with groups, when an About row of the origin holds a
// taxonomy with an open quote, then it is a problem on that row.
func TestOriginProblem(t *testing.T) {
	_, err := decode(build(t,
		sheet{"About", [][]any{{"Field", "Value"}, {"Source format", "CASE"}, {"Source taxonomy", `Domain > "Cluster`}}},
		sheet{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "I can one."}}},
	), workbook.Options{Name: "about.xlsx", Continuum: "C"})
	var ps workbook.Problems
	if !errors.As(err, &ps) || len(ps) != 1 || !strings.Contains(ps[0].Error(), `sheet "About" row 3 column B (Value): a quote is not closed`) {
		t.Fatalf("err = %v", err)
	}
}

// FuzzGroupsSheet fills a Groups sheet and the Group and Links cells of
// Targets with fuzzed text: decoding never panics, and a Book without
// problems is a valid continuum whose targets sit in groups it has.
//
//	go test -run '^$' -fuzz FuzzGroupsSheet -fuzztime 1m ./storage/workbook/
func FuzzGroupsSheet(f *testing.F) {
	f.Add("A", "Number", "", "isRelatedTo → T1", "B", "Shape", "A", "A", "exactMatchOf -> (id: x)")
	f.Add("A", "", "B", "", "B", "", "A", "B", "")
	f.Add("a", "number", "", `k ← "T1" (title: "x""y")`, "A", "Number", "a", "a", "p → ; q ←")
	f.Add("", "", "", "(", "/", "Nowhere", "", "Z", `"`)
	f.Fuzz(func(t *testing.T, key1, domain1, parent1, links1, key2, domain2, parent2, group, tlinks string) {
		data := build(t,
			sheet{"Domains", [][]any{{"Domain"}, {"Number"}, {"Shape"}}},
			sheet{"Groups", [][]any{{"Key", "Name", "Domain", "Parent", "Links"},
				{key1, "One", domain1, parent1, links1}, {key2, "Two", domain2, parent2}}},
			sheet{"Targets", [][]any{{"Code", "Domain", "Statement", "Group", "Links"},
				{"T1", "Number", "I can one.", group, tlinks}, {"T2", "Shape", "I can two.", key2}}},
		)
		b, err := decode(data, workbook.Options{})
		checkBook(t, b, err)
		if b == nil || len(b.Problems) > 0 {
			return
		}
		for _, tg := range b.Targets {
			if tg.Group != "" && b.Continuum.GroupIndex(tg.Group) < 0 {
				t.Fatalf("target %s sits in %q, which is not a group of %+v", tg.Code, tg.Group, b.Continuum.Groups)
			}
		}
	})
}

// Given a Source precedes cell that gives more than associations, when
// decoded, then it is a problem on its row and column.
func TestSourcePrecedesProblem(t *testing.T) {
	_, err := decode(build(t, sheet{"Targets", [][]any{{"Code", "Statement", "Source precedes"}, {"T1", "I can.", "t-0 (association: a)\nt-9 (id: x)"}}}),
		workbook.Options{Name: "pre.xlsx"})
	var ps workbook.Problems
	if !errors.As(err, &ps) || len(ps) != 1 || !strings.Contains(ps[0].Error(),
		`sheet "Targets" row 2 column C (Source precedes): line 2 ("t-9 (id: x)"): only the association is given here, such as (association: as-5); expected one prerequisite a line`) {
		t.Fatalf("err = %v", err)
	}
}
