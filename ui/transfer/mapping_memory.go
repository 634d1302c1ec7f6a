package transfer

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"maps"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/storage/workbook"
)

// preferences is the part of fyne.Preferences the saved mappings live in.
type preferences interface {
	String(key string) string
	SetString(key, value string)
	RemoveValue(key string)
}

// mappingKeyPrefix heads the preference keys of saved mappings of
// standards lists; the rest of a key is the headers' signature.
const mappingKeyPrefix = "transfer.mapping."

// rosterMappingKeyPrefix heads those of class lists, kept apart so that a
// class list and a standards list with the same headers do not share one.
const rosterMappingKeyPrefix = "transfer.roster-mapping."

// savedMapping is a column mapping a teacher asked to remember for the
// files whose list has the same headers.
type savedMapping struct {
	// Headers are the headers of the sheet mapped, as they were written.
	Headers []string `json:"headers"`
	// Sheet is the sheet mapped (a CSV list's only sheet has the file's name).
	Sheet string `json:"sheet"`
	// Map is the mapping in workbook.Options.Map's terms: the fields whose
	// column is not the one their header names.
	Map map[string]string `json:"map"`
	// Saved is when the mapping was saved.
	Saved time.Time `json:"saved"`
}

// mappingMemory keeps column mappings in the app's preferences, keyed by
// a signature of the headers, so that the next file with the same headers
// is read the same way without asking again.
type mappingMemory struct {
	prefs preferences
	now   func() time.Time
	// prefix heads the keys: mappingKeyPrefix when "".
	prefix string
}

// appMappings is the memory of standards lists' mappings in the running
// app's preferences; nil when there is no app.
func appMappings() *mappingMemory {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	return &mappingMemory{prefs: a.Preferences(), now: time.Now}
}

// appRosterMappings is the memory of class lists' mappings; nil when
// there is no app.
func appRosterMappings() *mappingMemory {
	m := appMappings()
	if m != nil {
		m.prefix = rosterMappingKeyPrefix
	}
	return m
}

// key is the preference key of the mapping saved for a signature.
func (m *mappingMemory) key(sig string) string {
	if m.prefix == "" {
		return mappingKeyPrefix + sig
	}
	return m.prefix + sig
}

// headerSignature is what identifies a list's headers whatever their case
// and spacing: each header trimmed, lower-cased and its inner spaces made
// one, the empty headers at the end left out. It is "" for no headers.
func headerSignature(headers []string) string {
	norm := make([]string, len(headers))
	for i, h := range headers {
		norm[i] = strings.ToLower(strings.Join(strings.Fields(h), " "))
	}
	for len(norm) > 0 && norm[len(norm)-1] == "" {
		norm = norm[:len(norm)-1]
	}
	if len(norm) == 0 {
		return ""
	}
	sum := sha256.Sum256([]byte(strings.Join(norm, "\x1f")))
	return hex.EncodeToString(sum[:12])
}

// Lookup returns the mapping saved for lists with these headers.
func (m *mappingMemory) Lookup(headers []string) (savedMapping, bool) {
	sig := headerSignature(headers)
	if m == nil || sig == "" {
		return savedMapping{}, false
	}
	raw := m.prefs.String(m.key(sig))
	if raw == "" {
		return savedMapping{}, false
	}
	var s savedMapping
	if err := json.Unmarshal([]byte(raw), &s); err != nil || headerSignature(s.Headers) != sig {
		return savedMapping{}, false // unreadable, or another list's under a colliding key
	}
	return s, true
}

// Save remembers the mapping of sheet for lists with these headers, and
// returns what was saved.
func (m *mappingMemory) Save(headers []string, sheet string, cols map[string]string) savedMapping {
	s := savedMapping{Headers: slices.Clone(headers), Sheet: sheet, Map: maps.Clone(cols), Saved: m.now()}
	if s.Map == nil {
		s.Map = map[string]string{}
	}
	sig := headerSignature(headers)
	if sig == "" {
		return s
	}
	raw, err := json.Marshal(s)
	if err != nil {
		return s
	}
	m.prefs.SetString(m.key(sig), string(raw))
	return s
}

// Forget drops the mapping saved for lists with these headers.
func (m *mappingMemory) Forget(headers []string) {
	if sig := headerSignature(headers); m != nil && sig != "" {
		m.prefs.RemoveValue(m.key(sig))
	}
}

// Find returns the index in first.Sheets of the first sheet that can be
// mapped and has a saved mapping, with that mapping; -1 when none has.
// A sheet of the saved name is preferred when several have the headers.
func (m *mappingMemory) Find(first *workbook.Preview) (int, savedMapping) {
	if m == nil || first == nil {
		return -1, savedMapping{}
	}
	found, saved := -1, savedMapping{}
	for i, s := range first.Sheets {
		if s.HeaderRow == 0 {
			continue
		}
		sm, ok := m.Lookup(s.Headers)
		if !ok {
			continue
		}
		if found < 0 || s.Name == sm.Sheet && first.Sheets[found].Name != sm.Sheet {
			found, saved = i, sm
		}
	}
	return found, saved
}

// savedOn writes the day a mapping was saved, as the dialogs say it.
func savedOn(s savedMapping) string {
	if s.Saved.IsZero() {
		return "an earlier day"
	}
	return continuum.DateOf(s.Saved.Local()).LongMonth()
}

// columnOf finds the column of sheet s that a spec of Options.Map names:
// its header (as SheetPreview.MapSpec writes it, case and spacing aside),
// else its letter; -1 when none.
func columnOf(s workbook.SheetPreview, spec string) int {
	width := len(s.Headers)
	for _, r := range s.Rows {
		width = max(width, len(r))
	}
	norm := func(x string) string { return strings.ToLower(strings.Join(strings.Fields(x), " ")) }
	for col := range width {
		if norm(s.MapSpec(col)) == norm(spec) {
			return col
		}
	}
	for col := range width {
		if strings.EqualFold(workbook.ColumnName(col), strings.TrimSpace(spec)) {
			return col
		}
	}
	return -1
}
