package figures_test

import (
	"fmt"

	"github.com/janpfeifer/must"
	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
)

// Grad-CAM of two images for an (untrained) blog model: one row per image,
// the digit, its 3x3 map of conv2d_4 scaled up to 28x28 and the two overlaid,
// in 112-pixel panels.
func ExampleGradCAM() {
	m := must.M1(cnnlib.New(cnnlib.PostModel(), cnnlib.Options{Backend: "go", Seed: 1}))
	defer m.Finalize()
	images := [][]float32{cnnlib.NoiseImage(1, 28, 28), cnnlib.NoiseImage(2, 28, 28)}
	fig := must.M1(figures.GradCAM(m, images))
	w, h := fig.Size()
	fmt.Println(w >= 3*112, h >= 2*112)
	// Output: true true
}

// The 9 images of highest loss of 20 in a 3x3 gallery of 112-pixel cells,
// and their list, highest loss first. A notebook passes the test data.
func ExampleMistakes() {
	m := must.M1(cnnlib.New(cnnlib.PostModel(), cnnlib.Options{Backend: "go", Seed: 1}))
	defer m.Finalize()
	labels := make([]int32, 20)
	var images []float32
	for i := range 20 {
		images = append(images, cnnlib.NoiseImage(uint64(i), 28, 28)...)
		labels[i] = int32(i % 10)
	}
	test := cnnlib.NewData(images, labels)
	fig, list := must.M2(figures.Mistakes(m, test, 9))
	w, h := fig.Size()
	fmt.Println(len(list), w >= 3*112, h >= 3*112)
	fmt.Println(list[0].Loss >= list[8].Loss)
	// Output:
	// 9 true true
	// true
}
