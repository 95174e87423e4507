package plots_test

import (
	"fmt"
	"log"

	"github.com/kiwerkstatt/werkbank/plots"
)

func ExampleHistogram() {
	// Test accuracies of five seeds of the post's run, and of three runs
	// of another configuration.
	post := plots.Sample{Label: "post's settings", Values: []float64{0.9891, 0.9865, 0.9882, 0.9900, 0.9901}}
	wider := plots.Sample{Label: "--dense 256", Values: []float64{0.9903, 0.9911, 0.9896}}

	// In bins of 0.0005, with the post's goal, its result and 0.995 marked.
	d := plots.AccuracyDistribution(post, wider)
	fig, err := plots.Histogram(d, plots.WithTitle("Test accuracy over seeds"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(d.BinWidth, bounds(fig))
	// Output:
	// 0.0005 (0,0)-(640,420)
}
