package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

func runUnits(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"say what to do: continuumctl units list|readiness"}
	}
	if err := checkFormat(e.opts.format); err != nil {
		return err
	}
	switch args[0] {
	case "list":
		return unitsList(ctx, e)
	case "readiness":
		return unitsReadiness(ctx, e)
	}
	return usageError{fmt.Sprintf("units %s: expected list or readiness", args[0])}
}

func unitsList(ctx context.Context, e *env) error {
	all, err := e.continua(ctx)
	if err != nil {
		return fmt.Errorf("units list: %w", err)
	}
	t := newTable("unit", "continuum", "start", "end", "targets", "experiences", "checkpoints", "id")
	for _, c := range all {
		units, err := e.store.Units(ctx, c.ID)
		if err != nil {
			return fmt.Errorf("units list: %w", err)
		}
		for _, u := range units {
			t.add(u.Title, c.Name, u.Start.String(), u.End.String(), strings.Join(u.Targets, ";"),
				strconv.Itoa(len(u.Experiences)), strconv.Itoa(len(u.Checkpoints)), u.ID)
		}
	}
	return t.write(e.stdout, e.opts.format)
}

func unitsReadiness(ctx context.Context, e *env) error {
	defer classPace.pace()()
	if e.opts.unit == "" {
		return usageError{"usage: continuumctl units readiness --unit NAME [--continuum NAME] [--group G] [--format csv]"}
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("units readiness: %w", err)
	}
	units, err := e.store.Units(ctx, c.ID)
	if err != nil {
		return fmt.Errorf("units readiness: %w", err)
	}
	u, ok := continuum.FindUnit(units, e.opts.unit)
	if !ok {
		names := make([]string, len(units))
		for i, x := range units {
			names[i] = x.Title
		}
		return fmt.Errorf("units readiness: %s has no unit %q (units: %s)", c.Name, e.opts.unit, strings.Join(names, ", "))
	}
	g, class, err := continuum.LoadClass(ctx, e.store, c.ID)
	if err != nil {
		return fmt.Errorf("units readiness: %w", err)
	}
	if class.Students, err = e.inGroup(class.Students); err != nil {
		return fmt.Errorf("units readiness: %w", err)
	}
	on := u.Start
	if today := continuum.Today(); today.Before(on) {
		on = today
	}
	t := newTable("student_id", "student", "status", "missing")
	t.width = 0
	for _, r := range g.UnitReadiness(u, g.ClassPositions(class, on)) {
		t.add(r.Student.ID, r.Student.Name, string(r.Status), strings.Join(r.Missing, ";"))
	}
	return t.write(e.stdout, e.opts.format)
}
