package units

import (
	"context"
	"fmt"
	"image/color"
	"net/url"
	"slices"
	"strings"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// The panels of the units screen for the unit shown: its readiness, its
// progress and its plan.

// readinessView lists the class by readiness for the unit: those who need
// support (and on what), those with no evidence, and those ready.
func (s *Screen) readinessView(d *unitsData) []fyne.CanvasObject {
	u, g := *d.unit, d.graph
	pre := g.Prerequisites(u)
	var support, none, ready []continuum.Readiness
	for _, r := range d.readiness {
		switch r.Status {
		case continuum.NeedsSupport:
			support = append(support, r)
		case continuum.NoReadinessEvidence:
			none = append(none, r)
		default:
			ready = append(ready, r)
		}
	}
	var out []fyne.CanvasObject
	if len(pre) == 0 {
		out = append(out, widgets.Wrapped(fmt.Sprintf("The targets of %s need nothing outside the unit: every student is ready.", u.Title)))
	} else {
		codes := make([]string, len(pre))
		for i, p := range pre {
			codes[i] = g.Targets[p].Code
		}
		// Mastery counts all the evidence recorded, so for a unit under way
		// or past the judgement is today's, not the first day's.
		when := "As of " + d.readyOn.Long()
		if !d.today.Before(u.Start) {
			when = "On the evidence recorded so far"
		}
		out = append(out, widgets.Wrapped(fmt.Sprintf("%s relies on %s mastered first: %s. %s, %d ready, %d need support, %d with no evidence.",
			u.Title, continuum.Plural(len(pre), "prerequisite", "prerequisites"), strings.Join(codes, ", "),
			when, len(ready), len(support), len(none))))
	}
	unitsEnable(s.supportBtn, len(support) > 0)
	if !s.WS.ReadOnly() {
		out = append(out, container.NewHBox(s.supportBtn), s.flexNote)
	}

	out = append(out, widgets.Section(fmt.Sprintf("Needs support (%d)", len(support))))
	if len(support) == 0 {
		out = append(out, widgets.Quiet("No one."))
	} else {
		rows := container.New(layout.NewFormLayout())
		for _, r := range support {
			name := widget.NewLabelWithStyle(unitStudentName(r.Student), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			rows.Add(name)
			rows.Add(widgets.Wrapped("needs " + unitTargetList(g, r.Missing)))
		}
		out = append(out, rows)
	}
	out = append(out, widgets.Section(fmt.Sprintf("No evidence yet (%d)", len(none))))
	if len(none) == 0 {
		out = append(out, widgets.Quiet("No one."))
	} else {
		out = append(out, widgets.Wrapped(unitNames(none)+"."),
			widgets.Hint("Nothing is recorded on the prerequisites for them: check before the unit starts."))
	}
	out = append(out, widgets.Section(fmt.Sprintf("Ready (%d)", len(ready))))
	if len(ready) == 0 {
		out = append(out, widgets.Quiet("No one yet."))
	} else {
		out = append(out, widgets.Wrapped(unitNames(ready)+"."))
	}
	return out
}

// unitStudentName writes a student as a teacher finds them: "Ben Carter (S002, Period 5)".
func unitStudentName(st continuum.Student) string {
	if st.Group == "" {
		return fmt.Sprintf("%s (%s)", st.Name, st.ID)
	}
	return fmt.Sprintf("%s (%s, %s)", st.Name, st.ID, st.Group)
}

// unitNames lists the students' names.
func unitNames(rs []continuum.Readiness) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.Student.Name
	}
	return strings.Join(names, ", ")
}

// unitTargetList writes codes with their statements when there are few:
// "NO.1.1 (read, write and compare …)".
func unitTargetList(g *continuum.Graph, codes []string) string {
	if len(codes) > 2 {
		return strings.Join(codes, ", ")
	}
	parts := make([]string, len(codes))
	for i, c := range codes {
		parts[i] = c
		if t, ok := g.Target(c); ok {
			parts[i] = fmt.Sprintf("%s (%s)", t.Code, unitShort(t.Statement, 60))
		}
	}
	return strings.Join(parts, " and ")
}

