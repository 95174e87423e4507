package plots

import (
	"fmt"

	"github.com/kiwerkstatt/werkbank/lang"
)

// number formats its arguments with fmt's format, the float64 ones with the
// decimal separator of the current language (lang.Current):
// number("%.*f", 4, 0.9926) is 0.9926 in English and 0,9926 in German.
// Every number that plots prints by itself (tick labels, the values on
// bars, the colour bar's scale, notes) goes through it; what a caller
// passes in, such as a mark's label, is drawn as it is.
func number(format string, args ...any) string {
	l := lang.Current()
	for i, a := range args {
		if v, ok := a.(float64); ok {
			args[i] = lang.Decimal{V: v, Lang: l}
		}
	}
	return fmt.Sprintf(format, args...)
}

// percent formats the percentage pct (60 for 60%) with number's format
// and the current language's percent sign: "60%" in English, "60 %" in
// German.
func percent(format string, pct float64) string {
	return lang.Sprintf("plots.percent", number(format, pct))
}
