package main

import (
	"net"
	"os"
	"strconv"
	"testing"
	"time"
)

// Given a display that answers, when the app checks DISPLAY before its
// window opens, then it connects to nothing: a connection opened and
// closed just before the toolkit's own made the window fail to open now
// and then. The diagnosis after a failure does connect.
func TestDisplayCheckBeforeTheWindowConnectsToNothing(t *testing.T) {
	num := 6000 + os.Getpid()%1000
	l, err := net.Listen("unix", "@/tmp/.X11-unix/X"+strconv.Itoa(num)) // the abstract socket X clients try
	if err != nil {
		t.Skipf("cannot stand in for a display: %v", err)
	}
	defer l.Close()
	accepted := make(chan struct{}, 4)
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			c.Close()
			accepted <- struct{}{}
		}
	}()
	t.Setenv("WAYLAND_DISPLAY", "")
	t.Setenv("DISPLAY", ":"+strconv.Itoa(num))

	if err := displayNameProblem(); err != nil {
		t.Fatalf("displayNameProblem: %v", err)
	}
	select {
	case <-accepted:
		t.Fatal("the check before the window connected to the display")
	case <-time.After(200 * time.Millisecond):
	}

	if err := displayProblem(); err != nil {
		t.Fatalf("displayProblem on a display that answers: %v", err)
	}
	select {
	case <-accepted:
	case <-time.After(5 * time.Second):
		t.Fatal("the diagnosis after a failure did not ask the display")
	}
}

// What is logged while the window opens is held, and passed on in order
// once released; after that it passes straight through.
func TestHeldLogPassesOnWhatItHeldOnceReleased(t *testing.T) {
	var out bytesWriter
	h := &heldLog{out: &out, held: true}
	h.Write([]byte("first\n"))
	if out.String() != "" {
		t.Fatalf("written before release: %q", out.String())
	}
	h.release()
	h.Write([]byte("second\n"))
	h.release()
	if got := out.String(); got != "first\nsecond\n" {
		t.Fatalf("got %q, want first then second", got)
	}
}

type bytesWriter struct{ b []byte }

func (w *bytesWriter) Write(p []byte) (int, error) { w.b = append(w.b, p...); return len(p), nil }
func (w *bytesWriter) String() string              { return string(w.b) }
