package continuum

import (
	"strings"
)

// SourceRef is a record's identity in the system it was imported from: a
// CASE item's identifier and URI, a Moodle competency's ID number, a
// Canvas outcome's vendor_guid. It is kept, shown and exported back, so a
// district can match a target to its standard and a newer version of the
// framework updates the target it came from.
type SourceRef struct {
	// ID is the identifier in the source (CASE identifier, Moodle ID number, Canvas vendor_guid).
	ID string `json:"id,omitempty"`
	// URI is where the source publishes the record (CASE uri), when it does.
	URI string `json:"uri,omitempty"`
	// Kind is the source's own type for the record (CASE CFItemType such
	// as "Standard" or "Cluster", a Moodle taxonomy term, a Canvas object type).
	Kind string `json:"kind,omitempty"`
	// Association is the identifier of the association that places the
	// record under its parent in the source (a CASE isChildOf), when it has one.
	Association string `json:"association,omitempty"`
	// Precedes maps the source identifier of each prerequisite that came
	// from a "precedes" association to that association's identifier, so
	// that an export writes it back as it came.
	Precedes map[string]string `json:"precedes,omitempty"`
}

// IsZero reports whether s says nothing.
func (s *SourceRef) IsZero() bool {
	return s == nil || (s.ID == "" && s.URI == "" && s.Kind == "" && s.Association == "" && len(s.Precedes) == 0)
}

// Origin is the framework a continuum was imported from, as its publisher
// names it: a CASE document, a Moodle competency framework, a Canvas
// outcome set.
type Origin struct {
	// Format is the kind of file it came in: FormatCASE, FormatMoodle,
	// FormatCanvas, or a spreadsheet layout's name.
	Format string `json:"format,omitempty"`
	// ID is the framework's identifier (CASE CFDocument identifier, Moodle framework ID number).
	ID string `json:"id,omitempty"`
	// URI is the framework's URI (CASE CFDocument uri, or the package's).
	URI string `json:"uri,omitempty"`
	// Title is the framework's title in the source.
	Title string `json:"title,omitempty"`
	// Version is the publisher's version of the framework.
	Version string `json:"version,omitempty"`
	// OfficialURL is the publisher's page of the framework (CASE officialSourceURL).
	OfficialURL string `json:"official_url,omitempty"`
	// Creator and Publisher are who wrote and who publishes the framework.
	Creator   string `json:"creator,omitempty"`
	Publisher string `json:"publisher,omitempty"`
	// AdoptionStatus is the framework's status at its publisher (CASE adoptionStatus: Draft, Adopted ...).
	AdoptionStatus string `json:"adoption_status,omitempty"`
	// Language is the framework's language (CASE language).
	Language string `json:"language,omitempty"`
	// LastChange is when the publisher last changed the framework, as written there.
	LastChange string `json:"last_change,omitempty"`
	// License names the framework's licence, as the source gives it.
	License string `json:"license,omitempty"`
	// Taxonomy names each depth of the hierarchy (Moodle's taxonomy:
	// domain, competency, behaviour ...), outermost first.
	Taxonomy []string `json:"taxonomy,omitempty"`
}

// The formats a framework comes in.
const (
	FormatCASE   = "CASE"
	FormatMoodle = "Moodle"
	FormatCanvas = "Canvas"
)

// Group is a level of the hierarchy between a domain and its targets: a
// cluster, a strand, a standard with sub-parts, a Moodle competency with
// behaviours below it, a Canvas outcome group. Groups nest; a target sits
// in at most one (Target.Group), and a group with a statement of its own
// keeps it.
type Group struct {
	// Key identifies the group in its continuum; unique case-insensitively.
	Key string `json:"key"`
	// Code is the group's human code in its source, e.g. "3.OA.A" or "L.1.4".
	Code string `json:"code,omitempty"`
	// Name is the group's short title, e.g. "Represent and solve problems involving multiplication".
	Name string `json:"name"`
	// Statement is what the group says of its own, when it says more than its name.
	Statement string `json:"statement,omitempty"`
	// Domain is the domain the group belongs to.
	Domain string `json:"domain"`
	// Parent is the key of the group this one sits in; empty at the top of its domain.
	Parent string `json:"parent,omitempty"`
	// Level is the performance level the group sits at, when it has one.
	Level string `json:"level,omitempty"`
	// Source is the group's identity in the system it was imported from.
	Source *SourceRef `json:"source,omitempty"`
	// Links are the group's associations in its source other than its place in the tree.
	Links []Link `json:"links,omitempty"`
}

