package report

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode"

	"github.com/continuum-planner/planner/continuum"
)

// Catalog is a report's own words in one language, read from a
// translation file. Statements, descriptors, notes, names and the scale's
// labels are the teacher's and are never translated; everything else a
// report says comes from here. The zero Catalog has no words: Build
// refuses it.
type Catalog struct {
	// Lang is the language's code, e.g. "es".
	Lang string
	// Name is the language's name in itself, e.g. "Español", for a menu.
	Name string
	// File names the translation file the words came from, for messages.
	File string

	words map[string]entry
}

// entry is one key's text: a plain text, or forms chosen by a count.
type entry struct {
	text  string
	forms map[string]string // "=0", "=1" … exact counts, "one", "other"
	count string            // the placeholder the count fills, for forms
}

// keySpec is one key a translation file must have: the placeholders its
// text may use and, for a key with plural forms, the one that chooses
// the form.
type keySpec struct {
	key    string
	params []string
	count  string // the placeholder whose number chooses the form; "" for plain text
}

// months are the keys of the months' names, long then short.
func monthKeys(prefix string) []keySpec {
	out := make([]keySpec, 12)
	for i := range out {
		out[i] = keySpec{key: prefix + strconv.Itoa(i+1)}
	}
	return out
}

// specs are every key of a translation file.
var specs = slices.Concat([]keySpec{
	{key: "title"},
	{key: "intro", params: []string{"student", "continuum", "date"}},
	{key: "label.can_now"},
	{key: "label.working_on"},
	{key: "label.revisit"},
	{key: "label.looks_like"},
	{key: "label.growth"},
	{key: "label.growth_axis"},
	{key: "label.recent"},
	{key: "label.comment"},
	{key: "label.pace"},
	{key: "label.nothing"},
	{key: "label.page", params: []string{"page", "pages"}},
	{key: "category.academic"},
	{key: "category.transferable"},
	{key: "category.lifelong"},
	{key: "pace.on"},
	{key: "pace.ahead", params: []string{"n"}, count: "n"},
	{key: "pace.behind", params: []string{"n"}, count: "n"},
	{key: "summary", params: []string{"mastered", "total"}, count: "total"},
	{key: "empty.no_targets", params: []string{"continuum"}},
	{key: "empty.no_evidence", params: []string{"student", "continuum"}},
	{key: "date.long", params: []string{"day", "month", "year"}},
	{key: "date.short", params: []string{"day", "month"}},
	{key: "cover.title", params: []string{"group"}},
	{key: "cover.title_all"},
	{key: "cover.continuum", params: []string{"continuum"}},
	{key: "cover.date", params: []string{"date"}},
	{key: "cover.students", params: []string{"n"}, count: "n"},
	{key: "cover.contents"},
}, monthKeys("month."), monthKeys("month_short."))

// Keys returns every key a translation file must have, in the order the
// English file lists them: what a translator fills in.
func Keys() []string {
	out := make([]string, len(specs))
	for i, s := range specs {
		out[i] = s.key
	}
	return out
}

// catalogFile is a translation file as JSON holds it. A word is either a
// text or, for a key that counts, an object of forms: "one" (a count of
// 1), "other" (any other count, required) and exact counts such as "=0"
// that win over both.
type catalogFile struct {
	Lang  string                     `json:"lang"`
	Name  string                     `json:"name"`
	Words map[string]json.RawMessage `json:"words"`
}

// LoadCatalog reads a translation file named by the convention
// report.<lang>.json after its own "lang". A missing key, a placeholder
// the key does not have, or a key that counts without an "other" form is
// an error naming the key and the file.
func LoadCatalog(data []byte) (Catalog, error) {
	var head struct {
		Lang string `json:"lang"`
	}
	_ = json.Unmarshal(data, &head) // a broken file is reported by ReadCatalog
	file := "the translation file"
	if validLang(head.Lang) {
		file = "report." + head.Lang + ".json"
	}
	return ReadCatalog(file, data)
}

