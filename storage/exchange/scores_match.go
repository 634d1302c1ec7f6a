package exchange

import (
	"fmt"
	"strings"
	"unicode"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/scores"
)

// What happens to the scores of a student or target of the file.
const (
	// ScoresTaken means the scores go in (those the store does not hold already).
	ScoresTaken = "taken"
	// ScoresRefused means the scores are refused: the file must be
	// corrected, or the teacher must say who or what it is.
	ScoresRefused = "refused"
	// ScoresLeftOut means the teacher said to leave the scores out.
	ScoresLeftOut = "left out"
)

// TargetMatch is a target of the file and the stored target it is.
type TargetMatch struct {
	// In is the target as the file writes it.
	In scores.Target
	// Scores counts its scores in the file.
	Scores int
	// Code is the stored target's code; "" when it is none.
	Code string
	// By says how it was found: "code", "statement", "code at the start"; "" when not.
	By string
	// Suggest is a stored target's code the file may have meant, when it is none.
	Suggest string
	// Outcome is what happens to its scores: ScoresTaken, ScoresRefused or ScoresLeftOut.
	Outcome string
}

// String says what happens, in a teacher's words.
func (m TargetMatch) String() string {
	n := continuum.Plural(m.Scores, "score", "scores")
	switch m.Outcome {
	case ScoresTaken:
		if m.By == "code" {
			return fmt.Sprintf("%s: %s", m.In.Text, n)
		}
		return fmt.Sprintf("%q is target %s (by its %s): %s", m.In.Text, m.Code, m.By, n)
	case ScoresLeftOut:
		return fmt.Sprintf("%q: %s left out, as you said", m.In.Text, n)
	}
	return fmt.Sprintf("%q is not a target of the continuum: %s refused", m.In.Text, n)
}

// targetIndex finds stored targets by code and by statement.
type targetIndex struct {
	byCode      map[string]string // folded code → code
	byStatement map[string]string // folded statement → code ("" when two targets share it)
	byLoose     map[string]string // code with only its letters and digits, lower case → code
}

func newTargetIndex(targets []continuum.Target) *targetIndex {
	ix := &targetIndex{byCode: map[string]string{}, byStatement: map[string]string{}, byLoose: map[string]string{}}
	for _, t := range targets {
		ix.byCode[foldText(t.Code)] = t.Code
		ix.byLoose[loose(t.Code)] = t.Code
		k := statementKey(t.Statement)
		if _, dup := ix.byStatement[k]; dup {
			ix.byStatement[k] = ""
		} else {
			ix.byStatement[k] = t.Code
		}
	}
	return ix
}

// statementKey folds a statement for matching: spacing, capitals and a
// final full stop aside.
func statementKey(s string) string { return strings.TrimSuffix(foldText(s), ".") }

