package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/width"
)

// table collects rows and writes them as an aligned text table or as CSV
// with a header row.
type table struct {
	header []string
	rows   [][]string
	// width clips each cell of a text table to this many characters (0: no clipping).
	width int
}

func newTable(header ...string) *table { return &table{header: header, width: 60} }

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// write renders the table in format "table" or "csv". The text goes out
// in large writes: tabwriter writes cell by cell, and the positions of a
// district (10,000 rows) made 270,000 write calls to standard output.
func (t *table) write(w io.Writer, format string) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	err := t.render(bw, format)
	if ferr := bw.Flush(); err == nil && ferr != nil {
		err = fmt.Errorf("write %s: %w", strings.ToLower(format), ferr)
	}
	return err
}

func (t *table) render(w io.Writer, format string) error {
	switch strings.ToLower(format) {
	case "csv":
		cw := csv.NewWriter(w)
		if err := cw.Write(t.header); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		if err := cw.WriteAll(t.rows); err != nil {
			return fmt.Errorf("write csv: %w", err)
		}
		return nil
	case "table", "":
		return t.renderText(w)
	}
	return usageError{fmt.Sprintf("--format %q is not a format; expected table or csv", format)}
}

// renderText writes the table as aligned text: each column as wide as its
// widest cell as a terminal shows it (a Chinese or Japanese character takes
// two columns, an accent typed as a combining mark none), two spaces
// between columns, no spaces after the last.
func (t *table) renderText(w io.Writer) error {
	rows := make([][]string, 0, len(t.rows)+1)
	header := make([]string, len(t.header))
	for i, h := range t.header {
		header[i] = strings.ToUpper(h)
	}
	rows = append(rows, header)
	for _, r := range t.rows {
		cells := make([]string, len(r))
		for i, c := range r {
			cells[i] = strings.Join(strings.Fields(c), " ")
			if t.width > 0 {
				cells[i] = truncate(cells[i], t.width)
			}
		}
		rows = append(rows, cells)
	}
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], textWidth(c))
		}
	}
	var line []byte
	for _, r := range rows {
		line = line[:0]
		for i, c := range r {
			line = append(line, c...)
			if i < len(r)-1 {
				for range widths[i] - textWidth(c) + 2 {
					line = append(line, ' ')
				}
			}
		}
		line = append(line, '\n')
		if _, err := w.Write(line); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
	}
	return nil
}

// textWidth is how many columns s takes on a terminal.
func textWidth(s string) int {
	n := 0
	for i := 0; i < len(s); {
		if c := s[i]; c < utf8.RuneSelf {
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		n += runeWidth(r)
		i += size
	}
	return n
}

// runeWidth is how many columns r takes on a terminal: two for East Asian
// wide and fullwidth characters, none for combining marks and zero-width
// characters, one for the rest.
func runeWidth(r rune) int {
	switch {
	case unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf):
		return 0
	case r < 0x1100:
		return 1
	}
	switch width.LookupRune(r).Kind() {
	case width.EastAsianWide, width.EastAsianFullwidth:
		return 2
	}
	return 1
}

// checkFormat refuses an unknown --format before any work is done.
func checkFormat(format string) error {
	switch strings.ToLower(format) {
	case "table", "csv", "":
		return nil
	}
	return usageError{fmt.Sprintf("--format %q is not a format; expected table or csv", format)}
}

// truncate cuts s to at most n columns (see textWidth), ending what it
// cut with "…".
func truncate(s string, n int) string {
	if textWidth(s) <= n {
		return s
	}
	cols := 0
	for i, r := range s {
		w := runeWidth(r)
		if cols+w > n-1 {
			return s[:i] + "…"
		}
		cols += w
	}
	return s
}

// listed bounds the lines a preview's list writes one by one; the rest are counted.
const listed = 40

// writeList writes a titled list of items, one a line, the first most of
// them and the rest counted; nothing at all when items is empty.
func writeList[T any](w io.Writer, title string, items []T, most int) {
	if len(items) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s (%d):\n", title, len(items))
	writeLines(w, items, most)
}

// writeLines writes items one a line, indented, the first most of them
// and the rest counted.
func writeLines[T any](w io.Writer, items []T, most int) {
	for i, it := range items {
		if i == most {
			fmt.Fprintf(w, "  … and %d more\n", len(items)-most)
			return
		}
		fmt.Fprintf(w, "  %v\n", it)
	}
}