// Title returns the group's code and name for people, e.g. "3.OA.A Represent and solve…".
func (g *Group) Title() string {
	if g.Code == "" || strings.EqualFold(g.Code, g.Name) {
		return g.Name
	}
	return g.Code + " " + g.Name
}

// GroupIndex returns the position of the group with key (matched
// case-insensitively), or -1.
func (c *Continuum) GroupIndex(key string) int {
	key = strings.TrimSpace(key)
	if key == "" {
		return -1
	}
	for i, g := range c.Groups {
		if strings.EqualFold(g.Key, key) {
			return i
		}
	}
	return -1
}

// GroupPath returns the groups from the top of the domain down to the
// group with key, outermost first; nil when there is no such group.
func (c *Continuum) GroupPath(key string) []Group {
	var path []Group
	for seen := 0; seen <= len(c.Groups); seen++ {
		i := c.GroupIndex(key)
		if i < 0 {
			break
		}
		path = append(path, c.Groups[i])
		key = c.Groups[i].Parent
	}
	for l, r := 0, len(path)-1; l < r; l, r = l+1, r-1 {
		path[l], path[r] = path[r], path[l]
	}
	return path
}

// validateGroups checks the groups: keys present and unique, names
// present, domains that exist, parents that exist in the same domain, and
// no group inside itself.
func (c *Continuum) validateGroups() error {
	seen := make(map[string]int, len(c.Groups)) // lower-cased key → index
	for i, g := range c.Groups {
		k := strings.ToLower(strings.TrimSpace(g.Key))
		if k == "" {
			return Invalidf("group.key", "group %d (%q) has no key", i+1, g.Name)
		}
		if strings.ContainsAny(k, "/") {
			return Invalidf("group.key", "group key %q cannot hold /", g.Key)
		}
		if _, dup := seen[k]; dup {
			return Invalidf("group.key", "group key %q appears twice", g.Key)
		}
		seen[k] = i
		if strings.TrimSpace(g.Name) == "" && strings.TrimSpace(g.Statement) == "" {
			return Invalidf("group.name", "group %s has no name", g.Key)
		}
		if c.DomainIndex(g.Domain) < 0 {
			return Invalidf("group.domain", "group %s: %q is not a domain of %s; expected one of %s", g.Key, g.Domain, c.Name, domainList(c))
		}
		if g.Level != "" && c.LevelIndex(g.Level) < 0 {
			return Invalidf("group.level", "group %s: %q is not a level of %s; expected one of %s", g.Key, g.Level, c.Name, strings.Join(c.Levels, ", "))
		}
	}
	parent := make([]int, len(c.Groups)) // index of each group's parent, -1 at the top
	for i, g := range c.Groups {
		parent[i] = -1
		if g.Parent == "" {
			continue
		}
		j, ok := seen[strings.ToLower(strings.TrimSpace(g.Parent))]
		if !ok {
			return Invalidf("group.parent", "group %s sits in %q, which is not a group of %s", g.Key, g.Parent, c.Name)
		}
		if !strings.EqualFold(c.Groups[j].Domain, g.Domain) {
			return Invalidf("group.parent", "group %s is in domain %q but sits in group %s of domain %q", g.Key, g.Domain, c.Groups[j].Key, c.Groups[j].Domain)
		}
		parent[i] = j
	}
	// Walk up from each group, each group walked once: one seen again on
	// the same walk closes a loop.
	state := make([]byte, len(c.Groups)) // 0 unseen, 1 on this walk, 2 known to reach the top
	for i := range c.Groups {
		var walk []int
		for j := i; j >= 0 && state[j] != 2; j = parent[j] {
			if state[j] == 1 {
				return Invalidf("group.parent", "group %s sits inside itself; give it another parent", c.Groups[j].Key)
			}
			state[j] = 1
			walk = append(walk, j)
		}
		for _, j := range walk {
			state[j] = 2
		}
	}
	return nil
}

