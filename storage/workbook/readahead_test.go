package workbook

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

type closeCounter struct {
	io.Reader
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

func TestReadAheadGivesEveryByteInOrder(t *testing.T) {
	for _, n := range []int{0, 1, readAheadChunk - 1, readAheadChunk, readAheadChunk + 1, 5*readAheadChunk + 17} {
		want := make([]byte, n)
		for i := range want {
			want[i] = byte(i*7 + i/readAheadChunk)
		}
		src := &closeCounter{Reader: iotest.HalfReader(bytes.NewReader(want))}
		r := readAhead(src)
		if err := iotest.TestReader(r, want); err != nil {
			t.Errorf("%d bytes: %v", n, err)
		}
		if err := r.Close(); err != nil || src.closed != 1 {
			t.Errorf("%d bytes: Close = %v, source closed %d times", n, err, src.closed)
		}
	}
}

func TestReadAheadPassesOnTheSourcesError(t *testing.T) {
	boom := errors.New("damaged zip entry")
	src := &closeCounter{Reader: io.MultiReader(strings.NewReader(strings.Repeat("x", readAheadChunk+10)), iotest.ErrReader(boom))}
	r := readAhead(src)
	b, err := io.ReadAll(r)
	if !errors.Is(err, boom) || len(b) != readAheadChunk+10 {
		t.Errorf("ReadAll = %d bytes, %v; want every byte before the error, then the error", len(b), err)
	}
	if err := r.Close(); err != nil {
		t.Error(err)
	}
}

func TestReadAheadClosedMidwayStops(t *testing.T) {
	src := &closeCounter{Reader: bytes.NewReader(make([]byte, 20*readAheadChunk))}
	r := readAhead(src)
	buf := make([]byte, 100)
	if _, err := r.Read(buf); err != nil {
		t.Fatal(err)
	}
	if err := r.Close(); err != nil { // returns although the reader is not drained
		t.Error(err)
	}
	if src.closed != 1 {
		t.Errorf("source closed %d times", src.closed)
	}
	if _, err := r.Read(buf); err == nil {
		t.Error("Read after Close succeeded")
	}
}
