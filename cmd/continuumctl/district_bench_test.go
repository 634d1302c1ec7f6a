package main

import (
	"context"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// districtStore returns a district-size store (2,000 students × 300
// targets × 200,000 pieces of evidence, a flex block of 10 offerings):
// $CONTINUUM_DISTRICT_DB when set (the benchmarks only read it), else one
// generated for the run.
func districtStore(b *testing.B) string {
	b.Helper()
	if dir := os.Getenv("CONTINUUM_DISTRICT_DB"); dir != "" {
		return dir
	}
	dir := filepath.Join(b.TempDir(), "district")
	if code := run(context.Background(), []string{"--db", dir, "gen", "-students", "2000", "-targets", "300", "-evidence", "200000", "-flex-offerings", "10"}, io.Discard, os.Stderr); code != 0 {
		b.Fatalf("gen: exit %d", code)
	}
	return dir
}

// districtCommands are the commands a coordinator waits for on a
// district store, with their goals as whole commands.
var districtCommands = []struct {
	name string
	args func(out string) []string
}{
	{"flex-suggest", func(string) []string { return []string{"flex", "suggest", "-block", "gen-flex-1"} }}, // goal < 1 s
	{"positions", func(string) []string { return []string{"positions"} }},                                  // goal < 1 s
	{"export", func(out string) []string { return []string{"export", "-force", out} }},                     // goal < 3 s
}

// BenchmarkDistrictCommand runs each command in this process, from
// parsing its arguments to its output written (the store opened and
// closed each time): the whole command but for the process start, which
// BenchmarkDistrictCommandProcess adds.
func BenchmarkDistrictCommand(b *testing.B) {
	dir := districtStore(b)
	out := filepath.Join(b.TempDir(), "district.xlsx")
	for _, c := range districtCommands {
		b.Run(c.name, func(b *testing.B) {
			args := append([]string{"--db", dir}, c.args(out)...)
			for b.Loop() {
				if code := run(context.Background(), args, io.Discard, io.Discard); code != 0 {
					b.Fatalf("%v: exit %d", args, code)
				}
			}
		})
	}
}

// BenchmarkDistrictCommandProcess runs each command as the teacher does:
// the built continuumctl binary, from exec to exit.
func BenchmarkDistrictCommandProcess(b *testing.B) {
	dir := districtStore(b)
	bin := filepath.Join(b.TempDir(), "continuumctl")
	build := exec.Command("go", "build", "-tags", "migrated_fynedo", "-o", bin, ".")
	if msg, err := build.CombinedOutput(); err != nil {
		b.Fatalf("build continuumctl: %v\n%s", err, msg)
	}
	out := filepath.Join(b.TempDir(), "district.xlsx")
	for _, c := range districtCommands {
		b.Run(c.name, func(b *testing.B) {
			args := append([]string{"--db", dir}, c.args(out)...)
			for b.Loop() {
				cmd := exec.Command(bin, args...)
				if msg, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("%v: %v\n%.500s", args, err, msg)
				}
			}
		})
	}
}
