package workbook_test

import (
	"archive/zip"
	"bytes"
	"flag"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum/demo"
	"github.com/continuum-planner/planner/storage/workbook"
)

// checkBook asserts what must hold of any decoded Book, whatever the input.
func checkBook(t *testing.T, b *workbook.Book, err error) {
	if b == nil {
		if err == nil {
			t.Fatal("no book and no error")
		}
		return
	}
	if len(b.Problems) > 0 && err == nil {
		t.Fatal("problems but no error")
	}
	if len(b.Places.Targets) != len(b.Targets) || len(b.Places.Evidence) != len(b.Evidence) ||
		len(b.Places.Students) != len(b.Students) || len(b.Places.Overrides) != len(b.Overrides) ||
		len(b.Places.Units) != len(b.Units) || len(b.Places.Flex) != len(b.Flex) ||
		len(b.Places.VisitNotes) != len(b.VisitNotes) || len(b.Places.Calibration) != len(b.Calibration) {
		t.Fatal("places out of step with records")
	}
	if len(b.Problems) == 0 {
		g, err := b.Graph()
		if err != nil {
			t.Fatalf("a book without problems is not a valid continuum: %v", err)
		}
		for _, u := range b.Units {
			if err := u.Validate(g); err != nil {
				t.Fatalf("a book without problems has an invalid unit: %v", err)
			}
		}
		for _, fb := range b.Flex {
			if err := fb.Validate(g); err != nil {
				t.Fatalf("a book without problems has an invalid flex block: %v", err)
			}
		}
		for _, n := range b.VisitNotes {
			if err := n.Validate(); err != nil {
				t.Fatalf("a book without problems has an invalid visit note: %v", err)
			}
		}
	}
}

// fuzzMinimizeTime is how much the fuzzer may spend minimizing one input
// of these targets, unless -fuzzminimizetime says otherwise: 100 runs.
//
// Go's minimizer tries, among others, every way of removing a run of
// bytes: about n²/2 runs of the target for an input of n bytes. A seed of
// FuzzDecode is a whole zip package of 6 to 30 KB, so minimizing one
// input that reached new code (in archive/zip and compress/flate as much
// as in ours, so it happens about once a second) would take hundreds of
// millions of runs, and the default budget of 60 s was always spent to
// the end. Those runs are not counted as execs, and a worker that
// minimizes finds nothing new: with two workers the fuzzer spent nearly
// all its time minimizing, about 200 execs in 90 s, although no input
// takes more than a few milliseconds to decode. With 100 runs the tail of
// a crasher is still cut, and FuzzDecode runs about 7,000 execs a second.
const fuzzMinimizeTime = "100x"

// limitMinimizing sets the fuzzer's minimizing budget to fuzzMinimizeTime,
// unless -fuzzminimizetime was given on the command line. The
// coordinating process reads the flag when f.Fuzz starts fuzzing.
func limitMinimizing() error {
	const name = "test.fuzzminimizetime"
	given := false
	flag.Visit(func(fl *flag.Flag) { given = given || fl.Name == name })
	fl := flag.Lookup(name)
	if fl == nil || given {
		return nil
	}
	if err := fl.Value.Set(fuzzMinimizeTime); err != nil {
		return fmt.Errorf("set -%s: %w", name, err)
	}
	return nil
}

// fuzzDecodeSeeds are FuzzDecode's seeds: a small exported workbook, a
// Targets sheet and a standards list as excelize saves them, and scraps.
func fuzzDecodeSeeds(tb testing.TB) [][]byte {
	small := demo.Generate("Small", demo.Size{Students: 3, Targets: 6, Evidence: 10, Levels: 2, Domains: 2, Seed: 3, FlexOfferings: 2})
	return [][]byte{
		encode(tb, bookOf(small), workbook.EncodeOptions{}),
		build(tb, sheet{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "I can."}, {"T2", "D", "2", "I can too.", "T1"}}}),
		build(tb, sheet{"List", [][]any{{"Standard", "Description", "Grade", "Parent"}, {"A", "Group", "", ""}, {"A.1", "Leaf", "KG", "A"}}}),
		[]byte("PK\x03\x04"),
		{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1},
		{},
	}
}

// FuzzDecode feeds arbitrary bytes, and mutations of small valid
// workbooks, to the decoder: it must never panic, and a Book it returns
// without problems must be a valid continuum.
//
//	go test -run '^$' -fuzz 'FuzzDecode$' -fuzztime 2m ./storage/workbook/
func FuzzDecode(f *testing.F) {
	if err := limitMinimizing(); err != nil {
		f.Fatal(err)
	}
	for _, seed := range fuzzDecodeSeeds(f) {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := decode(data, workbook.Options{})
		checkBook(t, b, err)
	})
}

