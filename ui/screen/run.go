package screen

import (
	"context"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
)

// inline makes Run do its work and show its result on the calling
// goroutine. Tests set it (SetInline): Fyne's test driver has no UI
// goroutine to hand results to, and its widget caches must not be touched
// from two goroutines.
var inline atomic.Bool

// SetInline makes Run work on the calling goroutine (on) or in the
// background (off, the default). Tests of screens turn it on in TestMain.
func SetInline(on bool) { inline.Store(on) }

// Inline reports whether Run works on the calling goroutine (in tests).
func Inline() bool { return inline.Load() }

// Run does work off the UI goroutine and hands its result to show on the
// UI goroutine; a failure goes to fail instead. Work that may take long
// (reading a whole continuum, recomputing a class) goes through here so
// the window stays responsive.
func Run[T any](work func(ctx context.Context) (T, error), show func(T), fail func(error)) {
	finish := finisher(show, fail)
	if inline.Load() {
		finish(work(context.Background()))
		return
	}
	go func() {
		v, err := work(context.Background())
		fyne.Do(func() { finish(v, err) })
	}()
}

// RunWithin is Run for work that is nearly always quick, such as one
// synced write and a short read: the UI goroutine waits for the work up
// to within, and when it is done by then, show (or fail) is called at
// once, before RunWithin returns. What it shows is then drawn in the
// frame that follows the event being handled; through Run, the loop would
// draw that frame first and the result in another after it (a frame
// costs 20–50 ms under a software renderer). Work that takes longer
// finishes as Run's does, on the UI goroutine when it is done; keep within
// under a frame (16 ms) so that a slow disk never holds the window up
// longer than that.
func RunWithin[T any](within time.Duration, work func(ctx context.Context) (T, error), show func(T), fail func(error)) {
	finish := finisher(show, fail)
	if inline.Load() {
		finish(work(context.Background()))
		return
	}
	type result struct {
		v   T
		err error
	}
	done := make(chan result, 1)
	go func() {
		v, err := work(context.Background())
		done <- result{v, err}
	}()
	wait := time.NewTimer(within)
	defer wait.Stop()
	select {
	case r := <-done:
		finish(r.v, r.err)
	case <-wait.C:
		go func() {
			r := <-done
			fyne.Do(func() { finish(r.v, r.err) })
		}()
	}
}

// finisher returns what hands work's result to show, or its error to fail.
func finisher[T any](show func(T), fail func(error)) func(T, error) {
	return func(v T, err error) {
		if err != nil {
			fail(err)
			return
		}
		show(v)
	}
}
