package report

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// DefaultRecent is how many recent pieces of evidence a report shows
// unless Input.Recent says otherwise.
const DefaultRecent = 4

// Input is what one student's report is built from.
type Input struct {
	// Graph is the continuum with its targets; when its pace follows the
	// continuum's units, pass the graph WithUnits returns.
	Graph *continuum.Graph
	// Student is the student reported on, active or not.
	Student continuum.Student
	// Evidence is the student's evidence in the continuum, in any order;
	// evidence of other students or continua, of unknown targets or dated
	// after AsOf is left out.
	Evidence []continuum.Evidence
	// Overrides are the student's overrides in the continuum; those of
	// other students or continua or dated after AsOf are left out.
	Overrides []continuum.Override
	// AsOf is the day the report describes.
	AsOf continuum.Date
	// Catalog holds the report's words (LoadCatalog).
	Catalog Catalog
	// Comment is what the teacher writes for this report (may be empty).
	Comment string
	// Recent is how many recent pieces of evidence to show: 0 means
	// DefaultRecent, a negative number none.
	Recent int
}

// Build makes one student's progress report as of in.AsOf. A continuum
// without targets, or a student without evidence or overrides by then,
// gives a report whose Empty sentence says so. It fails only when the
// input lacks a continuum, a date or words.
func Build(in Input) (Report, error) {
	if err := in.check(); err != nil {
		return Report{}, fmt.Errorf("build progress report: %w", err)
	}
	g, cat := in.Graph, &in.Catalog
	ev, ov := in.evidence(), in.overrides()
	r := Report{
		Lang:      cat.Lang,
		Title:     cat.say("title"),
		Student:   in.Student.Name,
		StudentID: in.Student.ID,
		Grade:     in.Student.Grade,
		Group:     in.Student.Group,
		Continuum: g.Continuum.Name,
		AsOf:      cat.Date(in.AsOf),
		Date:      in.AsOf,
		Comment:   strings.TrimSpace(in.Comment),
		Labels:    cat.Labels(),
	}
	r.Intro = cat.say("intro", arg{"student", r.Student}, arg{"continuum", r.Continuum}, arg{"date", r.AsOf})
	switch {
	case len(g.Targets) == 0:
		r.Empty = cat.say("empty.no_targets", arg{"continuum", r.Continuum})
		return r, nil
	case len(ev) == 0 && len(ov) == 0:
		r.Empty = cat.say("empty.no_evidence", arg{"student", r.Student}, arg{"continuum", r.Continuum})
		return r, nil
	}
	st := in.Student
	m := g.StudentMastery(&st, ev, ov)
	pos := g.Positions(&st, m, in.AsOf)
	growth := growthByDomain(g, &st, ev, ov, m, in.termStart(ev, ov), in.AsOf, cat)
	r.Sections = sections(g, m, pos, growth, cat)
	r.Recent = recent(g, ev, in.recentCount(), cat)
	return r, nil
}

// check refuses an input a report cannot be built from.
func (in *Input) check() error {
	switch {
	case in.Graph == nil:
		return fmt.Errorf("no continuum given; pass the continuum's graph: %w", continuum.ErrInvalid)
	case in.AsOf.IsZero():
		return fmt.Errorf("no as-of date given; pass the day the report describes: %w", continuum.ErrInvalid)
	case in.Catalog.words == nil:
		return fmt.Errorf("no report words given; load a translation file with LoadCatalog: %w", continuum.ErrInvalid)
	}
	return nil
}

// evidence returns the student's evidence up to AsOf on known targets,
// oldest first.
func (in *Input) evidence() []continuum.Evidence {
	out := make([]continuum.Evidence, 0, len(in.Evidence))
	for _, e := range in.Evidence {
		if e.Student != in.Student.ID || !in.ours(e.Continuum) || e.Date.After(in.AsOf) {
			continue
		}
		if _, ok := in.Graph.Lookup(e.Target); ok {
			out = append(out, e)
		}
	}
	continuum.SortEvidence(out)
	return out
}

// overrides returns the student's overrides up to AsOf (an override
// without a date counts from the start).
func (in *Input) overrides() []continuum.Override {
	var out []continuum.Override
	for _, o := range in.Overrides {
		if o.Student == in.Student.ID && in.ours(o.Continuum) && !o.Date.After(in.AsOf) {
			out = append(out, o)
		}
	}
	return out
}

// ours reports whether a record of continuum id belongs to the report's
// continuum (a record or a continuum without an ID is taken as ours).
func (in *Input) ours(id string) bool {
	return id == "" || in.Graph.Continuum.ID == "" || id == in.Graph.Continuum.ID
}

