package continuum

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
)

// RosterOutcome says what a roster import does with one student.
type RosterOutcome string

// The outcomes of a roster import.
const (
	// RosterAdded is a student of the file nobody stored is: added under a new ID.
	RosterAdded RosterOutcome = "added"
	// RosterUpdated is a stored student whose name, group, grade or
	// external ID the file changes.
	RosterUpdated RosterOutcome = "updated"
	// RosterUnchanged is a stored student the file gives as they are.
	RosterUnchanged RosterOutcome = "unchanged"
	// RosterReturned is a student who had left and is on the class list
	// again: active again, with whatever else the file changes.
	RosterReturned RosterOutcome = "back in class"
	// RosterLeft is a stored student who has left: a student of the
	// imported groups the file no longer lists, or one the file says has
	// left (a OneRoster delta's deletion). They are kept, inactive, with
	// their evidence.
	RosterLeft RosterOutcome = "left"
	// RosterSkipped is a student the file says has left whom the store
	// does not hold: nothing to do.
	RosterSkipped RosterOutcome = "not on the roster"
	// RosterRefused is a student of the file the import cannot take (no
	// name, an ID that cannot be one, an ID or external ID twice).
	RosterRefused RosterOutcome = "refused"
)

// RosterOutcomes lists the outcomes in the order a preview counts them.
var RosterOutcomes = []RosterOutcome{RosterAdded, RosterUpdated, RosterReturned, RosterLeft, RosterUnchanged, RosterSkipped, RosterRefused}

// RosterMatchBy says how a student of the file was found among the stored ones.
type RosterMatchBy string

// The ways a student of the file is matched, in the order they are tried.
const (
	// MatchedByTeacher is the teacher's word on a near-miss (RosterPlan.SamePerson).
	MatchedByTeacher RosterMatchBy = "your word"
	// MatchedByID is the student's short ID.
	MatchedByID RosterMatchBy = "student ID"
	// MatchedByExternalID is the ID in the school's information system.
	MatchedByExternalID RosterMatchBy = "external ID"
	// MatchedByName is the name, capitals and spacing aside.
	MatchedByName RosterMatchBy = "name"
)

// RosterChange is one field a roster import changes on a stored student.
type RosterChange struct {
	// Field names the field as a teacher reads it: "name", "group", "grade", "external ID", "status".
	Field string
	// From is the stored value ("" for none).
	From string
	// To is the value the import writes.
	To string
}

// String writes the change: `group: "Period 1" → "Period 2"`.
func (c RosterChange) String() string {
	return fmt.Sprintf("%s: %q → %q", c.Field, c.From, c.To)
}

// RosterEntry is one student of the file and what the import does with them.
type RosterEntry struct {
	// Index is the student's position in the list planned (the file's order).
	Index int
	// Incoming is the student as the file gives them.
	Incoming Student
	// Stored is the stored student they are; the zero Student when new.
	Stored Student
	// MatchedBy says how they were found among the stored students; "" when new.
	MatchedBy RosterMatchBy
	// Student is the student as the import writes them.
	Student Student
	// Outcome is what the import does.
	Outcome RosterOutcome
	// Changes lists the fields that change on a stored student.
	Changes []RosterChange
	// Note says anything else a teacher should know, e.g. that the file's
	// ID belongs to another student here, so a free one is given.
	Note string
}

// RosterNearMiss is a student of the file who is not matched to anyone
// but resembles a stored student nobody else matched: accents aside the
// same name, first and family names swapped, or a letter apart. The
// import adds them as a new student unless the teacher says they are the
// same person (RosterPlan.SamePerson).
type RosterNearMiss struct {
	// Entry is the index in RosterPlan.Entries of the student of the file.
	Entry int
	// Stored is the stored student they resemble.
	Stored Student
	// Why says how the names resemble each other.
	Why string
	// Same is true when the teacher said they are the stored student.
	Same bool
}

