package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/kiwerkstatt/werkbank/lang"
)

// Curves is the history of one training run for one metric, such as its
// accuracy or its loss. Epoch i (from 1) has the values Train[i-1] and
// Val[i-1]; either slice may be empty, and non-finite values (a diverged
// loss) leave gaps.
type Curves struct {
	// Title is drawn above the chart, Caption under it.
	Title, Caption string
	// XLabel defaults to the word for epochs in the current language
	// ("Epochs", "Epochen"); YLabel is empty by default.
	XLabel, YLabel string
	// Train is drawn as dots, Val as a line (matplotlib's 'bo' and 'b').
	Train, Val []float64
	// TrainLabel and ValLabel name them in the legend; they default to
	// "Training" and "Validation" in the current language.
	TrainLabel, ValLabel string
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
		ss = append(ss, series{label: orDefault(c.TrainLabel, lang.T("plots.curves.training")), values: c.Train, color: blue, marker: true})
	}
	if len(c.Val) > 0 {
		ss = append(ss, series{label: orDefault(c.ValLabel, lang.T("plots.curves.validation")), values: c.Val, color: blue, line: true})
	}
	return lineChart("TrainingCurve", chartText{c.Title, c.Caption, orDefault(c.XLabel, lang.T("plots.curves.epochs")), c.YLabel}, ss, newConfig(opts), lineExtras{})
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
	// XLabel defaults to the word for epochs in the current language.
	XLabel, YLabel string
	Series         []Series
}

// CompareCurves draws several runs' curves in one chart, each in its own
// colour (matplotlib's tab10 cycle), with a legend to the right of the
// data. The runs may have different lengths. A run that ends far from the
// others (a diverged or cut-short run among good ones) would squash them
// into a flat band: unless WithYRange fixes the range, it is left out and
// named with its last value in a note under the chart (in the current
// language). A series without a label is named "Run 1", "Run 2", ... in
// the legend. To put accuracy and
// loss next to each other, combine two charts with SideBySide.
func CompareCurves(c Comparison, opts ...Option) (Figure, error) {
	lc, err := newComparison(c, newConfig(opts))
	if err != nil {
		return nil, fmt.Errorf("plots: CompareCurves: %w", err)
	}
	return &figure{w: lc.w, h: lc.h, paint: lc.paint}, nil
}

