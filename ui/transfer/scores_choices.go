package transfer

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/exchange"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// The choices on a student of the file the roster does not simply give.
const (
	leaveScoresOut = "Leave their scores out"
	notDecided     = "Not decided: their scores are refused"
	samePrefix     = "Same person as "
)

// toDecide counts the students and targets of the file whose scores are
// refused until the teacher says who or what they are.
func (v *scoresPreview) toDecide() int {
	n := 0
	for _, m := range v.p.Students {
		if m.Outcome == exchange.ScoresRefused {
			n++
		}
	}
	for _, m := range v.p.Targets {
		if m.Outcome == exchange.ScoresRefused {
			n++
		}
	}
	return n
}

// decidable reports whether the preview lists anyone or anything under
// Who and what: those refused, and those the teacher has decided on.
func (v *scoresPreview) decidable() bool {
	return v.toDecide() > 0 || v.ch.add || len(v.ch.match) > 0 || len(v.ch.leaveOut) > 0
}

// decisions lists the students and targets the teacher is to say who or
// what they are: a student who resembles one of hers (the same person,
// or leave the scores out), one nobody on the roster is (add them, or
// leave out), a target the continuum does not have (leave out).
func (v *scoresPreview) decisions() fyne.CanvasObject {
	var rows []fyne.CanvasObject
	unknown := false
	for _, m := range v.p.Students {
		key := studentKey(m)
		decided := m.By == exchange.MatchedByWord || m.Outcome == exchange.ScoresLeftOut || m.Added
		if m.Outcome != exchange.ScoresRefused && !decided {
			continue
		}
		near := v.ch.near[key]
		if m.Outcome == exchange.ScoresRefused && len(near) == 0 && !strings.Contains(m.Why, "'s on your roster") {
			unknown = true
		}
		if m.Added {
			continue // the check above the list decides for them
		}
		rows = append(rows, v.studentChoice(m, key, near))
	}
	for _, m := range v.p.Targets {
		if m.Outcome == exchange.ScoresTaken {
			continue
		}
		rows = append(rows, v.targetChoice(m))
	}
	var top []fyne.CanvasObject
	top = append(top, widgets.Wrapped("Say who these students are, and what to do with the scores on targets the continuum does not have. Scores stay refused until you do, and nothing is imported while any is."))
	if unknown || v.ch.add {
		v.addAll = widgets.NewCheck("Add the students nobody on your roster is as new students, with their scores", func(on bool) {
			v.ch.add = on
			v.replan()
		})
		v.addAll.Checked = v.ch.add
		top = append(top, v.addAll)
	}
	return container.NewBorder(container.NewVBox(top...), nil, nil, nil, container.NewVScroll(container.NewVBox(rows...)))
}

// studentChoice is a student of the file with what is known of them and
// the choice of who they are.
func (v *scoresPreview) studentChoice(m exchange.StudentMatch, key string, near []continuum.RosterNearMiss) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(fmt.Sprintf("%s: %s", m.In, continuum.Plural(m.Scores, "score", "scores")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	why := ""
	switch {
	case len(near) > 0:
		var like []string
		for _, nm := range near {
			like = append(like, fmt.Sprintf("%s %s (%s)", nm.Stored.ID, nm.Stored.Name, nm.Why))
		}
		why = "Not found on your roster by ID, external ID or name, but like " + strings.Join(like, " or ") + "."
	case m.Outcome == exchange.ScoresRefused:
		why = upperFirst(scoresWhy(m.Why)) + "."
	}
	options := []string{}
	for _, nm := range near {
		options = append(options, samePrefix+nm.Stored.ID+" "+nm.Stored.Name)
	}
	options = append(options, leaveScoresOut, notDecided)
	pick := widgets.NewSelect(options, nil)
	switch id, matched := v.ch.match[key]; {
	case matched:
		for _, o := range options {
			if strings.HasPrefix(o, samePrefix+id+" ") {
				pick.SetSelected(o)
			}
		}
	case v.ch.leaveOut[key]:
		pick.SetSelected(leaveScoresOut)
	default:
		pick.SetSelected(notDecided)
	}
	pick.OnChanged = func(choice string) { v.onStudentChosen(key, near, choice) }
	v.students[key] = pick
	place := widgets.Quiet(m.Place.String())
	who := container.NewBorder(nil, nil, widget.NewLabel("Who they are:"), nil, pick)
	return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, place, title), widgets.Wrapped(why), who)
}

// scoresWhy keeps of a reason what a teacher in the app can act on: the
// part before the command line's way of saying who a student is.
func scoresWhy(why string) string {
	for _, cut := range []string{"; correct the ID or the name, or say who they are with --match", "; if they are the same, say so with --match", ": import the class list first, add them with --add-students"} {
		if i := strings.Index(why, cut); i >= 0 {
			why = why[:i]
		}
	}
	return why
}

