package plots

import (
	"errors"
	"image/color"
	"math"
	"strings"
	"sync"

	xfont "golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/font/liberation"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Font sizes in pixels, chosen to match matplotlib's defaults at 100 dpi
// (10 pt text, 12 pt titles).
const (
	sizeTitle     = 16
	sizeLabel     = 14
	sizeTick      = 12.5
	sizeLegend    = 12.5
	sizeCaption   = 14
	sizeCellTitle = 13
)

var (
	textOnce    sync.Once
	textHandler text.Plain
)

// handler returns the text handler with the Liberation fonts loaded.
// The cache is private to this package so that gonum/plot's global
// defaults stay untouched.
func handler() text.Plain {
	textOnce.Do(func() {
		textHandler = text.Plain{Fonts: font.NewCache(liberation.Collection())}
	})
	return textHandler
}

// textStyle describes a piece of text.
type textStyle struct {
	size   float64
	bold   bool
	italic bool
	color  color.Color
}

func (ts textStyle) font() font.Font {
	f := font.Font{Typeface: "Liberation", Variant: "Sans", Size: font.Length(ts.size)}
	if ts.bold {
		f.Weight = xfont.WeightBold
	}
	if ts.italic {
		f.Style = xfont.StyleItalic
	}
	return f
}

func (ts textStyle) style() text.Style {
	c := ts.color
	if c == nil {
		c = color.Black
	}
	return text.Style{Color: c, Font: ts.font(), Handler: handler()}
}

// width returns the advance width of s in pixels, as drawText sets it:
// the sum of its pieces.
func (ts textStyle) width(s string) float64 {
	w := 0.0
	for _, p := range ts.pieces(s) {
		w += float64(ts.style().Width(p))
	}
	return w
}

// Digits are set tabular: each digit takes its own advance, whatever
// digit follows, so that "11" is as wide as "00" and numbers in a column
// line up. Liberation Sans kerns the pair "1" "1" by -152/2048 em, a pair
// it keeps from Arial for metric compatibility; but where Arial's "1" has
// no foot, Liberation's has one, and the feet of "11" run into one bar
// (the "11" of "Abb 11" or of a tick label looked like one glyph). The
// font's kerning between letters stays as it is.

// pieces splits s where two digits meet that the font kerns: drawText
// draws and width measures each piece on its own, so no kerning applies
// between them. A string without such a pair is one piece, drawn as
// before.
func (ts textStyle) pieces(s string) []string {
	if s == "" {
		return nil
	}
	kerned := ts.digitKerning()
	var out []string
	start, prev := 0, rune(-1)
	for i, r := range s {
		if isDigit(prev) && isDigit(r) && kerned[prev-'0'][r-'0'] {
			out = append(out, s[start:i])
			start = i
		}
		prev = r
	}
	return append(out, s[start:])
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

// digitPairs caches, per bold and italic variant, which pairs of digits
// the font kerns (kerning in font units does not depend on the size).
var digitPairs sync.Map // [2]bool{bold, italic} -> *[10][10]bool

// digitKerning returns which pairs of digits ts's font kerns: [a][b] for
// the digit a followed by b.
func (ts textStyle) digitKerning() *[10][10]bool {
	key := [2]bool{ts.bold, ts.italic}
	if k, ok := digitPairs.Load(key); ok {
		return k.(*[10][10]bool)
	}
	f := ts.font()
	face := handler().Fonts.Lookup(f, f.Size).Face
	ppem := fixed.Int26_6(face.UnitsPerEm())
	var (
		buf    sfnt.Buffer
		glyphs [10]sfnt.GlyphIndex
		kerned [10][10]bool
	)
	for d := range glyphs {
		glyphs[d], _ = face.GlyphIndex(&buf, rune('0'+d))
	}
	for a := range glyphs {
		for b := range glyphs {
			k, err := face.Kern(&buf, glyphs[a], glyphs[b], ppem, xfont.HintingNone)
			kerned[a][b] = err == nil && k != 0 || err != nil && !errors.Is(err, sfnt.ErrNotFound)
		}
	}
	k, _ := digitPairs.LoadOrStore(key, &kerned)
	return k.(*[10][10]bool)
}

// ascent and descent return the font's extents in pixels.
func (ts textStyle) ascent() float64 {
	return float64(handler().Extents(ts.font()).Ascent)
}

func (ts textStyle) descent() float64 {
	return float64(handler().Extents(ts.font()).Descent)
}

// capHeight approximates the height of capital letters and digits
// (Liberation Sans: 1409/2048 em).
func (ts textStyle) capHeight() float64 { return 0.688 * ts.size }

// lineHeight is the distance between baselines of wrapped lines.
func (ts textStyle) lineHeight() float64 { return 1.2 * ts.size }

// hAlign and vAlign anchor text at a point.
type hAlign int

const (
	alignLeft hAlign = iota
	alignCenter
	alignRight
)

type vAlign int

const (
	// baseline puts the baseline at the point.
	baseline vAlign = iota
	// capTop puts the top of capital letters at the point.
	capTop
	// capCenter centres capital letters and digits on the point.
	capCenter
	// descBottom puts the lowest descender at the point.
	descBottom
)

// drawText draws a single line of text at (x, y) in canvas coordinates
// (y grows upwards). When rotated is true the text runs bottom to top and
// the alignments apply in the text's own frame.
func drawText(c draw.Canvas, ts textStyle, x, y float64, s string, ha hAlign, va vAlign, rotated bool) {
	if s == "" {
		return
	}
	if pieces := ts.pieces(s); len(pieces) > 1 {
		// Each piece left-aligned where the one before ends.
		off := 0.0
		switch ha {
		case alignCenter:
			off = -ts.width(s) / 2
		case alignRight:
			off = -ts.width(s)
		}
		for _, p := range pieces {
			if rotated { // the text runs up the canvas
				drawText(c, ts, x, y+off, p, alignLeft, va, true)
			} else {
				drawText(c, ts, x+off, y, p, alignLeft, va, false)
			}
			off += ts.width(p)
		}
		return
	}
	sty := ts.style()
	switch ha {
	case alignCenter:
		sty.XAlign = draw.XCenter
	case alignRight:
		sty.XAlign = draw.XRight
	}
	// Offset from the anchor to the baseline, along the text's up direction.
	var up float64
	switch va {
	case capTop:
		up = -ts.capHeight()
	case capCenter:
		up = -ts.capHeight() / 2
	case descBottom:
		up = ts.descent()
	}
	// text.Plain puts the baseline at pt.Y - ascent + size (YAlign 0).
	shift := up + ts.ascent() - ts.size
	if !rotated {
		c.FillText(sty, vg.Point{X: vg.Length(x), Y: vg.Length(y + shift)}, s)
		return
	}
	// Rotated by +90°: the text's up direction is the canvas' -x.
	sty.Rotation = math.Pi / 2
	c.FillText(sty, vg.Point{X: vg.Length(x - shift), Y: vg.Length(y)}, s)
}

// wrap breaks s into lines no wider than maxWidth pixels, at spaces.
// A single word wider than maxWidth gets a line of its own.
func wrap(ts textStyle, s string, maxWidth float64) []string {
	if s == "" {
		return nil
	}
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		words := strings.Fields(para)
		if len(words) == 0 {
			lines = append(lines, "")
			continue
		}
		line := words[0]
		for _, w := range words[1:] {
			if ts.width(line+" "+w) <= maxWidth {
				line += " " + w
				continue
			}
			lines = append(lines, line)
			line = w
		}
		lines = append(lines, line)
	}
	return lines
}

// textBlock is wrapped text (a title or caption) with its style.
type textBlock struct {
	ts    textStyle
	lines []string
}

func newTextBlock(ts textStyle, s string, maxWidth float64) textBlock {
	return textBlock{ts: ts, lines: wrap(ts, s, maxWidth)}
}

// height is the vertical space the block needs, without outer padding.
func (b textBlock) height() float64 {
	if len(b.lines) == 0 {
		return 0
	}
	return b.ts.capHeight() + float64(len(b.lines)-1)*b.ts.lineHeight() + b.ts.descent()
}

// draw draws the block centred on x with its top at y.
func (b textBlock) draw(c draw.Canvas, x, top float64) {
	y := top - b.ts.capHeight()
	for _, l := range b.lines {
		drawText(c, b.ts, x, y, l, alignCenter, baseline, false)
		y -= b.ts.lineHeight()
	}
}

// fitSize returns the largest font size not above ts.size (and not below
// min) at which every string fits in maxWidth pixels.
func fitSize(ts textStyle, maxWidth, min float64, strs ...string) float64 {
	size := ts.size
	for _, s := range strs {
		w := ts.width(s)
		if w > maxWidth && w > 0 {
			size = math.Min(size, ts.size*maxWidth/w)
		}
	}
	return math.Max(size, min)
}

// width is the width of the widest line.
func (b textBlock) width() float64 {
	w := 0.0
	for _, l := range b.lines {
		w = math.Max(w, b.ts.width(l))
	}
	return w
}

// spaced is the height of the block plus gap, or zero for an empty block.
func (b textBlock) spaced(gap float64) float64 {
	if len(b.lines) == 0 {
		return 0
	}
	return b.height() + gap
}

// ellipsize returns s, or s cut short with "…" to fit into maxWidth
// pixels.
func ellipsize(ts textStyle, s string, maxWidth float64) string {
	if ts.width(s) <= maxWidth {
		return s
	}
	r := []rune(s)
	for n := len(r) - 1; n > 0; n-- {
		if t := strings.TrimRight(string(r[:n]), " ") + "…"; ts.width(t) <= maxWidth {
			return t
		}
	}
	return "…"
}
