package study

import (
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"github.com/kiwerkstatt/werkbank/post"
)

// Markdown says how WriteMarkdown lays out a study.
type Markdown struct {
	// Image is the figure's path relative to the markdown file; "" for
	// none.
	Image string
	// Heading is the level of the title's heading, 1 (#) when 0; the
	// sections are one level below. A notebook nests a study below its own
	// headings.
	Heading int
	// NoRuns leaves out the table of every run, for a summary.
	NoRuns bool
}

// WriteMarkdown writes the study as markdown, as werkbank collect's
// study.md: the title, a table with a row per configuration (the
// statistics of its test accuracies), the figure, the differences of
// every two configurations (Welch's t-test) and a table with a row per
// run.
func (s *Study) WriteMarkdown(w io.Writer, m Markdown) error {
	title := strings.Repeat("#", max(m.Heading, 1))
	section := title + "#"
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s\n\n", title, s.Title)
	s.writeConfigurations(&b)
	if m.Image != "" {
		fmt.Fprintf(&b, "\n![%s](%s)\n", s.Title, filepath.ToSlash(m.Image))
	}
	s.writeDifferences(&b, section)
	if !m.NoRuns {
		s.writeRuns(&b, section)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// writeConfigurations writes what the study holds and its table of
// configurations.
func (s *Study) writeConfigurations(b *strings.Builder) {
	from := strings.Join(s.Sources, ", ")
	if len(s.Sources) > 3 {
		from = fmt.Sprintf("%s and %d more", strings.Join(s.Sources[:3], ", "), len(s.Sources)-3)
	}
	fmt.Fprintf(b, "%d run(s) in %d configuration(s), from %s. Test accuracy as mean ± sample standard deviation;\n", s.Runs(), len(s.Groups), from)
	fmt.Fprintf(b, "the post's run reached %v, its goal was %v.\n\n", post.TestAccuracy, post.Goal)
	b.WriteString("| # | configuration | n | test acc | min | max |")
	for _, t := range Thresholds {
		fmt.Fprintf(b, " ≥ %v |", t)
	}
	b.WriteString(" val acc (mean) | seconds (mean) |\n|---:|---|---:|---:|---:|---:|")
	b.WriteString(strings.Repeat("---:|", len(Thresholds)) + "---:|---:|\n")
	mixed := false
	for i, g := range s.Groups {
		st := g.Stats
		meanSD := fmt.Sprintf("%.4f", st.Mean)
		if st.SD != nil {
			meanSD += fmt.Sprintf(" ± %.4f", *st.SD)
		}
		fmt.Fprintf(b, "| %d | `%s` | %d | %s | %.4f | %.4f |", i+1, cell(g.Config), st.N, meanSD, st.Min, st.Max)
		for _, c := range st.AtLeast {
			fmt.Fprintf(b, " %d/%d |", c.Runs, st.N)
		}
		seconds := orDash(st.Seconds, "%.0f")
		if st.Seconds != nil && !st.SameMachine {
			seconds += " †"
			mixed = true
		}
		fmt.Fprintf(b, " %s | %s |\n", orDash(st.ValAcc, "%.4f"), seconds)
	}
	if mixed {
		b.WriteString("\n† The runs of this configuration did not all record the same machine (processor, CPUs, backend): the mean of their seconds may mix machines of different speeds; the Runs table names each run's.\n")
	}
}

// writeDifferences writes the table of Welch's tests, if any.
func (s *Study) writeDifferences(b *strings.Builder, heading string) {
	if len(s.Differences) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s Differences\n\n", heading)
	b.WriteString("Test accuracy of two configurations, Welch's t-test (no equal variances assumed), two-sided;\n")
	b.WriteString("p below 0.05 is the usual bar for a difference that is more than seed noise.\n\n")
	b.WriteString("| configurations | difference of means | t | degrees of freedom | p |\n")
	b.WriteString("|---|---:|---:|---:|---:|\n")
	for _, d := range s.Differences {
		fmt.Fprintf(b, "| %d - %d | %+.4f | %.2f | %.1f | %.3f |\n", d.A, d.B, d.Diff, d.T, d.DF, d.P)
	}
}

// writeRuns writes the table of every run, by configuration.
func (s *Study) writeRuns(b *strings.Builder, heading string) {
	fmt.Fprintf(b, "\n%s Runs\n\n", heading)
	b.WriteString("| # | seed | val acc | test acc | seconds | backend | machine | run |\n")
	b.WriteString("|---:|---:|---:|---:|---:|---|---|---|\n")
	for i, g := range s.Groups {
		for _, r := range g.Runs {
			seed := "–"
			if v, ok := r.Seed(); ok {
				seed = fmt.Sprint(v)
			}
			machine := r.Host()
			if machine == "" {
				machine = "–"
			}
			backend := strings.TrimSpace(r.Result.Backend + " " + r.Result.Formulation)
			fmt.Fprintf(b, "| %d | %s | %s | %.4f | %s | %s | %s | `%s` |\n", i+1, seed, orDash(recorded(r.ValAcc()), "%.4f"), r.Result.TestAcc,
				orDash(recorded(r.Seconds()), "%.0f"), cell(backend), cell(machine), cell(r.Dir()))
		}
	}
}

// recorded returns a pointer to v when ok, else nil.
func recorded(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}

// orDash formats *v, or a dash for a value that is missing.
func orDash(v *float64, format string) string {
	if v == nil {
		return "–"
	}
	return fmt.Sprintf(format, *v)
}

// cell escapes the pipes of s for a markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
