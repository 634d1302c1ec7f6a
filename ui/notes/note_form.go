package notes

import (
	"errors"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/widgets"
)

// notesForm is the part of a form that says what a note is about, which
// look-for it answers and what it says: the new-note panel and the note
// editor each have one.
type notesForm struct {
	about        *widget.RadioGroup
	targets      *widgets.SearchList
	unit         *widgets.Select
	group        *widgets.Select
	lookFor      *widgets.Select
	text         *widgets.Entry
	subjectLabel *widget.Label
	subject      *fyne.Container // the picker for the kind of subject chosen
	subjectRow   *fyne.Container
	aboutPart    *fyne.Container // what the note is about
	textPart     *fyne.Container // its look-for and text
	// frame holds the parts; it is laid out again when the subject's
	// picker changes size. The form's owner sets it.
	frame fyne.CanvasObject

	graph  *continuum.Graph
	units  []continuum.Unit
	groups []string
}

func newNotesForm() *notesForm {
	f := &notesForm{}
	f.about = widget.NewRadioGroup(notesAboutLabels, func(string) { f.showSubject() })
	f.about.Horizontal = true
	f.about.Required = true
	f.targets = widgets.NewSearchList("Find a target by code or words")
	f.unit = widgets.NewSelect(nil, nil)
	f.unit.PlaceHolder = "(choose a unit)"
	f.group = widgets.NewSelect([]string{notesWholeClass}, nil)
	f.group.SetSelectedIndex(0)
	f.lookFor = widgets.NewSelect(nil, nil)
	f.lookFor.PlaceHolder = notesNoLookFor
	f.text = widgets.NewMultiLineEntry(5)
	f.text.PlaceHolder = "What you saw, what went well, what to try next"
	f.subjectLabel = widgets.Heading("")
	f.subject = container.NewStack()
	f.subjectRow = container.NewVBox(f.subjectLabel, f.subject)
	f.aboutPart = container.NewVBox(widgets.Heading("About"), f.about, f.subjectRow)
	f.textPart = container.NewVBox(widgets.Heading("Look-for"), f.lookFor, widgets.Heading("Note"), f.text)
	f.about.SetSelected(notesAboutLabels[0])
	return f
}

// kind returns what the note is about.
func (f *notesForm) kind() continuum.VisitSubject {
	if i := slices.Index(notesAboutLabels, f.about.Selected); i >= 0 {
		return continuum.VisitSubjects[i]
	}
	return continuum.OnContinuum
}

// showSubject shows the picker for the kind of subject chosen.
func (f *notesForm) showSubject() {
	var picker fyne.CanvasObject
	switch f.kind() {
	case continuum.OnTarget:
		f.subjectLabel.SetText("Target")
		picker = container.New(&notesMinHeight{height: 170}, f.targets)
	case continuum.OnUnit:
		f.subjectLabel.SetText("Unit")
		picker = f.unit
	case continuum.OnClass:
		f.subjectLabel.SetText("Class or group")
		picker = f.group
	}
	if picker == nil {
		f.subjectRow.Hide()
		f.relayout()
		return
	}
	f.subject.Objects = []fyne.CanvasObject{picker}
	f.subject.Refresh()
	f.subjectRow.Show()
	f.relayout()
}

// relayout lays the form out again after its subject's picker changed.
func (f *notesForm) relayout() {
	f.aboutPart.Refresh()
	if f.frame != nil {
		f.frame.Refresh()
	}
}

