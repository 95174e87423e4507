package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot/vg/draw"
)

// GridOptions configures Row, Grid and Columns. The zero value gives
// gray maps with nearest-neighbour scaling, each map scaled from its own
// minimum to its maximum, like matplotlib's imshow(cmap='gray',
// interpolation='none').
type GridOptions struct {
	// Colormap colours the maps; the zero value is Gray.
	Colormap Colormap
	// Interpolation scales maps up to their cells; the zero value is
	// Nearest.
	Interpolation Interpolation
	// CellSize is the side of a map's square cell in pixels; maps that
	// are not square keep their aspect ratio inside it. Zero selects 84
	// for Row and Grid (an integer multiple of 28, 14, 7 and 3) and 56
	// for Columns.
	CellSize int
	// SharedScale scales all maps of the figure with one minimum and
	// maximum instead of per map, so that brightness is comparable
	// between maps. The scale spans every map of the figure, input
	// images included.
	SharedScale bool
	// Title is drawn above the figure and Caption below it; empty for
	// none. Long texts are wrapped.
	Title, Caption string
}

// Row draws maps side by side in one row, each with its title above it:
// an image and its feature maps, say.
func Row(maps []Map, opts GridOptions) (Figure, error) {
	if len(maps) == 0 {
		return nil, fmt.Errorf("plots: Row: no maps")
	}
	cells := [][]*Map{make([]*Map, len(maps))}
	for i := range maps {
		cells[0][i] = &maps[i]
	}
	return gridFigure("Row", cells, nil, 84, opts, func(r, c int) string {
		return describe("map", c, maps[c].Title)
	})
}

// Grid draws maps in a square grid of ceil(sqrt(n)) columns, filled row by
// row, such as all feature maps of a layer; by convention the first map is
// the original image.
func Grid(maps []Map, opts GridOptions) (Figure, error) {
	if len(maps) == 0 {
		return nil, fmt.Errorf("plots: Grid: no maps")
	}
	ncol := int(math.Ceil(math.Sqrt(float64(len(maps)))))
	nrow := (len(maps) + ncol - 1) / ncol
	cells := make([][]*Map, nrow)
	for r := range cells {
		cells[r] = make([]*Map, ncol)
	}
	for i := range maps {
		cells[i/ncol][i%ncol] = &maps[i]
	}
	return gridFigure("Grid", cells, nil, 84, opts, func(r, c int) string {
		i := r*ncol + c
		return describe("map", i, maps[i].Title)
	})
}

// Columns draws one column per input, the maps of a column stacked top to
// bottom: each column holds an input image followed by its codes (for
// instance the 16 3×3 maps of the last convolution), and the maps in one
// row are comparable across inputs. A nil or empty column is a blank
// separator, half a cell wide, that groups the columns around it; the
// layout noise | 4, 4 | 6, 6 is
//
//	Columns([][]Map{noise, nil, four1, four2, nil, six1, six2}, opts)
//
// Columns may differ in length; missing maps leave their cells blank.
func Columns(columns [][]Map, opts GridOptions) (Figure, error) {
	nrow := 0
	for _, col := range columns {
		nrow = max(nrow, len(col))
	}
	if nrow == 0 {
		return nil, fmt.Errorf("plots: Columns: no maps")
	}
	cells := make([][]*Map, nrow)
	sep := make([]bool, len(columns))
	for r := range cells {
		cells[r] = make([]*Map, len(columns))
	}
	for c, col := range columns {
		sep[c] = len(col) == 0
		for r := range col {
			cells[r][c] = &col[r]
		}
	}
	return gridFigure("Columns", cells, sep, 56, opts, func(r, c int) string {
		return fmt.Sprintf("column %d, %s", c, describe("map", r, columns[c][r].Title))
	})
}

// Layout constants of image grids, in pixels.
const (
	gridMargin   = 10
	minTextWidth = 320
)

// gridFigure validates and lays out cells[row][col] (nil cells are
// blank); separator columns are half a cell wide. name identifies a cell
// in error messages.
func gridFigure(fn string, cells [][]*Map, sep []bool, defCell int, opts GridOptions, name func(r, c int) string) (Figure, error) {
	cell, err := gridCellSize(opts, defCell)
	if err != nil {
		return nil, fmt.Errorf("plots: %s: %w", fn, err)
	}
	lo, hi, err := cellsRange(fn, cells, name)
	if err != nil {
		return nil, err
	}
	g := newGridLayout(cells, sep, cell, opts)
	g.lo, g.hi = lo, hi
	return &figure{w: g.w, h: g.h, paint: g.paint}, nil
}

// gridCellSize validates the options and returns the side of a cell:
// opts.CellSize, or defCell when it is zero.
func gridCellSize(opts GridOptions, defCell int) (int, error) {
	if !opts.Colormap.valid() {
		return 0, fmt.Errorf("unknown colormap %v", opts.Colormap)
	}
	if !opts.Interpolation.valid() {
		return 0, fmt.Errorf("unknown interpolation %v", opts.Interpolation)
	}
	switch {
	case opts.CellSize == 0:
		return defCell, nil
	case opts.CellSize < 4 || opts.CellSize > 2048:
		return 0, fmt.Errorf("CellSize %d out of range [4, 2048]", opts.CellSize)
	}
	return opts.CellSize, nil
}

