package plots

import (
	"math"
	"strings"
	"testing"
)

// noiseProbs is the post's prediction for the noise image.
var noiseProbs = []float64{0.0045, 0.0001, 0.0014, 0.0001, 0.0002, 0.0038, 0.0120, 0, 0.9777, 0.0002}

func TestProbabilityBars(t *testing.T) {
	fig, err := ProbabilityBars(noiseProbs, nil, WithTitle("Rauschen"))
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	// The winning bar is the only large area in the highlight colour.
	if n := countNear(img, tab10[0], 2); n < 2000 {
		t.Errorf("highlighted bar has %d pixels", n)
	}
	texts := strings.Join(checkSVG(t, fig).texts, "|")
	for _, want := range []string{"97.77%", "0.45%", "0.00%", "100%", "Rauschen", "|8|", "Class", "Probability"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks %q in %q", want, texts)
		}
	}
	// Many classes: the value labels turn vertical and still render.
	many := make([]float64, 40)
	many[3] = 1
	if fig, err := ProbabilityBars(many, nil); err != nil {
		t.Error(err)
	} else {
		decodePNG(t, fig)
	}
}

func TestProbabilityBarsErrors(t *testing.T) {
	for _, tc := range []struct {
		probs  []float64
		labels []string
		want   string
	}{
		{nil, nil, "no probabilities"},
		{[]float64{0.5, 0.5}, []string{"a"}, "1 labels for 2 probabilities"},
		{[]float64{0.5, 97.77}, nil, `probability 1 ("1") is 97.77, want a fraction in [0, 1]`},
		{[]float64{math.NaN()}, []string{"x"}, `probability 0 ("x") is NaN`},
		{[]float64{-0.1}, nil, "is -0.1"},
	} {
		_, err := ProbabilityBars(tc.probs, tc.labels)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("ProbabilityBars(%v, %v) error = %v, want %q", tc.probs, tc.labels, err, tc.want)
		}
	}
}
