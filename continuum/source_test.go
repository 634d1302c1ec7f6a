package continuum

import (
	"strings"
	"testing"
)

func TestLinkWordsEachWay(t *testing.T) {
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
		if got := LinkWords(Link{Kind: tt.kind, Inbound: tt.inbound}, "X"); got != tt.want {
			t.Errorf("%s inbound=%v: %q, want %q", tt.kind, tt.inbound, got, tt.want)
		}
	}
}

func TestOriginSummary(t *testing.T) {
	if got := OriginSummary(nil); got != "" {
		t.Errorf("no origin: %q", got)
	}
	o := &Origin{Format: "CASE", Title: "Math", Version: "1.1", Creator: "Ann", Publisher: "State"}
	if got := OriginSummary(o); got != "From CASE · Math · version 1.1 · State" {
		t.Errorf("summary %q", got)
	}
	o.Publisher = ""
	if got := OriginSummary(o); got != "From CASE · Math · version 1.1 · Ann" {
		t.Errorf("summary without a publisher %q", got)
	}
}

// Groups that sit inside one another in a loop are refused, naming one of
// them; a deep chain of groups is not a loop.
func TestGroupLoopsRefused(t *testing.T) {
	c := NewContinuum("Math", "1")
	c.Domains = []Domain{{Name: "Number", Category: Academic}}
	for i := range 500 {
		g := Group{Key: "G" + FormatScore(float64(i)), Name: "Group", Domain: "Number"}
		if i > 0 {
			g.Parent = "g" + FormatScore(float64(i-1)) // parents found whatever their capitals
		}
		c.Groups = append(c.Groups, g)
	}
	if err := c.Validate(); err != nil {
		t.Fatalf("a chain of 500 groups: %v", err)
	}
	c.Groups[0].Parent = "G499"
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "sits inside itself") {
		t.Errorf("a loop: %v", err)
	}
}
