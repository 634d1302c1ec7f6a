package workbook_test

import (
	"fmt"
	"maps"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/workbook"
)

// datasets are the continua the round trip is checked on: the demo
// classroom and generated continua of several shapes and seeds.
func datasets() map[string]*demo.Dataset {
	out := map[string]*demo.Dataset{"classroom": demo.Classroom()}
	for _, s := range []demo.Size{
		{Students: 5, Targets: 12, Evidence: 40, Levels: 3, Domains: 2, Seed: 7},
		{Students: 30, Targets: 60, Evidence: 600, Seed: 11},
		{Students: 12, Targets: 90, Evidence: 300, Levels: 13, Domains: 7, Seed: 23},
		{Students: 1, Targets: 1, Evidence: 1, Levels: 1, Domains: 1, Seed: 5},
	} {
		out[fmt.Sprintf("generated-%d", s.Seed)] = demo.Generate(fmt.Sprintf("Generated %d", s.Seed), s)
	}
	return out
}

// enrich adds what generated data lacks, so that every field the format
// carries is exercised: a per-target method, a scale with half points and
// meanings, notes with line breaks and Unicode, a pacing plan, starting
// levels and overrides.
func enrich(d *demo.Dataset, seed uint64) {
	c := &d.Continuum
	c.Description = "Line one\nline two — «unicode» ✓"
	if seed%2 == 1 {
		c.Scale = continuum.Scale{Points: []continuum.ScalePoint{
			{Value: 0, Label: "Not shown"}, {Value: 1, Label: "Beginning", Meaning: "With help"},
			{Value: 1.5, Label: "Emerging"}, {Value: 2, Label: "Developing"}, {Value: 3, Label: "Proficient"}, {Value: 4, Label: "Extending"},
		}, Cut: 2.5}
		c.Method = continuum.Method{Kind: continuum.NMastery, Times: 3}
	}
	if len(d.Targets) > 2 {
		d.Targets[1].Method = &continuum.Method{Kind: continuum.WeightedLatest, LatestWeight: 0.7}
		d.Targets[2].Method = &continuum.Method{Kind: continuum.Latest}
		d.Targets[2].EvidenceRequired = 0
		d.Targets[0].Statement = "I can read\n  two lines — «çà» 数学"
	}
	if c.Pacing == nil && len(c.Levels) > 1 {
		c.Pacing = &continuum.PacingPlan{Start: continuum.NewDate(2026, 8, 31), Tolerance: 2,
			Checkpoints: []continuum.Checkpoint{{Date: continuum.NewDate(2026, 12, 18), Level: c.Levels[1]}}}
	}
	if len(d.Students) > 1 && len(c.Levels) > 1 {
		d.Students[1].StartingLevels = append(d.Students[1].StartingLevels,
			continuum.StartingLevel{Continuum: c.ID, Domain: c.Domains[len(c.Domains)-1].Name, Level: c.Levels[1]})
	}
	for i := range d.Evidence {
		if i%7 == 3 {
			d.Evidence[i].Note = fmt.Sprintf("Task %d:\nretry next week — ok ✓", i)
		}
		if _, ok := c.Scale.Point(d.Evidence[i].Score); !ok {
			d.Evidence[i].Score = c.Scale.Points[len(c.Scale.Points)-1].Value
		}
	}
	if len(d.Students) > 0 && len(d.Targets) > 0 && len(d.Overrides) == 0 {
		d.Overrides = append(d.Overrides, continuum.Override{Continuum: c.ID, Student: d.Students[0].ID, Target: d.Targets[0].Code,
			Mastered: true, Reason: "Shown in a project", Date: continuum.NewDate(2026, 11, 2), By: "AB"})
	}
}

// Given several continua, when each is exported, imported and exported
// again, then the data and every sheet's values are the same (apart from
// the export time), and the imported Book holds everything the first one did.
func TestRoundTrip(t *testing.T) {
	sets := datasets()
	names := slices.Sorted(maps.Keys(sets))
	for i, name := range names {
		d := sets[name]
		t.Run(name, func(t *testing.T) {
			enrich(d, uint64(i))
			b0 := bookOf(d)
			x1 := encode(t, b0, workbook.EncodeOptions{})
			b1 := mustDecode(t, x1, workbook.Options{})
			x2 := encode(t, b1, workbook.EncodeOptions{Now: exportTime.Add(time.Hour)})
			b2 := mustDecode(t, x2, workbook.Options{})

			want, got := normalised(b0), normalised(b1)
			if !reflect.DeepEqual(want, got) {
				diffBooks(t, want, got)
			}
			if n1, n2 := normalised(b1), normalised(b2); !reflect.DeepEqual(n1, n2) {
				diffBooks(t, n1, n2)
			}
			for i := range b1.Evidence {
				if b1.Evidence[i].ID != uint64(i+1) || b1.Evidence[i].ID != b2.Evidence[i].ID {
					t.Fatalf("evidence %d: IDs %d and %d; want the order of entry", i, b1.Evidence[i].ID, b2.Evidence[i].ID)
				}
			}
			if !b2.About.ExportedAt.Equal(exportTime.Add(time.Hour)) || b2.About.FormatVersion != workbook.FormatVersion {
				t.Errorf("About = %+v", b2.About)
			}
			v1, v2 := sheetValues(t, x1), sheetValues(t, x2)
			for sheet, rows := range v1 {
				if sheet == "About" {
					rows = slices.DeleteFunc(slices.Clone(rows), func(r []string) bool { return len(r) > 0 && r[0] == "Exported at" })
					v2[sheet] = slices.DeleteFunc(slices.Clone(v2[sheet]), func(r []string) bool { return len(r) > 0 && r[0] == "Exported at" })
				}
				if !reflect.DeepEqual(rows, v2[sheet]) {
					t.Errorf("sheet %s differs after a round trip", sheet)
				}
			}
			if len(v1) != len(v2) {
				t.Errorf("%d sheets, then %d", len(v1), len(v2))
			}
		})
	}
}

func diffBooks(t *testing.T, want, got workbook.Book) {
	t.Helper()
	if !reflect.DeepEqual(want.Continuum, got.Continuum) {
		t.Errorf("continuum:\n got %+v\nwant %+v", got.Continuum, want.Continuum)
	}
	for i := range max(len(want.Targets), len(got.Targets)) {
		if i >= len(want.Targets) || i >= len(got.Targets) || !reflect.DeepEqual(want.Targets[i], got.Targets[i]) {
			t.Errorf("target %d:\n got %+v\nwant %+v", i, at(got.Targets, i), at(want.Targets, i))
			break
		}
	}
	for i := range max(len(want.Students), len(got.Students)) {
		if i >= len(want.Students) || i >= len(got.Students) || !reflect.DeepEqual(want.Students[i], got.Students[i]) {
			t.Errorf("student %d:\n got %+v\nwant %+v", i, at(got.Students, i), at(want.Students, i))
			break
		}
	}
	for i := range max(len(want.Evidence), len(got.Evidence)) {
		if i >= len(want.Evidence) || i >= len(got.Evidence) || !reflect.DeepEqual(want.Evidence[i], got.Evidence[i]) {
			t.Errorf("evidence %d:\n got %+v\nwant %+v", i, at(got.Evidence, i), at(want.Evidence, i))
			break
		}
	}
	if !reflect.DeepEqual(want.Overrides, got.Overrides) {
		t.Errorf("overrides:\n got %+v\nwant %+v", got.Overrides, want.Overrides)
	}
}

func at[T any](s []T, i int) any {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}
