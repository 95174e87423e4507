package plots

import (
	"fmt"
	"image"
	"math"
	"strconv"

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
// down the rows, predicted labels across the columns, counts in the cells,
// in the Blues colormap by default. labels name the classes; nil means
// "0", "1", ... It accepts the options of Heatmap.
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
		cmap: Blues, format: "%.0f", xlabel: "Predicted label", ylabel: "True label",
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
}

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
}

func newHeatmapLayout(values [][]float64, lo, hi float64, rowLabels, colLabels []string, def heatmapDefaults, cfg *config) (*heatmapLayout, error) {
	rows, cols := len(values), len(values[0])
	hl := &heatmapLayout{values: values, lo: lo, hi: hi, colLabels: colLabels, showBar: cfg.colorbar == nil || *cfg.colorbar}
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
		hl.barTicks, labelWidth = colorbarTicks(lo, hi)
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
		ticks = []tick{{lo, strconv.FormatFloat(lo, 'g', 4, 64)}}
	}
	wmax := 0.0
	for _, t := range ticks {
		wmax = math.Max(wmax, tickTS.width(t.label))
	}
	return ticks, wmax
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
				hl.texts[r][c] = fmt.Sprintf(format, v)
				all = append(all, hl.texts[r][c])
			}
		}
	}
	hl.cellTS.size = fitSize(hl.cellTS, hl.cell-4, 6, all...)
	hl.colsTS = tickTS
	hl.colsTS.size = fitSize(tickTS, hl.cell-2, 7, hl.colLabels...)
	hl.a.xticks = nil // drawn by drawColLabels with the fitted size
}

// norm maps v to [0, 1] for the colormap.
func (hl *heatmapLayout) norm(v float64) float64 {
	if hl.hi > hl.lo {
		return (v - hl.lo) / (hl.hi - hl.lo)
	}
	return 0
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
			cx0, cy1 := hl.x0+float64(col)*cell, hl.y0+hl.gh-float64(r)*cell
			fillRect(c, rect(cx0, cy1-cell, cx0+cell, cy1), cc)
			if hl.texts[r] != nil {
				ts := hl.cellTS
				ts.color = textOn(cc)
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
	x0, y0, gh := hl.x0, hl.y0, hl.gh
	bx := math.Round(x0 + hl.gw + colorbarGap)
	img := image.NewRGBA(image.Rect(0, 0, colorbarWidth, int(gh)))
	for y := 0; y < int(gh); y++ {
		cc := hl.cm.At(1 - (float64(y)+0.5)/gh)
		for x := 0; x < colorbarWidth; x++ {
			img.SetRGBA(x, y, cc)
		}
	}
	drawImage(c, img, bx, y0+gh)
	bar := rect(bx, y0, bx+colorbarWidth, y0+gh)
	strokeRect(c, inset(bar), frameColor, frameWidth)
	for _, t := range hl.barTicks {
		y := crisp(y0 + hl.norm(t.v)*gh)
		if hl.hi == hl.lo {
			y = y0 + 0.5
		}
		line(c, frameColor, frameWidth, bx+colorbarWidth, y, bx+colorbarWidth+tickLen, y)
		drawText(c, tickTS, bx+colorbarWidth+tickLen+tickPad, y, t.label, alignLeft, capCenter, false)
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
