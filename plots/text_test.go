package plots

import (
	"image/color"
	"reflect"
	"strings"
	"testing"

	"gonum.org/v1/plot/vg/draw"
)

func TestWrap(t *testing.T) {
	ts := textStyle{size: 14}
	s := "Abb 4: Visualisierung, was die verschiedenen Filter einer Schicht aus einem Rauschen filtern."
	lines := wrap(ts, s, 300)
	if len(lines) < 2 {
		t.Fatalf("not wrapped: %q", lines)
	}
	for _, l := range lines {
		if w := ts.width(l); w > 300 {
			t.Errorf("line %q is %.0f px wide", l, w)
		}
	}
	if got := wrap(ts, "kurz", 300); !reflect.DeepEqual(got, []string{"kurz"}) {
		t.Errorf("wrap(short) = %q", got)
	}
	if got := wrap(ts, "", 300); got != nil {
		t.Errorf("wrap(\"\") = %q", got)
	}
	// A word longer than the width stays whole.
	if got := wrap(ts, "Donaudampfschifffahrtsgesellschaft", 50); len(got) != 1 {
		t.Errorf("long word split: %q", got)
	}
	if got := wrap(ts, "a\nb", 300); !reflect.DeepEqual(got, []string{"a", "b"}) {
		t.Errorf("newline not kept: %q", got)
	}
}

func TestTextMetrics(t *testing.T) {
	ts := textStyle{size: 20}
	if w1, w2 := ts.width("0"), ts.width("00"); !(w1 > 5 && w1 < 20 && w2 > 1.9*w1) {
		t.Errorf("widths %v, %v", w1, w2)
	}
	if a, d := ts.ascent(), ts.descent(); !(a > 15 && a < 20 && d > 2 && d < 6) {
		t.Errorf("ascent %v, descent %v", a, d)
	}
	if b := (textStyle{size: 20, bold: true}); b.width("Original") <= ts.width("Original") {
		t.Error("bold is not wider")
	}
	if got := fitSize(ts, 1000, 8, "Original"); got != 20 {
		t.Errorf("fitSize with room = %v", got)
	}
	if got := fitSize(ts, ts.width("Original")/2, 8, "Original", "0"); got != 10 {
		t.Errorf("fitSize to half width = %v, want 10", got)
	}
	if got := fitSize(ts, 1, 8, "Original"); got != 8 {
		t.Errorf("fitSize minimum = %v, want 8", got)
	}
}

func TestEllipsize(t *testing.T) {
	ts := textStyle{size: 12.5}
	s := "werkbank train --epochs 30 --augment --lr 0.01"
	if got := ellipsize(ts, s, ts.width(s)); got != s {
		t.Errorf("ellipsize with room = %q", got)
	}
	got := ellipsize(ts, s, 100)
	if !strings.HasSuffix(got, "…") || ts.width(got) > 100 || !strings.HasPrefix(s, strings.TrimSuffix(got, "…")) {
		t.Errorf("ellipsize to 100 pixels = %q (%.0f pixels)", got, ts.width(got))
	}
	// As much as fits is kept, without a space before the "…".
	if got := ellipsize(ts, s, ts.width("werkbank train --epochs…")); got != "werkbank train --epochs…" {
		t.Errorf("ellipsize to the width of 23 characters and … = %q", got)
	}
	if got := ellipsize(ts, s, ts.width("werkbank train …")); got != "werkbank train…" {
		t.Errorf("ellipsize before a space = %q", got)
	}
	if got := ellipsize(ts, s, 1); got != "…" {
		t.Errorf("ellipsize to 1 pixel = %q", got)
	}
}

// Digits are not kerned: Liberation Sans kerns "1" "1" by -152/2048 em,
// which ran the feet of "11" into one bar. The two glyphs now keep the
// font's tabular advance, and a light column separates their feet.
func TestElevenIsTwoGlyphs(t *testing.T) {
	for _, bold := range []bool{false, true} {
		for _, size := range []float64{sizeTick, sizeCellTitle, sizeCaption, sizeTitle} {
			ts := textStyle{size: size, bold: bold, color: color.Black}
			one := ts.width("1")
			if w := ts.width("11"); w != 2*one {
				t.Errorf("size %v, bold %v: \"11\" is %v pixels wide, want twice the advance of \"1\", %v", size, bold, w, 2*one)
			}
			if w, want := ts.width("Abb 11"), ts.width("Abb 1")+one; w != want {
				t.Errorf("size %v, bold %v: \"Abb 11\" is %v pixels wide, want %v", size, bold, w, want)
			}
			// Letters keep the font's kerning.
			if ts.width("AV") >= ts.width("A")+ts.width("V") {
				t.Errorf("size %v, bold %v: \"AV\" is not kerned", size, bold)
			}
			// Drawn at every quarter pixel: between the stems of the two
			// 1s, the row of their feet has a column at most half inked
			// (before the fix, the feet made one solid bar).
			for _, dx := range []float64{0, 0.25, 0.5, 0.75} {
				const x0, base, w, h = 5, 8, 60, 40
				f := &figure{w: w, h: h, paint: func(c draw.Canvas) {
					drawText(c, ts, x0+dx, base, "11", alignLeft, baseline, false)
				}}
				img := decodePNG(t, f)
				foot := h - base - 1 // the pixel row just above the baseline
				lightest := uint8(0)
				for x := int(x0 + dx + 0.6*one); x <= int(x0+dx+1.4*one); x++ {
					lightest = max(lightest, rgbaAt(img, x, foot).R)
				}
				if lightest < 128 {
					t.Errorf("size %v, bold %v, at +%v pixels: the feet of \"11\" touch (lightest pixel between them %d of 255)", size, bold, dx, lightest)
				}
			}
		}
	}
	// Text with a split pair, aligned left, centred or right, across or
	// up the figure, has its ink where its width says.
	ts := textStyle{size: 20, color: color.Black}
	width := ts.width("2011")
	for _, rotated := range []bool{false, true} {
		for _, ha := range []hAlign{alignLeft, alignCenter, alignRight} {
			f := &figure{w: 200, h: 200, paint: func(c draw.Canvas) {
				drawText(c, ts, 100, 100, "2011", ha, capCenter, rotated)
			}}
			img := decodePNG(t, f)
			lo, hi := 200, -1 // along the text, in canvas units
			for y := 0; y < 200; y++ {
				for x := 0; x < 200; x++ {
					if rgbaAt(img, x, y).R < 128 {
						along := x
						if rotated {
							along = 200 - y - 1
						}
						lo, hi = min(lo, along), max(hi, along)
					}
				}
			}
			start := map[hAlign]float64{alignLeft: 100, alignCenter: 100 - width/2, alignRight: 100 - width}[ha]
			if float64(lo) < start-1 || float64(hi) > start+width+1 || float64(hi-lo) < width-6 {
				t.Errorf("align %d, rotated %v: ink from %d to %d along the text, want it to fill [%.1f, %.1f]", ha, rotated, lo, hi, start, start+width)
			}
		}
	}
}
