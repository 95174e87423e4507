package cnnlib_test

import (
	"fmt"

	"github.com/janpfeifer/must"
	"github.com/kiwerkstatt/werkbank/cnnlib"
)

// Grad-CAM of the post's model lives at conv2d_4, the last convolution: a
// 3x3 map, one value per region of the digit.
func ExampleModel_GradCAM() {
	m := must.M1(cnnlib.New(cnnlib.PostModel(), cnnlib.Options{Backend: "go", Seed: 1}))
	defer m.Finalize()
	img := cnnlib.NoiseImage(1, 28, 28)
	probs := must.M1(m.Predict(img))
	cam, h, w := must.M3(m.GradCAM(img, cnnlib.Argmax(probs[0])))
	fmt.Println(h, w, len(cam))
	up := must.M1(cnnlib.ResizeBilinear(cam, h, w, 28, 28))
	fmt.Println(len(up))
	// Output:
	// 3 3 9
	// 784
}

// Bilinear scaling with aligned pixel centres: the corners keep their
// values, the pixels between them interpolate.
func ExampleResizeBilinear() {
	up := must.M1(cnnlib.ResizeBilinear([]float32{0, 1, 2, 3}, 2, 2, 4, 4))
	for r := range 4 {
		fmt.Println(up[4*r : 4*r+4])
	}
	// Output:
	// [0 0.25 0.75 1]
	// [0.5 0.75 1.25 1.5]
	// [1.5 1.75 2.25 2.5]
	// [2 2.25 2.75 3]
}

// TopLosses ranks samples by their loss, highest first.
func ExampleModel_TopLosses() {
	m := must.M1(cnnlib.New(cnnlib.PostModel(), cnnlib.Options{Backend: "go", Seed: 1}))
	defer m.Finalize()
	labels := []int32{3, 1, 4, 1, 5}
	var images []float32
	for i := range labels {
		images = append(images, cnnlib.NoiseImage(uint64(i), 28, 28)...)
	}
	d := cnnlib.NewData(images, labels)
	top := must.M1(m.TopLosses(d, 3))
	fmt.Println(len(top), top[0].Loss >= top[1].Loss && top[1].Loss >= top[2].Loss)
	// Output: 3 true
}
