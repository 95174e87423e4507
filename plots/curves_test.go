package plots

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"
)

var (
	acc    = []float64{0.90, 0.97, 0.978, 0.982, 0.985, 0.987}
	valAcc = []float64{0.974, 0.981, 0.985, 0.981, 0.988, 0.987}
)

// countNear counts the pixels within tol of c.
func countNear(img image.Image, c color.RGBA, tol int) int {
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if near(rgbaAt(img, x, y), c, tol) {
				n++
			}
		}
	}
	return n
}

func TestTrainingCurve(t *testing.T) {
	fig, err := TrainingCurve(AccuracyCurves(acc, valAcc))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := fig.Size(); w != 640 || h != 480 {
		t.Errorf("default size %dx%d, want 640x480", w, h)
	}
	img := decodePNG(t, fig)
	if n := countNear(img, color.RGBA{0, 0, 255, 255}, 10); n < 300 {
		t.Errorf("%d blue pixels; dots and line missing?", n)
	}
	if n := countColors(img); n < 20 {
		t.Errorf("only %d colours", n)
	}
	texts := strings.Join(checkSVG(t, fig).texts, "|")
	for _, want := range []string{"Training and validation accuracy", "Training acc", "Validation acc",
		"Epochs", "Accuracy", "Abb 1: Anstieg der Genauigkeit über die Epochen"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks text %q (has %q)", want, texts)
		}
	}

	fig, err = TrainingCurve(LossCurves([]float64{0.3, 0.1}, nil), WithSize(320, 240), WithTitle(""), WithCaption("Abb 2"))
	if err != nil {
		t.Fatal(err)
	}
	if w, h := fig.Size(); w != 320 || h != 240 {
		t.Errorf("WithSize: %dx%d", w, h)
	}
	texts = strings.Join(checkSVG(t, fig).texts, "|")
	if strings.Contains(texts, "Training and validation loss") || !strings.Contains(texts, "Abb 2") {
		t.Errorf("options not applied: %q", texts)
	}
}

func TestTrainingCurveGapsAndClipping(t *testing.T) {
	nan := math.NaN()
	// A diverged loss: the NaN epochs leave gaps.
	if _, err := TrainingCurve(Curves{Train: []float64{1, nan, 0.5}, Val: []float64{nan, 2, math.Inf(1)}}); err != nil {
		t.Errorf("NaN values: %v", err)
	}
	// With a fixed y range, values outside are not drawn outside the frame.
	fig, err := TrainingCurve(Curves{Val: []float64{0, 10, 0}}, WithYRange(0, 1), WithTitle(""))
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	for y := 0; y < 4; y++ {
		for x := 0; x < 640; x++ {
			if c := rgbaAt(img, x, y); int(c.B) > int(c.R)+50 {
				t.Fatalf("blue pixel %v at (%d, %d) above the frame", c, x, y)
			}
		}
	}
}

func TestTrainingCurveErrors(t *testing.T) {
	nan := math.NaN()
	for _, tc := range []struct {
		name string
		c    Curves
		opts []Option
		want string
	}{
		{"empty", Curves{}, nil, "no values"},
		{"all NaN", Curves{Val: []float64{nan, nan}}, nil, "no finite values"},
		{"y range", Curves{Val: []float64{1}}, []Option{WithYRange(1, 0)}, "invalid y range"},
		{"size", Curves{Val: []float64{1}}, []Option{WithSize(10, 10)}, "size 10×10"},
	} {
		_, err := TrainingCurve(tc.c, tc.opts...)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "plots: TrainingCurve: ") {
			t.Errorf("%s: error = %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestCompareCurves(t *testing.T) {
	fig, err := CompareCurves(Comparison{
		Title:  "Validation accuracy",
		Series: []Series{{Label: "a", Values: valAcc}, {Label: "b", Values: acc[:3]}, {Values: []float64{0.95}}},
	})
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	for i := range 3 {
		if n := countNear(img, tab10[i], 8); n < 20 {
			t.Errorf("series %d: only %d pixels of its colour", i, n)
		}
	}
	texts := strings.Join(checkSVG(t, fig).texts, "|")
	if !strings.Contains(texts, "|a|") || !strings.Contains(texts, "Run 3") {
		t.Errorf("legend texts missing in %q", texts)
	}
	if _, err := CompareCurves(Comparison{}); err == nil {
		t.Error("no series accepted")
	}
	_, err = CompareCurves(Comparison{Series: []Series{{Label: "ok", Values: acc}, {Label: "empty"}}})
	if err == nil || !strings.Contains(err.Error(), `series 1 ("empty") has no values`) {
		t.Errorf("empty series: error = %v", err)
	}
}
