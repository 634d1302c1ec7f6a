package builder

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// builderRows is an ordered list of editable rows, each with buttons to
// move it up or down and to remove it, and an add button below. T holds
// a row's input widgets. Each row remembers the name it had when loaded,
// so a changed name is a rename rather than a removal and an addition.
type builderRows[T any] struct {
	widget.BaseWidget

	rows     []*builderRow[T]
	addBtn   *widgets.Button
	box      *fyne.Container
	content  fyne.CanvasObject
	onEscape func()
	onChange func() // told after a row is added, moved or removed
}

// builderRow is one row of a builderRows.
type builderRow[T any] struct {
	orig   string // the row's name when loaded; "" for a row added here
	w      T
	obj    fyne.CanvasObject
	up     *widgets.Button
	down   *widgets.Button
	remove *widgets.Button
}

// newBuilderRows returns an empty list whose add button is labelled add
// and calls onAdd.
func newBuilderRows[T any](add string, onAdd func()) *builderRows[T] {
	b := &builderRows[T]{}
	b.box = container.NewVBox()
	b.addBtn = widgets.NewButton(add, theme.ContentAddIcon(), onAdd)
	b.content = container.NewVBox(b.box, container.NewHBox(b.addBtn))
	b.ExtendBaseWidget(b)
	return b
}

// add appends a row showing inputs.
func (b *builderRows[T]) add(w T, orig string, inputs fyne.CanvasObject) *builderRow[T] {
	r := &builderRow[T]{orig: orig, w: w}
	r.up = widgets.NewButton("", theme.MoveUpIcon(), func() { b.move(r, -1) })
	r.down = widgets.NewButton("", theme.MoveDownIcon(), func() { b.move(r, 1) })
	r.remove = widgets.NewButton("", theme.DeleteIcon(), func() { b.delete(r) })
	for _, btn := range []*widgets.Button{r.up, r.down, r.remove} {
		btn.Importance = widget.LowImportance
	}
	r.obj = container.NewBorder(nil, nil, nil, container.NewHBox(r.up, r.down, r.remove), inputs)
	if b.onEscape != nil {
		widgets.SetOnEscape(r.obj, b.onEscape)
	}
	b.rows = append(b.rows, r)
	b.relayout()
	return r
}

func (b *builderRows[T]) move(r *builderRow[T], delta int) {
	i := slices.Index(b.rows, r)
	j := i + delta
	if i < 0 || j < 0 || j >= len(b.rows) {
		return
	}
	b.rows[i], b.rows[j] = b.rows[j], b.rows[i]
	b.relayout()
}

func (b *builderRows[T]) delete(r *builderRow[T]) {
	b.rows = slices.DeleteFunc(b.rows, func(x *builderRow[T]) bool { return x == r })
	b.relayout()
}

func (b *builderRows[T]) relayout() {
	objs := make([]fyne.CanvasObject, len(b.rows))
	for i, r := range b.rows {
		objs[i] = r.obj
		widgets.SetEnabled(r.up, i > 0)
		widgets.SetEnabled(r.down, i < len(b.rows)-1)
	}
	b.box.Objects = objs
	b.box.Refresh()
	if b.onChange != nil {
		b.onChange()
	}
}

// SetOnEscape implements widgets.Escaper, for rows added later too.
func (b *builderRows[T]) SetOnEscape(f func()) {
	b.onEscape = f
	widgets.SetOnEscape(b.content, f)
}

// Inputs implements widgets.InputGroup: the rows as they stand.
func (b *builderRows[T]) Inputs() fyne.CanvasObject { return b.box }

// SetOnInputsChanged implements widgets.InputGroup: f is called after a
// row is added, moved or removed.
func (b *builderRows[T]) SetOnInputsChanged(f func()) { b.onChange = f }

// CreateRenderer returns the rows and the add button.
func (b *builderRows[T]) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(b.content)
}

// rowRenames returns the renames of rows whose name changed: old → new.
func rowRenames(origs, names []string) map[string]string {
	out := map[string]string{}
	for i, o := range origs {
		if o != "" && names[i] != "" && names[i] != o {
			out[o] = names[i]
		}
	}
	return out
}

// levelRows edits the levels of a continuum.
type levelRows struct {
	*builderRows[*widgets.Entry]
}

func newLevelRows(levels []string) *levelRows {
	l := &levelRows{}
	l.builderRows = newBuilderRows[*widgets.Entry]("Add level", func() { l.addRow("", "") })
	for _, name := range levels {
		l.addRow(name, name)
	}
	return l
}

