package builder

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Store is what the continuum builder needs from the store: the continua
// and their targets, the evidence and overrides of a target, to count what
// a deletion removes and to put it back when the deletion is undone, and
// a coach's visit notes, shown beside the target being edited.
type Store interface {
	continuum.ContinuumStore
	Evidence(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, error)
	AddEvidence(ctx context.Context, ev ...continuum.Evidence) ([]continuum.Evidence, error)
	Overrides(ctx context.Context, continuumID, student string) ([]continuum.Override, error)
	PutOverride(ctx context.Context, o continuum.Override) error
	VisitNotes(ctx context.Context, continuumID string) ([]continuum.VisitNote, error)
}

// Events reported to the test hook.
const (
	hookLoaded  = "loaded"  // a load is shown and no other is waiting
	hookConfirm = "confirm" // a confirmation opened after counting what goes
	hookError   = "error"   // a failure of background work is shown
)

// Screen is the continuum builder: the continuum at a glance as a grid of
// target cards (levels across, domains down), the actions on continua
// (new, rename, duplicate, delete, settings), the target editor, and a
// search that finds targets by code or words.
type Screen struct {
	screen.Base[builderData]
	store Store

	newBtn       *widget.Button
	renameBtn    *widget.Button
	duplicateBtn *widget.Button
	deleteBtn    *widget.Button
	settingsBtn  *widget.Button
	groupsBtn    *widget.Button
	addBtn       *widget.Button
	search       *widgets.Entry
	matchLabel   *widget.Label
	summary      *widget.Label
	status       *fyne.Container // the summary, the match count and Add target
	origin       *fyne.Container // where the continuum was imported from, when it was
	originText   *widget.Label
	originLink   *widget.Hyperlink
	grid         *widgets.GroupedGrid
	emptyTitle   *widget.Label
	emptyText    *widget.Label
	emptyNew     *widget.Button
	main         fyne.CanvasObject
	empty        fyne.CanvasObject
	content      fyne.CanvasObject // the screen's root

	holding bool // announcing several changes: load once after
	held    bool // a change came while holding

	graph        *continuum.Graph      // the continuum shown, nil when none
	continua     []continuum.Continuum // every continuum, by name
	matches      []string              // codes matching the search, in grid order
	focusPending bool                  // FocusFirst came before the data
	selectNext   string                // code to select once the next load is shown
	selected     string                // code of the selected card

	dialog      *widgets.FormDialog // the last form dialog opened
	confirm     *widgets.FormDialog // the last confirmation opened
	confirmText string              // the question the last confirmation asks
	view        *targetView         // the last target shown read-only
	newForm     *newContinuumForm
	settings    *continuumSettings
	editor      *targetEditor
	groups      *groupsDialog // the last list of groups opened
	groupEditor *groupEditor  // the last group editor opened

	// testHook, when set, hears hookLoaded, hookConfirm and hookError.
	testHook func(event string)
}

// New builds the continuum builder on store, following the continuum
// chosen in ws, with its dialogs in win.
func New(store Store, ws *screen.Workspace, win fyne.Window) *Screen {
	s := &Screen{store: store}
	s.buildActions()
	s.buildEmpty()
	s.content = s.Init(ws, win, container.NewStack(s.main, s.empty), screen.Loader[builderData]{
		What:    "The continuum",
		Follows: s.follows,
		Read:    s.read,
		Show:    s.show,
		Failed:  s.onLoadFailed,
		Settled: func() { s.hook(hookLoaded) },
		// Revisiting reads nothing unless something it follows changed.
		KeepShown: true,
	})
	s.showEmpty(false)
	s.setActionsEnabled(false)
	if ws.ReadOnly() {
		// A review: the continuum can be browsed and its targets read, not changed.
		for _, b := range []*widget.Button{s.newBtn, s.renameBtn, s.duplicateBtn, s.deleteBtn, s.settingsBtn, s.groupsBtn, s.addBtn, s.emptyNew} {
			b.Hide()
		}
		s.grid.SetOnAdd(nil)
	}
	s.addShortcuts()
	return s
}

