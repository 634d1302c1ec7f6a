package widgets

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"github.com/continuum-planner/planner/continuum"
)

func TestShortenWords(t *testing.T) {
	tests := []struct {
		text string
		n    int
		want string
	}{
		{"I can read.", 20, "I can read."},
		{"I can read a grade-level passage aloud", 20, "I can read a…"},
		{"I can compare fractions, and order them", 26, "I can compare fractions…"},
		{"Supercalifragilistic", 8, "Superca…"},
		{"exactly ten", 11, "exactly ten"},
	}
	for _, tt := range tests {
		got := ShortenWords(tt.text, tt.n)
		if got != tt.want {
			t.Errorf("ShortenWords(%q, %d) = %q, want %q", tt.text, tt.n, got, tt.want)
		}
		if n := len([]rune(got)); n > max(tt.n, len([]rune(tt.text))) || (got != tt.text && n > tt.n) {
			t.Errorf("ShortenWords(%q, %d) = %d runes", tt.text, tt.n, n)
		}
	}
}

func TestFitText(t *testing.T) {
	test.NewTempApp(t)
	size, style := theme.TextSize(), fyne.TextStyle{Bold: true}
	code := "CCSS.MATH.CONTENT.3.NF.A.1"
	full := fyne.MeasureText(code, size, style).Width
	if got := FitText(code, size, style, full); got != code {
		t.Errorf("room for all of it: %q", got)
	}
	got := FitText(code, size, style, full/2)
	if !strings.HasSuffix(got, "…") || !strings.HasPrefix(code, strings.TrimSuffix(got, "…")) {
		t.Errorf("half the room: %q does not end in an ellipsis after the code's start", got)
	}
	if w := fyne.MeasureText(got, size, style).Width; w > full/2 {
		t.Errorf("half the room: %q is %v wide, more than %v", got, w, full/2)
	}
	if got := FitText(code, size, style, 0); got != "" {
		t.Errorf("no room: %q", got)
	}
}

func TestTargetCardGolden(t *testing.T) {
	long := continuum.Target{
		Code:          "CCSS.MATH.CONTENT.3.NF.A.1",
		Statement:     "I can understand a fraction 1/b as the quantity formed by 1 part when a whole is partitioned into b equal parts; I can understand a fraction a/b as the quantity formed by a parts of size 1/b.",
		Milestone:     true,
		Prerequisites: []string{"NO.2.1", "NO.2.2"},
	}
	tests := []struct {
		name   string
		golden string
		width  float32
		setup  func(c *TargetCard)
	}{
		{"a long code, a milestone and prerequisites in a narrow card", "target_card/narrow.xml", 180, func(*TargetCard) {}},
		{"the same, wide", "target_card/wide.xml", 420, func(*TargetCard) {}},
		{"a prerequisite of the selected card", "target_card/needed_first.xml", 240, func(c *TargetCard) { c.SetRelation(PrerequisiteOfSelected) }},
		{"building on the selected card, with a mark", "target_card/builds_on.xml", 240, func(c *TargetCard) {
			c.SetRelation(DependsOnSelected)
			c.SetMark(&Mark{Status: continuum.NotYet, Value: "2.65"})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			c := NewTargetCard(long, nil)
			w := test.NewTempWindow(t, c)
			w.SetPadded(false)
			w.Resize(fyne.NewSize(tt.width, 110))
			tt.setup(c)
			test.AssertRendersToMarkup(t, tt.golden, w.Canvas())
		})
	}
}