// Link is an association of a target or group with another item, in this
// continuum or outside it, that is not its place in the tree and not a
// prerequisite: a CASE exactMatchOf, isRelatedTo, replacedBy, exemplar, a
// second parent. It is kept and exported back as it came.
type Link struct {
	// Kind is the association's type as CASE names it, e.g. "exactMatchOf",
	// "isRelatedTo", "isChildOf" (for a second parent), "precedes".
	Kind string `json:"kind"`
	// Code is the other end when it is in this continuum: a target's code or a group's key.
	Code string `json:"code,omitempty"`
	// ID and URI are the other end's identifier and URI in its source,
	// for an end outside this continuum (or as the source wrote them).
	ID  string `json:"id,omitempty"`
	URI string `json:"uri,omitempty"`
	// Title is how the source names the other end (its code or title).
	Title string `json:"title,omitempty"`
	// Inbound is true when the other end is the association's origin and
	// this record its destination ("X isRelatedTo this").
	Inbound bool `json:"inbound,omitempty"`
	// AssociationID is the association's own identifier in its source.
	AssociationID string `json:"association_id,omitempty"`
}

// External reports whether the link's other end is outside the continuum.
func (l Link) External() bool { return l.Code == "" }

// Other returns how to name the link's other end for people.
func (l Link) Other() string {
	switch {
	case l.Code != "":
		return l.Code
	case l.Title != "":
		return l.Title
	case l.URI != "":
		return l.URI
	}
	return l.ID
}

// LinkLabel returns a CASE association type in words, e.g. "exactMatchOf" → "exact match of".
func LinkLabel(kind string) string {
	var b strings.Builder
	for i, r := range kind {
		if r >= 'A' && r <= 'Z' {
			if i > 0 {
				b.WriteByte(' ')
			}
			b.WriteRune(r + ('a' - 'A'))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// LinkWords says how a record stands to the other end of a link, named
// other, read from the record: "exact match of 6.RP.A.1", "is related to
// …", "replaced by …"; an inbound link is worded the other way
// ("replaces …", "comes after …"). A kind CASE does not define is said
// as written: "aligns with X", or inbound "X aligns with this".
func LinkWords(l Link, other string) string {
	if p, ok := linkPhrases[strings.ToLower(l.Kind)]; ok {
		if l.Inbound {
			return p[1] + " " + other
		}
		return p[0] + " " + other
	}
	if l.Inbound {
		return other + " " + LinkLabel(l.Kind) + " this"
	}
	return LinkLabel(l.Kind) + " " + other
}

// linkPhrases words each CASE association type from its origin, then
// from its destination.
var linkPhrases = map[string][2]string{
	"ischildof":     {"also sits under", "also has below it"},
	"ispeerof":      {"is a peer of", "is a peer of"},
	"ispartof":      {"is part of", "has as a part"},
	"exactmatchof":  {"exact match of", "exact match of"},
	"precedes":      {"comes before", "comes after"},
	"isrelatedto":   {"is related to", "is related to"},
	"replacedby":    {"replaced by", "replaces"},
	"exemplar":      {"has as an exemplar", "is an exemplar of"},
	"hasskilllevel": {"has skill level", "is a skill level of"},
}

// OriginSummary says in one line where a continuum was imported from:
// "CASE · What Standards Could Be · version 1.2 · Acme Publishing"; ""
// when it was not.
func OriginSummary(o *Origin) string {
	if o == nil {
		return ""
	}
	var parts []string
	for _, p := range []string{o.Format, o.Title} {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	if v := strings.TrimSpace(o.Version); v != "" {
		parts = append(parts, "version "+v)
	}
	who := strings.TrimSpace(o.Publisher)
	if who == "" {
		who = strings.TrimSpace(o.Creator)
	}
	if who != "" {
		parts = append(parts, who)
	}
	if len(parts) == 0 {
		return ""
	}
	return "From " + strings.Join(parts, " · ")
}
