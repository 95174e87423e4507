package figures_test

import (
	"fmt"

	"github.com/janpfeifer/must"
	"github.com/kiwerkstatt/werkbank/cnnlib"
	"github.com/kiwerkstatt/werkbank/figures"
)

// Abb 5 of the post for an (untrained) blog model: the noise image and the 16
// filters of conv2d_4 in a 5x4 grid of 84-pixel cells.
func ExampleDream() {
	m := must.M1(cnnlib.New(cnnlib.PostModel(), cnnlib.Options{Backend: "go", Seed: 1}))
	defer m.Finalize()
	noise := figures.Noise(m, 0)
	fig := must.M1(figures.Dream(m, noise, 6))
	w, h := fig.Size()
	fmt.Println(w >= 5*84, h >= 4*84)
	// Output: true true
}

// Abb 4 and 5 for whatever model a notebook has built: ConvLayers finds its
// convolutions by the spec's layer kinds, and Dreams without layer indices
// draws them all, one grid below the other.
func ExampleDreams() {
	m := must.M1(cnnlib.New(cnnlib.PostModel(), cnnlib.Options{Backend: "go", Seed: 1}))
	defer m.Finalize()
	fmt.Println(figures.ConvLayers(m))
	fig := must.M1(figures.Dreams(m, figures.Noise(m, 0)))
	_, h := fig.Size()
	fmt.Println(h > 4*4*84)
	// Output:
	// [0 2 4 6]
	// true
}
