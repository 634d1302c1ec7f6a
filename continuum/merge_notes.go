package continuum

import (
	"fmt"
	"strings"
)

// SectionVisitNotes is the section of a merge preview for a coach's visit
// notes, named after the workbook's sheet.
const SectionVisitNotes = "Visit notes"

// noteKey is what makes two visit notes the same note: everything the
// coach wrote, whatever the store's ID.
type noteKey struct {
	date, coach, about, subject, lookFor, note string
}

func keyOfNote(n VisitNote) noteKey {
	subject := strings.TrimSpace(n.Subject)
	if n.About == OnTarget || n.About == OnUnit {
		subject = strings.ToLower(subject)
	}
	return noteKey{n.Date.String(), strings.TrimSpace(n.Coach), string(n.About), subject,
		strings.TrimSpace(n.LookFor), strings.TrimSpace(n.Note)}
}

// planVisitNotes merges the incoming visit notes. A note the store
// already holds (same date, coach, subject, look-for and text) is
// unchanged; any other is added. Notes never conflict: two notes that
// differ are two notes. A note on a target or unit the merged continuum
// does not have is refused. known maps lower-cased target codes, stored
// or incoming, to their canonical form.
func (p *Plan) planVisitNotes(mine *Snapshot, incoming []VisitNote, known map[string]string) {
	if len(incoming) == 0 {
		return
	}
	// Units by lower-cased title: the stored ones, those the merge adds,
	// and the incoming versions of those defined differently.
	units := map[string]string{}
	if mine != nil {
		for _, u := range mine.Units {
			units[strings.ToLower(strings.TrimSpace(u.Title))] = u.Title
		}
	}
	for _, u := range p.units {
		units[strings.ToLower(u.Title)] = u.Title
	}
	for _, c := range p.Conflicts {
		if u, ok := c.Theirs.(Unit); ok {
			if _, stored := units[strings.ToLower(u.Title)]; !stored {
				// The stored unit under its stored title; notesAfter
				// renames the notes if the teacher takes theirs.
				units[strings.ToLower(u.Title)] = c.Mine.(Unit).Title
			}
		}
	}
	// Stored notes, counted: an incoming note matching a stored one uses
	// it up, so a notes workbook imported twice adds nothing.
	stored := map[noteKey]int{}
	if mine != nil {
		for _, n := range mine.VisitNotes {
			stored[keyOfNote(n)]++
		}
	}
	for _, n := range incoming {
		n.ID, n.Continuum = "", p.Continuum.ID
		n.Subject = strings.TrimSpace(n.Subject)
		place := n.Date.String() + " " + n.describe()
		if err := n.Validate(); err != nil {
			p.refuse(SectionVisitNotes, place, ErrorMessage(err))
			continue
		}
		switch n.About {
		case OnTarget:
			code, ok := known[strings.ToLower(NormalizeCode(n.Subject))]
			if !ok {
				p.refuse(SectionVisitNotes, place, fmt.Sprintf("target %s is not a target of %s", n.Subject, p.Continuum.Name))
				continue
			}
			n.Subject = code
		case OnUnit:
			title, ok := units[strings.ToLower(n.Subject)]
			if !ok {
				p.refuse(SectionVisitNotes, place, fmt.Sprintf("%s has no unit called %q", p.Continuum.Name, n.Subject))
				continue
			}
			n.Subject = title
		}
		if k := keyOfNote(n); stored[k] > 0 {
			stored[k]--
			p.count(SectionVisitNotes, Unchanged)
			continue
		}
		p.notes = append(p.notes, n)
		p.count(SectionVisitNotes, Added)
	}
}

// notesAfter returns the notes a merge adds once the teacher has chosen:
// a note on a unit whose incoming version, taken, renames it follows the
// unit to its new title.
func (p *Plan) notesAfter() []VisitNote {
	renamed := map[string]string{}
	for _, c := range p.Conflicts {
		theirs, ok := c.Theirs.(Unit)
		if !ok || c.Choice != TakeTheirs {
			continue
		}
		if mine := c.Mine.(Unit); !strings.EqualFold(mine.Title, theirs.Title) {
			renamed[strings.ToLower(mine.Title)] = theirs.Title
		}
	}
	out := make([]VisitNote, len(p.notes))
	for i, n := range p.notes {
		if t, ok := renamed[strings.ToLower(n.Subject)]; ok && n.About == OnUnit {
			n.Subject = t
		}
		out[i] = n
	}
	return out
}
