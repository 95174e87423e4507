package cnnlib_test

import (
	"fmt"
	"math/rand/v2"

	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// A vertical stroke like a handwritten 1, augmented three times with the
// Kaggle values, as Fit augments training images: each copy is shifted,
// tilted and zoomed a little. Printed: the box around the pixels brighter
// than 0.5, and the ink (the sum of the pixels).
func ExampleAugmentation_Apply() {
	const h, w = 28, 28
	one := make([]float32, h*w)
	for r := 6; r < 22; r++ {
		one[r*w+13], one[r*w+14] = 1, 1
	}
	describe := func(img []float32) string {
		top, bottom, left, right, ink := h, -1, w, -1, float32(0)
		for i, v := range img {
			ink += v
			if v > 0.5 {
				r, c := i/w, i%w
				top, bottom, left, right = min(top, r), max(bottom, r), min(left, c), max(right, c)
			}
		}
		return fmt.Sprintf("rows %2d-%2d, columns %2d-%2d, ink %.1f", top, bottom, left, right, ink)
	}
	a := cnnlib.KaggleAugmentation()
	fmt.Println(a)
	fmt.Println("original: ", describe(one))
	rng := rand.New(rand.NewPCG(1, 2))
	out := make([]float32, len(one))
	for range 3 {
		a.Apply(out, one, h, w, 1, rng)
		fmt.Println("augmented:", describe(out))
	}
	// Output:
	// rotation ±10°, shift ±0.1, zoom ±0.1
	// original:  rows  6-21, columns 13-14, ink 32.0
	// augmented: rows  6-21, columns 12-14, ink 30.6
	// augmented: rows  5-20, columns 14-16, ink 30.4
	// augmented: rows  4-19, columns 15-16, ink 29.5
}
