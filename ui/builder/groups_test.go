package builder

import (
	"context"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/storagetest"
	"github.com/continuum-planner/planner/ui/internal/uitest"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// groupedContinuum is a continuum imported with groups: a cluster inside
// another, targets in each and one directly in its domain, a target with
// its identity in the source and links, and the framework it came from.
func groupedContinuum() (continuum.Continuum, []continuum.Target) {
	c := continuum.NewContinuum("ELA", "3", "4")
	c.ID = "ela"
	c.Domains = []continuum.Domain{
		{Name: "Reading: Literature", Category: continuum.Academic, Code: "RL"},
		{Name: "Writing", Category: continuum.Academic},
	}
	c.Groups = []continuum.Group{
		{Key: "kid", Code: "RL.KID", Name: "Key Ideas and Details", Statement: "Read closely to determine what the text says explicitly.", Domain: "Reading: Literature"},
		{Key: "cs", Code: "RL.CS", Name: "Craft and Structure", Domain: "Reading: Literature"},
		{Key: "kid-inf", Code: "RL.KID.INF", Name: "Inferences", Domain: "Reading: Literature", Parent: "kid"},
	}
	c.Origin = &continuum.Origin{Format: continuum.FormatCASE, Title: "ELA Standards", Version: "2.0",
		Publisher: "State Department of Education", OfficialURL: "https://standards.example.org/ela"}
	t := func(code, group, level string, order int) continuum.Target {
		return continuum.Target{Code: code, Statement: "I can do " + code + ".", Domain: "Reading: Literature",
			Level: level, Order: order, Group: group}
	}
	targets := []continuum.Target{
		t("RL.3.1", "kid-inf", "3", 1),
		t("RL.3.2", "kid", "3", 2),
		t("RL.3.3", "cs", "3", 3),
		t("RL.3.0", "", "3", 4),
		t("RL.4.1", "kid", "4", 1),
		{Code: "W.3.1", Statement: "I can write an opinion.", Domain: "Writing", Level: "3", Order: 1},
	}
	targets[0].Source = &continuum.SourceRef{Kind: "Standard", ID: "urn:guid:5f1c-rl-3-1", URI: "https://case.example.org/uri/5f1c-rl-3-1"}
	targets[0].Links = []continuum.Link{
		{Kind: "exactMatchOf", Code: "RL.4.1"},
		{Kind: "isRelatedTo", Title: "CCSS.ELA-Literacy.RL.3.1", URI: "urn:case:ccss-rl-3-1"},
		{Kind: "replacedBy", Inbound: true, Title: "Old RL.3.1", URI: "https://old.example.org/rl-3-1"},
	}
	return c, targets
}

// newGroupedBuilder is the builder on a store holding groupedContinuum.
func newGroupedBuilder(t *testing.T) *builder {
	t.Helper()
	st := storagetest.Open(t)
	c, targets := groupedContinuum()
	if err := st.CreateContinuum(context.Background(), &c, targets); err != nil {
		t.Fatal(err)
	}
	ws := screen.NewWorkspace()
	ws.SelectContinuum(c.ID)
	return newBuilder(t, st, ws)
}

// cellWords lists what a cell of the grid shows, top to bottom: a card's
// code, or "# " and a heading's words, indented by its depth.
func cellWords(b *builder, code string) []string {
	b.t.Helper()
	card := b.s.grid.Card(code)
	for _, o := range test.LaidOutObjects(b.s.grid) {
		cell, ok := o.(*fyne.Container)
		if !ok || !slices.Contains(cell.Objects, fyne.CanvasObject(card)) {
			continue
		}
		var out []string
		for _, k := range cell.Objects {
			switch v := k.(type) {
			case *widgets.TargetCard:
				out = append(out, v.Target.Code)
			case *widgets.GroupHeading:
				out = append(out, strings.Repeat("  ", v.Group.Depth)+"# "+v.Text())
			}
		}
		return out
	}
	b.t.Fatalf("no cell shows %s", code)
	return nil
}

// Given a continuum with groups, the grid shows in each cell the targets
// directly in the domain first, then each group's heading (its code,
// name and statement; a cluster indented under its parent) with its
// targets beneath, in the groups' order.
func TestGridShowsGroupHeadingsWithTheirTargets(t *testing.T) {
	b := newGroupedBuilder(t)
	got := cellWords(b, "RL.3.1")
	want := []string{
		"RL.3.0",
		"# RL.KID\nKey Ideas and Details\nRead closely to determine what the text says explicitly.",
		"RL.3.2",
		"  # RL.KID.INF\nInferences",
		"RL.3.1",
		"# RL.CS\nCraft and Structure",
		"RL.3.3",
	}
	if !slices.Equal(got, want) {
		t.Errorf("cell RL × 3 shows\n%q\nwant\n%q", got, want)
	}
	if got := cellWords(b, "RL.4.1"); !slices.Equal(got, []string{"# RL.KID\nKey Ideas and Details\nRead closely to determine what the text says explicitly.", "RL.4.1"}) {
		t.Errorf("cell RL × 4 shows %q", got)
	}
	if got := cellWords(b, "W.3.1"); !slices.Equal(got, []string{"W.3.1"}) {
		t.Errorf("a domain without groups shows %q", got)
	}
	if !strings.Contains(b.s.summary.Text, "3 groups") {
		t.Errorf("summary %q does not count the groups", b.s.summary.Text)
	}
	// Where the continuum came from, with the publisher's page.
	if !b.s.origin.Visible() || b.s.originText.Text != "From CASE · ELA Standards · version 2.0 · State Department of Education" ||
		!b.s.originLink.Visible() || b.s.originLink.URL.String() != "https://standards.example.org/ela" {
		t.Errorf("origin line %q (shown %v), link %v", b.s.originText.Text, b.s.origin.Visible(), b.s.originLink.URL)
	}
	// A search dims the cards that do not match and keeps the headings.
	test.Type(b.s.search, "RL.3.3")
	if !slices.Equal(b.s.matches, []string{"RL.3.3"}) || len(b.s.grid.Headings("cs")) != 1 {
		t.Errorf("search matches %v", b.s.matches)
	}
}

// Given a target in one group, when the teacher chooses another group in
// its editor and saves, the target is stored in that group, numbered
// after that group's targets of its cell, and the grid shows it there;
// Undo puts it back.
func TestMovingATargetToAnotherGroupStoresIt(t *testing.T) {
	b := newGroupedBuilder(t)
	test.Tap(b.s.grid.Card("RL.3.2"))
	e := b.s.editor
	if e == nil || e.orig == nil || e.group.Selected != "RL.KID Key Ideas and Details" {
		t.Fatalf("RL.3.2's editor shows group %q", e.group.Selected)
	}
	if e.place.Text != "1 of 1 in its group" {
		t.Errorf("place %q", e.place.Text)
	}
	wantOptions := []string{"(none: directly in the domain)", "RL.KID Key Ideas and Details", "\u2003RL.KID.INF Inferences", "RL.CS Craft and Structure"}
	if !slices.Equal(e.group.Options, wantOptions) {
		t.Errorf("group options %q, want %q", e.group.Options, wantOptions)
	}
	e.group.SetSelected("RL.CS Craft and Structure")
	if e.place.Text != "2 of 2 in its group" {
		t.Errorf("after choosing Craft and Structure, place %q", e.place.Text)
	}
	b.save(e)
	stored, _ := b.stored("RL.3.2")
	if stored.Group != "cs" {
		t.Fatalf("RL.3.2 stored in group %q, want cs", stored.Group)
	}
	g := b.graph()
	var order []string
	for _, tg := range g.Cell(0, 0) {
		order = append(order, tg.Code)
	}
	if !slices.Equal(order, []string{"RL.3.0", "RL.3.1", "RL.3.3", "RL.3.2"}) {
		t.Errorf("the cell's order after the move %v", order)
	}
	want := []string{"RL.3.0", "# RL.KID\nKey Ideas and Details\nRead closely to determine what the text says explicitly.",
		"  # RL.KID.INF\nInferences", "RL.3.1", "# RL.CS\nCraft and Structure", "RL.3.3", "RL.3.2"}
	if got := cellWords(b, "RL.3.2"); !slices.Equal(got, want) {
		t.Errorf("cell after the move\n%q\nwant\n%q", got, want)
	}
	b.undo()
	if back, _ := b.stored("RL.3.2"); back.Group != "kid" {
		t.Errorf("undo left RL.3.2 in %q", back.Group)
	}
	// Moving to the domain itself: no group.
	test.Tap(b.s.grid.Card("RL.4.1"))
	b.s.editor.group.SetSelectedIndex(0)
	b.save(b.s.editor)
	if tg, _ := b.stored("RL.4.1"); tg.Group != "" {
		t.Errorf("RL.4.1 stays in group %q", tg.Group)
	}
}

// Given a group that targets sit in, Delete is refused with them named
// and nothing asked; an empty group made in the builder is deleted after
// the confirmation, and Undo brings it back.
func TestGroupWithTargetsCannotBeDeleted(t *testing.T) {
	b := newGroupedBuilder(t)
	heads := b.s.grid.Headings("cs")
	if len(heads) != 1 {
		t.Fatalf("Craft and Structure has %d headings", len(heads))
	}
	test.Tap(heads[0])
	e := b.s.groupEditor
	if e == nil || !e.dlg.IsOpen() || e.name.Text != "Craft and Structure" || e.code.Text != "RL.CS" {
		t.Fatal("tapping the heading did not open the group")
	}
	if !e.domain.Disabled() {
		t.Error("a group with targets can be moved to another domain")
	}
	test.Tap(e.deleteBtn)
	if b.s.confirm != nil && b.s.confirm.IsOpen() {
		t.Fatal("deleting a group with targets asks to confirm")
	}
	if msg := e.dlg.Error(); !strings.Contains(msg, "Cannot delete") || !strings.Contains(msg, "RL.3.3") {
		t.Errorf("refusal %q", msg)
	}
	if len(b.graph().Continuum.Groups) != 3 {
		t.Fatal("the group went")
	}
	// Rename it: the heading follows.
	e.name.SetText("")
	test.Type(e.name, "Craft")
	test.Tap(e.dlg.ConfirmButton())
	b.wait(hookLoaded)
	if g := b.graph().Continuum.Groups[1]; g.Name != "Craft" || g.Key != "cs" {
		t.Errorf("renamed group %+v", g)
	}
	if h := b.s.grid.Headings("cs"); len(h) != 1 || h[0].Text() != "RL.CS\nCraft" {
		t.Errorf("the heading after the rename: %v", h)
	}
	// A group inside Key Ideas and Details, made from the list of groups.
	test.Tap(b.s.groupsBtn)
	list := b.s.groups
	if list == nil || list.list.Length() != 3 {
		t.Fatal("Groups… shows no list of the 3 groups")
	}
	if title, count := list.line(0); title != "RL.KID Key Ideas and Details · in Reading: Literature" || count != "2 targets" {
		t.Errorf("the list's first line %q, %q", title, count)
	}
	if title, count := list.line(1); title != "\u2003\u2003RL.KID.INF Inferences" || count != "1 target" {
		t.Errorf("the list's second line %q, %q", title, count)
	}
	test.Tap(uitest.OverlayButton(t, b.w, "New group…").(*widgets.Button))
	ne := b.s.groupEditor
	test.Type(ne.name, "Theme")
	ne.parent.SetSelected("RL.KID Key Ideas and Details")
	test.Tap(ne.dlg.ConfirmButton())
	b.wait(hookLoaded)
	groups := b.graph().Continuum.Groups
	if len(groups) != 4 || groups[3].Name != "Theme" || groups[3].Parent != "kid" || groups[3].Key != "theme" {
		t.Fatalf("groups after New group: %+v", groups)
	}
	if list.list.Length() != 4 || !list.dlg.IsOpen() {
		t.Errorf("the open list shows %d groups", list.list.Length())
	}
	// It is empty: deleting asks, then it goes.
	list.list.Select(list.tree.Rank("theme"))
	test.Tap(list.del)
	if b.s.confirm == nil || !b.s.confirm.IsOpen() || !strings.Contains(b.s.confirmText, "Theme") {
		t.Fatalf("no confirmation for an empty group: %q", b.s.confirmText)
	}
	test.Tap(b.s.confirm.ConfirmButton())
	b.wait(hookLoaded)
	if n := len(b.graph().Continuum.Groups); n != 3 {
		t.Errorf("%d groups after the deletion", n)
	}
	b.undo()
	if n := len(b.graph().Continuum.Groups); n != 4 {
		t.Errorf("%d groups after undoing the deletion", n)
	}
}

// Given a target imported with its identity and links, its editor and
// its read-only view say where it comes from: its groups, its kind, its
// identifier (a urn, as text to select) and address (a link that opens),
// and each link worded from this target, an inbound one the other way.
func TestTargetDetailShowsSourceAndLinks(t *testing.T) {
	b := newGroupedBuilder(t)
	test.Tap(b.s.grid.Card("RL.3.1"))
	e := b.s.editor
	want := []string{
		"Group: RL.KID Key Ideas and Details › RL.KID.INF Inferences",
		"Kind in source: Standard",
		"Identifier: urn:guid:5f1c-rl-3-1",
		"Address: https://case.example.org/uri/5f1c-rl-3-1",
		"Links: exact match of RL.4.1 — I can do RL.4.1.",
		": is related to CCSS.ELA-Literacy.RL.3.1 (urn:case:ccss-rl-3-1)",
		": replaces Old RL.3.1 (https://old.example.org/rl-3-1)",
	}
	if got := e.source.Lines(); !slices.Equal(got, want) {
		t.Errorf("the editor's source details\n%q\nwant\n%q", got, want)
	}
	var links, selectable []string
	for _, o := range test.LaidOutObjects(e.source) {
		switch v := o.(type) {
		case *widget.Hyperlink:
			links = append(links, v.URL.String())
		case *widget.Label:
			if v.Selectable {
				selectable = append(selectable, v.Text)
			}
		}
	}
	if !slices.Equal(links, []string{"https://case.example.org/uri/5f1c-rl-3-1", "https://old.example.org/rl-3-1"}) {
		t.Errorf("links that open: %q", links)
	}
	for _, s := range []string{"urn:guid:5f1c-rl-3-1", "urn:case:ccss-rl-3-1"} {
		if !slices.Contains(selectable, s) {
			t.Errorf("%s is not text to select: %q", s, selectable)
		}
	}
	e.dlg.Hide()

	// A target from no other system says nothing of a source.
	test.Tap(b.s.grid.Card("W.3.1"))
	if lines := b.s.editor.source.Lines(); len(lines) != 0 {
		t.Errorf("W.3.1 shows source details %q", lines)
	}
	b.s.editor.dlg.Hide()

	// The review's read-only view says the same.
	ws := uitest.ReviewWorkspace()
	ws.SelectContinuum("ela")
	r := newBuilder(t, b.st, ws)
	r.s.onTargetTapped("RL.3.1")
	if r.s.view == nil || !slices.Equal(r.s.view.source.Lines(), want) {
		t.Errorf("the read-only view's source details %q", r.s.view.source.Lines())
	}
	if !uitest.DialogShows(r.w, "Reading: Literature › RL.KID Key Ideas and Details › RL.KID.INF Inferences · 3") {
		t.Errorf("the read-only view does not say where the target sits: %q", uitest.DialogTexts(r.w))
	}
	uitest.CloseDialogs(r.w)
	r.s.onGroupTapped("kid")
	if r.s.groupEditor != nil || !uitest.DialogShows(r.w, "(read-only)") {
		t.Errorf("a heading in a review: %q", uitest.DialogTexts(r.w))
	}
}

// Given groups, renaming their domain in Settings carries them along.
func TestRenamingADomainKeepsItsGroups(t *testing.T) {
	b := newGroupedBuilder(t)
	test.Tap(b.s.settingsBtn)
	cs := b.s.settings
	row := cs.domains.rows[0].w
	row.name.SetText("")
	test.Type(row.name, "Literature")
	test.Tap(cs.dlg.ConfirmButton())
	b.wait(hookLoaded)
	c := b.graph().Continuum
	if c.Domains[0].Name != "Literature" || c.Domains[0].Code != "RL" {
		t.Errorf("domain after the rename %+v", c.Domains[0])
	}
	for _, g := range c.Groups {
		if g.Domain != "Literature" {
			t.Errorf("group %s stays in %q", g.Key, g.Domain)
		}
	}
}

// Given a cell whose last card sits in a group, the add button below it
// opens a new target in that group, placed last among the group's
// targets; the new target is stored in the group after them.
func TestAddingATargetBelowAGroup(t *testing.T) {
	b := newGroupedBuilder(t)
	b.s.onAddInCell("Reading: Literature", "cs", "3")
	e := b.s.editor
	if e.orig != nil || e.group.Selected != "RL.CS Craft and Structure" || e.place.Text != "2 of 2 in its group" {
		t.Fatalf("new target in group %q, place %q", e.group.Selected, e.place.Text)
	}
	test.Type(e.code, "RL.3.9")
	test.Type(e.statement, "I can compare two stories.")
	b.save(e)
	tg, ok := b.stored("RL.3.9")
	if !ok || tg.Group != "cs" {
		t.Fatalf("stored %+v", tg)
	}
	var order []string
	for _, o := range b.graph().Cell(0, 0) {
		order = append(order, o.Code)
	}
	if !slices.Equal(order, []string{"RL.3.0", "RL.3.2", "RL.3.1", "RL.3.3", "RL.3.9"}) {
		t.Errorf("the cell's order %v", order)
	}
}
