package plots

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg"
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
	fig, err := TrainingCurve(accuracyCurves(acc, valAcc))
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

	fig, err = TrainingCurve(lossCurves([]float64{0.3, 0.1}, nil), WithSize(320, 240), WithTitle(""), WithCaption("Abb 2"))
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

// TestCompareCurvesOffScale: a run far off is named under the chart
// instead of squashing the others into a flat band, for accuracies (far
// below) and losses (far above); the legend stays off the data.
func TestCompareCurvesOffScale(t *testing.T) {
	c := Comparison{Title: "Comparison: val_acc", YLabel: "val_acc", Series: sixRuns()}
	lc, err := newComparison(c, newConfig([]Option{WithSize(800, 450)}))
	if err != nil {
		t.Fatal(err)
	}
	if lc.a.y0 < 0.95 || lc.a.y1 > 1 {
		t.Errorf("y range [%v, %v], want the bulk's, about [0.96, 0.995]", lc.a.y0, lc.a.y1)
	}
	if len(lc.runs) != 5 || len(lc.leg) != 5 {
		t.Errorf("%d curves and %d legend entries drawn, want 5", len(lc.runs), len(lc.leg))
	}
	if got := strings.Join(lc.note.lines, " "); got != "Off the scale, not drawn: pooling=batchnorm (last 0.2100)" {
		t.Errorf("note %q", got)
	}
	checkLegendOutside(t, lc)
	fig, err := CompareCurves(c, WithSize(800, 450))
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	if n := countNear(img, tab10[4], 8); n != 0 { // pooling=batchnorm's colour
		t.Errorf("%d pixels of the run off the scale", n)
	}
	if n := countNear(img, tab10[5], 8); n < 50 { // augment's keeps its colour
		t.Errorf("%d pixels of the sixth run's colour", n)
	}
	if texts := strings.Join(checkSVG(t, fig).texts, "|"); !strings.Contains(texts, "pooling=batchnorm (last 0.2100)") {
		t.Errorf("SVG lacks the note: %q", texts)
	}

	// A diverged loss is far above.
	loss := Comparison{Series: []Series{
		{Label: "a", Values: []float64{0.09, 0.05, 0.03}},
		{Label: "b", Values: []float64{0.08, 0.04, 0.028}},
		{Label: "diverged", Values: []float64{0.07, 0.9, 2.3026}},
		{Label: "c", Values: []float64{0.1, 0.05, 0.031}},
	}}
	lc, err = newComparison(loss, newConfig(nil))
	if err != nil {
		t.Fatal(err)
	}
	if lc.a.y1 > 0.2 || len(lc.runs) != 3 || !strings.Contains(strings.Join(lc.note.lines, " "), "diverged (last 2.3026)") {
		t.Errorf("loss: y range [%v, %v], %d curves, note %q", lc.a.y0, lc.a.y1, len(lc.runs), lc.note.lines)
	}
	// A fixed range draws every run, clipped.
	lc, err = newComparison(loss, newConfig([]Option{WithYRange(0, 0.1)}))
	if err != nil || len(lc.runs) != 4 || len(lc.note.lines) != 0 {
		t.Errorf("WithYRange: %d curves, note %q, error %v", len(lc.runs), lc.note.lines, err)
	}
}

// TestCompareCurvesFew: one run and two runs are all drawn, the legend
// right of the data.
func TestCompareCurvesFew(t *testing.T) {
	for _, ss := range [][]Series{
		{{Label: "only", Values: valAcc}},
		{{Label: "good", Values: valAcc}, {Label: "bad", Values: []float64{0.1, 0.2}}},
	} {
		lc, err := newComparison(Comparison{Series: ss}, newConfig(nil))
		if err != nil {
			t.Fatal(err)
		}
		if len(lc.runs) != len(ss) || len(lc.note.lines) != 0 {
			t.Errorf("%d series: %d drawn, note %q", len(ss), len(lc.runs), lc.note.lines)
		}
		checkLegendOutside(t, lc)
	}
}

// checkLegendOutside checks that the legend lies right of the data area,
// within the figure.
func checkLegendOutside(t *testing.T, lc *lineLayout) {
	t.Helper()
	l, ar := lc.legBox, lc.a.area
	if l.Min.X <= ar.Max.X || l.Max.X > vg.Length(lc.w) || l.Min.Y < 0 || l.Max.Y > vg.Length(lc.h) {
		t.Errorf("legend %v overlaps the data area %v or leaves the figure of %dx%d", l, ar, lc.w, lc.h)
	}
}

// accuracyCurves and lossCurves are the post's Abb 1 and 2, as package
// figures makes them.
func accuracyCurves(train, val []float64) Curves {
	return Curves{
		Title:      "Training and validation accuracy",
		Caption:    "Abb 1: Anstieg der Genauigkeit über die Epochen",
		YLabel:     "Accuracy",
		Train:      train,
		Val:        val,
		TrainLabel: "Training acc",
		ValLabel:   "Validation acc",
	}
}

func lossCurves(train, val []float64) Curves {
	return Curves{
		Title:      "Training and validation loss",
		Caption:    "Abb 2: Abnahme des Fehlers über die Epochen",
		YLabel:     "Loss",
		Train:      train,
		Val:        val,
		TrainLabel: "Training loss",
		ValLabel:   "Validation loss",
	}
}
