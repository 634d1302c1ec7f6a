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
