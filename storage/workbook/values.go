package workbook

import "github.com/continuum-planner/planner/continuum/framework"

// yesNo writes a flag as the workbook holds it.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return ""
}

func masteredText(b bool) string {
	if b {
		return "mastered"
	}
	return "not yet"
}

// The level and code helpers live with the framework builder.
var (
	orderLevels = framework.OrderLevels
	cleanCode   = framework.CleanCode
	splitGrades = framework.SplitGrades
)
