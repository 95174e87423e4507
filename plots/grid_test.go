package plots

import (
	"image"
	"image/color"
	"math"
	"strings"
	"testing"
)

var (
	black = color.RGBA{0, 0, 0, 255}
	white = color.RGBA{255, 255, 255, 255}
)

func constMap(v float32, rows, cols int, title string) Map {
	d := make([]float32, rows*cols)
	for i := range d {
		d[i] = v
	}
	return Map{Data: d, Rows: rows, Cols: cols, Title: title}
}

// cellCenter returns the colour at the centre of the cell at column c of
// a grid without titles whose first cell row starts at top.
func cellCenter(img image.Image, left, top, cell, gap, col, row int) color.RGBA {
	return rgbaAt(img, left+col*(cell+gap)+cell/2, top+row*(cell+gap)+cell/2)
}

func TestRowGeometry(t *testing.T) {
	// Three untitled cells of 20 px, gaps of 4 px, margins of 10 px.
	maps := []Map{constMap(1, 3, 3, ""), constMap(0, 3, 3, ""), constMap(1, 3, 3, "")}
	fig, err := Row(maps, GridOptions{CellSize: 20, SharedScale: true})
	if err != nil {
		t.Fatal(err)
	}
	if w, h := fig.Size(); w != 3*20+2*4+2*10 || h != 20+2*10 {
		t.Errorf("Size = %dx%d, want %dx%d", w, h, 88, 40)
	}
	img := decodePNG(t, fig)
	for col, want := range []color.RGBA{white, black, white} {
		if got := cellCenter(img, 10, 10, 20, 4, col, 0); got != want {
			t.Errorf("cell %d centre = %v, want %v", col, got, want)
		}
	}
	// The gap between cells is background.
	if got := rgbaAt(img, 10+20+2, 20); got != white {
		t.Errorf("gap = %v, want white background", got)
	}
	if info := checkSVG(t, fig); info.images != 3 {
		t.Errorf("SVG has %d images, want 3", info.images)
	}
}

func TestGridCells(t *testing.T) {
	// 1 original + 4 maps -> 3 columns, 2 rows; titles on every cell.
	maps := []Map{constMap(0.5, 28, 28, "Original")}
	for i := range 4 {
		v := float32(i % 2) // 0, 1, 0, 1
		maps = append(maps, constMap(v, 7, 7, string(rune('0'+i))))
	}
	fig, err := Grid(maps, GridOptions{CellSize: 60, SharedScale: true})
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, fig)
	w, h := fig.Size()
	gap := 5 // 60/12
	band := int(gridTitleBand(t))
	if want := 3*60 + 2*gap + 2*gridMargin; w != want {
		t.Errorf("width %d, want %d", w, want)
	}
	if want := 2*(band+60) + gap + 2*gridMargin; h != want {
		t.Errorf("height %d, want %d", h, want)
	}
	top0 := gridMargin + band
	top1 := top0 + 60 + gap + band
	check := func(i int, want color.RGBA) {
		t.Helper()
		col, row := i%3, i/3
		top := top0
		if row == 1 {
			top = top1
		}
		if got := rgbaAt(img, gridMargin+col*(60+gap)+30, top+30); !near(got, want, 1) {
			t.Errorf("cell %d (%q) centre = %v, want %v", i, maps[i].Title, got, want)
		}
	}
	check(0, color.RGBA{128, 128, 128, 255}) // 0.5 on the shared 0..1 scale
	check(1, black)
	check(2, white)
	check(3, black)
	check(4, white)
	// The sixth cell is empty.
	if got := rgbaAt(img, gridMargin+2*(60+gap)+30, top1+30); got != white {
		t.Errorf("empty cell = %v, want background", got)
	}
	info := checkSVG(t, fig)
	if info.images != 5 {
		t.Errorf("SVG has %d images, want 5", info.images)
	}
	if strings.Join(info.texts, ",") != "Original,0,1,2,3" {
		t.Errorf("SVG texts %q", info.texts)
	}

	// Per-map scaling (the default): constant maps are black, a ramp
	// spans black to white.
	ramp := Map{Data: []float32{5, 6, 7, 8}, Rows: 2, Cols: 2}
	fig, err = Grid([]Map{constMap(1, 2, 2, ""), ramp}, GridOptions{CellSize: 20})
	if err != nil {
		t.Fatal(err)
	}
	img = decodePNG(t, fig)
	if got := cellCenter(img, 10, 10, 20, 4, 0, 0); got != black {
		t.Errorf("constant map = %v, want black (lowest colour)", got)
	}
	if a, b := rgbaAt(img, 10+24+2, 12), rgbaAt(img, 10+24+18, 28); a != black || b != white {
		t.Errorf("ramp corners = %v, %v, want black, white", a, b)
	}
	if n := countColors(img); n < 4 {
		t.Errorf("only %d colours", n)
	}
}

