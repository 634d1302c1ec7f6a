package standards

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// rows returns the file's records: the header, the framework, then each
// competency, its parent before it.
func (p *moodlePlan) rows() ([][]string, error) {
	values, config, err := moodleScaleColumns(p.c.Scale)
	if err != nil {
		return nil, err
	}
	rows := [][]string{slices.Clone(MoodleHeader), {"", p.frameID, moodleShortText(cmp.Or(strings.TrimSpace(p.c.Name), p.frameID)),
		TextToHTML(strings.TrimSpace(p.c.Description)), "1", values, config, "", "", "", "", "", "1", strings.Join(p.terms, ",")}}
	for _, n := range p.nodes {
		parent := ""
		if n.parent != nil {
			parent = n.parent.id
		}
		var related []string
		for _, o := range n.related {
			related = append(related, strings.ReplaceAll(o.id, ",", "%2C"))
		}
		short := cmp.Or(strings.TrimSpace(n.short), strings.TrimSpace(n.text), n.id)
		rows = append(rows, []string{parent, n.id, moodleShortText(short), TextToHTML(strings.TrimSpace(n.text)), "1",
			"", "", "", "0", "null", strings.Join(related, ","), "", "", ""})
	}
	return rows, nil
}

// moodleScaleColumns writes a scale as Moodle's "Scale values" (the
// labels, separated by commas) and "Scale configuration" (the JSON
// tool_lp/scaleconfig writes: the scale's entry, then the lowest value as
// the default and each value from the cut up as proficient).
func moodleScaleColumns(s continuum.Scale) (values, config string, err error) {
	if err := s.Validate(); err != nil {
		return "", "", fmt.Errorf("the scale cannot be written: %s", continuum.ErrorMessage(err))
	}
	labels := make([]string, len(s.Points))
	cut := len(s.Points) - 1
	for i, pt := range s.Points {
		l := strings.TrimSpace(pt.Label)
		switch {
		case strings.Contains(l, ","):
			return "", "", fmt.Errorf("scale point %s is called %q; Moodle separates scale values with commas, so rename the point without one", continuum.FormatScore(pt.Value), l)
		case strings.ContainsAny(l, "\r\n"):
			return "", "", fmt.Errorf("scale point %s's label holds a line break; Moodle's scale values are one line", continuum.FormatScore(pt.Value))
		case strings.Contains(l, `\"`) || strings.HasSuffix(l, `\`):
			return "", "", fmt.Errorf("scale point %s is called %q; Moodle's CSV reader misreads a backslash before a quote or at the end, so rename the point", continuum.FormatScore(pt.Value), l)
		}
		labels[i] = l
		if pt.Value >= s.Cut-1e-9 && i < cut {
			cut = i
		}
	}
	var b strings.Builder
	b.WriteString(`[{"scaleid":"1"}`)
	for i := range labels {
		def, proficient := 0, 0
		if i == 0 {
			def = 1
		}
		if i >= cut {
			proficient = 1
		}
		if def == 0 && proficient == 0 {
			continue
		}
		fmt.Fprintf(&b, `,{"id":%d,"scaledefault":%d,"proficient":%d}`, i+1, def, proficient)
	}
	b.WriteString("]")
	return strings.Join(labels, ","), b.String(), nil
}

// moodleShortText writes a name as a Moodle short name: one line, at most
// 100 characters (cut at a word with "...", as Moodle's shorten_text
// does), with "<" and an "&" that would start an entity escaped, and a
// backslash as &#92;, so that Moodle neither strips it as a tag nor
// misreads it, and ReadMoodle reads the name back.
func moodleShortText(s string) string {
	var pieces []string
	total := 0
	words := strings.Fields(s)
	for w, word := range words {
		if w > 0 {
			pieces = append(pieces, " ")
			total++
		}
		for i, r := range word {
			var piece string
			switch {
			case r == '<':
				piece = "&lt;"
			case r == '\\':
				piece = "&#92;"
			case r == '&' && i+1 < len(word) && moodleEntityStart(word[i+1]):
				piece = "&amp;"
			default:
				piece = string(r)
			}
			pieces = append(pieces, piece)
			total += len([]rune(piece))
		}
	}
	if total <= moodleIDLimit {
		return strings.Join(pieces, "")
	}
	cut, length, space := 0, 0, -1
	for i, pc := range pieces {
		l := len([]rune(pc))
		if length+l > moodleIDLimit-3 {
			break
		}
		length += l
		cut = i + 1
		if pc == " " {
			space = i
		}
	}
	if cut < len(pieces) && pieces[cut] != " " && space > cut/2 { // a word is cut: end before it
		cut = space
	}
	return strings.TrimRight(strings.Join(pieces[:cut], ""), " ") + "..."
}

// moodleEntityStart reports whether c after "&" could start an entity.
func moodleEntityStart(c byte) bool {
	return c == '#' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// moodlePHPNumber returns the number PHP reads a numeric string as ("1.1",
// "01", " 2e3"), and false for any other string. Moodle's importer
// compares ID numbers with PHP's ==, which compares two numeric strings
// as numbers.
func moodlePHPNumber(s string) (float64, bool) {
	t := strings.Trim(s, " \t\n\r\v\f")
	i := 0
	if i < len(t) && (t[i] == '+' || t[i] == '-') {
		i++
	}
	digits := 0
	for ; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
		digits++
	}
	if i < len(t) && t[i] == '.' {
		for i++; i < len(t) && t[i] >= '0' && t[i] <= '9'; i++ {
			digits++
		}
	}
	if digits == 0 {
		return 0, false
	}
	if i < len(t) && (t[i] == 'e' || t[i] == 'E') {
		j := i + 1
		if j < len(t) && (t[j] == '+' || t[j] == '-') {
			j++
		}
		k := j
		for k < len(t) && t[k] >= '0' && t[k] <= '9' {
			k++
		}
		if k == j {
			return 0, false
		}
		i = k
	}
	if i != len(t) {
		return 0, false
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	return v, true
}

// moodleSameNumbers refuses two ID numbers that Moodle's importer takes
// for the same when one of them is a parent: it attaches the children of
// a parent to every competency whose ID number equals the parent's with
// PHP's == (framework_importer::add_children), so "1.1" and "1.10" would
// share their children and the import would fail on the repeated ones.
func moodleSameNumbers(nodes []*moodleNode) error {
	byValue := map[float64][]*moodleNode{}
	for _, n := range nodes {
		if v, ok := moodlePHPNumber(n.id); ok {
			byValue[v] = append(byValue[v], n)
		}
	}
	for _, n := range nodes {
		if len(n.children) == 0 {
			continue
		}
		v, ok := moodlePHPNumber(n.id)
		if !ok {
			continue
		}
		for _, other := range byValue[v] {
			if other.id != n.id {
				return fmt.Errorf("ID numbers %q (%s) and %q (%s) are the same number to Moodle's importer, which compares a parent's ID number with PHP's == (where 1.1 equals 1.10): it would put what sits under %s under %s too, and stop; give one of them a code that is not a plain number, such as %q",
					n.id, n.what, other.id, other.what, n.what, other.what, "C"+other.id)
			}
		}
	}
	return nil
}

// moodleWriteRecord writes one CSV record as PHP's fputcsv does (Moodle's
// exporter writes with it): a field holding a comma, quote, backslash,
// space, tab or line break is quoted, a quote inside doubled unless a
// backslash precedes it; records end with a line feed.
func moodleWriteRecord(b *strings.Builder, fields []string) {
	for i, f := range fields {
		if i > 0 {
			b.WriteByte(',')
		}
		if !strings.ContainsAny(f, ",\"\\\n\r\t ") {
			b.WriteString(f)
			continue
		}
		b.WriteByte('"')
		escaped := false
		for _, r := range f {
			switch {
			case r == '\\':
				escaped = true
			case r == '"' && !escaped:
				b.WriteByte('"')
			default:
				escaped = false
			}
			b.WriteRune(r)
		}
		b.WriteByte('"')
	}
	b.WriteByte('\n')
}
