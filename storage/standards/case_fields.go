package standards

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum/framework"
)

// fieldUse is what the reader does with a field of a CASE record.
type fieldUse int

const (
	// fieldUsed fields are read into the framework.
	fieldUsed fieldUse = iota
	// fieldQuiet fields say nothing the framework lacks (a link back to
	// the document, a record's own time stamp): passed over in silence.
	fieldQuiet
	// fieldDropped fields hold something the framework has no place for:
	// named once in the warnings.
	fieldDropped
)

// The fields of each part of a package, by lower-cased name.
var (
	caseTopFields = map[string]fieldUse{
		"cfdocument": fieldUsed, "cfitems": fieldUsed, "cfassociations": fieldUsed, "cfdefinitions": fieldUsed,
		"cfrubrics": fieldDropped, "extensions": fieldQuiet, "$schema": fieldQuiet,
	}
	caseDocumentFields = map[string]fieldUse{
		"identifier": fieldUsed, "uri": fieldUsed, "title": fieldUsed, "creator": fieldUsed,
		"publisher": fieldUsed, "description": fieldUsed, "notes": fieldUsed, "subject": fieldUsed,
		"language": fieldUsed, "version": fieldUsed, "adoptionstatus": fieldUsed,
		"lastchangedatetime": fieldUsed, "officialsourceurl": fieldUsed, "licenseuri": fieldUsed,
		"license": fieldUsed, "extensions": fieldUsed, "cfpackageuri": fieldUsed,
		"subjecturi": fieldQuiet, "subjecturl": fieldQuiet, "caseversion": fieldQuiet, "cfdocumenturi": fieldQuiet,
		"frameworktype": fieldDropped, "statusstartdate": fieldDropped, "statusenddate": fieldDropped,
	}
	caseItemFields = map[string]fieldUse{
		"identifier": fieldUsed, "uri": fieldUsed, "fullstatement": fieldUsed, "humancodingscheme": fieldUsed,
		"abbreviatedstatement": fieldUsed, "cfitemtype": fieldUsed, "cfitemtypeuri": fieldUsed,
		"educationlevel": fieldUsed, "educationallevel": fieldUsed, "listenumeration": fieldUsed, "extensions": fieldUsed,
		"cfdocumenturi": fieldQuiet, "cfitemassociationuri": fieldQuiet, "lastchangedatetime": fieldQuiet, "language": fieldQuiet,
		"notes": fieldDropped, "alternativelabel": fieldDropped, "conceptkeywords": fieldDropped,
		"conceptkeywordsuri": fieldDropped, "licenseuri": fieldDropped, "subject": fieldDropped,
		"subjecturi": fieldDropped, "statusstartdate": fieldDropped, "statusenddate": fieldDropped,
	}
	caseAssociationFields = map[string]fieldUse{
		"identifier": fieldUsed, "associationtype": fieldUsed, "originnodeuri": fieldUsed,
		"destinationnodeuri": fieldUsed, "originnodeidentifier": fieldUsed, "destinationnodeidentifier": fieldUsed,
		"sequencenumber": fieldUsed, "extensions": fieldUsed,
		"uri": fieldQuiet, "lastchangedatetime": fieldQuiet, "cfdocumenturi": fieldQuiet,
		"cfassociationgroupingidentifier": fieldQuiet,
		"cfassociationgroupinguri":        fieldDropped, "notes": fieldDropped,
	}
)

// ourExtensions are the extension fields WriteCASE writes and ReadCASE reads back.
var ourExtensions = []string{"sourceIdentifier", "sourceAssociationType"}

// checkTop notes the package's top-level fields that are not read.
func (r *caseReader) checkTop(p casePackage) {
	fields := caseTopFields
	if p.docAtTop {
		fields = map[string]fieldUse{}
		for k, v := range caseDocumentFields {
			fields[k] = v
		}
		for k, v := range caseTopFields {
			fields[k] = v
		}
	}
	r.checkFields(framework.Place{Section: "package", JSON: true}, p.top, fields, "")
}

// checkFields notes the fields of o that the framework cannot keep, once
// per field name and part of the package; noun counts the records that
// have one ("items").
func (r *caseReader) checkFields(place framework.Place, o caseObject, fields map[string]fieldUse, noun string) {
	var flagged []string
	for name, raw := range o {
		use, known := fields[strings.ToLower(name)]
		if known && use == fieldUsed && !strings.EqualFold(name, "extensions") || known && use == fieldQuiet || emptyJSON(raw) {
			continue
		}
		flagged = append(flagged, name)
	}
	slices.Sort(flagged) // the same warnings in the same order, whatever the map's order
	for _, name := range flagged {
		p := place
		p.Field = name
		use, known := fields[strings.ToLower(name)]
		switch {
		case !known:
			r.notes.add(p, "not a CASE field; ignored", noun)
		case use == fieldDropped:
			r.notes.add(p, "not kept: the planner has no place for it", noun)
		default: // extensions: ours are read, others are not
			ext, _ := jsonObject(o[name])
			for k := range ext {
				if !slices.Contains(ourExtensions, k) {
					r.notes.add(p, "not kept: the planner has no place for extensions", noun)
					break
				}
			}
		}
	}
}

// emptyJSON reports whether raw holds nothing: null, a blank text, [] or {}.
func emptyJSON(raw []byte) bool {
	raw = bytes.TrimSpace(raw)
	if len(raw) < 2 {
		return len(raw) == 0
	}
	switch first, last := raw[0], raw[len(raw)-1]; {
	case string(raw) == "null":
		return true
	case first == '"' && last == '"', first == '[' && last == ']', first == '{' && last == '}':
		return len(bytes.TrimSpace(raw[1:len(raw)-1])) == 0
	}
	return false
}

// nounOf names the records of a part of a package, for counts.
func nounOf(section string) string {
	switch section {
	case "CFItems":
		return "items"
	case "CFAssociations":
		return "associations"
	}
	return ""
}

// fieldNotes gathers what the reader passes over, once per field.
type fieldNotes struct {
	list  []*fieldNote
	index map[string]*fieldNote
}

// fieldNote is one field passed over: the first place it was met, and how often.
type fieldNote struct {
	place   framework.Place
	message string
	noun    string
	count   int
}

// add notes the field at place (its Section and Field name it).
func (n *fieldNotes) add(place framework.Place, message, noun string) {
	key := place.Section + "\x00" + strings.ToLower(place.Field) + "\x00" + message
	if note, ok := n.index[key]; ok {
		note.count++
		return
	}
	if n.index == nil {
		n.index = map[string]*fieldNote{}
	}
	note := &fieldNote{place: place, message: message, noun: noun, count: 1}
	n.index[key] = note
	n.list = append(n.list, note)
}

// warnings returns the notes as warnings, in the order first met.
func (n *fieldNotes) warnings() []framework.Warning {
	out := make([]framework.Warning, 0, len(n.list))
	for _, note := range n.list {
		msg := note.message
		if note.count > 1 && note.noun != "" {
			msg += fmt.Sprintf(" (%d %s have it)", note.count, note.noun)
		}
		out = append(out, framework.Warning{Place: note.place, Message: msg})
	}
	return out
}
