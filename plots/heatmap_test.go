package plots

import (
	"image/color"
	"math"
	"strings"
	"testing"

	"github.com/kiwerkstatt/werkbank/lang"
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
	// The largest error has the darkest colour, zero the lightest, the
	// diagonal its own grey.
	for _, c := range []struct {
		name  string
		color color.RGBA
	}{{"largest error", Blues.At(1)}, {"zero", Blues.At(0)}, {"diagonal", diagonalColor}} {
		if n := countNear(img, c.color, 0); n < 500 {
			t.Errorf("%d pixels of the %s's colour", n, c.name)
		}
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

// TestConfusionMatrixShowsErrors: next to a thousand correct counts a
// single error must not look like an empty cell, as it did on a linear
// scale from 0 to 1000.
func TestConfusionMatrixShowsErrors(t *testing.T) {
	counts := [][]int{
		{1000, 1, 0},
		{0, 1000, 5},
		{0, 0, 1000},
	}
	fig, err := ConfusionMatrix(counts, nil, WithColorbar(false), WithSize(360, 340))
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	one := Blues.At(math.Log1p(1) / math.Log1p(5))
	if n := countNear(img, one, 0); n < 500 {
		t.Errorf("the cell with one error: %d pixels of %v", n, one)
	}
	if d := luminance(Blues.At(0)) - luminance(one); d < 0.15 {
		t.Errorf("one error is hardly darker than none: luminance %.2f lower", d)
	}
	if n := countNear(img, Blues.At(1), 0); n < 500 {
		t.Errorf("the cell with five errors: %d pixels of the darkest colour", n)
	}
	if n := countNear(img, diagonalColor, 0); n < 3*500 {
		t.Errorf("%d pixels of the diagonal's grey", n)
	}
	texts := "|" + strings.Join(checkSVG(t, fig).texts, "|") + "|"
	for _, want := range []string{"|1|", "|5|", "|0|"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks the count %q in %q", want, texts)
		}
	}
	if strings.Count(strings.ReplaceAll(texts, "|", ""), "1000") != 3 {
		t.Errorf("SVG lacks the diagonal's counts in %q", texts)
	}
}

func TestCountTicks(t *testing.T) {
	for hi, want := range map[float64]string{
		0:    "0",
		1:    "0 1",
		6:    "0 1 2 6",
		30:   "0 1 2 5 10 20 30",
		1200: "0 1 5 10 20 50 100 200 500 1,200",
	} {
		ts, w := countTicks(hi)
		if got := labels(ts); got != want || w <= 0 {
			t.Errorf("countTicks(%g) = %q (width %.1f), want %q", hi, got, w, want)
		}
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
	// In German the values have a decimal comma.
	defer lang.Set(lang.Current())
	lang.Set(lang.German)
	fig, err = DistanceMatrix(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	texts = strings.Join(checkSVG(t, fig).texts, "|")
	for _, want := range []string{"1,50", "8,25", "0,00"} {
		if !strings.Contains(texts, want) {
			t.Errorf("German: SVG lacks %q in %q", want, texts)
		}
	}
	lang.Set(lang.English)
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

func TestHeatOverlays(t *testing.T) {
	// A 4×4 image, its left half white, and a heat map whose top left
	// pixel is the maximum, whose right half is 0 (or negative), and
	// which is 0 at the white bottom left pixel too.
	img := []float32{1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0, 1, 1, 0, 0}
	heat := []float32{2, 1, 0, -1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 1, 0, 0}
	row := OverlayRow{Label: "reads 4", Image: Map{Data: img, Rows: 4, Cols: 4}, Heat: Map{Data: heat, Rows: 4, Cols: 4}}
	o := Overlay{Title: "Saliency", Headers: [3]string{"digit", "saliency", "overlay"}, Rows: []OverlayRow{row, row}}
	fig, err := HeatOverlays(o)
	if err != nil {
		t.Fatal(err)
	}
	if w, h := fig.Size(); w < 3*overlayCell+100 || h < 2*overlayCell+40 {
		t.Errorf("size %d×%d", w, h)
	}
	png := decodePNG(t, fig)
	px := overlayCell * overlayCell / 16 // the pixels of one value of the 4×4 maps
	g := uint8(math.Round(overlayDim * 255))
	for _, c := range []struct {
		name  string
		color color.RGBA
		min   int
	}{
		// The maximum is the colormap's top in the heat map and, opaque,
		// in the overlay: two panels a row, two rows.
		{"the heat's maximum", Magma.At(1), 2 * 2 * px},
		{"the heat's zero", Magma.At(0), 2 * 9 * px},
		// No heat over white: the dimmed white.
		{"the dimmed image", color.RGBA{g, g, g, 255}, 2 * px},
	} {
		if n := countNear(png, c.color, 0); n < c.min {
			t.Errorf("%s: %d pixels of %v, want at least %d", c.name, n, c.color, c.min)
		}
	}
	// Heat 1 of 2 over white: half the colormap's middle, half the
	// dimmed white.
	mid, gf := Magma.At(0.5), overlayDim*255
	blend := color.RGBA{uint8(math.Round(0.5*gf + 0.5*float64(mid.R))), uint8(math.Round(0.5*gf + 0.5*float64(mid.G))), uint8(math.Round(0.5*gf + 0.5*float64(mid.B))), 255}
	if n := countNear(png, blend, 1); n < 2*6*px {
		t.Errorf("the blend of heat 0.5 over white: %d pixels of %v", n, blend)
	}
	info := checkSVG(t, fig)
	if info.images != 3*2+1 {
		t.Errorf("%d images, want 3 panels per row and the colour bar", info.images)
	}
	texts := "|" + strings.Join(info.texts, "|") + "|"
	for _, want := range []string{"|Saliency|", "|digit|", "|saliency|", "|overlay|", "|reads 4|", "|0.25|", "|1|"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks %q in %q", want, texts)
		}
	}
	fig, err = HeatOverlays(o, WithColorbar(false), WithTitle(""), WithColormap(Viridis))
	if err != nil {
		t.Fatal(err)
	}
	if info := checkSVG(t, fig); info.images != 6 || strings.Contains(strings.Join(info.texts, "|"), "Saliency") {
		t.Errorf("without colour bar and title: %d images, texts %q", info.images, info.texts)
	}
	if n := countNear(decodePNG(t, fig), Viridis.At(1), 0); n < 2*2*px {
		t.Errorf("WithColormap(Viridis): %d pixels of its top", n)
	}
	defer lang.Set(lang.Current())
	lang.Set(lang.German)
	fig, err = HeatOverlays(o)
	if err != nil {
		t.Fatal(err)
	}
	if texts := strings.Join(checkSVG(t, fig).texts, "|"); !strings.Contains(texts, "0,25") {
		t.Errorf("German colour bar: %q", texts)
	}
}

func TestHeatOverlaysErrors(t *testing.T) {
	m := func(n int) Map { return Map{Data: make([]float32, n*n), Rows: n, Cols: n} }
	for _, tc := range []struct {
		name string
		o    Overlay
		opts []Option
		want string
	}{
		{"empty", Overlay{}, nil, "HeatOverlays: no rows"},
		{"sizes", Overlay{Rows: []OverlayRow{{Label: "a", Image: m(4), Heat: m(3)}}}, nil, `row 0 ("a"): heat map 3×3, image 4×4`},
		{"NaN", Overlay{Rows: []OverlayRow{{Image: m(2), Heat: Map{Data: []float32{0, float32(math.NaN()), 0, 0}, Rows: 2, Cols: 2}}}}, nil, "row 0, heat map: Data[1]"},
		{"cell", Overlay{Rows: []OverlayRow{{Image: m(2), Heat: m(2)}}, CellSize: 8}, nil, "CellSize 8 out of range"},
		{"colormap", Overlay{Rows: []OverlayRow{{Image: m(2), Heat: m(2)}}}, []Option{WithColormap(9)}, "unknown colormap"},
	} {
		_, err := HeatOverlays(tc.o, tc.opts...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error = %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