// RosterRefusal is a student of the file the import cannot take.
type RosterRefusal struct {
	// Index is the student's position in the list planned.
	Index int
	// Field is the field at fault: "student.id", "student.external_id" or "student.name".
	Field string
	// Other is the position of the earlier student with the same ID or
	// external ID; -1 when the refusal is about this student alone.
	Other int
	// Reason says what is wrong and what to do.
	Reason string
}

// RosterPlan is a class list compared with the stored roster: who is
// matched to whom and how, what changes, who is added, who has left,
// which near-misses the teacher should look at, and what is refused.
// PlanRoster makes it; nothing is written until the caller stores
// Change's students.
type RosterPlan struct {
	// Groups are the groups the file is the whole class list of: their
	// stored students whom the file does not list have left.
	Groups []string
	// Entries has one entry per student of the file, in the file's order;
	// a refused student's entry has Outcome RosterRefused.
	Entries []RosterEntry
	// Left are the stored students of Groups whom the file does not list,
	// as stored: the import marks them inactive.
	Left []Student
	// NearMisses are the students of the file added as new who resemble
	// a stored student; by Entry.
	NearMisses []RosterNearMiss
	// Refusals are the students of the file the import cannot take.
	Refusals []RosterRefusal

	stored   []Student
	incoming []Student
	same     map[int]string // incoming index → stored ID, by the teacher's word
}

// PlanRoster compares a class list with the stored roster. Each student
// of incoming is matched to a stored student by their short ID, else by
// their external ID, else by their name (capitals and spacing aside); an
// ID match is not taken when both have external IDs and they differ, and
// a name match needs the external IDs not to differ either. A stored
// student is matched once. A matched student takes the file's name,
// group, grade and external ID (blank ones in the file change nothing)
// and is active again if they had left; an unmatched one is added under
// their ID when it is free, else under a new free ID. Stored students of
// groups (compared case-insensitively) whom the file does not list are
// marked inactive. A student of the file marked Inactive (a deletion in
// a OneRoster delta) marks the stored student they are inactive, and is
// skipped when there is none. Planning the same file against the roster
// it produced changes nothing.
func PlanRoster(stored []Student, incoming []Student, groups []string) *RosterPlan {
	p := &RosterPlan{stored: stored, incoming: incoming, same: map[int]string{}}
	for _, g := range groups {
		if g = strings.TrimSpace(g); g != "" && !slices.ContainsFunc(p.Groups, func(x string) bool { return strings.EqualFold(x, g) }) {
			p.Groups = append(p.Groups, g)
		}
	}
	p.plan()
	return p
}

// Count returns how many students have outcome o; the students who left
// count as RosterLeft with those the file says have left.
func (p *RosterPlan) Count(o RosterOutcome) int {
	n := 0
	for _, e := range p.Entries {
		if e.Outcome == o {
			n++
		}
	}
	if o == RosterLeft {
		n += len(p.Left)
	}
	return n
}

// Change returns the students to store (RosterStore.PutStudents, in one
// change): the added, the updated, those back in class and those who
// left, marked inactive. It is empty when the file changes nothing, and
// fails, wrapping ErrInvalid, while any student of the file is refused.
func (p *RosterPlan) Change() ([]Student, error) {
	if n := len(p.Refusals); n > 0 {
		return nil, Invalidf("student", "%s of the file cannot be imported; correct the file and import it again", Plural(n, "student", "students"))
	}
	var out []Student
	for _, e := range p.Entries {
		switch e.Outcome {
		case RosterAdded, RosterUpdated, RosterReturned, RosterLeft:
			out = append(out, e.Student)
		}
	}
	for _, s := range p.Left {
		s.Inactive = true
		out = append(out, s)
	}
	return out, nil
}

