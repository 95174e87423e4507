package plots

import (
	"fmt"
	"image/color"
	"math"

	"github.com/kiwerkstatt/werkbank/lang"
)

// LRRangeCurve is a learning-rate range test: the training loss of each
// step against that step's learning rate, which grows exponentially from
// step to step (Smith 2015; fastai's lr_find).
type LRRangeCurve struct {
	Title, Caption string
	LR, Loss       []float64 // per step; LR > 0
	Smoothed       []float64 // optional: the smoothed loss, drawn as a line
	Suggested      float64   // marked with a dashed line when > 0
}

// LRRangeChart draws c on a logarithmic learning-rate axis: the raw losses
// as light dots, the smoothed loss as a line and the suggested rate as a
// labelled dashed line. Its default title, axis labels and legend are in
// the current language; WithTitle, WithXLabel and WithYLabel replace them.
func LRRangeChart(c LRRangeCurve, opts ...Option) (Figure, error) {
	if len(c.LR) == 0 || len(c.LR) != len(c.Loss) || (c.Smoothed != nil && len(c.Smoothed) != len(c.LR)) {
		return nil, fmt.Errorf("plots: LRRangeChart: %d rates, %d losses, %d smoothed: want the same number (> 0)", len(c.LR), len(c.Loss), len(c.Smoothed))
	}
	xs := make([]float64, len(c.LR))
	for i, lr := range c.LR {
		if !(lr > 0) || math.IsInf(lr, 0) {
			return nil, fmt.Errorf("plots: LRRangeChart: rate %d is %v, want a finite value > 0", i, lr)
		}
		xs[i] = math.Log10(lr)
	}
	ss := []series{{label: lang.T("plots.lrrange.loss"), values: c.Loss, xs: xs, color: color.RGBA{0x9e, 0xc1, 0xe0, 255}, marker: true, small: true}}
	if c.Smoothed != nil {
		ss = append(ss, series{label: lang.T("plots.lrrange.smoothed"), values: c.Smoothed, xs: xs, color: tab10[0], line: true})
	}
	x := &xAxis{ticks: decadeTicks}
	if c.Suggested > 0 {
		x.marks = []xMark{{x: math.Log10(c.Suggested), label: lang.Sprintf("plots.lrrange.suggested", formatRate(c.Suggested)), color: tab10[3]}}
	}
	txt := chartText{orDefault(c.Title, lang.T("plots.lrrange.title")), c.Caption, lang.T("plots.lrrange.xlabel"), lang.T("plots.lrrange.loss")}
	// The losses of the last steps blow up by orders of magnitude: show the
	// range from the lowest loss to a little above the starting one, as
	// fastai does, and let the blow-up leave the chart.
	lo, start := math.Inf(1), c.Loss[0]
	for i, v := range c.Loss {
		lo = math.Min(lo, v)
		if c.Smoothed != nil {
			lo, start = math.Min(lo, c.Smoothed[i]), math.Max(start, c.Smoothed[0])
		}
	}
	if hi := start + 0.25*(start-lo); hi > lo && !math.IsInf(hi, 0) && !math.IsNaN(lo) {
		opts = append([]Option{WithYRange(lo-0.05*(hi-lo), hi)}, opts...)
	}
	return lineChart("LRRangeChart", txt, ss, newConfig(opts), lineExtras{x: x})
}

// decadeTicks returns ticks at the powers of ten in [x0, x1] (x is log10 of
// the value), every second or more of them when there are more than n.
func decadeTicks(x0, x1 float64, n int) []tick {
	lo, hi := int(math.Ceil(x0-1e-9)), int(math.Floor(x1+1e-9))
	every := max(1, (hi-lo+1+n-1)/n)
	var ts []tick
	for k := lo; k <= hi; k++ {
		if (k-lo)%every == 0 {
			ts = append(ts, tick{v: float64(k), label: formatRate(math.Pow(10, float64(k)))})
		}
	}
	if len(ts) == 0 { // less than a decade: the ends
		ts = []tick{{x0, formatRate(math.Pow(10, x0))}, {x1, formatRate(math.Pow(10, x1))}}
	}
	return ts
}

// formatRate prints a learning rate briefly: 0.001, 3e-05, 1e-07.
func formatRate(v float64) string { return lang.Fmt("%.2g", v) }
