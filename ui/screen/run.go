package screen

import (
	"context"
	"sync/atomic"

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
	finish := func(v T, err error) {
		if err != nil {
			fail(err)
			return
		}
		show(v)
	}
	if inline.Load() {
		v, err := work(context.Background())
		finish(v, err)
		return
	}
	go func() {
		v, err := work(context.Background())
		fyne.Do(func() { finish(v, err) })
	}()
}
