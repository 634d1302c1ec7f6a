package standards

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/continuum-planner/planner/continuum/framework"
)

// FuzzReadCASE: no input makes ReadCASE panic; it returns a framework or
// a *Problem, never both; what it returns builds or fails cleanly, and a
// built continuum exports to a package that reads back.
func FuzzReadCASE(f *testing.F) {
	f.Add([]byte(caseMini))
	f.Add([]byte("\xef\xbb\xbf" + caseMini))
	f.Add([]byte(`{"CFPackage": {"CFDocument": {"identifier": "d"}, "CFItems": [{"identifier": "i", "fullStatement": "x"}]}}`))
	f.Add([]byte(`{"identifier": "d", "title": "t", "CFItems": [{"identifier": 1, "fullStatement": 2, "educationLevel": [3, null]}]}`))
	f.Add([]byte(`{"CFDocument": {}, "CFItems": [{"identifier": "a"}], "CFAssociations": [{"associationType": "precedes", "originNodeURI": "a", "destinationNodeURI": {"uri": "x:y"}, "sequenceNumber": 1e400}]}`))
	f.Add([]byte(`{"CFDocument": {"identifier": "d"}, "CFItems": [{"identifier": "a", "fullStatement": "A"}, {"identifier": "b", "fullStatement": "B"}],
 "CFAssociations": [{"associationType": "isChildOf", "originNodeURI": {"identifier": "a"}, "destinationNodeURI": {"identifier": "b"}},
  {"associationType": "isChildOf", "originNodeURI": {"identifier": "b"}, "destinationNodeURI": {"identifier": "a"}}]}`))
	f.Add([]byte("{\n \"CFDocument\": {\"title\": \"\xff\xfe\"},\n \"CFItems\": [\n"))
	f.Add([]byte(`[]`))
	f.Add([]byte(``))
	for _, name := range []string{caseSequence, caseUTF8} {
		if raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "realdata", name)); err == nil {
			f.Add(raw)
		}
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		fw, err := ReadCASE(raw)
		if err != nil {
			var p *Problem
			if fw != nil || !errors.As(err, &p) || p.Message == "" {
				t.Fatalf("error %v with framework %v", err, fw)
			}
			return
		}
		if len(fw.Items) == 0 {
			t.Fatal("a framework without items and no error")
		}
		res, err := framework.Build(fw)
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if err := WriteCASE(&buf, res.Continuum, res.Targets); err != nil {
			t.Fatalf("WriteCASE: %v", err)
		}
		back, err := ReadCASE(buf.Bytes())
		if err != nil {
			t.Fatalf("our own export does not read back: %v\n%s", err, buf.Bytes())
		}
		if again, err := framework.Build(back); err != nil || len(again.Targets) != len(res.Targets) {
			t.Fatalf("our own export builds %v targets (%v), want %d", again, err, len(res.Targets))
		}
	})
}
