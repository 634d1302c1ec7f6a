package standards

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/continuum-planner/planner/continuum/framework"
)

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
