package continuum

import (
	"slices"
	"testing"
)

// calibrationFixture is the merge fixture with the scores one teacher
// (MR) gave two samples.
func calibrationFixture() Snapshot {
	s := mergeFixture()
	s.Calibration = []CalibrationScore{
		{Sample: "Essay A", Target: "M.1", Scorer: "MR", Score: 3, Note: "clear"},
		{Sample: "Essay B", Target: "M.1", Scorer: "MR", Score: 2},
	}
	return s
}

// Given a store holding MR's scores, when a colleague's workbook brings
// MR's scores again (other capitals and spacing), MR's other score of
// Essay B, her own score (JD) of both samples, and scores the continuum
// cannot hold, then MR's same score is unchanged, MR's other score is a
// conflict kept as stored unless taken, JD's scores are added under her
// name, and the rest is refused, each saying why.
func TestMergeCalibration(t *testing.T) {
	mine := calibrationFixture()
	in := calibrationFixture()
	in.Continuum.ID = "their-id"
	in.Calibration = []CalibrationScore{
		{Sample: " essay a ", Target: "m.1", Scorer: "mr", Score: 3, Note: "clear ", Place: "their.xlsx row 2"},
		{Sample: "Essay B", Target: "M.1", Scorer: "MR", Score: 3},
		{Sample: "Essay A", Target: "M.1", Scorer: "JD", Score: 2, Note: "thin"},
		{Sample: "Essay B", Target: "M.1", Scorer: "JD", Score: 2},
		{Sample: "Essay B", Target: "M.1", Scorer: "JD", Score: 2}, // written twice, the same
		{Sample: "Essay C", Target: "M.1", Scorer: "JD", Score: 3},
		{Sample: "Essay C", Target: "M.1", Scorer: "JD", Score: 4}, // twice, differently
		{Sample: "Essay A", Target: "X.9", Scorer: "JD", Score: 3},
		{Sample: "Essay A", Target: "M.2", Scorer: "JD", Score: 2.5},
		{Sample: "", Target: "M.2", Scorer: "JD", Score: 2},
	}
	p := PlanMerge(&mine, mine.Students, in)
	got := p.Counts[SectionCalibration]
	if got[Unchanged] != 2 || got[Added] != 3 || got[Conflicting] != 1 || got[Refused] != 4 {
		t.Fatalf("calibration counts %v; refusals %+v", got, p.Refusals)
	}
	var reasons []string
	for _, r := range p.Refusals {
		if r.Section == SectionCalibration {
			reasons = append(reasons, r.Key+": "+r.Reason)
		}
	}
	want := []string{
		"Essay C on M.1 by JD: JD scored this sample twice in the workbook (3, then 4); keep one score",
		"Essay A on X.9 by JD: target X.9 is not a target of Science",
		"Essay A on M.2 by JD: 2.5 is not on the scale (1 Beginning, 2 Developing, 3 Proficient, 4 Extending)",
		"on M.2 by JD: a calibration score needs a sample and a scorer",
	}
	if !slices.Equal(reasons, want) {
		t.Errorf("refusals\n%q\nwant\n%q", reasons, want)
	}
	i := slices.IndexFunc(p.Conflicts, func(c Conflict) bool { return c.Section == SectionCalibration })
	if i < 0 {
		t.Fatalf("no calibration conflict in %+v", p.Conflicts)
	}
	c := p.Conflicts[i]
	if c.Key != "Essay B on M.1 by MR" || !slices.Equal(c.Fields, []string{"score"}) ||
		FieldValue(c.Mine, "score") != "2" || FieldValue(c.Theirs, "score") != "3" || FieldValue(c.Mine, "note") != "—" {
		t.Errorf("conflict %+v", c)
	}

	ch, err := p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	wantAdded := []CalibrationScore{
		{Sample: "Essay A", Target: "M.1", Scorer: "JD", Score: 2, Note: "thin"},
		{Sample: "Essay B", Target: "M.1", Scorer: "JD", Score: 2},
		{Sample: "Essay C", Target: "M.1", Scorer: "JD", Score: 3},
	}
	if !slices.Equal(ch.Calibration, wantAdded) {
		t.Errorf("kept mine: calibration to write %+v, want %+v", ch.Calibration, wantAdded)
	}
	p.Resolve(i, TakeTheirs)
	ch, err = p.Change(&mine)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Calibration) != 4 || ch.Calibration[3] != (CalibrationScore{Sample: "Essay B", Target: "M.1", Scorer: "MR", Score: 3}) {
		t.Errorf("took theirs: calibration to write %+v", ch.Calibration)
	}
}

// Given a new continuum, its calibration scores are added with it, on the
// codes as its targets write them.
func TestMergeCalibrationIntoNewContinuum(t *testing.T) {
	in := calibrationFixture()
	in.Calibration[1].Target = "m.1"
	p := PlanMerge(nil, nil, in)
	if p.Counts[SectionCalibration][Added] != 2 || len(p.Refusals) != 0 {
		t.Fatalf("counts %v refusals %+v", p.Counts, p.Refusals)
	}
	ch, err := p.Change(nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(ch.Calibration) != 2 || ch.Calibration[1].Target != "M.1" {
		t.Errorf("calibration to write %+v", ch.Calibration)
	}
}
