package exchange

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/scores"
	"github.com/continuum-planner/planner/storage/workbook"
)

// FormatScores names score sheets for ReadOptions.Format and the command
// line's --format: a wide or long score sheet (xlsx or CSV) or Canvas's
// Learning Mastery Gradebook export.
const FormatScores = "scores"

// LayoutScores is the Book layout of a score sheet imported (About.Layout).
const LayoutScores workbook.Layout = "score sheet"

// ScoresOptions tune how a score sheet is read and matched with the store.
type ScoresOptions struct {
	// Name is the file's name as messages show it (default: the path's base name).
	Name string
	// Password opens a password-protected workbook.
	Password string
	// Sheet names the one sheet to read (default: every sheet holding scores).
	Sheet string
	// Continuum names the stored continuum (name or ID) the scores are on;
	// empty: the only one, or the one that knows the file's targets.
	Continuum string
	// Date dates the scores the file leaves undated; zero: the file must
	// date them (Canvas's export, which never does, is then dated by the
	// day the file was saved).
	Date continuum.Date
	// Kind is the kind of evidence of the scores whose kind the file does
	// not give (default formative).
	Kind continuum.EvidenceKind
	// Scorer is who scored the scores whose scorer the file does not give.
	Scorer string
	// Words maps scores written as words or letters to scale points, a
	// value or a label of the scale each ("M" → "3", "NC" → "Beginning"):
	// the teacher's word, over the guess (ParseWords reads --words).
	Words map[string]string
	// Match says who students of the file are: their name or ID in the
	// file → a stored student's ID, for near-misses and names the roster
	// spells otherwise (ParseMatch reads --match).
	Match map[string]string
	// AddStudents adds the students of the file nobody on the roster is
	// (and nobody resembles) as new students, instead of refusing their scores.
	AddStudents bool
	// LeaveOut names students (name or ID) and targets (a column header,
	// code or statement as the file writes them) whose scores are left
	// out, with a warning, instead of refused.
	LeaveOut []string
}

// ScoresSource is what planning an import of scores reads from a store.
type ScoresSource interface {
	Source
	// Continua lists the stored continua.
	Continua(ctx context.Context) ([]continuum.Continuum, error)
}

// ScoresFile is a score sheet read from disk, not yet compared with any store.
type ScoresFile struct {
	// Path is where the file was read from.
	Path string
	// Modified is when the file was last changed.
	Modified time.Time
	// Scores is what the file holds, as written, with its problems.
	Scores *scores.File
}

// LooksLikeScores reports whether the file at path is a score sheet (a
// wide or long one, xlsx or CSV, or a Canvas Learning Mastery Gradebook
// export), from a look at its first rows: what `continuumctl import` and
// the app's Import… ask before reading a file as anything else. A class
// list, a standards list and Continuum Planner's own workbook are not.
func LooksLikeScores(path string) bool {
	_, ok := scores.Recognise(context.Background(), path, scores.Options{})
	return ok
}

// ReadScores reads the score sheet at path. The cells and rows it cannot
// read are problems of the file (ScoresFile.Scores.Problems); an error is
// returned only when the file cannot be read at all.
func ReadScores(ctx context.Context, path string, opts ScoresOptions) (*ScoresFile, error) {
	name := opts.Name
	if name == "" {
		name = filepath.Base(path)
	}
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	f, err := scores.Read(ctx, path, scores.Options{Name: name, Password: opts.Password, Sheet: opts.Sheet})
	if err != nil {
		return nil, err
	}
	return &ScoresFile{Path: path, Modified: fi.ModTime(), Scores: f}, nil
}

// PlanScores reads the score sheet at path and compares it with the
// store: ReadScores, then ScoresFile.Plan.
func PlanScores(ctx context.Context, s ScoresSource, path string, opts ScoresOptions) (*ScoresPlan, error) {
	f, err := ReadScores(ctx, path, opts)
	if err != nil {
		return nil, err
	}
	return f.Plan(ctx, s, opts)
}

// ScoresPlan is a score sheet compared with the store: who each student
// of the file is, which target each of its targets is, what each word
// written for a score is worth, and the merge it makes; Plan.Apply writes
// it. Nothing is written while the plan has problems.
type ScoresPlan struct {
	// Plan is the import's plan: counts, problems and warnings with their
	// places, what Apply writes. Its File holds the Book of the scores.
	// Count(SectionEvidence, Refused) counts the scores refused (a refused
	// student's or target's every score) and the cells the file could not read.
	*Plan
	// Scores is the file as read.
	Scores *scores.File
	// Continuum is the stored continuum the scores are on.
	Continuum continuum.Continuum
	// Students are the file's students (parallel to Scores.Students), each
	// with whom they are matched to and what happens to their scores.
	Students []StudentMatch
	// Targets are the file's targets (parallel to Scores.Targets), each
	// with the stored target it is and what happens to its scores.
	Targets []TargetMatch
	// Words are the scores written as words, letters or with a + or -,
	// with the scale point each is read as, by the teacher's word or a guess.
	Words []WordScore
	// Dated says how the scores the file leaves undated were dated; "" when it dates them all.
	Dated string
}

