package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage"
	"github.com/continuum-planner/planner/storage/workbook"
)

// command is one subcommand of continuumctl.
type command struct {
	name    string
	args    string // the positional arguments, for usage
	summary string
	flags   func(fs *flag.FlagSet, o *options)
	run     func(ctx context.Context, e *env, args []string) error
	// noStore, when set, says for the given arguments that the command
	// works on files only: the store is not opened, and env.store is nil.
	noStore func(args []string) bool
}

// options holds every flag a subcommand may define.
type options struct {
	continuum string
	format    string
	student   string
	target    string
	group     string
	date      string
	replace   bool
	size      sizeFlags
	flex      flexOptions
	png       string
	unit      string
	book      workbookOptions
	report    string
	latest    bool
}

// env is what a running command has: the open store and where to write.
type env struct {
	store  *storage.Store
	opts   *options
	stdout io.Writer
	stderr io.Writer
	// db is --db as given ("" for the default folder).
	db string
}

// usageError marks a mistake in how the command was called (exit status 2).
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func commands() []command {
	return append([]command{
		{name: "info", summary: "say where the store is and what it holds", run: runInfo},
		{name: "check", summary: "verify every table of the store (checksums) and decode every record; exit 1 if the store is damaged", run: runCheck},
		{name: "demo", summary: "load the demonstration classroom (Math Foundations, 28 students, a term of evidence)",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.BoolVar(&o.replace, "replace", false, "replace the demo continuum if it is already there")
			}, run: runDemo},
		{name: "gen", args: "[FILE.xlsx]", summary: "generate a synthetic continuum, roster and evidence of a chosen size, into the store or (given FILE.xlsx) as a workbook",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.continuum, "continuum", "Generated", "name of the new continuum")
				o.size.define(fs)
				fs.StringVar(&o.date, "date", "", "workbook: compute positions as of this day, YYYY-MM-DD (default: today)")
				fs.BoolVar(&o.book.force, "force", false, "workbook: replace FILE if it exists")
			}, run: runGen, noStore: func(args []string) bool { return len(args) == 1 }},
		{name: "list", args: "continua|targets|students|evidence", summary: "list what the store holds",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.continuum, "continuum", "", "continuum name (default: all continua)")
				fs.StringVar(&o.format, "format", "table", "output format: table or csv")
				fs.StringVar(&o.student, "student", "", "evidence: only this student ID")
				fs.StringVar(&o.target, "target", "", "evidence: only this target code")
				fs.StringVar(&o.group, "group", "", "students and evidence: only this group")
			}, run: runList},
		{name: "positions", summary: "where each student sits on each domain: secured and working level, ready-next targets, gaps, pace",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.continuum, "continuum", "", "continuum name (required when the store has several)")
				fs.StringVar(&o.format, "format", "table", "output format: table or csv")
				fs.StringVar(&o.group, "group", "", "only students of this group")
				fs.StringVar(&o.date, "date", "", "judge pace as of this day, YYYY-MM-DD (default: today)")
			}, run: runPositions},
		{name: "reportcard", summary: "roll the targets up into the report card's standards: each student's level per standard and why, as a table or the CSV for the SIS; --set MAPPING.csv maps the targets",
			flags: defineReportCardFlags, run: runReportCard},
		{name: "mastery", summary: "every mastery method side by side for one student on one target",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.continuum, "continuum", "", "continuum name (required when the store has several)")
				fs.StringVar(&o.student, "student", "", "student ID (required)")
				fs.StringVar(&o.target, "target", "", "target code (required)")
			}, run: runMastery},
		{name: "export", args: "FILE", summary: "write a continuum with its roster, evidence and computed sheets to a workbook, or its standards as a CASE package, a Moodle framework or Canvas outcomes",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.format, "format", workbook.FormatAuto, "what to write: workbook (FILE.xlsx, everything), case (FILE.json, a CASE 1.0 package), moodle or canvas (FILE.csv); auto goes by FILE's extension")
				fs.StringVar(&o.continuum, "continuum", "", "continuum name (required when the store has several)")
				fs.StringVar(&o.group, "group", "", "only students of this group")
				fs.StringVar(&o.date, "date", "", "compute positions as of this day, YYYY-MM-DD (default: today)")
				fs.StringVar(&exportFlags.passwordFile, "password-file", "", "encrypt the workbook with the password on F's first line, as Excel does (default: "+exportPasswordEnv+" when set)")
				fs.BoolVar(&exportFlags.deidentify, "deidentify", false, "for coaches and calibration: students known by pseudonyms, and no names, external IDs or notes")
				fs.StringVar(&exportFlags.keyFile, "deidentify-key-file", "", "make the pseudonyms with the key on F's first line, so that they stay the same from one export to the next (default: "+exportKeyEnv+" when set)")
				fs.BoolVar(&o.book.force, "force", false, "replace FILE if it exists")
			}, run: runExport},
		{name: "import", args: "FILE", summary: "merge a workbook (ours, a colleague's, or a standards list as xlsx or CSV), a CASE package, a Moodle framework or Canvas outcomes into the store, after a preview and a backup",
			flags: importFlags, run: runImport},
		{name: "review", args: "FILE.xlsx", summary: "say what a workbook holds (continuum, targets, roster, evidence, units, flex blocks, as-of date) without importing anything",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.book.password, "password", "", "password of a protected workbook")
			}, run: runReview, noStore: func([]string) bool { return true }},
		{name: "calibrate", args: "FILE.xlsx [FILE.xlsx...]", summary: "merge the Calibration sheets of workbooks and report how closely the scorers agree, per target and per sample",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.format, "format", "table", "output format: table or csv")
				fs.StringVar(&o.report, "report", "", "also write the report as a workbook (FILE.xlsx)")
				fs.BoolVar(&o.book.force, "force", false, "replace the report file if it exists")
				fs.StringVar(&o.book.password, "password", "", "password of protected workbooks")
			}, run: runCalibrate, noStore: func([]string) bool { return true }},
		{name: "classmap", summary: "draw the class map (students × targets, coloured by mastery) as a PNG for a report",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.continuum, "continuum", "", "continuum name (required when the store has several)")
				fs.StringVar(&o.png, "png", "", "the PNG file to write (required)")
				fs.StringVar(&o.group, "group", "", "only students of this group")
				fs.StringVar(&o.date, "date", "", "judge mastery as of this day, YYYY-MM-DD (default: today)")
			}, run: runClassMap},
		{name: "report", summary: "write a student's progress report (PDF, or a page as PNG), or a group's reports in one PDF behind a cover page, in English or Spanish",
			flags: defineReportFlags, run: runReport},
		{name: "units", args: "list|readiness", summary: "list the units, or who is ready for a unit and who needs support on which prerequisites",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.continuum, "continuum", "", "continuum name (default: all for list; required when the store has several for readiness)")
				fs.StringVar(&o.unit, "unit", "", "readiness: the unit's title or ID")
				fs.StringVar(&o.group, "group", "", "readiness: only students of this group")
				fs.StringVar(&o.format, "format", "table", "output format: table or csv")
			}, run: runUnits},
		{name: "flex", args: "blocks|suggest|assign|record", summary: "flex-time blocks: list them, suggest groups from mastery, place a student, record attendance",
			flags: defineFlexFlags, run: runFlex},
	}, safetyCommands()...)
}