// recentCount is how many recent pieces of evidence to show.
func (in *Input) recentCount() int {
	switch {
	case in.Recent == 0:
		return DefaultRecent
	case in.Recent < 0:
		return 0
	}
	return in.Recent
}

// termStart is the first day of the term: the pacing plan's start when it
// is not after AsOf, otherwise the first evidence or override.
func (in *Input) termStart(ev []continuum.Evidence, ov []continuum.Override) continuum.Date {
	if p := in.Graph.Continuum.Pacing; p != nil && !p.Start.IsZero() && !p.Start.After(in.AsOf) {
		return p.Start
	}
	start := in.AsOf
	if len(ev) > 0 {
		start = ev[0].Date
	}
	for _, o := range ov {
		if !o.Date.IsZero() && o.Date.Before(start) {
			start = o.Date
		}
	}
	return start
}

// sections groups the domains with targets by category, academics first.
func sections(g *continuum.Graph, m []continuum.Mastery, pos []continuum.Position, growth [][]GrowthPoint, cat *Catalog) []Section {
	byDomain := make([][]int, len(g.Continuum.Domains))
	for i := range g.Targets {
		if d := g.Continuum.DomainIndex(g.Targets[i].Domain); d >= 0 {
			byDomain[d] = append(byDomain[d], i)
		}
	}
	cut := proficient(&g.Continuum.Scale)
	var out []Section
	for _, category := range continuum.Categories {
		s := Section{Category: category, Heading: cat.Category(category)}
		for d, p := range pos {
			if p.Category != category || p.Total == 0 {
				continue
			}
			dr := DomainReport{
				Name: p.Domain, Summary: cat.Summary(p.Mastered, p.Total), Pace: cat.Pace(p.Pace),
				Growth: growth[d], Mastered: p.Mastered, Total: p.Total,
			}
			for _, i := range byDomain[d] {
				if m[i].Mastered {
					dr.CanNow = append(dr.CanNow, line(&g.Targets[i], -1))
				}
			}
			dr.WorkingOn = lines(g, p.ReadyNext, cut)
			dr.Revisit = lines(g, p.Gaps, -1)
			s.Domains = append(s.Domains, dr)
		}
		if len(s.Domains) > 0 {
			out = append(out, s)
		}
	}
	return out
}

// proficient is the value of the scale's point at the mastery cut: the
// lowest point that counts as mastered.
func proficient(s *continuum.Scale) float64 {
	for _, p := range s.Points {
		if s.Mastered(p.Value) {
			return p.Value
		}
	}
	return s.Cut
}

// lines says the targets with codes; with looksLike at or above zero,
// each carries its descriptor at that scale value.
func lines(g *continuum.Graph, codes []string, looksLike float64) []Line {
	out := make([]Line, 0, len(codes))
	for _, code := range codes {
		if i, ok := g.Lookup(code); ok {
			out = append(out, line(&g.Targets[i], looksLike))
		}
	}
	return out
}

// line says one target; with looksLike at or above zero, with its
// descriptor at that scale value.
func line(t *continuum.Target, looksLike float64) Line {
	l := Line{Code: t.Code, Text: t.Statement}
	if looksLike >= 0 {
		l.LooksLike = t.Descriptor(looksLike)
	}
	return l
}

// recent says the newest n pieces of evidence, newest first, each level
// by the scale's own label.
func recent(g *continuum.Graph, ev []continuum.Evidence, n int, cat *Catalog) []EvidenceLine {
	if n <= 0 || len(ev) == 0 {
		return nil
	}
	newest := slices.Clone(ev)
	slices.SortStableFunc(newest, func(a, b continuum.Evidence) int {
		return cmp.Or(b.Date.Compare(a.Date), cmp.Compare(b.ID, a.ID))
	})
	newest = newest[:min(n, len(newest))]
	out := make([]EvidenceLine, len(newest))
	for k, e := range newest {
		t, _ := g.Target(e.Target)
		text := t.Statement
		if strings.TrimSpace(text) == "" {
			text = t.Code
		}
		out[k] = EvidenceLine{Date: cat.Date(e.Date), Target: text, Level: levelLabel(&g.Continuum.Scale, e.Score), Note: strings.TrimSpace(e.Note)}
	}
	return out
}

// levelLabel is the label of the scale's point for a score: the point
// itself, or for a score between points the highest point below it.
func levelLabel(s *continuum.Scale, score float64) string {
	label := ""
	for _, p := range s.Points {
		if p.Value <= score || label == "" {
			label = p.Label
		}
	}
	return label
}
