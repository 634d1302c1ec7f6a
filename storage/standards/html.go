package standards

import (
	"html"
	"strings"
)

// htmlBlocks are the elements that end a paragraph: text after one starts
// after a blank line.
var htmlBlocks = map[string]bool{
	"p": true, "div": true, "li": true, "ul": true, "ol": true, "dl": true, "dt": true, "dd": true,
	"table": true, "thead": true, "tbody": true, "tfoot": true, "tr": true, "caption": true,
	"blockquote": true, "pre": true, "hr": true, "section": true, "article": true, "header": true,
	"footer": true, "aside": true, "nav": true, "figure": true, "figcaption": true, "address": true,
	"h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
}

// htmlCells are the elements that separate words without a line break.
var htmlCells = map[string]bool{"td": true, "th": true}

// htmlSkipped are the elements whose content is not text to read.
var htmlSkipped = map[string]bool{"script": true, "style": true, "head": true, "title": true, "template": true}

// HTMLToText turns an HTML fragment (a Moodle or Canvas description) into
// plain text as a browser shows it: tags dropped, entities decoded, runs
// of white space made one space, a line break for each <br>, a blank line
// between paragraphs and other blocks, scripts and comments left out. A
// no-break space (&nbsp;) becomes an ordinary space and is never merged
// with its neighbours, so TextToHTML can keep runs of spaces. Plain text
// without markup comes out with its white space tidied the same way.
func HTMLToText(s string) string {
	var t htmlText
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			t.text(s)
			break
		}
		t.text(s[:i])
		s = s[i:]
		if !htmlMarkupStart(s) {
			t.text("<")
			s = s[1:]
			continue
		}
		s = t.markup(s)
	}
	return t.result()
}

// htmlMarkupStart reports whether s, which starts with "<", starts a tag,
// a comment or a declaration, as an HTML parser decides: "<" followed by a
// letter, "/" and a letter, "!" or "?". Any other "<" is text ("a < b").
func htmlMarkupStart(s string) bool {
	if len(s) < 2 {
		return false
	}
	c := s[1]
	switch {
	case htmlLetter(c), c == '!', c == '?':
		return true
	case c == '/':
		return len(s) > 2 && htmlLetter(s[2])
	}
	return false
}

func htmlLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// htmlText gathers the text of a fragment. Spaces that come from white
// space in the source are soft: merged, and dropped at the start and end
// of a line. Characters from the text and its entities are kept as they are.
type htmlText struct {
	b         []rune
	soft      bool // a soft space is due before the next character
	paragraph bool // a paragraph break is due before the next character
}

// text adds a run of text from between tags.
func (t *htmlText) text(s string) {
	for s != "" {
		i := strings.IndexFunc(s, htmlSpace)
		if i < 0 {
			t.literal(html.UnescapeString(s))
			return
		}
		if i > 0 {
			t.literal(html.UnescapeString(s[:i]))
		}
		j := strings.IndexFunc(s[i:], func(r rune) bool { return !htmlSpace(r) })
		t.soft = true
		if j < 0 {
			return
		}
		s = s[i+j:]
	}
}

// htmlSpace reports the characters HTML treats as white space.
func htmlSpace(r rune) bool {
	return r == ' ' || r == '\t' || r == '\n' || r == '\r' || r == '\f'
}

// literal adds characters kept as they are.
func (t *htmlText) literal(s string) {
	if s == "" {
		return
	}
	if t.paragraph {
		t.paragraph = false
		t.soft = false
		if len(t.b) > 0 {
			t.b = append(t.b, '\n', '\n')
		}
	}
	if t.soft {
		t.soft = false
		if n := len(t.b); n > 0 && t.b[n-1] != '\n' {
			t.b = append(t.b, ' ')
		}
	}
	t.b = append(t.b, []rune(s)...)
}

// lineBreak adds a line break (<br>).
func (t *htmlText) lineBreak() {
	t.soft = false
	if t.paragraph {
		t.literal("\n")
		return
	}
	t.b = append(t.b, '\n')
}

