package digitimage

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"image"
	_ "image/jpeg" // register the JPEG decoder
	_ "image/png"  // register the PNG decoder
	"math"
	"os"
	"slices"
	"strings"

	"golang.org/x/image/draw"
)

const (
	// Size is the side of a prepared image, as in MNIST.
	Size = 28
	// BoxSize is the longer side of the ink's bounding box after scaling.
	BoxSize = 20
	// MaxPixels is the largest width*height Load decodes (40 megapixels).
	MaxPixels = 40_000_000
	// noiseFraction: pixels below this fraction of the strongest ink do not
	// count for the bounding box.
	noiseFraction = 0.1
	// minContrast: an image whose strongest ink stands less than this above
	// the background (on a 0..1 scale) is blank.
	minContrast = 0.05
)

// ErrBlank is returned (wrapped) by Prepare for an image without ink.
var ErrBlank = errors.New("blank image: no digit (no ink that stands out from the background)")

// Load decodes the PNG or JPEG file at path. Every error names the file: it
// does not exist, is empty, is no PNG or JPEG image, is corrupt, is 0x0, or
// declares more than MaxPixels pixels. The size is read from the header and
// checked before the pixels are decoded, so a small file declaring a huge
// image cannot exhaust memory.
func Load(path string) (image.Image, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err // *PathError names the file
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if fi.IsDir() {
		return nil, fmt.Errorf("%s is a directory, not an image", path)
	}
	if fi.Size() == 0 {
		return nil, fmt.Errorf("%s: empty file, not an image", path)
	}
	br := bufio.NewReader(f)
	head, _ := br.Peek(24)
	cfg, format, err := image.DecodeConfig(br)
	if err != nil {
		if w, h, ok := pngSize(head); ok && (w == 0 || h == 0) {
			return nil, fmt.Errorf("%s: the PNG is %dx%d, an image without pixels", path, w, h)
		}
		if errors.Is(err, image.ErrFormat) {
			return nil, fmt.Errorf("%s: not a PNG or JPEG image", path)
		}
		return nil, fmt.Errorf("%s: corrupt image header: %w", path, err)
	}
	if format != "png" && format != "jpeg" {
		return nil, fmt.Errorf("%s: a %s image; only PNG and JPEG are supported", path, strings.ToUpper(format))
	}
	if err := checkSize(path, cfg.Width, cfg.Height); err != nil {
		return nil, err
	}
	if _, err := f.Seek(0, 0); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	img, _, err := image.Decode(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("%s: corrupt %s image: %w", path, strings.ToUpper(format), err)
	}
	if b := img.Bounds(); b.Empty() {
		return nil, fmt.Errorf("%s: the image is %dx%d, an image without pixels", path, b.Dx(), b.Dy())
	}
	return img, nil
}

// checkSize refuses images without pixels and images over MaxPixels.
func checkSize(path string, w, h int) error {
	if w <= 0 || h <= 0 {
		return fmt.Errorf("%s: the image is %dx%d, an image without pixels", path, w, h)
	}
	if int64(w)*int64(h) > MaxPixels {
		return fmt.Errorf("%s: the image declares %dx%d pixels (%.0f megapixels), more than the limit of %d megapixels; not decoding it",
			path, w, h, float64(w)*float64(h)/1e6, MaxPixels/1_000_000)
	}
	return nil
}

// pngSize reads the width and height from a PNG's IHDR chunk, which Go's
// decoder refuses with a generic error when one of them is 0.
func pngSize(head []byte) (w, h uint32, ok bool) {
	if len(head) < 24 || string(head[:8]) != "\x89PNG\r\n\x1a\n" || string(head[12:16]) != "IHDR" {
		return 0, 0, false
	}
	return binary.BigEndian.Uint32(head[16:20]), binary.BigEndian.Uint32(head[20:24]), true
}

// PrepareFile loads and prepares the image at path; errors name the file.
func PrepareFile(path string) ([]float32, error) {
	img, err := Load(path)
	if err != nil {
		return nil, err
	}
	px, err := Prepare(img)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return px, nil
}

// Prepare converts img, any size and polarity, to Size*Size float32 values in
// [0, 1] (row-major, ink 1, background 0), prepared as the MNIST digits were:
// see the package documentation for the steps. An image without pixels and
// an image without ink (ErrBlank) are errors.
func Prepare(img image.Image) ([]float32, error) {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if b.Empty() {
		return nil, fmt.Errorf("the image is %dx%d, an image without pixels", w, h)
	}
	if int64(w)*int64(h) > MaxPixels {
		return nil, fmt.Errorf("the image has %dx%d pixels, more than the limit of %d megapixels", w, h, MaxPixels/1_000_000)
	}
	ink, peak := inkLevels(greyLevels(img), w, h)
	if peak < minContrast {
		return nil, ErrBlank
	}
	box := cropStretched(ink, w, inkBounds(ink, w, h, noiseFraction*peak), peak)
	return centreByMass(scaleToBoxSize(box))
}

// greyLevels returns img's grey levels, row-major, 0 (black) .. 1 (white),
// transparency composited over white.
func greyLevels(img image.Image) []float32 {
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	grey := make([]float32, w*h)
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			r, g, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA() // alpha-premultiplied
			white := float64(0xffff - a)
			lum := 0.299*(float64(r)+white) + 0.587*(float64(g)+white) + 0.114*(float64(bl)+white)
			grey[y*w+x] = float32(lum / 0xffff)
		}
	}
	return grey
}

