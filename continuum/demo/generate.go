package demo

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"unicode"

	"github.com/continuum-planner/planner/continuum"
)

// Size says how big a generated dataset is.
type Size struct {
	// Students is the number of students (default 28).
	Students int
	// Targets is the number of targets (default 60).
	Targets int
	// Evidence is the number of evidence records (default 20 per student).
	Evidence int
	// Levels is the number of levels (default 12: K to 11).
	Levels int
	// Domains is the number of domains (default 5, the last a lifelong-learning habit).
	Domains int
	// Seed makes the data reproducible (default 1).
	Seed uint64
	// FlexOfferings, when above 0, adds a flex block with that many offerings.
	FlexOfferings int
}

func (s *Size) defaults() {
	if s.Students <= 0 {
		s.Students = 28
	}
	if s.Targets <= 0 {
		s.Targets = 60
	}
	if s.Evidence < 0 || s.Evidence == 0 {
		s.Evidence = 20 * s.Students
	}
	if s.Levels <= 0 {
		s.Levels = 12
	}
	if s.Domains <= 0 {
		s.Domains = 5
	}
	if s.Seed == 0 {
		s.Seed = 1
	}
}

// Generate returns a synthetic dataset of the given size: a continuum whose
// targets are spread evenly over domains and levels, each needing the
// previous target of its domain and, now and then, one from another
// domain; and evidence on each student's frontier, as a class would
// produce it over a school year.
func Generate(name string, size Size) *Dataset {
	size.defaults()
	rng := rand.New(rand.NewPCG(size.Seed, 0x5eed))
	levels := make([]string, size.Levels)
	for i := range levels {
		if i == 0 {
			levels[i] = "K"
		} else {
			levels[i] = fmt.Sprint(i)
		}
	}
	c := continuum.NewContinuum(name, levels...)
	c.ID = generatedID(name, size.Seed)
	c.Subject = "Generated"
	for d := range size.Domains {
		cat := continuum.Academic
		switch {
		case d == size.Domains-1 && size.Domains > 1:
			cat = continuum.Lifelong
		case d == size.Domains-2 && size.Domains > 2:
			cat = continuum.Transferable
		}
		c.Domains = append(c.Domains, continuum.Domain{Name: fmt.Sprintf("Domain %c", 'A'+d%26) + suffix(d), Category: cat})
	}
	d := &Dataset{Continuum: c}
	perDomain := make([][]int, size.Domains) // target indexes per domain, in level order
	for i := range size.Targets {
		dom := i % size.Domains
		k := len(perDomain[dom])
		domTargets := (size.Targets + size.Domains - 1 - dom) / size.Domains
		level := min(k*size.Levels/max(domTargets, 1), size.Levels-1)
		code := fmt.Sprintf("%s.%s.%d", slug(c.Domains[dom].Name[len("Domain "):]), levels[level], k+1)
		t := continuum.Target{
			Code:             code,
			Statement:        fmt.Sprintf("I can do skill %d of %s at level %s.", k+1, c.Domains[dom].Name, levels[level]),
			Domain:           c.Domains[dom].Name,
			Level:            levels[level],
			Order:            k + 1,
			Milestone:        k%5 == 4,
			EvidenceRequired: 1,
			Descriptors:      descriptors(fmt.Sprintf("do skill %d of %s", k+1, c.Domains[dom].Name)),
		}
		if k > 0 {
			t.Prerequisites = append(t.Prerequisites, d.Targets[perDomain[dom][k-1]].Code)
		}
		if k > 2 && dom > 0 && rng.IntN(4) == 0 {
			other := perDomain[dom-1]
			if j := min(k-1, len(other)-1); j >= 0 {
				t.Prerequisites = append(t.Prerequisites, d.Targets[other[j]].Code)
			}
		}
		perDomain[dom] = append(perDomain[dom], len(d.Targets))
		d.Targets = append(d.Targets, t)
	}
	start := continuum.NewDate(2026, 8, 31)
	for i := range size.Students {
		d.Students = append(d.Students, continuum.Student{
			ID:    fmt.Sprintf("G%05d", i+1),
			Name:  fmt.Sprintf("Student %05d", i+1),
			Group: fmt.Sprintf("Group %d", i%8+1),
		})
	}
	// Evidence: each student has a frontier per domain that advances with
	// their ability; a record scores a target near the frontier.
	frontier := make([]float64, size.Students)
	ability := make([]float64, size.Students)
	for i := range ability {
		ability[i] = 0.5 + rng.Float64()
	}
	d.Evidence = make([]continuum.Evidence, 0, size.Evidence)
	for n := range size.Evidence {
		s := rng.IntN(size.Students)
		frontier[s] += ability[s] * 0.5
		dom := rng.IntN(size.Domains)
		ts := perDomain[dom]
		if len(ts) == 0 {
			continue
		}
		k := min(int(frontier[s]/float64(size.Domains)*0.3)+rng.IntN(3), len(ts)-1)
		day := start.AddDays(n * 280 / max(size.Evidence, 1))
		d.Evidence = append(d.Evidence, continuum.Evidence{
			ID:        uint64(len(d.Evidence) + 1),
			Continuum: c.ID,
			Student:   d.Students[s].ID,
			Target:    d.Targets[ts[k]].Code,
			Date:      day,
			Score:     clampScore(1 + ability[s]*1.8 + rng.NormFloat64()*0.6),
			Kind:      continuum.EvidenceKinds[n%len(continuum.EvidenceKinds)],
			Scorer:    "GEN",
		})
	}
	if size.FlexOfferings > 0 {
		d.Flex = []continuum.FlexBlock{generatedFlexBlock(d, size.FlexOfferings)}
	}
	return d
}

