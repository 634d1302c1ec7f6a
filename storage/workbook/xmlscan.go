package workbook

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The reader below is a small, allocation-light XML tokenizer for the
// parts of an xlsx package. encoding/xml costs about a microsecond per
// token, which on a 200,000-row sheet is most of the import; the parts of a
// workbook use a tiny subset of XML (no DTDs, no entities beyond the five
// predefined and character references), so a hand-rolled scanner over a
// sliding buffer reads them an order of magnitude faster and in bounded
// memory.

type tokKind uint8

const (
	tokEOF tokKind = iota
	tokStart
	tokEnd
	tokSelfClose
	tokText
)

// maxToken bounds one token (a tag or a run of text): far above Excel's
// 32,767-character cell limit, low enough that a hostile file cannot make
// the reader buffer gigabytes.
const maxToken = 64 << 20

var errTokenTooLarge = errors.New("an XML element is larger than 64 MB")

type xmlScanner struct {
	r      io.Reader
	buf    []byte
	lo, hi int
	eof    bool
	err    error
	read   int64 // bytes consumed from r

	// The current token. name, attrs and text alias buf and are valid
	// until the next call to next.
	kind  tokKind
	name  []byte // local name, without any namespace prefix
	attrs []byte
	text  []byte
	cdata bool
}

func newScanner(r io.Reader) *xmlScanner {
	return &xmlScanner{r: r, buf: make([]byte, 256<<10)}
}

// fill reads more input, keeping buf[lo:hi]. It reports whether anything was added.
func (s *xmlScanner) fill() bool {
	if s.eof || s.err != nil {
		return false
	}
	if s.lo > 0 {
		n := copy(s.buf, s.buf[s.lo:s.hi])
		s.lo, s.hi = 0, n
	}
	if s.hi == len(s.buf) {
		if len(s.buf) >= maxToken {
			s.err = errTokenTooLarge
			return false
		}
		nb := make([]byte, len(s.buf)*2)
		copy(nb, s.buf[:s.hi])
		s.buf = nb
	}
	for {
		n, err := s.r.Read(s.buf[s.hi:])
		s.hi += n
		s.read += int64(n)
		if err == io.EOF {
			s.eof = true
			return n > 0
		}
		if err != nil {
			s.err = err
			return n > 0
		}
		if n > 0 {
			return true
		}
	}
}

// indexFrom finds sep in the unread data at or after offset off (relative
// to lo), reading more input as needed. It returns the offset relative to lo, or -1.
func (s *xmlScanner) indexFrom(off int, sep []byte) int {
	for {
		if off < s.hi-s.lo {
			if i := bytes.Index(s.buf[s.lo+off:s.hi], sep); i >= 0 {
				return off + i
			}
			off = max(off, s.hi-s.lo-len(sep)+1)
		}
		if !s.fill() {
			return -1
		}
	}
}

// tagEnd finds the '>' closing the tag that starts at lo, skipping quoted
// attribute values; it returns its offset relative to lo, or -1.
func (s *xmlScanner) tagEnd() int {
	off := 1
	var quote byte
	for {
		b := s.buf[s.lo:s.hi]
		for ; off < len(b); off++ {
			c := b[off]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				return off
			}
		}
		if !s.fill() {
			return -1
		}
	}
}

var errXMLSyntax = errors.New("the XML is malformed or cut short")

// next advances to the next token. At the end of input kind is tokEOF; a
// read error or malformed markup returns an error.
func (s *xmlScanner) next() error {
	for {
		if s.lo == s.hi && !s.fill() {
			if s.err != nil {
				return s.err
			}
			s.kind = tokEOF
			return nil
		}
		if s.buf[s.lo] != '<' {
			i := s.indexFrom(0, []byte{'<'})
			if i < 0 {
				if s.err != nil {
					return s.err
				}
				i = s.hi - s.lo
			}
			s.kind, s.text, s.cdata = tokText, s.buf[s.lo:s.lo+i], false
			s.lo += i
			return nil
		}
		// Make sure a few bytes are there to tell the construct apart.
		for s.hi-s.lo < 9 && s.fill() {
		}
		rest := s.buf[s.lo:s.hi]
		special := len(rest) > 1 && (rest[1] == '!' || rest[1] == '?') // almost every tag is a plain one
		switch {
		case !special:
		case bytes.HasPrefix(rest, []byte("<![CDATA[")):
			i := s.indexFrom(9, []byte("]]>"))
			if i < 0 {
				return s.syntaxErr()
			}
			s.kind, s.text, s.cdata = tokText, s.buf[s.lo+9:s.lo+i], true
			s.lo += i + 3
			return nil
		case bytes.HasPrefix(rest, []byte("<!--")):
			i := s.indexFrom(4, []byte("-->"))
			if i < 0 {
				return s.syntaxErr()
			}
			s.lo += i + 3
			continue
		case bytes.HasPrefix(rest, []byte("<?")):
			i := s.indexFrom(2, []byte("?>"))
			if i < 0 {
				return s.syntaxErr()
			}
			s.lo += i + 2
			continue
		case bytes.HasPrefix(rest, []byte("<!")):
			// A DOCTYPE: parts of a workbook never have one, and its
			// internal subset could define entities; refuse it.
			return fmt.Errorf("a document type declaration is not allowed in a workbook part")
		}
		end := s.tagEnd()
		if end < 0 {
			return s.syntaxErr()
		}
		tag := s.buf[s.lo+1 : s.lo+end]
		s.lo += end + 1
		s.kind = tokStart
		if len(tag) > 0 && tag[0] == '/' {
			s.kind = tokEnd
			tag = tag[1:]
		} else if len(tag) > 0 && tag[len(tag)-1] == '/' {
			s.kind = tokSelfClose
			tag = tag[:len(tag)-1]
		}
		n := 0
		for n < len(tag) && !isSpace(tag[n]) {
			n++
		}
		if n == 0 {
			return s.syntaxErr()
		}
		name := tag[:n]
		if i := bytes.IndexByte(name, ':'); i >= 0 {
			name = name[i+1:]
		}
		s.name, s.attrs = name, tag[n:]
		return nil
	}
}

