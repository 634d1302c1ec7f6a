package oneroster

import (
	"fmt"
	"slices"
	"strings"
)

// knownVersions are the OneRoster versions whose CSV binding this reads.
var knownVersions = []string{"1.0", "1.1", "1.2"}

// readManifest reads manifest.csv: the version and each file's mode. A
// property misspelt in its prefix ("fiel.demographics", as a real set
// has it) is read as the file it names, with a warning.
func (r *reader) readManifest() error {
	recs, _, ok, err := r.open(fileManifest, "propertyName", "value")
	if err != nil || !ok {
		if _, present := r.files[fileManifest]; !present && err == nil {
			r.warn(Problem{File: fileManifest}, "the set has no manifest.csv; its files are read as bulk files")
		}
		return err
	}
	for _, rec := range recs {
		key, value := rec.get("propertyName"), rec.get("value")
		lk := strings.ToLower(key)
		switch {
		case lk == "manifest.version" || strings.HasPrefix(lk, "source."):
		case lk == "oneroster.version":
			r.s.Version = value
			if !slices.Contains(knownVersions, value) {
				r.warn(rec.place("value"), "OneRoster version %q is not one this program knows (%s); the set is read as 1.2 is", value, strings.Join(knownVersions, ", "))
			}
		default:
			r.manifestFile(rec, key, value)
		}
	}
	for lower := range r.files {
		if _, listed := r.s.Modes[lower]; !listed && lower != fileManifest {
			r.s.Modes[lower] = ModeBulk
		}
	}
	return nil
}

// manifestFile reads one file.<name> property of the manifest.
func (r *reader) manifestFile(rec record, key, value string) {
	prefix, fname, dotted := strings.Cut(key, ".")
	known := slices.IndexFunc(fileNames, func(n string) bool { return strings.EqualFold(n, fname) })
	switch {
	case !dotted || known < 0:
		r.warn(rec.place("propertyName"), "%q is not a property OneRoster's manifest has; it is ignored", key)
		return
	case !strings.EqualFold(prefix, "file"):
		r.warn(rec.place("propertyName"), "%q is read as file.%s (a misspelling of the prefix file.)", key, fileNames[known])
	}
	file := strings.ToLower(fileNames[known]) + ".csv"
	mode := strings.ToLower(value)
	switch mode {
	case ModeBulk, ModeDelta, ModeAbsent:
	default:
		r.warn(rec.place("value"), "%q is not bulk, delta or absent; %s is read as a bulk file", value, fileNames[known]+".csv")
		mode = ModeBulk
	}
	_, present := r.files[file]
	switch {
	case mode == ModeAbsent && present:
		r.warn(rec.place("value"), "the manifest says %s.csv is absent, but the set has it; it is read", fileNames[known])
		mode = ModeBulk
	case mode != ModeAbsent && !present && !slices.Contains([]string{fileUsers, fileEnrollments, fileClasses}, file):
		r.warn(rec.place("value"), "the manifest lists %s.csv, but the set does not have it; a class list does not need it", fileNames[known])
	}
	r.s.Modes[file] = mode
}

// readRoles reads roles.csv (OneRoster 1.2): each user's primary role.
func (r *reader) readRoles() (roles map[string]string, err error) {
	recs, _, ok, err := r.open(fileRoles, "userSourcedId", "role")
	roles = map[string]string{}
	if err != nil || !ok {
		return roles, err
	}
	for _, rec := range recs {
		if r.status(rec) == StatusToBeDeleted {
			continue
		}
		user, role := rec.get("userSourcedId"), strings.ToLower(rec.get("role"))
		if _, has := roles[user]; !has || strings.EqualFold(rec.get("roleType"), "primary") {
			roles[user] = role
		}
	}
	return roles, nil
}

// readUsers reads users.csv, with each user's role from users.csv or,
// when it has no role column, from roles.csv.
func (r *reader) readUsers() error {
	roles, err := r.readRoles()
	if err != nil {
		return err
	}
	recs, h, ok, err := r.open(fileUsers, "sourcedId")
	if err != nil || !ok {
		if err == nil && h == nil {
			r.missingFile(fileUsers, "the students' names")
		}
		return err
	}
	if h.col("givenName") < 0 && h.col("familyName") < 0 {
		r.problem(Problem{File: h.file, Row: 1}, "the header row has no givenName or familyName column; expected OneRoster's users.csv columns")
		return nil
	}
	seen := map[string]int{}
	for _, rec := range recs {
		id, ok := r.uniqueID(rec, seen)
		if !ok {
			continue
		}
		u := User{SourcedID: id, Status: r.status(rec), Role: strings.ToLower(rec.get("role")),
			GivenName: rec.get("givenName"), MiddleName: rec.get("middleName"), FamilyName: rec.get("familyName"),
			PreferredGivenName: rec.get("preferredGivenName"), PreferredMiddleName: rec.get("preferredMiddleName"),
			PreferredFamilyName: rec.get("preferredFamilyName"), Identifier: rec.get("identifier"),
			Username: rec.get("username"), Grades: rec.get("grades"), Row: rec.row}
		if h.col("role") < 0 {
			u.Role = roles[id]
		}
		r.s.Users = append(r.s.Users, u)
	}
	return nil
}

