package profile

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/widgets"
)

// targetDetail is the student profile's panel on one target: what it
// asks, the judgement and why, the scores over time, each piece of
// evidence, any override with its reason, and on demand every mastery
// method side by side.
type targetDetail struct {
	code        *widget.Label
	close       *widget.Button
	statement   *widget.Label
	where       *widget.Label
	source      *widgets.SourceDetails // the target's groups, identity in its source and links
	judgement   *widget.Label
	override    *widget.Label
	overrideRow *fyne.Container
	chart       *widgets.ScoreChart
	evTitle     *widget.Label
	evidence    *fyne.Container
	compare     *widget.Button
	methods     *fyne.Container
	comparing   bool

	graph   *continuum.Graph
	student *studentData
	target  continuum.Target
	ev      []continuum.Evidence // the student's evidence on the target, in date order

	content fyne.CanvasObject
}

func newTargetDetail(onClose func()) *targetDetail {
	d := &targetDetail{}
	d.code = widget.NewLabel("")
	d.code.TextStyle.Bold = true
	d.code.SizeName = theme.SizeNameSubHeadingText
	d.close = widget.NewButtonWithIcon("", theme.CancelIcon(), onClose)
	d.statement = widget.NewLabel("")
	d.statement.Wrapping = fyne.TextWrapWord
	d.where = widget.NewLabel("")
	d.where.Wrapping = fyne.TextWrapWord
	d.source = widgets.NewSourceDetails()
	d.judgement = widget.NewLabel("")
	d.judgement.Wrapping = fyne.TextWrapWord
	d.judgement.TextStyle.Bold = true
	d.override = widget.NewLabel("")
	d.override.Wrapping = fyne.TextWrapWord
	d.overrideRow = container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.InfoIcon())), nil, d.override)
	d.chart = widgets.NewScoreChart(continuum.DefaultScale(), nil, nil)
	d.evTitle = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	d.evidence = container.NewVBox()
	d.compare = widget.NewButtonWithIcon("Compare methods", theme.VisibilityIcon(), d.onCompare)
	d.methods = container.NewVBox()
	d.methods.Hide()
	body := container.NewVBox(
		container.NewBorder(nil, nil, nil, d.close, d.code),
		d.statement,
		d.where,
		d.source,
		widget.NewSeparator(),
		d.judgement,
		d.overrideRow,
		d.chart,
		d.evTitle,
		d.evidence,
		widget.NewSeparator(),
		container.NewHBox(d.compare),
		d.methods,
	)
	d.content = container.NewVScroll(container.NewPadded(body))
	return d
}

// show fills the panel for target t of the student d on g.
func (d *targetDetail) show(g *continuum.Graph, s *studentData, t continuum.Target) {
	d.graph, d.student, d.target = g, s, t
	d.ev = d.ev[:0]
	for _, e := range s.evidence {
		if continuum.SameCode(e.Target, t.Code) {
			d.ev = append(d.ev, e)
		}
	}
	code := t.Code
	if t.Milestone {
		code += "  ◆ milestone"
	}
	d.code.SetText(code)
	d.statement.SetText(t.Statement)
	d.where.SetText(fmt.Sprintf("%s · %s · mastery needs %s at or above %s",
		t.Domain, t.Level, continuum.Plural(t.Required(), "piece of evidence", "pieces of evidence"), continuum.FormatScore(g.Continuum.Scale.Cut)))
	if d.source.SetTarget(g, t) {
		d.source.Show()
	} else {
		d.source.Hide()
	}

	m := d.mastery()
	d.judgement.SetText(g.ExplainJudgement(s.student, t, m))
	if o := m.Override; o != nil {
		d.override.SetText(o.Explain())
		d.overrideRow.Show()
	} else {
		d.overrideRow.Hide()
	}

	points := make([]widgets.ScorePoint, len(d.ev))
	for i, e := range d.ev {
		points[i] = widgets.ScorePoint{Date: e.Date, Score: e.Score}
	}
	var value *widgets.ChartValue
	if m.HasValue {
		value = &widgets.ChartValue{Value: m.Value, Label: "now " + continuum.FormatScore(m.Value)}
	}
	d.chart.Set(g.Continuum.Scale, points, value)

	d.showEvidence(g)
	if d.comparing {
		d.showMethods()
	}
	d.content.Refresh()
}

