package continuum

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// A mastery method has one text grammar, used by every reader and writer:
//
//	method    = kind [ "(" param { "," param } ")" ]
//	kind      = code | label                 decaying-average, "Decaying average"
//	param     = key "=" value                r=0.65, N = 3
//	key       = r | w | N | n, or a longer name (rate, weight, recent, times)
//	weight    = "65%" | "65" | "0.65"        all 0.65: a bare number above 1 is a percentage
//	count     = a whole number of at least 1
//
// FormatMethod writes the canonical form the workbook holds, String the
// same with the default parameter written out, and Summary the form for
// people; ParseMethod reads all three back.

// Label returns the method's name for people, e.g. "Decaying average".
func (k MethodKind) Label() string {
	switch k {
	case Latest:
		return "Most recent"
	case Highest:
		return "Highest"
	case Mean:
		return "Mean"
	case DecayingAverage:
		return "Decaying average"
	case WeightedLatest:
		return "Weighted most recent"
	case RecentMean:
		return "Mean of most recent"
	case Mode:
		return "Mode"
	case NMastery:
		return "Mastered n times"
	case PowerLaw:
		return "Power law"
	}
	return string(k)
}

// ParseMethodKind reads a method's code or label, case-insensitively.
func ParseMethodKind(s string) (MethodKind, error) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer(" ", "-", "_", "-").Replace(k)
	for _, m := range MethodKinds {
		if string(m) == k || strings.EqualFold(m.Label(), strings.TrimSpace(s)) {
			return m, nil
		}
	}
	return "", Invalidf("method", "%q is not a mastery method; expected one of %s", s, methodList())
}

func methodList() string {
	names := make([]string, len(MethodKinds))
	for i, m := range MethodKinds {
		names[i] = string(m)
	}
	return strings.Join(names, ", ")
}

// MethodParam describes the one parameter a mastery method may take, as a
// form shows it.
type MethodParam struct {
	// Symbol is the parameter's key in the method's text: r, w, N or n.
	Symbol string
	// Name labels the parameter for people, e.g. "Weight of each new score (r)".
	Name string
	// Hint is an example of what to type, e.g. "e.g. 65%".
	Hint string
	// Field names the parameter in errors, e.g. "method.decay_rate".
	Field string
}

// methodParam is a parameter with the means to read, write and set it.
type methodParam struct {
	MethodParam
	kind    MethodKind // the method that uses it
	aliases []string   // longer keys the text may use, matched case-insensitively
	words   string     // the parameter in a Summary, its value at %s: "each new score counts %s"
	count   bool       // a whole number of at least 1; otherwise a weight
	what    string     // what a count counts, for its errors
	example string     // a value to quote in errors
	stored  func(Method) float64
	inUse   func(Method) float64 // stored, or the default when zero
	set     func(*Method, float64)
}

// methodParams lists the parameters in the order FormatMethod writes them.
var methodParams = []*methodParam{
	{
		MethodParam: MethodParam{Symbol: "r", Name: "Weight of each new score (r)", Hint: "e.g. 65%", Field: "method.decay_rate"},
		kind:        DecayingAverage, aliases: []string{"rate", "decay rate"}, example: "65%", words: "each new score counts %s",
		stored: func(m Method) float64 { return m.DecayRate },
		inUse:  func(m Method) float64 { return m.rate() },
		set:    func(m *Method, v float64) { m.DecayRate = v },
	},
	{
		MethodParam: MethodParam{Symbol: "w", Name: "Weight of the most recent score (w)", Hint: "e.g. 65%", Field: "method.latest_weight"},
		kind:        WeightedLatest, aliases: []string{"weight", "latest weight"}, example: "65%", words: "the most recent counts %s",
		stored: func(m Method) float64 { return m.LatestWeight },
		inUse:  func(m Method) float64 { return m.weight() },
		set:    func(m *Method, v float64) { m.LatestWeight = v },
	},
	{
		MethodParam: MethodParam{Symbol: "N", Name: "How many recent scores (N)", Hint: "e.g. 3", Field: "method.recent"},
		kind:        RecentMean, aliases: []string{"recent"}, count: true, what: "how many recent scores to average", example: "3", words: "the last %s scores",
		stored: func(m Method) float64 { return float64(m.Recent) },
		inUse:  func(m Method) float64 { return float64(m.recent()) },
		set:    func(m *Method, v float64) { m.Recent = int(v) },
	},
	{
		MethodParam: MethodParam{Symbol: "n", Name: "Times at mastery needed (n)", Hint: "e.g. 2", Field: "method.times"},
		kind:        NMastery, aliases: []string{"times"}, count: true, what: "how many scores at mastery are needed", example: "2", words: "%s times at mastery",
		stored: func(m Method) float64 { return float64(m.Times) },
		inUse:  func(m Method) float64 { return float64(m.times()) },
		set:    func(m *Method, v float64) { m.Times = int(v) },
	},
}

