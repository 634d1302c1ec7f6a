package standards

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// canvasTargetDigest is what must survive a trip through Canvas's file
// for one outcome.
type canvasTargetDigest struct {
	Code, Statement string
	Parents         []string // vendor_guids, the one it sits in first
	Method          string
	Ratings         []string // "points description", highest first
}

// canvasDigest is what must survive for a whole continuum.
type canvasDigest struct {
	Groups  map[string]string // group vendor_guid → its parent's ("" at the top)
	Targets map[string]canvasTargetDigest
	Cut     float64
}

// digestOf sums up a built continuum by the vendor_guids Canvas knows it by.
func digestOf(t *testing.T, res *framework.Result) canvasDigest {
	t.Helper()
	c := &res.Continuum
	d := canvasDigest{Groups: map[string]string{}, Targets: map[string]canvasTargetDigest{}, Cut: c.Scale.Cut}
	domainID := func(name string) string {
		dm := c.Domains[c.DomainIndex(name)]
		if dm.Source == nil {
			t.Fatalf("domain %s has no source", dm.Name)
		}
		return dm.Source.ID
	}
	groupID := func(key string) string {
		g := c.Groups[c.GroupIndex(key)]
		if g.Source == nil {
			t.Fatalf("group %s has no source", g.Key)
		}
		return g.Source.ID
	}
	for _, dm := range c.Domains {
		d.Groups[domainID(dm.Name)] = ""
	}
	for _, g := range c.Groups {
		parent := domainID(g.Domain)
		if g.Parent != "" {
			parent = groupID(g.Parent)
		}
		d.Groups[groupID(g.Key)] = parent
	}
	for _, tg := range res.Targets {
		td := canvasTargetDigest{Code: tg.Code, Statement: tg.Statement, Method: c.Method.String()}
		if tg.Method != nil {
			td.Method = tg.Method.String()
		}
		if tg.Group != "" {
			td.Parents = append(td.Parents, groupID(tg.Group))
		} else {
			td.Parents = append(td.Parents, domainID(tg.Domain))
		}
		for _, l := range tg.Links {
			switch {
			case l.Kind != framework.IsChildOf:
			case l.Code != "" && c.GroupIndex(l.Code) >= 0:
				td.Parents = append(td.Parents, groupID(l.Code))
			case l.Code != "":
				td.Parents = append(td.Parents, domainID(l.Code))
			case d.Groups[l.ID] != "" || slices.ContainsFunc(c.Domains, func(dm continuum.Domain) bool { return dm.Source != nil && dm.Source.ID == l.ID }):
				td.Parents = append(td.Parents, l.ID)
			}
		}
		for i := len(c.Scale.Points) - 1; i >= 0; i-- {
			p := c.Scale.Points[i]
			td.Ratings = append(td.Ratings, continuum.FormatScore(p.Value)+" "+cmpOrString(tg.Descriptor(p.Value), p.Label))
		}
		if tg.Source == nil {
			t.Fatalf("target %s has no source", tg.Code)
		}
		d.Targets[tg.Source.ID] = td
	}
	return d
}

func cmpOrString(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// canvasRoundTrip reads raw, builds it, writes it, checks Canvas would
// take the file, reads and builds that, and returns both builds.
func canvasRoundTrip(t *testing.T, raw []byte) (first, second *framework.Result, written []byte) {
	t.Helper()
	build := func(raw []byte) *framework.Result {
		fw := mustReadCanvas(t, raw)
		fw.Name = "Outcomes"
		res, err := framework.Build(fw)
		if err != nil {
			t.Fatalf("Build: %v\n%s", err, raw)
		}
		return res
	}
	first = build(raw)
	var b bytes.Buffer
	if err := WriteCanvas(&b, first.Continuum, first.Targets); err != nil {
		t.Fatalf("WriteCanvas: %v", err)
	}
	if _, problems := canvasAccepts(b.Bytes()); len(problems) > 0 {
		t.Fatalf("Canvas would refuse:\n%s\n%s", strings.Join(problems, "\n"), b.String())
	}
	return first, build(b.Bytes()), b.Bytes()
}

func TestCanvasRoundTripRealFile(t *testing.T) {
	first, second, _ := canvasRoundTrip(t, canvasRealFile(t))
	a, b := digestOf(t, first), digestOf(t, second)
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("the trip changed the outcomes:\nfirst  %+v\nsecond %+v", a, b)
	}
	if len(a.Targets) != 7 || len(a.Groups) != 2 || !slices.Equal(a.Targets["c"].Parents, []string{"a", "b"}) {
		t.Errorf("digest %+v", a)
	}
	for guid, m := range map[string]string{"c": "weighted-latest (w=0.65)", "d": "highest", "f": "weighted-latest (w=0.4)", "g": "n-mastery (n=3)", "i": "decaying-average (r=0.65)"} {
		if a.Targets[guid].Method != m {
			t.Errorf("%s: %s, want %s", guid, a.Targets[guid].Method, m)
		}
	}
}

