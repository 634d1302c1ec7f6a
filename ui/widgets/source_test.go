package widgets

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

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