// paramOf returns the parameter kind k takes, or nil.
func paramOf(k MethodKind) *methodParam {
	for _, p := range methodParams {
		if p.kind == k {
			return p
		}
	}
	return nil
}

// paramNamed returns the parameter key names in a method's text, or nil.
// The one-letter keys are case-sensitive, since N and n differ.
func paramNamed(key string) *methodParam {
	for _, p := range methodParams {
		if key == p.Symbol {
			return p
		}
		for _, a := range p.aliases {
			if strings.EqualFold(key, a) {
				return p
			}
		}
	}
	return nil
}

// Param returns the parameter the method k takes; ok is false for a
// method without one.
func (k MethodKind) Param() (p MethodParam, ok bool) {
	if mp := paramOf(k); mp != nil {
		return mp.MethodParam, true
	}
	return MethodParam{}, false
}

// ParamText returns the method's parameter as people read and type it,
// the default filled in: "65%" for a weight, "3" for a count; "" for a
// method without a parameter. WithParam reads it back to the same value.
func (m Method) ParamText() string {
	p := paramOf(m.Kind)
	if p == nil {
		return ""
	}
	return p.text(p.inUse(m))
}

// WithParam returns m with its parameter read from text typed by a
// person: a weight as "65%", "65" or "0.65" (all 0.65), a count as "3".
// The error names the parameter's field and says what is expected. For a
// method without a parameter, text is ignored.
func (m Method) WithParam(text string) (Method, error) {
	p := paramOf(m.Kind)
	if p == nil {
		return m, nil
	}
	v, problem := p.read(text)
	if problem != "" {
		return m, Invalidf(p.Field, "%s", problem)
	}
	p.set(&m, v)
	return m, nil
}

// Summary writes the method with its parameter in a teacher's words, e.g.
// "Decaying average (each new score counts 65%)", "Mean of most recent
// (the last 3 scores)" or "Highest". ParseMethod reads it back.
func (m Method) Summary() string {
	p := paramOf(m.Kind)
	if p == nil {
		return m.Kind.Label()
	}
	return fmt.Sprintf("%s (%s)", m.Kind.Label(), fmt.Sprintf(p.words, m.ParamText()))
}

// paramInWords reads a parameter written as Summary writes it ("each new
// score counts 65%"): the parameter and its value's text, or nil.
func paramInWords(item string) (*methodParam, string) {
	for _, p := range methodParams {
		before, after, _ := strings.Cut(p.words, "%s")
		if len(item) > len(before)+len(after) && strings.EqualFold(item[:len(before)], before) && strings.EqualFold(item[len(item)-len(after):], after) {
			return p, strings.TrimSpace(item[len(before) : len(item)-len(after)])
		}
	}
	return nil, ""
}

// Explain returns one plain sentence a teacher can read to a family.
func (m Method) Explain() string {
	switch m.Kind {
	case Latest:
		return "Your most recent score is the one that counts, because it shows what you can do now."
	case Highest:
		return "Your best score so far is the one that counts: once you have shown it, it stays."
	case Mean:
		return "Every score counts the same: we add them up and divide by how many there are."
	case DecayingAverage:
		now, before := shares(m.rate())
		return fmt.Sprintf("Each new score counts %s and everything before it counts %s, so recent work matters most but past work still counts.", now, before)
	case WeightedLatest:
		now, before := shares(m.weight())
		return fmt.Sprintf("Your most recent score counts %s and the average of your earlier scores counts %s.", now, before)
	case RecentMean:
		return fmt.Sprintf("We average your %d most recent scores, so older attempts drop out as you improve.", m.recent())
	case Mode:
		return "The score you earn most often is the one that counts; if two are tied, the higher one counts."
	case NMastery:
		return fmt.Sprintf("You need to show mastery at least %d times; then we average the scores at mastery level.", m.times())
	case PowerLaw:
		return "We draw the learning curve that best fits all your scores and read where it stands at your latest attempt, so steady growth counts."
	}
	return ""
}