// safetyCommands are the commands that keep, restore, protect and remove
// the store's data.
func safetyCommands() []command {
	return []command{
		{name: "remove-student", args: "ID", summary: "remove a student and everything kept about them (evidence, overrides, flex places, calibration scores and visit notes naming them); says what would go unless --yes",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.BoolVar(&removeStudentFlags.yes, "yes", false, "remove them for good; without it, nothing is removed")
			}, run: runRemoveStudent},
		{name: "backup", args: "FILE", summary: "write the whole store to a backup file",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.BoolVar(&o.replace, "force", false, "replace FILE if it exists")
			}, run: runBackup},
		{name: "restore", args: "FILE|--latest", summary: "replace the store's data with a backup file, or the newest automatic backup (the current data is saved first)",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.BoolVar(&o.latest, "latest", false, "restore the newest automatic backup (see continuumctl backups); works on a data folder that cannot be opened, which is moved aside")
			}, run: runRestoreCommand, noStore: func(args []string) bool { return len(args) == 0 }},
		{name: "backups", summary: "list the automatic backups taken before imports and restores, newest first",
			flags: func(fs *flag.FlagSet, o *options) {
				fs.StringVar(&o.format, "format", "table", "output format: table or csv")
			}, run: runBackups, noStore: func([]string) bool { return true }},
		{name: "encrypt", summary: "encrypt the data folder with a passphrase (from " + passphraseEnv + " or asked for) and print its recovery key once",
			run: runEncrypt, noStore: func([]string) bool { return true }},
		{name: "decrypt", summary: "store the data folder unencrypted again, given its passphrase or recovery key",
			run: runDecrypt, noStore: func([]string) bool { return true }},
		{name: "passphrase", summary: "change the encrypted data folder's passphrase (the current one or the recovery key from " + passphraseEnv + ", the new one from " + newPassphraseEnv + ", or asked for)",
			run: runPassphrase, noStore: func([]string) bool { return true }},
	}
}

