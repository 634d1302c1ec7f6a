package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is the import path every package of the program starts with.
const module = "github.com/continuum-planner/planner"

// notScreens are the packages under ui/ that are not screens: the
// shell, what every screen builds on, the widgets, and the report-writing
// flow the profile and the class map share (ui/internal/...,
// the screens' test helpers, are not screens either).
var notScreens = []string{module + "/ui", module + "/ui/screen", module + "/ui/widgets", module + "/ui/reports"}

// storeTests is the package that opens real stores for other packages'
// tests: it alone beside the store may import it.
const storeTests = module + "/storage/storagetest"

// pkgDeps is one package of the program and everything it imports,
// directly or not (test files aside).
type pkgDeps struct {
	ImportPath string
	Deps       []string
}

// importRules returns one sentence per import that docs/architecture.md
// forbids:
//   - continuum/ (the domain) depends on no GUI, database or spreadsheet library;
//   - no package under ui/ depends on the Badger store (storage) or Badger;
//   - a screen package depends on no other screen package, nor on the shell;
//   - ui/screen and ui/widgets depend on no screen and not on the shell;
//   - the file adapters and use cases beside the store (storage/...) do
//     not depend on the store itself, so that the app can use them.
func importRules(pkgs []pkgDeps) []string {
	var broken []string
	isScreen := func(p string) bool {
		return strings.HasPrefix(p, module+"/ui/") && !slices.Contains(notScreens, p) &&
			!strings.HasPrefix(p, module+"/ui/internal/")
	}
	for _, p := range pkgs {
		rel := strings.TrimPrefix(p.ImportPath, module+"/")
		for _, d := range p.Deps {
			drel := strings.TrimPrefix(d, module+"/")
			var why string
			switch {
			case under(rel, "continuum") && (strings.HasPrefix(d, "fyne.io/") || strings.HasPrefix(d, "github.com/dgraph-io/") || strings.HasPrefix(d, "github.com/xuri/")):
				why = "the domain must stay pure Go"
			case under(rel, "ui") && (d == module+"/storage" || strings.HasPrefix(d, "github.com/dgraph-io/")):
				why = "the app reaches the store through continuum's interfaces, wired in cmd/"
			case isScreen(p.ImportPath) && isScreen(d) && d != p.ImportPath:
				why = "a screen imports no other screen"
			case isScreen(p.ImportPath) && d == module+"/ui":
				why = "a screen does not import the shell"
			case (rel == "ui/screen" || rel == "ui/widgets" || rel == "ui/reports" || under(rel, "ui/internal")) && (isScreen(d) || d == module+"/ui"):
				why = "the screen base, the widgets and the test helpers import no screen"
			case strings.HasPrefix(rel, "storage/") && p.ImportPath != storeTests && (d == module+"/storage" || strings.HasPrefix(d, "github.com/dgraph-io/")):
				why = "file adapters and use cases do not open the store themselves"
			}
			if why != "" {
				broken = append(broken, rel+" imports "+drel+": "+why)
			}
		}
	}
	return broken
}

// under reports whether the package path rel is dir or inside it.
func under(rel, dir string) bool { return rel == dir || strings.HasPrefix(rel, dir+"/") }

// listPackages runs go list over the module, as the build sees it.
func listPackages(t *testing.T) []pkgDeps {
	t.Helper()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("the go command is not on PATH")
	}
	cmd := exec.Command("go", "list", "-tags", "migrated_fynedo", "-deps=false", "-json=ImportPath,Deps", module+"/...")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []pkgDeps
	dec := json.NewDecoder(bytes.NewReader(out))
	for {
		var p pkgDeps
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("read go list's output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

func TestImportsFollowTheArchitecture(t *testing.T) {
	pkgs := listPackages(t)
	if len(pkgs) < 15 {
		t.Fatalf("go list found only %d packages", len(pkgs))
	}
	for _, b := range importRules(pkgs) {
		t.Error(b)
	}
}

// TestImportRulesCatchEachBreach shows that each rule fails when broken.
func TestImportRulesCatchEachBreach(t *testing.T) {
	for _, tt := range []struct {
		pkg, dep string
	}{
		{"continuum", "fyne.io/fyne/v2"},
		{"continuum/render", "github.com/xuri/excelize/v2"},
		{"continuum", "github.com/dgraph-io/badger/v4"},
		{"ui/classmap", module + "/storage"},
		{"ui", "github.com/dgraph-io/badger/v4"},
		{"ui/classmap", module + "/ui/profile"},
		{"ui/flex", module + "/ui"},
		{"ui/screen", module + "/ui/roster"},
		{"ui/widgets", module + "/ui"},
		{"ui/internal/uitest", module + "/ui/flex"},
		{"ui/internal/uitest", module + "/storage"},
		{"storage/exchange", module + "/storage"},
	} {
		got := importRules([]pkgDeps{{ImportPath: module + "/" + tt.pkg, Deps: []string{tt.dep, "fmt"}}})
		if len(got) != 1 {
			t.Errorf("%s importing %s: %v, want one broken rule", tt.pkg, tt.dep, got)
		}
	}
	allowed := []pkgDeps{
		{ImportPath: module + "/ui/classmap", Deps: []string{module + "/ui/screen", module + "/ui/widgets", module + "/continuum", "fyne.io/fyne/v2"}},
		{ImportPath: module + "/ui", Deps: []string{module + "/ui/classmap", module + "/storage/exchange"}},
		{ImportPath: module + "/storage", Deps: []string{"github.com/dgraph-io/badger/v4", module + "/continuum"}},
		{ImportPath: storeTests, Deps: []string{module + "/storage", "github.com/dgraph-io/badger/v4"}},
		{ImportPath: module + "/ui/classmap", Deps: []string{module + "/ui/internal/uitest"}},
		{ImportPath: module + "/cmd/continuum-planner", Deps: []string{module + "/storage", module + "/ui"}},
	}
	if got := importRules(allowed); len(got) != 0 {
		t.Errorf("allowed imports reported: %v", got)
	}
}