// loose keeps a code's letters and digits, in lower case: "NO 1.1" and
// "no-1-1" are loosely NO.1.1.
func loose(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// find returns the code of the stored target text names, and how.
func (ix *targetIndex) find(text string) (code, by string) {
	if c, ok := ix.byCode[foldText(text)]; ok {
		return c, "code"
	}
	if c := ix.byStatement[statementKey(text)]; c != "" {
		return c, "statement"
	}
	// "NO.1.1 Add fractions", "NO.1.1: I can add …", "NO.1.1 – fractions"
	head, rest, ok := strings.Cut(strings.TrimSpace(text), " ")
	head = strings.TrimRight(head, ":")
	if c, found := ix.byCode[foldText(head)]; found && ok && strings.Trim(rest, " :-–—") != "" {
		return c, "code at the start"
	}
	return "", ""
}

// matchTargets finds the stored target each target of the file is: by
// code, by statement, by a code at the start of a longer header. Others
// are refused, unless the teacher leaves them out.
func matchTargets(in []scores.Target, stored []continuum.Target, left map[string]bool) []TargetMatch {
	ix := newTargetIndex(stored)
	out := make([]TargetMatch, len(in))
	for i, t := range in {
		m := TargetMatch{In: t}
		m.Code, m.By = ix.find(t.Text)
		switch {
		case m.Code != "":
			m.Outcome = ScoresTaken
		case left[foldText(t.Text)] || (t.Path != "" && left[foldText(t.Path)]):
			m.Outcome = ScoresLeftOut
		default:
			m.Outcome = ScoresRefused
			m.Suggest = ix.byLoose[loose(t.Text)]
		}
		out[i] = m
	}
	return out
}

// StudentMatch is a student of the file and the stored student they are.
type StudentMatch struct {
	// In is the student as the file names them.
	In scores.Student
	// Place is where the file first names them.
	Place scores.Place
	// Scores counts their scores in the file.
	Scores int
	// Student is the stored student they are (or the new student added);
	// the zero Student when none.
	Student continuum.Student
	// By says how they were found: continuum.MatchedByID and the others,
	// "--match" for the teacher's word; "" when not found.
	By continuum.RosterMatchBy
	// Added is true when they are added as a new student (--add-students).
	Added bool
	// Near are the stored students they resemble, when they were not found.
	Near []continuum.RosterNearMiss
	// Outcome is what happens to their scores: ScoresTaken, ScoresRefused or ScoresLeftOut.
	Outcome string
	// Why says why their scores are refused, or what else to know.
	Why string
}

// MatchedByWord marks a student the teacher said who they are (--match).
const MatchedByWord continuum.RosterMatchBy = "your word"

// String says what happens, in a teacher's words.
func (m StudentMatch) String() string {
	n := continuum.Plural(m.Scores, "score", "scores")
	switch {
	case m.Outcome == ScoresLeftOut:
		return fmt.Sprintf("%s: %s left out, as you said", m.In, n)
	case m.Added:
		return fmt.Sprintf("%s: added as a new student %s, with %s", m.In, m.Student.ID, n)
	case m.Outcome == ScoresTaken:
		return fmt.Sprintf("%s is %s %s (by %s): %s", m.In, m.Student.ID, m.Student.Name, m.By, n)
	}
	return fmt.Sprintf("%s: %s refused; %s", m.In, n, m.Why)
}

// matchStudents finds the stored student each student of the file is,
// as a class list's students are found (continuum.PlanRoster): by student
// ID, then external ID, then name; near-misses are flagged, never merged.
// A file's Student ID that is a stored student's external ID (an SIS
// number) finds them too. Students nobody is are refused, or added with
// --add-students.
func matchStudents(in []scores.Student, roster []continuum.Student, opts ScoresOptions) []StudentMatch {
	out := make([]StudentMatch, len(in))
	byID, byExt := map[string]continuum.Student{}, map[string]bool{}
	for _, s := range roster {
		byID[s.ID] = s
		if s.ExternalID != "" {
			byExt[strings.TrimSpace(s.ExternalID)] = true
		}
	}
	words := map[string]string{}
	for k, v := range opts.Match {
		words[foldText(k)] = strings.TrimSpace(v)
	}
	left := leaveOut(opts.LeaveOut)
	var rest []continuum.Student
	var restAt []int
	for i, s := range in {
		out[i] = StudentMatch{In: s}
		if id, ok := wordFor(words, s); ok {
			out[i].Student, out[i].By, out[i].Outcome = byID[id], MatchedByWord, ScoresTaken
			continue
		}
		if left[foldText(s.Name)] || (s.ID != "" && left[foldText(s.ID)]) || (s.ExternalID != "" && left[foldText(s.ExternalID)]) {
			out[i].Outcome = ScoresLeftOut
			continue
		}
		cs := continuum.Student{ID: s.ID, ExternalID: s.ExternalID, Name: givenFirst(s.Name)}
		if _, stored := byID[cs.ID]; !stored && cs.ExternalID == "" && byExt[cs.ID] {
			cs.ID, cs.ExternalID = "", s.ID // a Student ID column holding SIS numbers
		}
		if cs.Name == "" {
			cs.Name = s.String() // named by ID alone
		}
		rest, restAt = append(rest, cs), append(restAt, i)
	}
	rp := continuum.PlanRoster(roster, rest, nil)
	near := map[int][]continuum.RosterNearMiss{}
	for _, nm := range rp.NearMisses {
		near[nm.Entry] = append(near[nm.Entry], nm)
	}
	claimed := map[string]bool{}
	for _, e := range rp.Entries {
		if e.MatchedBy != "" {
			claimed[e.Stored.ID] = true
		}
	}
	again := claimedAgain(roster, claimed)
	for n, e := range rp.Entries {
		if e.Outcome == continuum.RosterAdded {
			if s, by, ok := again(rest[n]); ok {
				e.Stored, e.MatchedBy = s, by
			}
		}
		out[restAt[n]] = studentOutcome(out[restAt[n]], e, near[n], opts.AddStudents)
	}
	return out
}

// claimedAgain finds the stored student, already matched to another
// student of the file (claimed), whom a student of the file is exactly
// (the same ID, external ID or name, with no one else sharing it, and no
// external ID saying otherwise): PlanRoster matches a stored student once,
// as a class list lists each once, but a workbook of several sheets may
// name one student by ID on one sheet and by name on another.
func claimedAgain(roster []continuum.Student, claimed map[string]bool) func(continuum.Student) (continuum.Student, continuum.RosterMatchBy, bool) {
	byID, byExt, byName := map[string]int{}, map[string][]int{}, map[string][]int{}
	for i, s := range roster {
		if !claimed[s.ID] {
			continue
		}
		byID[s.ID] = i
		if ext := strings.TrimSpace(s.ExternalID); ext != "" {
			byExt[ext] = append(byExt[ext], i)
		}
		byName[foldText(s.Name)] = append(byName[foldText(s.Name)], i)
	}
	return func(in continuum.Student) (continuum.Student, continuum.RosterMatchBy, bool) {
		if i, ok := byID[strings.TrimSpace(in.ID)]; ok && in.ID != "" {
			if ext := strings.TrimSpace(roster[i].ExternalID); ext != "" && in.ExternalID != "" && ext != strings.TrimSpace(in.ExternalID) {
				return continuum.Student{}, "", false
			}
			return roster[i], continuum.MatchedByID, true
		}
		if is := byExt[strings.TrimSpace(in.ExternalID)]; len(is) == 1 && in.ExternalID != "" {
			return roster[is[0]], continuum.MatchedByExternalID, true
		}
		if is := byName[foldText(in.Name)]; len(is) == 1 && in.ID == "" && in.ExternalID == "" {
			return roster[is[0]], continuum.MatchedByName, true
		}
		return continuum.Student{}, "", false
	}
}

// givenFirst writes a name a gradebook gives family name first, "Reyes,
// Camila", as a roster keeps it, "Camila Reyes": the comma says which is
// which, so this is a way of writing the name, not a swap. A name with no
// comma, or more than one, is left as it is.
func givenFirst(name string) string {
	family, given, ok := strings.Cut(name, ",")
	if !ok || strings.Contains(given, ",") || strings.TrimSpace(family) == "" || strings.TrimSpace(given) == "" {
		return name
	}
	return strings.TrimSpace(given) + " " + strings.TrimSpace(family)
}

// wordFor finds the teacher's word (--match) on a student of the file.
func wordFor(words map[string]string, s scores.Student) (string, bool) {
	for _, k := range []string{s.Name, s.ID, s.ExternalID} {
		if id, ok := words[foldText(k)]; ok && k != "" {
			return id, true
		}
	}
	return "", false
}

// studentOutcome says what happens to the scores of a student of the
// file, given how the roster plan reads them.
func studentOutcome(m StudentMatch, e continuum.RosterEntry, near []continuum.RosterNearMiss, add bool) StudentMatch {
	switch {
	case e.Outcome == continuum.RosterRefused:
		m.Outcome, m.Why = ScoresRefused, e.Note
	case e.MatchedBy != "" && m.In.Name != "" && e.MatchedBy != continuum.MatchedByName && !shareAWord(m.In.Name, e.Stored.Name):
		m.Outcome = ScoresRefused
		m.Why = fmt.Sprintf("the file's %s is %s's on your roster (%s), but the file names %s; correct the ID or the name, or say who they are (in the preview, or --match %q on the command line)",
			e.MatchedBy, e.Stored.Name, e.Stored.ID, m.In.Name, m.In.Name+"=ID")
	case e.MatchedBy != "":
		m.Student, m.By, m.Outcome = e.Stored, e.MatchedBy, ScoresTaken
	case len(near) > 0:
		m.Near, m.Outcome = near, ScoresRefused
		var like []string
		for _, nm := range near {
			like = append(like, fmt.Sprintf("%s %s (%s)", nm.Stored.ID, nm.Stored.Name, nm.Why))
		}
		m.Why = fmt.Sprintf("not on your roster, but like %s; if they are the same, say so with --match %q", strings.Join(like, " or "), m.In.Name+"="+near[0].Stored.ID)
	case add:
		m.Student, m.Added, m.Outcome = e.Student, true, ScoresTaken
		m.Student.Name = m.In.Name
	default:
		m.Outcome = ScoresRefused
		m.Why = "not on your roster: import the class list first, add them with --add-students, say who they are with --match, or leave them out with --leave-out"
	}
	return m
}

// shareAWord reports whether two names have a word in common, capitals,
// accents and commas aside: an ID whose name shares nothing with the
// file's is another student's.
func shareAWord(a, b string) bool {
	words := map[string]bool{}
	for _, w := range nameWords(a) {
		words[w] = true
	}
	for _, w := range nameWords(b) {
		if words[w] {
			return true
		}
	}
	return false
}

// nameWords are a name's words in lower case with their letters' accents
// dropped: "López, Ana" → lopez, ana.
func nameWords(name string) []string {
	var b strings.Builder
	for _, r := range strings.ToLower(name) {
		switch {
		case r == ',' || r == '.':
			b.WriteRune(' ')
		case r < 0x80:
			b.WriteRune(r)
		default:
			if p := plainLetter(r); p != 0 {
				r = p
			}
			b.WriteRune(r)
		}
	}
	return strings.Fields(b.String())
}

// accented maps the plain Latin lower-case letters to their accented forms.
var accented = map[rune]string{'a': "àáâãäåāăą", 'c': "çćĉċč", 'e': "èéêëēĕėęě", 'i': "ìíîïĩīĭį", 'n': "ñńņň",
	'o': "òóôõöōŏőø", 's': "śŝşšș", 'u': "ùúûüũūŭůűų", 'y': "ýÿŷ", 'z': "źżž"}

// plainLetter is the plain letter of an accented Latin lower-case letter; 0 for others.
func plainLetter(r rune) rune {
	for plain, forms := range accented {
		if strings.ContainsRune(forms, r) {
			return plain
		}
	}
	return 0
}