// unitShort shortens text to at most n runes, with an ellipsis.
func unitShort(text string, n int) string {
	r := []rune(text)
	if len(r) <= n {
		return text
	}
	return strings.TrimRightFunc(string(r[:n-1]), unicode.IsSpace) + "…"
}

// onMakeSupportBlock turns the students who need support before the unit
// into a flex block on the school day before it starts, stores it, and
// says where to find it.
func (s *Screen) onMakeSupportBlock() {
	d := s.data
	if d == nil || d.unit == nil || d.graph == nil {
		return
	}
	u, g, readiness := *d.unit, d.graph, d.readiness
	cid := d.continuumID
	day := unitWeekdayBefore(u.Start)
	s.supportBtn.Disable()
	screen.Run(func(ctx context.Context) (continuum.FlexBlock, error) {
		blocks, err := s.store.FlexBlocks(ctx, cid)
		if err != nil {
			return continuum.FlexBlock{}, fmt.Errorf("make a flex block before %s: %w", u.Title, err)
		}
		id := unitFreeID(day.String()+"-before-"+u.ID, func(id string) bool {
			return slices.ContainsFunc(blocks, func(b continuum.FlexBlock) bool { return strings.EqualFold(b.ID, id) })
		})
		b := g.SupportBlock(u, readiness, id, day, unitSupportSlot)
		if err := b.Validate(g); err != nil {
			return b, fmt.Errorf("make a flex block before %s: %w", u.Title, err)
		}
		if err := s.store.PutFlexBlock(ctx, b); err != nil {
			return b, fmt.Errorf("make a flex block before %s: %w", u.Title, err)
		}
		return b, nil
	}, func(b continuum.FlexBlock) {
		s.supportBtn.Enable()
		store := s.store
		s.WS.Did(screen.UndoStep{
			Label: "flex block before “" + u.Title + "”",
			Undo: func(ctx context.Context) error {
				if err := store.DeleteFlexBlock(ctx, cid, b.ID); err != nil {
					return fmt.Errorf("undo the flex block before %s: %w", u.Title, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.FlexChanged, Continuum: cid},
		})
		s.flexNote.SetText(fmt.Sprintf("Made the flex block “%s” on %s: %s for %s, each on the first prerequisite they miss. Find it on the Flex tab, to add teachers and rooms.",
			b.Slot, b.Date.Full(), continuum.Plural(len(b.Offerings), "offering", "offerings"),
			continuum.Plural(len(b.Assignments), "student", "students")))
		s.flexNote.Show()
		s.readiness.Refresh()
	}, func(err error) {
		s.supportBtn.Enable()
		screen.ShowError(s.Win, err)
	})
}

// unitWeekdayBefore returns the school day (Monday to Friday) before d.
func unitWeekdayBefore(d continuum.Date) continuum.Date {
	p := d.AddDays(-1)
	for p.Time().Weekday() == 0 || p.Time().Weekday() == 6 {
		p = p.AddDays(-1)
	}
	return p
}

// unitFreeID returns base, or base-2, base-3 … the first that is not taken.
func unitFreeID(base string, taken func(string) bool) string {
	if r := []rune(base); len(r) > 56 { // room for a number, within the 64 an ID may have
		base = string(r[:56])
	}
	id := base
	for n := 2; taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// unitProgressView shows, for each target of the unit, the share of the
// class that has mastered it and who has no evidence; then each
// checkpoint's state and who is missing evidence.
func unitProgressView(d *unitsData) []fyne.CanvasObject {
	g := d.graph
	out := []fyne.CanvasObject{widgets.Wrapped(fmt.Sprintf("As of %s, for the %s on the roster.", d.today.Long(), continuum.Plural(len(d.class.Students), "student", "students")))}
	out = append(out, widgets.Section("Targets"))
	bold := fyne.TextStyle{Bold: true}
	var codeWidth float32
	for _, p := range d.progress {
		codeWidth = max(codeWidth, fyne.MeasureText(p.Target, theme.TextSize(), bold).Width+2*theme.InnerPadding())
	}
	for _, p := range d.progress {
		t, _ := g.Target(p.Target)
		code := widget.NewLabelWithStyle(t.Code, fyne.TextAlignLeading, bold)
		statement := widget.NewLabel(t.Statement)
		statement.Truncation = fyne.TextTruncateEllipsis
		bar := newUnitShareBar(p.Share(), fmt.Sprintf("%d of %d mastered", p.Mastered, p.Students))
		row := container.NewVBox(container.NewBorder(nil, nil, nil, container.New(&widgets.MinWidthLayout{Width: 220}, bar), statement))
		if len(p.NoEvidence) > 0 {
			names := make([]string, len(p.NoEvidence))
			for i, st := range p.NoEvidence {
				names[i] = st.Name
			}
			l := widgets.Quiet(fmt.Sprintf("No evidence yet (%d): %s.", len(names), strings.Join(names, ", ")))
			l.Wrapping = fyne.TextWrapWord
			row.Add(l)
		}
		out = append(out, container.New(&widgets.LabelledLayout{Width: codeWidth}, code, row))
	}
	out = append(out, widgets.Section("Checkpoints"))
	if len(d.checkpoints) == 0 {
		out = append(out, widgets.Quiet("No checkpoints are planned: add them in the plan."))
	}
	names := map[string]string{}
	for _, st := range d.class.Students {
		names[st.ID] = st.Name
	}
	for _, c := range d.checkpoints {
		cp := c.Checkpoint
		what := fmt.Sprintf("%s · %s · %s", cp.Date.Short(), cp.Target, cp.Kind.Label())
		if t, ok := g.Target(cp.Target); ok {
			what += " — " + t.Statement
		}
		line := widget.NewLabel(what)
		line.Truncation = fyne.TextTruncateEllipsis
		row := container.NewVBox(line)
		out = append(out, container.New(&widgets.LabelledLayout{Width: unitBadgeWidth}, unitStateBadge(c.State), row))
		var missing string
		switch {
		case c.State == continuum.Done:
			missing = "Every student has evidence on it since the unit began."
		case c.State == continuum.Upcoming:
			missing = "In " + continuum.Plural(cp.Date.DaysSince(d.today), "day", "days") + "."
		case len(c.Missing) == len(d.class.Students):
			missing = "No student has evidence on it since the unit began yet."
		case len(c.Missing) > 0:
			who := make([]string, len(c.Missing))
			for i, id := range c.Missing {
				who[i] = names[id]
				if who[i] == "" {
					who[i] = id
				}
			}
			missing = fmt.Sprintf("Missing evidence (%d): %s.", len(who), strings.Join(who, ", "))
		}
		l := widgets.Quiet(missing)
		l.Wrapping = fyne.TextWrapWord
		row.Add(l)
	}
	return out
}

// unitBadgeWidth is the width of a checkpoint's state badge.
const unitBadgeWidth = 96

// unitStateBadge shows a checkpoint's state on a patch of colour: grey
// upcoming, amber due, red overdue, green done.
func unitStateBadge(state continuum.CheckpointState) fyne.CanvasObject {
	fill := widgets.NoEvidenceColor
	switch state {
	case continuum.Due:
		fill = widgets.NotYetColor
	case continuum.Overdue:
		fill = unitOverdueColor
	case continuum.Done:
		fill = widgets.MasteredColor
	}
	bg := canvas.NewRectangle(fill)
	bg.CornerRadius = theme.InputRadiusSize()
	text := widget.NewLabelWithStyle(string(state), fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	return container.NewVBox(container.New(&widgets.MinWidthLayout{Width: unitBadgeWidth}, bg, text))
}

// unitShareBar is a bar of how much of the class has mastered a target,
// with the count written over it.
type unitShareBar struct {
	widget.BaseWidget
	share float64
	text  string
}

func newUnitShareBar(share float64, text string) *unitShareBar {
	b := &unitShareBar{share: min(max(share, 0), 1), text: text}
	b.ExtendBaseWidget(b)
	return b
}

// CreateRenderer draws the track, the share and the words.
func (b *unitShareBar) CreateRenderer() fyne.WidgetRenderer {
	track := canvas.NewRectangle(widgets.NoEvidenceColor)
	track.CornerRadius = theme.InputRadiusSize()
	fill := canvas.NewRectangle(widgets.MasteredColor)
	fill.CornerRadius = theme.InputRadiusSize()
	text := canvas.NewText(b.text, theme.Color(theme.ColorNameForeground))
	text.Alignment = fyne.TextAlignCenter
	text.TextSize = theme.CaptionTextSize()
	return &unitShareRenderer{bar: b, track: track, fill: fill, text: text}
}

type unitShareRenderer struct {
	bar         *unitShareBar
	track, fill *canvas.Rectangle
	text        *canvas.Text
}

func (r *unitShareRenderer) Layout(size fyne.Size) {
	pad := theme.Padding()
	h := size.Height - 2*pad
	r.track.Move(fyne.NewPos(0, pad))
	r.track.Resize(fyne.NewSize(size.Width, h))
	r.fill.Move(fyne.NewPos(0, pad))
	r.fill.Resize(fyne.NewSize(float32(r.bar.share)*size.Width, h))
	r.text.Move(fyne.NewPos(0, pad+(h-r.text.MinSize().Height)/2))
	r.text.Resize(fyne.NewSize(size.Width, r.text.MinSize().Height))
}

func (r *unitShareRenderer) MinSize() fyne.Size {
	t := r.text.MinSize()
	return fyne.NewSize(t.Width+4*theme.Padding(), fyne.MeasureText("Mg", theme.TextSize(), fyne.TextStyle{}).Height+2*theme.InnerPadding())
}

func (r *unitShareRenderer) Refresh() {
	r.text.Color = theme.Color(theme.ColorNameForeground)
	r.text.Refresh()
	r.track.Refresh()
	r.fill.Refresh()
}

func (r *unitShareRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.text}
}

func (r *unitShareRenderer) Destroy() {}

// unitPlanView shows the plan: the targets, learning experiences,
// checkpoints and notes, as the editor keeps them.
func unitPlanView(g *continuum.Graph, u continuum.Unit) []fyne.CanvasObject {
	out := []fyne.CanvasObject{widgets.Section(fmt.Sprintf("Targets (%d)", len(u.Targets)))}
	for _, code := range u.Targets {
		t, _ := g.Target(code)
		text := t.Code + " · " + t.Level + " · " + t.Statement
		if t.Milestone {
			text = "◆ " + text
		}
		l := widget.NewLabel(text)
		l.Truncation = fyne.TextTruncateEllipsis
		out = append(out, l)
	}
	out = append(out, widgets.Section(fmt.Sprintf("Learning experiences (%d)", len(u.Experiences))))
	if len(u.Experiences) == 0 {
		out = append(out, widgets.Quiet("None planned yet."))
	}
	for _, e := range u.Experiences {
		head := e.Title
		if e.Kind != "" {
			head += " · " + e.Kind
		}
		if len(e.Targets) > 0 {
			head += " · builds " + strings.Join(e.Targets, ", ")
		}
		out = append(out, widget.NewLabelWithStyle(head, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
		if e.Link != "" {
			if link, err := url.Parse(e.Link); err == nil && link.Scheme != "" {
				out = append(out, widget.NewHyperlink(e.Link, link))
			} else {
				out = append(out, widget.NewLabel(e.Link))
			}
		}
		if e.Notes != "" {
			out = append(out, widgets.Wrapped(e.Notes))
		}
	}
	out = append(out, widgets.Section(fmt.Sprintf("Checkpoints (%d)", len(u.Checkpoints))))
	if len(u.Checkpoints) == 0 {
		out = append(out, widgets.Quiet("None planned yet."))
	}
	for _, cp := range u.Checkpoints {
		out = append(out, widget.NewLabel(fmt.Sprintf("%s · %s · %s", cp.Date.WithWeekday(), cp.Target, cp.Kind.Label())))
	}
	out = append(out, widgets.Section("Supports"))
	out = append(out, unitNote(u.Supports))
	out = append(out, widgets.Section("Extensions"))
	out = append(out, unitNote(u.Extensions))
	return out
}

// unitNote shows a teacher's note, or says there is none.
func unitNote(text string) fyne.CanvasObject {
	if strings.TrimSpace(text) == "" {
		return widgets.Quiet("No notes yet.")
	}
	return widgets.Wrapped(text)
}

// unitOverdueColor fills the badge of an overdue checkpoint: a
// translucent red that reads under light and dark themes alike.
var unitOverdueColor = color.NRGBA{R: 0xd9, G: 0x48, B: 0x3b, A: 0x70}
