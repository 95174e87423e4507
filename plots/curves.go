package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg/draw"
)

// Curves is the history of one training run for one metric: Abb 1
// (accuracy) and Abb 2 (loss) of the post. Epoch i (from 1) has the values
// Train[i-1] and Val[i-1]; either slice may be empty, and non-finite
// values (a diverged loss) leave gaps.
type Curves struct {
	// Title is drawn above the chart, Caption under it.
	Title, Caption string
	// XLabel defaults to "Epochs"; YLabel is empty by default.
	XLabel, YLabel string
	// Train is drawn as dots, Val as a line (matplotlib's 'bo' and 'b').
	Train, Val []float64
	// TrainLabel and ValLabel name them in the legend; they default to
	// "Training" and "Validation".
	TrainLabel, ValLabel string
}

// AccuracyCurves returns the Curves of Abb 1 of the post for the given
// per-epoch accuracies.
func AccuracyCurves(train, val []float64) Curves {
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

// LossCurves returns the Curves of Abb 2 of the post for the given
// per-epoch losses.
func LossCurves(train, val []float64) Curves {
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

// TrainingCurve draws c: the training values as blue dots and the
// validation values as a blue line over the epochs 1..N, with a legend
// placed where it covers the least data.
func TrainingCurve(c Curves, opts ...Option) (Figure, error) {
	if len(c.Train) == 0 && len(c.Val) == 0 {
		return nil, fmt.Errorf("plots: TrainingCurve: no values (Train and Val are empty)")
	}
	blue := color.RGBA{0, 0, 255, 255}
	var ss []series
	if len(c.Train) > 0 {
		ss = append(ss, series{label: orDefault(c.TrainLabel, "Training"), values: c.Train, color: blue, marker: true})
	}
	if len(c.Val) > 0 {
		ss = append(ss, series{label: orDefault(c.ValLabel, "Validation"), values: c.Val, color: blue, line: true})
	}
	return lineChart("TrainingCurve", chartText{c.Title, c.Caption, orDefault(c.XLabel, "Epochs"), c.YLabel}, ss, newConfig(opts), nil)
}

// Series is one named curve of CompareCurves: Values[i] belongs to
// epoch i+1.
type Series struct {
	Label  string
	Values []float64
}

// Comparison is a set of curves of several runs, such as the validation
// accuracy of differently configured models.
type Comparison struct {
	Title, Caption string
	// XLabel defaults to "Epochs".
	XLabel, YLabel string
	Series         []Series
}

// CompareCurves draws several runs' curves in one chart, each in its own
// colour (matplotlib's tab10 cycle) with a legend. The runs may have
// different lengths. To put accuracy and loss next to each other, combine
// two charts with SideBySide.
func CompareCurves(c Comparison, opts ...Option) (Figure, error) {
	if len(c.Series) == 0 {
		return nil, fmt.Errorf("plots: CompareCurves: no series")
	}
	ss := make([]series, len(c.Series))
	for i, s := range c.Series {
		if len(s.Values) == 0 {
			return nil, fmt.Errorf("plots: CompareCurves: %s has no values", describe("series", i, s.Label))
		}
		ss[i] = series{
			label:  orDefault(s.Label, fmt.Sprintf("Run %d", i+1)),
			values: s.Values,
			color:  tab10[i%len(tab10)],
			line:   true,
			marker: len(s.Values) <= 40,
			small:  true,
		}
	}
	return lineChart("CompareCurves", chartText{c.Title, c.Caption, orDefault(c.XLabel, "Epochs"), c.YLabel}, ss, newConfig(opts), nil)
}

// tab10 is matplotlib's default colour cycle.
var tab10 = []color.RGBA{
	{0x1f, 0x77, 0xb4, 255}, {0xff, 0x7f, 0x0e, 255}, {0x2c, 0xa0, 0x2c, 255},
	{0xd6, 0x27, 0x28, 255}, {0x94, 0x67, 0xbd, 255}, {0x8c, 0x56, 0x4b, 255},
	{0xe3, 0x77, 0xc2, 255}, {0x7f, 0x7f, 0x7f, 255}, {0xbc, 0xbd, 0x22, 255},
	{0x17, 0xbe, 0xcf, 255},
}

// Curve style, in pixels.
const (
	curveWidth   = 2
	markerRadius = 3.5
	smallRadius  = 2.5
)

// series is one curve of a line chart over epochs 1..len(values), or over
// xs when the chart has an xAxis.
type series struct {
	label        string
	values       []float64
	xs           []float64 // x of each value; nil: epochs 1..len(values)
	color        color.Color
	line, marker bool
	small        bool // smaller markers
}

// chartText holds the texts around a chart.
type chartText struct {
	title, caption, xlabel, ylabel string
}

// apply returns t with the options' overrides.
func (t chartText) apply(cfg *config) chartText {
	return chartText{
		title:   str(cfg.title, t.title),
		caption: str(cfg.caption, t.caption),
		xlabel:  str(cfg.xlabel, t.xlabel),
		ylabel:  str(cfg.ylabel, t.ylabel),
	}
}

// frameLayout splits a w×h figure into title, plot box and caption.
type frameLayout struct {
	w, h           int
	title, caption textBlock
}

func newFrameLayout(w, h int, t chartText) frameLayout {
	tw := float64(w) - 2*outerPad
	return frameLayout{
		w: w, h: h,
		title:   newTextBlock(textStyle{size: sizeTitle}, t.title, tw),
		caption: newTextBlock(textStyle{size: sizeCaption}, t.caption, tw),
	}
}

// box returns the area left for the plot.
func (f frameLayout) box() (x0, y0, x1, y1 float64) {
	top := float64(f.h) - f.title.spaced(outerPad)
	if len(f.title.lines) > 0 {
		top -= outerPad / 2
	}
	bottom := f.caption.spaced(outerPad)
	return 0, bottom, float64(f.w), top
}

// drawTexts draws the title and the caption.
func (f frameLayout) drawTexts(c draw.Canvas) {
	f.title.draw(c, float64(f.w)/2, float64(f.h)-outerPad)
	f.caption.draw(c, float64(f.w)/2, outerPad+f.caption.height())
}

// xAxis replaces a line chart's epoch axis: every series has xs, and ticks
// returns at most about n ticks for the range [x0, x1].
type xAxis struct {
	ticks func(x0, x1 float64, n int) []tick
	marks []xMark
}

// xMark is a labelled vertical dashed line at x.
type xMark struct {
	x     float64
	label string
	color color.Color
}

// lineChart draws series over epochs, or over their xs on axis x when x is not nil.
func lineChart(fn string, txt chartText, ss []series, cfg *config, x *xAxis) (Figure, error) {
	w, h, err := cfg.size(640, 480)
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	txt = txt.apply(cfg)
	n := 0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		n = max(n, len(s.values))
		for _, v := range s.values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo > hi {
		return nil, fmt.Errorf("plots: %s: no finite values", fn)
	}
	y0, y1 := dataRange(lo, hi)
	if cfg.ymin != nil {
		y0, y1 = *cfg.ymin, *cfg.ymax
		if !(y1 > y0) || math.IsInf(y0, 0) || math.IsInf(y1, 0) {
			return nil, fmt.Errorf("plots: %s: invalid y range [%v, %v]", fn, y0, y1)
		}
	}
	x0, x1 := dataRange(1, float64(n))
	if n == 1 {
		x0, x1 = 0.5, 1.5
	}
	xticks := func(maxTicks int) []tick { return epochTicks(n, x0, x1, maxTicks) }
	xOf := func(s series, i int) float64 { return float64(i + 1) }
	if x != nil {
		xlo, xhi := math.Inf(1), math.Inf(-1)
		for _, s := range ss {
			if len(s.xs) != len(s.values) {
				return nil, fmt.Errorf("plots: %s: %s has %d values and %d x positions", fn, s.label, len(s.values), len(s.xs))
			}
			for _, v := range s.xs {
				xlo, xhi = math.Min(xlo, v), math.Max(xhi, v)
			}
		}
		x0, x1 = xlo, xhi
		if !(x1 > x0) {
			x0, x1 = x0-0.5, x0+0.5
		}
		xticks = func(maxTicks int) []tick { return x.ticks(x0, x1, max(2, maxTicks)) }
		xOf = func(s series, i int) float64 { return s.xs[i] }
	}

	fl := newFrameLayout(w, h, txt)
	bx0, by0, bx1, by1 := fl.box()
	box := rect(bx0, by0, bx1, by1)
	a := &axes{x0: x0, x1: x1, y0: y0, y1: y1, xlabel: txt.xlabel, ylabel: txt.ylabel, gridX: true, gridY: true}
	// Tick counts depend on the area, which depends on the tick labels:
	// lay out twice.
	a.xticks = xticks(8)
	a.yticks = linearTicks(y0, y1, 6, false)
	a.layout(box, 0)
	a.xticks = xticks(int(float64(a.area.Max.X-a.area.Min.X) / 60))
	a.yticks = linearTicks(y0, y1, int(float64(a.area.Max.Y-a.area.Min.Y)/50), false)
	a.layout(box, 0)

	// Pixel coordinates of each series, split at non-finite values.
	type run struct {
		s      series
		pieces [][]float64
	}
	runs := make([]run, len(ss))
	var polylines [][]float64
	for i, s := range ss {
		var piece []float64
		for e, v := range s.values {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				if len(piece) > 0 {
					runs[i].pieces = append(runs[i].pieces, piece)
				}
				piece = nil
				continue
			}
			piece = append(piece, a.px(xOf(s, e)), a.py(v))
		}
		if len(piece) > 0 {
			runs[i].pieces = append(runs[i].pieces, piece)
		}
		runs[i].s = s
		polylines = append(polylines, runs[i].pieces...)
	}
	leg := make(legend, len(ss))
	for i, s := range ss {
		leg[i] = legendEntry{label: s.label, color: s.color, marker: s.marker, line: s.line}
	}
	legBox := leg.place(a.area, polylines)

	paint := func(c draw.Canvas) {
		fl.drawTexts(c)
		a.drawBackground(c)
		ar := a.area
		clip := [4]float64{float64(ar.Min.X), float64(ar.Min.Y), float64(ar.Max.X), float64(ar.Max.Y)}
		for _, r := range runs {
			for _, p := range r.pieces {
				if r.s.line {
					for i := 0; i+3 < len(p); i += 2 {
						if seg, ok := clipSegment(p[i], p[i+1], p[i+2], p[i+3], clip); ok {
							line(c, r.s.color, curveWidth, seg[:]...)
						}
					}
					if len(p) == 2 && !r.s.marker { // a lone value of a line
						dot(c, r.s.color, p[0], p[1], curveWidth)
					}
				}
				if r.s.marker {
					rad := markerRadius
					if r.s.small {
						rad = smallRadius
					}
					for i := 0; i+1 < len(p); i += 2 {
						if p[i+1] >= clip[1]-0.5 && p[i+1] <= clip[3]+0.5 {
							dot(c, r.s.color, p[i], p[i+1], rad)
						}
					}
				}
			}
		}
		if x != nil {
			for _, m := range x.marks {
				px := a.px(m.x)
				for y := float64(ar.Min.Y); y < float64(ar.Max.Y); y += 8 { // dashed
					line(c, m.color, 1.5, px, y, px, math.Min(y+4, float64(ar.Max.Y)))
				}
				drawText(c, textStyle{size: sizeTick, color: m.color}, px+4, float64(ar.Min.Y)+6, m.label, alignLeft, baseline, false)
			}
		}
		a.drawFrame(c, box)
		leg.draw(c, legBox)
	}
	return &figure{w: w, h: h, paint: paint}, nil
}

// epochTicks returns integer ticks for epochs 1..n, at most about max of
// them, within [x0, x1].
func epochTicks(n int, x0, x1 float64, maxTicks int) []tick {
	maxTicks = max(2, min(maxTicks, 12))
	var ts []tick
	for _, t := range linearTicks(x0, x1, maxTicks, true) {
		if t.v >= 1 && t.v <= float64(n) || n == 1 && t.v == 1 {
			ts = append(ts, t)
		}
	}
	if len(ts) == 0 {
		ts = []tick{{1, "1"}}
	}
	return ts
}

// clipSegment clips (x0,y0)-(x1,y1) to r = {xmin, ymin, xmax, ymax}.
func clipSegment(x0, y0, x1, y1 float64, r [4]float64) ([4]float64, bool) {
	dx, dy := x1-x0, y1-y0
	t0, t1 := 0.0, 1.0
	for _, pq := range [4][2]float64{
		{-dx, x0 - r[0]}, {dx, r[2] - x0}, {-dy, y0 - r[1]}, {dy, r[3] - y0},
	} {
		p, q := pq[0], pq[1]
		if p == 0 {
			if q < 0 {
				return [4]float64{}, false
			}
			continue
		}
		t := q / p
		if p < 0 {
			t0 = math.Max(t0, t)
		} else {
			t1 = math.Min(t1, t)
		}
		if t0 > t1 {
			return [4]float64{}, false
		}
	}
	return [4]float64{x0 + t0*dx, y0 + t0*dy, x0 + t1*dx, y0 + t1*dy}, true
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
