package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"strconv"

	"github.com/kiwerkstatt/werkbank/lang"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Heatmap draws a matrix of values as coloured cells, row 0 at the top,
// with the value printed in each cell in black or white, whichever reads
// better on the cell's colour, and a colour bar. rowLabels and colLabels
// name the rows and columns; nil means "0", "1", ...
//
// Options: WithColormap (default Viridis), WithFormat (default: two, one
// or no decimals depending on the magnitude), WithColorbar, WithSize
// (default: from the number of cells), WithTitle, WithCaption,
// WithXLabel, WithYLabel.
func Heatmap(values [][]float64, rowLabels, colLabels []string, opts ...Option) (Figure, error) {
	return heatmap("Heatmap", values, rowLabels, colLabels, heatmapDefaults{cmap: Viridis}, newConfig(opts))
}

// ConfusionMatrix draws counts[true][predicted] as a heatmap: true labels
// down the rows, predicted labels across the columns, counts in the cells.
// On a linear scale from 0 to the largest count, a thousand correct 7s
// would leave three 7s read as 2 as pale as an empty cell; so only the
// errors, the cells off the diagonal, are coloured, on a scale of their own
// that is logarithmic (log(1+n), from 0 to the largest error), and a single
// misclassification stands out. The diagonal, the correct counts, is drawn
// in grey with its counts in bold, the zeros off it in light grey, and the
// colour bar shows the errors' scale. The colormap is Blues unless
// WithColormap says otherwise. labels name the classes; nil means "0",
// "1", ... It accepts the options of Heatmap.
func ConfusionMatrix(counts [][]int, labels []string, opts ...Option) (Figure, error) {
	const fn = "ConfusionMatrix"
	values := make([][]float64, len(counts))
	for r, row := range counts {
		if len(row) != len(counts) {
			return nil, fmt.Errorf("plots: %s: row %d has %d counts, want %d (the matrix must be square)", fn, r, len(row), len(counts))
		}
		values[r] = make([]float64, len(row))
		for c, n := range row {
			if n < 0 {
				return nil, fmt.Errorf("plots: %s: count [%d][%d] is negative (%d)", fn, r, c, n)
			}
			values[r][c] = float64(n)
		}
	}
	return heatmap(fn, values, labels, labels, heatmapDefaults{
		cmap: Blues, format: "%.0f", xlabel: "Predicted label", ylabel: "True label", errors: true,
	}, newConfig(opts))
}

// DistanceMatrix draws a square matrix of distances, such as the
// Euclidean distances between the 3×3×16 codes of a few images, as a
// heatmap with the same labels on both axes. It accepts the options of
// Heatmap; small distances are dark in the default Viridis colormap.
func DistanceMatrix(dist [][]float64, labels []string, opts ...Option) (Figure, error) {
	const fn = "DistanceMatrix"
	for r, row := range dist {
		if len(row) != len(dist) {
			return nil, fmt.Errorf("plots: %s: row %d has %d values, want %d (the matrix must be square)", fn, r, len(row), len(dist))
		}
	}
	return heatmap(fn, dist, labels, labels, heatmapDefaults{cmap: Viridis}, newConfig(opts))
}

// heatmapDefaults are the defaults that differ between the heatmap
// flavours; options override them.
type heatmapDefaults struct {
	cmap           Colormap
	format         string
	xlabel, ylabel string
	// errors colours only the cells off the diagonal, on a log(1+v)
	// scale from 0 to their largest value, and draws the diagonal in
	// diagonalColor: a confusion matrix's errors next to its correct
	// counts.
	errors bool
}

// diagonalColor fills the diagonal of a confusion matrix: a neutral grey,
// apart from the colours of the errors.
var diagonalColor = color.RGBA{0xd9, 0xd9, 0xd9, 255}

// zeroColor prints the zeros off a confusion matrix's diagonal, lighter
// than the errors' counts.
var zeroColor = color.RGBA{0x9e, 0x9e, 0x9e, 255}

// Heatmap layout, in pixels.
const (
	colorbarGap   = 14
	colorbarWidth = 16
)

