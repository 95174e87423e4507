package plots

import (
	"fmt"
	"image"
	"math"
	"strconv"

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
	rows := len(values)
	if rows == 0 || len(values[0]) == 0 {
		return nil, fmt.Errorf("plots: %s: empty matrix", fn)
	}
	cols := len(values[0])
	lo, hi := math.Inf(1), math.Inf(-1)
	for r, row := range values {
		if len(row) != cols {
			return nil, fmt.Errorf("plots: %s: row %d has %d values, want %d", fn, r, len(row), cols)
		}
		for c, v := range row {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("plots: %s: value [%d][%d] is %v", fn, r, c, v)
			}
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	var err error
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
	showBar := cfg.colorbar == nil || *cfg.colorbar
	txt := chartText{xlabel: def.xlabel, ylabel: def.ylabel}.apply(cfg)

	a := &axes{x0: -0.5, x1: float64(cols) - 0.5, y0: float64(rows) - 0.5, y1: -0.5, xlabel: txt.xlabel, ylabel: txt.ylabel}
	for c, l := range colLabels {
		a.xticks = append(a.xticks, tick{float64(c), l})
	}
	for r, l := range rowLabels {
		a.yticks = append(a.yticks, tick{float64(r), l})
	}
	var barTicks []tick
	extraRight := 0.0
	if showBar {
		barTicks = linearTicks(lo, hi, 6, false)
		if hi == lo {
			barTicks = []tick{{lo, strconv.FormatFloat(lo, 'g', 4, 64)}}
		}
		wmax := 0.0
		for _, t := range barTicks {
			wmax = math.Max(wmax, tickTS.width(t.label))
		}
		extraRight = colorbarGap + colorbarWidth + tickLen + tickPad + wmax
	}

	// The default size makes square cells of about 440/n pixels; with
	// WithSize the cells fill the area.
	w, h := cfg.w, cfg.h
	if w == 0 && h == 0 {
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
	}
	cfg.w, cfg.h = w, h
	if w, h, err = cfg.size(w, h); err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	fl := newFrameLayout(w, h, txt)
	bx0, by0, bx1, by1 := fl.box()
	box := rect(bx0, by0, bx1, by1)
	a.layout(box, extraRight)
	// Square cells, centred in the area.
	ar := a.area
	cell := math.Floor(math.Min(float64(ar.Max.X-ar.Min.X)/float64(cols), float64(ar.Max.Y-ar.Min.Y)/float64(rows)))
	if cell < 4 {
		return nil, fmt.Errorf("plots: %s: size %d×%d too small for %d×%d cells", fn, w, h, rows, cols)
	}
	gw, gh := cell*float64(cols), cell*float64(rows)
	x0 := math.Round(float64(ar.Min.X) + (float64(ar.Max.X-ar.Min.X)-gw)/2)
	y0 := math.Round(float64(ar.Max.Y) - gh)
	a.area = rect(x0, y0, x0+gw, y0+gh)

	// Cell texts: as large as fits.
	cellTS := textStyle{size: math.Min(sizeTick, cell*0.34)}
	texts := make([][]string, rows)
	var all []string
	if format != "-" {
		for r, row := range values {
			texts[r] = make([]string, cols)
			for c, v := range row {
				texts[r][c] = fmt.Sprintf(format, v)
				all = append(all, texts[r][c])
			}
		}
	}
	cellTS.size = fitSize(cellTS, cell-4, 6, all...)
	tickTSx := tickTS
	tickTSx.size = fitSize(tickTS, cell-2, 7, colLabels...)
	a.xticks = nil // drawn below with the fitted size
	norm := func(v float64) float64 {
		if hi > lo {
			return (v - lo) / (hi - lo)
		}
		return 0
	}

	paint := func(c draw.Canvas) {
		fl.drawTexts(c)
		for r, row := range values {
			for col, v := range row {
				cc := cm.At(norm(v))
				cx0, cy1 := x0+float64(col)*cell, y0+gh-float64(r)*cell
				fillRect(c, rect(cx0, cy1-cell, cx0+cell, cy1), cc)
				if texts[r] != nil {
					ts := cellTS
					ts.color = textOn(cc)
					drawText(c, ts, cx0+cell/2, cy1-cell/2, texts[r][col], alignCenter, capCenter, false)
				}
			}
		}
		a.drawFrame(c, box)
		for col, l := range colLabels {
			x := crisp(a.px(float64(col)))
			line(c, frameColor, frameWidth, x, y0, x, y0-tickLen)
			drawText(c, tickTSx, x, y0-tickLen-tickPad, l, alignCenter, capTop, false)
		}
		if showBar {
			bx := math.Round(x0 + gw + colorbarGap)
			img := image.NewRGBA(image.Rect(0, 0, colorbarWidth, int(gh)))
			for y := 0; y < int(gh); y++ {
				cc := cm.At(1 - (float64(y)+0.5)/gh)
				for x := 0; x < colorbarWidth; x++ {
					img.SetRGBA(x, y, cc)
				}
			}
			drawImage(c, img, bx, y0+gh)
			bar := rect(bx, y0, bx+colorbarWidth, y0+gh)
			strokeRect(c, inset(bar), frameColor, frameWidth)
			for _, t := range barTicks {
				y := crisp(y0 + norm(t.v)*gh)
				if hi == lo {
					y = y0 + 0.5
				}
				line(c, frameColor, frameWidth, bx+colorbarWidth, y, bx+colorbarWidth+tickLen, y)
				drawText(c, tickTS, bx+colorbarWidth+tickLen+tickPad, y, t.label, alignLeft, capCenter, false)
			}
		}
	}
	return &figure{w: w, h: h, paint: paint}, nil
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