// onStudentChosen takes the teacher's word on who a student of the file is.
func (v *scoresPreview) onStudentChosen(key string, near []continuum.RosterNearMiss, choice string) {
	delete(v.ch.match, key)
	delete(v.ch.leaveOut, key)
	switch {
	case choice == leaveScoresOut:
		v.ch.leaveOut[key] = true
	case strings.HasPrefix(choice, samePrefix):
		for _, nm := range near {
			if choice == samePrefix+nm.Stored.ID+" "+nm.Stored.Name {
				v.ch.match[key] = nm.Stored.ID
			}
		}
	}
	v.replan()
}

// targetChoice is a target of the file the continuum does not have, with
// the choice of leaving its scores out.
func (v *scoresPreview) targetChoice(m exchange.TargetMatch) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(fmt.Sprintf("“%s”: %s", m.In.Text, continuum.Plural(m.Scores, "score", "scores")), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	why := "Not a target of " + v.p.Continuum.Name + ": write a target's code or statement in the file, or add the target to the continuum first."
	if m.Suggest != "" {
		why = "Not a target of " + v.p.Continuum.Name + "; did you mean " + m.Suggest + "? Correct the header in the file, or add the target to the continuum first."
	}
	key := m.In.Text
	check := widgets.NewCheck("Leave its scores out", func(on bool) {
		if on {
			v.ch.leaveOut[key] = true
		} else {
			delete(v.ch.leaveOut, key)
		}
		v.replan()
	})
	check.Checked = m.Outcome == exchange.ScoresLeftOut
	v.targets[key] = check
	return container.NewVBox(widget.NewSeparator(), container.NewBorder(nil, nil, nil, widgets.Quiet(m.In.Place.String()), title), widgets.Wrapped(why), check)
}

// wordChoices lists the words and letters written for scores, each with
// the scale point it is read as, which the teacher can change; the points
// are remembered for the next file once the import is applied.
func (v *scoresPreview) wordChoices() fyne.CanvasObject {
	scale := v.p.Continuum.Scale
	var options []string
	for _, pt := range scale.Points {
		options = append(options, pointWords(pt))
	}
	widths := []float32{160, 110, 220, -1}
	rows := []fyne.CanvasObject{container.New(widgets.NewColumnsLayout(widths...),
		widgets.Heading("Written"), widgets.Heading("Scores"), widgets.Heading("Read as"), widgets.Heading("How"))}
	for _, w := range v.p.Words {
		pick := widgets.NewSelect(options, nil)
		pick.PlaceHolder = "Choose its point"
		if w.Known {
			if pt, ok := scale.Point(w.Value); ok {
				pick.SetSelected(pointWords(pt))
			}
		}
		word := w.Word
		pick.OnChanged = func(string) {
			if i := pick.SelectedIndex(); i >= 0 && i < len(scale.Points) {
				v.ch.words[word] = continuum.FormatScore(scale.Points[i].Value)
				v.replan()
			}
		}
		v.words[word] = pick
		how := widgets.Wrapped(wordFrom(w))
		if !w.Known {
			how.Importance = widget.DangerImportance
		}
		rows = append(rows, container.New(widgets.NewColumnsLayout(widths...),
			widget.NewLabelWithStyle(w.Word, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), widget.NewLabel(continuum.GroupThousands(w.Cells)), pick, how))
	}
	intro := widgets.Wrapped("Scores written as words, letters or with a + or − are read as these points of the scale. Change any that is read wrongly; " +
		"the points are remembered for the next file once you import this one.")
	return container.NewBorder(intro, nil, nil, nil, container.NewVScroll(container.NewVBox(rows...)))
}

// pointWords writes a scale point as a choice: "3 Proficient".
func pointWords(pt continuum.ScalePoint) string {
	return strings.TrimSpace(continuum.FormatScore(pt.Value) + " " + pt.Label)
}

// wordFrom says how a word was read, in the app's words.
func wordFrom(w exchange.WordScore) string {
	switch {
	case !w.Known:
		return "unknown: choose its point, or its scores are refused"
	case w.From == exchange.WordGiven:
		return "as you said"
	case w.From == exchange.WordLabel:
		return "a label of the scale"
	case w.From == exchange.WordPlusMinus:
		return "a point with + or −"
	case strings.HasPrefix(w.From, exchange.WordGuessed):
		return "a guess (" + strings.TrimPrefix(strings.TrimPrefix(w.From, exchange.WordGuessed), ": ") + ")"
	}
	return w.From
}

// onDateChosen dates the undated scores with the date typed.
func (v *scoresPreview) onDateChosen() {
	if v.date == nil {
		return
	}
	text := strings.TrimSpace(v.date.Text)
	if text == "" {
		v.ch.date = continuum.Date{}
		v.replan()
		return
	}
	d, err := continuum.ParseDate(text)
	if err != nil {
		v.dlg.SetFieldError(v.date, screen.Problem(err))
		return
	}
	v.ch.date = d
	v.replan()
}
