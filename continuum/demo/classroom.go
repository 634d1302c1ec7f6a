package demo

import (
	"fmt"
	"math/rand/v2"

	"github.com/continuum-planner/planner/continuum"
)

// Name is the name of the demonstration continuum.
const Name = "Math Foundations"

const (
	number   = "Number and operations"
	algebra  = "Algebraic thinking"
	problems = "Problem solving and reasoning"
	habits   = "Habits of success"
)

var levels = []string{"Level 1", "Level 2", "Level 3", "Level 4"}

// demoTargets is the demonstration continuum: four domains, one of them a
// lifelong-learning habit, across four levels, with prerequisites that run
// up each domain and across domains, and milestones closing each level.
func demoTargets() []continuum.Target {
	L := levels
	ts := []continuum.Target{
		target("NO.1.1", number, L[0], 1, "read, write and compare whole numbers to 1,000 using place value"),
		target("NO.1.2", number, L[0], 2, "add and subtract within 1,000 using strategies based on place value", "NO.1.1"),
		target("NO.1.3", number, L[0], 3, "explain multiplication as equal groups and arrays"),
		target("NO.2.1", number, L[1], 1, "multiply and divide within 100 fluently", "NO.1.3"),
		target("NO.2.2", number, L[1], 2, "understand a fraction as a number on the number line", "NO.1.1"),
		target("NO.2.3", number, L[1], 3, "compare and order fractions using benchmarks and equivalent fractions", "NO.2.2"),
		target("NO.3.1", number, L[2], 1, "add and subtract fractions with unlike denominators", "NO.2.3"),
		target("NO.3.2", number, L[2], 2, "multiply a fraction by a whole number and by a fraction", "NO.2.1", "NO.2.3"),
		target("NO.3.3", number, L[2], 3, "read, write and compare decimals to thousandths", "NO.2.3"),
		target("NO.4.1", number, L[3], 1, "divide fractions by fractions and interpret the quotient", "NO.3.2"),
		target("NO.4.2", number, L[3], 2, "reason about ratios and rates using tables and double number lines", "NO.3.2"),
		target("NO.4.3", number, L[3], 3, "solve percent problems, including finding the whole from a part", "NO.4.2", "NO.3.3"),

		target("AT.1.1", algebra, L[0], 1, "describe and extend number and shape patterns"),
		target("AT.1.2", algebra, L[0], 2, "find the unknown number in an addition or subtraction equation", "NO.1.2"),
		target("AT.2.1", algebra, L[1], 1, "write and solve one-step equations with a letter for the unknown", "AT.1.2"),
		target("AT.2.2", algebra, L[1], 2, "generate a pattern from a rule and identify features of it", "AT.1.1"),
		target("AT.3.1", algebra, L[2], 1, "write and evaluate expressions with whole-number exponents", "AT.2.1"),
		target("AT.3.2", algebra, L[2], 2, "use the distributive property to write equivalent expressions", "AT.3.1", "NO.2.1"),
		target("AT.4.1", algebra, L[3], 1, "solve two-step equations and inequalities and graph the solutions", "AT.3.2"),
		target("AT.4.2", algebra, L[3], 2, "represent proportional relationships with tables, graphs and equations", "AT.4.1", "NO.4.2"),

		target("PS.1.1", problems, L[0], 1, "make sense of a problem and say what it asks"),
		target("PS.1.2", problems, L[0], 2, "show my thinking with a drawing, a model or numbers"),
		target("PS.2.1", problems, L[1], 1, "choose a strategy, try it and change course when it does not work", "PS.1.1"),
		target("PS.2.2", problems, L[1], 2, "explain my reasoning so that a classmate can follow it", "PS.1.2"),
		target("PS.3.1", problems, L[2], 1, "check whether an answer is reasonable by estimating", "PS.2.1"),
		target("PS.3.2", problems, L[2], 2, "critique a classmate's reasoning respectfully and with evidence", "PS.2.2"),
		target("PS.4.1", problems, L[3], 1, "model a real situation with mathematics and state my assumptions", "PS.3.1"),
		target("PS.4.2", problems, L[3], 2, "build a logical argument and defend it against counterexamples", "PS.3.2"),

		target("HS.1.1", habits, L[0], 1, "come ready to learn, with the materials I need"),
		target("HS.1.2", habits, L[0], 2, "keep working on a task when it gets hard"),
		target("HS.2.1", habits, L[1], 1, "set a learning goal and track my progress towards it", "HS.1.1"),
		target("HS.2.2", habits, L[1], 2, "ask for help and use feedback to improve my work", "HS.1.2"),
		target("HS.3.1", habits, L[2], 1, "plan my time to finish a multi-day task", "HS.2.1"),
		target("HS.3.2", habits, L[2], 2, "contribute to a group so that everyone's ideas are heard", "HS.2.2"),
		target("HS.4.1", habits, L[3], 1, "reflect on how I learn best and adjust my approach", "HS.3.1"),
		target("HS.4.2", habits, L[3], 2, "help a classmate learn without doing the work for them", "HS.3.2"),
	}
	milestones := map[string]bool{"NO.1.3": true, "NO.2.3": true, "NO.3.3": true, "NO.4.3": true, "AT.2.1": true, "AT.4.2": true}
	for i := range ts {
		ts[i].Milestone = milestones[ts[i].Code]
		if ts[i].Domain == habits {
			// Habits are seen day to day: one observation does not make a habit.
			ts[i].EvidenceRequired = 3
		}
	}
	return ts
}

