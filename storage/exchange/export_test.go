package exchange_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
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

// Given the demo in the store, when it is exported with a password under
// the usual umask, then the workbook is its owner's alone, holds no name
// in plain text, opens with the password to what a plain export holds,
// and refuses to open without it.
func TestExportWithPassword(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	dir := t.TempDir()
	req := exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported}
	plainPath := filepath.Join(dir, "plain.xlsx")
	if _, err := exchange.Export(ctx, st, req, plainPath); err != nil {
		t.Fatal(err)
	}
	old := syscall.Umask(0o022)
	req.Password = "plc 2027 grade five"
	lockedPath := filepath.Join(dir, "locked.xlsx")
	_, err := exchange.Export(ctx, st, req, lockedPath)
	syscall.Umask(old)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{plainPath, lockedPath} {
		if fi, err := os.Stat(p); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %v (%v), want 0600", filepath.Base(p), fi.Mode().Perm(), err)
		}
	}
	want, err := workbook.DecodeFile(ctx, plainPath, workbook.Options{})
	if err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(lockedPath)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range want.Students {
		if bytes.Contains(raw, []byte(s.Name)) {
			t.Fatalf("the name %q is readable in the encrypted workbook", s.Name)
		}
	}
	if _, err := workbook.DecodeFile(ctx, lockedPath, workbook.Options{}); !errors.Is(err, workbook.ErrPasswordProtected) {
		t.Fatalf("opened without the password: %v", err)
	}
	got, err := workbook.DecodeFile(ctx, lockedPath, workbook.Options{Password: req.Password})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got.Students, want.Students) || !reflect.DeepEqual(got.Evidence, want.Evidence) || !reflect.DeepEqual(got.Targets, want.Targets) {
		t.Error("the encrypted workbook holds other students, evidence or targets than the plain one")
	}
	req.Format = exchange.FormatCASE
	if _, err := exchange.Export(ctx, st, req, filepath.Join(dir, "framework.json")); err == nil || !strings.Contains(err.Error(), "password protects a workbook") {
		t.Errorf("a CASE package with a password: %v", err)
	}
}
