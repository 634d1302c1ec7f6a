package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
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
	// same lists the file's short IDs that are the store's students with those IDs.
	same  string
	force bool
	// levelsAt and domainsAt say which depth of a framework's tree names
	// the levels and the domains (0: the default).
	levelsAt, domainsAt int
	// classes names the OneRoster classes to import (--class).
	classes string
}

// exportFlags are export's own flags.
var exportFlags struct {
	// passwordFile names the file holding the password to encrypt the workbook with.
	passwordFile string
	// deidentify writes pseudonyms for students and no names or notes.
	deidentify bool
	// keyFile names the file holding the key the pseudonyms are made with.
	keyFile string
}

// exportKeyEnv is the environment variable the key of a de-identified
// export's pseudonyms may come from, when no --deidentify-key-file is given.
const exportKeyEnv = "CONTINUUM_PLANNER_EXPORT_KEY"

// exportPasswordEnv is the environment variable an export's password may
// come from, when no --password-file is given.
const exportPasswordEnv = "CONTINUUM_PLANNER_EXPORT_PASSWORD"

func runExport(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: continuumctl export FILE [--format workbook|case|moodle|canvas] [--continuum NAME] [--group G] [--date YYYY-MM-DD] [--password-file F] [--deidentify [--deidentify-key-file F]] [--force]"}
	}
	path := args[0]
	format, err := exportFormat(e.opts.format, path)
	if err != nil {
		return err
	}
	password, from, err := exportPassword(exportFlags.passwordFile)
	if err != nil {
		return err
	}
	if format != workbook.FormatWorkbook {
		// A password in the environment is for workbooks; a file given
		// for this export says the person expects it to be protected.
		if exportFlags.passwordFile != "" {
			return usageError{fmt.Sprintf("%s: a password (%s) protects a workbook (.xlsx) only; a %s export holds the standards and no student data", path, from, format)}
		}
		return exportStandards(ctx, e, path, format)
	}
	if err := checkWritable(path, "class.xlsx", e.opts.book.force); err != nil {
		return err
	}
	on, err := e.day()
	if err != nil {
		return err
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	if e.opts.group != "" {
		students, err := e.store.Students(ctx)
		if err != nil {
			return fmt.Errorf("export: %w", err)
		}
		if _, err := e.inGroup(students); err != nil {
			return fmt.Errorf("export: %w", err)
		}
	}
	defer classPace.pace()()
	req := exchange.ExportRequest{Continuum: c.ID, Group: e.opts.group, On: on, AppVersion: version, Password: password, Deidentify: exportFlags.deidentify}
	if req.Deidentify {
		if req.DeidentifyKey, err = deidentifyKey(exportFlags.keyFile); err != nil {
			return err
		}
	}
	x, err := exchange.Export(ctx, e.store, req, path)
	if err != nil {
		return err
	}
	printExported(e, x, path, password != "")
	switch {
	case req.Deidentify && req.DeidentifyKey != "":
		fmt.Fprintln(e.stdout, "De-identified: students are known by pseudonyms, the same in every export with this key; no names, external IDs or notes.")
	case req.Deidentify:
		fmt.Fprintf(e.stdout, "De-identified: students are known by pseudonyms of this export only (give --deidentify-key-file F or %s to keep them from one export to the next); no names, external IDs or notes.\n", exportKeyEnv)
	}
	return nil
}

// deidentifyKey reads the key of a de-identified export's pseudonyms from
// the file named by --deidentify-key-file (its first line), or else from
// the environment; "" when there is none.
func deidentifyKey(file string) (string, error) {
	if file == "" {
		return os.Getenv(exportKeyEnv), nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("export: read the de-identification key: %w", err)
	}
	key, _, _ := strings.Cut(string(b), "\n")
	if key = strings.TrimSuffix(key, "\r"); key == "" {
		return "", usageError{fmt.Sprintf("--deidentify-key-file %s: the file's first line is empty; write the key on it", file)}
	}
	return key, nil
}

