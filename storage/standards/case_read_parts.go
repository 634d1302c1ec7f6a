package standards

import (
	"encoding/json"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// readDocument reads the CFDocument into the framework's name, subject,
// description and origin, and adds the item that stands for it.
func (r *caseReader) readDocument(p casePackage) {
	doc := p.doc
	if doc == nil {
		r.warn(framework.Place{Section: "CFDocument", JSON: true}, "the package has no CFDocument, so the framework has no title or identifier; the items are read without it")
		return
	}
	place := framework.Place{Section: "CFDocument", JSON: true}
	if !p.docAtTop {
		r.checkFields(place, doc, caseDocumentFields, "")
	}
	written := doc.text("identifier")
	id := written
	if src := sourceIdentifier(doc); src != "" {
		id = src
	}
	uri := keepURI(doc.text("uri"), written)
	pkgURI := ""
	if raw, ok := doc.field("CFPackageURI"); ok {
		l, _ := jsonLink(raw)
		pkgURI = keepURI(strings.TrimSpace(firstText(l.URI, l.Identifier)), written)
	}
	title := doc.text("title")
	o := continuum.Origin{
		Format: continuum.FormatCASE, ID: id, URI: firstText(uri, pkgURI), Title: title,
		Version: doc.text("version"), OfficialURL: doc.text("officialSourceURL"),
		Creator: doc.text("creator"), Publisher: doc.text("publisher"),
		AdoptionStatus: doc.text("adoptionStatus"), Language: doc.text("language"),
		LastChange: doc.text("lastChangeDateTime"), License: caseLicense(doc),
	}
	r.fw.Name, r.fw.Origin = title, o
	r.fw.Subject = caseSubject(doc)
	r.fw.Description = doc.text("description")
	if notes := doc.text("notes"); r.fw.Description == "" {
		r.fw.Description = notes
	} else if notes != "" && !p.docAtTop {
		r.notes.add(framework.Place{Section: "CFDocument", Field: "notes", JSON: true}, "not kept: the description is kept instead", "")
	}
	if title == "" {
		r.warn(framework.Place{Section: "CFDocument", Field: "title", JSON: true}, "the document has no title; name the continuum yourself")
	}
	key := firstText(id, o.URI)
	if key == "" {
		r.warn(framework.Place{Section: "CFDocument", Field: "identifier", JSON: true}, "the document has no identifier, so items placed under it are read as top items")
		return
	}
	r.remember(key, key, written, uri, pkgURI)
	r.keys[key] = true
	r.fw.Items = append(r.fw.Items, framework.Item{
		Key: key, Source: continuum.SourceRef{ID: id, URI: o.URI},
		Statement: title, Short: title, IsFramework: true, Place: place,
	})
}

// firstText returns the first of texts that is not empty.
func firstText(texts ...string) string {
	for _, t := range texts {
		if t != "" {
			return t
		}
	}
	return ""
}

// caseSubject returns the document's subjects: the subject field (a list
// or a text), else the titles of its subject links.
func caseSubject(doc caseObject) string {
	if raw, ok := doc.field("subject"); ok {
		if list, _ := jsonTexts(raw); len(list) > 0 {
			return strings.Join(list, ", ")
		}
	}
	for _, name := range []string{"subjectURI", "subjectURL"} {
		raw, ok := doc.field(name)
		if !ok || jsonKind(raw) != '[' {
			continue
		}
		var links []json.RawMessage
		_ = json.Unmarshal(raw, &links)
		var titles []string
		for _, v := range links {
			if l, ok := jsonLink(v); ok && l.Title != "" {
				titles = append(titles, l.Title)
			}
		}
		if len(titles) > 0 {
			return strings.Join(titles, ", ")
		}
	}
	return ""
}

// caseLicense returns the document's licence: its link's title, else its URI, else a text.
func caseLicense(doc caseObject) string {
	for _, name := range []string{"licenseURI", "license"} {
		if raw, ok := doc.field(name); ok {
			l, _ := jsonLink(raw)
			if s := firstText(l.Title, l.URI, l.Identifier); s != "" {
				return s
			}
		}
	}
	return ""
}

// readItems reads CFItems; it fails when no item can be used.
func (r *caseReader) readItems(raw json.RawMessage) error {
	list := caseObjects(raw)
	place := framework.Place{Section: "CFItems", JSON: true}
	if len(list) == 0 {
		return &Problem{Place: place, Message: "the package holds no items (CFItems is empty), so there is nothing to import; export the framework with its items"}
	}
	read := 0
	for i, v := range list {
		if r.readItem(i, v) {
			read++
		}
	}
	if read == 0 {
		return &Problem{Place: place, Message: "none of the items can be read: each needs an identifier (see the warnings); export the package again from its source"}
	}
	return nil
}

// caseObjects decodes a list of objects in one pass; what is not an
// object is nil.
func caseObjects(raw json.RawMessage) []caseObject {
	var list []caseObject
	if jsonKind(raw) == '[' {
		_ = json.Unmarshal(raw, &list) // a value that is no object is left nil
	}
	return list
}

// readItem reads the CFItem at index i, and reports whether it was kept.
func (r *caseReader) readItem(i int, o caseObject) bool {
	place := framework.Place{Section: "CFItems", Row: i + 1, JSON: true}
	if o == nil {
		r.warn(place, "is not a JSON object {…}; skipped")
		return false
	}
	r.checkFields(place, o, caseItemFields, "items")
	written := r.textField(place, o, "identifier")
	key := written
	if src := sourceIdentifier(o); src != "" {
		key = src
	}
	if key == "" {
		place.Field = "identifier"
		r.warn(place, "the item has no identifier, so nothing can point at it; skipped")
		return false
	}
	if r.keys[key] {
		place.Field = "identifier"
		r.warn(place, "identifier %q is already taken by an earlier item or the document; this item is skipped", key)
		return false
	}
	r.keys[key] = true
	uri := keepURI(r.textField(place, o, "uri"), written)
	r.remember(key, key, written, uri)
	kind := r.textField(place, o, "CFItemType")
	if raw, ok := o.field("CFItemTypeURI"); ok && kind == "" {
		l, _ := jsonLink(raw)
		kind = firstText(l.Title, r.types[l.Identifier])
	}
	item := framework.Item{
		Key:    key,
		Source: continuum.SourceRef{ID: key, URI: uri, Kind: kind},
		Code:   r.textField(place, o, "humanCodingScheme"), Statement: r.textField(place, o, "fullStatement"),
		Short: r.textField(place, o, "abbreviatedStatement"), Kind: kind,
		Levels: caseLevels(o), Place: place,
	}
	if raw, ok := o.field("listEnumeration"); ok {
		item.Order, item.HasOrder = jsonInt(raw)
	}
	r.fw.Items = append(r.fw.Items, item)
	return true
}

// textField returns a text field, noting once per field name when it
// holds something other than text.
func (r *caseReader) textField(place framework.Place, o caseObject, name string) string {
	raw, ok := o.field(name)
	if !ok {
		return ""
	}
	s, ok := jsonText(raw)
	if !ok {
		place.Field = name
		r.notes.add(place, "expected text, found a list or an object; ignored", nounOf(place.Section))
	}
	return strings.TrimSpace(s)
}

// caseLevels returns an item's education levels: CASE 1.0's educationLevel
// list, or the draft's educationalLevel text, either possibly "09,10".
func caseLevels(o caseObject) []string {
	var out []string
	for _, name := range []string{"educationLevel", "educationalLevel"} {
		raw, ok := o.field(name)
		if !ok {
			continue
		}
		list, _ := jsonTexts(raw)
		for _, v := range list {
			for part := range strings.SplitSeq(v, ",") {
				if part = strings.TrimSpace(part); part != "" {
					out = append(out, part)
				}
			}
		}
		if len(out) > 0 {
			return out
		}
	}
	return out
}

// readAssociations reads CFAssociations.
func (r *caseReader) readAssociations(top caseObject) {
	raw, ok := top.field("CFAssociations")
	if !ok || jsonKind(raw) == 'n' {
		return
	}
	place := framework.Place{Section: "CFAssociations", JSON: true}
	if jsonKind(raw) != '[' {
		r.warn(place, "expected a list of associations [{…}, {…}]; none are read, so every item is at the top")
		return
	}
	for i, o := range caseObjects(raw) {
		r.readAssociation(i, o)
	}
}

// readAssociation reads the CFAssociation at index i.
func (r *caseReader) readAssociation(i int, o caseObject) {
	place := framework.Place{Section: "CFAssociations", Row: i + 1, JSON: true}
	if o == nil {
		r.warn(place, "is not a JSON object {…}; skipped")
		return
	}
	r.checkFields(place, o, caseAssociationFields, "associations")
	typ := r.textField(place, o, "associationType")
	if ext, ok := o.object("extensions"); ok && ext.text("sourceAssociationType") != "" {
		typ = ext.text("sourceAssociationType")
	}
	from := r.end(o, "originNodeURI", "originNodeIdentifier", "Origin")
	to := r.end(o, "destinationNodeURI", "destinationNodeIdentifier", "Destination")
	switch {
	case typ == "":
		place.Field = "associationType"
		r.warn(place, "the association has no associationType; skipped")
		return
	case from.key == "":
		place.Field = "originNodeURI"
		r.warn(place, "the association names no identifier or URI for its origin; skipped")
		return
	case to.key == "":
		place.Field = "destinationNodeURI"
		r.warn(place, "the association names no identifier or URI for its destination; skipped")
		return
	}
	a := framework.Association{
		ID: firstText(sourceIdentifier(o), r.textField(place, o, "identifier")), Kind: framework.NormalizeKind(typ),
		From: from.key, FromURI: from.uri, FromTitle: from.title,
		To: to.key, ToURI: to.uri, ToTitle: to.title, Place: place,
	}
	if raw, ok := o.field("sequenceNumber"); ok {
		a.Order, a.HasOrder = jsonInt(raw)
	}
	r.fw.Associations = append(r.fw.Associations, a)
}

// caseEnd is one end of an association.
type caseEnd struct{ key, uri, title string }

// end reads an association's end from its link (or the draft's bare
// identifier field): the key of the item it names, its URI and title.
// placeholder is the title OpenSALT's draft writes for every end ("Origin").
func (r *caseReader) end(o caseObject, linkField, idField, placeholder string) caseEnd {
	var l caseLink
	if raw, ok := o.field(linkField); ok {
		l, _ = jsonLink(raw)
	}
	if l.Identifier == "" {
		l.Identifier = o.text(idField)
	}
	e := caseEnd{uri: keepURI(l.URI, l.Identifier), title: l.Title}
	if strings.EqualFold(e.title, placeholder) || e.title == l.Identifier {
		e.title = "" // OpenSALT's draft titles every end "Origin" or "Destination"
	}
	switch {
	case l.Identifier != "":
		e.key = r.resolve(l.Identifier)
	case l.URI != "":
		e.key = r.resolve(l.URI)
	}
	return e
}
