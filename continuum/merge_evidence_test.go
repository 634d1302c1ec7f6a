package continuum

import (
	"slices"
	"testing"
)

// TestMergeEvidenceByUID: a stored piece of evidence and a colleague's
// version with the same UID are one record, whatever changed.
func TestMergeEvidenceByUID(t *testing.T) {
	mine := mergeFixture()
	for i := range mine.Evidence {
		mine.Evidence[i].UID = []string{"e-1", "e-2", "e-3"}[i]
	}
	cases := []struct {
		name   string
		change func(e *Evidence)
		fields []string
	}{
		{"the same", func(*Evidence) {}, nil},
		{"a corrected note", func(e *Evidence) { e.Note = "Sorted by hardness, not colour" }, []string{"note"}},
		{"another kind", func(e *Evidence) { e.Kind = Observation }, []string{"kind"}},
		{"a corrected score and date", func(e *Evidence) { e.Score, e.Date = 2, MustParseDate("2026-09-11") }, []string{"date", "score"}},
		{"another target", func(e *Evidence) { e.Target = "m.2" }, []string{"target"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			in := mergeFixture()
			for i := range in.Evidence {
				in.Evidence[i].ID, in.Evidence[i].UID = 0, mine.Evidence[i].UID
			}
			tc.change(&in.Evidence[0])
			p := PlanMerge(&mine, mine.Students, in)
			var fields []string
			for _, c := range p.Conflicts {
				if c.Section == SectionEvidence {
					fields = c.Fields
				}
			}
			if !slices.Equal(fields, tc.fields) {
				t.Fatalf("conflict fields %v, want %v (counts %v)", fields, tc.fields, p.Counts[SectionEvidence])
			}
			if got := p.Counts[SectionEvidence][Added]; got != 0 {
				t.Errorf("%d pieces added; a corrected piece is not a new one", got)
			}
			ch, err := p.Change(&mine)
			if err != nil || len(ch.ReplacedEvidence) != 0 {
				t.Fatalf("kept mine: replaced %v, %v; want nothing replaced", ch.ReplacedEvidence, err)
			}
			if tc.fields == nil {
				return
			}
			p.Resolve(0, TakeTheirs)
			ch, err = p.Change(&mine)
			if err != nil {
				t.Fatal(err)
			}
			want := in.Evidence[0]
			want.ID, want.UID, want.Continuum, want.Target = 1, "e-1", "sci", map[string]string{"m.2": "M.2"}[want.Target]
			if want.Target == "" {
				want.Target = "M.1"
			}
			if len(ch.ReplacedEvidence) != 1 || ch.ReplacedEvidence[0] != want {
				t.Errorf("replaced %+v, want %+v", ch.ReplacedEvidence, want)
			}
		})
	}
}

// TestMergeEvidenceWithoutUIDKeepsOldMatching: a hand-made row with no UID
// is the stored piece when student, target, date, score and scorer agree
// (its note aside), and a UID the store does not hold falls back to that.
func TestMergeEvidenceWithoutUIDKeepsOldMatching(t *testing.T) {
	mine := mergeFixture()
	mine.Evidence[0].UID = "e-1"
	in := mergeFixture()
	in.Evidence[0].Note = "a note of theirs"
	in.Evidence[1].UID = "theirs-2"
	p := PlanMerge(&mine, mine.Students, in)
	if got := p.Counts[SectionEvidence]; got[Unchanged] != 3 || len(p.Conflicts) != 0 {
		t.Errorf("counts %v, conflicts %v; want 3 unchanged", got, p.Conflicts)
	}
}

// TestMergeEvidenceUIDRefusals: a UID twice in one file, or on another
// student's stored evidence, is refused.
func TestMergeEvidenceUIDRefusals(t *testing.T) {
	mine := mergeFixture()
	mine.Evidence[0].UID = "e-1" // S1's
	in := mergeFixture()
	in.Evidence = []Evidence{
		{Student: "S2", Target: "M.1", Date: MustParseDate("2026-09-10"), Score: 3, Kind: Formative, UID: "e-1"},
		{Student: "S1", Target: "M.2", Date: MustParseDate("2026-09-01"), Score: 1, Kind: Formative, UID: "new"},
		{Student: "S1", Target: "M.2", Date: MustParseDate("2026-09-02"), Score: 2, Kind: Formative, UID: "new"},
	}
	p := PlanMerge(&mine, mine.Students, in)
	if got := p.Counts[SectionEvidence]; got[Refused] != 2 || got[Added] != 1 {
		t.Errorf("counts %v, refusals %v; want 2 refused, 1 added", got, p.Refusals)
	}
}

