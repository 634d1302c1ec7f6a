package builder

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// groupMembers counts what sits directly in each group of g: targets and
// groups, by lower-cased key.
type groupMembers struct {
	targets map[string][]string // key → codes of its targets
	groups  map[string][]string // key → keys of the groups inside it
}

func membersOf(g *continuum.Graph) groupMembers {
	m := groupMembers{targets: map[string][]string{}, groups: map[string][]string{}}
	for _, t := range g.Targets {
		if t.Group != "" {
			k := strings.ToLower(t.Group)
			m.targets[k] = append(m.targets[k], t.Code)
		}
	}
	for _, grp := range g.Continuum.Groups {
		if grp.Parent != "" {
			k := strings.ToLower(grp.Parent)
			m.groups[k] = append(m.groups[k], grp.Key)
		}
	}
	return m
}

// groupsDialog lists the groups of the continuum shown, in the grid's
// order with each one's targets counted, and creates, edits and deletes
// them.
type groupsDialog struct {
	s       *Screen
	g       *continuum.Graph
	tree    *widgets.GroupTree
	members groupMembers
	list    *widget.List
	none    *widget.Label // says there are no groups
	chosen  int
	edit    *widgets.Button
	del     *widgets.Button
	dlg     *widgets.FormDialog
}

// onGroups opens the list of the continuum's groups.
func (s *Screen) onGroups() {
	if s.graph == nil || s.WS.ReadOnly() {
		return
	}
	d := &groupsDialog{s: s, g: s.graph, tree: widgets.NewGroupTree(&s.graph.Continuum), members: membersOf(s.graph), chosen: -1}
	d.list = widget.NewList(func() int { return len(d.tree.Groups) },
		func() fyne.CanvasObject {
			title := widget.NewLabel("")
			title.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, nil, widget.NewLabel(""), title)
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			title, count := d.line(i)
			row.Objects[0].(*widget.Label).SetText(title)
			row.Objects[1].(*widget.Label).SetText(count)
			row.Refresh()
		})
	d.list.OnSelected = func(i widget.ListItemID) { d.chosen = i; d.updateButtons() }
	d.list.OnUnselected = func(widget.ListItemID) { d.chosen = -1; d.updateButtons() }
	newBtn := widgets.NewButton("New group…", theme.ContentAddIcon(), func() { s.openGroupEditor(nil, "") })
	d.edit = widgets.NewButton("Edit…", theme.DocumentCreateIcon(), func() {
		if grp, ok := d.selected(); ok {
			s.openGroupEditor(&grp, "")
		}
	})
	d.del = widgets.NewButton("Delete…", theme.DeleteIcon(), func() {
		if grp, ok := d.selected(); ok {
			s.deleteGroup(s.graph, grp, d.dlg)
		}
	})
	d.updateButtons()
	hint := "Groups sit between a domain and its targets: strands, clusters, a standard's parts. " +
		"A group inside another is indented below it. Move a target into a group from the target's editor."
	d.none = widgets.Quiet("No groups yet.")
	d.none.Hidden = len(d.tree.Groups) > 0
	body := container.NewBorder(widgets.Hint(hint), nil, nil, nil, container.NewStack(d.list, container.NewVBox(d.none)))
	d.dlg = widgets.NewFormDialog(s.Win, "Groups of “"+s.graph.Continuum.Name+"”", body, "Close", func() { d.dlg.Hide() }, newBtn, d.edit, d.del)
	d.dlg.CancelButton().Hide()
	s.groups = d
	s.dialog = d.dlg
	d.dlg.Show(fyne.NewSize(720, 520))
}

// line is the list's line for the i-th group: its title indented by
// depth (a group at the top of its domain names the domain, last, where
// a long line gives way), and how many targets sit in it, kept whole at
// the right.
func (d *groupsDialog) line(i int) (title, count string) {
	grp := d.tree.Groups[i]
	n := len(d.members.targets[strings.ToLower(grp.Key)])
	title = strings.Repeat("\u2003\u2003", grp.Depth) + grp.Title()
	if grp.Depth == 0 {
		title += " · in " + grp.Domain
	}
	return title, continuum.Plural(n, "target", "targets")
}

