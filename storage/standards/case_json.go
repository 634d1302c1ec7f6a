package standards

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"math"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
)

// caseObject is a JSON object of a CASE file, its fields found by their
// exact name or, failing that, case-insensitively: exports differ in
// how they capitalise "CFItemType" or "cfDocument".
type caseObject map[string]json.RawMessage

// field returns the raw value of the field called name.
func (o caseObject) field(name string) (json.RawMessage, bool) {
	if v, ok := o[name]; ok {
		return v, true
	}
	for k, v := range o {
		if strings.EqualFold(k, name) {
			return v, true
		}
	}
	return nil, false
}

// text returns the field called name as text (see jsonText), trimmed.
func (o caseObject) text(name string) string {
	raw, ok := o.field(name)
	if !ok {
		return ""
	}
	s, _ := jsonText(raw)
	return strings.TrimSpace(s)
}

// object returns the field called name when it is a JSON object.
func (o caseObject) object(name string) (caseObject, bool) {
	raw, ok := o.field(name)
	if !ok {
		return nil, false
	}
	return jsonObject(raw)
}

// jsonKind returns the first byte of a JSON value: '{', '[', '"', 'n',
// 't', 'f', or a digit or '-' for a number; 0 for nothing.
func jsonKind(raw json.RawMessage) byte {
	raw = bytes.TrimLeft(raw, " \t\r\n")
	if len(raw) == 0 {
		return 0
	}
	return raw[0]
}

// jsonObject decodes raw when it is a JSON object.
func jsonObject(raw json.RawMessage) (caseObject, bool) {
	if jsonKind(raw) != '{' {
		return nil, false
	}
	var o caseObject
	if json.Unmarshal(raw, &o) != nil {
		return nil, false
	}
	return o, true
}

// jsonText returns a JSON value as text: a string as it is, a number or
// a boolean as written, null as "". ok is false for an object or a list.
func jsonText(raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	switch jsonKind(raw) {
	case 0, 'n':
		return "", true
	case '"':
		if len(raw) >= 2 && raw[len(raw)-1] == '"' && plainText(raw[1:len(raw)-1]) {
			return string(raw[1 : len(raw)-1]), true
		}
		var s string
		if json.Unmarshal(raw, &s) != nil {
			return "", false
		}
		return s, true
	case '{', '[':
		return "", false
	}
	return string(raw), true
}

// plainText reports whether the inside of a JSON string needs no
// decoding: no escape, no quote, no control character, valid UTF-8.
func plainText(b []byte) bool {
	for _, c := range b {
		if c == '\\' || c == '"' || c < 0x20 {
			return false
		}
	}
	return utf8.Valid(b)
}

// jsonTexts returns a list of texts, or a single text as a list of one.
func jsonTexts(raw json.RawMessage) ([]string, bool) {
	if jsonKind(raw) != '[' {
		s, ok := jsonText(raw)
		if !ok || strings.TrimSpace(s) == "" {
			return nil, ok
		}
		return []string{strings.TrimSpace(s)}, true
	}
	var list []json.RawMessage
	if json.Unmarshal(raw, &list) != nil {
		return nil, false
	}
	var out []string
	ok := true
	for _, v := range list {
		s, good := jsonText(v)
		if !good {
			ok = false
			continue
		}
		if s = strings.TrimSpace(s); s != "" {
			out = append(out, s)
		}
	}
	return out, ok
}

