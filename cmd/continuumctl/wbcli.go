package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
)

// checkXLSX refuses a file name that does not end in .xlsx.
func checkXLSX(path string) error {
	if !strings.EqualFold(filepath.Ext(path), ".xlsx") {
		return usageError{fmt.Sprintf("%s: the file name must end in .xlsx", path)}
	}
	return nil
}

// writeNewFile writes path through a temporary file in the same folder,
// renamed into place once complete, so that a failure leaves no half
// file. An existing path is refused unless force is set.
func writeNewFile(path string, force bool, write func(w io.Writer) error) error {
	if err := checkWritable(path, "workbook.xlsx", force); err != nil {
		return err
	}
	return workbook.WriteFile(context.Background(), path, write) // its errors name the file
}

// genWorkbook writes a generated dataset as a workbook, without the store.
func genWorkbook(ctx context.Context, e *env, d *demo.Dataset, path string) error {
	if err := checkXLSX(path); err != nil {
		return err
	}
	on, err := e.day()
	if err != nil {
		return err
	}
	book := workbook.New(d.Continuum, d.Targets, d.Class())
	book.Units, book.Flex = d.Units, d.Flex
	err = writeNewFile(path, e.opts.book.force, func(w io.Writer) error {
		return workbook.NewEncoder(w, workbook.EncodeOptions{On: on, AppVersion: version}).Encode(ctx, book)
	})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Generated %q as %s: %s; the store was not touched\n", d.Continuum.Name, path, datasetSize(d))
	return nil
}

// runReview prints what a workbook holds, reading nothing but the file.
func runReview(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: continuumctl review FILE.xlsx [--password P]"}
	}
	path := args[0]
	if err := checkReadable(path, "the workbook"); err != nil {
		return err
	}
	f, err := exchange.Read(ctx, path, exchange.ReadOptions{Password: e.opts.book.password})
	if err != nil {
		return fmt.Errorf("%s: %w", path, unwrapImport(err))
	}
	writeReview(e.stdout, f)
	return nil
}

// unwrapImport drops the decoder's "import FILE: " prefix from a
// whole-file error, since review and calibrate import nothing.
func unwrapImport(err error) error {
	if rest, ok := strings.CutPrefix(err.Error(), "import "); ok {
		if _, msg, ok := strings.Cut(rest, ": "); ok {
			return errors.New(msg)
		}
	}
	return err
}

// reviewLines writes the "What  value" lines of a review, aligned.
type reviewLines struct{ tw *tabwriter.Writer }

func (r reviewLines) line(what, format string, args ...any) {
	fmt.Fprintf(r.tw, "%s\t%s\n", what, fmt.Sprintf(format, args...))
}

// writeReview writes the summary of a workbook that review prints: what
// it is and the day it is a snapshot of, the continuum, the class, the
// plans, and what could not be read.
func writeReview(w io.Writer, f *exchange.File) {
	r := reviewLines{tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)}
	reviewSource(r, f)
	reviewContinuum(r, f.Book)
	reviewClass(r, f.Book)
	reviewPlans(r, f.Book)
	problems := f.ReviewProblems()
	r.line("Problems", "%d", len(problems))
	r.line("Warnings", "%d", len(f.Book.Warnings))
	r.tw.Flush()
	warnings := make([]string, len(f.Book.Warnings))
	for i, p := range f.Book.Warnings {
		warnings[i] = "warning: " + p.Place() + ": " + p.Message
	}
	listSome(w, problems)
	listSome(w, warnings)
	fmt.Fprintln(w, "Nothing was imported; the store was not opened.")
}

// listSome writes the first 20 lines of a list, indented, and how many more there are.
func listSome(w io.Writer, lines []string) {
	const most = 20
	for i, l := range lines {
		if i == most {
			fmt.Fprintf(w, "  ... and %d more\n", len(lines)-most)
			break
		}
		fmt.Fprintf(w, "  %s\n", l)
	}
}

