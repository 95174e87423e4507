package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Sample is one named set of values of a Distribution, such as the test
// accuracies of the runs (seeds) of one configuration.
type Sample struct {
	Label  string
	Values []float64
}

// Mark is a labelled vertical line of a Distribution, such as a target.
type Mark struct {
	X     float64
	Label string
}

// Distribution is several samples of one quantity, for Histogram.
type Distribution struct {
	// Title is drawn above the chart, Caption under it.
	Title, Caption string
	// XLabel names the quantity; YLabel defaults to "Runs".
	XLabel, YLabel string
	Samples        []Sample
	// BinWidth is the width of the bins, which start at multiples of it;
	// 0 chooses a round width that gives about 20 bins.
	BinWidth float64
	// Marks are drawn as dashed lines, labelled along them; a label that
	// would overlap the label of an earlier mark is left out.
	Marks []Mark
}

// AccuracyDistribution returns the Distribution of the test accuracies of
// the samples, with marks at the post's result (0.9926), its goal (0.991)
// and 0.995, in bins of 0.0005 (5 of 10,000 test images) when the
// runs and marks span at most 60 such bins.
func AccuracyDistribution(samples ...Sample) Distribution {
	d := Distribution{
		Title:   "Test accuracy",
		XLabel:  "Test accuracy",
		Samples: samples,
		Marks: []Mark{
			{0.9926, "post 0.9926"},
			{0.991, "goal 0.991"},
			{0.995, "0.995"},
		},
	}
	if lo, hi, err := d.span(); err == nil && (hi-lo)/0.0005 <= 60 {
		d.BinWidth = 0.0005
	}
	return d
}

