package workbook

import (
	"fmt"
	"slices"
	"strings"

	"github.com/continuum-planner/planner/continuum"
)

// The sheets of format version 1 (docs/workbook.md).
const (
	sheetAbout             = "About"
	sheetScale             = "Scale"
	sheetLevels            = "Levels"
	sheetDomains           = "Domains"
	sheetGroups            = "Groups"
	sheetPacing            = "Pacing"
	sheetTargets           = "Targets"
	sheetStudents          = "Students"
	sheetStarting          = "Starting levels"
	sheetEvidence          = "Evidence"
	sheetOverrides         = "Overrides"
	sheetUnits             = "Units"
	sheetUnitExperiences   = "Unit experiences"
	sheetUnitCheckpoints   = "Unit checkpoints"
	sheetFlex              = "Flex"
	sheetFlexAssignments   = "Flex assignments"
	sheetVisitNotes        = "Visit notes"
	sheetCalibration       = "Calibration"
	sheetPositions         = "Positions"
	sheetClassMap          = "Class map"
	sheetCalibrationReport = "Calibration report"
	sheetReportCard        = "Report card"
	sheetReportCardLevels  = "Report card levels"
)

var knownSheets = []string{sheetAbout, sheetScale, sheetLevels, sheetDomains, sheetGroups, sheetPacing, sheetTargets,
	sheetStudents, sheetStarting, sheetEvidence, sheetOverrides, sheetUnits, sheetUnitExperiences, sheetUnitCheckpoints,
	sheetFlex, sheetFlexAssignments, sheetVisitNotes, sheetCalibration, sheetPositions, sheetClassMap, sheetCalibrationReport,
	sheetReportCard, sheetReportCardLevels}

// continuumSheets says which sheets set the continuum's parts, so that a
// problem with the continuum as a whole points at the right one.
type continuumSheets struct {
	scale, levels, domains, groups, targets string
	// refusedGroups maps the lower-cased key of each group of the Groups
	// sheet that could not be read to its row, so that what sits in it
	// says why it is refused.
	refusedGroups map[string]int
	// invalid is set once a problem with the continuum itself is reported:
	// the targets are then not checked against it.
	invalid bool
}

// decodePlanner reads Continuum Planner's own format: the continuum's
// sheets, the groups and targets, the roster and its records, then the plans.
func decodePlanner(st *state, b *Book) error {
	b.About.Layout = LayoutPlanner
	b.Continuum = continuum.NewContinuum("")
	warnSheetNames(st)
	src := &continuumSheets{}
	about, err := readAbout(st, b)
	if err != nil {
		return err
	}
	b.Continuum.Name = st.continuumName(about.name)
	known, err := readContinuumSheets(st, &b.Continuum, src, about.pacing)
	if err != nil {
		return err
	}
	gr := &groupsReader{st: st, c: &b.Continuum, src: src, known: known}
	if err := gr.read(); err != nil {
		return err
	}
	tr := &targetsReader{st: st, c: &b.Continuum, src: src, known: known}
	if err := tr.read(); err != nil {
		return err
	}
	gr.settle(tr.rows)
	checkContinuum(st, &b.Continuum, src)
	tr.check(b)
	rf := newRefs(b)
	gr.warnLinks(b, tr, rf)
	if err := readReportCard(st, b, rf); err != nil {
		return err
	}
	for _, read := range []func(*state, *refs) error{readStudents, readStartingLevels, readEvidence, readOverrides} {
		if err := read(st, rf); err != nil {
			return err
		}
	}
	warnNoEvidence(st, b)
	return readPlans(st, rf, src)
}

// warnSheetNames warns of the sheets format version 1 does not have,
// saying which sheet was read when the name is like a known one
// ("students (old)"), and of a sheet whose name matches a known one that
// an earlier sheet's name matched too ("Students" and "STUDENTS "): the
// earlier one is read.
func warnSheetNames(st *state) {
	for _, s := range st.x.sheets {
		k := normHeader(s.name)
		if i := slices.IndexFunc(knownSheets, func(n string) bool { return normHeader(n) == k }); i >= 0 {
			if read, _ := st.sheet(knownSheets[i]); read.name != s.name {
				st.warn(Problem{Sheet: s.name, Message: fmt.Sprintf("its name matches %s, as the name of the sheet %q before it does; %q was read and this sheet is ignored",
					knownSheets[i], read.name, read.name)})
			}
			continue
		}
		msg := "unknown sheet; it is ignored"
		if like := sheetLike(k); like != "" {
			if read, ok := st.sheet(like); ok {
				msg += fmt.Sprintf(" (the %s sheet read is %q)", like, read.name)
			} else {
				msg += fmt.Sprintf("; to have it read as the %s sheet, name it %s", like, like)
			}
		}
		st.warn(Problem{Sheet: s.name, Message: msg})
	}
}