// SamePerson records the teacher's word on NearMisses[i]: same says the
// student of the file is that stored student after all (they are matched,
// and take the file's name, group and grade), !same adds them as a new
// student, which is the default. The roster is planned again with the
// word given, so Entries, Left and NearMisses follow it; a near-miss the
// teacher said is the same person stays listed, with Same set. It fails,
// leaving the plan as it was, when i is out of range or another student
// of the file was already said to be that stored student.
func (p *RosterPlan) SamePerson(i int, same bool) error {
	if i < 0 || i >= len(p.NearMisses) {
		return fmt.Errorf("same person: %w", Invalidf("student", "there is no near-miss %d among the %d listed", i+1, len(p.NearMisses)))
	}
	nm := p.NearMisses[i]
	idx := p.Entries[nm.Entry].Index
	if nm.Same == same {
		return nil
	}
	if !same {
		delete(p.same, idx)
		p.plan()
		return nil
	}
	for other, id := range p.same {
		if id == nm.Stored.ID && other != idx {
			return fmt.Errorf("same person: %w", Invalidf("student", "%s cannot be %s: you said %s is %s",
				p.incoming[idx].Name, nm.Stored.Name, p.incoming[other].Name, nm.Stored.Name))
		}
	}
	p.same[idx] = nm.Stored.ID
	p.plan()
	return nil
}

// rosterMatch is the stored student (by index) an incoming student is, and how.
type rosterMatch struct {
	stored int
	by     RosterMatchBy
}

// plan works the whole plan out from the stored and incoming students and
// the teacher's words.
func (p *RosterPlan) plan() {
	p.Entries, p.Left, p.NearMisses, p.Refusals = nil, nil, nil, nil
	valid := p.refuseInvalid()
	matches := p.match(valid)
	used := make(map[string]bool, len(p.stored)+len(p.incoming))
	holders := make(map[string]string, len(p.stored))
	for _, s := range p.stored {
		used[s.ID], holders[s.ID] = true, s.Name
	}
	for _, i := range valid {
		if id := strings.TrimSpace(p.incoming[i].ID); id != "" {
			used[id] = true
		}
	}
	refused := map[int]RosterRefusal{}
	for _, r := range p.Refusals {
		refused[r.Index] = r
	}
	claimed := map[int]bool{}
	for _, m := range matches {
		claimed[m.stored] = true
	}
	last := "" // the last ID given a student of the file without one
	for i, in := range p.incoming {
		e := RosterEntry{Index: i, Incoming: in}
		if r, bad := refused[i]; bad {
			e.Outcome, e.Note = RosterRefused, r.Reason
		} else if m, ok := matches[i]; ok {
			e.Stored, e.MatchedBy = p.stored[m.stored], m.by
			e.Student, e.Changes, e.Outcome = updateStudent(e.Stored, in)
		} else {
			addStudent(&e, used, holders, &last)
		}
		p.Entries = append(p.Entries, e)
	}
	for k, s := range p.stored {
		if !claimed[k] && !s.Inactive && p.inGroups(s.Group) {
			p.Left = append(p.Left, s)
		}
	}
	p.findNearMisses(matches, claimed)
}

// refuseInvalid refuses the incoming students without a name, with an ID
// that cannot be one, or with the ID or external ID of an earlier one,
// and returns the indices of the others.
func (p *RosterPlan) refuseInvalid() []int {
	var valid []int
	byID, byExt := map[string]int{}, map[string]int{}
	for i, s := range p.incoming {
		id, ext := strings.TrimSpace(s.ID), strings.TrimSpace(s.ExternalID)
		refuse := func(field string, other int, format string, args ...any) {
			p.Refusals = append(p.Refusals, RosterRefusal{Index: i, Field: field, Other: other, Reason: fmt.Sprintf(format, args...)})
		}
		switch {
		case strings.TrimSpace(s.Name) == "":
			refuse("student.name", -1, "has no name; every student needs one")
		case id != "" && !validCode(id):
			refuse("student.id", -1, "%q cannot be a student ID: use up to 64 printable characters without / , or ;", s.ID)
		case id != "" && hasKey(byID, id):
			refuse("student.id", byID[id], "student ID %s is already %s's, earlier in the file; a student ID is one student's", id, p.incoming[byID[id]].Name)
		case ext != "" && hasKey(byExt, ext):
			refuse("student.external_id", byExt[ext], "external ID %s is already %s's, earlier in the file; an external ID is one student's", ext, p.incoming[byExt[ext]].Name)
		default:
			if id != "" {
				byID[id] = i
			}
			if ext != "" {
				byExt[ext] = i
			}
			valid = append(valid, i)
		}
	}
	return valid
}

