package plots

import (
	"bytes"
	"fmt"
	"image"
	"image/png"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// SideBySide places figures next to each other from left to right, top
// aligned: accuracy and loss curves, say. Figures of this package keep
// their vector text in SVG; other Figure implementations are embedded as
// their PNG rendering.
func SideBySide(figs ...Figure) (Figure, error) {
	return compose("SideBySide", figs, true)
}

// Stack places figures below each other from top to bottom, left aligned:
// the Rows of several layers, say.
func Stack(figs ...Figure) (Figure, error) {
	return compose("Stack", figs, false)
}

func compose(fn string, figs []Figure, horizontal bool) (Figure, error) {
	if len(figs) == 0 {
		return nil, fmt.Errorf("plots: %s: no figures", fn)
	}
	parts := make([]*figure, len(figs))
	w, h := 0, 0
	for i, f := range figs {
		if f == nil {
			return nil, fmt.Errorf("plots: %s: figure %d is nil", fn, i)
		}
		p, err := asFigure(f)
		if err != nil {
			return nil, fmt.Errorf("plots: %s: figure %d: %w", fn, i, err)
		}
		parts[i] = p
		if horizontal {
			w += p.w
			h = max(h, p.h)
		} else {
			w = max(w, p.w)
			h += p.h
		}
	}
	paint := func(c draw.Canvas) {
		x, top := 0, h
		for _, p := range parts {
			c.Push()
			c.Translate(vg.Point{X: vg.Length(x), Y: vg.Length(top - p.h)})
			p.paint(draw.Canvas{Canvas: c.Canvas, Rectangle: rect(0, 0, float64(p.w), float64(p.h))})
			c.Pop()
			if horizontal {
				x += p.w
			} else {
				top -= p.h
			}
		}
	}
	return &figure{w: w, h: h, paint: paint}, nil
}

// asFigure returns f itself if it is a figure of this package, or a
// figure that draws f's PNG rendering.
func asFigure(f Figure) (*figure, error) {
	if p, ok := f.(*figure); ok {
		return p, nil
	}
	data, err := f.PNG()
	if err != nil {
		return nil, err
	}
	img, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("decoding its PNG: %w", err)
	}
	b := img.Bounds()
	return &figure{w: b.Dx(), h: b.Dy(), paint: func(c draw.Canvas) {
		drawImage(c, image.Image(img), 0, float64(b.Dy()))
	}}, nil
}