// block marks the end of a paragraph: line breaks just before it are
// dropped, and the next text starts after a blank line.
func (t *htmlText) block() {
	t.soft = false
	for n := len(t.b); n > 0 && t.b[n-1] == '\n'; n-- {
		t.b = t.b[:n-1]
	}
	t.paragraph = true
}

// markup reads the tag, comment or declaration at the start of s and
// returns what follows it.
func (t *htmlText) markup(s string) string {
	if strings.HasPrefix(s, "<!--") {
		end := strings.Index(s[4:], "-->")
		if end < 0 {
			return ""
		}
		return s[4+end+3:]
	}
	if s[1] == '!' || s[1] == '?' {
		end := strings.IndexByte(s, '>')
		if end < 0 {
			return ""
		}
		return s[end+1:]
	}
	end := htmlTagEnd(s)
	if end < 0 {
		return ""
	}
	name, closing := htmlTagName(s[1:end])
	rest := s[end+1:]
	switch {
	case name == "br":
		t.lineBreak()
	case htmlBlocks[name]:
		t.block()
	case htmlCells[name]:
		t.soft = true
	case htmlSkipped[name] && !closing:
		return htmlSkipTo(rest, name)
	}
	return rest
}

// htmlTagEnd returns the index of the ">" that closes the tag at the start
// of s, skipping quoted attribute values; -1 when the tag never closes.
func htmlTagEnd(s string) int {
	var quote byte
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			return i
		}
	}
	return -1
}

// htmlTagName returns a tag's lower-cased name and whether it closes an element.
func htmlTagName(inside string) (string, bool) {
	closing := strings.HasPrefix(inside, "/")
	inside = strings.TrimPrefix(inside, "/")
	end := 0
	for end < len(inside) && (htmlLetter(inside[end]) || inside[end] >= '0' && inside[end] <= '9') {
		end++
	}
	return strings.ToLower(inside[:end]), closing
}

// htmlSkipTo returns what follows the closing tag of element name in s,
// or "" when it never closes.
func htmlSkipTo(s, name string) string {
	lower := strings.ToLower(s)
	for from := 0; ; {
		i := strings.Index(lower[from:], "</"+name)
		if i < 0 {
			return ""
		}
		at := from + i
		if end := htmlTagEnd(s[at:]); end >= 0 {
			if n, _ := htmlTagName(s[at+1 : at+end]); n == name {
				return s[at+end+1:]
			}
		}
		from = at + 2
	}
}

// result returns the text: carriage returns (from &#13;) made line
// breaks, line breaks at either end dropped, no-break spaces made
// ordinary ones.
func (t *htmlText) result() string {
	s := strings.NewReplacer("\r\n", "\n", "\r", "\n", "\u00a0", " ").Replace(string(t.b))
	return strings.Trim(s, "\n")
}

// TextToHTML writes plain text as an HTML fragment that HTMLToText reads
// back unchanged: &, < and > escaped, a backslash as &#92; (so that no
// backslash reaches a CSV reader that treats it as an escape), each line
// break as <br>, tabs and carriage returns as character references, and
// every space a browser would merge or drop (at the start or end of a
// line, or after another space) as &nbsp;. Text with no-break spaces
// comes back with ordinary ones; line breaks at either end are dropped.
func TextToHTML(s string) string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	lines := strings.Split(s, "\n")
	var b strings.Builder
	for i, line := range lines {
		if i > 0 {
			b.WriteString("<br>")
		}
		htmlWriteLine(&b, line)
	}
	return b.String()
}

// htmlWriteLine writes one line of text as HTML.
func htmlWriteLine(b *strings.Builder, line string) {
	prev := rune(-1)
	for i, r := range line {
		switch r {
		case '&':
			b.WriteString("&amp;")
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '\\':
			b.WriteString("&#92;")
		case '\t':
			b.WriteString("&#9;")
		case '\f':
			b.WriteString("&#12;")
		case '\u00a0':
			b.WriteString("&nbsp;")
		case ' ':
			last := i+1 == len(line)
			if prev < 0 || prev == ' ' || last {
				b.WriteString("&nbsp;")
			} else {
				b.WriteByte(' ')
			}
		default:
			b.WriteRune(r)
		}
		prev = r
	}
}
