package continuum

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// Renumbered is an incoming student who is not the stored student with
// the same short ID by any sign the merge can read (another name, another
// UID or SIS ID): the merge adds them as a new student under a free ID,
// and their evidence, overrides and flex places follow them there, unless
// the teacher says they are that stored student after all (Same, set by
// Plan.SamePerson).
type Renumbered struct {
	// From is the student's ID in the incoming data, e.g. "S001".
	From string
	// To is the free ID the merge gives them, e.g. "S029"; "" when Same.
	To string
	// Name is the incoming student's name.
	Name string
	// Holder is the name of the stored student whose ID From is.
	Holder string
	// Same is true when the teacher said the incoming student is Holder:
	// they are merged into that stored student instead of added.
	Same bool
}

// String says what the merge does, in a teacher's words.
func (r Renumbered) String() string {
	if r.Same {
		return fmt.Sprintf("%s %s is %s, who has ID %s here, as you said: their evidence, overrides and flex places go to %s",
			r.From, r.Name, r.Holder, r.From, r.From)
	}
	return fmt.Sprintf("%s %s is not %s, who has ID %s here: added as a new student with ID %s, with their evidence",
		r.From, r.Name, r.Holder, r.From, r.To)
}

// SamePerson records the teacher's word on Renumbered[i]: same says the
// incoming student is the stored student with their short ID after all
// (a colleague's copy of one of your students, under another name or
// with an identity her store minted), so their evidence, overrides and
// flex places go to that student, whose ID and UID stay, and the fields
// that differ, such as the name, are a conflict like any other; !same
// adds them as a new student under a free ID, which is the default.
//
// The merge is planned again with the word given, so Counts, Conflicts,
// Refusals and Change follow it; the choices already made on conflicts
// that remain are kept, and Renumbered keeps its order. It fails, leaving
// the plan as it was, when i is out of range or when another incoming
// student already is that stored student (their UID or SIS ID says so).
func (p *Plan) SamePerson(i int, same bool) error {
	if i < 0 || i >= len(p.Renumbered) {
		return fmt.Errorf("same person: %w", Invalidf("renumbered", "there is no student %d among the %d with another student's ID", i+1, len(p.Renumbered)))
	}
	r := p.Renumbered[i]
	if r.Same == same {
		return nil
	}
	chosen := map[string]bool{}
	for _, x := range p.Renumbered {
		if x.Same && x.From != r.From {
			chosen[x.From] = true
		}
	}
	if same {
		chosen[r.From] = true
	}
	q := planMerge(p.mine, p.roster, p.incoming, chosen)
	if k := slices.IndexFunc(q.Renumbered, func(x Renumbered) bool { return x.From == r.From }); same && (k < 0 || !q.Renumbered[k].Same) {
		return fmt.Errorf("same person: %w", Invalidf("renumbered",
			"%s %s cannot be %s: another student of the workbook already is %s (their UID or SIS ID says so)", r.From, r.Name, r.Holder, r.Holder))
	}
	choices := make(map[string]Choice, len(p.Conflicts))
	for _, c := range p.Conflicts {
		choices[c.Section+"\x00"+c.Key] = c.Choice
	}
	for k, c := range q.Conflicts {
		q.Conflicts[k].Choice = choices[c.Section+"\x00"+c.Key]
	}
	*p = *q
	return nil
}

// planStudents matches incoming students with the roster (matchStudents)
// and records which stored ID each incoming ID stands for. An unmatched
// student whose ID a stored student holds is added under a free ID.
func (p *Plan) planStudents(roster []Student, incoming []Student) {
	cid := p.Continuum.ID
	used := make(map[string]bool, len(roster)+len(incoming))
	for _, s := range roster {
		used[s.ID] = true
	}
	for _, s := range incoming {
		used[strings.TrimSpace(s.ID)] = true
	}
	var valid []Student
	seenUID := map[string]string{}
	for _, s := range incoming {
		s.ID = strings.TrimSpace(s.ID)
		// A workbook holds one continuum: its starting levels are for this one.
		s.StartingLevels = slices.Clone(s.StartingLevels)
		for i := range s.StartingLevels {
			s.StartingLevels[i].Continuum = cid
		}
		if err := s.Validate(); err != nil {
			p.refuse(SectionStudents, s.ID, ErrorMessage(err))
			continue
		}
		if other, dup := seenUID[s.UID]; dup && s.UID != "" {
			p.refuse(SectionStudents, s.ID, fmt.Sprintf("has the same UID as student %s; a UID is one person's", other))
			continue
		}
		seenUID[s.UID] = s.ID
		valid = append(valid, s)
	}
	matches, told := matchStudents(roster, valid, p.same)
	byID := make(map[string]Student, len(roster))
	for _, s := range roster {
		byID[s.ID] = s
	}
	for i, s := range valid {
		old, ok := matches[i]
		if told[i] {
			p.Renumbered = append(p.Renumbered, Renumbered{From: s.ID, Name: s.Name, Holder: old.Name, Same: true})
		}
		switch {
		case !ok:
			from := s.ID
			if holder, taken := byID[s.ID]; taken {
				s.ID = freeStudentID(s.ID, used)
				p.Renumbered = append(p.Renumbered, Renumbered{From: from, To: s.ID, Name: s.Name, Holder: holder.Name})
			}
			p.students = append(p.students, s)
			p.studentIDs[from] = s.ID
			p.count(SectionStudents, Added)
		case sameStudent(old, s, cid):
			p.studentIDs[s.ID] = old.ID
			p.count(SectionStudents, Unchanged)
		default:
			p.studentIDs[s.ID] = old.ID
			theirs := theirStudent(old, s, cid)
			p.Conflicts = append(p.Conflicts, Conflict{Section: SectionStudents, Key: old.ID, Fields: studentDiff(old, theirs, cid), Mine: old, Theirs: theirs})
			p.count(SectionStudents, Conflicting)
		}
	}
	for _, s := range roster {
		if _, ok := p.studentIDs[s.ID]; !ok {
			p.studentIDs[s.ID] = s.ID // evidence may name a stored student the workbook's roster leaves out
		}
	}
}