// reload shows the groups of g, the continuum as it is after a change,
// with the same group chosen when it is still there.
func (d *groupsDialog) reload(g *continuum.Graph) {
	key := ""
	if grp, ok := d.selected(); ok {
		key = grp.Key
	}
	d.g, d.tree, d.members = g, widgets.NewGroupTree(&g.Continuum), membersOf(g)
	d.chosen = -1
	if len(d.tree.Groups) == 0 {
		d.none.Show()
	} else {
		d.none.Hide()
	}
	d.list.UnselectAll()
	d.list.Refresh()
	if r := d.tree.Rank(key); r >= 0 {
		d.list.Select(r)
	}
	d.updateButtons()
}

func (d *groupsDialog) selected() (continuum.Group, bool) {
	if d.chosen < 0 || d.chosen >= len(d.tree.Groups) {
		return continuum.Group{}, false
	}
	return d.tree.Groups[d.chosen].Group, true
}

func (d *groupsDialog) updateButtons() {
	_, ok := d.selected()
	widgets.SetEnabled(d.edit, ok)
	widgets.SetEnabled(d.del, ok)
}

// onGroupTapped opens a group from its heading in the grid: its editor,
// or in a review its details.
func (s *Screen) onGroupTapped(key string) {
	if s.graph == nil {
		return
	}
	i := s.graph.Continuum.GroupIndex(key)
	if i < 0 {
		return
	}
	grp := s.graph.Continuum.Groups[i]
	if s.WS.ReadOnly() {
		s.showGroupView(grp)
		return
	}
	s.openGroupEditor(&grp, "")
}

// showGroupView shows a group read-only: its path, statement, source and
// links, and how many targets sit in it.
func (s *Screen) showGroupView(grp continuum.Group) {
	tree := widgets.NewGroupTree(&s.graph.Continuum)
	title := widget.NewRichText(widgets.GroupSegments(grp, 0)...)
	title.Wrapping = fyne.TextWrapWord
	n := len(membersOf(s.graph).targets[strings.ToLower(grp.Key)])
	where := widgets.Wrapped(grp.Domain + widgets.PathSeparator + tree.Path(grp.Key) + " · " + continuum.Plural(n, "target", "targets"))
	src := widgets.NewSourceDetails()
	src.SetGroup(s.graph, grp)
	body := container.NewVScroll(container.NewVBox(title, where, src))
	dlg := dialog.NewCustom("Group "+grp.Title()+" (read-only)", "Close", body, s.Win)
	dlg.Resize(fyne.NewSize(640, 420))
	dlg.Show()
}

// groupEditor is the dialog that creates or edits one group: its name,
// code and statement, its domain and the group it sits in.
type groupEditor struct {
	s    *Screen
	g    *continuum.Graph
	tree *widgets.GroupTree
	orig *continuum.Group // nil for a new group

	name      *widgets.Entry
	code      *widgets.Entry
	statement *widgets.Entry
	domain    *widgets.Select
	parent    *widgets.Select
	parents   []string // the keys of parent's options; "" for the top of the domain
	dlg       *widgets.FormDialog
	deleteBtn *widgets.Button
}

