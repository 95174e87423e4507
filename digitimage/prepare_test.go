package digitimage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// stats describes a prepared image: centre of mass in pixel-edge coordinates
// (the canvas centre is (14, 14)), bounding box of the ink (>= 10% of 1), and
// the largest value on the outermost ring.
type stats struct {
	cx, cy       float64
	boxW, boxH   int
	maxV, border float32
}

func measure(t *testing.T, px []float32) stats {
	t.Helper()
	if len(px) != Size*Size {
		t.Fatalf("got %d values, want %d", len(px), Size*Size)
	}
	var s stats
	var mass float64
	x0, y0, x1, y1 := Size, Size, -1, -1
	for y := 0; y < Size; y++ {
		for x := 0; x < Size; x++ {
			v := px[y*Size+x]
			if v < 0 || v > 1 || math.IsNaN(float64(v)) {
				t.Fatalf("pixel (%d,%d) = %v, outside [0, 1]", x, y, v)
			}
			mass += float64(v)
			s.cx += float64(v) * (float64(x) + 0.5)
			s.cy += float64(v) * (float64(y) + 0.5)
			s.maxV = max(s.maxV, v)
			if x == 0 || y == 0 || x == Size-1 || y == Size-1 {
				s.border = max(s.border, v)
			}
			if v >= 0.1 {
				x0, y0, x1, y1 = min(x0, x), min(y0, y), max(x1, x), max(y1, y)
			}
		}
	}
	if mass == 0 {
		t.Fatal("prepared image is empty")
	}
	s.cx, s.cy = s.cx/mass, s.cy/mass
	s.boxW, s.boxH = x1-x0+1, y1-y0+1
	return s
}

// checkMNISTLike checks what MNIST digits have in common: ink up to 1 on a
// black background, centre of mass within 1 px of the centre, the bounding
// box's longer side about 20 px.
func checkMNISTLike(t *testing.T, px []float32) stats {
	t.Helper()
	s := measure(t, px)
	if s.maxV != 1 {
		t.Errorf("strongest ink %v, want 1", s.maxV)
	}
	if s.border > 0.05 {
		t.Errorf("ink %v on the outermost ring: background not black (inversion wrong?)\n%s", s.border, ASCII(px))
	}
	if math.Abs(s.cx-14) > 1 || math.Abs(s.cy-14) > 1 {
		t.Errorf("centre of mass (%.2f, %.2f), want within 1 px of (14, 14)\n%s", s.cx, s.cy, ASCII(px))
	}
	if long := max(s.boxW, s.boxH); long < 19 || long > 21 {
		t.Errorf("bounding box %dx%d, want the longer side about %d\n%s", s.boxW, s.boxH, BoxSize, ASCII(px))
	}
	return s
}

// TestTestdataDigits prepares every image of testdata/digits: PNG (8-bit and
// 16-bit grey, RGBA, transparent NRGBA, palette) and JPEG, both polarities.
func TestTestdataDigits(t *testing.T) {
	files, err := filepath.Glob("../testdata/digits/*")
	if err != nil {
		t.Fatal(err)
	}
	var n int
	for _, f := range files {
		if ext := filepath.Ext(f); ext != ".png" && ext != ".jpg" {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			img, err := Load(f)
			if err != nil {
				t.Fatal(err)
			}
			px, err := Prepare(img)
			if err != nil {
				t.Fatal(err)
			}
			s := checkMNISTLike(t, px)
			if strings.HasPrefix(filepath.Base(f), "one-") && s.boxW > 12 {
				t.Errorf("a 1 should be narrow, got box %dx%d\n%s", s.boxW, s.boxH, ASCII(px))
			}
		})
	}
	if n < 8 {
		t.Errorf("found %d test images in ../testdata/digits, want at least 8", n)
	}
}

// drawShape paints a hand-made "7" (a bar and a slanted stroke) at scale k.
func drawShape(set func(x, y int, ink float64), w, h, k int) {
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			fx, fy := float64(x)/float64(k), float64(y)/float64(k)
			inBar := fy >= 4 && fy < 6 && fx >= 3 && fx < 13
			// slanted stroke from (12, 6) down to (7, 18), width about 2
			d := math.Abs((fx-12)*12+(fy-6)*5) / 13
			inStroke := fy >= 5 && fy < 18 && d < 1
			if inBar || inStroke {
				set(x, y, 1)
			}
		}
	}
}

