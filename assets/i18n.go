package assets

import (
	"embed"
	"fmt"
	"io/fs"
	"slices"
	"strings"
)

//go:embed i18n/*.json
var i18n embed.FS

// ReportLanguages returns the codes of the languages progress reports can
// be written in ("en", "es", …), sorted: one for each translation file
// i18n/report.<lang>.json. Another language is another file.
func ReportLanguages() []string {
	files, err := fs.Glob(i18n, "i18n/report.*.json")
	if err != nil {
		return nil
	}
	langs := make([]string, 0, len(files))
	for _, f := range files {
		langs = append(langs, strings.TrimSuffix(strings.TrimPrefix(f, "i18n/report."), ".json"))
	}
	slices.Sort(langs)
	return langs
}

// ReportWords returns the translation file of a progress report's words
// in lang, for report.LoadCatalog.
func ReportWords(lang string) ([]byte, error) {
	if !slices.Contains(ReportLanguages(), lang) {
		return nil, fmt.Errorf("report words: no translation file for %q; expected one of %s", lang, strings.Join(ReportLanguages(), ", "))
	}
	data, err := i18n.ReadFile("i18n/report." + lang + ".json")
	if err != nil {
		return nil, fmt.Errorf("report words %s: %w", lang, err)
	}
	return data, nil
}
