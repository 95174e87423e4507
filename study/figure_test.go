package study

import (
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/lang"
)

func TestRowLabels(t *testing.T) {
	groups := []Group{
		{Config: "werkbank train --epochs 3 --lr=0.001"},
		{Config: "werkbank train --epochs 3 --lr=0.0005"},
		{Config: "pytorch torch-1.13.0 cpu"},
	}
	// Nothing common to all: the whole configurations.
	got := RowLabels(groups)
	want := []string{"1: werkbank train --epochs 3 --lr=0.001", "2: werkbank train --epochs 3 --lr=0.0005", "3: pytorch torch-1.13.0 cpu"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("RowLabels = %q, want %q", got, want)
	}
	got = RowLabels(groups[:2])
	if got[0] != "1: --lr=0.001" || got[1] != "2: --lr=0.0005" {
		t.Errorf("a grid over --lr: %q", got)
	}
	// Long labels stay whole: the figure cuts short what does not fit.
	long := []Group{{Config: "werkbank train " + strings.Repeat("--epochs 1 ", 10)}}
	if got := RowLabels(long)[0]; got != "1: "+long[0].Config {
		t.Errorf("a long label: %q", got)
	}
}

func TestFigure(t *testing.T) {
	fig, err := fixtureStudy(t).Figure()
	if err != nil {
		t.Fatal(err)
	}
	svg, err := fig.SVG()
	if err != nil || !strings.Contains(string(svg), "3: werkbank train --epochs 2 --lr=0.0005") || !strings.Contains(string(svg), "post 0.9926") {
		t.Errorf("figure: %v\n%.300s", err, svg)
	}
}

// In German the figure's texts and numbers are German; the labels of the
// rows, commands, stay as they are.
func TestFigureInGerman(t *testing.T) {
	defer lang.Set(lang.Current())
	lang.Set(lang.German)
	fig, err := fixtureStudy(t).Figure()
	if err != nil {
		t.Fatal(err)
	}
	svg, err := fig.SVG()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{">Test-Genauigkeit<", ">Blog 0,9926<", ">Ziel 0,991<", ">0,995<", ">Mittelwert<", "3: werkbank train --epochs 2 --lr=0.0005"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("the German figure lacks %q", want)
		}
	}
	for _, not := range []string{"Test accuracy", "post 0.9926", "goal", ">0.995<", ">mean<"} {
		if strings.Contains(string(svg), not) {
			t.Errorf("the German figure has %q", not)
		}
	}
}

// A run without a command, tool or backend is grouped under one key in
// every language, and named in the reader's.
func TestNoCommandInGerman(t *testing.T) {
	defer lang.Set(lang.Current())
	lang.Set(lang.German)
	if c := Configuration(Result{}, trainFlags()); c != "(no command, tool or backend)" {
		t.Errorf("Configuration = %q", c)
	}
	groups := []Group{{Config: "werkbank train"}, {Config: noCommand}}
	if got := RowLabels(groups)[1]; got != "2: (ohne Befehl, Werkzeug und Backend)" {
		t.Errorf("RowLabels = %q", got)
	}
}
