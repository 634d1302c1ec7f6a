package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// stdinIsTerminal reports whether a person is at the keyboard: standard
// input is a terminal, not a pipe, a file or nothing (a script, CI).
var stdinIsTerminal = func() bool {
	fi, err := os.Stdin.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}

// runImportRoster imports a class list: a OneRoster set (a folder or a
// zip; format "oneroster") or a roster table (CSV or xlsx; format
// "roster"); "" or "auto" recognises a OneRoster set by its files. It
// prints the preview (classes, counts, what changes for whom, who left,
// near-misses, problems) and applies it unless --dry-run, after a backup.
//
// The classes of a OneRoster set are --class's. Without it, a set of one
// class is taken whole; at a terminal the classes are listed and --class
// is asked for (exit 2), since a district's set holds every teacher's
// classes; with no terminal (a script, CI) every class is taken, and the
// preview says so.
//
// It fails, so the exit status is 1, when the import would refuse the
// file (a dry run too), and returns nil when there is nothing to import.
func runImportRoster(ctx context.Context, e *env, path, format string) error {
	o := e.opts.book
	if strings.EqualFold(strings.TrimSpace(format), workbook.FormatAuto) {
		format = ""
	}
	opts := exchange.RosterReadOptions{Format: format, Sheet: o.sheet, Password: o.password}
	if o.mapping != "" {
		m, err := workbook.ParseRosterMap(o.mapping)
		if err != nil {
			return usageError{"--map: " + err.Error()}
		}
		opts.Map = m
	}
	if fi, err := os.Stat(path); err != nil || !fi.IsDir() {
		if err := checkReadable(path, "the class list"); err != nil {
			return err
		}
	}
	f, err := exchange.ReadRoster(ctx, path, opts)
	if err != nil {
		return plain(err)
	}
	note, err := chooseRosterClasses(e, f)
	if err != nil {
		return err
	}
	plan, err := f.Plan(ctx, e.store)
	if err != nil {
		return plain(err)
	}
	if o.same != "" {
		if err := plan.SameStudents(strings.Split(o.same, ",")); err != nil {
			return usageError{"--same: " + plain(err).Error()}
		}
	}
	printRosterPreview(e.stdout, plan, note)
	return applyRoster(ctx, e, plan)
}

// applyRoster ends a roster import: it applies the plan, or says why it
// does not (a dry run, nothing new, a refusal).
func applyRoster(ctx context.Context, e *env, plan *exchange.RosterImport) error {
	_, err := plan.Change()
	dry := ""
	if e.opts.book.dryRun {
		dry = "Dry run: "
	}
	switch {
	case errors.Is(err, exchange.ErrNothingToImport):
		fmt.Fprintf(e.stdout, "%sNothing to import: the roster already is this class list.\n", dry)
		return nil
	case err != nil:
		fmt.Fprintf(e.stdout, "%sNothing was changed: the import refuses this file until its problems are corrected.\n", dry)
		return err
	case dry != "":
		fmt.Fprintln(e.stdout, "Dry run: nothing was changed.")
		return nil
	}
	applied, err := plan.Apply(ctx, e.store)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported the class list: %s. The store as it was before is saved in %s\n", strings.Join(applied.Written, "; "), applied.Backup)
	return nil
}

// chooseRosterClasses chooses a OneRoster set's classes from --class (or
// as runImportRoster says without it), and returns a note for the preview.
func chooseRosterClasses(e *env, f *exchange.RosterFile) (string, error) {
	sel := e.opts.book.classes
	if f.Format != exchange.FormatOneRoster {
		if strings.TrimSpace(sel) != "" {
			return "", usageError{fmt.Sprintf("--class chooses classes of a OneRoster set; %s is a class list, imported whole", f.Name)}
		}
		return "", nil
	}
	switch {
	case strings.TrimSpace(sel) != "":
		if err := f.ChooseClasses(strings.Split(sel, ",")); err != nil {
			return "", usageError{"--class: " + strings.TrimPrefix(plain(err).Error(), "import "+f.Name+": ")}
		}
		return "", nil
	case len(f.Classes) == 0:
		return "", fmt.Errorf("import %s: the set has no classes to import", f.Name)
	case len(f.Classes) == 1:
		f.ChooseAll()
		return "", nil
	case stdinIsTerminal():
		fmt.Fprintf(e.stdout, "%s (%s) has %d classes:\n", f.Name, f.Kind, len(f.Classes))
		printRosterClasses(e.stdout, f.Classes)
		return "", usageError{fmt.Sprintf("choose the classes to import with --class: their class codes, titles or sourcedIds, comma-separated (e.g. --class %s)",
			cmp.Or(f.Classes[0].Code, f.Classes[0].SourcedID))}
	}
	f.ChooseAll()
	return fmt.Sprintf("No --class was given and there is no terminal to ask at: every class of the set is imported (%d); choose yours with --class.", len(f.Classes)), nil
}

