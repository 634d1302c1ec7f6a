package report

import "github.com/continuum-planner/planner/continuum"

// growthByDomain counts each domain's mastered targets at the points of
// the term (growthDays), from evidence sorted oldest first. The first
// point is what the student brought to the term: only evidence and
// overrides dated before it count. The last point is AsOf, whose
// judgements m the report already has.
func growthByDomain(g *continuum.Graph, st *continuum.Student, ev []continuum.Evidence, ov []continuum.Override,
	m []continuum.Mastery, start, asOf continuum.Date, cat *Catalog) [][]GrowthPoint {
	domainOf := make([]int, len(g.Targets))
	for i := range g.Targets {
		domainOf[i] = g.Continuum.DomainIndex(g.Targets[i].Domain)
	}
	days := growthDays(start, asOf)
	out := make([][]GrowthPoint, len(g.Continuum.Domains))
	for k, day := range days {
		judged := m
		if k < len(days)-1 {
			before := day
			if k > 0 {
				before = day.AddDays(1) // evidence of the day itself counts
			}
			judged = g.StudentMastery(st, evidenceBefore(ev, before), overridesBefore(ov, before))
		}
		counts := make([]int, len(out))
		for i, j := range judged {
			if j.Mastered && domainOf[i] >= 0 {
				counts[domainOf[i]]++
			}
		}
		for d := range out {
			out[d] = append(out[d], GrowthPoint{Date: day, Label: cat.ShortDate(day), Mastered: counts[d]})
		}
	}
	return out
}

// growthDays are the points of the term a growth picture shows: its first
// day, the last day of each month between (leaving out one within a week
// of AsOf, which would crowd it), and AsOf. There are always at least two.
func growthDays(start, asOf continuum.Date) []continuum.Date {
	if start.After(asOf) {
		start = asOf
	}
	days := []continuum.Date{start}
	for end := monthEnd(start); end.Before(asOf.AddDays(-7)); end = monthEnd(end.AddDays(1)) {
		if end.After(start) {
			days = append(days, end)
		}
	}
	return append(days, asOf)
}

// monthEnd is the last day of d's month.
func monthEnd(d continuum.Date) continuum.Date {
	return continuum.NewDate(d.Year(), d.Month()+1, 1).AddDays(-1)
}

// evidenceBefore is the prefix of ev (oldest first) dated before day.
func evidenceBefore(ev []continuum.Evidence, day continuum.Date) []continuum.Evidence {
	n := 0
	for n < len(ev) && ev[n].Date.Before(day) {
		n++
	}
	return ev[:n]
}

// overridesBefore are the overrides dated before day (or not dated).
func overridesBefore(ov []continuum.Override, day continuum.Date) []continuum.Override {
	var out []continuum.Override
	for _, o := range ov {
		if o.Date.Before(day) {
			out = append(out, o)
		}
	}
	return out
}
