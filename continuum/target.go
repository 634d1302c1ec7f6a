package continuum

import (
	"slices"
	"strings"
	"unicode"
)

// Target is a learning target: one competency or standard on the
// continuum, with what mastery of it looks like at each scale point.
type Target struct {
	// Code identifies the target in its continuum, e.g. "NUM.2.3"; unique
	// case-insensitively, and stable when the statement changes.
	Code string `json:"code"`
	// UID is the target's identity wherever it travels (NewUID), minted by
	// the store that first keeps it; it stays when the code is renamed, so
	// a colleague's workbook with the old code still finds the target.
	UID string `json:"uid,omitempty"`
	// Statement is the "I can" statement, e.g. "I can add fractions with like denominators."
	Statement string `json:"statement"`
	// Domain is the name of the domain (strand) the target belongs to.
	Domain string `json:"domain"`
	// Level is the performance level the target sits at.
	Level string `json:"level"`
	// Order is the target's position among the targets of its domain and level, from 1.
	Order int `json:"order"`
	// Milestone marks a target that gates progress: a key point on the continuum.
	Milestone bool `json:"milestone,omitempty"`
	// Prerequisites are the codes of the targets that must be mastered first. They form a DAG.
	Prerequisites []string `json:"prerequisites,omitempty"`
	// Descriptors say what performance looks like at each scale point.
	Descriptors []Descriptor `json:"descriptors,omitempty"`
	// EvidenceRequired is the minimum number of demonstrations before mastery can count (at least 1).
	EvidenceRequired int `json:"evidence_required"`
	// Method, when set, replaces the continuum's mastery method for this target.
	Method *Method `json:"method,omitempty"`
	// Group is the key of the group (Continuum.Groups) the target sits in;
	// empty when it sits directly in its domain.
	Group string `json:"group,omitempty"`
	// Source is the target's identity in the system it was imported from.
	Source *SourceRef `json:"source,omitempty"`
	// Links are the target's associations in its source that are neither
	// its place in the tree nor prerequisites.
	Links []Link `json:"links,omitempty"`
}

// Descriptor describes performance on a target at one scale point.
type Descriptor struct {
	// Value is the scale point's value.
	Value float64 `json:"value"`
	// Text is what a performance at that point looks like.
	Text string `json:"text"`
}

// Descriptor returns the descriptor text for scale value v, or "".
func (t *Target) Descriptor(v float64) string {
	for _, d := range t.Descriptors {
		if d.Value == v {
			return d.Text
		}
	}
	return ""
}

// SetDescriptor sets (or, with empty text, removes) the descriptor for v.
func (t *Target) SetDescriptor(v float64, text string) {
	for i, d := range t.Descriptors {
		if d.Value == v {
			if text == "" {
				t.Descriptors = append(t.Descriptors[:i], t.Descriptors[i+1:]...)
			} else {
				t.Descriptors[i].Text = text
			}
			return
		}
	}
	if text != "" {
		t.Descriptors = append(t.Descriptors, Descriptor{Value: v, Text: text})
	}
}

// Required returns how many demonstrations the target requires (at least 1).
func (t *Target) Required() int { return max(t.EvidenceRequired, 1) }

// NormalizeCode trims a code; codes compare case-insensitively via SameCode.
func NormalizeCode(code string) string { return strings.TrimSpace(code) }

// SameCode reports whether two target codes name the same target.
func SameCode(a, b string) bool { return strings.EqualFold(strings.TrimSpace(a), strings.TrimSpace(b)) }

// RenameCode returns copies of targets with the target old renamed to
// code, and every prerequisite that names it too: the continuum as it
// is after ContinuumStore.RenameTarget.
func RenameCode(targets []Target, old, code string) []Target {
	out := make([]Target, len(targets))
	for i, t := range targets {
		if SameCode(t.Code, old) {
			t.Code = code
		}
		if slices.ContainsFunc(t.Links, func(l Link) bool { return l.Code != "" && SameCode(l.Code, old) }) {
			t.Links = slices.Clone(t.Links)
			for k := range t.Links {
				if t.Links[k].Code != "" && SameCode(t.Links[k].Code, old) {
					t.Links[k].Code = code
				}
			}
		}
		if slices.ContainsFunc(t.Prerequisites, func(p string) bool { return SameCode(p, old) }) {
			t.Prerequisites = slices.Clone(t.Prerequisites)
			for k, p := range t.Prerequisites {
				if SameCode(p, old) {
					t.Prerequisites[k] = code
				}
			}
		}
		out[i] = t
	}
	return out
}

