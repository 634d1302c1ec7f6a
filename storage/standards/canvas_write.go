package standards

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"hash/fnv"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// canvasWriteHeader is the header WriteCanvas writes, in the order of
// Canvas's own export (OutcomeExport::OUTCOME_EXPORT_HEADERS, without
// friendly_description); the rating tiers follow from the ratings column on.
var canvasWriteHeader = []string{"vendor_guid", "object_type", "title", "description", "display_name",
	"calculation_method", "calculation_int", "parent_guids", "workflow_state", "mastery_points", "ratings"}

// canvasMaxGUID is the longest vendor_guid Canvas keeps (a string column).
const canvasMaxGUID = 255

// WriteCanvas writes a continuum as the outcomes CSV Canvas's importer
// accepts (Account or Course, Outcomes, Import). Each domain and group
// becomes an outcome group, each target an outcome, every row active:
//
//   - vendor_guid is the record's identity in its source (Source.ID, a
//     target's UID when it has none), so a re-import updates what came
//     from Canvas; records without one get a stable id from the continuum
//     and their key, "cp-<continuum id>-group-<key>". Ids are made unique
//     within groups and within outcomes, as Canvas requires, and hold no
//     spaces.
//   - Groups come first, each after its parent, as Canvas reads a parent
//     before its children. A domain's group sits at the top, a group in
//     its parent group or its domain's, a target in its group or its
//     domain's; a target's "isChildOf" links to groups or domains of the
//     continuum add further parents. Links to anything else are left out,
//     since Canvas only takes parents that are groups of the same file.
//   - title is the target's code (the domain's or group's name),
//     description its statement as HTML (TextToHTML), display_name a
//     group's code.
//   - ratings are the continuum's scale points from the highest down, each
//     described by the target's descriptor for it, else by the point's
//     label; mastery_points is the cut.
//   - calculation_method and calculation_int are the target's own method,
//     else the continuum's, as canvasMethodOf maps them: weighted most
//     recent → decaying_average, decaying average →
//     standard_decaying_average, mastered n times → n_mastery, most
//     recent → latest, highest → highest, mean → average. Canvas
//     computes standard_decaying_average as a decaying average only where
//     its "Outcomes New Decaying Average Calculation" feature is on;
//     elsewhere it treats it as its decaying_average (the weighted most
//     recent).
//
// Canvas has nothing like the mean of most recent, the mode or the power
// law, and takes only whole percentages (1 to 99 for decaying_average, 50
// to 99 for standard_decaying_average) and n_mastery up to 10. Rather
// than change how Canvas judges mastery without a word, WriteCanvas then
// writes nothing and returns an error naming the target (or the
// continuum) and its method, so the teacher can choose one Canvas has.
// Levels, prerequisites and links other than parents have no place in
// Canvas's file and are not written.
func WriteCanvas(w io.Writer, c continuum.Continuum, targets []continuum.Target) error {
	p := &canvasPlan{c: &c, groupIDs: map[string]string{}, domainIDs: map[string]string{}, used: map[string]bool{}}
	rows, err := p.rows(targets)
	if err != nil {
		return fmt.Errorf("write Canvas outcomes for %s: %w", c.Name, err)
	}
	if len(rows) == 0 {
		return fmt.Errorf("write Canvas outcomes for %s: it has no domains, groups or targets, and Canvas refuses a file without outcomes; add some first", c.Name)
	}
	width := len(canvasWriteHeader)
	for _, r := range rows {
		width = max(width, len(r))
	}
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	for _, r := range append([][]string{canvasWriteHeader}, rows...) {
		if err := cw.Write(append(r, make([]string, width-len(r))...)); err != nil {
			return fmt.Errorf("write Canvas outcomes for %s: %w", c.Name, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write Canvas outcomes for %s: %w", c.Name, err)
	}
	return nil
}

// canvasPlan holds the vendor_guids WriteCanvas gives.
type canvasPlan struct {
	c         *continuum.Continuum
	domainIDs map[string]string // lower-cased domain name → guid
	groupIDs  map[string]string // lower-cased group key → guid
	used      map[string]bool   // "kind guid" in use
}

// rows returns the data rows: domains, groups (parents first), targets.
func (p *canvasPlan) rows(targets []continuum.Target) ([][]string, error) {
	var rows [][]string
	for _, d := range p.c.Domains {
		id := p.guid(canvasGroup, d.Source, "domain-"+d.Name)
		p.domainIDs[strings.ToLower(d.Name)] = id
		rows = append(rows, canvasGroupRow(id, d.Name, d.Description, d.Code, ""))
	}
	order, err := p.groupOrder()
	if err != nil {
		return nil, err
	}
	for _, gi := range order {
		g := &p.c.Groups[gi]
		id := p.guid(canvasGroup, g.Source, "group-"+g.Key)
		p.groupIDs[strings.ToLower(g.Key)] = id
		parent := p.domainIDs[strings.ToLower(g.Domain)]
		if g.Parent != "" {
			parent = cmp.Or(p.groupIDs[strings.ToLower(g.Parent)], parent)
		}
		name := cmp.Or(strings.TrimSpace(g.Name), canvasFirstLine(g.Statement), g.Key)
		rows = append(rows, canvasGroupRow(id, name, g.Statement, g.Code, parent))
	}
	base, baseN, err := canvasMethodOf(p.c.Method)
	if err != nil {
		return nil, fmt.Errorf("the continuum's method: %w", err)
	}
	for _, t := range targets {
		method, n := base, baseN
		if t.Method != nil {
			if method, n, err = canvasMethodOf(*t.Method); err != nil {
				return nil, fmt.Errorf("target %s: %w", t.Code, err)
			}
		}
		src := t.Source
		if (src == nil || strings.TrimSpace(src.ID) == "") && t.UID != "" {
			src = &continuum.SourceRef{ID: t.UID}
		}
		id := p.guid(canvasOutcome, src, t.Code)
		row := []string{id, canvasOutcome, t.Code, TextToHTML(t.Statement), "", method, n,
			strings.Join(p.parentsOf(&t), " "), "active"}
		rows = append(rows, append(row, p.ratings(&t)...))
	}
	return rows, nil
}

// canvasGroupRow is the row of an outcome group.
func canvasGroupRow(id, title, description, code, parent string) []string {
	if strings.EqualFold(strings.TrimSpace(code), strings.TrimSpace(title)) {
		code = ""
	}
	return []string{id, canvasGroup, canvasFirstLine(title), TextToHTML(description), strings.TrimSpace(code), "", "", parent, "active"}
}

// guid returns the vendor_guid of a record of kind: its source identity
// when it has a usable one not yet taken by another of its kind, else a
// stable id from the continuum and key.
func (p *canvasPlan) guid(kind string, src *continuum.SourceRef, key string) string {
	if src != nil {
		id := strings.TrimSpace(src.ID)
		if id != "" && !strings.ContainsFunc(id, canvasSpace) && len(id) <= canvasMaxGUID && !p.used[kind+" "+id] {
			p.used[kind+" "+id] = true
			return id
		}
	}
	base := "cp-" + strings.Join(strings.Fields(key), "_")
	if p.c.ID != "" {
		base = "cp-" + p.c.ID + "-" + strings.Join(strings.Fields(key), "_")
	}
	if len(base) > canvasMaxGUID {
		h := fnv.New64a()
		h.Write([]byte(base))
		base = canvasCut(base, canvasMaxGUID-17) + "-" + strconv.FormatUint(h.Sum64(), 16)
	}
	id := base
	for n := 2; p.used[kind+" "+id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	p.used[kind+" "+id] = true
	return id
}

// groupOrder returns the groups' indexes with every group after its
// parent, groups nearer their domain first; a group inside itself is an error.
func (p *canvasPlan) groupOrder() ([]int, error) {
	index := make(map[string]int, len(p.c.Groups))
	for i, g := range p.c.Groups {
		if k := strings.ToLower(strings.TrimSpace(g.Key)); k != "" {
			if _, dup := index[k]; !dup {
				index[k] = i
			}
		}
	}
	depth := make([]int, len(p.c.Groups))
	for i, g := range p.c.Groups {
		seen := map[string]bool{}
		for key := g.Parent; key != ""; {
			k := strings.ToLower(strings.TrimSpace(key))
			if seen[k] || k == strings.ToLower(strings.TrimSpace(g.Key)) {
				return nil, fmt.Errorf("group %s sits inside itself; give it another parent", g.Key)
			}
			seen[k] = true
			j, ok := index[strings.ToLower(strings.TrimSpace(key))]
			if !ok {
				break
			}
			depth[i]++
			key = p.c.Groups[j].Parent
		}
	}
	order := make([]int, len(p.c.Groups))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(depth[a], depth[b]) })
	return order, nil
}

// parentsOf returns a target's parent guids: its group's (else its
// domain's), then those of the groups and domains its "isChildOf" links name.
func (p *canvasPlan) parentsOf(t *continuum.Target) []string {
	var out []string
	add := func(id string) {
		if id != "" && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	if t.Group != "" {
		add(p.groupIDs[strings.ToLower(t.Group)])
	}
	if len(out) == 0 {
		add(p.domainIDs[strings.ToLower(t.Domain)])
	}
	for _, l := range t.Links {
		if l.Kind != framework.IsChildOf {
			continue
		}
		switch {
		case l.Code != "" && p.groupIDs[strings.ToLower(l.Code)] != "":
			add(p.groupIDs[strings.ToLower(l.Code)])
		case l.Code != "" && p.domainIDs[strings.ToLower(l.Code)] != "":
			add(p.domainIDs[strings.ToLower(l.Code)])
		case l.Code == "" && p.used[canvasGroup+" "+strings.TrimSpace(l.ID)]:
			add(strings.TrimSpace(l.ID))
		}
	}
	return out
}

// ratings returns a target's mastery_points and rating tiers, highest
// points first; nothing when the scale has no points.
func (p *canvasPlan) ratings(t *continuum.Target) []string {
	s := &p.c.Scale
	if len(s.Points) == 0 {
		return []string{""}
	}
	out := []string{canvasPoints(s.Cut)}
	for i := len(s.Points) - 1; i >= 0; i-- {
		pt := s.Points[i]
		label := cmp.Or(strings.TrimSpace(t.Descriptor(pt.Value)), strings.TrimSpace(pt.Label), canvasNoComment)
		out = append(out, canvasPoints(pt.Value), canvasFirstLine(strings.Join(strings.Fields(label), " ")))
	}
	return out
}

// canvasPoints writes points as Canvas reads them: 3, 2.5.
func canvasPoints(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }
