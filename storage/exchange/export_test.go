package exchange_test

import (
	"context"
	"path/filepath"
	"slices"
	"testing"

	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// Given the demo in the store, when one group is exported, then the
// workbook holds only that group's students and their evidence, and
// what Export says it wrote matches what the workbook holds.
func TestExportOneGroup(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	groups, all, err := exchange.Groups(ctx, st)
	if err != nil {
		t.Fatal(err)
	}
	if want := []exchange.Group{{"Period 2", 14}, {"Period 5", 14}}; !slices.Equal(groups, want) || all != 28 {
		t.Fatalf("groups %v of %d, want %v of 28", groups, all, want)
	}
	path := filepath.Join(t.TempDir(), "Math Foundations Period 2 2026-11-20.xlsx")
	e, err := exchange.Export(ctx, st, exchange.ExportRequest{Continuum: demoID, Group: "period 2", On: exportDay, AppVersion: "9.9"}, path)
	if err != nil {
		t.Fatal(err)
	}
	b, err := workbook.DecodeFile(ctx, path, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if e.Name != "Math Foundations" || e.Targets != len(b.Targets) || e.Students != len(b.Students) || e.Students != 14 ||
		e.Evidence != len(b.Evidence) || e.Units != 2 || e.Flex != 1 || b.About.AppVersion != "9.9" {
		t.Errorf("exported %+v; the workbook holds %d targets, %d students, %d evidence", e, len(b.Targets), len(b.Students), len(b.Evidence))
	}
	for _, s := range b.Students {
		if s.Group != "Period 2" {
			t.Errorf("student %s of %s exported", s.ID, s.Group)
		}
	}
	if _, err := exchange.Export(ctx, st, exchange.ExportRequest{Continuum: "nope"}, path); err == nil {
		t.Error("an unknown continuum was exported")
	}
}
