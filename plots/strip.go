package plots

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"github.com/kiwerkstatt/werkbank/lang"
)

// Strip style, in pixels.
const (
	stripRowHeight = 28  // per sample, when no size is given
	stripWidth     = 800 // when no size is given
	stripDotRadius = 4.5
	stripLabelGap  = 8 // between a row label and the data area
	// stripMinData is the share of the width the data area keeps however
	// long the row labels are: longer labels are cut short.
	stripMinData = 0.4
)

var (
	stripDotColor       = tab10[0]
	stripHighlightColor = tab10[1]
	stripHighlightText  = color.RGBA{0xb3, 0x50, 0x00, 255} // tab10's orange, dark enough for text
	stripBandColor      = color.NRGBA{0xff, 0x7f, 0x0e, 0x33}
	stripMarkStyle      = draw.LineStyle{Color: frameColor, Width: 1.5, Dashes: []vg.Length{5, 3}}
)

// stripRow is one sample of a strip chart, in pixels.
type stripRow struct {
	label string    // cut short to fit
	ts    textStyle // of the label
	color color.Color
	y     float64    // the row's centre line
	dots  []vg.Point // one per value
	mean  float64
	sd    [2]float64 // mean - sd, mean + sd; equal without an sd
}

// topLabel is the label of a mark or of the band above the rows: it spans
// x0..x1 on line tier (0 at the top).
type topLabel struct {
	x0, x1 float64
	tier   int
	text   string
	color  color.Color
}

// markLine is a mark's dashed line at x, up to its label sc.top[label]
// (to the top of the data area for label -1).
type markLine struct {
	x     float64
	label int
}

// stripChart is the layout of a Strip figure.
type stripChart struct {
	w, h    int
	fl      frameLayout
	box     vg.Rectangle // the axes' box, above the key
	a       *axes
	rowsTop float64 // the rows lie between a.area.Min.Y and rowsTop, the labels of marks above
	rowH    float64
	radius  float64 // of a dot
	rows    []stripRow
	marks   []markLine
	top     []topLabel
	band    *[2]float64 // x0, x1
	key     stripKey
}

// Strip draws the samples of d as a dot plot: a row per sample with its
// label on the left, every value as a dot, the mean as a short vertical
// tick and mean ± one sample standard deviation as a bar, the marks as
// dashed lines labelled above the rows, and the band shaded behind them.
// Dots of equal or nearly equal values are stacked so that each stays
// visible. Rows are told apart by position; a highlighted sample is drawn
// in a colour of its own; a key under the chart explains dots, ticks and
// bars in the current language, so there is no legend. With no size given the chart is 800 pixels
// wide and 28 pixels high per row plus its texts; labels that do not fit
// into about 60% of the width are cut short with "…".
func Strip(d Distribution, opts ...Option) (Figure, error) {
	sc, err := newStrip(d, newConfig(opts))
	if err != nil {
		return nil, fmt.Errorf("plots: Strip: %w", err)
	}
	return &figure{w: sc.w, h: sc.h, paint: sc.paint}, nil
}

func newStrip(d Distribution, cfg *config) (*stripChart, error) {
	lo, hi, err := d.span()
	if err != nil {
		return nil, err
	}
	txt := chartText{d.Title, d.Caption, d.XLabel, ""}.apply(cfg)
	sc := &stripChart{w: stripWidth, a: &axes{xlabel: txt.xlabel, gridX: true}, key: newStripKey(d)}
	if cfg.w != 0 {
		sc.w = cfg.w
	}
	sc.a.x0, sc.a.x1 = dataRange(lo, hi)
	left := sc.labelRows(d.Samples)
	// The width decides the ticks and the lines of mark labels, and these
	// the height: lay out in a box of any height first.
	sc.layout(txt, 1000, left)
	sc.a.xticks = decimalTicks(sc.a.x0, sc.a.x1, int(float64(sc.a.area.Max.X-sc.a.area.Min.X)/80), d.Decimals)
	sc.layout(txt, 1000, left)
	tiers := sc.placeTop(d)
	header := 0.0
	if tiers > 0 {
		header = float64(tiers)*tickTS.lineHeight() + 6
	}
	defH := 1000 - float64(sc.a.area.Max.Y-sc.a.area.Min.Y) + header + float64(len(d.Samples))*stripRowHeight
	w, h, err := cfg.size(sc.w, int(math.Ceil(defH)))
	if err != nil {
		return nil, err
	}
	sc.w, sc.h = w, h
	sc.layout(txt, h, left)
	sc.placeTop(d)
	sc.rowsTop = float64(sc.a.area.Max.Y) - header
	sc.rowH = (sc.rowsTop - float64(sc.a.area.Min.Y)) / float64(len(d.Samples))
	if sc.rowH < 8 {
		return nil, fmt.Errorf("%d samples do not fit into a height of %d pixels", len(d.Samples), h)
	}
	sc.placeRows(d.Samples)
	if b := d.Band; b != nil {
		sc.band = &[2]float64{sc.a.px(b.Lo), sc.a.px(b.Hi)}
	}
	return sc, nil
}

