package workbook

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
)

// Given links of every shape, when each is written as a Links cell line,
// then it reads as the grammar says and back to the same link.
func TestFormatLinks(t *testing.T) {
	tests := []struct {
		link continuum.Link
		want string
	}{
		{continuum.Link{Kind: "isRelatedTo", Code: "6.RP.A.2"}, "isRelatedTo → 6.RP.A.2"},
		{continuum.Link{Kind: "isRelatedTo", Code: "6.RP.A.2", Inbound: true, AssociationID: "a-1"}, "isRelatedTo ← 6.RP.A.2 (association: a-1)"},
		{continuum.Link{Kind: "exactMatchOf", ID: "x", URI: "urn:x", Title: "Ratios"}, "exactMatchOf → (title: Ratios; id: x; uri: urn:x)"},
		{continuum.Link{Kind: "exactMatchOf", Code: "111.5(b)(1)(A)"}, "exactMatchOf → 111.5(b)(1)(A)"},
		{continuum.Link{Kind: "exactMatchOf", Code: "RL 1 (a)"}, `exactMatchOf → "RL 1 (a)"`},
		{continuum.Link{Kind: "exactMatchOf", Code: `"quoted"`}, `exactMatchOf → """quoted"""`},
		{continuum.Link{Kind: "is related to", Code: "G;1"}, `"is related to" → "G;1"`},
		{continuum.Link{Kind: "a->b"}, `"a->b" →`},
		{continuum.Link{}, `"" →`},
		{continuum.Link{Kind: "k", URI: "https://x.org/a_(b)", Title: " lead", ID: "line\nbreak"}, `k → (title: " lead"; id: "line` + "\n" + `break"; uri: "https://x.org/a_(b)")`},
	}
	for _, tt := range tests {
		got := formatLink(tt.link)
		if got != tt.want {
			t.Errorf("formatLink(%+v) = %q, want %q", tt.link, got, tt.want)
		}
		back, err := parseLinks(got)
		if err != nil || len(back) != 1 || !reflect.DeepEqual(back[0], tt.link) {
			t.Errorf("parseLinks(%q) = %+v, %v; want %+v", got, back, err, tt.link)
		}
	}
}

// Given a Links cell typed by a person (ASCII arrows, semicolons between
// links, extra spaces, blank lines, capitals in detail names), when it is
// read, then each link is what was meant.
func TestParseLinksLeniently(t *testing.T) {
	got, err := parseLinks("  exactMatchOf->6.RP.A.1 ( ID : x ;Association: y );isRelatedTo <-  T2  \r\n\r\n; precedes →T3(uri:u)")
	want := []continuum.Link{
		{Kind: "exactMatchOf", Code: "6.RP.A.1", ID: "x", AssociationID: "y"},
		{Kind: "isRelatedTo", Code: "T2", Inbound: true},
		{Kind: "precedes", Code: "T3(uri:u)"},
	}
	if err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, %v\nwant %+v", got, err, want)
	}
}

// Given the names of a hierarchy's depths, when written and read back,
// then they are the same; a line break separates names as > does.
func TestTaxonomy(t *testing.T) {
	for _, terms := range [][]string{{"Domain", "Cluster", "Standard"}, {"a > b", ` "q" `, ""}, {"one"}} {
		s := formatTaxonomy(terms)
		back, err := parseTaxonomy(s)
		if err != nil || !reflect.DeepEqual(back, terms) {
			t.Errorf("%q → %q → %q, %v", terms, s, back, err)
		}
	}
	if got, _ := parseTaxonomy("Domain\nCluster > Standard"); !reflect.DeepEqual(got, []string{"Domain", "Cluster", "Standard"}) {
		t.Errorf("lines: %q", got)
	}
}

// Given the associations of a record's prerequisites, when written and
// read back, then they are the same, and a cell that gives more than an
// association or a prerequisite twice is refused.
func TestPrecedes(t *testing.T) {
	m := map[string]string{"t-1": "as-1", "urn:a (b)": "", "": `x"y`, "c;d": " e "}
	s := formatPrecedes(m)
	if want := "\"\" (association: x\"y)\n\"c;d\" (association: \" e \")\nt-1 (association: as-1)\n\"urn:a (b)\""; s != want {
		t.Errorf("formatPrecedes = %q, want %q", s, want)
	}
	if back, err := parsePrecedes(s); err != nil || !reflect.DeepEqual(back, m) {
		t.Errorf("parsePrecedes(%q) = %q, %v", s, back, err)
	}
	for cell, want := range map[string]string{
		"t-1 (id: x)":                    `line 1 ("t-1 (id: x)"): only the association is given here`,
		"t-1; t-2\nt-1 (association: a)": `line 3 ("t-1 (association: a)"): the prerequisite "t-1" is given twice`,
		"t-1 (association: a) x":         `line 1 ("t-1 (association: a) x"): unexpected "x"`,
	} {
		if _, err := parsePrecedes(cell); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parsePrecedes(%q) = %v, want %q", cell, err, want)
		}
	}
}

// FuzzLinks checks that any link written reads back the same, and that
// any cell either reads or is refused without a panic, and what it reads
// writes and reads again to the same links.
func FuzzLinks(f *testing.F) {
	f.Add("exactMatchOf", "6.RP.A.1", "id-1", "urn:x", "Title (x); y", "as-1", true)
	f.Add("", "", "", "", "", "", false)
	f.Add(`a"b`, " (", `"`, ")", "\n", ";", false)
	f.Add("→", "->", "<-", "←", "  ", "(id: x)", true)
	f.Fuzz(func(t *testing.T, kind, code, id, uri, title, assoc string, inbound bool) {
		l := continuum.Link{Kind: kind, Code: code, ID: id, URI: uri, Title: title, AssociationID: assoc, Inbound: inbound}
		if m := map[string]string{code: assoc, id: title}; utf8.ValidString(code + assoc + id + title) {
			if back, err := parsePrecedes(formatPrecedes(m)); err != nil || !reflect.DeepEqual(back, m) {
				t.Fatalf("precedes %q wrote %q, read %q, %v", m, formatPrecedes(m), back, err)
			}
		}
		cell := formatLinks([]continuum.Link{l, l})
		if utf8.ValidString(cell) {
			back, err := parseLinks(cell)
			if err != nil || len(back) != 2 || !reflect.DeepEqual(back[0], l) || !reflect.DeepEqual(back[1], l) {
				t.Fatalf("%+v wrote %q, read %+v, %v", l, cell, back, err)
			}
		}
		// The same strings as a cell someone typed.
		typed := strings.Join([]string{kind, code, id, uri, title, assoc}, " ")
		links, err := parseLinks(typed)
		if err != nil {
			return
		}
		again, err := parseLinks(formatLinks(links))
		if err != nil || !reflect.DeepEqual(again, links) && len(links) > 0 {
			t.Fatalf("%q read %+v, wrote %q, read %+v, %v", typed, links, formatLinks(links), again, err)
		}
	})
}
