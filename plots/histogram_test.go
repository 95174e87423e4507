package plots

import (
	"math"
	"slices"
	"strings"
	"testing"
)

// fiveSeeds are the test accuracies of the shipped model's five seeds
// (models/blog-cnn/SEEDS.md); torchRuns are made up.
var (
	fiveSeeds = []float64{0.9891, 0.9865, 0.9882, 0.99, 0.9901}
	torchRuns = []float64{0.9912, 0.9905, 0.9921}
)

func TestHistogram(t *testing.T) {
	d := AccuracyDistribution(Sample{"werkbank, go", fiveSeeds}, Sample{"PyTorch", torchRuns})
	if d.BinWidth != 0.0005 {
		t.Errorf("bin width %v, want 0.0005", d.BinWidth)
	}
	fig, err := Histogram(d, WithTitle("Five seeds"))
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	for i := range 2 {
		if n := countNear(img, tab10[i], 2); n < 300 {
			t.Errorf("sample %d: %d pixels in its colour", i, n)
		}
	}
	texts := strings.Join(checkSVG(t, fig).texts, "|")
	for _, want := range []string{"Five seeds", "goal 0.991", "post 0.9926", "|0.995|", "werkbank, go", "PyTorch", "Test accuracy", "Runs"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks %q in %q", want, texts)
		}
	}
}

func TestHistogramBins(t *testing.T) {
	// 9910/10000 is on the edge of a bin of 0.0005 and belongs to the
	// bin it starts, however the division rounds.
	for _, v := range []float64{0.991, 9910.0 / 10000, float64(float32(0.991))} {
		if k := binIndex(v, 0.0005); k != 1982 {
			t.Errorf("binIndex(%v, 0.0005) = %d, want 1982", v, k)
		}
	}
	d := Distribution{Samples: []Sample{{"a", []float64{0.9900, 0.9903, 0.9905, 0.9910}}, {"b", []float64{0.9904}}}}
	got := d.count(0.0005, 1980, 1982)
	want := [][]int{{2, 1, 1}, {1, 0, 0}}
	for i := range want {
		if !slices.Equal(got[i], want[i]) {
			t.Errorf("counts of sample %d: %v, want %v", i, got[i], want[i])
		}
	}
	// Runs far from the post's marks get wider bins, chosen when drawn.
	far := AccuracyDistribution(Sample{"tiny runs", []float64{0.85, 0.86}})
	if far.BinWidth != 0 {
		t.Errorf("bin width %v for runs far from the marks, want 0 (chosen)", far.BinWidth)
	}
	if fig, err := Histogram(far); err != nil {
		t.Error(err)
	} else {
		decodePNG(t, fig)
		// The marks are pixels apart: only the first keeps its label.
		texts := strings.Join(checkSVG(t, fig).texts, "|")
		if !strings.Contains(texts, "post 0.9926") || strings.Contains(texts, "goal") {
			t.Errorf("labels of marks close together: %q", texts)
		}
	}
	// One value, no marks, no label: no legend, still a chart.
	if fig, err := Histogram(Distribution{Samples: []Sample{{Values: []float64{3}}}}); err != nil {
		t.Error(err)
	} else {
		decodePNG(t, fig)
	}
}

func TestHistogramErrors(t *testing.T) {
	ok := []Sample{{"a", []float64{0.99}}}
	for _, tc := range []struct {
		d    Distribution
		want string
	}{
		{Distribution{}, "no samples"},
		{Distribution{Samples: []Sample{{"a", nil}}}, `sample 0 ("a") has no values`},
		{Distribution{Samples: []Sample{{"a", []float64{0.99}}, {"b", []float64{0.98, math.NaN()}}}}, `sample 1 ("b"): value 1 is NaN`},
		{Distribution{Samples: ok, Marks: []Mark{{math.Inf(1), "goal"}}}, `mark 0 ("goal") is at +Inf`},
		{Distribution{Samples: ok, BinWidth: -0.1}, "bin width -0.1, want a finite value > 0"},
		{Distribution{Samples: []Sample{{"a", []float64{0, 1}}}, BinWidth: 1e-6}, "want at most 1000"},
	} {
		_, err := Histogram(tc.d)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Histogram(%+v) error = %v, want %q", tc.d, err, tc.want)
		}
	}
}
