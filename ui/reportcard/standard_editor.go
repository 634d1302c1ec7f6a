package reportcard

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// standardEditor is the dialog that adds or edits one standard: its
// code and name, its rule (explained as it is chosen), the bands of the
// bands rule, and its targets, picked from the continuum's by code or
// statement.
type standardEditor struct {
	s     *Screen
	index int // the standard edited, -1 for a new one
	graph *continuum.Graph

	dlg     *widgets.FormDialog
	code    *widgets.Entry
	name    *widgets.Entry
	rule    *widgets.Select
	ruleWhy *widget.Label
	bands   *widgets.Entry
	bandBox *fyne.Container
	targets *widgets.ChoiceList
}

// onAdd opens the editor on a new standard.
func (s *Screen) onAdd() { s.openEditor(-1) }

// onEdit opens the editor on the chosen standard.
func (s *Screen) onEdit() {
	if s.chosen >= 0 && s.chosen < len(s.data.standards()) {
		s.openEditor(s.chosen)
	}
}

// openEditor opens the editor on standard index, or a new one for -1.
func (s *Screen) openEditor(index int) {
	if !s.editing || s.data == nil {
		return
	}
	e := &standardEditor{s: s, index: index, graph: s.data.graph}
	st := continuum.CardStandard{Rule: continuum.RuleMostFrequent}
	if std := s.data.standards(); index >= 0 && index < len(std) {
		st = std[index]
	}
	e.code, e.name = widgets.NewEntry(), widgets.NewEntry()
	e.code.SetText(st.Code)
	e.code.PlaceHolder = "The code in the school's system, e.g. MA.NS"
	e.name.SetText(st.Name)
	e.name.PlaceHolder = "As the report card prints it, e.g. Number sense"
	labels := make([]string, len(continuum.CardRules))
	for i, r := range continuum.CardRules {
		labels[i] = r.Label()
	}
	e.ruleWhy = widgets.Hint("")
	e.ruleWhy.Wrapping = fyne.TextWrapWord
	e.bands = widgets.NewEntry()
	e.bands.SetText(continuum.FormatBands(st.Bands))
	e.bands.PlaceHolder = "90%=4; 60%=3; 30%=2; 0%=1"
	e.bandBox = container.NewBorder(nil, nil, widget.NewLabel("Bands"), nil, e.bands)
	e.rule = widgets.NewSelect(labels, func(string) { e.onRuleChosen() })
	e.rule.SetSelectedIndex(max(slices.Index(continuum.CardRules, st.Rule), 0))
	choices := make([]widgets.Choice, len(e.graph.Targets))
	for i, t := range e.graph.Targets {
		choices[i] = widgets.Choice{Key: t.Code, Label: t.Code + " — " + t.Statement}
	}
	e.targets = widgets.NewChoiceList(choices, st.Targets, 8)
	form := widget.NewForm(widget.NewFormItem("Code", e.code), widget.NewFormItem("Name", e.name), widget.NewFormItem("Rule", e.rule))
	body := container.NewVBox(form, e.ruleWhy, e.bandBox, widgets.Section("Targets that give it its level"), e.targets)
	title, confirm := "New report-card standard", "Add"
	if index >= 0 {
		title, confirm = "Edit "+st.Code, "Save"
	}
	e.dlg = widgets.NewFormDialog(s.Win, title, body, confirm, e.onSave)
	e.dlg.First = e.code
	e.dlg.Fields = map[string]fyne.CanvasObject{"reportcard.standard": e.code, "reportcard.rule": e.rule,
		"reportcard.bands": e.bands, "reportcard.targets": e.targets}
	s.editor = e
	e.dlg.Show(fyne.NewSize(640, 620))
}

// chosenRule is the rule chosen in the editor.
func (e *standardEditor) chosenRule() continuum.CardRule {
	if i := e.rule.SelectedIndex(); i >= 0 && i < len(continuum.CardRules) {
		return continuum.CardRules[i]
	}
	return continuum.RuleMostFrequent
}

// onRuleChosen explains the rule chosen and shows the bands for the bands rule.
func (e *standardEditor) onRuleChosen() {
	r := e.chosenRule()
	e.ruleWhy.SetText(r.Explain())
	if r == continuum.RuleBands {
		e.bandBox.Show()
	} else {
		e.bandBox.Hide()
	}
	if e.dlg != nil {
		e.dlg.InputsChanged()
	}
}

// onSave checks the standard within the card and stores the card.
func (e *standardEditor) onSave() {
	c := e.graph.Continuum
	st := continuum.CardStandard{Code: strings.TrimSpace(e.code.Text), Name: strings.TrimSpace(e.name.Text),
		Rule: e.chosenRule(), Targets: e.targets.Chosen()}
	if st.Rule == continuum.RuleBands {
		bands, err := continuum.ParseBands(e.bands.Text, &c.Scale)
		if err != nil {
			e.dlg.SetProblem(err)
			return
		}
		st.Bands = bands
	}
	card := c.ReportCard.Clone()
	if card == nil {
		card = &continuum.ReportCard{}
	}
	label := "new standard " + st.Code
	if e.index >= 0 && e.index < len(card.Standards) {
		card.Standards[e.index] = st
		label = "changes to standard " + st.Code
	} else {
		card.Standards = append(card.Standards, st)
	}
	err := card.Validate(&c.Scale)
	if err == nil {
		err = card.CheckTargets(e.graph)
	}
	if err != nil {
		e.dlg.SetProblem(err)
		return
	}
	e.dlg.SetError("")
	e.dlg.SetBusy(true)
	chosen := slices.IndexFunc(card.Standards, func(x continuum.CardStandard) bool { return x.Code == st.Code })
	e.s.saveCard(card, label, func() {
		e.dlg.SetBusy(false)
		e.dlg.Hide()
		e.s.chosen = chosen
	}, func(err error) {
		e.dlg.SetBusy(false)
		e.dlg.SetProblem(err)
	})
}

// onDelete asks, then takes the chosen standard out of the card.
func (s *Screen) onDelete() {
	std := s.data.standards()
	if !s.editing || s.chosen < 0 || s.chosen >= len(std) {
		return
	}
	i, st := s.chosen, std[s.chosen]
	widgets.ShowConfirmation(s.Win, "Delete "+st.Code,
		fmt.Sprintf("Take %s out of the report card? Its targets stay in the continuum, with their evidence.", standardTitle(st)),
		"Delete", func() {
			card := s.data.graph.Continuum.ReportCard.Clone()
			card.Standards = slices.Delete(card.Standards, i, i+1)
			s.saveCard(card, "deleting standard "+st.Code, func() { s.chosen = -1 },
				func(err error) { screen.ShowError(s.Win, fmt.Errorf("delete standard %s: %w", st.Code, err)) })
		})
}

// saveCard stores card as the continuum's report card and records the
// step that puts the card as it was back, as every edit of the app does.
func (s *Screen) saveCard(card *continuum.ReportCard, label string, saved func(), failed func(error)) {
	c := s.data.graph.Continuum
	old, cid := c.ReportCard.Clone(), c.ID
	screen.Run(func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.cards.SetReportCard(ctx, cid, card)
	}, func(struct{}) {
		saved()
		s.WS.Did(screen.UndoStep{
			Label: label,
			Undo: func(ctx context.Context) error {
				if err := s.cards.SetReportCard(ctx, cid, old); err != nil && !errors.Is(err, continuum.ErrNotFound) {
					return fmt.Errorf("undo %s: %w", label, err)
				}
				return nil
			},
			Change: screen.Change{Kind: screen.ContinuaChanged, Continuum: cid},
		})
	}, failed)
}
