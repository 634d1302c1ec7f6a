package report

import (
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// BuildCover makes the teacher's cover page for a group's reports: the
// group's name (all students when empty), the continuum, the day, how
// many students, what each student's pages hold, and the students' names
// in the order of their pages. Without words (a zero Catalog) it holds
// only the group's name and the students'.
func BuildCover(cat Catalog, group, continuumName string, asOf continuum.Date, students []continuum.Student) Cover {
	if cat.words == nil {
		return Cover{Title: strings.TrimSpace(group), Students: names(students)}
	}
	c := Cover{Title: cat.say("cover.title_all"), Students: names(students)}
	if g := strings.TrimSpace(group); g != "" {
		c.Title = cat.say("cover.title", arg{"group", g})
	}
	if name := strings.TrimSpace(continuumName); name != "" {
		c.Lines = append(c.Lines, cat.say("cover.continuum", arg{"continuum", name}))
	}
	if !asOf.IsZero() {
		c.Lines = append(c.Lines, cat.say("cover.date", arg{"date", cat.Date(asOf)}))
	}
	c.Lines = append(c.Lines, cat.count("cover.students", len(students)), cat.say("cover.contents"))
	return c
}

// names are the students' names in order.
func names(students []continuum.Student) []string {
	out := make([]string, len(students))
	for i, s := range students {
		out[i] = s.Name
	}
	return out
}