// mastery returns the student's judgement on the target shown.
func (d *targetDetail) mastery() continuum.Mastery {
	if i, ok := d.graph.Lookup(d.target.Code); ok && i < len(d.student.mastery) {
		return d.student.mastery[i]
	}
	return continuum.Mastery{Target: d.target.Code}
}

// showEvidence lists the evidence, oldest first as the method reads it.
func (d *targetDetail) showEvidence(g *continuum.Graph) {
	d.evTitle.SetText(fmt.Sprintf("Evidence, oldest first (%d)", len(d.ev)))
	if len(d.ev) == 0 {
		d.evTitle.SetText("Evidence")
		none := widgets.Quiet("Nothing recorded on this target yet.")
		d.evidence.Objects = []fyne.CanvasObject{none}
		d.evidence.Refresh()
		return
	}
	rows := make([]fyne.CanvasObject, len(d.ev))
	for i, e := range d.ev {
		rows[i] = widgets.EvidenceRow(&g.Continuum.Scale, e)
	}
	d.evidence.Objects = rows
	d.evidence.Refresh()
}

func (d *targetDetail) onCompare() {
	d.comparing = !d.comparing
	if d.comparing {
		d.compare.SetText("Hide the comparison")
		d.compare.SetIcon(theme.VisibilityOffIcon())
		d.showMethods()
		d.methods.Show()
	} else {
		d.compare.SetText("Compare methods")
		d.compare.SetIcon(theme.VisibilityIcon())
		d.methods.Hide()
	}
	d.content.Refresh()
}

// showMethods lists what every mastery method makes of the evidence.
func (d *targetDetail) showMethods() {
	if d.graph == nil {
		return
	}
	results, err := d.graph.CompareMethods(d.target.Code, d.ev)
	if err != nil {
		d.methods.Objects = []fyne.CanvasObject{widget.NewLabel(continuum.ErrorMessage(err))}
		d.methods.Refresh()
		return
	}
	intro := widget.NewLabel(fmt.Sprintf("What each method makes of the same %s. The one in use decides the judgement.",
		continuum.Plural(len(d.ev), "piece of evidence", "pieces of evidence")))
	intro.Wrapping = fyne.TextWrapWord
	objects := []fyne.CanvasObject{intro}
	for _, r := range results {
		objects = append(objects, methodRow(r))
	}
	d.methods.Objects = objects
	d.methods.Refresh()
}

// methodRow shows one method's result: its name with parameters (marked
// when in use) and its explanation, with its value and verdict at the right.
func methodRow(r continuum.MethodResult) fyne.CanvasObject {
	value := "no result"
	if r.HasValue {
		value = continuum.FormatScore(r.Value)
	}
	verdict := "not yet"
	if r.Mastered {
		verdict = "mastered"
	}
	segs := []widget.RichTextSegment{
		&widget.TextSegment{Text: r.Method.Summary(), Style: widget.RichTextStyle{Inline: r.InUse, TextStyle: fyne.TextStyle{Bold: r.InUse}}},
	}
	if r.InUse {
		segs = append(segs, &widget.TextSegment{Text: "   in use", Style: widget.RichTextStyle{ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}})
	}
	segs = append(segs, &widget.TextSegment{Text: r.Method.Explain(), Style: widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText}})
	about := widget.NewRichText(segs...)
	about.Wrapping = fyne.TextWrapWord
	result := widget.NewLabelWithStyle(value+" · "+verdict, fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	return container.NewVBox(container.NewBorder(nil, nil, nil, container.NewVBox(result), about), widget.NewSeparator())
}
