package main

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/storage/workbook"
)

// Given the demo store, when it is exported with --password-file, then the
// workbook opens with the file's first line and not without it, and an
// independent reader (msoffcrypto-tool) decrypts it when installed.
func TestExportWithPasswordFile(t *testing.T) {
	db := demoStore(t)
	dir := t.TempDir()
	pwFile := filepath.Join(dir, "pw.txt")
	if err := os.WriteFile(pwFile, []byte("Sunny Meadow 42\r\nnot this line\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "class.xlsx")
	got := mustCtl(t, db, "export", out, "--password-file", pwFile)
	if !strings.Contains(got, "encrypted") {
		t.Errorf("export says %q", got)
	}
	ctx := context.Background()
	if _, err := workbook.DecodeFile(ctx, out, workbook.Options{}); !errors.Is(err, workbook.ErrPasswordProtected) {
		t.Fatalf("opened without the password: %v", err)
	}
	b, err := workbook.DecodeFile(ctx, out, workbook.Options{Password: "Sunny Meadow 42"})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Students) != 28 {
		t.Errorf("%d students in the encrypted workbook, want 28", len(b.Students))
	}
	if fi, err := os.Stat(out); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	if bin, err := exec.LookPath("msoffcrypto-tool"); err == nil {
		if b, err := exec.Command(bin, "-p", "Sunny Meadow 42", out, filepath.Join(dir, "plain.xlsx")).CombinedOutput(); err != nil {
			t.Errorf("msoffcrypto-tool: %v\n%s", err, b)
		}
	}
}

// Given CONTINUUM_PLANNER_EXPORT_PASSWORD, when a workbook is exported, then
// it is encrypted with it; without any password the export says the data
// is unprotected; a password file for a standards export is refused.
func TestExportPasswordFromEnvironment(t *testing.T) {
	db := demoStore(t)
	dir := t.TempDir()
	t.Setenv(exportPasswordEnv, "from the environment")
	out := filepath.Join(dir, "env.xlsx")
	mustCtl(t, db, "export", out)
	if _, err := workbook.DecodeFile(context.Background(), out, workbook.Options{Password: "from the environment"}); err != nil {
		t.Fatalf("the environment's password does not open it: %v", err)
	}
	// The environment's password is for workbooks: a CASE package ignores it.
	mustCtl(t, db, "export", filepath.Join(dir, "standards.json"))

	t.Setenv(exportPasswordEnv, "")
	code, _, errOut := ctl(t, db, "export", filepath.Join(dir, "plain.xlsx"))
	if code != 0 || !strings.Contains(errOut, "28 students' data without a password") {
		t.Errorf("a plain export: exit %d, %q", code, errOut)
	}
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, []byte("\nsecond"), 0o600)
	if code, _, errOut := ctl(t, db, "export", filepath.Join(dir, "x.xlsx"), "--password-file", empty); code != 2 || !strings.Contains(errOut, "first line is empty") {
		t.Errorf("an empty first line: exit %d, %q", code, errOut)
	}
	pw := filepath.Join(dir, "pw.txt")
	os.WriteFile(pw, []byte("a password\n"), 0o600)
	if code, _, errOut := ctl(t, db, "export", filepath.Join(dir, "c.json"), "--password-file", pw); code != 2 || !strings.Contains(errOut, "protects a workbook") {
		t.Errorf("a CASE package with a password file: exit %d, %q", code, errOut)
	}
	if code, _, errOut := ctl(t, db, "export", filepath.Join(dir, "y.xlsx"), "--password-file", filepath.Join(dir, "missing")); code == 0 || !strings.Contains(errOut, "read the password") {
		t.Errorf("a missing password file: exit %d, %q", code, errOut)
	}
}

// Given the demo store, when it is exported with --deidentify and a key
// file twice, then the students have the same pseudonyms both times, and
// no name is in the workbook.
func TestExportDeidentify(t *testing.T) {
	db := demoStore(t)
	dir := t.TempDir()
	key := filepath.Join(dir, "key.txt")
	if err := os.WriteFile(key, []byte("district 2027\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	var ids [2][]string
	for i, name := range []string{"a.xlsx", "b.xlsx"} {
		out := filepath.Join(dir, name)
		got := mustCtl(t, db, "export", out, "--deidentify", "--deidentify-key-file", key)
		if !strings.Contains(got, "the same in every export with this key") {
			t.Errorf("export says %q", got)
		}
		b, err := workbook.DecodeFile(context.Background(), out, workbook.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range b.Students {
			if s.Name != s.ID || !strings.HasPrefix(s.ID, "P-") {
				t.Fatalf("student written as %+v", s)
			}
			ids[i] = append(ids[i], s.ID)
		}
	}
	if strings.Join(ids[0], ",") != strings.Join(ids[1], ",") || len(ids[0]) != 28 {
		t.Errorf("pseudonyms %v, then %v", ids[0], ids[1])
	}
	got := mustCtl(t, db, "export", filepath.Join(dir, "c.xlsx"), "--deidentify")
	if !strings.Contains(got, "of this export only") {
		t.Errorf("an export without a key says %q", got)
	}
}
