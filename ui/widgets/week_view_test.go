package widgets

import (
	"slices"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/continuum-planner/planner/continuum"
)

var weekMonday = continuum.NewDate(2026, 11, 23)

func weekBlocks() []WeekBlock {
	return []WeekBlock{
		{ID: "win-mon", Date: weekMonday, Slot: "WIN time", Minutes: 40, Offerings: 6, Placed: 28, Capacity: 46},
		{ID: "flex-wed", Date: weekMonday.AddDays(2), Slot: "Flex 2", Minutes: 30, Offerings: 1, Placed: 0, Capacity: 12},
		{ID: "win-wed", Date: weekMonday.AddDays(2), Slot: "Flex 1", Minutes: 30, Offerings: 4, Placed: 20, Capacity: 24},
		{ID: "next-week", Date: weekMonday.AddDays(7), Slot: "WIN time", Minutes: 40, Offerings: 6},
	}
}

func weekViewWindow(t *testing.T) (*WeekView, fyne.Window, *[]string) {
	t.Helper()
	test.NewTempApp(t)
	var chosen []string
	v := NewWeekView(func(id string) { chosen = append(chosen, id) })
	v.SetToday(weekMonday.AddDays(1))
	v.SetWeek(weekMonday.AddDays(3), weekBlocks()) // any day of the week will do
	w := test.NewTempWindow(t, v)
	w.Resize(fyne.NewSize(760, 200))
	return v, w, &chosen
}

func TestMondayOf(t *testing.T) {
	for _, tt := range []struct{ day, want string }{
		{"2026-11-23", "2026-11-23"}, // a Monday
		{"2026-11-27", "2026-11-23"}, // Friday
		{"2026-11-29", "2026-11-23"}, // Sunday ends the week
		{"2026-11-30", "2026-11-30"},
		{"2027-01-01", "2026-12-28"}, // across the year
	} {
		if got := MondayOf(continuum.MustParseDate(tt.day)).String(); got != tt.want {
			t.Errorf("MondayOf(%s) = %s, want %s", tt.day, got, tt.want)
		}
	}
}

func TestWeekViewRenders(t *testing.T) {
	v, w, _ := weekViewWindow(t)
	test.AssertRendersToMarkup(t, "week_view/week.xml", w.Canvas())
	v.SetSelected("win-wed")
	test.AssertRendersToMarkup(t, "week_view/selected.xml", w.Canvas())
}

func TestWeekViewPlacesBlocksOnTheirDays(t *testing.T) {
	v, _, _ := weekViewWindow(t)
	if got := v.Monday(); got != weekMonday {
		t.Errorf("week of %s, want %s", got, weekMonday)
	}
	if days := v.Days(); len(days) != 5 || days[0] != weekMonday {
		t.Errorf("days %v, want Monday to Friday", days)
	}
	if got := v.BlocksOn(weekMonday); !slices.Equal(got, []string{"win-mon"}) {
		t.Errorf("Monday shows %v", got)
	}
	// Same day: by slot.
	if got := v.BlocksOn(weekMonday.AddDays(2)); !slices.Equal(got, []string{"win-wed", "flex-wed"}) {
		t.Errorf("Wednesday shows %v", got)
	}
	if v.Tile("next-week") != nil {
		t.Error("a block of next week is shown")
	}
	// A block on Saturday adds the day.
	v.SetWeek(weekMonday, append(weekBlocks(), WeekBlock{ID: "sat", Date: weekMonday.AddDays(5), Slot: "Saturday school"}))
	if days := v.Days(); len(days) != 6 || days[5] != weekMonday.AddDays(5) {
		t.Errorf("days %v, want Saturday too", days)
	}
}

func TestWeekViewChoosesFromTheKeyboard(t *testing.T) {
	v, w, chosen := weekViewWindow(t)
	test.Tap(v.Tile("win-mon").(fyne.Tappable))
	first := v.Tile("win-mon")
	w.Canvas().Focus(first)
	first.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if w.Canvas().Focused() != v.Tile("win-wed") {
		t.Fatalf("Right moved the focus to %v", w.Canvas().Focused())
	}
	w.Canvas().Focused().TypedRune(' ')
	v.Tile("flex-wed").TypedKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if !slices.Equal(*chosen, []string{"win-mon", "win-wed", "flex-wed"}) || v.Selected() != "flex-wed" {
		t.Errorf("chosen %v, selected %q", *chosen, v.Selected())
	}
}
