// Package onerostertest makes OneRoster CSV sets of any size for tests:
// a district's bulk set, the same set a month later, and that month's
// changes as a delta set, written as a folder or a zip. Imported by test
// files only.
package onerostertest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// Options size a generated set.
type Options struct {
	// Students is how many students the set has (default 2,000).
	Students int
	// Classes is how many classes they are spread across (default 80).
	Classes int
	// Version is the OneRoster version written: "1.1" (default; roles in
	// users.csv) or "1.2" (roles in roles.csv).
	Version string
	// BOM starts each file with a UTF-8 byte order mark, as Excel writes CSV.
	BOM bool
}

// Titles are the course titles of the classes, each shared by several
// sections, as real sets have it.
var Titles = []string{"Algebra I", "Biology", "World History", "English 9", "Spanish I", "Art", "Chemistry", "Geometry", "Music", "Physical Education"}

var (
	givenNames  = []string{"Ana", "Ben", "Chloé", "Dev", "Émile", "Fatima", "Gus", "Hana", "Ivo", "Jin", "Kofi", "Lena", "Mateo", "Noor", "Owen", "Priya", "Quinn", "Rosa", "Sami", "Tomás"}
	familyNames = []string{"López", "Li", "Okafor", "Patel", "Müller", "Nguyen", "Smith", "García", "Kowalski", "Haddad", "Sato", "Brown", "Dubois", "Ivanova", "Novak", "Reyes", "Silva", "Yilmaz", "Ahmed", "Kim", "Olsen", "Rossi", "Tanaka", "Walker", "Zhou"}
)

// Class is a generated class.
type Class struct {
	// SourcedID, Title, Code and Period are its fields in classes.csv.
	SourcedID, Title, Code, Period string
	// Group is the class's name as a group: its title, qualified by its
	// period and code when another class has the same title.
	Group string
}

// Student is a generated student.
type Student struct {
	// SourcedID, Identifier, Given, Family and Grade are their fields in users.csv.
	SourcedID, Identifier, Given, Family, Grade string
	// Classes are the indices in Set.Classes of their classes, the first
	// being their group.
	Classes []int
}

// Name is the student's name as imported: given, then family name.
func (s Student) Name() string { return s.Given + " " + s.Family }

// Set is a generated OneRoster set: its classes, students and teachers,
// which it writes as CSV files.
type Set struct {
	// Options are the options it was made with.
	Options Options
	// Classes are the classes, one teacher each.
	Classes []Class
	// Students are the students; every tenth is in a second class too.
	Students []Student
	// Delta, when set, makes the files a delta set: only the changes.
	Delta *Changes
}

// Generate makes a bulk set: Students spread evenly over Classes (every
// tenth student also in the next class), one teacher per class enrolled
// as teacher, and two guardians enrolled as parent and guardian in the
// first class, none of whom are students.
func Generate(o Options) *Set {
	if o.Students <= 0 {
		o.Students = 2000
	}
	if o.Classes <= 0 {
		o.Classes = 80
	}
	if o.Version == "" {
		o.Version = "1.1"
	}
	g := &Set{Options: o}
	for k := range o.Classes {
		c := Class{SourcedID: fmt.Sprintf("class-%04d", k+1), Title: Titles[k%len(Titles)], Code: fmt.Sprintf("C%03d", k+1), Period: fmt.Sprint(k/len(Titles)%8 + 1)}
		c.Group = c.Title
		if o.Classes > len(Titles) && k%len(Titles) < o.Classes-len(Titles) {
			c.Group = fmt.Sprintf("%s (period %s, %s)", c.Title, c.Period, c.Code)
		}
		g.Classes = append(g.Classes, c)
	}
	for i := range o.Students {
		g.Students = append(g.Students, Student{SourcedID: fmt.Sprintf("user-%05d", i+1), Identifier: fmt.Sprintf("%06d", 100000+i),
			Given: givenNames[i%len(givenNames)], Family: familyNames[(i/len(givenNames))%len(familyNames)] + suffix(i),
			Grade: fmt.Sprintf("%02d", 6+i%7), Classes: g.firstClasses(i)})
	}
	return g
}

// firstClasses are the classes Generate puts student i in.
func (g *Set) firstClasses(i int) []int {
	n := len(g.Classes)
	if i%10 == 9 {
		return []int{i % n, (i + 1) % n}
	}
	return []int{i % n}
}

