package main

import (
	"image/png"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestFlexCommands(t *testing.T) {
	dir := demoStore(t)
	rows := readCSV(t, mustCtl(t, dir, "flex", "blocks", "--format", "csv"))
	if want := []string{"block", "date", "slot", "offering", "kind", "capacity", "teacher", "room", "focus"}; !slices.Equal(rows[0][:len(want)], want) {
		t.Fatalf("blocks header %v", rows[0])
	}
	if len(rows)-1 < 4 || rows[1][0] != "2026-11-23-win" || rows[1][8] != "NO.1.1;NO.1.2" {
		t.Errorf("blocks %v", rows)
	}

	rows = readCSV(t, mustCtl(t, dir, "flex", "suggest", "--block", "2026-11-23-win", "--format", "csv"))
	if want := []string{"student_id", "student", "offering", "tier", "reason"}; !slices.Equal(rows[0][:len(want)], want) {
		t.Fatalf("suggest header %v", rows[0])
	}
	if len(rows)-1 != 28 {
		t.Fatalf("%d suggestions, want one per student", len(rows)-1)
	}
	for _, r := range rows[1:] {
		if r[2] == "" || r[4] == "" {
			t.Errorf("a student without a placement or reason: %v", r)
		}
	}

	// The teacher moves Amara to open study; the rest is suggested around her.
	out := mustCtl(t, dir, "flex", "assign", "--block", "2026-11-23-win", "--student", "S001", "--offering", "open-study", "--reason", "Finishing her project")
	if !strings.Contains(out, "Amara Okafor (S001) goes to Open study") {
		t.Errorf("assign says %q", out)
	}
	rows = readCSV(t, mustCtl(t, dir, "flex", "suggest", "--block", "2026-11-23-win", "--format", "csv", "--save"))
	for _, r := range rows[1:] {
		if r[0] == "S001" && (r[2] != "open-study" || r[3] != "required" || r[4] != "Finishing her project" || r[5] != "yes") {
			t.Errorf("pinned placement not kept: %v", r)
		}
	}
	blocks := readCSV(t, mustCtl(t, dir, "flex", "blocks", "--format", "csv"))
	assigned := 0
	for _, r := range blocks[1:] {
		n, err := strconv.Atoi(r[10])
		if err != nil {
			t.Fatalf("assigned column %q", r[10])
		}
		assigned += n
	}
	if assigned != 28 {
		t.Errorf("after --save, %d students assigned", assigned)
	}

	mustCtl(t, dir, "flex", "record", "--block", "2026-11-23-win", "--student", "S001", "--attended", "yes", "--outcome", "Finished")
	if code, _, errOut := ctl(t, dir, "flex", "record", "--block", "2026-11-23-win", "--student", "S001", "--attended", "maybe"); code != 2 || !strings.Contains(errOut, "expected yes or no") {
		t.Errorf("bad --attended: exit %d %q", code, errOut)
	}
	if code, _, errOut := ctl(t, dir, "flex", "suggest", "--block", "nope"); code != 1 || !strings.Contains(errOut, "no flex block nope") {
		t.Errorf("unknown block: exit %d %q", code, errOut)
	}
	if code, _, _ := ctl(t, dir, "flex", "suggest"); code != 2 {
		t.Errorf("suggest without --block: exit %d", code)
	}
}

func TestClassMapPNG(t *testing.T) {
	dir := demoStore(t)
	file := filepath.Join(t.TempDir(), "period2.png")
	if err := os.WriteFile(file, nil, 0o644); err != nil { // a file already there, readable by all
		t.Fatal(err)
	}
	out := mustCtl(t, dir, "classmap", "--png", file, "--group", "Period 2", "--date", "2026-11-20")
	if !strings.Contains(out, "14 students, 36 targets") {
		t.Errorf("classmap says %q", out)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("the picture names students; its mode is %v (%v), want 0600", fi.Mode().Perm(), err)
	}
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	cfg, err := png.DecodeConfig(f)
	if err != nil || cfg.Width < 600 || cfg.Height < 14*20 {
		t.Errorf("picture %+v, %v", cfg, err)
	}
	if code, _, _ := ctl(t, dir, "classmap"); code != 2 {
		t.Errorf("without --png: exit %d", code)
	}
}

func TestUnitsCommands(t *testing.T) {
	dir := demoStore(t)
	rows := readCSV(t, mustCtl(t, dir, "units", "list", "--format", "csv"))
	if want := []string{"unit", "continuum", "start", "end", "targets"}; !slices.Equal(rows[0][:len(want)], want) {
		t.Fatalf("header %v", rows[0])
	}
	if len(rows) != 3 || rows[2][0] != "Fractions as numbers" || rows[2][2] != "2026-11-30" || rows[2][4] != "NO.2.1;NO.2.2;NO.2.3;AT.2.1;PS.2.1" {
		t.Errorf("units %v", rows)
	}
	rows = readCSV(t, mustCtl(t, dir, "units", "readiness", "--unit", "fractions as numbers", "--format", "csv"))
	if want := []string{"student_id", "student", "status", "missing"}; !slices.Equal(rows[0], want) {
		t.Fatalf("header %v", rows[0])
	}
	statuses := map[string]int{}
	for _, r := range rows[1:] {
		statuses[r[2]]++
		if (r[2] == "ready") != (r[3] == "") {
			t.Errorf("row %v: status and missing disagree", r)
		}
	}
	if len(rows)-1 != 28 || statuses["ready"] == 0 || statuses["support"] == 0 {
		t.Errorf("readiness %v over %d rows", statuses, len(rows)-1)
	}
	if code, _, errOut := ctl(t, dir, "units", "readiness", "--unit", "Geometry"); code != 1 || !strings.Contains(errOut, "Fractions as numbers") {
		t.Errorf("unknown unit: exit %d %q", code, errOut)
	}
}
