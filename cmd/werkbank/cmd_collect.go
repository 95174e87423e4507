package main

import (
	"flag"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/kiwerkstatt/werkbank/internal/atomicfile"
	"github.com/kiwerkstatt/werkbank/plots"
)

func init() {
	register("collect", "tabulate the result.json of many runs (a sweep) as markdown, grouped by configuration, and draw their test accuracies", runCollect)
}

// The post's test accuracy, its goal, and a higher bar.
const (
	postGoal     = 0.991
	postAccuracy = 0.9926
	highBar      = 0.995
)

func runCollect(args []string) error {
	fs := newFlagSet("collect", "collect DIR|FILE... [--out study.md] [--figure accuracy.png|.svg] [--title TITLE]")
	out := fs.String("out", "", "write the markdown to this file (default: stdout)")
	figure := fs.String("figure", "", "draw the test accuracies into this .png or .svg file: a row of dots per configuration, with its mean and sd")
	fs.StringVar(figure, "histogram", "", "old name of --figure")
	title := fs.String("title", "Test accuracy over seeds", "title of the markdown and the figure")
	paths, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if len(paths) == 0 {
		return usageErrorf("no DIR given: name the directories to search for result.json (or result files)")
	}
	// Errors name the flag as it was given.
	figFlag := "--figure"
	fs.Visit(func(f *flag.Flag) {
		if f.Name == "histogram" {
			figFlag = "--histogram"
		}
	})
	if ext := strings.ToLower(filepath.Ext(*figure)); *figure != "" && ext != ".png" && ext != ".svg" {
		return usageErrorf("%s %s: want a .png or .svg file", figFlag, *figure)
	}
	files, err := findResults(paths)
	if err != nil {
		return err
	}
	runs := make([]runRecord, len(files))
	for i, f := range files {
		if runs[i], err = readResult(f); err != nil {
			return err
		}
	}
	groups := groupRuns(runs)

	image := ""
	if *figure != "" {
		if err := drawAccuracies(groups, *title, *figure); err != nil {
			return fmt.Errorf("%s %s: %w", figFlag, *figure, err)
		}
		image = *figure
		if *out != "" {
			if rel, err := filepath.Rel(filepath.Dir(*out), *figure); err == nil {
				image = rel
			}
		}
	}
	var md strings.Builder
	writeStudy(&md, *title, paths, groups, image)
	if *out == "" {
		_, err := io.WriteString(os.Stdout, md.String())
		return err
	}
	if err := atomicfile.WriteFile(*out, []byte(md.String())); err != nil {
		return fmt.Errorf("--out: %w", err)
	}
	fmt.Printf("%s: %d run(s) in %d configuration(s)\n", *out, len(runs), len(groups))
	return nil
}