// sheetLike returns the known sheet whose name the normalised name k
// holds ("studentsold" holds Students), the longest such; "" for none.
func sheetLike(k string) string {
	like := ""
	for _, n := range knownSheets {
		if strings.Contains(k, normHeader(n)) && len(n) > len(like) {
			like = n
		}
	}
	return like
}

// warnNoEvidence warns when the workbook has students but no Evidence
// sheet (missing, or named otherwise), naming the sheets it has: the
// scores a teacher meant to bring would silently stay behind.
func warnNoEvidence(st *state, b *Book) {
	if len(b.Students) == 0 {
		return
	}
	if _, ok := st.sheet(sheetEvidence); ok {
		return
	}
	st.warn(Problem{Sheet: st.sheetName(sheetStudents), Message: fmt.Sprintf(
		"the workbook has %s but no sheet named Evidence, so no scores are read; its sheets are %s. If one of them holds the scores, name it Evidence",
		continuum.Plural(len(b.Students), "student", "students"), st.sheetList())})
}

// sheetsGiven says which of the continuum's parts have sheets of their own.
type sheetsGiven struct {
	levels, domains bool
}

// readContinuumSheets reads the Scale, Levels, Domains and Pacing sheets
// into c; pace holds the pacing settings the About sheet gave.
func readContinuumSheets(st *state, c *continuum.Continuum, src *continuumSheets, pace *pacingParts) (sheetsGiven, error) {
	var known sheetsGiven
	if err := readScale(st, c, src); err != nil {
		return known, err
	}
	var err error
	if known.levels, err = readLevels(st, c, src); err != nil {
		return known, err
	}
	if known.domains, err = readDomains(st, c, src); err != nil {
		return known, err
	}
	return known, readPacing(st, c, pace)
}

// checkContinuum validates the continuum's own fields, pointing at the sheet that sets them.
func checkContinuum(st *state, c *continuum.Continuum, src *continuumSheets) {
	err := c.Validate()
	if err == nil || src.invalid {
		return
	}
	field := continuum.ErrorField(err)
	sheet := sheetAbout
	switch {
	case strings.HasPrefix(field, "scale"), strings.HasPrefix(field, "method"):
		sheet = cmpOr(src.scale, sheetScale)
	case field == "continuum.levels":
		sheet = cmpOr(src.levels, src.targets)
	case field == "continuum.domains" || field == "domain.category":
		sheet = cmpOr(src.domains, src.targets)
	case strings.HasPrefix(field, "group"):
		sheet = cmpOr(src.groups, src.targets)
	case strings.HasPrefix(field, "pacing"):
		sheet = sheetPacing
	}
	st.problem(Problem{Sheet: sheet, Message: plain(err), Err: err})
	src.invalid = true
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// refs resolves what the record sheets refer to: the targets by code and
// the roster's students by ID.
type refs struct {
	b          *Book
	codes      map[string]string // a code, and its lower case → the target's code
	students   map[string]int    // student ID → index in b.Students
	haveRoster bool              // the workbook has a Students sheet
	lastID     string            // the ID student found last, and the roster's ID for it:
	lastFound  string            // a sheet's rows come student by student
}

func newRefs(b *Book) *refs {
	rf := &refs{b: b, codes: make(map[string]string, len(b.Targets)*2), students: map[string]int{}}
	for _, t := range b.Targets {
		rf.codes[t.Code] = t.Code
		rf.codes[strings.ToLower(t.Code)] = t.Code
	}
	return rf
}

// target returns the canonical form of a target code of the workbook.
func (rf *refs) target(s string) (string, bool) {
	if t, ok := rf.codes[s]; ok {
		return t, true
	}
	t, ok := rf.codes[strings.ToLower(s)]
	return t, ok
}

// student returns the roster's ID for id, found in column i of r; without
// a Students sheet every ID is taken as it is. An unknown student is
// reported, with what was expected.
func (rf *refs) student(r *row, i int, id, expect string) (string, bool) {
	if !rf.haveRoster {
		return id, true
	}
	if id == rf.lastID && id != "" {
		return rf.lastFound, true
	}
	if k, ok := rf.students[id]; ok {
		rf.lastID, rf.lastFound = id, rf.b.Students[k].ID
		return rf.lastFound, true
	}
	r.problem(i, "student %s is not on the Students sheet; expected %s", id, expect)
	return "", false
}

// codeList reads column i as target codes of the workbook, reporting unknown ones.
func (rf *refs) codeList(r *row, i int) []string {
	var out []string
	for _, code := range splitCodes(r.str(i)) {
		t, ok := rf.target(code)
		if !ok {
			r.problem(i, "target %s is not on the Targets sheet; expected %s", code, r.t.cols[i].expect)
			continue
		}
		out = append(out, t)
	}
	return out
}

func domainNames(c *continuum.Continuum) string {
	names := make([]string, len(c.Domains))
	for i, d := range c.Domains {
		names[i] = d.Name
	}
	return strings.Join(names, ", ")
}
