package main

import (
	"bytes"
	"io"
	"log"
	"sync"
)

// heldLog holds what is logged while the first window is being opened,
// and passes it on once the window exists. When the window cannot be
// opened because no display answers, the graphics library's own report
// of it (a line of its, and a toolkit error with source lines) is left
// unsaid: the app says why in one sentence.
type heldLog struct {
	mu   sync.Mutex
	out  io.Writer
	buf  bytes.Buffer
	held bool
}

// holdLog makes the standard logger write through a new heldLog, holding
// what it is given until release.
func holdLog() *heldLog {
	h := &heldLog{out: log.Writer(), held: true}
	log.SetOutput(h)
	return h
}

// Write holds p, or passes it on once released.
func (h *heldLog) Write(p []byte) (int, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.held {
		return h.buf.Write(p)
	}
	return h.out.Write(p)
}

// release passes on what was held, and from then on everything as it
// comes. Releasing again does nothing.
func (h *heldLog) release() {
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.held {
		return
	}
	h.held = false
	h.out.Write(h.buf.Bytes())
	h.buf.Reset()
}
