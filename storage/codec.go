package storage

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"math/bits"
	"time"

	badger "github.com/dgraph-io/badger/v4"

	"github.com/continuum-planner/planner/continuum"
)

// The first byte of every record value says how the rest is encoded.
const (
	// formatJSON is JSON of the domain types (their json tags): every
	// record but evidence, and evidence written before data layout 4.
	formatJSON byte = 1
	// formatCompact is the binary form of a piece of evidence
	// (encodeEvidence): a district holds hundreds of thousands of them,
	// and reading JSON was three quarters of loading them.
	formatCompact byte = 2

	// valueFormat is the format of every record but evidence.
	valueFormat = formatJSON
)

// encode returns v as a stored value: evidence in the compact format,
// anything else as the format byte, then JSON.
func encode(v any) ([]byte, error) {
	switch e := v.(type) {
	case continuum.Evidence:
		return encodeEvidence(&e), nil
	case *continuum.Evidence:
		return encodeEvidence(e), nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1+len(b))
	out[0] = formatJSON
	copy(out[1:], b)
	return out, nil
}

// decode reads a stored value written by encode, in either format, into v.
func decode(b []byte, v any) error {
	if len(b) == 0 {
		return errors.New("the stored value is empty")
	}
	switch b[0] {
	case formatJSON:
		return json.Unmarshal(b[1:], v)
	case formatCompact:
		e, ok := v.(*continuum.Evidence)
		if !ok {
			return fmt.Errorf("the stored value is in the compact format of evidence, not a %T", v)
		}
		return decodeEvidence(b[1:], e)
	}
	return fmt.Errorf("the stored value is in format %d, which this version of Continuum Planner does not know (it reads formats %d and %d); the data may come from a newer version", b[0], formatJSON, formatCompact)
}

// decodeItem decodes an item's value inside Badger's callback, which saves
// a copy: both decoders copy what they keep.
func decodeItem(item *badger.Item, v any) error {
	err := item.Value(func(b []byte) error { return decode(b, v) })
	if err != nil {
		return fmt.Errorf("read %s: %w", printKey(item.Key()), err)
	}
	return nil
}

// encodeEvidence writes e in the compact format: the format byte, then
// its fields in declaration order. Numbers are varints; strings are a
// length (uvarint) and their bytes; the date is days since 1970-01-01
// (varint); the score's IEEE bits byte-reversed (uvarint), so small
// scores take two bytes; the time of entry is seconds since 1970
// (varint), nanoseconds (uvarint) and its zone's offset in seconds
// (varint).
func encodeEvidence(e *continuum.Evidence) []byte {
	return appendEvidence(make([]byte, 0, evidenceSize(e)), e)
}

// evidenceSize is about how many bytes encodeEvidence writes for e, at
// least as many as it does.
func evidenceSize(e *continuum.Evidence) int {
	return 1 + 40 + len(e.UID) + len(e.Continuum) + len(e.Student) + len(e.Target) + len(e.Kind) + len(e.Scorer) + len(e.Note)
}

// appendEvidence appends e to b as encodeEvidence writes it.
func appendEvidence(b []byte, e *continuum.Evidence) []byte {
	b = append(b, formatCompact)
	b = binary.AppendUvarint(b, e.ID)
	for _, s := range []string{e.UID, e.Continuum, e.Student, e.Target} {
		b = appendString(b, s)
	}
	b = binary.AppendVarint(b, e.Date.Time().Unix()/86400)
	b = binary.AppendUvarint(b, bits.ReverseBytes64(math.Float64bits(e.Score)))
	for _, s := range []string{string(e.Kind), e.Scorer, e.Note} {
		b = appendString(b, s)
	}
	_, offset := e.RecordedAt.Zone()
	b = binary.AppendVarint(b, e.RecordedAt.Unix())
	b = binary.AppendUvarint(b, uint64(e.RecordedAt.Nanosecond()))
	return binary.AppendVarint(b, int64(offset))
}

func appendString(b []byte, s string) []byte {
	return append(binary.AppendUvarint(b, uint64(len(s))), s...)
}

// compactReader reads the fields of a compact value in order; the first
// problem sticks, and every later read returns zero.
type compactReader struct {
	b    []byte
	text string // b as one string, so that a record's strings share one allocation
	at   int
	err  error
}

func (r *compactReader) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("the compact value is cut short or damaged at byte %d (%s)", r.at+1, what)
	}
}

func (r *compactReader) uvarint(what string) uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.b[r.at:])
	if n <= 0 {
		r.fail(what)
		return 0
	}
	r.at += n
	return v
}

func (r *compactReader) varint(what string) int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.b[r.at:])
	if n <= 0 {
		r.fail(what)
		return 0
	}
	r.at += n
	return v
}

func (r *compactReader) string(what string) string {
	n := r.uvarint(what)
	if r.err != nil {
		return ""
	}
	if n > uint64(len(r.b)-r.at) {
		r.fail(what)
		return ""
	}
	s := r.text[r.at : r.at+int(n)]
	r.at += int(n)
	return s
}

// decodeEvidence reads a value written by encodeEvidence (after its
// format byte) into e, as JSON decoding would have read the same
// evidence.
func decodeEvidence(b []byte, e *continuum.Evidence) error {
	r := compactReader{b: b, text: string(b)}
	var out continuum.Evidence
	out.ID = r.uvarint("id")
	out.UID, out.Continuum, out.Student, out.Target = r.string("uid"), r.string("continuum"), r.string("student"), r.string("target")
	days := r.varint("date")
	score := r.uvarint("score")
	out.Kind, out.Scorer, out.Note = continuum.EvidenceKind(r.string("kind")), r.string("scorer"), r.string("note")
	sec, nsec, offset := r.varint("time of entry"), r.uvarint("time of entry"), r.varint("time of entry")
	switch {
	case r.err != nil:
		return r.err
	case r.at != len(b):
		return fmt.Errorf("the compact value has %d bytes left over after its last field", len(b)-r.at)
	case nsec >= 1e9 || offset <= -86400 || offset >= 86400 || days < -1e7 || days > 1e7:
		return errors.New("the compact value holds a date or time out of range")
	}
	out.Date = continuum.DateOf(time.Unix(days*86400, 0).UTC())
	out.Score = math.Float64frombits(bits.ReverseBytes64(score))
	out.RecordedAt = entryTime(sec, int64(nsec), int(offset))
	*e = out
	return nil
}

// entryTime is the instant sec.nsec in the zone offset seconds east of
// UTC, placed as reading it back from JSON places it: UTC for offset 0,
// the local zone when it has that offset then, a fixed zone otherwise.
func entryTime(sec, nsec int64, offset int) time.Time {
	t := time.Unix(sec, nsec)
	if offset == 0 {
		return t.UTC()
	}
	if _, local := t.Zone(); local == offset {
		return t
	}
	return t.In(time.FixedZone("", offset))
}

// tombstone marks a continuum whose records are being purged.
type tombstone struct {
	// Name is the continuum's name, for messages.
	Name string `json:"name"`
	// DeletedAt is when the deletion was asked for.
	DeletedAt time.Time `json:"deleted_at"`
}