// writeStudy writes the markdown of a study: a table with a row per
// configuration (the statistics of its test accuracies), the figure
// when image names one, and a table with a row per run.
func writeStudy(w io.Writer, title string, paths []string, groups []runGroup, image string) {
	n := 0
	for _, g := range groups {
		n += len(g.runs)
	}
	fmt.Fprintf(w, "# %s\n\n", title)
	from := strings.Join(paths, ", ")
	if len(paths) > 3 {
		from = fmt.Sprintf("%s and %d more", strings.Join(paths[:3], ", "), len(paths)-3)
	}
	fmt.Fprintf(w, "%d run(s) in %d configuration(s), from %s. Test accuracy as mean ± sample standard deviation;\n", n, len(groups), from)
	fmt.Fprintf(w, "the post's run reached %v, its goal was %v.\n\n", postAccuracy, postGoal)
	fmt.Fprintf(w, "| # | configuration | n | test acc | min | max | ≥ %v | ≥ %v | val acc (mean) | seconds (mean) |\n", postGoal, highBar)
	fmt.Fprintln(w, "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
	mixed := false
	for i, g := range groups {
		accs := present(g.runs, func(r runRecord) *float64 { return r.TestAcc })
		seconds := orDash(mean(present(g.runs, func(r runRecord) *float64 { return r.Seconds })), "%.0f")
		if seconds != "–" && !sameMachine(g.runs) {
			seconds += " †"
			mixed = true
		}
		meanSD := fmt.Sprintf("%.4f", mean(accs))
		if sd := sampleSD(accs); !math.IsNaN(sd) {
			meanSD += fmt.Sprintf(" ± %.4f", sd)
		}
		fmt.Fprintf(w, "| %d | `%s` | %d | %s | %.4f | %.4f | %d/%d | %d/%d | %s | %s |\n", i+1, cell(g.config), len(accs), meanSD, slices.Min(accs), slices.Max(accs),
			atLeast(accs, postGoal), len(accs), atLeast(accs, highBar), len(accs),
			orDash(mean(present(g.runs, func(r runRecord) *float64 { return r.ValAcc })), "%.4f"),
			seconds)
	}
	if mixed {
		fmt.Fprintln(w, "\n† The runs of this configuration did not all record the same machine (processor, CPUs, backend): the mean of their seconds may mix machines of different speeds; the Runs table names each run's.")
	}
	if image != "" {
		fmt.Fprintf(w, "\n![%s](%s)\n", title, filepath.ToSlash(image))
	}
	writeDifferences(w, groups)
	fmt.Fprintln(w, "\n## Runs")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| # | seed | val acc | test acc | seconds | backend | machine | run |")
	fmt.Fprintln(w, "|---:|---:|---:|---:|---:|---|---|---|")
	for i, g := range groups {
		for _, r := range g.runs {
			seed := "–"
			if r.Seed != nil {
				seed = fmt.Sprint(*r.Seed)
			}
			machine := r.host()
			if machine == "" {
				machine = "–"
			}
			fmt.Fprintf(w, "| %d | %s | %s | %.4f | %s | %s | %s | `%s` |\n", i+1, seed, orDash(value(r.ValAcc), "%.4f"), *r.TestAcc,
				orDash(value(r.Seconds), "%.0f"), cell(r.backendCell()), cell(machine), cell(r.dir()))
		}
	}
}

// writeDifferences compares the test accuracies of every two configurations
// with two or more runs each (Welch's t-test).
func writeDifferences(w io.Writer, groups []runGroup) {
	type row struct {
		i, j           int
		diff, t, df, p float64
	}
	accs := make([][]float64, len(groups))
	for i, g := range groups {
		accs[i] = present(g.runs, func(r runRecord) *float64 { return r.TestAcc })
	}
	var rows []row
	for i := range groups {
		for j := i + 1; j < len(groups); j++ {
			if diff, t, df, p, ok := welchTest(accs[i], accs[j]); ok {
				rows = append(rows, row{i + 1, j + 1, diff, t, df, p})
			}
		}
	}
	if len(rows) == 0 {
		return
	}
	fmt.Fprintln(w, "\n## Differences")
	fmt.Fprintln(w, "\nTest accuracy of two configurations, Welch's t-test (no equal variances assumed), two-sided;")
	fmt.Fprintln(w, "p below 0.05 is the usual bar for a difference that is more than seed noise.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| configurations | difference of means | t | degrees of freedom | p |")
	fmt.Fprintln(w, "|---|---:|---:|---:|---:|")
	for _, r := range rows {
		fmt.Fprintf(w, "| %d - %d | %+.4f | %.2f | %.1f | %.3f |\n", r.i, r.j, r.diff, r.t, r.df, r.p)
	}
}

// drawAccuracies saves the strip plot of the groups' test accuracies: with
// one to ten runs per configuration, dots in a row per configuration show
// every run where a histogram of thirteen configurations would run out of
// colours.
func drawAccuracies(groups []runGroup, title, path string) error {
	labels := rowLabels(groups)
	samples := make([]plots.Sample, len(groups))
	for i, g := range groups {
		samples[i] = plots.Sample{Label: labels[i], Values: present(g.runs, func(r runRecord) *float64 { return r.TestAcc })}
	}
	d := plots.AccuracyDistribution(samples...)
	d.Title = title
	fig, err := plots.Strip(d)
	if err != nil {
		return err
	}
	return plots.Save(fig, path)
}

// rowLabels returns a short label per group for the rows of the figure:
// its number, as in the table, and what sets its configuration apart, the
// words that not all configurations share (--lr=0.0005 in a grid over
// --lr). The figure cuts short what does not fit.
func rowLabels(groups []runGroup) []string {
	common := map[string]int{}
	for _, g := range groups {
		seen := map[string]bool{}
		for _, word := range strings.Fields(g.config) {
			if !seen[word] {
				seen[word] = true
				common[word]++
			}
		}
	}
	labels := make([]string, len(groups))
	for i, g := range groups {
		var own []string
		for _, word := range strings.Fields(g.config) {
			if common[word] < len(groups) {
				own = append(own, word)
			}
		}
		label := strings.Join(own, " ")
		if label == "" {
			label = g.config
		}
		labels[i] = fmt.Sprintf("%d: %s", i+1, label)
	}
	return labels
}

// value returns *p, NaN for nil.
func value(p *float64) float64 {
	if p == nil {
		return math.NaN()
	}
	return *p
}

// orDash formats v, or a dash for a missing value (NaN).
func orDash(v float64, format string) string {
	if math.IsNaN(v) {
		return "–"
	}
	return fmt.Sprintf(format, v)
}

// cell escapes the pipes of s for a markdown table cell.
func cell(s string) string { return strings.ReplaceAll(s, "|", `\|`) }
