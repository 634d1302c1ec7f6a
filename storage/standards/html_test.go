package standards

import (
	"math/rand/v2"
	"strings"
	"testing"
)

func TestHTMLToText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Plain text", "Plain text"},
		{"  spaced \n  out\ttext  ", "spaced out text"},
		{"<p>One</p><p>Two</p>", "One\n\nTwo"},
		{"<p>Line<br>next<br/>last<br></p>", "Line\nnext\nlast"},
		{"<p>a<br></p><p><br></p><p>b</p>", "a\n\nb"},
		{"a<br><br>b", "a\n\nb"},
		{"Fish &amp; chips &lt;3 &quot;yum&quot; &#39;ok&#39; &#x263A; caf&eacute;", `Fish & chips <3 "yum" 'ok' ☺ café`},
		{"a&nbsp;&nbsp;b &nbsp;c", "a  b  c"},
		{"<b>bold</b> and <i>it</i>al<span class=\"x > y\">ic</span>", "bold and italic"},
		{"a < b and c<d", "a < b and c"},
		{"x <3 y", "x <3 y"},
		{"<ul><li>one</li><li>two</li></ul>after", "one\n\ntwo\n\nafter"},
		{"<table><tr><td>a</td><td>b</td></tr></table>", "a b"},
		{"before<!-- hidden <p> -->after", "beforeafter"},
		{"<script>alert('<p>')</script>shown<style>p{}</style>", "shown"},
		{"<!DOCTYPE html><?xml x?>text", "text"},
		{"unclosed <b", "unclosed"},
		{"AT&T and R&D; &bogus;", "AT&T and R&D; &bogus;"},
		{"&#92;back&#9;tab", "\\back\ttab"},
		{"<p>  lead</p>", "lead"},
		{"</p>text", "text"},
		{"1 </ 2", "1 </ 2"},
		{"a&#13;&#10;b&#xD;c&#13;", "a\nb\nc"},
	} {
		if got := HTMLToText(tc.in); got != tc.want {
			t.Errorf("HTMLToText(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTextToHTML(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Plain", "Plain"},
		{`a < b & "c" > d \ e`, `a &lt; b &amp; "c" &gt; d &#92; e`},
		{"two  spaces", "two &nbsp;spaces"},
		{" lead and trail ", "&nbsp;lead and trail&nbsp;"},
		{"line\r\nnext\rlast", "line<br>next<br>last"},
		{"tab\there", "tab&#9;here"},
		{"a\n\nb", "a<br><br>b"},
	} {
		if got := TextToHTML(tc.in); got != tc.want {
			t.Errorf("TextToHTML(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// moodleRandomText makes text with the characters HTML and CSV treat
// specially: markup, entities, quotes, backslashes, runs of spaces, tabs
// and line breaks, accents.
func moodleRandomText(r *rand.Rand) string {
	parts := []string{"a", "Zo", "é", "☺", " ", "  ", "\t", "\n", "\n\n", "<", ">", "&", "&amp;", "&lt;p&gt;", "<p>", "</p>", "<br>",
		`"`, "'", `\`, `\"`, ",", ";", "%2C", "&nbsp", "1.1", "<!--", "-->", "\u00e9t\u00e9", "x"}
	var b strings.Builder
	for n := r.IntN(12); n >= 0; n-- {
		b.WriteString(parts[r.IntN(len(parts))])
	}
	return b.String()
}

// TestHTMLRoundTrip: text written by TextToHTML comes back from HTMLToText
// unchanged, when it has no line breaks or spaces at either end.
func TestHTMLRoundTrip(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 5000; i++ {
		s := strings.Trim(moodleRandomText(r), " \n")
		if got := HTMLToText(TextToHTML(s)); got != s {
			t.Fatalf("round trip of %q gave %q (HTML %q)", s, got, TextToHTML(s))
		}
	}
}

func FuzzHTMLToText(f *testing.F) {
	for _, s := range []string{"<p>a</p>", "a &amp; b", "<script>x", "<!--", "<a href='>'>x</a>", "&#x110000;", "<", "&#Xd", "a&#13;&#10;b"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		out := HTMLToText(s)
		if strings.HasPrefix(out, "\n") || strings.HasSuffix(out, "\n") {
			t.Errorf("HTMLToText(%q) = %q starts or ends with a line break", s, out)
		}
		if back := HTMLToText(TextToHTML(out)); back != strings.Trim(out, " \n") && back != out {
			t.Errorf("text %q from %q does not survive TextToHTML: %q", out, s, back)
		}
	})
}
