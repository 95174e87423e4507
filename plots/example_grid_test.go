package plots_test

import (
	"fmt"
	"log"
	"math/rand/v2"

	"github.com/kiwerkstatt/werkbank/plots"
)

// random returns n pseudo-random values, standing in for real activations.
func random(n int, seed uint64) []float32 {
	rng := rand.New(rand.NewPCG(seed, 0))
	d := make([]float32, n)
	for i := range d {
		d[i] = max(0, rng.Float32()*2-1) // ReLU-like: about half zero
	}
	return d
}

func ExampleFeatureMaps() {
	// The output of a Conv2D layer for one image: (14, 14, 32), channels
	// last, flattened.
	out := random(14*14*32, 1)
	maps, err := plots.FeatureMaps(out, 14, 14, 32)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(maps), maps[5].Rows, maps[5].Cols, maps[5].Title)
	// Output:
	// 32 14 14 5
}

func ExampleRow() {
	// Abb 3: the original digit and the first nine feature maps of a layer.
	original := plots.Map{Data: random(28*28, 2), Rows: 28, Cols: 28, Title: "Original"}
	maps, err := plots.FeatureMaps(random(28*28*32, 3), 28, 28, 32)
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plots.Row(append([]plots.Map{original}, maps[:9]...), plots.GridOptions{
		Interpolation: plots.Smooth, // matplotlib's 'sinc'
		Caption:       "Abb 3: Das Ergebnis von neun verschiedenen Filtern je Layer, wenn sie auf eine 4 blicken.",
	})
	if err != nil {
		log.Fatal(err)
	}
	// 10 cells of 84 pixels, 9 gaps of 7, margins of 10; one row of
	// titles above and the caption below.
	fmt.Println(bounds(fig))
	// Output:
	// (0,0)-(923,143)
}

func ExampleGrid() {
	// Abb 5: what the 16 filters of the last convolution (3×3) make of
	// noise, the noise image first.
	noise := plots.Map{Data: random(28*28, 4), Rows: 28, Cols: 28, Title: "Original"}
	maps, err := plots.FeatureMaps(random(3*3*16, 5), 3, 3, 16)
	if err != nil {
		log.Fatal(err)
	}
	fig, err := plots.Grid(append([]plots.Map{noise}, maps...), plots.GridOptions{
		Title: "Layer Index 6 Conv2D (1, 3, 3, 16)",
	})
	if err != nil {
		log.Fatal(err)
	}
	// 17 maps: 5 columns, 4 rows.
	fmt.Println(bounds(fig))
	// Output:
	// (0,0)-(468,466)
}

func ExampleColumns() {
	// Abb 6: noise | two 4s | two 6s, each column the input image followed
	// by its 16 codes; nil columns separate the groups.
	column := func(seed uint64) []plots.Map {
		codes, err := plots.FeatureMaps(random(3*3*16, seed), 3, 3, 16)
		if err != nil {
			log.Fatal(err)
		}
		for i := range codes {
			codes[i].Title = ""
		}
		img := plots.Map{Data: random(28*28, seed+100), Rows: 28, Cols: 28}
		return append([]plots.Map{img}, codes...)
	}
	fig, err := plots.Columns([][]plots.Map{
		column(1), nil, column(2), column(3), nil, column(4), column(5),
	}, plots.GridOptions{Caption: "Abb 6: Zwei Beispiele für codierte Ziffern"})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bounds(fig))
	// Output:
	// (0,0)-(380,1059)
}
