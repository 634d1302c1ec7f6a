package widgets

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

func TestLinkTextWordsEachWay(t *testing.T) {
	for _, tt := range []struct {
		kind    string
		inbound bool
		want    string
	}{
		{"exactMatchOf", false, "exact match of X"},
		{"exactMatchOf", true, "exact match of X"},
		{"isRelatedTo", false, "is related to X"},
		{"replacedBy", false, "replaced by X"},
		{"replacedBy", true, "replaces X"},
		{"precedes", false, "comes before X"},
		{"precedes", true, "comes after X"},
		{"isChildOf", false, "also sits under X"},
		{"isChildOf", true, "also has below it X"},
		{"isPartOf", true, "has as a part X"},
		{"exemplar", true, "is an exemplar of X"},
		{"hasSkillLevel", false, "has skill level X"},
		{"alignsWith", false, "aligns with X"},
		{"alignsWith", true, "X aligns with this"},
	} {
		if got := LinkText(continuum.Link{Kind: tt.kind, Inbound: tt.inbound}, "X"); got != tt.want {
			t.Errorf("%s inbound=%v: %q, want %q", tt.kind, tt.inbound, got, tt.want)
		}
	}
}

// Given an external link named by its address alone, the details show
// the address as a link that opens, with no second copy in the words.
func TestSourceDetailsAddressOnlyLink(t *testing.T) {
	test.NewTempApp(t)
	d := NewSourceDetails()
	g, err := continuum.NewGraph(groupedGraph(t).Continuum, nil)
	if err != nil {
		t.Fatal(err)
	}
	tg := continuum.Target{Group: "inf", Links: []continuum.Link{{Kind: "exactMatchOf", URI: "https://x.example/1"}}}
	if !d.SetTarget(g, tg) {
		t.Fatal("nothing to show")
	}
	if want := []string{"Group: RL.KID Key Ideas › RL.KID.1 Inferences", "Links: exact match of https://x.example/1"}; !slices.Equal(d.Lines(), want) {
		t.Errorf("lines %q, want %q", d.Lines(), want)
	}
	var texts, links []string
	for _, o := range test.LaidOutObjects(d) {
		switch v := o.(type) {
		case *widget.Label:
			texts = append(texts, v.Text)
		case *widget.Hyperlink:
			links = append(links, v.URL.String())
		}
	}
	if !slices.Contains(texts, "exact match of") || !slices.Equal(links, []string{"https://x.example/1"}) {
		t.Errorf("texts %q, links %q", texts, links)
	}
	if d.SetTarget(g, continuum.Target{}) || len(d.Lines()) != 0 {
		t.Errorf("a target with no source shows %q", d.Lines())
	}
}

func TestOriginSummary(t *testing.T) {
	if got := OriginSummary(nil); got != "" {
		t.Errorf("no origin: %q", got)
	}
	o := &continuum.Origin{Format: "CASE", Title: "Math", Version: "1.1", Creator: "Ann", Publisher: "State"}
	if got := OriginSummary(o); got != "From CASE · Math · version 1.1 · State" {
		t.Errorf("summary %q", got)
	}
	o.Publisher = ""
	if got := OriginSummary(o); got != "From CASE · Math · version 1.1 · Ann" {
		t.Errorf("summary without a publisher %q", got)
	}
}
