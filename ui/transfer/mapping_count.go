package transfer

import (
	"context"
	"fmt"
	"time"

	"fyne.io/fyne/v2"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
)

// countDelay is how long the mapping waits after a choice before reading
// the list with it, so that a teacher going through the choices starts
// one read, not one per choice.
const countDelay = 400 * time.Millisecond

// mappingCount is what a list read with a mapping gives.
type mappingCount struct {
	// targets counts what the list gives: targets, or the students of a class list.
	targets, warnings, problems int
	// students says that the list is a class list, which gives students.
	students bool
}

// String says it as the mapping shows it: "42 targets, 3 warnings, no problems".
func (c mappingCount) String() string {
	problems := "no problems"
	if c.problems > 0 {
		problems = continuum.Plural(c.problems, "problem", "problems")
	}
	one, many := "target", "targets"
	if c.students {
		one, many = "student", "students"
	}
	return fmt.Sprintf("%s, %s, %s", continuum.Plural(c.targets, one, many),
		continuum.Plural(c.warnings, "warning", "warnings"), problems)
}

// countWith reads the list at path with the options and a mapping, and
// counts what it would bring.
func countWith(path string, opts exchange.ReadOptions) func(ctx context.Context, sheet string, m map[string]string) (mappingCount, error) {
	return func(ctx context.Context, sheet string, m map[string]string) (mappingCount, error) {
		o := opts
		o.Sheet, o.Map, o.Progress = sheet, m, nil
		f, err := exchange.Read(ctx, path, o)
		if err != nil {
			return mappingCount{}, err
		}
		b := f.Book
		return mappingCount{targets: len(b.Targets), warnings: len(b.Warnings), problems: len(b.Problems)}, ctx.Err()
	}
}

// liveCount runs the latest of a series of counts: each start stops the
// one before (its timer, or its read through its context), waits for the
// choices to settle, then counts off the UI goroutine; only the latest
// count's result is shown. Its methods are called on the UI goroutine.
type liveCount struct {
	delay time.Duration
	// later runs f on the UI goroutine after d and returns how to call it
	// off; nil waits with a timer (or, when Run works inline, not at all).
	later  func(d time.Duration, f func()) (stop func() bool)
	wait   func() bool // calls off the wait under way
	cancel context.CancelFunc
	gen    int // the latest count's number
}

// start counts with work after the delay, then hands the result to show,
// or the failure to fail.
func (l *liveCount) start(work func(ctx context.Context) (mappingCount, error), show func(mappingCount), fail func(error)) {
	l.stop()
	ctx, cancel := context.WithCancel(context.Background())
	l.cancel = cancel
	gen := l.gen
	run := func() {
		if gen != l.gen {
			return // a newer count has started
		}
		screen.Run(func(context.Context) (mappingCount, error) {
			return work(ctx)
		}, func(c mappingCount) {
			if gen == l.gen {
				show(c)
			}
		}, func(err error) {
			if gen == l.gen && ctx.Err() == nil {
				fail(err)
			}
		})
	}
	switch {
	case l.later != nil:
		l.wait = l.later(l.delay, run)
	case screen.Inline() || l.delay <= 0:
		run()
	default:
		t := time.AfterFunc(l.delay, func() { fyne.Do(run) })
		l.wait = t.Stop
	}
}

// stop drops the count under way, if any: its result will not be shown.
func (l *liveCount) stop() {
	l.gen++
	if l.wait != nil {
		l.wait()
		l.wait = nil
	}
	if l.cancel != nil {
		l.cancel()
		l.cancel = nil
	}
}
