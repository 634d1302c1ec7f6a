package continuum

import "testing"

func TestFieldValue(t *testing.T) {
	target := Target{Code: "M.2", Statement: "I can explain a change of state.", Prerequisites: []string{"M.1", "M.0"},
		Descriptors: []Descriptor{{3, "Explains melting"}, {2, ""}, {4, "Predicts it"}}}
	unit := Unit{Title: "Matter", Start: MustParseDate("2026-09-01"), End: MustParseDate("2026-09-30")}
	block := FlexBlock{ID: "b", Offerings: []Offering{{ID: "r", Kind: Reteach, Capacity: 6}}, Assignments: []Assignment{{}, {}}}
	c := NewContinuum("Science", "1")
	tests := []struct {
		v     any
		field string
		want  string
	}{
		{target, "prerequisites", "M.1, M.0"},
		{target, "descriptors", "3: Explains melting; 4: Predicts it"},
		{target, "method", "the continuum's"},
		{target, "milestone", "no"},
		{Target{}, "prerequisites", "—"},
		{Student{StartingLevels: []StartingLevel{{Domain: "Waves", Level: "2"}, {Domain: "Matter", Level: "1"}}}, "starting levels", "Matter: 1, Waves: 2"},
		{Override{Mastered: true}, "mastered", "mastered"},
		{Override{}, "by", "—"},
		{unit, "dates", "2026-09-01 to 2026-09-30"},
		{block, "offerings", "r (reteach, 6 seats)"},
		{block, "assignments", "2 students placed"},
		{c, "scale", "1 Beginning, 2 Developing, 3 Proficient, 4 Extending; mastery from 3"},
		{c, "method", "decaying-average (r=0.65)"},
	}
	for _, tt := range tests {
		if got := FieldValue(tt.v, tt.field); got != tt.want {
			t.Errorf("FieldValue(%T, %q) = %q, want %q", tt.v, tt.field, got, tt.want)
		}
	}
}