// ReadCatalog is LoadCatalog for a file whose name the caller knows; the
// name is used in messages only.
func ReadCatalog(file string, data []byte) (Catalog, error) {
	fail := func(format string, args ...any) (Catalog, error) {
		return Catalog{}, fmt.Errorf("load report words %s: %s: %w", file, fmt.Sprintf(format, args...), continuum.ErrInvalid)
	}
	var f catalogFile
	if err := json.Unmarshal(data, &f); err != nil {
		return fail("not a translation file (%v); expected {\"lang\": \"es\", \"name\": \"Español\", \"words\": {…}}", err)
	}
	if !validLang(f.Lang) {
		return fail("\"lang\" is %q; expected a language code such as \"es\" or \"pt-BR\"", f.Lang)
	}
	if strings.TrimSpace(f.Name) == "" {
		return fail("\"name\" is empty; expected the language's name in itself, such as \"Español\"")
	}
	c := Catalog{Lang: f.Lang, Name: f.Name, File: file, words: make(map[string]entry, len(specs))}
	for _, s := range specs {
		raw, ok := f.Words[s.key]
		if !ok {
			return fail("key %q is missing from \"words\"; add it (the English file shows what it says)", s.key)
		}
		e, err := readEntry(s, raw)
		if err != nil {
			return fail("key %q: %v", s.key, err)
		}
		c.words[s.key] = e
	}
	return c, nil
}

// readEntry reads one key's text or forms and checks its placeholders.
func readEntry(s keySpec, raw json.RawMessage) (entry, error) {
	e := entry{count: s.count}
	if s.count == "" {
		if err := json.Unmarshal(raw, &e.text); err != nil {
			return e, fmt.Errorf("expected a text in quotes")
		}
		if strings.TrimSpace(e.text) == "" {
			return e, fmt.Errorf("the text is empty")
		}
		return e, checkPlaceholders(s, e.text)
	}
	if err := json.Unmarshal(raw, &e.forms); err != nil {
		return e, fmt.Errorf("expected forms by count, such as {\"one\": \"1 target\", \"other\": \"{%s} targets\"}", s.count)
	}
	if strings.TrimSpace(e.forms["other"]) == "" {
		return e, fmt.Errorf("the \"other\" form is missing or empty; it is used for every count without a form of its own")
	}
	for form, text := range e.forms {
		if !validForm(form) {
			return e, fmt.Errorf("form %q is not \"one\", \"other\" or an exact count such as \"=0\"", form)
		}
		if err := checkPlaceholders(s, text); err != nil {
			return e, fmt.Errorf("form %q: %w", form, err)
		}
	}
	return e, nil
}

// validLang reports whether s looks like a language code: letters,
// digits and hyphens, starting with a letter, at most 16 characters.
func validLang(s string) bool {
	if s == "" || len(s) > 16 || !unicode.IsLetter(rune(s[0])) {
		return false
	}
	for _, r := range s {
		if r > unicode.MaxASCII || !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-') {
			return false
		}
	}
	return true
}

// validForm reports whether form is "one", "other" or "=N".
func validForm(form string) bool {
	if form == "one" || form == "other" {
		return true
	}
	n, err := strconv.Atoi(strings.TrimPrefix(form, "="))
	return strings.HasPrefix(form, "=") && err == nil && n >= 0
}

// checkPlaceholders refuses a {name} that the key does not fill.
func checkPlaceholders(s keySpec, text string) error {
	for _, name := range placeholders(text) {
		if !slices.Contains(s.params, name) {
			if len(s.params) == 0 {
				return fmt.Errorf("{%s} is not filled in here; this text takes no placeholder", name)
			}
			return fmt.Errorf("{%s} is not filled in here; expected one of {%s}", name, strings.Join(s.params, "}, {"))
		}
	}
	return nil
}

// placeholders returns the names of the {name} placeholders in text; a
// brace around anything but a lower-case name is text.
func placeholders(text string) []string {
	var out []string
	for rest := text; ; {
		i := strings.IndexByte(rest, '{')
		if i < 0 {
			return out
		}
		j := strings.IndexByte(rest[i:], '}')
		if j < 0 {
			return out
		}
		if name := rest[i+1 : i+j]; isName(name) {
			out = append(out, name)
		}
		rest = rest[i+1:]
	}
}

