package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// On a full disk (a small tmpfs, filled), info and list keep working,
// and import, backup and restore exit 1 with the one full-disk sentence:
// no panic, no goroutine dump, no SIGBUS. The commands run as a built
// program, so a crash shows as one. Needs root to mount; skipped otherwise.
func TestFullDiskCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	if os.Geteuid() != 0 {
		t.Skip("the full-disk test mounts a small tmpfs and needs root; run the tests as root to include it")
	}
	disk := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size=64m", "tmpfs", disk).CombinedOutput(); err != nil {
		t.Skipf("the full-disk test could not mount a tmpfs (%v: %s)", err, strings.TrimSpace(string(out)))
	}
	t.Cleanup(func() {
		if out, err := exec.Command("umount", disk).CombinedOutput(); err != nil {
			t.Errorf("umount %s: %v: %s", disk, err, out)
		}
	})
	work := t.TempDir()
	bin := filepath.Join(work, "continuumctl")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	db := filepath.Join(disk, "db")
	run := func(args ...string) (string, int) {
		cmd := exec.Command(bin, append([]string{"--db", db}, args...)...)
		cmd.Env = append(os.Environ(), "CONTINUUM_PLANNER_EXPORT_PASSWORD=")
		out, err := cmd.CombinedOutput()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatalf("%v: %v", args, err)
		}
		for _, crash := range []string{"panic", "goroutine", "SIGBUS"} {
			if strings.Contains(string(out), crash) {
				t.Errorf("continuumctl %s crashed on a full disk:\n%s", strings.Join(args, " "), out)
			}
		}
		return string(out), code
	}
	workbook := filepath.Join(work, "class.xlsx")
	backup := filepath.Join(work, "class.backup")
	for _, args := range [][]string{{"demo"}, {"export", workbook}, {"backup", backup}, {"remove-student", "S001", "--yes"}} {
		if out, code := run(args...); code != 0 {
			t.Fatalf("continuumctl %s: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	fillDisk(t, filepath.Join(disk, "filler"))

	for _, args := range [][]string{{"info"}, {"list", "students"}} {
		out, code := run(args...)
		if code != 0 || !strings.Contains(out, "Zoe Anderson") && !strings.Contains(out, "pieces of evidence") {
			t.Errorf("continuumctl %s on a full disk: exit %d\n%s", strings.Join(args, " "), code, out)
		}
	}
	sentence := "The disk is full: "
	for _, args := range [][]string{{"import", workbook}, {"backup", filepath.Join(disk, "b.backup")}, {"restore", backup}} {
		out, code := run(args...)
		if code != 1 || !strings.Contains(out, sentence) || !strings.Contains(out, "nothing was changed. Free some space") {
			t.Errorf("continuumctl %s on a full disk: exit %d; want 1 with the full-disk sentence\n%s", strings.Join(args, " "), code, out)
		}
	}
	if out, _ := run("info"); !strings.Contains(out, "1,005 pieces of evidence") {
		t.Errorf("after the refused commands the store holds other data:\n%s", out)
	}
}

// fillDisk writes path until the disk is full.
func fillDisk(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			if !strings.Contains(err.Error(), "no space") {
				t.Fatalf("filling the disk: %v", err)
			}
			return
		}
	}
}