// labelRows sets the rows' labels and styles, cut short to leave the
// data area its share of the width, and returns the left edge of the
// data area.
func (sc *stripChart) labelRows(samples []Sample) float64 {
	maxW := float64(sc.w)*(1-stripMinData) - 2*outerPad - stripLabelGap
	widest := 0.0
	sc.rows = make([]stripRow, len(samples))
	for i, s := range samples {
		r := &sc.rows[i]
		r.ts, r.color = tickTS, stripDotColor
		if s.Highlight {
			r.ts = textStyle{size: sizeTick, bold: true, color: stripHighlightText}
			r.color = stripHighlightColor
		}
		r.label = ellipsize(r.ts, s.Label, maxW)
		widest = math.Max(widest, r.ts.width(r.label))
	}
	return math.Round(outerPad + widest + stripLabelGap)
}

// layout places the axes in a figure of height h, above the key, with the
// data area starting at left, after the row labels.
func (sc *stripChart) layout(txt chartText, h int, left float64) {
	sc.fl = newFrameLayout(sc.w, h, txt)
	bx0, by0, bx1, by1 := sc.fl.box()
	sc.box = rect(bx0, by0+sc.key.height(), bx1, by1)
	sc.a.layout(sc.box, 0)
	sc.a.area.Min.X = vg.Length(left)
}

// placeTop places the labels of the marks and of the band above the rows,
// each centred on its line and within the data area, and returns the
// number of lines they take.
func (sc *stripChart) placeTop(d Distribution) int {
	a := sc.a
	xmin, xmax := float64(a.area.Min.X)+3, float64(a.area.Max.X)-3
	sc.top, sc.marks = nil, nil
	add := func(x float64, text string, col color.Color) int {
		if text == "" {
			return -1
		}
		w := tickTS.width(text)
		x0 := math.Max(xmin, math.Min(x-w/2, xmax-w))
		sc.top = append(sc.top, topLabel{x0: x0, x1: x0 + w, text: text, color: col})
		return len(sc.top) - 1
	}
	for _, m := range d.Marks {
		x := a.px(m.X)
		sc.marks = append(sc.marks, markLine{x: x, label: add(x, m.Label, frameColor)})
	}
	if b := d.Band; b != nil {
		add(a.px((b.Lo+b.Hi)/2), b.Label, stripHighlightText)
	}
	return assignTiers(sc.top, 8)
}

// assignTiers puts each label, from left to right, on the first line
// where it keeps gap pixels from the others, and returns the number of
// lines used.
func assignTiers(ls []topLabel, gap float64) int {
	order := make([]int, len(ls))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(ls[i].x0, ls[j].x0) })
	tiers := 0
	for n, i := range order {
		t := 0
		for slices.ContainsFunc(order[:n], func(j int) bool {
			return ls[j].tier == t && ls[j].x0 < ls[i].x1+gap && ls[i].x0 < ls[j].x1+gap
		}) {
			t++
		}
		ls[i].tier = t
		tiers = max(tiers, t+1)
	}
	return tiers
}

// tierBaseline returns the baseline of the labels on line t above the rows.
func (sc *stripChart) tierBaseline(t int) float64 {
	return float64(sc.a.area.Max.Y) - 3 - tickTS.capHeight() - float64(t)*tickTS.lineHeight()
}

// placeRows places the rows below rowsTop, and their dots, stacked where
// values are equal or close.
func (sc *stripChart) placeRows(samples []Sample) {
	sc.radius = math.Min(stripDotRadius, sc.rowH/5)
	maxSlot := int((sc.rowH/2 - sc.radius) / sc.radius)
	for i, s := range samples {
		r := &sc.rows[i]
		r.y = sc.rowsTop - (float64(i)+0.5)*sc.rowH
		xs := make([]float64, len(s.Values))
		for j, v := range s.Values {
			xs[j] = sc.a.px(v)
		}
		slots := stack(xs, sc.radius, maxSlot)
		r.dots = make([]vg.Point, len(xs))
		for j, x := range xs {
			r.dots[j] = vg.Point{X: vg.Length(x), Y: vg.Length(r.y + float64(slots[j])*sc.radius)}
		}
		m, sd := s.meanSD()
		r.mean, r.sd = sc.a.px(m), [2]float64{sc.a.px(m), sc.a.px(m)}
		if !math.IsNaN(sd) {
			r.sd = [2]float64{sc.a.px(m - sd), sc.a.px(m + sd)}
		}
	}
}

// stack returns the slot of each dot at the pixel positions xs, slot k
// being k radii r above the row's centre line (below for k < 0). Going
// from left to right, a dot takes the first of the slots 0, 1, -1, 2,
// -2, ... ±maxSlot where it covers no dot placed before, or else the one
// where it covers the fewest: runs with equal values stay visible.
func stack(xs []float64, r float64, maxSlot int) []int {
	order := make([]int, len(xs))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(i, j int) int { return cmp.Compare(xs[i], xs[j]) })
	slots := make([]int, len(xs))
	for n, i := range order {
		best, fewest := 0, math.MaxInt
		for j := 0; j <= 2*max(0, maxSlot) && fewest > 0; j++ {
			k := (j + 1) / 2
			if j%2 == 0 {
				k = -k
			}
			covered := 0
			for _, p := range order[:n] {
				if slots[p] == k && math.Abs(xs[p]-xs[i]) < 1.5*r {
					covered++
				}
			}
			if covered < fewest {
				best, fewest = k, covered
			}
		}
		slots[i] = best
	}
	return slots
}

