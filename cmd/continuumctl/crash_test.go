package main

import (
	"archive/zip"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// Given continuumctl killed (SIGKILL) while it writes a backup or exports a
// workbook, when the user looks: the file is not there, or it is there
// whole; and once the same command has run again, nothing temporary is left
// beside it (a killed export's temporary workbook goes at the next export
// into that folder once it is an hour old; a killed backup's at the next
// backup to that name).
func TestKilledBackupAndExportLeaveNoPartialFile(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary and kills it")
	}
	bin := filepath.Join(t.TempDir(), "continuumctl")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := t.TempDir()
	mustCtl(t, db, "gen", "--students", "200", "--targets", "120", "--evidence", "20000")

	seed := uint64(time.Now().UnixNano())
	rng := rand.New(rand.NewPCG(seed, 0))
	t.Logf("seed %d", seed)
	for _, tc := range []struct {
		command, name string
		whole         func(t *testing.T, path string)
	}{
		{"backup", "term1.backup", func(t *testing.T, path string) {
			if code, _, errOut := ctl(t, t.TempDir(), "restore", path); code != 0 {
				t.Fatalf("the backup left by the killed command does not restore: %s", errOut)
			}
		}},
		{"export", "term1.xlsx", func(t *testing.T, path string) {
			r, err := zip.OpenReader(path)
			if err != nil {
				t.Fatalf("the workbook left by the killed command does not open: %v", err)
			}
			r.Close()
		}},
	} {
		t.Run(tc.command, func(t *testing.T) {
			start := time.Now()
			runCtl(t, bin, db, tc.command, filepath.Join(t.TempDir(), tc.name))
			took := time.Since(start)
			whole, temps := 0, 0
			for round := range 4 {
				folder := t.TempDir()
				path := filepath.Join(folder, tc.name)
				cmd := exec.Command(bin, "--db", db, tc.command, path)
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				time.Sleep(time.Duration(rng.Int64N(int64(took))))
				if err := cmd.Process.Kill(); err != nil {
					t.Fatal(err)
				}
				_ = cmd.Wait()
				if _, err := os.Stat(path); err == nil {
					tc.whole(t, path)
					whole++
				}
				// The user runs it again, an hour later.
				hourAgo := time.Now().Add(-61 * time.Minute)
				entries, _ := os.ReadDir(folder)
				for _, e := range entries {
					if e.Name() != tc.name {
						temps++ // the kill landed while it wrote
					}
					if err := os.Chtimes(filepath.Join(folder, e.Name()), hourAgo, hourAgo); err != nil {
						t.Fatal(err)
					}
				}
				runCtl(t, bin, db, tc.command, path, "--force")
				tc.whole(t, path)
				if entries, _ := os.ReadDir(folder); len(entries) != 1 {
					t.Fatalf("round %d: beside %s after the command ran again: %v", round, tc.name, entries)
				}
			}
			t.Logf("%s takes %v; killed 4 times within it: the file was there whole %d times and absent the others; %d temporary files were left by the kills and removed by the next run", tc.command, took.Round(time.Millisecond), whole, temps)
		})
	}
}

// runCtl runs the continuumctl binary bin on the store db and fails the
// test unless it succeeds.
func runCtl(t *testing.T, bin, db string, args ...string) {
	t.Helper()
	if out, err := exec.Command(bin, append([]string{"--db", db}, args...)...).CombinedOutput(); err != nil {
		t.Fatalf("continuumctl %v: %v\n%s", args, err, out)
	}
}
