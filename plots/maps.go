package plots

import (
	"fmt"
	"image"
	"math"
	"strconv"
)

// Map is a two-dimensional array of values shown as an image: an input
// digit or one channel of a feature map.
type Map struct {
	// Data holds Rows*Cols values in row-major order: Data[r*Cols+c].
	Data []float32
	// Rows and Cols are the height and width of the map.
	Rows, Cols int
	// Title is drawn above the map; empty for none.
	Title string
}

// FeatureMaps splits the output of a convolution layer for one image,
// laid out channels last (height, width, channels; Keras' and GoMLX's
// default), into one Map per channel, titled "0", "1", ...
func FeatureMaps(data []float32, rows, cols, channels int) ([]Map, error) {
	if rows <= 0 || cols <= 0 || channels <= 0 {
		return nil, fmt.Errorf("plots: FeatureMaps: sizes must be positive, got rows=%d cols=%d channels=%d", rows, cols, channels)
	}
	if want := rows * cols * channels; len(data) != want {
		return nil, fmt.Errorf("plots: FeatureMaps: len(data)=%d, want rows*cols*channels=%d*%d*%d=%d", len(data), rows, cols, channels, want)
	}
	maps := make([]Map, channels)
	for ch := range maps {
		d := make([]float32, rows*cols)
		for i := range d {
			d[i] = data[i*channels+ch]
		}
		maps[ch] = Map{Data: d, Rows: rows, Cols: cols, Title: strconv.Itoa(ch)}
	}
	return maps, nil
}

// check validates m; name identifies the map in error messages.
func (m Map) check(name string) error {
	if m.Rows <= 0 || m.Cols <= 0 {
		return fmt.Errorf("plots: %s: Rows and Cols must be positive, got %d×%d", name, m.Rows, m.Cols)
	}
	if want := m.Rows * m.Cols; len(m.Data) != want {
		return fmt.Errorf("plots: %s: len(Data)=%d, want Rows*Cols=%d*%d=%d", name, len(m.Data), m.Rows, m.Cols, want)
	}
	for i, v := range m.Data {
		f := float64(v)
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return fmt.Errorf("plots: %s: Data[%d] (row %d, col %d) is %v", name, i, i/m.Cols, i%m.Cols, v)
		}
	}
	return nil
}

// describe names map i for error messages: `map 3 ("7")`.
func describe(prefix string, i int, title string) string {
	s := fmt.Sprintf("%s %d", prefix, i)
	if title != "" {
		s += fmt.Sprintf(" (%q)", title)
	}
	return s
}

// minMax returns the smallest and largest value of m.
func (m Map) minMax() (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, v := range m.Data {
		lo = math.Min(lo, float64(v))
		hi = math.Max(hi, float64(v))
	}
	return lo, hi
}

// image renders m as a w×h image: values are scaled linearly from lo
// (the lowest colour) to hi (the highest), resampled and coloured. When
// hi <= lo every value maps to the lowest colour, as in matplotlib.
func (m Map) image(lo, hi float64, w, h int, cm Colormap, in Interpolation) *image.RGBA {
	norm := make([]float64, len(m.Data))
	if hi > lo {
		for i, v := range m.Data {
			norm[i] = (float64(v) - lo) / (hi - lo)
		}
	}
	px := resample(norm, m.Rows, m.Cols, w, h, in)
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for i, t := range px {
		c := cm.At(t)
		o := 4 * i
		img.Pix[o], img.Pix[o+1], img.Pix[o+2], img.Pix[o+3] = c.R, c.G, c.B, c.A
	}
	return img
}
