package plots_test

import (
	"fmt"
	"log"
	"os"
	"path/filepath"

	"github.com/kiwerkstatt/werkbank/plots"
)

func ExampleSaveAll() {
	dir, err := os.MkdirTemp("", "plots-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	fig, err := plots.TrainingCurve(plots.Curves{Title: "Loss", Train: []float64{0.31, 0.09, 0.07}, Val: []float64{0.085, 0.062, 0.049}})
	if err != nil {
		log.Fatal(err)
	}
	pngPath, svgPath, err := plots.SaveAll(fig, filepath.Join(dir, "figures"), "abb2")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(filepath.Base(pngPath), filepath.Base(svgPath))

	// Save picks the format from the extension.
	err = plots.Save(fig, filepath.Join(dir, "abb2.jpg"))
	fmt.Println(err != nil)
	// Output:
	// abb2.png abb2.svg
	// true
}

func ExampleShow() {
	fig, err := plots.ProbabilityBars([]float64{0.1, 0.9}, []string{"cat", "dog"})
	if err != nil {
		log.Fatal(err)
	}
	// In a GoNB cell this displays the chart under the cell; in a test or
	// command it does nothing.
	plots.Show(fig)
	// Output:
}
