package workbook

import (
	"encoding/binary"
	"unicode/utf16"
)

// An OLE compound file (MS-CFB), version 3 with 512-byte sectors: the
// container of an encrypted workbook. Only what an encrypted workbook
// needs is written: a root storage holding a few streams.

const (
	cfbSector     = 512
	cfbMiniSector = 64
	cfbMiniCutoff = 4096 // streams smaller than this live in the mini stream
	cfbDirEntry   = 128
	cfbHeaderFATs = 109 // FAT sector places the header holds
	cfbFreeSect   = 0xFFFFFFFF
	cfbEndOfChain = 0xFFFFFFFE
	cfbFATSect    = 0xFFFFFFFD
	cfbDIFSect    = 0xFFFFFFFC
	cfbNoStream   = 0xFFFFFFFF

	red   = 0
	black = 1
)

// compoundStream is one stream of the root storage.
type compoundStream struct {
	name string
	data []byte
}

// compoundLayout places a compound file's parts, in sectors, in the order
// they are written: FAT, DIFAT, directory, mini FAT, mini stream, then the
// large streams.
type compoundLayout struct {
	fat, difat, dir, miniFAT, mini int
	miniBytes                      int   // the mini stream's size, in whole mini sectors
	start                          []int // each stream's first sector (or mini sector)
	total                          int   // sectors in all
}

// writeCompoundFile returns a compound file whose root storage holds streams
// (at most three, names of up to 31 characters, sorted as the format wants
// them for a tree of siblings, see compoundDirectory).
func writeCompoundFile(streams []compoundStream) []byte {
	l := layoutCompound(streams)
	out := make([]byte, cfbSector*(1+l.total))
	sector := func(i int) []byte { return out[cfbSector*(1+i) : cfbSector*(2+i)] }
	put := func(b []byte, at int, v uint32) { binary.LittleEndian.PutUint32(b[at:], v) }

	fat := make([]uint32, l.fat*cfbSector/4)
	for i := range fat {
		fat[i] = cfbFreeSect
	}
	chain := func(first, n int) {
		for i := range n {
			fat[first+i] = uint32(first + i + 1)
		}
		if n > 0 {
			fat[first+n-1] = cfbEndOfChain
		}
	}
	for i := range l.fat {
		fat[i] = cfbFATSect
	}
	for i := range l.difat {
		fat[l.fat+i] = cfbDIFSect
	}
	next := l.fat + l.difat
	chain(next, l.dir)
	dirAt := next
	next += l.dir
	chain(next, l.miniFAT)
	miniFATAt := next
	next += l.miniFAT
	chain(next, l.mini)
	miniAt := next
	next += l.mini

	miniFAT := make([]uint32, l.miniFAT*cfbSector/4)
	for i := range miniFAT {
		miniFAT[i] = cfbFreeSect
	}
	for i, s := range streams {
		if len(s.data) < cfbMiniCutoff {
			n := (len(s.data) + cfbMiniSector - 1) / cfbMiniSector
			for j := range n {
				miniFAT[l.start[i]+j] = uint32(l.start[i] + j + 1)
			}
			if n > 0 {
				miniFAT[l.start[i]+n-1] = cfbEndOfChain
			}
			copy(out[cfbSector*(1+miniAt)+cfbMiniSector*l.start[i]:], s.data)
			continue
		}
		n := (len(s.data) + cfbSector - 1) / cfbSector
		chain(l.start[i], n)
		copy(out[cfbSector*(1+l.start[i]):], s.data)
	}
	for i, v := range fat {
		put(out, cfbSector*(1+i/(cfbSector/4))+4*(i%(cfbSector/4)), v)
	}
	for i, v := range miniFAT {
		put(out, cfbSector*(1+miniFATAt)+4*i, v)
	}
	compoundDirectory(sector(dirAt), streams, l, miniAt)
	compoundHeader(out[:cfbSector], l, dirAt, miniFATAt)
	// The FAT sectors past the header's 109 are listed in DIFAT sectors,
	// 127 to a sector, each ending with the next one's place.
	for d := range l.difat {
		s := sector(l.fat + d)
		for j := range cfbSector / 4 {
			put(s, 4*j, cfbFreeSect)
		}
		for j := range cfbSector/4 - 1 {
			if f := cfbHeaderFATs + d*(cfbSector/4-1) + j; f < l.fat {
				put(s, 4*j, uint32(f))
			}
		}
		last := uint32(cfbEndOfChain)
		if d+1 < l.difat {
			last = uint32(l.fat + d + 1)
		}
		put(s, cfbSector-4, last)
	}
	return out
}