// printExported says what an export of a workbook wrote, and whether it
// is protected: a workbook of students' data without a password is named
// as such, with the way to protect it.
func printExported(e *env, x exchange.Exported, path string, protected bool) {
	wrote := []string{continuum.Plural(x.Targets, "target", "targets"), continuum.Plural(x.Students, "student", "students"),
		continuum.Plural(x.Evidence, "piece of evidence", "pieces of evidence"),
		continuum.Plural(x.Units, "unit", "units"), continuum.Plural(x.Flex, "flex block", "flex blocks")}
	// A coach's notes and a PLC's scores are named when there are some.
	if x.VisitNotes > 0 {
		wrote = append(wrote, continuum.Plural(x.VisitNotes, "visit note", "visit notes"))
	}
	if x.Calibration > 0 {
		wrote = append(wrote, continuum.Plural(x.Calibration, "calibration score", "calibration scores"))
	}
	fmt.Fprintf(e.stdout, "Exported %s (%s) to %s\n", x.Name, strings.Join(wrote, ", "), path)
	switch {
	case protected:
		fmt.Fprintln(e.stdout, "The workbook is encrypted: it opens only with its password.")
	case x.Students > 0 && !exportFlags.deidentify:
		fmt.Fprintf(e.stderr, "Note: the workbook holds %s data without a password; to send it, export with --password-file F (or %s).\n",
			continuum.Plural(x.Students, "student's", "students'"), exportPasswordEnv)
	}
}

// exportPassword reads the password of an export from the file named by
// --password-file (its first line), or else from the environment; from
// says where it came from, for messages. No password is "".
func exportPassword(file string) (password, from string, err error) {
	if file == "" {
		return os.Getenv(exportPasswordEnv), exportPasswordEnv, nil
	}
	b, err := os.ReadFile(file)
	if err != nil {
		return "", "", fmt.Errorf("export: read the password: %w", err)
	}
	password, _, _ = strings.Cut(string(b), "\n")
	password = strings.TrimSuffix(password, "\r")
	if password == "" {
		return "", "", usageError{fmt.Sprintf("--password-file %s: the file's first line is empty; write the password on it", file)}
	}
	if len([]rune(password)) > 255 {
		return "", "", usageError{fmt.Sprintf("--password-file %s: the password has %d characters; Excel takes at most 255", file, len([]rune(password)))}
	}
	return password, "--password-file", nil
}

// exportFormat reads --format of an export (auto or empty: from the file
// name's extension) and checks the file name fits it.
func exportFormat(flag, path string) (string, error) {
	ext := strings.ToLower(filepath.Ext(path))
	format := strings.ToLower(strings.TrimSpace(flag))
	if format == "" || format == workbook.FormatAuto {
		format = map[string]string{".xlsx": workbook.FormatWorkbook, ".json": exchange.FormatCASE}[ext]
		if format == "" {
			return "", usageError{fmt.Sprintf("%s: say what to write with --format %s (a .csv file may be for Moodle or for Canvas)", path, strings.Join(exchange.ExportFormats, "|"))}
		}
	}
	want := map[string]string{workbook.FormatWorkbook: ".xlsx", exchange.FormatCASE: ".json", exchange.FormatMoodle: ".csv", exchange.FormatCanvas: ".csv"}[format]
	switch {
	case want == "":
		return "", usageError{fmt.Sprintf("--format %q: expected %s", flag, strings.Join(exchange.ExportFormats, ", "))}
	case ext != want:
		return "", usageError{fmt.Sprintf("%s: a %s export is a %s file; name it so", path, format, want)}
	}
	return format, nil
}

// exportStandards writes the continuum's standards alone in another
// system's format.
func exportStandards(ctx context.Context, e *env, path, format string) error {
	if err := checkWritable(path, "standards"+filepath.Ext(path), e.opts.book.force); err != nil {
		return err
	}
	c, err := e.pickContinuum(ctx)
	if err != nil {
		return fmt.Errorf("export: %w", err)
	}
	x, err := exchange.Export(ctx, e.store, exchange.ExportRequest{Continuum: c.ID, Format: format}, path)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Exported %s (%s) to %s as %s\n", x.Name, continuum.Plural(x.Targets, "target", "targets"), path, format)
	return nil
}