func (l *levelRows) addRow(name, orig string) {
	e := widgets.NewEntry()
	e.SetText(name)
	e.PlaceHolder = "Level name, e.g. 4 or Level 4"
	l.add(e, orig, e)
}

// levels returns the levels in order and the renamed ones.
func (l *levelRows) levels() ([]string, map[string]string) {
	var names, origs []string
	for _, r := range l.rows {
		names = append(names, strings.TrimSpace(r.w.Text))
		origs = append(origs, r.orig)
	}
	return names, rowRenames(origs, names)
}

// domainInputs are the inputs of one domain row.
type domainInputs struct {
	orig        continuum.Domain // the domain as loaded: its code and source stay
	name        *widgets.Entry
	category    *widgets.Select
	description *widgets.Entry // nil when the rows do not edit descriptions
}

// domainRows edits the domains of a continuum.
type domainRows struct {
	*builderRows[domainInputs]
	withDescription bool
	content         fyne.CanvasObject
}

func newDomainRows(domains []continuum.Domain, withDescription bool) *domainRows {
	d := &domainRows{withDescription: withDescription}
	d.builderRows = newBuilderRows[domainInputs]("Add domain", func() {
		d.addRow(continuum.Domain{Category: continuum.Academic}, "")
	})
	d.content = d.builderRows
	for _, dom := range domains {
		d.addRow(dom, dom.Name)
	}
	return d
}

func domainCategoryLabels() []string {
	out := make([]string, len(continuum.Categories))
	for i, c := range continuum.Categories {
		out[i] = c.Label()
	}
	return out
}

func (d *domainRows) addRow(dom continuum.Domain, orig string) {
	in := domainInputs{orig: dom, name: widgets.NewEntry(), category: widgets.NewSelect(domainCategoryLabels(), nil)}
	in.name.SetText(dom.Name)
	in.name.PlaceHolder = "Domain, e.g. Number and operations"
	if i := slices.Index(continuum.Categories, dom.Category); i >= 0 {
		in.category.SetSelectedIndex(i)
	} else {
		in.category.SetSelectedIndex(0)
	}
	inputs := container.NewGridWithColumns(2, in.name, in.category)
	if d.withDescription {
		in.description = widgets.NewEntry()
		in.description.SetText(dom.Description)
		in.description.PlaceHolder = "What the domain covers (optional)"
		inputs = container.NewGridWithColumns(3, in.name, in.category, in.description)
	}
	d.add(in, orig, inputs)
}

// domains returns the domains in order and the renamed ones. A new row
// left empty is ignored.
func (d *domainRows) domains() ([]continuum.Domain, map[string]string, error) {
	var out []continuum.Domain
	var names, origs []string
	for _, r := range d.rows {
		name := strings.TrimSpace(r.w.name.Text)
		desc := ""
		if r.w.description != nil {
			desc = strings.TrimSpace(r.w.description.Text)
		}
		if name == "" && desc == "" && r.orig == "" {
			continue
		}
		cat := continuum.Academic
		if i := r.w.category.SelectedIndex(); i >= 0 {
			cat = continuum.Categories[i]
		}
		dom := r.w.orig
		dom.Name, dom.Category, dom.Description = name, cat, desc
		out = append(out, dom)
		names = append(names, name)
		origs = append(origs, r.orig)
	}
	return out, rowRenames(origs, names), nil
}

// pointInputs are the inputs of one scale point.
type pointInputs struct {
	value, label, meaning *widgets.Entry
}

// scaleRows edits the points of a proficiency scale.
type scaleRows struct {
	*builderRows[pointInputs]
}

func newScaleRows(points []continuum.ScalePoint) *scaleRows {
	s := &scaleRows{}
	s.builderRows = newBuilderRows[pointInputs]("Add point", func() { s.addRow(continuum.ScalePoint{}, true) })
	for _, p := range points {
		s.addRow(p, false)
	}
	return s
}

func (s *scaleRows) addRow(p continuum.ScalePoint, blank bool) {
	in := pointInputs{value: widgets.NewEntry(), label: widgets.NewEntry(), meaning: widgets.NewEntry()}
	if !blank {
		in.value.SetText(continuum.FormatScore(p.Value))
	}
	in.value.PlaceHolder = "Value"
	in.label.SetText(p.Label)
	in.label.PlaceHolder = "Label, e.g. Proficient"
	in.meaning.SetText(p.Meaning)
	in.meaning.PlaceHolder = "What it means, for students and families"
	value := container.New(&widgets.MinWidthLayout{Width: 80}, in.value)
	s.add(in, "", container.NewBorder(nil, nil, value, nil, container.NewGridWithColumns(2, in.label, in.meaning)))
}

