package exchange

import (
	"fmt"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/scores"
	"github.com/continuum-planner/planner/storage/workbook"
)

// canvasNote is the note on the scores of a Learning Mastery Gradebook
// export: each is an outcome's rollup, not one piece of work.
const canvasNote = "Canvas mastery rollup"

// scoresBook builds the Book an import of scores plans from: the stored
// continuum, the students the scores go to, the scores as evidence with
// their places, and every problem and warning with its place.
type scoresBook struct {
	plan   *ScoresPlan
	book   *workbook.Book
	opts   ScoresOptions
	given  map[string]float64    // the teacher's words, folded
	canvas bool                  // a Learning Mastery Gradebook export: rollups are rounded
	values map[string]scoreValue // by the text of a score as written
	words  map[string]scoreValue // by the folded text of a score
	undate continuum.Date        // the date of the undated scores; zero: they are refused
	// refused counts the scores refused, and the cells and rows of the
	// file that could not be read.
	refused int
}

// readWords reads every score's text against the scale, once per text,
// and returns the words read, in order of their points.
func (b *scoresBook) readWords(given map[string]float64) []WordScore {
	f := b.plan.Scores
	b.given, b.canvas = given, f.Layout() == scores.CanvasMastery
	b.values, b.words = map[string]scoreValue{}, map[string]scoreValue{}
	for _, s := range f.Scores {
		v, seen := b.values[s.Text]
		if !seen {
			key := foldText(s.Text)
			if v, seen = b.words[key]; !seen {
				v = b.valueOf(s.Text, s.Place)
				b.words[key] = v
			}
			b.values[s.Text] = v
		}
		if v.word >= 0 {
			b.plan.Words[v.word].Cells++
		}
	}
	b.sortWords()
	return b.plan.Words
}

// dateUndated decides the date of the scores the file leaves undated: the
// teacher's (--date); for a Learning Mastery Gradebook export, which
// never dates its scores, the day the file was saved; else none.
func (b *scoresBook) dateUndated(f *ScoresFile) {
	undated := 0
	for _, s := range f.Scores.Scores {
		if s.Date.IsZero() {
			undated++
		}
	}
	switch {
	case undated == 0:
	case !b.opts.Date.IsZero():
		b.undate = b.opts.Date
		b.plan.Dated = fmt.Sprintf("%s undated in the file dated %s, as you said", continuum.Plural(undated, "score", "scores"), b.undate)
	case b.canvas:
		b.undate = continuum.DateOf(f.Modified)
		b.plan.Dated = fmt.Sprintf("%s dated %s, the day the export was saved (Canvas's export gives no dates); give another date in the preview (--date on the command line)", continuum.Plural(undated, "score", "scores"), b.undate)
		b.book.Warnings = append(b.book.Warnings, workbook.Problem{File: f.Scores.Name, Message: b.plan.Dated})
	}
}

