package lang

import (
	"fmt"
	"strconv"
	"strings"
)

// Decimal is a number printed with the decimal separator of its language:
// fmt's float verbs (%f, %.4f, %g, %e, width and flags) format it as they
// format a float64, then a German Decimal swaps the point for a comma.
type Decimal struct {
	V    float64
	Lang Language
}

// Format implements fmt.Formatter.
func (d Decimal) Format(f fmt.State, verb rune) {
	s := fmt.Sprintf(fmt.FormatString(f, verb), d.V)
	if d.Lang == German {
		s = strings.Replace(s, ".", ",", 1)
	}
	fmt.Fprint(f, s)
}

// Fmt is fmt.Sprintf with the float arguments printed with the current
// language's decimal separator: Fmt("%.4f", 0.9926) is 0.9926 in English
// and 0,9926 in German. For numbers outside a message (tick labels, table
// cells); messages use Sprintf.
func Fmt(format string, args ...any) string {
	return fmt.Sprintf(format, localized(Current(), args)...)
}

// Float formats x with prec digits after the separator in the current
// language: Float(0.9926, 4) is "0.9926" or "0,9926".
func Float(x float64, prec int) string {
	return fmt.Sprintf("%.*f", prec, Decimal{x, Current()})
}

// Number formats x as %g does, in the current language (ticks of an axis:
// 0.5, 1e-05; German 0,5).
func Number(x float64) string { return fmt.Sprintf("%g", Decimal{x, Current()}) }

// Percent formats the fraction x as a percentage with prec digits: 0.9926
// is "99.26%" in English and "99,26 %" in German.
func Percent(x float64, prec int) string {
	if Current() == German {
		return Float(100*x, prec) + " %"
	}
	return Float(100*x, prec) + "%"
}

// Thousands formats n with the current language's separator between groups
// of three digits: 60000 is "60,000" in English and "60.000" in German.
func Thousands(n int) string { return ThousandsIn(Current(), n) }

// ThousandsIn is Thousands in language l; Keras' model.summary prints its
// counts as ThousandsIn(English, n) ("43,290") in every language.
func ThousandsIn(l Language, n int) string {
	sep := ","
	if l == German {
		sep = "."
	}
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + sep + s[i:]
	}
	return sign + s
}

// Quote puts s in the current language's quotation marks: “s” in English,
// „s“ in German.
func Quote(s string) string {
	if Current() == German {
		return "\u201e" + s + "\u201c"
	}
	return "\u201c" + s + "\u201d"
}
