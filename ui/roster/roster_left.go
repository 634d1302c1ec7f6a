package roster

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// leftMaxHeight is how tall the list of the students who have left grows
// before it scrolls, so that the class stays in view.
const leftMaxHeight = 190

// leftSection is the part of the class list under it that holds the
// students who have left the class (a class list imported no longer
// lists them): greyed, each with their evidence, which is kept, a way to
// their profile and a way to bring them back. It folds away. Its list
// recycles its rows, so that years of leavers cost no more than a few.
type leftSection struct {
	r       *Screen
	toggle  *widgets.Button
	list    *widget.List
	body    fyne.CanvasObject
	content *fyne.Container
	open    bool
}

func newLeftSection(r *Screen) *leftSection {
	l := &leftSection{r: r, open: true}
	l.toggle = widgets.NewButton("", theme.MenuExpandIcon(), func() {
		l.open = !l.open
		l.refresh()
	})
	l.toggle.Importance = widget.LowImportance
	l.toggle.Alignment = widget.ButtonAlignLeading
	l.list = widget.NewList(func() int { return len(r.left) }, l.newRow, l.updateRow)
	l.list.OnSelected = func(id widget.ListItemID) { l.list.Unselect(id) }
	l.body = container.New(&leftHeight{l: l}, l.list)
	l.content = container.NewVBox(widget.NewSeparator(), l.toggle, l.body)
	l.content.Hide()
	return l
}

// refresh shows the students who have left that the search and the group
// keep, or hides the section when none has.
func (l *leftSection) refresh() {
	r := l.r
	n := 0
	for _, st := range r.students {
		if st.Inactive {
			n++
		}
	}
	if n == 0 {
		l.content.Hide()
		return
	}
	title := fmt.Sprintf("Left the class (%d)", n)
	if len(r.left) != n {
		title = fmt.Sprintf("Left the class (%d of %d)", len(r.left), n)
	}
	l.toggle.SetText(title)
	if l.open {
		l.toggle.SetIcon(theme.MenuDropDownIcon())
		l.body.Show()
	} else {
		l.toggle.SetIcon(theme.MenuExpandIcon())
		l.body.Hide()
	}
	l.list.Refresh()
	l.content.Show()
	l.content.Refresh()
}

// newRow is a row of the list: the name greyed over the ID, group and
// evidence, with Profile and Bring back beside them.
func (l *leftSection) newRow() fyne.CanvasObject {
	profile := widgets.NewButton("Profile", theme.AccountIcon(), nil)
	profile.Importance = widget.LowImportance
	back := widgets.NewButton("Bring back", theme.ContentUndoIcon(), nil)
	back.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(profile, back)),
		container.New(&tightLines{}, greyed("", false), greyed("", true)))
}

// updateRow shows the id-th student who has left in a row.
func (l *leftSection) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	r := l.r
	if id < 0 || id >= len(r.left) {
		return
	}
	st := r.students[r.left[id]]
	row := o.(*fyne.Container)
	lines := row.Objects[0].(*fyne.Container).Objects
	buttons := row.Objects[1].(*fyne.Container).Objects[0].(*fyne.Container).Objects
	facts := st.ID
	if st.Group != "" {
		facts += " · " + st.Group
	}
	facts += " · " + continuum.Plural(r.evidence[st.ID], "piece", "pieces") + " of evidence"
	setGreyed(lines[0].(*widget.RichText), st.Name)
	setGreyed(lines[1].(*widget.RichText), facts)
	profile, back := buttons[0].(*widgets.Button), buttons[1].(*widgets.Button)
	profile.OnTapped = func() {
		if r.onOpenProfile != nil {
			r.onOpenProfile(st.ID)
		}
	}
	back.OnTapped = func() { r.onBringBack(st) }
	showIf(profile, r.onOpenProfile != nil)
	showIf(back, !r.WS.ReadOnly())
}