// canvasGen makes a random outcomes file as Canvas would take it.
type canvasGen struct {
	rng      *rand.Rand
	groups   []string // guids
	outcomes []string // guids of the outcomes not deleted
	deleted  int
}

var canvasWords = []string{"add", "compare", "fractions", "&", "<b>", "angles", "\"quoted\"", "a, b", "draw", "measure", "l'été", "数"}

func (g *canvasGen) words(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = canvasWords[g.rng.IntN(len(canvasWords))]
	}
	return strings.Join(ws, " ")
}

// description is plain text, text with line breaks, or HTML.
func (g *canvasGen) description() string {
	switch g.rng.IntN(4) {
	case 0:
		return ""
	case 1:
		return "<p>" + strings.ReplaceAll(strings.ReplaceAll(g.words(3), "&", "&amp;"), "<", "&lt;") + "</p><p>" + "two &amp; more</p>"
	case 2:
		return g.words(2) + "\n" + g.words(2)
	}
	return g.words(1 + g.rng.IntN(5))
}

// file returns the CSV text of a random outcome set with one scale (some
// outcomes describing its tiers in their own words, a few with tiers of
// their own), several parents and every calculation method.
func (g *canvasGen) file() []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write([]string{"vendor_guid", "object_type", "title", "description", "display_name", "calculation_method", "calculation_int", "parent_guids", "workflow_state", "mastery_points", "ratings"})
	tops := 1 + g.rng.IntN(3)
	for i := range 1 + g.rng.IntN(8) {
		guid := fmt.Sprintf("grp-%d-%x", i, g.rng.Uint32())
		parent := ""
		if i >= tops {
			parent = g.groups[g.rng.IntN(len(g.groups))]
		}
		display := ""
		if g.rng.IntN(2) == 0 {
			display = fmt.Sprintf("G-%d", i)
		}
		w.Write([]string{guid, "group", fmt.Sprintf("Strand %d", i), g.description(), display, "", "", parent, "active"})
		g.groups = append(g.groups, guid)
	}
	points := g.points()
	for i := range 1 + g.rng.IntN(15) {
		w.Write(g.outcome(i, points))
	}
	w.Flush()
	return b.Bytes()
}

// points returns the file's rating points, highest first.
func (g *canvasGen) points() []float64 {
	n := 2 + g.rng.IntN(4)
	pts := make([]float64, n)
	v := float64(g.rng.IntN(3))
	for i := n - 1; i >= 0; i-- {
		pts[i] = v
		v += float64(1+g.rng.IntN(2)) / float64(1+g.rng.IntN(2))
	}
	return pts
}

// outcome returns the row of outcome i.
func (g *canvasGen) outcome(i int, points []float64) []string {
	guid := fmt.Sprintf("out-%d-%x", i, g.rng.Uint32())
	title := fmt.Sprintf("T%d", i)
	switch g.rng.IntN(8) {
	case 0:
		title = "Same title"
	case 1:
		title = "A title far too long to be a code: " + strings.Repeat("and more words ", 4)
	}
	var parents []string
	for range 1 + g.rng.IntN(3) {
		if p := g.groups[g.rng.IntN(len(g.groups))]; !slices.Contains(parents, p) {
			parents = append(parents, p)
		}
	}
	methods := []string{canvasDecaying, canvasWeighted, canvasStandardDecaying, canvasNMastery, canvasLatest, canvasHighest, canvasAverage, ""}
	method, n := methods[g.rng.IntN(len(methods))], ""
	if p, ok := canvasParams[method]; ok && g.rng.IntN(3) > 0 {
		n = strconv.Itoa(p.min + g.rng.IntN(p.max-p.min+1))
	}
	state := "active"
	if g.rng.IntN(12) == 0 {
		state = "deleted"
		g.deleted++
	} else {
		g.outcomes = append(g.outcomes, guid)
	}
	row := []string{guid, "outcome", title, g.description(), "", method, n, strings.Join(parents, " "), state}
	pts := points
	if g.rng.IntN(10) == 0 {
		pts = pts[:len(pts)-1] // tiers of its own, lost to the file's scale
	}
	if len(pts) < 2 {
		pts = points
	}
	row = append(row, strconv.FormatFloat(pts[g.rng.IntN(len(pts)-1)], 'f', -1, 64))
	for k, p := range pts {
		label := fmt.Sprintf("Tier %d", k)
		if g.rng.IntN(6) == 0 {
			label = "Own words " + g.words(1)
		}
		row = append(row, strconv.FormatFloat(p, 'f', -1, 64), label)
	}
	return row
}

