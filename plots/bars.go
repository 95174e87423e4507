package plots

import (
	"fmt"
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot/vg/draw"
)

// ProbabilityBars draws class probabilities (fractions in [0, 1], such as
// a softmax output) as bars with the value printed on each bar ("97.77%").
// The most probable class is highlighted. labels name the classes; nil
// means "0", "1", ... The vertical axis always spans 0% to 100%.
func ProbabilityBars(probs []float64, labels []string, opts ...Option) (Figure, error) {
	const fn = "ProbabilityBars"
	if len(probs) == 0 {
		return nil, fmt.Errorf("plots: %s: no probabilities", fn)
	}
	if labels == nil {
		labels = make([]string, len(probs))
		for i := range labels {
			labels[i] = strconv.Itoa(i)
		}
	}
	if len(labels) != len(probs) {
		return nil, fmt.Errorf("plots: %s: %d labels for %d probabilities", fn, len(labels), len(probs))
	}
	best := 0
	for i, p := range probs {
		if math.IsNaN(p) || p < 0 || p > 1+1e-9 {
			return nil, fmt.Errorf("plots: %s: probability %d (%q) is %v, want a fraction in [0, 1]", fn, i, labels[i], p)
		}
		if p > probs[best] {
			best = i
		}
	}
	cfg := newConfig(opts)
	w, h, err := cfg.size(640, 420)
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	txt := chartText{xlabel: "Class", ylabel: "Probability"}.apply(cfg)

	n := float64(len(probs))
	fl := newFrameLayout(w, h, txt)
	bx0, by0, bx1, by1 := fl.box()
	box := rect(bx0, by0, bx1, by1)
	a := &axes{x0: -0.6, x1: n - 0.4, y0: 0, y1: 1.1, xlabel: txt.xlabel, ylabel: txt.ylabel, gridY: true}
	for i, l := range labels {
		a.xticks = append(a.xticks, tick{float64(i), l})
	}
	a.yticks = percentTicks(6)
	a.layout(box, 0)
	a.yticks = percentTicks(int(float64(a.area.Max.Y-a.area.Min.Y) / 50))

	// Value labels: horizontal if they fit on the bars, else vertical.
	valueTS := textStyle{size: sizeTick}
	values := make([]string, len(probs))
	widest := 0.0
	for i, p := range probs {
		values[i] = strconv.FormatFloat(100*p, 'f', 2, 64) + "%"
		widest = math.Max(widest, textStyle{size: sizeTick, bold: true}.width(values[i]))
	}
	slot := float64(a.area.Max.X-a.area.Min.X) / (a.x1 - a.x0)
	rotated := widest > slot*0.98
	need := valueTS.capHeight() + 6
	if rotated {
		need = widest + 6
	}
	if H := float64(a.area.Max.Y - a.area.Min.Y); H > need+20 {
		a.y1 = math.Max(1.02, H/(H-need))
	}

	barColor := color.RGBA{0xb4, 0xc7, 0xdc, 255}
	bestColor := tab10[0]
	paint := func(c draw.Canvas) {
		fl.drawTexts(c)
		a.drawBackground(c)
		for i, p := range probs {
			col, ts := barColor, valueTS
			if i == best {
				col, ts = bestColor, textStyle{size: sizeTick, bold: true}
			}
			x0, x1 := a.px(float64(i)-0.4), a.px(float64(i)+0.4)
			y0, y1 := a.py(0), a.py(p)
			fillRect(c, rect(x0, y0, x1, y1), col)
			if rotated {
				drawText(c, ts, (x0+x1)/2, y1+4, values[i], alignLeft, capCenter, true)
			} else {
				drawText(c, ts, (x0+x1)/2, y1+4, values[i], alignCenter, descBottom, false)
			}
		}
		a.drawFrame(c, box)
	}
	return &figure{w: w, h: h, paint: paint}, nil
}

// percentTicks returns ticks from 0% to 100%.
func percentTicks(n int) []tick {
	var ts []tick
	for _, t := range linearTicks(0, 1, max(2, min(n, 10)), false) {
		pct := math.Round(100*t.v*1e6) / 1e6 // 60.000000000000001 -> 60
		ts = append(ts, tick{t.v, strconv.FormatFloat(pct, 'f', -1, 64) + "%"})
	}
	return ts
}
