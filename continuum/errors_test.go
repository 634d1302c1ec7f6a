package continuum

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// A field's code never reaches a teacher: each reads as the name she knows it by.
func TestFieldLabel(t *testing.T) {
	tests := []struct{ field, want string }{
		{"", ""},
		{"student", ""},
		{"continuum", ""},
		{"student.name", "Name"},
		{"student.id", "Student ID"},
		{"target.code", "Code"},
		{"target.evidence_required", "Evidence required"},
		{"scale.cut", "Mastery cut"},
		{"scale.points", "Scale"},
		{"method", "Mastery method"},
		{"method.decay_rate", "Mastery method"},
		{"domain.category", "Domains"},
		{"date", "Date"},
		{"look_for", "Look-fors"},
		{"unit.experiences", "Learning experiences"},
		{"flex.minutes", "Length"},
		{"student.home_room", "Home room"}, // a code with no label still reads as words
		{"nickname", "Nickname"},
	}
	for _, tt := range tests {
		if got := FieldLabel(tt.field); got != tt.want {
			t.Errorf("FieldLabel(%q) = %q, want %q", tt.field, got, tt.want)
		}
	}
}

// Given an error on a student's name, when it is written for a person,
// then it names the field "Name", wrapped or not, and never student.name.
func TestErrorNamesTheFieldAsATeacherWould(t *testing.T) {
	err := fmt.Errorf("save student S1: %w", Invalidf("student.name", "is empty"))
	if got, want := ErrorMessage(err), "Name: is empty"; got != want {
		t.Errorf("ErrorMessage = %q, want %q", got, want)
	}
	if got, want := err.Error(), "save student S1: Name: is empty"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	if ErrorField(err) != "student.name" || !errors.Is(err, ErrInvalid) {
		t.Errorf("the code and kind stay for programs: field %q", ErrorField(err))
	}
	if got, want := NotFoundf("student", "student S9 is not on the roster").Error(), "student S9 is not on the roster"; got != want {
		t.Errorf("a whole record's error = %q, want %q", got, want)
	}
	c := &Continuum{Name: "Math", Levels: []string{"1"}, Domains: []Domain{{Name: "D", Category: "academic"}}}
	bad := Target{Code: "A.1", Statement: "s", Domain: "D", Level: "1", Method: &Method{Kind: DecayingAverage, DecayRate: 2}}
	err = bad.Validate(c)
	if msg := ErrorMessage(err); err == nil || !strings.HasPrefix(msg, "Mastery method: target A.1: ") || strings.Contains(msg, "method.") || strings.Count(msg, "Mastery method") != 1 {
		t.Errorf("a target's method error = %q, want it once as \"Mastery method: target A.1: …\"", msg)
	}
}

// Every field code the program reports has a label of its own, chosen on
// purpose, so none is left to the words fallback by accident.
func TestEveryFieldCodeHasALabel(t *testing.T) {
	re := regexp.MustCompile(`(?:Invalidf|NotFoundf|Conflictf)\("([^"]*)"|Field: *"([^"]*)"`)
	seen := map[string]bool{}
	for _, dir := range []string{".", "../storage", "../ui", "../cmd"} {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			// Readers of other systems' files name those files' own fields
			// (framework.Place.Field: "fullStatement", "ratings"), not ours.
			if dir := filepath.Base(filepath.Dir(path)); dir == "standards" || dir == "framework" || dir == "oneroster" || dir == "scores" {
				return nil
			}
			src, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			for _, m := range re.FindAllStringSubmatch(string(src), -1) {
				seen[m[1]+m[2]] = true
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if len(seen) < 50 {
		t.Fatalf("found only %d field codes; the scan is broken", len(seen))
	}
	for field := range seen {
		_, labelled := fieldLabels[field]
		if field == "" || labelled || field == "method" || strings.HasPrefix(field, "method.") || field == "continuum." {
			continue
		}
		t.Errorf("field %q has no label: add it to fieldLabels", field)
	}
}
