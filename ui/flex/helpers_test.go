package flex

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// screenTexts lists the text a person sees in o, in tree order: labels,
// buttons and rich text whole, and the canvas texts of other widgets.
func screenTexts(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch o := o.(type) {
		case *widget.Label:
			out = appendText(out, o.Text)
		case *widget.Button:
			out = appendText(out, o.Text)
		case *widget.RichText:
			out = appendText(out, o.String())
		case *canvas.Text:
			out = appendText(out, o.Text)
		case *fyne.Container:
			for _, k := range o.Objects {
				walk(k)
			}
		case fyne.Widget:
			for _, k := range test.WidgetRenderer(o).Objects() {
				walk(k)
			}
		}
	}
	walk(o)
	return out
}

func appendText(texts []string, s string) []string {
	if s == "" {
		return texts
	}
	return append(texts, s)
}

// demoID is the ID of the demo classroom's continuum.
const demoID = "demo-math-foundations"
