package exchange_test

import (
	"context"
	"errors"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/storagetest"
)

// Given the demo exported to a workbook whose Evidence row 2 then has
// its note corrected by a colleague, when it is imported back, then that
// row is a conflict on its note (not unchanged, not a new piece), and
// taking theirs corrects the stored record in place: same ID, same UID,
// nothing doubled.
func TestImportCorrectedEvidenceNote(t *testing.T) {
	ctx := context.Background()
	st := storagetest.OpenDemo(t)
	path := t.TempDir() + "/corrected.xlsx"
	if _, err := exchange.Export(ctx, st, exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}, path); err != nil {
		t.Fatal(err)
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	head, _ := x.GetCellValue("Evidence", "G1")
	uidHead, _ := x.GetCellValue("Evidence", "H1")
	uid, _ := x.GetCellValue("Evidence", "H2")
	if head != "Note" || uidHead != "UID" || uid == "" {
		t.Fatalf("Evidence sheet G1 %q, H1 %q, H2 %q; want Note, UID and a UID", head, uidHead, uid)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(x.SetCellValue("Evidence", "G2", "Corrected: counted to 20 without help"))
	must(x.SaveAs(path))
	x.Close()
	before, err := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: demoID})
	must(err)

	p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	must(err)
	var found []continuum.Conflict
	for _, c := range p.Merge.Conflicts {
		if c.Section == continuum.SectionEvidence {
			found = append(found, c)
		}
	}
	if len(found) != 1 || len(found[0].Fields) != 1 || found[0].Fields[0] != "note" {
		t.Fatalf("evidence conflicts %+v, want one on its note", found)
	}
	if got := continuum.FieldValue(found[0].Theirs, "note"); got != "Corrected: counted to 20 without help" {
		t.Errorf("theirs shows %q", got)
	}
	if n := p.Count(continuum.SectionEvidence, continuum.Added); n != 0 {
		t.Errorf("%d pieces of evidence added, want none", n)
	}
	p.Prefer(continuum.TakeTheirs)
	if _, err := p.Apply(ctx, st, nil); err != nil {
		t.Fatal(err)
	}
	after, err := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: demoID})
	must(err)
	if len(after) != len(before) {
		t.Fatalf("%d pieces of evidence after, want %d", len(after), len(before))
	}
	for i, e := range after {
		if e.UID != uid {
			if e != before[i] {
				t.Errorf("evidence %d changed: %+v, was %+v", e.ID, e, before[i])
			}
			continue
		}
		want := before[i]
		want.Note = "Corrected: counted to 20 without help"
		if e != want {
			t.Errorf("corrected evidence %+v, want %+v", e, want)
		}
	}
}

// Given the demo exported to a workbook, when a target's code is renamed
// in the store and the workbook (still with the old code) is imported
// back, then the workbook's target is the renamed one (by its UID): no
// target or evidence is added under the old code, there is nothing to
// import, and the store has no target with the old code.
func TestImportAfterTargetRenamedMatchesByUID(t *testing.T) {
	ctx := context.Background()
	st := storagetest.OpenDemo(t)
	path := t.TempDir() + "/before rename.xlsx"
	if _, err := exchange.Export(ctx, st, exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}, path); err != nil {
		t.Fatal(err)
	}
	targets, err := st.Targets(ctx, demoID)
	if err != nil {
		t.Fatal(err)
	}
	old := targets[0].Code
	if err := st.RenameTarget(ctx, demoID, old, old+"-R"); err != nil {
		t.Fatal(err)
	}
	p, err := exchange.PlanImport(ctx, st, path, exchange.ReadOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if n := p.Count(continuum.SectionTargets, continuum.Added); n != 0 {
		t.Errorf("%d targets added; the workbook's %s is the store's %s-R", n, old, old)
	}
	if n := p.Count(continuum.SectionEvidence, continuum.Added); n != 0 {
		t.Errorf("%d pieces of evidence added, want none", n)
	}
	if _, err := p.Change(); !errors.Is(err, exchange.ErrNothingToImport) {
		t.Errorf("change: %v, want ErrNothingToImport", err)
	}
}