// matchStudents finds, for each incoming student (by index), the stored
// student they are: the one with their UID, else with their external
// (SIS) ID, else the one with their short ID when the names agree too and
// no external ID says otherwise, or when the teacher said so (same holds
// those short IDs; told marks the students matched that way). The name
// rule also joins a class that two stores both hold from before students
// had UIDs (each store minted its own). A short ID held by someone else
// is otherwise never a match, and a stored student is matched once.
func matchStudents(roster, incoming []Student, same map[string]bool) (matches map[int]Student, told map[int]bool) {
	byUID, byExternal, byID := map[string]Student{}, map[string]Student{}, map[string]Student{}
	for _, s := range roster {
		if s.UID != "" {
			byUID[s.UID] = s
		}
		if s.ExternalID != "" {
			byExternal[s.ExternalID] = s
		}
		byID[s.ID] = s
	}
	matches, told = map[int]Student{}, map[int]bool{}
	claimed := map[string]bool{}
	for i, s := range incoming {
		old, ok := byUID[s.UID]
		if !ok || s.UID == "" {
			old, ok = byExternal[s.ExternalID]
			ok = ok && s.ExternalID != ""
		}
		if ok && !claimed[old.ID] {
			matches[i] = old
			claimed[old.ID] = true
		}
	}
	for i, s := range incoming {
		if _, done := matches[i]; done {
			continue
		}
		old, ok := byID[s.ID]
		if !ok || claimed[old.ID] {
			continue
		}
		agree := sameName(old.Name, s.Name) && (s.ExternalID == "" || old.ExternalID == "" || s.ExternalID == old.ExternalID)
		if !agree && !same[s.ID] {
			continue
		}
		matches[i] = old
		told[i] = !agree
		claimed[old.ID] = true
	}
	return matches, told
}

// sameName reports whether two names are the same, capitals and spacing aside.
func sameName(a, b string) bool {
	return strings.EqualFold(strings.Join(strings.Fields(a), " "), strings.Join(strings.Fields(b), " "))
}

// freeStudentID returns an ID like id that is not in used, and marks it
// used: "S001" gives the next number after the highest S-number in use
// ("S029"), keeping the width; an ID without a number gets "-2", "-3" ….
func freeStudentID(id string, used map[string]bool) string {
	prefix := strings.TrimRightFunc(id, func(r rune) bool { return r >= '0' && r <= '9' })
	width := len(id) - len(prefix)
	var next func() string
	if width == 0 {
		k := 1
		next = func() string { k++; return fmt.Sprintf("%s-%d", id, k) }
	} else {
		highest := 0
		for u := range used {
			if digits, ok := strings.CutPrefix(u, prefix); ok && digits != "" && strings.Trim(digits, "0123456789") == "" {
				if n, err := strconv.Atoi(digits); err == nil {
					highest = max(highest, n)
				}
			}
		}
		next = func() string { highest++; return fmt.Sprintf("%s%0*d", prefix, width, highest) }
	}
	for range len(used) + 2 {
		if c := next(); !used[c] && validCode(c) {
			used[c] = true
			return c
		}
	}
	for { // a name too long to number: a random one
		if c := "S-" + NewID(); !used[c] {
			used[c] = true
			return c
		}
	}
}

// theirStudent is the incoming student s as it would replace the stored
// student old: under old's ID and UID, with old's SIS ID unless s has
// one, and with the starting levels of continuum cid only replaced.
func theirStudent(old, s Student, cid string) Student {
	theirs := s
	theirs.ID, theirs.UID = old.ID, old.UID
	if theirs.ExternalID == "" {
		theirs.ExternalID = old.ExternalID // a blank SIS ID is none given, as studentDiff reads it, not one to erase
	}
	theirs.StartingLevels = nil
	for _, sl := range old.StartingLevels {
		if sl.Continuum != cid {
			theirs.StartingLevels = append(theirs.StartingLevels, sl)
		}
	}
	theirs.StartingLevels = append(theirs.StartingLevels, s.StartingLevels...)
	return theirs
}
