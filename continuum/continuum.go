// Package continuum is the domain of Continuum Planner: learning continua of
// targets along performance levels, proficiency scales, students, evidence,
// teacher overrides, the mastery methods that turn evidence into a judgement,
// and each student's position on the continuum.
//
// The package is pure Go. Storage, spreadsheets and the user interface are
// adapters that talk to it through the Store interface and the types here.
package continuum

import (
	"crypto/rand"
	"encoding/hex"
	"strings"
	"sync"
	"time"
)

// Category keeps the three kinds of learning apart: grading never mixes
// academic knowledge with habits of success.
type Category string

// The categories a domain can belong to.
const (
	// Academic is academic knowledge and skills of a subject.
	Academic Category = "academic"
	// Transferable is a transferable skill (communication, collaboration, critical thinking...).
	Transferable Category = "transferable"
	// Lifelong is a lifelong-learning skill, a habit of success (perseverance, self-direction...).
	Lifelong Category = "lifelong"
)

// Categories lists every category in display order.
var Categories = []Category{Academic, Transferable, Lifelong}

// Label returns the category's name for people.
func (c Category) Label() string {
	switch c {
	case Academic:
		return "Academic knowledge"
	case Transferable:
		return "Transferable skill"
	case Lifelong:
		return "Lifelong learning (habits of success)"
	}
	return string(c)
}

// ParseCategory reads a category from its code or a common spelling of its
// label ("academic", "Transferable skills", "habits", "lifelong learning").
func ParseCategory(s string) (Category, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	switch {
	case k == "" || strings.HasPrefix(k, "academic") || k == "knowledge":
		return Academic, nil
	case strings.HasPrefix(k, "transfer"):
		return Transferable, nil
	case strings.HasPrefix(k, "lifelong") || strings.HasPrefix(k, "habit") || strings.HasPrefix(k, "life-long"):
		return Lifelong, nil
	}
	return "", Invalidf("category", "%q is not a category; expected academic, transferable or lifelong", s)
}

// Continuum is the ordered set of learning targets of a subject along a span
// of performance levels, grouped into domains, with the proficiency scale and
// mastery method used to judge evidence against it. Its targets are stored
// and loaded separately (see Store.Targets).
type Continuum struct {
	// ID is the stable identifier assigned at creation; it never changes, even on rename.
	ID string `json:"id"`
	// Name is what teachers call the continuum; unique in a store, case-insensitively.
	Name string `json:"name"`
	// Subject is the subject or area, e.g. "Mathematics" or "Habits of success".
	Subject string `json:"subject,omitempty"`
	// Description is an optional note on the continuum's scope and source.
	Description string `json:"description,omitempty"`
	// Levels are the performance levels in order, lowest first, e.g. K, 1, 2 ... 12.
	Levels []string `json:"levels"`
	// Domains are the strands in display order.
	Domains []Domain `json:"domains"`
	// Groups are the levels of the hierarchy between domains and targets
	// (clusters, strands, competencies), in display order.
	Groups []Group `json:"groups,omitempty"`
	// Origin is the framework the continuum was imported from, when it was.
	Origin *Origin `json:"origin,omitempty"`
	// Scale is the proficiency scale that evidence is scored on.
	Scale Scale `json:"scale"`
	// Method is the mastery method used unless a target overrides it.
	Method Method `json:"method"`
	// Pacing is the optional plan of expected levels by date.
	Pacing *PacingPlan `json:"pacing,omitempty"`
	// ReportCard is the optional mapping of targets to the standards of a
	// district's report card, with each standard's roll-up rule.
	ReportCard *ReportCard `json:"report_card,omitempty"`
	// CreatedAt is when the continuum was created.
	CreatedAt time.Time `json:"created_at"`
	// UpdatedAt is when the continuum's own fields last changed.
	UpdatedAt time.Time `json:"updated_at"`
}

// Domain is a strand of a continuum, e.g. "Number and operations". Its order
// is its position in Continuum.Domains.
type Domain struct {
	// Name is unique in its continuum, case-insensitively.
	Name string `json:"name"`
	// Category says whether the domain is academic, a transferable skill or a lifelong-learning habit.
	Category Category `json:"category"`
	// Description is an optional note on what the domain covers.
	Description string `json:"description,omitempty"`
	// Code is the domain's human code in its source, e.g. "RL" or "6.RP".
	Code string `json:"code,omitempty"`
	// Source is the domain's identity in the system it was imported from.
	Source *SourceRef `json:"source,omitempty"`
	// Links are the domain's associations in its source other than its place in the tree.
	Links []Link `json:"links,omitempty"`
}

// NewContinuum returns a continuum with the default scale (1 Beginning to 4
// Extending, cut 3), the decaying-average method and the given levels.
func NewContinuum(name string, levels ...string) Continuum {
	return Continuum{
		Name:   name,
		Levels: levels,
		Scale:  DefaultScale(),
		Method: DefaultMethod(),
	}
}

