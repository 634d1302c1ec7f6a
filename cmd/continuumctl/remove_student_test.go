package main

import (
	"strings"
	"testing"
)

// Given the demonstration store, remove-student without --yes says what
// would go and removes nothing (exit 1); with --yes it removes the
// student, whom list then no longer shows, and an unknown ID is refused.
func TestRemoveStudent(t *testing.T) {
	dir := demoStore(t)
	code, out, errOut := ctl(t, dir, "remove-student", "S007")
	if code != 1 || !strings.HasPrefix(out, "Would remove Gabriel Silva (S007) with ") || !strings.Contains(out, "pieces of evidence and 1 override.") ||
		!strings.Contains(errOut, "nothing was removed") || !strings.Contains(errOut, "--yes") {
		t.Fatalf("without --yes: exit %d, out %q, err %q", code, out, errOut)
	}
	if !strings.Contains(mustCtl(t, dir, "list", "students", "--format", "csv"), "S007,") {
		t.Fatal("without --yes the student was removed")
	}
	out = mustCtl(t, dir, "remove-student", "S007", "--yes")
	if !strings.HasPrefix(out, "Removed Gabriel Silva (S007) with ") || !strings.Contains(out, "backup") {
		t.Errorf("with --yes: %q", out)
	}
	if strings.Contains(mustCtl(t, dir, "list", "students", "--format", "csv"), "S007,") {
		t.Error("list still shows S007")
	}
	if ev := mustCtl(t, dir, "list", "evidence", "--student", "S007", "--format", "csv"); strings.Count(ev, "\n") != 1 {
		t.Errorf("evidence of S007 is left:\n%s", ev)
	}
	if code, _, errOut := ctl(t, dir, "remove-student", "S007", "--yes"); code != 1 || !strings.Contains(errOut, "S007") {
		t.Errorf("removing again: exit %d, %q", code, errOut)
	}
	if code, _, _ := ctl(t, dir, "remove-student"); code != 2 {
		t.Errorf("no ID: exit %d, want 2", code)
	}
}
