package main

import (
	"context"
	"fmt"

	"github.com/continuum-planner/planner/continuum"
)

// runCheck verifies every table of the store (each block's checksum) and
// decodes every record, and says what it found. A damaged store is an
// error: the one sentence that names the folder and the way out (exit 1).
func runCheck(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		return usageError{"check takes no arguments"}
	}
	rep, err := e.store.Check(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "The data folder %s is sound: %s verified, %s decoded.\n", e.store.Dir(),
		continuum.Plural(rep.Tables, "table", "tables"), continuum.Plural(rep.Total(), "record", "records"))
	for _, kind := range rep.Kinds() {
		fmt.Fprintf(e.stdout, "  %-20s %s\n", kind+":", continuum.GroupThousands(rep.Records[kind]))
	}
	return nil
}
