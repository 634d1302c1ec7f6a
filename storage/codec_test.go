package storage

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
)

// sameEvidence reports how a and b differ, "" when they are the same
// evidence: every field equal, times the same instant in the same zone.
func sameEvidence(a, b continuum.Evidence) string {
	an, ao := a.RecordedAt.Zone()
	bn, bo := b.RecordedAt.Zone()
	switch {
	case !a.RecordedAt.Equal(b.RecordedAt) || an != bn || ao != bo || a.RecordedAt.Location().String() != b.RecordedAt.Location().String():
		return "time of entry " + a.RecordedAt.String() + " vs " + b.RecordedAt.String()
	case a.Date != b.Date:
		return "date " + a.Date.String() + " vs " + b.Date.String()
	}
	a.RecordedAt, b.RecordedAt = time.Time{}, time.Time{}
	if a != b {
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		return string(ja) + " vs " + string(jb)
	}
	return ""
}

// compactCases are evidence records that the compact format must carry
// exactly as JSON does.
func compactCases() map[string]continuum.Evidence {
	full := continuum.Evidence{
		ID: 123456789, UID: "01JDX4Q6W8Z3K5M7N9P1R3T5V7", Continuum: "c8f2a1", Student: "S0042", Target: "NUM.3.2",
		Date: continuum.MustParseDate("2026-09-14"), Score: 3, Kind: continuum.Summative, Scorer: "MJ",
		Note: "Exit ticket: 4/5 — explained regrouping ✓", RecordedAt: time.Date(2026, 9, 14, 15, 4, 5, 123456789, time.UTC),
	}
	zoned, local, half, zero, big := full, full, full, full, full
	zoned.RecordedAt = full.RecordedAt.In(time.FixedZone("", -5*3600-30*60))
	local.RecordedAt = time.Date(2027, 1, 2, 8, 0, 0, 0, time.Local)
	half.Score, half.Kind, half.Scorer, half.Note, half.UID = 2.5, continuum.SelfAssessment, "", "", ""
	zero.ID, zero.Date, zero.RecordedAt, zero.Score, zero.Kind = 0, continuum.Date{}, time.Time{}, 0, ""
	big.Score, big.Date, big.Note = -1e300, continuum.MustParseDate("1900-01-01"), strings.Repeat("long note ", 500)
	return map[string]continuum.Evidence{"full": full, "zoned": zoned, "local zone": local, "half point, empty fields": half, "zero fields": zero, "extremes": big}
}

func TestCompactEvidenceReadsAsJSON(t *testing.T) {
	for name, e := range compactCases() {
		t.Run(name, func(t *testing.T) {
			b, err := encode(e)
			must(t, err)
			if b[0] != formatCompact {
				t.Fatalf("format byte = %d, want %d (compact)", b[0], formatCompact)
			}
			var fromJSON, fromCompact continuum.Evidence
			must(t, decode(jsonValue(t, e), &fromJSON))
			must(t, decode(b, &fromCompact))
			if d := sameEvidence(fromCompact, fromJSON); d != "" {
				t.Errorf("compact and JSON read differently: %s", d)
			}
			var viaPointer continuum.Evidence
			pb, err := encode(&e)
			must(t, err)
			must(t, decode(pb, &viaPointer))
			if d := sameEvidence(viaPointer, fromJSON); d != "" {
				t.Errorf("encoded through a pointer: %s", d)
			}
		})
	}
}

func TestCompactEvidenceIsSmall(t *testing.T) {
	e := compactCases()["full"]
	b, err := encode(e)
	must(t, err)
	if j := jsonValue(t, e); len(b)*2 > len(j) {
		t.Errorf("compact value %d bytes, JSON %d: want at most half", len(b), len(j))
	}
}

func TestCompactEvidenceDamagedIsAnError(t *testing.T) {
	b, err := encode(compactCases()["full"])
	must(t, err)
	for n := 1; n < len(b); n++ {
		var e continuum.Evidence
		if err := decode(b[:n], &e); err == nil {
			t.Errorf("value cut to %d of %d bytes decoded as %+v", n, len(b), e)
		}
	}
	var e continuum.Evidence
	if err := decode(append(b, 0), &e); err == nil || !strings.Contains(err.Error(), "left over") {
		t.Errorf("value with a byte too many = %v, want an error saying so", err)
	}
	var st continuum.Student
	if err := decode(b, &st); err == nil || !strings.Contains(err.Error(), "compact format of evidence") {
		t.Errorf("compact evidence read as a student = %v, want an error naming the format", err)
	}
	bad := append([]byte{formatCompact}, b[1:]...)
	bad[len(bad)-2] = 0xff // nanoseconds past a second
	if err := decode(bad, &e); err == nil {
		t.Error("a damaged time of entry was read")
	}
}

// FuzzDecodeEvidence feeds the compact reader anything: it must never
// panic, and what it reads must encode and read back the same.
func FuzzDecodeEvidence(f *testing.F) {
	for _, e := range compactCases() {
		b, _ := encode(e)
		f.Add(b[1:])
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var e continuum.Evidence
		if decodeEvidence(b, &e) != nil {
			return
		}
		var again continuum.Evidence
		if err := decode(encodeEvidence(&e), &again); err != nil {
			t.Fatalf("re-encoded %+v does not read: %v", e, err)
		}
		if d := sameEvidence(again, e); d != "" {
			t.Fatalf("re-encoded evidence reads differently: %s", d)
		}
	})
}