// span returns the smallest and largest value and mark, validating them.
func (d Distribution) span() (lo, hi float64, err error) {
	if len(d.Samples) == 0 {
		return 0, 0, fmt.Errorf("no samples")
	}
	lo, hi = math.Inf(1), math.Inf(-1)
	for i, s := range d.Samples {
		if len(s.Values) == 0 {
			return 0, 0, fmt.Errorf("%s has no values", describe("sample", i, s.Label))
		}
		for j, v := range s.Values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, 0, fmt.Errorf("%s: value %d is %v, want a finite number", describe("sample", i, s.Label), j, v)
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	for i, m := range d.Marks {
		if math.IsNaN(m.X) || math.IsInf(m.X, 0) {
			return 0, 0, fmt.Errorf("%s is at %v, want a finite number", describe("mark", i, m.Label), m.X)
		}
		lo, hi = math.Min(lo, m.X), math.Max(hi, m.X)
	}
	return lo, hi, nil
}

// maxBins bounds the bins of a histogram: more are unreadable anyway.
const maxBins = 1000

// binIndex returns the bin of v for bins [k*w, (k+1)*w). Accuracies such
// as 9910/10000 sit on bin edges; the tolerance of a thousandth of a bin
// puts them into the bin they start however they were rounded (a float32
// accuracy is off by a ten-thousandth of a bin of 0.0005).
func binIndex(v, w float64) int { return int(math.Floor(v/w + 1e-3)) }

// count returns counts[sample][k], the values of each sample in the bin
// first+k of width w, for the bins first..last.
func (d Distribution) count(w float64, first, last int) [][]int {
	counts := make([][]int, len(d.Samples))
	for i, s := range d.Samples {
		counts[i] = make([]int, last-first+1)
		for _, v := range s.Values {
			counts[i][binIndex(v, w)-first]++
		}
	}
	return counts
}

// Histogram draws the samples of d as histograms over the same bins, a
// sample's bars side by side with the others' in its own colour
// (matplotlib's tab10 cycle), the marks as dashed lines, and a legend when
// a sample has a label. The horizontal axis spans the values and the marks.
func Histogram(d Distribution, opts ...Option) (Figure, error) {
	const fn = "Histogram"
	lo, hi, err := d.span()
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	w := d.BinWidth
	if w == 0 {
		w = niceStep(math.Max(hi-lo, math.Abs(hi)*1e-3+1e-9), 20, false)
	}
	if !(w > 0) || math.IsInf(w, 0) {
		return nil, fmt.Errorf("plots: %s: bin width %v, want a finite value > 0", fn, d.BinWidth)
	}
	first, last := binIndex(lo, w), binIndex(hi, w)
	if n := last - first + 1; n > maxBins {
		return nil, fmt.Errorf("plots: %s: bin width %v gives %d bins over [%v, %v], want at most %d", fn, w, n, lo, hi, maxBins)
	}
	counts := d.count(w, first, last)
	most := 0
	for _, cs := range counts {
		most = max(most, slices.Max(cs))
	}

	cfg := newConfig(opts)
	width, height, err := cfg.size(640, 420)
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	txt := chartText{d.Title, d.Caption, d.XLabel, orDefault(d.YLabel, "Runs")}.apply(cfg)
	fl := newFrameLayout(width, height, txt)
	bx0, by0, bx1, by1 := fl.box()
	box := rect(bx0, by0, bx1, by1)
	x0, x1 := (float64(first)-0.5)*w, (float64(last)+1.5)*w
	a := &axes{x0: x0, x1: x1, y0: 0, y1: float64(most) * 1.1, xlabel: txt.xlabel, ylabel: txt.ylabel, gridY: true}
	// Tick counts depend on the area, which depends on the tick labels:
	// lay out twice.
	a.xticks = linearTicks(x0, x1, 6, false)
	a.yticks = linearTicks(0, a.y1, 6, true)
	a.layout(box, 0)
	a.xticks = linearTicks(x0, x1, int(float64(a.area.Max.X-a.area.Min.X)/80), false)
	// The marks' labels run up along their lines at the top: the bars stay
	// below them.
	longest := 0.0
	for _, m := range d.Marks {
		longest = math.Max(longest, tickTS.width(m.Label))
	}
	if H := float64(a.area.Max.Y - a.area.Min.Y); longest > 0 && H > longest+40 {
		a.y1 = math.Max(a.y1, float64(most)*H/(H-longest-12))
	}
	a.yticks = linearTicks(0, a.y1, int(float64(a.area.Max.Y-a.area.Min.Y)/50), true)
	a.layout(box, 0)

	// Bars in pixels; their outlines and the marks steer the legend.
	type bar struct {
		r   vg.Rectangle
		col color.Color
	}
	var bars []bar
	var outlines [][]float64
	slot := 0.9 * w / float64(len(d.Samples))
	for i, cs := range counts {
		for k, n := range cs {
			if n == 0 {
				continue
			}
			left := float64(first+k)*w + 0.05*w + float64(i)*slot
			px0, px1, py0, py1 := a.px(left), a.px(left+slot), a.py(0), a.py(float64(n))
			bars = append(bars, bar{rect(px0, py0, px1, py1), tab10[i%len(tab10)]})
			outlines = append(outlines, []float64{px0, py0, px0, py1, px1, py1, px1, py0})
		}
	}
	var labels []Mark // in pixels
	for _, m := range d.Marks {
		x := a.px(m.X)
		outlines = append(outlines, []float64{x, float64(a.area.Min.Y), x, float64(a.area.Max.Y)})
		if !slices.ContainsFunc(labels, func(l Mark) bool { return math.Abs(l.X-x) < tickTS.size+2 }) {
			labels = append(labels, Mark{x, m.Label})
		}
	}
	var leg legend
	for i, s := range d.Samples {
		if s.Label != "" {
			leg = append(leg, legendEntry{label: s.Label, color: tab10[i%len(tab10)], patch: true})
		}
	}
	var legBox vg.Rectangle
	if len(leg) > 0 {
		legBox = leg.place(a.area, outlines)
	}

	markStyle := draw.LineStyle{Color: frameColor, Width: 1.5, Dashes: []vg.Length{5, 3}}
	paint := func(c draw.Canvas) {
		fl.drawTexts(c)
		a.drawBackground(c)
		for _, b := range bars {
			fillRect(c, b.r, b.col)
		}
		for _, m := range d.Marks {
			x := a.px(m.X)
			var p vg.Path
			p.Move(vg.Point{X: vg.Length(x), Y: a.area.Min.Y})
			p.Line(vg.Point{X: vg.Length(x), Y: a.area.Max.Y})
			c.SetLineStyle(markStyle)
			c.Stroke(p)
		}
		for _, l := range labels {
			// Up along the line, to its right, ending below the frame's top.
			drawText(c, tickTS, l.X+3, float64(a.area.Max.Y)-6, l.Label, alignRight, capTop, true)
		}
		a.drawFrame(c, box)
		if len(leg) > 0 {
			leg.draw(c, legBox)
		}
	}
	return &figure{w: width, h: height, paint: paint}, nil
}