// points returns the scale points in the order shown.
func (s *scaleRows) points() ([]continuum.ScalePoint, error) {
	var out []continuum.ScalePoint
	for i, r := range s.rows {
		v, err := parseScaleNumber(r.w.value.Text)
		if err != nil {
			return nil, continuum.Invalidf("scale.points", "point %d: %q is not a number; give each point a value such as 3 or 2.5", i+1, r.w.value.Text)
		}
		out = append(out, continuum.ScalePoint{Value: v, Label: strings.TrimSpace(r.w.label.Text), Meaning: strings.TrimSpace(r.w.meaning.Text)})
	}
	return out, nil
}

// parseScaleNumber reads a number typed with a point or a comma.
func parseScaleNumber(text string) (float64, error) {
	v, err := strconv.ParseFloat(strings.Replace(strings.TrimSpace(text), ",", ".", 1), 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, fmt.Errorf("%q is not a number", text)
	}
	return v, nil
}

// continuumSettings is the Settings dialog of one continuum: its name and
// description, levels, domains, scale and mastery method, saved together
// in one change.
type continuumSettings struct {
	s    *Screen
	orig continuum.Continuum

	name        *widgets.Entry
	subject     *widgets.Entry
	description *widgets.Entry
	levels      *levelRows
	domains     *domainRows
	scale       *scaleRows
	cut         *widgets.Entry
	method      *widgets.Select
	param       *widgets.Entry
	paramLabel  *widget.Label
	paramRow    *fyne.Container
	explain     *widget.Label
	tabs        *container.AppTabs
	dlg         *widgets.FormDialog
}

// Tabs of the settings dialog.
const (
	tabGeneral = iota
	tabLevels
	tabDomains
	tabScale
	tabMethod
)

func newContinuumSettings(s *Screen, c continuum.Continuum) *continuumSettings {
	cs := &continuumSettings{s: s, orig: c}
	cs.name = widgets.NewEntry()
	cs.name.SetText(c.Name)
	cs.subject = widgets.NewEntry()
	cs.subject.SetText(c.Subject)
	cs.subject.PlaceHolder = "e.g. Mathematics"
	cs.description = widgets.NewMultiLineEntry(3)
	cs.description.SetText(c.Description)
	cs.description.PlaceHolder = "Scope and source of the continuum (optional)"
	general := widget.NewForm(
		widget.NewFormItem("Name", cs.name),
		widget.NewFormItem("Subject", cs.subject),
		widget.NewFormItem("Description", cs.description),
	)

	cs.levels = newLevelRows(c.Levels)
	cs.domains = newDomainRows(c.Domains, true)
	cs.scale = newScaleRows(c.Scale.Points)
	cs.cut = widgets.NewEntry()
	cs.cut.SetText(continuum.FormatScore(c.Scale.Cut))

	cs.method = widgets.NewSelect(methodKindLabels(), func(string) { cs.onMethodChosen() })
	cs.paramLabel = widget.NewLabel("")
	cs.param = widgets.NewEntry()
	cs.param.OnChanged = func(string) { cs.onParamChanged() }
	cs.paramRow = container.NewBorder(nil, nil, cs.paramLabel, nil, container.New(&widgets.MinWidthLayout{Width: 120}, cs.param))
	cs.explain = widget.NewLabel("")
	cs.explain.Wrapping = fyne.TextWrapWord
	cs.method.SetSelectedIndex(max(slices.Index(continuum.MethodKinds, c.Method.Kind), 0))

	cs.tabs = container.NewAppTabs(
		container.NewTabItem("General", container.NewVBox(general)),
		container.NewTabItem("Levels", settingsPage(
			"Levels run from lowest to highest. Renaming a level moves its targets with it; a level that targets still use cannot be removed.",
			cs.levels.builderRows)),
		container.NewTabItem("Domains", settingsPage(
			"Domains are the rows of the grid. Each has a category, so habits of success are never mixed with academic knowledge. Renaming a domain moves its targets with it.",
			cs.domains.content)),
		container.NewTabItem("Scale", settingsPage(
			"The proficiency scale that evidence is scored on, lowest point first. A value at or above the mastery cut counts as mastered.",
			container.NewVBox(cs.scale.builderRows, widget.NewForm(widget.NewFormItem("Mastery cut", container.NewHBox(container.New(&widgets.MinWidthLayout{Width: 100}, cs.cut))))))),
		container.NewTabItem("Mastery method", settingsPage(
			"How a student's scores on a target become one value that is compared with the mastery cut. Targets can override it.",
			container.NewVBox(widget.NewForm(widget.NewFormItem("Method", cs.method)), cs.paramRow, widget.NewSeparator(), cs.explain))),
	)
	cs.dlg = widgets.NewFormDialog(s.Win, "Settings of “"+c.Name+"”", cs.tabs, "Save", cs.onSave)
	cs.dlg.First = cs.name
	cs.dlg.Fields = map[string]fyne.CanvasObject{
		"continuum.name": cs.name, "continuum.levels": cs.levels.builderRows,
		"continuum.domains": cs.domains.builderRows, "domain": cs.domains.builderRows,
		"scale.points": cs.scale.builderRows, "scale.cut": cs.cut, "target.descriptors": cs.scale.builderRows,
		"method": widgets.InputsOf(cs.method, cs.param),
	}
	return cs
}

