// Package i18n_test checks the translation files the app embeds.
package i18n_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/continuum-planner/planner/assets"
	"github.com/continuum-planner/planner/continuum/report"
)

// Every embedded language loads with every key, English and Spanish among them.
func TestEmbeddedReportLanguages(t *testing.T) {
	langs := assets.ReportLanguages()
	if !slices.Contains(langs, "en") || !slices.Contains(langs, "es") || !slices.IsSorted(langs) {
		t.Fatalf("languages: %v", langs)
	}
	for _, lang := range langs {
		data, err := assets.ReportWords(lang)
		if err != nil {
			t.Fatal(err)
		}
		c, err := report.LoadCatalog(data)
		if err != nil {
			t.Fatal(err)
		}
		if c.Lang != lang || c.Name == "" {
			t.Errorf("report.%s.json holds %q (%q)", lang, c.Lang, c.Name)
		}
	}
}

// A language without a file is refused, naming those there are.
func TestUnknownReportLanguage(t *testing.T) {
	_, err := assets.ReportWords("xx")
	if err == nil || !strings.Contains(err.Error(), `"xx"`) || !strings.Contains(err.Error(), "en, es") {
		t.Errorf("unknown language: %v", err)
	}
	if _, err := assets.ReportWords("../icons/flex"); err == nil {
		t.Error("a path is not a language")
	}
}
