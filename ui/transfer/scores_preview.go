package transfer

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// scoresPreview is the dialog that shows what importing a score sheet
// would do: who each student of the file is on the roster and how they
// were found, which target each of its targets is, the point each word
// or letter written for a score is read as (each can be changed), how
// many scores are added or already stored, and every problem with its
// place. The teacher's words (who a student is, what to leave out, a
// word's point, the date of undated scores) plan the import again.
// Apply writes the scores as evidence.
type scoresPreview struct {
	s    *Screen
	file *exchange.ScoresFile
	p    *exchange.ScoresPlan
	ch   *scoresChoices
	// dropped says that the words saved from earlier files did not fit.
	dropped bool

	dlg    *widgets.FormDialog
	source *widget.Label
	tabs   *container.AppTabs
	notice *widget.Label
	busy   bool // a new plan is being made

	// The inputs of the plan as it stands, for the tests to drive.
	words    map[string]*widgets.Select // by word as written
	students map[string]*widgets.Select // by studentKey
	targets  map[string]*widgets.Check  // by the target's text in the file
	addAll   *widgets.Check
	date     *widgets.Entry
}

// newScoresPreview builds the preview of what r read.
func newScoresPreview(s *Screen, r scoresRead) *scoresPreview {
	v := &scoresPreview{s: s, file: r.file, p: r.plan, ch: r.ch, dropped: r.dropped}
	heading := widget.NewLabelWithStyle("Import scores as evidence", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.source = widgets.Wrapped("")
	v.tabs = container.NewAppTabs()
	v.notice = widgets.Wrapped("")
	v.notice.Hide()
	v.dlg = widgets.NewFormDialog(s.win, "Import "+r.file.Scores.Name, container.NewBorder(container.NewVBox(heading, v.source), v.notice, nil, nil, v.tabs),
		"Apply", v.onApplyTapped)
	v.dlg.ConfirmButton().SetIcon(theme.DownloadIcon())
	v.show()
	return v
}

// Show opens the preview.
func (v *scoresPreview) Show() { v.dlg.Show(fyne.NewSize(960, 660)) }

// show shows the plan as it stands; the tab the teacher is on stays open.
func (v *scoresPreview) show() {
	f, p := v.file.Scores, v.p
	v.source.SetText(fmt.Sprintf("%s (%s; %s), on the stored continuum “%s”. Nothing is written until you press Apply; the store is backed up first.",
		f.Name, f.Format, f.Layout().Label(), p.Continuum.Name))
	selected := v.tabs.Selected()
	kind := func(it *container.TabItem) string { k, _, _ := strings.Cut(it.Text, " ("); return k }
	items := v.tabItems()
	v.tabs.SetItems(items)
	for _, it := range items {
		if selected != nil && kind(it) == kind(selected) {
			v.tabs.Select(it)
			break
		}
	}
	v.updateApply()
}

// tabItems are the preview's tabs: the summary, what needs the teacher's
// word, the students, the targets, the words, the problems and warnings.
func (v *scoresPreview) tabItems() []*container.TabItem {
	p := v.p
	v.words, v.students, v.targets, v.addAll = map[string]*widgets.Select{}, map[string]*widgets.Select{}, map[string]*widgets.Check{}, nil
	items := []*container.TabItem{container.NewTabItem("Summary", v.summary())}
	if v.decidable() {
		title := "Who and what"
		if n := v.toDecide(); n > 0 {
			title += fmt.Sprintf(" (%d)", n)
		}
		items = append(items, container.NewTabItem(title, v.decisions()))
	}
	if len(p.Words) > 0 {
		items = append(items, container.NewTabItem(fmt.Sprintf("Words (%d)", len(p.Words)), v.wordChoices()))
	}
	items = append(items,
		container.NewTabItem(fmt.Sprintf("Students (%s)", continuum.GroupThousands(len(p.Students))), v.studentTable()),
		container.NewTabItem(fmt.Sprintf("Targets (%s)", continuum.GroupThousands(len(p.Targets))), v.targetTable()))
	if n := len(p.Problems); n > 0 {
		items = append(items, container.NewTabItem(fmt.Sprintf("Problems (%s)", continuum.GroupThousands(n)),
			newImportIssueTable(issueLines(p.Problems, p.File.Book.Problems), "problem", "problems").content))
	}
	if n := len(p.Warnings); n > 0 {
		items = append(items, container.NewTabItem(fmt.Sprintf("Warnings (%s)", continuum.GroupThousands(n)),
			newImportIssueTable(issueLines(p.Warnings, p.File.Book.Warnings), "warning", "warnings").content))
	}
	return items
}

// summary counts the scores, the students and the targets, says how the
// undated scores are dated (and lets the teacher date them), and what
// needs looking at.
func (v *scoresPreview) summary() fyne.CanvasObject {
	p, f := v.p, v.file.Scores
	form := widget.NewForm()
	line := func(label, text string, imp widget.Importance) {
		l := widgets.Wrapped(text)
		l.Importance = imp
		form.Append(label, l)
	}
	added, stored, refused := p.Count(continuum.SectionEvidence, continuum.Added), p.Count(continuum.SectionEvidence, continuum.Unchanged), p.Count(continuum.SectionEvidence, continuum.Refused)
	imp := widget.MediumImportance
	if refused > 0 {
		imp = widget.DangerImportance
	}
	line("Scores", fmt.Sprintf("%s added as evidence, %s already in the store, %s refused",
		continuum.GroupThousands(added), continuum.GroupThousands(stored), continuum.GroupThousands(refused)), imp)
	line("Students", v.studentCounts(), widget.MediumImportance)
	line("Targets", v.targetCounts(), widget.MediumImportance)
	if f.NoEvidence > 0 {
		line("Blank", continuum.Plural(f.NoEvidence, "cell says", "cells say")+" there is no evidence (—, n/a, excused …): left out, not read as zero.", widget.MediumImportance)
	}
	if n := v.undated(); n > 0 {
		v.date = widgets.NewEntry()
		v.date.SetPlaceHolder("YYYY-MM-DD")
		if !v.ch.date.IsZero() {
			v.date.SetText(v.ch.date.String())
		}
		v.date.OnSubmitted = func(string) { v.onDateChosen() }
		use := widgets.NewButton("Use this date", nil, v.onDateChosen)
		what := continuum.Plural(n, "score has", "scores have") + " no date in the file."
		if p.Dated != "" {
			what = upperFirst(p.Dated) + "."
		}
		form.Append("Undated", container.NewVBox(widgets.Wrapped(what), container.NewBorder(nil, nil, nil, use, v.date)))
	}
	var notes []fyne.CanvasObject
	if n := v.toDecide(); n > 0 {
		notes = append(notes, warnNote(fmt.Sprintf("%s of the file %s your word: see Who and what.", continuum.Plural(n, "student or target", "students or targets"), pluralWord(n, "needs", "need"))))
	}
	if v.dropped {
		notes = append(notes, infoNote("The points you gave words in earlier files do not fit this continuum's scale, so its words are read afresh: see Words."))
	}
	return container.NewVScroll(container.NewVBox(form, container.NewVBox(notes...)))
}

// warnNote is a line the teacher should act on.
func warnNote(text string) fyne.CanvasObject {
	l := widgets.Wrapped(text)
	l.Importance = widget.WarningImportance
	return l
}

// upperFirst writes s with a capital first letter.
func upperFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// undated counts the scores the file leaves undated.
func (v *scoresPreview) undated() int {
	n := 0
	for _, s := range v.file.Scores.Scores {
		if s.Date.IsZero() {
			n++
		}
	}
	return n
}

// studentCounts says how the file's students were found.
func (v *scoresPreview) studentCounts() string {
	by := map[continuum.RosterMatchBy]int{}
	added, left, refused := 0, 0, 0
	for _, m := range v.p.Students {
		switch {
		case m.Added:
			added++
		case m.Outcome == exchange.ScoresTaken:
			by[m.By]++
		case m.Outcome == exchange.ScoresLeftOut:
			left++
		default:
			refused++
		}
	}
	var parts []string
	for _, k := range []continuum.RosterMatchBy{continuum.MatchedByID, continuum.MatchedByExternalID, continuum.MatchedByName, exchange.MatchedByWord} {
		if by[k] > 0 {
			parts = append(parts, fmt.Sprintf("%d by %s", by[k], matchWords(k)))
		}
	}
	s := continuum.Plural(len(v.p.Students), "student", "students") + " in the file"
	if len(parts) > 0 {
		s += "; found on your roster " + strings.Join(parts, ", ")
	}
	for _, c := range []struct {
		n    int
		what string
	}{{added, "added as new"}, {left, "left out"}, {refused, "not found (see Who and what)"}} {
		if c.n > 0 {
			s += fmt.Sprintf("; %d %s", c.n, c.what)
		}
	}
	return s
}

// matchWords says how a student was found, in the app's words.
func matchWords(by continuum.RosterMatchBy) string {
	if by == exchange.MatchedByWord {
		return "your word"
	}
	return string(by)
}

// targetCounts says how the file's targets were found.
func (v *scoresPreview) targetCounts() string {
	found, left, refused := 0, 0, 0
	for _, m := range v.p.Targets {
		switch m.Outcome {
		case exchange.ScoresTaken:
			found++
		case exchange.ScoresLeftOut:
			left++
		default:
			refused++
		}
	}
	s := fmt.Sprintf("%s in the file; %d found in %s", continuum.Plural(len(v.p.Targets), "target", "targets"), found, v.p.Continuum.Name)
	if left > 0 {
		s += fmt.Sprintf("; %d left out", left)
	}
	if refused > 0 {
		s += fmt.Sprintf("; %d not in the continuum (see Who and what)", refused)
	}
	return s
}

// studentTable lists every student of the file and what happens to their scores.
func (v *scoresPreview) studentTable() fyne.CanvasObject {
	rows := make([][]string, len(v.p.Students))
	for i, m := range v.p.Students {
		who, by := "", ""
		if m.Student.ID != "" {
			who = m.Student.ID + " " + m.Student.Name
		}
		if m.By != "" {
			by = matchWords(m.By)
		}
		rows[i] = []string{m.In.String(), who, by, fmt.Sprint(m.Scores), studentOutcome(m)}
	}
	return newLineTable([]string{"In the file", "Your student", "Found by", "Scores", "What happens"}, []float32{220, 200, 100, 70, 300}, rows).content
}

// studentOutcome says what happens to a student's scores.
func studentOutcome(m exchange.StudentMatch) string {
	switch {
	case m.Added:
		return "added as a new student, " + m.Student.ID
	case m.Outcome == exchange.ScoresTaken:
		return "taken"
	case m.Outcome == exchange.ScoresLeftOut:
		return "left out, as you said"
	case len(m.Near) > 0:
		return "refused until you say who they are"
	}
	return "refused: " + m.Why
}

// targetTable lists every target of the file and what happens to its scores.
func (v *scoresPreview) targetTable() fyne.CanvasObject {
	rows := make([][]string, len(v.p.Targets))
	for i, m := range v.p.Targets {
		what := "taken"
		switch m.Outcome {
		case exchange.ScoresLeftOut:
			what = "left out, as you said"
		case exchange.ScoresRefused:
			what = "refused: not a target of " + v.p.Continuum.Name
			if m.Suggest != "" {
				what += "; did you mean " + m.Suggest + "?"
			}
		}
		rows[i] = []string{m.In.Text, m.Code, m.By, fmt.Sprint(m.Scores), what}
	}
	return newLineTable([]string{"In the file", "Target", "Found by", "Scores", "What happens"}, []float32{260, 110, 130, 70, 320}, rows).content
}

// replan plans the import again with the teacher's choices, off the UI
// goroutine, and shows the new plan.
func (v *scoresPreview) replan() {
	if v.busy {
		return
	}
	v.busy = true
	v.dlg.ConfirmButton().Disable()
	v.notice.SetText("Reading the file again with your choices…")
	v.notice.Show()
	opts := v.ch.options()
	screen.Run(func(ctx context.Context) (*exchange.ScoresPlan, error) {
		return v.file.Plan(ctx, v.s.store, opts)
	}, func(p *exchange.ScoresPlan) {
		v.busy = false
		v.p = p
		v.ch.remember(p)
		v.dlg.SetError("")
		v.show()
	}, func(err error) {
		v.busy = false
		v.notice.Hide()
		v.dlg.SetError(screen.Problem(err))
		v.updateApply()
	})
}

// updateApply turns Apply off, saying why, while the plan has problems or
// the store holds every score already.
func (v *scoresPreview) updateApply() {
	_, err := v.p.Change()
	problems := ""
	if n := len(v.p.Problems); n > 0 {
		problems = fmt.Sprintf("Apply is off: %s (see Problems). Say who or what they are under Who and what and Words, or correct the file and import it again. Nothing has been changed.",
			continuum.Plural(n, "problem stands", "problems stand"))
	}
	gateApply(v.dlg, v.notice, problems, err, "Nothing to import: the store already holds every score in this file.")
}

func (v *scoresPreview) onApplyTapped() {
	if _, err := v.p.Change(); err != nil || v.busy {
		v.updateApply()
		return
	}
	v.dlg.Hide()
	v.s.applyScores(v.p)
}
