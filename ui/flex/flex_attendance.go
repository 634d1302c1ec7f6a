package flex

import (
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/widgets"
)

// flexAttendance is one student's answers in the attendance.
type flexAttendance struct {
	came    *widget.RadioGroup
	outcome *flexOutcomeEntry
}

// showAttendance lists the stored placements offering by offering, each
// student with Came or Absent and a quick outcome, stored as they change.
func (p *Screen) showAttendance(b continuum.FlexBlock) {
	p.attendBox.Objects = nil
	p.attendance = map[string]flexAttendance{}
	switch {
	case len(b.Assignments) == 0 && p.WS.ReadOnly():
		p.attendNote.SetText("Nobody is placed in this block.")
	case len(b.Assignments) == 0:
		p.attendNote.SetText("Nobody is placed in this block yet. Save placements first: attendance is recorded on them.")
	case p.WS.ReadOnly():
		p.attendNote.SetText("Who came, and how it went, as recorded.")
	case p.plan != nil && p.plan.dirty:
		p.attendNote.SetText("Attendance is kept on the saved placements below; the proposal on Placements is not saved yet.")
	default:
		p.attendNote.SetText("Who came, and how it went. Each answer is saved as you give it and shows in the student's profile.")
	}
	for _, o := range b.Offerings {
		var members []flexMember
		for _, a := range b.Assignments {
			if strings.EqualFold(a.Offering, o.ID) {
				if st, ok := p.student(a.Student); ok {
					members = append(members, flexMember{student: st, a: a})
				}
			}
		}
		if len(members) == 0 {
			continue
		}
		slices.SortFunc(members, func(x, y flexMember) int { return flexByName(x.student, y.student) })
		title := widget.NewLabelWithStyle(o.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		where := []string{o.Kind.Label()}
		if o.Teacher != "" {
			where = append(where, o.Teacher)
		}
		if o.Room != "" {
			where = append(where, flexRoom(o.Room))
		}
		p.attendBox.Add(container.NewBorder(nil, nil, title, nil, flexCaption(strings.Join(where, " · "))))
		for _, m := range members {
			p.attendBox.Add(p.attendanceRow(b.ID, m))
		}
		p.attendBox.Add(widget.NewSeparator())
	}
	p.attendBox.Refresh()
	p.attScroll.Refresh()
}

// The answers of the attendance.
const (
	flexCame   = "Came"
	flexAbsent = "Absent"
)

func (p *Screen) attendanceRow(blockID string, m flexMember) fyne.CanvasObject {
	name := widget.NewLabel(m.student.Name)
	name.Truncation = fyne.TextTruncateEllipsis
	if p.WS.ReadOnly() {
		return p.attendanceRecord(name, m.a)
	}
	came := widget.NewRadioGroup([]string{flexCame, flexAbsent}, nil)
	came.Horizontal = true
	if m.a.Attended != nil {
		came.SetSelected(map[bool]string{true: flexCame, false: flexAbsent}[*m.a.Attended])
	}
	id := m.student.ID
	came.OnChanged = func(s string) { p.onAttendance(blockID, id, s) }
	outcome := newFlexOutcomeEntry()
	outcome.SetPlaceHolder("Outcome (optional)")
	outcome.SetText(m.a.Outcome)
	commit := func() { p.onOutcome(blockID, id, outcome.Text) }
	outcome.OnSubmitted = func(string) { commit() }
	outcome.onLeave = commit
	p.attendance[id] = flexAttendance{came: came, outcome: outcome}
	return container.New(widgets.NewColumnsLayout(200, 190, 0), name, came, outcome)
}

// attendanceRecord is a student's attendance as recorded, to read (a review).
func (p *Screen) attendanceRecord(name *widget.Label, a continuum.Assignment) fyne.CanvasObject {
	came := widgets.Quiet("Not recorded")
	if a.Attended != nil {
		came.SetText(map[bool]string{true: flexCame, false: flexAbsent}[*a.Attended])
		came.Importance = widget.MediumImportance
		came.TextStyle.Bold = true
	}
	outcome := widget.NewLabel(a.Outcome)
	outcome.Wrapping = fyne.TextWrapWord
	return container.New(widgets.NewColumnsLayout(200, 190, 0), name, came, outcome)
}

// onAttendance records whether a student came ("" for not recorded).
func (p *Screen) onAttendance(blockID, id, answer string) {
	var attended *bool
	switch answer {
	case flexCame:
		yes := true
		attended = &yes
	case flexAbsent:
		no := false
		attended = &no
	}
	st, _ := p.student(id)
	p.recordAfter(blockID, id, "attendance of "+st.Name, func(a *continuum.Assignment) bool {
		if (a.Attended == nil) == (attended == nil) && (a.Attended == nil || *a.Attended == *attended) {
			return false
		}
		a.Attended = attended
		return true
	})
}

// onOutcome records the quick outcome of a student's block.
func (p *Screen) onOutcome(blockID, id, text string) {
	text = strings.TrimSpace(text)
	st, _ := p.student(id)
	p.recordAfter(blockID, id, "outcome for "+st.Name, func(a *continuum.Assignment) bool {
		if a.Outcome == text {
			return false
		}
		a.Outcome = text
		return true
	})
}

// recordAfter changes a stored assignment with change (which reports
// whether it changed anything) and stores the block, without drawing the
// attendance anew, so the teacher keeps their place.
func (p *Screen) recordAfter(blockID, id, what string, change func(a *continuum.Assignment) bool) {
	old, ok := p.block(blockID)
	if !ok {
		return
	}
	b := old
	// A student removed from the roster since cannot be stored again.
	b.Assignments = slices.DeleteFunc(slices.Clone(old.Assignments), func(a continuum.Assignment) bool { return !p.onRoster(a.Student) })
	i := slices.IndexFunc(b.Assignments, func(a continuum.Assignment) bool { return a.Student == id })
	if i < 0 || !change(&b.Assignments[i]) {
		return
	}
	a := b.Assignments[i]
	label := what + " in " + flexBlockName(b)
	p.storeBlock(b, old, label, func() {
		if p.plan != nil && p.plan.block == b.ID {
			if pa, ok := p.plan.placed[id]; ok && strings.EqualFold(pa.Offering, a.Offering) {
				pa.Attended, pa.Outcome = a.Attended, a.Outcome
				p.plan.placed[id] = pa
			}
		}
	})
}

// flexOutcomeEntry is an entry that reports when the focus leaves it.
type flexOutcomeEntry struct {
	widgets.Entry
	onLeave func()
}

func newFlexOutcomeEntry() *flexOutcomeEntry {
	e := &flexOutcomeEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// FocusLost records what was typed.
func (e *flexOutcomeEntry) FocusLost() {
	e.Entry.FocusLost()
	if e.onLeave != nil {
		e.onLeave()
	}
}
