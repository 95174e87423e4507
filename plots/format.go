package plots

import (
	"github.com/kiwerkstatt/werkbank/lang"
)

// percent formats the percentage pct (60 for 60%) with number's format
// and the current language's percent sign: "60%" in English, "60 %" in
// German.
func percent(format string, pct float64) string {
	return lang.Sprintf("plots.percent", lang.Fmt(format, pct))
}
