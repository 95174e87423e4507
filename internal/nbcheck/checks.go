package main

import (
	"bytes"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"html"
	"io"
	"regexp"
	"slices"
	"strings"

	"github.com/kiwerkstatt/werkbank/lang"
)

// options are what the flags ask of a notebook.
type options struct {
	backend string        // the GoMLX backend a cell must name; "": not checked
	edited  bool          // the model cell was edited
	epochs  int           // with edited: the epochs the edited model trains
	lang    lang.Language // the notebook's language
}

// failure matches the failure lines of a stderr output: what a panic, a
// fatal runtime error and nb.Must/Check/Show print at a line start, and a
// non-zero exit status.
var failure = regexp.MustCompile(`(?m)^(panic: |fatal error: |error: )|exit status [1-9]`)

// The edited model cell (scripts/edit-notebook-model.py) gives the first
// Conv2D 64 filters: Keras' summary shows them.
var editedSummary = regexp.MustCompile(`conv2d_1 \(Conv2D\) +\(None, 28, 28, 64\) +640`)

// spread is what follows the baseline's description: its mean ± sd (N
// seeds, min-max), e.g. "0.9890 ± 0.0011 (10 seeds, 0.9871-0.9905)"; the
// numbers with a decimal point or comma, the word for the seeds any.
const spread = `: 0[.,]\d{4} ± 0[.,]\d{4} \(\d+ [^,()]+, 0[.,]\d{4} ?[-–] ?[01][.,]\d{4}\)`

// timing is a code cell's wall time.
type timing struct {
	seconds float64
	index   int
	label   string
}

// report is the result of checkNotebook.
type report struct {
	notes    []string // what passed beyond the cells, one line each
	timings  []timing // of the code cells that recorded theirs
	figures  int      // valid PNG outputs
	problems []string
	stderr   []string // the stderr outputs with a failure line, each as printed
}

// checkNotebook checks an executed notebook as the package comment says.
func checkNotebook(nb *notebook, o options) *report {
	r := &report{}
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		label := c.label(i)
		if c.ExecutionCount == nil {
			r.problems = append(r.problems, label+": did not run")
		}
		if c.Metadata.Seconds != nil {
			r.timings = append(r.timings, timing{*c.Metadata.Seconds, i, label})
		}
		pngs := 0
		for _, out := range c.Outputs {
			switch {
			case out.OutputType == "error":
				r.problems = append(r.problems, fmt.Sprintf("%s: error output %s: %s", label, out.Ename, out.Evalue))
			case out.OutputType == "stream" && out.Name == "stderr":
				text := string(out.Text)
				for _, m := range failure.FindAllStringIndex(text, -1) {
					r.problems = append(r.problems, fmt.Sprintf("%s: stderr: %s", label, splitLines(text[m[0]:])[0]))
				}
				if failure.MatchString(text) {
					r.stderr = append(r.stderr, stderrBlock(i, text))
				}
			case out.isDisplay() && out.hasData("image/png"):
				if w, h, ok := pngSize(out.data("image/png")); !ok || w == 0 || h == 0 {
					r.problems = append(r.problems, label+": an image/png output is not a valid PNG")
				} else {
					pngs++
				}
			}
		}
		r.figures += pngs
		if slices.Contains(c.Metadata.Tags, "figure") && pngs == 0 {
			r.problems = append(r.problems, label+`: tagged "figure" but shows no PNG`)
		}
	}
	if o.lang == lang.German {
		checkGerman(nb, r)
	}
	if o.edited {
		checkEdited(nb, o, r)
	}
	if o.backend != "" {
		m := regexp.MustCompile(`GoMLX backend: (\S+)`).FindStringSubmatch(nb.printed())
		switch {
		case m == nil:
			r.problems = append(r.problems, "no cell printed its GoMLX backend")
		case m[1] != o.backend:
			r.problems = append(r.problems, fmt.Sprintf("ran on backend %s, want %s", m[1], o.backend))
		default:
			r.notes = append(r.notes, fmt.Sprintf("backend: %s (as expected)", m[1]))
		}
	}
	return r
}