// setChoices fills the pickers from the continuum, keeping what is chosen
// where it is still there.
func (f *notesForm) setChoices(g *continuum.Graph, units []continuum.Unit, groups []string, lookFors []string) {
	f.graph, f.units, f.groups = g, units, groups
	items := make([]widgets.SearchItem, len(g.Targets))
	for i, t := range g.Targets {
		items[i] = widgets.SearchItem{Key: t.Code, Title: t.Code, Detail: t.Statement}
	}
	f.targets.SetItems(items)

	unit := f.unit.Selected
	titles := make([]string, len(units))
	for i, u := range units {
		titles[i] = u.Title
	}
	f.unit.SetOptions(titles)
	f.unit.ClearSelected()
	if slices.Contains(titles, unit) {
		f.unit.SetSelected(unit)
	}

	group := f.group.Selected
	f.group.SetOptions(append([]string{notesWholeClass}, groups...))
	if slices.Contains(f.group.Options, group) {
		f.group.SetSelected(group)
	} else {
		f.group.SetSelectedIndex(0)
	}
	f.setLookFors(lookFors, f.lookForChosen())
}

// setLookFors offers the look-fors, with chosen kept (and offered even
// when the list no longer has it: a note keeps the words it was written with).
func (f *notesForm) setLookFors(lookFors []string, chosen string) {
	options := append([]string{notesNoLookFor}, lookFors...)
	if chosen != "" && !slices.Contains(options, chosen) {
		options = append(options, chosen)
	}
	f.lookFor.SetOptions(options)
	f.lookFor.ClearSelected()
	if chosen != "" {
		f.lookFor.SetSelected(chosen)
	}
}

// lookForChosen returns the look-for chosen, or "".
func (f *notesForm) lookForChosen() string {
	if f.lookFor.Selected == notesNoLookFor {
		return ""
	}
	return f.lookFor.Selected
}

// clear empties the form for another continuum.
func (f *notesForm) clear() {
	f.about.SetSelected(notesAboutLabels[0])
	f.targets.SetQuery("")
	f.targets.Select("")
	f.unit.ClearSelected()
	f.group.SetSelectedIndex(0)
	f.text.SetText("")
}

// set fills the form with a note.
func (f *notesForm) set(n continuum.VisitNote) {
	if i := slices.Index(continuum.VisitSubjects, n.About); i >= 0 {
		f.about.SetSelected(notesAboutLabels[i])
	}
	switch n.About {
	case continuum.OnTarget:
		f.targets.Select(n.Subject)
	case continuum.OnUnit:
		if !slices.Contains(f.unit.Options, n.Subject) {
			f.unit.SetOptions(append(slices.Clone(f.unit.Options), n.Subject))
		}
		f.unit.SetSelected(n.Subject)
	case continuum.OnClass:
		if n.Subject == "" {
			f.group.SetSelectedIndex(0)
		} else {
			if !slices.Contains(f.group.Options, n.Subject) {
				f.group.SetOptions(append(slices.Clone(f.group.Options), n.Subject))
			}
			f.group.SetSelected(n.Subject)
		}
	}
	f.setLookFors(f.lookFor.Options[1:], n.LookFor)
	f.text.SetText(n.Note)
}

// note returns the note the form describes (without continuum, date or
// coach), or what is missing.
func (f *notesForm) note() (continuum.VisitNote, error) {
	n := continuum.VisitNote{About: f.kind()}
	switch n.About {
	case continuum.OnTarget:
		n.Subject = f.targets.Selected()
		if n.Subject == "" {
			return n, errors.New("choose the target the note is about: type part of its code or words, then pick it from the list")
		}
	case continuum.OnUnit:
		n.Subject = f.unit.Selected
		if n.Subject == "" {
			return n, errors.New("choose the unit the note is about")
		}
	case continuum.OnClass:
		if f.group.Selected != notesWholeClass {
			n.Subject = f.group.Selected
		}
	}
	n.LookFor = f.lookForChosen()
	n.Note = strings.TrimSpace(f.text.Text)
	if n.Note == "" {
		return n, errors.New("write the note first: what you saw, or what to try next")
	}
	return n, nil
}

// notesMinHeight gives its content at least a height (a search list
// shows a few rows of its list).
type notesMinHeight struct{ height float32 }

func (l *notesMinHeight) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objects {
		s = s.Max(o.MinSize())
	}
	return fyne.NewSize(s.Width, max(s.Height, l.height))
}

func (l *notesMinHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
