package workbook_test

import (
	"os"
	"reflect"
	"testing"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
	"github.com/continuum-planner/planner/storage/standards"
	"github.com/continuum-planner/planner/storage/workbook"
)

// Given the real frameworks of the shared data (CASE packages, a Moodle
// framework, Canvas outcomes), each built into a continuum, when it is
// exported as a workbook and imported again, then the continuum (domains,
// groups, origin) and every target (group, source, links) are the same.
func TestGroupsRealFrameworks(t *testing.T) {
	readers := map[string]func([]byte) (*framework.Framework, error){
		"ccss-math_case-cfpackage_opensalt.json":               standards.ReadCASE,
		"what-standards-could-be_case-cfpackage_opensalt.json": standards.ReadCASE,
		"opensalt_sequence-number-framework_case.json":         standards.ReadCASE,
		"opensalt_utf8-test-framework_case.json":               standards.ReadCASE,
		"moodle-pharmacy_competency-framework.csv":             standards.ReadMoodle,
		"canvas_outcomes-scoring.csv":                          standards.ReadCanvas,
	}
	for name, read := range readers {
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(realdata(t, name))
			if err != nil {
				t.Fatal(err)
			}
			fw, err := read(raw)
			if err != nil {
				t.Fatalf("read: %v", err)
			}
			res, err := framework.Build(fw)
			if err != nil {
				t.Fatalf("build: %v", err)
			}
			b0 := workbook.New(res.Continuum, res.Targets, continuum.Class{})
			b1 := mustDecode(t, encode(t, b0, workbook.EncodeOptions{}), workbook.Options{})
			if len(b1.Warnings) > 0 {
				t.Errorf("warnings:\n%s", problemTexts(b1.Warnings))
			}
			if want, got := normalised(b0), normalised(b1); !reflect.DeepEqual(want, got) {
				diffBooks(t, want, got)
			}
			links := 0
			for _, tg := range b1.Targets {
				links += len(tg.Links)
			}
			t.Logf("%d domains, %d groups, %d targets, %d target links, origin %q", len(b1.Continuum.Domains),
				len(b1.Continuum.Groups), len(b1.Targets), links, b1.Continuum.Origin.Title)
		})
	}
}
