package main

import (
	"runtime/debug"
	"testing"
)

// gcPercent returns the collector's GOGC setting without changing it.
func gcPercent() int {
	p := debug.SetGCPercent(100)
	debug.SetGCPercent(p)
	return p
}

// An export paces the collector as exportPace says for its run, and puts
// the pacing before it back when it ends; a setting in the environment
// is left as it is.
func TestCollectorPaceIsPutBack(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := gcPercent(), debug.SetMemoryLimit(-1)
	restore := exportPace.pace()
	if got := gcPercent(); got != exportPace.percent {
		t.Errorf("during the export GOGC is %d, want %d", got, exportPace.percent)
	}
	if got := debug.SetMemoryLimit(-1); got != exportPace.limit {
		t.Errorf("during the export the memory limit is %d, want %d", got, exportPace.limit)
	}
	restore()
	if got := gcPercent(); got != percent {
		t.Errorf("after the export GOGC is %d, want %d as before", got, percent)
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("after the export the memory limit is %d, want %d as before", got, limit)
	}

	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	restore = exportPace.pace()
	if got := gcPercent(); got != percent {
		t.Errorf("with GOGC set, the export changed it to %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("with GOMEMLIMIT set, the export changed the limit to %d", got)
	}
	restore()
}
