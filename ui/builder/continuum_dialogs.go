package builder

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// Level presets offered when a continuum is created.
var levelPresets = []struct {
	name   string
	levels []string
}{
	{"K–12", append([]string{"K"}, numberedLevels("", 1, 12)...)},
	{"K–5", append([]string{"K"}, numberedLevels("", 1, 5)...)},
	{"Grades 6–8", numberedLevels("", 6, 8)},
	{"Grades 9–12", numberedLevels("", 9, 12)},
	{"Levels 1–8", numberedLevels("Level ", 1, 8)},
	{"Levels 1–4", numberedLevels("Level ", 1, 4)},
}

// customLevels is the preset choice for levels typed by the teacher.
const customLevels = "Custom"

func numberedLevels(prefix string, from, to int) []string {
	var out []string
	for i := from; i <= to; i++ {
		out = append(out, fmt.Sprintf("%s%d", prefix, i))
	}
	return out
}

// parseLevels reads levels typed as a comma-separated list.
func parseLevels(text string) []string {
	var out []string
	for _, p := range strings.Split(text, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// newContinuumForm is the body of the "New continuum" dialog.
type newContinuumForm struct {
	name    *widgets.Entry
	subject *widgets.Entry
	preset  *widgets.Select
	levels  *widgets.Entry
	domains *domainRows
	content fyne.CanvasObject

	filling bool // the preset is writing the levels field
}

func newNewContinuumForm(onSubmit func()) *newContinuumForm {
	f := &newContinuumForm{}
	f.name = widgets.NewEntry()
	f.name.PlaceHolder = "e.g. Mathematics K–5"
	f.name.OnSubmitted = func(string) { onSubmit() }
	f.subject = widgets.NewEntry()
	f.subject.PlaceHolder = "e.g. Mathematics"
	f.subject.OnSubmitted = func(string) { onSubmit() }
	names := make([]string, 0, len(levelPresets)+1)
	for _, p := range levelPresets {
		names = append(names, p.name)
	}
	f.preset = widgets.NewSelect(append(names, customLevels), f.onPresetChosen)
	f.levels = widgets.NewEntry()
	f.levels.PlaceHolder = "Levels, lowest first, separated by commas: K, 1, 2, 3"
	f.levels.OnChanged = f.onLevelsTyped
	f.levels.OnSubmitted = func(string) { onSubmit() }
	f.preset.SetSelectedIndex(0)
	f.domains = newDomainRows(nil, false)
	f.domains.addRow(continuum.Domain{Category: continuum.Academic}, "")
	levelsHint := widgets.Hint("Choose a common set or type your own; you can rename, add and reorder levels later in Settings.")
	form := widget.NewForm(
		widget.NewFormItem("Name", f.name),
		widget.NewFormItem("Subject", f.subject),
		widget.NewFormItem("Levels", container.NewBorder(nil, nil, f.preset, nil, f.levels)),
		widget.NewFormItem("", levelsHint),
	)
	domainsHead := widget.NewLabelWithStyle("Domains (strands), in the order the grid shows them", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	f.content = container.NewBorder(container.NewVBox(form, domainsHead), nil, nil, nil, container.NewVScroll(f.domains.content))
	return f
}

// fields maps the fields a new continuum's errors name to their inputs.
func (f *newContinuumForm) fields() map[string]fyne.CanvasObject {
	return map[string]fyne.CanvasObject{
		"continuum.name": f.name, "continuum.levels": widgets.InputsOf(f.preset, f.levels),
		"continuum.domains": f.domains.builderRows, "domain": f.domains.builderRows,
	}
}

func (f *newContinuumForm) onPresetChosen(name string) {
	for _, p := range levelPresets {
		if p.name == name {
			f.filling = true
			f.levels.SetText(strings.Join(p.levels, ", "))
			f.filling = false
			return
		}
	}
}

func (f *newContinuumForm) onLevelsTyped(string) {
	if !f.filling && f.preset.Selected != customLevels {
		f.preset.SetSelected(customLevels)
	}
}

// continuum returns the continuum the form describes.
func (f *newContinuumForm) continuum() (continuum.Continuum, error) {
	c := continuum.NewContinuum(strings.TrimSpace(f.name.Text), parseLevels(f.levels.Text)...)
	c.Subject = strings.TrimSpace(f.subject.Text)
	domains, _, err := f.domains.domains()
	if err != nil {
		return c, err
	}
	c.Domains = domains
	return c, c.Validate()
}

// onNewContinuum opens the "New continuum" dialog.
func (s *Screen) onNewContinuum() {
	var d *widgets.FormDialog
	var f *newContinuumForm
	create := func() {
		c, err := f.continuum()
		if err != nil {
			d.SetProblem(err)
			return
		}
		d.SetError("")
		d.SetBusy(true)
		screen.Run(func(ctx context.Context) (continuum.Continuum, error) {
			err := s.store.CreateContinuum(ctx, &c, nil)
			return c, err
		}, func(c continuum.Continuum) {
			d.SetBusy(false)
			d.Hide()
			s.didCreate(c, "new continuum "+c.Name)
		}, func(err error) {
			d.SetBusy(false)
			d.SetProblem(err)
			s.hook(hookError)
		})
	}
	f = newNewContinuumForm(create)
	d = widgets.NewFormDialog(s.Win, "New continuum", f.content, "Create", create)
	d.First = f.name
	d.Fields = f.fields()
	s.dialog = d
	s.newForm = f
	d.Show(fyne.NewSize(720, 560))
}

// didCreate makes a newly stored continuum the one worked on, and offers
// to undo its creation while it has no evidence.
func (s *Screen) didCreate(c continuum.Continuum, label string) {
	s.announce(func() {
		s.WS.SelectContinuum(c.ID)
		s.WS.Did(s.createdStep(c, label))
	})
}

// createdStep undoes the creation of c: it deletes c again, unless
// evidence has been recorded on it since.
func (s *Screen) createdStep(c continuum.Continuum, label string) screen.UndoStep {
	return screen.UndoStep{
		Label: label,
		Undo: func(ctx context.Context) error {
			ev, err := s.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
			if errors.Is(err, continuum.ErrNotFound) {
				return nil // already gone
			}
			if err != nil {
				return fmt.Errorf("undo %s: %w", label, err)
			}
			if len(ev) > 0 {
				return fmt.Errorf("undo %s: %s has %s now; delete it from the Continuum screen if you mean to", label, c.Name, continuum.Plural(len(ev), "piece of evidence", "pieces of evidence"))
			}
			if err := s.store.DeleteContinuum(ctx, c.ID); err != nil && !errors.Is(err, continuum.ErrNotFound) {
				return fmt.Errorf("undo %s: %w", label, err)
			}
			return nil
		},
		Change: screen.Change{Kind: screen.ContinuaChanged, Continuum: c.ID},
	}
}

// onRenameContinuum asks for a new name for the continuum shown.
func (s *Screen) onRenameContinuum() {
	if s.graph == nil {
		return
	}
	old := s.graph.Continuum
	name := widgets.NewEntry()
	name.SetText(old.Name)
	var d *widgets.FormDialog
	rename := func() {
		newName := strings.TrimSpace(name.Text)
		if newName == old.Name {
			d.Hide()
			return
		}
		d.SetBusy(true)
		screen.Run(func(ctx context.Context) (continuum.Continuum, error) {
			return s.store.UpdateContinuum(ctx, old.ID, continuum.ContinuumUpdate{Name: &newName})
		}, func(c continuum.Continuum) {
			d.SetBusy(false)
			d.Hide()
			label := fmt.Sprintf("rename %s to %s", old.Name, c.Name)
			s.WS.Did(screen.UndoStep{
				Label: label,
				Undo: func(ctx context.Context) error {
					_, err := s.store.UpdateContinuum(ctx, old.ID, continuum.ContinuumUpdate{Name: &old.Name})
					if err != nil && !errors.Is(err, continuum.ErrNotFound) {
						return fmt.Errorf("undo %s: %w", label, err)
					}
					return nil
				},
				Change: screen.Change{Kind: screen.ContinuaChanged, Continuum: old.ID},
			})
		}, func(err error) {
			d.SetBusy(false)
			d.SetProblem(err)
			s.hook(hookError)
		})
	}
	name.OnSubmitted = func(string) { rename() }
	body := widget.NewForm(widget.NewFormItem("New name", name))
	d = widgets.NewFormDialog(s.Win, "Rename “"+old.Name+"”", body, "Rename", rename)
	d.First = name
	d.Fields = map[string]fyne.CanvasObject{"continuum.name": name}
	s.dialog = d
	d.Show(fyne.NewSize(460, 0))
}

// onDuplicateContinuum copies the continuum shown (its levels, domains,
// scale, method, pacing and targets, not its evidence) under a new name.
func (s *Screen) onDuplicateContinuum() {
	if s.graph == nil {
		return
	}
	g := s.graph
	name := widgets.NewEntry()
	name.SetText(s.copyName(g.Continuum.Name))
	var d *widgets.FormDialog
	duplicate := func() {
		c := g.Continuum
		c.ID, c.Name = "", strings.TrimSpace(name.Text)
		d.SetBusy(true)
		screen.Run(func(ctx context.Context) (continuum.Continuum, error) {
			targets, err := s.store.Targets(ctx, g.Continuum.ID)
			if err != nil {
				return c, err
			}
			return c, s.store.CreateContinuum(ctx, &c, targets)
		}, func(c continuum.Continuum) {
			d.SetBusy(false)
			d.Hide()
			s.didCreate(c, "duplicate "+c.Name)
		}, func(err error) {
			d.SetBusy(false)
			d.SetProblem(err)
			s.hook(hookError)
		})
	}
	name.OnSubmitted = func(string) { duplicate() }
	note := widget.NewLabel(fmt.Sprintf("The copy gets the levels, domains, scale, mastery method and %s of “%s”. Evidence stays with the original.",
		continuum.Plural(len(g.Targets), "target", "targets"), g.Continuum.Name))
	note.Wrapping = fyne.TextWrapWord
	body := container.NewVBox(widget.NewForm(widget.NewFormItem("Name of the copy", name)), note)
	d = widgets.NewFormDialog(s.Win, "Duplicate “"+g.Continuum.Name+"”", body, "Duplicate", duplicate)
	d.First = name
	d.Fields = map[string]fyne.CanvasObject{"continuum.name": name}
	s.dialog = d
	d.Show(fyne.NewSize(520, 0))
}

// copyName returns "X (copy)", or "X (copy 2)" and so on when taken.
func (s *Screen) copyName(name string) string {
	taken := func(n string) bool {
		for _, c := range s.continua {
			if strings.EqualFold(c.Name, n) {
				return true
			}
		}
		return false
	}
	try := name + " (copy)"
	for i := 2; taken(try); i++ {
		try = fmt.Sprintf("%s (copy %d)", name, i)
	}
	return try
}

// onDeleteContinuum counts what would go, then asks before deleting.
func (s *Screen) onDeleteContinuum() {
	if s.graph == nil {
		return
	}
	c := s.graph.Continuum
	targets := len(s.graph.Targets)
	screen.Run(func(ctx context.Context) (int, error) {
		ev, err := s.store.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
		return len(ev), err
	}, func(evidence int) {
		msg := fmt.Sprintf("“%s” will be deleted with its %s and %s. This cannot be undone.",
			c.Name, continuum.Plural(targets, "target", "targets"), continuum.Plural(evidence, "piece of evidence", "pieces of evidence"))
		s.confirmDanger("Delete continuum?", msg, "Delete continuum", func() { s.deleteContinuum(c) })
	}, func(err error) {
		screen.ShowError(s.Win, fmt.Errorf("count the evidence of %s: %w", c.Name, err))
		s.hook(hookError)
	})
}

func (s *Screen) deleteContinuum(c continuum.Continuum) {
	screen.Run(func(ctx context.Context) (string, error) {
		if err := s.store.DeleteContinuum(ctx, c.ID); err != nil {
			return "", err
		}
		rest, err := s.store.Continua(ctx)
		if err != nil || len(rest) == 0 {
			return "", err
		}
		return rest[0].ID, nil
	}, func(next string) {
		s.announce(func() {
			s.WS.SelectContinuum(next)
			s.WS.Changed(screen.Change{Kind: screen.ContinuaChanged, Continuum: c.ID})
		})
	}, func(err error) {
		screen.ShowError(s.Win, err)
		s.hook(hookError)
	})
}

// confirmDanger asks before a change that removes something; Escape or
// Cancel keeps it.
func (s *Screen) confirmDanger(title, message, action string, onConfirm func()) {
	d := widgets.ShowConfirmation(s.Win, title, message, action, onConfirm)
	s.confirm, s.confirmText = d, message
	s.hook(hookConfirm)
}