// checkEdited checks that the edited model cell's change reached the
// summary and the training, which shows its epochs and curves in its live
// block, says the model is not the post's, and judges the result against
// the spread of the post's model under the same budget. The messages are
// matched in the notebook's language; Keras' epoch lines are English in
// every language.
func checkEdited(nb *notebook, o options, r *report) {
	printed := nb.printed()
	htmlText := html.UnescapeString(nb.html())
	found := func(pattern, text string) bool { return regexp.MustCompile(pattern).MatchString(text) }
	contains := func(s string) func() (bool, error) {
		return func() (bool, error) { return strings.Contains(htmlText, s), nil }
	}
	matches := func(key lang.Key, suffix, text string) func() (bool, error) {
		return func() (bool, error) {
			p, err := messagePattern(o.lang, key)
			if err != nil {
				return false, err
			}
			return found(`(?m)`+p+suffix, text), nil
		}
	}
	checks := []struct {
		what string
		ok   func() (bool, error)
	}{
		{"the summary shows conv2d_1 with 64 filters (640 params)",
			func() (bool, error) { return editedSummary.MatchString(printed), nil }},
		{"the training cell says the model is not the post's and trains it", matches("nb.fit.not_post", "", printed)},
		{"the live block shows the last epoch's line", contains(fmt.Sprintf("Epoch %d/%d", o.epochs, o.epochs))},
		{"the live block shows the curves", func() (bool, error) {
			if _, err := message(o.lang, "nb.live.alt"); err != nil {
				return false, err
			}
			return contains(lang.In(o.lang, "nb.live.alt", o.epochs))()
		}},
		{"the training cell prints the baseline's spread under the same budget", matches("nb.baseline.quick", spread, printed)},
		{"the training cell says where the edited model lands against it", matches("nb.verdict.line", "$", printed)},
	}
	before := len(r.problems)
	for _, c := range checks {
		ok, err := c.ok()
		switch {
		case err != nil:
			r.problems = append(r.problems, "edited model cell: "+c.what+": "+err.Error())
		case !ok:
			r.problems = append(r.problems, "edited model cell: "+c.what+": not found")
		}
	}
	if before == 0 && len(r.problems) == 0 {
		r.notes = append(r.notes, "edited model cell: summary, training, live curves and the spread line show the edit")
	}
}

// checkGerman checks that no output of a German notebook shows an English
// message of the catalogs (englishRuns): one problem per message and cell.
func checkGerman(nb *notebook, r *report) {
	runs := englishRuns()
	before := len(r.problems)
	for i, c := range nb.Cells {
		if c.CellType != "code" {
			continue
		}
		var b strings.Builder
		for _, o := range c.Outputs {
			b.WriteString(string(o.Text))
			for _, mime := range []string{"text/plain", "text/markdown"} {
				b.WriteString(o.data(mime))
			}
			b.WriteString(html.UnescapeString(o.data("text/html")))
		}
		text := b.String()
		var seen []lang.Key
		for _, run := range runs {
			if !slices.Contains(seen, run.key) && strings.Contains(text, run.text) {
				seen = append(seen, run.key)
				r.problems = append(r.problems, fmt.Sprintf("%s: the English message %s in a German notebook: %q", c.label(i), run.key, run.text))
			}
		}
	}
	if len(r.problems) == before {
		r.notes = append(r.notes, "German: no English message of the catalogs in the outputs")
	}
}

// pngSize returns the width and height in the IHDR chunk of a base64 PNG,
// and whether it is one.
func pngSize(b64 string) (w, h uint32, ok bool) {
	clean := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, b64)
	data, err := base64.StdEncoding.DecodeString(clean)
	if err != nil || len(data) < 24 || !bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")) || string(data[12:16]) != "IHDR" {
		return 0, 0, false
	}
	return binary.BigEndian.Uint32(data[16:20]), binary.BigEndian.Uint32(data[20:24]), true
}

// stderrBlock is the end of a failed cell's stderr, to see why it failed.
func stderrBlock(i int, text string) string {
	lines := splitLines(text)
	lines = lines[max(0, len(lines)-15):]
	var b strings.Builder
	fmt.Fprintf(&b, "  --- stderr of cell %d:\n", i)
	for j, l := range lines {
		if j > 0 {
			b.WriteByte('\n')
		}
		b.WriteString("    " + l)
	}
	return b.String()
}

// print writes the report: what passed, the timings and slowest cells, the
// problems and the stderr of the failed cells; it returns whether the
// notebook passed.
func (r *report) print(w io.Writer) bool {
	for _, n := range r.notes {
		fmt.Fprintln(w, "  "+n)
	}
	t := slices.Clone(r.timings)
	slices.SortStableFunc(t, func(a, b timing) int { // slowest first; of equal times the later cell
		switch {
		case a.seconds != b.seconds:
			if a.seconds > b.seconds {
				return -1
			}
			return 1
		case a.index != b.index:
			return b.index - a.index
		}
		return 0
	})
	total := 0.0
	for _, x := range t {
		total += x.seconds
	}
	fmt.Fprintf(w, "  %d code cells in %.1f s of cell time, %d PNG figures; slowest cells:\n", len(t), total, r.figures)
	for _, x := range t[:min(5, len(t))] {
		fmt.Fprintf(w, "    %7.2f s  %s\n", x.seconds, x.label)
	}
	if len(r.problems) == 0 {
		return true
	}
	fmt.Fprintln(w, "  problems:")
	for _, p := range r.problems {
		fmt.Fprintln(w, "    "+p)
	}
	for _, s := range r.stderr {
		fmt.Fprintln(w, s)
	}
	return false
}
