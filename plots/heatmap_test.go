package plots

import (
	"math"
	"strings"
	"testing"
)

func TestConfusionMatrix(t *testing.T) {
	counts := [][]int{
		{50, 0, 2},
		{1, 40, 0},
		{0, 3, 45},
	}
	fig, err := ConfusionMatrix(counts, []string{"cat", "dog", "owl"}, WithColorbar(false))
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	// The largest count has the darkest colour, zero the lightest.
	if n := countNear(img, Blues.At(1), 0); n < 500 {
		t.Errorf("%d pixels of the top colour", n)
	}
	if n := countNear(img, Blues.At(0), 0); n < 500 {
		t.Errorf("%d pixels of the bottom colour", n)
	}
	info := checkSVG(t, fig)
	texts := strings.Join(info.texts, "|")
	for _, want := range []string{"|50|", "|45|", "|0|", "cat", "owl", "Predicted label", "True label"} {
		if !strings.Contains("|"+texts+"|", want) {
			t.Errorf("SVG lacks %q in %q", want, texts)
		}
	}
	if info.images != 0 {
		t.Errorf("%d images without colour bar", info.images)
	}
	// With the colour bar (the default) there is one image.
	fig, err = ConfusionMatrix(counts, nil)
	if err != nil {
		t.Fatal(err)
	}
	if info := checkSVG(t, fig); info.images != 1 {
		t.Errorf("%d images with colour bar, want 1", info.images)
	}
}

func TestHeatmapCellColours(t *testing.T) {
	// Two cells, min and max, printed without values: the cell centres
	// show the colormap's ends.
	fig, err := Heatmap([][]float64{{0, 1}}, []string{"r"}, []string{"a", "b"},
		WithFormat("-"), WithColormap(Magma), WithColorbar(false), WithSize(300, 200))
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	if countNear(img, Magma.At(0), 0) < 1000 || countNear(img, Magma.At(1), 0) < 1000 {
		t.Error("cells do not show the colormap ends")
	}
}

func TestDistanceMatrix(t *testing.T) {
	d := [][]float64{{0, 1.5, 9}, {1.5, 0, 8.25}, {9, 8.25, 0}}
	fig, err := DistanceMatrix(d, []string{"noise", "4", "4'"})
	if err != nil {
		t.Fatal(err)
	}
	decodePNG(t, fig)
	texts := strings.Join(checkSVG(t, fig).texts, "|")
	for _, want := range []string{"1.50", "8.25", "0.00", "noise"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks %q in %q", want, texts)
		}
	}
	// A constant matrix has no range; it still renders.
	if _, err := DistanceMatrix([][]float64{{0, 0}, {0, 0}}, nil); err != nil {
		t.Error(err)
	}
}

func TestHeatmapErrors(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  func() error
		want string
	}{
		{"empty", func() error { _, err := Heatmap(nil, nil, nil); return err }, "Heatmap: empty matrix"},
		{"ragged", func() error { _, err := Heatmap([][]float64{{1, 2}, {3}}, nil, nil); return err }, "row 1 has 1 values, want 2"},
		{"NaN", func() error { _, err := Heatmap([][]float64{{1, math.NaN()}}, nil, nil); return err }, "value [0][1] is NaN"},
		{"labels", func() error { _, err := Heatmap([][]float64{{1, 2}}, nil, []string{"a"}); return err }, "1 column labels for 2 columns"},
		{"colormap", func() error { _, err := Heatmap([][]float64{{1}}, nil, nil, WithColormap(9)); return err }, "unknown colormap"},
		{"not square", func() error { _, err := ConfusionMatrix([][]int{{1, 2}}, nil); return err }, "must be square"},
		{"negative", func() error { _, err := ConfusionMatrix([][]int{{1, -2}, {0, 1}}, nil); return err }, "count [0][1] is negative"},
		{"distance", func() error { _, err := DistanceMatrix([][]float64{{0, 1}, {1}}, nil); return err }, "DistanceMatrix: row 1 has 1 values"},
		{"too small", func() error { _, err := Heatmap(square(60), nil, nil, WithSize(150, 150)); return err }, "too small for 60×60 cells"},
	} {
		err := tc.err()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error = %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// square returns an n×n matrix of zeros.
func square(n int) [][]float64 {
	m := make([][]float64, n)
	for i := range m {
		m[i] = make([]float64, n)
	}
	return m
}
