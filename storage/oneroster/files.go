package oneroster

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"unicode/utf8"
)

// The files of a set that a class list reads.
const (
	fileManifest    = "manifest.csv"
	fileUsers       = "users.csv"
	fileEnrollments = "enrollments.csv"
	fileClasses     = "classes.csv"
	fileSessions    = "academicsessions.csv"
	fileRoles       = "roles.csv"
)

// fileNames are the data files OneRoster 1.1 and 1.2 define, as written.
var fileNames = []string{"academicSessions", "categories", "classes", "classResources", "courses", "courseResources",
	"demographics", "enrollments", "lineItems", "orgs", "resources", "results", "users",
	"roles", "userProfiles", "lineItemLearningObjectiveIds", "lineItemScoreScales", "resultLearningObjectiveIds",
	"resultScoreScales", "scoreScales", "assessmentLineItems", "assessmentResults"}

// header is a CSV file's header row: its names and where each is.
type header struct {
	file  string
	names []string
	index map[string]int // lower-cased name → column index
}

// col returns the column index of name (any capitals), or -1.
func (h *header) col(name string) int {
	if i, ok := h.index[strings.ToLower(name)]; ok {
		return i
	}
	return -1
}

// record is one row of a CSV file below the header.
type record struct {
	h      *header
	row    int
	fields []string
}

// get returns the trimmed value of the named column ("" when absent).
func (r record) get(name string) string {
	i := r.h.col(name)
	if i < 0 || i >= len(r.fields) {
		return ""
	}
	return strings.TrimSpace(r.fields[i])
}

// place is the place of the named column in this row.
func (r record) place(name string) Problem {
	p := Problem{File: r.h.file, Row: r.row}
	if i := r.h.col(name); i >= 0 {
		p.Column, p.Header = colName(i), r.h.names[i]
	} else {
		p.Header = name
	}
	return p
}

// reader reads the files of one set.
type reader struct {
	s     *Set
	fsys  fs.FS
	files map[string]string // lower-cased name → name as written
	ctx   context.Context
}

func (r *reader) problem(p Problem, format string, args ...any) {
	p.Message = fmt.Sprintf(format, args...)
	r.s.Problems = append(r.s.Problems, p)
}

func (r *reader) warn(p Problem, format string, args ...any) {
	p.Message = fmt.Sprintf(format, args...)
	r.s.Warnings = append(r.s.Warnings, p)
}

// readAll reads the manifest, then the files a class list needs.
func (r *reader) readAll() error {
	if err := r.readManifest(); err != nil {
		return err
	}
	steps := []func() error{r.readUsers, r.readClasses, r.readSessions, r.readEnrollments}
	for _, step := range steps {
		if err := step(); err != nil {
			return err
		}
		if err := r.ctx.Err(); err != nil {
			return err
		}
	}
	r.checkReferences()
	return nil
}

// open reads the file of the set named name (lower case) as CSV: its
// header and its rows. ok is false when the file is not in the set (what
// that means is the caller's to say) or cannot be read at all (a problem
// is reported). required names the columns it must have.
func (r *reader) open(name string, required ...string) (recs []record, h *header, ok bool, err error) {
	written, present := r.files[name]
	if !present {
		return nil, nil, false, nil
	}
	f, err := r.fsys.Open(written)
	if err != nil {
		return nil, nil, false, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxFile+1))
	if err != nil {
		return nil, nil, false, err
	}
	if len(data) > maxFile {
		r.problem(Problem{File: written}, "the file is larger than %d MB; a OneRoster file this large cannot be read here", maxFile>>20)
		return nil, nil, false, nil
	}
	recs, h, damage := parseCSV(written, data)
	if damage != nil {
		r.s.Problems = append(r.s.Problems, *damage)
	}
	if h == nil {
		if damage == nil {
			r.problem(Problem{File: written}, "the file is empty; expected a header row naming its columns")
		}
		return nil, nil, false, nil
	}
	r.s.columns[name] = h
	var missing []string
	for _, c := range required {
		if h.col(c) < 0 {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		r.problem(Problem{File: written, Row: 1}, "the header row has no column %s; expected OneRoster's columns (found %s)",
			strings.Join(missing, ", "), strings.Join(h.names, ", "))
		return nil, h, false, nil
	}
	return recs, h, true, nil
}