// suffix keeps names unique past the combinations of the lists.
func suffix(i int) string {
	if n := i / (len(givenNames) * len(familyNames)); n > 0 {
		return fmt.Sprintf("-%d", n+1)
	}
	return ""
}

// Changes are what happened in a month, by index into Set.Students.
type Changes struct {
	// Renamed students have a new family name.
	Renamed []int
	// Moved students are in the next class instead of their first.
	Moved []int
	// Left students are no longer enrolled anywhere.
	Left []int
	// Newcomers are students added at the end of Set.Students.
	Newcomers []int
}

// NextMonth returns the set a month later (a bulk set) with what
// changed: n students renamed, n moved to the next class, n left, and n
// newcomers in the first classes. Delta returns the same changes as a
// delta set.
func (g *Set) NextMonth(n int) (*Set, Changes) {
	next := &Set{Options: g.Options, Classes: slices.Clone(g.Classes)}
	var ch Changes
	for i, s := range g.Students {
		s.Classes = slices.Clone(s.Classes)
		switch {
		case i%97 == 1 && len(ch.Renamed) < n:
			s.Family += "-Reyes"
			ch.Renamed = append(ch.Renamed, i)
		case i%97 == 2 && len(ch.Moved) < n && len(s.Classes) == 1:
			s.Classes[0] = (s.Classes[0] + 1) % len(g.Classes)
			ch.Moved = append(ch.Moved, i)
		case i%97 == 3 && len(ch.Left) < n:
			s.Classes = nil
			ch.Left = append(ch.Left, i)
		}
		next.Students = append(next.Students, s)
	}
	for k := range n {
		i := len(next.Students)
		next.Students = append(next.Students, Student{SourcedID: fmt.Sprintf("user-%05d", i+1), Identifier: fmt.Sprintf("%06d", 100000+i),
			Given: "Newcomer", Family: fmt.Sprintf("Number %d", k+1), Grade: "07", Classes: []int{k % len(g.Classes)}})
		ch.Newcomers = append(ch.Newcomers, i)
	}
	return next, ch
}

// DeltaOf returns the delta set that takes g to next: only the users
// and enrollments that changed, with status and dateLastModified.
func DeltaOf(next *Set, ch Changes) *Set {
	d := *next
	d.Delta = &ch
	return &d
}

// Files returns the set's CSV files by name.
func (g *Set) Files() map[string][]byte {
	files := map[string][]byte{
		"manifest.csv":         g.manifest(),
		"orgs.csv":             csvOf([]string{"sourcedId", "status", "dateLastModified", "name", "type", "identifier", "parentSourcedId"}, [][]string{{"org-1", "", "", "Riverside High School", "school", "RHS", ""}}),
		"academicSessions.csv": csvOf([]string{"sourcedId", "status", "dateLastModified", "title", "type", "startDate", "endDate", "parentSourcedId", "schoolYear"}, [][]string{{"term-1", "", "", "2026 Fall", "term", "2026-08-20", "2026-12-20", "", "2027"}}),
		"courses.csv":          g.courses(),
		"classes.csv":          g.classes(),
		"users.csv":            g.users(),
		"enrollments.csv":      g.enrollments(),
	}
	if g.Options.Version == "1.2" {
		files["roles.csv"] = g.roles()
	}
	if g.Options.BOM {
		for k, v := range files {
			files[k] = append([]byte{0xEF, 0xBB, 0xBF}, v...)
		}
	}
	return files
}

func (g *Set) manifest() []byte {
	mode := func(file string) string {
		switch {
		case g.Delta == nil:
			return "bulk"
		case file == "users" || file == "enrollments" || file == "roles":
			return "delta"
		}
		return "bulk" // the classes and what they refer to come whole, so that enrollments name known classes
	}
	rows := [][]string{{"manifest.version", "1.0"}, {"oneroster.version", g.Options.Version}}
	for _, f := range []string{"academicSessions", "categories", "classes", "classResources", "courses", "courseResources", "demographics", "enrollments", "lineItems", "orgs", "resources", "results", "users"} {
		m := mode(f)
		if f == "categories" || f == "classResources" || f == "courseResources" || f == "demographics" || f == "lineItems" || f == "resources" || f == "results" {
			m = "absent"
		}
		rows = append(rows, []string{"file." + f, m})
	}
	if g.Options.Version == "1.2" {
		rows = append(rows, []string{"file.roles", mode("roles")})
	}
	rows = append(rows, []string{"source.systemName", "Generated SIS"})
	return csvOf([]string{"propertyName", "value"}, rows)
}

