package workbook

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// sheetRows is a sheet with its non-blank rows loaded.
type sheetRows struct {
	ref  sheetRef
	rows []rawRow
}

// explainNoList reports why no standards list was found among sheets:
// the headers of the likeliest header row, the fields missing there, and
// the --map that would name them (a guess from the headers and the values
// below them). A mapped column that is not in that row is named as such.
// whole says that every sheet was searched (no --sheet was given).
func explainNoList(st *state, sheets []sheetRows, whole bool) {
	lead := ""
	if whole && !st.x.isText {
		lead = fmt.Sprintf("no sheet named Targets, and no sheet with a header row naming a code and a statement (such as Code and Statement); the sheets are %s. ", st.sheetList())
	} else {
		lead = "no header row names a code and a statement (such as Code and Statement). "
	}
	s, hi := likeliestHeader(sheets)
	if hi < 0 {
		what := "the file is empty"
		if !st.x.isText {
			what = "every sheet is empty"
			if !whole {
				what = "the sheet is empty"
			}
		}
		st.problem(Problem{Sheet: sheetOf(st, s), Message: lead + what + "; expected a header row naming a code and a statement, then a row for each standard"})
		return
	}
	head := s.rows[hi]
	t := &table{st: st.quiet(), sheet: s.ref.name, cols: slices.Clone(listCols)}
	t.setHeader(head.num, head.cells)
	t.st = st
	where := fmt.Sprintf("row %d", head.num)
	if !st.x.isText {
		where = fmt.Sprintf("sheet %q row %d", s.ref.name, head.num)
	}
	if len(st.opts.Map) > 0 {
		if bad := unmatchedMap(st, t); bad != "" {
			st.problem(Problem{Sheet: sheetOf(st, s), Row: head.num, Message: fmt.Sprintf("%s; the headers in %s are %s", bad, where, t.foundList())})
			return
		}
		applyMap(st.quiet(), t)
	}
	var missing []string
	for _, f := range []string{"code", "statement"} {
		if !t.has(mapFieldCol[f]) {
			missing = append(missing, f)
		}
	}
	msg := fmt.Sprintf("%sThe headers in %s are %s; missing: %s", lead, where, t.foundList(), strings.Join(missing, ", "))
	if m := suggestMap(st, t, s.rows[hi+1:], missing); m != "" {
		which := "say which column holds it"
		if len(missing) > 1 {
			which = "say which columns hold them"
		}
		msg += "; " + which + ", for instance --map " + m
	} else {
		msg += "; add a column for each, or say which columns hold them with --map code=COLUMN,statement=COLUMN"
	}
	st.problem(Problem{Message: msg})
}

// sheetOf is the sheet a problem about s names: none for a text file,
// whose one sheet is the file.
func sheetOf(st *state, s sheetRows) string {
	if st.x.isText {
		return ""
	}
	return s.ref.name
}

// likeliestHeader picks the row most likely meant as a standards list's
// header: among the first 20 rows of each sheet, the one with the most
// headers recognised, else the first non-blank row. hi is -1 when every
// sheet is empty.
func likeliestHeader(sheets []sheetRows) (sheetRows, int) {
	var best sheetRows
	bestRow, bestScore := -1, -1
	for _, s := range sheets {
		for i, r := range s.rows {
			if i >= previewScan {
				break
			}
			score := 0
			for _, c := range r.cells {
				k := normHeader(c.text)
				if slices.ContainsFunc(listCols, func(col column) bool {
					return slices.ContainsFunc(col.names, func(n string) bool { return normHeader(n) == k })
				}) {
					score++
				}
			}
			if score > bestScore {
				best, bestRow, bestScore = s, i, score
			}
		}
	}
	return best, bestRow
}

// unmatchedMap names the mapped columns that are not in t's header row,
// as "--map statement=Nope: there is no column "Nope""; "" when all are.
func unmatchedMap(st *state, t *table) string {
	var bad []string
	for _, field := range slices.Sorted(maps.Keys(st.opts.Map)) {
		spec := st.opts.Map[field]
		switch {
		case !slices.Contains(mapFields, field):
			bad = append(bad, fmt.Sprintf("--map %s=%s: %q is not a field to map; expected one of %s", field, spec, field, strings.Join(mapFields, ", ")))
		case mappedColumn(t, spec) < 0:
			bad = append(bad, fmt.Sprintf("--map %s=%s: there is no column %q (give a header text or a column letter)", field, spec, spec))
		}
	}
	return strings.Join(bad, "; ")
}

