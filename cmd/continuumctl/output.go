package main

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
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
		tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, strings.ToUpper(strings.Join(t.header, "\t")))
		for _, r := range t.rows {
			cells := make([]string, len(r))
			for i, c := range r {
				cells[i] = strings.Join(strings.Fields(c), " ")
				if t.width > 0 {
					cells[i] = truncate(cells[i], t.width)
				}
			}
			fmt.Fprintln(tw, strings.Join(cells, "\t"))
		}
		if err := tw.Flush(); err != nil {
			return fmt.Errorf("write table: %w", err)
		}
		return nil
	}
	return usageError{fmt.Sprintf("--format %q is not a format; expected table or csv", format)}
}

// checkFormat refuses an unknown --format before any work is done.
func checkFormat(format string) error {
	switch strings.ToLower(format) {
	case "table", "csv", "":
		return nil
	}
	return usageError{fmt.Sprintf("--format %q is not a format; expected table or csv", format)}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
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