// layoutCompound counts the sectors of each part and places the streams.
func layoutCompound(streams []compoundStream) compoundLayout {
	l := compoundLayout{dir: (len(streams) + 1 + cfbSector/cfbDirEntry - 1) / (cfbSector / cfbDirEntry)}
	l.start = make([]int, len(streams))
	large := 0
	for i, s := range streams {
		if len(s.data) < cfbMiniCutoff {
			l.start[i] = l.miniBytes / cfbMiniSector
			l.miniBytes += (len(s.data) + cfbMiniSector - 1) / cfbMiniSector * cfbMiniSector
			continue
		}
		large += (len(s.data) + cfbSector - 1) / cfbSector
	}
	miniSectors := l.miniBytes / cfbMiniSector
	l.miniFAT = (miniSectors*4 + cfbSector - 1) / cfbSector
	l.mini = (l.miniBytes + cfbSector - 1) / cfbSector
	content := l.dir + l.miniFAT + l.mini + large
	// The FAT covers every sector, its own and the DIFAT's among them.
	for {
		l.difat = 0
		if l.fat > cfbHeaderFATs {
			l.difat = (l.fat - cfbHeaderFATs + cfbSector/4 - 2) / (cfbSector/4 - 1)
		}
		if l.fat*(cfbSector/4) >= content+l.fat+l.difat {
			break
		}
		l.fat++
	}
	next := l.fat + l.difat + l.dir + l.miniFAT + l.mini
	for i, s := range streams {
		if len(s.data) >= cfbMiniCutoff {
			l.start[i] = next
			next += (len(s.data) + cfbSector - 1) / cfbSector
		}
	}
	l.total = next
	return l
}

// compoundHeader writes the header sector.
func compoundHeader(h []byte, l compoundLayout, dirAt, miniFATAt int) {
	le := binary.LittleEndian
	copy(h, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	le.PutUint16(h[24:], 0x003E) // minor version
	le.PutUint16(h[26:], 0x0003) // major version 3
	le.PutUint16(h[28:], 0xFFFE) // little-endian
	le.PutUint16(h[30:], 9)      // 512-byte sectors
	le.PutUint16(h[32:], 6)      // 64-byte mini sectors
	le.PutUint32(h[44:], uint32(l.fat))
	le.PutUint32(h[48:], uint32(dirAt))
	le.PutUint32(h[56:], cfbMiniCutoff)
	le.PutUint32(h[60:], cfbEndOfChain)
	if l.miniFAT > 0 {
		le.PutUint32(h[60:], uint32(miniFATAt))
	}
	le.PutUint32(h[64:], uint32(l.miniFAT))
	le.PutUint32(h[68:], cfbEndOfChain)
	if l.difat > 0 {
		le.PutUint32(h[68:], uint32(l.fat))
	}
	le.PutUint32(h[72:], uint32(l.difat))
	for i := range cfbHeaderFATs {
		v := uint32(cfbFreeSect)
		if i < l.fat {
			v = uint32(i)
		}
		le.PutUint32(h[76+4*i:], v)
	}
}

// compoundDirectory writes the directory: the root entry, whose child is
// the middle stream (black), then the streams as a red-black tree of
// siblings: each stream before the middle one is the left sibling of the
// next, each after it the right sibling of the one before, all red. With
// at most three streams the tree is a valid one. streams must be sorted
// as MS-CFB compares names (shorter first, then by upper case).
func compoundDirectory(d []byte, streams []compoundStream, l compoundLayout, miniAt int) {
	le := binary.LittleEndian
	for i := range len(d) / cfbDirEntry {
		e := d[i*cfbDirEntry : (i+1)*cfbDirEntry]
		le.PutUint32(e[68:], cfbNoStream)
		le.PutUint32(e[72:], cfbNoStream)
		le.PutUint32(e[76:], cfbNoStream)
	}
	entry := func(i int, name string, kind, colour byte, start uint32, size int) []byte {
		e := d[i*cfbDirEntry : (i+1)*cfbDirEntry]
		u := utf16.Encode([]rune(name))
		for j, c := range u {
			le.PutUint16(e[2*j:], c)
		}
		le.PutUint16(e[64:], uint16(2*len(u)+2))
		e[66] = kind
		e[67] = colour
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], uint64(size))
		return e
	}
	rootStart := uint32(cfbEndOfChain)
	if l.mini > 0 {
		rootStart = uint32(miniAt)
	}
	root := entry(0, "Root Entry", 5, black, rootStart, l.miniBytes)
	mid := len(streams) / 2
	if len(streams) > 0 {
		le.PutUint32(root[76:], uint32(1+mid))
	}
	for i, s := range streams {
		colour := byte(red)
		if i == mid {
			colour = black
		}
		entry(1+i, s.name, 2, colour, uint32(l.start[i]), len(s.data))
		if i < mid { // the left sibling of the next stream
			le.PutUint32(d[(2+i)*cfbDirEntry+68:], uint32(1+i))
		} else if i > mid { // the right sibling of the one before
			le.PutUint32(d[i*cfbDirEntry+72:], uint32(1+i))
		}
	}
}
