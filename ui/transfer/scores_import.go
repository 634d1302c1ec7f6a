package transfer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
)

// scoreWordsKey is the preference that keeps the points the teacher gave
// words and letters written for scores ("M" → 3), so that the next file
// is read the same way: a JSON object of word → point.
const scoreWordsKey = "transfer.score-words"

// savedScoreWords returns the points saved for words, by word as written.
func savedScoreWords() map[string]string {
	out := map[string]string{}
	if a := fyne.CurrentApp(); a != nil {
		_ = json.Unmarshal([]byte(a.Preferences().String(scoreWordsKey)), &out)
	}
	return out
}

// saveScoreWords remembers the points the words of an import were read
// as, by the teacher's word or a guess she let stand, beside those saved
// before; the scale's own labels and points with + or - need no saving.
func saveScoreWords(words []exchange.WordScore) {
	a := fyne.CurrentApp()
	if a == nil {
		return
	}
	saved := savedScoreWords()
	for _, w := range words {
		if w.Known && (w.From == exchange.WordGiven || strings.HasPrefix(w.From, exchange.WordGuessed)) {
			for k := range saved { // one entry per word, whatever its capitals
				if foldWord(k) == foldWord(w.Word) {
					delete(saved, k)
				}
			}
			saved[w.Word] = continuum.FormatScore(w.Value)
		}
	}
	raw, err := json.Marshal(saved)
	if err == nil {
		a.Preferences().SetString(scoreWordsKey, string(raw))
	}
}

