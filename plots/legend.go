package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// legendEntry is one line of a legend: a dot, a line or both, or a filled
// patch (for bars), and a label.
type legendEntry struct {
	label  string
	color  color.Color
	marker bool
	line   bool
	patch  bool
}

type legend []legendEntry

// Legend style, in pixels.
const (
	legendPad    = 7
	legendHandle = 28
	legendGap    = 8
	legendInset  = 8
)

var (
	legendTS   = textStyle{size: sizeLegend}
	legendEdge = color.RGBA{0xcc, 0xcc, 0xcc, 255}
	legendFill = color.NRGBA{255, 255, 255, 230}
)

func (l legend) rowHeight() float64 { return math.Round(legendTS.size * 1.45) }

// size returns the width and height of the legend box.
func (l legend) size() (w, h float64) {
	tw := 0.0
	for _, e := range l {
		tw = math.Max(tw, legendTS.width(e.label))
	}
	return math.Ceil(2*legendPad + legendHandle + legendGap + tw),
		math.Ceil(2*legendPad - (l.rowHeight() - legendTS.size) + float64(len(l))*l.rowHeight())
}

// place chooses the position of the legend inside area that covers the
// fewest data points and line segments, trying matplotlib's locations in
// matplotlib's order ("best"). Each polyline is a list of pixel
// coordinates x0, y0, x1, y1, ...
func (l legend) place(area vg.Rectangle, polylines [][]float64) vg.Rectangle {
	w, h := l.size()
	ax0, ay0 := float64(area.Min.X)+legendInset, float64(area.Min.Y)+legendInset
	ax1, ay1 := float64(area.Max.X)-legendInset, float64(area.Max.Y)-legendInset
	xl, xc, xr := ax0, (ax0+ax1-w)/2, ax1-w
	yb, yc, yt := ay0, (ay0+ay1-h)/2, ay1-h
	candidates := [][2]float64{
		{xr, yt}, {xl, yt}, {xl, yb}, {xr, yb}, // upper right, upper left, lower left, lower right
		{xr, yc}, {xl, yc}, {xr, yc}, // right, center left, center right
		{xc, yb}, {xc, yt}, {xc, yc}, // lower center, upper center, center
	}
	best, bestScore := candidates[0], math.MaxInt
	for _, cand := range candidates {
		r := [4]float64{cand[0], cand[1], cand[0] + w, cand[1] + h}
		score := 0
		for _, pl := range polylines {
			for i := 0; i+1 < len(pl); i += 2 {
				if pl[i] >= r[0] && pl[i] <= r[2] && pl[i+1] >= r[1] && pl[i+1] <= r[3] {
					score++
				}
				if i+3 < len(pl) {
					if _, hit := clipSegment(pl[i], pl[i+1], pl[i+2], pl[i+3], r); hit {
						score++
					}
				}
			}
		}
		if score < bestScore {
			best, bestScore = cand, score
		}
	}
	x, y := math.Round(best[0]), math.Round(best[1])
	return rect(x, y, x+w, y+h)
}

// draw draws the legend into the box r.
func (l legend) draw(c draw.Canvas, r vg.Rectangle) {
	fillRect(c, r, legendFill)
	strokeRect(c, inset(r), legendEdge, 1)
	x := float64(r.Min.X) + legendPad
	y := float64(r.Max.Y) - legendPad - legendTS.size/2
	for _, e := range l {
		if e.patch {
			ph := math.Round(0.7 * legendTS.size) // matplotlib's handle height
			fillRect(c, rect(x, y-ph/2, x+legendHandle, y+ph/2), e.color)
		}
		if e.line {
			line(c, e.color, curveWidth, x, y, x+legendHandle, y)
		}
		if e.marker {
			dot(c, e.color, x+legendHandle/2, y, markerRadius)
		}
		drawText(c, legendTS, x+legendHandle+legendGap, y, e.label, alignLeft, capCenter, false)
		y -= l.rowHeight()
	}
}