// Given FuzzDecode's seeds and the damaged packages the minimizer makes
// of the largest (one byte removed, or cut short), when each is decoded,
// then none takes long: the fuzzer's throughput rests on it.
func TestFuzzDecodeInputsAreQuick(t *testing.T) {
	seeds := fuzzDecodeSeeds(t)
	inputs := slices.Clone(seeds)
	big := seeds[0]
	for i := 0; i < len(big); i += max(len(big)/400, 1) {
		inputs = append(inputs, slices.Delete(slices.Clone(big), i, i+1), big[:i])
	}
	slowest := time.Duration(0)
	for _, in := range inputs {
		start := time.Now()
		b, err := decode(in, workbook.Options{})
		checkBook(t, b, err)
		slowest = max(slowest, time.Since(start))
	}
	if limit := 500 * time.Millisecond; slowest > limit {
		t.Errorf("the slowest of %d inputs took %v to decode, more than %v", len(inputs), slowest, limit)
	}
}

// Given no -fuzzminimizetime on the command line, when a fuzz target
// starts, then the minimizing budget is fuzzMinimizeTime.
func TestLimitMinimizing(t *testing.T) {
	fl := flag.Lookup("test.fuzzminimizetime")
	if fl == nil {
		t.Skip("the testing package has no -test.fuzzminimizetime")
	}
	old := fl.Value.String()
	t.Cleanup(func() { _ = fl.Value.Set(old) })
	if err := limitMinimizing(); err != nil {
		t.Fatal(err)
	}
	given := false
	flag.Visit(func(f *flag.Flag) { given = given || f.Name == fl.Name })
	if got := fl.Value.String(); !given && got != fuzzMinimizeTime {
		t.Errorf("-fuzzminimizetime = %s, want %s", got, fuzzMinimizeTime)
	}
}

// FuzzDecodeSheet puts fuzzed XML in the Targets sheet and the shared
// strings of an otherwise valid package, so that the fuzzer works on the
// XML scanner rather than on zip checksums.
//
//	go test -run '^$' -fuzz FuzzDecodeSheet -fuzztime 2m ./storage/workbook/
func FuzzDecodeSheet(f *testing.F) {
	if err := limitMinimizing(); err != nil {
		f.Fatal(err)
	}
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`+
		`<row r="2"><c r="A2" t="inlineStr"><is><t>T1</t></is></c><c r="B2" t="str"><v>I can &amp; do</v></c></row>`+
		`<row r="3"><c r="A3"><v>12</v></c><c r="B3" t="inlineStr"><is><r><t>rich</t></r><r><t xml:space="preserve"> text</t></r></is></c></row>`+
		`</sheetData></worksheet>`),
		[]byte(`<sst><si><t>Code</t></si><si><t>Statement</t></si></sst>`))
	f.Add([]byte(`<x:worksheet xmlns:x="s"><x:sheetData><x:row><x:c t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c></x:row><x:row><x:c><x:f>1+1</x:f><x:v>2</x:v></x:c><x:c t="e"><x:v>#N/A</x:v></x:c></x:row></x:sheetData></x:worksheet>`),
		[]byte(`<sst><si><t>code</t></si><si><r><t>state</t></r><r><t>ment</t></r><rPh><t>x</t></rPh></si></sst>`))
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="XFD1" t="s"><v>99</v></c><c r="A1" t="b"><v>1</v></c></row><row r="1048576"/><![CDATA[x]]><!-- c --></sheetData>`),
		[]byte(`<sst><si><t>_x000D_&#10;&#x1F600;&bad;</t></si></sst>`))
	f.Fuzz(func(t *testing.T, sheetXML, sharedXML []byte) {
		data := pack(t, sheetXML, sharedXML)
		b, err := decode(data, workbook.Options{})
		checkBook(t, b, err)
	})
}

// pack makes a one-sheet xlsx package (stored, not compressed) around a sheet's XML.
func pack(t *testing.T, sheetXML, sharedXML []byte) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := []struct {
		name string
		body []byte
	}{
		{"_rels/.rels", []byte(`<Relationships><Relationship Id="r1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)},
		{"xl/workbook.xml", []byte(`<workbook><sheets><sheet name="Targets" sheetId="1" r:id="rId1"/></sheets></workbook>`)},
		{"xl/_rels/workbook.xml.rels", []byte(`<Relationships>` +
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
			`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>` +
			`<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>` +
			`</Relationships>`)},
		{"xl/styles.xml", []byte(`<styleSheet><numFmts><numFmt numFmtId="164" formatCode="yyyy-mm-dd"/></numFmts><cellXfs><xf numFmtId="0"/><xf numFmtId="164"/><xf numFmtId="14"/></cellXfs></styleSheet>`)},
		{"xl/worksheets/sheet1.xml", sheetXML},
		{"xl/sharedStrings.xml", sharedXML},
	}
	for _, p := range parts {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Store})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := w.Write(p.body); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}
