package standards

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/continuum-planner/planner/continuum/framework"
)

// canvasBigFile is an outcome set of an account's size: 3,000 groups
// three deep and 30,000 outcomes in three groups each.
func canvasBigFile() []byte {
	var b bytes.Buffer
	b.WriteString("vendor_guid,object_type,title,description,calculation_method,calculation_int,parent_guids,mastery_points,ratings\n")
	const groups, outcomes = 3000, 30000
	for i := range groups {
		parent := ""
		if i >= 10 {
			parent = fmt.Sprintf("g%d", i/10)
		}
		fmt.Fprintf(&b, "g%d,group,Group %d,,,,%s,,\n", i, i, parent)
	}
	for i := range outcomes {
		fmt.Fprintf(&b, "o%d,outcome,T%d,<p>Statement %d</p>,decaying_average,65,g%d g%d g%d,3,4,A,3,B,2,C,1,D\n",
			i, i, i, (i*7)%groups, (i*13+5)%groups, (i*31+2)%groups)
	}
	return b.Bytes()
}

func BenchmarkReadCanvas(b *testing.B) {
	raw := canvasBigFile()
	b.SetBytes(int64(len(raw)))
	for b.Loop() {
		if _, err := ReadCanvas(raw); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkWriteCanvas(b *testing.B) {
	fw, err := ReadCanvas(canvasBigFile())
	if err != nil {
		b.Fatal(err)
	}
	fw.Name = "Big"
	res, err := framework.Build(fw)
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		var out bytes.Buffer
		if err := WriteCanvas(&out, res.Continuum, res.Targets); err != nil {
			b.Fatal(err)
		}
	}
}