// suggestMap guesses the columns holding the missing fields (code,
// statement) from the headers, then from the values in rows below them,
// and writes the guess as --map would take it; "" when no guess fits.
func suggestMap(st *state, t *table, rows []rawRow, missing []string) string {
	taken := map[int]bool{}
	for i := range t.cols {
		if t.has(i) {
			taken[t.at[i]] = true
		}
	}
	var parts []string
	for _, field := range missing {
		col := guessColumn(t, rows, field, taken)
		if col < 0 {
			return ""
		}
		taken[col] = true
		parts = append(parts, field+"="+mapSpecOf(t, col))
	}
	for field, spec := range st.opts.Map {
		parts = append(parts, field+"="+spec)
	}
	slices.Sort(parts)
	m := strings.Join(parts, ",")
	if strings.ContainsAny(m, " \"'#&|;<>()$`\\*?") {
		return strconv.Quote(m)
	}
	return m
}

// mapSpecOf names column col for --map: its header when that is the
// first such header and --map can carry it, else its letter.
func mapSpecOf(t *table, col int) string {
	h := strings.TrimSpace(t.headers[col])
	if h == "" || strings.ContainsAny(h, ",=\"") || mappedColumn(t, h) != col {
		return colName(col)
	}
	return h
}

// Words in a header that say a column holds a code, or a statement,
// with how strongly they say it.
var (
	codeWords = []struct {
		word   string
		weight int
	}{{"code", 4}, {"idnumber", 3}, {"identifier", 3}, {"guid", 3}, {"id", 2}, {"number", 1}, {"ref", 1}, {"key", 1}, {"#", 1}}
	statementWords = []struct {
		word   string
		weight int
	}{{"statement", 4}, {"description", 3}, {"text", 3}, {"outcome", 2}, {"competency", 2}, {"title", 2}, {"name", 1}}
)

// guessColumn picks the free column most likely to hold field: the best
// header word, else from the values (codes are short words without
// spaces, statements the longest texts); -1 when none fits.
func guessColumn(t *table, rows []rawRow, field string, taken map[int]bool) int {
	words := codeWords
	if field == "statement" {
		words = statementWords
	}
	best, bestScore := -1, 0
	for col, h := range t.headers {
		k := normHeader(h)
		if taken[col] || k == "" || strings.HasPrefix(k, "parent") {
			continue
		}
		for _, w := range words {
			if strings.Contains(k, w.word) && w.weight > bestScore {
				best, bestScore = col, w.weight
			}
		}
	}
	if best >= 0 {
		return best
	}
	return guessByValues(t, rows, field, taken)
}

// guessByValues picks, among the free columns, the one whose values look
// most like codes (short, no spaces) or statements (the longest).
func guessByValues(t *table, rows []rawRow, field string, taken map[int]bool) int {
	type stat struct{ n, chars, spaced int }
	stats := map[int]*stat{}
	for i, r := range rows {
		if i >= 50 {
			break
		}
		for _, c := range r.cells {
			v := strings.TrimSpace(c.text)
			if taken[c.col] || v == "" {
				continue
			}
			s := stats[c.col]
			if s == nil {
				s = &stat{}
				stats[c.col] = s
			}
			s.n++
			s.chars += utf8.RuneCountInString(v)
			if strings.ContainsAny(v, " \n") {
				s.spaced++
			}
		}
	}
	cols := slices.Sorted(maps.Keys(stats))
	best, bestScore := -1, 0.0
	for _, col := range cols {
		s := stats[col]
		avg := float64(s.chars) / float64(s.n)
		score := avg
		if field == "code" {
			if s.spaced*2 > s.n || avg > 20 {
				continue
			}
			score = 100 - avg
		}
		if score > bestScore {
			best, bestScore = col, score
		}
	}
	return best
}
