package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
)

// reportCardFlags are the reportcard command's own flags.
var reportCardFlags struct {
	out     string // --out: write the levels to this file
	set     string // --set: read the mapping from this CSV
	clear   bool   // --clear: take the mapping away
	mapping bool   // --mapping: print the stored mapping as CSV
	force   bool   // --force: replace --out
}

// reportCardUsage says how the reportcard command is called.
const reportCardUsage = "usage: continuumctl reportcard [--continuum NAME] [--group G] [--as-of YYYY-MM-DD] [--format table|csv] [--out FILE], " +
	"or --set MAPPING.csv, --mapping or --clear"

// defineReportCardFlags defines the reportcard command's flags.
func defineReportCardFlags(fs *flag.FlagSet, o *options) {
	reportCardFlags.out, reportCardFlags.set, reportCardFlags.clear, reportCardFlags.mapping, reportCardFlags.force = "", "", false, false, false
	fs.StringVar(&o.continuum, "continuum", "", "continuum name (required when the store has several)")
	fs.StringVar(&o.group, "group", "", "only students of this group (a class)")
	fs.StringVar(&o.date, "as-of", "", "judge the levels as of this day, YYYY-MM-DD (default: today); evidence and overrides after it do not count")
	fs.StringVar(&o.date, "date", "", "the same as --as-of")
	fs.StringVar(&o.format, "format", "table", "output format: table (level, label and why) or csv (student_id,external_id,student,standard,level,label for the SIS)")
	fs.StringVar(&reportCardFlags.out, "out", "", "write to this file instead of the standard output")
	fs.BoolVar(&reportCardFlags.force, "force", false, "replace the --out file if it exists")
	fs.StringVar(&reportCardFlags.set, "set", "", "set the continuum's report card from a CSV with the columns standard,name,rule,targets,bands (see docs/interop.md)")
	fs.BoolVar(&reportCardFlags.mapping, "mapping", false, "print the continuum's report card (its standards, rules and targets) as a CSV that --set reads")
	fs.BoolVar(&reportCardFlags.clear, "clear", false, "take the continuum's report card away")
}

// runReportCard rolls the targets up into the report card's standards,
// or sets, prints or clears the mapping.
func runReportCard(ctx context.Context, e *env, args []string) error {
	f := &reportCardFlags
	modes := 0
	for _, on := range []bool{f.set != "", f.clear, f.mapping} {
		if on {
			modes++
		}
	}
	if len(args) > 0 || modes > 1 {
		return usageError{reportCardUsage}
	}
	if err := checkFormat(e.opts.format); err != nil {
		return err
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("reportcard: %w", err)
	}
	switch {
	case f.set != "":
		return setReportCard(ctx, e, c, f.set)
	case f.clear:
		if err := e.store.SetReportCard(ctx, c.ID, nil); err != nil {
			return plain(err)
		}
		fmt.Fprintf(e.stdout, "%s has no report card now\n", c.Name)
		return nil
	case f.mapping:
		return writeOut(e, func(w io.Writer) error { return exchange.WriteReportCardMapping(w, c.ReportCard) })
	}
	on, err := e.day()
	if err != nil {
		return err
	}
	ru, err := exchange.ReportCardLevels(ctx, e.store, c.ID, e.opts.group, on)
	if err != nil {
		return plain(err)
	}
	if strings.EqualFold(e.opts.format, "csv") {
		return writeOut(e, func(w io.Writer) error { return exchange.WriteReportCardCSV(w, ru.Levels) })
	}
	return writeOut(e, func(w io.Writer) error { return writeReportCardTable(w, ru) })
}

// setReportCard reads a mapping CSV and stores it as c's report card.
func setReportCard(ctx context.Context, e *env, c continuum.Continuum, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("reportcard --set: %w", err)
	}
	card, err := exchange.ReadReportCardCSV(bytes.NewReader(data), path, &c.Scale)
	if err != nil {
		return plain(err)
	}
	if err := e.store.SetReportCard(ctx, c.ID, card); err != nil {
		return fmt.Errorf("reportcard --set %s: %w", path, plain(err))
	}
	targets := 0
	for _, s := range card.Standards {
		targets += len(s.Targets)
	}
	fmt.Fprintf(e.stdout, "Set the report card of %s: %s over %s\n", c.Name,
		continuum.Plural(len(card.Standards), "standard", "standards"), continuum.Plural(targets, "target", "targets"))
	return nil
}

// writeReportCardTable writes the card's rules, each explained, then a
// row per student and standard with the level, its label and why.
func writeReportCardTable(w io.Writer, ru exchange.CardRollUp) error {
	who := "every student"
	if ru.Group != "" {
		who = ru.Group
	}
	fmt.Fprintf(w, "Report card of %s, %s (%s), as of %s\n\n", ru.Continuum.Name, who,
		continuum.Plural(ru.Students, "student", "students"), ru.On.Long())
	for _, s := range ru.Continuum.ReportCard.Standards {
		rule := s.Rule.Label()
		if s.Rule == continuum.RuleBands {
			rule += " (" + continuum.FormatBands(s.Bands) + ")"
		}
		fmt.Fprintf(w, "%s %s: %s. %s\n", s.Code, s.Title(), rule, s.Rule.Explain())
	}
	fmt.Fprintln(w)
	t := newTable("student_id", "student", "standard", "level", "label", "why")
	t.width = 0 // the why is the point: never clipped
	for _, l := range ru.Levels {
		level, label := "—", "no level yet"
		if l.HasLevel {
			level, label = continuum.FormatScore(l.Level), l.Label
		}
		t.add(l.Student.ID, l.Student.Name, l.Standard.Code, level, label, l.Why)
	}
	return t.write(w, "table")
}

// writeOut runs write on the standard output, or on --out, a file only
// its owner can read (it names students), removed again if writing fails.
func writeOut(e *env, write func(io.Writer) error) error {
	path := reportCardFlags.out
	if path == "" {
		return write(e.stdout)
	}
	if err := checkWritable(path, "report-card.csv", reportCardFlags.force); err != nil {
		return fmt.Errorf("reportcard: %w", err)
	}
	f, err := os.OpenFile(path, os.O_CREATE|os.O_TRUNC|os.O_WRONLY, 0o600)
	if err == nil {
		err = f.Chmod(0o600) // a file that was there keeps its mode otherwise
	}
	if err != nil {
		if f != nil {
			f.Close()
		}
		return fmt.Errorf("reportcard: %w", err)
	}
	err = write(f)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(path)
		return fmt.Errorf("reportcard: %w", err)
	}
	fmt.Fprintf(e.stdout, "Wrote %s\n", path)
	return nil
}