// printRosterClasses lists a OneRoster set's classes to choose from.
func printRosterClasses(w io.Writer, classes []exchange.RosterClass) {
	t := newTable("code", "class", "term", "students", "sourcedId")
	for _, c := range classes {
		t.add(c.Code, c.Name, c.Terms, fmt.Sprint(c.Students), c.SourcedID)
	}
	t.write(w, "table")
}

// printRosterPreview writes what a roster import would do: the classes,
// the counts, then who changes and how, who is added, who has left, the
// near-misses, and every problem and warning with its place.
func printRosterPreview(w io.Writer, p *exchange.RosterImport, note string) {
	f := p.File
	fmt.Fprintf(w, "Import of the class list %s (%s)\n", f.Name, f.Kind)
	if f.Format == exchange.FormatOneRoster {
		var names []string
		for _, c := range f.Classes {
			for _, id := range f.Chosen {
				if c.SourcedID == id {
					names = append(names, c.Name)
				}
			}
		}
		fmt.Fprintf(w, "Classes: %d of %d: %s\n", len(names), len(f.Classes), strings.Join(names, "; "))
	}
	if note != "" {
		fmt.Fprintln(w, note)
	}
	header := []string{""}
	row := []string{"students"}
	for _, o := range continuum.RosterOutcomes {
		header = append(header, string(o))
		row = append(row, fmt.Sprint(p.Plan.Count(o)))
	}
	t := newTable(header...)
	t.add(row...)
	t.write(w, "table")
	printRosterChanges(w, p)
	printNearMisses(w, p)
	writeList(w, "Problems and refused students", p.Problems, len(p.Problems))
	writeList(w, "Warnings", p.Warnings, listed)
}

// printRosterChanges lists the students updated, back, added and left.
func printRosterChanges(w io.Writer, p *exchange.RosterImport) {
	var changed, added []string
	for _, e := range p.Plan.Entries {
		switch e.Outcome {
		case continuum.RosterUpdated, continuum.RosterReturned, continuum.RosterLeft:
			var cs []string
			for _, c := range e.Changes {
				cs = append(cs, c.String())
			}
			changed = append(changed, fmt.Sprintf("%s %s (matched by %s): %s", e.Stored.ID, e.Stored.Name, e.MatchedBy, strings.Join(cs, ", ")))
		case continuum.RosterAdded:
			added = append(added, fmt.Sprintf("%s %s%s", e.Student.ID, e.Student.Name, inGroup(e.Student.Group)))
		}
	}
	var left []string
	for _, s := range p.Plan.Left {
		left = append(left, fmt.Sprintf("%s %s%s", s.ID, s.Name, inGroup(s.Group)))
	}
	writeList(w, "Changed", changed, listed)
	writeList(w, "Added", added, listed)
	writeList(w, "No longer on the class list: kept as having left, with their evidence", left, listed)
}

func inGroup(g string) string {
	if g == "" {
		return ""
	}
	return ", " + g
}

// printNearMisses lists the students of the file who resemble a stored
// student, and how to say they are the same person.
func printNearMisses(w io.Writer, p *exchange.RosterImport) {
	if len(p.Plan.NearMisses) == 0 {
		return
	}
	var lines []string
	first := ""
	for _, nm := range p.Plan.NearMisses {
		e := p.Plan.Entries[nm.Entry]
		who := cmp.Or(e.Incoming.ExternalID, e.Incoming.ID, e.Incoming.Name)
		if strings.ContainsAny(who, " \t") {
			first = cmp.Or(first, fmt.Sprintf("%q", who))
		} else {
			first = cmp.Or(first, who)
		}
		what := "added as new"
		if nm.Same {
			what = "the same person, as you said"
		}
		lines = append(lines, fmt.Sprintf("%s (%s, row %d) resembles %s %s: %s; %s", e.Incoming.Name, who, p.Place(e.Index).Row, nm.Stored.ID, nm.Stored.Name, nm.Why, what))
	}
	writeList(w, "Resembling one of your students (if one is, say so: --same "+first+")", lines, listed)
}
