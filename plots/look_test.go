package plots

import (
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"testing"
)

// TestLookSamples writes one sample of every figure type as PNG and SVG to
// the directory named by PLOTS_LOOK_DIR, for looking at them; it is
// skipped when the variable is unset.
//
//	PLOTS_LOOK_DIR=/tmp/plots-look go test -run LookSamples ./plots/
func TestLookSamples(t *testing.T) {
	dir := os.Getenv("PLOTS_LOOK_DIR")
	if dir == "" {
		t.Skip("PLOTS_LOOK_DIR not set")
	}
	for name, fig := range lookSamples(t) {
		if _, _, err := SaveAll(fig, dir, name); err != nil {
			t.Fatal(err)
		}
		t.Logf("wrote %s", filepath.Join(dir, name+".png"))
	}
}

func lookSamples(t *testing.T) map[string]Figure {
	must := func(f Figure, err error) Figure {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	rng := rand.New(rand.NewPCG(1, 2))
	digit := syntheticDigit()
	noise := Map{Data: randomData(rng, 28*28), Rows: 28, Cols: 28, Title: "Original"}
	out := map[string]Figure{}

	// Abb 3: original and 9 feature maps per layer.
	layer := func(size int) []Map {
		maps := []Map{digit}
		for i := range 9 {
			maps = append(maps, Map{Data: fakeFeature(rng, digit, size, i), Rows: size, Cols: size, Title: itoa(i)})
		}
		return maps
	}
	out["abb3-row-sinc"] = must(Row(layer(28), GridOptions{Interpolation: Smooth}))
	var rows []Figure
	for i, size := range []int{28, 14, 7, 3} {
		in := Smooth
		if size < 10 {
			in = Nearest
		}
		rows = append(rows, must(Row(layer(size), GridOptions{Interpolation: in, Title: "Layer Index " + itoa(2*i) + " Conv2D"})))
	}
	out["abb3-stacked"] = must(Stack(rows...))
	out["abb3-row-none-3x3"] = must(Row(layer(3), GridOptions{Caption: "Abb 3: Das Ergebnis von neun verschiedenen Filtern je Layer, wenn sie auf eine 4 blicken."}))

	// Abb 4/5: grid of original + 32 maps.
	grid := []Map{noise}
	for i := range 32 {
		grid = append(grid, Map{Data: fakeFeature(rng, noise, 7, i), Rows: 7, Cols: 7, Title: itoa(i)})
	}
	out["abb4-grid-7x7"] = must(Grid(grid, GridOptions{Title: "Layer Index 4 Conv2D (1, 7, 7, 32)", Caption: "Abb 4: Visualisierung, was die verschiedenen Filter einer Schicht aus einem Rauschen filtern."}))
	out["abb4-grid-viridis-smooth"] = must(Grid(grid[:17], GridOptions{Colormap: Viridis, Interpolation: Smooth, CellSize: 64}))

	// Abb 6: columns.
	col := func(m Map, title string) []Map {
		m.Title = title
		c := []Map{m}
		for i := range 16 {
			c = append(c, Map{Data: fakeFeature(rng, m, 3, i), Rows: 3, Cols: 3})
		}
		return c
	}
	out["abb6-columns"] = must(Columns([][]Map{col(noise, "Rauschen"), nil, col(digit, "4"), col(digit, "4"), nil, col(digit, "6"), col(digit, "6")},
		GridOptions{Caption: "Abb 6: Zwei Beispiele für codierte Ziffern"}))
	// Abb 1/2.
	acc := []float64{0.9012, 0.9711, 0.9785, 0.9822, 0.9851, 0.9866, 0.9880, 0.9887, 0.9899, 0.9905, 0.9911, 0.9918}
	valAcc := []float64{0.9740, 0.9812, 0.9851, 0.9808, 0.9883, 0.9869, 0.9902, 0.9874, 0.9907, 0.9893, 0.9917, 0.9905}
	loss := []float64{0.3121, 0.0950, 0.0702, 0.0580, 0.0489, 0.0431, 0.0392, 0.0361, 0.0330, 0.0306, 0.0287, 0.0262}
	valLoss := []float64{0.0850, 0.0621, 0.0492, 0.0611, 0.0401, 0.0452, 0.0341, 0.0422, 0.0330, 0.0381, 0.0302, 0.0352}
	out["abb1-accuracy"] = must(TrainingCurve(accuracyCurves(acc, valAcc)))
	out["abb2-loss"] = must(TrainingCurve(lossCurves(loss, valLoss)))
	out["compare-runs"] = must(CompareCurves(Comparison{
		Title:  "Validation accuracy of three runs",
		YLabel: "Accuracy",
		Series: []Series{
			{Label: "lr=0.001", Values: valAcc},
			{Label: "lr=0.01", Values: []float64{0.95, 0.962, 0.97, 0.965, 0.972, 0.969, 0.975, 0.971}},
			{Label: "dropout 0.5", Values: []float64{0.968, 0.979, 0.984, 0.986, 0.988, 0.989, 0.9901, 0.9912, 0.9915, 0.9921, 0.9925, 0.9931, 0.9929, 0.9933}},
		},
	}))
	out["compare-outlier"] = must(CompareCurves(Comparison{Title: "Comparison: val_acc", YLabel: "val_acc", Series: sixRuns()}, WithSize(800, 450)))
	out["abb1-abb2-side-by-side"] = must(SideBySide(out["abb1-accuracy"], out["abb2-loss"]))

	// Prediction for the noise image (the post's numbers).
	probs := []float64{0.0045, 0.0001, 0.0014, 0.0001, 0.0002, 0.0038, 0.0120, 0.0000, 0.9777, 0.0002}
	out["probability-bars"] = must(ProbabilityBars(probs, nil, WithTitle("Vorhersage für das Rauschen")))
	many := make([]float64, 26)
	labels := make([]string, 26)
	for i := range many {
		many[i] = 0.01
		labels[i] = string(rune('A' + i))
	}
	many[7] = 0.74
	out["probability-bars-26"] = must(ProbabilityBars(many, labels))

	// Confusion matrix of a good MNIST model.
	counts := make([][]int, 10)
	totals := []int{980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009}
	for r := range counts {
		counts[r] = make([]int, 10)
		left := totals[r]
		for c := range counts[r] {
			if c != r {
				n := rng.IntN(4)
				if (r == 4 && c == 9) || (r == 7 && c == 2) {
					n = 9
				}
				counts[r][c] = n
				left -= n
			}
		}
		counts[r][r] = left
	}
	out["confusion-matrix"] = must(ConfusionMatrix(counts, nil, WithTitle("Confusion matrix (test set)")))
	dist := [][]float64{
		{0, 7.91, 8.12, 9.40, 9.05},
		{7.91, 0, 1.32, 6.85, 7.02},
		{8.12, 1.32, 0, 6.61, 6.90},
		{9.40, 6.85, 6.61, 0, 1.71},
		{9.05, 7.02, 6.90, 1.71, 0},
	}
	out["distance-matrix"] = must(DistanceMatrix(dist, []string{"Rauschen", "4 (a)", "4 (b)", "6 (a)", "6 (b)"},
		WithTitle("Euklidische Distanz der 3×3×16-Codes")))
	out["strip"] = must(Strip(accuracyDistribution(Sample{Label: "werkbank, go backend", Values: fiveSeeds}, Sample{Label: "PyTorch 1.13", Values: torchRuns}),
		WithTitle("Test accuracy of five seeds")))
	baseline := Sample{Label: "baseline: the post's settings", Values: fiveSeeds, Highlight: true}
	study := accuracyDistribution(append([]Sample{baseline}, studySamples()...)...)
	study.Band = BaselineBand(baseline)
	study.Title = "Thirteen configurations against the post's settings"
	out["strip-study"] = must(Strip(study))
	return out
}

func itoa(i int) string { return string(rune('0'+i/10)) + string(rune('0'+i%10)) }

func randomData(rng *rand.Rand, n int) []float32 {
	d := make([]float32, n)
	for i := range d {
		d[i] = rng.Float32()
	}
	return d
}

// syntheticDigit is a 28×28 drawing of a "4".
func syntheticDigit() Map {
	d := make([]float32, 28*28)
	set := func(r, c int) {
		for dr := -1; dr <= 1; dr++ {
			for dc := -1; dc <= 1; dc++ {
				rr, cc := r+dr, c+dc
				if rr >= 0 && rr < 28 && cc >= 0 && cc < 28 {
					v := float32(1 - 0.3*math.Abs(float64(dr*dc)))
					if d[rr*28+cc] < v {
						d[rr*28+cc] = v
					}
				}
			}
		}
	}
	for r := 5; r <= 16; r++ {
		set(r, 8+(16-r)/4)
	}
	for c := 7; c <= 20; c++ {
		set(16, c)
	}
	for r := 4; r <= 23; r++ {
		set(r, 17)
	}
	return Map{Data: d, Rows: 28, Cols: 28, Title: "Original"}
}

// fakeFeature imitates a ReLU feature map of size×size computed from src.
func fakeFeature(rng *rand.Rand, src Map, size, seed int) []float32 {
	d := make([]float32, size*size)
	if seed%7 == 3 {
		return d // a dead filter: all zero
	}
	wx, wy := rng.Float64()*2-1, rng.Float64()*2-1
	for r := range size {
		for c := range size {
			sr, sc := r*src.Rows/size, c*src.Cols/size
			v := float64(src.Data[sr*src.Cols+sc])
			if sc+1 < src.Cols {
				v = wx*v + wy*float64(src.Data[sr*src.Cols+sc+1])
			}
			d[r*size+c] = float32(math.Max(0, v+0.2*rng.Float64()-0.1))
		}
	}
	return d
}