// foldWord folds a word for comparing: lower case, spacing collapsed.
func foldWord(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// scoresChoices are what the teacher says in the preview about a score
// sheet, beyond what it says itself: made into exchange.ScoresOptions.
type scoresChoices struct {
	name string
	// continuum is the stored continuum's ID, once the first plan found it.
	continuum string
	// words gives words their points, by word as written.
	words map[string]string
	// match says which stored student (by ID) a student of the file is, by
	// their name (or ID) in the file.
	match map[string]string
	// leaveOut names students and targets whose scores are left out.
	leaveOut map[string]bool
	// add adds the students nobody on the roster is.
	add bool
	// date dates the scores the file leaves undated.
	date continuum.Date
	// near keeps the stored students each student of the file resembled
	// when first planned, by their name (or ID), to choose from again.
	near map[string][]continuum.RosterNearMiss
}

// options are the choices as the import takes them.
func (c *scoresChoices) options() exchange.ScoresOptions {
	o := exchange.ScoresOptions{Name: c.name, Continuum: c.continuum, Words: maps.Clone(c.words), Match: maps.Clone(c.match),
		AddStudents: c.add, Date: c.date}
	for k := range c.leaveOut {
		o.LeaveOut = append(o.LeaveOut, k)
	}
	return o
}

// studentKey is how the choices name a student of the file.
func studentKey(m exchange.StudentMatch) string {
	if m.In.Name != "" {
		return m.In.Name
	}
	return m.In.ID
}

// scoresRead is what reading a score sheet gives: the file and its plan
// with the choices it was made with.
type scoresRead struct {
	file *exchange.ScoresFile
	plan *exchange.ScoresPlan
	ch   *scoresChoices
	// dropped is set when the words saved earlier do not fit the scale of
	// the continuum, so the file was read without them.
	dropped bool
}

// importScores reads the score sheet at path into a preview.
func (s *Screen) importScores(path string) {
	ctx, cancel := context.WithCancel(context.Background())
	name := filepath.Base(path)
	prog := s.showProgress("Import "+name, "Reading "+name+"…", true, cancel)
	current := s.ws.Continuum()
	screen.Run(func(context.Context) (scoresRead, error) {
		return s.readScores(ctx, path, name, current)
	}, func(r scoresRead) {
		prog.Hide()
		if ctx.Err() != nil {
			return
		}
		cancel()
		s.scoresPreview = newScoresPreview(s, r)
		s.scoresPreview.Show()
	}, func(err error) {
		prog.Hide()
		cancelled := ctx.Err() != nil
		cancel()
		switch {
		case cancelled || errors.Is(err, context.Canceled):
		case errors.Is(err, workbook.ErrPasswordProtected):
			screen.ShowError(s.win, fmt.Errorf("could not import %s: it is protected with a password. Open it in your spreadsheet program, save a copy without the password, and import that. Nothing was changed", name))
		default:
			screen.ShowError(s.win, readError(path, name, err))
		}
	})
}

// readScores is the work of importScores, off the UI goroutine: the file
// read, then compared with the store with the words saved from earlier
// files. The continuum is the one that knows the file's targets, else
// the one being worked on (current); words saved that do not fit its
// scale are dropped.
func (s *Screen) readScores(ctx context.Context, path, name, current string) (scoresRead, error) {
	f, err := exchange.ReadScores(ctx, path, exchange.ScoresOptions{Name: name})
	if err != nil {
		return scoresRead{}, err
	}
	texts := map[string]bool{}
	for _, sc := range f.Scores.Scores {
		texts[foldWord(sc.Text)] = true
	}
	saved := map[string]string{}
	for w, point := range savedScoreWords() {
		if texts[foldWord(w)] {
			saved[w] = point
		}
	}
	type attempt struct {
		cid   string
		words map[string]string
	}
	tries := []attempt{{"", saved}}
	if len(saved) > 0 {
		tries = append(tries, attempt{"", nil})
	}
	if current != "" {
		tries = append(tries, attempt{current, saved})
		if len(saved) > 0 {
			tries = append(tries, attempt{current, nil})
		}
	}
	var firstErr error
	for _, try := range tries {
		ch := &scoresChoices{name: name, continuum: try.cid, words: maps.Clone(try.words), match: map[string]string{}, leaveOut: map[string]bool{},
			near: map[string][]continuum.RosterNearMiss{}}
		if ch.words == nil {
			ch.words = map[string]string{}
		}
		p, err := f.Plan(ctx, s.store, ch.options())
		if err == nil {
			ch.continuum = p.Continuum.ID
			ch.remember(p)
			return scoresRead{file: f, plan: p, ch: ch, dropped: try.words == nil && len(saved) > 0}, ctx.Err()
		}
		if ctx.Err() != nil {
			return scoresRead{}, ctx.Err()
		}
		if firstErr == nil {
			firstErr = err
		}
	}
	return scoresRead{}, firstErr
}

// remember keeps the near-misses of the plan's students, to choose from
// once the teacher has said who they are.
func (c *scoresChoices) remember(p *exchange.ScoresPlan) {
	for _, m := range p.Students {
		if len(m.Near) > 0 {
			c.near[studentKey(m)] = m.Near
		}
	}
}

// applyScores writes the scores as evidence, after a backup of the whole
// store, remembers the words' points for the next file, and tells the
// screens.
func (s *Screen) applyScores(p *exchange.ScoresPlan) {
	file := p.Scores.Name
	runImport(s, file, "Saving a backup, then importing the scores into "+p.Continuum.Name+"…", false,
		func(ctx context.Context, progress func(done, total int)) (exchange.Applied, error) {
			return p.Apply(ctx, s.store, progress)
		},
		func(a exchange.Applied) {
			saveScoreWords(p.Words)
			for _, k := range changesOf(a.Sections) {
				s.ws.Changed(screen.Change{Kind: k, Continuum: a.Continuum.ID})
			}
			screen.ShowInfo(s.win, "Scores imported", fmt.Sprintf("The scores of %s were imported into %s.\n\n%s\n\nThe store as it was before is saved in\n%s",
				file, a.Continuum.Name, strings.Join(a.Written, "\n"), a.Backup))
		},
		func() {
			screen.ShowInfo(s.win, "Nothing to import", "The store already holds every score in "+file+". Nothing was changed.")
		})
}