// Plan compares the file with the store: it picks the stored continuum,
// matches the students and targets, reads every score against the scale,
// and plans the merge of the scores as evidence (identical evidence is
// not doubled). Nothing is written.
func (f *ScoresFile) Plan(ctx context.Context, s ScoresSource, opts ScoresOptions) (*ScoresPlan, error) {
	name := f.Scores.Name
	c, err := scoresContinuum(ctx, s, opts.Continuum, f.Scores)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	mine, err := snapshot(ctx, s, c)
	if err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	words, err := teacherWords(opts.Words, c.Scale)
	if err != nil {
		return nil, fmt.Errorf("import %s: --words: %w", name, err)
	}
	if err := checkMatch(opts.Match, mine.Students); err != nil {
		return nil, fmt.Errorf("import %s: --match: %w", name, err)
	}
	sp := &ScoresPlan{Scores: f.Scores, Continuum: c}
	b := &scoresBook{plan: sp, book: &workbook.Book{Continuum: mine.Continuum}, opts: opts}
	sp.Targets = matchTargets(f.Scores.Targets, mine.Targets, leaveOut(opts.LeaveOut))
	sp.Students = matchStudents(f.Scores.Students, mine.Students, opts)
	sp.Words = b.readWords(words)
	b.dateUndated(f)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("import %s: %w", name, err)
	}
	b.build()
	file := &File{Path: f.Path, Modified: f.Modified, Book: b.book}
	p := &Plan{File: file, Stored: mine, Merge: continuum.PlanMerge(mine, mine.Students, file.Snapshot())}
	p.review()
	p.refused = map[string]int{continuum.SectionEvidence: b.refused} // the scores refused, not the problems naming them
	for _, r := range p.Merge.Refusals {
		p.refused[r.Section]++
	}
	sp.Plan = p
	return sp, nil
}

// WordsFlag is the --words flag that gives the words of this file the
// points they were read as: printed after a preview, so that the next
// file is read the same way; "" when the file writes no words.
func (sp *ScoresPlan) WordsFlag() string {
	var parts []string
	for _, w := range sp.Words {
		if w.Known && !strings.ContainsAny(w.Word, ",=\"") {
			parts = append(parts, w.Word+"="+continuum.FormatScore(w.Value))
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return `--words "` + strings.Join(parts, ",") + `"`
}

// scoresContinuum finds the stored continuum the scores are on: the one
// named, else the only one, else the one that knows most of the file's
// targets.
func scoresContinuum(ctx context.Context, s ScoresSource, name string, f *scores.File) (continuum.Continuum, error) {
	if name = strings.TrimSpace(name); name != "" {
		c, err := FindStored(ctx, s, name, name)
		switch {
		case err != nil:
			return continuum.Continuum{}, err
		case c == nil:
			return continuum.Continuum{}, continuum.NotFoundf("continuum", "there is no continuum %q; %s", name, continuaList(ctx, s))
		}
		return *c, nil
	}
	all, err := s.Continua(ctx)
	if err != nil {
		return continuum.Continuum{}, err
	}
	switch len(all) {
	case 0:
		return continuum.Continuum{}, continuum.NotFoundf("continuum", "the store holds no continuum; scores are on a continuum's targets, so import or build the continuum first")
	case 1:
		return all[0], nil
	}
	known := make([]int, len(all))
	for i, c := range all {
		g, err := s.Graph(ctx, c.ID)
		if err != nil {
			return continuum.Continuum{}, err
		}
		for _, m := range matchTargets(f.Targets, g.Targets, nil) {
			if m.Code != "" {
				known[i]++
			}
		}
	}
	best := slices.Max(known)
	if at := slices.Index(known, best); best > 0 && !slices.Contains(known[at+1:], best) {
		return all[at], nil
	}
	var counts []string
	for i, c := range all {
		counts = append(counts, fmt.Sprintf("%q (%d of the file's %d targets)", c.Name, known[i], len(f.Targets)))
	}
	return continuum.Continuum{}, continuum.Invalidf("continuum", "say which continuum the scores are on (--continuum NAME): %s", strings.Join(counts, ", "))
}

// continuaList names the stored continua for a message.
func continuaList(ctx context.Context, s ScoresSource) string {
	all, err := s.Continua(ctx)
	if err != nil || len(all) == 0 {
		return "the store holds none"
	}
	names := make([]string, len(all))
	for i, c := range all {
		names[i] = fmt.Sprintf("%q", c.Name)
	}
	return "the store holds " + strings.Join(names, ", ")
}

// leaveOut folds the names of what is to be left out.
func leaveOut(names []string) map[string]bool {
	m := map[string]bool{}
	for _, n := range names {
		if n = foldText(n); n != "" {
			m[n] = true
		}
	}
	return m
}

// foldText folds a name, code or statement for matching: lower case,
// spacing collapsed.
func foldText(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }
