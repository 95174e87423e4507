package plots

import (
	"image/color"
	"math"

	"github.com/kiwerkstatt/werkbank/lang"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// tick is a labelled position on an axis.
type tick struct {
	v     float64
	label string
}

// axes is a rectangular data area with a frame, ticks and axis labels,
// drawn in the style of matplotlib: a full frame, outward ticks on the
// left and bottom, and a light grid.
type axes struct {
	x0, x1, y0, y1 float64 // data range shown
	xticks, yticks []tick
	xlabel, ylabel string
	gridX, gridY   bool // light grid lines at the ticks
	// area is the data area in pixels, set by layout.
	area vg.Rectangle
}

// Axes style, in pixels.
const (
	tickLen    = 4.5
	tickPad    = 4
	labelPad   = 6
	outerPad   = 10
	frameWidth = 1
)

var (
	frameColor = color.RGBA{0x26, 0x26, 0x26, 255}
	gridColor  = color.RGBA{0xe3, 0xe3, 0xe3, 255}
	tickTS     = textStyle{size: sizeTick, color: color.RGBA{0x26, 0x26, 0x26, 255}}
	labelTS    = textStyle{size: sizeLabel}
)

// px and py map data coordinates to pixels.
func (a *axes) px(x float64) float64 {
	r := a.area
	return float64(r.Min.X) + (x-a.x0)/(a.x1-a.x0)*float64(r.Max.X-r.Min.X)
}

func (a *axes) py(y float64) float64 {
	r := a.area
	return float64(r.Min.Y) + (y-a.y0)/(a.y1-a.y0)*float64(r.Max.Y-r.Min.Y)
}

// layout places the data area inside box, leaving room for the tick
// labels and the axis labels; extraRight reserves space on the right
// (for a colour bar).
func (a *axes) layout(box vg.Rectangle, extraRight float64) {
	left := float64(box.Min.X) + outerPad
	if a.ylabel != "" {
		left += labelTS.capHeight() + labelTS.descent() + labelPad
	}
	wmax := 0.0
	for _, t := range a.yticks {
		wmax = math.Max(wmax, tickTS.width(t.label))
	}
	left += wmax + tickPad + tickLen

	bottom := float64(box.Min.Y) + outerPad
	if a.xlabel != "" {
		bottom += labelTS.capHeight() + labelTS.descent() + labelPad
	}
	if len(a.xticks) > 0 {
		bottom += tickTS.capHeight() + tickTS.descent() + tickPad + tickLen
	}

	right := float64(box.Max.X) - outerPad - extraRight
	// Half of the last x tick label may stick out of the frame.
	if n := len(a.xticks); n > 0 {
		over := tickTS.width(a.xticks[n-1].label)/2 - (float64(box.Max.X) - outerPad - right)
		if over > 0 {
			right -= over
		}
	}
	// The top y tick label is centred on the frame's top edge.
	top := float64(box.Max.Y) - math.Max(outerPad/2, tickTS.capHeight()/2+2)

	a.area = rect(math.Round(left), math.Round(bottom), math.Round(right), math.Round(top))
}

// drawBackground draws the grid; call it before the data.
func (a *axes) drawBackground(c draw.Canvas) {
	r := a.area
	for _, t := range a.xticks {
		if a.gridX {
			x := crisp(a.px(t.v))
			line(c, gridColor, 1, x, float64(r.Min.Y), x, float64(r.Max.Y))
		}
	}
	for _, t := range a.yticks {
		if a.gridY {
			y := crisp(a.py(t.v))
			line(c, gridColor, 1, float64(r.Min.X), y, float64(r.Max.X), y)
		}
	}
}

// drawFrame draws the frame, ticks, tick labels and axis labels; call it
// after the data.
func (a *axes) drawFrame(c draw.Canvas, box vg.Rectangle) {
	r := a.area
	x0, y0, x1, y1 := float64(r.Min.X), float64(r.Min.Y), float64(r.Max.X), float64(r.Max.Y)
	for _, t := range a.xticks {
		x := crisp(a.px(t.v))
		line(c, frameColor, frameWidth, x, y0, x, y0-tickLen)
		drawText(c, tickTS, x, y0-tickLen-tickPad, t.label, alignCenter, capTop, false)
	}
	for _, t := range a.yticks {
		y := crisp(a.py(t.v))
		line(c, frameColor, frameWidth, x0, y, x0-tickLen, y)
		drawText(c, tickTS, x0-tickLen-tickPad, y, t.label, alignRight, capCenter, false)
	}
	strokeRect(c, inset(r), frameColor, frameWidth)
	if a.xlabel != "" {
		drawText(c, labelTS, (x0+x1)/2, float64(box.Min.Y)+outerPad, a.xlabel, alignCenter, descBottom, false)
	}
	if a.ylabel != "" {
		drawText(c, labelTS, float64(box.Min.X)+outerPad, (y0+y1)/2, a.ylabel, alignCenter, capTop, true)
	}
}

// niceStep returns a step of 1, 2, 2.5 or 5 times a power of ten that
// divides span into at most n intervals. With integer set the step is a
// whole number.
func niceStep(span float64, n int, integer bool) float64 {
	if n < 1 {
		n = 1
	}
	raw := span / float64(n)
	if integer && raw < 1 {
		return 1
	}
	mag := math.Pow(10, math.Floor(math.Log10(raw)))
	mults := []float64{1, 2, 2.5, 5, 10}
	if integer && mag < 10 {
		mults = []float64{1, 2, 5, 10}
	}
	for _, m := range mults {
		if m*mag >= raw*(1-1e-9) {
			return m * mag
		}
	}
	return 10 * mag
}

// linearTicks returns the multiples of a nice step within [lo, hi],
// labelled with as many decimals as the step needs.
func linearTicks(lo, hi float64, n int, integer bool) []tick {
	ts, _ := linearTicksDec(lo, hi, n, integer)
	return ts
}

// linearTicksDec is linearTicks that also returns the number of decimals
// of the labels.
func linearTicksDec(lo, hi float64, n int, integer bool) (ts []tick, dec int) {
	if !(hi > lo) {
		return nil, 0
	}
	step := niceStep(hi-lo, n, integer)
	if !integer {
		dec = max(0, int(-math.Floor(math.Log10(step)+1e-9)))
		if m := step / math.Pow(10, math.Floor(math.Log10(step)+1e-9)); math.Abs(m-2.5) < 1e-6 {
			dec++
		}
	}
	for k := math.Ceil(lo/step - 1e-9); k*step <= hi+step*1e-9; k++ {
		v := k * step
		if math.Abs(v) < step*1e-9 {
			v = 0
		}
		ts = append(ts, tick{v, lang.Fmt("%.*f", dec, v)})
	}
	return ts, dec
}

// dataRange returns [lo, hi] widened by 5% on both sides, like
// matplotlib's default margins, and a sensible range for constant data.
func dataRange(lo, hi float64) (float64, float64) {
	if hi < lo {
		return 0, 1
	}
	if hi == lo {
		d := math.Abs(lo) * 0.1
		if d == 0 {
			d = 1
		}
		return lo - d, hi + d
	}
	m := (hi - lo) * 0.05
	return lo - m, hi + m
}

// crisp moves a coordinate to the centre of its pixel, so that a line one
// pixel wide covers exactly one row or column of pixels.
func crisp(v float64) float64 { return math.Floor(v) + 0.5 }

// inset returns the rectangle of 1-pixel lines drawn just inside the
// pixel-aligned rectangle r.
func inset(r vg.Rectangle) vg.Rectangle {
	return rect(float64(r.Min.X)+0.5, float64(r.Min.Y)+0.5, float64(r.Max.X)-0.5, float64(r.Max.Y)-0.5)
}
