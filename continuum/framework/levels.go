package framework

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// GradeRank places a grade-like level name on the school ladder: PK and
// TK before K, K (KG, Kindergarten) at 0, then 1 to 12 written as 1, 01,
// "Grade 3", "Year 3", "G3", "3rd"; "HS" as 9. ok is false for anything else.
func GradeRank(s string) (float64, bool) {
	k := strings.ToLower(strings.TrimSpace(s))
	k = strings.NewReplacer("-", "", "_", "", ".", "", " ", "").Replace(k)
	for _, p := range []string{"grade", "year", "level", "gr", "g", "y"} {
		if strings.HasPrefix(k, p) && len(k) > len(p) {
			k = k[len(p):]
			break
		}
	}
	switch k {
	case "pk", "prek", "prekindergarten", "preschool", "ps":
		return -2, true
	case "tk", "transitionalkindergarten":
		return -1, true
	case "k", "kg", "kindergarten", "kinder", "0", "00":
		return 0, true
	case "hs", "highschool":
		return 9, true
	}
	for _, suf := range []string{"st", "nd", "rd", "th"} {
		k = strings.TrimSuffix(k, suf)
	}
	n, err := strconv.Atoi(k)
	if err != nil || n < 0 || n > 13 {
		return 0, false
	}
	return float64(n), true
}

// naturalRank reads a level such as "Level 3", "L3" or "3" as its number.
func naturalRank(s string) (float64, bool) {
	k := strings.TrimSpace(s)
	i := len(k)
	for i > 0 && (k[i-1] >= '0' && k[i-1] <= '9' || k[i-1] == '.') {
		i--
	}
	if i == len(k) {
		return 0, false
	}
	v, err := strconv.ParseFloat(k[i:], 64)
	return v, err == nil
}

// OrderLevels orders the level names a list uses. When every name is a
// grade (K, 1 … 12, "Grade 3") they go in grade order; when every name
// ends in a number ("Level 2") in number order. Otherwise each domain's
// order of first appearance is respected where the domains agree, and
// first appearance in the whole list settles the rest.
func OrderLevels(names []string, domainOf func(i int) string) []string {
	var distinct []string
	first := map[string]int{}
	for _, n := range names {
		k := strings.ToLower(n)
		if _, ok := first[k]; !ok {
			first[k] = len(distinct)
			distinct = append(distinct, n)
		}
	}
	if len(distinct) <= 1 {
		return distinct
	}
	for _, rank := range []func(string) (float64, bool){GradeRank, naturalRank} {
		ranks := map[string]float64{}
		all := true
		for _, n := range distinct {
			r, ok := rank(n)
			if !ok {
				all = false
				break
			}
			ranks[n] = r
		}
		if all {
			out := slices.Clone(distinct)
			slices.SortStableFunc(out, func(a, b string) int { return cmp.Compare(ranks[a], ranks[b]) })
			return out
		}
	}
	// Constraints: within a domain, a level first seen after another comes after it.
	after := make([]map[int]bool, len(distinct)) // level → the levels that must come before it
	for i := range after {
		after[i] = map[int]bool{}
	}
	lastByDomain := map[string]int{}
	seenByDomain := map[string]map[int]bool{}
	for i, n := range names {
		d := strings.ToLower(domainOf(i))
		l := first[strings.ToLower(n)]
		if seenByDomain[d] == nil {
			seenByDomain[d] = map[int]bool{}
		}
		if !seenByDomain[d][l] {
			if prev, ok := lastByDomain[d]; ok && prev != l {
				after[l][prev] = true
			}
			seenByDomain[d][l] = true
			lastByDomain[d] = l
		}
	}
	var out []string
	placed := make([]bool, len(distinct))
	for len(out) < len(distinct) {
		progress := false
		for l := range distinct {
			if placed[l] {
				continue
			}
			ready := true
			for p := range after[l] {
				if !placed[p] {
					ready = false
					break
				}
			}
			if ready {
				placed[l] = true
				out = append(out, distinct[l])
				progress = true
				break
			}
		}
		if !progress {
			// The domains disagree: fall back on first appearance.
			return distinct
		}
	}
	return out
}

// CleanCode makes a code from an identifier in a teacher's list: it trims
// it and replaces the characters a code cannot hold (/ , ; and control
// characters) with a hyphen, and keeps at most 64 characters.
func CleanCode(s string) string {
	s = strings.TrimSpace(s)
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n == 64 {
			break
		}
		switch {
		case r == '/' || r == ',' || r == ';':
			b.WriteRune('-')
		case r == '\n' || r == '\r' || r == '\t':
			b.WriteRune(' ')
		case r < ' ':
			continue
		default:
			b.WriteRune(r)
		}
		n++
	}
	return strings.TrimSpace(b.String())
}

// UniqueCode returns code, or code with " (2)", " (3)" … added when it is taken.
func UniqueCode(code string, taken map[string]bool) string {
	c := code
	for i := 2; taken[strings.ToLower(c)]; i++ {
		suffix := fmt.Sprintf(" (%d)", i)
		r := []rune(code)
		if len(r)+len([]rune(suffix)) > 64 {
			r = r[:64-len([]rune(suffix))]
		}
		c = string(r) + suffix
	}
	taken[strings.ToLower(c)] = true
	return c
}

// SplitGrades splits "09,10" or "K-2"-free lists such as "KG, 01" into grades.
func SplitGrades(s string) []string {
	f := strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == '|' || r == '\n' })
	var out []string
	for _, g := range f {
		if g = strings.TrimSpace(g); g != "" {
			out = append(out, g)
		}
	}
	return out
}

// NaturalCompare compares strings with runs of digits compared as numbers: RL.K.2 < RL.K.10.
func NaturalCompare(a, b string) int {
	for a != "" && b != "" {
		da, db := digitsPrefix(a), digitsPrefix(b)
		if da > 0 && db > 0 {
			na, nb := strings.TrimLeft(a[:da], "0"), strings.TrimLeft(b[:db], "0")
			if r := cmp.Compare(len(na), len(nb)); r != 0 {
				return r
			}
			if r := strings.Compare(na, nb); r != 0 {
				return r
			}
			a, b = a[da:], b[db:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitsPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
