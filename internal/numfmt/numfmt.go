// Package numfmt formats numbers as the blog post prints them.
package numfmt

import "strconv"

// Thousands formats n with a comma between groups of three digits, as
// Python's '{:,}' and Keras's model.summary print counts: 43290 is "43,290".
func Thousands(n int) string {
	s := strconv.Itoa(n)
	sign := ""
	if n < 0 {
		sign, s = "-", s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return sign + s
}
