package storage

import (
	"encoding/binary"
	"fmt"
	"io"
)

// maxBackupFrame bounds one frame of a backup's stream: the database
// writes its records in frames of a few megabytes, each headed by its
// length. A length past this is damage (or a file made to harm), refused
// before the database would try to allocate it.
const maxBackupFrame = 256 << 20

// frameGuard passes a backup's record stream through unchanged while
// checking each frame's length: an 8-byte little-endian length, then that
// many bytes.
type frameGuard struct {
	r    io.Reader
	head [8]byte
	got  int    // bytes of the current length read so far
	left uint64 // bytes of the current frame still to pass
}

func (g *frameGuard) Read(p []byte) (int, error) {
	if len(p) == 0 {
		return 0, nil
	}
	if g.left == 0 {
		// Read the next length a byte at a time, so it can be checked
		// before any byte of the frame reaches the reader.
		n, err := g.r.Read(p[:1])
		if n == 0 {
			return 0, err
		}
		g.head[g.got] = p[0]
		g.got++
		if g.got == len(g.head) {
			g.got = 0
			g.left = binary.LittleEndian.Uint64(g.head[:])
			if g.left > maxBackupFrame {
				return 0, fmt.Errorf("a record frame says it holds %d bytes, more than a backup ever writes", g.left)
			}
		}
		return 1, nil
	}
	if uint64(len(p)) > g.left {
		p = p[:g.left]
	}
	n, err := g.r.Read(p)
	g.left -= uint64(n)
	return n, err
}
