package main

import (
	"context"
	"fmt"

	"github.com/continuum-planner/planner/continuum"
)

// removeStudentFlags are the flags of remove-student.
var removeStudentFlags struct {
	// yes removes the student; without it the command only says what would go.
	yes bool
}

// runRemoveStudent removes one student and everything the store keeps
// about them (storage.Store.DeleteStudent), once --yes says so; without
// it, it says what would go and removes nothing (exit 1).
func runRemoveStudent(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: continuumctl remove-student ID [--yes]  (the student's ID, as continuumctl list students shows it)"}
	}
	st, err := e.store.Student(ctx, args[0])
	if err != nil {
		return fmt.Errorf("remove student %s: %w", args[0], err)
	}
	fp, err := e.store.StudentFootprint(ctx, st.ID)
	if err != nil {
		return err
	}
	what := removalSummary(st, fp)
	if !removeStudentFlags.yes {
		fmt.Fprintf(e.stdout, "Would remove %s.\n", what)
		return fmt.Errorf("remove student %s: nothing was removed; run again with --yes to remove them for good (only a backup brings them back)", st.ID)
	}
	if err := e.store.DeleteStudent(ctx, st.ID); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Removed %s. Only a backup taken before now brings them back, and such backups still hold them (continuumctl backups lists them).\n", what)
	return nil
}

// removalSummary says who a removal takes and with what:
// "Ana Lopez (S014) with 42 pieces of evidence and 3 overrides".
func removalSummary(st continuum.Student, fp continuum.Footprint) string {
	who := fmt.Sprintf("%s (%s)", st.Name, st.ID)
	if p := fp.Phrase(); p != "" {
		return who + " with " + p
	}
	return who + ", who has nothing else kept about them"
}
