// Command continuumctl works with a Continuum Planner store from the
// command line: load the demo, list continua, targets, students and
// evidence, compute positions and mastery, and back the store up. It also
// works with workbooks: export and import them, generate one, review one
// without importing it, and report how closely a PLC's calibration scores
// agree.
package main

import (
	"context"
	"os"
	"os/signal"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}