// isName reports whether s is a placeholder's name: lower-case letters
// and underscores.
func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if (r < 'a' || r > 'z') && r != '_' {
			return false
		}
	}
	return true
}

// arg is one placeholder's value.
type arg struct{ name, value string }

// say returns key's text with its placeholders filled in.
func (c *Catalog) say(key string, args ...arg) string {
	return fill(c.words[key].text, args)
}

// count returns the form of key for n, with its placeholders filled in;
// n also fills the key's counting placeholder.
func (c *Catalog) count(key string, n int, args ...arg) string {
	e := c.words[key]
	text, ok := e.forms["="+strconv.Itoa(n)]
	if !ok && n == 1 {
		text, ok = e.forms["one"]
	}
	if !ok {
		text = e.forms["other"]
	}
	return fill(text, append(args, arg{e.count, strconv.Itoa(n)}))
}

// fill replaces each {name} of text by its value.
func fill(text string, args []arg) string {
	if !strings.Contains(text, "{") {
		return text
	}
	pairs := make([]string, 0, 2*len(args))
	for _, a := range args {
		pairs = append(pairs, "{"+a.name+"}", a.value)
	}
	return strings.NewReplacer(pairs...).Replace(text)
}

// Date writes a day in the catalog's language: "December 2, 2026",
// "2 de diciembre de 2026"; "" for the zero day.
func (c Catalog) Date(d continuum.Date) string {
	if d.IsZero() {
		return ""
	}
	return c.say("date.long", arg{"day", strconv.Itoa(d.Day())},
		arg{"month", c.say("month." + strconv.Itoa(int(d.Month())))}, arg{"year", strconv.Itoa(d.Year())})
}

// ShortDate writes a day as a picture's axis does: "Dec 2", "2 dic.".
func (c Catalog) ShortDate(d continuum.Date) string {
	if d.IsZero() {
		return ""
	}
	return c.say("date.short", arg{"day", strconv.Itoa(d.Day())},
		arg{"month", c.say("month_short." + strconv.Itoa(int(d.Month())))})
}

// Pace says a pace against the plan: "on pace", "2 targets ahead", "1
// target behind"; "" when there is no plan.
func (c Catalog) Pace(p continuum.Pace) string {
	switch p.Status {
	case continuum.OnPace:
		return c.say("pace.on")
	case continuum.Ahead:
		return c.count("pace.ahead", p.Delta)
	case continuum.Behind:
		return c.count("pace.behind", -p.Delta)
	}
	return ""
}

// Category names a category as a report's heading: "Academics", "Habits
// of success".
func (c Catalog) Category(cat continuum.Category) string {
	switch cat {
	case continuum.Transferable:
		return c.say("category.transferable")
	case continuum.Lifelong:
		return c.say("category.lifelong")
	}
	return c.say("category.academic")
}

// Summary says how many of a domain's targets are mastered: "12 of 20
// targets mastered".
func (c Catalog) Summary(mastered, total int) string {
	return c.count("summary", total, arg{"mastered", strconv.Itoa(mastered)})
}

// Labels returns the report's headings and fixed words. Page is a
// format for fmt.Sprintf with the page and the page count, in that order
// ("Page %[1]d of %[2]d"), whatever order the language puts them in.
func (c Catalog) Labels() Labels {
	page := strings.ReplaceAll(c.say("label.page"), "%", "%%")
	page = fill(page, []arg{{"page", "%[1]d"}, {"pages", "%[2]d"}})
	return Labels{
		CanNow:     c.say("label.can_now"),
		WorkingOn:  c.say("label.working_on"),
		Revisit:    c.say("label.revisit"),
		LooksLike:  c.say("label.looks_like"),
		Growth:     c.say("label.growth"),
		Recent:     c.say("label.recent"),
		Comment:    c.say("label.comment"),
		Pace:       c.say("label.pace"),
		Nothing:    c.say("label.nothing"),
		GrowthAxis: c.say("label.growth_axis"),
		Page:       page,
	}
}