var studentNames = []string{
	"Amara Okafor", "Ben Carter", "Camila Reyes", "Dev Patel", "Ella Nguyen", "Farah Haddad", "Gabriel Silva",
	"Hana Kim", "Isaac Cohen", "Jada Williams", "Kai Tanaka", "Lena Fischer", "Mateo García", "Nia Mensah",
	"Omar Siddiqui", "Priya Sharma", "Quinn O'Brien", "Rosa Martínez", "Sami Laine", "Tariq Hassan",
	"Uma Rao", "Victor Dubois", "Wen Li", "Ximena Torres", "Yusuf Demir", "Zoe Anderson", "Aiden Murphy", "Bea Santos",
}

// term is the demonstration term.
var (
	termStart = continuum.NewDate(2026, 8, 31)
	termWeeks = 12
)

// Classroom returns the demonstration dataset: the Math Foundations
// continuum (4 domains × 4 levels, 36 targets), 28 students in Period 2
// and Period 5, a term of evidence from 31 August 2026, a pacing plan,
// two overrides and a report card of five standards.
func Classroom() *Dataset {
	c := continuum.NewContinuum(Name, levels...)
	c.ID = "demo-math-foundations"
	c.Subject = "Mathematics"
	c.Description = "A four-level continuum for a multi-age middle-school mathematics class, with problem solving and habits of success kept apart from the academic domains."
	c.Domains = []continuum.Domain{
		{Name: number, Category: continuum.Academic, Description: "Place value, operations, fractions, decimals, ratios and percents."},
		{Name: algebra, Category: continuum.Academic, Description: "Patterns, expressions and equations."},
		{Name: problems, Category: continuum.Transferable, Description: "Making sense of problems and reasoning with others."},
		{Name: habits, Category: continuum.Lifelong, Description: "The habits that let a student learn on their own and with others."},
	}
	c.Pacing = &continuum.PacingPlan{
		Start: termStart,
		Checkpoints: []continuum.Checkpoint{
			{Date: continuum.NewDate(2026, 10, 9), Level: "Level 1"},
			{Date: continuum.NewDate(2026, 12, 18), Level: "Level 2"},
			{Date: continuum.NewDate(2027, 3, 19), Level: "Level 3"},
			{Date: continuum.NewDate(2027, 6, 11), Level: "Level 4"},
		},
		Tolerance: 1,
	}
	c.ReportCard = demoReportCard()
	d := &Dataset{Continuum: c, Targets: demoTargets()}
	rng := rand.New(rand.NewPCG(2026, 831))
	for i, name := range studentNames {
		st := continuum.Student{
			ID:         fmt.Sprintf("S%03d", i+1),
			Name:       name,
			ExternalID: fmt.Sprintf("SIS-%05d", 40210+i*7),
			Group:      []string{"Period 2", "Period 5"}[i%2],
		}
		if i%9 == 4 { // a few students arrive ready for Level 2 in number
			st.StartingLevels = []continuum.StartingLevel{{Continuum: c.ID, Domain: number, Level: "Level 2"}}
		}
		d.Students = append(d.Students, st)
	}
	d.Evidence = termEvidence(d, rng)
	d.Overrides = []continuum.Override{
		{Continuum: c.ID, Student: "S007", Target: "HS.1.1", Mastered: true, Reason: "Consistently prepared all term; the missing observations were on field-trip days.", Date: continuum.NewDate(2026, 11, 13), By: "MR"},
		{Continuum: c.ID, Student: "S012", Target: "NO.1.2", Mastered: false, Reason: "Quiz scores came from a calculator day; re-check with a mental-math task.", Date: continuum.NewDate(2026, 11, 6), By: "MR"},
	}
	d.Flex = []continuum.FlexBlock{demoFlexBlock(c.ID)}
	d.Units = demoUnits(c.ID)
	return d
}

