package cnnlib

import (
	"fmt"
	"math"
	"math/rand/v2"

	"github.com/kiwerkstatt/werkbank/lang"

	"github.com/gomlx/gomlx/core/tensors"
)

// Augmentation is random data augmentation of the training images, as Keras'
// ImageDataGenerator(rotation_range=Rotation, width_shift_range=Shift,
// height_shift_range=Shift, zoom_range=Zoom) does it: every image of every
// training batch gets its own affine transform, a rotation about the center
// by up to ±Rotation degrees, a shift by up to ±Shift of the width and of the
// height, and a zoom by a factor in [1-Zoom, 1+Zoom] drawn for each axis, as
// Keras draws them. The zero value is no augmentation.
//
// Pixels are inverse-mapped with bilinear interpolation, and those that come
// from outside the image are 0. Keras' default fill_mode is 'nearest', which
// repeats the border pixels outward; on MNIST the border is black around the
// digit, so both fill the same black, except where a stroke touches the edge:
// 'nearest' smears it into a streak to the edge of the image, 0 does not.
type Augmentation struct {
	Rotation float64 `json:"rotation"` // degrees, in [0, 180]; usual: 10
	Shift    float64 `json:"shift"`    // fraction of the width and height, in [0, 1); usual: 0.1
	Zoom     float64 `json:"zoom"`     // fraction, in [0, 1); usual: 0.1
}

// KaggleAugmentation returns the values most top Kaggle MNIST models train
// with: rotation 10°, shift 0.1, zoom 0.1.
func KaggleAugmentation() Augmentation {
	return Augmentation{Rotation: 10, Shift: 0.1, Zoom: 0.1}
}

// IsZero reports whether a is no augmentation.
func (a Augmentation) IsZero() bool { return a == Augmentation{} }

// String describes a, e.g. "rotation ±10°, shift ±0.1, zoom ±0.1", or "none".
func (a Augmentation) String() string {
	if a.IsZero() {
		return lang.T("cnnlib.augment.none")
	}
	return lang.Sprintf("cnnlib.augment", a.Rotation, a.Shift, a.Zoom)
}

// Validate checks the ranges; an error names the value and what is expected.
func (a Augmentation) Validate() error {
	if name, v, want := a.invalid(); name != "" {
		return fmt.Errorf("augmentation %s %v: want %s", name, v, want)
	}
	return nil
}

// invalid returns the first out-of-range field, its value and the range it
// needs; name is empty when a is valid. Hyperparameters name the field
// (augment.<name>) with it, Validate the augmentation's field. A shift of 1 or more
// would move the digit out of the image (Keras reads it as pixels); a zoom
// of 1 or more could shrink an axis to nothing.
func (a Augmentation) invalid() (name string, v float64, want string) {
	switch {
	case !(a.Rotation >= 0 && a.Rotation <= 180):
		return "rotation", a.Rotation, "degrees in [0, 180] (usual: 10)"
	case !(a.Shift >= 0 && a.Shift < 1):
		return "shift", a.Shift, "a fraction of the image size in [0, 1) (usual: 0.1)"
	case !(a.Zoom >= 0 && a.Zoom < 1):
		return "zoom", a.Zoom, "a fraction in [0, 1) (usual: 0.1)"
	}
	return "", 0, ""
}

// Apply writes to dst the images of src (NHWC, h×w pixels of c channels
// each), each transformed by its own draw from rng. a must be valid; dst and
// src must not overlap and hold the same whole number of images.
func (a Augmentation) Apply(dst, src []float32, h, w, c int, rng *rand.Rand) {
	per := h * w * c
	if len(dst) != len(src) || per == 0 || len(src)%per != 0 {
		panic(fmt.Sprintf("cnnlib: Augmentation.Apply: %d and %d values, want the same whole number of %dx%dx%d images", len(dst), len(src), h, w, c))
	}
	for i := 0; i < len(src); i += per {
		a.draw(rng, h, w).apply(dst[i:i+per], src[i:i+per], h, w, c)
	}
}

// augmentRNG returns the random stream of the augmentation of one training
// step, from (seed, epoch, step) as dropoutNoise draws its masks, but a
// stream of its own: turning augmentation on does not change the masks, and
// a resumed run draws the same transforms.
func augmentRNG(seed int64, epoch, step int) *rand.Rand {
	return rand.New(rand.NewPCG(uint64(seed)^0x6175676d656e74 /* "augment" */, uint64(epoch)<<32|uint64(step)))
}

