package scores

import (
	"fmt"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// longColumns are the columns of a long sheet, -1 when absent.
type longColumns struct {
	targets                               []int // the target columns, the first filled one read
	date, score, kind, scorer, note, task int
}

// columnsOf picks a long sheet's columns: the first of each role, a
// column headed Score before other score columns (Level, Mark …).
func columnsOf(h *header) longColumns {
	lc := longColumns{date: -1, score: -1, kind: -1, scorer: -1, note: -1, task: -1}
	first := func(at *int, c column) {
		if *at < 0 {
			*at = c.col
		}
	}
	for _, c := range h.cols {
		switch c.role {
		case roleTarget:
			lc.targets = append(lc.targets, c.col)
		case roleDate:
			first(&lc.date, c)
		case roleScore:
			if fold(c.header) == "score" {
				lc.score = c.col
			}
			first(&lc.score, c)
		case roleKind:
			first(&lc.kind, c)
		case roleScorer:
			first(&lc.scorer, c)
		case roleNote:
			first(&lc.note, c)
		case roleTask:
			first(&lc.task, c)
		}
	}
	return lc
}

// readLong reads a sheet of one score per row.
func (f *files) readLong(t workbook.Table, hi int, h *header, sheetDate continuum.Date) {
	lc := columnsOf(h)
	place := func(col, row int) Place { return h.cols[h.at[col]].place(t.Name, row) }
	var buf line
	for _, r := range t.Rows[hi+1:] {
		ln, _ := spread(buf, h.width(), r)
		buf = ln
		s, named := h.studentOf(ln)
		c := ln.cell(lc.score)
		text := strings.TrimSpace(c.Text)
		target := ""
		for _, col := range lc.targets {
			if target = strings.TrimSpace(ln.text(col)); target != "" {
				break
			}
		}
		switch {
		case !named && target == "" && text == "":
			continue // a row of notes or totals
		case !named:
			f.problem(Place{Sheet: t.Name, Row: r.Num}, "the row names no student; expected a name or ID")
			continue
		case target == "":
			f.problem(place(lc.targets[0], r.Num), "is empty; expected the target's code or statement")
			continue
		case text == "":
			continue // no score: no evidence
		}
		pl := place(lc.score, r.Num)
		day, ok := f.dateCell(ln.cell(lc.date), place(max(lc.date, 0), r.Num), sheetDate)
		if !ok {
			continue
		}
		if text, ok = f.scoreText(c, pl, &day); !ok {
			continue
		}
		ti := f.target(Target{Text: target, Place: place(lc.targets[0], r.Num)})
		si := f.student(s, h.studentPlace(t.Name, r.Num, ln))
		f.Scores = append(f.Scores, Score{Student: si, Target: ti, Date: day, Text: text,
			Kind: f.kind(ln, lc.kind, h, t.Name, r.Num), Scorer: strings.TrimSpace(ln.text(lc.scorer)),
			Note: noteOf(ln.text(lc.task), ln.text(lc.note)), Place: pl})
	}
}

// noteOf joins a score's task and comment into its note: "Quiz 3 — mixed up the denominators".
func noteOf(task, note string) string {
	task, note = strings.TrimSpace(task), strings.TrimSpace(note)
	switch {
	case task == "":
		return note
	case note == "":
		return task
	}
	return task + " — " + note
}

// dateCell reads a date cell of a row; a blank one gives otherwise, one
// that is not a date is a problem at pl (ok false).
func (f *files) dateCell(c workbook.TableCell, pl Place, otherwise continuum.Date) (continuum.Date, bool) {
	if strings.TrimSpace(c.Text) == "" {
		return otherwise, true
	}
	d, ok := cellDate(c)
	if !ok {
		what := fmt.Sprintf("%q is not a date", c.Text)
		if c.Number {
			what = fmt.Sprintf("%s is a number, not a date", c.Text)
		}
		f.problem(pl, "%s; expected a date such as 2026-09-14 or 9/14/2026", what)
		return continuum.Date{}, false
	}
	return d, true
}

// scoreText reads a score cell: its text, a date in brackets taken off
// (which then dates it, in day). ok is false when the cell holds no
// score (no evidence, counted) or cannot be one (a problem at pl).
func (f *files) scoreText(c workbook.TableCell, pl Place, day *continuum.Date) (string, bool) {
	switch {
	case c.Error:
		f.problem(pl, "the cell shows the error %s; expected a score", c.Text)
		return "", false
	case c.Date:
		f.problem(pl, "the cell holds the date %s, not a score; write the score, and its date in brackets if it has its own: 3 (%s)", c.Text, c.Text)
		return "", false
	}
	text, d, dated, err := splitCell(c.Text)
	if err != nil {
		f.problem(pl, "the date in brackets in %q is not a date; write it as 3 (2026-09-14)", c.Text)
		return "", false
	}
	if NoEvidence(text) {
		if text != "" || !dated {
			f.NoEvidence++
		}
		return "", false
	}
	if dated {
		*day = d
	}
	return text, true
}

// kind reads the kind of evidence in column col; a word it does not know
// is read as formative, with a warning once per word.
func (f *files) kind(ln line, col int, h *header, sheet string, num int) continuum.EvidenceKind {
	text := strings.TrimSpace(ln.text(col))
	if text == "" {
		return ""
	}
	if k, seen := f.kinds[text]; seen {
		return k
	}
	k, ok := kindOf(text)
	if !ok {
		k = continuum.Formative
		if w := fold(text); !f.warned[w] {
			f.warned[w] = true
			f.warn(h.cols[h.at[col]].place(sheet, num), "%q is not a kind of evidence this program knows (formative, summative, performance task, observation, self-assessment, or a quiz, test, project …); such scores are recorded as formative", text)
		}
	}
	f.kinds[text] = k
	return k
}