func hasKey(m map[string]int, k string) bool {
	_, ok := m[k]
	return ok
}

// match finds the stored student each valid incoming student is: the
// teacher's word first, then by short ID, by external ID and by name,
// each rule over every student before the next, so that a stronger sign
// claims a stored student before a weaker one can.
func (p *RosterPlan) match(valid []int) map[int]rosterMatch {
	byID, byExt := map[string]int{}, map[string]int{}
	byName := map[string][]int{}
	for k, s := range p.stored {
		byID[s.ID] = k
		if ext := strings.TrimSpace(s.ExternalID); ext != "" {
			if _, dup := byExt[ext]; !dup {
				byExt[ext] = k
			}
		}
		byName[nameKey(s.Name)] = append(byName[nameKey(s.Name)], k)
	}
	matches := map[int]rosterMatch{}
	claimed := map[int]bool{}
	take := func(i, k int, by RosterMatchBy) {
		matches[i], claimed[k] = rosterMatch{stored: k, by: by}, true
	}
	for _, i := range valid {
		if id, ok := p.same[i]; ok {
			if k, found := byID[id]; found && !claimed[k] {
				take(i, k, MatchedByTeacher)
			}
		}
	}
	for _, i := range valid {
		in := p.incoming[i]
		if k, ok := byID[strings.TrimSpace(in.ID)]; ok && !hasMatch(matches, i) && !claimed[k] && !externalDiffers(p.stored[k], in) {
			take(i, k, MatchedByID)
		}
	}
	for _, i := range valid {
		if k, ok := byExt[strings.TrimSpace(p.incoming[i].ExternalID)]; ok && !hasMatch(matches, i) && !claimed[k] {
			take(i, k, MatchedByExternalID)
		}
	}
	for _, i := range valid {
		if hasMatch(matches, i) {
			continue
		}
		if k := p.nameMatch(p.incoming[i], byName[nameKey(p.incoming[i].Name)], claimed); k >= 0 {
			take(i, k, MatchedByName)
		}
	}
	return matches
}

func hasMatch(m map[int]rosterMatch, i int) bool {
	_, ok := m[i]
	return ok
}

// nameMatch picks, among the stored students with in's name (cands), the
// first nobody claimed whose external ID does not differ, one of in's
// group first, so that two namesakes in two classes keep their classes;
// -1 when there is none.
func (p *RosterPlan) nameMatch(in Student, cands []int, claimed map[int]bool) int {
	best := -1
	for _, k := range cands {
		s := p.stored[k]
		if claimed[k] || externalDiffers(s, in) {
			continue
		}
		if strings.EqualFold(strings.TrimSpace(s.Group), strings.TrimSpace(in.Group)) {
			return k
		}
		if best < 0 {
			best = k
		}
	}
	return best
}

// externalDiffers reports whether both students have external IDs and they differ.
func externalDiffers(a, b Student) bool {
	x, y := strings.TrimSpace(a.ExternalID), strings.TrimSpace(b.ExternalID)
	return x != "" && y != "" && x != y
}

// nameKey is a name as matching compares it: lower case, spacing collapsed.
func nameKey(name string) string {
	return strings.ToLower(strings.Join(strings.Fields(name), " "))
}

// inGroups reports whether g is one of the plan's groups.
func (p *RosterPlan) inGroups(g string) bool {
	g = strings.TrimSpace(g)
	return g != "" && slices.ContainsFunc(p.Groups, func(x string) bool { return strings.EqualFold(x, g) })
}