func runImport(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return usageError{"usage: continuumctl import FILE [--format auto|workbook|csv|case|moodle|canvas|oneroster|roster|scores] [--continuum NAME] [--dry-run] [--sheet NAME] [--map field=COLUMN,...] [--password P] [--prefer mine|theirs] [--same ID,ID...]"}
	}
	format := strings.ToLower(strings.TrimSpace(e.opts.format))
	if !slices.Contains(exchange.ImportFormats, format) {
		return usageError{fmt.Sprintf("--format %q: expected %s", e.opts.format, strings.Join(exchange.ImportFormats, ", "))}
	}
	switch exchange.Route(args[0], format) {
	case exchange.FormatOneRoster, exchange.FormatRoster:
		return runImportRoster(ctx, e, args[0], format)
	case exchange.FormatScores:
		return runImportScores(ctx, e, args[0])
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
	if o.levelsAt < 0 || o.domainsAt < 0 {
		return usageError{"--levels-at and --domains-at: expected a depth of 1 or more"}
	}
	opts := exchange.ReadOptions{Password: o.password, Continuum: e.opts.continuum, Format: format, Sheet: o.sheet,
		LevelsAt: o.levelsAt, DomainsAt: o.domainsAt}
	if o.mapping != "" {
		m, err := workbook.ParseMap(o.mapping)
		if err != nil {
			return usageError{"--map: " + err.Error()}
		}
		opts.Map = m
	}
	if err := checkReadable(args[0], "the workbook"); err != nil {
		return err
	}
	defer importPace.pace()()
	plan, err := exchange.PlanImport(ctx, e.store, args[0], opts)
	if err != nil {
		return err
	}
	if o.same != "" {
		if err := plan.SameStudents(strings.Split(o.same, ",")); err != nil {
			return usageError{"--same: " + plain(err).Error()}
		}
	}
	plan.Prefer(prefer)
	printPreview(e.stdout, plan)
	if o.dryRun {
		return dryRun(e, plan)
	}
	applied, err := plan.Apply(ctx, e.store, nil)
	switch {
	case errors.Is(err, exchange.ErrNothingToImport):
		fmt.Fprintln(e.stdout, "Nothing to import: the store already holds everything in this workbook.")
		return nil
	case err != nil:
		return err
	}
	fmt.Fprintf(e.stdout, "Imported into %s. The store as it was before is saved in %s\n", applied.Continuum.Name, applied.Backup)
	return nil
}

// collectorPace is how the Go collector is paced during one command that
// holds a district's data at once: percent is GOGC's (0: left as it is),
// limit GOMEMLIMIT's, the soft heap size the runtime keeps under. Either
// is left alone when the environment sets it.
type collectorPace struct {
	percent int
	limit   int64
}

// importPace: a district's workbook (200,000 pieces of evidence) holds
// about 150 MB at once during an import: the decoded file, the merge
// planned from it, the store's write buffers. Left to its default pacing,
// the collector let the garbage of decoding grow the heap to twice what
// was live before collecting it, and the import peaked at 400 MB; with
// this limit it stays near 240 MB. Collecting less often (GOGC 400) made
// it no faster.
var importPace = collectorPace{limit: 200 << 20}

// classPace is for the commands that read a whole class at once (export,
// positions, flex suggest, the class map, unit readiness): about 150 MB
// live for a district, read in one go. At GOGC 100 the collector ran
// again and again while the class was read, as the live heap grew, and
// its work while the evidence was gathered into one slice (barriers and
// page faults on fresh memory, each a signal or a TLB flush across cores)
// made the same command take 0.4 s in one run and 0.9 s in the next
// (positions; sys time 0.15 s against 0.9 s). At GOGC 400 it runs rarely
// in that time: positions 0.34–0.37 s in six runs out of six, the export
// reads the class in 0.2 s against 0.4–0.9 s. The limit keeps the heap
// from growing to five times the class once it is read: the district
// export peaked at 285 MB like this, 300–320 MB at the default pacing
// (whole command, 1.7–2.4 s against 2.5–2.8 s); positions at 216 MB
// against 175 MB.
var classPace = collectorPace{percent: 400, limit: 250 << 20}

