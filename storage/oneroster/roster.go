package oneroster

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// nameClasses gives each class its Name: its title, and, when another
// class has the same title, its period and class code ("Algebra I
// (period 2, C204)"), and its sourcedId when even those repeat.
func nameClasses(classes []Class) {
	titles := map[string]int{}
	for _, c := range classes {
		titles[strings.ToLower(classTitle(c))]++
	}
	names := make([]string, len(classes))
	count := map[string]int{}
	for i, c := range classes {
		names[i] = classTitle(c)
		if titles[strings.ToLower(names[i])] > 1 {
			names[i] += qualifier(c, false)
		}
		count[strings.ToLower(names[i])]++
	}
	for i, c := range classes {
		if count[strings.ToLower(names[i])] > 1 {
			names[i] = classTitle(c) + qualifier(c, true)
		}
		classes[i].Name = names[i]
	}
}

// classTitle is a class's title, else its code, else its sourcedId.
func classTitle(c Class) string {
	return cmp.Or(strings.Join(strings.Fields(c.Title), " "), c.ClassCode, c.SourcedID)
}

// qualifier tells a class from others of the same title: " (period 1-2, C401)".
func qualifier(c Class, withID bool) string {
	var parts []string
	if c.Periods != "" {
		parts = append(parts, "period "+c.Periods)
	}
	if c.ClassCode != "" && !strings.EqualFold(c.ClassCode, classTitle(c)) {
		parts = append(parts, c.ClassCode)
	}
	if withID || len(parts) == 0 {
		parts = append(parts, c.SourcedID)
	}
	return " (" + strings.Join(parts, ", ") + ")"
}

// Terms names a class's academic sessions by their titles (their
// sourcedIds where academicSessions.csv does not name them).
func (s *Set) Terms(c Class) string {
	var out []string
	for _, id := range c.Terms {
		title := id
		if k := slices.IndexFunc(s.Sessions, func(x Session) bool { return x.SourcedID == id }); k >= 0 && s.Sessions[k].Title != "" {
			title = s.Sessions[k].Title
		}
		out = append(out, title)
	}
	return strings.Join(out, ", ")
}

// ActiveClasses are the classes a teacher can choose: those the set does
// not delete.
func (s *Set) ActiveClasses() []Class {
	var out []Class
	for _, c := range s.Classes {
		if c.Status != StatusToBeDeleted {
			out = append(out, c)
		}
	}
	return out
}

// Students counts the students enrolled in each class, by sourcedId.
func (s *Set) Students() map[string]int {
	out := map[string]int{}
	for _, e := range s.Enrollments {
		if e.Role == RoleStudent && e.Status != StatusToBeDeleted {
			out[e.Class]++
		}
	}
	return out
}

// FindClasses finds the classes selectors name, each by its sourcedId,
// its class code, its name (Class.Name) or its title (any capitals), and
// returns their sourcedIds in the order of classes.csv. A title several
// classes share, or a selector that names no class, is an error that
// lists what to choose from.
func (s *Set) FindClasses(selectors []string) ([]string, error) {
	active := s.ActiveClasses()
	chosen := map[string]bool{}
	for _, sel := range selectors {
		sel = strings.TrimSpace(sel)
		if sel == "" {
			continue
		}
		found := findClass(active, sel)
		switch {
		case len(found) == 0:
			return nil, fmt.Errorf("no class of the set is %q; the classes are %s", sel, classList(active))
		case len(found) > 1:
			return nil, fmt.Errorf("%d classes are %q: %s; name one by its class code or sourcedId", len(found), sel, classList(found))
		}
		chosen[found[0].SourcedID] = true
	}
	var out []string
	for _, c := range active {
		if chosen[c.SourcedID] {
			out = append(out, c.SourcedID)
		}
	}
	return out, nil
}

// findClass returns the classes sel names: by sourcedId, class code or
// name first, by title otherwise.
func findClass(classes []Class, sel string) []Class {
	var found []Class
	for _, c := range classes {
		if c.SourcedID == sel || (c.ClassCode != "" && strings.EqualFold(c.ClassCode, sel)) || strings.EqualFold(c.Name, sel) {
			found = append(found, c)
		}
	}
	if len(found) > 0 {
		return found
	}
	for _, c := range classes {
		if strings.EqualFold(classTitle(c), strings.Join(strings.Fields(sel), " ")) {
			found = append(found, c)
		}
	}
	return found
}