// cellsRange checks the maps of cells and returns the smallest and the
// largest value of them all, the range of a shared scale.
func cellsRange(fn string, cells [][]*Map, name func(r, c int) string) (lo, hi float64, err error) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for r, row := range cells {
		for c, m := range row {
			if m == nil {
				continue
			}
			if err := m.check(fn + ": " + name(r, c)); err != nil {
				return 0, 0, err
			}
			l, h := m.minMax()
			lo, hi = math.Min(lo, l), math.Max(hi, h)
		}
	}
	return lo, hi, nil
}

// gridLayout is an image grid in pixels: the title on top, the rows of
// cells, each with a band for the titles of its maps if it has any, and
// the caption at the bottom.
type gridLayout struct {
	w, h        int
	cells       [][]*Map
	opts        GridOptions
	lo, hi      float64 // the range of all maps, for SharedScale
	cell, gap   int
	colX        []float64 // left edge of each column, from the grid's left
	left        float64   // pixel-aligned left edge of the grid
	titleTS     textStyle // of the maps' titles
	titleBand   float64
	rowHasTitle []bool
	title       textBlock
	caption     textBlock
}

func newGridLayout(cells [][]*Map, sep []bool, cell int, opts GridOptions) *gridLayout {
	g := &gridLayout{cells: cells, opts: opts, cell: cell, gap: max(4, cell/12)}
	gridW := g.placeColumns(sep)

	// Rows with at least one title get a band above their cells.
	g.titleTS = textStyle{size: sizeCellTitle}
	g.titleTS.size = fitSize(g.titleTS, float64(cell+g.gap-2), 8, allTitles(cells)...)
	g.titleBand = math.Ceil(g.titleTS.capHeight() + g.titleTS.descent() + 4)
	g.rowHasTitle = make([]bool, len(cells))
	for r, row := range cells {
		for _, m := range row {
			if m != nil && m.Title != "" {
				g.rowHasTitle[r] = true
			}
		}
	}
	gridH := 0.0
	for r := range cells {
		if r > 0 {
			gridH += float64(g.gap)
		}
		if g.rowHasTitle[r] {
			gridH += g.titleBand
		}
		gridH += float64(cell)
	}

	textW := math.Max(gridW, minTextWidth)
	g.title = newTextBlock(textStyle{size: sizeTitle}, opts.Title, textW)
	g.caption = newTextBlock(textStyle{size: sizeCaption}, opts.Caption, textW)
	contentW := math.Max(gridW, math.Max(g.title.width(), g.caption.width()))
	g.w = int(math.Ceil(contentW)) + 2*gridMargin
	height := gridMargin + g.title.spaced(gridMargin) + gridH + g.caption.spaced(gridMargin) + gridMargin
	g.h = int(math.Ceil(height))
	g.left = math.Floor((float64(g.w) - gridW) / 2)
	return g
}

// placeColumns sets the left edges of the columns, separators half a
// cell wide, and returns the width of the grid.
func (g *gridLayout) placeColumns(sep []bool) (width float64) {
	ncol := len(g.cells[0])
	g.colX = make([]float64, ncol)
	x := 0.0
	for c := range ncol {
		g.colX[c] = x
		w := g.cell
		if sep != nil && sep[c] {
			w = g.cell / 2
		}
		x += float64(w + g.gap)
	}
	return x - float64(g.gap)
}

func (g *gridLayout) paint(c draw.Canvas) {
	top := float64(g.h) - gridMargin
	g.title.draw(c, float64(g.w)/2, top)
	top -= g.title.spaced(gridMargin)
	top = math.Floor(top)
	for r, row := range g.cells {
		if g.rowHasTitle[r] {
			g.drawTitles(c, row, top)
			top -= g.titleBand
		}
		g.drawMaps(c, row, top)
		top -= float64(g.cell + g.gap)
	}
	g.caption.draw(c, float64(g.w)/2, gridMargin+g.caption.height())
}

// drawTitles draws the titles of the maps of a row in the band below top.
func (g *gridLayout) drawTitles(c draw.Canvas, row []*Map, top float64) {
	for col, m := range row {
		if m == nil || m.Title == "" {
			continue
		}
		cx := g.left + g.colX[col] + float64(g.cell)/2
		drawText(c, g.titleTS, cx, top-g.titleBand+g.titleTS.descent()+2, m.Title, alignCenter, baseline, false)
	}
}

// drawMaps draws the maps of a row, each centred in its cell below top.
func (g *gridLayout) drawMaps(c draw.Canvas, row []*Map, top float64) {
	for col, m := range row {
		if m == nil {
			continue
		}
		lo, hi := g.lo, g.hi
		if !g.opts.SharedScale {
			lo, hi = m.minMax()
		}
		w, h := fitAspect(m.Rows, m.Cols, g.cell)
		img := m.image(lo, hi, w, h, g.opts.Colormap, g.opts.Interpolation)
		x := g.left + g.colX[col] + float64((g.cell-w)/2)
		drawImage(c, img, x, top-float64((g.cell-h)/2))
	}
}

// fitAspect returns the pixel size of a rows×cols map inside a square
// cell, keeping its aspect ratio.
func fitAspect(rows, cols, cell int) (w, h int) {
	if cols >= rows {
		return cell, max(1, int(math.Round(float64(cell)*float64(rows)/float64(cols))))
	}
	return max(1, int(math.Round(float64(cell)*float64(cols)/float64(rows)))), cell
}

func allTitles(cells [][]*Map) []string {
	var ts []string
	for _, row := range cells {
		for _, m := range row {
			if m != nil && m.Title != "" {
				ts = append(ts, m.Title)
			}
		}
	}
	return ts
}