// openGroupEditor opens the editor on grp (nil: a new group in domain, or
// in the first domain).
func (s *Screen) openGroupEditor(grp *continuum.Group, domain string) {
	if s.graph == nil || s.WS.ReadOnly() || len(s.graph.Continuum.Domains) == 0 {
		return
	}
	e := &groupEditor{s: s, g: s.graph, tree: widgets.NewGroupTree(&s.graph.Continuum), orig: grp}
	c := &s.graph.Continuum
	e.name = widgets.NewEntry()
	e.name.PlaceHolder = "e.g. Key Ideas and Details"
	e.name.OnSubmitted = func(string) { e.dlg.Submit() }
	e.code = widgets.NewEntry()
	e.code.PlaceHolder = "e.g. RL.KID (optional)"
	e.code.OnSubmitted = func(string) { e.dlg.Submit() }
	e.statement = widgets.NewMultiLineEntry(3)
	e.statement.PlaceHolder = "What the group says of its own, when more than its name (optional)"
	domains := make([]string, len(c.Domains))
	for i, d := range c.Domains {
		domains[i] = d.Name
	}
	e.domain = widgets.NewSelect(domains, nil)
	e.parent = widgets.NewSelect(nil, nil)
	title, action := "New group", "Create"
	var extra []fyne.CanvasObject
	if grp != nil {
		title, action = "Group "+grp.Title(), "Save"
		e.name.SetText(grp.Name)
		e.code.SetText(grp.Code)
		e.statement.SetText(grp.Statement)
		domain = grp.Domain
		e.deleteBtn = widgets.NewButton("Delete group…", theme.DeleteIcon(), e.onDelete)
		e.deleteBtn.Importance = widget.DangerImportance
		extra = append(extra, e.deleteBtn)
	}
	e.domain.SetSelectedIndex(max(c.DomainIndex(domain), 0))
	e.fillParents()
	if grp != nil {
		e.parent.SetSelectedIndex(max(slices.IndexFunc(e.parents, func(k string) bool { return strings.EqualFold(k, grp.Parent) }), 0))
		if m := membersOf(s.graph); len(m.targets[strings.ToLower(grp.Key)]) > 0 || len(m.groups[strings.ToLower(grp.Key)]) > 0 {
			e.domain.Disable() // its targets and groups are in that domain
		}
	}
	e.domain.OnChanged = func(string) { e.fillParents() }
	domainItem := widget.NewFormItem("Domain", e.domain)
	if e.domain.Disabled() {
		domainItem.HintText = "Its targets and groups keep it in this domain."
	}
	form := widget.NewForm(
		widget.NewFormItem("Name", e.name),
		widget.NewFormItem("Code", e.code),
		widget.NewFormItem("Statement", e.statement),
		domainItem,
		widget.NewFormItem("Inside", e.parent),
	)
	body := fyne.CanvasObject(form)
	if grp != nil {
		src := widgets.NewSourceDetails()
		if src.SetGroup(s.graph, *grp) {
			body = container.NewVScroll(container.NewVBox(form, widgets.Heading("Where it comes from"), src))
		}
	}
	e.dlg = widgets.NewFormDialog(s.Win, title, body, action, e.onSave, extra...)
	e.dlg.First = e.name
	e.dlg.Fields = map[string]fyne.CanvasObject{
		"group.name": e.name, "group.key": e.code, "group.domain": e.domain, "group.parent": e.parent,
	}
	s.groupEditor = e
	s.dialog = e.dlg
	size := fyne.NewSize(640, 0)
	if _, scrolls := body.(*container.Scroll); scrolls {
		size.Height = 520 // a scroll asks for no height of its own
	}
	e.dlg.Show(size)
}

// fillParents offers the groups of the chosen domain to sit in, less the
// group itself and those inside it.
func (e *groupEditor) fillParents() {
	labels := []string{"(the top of the domain)"}
	e.parents = []string{""}
	for _, grp := range e.tree.InDomain(e.domain.Selected) {
		if e.orig != nil && e.tree.Inside(grp.Key, e.orig.Key) {
			continue
		}
		labels = append(labels, uniqueLabel(labels, strings.Repeat("\u2003", grp.Depth)+grp.Title(), grp.Key))
		e.parents = append(e.parents, grp.Key)
	}
	e.parent.SetOptions(labels)
	e.parent.SetSelectedIndex(0)
}

// uniqueLabel returns label, with key added when labels already has it.
func uniqueLabel(labels []string, label, key string) string {
	if slices.Contains(labels, label) {
		return label + " (" + key + ")"
	}
	return label
}

// group returns the group the form describes.
func (e *groupEditor) group() continuum.Group {
	var grp continuum.Group
	if e.orig != nil {
		grp = *e.orig
	}
	grp.Name = strings.TrimSpace(e.name.Text)
	grp.Code = strings.TrimSpace(e.code.Text)
	grp.Statement = strings.TrimSpace(e.statement.Text)
	grp.Domain = e.domain.Selected
	grp.Parent = ""
	if i := e.parent.SelectedIndex(); i > 0 && i < len(e.parents) {
		grp.Parent = e.parents[i]
	}
	if e.orig == nil {
		grp.Key = newGroupKey(&e.g.Continuum, grp)
	}
	return grp
}

// newGroupKey makes a key for a new group from its code or name, unique
// in c.
func newGroupKey(c *continuum.Continuum, grp continuum.Group) string {
	base := strings.TrimSpace(grp.Code)
	if base == "" {
		base = strings.Join(strings.Fields(strings.ToLower(grp.Name)), "-")
	}
	base = strings.ReplaceAll(base, "/", "-")
	if r := []rune(base); len(r) > 48 {
		base = string(r[:48])
	}
	if base == "" {
		base = "group"
	}
	key := base
	for n := 2; c.GroupIndex(key) >= 0; n++ {
		key = fmt.Sprintf("%s-%d", base, n)
	}
	return key
}