func TestCanvasRoundTripProperty(t *testing.T) {
	lost, files := 0, 0
	defer func() { t.Logf("%d files; %d memberships in groups no outcome could sit in first", files, lost) }()
	for seed := range uint64(300) {
		g := &canvasGen{rng: rand.New(rand.NewPCG(seed, 2026))}
		raw := g.file()
		if len(g.outcomes) == 0 {
			continue
		}
		files++
		first, second, written := canvasRoundTrip(t, raw)
		a, b := digestOf(t, first), digestOf(t, second)
		if !reflect.DeepEqual(a, b) {
			t.Fatalf("seed %d: the trip changed the outcomes:\nfirst  %+v\nsecond %+v\nfile:\n%s\nwritten:\n%s", seed, a, b, raw, written)
		}
		// Every outcome not deleted is kept, in every group it was put in
		// that the continuum keeps; a group is left out only when no
		// outcome can sit in it first.
		fw := mustReadCanvas(t, raw)
		for _, guid := range g.outcomes {
			td, ok := a.Targets[guid]
			if !ok {
				t.Fatalf("seed %d: outcome %s is lost", seed, guid)
			}
			var want []string
			for _, p := range canvasItemByGUID(fw, guid).Parents {
				if _, kept := a.Groups[p]; kept {
					want = append(want, p)
				} else {
					lost++
				}
			}
			if !slices.Equal(td.Parents, want) {
				t.Fatalf("seed %d: outcome %s sits in %v, want %v", seed, guid, td.Parents, want)
			}
		}
		if len(a.Targets) != len(g.outcomes) {
			t.Fatalf("seed %d: %d targets from %d outcomes", seed, len(a.Targets), len(g.outcomes))
		}
	}
}

func canvasItemByGUID(fw *framework.Framework, guid string) framework.Item {
	for _, it := range fw.Items {
		if it.Source.ID == guid && !it.IsGroup {
			return it
		}
	}
	return framework.Item{}
}

func TestCanvasTopLevelOutcome(t *testing.T) {
	// An outcome at Canvas's root comes back in a group for the domain
	// Build gives it; what it says is kept.
	first, second, written := canvasRoundTrip(t, canvasCSV("vendor_guid,object_type,title,description", "o1,outcome,O1,Alone"))
	if first.Targets[0].Domain != framework.DefaultDomain || second.Targets[0].Statement != "Alone" || second.Targets[0].Source.ID != "o1" {
		t.Errorf("first %+v, second %+v\n%s", first.Targets[0], second.Targets[0], written)
	}
}

func FuzzReadCanvas(f *testing.F) {
	f.Add([]byte("canvas_id,vendor_guid,object_type,title,description,display_name,calculation_method,calculation_int,workflow_state,parent_guids,ratings,,,,,,,\r\n" +
		",a,group,A,AAA,display,,,active,,,,,,,,,\r\n,b,group,B,BBB,names,,,active,a,,,,,,,,\r\n" +
		",c,outcome,C,CCC,here,,,active,a b,3,Betterest,2,Better,1,Good,,\r\n,g,outcome,G,GGG,here,n_mastery,3,active,b,1,,,,,,,\r\n" +
		",i,outcome,I,III,here,standard_decaying_average,65,active,b,2,Good,1,,,,,\r\n"))
	f.Add([]byte("vendor_guid,object_type,title,description,display_name,calculation_method,calculation_int,workflow_state,parent_guids,ratings,,,,,,,\n" +
		"a,group,Parent group,parent group description,G-1,,,active,,,,,,,,,\n" +
		"b,group,Child group,child group description,G-1.1,,,active,a,,,,,,,,\n" +
		"c,outcome,Learning Standard,outcome description,LS-100,decaying_average,40,active,a b,3,Excellent,2,Better,1,Good,,\n"))
	f.Add([]byte("\uFEFFvendor_guid;object_type;title;mastery_points;ratings\no1;outcome;O1;2,5;3;Gut;2,5;Fast;1;Noch nicht\n"))
	f.Add([]byte("vendor_guid,object_type,title,parent_guids,workflow_state\ng,group,G,g,\no,outcome,O,g x o,deleted\np,outcome,<p>P</p>,g,archived\n"))
	f.Add([]byte("vendor_guid,object_type,title,calculation_method,calculation_int,mastery_points,ratings\no,outcome,O,decaying_average,100,-1,1e3,x,,\n"))
	f.Add([]byte("vendor_guid,title\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		fw, err := ReadCanvas(raw)
		if err != nil {
			return
		}
		for _, it := range fw.Items {
			if strings.TrimSpace(it.Key) == "" || it.Short == "" {
				t.Fatalf("item without key or title: %+v", it)
			}
		}
		fw.Name = "Fuzz"
		res, err := framework.Build(fw)
		if err != nil {
			return
		}
		var b bytes.Buffer
		if err := WriteCanvas(&b, res.Continuum, res.Targets); err != nil {
			return
		}
		if _, problems := canvasAccepts(b.Bytes()); len(problems) > 0 {
			t.Fatalf("Canvas would refuse our file: %v\n%s", problems, b.String())
		}
		if _, err := ReadCanvas(b.Bytes()); err != nil {
			t.Fatalf("our own file does not read back: %v", err)
		}
	})
}