func newComparison(c Comparison, cfg *config) (*lineLayout, error) {
	if len(c.Series) == 0 {
		return nil, fmt.Errorf("no series")
	}
	ss := make([]series, len(c.Series))
	for i, s := range c.Series {
		if len(s.Values) == 0 {
			return nil, fmt.Errorf("%s has no values", describe("series", i, s.Label))
		}
		ss[i] = series{
			label:  orDefault(s.Label, lang.Sprintf("plots.curves.run", i+1)),
			values: s.Values,
			color:  tab10[i%len(tab10)],
			line:   true,
			marker: len(s.Values) <= 40,
			small:  true,
		}
	}
	ex := lineExtras{legendRight: true}
	if cfg.ymin == nil { // a fixed range draws every run, clipped
		ss, ex.note = dropOffScale(ss)
	}
	return newLineLayout(chartText{c.Title, c.Caption, orDefault(c.XLabel, lang.T("plots.curves.epochs")), c.YLabel}, ss, cfg, ex)
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

// lineExtras is what a line chart may have besides its series.
type lineExtras struct {
	// x replaces the epoch axis when not nil.
	x *xAxis
	// legendRight puts the legend to the right of the data area instead
	// of inside it, where it covers the fewest data.
	legendRight bool
	// note is drawn under the chart, above the caption.
	note string
}

// lineLayout is the layout of a chart of series over epochs, or over
// their xs on an xAxis.
type lineLayout struct {
	w, h   int
	fl     frameLayout
	box    vg.Rectangle // the axes' box, above the note
	a      *axes
	runs   []curveRun
	leg    legend
	legBox vg.Rectangle
	note   textBlock
	marks  []xMark
}

// curveRun is a series in pixels: polylines x0, y0, x1, y1, ... split at
// non-finite values.
type curveRun struct {
	s      series
	pieces [][]float64
}

// Line chart style, in pixels.
const (
	legendRightGap = 12   // between the data area and a legend right of it
	legendMaxShare = 0.3  // of the width, for a legend right of the data
	noteSize       = 12.5 // the note under a chart
)

// lineChart draws series over epochs, or over their xs on axis ex.x.
func lineChart(fn string, txt chartText, ss []series, cfg *config, ex lineExtras) (Figure, error) {
	lc, err := newLineLayout(txt, ss, cfg, ex)
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	return &figure{w: lc.w, h: lc.h, paint: lc.paint}, nil
}

func newLineLayout(txt chartText, ss []series, cfg *config, ex lineExtras) (*lineLayout, error) {
	w, h, err := cfg.size(640, 480)
	if err != nil {
		return nil, err
	}
	txt = txt.apply(cfg)
	y0, y1, err := yRange(ss, cfg)
	if err != nil {
		return nil, err
	}
	x0, x1, xticks, xOf, err := xScale(ss, ex.x)
	if err != nil {
		return nil, err
	}
	lc := &lineLayout{w: w, h: h, fl: newFrameLayout(w, h, txt), leg: make(legend, len(ss))}
	lc.note = newTextBlock(textStyle{size: noteSize, color: frameColor}, ex.note, float64(w)-2*outerPad)
	if ex.x != nil {
		lc.marks = ex.x.marks
	}
	extraRight := 0.0
	for i, s := range ss {
		label := s.label
		if ex.legendRight {
			label = ellipsize(legendTS, label, legendMaxShare*float64(w)-2*legendPad-legendHandle-legendGap)
		}
		lc.leg[i] = legendEntry{label: label, color: s.color, marker: s.marker, line: s.line}
	}
	if ex.legendRight {
		lw, _ := lc.leg.size()
		extraRight = lw + legendRightGap
	}
	bx0, by0, bx1, by1 := lc.fl.box()
	lc.box = rect(bx0, by0+lc.note.spaced(outerPad), bx1, by1)
	a := &axes{x0: x0, x1: x1, y0: y0, y1: y1, xlabel: txt.xlabel, ylabel: txt.ylabel, gridX: true, gridY: true}
	// Tick counts depend on the area, which depends on the tick labels:
	// lay out twice.
	a.xticks = xticks(8)
	a.yticks = linearTicks(y0, y1, 6, false)
	a.layout(lc.box, extraRight)
	a.xticks = xticks(int(float64(a.area.Max.X-a.area.Min.X) / 60))
	a.yticks = linearTicks(y0, y1, int(float64(a.area.Max.Y-a.area.Min.Y)/50), false)
	a.layout(lc.box, extraRight)
	lc.a = a

	var polylines [][]float64
	lc.runs = make([]curveRun, len(ss))
	for i, s := range ss {
		lc.runs[i] = curveRun{s: s, pieces: a.polylines(s, xOf)}
		polylines = append(polylines, lc.runs[i].pieces...)
	}
	if ex.legendRight {
		lw, lh := lc.leg.size()
		x, top := float64(a.area.Max.X)+legendRightGap, float64(a.area.Max.Y)
		lc.legBox = rect(x, top-lh, x+lw, top)
	} else {
		lc.legBox = lc.leg.place(a.area, polylines)
	}
	return lc, nil
}

// yRange returns the range of the vertical axis: the option's, or the
// finite values' with matplotlib's margins.
func yRange(ss []series, cfg *config) (y0, y1 float64, err error) {
	if cfg.ymin != nil {
		y0, y1 = *cfg.ymin, *cfg.ymax
		if !(y1 > y0) || math.IsInf(y0, 0) || math.IsInf(y1, 0) {
			return 0, 0, fmt.Errorf("invalid y range [%v, %v]", y0, y1)
		}
		return y0, y1, nil
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		for _, v := range s.values {
			if !math.IsNaN(v) && !math.IsInf(v, 0) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
	}
	if lo > hi {
		return 0, 0, fmt.Errorf("no finite values")
	}
	y0, y1 = dataRange(lo, hi)
	return y0, y1, nil
}

// xScale returns the horizontal range, its ticks (about n) and the x of
// value i of a series: the epochs 1..n, or the series' xs on axis x.
func xScale(ss []series, x *xAxis) (x0, x1 float64, ticks func(n int) []tick, xOf func(s series, i int) float64, err error) {
	if x == nil {
		n := 0
		for _, s := range ss {
			n = max(n, len(s.values))
		}
		x0, x1 = dataRange(1, float64(n))
		if n == 1 {
			x0, x1 = 0.5, 1.5
		}
		return x0, x1, func(maxTicks int) []tick { return epochTicks(n, x0, x1, maxTicks) },
			func(s series, i int) float64 { return float64(i + 1) }, nil
	}
	x0, x1 = math.Inf(1), math.Inf(-1)
	for _, s := range ss {
		if len(s.xs) != len(s.values) {
			return 0, 0, nil, nil, fmt.Errorf("%s has %d values and %d x positions", s.label, len(s.values), len(s.xs))
		}
		for _, v := range s.xs {
			x0, x1 = math.Min(x0, v), math.Max(x1, v)
		}
	}
	if !(x1 > x0) {
		x0, x1 = x0-0.5, x0+0.5
	}
	return x0, x1, func(maxTicks int) []tick { return x.ticks(x0, x1, max(2, maxTicks)) },
		func(s series, i int) float64 { return s.xs[i] }, nil
}

// polylines returns the pixel coordinates of s, split at non-finite values.
func (a *axes) polylines(s series, xOf func(s series, i int) float64) [][]float64 {
	var pieces [][]float64
	var piece []float64
	for e, v := range s.values {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			if len(piece) > 0 {
				pieces = append(pieces, piece)
			}
			piece = nil
			continue
		}
		piece = append(piece, a.px(xOf(s, e)), a.py(v))
	}
	if len(piece) > 0 {
		pieces = append(pieces, piece)
	}
	return pieces
}

func (lc *lineLayout) paint(c draw.Canvas) {
	lc.fl.drawTexts(c)
	lc.a.drawBackground(c)
	ar := lc.a.area
	clip := [4]float64{float64(ar.Min.X), float64(ar.Min.Y), float64(ar.Max.X), float64(ar.Max.Y)}
	for _, r := range lc.runs {
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
	for _, m := range lc.marks {
		px := lc.a.px(m.x)
		for y := float64(ar.Min.Y); y < float64(ar.Max.Y); y += 8 { // dashed
			line(c, m.color, 1.5, px, y, px, math.Min(y+4, float64(ar.Max.Y)))
		}
		drawText(c, textStyle{size: sizeTick, color: m.color}, px+4, float64(ar.Min.Y)+6, m.label, alignLeft, baseline, false)
	}
	lc.a.drawFrame(c, lc.box)
	lc.leg.draw(c, lc.legBox)
	lc.note.draw(c, float64(lc.w)/2, float64(lc.box.Min.Y))
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
