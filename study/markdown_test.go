package study

import (
	"regexp"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/lang"
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

// In German the markdown has German sentences and headers and decimal
// commas, and none of the English texts.
func TestWriteMarkdownInGerman(t *testing.T) {
	defer lang.Set(lang.Current())
	lang.Set(lang.German)
	s := fixtureStudy(t)
	var b strings.Builder
	if err := s.WriteMarkdown(&b, Markdown{Image: "figures/accuracy.svg"}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"# Fixture study\n\n7 Läufe in 3 Konfigurationen, gelesen aus testdata/collect. Test-Genauigkeit als Mittelwert ± Standardabweichung der Stichprobe;\nder Blog erreichte 0,9926, sein Ziel war 0,991.\n\n",
		"| # | Konfiguration | n | Test-Genauigkeit | Min. | Max. | ≥ 0,991 | ≥ 0,995 | Validierungs-Genauigkeit (Mittelwert) | Sekunden (Mittelwert) |\n|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
		"| 1 | `werkbank train --epochs 2` | 4 | 0,9916 ± 0,0026 | 0,9890 | 0,9951 | 3/4 | 1/4 | 0,9901 | 115 † |\n",
		"\n† Die Läufe dieser Konfiguration haben nicht alle denselben Rechner",
		"| 3 | `werkbank train --epochs 2 --lr=0.0005` | 1 | 0,9905 | 0,9905 | 0,9905 | 0/1 | 0/1 | 0,9870 | 105 |\n",
		"\n## Unterschiede\n\nTest-Genauigkeit zweier Konfigurationen, Welch-t-Test (ohne Annahme gleicher Varianzen), zweiseitig;\nein p unter 0,05 ist",
		"| Konfigurationen | Differenz der Mittelwerte | t | Freiheitsgrade | p |\n",
		"| 1 - 2 | -0,0004 | -0,29 | 3,1 | 0,789 |\n",
		"\n## Läufe\n\n| # | Seed | Validierungs-Genauigkeit | Test-Genauigkeit | Sekunden | Backend | Rechner | Lauf |\n",
		"| 1 | 3 | 0,9930 | 0,9951 | 120 | go | AMD EPYC (family 26, model 2), 2 CPUs | `testdata/collect/werkbank/base/seed-3` |\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the German markdown lacks\n%s\nin\n%s", want, got)
		}
	}
	// No English text of the catalog, not even a part of a sentence
	// between its verbs (single words, which runs' paths and commands may
	// hold, are checked by the headers above).
	for _, k := range lang.Keys(lang.English) {
		if !strings.HasPrefix(string(k), "study.") {
			continue
		}
		en, _ := lang.Format(lang.English, k)
		for _, part := range regexp.MustCompile(`%[-+# 0-9.]*[a-z]`).Split(en, -1) {
			if part = strings.TrimSpace(part); strings.Contains(part, " ") && strings.Contains(got, part) {
				t.Errorf("English %q (%s) in the German markdown", part, k)
			}
		}
	}
	// The numbers of the tables have decimal commas: a point only in
	// commands and versions.
	for _, line := range strings.Split(got, "\n") {
		for _, c := range strings.Split(line, "|") {
			c = strings.TrimSpace(c)
			if regexp.MustCompile(`^[-+]?\d+\.\d+( ± \d+\.\d+)?$`).MatchString(c) {
				t.Errorf("number %q with a decimal point in %q", c, line)
			}
		}
	}
	// The summary counts one run and one configuration in the singular.
	one := &Study{Title: "One", Sources: []string{"a"}, Groups: s.Groups[2:]}
	b.Reset()
	one.WriteMarkdown(&b, Markdown{NoRuns: true})
	if !strings.Contains(b.String(), "\n1 Lauf in 1 Konfiguration, gelesen aus a.") {
		t.Errorf("one run:\n%s", b.String())
	}
	one.Sources = []string{"a", "b", "c", "d"}
	b.Reset()
	one.WriteMarkdown(&b, Markdown{NoRuns: true})
	if !strings.Contains(b.String(), "gelesen aus a, b, c und 1 weiteren.") {
		t.Errorf("four sources:\n%s", b.String())
	}
}

// In English one run is still "1 run(s)", as the committed studies have it.
func TestWriteMarkdownOneRun(t *testing.T) {
	s := fixtureStudy(t)
	one := &Study{Title: "One", Sources: []string{"a"}, Groups: s.Groups[2:]}
	var b strings.Builder
	one.WriteMarkdown(&b, Markdown{NoRuns: true})
	if !strings.Contains(b.String(), "\n1 run(s) in 1 configuration(s), from a.") {
		t.Errorf("one run:\n%s", b.String())
	}
}