func (s *xmlScanner) syntaxErr() error {
	if s.err != nil {
		return s.err
	}
	return errXMLSyntax
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// is reports whether the current token's local name is name.
func (s *xmlScanner) is(name string) bool { return string(s.name) == name }

// attr returns the raw value of the attribute with the given local name in
// attrs, or nil. Values are returned undecoded: the attributes read here
// (cell references, types, indexes, sheet names are decoded by the caller)
// hold plain ASCII in practice.
func attr(attrs []byte, name string) []byte {
	for i := 0; ; {
		key, val, next := nextAttr(attrs, i)
		if next < 0 {
			return nil
		}
		if string(key) == name {
			return val
		}
		i = next
	}
}

// nextAttr reads the attribute of attrs that starts at or after i (spaces
// first), skipping namespace declarations: its local name, its raw value,
// and where the next one may start; next is -1 at the end of attrs or at
// anything that is not name="value" or name='value'.
func nextAttr(attrs []byte, i int) (key, val []byte, next int) {
	for {
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		start := i
		for i < len(attrs) && attrs[i] != '=' && !isSpace(attrs[i]) {
			i++
		}
		key = attrs[start:i]
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || attrs[i] != '=' {
			return nil, nil, -1
		}
		i++
		for i < len(attrs) && isSpace(attrs[i]) {
			i++
		}
		if i >= len(attrs) || (attrs[i] != '"' && attrs[i] != '\'') {
			return nil, nil, -1
		}
		q := attrs[i]
		i++
		j := bytes.IndexByte(attrs[i:], q)
		if j < 0 {
			return nil, nil, -1
		}
		val = attrs[i : i+j]
		i += j + 1
		if k := bytes.IndexByte(key, ':'); k >= 0 {
			if string(key[:k]) == "xmlns" {
				continue
			}
			key = key[k+1:]
		}
		return key, val, i
	}
}

// appendText appends XML character data to dst, decoding entity and
// character references. With ooxml set it also decodes the _xHHHH_ escapes
// spreadsheet programs use for control characters such as a carriage return.
func appendText(dst, raw []byte, ooxml bool) []byte {
	for len(raw) > 0 {
		i := bytes.IndexAny(raw, "&_")
		if i < 0 {
			return append(dst, raw...)
		}
		dst = append(dst, raw[:i]...)
		raw = raw[i:]
		if raw[0] == '_' {
			if ooxml && len(raw) >= 7 && raw[1] == 'x' && raw[6] == '_' {
				if v, err := strconv.ParseUint(string(raw[2:6]), 16, 16); err == nil {
					dst = utf8.AppendRune(dst, rune(v))
					raw = raw[7:]
					continue
				}
			}
			dst = append(dst, '_')
			raw = raw[1:]
			continue
		}
		semi := bytes.IndexByte(raw, ';')
		if semi < 0 || semi > 12 {
			dst = append(dst, '&')
			raw = raw[1:]
			continue
		}
		ent := raw[1:semi]
		switch string(ent) {
		case "amp":
			dst = append(dst, '&')
		case "lt":
			dst = append(dst, '<')
		case "gt":
			dst = append(dst, '>')
		case "quot":
			dst = append(dst, '"')
		case "apos":
			dst = append(dst, '\'')
		default:
			var v uint64
			err := errXMLSyntax
			if len(ent) > 2 && ent[0] == '#' && (ent[1] == 'x' || ent[1] == 'X') {
				v, err = strconv.ParseUint(string(ent[2:]), 16, 32)
			} else if len(ent) > 1 && ent[0] == '#' {
				v, err = strconv.ParseUint(string(ent[1:]), 10, 32)
			}
			if err != nil || v > utf8.MaxRune {
				dst = append(dst, raw[:semi+1]...)
			} else {
				dst = utf8.AppendRune(dst, rune(v))
			}
		}
		raw = raw[semi+1:]
	}
	return dst
}

// cellAttrs returns the raw values of a cell's r, t and s attributes (nil
// when absent) in one pass over attrs, as attr finds one: a sheet of
// 200,000 rows has a million cells.
func cellAttrs(attrs []byte) (r, t, st []byte) {
	for i := 0; ; {
		key, val, next := nextAttr(attrs, i)
		if next < 0 {
			return r, t, st
		}
		i = next
		if len(key) != 1 {
			continue
		}
		switch key[0] {
		case 'r':
			if r == nil {
				r = val
			}
		case 't':
			if t == nil {
				t = val
			}
		case 's':
			if st == nil {
				st = val
			}
		}
	}
}

// decodeAttr decodes an attribute value to a string.
func decodeAttr(v []byte) string {
	if bytes.IndexByte(v, '&') < 0 {
		return string(v)
	}
	return string(appendText(nil, v, false))
}

// normalizeNewlines turns CR LF and lone CR into LF, so a line break typed
// in Excel (stored as _x000D_ plus a newline by some programs) reads as one
// line break.
func normalizeNewlines(s string) string {
	if !strings.Contains(s, "\r") {
		return s
	}
	return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
}
