package standards

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// moodleShape is what a round trip must keep of a continuum: each
// target's and group's ID number with its statement or name and the ID
// numbers of the groups and domain above it, the domains in order, the
// scale's labels and cut, the taxonomy, and the cross-referenced pairs.
type moodleShape struct {
	Targets  map[string]string // ID number → statement
	Paths    map[string]string // ID number of a target or group → ID numbers above it, the domain's first
	Groups   map[string]string // ID number → name and statement
	Domains  []string          // name and description, in order
	Scale    string
	Taxonomy string
	Related  []string
}

// moodleIDOf returns the ID number a record was written with.
func moodleIDOf(src *continuum.SourceRef, code string) string {
	if src != nil && src.ID != "" {
		return src.ID
	}
	return code
}

// moodleShapeOf reads the shape of a built continuum (one whose records
// keep their Moodle ID numbers as source identities).
func moodleShapeOf(c continuum.Continuum, targets []continuum.Target) moodleShape {
	s := moodleShape{Targets: map[string]string{}, Paths: map[string]string{}, Groups: map[string]string{}}
	domainID := map[string]string{}
	for _, d := range c.Domains {
		s.Domains = append(s.Domains, d.Name+" | "+d.Description)
		domainID[d.Name] = moodleIDOf(d.Source, d.Code)
	}
	groupID := map[string]string{}
	for _, g := range c.Groups {
		groupID[g.Key] = moodleIDOf(g.Source, g.Key)
	}
	path := func(domain, group string) string {
		var up []string
		for _, g := range c.GroupPath(group) {
			up = append(up, groupID[g.Key])
		}
		return strings.Join(append([]string{domainID[domain]}, up...), " > ")
	}
	for _, g := range c.Groups {
		id := groupID[g.Key]
		s.Groups[id] = g.Name + " | " + g.Statement
		s.Paths[id] = path(g.Domain, g.Parent)
	}
	for _, t := range targets {
		id := moodleIDOf(t.Source, t.Code)
		s.Targets[id] = t.Statement
		s.Paths[id] = path(t.Domain, t.Group)
	}
	var labels []string
	for _, p := range c.Scale.Points {
		labels = append(labels, p.Label)
	}
	cut := 0
	for i, p := range c.Scale.Points {
		if p.Value >= c.Scale.Cut && cut == 0 {
			cut = i + 1
		}
	}
	s.Scale = fmt.Sprintf("%s cut at value %d", strings.Join(labels, ","), cut)
	if c.Origin != nil {
		s.Taxonomy = strings.Join(c.Origin.Taxonomy, ",")
	}
	ids := map[string]string{}
	for _, t := range targets {
		ids["t:"+strings.ToLower(t.Code)] = moodleIDOf(t.Source, t.Code)
	}
	for _, g := range c.Groups {
		ids["t:"+strings.ToLower(g.Key)] = groupID[g.Key]
	}
	pair := func(a, b string) {
		if a != "" && b != "" && a != b {
			s.Related = append(s.Related, min(a, b)+" ~ "+max(a, b))
		}
	}
	for _, t := range targets {
		for _, l := range t.Links {
			if l.Kind == "isRelatedTo" && l.Code != "" {
				pair(moodleIDOf(t.Source, t.Code), ids["t:"+strings.ToLower(l.Code)])
			}
		}
	}
	slices.Sort(s.Related)
	s.Related = slices.Compact(s.Related)
	return s
}

// moodleRoundTrip writes c, reads the file back and builds it.
func moodleRoundTrip(t testing.TB, c continuum.Continuum, targets []continuum.Target) ([]byte, *framework.Framework, *framework.Result) {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteMoodle(&buf, c, targets); err != nil {
		t.Fatalf("WriteMoodle: %v", err)
	}
	fw, err := ReadMoodle(buf.Bytes())
	if err != nil {
		t.Fatalf("ReadMoodle of a written file: %v\n%s", err, buf.String())
	}
	res, err := framework.Build(fw)
	if err != nil {
		t.Fatalf("Build of a written file: %v\n%s", err, buf.String())
	}
	return buf.Bytes(), fw, res
}