// TestPolarity checks that black-on-white and white-on-black versions of one
// drawing prepare to the same result, in every common image type.
func TestPolarity(t *testing.T) {
	const w, h, k = 80, 90, 4
	gray := func(inkWhite bool) image.Image {
		m := image.NewGray(image.Rect(0, 0, w, h))
		bg, ink := uint8(255), uint8(0)
		if inkWhite {
			bg, ink = 0, 255
		}
		for i := range m.Pix {
			m.Pix[i] = bg
		}
		drawShape(func(x, y int, _ float64) { m.SetGray(x, y, color.Gray{ink}) }, w, h, k)
		return m
	}
	ref, err := Prepare(gray(false))
	if err != nil {
		t.Fatal(err)
	}
	checkMNISTLike(t, ref)

	variants := map[string]image.Image{"gray white-on-black": gray(true)}
	// RGBA with coloured ink on coloured paper, offset bounds.
	{
		m := image.NewRGBA(image.Rect(100, 50, 100+w, 50+h))
		for y := 50; y < 50+h; y++ {
			for x := 100; x < 100+w; x++ {
				m.Set(x, y, color.RGBA{250, 250, 240, 255})
			}
		}
		drawShape(func(x, y int, _ float64) { m.Set(100+x, 50+y, color.RGBA{10, 10, 60, 255}) }, w, h, k)
		variants["rgba offset bounds"] = m
	}
	// Transparent background whose colour is black: only compositing over
	// white reveals black ink on it.
	{
		m := image.NewNRGBA(image.Rect(0, 0, w, h))
		drawShape(func(x, y int, _ float64) { m.Set(x, y, color.NRGBA{0, 0, 0, 255}) }, w, h, k)
		variants["nrgba transparent"] = m
	}
	// 16-bit grey.
	{
		m := image.NewGray16(image.Rect(0, 0, w, h))
		drawShape(func(x, y int, _ float64) { m.SetGray16(x, y, color.Gray16{0xffff}) }, w, h, k)
		variants["gray16 white-on-black"] = m
	}
	// Palette.
	{
		m := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.White, color.Black})
		drawShape(func(x, y int, _ float64) { m.SetColorIndex(x, y, 1) }, w, h, k)
		variants["paletted"] = m
	}
	for name, img := range variants {
		px, err := Prepare(img)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		var diff float64
		for i := range px {
			diff = max(diff, math.Abs(float64(px[i]-ref[i])))
		}
		if diff > 0.02 {
			t.Errorf("%s: differs from black-on-white by up to %.3f\nwant:\n%s\ngot:\n%s", name, diff, ASCII(ref), ASCII(px))
		}
	}
}

