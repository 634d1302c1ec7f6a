package continuum

import (
	"slices"
	"testing"
)

func TestGroupEvidence(t *testing.T) {
	ev := func(student string, id uint64) Evidence { return Evidence{ID: id, Student: student} }
	ids := func(es []Evidence) []uint64 {
		var out []uint64
		for _, e := range es {
			out = append(out, e.ID)
		}
		return out
	}
	tests := []struct {
		name string
		in   []Evidence
		want map[string][]uint64
	}{
		{"none", nil, map[string][]uint64{}},
		{"one run per student, as a store returns them", []Evidence{ev("a", 1), ev("a", 2), ev("b", 3), ev("c", 4), ev("c", 5)},
			map[string][]uint64{"a": {1, 2}, "b": {3}, "c": {4, 5}}},
		{"a student in two runs keeps the order given", []Evidence{ev("a", 1), ev("b", 2), ev("a", 3), ev("b", 4), ev("a", 5)},
			map[string][]uint64{"a": {1, 3, 5}, "b": {2, 4}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := GroupEvidence(tt.in)
			if len(got) != len(tt.want) {
				t.Fatalf("%d students, want %d", len(got), len(tt.want))
			}
			for id, want := range tt.want {
				if !slices.Equal(ids(got[id]), want) {
					t.Errorf("%s: %v, want %v", id, ids(got[id]), want)
				}
			}
		})
	}
}

// Given groups that share the caller's slice, appending to one student's
// evidence leaves the next student's untouched.
func TestGroupEvidenceAppendDoesNotOverwriteTheNextStudent(t *testing.T) {
	in := []Evidence{{ID: 1, Student: "a"}, {ID: 2, Student: "b"}, {ID: 3, Student: "b"}}
	g := GroupEvidence(in)
	g["a"] = append(g["a"], Evidence{ID: 9, Student: "a"})
	if in[1].ID != 2 || g["b"][0].ID != 2 {
		t.Errorf("appending to a's evidence wrote over b's: %v", in)
	}
}