// onSave checks the groups as they would be, then stores them in one change.
func (e *groupEditor) onSave() {
	grp := e.group()
	c := e.g.Continuum
	groups := slices.Clone(c.Groups)
	label := "new group " + grp.Title()
	if e.orig != nil {
		i := c.GroupIndex(e.orig.Key)
		if i < 0 {
			e.dlg.SetError("The group is gone; close this and look again.")
			return
		}
		groups[i] = grp
		label = "changes to group " + grp.Title()
	} else {
		groups = append(groups, grp)
	}
	c.Groups = groups
	if err := c.Validate(); err != nil {
		e.dlg.SetProblem(err)
		return
	}
	if e.orig != nil && sameGroup(*e.orig, grp) {
		e.dlg.Hide() // nothing changed
		return
	}
	e.s.saveGroups(e.g.Continuum, groups, label, e.dlg)
}

// sameGroup reports whether a and b say the same of what the editor edits.
func sameGroup(a, b continuum.Group) bool {
	return a.Name == b.Name && a.Code == b.Code && a.Statement == b.Statement &&
		strings.EqualFold(a.Domain, b.Domain) && strings.EqualFold(a.Parent, b.Parent)
}

// onDelete deletes an empty group after asking; a group that targets or
// other groups sit in is refused, with them named.
func (e *groupEditor) onDelete() {
	e.s.deleteGroup(e.g, *e.orig, e.dlg)
}

// deleteGroup asks, then deletes grp, unless something sits in it: then
// dlg says what.
func (s *Screen) deleteGroup(g *continuum.Graph, grp continuum.Group, dlg *widgets.FormDialog) {
	m := membersOf(g)
	k := strings.ToLower(grp.Key)
	if ts, gs := m.targets[k], m.groups[k]; len(ts) > 0 || len(gs) > 0 {
		var what []string
		if len(ts) > 0 {
			what = append(what, continuum.Plural(len(ts), "target", "targets")+" ("+shortList(ts)+")")
		}
		if len(gs) > 0 {
			what = append(what, continuum.Plural(len(gs), "group", "groups")+" ("+shortList(gs)+")")
		}
		dlg.SetError(fmt.Sprintf("Cannot delete %s: %s sit in it. Move them to another group first.", grp.Title(), strings.Join(what, " and ")))
		return
	}
	groups := slices.DeleteFunc(slices.Clone(g.Continuum.Groups), func(o continuum.Group) bool { return strings.EqualFold(o.Key, grp.Key) })
	msg := fmt.Sprintf("Delete the group %s? No target sits in it. Undo brings it back.", grp.Title())
	s.confirmDanger("Delete group?", msg, "Delete group", func() {
		s.saveGroups(g.Continuum, groups, "deletion of group "+grp.Title(), dlg)
	})
}

// shortList names up to five codes or keys.
func shortList(items []string) string {
	if len(items) <= 5 {
		return strings.Join(items, ", ")
	}
	return strings.Join(items[:5], ", ") + fmt.Sprintf(" and %d more", len(items)-5)
}

// saveGroups stores groups as c's groups in one change that Undo reverses,
// closing dlg when it is done or showing why it was refused.
func (s *Screen) saveGroups(c continuum.Continuum, groups []continuum.Group, label string, dlg *widgets.FormDialog) {
	dlg.SetError("")
	dlg.SetBusy(true)
	old := slices.Clone(c.Groups)
	screen.Run(func(ctx context.Context) (continuum.Continuum, error) {
		return s.store.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Groups: &groups})
	}, func(continuum.Continuum) {
		dlg.SetBusy(false)
		if s.groups == nil || s.groups.dlg != dlg {
			dlg.Hide() // the list of groups stays open, and shows them anew
		}
		s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if _, err := s.store.UpdateContinuum(ctx, c.ID, continuum.ContinuumUpdate{Groups: &old}); err != nil && !errors.Is(err, continuum.ErrNotFound) {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.ContinuaChanged, Continuum: c.ID},
		})
	}, func(err error) {
		dlg.SetBusy(false)
		dlg.SetProblem(err)
		s.hook(hookError)
	})
}
