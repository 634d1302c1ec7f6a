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

// An export paces the collector as classPace says for its run, and puts
// the pacing before it back when it ends; a setting in the environment
// is left as it is.
func TestCollectorPaceIsPutBack(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	percent, limit := gcPercent(), debug.SetMemoryLimit(-1)
	restore := classPace.pace()
	if got := gcPercent(); got != classPace.percent {
		t.Errorf("during the command GOGC is %d, want %d", got, classPace.percent)
	}
	if got := debug.SetMemoryLimit(-1); got != classPace.limit {
		t.Errorf("during the command the memory limit is %d, want %d", got, classPace.limit)
	}
	restore()
	if got := gcPercent(); got != percent {
		t.Errorf("after the command GOGC is %d, want %d as before", got, percent)
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("after the command the memory limit is %d, want %d as before", got, limit)
	}

	t.Setenv("GOGC", "150")
	t.Setenv("GOMEMLIMIT", "1GiB")
	restore = classPace.pace()
	if got := gcPercent(); got != percent {
		t.Errorf("with GOGC set, the command changed it to %d", got)
	}
	if got := debug.SetMemoryLimit(-1); got != limit {
		t.Errorf("with GOMEMLIMIT set, the command changed the limit to %d", got)
	}
	restore()
}