// pace sets p for the rest of the command and returns what puts the
// pacing before it back (for commands run one after another in a test).
func (p collectorPace) pace() (restore func()) {
	restore = func() {}
	if p.percent != 0 && os.Getenv("GOGC") == "" {
		old := debug.SetGCPercent(p.percent)
		restore = func() { debug.SetGCPercent(old) }
	}
	if p.limit != 0 && os.Getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(p.limit)
		before := restore
		restore = func() { debug.SetMemoryLimit(old); before() }
	}
	return restore
}

// dryRun ends an import --dry-run: it checks the plan as the real import
// would (Plan.Change) and fails, so the exit status is 1, when the import
// would refuse the file: problems in it, or a merge that breaks a rule.
// A file the store already holds whole is no refusal.
func dryRun(e *env, plan *exchange.Plan) error {
	_, err := plan.Change()
	switch {
	case errors.Is(err, exchange.ErrNothingToImport):
		fmt.Fprintln(e.stdout, "Dry run: nothing was changed. Importing it would change nothing either: the store already holds everything in this workbook.")
		return nil
	case err != nil:
		fmt.Fprintln(e.stdout, "Dry run: nothing was changed. The import would refuse this file.")
		return err
	}
	fmt.Fprintln(e.stdout, "Dry run: nothing was changed.")
	return nil
}

// conflictNoun names a record of a section in a conflict's line:
// "Target NO.1.1", "Calibration score Essay A on NO.1.1 by AB".
func conflictNoun(section string) string {
	if section == continuum.SectionCalibration {
		return "Calibration score"
	}
	return strings.TrimSuffix(section, "s")
}

// printPreview writes what an import would do: counts per sheet, every
// problem and refusal with its place, and each conflict side by side.
func printPreview(w io.Writer, p *exchange.Plan) {
	about := p.File.Book.About
	kind := string(about.Layout)
	if about.Format != "" {
		kind += "; " + about.Format
	}
	fmt.Fprintf(w, "Import of %s (%s) into ", about.File, kind)
	if p.Merge.NewContinuum {
		fmt.Fprintf(w, "a new continuum %q\n", p.Merge.Continuum.Name)
	} else {
		fmt.Fprintf(w, "the stored continuum %q\n", p.Merge.Continuum.Name)
	}
	t := newTable(append([]string{"sheet"}, outcomeNames()...)...)
	for _, s := range continuum.Sections {
		row := []string{s}
		for _, o := range continuum.Outcomes {
			row = append(row, fmt.Sprint(p.Count(s, o)))
		}
		t.add(row...)
	}
	t.write(w, "table")
	if len(p.Problems) > 0 {
		fmt.Fprintf(w, "\nProblems and refused records (%d):\n", len(p.Problems))
		for _, is := range p.Problems {
			fmt.Fprintf(w, "  %s\n", is)
		}
	}
	if len(p.Merge.Conflicts) > 0 {
		fmt.Fprintf(w, "\nDefined differently (%d); --prefer mine (the default) keeps the store's, --prefer theirs takes the workbook's:\n", len(p.Merge.Conflicts))
		for _, c := range p.Merge.Conflicts {
			fmt.Fprintf(w, "  %s %s differs in %s\n", conflictNoun(c.Section), c.Key, strings.Join(c.Fields, ", "))
			for _, f := range c.Fields {
				fmt.Fprintf(w, "    %-14s mine:   %s\n", f, continuum.FieldValue(c.Mine, f))
				fmt.Fprintf(w, "    %-14s theirs: %s\n", "", continuum.FieldValue(c.Theirs, f))
			}
		}
	}
	if len(p.Warnings) > 0 {
		fmt.Fprintf(w, "\nWarnings (%d):\n", len(p.Warnings))
		for _, is := range p.Warnings {
			fmt.Fprintf(w, "  %s\n", is)
		}
	}
	var others []string
	for _, r := range p.Merge.Renumbered {
		if !r.Same {
			others = append(others, r.From)
		}
	}
	if len(others) > 0 {
		who := continuum.Plural(len(others), "student of the file is", "students of the file are")
		fmt.Fprintf(w, "\n%s added as new: they have your students' IDs but other names or SIS IDs. If one is your student, say so: --same %s\n", who, others[0])
	}
}

func outcomeNames() []string {
	out := make([]string, len(continuum.Outcomes))
	for i, o := range continuum.Outcomes {
		out[i] = string(o)
	}
	return out
}