// parseCSV reads a CSV file whole: a byte order mark is skipped, quotes
// are taken leniently, and a row may have fewer or more fields than the
// header. A row's number is its line in the file. A damaged file gives
// the rows before the damage and a Problem saying where it is.
func parseCSV(file string, data []byte) ([]record, *header, *Problem) {
	data = bytes.TrimPrefix(data, []byte{0xEF, 0xBB, 0xBF})
	if !utf8.Valid(data) {
		return nil, nil, &Problem{File: file, Message: "the file is not UTF-8 text, as OneRoster files are; save it again as CSV UTF-8"}
	}
	cr := csv.NewReader(bytes.NewReader(data))
	cr.LazyQuotes, cr.FieldsPerRecord = true, -1
	var h *header
	var recs []record
	for {
		fields, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return recs, h, nil
		}
		if err != nil {
			line := 0
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				line = pe.StartLine
			}
			return recs, h, &Problem{File: file, Row: line, Message: fmt.Sprintf("the file cannot be read from here on (%v); check its quotes", err)}
		}
		line, _ := cr.FieldPos(0)
		if h == nil {
			h = &header{file: file, names: fields, index: map[string]int{}}
			for i, n := range fields {
				k := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(n, "\ufeff")))
				h.names[i] = strings.TrimSpace(n)
				if _, dup := h.index[k]; !dup && k != "" {
					h.index[k] = i
				}
			}
			continue
		}
		if blank(fields) {
			continue
		}
		for i, f := range fields {
			if strings.ContainsAny(f, "\r\n") {
				p := &Problem{File: file, Row: line, Column: colName(i), Message: "the field holds a line break, which no OneRoster field has: " +
					"a quote opened here is probably never closed, so the rows after it were read into this field; correct the quotes"}
				if i < len(h.names) {
					p.Header = h.names[i]
				}
				return recs, h, p
			}
		}
		recs = append(recs, record{h: h, row: line, fields: fields})
	}
}

func blank(fields []string) bool {
	for _, f := range fields {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}

// colName returns the spreadsheet letter of column index i from 0: A, B … Z, AA.
func colName(i int) string {
	name := ""
	for i++; i > 0; i = (i - 1) / 26 {
		name = string(rune('A'+(i-1)%26)) + name
	}
	return name
}

// status reads a record's status: "", active or tobedeleted; anything else
// is warned of and read as active.
func (r *reader) status(rec record) string {
	st := strings.ToLower(rec.get("status"))
	switch st {
	case "", StatusActive, StatusToBeDeleted:
		return st
	}
	r.warn(rec.place("status"), "status %q is not active or tobedeleted; the row is read as active", rec.get("status"))
	return StatusActive
}

// uniqueID checks a record's sourcedId: present, and not already in the
// file (seen maps each to its row). ok is false when the row is to be skipped.
func (r *reader) uniqueID(rec record, seen map[string]int) (string, bool) {
	id := rec.get("sourcedId")
	if id == "" {
		r.problem(rec.place("sourcedId"), "is empty; every row needs a sourcedId")
		return "", false
	}
	if first, dup := seen[id]; dup {
		r.problem(rec.place("sourcedId"), "sourcedId %q is already on row %d; a sourcedId names one record", id, first)
		return "", false
	}
	seen[id] = rec.row
	return id, true
}

// missingFile says that a file a class list needs is not in the set: a
// problem, unless the manifest says it is absent from a delta.
func (r *reader) missingFile(name, what string) {
	if r.s.Modes[name] == ModeAbsent && r.deltaSet() {
		return
	}
	r.problem(Problem{File: name}, "the set has no %s; it is needed for %s", name, what)
}

// deltaSet reports whether the manifest names any file as a delta.
func (r *reader) deltaSet() bool {
	for _, m := range r.s.Modes {
		if m == ModeDelta {
			return true
		}
	}
	return false
}
