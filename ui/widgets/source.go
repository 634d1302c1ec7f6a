package widgets

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// SourceDetails shows where a target or a group comes from: the groups
// it sits in, its identity in the system it was imported from (the kind
// of record, its identifier and address), and its links to other
// standards ("exact match of 6.RP.A.1", "replaced by …"). An address on
// the web opens in the browser; any other (a urn, say) is text to select
// or copy, since nothing opens it. It shows nothing when there is
// nothing to say.
type SourceDetails struct {
	widget.BaseWidget

	rows *fyne.Container
	// lines are the texts shown, label and value, for tests and reading.
	lines []string
}

// NewSourceDetails returns empty details; fill them with SetTarget or SetGroup.
func NewSourceDetails() *SourceDetails {
	d := &SourceDetails{rows: container.New(layout.NewFormLayout())}
	d.ExtendBaseWidget(d)
	return d
}

// SetTarget shows where target t of g comes from, and reports whether
// there is anything to show.
func (d *SourceDetails) SetTarget(g *continuum.Graph, t continuum.Target) bool {
	var tree *GroupTree
	if g != nil {
		tree = NewGroupTree(&g.Continuum)
	}
	return d.set(g, tree, t.Group, t.Source, t.Links)
}

// SetGroup shows where group grp of g comes from: the groups it sits in,
// its identity and links.
func (d *SourceDetails) SetGroup(g *continuum.Graph, grp continuum.Group) bool {
	var tree *GroupTree
	if g != nil {
		tree = NewGroupTree(&g.Continuum)
	}
	return d.set(g, tree, grp.Parent, grp.Source, grp.Links)
}

// set fills the rows: the group path, the source identity and the links.
func (d *SourceDetails) set(g *continuum.Graph, tree *GroupTree, group string, src *continuum.SourceRef, links []continuum.Link) bool {
	d.lines = nil
	var objs []fyne.CanvasObject
	add := func(label string, value fyne.CanvasObject, text string) {
		objs = append(objs, fieldLabel(label), value)
		d.lines = append(d.lines, label+": "+text)
	}
	if tree != nil && group != "" {
		path := tree.Path(group)
		if path == "" {
			path = group
		}
		add("Group", SelectableText(path, fyne.TextWrapWord), path)
	}
	if !src.IsZero() {
		if src.Kind != "" {
			add("Kind in source", SelectableText(src.Kind, fyne.TextWrapWord), src.Kind)
		}
		if src.ID != "" {
			add("Identifier", Address(src.ID), src.ID)
		}
		if src.URI != "" && src.URI != src.ID {
			add("Address", Address(src.URI), src.URI)
		}
	}
	for i, l := range links {
		label := ""
		if i == 0 {
			label = "Links"
		}
		value, text := linkLine(g, l)
		add(label, value, text)
	}
	d.rows.Objects = objs
	d.rows.Refresh()
	return len(objs) > 0
}

// Lines returns what the details say, one "label: value" a row.
func (d *SourceDetails) Lines() []string { return d.lines }

// CreateRenderer shows the rows.
func (d *SourceDetails) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(d.rows)
}

// fieldLabel is the quiet name of a row.
func fieldLabel(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	return l
}

// linkLine shows one link: how it relates ("exact match of"), the other
// end (a target of this continuum with its statement, or the source's
// title), and the other end's address when it is outside.
func linkLine(g *continuum.Graph, l continuum.Link) (fyne.CanvasObject, string) {
	other := l.Other()
	if l.Code != "" && g != nil {
		if t, ok := g.Target(l.Code); ok {
			other = t.Code + " — " + t.Statement
		} else if i := g.Continuum.GroupIndex(l.Code); i >= 0 {
			other = g.Continuum.Groups[i].Title()
		}
	}
	text := continuum.LinkWords(l, other)
	if !l.External() || l.URI == "" {
		return SelectableText(text, fyne.TextWrapWord), text
	}
	if other == l.URI { // named by its address alone: the address, to open or copy, says it
		return container.NewVBox(SelectableText(strings.TrimSpace(continuum.LinkWords(l, "")), fyne.TextWrapWord), Address(l.URI)), text
	}
	return container.NewVBox(SelectableText(text, fyne.TextWrapWord), Address(l.URI)), text + " (" + l.URI + ")"
}

// SelectableText is text a person can select and copy, wrapped as asked.
func SelectableText(text string, wrap fyne.TextWrap) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = wrap
	l.Selectable = true
	return l
}

// Address shows an identifier or address in full: a web address as a
// link that opens in the browser, anything else as text to select; both
// with a button that copies it.
func Address(text string) fyne.CanvasObject {
	var shown fyne.CanvasObject
	if u, err := url.Parse(text); err == nil && (u.Scheme == "http" || u.Scheme == "https") && u.Host != "" {
		link := widget.NewHyperlink(text, u)
		link.Wrapping = fyne.TextWrapBreak
		shown = link
	} else {
		shown = SelectableText(text, fyne.TextWrapBreak)
	}
	copyBtn := widget.NewButtonWithIcon("", theme.ContentCopyIcon(), func() {
		if a := fyne.CurrentApp(); a != nil {
			a.Clipboard().SetContent(text)
		}
	})
	copyBtn.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, container.NewVBox(copyBtn), shown)
}

// OriginDetails lays out everything a continuum's origin says, one row a
// field; addresses open or copy as Address does.
func OriginDetails(o *continuum.Origin) fyne.CanvasObject {
	rows := container.New(layout.NewFormLayout())
	if o == nil {
		return rows
	}
	text := func(label, value string) {
		if value = strings.TrimSpace(value); value != "" {
			rows.Add(fieldLabel(label))
			rows.Add(SelectableText(value, fyne.TextWrapWord))
		}
	}
	addr := func(label, value string) {
		if value = strings.TrimSpace(value); value != "" {
			rows.Add(fieldLabel(label))
			rows.Add(Address(value))
		}
	}
	text("Format", o.Format)
	text("Title", o.Title)
	text("Version", o.Version)
	text("Publisher", o.Publisher)
	text("Creator", o.Creator)
	text("Status", o.AdoptionStatus)
	text("Language", o.Language)
	text("Last changed", o.LastChange)
	text("Licence", o.License)
	text("Levels of the tree", strings.Join(o.Taxonomy, PathSeparator))
	addr("Official page", o.OfficialURL)
	addr("Identifier", o.ID)
	if o.URI != o.ID {
		addr("Address", o.URI)
	}
	return rows
}
