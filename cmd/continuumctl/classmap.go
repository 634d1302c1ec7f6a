package main

import (
	"context"
	"fmt"
	"os"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/render"
)

func runClassMap(ctx context.Context, e *env, args []string) error {
	defer classPace.pace()()
	if len(args) > 0 || e.opts.png == "" {
		return usageError{"usage: continuumctl classmap --png FILE [--continuum NAME] [--group G] [--date YYYY-MM-DD]"}
	}
	if err := checkWritable(e.opts.png, "classmap.png", true); err != nil {
		return err
	}
	on, err := e.day()
	if err != nil {
		return err
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("classmap: %w", err)
	}
	g, class, err := continuum.LoadClass(ctx, e.store, c.ID)
	if err != nil {
		return fmt.Errorf("classmap of %s: %w", c.Name, err)
	}
	title := c.Name
	if class.Students, err = e.inGroup(class.Students); err != nil {
		return fmt.Errorf("classmap: %w", err)
	}
	if e.opts.group != "" {
		title += ", " + class.Students[0].Group
	}
	title += ", " + on.LongMonth()
	// Readable by its owner only, whatever the umask, as every file the
	// program writes: the picture names students.
	f, err := os.OpenFile(e.opts.png, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err == nil {
		err = f.Chmod(0o600) // a file that was there keeps its mode otherwise
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		return fmt.Errorf("classmap: %w", err)
	}
	err = render.ClassMap(f, g, g.ClassPositions(class, on), title)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(e.opts.png)
		return fmt.Errorf("classmap: %w", err)
	}
	fmt.Fprintf(e.stdout, "Wrote the class map of %s (%s, %s) to %s\n", c.Name,
		continuum.Plural(len(class.Students), "student", "students"), continuum.Plural(len(g.Targets), "target", "targets"), e.opts.png)
	return nil
}
