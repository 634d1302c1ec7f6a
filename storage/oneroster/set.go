// Package oneroster reads a 1EdTech OneRoster CSV set (versions 1.1 and
// 1.2): the files a school's information system hands to a learning tool,
// in a folder or a zip. It keeps what a class list needs (the classes,
// the users, who is enrolled where and as what) with the row each came
// from, and turns the chosen classes' students into the program's
// students (Set.Roster).
//
// It is tolerant of what real sets do: extra columns (metadata.*),
// missing optional files, a misspelt manifest line, quoted empty fields,
// byte order marks, delta files with status and dateLastModified. What
// it cannot take (an enrollment naming a user or class the set does not
// have, a sourcedId twice in a file, a required column missing) is a
// Problem with its file, row and column.
package oneroster

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
)

// ErrNotOneRoster means the folder or zip holds no OneRoster set: no
// users.csv and enrollments.csv, nor a manifest.csv naming a OneRoster version.
var ErrNotOneRoster = errors.New("it is not a OneRoster CSV set")

// The status values of a record (delta files; blank in most bulk files).
const (
	// StatusActive is a record that exists.
	StatusActive = "active"
	// StatusToBeDeleted is a record a delta file removes.
	StatusToBeDeleted = "tobedeleted"
)

// The roles that matter to a class list.
const (
	// RoleStudent is a student, in users.csv, roles.csv or enrollments.csv.
	RoleStudent = "student"
	// RoleTeacher is a teacher.
	RoleTeacher = "teacher"
)

// The processing modes the manifest gives each file.
const (
	// ModeBulk is a file holding every record.
	ModeBulk = "bulk"
	// ModeDelta is a file holding only the records changed since the last exchange.
	ModeDelta = "delta"
	// ModeAbsent is a file not supplied.
	ModeAbsent = "absent"
)

// Class is one row of classes.csv: a section a teacher teaches.
type Class struct {
	// SourcedID is the class's identifier in the set.
	SourcedID string
	// Status is "", StatusActive or StatusToBeDeleted.
	Status string
	// Title is the class's title, e.g. "Algebra I"; sections often share it.
	Title string
	// ClassCode is the school's code for the section, e.g. "C401".
	ClassCode string
	// Periods are the periods it meets in, as written ("1-2", "1,3").
	Periods string
	// Grades are the grades it is for, as written.
	Grades string
	// Terms are the sourcedIds of its academic sessions.
	Terms []string
	// Name is the class's name as a group: its title, with its period and
	// class code when another class has the same title, unique in the set.
	Name string
	// Row is its row in classes.csv.
	Row int
}

// User is one row of users.csv.
type User struct {
	// SourcedID is the user's identifier in the set.
	SourcedID string
	// Status is "", StatusActive or StatusToBeDeleted.
	Status string
	// Role is the user's role from users.csv (1.1) or their primary role
	// from roles.csv (1.2); "" when the set gives none.
	Role string
	// GivenName, MiddleName and FamilyName are the user's names.
	GivenName, MiddleName, FamilyName string
	// PreferredGivenName, PreferredMiddleName and PreferredFamilyName are
	// the names the user goes by (1.2), when given.
	PreferredGivenName, PreferredMiddleName, PreferredFamilyName string
	// Identifier is the school's own ID for the user, e.g. a student number.
	Identifier string
	// Username is the user's login name.
	Username string
	// Grades are the user's grades, as written ("07", "09,10").
	Grades string
	// Row is its row in users.csv.
	Row int
}

// Name is the user's name as a teacher writes it: given, middle and
// family names in that order, the preferred ones where given.
func (u User) Name() string {
	var parts []string
	for _, p := range [][2]string{{u.PreferredGivenName, u.GivenName}, {u.PreferredMiddleName, u.MiddleName}, {u.PreferredFamilyName, u.FamilyName}} {
		v := strings.TrimSpace(p[0])
		if v == "" {
			v = strings.TrimSpace(p[1])
		}
		if v != "" {
			parts = append(parts, v)
		}
	}
	return strings.Join(strings.Fields(strings.Join(parts, " ")), " ")
}

