package screen

import (
	"slices"
	"testing"
)

// A dialog's extensions are Ext then Exts, each once; it shows files of
// any of them in any case, and every file when it names none.
func TestFileChoiceExtensions(t *testing.T) {
	c := FileChoice{Ext: ".xlsx", Exts: []string{".csv", ".XLSX", ".tsv", ""}}
	if got, want := c.Extensions(), []string{".xlsx", ".csv", ".tsv"}; !slices.Equal(got, want) {
		t.Errorf("extensions %q, want %q", got, want)
	}
	for path, want := range map[string]bool{"/a/b.xlsx": true, "/a/B.CSV": true, "/a/b.tsv": true, "/a/b.txt": false, "/a/csv": false} {
		if got := c.Shows(path); got != want {
			t.Errorf("shows %s: %v, want %v", path, got, want)
		}
	}
	if !(FileChoice{}).Shows("/a/anything.pdf") {
		t.Error("a dialog without extensions hides files")
	}
	if got := (FileChoice{Ext: ".png"}).Extensions(); !slices.Equal(got, []string{".png"}) {
		t.Errorf("one extension: %q", got)
	}
}
