package exchange_test

import (
	"context"
	"errors"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
)

// evidenceByName counts each student's evidence in the store, by name.
func evidenceByName(t *testing.T, st *storage.Store) map[string]int {
	t.Helper()
	ctx := context.Background()
	students, err := st.Students(ctx)
	if err != nil {
		t.Fatal(err)
	}
	evs, err := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: demoID})
	if err != nil {
		t.Fatal(err)
	}
	name := map[string]string{}
	for _, s := range students {
		name[s.ID] = s.Name
	}
	out := map[string]int{}
	for _, s := range students {
		out[s.Name] = 0
	}
	for _, e := range evs {
		out[name[e.Student]]++
	}
	return out
}

// Given two stores that both number their students from S001 (the demo
// classroom, and a colleague's class of other students on the same
// continuum with the same IDs and the same marks), when the colleague's
// export is imported into the first store, then her students are added
// under free IDs with her evidence, no evidence lands on the first
// store's students, the preview says who was renumbered, and importing the
// file again changes nothing.
func TestImportAnotherClassNumberedFromS001(t *testing.T) {
	ctx := context.Background()
	mine := storagetest.OpenDemo(t)
	hers := storagetest.Open(t)
	d := demo.Classroom()
	for i := range d.Students {
		d.Students[i].Name = "Colleague's " + d.Students[i].Name
		if d.Students[i].ExternalID != "" {
			d.Students[i].ExternalID = "OTHER-SCHOOL-" + d.Students[i].ExternalID // other students have other SIS IDs
		}
	}
	if len(d.Flex) == 0 || len(d.Flex[0].Offerings) == 0 {
		t.Fatal("the demo has no flex block to place her students in")
	}
	for _, s := range d.Students[:3] {
		d.Flex[0].Assignments = append(d.Flex[0].Assignments, continuum.Assignment{Student: s.ID, Offering: d.Flex[0].Offerings[0].ID, Tier: continuum.TierPriority, Reason: "her placement"})
	}
	if err := d.Load(ctx, hers); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "her class.xlsx")
	if _, err := exchange.Export(ctx, hers, exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}, path); err != nil {
		t.Fatal(err)
	}
	before := evidenceByName(t, mine)
	herCounts := evidenceByName(t, hers)

	p, err := exchange.PlanImport(ctx, mine, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(d.Students)
	if got := p.Count(continuum.SectionStudents, continuum.Added); got != n {
		t.Errorf("students added %d, want %d", got, n)
	}
	for _, c := range p.Merge.Conflicts {
		if c.Section == continuum.SectionStudents {
			t.Errorf("student conflict %s %v: her student is not mine", c.Key, c.Fields)
		}
	}
	renumbered := 0
	for _, w := range p.Warnings {
		if strings.Contains(w.What, "added as a new student with ID") {
			renumbered++
			if w.Sheet != "Students" || w.Row < 2 {
				t.Errorf("warning %q at %s, want its row on the Students sheet", w.What, w.Place())
			}
		}
	}
	if renumbered != n {
		t.Errorf("preview says %d students are renumbered, want %d; warnings %v", renumbered, n, p.Warnings)
	}
	// Her flex places follow her students to their new IDs.
	places := 0
	for _, c := range p.Merge.Conflicts {
		if b, ok := c.Theirs.(continuum.FlexBlock); ok {
			for _, a := range b.Assignments {
				places++
				if n, err := strconv.Atoi(strings.TrimPrefix(a.Student, "S")); err != nil || n <= len(d.Students) {
					t.Errorf("her flex place for %s is on one of my IDs", a.Student)
				}
			}
		}
	}
	if places == 0 {
		t.Error("the demo's flex block brought no places to check")
	}
	p.Prefer(continuum.KeepMine)
	if _, err := p.Apply(ctx, mine, nil); err != nil {
		t.Fatal(err)
	}

	after := evidenceByName(t, mine)
	if len(after) != 2*n {
		t.Errorf("store has %d students, want both classes (%d)", len(after), 2*n)
	}
	for name, count := range before {
		if after[name] != count {
			t.Errorf("%s has %d pieces of evidence after the import, want their own %d", name, after[name], count)
		}
	}
	for name, count := range herCounts {
		if after[name] != count {
			t.Errorf("%s (hers) has %d pieces of evidence, want %d", name, after[name], count)
		}
	}

	again, err := exchange.PlanImport(ctx, mine, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got := again.Count(continuum.SectionStudents, continuum.Unchanged); got != n || len(again.Merge.Renumbered) != 0 {
		t.Errorf("again: %d students unchanged, %d renumbered; want %d and none (the UIDs match)", got, len(again.Merge.Renumbered), n)
	}
	if _, err := again.Change(); !errors.Is(err, exchange.ErrNothingToImport) {
		t.Errorf("importing the same file again: %v, want ErrNothingToImport", err)
	}
}

// Given the same two stores, where the colleague's S001 is in fact the
// first store's S001 under a shorter name (her copy of the student, with
// the identity her store minted and no SIS ID), when the teacher says so
// for S001 (and only S001), then that student's rows go to the stored
// S001, who keeps their ID, UID and name (the name is a conflict, kept),
// and only the others are added; the word can be taken back before
// applying, and a short ID that is no such student is refused.
func TestImportAnotherClassOneOfThemMine(t *testing.T) {
	ctx := context.Background()
	mine := storagetest.OpenDemo(t)
	hers := storagetest.Open(t)
	d := demo.Classroom()
	first := d.Students[0]
	for i := range d.Students {
		d.Students[i].Name = "Colleague's " + d.Students[i].Name
		d.Students[i].ExternalID = ""
	}
	d.Students[0].Name = strings.Fields(first.Name)[0] // "Amara": her copy of my first student
	d.Flex[0].Assignments = append(d.Flex[0].Assignments, continuum.Assignment{Student: first.ID, Offering: d.Flex[0].Offerings[0].ID, Tier: continuum.TierPriority, Reason: "her placement"})
	if err := d.Load(ctx, hers); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "her class.xlsx")
	if _, err := exchange.Export(ctx, hers, exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}, path); err != nil {
		t.Fatal(err)
	}
	stored, err := mine.Students(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var storedFirst continuum.Student
	for _, s := range stored {
		if s.ID == first.ID {
			storedFirst = s
		}
	}
	before := evidenceByName(t, mine)

	p, err := exchange.PlanImport(ctx, mine, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(d.Students)
	if err := p.SameStudents([]string{"S999"}); err == nil || !strings.Contains(err.Error(), "S999 is not a student of the file whose ID another of your students has") {
		t.Errorf("--same S999: %v, want it refused", err)
	}
	if err := p.SameStudents([]string{first.ID}); err != nil {
		t.Fatal(err)
	}
	if added, conflicting := p.Count(continuum.SectionStudents, continuum.Added), p.Count(continuum.SectionStudents, continuum.Conflicting); added != n-1 || conflicting != 1 {
		t.Errorf("students %d added, %d conflicting; want %d and 1 (the name)", added, conflicting, n-1)
	}
	said := 0
	for _, w := range p.Warnings {
		if strings.Contains(w.What, "as you said") {
			said++
			if w.Row != 2 || !strings.HasPrefix(w.What, first.ID+" Amara is "+first.Name) {
				t.Errorf("warning %q at %s, want %s's on row 2", w.What, w.Place(), first.ID)
			}
		}
	}
	if said != 1 {
		t.Errorf("%d warnings say a student is yours as you said, want 1: %v", said, p.Warnings)
	}
	if w := p.Written(); len(w) == 0 || w[0] != "Students: "+strconv.Itoa(n-1)+" added" {
		t.Errorf("written %q, want Students: %d added first", w, n-1)
	}
	placed := false
	for _, c := range p.Merge.Conflicts {
		if b, ok := c.Theirs.(continuum.FlexBlock); ok {
			for _, a := range b.Assignments {
				placed = placed || a.Student == first.ID && a.Reason == "her placement"
			}
		}
	}
	if !placed {
		t.Errorf("her flex place for %s does not go to my %s", first.ID, first.ID)
	}

	// Taken back, then given again: the plan follows.
	if err := p.SamePerson(0, false); err != nil {
		t.Fatal(err)
	}
	if got := p.Count(continuum.SectionStudents, continuum.Added); got != n {
		t.Errorf("taken back: %d students added, want %d", got, n)
	}
	if err := p.SamePerson(0, true); err != nil {
		t.Fatal(err)
	}
	p.Prefer(continuum.KeepMine)
	if _, err := p.Apply(ctx, mine, nil); err != nil {
		t.Fatal(err)
	}

	after, err := mine.Students(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 2*n-1 {
		t.Errorf("store has %d students, want %d (mine and her %d others)", len(after), 2*n-1, n-1)
	}
	for _, s := range after {
		if s.ID == first.ID && (s.Name != storedFirst.Name || s.UID != storedFirst.UID) {
			t.Errorf("%s is now %q (UID %s), want %q (UID %s) kept", s.ID, s.Name, s.UID, storedFirst.Name, storedFirst.UID)
		}
		if s.Name == "Amara" {
			t.Errorf("her copy of %s was added as %s", first.Name, s.ID)
		}
	}
	counts := evidenceByName(t, mine)
	for name, c := range before {
		if counts[name] != c {
			t.Errorf("%s has %d pieces of evidence, want %d (hers are the same marks)", name, counts[name], c)
		}
	}
}
