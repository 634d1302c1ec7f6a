package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage"
)

func runInfo(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		return usageError{"info takes no arguments"}
	}
	all, err := e.store.Continua(ctx)
	if err != nil {
		return fmt.Errorf("read continua: %w", err)
	}
	students, err := e.store.Students(ctx)
	if err != nil {
		return fmt.Errorf("read students: %w", err)
	}
	fmt.Fprintf(e.stdout, "Store: %s\n", e.store.Dir())
	fmt.Fprintf(e.stdout, "Students: %d\n", len(students))
	fmt.Fprintf(e.stdout, "Continua: %d\n", len(all))
	for _, c := range all {
		targets, err := e.store.Targets(ctx, c.ID)
		if err != nil {
			return fmt.Errorf("read targets of %s: %w", c.Name, err)
		}
		ev, err := e.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
		if err != nil {
			return fmt.Errorf("read evidence of %s: %w", c.Name, err)
		}
		fmt.Fprintf(e.stdout, "  %s: %s, %s, %s, %s, method %s\n", c.Name,
			continuum.Plural(len(c.Levels), "level", "levels"), continuum.Plural(len(c.Domains), "domain", "domains"),
			continuum.Plural(len(targets), "target", "targets"), continuum.Plural(len(ev), "piece of evidence", "pieces of evidence"), c.Method)
	}
	return nil
}

func runDemo(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 {
		return usageError{"demo takes no arguments"}
	}
	d := demo.Classroom()
	if existing, err := e.store.FindContinuum(ctx, d.Continuum.Name); err == nil {
		if !e.opts.replace {
			return fmt.Errorf("demo: the store already has a continuum named %q; run with --replace to load it again", existing.Name)
		}
		if err := e.store.DeleteContinuum(ctx, existing.ID); err != nil {
			return fmt.Errorf("demo: remove the old demo: %w", err)
		}
	} else if !errors.Is(err, continuum.ErrNotFound) {
		return fmt.Errorf("demo: %w", err)
	}
	if err := d.Load(ctx, e.store); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Loaded %q: %s, into %s\n", d.Continuum.Name, datasetSize(d), e.store.Dir())
	return nil
}

// sizeFlags are gen's size flags.
type sizeFlags struct {
	students, targets, evidence, levels, domains, flex int
	seed                                               uint64
}

func (s *sizeFlags) define(fs *flag.FlagSet) {
	fs.IntVar(&s.students, "students", 28, "number of students")
	fs.IntVar(&s.targets, "targets", 60, "number of targets")
	fs.IntVar(&s.evidence, "evidence", 0, "number of evidence records (default 20 per student)")
	fs.IntVar(&s.levels, "levels", 12, "number of levels")
	fs.IntVar(&s.domains, "domains", 5, "number of domains")
	fs.Uint64Var(&s.seed, "seed", 1, "random seed: the same seed gives the same data")
	fs.IntVar(&s.flex, "flex-offerings", 0, "add a flex block with this many offerings")
}

func runGen(ctx context.Context, e *env, args []string) error {
	if len(args) > 1 {
		return usageError{"usage: continuumctl gen [FILE.xlsx] [--students N] [--targets M] [--evidence K] [--flex-offerings N] [FLAGS]"}
	}
	s := e.opts.size
	if s.students < 1 || s.targets < 1 || s.levels < 1 || s.domains < 1 || s.evidence < 0 || s.flex < 0 {
		return usageError{"--students, --targets, --levels and --domains must be at least 1, --evidence and --flex-offerings at least 0"}
	}
	d := demo.Generate(e.opts.continuum, demo.Size{Students: s.students, Targets: s.targets, Evidence: s.evidence, Levels: s.levels, Domains: s.domains, Seed: s.seed, FlexOfferings: s.flex})
	if len(args) == 1 {
		return genWorkbook(ctx, e, d, args[0])
	}
	d.Continuum.ID = "" // let the store assign one, so several generated continua can live together
	if err := d.Load(ctx, e.store); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Generated %q: %s\n", d.Continuum.Name, datasetSize(d))
	return nil
}

// datasetSize says how big a dataset is: "36 targets, 28 students, 1,042
// evidence records", and its flex block's offerings when it has one.
func datasetSize(d *demo.Dataset) string {
	s := continuum.Plural(len(d.Targets), "target", "targets") + ", " + continuum.Plural(len(d.Students), "student", "students") +
		", " + continuum.Plural(len(d.Evidence), "evidence record", "evidence records")
	if len(d.Flex) > 0 {
		s += ", a flex block of " + continuum.Plural(len(d.Flex[0].Offerings), "offering", "offerings")
	}
	return s
}

