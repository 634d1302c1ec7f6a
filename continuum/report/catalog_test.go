package report

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// i18nDir is where the app's translation files live.
const i18nDir = "../../assets/i18n"

// words reads a translation file of the app, or of testdata.
func words(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// catalog loads the app's catalog for lang.
func catalog(t testing.TB, lang string) Catalog {
	t.Helper()
	c, err := LoadCatalog(words(t, filepath.Join(i18nDir, "report."+lang+".json")))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// edit changes one word of a translation file (deletes it when value is nil).
func edit(t *testing.T, data []byte, key string, value any) []byte {
	t.Helper()
	var f map[string]any
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	w := f["words"].(map[string]any)
	if value == nil {
		delete(w, key)
	} else {
		w[key] = value
	}
	out, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Every translation file shipped loads, is named after its language and
// has every key.
func TestShippedCatalogsLoad(t *testing.T) {
	files, err := filepath.Glob(filepath.Join(i18nDir, "report.*.json"))
	if err != nil || len(files) < 2 {
		t.Fatalf("translation files: %v %v", files, err)
	}
	for _, f := range files {
		c, err := LoadCatalog(words(t, f))
		if err != nil {
			t.Fatal(err)
		}
		if want := "report." + c.Lang + ".json"; filepath.Base(f) != want || c.File != want {
			t.Errorf("%s holds language %q (file named %q)", f, c.Lang, c.File)
		}
		if len(c.words) != len(Keys()) {
			t.Errorf("%s: %d words, want %d", f, len(c.words), len(Keys()))
		}
	}
}

// The Spanish file is written, not copied: no word is left as in English.
func TestSpanishIsNotEnglish(t *testing.T) {
	en, es := catalog(t, "en"), catalog(t, "es")
	for _, k := range Keys() {
		a, b := en.words[k], es.words[k]
		if a.text != "" && a.text == b.text {
			t.Errorf("%s is the same in English and Spanish: %q", k, a.text)
		}
		if a.forms != nil && a.forms["other"] == b.forms["other"] {
			t.Errorf("%s is the same in English and Spanish: %q", k, a.forms["other"])
		}
	}
}

// A file that lacks a key, fills a placeholder the key does not have, or
// counts without an "other" form is refused with the key and the file named.
func TestBadCatalogsAreRefusedByKeyAndFile(t *testing.T) {
	es := words(t, filepath.Join(i18nDir, "report.es.json"))
	cases := []struct {
		name string
		data []byte
		want []string
	}{
		{"missing key", edit(t, es, "pace.on", nil), []string{`report.es.json`, `"pace.on" is missing`}},
		{"unknown placeholder", edit(t, es, "summary", map[string]string{"other": "{mastred} de {total}"}), []string{`report.es.json`, `"summary"`, `{mastred}`}},
		{"placeholder in plain text", edit(t, es, "title", "Informe {n}"), []string{`"title"`, `takes no placeholder`}},
		{"no other form", edit(t, es, "pace.ahead", map[string]string{"one": "1 objetivo"}), []string{`"pace.ahead"`, `"other" form`}},
		{"forms where a text goes", edit(t, es, "title", map[string]string{"other": "x"}), []string{`"title"`, `expected a text`}},
		{"text where forms go", edit(t, es, "cover.students", "estudiantes"), []string{`"cover.students"`, `forms by count`}},
		{"unknown form", edit(t, es, "summary", map[string]string{"few": "x", "other": "y"}), []string{`"summary"`, `form "few"`}},
		{"empty text", edit(t, es, "label.pace", " "), []string{`"label.pace"`, `empty`}},
		{"not JSON", []byte("lang: es"), []string{"the translation file", "not a translation file"}},
		{"no language", []byte(`{"lang": "", "name": "x", "words": {}}`), []string{`"lang"`}},
		{"no name", []byte(`{"lang": "pt", "name": "", "words": {}}`), []string{`report.pt.json`, `"name" is empty`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := LoadCatalog(tc.data)
			if err == nil || !errors.Is(err, continuum.ErrInvalid) {
				t.Fatalf("want an invalid-input error, got %v", err)
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error %q does not say %q", err, w)
				}
			}
		})
	}
	if _, err := ReadCatalog("mine.json", edit(t, es, "title", nil)); err == nil || !strings.Contains(err.Error(), "mine.json") {
		t.Errorf("ReadCatalog names the file it was given: %v", err)
	}
}

// Pace is said in words, with the count in the right form, in each language.
func TestPaceWords(t *testing.T) {
	en, es, fr := catalog(t, "en"), catalog(t, "es"), mustLoad(t, "testdata/report.fr.json")
	cases := []struct {
		pace       continuum.Pace
		en, es, fr string
	}{
		{continuum.Pace{Status: continuum.OnPace, Delta: 1}, "on pace", "al ritmo previsto", "au rythme prévu"},
		{continuum.Pace{Status: continuum.Ahead, Delta: 2}, "2 targets ahead", "2 objetivos por delante de lo previsto", "2 objectifs d'avance"},
		{continuum.Pace{Status: continuum.Ahead, Delta: 1}, "1 target ahead", "1 objetivo por delante de lo previsto", "1 objectif d'avance"},
		{continuum.Pace{Status: continuum.Behind, Delta: -1}, "1 target behind", "1 objetivo por detrás de lo previsto", "1 objectif de retard"},
		{continuum.Pace{Status: continuum.Behind, Delta: -12}, "12 targets behind", "12 objetivos por detrás de lo previsto", "12 objectifs de retard"},
		{continuum.Pace{Status: continuum.NoPlan}, "", "", ""},
	}
	for _, tc := range cases {
		if got := en.Pace(tc.pace); got != tc.en {
			t.Errorf("en %+v: %q, want %q", tc.pace, got, tc.en)
		}
		if got := es.Pace(tc.pace); got != tc.es {
			t.Errorf("es %+v: %q, want %q", tc.pace, got, tc.es)
		}
		if got := fr.Pace(tc.pace); got != tc.fr {
			t.Errorf("fr %+v: %q, want %q", tc.pace, got, tc.fr)
		}
	}
}

// Counts choose their form: an exact count first, then one, then other.
func TestSummaryForms(t *testing.T) {
	en, es := catalog(t, "en"), catalog(t, "es")
	cases := []struct {
		mastered, total int
		en, es          string
	}{
		{12, 20, "12 of 20 targets mastered", "12 de 20 objetivos logrados"},
		{0, 1, "0 of 1 target mastered", "0 de 1 objetivo logrado"},
		{1, 1, "1 of 1 target mastered", "1 de 1 objetivo logrado"},
		{0, 0, "no targets yet", "todavía no hay objetivos"},
	}
	for _, tc := range cases {
		if got := en.Summary(tc.mastered, tc.total); got != tc.en {
			t.Errorf("en %d/%d: %q, want %q", tc.mastered, tc.total, got, tc.en)
		}
		if got := es.Summary(tc.mastered, tc.total); got != tc.es {
			t.Errorf("es %d/%d: %q, want %q", tc.mastered, tc.total, got, tc.es)
		}
	}
}

// Days are written with the language's month names and order.
func TestDates(t *testing.T) {
	en, es := catalog(t, "en"), catalog(t, "es")
	d := continuum.NewDate(2026, 12, 2)
	for _, tc := range []struct{ got, want string }{
		{en.Date(d), "December 2, 2026"},
		{es.Date(d), "2 de diciembre de 2026"},
		{en.ShortDate(continuum.NewDate(2026, 9, 30)), "Sep 30"},
		{es.ShortDate(continuum.NewDate(2026, 9, 30)), "30 sept."},
		{es.Date(continuum.NewDate(2027, 1, 1)), "1 de enero de 2027"},
		{en.Date(continuum.Date{}), ""},
	} {
		if tc.got != tc.want {
			t.Errorf("%q, want %q", tc.got, tc.want)
		}
	}
}

// Labels.Page is a format taking the page and the count in that order,
// whatever order the language writes them in.
func TestPageLabel(t *testing.T) {
	for _, tc := range []struct {
		c    Catalog
		want string
	}{
		{catalog(t, "en"), "Page 2 of 5"},
		{catalog(t, "es"), "Página 2 de 5"},
		{mustLoad(t, "testdata/report.fr.json"), "5 pages : page 2"},
	} {
		if got := fmt.Sprintf(tc.c.Labels().Page, 2, 5); got != tc.want {
			t.Errorf("%s: %q, want %q", tc.c.Lang, got, tc.want)
		}
	}
	es := words(t, filepath.Join(i18nDir, "report.es.json"))
	c, err := LoadCatalog(edit(t, es, "label.page", "100% — {page}/{pages}"))
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprintf(c.Labels().Page, 1, 2); got != "100% — 1/2" {
		t.Errorf("a %% in the text is kept: %q", got)
	}
}

// Every label is filled in, and differs between the two languages.
func TestLabels(t *testing.T) {
	en, es := catalog(t, "en").Labels(), catalog(t, "es").Labels()
	if en.CanNow != "I can now…" || es.CanNow != "Ya puedo…" || es.WorkingOn != "Estoy trabajando en…" || es.Revisit != "Vamos a repasar…" {
		t.Errorf("labels: %+v / %+v", en, es)
	}
	a, b := []string{en.CanNow, en.WorkingOn, en.Revisit, en.LooksLike, en.Growth, en.Recent, en.Comment, en.Pace, en.Nothing, en.GrowthAxis, en.Page},
		[]string{es.CanNow, es.WorkingOn, es.Revisit, es.LooksLike, es.Growth, es.Recent, es.Comment, es.Pace, es.Nothing, es.GrowthAxis, es.Page}
	for i := range a {
		if a[i] == "" || b[i] == "" || a[i] == b[i] {
			t.Errorf("label %d: %q / %q", i, a[i], b[i])
		}
	}
	if catalog(t, "es").Category(continuum.Lifelong) != "Hábitos para el éxito" || catalog(t, "en").Category(continuum.Academic) != "Academics" {
		t.Error("category headings")
	}
}

// mustLoad loads a translation file at path.
func mustLoad(t testing.TB, path string) Catalog {
	t.Helper()
	c, err := ReadCatalog(filepath.Base(path), words(t, path))
	if err != nil {
		t.Fatal(err)
	}
	return c
}
