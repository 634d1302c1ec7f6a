package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// agreementThree are three targets: two scorers in close agreement, three
// scorers far apart, and one sample only (kappa undefined).
var agreementThree = []AgreementBar{
	{Target: "NO.1.2", Samples: 3, Scorers: 2, Exact: 2.0 / 3, Adjacent: 1, Kappa: 0.5, HasKappa: true, KappaKind: "cohen"},
	{Target: "NO.2.1", Samples: 4, Scorers: 3, Exact: 0.25, Adjacent: 0.75, Kappa: -0.08, HasKappa: true, KappaKind: "fleiss"},
	{Target: "GM.1.1", Samples: 1, Scorers: 2, Exact: 1, Adjacent: 1, KappaKind: "cohen"},
}

func TestAgreementChartGolden(t *testing.T) {
	for _, tt := range []struct {
		name, golden string
		bars         []AgreementBar
		selected     string
	}{
		{"three targets", "agreement_chart/three_targets.xml", agreementThree, ""},
		{"one chosen", "agreement_chart/chosen.xml", agreementThree, "no.2.1"},
		{"nothing to compare", "agreement_chart/empty.xml", nil, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			c := NewAgreementChart(tt.bars)
			c.Select(tt.selected)
			w := test.NewTempWindow(t, c)
			w.Resize(fyne.NewSize(620, c.MinSize().Height+8))
			test.AssertRendersToMarkup(t, tt.golden, w.Canvas())
		})
	}
}

func TestAgreementChartTapChoosesARow(t *testing.T) {
	test.NewTempApp(t)
	c := NewAgreementChart(agreementThree)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(620, c.MinSize().Height+8))
	var got []string
	c.OnSelected = func(target string) { got = append(got, target) }
	m := agreementMetricsNow()
	// Given the second row tapped, its target is chosen; tapped again, none is.
	at := &fyne.PointEvent{Position: fyne.NewPos(200, m.top+m.row*1.5)}
	c.Tapped(at)
	if c.Selected() != "NO.2.1" {
		t.Errorf("chosen %q after a tap on the second row", c.Selected())
	}
	c.Tapped(at)
	// A tap on the legend chooses nothing.
	c.Tapped(&fyne.PointEvent{Position: fyne.NewPos(200, 2)})
	if len(got) != 2 || got[0] != "NO.2.1" || got[1] != "" || c.Selected() != "" {
		t.Errorf("OnSelected got %q, chosen %q", got, c.Selected())
	}
	// Drawn again without the chosen target, the choice is dropped.
	c.Select("GM.1.1")
	c.SetBars(agreementThree[:2])
	if c.Selected() != "" {
		t.Errorf("chosen %q after its row went", c.Selected())
	}
	if !rendersText(c, "κ 0.50") || !rendersText(c, "moderate · Cohen") || !rendersText(c, "67%") {
		t.Error("the chart does not write the kappa, its strength and the share")
	}
}

func TestKappaStrength(t *testing.T) {
	for _, tt := range []struct {
		k    float64
		want string
	}{{-0.1, "poor"}, {0, "slight"}, {0.2, "slight"}, {0.21, "fair"}, {0.5, "moderate"}, {0.61, "substantial"}, {0.8, "substantial"}, {0.81, "almost perfect"}, {1, "almost perfect"}} {
		if got := KappaStrength(tt.k); got != tt.want {
			t.Errorf("KappaStrength(%g) = %q, want %q", tt.k, got, tt.want)
		}
	}
}
