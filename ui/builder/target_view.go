package builder

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/ui/widgets"
)

// targetView shows one target read-only, as a review does: its
// statement, where it sits (its groups too), where it comes from, what
// each scale point looks like, and the targets before and after it.
// Nothing in it edits.
type targetView struct {
	code   string
	source *widgets.SourceDetails
	body   *fyne.Container
	dlg    *dialog.CustomDialog
}

// newTargetView builds the view of t in g, in a dialog of win.
func newTargetView(win fyne.Window, g *continuum.Graph, t continuum.Target) *targetView {
	v := &targetView{code: t.Code}
	c := g.Continuum
	statement := widget.NewLabelWithStyle(t.Statement, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	statement.Wrapping = fyne.TextWrapWord
	where := t.Domain + " · " + t.Level
	if path := widgets.NewGroupTree(&c).Path(t.Group); path != "" {
		where = t.Domain + widgets.PathSeparator + path + " · " + t.Level
	}
	if t.Milestone {
		where += " · ◆ milestone: a key point that gates progress"
	}
	method := c.Method
	if t.Method != nil {
		method = *t.Method
	}
	facts := widget.NewForm(
		widget.NewFormItem("Where", targetViewText(where)),
		widget.NewFormItem("Evidence required", targetViewText(fmt.Sprintf("%s before mastery counts",
			continuum.Plural(t.Required(), "demonstration", "demonstrations")))),
		widget.NewFormItem("Mastery", targetViewText(method.Summary())),
	)
	descriptors := widget.NewForm()
	for _, p := range c.Scale.Points {
		text := t.Descriptor(p.Value)
		if text == "" {
			text = "—"
		}
		descriptors.Append(continuum.FormatScore(p.Value)+" · "+p.Label, targetViewText(text))
	}
	left := container.NewVBox(statement, facts)
	v.source = widgets.NewSourceDetails()
	if !t.Source.IsZero() || len(t.Links) > 0 {
		v.source.SetTarget(g, t)
		left.Add(widgets.Heading("Where it comes from"))
		left.Add(v.source)
	}
	left.Add(widgets.Heading("What each point of the scale looks like"))
	left.Add(descriptors)
	right := container.NewVBox(
		widgets.Heading("Prerequisites"), targetViewText(targetViewList(g, t.Prerequisites, "None: it can be started at once.")),
		widgets.Heading("Needed for"), targetViewText(targetViewList(g, g.Dependents(t.Code), "No other target needs it first.")),
	)
	v.body = container.NewGridWithColumns(2, container.NewVScroll(left), container.NewVScroll(right))
	v.dlg = dialog.NewCustom("Target "+t.Code+" (read-only)", "Close", v.body, win)
	return v
}

// Show opens the view.
func (v *targetView) Show() {
	v.dlg.Resize(fyne.NewSize(900, 560))
	v.dlg.Show()
}

// targetViewText is text that wraps.
func targetViewText(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// targetViewList writes targets one a line, "CODE — statement"; none
// when there are none.
func targetViewList(g *continuum.Graph, codes []string, none string) string {
	if len(codes) == 0 {
		return none
	}
	lines := make([]string, len(codes))
	for i, code := range codes {
		lines[i] = code
		if t, ok := g.Target(code); ok {
			lines[i] = t.Code + " — " + t.Statement
		}
	}
	return strings.Join(lines, "\n")
}
