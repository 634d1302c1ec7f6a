// Package ui is the Fyne desktop interface of Continuum Planner. Each
// screen is a small controller that owns its widgets and talks to the
// store through a narrow interface.
package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/continuum-planner/planner/continuum"
)

// OverviewReader is what the home screen reads from the store.
type OverviewReader interface {
	Continua(ctx context.Context) ([]continuum.Continuum, error)
	Targets(ctx context.Context, continuumID string) ([]continuum.Target, error)
	Students(ctx context.Context) ([]continuum.Student, error)
	Evidence(ctx context.Context, f continuum.EvidenceFilter) ([]continuum.Evidence, error)
}

// StoreSummary is what the home screen says about a store.
type StoreSummary struct {
	// Students is the number of students on the roster.
	Students int
	// Groups are the roster's groups, sorted.
	Groups []string
	// Continua summarise each continuum, sorted by name.
	Continua []ContinuumSummary
}

// ContinuumSummary counts what one continuum holds.
type ContinuumSummary struct {
	// Continuum is the continuum itself.
	Continuum continuum.Continuum
	// Targets is the number of targets.
	Targets int
	// Evidence is the number of evidence records.
	Evidence int
}

// Summarize reads the store and counts what it holds.
func Summarize(ctx context.Context, r OverviewReader) (StoreSummary, error) {
	var s StoreSummary
	students, err := r.Students(ctx)
	if err != nil {
		return s, fmt.Errorf("summarize store: %w", err)
	}
	s.Students = len(students)
	groups := map[string]bool{}
	for _, st := range students {
		if st.Group != "" {
			groups[st.Group] = true
		}
	}
	for g := range groups {
		s.Groups = append(s.Groups, g)
	}
	sort.Strings(s.Groups)
	all, err := r.Continua(ctx)
	if err != nil {
		return s, fmt.Errorf("summarize store: %w", err)
	}
	for _, c := range all {
		targets, err := r.Targets(ctx, c.ID)
		if err != nil {
			return s, fmt.Errorf("summarize %s: %w", c.Name, err)
		}
		ev, err := r.Evidence(ctx, continuum.EvidenceFilter{Continuum: c.ID})
		if err != nil {
			return s, fmt.Errorf("summarize %s: %w", c.Name, err)
		}
		s.Continua = append(s.Continua, ContinuumSummary{Continuum: c, Targets: len(targets), Evidence: len(ev)})
	}
	return s, nil
}

// Home is the screen that says what the open store holds.
type Home struct {
	store OverviewReader
	dir   string
	// onLoadDemo, when set, offers "Start with the demo" on an empty store.
	onLoadDemo func(ctx context.Context) error
	// showError reports a failure to the person.
	showError func(error)

	heading  *widget.Label
	folder   *widget.Label
	roster   *widget.Label
	continua *fyne.Container
	demo     *widget.Button
	content  fyne.CanvasObject

	afterLoad func() // test hook: called after each refresh has been shown
}

// NewHome builds the home screen for the store in dir.
func NewHome(store OverviewReader, dir string, onLoadDemo func(ctx context.Context) error, showError func(error)) *Home {
	h := &Home{store: store, dir: dir, onLoadDemo: onLoadDemo, showError: showError}
	h.build()
	return h
}

func (h *Home) build() {
	h.heading = widget.NewLabelWithStyle("Reading the store…", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	h.heading.SizeName = theme.SizeNameSubHeadingText
	h.folder = widget.NewLabel("Data folder: " + h.dir)
	h.folder.Wrapping = fyne.TextWrapBreak
	h.roster = widget.NewLabel("")
	h.continua = container.NewVBox()
	h.demo = widget.NewButtonWithIcon("Start with the demo", theme.MediaPlayIcon(), h.onDemoTapped)
	h.demo.Importance = widget.HighImportance
	h.demo.Hide()
	h.content = container.NewVScroll(container.NewPadded(container.NewVBox(
		h.heading, h.folder, widget.NewSeparator(), h.roster, h.continua, container.NewHBox(h.demo),
	)))
}

// Content returns the screen's root object.
func (h *Home) Content() fyne.CanvasObject { return h.content }

// Refresh reads the store off the UI goroutine and shows the result.
func (h *Home) Refresh() {
	go func() {
		s, err := Summarize(context.Background(), h.store)
		fyne.Do(func() {
			if err != nil {
				h.heading.SetText("The store could not be read")
				h.showError(err)
			} else {
				h.show(s)
			}
			if h.afterLoad != nil {
				h.afterLoad()
			}
		})
	}()
}

func (h *Home) show(s StoreSummary) {
	h.continua.RemoveAll()
	if len(s.Continua) == 0 && s.Students == 0 {
		h.heading.SetText("This store is empty")
		h.roster.SetText("Start with the demo classroom to explore, or add your own continuum.")
		if h.onLoadDemo != nil {
			h.demo.Show()
		}
		return
	}
	h.demo.Hide()
	h.heading.SetText(fmt.Sprintf("%s and %s", plural(len(s.Continua), "continuum", "continua"), plural(s.Students, "student", "students")))
	roster := plural(s.Students, "student", "students") + " on the roster"
	if len(s.Groups) > 0 {
		roster += " in " + plural(len(s.Groups), "group", "groups") + ": " + strings.Join(s.Groups, ", ")
	}
	h.roster.SetText(roster + ".")
	for _, cs := range s.Continua {
		h.continua.Add(continuumCard(cs))
	}
}

func continuumCard(cs ContinuumSummary) fyne.CanvasObject {
	c := cs.Continuum
	title := c.Name
	facts := fmt.Sprintf("%s (%s to %s) · %s · %s · %s",
		plural(len(c.Levels), "level", "levels"), c.Levels[0], c.Levels[len(c.Levels)-1],
		plural(len(c.Domains), "domain", "domains"), plural(cs.Targets, "target", "targets"),
		plural(cs.Evidence, "piece of evidence", "pieces of evidence"))
	domains := make([]string, len(c.Domains))
	for i, d := range c.Domains {
		domains[i] = "• " + d.Name + " — " + d.Category.Label()
	}
	lines := []fyne.CanvasObject{
		widget.NewLabel(facts),
		widget.NewLabel(strings.Join(domains, "\n")),
		widget.NewLabel(fmt.Sprintf("Mastery: %s, cut %s. %s", c.Method.Kind.Label(), continuum.FormatScore(c.Scale.Cut), c.Method.Explain())),
	}
	for _, l := range lines {
		l.(*widget.Label).Wrapping = fyne.TextWrapWord
	}
	return widget.NewCard(title, c.Subject, container.NewVBox(lines...))
}

func (h *Home) onDemoTapped() {
	h.demo.Disable()
	h.heading.SetText("Loading the demo classroom…")
	go func() {
		err := h.onLoadDemo(context.Background())
		fyne.Do(func() {
			h.demo.Enable()
			if err != nil {
				h.showError(err)
			}
			h.Refresh()
		})
	}()
}

// plural writes "1 target" or "36 targets", with thousands separated.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return groupThousands(n) + " " + many
}

func groupThousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
