package calibration

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
	"github.com/continuum-planner/planner/ui/screen"
	"github.com/continuum-planner/planner/ui/widgets"
)

// The calibration screen's report: the agreement per target, drawn and
// tabled; the samples to discuss; every score with where it came from;
// and its export as a workbook.

// buildReport makes the report: problems, or tabs of agreement, samples and scores.
func (c *Screen) buildReport() fyne.CanvasObject {
	heading := widget.NewLabelWithStyle("These scores cannot be compared yet", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.Importance = widget.DangerImportance
	c.problemList = container.NewVBox()
	hint := widgets.Hint("Nothing was calculated and nothing stored has changed. Correct the workbook and add it again, or change the score entered here.")
	c.problemBox = container.NewVBox(heading, c.problemList, hint, widget.NewSeparator())
	c.problemBox.Hide()

	c.chart = widgets.NewAgreementChart(nil)
	c.chart.OnSelected = c.onChartTarget
	c.table = container.NewVBox()
	kappaNote := widgets.Hint("Exact: the share of pairs of scorers of a sample who gave the same score. Within one: the share one point of the scale apart or closer. Kappa: agreement beyond what chance would give, Cohen's for two scorers and Fleiss' for three or more; tap a target to see its samples.")
	agreement := container.NewVScroll(container.NewPadded(container.NewVBox(c.chart, widget.NewSeparator(), c.table, kappaNote)))

	c.sampleHead = widget.NewLabel("")
	c.sampleHead.Wrapping = fyne.TextWrapWord
	c.showAllBtn = widget.NewButton("All targets", func() { c.onChartTarget("") })
	c.showAllBtn.Hide()
	c.sampleList = container.NewVBox()
	samples := container.NewBorder(container.NewBorder(nil, nil, nil, c.showAllBtn, c.sampleHead), nil, nil, nil,
		container.NewVScroll(c.sampleList))

	c.scoresList = widget.NewList(func() int { return len(c.listed) }, c.createScoreRow, c.updateScoreRow)
	scoresHead := container.New(calibrationScoreColumns(), calibrationHeader("Sample"), calibrationHeader("Target"),
		calibrationHeader("Scorer"), calibrationHeader("Score"), calibrationHeader("From"), widget.NewLabel(""))
	scores := container.NewBorder(scoresHead, nil, nil, nil, c.scoresList)

	c.scoresTab = container.NewTabItemWithIcon("Scores", theme.ListIcon(), scores)
	c.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Agreement by target", theme.InfoIcon(), agreement),
		container.NewTabItemWithIcon("Samples to discuss", theme.QuestionIcon(), samples),
		c.scoresTab,
	)
	c.reportEmpty = widgets.Hint("")
	c.reportEmpty.Hide()
	// Problems and hints scroll, so that long ones wrap to the pane's width.
	c.messages = container.NewVScroll(container.NewVBox(c.problemBox, c.reportEmpty))
	c.messages.Hide()
	return container.NewStack(c.tabs, c.messages)
}

