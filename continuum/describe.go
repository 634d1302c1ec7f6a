package continuum

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// FieldValue writes one field of a record in a merge conflict (a Target,
// Student, Evidence, Override, Unit, FlexBlock or Continuum, as Conflict.Mine and
// Conflict.Theirs hold) the way a teacher reads it, so that both versions
// can be shown side by side. field is one of Conflict.Fields.
func FieldValue(v any, field string) string {
	switch r := v.(type) {
	case Target:
		return targetField(r, field)
	case Student:
		return studentField(r, field)
	case Override:
		return overrideField(r, field)
	case Evidence:
		return evidenceField(r, field)
	case Unit:
		return unitField(r, field)
	case FlexBlock:
		return flexField(r, field)
	case Continuum:
		return continuumField(r, field)
	case CalibrationScore:
		return calibrationField(r, field)
	}
	return fmt.Sprint(v)
}

// orDash writes an empty value as a dash, so a blank is visibly blank.
func orDash(s string) string {
	if strings.TrimSpace(s) == "" {
		return "—"
	}
	return s
}

func yesOrNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}

// listOrDash joins parts with sep, or writes a dash when there are none.
func listOrDash(parts []string, sep string) string { return orDash(strings.Join(parts, sep)) }

// targetField writes a field of a target; an unknown field gives its code.
func targetField(r Target, field string) string {
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
		return yesOrNo(r.Milestone)
	case "prerequisites":
		return listOrDash(r.Prerequisites, ", ")
	case "evidence required":
		return strconv.Itoa(r.Required())
	case "descriptors":
		var parts []string
		for _, d := range r.Descriptors {
			if d.Text != "" {
				parts = append(parts, FormatScore(d.Value)+": "+d.Text)
			}
		}
		return listOrDash(parts, "; ")
	case "method":
		if r.Method == nil {
			return "the continuum's"
		}
		return r.Method.String()
	}
	return r.Code
}

// studentField writes a field of a student; an unknown field gives the ID.
func studentField(r Student, field string) string {
	switch field {
	case "name":
		return r.Name
	case "group":
		return orDash(r.Group)
	case "external ID":
		return orDash(r.ExternalID)
	case "starting levels":
		var parts []string
		for _, sl := range r.StartingLevels {
			parts = append(parts, sl.Domain+": "+sl.Level)
		}
		slices.Sort(parts)
		return listOrDash(parts, ", ")
	}
	return r.ID
}

// overrideField writes a field of an override; an unknown field gives
// whose override it is.
func overrideField(r Override, field string) string {
	switch field {
	case "mastered":
		if r.Mastered {
			return "mastered"
		}
		return "not yet"
	case "reason":
		return orDash(r.Reason)
	case "date":
		return r.Date.String()
	case "by":
		return orDash(r.By)
	}
	return r.Student + " on " + r.Target
}

// evidenceField writes a field of a piece of evidence; an unknown field
// gives whose evidence it is, on what and when.
func evidenceField(r Evidence, field string) string {
	switch field {
	case "target":
		return r.Target
	case "date":
		return r.Date.String()
	case "score":
		return FormatScore(r.Score)
	case "kind":
		return r.Kind.Label()
	case "scorer":
		return orDash(r.Scorer)
	case "note":
		return orDash(r.Note)
	}
	return r.Student + " on " + r.Target + ", " + r.Date.String()
}

// unitField writes a field of a unit; an unknown field gives its title.
func unitField(r Unit, field string) string {
	switch field {
	case "title":
		return r.Title
	case "order":
		return strconv.Itoa(r.Order)
	case "dates":
		return r.Start.String() + " to " + r.End.String()
	case "targets":
		return listOrDash(r.Targets, ", ")
	case "experiences":
		var parts []string
		for _, x := range r.Experiences {
			parts = append(parts, x.Title)
		}
		return listOrDash(parts, "; ")
	case "checkpoints":
		var parts []string
		for _, cp := range r.Checkpoints {
			parts = append(parts, fmt.Sprintf("%s %s %s", cp.Target, cp.Date, cp.Kind))
		}
		return listOrDash(parts, "; ")
	case "supports":
		return orDash(r.Supports)
	case "extensions":
		return orDash(r.Extensions)
	}
	return r.Title
}

// flexField writes a field of a flex block; an unknown field gives its ID.
func flexField(r FlexBlock, field string) string {
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
		return listOrDash(parts, ", ")
	case "assignments":
		return fmt.Sprintf("%d students placed", len(r.Assignments))
	}
	return r.ID
}

// continuumField writes a field of a continuum; an unknown field gives its name.
func continuumField(r Continuum, field string) string {
	switch field {
	case "scale":
		var parts []string
		for _, pt := range r.Scale.Points {
			parts = append(parts, FormatScore(pt.Value)+" "+pt.Label)
		}
		return strings.Join(parts, ", ") + "; mastery from " + FormatScore(r.Scale.Cut)
	case "method":
		return r.Method.String()
	case fieldReportCard:
		return r.ReportCard.Summary()
	}
	return r.Name
}