// NewID returns a new random identifier of 16 hexadecimal digits.
func NewID() string {
	var b [8]byte
	if _, err := rand.Read(b[:]); err != nil {
		panic("continuum: no randomness: " + err.Error()) // crypto/rand does not fail on supported platforms
	}
	return hex.EncodeToString(b[:])
}

// NewUID returns a new identity for a record that travels between stores
// (a student, a target, a piece of evidence): 128 random bits written as a
// version 4 UUID, e.g. "3f2b8c1e-9a4d-4e7b-8c2a-51d0e6f4a9b3". Two stores
// never mint the same one, so a record keeps its identity in a colleague's
// store whatever its short ID or code there.
func NewUID() string {
	var b [16]byte
	uidRandom.Lock()
	if len(uidRandom.left) < len(b) {
		uidRandom.left = make([]byte, 4096)
		if _, err := rand.Read(uidRandom.left); err != nil {
			panic("continuum: no randomness: " + err.Error()) // crypto/rand does not fail on supported platforms
		}
	}
	uidRandom.left = uidRandom.left[copy(b[:], uidRandom.left):]
	uidRandom.Unlock()
	return FormatUID(b, 4)
}

// uidRandom is the random bytes NewUID has read and not used yet: it
// reads 4 KB at a time rather than 16 bytes, since an import of a
// district's workbook mints 200,000 UIDs.
var uidRandom struct {
	sync.Mutex
	left []byte
}

// FormatUID writes b as a UUID of the given version (4: random, 5: from
// a name) with the RFC 4122 variant, in lower-case 8-4-4-4-12 form.
func FormatUID(b [16]byte, version byte) string {
	b[6] = b[6]&0x0f | version<<4
	b[8] = b[8]&0x3f | 0x80
	var h [36]byte
	hex.Encode(h[0:8], b[0:4])
	hex.Encode(h[9:13], b[4:6])
	hex.Encode(h[14:18], b[6:8])
	hex.Encode(h[19:23], b[8:10])
	hex.Encode(h[24:36], b[10:16])
	h[8], h[13], h[18], h[23] = '-', '-', '-', '-'
	return string(h[:])
}

// LevelIndex returns the position of level in c.Levels (matched
// case-insensitively, ignoring surrounding spaces), or -1.
func (c *Continuum) LevelIndex(level string) int {
	level = strings.TrimSpace(level)
	for i, l := range c.Levels {
		if strings.EqualFold(l, level) {
			return i
		}
	}
	return -1
}

// DomainIndex returns the position of the named domain, or -1.
func (c *Continuum) DomainIndex(name string) int {
	name = strings.TrimSpace(name)
	for i, d := range c.Domains {
		if strings.EqualFold(d.Name, name) {
			return i
		}
	}
	return -1
}

// Validate checks the continuum's own fields: a name, at least one level,
// distinct level and domain names, a valid scale and method, a pacing
// plan that names real levels, and a report card whose bands are on the
// scale (whether its targets exist is ReportCard.CheckTargets's work).
func (c *Continuum) Validate() error {
	if strings.TrimSpace(c.Name) == "" {
		return Invalidf("continuum.name", "is empty; give the continuum a name")
	}
	if len(c.Levels) == 0 {
		return Invalidf("continuum.levels", "continuum %q has no levels; add at least one (e.g. K, 1, 2)", c.Name)
	}
	seen := map[string]bool{}
	for i, l := range c.Levels {
		k := strings.ToLower(strings.TrimSpace(l))
		if k == "" {
			return Invalidf("continuum.levels", "level %d is empty", i+1)
		}
		if seen[k] {
			return Invalidf("continuum.levels", "level %q appears twice", l)
		}
		seen[k] = true
	}
	clear(seen)
	for i, d := range c.Domains {
		k := strings.ToLower(strings.TrimSpace(d.Name))
		if k == "" {
			return Invalidf("continuum.domains", "domain %d has no name", i+1)
		}
		if seen[k] {
			return Invalidf("continuum.domains", "domain %q appears twice", d.Name)
		}
		seen[k] = true
		if err := d.Category.Validate(); err != nil {
			return Invalidf("domain.category", "domain %q: %s", d.Name, ErrorMessage(err))
		}
	}
	if err := c.validateGroups(); err != nil {
		return err
	}
	if err := c.Scale.Validate(); err != nil {
		return err
	}
	if err := c.Method.Validate(); err != nil {
		return err
	}
	if c.Pacing != nil {
		if err := c.Pacing.validate(c); err != nil {
			return err
		}
	}
	if c.ReportCard != nil {
		if err := c.ReportCard.Validate(&c.Scale); err != nil {
			return err
		}
	}
	return nil
}

// Validate checks that c is one of the known categories.
func (c Category) Validate() error {
	for _, k := range Categories {
		if c == k {
			return nil
		}
	}
	return Invalidf("category", "%q is not a category; expected academic, transferable or lifelong", string(c))
}
