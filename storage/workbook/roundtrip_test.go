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
		{Students: 5, Targets: 12, Evidence: 40, Levels: 3, Domains: 2, Seed: 7, FlexOfferings: 3},
		{Students: 30, Targets: 60, Evidence: 600, Seed: 11, FlexOfferings: 6},
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
// levels and overrides, a unit, flex assignments, an empty flex block,
// visit notes and calibration scores.
func enrich(d *demo.Dataset, seed uint64) plansExtras {
	c := &d.Continuum
	c.Description = "Line one\nline two — «unicode» ✓"
	enrichGroups(d)
	// Identities travel (every other record has one; the rest are blank,
	// as on a hand-made sheet).
	for i := range d.Students {
		if i%2 == 0 {
			d.Students[i].UID = continuum.NewUID()
		}
	}
	for i := range d.Targets {
		if i%2 == 0 {
			d.Targets[i].UID = continuum.NewUID()
		}
	}
	for i := range d.Evidence {
		if i%2 == 0 {
			d.Evidence[i].UID = continuum.NewUID()
		}
	}
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
	return enrichPlans(d)
}

// enrichGroups gives the continuum an origin and, in each domain, a group
// with a group inside it; puts targets in them; and gives targets source
// identities and links inside the continuum, outside it and inbound.
func enrichGroups(d *demo.Dataset) {
	c := &d.Continuum
	c.Origin = &continuum.Origin{Format: continuum.FormatCASE, ID: "doc-" + c.ID, URI: "https://case.example.org/uri/doc-" + c.ID,
		Title: c.Name + " (adopted)", Version: "1.0", Publisher: "Dept. of Education", AdoptionStatus: "Adopted",
		Language: "en", LastChange: "2024-05-01", License: "CC BY 4.0", Taxonomy: []string{"Domain", "Cluster", "Standard"}}
	c.Domains[0].Code = "D1"
	c.Domains[0].Source = &continuum.SourceRef{ID: "d-1", Kind: "Domain"}
	c.Domains[0].Links = []continuum.Link{{Kind: "isRelatedTo", ID: "d-x", Title: "Other domain", Inbound: true}}
	top := map[string]string{}
	for i, dm := range c.Domains {
		k := fmt.Sprintf("G%d", i+1)
		top[dm.Name] = k
		c.Groups = append(c.Groups,
			continuum.Group{Key: k, Code: k, Name: "Cluster of " + dm.Name, Domain: dm.Name, Source: &continuum.SourceRef{ID: "g-" + k, Kind: "Cluster"}},
			continuum.Group{Key: k + ".a", Name: "Part (a); first", Statement: "Two lines\nof a part", Domain: dm.Name, Parent: k,
				Links: []continuum.Link{{Kind: "isRelatedTo", Code: k, AssociationID: "as-" + k}}})
	}
	for i := range d.Targets {
		tg := &d.Targets[i]
		switch i % 3 {
		case 0:
			tg.Group = top[tg.Domain] + ".a"
		case 1:
			tg.Group = top[tg.Domain]
		}
		if i%4 == 0 {
			tg.Source = &continuum.SourceRef{ID: fmt.Sprintf("t-%d", i), URI: fmt.Sprintf("urn:case:t-%d", i), Kind: "Standard",
				Association: fmt.Sprintf("child-%d", i)}
			for k, p := range tg.Prerequisites {
				if k == 0 {
					tg.Source.Precedes = map[string]string{}
				}
				tg.Source.Precedes["t-"+p] = fmt.Sprintf("pre-%d-%d", i, k)
			}
		}
		if i%5 == 0 && i+1 < len(d.Targets) {
			tg.Links = []continuum.Link{
				{Kind: "isRelatedTo", Code: d.Targets[i+1].Code, Inbound: true, AssociationID: fmt.Sprintf("as-%d", i)},
				{Kind: "exactMatchOf", ID: fmt.Sprintf("CCSS-%d", i), URI: "https://example.org/std?id=" + fmt.Sprint(i), Title: "Its \"match\" (outside)"},
			}
		}
	}
}

// plansExtras are what a Book carries beyond a demo dataset.
type plansExtras struct {
	visitNotes  []continuum.VisitNote
	calibration []continuum.CalibrationScore
}