// gridTitleBand is the height of the band reserved for cell titles at
// the default size.
func gridTitleBand(t *testing.T) float64 {
	ts := textStyle{size: sizeCellTitle}
	return math.Ceil(ts.capHeight() + ts.descent() + 4)
}

func TestColumnsLayout(t *testing.T) {
	// Abb 6: noise | 4 4 | 6 6, each an image and 2 codes.
	col := func(v float32) []Map {
		return []Map{constMap(v, 28, 28, ""), constMap(v, 3, 3, ""), constMap(v, 3, 3, "")}
	}
	cols := [][]Map{col(0), nil, col(1), col(1), nil, col(0), col(1)}
	fig, err := Columns(cols, GridOptions{CellSize: 40, SharedScale: true})
	if err != nil {
		t.Fatal(err)
	}
	gap := 4
	w, h := fig.Size()
	// 5 full columns, 2 half-width separators.
	if want := 5*40 + 2*20 + 6*gap + 2*gridMargin; w != want {
		t.Errorf("width %d, want %d", w, want)
	}
	if want := 3*40 + 2*gap + 2*gridMargin; h != want {
		t.Errorf("height %d, want %d", h, want)
	}
	img := decodePNG(t, fig)
	x := gridMargin
	for c, column := range cols {
		width := 40
		if column == nil {
			width = 20
		}
		for r := range 3 {
			y := gridMargin + r*(40+gap) + 20
			got := rgbaAt(img, x+width/2, y)
			want := white // separators show the background
			if column != nil && column[0].Data[0] == 0 {
				want = black
			}
			if got != want {
				t.Errorf("column %d row %d = %v, want %v", c, r, got, want)
			}
		}
		x += width + gap
	}
	if info := checkSVG(t, fig); info.images != 15 {
		t.Errorf("SVG has %d images, want 15", info.images)
	}
}

func TestGridErrors(t *testing.T) {
	good := constMap(1, 2, 2, "")
	bad := Map{Data: []float32{1, 2, 3}, Rows: 2, Cols: 2, Title: "conv 5"}
	for _, tc := range []struct {
		name string
		err  func() error
		want string
	}{
		{"empty row", func() error { _, err := Row(nil, GridOptions{}); return err }, "Row: no maps"},
		{"empty grid", func() error { _, err := Grid([]Map{}, GridOptions{}); return err }, "Grid: no maps"},
		{"empty columns", func() error { _, err := Columns([][]Map{nil, {}}, GridOptions{}); return err }, "Columns: no maps"},
		{"bad map in row", func() error { _, err := Row([]Map{good, bad}, GridOptions{}); return err }, `Row: map 1 ("conv 5"): len(Data)=3`},
		{"bad map in grid", func() error { _, err := Grid([]Map{good, good, good, good, bad}, GridOptions{}); return err }, `Grid: map 4 ("conv 5")`},
		{"bad map in columns", func() error { _, err := Columns([][]Map{{good}, nil, {good, bad}}, GridOptions{}); return err }, `Columns: column 2, map 1 ("conv 5")`},
		{"cell size", func() error { _, err := Row([]Map{good}, GridOptions{CellSize: 2}); return err }, "CellSize 2"},
		{"colormap", func() error { _, err := Row([]Map{good}, GridOptions{Colormap: 99}); return err }, "unknown colormap"},
		{"interpolation", func() error { _, err := Row([]Map{good}, GridOptions{Interpolation: 7}); return err }, "unknown interpolation"},
	} {
		if err := tc.err(); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error = %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

func TestGridSmoothDiffersFromNearest(t *testing.T) {
	m := []Map{{Data: []float32{0, 1, 1, 0}, Rows: 2, Cols: 2}}
	near, err := Row(m, GridOptions{CellSize: 16})
	if err != nil {
		t.Fatal(err)
	}
	smooth, err := Row(m, GridOptions{CellSize: 16, Interpolation: Smooth})
	if err != nil {
		t.Fatal(err)
	}
	// Nearest: two colours inside the cell; smooth: a gradient.
	count := func(img image.Image) int {
		sub := image.NewRGBA(image.Rect(0, 0, 16, 16))
		for y := range 16 {
			for x := range 16 {
				sub.Set(x, y, img.At(10+x, 10+y))
			}
		}
		return countColors(sub)
	}
	if n := count(decodePNG(t, near)); n != 2 {
		t.Errorf("nearest cell has %d colours, want 2", n)
	}
	if n := count(decodePNG(t, smooth)); n < 10 {
		t.Errorf("smooth cell has %d colours, want a gradient", n)
	}
}