// showIf shows o when on, else hides it.
func showIf(o fyne.CanvasObject, on bool) {
	if on {
		o.Show()
	} else {
		o.Hide()
	}
}

// leftHeight sizes the list to its rows, up to leftMaxHeight, so that
// the class stays in view above it.
type leftHeight struct{ l *leftSection }

func (h *leftHeight) MinSize(objects []fyne.CanvasObject) fyne.Size {
	row := h.l.newRow().MinSize().Height + theme.SeparatorThicknessSize() + theme.Padding()
	return fyne.NewSize(objects[0].MinSize().Width, min(row*float32(len(h.l.r.left)), leftMaxHeight))
}

func (h *leftHeight) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// greyed is text on one line in the placeholder's colour: set apart from
// the class, yet dark enough to read (Fyne's low importance draws it in
// the disabled colour, too faint to read).
func greyed(text string, italic bool) *widget.RichText {
	rt := widget.NewRichText(&widget.TextSegment{Text: text,
		Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, Inline: true, TextStyle: fyne.TextStyle{Italic: italic}}})
	rt.Truncation = fyne.TextTruncateEllipsis
	return rt
}

// setGreyed changes the text of a greyed line.
func setGreyed(rt *widget.RichText, text string) {
	if seg := rt.Segments[0].(*widget.TextSegment); seg.Text != text {
		seg.Text = text
		rt.Refresh()
	}
}

// tightLines stacks two labels closer than a box would, as two lines of
// one entry.
type tightLines struct{}

func (tightLines) MinSize(objects []fyne.CanvasObject) fyne.Size {
	var w, h float32
	for _, o := range objects {
		m := o.MinSize()
		w, h = max(w, m.Width), h+m.Height
	}
	return fyne.NewSize(w, h-2*theme.Padding()*float32(len(objects)-1))
}

func (tightLines) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	y := float32(0)
	for _, o := range objects {
		m := o.MinSize()
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, m.Height))
		y += m.Height - 2*theme.Padding()
	}
}

// countEvidenceOfLeft counts the evidence of each student who has left,
// in every continuum: what their place on the roster keeps.
func (r *Screen) countEvidenceOfLeft(ctx context.Context, students []continuum.Student) (map[string]int, error) {
	counts := map[string]int{}
	var all []continuum.Continuum
	for _, st := range students {
		if !st.Inactive {
			continue
		}
		if all == nil {
			var err error
			if all, err = r.store.Continua(ctx); err != nil {
				return nil, err
			}
		}
		for _, c := range all {
			ev, err := r.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID, Student: st.ID})
			if err != nil {
				return nil, err
			}
			counts[st.ID] += len(ev)
		}
	}
	return counts, nil
}

// onBringBack brings a student who has left back into the class, as they
// were, with their evidence; undoable.
func (r *Screen) onBringBack(st continuum.Student) {
	if r.WS.ReadOnly() {
		return
	}
	back := st
	back.Inactive = false
	screen.Run(func(ctx context.Context) (struct{}, error) {
		if err := r.store.PutStudents(ctx, back); err != nil {
			return struct{}{}, fmt.Errorf("bring %s back into the class: %w", st.Name, err)
		}
		return struct{}{}, nil
	}, func(struct{}) {
		store := r.store
		if cur := r.find(st.ID); cur != nil {
			cur.Inactive = false
		}
		r.WS.Did(screen.UndoStep{Label: "bringing back " + st.Name,
			Undo:   func(ctx context.Context) error { return store.PutStudents(ctx, st) },
			Change: screen.Change{Kind: screen.RosterChanged}})
		where := ""
		if st.Group != "" {
			where = " in " + st.Group
		}
		r.status.SetText(fmt.Sprintf("%s (%s) is back in the class%s, with their evidence.", st.Name, st.ID, where))
		r.applyFilter()
	}, func(err error) { screen.ShowError(r.Win, err) })
}
