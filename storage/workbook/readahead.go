package workbook

import (
	"errors"
	"io"
)

// readAheadMin is the size of a sheet's XML from which it is inflated
// ahead of the parser (readAhead): a district's evidence sheet is 60 MB.
const readAheadMin = 1 << 20

// readAheadChunk is how many bytes are inflated ahead at a time.
const readAheadChunk = 256 << 10

// readAhead returns a reader of rc's bytes that reads (inflates) the next
// chunks on its own goroutine while the caller parses the current one, so
// that inflating and parsing a large sheet use two cores instead of one
// after the other. Closing it stops the goroutine, waits for it, then
// closes rc.
func readAhead(rc io.ReadCloser) io.ReadCloser {
	a := &aheadReader{rc: rc, full: make(chan aheadChunk, 2), free: make(chan []byte, 3), stop: make(chan struct{}), done: make(chan struct{})}
	for range cap(a.free) {
		a.free <- make([]byte, readAheadChunk)
	}
	go a.fill()
	return a
}

// aheadChunk is one chunk read ahead: its bytes, and the error that ended
// the reading after them (io.EOF at the end).
type aheadChunk struct {
	buf  []byte // the whole buffer, given back once read
	data []byte // what is left of the bytes read into it
	err  error
}

type aheadReader struct {
	rc         io.ReadCloser
	full       chan aheadChunk
	free       chan []byte
	stop, done chan struct{}
	cur        aheadChunk
	closed     bool
}

// fill reads chunks until the end, an error, or Close.
func (a *aheadReader) fill() {
	defer close(a.done)
	for {
		var buf []byte
		select {
		case buf = <-a.free:
		case <-a.stop:
			return
		}
		n, err := io.ReadFull(a.rc, buf)
		if errors.Is(err, io.ErrUnexpectedEOF) {
			err = io.EOF
		}
		select {
		case a.full <- aheadChunk{buf: buf, data: buf[:n], err: err}:
		case <-a.stop:
			return
		}
		if err != nil {
			return
		}
	}
}

// Read implements io.Reader.
func (a *aheadReader) Read(p []byte) (int, error) {
	if a.closed {
		return 0, errors.New("read after close")
	}
	for len(a.cur.data) == 0 {
		if a.cur.err != nil {
			return 0, a.cur.err
		}
		if a.cur.buf != nil {
			a.free <- a.cur.buf
		}
		a.cur = <-a.full
	}
	n := copy(p, a.cur.data)
	a.cur.data = a.cur.data[n:]
	return n, nil
}

// Close implements io.Closer.
func (a *aheadReader) Close() error {
	if a.closed {
		return nil
	}
	a.closed = true
	close(a.stop)
	<-a.done
	return a.rc.Close()
}