// build fills the Book: problems and warnings of the file, the students
// and targets refused or left out, every score read against the scale
// and dated, as evidence of the matched students on the matched targets.
func (b *scoresBook) build() {
	f, sp, bk := b.plan.Scores, b.plan, b.book
	bk.About = workbook.About{File: f.Name, Layout: LayoutScores, Format: f.Format + "; " + f.Layout().Label(), Continuum: sp.Continuum.Name}
	for _, p := range f.Problems {
		bk.Problems = append(bk.Problems, b.problem(p.Place, p.Message))
	}
	b.refused = len(f.Problems)
	for _, p := range f.Warnings {
		bk.Warnings = append(bk.Warnings, b.problem(p.Place, p.Message))
	}
	for _, s := range f.Scores {
		sp.Students[s.Student].Scores++
		sp.Targets[s.Target].Scores++
	}
	b.listStudents()
	b.listTargets()
	undated := map[string]int{}
	rounded := 0
	bk.Evidence = make([]continuum.Evidence, 0, len(f.Scores))
	bk.Places.Evidence = make([]workbook.Place, 0, len(f.Scores))
	for _, s := range f.Scores {
		st, tg := sp.Students[s.Student], sp.Targets[s.Target]
		if st.Outcome != ScoresTaken || tg.Outcome != ScoresTaken {
			b.refused += btoi(st.Outcome == ScoresRefused || tg.Outcome == ScoresRefused)
			continue
		}
		v := b.values[s.Text]
		if !v.ok {
			b.refused++
			b.refuseScore(s, v)
			continue
		}
		rounded += btoi(v.rounded)
		day := s.Date
		if day.IsZero() {
			if day = b.undate; day.IsZero() {
				undated[s.Place.Sheet]++
				b.refused++
				continue
			}
		}
		bk.Evidence = append(bk.Evidence, b.evidence(s, st.Student.ID, tg.Code, day, v.value))
		bk.Places.Evidence = append(bk.Places.Evidence, workbook.Place{Sheet: s.Place.Sheet, Row: s.Place.Row})
	}
	for _, sh := range f.Sheets {
		if n := undated[sh.Name]; n > 0 {
			bk.Problems = append(bk.Problems, b.problem(scores.Place{Sheet: sh.Name}, fmt.Sprintf(
				"%s no date: give the sheet's date in the preview (--date 2026-09-14 on the command line) or write a cell \"Date: 2026-09-14\" above the table, a row of dates under the header, a Date column, or a date in brackets in each cell: 3 (2026-09-14)",
				continuum.Plural(n, "score has", "scores have"))))
		}
	}
	if rounded > 0 {
		bk.Warnings = append(bk.Warnings, workbook.Problem{File: f.Name, Message: fmt.Sprintf(
			"%s between the scale's points (Canvas's rollups are averages) rounded to the nearest point, halves down", continuum.Plural(rounded, "score", "scores"))})
	}
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// evidence is a score as the evidence it records.
func (b *scoresBook) evidence(s scores.Score, student, target string, day continuum.Date, v float64) continuum.Evidence {
	e := continuum.Evidence{Continuum: b.book.Continuum.ID, Student: student, Target: target, Date: day, Score: v,
		Kind: s.Kind, Scorer: strings.TrimSpace(s.Scorer), Note: s.Note}
	if e.Kind == "" {
		e.Kind = b.opts.Kind
	}
	if e.Kind == "" {
		e.Kind = continuum.Formative
	}
	if e.Scorer == "" {
		e.Scorer = strings.TrimSpace(b.opts.Scorer)
	}
	if e.Note == "" && b.canvas {
		e.Note = canvasNote
	}
	return e
}

// refuseScore says why a score cannot be read, at its cell.
func (b *scoresBook) refuseScore(s scores.Score, v scoreValue) {
	why := v.why
	if v.word >= 0 {
		why = fmt.Sprintf("%q is not a score on the scale (%s) nor a word this program knows; give its point in the preview's Words (--words %q on the command line), or leave the cell blank",
			s.Text, scaleList(b.book.Continuum.Scale), s.Text+"=POINT")
	}
	b.book.Problems = append(b.book.Problems, b.problem(s.Place, why))
}

// listStudents adds the students the scores go to (each once), and says
// which are refused or left out, at the cell that first names them.
func (b *scoresBook) listStudents() {
	f, bk := b.plan.Scores, b.book
	seen := map[string]bool{}
	for i, m := range b.plan.Students {
		m.Place = f.StudentPlaces[i]
		b.plan.Students[i] = m
		switch m.Outcome {
		case ScoresTaken:
			if !seen[m.Student.ID] {
				seen[m.Student.ID] = true
				bk.Students = append(bk.Students, m.Student)
			}
		case ScoresLeftOut:
			bk.Warnings = append(bk.Warnings, b.problem(m.Place, m.String()))
		case ScoresRefused:
			bk.Problems = append(bk.Problems, b.problem(m.Place, fmt.Sprintf("%s (%s): %s",
				m.In, continuum.Plural(m.Scores, "score", "scores"), m.Why)))
		}
	}
}

// listTargets says which targets of the file are refused or left out, at
// the cell that first names them.
func (b *scoresBook) listTargets() {
	c := b.book.Continuum
	for _, m := range b.plan.Targets {
		switch m.Outcome {
		case ScoresLeftOut:
			b.book.Warnings = append(b.book.Warnings, b.problem(m.In.Place, m.String()))
		case ScoresRefused:
			what := fmt.Sprintf("%q is not a target of %s (%s): ", m.In.Text, c.Name, continuum.Plural(m.Scores, "score", "scores"))
			if m.Suggest != "" {
				what += fmt.Sprintf("did you mean %s? ", m.Suggest)
			}
			what += "write a target's code or statement, add the target to the continuum first, or leave it out (in the preview, or --leave-out " + fmt.Sprintf("%q", m.In.Text) + " on the command line)"
			b.book.Problems = append(b.book.Problems, b.problem(m.In.Place, what))
		}
	}
}

// problem is a workbook problem at a place of the score sheet.
func (b *scoresBook) problem(pl scores.Place, message string) workbook.Problem {
	return workbook.Problem{File: b.plan.Scores.Name, Sheet: pl.Sheet, Row: pl.Row, Column: pl.Column, Header: pl.Header, Message: message}
}