// reviewSource writes what kind of file it is and the day it is a
// snapshot of (exchange.ReviewAsOf, as the app's review judges it).
func reviewSource(r reviewLines, f *exchange.File) {
	a := f.Book.About
	kind := map[workbook.Layout]string{workbook.LayoutPlanner: "a Continuum Planner workbook",
		workbook.LayoutCASE: "an OpenSALT CASE spreadsheet", workbook.LayoutStandards: "a standards list"}[a.Layout]
	if a.FormatVersion > 0 {
		kind += fmt.Sprintf(", format version %d", a.FormatVersion)
	}
	if a.AppVersion != "" {
		kind += ", written by version " + a.AppVersion
	}
	r.line("Workbook", "%s (%s)", a.File, kind)
	day, source := f.AsOf()
	switch source {
	case exchange.ReviewDateExported:
		asOf := fmt.Sprintf("%s (exported %s UTC", day, a.ExportedAt.UTC().Format("2006-01-02 15:04"))
		if !a.PositionsOn.IsZero() {
			asOf += "; positions as of " + a.PositionsOn.String()
		}
		r.line("As of", "%s)", asOf)
	case exchange.ReviewDatePositions:
		r.line("As of", "%s (positions as of that day; the export time is not given)", day)
	default:
		r.line("As of", "%s (when the file was last changed; the workbook has no export date in an About sheet)", day)
	}
}

// reviewContinuum writes the continuum's own fields and its targets.
func reviewContinuum(r reviewLines, b *workbook.Book) {
	c := &b.Continuum
	name := c.Name
	if c.Subject != "" {
		name += " (" + c.Subject + ")"
	}
	r.line("Continuum", "%s", name)
	r.line("Levels", "%d: %s", len(c.Levels), strings.Join(c.Levels, ", "))
	domains := make([]string, len(c.Domains))
	for i, d := range c.Domains {
		domains[i] = fmt.Sprintf("%s (%s)", d.Name, d.Category)
	}
	r.line("Domains", "%d: %s", len(c.Domains), strings.Join(domains, ", "))
	r.line("Scale", "%s; method %s", describeScale(&c.Scale), c.Method)
	milestones := 0
	for _, t := range b.Targets {
		if t.Milestone {
			milestones++
		}
	}
	of := fmt.Sprintf("%d of them milestones", milestones)
	if milestones == 1 {
		of = "1 of them a milestone"
	}
	r.line("Targets", "%d, %s", len(b.Targets), of)
}

// reviewClass writes the roster by group, the evidence's span and the overrides.
func reviewClass(r reviewLines, b *workbook.Book) {
	groups := map[string]int{}
	for _, s := range b.Students {
		groups[s.Group]++
	}
	var gs []string
	for _, g := range slices.Sorted(maps.Keys(groups)) {
		gs = append(gs, fmt.Sprintf("%s (%d)", orDash(g), groups[g]))
	}
	if len(gs) > 0 {
		r.line("Students", "%d in %s: %s", len(b.Students), continuum.Plural(len(groups), "group", "groups"), strings.Join(gs, ", "))
	} else {
		r.line("Students", "0")
	}
	if len(b.Evidence) > 0 {
		first, last := b.Evidence[0].Date, b.Evidence[0].Date
		for _, ev := range b.Evidence {
			if ev.Date.Before(first) {
				first = ev.Date
			}
			if ev.Date.After(last) {
				last = ev.Date
			}
		}
		r.line("Evidence", "%d, from %s to %s", len(b.Evidence), first, last)
	} else {
		r.line("Evidence", "0")
	}
	r.line("Overrides", "%d", len(b.Overrides))
}

