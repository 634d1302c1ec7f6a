package workbook

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// sourceColumnCount is how many columns a record's identity in its source
// takes (sourceColumns), side by side.
const sourceColumnCount = 5

// sourceColumns are the columns of a record's identity in the system it
// was imported from, in the order they are written: Source ID, Source
// URI, Source kind, Source association and Source precedes. what names
// the record ("target") and kind an example of its type ("Standard").
func sourceColumns(what, kind string) []column {
	return []column{
		{names: []string{"Source ID"}, expect: "the " + what + "'s identifier in the system it came from"},
		{names: []string{"Source URI"}, expect: "where the system it came from publishes the " + what},
		{names: []string{"Source kind", "Source type"}, expect: "the " + what + "'s type in the system it came from, such as " + kind},
		{names: []string{"Source association"}, expect: "the identifier of the association that places the " + what + " under its parent in the source"},
		{names: []string{"Source precedes"}, expect: precedesExample},
	}
}

// precedesExample is a Source precedes cell as expected, for messages.
const precedesExample = "one prerequisite a line: its identifier in the source, then its association's, such as t-1 (association: as-5)"

// sourceWidths are the widths the source columns are written with.
func sourceWidths() []float64 { return []float64{24, 36, 14, 24, 30} }

// readSource reads a record's identity in its source from the source
// columns, the first at index first; nil when all are blank.
func readSource(r *row, first int) *continuum.SourceRef {
	s := &continuum.SourceRef{ID: r.str(first), URI: r.str(first + 1), Kind: r.str(first + 2), Association: r.str(first + 3)}
	if text := r.text(first + 4); text != "" {
		p, err := parsePrecedes(text)
		if err != nil {
			r.problem(first+4, "%v; expected %s", err, precedesExample)
		}
		s.Precedes = p
	}
	if s.IsZero() {
		return nil
	}
	return s
}

// sourceCells are the cells of the source columns.
func sourceCells(w *writer, s *continuum.SourceRef) []any {
	if s == nil {
		return make([]any, sourceColumnCount)
	}
	return []any{s.ID, s.URI, s.Kind, s.Association, w.wrapped(formatPrecedes(s.Precedes))}
}

// formatPrecedes writes the associations of a record's prerequisites, one
// a line in the order of their identifiers: `t-1 (association: as-5)`,
// quoting as a Links cell does.
func formatPrecedes(m map[string]string) string {
	lines := make([]string, 0, len(m))
	for _, id := range slices.Sorted(maps.Keys(m)) {
		line := quoteIf(id, !bareCode(id))
		if a := m[id]; a != "" {
			line += " (" + linkAssociation + ": " + quoteIf(a, !bareValue(a)) + ")"
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

// parsePrecedes reads what formatPrecedes writes; a semicolon separates
// lines as a line break does.
func parsePrecedes(s string) (map[string]string, error) {
	p := &linkParser{s: s}
	out := map[string]string{}
	for n := 1; ; n++ {
		p.skipSeparators()
		if p.done() {
			break
		}
		start := p.i
		id, assoc, err := p.precedes()
		if err != nil {
			return nil, fmt.Errorf("line %d (%s): %w", n, snippet(s[start:]), err)
		}
		if _, dup := out[id]; dup {
			return nil, fmt.Errorf("line %d (%s): the prerequisite %q is given twice; give it once", n, snippet(s[start:]), id)
		}
		out[id] = assoc
	}
	return out, nil
}

// precedes reads one line of a Source precedes cell.
func (p *linkParser) precedes() (id, assoc string, err error) {
	if id, err = p.code(); err != nil {
		return "", "", err
	}
	p.skipSpace()
	if !p.done() && p.peek() == '(' {
		var l continuum.Link
		if err := p.details(&l); err != nil {
			return "", "", err
		}
		if l.ID != "" || l.URI != "" || l.Title != "" {
			return "", "", fmt.Errorf("only the association is given here, such as (association: as-5)")
		}
		assoc = l.AssociationID
		p.skipSpace()
	}
	if !p.atEnd() {
		return "", "", fmt.Errorf("unexpected %s; start the next prerequisite on a line of its own", snippet(p.s[p.i:]))
	}
	return id, assoc, nil
}
