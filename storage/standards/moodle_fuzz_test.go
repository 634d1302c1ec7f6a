package standards

import (
	"bytes"
	"io"
	"os"
	"testing"

	"github.com/continuum-planner/planner/continuum/framework"
)

// FuzzReadMoodle: whatever the bytes, ReadMoodle answers without
// panicking, with a framework whose items have unique keys, the framework
// first, and parents that are items with no loop; Build and WriteMoodle
// take what it gives without panicking either.
func FuzzReadMoodle(f *testing.F) {
	f.Add(moodleCSV(moodleNewHeader, moodleFrameRow, `,D1,"Domain",,1,,,,0,null,,,,`, `D1,T1,"<p>One</p>","a &amp; b",1,,,,0,null,D1,,,`))
	f.Add(moodleCSV(moodleOldHeader, moodleFrameRow, `L2,L1,"Loop",,1,,,,,,,,,`, `L1,L2,"Loop",,1,,,,,,,,,`, `,L1,dup,,1,,,,,,,,,`))
	f.Add(moodleCSV(`"Parent ID number";"ID number";Shortname;"Is framework";Taxonomy;"Scale values";"Scale configuration"`,
		`;F;F;1;"{""1"":""domain"",""3"":""skill""}";"a,b,c";"[{""scaleid"":1},{""id"":""2"",""proficient"":true}]"`, `F;X;"x";;;;`))
	f.Add(moodleCSV(moodleNewHeader, `,F,F,,1,"a,b","not json",,,,,,1,"[1,2]"`, `,,,,,,,,,,,,,`, `NOPE,"",,,,,,,,,"%2C,,x",,,`))
	f.Add([]byte("\xff\xfe\x00\x00junk"))
	f.Add([]byte(`{"CFDocument":{}}`))
	f.Add([]byte{})
	if raw, err := readMoodleSeed(); err == nil {
		f.Add(raw)
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		fw, err := ReadMoodle(raw)
		if err != nil {
			if fw != nil {
				t.Errorf("an error (%v) with a framework", err)
			}
			return
		}
		if len(fw.Items) == 0 || !fw.Items[0].IsFramework {
			t.Fatalf("no framework item first: %+v", fw.Items)
		}
		keys := map[string]bool{}
		for _, it := range fw.Items {
			if keys[it.Key] {
				t.Fatalf("key %q twice", it.Key)
			}
			keys[it.Key] = true
		}
		moodleDepths(t, fw)
		res, err := framework.Build(fw)
		if err != nil {
			return
		}
		_ = WriteMoodle(io.Discard, res.Continuum, res.Targets)
	})
}

// readMoodleSeed returns the first lines of the real export for the seed
// corpus, when the shared test data is there.
func readMoodleSeed() ([]byte, error) {
	raw, err := os.ReadFile(moodleRealPath())
	if err != nil {
		return nil, err
	}
	lines := bytes.SplitAfterN(raw, []byte("\n"), 40)
	return bytes.Join(lines[:len(lines)-1], nil), nil
}