// inkLevels turns the w x h grey levels, in place, into ink levels above the
// background, and returns them with the strongest.
func inkLevels(grey []float32, w, h int) (ink []float32, peak float32) {
	// Decide the polarity from the border: MNIST has bright ink on black.
	border := borderValues(grey, w, h)
	var sum float64
	for _, v := range border {
		sum += float64(v)
	}
	if sum/float64(len(border)) > 0.5 {
		for i, v := range grey {
			grey[i] = 1 - v
		}
		for i, v := range border {
			border[i] = 1 - v
		}
	}
	ink = grey

	// Subtract the background level: the border's median, robust to ink that
	// touches the border.
	slices.Sort(border)
	bg := border[len(border)/2]
	for i, v := range ink {
		v = max(v-bg, 0)
		ink[i] = v
		peak = max(peak, v)
	}
	return ink, peak
}

// inkBounds returns the bounding box of the w x h ink levels of at least
// threshold, which ignores faint noise. Some level must reach threshold.
func inkBounds(ink []float32, w, h int, threshold float32) image.Rectangle {
	x0, y0, x1, y1 := w, h, -1, -1
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if ink[y*w+x] >= threshold {
				x0, y0 = min(x0, x), min(y0, y)
				x1, y1 = max(x1, x), max(y1, y)
			}
		}
	}
	return image.Rect(x0, y0, x1+1, y1+1)
}

// cropStretched returns the part r of the ink levels, w wide, as a 16-bit
// image with origin (0, 0), peak stretched to white.
func cropStretched(ink []float32, w int, r image.Rectangle, peak float32) *image.Gray16 {
	bw, bh := r.Dx(), r.Dy()
	box := image.NewGray16(image.Rect(0, 0, bw, bh))
	for y := 0; y < bh; y++ {
		for x := 0; x < bw; x++ {
			v := uint16(math.Round(float64(ink[(r.Min.Y+y)*w+r.Min.X+x]/peak) * 0xffff))
			box.Pix[2*(y*bw+x)], box.Pix[2*(y*bw+x)+1] = uint8(v>>8), uint8(v)
		}
	}
	return box
}

// scaleToBoxSize scales box, with origin (0, 0), so that its longer side is
// BoxSize, keeping the aspect ratio.
func scaleToBoxSize(box *image.Gray16) *image.Gray16 {
	bw, bh := box.Rect.Dx(), box.Rect.Dy()
	long := max(bw, bh)
	sw := max(1, int(math.Round(float64(bw)*BoxSize/float64(long))))
	sh := max(1, int(math.Round(float64(bh)*BoxSize/float64(long))))
	scaled := image.NewGray16(image.Rect(0, 0, sw, sh))
	draw.CatmullRom.Scale(scaled, scaled.Bounds(), box, box.Bounds(), draw.Src, nil)
	return scaled
}

// centreByMass pastes digit, with origin (0, 0), onto the Size x Size canvas
// so that its centre of mass lands on the canvas centre, its strongest ink
// stretched to 1. The shift is limited so that no ink is cut off.
func centreByMass(digit *image.Gray16) ([]float32, error) {
	sw, sh := digit.Rect.Dx(), digit.Rect.Dy()
	vals := make([]float64, sw*sh)
	var vmax, mass, mx, my float64
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			v := float64(uint16(digit.Pix[2*(y*sw+x)])<<8|uint16(digit.Pix[2*(y*sw+x)+1])) / 0xffff
			vals[y*sw+x] = v
			vmax = max(vmax, v)
			mass += v
			mx += v * (float64(x) + 0.5)
			my += v * (float64(y) + 0.5)
		}
	}
	if vmax == 0 || mass == 0 {
		return nil, ErrBlank
	}
	ox := clamp(int(math.Round(Size/2-mx/mass)), 0, Size-sw)
	oy := clamp(int(math.Round(Size/2-my/mass)), 0, Size-sh)
	out := make([]float32, Size*Size)
	for y := 0; y < sh; y++ {
		for x := 0; x < sw; x++ {
			out[(oy+y)*Size+ox+x] = float32(vals[y*sw+x] / vmax)
		}
	}
	return out, nil
}

// borderValues returns a copy of the values of the outermost rows and columns.
func borderValues(p []float32, w, h int) []float32 {
	var out []float32
	for x := 0; x < w; x++ {
		out = append(out, p[x])
		if h > 1 {
			out = append(out, p[(h-1)*w+x])
		}
	}
	for y := 1; y < h-1; y++ {
		out = append(out, p[y*w])
		if w > 1 {
			out = append(out, p[y*w+w-1])
		}
	}
	return out
}

func clamp(v, lo, hi int) int { return max(lo, min(v, hi)) }

// ASCII draws a prepared Size x Size image as text, one line per row, darker
// characters for more ink: for looking at what the model sees.
func ASCII(pixels []float32) string {
	const ramp = " .:-=+*#%@"
	var sb strings.Builder
	rows := len(pixels) / Size
	for y := 0; y < rows; y++ {
		for x := 0; x < Size; x++ {
			v := min(max(pixels[y*Size+x], 0), 1)
			sb.WriteByte(ramp[int(math.Round(float64(v)*float64(len(ramp)-1)))])
		}
		sb.WriteByte('\n')
	}
	return sb.String()
}
