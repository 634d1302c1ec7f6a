package workbook

import (
	"bytes"
	"io"
	"testing"
)

// TestCellAttrs checks that a cell's attributes read in one pass are
// those attr finds one by one, whatever their order, quotes, spacing,
// namespace prefixes or damage.
func TestCellAttrs(t *testing.T) {
	for _, attrs := range []string{
		` r="B7" t="s" s="3"`,
		` s='12' t="inlineStr" r='AA100'`,
		` r = "C2"  t= "b"`,
		` x:r="D4" x:t="str"`,
		` xmlns:r="urn:x" r="E5"`,
		` r="F6" ref="Z9" type="n" t="e"`,
		` r="G7" t="s`,
		` r="H8" broken t="s"`,
		` r="I9" t="s" r="J1"`,
		``,
	} {
		r, typ, st := cellAttrs([]byte(attrs))
		if !bytes.Equal(r, attr([]byte(attrs), "r")) || !bytes.Equal(typ, attr([]byte(attrs), "t")) || !bytes.Equal(st, attr([]byte(attrs), "s")) {
			t.Errorf("cellAttrs(%q) = %q %q %q; attr finds %q %q %q", attrs, r, typ, st, attr([]byte(attrs), "r"), attr([]byte(attrs), "t"), attr([]byte(attrs), "s"))
		}
	}
}

// TestScannerSpecialConstructs checks that comments, processing
// instructions and CDATA are told apart from tags by their first bytes.
func TestScannerSpecialConstructs(t *testing.T) {
	s := newScanner(bytes.NewReader([]byte(`<?xml version="1.0"?><!-- a > b --><c r="A1"><v><![CDATA[1<2]]></v></c><d/>`)))
	var got []string
	for {
		if err := s.next(); err != nil {
			t.Fatal(err)
		}
		if s.kind == tokEOF {
			break
		}
		switch s.kind {
		case tokText:
			got = append(got, "text:"+string(s.text))
		case tokEnd:
			got = append(got, "/"+string(s.name))
		default:
			got = append(got, string(s.name))
		}
	}
	want := []string{"c", "v", "text:1<2", "/v", "/c", "d"}
	if len(got) != len(want) {
		t.Fatalf("tokens %q, want %q", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("tokens %q, want %q", got, want)
		}
	}
	doctype := newScanner(io.MultiReader(bytes.NewReader([]byte(`<!DOCTYPE x [<!ENTITY a "b">]><x/>`))))
	if err := doctype.next(); err == nil {
		t.Error("a document type declaration was read")
	}
}