// ExternalID is the user's ID in the school's system: the identifier,
// else the sourcedId.
func (u User) ExternalID() string {
	if id := strings.TrimSpace(u.Identifier); id != "" {
		return id
	}
	return u.SourcedID
}

// Enrollment is one row of enrollments.csv: a user in a class, in a role.
type Enrollment struct {
	// SourcedID is the enrollment's identifier.
	SourcedID string
	// Status is "", StatusActive or StatusToBeDeleted.
	Status string
	// Class is the class's sourcedId.
	Class string
	// User is the user's sourcedId.
	User string
	// Role is the user's role in the class: student, teacher, aide …
	Role string
	// Row is its row in enrollments.csv.
	Row int
}

// Session is one row of academicSessions.csv: a term or school year.
type Session struct {
	// SourcedID is the session's identifier.
	SourcedID string
	// Title is its title, e.g. "2020 Fall".
	Title string
}

// Problem is something wrong (or a warning) in a set, with its place.
type Problem struct {
	// File is the CSV file's name, e.g. "enrollments.csv"; "" for the set as a whole.
	File string
	// Row is the row from 1 (the header is row 1); 0 for the whole file.
	Row int
	// Column is the column's letter, e.g. "F"; "" for a whole row.
	Column string
	// Header is the column's header, e.g. "userSourcedId".
	Header string
	// Message says what is wrong and what to do, in plain words.
	Message string
}

// Place writes where the problem is: "enrollments.csv row 7 column F (userSourcedId)".
func (p Problem) Place() string {
	var parts []string
	if p.File != "" {
		parts = append(parts, p.File)
	}
	if p.Row > 0 {
		parts = append(parts, fmt.Sprintf("row %d", p.Row))
	}
	if p.Column != "" {
		c := "column " + p.Column
		if p.Header != "" {
			c += " (" + p.Header + ")"
		}
		parts = append(parts, c)
	}
	if len(parts) == 0 {
		return "the set"
	}
	return strings.Join(parts, " ")
}

// Error writes the problem with its place.
func (p Problem) Error() string { return p.Place() + ": " + p.Message }

// Set is a OneRoster CSV set as read: what a class list needs of it, the
// problems that stop an import and the warnings that do not.
type Set struct {
	// Name is the folder's or the zip's name.
	Name string
	// Zipped is true when the set came in a zip.
	Zipped bool
	// Version is the manifest's oneroster.version ("1.1", "1.2"); "" when not given.
	Version string
	// Modes gives each file's processing mode by file name ("users.csv" →
	// ModeBulk), as the manifest says, or as found when it says nothing.
	Modes map[string]string
	// Classes are the rows of classes.csv, named (Class.Name).
	Classes []Class
	// Users are the rows of users.csv.
	Users []User
	// Enrollments are the rows of enrollments.csv.
	Enrollments []Enrollment
	// Sessions are the rows of academicSessions.csv.
	Sessions []Session
	// Problems stop an import: the set must be corrected.
	Problems []Problem
	// Warnings are what was ignored or read with a guess.
	Warnings []Problem

	columns map[string]*header // file name → its header
}

// Delta reports whether the set's users or enrollments are delta files,
// holding only what changed since the last exchange.
func (s *Set) Delta() bool {
	return s.Modes[fileUsers] == ModeDelta || s.Modes[fileEnrollments] == ModeDelta
}

// Describe names the set for people: "OneRoster 1.1 CSV set (zip), bulk".
func (s *Set) Describe() string {
	d := "OneRoster"
	if s.Version != "" {
		d += " " + s.Version
	}
	d += " CSV set"
	if s.Zipped {
		d += " (zip)"
	}
	if s.Delta() {
		return d + ", delta"
	}
	return d + ", bulk"
}

// Column names the column of a file that holds a field, for places:
// "F (userSourcedId)"; "" when the file has no such column.
func (s *Set) Column(file, field string) string {
	h := s.columns[file]
	if h == nil {
		return ""
	}
	i, ok := h.index[strings.ToLower(field)]
	if !ok {
		return ""
	}
	return colName(i) + " (" + h.names[i] + ")"
}

