package standards

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum/framework"
)

// canvasBreaks are the HTML elements that start or end a line of text.
var canvasBreaks = map[string]bool{
	"br": true, "p": true, "/p": true, "div": true, "/div": true, "li": true, "/li": true, "tr": true, "/tr": true,
	"ul": true, "/ul": true, "ol": true, "/ol": true, "blockquote": true, "/blockquote": true, "table": true, "/table": true,
	"h1": true, "/h1": true, "h2": true, "/h2": true, "h3": true, "/h3": true, "h4": true, "/h4": true, "h5": true, "/h5": true, "h6": true, "/h6": true,
}

// canvasText turns a description, which Canvas keeps as HTML
// (LearningOutcome.html_fields), into plain text: tags dropped, entities
// decoded, line breaks where paragraphs, breaks and list items are, runs
// of spaces made one, blank lines dropped. Plain text comes out tidied the
// same way.
func canvasText(s string) string {
	if !strings.ContainsAny(s, "<&") {
		return canvasTidy(s)
	}
	var b strings.Builder
	for s != "" {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			b.WriteString(html.UnescapeString(s))
			break
		}
		b.WriteString(html.UnescapeString(s[:i]))
		s = s[i:]
		if strings.HasPrefix(s, "<!--") {
			if end := strings.Index(s, "-->"); end >= 0 {
				s = s[end+3:]
			} else {
				s = ""
			}
			continue
		}
		end := strings.IndexByte(s, '>')
		if end < 0 || !canvasTagStart(s[1:]) {
			b.WriteByte('<')
			s = s[1:]
			continue
		}
		tag := canvasTagName(s[1:end])
		s = s[end+1:]
		switch {
		case tag == "script" || tag == "style":
			if close := strings.Index(strings.ToLower(s), "</"+tag); close >= 0 {
				s = s[close:]
			} else {
				s = ""
			}
		case canvasBreaks[tag]:
			b.WriteByte('\n')
		}
	}
	return canvasTidy(b.String())
}

// canvasTagStart reports whether text after a "<" starts a tag: a letter,
// or a slash or "!" before one.
func canvasTagStart(s string) bool {
	r, _ := utf8.DecodeRuneInString(strings.TrimPrefix(strings.TrimPrefix(s, "/"), "!"))
	return r < utf8.RuneSelf && unicode.IsLetter(r)
}

// canvasTagName returns a tag's lower-cased name, "/p" for a closing one.
func canvasTagName(inside string) string {
	closing := strings.HasPrefix(inside, "/")
	inside = strings.TrimPrefix(inside, "/")
	end := strings.IndexFunc(inside, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if end >= 0 {
		inside = inside[:end]
	}
	name := strings.ToLower(inside)
	if closing {
		return "/" + name
	}
	return name
}

// canvasTidy makes every run of spaces in a line one space and drops
// blank lines.
func canvasTidy(s string) string {
	var lines []string
	for _, line := range strings.Split(s, "\n") {
		if line = strings.Join(strings.Fields(line), " "); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// canvasHTML writes plain text as the HTML Canvas keeps a description in:
// escaped, each line break a <br>. canvasText reads it back.
func canvasHTML(s string) string {
	lines := strings.Split(canvasTidy(s), "\n")
	for i, l := range lines {
		lines[i] = html.EscapeString(l)
	}
	return strings.Join(lines, "<br>")
}

// canvasFirstLine returns the first line of s, at most 255 characters (the
// length of a Canvas title).
func canvasFirstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return canvasCut(strings.TrimSpace(line), 255)
}

// canvasCut returns s cut to at most n runes.
func canvasCut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// canvasCodeOf returns s when it can serve as a target's code (at most 64
// printable characters, none of / , ;), else "".
func canvasCodeOf(s string) string {
	s = strings.TrimSpace(s)
	if s == "" || utf8.RuneCountInString(s) > 64 {
		return ""
	}
	for _, r := range s {
		if !unicode.IsPrint(r) || r == '/' || r == ',' || r == ';' {
			return ""
		}
	}
	return s
}

// assignCodes gives each outcome its code: its title when that can be a
// code and no other outcome has it, else its display name on the same
// terms. An outcome with neither is coded by its vendor_guid when built.
func (r *canvasReader) assignCodes() {
	titles, displays := map[string]int{}, map[string]int{}
	for _, e := range r.entries {
		if e.kind == canvasOutcome {
			titles[strings.ToLower(e.title)]++
			displays[strings.ToLower(e.display)]++
		}
	}
	taken := map[string]bool{}
	var keyed []string
	for _, e := range r.entries {
		if e.kind != canvasOutcome {
			continue
		}
		it := &r.fw.Items[e.item]
		for _, c := range []struct {
			text  string
			count map[string]int
		}{{e.title, titles}, {e.display, displays}} {
			code := canvasCodeOf(c.text)
			if code != "" && c.count[strings.ToLower(c.text)] == 1 && !taken[strings.ToLower(code)] {
				it.Code = code
				taken[strings.ToLower(code)] = true
				break
			}
		}
		if it.Code == "" {
			keyed = append(keyed, it.Key)
		}
	}
	if len(keyed) > 0 {
		r.warn(framework.Place{}, "neither the title nor the display name of %s can serve as a code (one no other outcome has, at most 64 characters, without / , or ;); the vendor_guid is the code",
			canvasNames("outcome", "outcomes", keyed))
	}
}
