package screen

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
)

// Quick work is shown before RunWithin returns; work slower than its
// wait is shown later, once done, and RunWithin returns without it.
func TestRunWithin(t *testing.T) {
	test.NewTempApp(t)
	was := Inline()
	SetInline(false)
	defer SetInline(was)

	var shown atomic.Int32
	RunWithin(time.Second, func(context.Context) (int, error) { return 1, nil },
		func(v int) { shown.Store(int32(v)) }, func(err error) { t.Error(err) })
	if shown.Load() != 1 {
		t.Fatal("quick work was not shown by the time RunWithin returned")
	}

	release := make(chan struct{})
	RunWithin(5*time.Millisecond, func(context.Context) (int, error) { <-release; return 2, nil },
		func(v int) { shown.Store(int32(v)) }, func(err error) { t.Error(err) })
	if shown.Load() != 1 {
		t.Fatal("slow work was shown before it was done")
	}
	close(release)
	deadline := time.Now().Add(5 * time.Second)
	for shown.Load() != 2 {
		if time.Now().After(deadline) {
			t.Fatal("slow work was never shown")
		}
		time.Sleep(time.Millisecond)
	}
}
