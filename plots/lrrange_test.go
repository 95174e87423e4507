package plots

import (
	"math"
	"strings"
	"testing"
)

func TestLRRangeChart(t *testing.T) {
	var c LRRangeCurve
	for i := range 50 {
		lr := 1e-6 * math.Pow(1e6, float64(i)/49)
		c.LR = append(c.LR, lr)
		c.Loss = append(c.Loss, 2.3-math.Min(1.5, 0.1*math.Log10(lr/1e-6)*math.Log10(lr/1e-6))+math.Max(0, 10*(lr-0.1)))
	}
	c.Smoothed = c.Loss
	c.Suggested = 3e-3
	f, err := LRRangeChart(c)
	if err != nil {
		t.Fatal(err)
	}
	svg, err := f.SVG()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"suggested 0.003", "1e-06", "0.001", "Learning rate (log scale)"} {
		if !strings.Contains(string(svg), want) {
			t.Errorf("SVG lacks %q", want)
		}
	}
	for _, bad := range []LRRangeCurve{{}, {LR: []float64{1e-3}, Loss: []float64{1, 2}}, {LR: []float64{0}, Loss: []float64{1}}} {
		if _, err := LRRangeChart(bad); err == nil {
			t.Errorf("%+v: no error", bad)
		}
	}
}

func TestDecadeTicks(t *testing.T) {
	got := decadeTicks(-6, 0, 4)
	var labels []string
	for _, tk := range got {
		labels = append(labels, tk.label)
	}
	if strings.Join(labels, " ") != "1e-06 0.0001 0.01 1" {
		t.Errorf("ticks %v", labels)
	}
}
