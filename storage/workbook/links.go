package workbook

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum"
)

// A Links cell holds a target's or group's links, one a line:
//
//	exactMatchOf → 6.RP.A.1 (id: 3c1b2a; uri: urn:case:3c1b2a; association: a-17)
//	isRelatedTo ← 7.RP.A.2
//	exactMatchOf → (title: Understand ratio concepts; uri: https://example.org/6RPA1)
//
// Each link is its kind (the CASE association type, as written there), an
// arrow, the code of the other end when it is in this continuum (a target
// code or a group key), and, in brackets, the other end's details: title,
// id, uri, and the association's own identifier. → says "this record
// [kind] the other end"; ← says "the other end [kind] this record" (an
// inbound association). "->" and "<-" read as the arrows, and a semicolon
// outside quotes and brackets separates links as a line break does. A
// value that holds a quote, a semicolon, a bracket, a line break or spaces
// at its ends is written in double quotes, with a quote inside doubled
// ("say ""hi"""); so is a code holding a space before a bracket.

// The names of a link's details, in the order they are written.
const (
	linkTitle       = "title"
	linkID          = "id"
	linkURI         = "uri"
	linkAssociation = "association"
)

// linkExample is a link as the Links column expects it, for messages.
const linkExample = "one link a line, such as exactMatchOf → 6.RP.A.1 (id: …; uri: …)"

// formatLinks writes links as a Links cell, one a line.
func formatLinks(links []continuum.Link) string {
	lines := make([]string, len(links))
	for i, l := range links {
		lines[i] = formatLink(l)
	}
	return strings.Join(lines, "\n")
}

// formatLink writes one link.
func formatLink(l continuum.Link) string {
	var b strings.Builder
	b.WriteString(quoteIf(l.Kind, !bareKind(l.Kind)))
	if l.Inbound {
		b.WriteString(" ←")
	} else {
		b.WriteString(" →")
	}
	if l.Code != "" {
		b.WriteByte(' ')
		b.WriteString(quoteIf(l.Code, !bareCode(l.Code)))
	}
	var details []string
	for _, d := range [][2]string{{linkTitle, l.Title}, {linkID, l.ID}, {linkURI, l.URI}, {linkAssociation, l.AssociationID}} {
		if d[1] != "" {
			details = append(details, d[0]+": "+quoteIf(d[1], !bareValue(d[1])))
		}
	}
	if len(details) > 0 {
		b.WriteString(" (")
		b.WriteString(strings.Join(details, "; "))
		b.WriteByte(')')
	}
	return b.String()
}

