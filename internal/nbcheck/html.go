package main

import (
	"fmt"
	"io"
	"regexp"
	"strings"
	"unicode/utf8"
)

// remote are the references of an HTML page to resources elsewhere (a CDN):
// an exported notebook must open without a network.
var remote = []struct {
	re   *regexp.Regexp
	what string
}{
	{regexp.MustCompile(`(?i)<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?//[^"' >]+`), "script"},
	{regexp.MustCompile(`(?i)<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//[^"' >]+`), "stylesheet/link"},
	{regexp.MustCompile(`(?i)<(?:iframe|img|embed|object)\b[^>]*\b(?:src|data)\s*=\s*["']?(?:https?:)?//[^"' >]+`), "embedded resource"},
	{regexp.MustCompile(`(?i)@import\s+(?:url\()?["']?(?:https?:)?//[^"') ]+`), "CSS import"},
	{regexp.MustCompile(`(?i)url\(\s*["']?(?:https?:)?//[^"') ]+`), "CSS url()"},
}

// embeddedPNG is an image whose PNG is in the page.
var embeddedPNG = regexp.MustCompile(`(?i)<img\b[^>]*\bsrc\s*=\s*["']data:image/png;base64,`)

// htmlReport is the result of checkHTML.
type htmlReport struct {
	size     int // characters
	embedded int // PNG images embedded as data: URIs
	problems []string
}

// checkHTML checks the HTML export of nb: no remote resources, and every
// PNG of the notebook embedded.
func checkHTML(nb *notebook, page string) *htmlReport {
	r := &htmlReport{size: utf8.RuneCountInString(strings.ReplaceAll(page, "\r\n", "\n"))}
	for _, x := range remote {
		for _, m := range x.re.FindAllString(page, -1) {
			r.problems = append(r.problems, fmt.Sprintf("remote %s: %s", x.what, truncate(m, 120)))
		}
	}
	r.embedded = len(embeddedPNG.FindAllStringIndex(page, -1))
	if n := nb.pngs(); r.embedded < n {
		r.problems = append(r.problems, fmt.Sprintf("the HTML embeds %d PNG images, the notebook has %d", r.embedded, n))
	}
	return r
}

// print writes the report and returns whether the export passed.
func (r *htmlReport) print(w io.Writer) bool {
	if len(r.problems) == 0 {
		fmt.Fprintf(w, "  HTML: %d KiB, %d embedded PNG images, no remote scripts or styles\n", r.size/1024, r.embedded)
		return true
	}
	fmt.Fprintln(w, "  HTML problems:")
	for _, p := range r.problems {
		fmt.Fprintln(w, "    "+p)
	}
	return false
}