// calibrationHeader is a column header of the report's tables.
func calibrationHeader(text string) *widget.Label {
	l := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// calibrationScoreColumns lines up the rows of the Scores tab.
func calibrationScoreColumns() *widgets.ColumnsLayout {
	return widgets.NewColumnsLayout(-3, 80, -2, -3, -4, 76)
}

// showSummary writes the line at the top: how many scores, samples and
// scorers, and where the scores came from.
func (c *Screen) showSummary() {
	g := c.graph()
	if len(c.all) == 0 {
		c.summary.SetText(g.Continuum.Name + " · no calibration scores yet")
		return
	}
	samples, scorers := map[string]bool{}, map[string]bool{}
	for _, s := range c.all {
		samples[strings.ToLower(continuum.NormalizeCode(s.Target)+"\x00"+strings.TrimSpace(s.Sample))] = true
		scorers[strings.ToLower(strings.TrimSpace(s.Scorer))] = true
	}
	text := fmt.Sprintf("%s · %s of %s by %s", g.Continuum.Name, continuum.Plural(len(c.all), "score", "scores"),
		continuum.Plural(len(samples), "sample", "samples"), continuum.Plural(len(scorers), "scorer", "scorers"))
	var from []string
	if n := len(c.data.stored); n > 0 {
		from = append(from, continuum.GroupThousands(n)+" entered here")
	}
	if len(c.files) > 0 {
		n := len(c.all) - len(c.data.stored)
		from = append(from, fmt.Sprintf("%s from %s", continuum.GroupThousands(n), continuum.Plural(len(c.files), "workbook", "workbooks")))
	}
	if len(from) > 0 {
		text += " (" + strings.Join(from, ", ") + ")"
	}
	c.summary.SetText(text)
}

// showFiles lists the workbooks added, each with a button to remove it.
func (c *Screen) showFiles() {
	c.fileList.RemoveAll()
	c.filesNone.Hidden = len(c.files) > 0
	for i, f := range c.files {
		name := widget.NewLabelWithStyle(f.name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		name.Truncation = fyne.TextTruncateEllipsis
		count := widget.NewLabel(continuum.Plural(len(f.scores), "score", "scores"))
		remove := widgets.NewButton("", theme.DeleteIcon(), func() { c.onRemoveFile(i) })
		remove.Importance = widget.LowImportance
		c.fileList.Add(container.NewBorder(nil, nil, nil, container.NewHBox(count, remove), name))
	}
	c.relayoutLeft()
}

// relayoutLeft lays the left column out again after a part of it grew,
// shrank, showed or hid.
func (c *Screen) relayoutLeft() {
	c.left.Content.Refresh()
	c.left.Refresh()
}

// showProblems lists why the scores cannot be compared, each with its place.
func (c *Screen) showProblems() {
	c.problemList.RemoveAll()
	for _, p := range c.problems {
		l := widget.NewLabel("• " + p)
		l.Wrapping = fyne.TextWrapWord
		c.problemList.Add(l)
	}
	c.problemBox.Hidden = len(c.problems) == 0
	hint := ""
	switch {
	case len(c.problems) > 0:
	case len(c.all) == 0:
		hint = "No scores yet. Score anchor samples on the left, or add the workbooks colleagues filled in: each sample needs the scores of two people or more."
	case c.report != nil && len(c.report.Targets) == 0:
		hint = "No sample has the scores of two people yet: agreement needs each sample scored by two people or more. Scored by one person so far: " +
			strings.Join(c.report.Excluded, "; ") + "."
	}
	c.reportEmpty.SetText(hint)
	c.reportEmpty.Hidden = hint == ""
	c.tabs.Hidden = len(c.problems) > 0 || hint != ""
	if c.tabs.Hidden {
		c.messages.Show()
	} else {
		c.messages.Hide()
	}
	c.messages.Content.Refresh()
	c.messages.Refresh()
	c.tabs.Refresh()
}

// showAgreement draws the chart and fills the per-target table.
func (c *Screen) showAgreement() {
	var bars []widgets.AgreementBar
	c.table.RemoveAll()
	cols := func() *widgets.ColumnsLayout { return widgets.NewColumnsLayout(-2, 88, 82, 64, 76, 104, -3) }
	if c.report == nil {
		c.chart.SetBars(nil)
		c.table.Refresh()
		return
	}
	right := func(text string) *widget.Label {
		l := widget.NewLabel(text)
		l.Alignment = fyne.TextAlignTrailing
		return l
	}
	head := func(text string) *widget.Label {
		l := calibrationHeader(text)
		l.Alignment = fyne.TextAlignTrailing
		return l
	}
	c.table.Add(container.New(cols(), calibrationHeader("Target"), head("Samples"), head("Scorers"), head("Pairs"),
		head("Exact"), head("Within one"), head("Kappa")))
	for _, t := range c.report.Targets {
		bars = append(bars, widgets.AgreementBar{Target: t.Target, Samples: t.Samples, Scorers: t.Scorers,
			Exact: t.Exact, Adjacent: t.Adjacent, Kappa: t.Kappa, HasKappa: t.KappaShown(), KappaKind: t.KappaKind,
			KappaWaiting: t.KappaWaiting()})
		c.table.Add(container.New(cols(),
			widget.NewLabelWithStyle(t.Target, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			right(continuum.GroupThousands(t.Samples)), right(continuum.GroupThousands(t.Scorers)), right(continuum.GroupThousands(t.Pairs)),
			right(calibrationPercent(t.Exact)), right(calibrationPercent(t.Adjacent)),
			right(calibrationKappa(t))))
	}
	c.chart.SetBars(bars)
	c.chart.Select(c.focus)
	c.table.Refresh()
}

// calibrationPercent writes a share with one decimal, as the report workbook does: 66.7%.
func calibrationPercent(share float64) string {
	return continuum.FormatScore(float64(int(share*1000+0.5))/10) + "%"
}

// calibrationKappa writes a target's kappa with its kind: "0.50 Cohen".
func calibrationKappa(t continuum.TargetAgreement) string {
	kind := "Fleiss"
	if t.KappaKind == "cohen" {
		kind = "Cohen"
	}
	if !t.KappaShown() {
		return "— " + kind
	}
	return fmt.Sprintf("%.2f %s", t.Kappa, kind)
}

// showSamples lists the samples, most disputed first (of the target
// chosen on the chart, when one is), each with its scores by scorer, the
// descriptors of the scores given, and the scorers' notes; then the
// samples left out because one person scored them.
func (c *Screen) showSamples() {
	c.sampleList.RemoveAll()
	defer c.sampleList.Refresh()
	c.showAllBtn.Hidden = c.focus == ""
	c.showAllBtn.Refresh()
	if c.report == nil {
		c.sampleHead.SetText("")
		return
	}
	g := c.graph()
	shown, disputed := 0, 0
	for _, sp := range c.report.Samples {
		if c.focus != "" && !continuum.SameCode(sp.Target, c.focus) {
			continue
		}
		shown++
		if sp.Steps > 0 {
			disputed++
		}
		c.sampleList.Add(c.sampleCard(g, sp))
	}
	head := fmt.Sprintf("%s scored by two people or more, the most disputed first: %d with scores apart, %d where all agree.",
		continuum.Plural(shown, "sample", "samples"), disputed, shown-disputed)
	if c.focus != "" {
		head = c.focus + ": " + head
	}
	c.sampleHead.SetText(head)
	if len(c.report.Excluded) > 0 && c.focus == "" {
		c.sampleList.Add(widget.NewSeparator())
		left := widget.NewLabelWithStyle("Left out: scored by one person only", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		c.sampleList.Add(left)
		for _, e := range c.report.Excluded {
			l := widget.NewLabel("• " + e)
			l.Wrapping = fyne.TextWrapWord
			c.sampleList.Add(l)
		}
	}
}

// sampleCard shows one sample: its name and target, how far apart its
// scores are, then each score given with who gave it and what it means on
// the target (its descriptor), and the scorers' notes.
func (c *Screen) sampleCard(g *continuum.Graph, sp continuum.SampleSpread) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(sp.Sample+" · "+sp.Target, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	spread := widget.NewLabelWithStyle(calibrationSpread(sp.Steps), fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	switch {
	case sp.Steps >= 2:
		spread.Importance = widget.DangerImportance
	case sp.Steps == 1:
		spread.Importance = widget.WarningImportance
	default:
		spread.Importance = widget.SuccessImportance
	}
	scale := &g.Continuum.Scale
	t, known := g.Target(sp.Target)
	var given []float64
	by := map[float64][]string{}
	for _, s := range sp.Scores {
		if !slices.Contains(given, s.Score) {
			given = append(given, s.Score)
		}
		by[s.Score] = append(by[s.Score], s.Scorer)
	}
	slices.Sort(given)
	caption := func(text string, bold, italic bool, muted bool, inline bool) *widget.TextSegment {
		st := widget.RichTextStyle{Inline: inline, SizeName: theme.SizeNameCaptionText, TextStyle: fyne.TextStyle{Bold: bold, Italic: italic}}
		if muted {
			st.ColorName = theme.ColorNamePlaceHolder
		}
		return &widget.TextSegment{Text: text, Style: st}
	}
	var segs []widget.RichTextSegment
	for _, v := range given {
		words := continuum.FormatScore(v)
		if p, ok := scale.Point(v); ok {
			words += " " + p.Label
		}
		desc := ""
		if known {
			desc = t.Descriptor(v)
		}
		if desc == "" {
			desc = "(no descriptor for this score)"
		}
		segs = append(segs,
			caption(words, true, false, false, true),
			caption("  "+strings.Join(by[v], ", ")+"  ", false, false, true, true),
			caption(desc, false, false, false, false))
	}
	for _, s := range sp.Scores {
		if s.Note != "" {
			segs = append(segs, caption(s.Scorer+": “"+s.Note+"”", false, true, false, false))
		}
	}
	if !known {
		segs = append(segs, caption(g.Continuum.Name+" has no target "+sp.Target, false, true, true, false))
	}
	body := widget.NewRichText(segs...)
	body.Wrapping = fyne.TextWrapWord
	head := container.NewBorder(nil, nil, nil, spread, title)
	return container.NewVBox(container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), head, body), widget.NewSeparator())
}

// calibrationSpread says how far apart a sample's scores are.
func calibrationSpread(steps int) string {
	switch steps {
	case 0:
		return "all agree"
	case 1:
		return "1 step apart"
	}
	return fmt.Sprintf("%d steps apart", steps)
}

func (c *Screen) createScoreRow() fyne.CanvasObject {
	cells := make([]fyne.CanvasObject, 0, 6)
	for range 5 {
		l := widget.NewLabel("")
		l.Truncation = fyne.TextTruncateEllipsis
		cells = append(cells, l)
	}
	edit := widgets.NewButton("", theme.DocumentCreateIcon(), nil)
	edit.Importance = widget.LowImportance
	del := widgets.NewButton("", theme.DeleteIcon(), nil)
	del.Importance = widget.LowImportance
	cells = append(cells, container.NewHBox(edit, del))
	return container.New(calibrationScoreColumns(), cells...)
}

func (c *Screen) updateScoreRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(c.listed) {
		return
	}
	s := c.listed[i]
	row := o.(*fyne.Container)
	from := s.Place
	here := from == calibrationHere
	if here {
		from = "entered here"
	} else if name, _, ok := strings.Cut(from, " sheet "); ok {
		from = name
	}
	score := continuum.FormatScore(s.Score)
	if g := c.graph(); g != nil {
		if p, ok := g.Continuum.Scale.Point(s.Score); ok {
			score += " " + p.Label
		}
	}
	for k, text := range []string{s.Sample, s.Target, s.Scorer, score, from} {
		row.Objects[k].(*widget.Label).SetText(text)
	}
	buttons := row.Objects[5].(*fyne.Container)
	edit, del := buttons.Objects[0].(*widgets.Button), buttons.Objects[1].(*widgets.Button)
	editable := here && !c.WS.ReadOnly()
	edit.Hidden, del.Hidden = !editable, !editable
	edit.OnTapped = func() { c.onEdit(s) }
	del.OnTapped = func() { c.onDelete(s) }
	buttons.Refresh()
}

// onChartTarget shows the samples of the target tapped on the chart, or
// of every target for "".
func (c *Screen) onChartTarget(target string) {
	c.focus = target
	c.chart.Select(target)
	c.showSamples()
	if target != "" {
		c.tabs.SelectIndex(1)
	}
}

// onExportReport asks where to save the report.
func (c *Screen) onExportReport() {
	g := c.graph()
	if g == nil || c.report == nil {
		return
	}
	c.saveDialog = screen.ChooseSave(c.Win, screen.FileChoice{
		Title:   "Export the calibration report",
		Confirm: "Export",
		Ext:     ".xlsx",
		Name:    screen.FileName(g.Continuum.Name+" calibration", "", c.WS.Today(), ".xlsx"),
	}, c.exportReport)
}

// exportReport writes the report shown to path, off the UI goroutine,
// through a temporary file renamed at the end.
func (c *Screen) exportReport(path string) {
	g := c.graph()
	if g == nil || c.report == nil {
		return
	}
	report := *c.report
	opts := workbook.ReportOptions{Continuum: g.Continuum.Name, AppVersion: screen.AppVersion(), Now: time.Now()}
	if len(c.data.stored) > 0 {
		opts.Files = append(opts.Files, calibrationHere)
	}
	for _, f := range c.files {
		opts.Files = append(opts.Files, f.name)
	}
	screen.Run(func(ctx context.Context) (string, error) {
		return path, workbook.WriteFile(ctx, path, func(out io.Writer) error {
			return workbook.EncodeCalibrationReport(ctx, out, report, opts)
		})
	}, func(path string) {
		screen.RememberFolder(path)
		screen.ShowInfo(c.Win, "Report exported", fmt.Sprintf("The calibration report of %s was written to\n%s", g.Continuum.Name, path))
	}, func(err error) {
		screen.RemoveIfEmpty(path)
		screen.ShowError(c.Win, fmt.Errorf("could not export the report to %s: %s", path, continuum.ErrorMessage(err)))
	})
}
