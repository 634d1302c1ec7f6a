package ui

import (
	"context"

	"fyne.io/fyne/v2"
)

// inline makes background run work and show on the calling goroutine. The
// tests set it: Fyne's test driver has no UI goroutine to hand results
// to, and its widget caches must not be touched from two goroutines.
var inline bool

// background runs work off the UI goroutine and hands its result to show
// on the UI goroutine; a failure goes to fail instead. Work that may take
// long (reading a whole continuum, recomputing a class) goes through here
// so the window stays responsive.
func background[T any](work func(ctx context.Context) (T, error), show func(T), fail func(error)) {
	finish := func(v T, err error) {
		if err != nil {
			fail(err)
			return
		}
		show(v)
	}
	if inline {
		v, err := work(context.Background())
		finish(v, err)
		return
	}
	go func() {
		v, err := work(context.Background())
		fyne.Do(func() { finish(v, err) })
	}()
}
