package study

import (
	"strings"
	"testing"
)

func TestWriteMarkdown(t *testing.T) {
	var b strings.Builder
	if err := fixtureStudy(t).WriteMarkdown(&b, Markdown{Image: "figures/accuracy.svg"}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"# Fixture study\n\n7 run(s) in 3 configuration(s), from testdata/collect. Test accuracy as mean ± sample standard deviation;\nthe post's run reached 0.9926, its goal was 0.991.\n\n",
		"| # | configuration | n | test acc | min | max | ≥ 0.991 | ≥ 0.995 | val acc (mean) | seconds (mean) |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
		// Mean ± sample sd; 0.991 itself reaches the goal.
		"| 1 | `werkbank train --epochs 2` | 4 | 0.9916 ± 0.0026 | 0.9890 | 0.9951 | 3/4 | 1/4 | 0.9901 | 115 † |\n",
		// The manual run recorded no machine.
		"† The runs of this configuration did not all record the same machine",
		"| 2 | `pytorch torch-1.13.0 cpu` | 2 | 0.9919 ± 0.0002 | 0.9918 | 0.9921 | 2/2 | 0/2 | 0.9893 | 600 |\n",
		// One run: no sd.
		"| 3 | `werkbank train --epochs 2 --lr=0.0005` | 1 | 0.9905 | 0.9905 | 0.9905 | 0/1 | 0/1 | 0.9870 | 105 |\n",
		"![Fixture study](figures/accuracy.svg)\n",
		"\n## Differences\n",
		// Welch's t of groups 1 and 2 (group 3 has one run): t and df as
		// Python's statistics module gives them, -0.2920 and 3.08.
		"| 1 - 2 | -0.0004 | -0.29 | 3.1 | 0.789 |\n",
		"\n## Runs\n",
		// Runs by group, then seed.
		"| 1 | 3 | 0.9930 | 0.9951 | 120 | go | AMD EPYC (family 26, model 2), 2 CPUs | `testdata/collect/werkbank/base/seed-3` |\n| 1 | 7 | 0.9895 | 0.9910 | 130 | go fast | – | `testdata/collect/manual` |\n",
		"| 2 | 2 | – | 0.9918 | 598 | torch-1.13.0 cpu | AMD EPYC (family 26, model 2), 2 CPUs | `testdata/collect/torch/seed-2` |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the markdown lacks\n%s\nin\n%s", want, got)
		}
	}
	if n := strings.Count(got, "\n| 1 | "); n != 5 {
		t.Errorf("%d rows of group 1, want 1 + 4 runs", n)
	}
}

// A notebook's summary: below its own headings, without the figure and
// the runs.
func TestWriteMarkdownSummary(t *testing.T) {
	var b strings.Builder
	fixtureStudy(t).WriteMarkdown(&b, Markdown{Heading: 4, NoRuns: true})
	got := b.String()
	if !strings.HasPrefix(got, "#### Fixture study\n") || !strings.Contains(got, "\n##### Differences\n") {
		t.Errorf("headings:\n%s", got)
	}
	for _, not := range []string{"![", "# Runs", "| seed |", "seed-1"} {
		if strings.Contains(got, not) {
			t.Errorf("summary holds %q:\n%s", not, got)
		}
	}
}

// More than three sources are named by the first three.
func TestWriteMarkdownSources(t *testing.T) {
	s := fixtureStudy(t)
	s.Sources = []string{"a", "b", "c", "d", "e"}
	var b strings.Builder
	s.WriteMarkdown(&b, Markdown{})
	if !strings.Contains(b.String(), "from a, b, c and 2 more.") {
		t.Errorf("sources:\n%.300s", b.String())
	}
}

func TestCell(t *testing.T) {
	if got := cell("--lr=a|b"); got != `--lr=a\|b` {
		t.Errorf("cell = %q", got)
	}
}
