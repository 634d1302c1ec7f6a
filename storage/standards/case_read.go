package standards

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// ReadCASE reads a CASE package (a CFPackage: CFDocument, CFItems,
// CFAssociations, CFDefinitions) as CASE 1.0 and 1.1 write it, and in
// OpenSALT's older draft shape (ASN URIs as identifiers, a single
// "educationalLevel", "originNodeIdentifier", CFPackageURI as text). It
// also takes a document with its CFItems but no package around them, and
// a file that starts with a UTF-8 byte order mark.
//
// The document becomes an item of its own (IsFramework, keyed by its
// identifier), so an item that isChildOf the document is at the top. Each
// CFItem becomes an item keyed by its identifier, each CFAssociation an
// association; isChildOf associations stay associations, for
// framework.Build to place the items by. Fields the framework has no
// place for are named once each in Framework.Warnings. A file that is not
// JSON, or not a CASE package, gives a *Problem saying what it is.
func ReadCASE(raw []byte) (*framework.Framework, error) {
	fw, err := readCASE(raw)
	if err != nil {
		return nil, fmt.Errorf("read CASE package: %w", err)
	}
	return fw, nil
}

func readCASE(raw []byte) (*framework.Framework, error) {
	top, err := decodeCASE(raw)
	if err != nil {
		return nil, err
	}
	pkg, err := findPackage(top)
	if err != nil {
		return nil, err
	}
	r := &caseReader{
		fw:    &framework.Framework{Origin: continuum.Origin{Format: continuum.FormatCASE}},
		alias: map[string]string{},
		keys:  map[string]bool{},
		types: map[string]string{},
	}
	r.checkTop(pkg)
	r.readDefinitions(pkg.top)
	r.readDocument(pkg)
	if err := r.readItems(pkg.items); err != nil {
		return nil, err
	}
	r.readAssociations(pkg.top)
	r.fw.Warnings = append(r.fw.Warnings, r.notes.warnings()...)
	return r.fw, nil
}

var utf8BOM = []byte("\xef\xbb\xbf")

// decodeCASE reads the file's top-level JSON object.
func decodeCASE(raw []byte) (caseObject, error) {
	raw = bytes.TrimPrefix(raw, utf8BOM)
	switch jsonKind(raw) {
	case 0:
		return nil, &Problem{Message: "the file is empty; expected a CASE package: JSON with a CFDocument and its CFItems"}
	case '{':
		var top caseObject
		if err := json.Unmarshal(raw, &top); err != nil {
			return nil, jsonProblem(raw, err)
		}
		return top, nil
	}
	var list []json.RawMessage
	if err := json.Unmarshal(raw, &list); err != nil {
		var typ *json.UnmarshalTypeError
		if !errors.As(err, &typ) {
			return nil, jsonProblem(raw, err)
		}
		return nil, &Problem{Message: "the file holds a single JSON " + typ.Value + ", not a CASE package; " + expectPackage}
	}
	return nil, &Problem{Message: fmt.Sprintf("the file holds a JSON list of %d values, not a CASE package; %s", len(list), expectPackage)}
}

// expectPackage says what a CASE file holds, for messages.
const expectPackage = "expected a JSON object with a CFDocument and its CFItems, as a CASE CFPackage export writes it"

// jsonProblem says where a file stops being JSON, by line and column.
func jsonProblem(raw []byte, err error) error {
	var syn *json.SyntaxError
	if !errors.As(err, &syn) {
		return &Problem{Message: "the file is not valid JSON: " + err.Error() + "; fix it or export the package again"}
	}
	at := int(syn.Offset) - 1
	if strings.Contains(syn.Error(), "end of JSON input") {
		at = len(raw)
	}
	at = min(max(at, 0), len(raw))
	line := 1 + bytes.Count(raw[:at], []byte("\n"))
	col := 1 + utf8.RuneCount(raw[bytes.LastIndexByte(raw[:at], '\n')+1:at])
	return &Problem{Message: fmt.Sprintf("the file is not valid JSON: line %d, column %d: %s; fix it there or export the package again", line, col, syn.Error())}
}

// casePackage is where a file keeps the parts of a package.
type casePackage struct {
	// top holds CFItems, CFAssociations and CFDefinitions.
	top caseObject
	// doc is the CFDocument; nil when the file has none.
	doc caseObject
	// docAtTop says the document's fields are top's own (no package around them).
	docAtTop bool
	// items is the raw CFItems list.
	items json.RawMessage
}

