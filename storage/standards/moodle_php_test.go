package standards

import (
	"bytes"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// moodleImporterPHP reads a framework CSV the way Moodle's "Import
// competency framework" does, with PHP's own CSV reader: csv_import_reader
// (lib/csvlib.class.php: newlines made \n, the text trimmed, fgetcsv with
// '"' and PHP's default escape, every row as wide as the header), then
// framework_importer (admin/tool/lpimportcsv/classes/framework_importer.php:
// columns by position, PARAM_TEXT on ID numbers and short names, the last
// row of an ID number kept, children found with ==, competencies without
// an ID number or short name left out with those under them), and the
// checks competency_framework and competency make on saving (taxonomy
// terms, the scale configuration's default and proficient values, ID
// numbers unique in the framework). It prints what would be created as
// JSON, or the reason for refusing the file on standard error.
const moodleImporterPHP = `<?php
function refuse($why) { fwrite(STDERR, $why . "\n"); exit(1); }
$content = file_get_contents($argv[1]);
$content = preg_replace('!\r\n?!', "\n", $content);
$content = trim($content);
$fp = fopen('php://temp', 'w+');
fwrite($fp, $content);
rewind($fp);
$rows = [];
while ($r = fgetcsv($fp, 0, ',', '"')) {
    if (count($r) == 1 && $r[0] === null) { continue; }
    $rows[] = $r;
}
if (!$rows) { refuse('csvemptyfile'); }
$width = count($rows[0]);
foreach ($rows as $i => $r) {
    if (count($r) !== $width) { refuse('csvweirdcolumns at record ' . ($i + 1)); }
}
array_shift($rows);
$textlen = function ($s) { return preg_match_all('/./us', $s); };
$clean = function ($s, $what) use ($textlen) {
    if (strip_tags($s) !== $s) { refuse("$what '$s' changes under PARAM_TEXT"); }
    if ($textlen($s) > 100) { refuse("$what '$s' is longer than 100 characters"); }
    return $s;
};
$flat = [];
$framework = null;
foreach ($rows as $r) {
    if ($r[12]) {
        $framework = ['idnumber' => $clean($r[1], 'framework idnumber'), 'shortname' => $clean($r[2], 'framework shortname'),
            'description' => $r[3], 'descriptionformat' => (int)$r[4], 'scalevalues' => $r[5], 'scaleconfiguration' => $r[6],
            'taxonomies' => $r[13]];
    } else {
        $flat[$r[1]] = (object)['parentidnumber' => strip_tags($r[0]), 'idnumber' => $clean($r[1], 'idnumber'),
            'shortname' => $clean($r[2], 'shortname'), 'description' => $r[3], 'descriptionformat' => (int)$r[4],
            'ruletype' => $r[7], 'related' => $r[10], 'children' => []];
    }
}
if ($framework === null) { refuse('invalidimportfile: no framework row'); }
$terms = ['behaviour', 'competency', 'concept', 'domain', 'indicator', 'level', 'outcome', 'practice', 'proficiency', 'skill', 'value'];
foreach (explode(',', $framework['taxonomies']) as $term) {
    if (!empty($term) && !in_array($term, $terms, true)) { refuse("invalidtaxonomy $term"); }
}
$config = json_decode($framework['scaleconfiguration']);
if (!is_array($config) || empty($config[0]) || !isset($config[0]->scaleid)) { refuse('errorscaleconfiguration: no scale entry'); }
array_shift($config);
$default = null; $proficient = [];
foreach ($config as $c) {
    if (!empty($c->scaledefault)) { $default = $c->id; }
    if (!empty($c->proficient)) { $proficient[] = $c->id; }
}
if ($default === null || !$proficient) { refuse('errorscaleconfiguration: no default or no proficient value'); }
$created = [];
$add = function ($parentid, $level) use (&$add, &$flat, &$created) {
    foreach ($flat as $c) {
        if ($c->parentidnumber == $parentid) {
            if (empty($c->idnumber) || empty($c->shortname)) { continue; }
            if (isset($created[$c->idnumber])) { refuse("idnumbertaken {$c->idnumber}"); }
            $created[$c->idnumber] = ['idnumber' => $c->idnumber, 'parent' => $parentid, 'level' => $level,
                'shortname' => $c->shortname, 'description' => $c->description, 'format' => $c->descriptionformat,
                'related' => array_values(array_filter(array_map(function ($id) use (&$flat) {
                    $id = str_replace('%2C', ',', $id);
                    return isset($flat[$id]) ? $id : null;
                }, $c->related === '' ? [] : explode(',', $c->related)), 'strlen')), 'rule' => $c->ruletype];
            $add($c->idnumber, $level + 1);
        }
    }
};
$add('', 1);
echo json_encode(['framework' => $framework, 'scale' => array_map('trim', explode(',', $framework['scalevalues'])),
    'default' => $default, 'proficient' => $proficient, 'competencies' => array_values($created)]);
`

// moodleImported is what moodleImporterPHP says Moodle would create.
type moodleImported struct {
	Framework struct {
		IDNumber    string `json:"idnumber"`
		ShortName   string `json:"shortname"`
		Description string `json:"description"`
		Taxonomies  string `json:"taxonomies"`
	} `json:"framework"`
	Scale        []string `json:"scale"`
	Default      int      `json:"default"`
	Proficient   []int    `json:"proficient"`
	Competencies []struct {
		IDNumber    string   `json:"idnumber"`
		Parent      string   `json:"parent"`
		Level       int      `json:"level"`
		ShortName   string   `json:"shortname"`
		Description string   `json:"description"`
		Format      int      `json:"format"`
		Related     []string `json:"related"`
	} `json:"competencies"`
}

// moodleImport runs moodleImporterPHP on data, skipping when PHP is not
// installed; a refusal fails the test.
func moodleImport(t *testing.T, data []byte) moodleImported {
	t.Helper()
	got, ok := moodleImportIfPHP(t, data)
	if !ok {
		t.Skip("PHP is not installed; Moodle's reading of the file is not checked")
	}
	return got
}

// moodleImportIfPHP runs moodleImporterPHP on data when PHP is installed;
// ok is false when it is not.
func moodleImportIfPHP(t testing.TB, data []byte) (_ moodleImported, ok bool) {
	t.Helper()
	php, err := exec.LookPath("php")
	if err != nil {
		return moodleImported{}, false
	}
	dir := t.TempDir()
	script, file := filepath.Join(dir, "import.php"), filepath.Join(dir, "framework.csv")
	if err := os.WriteFile(script, []byte(moodleImporterPHP), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, data, 0o600); err != nil {
		t.Fatal(err)
	}
	var out, stderr bytes.Buffer
	cmd := exec.Command(php, "-n", script, file)
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("Moodle's importer would refuse the file: %v: %s\n%s", err, stderr.String(), data)
	}
	var got moodleImported
	if err := json.Unmarshal(out.Bytes(), &got); err != nil {
		t.Fatalf("reading the importer's answer: %v\n%s", err, out.String())
	}
	return got, true
}

