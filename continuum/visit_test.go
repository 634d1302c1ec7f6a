package continuum

import (
	"errors"
	"testing"
)

func TestParseVisitSubject(t *testing.T) {
	tests := []struct {
		in   string
		want VisitSubject
		ok   bool
	}{
		{"", OnContinuum, true},
		{" Target ", OnTarget, true},
		{"UNIT", OnUnit, true},
		{"group", OnClass, true},
		{"class", OnClass, true},
		{"lesson", "", false},
	}
	for _, tt := range tests {
		got, err := ParseVisitSubject(tt.in)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("ParseVisitSubject(%q) = %q, %v", tt.in, got, err)
		}
	}
}

func TestVisitNoteValidate(t *testing.T) {
	day := NewDate(2026, 11, 20)
	tests := []struct {
		name  string
		note  VisitNote
		field string
	}{
		{"on the continuum", VisitNote{Date: day, About: OnContinuum, Note: "Clear descriptors"}, ""},
		{"on a target", VisitNote{Date: day, About: OnTarget, Subject: "NO.1.1", Note: "Few recent scores"}, ""},
		{"on the class", VisitNote{Date: day, About: OnClass, Note: "Groups move quickly"}, ""},
		{"no date", VisitNote{About: OnContinuum, Note: "x"}, "visit.date"},
		{"unknown kind", VisitNote{Date: day, About: "lesson", Note: "x"}, "visit.subject_kind"},
		{"target without code", VisitNote{Date: day, About: OnTarget, Note: "x"}, "visit.subject"},
		{"unit without title", VisitNote{Date: day, About: OnUnit, Note: "x"}, "visit.subject"},
		{"continuum with a subject", VisitNote{Date: day, About: OnContinuum, Subject: "NO.1.1", Note: "x"}, "visit.subject"},
		{"empty", VisitNote{Date: day, About: OnUnit, Subject: "Fractions", Note: "  "}, "visit.note"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.note.Validate()
			if tt.field == "" {
				if err != nil {
					t.Fatalf("Validate: %v", err)
				}
				return
			}
			if !errors.Is(err, ErrInvalid) || ErrorField(err) != tt.field {
				t.Errorf("Validate = %v, want an invalid %s", err, tt.field)
			}
		})
	}
}