// moodleSameShape compares two shapes, naming the first difference.
func moodleSameShape(t testing.TB, got, want moodleShape, file []byte) {
	t.Helper()
	diff := func(what string, g, w any) {
		t.Errorf("%s after the round trip:\n got %v\nwant %v\nfile:\n%s", what, g, w, file)
	}
	for id, st := range want.Targets {
		if got.Targets[id] != st {
			diff("target "+id, got.Targets[id], st)
		}
	}
	if len(got.Targets) != len(want.Targets) {
		diff("targets", len(got.Targets), len(want.Targets))
	}
	for id, g := range want.Groups {
		if got.Groups[id] != g {
			diff("group "+id, got.Groups[id], g)
		}
	}
	if len(got.Groups) != len(want.Groups) {
		diff("groups", len(got.Groups), len(want.Groups))
	}
	for id, p := range want.Paths {
		if got.Paths[id] != p {
			diff("place of "+id, got.Paths[id], p)
		}
	}
	if !slices.Equal(got.Domains, want.Domains) {
		diff("domains", got.Domains, want.Domains)
	}
	if got.Scale != want.Scale {
		diff("scale", got.Scale, want.Scale)
	}
	if got.Taxonomy != want.Taxonomy {
		diff("taxonomy", got.Taxonomy, want.Taxonomy)
	}
	if !slices.Equal(got.Related, want.Related) {
		diff("cross-references", got.Related, want.Related)
	}
}

// TestMoodleRoundTripPharmacy: Moodle's export, built into a continuum,
// written and read back, keeps every item, the tree, the ID numbers, the
// scale, its cut and the taxonomy; a second round writes the same file.
func TestMoodleRoundTripPharmacy(t *testing.T) {
	fw := mustReadMoodle(t, moodleRealFile(t))
	first, err := framework.Build(fw)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	file, fw2, second := moodleRoundTrip(t, first.Continuum, first.Targets)
	if len(fw2.Warnings) > 0 {
		t.Errorf("warnings reading the written file: %v", fw2.Warnings)
	}
	want := moodleShapeOf(first.Continuum, first.Targets)
	if len(want.Targets) != 178 || len(want.Groups) != 25 || len(want.Domains) != 6 || want.Taxonomy != "domain,competency,behaviour,competency,competency,competency" {
		t.Fatalf("the first build has %d targets, %d groups, %d domains, taxonomy %q", len(want.Targets), len(want.Groups), len(want.Domains), want.Taxonomy)
	}
	moodleSameShape(t, moodleShapeOf(second.Continuum, second.Targets), want, file)
	if second.Counts != first.Counts {
		t.Errorf("counts %+v, first %+v", second.Counts, first.Counts)
	}
	if o := second.Continuum.Origin; o == nil || o.ID != "Pharmacy" || o.Format != continuum.FormatMoodle {
		t.Errorf("origin %+v", o)
	}
	again, _, _ := moodleRoundTrip(t, second.Continuum, second.Targets)
	if !bytes.Equal(again, file) {
		t.Errorf("a second round trip wrote another file")
	}
	if got, ok := moodleImportIfPHP(t, file); ok && len(got.Competencies) != 209 {
		t.Errorf("Moodle would create %d competencies, want 209", len(got.Competencies))
	}
}

// moodleWords are the words generated names and statements are made of,
// with the characters HTML, CSV and Moodle treat specially.
var moodleWords = []string{"add", "fractions", "Explain", "café", "naïve", "&", "<", ">", `"quoted"`, `back\slash`, "1,000", "a;b",
	"%2C", "&amp;", "<p>", "it's", "☺", "x/y", "50%", "#1", "&nbsp;"}

func moodleWordsOf(r *rand.Rand, n int) string {
	var ws []string
	for i := 0; i < n; i++ {
		ws = append(ws, moodleWords[r.IntN(len(moodleWords))])
	}
	return strings.Join(ws, " ")
}

// moodleStatement makes a statement: words, sometimes over several lines
// or with a run of spaces.
func moodleStatement(r *rand.Rand) string {
	s := "I can " + moodleWordsOf(r, 1+r.IntN(8))
	switch r.IntN(4) {
	case 0:
		s += "\n" + moodleWordsOf(r, 1+r.IntN(3))
	case 1:
		s += "  and\n\n" + moodleWordsOf(r, 1)
	case 2:
		s += " " + strings.Repeat("long ", 25+r.IntN(10)) + "end"
	}
	return s
}