// buildActions builds the main view: the actions on continua, the
// search, the summary line and the grid.
func (s *Screen) buildActions() {
	s.newBtn = widget.NewButtonWithIcon("New continuum", theme.ContentAddIcon(), s.onNewContinuum)
	s.renameBtn = widget.NewButtonWithIcon("Rename…", theme.DocumentCreateIcon(), s.onRenameContinuum)
	s.duplicateBtn = widget.NewButtonWithIcon("Duplicate…", theme.ContentCopyIcon(), s.onDuplicateContinuum)
	s.deleteBtn = widget.NewButtonWithIcon("Delete…", theme.DeleteIcon(), s.onDeleteContinuum)
	s.settingsBtn = widget.NewButtonWithIcon("Settings…", theme.SettingsIcon(), s.onSettings)
	s.groupsBtn = widget.NewButtonWithIcon("Groups…", theme.ListIcon(), s.onGroups)
	s.addBtn = widget.NewButtonWithIcon("Add target", theme.ContentAddIcon(), s.onAddTarget)
	s.addBtn.Importance = widget.HighImportance

	s.search = widgets.NewEntry()
	s.search.PlaceHolder = "Find a target (Ctrl+F)"
	s.search.ActionItem = widget.NewIcon(theme.SearchIcon())
	s.search.OnChanged = s.onSearchChanged
	s.search.OnSubmitted = s.onSearchSubmitted
	s.search.OnEscape = func() { s.search.SetText("") }
	s.search.OnKey = s.onSearchKey
	s.matchLabel = widget.NewLabel("")

	s.summary = widget.NewLabel("")
	s.summary.Truncation = fyne.TextTruncateEllipsis
	s.grid = widgets.NewGroupedGrid(s.onTargetTapped)
	s.grid.OnCleared = s.onSelectionCleared
	s.grid.OnGroupTapped = s.onGroupTapped
	s.grid.SetOnAdd(s.onAddInCell)

	actions := container.NewHBox(s.newBtn, s.renameBtn, s.duplicateBtn, s.deleteBtn, s.settingsBtn, s.groupsBtn)
	// The search takes what the actions leave, and never less than shows
	// its placeholder whole (a field cuts a placeholder with no ellipsis).
	search := container.New(&widgets.MinWidthLayout{Width: widgets.PlaceholderWidth(&s.search.Entry)}, s.search)
	top := container.NewBorder(nil, nil, actions, nil, search)
	s.status = container.NewBorder(nil, nil, nil, container.NewHBox(s.matchLabel, s.addBtn), s.summary)
	s.buildOrigin()
	// Padded as the other screens' top rows are, in line with the toolbar.
	head := container.NewPadded(container.NewVBox(top, s.status, s.origin))
	s.main = container.NewBorder(container.NewVBox(head, widget.NewSeparator()), nil, nil, nil, s.grid)
}

// buildOrigin builds the line that says where the continuum was imported
// from: the framework's format, title, version and publisher, a link to
// the publisher's page, and its details on demand.
func (s *Screen) buildOrigin() {
	s.originText = widget.NewLabel("")
	s.originText.Truncation = fyne.TextTruncateEllipsis
	s.originLink = widget.NewHyperlink("Official page", nil)
	details := widget.NewButtonWithIcon("Source details…", theme.InfoIcon(), s.onOriginDetails)
	details.Importance = widget.LowImportance
	s.origin = container.NewBorder(nil, nil, widget.NewIcon(theme.DownloadIcon()), container.NewHBox(s.originLink, details), s.originText)
	s.origin.Hide()
}

// showOrigin shows where the continuum of g came from, or nothing when
// it was made here.
func (s *Screen) showOrigin(g *continuum.Graph) {
	var o *continuum.Origin
	if g != nil {
		o = g.Continuum.Origin
	}
	text := continuum.OriginSummary(o)
	if text == "" {
		s.origin.Hide()
		return
	}
	s.originText.SetText(text)
	s.originLink.Hide()
	if u, err := url.Parse(strings.TrimSpace(o.OfficialURL)); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		s.originLink.SetURL(u)
		s.originLink.Show()
	}
	s.origin.Show()
}

// onOriginDetails shows everything the continuum's origin says.
func (s *Screen) onOriginDetails() {
	if s.graph == nil || s.graph.Continuum.Origin == nil {
		return
	}
	body := container.NewVScroll(widgets.OriginDetails(s.graph.Continuum.Origin))
	d := dialog.NewCustom("Where “"+s.graph.Continuum.Name+"” comes from", "Close", body, s.Win)
	d.Resize(fyne.NewSize(720, 440))
	d.Show()
}

