package continuum

import (
	"fmt"
	"slices"
	"testing"
)

// supportBlock is a block of the fixture continuum on day with one
// reteach offering on N1a and a practice offering on N1b and N2b.
func supportBlock(id, date string, assignments ...Assignment) FlexBlock {
	return FlexBlock{ID: id, Continuum: "c1", Date: day(date), Slot: "Flex", Minutes: 30,
		Offerings: []Offering{
			{ID: "reteach", Title: "N1a again", Kind: Reteach, Capacity: 5, Focus: []string{"N1a"}},
			{ID: "practice", Title: "Practice", Kind: Practice, Capacity: 5, Focus: []string{"N1b", "N2b"}},
		},
		Assignments: assignments,
	}
}

// supportSeen is what a test checks of one focus target: values written
// as FormatScore writes them ("" for no value), with "*" after a mastered one.
type supportSeen struct {
	block, target, before, now, gain string
	newEvidence                      int
}

func supportSeenOf(ss []Support) []supportSeen {
	val := func(m Mastery) string {
		s := ""
		if m.HasValue {
			s = FormatScore(m.Value)
		}
		if m.Mastered {
			s += "*"
		}
		return s
	}
	var out []supportSeen
	for _, s := range ss {
		for _, f := range s.Focus {
			gain := ""
			if g, ok := f.Gain(); ok {
				gain = FormatScore(g)
			}
			out = append(out, supportSeen{s.Block, f.Target, val(f.Before), val(f.Now), gain, f.NewEvidence()})
		}
		if len(s.Focus) == 0 {
			out = append(out, supportSeen{block: s.Block})
		}
	}
	return out
}

