package plots

import (
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/lang"
)

// inGerman runs f with German as the current language.
func inGerman(t *testing.T, f func()) {
	t.Helper()
	defer lang.Set(lang.Current())
	lang.Set(lang.German)
	f()
}

// The numbers plots prints itself follow the language: a decimal comma
// and "60 %" in German, as they were in English.
func TestNumbersFollowTheLanguage(t *testing.T) {
	type printed struct{ ticks, decimals, percents, bar, rate, rates string }
	print := func() printed {
		var bars barsLayout
		bars.probs = []float64{0.125, 0.875}
		bars.a = &axes{x0: -0.6, x1: 1.6, y0: 0, y1: 1.1, area: rect(0, 0, 400, 300)}
		bars.placeValues()
		return printed{
			ticks:    labels(linearTicks(0, 1, 4, false)),
			decimals: labels(decimalTicks(0.985, 0.995, 5, 4)),
			percents: labels(percentTicks(4)),
			bar:      strings.Join(bars.values, " "),
			rate:     formatRate(3e-3),
			rates:    labels(decadeTicks(-6, 0, 4)),
		}
	}
	en := printed{
		ticks:    "0.00 0.25 0.50 0.75 1.00",
		decimals: "0.9860 0.9880 0.9900 0.9920 0.9940",
		percents: "0% 25% 50% 75% 100%",
		bar:      "12.50% 87.50%",
		rate:     "0.003",
		rates:    "1e-06 0.0001 0.01 1",
	}
	if got := print(); got != en {
		t.Errorf("English:\n got %+v\nwant %+v", got, en)
	}
	de := printed{
		ticks:    "0,00 0,25 0,50 0,75 1,00",
		decimals: "0,9860 0,9880 0,9900 0,9920 0,9940",
		percents: "0 % 25 % 50 % 75 % 100 %",
		bar:      "12,50 % 87,50 %",
		rate:     "0,003",
		rates:    "1e-06 0,0001 0,01 1",
	}
	inGerman(t, func() {
		if got := print(); got != de {
			t.Errorf("German:\n got %+v\nwant %+v", got, de)
		}
	})
}

// In German a figure draws German words where its caller passes none, and
// its ticks with a decimal comma; what the caller passes stays as it is.
func TestFiguresInGerman(t *testing.T) {
	inGerman(t, func() {
		base := Sample{Label: "Ausgangsmodell", Values: fiveSeeds, Highlight: true}
		d := accuracyDistribution(base, Sample{Values: torchRuns})
		d.XLabel = "Test-Genauigkeit"
		d.Band = BaselineBand(base)
		strip, err := Strip(d)
		if err != nil {
			t.Fatal(err)
		}
		curve, err := TrainingCurve(Curves{Train: []float64{0.9, 0.95, 0.97}, Val: []float64{0.94, 0.96, 0.975}})
		if err != nil {
			t.Fatal(err)
		}
		runs := sixRuns()
		for i := range runs {
			runs[i].Label = ""
		}
		compare, err := CompareCurves(Comparison{Series: runs})
		if err != nil {
			t.Fatal(err)
		}
		bars, err := ProbabilityBars([]float64{0.125, 0.875}, nil)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			name      string
			fig       Figure
			want, not []string
		}{
			{"Strip", strip,
				[]string{"ein Lauf", "Mittelwert", "Mittelwert ± Standardabweichung", "Ausgangsmodell: Mittelwert ± 2 Standardabweichungen", "Test-Genauigkeit", "0,9900", "post 0.9926"},
				[]string{"one run", "mean", "sd", "0.9900"}},
			{"TrainingCurve", curve, []string{"Epochen", "Training", "Validierung", "0,96"}, []string{"Epochs", "Validation", "0.96"}},
			{"CompareCurves", compare, []string{"Lauf 1", "Lauf 6", "Außerhalb der Skala, nicht gezeichnet: Lauf 5 (zuletzt 0,2100)"}, []string{"Run ", "last", "Off the scale"}},
			{"ProbabilityBars", bars, []string{"Klasse", "Wahrscheinlichkeit", "87,50 %", "100 %"}, []string{"Class", "Probability", "87.50%"}},
		} {
			texts := checkSVG(t, c.fig).texts
			all := "|" + strings.Join(texts, "|") + "|"
			for _, w := range c.want {
				if !strings.Contains(all, w) {
					t.Errorf("%s: no text %q in %q", c.name, w, texts)
				}
			}
			for _, n := range c.not {
				if strings.Contains(all, n) {
					t.Errorf("%s: English %q in %q", c.name, n, texts)
				}
			}
		}
	})
}