// demoFlexBlock is the Monday after the term's evidence: five offerings
// built around where the class stands, for the teacher to suggest.
func demoFlexBlock(cid string) continuum.FlexBlock {
	return continuum.FlexBlock{
		ID:        "2026-11-23-win",
		Continuum: cid,
		Date:      continuum.NewDate(2026, 11, 23),
		Slot:      "WIN time",
		Minutes:   40,
		Offerings: []continuum.Offering{
			{ID: "place-value", Title: "Place value, once more", Kind: continuum.Reteach, Teacher: "Ms Rivera", Room: "204", Capacity: 6, Focus: []string{"NO.1.1", "NO.1.2"}},
			{ID: "equal-groups", Title: "Equal groups and arrays", Kind: continuum.Reteach, Teacher: "Mr Osei", Room: "206", Capacity: 6, Focus: []string{"NO.1.3"}},
			{ID: "fractions", Title: "Fractions on the number line", Kind: continuum.Practice, Teacher: "Ms Rivera", Room: "204", Capacity: 8, Focus: []string{"NO.2.2", "NO.2.3"}},
			{ID: "equations", Title: "Equation puzzles", Kind: continuum.Extension, Teacher: "Mr Osei", Room: "206", Capacity: 8, Focus: []string{"AT.1.2"}},
			{ID: "stick-with-it", Title: "Sticking with hard problems", Kind: continuum.HabitsSupport, Teacher: "Ms Adeyemi", Room: "Library", Capacity: 6, Focus: []string{"HS.1.2"}},
			{ID: "open-study", Title: "Open study", Kind: continuum.OpenStudy, Teacher: "Ms Adeyemi", Room: "Library", Capacity: 12},
		},
	}
}