// TestWriteMoodleAsMoodleReadsIt runs the written file through PHP as
// Moodle's importer reads it: every domain, group and target is created
// under its parent, with its name, description and cross-references,
// and the scale and taxonomy pass Moodle's checks.
func TestWriteMoodleAsMoodleReadsIt(t *testing.T) {
	c, targets := moodleHandMade()
	raw, recs := moodleRecords(t, c, targets)
	got := moodleImport(t, raw)
	if got.Framework.IDNumber != "continuum-c0ffee" || got.Framework.ShortName != c.Name || got.Framework.Taxonomies != "domain,competency,competency,competency" {
		t.Errorf("framework %+v", got.Framework)
	}
	if strings.Join(got.Scale, "|") != "Beginning|Developing|Proficient|Extending" || got.Default != 1 || len(got.Proficient) != 2 || got.Proficient[0] != 3 {
		t.Errorf("scale %q default %d proficient %v", got.Scale, got.Default, got.Proficient)
	}
	if len(got.Competencies) != len(recs)-2 {
		t.Fatalf("Moodle would create %d competencies; the file has %d", len(got.Competencies), len(recs)-2)
	}
	byID := map[string]int{}
	for i, comp := range got.Competencies {
		byID[comp.IDNumber] = i
	}
	for _, r := range recs[2:] {
		i, ok := byID[r[1]]
		if !ok {
			t.Errorf("competency %s is not created", r[1])
			continue
		}
		comp := got.Competencies[i]
		if comp.Parent != r[0] || comp.ShortName != r[2] || comp.Description != r[3] || comp.Format != 1 {
			t.Errorf("competency %s created as %+v; the file says %q", r[1], comp, r)
		}
	}
	for _, tg := range targets {
		id := tg.Code
		if tg.Source != nil {
			id = tg.Source.ID
		}
		comp := got.Competencies[byID[id]]
		if HTMLToText(comp.Description) != tg.Statement {
			t.Errorf("%s: Moodle's description reads %q, want %q", id, HTMLToText(comp.Description), tg.Statement)
		}
	}
	if rel := got.Competencies[byID["HM.1"]].Related; len(rel) != 1 || rel[0] != "NS.1" {
		t.Errorf("HM.1 related to %v, want NS.1", rel)
	}
	if lvl := got.Competencies[byID["moodle-eq-2"]].Level; lvl != 4 {
		t.Errorf("moodle-eq-2 at level %d, want 4", lvl)
	}
}

// TestMoodleImporterRefusesNumbers shows the reason WriteMoodle refuses
// numeric ID numbers that are equal as numbers: Moodle's importer puts the
// children of 1.1 under 1.10 too and stops on the repeated ID number.
func TestMoodleImporterRefusesNumbers(t *testing.T) {
	if _, err := exec.LookPath("php"); err != nil {
		t.Skip("PHP is not installed")
	}
	raw := moodleCSV(moodleNewHeader, moodleFrameRow,
		`,1.1,"One one",,1,,,,0,null,,,,`,
		`,1.10,"One ten",,1,,,,0,null,,,,`,
		`1.1,1.1.1,"Under one one",,1,,,,0,null,,,,`)
	php, _ := exec.LookPath("php")
	dir := t.TempDir()
	script, file := filepath.Join(dir, "import.php"), filepath.Join(dir, "framework.csv")
	if err := os.WriteFile(script, []byte(moodleImporterPHP), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, raw, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(php, "-n", script, file).CombinedOutput()
	if err == nil || !strings.Contains(string(out), "idnumbertaken 1.1.1") {
		t.Errorf("the importer emulation accepted 1.1 and 1.10 as parents: %v %s", err, out)
	}
}