// maxListed bounds the classes a message lists.
const maxListed = 12

// classList lists classes for a message: "Algebra I (C201, cl01), …".
func classList(classes []Class) string {
	var parts []string
	for i, c := range classes {
		if i == maxListed {
			parts = append(parts, fmt.Sprintf("and %d more", len(classes)-maxListed))
			break
		}
		id := c.SourcedID
		if c.ClassCode != "" {
			id = c.ClassCode + ", " + id
		}
		parts = append(parts, fmt.Sprintf("%s [%s]", c.Name, id))
	}
	if len(parts) == 0 {
		return "none"
	}
	return strings.Join(parts, "; ")
}

// Place is where a student of a Roster comes from.
type Place struct {
	// File is the CSV file, e.g. "users.csv".
	File string
	// Row is the row in it.
	Row int
}

// Roster is the students of the chosen classes as a roster import takes
// them: the class (Class.Name) as their group, their identifier (else
// their sourcedId) as their external ID, their grades as their grade.
type Roster struct {
	// Students are the students enrolled in the chosen classes, each
	// once, in the order of their first class, then of users.csv. In a
	// delta, a student whose only enrollments in the chosen classes the
	// set deletes is Inactive.
	Students []continuum.Student
	// Places are where each of Students comes from.
	Places []Place
	// Groups are the chosen classes' names: in a bulk set the whole class
	// list of each, so that their stored students it no longer lists have
	// left; nil in a delta, which lists only what changed.
	Groups []string
	// Updates (a delta only) change the stored students they are and add
	// nobody: the students users.csv changes or deletes (Inactive) without
	// an enrollment in a chosen class, and the enrollments in a chosen
	// class of users this users.csv does not have, sent before (their
	// name blank, their external ID the user's sourcedId, their group the
	// class, Inactive when the enrollment is deleted).
	Updates []continuum.Student
	// UpdatePlaces are where each of Updates comes from.
	UpdatePlaces []Place
	// Warnings are what the choice leaves out or decides: a student in
	// two chosen classes, a teacher enrolled as a student.
	Warnings []Problem
}

// membership is what the chosen classes' enrollments say of one user.
type membership struct {
	classes []int // ranks of the classes they are in
	left    []int // ranks of the classes a delta deletes them from
	others  []string
	row     int // the row of their first enrollment
}

// first is the rank of the first class the membership names.
func (m *membership) first() int {
	return slices.Min(append(slices.Clone(m.classes), m.left...))
}

// student is what a membership makes of a student: their group (the
// first class they are in) and whether they have left.
func (s *Set) student(m *membership) (group string, inactive bool) {
	slices.Sort(m.classes)
	if len(m.classes) == 0 {
		return s.Classes[slices.Min(m.left)].Name, true
	}
	return s.Classes[m.classes[0]].Name, false
}

// Roster takes the students enrolled, as students, in the chosen classes
// (sourcedIds, as FindClasses gives them). Only users whose role is
// student (or who have none in the set) become students: teachers,
// aides, guardians and parents never do. In a delta, an enrollment may
// name a user sent before and not in this users.csv: it is an update
// for the stored student whose external ID is that user's sourcedId.
func (s *Set) Roster(chosen []string) *Roster {
	rank := map[string]int{}
	for i, c := range s.Classes {
		if slices.Contains(chosen, c.SourcedID) {
			rank[c.SourcedID] = i
		}
	}
	userAt := make(map[string]int, len(s.Users))
	for i, u := range s.Users {
		userAt[u.SourcedID] = i
	}
	per := map[string]*membership{}
	for _, e := range s.Enrollments {
		k, inChosen := rank[e.Class]
		if _, known := userAt[e.User]; !inChosen || (!known && !s.Delta()) {
			continue // an unknown user of a bulk set is a problem already
		}
		m := per[e.User]
		if m == nil {
			m = &membership{row: e.Row}
			per[e.User] = m
		}
		switch {
		case e.Role != RoleStudent:
			m.others = append(m.others, e.Role+" in "+s.Classes[k].Name)
		case e.Status == StatusToBeDeleted:
			m.left = append(m.left, k)
		default:
			m.classes = append(m.classes, k)
		}
	}
	ro := &Roster{}
	s.addMembers(ro, per, userAt)
	if s.Delta() {
		s.addUpdates(ro, per)
	} else {
		for _, c := range s.Classes {
			if _, ok := rank[c.SourcedID]; ok {
				ro.Groups = append(ro.Groups, c.Name)
			}
		}
	}
	return ro
}