// quoteIf returns s in double quotes, with its quotes doubled, when q is set.
func quoteIf(s string, q bool) string {
	if !q {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// plainText reports whether s may be written bare in any part of a link:
// not empty, no spaces at its ends, no quote at its start, and none of
// the characters that end a part.
func plainText(s string) bool {
	if s == "" || strings.HasPrefix(s, `"`) {
		return false
	}
	first, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	if unicode.IsSpace(first) || unicode.IsSpace(last) {
		return false
	}
	for _, r := range s {
		if r == ';' || unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// bareKind reports whether a kind can be written without quotes: a kind
// ends at a space or an arrow.
func bareKind(s string) bool {
	return plainText(s) && !strings.ContainsAny(s, "\"()→←") && !strings.Contains(s, "->") &&
		!strings.Contains(s, "<-") && strings.IndexFunc(s, unicode.IsSpace) < 0
}

// bareCode reports whether a code can be written without quotes: a code
// ends where its details' bracket opens (a bracket at its start or after
// a space).
func bareCode(s string) bool {
	if !plainText(s) || strings.HasPrefix(s, "(") {
		return false
	}
	prev := ' '
	for _, r := range s {
		if r == '(' && unicode.IsSpace(prev) {
			return false
		}
		prev = r
	}
	return true
}

// bareValue reports whether a detail's value can be written without
// quotes: a value ends at a semicolon or the closing bracket.
func bareValue(s string) bool { return plainText(s) && !strings.Contains(s, ")") }

// parseLinks reads a Links cell. An error names the link (from 1) and
// says what was expected.
func parseLinks(s string) ([]continuum.Link, error) {
	p := &linkParser{s: s}
	var out []continuum.Link
	for n := 1; ; n++ {
		p.skipSeparators()
		if p.done() {
			break
		}
		start := p.i
		l, err := p.link()
		if err != nil {
			return nil, fmt.Errorf("link %d (%s): %w", n, snippet(s[start:]), err)
		}
		out = append(out, l)
	}
	return out, nil
}

// snippet is the start of a link's text for a message: its first line, cut short.
func snippet(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	s = strings.TrimSpace(s)
	if r := []rune(s); len(r) > 40 {
		s = string(r[:40]) + "…"
	}
	return fmt.Sprintf("%q", s)
}

// linkParser reads a Links cell from left to right.
type linkParser struct {
	s string
	i int
}

func (p *linkParser) done() bool { return p.i >= len(p.s) }

func (p *linkParser) peek() rune {
	r, _ := utf8.DecodeRuneInString(p.s[p.i:])
	return r
}

// skipSpace skips spaces within a line.
func (p *linkParser) skipSpace() {
	for !p.done() {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if r == '\n' || r == '\r' || !unicode.IsSpace(r) {
			return
		}
		p.i += n
	}
}

// skipSeparators skips blank space, line breaks and semicolons between links.
func (p *linkParser) skipSeparators() {
	for !p.done() {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if r != ';' && !unicode.IsSpace(r) {
			return
		}
		p.i += n
	}
}

// atEnd reports whether the link ends here: at the end of the cell, a line break or a semicolon.
func (p *linkParser) atEnd() bool {
	if p.done() {
		return true
	}
	r := p.peek()
	return r == '\n' || r == '\r' || r == ';'
}

// arrow reads an arrow; ok is false when there is none here.
func (p *linkParser) arrow() (inbound, ok bool) {
	for _, a := range []struct {
		text    string
		inbound bool
	}{{"→", false}, {"->", false}, {"←", true}, {"<-", true}} {
		if strings.HasPrefix(p.s[p.i:], a.text) {
			p.i += len(a.text)
			return a.inbound, true
		}
	}
	return false, false
}

var errOpenQuote = errors.New(`a quote is not closed; close it with " (a quote inside a value is written twice: "")`)

// quoted reads a value in double quotes, from its opening quote.
func (p *linkParser) quoted() (string, error) {
	p.i++
	var b strings.Builder
	for {
		j := strings.IndexByte(p.s[p.i:], '"')
		if j < 0 {
			return "", errOpenQuote
		}
		b.WriteString(p.s[p.i : p.i+j])
		p.i += j + 1
		if !strings.HasPrefix(p.s[p.i:], `"`) {
			return b.String(), nil
		}
		b.WriteByte('"')
		p.i++
	}
}

// link reads one link, up to the end of its line.
func (p *linkParser) link() (continuum.Link, error) {
	var l continuum.Link
	var err error
	if l.Kind, err = p.kind(); err != nil {
		return l, err
	}
	p.skipSpace()
	inbound, ok := p.arrow()
	if !ok {
		return l, fmt.Errorf("expected an arrow after the kind %q: → (or ->) for this record's link to the other end, ← (or <-) for the other end's link to this record", l.Kind)
	}
	l.Inbound = inbound
	p.skipSpace()
	if l.Code, err = p.code(); err != nil {
		return l, err
	}
	p.skipSpace()
	if !p.done() && p.peek() == '(' {
		if err := p.details(&l); err != nil {
			return l, err
		}
		p.skipSpace()
	}
	if !p.atEnd() {
		return l, fmt.Errorf("unexpected %s after the link; start the next link on a line of its own", snippet(p.s[p.i:]))
	}
	return l, nil
}

// kind reads the link's kind: quoted, or up to a space or an arrow.
func (p *linkParser) kind() (string, error) {
	if p.peek() == '"' {
		return p.quoted()
	}
	start := p.i
	for !p.done() {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		rest := p.s[p.i:]
		if unicode.IsSpace(r) || r == ';' || r == '(' || r == ')' || r == '"' || r == '→' || r == '←' ||
			strings.HasPrefix(rest, "->") || strings.HasPrefix(rest, "<-") {
			break
		}
		p.i += n
	}
	if p.i == start {
		return "", errors.New("expected the link's kind first, such as exactMatchOf or isRelatedTo")
	}
	return p.s[start:p.i], nil
}

// code reads the other end's code: quoted, or up to its details' bracket
// (at the start or after a space), a semicolon or the end of the line;
// empty when there is none.
func (p *linkParser) code() (string, error) {
	if p.atEnd() {
		return "", nil
	}
	switch p.peek() {
	case '"':
		return p.quoted()
	case '(':
		return "", nil
	}
	start := p.i
	prev := 'x'
	for !p.atEnd() {
		r, n := utf8.DecodeRuneInString(p.s[p.i:])
		if r == '(' && unicode.IsSpace(prev) {
			break
		}
		prev = r
		p.i += n
	}
	return strings.TrimRightFunc(p.s[start:p.i], unicode.IsSpace), nil
}

// details reads the bracketed details of a link into l, from the bracket.
func (p *linkParser) details(l *continuum.Link) error {
	p.i++ // (
	seen := map[string]bool{}
	for {
		p.skipSpace()
		name, err := p.detailName()
		if err != nil {
			return err
		}
		if seen[name] {
			return fmt.Errorf("the detail %s is given twice; give it once", name)
		}
		seen[name] = true
		p.skipSpace()
		v, err := p.detailValue()
		if err != nil {
			return err
		}
		setDetail(l, name, v)
		p.skipSpace()
		switch {
		case p.done():
			return errors.New("the details' bracket is not closed; end them with )")
		case p.peek() == ';':
			p.i++
		case p.peek() == ')':
			p.i++
			return nil
		default:
			return fmt.Errorf("expected ; or ) after the %s, found %s", name, snippet(p.s[p.i:]))
		}
	}
}

// detailName reads a detail's name and its colon.
func (p *linkParser) detailName() (string, error) {
	j := strings.IndexAny(p.s[p.i:], ":;)\n")
	if j < 0 || p.s[p.i+j] != ':' {
		return "", fmt.Errorf("expected a detail such as id: … inside the brackets, found %s", snippet(p.s[p.i:]))
	}
	name := strings.ToLower(strings.TrimSpace(p.s[p.i : p.i+j]))
	switch name {
	case linkTitle, linkID, linkURI, linkAssociation:
	default:
		return "", fmt.Errorf("%q is not a detail of a link; expected title, id, uri or association", strings.TrimSpace(p.s[p.i:p.i+j]))
	}
	p.i += j + 1
	return name, nil
}

// detailValue reads a detail's value: quoted, or up to ; or ) trimmed.
func (p *linkParser) detailValue() (string, error) {
	if !p.done() && p.peek() == '"' {
		return p.quoted()
	}
	j := strings.IndexAny(p.s[p.i:], ";)\n\r")
	if j < 0 {
		j = len(p.s) - p.i
	}
	v := strings.TrimSpace(p.s[p.i : p.i+j])
	p.i += j
	return v, nil
}

func setDetail(l *continuum.Link, name, v string) {
	switch name {
	case linkTitle:
		l.Title = v
	case linkID:
		l.ID = v
	case linkURI:
		l.URI = v
	case linkAssociation:
		l.AssociationID = v
	}
}
