package study

import (
	"fmt"
	"io"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/kiwerkstatt/werkbank/lang"
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
// run. Its sentences and headers are in the current language
// (lang.Current), its numbers in that language's notation (0,9926 in
// German); werkbank collect writes English.
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
		from = lang.Sprintf("study.md.sources_more", strings.Join(s.Sources[:3], ", "), len(s.Sources)-3)
	}
	runs := lang.Sprintf("study.count.runs.many", s.Runs())
	if s.Runs() == 1 {
		runs = lang.Sprintf("study.count.runs.one", 1)
	}
	configs := lang.Sprintf("study.count.configs.many", len(s.Groups))
	if len(s.Groups) == 1 {
		configs = lang.Sprintf("study.count.configs.one", 1)
	}
	b.WriteString(lang.Sprintf("study.md.summary", runs, configs, from) + "\n")
	b.WriteString(lang.Sprintf("study.md.post", post.TestAccuracy, post.Goal) + "\n\n")
	head := []string{"#", lang.T("study.col.config"), "n", lang.T("study.col.test_acc"), lang.T("study.col.min"), lang.T("study.col.max")}
	for _, t := range Thresholds {
		head = append(head, lang.Fmt("≥ %v", t))
	}
	row(b, append(head, lang.T("study.col.val_acc_mean"), lang.T("study.col.seconds_mean"))...)
	b.WriteString("|---:|---|---:|---:|---:|---:|" + strings.Repeat("---:|", len(Thresholds)) + "---:|---:|\n")
	mixed := false
	for i, g := range s.Groups {
		st := g.Stats
		meanSD := lang.Fmt("%.4f", st.Mean)
		if st.SD != nil {
			meanSD += lang.Fmt(" ± %.4f", *st.SD)
		}
		cells := []string{strconv.Itoa(i + 1), "`" + cell(configText(g.Config)) + "`", strconv.Itoa(st.N), meanSD, lang.Fmt("%.4f", st.Min), lang.Fmt("%.4f", st.Max)}
		for _, c := range st.AtLeast {
			cells = append(cells, fmt.Sprintf("%d/%d", c.Runs, st.N))
		}
		seconds := orDash(st.Seconds, "%.0f")
		if st.Seconds != nil && !st.SameMachine {
			seconds += " †"
			mixed = true
		}
		row(b, append(cells, orDash(st.ValAcc, "%.4f"), seconds)...)
	}
	if mixed {
		b.WriteString("\n† " + lang.T("study.md.mixed") + "\n")
	}
}

// writeDifferences writes the table of Welch's tests, if any.
func (s *Study) writeDifferences(b *strings.Builder, heading string) {
	if len(s.Differences) == 0 {
		return
	}
	fmt.Fprintf(b, "\n%s %s\n\n", heading, lang.T("study.md.heading.diffs"))
	b.WriteString(lang.T("study.md.welch") + "\n")
	b.WriteString(lang.Sprintf("study.md.welch_bar", 0.05) + "\n\n")
	row(b, lang.T("study.col.configs"), lang.T("study.col.diff"), "t", lang.T("study.col.df"), "p")
	b.WriteString("|---|---:|---:|---:|---:|\n")
	for _, d := range s.Differences {
		row(b, fmt.Sprintf("%d - %d", d.A, d.B), lang.Fmt("%+.4f", d.Diff), lang.Fmt("%.2f", d.T), lang.Fmt("%.1f", d.DF), lang.Fmt("%.3f", d.P))
	}
}

// writeRuns writes the table of every run, by configuration.
func (s *Study) writeRuns(b *strings.Builder, heading string) {
	fmt.Fprintf(b, "\n%s %s\n\n", heading, lang.T("study.md.heading.runs"))
	row(b, "#", lang.T("study.col.seed"), lang.T("study.col.val_acc"), lang.T("study.col.test_acc"), lang.T("study.col.seconds"),
		lang.T("study.col.backend"), lang.T("study.col.machine"), lang.T("study.col.run"))
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
			row(b, strconv.Itoa(i+1), seed, orDash(recorded(r.ValAcc()), "%.4f"), lang.Fmt("%.4f", r.Result.TestAcc),
				orDash(recorded(r.Seconds()), "%.0f"), cell(backend), cell(machine), "`"+cell(r.Dir())+"`")
		}
	}
}

// row writes a row of a markdown table.
func row(b *strings.Builder, cells ...string) {
	b.WriteString("| " + strings.Join(cells, " | ") + " |\n")
}

// recorded returns a pointer to v when ok, else nil.
func recorded(v float64, ok bool) *float64 {
	if !ok {
		return nil
	}
	return &v
}

// orDash formats *v with number, or a dash for a value that is missing.
func orDash(v *float64, format string) string {
	if v == nil {
		return "–"
	}
	return lang.Fmt(format, *v)
}

// cell escapes the pipes of s for a markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