// enrichPlans adds a unit when there is none, assignments to the first
// flex block, an empty block, visit notes and calibration scores.
func enrichPlans(d *demo.Dataset) (x plansExtras) {
	c := &d.Continuum
	if len(d.Units) == 0 && len(d.Targets) > 1 {
		t0, t1 := d.Targets[0].Code, d.Targets[len(d.Targets)-1].Code
		d.Units = append(d.Units, continuum.Unit{ID: "unit-1", Continuum: c.ID, Title: "Unité «un» — first steps", Order: 3,
			Start: continuum.NewDate(2026, 9, 7), End: continuum.NewDate(2026, 10, 16), Targets: []string{t0, t1},
			Experiences: []continuum.Experience{{Title: "Warm-up", Kind: "practice", Targets: []string{t1}, Link: "https://example.org/a?b=1&c=2", Notes: "Two lines:\nsecond"},
				{Title: "Talk", Kind: "discussion"}},
			Checkpoints: []continuum.UnitCheckpoint{{Target: t1, Date: continuum.NewDate(2026, 10, 14), Kind: continuum.PerformanceTask}},
			Supports:    "Pairs\nand prompts"})
	}
	if len(d.Flex) > 0 && len(d.Students) > 1 {
		b := &d.Flex[0]
		yes, no := true, false
		last := b.Offerings[len(b.Offerings)-1].ID
		b.Assignments = append(b.Assignments,
			continuum.Assignment{Student: d.Students[0].ID, Offering: b.Offerings[0].ID, Tier: continuum.TierRequired, Pinned: true, Reason: "Teacher's call", Attended: &yes, Outcome: "Got it;\nnext: practice"},
			continuum.Assignment{Student: d.Students[1].ID, Offering: last, Tier: continuum.TierOpen, Reason: "Open study: caught up", Attended: &no},
		)
		if len(d.Students) > 2 {
			b.Assignments = append(b.Assignments, continuum.Assignment{Student: d.Students[2].ID, Offering: b.Offerings[0].ID, Tier: continuum.TierPriority, Reason: "Gap on a milestone: " + d.Targets[0].Code})
		}
		d.Flex = append(d.Flex, continuum.FlexBlock{ID: "later-block", Continuum: c.ID, Date: b.Date.AddDays(7), Slot: "Flex 2"})
	}
	if len(d.Targets) > 0 {
		x.visitNotes = []continuum.VisitNote{
			{Continuum: c.ID, Date: continuum.NewDate(2026, 11, 20), Coach: "J. Coach", About: continuum.OnContinuum, LookFor: "Targets and descriptors are clear", Note: "Descriptors read well.\nLevel 3 is thin."},
			{Continuum: c.ID, Date: continuum.NewDate(2026, 11, 20), Coach: "J. Coach", About: continuum.OnTarget, Subject: d.Targets[0].Code, Note: "Few recent scores — «check»"},
			{Continuum: c.ID, Date: continuum.NewDate(2026, 11, 21), About: continuum.OnClass, Subject: "Group 1", Note: "Flex groups match the gaps"},
		}
		if len(d.Units) > 0 {
			x.visitNotes = append(x.visitNotes, continuum.VisitNote{Continuum: c.ID, Date: continuum.NewDate(2026, 11, 21), Coach: "J. Coach", About: continuum.OnUnit, Subject: d.Units[0].Title, LookFor: "Pacing follows the plan", Note: "On pace"})
		}
		hi := c.Scale.Points[len(c.Scale.Points)-1].Value
		lo := c.Scale.Points[0].Value
		x.calibration = []continuum.CalibrationScore{
			{Sample: "Essay A", Target: d.Targets[0].Code, Scorer: "AB", Score: hi},
			{Sample: "Essay A", Target: d.Targets[0].Code, Scorer: "CD", Score: lo, Note: "Misread the task?\nDiscuss"},
			{Sample: "Essay B", Target: d.Targets[0].Code, Scorer: "AB", Score: hi},
			{Sample: "Essay B", Target: d.Targets[0].Code, Scorer: "CD", Score: hi},
		}
	}
	return x
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
			x := enrich(d, uint64(i))
			b0 := bookOf(d)
			b0.VisitNotes, b0.Calibration = x.visitNotes, x.calibration
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
	for name, pair := range map[string][2]any{"units": {want.Units, got.Units}, "flex": {want.Flex, got.Flex},
		"visit notes": {want.VisitNotes, got.VisitNotes}, "calibration": {want.Calibration, got.Calibration}} {
		if !reflect.DeepEqual(pair[0], pair[1]) {
			t.Errorf("%s:\n got %+v\nwant %+v", name, pair[1], pair[0])
		}
	}
}

func at[T any](s []T, i int) any {
	if i < len(s) {
		return s[i]
	}
	return "(none)"
}
