package plots

import (
	"image/color"
	"math"
	"testing"
)

func TestColormapEnds(t *testing.T) {
	for _, tc := range []struct {
		cm       Colormap
		lo, hi   color.RGBA
		darkToLi bool
	}{
		{Gray, color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255}, true},
		{Viridis, color.RGBA{0x44, 0x01, 0x54, 255}, color.RGBA{0xfd, 0xe7, 0x25, 255}, true},
		{Magma, color.RGBA{0x00, 0x00, 0x04, 255}, color.RGBA{0xfc, 0xfd, 0xbf, 255}, true},
		{Blues, color.RGBA{0xf7, 0xfb, 0xff, 255}, color.RGBA{0x08, 0x30, 0x6b, 255}, false},
	} {
		if got := tc.cm.At(0); got != tc.lo {
			t.Errorf("%v.At(0) = %v, want %v", tc.cm, got, tc.lo)
		}
		if got := tc.cm.At(1); got != tc.hi {
			t.Errorf("%v.At(1) = %v, want %v", tc.cm, got, tc.hi)
		}
		if got := tc.cm.At(-3); got != tc.lo {
			t.Errorf("%v.At(-3) = %v, want the lowest colour", tc.cm, got)
		}
		if got := tc.cm.At(math.NaN()); got != tc.lo {
			t.Errorf("%v.At(NaN) = %v, want the lowest colour", tc.cm, got)
		}
		if got := tc.cm.At(7); got != tc.hi {
			t.Errorf("%v.At(7) = %v, want the highest colour", tc.cm, got)
		}
		// Perceptual order: luminance is monotone along the map.
		prev := luminance(tc.cm.At(0))
		for i := 1; i < 256; i++ {
			l := luminance(tc.cm.index(i))
			if tc.darkToLi && l < prev-0.01 || !tc.darkToLi && l > prev+0.01 {
				t.Errorf("%v: luminance not monotone at entry %d (%.3f after %.3f)", tc.cm, i, l, prev)
				break
			}
			prev = l
		}
	}
}

func TestColormapLikeMatplotlib(t *testing.T) {
	// matplotlib selects entry floor(t*256), clipped to 255.
	if got := Gray.At(0.5); got.R != 128 {
		t.Errorf("Gray.At(0.5) = %v, want 128", got)
	}
	if got := Gray.At(254.5 / 256); got.R != 254 {
		t.Errorf("Gray.At(254.5/256) = %v, want 254", got)
	}
	if got := Viridis.At(0.5); got != (color.RGBA{0x21, 0x91, 0x8c, 255}) {
		t.Errorf("Viridis.At(0.5) = %v, want #21918c", got)
	}
}

func TestColormapString(t *testing.T) {
	for cm, want := range map[Colormap]string{Gray: "gray", Viridis: "viridis", Magma: "magma", Blues: "Blues", 42: "Colormap(42)"} {
		if got := cm.String(); got != want {
			t.Errorf("String() = %q, want %q", got, want)
		}
	}
}

func TestTextOn(t *testing.T) {
	if textOn(Blues.At(1)) != color.White || textOn(Blues.At(0)) != color.Black {
		t.Error("text colour does not contrast with Blues ends")
	}
	if textOn(Viridis.At(0)) != color.White || textOn(Viridis.At(1)) != color.Black {
		t.Error("text colour does not contrast with Viridis ends")
	}
}
