package storage

import (
	"bytes"
	"encoding/binary"
	"encoding/hex"
	"strconv"
	"strings"
	"unicode"
)

// Keys are readable prefixes followed by '/'-separated parts; numeric parts
// are 8 bytes big-endian so they sort. IDs and codes never contain '/'
// (continuum.Validate and validID ensure it), so a prefix ending in '/'
// selects exactly one record type and owner. KEYS.md is the reference.
const (
	keySchema          = "meta/schema"      // uint32 BE: the layout's schema version
	keyEvidenceCounter = "meta/evidence-id" // uint64 BE: the last evidence ID assigned
	prefixContinuum    = "c/"               // c/<cid> → Continuum
	prefixName         = "cn/"              // cn/<lower(name)> → cid
	prefixTarget       = "t/"               // t/<cid>/<lower(code)> → Target
	prefixStudent      = "s/"               // s/<sid> → Student
	prefixEvidence     = "e/"               // e/<cid>/<sid>/<eid> → Evidence
	prefixEvidenceByID = "x/e/"             // x/e/<first eid> → "<cid>/<sid>[/<n>]": a run of n pieces (evidenceIndexValue)
	prefixOverride     = "o/"               // o/<cid>/<sid>/<lower(code)> → Override
	prefixTombstone    = "del/"             // del/<cid> → tombstone of a continuum being purged
	prefixFlex         = "f/"               // f/<cid>/<lower(id)> → FlexBlock
	prefixUnit         = "u/"               // u/<cid>/<lower(id)> → Unit
)

func continuumKey(cid string) []byte { return []byte(prefixContinuum + cid) }

func nameKey(name string) []byte { return []byte(prefixName + foldName(name)) }

func targetPrefix(cid string) []byte { return []byte(prefixTarget + cid + "/") }

func targetKey(cid, code string) []byte { return []byte(prefixTarget + cid + "/" + foldCode(code)) }

func studentKey(sid string) []byte { return []byte(prefixStudent + sid) }

// evidencePrefix selects a continuum's evidence, or one student's in it when sid is set.
func evidencePrefix(cid, sid string) []byte {
	if sid == "" {
		return []byte(prefixEvidence + cid + "/")
	}
	return []byte(prefixEvidence + cid + "/" + sid + "/")
}

func evidenceKey(cid, sid string, id uint64) []byte {
	return binary.BigEndian.AppendUint64(evidencePrefix(cid, sid), id)
}

// parseEvidenceKey splits e/<cid>/<sid>/<eid>. The ID is binary and may
// hold a '/' byte, so it is taken from the end.
func parseEvidenceKey(key []byte) (cid, sid string, id uint64, ok bool) {
	rest, found := bytes.CutPrefix(key, []byte(prefixEvidence))
	if !found || len(rest) < 8+4 || rest[len(rest)-9] != '/' {
		return "", "", 0, false
	}
	id = binary.BigEndian.Uint64(rest[len(rest)-8:])
	cid, sid, found = strings.Cut(string(rest[:len(rest)-9]), "/")
	if !found || cid == "" || sid == "" || strings.Contains(sid, "/") {
		return "", "", 0, false
	}
	return cid, sid, id, true
}

func evidenceIndexKey(id uint64) []byte {
	return binary.BigEndian.AppendUint64([]byte(prefixEvidenceByID), id)
}

// evidenceIndexValue is the value of the index entry of a run of n
// pieces of evidence (x/e/<first eid>): "<cid>/<sid>" for one piece,
// "<cid>/<sid>/<n>" for more, numbered first to first+n-1. IDs hold no
// '/', so the count cannot be mistaken for part of the student's ID.
func evidenceIndexValue(cid, sid string, n uint64) []byte {
	v := []byte(cid + "/" + sid)
	if n != 1 {
		v = strconv.AppendUint(append(v, '/'), n, 10)
	}
	return v
}

// parseEvidenceIndexValue reads an index entry's value: the continuum, the
// student and how many pieces the run holds (1 or more).
func parseEvidenceIndexValue(v []byte) (cid, sid string, n uint64, ok bool) {
	cid, rest, ok := strings.Cut(string(v), "/")
	if !ok || cid == "" {
		return "", "", 0, false
	}
	sid, count, more := strings.Cut(rest, "/")
	n = 1
	if more {
		var err error
		if n, err = strconv.ParseUint(count, 10, 64); err != nil || n == 0 {
			return "", "", 0, false
		}
	}
	return cid, sid, n, sid != ""
}

// overridePrefix selects a continuum's overrides, or one student's in it when sid is set.
func overridePrefix(cid, sid string) []byte {
	if sid == "" {
		return []byte(prefixOverride + cid + "/")
	}
	return []byte(prefixOverride + cid + "/" + sid + "/")
}

func overrideKey(cid, sid, code string) []byte {
	return []byte(prefixOverride + cid + "/" + sid + "/" + foldCode(code))
}

func flexPrefix(cid string) []byte { return []byte(prefixFlex + cid + "/") }

func flexKey(cid, id string) []byte { return []byte(prefixFlex + cid + "/" + foldCode(id)) }

func unitPrefix(cid string) []byte { return []byte(prefixUnit + cid + "/") }

func unitKey(cid, id string) []byte { return []byte(prefixUnit + cid + "/" + foldCode(id)) }

func tombstoneKey(cid string) []byte { return []byte(prefixTombstone + cid) }

// foldName is the name-index form of a continuum name.
func foldName(name string) string { return strings.ToLower(strings.TrimSpace(name)) }

// foldCode is the key form of a target code: codes are unique case-insensitively.
func foldCode(code string) string { return strings.ToLower(strings.TrimSpace(code)) }

// validID reports whether id can be a key part: 1 to 64 printable
// characters, no '/', no surrounding spaces.
func validID(id string) bool {
	if id == "" || id != strings.TrimSpace(id) || len([]rune(id)) > 64 {
		return false
	}
	for _, r := range id {
		if r == '/' || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}

func uint64Bytes(n uint64) []byte { return binary.BigEndian.AppendUint64(nil, n) }

func uint32Bytes(n uint32) []byte { return binary.BigEndian.AppendUint32(nil, n) }

// printKey writes a key for messages, with a binary evidence ID in hex.
func printKey(key []byte) string {
	if bytes.HasPrefix(key, []byte(prefixEvidence)) || bytes.HasPrefix(key, []byte(prefixEvidenceByID)) {
		if len(key) >= 8 {
			return string(key[:len(key)-8]) + hex.EncodeToString(key[len(key)-8:])
		}
	}
	return string(key)
}
