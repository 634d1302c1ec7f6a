package main

import (
	"bytes"
	"fmt"
	"strings"
	"testing"
)

// countingWriter counts the write calls made to it.
type countingWriter struct {
	bytes.Buffer
	calls int
}

func (w *countingWriter) Write(p []byte) (int, error) {
	w.calls++
	return w.Buffer.Write(p)
}

// A long table reaches its output in a few large writes, not a write
// per cell, whatever the format, and says all of it.
func TestTableWritesInLargeWrites(t *testing.T) {
	for _, format := range []string{"table", "csv"} {
		tb := newTable("student", "domain", "secured", "working")
		for i := range 2000 {
			tb.add(fmt.Sprintf("S%04d", i), "Number sense", "2", "3")
		}
		var w countingWriter
		if err := tb.write(&w, format); err != nil {
			t.Fatal(err)
		}
		if lines := strings.Count(w.String(), "\n"); lines != 2001 {
			t.Errorf("%s: %d lines, want 2001", format, lines)
		}
		if w.calls > 10 {
			t.Errorf("%s: %d write calls for 2,000 rows", format, w.calls)
		}
	}
}

// Given names written in Chinese, Japanese and Korean, and one with its
// accent typed as a combining mark, when a table is written as text, then
// its columns line up on a terminal, where a wide character takes two
// places and a combining mark none.
func TestTableAlignsWideCharacters(t *testing.T) {
	tb := newTable("student", "domain", "secured")
	tb.add("张伟", "数と計算", "2")
	tb.add("Ana Pe\u0301rez", "Number sense", "3")
	tb.add("김민준", "Geometry", "K")
	tb.add("Zoë", "測定", "1")
	var out strings.Builder
	if err := tb.write(&out, "table"); err != nil {
		t.Fatal(err)
	}
	sp := func(n int) string { return strings.Repeat(" ", n) }
	want := "STUDENT" + sp(4) + "DOMAIN" + sp(8) + "SECURED\n" +
		"张伟" + sp(7) + "数と計算" + sp(6) + "2\n" + // 4 columns, then 8
		"Ana Pe\u0301rez" + sp(2) + "Number sense" + sp(2) + "3\n" + // 9 columns: the widest name
		"김민준" + sp(5) + "Geometry" + sp(6) + "K\n" +
		"Zoë" + sp(8) + "測定" + sp(10) + "1\n"
	if out.String() != want {
		t.Errorf("got:\n%s\nwant:\n%s", out.String(), want)
	}
}

// A cell too long for its column is cut to the column's width as a
// terminal counts it, with "…", and never in the middle of a character.
func TestTruncateCountsWhatATerminalShows(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"Number sense and operations", 10, "Number se…"},
		{"数と計算の基礎", 6, "数と…"},
		{"数と計算の基礎", 7, "数と計…"},
		{"Pe\u0301rez Pe\u0301rez", 6, "Pe\u0301rez…"},
		{"short", 10, "short"},
	} {
		if got := truncate(tc.in, tc.n); got != tc.want || textWidth(got) > tc.n {
			t.Errorf("truncate(%q, %d) = %q (%d columns), want %q", tc.in, tc.n, got, textWidth(got), tc.want)
		}
	}
}