// settingsPage is a tab of the settings: a hint above scrolling content.
func settingsPage(hint string, content fyne.CanvasObject) fyne.CanvasObject {
	return container.NewBorder(widgets.Hint(hint), nil, nil, nil, container.NewVScroll(content))
}

func methodKindLabels() []string {
	out := make([]string, len(continuum.MethodKinds))
	for i, k := range continuum.MethodKinds {
		out[i] = k.Label()
	}
	return out
}

// Show opens the dialog.
func (cs *continuumSettings) Show() {
	cs.s.dialog = cs.dlg
	cs.dlg.Show(fyne.NewSize(860, 560))
}

func (cs *continuumSettings) kind() continuum.MethodKind {
	if i := cs.method.SelectedIndex(); i >= 0 {
		return continuum.MethodKinds[i]
	}
	return continuum.DecayingAverage
}

// onMethodChosen shows the chosen method's parameter (as stored, or its
// default) and explanation.
func (cs *continuumSettings) onMethodChosen() {
	k := cs.kind()
	p, ok := k.Param()
	if !ok {
		cs.paramRow.Hide()
		cs.onParamChanged()
		return
	}
	m := continuum.Method{Kind: k}
	if cs.orig.Method.Kind == k {
		m = cs.orig.Method
	}
	cs.paramLabel.SetText(p.Name)
	cs.param.PlaceHolder = p.Hint
	cs.param.SetText(m.ParamText())
	cs.paramRow.Show()
	cs.onParamChanged()
}

// onParamChanged explains the method as it now stands.
func (cs *continuumSettings) onParamChanged() {
	m, err := cs.methodFromForm()
	if err != nil {
		cs.explain.Importance = widget.DangerImportance
		cs.explain.SetText(screen.Problem(err))
		return
	}
	cs.explain.Importance = widget.MediumImportance
	cs.explain.SetText("In plain words: " + m.Explain())
}

// methodFromForm returns the method chosen with its parameter.
func (cs *continuumSettings) methodFromForm() (continuum.Method, error) {
	m, err := continuum.Method{Kind: cs.kind()}.WithParam(cs.param.Text)
	if err != nil {
		return m, err
	}
	return m, m.Validate()
}

// update returns the change the form describes, and the continuum as it
// would be after it.
func (cs *continuumSettings) update() (continuum.ContinuumUpdate, continuum.Continuum, error) {
	c := cs.orig
	name, subject, desc := strings.TrimSpace(cs.name.Text), strings.TrimSpace(cs.subject.Text), strings.TrimSpace(cs.description.Text)
	levels, levelRenames := cs.levels.levels()
	domains, domainRenames, err := cs.domains.domains()
	if err != nil {
		return continuum.ContinuumUpdate{}, c, err
	}
	points, err := cs.scale.points()
	if err != nil {
		return continuum.ContinuumUpdate{}, c, err
	}
	cut, err := parseScaleNumber(cs.cut.Text)
	if err != nil {
		return continuum.ContinuumUpdate{}, c, continuum.Invalidf("scale.cut", "%q is not a number; give the lowest value that counts as mastered, such as 3", cs.cut.Text)
	}
	scale := continuum.Scale{Points: points, Cut: cut}
	method, err := cs.methodFromForm()
	if err != nil {
		return continuum.ContinuumUpdate{}, c, err
	}
	upd := continuum.ContinuumUpdate{
		Name: &name, Subject: &subject, Description: &desc,
		Levels: &levels, Domains: &domains, Scale: &scale, Method: &method,
		RenameLevels: levelRenames, RenameDomains: domainRenames,
	}
	c.Name, c.Subject, c.Description, c.Levels, c.Domains, c.Scale, c.Method = name, subject, desc, levels, domains, scale, method
	c.Groups = renamedGroups(c.Groups, domainRenames, levelRenames) // as the store carries them along
	return upd, c, nil
}

