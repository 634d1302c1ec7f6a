package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/picture"
)

func runClassMap(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 || e.opts.png == "" {
		return usageError{"usage: continuumctl classmap --png FILE [--continuum NAME] [--group G] [--date YYYY-MM-DD]"}
	}
	on := continuum.Today()
	if e.opts.date != "" {
		d, err := continuum.ParseDate(e.opts.date)
		if err != nil {
			return usageError{"--date: " + continuum.ErrorMessage(err)}
		}
		on = d
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
	if e.opts.group != "" {
		kept := class.Students[:0]
		for _, s := range class.Students {
			if strings.EqualFold(s.Group, e.opts.group) {
				kept = append(kept, s)
			}
		}
		if len(kept) == 0 {
			return fmt.Errorf("classmap: no student is in group %q", e.opts.group)
		}
		class.Students = kept
		title += ", " + kept[0].Group
	}
	title += ", " + on.Time().Format("2 January 2006")
	f, err := os.Create(e.opts.png)
	if err != nil {
		return fmt.Errorf("classmap: %w", err)
	}
	err = picture.ClassMap(f, g, g.ClassPositions(class, on), title)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(e.opts.png)
		return fmt.Errorf("classmap: %w", err)
	}
	fmt.Fprintf(e.stdout, "Wrote the class map of %s (%d students, %d targets) to %s\n", c.Name, len(class.Students), len(g.Targets), e.opts.png)
	return nil
}
