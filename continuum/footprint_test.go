package continuum

import "testing"

func TestStudentNamedIn(t *testing.T) {
	ana := Student{ID: "S014", Name: "Ana  Lopez"}
	numeric := Student{ID: "42", Name: "Jo Park"}
	cases := []struct {
		st   Student
		text string
		want bool
	}{
		{ana, "Ana Lopez, essay", true},
		{ana, "essay by ANA LOPEZ", true},
		{ana, "ana\tlopez was stuck", true},
		{ana, "S014 was stuck", true},
		{ana, "(S014)", true},
		{ana, "s014 was stuck", false}, // IDs are case-sensitive
		{ana, "S0145 was stuck", false},
		{ana, "Ana Lopezville", false},
		{ana, "Mariana Lopez", false},
		{ana, "Ana López", false},
		{ana, "", false},
		{numeric, "42 students came", false}, // an ID of digits only is not looked for
		{numeric, "Jo Park's sample", true},
		{Student{ID: "É1", Name: "Zoë Ángel"}, "zoë ángel, essay", true},
		{Student{ID: "É1", Name: "Zoë Ángel"}, "xÉ1", false},
	}
	for _, c := range cases {
		if got := c.st.NamedIn(c.text); got != c.want {
			t.Errorf("%s (%s) named in %q: %v, want %v", c.st.Name, c.st.ID, c.text, got, c.want)
		}
	}
}

func TestFootprintPhrase(t *testing.T) {
	cases := []struct {
		f    Footprint
		want string
	}{
		{Footprint{Evidence: 42, Overrides: 3, FlexPlaces: 2, CalibrationScores: 5, VisitNotes: 1},
			"42 pieces of evidence, 3 overrides, 2 flex places, 5 calibration scores and 1 visit note about them"},
		{Footprint{Evidence: 1}, "1 piece of evidence"},
		{Footprint{Evidence: 2500, FlexPlaces: 1}, "2,500 pieces of evidence and 1 flex place"},
		{Footprint{VisitNotes: 2}, "2 visit notes about them"},
		{Footprint{}, ""},
	}
	for _, c := range cases {
		if got := c.f.Phrase(); got != c.want {
			t.Errorf("%+v: %q, want %q", c.f, got, c.want)
		}
	}
}
