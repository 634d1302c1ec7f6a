package standards

import (
	"bytes"
	"testing"

	"github.com/continuum-planner/planner/continuum/framework"
)

// BenchmarkImportCCSSMathDecode measures decoding and building only: the
// 703-item CCSS Mathematics package read into a framework and built into
// a continuum, with nothing stored.
func BenchmarkImportCCSSMathDecode(b *testing.B) {
	raw := caseRealFile(b, caseCCSSMath)
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		fw, err := ReadCASE(raw)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := framework.Build(fw); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkExportCCSSMathEncode measures writing the built CCSS
// Mathematics continuum as a CASE package, in memory.
func BenchmarkExportCCSSMathEncode(b *testing.B) {
	res := mustBuild(b, mustReadCASE(b, caseRealFile(b, caseCCSSMath)))
	var buf bytes.Buffer
	b.ReportAllocs()
	for b.Loop() {
		buf.Reset()
		if err := WriteCASE(&buf, res.Continuum, res.Targets); err != nil {
			b.Fatal(err)
		}
	}
	b.SetBytes(int64(buf.Len()))
}