// findPackage finds the document and the items, or says what the file is instead.
func findPackage(top caseObject) (casePackage, error) {
	if inner, ok := top.object("CFPackage"); ok {
		top = inner
	}
	p := casePackage{top: top}
	docRaw, hasDoc := top.field("CFDocument")
	if hasDoc {
		var ok bool
		if p.doc, ok = jsonObject(docRaw); !ok {
			return p, &Problem{Place: framework.Place{Section: "CFDocument", JSON: true}, Message: "expected the document as a JSON object {\"identifier\": …, \"title\": …}"}
		}
	}
	items, hasItems := top.field("CFItems")
	if !hasItems {
		return p, notCASE(top, hasDoc)
	}
	if k := jsonKind(items); k != '[' && k != 'n' {
		return p, &Problem{Place: framework.Place{Section: "CFItems", JSON: true}, Message: "expected a list of items [{…}, {…}]; export the package again"}
	}
	p.items = items
	if !hasDoc && (top.text("identifier") != "" || top.text("title") != "") {
		p.doc, p.docAtTop = top, true
	}
	return p, nil
}

// notCASE says what a JSON object without CFItems is.
func notCASE(top caseObject, hasDoc bool) error {
	msg := ""
	switch _, docs := top.field("CFDocuments"); {
	case hasDoc:
		msg = "the package has a CFDocument but no CFItems, so it holds no standards; export the whole CFPackage (the document with its items)"
	case docs:
		msg = "the file is a list of CASE documents (CFDocuments) without their items; export the CFPackage of one of them"
	case top.text("fullStatement") != "":
		msg = "the file is a single CASE item, not a package; export the CFPackage of its document"
	default:
		keys := make([]string, 0, len(top))
		for k := range top {
			keys = append(keys, fmt.Sprintf("%q", k))
		}
		slices.Sort(keys)
		if len(keys) > 6 {
			keys = append(keys[:6], "…")
		}
		what := "an empty JSON object"
		if len(keys) > 0 {
			what = "a JSON object with the fields " + strings.Join(keys, ", ")
		}
		msg = "the file holds " + what + ", not a CASE package; " + expectPackage
	}
	return &Problem{Message: msg}
}

// caseReader fills a framework from a package.
type caseReader struct {
	fw    *framework.Framework
	notes fieldNotes
	// alias finds an item's key by the identifier written in the file (as
	// written and lower-cased) or by its URI.
	alias map[string]string
	// keys are the item keys taken so far.
	keys map[string]bool
	// types are the CFItemTypes' titles by identifier.
	types map[string]string
}

// warn adds a warning at place.
func (r *caseReader) warn(place framework.Place, format string, args ...any) {
	r.fw.Warnings = append(r.fw.Warnings, framework.Warning{Place: place, Message: fmt.Sprintf(format, args...)})
}

// remember makes written and uri find key.
func (r *caseReader) remember(key string, names ...string) {
	for _, n := range names {
		if n == "" {
			continue
		}
		if _, taken := r.alias[n]; !taken {
			r.alias[n] = key
		}
		if l := strings.ToLower(n); l != n {
			if _, taken := r.alias[l]; !taken {
				r.alias[l] = key
			}
		}
	}
}

// resolve returns the key of the item written as id, or id itself.
func (r *caseReader) resolve(id string) string {
	if k, ok := r.alias[id]; ok {
		return k
	}
	if k, ok := r.alias[strings.ToLower(id)]; ok {
		return k
	}
	return id
}

// keepURI returns uri unless it says nothing more than the identifier
// written beside it (the URN a CASE writer makes for a record without one).
func keepURI(uri, written string) string {
	if uri == "" || written != "" && uri == syntheticURI(written) {
		return ""
	}
	return uri
}

// sourceIdentifier returns the identifier the record had in its first
// source, as WriteCASE keeps it when that identifier was not a UUID.
func sourceIdentifier(o caseObject) string {
	if ext, ok := o.object("extensions"); ok {
		return ext.text("sourceIdentifier")
	}
	return ""
}

// readDefinitions keeps the item types' titles, for items that name their
// type only by a link.
func (r *caseReader) readDefinitions(top caseObject) {
	defs, ok := top.object("CFDefinitions")
	if !ok {
		return
	}
	raw, ok := defs.field("CFItemTypes")
	if !ok || jsonKind(raw) != '[' {
		return
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return
	}
	for _, v := range list {
		if t, ok := jsonObject(v); ok && t.text("identifier") != "" {
			r.types[t.text("identifier")] = t.text("title")
		}
	}
}