// jsonInt returns a whole number written as a JSON number or as text
// such as "3", "3." or "3)" (a CASE listEnumeration).
func jsonInt(raw json.RawMessage) (int, bool) {
	s, ok := jsonText(raw)
	if !ok {
		return 0, false
	}
	s = strings.TrimSpace(s)
	if jsonKind(raw) == '"' {
		s = strings.TrimRight(s, ".)")
		if s == "" || strings.ContainsAny(s, ".eE+") {
			return 0, false
		}
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || f != math.Trunc(f) || math.Abs(f) > math.MaxInt32 {
		return 0, false
	}
	return int(f), true
}

// caseLink is a CASE LinkURI or LinkGenURI: the title, identifier and
// URI of a record another record points at.
type caseLink struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

// jsonLink reads a link written as an object, or as one text: a URI when
// it looks like one, otherwise an identifier.
func jsonLink(raw json.RawMessage) (caseLink, bool) {
	if o, ok := jsonObject(raw); ok {
		return caseLink{Title: o.text("title"), Identifier: o.text("identifier"), URI: o.text("uri")}, true
	}
	s, ok := jsonText(raw)
	if !ok {
		return caseLink{}, false
	}
	s = strings.TrimSpace(s)
	if u, err := url.Parse(s); err == nil && u.Scheme != "" && strings.Contains(s, "/") {
		return caseLink{URI: s}, true
	}
	return caseLink{Identifier: s}, true
}

// isUUID reports whether s is a UUID written in the usual 8-4-4-4-12
// hexadecimal form, as CASE requires of identifiers.
func isUUID(s string) bool {
	if len(s) != 36 {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
				return false
			}
		}
	}
	return true
}

// namespaceURL is the RFC 4122 name space for names that are URLs.
var namespaceURL = [16]byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}

// namespacePlanner is the name space of the identifiers the planner
// derives for records that have none of their own.
var namespacePlanner = uuidBytes(uuidV5(namespaceURL, "https://github.com/continuum-planner/planner/case"))

// uuidV5 returns the name-based (SHA-1, version 5) UUID of name in the
// name space ns, as RFC 4122 section 4.3 makes it: the same name gives
// the same UUID on every machine and every export.
func uuidV5(ns [16]byte, name string) string {
	h := sha1.New()
	h.Write(ns[:])
	h.Write([]byte(name))
	var u [16]byte
	copy(u[:], h.Sum(nil))
	return continuum.FormatUID(u, 5)
}

// uuidBytes returns the 16 bytes of a UUID written by uuidV5.
func uuidBytes(s string) [16]byte {
	var u [16]byte
	hex.Decode(u[:], []byte(strings.ReplaceAll(s, "-", "")))
	return u
}

// identifierUUID returns a UUID standing for a source identifier that is
// not one: the version 5 UUID of the identifier in the URL name space
// when it is a URL (so others derive the same), in the planner's name
// space otherwise.
func identifierUUID(id string) string {
	if absoluteURI(id) {
		return uuidV5(namespaceURL, id)
	}
	return uuidV5(namespacePlanner, id)
}

// absoluteURI reports whether s is a URI with a scheme and nothing a URI
// cannot hold.
func absoluteURI(s string) bool {
	return s != "" && cleanURI(s) == s
}

// cleanURI returns s as an absolute URI (RFC 3986): characters a URI
// cannot hold are percent-encoded. It returns "" when s has no scheme.
func cleanURI(s string) string {
	s = strings.TrimSpace(s)
	colon := strings.IndexByte(s, ':')
	if colon < 1 || !validScheme(s[:colon]) {
		return ""
	}
	var b strings.Builder
	fragment := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '#' && !fragment {
			fragment = true
			b.WriteByte(c)
			continue
		}
		if c == '%' && i+2 < len(s) && isHex(s[i+1]) && isHex(s[i+2]) || uriByte(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteString("%" + strings.ToUpper(hex.EncodeToString([]byte{c})))
	}
	return b.String()
}

// validScheme reports whether s is a URI scheme: a letter, then letters,
// digits, "+", "-" or ".".
func validScheme(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
		if !letter && (i == 0 || !('0' <= c && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	return s != ""
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// uriByte reports whether c may stand anywhere in a URI's path, query
// or fragment as it is: unreserved, a sub-delimiter, ":", "@", "/" or "?".
func uriByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' ||
		strings.IndexByte("-._~:/?@!$&'()*+,;=", c) >= 0
}

// syntheticURI is the URI written for a record that has none: a URN of
// its UUID. The reader recognises it and keeps no URI.
func syntheticURI(id string) string {
	if isUUID(id) {
		return "urn:uuid:" + strings.ToLower(id)
	}
	if absoluteURI(id) {
		return id
	}
	return "urn:uuid:" + identifierUUID(id)
}