func runList(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"say what to list: continuumctl list continua|targets|students|evidence"}
	}
	if err := checkFormat(e.opts.format); err != nil {
		return err
	}
	var t *table
	var err error
	switch args[0] {
	case "continua", "continuums":
		t, err = listContinua(ctx, e)
	case "targets":
		t, err = listTargets(ctx, e)
	case "students", "roster":
		t, err = listStudents(ctx, e)
	case "evidence":
		t, err = listEvidence(ctx, e)
	default:
		return usageError{fmt.Sprintf("cannot list %q; expected continua, targets, students or evidence", args[0])}
	}
	if err != nil {
		return fmt.Errorf("list %s: %w", args[0], err)
	}
	return t.write(e.stdout, e.opts.format)
}

func listContinua(ctx context.Context, e *env) (*table, error) {
	all, err := e.continua(ctx)
	if err != nil {
		return nil, err
	}
	t := newTable("name", "subject", "levels", "domains", "targets", "method", "cut", "id")
	for _, c := range all {
		targets, err := e.store.Targets(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		domains := make([]string, len(c.Domains))
		for i, d := range c.Domains {
			domains[i] = d.Name
		}
		t.add(c.Name, c.Subject, strings.Join(c.Levels, ";"), strings.Join(domains, ";"), strconv.Itoa(len(targets)),
			c.Method.String(), continuum.FormatScore(c.Scale.Cut), c.ID)
	}
	return t, nil
}

func listTargets(ctx context.Context, e *env) (*table, error) {
	all, err := e.continua(ctx)
	if err != nil {
		return nil, err
	}
	t := newTable("code", "continuum", "domain", "category", "level", "order", "statement", "milestone", "prerequisites", "evidence_required")
	for _, c := range all {
		targets, err := e.store.Targets(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		for _, tg := range targets {
			cat := ""
			if d := c.DomainIndex(tg.Domain); d >= 0 {
				cat = string(c.Domains[d].Category)
			}
			t.add(tg.Code, c.Name, tg.Domain, cat, tg.Level, strconv.Itoa(tg.Order), tg.Statement,
				yesNo(tg.Milestone), strings.Join(tg.Prerequisites, ";"), strconv.Itoa(tg.Required()))
		}
	}
	return t, nil
}

func listStudents(ctx context.Context, e *env) (*table, error) {
	students, err := e.store.Students(ctx)
	if err != nil {
		return nil, err
	}
	t := newTable("id", "name", "group", "external_id")
	for _, s := range students {
		if e.opts.group != "" && !strings.EqualFold(s.Group, e.opts.group) {
			continue
		}
		t.add(s.ID, s.Name, s.Group, s.ExternalID)
	}
	return t, nil
}

func listEvidence(ctx context.Context, e *env) (*table, error) {
	all, err := e.continua(ctx)
	if err != nil {
		return nil, err
	}
	var inGroup map[string]bool
	if e.opts.group != "" {
		students, err := e.store.Students(ctx)
		if err != nil {
			return nil, err
		}
		inGroup = map[string]bool{}
		for _, s := range students {
			if strings.EqualFold(s.Group, e.opts.group) {
				inGroup[s.ID] = true
			}
		}
	}
	t := newTable("student_id", "target", "date", "score", "kind", "scorer", "note", "continuum", "id")
	for _, c := range all {
		ev, err := e.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: e.opts.student, Target: e.opts.target})
		if err != nil {
			return nil, err
		}
		for _, x := range ev {
			if inGroup != nil && !inGroup[x.Student] {
				continue
			}
			t.add(x.Student, x.Target, x.Date.String(), continuum.FormatScore(x.Score), string(x.Kind), x.Scorer, x.Note, c.Name, strconv.FormatUint(x.ID, 10))
		}
	}
	return t, nil
}

func runPositions(ctx context.Context, e *env, args []string) error {
	defer classPace.pace()()
	if len(args) > 0 {
		return usageError{"positions takes no arguments; name the continuum with --continuum"}
	}
	if err := checkFormat(e.opts.format); err != nil {
		return err
	}
	on, err := e.day()
	if err != nil {
		return err
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("positions: %w", err)
	}
	g, class, err := continuum.LoadClass(ctx, e.store, c.ID)
	if err != nil {
		return fmt.Errorf("positions of %s: %w", c.Name, err)
	}
	if class.Students, err = e.inGroup(class.Students); err != nil {
		return fmt.Errorf("positions: %w", err)
	}
	level := func(i int) string {
		if i < 0 {
			return ""
		}
		return c.Levels[i]
	}
	t := newTable("student_id", "student", "domain", "secured_level", "working_level", "ready_next", "gaps", "pace", "category", "mastered", "targets", "pace_delta")
	for _, sp := range g.ClassPositions(class, on) {
		for _, p := range sp.Positions {
			delta := ""
			if p.Pace.Status != continuum.NoPlan {
				delta = strconv.Itoa(p.Pace.Delta)
			}
			t.add(sp.Student.ID, sp.Student.Name, p.Domain, level(p.Secured), level(p.Working),
				strings.Join(p.ReadyNext, ";"), strings.Join(p.Gaps, ";"), p.Pace.String(),
				string(p.Category), strconv.Itoa(p.Mastered), strconv.Itoa(p.Total), delta)
		}
	}
	return t.write(e.stdout, e.opts.format)
}

