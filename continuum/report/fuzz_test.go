package report

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/continuum"
)

// Any bytes given as a translation file either load or are refused with
// the file named; what loads writes every word without a placeholder
// left unfilled by the key's own parameters.
func FuzzLoadCatalog(f *testing.F) {
	es := words(f, filepath.Join(i18nDir, "report.es.json"))
	f.Add(es)
	f.Add(words(f, "testdata/report.fr.json"))
	f.Add([]byte(`{"lang":"en","name":"x","words":{"title":{"other":"{"}}}`))
	f.Add([]byte(`{"lang":"en","name":"x","words":{"summary":"{mastered}"}}`))
	f.Add([]byte(`{`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := LoadCatalog(data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "load report words ") {
				t.Fatalf("error without its operation: %v", err)
			}
			return
		}
		for _, p := range []continuum.Pace{{Status: continuum.Ahead, Delta: 3}, {Status: continuum.Behind, Delta: -1}, {Status: continuum.OnPace}} {
			_ = c.Pace(p)
		}
		_ = c.Summary(0, 0)
		_ = c.Date(continuum.NewDate(2026, 12, 2))
		_ = c.Labels()
		for _, s := range specs {
			e := c.words[s.key]
			for _, text := range append([]string{e.text}, formsOf(e)...) {
				for _, name := range placeholders(text) {
					if !slices.Contains(s.params, name) {
						t.Fatalf("%s: {%s} loaded though the key does not fill it", s.key, name)
					}
				}
			}
		}
	})
}

// formsOf are an entry's forms.
func formsOf(e entry) []string {
	var out []string
	for _, v := range e.forms {
		out = append(out, v)
	}
	return out
}