func (g *Set) courses() []byte {
	var rows [][]string
	for k, t := range Titles {
		rows = append(rows, []string{fmt.Sprintf("course-%02d", k+1), "", "", "", t, fmt.Sprintf("CRS%02d", k+1), "", "org-1", "", ""})
	}
	return csvOf([]string{"sourcedId", "status", "dateLastModified", "schoolYearSourcedId", "title", "courseCode", "grades", "orgSourcedId", "subjects", "subjectCodes"}, rows)
}

func (g *Set) classes() []byte {
	var rows [][]string
	for k, c := range g.Classes {
		rows = append(rows, []string{c.SourcedID, "", "", c.Title, "", fmt.Sprintf("course-%02d", k%len(Titles)+1), c.Code, "scheduled", "", "org-1", "term-1", "", "", c.Period})
	}
	return csvOf([]string{"sourcedId", "status", "dateLastModified", "title", "grades", "courseSourcedId", "classCode", "classType", "location", "schoolSourcedId", "termSourcedIds", "subjects", "subjectCodes", "periods"}, rows)
}

// person is a user of the set who is not a student.
type person struct{ id, role, given, family string }

// others are the teachers (one per class) and two guardians.
func (g *Set) others() []person {
	var out []person
	for k := range g.Classes {
		out = append(out, person{fmt.Sprintf("teacher-%03d", k+1), "teacher", "Teacher", fmt.Sprintf("Number %d", k+1)})
	}
	return append(out, person{"guardian-1", "guardian", "Gloria", "Okafor"}, person{"parent-1", "parent", "Peter", "Okafor"})
}

func (g *Set) users() []byte {
	cols := []string{"sourcedId", "status", "dateLastModified", "enabledUser", "orgSourcedIds", "role", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "metadata.pronouns"}
	if g.Options.Version == "1.2" {
		cols = []string{"sourcedId", "status", "dateLastModified", "enabledUser", "username", "userIds", "givenName", "familyName", "middleName", "identifier", "email", "sms", "phone", "agentSourcedIds", "grades", "password", "userMasterIdentifier", "resourceSourcedIds", "preferredGivenName", "preferredMiddleName", "preferredFamilyName", "primaryOrgSourcedId", "pronouns", "metadata.homeroom"}
	}
	var rows [][]string
	row := func(id, status, role, given, family, identifier, grade string) {
		v := map[string]string{"sourcedId": id, "status": status, "enabledUser": "true", "orgSourcedIds": "org-1", "primaryOrgSourcedId": "org-1",
			"role": role, "username": strings.ToLower(id), "givenName": given, "familyName": family, "identifier": identifier,
			"email": strings.ToLower(id) + "@example.org", "grades": grade}
		if status != "" {
			v["dateLastModified"] = "2026-10-01T08:00:00.000Z"
		}
		r := make([]string, len(cols))
		for i, c := range cols {
			r[i] = v[c]
		}
		rows = append(rows, r)
	}
	for i, s := range g.Students {
		if status, ok := g.deltaStatus(i, true); ok {
			row(s.SourcedID, status, "student", s.Given, s.Family, s.Identifier, s.Grade)
		}
	}
	if g.Delta == nil {
		for _, p := range g.others() {
			row(p.id, "", p.role, p.given, p.family, "", "")
		}
	}
	return csvOf(cols, rows)
}

// deltaStatus says whether student i is in a file of the set and with
// what status: every student in a bulk set; in a delta, those renamed
// (users only), moved, left and new.
func (g *Set) deltaStatus(i int, users bool) (string, bool) {
	if g.Delta == nil {
		return "", true
	}
	ch := g.Delta
	switch {
	case slices.Contains(ch.Newcomers, i), users && slices.Contains(ch.Renamed, i):
		return "active", true
	case slices.Contains(ch.Moved, i) || slices.Contains(ch.Left, i):
		return "active", true // a SIS sends the users whose enrollments changed along with them
	}
	return "", false
}

