package workbook_test

import (
	"archive/zip"
	"bytes"
	"testing"

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
		len(b.Places.Students) != len(b.Students) || len(b.Places.Overrides) != len(b.Overrides) {
		t.Fatal("places out of step with records")
	}
	if len(b.Problems) == 0 {
		if _, err := b.Graph(); err != nil {
			t.Fatalf("a book without problems is not a valid continuum: %v", err)
		}
	}
}

// FuzzDecode feeds arbitrary bytes, and mutations of small valid
// workbooks, to the decoder: it must never panic, and a Book it returns
// without problems must be a valid continuum.
//
//	go test -fuzz FuzzDecode -fuzztime 2m ./storage/workbook/
func FuzzDecode(f *testing.F) {
	small := demo.Generate("Small", demo.Size{Students: 3, Targets: 6, Evidence: 10, Levels: 2, Domains: 2, Seed: 3})
	f.Add(encode(f, bookOf(small), workbook.EncodeOptions{}))
	f.Add(build(f, sheet{"Targets", [][]any{targetsHeader, {"T1", "D", "1", "I can."}, {"T2", "D", "2", "I can too.", "T1"}}}))
	f.Add(build(f, sheet{"List", [][]any{{"Standard", "Description", "Grade", "Parent"}, {"A", "Group", "", ""}, {"A.1", "Leaf", "KG", "A"}}}))
	f.Add([]byte("PK\x03\x04"))
	f.Add([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		b, err := decode(data, workbook.Options{})
		checkBook(t, b, err)
	})
}

// FuzzDecodeSheet puts fuzzed XML in the Targets sheet and the shared
// strings of an otherwise valid package, so that the fuzzer works on the
// XML scanner rather than on zip checksums.
//
//	go test -fuzz FuzzDecodeSheet -fuzztime 2m ./storage/workbook/
func FuzzDecodeSheet(f *testing.F) {
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
