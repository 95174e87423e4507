package study

import (
	"fmt"
	"strings"

	"github.com/kiwerkstatt/werkbank/plots"
)

// Figure draws the test accuracies of the study as a strip plot: with one
// to ten runs per configuration, a row of dots per configuration shows
// every run where a histogram of thirteen configurations would run out of
// colours. Each row is labelled by RowLabels.
func (s *Study) Figure() (plots.Figure, error) {
	labels := RowLabels(s.Groups)
	samples := make([]plots.Sample, len(s.Groups))
	for i, g := range s.Groups {
		samples[i] = plots.Sample{Label: labels[i], Values: g.TestAccuracies()}
	}
	d := AccuracyDistribution(samples...)
	d.Title = s.Title
	return plots.Strip(d)
}

// RowLabels returns a short label per group for the rows of a figure: its
// number, as in the tables, and what sets its configuration apart, the
// words that not all configurations share (--lr=0.0005 in a grid over
// --lr). The figure cuts short what does not fit.
func RowLabels(groups []Group) []string {
	common := map[string]int{}
	for _, g := range groups {
		seen := map[string]bool{}
		for _, word := range strings.Fields(g.Config) {
			if !seen[word] {
				seen[word] = true
				common[word]++
			}
		}
	}
	labels := make([]string, len(groups))
	for i, g := range groups {
		var own []string
		for _, word := range strings.Fields(g.Config) {
			if common[word] < len(groups) {
				own = append(own, word)
			}
		}
		label := strings.Join(own, " ")
		if label == "" || g.Config == noCommand {
			label = configText(g.Config)
		}
		labels[i] = fmt.Sprintf("%d: %s", i+1, label)
	}
	return labels
}
