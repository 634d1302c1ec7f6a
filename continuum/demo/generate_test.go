package demo

import "testing"

// Given names and seeds, when a dataset is generated, then its
// continuum's ID is made from both: different names give different IDs,
// the same name and seed the same one.
func TestGeneratedID(t *testing.T) {
	tests := []struct {
		name string
		seed uint64
		want string
	}{
		{"Generated", 1, "gen-generated-1"},
		{"A", 1, "gen-a-1"},
		{"B", 1, "gen-b-1"},
		{"  Science 4 — Grade 4!  ", 7, "gen-science-4-grade-4-7"},
		{"Ciências Naturais", 2, "gen-ciências-naturais-2"},
		{"", 3, "gen-3"},
		{"***", 3, "gen-3"},
	}
	for _, tt := range tests {
		if got := Generate(tt.name, Size{Students: 1, Targets: 1, Seed: tt.seed}).Continuum.ID; got != tt.want {
			t.Errorf("Generate(%q, seed %d) ID = %q, want %q", tt.name, tt.seed, got, tt.want)
		}
	}
}