// shares writes a weight and its complement as percentages rounded to a
// tenth, which add up to 100% as a family would check: 0.65 → 65%, 35%.
func shares(w float64) (share, rest string) {
	tenths := math.Round(w * 1000)
	pct := func(t float64) string { return strconv.FormatFloat(t/10, 'f', -1, 64) + "%" }
	return pct(tenths), pct(1000 - tenths)
}

// String writes the method in its canonical text with the parameter in
// use written out, e.g. "decaying-average (r=0.65)", "n-mastery (n=2)",
// "highest": methods that compute alike print alike.
func (m Method) String() string {
	e := Method{Kind: m.Kind}
	if p := paramOf(m.Kind); p != nil {
		p.set(&e, p.inUse(m))
	}
	return FormatMethod(e)
}

// FormatMethod writes a method in the canonical text the workbook holds:
// its code, then every parameter that is set, e.g. "latest",
// "decaying-average (r=0.7)", "n-mastery (n=3)". Parameters left at zero
// (the default) are not written, so ParseMethod reads the text back to the
// same value.
func FormatMethod(m Method) string {
	var ps []string
	for _, p := range methodParams {
		if v := p.stored(m); v != 0 {
			ps = append(ps, p.Symbol+"="+strconv.FormatFloat(v, 'f', -1, 64))
		}
	}
	if len(ps) == 0 {
		return string(m.Kind)
	}
	return string(m.Kind) + " (" + strings.Join(ps, ", ") + ")"
}

// ParseMethod reads a method written by FormatMethod, String or Summary,
// or typed by a teacher: the kind by its code or label, then optional
// parameters in brackets, each a key and a value: r (or rate) and w (or
// weight) take a weight such as 0.65, 65% or 65; N (or recent) and n (or
// times) a whole number, or a parameter in words as Summary writes it.
// "decaying-average (r=0.7)", "Mastered n times (n=3)", "Decaying average
// (r = 65%)", "Decaying average (each new score counts 65%)".
func ParseMethod(s string) (Method, error) {
	kind, params, bracket := strings.Cut(strings.TrimSpace(s), "(")
	k, err := ParseMethodKind(kind)
	if err != nil {
		return Method{}, err
	}
	m := Method{Kind: k}
	if bracket {
		body, closed := strings.CutSuffix(strings.TrimSpace(params), ")")
		if !closed {
			return m, Invalidf("method", "%q: the parameters must end with a closing bracket, as in decaying-average (r=0.65)", s)
		}
		if m, err = readParams(m, s, body); err != nil {
			return m, err
		}
	}
	if err := m.Validate(); err != nil {
		return m, err
	}
	return m, nil
}

// readParams sets m's parameters from body, the text between the brackets
// of s.
func readParams(m Method, s, body string) (Method, error) {
	seen := map[*methodParam]bool{}
	for _, item := range splitParams(body) {
		key, val, ok := strings.Cut(item, "=")
		key, val = strings.TrimSpace(key), strings.TrimSpace(val)
		var p *methodParam
		if !ok {
			p, val = paramInWords(item)
			key = item
		}
		if p == nil && (!ok || key == "") {
			return m, Invalidf("method", "%q: expected parameters such as r=0.65, w=0.65, N=3 or n=2", s)
		}
		if p == nil {
			p = paramNamed(key)
		}
		if p == nil {
			return m, Invalidf("method", "%q: %s is not a parameter; expected r, w, N or n", s, key)
		}
		if seen[p] {
			return m, Invalidf(p.Field, "%q: %s is given twice; give it once", s, key)
		}
		seen[p] = true
		v, problem := p.read(val)
		if problem != "" {
			return m, Invalidf(p.Field, "%q: %s: %s", s, key, problem)
		}
		p.set(&m, v)
	}
	return m, nil
}

