package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
)

// scoresFlags are the flags of an import of scores beside the import's
// own (--continuum, --dry-run, --sheet, --password): each is what a
// teacher says about her file that the file does not.
var scoresFlags struct {
	// words gives words and letters written for scores their points: "M=3,J=2,A=4,NC=1".
	words string
	// date dates the scores the file leaves undated (YYYY-MM-DD).
	date string
	// kind is the kind of evidence of the scores whose kind the file does not give.
	kind string
	// scorer is who scored the scores whose scorer the file does not give.
	scorer string
	// match says who students of the file are: "Ana Lopez=S014".
	match string
	// leaveOut names students and targets whose scores are left out.
	leaveOut string
	// addStudents adds the students nobody on the roster is.
	addStudents bool
}

// runImportScores imports a score sheet: it prints the preview (students
// and targets matched, words read as points, counts, problems) and
// applies it unless --dry-run. It fails, so the exit status is 1, when
// the import would refuse the file.
func runImportScores(ctx context.Context, e *env, path string) error {
	opts, err := scoresOptions(e)
	if err != nil {
		return err
	}
	if err := checkReadable(path, "the score sheet"); err != nil {
		return err
	}
	plan, err := exchange.PlanScores(ctx, e.store, path, opts)
	if err != nil {
		return plain(err)
	}
	printScoresPreview(e.stdout, plan)
	_, err = plan.Change()
	switch {
	case errors.Is(err, exchange.ErrNothingToImport):
		fmt.Fprintln(e.stdout, "Nothing to import: the store already holds every score in this file.")
		return nil
	case err != nil:
		fmt.Fprintln(e.stdout, "Nothing was changed: the import refuses this file until its problems are corrected.")
		return err
	case e.opts.book.dryRun:
		fmt.Fprintln(e.stdout, "Dry run: nothing was changed.")
		return nil
	}
	applied, err := plan.Apply(ctx, e.store, nil)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Imported into %s: %s. The store as it was before is saved in %s\n",
		applied.Continuum.Name, strings.Join(applied.Written, "; "), applied.Backup)
	return nil
}

// scoresOptions reads the flags of an import of scores.
func scoresOptions(e *env) (exchange.ScoresOptions, error) {
	o := exchange.ScoresOptions{Password: e.opts.book.password, Sheet: e.opts.book.sheet, Continuum: e.opts.continuum,
		Scorer: strings.TrimSpace(scoresFlags.scorer), AddStudents: scoresFlags.addStudents}
	if d := cmp.Or(scoresFlags.date, e.opts.date); d != "" {
		day, err := continuum.ParseDate(d)
		if err != nil {
			return o, usageError{"--date: " + plain(err).Error()}
		}
		o.Date = day
	}
	if scoresFlags.kind != "" {
		k, err := continuum.ParseEvidenceKind(scoresFlags.kind)
		if err != nil {
			return o, usageError{"--kind: " + plain(err).Error()}
		}
		o.Kind = k
	}
	var err error
	if scoresFlags.words != "" {
		if o.Words, err = exchange.ParseWords(scoresFlags.words); err != nil {
			return o, usageError{"--words: " + plain(err).Error()}
		}
	}
	if scoresFlags.match != "" {
		if o.Match, err = exchange.ParseMatch(scoresFlags.match); err != nil {
			return o, usageError{"--match: " + plain(err).Error()}
		}
	}
	for _, name := range strings.Split(scoresFlags.leaveOut, ",") {
		if name = strings.TrimSpace(name); name != "" {
			o.LeaveOut = append(o.LeaveOut, name)
		}
	}
	return o, nil
}

// printScoresPreview writes what an import of scores would do: the
// students and targets and how they were matched, the words read as
// points, the counts, then every problem and warning with its place.
func printScoresPreview(w io.Writer, p *exchange.ScoresPlan) {
	f := p.Scores
	fmt.Fprintf(w, "Import of scores from %s (%s; %s) into the stored continuum %q\n", f.Name, f.Format, f.Layout().Label(), p.Continuum.Name)
	printStudents(w, p.Students)
	printTargets(w, p.Targets)
	if len(p.Words) > 0 {
		fmt.Fprintf(w, "\nScores written as words (%d):\n", len(p.Words))
		for _, ws := range p.Words {
			fmt.Fprintf(w, "  %s\n", ws)
		}
		if flag := p.WordsFlag(); flag != "" {
			fmt.Fprintf(w, "To read the next file the same way, or to correct a guess: %s\n", flag)
		}
	}
	if p.Dated != "" {
		fmt.Fprintf(w, "\n%s.\n", upperFirst(p.Dated))
	}
	if f.NoEvidence > 0 {
		fmt.Fprintf(w, "\n%s marked as no evidence (—, n/a, excused …): left out, not read as zero.\n", continuum.Plural(f.NoEvidence, "cell", "cells"))
	}
	fmt.Fprintf(w, "\nEvidence: %d added, %d already in the store, %d refused\n",
		p.Count(continuum.SectionEvidence, continuum.Added), p.Count(continuum.SectionEvidence, continuum.Unchanged), p.Count(continuum.SectionEvidence, continuum.Refused))
	if n := p.Count(continuum.SectionStudents, continuum.Added); n > 0 {
		fmt.Fprintf(w, "Students: %d added\n", n)
	}
	writeList(w, "Problems and refused scores", p.Problems, listed)
	writeList(w, "Warnings", p.Warnings, listed)
}

// printStudents writes how the file's students were matched: counts by
// how, then each student not simply matched.
func printStudents(w io.Writer, ms []exchange.StudentMatch) {
	by := map[string]int{}
	var others []exchange.StudentMatch
	for _, m := range ms {
		if m.Outcome == exchange.ScoresTaken && !m.Added {
			by[string(m.By)]++
			continue
		}
		others = append(others, m)
	}
	var parts []string
	for _, k := range []continuum.RosterMatchBy{continuum.MatchedByID, continuum.MatchedByExternalID, continuum.MatchedByName, exchange.MatchedByWord} {
		if by[string(k)] > 0 {
			parts = append(parts, fmt.Sprintf("%d by %s", by[string(k)], k))
		}
	}
	fmt.Fprintf(w, "\nStudents: %s in the file", continuum.Plural(len(ms), "student", "students"))
	if len(parts) > 0 {
		fmt.Fprintf(w, "; matched %s", strings.Join(parts, ", "))
	}
	fmt.Fprintln(w)
	writeLines(w, others, listed)
}

// printTargets writes how the file's targets were matched: each one not
// found by its code, and a count of the others.
func printTargets(w io.Writer, ms []exchange.TargetMatch) {
	byCode := 0
	var others []exchange.TargetMatch
	for _, m := range ms {
		if m.Outcome == exchange.ScoresTaken && m.By == "code" {
			byCode++
			continue
		}
		others = append(others, m)
	}
	fmt.Fprintf(w, "\nTargets: %s in the file; %d matched by code\n", continuum.Plural(len(ms), "target", "targets"), byCode)
	writeLines(w, others, listed)
}