// decimalTicks returns about n linear ticks over [lo, hi] with at least
// dec decimals.
func decimalTicks(lo, hi float64, n, dec int) []tick {
	ts, has := linearTicksDec(lo, hi, max(2, n), false)
	if has < dec {
		for i, t := range ts {
			ts[i].label = lang.Fmt("%.*f", dec, t.v)
		}
	}
	return ts
}

func (sc *stripChart) paint(c draw.Canvas) {
	a := sc.a
	ar := a.area
	sc.fl.drawTexts(c)
	a.drawBackground(c)
	for _, r := range sc.rows {
		line(c, gridColor, 1, float64(ar.Min.X), crisp(r.y), float64(ar.Max.X), crisp(r.y))
	}
	if sc.band != nil {
		fillRect(c, rect(sc.band[0], float64(ar.Min.Y), math.Max(sc.band[1], sc.band[0]+1), sc.rowsTop), stripBandColor)
	}
	for _, m := range sc.marks {
		top := float64(ar.Max.Y)
		if m.label >= 0 {
			top = sc.tierBaseline(sc.top[m.label].tier) - tickTS.descent() - 2
		}
		var p vg.Path
		p.Move(vg.Point{X: vg.Length(m.x), Y: ar.Min.Y})
		p.Line(vg.Point{X: vg.Length(m.x), Y: vg.Length(top)})
		c.SetLineStyle(stripMarkStyle)
		c.Stroke(p)
	}
	for _, r := range sc.rows {
		if r.sd[1] > r.sd[0] {
			line(c, frameColor, 2, r.sd[0], r.y, r.sd[1], r.y)
		}
		for _, p := range r.dots {
			dot(c, color.White, float64(p.X), float64(p.Y), sc.radius+1)
			dot(c, r.color, float64(p.X), float64(p.Y), sc.radius)
		}
		half := math.Min(0.35*sc.rowH, 3*sc.radius)
		line(c, frameColor, 2, r.mean, r.y-half, r.mean, r.y+half)
		drawText(c, r.ts, float64(ar.Min.X)-stripLabelGap, r.y, r.label, alignRight, capCenter, false)
	}
	for _, l := range sc.top {
		y := sc.tierBaseline(l.tier)
		fillRect(c, rect(l.x0-2, y-tickTS.descent(), l.x1+2, y+tickTS.capHeight()+1), color.White)
		drawText(c, textStyle{size: sizeTick, color: l.color}, l.x0, y, l.text, alignLeft, baseline, false)
	}
	a.drawFrame(c, sc.box)
	sc.key.draw(c, (float64(ar.Min.X)+float64(ar.Max.X))/2, float64(sc.box.Min.Y)-sc.key.height()+outerPad+tickTS.capHeight()/2)
}

// stripKey explains the dots, ticks and bars of a strip chart in a line
// under it: there is no legend.
type stripKey struct {
	sd bool // some sample has a standard deviation
}

func newStripKey(d Distribution) stripKey {
	return stripKey{sd: slices.ContainsFunc(d.Samples, func(s Sample) bool { return len(s.Values) > 1 })}
}

// Key style, in pixels.
const (
	keyGlyph = 14 // width of a dot, tick or bar
	keyGap   = 5  // between a glyph and its text
	keySpace = 20 // between items
)

func (k stripKey) height() float64 { return tickTS.size + 4 }

func (k stripKey) texts() []string {
	if k.sd {
		return []string{lang.T("plots.strip.run"), lang.T("plots.strip.mean"), lang.T("plots.strip.mean_sd")}
	}
	return []string{lang.T("plots.strip.run"), lang.T("plots.strip.mean")}
}

// draw draws the key centred on cx, with its glyphs centred on y.
func (k stripKey) draw(c draw.Canvas, cx, y float64) {
	texts := k.texts()
	width := float64(len(texts)-1) * keySpace
	for _, t := range texts {
		width += keyGlyph + keyGap + tickTS.width(t)
	}
	x := cx - width/2
	for i, t := range texts {
		switch i {
		case 0:
			dot(c, stripDotColor, x+keyGlyph/2, y, stripDotRadius)
		case 1:
			line(c, frameColor, 2, x+keyGlyph/2, y-6, x+keyGlyph/2, y+6)
		case 2:
			line(c, frameColor, 2, x, y, x+keyGlyph, y)
		}
		drawText(c, tickTS, x+keyGlyph+keyGap, y, t, alignLeft, capCenter, false)
		x += keyGlyph + keyGap + tickTS.width(t) + keySpace
	}
}
