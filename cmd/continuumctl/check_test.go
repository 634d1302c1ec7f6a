package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// Given the demo store, check verifies its tables, decodes every record and
// says the folder is sound (exit 0).
func TestCheckSoundStore(t *testing.T) {
	dir := demoStore(t)
	out := mustCtl(t, dir, "check")
	for _, want := range []string{"is sound:", "students:", "evidence:", "28"} {
		if !strings.Contains(out, want) {
			t.Errorf("check output lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := ctl(t, dir, "check", "extra"); code != 2 {
		t.Errorf("check with an argument: exit %d, want 2", code)
	}
}

// Given the demo store with its table file damaged in each of the ways the
// trust issue found, list students, info and check exit 1 with the one
// sentence on stderr: no panic, no stack trace, never the changed name.
// The commands run as a built program, so a crash shows as one.
func TestDamagedStoreCommands(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a binary")
	}
	bin := filepath.Join(t.TempDir(), "continuumctl")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	harms := []struct {
		name string
		harm func(data []byte, name string) []byte
	}{
		{"16 bytes flipped", func(data []byte, _ string) []byte {
			for i := len(data) / 3; i < len(data)/3+16; i++ {
				data[i] ^= 0xff
			}
			return data
		}},
		{"first 4 KB zeroed", func(data []byte, _ string) []byte { clear(data[:min(4096, len(data))]); return data }},
		{"truncated", func(data []byte, _ string) []byte { return data[:len(data)/2] }},
		{"name changed", func(data []byte, name string) []byte {
			i := bytes.Index(data, []byte(name))
			if i >= 0 {
				data[i] = changedFirst(name)
			}
			return data
		}},
	}
	for _, h := range harms {
		t.Run(h.name, func(t *testing.T) {
			dir := demoStore(t)
			name := firstStudentName(t, dir)
			sst := largestTable(t, dir)
			data, err := os.ReadFile(sst)
			if err != nil {
				t.Fatal(err)
			}
			if h.name == "name changed" && !bytes.Contains(data, []byte(name)) {
				t.Fatalf("the table file does not hold %q", name)
			}
			if err := os.WriteFile(sst, h.harm(data, name), 0o600); err != nil {
				t.Fatal(err)
			}
			changed := string(changedFirst(name)) + name[1:]
			for _, args := range [][]string{{"list", "students"}, {"info"}, {"check"}} {
				assertDamagedRun(t, bin, dir, changed, args...)
			}
		})
	}
}

// assertDamagedRun runs the built program on the damaged store in dir and
// checks it fails with exit 1 and the one sentence, and serves nothing.
func assertDamagedRun(t *testing.T, bin, dir, changed string, args ...string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(bin, append([]string{"--db", dir}, args...)...)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	var ee *exec.ExitError
	what := "continuumctl " + strings.Join(args, " ")
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		t.Errorf("%s: %v, want exit 1\nstdout: %s\nstderr: %s", what, err, stdout.String(), stderr.String())
		return
	}
	all := stdout.String() + stderr.String()
	for _, bad := range []string{"goroutine", "panic", changed} {
		if strings.Contains(all, bad) {
			t.Errorf("%s: output holds %q:\n%s", what, bad, all)
		}
	}
	msg := strings.TrimSpace(stderr.String())
	for _, want := range []string{"The data folder " + dir + " is damaged (", "nothing was changed", "continuumctl restore --latest"} {
		if !strings.Contains(msg, want) {
			t.Errorf("%s: stderr lacks %q: %s", what, want, msg)
		}
	}
	if strings.Count(msg, "\n") > 0 {
		t.Errorf("%s: stderr is more than one line: %s", what, msg)
	}
}

// firstStudentName returns the name of the first student on the roster
// (closing the store again).
func firstStudentName(t *testing.T, dir string) string {
	t.Helper()
	rows := readCSV(t, mustCtl(t, dir, "list", "students", "--format", "csv"))
	if len(rows) < 2 {
		t.Fatalf("no student listed: %v", rows)
	}
	for i, h := range rows[0] {
		if strings.EqualFold(h, "name") {
			return rows[1][i]
		}
	}
	t.Fatalf("no name column in %v", rows[0])
	return ""
}

// changedFirst returns a letter other than name's first.
func changedFirst(name string) byte {
	if name[0] == 'Q' {
		return 'Z'
	}
	return 'Q'
}

// largestTable returns the path of the largest table file in dir.
func largestTable(t *testing.T, dir string) string {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join(dir, "*.sst"))
	if err != nil {
		t.Fatal(err)
	}
	var best string
	var size int64 = -1
	for _, p := range paths {
		if fi, err := os.Stat(p); err == nil && fi.Size() > size {
			best, size = p, fi.Size()
		}
	}
	if best == "" {
		t.Fatalf("no table file in %s", dir)
	}
	return best
}