const globalUsage = `continuumctl works with a Continuum Planner store from the command line.

Usage:
  continuumctl [--db DIR] COMMAND [ARGS] [FLAGS]

The store is DIR, or $CONTINUUM_PLANNER_DB, or the default data folder.
Run "continuumctl COMMAND --help" for a command's flags.

Commands:
`

func printUsage(w io.Writer) {
	fmt.Fprint(w, globalUsage)
	for _, c := range commands() {
		name := c.name
		if c.args != "" {
			name += " " + c.args
		}
		fmt.Fprintf(w, "  %-44s %s\n", name, c.summary)
	}
}

// run executes continuumctl with args and returns the exit status:
// 0 on success, 1 when the command failed, 2 when it was called wrongly.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	global := flag.NewFlagSet("continuumctl", flag.ContinueOnError)
	global.SetOutput(io.Discard)
	db := global.String("db", "", "the store's data folder")
	if err := global.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			printUsage(stdout)
			return 0
		}
		fmt.Fprintf(stderr, "continuumctl: %v\n", err)
		return 2
	}
	rest := global.Args()
	if len(rest) == 0 {
		printUsage(stderr)
		return 2
	}
	if rest[0] == "help" {
		printUsage(stdout)
		return 0
	}
	var cmd *command
	for _, c := range commands() {
		if c.name == rest[0] {
			cmd = &c
			break
		}
	}
	if cmd == nil {
		fmt.Fprintf(stderr, "continuumctl: unknown command %q; run continuumctl --help for the list\n", rest[0])
		return 2
	}
	o := &options{}
	fs := flag.NewFlagSet(cmd.name, flag.ContinueOnError)
	fs.SetOutput(stdout)
	fs.StringVar(db, "db", *db, "the store's data folder")
	if cmd.flags != nil {
		cmd.flags(fs, o)
	}
	fs.Usage = func() {
		line := "continuumctl [--db DIR] " + cmd.name
		if cmd.args != "" {
			line += " " + cmd.args
		}
		fmt.Fprintf(fs.Output(), "Usage: %s [FLAGS]\n\n%s.\n\nFlags:\n", line, upperFirst(cmd.summary))
		fs.PrintDefaults()
	}
	positional, err := parseInterleaved(fs, rest[1:])
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "continuumctl %s: %v\n", cmd.name, err)
		return 2
	}
	e := &env{opts: o, stdout: stdout, stderr: stderr, db: *db}
	if cmd.noStore != nil && cmd.noStore(positional) {
		return exitStatus(cmd.name, cmd.run(ctx, e, positional), stderr)
	}
	dir := *db
	if dir == "" {
		if dir, err = storage.DefaultDir(); err != nil {
			fmt.Fprintf(stderr, "continuumctl: %v\n", err)
			return 1
		}
	}
	sopts, err := storeOptions(dir, stderr)
	if err != nil {
		fmt.Fprintf(stderr, "continuumctl: %v\n", err)
		return 1
	}
	st, err := storage.Open(dir, sopts)
	if err != nil {
		fmt.Fprintf(stderr, "continuumctl: %v\n", err)
		return 1
	}
	e.store = st
	err = cmd.run(ctx, e, positional)
	if cerr := st.Close(); err == nil && cerr != nil {
		err = cerr
	}
	return exitStatus(cmd.name, err, stderr)
}