// readClasses reads classes.csv.
func (r *reader) readClasses() error {
	recs, h, ok, err := r.open(fileClasses, "sourcedId", "title")
	if err != nil || !ok {
		if err == nil && h == nil {
			r.missingFile(fileClasses, "the classes' names")
		}
		return err
	}
	seen := map[string]int{}
	for _, rec := range recs {
		id, ok := r.uniqueID(rec, seen)
		if !ok {
			continue
		}
		c := Class{SourcedID: id, Status: r.status(rec), Title: rec.get("title"), ClassCode: rec.get("classCode"),
			Periods: rec.get("periods"), Grades: rec.get("grades"), Row: rec.row}
		for _, t := range strings.Split(rec.get("termSourcedIds"), ",") {
			if t = strings.TrimSpace(t); t != "" {
				c.Terms = append(c.Terms, t)
			}
		}
		r.s.Classes = append(r.s.Classes, c)
	}
	return nil
}

// readSessions reads academicSessions.csv, when the set has it, for the
// terms' titles.
func (r *reader) readSessions() error {
	recs, _, ok, err := r.open(fileSessions, "sourcedId")
	if err != nil || !ok {
		return err
	}
	for _, rec := range recs {
		r.s.Sessions = append(r.s.Sessions, Session{SourcedID: rec.get("sourcedId"), Title: rec.get("title")})
	}
	return nil
}

// readEnrollments reads enrollments.csv.
func (r *reader) readEnrollments() error {
	recs, h, ok, err := r.open(fileEnrollments, "classSourcedId", "userSourcedId", "role")
	if err != nil || !ok {
		if err == nil && h == nil {
			r.missingFile(fileEnrollments, "who is in which class")
		}
		return err
	}
	seen := map[string]int{}
	for _, rec := range recs {
		e := Enrollment{Status: r.status(rec), Class: rec.get("classSourcedId"), User: rec.get("userSourcedId"),
			Role: strings.ToLower(rec.get("role")), Row: rec.row}
		if h.col("sourcedId") >= 0 {
			id, ok := r.uniqueID(rec, seen)
			if !ok {
				continue
			}
			e.SourcedID = id
		}
		r.s.Enrollments = append(r.s.Enrollments, e)
	}
	return nil
}

// maxReported bounds the problems of one kind listed one by one.
const maxReported = 100

// checkReferences checks that each enrollment names a user and a class of
// the set. In a bulk set one that does not is a problem, for a bulk set
// must hold everything it refers to; a delta file may name records sent
// before, so there it is a warning and the enrollment is skipped.
func (r *reader) checkReferences() {
	users := make(map[string]bool, len(r.s.Users))
	for _, u := range r.s.Users {
		users[u.SourcedID] = true
	}
	classes := make(map[string]bool, len(r.s.Classes))
	for _, c := range r.s.Classes {
		classes[c.SourcedID] = true
	}
	delta := r.s.Modes[fileEnrollments] == ModeDelta
	count := map[string]int{}
	report := func(e Enrollment, field, kind, id, file string) {
		count[kind]++
		if count[kind] > maxReported {
			return
		}
		p := Problem{File: r.files[fileEnrollments], Row: e.Row}
		if h := r.s.columns[fileEnrollments]; h != nil && h.col(field) >= 0 {
			p.Column, p.Header = colName(h.col(field)), h.names[h.col(field)]
		}
		if delta {
			r.warn(p, "%s %q is not in this delta's %s; the enrollment changes only a stored student it names", kind, id, file)
		} else {
			r.problem(p, "%s %q is not in %s; every enrollment of a bulk set must name a %s of the set", kind, id, file, kind)
		}
	}
	for _, e := range r.s.Enrollments {
		if e.Status == StatusToBeDeleted {
			continue
		}
		if !classes[e.Class] && (delta || r.s.columns[fileClasses] != nil) {
			report(e, "classSourcedId", "class", e.Class, "classes.csv")
		}
		if !users[e.User] && (delta || r.s.columns[fileUsers] != nil) {
			report(e, "userSourcedId", "user", e.User, "users.csv")
		}
	}
	for _, kind := range sortedKeys(count) {
		if n := count[kind] - maxReported; n > 0 {
			p := Problem{File: r.files[fileEnrollments], Message: fmt.Sprintf("… and %d more enrollments name a %s the set does not have", n, kind)}
			if delta {
				r.s.Warnings = append(r.s.Warnings, p)
			} else {
				r.s.Problems = append(r.s.Problems, p)
			}
		}
	}
}
