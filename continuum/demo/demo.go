// Package demo builds the demonstration data that lets a teacher try
// Continuum Planner before entering their own, and synthetic data of any
// size for benchmarks. Everything it makes is deterministic.
package demo

import (
	"context"
	"fmt"
	"math"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// Dataset is a continuum with its targets, a roster, evidence and overrides,
// ready to load into a store.
type Dataset struct {
	// Continuum is the continuum; its ID is set.
	Continuum continuum.Continuum
	// Targets are the continuum's targets.
	Targets []continuum.Target
	// Students is the roster.
	Students []continuum.Student
	// Evidence is the evidence, with IDs in order of entry.
	Evidence []continuum.Evidence
	// Overrides are teacher overrides.
	Overrides []continuum.Override
	// Flex are flex blocks of the continuum.
	Flex []continuum.FlexBlock
	// Units are the continuum's units.
	Units []continuum.Unit
}

// chunk is how many evidence records Load writes per change: well inside
// one store transaction.
const chunk = 1000

// Load stores the dataset: the continuum and targets in one change, the
// roster in one change, then the evidence in changes of up to 1,000
// records, then the overrides. The IDs of the stored evidence are the
// store's own.
func (d *Dataset) Load(ctx context.Context, s continuum.Store) error {
	c := d.Continuum
	if err := s.CreateContinuum(ctx, &c, d.Targets); err != nil {
		return fmt.Errorf("load %s: %w", d.Continuum.Name, err)
	}
	if err := s.PutStudents(ctx, d.Students...); err != nil {
		return fmt.Errorf("load %s: roster: %w", d.Continuum.Name, err)
	}
	for lo := 0; lo < len(d.Evidence); lo += chunk {
		batch := make([]continuum.Evidence, 0, chunk)
		for _, e := range d.Evidence[lo:min(lo+chunk, len(d.Evidence))] {
			e.ID = 0
			e.Continuum = c.ID
			batch = append(batch, e)
		}
		if _, err := s.AddEvidence(ctx, batch...); err != nil {
			return fmt.Errorf("load %s: evidence: %w", d.Continuum.Name, err)
		}
	}
	for _, o := range d.Overrides {
		o.Continuum = c.ID
		if err := s.PutOverride(ctx, o); err != nil {
			return fmt.Errorf("load %s: override: %w", d.Continuum.Name, err)
		}
	}
	for _, u := range d.Units {
		u.Continuum = c.ID
		if err := s.PutUnit(ctx, u); err != nil {
			return fmt.Errorf("load %s: unit %q: %w", d.Continuum.Name, u.Title, err)
		}
	}
	for _, b := range d.Flex {
		b.Continuum = c.ID
		if err := s.PutFlexBlock(ctx, b); err != nil {
			return fmt.Errorf("load %s: flex block %s: %w", d.Continuum.Name, b.ID, err)
		}
	}
	return nil
}

// Graph returns the checked graph of the dataset's continuum.
func (d *Dataset) Graph() (*continuum.Graph, error) {
	return continuum.NewGraph(d.Continuum, d.Targets)
}

// Class returns the roster, evidence and overrides for ClassPositions.
func (d *Dataset) Class() continuum.Class {
	return continuum.Class{Students: d.Students, Evidence: d.Evidence, Overrides: d.Overrides}
}

// descriptors writes the four default-scale descriptors of a skill given
// in its base form ("compare and order fractions").
func descriptors(skill string) []continuum.Descriptor {
	return []continuum.Descriptor{
		{Value: 1, Text: "With help, can begin to " + skill + "."},
		{Value: 2, Text: "Can " + skill + " in simple cases, with some errors."},
		{Value: 3, Text: "Can " + skill + " accurately and independently."},
		{Value: 4, Text: "Can " + skill + " in new, complex situations and explain the reasoning."},
	}
}

// target builds a target whose statement is "I can <skill>."
func target(code, domain, level string, order int, skill string, prereqs ...string) continuum.Target {
	return continuum.Target{
		Code:             code,
		Statement:        "I can " + skill + ".",
		Domain:           domain,
		Level:            level,
		Order:            order,
		Prerequisites:    prereqs,
		Descriptors:      descriptors(skill),
		EvidenceRequired: 2,
	}
}

// round keeps a generated score on the 1-4 scale.
func clampScore(v float64) float64 {
	return math.Max(1, math.Min(4, math.Round(v)))
}

func slug(s string) string {
	return strings.ToUpper(strings.ReplaceAll(s, " ", ""))
}
