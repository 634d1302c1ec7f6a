package continuum

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Date is a calendar day with no time of day and no zone: the day a piece of
// evidence was gathered or a pacing checkpoint falls. The zero Date is "no date".
type Date struct {
	t time.Time // always midnight UTC, or zero
}

// NewDate returns the date year-month-day. Out-of-range values normalise as time.Date does.
func NewDate(year int, month time.Month, day int) Date {
	return Date{time.Date(year, month, day, 0, 0, 0, 0, time.UTC)}
}

// DateOf returns the calendar day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return NewDate(y, m, d)
}

// Today returns the current local calendar day.
func Today() Date { return DateOf(time.Now()) }

// The years of the dates a person may give (ParseDate, CheckDate): school
// records begin after 1900, the first day spreadsheets count from, and a
// date past 2199 is a typing slip. The zero Date, written 0001-01-01,
// means "no date" and is never a day given.
const (
	FirstYear = 1900
	LastYear  = 2199
)

// CheckDate refuses a day outside the years FirstYear to LastYear.
func CheckDate(d Date) error {
	if y := d.Year(); y < FirstYear || y > LastYear {
		return Invalidf("date", "%s is outside the years %d to %d; check the year", d.t.Format("2006-01-02"), FirstYear, LastYear)
	}
	return nil
}

// ParseDate reads a date written as ISO 8601 (2026-09-14, optionally with a
// time part that is ignored) or as US m/d/yyyy (9/14/2026), of the years
// FirstYear to LastYear.
func ParseDate(s string) (Date, error) {
	d, err := parseDate(s)
	if err != nil {
		return Date{}, err
	}
	if err := CheckDate(d); err != nil {
		return Date{}, err
	}
	return d, nil
}

// parseDate reads a date as ParseDate does, of any year.
func parseDate(s string) (Date, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return Date{}, Invalidf("date", "is empty; expected a date such as 2026-09-14")
	}
	if len(s) >= 10 && s[4] == '-' {
		t, err := time.Parse("2006-01-02", s[:10])
		if err == nil {
			return DateOf(t), nil
		}
	}
	if parts := strings.Split(s, "/"); len(parts) == 3 {
		m, err1 := strconv.Atoi(parts[0])
		d, err2 := strconv.Atoi(parts[1])
		y, err3 := strconv.Atoi(parts[2])
		if err1 == nil && err2 == nil && err3 == nil && y >= 1000 && m >= 1 && m <= 12 && d >= 1 && d <= 31 {
			date := NewDate(y, time.Month(m), d)
			if date.Day() == d { // reject 2/30/2026 rather than roll it into March
				return date, nil
			}
		}
	}
	return Date{}, Invalidf("date", "%q is not a date; expected YYYY-MM-DD or M/D/YYYY", s)
}

// MustParseDate is ParseDate for literals known to be valid; it panics otherwise.
func MustParseDate(s string) Date {
	d, err := ParseDate(s)
	if err != nil {
		panic(err)
	}
	return d
}

// IsZero reports whether d is the zero Date.
func (d Date) IsZero() bool { return d.t.IsZero() }

// Year returns the year of d.
func (d Date) Year() int { return d.t.Year() }

// Month returns the month of d.
func (d Date) Month() time.Month { return d.t.Month() }

// Day returns the day of the month of d.
func (d Date) Day() int { return d.t.Day() }

// Time returns d as midnight UTC.
func (d Date) Time() time.Time { return d.t }

// AddDays returns d moved by n days.
func (d Date) AddDays(n int) Date { return Date{d.t.AddDate(0, 0, n)} }

// DaysSince returns the number of days from e to d (negative if d is earlier).
func (d Date) DaysSince(e Date) int { return int(d.t.Sub(e.t).Hours() / 24) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int { return d.t.Compare(e.t) }

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.t.Before(e.t) }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.t.After(e.t) }

// String returns d as YYYY-MM-DD, or "" for the zero Date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format("2006-01-02")
}

// The ways a day is written for people, month first as in American
// schools. Every screen, report and command writes days through these, so
// that they read alike everywhere; each gives "" for the zero day.

// Long writes the day as a teacher reads it: "Nov 22, 2026".
func (d Date) Long() string { return d.format("Jan 2, 2006") }

// WithWeekday writes the day with its weekday: "Sun, Nov 22, 2026".
func (d Date) WithWeekday() string { return d.format("Mon, Jan 2, 2006") }

// Full writes the day in full: "Sunday, November 22, 2026".
func (d Date) Full() string { return d.format("Monday, January 2, 2006") }

// Short writes the day of a week on view, without the year: "Sun, Nov 22".
func (d Date) Short() string { return d.format("Mon, Jan 2") }

// MonthDay writes the day without weekday or year: "Nov 22".
func (d Date) MonthDay() string { return d.format("Jan 2") }

// LongMonth writes the day with the month in full: "November 22, 2026".
func (d Date) LongMonth() string { return d.format("January 2, 2006") }

func (d Date) format(layout string) string {
	if d.IsZero() {
		return ""
	}
	return d.t.Format(layout)
}

// MarshalText encodes d as YYYY-MM-DD.
func (d Date) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// UnmarshalText decodes YYYY-MM-DD (or M/D/YYYY); empty text is the zero Date.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := parseDate(string(b)) // a day stored before CheckDate existed still reads
	if err != nil {
		return fmt.Errorf("decode date: %w", err)
	}
	*d = v
	return nil
}
