package plots_test

import (
	"fmt"
	"log"

	"github.com/kiwerkstatt/werkbank/plots"
)

func ExampleStrip() {
	// Test accuracies of five seeds of the post's run, and of three runs
	// of another configuration.
	post := plots.Sample{Label: "post's settings", Values: []float64{0.9891, 0.9865, 0.9882, 0.9900, 0.9901}, Highlight: true}
	wider := plots.Sample{Label: "--dense 256", Values: []float64{0.9903, 0.9911, 0.9896}}

	// A row per configuration, with the post's goal, its result and 0.995
	// marked, and the band where the post's settings land: is --dense 256
	// more than seed noise?
	d := plots.Distribution{
		XLabel:  "Test accuracy",
		Samples: []plots.Sample{post, wider},
		Marks: []plots.Mark{
			{X: 0.9926, Label: "post 0.9926"},
			{X: 0.991, Label: "goal 0.991"},
			{X: 0.995, Label: "0.995"},
		},
		Band:     plots.BaselineBand(post),
		Decimals: 4,
	}
	fig, err := plots.Strip(d, plots.WithTitle("Test accuracy over seeds"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s %.4f..%.4f\n", bounds(fig), d.Band.Lo, d.Band.Hi)
	// Output:
	// (0,0)-(800,178) 0.9858..0.9918
}
