package storage

import (
	"context"
	"fmt"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// mustOpen opens a new store in a temporary folder, closed when the test ends.
func mustOpen(t testing.TB) *Store {
	t.Helper()
	return mustOpenDir(t, t.TempDir(), Options{})
}

// mustOpenDir opens the store in dir, closed when the test ends.
func mustOpenDir(t testing.TB, dir string, opts Options) *Store {
	t.Helper()
	s, err := Open(dir, opts)
	if err != nil {
		t.Fatalf("Open(%s): %v", dir, err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

var ctx = context.Background()

// mathContinuum is a small continuum: levels K-2, two domains, and four
// targets where NUM.1.1 needs NUM.K.1.
func mathContinuum() (continuum.Continuum, []continuum.Target) {
	c := continuum.NewContinuum("Mathematics", "K", "1", "2")
	c.Subject = "Mathematics"
	c.Domains = []continuum.Domain{
		{Name: "Number", Category: continuum.Academic},
		{Name: "Geometry", Category: continuum.Academic},
	}
	targets := []continuum.Target{
		{Code: "NUM.K.1", Statement: "I can count to 20.", Domain: "Number", Level: "K", Order: 1},
		{Code: "NUM.1.1", Statement: "I can add within 20.", Domain: "Number", Level: "1", Order: 1, Prerequisites: []string{"num.k.1"}},
		{Code: "GEO.K.1", Statement: "I can name shapes.", Domain: "Geometry", Level: "K", Order: 1},
		{Code: "GEO.2.1", Statement: "I can draw a cube.", Domain: "Geometry", Level: "2", Order: 1,
			Descriptors: []continuum.Descriptor{{Value: 3, Text: "Draws a cube with hidden edges."}}},
	}
	return c, targets
}

// createMath stores mathContinuum and returns it.
func createMath(t testing.TB, s *Store) continuum.Continuum {
	t.Helper()
	c, targets := mathContinuum()
	must(t, s.CreateContinuum(ctx, &c, targets))
	return c
}

// roster returns n students S01.. in two groups.
func roster(n int) []continuum.Student {
	out := make([]continuum.Student, n)
	for i := range out {
		out[i] = continuum.Student{
			ID:    fmt.Sprintf("S%02d", i+1),
			Name:  fmt.Sprintf("Student %02d", n-i),
			Group: []string{"Period 1", "Period 2"}[i%2],
		}
	}
	return out
}

func ev(cid, sid, code, date string, score float64) continuum.Evidence {
	return continuum.Evidence{Continuum: cid, Student: sid, Target: code, Date: continuum.MustParseDate(date), Score: score, Kind: continuum.Formative}
}

// realisticContinuum builds a K-9 continuum of 300 targets: 6 domains (one
// of them habits of success) × 10 levels × 5 targets, each with four
// descriptors, each target needing the same-order target one level down,
// and a pacing plan over the year.
func realisticContinuum() (continuum.Continuum, []continuum.Target) {
	levels := []string{"K", "1", "2", "3", "4", "5", "6", "7", "8", "9"}
	c := continuum.NewContinuum("Mathematics K-9", levels...)
	c.Subject = "Mathematics"
	names := []string{"Number", "Operations", "Fractions", "Geometry", "Measurement and data"}
	for _, n := range names {
		c.Domains = append(c.Domains, continuum.Domain{Name: n, Category: continuum.Academic})
	}
	c.Domains = append(c.Domains, continuum.Domain{Name: "Perseverance", Category: continuum.Lifelong})
	c.Pacing = &continuum.PacingPlan{
		Start: continuum.MustParseDate("2026-09-01"),
		Checkpoints: []continuum.Checkpoint{
			{Date: continuum.MustParseDate("2026-12-18"), Level: "3"},
			{Date: continuum.MustParseDate("2027-06-15"), Level: "5"},
		},
		Tolerance: 2,
	}
	var targets []continuum.Target
	for d, dom := range c.Domains {
		for l, lv := range levels {
			for k := 1; k <= 5; k++ {
				t := continuum.Target{
					Code:      fmt.Sprintf("D%d.%s.%d", d+1, lv, k),
					Statement: fmt.Sprintf("I can do skill %d of %s at level %s, explained in a sentence of usual length.", k, dom.Name, lv),
					Domain:    dom.Name, Level: lv, Order: k, Milestone: k == 5,
				}
				for v := 1; v <= 4; v++ {
					t.Descriptors = append(t.Descriptors, continuum.Descriptor{Value: float64(v), Text: fmt.Sprintf("At %d the student shows this much of the skill, described for families.", v)})
				}
				if l > 0 {
					t.Prerequisites = []string{fmt.Sprintf("D%d.%s.%d", d+1, levels[l-1], k)}
				}
				targets = append(targets, t)
			}
		}
	}
	return c, targets
}

// fillEvidence records perStudent pieces of evidence for each student,
// spread over the targets and the school year, in changes of up to 1,000.
func fillEvidence(t testing.TB, s *Store, cid string, students []continuum.Student, targets []continuum.Target, perStudent int) {
	t.Helper()
	start := continuum.MustParseDate("2026-09-01")
	var batch []continuum.Evidence
	for i, st := range students {
		for k := range perStudent {
			tg := targets[(i*7+k*3)%len(targets)]
			batch = append(batch, continuum.Evidence{
				Continuum: cid, Student: st.ID, Target: tg.Code,
				Date: start.AddDays(k % 200), Score: float64(1 + (i+k)%4), Kind: continuum.Formative,
				Scorer: "MJ", Note: "Exit ticket",
			})
			if len(batch) == 1000 {
				_, err := s.AddEvidence(ctx, batch...)
				must(t, err)
				batch = batch[:0]
			}
		}
	}
	if len(batch) > 0 {
		_, err := s.AddEvidence(ctx, batch...)
		must(t, err)
	}
}

func ptr[T any](v T) *T { return &v }
