package continuum

import (
	"errors"
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	good := map[string]string{
		"2026-09-14":          "2026-09-14",
		" 2026-09-14 ":        "2026-09-14",
		"2026-09-14T10:00:00": "2026-09-14",
		"9/14/2026":           "2026-09-14",
		"09/04/2026":          "2026-09-04",
		"2/29/2028":           "2028-02-29",
	}
	for in, want := range good {
		d, err := ParseDate(in)
		if err != nil || d.String() != want {
			t.Errorf("ParseDate(%q) = %v, %v; want %s", in, d, err, want)
		}
	}
	for _, in := range []string{"", "14.09.2026", "2026-13-01", "2/30/2026", "9/14/26", "tomorrow"} {
		if _, err := ParseDate(in); !errors.Is(err, ErrInvalid) {
			t.Errorf("ParseDate(%q) err = %v, want invalid", in, err)
		}
	}
	d := NewDate(2026, time.September, 30)
	if d.AddDays(1).String() != "2026-10-01" || d.AddDays(1).DaysSince(d) != 1 || !d.Before(d.AddDays(1)) {
		t.Error("date arithmetic")
	}
	var back Date
	text, _ := d.MarshalText()
	if err := back.UnmarshalText(text); err != nil || back != d {
		t.Errorf("text round trip: %v %v", back, err)
	}
}

func TestContinuumValidate(t *testing.T) {
	ok := NewContinuum("Maths", "K", "1", "2")
	ok.Domains = []Domain{{Name: "Number", Category: Academic}, {Name: "Habits", Category: Lifelong}}
	if err := ok.Validate(); err != nil {
		t.Fatalf("valid continuum: %v", err)
	}
	tests := []struct {
		name  string
		edit  func(c *Continuum)
		field string
	}{
		{"no name", func(c *Continuum) { c.Name = "  " }, "continuum.name"},
		{"no levels", func(c *Continuum) { c.Levels = nil }, "continuum.levels"},
		{"level twice", func(c *Continuum) { c.Levels = []string{"K", "k"} }, "continuum.levels"},
		{"blank level", func(c *Continuum) { c.Levels = []string{"K", ""} }, "continuum.levels"},
		{"domain twice", func(c *Continuum) { c.Domains = append(c.Domains, Domain{Name: "number", Category: Academic}) }, "continuum.domains"},
		{"bad category", func(c *Continuum) { c.Domains[0].Category = "sport" }, "domain.category"},
		{"bad method", func(c *Continuum) { c.Method.Kind = "vibes" }, "method.kind"},
		{"bad cut", func(c *Continuum) { c.Scale.Cut = 9 }, "scale.cut"},
		{"pacing unknown level", func(c *Continuum) {
			c.Pacing = &PacingPlan{Start: MustParseDate("2026-09-01"), Checkpoints: []Checkpoint{{MustParseDate("2026-10-01"), "7"}}}
		}, "pacing.checkpoints"},
		{"pacing out of order", func(c *Continuum) {
			c.Pacing = &PacingPlan{Start: MustParseDate("2026-09-01"), Checkpoints: []Checkpoint{{MustParseDate("2026-08-01"), "1"}}}
		}, "pacing.checkpoints"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := ok
			c.Levels = append([]string(nil), ok.Levels...)
			c.Domains = append([]Domain(nil), ok.Domains...)
			tt.edit(&c)
			err := c.Validate()
			if !errors.Is(err, ErrInvalid) || ErrorField(err) != tt.field {
				t.Errorf("err = %v (field %q), want invalid %s", err, ErrorField(err), tt.field)
			}
		})
	}
}

func TestStudentEvidenceOverrideValidate(t *testing.T) {
	c := NewContinuum("Maths", "1")
	checks := []struct {
		err   error
		field string
	}{
		{(&Student{ID: "", Name: "Ana"}).Validate(), "student.id"},
		{(&Student{ID: "S/1", Name: "Ana"}).Validate(), "student.id"},
		{(&Student{ID: "S1"}).Validate(), "student.name"},
		{(&Student{ID: "S1", Name: "Ana"}).Validate(), ""},
		{(&Evidence{Student: "S1", Target: "T", Date: MustParseDate("2026-09-01"), Score: 5}).Validate(&c), "evidence.score"},
		{(&Evidence{Student: "S1", Target: "T", Score: 3}).Validate(&c), "evidence.date"},
		{(&Evidence{Target: "T", Date: MustParseDate("2026-09-01"), Score: 3}).Validate(&c), "evidence.student"},
		{(&Evidence{Student: "S1", Target: "T", Date: MustParseDate("2026-09-01"), Score: 3, Kind: "quiz"}).Validate(&c), "evidence.kind"},
		{(&Evidence{Student: "S1", Target: "T", Date: MustParseDate("2026-09-01"), Score: 3, Kind: Observation}).Validate(&c), ""},
		{(&Override{Student: "S1", Target: "T", Date: MustParseDate("2026-09-01")}).Validate(), "override.reason"},
		{(&Override{Student: "S1", Target: "T", Reason: "seen", Date: MustParseDate("2026-09-01")}).Validate(), ""},
	}
	for i, tt := range checks {
		if got := ErrorField(tt.err); got != tt.field {
			t.Errorf("check %d: field %q (%v), want %q", i, got, tt.err, tt.field)
		}
	}
}

func TestParseCategoryAndKind(t *testing.T) {
	for in, want := range map[string]Category{"Academic": Academic, "transferable skills": Transferable, "Habits of success": Lifelong, "lifelong learning": Lifelong} {
		if got, err := ParseCategory(in); err != nil || got != want {
			t.Errorf("ParseCategory(%q) = %v, %v", in, got, err)
		}
	}
	if _, err := ParseCategory("sport"); ErrorField(err) != "category" {
		t.Errorf("ParseCategory(sport) err = %v", err)
	}
	if got, err := ParseEvidenceKind("Performance task"); err != nil || got != PerformanceTask {
		t.Errorf("ParseEvidenceKind = %v, %v", got, err)
	}
}

func TestDateWrittenForPeople(t *testing.T) {
	d, err := ParseDate("2026-11-22")
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		got, want string
	}{
		{"Long", d.Long(), "Nov 22, 2026"},
		{"WithWeekday", d.WithWeekday(), "Sun, Nov 22, 2026"},
		{"Full", d.Full(), "Sunday, November 22, 2026"},
		{"Short", d.Short(), "Sun, Nov 22"},
		{"MonthDay", d.MonthDay(), "Nov 22"},
		{"LongMonth", d.LongMonth(), "November 22, 2026"},
	} {
		if tc.got != tc.want {
			t.Errorf("%s = %q, want %q", tc.name, tc.got, tc.want)
		}
	}
	var zero Date
	for _, got := range []string{zero.Long(), zero.WithWeekday(), zero.Full(), zero.Short(), zero.MonthDay(), zero.LongMonth()} {
		if got != "" {
			t.Errorf("the zero day is written %q, want nothing", got)
		}
	}
}

func TestScaleRange(t *testing.T) {
	sc := DefaultScale()
	if got := sc.Range(); got != "1–4" {
		t.Errorf("default scale's Range = %q, want 1–4", got)
	}
	if got := (&Scale{}).Range(); got != "" {
		t.Errorf("empty scale's Range = %q, want empty", got)
	}
}
