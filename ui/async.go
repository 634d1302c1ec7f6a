package ui

import (
	"context"

	"fyne.io/fyne/v2"
)

// background runs work off the UI goroutine and hands its result to show
// on the UI goroutine; a failure goes to fail instead. Work that may take
// long (reading a whole continuum, recomputing a class) goes through here
// so the window stays responsive.
func background[T any](work func(ctx context.Context) (T, error), show func(T), fail func(error)) {
	go func() {
		v, err := work(context.Background())
		fyne.Do(func() {
			if err != nil {
				fail(err)
				return
			}
			show(v)
		})
	}()
}
