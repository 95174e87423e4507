package plots

import (
	"image/color"
	"math"
	"strings"
	"testing"
)

func TestFeatureMaps(t *testing.T) {
	// 2×2 pixels, 3 channels, channels last: value = 10*pixel + channel.
	data := make([]float32, 12)
	for p := range 4 {
		for ch := range 3 {
			data[p*3+ch] = float32(10*p + ch)
		}
	}
	maps, err := FeatureMaps(data, 2, 2, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(maps) != 3 {
		t.Fatalf("%d maps, want 3", len(maps))
	}
	for ch, m := range maps {
		if m.Rows != 2 || m.Cols != 2 || m.Title != string(rune('0'+ch)) {
			t.Errorf("map %d: %dx%d %q", ch, m.Rows, m.Cols, m.Title)
		}
		for p, v := range m.Data {
			if v != float32(10*p+ch) {
				t.Errorf("map %d pixel %d = %v, want %v", ch, p, v, 10*p+ch)
			}
		}
	}
	if _, err := FeatureMaps(data, 2, 2, 4); err == nil || !strings.Contains(err.Error(), "len(data)=12") {
		t.Errorf("size mismatch: error = %v", err)
	}
	if _, err := FeatureMaps(data, 0, 2, 3); err == nil {
		t.Error("zero rows accepted")
	}
}

func TestMapCheck(t *testing.T) {
	for _, tc := range []struct {
		m    Map
		want string
	}{
		{Map{Data: []float32{1, 2, 3}, Rows: 2, Cols: 2, Title: "7"}, `map 3 ("7"): len(Data)=3, want Rows*Cols=2*2=4`},
		{Map{Data: []float32{1, 2, float32(math.NaN()), 4}, Rows: 2, Cols: 2}, "Data[2] (row 1, col 0) is NaN"},
		{Map{Data: []float32{float32(math.Inf(1))}, Rows: 1, Cols: 1}, "is +Inf"},
		{Map{Rows: 0, Cols: 3}, "must be positive"},
	} {
		err := tc.m.check(describe("map", 3, tc.m.Title))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("check(%+v) = %v, want error containing %q", tc.m, err, tc.want)
		}
	}
}

func TestMapImageScaling(t *testing.T) {
	black, white := color.RGBA{0, 0, 0, 255}, color.RGBA{255, 255, 255, 255}
	m := Map{Data: []float32{-2, 0, 2, 6}, Rows: 2, Cols: 2}
	img := m.image(-2, 6, 2, 2, Gray, Nearest)
	if img.RGBAAt(0, 0) != black || img.RGBAAt(1, 1) != white {
		t.Errorf("min/max not black/white: %v %v", img.RGBAAt(0, 0), img.RGBAAt(1, 1))
	}
	if got := img.RGBAAt(1, 0).R; got != 64 { // (0+2)/8 = 0.25 -> entry 64
		t.Errorf("0.25 -> %d, want 64", got)
	}
	// A constant map (a dead ReLU) is drawn in the lowest colour, no NaN.
	zero := Map{Data: []float32{0, 0, 0, 0}, Rows: 2, Cols: 2}
	lo, hi := zero.minMax()
	for _, in := range []Interpolation{Nearest, Smooth} {
		img := zero.image(lo, hi, 5, 5, Viridis, in)
		for i := 0; i < len(img.Pix); i += 4 {
			if c := (color.RGBA{img.Pix[i], img.Pix[i+1], img.Pix[i+2], img.Pix[i+3]}); c != Viridis.At(0) {
				t.Fatalf("%v: constant map pixel %v, want %v", in, c, Viridis.At(0))
			}
		}
	}
}

func TestFitAspect(t *testing.T) {
	for _, tc := range []struct{ rows, cols, cell, w, h int }{
		{28, 28, 84, 84, 84},
		{14, 28, 84, 84, 42},
		{28, 7, 84, 21, 84},
		{1, 100, 50, 50, 1},
	} {
		if w, h := fitAspect(tc.rows, tc.cols, tc.cell); w != tc.w || h != tc.h {
			t.Errorf("fitAspect(%d, %d, %d) = %d, %d, want %d, %d", tc.rows, tc.cols, tc.cell, w, h, tc.w, tc.h)
		}
	}
}