// validCode reports whether code can serve as a key: printable, no slash or
// comma or semicolon (those separate prerequisite lists), at most 64 runes.
func validCode(code string) bool {
	if code == "" || len([]rune(code)) > 64 {
		return false
	}
	for _, r := range code {
		if !unicode.IsPrint(r) || r == '/' || r == ',' || r == ';' {
			return false
		}
	}
	return true
}

// Validate checks the target's own fields against its continuum: a valid
// code, a statement, a domain and level that exist, descriptors on scale
// points, no prerequisite on itself. Checks that need the other targets
// (prerequisites exist, no cycle) are in NewGraph.
func (t *Target) Validate(c *Continuum) error { return t.validate(c, c.GroupIndex) }

// validate is Validate with a way to find a group by key (NewGraph passes
// an index, so a continuum of thousands of groups is checked quickly).
func (t *Target) validate(c *Continuum, groupIndex func(key string) int) error {
	code := NormalizeCode(t.Code)
	if code == "" {
		return Invalidf("target.code", "is empty; every target needs a code such as NUM.2.3")
	}
	if !validCode(code) {
		return Invalidf("target.code", "%q cannot be a code: use up to 64 printable characters without / , or ;", t.Code)
	}
	if t.UID != "" && !validCode(t.UID) {
		return Invalidf("target.uid", "target %s: %q cannot be an identity: use up to 64 printable characters without / , or ;", code, t.UID)
	}
	if strings.TrimSpace(t.Statement) == "" {
		return Invalidf("target.statement", "target %s has no statement; write what the student can do (\"I can ...\")", code)
	}
	if c.DomainIndex(t.Domain) < 0 {
		return Invalidf("target.domain", "target %s: %q is not a domain of %s; expected one of %s", code, t.Domain, c.Name, domainList(c))
	}
	if c.LevelIndex(t.Level) < 0 {
		return Invalidf("target.level", "target %s: %q is not a level of %s; expected one of %s", code, t.Level, c.Name, strings.Join(c.Levels, ", "))
	}
	if t.Group != "" {
		gi := groupIndex(t.Group)
		if gi < 0 {
			return Invalidf("target.group", "target %s: %q is not a group of %s", code, t.Group, c.Name)
		}
		if !strings.EqualFold(c.Groups[gi].Domain, t.Domain) {
			return Invalidf("target.group", "target %s is in domain %q but its group %s is in %q", code, t.Domain, c.Groups[gi].Key, c.Groups[gi].Domain)
		}
	}
	if t.Order < 0 {
		return Invalidf("target.order", "target %s: order %d is negative", code, t.Order)
	}
	if t.EvidenceRequired < 0 {
		return Invalidf("target.evidence_required", "target %s: %d is negative; expected at least 1 demonstration", code, t.EvidenceRequired)
	}
	for _, d := range t.Descriptors {
		if _, ok := c.Scale.Point(d.Value); !ok {
			return Invalidf("target.descriptors", "target %s: descriptor for %s is not on the scale; expected one of %s", code, FormatScore(d.Value), c.Scale.describe())
		}
	}
	seen := map[string]bool{}
	for _, p := range t.Prerequisites {
		p = NormalizeCode(p)
		if p == "" {
			return Invalidf("target.prerequisites", "target %s has an empty prerequisite code", code)
		}
		if SameCode(p, code) {
			return Invalidf("target.prerequisites", "target %s cannot be its own prerequisite", code)
		}
		if seen[strings.ToLower(p)] {
			return Invalidf("target.prerequisites", "target %s lists prerequisite %s twice", code, p)
		}
		seen[strings.ToLower(p)] = true
	}
	if t.Method != nil {
		if err := t.Method.Validate(); err != nil {
			return Invalidf(ErrorField(err), "target %s: %s", code, bareMessage(err))
		}
	}
	return nil
}

func domainList(c *Continuum) string {
	names := make([]string, len(c.Domains))
	for i, d := range c.Domains {
		names[i] = d.Name
	}
	if len(names) == 0 {
		return "(none yet: add a domain first)"
	}
	return strings.Join(names, ", ")
}
