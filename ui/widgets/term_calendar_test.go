package widgets

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
)

func day(s string) continuum.Date { return continuum.MustParseDate(s) }

// termUnits is a small term: two units sharing a week, two empty weeks,
// and a third unit.
func termUnits() []TermUnit {
	return []TermUnit{
		{ID: "place", Title: "Place value", Start: day("2026-09-07"), End: day("2026-10-02"),
			Checkpoints: []TermMark{{Date: day("2026-09-18")}},
			Milestones:  []TermMark{{Date: day("2026-10-01"), Label: "NO.1.3"}}},
		{ID: "mult", Title: "Multiplication", Start: day("2026-09-28"), End: day("2026-10-16")},
		{ID: "fractions", Title: "Fractions as numbers", Start: day("2026-11-02"), End: day("2026-11-13"),
			Milestones: []TermMark{{Date: day("2026-11-13"), Label: "NO.2.3"}}},
	}
}

func TestTermCalendarGolden(t *testing.T) {
	tests := []struct {
		name   string
		golden string
		setup  func(c *TermCalendar)
	}{
		{"a term with an overlap and a gap", "term_calendar/term.xml", func(c *TermCalendar) {
			c.SetUnits(termUnits())
			c.SetToday(day("2026-10-21"))
		}},
		{"a unit selected", "term_calendar/selected.xml", func(c *TermCalendar) {
			c.SetUnits(termUnits())
			c.SetSelected("fractions")
		}},
		{"crowded: a month of one week, milestones close together", "term_calendar/crowded.xml", func(c *TermCalendar) {
			c.SetUnits([]TermUnit{{ID: "long", Title: "A long unit", Start: day("2026-08-31"), End: day("2026-11-20"),
				Milestones: []TermMark{{Date: day("2026-11-18"), Label: "NO.2.3"}, {Date: day("2026-11-20"), Label: "AT.2.1"}, {Date: day("2026-10-02"), Label: "NO.1.3"}}}})
		}},
		{"no units", "term_calendar/empty.xml", func(c *TermCalendar) {
			c.SetUnits(nil)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			test.NewTempApp(t)
			c := NewTermCalendar(nil)
			w := test.NewTempWindow(t, c)
			w.Resize(fyne.NewSize(640, 200))
			tt.setup(c)
			test.AssertRendersToMarkup(t, tt.golden, w.Canvas())
		})
	}
}

func TestTermCalendarWeeksAndLanes(t *testing.T) {
	test.NewTempApp(t)
	c := NewTermCalendar(nil)
	c.SetUnits(termUnits())
	weeks := c.Weeks()
	if len(weeks) != 10 || weeks[0].Monday != day("2026-09-07") || weeks[9].Monday != day("2026-11-09") {
		t.Fatalf("weeks %v", weeks)
	}
	want := [][]string{{"place"}, {"place"}, {"place"}, {"place", "mult"}, {"mult"}, {"mult"}, nil, nil, {"fractions"}, {"fractions"}}
	for i, w := range weeks {
		if !slices.Equal(w.Units, want[i]) {
			t.Errorf("week of %s: %v, want %v", w.Monday, w.Units, want[i])
		}
	}
	if c.lanes[0] != 0 || c.lanes[1] != 1 || c.lanes[2] != 0 {
		t.Errorf("lanes %v: the overlapping unit must stack, the later one reuse the first lane", c.lanes)
	}
}

func TestTermCalendarTermReachesToday(t *testing.T) {
	test.NewTempApp(t)
	c := NewTermCalendar(nil)
	c.SetUnits(termUnits()[:1])
	if n := len(c.Weeks()); n != termMinWeeks {
		t.Errorf("a four-week unit spans %d weeks, want the minimum %d", n, termMinWeeks)
	}
	c.SetToday(day("2026-08-26"))
	if got := c.Weeks()[0].Monday; got != day("2026-08-24") {
		t.Errorf("today two weeks before the unit: term starts %s", got)
	}
	c.SetToday(day("2027-03-01"))
	if got := c.Weeks()[0].Monday; got != day("2026-09-07") {
		t.Errorf("today months away still moves the term: starts %s", got)
	}
}

func TestTermCalendarBarsOpenTheirUnit(t *testing.T) {
	test.NewTempApp(t)
	var tapped []string
	c := NewTermCalendar(func(id string) { tapped = append(tapped, id) })
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(640, 200))
	c.SetUnits(termUnits())
	test.Tap(c.Bar("mult"))
	bar := c.Bar("fractions")
	w.Canvas().Focus(bar)
	bar.TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if want := []string{"mult", "fractions"}; !slices.Equal(tapped, want) {
		t.Errorf("tapped %v, want %v", tapped, want)
	}
	if c.Bar("nope") != nil {
		t.Error("a bar for a unit that is not there")
	}
}

func TestTermCalendarBarsFollowTheWeeks(t *testing.T) {
	test.NewTempApp(t)
	c := NewTermCalendar(nil)
	w := test.NewTempWindow(t, c)
	w.Resize(fyne.NewSize(1000, 200))
	c.SetUnits(termUnits())
	ww := c.Size().Width / 10
	place, fr := c.Bar("place"), c.Bar("fractions")
	// Place value: Monday of week 0 to Friday of week 3; fractions: weeks 8 and 9.
	if x := place.Position().X; x < 0 || x > 2 {
		t.Errorf("place value starts at x=%v", x)
	}
	if right := place.Position().X + place.Size().Width; right < 4*ww-3 || right > 4*ww {
		t.Errorf("place value ends at x=%v, want the end of week 4 (%v)", right, 4*ww)
	}
	if x := fr.Position().X; x < 8*ww || x > 8*ww+2 {
		t.Errorf("fractions starts at x=%v, want week 8 (%v)", x, 8*ww)
	}
	if c.Bar("mult").Position().Y <= place.Position().Y {
		t.Error("the overlapping unit is not stacked under the first")
	}
}