func heatmap(fn string, values [][]float64, rowLabels, colLabels []string, def heatmapDefaults, cfg *config) (Figure, error) {
	lo, hi, err := matrixRange(values)
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	if def.errors {
		lo, hi = 0, offDiagonalMax(values)
	}
	rows, cols := len(values), len(values[0])
	if rowLabels, err = labelsFor(fn, "row", rowLabels, rows); err != nil {
		return nil, err
	}
	if colLabels, err = labelsFor(fn, "column", colLabels, cols); err != nil {
		return nil, err
	}
	cm := def.cmap
	if cfg.colormap != nil {
		cm = *cfg.colormap
	}
	if !cm.valid() {
		return nil, fmt.Errorf("plots: %s: unknown colormap %v", fn, cm)
	}
	format := def.format
	if cfg.format != "" {
		format = cfg.format
	}
	if format == "" {
		format = autoFormat(lo, hi)
	}
	hl, err := newHeatmapLayout(values, lo, hi, rowLabels, colLabels, def, cfg)
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	hl.cm = cm
	hl.setTexts(format)
	return &figure{w: hl.w, h: hl.h, paint: hl.paint}, nil
}

// offDiagonalMax returns the largest value off the diagonal of a square
// matrix of non-negative values (0 when there is none).
func offDiagonalMax(values [][]float64) float64 {
	hi := 0.0
	for r, row := range values {
		for c, v := range row {
			if r != c {
				hi = math.Max(hi, v)
			}
		}
	}
	return hi
}