// exitStatus reports a command's error and returns the exit status: 2 for
// a usage error, 1 for any other, 0 for none.
func exitStatus(name string, err error, stderr io.Writer) int {
	var uerr usageError
	switch {
	case errors.As(err, &uerr):
		fmt.Fprintln(stderr, errorLine(name, err))
		return 2
	case err != nil:
		fmt.Fprintln(stderr, errorLine(name, err))
		return 1
	}
	return 0
}

// errorLine writes a command's error as one line that names the command
// once. An error wrapped with the command's own operation ("mastery: …",
// "import term.xlsx: …", "restore from FILE: …") follows "continuumctl "
// directly; any other is headed "continuumctl NAME: ".
func errorLine(name string, err error) string {
	msg := oneLine(err)
	if strings.HasPrefix(msg, name+": ") || strings.HasPrefix(msg, name+" ") {
		return "continuumctl " + msg
	}
	return "continuumctl " + name + ": " + msg
}

// parseInterleaved parses flags that may come before, between or after
// the positional arguments, and returns the positional arguments.
func parseInterleaved(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return positional, nil
		}
		positional = append(positional, args[0])
		args = args[1:]
	}
}

func oneLine(err error) string {
	return strings.Join(strings.Fields(err.Error()), " ")
}

func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// pickContinuum resolves --continuum: the named one, or the only one.
func (e *env) pickContinuum(ctx context.Context) (continuum.Continuum, error) {
	if e.opts.continuum != "" {
		c, err := e.store.FindContinuum(ctx, e.opts.continuum)
		return c, plain(err)
	}
	all, err := e.store.Continua(ctx)
	if err != nil {
		return continuum.Continuum{}, err
	}
	switch len(all) {
	case 0:
		return continuum.Continuum{}, errors.New("the store has no continuum yet; run continuumctl demo, or create one in the app")
	case 1:
		return all[0], nil
	}
	names := make([]string, len(all))
	for i, c := range all {
		names[i] = c.Name
	}
	sort.Strings(names)
	return continuum.Continuum{}, usageError{fmt.Sprintf("the store has %d continua; choose one with --continuum (%s)", len(all), strings.Join(names, ", "))}
}

// day returns --date, or today when it is not given.
func (e *env) day() (continuum.Date, error) {
	if e.opts.date == "" {
		return continuum.Today(), nil
	}
	d, err := continuum.ParseDate(e.opts.date)
	if err != nil {
		return continuum.Date{}, usageError{"--date: " + plain(err).Error()}
	}
	return d, nil
}

// inGroup keeps the students of --group (matched case-insensitively), or
// all of them when it is not given; a group nobody is in is an error.
func (e *env) inGroup(students []continuum.Student) ([]continuum.Student, error) {
	if e.opts.group == "" {
		return students, nil
	}
	var kept []continuum.Student
	for _, s := range students {
		if strings.EqualFold(s.Group, e.opts.group) {
			kept = append(kept, s)
		}
	}
	if len(kept) == 0 {
		return nil, fmt.Errorf("no student is in group %q", e.opts.group)
	}
	return kept, nil
}

