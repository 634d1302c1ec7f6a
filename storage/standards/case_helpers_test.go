package standards

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/continuum-planner/planner/continuum"
	"github.com/continuum-planner/planner/continuum/framework"
)

// caseShared returns the shared test data folder beside the repository,
// or skips the test when it is not there.
func caseShared(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no shared test data: %v", err)
	}
	return dir
}

// caseRealFile reads a file of the shared real data.
func caseRealFile(t testing.TB, name string) []byte {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(caseShared(t), "realdata", name))
	if err != nil {
		t.Skipf("real data file missing: %v", err)
	}
	return raw
}

// The real CASE files.
const (
	caseCCSSMath    = "ccss-math_case-cfpackage_opensalt.json"
	caseWhatCouldBe = "what-standards-could-be_case-cfpackage_opensalt.json"
	caseSequence    = "opensalt_sequence-number-framework_case.json"
	caseUTF8        = "opensalt_utf8-test-framework_case.json"
)

func mustReadCASE(t testing.TB, raw []byte) *framework.Framework {
	t.Helper()
	fw, err := ReadCASE(raw)
	if err != nil {
		t.Fatalf("ReadCASE: %v", err)
	}
	return fw
}

func mustBuild(t testing.TB, fw *framework.Framework) *framework.Result {
	t.Helper()
	res, err := framework.Build(fw)
	if err != nil {
		t.Fatalf("Build: %v", err)
	}
	return res
}

func mustWriteCASE(t testing.TB, c continuum.Continuum, targets []continuum.Target) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteCASE(&buf, c, targets); err != nil {
		t.Fatalf("WriteCASE: %v", err)
	}
	return buf.Bytes()
}

// caseProblem returns the *Problem in err, failing the test when there is none.
func caseProblem(t *testing.T, err error) *Problem {
	t.Helper()
	var p *Problem
	if !errors.As(err, &p) {
		t.Fatalf("want a *Problem, got %v", err)
	}
	if !strings.HasPrefix(err.Error(), "read CASE package: ") {
		t.Errorf("error %q does not name the operation", err)
	}
	return p
}

// caseWarned reports whether a warning holds every part.
func caseWarned(ws []framework.Warning, parts ...string) bool {
	for _, w := range ws {
		all := true
		for _, p := range parts {
			all = all && strings.Contains(w.String(), p)
		}
		if all {
			return true
		}
	}
	return false
}

// caseItemByKey returns the item with key.
func caseItemByKey(t *testing.T, fw *framework.Framework, key string) framework.Item {
	t.Helper()
	for _, it := range fw.Items {
		if it.Key == key {
			return it
		}
	}
	t.Fatalf("no item %s", key)
	return framework.Item{}
}

// caseKinds counts associations by kind.
func caseKinds(as []framework.Association) map[string]int {
	out := map[string]int{}
	for _, a := range as {
		out[a.Kind]++
	}
	return out
}

// caseSchemaScript validates each file named after the schema with
// jsonschema's Draft 4 validator and its format checks.
const caseSchemaScript = `
import json, sys, jsonschema
schema = json.load(open(sys.argv[1]))
v = jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())
bad = 0
for f in sys.argv[2:]:
    for e in v.iter_errors(json.load(open(f))):
        bad += 1
        if bad <= 20:
            print(f, list(e.absolute_path), e.message[:300])
sys.exit(1 if bad else 0)
`

// caseSchemaCheck validates packages against the CASE 1.0 CFPackage
// schema with Python's jsonschema, skipping when it is not installed.
func caseSchemaCheck(t *testing.T, docs ...[]byte) {
	t.Helper()
	schema := filepath.Join(caseShared(t), "specs", "case-v1p0-cfpackage-schema.json")
	if _, err := os.Stat(schema); err != nil {
		t.Skipf("no CASE schema: %v", err)
	}
	if err := exec.Command("python3", "-c", "import jsonschema").Run(); err != nil {
		t.Skipf("python3 with jsonschema is not installed (apt-get install python3-jsonschema): %v", err)
	}
	dir := t.TempDir()
	args := []string{"-c", caseSchemaScript, schema}
	for i, d := range docs {
		f := filepath.Join(dir, fmt.Sprintf("package-%d.json", i))
		if err := os.WriteFile(f, d, 0o600); err != nil {
			t.Fatal(err)
		}
		args = append(args, f)
	}
	if out, err := exec.Command("python3", args...).CombinedOutput(); err != nil {
		t.Fatalf("the package is not valid against the CASE 1.0 schema: %v\n%s", err, out)
	}
}

// caseStrictCheck makes the checks the schema asks for that Python's
// format checker leaves out: every uri an absolute URI, every identifier
// of a record a whole UUID, every time RFC 3339, every association type
// one CASE 1.0 lists, and no identifier used twice.
func caseStrictCheck(t *testing.T, raw []byte) {
	t.Helper()
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	seen := map[string]string{}
	var walk func(path string, v any, linkGen bool)
	walk = func(path string, v any, linkGen bool) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				p := path + "." + k
				s, isText := x.(string)
				switch {
				case k == "uri" || k == "officialSourceURL":
					if u, err := url.Parse(s); !isText || err != nil || !u.IsAbs() || !absoluteURI(s) {
						t.Errorf("%s: %q is not an absolute URI", p, x)
					}
				case k == "lastChangeDateTime":
					if _, err := time.Parse(time.RFC3339, s); !isText || err != nil {
						t.Errorf("%s: %q is not an RFC 3339 date-time", p, x)
					}
				case k == "identifier" && !linkGen:
					if !isText || !isUUID(s) {
						t.Errorf("%s: %q is not a UUID", p, x)
					}
					if top := strings.Count(path, "."); top == 1 || strings.HasPrefix(path, ".CFDefinitions") && top == 2 {
						if other, dup := seen[strings.ToLower(s)]; dup {
							t.Errorf("%s: identifier %s is used by %s too", p, s, other)
						}
						seen[strings.ToLower(s)] = p
					}
				case k == "associationType":
					if !isText || !strings.Contains(" "+strings.Join(framework.Kinds, " ")+" ", " "+s+" ") {
						t.Errorf("%s: %q is not a CASE 1.0 association type", p, x)
					}
				}
				walk(p, x, k == "originNodeURI" || k == "destinationNodeURI")
			}
		case []any:
			for _, x := range v {
				walk(path, x, false)
			}
		}
	}
	walk("", doc, false)
}