// generatedFlexBlock makes a block of n offerings of every kind, each
// focused on targets spread over the continuum, with seats for everyone;
// the last offering is open study.
func generatedFlexBlock(d *Dataset, n int) continuum.FlexBlock {
	b := continuum.FlexBlock{ID: "gen-flex-1", Continuum: d.Continuum.ID, Date: continuum.NewDate(2027, 5, 3), Slot: "Flex", Minutes: 40}
	kinds := []continuum.OfferingKind{continuum.Reteach, continuum.Practice, continuum.Extension, continuum.HabitsSupport}
	seats := max(len(d.Students)/n+1, 1)
	for i := range n {
		o := continuum.Offering{ID: fmt.Sprintf("offering-%02d", i+1), Capacity: seats + seats/4, Teacher: fmt.Sprintf("Teacher %d", i%6+1), Room: fmt.Sprint(100 + i)}
		if i == n-1 {
			o.Kind, o.Title, o.Capacity = continuum.OpenStudy, "Open study", len(d.Students)
		} else {
			o.Kind = kinds[i%len(kinds)]
			t := d.Targets[(i*7919)%len(d.Targets)]
			o.Title = o.Kind.Label() + ": " + t.Code
			o.Focus = []string{t.Code}
		}
		b.Offerings = append(b.Offerings, o)
	}
	return b
}

func suffix(d int) string {
	if d < 26 {
		return ""
	}
	return fmt.Sprint(d / 26)
}

// generatedID makes a generated continuum's ID from its name and seed
// ("Science 4", seed 1: "gen-science-4-1"), so that workbooks generated
// under different names are different continua when imported into one
// store, and the same name and seed give the same continuum again.
func generatedID(name string, seed uint64) string {
	var slug strings.Builder
	for _, r := range strings.ToLower(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			slug.WriteRune(r)
		} else if s := slug.String(); s != "" && !strings.HasSuffix(s, "-") {
			slug.WriteByte('-')
		}
	}
	id := strings.TrimSuffix(slug.String(), "-")
	if id == "" {
		return "gen-" + fmt.Sprint(seed)
	}
	return "gen-" + id + "-" + fmt.Sprint(seed)
}