// addMembers adds the users of users.csv enrolled in the chosen classes,
// in the order of their first class, then of users.csv.
func (s *Set) addMembers(ro *Roster, per map[string]*membership, userAt map[string]int) {
	var order []int
	var unknown []string
	for id, m := range per {
		if ui, known := userAt[id]; known {
			order = append(order, ui)
		} else if len(m.classes)+len(m.left) > 0 {
			unknown = append(unknown, id)
		}
	}
	slices.SortFunc(unknown, func(a, b string) int { return cmp.Compare(per[a].row, per[b].row) })
	for _, id := range unknown {
		group, inactive := s.student(per[id]) // a delta's enrollment of a user sent before
		ro.Updates = append(ro.Updates, continuum.Student{ExternalID: id, Group: group, Inactive: inactive})
		ro.UpdatePlaces = append(ro.UpdatePlaces, Place{File: s.fileName(fileEnrollments), Row: per[id].row})
	}
	key := func(ui int) int {
		if m := per[s.Users[ui].SourcedID]; len(m.classes)+len(m.left) > 0 {
			return m.first()
		}
		return -1
	}
	slices.SortFunc(order, func(a, b int) int { return cmp.Or(cmp.Compare(key(a), key(b)), cmp.Compare(a, b)) })
	for _, ui := range order {
		u, m := s.Users[ui], per[s.Users[ui].SourcedID]
		at := Problem{File: s.fileName(fileUsers), Row: u.Row}
		switch {
		case len(m.classes)+len(m.left) == 0:
			if u.Role == RoleStudent {
				ro.warn(at, "%s (%s) is a student in users.csv but is enrolled in the chosen classes only as %s: not imported from them", u.SourcedID, u.Name(), strings.Join(m.others, ", "))
			}
			continue
		case u.Role != "" && u.Role != RoleStudent:
			ro.warn(at, "%s (%s) is enrolled as a student, but users.csv gives the role %s: not imported, for only students are", u.SourcedID, u.Name(), u.Role)
			continue
		case u.Status == StatusToBeDeleted && !s.Delta():
			continue // a deleted user in a bulk file: gone, as if not listed
		}
		group, inactive := s.student(m)
		st := continuum.Student{Name: u.Name(), ExternalID: u.ExternalID(), Grade: u.Grades, Group: group, Inactive: inactive || u.Status == StatusToBeDeleted}
		if len(m.classes) > 1 {
			names := make([]string, len(m.classes))
			for i, k := range m.classes {
				names[i] = s.Classes[k].Name
			}
			ro.warn(at, "%s (%s) is in %d of the chosen classes (%s); their group is the first, %s", u.SourcedID, u.Name(), len(names), strings.Join(names, "; "), names[0])
		}
		ro.Students = append(ro.Students, st)
		ro.Places = append(ro.Places, Place{File: at.File, Row: u.Row})
	}
}

// addUpdates adds, for a delta, the students users.csv changes or
// deletes who have no enrollment in the chosen classes in this delta.
func (s *Set) addUpdates(ro *Roster, per map[string]*membership) {
	for _, u := range s.Users {
		if per[u.SourcedID] != nil || (u.Role != "" && u.Role != RoleStudent) {
			continue
		}
		st := continuum.Student{Name: u.Name(), ExternalID: u.ExternalID(), Grade: u.Grades, Inactive: u.Status == StatusToBeDeleted}
		ro.Updates = append(ro.Updates, st)
		ro.UpdatePlaces = append(ro.UpdatePlaces, Place{File: s.fileName(fileUsers), Row: u.Row})
	}
}

func (ro *Roster) warn(at Problem, format string, args ...any) {
	at.Message = fmt.Sprintf(format, args...)
	ro.Warnings = append(ro.Warnings, at)
}

// fileName is a file's name as the set writes it, e.g. "Users.csv".
func (s *Set) fileName(lower string) string {
	if h := s.columns[lower]; h != nil {
		return h.file
	}
	return lower
}
