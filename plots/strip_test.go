package plots

import (
	"image/color"
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

// studySamples are the 13 configurations of experiments/augment, labelled
// as werkbank collect labels them.
func studySamples() []Sample {
	return []Sample{
		{Label: "1: cosine --dropout 0.2", Values: []float64{0.9921, 0.9909, 0.9922}},
		{Label: "2: --lr 0.01 onecycle --pooling bn-max --dropout=0", Values: []float64{0.9953, 0.9933, 0.9949}},
		{Label: "3: --lr 0.01 onecycle --pooling bn-max --dropout=0.1", Values: []float64{0.9944}},
		{Label: "4: --augment-shift 0.05 --augment-zoom 0.05 --lr 0.01 onecycle…", Values: []float64{0.9943}},
		{Label: "5: --lr 0.01 onecycle --dropout 0.2", Values: []float64{0.9925, 0.9932, 0.9933}},
		{Label: "6: --epochs 30 --lr 0.01 onecycle --dropout 0.2 --l2=0.001", Values: []float64{0.9930, 0.9920, 0.9940}},
		{Label: "7: --epochs 30 --lr 0.01 onecycle --dropout 0.2", Values: []float64{0.9937}},
		{Label: "8: --lr 0.01 onecycle --dropout 0.2 --pooling=bn-max", Values: []float64{0.9944, 0.9935, 0.9947}},
		{Label: "9: --epochs 30 --lr 0.01 onecycle --dropout 0.2 --pooling=bn-m…", Values: []float64{0.9947, 0.9941, 0.9937}},
		{Label: "10: --lr 0.01 onecycle --dropout=0.1 --l2=0", Values: []float64{0.9913}},
		{Label: "11: --lr 0.01 onecycle --dropout=0.2 --l2=0", Values: []float64{0.9910}},
		{Label: "12: plateau", Values: []float64{0.9894}},
		{Label: "13: plateau --dropout 0.2", Values: []float64{0.9927, 0.9862}},
	}
}

func TestStrip(t *testing.T) {
	base := Sample{Label: "werkbank, go", Values: fiveSeeds, Highlight: true}
	d := accuracyDistribution(base, Sample{Label: "PyTorch", Values: torchRuns})
	d.Band = BaselineBand(base)
	fig, err := Strip(d, WithTitle("Five seeds"))
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	// Three dots of PyTorch, five of the highlighted baseline, the band.
	if n := countNear(img, stripDotColor, 2); n < 3*40 {
		t.Errorf("%d pixels in the dots' colour, want three dots", n)
	}
	if n := countNear(img, stripHighlightColor, 2); n < 5*40 {
		t.Errorf("%d pixels in the highlight colour, want five dots", n)
	}
	a := float64(stripBandColor.A) / 255
	over := func(v uint8) uint8 { return uint8(math.Round(float64(v)*a + 255*(1-a))) }
	band := color.RGBA{over(stripBandColor.R), over(stripBandColor.G), over(stripBandColor.B), 255}
	if n := countNear(img, band, 3); n < 500 {
		t.Errorf("%d pixels in the band's colour %v", n, band)
	}
	texts := strings.Join(checkSVG(t, fig).texts, "|")
	for _, want := range []string{"Five seeds", "goal 0.991", "post 0.9926", "|0.995|", "werkbank, go", "PyTorch",
		"Test accuracy", "werkbank, go: mean ± 2 sd", "|0.9900|", "one run", "mean ± sd"} {
		if !strings.Contains(texts, want) {
			t.Errorf("SVG lacks %q in %q", want, texts)
		}
	}
}

// TestStripLayout checks the geometry of the study of 13 configurations:
// the labels fit, nothing overlaps, and the height grows with the rows.
func TestStripLayout(t *testing.T) {
	d := accuracyDistribution(studySamples()...)
	d.Title = "The post's model with augmentation: ReduceLROnPlateau, cosine decay or one cycle, dropout 0.4, 0.2, 0.1 or none, 15 or 30 epochs"
	sc, err := newStrip(d, newConfig(nil))
	if err != nil {
		t.Fatal(err)
	}
	twice := d
	twice.Samples = append(studySamples(), studySamples()...)
	sc26, err := newStrip(twice, newConfig(nil))
	if err != nil {
		t.Fatal(err)
	}
	if sc.w != 800 || sc26.h-sc.h != 13*stripRowHeight {
		t.Errorf("13 rows: %dx%d, 26 rows: height %d; want width 800 and %d pixels per row", sc.w, sc.h, sc26.h, stripRowHeight)
	}
	ar := sc.a.area
	for i, r := range sc.rows {
		if want := d.Samples[i].Label; r.label != want {
			t.Errorf("row %d: label %q, want %q uncut", i, r.label, want)
		}
		if left := float64(ar.Min.X) - stripLabelGap - r.ts.width(r.label); left < outerPad-0.5 {
			t.Errorf("row %d: label starts at x=%.1f, cut off", i, left)
		}
		if r.sd[0] < float64(ar.Min.X) || r.sd[1] > float64(ar.Max.X) {
			t.Errorf("row %d: mean ± sd at x %.1f..%.1f outside the area %v", i, r.sd[0], r.sd[1], ar)
		}
		for _, p := range r.dots {
			if math.Abs(float64(p.Y)-r.y)+sc.radius > sc.rowH/2+0.01 || p.X < ar.Min.X || p.X > ar.Max.X {
				t.Errorf("row %d: dot at %v outside its row around y=%.1f", i, p, r.y)
			}
		}
	}
	if top := sc.rows[0].y + sc.rowH/2; top > sc.rowsTop+0.01 || sc.rows[12].y-sc.rowH/2 < float64(ar.Min.Y)-0.01 {
		t.Errorf("rows span %.1f..%.1f, outside the area below the mark labels %v..%.1f", sc.rows[12].y-sc.rowH/2, top, ar.Min.Y, sc.rowsTop)
	}
	checkTopLabels(t, sc)
	if len(sc.top) != 3 {
		t.Errorf("%d mark labels, want 3", len(sc.top))
	}
	// Drawn, the labels keep the left margin.
	fig, err := Strip(d)
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	for y := range sc.h {
		for x := range outerPad - 2 {
			if c := rgbaAt(img, x, y); c != (color.RGBA{255, 255, 255, 255}) {
				t.Fatalf("pixel (%d, %d) is %v, not white: a label is cut off", x, y, c)
			}
		}
	}
}

// checkTopLabels checks that the labels above the rows lie in the data
// area, above the rows, and apart from each other.
func checkTopLabels(t *testing.T, sc *stripChart) {
	t.Helper()
	ar := sc.a.area
	for i, l := range sc.top {
		y := sc.tierBaseline(l.tier)
		if l.x0 < float64(ar.Min.X) || l.x1 > float64(ar.Max.X) || y-tickTS.descent() < sc.rowsTop || y+tickTS.capHeight() > float64(ar.Max.Y) {
			t.Errorf("label %q at x %.1f..%.1f, baseline %.1f: outside the area %v above the rows (%.1f)", l.text, l.x0, l.x1, y, ar, sc.rowsTop)
		}
		for _, o := range sc.top[:i] {
			if o.tier == l.tier && o.x0 < l.x1 && l.x0 < o.x1 {
				t.Errorf("labels %q and %q overlap on line %d", o.text, l.text, l.tier)
			}
		}
	}
}

func TestStripStaggersAndStacks(t *testing.T) {
	// The goal and the post's result are pixels apart on a wide range:
	// their labels take two lines; equal values stack.
	d := accuracyDistribution(Sample{Label: "tiny runs", Values: []float64{0.85, 0.86, 0.86, 0.86}})
	sc, err := newStrip(d, newConfig(nil))
	if err != nil {
		t.Fatal(err)
	}
	checkTopLabels(t, sc)
	tiers := map[int]bool{}
	for _, l := range sc.top {
		tiers[l.tier] = true
	}
	if len(sc.top) != 3 || len(tiers) < 2 {
		t.Errorf("labels %+v, want all three on two lines or more", sc.top)
	}
	if want := float64(sc.a.area.Max.Y) - float64(len(tiers))*tickTS.lineHeight() - 6; sc.rowsTop != want {
		t.Errorf("rows start at %.1f, want %.1f below %d lines of labels", sc.rowsTop, want, len(tiers))
	}
	dots := sc.rows[0].dots
	for i := 1; i < 4; i++ {
		for j := 1; j < i; j++ {
			if dots[i] == dots[j] {
				t.Errorf("equal values 0.86 drawn on one spot %v", dots[i])
			}
		}
	}
}

func TestStripShortensLabels(t *testing.T) {
	long := "--epochs 30 --lr 0.01 onecycle --dropout 0.2 --pooling=bn-max --l2=0.001"
	d := Distribution{Samples: []Sample{{Label: long, Values: []float64{1}}, {Label: "b", Values: []float64{2}}}}
	for _, tc := range []struct {
		w   int
		cut bool
	}{{800, false}, {400, true}} {
		sc, err := newStrip(d, newConfig([]Option{WithSize(tc.w, 200)}))
		if err != nil {
			t.Fatal(err)
		}
		got := sc.rows[0].label
		if cut := got != long; cut != tc.cut || tc.cut && !strings.HasSuffix(got, "…") {
			t.Errorf("width %d: label %q", tc.w, got)
		}
		if data := float64(sc.a.area.Max.X - sc.a.area.Min.X); data < stripMinData*float64(tc.w)-2*outerPad {
			t.Errorf("width %d: data area %.0f pixels wide", tc.w, data)
		}
		if sc.h != 200 {
			t.Errorf("WithSize(%d, 200): height %d", tc.w, sc.h)
		}
	}
}

func TestStack(t *testing.T) {
	for _, tc := range []struct {
		xs   []float64
		max  int
		want []int
	}{
		{[]float64{10, 50, 90}, 2, []int{0, 0, 0}},
		{[]float64{10, 10, 10, 50}, 2, []int{0, 1, -1, 0}},
		// Close but not equal: stacked too; the order of xs does not matter.
		{[]float64{12, 10, 11}, 1, []int{-1, 0, 1}},
		// No free slot: the one covering the fewest.
		{[]float64{10, 10, 10, 10}, 1, []int{0, 1, -1, 0}},
		{[]float64{10, 10}, 0, []int{0, 0}},
	} {
		got := stack(tc.xs, 4, tc.max)
		if !slices.Equal(got, tc.want) {
			t.Errorf("stack(%v, 4, %d) = %v, want %v", tc.xs, tc.max, got, tc.want)
		}
	}
}

func TestDecimalTicks(t *testing.T) {
	var labels []string
	for _, tk := range decimalTicks(0.986, 0.996, 5, 4) {
		labels = append(labels, tk.label)
	}
	if got := strings.Join(labels, " "); got != "0.9860 0.9880 0.9900 0.9920 0.9940 0.9960" {
		t.Errorf("ticks %s", got)
	}
	labels = nil
	for _, tk := range decimalTicks(0, 1000, 5, 0) {
		labels = append(labels, tk.label)
	}
	if got := strings.Join(labels, " "); got != "0 200 400 600 800 1000" {
		t.Errorf("ticks %s", got)
	}
}

func TestBaselineBand(t *testing.T) {
	b := BaselineBand(Sample{Label: "base", Values: []float64{1, 2, 3}})
	if b == nil || b.Lo != 0 || b.Hi != 4 || b.Label != "base: mean ± 2 sd" {
		t.Errorf("BaselineBand of 1, 2, 3 = %+v, want 0..4", b)
	}
	if b := BaselineBand(Sample{Values: []float64{1}}); b != nil {
		t.Errorf("BaselineBand of one value = %+v, want nil", b)
	}
}

func TestStripErrors(t *testing.T) {
	ok := []Sample{{Label: "a", Values: []float64{0.99}}}
	many := make([]Sample, 40)
	for i := range many {
		many[i] = ok[0]
	}
	for _, tc := range []struct {
		d    Distribution
		opts []Option
		want string
	}{
		{Distribution{}, nil, "no samples"},
		{Distribution{Samples: []Sample{{Label: "a"}}}, nil, `sample 0 ("a") has no values`},
		{Distribution{Samples: []Sample{ok[0], {Label: "b", Values: []float64{0.98, math.NaN()}}}}, nil, `sample 1 ("b"): value 1 is NaN`},
		{Distribution{Samples: ok, Marks: []Mark{{math.Inf(1), "goal"}}}, nil, `mark 0 ("goal") is at +Inf`},
		{Distribution{Samples: ok, Band: &Band{Lo: 1, Hi: 0, Label: "base"}}, nil, `band "base" spans [1, 0]`},
		{Distribution{Samples: ok}, []Option{WithSize(50, 50)}, "size 50×50"},
		{Distribution{Samples: many}, []Option{WithSize(400, 200)}, "40 samples do not fit into a height of 200 pixels"},
	} {
		_, err := Strip(tc.d, tc.opts...)
		if err == nil || !strings.Contains(err.Error(), tc.want) || !strings.HasPrefix(err.Error(), "plots: Strip: ") {
			t.Errorf("Strip(%+v) error = %v, want %q", tc.d, err, tc.want)
		}
	}
}

// accuracyDistribution is the post's Distribution of test accuracies, as
// package figures makes it.
func accuracyDistribution(samples ...Sample) Distribution {
	return Distribution{
		Title:   "Test accuracy",
		XLabel:  "Test accuracy",
		Samples: samples,
		Marks: []Mark{
			{0.9926, "post 0.9926"},
			{0.991, "goal 0.991"},
			{0.995, "0.995"},
		},
		Decimals: 4,
	}
}