// augmentBatch overwrites the images of the batch x, gathered from the
// samples idx of d, with their augmented versions for training step
// (seed, epoch, step). It reads each original from d into one image's buffer.
func (m *Model) augmentBatch(x *tensors.Tensor, a Augmentation, d Data, idx []int, seed int64, epoch, step int) {
	in := m.Spec.InputShape
	per := in[0] * in[1] * in[2]
	rng := augmentRNG(seed, epoch, step)
	src := make([]float32, per)
	tensors.MustMutableFlatData(x, func(flat []float32) {
		for i, j := range idx {
			d.copyImage(src, j, per)
			a.Apply(flat[i*per:(i+1)*per], src, in[0], in[1], in[2], rng)
		}
	})
}

// affine is one image's transform, as output pixel → input pixel: with d the
// output pixel's offset from the image center, the input is sampled at
// center + R·(Z·d - shift), Keras' order (apply_affine_transform).
type affine struct {
	rotation       float64 // degrees; positive turns the content counterclockwise as displayed (row 0 on top)
	shiftX, shiftY float64 // pixels the content moves right and down
	zoomX, zoomY   float64 // Keras' zoom: the content shrinks by this factor along x (columns) and y (rows)
}

// draw returns a transform from rng. It always takes five draws, zero
// ranges included, so image i of a step is transformed by draws 5i to 5i+4.
func (a Augmentation) draw(rng *rand.Rand, h, w int) affine {
	u := func() float64 { return 2*rng.Float64() - 1 }
	return affine{
		rotation: a.Rotation * u(),
		shiftX:   a.Shift * float64(w) * u(),
		shiftY:   a.Shift * float64(h) * u(),
		zoomX:    1 + a.Zoom*u(),
		zoomY:    1 + a.Zoom*u(),
	}
}

// apply writes the transformed src to dst, interpolating bilinearly; pixels
// from outside src count as 0.
func (t affine) apply(dst, src []float32, h, w, c int) {
	sin, cos := sincosDegrees(t.rotation)
	cy, cx := float64(h-1)/2, float64(w-1)/2
	// The input coordinates are affine in the output's (r, col):
	// x = x0 + xr·r + xc·col, y = y0 + yr·r + yc·col.
	xc, xr := cos*t.zoomX, -sin*t.zoomY
	yc, yr := sin*t.zoomX, cos*t.zoomY
	dx0, dy0 := -cx*t.zoomX-t.shiftX, -cy*t.zoomY-t.shiftY
	x0 := cx + cos*dx0 - sin*dy0
	y0 := cy + sin*dx0 + cos*dy0
	at := func(y, x, ch int) float64 {
		if y < 0 || y >= h || x < 0 || x >= w {
			return 0
		}
		return float64(src[(y*w+x)*c+ch])
	}
	for r := range h {
		for col := range w {
			x := x0 + xr*float64(r) + xc*float64(col)
			y := y0 + yr*float64(r) + yc*float64(col)
			fx, fy := math.Floor(x), math.Floor(y)
			ix, iy := int(fx), int(fy)
			out := dst[(r*w+col)*c : (r*w+col+1)*c]
			if ix < -1 || ix >= w || iy < -1 || iy >= h {
				clear(out) // all four neighbours outside
				continue
			}
			wx, wy := x-fx, y-fy
			inside := ix >= 0 && ix+1 < w && iy >= 0 && iy+1 < h // most pixels: no checks
			for ch := range out {
				var p00, p01, p10, p11 float64
				if inside {
					i := (iy*w+ix)*c + ch
					p00, p01, p10, p11 = float64(src[i]), float64(src[i+c]), float64(src[i+w*c]), float64(src[i+w*c+c])
				} else {
					p00, p01, p10, p11 = at(iy, ix, ch), at(iy, ix+1, ch), at(iy+1, ix, ch), at(iy+1, ix+1, ch)
				}
				out[ch] = float32((1-wy)*((1-wx)*p00+wx*p01) + wy*((1-wx)*p10+wx*p11))
			}
		}
	}
}

// sincosDegrees is math.Sincos of an angle in degrees, exact at multiples of
// 90°, so that a quarter turn permutes the pixels exactly (math.Cos(π/2) is
// 6e-17, which would blend in a neighbour by that weight).
func sincosDegrees(deg float64) (sin, cos float64) {
	if q := deg / 90; q == math.Trunc(q) {
		quarter := int(math.Mod(q, 4)+4) % 4
		return [4]float64{0, 1, 0, -1}[quarter], [4]float64{1, 0, -1, 0}[quarter]
	}
	return math.Sincos(deg * math.Pi / 180)
}
