package continuum

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// FieldValue writes one field of a record in a merge conflict (a Target,
// Student, Override, Unit, FlexBlock or Continuum, as Conflict.Mine and
// Conflict.Theirs hold) the way a teacher reads it, so that both versions
// can be shown side by side. field is one of Conflict.Fields.
func FieldValue(v any, field string) string {
	dash := func(s string) string {
		if strings.TrimSpace(s) == "" {
			return "—"
		}
		return s
	}
	yesNo := func(b bool) string {
		if b {
			return "yes"
		}
		return "no"
	}
	list := func(parts []string, sep string) string { return dash(strings.Join(parts, sep)) }
	switch r := v.(type) {
	case Target:
		switch field {
		case "statement":
			return r.Statement
		case "domain":
			return r.Domain
		case "level":
			return r.Level
		case "order":
			return strconv.Itoa(r.Order)
		case "milestone":
			return yesNo(r.Milestone)
		case "prerequisites":
			return list(r.Prerequisites, ", ")
		case "evidence required":
			return strconv.Itoa(r.Required())
		case "descriptors":
			var parts []string
			for _, d := range r.Descriptors {
				if d.Text != "" {
					parts = append(parts, FormatScore(d.Value)+": "+d.Text)
				}
			}
			return list(parts, "; ")
		case "method":
			if r.Method == nil {
				return "the continuum's"
			}
			return r.Method.String()
		}
		return r.Code
	case Student:
		switch field {
		case "name":
			return r.Name
		case "group":
			return dash(r.Group)
		case "external ID":
			return dash(r.ExternalID)
		case "starting levels":
			var parts []string
			for _, sl := range r.StartingLevels {
				parts = append(parts, sl.Domain+": "+sl.Level)
			}
			slices.Sort(parts)
			return list(parts, ", ")
		}
		return r.ID
	case Override:
		switch field {
		case "mastered":
			if r.Mastered {
				return "mastered"
			}
			return "not yet"
		case "reason":
			return dash(r.Reason)
		case "date":
			return r.Date.String()
		case "by":
			return dash(r.By)
		}
		return r.Student + " on " + r.Target
	case Unit:
		switch field {
		case "title":
			return r.Title
		case "order":
			return strconv.Itoa(r.Order)
		case "dates":
			return r.Start.String() + " to " + r.End.String()
		case "targets":
			return list(r.Targets, ", ")
		case "experiences":
			var parts []string
			for _, x := range r.Experiences {
				parts = append(parts, x.Title)
			}
			return list(parts, "; ")
		case "checkpoints":
			var parts []string
			for _, cp := range r.Checkpoints {
				parts = append(parts, fmt.Sprintf("%s %s %s", cp.Target, cp.Date, cp.Kind))
			}
			return list(parts, "; ")
		case "supports":
			return dash(r.Supports)
		case "extensions":
			return dash(r.Extensions)
		}
		return r.Title
	case FlexBlock:
		switch field {
		case "date":
			return r.Date.String()
		case "slot":
			return r.Slot
		case "minutes":
			return strconv.Itoa(r.Minutes)
		case "offerings":
			var parts []string
			for _, o := range r.Offerings {
				parts = append(parts, fmt.Sprintf("%s (%s, %d seats)", o.ID, o.Kind, o.Capacity))
			}
			return list(parts, ", ")
		case "assignments":
			return fmt.Sprintf("%d students placed", len(r.Assignments))
		}
		return r.ID
	case Continuum:
		switch field {
		case "scale":
			var parts []string
			for _, pt := range r.Scale.Points {
				parts = append(parts, FormatScore(pt.Value)+" "+pt.Label)
			}
			return strings.Join(parts, ", ") + "; mastery from " + FormatScore(r.Scale.Cut)
		case "method":
			return r.Method.String()
		}
		return r.Name
	}
	return fmt.Sprint(v)
}