// moodleGenerated makes a continuum of one to three domains, each with a
// tree of groups up to three deep and targets in groups and domains.
func moodleGenerated(r *rand.Rand) (continuum.Continuum, []continuum.Target) {
	c := continuum.NewContinuum("Generated "+moodleWordsOf(r, 2), framework.DefaultLevel)
	c.ID = fmt.Sprintf("g%d", r.IntN(1000))
	n := 2 + r.IntN(5)
	c.Scale = continuum.Scale{Cut: float64(1 + 1 + r.IntN(n-1))}
	for i := 0; i < n; i++ {
		c.Scale.Points = append(c.Scale.Points, continuum.ScalePoint{Value: float64(i + 1), Label: fmt.Sprintf("Step %d %s", i+1, strings.ReplaceAll(moodleWordsOf(r, 1), ",", ""))})
	}
	var targets []continuum.Target
	next := 0
	addTargets := func(domain, group string, k int) {
		for ; k > 0; k-- {
			next++
			t := continuum.Target{Code: fmt.Sprintf("T%d.%d", next, r.IntN(10)), Statement: moodleStatement(r), Domain: domain,
				Level: framework.DefaultLevel, Order: next, EvidenceRequired: 1, Group: group}
			if r.IntN(3) == 0 {
				t.Source = &continuum.SourceRef{ID: fmt.Sprintf("src-%d %s", next, strings.NewReplacer("<", "lt", "%2C", "pc").Replace(moodleWordsOf(r, 1)))}
			}
			targets = append(targets, t)
		}
	}
	var addGroups func(domain, parent string, depth int)
	addGroups = func(domain, parent string, depth int) {
		for k := r.IntN(3); k > 0 && depth <= 3; k-- {
			g := continuum.Group{Key: fmt.Sprintf("G%d", len(c.Groups)+1), Name: moodleWordsOf(r, 1+r.IntN(4)), Domain: domain, Parent: parent}
			if r.IntN(2) == 0 {
				g.Statement = "Group statement " + moodleWordsOf(r, 3)
			}
			switch r.IntN(3) {
			case 0:
				g.Code = "GC" + g.Key[1:]
			case 1:
				g.Source = &continuum.SourceRef{ID: "gsrc-" + g.Key}
			}
			c.Groups = append(c.Groups, g)
			addTargets(domain, g.Key, 1+r.IntN(2))
			addGroups(domain, g.Key, depth+1)
		}
	}
	for d := 1 + r.IntN(3); d > 0; d-- {
		dom := continuum.Domain{Name: fmt.Sprintf("Domain %d %s", d, moodleWordsOf(r, 2)), Category: continuum.Academic}
		switch r.IntN(3) {
		case 0:
			dom.Code = fmt.Sprintf("D%d", d)
		case 1:
			dom.Source = &continuum.SourceRef{ID: fmt.Sprintf("dsrc-%d", d)}
		}
		if r.IntN(2) == 0 {
			dom.Description = "About " + moodleWordsOf(r, 4)
		}
		c.Domains = append(c.Domains, dom)
		addTargets(dom.Name, "", r.IntN(3))
		addGroups(dom.Name, "", 1)
		if len(targets) == 0 || targets[len(targets)-1].Domain != dom.Name {
			addTargets(dom.Name, "", 1)
		}
	}
	for k := r.IntN(4); k > 0; k-- {
		a, b := r.IntN(len(targets)), r.IntN(len(targets))
		targets[a].Links = append(targets[a].Links, continuum.Link{Kind: "isRelatedTo", Code: targets[b].Code})
	}
	return c, targets
}

// moodleExpected is the shape a generated continuum has once it has been
// through Moodle: the ID numbers it was written with, the taxonomy
// written, and the domains and groups under their ID numbers.
func moodleExpected(t testing.TB, c continuum.Continuum, targets []continuum.Target, file []byte) moodleShape {
	t.Helper()
	fw := mustReadMoodle(t, file)
	written := map[string]string{} // a group's key or a domain's name → its ID number, read from the file
	for _, it := range fw.Items[1:] {
		written[it.Short] = it.Key
	}
	c.Origin = &continuum.Origin{Format: continuum.FormatMoodle, Taxonomy: fw.Origin.Taxonomy}
	for i := range c.Domains {
		c.Domains[i].Source = &continuum.SourceRef{ID: written[c.Domains[i].Name]}
	}
	for i := range c.Groups {
		g := &c.Groups[i]
		if g.Source == nil || g.Source.ID == "" {
			g.Source = &continuum.SourceRef{ID: moodleIDOf(nil, map[bool]string{true: g.Code, false: g.Key}[g.Code != ""])}
		}
	}
	return moodleShapeOf(c, targets)
}

// TestMoodleRoundTripGenerated: generated continua keep their shape
// through WriteMoodle, ReadMoodle and Build, and Moodle's importer would
// create every competency written.
func TestMoodleRoundTripGenerated(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 11))
	for i := 0; i < 150; i++ {
		c, targets := moodleGenerated(r)
		file, fw, res := moodleRoundTrip(t, c, targets)
		if len(fw.Warnings) > 0 {
			t.Fatalf("case %d: warnings reading a written file: %v\n%s", i, fw.Warnings, file)
		}
		want := moodleExpected(t, c, targets, file)
		moodleSameShape(t, moodleShapeOf(res.Continuum, res.Targets), want, file)
		if t.Failed() {
			t.Fatalf("case %d failed", i)
		}
		if i%25 == 0 {
			if got, ok := moodleImportIfPHP(t, file); ok && len(got.Competencies) != len(fw.Items)-1 {
				t.Fatalf("case %d: Moodle would create %d competencies of %d", i, len(got.Competencies), len(fw.Items)-1)
			}
		}
	}
}
