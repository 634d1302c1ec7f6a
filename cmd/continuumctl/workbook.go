package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// version is written in exported workbooks' About sheet.
const version = "0.1.0"

// workbookOptions are the flags of export and import.
type workbookOptions struct {
	dryRun   bool
	sheet    string
	mapping  string
	password string
	prefer   string
	force    bool
}

func runExport(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: continuumctl export FILE.xlsx [--continuum NAME] [--group G] [--date YYYY-MM-DD] [--force]"}
	}
	path := args[0]
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return usageError{fmt.Sprintf("%s: the file name must end in .xlsx", path)}
	}
	if _, err := os.Stat(path); err == nil && !e.opts.book.force {
		return fmt.Errorf("export to %s: the file exists; choose another name, or add --force to replace it", path)
	}
	on, err := e.day()
	if err != nil {
		return err
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	g, class, err := continuum.LoadClass(ctx, e.store, c.ID)
	if err != nil {
		return fmt.Errorf("export %s: %w", c.Name, err)
	}
	book := workbook.New(g.Continuum, g.Targets, class)
	if book.Units, err = e.store.Units(ctx, c.ID); err != nil {
		return fmt.Errorf("export %s: %w", c.Name, err)
	}
	if book.Flex, err = e.store.FlexBlocks(ctx, c.ID); err != nil {
		return fmt.Errorf("export %s: %w", c.Name, err)
	}
	err = workbook.WriteFile(ctx, path, func(w io.Writer) error {
		return workbook.NewEncoder(w, workbook.EncodeOptions{Group: e.opts.group, On: on, AppVersion: version}).Encode(ctx, book)
	})
	if err != nil {
		return fmt.Errorf("export %s to %s: %w", c.Name, path, err)
	}
	fmt.Fprintf(e.stdout, "Exported %s (%d targets, %d students, %d pieces of evidence, %s, %s) to %s\n",
		c.Name, len(book.Targets), len(book.Students), len(book.Evidence), count(len(book.Units), "unit"), count(len(book.Flex), "flex block"), path)
	return nil
}

func runImport(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: continuumctl import FILE.xlsx [--continuum NAME] [--dry-run] [--sheet NAME] [--map field=COLUMN,...] [--password P] [--prefer mine|theirs]"}
	}
	o := e.opts.book
	prefer := continuum.KeepMine
	switch strings.ToLower(o.prefer) {
	case "", "mine":
	case "theirs":
		prefer = continuum.TakeTheirs
	default:
		return usageError{fmt.Sprintf("--prefer %q: expected mine or theirs", o.prefer)}
	}
	opts := workbook.Options{Password: o.password, Continuum: e.opts.continuum, Sheet: o.sheet}
	if o.mapping != "" {
		m, err := workbook.ParseMap(o.mapping)
		if err != nil {
			return usageError{"--map: " + err.Error()}
		}
		opts.Map = m
	}
	book, err := workbook.DecodeFile(ctx, args[0], opts)
	if book == nil {
		return err
	}
	incoming := continuum.Snapshot{Continuum: book.Continuum, Targets: book.Targets, Students: book.Students, Evidence: book.Evidence, Overrides: book.Overrides,
		Units: book.Units, Flex: book.Flex, VisitNotes: book.VisitNotes}
	var mine *continuum.Snapshot
	if stored, err := e.store.FindContinuum(ctx, book.Continuum.Name); err == nil {
		if mine, err = snapshot(ctx, e.store, stored); err != nil {
			return fmt.Errorf("import %s: %w", args[0], err)
		}
		incoming.Continuum.ID = stored.ID
	} else if !errors.Is(err, continuum.ErrNotFound) {
		return fmt.Errorf("import %s: %w", args[0], err)
	}
	roster, err := e.store.Students(ctx)
	if err != nil {
		return fmt.Errorf("import %s: %w", args[0], err)
	}
	plan := continuum.PlanMerge(mine, roster, incoming)
	for i := range plan.Conflicts {
		plan.Resolve(i, prefer)
	}
	printPreview(e.stdout, book, plan)
	if o.dryRun {
		fmt.Fprintln(e.stdout, "Dry run: nothing was changed.")
		return nil
	}
	if len(book.Problems) > 0 {
		return fmt.Errorf("import %s: the workbook has %d problems (listed above); correct them and import again; nothing was changed", args[0], len(book.Problems))
	}
	change, err := plan.Change(mine)
	if err != nil {
		return fmt.Errorf("import %s: %w; nothing was changed", args[0], err)
	}
	if !change.NewContinuum && plan.Counts[continuum.SectionContinuum][continuum.Unchanged] == 1 &&
		len(change.Targets)+len(change.Students)+len(change.Evidence)+len(change.Overrides)+len(change.Units)+len(change.Flex)+len(change.VisitNotes) == 0 {
		fmt.Fprintln(e.stdout, "Nothing to import: the store already holds everything in this workbook.")
		return nil
	}
	backup, err := e.store.ApplyMerge(ctx, change, nil)
	if err != nil {
		return fmt.Errorf("import %s: %w", args[0], err)
	}
	fmt.Fprintf(e.stdout, "Imported into %s. The store as it was before is saved in %s\n", change.Continuum.Name, backup)
	return nil
}

