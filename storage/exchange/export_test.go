package exchange_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"syscall"
	"testing"

	"github.com/continuum-planner/planner/continuum"
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

// xlsxText returns every part of the xlsx package at path, inflated and
// joined, to search for what must not be in it.
func xlsxText(t *testing.T, path string) string {
	t.Helper()
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var all strings.Builder
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		all.Write(b)
	}
	return all.String()
}

// Given the demo with evidence notes, external IDs and visit notes, when
// it is exported de-identified, then no name, external ID or note is
// anywhere in the file; each student has a pseudonym that the same key
// gives again and another key does not; and every score is kept, on the
// same student's pseudonym.
func TestExportDeidentified(t *testing.T) {
	ctx := context.Background()
	st := demoStore(t)
	students, err := st.Students(ctx)
	if err != nil {
		t.Fatal(err)
	}
	students[0].ExternalID = "SIS-0042-XYZ"
	if err := st.PutStudents(ctx, students[0]); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	export := func(name, key string) *workbook.Book {
		t.Helper()
		path := filepath.Join(dir, name)
		req := exchange.ExportRequest{Continuum: demoID, On: exportDay, Now: exported, Deidentify: true, DeidentifyKey: key}
		if _, err := exchange.Export(ctx, st, req, path); err != nil {
			t.Fatal(err)
		}
		text := xlsxText(t, path)
		for _, s := range students {
			if strings.Contains(text, s.Name) {
				t.Errorf("%s: the name %q is in the de-identified workbook", name, s.Name)
			}
		}
		if strings.Contains(text, "SIS-0042-XYZ") {
			t.Errorf("%s: an external ID is in the de-identified workbook", name)
		}
		b, err := workbook.DecodeFile(ctx, path, workbook.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(b.VisitNotes) != 0 {
			t.Errorf("%s: %d visit notes written", name, len(b.VisitNotes))
		}
		for _, ev := range b.Evidence {
			if ev.Note != "" {
				t.Fatalf("%s: an evidence note is written: %q", name, ev.Note)
			}
		}
		return b
	}
	plain, err := st.Evidence(ctx, continuum.EvidenceFilter{Continuum: demoID})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(plain, func(ev continuum.Evidence) bool { return ev.Note != "" }) {
		t.Fatal("the demo has no evidence notes; the test proves nothing about them")
	}
	a, again, other := export("a.xlsx", "district key"), export("b.xlsx", "district key"), export("c.xlsx", "another key")
	if len(a.Students) != len(students) || len(a.Evidence) != len(plain) {
		t.Fatalf("%d students and %d evidence written, want %d and %d", len(a.Students), len(a.Evidence), len(students), len(plain))
	}
	pseudo := map[string]string{}
	for i, ev := range a.Evidence {
		if p, ok := pseudo[plain[i].Student]; ok && p != ev.Student {
			t.Fatalf("student %s is both %s and %s", plain[i].Student, p, ev.Student)
		}
		pseudo[plain[i].Student] = ev.Student
		if ev.Score != plain[i].Score || ev.Target != plain[i].Target || ev.Student == plain[i].Student {
			t.Fatalf("evidence %d: %+v, from %+v", i, ev, plain[i])
		}
	}
	for i, s := range a.Students {
		if s.Name != s.ID || !strings.HasPrefix(s.ID, "P-") || s.ExternalID != "" || s.Group != students[i].Group {
			t.Errorf("student %d written as %+v", i, s)
		}
		if again.Students[i].ID != s.ID {
			t.Errorf("student %d: %s with the same key, %s before", i, again.Students[i].ID, s.ID)
		}
		if other.Students[i].ID == s.ID {
			t.Errorf("student %d: %s under another key too", i, s.ID)
		}
	}
}