// reviewPlans writes the units, flex blocks, visit notes and calibration scores.
func reviewPlans(r reviewLines, b *workbook.Book) {
	var units []string
	for _, u := range b.Units {
		units = append(units, fmt.Sprintf("%s (%s to %s, %s)", u.Title, u.Start, u.End, continuum.Plural(len(u.Targets), "target", "targets")))
	}
	r.line("Units", "%d%s", len(b.Units), listAfter(units))
	var blocks []string
	for _, fb := range b.Flex {
		blocks = append(blocks, fmt.Sprintf("%s (%s, %s, %s, %d placed)", fb.ID, fb.Date, fb.Slot, continuum.Plural(len(fb.Offerings), "offering", "offerings"), len(fb.Assignments)))
	}
	r.line("Flex blocks", "%d%s", len(b.Flex), listAfter(blocks))
	r.line("Visit notes", "%d", len(b.VisitNotes))
	samples := map[string]bool{}
	for _, s := range b.Calibration {
		samples[strings.ToLower(s.Target+"\x00"+s.Sample)] = true
	}
	r.line("Calibration", "%s of %s", continuum.Plural(len(b.Calibration), "score", "scores"), continuum.Plural(len(samples), "sample", "samples"))
}

func listAfter(items []string) string {
	if len(items) == 0 {
		return ""
	}
	return ": " + strings.Join(items, "; ")
}

func describeScale(s *continuum.Scale) string {
	parts := make([]string, len(s.Points))
	for i, p := range s.Points {
		parts[i] = continuum.FormatScore(p.Value) + " " + p.Label
	}
	return strings.Join(parts, ", ") + ", mastery from " + continuum.FormatScore(s.Cut)
}

// runCalibrate merges the Calibration sheets of workbooks of one continuum
// and reports the agreement per target and the spread per sample.
func runCalibrate(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return usageError{"usage: continuumctl calibrate FILE.xlsx [FILE.xlsx...] [--format csv] [--report FILE.xlsx]"}
	}
	if err := checkFormat(e.opts.format); err != nil {
		return err
	}
	if e.opts.report != "" {
		if err := checkXLSX(e.opts.report); err != nil {
			return err
		}
	}
	var (
		books    []*workbook.Book
		scores   []continuum.CalibrationScore
		problems int
	)
	for _, path := range args {
		if err := checkReadable(path, "a workbook"); err != nil {
			return err
		}
		b, err := workbook.DecodeFile(ctx, path, workbook.Options{Password: e.opts.book.password})
		if b == nil {
			return fmt.Errorf("%s: %w", path, unwrapImport(err))
		}
		for _, first := range books {
			if err := sameContinuum(first, b); err != nil {
				return fmt.Errorf("%w; nothing was calculated", err)
			}
		}
		for _, p := range append(b.Problems.Sheet("Calibration"), b.Problems.Sheet("Scale")...) {
			fmt.Fprintf(e.stderr, "%s: %s: %s\n", p.File, p.Place(), p.Message)
			problems++
		}
		if len(b.Calibration) == 0 {
			fmt.Fprintf(e.stderr, "%s has no calibration scores (no Calibration sheet, or an empty one)\n", b.About.File)
		}
		books = append(books, b)
		scores = append(scores, b.Calibration...)
	}
	if problems > 0 {
		return fmt.Errorf("%s in the Calibration sheets (listed above); correct them and run again; nothing was calculated", continuum.Plural(problems, "problem", "problems"))
	}
	if len(scores) == 0 {
		return errors.New("none of the workbooks holds calibration scores; fill in the Calibration sheet (Sample, Target, Scorer, Score, Note) of an exported workbook")
	}
	scale := &books[0].Continuum.Scale
	report, err := continuum.Calibrate(scale, scores)
	if err != nil {
		n := 0
		for _, m := range joinedMessages(err) {
			fmt.Fprintln(e.stderr, m)
			n++
		}
		return fmt.Errorf("the scores cannot be compared: %s (listed above); nothing was calculated", continuum.Plural(n, "problem", "problems"))
	}
	if err := writeCalibration(e, report); err != nil {
		return err
	}
	if e.opts.report != "" {
		files := make([]string, len(books))
		for i, b := range books {
			files[i] = b.About.File
		}
		err := writeNewFile(e.opts.report, e.opts.book.force, func(w io.Writer) error {
			return workbook.EncodeCalibrationReport(ctx, w, report, workbook.ReportOptions{Continuum: books[0].Continuum.Name, Files: files, AppVersion: version, Now: time.Now()})
		})
		if err != nil {
			return fmt.Errorf("calibrate: the report: %w", err)
		}
		fmt.Fprintf(e.stderr, "Wrote the report to %s\n", e.opts.report)
	}
	return nil
}

