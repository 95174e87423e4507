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
// the original image and its feature maps, as in Abb 3.
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
// row, as in Abb 4 and 5; by convention the first map is the original
// image.
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
// bottom, as in Abb 6: each column holds an input image followed by its
// codes (for instance the 16 3×3 maps of the last convolution), and the
// maps in one row are comparable across inputs. A nil or empty column is
// a blank separator, half a cell wide, that groups the columns around it;
// the post's layout (noise | 4, 4 | 6, 6) is
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
	if !opts.Colormap.valid() {
		return nil, fmt.Errorf("plots: %s: unknown colormap %v", fn, opts.Colormap)
	}
	if !opts.Interpolation.valid() {
		return nil, fmt.Errorf("plots: %s: unknown interpolation %v", fn, opts.Interpolation)
	}
	cell := opts.CellSize
	switch {
	case cell == 0:
		cell = defCell
	case cell < 4 || cell > 2048:
		return nil, fmt.Errorf("plots: %s: CellSize %d out of range [4, 2048]", fn, cell)
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for r, row := range cells {
		for c, m := range row {
			if m == nil {
				continue
			}
			if err := m.check(fn + ": " + name(r, c)); err != nil {
				return nil, err
			}
			l, h := m.minMax()
			lo, hi = math.Min(lo, l), math.Max(hi, h)
		}
	}

	ncol := len(cells[0])
	gap := max(4, cell/12)
	colX := make([]float64, ncol) // left edge of each column
	x := 0.0
	for c := range ncol {
		colX[c] = x
		w := cell
		if sep != nil && sep[c] {
			w = cell / 2
		}
		x += float64(w + gap)
	}
	gridW := x - float64(gap)

	// Rows with at least one title get a band above their cells.
	titleTS := textStyle{size: sizeCellTitle}
	titleTS.size = fitSize(titleTS, float64(cell+gap-2), 8, allTitles(cells)...)
	titleBand := math.Ceil(titleTS.capHeight() + titleTS.descent() + 4)
	rowHasTitle := make([]bool, len(cells))
	for r, row := range cells {
		for _, m := range row {
			if m != nil && m.Title != "" {
				rowHasTitle[r] = true
			}
		}
	}
	gridH := 0.0
	for r := range cells {
		if r > 0 {
			gridH += float64(gap)
		}
		if rowHasTitle[r] {
			gridH += titleBand
		}
		gridH += float64(cell)
	}

	textW := math.Max(gridW, minTextWidth)
	title := newTextBlock(textStyle{size: sizeTitle}, opts.Title, textW)
	caption := newTextBlock(textStyle{size: sizeCaption}, opts.Caption, textW)
	contentW := math.Max(gridW, math.Max(title.width(), caption.width()))
	width := int(math.Ceil(contentW)) + 2*gridMargin
	height := gridMargin + title.spaced(gridMargin) + gridH + caption.spaced(gridMargin) + gridMargin
	h := int(math.Ceil(height))

	// Pixel-aligned origin of the grid.
	left := math.Floor((float64(width) - gridW) / 2)
	cm, in, shared := opts.Colormap, opts.Interpolation, opts.SharedScale

	paint := func(c draw.Canvas) {
		top := float64(h) - gridMargin
		title.draw(c, float64(width)/2, top)
		top -= title.spaced(gridMargin)
		top = math.Floor(top)
		for r, row := range cells {
			if rowHasTitle[r] {
				for col, m := range row {
					if m == nil || m.Title == "" {
						continue
					}
					cx := left + colX[col] + float64(cell)/2
					drawText(c, titleTS, cx, top-titleBand+titleTS.descent()+2, m.Title, alignCenter, baseline, false)
				}
				top -= titleBand
			}
			for col, m := range row {
				if m == nil {
					continue
				}
				l, hi := lo, hi
				if !shared {
					l, hi = m.minMax()
				}
				w, hh := fitAspect(m.Rows, m.Cols, cell)
				img := m.image(l, hi, w, hh, cm, in)
				x := left + colX[col] + float64((cell-w)/2)
				drawImage(c, img, x, top-float64((cell-hh)/2))
			}
			top -= float64(cell + gap)
		}
		caption.draw(c, float64(width)/2, gridMargin+caption.height())
	}
	return &figure{w: width, h: h, paint: paint}, nil
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