func runMastery(ctx context.Context, e *env, args []string) error {
	if len(args) > 0 || e.opts.student == "" || e.opts.target == "" {
		return usageError{"usage: continuumctl mastery --student ID --target CODE [--continuum NAME]"}
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("mastery: %w", err)
	}
	g, err := e.store.Graph(ctx, c.ID)
	if err != nil {
		return fmt.Errorf("mastery: %w", err)
	}
	tg, ok := g.Target(e.opts.target)
	if !ok {
		return fmt.Errorf("mastery: %s is not a target of %s", e.opts.target, c.Name)
	}
	st, err := e.store.Student(ctx, e.opts.student)
	if err != nil {
		return fmt.Errorf("mastery: %w", plain(err))
	}
	ev, err := e.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: st.ID, Target: tg.Code})
	if err != nil {
		return fmt.Errorf("mastery: %w", err)
	}
	overrides, err := e.store.Overrides(ctx, c.ID, st.ID)
	if err != nil {
		return fmt.Errorf("mastery: %w", err)
	}
	results, err := g.CompareMethods(tg.Code, ev)
	if err != nil {
		return fmt.Errorf("mastery: %w", err)
	}
	w := e.stdout
	fmt.Fprintf(w, "%s (%s) on %s: %s\n", st.Name, st.ID, tg.Code, tg.Statement)
	fmt.Fprintf(w, "Continuum %s, mastery cut %s, %s required.\n", c.Name, continuum.FormatScore(c.Scale.Cut),
		continuum.Plural(tg.Required(), "demonstration", "demonstrations"))
	continuum.SortEvidence(ev)
	scores := make([]string, len(ev))
	for i, x := range ev {
		scores[i] = x.Date.String() + " " + continuum.FormatScore(x.Score)
	}
	if len(ev) == 0 {
		fmt.Fprintln(w, "Evidence: none yet.")
	} else {
		fmt.Fprintf(w, "Evidence (%d, oldest first): %s\n", len(ev), strings.Join(scores, ", "))
	}
	for _, o := range overrides {
		if continuum.SameCode(o.Target, tg.Code) {
			fmt.Fprintf(w, "Override on %s by %s: %s. Reason: %s\n", o.Date, orDash(o.By), statusWord(o.Mastered), o.Reason)
			fmt.Fprintln(w, "The override outranks every method below.")
		}
	}
	fmt.Fprintln(w)
	t := newTable("method", "value", "mastered", "in_use", "explanation")
	t.width = 0
	for _, r := range results {
		value := "no result"
		if r.HasValue {
			value = continuum.FormatScore(r.Value)
		}
		t.add(r.Method.String(), value, yesNo(r.Mastered), yesNo(r.InUse), r.Method.Explain())
	}
	return t.write(w, "table")
}

func statusWord(mastered bool) string {
	if mastered {
		return "mastered"
	}
	return "not yet"
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

func runBackup(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: continuumctl backup FILE [--force]"}
	}
	path := args[0]
	if err := checkWritable(path, "term1.backup", e.opts.replace); err != nil {
		return err
	}
	if err := e.store.BackupFile(path); err != nil {
		return err // the store names the operation and the file
	}
	fmt.Fprintf(e.stdout, "Backed up %s to %s\n", e.store.Dir(), path)
	return nil
}

func runRestore(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: continuumctl restore FILE"}
	}
	if err := checkReadable(args[0], "the backup file"); err != nil {
		return err
	}
	f, err := os.Open(args[0])
	if err != nil {
		return fmt.Errorf("restore from %s: %w", args[0], err)
	}
	defer f.Close()
	saved, err := e.store.Restore(f)
	if errors.Is(err, storage.ErrPassphraseNeeded) {
		saved, err = restoreLocked(e, args[0])
	}
	if err != nil {
		return rehead("restore from "+args[0], "restore", err)
	}
	fmt.Fprintf(e.stdout, "Restored %s from %s\n", e.store.Dir(), args[0])
	if saved != "" {
		fmt.Fprintf(e.stdout, "The data it replaced was saved to %s\n", saved)
	}
	return nil
}