// matrixRange returns the smallest and the largest of values, which must
// be a non-empty rectangular matrix of finite numbers.
func matrixRange(values [][]float64) (lo, hi float64, err error) {
	if len(values) == 0 || len(values[0]) == 0 {
		return 0, 0, fmt.Errorf("empty matrix")
	}
	cols := len(values[0])
	lo, hi = math.Inf(1), math.Inf(-1)
	for r, row := range values {
		if len(row) != cols {
			return 0, 0, fmt.Errorf("row %d has %d values, want %d", r, len(row), cols)
		}
		for c, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return 0, 0, fmt.Errorf("value [%d][%d] is %v", r, c, v)
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	return lo, hi, nil
}

// heatmapLayout is a heatmap in pixels: square cells of side cell, the
// grid's lower left corner at (x0, y0), and a colour bar right of it.
type heatmapLayout struct {
	w, h      int
	fl        frameLayout
	box       vg.Rectangle // the axes' box
	a         *axes
	values    [][]float64
	lo, hi    float64
	cm        Colormap
	colLabels []string
	// texts[r][c] is printed in cell (r, c) in cellTS; nil rows print
	// nothing.
	texts          [][]string
	cellTS, colsTS textStyle
	cell           float64
	x0, y0, gw, gh float64
	showBar        bool
	barTicks       []tick
	errors         bool // see heatmapDefaults.errors
}

func newHeatmapLayout(values [][]float64, lo, hi float64, rowLabels, colLabels []string, def heatmapDefaults, cfg *config) (*heatmapLayout, error) {
	rows, cols := len(values), len(values[0])
	hl := &heatmapLayout{values: values, lo: lo, hi: hi, colLabels: colLabels, showBar: cfg.colorbar == nil || *cfg.colorbar, errors: def.errors}
	txt := chartText{xlabel: def.xlabel, ylabel: def.ylabel}.apply(cfg)
	a := &axes{x0: -0.5, x1: float64(cols) - 0.5, y0: float64(rows) - 0.5, y1: -0.5, xlabel: txt.xlabel, ylabel: txt.ylabel}
	for c, l := range colLabels {
		a.xticks = append(a.xticks, tick{float64(c), l})
	}
	for r, l := range rowLabels {
		a.yticks = append(a.yticks, tick{float64(r), l})
	}
	extraRight := 0.0
	if hl.showBar {
		var labelWidth float64
		if def.errors {
			hl.barTicks, labelWidth = countTicks(hi)
		} else {
			hl.barTicks, labelWidth = colorbarTicks(lo, hi)
		}
		extraRight = colorbarGap + colorbarWidth + tickLen + tickPad + labelWidth
	}

	// The default size makes square cells of about 440/n pixels; with
	// WithSize the cells fill the area.
	w, h := cfg.w, cfg.h
	if w == 0 && h == 0 {
		w, h = heatmapSize(a, txt, rows, cols, extraRight)
	}
	cfg.w, cfg.h = w, h
	w, h, err := cfg.size(w, h)
	if err != nil {
		return nil, err
	}
	hl.w, hl.h = w, h
	hl.fl = newFrameLayout(w, h, txt)
	bx0, by0, bx1, by1 := hl.fl.box()
	hl.box = rect(bx0, by0, bx1, by1)
	a.layout(hl.box, extraRight)
	// Square cells, centred in the area.
	ar := a.area
	hl.cell = math.Floor(math.Min(float64(ar.Max.X-ar.Min.X)/float64(cols), float64(ar.Max.Y-ar.Min.Y)/float64(rows)))
	if hl.cell < 4 {
		return nil, fmt.Errorf("size %d×%d too small for %d×%d cells", w, h, rows, cols)
	}
	hl.gw, hl.gh = hl.cell*float64(cols), hl.cell*float64(rows)
	hl.x0 = math.Round(float64(ar.Min.X) + (float64(ar.Max.X-ar.Min.X)-hl.gw)/2)
	hl.y0 = math.Round(float64(ar.Max.Y) - hl.gh)
	a.area = rect(hl.x0, hl.y0, hl.x0+hl.gw, hl.y0+hl.gh)
	hl.a = a
	return hl, nil
}

// colorbarTicks returns the ticks of a colour bar from lo to hi and the
// width of their widest label.
func colorbarTicks(lo, hi float64) (ticks []tick, labelWidth float64) {
	ticks = linearTicks(lo, hi, 6, false)
	if hi == lo {
		ticks = []tick{{lo, lang.Fmt("%.4g", lo)}}
	}
	return ticks, ticksWidth(ticks)
}

// ticksWidth returns the width of the widest tick label.
func ticksWidth(ticks []tick) float64 {
	wmax := 0.0
	for _, t := range ticks {
		wmax = math.Max(wmax, tickTS.width(t.label))
	}
	return wmax
}

// countTicks returns the ticks of the errors' colour bar of a confusion
// matrix, whose scale is log(1+n) from 0 to hi: 0, the counts 1, 2, 5, 10,
// 20, ... below hi, and hi itself, leaving out those closer than 8%
// of the bar to a neighbour.
func countTicks(hi float64) (ticks []tick, labelWidth float64) {
	label := func(v float64) string { return lang.Thousands(int(math.Round(v))) }
	ticks = []tick{{0, "0"}}
	if hi <= 0 {
		return ticks, ticksWidth(ticks)
	}
	pos := func(v float64) float64 { return math.Log1p(v) / math.Log1p(hi) }
	const minGap = 0.08
	for mag := 1.0; mag < hi; mag *= 10 {
		for _, m := range []float64{1, 2, 5} {
			v := m * mag
			if v >= hi || pos(hi)-pos(v) < minGap || pos(v)-pos(ticks[len(ticks)-1].v) < minGap {
				continue
			}
			ticks = append(ticks, tick{v, label(v)})
		}
	}
	ticks = append(ticks, tick{hi, label(hi)})
	return ticks, ticksWidth(ticks)
}

// heatmapSize returns the default size of a heatmap of rows×cols cells
// with axes a: square cells of about 440/n pixels, at least 28 and at
// most 88. It lays a out on a probe of 1000×1000 pixels to learn its
// margins.
func heatmapSize(a *axes, txt chartText, rows, cols int, extraRight float64) (w, h int) {
	// Horizontal margins do not depend on the height, nor vertical
	// ones on the width (apart from wrapped titles and captions).
	cell := math.Max(28, math.Min(88, math.Round(440/float64(max(rows, cols)))))
	const probe = 1000
	bx0, by0, bx1, by1 := newFrameLayout(probe, probe, txt).box()
	a.layout(rect(bx0, by0, bx1, by1), extraRight)
	w = max(320, int(math.Ceil(probe-float64(a.area.Max.X-a.area.Min.X)+cell*float64(cols))))
	bx0, by0, bx1, by1 = newFrameLayout(w, probe, txt).box()
	a.layout(rect(bx0, by0, bx1, by1), extraRight)
	h = int(math.Ceil(probe - float64(a.area.Max.Y-a.area.Min.Y) + cell*float64(rows)))
	return w, h
}

// setTexts prints the values in format ("-": none) and sizes the cell
// texts and the column labels as large as they fit.
func (hl *heatmapLayout) setTexts(format string) {
	hl.cellTS = textStyle{size: math.Min(sizeTick, hl.cell*0.34)}
	hl.texts = make([][]string, len(hl.values))
	var all []string
	if format != "-" {
		for r, row := range hl.values {
			hl.texts[r] = make([]string, len(row))
			for c, v := range row {
				hl.texts[r][c] = lang.Fmt(format, v)
				all = append(all, hl.texts[r][c])
			}
		}
	}
	hl.cellTS.size = fitSize(hl.cellTS, hl.cell-4, 6, all...)
	hl.colsTS = tickTS
	hl.colsTS.size = fitSize(tickTS, hl.cell-2, 7, hl.colLabels...)
	hl.a.xticks = nil // drawn by drawColLabels with the fitted size
}

// norm maps v to [0, 1] for the colormap: linearly from lo to hi, or
// for a confusion matrix's errors as log(1+v) from 0 to hi.
func (hl *heatmapLayout) norm(v float64) float64 {
	switch {
	case !(hl.hi > hl.lo):
		return 0
	case hl.errors:
		return math.Log1p(math.Max(v, 0)) / math.Log1p(hl.hi)
	}
	return (v - hl.lo) / (hl.hi - hl.lo)
}

func (hl *heatmapLayout) paint(c draw.Canvas) {
	hl.fl.drawTexts(c)
	hl.drawCells(c)
	hl.a.drawFrame(c, hl.box)
	hl.drawColLabels(c)
	if hl.showBar {
		hl.drawColorbar(c)
	}
}

// drawCells fills the cells, row 0 at the top, and prints their values.
func (hl *heatmapLayout) drawCells(c draw.Canvas) {
	cell := hl.cell
	for r, row := range hl.values {
		for col, v := range row {
			cc := hl.cm.At(hl.norm(v))
			ts := hl.cellTS
			if hl.errors && r == col {
				cc, ts.bold = diagonalColor, true
			}
			cx0, cy1 := hl.x0+float64(col)*cell, hl.y0+hl.gh-float64(r)*cell
			fillRect(c, rect(cx0, cy1-cell, cx0+cell, cy1), cc)
			if hl.texts[r] != nil {
				ts.color = textOn(cc)
				if hl.errors && r != col && v == 0 {
					ts.color = zeroColor
				}
				drawText(c, ts, cx0+cell/2, cy1-cell/2, hl.texts[r][col], alignCenter, capCenter, false)
			}
		}
	}
}

// drawColLabels draws the ticks and labels of the columns.
func (hl *heatmapLayout) drawColLabels(c draw.Canvas) {
	for col, l := range hl.colLabels {
		x := crisp(hl.a.px(float64(col)))
		line(c, frameColor, frameWidth, x, hl.y0, x, hl.y0-tickLen)
		drawText(c, hl.colsTS, x, hl.y0-tickLen-tickPad, l, alignCenter, capTop, false)
	}
}

// drawColorbar draws the colormap from lo (bottom) to hi (top) right of
// the cells, with its ticks.
func (hl *heatmapLayout) drawColorbar(c draw.Canvas) {
	pos := hl.norm
	if hl.hi == hl.lo {
		pos = func(float64) float64 { return 0 }
	}
	drawColorbar(c, hl.cm, math.Round(hl.x0+hl.gw+colorbarGap), hl.y0, hl.gh, hl.barTicks, pos)
}

// drawColorbar draws a colour bar of cm at x, from y0 (t = 0) up to y0+h
// (t = 1), framed, with ticks at pos(t.v) of its height on the right.
func drawColorbar(c draw.Canvas, cm Colormap, x, y0, h float64, ticks []tick, pos func(float64) float64) {
	img := image.NewRGBA(image.Rect(0, 0, colorbarWidth, int(h)))
	for y := 0; y < int(h); y++ {
		cc := cm.At(1 - (float64(y)+0.5)/h)
		for px := 0; px < colorbarWidth; px++ {
			img.SetRGBA(px, y, cc)
		}
	}
	drawImage(c, img, x, y0+h)
	bar := rect(x, y0, x+colorbarWidth, y0+h)
	strokeRect(c, inset(bar), frameColor, frameWidth)
	for _, t := range ticks {
		y := crisp(y0 + pos(t.v)*h)
		line(c, frameColor, frameWidth, x+colorbarWidth, y, x+colorbarWidth+tickLen, y)
		drawText(c, tickTS, x+colorbarWidth+tickLen+tickPad, y, t.label, alignLeft, capCenter, false)
	}
}

// labelsFor returns labels, or "0", "1", ... for nil labels.
func labelsFor(fn, what string, labels []string, n int) ([]string, error) {
	if labels == nil {
		labels = make([]string, n)
		for i := range labels {
			labels[i] = strconv.Itoa(i)
		}
	}
	if len(labels) != n {
		return nil, fmt.Errorf("plots: %s: %d %s labels for %d %ss", fn, len(labels), what, n, what)
	}
	return labels, nil
}

// autoFormat picks the decimals for cell values from their magnitude.
func autoFormat(lo, hi float64) string {
	m := math.Max(math.Abs(lo), math.Abs(hi))
	switch {
	case m < 10:
		return "%.2f"
	case m < 100:
		return "%.1f"
	}
	return "%.0f"
}

// Overlay is a figure of heat maps laid over the images they belong to,
// such as saliency maps over the digits they explain: one row per image,
// each with three panels, the image in grey, its heat map in a colormap,
// and the heat map over the dimmed image, translucent where it is low;
// a colour bar on the right gives the heat map's scale.
type Overlay struct {
	// Title is drawn above the figure and Caption below it; empty for
	// none.
	Title, Caption string
	// Headers name the three columns (image, heat map, both overlaid);
	// empty strings for none.
	Headers [3]string
	Rows    []OverlayRow
	// CellSize is the side of a panel in pixels; zero selects 112, four
	// pixels per pixel of a 28×28 digit.
	CellSize int
}

// OverlayRow is one row of an Overlay.
type OverlayRow struct {
	// Label is drawn left of the row, such as the class the net reads.
	Label string
	// Image is drawn in grey from its minimum to its maximum; Heat, of
	// the same size, from 0 to its own maximum (negative values count as
	// 0), so that each row uses the whole colour bar.
	Image, Heat Map
}

// Overlay layout, in pixels.
const (
	overlayCell     = 112
	overlayGap      = 8
	overlayLabelPad = 8
	// overlayDim is the brightness of the image's brightest pixel under
	// the heat map: dimmed, so that the heat's colours stand out.
	overlayDim = 0.6
)

// HeatOverlays draws o. The colour bar runs from 0 to 1, a share of each
// row's maximum. Options: WithColormap (default Magma, dark where the heat
// is low), WithColorbar, WithTitle and WithCaption (overriding o's).
func HeatOverlays(o Overlay, opts ...Option) (Figure, error) {
	const fn = "HeatOverlays"
	ol, err := newOverlayLayout(o, newConfig(opts))
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	return &figure{w: ol.w, h: ol.h, paint: ol.paint}, nil
}

// overlayLayout is an Overlay in pixels.
type overlayLayout struct {
	w, h           int
	o              Overlay
	cm             Colormap
	cell           int
	labelTS        textStyle // of the rows' labels
	headTS         textStyle // of the column headers
	labelW, headH  float64
	gridW, gridH   float64
	showBar        bool
	barTicks       []tick
	barW           float64 // the colour bar with its tick labels and the gap before it
	title, caption textBlock
}

func newOverlayLayout(o Overlay, cfg *config) (*overlayLayout, error) {
	if len(o.Rows) == 0 {
		return nil, fmt.Errorf("no rows")
	}
	for i, r := range o.Rows {
		name := describe("row", i, r.Label)
		if err := r.Image.check(name + ", image"); err != nil {
			return nil, err
		}
		if err := r.Heat.check(name + ", heat map"); err != nil {
			return nil, err
		}
		if r.Heat.Rows != r.Image.Rows || r.Heat.Cols != r.Image.Cols {
			return nil, fmt.Errorf("%s: heat map %d×%d, image %d×%d (want the same size)", name, r.Heat.Rows, r.Heat.Cols, r.Image.Rows, r.Image.Cols)
		}
	}
	ol := &overlayLayout{o: o, cm: Magma, cell: o.CellSize, showBar: cfg.colorbar == nil || *cfg.colorbar}
	if cfg.colormap != nil {
		ol.cm = *cfg.colormap
	}
	if !ol.cm.valid() {
		return nil, fmt.Errorf("unknown colormap %v", ol.cm)
	}
	switch {
	case ol.cell == 0:
		ol.cell = overlayCell
	case ol.cell < 16 || ol.cell > 1024:
		return nil, fmt.Errorf("CellSize %d out of range [16, 1024]", ol.cell)
	}
	cell := float64(ol.cell)
	ol.labelTS = textStyle{size: sizeCellTitle}
	for _, r := range o.Rows {
		ol.labelW = math.Max(ol.labelW, ol.labelTS.width(r.Label))
	}
	if ol.labelW > 0 {
		ol.labelW = math.Ceil(ol.labelW) + overlayLabelPad
	}
	ol.headTS = textStyle{size: sizeCellTitle}
	ol.headTS.size = fitSize(ol.headTS, cell, 8, o.Headers[:]...)
	if o.Headers != [3]string{} {
		ol.headH = math.Ceil(ol.headTS.capHeight() + ol.headTS.descent() + 6)
	}
	ol.gridW = 3*cell + 2*overlayGap
	ol.gridH = float64(len(o.Rows))*cell + float64(len(o.Rows)-1)*overlayGap
	if ol.showBar {
		for _, v := range []float64{0, 0.25, 0.5, 0.75, 1} {
			ol.barTicks = append(ol.barTicks, tick{v, lang.Fmt("%g", v)})
		}
		ol.barW = colorbarGap + colorbarWidth + tickLen + tickPad + ticksWidth(ol.barTicks)
	}
	contentW := ol.labelW + ol.gridW + ol.barW
	textW := math.Max(contentW, minTextWidth)
	ol.title = newTextBlock(textStyle{size: sizeTitle}, str(cfg.title, o.Title), textW)
	ol.caption = newTextBlock(textStyle{size: sizeCaption}, str(cfg.caption, o.Caption), textW)
	ol.w = int(math.Ceil(math.Max(contentW, math.Max(ol.title.width(), ol.caption.width())))) + 2*gridMargin
	ol.h = int(math.Ceil(gridMargin + ol.title.spaced(gridMargin) + ol.headH + ol.gridH + ol.caption.spaced(gridMargin) + gridMargin))
	return ol, nil
}

func (ol *overlayLayout) paint(c draw.Canvas) {
	cell := float64(ol.cell)
	top := float64(ol.h) - gridMargin
	ol.title.draw(c, float64(ol.w)/2, top)
	top = math.Floor(top - ol.title.spaced(gridMargin))
	contentW := ol.labelW + ol.gridW + ol.barW
	left := math.Floor((float64(ol.w)-contentW)/2) + ol.labelW
	for k, head := range ol.o.Headers {
		cx := left + float64(k)*(cell+overlayGap) + cell/2
		drawText(c, ol.headTS, cx, top-ol.headH+ol.headTS.descent()+2, head, alignCenter, baseline, false)
	}
	top -= ol.headH
	for i, r := range ol.o.Rows {
		rowTop := top - float64(i)*(cell+overlayGap)
		drawText(c, ol.labelTS, left-overlayLabelPad, rowTop-cell/2, r.Label, alignRight, capCenter, false)
		for k, img := range ol.panels(r) {
			drawImage(c, img, left+float64(k)*(cell+overlayGap), rowTop)
		}
	}
	if ol.showBar {
		drawColorbar(c, ol.cm, left+ol.gridW+colorbarGap, top-ol.gridH, ol.gridH, ol.barTicks,
			func(v float64) float64 { return v })
	}
	ol.caption.draw(c, float64(ol.w)/2, gridMargin+ol.caption.height())
}

// panels returns the three images of a row: the image in grey, the heat
// map in the colormap, and the heat map over the dimmed image with an
// opacity equal to its value.
func (ol *overlayLayout) panels(r OverlayRow) [3]*image.RGBA {
	w, h := fitAspect(r.Image.Rows, r.Image.Cols, ol.cell)
	lo, hi := r.Image.minMax()
	_, heatMax := r.Heat.minMax()
	heatMax = math.Max(heatMax, 0)
	gray := r.Image.image(lo, hi, w, h, Gray, Nearest)
	heat := r.Heat.image(0, heatMax, w, h, ol.cm, Nearest)
	// The values behind the two images, for the blend.
	base := resample(unit(r.Image.Data, lo, hi), r.Image.Rows, r.Image.Cols, w, h, Nearest)
	t := resample(unit(r.Heat.Data, 0, heatMax), r.Heat.Rows, r.Heat.Cols, w, h, Nearest)
	both := image.NewRGBA(image.Rect(0, 0, w, h))
	for i := range t {
		a := math.Max(0, math.Min(1, t[i]))
		g := overlayDim * 255 * math.Max(0, math.Min(1, base[i]))
		hc := heat.Pix[4*i : 4*i+3]
		for k := range 3 {
			both.Pix[4*i+k] = uint8(math.Round((1-a)*g + a*float64(hc[k])))
		}
		both.Pix[4*i+3] = 255
	}
	return [3]*image.RGBA{gray, heat, both}
}

// unit scales data linearly from [lo, hi] to [0, 1] (all 0 when hi <= lo).
func unit(data []float32, lo, hi float64) []float64 {
	out := make([]float64, len(data))
	if hi > lo {
		for i, v := range data {
			out[i] = (float64(v) - lo) / (hi - lo)
		}
	}
	return out
}