// TestAspectRatio checks that a tall thin and a wide flat bar keep their shape.
func TestAspectRatio(t *testing.T) {
	for _, tc := range []struct{ w, h, bw, bh, wantW, wantH int }{
		{200, 200, 20, 100, 4, 20},
		{300, 100, 240, 30, 20, 3},
		{10, 10, 4, 5, 16, 20}, // upscaled
	} {
		m := image.NewGray(image.Rect(0, 0, tc.w, tc.h))
		x0, y0 := (tc.w-tc.bw)/2, (tc.h-tc.bh)/2
		for y := y0; y < y0+tc.bh; y++ {
			for x := x0; x < x0+tc.bw; x++ {
				m.SetGray(x, y, color.Gray{255})
			}
		}
		px, err := Prepare(m)
		if err != nil {
			t.Fatal(err)
		}
		s := measure(t, px)
		if abs(s.boxW-tc.wantW) > 1 || abs(s.boxH-tc.wantH) > 1 {
			t.Errorf("%dx%d bar: box %dx%d, want about %dx%d\n%s", tc.bw, tc.bh, s.boxW, s.boxH, tc.wantW, tc.wantH, ASCII(px))
		}
		if math.Abs(s.cx-14) > 1 || math.Abs(s.cy-14) > 1 {
			t.Errorf("%dx%d bar: centre of mass (%.2f, %.2f)", tc.bw, tc.bh, s.cx, s.cy)
		}
	}
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// TestFaintNoise checks that faint specks far from the digit do not widen the box.
func TestFaintNoise(t *testing.T) {
	m := image.NewGray(image.Rect(0, 0, 100, 100))
	for i := range m.Pix {
		m.Pix[i] = 255
	}
	for y := 30; y < 70; y++ {
		for x := 45; x < 55; x++ {
			m.SetGray(x, y, color.Gray{0})
		}
	}
	m.SetGray(3, 3, color.Gray{240})   // 6% ink: noise
	m.SetGray(95, 90, color.Gray{235}) // 8% ink: noise
	px, err := Prepare(m)
	if err != nil {
		t.Fatal(err)
	}
	s := measure(t, px)
	if s.boxW != 5 || s.boxH != 20 {
		t.Errorf("box %dx%d, want 5x20 (noise ignored)\n%s", s.boxW, s.boxH, ASCII(px))
	}
}

func TestBlank(t *testing.T) {
	for name, img := range map[string]image.Image{
		"white 50x50":       filled(50, 50, color.Gray{255}),
		"black 50x50":       filled(50, 50, color.Gray{0}),
		"grey 50x50":        filled(50, 50, color.Gray{128}),
		"transparent 50x50": image.NewNRGBA(image.Rect(0, 0, 50, 50)),
		"1x1":               filled(1, 1, color.Gray{0}),
	} {
		if _, err := Prepare(img); !errors.Is(err, ErrBlank) {
			t.Errorf("%s: got %v, want ErrBlank", name, err)
		}
	}
	dir := t.TempDir()
	path := filepath.Join(dir, "blank.png")
	writePNG(t, path, filled(64, 64, color.Gray{255}))
	_, err := PrepareFile(path)
	if !errors.Is(err, ErrBlank) || !strings.Contains(err.Error(), path) {
		t.Errorf("PrepareFile(blank): got %v, want ErrBlank naming %s", err, path)
	}
}

func filled(w, h int, c color.Gray) *image.Gray {
	m := image.NewGray(image.Rect(0, 0, w, h))
	for i := range m.Pix {
		m.Pix[i] = c.Y
	}
	return m
}

func writePNG(t *testing.T, path string, img image.Image) {
	t.Helper()
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

// pngHeader returns a PNG signature, an IHDR declaring w x h 8-bit grey, and
// a short, invalid IDAT: enough for image.DecodeConfig, useless for Decode.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(typ string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		crc := crc32.NewIEEE()
		crc.Write([]byte(typ))
		crc.Write(data)
		b.WriteString(typ)
		b.Write(data)
		binary.Write(&b, binary.BigEndian, crc.Sum32())
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 0 // bit depth 8, colour type grey
	chunk("IHDR", ihdr)
	chunk("IDAT", []byte{0x78, 0x9c})
	return b.Bytes()
}

func TestLoadErrors(t *testing.T) {
	dir := t.TempDir()
	write := func(name string, data []byte) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name, path, want string
	}{
		{"missing", filepath.Join(dir, "nope.png"), "no such file"},
		{"directory", dir, "is a directory"},
		{"empty", write("empty.png", nil), "empty file"},
		{"text", write("notes.png", []byte("this is not an image\n")), "not a PNG or JPEG"},
		{"0x0", write("zero.png", pngHeader(0, 0)), "0x0"},
		{"0x5", write("zero-w.png", pngHeader(0, 5)), "0x5"},
		{"huge", write("huge.png", pngHeader(20000, 20000)), "20000x20000"},
		{"truncated", write("cut.png", pngHeader(30, 30)), "corrupt PNG"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			img, err := Load(tc.path)
			if err == nil {
				t.Fatalf("Load: got a %v image, want an error", img.Bounds())
			}
			if !strings.Contains(err.Error(), tc.path) || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("got %q, want an error naming %s and saying %q", err, tc.path, tc.want)
			}
			if _, err := PrepareFile(tc.path); err == nil {
				t.Error("PrepareFile: no error")
			}
		})
	}
}

// TestHugeRefusedBeforeDecoding checks that a 20000x20000 header (1.6 GB as
// pixels) is refused without allocating the pixels.
func TestHugeRefusedBeforeDecoding(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.png")
	if err := os.WriteFile(path, pngHeader(20000, 20000), 0o644); err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := Load(path)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "megapixels") {
		t.Fatalf("got %v, want a size refusal", err)
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 10<<20 {
		t.Errorf("Load allocated %d MB before refusing", alloc>>20)
	}
	// Just under the limit is accepted as far as the header goes.
	if err := checkSize(path, 8000, 5000); err != nil {
		t.Errorf("40 megapixels: %v", err)
	}
	if err := checkSize(path, 8001, 5000); err == nil {
		t.Error("40.005 megapixels: no error")
	}
}

func TestPrepareEmptyImage(t *testing.T) {
	_, err := Prepare(image.NewGray(image.Rect(0, 0, 0, 0)))
	if err == nil || !strings.Contains(err.Error(), "0x0") {
		t.Errorf("got %v, want a 0x0 error", err)
	}
}

func TestASCII(t *testing.T) {
	px := make([]float32, Size*Size)
	px[0], px[1], px[Size+2] = 1, 0.5, 0.1
	lines := strings.Split(strings.TrimSuffix(ASCII(px), "\n"), "\n")
	if len(lines) != Size || len(lines[0]) != Size {
		t.Fatalf("got %d lines of %d characters, want %d of %d", len(lines), len(lines[0]), Size, Size)
	}
	if lines[0][:2] != "@+" || lines[1][2] != '.' {
		t.Errorf("got %q, %q", lines[0][:3], lines[1][:3])
	}
}