// snapshot reads a stored continuum with everything recorded in it.
func snapshot(ctx context.Context, s interface {
	continuum.Store
}, c continuum.Continuum) (*continuum.Snapshot, error) {
	g, class, err := continuum.LoadClass(ctx, s, c.ID)
	if err != nil {
		return nil, err
	}
	snap := &continuum.Snapshot{Continuum: c, Targets: g.Targets, Students: class.Students, Evidence: class.Evidence, Overrides: class.Overrides}
	if snap.Units, err = s.Units(ctx, c.ID); err != nil {
		return nil, err
	}
	if snap.Flex, err = s.FlexBlocks(ctx, c.ID); err != nil {
		return nil, err
	}
	if snap.VisitNotes, err = s.VisitNotes(ctx, c.ID); err != nil {
		return nil, err
	}
	return snap, nil
}

// printPreview writes what an import would do: counts per sheet, every
// problem and refusal with its place, and each conflict side by side.
func printPreview(w io.Writer, book *workbook.Book, p *continuum.Plan) {
	fmt.Fprintf(w, "Import of %s (%s) into ", book.About.File, book.About.Layout)
	if p.NewContinuum {
		fmt.Fprintf(w, "a new continuum %q\n", p.Continuum.Name)
	} else {
		fmt.Fprintf(w, "the stored continuum %q\n", p.Continuum.Name)
	}
	t := newTable(append([]string{"sheet"}, outcomeNames()...)...)
	for _, s := range continuum.Sections {
		row := []string{s}
		for _, o := range continuum.Outcomes {
			n := p.Counts[s][o]
			if o == continuum.Refused {
				n += len(book.Problems.Sheet(s))
			}
			row = append(row, fmt.Sprint(n))
		}
		t.add(row...)
	}
	t.write(w, "table")
	if len(book.Problems) > 0 {
		fmt.Fprintf(w, "\nProblems in the workbook (%d):\n", len(book.Problems))
		for _, pr := range book.Problems {
			fmt.Fprintf(w, "  %s: %s\n", cmpOr(pr.Place(), pr.File), pr.Message)
		}
	}
	if len(p.Refusals) > 0 {
		fmt.Fprintf(w, "\nRefused (%d):\n", len(p.Refusals))
		for _, r := range p.Refusals {
			fmt.Fprintf(w, "  %s %s: %s\n", r.Section, r.Key, r.Reason)
		}
	}
	if len(p.Conflicts) > 0 {
		fmt.Fprintf(w, "\nDefined differently (%d); --prefer mine (the default) keeps the store's, --prefer theirs takes the workbook's:\n", len(p.Conflicts))
		for _, c := range p.Conflicts {
			fmt.Fprintf(w, "  %s %s differs in %s\n", strings.TrimSuffix(c.Section, "s"), c.Key, strings.Join(c.Fields, ", "))
			for _, f := range c.Fields {
				fmt.Fprintf(w, "    %-14s mine:   %s\n", f, continuum.FieldValue(c.Mine, f))
				fmt.Fprintf(w, "    %-14s theirs: %s\n", "", continuum.FieldValue(c.Theirs, f))
			}
		}
	}
	if m := len(book.Calibration); m > 0 {
		fmt.Fprintf(w, "\nThe workbook also holds %d calibration scores; import does not store them (continuumctl calibrate reports on them).\n", m)
	}
	if len(book.Warnings) > 0 {
		fmt.Fprintf(w, "\nWarnings (%d):\n", len(book.Warnings))
		for _, pr := range book.Warnings {
			fmt.Fprintf(w, "  %s: %s\n", cmpOr(pr.Place(), pr.File), pr.Message)
		}
	}
}

func outcomeNames() []string {
	out := make([]string, len(continuum.Outcomes))
	for i, o := range continuum.Outcomes {
		out[i] = string(o)
	}
	return out
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
