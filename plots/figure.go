package plots

import (
	"bytes"
	"fmt"
	"html"
	"image"
	"image/color"
	"image/png"
	"math"
	"regexp"
	"strconv"

	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// Figure is a rendered figure that can be written as PNG or SVG, or shown
// inline in GoNB.
type Figure interface {
	// PNG returns the figure as a PNG image of Size pixels.
	PNG() ([]byte, error)
	// SVG returns the figure as a self-contained SVG document.
	SVG() ([]byte, error)
	// Size returns the width and height of the figure in pixels.
	Size() (w, h int)
}

// figure is the Figure implementation of this package: a size and a
// function that paints onto a canvas whose origin is the lower left
// corner, one unit per pixel.
type figure struct {
	w, h  int
	paint func(c draw.Canvas)
}

var _ Figure = (*figure)(nil)

func (f *figure) Size() (w, h int) { return f.w, f.h }

// rgba renders the figure into an RGBA image.
func (f *figure) rgba() (img *image.RGBA, err error) {
	defer recoverTo(&err, "rendering PNG")
	// At 72 dpi one vg point is one pixel.
	c := vgimg.NewWith(
		vgimg.UseWH(vg.Length(f.w), vg.Length(f.h)),
		vgimg.UseDPI(72),
		vgimg.UseBackgroundColor(color.White),
	)
	f.paint(draw.New(c))
	switch m := c.Image().(type) {
	case *image.RGBA:
		return m, nil
	default:
		rgba := image.NewRGBA(m.Bounds())
		for y := m.Bounds().Min.Y; y < m.Bounds().Max.Y; y++ {
			for x := m.Bounds().Min.X; x < m.Bounds().Max.X; x++ {
				rgba.Set(x, y, m.At(x, y))
			}
		}
		return rgba, nil
	}
}

// PNG implements Figure.
func (f *figure) PNG() ([]byte, error) {
	img, err := f.rgba()
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("plots: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// SVG implements Figure.
func (f *figure) SVG() (out []byte, err error) {
	defer recoverTo(&err, "rendering SVG")
	c := &svgCanvas{Canvas: vgsvg.NewWith(vgsvg.UseWH(vg.Length(f.w), vg.Length(f.h)))}
	dc := draw.New(c)
	dc.SetColor(color.White)
	dc.Fill(dc.Rectangle.Path())
	f.paint(dc)
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: writing SVG: %w", err)
	}
	return c.fix(buf.Bytes()), nil
}

// svgCanvas records the width of every string at its font's metrics, so
// that the SVG can pin it with textLength: a browser without Liberation
// Sans (or a metric-compatible Arial) then stretches or squeezes its
// fallback font to the width the layout was made for, the way svglite
// does, instead of overflowing.
type svgCanvas struct {
	*vgsvg.Canvas
	texts []svgText
}

type svgText struct {
	s     string
	width vg.Length
}

// FillString implements vg.Canvas: it draws a placeholder that fix
// replaces with the text.
func (c *svgCanvas) FillString(f font.Face, pt vg.Point, s string) {
	c.texts = append(c.texts, svgText{s, f.Width(s)})
	c.Canvas.FillString(f, pt, fmt.Sprintf("\x01%d\x01", len(c.texts)-1))
}

var (
	svgSizeRE = regexp.MustCompile(`<svg width="([0-9.e+-]+)pt" height="([0-9.e+-]+)pt"`)
	svgTextRE = regexp.MustCompile(`>\x01([0-9]+)\x01</text>`)
)

// fix adapts the output of vgsvg: sizes in pixels rather than points (so
// that the SVG shows at the size of the PNG), the correct media type and
// the SVG 2 href for embedded bitmaps, which are pre-scaled to their pixel
// size and therefore shown without smoothing, font fallbacks, and the
// texts with their widths.
func (c *svgCanvas) fix(svg []byte) []byte {
	svg = svgSizeRE.ReplaceAll(svg, []byte(`<svg width="${1}" height="${2}"`))
	svg = bytes.ReplaceAll(svg,
		[]byte(`xlink:href="data:image/jpg;base64,`),
		[]byte(`style="image-rendering:pixelated" href="data:image/png;base64,`))
	svg = bytes.ReplaceAll(svg,
		[]byte(`font-family:Liberation Sans;`),
		[]byte(`font-family:'Liberation Sans',Arimo,Arial,Helvetica,sans-serif;`))
	return svgTextRE.ReplaceAllFunc(svg, func(m []byte) []byte {
		i, err := strconv.Atoi(string(svgTextRE.FindSubmatch(m)[1]))
		if err != nil || i >= len(c.texts) {
			return m
		}
		t := c.texts[i]
		return fmt.Appendf(nil, ` textLength="%.2f" lengthAdjust="spacingAndGlyphs">%s</text>`,
			float64(t.width), html.EscapeString(t.s))
	})
}

// recoverTo turns a panic in the drawing libraries into an error.
func recoverTo(err *error, what string) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("plots: %s: %v", what, r)
	}
}

// Canvas helpers shared by the figure types. Coordinates are pixels with
// the origin at the lower left corner.

func rect(x0, y0, x1, y1 float64) vg.Rectangle {
	return vg.Rectangle{
		Min: vg.Point{X: vg.Length(x0), Y: vg.Length(y0)},
		Max: vg.Point{X: vg.Length(x1), Y: vg.Length(y1)},
	}
}

func fillRect(c draw.Canvas, r vg.Rectangle, col color.Color) {
	c.SetColor(col)
	c.Fill(r.Path())
}

func strokeRect(c draw.Canvas, r vg.Rectangle, col color.Color, width float64) {
	c.SetLineStyle(draw.LineStyle{Color: col, Width: vg.Length(width)})
	p := r.Path()
	p.Close()
	c.Stroke(p)
}

func line(c draw.Canvas, col color.Color, width float64, pts ...float64) {
	if len(pts) < 4 {
		return
	}
	var p vg.Path
	p.Move(vg.Point{X: vg.Length(pts[0]), Y: vg.Length(pts[1])})
	for i := 2; i+1 < len(pts); i += 2 {
		p.Line(vg.Point{X: vg.Length(pts[i]), Y: vg.Length(pts[i+1])})
	}
	c.SetLineStyle(draw.LineStyle{Color: col, Width: vg.Length(width)})
	c.Stroke(p)
}

func dot(c draw.Canvas, col color.Color, x, y, r float64) {
	var p vg.Path
	p.Move(vg.Point{X: vg.Length(x + r), Y: vg.Length(y)})
	p.Arc(vg.Point{X: vg.Length(x), Y: vg.Length(y)}, vg.Length(r), 0, 2*math.Pi)
	p.Close()
	c.SetColor(col)
	c.Fill(p)
}

// drawImage draws img with its top left corner at pixel (x, top) of a
// canvas; img is shown at its own pixel size.
func drawImage(c draw.Canvas, img image.Image, x, top float64) {
	b := img.Bounds()
	c.DrawImage(rect(x, top-float64(b.Dy()), x+float64(b.Dx()), top), img)
}