// renamedGroups returns groups with their domains and levels renamed.
func renamedGroups(groups []continuum.Group, domains, levels map[string]string) []continuum.Group {
	if len(domains) == 0 && len(levels) == 0 {
		return groups
	}
	find := func(m map[string]string, name string) string {
		for from, to := range m {
			if strings.EqualFold(strings.TrimSpace(from), strings.TrimSpace(name)) {
				return to
			}
		}
		return name
	}
	out := slices.Clone(groups)
	for i := range out {
		out[i].Domain = find(domains, out[i].Domain)
		if out[i].Level != "" {
			out[i].Level = find(levels, out[i].Level)
		}
	}
	return out
}

// onSave checks the settings, then stores them in one change. A refusal
// (a level still in use, a duplicate name) is shown and nothing is saved.
func (cs *continuumSettings) onSave() {
	upd, c, err := cs.update()
	if err == nil {
		err = c.Validate()
	}
	if err != nil {
		cs.refused(err)
		return
	}
	if sameSettings(cs.orig, c) && len(upd.RenameLevels) == 0 && len(upd.RenameDomains) == 0 {
		cs.dlg.Hide() // nothing changed: nothing to save or undo
		return
	}
	cs.dlg.SetError("")
	cs.dlg.SetBusy(true)
	old := cs.orig
	screen.Run(func(ctx context.Context) (continuum.Continuum, error) {
		return cs.s.store.UpdateContinuum(ctx, old.ID, upd)
	}, func(saved continuum.Continuum) {
		cs.dlg.SetBusy(false)
		cs.dlg.Hide()
		label := "settings of " + saved.Name
		back := continuum.ContinuumUpdate{
			Name: &old.Name, Subject: &old.Subject, Description: &old.Description,
			Levels: &old.Levels, Domains: &old.Domains, Scale: &old.Scale, Method: &old.Method,
			RenameLevels: reverseRenames(upd.RenameLevels), RenameDomains: reverseRenames(upd.RenameDomains),
		}
		cs.s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if _, err := cs.s.store.UpdateContinuum(ctx, old.ID, back); err != nil && !errors.Is(err, continuum.ErrNotFound) {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.ContinuaChanged, Continuum: old.ID},
		})
	}, func(err error) {
		cs.dlg.SetBusy(false)
		cs.refused(err)
		cs.s.hook(hookError)
	})
}

// refused shows why the settings were not saved, on the tab concerned.
func (cs *continuumSettings) refused(err error) {
	f := continuum.ErrorField(err)
	switch {
	case f == "continuum.levels":
		cs.tabs.SelectIndex(tabLevels)
	case f == "continuum.domains" || strings.HasPrefix(f, "domain."):
		cs.tabs.SelectIndex(tabDomains)
	case strings.HasPrefix(f, "scale."), f == "target.descriptors":
		cs.tabs.SelectIndex(tabScale)
	case strings.HasPrefix(f, "method"):
		cs.tabs.SelectIndex(tabMethod)
	case f == "continuum.name":
		cs.tabs.SelectIndex(tabGeneral)
	}
	cs.dlg.SetProblem(err)
	screen.ShowError(cs.s.Win, fmt.Errorf("save the settings of %s: %w", cs.orig.Name, err))
}

// sameSettings reports whether b has the same settings as a.
func sameSettings(a, b continuum.Continuum) bool {
	return a.Name == b.Name && a.Subject == b.Subject && a.Description == b.Description &&
		slices.Equal(a.Levels, b.Levels) && slices.EqualFunc(a.Domains, b.Domains, sameDomain) &&
		a.Scale.Cut == b.Scale.Cut && slices.Equal(a.Scale.Points, b.Scale.Points) && a.Method.String() == b.Method.String()
}

// sameDomain reports whether two domains say the same of what the
// settings edit: the name, the category and the description.
func sameDomain(a, b continuum.Domain) bool {
	return a.Name == b.Name && a.Category == b.Category && a.Description == b.Description
}

// reverseRenames returns the renames that undo m.
func reverseRenames(m map[string]string) map[string]string {
	out := make(map[string]string, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out[m[k]] = k
	}
	return out
}