// updateStudent is the stored student old as the file's student in
// leaves them, with the changes and the outcome.
func updateStudent(old, in Student) (Student, []RosterChange, RosterOutcome) {
	s := old
	s.StartingLevels = slices.Clone(old.StartingLevels)
	if in.Inactive {
		if old.Inactive {
			return s, nil, RosterUnchanged
		}
		s.Inactive = true
		return s, []RosterChange{{Field: "status", From: "active", To: "left"}}, RosterLeft
	}
	var changes []RosterChange
	set := func(field string, to string, dst *string) {
		to = strings.TrimSpace(to)
		if to != "" && to != *dst {
			changes = append(changes, RosterChange{Field: field, From: *dst, To: to})
			*dst = to
		}
	}
	set("name", strings.Join(strings.Fields(in.Name), " "), &s.Name)
	set("group", in.Group, &s.Group)
	set("grade", in.Grade, &s.Grade)
	set("external ID", in.ExternalID, &s.ExternalID)
	if old.Inactive {
		s.Inactive = false
		changes = append(changes, RosterChange{Field: "status", From: "left", To: "active"})
		return s, changes, RosterReturned
	}
	if len(changes) > 0 {
		return s, changes, RosterUpdated
	}
	return s, nil, RosterUnchanged
}

// addStudent plans e's student as a new one: under their ID when it is
// free, else under a free ID (freeStudentID, as a merge gives one);
// holders names the stored students by ID. last is the ID last given a
// student without one: the highest S-number in use, so the next is found
// from it alone rather than by a look over every ID in use (which, for
// each of a district's 2,000 students, cost most of an import).
func addStudent(e *RosterEntry, used map[string]bool, holders map[string]string, last *string) {
	in := e.Incoming
	if in.Inactive {
		e.Outcome = RosterSkipped
		return
	}
	s := Student{ID: strings.TrimSpace(in.ID), Name: strings.Join(strings.Fields(in.Name), " "), ExternalID: strings.TrimSpace(in.ExternalID),
		Group: strings.TrimSpace(in.Group), Grade: strings.TrimSpace(in.Grade), StartingLevels: slices.Clone(in.StartingLevels)}
	switch {
	case s.ID == "" && *last == "":
		s.ID = freeStudentID("S001", used)
		*last = s.ID
	case s.ID == "":
		s.ID = freeStudentID(*last, map[string]bool{*last: true})
		used[s.ID], *last = true, s.ID
	case holders[s.ID] != "":
		holder := holders[s.ID]
		s.ID = freeStudentID(s.ID, used)
		*last = "" // a free ID given from another: the next is looked for over every ID again
		e.Note = fmt.Sprintf("ID %s is %s's here: added as %s", strings.TrimSpace(in.ID), holder, s.ID)
	}
	e.Student, e.Outcome = s, RosterAdded
}

// maxTypoPairs bounds the pairs of names compared letter by letter for
// one-letter typos, so that a file of strangers to a large roster stays quick.
const maxTypoPairs = 4_000_000

// findNearMisses lists, for each student of the file added as new, the
// unclaimed stored students whose names resemble theirs, with the
// teacher's words kept as near-misses with Same set.
func (p *RosterPlan) findNearMisses(matches map[int]rosterMatch, claimed map[int]bool) {
	var free []int
	byFold, byTokens := map[string][]int{}, map[string][]int{}
	for k, s := range p.stored {
		if claimed[k] {
			continue
		}
		free = append(free, k)
		byFold[foldName(s.Name)] = append(byFold[foldName(s.Name)], k)
		byTokens[tokenKey(s.Name)] = append(byTokens[tokenKey(s.Name)], k)
	}
	added := 0
	for _, e := range p.Entries {
		if e.Outcome == RosterAdded {
			added++
		}
	}
	typos := added*len(free) <= maxTypoPairs
	for n, e := range p.Entries {
		switch {
		case e.MatchedBy == MatchedByTeacher:
			p.NearMisses = append(p.NearMisses, RosterNearMiss{Entry: n, Stored: e.Stored, Why: resemblance(e.Incoming.Name, e.Stored.Name), Same: true})
		case e.Outcome == RosterAdded:
			for _, k := range p.resembling(e.Incoming, byFold, byTokens, free, typos) {
				p.NearMisses = append(p.NearMisses, RosterNearMiss{Entry: n, Stored: p.stored[k], Why: resemblance(e.Incoming.Name, p.stored[k].Name)})
			}
		}
	}
}