// buildEmpty builds what shows when there is no continuum to show.
func (s *Screen) buildEmpty() {
	s.emptyTitle = widget.NewLabelWithStyle("No continuum yet", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	s.emptyTitle.SizeName = theme.SizeNameSubHeadingText
	s.emptyText = widget.NewLabel("")
	s.emptyText.Wrapping = fyne.TextWrapWord
	s.emptyText.Alignment = fyne.TextAlignCenter
	s.emptyNew = widget.NewButtonWithIcon("New continuum", theme.ContentAddIcon(), s.onNewContinuum)
	s.emptyNew.Importance = widget.HighImportance
	s.empty = container.NewCenter(container.New(&widgets.MaxWidthLayout{Width: 560},
		container.NewVBox(s.emptyTitle, s.emptyText, container.NewCenter(s.emptyNew))))
}

// Content returns the screen's root object.
func (s *Screen) Content() fyne.CanvasObject { return s.content }

// FocusFirst puts the focus where work starts: the selected or first
// target card, or "New continuum" when there is none. It also makes
// Ctrl+F find on this screen again, in case another screen took it.
func (s *Screen) FocusFirst() {
	s.addShortcuts()
	s.focusPending = true
	if !s.Loading() {
		s.applyFocus()
	}
}

func (s *Screen) addShortcuts() {
	s.Win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyF, Modifier: fyne.KeyModifierShortcutDefault},
		func(fyne.Shortcut) { s.onFind() })
}

// announce runs f, which tells the workspace of several changes, and
// reloads once after them rather than once for each (also off view: the
// changes were not counted, so showing the screen again would not read
// them).
func (s *Screen) announce(f func()) {
	s.holding, s.held = true, false
	f()
	s.holding = false
	if s.held {
		s.held = false
		s.Load()
	}
}

func (s *Screen) hook(event string) {
	if s.testHook != nil {
		s.testHook(event)
	}
}

// follows reports whether a change touches what the builder shows: the
// continua, the choice of one, and the targets of the one shown. While
// several changes are announced together it holds them, to load once
// after (announce).
func (s *Screen) follows(c screen.Change) bool {
	switch c.Kind {
	case screen.ContinuaChanged, screen.TargetsChanged, screen.SelectionChanged:
	default:
		return false
	}
	if c.Kind == screen.TargetsChanged && c.Continuum != "" && c.Continuum != s.WS.Continuum() {
		return false
	}
	if s.holding {
		s.held = true
		return false
	}
	return true
}

// builderData is what one load reads.
type builderData struct {
	continua []continuum.Continuum
	graph    *continuum.Graph // nil when no continuum is chosen or it is gone
}

// read takes the continuum chosen and returns the work that reads the
// continua and its graph.
func (s *Screen) read() func(ctx context.Context) (builderData, error) {
	id := s.WS.Continuum()
	return func(ctx context.Context) (builderData, error) {
		var d builderData
		var err error
		if d.continua, err = s.store.Continua(ctx); err != nil {
			return d, fmt.Errorf("read the continua: %w", err)
		}
		if id == "" {
			return d, nil
		}
		d.graph, err = s.store.Graph(ctx, id)
		if errors.Is(err, continuum.ErrNotFound) {
			return d, nil
		}
		if err != nil {
			return d, fmt.Errorf("read continuum %s: %w", id, err)
		}
		return d, nil
	}
}

func (s *Screen) onLoadFailed(err error) {
	screen.ShowError(s.Win, fmt.Errorf("read the continuum: %w", err))
	s.hook(hookError)
}

// show shows what a load read: the grid, or why there is none.
func (s *Screen) show(d builderData) {
	s.continua = d.continua
	if d.graph == nil || s.graph == nil || d.graph.Continuum.ID != s.graph.Continuum.ID {
		s.selected = "" // another continuum: its own cards, nothing selected yet
		s.grid.SetSelected("")
	}
	s.graph = d.graph
	switch {
	case len(d.continua) == 0:
		s.emptyTitle.SetText("No continuum yet")
		s.emptyText.SetText("A continuum sets out the learning targets of a subject along levels (K–12, Levels\u00a01–8 …), " +
			"grouped into domains. Start one here, then add its targets.")
		s.showEmptyNew()
		s.showEmpty(true)
	case d.graph == nil:
		s.emptyTitle.SetText("Choose a continuum")
		s.emptyText.SetText("Choose a continuum in the list at the top, or start a new one.")
		s.showEmptyNew()
		s.showEmpty(true)
	default:
		s.showEmpty(false)
	}
	s.setActionsEnabled(d.graph != nil)
	s.grid.SetGraph(d.graph)
	s.summary.SetText(continuumSummary(d.graph))
	s.showOrigin(d.graph)
	if s.groups != nil && s.groups.dlg.IsOpen() && d.graph != nil && d.graph.Continuum.ID == s.groups.g.Continuum.ID {
		s.groups.reload(d.graph)
	}
	s.matches = s.grid.SetFilter(s.search.Text)
	if s.selectNext != "" && d.graph != nil {
		if t, ok := d.graph.Target(s.selectNext); ok {
			s.selectCard(t.Code)
		}
		s.selectNext = ""
	}
	s.updateMatchLabel(-1)
	if s.focusPending {
		s.applyFocus()
	}
}

