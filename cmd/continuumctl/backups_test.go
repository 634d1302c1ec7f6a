package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/storage"
)

func continuaNames(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	for _, row := range readCSV(t, mustCtl(t, dir, "list", "continua", "--format", "csv"))[1:] {
		names = append(names, row[0])
	}
	return names
}

func TestBackupsListsAutomaticBackups(t *testing.T) {
	dir := demoStore(t)
	if out := mustCtl(t, dir, "backups"); !strings.Contains(out, "No automatic backup") || !strings.Contains(out, storage.BackupsDir(dir)) {
		t.Errorf("backups of a store without any: %q", out)
	}
	file := filepath.Join(t.TempDir(), "term1.backup")
	mustCtl(t, dir, "backup", file)
	mustCtl(t, dir, "restore", file)
	mustCtl(t, dir, "restore", file)

	rows := readCSV(t, mustCtl(t, dir, "backups", "--format", "csv"))
	if len(rows) != 3 || strings.Join(rows[0], ",") != "taken,size,before,file" {
		t.Fatalf("backups after two restores: %v", rows)
	}
	for _, r := range rows[1:] {
		if r[2] != "restore of term1.backup" || filepath.Dir(r[3]) != storage.BackupsDir(dir) || !strings.HasSuffix(r[1], "KB") {
			t.Errorf("row %v: want a restore's backup in %s", r, storage.BackupsDir(dir))
		}
	}
	// Newest first: a later second, or the same second's -2.
	if rows[1][0] < rows[2][0] || rows[1][0] == rows[2][0] && !strings.HasSuffix(rows[1][3], "-restore-2.backup") {
		t.Errorf("not newest first: %v then %v", rows[1], rows[2])
	}
	for _, r := range rows[1:] {
		if r[3] == file {
			t.Errorf("a backup made by hand is listed: %v", r)
		}
	}
	if code, _, errOut := ctl(t, dir, "backups", "extra"); code != 2 || !strings.Contains(errOut, "usage") {
		t.Errorf("backups with an argument: exit %d %q", code, errOut)
	}
}

func TestRestoreLatest(t *testing.T) {
	dir := demoStore(t)
	file := filepath.Join(t.TempDir(), "term1.backup")
	mustCtl(t, dir, "backup", file)
	mustCtl(t, dir, "gen", "--continuum", "Extra", "--students", "5", "--targets", "10")
	mustCtl(t, dir, "restore", file) // saves the store with Extra as an automatic backup
	if got := continuaNames(t, dir); len(got) != 1 {
		t.Fatalf("after restore of FILE: %v", got)
	}

	out := mustCtl(t, dir, "restore", "--latest")
	if !strings.Contains(out, "Restored") || !strings.Contains(out, "before restore") || !strings.Contains(out, "The data it replaced was saved to") {
		t.Errorf("restore --latest says %q", out)
	}
	if got := continuaNames(t, dir); len(got) != 2 {
		t.Errorf("after restore --latest: %v; want Extra back", got)
	}

	if code, _, errOut := ctl(t, dir, "restore", file, "--latest"); code != 2 || !strings.Contains(errOut, "--latest") {
		t.Errorf("restore FILE --latest: exit %d %q", code, errOut)
	}
	if code, _, errOut := ctl(t, dir, "restore"); code != 2 || !strings.Contains(errOut, "usage") {
		t.Errorf("restore without FILE: exit %d %q", code, errOut)
	}
}

// A data folder that cannot be opened is restored with --latest: it is
// moved aside whole and the newest automatic backup takes its place.
func TestRestoreLatestOfDamagedStore(t *testing.T) {
	dir := demoStore(t)
	file := filepath.Join(t.TempDir(), "term1.backup")
	mustCtl(t, dir, "backup", file)
	mustCtl(t, dir, "restore", file)
	if err := os.WriteFile(filepath.Join(dir, "MANIFEST"), []byte("damaged"), 0o600); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := ctl(t, dir, "list", "continua"); code != 1 {
		t.Fatalf("the damaged store opened: exit %d", code)
	}
	out := mustCtl(t, dir, "restore", "--latest")
	if !strings.Contains(out, "could not be opened") || !strings.Contains(out, dir+"-damaged-") {
		t.Errorf("restore --latest of a damaged store says %q", out)
	}
	if got := continuaNames(t, dir); len(got) != 1 || got[0] != "Math Foundations" {
		t.Errorf("after restore --latest: %v", got)
	}
	empty := t.TempDir()
	if code, _, errOut := ctl(t, empty, "restore", "--latest"); code != 1 || !strings.Contains(errOut, "no automatic backup") {
		t.Errorf("restore --latest without backups: exit %d %q", code, errOut)
	}
}