// TestMergeTargetRenamedInTheStore: the store renamed M.1 to MAT.1; a
// colleague's workbook still says M.1 (with its UID), and adds a target
// that needs M.1 and evidence on it. The workbook's M.1 is the store's
// MAT.1: nothing is added under the old code, and what names it lands on
// MAT.1.
func TestMergeTargetRenamedInTheStore(t *testing.T) {
	mine := mergeFixture()
	mine.Targets[0].UID, mine.Targets[1].UID = "t-1", "t-2"
	in := mergeFixture()
	in.Targets[0].UID, in.Targets[1].UID = "t-1", "t-2"
	mine.Targets[0].Code = "MAT.1"
	mine.Targets[1].Prerequisites = []string{"MAT.1"}
	for i := range mine.Evidence {
		if mine.Evidence[i].Target == "M.1" {
			mine.Evidence[i].Target = "MAT.1"
		}
	}
	in.Targets = append(in.Targets, Target{Code: "M.3", Statement: "I can test a material.", Domain: "Matter", Level: "2", Order: 2, Prerequisites: []string{"M.1"}})
	in.Evidence = append(in.Evidence, Evidence{Student: "S2", Target: "M.1", Date: MustParseDate("2026-10-01"), Score: 2, Kind: Formative})
	in.Overrides = nil
	p := PlanMerge(&mine, mine.Students, in)
	if got := p.Counts[SectionTargets]; got[Unchanged] != 2 || got[Added] != 1 || len(p.Conflicts) != 0 {
		t.Fatalf("targets %v, conflicts %+v; want M.1 and M.2 unchanged, M.3 added", got, p.Conflicts)
	}
	if got := p.Counts[SectionEvidence]; got[Unchanged] != 3 || got[Added] != 1 {
		t.Errorf("evidence %v, want 3 unchanged and 1 added", got)
	}
	ch, err := p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Targets) != 1 || !slices.Equal(ch.Targets[0].Prerequisites, []string{"MAT.1"}) {
		t.Errorf("targets written %+v, want M.3 needing MAT.1", ch.Targets)
	}
	if len(ch.Evidence) != 1 || ch.Evidence[0].Target != "MAT.1" {
		t.Errorf("evidence written %+v, want it on MAT.1", ch.Evidence)
	}
	// Two targets of the workbook cannot both be one stored target.
	in.Targets = append(in.Targets, Target{Code: "MAT.1", UID: "t-9", Statement: "I can sort.", Domain: "Matter", Level: "1", Order: 2})
	p = PlanMerge(&mine, mine.Students, in)
	if got := p.Counts[SectionTargets][Refused]; got != 1 {
		t.Errorf("targets %v, refusals %v; want the second claim on MAT.1 refused", p.Counts[SectionTargets], p.Refusals)
	}
}

func TestRenameCode(t *testing.T) {
	in := []Target{
		{Code: "A.1"},
		{Code: "A.2", Prerequisites: []string{"a.1", "B.1"}},
		{Code: "B.1", Prerequisites: []string{"B.0"}},
	}
	got := RenameCode(in, "A.1", "A.01")
	want := [][]string{{"A.01"}, {"A.2", "A.01", "B.1"}, {"B.1", "B.0"}}
	for i, tg := range got {
		if row := append([]string{tg.Code}, tg.Prerequisites...); !slices.Equal(row, want[i]) {
			t.Errorf("target %d = %v, want %v", i, row, want[i])
		}
	}
	if in[0].Code != "A.1" || in[1].Prerequisites[0] != "a.1" {
		t.Errorf("the targets given were changed: %+v", in)
	}
}
