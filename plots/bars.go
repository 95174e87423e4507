package plots

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/kiwerkstatt/werkbank/lang"
)

// ProbabilityBars draws class probabilities (fractions in [0, 1], such as
// a softmax output) as bars with the value printed on each bar ("12.50%";
// "12,50 %" in German). The most probable class is highlighted. labels name
// the classes; nil means "0", "1", ... The vertical axis always spans 0% to
// 100%. The axes are labelled with the words for class and probability in
// the current language unless WithXLabel and WithYLabel say otherwise.
func ProbabilityBars(probs []float64, labels []string, opts ...Option) (Figure, error) {
	const fn = "ProbabilityBars"
	labels, best, err := checkProbabilities(probs, labels)
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	cfg := newConfig(opts)
	w, h, err := cfg.size(640, 420)
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	txt := chartText{xlabel: lang.T("plots.bars.class"), ylabel: lang.T("plots.bars.probability")}.apply(cfg)
	b := newBarsLayout(w, h, probs, labels, txt)
	b.best = best
	return &figure{w: w, h: h, paint: b.paint}, nil
}

// checkProbabilities validates probs and their labels and returns the
// labels, "0", "1", ... for nil, and the index of the most probable class.
func checkProbabilities(probs []float64, labels []string) ([]string, int, error) {
	if len(probs) == 0 {
		return nil, 0, fmt.Errorf("no probabilities")
	}
	if labels == nil {
		labels = make([]string, len(probs))
		for i := range labels {
			labels[i] = strconv.Itoa(i)
		}
	}
	if len(labels) != len(probs) {
		return nil, 0, fmt.Errorf("%d labels for %d probabilities", len(labels), len(probs))
	}
	best := 0
	for i, p := range probs {
		if math.IsNaN(p) || p < 0 || p > 1+1e-9 {
			return nil, 0, fmt.Errorf("probability %d (%q) is %v, want a fraction in [0, 1]", i, labels[i], p)
		}
		if p > probs[best] {
			best = i
		}
	}
	return labels, best, nil
}

// barsLayout is a bar chart of probabilities in pixels.
type barsLayout struct {
	fl    frameLayout
	box   vg.Rectangle // the axes' box
	a     *axes
	probs []float64
	best  int // the highlighted bar
	// values are the percentages printed on the bars, rotated when they
	// are wider than the bars.
	values  []string
	rotated bool
}

// Bar chart style.
var (
	barColor  = color.RGBA{0xb4, 0xc7, 0xdc, 255}
	bestColor = tab10[0]
	valueTS   = textStyle{size: sizeTick}
	bestTS    = textStyle{size: sizeTick, bold: true}
)

func newBarsLayout(w, h int, probs []float64, labels []string, txt chartText) *barsLayout {
	n := float64(len(probs))
	b := &barsLayout{fl: newFrameLayout(w, h, txt), probs: probs}
	bx0, by0, bx1, by1 := b.fl.box()
	b.box = rect(bx0, by0, bx1, by1)
	a := &axes{x0: -0.6, x1: n - 0.4, y0: 0, y1: 1.1, xlabel: txt.xlabel, ylabel: txt.ylabel, gridY: true}
	for i, l := range labels {
		a.xticks = append(a.xticks, tick{float64(i), l})
	}
	a.yticks = percentTicks(6)
	a.layout(b.box, 0)
	a.yticks = percentTicks(int(float64(a.area.Max.Y-a.area.Min.Y) / 50))
	b.a = a
	b.placeValues()
	return b
}

// placeValues prints the values, horizontal if they fit on the bars, else
// vertical, and raises the top of the axes so that they fit above the
// highest bar.
func (b *barsLayout) placeValues() {
	a := b.a
	b.values = make([]string, len(b.probs))
	widest := 0.0
	for i, p := range b.probs {
		b.values[i] = percent("%.2f", 100*p)
		widest = math.Max(widest, bestTS.width(b.values[i]))
	}
	slot := float64(a.area.Max.X-a.area.Min.X) / (a.x1 - a.x0)
	b.rotated = widest > slot*0.98
	need := valueTS.capHeight() + 6
	if b.rotated {
		need = widest + 6
	}
	if H := float64(a.area.Max.Y - a.area.Min.Y); H > need+20 {
		a.y1 = math.Max(1.02, H/(H-need))
	}
}

func (b *barsLayout) paint(c draw.Canvas) {
	b.fl.drawTexts(c)
	b.a.drawBackground(c)
	for i, p := range b.probs {
		col, ts := barColor, valueTS
		if i == b.best {
			col, ts = bestColor, bestTS
		}
		x0, x1 := b.a.px(float64(i)-0.4), b.a.px(float64(i)+0.4)
		y0, y1 := b.a.py(0), b.a.py(p)
		fillRect(c, rect(x0, y0, x1, y1), col)
		if b.rotated {
			drawText(c, ts, (x0+x1)/2, y1+4, b.values[i], alignLeft, capCenter, true)
		} else {
			drawText(c, ts, (x0+x1)/2, y1+4, b.values[i], alignCenter, descBottom, false)
		}
	}
	b.a.drawFrame(c, b.box)
}

// percentTicks returns ticks from 0% to 100%.
func percentTicks(n int) []tick {
	var ts []tick
	for _, t := range linearTicks(0, 1, max(2, min(n, 10)), false) {
		pct := math.Round(100*t.v*1e6) / 1e6 // 60.000000000000001 -> 60
		ts = append(ts, tick{t.v, percent("%v", pct)})
	}
	return ts
}