// showEmptyNew offers "New continuum" on the empty screen, except in a review.
func (s *Screen) showEmptyNew() {
	if !s.WS.ReadOnly() {
		s.emptyNew.Show()
	}
}

func (s *Screen) showEmpty(empty bool) {
	if empty {
		s.main.Hide()
		s.empty.Show()
	} else {
		s.empty.Hide()
		s.main.Show()
	}
}

func (s *Screen) setActionsEnabled(on bool) {
	for _, b := range []*widget.Button{s.renameBtn, s.duplicateBtn, s.deleteBtn, s.settingsBtn, s.groupsBtn, s.addBtn} {
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	if on && len(s.graph.Continuum.Domains) == 0 {
		s.addBtn.Disable()
	}
	if on {
		s.search.Enable()
	} else {
		s.search.Disable()
	}
}

// continuumSummary writes a line about the continuum: subject, levels, domains,
// targets and mastery method.
func continuumSummary(g *continuum.Graph) string {
	if g == nil {
		return ""
	}
	c := g.Continuum
	var parts []string
	if c.Subject != "" {
		parts = append(parts, c.Subject)
	}
	switch n := len(c.Levels); n {
	case 0:
	case 1:
		parts = append(parts, "1 level: "+c.Levels[0])
	default:
		parts = append(parts, fmt.Sprintf("%d levels, %s to %s", n, c.Levels[0], c.Levels[n-1]))
	}
	if len(c.Domains) == 0 {
		parts = append(parts, "no domains yet: add them in Settings…, then add targets")
		return strings.Join(parts, " · ")
	}
	parts = append(parts, continuum.Plural(len(c.Domains), "domain", "domains"))
	if len(c.Groups) > 0 {
		parts = append(parts, continuum.Plural(len(c.Groups), "group", "groups"))
	}
	milestones := 0
	for _, t := range g.Targets {
		if t.Milestone {
			milestones++
		}
	}
	targets := continuum.Plural(len(g.Targets), "target", "targets")
	if milestones > 0 {
		targets += fmt.Sprintf(" (%s)", continuum.Plural(milestones, "milestone", "milestones"))
	}
	parts = append(parts, targets, "mastery: "+c.Method.Summary())
	return strings.Join(parts, " · ")
}

// applyFocus focuses the selected card, else the first card, else the
// button that starts the work.
func (s *Screen) applyFocus() {
	c := fyne.CurrentApp().Driver().CanvasForObject(s.content)
	if c == nil || !s.OnView() {
		return
	}
	s.focusPending = false
	if s.WS.ReadOnly() && (s.graph == nil || len(s.graph.Targets) == 0) {
		return // nothing to read, and nothing to start in a review
	}
	switch {
	case s.graph == nil:
		c.Focus(s.emptyNew)
	case len(s.graph.Targets) > 0:
		code := s.graph.Targets[0].Code
		if sel := s.selectedCode(); sel != "" {
			code = sel
		}
		if card := s.grid.Card(code); card != nil {
			c.Focus(card)
		}
	case !s.addBtn.Disabled():
		c.Focus(s.addBtn)
	default:
		c.Focus(s.settingsBtn)
	}
}

// selectedCode returns the code of the selected card, or "".
func (s *Screen) selectedCode() string {
	if s.graph == nil {
		return ""
	}
	if t, ok := s.graph.Target(s.selected); ok {
		return t.Code
	}
	return ""
}

// selectCard outlines the card of code and keeps it in view.
func (s *Screen) selectCard(code string) {
	s.selected = code
	s.grid.SetSelected(code)
	s.grid.ScrollTo(code)
}

// onSelectionCleared (Esc on a card) selects no card, which clears the
// marks on its prerequisites and on the targets that build on it.
func (s *Screen) onSelectionCleared() {
	s.selected = ""
	s.grid.SetSelected("")
}

// onFind (Ctrl+F) puts the focus in the search, its text selected.
func (s *Screen) onFind() {
	if !s.OnView() || s.Win.Canvas().Overlays().Top() != nil || s.search.Disabled() {
		return
	}
	s.Win.Canvas().Focus(s.search)
	s.search.TypedShortcut(&fyne.ShortcutSelectAll{})
}

func (s *Screen) onSearchChanged(text string) {
	s.matches = s.grid.SetFilter(text)
	s.updateMatchLabel(-1)
}

// updateMatchLabel says how many targets match; at is the match selected
// by Enter, or -1.
func (s *Screen) updateMatchLabel(at int) {
	switch {
	case strings.TrimSpace(s.search.Text) == "":
		s.matchLabel.SetText("")
	case len(s.matches) == 0:
		s.matchLabel.SetText("No matches")
	case at >= 0:
		s.matchLabel.SetText(fmt.Sprintf("%d of %s", at+1, continuum.Plural(len(s.matches), "match", "matches")))
	default:
		s.matchLabel.SetText(continuum.Plural(len(s.matches), "match", "matches"))
	}
	s.status.Refresh() // the count's width changed: lay the row out again
}

// onSearchSubmitted (Enter) selects the next match and scrolls to it; on
// the only match, already selected, it opens the target.
func (s *Screen) onSearchSubmitted(string) {
	if len(s.matches) == 0 {
		return
	}
	sel := s.selectedCode()
	at := slices.IndexFunc(s.matches, func(c string) bool { return continuum.SameCode(c, sel) })
	if len(s.matches) == 1 && at == 0 {
		s.openTarget(s.matches[0])
		return
	}
	next := (at + 1) % len(s.matches)
	s.selectCard(s.matches[next])
	s.updateMatchLabel(next)
}

// onSearchKey: Down moves from the search to the selected match (or the
// first match) and focuses its card, where Enter opens it.
func (s *Screen) onSearchKey(k fyne.KeyName) bool {
	if k != fyne.KeyDown {
		return false
	}
	code := s.selectedCode()
	if len(s.matches) > 0 && !slices.ContainsFunc(s.matches, func(m string) bool { return continuum.SameCode(m, code) }) {
		code = s.matches[0]
	}
	if card := s.grid.Card(code); card != nil {
		s.selectCard(code)
		s.Win.Canvas().Focus(card)
		return true
	}
	return false
}

func (s *Screen) onTargetTapped(code string) {
	s.openTarget(code)
}

// openTarget selects a target's card and opens it in the target editor.
func (s *Screen) openTarget(code string) {
	if s.graph == nil {
		return
	}
	t, ok := s.graph.Target(code)
	if !ok {
		return
	}
	s.selected = t.Code
	s.grid.SetSelected(t.Code)
	if s.WS.ReadOnly() {
		s.view = newTargetView(s.Win, s.graph, t)
		s.view.Show()
		return
	}
	s.editor = newTargetEditor(s, s.graph, &t, t.Domain, t.Group, t.Level)
	s.editor.Show()
}

// onAddTarget opens the editor on a new target, in the cell of the
// selected card if there is one, else in the first cell.
func (s *Screen) onAddTarget() {
	if s.graph == nil || len(s.graph.Continuum.Domains) == 0 || s.WS.ReadOnly() {
		return
	}
	c := s.graph.Continuum
	domain, group, level := c.Domains[0].Name, "", c.Levels[0]
	if t, ok := s.graph.Target(s.selectedCode()); ok {
		domain, group, level = t.Domain, t.Group, t.Level
	}
	s.onAddInCell(domain, group, level)
}

// onAddInCell opens the editor on a new target in a domain at a level,
// in group ("" for none).
func (s *Screen) onAddInCell(domain, group, level string) {
	if s.graph == nil || s.WS.ReadOnly() {
		return
	}
	s.editor = newTargetEditor(s, s.graph, nil, domain, group, level)
	s.editor.Show()
}

// onSettings opens the settings of the continuum shown.
func (s *Screen) onSettings() {
	if s.graph == nil || s.WS.ReadOnly() {
		return
	}
	s.settings = newContinuumSettings(s, s.graph.Continuum)
	s.settings.Show()
}