func TestSupportHistory(t *testing.T) {
	g := fixture(t) // decaying average at 65%, cut 3, one demonstration required
	ana := Student{ID: "S1", Name: "Ana"}
	reteach := Assignment{Student: "S1", Offering: "reteach", Tier: TierPriority, Reason: "Gap on a milestone: N1a"}
	practice := Assignment{Student: "S1", Offering: "practice", Tier: TierSuggested}
	other := Assignment{Student: "S2", Offering: "reteach", Tier: TierPriority}
	tests := []struct {
		name      string
		blocks    []FlexBlock
		evidence  []Evidence
		overrides []Override
		want      []supportSeen
	}{
		{
			// Before: 1, 2 → 0.35·1 + 0.65·2 = 1.65. Now: then 3 → 2.5275,
			// then 4 → 0.35·2.5275 + 0.65·4 = 3.484625, mastered.
			name:     "the support worked",
			blocks:   []FlexBlock{supportBlock("b1", "2026-09-15", reteach)},
			evidence: []Evidence{ev(1, "N1a", "2026-09-01", 1), ev(2, "N1a", "2026-09-10", 2), ev(3, "N1a", "2026-09-16", 3), ev(4, "N1a", "2026-09-20", 4)},
			want:     []supportSeen{{"b1", "N1a", "1.65", "3.48*", "1.83", 2}},
		},
		{
			// Evidence gathered on the day of the block counts as after it: 1, 2, 3 → 2.5275.
			name:     "evidence on the day of the block counts after",
			blocks:   []FlexBlock{supportBlock("b1", "2026-09-15", reteach)},
			evidence: []Evidence{ev(2, "N1a", "2026-09-10", 2), ev(1, "N1a", "2026-09-01", 1), ev(3, "N1a", "2026-09-15", 3)},
			want:     []supportSeen{{"b1", "N1a", "1.65", "2.53", "0.88", 1}},
		},
		{
			name:     "no evidence before the block",
			blocks:   []FlexBlock{supportBlock("b1", "2026-09-15", reteach)},
			evidence: []Evidence{ev(1, "N1a", "2026-09-18", 3)},
			want:     []supportSeen{{"b1", "N1a", "", "3*", "", 1}},
		},
		{
			name:   "nothing recorded since",
			blocks: []FlexBlock{supportBlock("b1", "2026-09-15", reteach)},
			// 3 then 2 → 0.35·3 + 0.65·2 = 2.35, before and now.
			evidence: []Evidence{ev(1, "N1a", "2026-09-01", 3), ev(2, "N1a", "2026-09-02", 2)},
			want:     []supportSeen{{"b1", "N1a", "2.35", "2.35", "0", 0}},
		},
		{
			// An override dated after the block decides now, not before.
			name:      "an override after the block",
			blocks:    []FlexBlock{supportBlock("b1", "2026-09-15", reteach)},
			evidence:  []Evidence{ev(1, "N1a", "2026-09-01", 2)},
			overrides: []Override{{Continuum: "c1", Student: "S1", Target: "N1a", Mastered: true, Reason: "Showed it in a project", Date: day("2026-09-20")}},
			want:      []supportSeen{{"b1", "N1a", "2", "2*", "0", 0}},
		},
		{
			// Each focus target in the offering's order; N2b: 1 → 1 before,
			// 1 then 3 → 0.35 + 1.95 = 2.3 now. N1b has no evidence.
			name:     "every focus target of the offering",
			blocks:   []FlexBlock{supportBlock("b1", "2026-09-15", practice)},
			evidence: []Evidence{ev(1, "N2b", "2026-09-01", 1), ev(2, "N2b", "2026-09-21", 3)},
			want:     []supportSeen{{"b1", "N1b", "", "", "", 0}, {"b1", "N2b", "1", "2.3", "1.3", 1}},
		},
		{
			// Two supports, given newest first, come back oldest first; the
			// second block's "before" includes what the first one brought.
			name: "oldest first, each with its own before",
			blocks: []FlexBlock{
				supportBlock("b2", "2026-09-22", reteach),
				supportBlock("b1", "2026-09-15", reteach),
			},
			evidence: []Evidence{ev(1, "N1a", "2026-09-01", 1), ev(2, "N1a", "2026-09-16", 3)},
			// b1: 1 before; 1 then 3 → 0.35 + 1.95 = 2.3 now. b2: 2.3 before and now.
			want: []supportSeen{{"b1", "N1a", "1", "2.3", "1.3", 1}, {"b2", "N1a", "2.3", "2.3", "0", 0}},
		},
		{
			name: "other students, other continua, unknown offerings and codes are left out",
			blocks: []FlexBlock{supportBlock("b1", "2026-09-15", other), func() FlexBlock {
				b := supportBlock("elsewhere", "2026-09-15", reteach)
				b.Continuum = "c2"
				return b
			}(), supportBlock("b3", "2026-09-15", Assignment{Student: "S1", Offering: "gone"})},
			want: nil,
		},
		{
			name: "an offering whose focus is no longer a target",
			blocks: []FlexBlock{func() FlexBlock {
				b := supportBlock("b1", "2026-09-15", reteach)
				b.Offerings[0].Focus = []string{"ZZ9", "N1a"}
				return b
			}()},
			evidence: []Evidence{ev(1, "N1a", "2026-09-01", 3)},
			want:     []supportSeen{{"b1", "N1a", "3*", "3*", "0", 0}},
		},
		{
			name: "not placed anywhere",
			want: nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := supportSeenOf(SupportHistory(g, ana, tt.blocks, tt.evidence, tt.overrides))
			if !slices.Equal(got, tt.want) {
				t.Errorf("got  %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestSupportHistoryCarriesThePlacement(t *testing.T) {
	g := fixture(t)
	yes := true
	a := Assignment{Student: "S1", Offering: "reteach", Tier: TierRequired, Pinned: true, Reason: "Placed by the teacher", Attended: &yes, Outcome: "Got it with base-ten blocks"}
	// Evidence of another student is ignored even when passed in.
	stray := ev(9, "N1a", "2026-09-01", 4)
	stray.Student = "S2"
	got := SupportHistory(g, Student{ID: "S1", Name: "Ana"}, []FlexBlock{supportBlock("b1", "2026-09-15", a)}, []Evidence{stray}, nil)
	if len(got) != 1 {
		t.Fatalf("%d supports", len(got))
	}
	s := got[0]
	if s.Block != "b1" || s.Slot != "Flex" || s.Date != day("2026-09-15") || s.Offering.Title != "N1a again" || s.Offering.Kind != Reteach ||
		s.Tier != TierRequired || s.Reason != "Placed by the teacher" || s.Attended == nil || !*s.Attended || s.Outcome != "Got it with base-ten blocks" {
		t.Errorf("support %+v", s)
	}
	if f := s.Focus[0]; f.Before.Count != 0 || f.Now.Count != 0 {
		t.Errorf("another student's evidence counted: %s", fmt.Sprint(f))
	}
}