func (g *Set) enrollments() []byte {
	cols := []string{"sourcedId", "status", "dateLastModified", "classSourcedId", "schoolSourcedId", "userSourcedId", "role", "primary", "beginDate", "endDate", "metadata.note"}
	var rows [][]string
	add := func(id, status, class, user, role, primary string) {
		modified := ""
		if status != "" {
			modified = "2026-10-01T08:00:00.000Z"
		}
		rows = append(rows, []string{id, status, modified, class, "org-1", user, role, primary, "", "", ""})
	}
	for i, s := range g.Students {
		if _, ok := g.deltaStatus(i, false); !ok {
			continue
		}
		for k, c := range s.Classes {
			add(fmt.Sprintf("enr-%05d-%d-%s", i+1, k, g.Classes[c].SourcedID), g.statusOf(), g.Classes[c].SourcedID, s.SourcedID, "student", "false")
		}
		if g.Delta != nil && (slices.Contains(g.Delta.Left, i) || slices.Contains(g.Delta.Moved, i)) {
			for _, was := range g.firstClasses(i) { // the classes they were in before the month
				if !slices.Contains(s.Classes, was) {
					add(fmt.Sprintf("enr-%05d-x-%s", i+1, g.Classes[was].SourcedID), "tobedeleted", g.Classes[was].SourcedID, s.SourcedID, "student", "false")
				}
			}
		}
	}
	if g.Delta == nil {
		for k, p := range g.others() {
			switch p.role {
			case "teacher":
				add(fmt.Sprintf("enr-t-%03d", k+1), "", g.Classes[k].SourcedID, p.id, "teacher", "true")
			default:
				add("enr-"+p.id, "", g.Classes[0].SourcedID, p.id, p.role, "false")
			}
		}
	}
	return csvOf(cols, rows)
}

func (g *Set) statusOf() string {
	if g.Delta != nil {
		return "active"
	}
	return ""
}

func (g *Set) roles() []byte {
	var rows [][]string
	for i, s := range g.Students {
		if status, ok := g.deltaStatus(i, true); ok {
			rows = append(rows, []string{"role-" + s.SourcedID, status, "", s.SourcedID, "primary", "student", "", "", "org-1", ""})
		}
	}
	if g.Delta == nil {
		for _, p := range g.others() {
			rows = append(rows, []string{"role-" + p.id, "", "", p.id, "primary", p.role, "", "", "org-1", ""})
		}
	}
	return csvOf([]string{"sourcedId", "status", "dateLastModified", "userSourcedId", "roleType", "role", "beginDate", "endDate", "orgSourcedId", "userProfileSourcedId"}, rows)
}

// csvOf writes a header and rows as a real SIS does: every field quoted,
// empty ones too (""), CRLF line ends.
func csvOf(cols []string, rows [][]string) []byte {
	var b bytes.Buffer
	line := func(fields []string) {
		for i, f := range fields {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(`"` + strings.ReplaceAll(f, `"`, `""`) + `"`)
		}
		b.WriteString("\r\n")
	}
	line(cols)
	for _, r := range rows {
		line(r)
	}
	return b.Bytes()
}

// WriteDir writes the set's files into dir (made if need be) and returns dir.
func (g *Set) WriteDir(dir string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	for name, data := range g.Files() {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

// WriteZip writes the set as a zip at path, its files inside the folder
// inner ("" for the top of the zip), and returns path.
func (g *Set) WriteZip(path, inner string) (string, error) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	files := g.Files()
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		w, err := zw.Create(filepath.ToSlash(filepath.Join(inner, n)))
		if err != nil {
			return "", err
		}
		if _, err := w.Write(files[n]); err != nil {
			return "", err
		}
	}
	if err := zw.Close(); err != nil {
		return "", err
	}
	return path, os.WriteFile(path, b.Bytes(), 0o644)
}

// Expected is what importing every class of a bulk set gives: each
// student's identifier → their name and group.
func (g *Set) Expected() map[string][2]string {
	out := map[string][2]string{}
	for _, s := range g.Students {
		if len(s.Classes) > 0 {
			first := slices.Min(s.Classes)
			out[s.Identifier] = [2]string{s.Name(), g.Classes[first].Group}
		}
	}
	return out
}