// sameContinuum refuses to merge the calibration of two workbooks of
// different continua (by the names their About sheets give) or scales.
func sameContinuum(a, b *workbook.Book) error {
	if a.About.Continuum != "" && b.About.Continuum != "" && !strings.EqualFold(strings.TrimSpace(a.About.Continuum), strings.TrimSpace(b.About.Continuum)) {
		return fmt.Errorf("%s is a workbook of %q and %s of %q; calibrate workbooks of one continuum together",
			a.About.File, a.About.Continuum, b.About.File, b.About.Continuum)
	}
	if describeScale(&a.Continuum.Scale) != describeScale(&b.Continuum.Scale) {
		return fmt.Errorf("%s scores on %s but %s on %s; calibrate workbooks of one scale together",
			a.About.File, describeScale(&a.Continuum.Scale), b.About.File, describeScale(&b.Continuum.Scale))
	}
	return nil
}

// joinedMessages returns the plain messages of the errors joined in err.
func joinedMessages(err error) []string {
	var joined interface{ Unwrap() []error }
	if !errors.As(err, &joined) {
		return []string{continuum.ErrorMessage(err)}
	}
	var out []string
	for _, e := range joined.Unwrap() {
		var ce *continuum.Error
		if errors.As(e, &ce) {
			out = append(out, ce.Message)
		} else {
			out = append(out, e.Error())
		}
	}
	return out
}

// writeCalibration prints the report: the agreement per target, then the
// spread per sample (most disputed first), then the samples left out.
func writeCalibration(e *env, r continuum.CalibrationReport) error {
	t := newTable("target", "samples", "scorers", "exact_pct", "adjacent_pct", "kappa", "kappa_kind")
	for _, a := range r.Targets {
		kappa := ""
		if a.HasKappa {
			kappa = strconv.FormatFloat(a.Kappa, 'f', 3, 64)
		}
		t.add(a.Target, strconv.Itoa(a.Samples), strconv.Itoa(a.Scorers), pct(a.Exact), pct(a.Adjacent), kappa, a.KappaKind)
	}
	if err := t.write(e.stdout, e.opts.format); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout)
	s := newTable("sample", "target", "scores", "min", "max", "spread")
	s.width = 0
	for _, sp := range r.Samples {
		scores := make([]string, len(sp.Scores))
		for i, sc := range sp.Scores {
			scores[i] = sc.Scorer + "=" + continuum.FormatScore(sc.Score)
		}
		s.add(sp.Sample, sp.Target, strings.Join(scores, ";"), continuum.FormatScore(sp.Min), continuum.FormatScore(sp.Max), strconv.Itoa(sp.Steps))
	}
	if err := s.write(e.stdout, e.opts.format); err != nil {
		return err
	}
	if len(r.Excluded) > 0 {
		w := e.stdout
		if strings.EqualFold(e.opts.format, "csv") {
			w = e.stderr // keep the CSV clean
		} else {
			fmt.Fprintln(w)
		}
		fmt.Fprintf(w, "Left out, scored by one person only (%d):\n", len(r.Excluded))
		for _, x := range r.Excluded {
			fmt.Fprintf(w, "  %s\n", x)
		}
	}
	return nil
}

// pct writes a share as a percentage with one decimal: 0.8333 → 83.3.
func pct(share float64) string { return strconv.FormatFloat(100*share, 'f', 1, 64) }
