package continuum

import (
	"encoding/json"
	"errors"
	"testing"
)

// Given days at and past the edges of the years a person may give, when
// they are parsed, then 1900-01-01 to 2199-12-31 are taken and the rest
// refused with the day and the years; a stored day of any year still reads.
func TestParseDateRange(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{in: "1900-01-01", want: "1900-01-01"},
		{in: "2199-12-31", want: "2199-12-31"},
		{in: "12/31/2199", want: "2199-12-31"},
		{in: "0001-01-01", err: "Date: 0001-01-01 is outside the years 1900 to 2199; check the year"},
		{in: "1899-12-31", err: "Date: 1899-12-31 is outside the years 1900 to 2199; check the year"},
		{in: "2200-01-01", err: "Date: 2200-01-01 is outside the years 1900 to 2199; check the year"},
		{in: "1/1/1066", err: "Date: 1066-01-01 is outside the years 1900 to 2199; check the year"},
		{in: "9999-12-31T00:00:00", err: "Date: 9999-12-31 is outside the years 1900 to 2199; check the year"},
	}
	for _, tt := range tests {
		d, err := ParseDate(tt.in)
		switch {
		case tt.err == "" && (err != nil || d.String() != tt.want):
			t.Errorf("ParseDate(%q) = %v, %v; want %s", tt.in, d, err, tt.want)
		case tt.err != "" && (err == nil || err.Error() != tt.err || !errors.Is(err, ErrInvalid)):
			t.Errorf("ParseDate(%q) err = %v, want %q", tt.in, err, tt.err)
		}
	}
	var stored struct{ Date Date }
	if err := json.Unmarshal([]byte(`{"Date":"1850-06-01"}`), &stored); err != nil || stored.Date.String() != "1850-06-01" {
		t.Errorf("a stored day of 1850 reads as %v, %v", stored.Date, err)
	}
}
