package notes

import (
	"cmp"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/widgets"
)

// notesGroup is the notes of one visit day on one subject.
type notesGroup struct {
	about   continuum.VisitSubject
	subject string
	rank    int
	notes   []continuum.VisitNote
}

// notesListView lists the notes by visit day, latest first, and within a
// day by subject: the continuum, its targets in graph order, its units in
// calendar order, then the class and its groups.
func notesListView(d *notesData, onEdit, onDelete func(continuum.VisitNote)) []fyne.CanvasObject {
	if len(d.notes) == 0 {
		return []fyne.CanvasObject{widgets.Hint("No notes yet. Write the first on the left: choose what it is about and the look-for it answers.")}
	}
	var days []continuum.Date
	byDay := map[continuum.Date][]*notesGroup{}
	for _, n := range d.notes {
		groups := byDay[n.Date]
		if groups == nil {
			days = append(days, n.Date)
		}
		i := slices.IndexFunc(groups, func(g *notesGroup) bool {
			return g.about == n.About && strings.EqualFold(g.subject, n.Subject)
		})
		if i < 0 {
			groups = append(groups, &notesGroup{about: n.About, subject: n.Subject, rank: notesRank(d, n)})
			i = len(groups) - 1
		}
		groups[i].notes = append(groups[i].notes, n)
		byDay[n.Date] = groups
	}
	slices.SortFunc(days, func(a, b continuum.Date) int { return b.Compare(a) })
	var out []fyne.CanvasObject
	for k, day := range days {
		groups := byDay[day]
		slices.SortStableFunc(groups, func(a, b *notesGroup) int {
			return cmp.Or(cmp.Compare(a.rank, b.rank), strings.Compare(strings.ToLower(a.subject), strings.ToLower(b.subject)))
		})
		count := 0
		for _, g := range groups {
			count += len(g.notes)
		}
		if k > 0 {
			out = append(out, widget.NewSeparator())
		}
		out = append(out, widgets.Section(day.Full()+" · "+continuum.Plural(count, "note", "notes")))
		for i, g := range groups {
			if i > 0 {
				out = append(out, widgets.NotesGap())
			}
			head := widget.NewLabelWithStyle(notesGroupTitle(d.graph, g), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			head.Truncation = fyne.TextTruncateEllipsis
			out = append(out, head)
			for _, n := range g.notes {
				out = append(out, notesRow(n, onEdit, onDelete))
			}
		}
	}
	return out
}

// notesRank orders the subjects of a day.
func notesRank(d *notesData, n continuum.VisitNote) int {
	const block = 1 << 20
	switch n.About {
	case continuum.OnTarget:
		i := slices.IndexFunc(d.graph.Targets, func(t continuum.Target) bool { return continuum.SameCode(t.Code, n.Subject) })
		if i < 0 {
			i = block - 1
		}
		return block + i
	case continuum.OnUnit:
		i := slices.IndexFunc(d.units, func(u continuum.Unit) bool { return strings.EqualFold(u.Title, n.Subject) })
		if i < 0 {
			i = block - 1
		}
		return 2*block + i
	case continuum.OnClass:
		if n.Subject == "" {
			return 3 * block
		}
		return 3*block + 1
	}
	return 0
}

// notesGroupTitle names a subject: "Target NO.1.2 · I can …", "Unit
// Fractions as numbers", "Period 2", "The whole class", "The continuum".
func notesGroupTitle(g *continuum.Graph, n *notesGroup) string {
	switch n.about {
	case continuum.OnTarget:
		if t, ok := g.Target(n.subject); ok {
			return "Target " + t.Code + " · " + t.Statement
		}
		return "Target " + n.subject + " (no longer in the continuum)"
	case continuum.OnUnit:
		return "Unit · " + n.subject
	case continuum.OnClass:
		if n.subject == "" {
			return notesWholeClass
		}
		return "Group · " + n.subject
	}
	return "The continuum as a whole"
}

// notesRow shows one note with its look-for and coach, and Edit and Delete.
func notesRow(n continuum.VisitNote, onEdit, onDelete func(continuum.VisitNote)) fyne.CanvasObject {
	edit := widgets.NewButton("", theme.DocumentCreateIcon(), func() { onEdit(n) })
	edit.Importance = widget.LowImportance
	del := widgets.NewButton("", theme.DeleteIcon(), func() { onDelete(n) })
	del.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, container.NewHBox(edit, del), widgets.NoteView(widgets.NoteByline(n), n.Note))
}
