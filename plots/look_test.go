package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"math/rand/v2"
	"os"
	"sort"
	"testing"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"

	"github.com/kiwerkstatt/werkbank/lang"
)

// TestSamples draws one sample of every figure type, in English and in
// German, and checks what each draws: a PNG of the figure's size and a
// self-contained SVG, a blank frame around the figure (nothing runs off
// its edges), and every text inside the figure, not overlapping another
// text and visibly drawn (its box holds ink). With PLOTS_LOOK_DIR set it also writes the samples
// there as PNG and SVG, for a person to look at:
//
//	PLOTS_LOOK_DIR=/tmp/plots-look go test -run Samples ./plots/
func TestSamples(t *testing.T) {
	dir := os.Getenv("PLOTS_LOOK_DIR")
	defer lang.Set(lang.Current())
	for _, l := range lang.Languages {
		lang.Set(l)
		samples := lookSamples(t)
		names := make([]string, 0, len(samples))
		for name := range samples {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			fig := samples[name]
			t.Run(fmt.Sprintf("%s/%s", l, name), func(t *testing.T) { checkSample(t, fig) })
			if dir != "" {
				if _, _, err := SaveAll(fig, dir, fmt.Sprintf("%s-%s", name, l)); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if dir != "" {
		t.Logf("wrote the samples to %s", dir)
	}
}

// checkSample checks what fig draws (see TestSamples).
func checkSample(t *testing.T, fig Figure) {
	decodePNG(t, fig)
	checkSVG(t, fig)
	img, texts := drawRecorded(t, fig)
	w, h := fig.Size()
	b := img.Bounds()
	// A blank frame of 2 pixels: nothing is cut off at the edges.
	const frame = 2
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			inner := x >= frame && x < w-frame && y >= frame && y < h-frame
			if c := rgbaAt(img, x, y); !inner && c != (color.RGBA{255, 255, 255, 255}) {
				t.Fatalf("ink at the edge, pixel (%d, %d) is %v", x, y, c)
			}
		}
	}
	if len(texts) == 0 {
		t.Fatal("no text drawn")
	}
	for i, tx := range texts {
		r := tx.box
		if r.Min.X < -0.5 || r.Min.Y < -0.5 || r.Max.X > float64(w)+0.5 || r.Max.Y > float64(h)+0.5 {
			t.Errorf("text %q at %v runs out of the %d×%d figure", tx.s, r, w, h)
		}
		if n := inkIn(img, h, tx.ink); n < 3 {
			t.Errorf("text %q at %v: %d pixels of ink, want it drawn", tx.s, r, n)
		}
		for _, other := range texts[i+1:] {
			if overlap(tx.ink, other.ink) {
				t.Errorf("text %q at %v overlaps %q at %v", tx.s, tx.ink, other.s, other.ink)
			}
		}
	}
}

// recordedText is a text that a figure drew: its string, its box from the
// font's descent to its ascent, and its ink box from half the descent to
// the height of capitals, in figure pixels with y upwards.
type recordedText struct {
	s        string
	box, ink rect64
}

// rect64 is a rectangle in figure pixels, y upwards.
type rect64 struct{ Min, Max struct{ X, Y float64 } }

func (r rect64) String() string {
	return fmt.Sprintf("(%.1f,%.1f)-(%.1f,%.1f)", r.Min.X, r.Min.Y, r.Max.X, r.Max.Y)
}

func overlap(a, b rect64) bool {
	return a.Min.X < b.Max.X && b.Min.X < a.Max.X && a.Min.Y < b.Max.Y && b.Min.Y < a.Max.Y
}

// inkIn returns the number of pixels of r (y upwards in a figure of height
// h) that differ from the colour most of r's pixels have.
func inkIn(img image.Image, h int, r rect64) int {
	counts := map[color.RGBA]int{}
	for y := int(math.Floor(float64(h) - r.Max.Y)); y < int(math.Ceil(float64(h)-r.Min.Y)); y++ {
		for x := int(math.Floor(r.Min.X)); x < int(math.Ceil(r.Max.X)); x++ {
			if (image.Point{x, y}).In(img.Bounds()) {
				counts[rgbaAt(img, x, y)]++
			}
		}
	}
	total, most := 0, 0
	for _, n := range counts {
		total += n
		most = max(most, n)
	}
	return total - most
}

// drawRecorded renders fig as its PNG does and returns the image and the
// texts it drew.
func drawRecorded(t *testing.T, fig Figure) (image.Image, []recordedText) {
	t.Helper()
	f, ok := fig.(*figure)
	if !ok {
		t.Fatalf("%T is not a figure of this package", fig)
	}
	c := vgimg.NewWith(
		vgimg.UseWH(vg.Length(f.w), vg.Length(f.h)),
		vgimg.UseDPI(72),
		vgimg.UseBackgroundColor(color.White),
	)
	rec := &recordingCanvas{Canvas: c, m: []affine{{1, 0, 0, 1, 0, 0}}}
	f.paint(draw.New(rec))
	return c.Image(), rec.texts
}

// affine maps (x, y) to (a x + c y + e, b x + d y + f).
type affine struct{ a, b, c, d, e, f float64 }

func (m affine) apply(x, y float64) (float64, float64) {
	return m.a*x + m.c*y + m.e, m.b*x + m.d*y + m.f
}

// then returns m after n: first n, then m.
func (m affine) then(n affine) affine {
	return affine{
		a: m.a*n.a + m.c*n.b, b: m.b*n.a + m.d*n.b,
		c: m.a*n.c + m.c*n.d, d: m.b*n.c + m.d*n.d,
		e: m.a*n.e + m.c*n.f + m.e, f: m.b*n.e + m.d*n.f + m.f,
	}
}

// recordingCanvas draws on a vgimg canvas and records the boxes of the
// texts, following the canvas' transformations.
type recordingCanvas struct {
	*vgimg.Canvas
	m     []affine // the stack of transformations, the current one last
	texts []recordedText
}

func (c *recordingCanvas) top() *affine { return &c.m[len(c.m)-1] }

func (c *recordingCanvas) Push() { c.m = append(c.m, *c.top()); c.Canvas.Push() }
func (c *recordingCanvas) Pop()  { c.m = c.m[:len(c.m)-1]; c.Canvas.Pop() }

func (c *recordingCanvas) Translate(pt vg.Point) {
	*c.top() = c.top().then(affine{1, 0, 0, 1, float64(pt.X), float64(pt.Y)})
	c.Canvas.Translate(pt)
}

func (c *recordingCanvas) Rotate(a float64) {
	sin, cos := math.Sincos(a)
	*c.top() = c.top().then(affine{cos, sin, -sin, cos, 0, 0})
	c.Canvas.Rotate(a)
}

func (c *recordingCanvas) Scale(x, y float64) {
	*c.top() = c.top().then(affine{x, 0, 0, y, 0, 0})
	c.Canvas.Scale(x, y)
}

func (c *recordingCanvas) FillString(f font.Face, pt vg.Point, s string) {
	ext := f.Extents()
	x0, x1 := float64(pt.X), float64(pt.X+f.Width(s))
	y := float64(pt.Y)
	size := float64(f.Font.Size)
	box := func(lo, hi float64) rect64 {
		var r rect64
		r.Min.X, r.Min.Y, r.Max.X, r.Max.Y = math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)
		for _, p := range [][2]float64{{x0, lo}, {x1, lo}, {x0, hi}, {x1, hi}} {
			px, py := c.top().apply(p[0], p[1])
			r.Min.X, r.Min.Y = math.Min(r.Min.X, px), math.Min(r.Min.Y, py)
			r.Max.X, r.Max.Y = math.Max(r.Max.X, px), math.Max(r.Max.Y, py)
		}
		return r
	}
	c.texts = append(c.texts, recordedText{
		s:   s,
		box: box(y-float64(ext.Descent), y+float64(ext.Ascent)),
		ink: box(y-float64(ext.Descent)/2, y+0.688*size),
	})
	c.Canvas.FillString(f, pt, s)
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

	// A learning-rate range test, with its default texts.
	var lr LRRangeCurve
	for i := range 60 {
		rate := 1e-6 * math.Pow(10, 6*float64(i)/59)
		lr.LR = append(lr.LR, rate)
		lr.Loss = append(lr.Loss, 2.3-1.6*math.Min(1, math.Log10(rate/1e-6)/4)+0.03*rng.Float64()+math.Max(0, 20*(rate-0.05)))
	}
	lr.Smoothed, lr.Suggested = lr.Loss, 2e-3
	out["lr-range"] = must(LRRangeChart(lr))
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