// splitParams splits the parameters at commas, leaving out blank ones. A
// piece of digits alone is the rest of a number written with a decimal
// comma (r=0,65), so it joins the piece before.
func splitParams(body string) []string {
	var items []string
	for _, piece := range strings.Split(body, ",") {
		piece = strings.TrimSpace(piece)
		switch {
		case piece == "":
		case len(items) > 0 && isDigits(piece):
			items[len(items)-1] += "," + piece
		default:
			items = append(items, piece)
		}
	}
	return items
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// read reads the parameter's value as people write it. problem is empty
// when the value is good, else it says what is wrong and what is expected.
func (p *methodParam) read(text string) (v float64, problem string) {
	if p.count {
		return p.readCount(text)
	}
	return readWeight(text)
}

// readWeight reads a weight: "65%", "65" and "0.65" are all 0.65. A number
// above 1 without a percent sign is a percentage too, since a weight is at
// most 1; a decimal comma reads as a point. Percentages are read by moving
// the decimal point (65e-2), so "65%" is exactly 0.65.
func readWeight(text string) (float64, string) {
	num, pct := strings.CutSuffix(strings.TrimSpace(text), "%")
	num = strings.Replace(strings.TrimSpace(num), ",", ".", 1)
	if !isDecimal(num) {
		return 0, fmt.Sprintf("%q is not a weight; write it as a percentage such as 65%%, or a fraction such as 0.65", text)
	}
	v, err := strconv.ParseFloat(num, 64)
	if err == nil && (pct || v > 1) {
		v, err = strconv.ParseFloat(num+"e-2", 64)
	}
	if err != nil || v <= 0 || v > 1 {
		return 0, fmt.Sprintf("%q is out of range; expected a weight above 0%% and at most 100%%, such as 65%%", text)
	}
	return v, ""
}

// readCount reads a whole number of at least 1, e.g. "3" (or "3.0").
func (p *methodParam) readCount(text string) (float64, string) {
	num := strings.Replace(strings.TrimSpace(text), ",", ".", 1)
	v, err := strconv.ParseFloat(num, 64)
	if !isDecimal(num) || err != nil || v < 1 || v != math.Trunc(v) || v > math.MaxInt32 {
		return 0, fmt.Sprintf("%q is not a whole number of at least 1; give %s, such as %s", text, p.what, p.example)
	}
	return v, ""
}

// isDecimal reports whether s is a plain decimal number: an optional sign,
// digits and at most one point; no exponent, no Inf or NaN.
func isDecimal(s string) bool {
	if strings.HasPrefix(s, "+") || strings.HasPrefix(s, "-") {
		s = s[1:]
	}
	intPart, frac, _ := strings.Cut(s, ".")
	return (intPart != "" || frac != "") &&
		(intPart == "" || isDigits(intPart)) && (frac == "" || isDigits(frac))
}

// text writes a value of the parameter as people type it: a count as a
// whole number, a weight as a percentage.
func (p *methodParam) text(v float64) string {
	if p.count {
		return strconv.Itoa(int(v))
	}
	return percent(v)
}

// percent writes a weight as a percentage that reads back to exactly the
// same number: 0.65 → "65%", 0.6667 → "66.67%". It moves the decimal point
// of the shortest decimal form instead of multiplying by 100, which would
// write 0.07 as 7.000000000000001%.
func percent(w float64) string {
	s := strconv.FormatFloat(w, 'f', -1, 64)
	if math.IsNaN(w) || math.IsInf(w, 0) {
		return s + "%"
	}
	sign := ""
	if strings.HasPrefix(s, "-") {
		sign, s = "-", s[1:]
	}
	whole, frac, _ := strings.Cut(s, ".")
	frac += "00"
	whole = strings.TrimLeft(whole+frac[:2], "0")
	if whole == "" {
		whole = "0"
	}
	if frac = strings.TrimRight(frac[2:], "0"); frac != "" {
		whole += "." + frac
	}
	return sign + whole + "%"
}