// maxNearMisses bounds the stored students listed as resembling one student of the file.
const maxNearMisses = 3

// resembling returns the free stored students whose names resemble in's
// (accents folded, names swapped, a letter apart), whose external IDs do
// not say they are someone else.
func (p *RosterPlan) resembling(in Student, byFold, byTokens map[string][]int, free []int, typos bool) []int {
	var out []int
	add := func(ks []int) {
		for _, k := range ks {
			if len(out) < maxNearMisses && !slices.Contains(out, k) && !externalDiffers(p.stored[k], in) {
				out = append(out, k)
			}
		}
	}
	add(byFold[foldName(in.Name)])
	add(byTokens[tokenKey(in.Name)])
	if typos && len(out) == 0 {
		a := []rune(foldName(in.Name))
		for _, k := range free {
			if len(out) >= maxNearMisses {
				break
			}
			if b := []rune(foldName(p.stored[k].Name)); len(a) >= 4 && oneEditApart(a, b) {
				add([]int{k})
			}
		}
	}
	return out
}

// resemblance says how two names resemble each other, in a teacher's words.
func resemblance(a, b string) string {
	switch {
	case nameKey(a) == nameKey(b):
		return "the same name"
	case foldName(a) == foldName(b):
		return "the same name once accents are set aside"
	case tokenKey(a) == tokenKey(b):
		return "the same names in another order (first and family names swapped?)"
	case oneEditApart([]rune(foldName(a)), []rune(foldName(b))):
		return "one letter apart (a typing slip?)"
	}
	return "you said they are the same person"
}

// foldName is a name with its accents set aside, in lower case, its words
// separated by single spaces and commas dropped: "López,  Ana" → "lopez ana".
func foldName(name string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		if f, ok := foldRunes[r]; ok {
			b.WriteString(f)
		} else if unicode.Is(unicode.Mn, r) {
			continue // a combining accent of a decomposed letter
		} else if r == ',' {
			b.WriteRune(' ')
		} else {
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

// tokenKey is a name's words, folded (foldName) and sorted: the same for
// "Ana López" and "Lopez, Ana".
func tokenKey(name string) string {
	words := strings.Fields(foldName(name))
	slices.Sort(words)
	return strings.Join(words, " ")
}

// oneEditApart reports whether a becomes b by one letter inserted,
// removed, replaced, or two neighbours swapped.
func oneEditApart(a, b []rune) bool {
	if len(a) > len(b) {
		a, b = b, a
	}
	if len(b)-len(a) > 1 || slices.Equal(a, b) {
		return false
	}
	i := 0
	for i < len(a) && a[i] == b[i] {
		i++
	}
	if len(a) == len(b) {
		if slices.Equal(a[i+1:], b[i+1:]) {
			return true // replaced
		}
		return i+1 < len(a) && a[i] == b[i+1] && a[i+1] == b[i] && slices.Equal(a[i+2:], b[i+2:]) // swapped
	}
	return slices.Equal(a[i:], b[i+1:]) // inserted
}

// foldRunes maps the accented lower-case letters of the Latin alphabets
// to their plain letters.
var foldRunes = func() map[rune]string {
	m := map[rune]string{'ß': "ss", 'æ': "ae", 'œ': "oe", 'ø': "o", 'ł': "l", 'đ': "d", 'ð': "d", 'þ': "th", 'ı': "i"}
	for plain, accented := range map[string]string{
		"a": "àáâãäåāăą", "c": "çćĉċč", "d": "ď", "e": "èéêëēĕėęě", "g": "ĝğġģ", "h": "ĥħ",
		"i": "ìíîïĩīĭį", "j": "ĵ", "k": "ķ", "l": "ĺļľŀ", "n": "ñńņňŉ", "o": "òóôõöōŏő",
		"r": "ŕŗř", "s": "śŝşšș", "t": "ţťŧț", "u": "ùúûüũūŭůűų", "w": "ŵ", "y": "ýÿŷ", "z": "źżž",
	} {
		for _, r := range accented {
			m[r] = plain
		}
	}
	return m
}()