// demoUnits are the term's two units: one that has just finished and one
// about to start, so that readiness and progress both have something to say.
func demoUnits(cid string) []continuum.Unit {
	return []continuum.Unit{
		{
			ID: "place-value", Continuum: cid, Title: "Place value and operations", Order: 1,
			Start: continuum.NewDate(2026, 8, 31), End: continuum.NewDate(2026, 10, 9),
			Targets: []string{"NO.1.1", "NO.1.2", "NO.1.3", "AT.1.1", "AT.1.2", "PS.1.1", "PS.1.2"},
			Experiences: []continuum.Experience{
				{Title: "Base-ten blocks stations", Kind: "practice", Targets: []string{"NO.1.1", "NO.1.2"}},
				{Title: "Array hunt around the school", Kind: "project", Targets: []string{"NO.1.3"}, Notes: "Photograph arrays; write the multiplication each shows."},
				{Title: "Number talks", Kind: "discussion", Targets: []string{"NO.1.2", "PS.1.2"}},
				{Title: "Missing-number puzzles", Kind: "performance task", Targets: []string{"AT.1.2", "PS.1.1"}},
			},
			Checkpoints: []continuum.UnitCheckpoint{
				{Target: "NO.1.1", Date: continuum.NewDate(2026, 9, 11), Kind: continuum.Formative},
				{Target: "NO.1.2", Date: continuum.NewDate(2026, 9, 25), Kind: continuum.Formative},
				{Target: "NO.1.3", Date: continuum.NewDate(2026, 10, 7), Kind: continuum.Summative},
				{Target: "AT.1.2", Date: continuum.NewDate(2026, 10, 8), Kind: continuum.PerformanceTask},
			},
			Supports:   "Hundreds charts and place-value mats on every table; small-group reteach in WIN time.",
			Extensions: "Estimation challenges with numbers to 10,000.",
		},
		{
			ID: "fractions", Continuum: cid, Title: "Fractions as numbers", Order: 2,
			Start: continuum.NewDate(2026, 11, 30), End: continuum.NewDate(2026, 12, 18),
			Targets: []string{"NO.2.1", "NO.2.2", "NO.2.3", "AT.2.1", "PS.2.1"},
			Experiences: []continuum.Experience{
				{Title: "Fraction strips", Kind: "practice", Targets: []string{"NO.2.2", "NO.2.3"}, Link: "https://www.nctm.org/Classroom-Resources/"},
				{Title: "Sharing pizzas", Kind: "performance task", Targets: []string{"NO.2.2", "PS.2.1"}},
				{Title: "Multiplication fluency games", Kind: "practice", Targets: []string{"NO.2.1"}},
			},
			Checkpoints: []continuum.UnitCheckpoint{
				{Target: "NO.2.2", Date: continuum.NewDate(2026, 12, 4), Kind: continuum.Formative},
				{Target: "NO.2.3", Date: continuum.NewDate(2026, 12, 16), Kind: continuum.Summative},
			},
			Supports:   "Number lines on desks; pre-teach unit fractions in WIN time for students who need NO.1.1.",
			Extensions: "Compare fractions with unlike denominators without common denominators.",
		},
	}
}

// termEvidence simulates a term. In each domain a student works through
// the targets in order; each week the teacher assesses the target the
// student is on, and the student moves on once the evidence shows mastery
// (by the continuum's own method), or, after four attempts, moves on
// anyway and leaves a gap. Scores grow with each attempt at the student's
// own rate, with some noise.
func termEvidence(d *Dataset, rng *rand.Rand) []continuum.Evidence {
	byDomain := map[string][]continuum.Target{}
	for _, t := range d.Targets {
		byDomain[t.Domain] = append(byDomain[t.Domain], t)
	}
	kinds := []continuum.EvidenceKind{continuum.Formative, continuum.Formative, continuum.Observation, continuum.Summative, continuum.PerformanceTask, continuum.SelfAssessment}
	notes := []string{"", "", "", "", "Exit ticket", "Warm-up", "Small-group task", "Unit check", "Conference", "Needed a prompt to start"}
	scale := d.Continuum.Scale
	var out []continuum.Evidence
	for si, st := range d.Students {
		ability := 0.35 + rng.Float64()*0.9 // how quickly this student secures a target
		for _, dom := range d.Continuum.Domains {
			ts := byDomain[dom.Name]
			k := 0
			if start := st.StartingLevel(d.Continuum.ID, dom.Name); start != "" {
				for k < len(ts) && ts[k].Level != start {
					k++
				}
			}
			var current []continuum.Evidence
			for week := range termWeeks {
				if k >= len(ts) || rng.Float64() < 0.22 {
					continue // absent, or assessed on something else this week
				}
				t := ts[k]
				attempt := float64(len(current) + 1)
				score := clampScore(1.2 + ability*attempt*0.75 + rng.NormFloat64()*0.5)
				e := continuum.Evidence{
					ID:        uint64(len(out) + 1),
					Continuum: d.Continuum.ID,
					Student:   st.ID,
					Target:    t.Code,
					Date:      termStart.AddDays(week*7 + rng.IntN(5)),
					Score:     score,
					Kind:      kinds[(si+week+k)%len(kinds)],
					Scorer:    "MR",
					Note:      notes[rng.IntN(len(notes))],
				}
				out = append(out, e)
				current = append(current, e)
				if continuum.Judge(d.Continuum.Method, &scale, t.Required(), current).Mastered || len(current) >= 4 {
					k++
					current = current[:0]
				}
			}
		}
	}
	return out
}