// continua resolves --continuum for listings: the named one, or all.
func (e *env) continua(ctx context.Context) ([]continuum.Continuum, error) {
	if e.opts.continuum != "" {
		c, err := e.store.FindContinuum(ctx, e.opts.continuum)
		if err != nil {
			return nil, plain(err)
		}
		return []continuum.Continuum{c}, nil
	}
	return e.store.Continua(ctx)
}

// importFlags are the flags of import: for every kind of file, then those
// of score sheets, class lists and frameworks.
func importFlags(fs *flag.FlagSet, o *options) {
	fs.StringVar(&o.format, "format", workbook.FormatAuto, "what FILE is: auto (recognised by its content), workbook (.xlsx), csv (a comma-, semicolon- or tab-separated standards list), case (a CASE package, JSON), moodle (a Moodle competency framework, CSV), canvas (Canvas outcomes, CSV), oneroster (a OneRoster set, a folder or zip), roster (a class list) or scores (a score sheet)")
	fs.StringVar(&o.continuum, "continuum", "", "continuum name (default: from the workbook or its file name)")
	fs.BoolVar(&o.book.dryRun, "dry-run", false, "print the preview and change nothing; exit 1 if the import would refuse the file, 0 if it would go ahead (or find nothing new)")
	fs.StringVar(&o.book.sheet, "sheet", "", "read this sheet as a standards list")
	fs.StringVar(&o.book.classes, "class", "", "OneRoster classes to import, by title, class code or sourcedId, comma-separated (at a terminal, the classes are listed and one must be chosen; with no terminal, every class is taken)")
	fs.StringVar(&scoresFlags.words, "words", "", "scores: the points of scores written as words or letters, WORD=POINT[,WORD=POINT...], each point a value or label of the scale, e.g. M=3,J=2,A=4,NC=1 (default: the preview's guess, which it prints as a --words flag)")
	fs.StringVar(&scoresFlags.date, "date", "", "scores: the date of the scores the file leaves undated, YYYY-MM-DD (a Canvas mastery export: default the day the file was saved)")
	fs.StringVar(&scoresFlags.kind, "kind", "", "scores: the kind of evidence of scores whose kind the file does not give: formative (default), summative, performance-task, observation or self-assessment")
	fs.StringVar(&scoresFlags.scorer, "scorer", "", "scores: who scored the scores whose scorer the file does not give, e.g. your initials")
	fs.StringVar(&scoresFlags.match, "match", "", `scores: who students of the file are, NAME=ID[,NAME=ID...] (semicolons when names hold commas), e.g. "Rosa Martinez=S018"`)
	fs.StringVar(&scoresFlags.leaveOut, "leave-out", "", "scores: students (name or ID) and targets (column header) whose scores are left out, comma-separated")
	fs.BoolVar(&scoresFlags.addStudents, "add-students", false, "scores: add the file's students nobody on the roster is (and nobody resembles) as new students")
	fs.IntVar(&o.book.levelsAt, "levels-at", 0, "a framework's levels are the names of its items at this depth (1 the top: a Moodle taxonomy level, a Canvas group), not its items' education levels")
	fs.IntVar(&o.book.domainsAt, "domains-at", 0, "a framework's domains are its items at this depth (default: the top-most that are not grade groupings)")
	fs.StringVar(&o.book.mapping, "map", "", "which column holds what: field=COLUMN[,field=COLUMN...]; a standards list's fields are code, statement, level, domain, parent, category, order, source (the item's identifier in its source); a class list's are name, first, middle, family, id, external, group, grade")
	fs.StringVar(&o.book.password, "password", "", "password of a protected workbook")
	fs.StringVar(&o.book.prefer, "prefer", "mine", "for records defined differently: mine (keep the store's) or theirs (take the workbook's)")
	fs.StringVar(&o.book.same, "same", "", "the file's students with these IDs (e.g. S001,S004) are your students with the same IDs, though named differently, or the near-misses a class list's preview names are the students it names: their records go to yours instead of new students (see the preview's warnings)")
}
