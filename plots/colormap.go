package plots

import (
	"fmt"
	"image/color"
	"math"
)

// Colormap maps values in [0, 1] to colours. The zero value is Gray.
type Colormap int

const (
	// Gray runs from black to white (matplotlib's "gray").
	Gray Colormap = iota
	// Viridis is matplotlib's perceptually uniform default colormap,
	// dark purple to yellow.
	Viridis
	// Magma is matplotlib's "magma", black to light yellow via purple.
	Magma
	// Blues is matplotlib's "Blues" (ColorBrewer), white to dark blue;
	// the default of ConfusionMatrix.
	Blues
)

// String returns the matplotlib name of the colormap.
func (cm Colormap) String() string {
	switch cm {
	case Gray:
		return "gray"
	case Viridis:
		return "viridis"
	case Magma:
		return "magma"
	case Blues:
		return "Blues"
	}
	return fmt.Sprintf("Colormap(%d)", int(cm))
}

func (cm Colormap) valid() bool { return cm >= Gray && cm <= Blues }

// At returns the colour for t in [0, 1]; t is clamped to that range and
// NaN maps to 0. Like matplotlib, the colormap is a table of 256 colours
// and t selects entry min(floor(t*256), 255).
func (cm Colormap) At(t float64) color.RGBA {
	return cm.index(lutIndex(t))
}

func lutIndex(t float64) int {
	if !(t > 0) { // also NaN
		return 0
	}
	i := int(t * 256)
	if i > 255 {
		i = 255
	}
	return i
}

func (cm Colormap) index(i int) color.RGBA {
	switch cm {
	case Viridis:
		c := viridisLUT[i]
		return color.RGBA{c[0], c[1], c[2], 255}
	case Magma:
		c := magmaLUT[i]
		return color.RGBA{c[0], c[1], c[2], 255}
	case Blues:
		return bluesLUT()[i]
	}
	g := uint8(i)
	return color.RGBA{g, g, g, 255}
}

// bluesNodes are the nine ColorBrewer "Blues" colours, which matplotlib
// interpolates linearly.
var bluesNodes = [...]color.RGBA{
	{0xf7, 0xfb, 0xff, 255}, {0xde, 0xeb, 0xf7, 255}, {0xc6, 0xdb, 0xef, 255},
	{0x9e, 0xca, 0xe1, 255}, {0x6b, 0xae, 0xd6, 255}, {0x42, 0x92, 0xc6, 255},
	{0x21, 0x71, 0xb5, 255}, {0x08, 0x51, 0x9c, 255}, {0x08, 0x30, 0x6b, 255},
}

var bluesTable = func() (lut [256]color.RGBA) {
	n := len(bluesNodes) - 1
	for i := range lut {
		x := float64(i) / 255 * float64(n)
		k := int(x)
		if k >= n {
			k = n - 1
		}
		f := x - float64(k)
		a, b := bluesNodes[k], bluesNodes[k+1]
		mix := func(p, q uint8) uint8 {
			return uint8(math.Round(float64(p)*(1-f) + float64(q)*f))
		}
		lut[i] = color.RGBA{mix(a.R, b.R), mix(a.G, b.G), mix(a.B, b.B), 255}
	}
	return lut
}()

func bluesLUT() *[256]color.RGBA { return &bluesTable }

// luminance returns the relative luminance of c in [0, 1] (sRGB weights
// on the gamma-encoded values, good enough to pick a text colour).
func luminance(c color.RGBA) float64 {
	return (0.2126*float64(c.R) + 0.7152*float64(c.G) + 0.0722*float64(c.B)) / 255
}

// textOn returns black or white, whichever reads better on background c.
func textOn(c color.RGBA) color.Color {
	if luminance(c) < 0.5 {
		return color.White
	}
	return color.Black
}
