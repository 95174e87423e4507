package plots_test

import (
	"fmt"
	"log"

	"github.com/kiwerkstatt/werkbank/plots"
)

func ExampleConfusionMatrix() {
	// counts[true][predicted]
	counts := [][]int{
		{972, 0, 1, 0, 0, 2, 3, 1, 1, 0},
		{0, 1130, 2, 0, 0, 0, 1, 1, 1, 0},
		{1, 1, 1025, 0, 0, 0, 0, 4, 1, 0},
		{0, 0, 1, 1003, 0, 3, 0, 1, 2, 0},
		{0, 0, 0, 0, 974, 0, 2, 0, 0, 6},
		{1, 0, 0, 5, 0, 883, 1, 0, 1, 1},
		{3, 2, 0, 0, 1, 2, 949, 0, 1, 0},
		{0, 2, 5, 0, 0, 0, 0, 1017, 1, 3},
		{2, 0, 1, 1, 0, 1, 0, 1, 965, 3},
		{0, 0, 0, 0, 5, 3, 0, 3, 1, 997},
	}
	fig, err := plots.ConfusionMatrix(counts, nil, plots.WithTitle("MNIST test set"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bounds(fig))
	// Output:
	// (0,0)-(539,524)
}

func ExampleDistanceMatrix() {
	// Euclidean distances between the 3×3×16 codes of five images.
	dist := [][]float64{
		{0, 7.91, 8.12, 9.40, 9.05},
		{7.91, 0, 1.32, 6.85, 7.02},
		{8.12, 1.32, 0, 6.61, 6.90},
		{9.40, 6.85, 6.61, 0, 1.71},
		{9.05, 7.02, 6.90, 1.71, 0},
	}
	labels := []string{"Rauschen", "4 (a)", "4 (b)", "6 (a)", "6 (b)"}
	fig, err := plots.DistanceMatrix(dist, labels, plots.WithCaption("Abstände der Codes"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bounds(fig))
	// Output:
	// (0,0)-(570,498)
}

func ExampleHeatOverlays() {
	// A digit-sized image and a heat map over it, such as a saliency map:
	// image | heat map | both, with the colour bar on the right.
	image, heat := random(28*28, 1), random(28*28, 2)
	fig, err := plots.HeatOverlays(plots.Overlay{
		Title:   "Saliency",
		Headers: [3]string{"digit", "saliency", "overlay"},
		Rows: []plots.OverlayRow{{
			Label: "reads 4",
			Image: plots.Map{Data: image, Rows: 28, Cols: 28},
			Heat:  plots.Map{Data: heat, Rows: 28, Cols: 28},
		}},
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(bounds(fig))
	// Output:
	// (0,0)-(487,175)
}