// maxFile bounds the size of one CSV file of a set, which is read whole.
const maxFile = 512 << 20

// Open reads the OneRoster set at path: a folder holding its CSV files,
// or a zip of them (the files may sit in a folder inside it). It fails,
// wrapping ErrNotOneRoster, when there is no set there; problems inside
// the set are in Set.Problems.
func Open(ctx context.Context, p string) (*Set, error) {
	name := filepath.Base(p)
	fi, err := os.Stat(p)
	if err != nil {
		return nil, fmt.Errorf("read OneRoster set %s: %w", name, err)
	}
	if fi.IsDir() {
		return Read(ctx, os.DirFS(p), name, false)
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, fmt.Errorf("read OneRoster set %s: %w: expected a folder of CSV files or a zip of them (%v)", name, ErrNotOneRoster, err)
	}
	defer zr.Close()
	dir, ok := setDir(zr.File)
	if !ok {
		return nil, fmt.Errorf("read OneRoster set %s: %w: the zip holds no users.csv and enrollments.csv", name, ErrNotOneRoster)
	}
	sub, err := fs.Sub(zr, dir)
	if err != nil {
		return nil, fmt.Errorf("read OneRoster set %s: %w", name, err)
	}
	return Read(ctx, sub, name, true)
}

// setDir finds the folder of a zip that holds the set: the one with
// users.csv or manifest.csv, the top-most first.
func setDir(files []*zip.File) (string, bool) {
	best, found := "", false
	for _, f := range files {
		base := strings.ToLower(path.Base(f.Name))
		if base != fileUsers && base != fileManifest && base != fileEnrollments {
			continue
		}
		dir := path.Dir(f.Name)
		if !found || strings.Count(dir, "/") < strings.Count(best, "/") {
			best, found = dir, true
		}
	}
	if !fs.ValidPath(best) {
		return "", false
	}
	return best, found
}

// Is reports whether path is a OneRoster set: a folder, or a zip, holding
// users.csv and enrollments.csv, or a manifest.csv.
func Is(p string) bool {
	fi, err := os.Stat(p)
	if err != nil {
		return false
	}
	if fi.IsDir() {
		names := lowerNames(os.DirFS(p))
		return names[fileManifest] || (names[fileUsers] && names[fileEnrollments])
	}
	zr, err := zip.OpenReader(p)
	if err != nil {
		return false
	}
	defer zr.Close()
	dir, ok := setDir(zr.File)
	if !ok {
		return false
	}
	sub, err := fs.Sub(zr, dir)
	if err != nil {
		return false
	}
	names := lowerNames(sub)
	return names[fileManifest] || (names[fileUsers] && names[fileEnrollments])
}

// lowerNames lists the file names of a folder in lower case.
func lowerNames(fsys fs.FS) map[string]bool {
	entries, _ := fs.ReadDir(fsys, ".")
	out := map[string]bool{}
	for _, e := range entries {
		if !e.IsDir() {
			out[strings.ToLower(e.Name())] = true
		}
	}
	return out
}

// Read reads a set from the folder fsys; name names it in messages,
// zipped says it came in a zip.
func Read(ctx context.Context, fsys fs.FS, name string, zipped bool) (*Set, error) {
	s := &Set{Name: name, Zipped: zipped, Modes: map[string]string{}, columns: map[string]*header{}}
	files := map[string]string{} // lower-cased name → name as written
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read OneRoster set %s: %w", name, err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			files[strings.ToLower(e.Name())] = e.Name()
		}
	}
	if files[fileManifest] == "" && (files[fileUsers] == "" || files[fileEnrollments] == "") {
		return nil, fmt.Errorf("read OneRoster set %s: %w: expected manifest.csv, users.csv and enrollments.csv", name, ErrNotOneRoster)
	}
	r := &reader{s: s, fsys: fsys, files: files, ctx: ctx}
	if err := r.readAll(); err != nil {
		return nil, fmt.Errorf("read OneRoster set %s: %w", name, err)
	}
	nameClasses(s.Classes)
	return s, nil
}

// sortedKeys returns a map's keys in order, for stable messages.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
